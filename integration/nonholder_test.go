package integration

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node"
)

// metric reads one sample of a node's /metrics ("name" or `name{l="v"}`).
func metric(t *testing.T, url, sample string) (int, bool) {
	t.Helper()
	resp, err := http.Get(url + "/metrics")
	if err != nil {
		return 0, false
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, sample+" "); ok {
			var n int
			if _, err := fmt.Sscan(v, &n); err == nil {
				return n, true
			}
		}
	}
	return 0, false
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// The Lit SDK waits for an answer from every node. A node that does not hold
// the presignature bound to a request (it was down when the presignature was
// made) must still answer at once, without a share, rather than wait for a
// binding nobody sends it.
func TestNodeOutsideHoldersAnswers(t *testing.T) {
	t.Parallel() // its own devnet; most of its time is waiting for nodes to see a peer down and back
	// A pool of two per node, so that a few signatures use up every
	// presignature made while all four nodes were up.
	const high = 2
	d := startDevnet(t, 4, node.PoolConfig{Low: 1, High: high, Batch: high})
	urls := d.URLs()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cl, err := client.Connect(ctx, urls, client.Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	owner := d.Chain.Accounts()[1]
	var keyID [32]byte
	copy(keyID[:], t.Name())
	m, err := cl.ClaimAndMint(ctx, cc, cc.Transactor(owner.Key), keyID)
	if err != nil {
		t.Fatal(err)
	}
	authSig, err := client.NewSession(owner.Key, cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	f := &pkpFixture{d: d, cl: cl, cc: cc, pubkey: m.Pubkey, authSig: authSig}

	// Node 4 down; nodes 1-3 notice, then each leads two signatures, which
	// uses up what it owned, and refills with presignatures held by 1-3 only.
	if err := d.StopNode(3, false); err != nil {
		t.Fatal(err)
	}
	peerUp := func(url string, peer int) bool {
		v, ok := metric(t, url, fmt.Sprintf(`flint_peer_up{peer="%d"}`, peer))
		return ok && v == 1
	}
	waitFor(t, "nodes 1-3 to see node 4 down", 30*time.Second, func() bool {
		return !peerUp(urls[0], 4) && !peerUp(urls[1], 4) && !peerUp(urls[2], 4)
	})
	var base [3]int
	for i := range base {
		base[i], _ = metric(t, urls[i], "flint_bindings_total")
	}
	waitFor(t, "every live node to lead two signatures", time.Minute, func() bool {
		sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if res, err := cl.PKPSign(sctx, authSig, m.Pubkey, sha256.Sum256([]byte(time.Now().String()))); err == nil {
			verify(t, &res.Signature, m.Pubkey)
		}
		for i := range base {
			if v, _ := metric(t, urls[i], "flint_bindings_total"); v < base[i]+high {
				return false
			}
		}
		return true
	})
	// Refilled: a node refills only when it has none left (Low = 1), all at
	// once, so one free presignature means no batch is under way.
	waitFor(t, "nodes 1-3 to refill their pools", time.Minute, func() bool {
		for _, u := range urls[:3] {
			if v, _ := metric(t, u, `flint_presignatures{kind="own_free"}`); v < 1 {
				return false
			}
		}
		return true
	})

	// Node 4 back: every node sees every other.
	if err := d.StartNode(3); err != nil {
		t.Fatal(err)
	}
	if err := d.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the nodes to see each other", 30*time.Second, func() bool {
		for i, u := range urls {
			for p := 1; p <= 4; p++ {
				if p != i+1 && !peerUp(u, p) {
					return false
				}
			}
		}
		return true
	})

	// A request led by one of nodes 1-3, sent to all four as the SDK does.
	type answer struct {
		status int
		out    map[string]any
		err    error
	}
	ask := func() []answer {
		rid := client.NewRequestID()
		for tecdsa.Leader([]byte(rid), []uint32{1, 2, 3, 4}) == 4 {
			rid = client.NewRequestID()
		}
		body := signBody(f, sha256.Sum256([]byte("all four answer "+rid)))
		answers := make([]answer, len(urls))
		var wg sync.WaitGroup
		for i, u := range urls {
			wg.Add(1)
			go func() {
				defer wg.Done()
				status, out, err := rawSign(ctx, u, rid, body)
				answers[i] = answer{status, out, err}
			}()
		}
		wg.Wait()
		return answers
	}
	// The peers' links to the restarted node may still be redialling (a
	// link to its old incarnation fails first), so that a binding reaches
	// it late: give it two more requests before calling that a failure.
	answers := ask()
	for try := 1; try < 3 && answers[3].status == http.StatusServiceUnavailable; try++ {
		t.Logf("node 4, attempt %d: %d %v", try, answers[3].status, answers[3].out)
		answers = ask()
	}
	presig := ""
	for i, a := range answers {
		if a.err != nil || a.status != http.StatusOK {
			t.Fatalf("node %d: %d %v %v", i+1, a.status, a.out, a.err)
		}
		p, _ := a.out["presignature"].(string)
		if presig == "" {
			presig = p
		}
		if p == "" || p != presig {
			t.Fatalf("node %d names presignature %q, node 1 %q", i+1, p, presig)
		}
		share, _ := a.out["signatureShare"].(map[string]any)
		signed := share["signature_share"] != ""
		if signed != (i < 3) {
			t.Fatalf("node %d: share %v; want shares from exactly nodes 1-3, the holders", i+1, share)
		}
	}
}
