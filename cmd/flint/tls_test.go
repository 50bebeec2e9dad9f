package main

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"log/slog"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/node"
	"github.com/flint-network/flint/node/nodetls"
)

func TestTLSCertCommand(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "tls")
	var res struct {
		Cert string `json:"cert"`
		Key  string `json:"key"`
		Days int    `json:"days"`
	}
	decodeJSON(t, mustRun(t, "node", "tls-cert", "--ip", "203.0.113.7", "--ip", "127.0.0.1", "--dns", "node1.example.com", "--out", dir, "--days", "30", "--json"), &res)
	if res.Cert != filepath.Join(dir, "cert.pem") || res.Key != filepath.Join(dir, "key.pem") || res.Days != 30 {
		t.Fatalf("result %+v", res)
	}
	if st, err := os.Stat(res.Key); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("key file: %v, %v", st.Mode(), err)
	}
	b, _ := os.ReadFile(res.Cert)
	blk, _ := pem.Decode(b)
	if blk == nil {
		t.Fatal("no PEM certificate")
	}
	cert, err := x509.ParseCertificate(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"203.0.113.7", "127.0.0.1", "node1.example.com"} {
		if err := cert.VerifyHostname(name); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if life := time.Until(cert.NotAfter); life < 29*24*time.Hour || life > 30*24*time.Hour {
		t.Errorf("valid for another %v, want 30 days", life)
	}

	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--ip", "1.2.3.4", "--out", dir}, exitFailure, "exists"},
		{[]string{"--ip", "1.2.3.4"}, exitUsage, "--out is required"},
		{[]string{"--out", t.TempDir()}, exitUsage, "--ip"},
		{[]string{"--ip", "1.2.3", "--out", t.TempDir()}, exitUsage, "--ip \"1.2.3\""},
		{[]string{"--ip", "0.0.0.0", "--out", t.TempDir()}, exitUsage, "cannot name a server"},
		{[]string{"--ip", "1.2.3.4", "--dns", "bad name", "--out", t.TempDir()}, exitUsage, "DNS name"},
		{[]string{"--ip", "1.2.3.4", "--days", "0", "--out", t.TempDir()}, exitUsage, "--days 0"},
		{[]string{"--ip", "1.2.3.4", "--days", "3651", "--out", t.TempDir()}, exitUsage, "--days 3651: want 1 to 3650"},
	} {
		_, _, err := run(t, append([]string{"node", "tls-cert"}, c.args...)...)
		if err == nil || exitCode(err) != c.code || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%v: %v (exit %d), want exit %d and %q", c.args, err, exitCode(err), c.code, c.msg)
		}
	}
}

// The client commands over a TLS devnet: network.json's caFile, --ca and
// $FLINT_CA_FILE each make them trust the nodes; without a CA, or with
// the wrong one, they refuse the nodes' certificate.
func TestCLIOverTLS(t *testing.T) {
	dir := t.TempDir()
	first, port := randomLoopback()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	d, err := devnet.Start(ctx, devnet.Config{
		Dir: dir, Nodes: 4, FirstIP: first, APIPort: port, ChainRPC: "127.0.0.1:0", TLS: true,
		Pool: node.PoolConfig{Low: 20, High: 40, Batch: 20}, Round: 10 * time.Second, NodeLogLevel: slog.LevelDebug,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	t.Cleanup(func() {
		if t.Failed() {
			dumpLogs(t, dir, 4)
		}
	})
	if err := d.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	for m, s := 0, 0; m < 4 || s < 4; time.Sleep(200 * time.Millisecond) {
		if ctx.Err() != nil {
			t.Fatal("nodes not serving")
		}
		m, s = serving(ctx, d.HTTPClient(), d.URLs(), d.Network.Quorum)
	}
	nw := d.Network
	if nw.CAFile != d.CertFile() || !filepath.IsAbs(nw.CAFile) {
		t.Fatalf("network.json caFile %q, want %s", nw.CAFile, d.CertFile())
	}
	for _, n := range nw.Nodes {
		if !strings.HasPrefix(n.URL, "https://") {
			t.Fatalf("network.json lists %s", n.URL)
		}
	}

	// network.json names the CA: claimAndMint talks to the nodes.
	m := mint(t, d.NetworkFile(), "--claim")
	sign(t, d.NetworkFile(), m.PublicKey, "--message", "over TLS")

	// The same network.json without caFile.
	var raw map[string]any
	b, _ := os.ReadFile(d.NetworkFile())
	json.Unmarshal(b, &raw)
	delete(raw, "caFile")
	b, _ = json.Marshal(raw)
	bare := filepath.Join(t.TempDir(), "network.json")
	os.WriteFile(bare, b, 0o600)
	hash := "0x" + strings.Repeat("ab", 32)
	_, _, err = run(t, "pkp", "sign", "--network", bare, "--pubkey", m.PublicKey, "--hash", hash, "--timeout", "20s")
	if err == nil || exitCode(err) != exitFailure || !strings.Contains(err.Error(), "certificate signed by unknown authority") {
		t.Fatalf("without a CA: %v", err)
	}
	sign(t, bare, m.PublicKey, "--hash", hash, "--ca", d.CertFile())
	t.Setenv(caEnv, d.CertFile())
	sign(t, bare, m.PublicKey, "--hash", hash)

	// Another certificate for the same IPs is not the nodes'.
	var ips []netip.Addr
	for ip, i := first, 0; i < 4; ip, i = ip.Next(), i+1 {
		ips = append(ips, ip)
	}
	c, k, err := nodetls.Generate(nodetls.Options{IPs: ips})
	if err != nil {
		t.Fatal(err)
	}
	other, _, err := nodetls.WriteFiles(t.TempDir(), c, k)
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = run(t, "pkp", "sign", "--network", bare, "--pubkey", m.PublicKey, "--hash", hash, "--ca", other, "--timeout", "20s")
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Fatalf("with another CA: %v", err)
	}
	notPEM := filepath.Join(t.TempDir(), "x.pem")
	os.WriteFile(notPEM, []byte("nothing"), 0o600)
	_, _, err = run(t, "pkp", "sign", "--network", bare, "--pubkey", m.PublicKey, "--hash", hash, "--ca", notPEM)
	if err == nil || exitCode(err) != exitUsage || !strings.Contains(err.Error(), "--ca") {
		t.Fatalf("--ca without a certificate: %v", err)
	}
}

// --tls defaults, resuming, to how the network was made: network.json
// names a caFile only for a TLS devnet.
func TestDevnetTLSFlag(t *testing.T) {
	for _, c := range []struct {
		name    string
		prevCA  string // "" none, "-" no network.json
		flag    *bool
		wantTLS bool
	}{
		{"new network", "-", nil, false},
		{"new network --tls", "-", ptr(true), true},
		{"resume an http network", "", nil, false},
		{"resume a TLS network", "/x/tls/cert.pem", nil, true},
		{"resume a TLS network --tls=false", "/x/tls/cert.pem", ptr(false), false},
		{"resume an http network --tls", "", ptr(true), true},
	} {
		dir := t.TempDir()
		if c.prevCA != "-" {
			nw := devnet.Network{ChainRPC: "http://127.0.0.1:8545", CAFile: c.prevCA,
				Nodes: []devnet.NodeInfo{{Index: 1, URL: "https://127.0.0.2:7470"}, {Index: 2, URL: "https://127.0.0.3:7470"},
					{Index: 3, URL: "https://127.0.0.4:7470"}, {Index: 4, URL: "https://127.0.0.5:7470"}}}
			b, _ := json.Marshal(nw)
			os.WriteFile(filepath.Join(dir, "network.json"), b, 0o600)
		}
		f := devnetFlags{dir: dir, nodes: 4, chainRPC: "127.0.0.1:8545", firstIP: "127.0.0.2", port: 7470, nodeLogLevel: "info"}
		if c.flag != nil {
			f.tls = *c.flag
		}
		cfg, _, err := f.config(func(name string) bool { return name == "tls" && c.flag != nil })
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if cfg.TLS != c.wantTLS {
			t.Errorf("%s: TLS %v, want %v", c.name, cfg.TLS, c.wantTLS)
		}
	}
}

func ptr[T any](v T) *T { return &v }
