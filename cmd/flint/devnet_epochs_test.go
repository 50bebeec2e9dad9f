package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/devnet"
)

// TestDevnetEpochsProcess runs "flint devnet" as a process and changes its node set with the devnet's
// epoch commands: add a node (4 → 5), refresh, remove one (5 → 4). The same PKP signs under the same
// key after each, and the root keys never change.
func TestDevnetEpochsProcess(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "flint")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	dir := filepath.Join(t.TempDir(), "net")
	first, port := randomLoopback()
	p := startDevnetProc(t, bin, "devnet", "--nodes", "4", "--dir", dir, "--chain-rpc", "127.0.0.1:0",
		"--first-ip", first.String(), "--port", fmt.Sprint(port), "--explorer", "off")
	p.waitReady(t)
	nwFile := filepath.Join(dir, "network.json")
	urlsOf := func() []string {
		nw, err := devnet.ReadNetwork(nwFile)
		if err != nil {
			t.Fatal(err)
		}
		var urls []string
		for _, n := range nw.Nodes {
			urls = append(urls, n.URL)
		}
		return urls
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	r, err := nodeStatus(ctx, http.DefaultClient, urlsOf()[0])
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Reshare) == 0 {
		t.Skip("these nodes take no part in epoch changes (their /status has no reshare field)")
	}
	roots := rootKeys(t, urlsOf())
	pkp := mint(t, nwFile)

	step := func(want string, args ...string) {
		t.Helper()
		out, errOut, err := run(t, args...)
		t.Logf("flint %s:\n%s%s", strings.Join(args, " "), errOut, out)
		if err != nil || !strings.Contains(out, want) {
			dumpLogs(t, dir, 6)
			t.Fatalf("flint %s: %v, want %q in the output; devnet:\n%s", strings.Join(args, " "), err, want, p.stderr)
		}
		if !strings.Contains(errOut, "signalled ready") {
			t.Fatalf("flint %s showed no progress", strings.Join(args, " "))
		}
	}
	check := func(epoch uint64, members int) {
		t.Helper()
		var st networkStatus
		decodeJSON(t, mustRun(t, "network", "status", "--network", nwFile, "--json"), &st)
		if st.Epoch != epoch || st.State != "Active" || len(st.Members) != members {
			t.Fatalf("status: epoch %d, %s, %d members; want epoch %d, %d members", st.Epoch, st.State, len(st.Members), epoch, members)
		}
		if got := rootKeys(t, urlsOf()); got != roots {
			t.Fatalf("root keys changed in epoch %d", epoch)
		}
		sign(t, nwFile, pkp.PublicKey, "--message", fmt.Sprintf("epoch %d", epoch))
	}

	step("joined and serves", "devnet", "add-node", "--dir", dir)
	check(2, 5)
	step("refreshed", "devnet", "refresh", "--dir", dir)
	check(3, 5)
	step("left the network and is stopped", "devnet", "remove-node", "2", "--dir", dir)
	check(4, 4)
	// The devnet watched the node it started and did not report the one it stopped as down.
	log := p.stderr.String()
	if !strings.Contains(log, "started node 5") || !strings.Contains(log, "stopped node 2: it left the network") || strings.Contains(log, "node 2 (") {
		t.Fatalf("devnet stderr:\n%s", log)
	}
	p.interrupt(t)
}

// TestDevnetRefusesResumeAfterRemoval: a devnet resumes nodes 1..n, so one whose set lost a node in an
// epoch change is refused by name rather than resumed with the removed node registered again.
func TestDevnetRefusesResumeAfterRemoval(t *testing.T) {
	dir := t.TempDir()
	nw := devnet.Network{ChainRPC: "http://127.0.0.1:1", Nodes: []devnet.NodeInfo{{Index: 1}, {Index: 3}, {Index: 4}, {Index: 5}}}
	b, _ := json.Marshal(nw)
	if err := os.WriteFile(filepath.Join(dir, "network.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	f := devnetFlags{dir: dir, nodes: 4, chainRPC: "127.0.0.1:8545", firstIP: "127.0.0.2", port: 7470, nodeLogLevel: "info", explorer: "off"}
	_, _, err := f.config(func(string) bool { return false })
	if exitCode(err) != exitUsage || !strings.Contains(err.Error(), "its nodes are 1, 3, 4, 5") {
		t.Fatalf("resume after a removal: %v", err)
	}
	// Nodes 1..5 after an addition resume.
	nw.Nodes = []devnet.NodeInfo{{Index: 1, URL: "http://127.0.0.2:7470"}, {Index: 2}, {Index: 3}, {Index: 4}, {Index: 5}}
	b, _ = json.Marshal(nw)
	if err := os.WriteFile(filepath.Join(dir, "network.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	if cfg, resuming, err := f.config(func(string) bool { return false }); err != nil || !resuming || cfg.Nodes != 5 {
		t.Fatalf("resume after an addition: %+v, %v, %v", cfg, resuming, err)
	}
}
