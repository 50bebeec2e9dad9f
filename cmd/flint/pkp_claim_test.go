package main

import (
	"context"
	"encoding/hex"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
)

func TestReadToken(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tok")
	if err := os.WriteFile(path, []byte("eyJ.file.tok\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{"eyJ.a.b": "eyJ.a.b", "@" + path: "eyJ.file.tok", "-": "eyJ.stdin"} {
		got, err := readToken(strings.NewReader(" eyJ.stdin \n"), in)
		if err != nil || got != want {
			t.Errorf("readToken(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	var ue *usageError
	for _, in := range []string{"", "@" + path + ".missing"} {
		if _, err := readToken(strings.NewReader(""), in); !errors.As(err, &ue) {
			t.Errorf("readToken(%q): %v, want a usage error", in, err)
		}
	}
	if _, err := readToken(strings.NewReader(strings.Repeat("a", maxAccessTokenFile+1)), "-"); !errors.As(err, &ue) {
		t.Errorf("oversized token: %v, want a usage error", err)
	}
}

// flint pkp claim --auth-method wallet mints the PKP of --key's wallet
// login to that wallet, once; the id is the login's.
func TestPKPClaimWallet(t *testing.T) {
	d := sharedDevnet(t)
	nwFile := d.NetworkFile()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	w, _ := crypto.GenerateKey()
	addr := crypto.PubkeyToAddress(w.PublicKey)
	if err := d.Chain.Fund(ctx, addr, new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)); err != nil {
		t.Fatal(err)
	}
	wKey := hex.EncodeToString(crypto.FromECDSA(w))
	var res claimResult
	decodeJSON(t, mustRun(t, "pkp", "claim", "--network", nwFile, "--auth-method", "wallet", "--key", wKey, "--json"), &res)
	amID := crypto.Keccak256Hash([]byte(addr.Hex() + ":lit"))
	p, err := cc.PKP(ctx, chain.TokenID(unhex(t, res.PublicKey, 65)))
	if err != nil || p.Owner != addr || p.KeyID != chain.AuthMethodKeyID(1, amID) || res.AuthMethodID != amID.Hex() {
		t.Fatalf("claimed PKP %+v (%v), result %+v", p, err, res)
	}
	if _, _, err := run(t, "pkp", "claim", "--network", nwFile, "--auth-method", "wallet", "--key", wKey); err == nil || !strings.Contains(err.Error(), "KeyIdUsed") {
		t.Fatalf("claiming one login twice: %v", err)
	}
	var ue *usageError
	if _, _, err := run(t, "pkp", "claim", "--network", nwFile, "--auth-method", "google"); !errors.As(err, &ue) {
		t.Fatalf("--auth-method google: %v, want a usage error", err)
	}
}
