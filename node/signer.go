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

// signer drives this node's signing coordination: it steps the signing
// machines (node/signing) with client requests, peer frames and ticks, and
// carries out each Ready in order — persist the endorsements (one durable
// transaction for all of them, reported back as Persisted), then send, then
// answer, then erase — in one goroutine. For a request a machine releases,
// the handler computes the share with the presignature and records it.
//
// A machine is of one epoch: its node set, t, presignatures and shares.
// Around an epoch change a node runs two: from its switch the new epoch's
// machine leads this node's requests, and the previous epoch's (retired)
// follows, until the grace period ends, the bindings of leaders that have
// not switched yet. A request is stepped into every machine; it is bound
// in the machine of its leader's choice, finishes there at every node, and
// signs with that epoch's shares: nodes switch a poll apart, and a request
// carried from one machine into another after some node answered it in
// the first would fail (one request, one presignature). Frames name their
// machine's epoch; a frame of an epoch this node has not switched to yet
// waits for the switch (early).
type signer struct {
	mu sync.Mutex
	ms []*epochMachine // oldest first; the last one leads
	wg sync.WaitGroup  // writes under way
	// waiters are the handlers waiting per request, and reqs each one's
	// machine input and the epochs of the machines it is in that have not
	// failed it: a failure in one machine is the request's answer only
	// when no other machine may still bind it.
	waiters map[[32]byte][]chan epochAnswer
	reqs    map[[32]byte]*waitingRequest
	early   []earlyFrame
	// earlyHeld counts each peer's messages in early: a frame at the bound
	// is refused without a walk over every peer's (under s.mu).
	earlyHeld map[uint32]int
	wake      chan struct{}

	store    bindingStore
	pool     *pool
	send     func([]signing.Message)
	keys     func(epoch uint64) *tecdsa.KeyShare // an epoch's shares at this node (nil: none)
	live     func(nodes []uint32) []uint32       // the live ones of nodes
	lead     func() signing.Leaders              // who leads now
	ended    func(*batch)                        // a batch ended with a presignature retired here
	misbehav func(node uint32, what string)
	log      *slog.Logger
	self     uint32
	shares   func()            // counts a share computed
	bindings func()            // counts a binding this node made as a leader
	refused  func(node uint32) // counts a peer message refused
	adv      *Adversary        // nil but in tests of corrupt nodes
	newM     func(epoch uint64, nodes []uint32, t int) (*signing.Machine, error)
}

// epochMachine is the signing machine of one epoch.
type epochMachine struct {
	epoch uint64
	m     *signing.Machine
	nodes []uint32
}

type waitingRequest struct {
	in     signing.Request
	epochs []uint64
}

// epochAnswer is a machine's answer with the machine's epoch.
type epochAnswer struct {
	signing.Answer
	epoch uint64
}

// earlyFrame is a peer's frame for a machine this node does not run yet.
type earlyFrame struct {
	from  uint32
	epoch uint64
	at    time.Time
	ins   []any
}

// Bounds of the frames kept for a switch this node has not made yet: a
// peer switches up to a registry poll (about a second) before this node.
const (
	maxEarlyPerPeer = 4096 // messages
	earlyTTL        = 10 * time.Second
)

// newest is the machine that leads; s.mu held.
func (s *signer) newest() *epochMachine {
	if len(s.ms) == 0 {
		return nil
	}
	return s.ms[len(s.ms)-1]
}

// machine returns the machine of epoch; s.mu held.
func (s *signer) machine(epoch uint64) *epochMachine {
	for _, mc := range s.ms {
		if mc.epoch == epoch {
			return mc
		}
	}
	return nil
}

// share answers one authorised signing request at this node.
func (s *signer) share(ctx context.Context, req *shareRequest) (*shareAnswer, error) {
	lookup := tecdsa.Lookup(req.requestID, req.hash, req.key.compressed)
	// A repeat of a request this node signed gets the same share.
	if b, raw, err := s.store.BindingFor(lookup); err == nil && len(raw) > 0 {
		return decodeAnswer(b, raw)
	}
	if s.adv != nil && s.adv.ForgeNotices && s.leader(req.requestID, req.hash, req.key.compressed) != s.self {
		epoch, nodes := s.leading()
		msgs := forgedNotices(s.self, nodes, req)
		for i := range msgs {
			msgs[i].Epoch = epoch
		}
		s.send(msgs)
	}
	ch := make(chan epochAnswer, 1)
	lead := s.lead()
	in := signing.Request{RequestID: req.requestID, Hash: req.hash, Key: req.key.compressed, Plain: req.plain}
	s.mu.Lock()
	if len(s.ms) == 0 {
		s.mu.Unlock()
		return nil, ErrNotReady
	}
	s.waiters[lookup] = append(s.waiters[lookup], ch)
	w := &waitingRequest{in: in}
	s.reqs[lookup] = w
	for _, mc := range s.ms {
		in.Live = s.live(mc.nodes)
		mc.m.Step(lead)
		mc.m.Step(in)
		w.epochs = append(w.epochs, mc.epoch)
	}
	s.mu.Unlock()
	s.kick()
	var a epochAnswer
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
	return s.sign(a.Binding, req, a.epoch)
}

// leading is the leading machine's epoch and node set.
func (s *signer) leading() (uint64, []uint32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if mc := s.newest(); mc != nil {
		return mc.epoch, mc.nodes
	}
	return 0, nil
}

// leader returns the request's leader as this node's leading machine
// computes it.
func (s *signer) leader(requestID []byte, hash [32]byte, key [33]byte) uint32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if mc := s.newest(); mc != nil {
		return mc.m.Leader(requestID, hash, key)
	}
	return 0
}

// sign computes this node's share for a released binding and records it
// before it leaves (a lost record is computed again, identically).
func (s *signer) sign(b *tecdsa.Binding, req *shareRequest, epoch uint64) (*shareAnswer, error) {
	// The epoch the presignature signed under here already, if it did: a
	// carried batch is released in either machine during the overlap.
	pre, epoch, ok := s.pool.signWith(b.Presig, epoch)
	if !ok {
		return nil, fmt.Errorf("%w: %s (or of a batch of another epoch than %d)", ErrNotHeld, b.Presig, epoch)
	}
	ks := s.keys(epoch)
	if ks == nil {
		return nil, fmt.Errorf("%w: no shares of epoch %d here any more", ErrNotReady, epoch)
	}
	if err := b.Fits(pre); err != nil {
		return nil, err
	}
	sreq := &tecdsa.SignRequest{KeyScalar: req.key.s, PublicKey: req.key.pub, Hash: req.hash, RequestID: req.requestID, Signers: b.Signers}
	if b.Plain {
		sreq.Signers = nil
	}
	sh, err := pre.Sign(ks, sreq)
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

func (s *signer) forget(lookup [32]byte, ch chan epochAnswer) {
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

// stepFrame gives the machine of epoch a peer's frame. A frame of a later
// epoch than this node runs — a peer that switched first — waits for the
// switch (within bounds: a peer two epochs ahead, or one sending more
// than maxEarlyPerPeer messages meanwhile, is not waited for); one of an
// epoch whose machine is gone is dropped.
func (s *signer) stepFrame(from uint32, epoch uint64, ins []any) {
	s.mu.Lock()
	defer s.kick()
	defer s.mu.Unlock()
	if mc := s.machine(epoch); mc != nil {
		for _, in := range ins {
			mc.m.Step(in)
		}
		return
	}
	if nw := s.newest(); nw != nil && epoch != nw.epoch+1 {
		return // an epoch this node has left, or one it cannot be about to enter
	}
	if s.earlyHeld[from]+len(ins) > maxEarlyPerPeer {
		s.refused(from)
		return
	}
	if s.earlyHeld == nil {
		s.earlyHeld = map[uint32]int{}
	}
	s.earlyHeld[from] += len(ins)
	s.early = append(s.early, earlyFrame{from: from, epoch: epoch, at: time.Now(), ins: ins})
}

// keepEarly keeps the early frames keep accepts, and each peer's count of
// their messages; s.mu held.
func (s *signer) keepEarly(keep func(f *earlyFrame) bool) {
	kept := s.early[:0]
	if s.earlyHeld == nil {
		s.earlyHeld = map[uint32]int{}
	}
	clear(s.earlyHeld)
	for i := range s.early {
		if f := &s.early[i]; keep(f) {
			kept = append(kept, *f)
			s.earlyHeld[f.from] += len(f.ins)
		}
	}
	clear(s.early[len(kept):])
	s.early = kept
}

func (s *signer) kick() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// addMachine makes the machine of a new epoch the leading one (an epoch
// switch, or the first machine). The machines before it retire: they lead
// nothing more and follow the bindings of nodes that have not switched
// yet. Every waiting request that no machine has bound yet is stepped into
// the new one (this node leads it there if it is its leader; a leader that
// switched binds it there), and frames that came early for the epoch are
// stepped in after them. At most one retired machine is kept: an older one
// is dropped.
func (s *signer) addMachine(epoch uint64, nodes []uint32, t int) error {
	s.mu.Lock()
	if s.machine(epoch) != nil {
		s.mu.Unlock()
		return nil // made already (a joiner's, or at the start)
	}
	if nw := s.newest(); nw != nil && epoch < nw.epoch {
		s.mu.Unlock()
		return fmt.Errorf("node: a signing machine of epoch %d after one of epoch %d", epoch, nw.epoch)
	}
	s.mu.Unlock()
	nodes = slices.Sorted(slices.Values(nodes))
	m, err := s.newM(epoch, nodes, t)
	if err != nil {
		return err
	}
	lead := s.lead()
	live := s.live(nodes)
	m.Step(lead)
	// The clock first: a machine judges a batch's age by it, and an early
	// frame stepped in before its first tick would meet every batch "in
	// this node's future".
	m.Step(signing.Tick{Now: time.Now(), Live: live})
	s.mu.Lock()
	var failed []signing.Answer
	for len(s.ms) >= 2 {
		failed = append(failed, s.dropLocked(s.ms[0].epoch)...)
	}
	for _, mc := range s.ms {
		mc.m.Step(signing.Retire{})
	}
	mc := &epochMachine{epoch: epoch, m: m, nodes: nodes}
	handed, replayed := 0, 0
	for lookup, w := range s.reqs {
		bound := false
		for _, old := range s.ms {
			bound = bound || old.m.Bound(lookup)
		}
		if bound {
			continue // it finishes where it was bound
		}
		in := w.in
		in.Live = live
		m.Step(in)
		w.epochs = append(w.epochs, epoch)
		handed++
	}
	s.ms = append(s.ms, mc)
	s.keepEarly(func(f *earlyFrame) bool {
		if f.epoch == epoch {
			for _, in := range f.ins {
				m.Step(in)
			}
			replayed++
		}
		return f.epoch > epoch
	})
	s.mu.Unlock()
	s.log.Info("signing machine added", "epoch", epoch, "nodes", nodes, "t", t, "requests", handed, "earlyFrames", replayed, "failed", len(failed))
	s.fail(failed)
	s.kick()
	return nil
}

// dropMachine ends the machine of epoch (the grace period is over, or the
// node left): the requests it alone still held fail.
func (s *signer) dropMachine(epoch uint64) {
	s.mu.Lock()
	failed := s.dropLocked(epoch)
	s.mu.Unlock()
	s.fail(failed)
}

// dropLocked removes the machine of epoch and returns the answers of the
// requests no other machine holds; s.mu held.
func (s *signer) dropLocked(epoch uint64) []signing.Answer {
	i := slices.IndexFunc(s.ms, func(mc *epochMachine) bool { return mc.epoch == epoch })
	if i < 0 {
		return nil
	}
	s.ms = slices.Delete(s.ms, i, i+1)
	var out []signing.Answer
	for lookup, w := range s.reqs {
		before := len(w.epochs)
		w.epochs = slices.DeleteFunc(w.epochs, func(e uint64) bool { return e == epoch })
		if before > 0 && len(w.epochs) == 0 {
			out = append(out, signing.Answer{Lookup: lookup, Err: fmt.Errorf("%w: the signing machine of epoch %d ended", ErrNotReady, epoch)})
		}
	}
	return out
}

// fail hands failures to their waiting handlers.
func (s *signer) fail(as []signing.Answer) {
	for _, a := range as {
		s.deliver(0, a)
	}
}

// run is the driver: it ticks the machines and carries out their Ready
// values until ctx ends, then fails the requests still waiting.
func (s *signer) run(ctx context.Context) {
	t := time.NewTicker(tickEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			s.wg.Wait()
			s.mu.Lock()
			waiters := s.waiters
			s.waiters = map[[32]byte][]chan epochAnswer{}
			s.reqs = map[[32]byte]*waitingRequest{}
			s.mu.Unlock()
			for lookup, chans := range waiters {
				for _, ch := range chans {
					ch <- epochAnswer{Answer: signing.Answer{Lookup: lookup, Err: ErrNotReady}}
				}
			}
			return
		case <-s.wake:
		case now := <-t.C:
			lead := s.lead()
			s.mu.Lock()
			for _, mc := range s.ms {
				mc.m.Step(lead)
				mc.m.Step(signing.Tick{Now: now, Live: s.live(mc.nodes)})
			}
			s.keepEarly(func(f *earlyFrame) bool { return now.Sub(f.at) <= earlyTTL })
			s.mu.Unlock()
		}
		s.carryOutAll()
	}
}

// carryOutAll carries out the machines' Ready values until none has any.
func (s *signer) carryOutAll() {
	for {
		s.mu.Lock()
		var mc *epochMachine
		var rd signing.Ready
		for _, m := range s.ms {
			if m.m.HasReady() {
				mc, rd = m, m.m.Ready()
				break
			}
		}
		s.mu.Unlock()
		if mc == nil {
			return
		}
		s.carryOut(mc, &rd)
	}
}

// carryOut does what one Ready of a machine says, in its order.
func (s *signer) carryOut(mc *epochMachine, rd *signing.Ready) {
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
				mc.m.Step(signing.Persisted{Presig: b.Presig, Err: errs[i]})
			}
			s.mu.Unlock()
			s.kick()
		}()
	}
	if len(rd.Send) > 0 {
		for i := range rd.Send {
			rd.Send[i].Epoch = mc.epoch
		}
		s.send(rd.Send)
	}
	for _, a := range rd.Answer {
		s.deliver(mc.epoch, a)
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

// deliver hands a machine's answer to the handlers waiting for it. A
// failure in one machine waits while another may still bind the request.
// A share released with nobody waiting any more is never computed: its
// secrets go.
func (s *signer) deliver(epoch uint64, a signing.Answer) {
	s.mu.Lock()
	if w := s.reqs[a.Lookup]; w != nil && a.Err != nil && epoch != 0 {
		w.epochs = slices.DeleteFunc(w.epochs, func(e uint64) bool { return e == epoch })
		if len(w.epochs) > 0 {
			s.mu.Unlock()
			return
		}
	}
	chans := s.waiters[a.Lookup]
	delete(s.waiters, a.Lookup)
	delete(s.reqs, a.Lookup)
	s.mu.Unlock()
	for _, ch := range chans {
		ch <- epochAnswer{Answer: a, epoch: epoch}
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

// sharesOf is this node's ECDSA share of an epoch: the one in place, or
// the previous epoch's during the grace period; nil otherwise.
func (n *Node) sharesOf(epoch uint64) *tecdsa.KeyShare {
	if st := n.state.Load(); st != nil && st.epoch == epoch {
		return st.ecdsa
	}
	if p := n.prevKeys(epoch); p != nil {
		return p.ecdsa
	}
	return nil
}

// liveOf returns the nodes of a set this node reaches now (itself
// included).
func (n *Node) liveOf(nodes []uint32) []uint32 {
	health := n.peers.Health()
	self := n.view().self
	var out []uint32
	for _, id := range nodes {
		if id == self || health[id].Up {
			out = append(out, id)
		}
	}
	return out
}

// newSigner builds this node's signer with the machine of the shares in
// place (or, before genesis, of the registry's epoch). A joining node gets
// its first machine at its switch.
func (n *Node) newSigner(v *view) (*signer, error) {
	s := &signer{
		waiters: map[[32]byte][]chan epochAnswer{},
		reqs:    map[[32]byte]*waitingRequest{},
		wake:    make(chan struct{}, 1),
		store:   n.store,
		pool:    n.pool,
		send:    n.send.frames,
		keys:    n.sharesOf,
		live:    n.liveOf,
		lead:    func() signing.Leaders { return n.leadSet(n.view()) },
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
	s.newM = func(epoch uint64, nodes []uint32, t int) (*signing.Machine, error) {
		m, err := signing.New(signing.Config{
			Self:        v.self,
			Nodes:       nodes,
			T:           t,
			BindWait:    time.Duration(n.cfg.BindWait),
			EndorseWait: time.Duration(n.cfg.BindWait),
			Floor:       n.signerFloor,
			MaxAge:      maxAge + holderGrace,
			MaxSkew:     batchClockSkew,
			Pool:        poolView{n.pool, epoch},
		})
		if err != nil {
			return nil, fmt.Errorf("node: %w", err)
		}
		return m, nil
	}
	if adv := n.cfg.Adversary; adv != nil {
		s.send = func(msgs []signing.Message) { n.send.frames(adv.adversarySend(v.self, msgs)) }
	}
	switch st := n.state.Load(); {
	case st != nil:
		return s, s.addMachine(st.epoch, st.ecdsa.Parties, st.ecdsa.T)
	case v.member():
		return s, s.addMachine(v.epoch, v.indices, v.t)
	}
	return s, nil
}

// onSign takes a frame of signing messages from a peer.
func (n *Node) onSign(from uint32, body []byte) error {
	if n.signer == nil {
		return ErrNotReady
	}
	epoch, ins, err := signing.DecodeFrame(from, body)
	if err != nil {
		n.metrics.misbehaviour.WithLabelValues(fmt.Sprint(from), "signing").Inc()
		return fmt.Errorf("%w: %v", errPeerRefused, err)
	}
	n.lastSign.Store(time.Now().UnixNano()) // signing is under way: postpone top-ups
	n.signer.stepFrame(from, epoch, ins)
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
	s.mu.Lock()
	if mc := s.newest(); mc != nil {
		mc.m.Step(signing.Refusal{RequestID: requestID, Hash: hash, Key: key, Code: code, Live: s.live(mc.nodes)})
	}
	s.mu.Unlock()
	s.kick()
}
