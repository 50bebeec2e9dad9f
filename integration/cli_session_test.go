package integration

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
)

// TestCLISessionFileWithLitSDK: the session file "flint pkp session" writes
// is getPkpSessionSigs' object — the unmodified Lit SDK 7.4.0 signs with the
// PKP using it as sessionSigs — and the SDK's getPkpSessionSigs result is a
// session file "flint pkp sign --session" signs with. Both signatures are
// checked with go-ethereum's Ecrecover against the PKP's address.
func TestCLISessionFileWithLitSDK(t *testing.T) {
	installLitSDK(t)
	f := newSharedPKPFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	dir := t.TempDir()
	flint, err := buildFlint() // one build for the package's tests
	if err != nil {
		t.Fatal(err)
	}
	owner := f.d.Chain.Accounts()[1] // the fixture's PKP owner: a permitted address
	ownerKey := hex.EncodeToString(crypto.FromECDSA(owner.Key))
	pub := "0x" + hex.EncodeToString(f.pubkey)
	pkpAddr := chain.EthAddress(f.pubkey)
	nw := f.d.NetworkFile()

	// flint → SDK.
	cliFile := filepath.Join(dir, "cli-session.json")
	cmd := exec.CommandContext(ctx, flint, "pkp", "session", "--network", nw, "--pubkey", pub, "--auth-method", "wallet", "--out", cliFile)
	cmd.Env = append(os.Environ(), "FLINT_KEY="+ownerKey)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("flint pkp session: %v\n%s", err, out)
	}
	digest := crypto.Keccak256([]byte("signed by the SDK with flint's session"))
	sdk := exec.CommandContext(ctx, "node", "session-file.js", "sign", nw, cliFile, pub, "0x"+hex.EncodeToString(digest))
	sdk.Dir = litSDKDir
	out, err := sdk.Output()
	if err != nil {
		t.Fatalf("the SDK's pkpSign with flint's session file: %v\n%s", err, stderrOf(err))
	}
	var signed struct{ Signature, Recovered string }
	if err := json.Unmarshal(out, &signed); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	sig, err := hex.DecodeString(strings.TrimPrefix(signed.Signature, "0x"))
	if err != nil || len(sig) != 65 {
		t.Fatalf("signature %q", signed.Signature)
	}
	recoverTo(t, digest, sig, pkpAddr)

	// SDK → flint.
	sdkFile := filepath.Join(dir, "sdk-session.json")
	sdk = exec.CommandContext(ctx, "node", "session-file.js", "make", nw, pub, sdkFile)
	sdk.Dir = litSDKDir
	sdk.Env = append(os.Environ(), "LOGIN_KEY=0x"+ownerKey)
	if out, err := sdk.Output(); err != nil {
		t.Fatalf("the SDK's getPkpSessionSigs: %v\n%s\n%s", err, out, stderrOf(err))
	}
	digest = crypto.Keccak256([]byte("signed by flint with the SDK's session"))
	cmd = exec.CommandContext(ctx, flint, "pkp", "sign", "--network", nw, "--session", sdkFile, "--hash", hex.EncodeToString(digest), "--json")
	out, err = cmd.Output()
	if err != nil {
		t.Fatalf("flint pkp sign --session with the SDK's session: %v\n%s", err, stderrOf(err))
	}
	var res struct {
		Signature, PublicKey string
	}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if res.PublicKey != pub {
		t.Fatalf("signed with %s, want %s", res.PublicKey, pub)
	}
	sig, _ = hex.DecodeString(strings.TrimPrefix(res.Signature, "0x"))
	recoverTo(t, digest, sig, pkpAddr)
}

// recoverTo checks that sig (r ‖ s ‖ v, v 27/28 or 0/1) over digest
// recovers to addr.
func recoverTo(t *testing.T, digest, sig []byte, addr common.Address) {
	t.Helper()
	if len(sig) != 65 {
		t.Fatalf("signature of %d bytes", len(sig))
	}
	s := append([]byte(nil), sig...)
	if s[64] >= 27 {
		s[64] -= 27
	}
	pk, err := crypto.SigToPub(digest, s)
	if err != nil {
		t.Fatal(err)
	}
	if got := crypto.PubkeyToAddress(*pk); got != addr {
		t.Fatalf("the signature recovers to %s, not the PKP's %s", got.Hex(), addr.Hex())
	}
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}
