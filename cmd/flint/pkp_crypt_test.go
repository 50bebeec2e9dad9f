package main

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// flint pkp encrypt / decrypt against the shared devnet: the owner decrypts text and files, a
// stranger is refused with a hint, and after "flint pkp transfer" the buyer decrypts what was sent
// to the PKP before the sale while the seller is refused.
func TestPKPEncryptDecrypt(t *testing.T) {
	d := sharedDevnet(t)
	nwFile := d.NetworkFile()
	m := mint(t, nwFile)
	dir := t.TempDir()

	// --text, base64 on stdout, JSON both ways.
	var enc pkpEncryptResult
	decodeJSON(t, mustRun(t, "pkp", "encrypt", "--network", nwFile, "--pubkey", m.PublicKey, "--text", "a secret for the PKP", "--aad", "ctx", "--json"), &enc)
	ct, err := base64.StdEncoding.DecodeString(enc.Ciphertext)
	if err != nil || enc.Bytes != len("a secret for the PKP") || enc.PublicKey != m.PublicKey || enc.EthAddress != m.EthAddress || len(ct) != enc.Bytes+158 {
		t.Fatalf("encrypt result %+v (%d bytes of ciphertext, %v)", enc, len(ct), err)
	}
	var dec pkpDecryptResult
	decodeJSON(t, mustRun(t, "pkp", "decrypt", "--network", nwFile, "--pubkey", m.PublicKey, "--text", enc.Ciphertext, "--aad", "ctx", "--json"), &dec)
	if dec.Plaintext == nil || *dec.Plaintext != "a secret for the PKP" || dec.Bytes != 20 || len(dec.BadNodes) != 0 || len(dec.FailedNodes) != 0 ||
		dec.Base64 != base64.StdEncoding.EncodeToString([]byte("a secret for the PKP")) {
		t.Fatalf("decrypt result %+v", dec)
	}
	// Without the associated data it does not open.
	if _, _, err := run(t, "pkp", "decrypt", "--network", nwFile, "--pubkey", m.PublicKey, "--text", enc.Ciphertext); err == nil || exitCode(err) != exitFailure {
		t.Fatalf("without --aad: %v", err)
	}

	// Files: binary data, raw ciphertext in --out, plaintext to --out and to stdout.
	data := bytes.Repeat([]byte{0, 1, 2, 0xff, '\n'}, 1000)
	in, ctFile, outFile := filepath.Join(dir, "in.bin"), filepath.Join(dir, "ct.bin"), filepath.Join(dir, "out.bin")
	if err := os.WriteFile(in, data, 0o600); err != nil {
		t.Fatal(err)
	}
	mustRun(t, "pkp", "encrypt", "--network", nwFile, "--pubkey", m.PublicKey, "--in", in, "--out", ctFile)
	raw, err := os.ReadFile(ctFile)
	if err != nil || len(raw) != len(data)+158 || raw[0] != 1 {
		t.Fatalf("ciphertext file: %d bytes, %v", len(raw), err)
	}
	mustRun(t, "pkp", "decrypt", "--network", nwFile, "--pubkey", m.PublicKey, "--in", ctFile, "--out", outFile)
	if got, err := os.ReadFile(outFile); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("decrypted file: %d bytes, %v", len(got), err)
	}
	if out := mustRun(t, "pkp", "decrypt", "--network", nwFile, "--pubkey", m.PublicKey, "--in", ctFile); out != string(data) {
		t.Fatalf("decrypted to stdout: %d bytes", len(out))
	}

	// A stranger is refused by the nodes, with a hint.
	strangerKey, stranger := keyHex(t, d, 5)
	_, _, err = run(t, "pkp", "decrypt", "--network", nwFile, "--pubkey", m.PublicKey, "--in", ctFile, "--key", strangerKey)
	if err == nil || exitCode(err) != exitFailure || !strings.Contains(err.Error(), "NodeNotAuthorized") || !strings.Contains(err.Error(), stranger.Hex()+" may not decrypt") {
		t.Fatalf("stranger: %v", err)
	}

	// Sold: the buyer reads what was sent before the sale; the seller no longer can.
	buyerKey, buyer := keyHex(t, d, 6)
	mustRun(t, "pkp", "transfer", "--network", nwFile, "--pubkey", m.PublicKey, "--to", buyer.Hex())
	if out := mustRun(t, "pkp", "decrypt", "--network", nwFile, "--pubkey", m.PublicKey, "--in", ctFile, "--key", buyerKey); out != string(data) {
		t.Fatalf("the buyer decrypted %d bytes", len(out))
	}
	// The buyer's success means some quorum saw the sale; every node refuses the seller within a
	// permission cache's span (2 s).
	for i := 0; ; i++ {
		_, _, err = run(t, "pkp", "decrypt", "--network", nwFile, "--pubkey", m.PublicKey, "--in", ctFile)
		if err != nil && strings.Contains(err.Error(), "may not decrypt") || i == 30 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err == nil || !strings.Contains(err.Error(), d.Network.DevAddress+" may not decrypt") {
		t.Fatalf("the seller after the sale: %v", err)
	}

	// Usage errors exit 2 before any node is asked.
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"pkp", "encrypt", "--network", nwFile, "--text", "x"}, "--pubkey is required"},
		{[]string{"pkp", "encrypt", "--network", nwFile, "--pubkey", m.PublicKey}, "give --in FILE or --text T"},
		{[]string{"pkp", "encrypt", "--network", nwFile, "--pubkey", m.PublicKey, "--in", in, "--text", "x"}, "not both"},
		{[]string{"pkp", "encrypt", "--network", nwFile, "--pubkey", m.PublicKey, "--in", filepath.Join(dir, "missing")}, "--in"},
		{[]string{"pkp", "decrypt", "--network", nwFile, "--pubkey", m.PublicKey, "--text", "not base64!"}, "neither raw"},
		{[]string{"pkp", "decrypt", "--network", nwFile, "--pubkey", m.PublicKey, "--text", enc.Ciphertext, "--aad", strings.Repeat("a", 64<<10+1)}, "--aad"},
	} {
		_, _, err := run(t, c.args...)
		if err == nil || exitCode(err) != exitUsage || !strings.Contains(err.Error(), c.want) {
			t.Errorf("flint %s: %v, want a usage error with %q", strings.Join(c.args[:2], " "), err, c.want)
		}
	}
	// A ciphertext for another PKP is refused by the client, with a hint.
	other := mint(t, nwFile)
	_, _, err = run(t, "pkp", "decrypt", "--network", nwFile, "--pubkey", other.PublicKey, "--in", ctFile, "--key", buyerKey)
	if err == nil || !strings.Contains(err.Error(), "was it encrypted to PKP") {
		t.Fatalf("another PKP's ciphertext: %v", err)
	}
}
