package node

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node/signing"
	"github.com/flint-network/flint/node/store"
)

// noBindings is a store with no record of any request.
type noBindings struct{}

func (noBindings) EndorseAsync(bs []*tecdsa.Binding) <-chan []error {
	ch := make(chan []error, 1)
	ch <- make([]error, len(bs))
	return ch
}
func (noBindings) BindingFor([32]byte) (*tecdsa.Binding, []byte, error) {
	return nil, nil, store.ErrNotFound
}
func (noBindings) Signed(tecdsa.PresigID, []byte) <-chan error {
	ch := make(chan error, 1)
	ch <- nil
	return ch
}

// testSigner is node self's signer with real signing machines, every node
// live and nothing sent.
func testSigner(self uint32) (*signer, *int) {
	refused := 0
	p := newPool(self)
	s := &signer{
		waiters: map[[32]byte][]chan epochAnswer{}, reqs: map[[32]byte]*waitingRequest{}, wake: make(chan struct{}, 1),
		store: noBindings{}, pool: p, send: func([]signing.Message) {},
		keys: func(uint64) *tecdsa.KeyShare { return nil }, live: slices.Clone[[]uint32],
		lead: func() signing.Leaders { return signing.Leaders{} }, ended: func(*batch) {}, misbehav: func(uint32, string) {},
		log: slog.New(slog.NewTextHandler(io.Discard, nil)), self: self,
		shares: func() {}, bindings: func() {}, refused: func(uint32) { refused++ },
	}
	s.newM = func(epoch uint64, nodes []uint32, t int) (*signing.Machine, error) {
		return signing.New(signing.Config{Self: self, Nodes: nodes, T: t, BindWait: 5 * time.Second,
			EndorseWait: 5 * time.Second, MaxAge: time.Hour, MaxSkew: time.Minute, Pool: poolView{p, epoch}})
	}
	return s, &refused
}

// Around a switch: a peer's frame of the epoch this node is about to enter
// waits for the switch and is stepped in after the requests it is about; a
// failure in the new machine is not the request's answer while the old one
// may still bind it; the old machine's failure then is. A frame two epochs
// ahead, and a peer's messages beyond maxEarlyPerPeer, are not kept.
func TestEarlyFramesWaitForTheSwitch(t *testing.T) {
	nodes := []uint32{1, 2, 3, 4}
	s, refused := testSigner(1)
	if err := s.addMachine(1, nodes, 1); err != nil {
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
	notice := func() []any {
		return []any{signing.Notice{From: 2, RequestID: rid, Hash: req.hash, Key: key.compressed, Reason: "no presignatures"}}
	}
	type result struct {
		a   *shareAnswer
		err error
	}
	done := make(chan result, 1)
	go func() {
		a, err := s.share(context.Background(), req)
		done <- result{a, err}
	}()
	lookup := tecdsa.Lookup(rid, req.hash, key.compressed)
	for waiting := false; !waiting; {
		s.mu.Lock()
		waiting = s.reqs[lookup] != nil
		s.mu.Unlock()
	}

	// Another request, which leader 2 (switched first) binds in epoch 2
	// with a batch made for epoch 2 before the switch.
	var batchRandom [5]byte
	batch := signing.NewBatchID(time.Now(), 2, batchRandom[:])
	s.pool.setServing(1, nil)
	s.pool.join(batch, 2, 10, 10, time.Now())
	s.pool.markFuture(batch, 2, 1)
	other := &shareRequest{requestID: append(rid, '+'), hash: [32]byte{8}, key: key}
	for tecdsa.Leader(other.requestID, nodes) != 2 {
		other.requestID = append(other.requestID, '+')
	}
	proposal := []any{signing.Proposal{From: 2, Binding: &tecdsa.Binding{Presig: tecdsa.PresigID{Batch: batch, Index: 3},
		Owner: 2, RequestID: other.requestID, Hash: other.hash, PublicKey: key.compressed, Signers: []uint32{1, 2, 3}}}}
	go s.share(context.Background(), other)
	otherLookup := tecdsa.Lookup(other.requestID, other.hash, key.compressed)
	for waiting := false; !waiting; {
		s.mu.Lock()
		waiting = s.reqs[otherLookup] != nil
		s.mu.Unlock()
	}

	s.stepFrame(2, 3, notice()) // two epochs ahead
	s.stepFrame(2, 2, notice()) // the next epoch: a peer that switched first
	s.stepFrame(2, 2, proposal)
	if len(s.early) != 2 {
		t.Fatalf("%d early frames kept, want the next epoch's only", len(s.early))
	}
	many := make([]any, maxEarlyPerPeer)
	for i := range many {
		many[i] = signing.Endorsement{From: 3}
	}
	s.stepFrame(3, 2, many)
	s.stepFrame(3, 2, []any{signing.Endorsement{From: 3}})
	if len(s.early) != 3 || *refused != 1 {
		t.Fatalf("peer 3 beyond maxEarlyPerPeer: %d frames kept, %d refused", len(s.early), *refused)
	}

	s.pool.setServing(2, nil)
	if err := s.addMachine(2, nodes, 1); err != nil {
		t.Fatal(err)
	}
	s.carryOutAll()
	if len(s.early) != 0 {
		t.Fatal("early frames kept after the switch")
	}
	s.mu.Lock()
	bound := s.ms[1].m.Bound(otherLookup)
	s.mu.Unlock()
	if !bound {
		t.Fatal("the early proposal of the new epoch was not endorsed at the switch")
	}
	s.mu.Lock()
	w := s.reqs[lookup]
	s.mu.Unlock()
	if w == nil || !slices.Equal(w.epochs, []uint64{1}) {
		t.Fatal("the new machine's failure (the early notice, stepped in after the request) is not the only one, or the request was answered while the old machine may still bind it")
	}
	select {
	case r := <-done:
		t.Fatalf("answered early: %v", r.err)
	default:
	}
	s.stepFrame(2, 1, notice()) // the old machine's leader: no binding either
	s.carryOutAll()
	r := <-done
	if !errors.Is(r.err, signing.ErrNoPresignatures) {
		t.Fatalf("answer %v, want the old machine's failure", r.err)
	}
}

// BenchmarkEarlyFrameAtBound is the cost of one frame of the next epoch
// from a peer at its maxEarlyPerPeer bound, with three peers there (one
// message a frame): it is refused under the signer's lock, which the
// driver and every handler need.
func BenchmarkEarlyFrameAtBound(b *testing.B) {
	s, _ := testSigner(1)
	if err := s.addMachine(1, []uint32{1, 2, 3, 4, 5, 6, 7}, 2); err != nil {
		b.Fatal(err)
	}
	one := []any{signing.Endorsement{From: 2}}
	for _, peer := range []uint32{2, 3, 4} {
		for i := 0; i < maxEarlyPerPeer; i++ {
			s.stepFrame(peer, 2, one)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.stepFrame(2, 2, one)
	}
}

// A peer's early-frame bound counts only the messages still kept: once its
// frames are stepped in at the switch (or expire), it may send as many for
// the epoch after.
func TestEarlyBoundFollowsTheFrames(t *testing.T) {
	nodes := []uint32{1, 2, 3, 4}
	s, refused := testSigner(1)
	if err := s.addMachine(1, nodes, 1); err != nil {
		t.Fatal(err)
	}
	many := make([]any, maxEarlyPerPeer)
	for i := range many {
		many[i] = signing.Endorsement{From: 2}
	}
	s.stepFrame(2, 2, many)
	s.stepFrame(2, 2, many[:1])
	if *refused != 1 {
		t.Fatalf("%d frames refused past the bound, want 1", *refused)
	}
	if err := s.addMachine(2, nodes, 1); err != nil {
		t.Fatal(err)
	}
	s.stepFrame(2, 3, many)
	if *refused != 1 || len(s.early) != 1 {
		t.Fatalf("after the switch stepped its frames in, the peer's next epoch's frames: %d kept, %d refused", len(s.early), *refused)
	}
	s.mu.Lock()
	s.keepEarly(func(*earlyFrame) bool { return false }) // expired
	s.mu.Unlock()
	s.stepFrame(2, 3, many)
	if *refused != 1 || len(s.early) != 1 {
		t.Fatalf("after its frames expired, the peer's frames: %d kept, %d refused", len(s.early), *refused)
	}
}
