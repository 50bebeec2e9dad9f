package integration

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/devnet/hosts"
	"github.com/flint-network/flint/node"
)

// startEpochHosts runs n nodes, each a host of its own (devnet/hosts), with
// spare namespaces for joiners, a 5 s grace period, small pools, and waits
// for genesis. inside, if set, is hosts.Config.Inside.
func startEpochHosts(t testing.TB, nodes, spare int, inside func(int) []string) *hosts.Net {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := hosts.Probe(ctx); errors.Is(err, hosts.ErrNoNamespaces) {
		t.Skipf("no network namespaces here, so no hosts to test across: %v", err)
	} else if err != nil {
		t.Fatal(err)
	}
	bin, err := buildFlint()
	if err != nil {
		t.Fatal(err)
	}
	n, err := hosts.Start(ctx, hosts.Config{Flint: bin, Spare: spare, Inside: inside, Devnet: devnet.Config{
		Dir:          t.TempDir(),
		Nodes:        nodes,
		Pool:         node.PoolConfig{Low: 20, High: 40, Batch: 20},
		Round:        3 * time.Second,
		EpochGrace:   5 * time.Second,
		NodeLogLevel: slog.LevelInfo,
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			for i := range n.URLs() {
				t.Logf("--- node %d: epoch lines\n%s", i+1, strings.Join(epochLines(n.Devnet, i), "\n"))
			}
		}
		if err := n.Close(); err != nil {
			t.Errorf("removing the hosts: %v", err)
		}
	})
	start := time.Now()
	if err := n.WaitReady(ctx); err != nil {
		t.Fatalf("hosts not ready: %v", err)
	}
	t.Logf("%d hosts on %s ready in %v", nodes, n.Gateway(), time.Since(start).Round(time.Millisecond))
	return n
}

// nodeLog is node i's (0-based) log, line by line.
func nodeLog(d *devnet.Devnet, i int) []string {
	f, err := os.Open(filepath.Join(d.Dir(), fmt.Sprintf("node%d", i+1), "node.log"))
	if err != nil {
		return nil
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out
}

// epochLines are node i's log lines about epochs, resharing, misbehaviour
// and failures, the last 80.
func epochLines(d *devnet.Devnet, i int) []string {
	var out []string
	for _, l := range nodeLog(d, i) {
		if strings.Contains(l, "resharing") || strings.Contains(l, "epoch") || strings.Contains(l, "misbehaviour") ||
			strings.Contains(l, "level=WARN") || strings.Contains(l, "level=ERROR") {
			out = append(out, l[:min(len(l), 500)])
		}
	}
	return out[max(0, len(out)-80):]
}

// logged returns node i's first line with msg and epoch E, or "": slog
// text lines (`msg="…" … epoch=E`, node processes) or JSON lines
// (`"msg":"…" … "epoch":E`, in-process nodes).
func logged(d *devnet.Devnet, i int, msg string, epoch uint64) string {
	for _, l := range nodeLog(d, i) {
		text := strings.Contains(l, "msg=\""+msg+"\"") && strings.Contains(l+" ", fmt.Sprintf(" epoch=%d ", epoch))
		js := strings.Contains(l, `"msg":"`+msg+`"`) && (strings.Contains(l, fmt.Sprintf(`"epoch":%d,`, epoch)) || strings.Contains(l, fmt.Sprintf(`"epoch":%d}`, epoch)))
		if text || js {
			return l + " "
		}
	}
	return ""
}

// field is a slog text line's value for key (quotes kept).
func field(line, key string) string {
	i := strings.Index(line, " "+key+"=")
	if i < 0 {
		return ""
	}
	rest := line[i+len(key)+2:]
	if strings.HasPrefix(rest, `"`) {
		if j := strings.Index(rest[1:], `"`); j >= 0 {
			return rest[:j+2]
		}
	}
	if j := strings.IndexByte(rest, ' '); j >= 0 {
		return rest[:j]
	}
	return rest
}

// rootKeysHex is the digest the nodes log for the chain's root keys
// (SHA-256 over the ECDSA keys, uncompressed, in order).
func rootKeysHex(rk *chain.RegisteredRootKeys) string {
	h := sha256.New()
	for _, k := range rk.ECDSA {
		h.Write(k)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// newHostsEpochFixture is the epoch fixture of hosts n in epoch 1: a PKP
// minted there and the root keys on chain, which every fault must leave as
// they are.
func newHostsEpochFixture(t *testing.T, n *hosts.Net) (*epochFixture, *pkpFixture, *chain.RegisteredRootKeys) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cc, err := n.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cc.Close)
	f := &epochFixture{d: n.Devnet, cc: cc, epoch: 1}
	pkp := newPKPFixtureOn(t, n.Devnet)
	f.pubkey = pkp.pubkey
	roots, err := cc.RootKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return f, pkp, roots
}

// faultChange is one epoch change with a fault scripted into it.
type faultChange struct {
	what string
	// fault runs when the leader logs that it leads the resharing (sessions
	// about to start), in its own goroutine.
	fault func(t testing.TB)
	// absent are nodes (0-based) of the new set not expected to serve the
	// new epoch (killed ones).
	absent []int
}

// epochChange locks the next set, runs c.fault once the resharing starts,
// waits until the chain is ready, advances, and waits until every node of
// the new set but c.absent serves the new epoch with presignatures. It
// returns the time from the lock to the chain's ReadyForNextEpoch.
func (f *epochFixture) epochChange(t testing.TB, c faultChange) time.Duration {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	owner := f.d.Chain.Accounts()[0]
	next := f.epoch + 1
	start := time.Now()
	if _, err := f.cc.LockNextEpoch(ctx, f.cc.Transactor(owner.Key), 0); err != nil {
		t.Fatalf("%s: lock: %v", c.what, err)
	}
	faulted := make(chan struct{})
	if c.fault != nil {
		go func() {
			defer close(faulted)
			for ctx.Err() == nil {
				for i := range f.d.URLs() {
					if logged(f.d, i, "leading the resharing", next) != "" {
						t.Logf("%s: node %d leads the resharing, %v after the lock", c.what, i+1, time.Since(start).Round(time.Millisecond))
						c.fault(t)
						return
					}
				}
				time.Sleep(100 * time.Millisecond)
			}
		}()
	} else {
		close(faulted)
	}
	seen := map[string]string{}
	for {
		net, err := f.cc.Network(ctx)
		if err == nil && net.State == chain.ReadyForNextEpoch {
			break
		}
		for i, u := range f.d.URLs() {
			if s, err := nodeStatus(ctx, f.d, u); err == nil {
				p := s.Reshare.Phase + " " + s.Reshare.LastErr
				if seen[u] != p {
					seen[u] = p
					t.Logf("%s: node %d: %s", c.what, i+1, p)
				}
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%s: the chain never got ready for epoch %d", c.what, next)
		case <-time.After(300 * time.Millisecond):
		}
	}
	reshared := time.Since(start)
	<-faulted
	if _, err := f.cc.AdvanceEpoch(ctx, f.cc.Transactor(owner.Key)); err != nil {
		t.Fatalf("%s: advance: %v", c.what, err)
	}
	f.epoch = next
	net, err := f.cc.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if net.Epoch.Number != next {
		t.Fatalf("%s: epoch %d after the advance, want %d", c.what, net.Epoch.Number, next)
	}
	for _, nd := range net.Nodes {
		if slices.Contains(c.absent, nd.Index-1) {
			continue
		}
		u := f.d.URLs()[nd.Index-1]
		for {
			s, err := nodeStatus(ctx, f.d, u)
			if err == nil && s.Ready && s.Reshare.Active == next && s.Presigs > 0 {
				break
			}
			select {
			case <-ctx.Done():
				t.Fatalf("%s: node %d never served epoch %d: %+v %v", c.what, nd.Index, next, s, err)
			case <-time.After(300 * time.Millisecond):
			}
		}
	}
	t.Logf("%s: reshared and signalled %v after the lock; every node serving epoch %d after %v", c.what, reshared.Round(time.Millisecond), next, time.Since(start).Round(time.Millisecond))
	return reshared
}

// agreed checks that the nodes (0-based) took one outcome of the epoch's
// resharings: the same qualified dealers and confirmed digest (ECDSA), the
// root keys the chain holds (before and after), and the same new BLS public
// polynomial; it returns the ECDSA line of the first.
func (f *epochFixture) agreed(t *testing.T, nodes []int, roots *chain.RegisteredRootKeys) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	now, err := f.cc.RootKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rootKeysHex(now) != rootKeysHex(roots) || !slices.Equal(now.BLS, roots.BLS) {
		t.Fatal("the root keys on chain changed")
	}
	var first, poly string
	for _, i := range nodes {
		var ec, bl string
		waitFor(t, fmt.Sprintf("node %d's outcome lines of epoch %d", i+1, f.epoch), time.Minute, func() bool {
			ec, bl = logged(f.d, i, "ECDSA resharing done", f.epoch), logged(f.d, i, "BLS resharing done", f.epoch)
			return ec != "" && bl != ""
		})
		if got := field(ec, "rootKeys"); got != rootKeysHex(roots) {
			t.Fatalf("node %d: root keys %s, the chain's %s", i+1, got, rootKeysHex(roots))
		}
		if first == "" {
			first, poly = ec, field(bl, "publicPoly")
			t.Logf("epoch %d: qualified %s, digest %s", f.epoch, field(ec, "qualified"), field(ec, "digest"))
		}
		for _, k := range []string{"qualified", "digest"} {
			if field(ec, k) != field(first, k) {
				t.Fatalf("node %d: %s %s, node %d: %s", i+1, k, field(ec, k), nodes[0]+1, field(first, k))
			}
		}
		if p := field(bl, "publicPoly"); p != poly || p == "" || p == `""` {
			t.Fatalf("node %d: BLS public polynomial %s, node %d: %s", i+1, p, nodes[0]+1, poly)
		}
	}
	return first
}

// TestEpochFaults: faults during resharing between hosts 50 ms apart
// (devnet/hosts), on one network that changes epoch three times:
//
//   - bad dealer: node 5 joins (4 → 5) while old node 3 deals it shares
//     that fail its commitments and publishes the same shares when accused;
//   - partition: a refresh with node 4 cut off for 10 s from the moment the
//     resharing starts (TestEpochFaultsKill has the killed node).
//
// In each the epoch advances, the root keys on chain and at every node are
// the same, every node that reshared took the same outcome (qualified
// dealers, confirmed digest, BLS public polynomial), and the PKP minted in
// epoch 1 signs (checked with go-ethereum's Ecrecover).
func TestEpochFaults(t *testing.T) {
	// Its own hosts; most of its time is 50 ms round trips, a 10 s cut and the leader's wait.
	t.Parallel()
	const bad, victim = 2, 4 // 0-based: node 3 corrupt, node 5 the joiner
	var corrupt atomic.Bool
	corrupt.Store(true)
	n := startEpochHosts(t, 4, 1, func(i int) []string {
		if i == bad && corrupt.Load() {
			return adversaryNodeArgs(victim + 1)
		}
		return nil
	})
	n.SetRTT(50 * time.Millisecond)
	f, pkp, roots := newHostsEpochFixture(t, n)
	signs := func(t *testing.T, when string) {
		t.Helper()
		f.signs(t, pkp, when)
	}
	signs(t, "epoch 1, 50 ms apart")

	t.Run("bad dealer", func(t *testing.T) {
		f.join(t)
		f.epochChange(t, faultChange{what: "join 4→5, node 3 deals node 5 bad shares"})
		line := f.agreed(t, []int{0, 1, 2, 3, 4}, roots)
		if q := field(line, "qualified"); strings.Contains(q, "3") {
			t.Fatalf("node 3 qualified: %s", q)
		}
		// Named: the victim for the share, every other honest node for the
		// public answer that fails too; no honest node named.
		for i := range 5 {
			if i == bad {
				continue
			}
			var named bool
			for _, l := range nodeLog(n.Devnet, i) {
				if strings.Contains(l, "msg=misbehaviour") && strings.Contains(l, "protocol=reshare") {
					if field(l+" ", "node") != "3" {
						t.Fatalf("node %d names an honest node: %s", i+1, l)
					}
					named = true
				}
			}
			v, ok := metric(t, n.URLs()[i], `flint_misbehaviour_total{node="3",protocol="reshare"}`)
			if !named || !ok || v < 1 {
				t.Fatalf("node %d does not name node 3 (log %v, metric %d %v)", i+1, named, v, ok)
			}
		}
		signs(t, "after node 5 joined past a bad dealer")
	})

	// Node 3 honest again for the other faults.
	corrupt.Store(false)
	if err := n.Kill(bad); err != nil {
		t.Fatal(err)
	}
	if err := n.Restart(bad); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "node 3 to serve again", 2*time.Minute, func() bool {
		s, err := nodeStatus(context.Background(), n.Devnet, n.URLs()[bad])
		return err == nil && s.Ready && s.Reshare.Active == f.epoch
	})

	t.Run("partition", func(t *testing.T) {
		const cut = 3
		f.epochChange(t, faultChange{what: "refresh, node 4 cut off for 10 s", absent: []int{cut}, fault: func(t testing.TB) {
			if err := n.Partition(cut, 10*time.Second); err != nil {
				t.Error(err)
			}
		}})
		f.agreed(t, []int{0, 1, 2, 4}, roots)
		signs(t, "after the partitioned refresh")
		// Node 4 either took the same outcome (the cut came after its
		// confirmation) or missed the change: then it holds no shares of
		// the new epoch, says so, and serves nothing under other keys.
		missed(t, f, cut)
	})
}

// TestEpochFaultsKill: an old node killed halfway through a refresh of five
// hosts 50 ms apart (once the first node finished its ECDSA resharing, while
// the BLS resharing runs). Apart from TestEpochFaults because a node that
// missed a change holds no shares afterwards (no share recovery), and two
// such nodes of five are more than t = 1.
func TestEpochFaultsKill(t *testing.T) {
	t.Parallel() // its own hosts; most of its time is 50 ms round trips and the leader's wait
	n := startEpochHosts(t, 5, 0, nil)
	n.SetRTT(50 * time.Millisecond)
	f, pkp, roots := newHostsEpochFixture(t, n)
	f.signs(t, pkp, "epoch 1, 50 ms apart")
	const killed = 1
	f.epochChange(t, faultChange{what: "refresh, node 2 killed halfway", absent: []int{killed}, fault: func(t testing.TB) {
		for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); {
			for i := range 5 {
				if logged(n.Devnet, i, "ECDSA resharing done", f.epoch+1) != "" {
					t.Logf("node %d finished its ECDSA resharing: killing node 2", i+1)
					if err := n.Kill(killed); err != nil {
						t.Error(err)
					}
					return
				}
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Error("no node finished its ECDSA resharing: node 2 not killed")
	}})
	f.agreed(t, []int{0, 2, 3, 4}, roots)
	f.signs(t, pkp, "after the refresh with node 2 killed")
	// Node 2 comes back with what it stored before it died.
	if err := n.Restart(killed); err != nil {
		t.Fatal(err)
	}
	missed(t, f, killed)
}

// missed checks node i (0-based) after an epoch change it may have missed:
// it either took the outcome the others took, or says it holds no shares
// of the epoch (phase no-shares) and serves nothing.
func missed(t *testing.T, f *epochFixture, i int) {
	t.Helper()
	var s *reshareStatus
	waitFor(t, fmt.Sprintf("node %d to serve epoch %d or say it has no shares", i+1, f.epoch), 2*time.Minute, func() bool {
		var err error
		s, err = nodeStatus(context.Background(), f.d, f.d.URLs()[i])
		return err == nil && (s.Reshare.Phase == "no-shares" || (s.Ready && s.Reshare.Active == f.epoch))
	})
	if s.Reshare.Phase == "no-shares" {
		t.Logf("node %d missed the change to epoch %d: phase %q, ready %v, active epoch %d, last error %q (no share recovery: it stays without shares)", i+1, f.epoch, s.Reshare.Phase, s.Ready, s.Reshare.Active, s.Reshare.LastErr)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	roots, err := f.cc.RootKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f.agreed(t, []int{0, i}, roots)
	t.Logf("node %d took the same outcome and serves epoch %d", i+1, f.epoch)
}

// signs signs with the epoch-1 PKP through the nodes the registry lists
// now, retrying while pools refill (signTried), and verifies the signature with decred
// and go-ethereum's Ecrecover.
func (f *epochFixture) signs(t *testing.T, pkp *pkpFixture, when string) {
	t.Helper()
	// A client connected now: it names the current epoch (a client made
	// two epochs ago is refused, NodeInvalidEpoch).
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	pkp.cl = f.client(t, ctx)
	start := time.Now()
	res := signTried(t, pkp, when)
	verify(t, &res.Signature, f.pubkey)
	t.Logf("%s: the epoch-1 PKP signed in %v", when, time.Since(start).Round(time.Millisecond))
}

// BenchmarkReshare measures an epoch change's resharing, from the lock to
// the chain's ReadyForNextEpoch (every node of the new set stored its
// shares of both keys and signalled: n = 3t+1, so all of them), for a
// refresh of n nodes: in one process (inprocess), as flint processes on
// loopback (loopback), and as processes on hosts 50 ms apart (rtt50ms,
// devnet/hosts). Not run by default; each iteration is one epoch change:
//
//	go test -run '^$' -bench 'BenchmarkReshare/loopback' -v ./integration/
//	go test -run '^$' -bench 'BenchmarkReshare/rtt50ms/n=7' -benchtime 2x -v ./integration/
//
// It reports reshare-s, the mean of lock → ready. The leader waits 5 s
// after it first sees the lock before it starts (every node has read the
// lock by then), so about 5 s of every number is that wait: reported apart
// as lead-s (lock → the leader's "leading the resharing" line).
func BenchmarkReshare(b *testing.B) {
	for _, where := range []string{"inprocess", "loopback", "rtt50ms"} {
		for _, n := range []int{4, 7, 10, 16} {
			b.Run(fmt.Sprintf("%s/n=%d", where, n), func(b *testing.B) {
				var d *devnet.Devnet
				cfg := devnet.Config{Nodes: n, EpochGrace: 5 * time.Second, Pool: node.PoolConfig{Low: 20, High: 40, Batch: 20}}
				switch where {
				case "inprocess": // every node in this process, on 127.x.y.z
					d = startDevnetConfig(b, cfg)
				case "loopback": // every node a flint process, on 127.x.y.z
					bin, err := buildFlint()
					if err != nil {
						b.Fatal(err)
					}
					cfg.Exec = []string{bin, "node"}
					d = startDevnetConfig(b, cfg)
				default:
					h := startEpochHosts(b, n, 0, nil)
					h.SetRTT(50 * time.Millisecond)
					d = h.Devnet
				}
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				cc, err := d.Chain.Client(ctx)
				if err != nil {
					b.Fatal(err)
				}
				defer cc.Close()
				f := &epochFixture{d: d, cc: cc, epoch: 1}
				var total, lead time.Duration
				runs := 0
				for b.Loop() {
					start := time.Now()
					var led time.Duration
					total += f.epochChange(b, faultChange{what: fmt.Sprintf("refresh %d", runs+1), fault: func(testing.TB) {
						led = time.Since(start)
					}})
					lead += led
					runs++
				}
				b.ReportMetric(total.Seconds()/float64(runs), "reshare-s")
				b.ReportMetric(lead.Seconds()/float64(runs), "lead-s")
			})
		}
	}
}
