// Package webauthntest is a software WebAuthn authenticator, and the browser
// around it, for tests: it makes ES256 and RS256 credentials, gives their
// COSE public keys as a PKP's auth method registration stores them, and
// signs assertions that it wraps as Lit's SDK sends them (the accessToken of
// auth method type 3). It is for tests only: keys live in memory.
package webauthntest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"

	"github.com/fxamacker/cbor/v2"
)

// Authenticator holds one credential: its id and its private key.
type Authenticator struct {
	// CredentialID is the credential's raw id.
	CredentialID []byte
	ec           *ecdsa.PrivateKey
	rsa          *rsa.PrivateKey
}

// NewES256 makes a credential with a P-256 key and a 16-byte id.
func NewES256() (*Authenticator, error) {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("webauthntest: %w", err)
	}
	return newAuthenticator(16, k, nil)
}

// NewRS256 makes a credential with an RSA key of bits bits (2048 or more)
// and a 20-byte id.
func NewRS256(bits int) (*Authenticator, error) {
	if bits < 2048 {
		return nil, fmt.Errorf("webauthntest: RSA key of %d bits, want at least 2048", bits)
	}
	k, err := rsa.GenerateKey(rand.Reader, bits)
	if err != nil {
		return nil, fmt.Errorf("webauthntest: %w", err)
	}
	return newAuthenticator(20, nil, k)
}

func newAuthenticator(idLen int, ec *ecdsa.PrivateKey, rk *rsa.PrivateKey) (*Authenticator, error) {
	id := make([]byte, idLen)
	if _, err := rand.Read(id); err != nil {
		return nil, fmt.Errorf("webauthntest: %w", err)
	}
	return &Authenticator{CredentialID: id, ec: ec, rsa: rk}, nil
}

// Public is the credential's public key: *ecdsa.PublicKey or
// *rsa.PublicKey, for checking a signature independently of any WebAuthn
// library.
func (a *Authenticator) Public() crypto.PublicKey {
	if a.ec != nil {
		return &a.ec.PublicKey
	}
	if a.rsa != nil {
		return &a.rsa.PublicKey
	}
	return nil
}

// RawID is the credential id as the SDK sends it (unpadded base64url): the
// user id of the auth method, whose id is keccak256("<RawID>:lit").
func (a *Authenticator) RawID() string { return base64.RawURLEncoding.EncodeToString(a.CredentialID) }

// COSEKey is the credential's public key as registration stores it
// (COSE_Key, RFC 9052; WebAuthn §6.5.1.1).
func (a *Authenticator) COSEKey() ([]byte, error) {
	var m map[int]any
	switch {
	case a.ec != nil:
		m = map[int]any{1: 2, 3: -7, -1: 1, -2: a.ec.X.FillBytes(make([]byte, 32)), -3: a.ec.Y.FillBytes(make([]byte, 32))}
	case a.rsa != nil:
		m = map[int]any{1: 3, 3: -257, -1: a.rsa.N.Bytes(), -2: big.NewInt(int64(a.rsa.E)).Bytes()}
	default:
		return nil, errors.New("webauthntest: authenticator has no key")
	}
	b, err := cbor.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("webauthntest: COSE key: %w", err)
	}
	return b, nil
}

// Flags of authenticatorData.
const (
	FlagUserPresent  = 0x01
	FlagUserVerified = 0x04
)

// Assertion is what the browser collects and the authenticator signs;
// tests change fields to make bad assertions.
type Assertion struct {
	Type        string // clientDataJSON.type, "webauthn.get"
	Origin      string // clientDataJSON.origin
	RPID        string // the rpId authenticatorData is scoped to
	Challenge   []byte // the SDK signs a recent block hash
	Flags       byte
	Counter     uint32
	CrossOrigin bool
	// SignWith, if set, signs in place of the credential's own key (an
	// assertion for this credential signed by another key).
	SignWith *Authenticator
	// TamperClientData, if set, rewrites clientDataJSON after it was
	// signed, so the signature no longer covers what is sent.
	TamperClientData func([]byte) []byte
}

// NewAssertion is a well-formed assertion of challenge for origin and rpID,
// user present and verified.
func NewAssertion(challenge []byte, origin, rpID string) Assertion {
	return Assertion{Type: "webauthn.get", Origin: origin, RPID: rpID, Challenge: challenge,
		Flags: FlagUserPresent | FlagUserVerified, Counter: 1}
}

// Sign returns the accessToken Lit's SDK sends for as: the
// PublicKeyCredential JSON with base64url fields.
func (a *Authenticator) Sign(as Assertion) (string, error) {
	b64 := base64.RawURLEncoding.EncodeToString
	rpHash := sha256.Sum256([]byte(as.RPID))
	authData := append(rpHash[:], as.Flags, 0, 0, 0, 0)
	binary.BigEndian.PutUint32(authData[33:], as.Counter)
	// Chrome's serialisation: type, challenge, origin, crossOrigin.
	cd, err := json.Marshal(struct {
		Type        string `json:"type"`
		Challenge   string `json:"challenge"`
		Origin      string `json:"origin"`
		CrossOrigin bool   `json:"crossOrigin"`
	}{as.Type, b64(as.Challenge), as.Origin, as.CrossOrigin})
	if err != nil {
		return "", err
	}
	cdHash := sha256.Sum256(cd)
	digest := sha256.Sum256(append(append([]byte{}, authData...), cdHash[:]...))
	signer := a
	if as.SignWith != nil {
		signer = as.SignWith
	}
	var sig []byte
	switch {
	case signer.ec != nil:
		sig, err = ecdsa.SignASN1(rand.Reader, signer.ec, digest[:])
	case signer.rsa != nil:
		sig, err = rsa.SignPKCS1v15(rand.Reader, signer.rsa, crypto.SHA256, digest[:])
	default:
		err = errors.New("no key")
	}
	if err != nil {
		return "", fmt.Errorf("webauthntest: signing: %w", err)
	}
	if as.TamperClientData != nil {
		cd = as.TamperClientData(cd)
	}
	// The SDK base64url-encodes the (already base64url) userHandle again.
	userHandle := b64([]byte(b64([]byte("user-1"))))
	tok, err := json.Marshal(map[string]any{
		"id":    a.RawID(),
		"rawId": a.RawID(),
		"type":  "public-key",
		"response": map[string]any{
			"clientDataJSON":    b64(cd),
			"authenticatorData": b64(authData),
			"signature":         b64(sig),
			"userHandle":        userHandle,
		},
		"clientExtensionResults":  map[string]any{},
		"authenticatorAttachment": "platform",
	})
	if err != nil {
		return "", err
	}
	return string(tok), nil
}
