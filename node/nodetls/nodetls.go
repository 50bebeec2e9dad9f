// Package nodetls makes and loads the certificate a node's client API serves
// over TLS: a self-signed ECDSA P-256 certificate for the node's IP
// addresses (the Lit SDK addresses nodes as https://ip:443, so the
// certificate must name the IP itself), and a loader that picks up a renewed
// certificate without a restart.
package nodetls

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Bounds of a generated certificate.
const (
	// MaxNames bounds the IP addresses and DNS names of one certificate: a
	// devnet of 200 nodes shares one, with room to spare.
	MaxNames = 1024
	// MaxValidity bounds its lifetime: a self-signed certificate is
	// replaced by hand, but not never.
	MaxValidity = 10 * 365 * 24 * time.Hour
	// DefaultValidity is one year.
	DefaultValidity = 365 * 24 * time.Hour
)

// File names in the directory Generate's output is written to.
const (
	CertFile = "cert.pem"
	KeyFile  = "key.pem"
)

// Options say what a certificate covers.
type Options struct {
	IPs      []netip.Addr
	DNSNames []string
	// Validity is its lifetime from NotBefore (default DefaultValidity).
	Validity time.Duration
	// Now is the start of its validity (default: the clock); NotBefore is
	// an hour earlier, for clients whose clocks lag.
	Now time.Time
}

// ErrOptions is wrapped by every refusal of bad Options.
var ErrOptions = errors.New("nodetls: bad certificate options")

func (o *Options) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrOptions}, args...)...)
	}
	n := len(o.IPs) + len(o.DNSNames)
	if n == 0 {
		return bad("at least one IP address or DNS name is required")
	}
	if n > MaxNames {
		return bad("%d IP addresses and DNS names, over the %d of MaxNames", n, MaxNames)
	}
	for _, ip := range o.IPs {
		if !ip.IsValid() || ip.IsUnspecified() {
			return bad("IP address %q cannot name a server", ip)
		}
	}
	for _, d := range o.DNSNames {
		if !validDNSName(d) {
			return bad("DNS name %q is not a host name", clip(d))
		}
	}
	if o.Validity < 0 || o.Validity > MaxValidity {
		return bad("validity %v outside 0 to %v (MaxValidity)", o.Validity, MaxValidity)
	}
	return nil
}

// validDNSName accepts host names, with an optional leading "*." wildcard.
func validDNSName(s string) bool {
	s = strings.TrimPrefix(s, "*.")
	if s == "" || len(s) > 253 {
		return false
	}
	if _, err := netip.ParseAddr(s); err == nil {
		return false // an IP address belongs in IPs
	}
	for _, label := range strings.Split(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range label {
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

// Generate makes a self-signed ECDSA P-256 certificate for opts' addresses
// and names, and its key, both PEM-encoded. The certificate is its own CA
// (clients trust it as a root: Go's client.Options.RootCAs, the Lit SDK
// through NODE_EXTRA_CA_CERTS), and serves TLS only.
func Generate(opts Options) (certPEM, keyPEM []byte, err error) {
	if err := opts.check(); err != nil {
		return nil, nil, err
	}
	if opts.Validity == 0 {
		opts.Validity = DefaultValidity
	}
	if opts.Now.IsZero() {
		opts.Now = time.Now()
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, fmt.Errorf("nodetls: key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return nil, nil, fmt.Errorf("nodetls: serial: %w", err)
	}
	cn := ""
	if len(opts.DNSNames) > 0 {
		cn = opts.DNSNames[0]
	} else {
		cn = opts.IPs[0].String()
	}
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: cn, Organization: []string{"Flint node"}},
		NotBefore:             opts.Now.Add(-time.Hour),
		NotAfter:              opts.Now.Add(opts.Validity),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true, // it signs no other certificate
		DNSNames:              opts.DNSNames,
	}
	for _, ip := range opts.IPs {
		tmpl.IPAddresses = append(tmpl.IPAddresses, net.IP(ip.Unmap().AsSlice()))
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, nil, fmt.Errorf("nodetls: certificate: %w", err)
	}
	kder, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, nil, fmt.Errorf("nodetls: key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
		pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kder}), nil
}

// WriteFiles writes dir/cert.pem (mode 0644) and dir/key.pem (mode 0600),
// creating dir (0700). It never overwrites: a file already there is an
// error, since a replaced key breaks every client pinned to the old
// certificate.
func WriteFiles(dir string, certPEM, keyPEM []byte) (certPath, keyPath string, err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", "", fmt.Errorf("nodetls: %w", err)
	}
	certPath, keyPath = filepath.Join(dir, CertFile), filepath.Join(dir, KeyFile)
	for _, p := range []string{certPath, keyPath} {
		if _, err := os.Lstat(p); err == nil {
			return "", "", fmt.Errorf("nodetls: %s exists; remove it to make a new certificate", p)
		}
	}
	// The key first, so that a certificate on disk always has its key.
	if err := writeNew(keyPath, keyPEM, 0o600); err != nil {
		return "", "", err
	}
	if err := writeNew(certPath, certPEM, 0o644); err != nil {
		os.Remove(keyPath)
		return "", "", err
	}
	return certPath, keyPath, nil
}

func writeNew(path string, b []byte, mode os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return fmt.Errorf("nodetls: %w", err)
	}
	if _, err := f.Write(b); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("nodetls: %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		os.Remove(path)
		return fmt.Errorf("nodetls: %s: %w", path, err)
	}
	return nil
}

// Covers reports whether a PEM certificate file names every one of ips, and
// is valid at now.
func Covers(certPath string, ips []netip.Addr, now time.Time) bool {
	pair, err := tls.LoadX509KeyPair(certPath, filepath.Join(filepath.Dir(certPath), KeyFile))
	if err != nil || pair.Leaf == nil {
		return false
	}
	if now.Before(pair.Leaf.NotBefore) || now.After(pair.Leaf.NotAfter) {
		return false
	}
	for _, ip := range ips {
		if pair.Leaf.VerifyHostname(ip.String()) != nil {
			return false
		}
	}
	return true
}

// Loader serves a certificate and key from files, reading them again when
// either file changes, so that a renewed certificate (a CA's, every few
// months) takes effect without restarting the node. A renewal that does not
// load (a half-written file, a key that does not match) leaves the last
// good pair in service.
type Loader struct {
	certPath, keyPath string
	// Every bounds how often the files are looked at.
	every time.Duration

	mu      sync.Mutex
	pair    *tls.Certificate
	stamp   string // the files' sizes and modification times
	checked time.Time

	// OnError, if set before the loader serves, hears of renewals that
	// fail to load.
	OnError func(error)
}

// NewLoader loads the pair once, failing if it does not load.
func NewLoader(certPath, keyPath string) (*Loader, error) {
	l := &Loader{certPath: certPath, keyPath: keyPath, every: 10 * time.Second}
	stamp, err := l.fileStamp()
	if err != nil {
		return nil, err
	}
	if err := l.load(stamp); err != nil {
		return nil, err
	}
	l.checked = time.Now()
	return l, nil
}

func (l *Loader) fileStamp() (string, error) {
	var b strings.Builder
	for _, p := range []string{l.certPath, l.keyPath} {
		st, err := os.Stat(p)
		if err != nil {
			return "", fmt.Errorf("nodetls: %w", err)
		}
		fmt.Fprintf(&b, "%d/%d;", st.Size(), st.ModTime().UnixNano())
	}
	return b.String(), nil
}

func (l *Loader) load(stamp string) error {
	pair, err := tls.LoadX509KeyPair(l.certPath, l.keyPath)
	if err != nil {
		return fmt.Errorf("nodetls: %s and %s: %w", l.certPath, l.keyPath, err)
	}
	l.pair, l.stamp = &pair, stamp
	return nil
}

// Leaf is the certificate in service.
func (l *Loader) Leaf() *x509.Certificate {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.pair.Leaf
}

// GetCertificate is for tls.Config.GetCertificate.
func (l *Loader) GetCertificate(*tls.ClientHelloInfo) (*tls.Certificate, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if now := time.Now(); now.Sub(l.checked) >= l.every {
		l.checked = now
		if stamp, err := l.fileStamp(); err == nil && stamp != l.stamp {
			if err := l.load(stamp); err != nil && l.OnError != nil {
				l.OnError(err)
			}
		}
	}
	return l.pair, nil
}

// ServerConfig is the TLS configuration of a client API: TLS 1.2 and up,
// the certificate from l.
func ServerConfig(l *Loader) *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS12, GetCertificate: l.GetCertificate}
}
