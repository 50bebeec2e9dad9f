package node

import (
	"slices"
	"testing"
	"time"

	"github.com/flint-network/flint/crypto/tecdsa"
)

func batchOf(pool *pool, id byte, owner uint32, count int) [16]byte {
	b := [16]byte{id}
	ps := make([]*tecdsa.Presignature, count)
	for i := range ps {
		ps[i] = &tecdsa.Presignature{ID: tecdsa.PresigID{Batch: b, Index: uint16(i)}, Owner: owner}
	}
	pool.add(ps, true)
	return b
}

// ledBatch is a batch node 1 led over nodes 1–4, stored, and acknowledged by
// ackers.
func ledBatch(p *pool, id byte, count int, ackers ...uint32) [16]byte {
	p.lead([16]byte{id}, []uint32{1, 2, 3, 4})
	b := batchOf(p, id, 1, count)
	for _, n := range ackers {
		p.ack(b, n)
	}
	return b
}

// A batch whose acknowledgers are partly down must not block the leader:
// take serves a younger batch with a live quorum instead.
func TestPoolTakeNeedsLiveQuorumOfHolders(t *testing.T) {
	p := newPool(1)
	old := ledBatch(p, 1, 1, 1, 2, 3)
	young := ledBatch(p, 2, 1, 1, 2, 4)
	pre, ok := p.take(3, []uint32{1, 2, 4}) // node 3 is down
	if !ok || pre.ID.Batch != young {
		t.Fatalf("take with node 3 down = %v, %v; want the younger batch", pre, ok)
	}
	if _, ok := p.take(3, []uint32{1, 2, 4}); ok {
		t.Fatal("took a presignature whose batch has only 2 live holders")
	}
	if pre, ok := p.take(3, []uint32{1, 2, 3}); !ok || pre.ID.Batch != old {
		t.Fatalf("take with node 3 back = %v, %v; want the older batch", pre, ok)
	}
}

func TestPoolAcknowledgements(t *testing.T) {
	p := newPool(1)
	running := [16]byte{7}
	p.lead(running, []uint32{1, 2, 3})
	if p.ack(running, 4) {
		t.Error("a node outside the running batch acknowledged it")
	}
	if !p.ack(running, 2) || p.ack(running, 2) {
		t.Error("a party's first acknowledgement is news, its second is not")
	}
	if p.ack([16]byte{9}, 2) {
		t.Error("an acknowledgement of a batch this node never led was taken")
	}
	if got := p.leadingCount(); got != 1 {
		t.Errorf("leadingCount = %d, want 1", got)
	}
	if !p.endLead(running) || p.endLead(running) {
		t.Error("a led batch that stored nothing is an orphan once")
	}
	if p.endLead([16]byte{8}) {
		t.Error("endLead took a batch this node never led for an orphan")
	}
	if len(p.holders(running)) != 0 {
		t.Error("an orphan batch kept its acknowledgements")
	}
	if p.ack(running, 3) {
		t.Error("an ended batch with nothing stored took an acknowledgement")
	}

	// A stored own batch takes acknowledgements from its parties until its
	// last presignature is done; then it and its acknowledgements are
	// forgotten.
	stored := ledBatch(p, 5, 2)
	if p.endLead(stored) {
		t.Error("a stored batch taken for an orphan")
	}
	if !p.ack(stored, 3) || p.ack(stored, 5) {
		t.Error("a stored own batch refused a party's acknowledgement or took an outsider's")
	}
	if p.done(tecdsa.PresigID{Batch: stored, Index: 0}) {
		t.Error("batch reported done with a presignature left")
	}
	if !p.done(tecdsa.PresigID{Batch: stored, Index: 1}) {
		t.Error("batch not reported done after its last presignature")
	}
	if len(p.holders(stored)) != 0 || p.ack(stored, 2) {
		t.Error("a finished batch kept or took acknowledgements")
	}
}

// Bound presignatures are listed once they are older than the cut-off, and
// forgotten once done.
func TestPoolStaleBound(t *testing.T) {
	p := newPool(1)
	b := batchOf(p, 3, 2, 3)
	t0 := time.Unix(1000, 0)
	p.markBound(tecdsa.PresigID{Batch: b, Index: 0}, t0)
	p.markBound(tecdsa.PresigID{Batch: b, Index: 1}, t0.Add(time.Hour))
	p.markBound(tecdsa.PresigID{Batch: [16]byte{99}}, t0) // not held: ignored
	stale := p.staleBound(t0.Add(time.Minute))
	if len(stale) != 1 || stale[0] != (tecdsa.PresigID{Batch: b, Index: 0}) {
		t.Fatalf("stale = %v", stale)
	}
	p.done(stale[0])
	if got := p.staleBound(t0.Add(2 * time.Hour)); len(got) != 1 || got[0].Index != 1 {
		t.Fatalf("after done: %v", got)
	}
}

// Presignatures of an own batch that a quorum never acknowledged are listed
// once the wait is over, and dropping them frees the water marks.
func TestPoolUnusable(t *testing.T) {
	p := newPool(1)
	ledBatch(p, 1, 2, 1, 2, 3)
	bad := ledBatch(p, 2, 2, 1)
	if got := p.takeUnusable(3, time.Now().Add(-time.Minute)); len(got) != 0 {
		t.Fatalf("taken before the wait is over: %v", got)
	}
	live := []uint32{1, 2, 3, 4}
	if got := p.ownUsable(3, live, time.Now()); got != 4 {
		t.Fatalf("ownUsable just after storing = %d, want 4 (acknowledgements may be on their way)", got)
	}
	if got := p.ownUsable(3, live, time.Now().Add(time.Minute)); got != 2 {
		t.Fatalf("ownUsable = %d, want 2", got)
	}
	got := p.takeUnusable(3, time.Now().Add(time.Second))
	if len(got) != 2 || got[0].Batch != bad || got[1].Batch != bad {
		t.Fatalf("takeUnusable = %v, want the two of the unacknowledged batch", got)
	}
	if p.ownFree() != 2 {
		t.Fatalf("after taking: %d free, want 2", p.ownFree())
	}
	p.done(got[0])
	if !p.done(got[1]) || len(p.holders(bad)) != 0 {
		t.Fatalf("the dropped batch is not finished, holders %v", p.holders(bad))
	}
}

// A batch its owner dropped leaves this node, except what is bound here.
func TestPoolTakeOthers(t *testing.T) {
	p := newPool(1)
	other := batchOf(p, 7, 2, 3) // node 2's batch, held here
	mine := ledBatch(p, 8, 1)
	bound := tecdsa.PresigID{Batch: other, Index: 1}
	p.markBound(bound, time.Now())
	got := p.takeOthers(other, 2)
	if len(got) != 2 || slices.Contains(got, bound) {
		t.Fatalf("takeOthers = %v, want the two unbound ones", got)
	}
	if len(p.takeOthers(other, 3)) != 0 || len(p.takeOthers(mine, 1)) != 0 {
		t.Fatal("took a batch for someone who does not own it, or this node's own")
	}
}

// Presignatures past their age leave: this node's free ones after the owner's
// age, other owners' unbound copies after the holders' (longer) one.
func TestPoolTakeExpired(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	p := newPool(1)
	add := func(born time.Time, owner uint32) [16]byte {
		b := [16]byte(newBatchID(born))
		p.add([]*tecdsa.Presignature{{ID: tecdsa.PresigID{Batch: b}, Owner: owner}, {ID: tecdsa.PresigID{Batch: b, Index: 1}, Owner: owner}}, true)
		return b
	}
	if born, ok := batchBorn(add(now, 1)); !ok || !born.Equal(now) {
		t.Fatalf("batchBorn = %v, %v", born, ok)
	}
	ownOld := add(now.Add(-25*time.Hour), 1)
	otherOld := add(now.Add(-26*time.Hour), 2)
	add(now.Add(-24*time.Hour-30*time.Minute), 2) // past the owner's age, not the holders'
	bound := tecdsa.PresigID{Batch: otherOld, Index: 1}
	p.markBound(bound, now)
	p.add([]*tecdsa.Presignature{{ID: tecdsa.PresigID{Batch: [16]byte{0x01}}, Owner: 2}}, true) // an id without a birth time

	own, others := p.takeExpired(now, 24*time.Hour, 25*time.Hour)
	if len(own) != 2 || own[0].Batch != ownOld || own[1].Batch != ownOld {
		t.Fatalf("own = %v", own)
	}
	if len(others) != 1 || others[0] != (tecdsa.PresigID{Batch: otherOld}) {
		t.Fatalf("others = %v, want only the unbound copy of the old batch", others)
	}
	if p.ownFree() != 2 {
		t.Fatalf("%d own free left, want the 2 young ones", p.ownFree())
	}
}
