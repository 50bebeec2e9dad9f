package node

import (
	"context"
	"crypto/rand"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/flint-network/flint/node/session"
	"github.com/flint-network/flint/node/signing"
	"github.com/flint-network/flint/node/store"
)

// presignReady gives the nodes of an epochNet what a presignature batch
// needs (pool, metrics, engine; a sender that sends nothing: the tests
// record acknowledgements themselves).
func (tn *testNet) presignReady(t *testing.T) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for i, n := range tn.nodes {
		n.pool, n.metrics, n.suspects = newPool(uint32(i+1)), newMetrics(), newSuspects()
		if st := n.state.Load(); st != nil {
			n.pool.setServing(st.epoch, nil) // as at genesis
		}
		n.engine = session.New(session.Config{Self: uint32(i + 1), Logger: n.log})
		n.send = newSender(ctx, &sync.WaitGroup{}, nil, n.log)
		n.cfg.Pool = PoolConfig{Low: 2, High: 4, Batch: 2}
	}
}

// batch runs a batch led by node leader of epoch among parties, through the
// nodes' own factory and finish, and records every party's acknowledgement
// at the leader as a restarted leader finds them.
func (tn *testNet) batch(t *testing.T, leader uint32, epoch uint64, parties []int) [16]byte {
	t.Helper()
	var random [5]byte
	rand.Read(random[:])
	id := signing.NewBatchID(time.Now(), leader, random[:])
	ln := tn.nodes[leader-1]
	ln.pool.lead(id, u32(parties))
	if nx := ln.view().next; nx != nil && nx.epoch == epoch {
		ln.pool.markFuture(id, epoch, nx.t)
	}
	h := &session.Header{Protocol: session.ProtocolPresign, ID: id[:], Epoch: epoch, Leader: leader, Parties: u32(parties), Count: 2}
	nodes := []*Node{ln}
	for _, i := range parties {
		if uint32(i) != leader {
			nodes = append(nodes, tn.nodes[i-1])
		}
	}
	tn.run(t, h, nodes)
	if err := ln.store.PutAcks(id, u32(parties)); err != nil {
		t.Fatal(err)
	}
	return id
}

// restart gives node i a new pool and fills it from its store, as Run does
// after loadKeys.
func (tn *testNet) restart(t *testing.T, i int) *Node {
	t.Helper()
	n := tn.nodes[i-1]
	n.pool = newPool(uint32(i))
	if err := n.loadPresignatures(); err != nil {
		t.Fatal(err)
	}
	return n
}

// A node restarted between its readiness and the advance holds a batch the
// next committee (with joiner 5) made for epoch 2. Taken under the epoch-1
// key, it would show node 5, outside the old committee, a signature share
// computed with its a_i and z^b_i against the old public shares: a point of
// the old polynomial. The restarted node must not take it before the switch,
// and takes it after.
func TestRestartBeforeSwitchKeepsNextEpochBatches(t *testing.T) {
	tn := newEpochNet(t, 5, 4)
	cur, next := []int{1, 2, 3, 4}, []int{1, 2, 3, 4, 5}
	tn.lock(t, cur, next)
	tn.giveOldKeys(t, cur, []int{5})
	tn.reshare(t, cur, next, 1)
	tn.presignReady(t)
	for _, i := range next {
		n := tn.nodes[i-1]
		ks, _, err := n.loadShares(2)
		if err != nil {
			t.Fatal(err)
		}
		n.epoch.pending = &pendingKeys{epoch: 2, ecdsa: ks}
	}
	id := tn.batch(t, 1, 2, next)
	all := u32(next)
	if _, _, ok := tn.nodes[0].pool.Take(all, 3); ok {
		t.Fatal("a next-epoch batch taken before the switch")
	}

	n := tn.restart(t, 1)
	if n.state.Load().epoch != 1 {
		t.Fatal("the restarted node is not on epoch 1")
	}
	if pid, _, ok := n.pool.Take(all, 3); ok {
		t.Fatalf("restarted before the switch, the node took presignature %s of the next epoch for an epoch-1 request", pid)
	}
	// The switch makes them the serving ones.
	if f := n.pool.setServing(2, nil); f[id] != 1 {
		t.Fatalf("the switch does not find the next epoch's batch: %v", f)
	}
	if pid, _, ok := n.pool.Take(all, 3); !ok || pid.Batch != id {
		t.Fatal("the next epoch's batch is not taken after the switch")
	}
}

// Node 4 leaves and 5 joins. Node 1 stops after the advance but before its
// switch drained the epoch-1 batches and starts on the epoch-2 shares: a
// batch node 4 holds must never sign under them (its a_i, z^b_i and a
// signature's public shares give node 4 a point of the new polynomial). A
// batch of the old epoch whose holders are all in the new committee, with
// t unchanged, still serves.
func TestRestartAfterAdvanceDropsOldCommitteeBatches(t *testing.T) {
	tn := newEpochNet(t, 5, 4)
	cur, next := []int{1, 2, 3, 4}, []int{1, 2, 3, 5}
	tn.lock(t, cur, next)
	tn.presignReady(t)
	leaver := tn.batch(t, 1, 1, []int{1, 2, 3, 4})
	kept := tn.batch(t, 1, 1, []int{1, 2, 3})
	tn.giveOldKeys(t, cur, []int{5})
	tn.reshare(t, cur, next, 1)

	n := tn.nodes[0]
	ks, bs, err := n.loadShares(2)
	if err != nil {
		t.Fatal(err)
	}
	n.setKeys(2, ks, bs) // what loadKeys does on a registry at epoch 2
	n = tn.restart(t, 1)
	live := u32(next)
	var taken [][16]byte
	for {
		pid, _, ok := n.pool.Take(live, 3)
		if !ok {
			break
		}
		taken = append(taken, pid.Batch)
	}
	for _, b := range taken {
		if b == leaver {
			t.Fatal("a batch held by a node outside the new committee was taken under the new shares")
		}
	}
	if len(taken) != 2 || taken[0] != kept {
		t.Fatalf("took %d presignatures; the old batch the new committee holds should serve", len(taken))
	}
	stored, _, err := n.store.Presignatures()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stored {
		if s.Presig.ID.Batch == leaver {
			t.Fatal("the unusable batch stays on disk")
		}
	}
}

// The same at the switch itself (no restart): the old committee's batch a
// leaver holds is drained, one the new committee holds with t unchanged
// serves on.
func TestSwitchDropsOldCommitteeBatches(t *testing.T) {
	tn := newEpochNet(t, 5, 4)
	cur, next := []int{1, 2, 3, 4}, []int{1, 2, 3, 5}
	tn.lock(t, cur, next)
	tn.presignReady(t)
	leaver := tn.batch(t, 1, 1, []int{1, 2, 3, 4})
	kept := tn.batch(t, 1, 1, []int{1, 2, 3})
	n := tn.nodes[0]
	for id, holders := range map[[16]byte][]int{leaver: {2, 3, 4}, kept: {2, 3}} {
		for _, h := range holders {
			n.pool.ack(id, uint32(h))
		}
	}
	tn.giveOldKeys(t, cur, []int{5})
	tn.reshare(t, cur, next, 1)

	old := n.state.Load()
	ks, bs, err := n.loadShares(2)
	if err != nil {
		t.Fatal(err)
	}
	n.setKeys(2, ks, bs)
	n.pool.setServing(2, func(b *batch, holders []uint32) bool { return carried(b, holders, old, ks, n.view().self) })
	held := slices.Clone(n.pool.batches[leaver].free)
	var taken [][16]byte
	for {
		pid, _, ok := n.pool.Take(u32(next), 3)
		if !ok {
			break
		}
		taken = append(taken, pid.Batch)
	}
	if len(taken) != 2 || taken[0] != kept || taken[1] != kept {
		t.Fatalf("after the switch took from %x; want only the batch the new committee holds", taken)
	}
	// Until the grace period ends the leaver's batch still signs in the
	// previous epoch's machine, under the previous shares — never under
	// the new ones.
	for _, id := range held {
		if _, ok := n.pool.signableIn(id, 1); !ok || !n.pool.knownIn(id, 1) {
			t.Fatal("the previous epoch's batch does not sign in the previous epoch's machine")
		}
		if _, ok := n.pool.signableIn(id, 2); ok || n.pool.knownIn(id, 2) {
			t.Fatal("a batch a leaver holds signs under the new shares")
		}
	}
	// The same at a holder that does not own the batches (it has no
	// acknowledgements of them, only their presignatures' holders): a
	// corrupt owner that binds the leaver's batch after the switch gets no
	// share under the new shares from it.
	n2 := tn.nodes[1]
	old2 := n2.state.Load()
	ks2, bs2, err := n2.loadShares(2)
	if err != nil {
		t.Fatal(err)
	}
	n2.setKeys(2, ks2, bs2)
	n2.pool.setServing(2, func(b *batch, holders []uint32) bool { return carried(b, holders, old2, ks2, 2) })
	for id := range n2.pool.byID {
		_, signs := n2.pool.signableIn(id, 2)
		if signs != (id.Batch == kept) {
			t.Fatalf("at a holder, presignature %s signs under the new shares: %v", id, signs)
		}
	}
	// The overlap's end drains it; it signs nowhere, not even a
	// presignature bound meanwhile (kept held for its request).
	n.pool.markBound(held[0])
	dropped := n.pool.endOverlap(1)
	if len(dropped) != len(held)-1 || slices.Contains(dropped, held[0]) {
		t.Fatalf("the overlap's end drained %d presignatures of the leaver's batch, want %d (not the bound one)", len(dropped), len(held)-1)
	}
	for _, e := range []uint64{1, 2} {
		if _, ok := n.pool.signableIn(held[0], e); ok || n.pool.knownIn(held[0], e) {
			t.Fatalf("a drained batch's bound presignature signs in epoch %d", e)
		}
	}
}

// A node that left and starts after the advance finds itself in no set: it
// erases its shares of the epochs before the chain's once the grace period
// has passed since its start, and never the chain's epoch's or later.
func TestLeftNodeErasesOldSharesAfterGrace(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "node.db"), make([]byte, store.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n := &Node{store: st, cfg: &Config{EpochGrace: Duration(time.Minute)}, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for _, name := range []string{"ecdsa/1", "bls/1", "ecdsa/2", "bls/2", "ecdsa/3", "bls/3", "dkg-identity"} {
		if err := st.PutSecret(name, []byte("x")); err != nil {
			t.Fatal(err)
		}
	}
	start := time.Now()
	held := func() []string {
		names, err := st.SecretNames()
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(names)
		return names
	}
	n.eraseLeftShares(3, start, start.Add(59*time.Second))
	if len(held()) != 7 {
		t.Fatalf("erased within the grace period: %v", held())
	}
	n.eraseLeftShares(3, start, start.Add(61*time.Second))
	if got := held(); !slices.Equal(got, []string{"bls/3", "dkg-identity", "ecdsa/3"}) {
		t.Fatalf("after the grace period the store holds %v", got)
	}
}
