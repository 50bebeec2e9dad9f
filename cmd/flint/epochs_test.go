package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/chain/devchain"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/node"
)

// epochNet is a dev chain with nodes−1 nodes registered by the owner and one more configured to join, and a network.json laid out as
// flint devnet lays it out (DIR/network.json, DIR/chain/devchain.json), with each node's config file.
// The nodes do not run: the test plays their chain part (readiness signals) itself.
type epochNet struct {
	dir     string
	nwFile  string
	chain   *devchain.Chain
	cc      *chain.Client
	configs []string // node i's config file, 0-based
	keys    []string // node i's identity key (hex)
}

func startEpochNet(t *testing.T, nodes int) *epochNet {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	e := &epochNet{dir: t.TempDir()}
	first, port := randomLoopback()
	var cfgs []*node.Config
	var prefund []common.Address
	ip := first
	for i := 0; i < nodes; i++ {
		k, _ := crypto.GenerateKey()
		seed := make([]byte, 32)
		store := make([]byte, 32)
		copy(seed, crypto.Keccak256([]byte(fmt.Sprint("transport", i, first))))
		copy(store, crypto.Keccak256([]byte(fmt.Sprint("store", i, first))))
		cfgs = append(cfgs, &node.Config{
			DataDir: filepath.Join(e.dir, fmt.Sprintf("node%d", i+1)), IdentityKey: hex.EncodeToString(crypto.FromECDSA(k)),
			TransportKey: hex.EncodeToString(seed), StoreKey: hex.EncodeToString(store),
			APIListen: netip.AddrPortFrom(ip, port).String(),
		})
		e.keys = append(e.keys, hex.EncodeToString(crypto.FromECDSA(k)))
		prefund = append(prefund, crypto.PubkeyToAddress(k.PublicKey))
		ip = ip.Next()
	}
	c, err := devchain.Start(ctx, devchain.Config{Dir: filepath.Join(e.dir, "chain"), RPCAddr: "127.0.0.1:0", Accounts: 2, Prefund: prefund})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	e.chain = c
	if e.cc, err = c.Client(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.cc.Close)
	owner := c.Accounts()[0]
	nw := devnet.Network{ChainRPC: c.RPCURL(), ChainID: 1337, Contracts: c.Addresses(),
		DevKey: hex0x(crypto.FromECDSA(c.Accounts()[1].Key)), DevAddress: c.Accounts()[1].Address.Hex()}
	for i, cfg := range cfgs {
		cfg.ChainRPC, cfg.Contracts = c.RPCURL(), c.Addresses()
		b, _ := json.Marshal(cfg)
		path := filepath.Join(cfg.DataDir, "config.json") // where flint devnet keeps it
		if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			t.Fatal(err)
		}
		e.configs = append(e.configs, path)
		if i == nodes-1 {
			break // the last one joins later
		}
		seed, _ := hex.DecodeString(cfg.TransportKey)
		ap := netip.MustParseAddrPort(cfg.APIListen)
		addr := prefund[i]
		if _, err := e.cc.AddNode(ctx, e.cc.Transactor(owner.Key), chain.NodeSpec{AddrPort: ap, Address: addr,
			TransportKey: ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)}); err != nil {
			t.Fatal(err)
		}
		nw.Nodes = append(nw.Nodes, devnet.NodeInfo{Index: i + 1, URL: "http://" + ap.String(), Address: addr.Hex()})
	}
	net, err := e.cc.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	nw.Threshold, nw.Quorum = net.Threshold, net.Quorum
	b, _ := json.Marshal(nw)
	e.nwFile = filepath.Join(e.dir, "network.json")
	if err := os.WriteFile(e.nwFile, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return e
}

// lock is the number of the registry's current lock, which ready signals name.
func (e *epochNet) lock(t *testing.T) uint64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	reg, err := e.cc.Network(ctx)
	if err != nil || reg.Next == nil {
		t.Fatalf("no locked next set: %v", err)
	}
	return reg.Next.Lock
}

func (e *epochNet) address(i int) common.Address {
	k, _ := crypto.HexToECDSA(e.keys[i])
	return crypto.PubkeyToAddress(k.PublicKey)
}

func (e *epochNet) status(t *testing.T) networkStatus {
	t.Helper()
	var st networkStatus
	out := mustRun(t, "network", "status", "--network", e.nwFile, "--json")
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatalf("status --json: %v\n%s", err, out)
	}
	return st
}

// mustFail runs a command that must fail with a message holding every one of want.
func mustFail(t *testing.T, want []string, args ...string) {
	t.Helper()
	_, _, err := run(t, args...)
	if err == nil {
		t.Fatalf("flint %s succeeded", strings.Join(args, " "))
	}
	t.Logf("flint %s: %v", strings.Join(args, " "), err)
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Fatalf("flint %s: %v\nwant it to say %q", strings.Join(args, " "), err, w)
		}
	}
}

// TestEpochCommands drives a whole epoch change through the commands on the dev chain: a node asks
// to join, the owner approves it and kicks another, locks, the next set signals ready (the test
// signals for the nodes), the owner advances; every refusal on the way comes back in plain words.
func TestEpochCommands(t *testing.T) {
	e := startEpochNet(t, 5)
	nw := []string{"--network", e.nwFile}
	joiner, kicked := e.address(4), e.address(1)

	st := e.status(t)
	if st.Epoch != 1 || st.State != "Active" || len(st.Members) != 4 || st.Threshold != 1 || st.Next != nil {
		t.Fatalf("status before: %+v", st)
	}
	if st.Members[0].Node != nil || st.Members[0].Unreachable == "" {
		t.Fatalf("a node that does not run: %+v", st.Members[0])
	}

	// The node asks to join, with the DKG key its store holds.
	out := mustRun(t, "node", "join", "--config", e.configs[4])
	if !strings.Contains(out, "asked to join") || !strings.Contains(out, "approve-join "+joiner.Hex()) {
		t.Fatalf("join: %s", out)
	}
	mustFail(t, []string{"already asked to join", "approve-join"}, "node", "join", "--config", e.configs[4])
	st = e.status(t)
	if len(st.PendingJoins) != 1 || st.PendingJoins[0].Address != joiner.Hex() || st.PendingJoins[0].Approved || len(st.PendingJoins[0].DKGKey) != 2+2*chain.DKGKeySize ||
		!strings.Contains(st.NextStep, "approve-join "+joiner.Hex()) {
		t.Fatalf("status after join: %+v", st)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	joins, _, err := e.cc.PendingChanges(ctx)
	if err != nil || len(joins) != 1 || len(joins[0].DKGKey) != chain.DKGKeySize {
		t.Fatalf("pending joins %+v, %v", joins, err)
	}
	// The key it published is the one its store keeps: asking again gives the same.
	cfg, err := node.LoadConfig(e.configs[4])
	if err != nil {
		t.Fatal(err)
	}
	spec, _, err := node.JoinSpec(cfg)
	if err != nil || !bytes.Equal(spec.DKGKey, joins[0].DKGKey) {
		t.Fatalf("the store's DKG key %x (%v), published %x", spec.DKGKey, err, joins[0].DKGKey)
	}

	// Only the owner approves; the network.json dev account is not the owner.
	mustFail(t, []string{"not the contracts' owner", "--key"}, append([]string{"network", "approve-join", joiner.Hex(), "--key", hex0x(crypto.FromECDSA(e.chain.Accounts()[1].Key))}, nw...)...)
	mustFail(t, []string{"has not asked to join"}, append([]string{"network", "approve-join", kicked.Hex()}, nw...)...)
	mustFail(t, []string{"is not a node address"}, append([]string{"network", "approve-join", "0x12"}, nw...)...)
	mustFail(t, []string{"no next set is locked", "lock-next-epoch"}, append([]string{"network", "advance-epoch"}, nw...)...)
	mustRun(t, append([]string{"network", "approve-join", joiner.Hex()}, nw...)...)
	mustRun(t, append([]string{"network", "kick", kicked.Hex()}, nw...)...)
	mustFail(t, []string{"already leaves"}, append([]string{"network", "kick", kicked.Hex()}, nw...)...)
	if st = e.status(t); !strings.Contains(st.NextStep, "lock-next-epoch") || len(st.PendingLeaves) != 1 || !st.Members[1].Leaving {
		t.Fatalf("status before the lock: %+v", st)
	}

	// 4 nodes cannot have t' = 2.
	mustFail(t, []string{"n' >= 3t'+1", "--threshold"}, append([]string{"network", "lock-next-epoch", "--threshold", "2"}, nw...)...)
	out = mustRun(t, append([]string{"network", "lock-next-epoch"}, nw...)...)
	if !strings.Contains(out, "locked the set of epoch 2: 4 nodes, t'=1") {
		t.Fatalf("lock: %s", out)
	}
	mustFail(t, []string{"registry is NextValidatorSetLocked", "unlock-next-epoch"}, "node", "leave", "--config", e.configs[2])
	mustFail(t, []string{"0 of its 4 nodes signalled, 4 (3t'+1) needed"}, append([]string{"network", "advance-epoch"}, nw...)...)
	st = e.status(t)
	if st.State != "NextValidatorSetLocked" || st.Next == nil || st.Next.Epoch != 2 || st.Next.Needed != 4 || len(st.Next.Nodes) != 4 {
		t.Fatalf("status after the lock: %+v", st)
	}
	want := []int{1, 3, 4, 5} // stable indices: node 2 left, the joiner got 5
	for i, n := range st.Next.Nodes {
		if n.Index != want[i] || n.Joining != (n.Index == 5) {
			t.Fatalf("next set %+v, want indices %v with 5 joining", st.Next.Nodes, want)
		}
	}

	// --watch prints each step of the readiness.
	var watchOut syncBuffer
	wctx, stopWatch := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		root := newRootCmd()
		root.SetOut(&watchOut)
		root.SetErr(&watchOut)
		root.SetArgs(append([]string{"network", "status", "--watch", "--every", "50ms"}, nw...))
		if err := root.ExecuteContext(wctx); err != nil {
			t.Errorf("status --watch: %v", err)
		}
	}()
	for step, i := range []int{0, 2, 3, 4} { // the next set's nodes signal, as they do once their shares are stored
		k, _ := crypto.HexToECDSA(e.keys[i])
		if _, err := e.cc.SignalReady(ctx, e.cc.Transactor(k), 2, e.lock(t)); err != nil {
			t.Fatalf("node %d signals: %v", i+1, err)
		}
		waitFor(t, &watchOut, fmt.Sprintf("%d ready of 4 needed", step+1))
	}
	waitFor(t, &watchOut, "ReadyForNextEpoch")
	stopWatch()
	wg.Wait()
	t.Logf("flint network status --watch:\n%s", watchOut.String())
	if !strings.Contains(watchOut.String(), "next step: the next set is ready: \"flint network advance-epoch\"") {
		t.Fatalf("watch output:\n%s", watchOut.String())
	}

	out = mustRun(t, append([]string{"network", "advance-epoch"}, nw...)...)
	if !strings.Contains(out, "advanced to epoch 2: 4 nodes, t=1, quorum 3") {
		t.Fatalf("advance: %s", out)
	}
	after, err := devnet.ReadNetwork(e.nwFile)
	if err != nil || len(after.Nodes) != 4 || after.Nodes[3].Index != 5 || after.Nodes[3].Address != joiner.Hex() || after.Quorum != 3 {
		t.Fatalf("network.json after the advance: %+v, %v", after, err)
	}
	st = e.status(t)
	if st.Epoch != 2 || st.State != "Active" || st.Next != nil || len(st.Members) != 4 {
		t.Fatalf("status after the advance: %+v", st)
	}
	for i, n := range st.Members {
		if n.Index != want[i] {
			t.Fatalf("members %+v, want indices %v", st.Members, want)
		}
	}

	// 4 → 3 would give t' = 0: refused by name, the kick withdrawn.
	mustRun(t, append([]string{"network", "kick", e.address(3).Hex()}, nw...)...)
	mustFail(t, []string{"3 nodes, so t' = 0", "--allow-t0"}, append([]string{"network", "lock-next-epoch"}, nw...)...)
	mustFail(t, []string{"was kicked by the owner", "only the owner can keep it"}, "node", "leave", "--cancel", "--config", e.configs[3])
	mustRun(t, append([]string{"network", "cancel-leave", e.address(3).Hex()}, nw...)...)

	// A member leaves and thinks better of it; the kicked node can no longer leave.
	mustRun(t, "node", "leave", "--config", e.configs[2])
	if st = e.status(t); len(st.PendingLeaves) != 1 || st.PendingLeaves[0] != e.address(2).Hex() {
		t.Fatalf("pending leaves %v", st.PendingLeaves)
	}
	mustRun(t, "node", "leave", "--cancel", "--config", e.configs[2])
	mustFail(t, []string{"is not a node of the current set"}, "node", "leave", "--config", e.configs[1])

	// advance-epoch --wait: a refresh locked, the nodes signalling while it waits.
	mustRun(t, append([]string{"network", "lock-next-epoch"}, nw...)...)
	var waitErr syncBuffer
	done := make(chan error, 1)
	go func() {
		root := newRootCmd()
		var out bytes.Buffer
		root.SetOut(&out)
		root.SetErr(&waitErr)
		root.SetArgs(append([]string{"network", "advance-epoch", "--wait"}, nw...))
		done <- root.ExecuteContext(ctx)
	}()
	for step, i := range []int{0, 2, 3, 4} {
		waitFor(t, &waitErr, fmt.Sprintf("epoch 3: %d signalled ready, 4 needed", step))
		k, _ := crypto.HexToECDSA(e.keys[i])
		if _, err := e.cc.SignalReady(ctx, e.cc.Transactor(k), 3, e.lock(t)); err != nil {
			t.Fatalf("node %d signals: %v", i+1, err)
		}
	}
	if err := <-done; err != nil {
		t.Fatalf("advance-epoch --wait: %v\n%s", err, waitErr.String())
	}
	t.Logf("advance-epoch --wait progress:\n%s", waitErr.String())
	if st = e.status(t); st.Epoch != 3 || st.State != "Active" {
		t.Fatalf("after advance --wait: %+v", st)
	}
	mustFail(t, []string{"no next set is locked"}, append([]string{"network", "advance-epoch", "--wait"}, nw...)...)

	// A refresh: a lock with no change, undone.
	mustRun(t, append([]string{"network", "lock-next-epoch"}, nw...)...)
	mustFail(t, []string{"not now", "NextValidatorSetLocked"}, append([]string{"network", "lock-next-epoch"}, nw...)...)
	out = mustRun(t, append([]string{"network", "unlock-next-epoch", "--json"}, nw...)...)
	var res map[string]any
	if err := json.Unmarshal([]byte(out), &res); err != nil || res["op"] != "unlock-next-epoch" {
		t.Fatalf("unlock --json: %s", out)
	}
	mustFail(t, []string{"there is no locked next set"}, append([]string{"network", "unlock-next-epoch"}, nw...)...)

	// The text view.
	text := mustRun(t, append([]string{"network", "status"}, nw...)...)
	t.Logf("flint network status:\n%s", text)
	for _, w := range []string{"epoch 3, Active, t=1, quorum 3, 4 nodes", "  5  " + joiner.Hex(), "next step: nothing pending"} {
		if !strings.Contains(text, w) {
			t.Fatalf("status text lacks %q:\n%s", w, text)
		}
	}
}

// TestNetworkStatusReshare shows a node's reshare phase from its /status. The node here is a
// stand-in serving the /status document docs/api.md gives, on a registered node's address.
func TestNetworkStatusReshare(t *testing.T) {
	e := startEpochNet(t, 5)
	cfg, err := node.LoadConfig(e.configs[0])
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", cfg.APIListen)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", cfg.APIListen, err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/status" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte(`{"ready":true,"epoch":1,"index":1,"reshare":{"epoch":1,"state":"NextValidatorSetLocked","phase":"resharing","nextEpoch":2,"reshareAttempts":2,"lastError":"node 3 did not answer"}}`))
	})}
	go srv.Serve(ln)
	defer srv.Close()
	text := mustRun(t, "network", "status", "--network", e.nwFile)
	if !strings.Contains(text, "serving epoch 1, reshare resharing (attempt 2): node 3 did not answer") {
		t.Fatalf("status text:\n%s", text)
	}
	st := e.status(t)
	if st.Members[0].Node == nil || !strings.Contains(string(st.Members[0].Node.Reshare), `"phase":"resharing"`) {
		t.Fatalf("status json member 1: %+v", st.Members[0])
	}
}

// waitFor waits until the watch has printed s.
func waitFor(t *testing.T, b *syncBuffer, s string) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(b.String(), s) {
		if time.Now().After(deadline) {
			t.Fatalf("the watch never printed %q:\n%s", s, b.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// TestDevnetEpochCommandsRefuse: the devnet's epoch commands check before they change anything, and
// leave nothing half done when they stop.
func TestDevnetEpochCommandsRefuse(t *testing.T) {
	e := startEpochNet(t, 5)
	mustFail(t, []string{"no flint devnet runs in " + e.dir}, "devnet", "add-node", "--dir", e.dir)
	mustFail(t, []string{"no node of the current set has index 9"}, "devnet", "remove-node", "9", "--dir", e.dir)
	mustFail(t, []string{"want a node index"}, "devnet", "remove-node", "x", "--dir", e.dir)

	// 4 → 3 would give t' = 0: refused, and the kick it made is withdrawn.
	mustFail(t, []string{"3 nodes, so t' = 0"}, "devnet", "remove-node", "2", "--dir", e.dir)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, leaves, err := e.cc.PendingChanges(ctx); err != nil || len(leaves) != 0 {
		t.Fatalf("pending leaves after the refusal: %v, %v", leaves, err)
	}

	// A refresh does not carry out pending changes unasked.
	mustRun(t, "node", "join", "--config", e.configs[4])
	mustRun(t, "network", "approve-join", e.address(4).Hex(), "--network", e.nwFile)
	mustFail(t, []string{"is approved, so the next lock would add it"}, "devnet", "refresh", "--dir", e.dir)
	mustRun(t, "network", "reject-join", e.address(4).Hex(), "--network", e.nwFile)

	// Nor does it start while a change is under way.
	mustRun(t, "network", "lock-next-epoch", "--network", e.nwFile)
	mustFail(t, []string{"an epoch change is under way", "unlock-next-epoch"}, "devnet", "refresh", "--dir", e.dir)

	// A node whose address holds no ETH is told to fund it.
	cfg, err := node.LoadConfig(e.configs[4])
	if err != nil {
		t.Fatal(err)
	}
	k, _ := crypto.GenerateKey()
	cfg.IdentityKey, cfg.DataDir = hex.EncodeToString(crypto.FromECDSA(k)), filepath.Join(e.dir, "poor")
	b, _ := json.Marshal(cfg)
	poor := filepath.Join(e.dir, "poor.json")
	if err := os.WriteFile(poor, b, 0o600); err != nil {
		t.Fatal(err)
	}
	mustFail(t, []string{"has no ETH", "flint devnet fund --to " + crypto.PubkeyToAddress(k.PublicKey).Hex()}, "node", "join", "--config", poor)

	// The nodes' number in the devnet's directory (DIR/node<n>) follows their address.
	if n, err := devnetNodeNumber(e.dir, e.address(2)); err != nil || n != 3 {
		t.Fatalf("devnetNodeNumber = %d, %v", n, err)
	}
}

// FuzzNodeStatus feeds a node's /status answer, which any node (or a stranger on its address) writes,
// to the status and progress views: they must not fail on it, only show less.
//
// Also: a node whose /status is from before the lock (no next epoch, or the previous one) shows as not
// having read it, not with the previous change's phase.
func FuzzNodeStatus(f *testing.F) {
	f.Add([]byte(`{"ready":true,"epoch":2,"reshare":{"phase":"resharing","reshareAttempts":3,"lastError":"x","previousEpoch":1}}`))
	f.Add([]byte(`{"reshare":"idle"}`))
	f.Add([]byte(`{"reshare":null,"epoch":-1}`))
	for body, want := range map[string]string{
		`{"reshare":{"phase":"grace","previousEpoch":1}}`: "node 1 has not read the lock yet",
		`{"reshare":{"phase":"signalled","nextEpoch":1}}`: "node 1 has not read the lock yet",
		`{"reshare":{"phase":"resharing","nextEpoch":2}}`: "node 1 resharing",
	} {
		var r nodeReport
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			f.Fatal(err)
		}
		st := &networkStatus{Next: &nextStatus{Epoch: 2, Needed: 4, Nodes: []statusNode{{Index: 1, Node: &r}}}}
		if line := progressLine(st); !strings.HasSuffix(line, want) {
			f.Fatalf("%s: progress line %q, want it to end %q", body, line, want)
		}
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var r nodeReport
		if json.Unmarshal(body, &r) != nil {
			return
		}
		n := statusNode{Index: 1, Node: &r}
		_ = nodeLine(n)
		st := &networkStatus{Next: &nextStatus{Epoch: 2, Needed: 4, Nodes: []statusNode{n}}}
		if line := progressLine(st); !strings.HasPrefix(line, "epoch 2: ") {
			t.Fatalf("progress line %q", line)
		}
	})
}
