package node

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/flint-network/flint/node/nodetls"
)

// writePair writes a certificate for ips and its key to a new directory.
func writePair(t *testing.T, ips ...string) (cert, key string) {
	t.Helper()
	var addrs []netip.Addr
	for _, ip := range ips {
		addrs = append(addrs, netip.MustParseAddr(ip))
	}
	c, k, err := nodetls.Generate(nodetls.Options{IPs: addrs})
	if err != nil {
		t.Fatal(err)
	}
	cert, key, err = nodetls.WriteFiles(filepath.Join(t.TempDir(), "tls"), c, k)
	if err != nil {
		t.Fatal(err)
	}
	return cert, key
}

func TestTLSConfig(t *testing.T) {
	cert, key := writePair(t, "127.0.0.2")
	otherCert, _ := writePair(t, "127.0.0.2")

	c := validConfig(t)
	if c.API.TLS() {
		t.Fatal("TLS without files")
	}
	k, err := c.validate()
	if err != nil || k.tls != nil {
		t.Fatalf("HTTP config: %v, loader %v", err, k.tls)
	}

	for name, api := range map[string]APIConfig{
		"cert only":           {TLSCert: cert},
		"key only":            {TLSKey: key},
		"missing file":        {TLSCert: cert + ".missing", TLSKey: key},
		"key of another cert": {TLSCert: otherCert, TLSKey: key},
	} {
		c := validConfig(t)
		c.API.TLSCert, c.API.TLSKey = api.TLSCert, api.TLSKey
		_, err := c.validate()
		if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "api.tls") {
			t.Errorf("%s: %v, want an ErrConfig naming api.tls*", name, err)
		}
	}

	c = validConfig(t)
	c.API.TLSCert, c.API.TLSKey = cert, key
	k, err = c.validate()
	if err != nil || k.tls == nil || !c.API.TLS() {
		t.Fatalf("both files: %v", err)
	}
	if !strings.Contains(c.String(), "(TLS)") {
		t.Errorf("String() %q does not say TLS", c.String())
	}
}

func TestTLSConfigSources(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.json")
	os.WriteFile(path, []byte(`{"api": {"tlsCert": "/file/cert.pem", "tlsKey": "/file/key.pem"}}`), 0o600)
	t.Setenv("FLINT_API_TLS_CERT", "")
	t.Setenv("FLINT_API_TLS_KEY", "")
	c, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	if c.API.TLSCert != "/file/cert.pem" || c.API.TLSKey != "/file/key.pem" {
		t.Fatalf("from the file: %+v", c.API)
	}
	t.Setenv("FLINT_API_TLS_CERT", "/env/cert.pem")
	t.Setenv("FLINT_API_TLS_KEY", "/env/key.pem")
	if c, err = LoadConfig(path); err != nil {
		t.Fatal(err)
	}
	if c.API.TLSCert != "/env/cert.pem" || c.API.TLSKey != "/env/key.pem" {
		t.Fatalf("the environment does not override the file: %+v", c.API)
	}
}

// The client API serves HTTPS over a real socket with the configured
// certificate, names itself https://, and refuses plain HTTP and TLS 1.1.
func TestAPIServesTLS(t *testing.T) {
	cert, key := writePair(t, "127.0.0.1")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c := validConfig(t)
	c.APIListen, c.API.TLSCert, c.API.TLSKey = addr, cert, key
	k, err := c.validate()
	if err != nil {
		t.Fatal(err)
	}
	n := testAPINode(10)
	n.cfg, n.keys = c, k
	errc := make(chan error, 1)
	if err := n.serveAPI(context.Background(), errc); err != nil {
		t.Fatal(err)
	}
	defer n.server.Close()
	if got := n.url(); got != "https://"+addr {
		t.Errorf("url() = %s", got)
	}

	pem, _ := os.ReadFile(cert)
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(pem)
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots}}}
	resp, err := hc.Get("https://" + addr + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"ready"`) {
		t.Fatalf("healthz over TLS: %d %s", resp.StatusCode, body)
	}

	if resp, err := http.Get("http://" + addr + "/healthz"); err == nil {
		if resp.StatusCode != http.StatusBadRequest { // Go's answer to plain HTTP on a TLS port
			t.Errorf("plain HTTP answered %d", resp.StatusCode)
		}
		resp.Body.Close()
	}
	if _, err := (&http.Client{}).Get("https://" + addr + "/healthz"); err == nil {
		t.Error("a client without the CA accepted the certificate")
	}
	conn, err := tls.Dial("tcp", addr, &tls.Config{RootCAs: roots, MaxVersion: tls.VersionTLS11})
	if err == nil {
		conn.Close()
		t.Error("TLS 1.1 accepted")
	}
}
