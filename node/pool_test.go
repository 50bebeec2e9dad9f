package node

import (
	"slices"
	"testing"
	"time"

	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node/signing"
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
// Take serves a younger batch with a live quorum instead, and names the live
// holders as the candidates for the signer set.
func TestPoolTakeNeedsLiveQuorumOfHolders(t *testing.T) {
	p := newPool(1)
	old := ledBatch(p, 1, 1, 1, 2, 3)
	young := ledBatch(p, 2, 1, 1, 2, 4)
	id, holders, ok := p.Take([]uint32{1, 2, 4}, 3) // node 3 is down
	if !ok || id.Batch != young || !slices.Equal(holders, []uint32{1, 2, 4}) {
		t.Fatalf("Take with node 3 down = %v %v %v; want the younger batch", id, holders, ok)
	}
	if _, _, ok := p.Take([]uint32{1, 2, 4}, 3); ok {
		t.Fatal("took a presignature whose batch has only 2 live holders")
	}
	if id, _, ok := p.Take([]uint32{1, 2, 3}, 3); !ok || id.Batch != old {
		t.Fatalf("Take with node 3 back = %v, %v; want the older batch", id, ok)
	}
}

// The lifecycle of an own batch: leading takes acknowledgements from its
// parties only; a batch that stored nothing ends at endLead; a stored one
// ends with its last presignature, through done.
func TestPoolBatchLifecycle(t *testing.T) {
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
	if got := p.leadingCount(); got != 1 || !p.Refilling() {
		t.Errorf("leadingCount = %d, want 1", got)
	}
	if !p.endLead(running) || p.endLead(running) {
		t.Error("a led batch that stored nothing ends once")
	}
	if p.endLead([16]byte{8}) {
		t.Error("endLead ended a batch this node never led")
	}
	if len(p.holders(running)) != 0 || p.ack(running, 3) {
		t.Error("an ended batch kept or took acknowledgements")
	}

	stored := ledBatch(p, 5, 2)
	if p.endLead(stored) {
		t.Error("a stored batch ended at endLead")
	}
	if !p.ack(stored, 3) || p.ack(stored, 5) {
		t.Error("a stored own batch refused a party's acknowledgement or took an outsider's")
	}
	if ended := p.done(tecdsa.PresigID{Batch: stored, Index: 0}); len(ended) != 0 {
		t.Error("batch ended with a presignature left")
	}
	ended := p.done(tecdsa.PresigID{Batch: stored, Index: 1})
	if len(ended) != 1 || ended[0].id != stored || ended[0].state != batchStored {
		t.Fatalf("ended = %v", ended)
	}
	if len(p.holders(stored)) != 0 || p.ack(stored, 2) {
		t.Error("a finished batch kept or took acknowledgements")
	}
	// A holder whose store was restored gives its acknowledgement back.
	b := ledBatch(p, 6, 1, 1, 2, 3)
	if !p.unack(b, 2) || p.unack(b, 2) || slices.Contains(p.holders(b), 2) {
		t.Error("unack")
	}
}

// Presignatures of an own batch that a quorum never acknowledged are
// drained once the wait is over, and dropping them frees the water marks.
func TestPoolUnacknowledged(t *testing.T) {
	p := newPool(1)
	ledBatch(p, 1, 2, 1, 2, 3)
	bad := ledBatch(p, 2, 2, 1)
	if got := p.unacknowledged(3, time.Now().Add(-time.Minute)); len(got) != 0 {
		t.Fatalf("drained before the wait is over: %v", got)
	}
	live := []uint32{1, 2, 3, 4}
	if got := p.ownUsable(3, live, time.Now()); got != 4 {
		t.Fatalf("ownUsable just after storing = %d, want 4 (acknowledgements may be on their way)", got)
	}
	if got := p.ownUsable(3, live, time.Now().Add(time.Minute)); got != 2 {
		t.Fatalf("ownUsable = %d, want 2", got)
	}
	got := p.unacknowledged(3, time.Now().Add(time.Second))
	if len(got) != 2 || got[0].Batch != bad || got[1].Batch != bad {
		t.Fatalf("unacknowledged = %v, want the two of the unacknowledged batch", got)
	}
	if p.ownFree() != 2 {
		t.Fatalf("after draining: %d free, want 2", p.ownFree())
	}
	if p.ack(bad, 2) {
		t.Fatal("a draining batch took an acknowledgement")
	}
	ended := p.done(got...)
	if len(ended) != 1 || ended[0].state != batchDraining {
		t.Fatalf("the drained batch did not end as draining: %v", ended)
	}
}

// A batch its owner dropped leaves this node, except what is bound here.
func TestPoolDropped(t *testing.T) {
	p := newPool(1)
	other := batchOf(p, 7, 2, 3) // node 2's batch, held here
	mine := ledBatch(p, 8, 1)
	bound := tecdsa.PresigID{Batch: other, Index: 1}
	p.markBound(bound)
	if len(p.dropped(other, 3)) != 0 || len(p.dropped(mine, 1)) != 0 {
		t.Fatal("dropped a batch for someone who does not own it, or this node's own")
	}
	got := p.dropped(other, 2)
	if len(got) != 2 || slices.Contains(got, bound) {
		t.Fatalf("dropped = %v, want the two unbound ones", got)
	}
}

// Presignatures past their age leave: this node's own after the owner's
// age, other owners' unbound copies after the holders' (longer) one.
func TestPoolExpired(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	p := newPool(1)
	add := func(born time.Time, owner uint32) [16]byte {
		b := signing.NewBatchID(born, owner, []byte{byte(born.Unix())})
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
	p.markBound(bound)
	p.add([]*tecdsa.Presignature{{ID: tecdsa.PresigID{Batch: [16]byte{0x01}}, Owner: 2}}, true) // an id without a birth time

	got := p.expired(now, 24*time.Hour, 25*time.Hour)
	var own, others []tecdsa.PresigID
	for _, id := range got {
		if id.Batch == ownOld {
			own = append(own, id)
		} else {
			others = append(others, id)
		}
	}
	if len(own) != 2 {
		t.Fatalf("own = %v", own)
	}
	if len(others) != 1 || others[0] != (tecdsa.PresigID{Batch: otherOld}) {
		t.Fatalf("others = %v, want only the unbound copy of the old batch", others)
	}
	if p.ownFree() != 2 {
		t.Fatalf("%d own free left, want the 2 young ones", p.ownFree())
	}
}

// Strikes double a node's back-off up to the cap; a clear forgets them.
func TestSuspects(t *testing.T) {
	s := newSuspects()
	now := time.Unix(1000, 0)
	s.strike(3, now)
	if !s.excluded(3, now.Add(suspectBase-time.Second)) || s.excluded(3, now.Add(suspectBase)) {
		t.Fatal("one strike")
	}
	s.strike(3, now)
	if !s.excluded(3, now.Add(2*suspectBase-time.Second)) {
		t.Fatal("two strikes")
	}
	for range 20 {
		s.strike(3, now)
	}
	if s.excluded(3, now.Add(suspectMax)) || !s.excluded(3, now.Add(suspectMax-time.Second)) {
		t.Fatal("the cap")
	}
	s.clear(3)
	if s.excluded(3, now) || s.excluded(4, now) {
		t.Fatal("clear")
	}
}

// A node knows the batches it took part in or holds (and endorses nothing
// else), and one leader can run only so many batches here, or make it hold
// only so many of its presignatures.
func TestPoolKnownAndJoinBounds(t *testing.T) {
	p := newPool(1)
	now := time.Unix(1_900_000_000, 0)
	a := signing.NewBatchID(now, 2, []byte{1})
	b := signing.NewBatchID(now, 2, []byte{2})
	c := signing.NewBatchID(now, 2, []byte{3})
	if p.Known(tecdsa.PresigID{Batch: a}) {
		t.Fatal("an unseen batch is known")
	}
	if !p.join(a, 2, 2, 10, now) || !p.join(b, 2, 2, 10, now) || p.join(c, 2, 2, 10, now) {
		t.Fatal("a leader ran more than two batches here")
	}
	if !p.Known(tecdsa.PresigID{Batch: a, Index: 7}) {
		t.Fatal("a batch this node took part in is not known")
	}
	p.left(a, 2)
	if !p.join(c, 2, 2, 10, now) {
		t.Fatal("a finished batch still counts")
	}
	if !p.join([16]byte{9}, 3, 2, 10, now) || !p.join([16]byte{8}, 3, 2, 10, now.Add(joinedTTL+time.Second)) {
		t.Fatal("a batch whose end was never reported counts for ever")
	}
	var ps []*tecdsa.Presignature
	for i := range 10 {
		ps = append(ps, &tecdsa.Presignature{ID: tecdsa.PresigID{Batch: b, Index: uint16(i)}, Owner: 2})
	}
	p.add(ps, true)
	p.left(b, 2)
	p.left(c, 2)
	if p.join(signing.NewBatchID(now, 2, []byte{4}), 2, 2, 10, now) {
		t.Fatal("joined a batch of an owner this node holds 10 presignatures of")
	}
	p.done(ps[0].ID)
	if !p.join(signing.NewBatchID(now, 2, []byte{5}), 2, 2, 10, now) {
		t.Fatal("the held count did not go down")
	}
	p.forgetSeen(now.Add(time.Second))
	if p.Known(tecdsa.PresigID{Batch: a}) || !p.Known(ps[1].ID) {
		t.Fatal("forgetSeen")
	}
}

// A batch the next committee made before the switch is never taken for the
// serving epoch; the switch makes it usable and reports it with its t.
func TestPoolFutureBatches(t *testing.T) {
	p := newPool(1)
	p.setServing(1, nil)
	cur := ledBatch(p, 1, 1, 1, 2, 3)
	p.lead([16]byte{2}, []uint32{1, 2, 3, 5})
	p.markFuture([16]byte{2}, 2, 1)
	next := batchOf(p, 2, 1, 2)
	for _, n := range []uint32{1, 2, 5} {
		p.ack(next, n)
	}
	live := []uint32{1, 2, 3, 4, 5}
	if got := p.ownFutureFree(2, 3, time.Now().Add(time.Minute)); got != 2 {
		t.Fatalf("future free = %d, want 2", got)
	}
	if got := p.ownUsable(3, live, time.Now().Add(time.Minute)); got != 1 {
		t.Fatalf("usable now = %d, want only the serving epoch's 1", got)
	}
	id, _, ok := p.Take(live, 3)
	if !ok || id.Batch != cur {
		t.Fatalf("took %v %v", id, ok)
	}
	if _, _, ok := p.Take(live, 3); ok {
		t.Fatal("took a presignature of the next epoch before the switch")
	}
	if f := p.setServing(2, nil); f[next] != 1 || len(f) != 1 {
		t.Fatalf("futures at the switch: %v", f)
	}
	if id, _, ok := p.Take(live, 3); !ok || id.Batch != next {
		t.Fatalf("after the switch: %v %v", id, ok)
	}
}

// After a switch the batches the new committee made for its epoch are taken
// before those carried over from the previous one (whose bindings wait for
// the old committee's endorsements, which a node that has not switched yet
// sends late), and a carried batch is still the previous machine's too.
func TestPoolTakesTheNewEpochsBatchesFirst(t *testing.T) {
	p := newPool(1)
	p.setServing(1, nil)
	old := ledBatch(p, 1, 2, 1, 2, 3) // stored first: the oldest
	p.lead([16]byte{2}, []uint32{1, 2, 3, 5})
	p.markFuture([16]byte{2}, 2, 1)
	next := batchOf(p, 2, 1, 1)
	for _, n := range []uint32{1, 2, 5} {
		p.ack(next, n)
	}
	p.setServing(2, func(*batch, []uint32) bool { return true })
	live := []uint32{1, 2, 3, 4, 5}
	for _, want := range [][16]byte{next, old, old} {
		if id, _, ok := p.takeIn(2, live, 3); !ok || id.Batch != want {
			t.Fatalf("took %v %v, want batch %x", id, ok, want[:1])
		}
	}
	if !p.knownIn(tecdsa.PresigID{Batch: old}, 1) || p.knownIn(tecdsa.PresigID{Batch: next}, 1) {
		t.Fatal("the carried batch is not the previous machine's, or the new epoch's batch is")
	}
}
