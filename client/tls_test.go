package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadCA(t *testing.T) {
	srv := httptest.NewTLSServer(http.NotFoundHandler())
	defer srv.Close()
	dir := t.TempDir()
	good := filepath.Join(dir, "ca.pem")
	os.WriteFile(good, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o644)
	pool, err := LoadCA(good)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Certificate().Verify(x509.VerifyOptions{Roots: pool, DNSName: "127.0.0.1"}); err != nil {
		t.Fatalf("the loaded pool does not trust the certificate: %v", err)
	}
	bad := filepath.Join(dir, "bad.pem")
	os.WriteFile(bad, []byte("not a certificate"), 0o644)
	if _, err := LoadCA(bad); err == nil || !strings.Contains(err.Error(), "no PEM certificate") {
		t.Fatalf("a file without certificates: %v", err)
	}
	if _, err := LoadCA(filepath.Join(dir, "missing.pem")); err == nil {
		t.Fatal("a missing file loaded")
	}
}

// Connect over TLS trusts Options.RootCAs and nothing else.
func TestConnectTLSRoots(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, `{"errorCode":"NodeTest"}`, http.StatusTeapot)
	}))
	defer srv.Close()
	pool := x509.NewCertPool()
	pool.AddCert(srv.Certificate())
	ctx := context.Background()

	// Without the CA the handshake with the node fails on its certificate.
	certErr := func(err error) bool {
		var ne *NodesError
		var cert *tls.CertificateVerificationError
		return errors.As(err, &ne) && len(ne.Nodes) == 1 && errors.As(ne.Nodes[0], &cert)
	}
	_, err := Connect(ctx, []string{srv.URL}, Options{})
	if !certErr(err) {
		t.Fatalf("without the CA: %v, want a certificate error", err)
	}
	// With it the node answers (its refusal, here, not a TLS error).
	_, err = Connect(ctx, []string{srv.URL}, Options{RootCAs: pool})
	if err == nil || certErr(err) || !strings.Contains(err.Error(), "418") {
		t.Fatalf("with the CA: %v, want the node's own answer", err)
	}
	if _, err := Connect(ctx, []string{srv.URL}, Options{RootCAs: pool, HTTP: http.DefaultClient}); err == nil || !strings.Contains(err.Error(), "RootCAs") {
		t.Fatalf("RootCAs with HTTP: %v", err)
	}
}
