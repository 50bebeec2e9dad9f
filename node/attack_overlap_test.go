package node

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node/signing"
	"github.com/flint-network/flint/node/store"
)

// lazyRecords is a store whose share records never reach the disk: the
// window (up to lazyDelay and an fsync) in which a released presignature is
// still in the pool and a repeat of its request finds its binding but no
// share. Endorsements are durable at once.
type lazyRecords struct {
	mu    sync.Mutex
	bound map[[32]byte]*tecdsa.Binding
}

func (l *lazyRecords) EndorseAsync(bs []*tecdsa.Binding) <-chan []error {
	l.mu.Lock()
	for _, b := range bs {
		l.bound[b.Lookup()] = b
	}
	l.mu.Unlock()
	ch := make(chan []error, 1)
	ch <- make([]error, len(bs))
	return ch
}

func (l *lazyRecords) BindingFor(lookup [32]byte) (*tecdsa.Binding, []byte, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if b := l.bound[lookup]; b != nil {
		return b, nil, nil
	}
	return nil, nil, store.ErrNotFound
}

func (l *lazyRecords) Signed(tecdsa.PresigID, []byte) <-chan error { return make(chan error) }

// A presignature of a batch carried into the new epoch is Known in both
// machines during the overlap. A corrupt leader (node 2, the batch's owner,
// in both sets) proposes the same binding in the new machine and in the
// old one; honest node 1 endorses it in both (the store holds one binding,
// and it is that one). The new machine releases it to the client's first
// call, which signs under the new shares; the old machine releases it too,
// to nobody. The malicious client repeats the request before the share's
// record is on disk: the old machine answers the repeat first (machines are
// carried out oldest first) and node 1 signs the same presignature under
// the old shares: σ − σ' = r·a_i·(x_i − x'_i), its a_i(x_i − x'_i), and
// with the others' such answers the presignature's secrets. A presignature
// must sign under one epoch's shares at a node, whatever machine releases it.
func TestCarriedPresignatureSignsUnderOneEpoch(t *testing.T) {
	nodes := []uint32{1, 2, 3, 4}
	s, _ := testSigner(1)
	s.store = &lazyRecords{bound: map[[32]byte]*tecdsa.Binding{}}
	var mu sync.Mutex
	var asked []uint64 // the epochs whose shares node 1 reached for, one per share computed
	s.keys = func(e uint64) *tecdsa.KeyShare {
		mu.Lock()
		asked = append(asked, e)
		mu.Unlock()
		return nil // stops before the share: only the choice of shares is under test
	}

	var random [5]byte
	bid := signing.NewBatchID(time.Now(), 2, random[:])
	pre := &tecdsa.Presignature{ID: tecdsa.PresigID{Batch: bid, Index: 0}, Owner: 2, Index: 1, Holders: nodes}
	s.pool.setServing(1, nil)
	if !s.pool.join(bid, 2, 10, 10, time.Now()) {
		t.Fatal("join refused")
	}
	s.pool.joinedWith(bid, nodes)
	s.pool.add([]*tecdsa.Presignature{pre}, true)
	// Same t, every party in the new set: carried.
	s.pool.setServing(2, func(*batch, []uint32) bool { return true })
	if err := s.addMachine(1, nodes, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.addMachine(2, nodes, 1); err != nil {
		t.Fatal(err)
	}

	var rid []byte
	for i := 0; ; i++ {
		rid = fmt.Appendf(nil, "req-%d", i)
		if tecdsa.Leader(rid, nodes) == 2 {
			break
		}
	}
	key := &pkpKey{}
	key.compressed[0] = 2
	req := &shareRequest{requestID: rid, hash: [32]byte{7}, key: key}
	lookup := tecdsa.Lookup(rid, req.hash, key.compressed)
	b := &tecdsa.Binding{Presig: pre.ID, Owner: 2, RequestID: rid, Hash: req.hash, PublicKey: key.compressed, Signers: []uint32{1, 2, 3}}
	bindIn := func(epoch uint64) {
		s.stepFrame(2, epoch, []any{signing.Proposal{From: 2, Binding: b}})
		s.stepFrame(3, epoch, []any{signing.Endorsement{From: 3, Presig: b.Presig, Digest: signing.Digest(b)}})
		s.carryOutAll()
		s.wg.Wait() // the endorsement on disk
		s.carryOutAll()
	}
	call := func() <-chan error {
		done := make(chan error, 1)
		go func() {
			_, err := s.share(context.Background(), req)
			done <- err
		}()
		for waiting := false; !waiting; {
			s.mu.Lock()
			waiting = s.reqs[lookup] != nil
			s.mu.Unlock()
		}
		return done
	}

	first := call()
	bindIn(2) // released in the new machine: the first call signs under epoch 2
	select {
	case <-first:
	case <-time.After(10 * time.Second): // a hang guard, not a timing assertion
		t.Fatal("the new machine did not release the carried presignature")
	}
	bindIn(1) // released in the old machine too, to nobody
	second := call()
	s.carryOutAll()
	<-second

	mu.Lock()
	defer mu.Unlock()
	for _, e := range asked {
		if e != asked[0] {
			t.Fatalf("presignature %s released for shares of epochs %v at one node", pre.ID, asked)
		}
	}
	if len(asked) != 2 {
		t.Fatalf("shares reached for %d times, want 2 (the call and its repeat)", len(asked))
	}
}

// A corrupt node that stays (node 1) leads a batch of the old committee
// held by the leaver (node 4) and times its end for the switch of an
// honest holder (node 2): the holder read the batch's epoch (the old one,
// its shares in place) and stores it as the switch tags the old epoch's
// batches (finishPresign's batchEpoch, then the store's fsync, then
// pool.add). At the switch the batch is only seen here, holders unknown,
// and its owner stays: it is tagged carried. Its presignatures, holders
// {1, 2, 3, 4}, must still never sign under the new shares (node 4's a_i
// and z^b_i with the signature's public shares give it x'(4)).
func TestLeaverBatchStoredAtTheSwitchNotCarried(t *testing.T) {
	p := newPool(2)
	p.setServing(1, nil)
	var random [5]byte
	bid := signing.NewBatchID(time.Now(), 1, random[:])
	if !p.join(bid, 1, 10, 10, time.Now()) {
		t.Fatal("join refused")
	}
	old := &keyState{epoch: 1, ecdsa: &tecdsa.KeyShare{Parties: []uint32{1, 2, 3, 4}, T: 1}}
	ks := &tecdsa.KeyShare{Parties: []uint32{1, 2, 3, 5}, T: 1}
	p.setServing(2, func(b *batch, holders []uint32) bool { return carried(b, holders, old, ks, 2) })
	pre := &tecdsa.Presignature{ID: tecdsa.PresigID{Batch: bid}, Owner: 1, Index: 2, Holders: []uint32{1, 2, 3, 4}}
	p.add([]*tecdsa.Presignature{pre}, true)
	if _, ok := p.signableIn(pre.ID, 2); ok || p.knownIn(pre.ID, 2) {
		t.Fatal("a batch the leaver holds, stored at the switch, signs under the new shares")
	}
	if _, ok := p.signableIn(pre.ID, 1); !ok {
		t.Fatal("the old committee's batch does not sign in the old machine")
	}
}

// A batch's holders are its session's parties: each gets shares of a and
// z^b from the dealers whether or not it sends its opening or acknowledges
// the batch. A leaver (node 4) that takes part in an honest owner's batch of
// the old committee and stays silent after its dealings (no opening to
// anyone, no acknowledgement) is in no holder list the pool keeps
// (presignatures' Holders are the openings received; acks the owner's
// record). The batch must still never sign under the new shares: node 4's
// a_4 and z^b_4 with a signature's public shares give it x'(4).
func TestSilentLeaverBatchNotCarried(t *testing.T) {
	parties := []uint32{1, 2, 3, 4}
	p := newPool(1)
	p.setServing(1, nil)
	var random [5]byte
	bid := signing.NewBatchID(time.Now(), 1, random[:])
	p.lead(bid, parties)
	pre := &tecdsa.Presignature{ID: tecdsa.PresigID{Batch: bid}, Owner: 1, Index: 1, Holders: []uint32{1, 2, 3}}
	p.add([]*tecdsa.Presignature{pre}, true)
	p.ack(bid, 2)
	p.ack(bid, 3)
	old := &keyState{epoch: 1, ecdsa: &tecdsa.KeyShare{Parties: parties, T: 1}}
	ks := &tecdsa.KeyShare{Parties: []uint32{1, 2, 3, 5}, T: 1}
	p.setServing(2, func(b *batch, holders []uint32) bool { return carried(b, holders, old, ks, 1) })
	if _, ok := p.signableIn(pre.ID, 2); ok || p.knownIn(pre.ID, 2) {
		t.Fatal("a batch whose parties include a leaver signs under the new shares (the leaver was silent)")
	}
	if id, _, ok := p.Take(ks.Parties, 3); ok {
		t.Fatalf("took %s under the new shares", id)
	}
	if _, ok := p.signableIn(pre.ID, 1); !ok {
		t.Fatal("the old committee's batch does not sign in the old machine")
	}
}

// The silent leaver across a restart: node 1 stops after the advance and
// before its switch, and starts on the new shares. Its stored batch of the
// old committee shows holders {1, 2, 3} (openings received) and
// acknowledgements from 2 and 3; node 4 took part and stayed silent. A
// batch restored without the parties of its session must not survive into
// the new epoch.
func TestRestartSilentLeaverBatchDropped(t *testing.T) {
	cur := &keyState{epoch: 2, ecdsa: &tecdsa.KeyShare{Parties: []uint32{1, 2, 3, 5}, T: 1}}
	var random [5]byte
	bid := signing.NewBatchID(time.Now(), 1, random[:])
	pre := &tecdsa.Presignature{ID: tecdsa.PresigID{Batch: bid}, Owner: 1, Index: 1, Holders: []uint32{1, 2, 3}}
	if survivesSwitch(cur, store.BatchEpoch{Epoch: 1, T: 1}, pre, []uint32{2, 3}) {
		t.Fatal("a batch whose session parties are not known survives the switch on its holders' openings and acks")
	}
	if survivesSwitch(cur, store.BatchEpoch{Epoch: 1, T: 1, Parties: []uint32{1, 2, 3, 4}}, pre, []uint32{2, 3}) {
		t.Fatal("a batch whose session parties include the leaver survives the switch")
	}
	if !survivesSwitch(cur, store.BatchEpoch{Epoch: 1, T: 1, Parties: []uint32{1, 2, 3}}, pre, []uint32{2, 3}) {
		t.Fatal("a batch of parties all in the new committee does not survive the switch")
	}
}

// After the overlap a corrupt leader replays its old-epoch proposal (a
// frame naming the dropped machine's epoch): it is neither kept for later
// nor stepped into the machine that remains, which would endorse it under
// the new epoch's rules. Holds.
func TestAttackOldEpochFrameAfterOverlap(t *testing.T) {
	nodes := []uint32{1, 2, 3, 4}
	s, _ := testSigner(1)
	var random [5]byte
	bid := signing.NewBatchID(time.Now(), 2, random[:])
	pre := &tecdsa.Presignature{ID: tecdsa.PresigID{Batch: bid}, Owner: 2, Index: 1, Holders: nodes}
	s.pool.setServing(2, nil)
	s.pool.add([]*tecdsa.Presignature{pre}, true) // a batch the new machine would endorse
	if err := s.addMachine(1, nodes, 1); err != nil {
		t.Fatal(err)
	}
	if err := s.addMachine(2, nodes, 1); err != nil {
		t.Fatal(err)
	}
	s.dropMachine(1)
	var rid []byte
	for i := 0; ; i++ {
		rid = fmt.Appendf(nil, "old-%d", i)
		if tecdsa.Leader(rid, nodes) == 2 {
			break
		}
	}
	var k [33]byte
	k[0] = 2
	b := &tecdsa.Binding{Presig: pre.ID, Owner: 2, RequestID: rid, Hash: [32]byte{9}, PublicKey: k, Signers: []uint32{1, 2, 3}}
	for _, epoch := range []uint64{1, 0} {
		s.stepFrame(2, epoch, []any{signing.Proposal{From: 2, Binding: b}})
	}
	s.carryOutAll()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.early) != 0 {
		t.Fatalf("%d frames of a past epoch kept", len(s.early))
	}
	if s.ms[0].m.Bound(b.Lookup()) {
		t.Fatal("a replayed frame of the dropped epoch was endorsed in the new machine")
	}
}

// During the overlap, the new committee's batch made before the switch (a
// joiner among its holders, t') is the serving epoch's: a corrupt leader
// that binds it in the retired machine gets no endorsement and no share
// under the old shares (TestFutureBatchWithOldKeyGivesAPoint: that gives a
// point). Nor does a batch made for the epoch after. Holds.
func TestFutureBatchNeverInTheRetiredMachine(t *testing.T) {
	p := newPool(1)
	p.setServing(1, nil)
	var random [5]byte
	next := signing.NewBatchID(time.Now(), 2, random[:])
	random[0] = 1
	after := signing.NewBatchID(time.Now(), 2, random[:])
	p.markFuture(next, 2, 1)
	p.markFuture(after, 3, 1)
	for _, id := range [][16]byte{next, after} {
		if !p.join(id, 2, 10, 10, time.Now()) {
			t.Fatal("join refused")
		}
		p.joinedWith(id, []uint32{1, 2, 3, 5})
		p.add([]*tecdsa.Presignature{{ID: tecdsa.PresigID{Batch: id}, Owner: 2, Index: 1, Holders: []uint32{1, 2, 3, 5}}}, true)
	}
	p.setServing(2, func(*batch, []uint32) bool { return true })
	for _, c := range []struct {
		id    [16]byte
		epoch uint64
		want  bool
	}{{next, 1, false}, {next, 2, true}, {after, 1, false}, {after, 2, false}} {
		id := tecdsa.PresigID{Batch: c.id}
		_, signs := p.signableIn(id, c.epoch)
		if signs != c.want || p.knownIn(id, c.epoch) != c.want {
			t.Fatalf("batch %x in the machine of epoch %d: signs %v, want %v", c.id[:4], c.epoch, signs, c.want)
		}
	}
}
