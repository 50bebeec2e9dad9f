package peer

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"fmt"
	"math/big"
	"time"
)

// selfSigned makes the certificate a node shows in every handshake. Only its
// public key matters to the other side; the long validity spares operators a
// renewal, since dates are not checked (the key is pinned instead).
func selfSigned(key ed25519.PrivateKey) (tls.Certificate, error) {
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("peer: certificate serial: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "flint peer " + fingerprint(key.Public().(ed25519.PublicKey))},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(100, 0, 0),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth, x509.ExtKeyUsageClientAuth},
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("peer: self-signed certificate: %w", err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("peer: self-signed certificate: %w", err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: leaf}, nil
}

// leafKey returns the ed25519 key of the single certificate a peer showed.
// The handshake has already proved that the peer holds its private key.
func leafKey(certs []*x509.Certificate) (ed25519.PublicKey, error) {
	if len(certs) != 1 {
		return nil, fmt.Errorf("%w: %d certificates, want exactly one", ErrPeerKey, len(certs))
	}
	key, ok := certs[0].PublicKey.(ed25519.PublicKey)
	if !ok || len(key) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: not an ed25519 key", ErrPeerKey)
	}
	return key, nil
}

// fingerprint names a public key briefly in errors and logs.
func fingerprint(key ed25519.PublicKey) string {
	if len(key) < 8 {
		return "invalid"
	}
	return hex.EncodeToString(key[:8])
}

// serverTLS accepts a client whose key the directory knows, at handshake time.
func serverTLS(cert tls.Certificate, dir Directory) *tls.Config {
	return &tls.Config{
		MinVersion:             tls.VersionTLS13,
		MaxVersion:             tls.VersionTLS13,
		Certificates:           []tls.Certificate{cert},
		ClientAuth:             tls.RequireAnyClientCert, // chains are not checked: VerifyConnection pins keys
		SessionTicketsDisabled: true,                     // every connection proves its key afresh
		VerifyConnection: func(cs tls.ConnectionState) error {
			key, err := leafKey(cs.PeerCertificates)
			if err != nil {
				return err
			}
			if _, ok := dir.Lookup(key); !ok {
				return fmt.Errorf("%w: client key %s is not in the directory", ErrPeerKey, fingerprint(key))
			}
			return nil
		},
	}
}

// clientTLS accepts only the server key want: the key the directory lists for
// the node being dialled.
func clientTLS(cert tls.Certificate, want ed25519.PublicKey) *tls.Config {
	return &tls.Config{
		MinVersion: tls.VersionTLS13,
		MaxVersion: tls.VersionTLS13,
		// Chains and names are not checked: VerifyConnection pins the key.
		InsecureSkipVerify: true,
		GetClientCertificate: func(*tls.CertificateRequestInfo) (*tls.Certificate, error) {
			return &cert, nil
		},
		VerifyConnection: func(cs tls.ConnectionState) error {
			key, err := leafKey(cs.PeerCertificates)
			if err != nil {
				return err
			}
			if !key.Equal(want) {
				return fmt.Errorf("%w: server key %s, directory lists %s", ErrPeerKey, fingerprint(key), fingerprint(want))
			}
			return nil
		},
	}
}
