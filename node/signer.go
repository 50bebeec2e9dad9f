package node

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node/signing"
	"github.com/flint-network/flint/node/store"
)

// kindSign is the peer message kind of the signing coordination: a frame of
// proposals, endorsements and notices (node/signing).
const kindSign = "sign"

// Errors of signing, each mapped to a stable API error code.
var (
	ErrNoPresignatures   = signing.ErrNoPresignatures
	ErrLeaderUnreachable = signing.ErrLeaderUnreachable
	ErrNotEndorsed       = signing.ErrNotEndorsed
	ErrTooFewLive        = signing.ErrTooFewLive
	ErrNotHeld           = errors.New("this node does not hold the bound presignature")
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
	plain     bool   // every live holder answers with a plain share
	epoch     uint64 // the epoch the client named (0: none)
}

// shareAnswer is this node's answer: a share, or none when the node is not
// in the request's signer set.
type shareAnswer struct {
	binding *tecdsa.Binding
	sigma   *secp.Scalar // nil for a non-signer
	r       secp.Point   // R', affine (signers only)
}

// bindingStore is the store as the signer uses it.
type bindingStore interface {
	EndorseAsync(bs []*tecdsa.Binding) <-chan []error
	BindingFor(lookup [32]byte) (*tecdsa.Binding, []byte, error)
	Signed(id tecdsa.PresigID, share []byte) <-chan error
}

// tickEvery is how often the signing machine learns the time and the live
// nodes (its timeouts are seconds).
const tickEvery = 50 * time.Millisecond

// signer drives this node's signing coordination: it steps the machine
// (node/signing) with client requests, peer frames and ticks, and carries
// out each Ready in order — persist the endorsements (one durable
// transaction for all of them, reported back as Persisted), then send, then
// answer, then erase — in one goroutine. For a request the machine releases, the handler computes the
// share with the presignature and records it.
type signer struct {
	mu      sync.Mutex
	m       *signing.Machine
	wg      sync.WaitGroup // writes under way
	waiters map[[32]byte][]chan signing.Answer
	// reqs holds the machine input of every request a handler waits for,
	// so that a new machine (an epoch switch) takes them over instead of
	// leaving their handlers waiting on the old one.
	reqs map[[32]byte]signing.Request
	wake chan struct{}

	store    bindingStore
	pool     *pool
	send     func([]signing.Message)
	keys     func(epoch uint64) *tecdsa.KeyShare // the shares a request naming epoch signs with
	live     func() []uint32
	lead     func() []uint32 // signing.Leaders now (nil: every live node)
	ended    func(*batch)    // a batch ended with a presignature retired here
	misbehav func(node uint32, what string)
	log      *slog.Logger
	self     uint32
	shares   func()            // counts a share computed
	bindings func()            // counts a binding this node made as a leader
	refused  func(node uint32) // counts a peer message refused
	adv      *Adversary        // nil but in tests of corrupt nodes
	nodes    []uint32
}

// share answers one authorised signing request at this node.
func (s *signer) share(ctx context.Context, req *shareRequest) (*shareAnswer, error) {
	lookup := tecdsa.Lookup(req.requestID, req.hash, req.key.compressed)
	// A repeat of a request this node signed gets the same share.
	if b, raw, err := s.store.BindingFor(lookup); err == nil && len(raw) > 0 {
		return decodeAnswer(b, raw)
	}
	if s.adv != nil && s.adv.ForgeNotices && s.leader(req.requestID, req.hash, req.key.compressed) != s.self {
		s.send(forgedNotices(s.self, s.nodes, req))
	}
	ch := make(chan signing.Answer, 1)
	live, lead := s.live(), s.lead()
	s.mu.Lock()
	s.m.Step(signing.Leaders{Nodes: lead})
	s.waiters[lookup] = append(s.waiters[lookup], ch)
	in := signing.Request{RequestID: req.requestID, Hash: req.hash, Key: req.key.compressed, Plain: req.plain}
	s.reqs[lookup] = in
	in.Live = live
	s.m.Step(in)
	s.mu.Unlock()
	s.kick()
	var a signing.Answer
	select {
	case a = <-ch:
	case <-ctx.Done():
		s.forget(lookup, ch)
		return nil, ctx.Err()
	}
	switch {
	case a.Err != nil:
		return nil, a.Err
	case !a.Sign:
		return &shareAnswer{binding: a.Binding}, nil
	}
	return s.sign(a.Binding, req)
}

// leader returns the request's leader as this node's machine computes it.
func (s *signer) leader(requestID []byte, hash [32]byte, key [33]byte) uint32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m.Leader(requestID, hash, key)
}

// sign computes this node's share for a released binding and records it
// before it leaves (a lost record is computed again, identically).
func (s *signer) sign(b *tecdsa.Binding, req *shareRequest) (*shareAnswer, error) {
	pre, ok := s.pool.signable(b.Presig)
	if !ok {
		return nil, fmt.Errorf("%w: %s (or of a batch made for a later epoch)", ErrNotHeld, b.Presig)
	}
	if err := b.Fits(pre); err != nil {
		return nil, err
	}
	sreq := &tecdsa.SignRequest{KeyScalar: req.key.s, PublicKey: req.key.pub, Hash: req.hash, RequestID: req.requestID, Signers: b.Signers}
	if b.Plain {
		sreq.Signers = nil
	}
	sh, err := pre.Sign(s.keys(req.epoch), sreq)
	if err != nil {
		return nil, err
	}
	if s.adv != nil && s.adv.WrongShares {
		spoilShare(&sh.Sigma)
	}
	a := &shareAnswer{binding: b, sigma: &sh.Sigma, r: sh.R}
	s.shares()
	s.retire(pre.ID, encodeAnswer(a))
	return a, nil
}

func (s *signer) forget(lookup [32]byte, ch chan signing.Answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	list := s.waiters[lookup]
	for i, c := range list {
		if c == ch {
			s.waiters[lookup] = append(list[:i], list[i+1:]...)
			break
		}
	}
	if len(s.waiters[lookup]) == 0 {
		delete(s.waiters, lookup)
		delete(s.reqs, lookup)
	}
}

// step gives the machine peer inputs (a decoded frame).
func (s *signer) step(ins ...any) {
	s.mu.Lock()
	for _, in := range ins {
		s.m.Step(in)
	}
	s.mu.Unlock()
	s.kick()
}

func (s *signer) kick() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// run is the driver: it ticks the machine and carries out its Ready values
// until ctx ends, then fails the requests still waiting.
func (s *signer) run(ctx context.Context) {
	t := time.NewTicker(tickEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			s.wg.Wait()
			s.mu.Lock()
			waiters := s.waiters
			s.waiters = map[[32]byte][]chan signing.Answer{}
			s.reqs = map[[32]byte]signing.Request{}
			s.mu.Unlock()
			for lookup, chans := range waiters {
				for _, ch := range chans {
					ch <- signing.Answer{Lookup: lookup, Err: ErrNotReady}
				}
			}
			return
		case <-s.wake:
		case now := <-t.C:
			live, lead := s.live(), s.lead()
			s.mu.Lock()
			s.m.Step(signing.Leaders{Nodes: lead})
			s.m.Step(signing.Tick{Now: now, Live: live})
			s.mu.Unlock()
		}
		for {
			s.mu.Lock()
			rd := s.m.Ready()
			s.mu.Unlock()
			if rd.Empty() {
				break
			}
			s.carryOut(&rd)
		}
	}
}

// carryOut does what one Ready says, in its order.
func (s *signer) carryOut(rd *signing.Ready) {
	if len(rd.Persist) > 0 {
		// The write goes to the store's group commit and the driver goes on:
		// nothing in this or a later Ready depends on it until the machine
		// hears Persisted, and the writes of the next Ready values share
		// the fsync that is under way.
		bs := make([]*tecdsa.Binding, len(rd.Persist))
		for i, r := range rd.Persist {
			bs[i] = r.Binding
		}
		done := s.store.EndorseAsync(bs)
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			errs := <-done
			s.mu.Lock()
			for i, b := range bs {
				if errs[i] == nil {
					s.pool.markBound(b.Presig)
					if b.Owner == s.self {
						s.bindings()
					}
				} else {
					s.log.Warn("endorsement not persisted", "presig", b.Presig.String(), "err", errs[i])
				}
				s.m.Step(signing.Persisted{Presig: b.Presig, Err: errs[i]})
			}
			s.mu.Unlock()
			s.kick()
		}()
	}
	if len(rd.Send) > 0 {
		s.send(rd.Send)
	}
	for _, a := range rd.Answer {
		s.deliver(a)
	}
	for _, id := range rd.Erase {
		if _, ok := s.pool.get(id); ok {
			s.retire(id, nil)
		}
	}
	for _, f := range rd.Faults {
		s.log.Warn("misbehaviour", "protocol", "signing", "node", f.Node, "fault", f.Reason)
		s.misbehav(f.Node, "signing")
	}
	for _, f := range rd.Refused {
		s.log.Info("signing message refused", "from", f.Node, "why", f.Reason)
		s.refused(f.Node)
	}
}

// deliver hands an answer to the handlers waiting for it. A share released
// with nobody waiting any more is never computed: its secrets go.
func (s *signer) deliver(a signing.Answer) {
	s.mu.Lock()
	chans := s.waiters[a.Lookup]
	delete(s.waiters, a.Lookup)
	delete(s.reqs, a.Lookup)
	s.mu.Unlock()
	for _, ch := range chans {
		ch <- a
	}
	if len(chans) == 0 && a.Sign {
		if _, ok := s.pool.get(a.Binding.Presig); ok {
			s.retire(a.Binding.Presig, nil)
		}
	}
}

// retire records a bound presignature's outcome (the share, or nothing) and
// erases its secrets. That is off the answer's path: safety rests on the
// binding, which is already on disk, and a share lost in a crash is never
// computed again (the presignature goes with the restart). The presignature
// stays in the pool until the record is on disk, for repeats meanwhile.
func (s *signer) retire(id tecdsa.PresigID, share []byte) {
	done := s.store.Signed(id, share)
	go func() {
		if err := <-done; err != nil {
			s.log.Warn("recording a share", "presig", id.String(), "err", err)
			return
		}
		for _, b := range s.pool.done(id) {
			s.ended(b)
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

// signingShares is the ECDSA share a request naming epoch signs with: the
// previous epoch's, kept through the grace period, when the request names
// it and its t is the current one (the presignatures' degree); the current
// share otherwise. A client of the previous epoch thus gets shares of one
// polynomial from every node, whether or not a node has switched yet; its
// signers are nodes of both sets (leadSet), which hold the previous shares.
func (n *Node) signingShares(epoch uint64) *tecdsa.KeyShare {
	st := n.state.Load()
	if st == nil {
		return nil
	}
	if epoch != 0 && epoch+1 == st.epoch && n.epoch != nil {
		n.epoch.mu.Lock()
		prev := n.epoch.prev
		n.epoch.mu.Unlock()
		if prev != nil && prev.epoch == epoch && prev.ecdsa != nil && prev.ecdsa.T == st.ecdsa.T {
			return prev.ecdsa
		}
	}
	return st.ecdsa
}

// newSigner builds this node's signer for the epoch of v.
func (n *Node) newSigner(v *view) (*signer, error) {
	s := &signer{
		waiters: map[[32]byte][]chan signing.Answer{},
		reqs:    map[[32]byte]signing.Request{},
		wake:    make(chan struct{}, 1),
		store:   n.store,
		pool:    n.pool,
		send:    n.send.frames,
		keys:    n.signingShares,
		live:    func() []uint32 { return n.live(n.view()) },
		lead:    func() []uint32 { return n.leadSet(n.view()) },
		ended:   n.batchEnded,
		misbehav: func(node uint32, what string) {
			n.metrics.misbehaviour.WithLabelValues(fmt.Sprint(node), what).Inc()
		},
		log:      n.log,
		self:     v.self,
		shares:   n.metrics.shares.Inc,
		bindings: n.metrics.bindings.Inc,
		refused:  func(node uint32) { n.metrics.refused.WithLabelValues(fmt.Sprint(node)).Inc() },
		adv:      n.cfg.Adversary,
	}
	if adv := n.cfg.Adversary; adv != nil {
		s.send = func(msgs []signing.Message) { n.send.frames(adv.adversarySend(v.self, msgs)) }
	}
	// A joining node has no current set to sign in yet: its machine is
	// made for the next set and made again at the switch.
	nodes, t := v.indices, v.t
	if !v.member() && v.next != nil {
		nodes, t = v.next.indices, v.next.t
	}
	if err := n.newSigningMachine(s, nodes, t); err != nil {
		return nil, err
	}
	return s, nil
}

// newSigningMachine gives s a signing machine for an epoch's node set. A
// machine's requests, bindings and endorsements are of its epoch's nodes
// and quorum. At an epoch change the new machine takes over the requests
// whose handlers still wait (every node switches, so each such request is
// led and bound again under the new set): dropping them would leave the
// handlers waiting until their clients give up — the Lit SDK, which has no
// timeout of its own, for minutes — and fail requests a client does not
// retry.
func (n *Node) newSigningMachine(s *signer, nodes []uint32, t int) error {
	m, err := signing.New(signing.Config{
		Self:        s.self,
		Nodes:       nodes,
		T:           t,
		BindWait:    time.Duration(n.cfg.BindWait),
		EndorseWait: time.Duration(n.cfg.BindWait),
		Floor:       n.signerFloor,
		MaxAge:      maxAge + holderGrace,
		MaxSkew:     batchClockSkew,
		Pool:        n.pool,
	})
	if err != nil {
		return fmt.Errorf("node: %w", err)
	}
	live, lead := s.live(), s.lead()
	m.Step(signing.Leaders{Nodes: lead})
	s.mu.Lock()
	s.m, s.nodes = m, slices.Clone(nodes)
	for _, in := range s.reqs {
		in.Live = live
		m.Step(in)
	}
	s.mu.Unlock()
	s.kick()
	return nil
}

// onSign takes a frame of signing messages from a peer.
func (n *Node) onSign(from uint32, body []byte) error {
	if n.signer == nil {
		return ErrNotReady
	}
	ins, err := signing.DecodeFrame(from, body)
	if err != nil {
		n.metrics.misbehaviour.WithLabelValues(fmt.Sprint(from), "signing").Inc()
		return fmt.Errorf("%w: %v", errPeerRefused, err)
	}
	n.lastSign.Store(time.Now().UnixNano()) // signing is under way: postpone top-ups
	n.signer.step(ins...)
	return nil
}

// announceGone tells the owners of the batches a restored store dropped
// that this node no longer holds them, and the holders of its own that they
// will never be bound.
func (n *Node) announceGone(ids []tecdsa.PresigID) {
	v := n.view()
	seen := map[[16]byte]bool{}
	for _, id := range ids {
		if seen[id.Batch] {
			continue
		}
		seen[id.Batch] = true
		n.store.DeleteAcks(id.Batch)
		for _, peer := range v.indices {
			if peer != v.self {
				// Only the owner acts on "gone", only holders on "drop": each
				// peer ignores the notice that is not its business.
				n.send.one(peer, kindGone, id.Batch[:], 30*time.Second)
				n.send.one(peer, kindDropBatch, id.Batch[:], 30*time.Second)
			}
		}
	}
}

// refuse tells the machine that this node refused a client's request
// before signing, with the code the client got (see signing.Refusal).
func (s *signer) refuse(requestID []byte, hash [32]byte, key [33]byte, code string) {
	live := s.live()
	s.mu.Lock()
	s.m.Step(signing.Refusal{RequestID: requestID, Hash: hash, Key: key, Code: code, Live: live})
	s.mu.Unlock()
	s.kick()
}
