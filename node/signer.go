package node

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node/peer"
	"github.com/flint-network/flint/node/store"
)

// Peer message kinds of the signing protocol.
const (
	kindBind   = "bind"   // the leader's binding of a presignature to a request
	kindNoBind = "nobind" // the leader could not bind: answer the client at once
)

// Errors of signing, each mapped to a stable API error code.
var (
	ErrNoPresignatures   = errors.New("no presignatures available at the request's leader")
	ErrLeaderUnreachable = errors.New("the request's leader did not bind a presignature in time")
	ErrNotHeld           = errors.New("this node does not hold the bound presignature")
	ErrTooFewLive        = errors.New("too few nodes reachable to sign")
)

// pkpKey is a PKP key as the signer needs it.
type pkpKey struct {
	keyID      [32]byte
	s          secp.Scalar // hd.KeyScalar(keyID)
	pub        secp.Point  // X', affine
	compressed [secp.CompressedSize]byte
}

type shareRequest struct {
	requestID []byte
	hash      [32]byte
	key       *pkpKey
	plain     bool // every live holder answers with a plain share
}

// shareAnswer is this node's answer: a share, or none when the node is not
// in the request's signer set.
type shareAnswer struct {
	binding *tecdsa.Binding
	sigma   *secp.Scalar // nil for a non-signer
	r       secp.Point   // R', affine (signers only)
}

// waiter is the rendezvous between a request and the leader's binding for
// it, which may arrive in either order.
type waiter struct {
	done    chan struct{}
	binding *tecdsa.Binding
	err     error
	created time.Time
	mu      sync.Mutex // serialises computing the share for this request
}

// signer coordinates this node's part of each signature (§4–5).
type signer struct {
	n       *Node
	mu      sync.Mutex
	waiters map[[32]byte]*waiter
}

func newSigner(n *Node) *signer { return &signer{n: n, waiters: map[[32]byte]*waiter{}} }

func (s *signer) waiter(lookup [32]byte) *waiter {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, ok := s.waiters[lookup]
	if !ok {
		w = &waiter{done: make(chan struct{}), created: time.Now()}
		s.waiters[lookup] = w
	}
	return w
}

func (s *signer) resolve(lookup [32]byte, b *tecdsa.Binding, err error) {
	w := s.waiter(lookup)
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-w.done:
		return // first answer wins
	default:
	}
	w.binding, w.err = b, err
	close(w.done)
}

// boundTTL is how long a signer keeps a bound presignature for a request
// that has not reached it. Past it the secrets are erased: the binding stays,
// so a late request is refused (NodePresignatureConflict), never signed with
// another presignature.
const boundTTL = 10 * time.Minute

// gc forgets rendezvous older than a minute and erases presignatures bound
// longer than boundTTL ago whose request never came.
func (s *signer) gc(now time.Time) {
	s.mu.Lock()
	for k, w := range s.waiters {
		if now.Sub(w.created) > time.Minute {
			delete(s.waiters, k)
		}
	}
	s.mu.Unlock()
	stale := s.n.pool.staleBound(now.Add(-boundTTL))
	for _, id := range stale {
		s.retire(context.Background(), id, nil)
	}
	if len(stale) > 0 {
		s.n.log.Info("erased presignatures bound to requests that never came", "count", len(stale))
	}
}

// share answers one authorised signing request at this node.
func (s *signer) share(ctx context.Context, req *shareRequest) (*shareAnswer, error) {
	n := s.n
	n.lastSign.Store(time.Now().UnixNano()) // signing is under way: postpone top-ups
	lookup := tecdsa.Lookup(req.requestID, req.hash, req.key.compressed)
	w := s.waiter(lookup)
	w.mu.Lock()
	defer w.mu.Unlock()

	// A repeat of a request this node answered before gets the same answer;
	// a binding that arrived before the request (or before a restart) is used
	// as it is.
	if b, raw, err := n.store.BindingFor(lookup); err == nil {
		if len(raw) > 0 {
			return decodeAnswer(b, raw)
		}
		return s.answer(ctx, b, req)
	}
	v := n.view()
	live := n.live(v)
	if len(live) < v.quorum {
		var down []uint32
		for _, id := range v.indices {
			if !slices.Contains(live, id) {
				down = append(down, id)
			}
		}
		return nil, fmt.Errorf("%w: %d of %d reachable, %d needed; unreachable: %v", ErrTooFewLive, len(live), len(v.indices), v.quorum, down)
	}
	leader := tecdsa.Leader(req.requestID, live)
	var b *tecdsa.Binding
	var err error
	if leader == v.self {
		b, err = s.lead(ctx, req, lookup, live, v.quorum)
	} else {
		b, err = s.await(ctx, w, leader)
	}
	if err != nil {
		return nil, err
	}
	return s.answer(ctx, b, req)
}

// lead binds one of this node's presignatures to the request, durably, and
// tells every other holder.
func (s *signer) lead(ctx context.Context, req *shareRequest, lookup [32]byte, live []uint32, q int) (*tecdsa.Binding, error) {
	n := s.n
	pre, ok := n.pool.take(q, live)
	if !ok && n.pool.leadingCount() > 0 {
		// Empty but refilling (just after genesis, or drained by a burst):
		// wait for the batch rather than refuse.
		pre, ok = n.pool.takeWait(ctx, q, live, time.Duration(n.cfg.BindWait)/2)
	}
	if !ok {
		s.broadcastNoBind(lookup, live, "no presignatures")
		return nil, ErrNoPresignatures
	}
	candidates := slices.DeleteFunc(n.pool.holders(pre.ID.Batch), func(id uint32) bool { return !slices.Contains(live, id) })
	signers, err := tecdsa.SignerSet(req.requestID, req.hash, candidates, q)
	if err != nil { // take checked the holders against live: cannot happen
		n.pool.putBack(pre)
		s.broadcastNoBind(lookup, live, "no presignature with a quorum of live holders")
		return nil, fmt.Errorf("%w: %v", ErrNoPresignatures, err)
	}
	if req.plain {
		signers = candidates
	}
	b := &tecdsa.Binding{Presig: pre.ID, Owner: n.view().self, RequestID: req.requestID, Hash: req.hash, PublicKey: req.key.compressed, Signers: signers, Plain: req.plain}
	if _, _, err := n.store.Bind(pre, b); err != nil {
		n.pool.putBack(pre)
		if errors.Is(err, tecdsa.ErrAlreadyBound) { // a concurrent copy of this request won
			if b2, _, err2 := n.store.BindingFor(lookup); err2 == nil {
				return b2, nil
			}
		}
		s.broadcastNoBind(lookup, live, "binding failed")
		return nil, fmt.Errorf("binding presignature: %w", err)
	}
	n.metrics.bindings.Inc()
	n.pool.markBound(pre.ID, time.Now())
	enc, _ := b.MarshalBinary()
	// Every live node gets the binding, signers or not: the Lit SDK waits for
	// every node's answer, and a non-signer answers at once with no share.
	for _, id := range live {
		if id == n.view().self {
			continue
		}
		go func(id uint32) {
			sctx, cancel := context.WithTimeout(context.Background(), time.Duration(n.cfg.BindWait))
			defer cancel()
			if err := n.peers.Send(sctx, id, kindBind, enc); err != nil {
				requestLog(ctx, n.log).Warn("binding not delivered", "to", id, "presig", pre.ID.String(), "err", err)
			}
		}(id)
	}
	return b, nil
}

func (s *signer) broadcastNoBind(lookup [32]byte, live []uint32, why string) {
	n := s.n
	body := append(lookup[:], why...)
	for _, id := range live {
		if id == n.view().self {
			continue
		}
		go func(id uint32) {
			ctx, cancel := context.WithTimeout(context.Background(), time.Second)
			defer cancel()
			n.peers.Send(ctx, id, kindNoBind, body)
		}(id)
	}
}

// await waits for the leader's binding of this request.
func (s *signer) await(ctx context.Context, w *waiter, leader uint32) (*tecdsa.Binding, error) {
	t := time.NewTimer(time.Duration(s.n.cfg.BindWait))
	defer t.Stop()
	select {
	case <-w.done:
		return w.binding, w.err
	case <-t.C:
		return nil, fmt.Errorf("%w (node %d)", ErrLeaderUnreachable, leader)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// onBind handles a leader's binding: it must come from the presignature's
// owner, fit a presignature this node holds, and pass the binding rule; it
// is stored durably before anything else.
func (s *signer) onBind(from uint32, body []byte) error {
	b, err := tecdsa.UnmarshalBinding(body)
	if err != nil {
		return fmt.Errorf("%w: %v", errPeerRefused, err)
	}
	if b.Owner != from {
		return fmt.Errorf("%w: binding by %d sent by %d", errPeerRefused, b.Owner, from)
	}
	pre, ok := s.n.pool.get(b.Presig)
	if !ok {
		// Signed already (a retransmission)?
		if stored, _, err := s.n.store.BindingFor(b.Lookup()); err == nil && stored.Equal(b) {
			return nil
		}
		if slices.Contains(b.Signers, s.n.view().self) {
			// A signer still finishing the batch: let the leader resend.
			return fmt.Errorf("%w: %w: presignature %s", peer.ErrUnavailable, ErrNotHeld, b.Presig)
		}
		// Not a signer and not a holder: it answers without a share, if the
		// binding comes from the request's leader as this node sees it (so a
		// node cannot talk others out of signing for requests it does not
		// lead).
		if leader := tecdsa.Leader(b.RequestID, s.n.live(s.n.view())); leader != from {
			return fmt.Errorf("%w: binding for a presignature this node does not hold, from %d, not the request's leader %d", errPeerRefused, from, leader)
		}
		s.resolve(b.Lookup(), b, nil)
		return nil
	}
	if _, _, err := s.n.store.Bind(pre, b); err != nil {
		return fmt.Errorf("%w: %v", errPeerRefused, err)
	}
	if !slices.Contains(b.Signers, s.n.view().self) {
		// Not a signer: erase now, even if the client never asks this node.
		s.retire(context.Background(), pre.ID, nil)
	} else {
		s.n.pool.markBound(pre.ID, time.Now())
	}
	s.resolve(b.Lookup(), b, nil)
	return nil
}

func (s *signer) onNoBind(from uint32, body []byte) error {
	if len(body) < 32 || len(body) > 32+256 {
		return fmt.Errorf("%w: nobind of %d bytes", errPeerRefused, len(body))
	}
	var lookup [32]byte
	copy(lookup[:], body)
	s.resolve(lookup, nil, fmt.Errorf("%w: node %d: %s", ErrNoPresignatures, from, body[32:]))
	return nil
}

// answer computes this node's share for a binding (or none if it is not a
// signer) and records it before it leaves.
func (s *signer) answer(ctx context.Context, b *tecdsa.Binding, req *shareRequest) (*shareAnswer, error) {
	n := s.n
	self := n.view().self
	if !slices.Contains(b.Signers, self) {
		// Not a signer: this node will never sign with the presignature, so
		// its secrets go now, once the binding is on disk here (it stays,
		// for repeats). A binding that reached this node before the batch
		// did is stored now; one the store refuses erases nothing.
		if pre, ok := n.pool.get(b.Presig); ok {
			stored, _, err := n.store.BindingFor(b.Lookup())
			if err != nil || !stored.Equal(b) {
				_, _, err = n.store.Bind(pre, b)
			}
			if err == nil {
				s.retire(ctx, pre.ID, nil)
			}
		}
		return &shareAnswer{binding: b}, nil
	}
	pre, ok := n.pool.get(b.Presig)
	if !ok {
		return nil, fmt.Errorf("%w: %s", ErrNotHeld, b.Presig)
	}
	sreq := &tecdsa.SignRequest{KeyScalar: req.key.s, PublicKey: req.key.pub, Hash: req.hash, RequestID: req.requestID, Signers: b.Signers}
	if b.Plain {
		sreq.Signers = nil
	}
	sh, err := pre.Sign(n.state.Load().ecdsa, sreq)
	if err != nil {
		return nil, err
	}
	a := &shareAnswer{binding: b, sigma: &sh.Sigma, r: sh.R}
	n.metrics.shares.Inc()
	s.retire(ctx, pre.ID, encodeAnswer(a))
	return a, nil
}

// retire records a bound presignature's outcome (the share, or nothing for
// a non-signer) and erases its secrets. That is off the answer's path:
// safety rests on the binding, which is already on disk, and a share lost in
// a crash is computed again, identically, from it. The presignature stays in
// the pool until then, for repeats meanwhile.
func (s *signer) retire(ctx context.Context, id tecdsa.PresigID, share []byte) {
	n := s.n
	done := n.store.Signed(id, share)
	go func() {
		if err := <-done; err != nil {
			// Not bound here (ErrNotFound), or not written: the presignature
			// stays held.
			requestLog(ctx, n.log).Warn("recording a share", "presig", id.String(), "err", err)
			return
		}
		if n.pool.done(id) {
			n.store.DeleteMeta(ackKey(id.Batch))
		}
	}()
}

// encodeAnswer stores σ_i ‖ R' (the binding holds the rest).
func encodeAnswer(a *shareAnswer) []byte {
	out := make([]byte, 0, 32+secp.PointSize)
	sb := a.sigma.Bytes()
	out = append(out, sb[:]...)
	return secp.AppendPoint(out, &a.r)
}

func decodeAnswer(b *tecdsa.Binding, raw []byte) (*shareAnswer, error) {
	if len(raw) != 32+secp.PointSize {
		return nil, fmt.Errorf("%w: stored share of %d bytes", store.ErrCorrupt, len(raw))
	}
	sigma, err := secp.DecodeScalar(raw[:32])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", store.ErrCorrupt, err)
	}
	r, err := secp.DecodePoint(raw[32:])
	if err != nil {
		return nil, fmt.Errorf("%w: %v", store.ErrCorrupt, err)
	}
	return &shareAnswer{binding: b, sigma: &sigma, r: r}, nil
}
