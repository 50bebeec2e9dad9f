package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/devnet"
)

// TestDevnetEpochsProcess runs "flint devnet" as a process and changes its node set with the devnet's
// epoch commands: add a node (4 → 5), refresh, remove one (5 → 4); then stops the devnet and resumes
// it, which starts the registry's members (nodes 1, 3, 4, 5), not nodes 1 to 4. The same PKP signs
// under the same key after each, and the root keys never change. A short --epoch-grace keeps
// remove-node's wait for the removed node to leave short, and a short --reshare-lead-delay each
// change's wait for the leader (the nodes run on this machine and read a lock within a block of each
// other); the resumed devnet keeps both (the nodes' configs).
func TestDevnetEpochsProcess(t *testing.T) {
	bin := flintBinary(t)
	dir := filepath.Join(t.TempDir(), "net")
	first, port := randomLoopback()
	// Where the time goes, logged (never asserted).
	lap := time.Now()
	took := func(what string) {
		t.Logf("%s took %s", what, time.Since(lap).Round(100*time.Millisecond))
		lap = time.Now()
	}
	p := startDevnetProc(t, bin, "devnet", "--nodes", "4", "--dir", dir, "--chain-rpc", "127.0.0.1:0",
		"--first-ip", first.String(), "--port", fmt.Sprint(port), "--explorer", "off", "--epoch-grace", "2s",
		"--reshare-lead-delay", "1s")
	p.waitReady(t)
	took("start (build excluded)")
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
	took("mint")

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
		took("flint " + args[1])
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
		took("check and sign")
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
	took("stop")

	// Resumed, the devnet runs the registry's members again, node 5 among them, and neither starts nor
	// registers node 2 again: the registry keeps 4 members in epoch 4 and the PKP signs.
	urls := urlsOf()
	p = startDevnetProc(t, bin, "devnet", "--dir", dir, "--chain-rpc", "127.0.0.1:0", "--explorer", "off")
	m := p.waitReady(t)
	took("resume")
	log = p.stderr.String()
	if !strings.Contains(log, "resuming the 4-node network") || !strings.Contains(log, "4 nodes started") || strings.Contains(log, "node registered") {
		t.Fatalf("resume: devnet stderr:\n%s", log)
	}
	if m[3] != strings.Join(urls, ",") || !slices.Equal(urlsOf(), urls) {
		t.Fatalf("resume: ready line %q, network.json %v; want nodes %v", m[0], urlsOf(), urls)
	}
	check(4, 4)
	p.interrupt(t)
}

// TestDevnetResumeConfigAfterRemoval: a devnet whose node 1 left in an epoch change resumes with its
// own first IP and port, from the node directories (network.json no longer lists node 1), and with the
// registry's node count.
func TestDevnetResumeConfigAfterRemoval(t *testing.T) {
	dir := t.TempDir()
	nw := devnet.Network{ChainRPC: "http://127.0.0.1:1", Nodes: []devnet.NodeInfo{
		{Index: 3, URL: "http://127.0.0.11:7000"}, {Index: 4, URL: "http://127.0.0.12:7000"},
		{Index: 5, URL: "http://127.0.0.13:7000"}, {Index: 6, URL: "http://127.0.0.14:7000"}}}
	b, _ := json.Marshal(nw)
	if err := os.WriteFile(filepath.Join(dir, "network.json"), b, 0o600); err != nil {
		t.Fatal(err)
	}
	for n := 1; n <= 6; n++ {
		nd := filepath.Join(dir, fmt.Sprintf("node%d", n))
		if err := os.MkdirAll(nd, 0o700); err != nil {
			t.Fatal(err)
		}
		cfg := fmt.Sprintf(`{"apiListen":"127.0.0.%d:7000"}`, 8+n)
		if err := os.WriteFile(filepath.Join(nd, "config.json"), []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	f := devnetFlags{dir: dir, nodes: 4, chainRPC: "127.0.0.1:8545", firstIP: "127.0.0.2", port: 7470, nodeLogLevel: "info", explorer: "off"}
	cfg, resuming, err := f.config(func(string) bool { return false })
	if err != nil || !resuming || cfg.Nodes != 4 || cfg.FirstIP.String() != "127.0.0.9" || cfg.APIPort != 7000 {
		t.Fatalf("resume after removals: %+v, %v, %v", cfg, resuming, err)
	}
}

// TestDevnetEpochGraceFlag: --epoch-grace is bounded, named in its error, and reaches the devnet.
func TestDevnetEpochGraceFlag(t *testing.T) {
	for _, c := range []struct {
		grace time.Duration
		ok    bool
	}{{time.Second, true}, {time.Hour, true}, {999 * time.Millisecond, false}, {0, false}, {-time.Second, false}, {time.Hour + 1, false}} {
		f := devnetFlags{dir: t.TempDir(), nodes: 4, chainRPC: "127.0.0.1:8545", firstIP: "127.0.0.2", port: 7470, nodeLogLevel: "info", explorer: "off", epochGrace: c.grace}
		cfg, _, err := f.config(func(name string) bool { return name == "epoch-grace" })
		if c.ok && (err != nil || cfg.EpochGrace != c.grace) {
			t.Fatalf("--epoch-grace %s: %v, %s", c.grace, err, cfg.EpochGrace)
		}
		if !c.ok && (exitCode(err) != exitUsage || !strings.Contains(err.Error(), "--epoch-grace")) {
			t.Fatalf("--epoch-grace %s: %v", c.grace, err)
		}
	}
}

// TestDevnetLeadDelayFlag: --reshare-lead-delay is bounded, named in its error, and reaches the devnet.
func TestDevnetLeadDelayFlag(t *testing.T) {
	for _, c := range []struct {
		delay time.Duration
		ok    bool
	}{{minLeadDelay, true}, {time.Second, true}, {maxLeadDelay, true}, {minLeadDelay - 1, false}, {0, false}, {-time.Second, false}, {maxLeadDelay + 1, false}} {
		f := devnetFlags{dir: t.TempDir(), nodes: 4, chainRPC: "127.0.0.1:8545", firstIP: "127.0.0.2", port: 7470, nodeLogLevel: "info", explorer: "off", leadDelay: c.delay}
		cfg, _, err := f.config(func(name string) bool { return name == "reshare-lead-delay" })
		if c.ok && (err != nil || cfg.ReshareLeadDelay != c.delay) {
			t.Fatalf("--reshare-lead-delay %s: %v, %s", c.delay, err, cfg.ReshareLeadDelay)
		}
		if !c.ok && (exitCode(err) != exitUsage || !strings.Contains(err.Error(), "--reshare-lead-delay")) {
			t.Fatalf("--reshare-lead-delay %s: %v", c.delay, err)
		}
	}
}
