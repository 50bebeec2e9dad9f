package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// flint encrypt and flint decrypt against a devnet: the dev account meets a
// :userAddress condition and reads the data back; another key is refused
// with the node's reason; bad input is a usage error.
func TestEncryptDecrypt(t *testing.T) {
	d := sharedDevnet(t)
	nw := d.NetworkFile()
	dir := t.TempDir()
	conds := filepath.Join(dir, "conds.json")
	cond := `[{"contractAddress":"","standardContractType":"","chain":"ethereum","method":"","parameters":[":userAddress"],"returnValueTest":{"comparator":"=","value":"` + d.Network.DevAddress + `"}}]`
	if err := os.WriteFile(conds, []byte(cond), 0o644); err != nil {
		t.Fatal(err)
	}
	enc := filepath.Join(dir, "secret.json")
	mustRun(t, "encrypt", "--network", nw, "--conditions", conds, "--text", "a secret for the dev account", "--out", enc)
	var file encryptedFile
	raw, err := os.ReadFile(enc)
	if err != nil || json.Unmarshal(raw, &file) != nil || file.Kind != "accessControlConditions" || len(file.DataToEncryptHash) != 64 {
		t.Fatalf("encrypted file %s: %v", raw, err)
	}
	if strings.Contains(string(raw), "a secret") {
		t.Fatal("the encrypted file holds the plaintext")
	}
	if got := mustRun(t, "decrypt", "--network", nw, "--in", enc); got != "a secret for the dev account" {
		t.Fatalf("decrypted %q", got)
	}
	var js decryptResult
	decodeJSON(t, mustRun(t, "decrypt", "--network", nw, "--in", enc, "--json"), &js)
	if js.Data != "a secret for the dev account" {
		t.Fatalf("decrypted JSON %+v", js)
	}

	strangerKey, stranger := keyHex(t, d, 2)
	_, _, err = run(t, "decrypt", "--network", nw, "--in", enc, "--key", strangerKey)
	var ue *usageError
	if err == nil || errors.As(err, &ue) || !strings.Contains(err.Error(), "NodeAccessControlConditionsReturnedNotAuthorized") ||
		!strings.Contains(err.Error(), stranger.Hex()) {
		t.Fatalf("a stranger's decrypt: %v", err)
	}

	// Bad input.
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`[{"chain":"ethereum"}]`), 0o644)
	for _, args := range [][]string{
		{"encrypt", "--network", nw, "--text", "x"},
		{"encrypt", "--network", nw, "--conditions", bad, "--text", "x"},
		{"encrypt", "--network", nw, "--conditions", conds},
		{"encrypt", "--network", nw, "--conditions", conds, "--kind", "nonsense", "--text", "x"},
		{"decrypt", "--network", nw},
		{"decrypt", "--network", nw, "--in", conds},
	} {
		_, _, err := run(t, args...)
		if !errors.As(err, &ue) {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}

func TestBenchDecrypt(t *testing.T) {
	d := sharedDevnet(t)
	var r decryptBenchResult
	decodeJSON(t, mustRun(t, "bench", "decrypt", "--network", d.NetworkFile(), "--concurrency", "2", "--count", "10", "--json"), &r)
	for name, p := range map[string]*benchResult{"userAddress": r.UserAddress, "balance": r.Balance} {
		if p == nil || p.OK != 10 || p.Failed != 0 || p.LatencyMs.P50 <= 0 || p.LatencyMs.P50 > p.LatencyMs.P99 {
			t.Fatalf("%s: %+v", name, p)
		}
	}
	out := mustRun(t, "bench", "decrypt", "--network", d.NetworkFile(), "--count", "3")
	if !strings.Contains(out, "userAddress") || !strings.Contains(out, "balance") || !strings.Contains(out, "3 ok, 0 failed") {
		t.Fatalf("bench text:\n%s", out)
	}
}
