package main

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/ipfs"
)

// sdkResult is run --json: the Lit SDK's executeJs result.
type sdkResult struct {
	Claims     map[string]json.RawMessage `json:"claims"`
	Signatures map[string]struct {
		R          string `json:"r"`
		S          string `json:"s"`
		Recid      int    `json:"recid"`
		Signature  string `json:"signature"`
		PublicKey  string `json:"publicKey"`
		DataSigned string `json:"dataSigned"`
	} `json:"signatures"`
	Response json.RawMessage `json:"response"`
	Logs     string          `json:"logs"`
}

func TestActionCommands(t *testing.T) {
	d := sharedDevnet(t)
	nw := d.NetworkFile()
	// The README's example Action, so that it keeps working.
	file := filepath.Join("..", "..", "examples", "actions", "sign-message.js")
	code, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cid := strings.TrimSpace(mustRun(t, "action", "publish", "--network", nw, file))
	if cid != ipfs.Sum(code).String() {
		t.Fatalf("publish printed %q, want the file's CID %s", cid, ipfs.Sum(code))
	}
	if _, err := os.Stat(filepath.Join(d.IPFSStore(), cid)); err != nil {
		t.Fatalf("not in the devnet's store: %v", err)
	}

	m := mint(t, nw)
	params := `{"message": "hello world", "publicKey": "` + m.PublicKey + `"}`
	strangerKey, _ := keyHex(t, d, 5)
	_, stderr, err := run(t, "action", "run", "--network", nw, "--cid", cid, "--params", params, "--key", strangerKey)
	if err == nil || exitCode(err) != exitFailure || !strings.Contains(err.Error(), "NodePKPNotAuthorized") ||
		!strings.Contains(err.Error(), "Neither you nor this Lit Action are authorized") || !strings.Contains(stderr, "signing hello world") {
		t.Fatalf("before the grant: %v\nstderr %s", err, stderr)
	}

	out := mustRun(t, "pkp", "grant", "--network", nw, "--pubkey", m.PublicKey, "--action", cid, "--scope", "1")
	if !strings.Contains(out, "Granted Action "+cid) {
		t.Fatalf("grant: %s", out)
	}
	var res sdkResult
	decodeJSON(t, mustRun(t, "action", "run", "--network", nw, "--cid", cid, "--params", params, "--key", strangerKey, "--json"), &res)
	s, ok := res.Signatures["sig"]
	hash := crypto.Keccak256([]byte("hello world"))
	if !ok || !strings.EqualFold(s.DataSigned, hex.EncodeToString(hash)) || !strings.EqualFold("0x"+s.PublicKey, m.PublicKey) ||
		string(res.Response) != `{"signed":"hello world"}` || res.Logs != "signing hello world\n" || len(res.Claims) != 0 {
		t.Fatalf("run --json: %+v", res)
	}
	sig := unhex(t, s.Signature, 65)
	if hex.EncodeToString(sig[:32]) != s.R || hex.EncodeToString(sig[32:64]) != s.S || int(sig[64]) != 27+s.Recid {
		t.Fatalf("signature %s is not r ‖ s ‖ v of %+v", s.Signature, s)
	}
	verifySig(t, hash, sig, unhex(t, m.PublicKey, 65))

	// Inline code, text output: the owner (the default key) may sign without any grant to the code.
	out = mustRun(t, "action", "run", "--network", nw, "--file", file, "--params", params)
	if !strings.Contains(out, `{"signed":"hello world"}`) || !strings.Contains(out, `signature "sig"`) || !strings.Contains(out, "4 of 4 nodes that ran it") {
		t.Fatalf("run text:\n%s", out)
	}

	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"file and cid", []string{"action", "run", "--network", nw, "--file", file, "--cid", cid}, "one of them"},
		{"neither", []string{"action", "run", "--network", nw}, "one of them"},
		{"bad cid", []string{"action", "run", "--network", nw, "--cid", "Qm123"}, "--cid"},
		{"params not an object", []string{"action", "run", "--network", nw, "--file", file, "--params", "[1]"}, "JSON object"},
		{"missing file", []string{"action", "publish", "--network", nw, filepath.Join(t.TempDir(), "nope.js")}, "no such file"},
		{"no file", []string{"action", "publish", "--network", nw}, "one argument"},
		{"grant both", []string{"pkp", "grant", "--network", nw, "--pubkey", m.PublicKey, "--address", "0x" + strings.Repeat("1", 40), "--action", cid}, "one of them"},
		{"grant bad cid", []string{"pkp", "grant", "--network", nw, "--pubkey", m.PublicKey, "--action", "nope"}, "--action"},
	} {
		_, _, err := run(t, c.args...)
		if err == nil || exitCode(err) != exitUsage || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v (want a usage error with %q)", c.name, err, c.want)
		}
	}
}

func TestBenchAction(t *testing.T) {
	d := sharedDevnet(t)
	m := mint(t, d.NetworkFile())
	var r actionBenchResult
	decodeJSON(t, mustRun(t, "bench", "action", "--network", d.NetworkFile(), "--pubkey", m.PublicKey, "--count", "4", "--concurrency", "2", "--json"), &r)
	for name, p := range map[string]*benchResult{"trivial": r.Trivial, "signing": r.Signing} {
		if p == nil || p.OK != 4 || p.Failed != 0 || p.LatencyMs.P50 <= 0 || p.LatencyMs.P99 < p.LatencyMs.P50 || p.OpsPerSecond <= 0 {
			t.Fatalf("%s: %+v", name, p)
		}
	}
	if r.Nodes != 4 || r.Quorum != 3 || r.Concurrency != 2 || r.PublicKey != m.PublicKey {
		t.Fatalf("result %+v", r)
	}
}
