package signing

import (
	"crypto/sha256"
	"fmt"
	"testing"
	"time"

	"github.com/flint-network/flint/crypto/tecdsa"
)

// A corrupt node (1) proposes, as "owner", a binding of honest node 2's
// presignature. Every honest node endorses it; node 2's own later binding of
// its presignature is refused everywhere, and nobody names node 1.
func TestReviewStealOthersPresig(t *testing.T) {
	n := 4
	c := newCluster(t, n)
	c.nodes[1].down = true
	p := c.nodes[2].pool.free[0] // node 2's oldest presignature: the next it binds
	evil := requestLedBy(n, 1, "steal")
	b := &tecdsa.Binding{Presig: p, Owner: 1, RequestID: evil.RequestID, Hash: evil.Hash, PublicKey: evil.Key, Signers: []uint32{2, 3, 4}}
	for _, to := range []uint32{2, 3, 4} {
		c.inject(1, to, Message{Kind: KindPropose, Binding: b})
	}
	c.run()
	for _, id := range []uint32{2, 3, 4} {
		if _, ok := c.nodes[id].store.bound[p]; !ok {
			t.Fatalf("node %d did not endorse", id)
		}
	}
	r := requestLedBy(n, 2, "honest")
	c.request(r, 2, 3, 4)
	c.run()
	c.tick(6 * time.Second)
	for _, id := range []uint32{2, 3, 4} {
		a, ok := c.answer(id, r)
		t.Logf("node %d: answered=%v sign=%v err=%v faults=%v", id, ok, a.Sign, a.Err, c.nodes[id].faults)
	}
}

// A corrupt node fills every honest node's request table with proposals of
// invented presignatures: honest clients get ErrBusy.
func TestReviewFillRequests(t *testing.T) {
	n := 4
	m, err := New(Config{Self: 2, Nodes: ids(n), T: 1, BindWait: 5 * time.Second, EndorseWait: 5 * time.Second,
		MaxAge: 24 * time.Hour, Pool: &fakePool{free: presigsOf(2, 8), holders: ids(n)}})
	if err != nil {
		t.Fatal(err)
	}
	m.Step(Tick{Now: t0, Live: ids(n)})
	future := NewBatchID(t0.Add(1000*time.Hour), []byte{9, 9, 9, 9, 9, 9, 9}) // born in the future: passes age and floor
	sent, persisted := 0, 0
	for i := 0; sent < maxRequests; i++ {
		id := []byte(fmt.Sprintf("junk-%d", i))
		if tecdsa.Leader(id, ids(n)) != 1 {
			continue
		}
		b := &tecdsa.Binding{Presig: tecdsa.PresigID{Batch: future, Index: uint16(sent), Decision: sha256.Sum256(id)},
			Owner: 1, RequestID: id, PublicKey: key("x"), Signers: []uint32{1, 3, 4}}
		m.Step(Proposal{From: 1, Binding: b})
		sent++
		if sent%8192 == 0 {
			rd := m.Ready()
			for _, rec := range rd.Persist {
				m.Step(Persisted{Presig: rec.Binding.Presig})
				persisted++
			}
			m.Ready()
		}
	}
	r := requestLedBy(n, 2, "honest")
	m.Step(r)
	rd := m.Ready()
	t.Logf("proposals %d, endorsements persisted %d, requests held %d, faults %d", sent, persisted, len(m.requests), len(rd.Faults))
	for _, a := range rd.Answer {
		t.Logf("honest client answer: %v", a.Err)
	}
}

// Node 1 (corrupt) proposes its own "binding" of honest node 2's
// presignature to node 3 only and endorses it at node 4; honest node 2 binds
// the presignature honestly. Node 4 names honest node 2.
func TestReviewFrameHonestOwner(t *testing.T) {
	n := 4
	c := newCluster(t, n)
	c.nodes[1].down = true
	p := c.nodes[2].pool.free[0]
	evil := requestLedBy(n, 1, "steal")
	b2 := &tecdsa.Binding{Presig: p, Owner: 1, RequestID: evil.RequestID, Hash: evil.Hash, PublicKey: evil.Key, Signers: []uint32{2, 3, 4}}
	c.inject(1, 3, Message{Kind: KindPropose, Binding: b2})
	c.inject(1, 4, Message{Kind: KindEndorse, Presig: p, Digest: Digest(b2)})
	c.run()
	r := requestLedBy(n, 2, "honest")
	c.request(r, 2, 3, 4)
	c.run()
	for _, id := range []uint32{2, 3, 4} {
		t.Logf("node %d faults: %v", id, c.nodes[id].faults)
	}
}

// Corrupt leader 1 proposes 8193 bindings of its own (invented)
// presignatures to honest node 2 only, with honest 3 and 4 as signers. Node 2
// endorses them to 3 and 4, which never saw the proposals: they name node 2.
func TestReviewFramePendingBudget(t *testing.T) {
	n := 4
	c := newCluster(t, n)
	c.nodes[1].down = true
	batch := NewBatchID(t0.Add(-time.Minute), []byte{7, 7, 7, 7, 7, 7, 7})
	var msgs []Message
	for i := 0; len(msgs) < maxPendingPerPeer+1; i++ {
		id := []byte(fmt.Sprintf("flood-%d", i))
		if tecdsa.Leader(id, ids(n)) != 1 {
			continue
		}
		b := &tecdsa.Binding{Presig: tecdsa.PresigID{Batch: batch, Index: uint16(len(msgs))}, Owner: 1, RequestID: id, PublicKey: key("x"), Signers: []uint32{2, 3, 4}}
		msgs = append(msgs, Message{Kind: KindPropose, Binding: b})
	}
	c.inject(1, 2, msgs[:8000]...)
	c.inject(1, 2, msgs[8000:]...)
	c.run()
	for _, id := range []uint32{3, 4} {
		f := c.nodes[id].faults
		if len(f) > 0 {
			t.Logf("node %d faults: %d, first %v", id, len(f), f[0])
		}
	}
}
