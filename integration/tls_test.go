package integration

import (
	"context"
	"crypto/sha256"
	"crypto/tls"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/devnet"
)

// checkTLSGoClient: the Go client against a devnet whose nodes serve
// https with a self-signed certificate: with the certificate as its CA it
// mints and signs, and the signature verifies (decred and go-ethereum);
// without it, or over plain http, it reaches no node. TestLitSDKTLS runs it
// on its devnet (the SDK's, on port 443), which saves starting another.
func checkTLSGoClient(t *testing.T, d *devnet.Devnet) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if d.Network.CAFile == "" {
		t.Fatal("network.json has no caFile")
	}
	for _, u := range d.URLs() {
		if !strings.HasPrefix(u, "https://") {
			t.Fatalf("node URL %s", u)
		}
	}
	roots, err := client.LoadCA(d.Network.CAFile)
	if err != nil {
		t.Fatal(err)
	}
	cl, err := client.Connect(ctx, d.URLs(), client.Options{RootCAs: roots})
	if err != nil {
		t.Fatal(err)
	}
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	owner := d.Chain.Accounts()[1]
	var keyID [32]byte
	copy(keyID[:], "tls-integration-test-key-0000000")
	minted, err := cl.ClaimAndMint(ctx, cc, cc.Transactor(owner.Key), keyID)
	if err != nil {
		t.Fatal(err)
	}
	s, err := client.NewSession(owner.Key, cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	hash := sha256.Sum256([]byte("hello flint over TLS"))
	res, err := cl.PKPSign(ctx, s, minted.Pubkey, hash)
	if err != nil {
		t.Fatal(err)
	}
	verify(t, &res.Signature, minted.Pubkey)
	if res.Signature.Hash != hash {
		t.Fatal("signed another hash")
	}

	// Without the CA every node's certificate is refused.
	_, err = client.Connect(ctx, d.URLs(), client.Options{})
	var ne *client.NodesError
	if !errors.As(err, &ne) || len(ne.Nodes) != len(d.URLs()) {
		t.Fatalf("without the CA: %v", err)
	}
	for _, n := range ne.Nodes {
		var cert *tls.CertificateVerificationError
		if !errors.As(n, &cert) {
			t.Fatalf("without the CA, %s: %v, want a certificate error", n.URL, n)
		}
	}
	// Plain http to a TLS port gets no handshake.
	plain := make([]string, len(d.URLs()))
	for i, u := range d.URLs() {
		plain[i] = "http://" + strings.TrimPrefix(u, "https://")
	}
	if _, err := client.Connect(ctx, plain, client.Options{}); err == nil {
		t.Fatal("plain http connected to TLS nodes")
	}
}
