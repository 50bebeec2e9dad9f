package nodetls

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestGenerate(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	ips := []netip.Addr{netip.MustParseAddr("1.2.3.4"), netip.MustParseAddr("127.9.8.7")}
	certPEM, keyPEM, err := Generate(Options{IPs: ips, DNSNames: []string{"node1.example.com"}, Validity: 30 * 24 * time.Hour, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(certPEM)
	if blk == nil || blk.Type != "CERTIFICATE" {
		t.Fatalf("not a PEM certificate: %q", certPEM)
	}
	cert, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	pub, ok := cert.PublicKey.(*ecdsa.PublicKey)
	if !ok || pub.Curve != elliptic.P256() || cert.SignatureAlgorithm != x509.ECDSAWithSHA256 {
		t.Fatalf("key %T, signature %v; want ECDSA P-256", cert.PublicKey, cert.SignatureAlgorithm)
	}
	if !cert.NotAfter.Equal(now.Add(30*24*time.Hour)) || !cert.NotBefore.Equal(now.Add(-time.Hour)) {
		t.Errorf("valid %v to %v", cert.NotBefore, cert.NotAfter)
	}
	// It verifies as its own root for each name, and for no other.
	roots := x509.NewCertPool()
	roots.AddCert(cert)
	for _, name := range []string{"1.2.3.4", "127.9.8.7", "node1.example.com"} {
		if _, err := cert.Verify(x509.VerifyOptions{DNSName: name, Roots: roots, CurrentTime: now}); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, name := range []string{"1.2.3.5", "node2.example.com"} {
		if _, err := cert.Verify(x509.VerifyOptions{DNSName: name, Roots: roots, CurrentTime: now}); err == nil {
			t.Errorf("%s verifies", name)
		}
	}
	if _, err := cert.Verify(x509.VerifyOptions{DNSName: "1.2.3.4", Roots: roots, CurrentTime: now.Add(31 * 24 * time.Hour)}); err == nil {
		t.Error("verifies after its lifetime")
	}
	if _, err := tls.X509KeyPair(certPEM, keyPEM); err != nil {
		t.Fatalf("the key is not the certificate's: %v", err)
	}
	// Two certificates never share a key.
	_, key2, _ := Generate(Options{IPs: ips})
	if string(key2) == string(keyPEM) {
		t.Fatal("same key twice")
	}
}

func TestGenerateBounds(t *testing.T) {
	ip := []netip.Addr{netip.MustParseAddr("10.0.0.1")}
	many := make([]netip.Addr, MaxNames+1)
	for i := range many {
		many[i] = netip.AddrFrom4([4]byte{10, 1, byte(i >> 8), byte(i)})
	}
	for name, o := range map[string]Options{
		"no names":          {},
		"MaxNames":          {IPs: many},
		"unspecified IP":    {IPs: []netip.Addr{netip.MustParseAddr("0.0.0.0")}},
		"zero IP":           {IPs: []netip.Addr{{}}},
		"bad DNS name":      {IPs: ip, DNSNames: []string{"no spaces.example"}},
		"IP as DNS name":    {DNSNames: []string{"1.2.3.4"}},
		"empty label":       {DNSNames: []string{"a..b"}},
		"negative validity": {IPs: ip, Validity: -time.Hour},
		"MaxValidity":       {IPs: ip, Validity: MaxValidity + time.Hour},
	} {
		if _, _, err := Generate(o); !errors.Is(err, ErrOptions) {
			t.Errorf("%s: %v, want ErrOptions", name, err)
		}
	}
	if _, _, err := Generate(Options{IPs: many[:MaxNames], Validity: MaxValidity}); err != nil {
		t.Errorf("at the bounds: %v", err)
	}
	if _, _, err := Generate(Options{DNSNames: []string{"*.nodes.example.com"}}); err != nil {
		t.Errorf("wildcard: %v", err)
	}
}

func TestWriteFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tls")
	c, k, err := Generate(Options{IPs: []netip.Addr{netip.MustParseAddr("127.0.0.1")}})
	if err != nil {
		t.Fatal(err)
	}
	certPath, keyPath, err := WriteFiles(dir, c, k)
	if err != nil {
		t.Fatal(err)
	}
	for p, mode := range map[string]os.FileMode{certPath: 0o644, keyPath: 0o600} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm()&^mode != 0 {
			t.Errorf("%s mode %v, want at most %v", p, st.Mode().Perm(), mode)
		}
	}
	if st, _ := os.Stat(keyPath); st.Mode().Perm() != 0o600 {
		t.Errorf("key mode %v", st.Mode().Perm())
	}
	if !Covers(certPath, []netip.Addr{netip.MustParseAddr("127.0.0.1")}, time.Now()) {
		t.Error("Covers: false for its own IP")
	}
	if Covers(certPath, []netip.Addr{netip.MustParseAddr("127.0.0.2")}, time.Now()) {
		t.Error("Covers: true for another IP")
	}
	// Never overwritten.
	c2, k2, _ := Generate(Options{IPs: []netip.Addr{netip.MustParseAddr("127.0.0.1")}})
	if _, _, err := WriteFiles(dir, c2, k2); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Fatalf("second write: %v", err)
	}
	if b, _ := os.ReadFile(keyPath); string(b) != string(k) {
		t.Fatal("the key was overwritten")
	}
}

// The loader serves over a real TLS socket, and a renewed pair replaces the
// old one without a restart; a broken renewal keeps the old one.
func TestLoaderRenewal(t *testing.T) {
	dir := t.TempDir()
	ip := []netip.Addr{netip.MustParseAddr("127.0.0.1")}
	c1, k1, _ := Generate(Options{IPs: ip})
	certPath, keyPath, err := WriteFiles(dir, c1, k1)
	if err != nil {
		t.Fatal(err)
	}
	var loadErrs atomic.Int32
	l, err := NewLoader(certPath, keyPath)
	if err != nil {
		t.Fatal(err)
	}
	l.OnError = func(error) { loadErrs.Add(1) }
	l.every = 0 // look at the files on every handshake
	// Not httptest's StartTLS, which adds a certificate of its own.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}), TLSConfig: ServerConfig(l)}
	go srv.ServeTLS(ln, "", "")
	defer srv.Close()
	url := "https://" + ln.Addr().String()

	get := func(caPEM []byte) error {
		roots := x509.NewCertPool()
		roots.AppendCertsFromPEM(caPEM)
		hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}, DisableKeepAlives: true}}
		resp, err := hc.Get(url)
		if err == nil {
			resp.Body.Close()
		}
		return err
	}
	if err := get(c1); err != nil {
		t.Fatal(err)
	}
	// TLS 1.1 is refused.
	conn, err := tls.Dial("tcp", ln.Addr().String(), &tls.Config{InsecureSkipVerify: true, MaxVersion: tls.VersionTLS11})
	if err == nil {
		conn.Close()
		t.Fatal("TLS 1.1 accepted")
	}

	c2, k2, _ := Generate(Options{IPs: ip})
	os.WriteFile(keyPath, k2, 0o600)
	os.WriteFile(certPath, c2, 0o644)
	bump(t, certPath, keyPath)
	if err := get(c2); err != nil {
		t.Fatalf("renewed certificate not served: %v", err)
	}
	if err := get(c1); err == nil {
		t.Fatal("old certificate still served")
	}

	// A broken renewal: the certificate without its key.
	c3, _, _ := Generate(Options{IPs: ip})
	os.WriteFile(certPath, c3, 0o644)
	bump(t, certPath, keyPath)
	if err := get(c2); err != nil {
		t.Fatalf("a broken renewal replaced the good pair: %v", err)
	}
	if loadErrs.Load() == 0 {
		t.Fatal("the broken renewal was not reported")
	}
}

// bump moves the files' modification times, which some file systems keep
// at a coarse resolution.
func bump(t *testing.T, paths ...string) {
	t.Helper()
	bump := time.Now().Add(time.Duration(len(paths)) * time.Minute)
	for _, p := range paths {
		if err := os.Chtimes(p, bump, bump); err != nil {
			t.Fatal(err)
		}
	}
}

func TestNewLoaderRefusesMismatch(t *testing.T) {
	dir := t.TempDir()
	ip := []netip.Addr{netip.MustParseAddr("127.0.0.1")}
	c1, _, _ := Generate(Options{IPs: ip})
	_, k2, _ := Generate(Options{IPs: ip})
	os.WriteFile(filepath.Join(dir, CertFile), c1, 0o644)
	os.WriteFile(filepath.Join(dir, KeyFile), k2, 0o600)
	if _, err := NewLoader(filepath.Join(dir, CertFile), filepath.Join(dir, KeyFile)); err == nil {
		t.Fatal("a key of another certificate loaded")
	}
	if _, err := NewLoader(filepath.Join(dir, "missing.pem"), filepath.Join(dir, KeyFile)); err == nil {
		t.Fatal("a missing file loaded")
	}
}
