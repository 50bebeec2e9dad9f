package integration

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"os/exec"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/devnet/hosts"
	"github.com/flint-network/flint/node"
)

// startHosts runs a 4-node devnet whose nodes are processes in network
// namespaces of their own (package devnet/hosts), with a fifth namespace
// spare, and waits for genesis.
// It skips only where the kernel refuses namespaces.
func startHosts(t testing.TB) *hosts.Net {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
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
	n, err := hosts.Start(ctx, hosts.Config{Flint: bin, Spare: 1, Devnet: devnet.Config{
		Dir:          t.TempDir(),
		Nodes:        4,
		Pool:         node.PoolConfig{Low: 20, High: 40, Batch: 20},
		Round:        3 * time.Second,
		NodeLogLevel: slog.LevelInfo,
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			dumpLogs(t, n.Devnet)
		}
		if err := n.Close(); err != nil {
			t.Errorf("removing the hosts: %v", err)
		}
	})
	start := time.Now()
	if err := n.WaitReady(ctx); err != nil {
		t.Fatalf("hosts not ready: %v", err)
	}
	t.Logf("4 hosts on %s ready in %v", n.Gateway(), time.Since(start).Round(time.Millisecond))
	return n
}

// Four nodes, each a host of its own: they run the DKG, a PKP is minted and
// signs; it still signs with 50 ms between every two hosts and with 1% of
// the packets lost; a node cut off for 10 s is not needed to sign, and once
// healed it is: with another node cut, its share completes the quorum.
func TestHosts(t *testing.T) {
	t.Parallel() // its own hosts; most of its time is 50 ms round trips and a 10 s cut
	n := startHosts(t)
	f := newPKPFixtureOn(t, n.Devnet)
	urls := n.URLs()
	t.Logf("nodes %v, PKP %s", urls, f.token)

	t.Run("sign", func(t *testing.T) {
		// Each node process is in its own namespace, as the kernel says.
		for i := range urls {
			out, err := exec.Command("ip", "netns", "pids", n.Namespace(i)).Output()
			if err != nil || len(strings.Fields(string(out))) == 0 {
				t.Fatalf("namespace of node %d: %q, %v: want the node's processes", i+1, out, err)
			}
		}
		// The spare host waits for a node that joins later, at the next
		// address.
		out, err := exec.Command("ip", "-n", n.Namespace(4), "-4", "-o", "addr", "show", "dev", "eth0").Output()
		if err != nil || !strings.Contains(string(out), " "+n.Addr(4).String()+"/24") {
			t.Fatalf("spare host: %q, %v", out, err)
		}
		f.signEventually(t, "across hosts", func(*client.SignResult) bool { return true })
	})

	t.Run("rtt50ms", func(t *testing.T) {
		n.SetRTT(50 * time.Millisecond)
		defer n.SetRTT(0)
		start := time.Now()
		f.signEventually(t, "50 ms apart", func(*client.SignResult) bool { return true })
		t.Logf("signed at 50 ms RTT in %v (includes any retry)", time.Since(start).Round(time.Millisecond))
	})

	t.Run("loss1pct", func(t *testing.T) {
		if err := n.SetLoss(0.01); err != nil {
			t.Fatal(err)
		}
		defer n.SetLoss(0)
		before := n.Dropped()
		for i := range 5 {
			f.signEventually(t, fmt.Sprintf("lossy %d", i), func(*client.SignResult) bool { return true })
		}
		t.Logf("the switch dropped %d frames meanwhile", n.Dropped()-before)
	})

	t.Run("partition10s", func(t *testing.T) {
		// Cut and Heal rather than Partition(3, 10 s): the signature must
		// come while node 4 is cut off, however long it takes.
		if err := n.Cut(3); err != nil {
			t.Fatal(err)
		}
		cut := time.Now()
		res := signTried(t, f, "node 4 cut off")
		if slices.Contains(res.Signers, urls[3]) {
			t.Fatal("a node cut off contributed a share")
		}
		t.Logf("signed without node 4 %v after cutting it", time.Since(cut).Round(time.Millisecond))
		time.Sleep(time.Until(cut.Add(10 * time.Second)))
		if err := n.Heal(3); err != nil {
			t.Fatal(err)
		}
		healed := time.Now()
		seen := func(peer string, up int, by ...string) func() bool {
			return func() bool {
				for _, u := range by {
					if v, ok := metric(t, u, `flint_peer_up{peer="`+peer+`"}`); !ok || v != up {
						return false
					}
				}
				return true
			}
		}
		waitFor(t, "nodes 2 and 3 to see node 4 again", 30*time.Second, seen("4", 1, urls[1], urls[2]))
		t.Logf("node 4 back in the others' view %v after the heal", time.Since(healed).Round(time.Millisecond))
		// With node 1 cut (and known gone, so that no request waits for
		// it as leader), the quorum of 3 needs node 4.
		if err := n.Cut(0); err != nil {
			t.Fatal(err)
		}
		defer n.Heal(0)
		waitFor(t, "nodes 2 to 4 to see node 1 gone", 30*time.Second, seen("1", 0, urls[1:]...))
		res = signTried(t, f, "node 4 back, node 1 cut")
		if !slices.Contains(res.Signers, urls[3]) || slices.Contains(res.Signers, urls[0]) {
			t.Fatalf("signers %v: want node 4 and not node 1", res.Signers)
		}
		t.Logf("node 4 signed again %v after the heal", time.Since(healed).Round(time.Millisecond))
	})
}

// BenchmarkHostsSign measures pkpSign across hosts at 0 and 50 ms RTT
// between every two of them (the client too) and reports the median and
// the 99th percentile.
func BenchmarkHostsSign(b *testing.B) {
	n := startHosts(b)
	f := newPKPFixtureOn(b, n.Devnet)
	f.signEventually(b, "warm up", func(*client.SignResult) bool { return true })
	for _, rtt := range []time.Duration{0, 50 * time.Millisecond} {
		b.Run("rtt="+rtt.String(), func(b *testing.B) {
			n.SetRTT(rtt)
			defer n.SetRTT(0)
			var took []time.Duration
			for i := 0; b.Loop(); i++ {
				start := time.Now()
				ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
				res, err := f.cl.PKPSign(ctx, f.authSig, f.pubkey, sha256.Sum256(fmt.Appendf(nil, "bench %v %d", rtt, i)))
				cancel()
				if err != nil {
					b.Fatal(err)
				}
				took = append(took, time.Since(start))
				verify(b, &res.Signature, f.pubkey)
			}
			sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
			b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(took[len(took)*99/100].Microseconds())/1000, "p99-ms")
		})
	}
}

// signTried is signEventually logging each attempt, for tests where how a
// fault delays signing is the point.
func signTried(t *testing.T, f *pkpFixture, msg string) *client.SignResult {
	t.Helper()
	deadline := time.Now().Add(45 * time.Second)
	for i := 0; time.Now().Before(deadline); i++ {
		start := time.Now()
		// Shorter than the fixture's 20 s: a client waits for a node it
		// cannot reach until this deadline.
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		res, err := f.cl.PKPSign(ctx, f.authSig, f.pubkey, sha256.Sum256(fmt.Appendf(nil, "%s %d", msg, i)))
		cancel()
		if err == nil {
			t.Logf("%s: attempt %d signed in %v by %v", msg, i+1, time.Since(start).Round(time.Millisecond), res.Signers)
			verify(t, &res.Signature, f.pubkey)
			return res
		}
		t.Logf("%s: attempt %d failed in %v: %v", msg, i+1, time.Since(start).Round(time.Millisecond), err)
		time.Sleep(500 * time.Millisecond)
	}
	t.Fatalf("%s: no signature", msg)
	return nil
}
