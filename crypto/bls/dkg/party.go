package dkg

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/drand/kyber"
	bls12381 "github.com/drand/kyber-bls12381"
	"github.com/drand/kyber/share"
	kdkg "github.com/drand/kyber/share/dkg"
	"github.com/drand/kyber/sign"
	"github.com/drand/kyber/sign/schnorr"

	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/mpc"
)

// suite is kyber's BLS12-381 G1 group: the key's group, and the group of the
// long-term keys, ECIES and the Schnorr packet signatures.
var suite = bls12381.NewGroupG1().(kdkg.Suite)

var auth sign.Scheme = schnorr.NewScheme(suite)

// Errors with stable meanings, for errors.Is.
var (
	// ErrConfig: a Config that cannot run (sizes, keys, indices, threshold).
	ErrConfig = errors.New("dkg: invalid config")
	// ErrFailed: the protocol ended without a key (too few valid deals, this node
	// was evicted, or too many parties were silent).
	ErrFailed = errors.New("dkg: failed")
	// ErrNoAgreement: this node's result was not confirmed by enough others, so
	// it may differ from theirs; it must not be used.
	ErrNoAgreement = errors.New("dkg: result not confirmed by a quorum")
	// ErrNotDone: Result called before the party is Done.
	ErrNotDone = errors.New("dkg: not done")
)

// Participant is a node taking part: its index (1..255, stable across epochs) and
// its long-term DKG public key (Identity.PublicKey).
type Participant struct {
	Index uint32
	Key   []byte
}

// Config sets up one node's party. For a fresh DKG fill Self, Identity, Nodes,
// Session (and Threshold to override the default). For a resharing also fill
// OldNodes and OldPoly, and Share if this node holds a share of the old key.
type Config struct {
	Self     uint32        // this node's index
	Identity *Identity     // this node's long-term key; its public half is in the lists
	Nodes    []Participant // the share holders after the protocol
	// Threshold is the new quorum q = 2t+1; 0 means DefaultThreshold(len(Nodes)).
	Threshold int
	// Session is 32 bytes, the same at every node and never used twice (e.g. a
	// hash of the chain id, the epoch and the purpose): every packet is bound to it.
	Session []byte

	OldNodes []Participant   // resharing: the current holders (the dealers)
	OldPoly  *bls.PublicPoly // resharing: the current public polynomial
	Share    *bls.KeyShare   // resharing: this node's current share, if it has one
}

// DefaultThreshold is 2t+1 for n nodes with t = ⌊(n−1)/3⌋.
func DefaultThreshold(n int) int { return 2*((n-1)/3) + 1 }

// Result is what a finished party holds.
type Result struct {
	// Share is this node's new key share; nil for a node that left the
	// committee in a resharing.
	Share *bls.KeyShare
	// Qualified lists, ascending, the nodes kyber counts as qualified: for a
	// fresh DKG the dealers whose polynomials make up the key, for a resharing
	// the new holders that took part correctly.
	Qualified []uint32
}

type round int

const (
	roundDeal round = iota
	roundResponse
	roundJustification
	roundConfirm
	roundDone
)

// packets collects one round's signed packets with their echoes.
type packets struct {
	payload map[uint32][]byte          // origin → first valid packet
	decoded map[uint32]kdkg.Packet     // origin → that packet, decoded
	hash    map[uint32][]byte          // origin → kyber's hash of it
	echoes  map[uint32]map[uint32]bool // origin → who delivered that same packet
	bad     map[uint32]bool            // origins that signed two different packets
}

func newPackets() *packets {
	return &packets{
		payload: map[uint32][]byte{}, decoded: map[uint32]kdkg.Packet{}, hash: map[uint32][]byte{},
		echoes: map[uint32]map[uint32]bool{}, bad: map[uint32]bool{},
	}
}

// Party runs kyber's DKG (or resharing) for one node as an mpc.Party. See the
// package doc for the rounds and the delivery rules.
type Party struct {
	cfg       Config
	kc        *kdkg.Config
	gen       *kdkg.DistKeyGenerator
	threshold int
	all       []uint32 // every participant, old and new, ascending
	dealers   []uint32 // old nodes (fresh DKG: all nodes)
	holders   []uint32 // new nodes
	stayers   []uint32 // dealers that are also holders
	keys      map[uint32]kyber.Point
	isHolder  bool
	isDealer  bool

	round    round
	expiries int // Expire calls so far
	rounds   [roundConfirm]*packets
	confirms map[uint32][]byte
	digest   []byte
	pending  *Result
	result   *Result
	err      error
}

var _ mpc.Party = (*Party)(nil)

// New validates cfg and builds the party.
func New(cfg Config) (*Party, error) {
	p := &Party{cfg: cfg, keys: map[uint32]kyber.Point{}, confirms: map[uint32][]byte{}}
	if cfg.Identity == nil || len(cfg.Session) != sessionSize {
		return nil, fmt.Errorf("%w: need an identity and a %d-byte session", ErrConfig, sessionSize)
	}
	resharing := cfg.OldNodes != nil
	if resharing && cfg.OldPoly == nil {
		return nil, fmt.Errorf("%w: resharing needs the old public polynomial", ErrConfig)
	}
	newNodes, err := p.nodeList(cfg.Nodes)
	if err != nil {
		return nil, err
	}
	p.threshold = cfg.Threshold
	if p.threshold == 0 {
		p.threshold = DefaultThreshold(len(cfg.Nodes))
	}
	if p.threshold < 1 || p.threshold > len(cfg.Nodes) || p.threshold > bls.MaxThreshold {
		return nil, fmt.Errorf("%w: threshold %d for %d nodes", ErrConfig, p.threshold, len(cfg.Nodes))
	}
	kc := &kdkg.Config{
		Suite: suite, Longterm: cfg.Identity.secret, NewNodes: newNodes, Threshold: p.threshold,
		Nonce: slices.Clone(cfg.Session), Auth: auth,
	}
	p.holders = indices(cfg.Nodes)
	p.dealers = p.holders
	if resharing {
		if kc.OldNodes, err = p.nodeList(cfg.OldNodes); err != nil {
			return nil, err
		}
		kc.OldThreshold = cfg.OldPoly.Threshold()
		p.dealers = indices(cfg.OldNodes)
		old := cfg.OldPoly.Bytes()
		for i := 0; i < len(old); i += bls.PublicKeySize {
			pt := suite.Point()
			if err := pt.UnmarshalBinary(old[i : i+bls.PublicKeySize]); err != nil {
				return nil, fmt.Errorf("%w: old polynomial: %v", ErrConfig, err)
			}
			kc.PublicCoeffs = append(kc.PublicCoeffs, pt)
		}
		if cfg.Share != nil {
			if cfg.Share.Index() != cfg.Self || !cfg.Share.PublicPoly().Equal(cfg.OldPoly) || !slices.Contains(p.dealers, cfg.Self) {
				return nil, fmt.Errorf("%w: the share is not this node's share of the old key", ErrConfig)
			}
			s := suite.Scalar()
			if err := s.UnmarshalBinary(cfg.Share.Secret()); err != nil {
				return nil, fmt.Errorf("%w: share", ErrConfig)
			}
			kc.Share = &kdkg.DistKeyShare{Commits: kc.PublicCoeffs, Share: &share.PriShare{I: int(cfg.Self - 1), V: s}}
		} else if slices.Contains(p.dealers, cfg.Self) {
			return nil, fmt.Errorf("%w: an old node needs its share to reshare", ErrConfig)
		}
	}
	p.all = slices.Sorted(func(yield func(uint32) bool) {
		for i := range p.keys {
			if !yield(i) {
				return
			}
		}
	})
	mine, ok := p.keys[cfg.Self]
	if !ok || !mine.Equal(cfg.Identity.public) {
		return nil, fmt.Errorf("%w: node %d is not listed with this identity's key", ErrConfig, cfg.Self)
	}
	for _, d := range p.dealers {
		if slices.Contains(p.holders, d) {
			p.stayers = append(p.stayers, d)
		}
	}
	p.isHolder = slices.Contains(p.holders, cfg.Self)
	p.isDealer = slices.Contains(p.dealers, cfg.Self)
	if p.gen, err = kdkg.NewDistKeyHandler(kc); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	p.kc = kc
	for i := range p.rounds {
		p.rounds[i] = newPackets()
	}
	return p, nil
}

// nodeList converts participants to kyber nodes (index − 1), checking indices,
// keys and that an index names the same key in both lists.
func (p *Party) nodeList(ps []Participant) ([]kdkg.Node, error) {
	if len(ps) == 0 || len(ps) > bls.MaxThreshold {
		return nil, fmt.Errorf("%w: %d nodes", ErrConfig, len(ps))
	}
	out := make([]kdkg.Node, 0, len(ps))
	seen := map[uint32]bool{}
	for _, n := range ps {
		if n.Index == 0 || n.Index > bls.MaxThreshold || seen[n.Index] {
			return nil, fmt.Errorf("%w: index %d", ErrConfig, n.Index)
		}
		seen[n.Index] = true
		if _, err := bls.ParsePublicKey(n.Key); err != nil {
			return nil, fmt.Errorf("%w: key of node %d: %w", ErrConfig, n.Index, err)
		}
		pt := suite.Point()
		if err := pt.UnmarshalBinary(n.Key); err != nil {
			return nil, fmt.Errorf("%w: key of node %d", ErrConfig, n.Index)
		}
		if prev, ok := p.keys[n.Index]; ok && !prev.Equal(pt) {
			return nil, fmt.Errorf("%w: node %d has two keys", ErrConfig, n.Index)
		}
		for i, k := range p.keys {
			if i != n.Index && k.Equal(pt) {
				return nil, fmt.Errorf("%w: nodes %d and %d share a key", ErrConfig, i, n.Index)
			}
		}
		p.keys[n.Index] = pt
		out = append(out, kdkg.Node{Index: n.Index - 1, Public: pt})
	}
	return out, nil
}

func indices(ps []Participant) []uint32 {
	out := make([]uint32, len(ps))
	for i, n := range ps {
		out[i] = n.Index
	}
	slices.Sort(out)
	return out
}

// Start sends this node's deal bundle, if it is a dealer.
func (p *Party) Start() ([]mpc.Message, error) {
	if !p.isDealer {
		return nil, nil
	}
	d, err := p.gen.Deals()
	if err != nil {
		return nil, p.fail(fmt.Errorf("%w: deals: %v", ErrFailed, err))
	}
	return p.sendOwn(roundDeal, encodeDeal(d), d), nil
}

// Done reports whether the party has finished.
func (p *Party) Done() bool { return p.round == roundDone }

// Result returns the outcome once Done.
func (p *Party) Result() (*Result, error) {
	if !p.Done() {
		return nil, ErrNotDone
	}
	return p.result, p.err
}

// Handle takes one message, directly from its origin or relayed. A new valid
// packet is stored and relayed to everyone once. A packet whose origin signed a
// different one for the same round proves that the origin equivocated: both
// are dropped, the conflicting one is relayed so that every honest node sees
// the proof, and Handle returns the relay together with a *mpc.FaultError
// naming the origin (the one case where an error comes with a state change).
// A message that completes a round may also end the protocol with ErrFailed or
// ErrNoAgreement, which Result then returns too.
func (p *Party) Handle(m mpc.Message) ([]mpc.Message, error) {
	if p.Done() {
		return nil, nil
	}
	if _, ok := p.keys[m.From]; !ok || m.From == p.cfg.Self {
		return nil, fmt.Errorf("%w: sender %d is not a participant", mpc.ErrUnexpected, m.From)
	}
	if p.isEcho(m) {
		return p.advance()
	}
	v, err := decode(m.Payload)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", &mpc.FaultError{Party: m.From, Reason: "malformed message"}, err)
	}
	if c, ok := v.(*confirm); ok {
		return p.handleConfirm(m.From, c)
	}
	pkt := v.(kdkg.Packet)
	r, origin := roundOf(pkt), pkt.Index()+1
	if !slices.Contains(p.origins(r), origin) {
		return nil, mpc.Faultf(m.From, "packet from %d, who has no part in that round", origin)
	}
	if r < p.round {
		return nil, nil // a late relay of a round already closed
	}
	set := p.rounds[r]
	if set.bad[origin] {
		return nil, nil
	}
	h := pkt.Hash()
	if prev, ok := set.hash[origin]; ok && bytes.Equal(prev, h) {
		set.echoes[origin][m.From] = true
		return p.advance()
	}
	// Both faults are the deliverer's: an honest relay passes on only packets
	// that passed these checks, and an old packet replayed is not its origin's.
	if !bytes.Equal(pktSession(pkt), p.cfg.Session) {
		return nil, mpc.Faultf(m.From, "packet of %d for another session", origin)
	}
	if err := kdkg.VerifyPacketSignature(p.kc, pkt); err != nil {
		return nil, mpc.Faultf(m.From, "packet of %d: bad signature", origin)
	}
	relay := []mpc.Message{{From: p.cfg.Self, To: mpc.Broadcast, Payload: m.Payload}}
	if _, ok := set.hash[origin]; ok {
		set.bad[origin] = true
		delete(set.payload, origin)
		delete(set.decoded, origin)
		delete(set.hash, origin)
		out, err := p.advance()
		return append(relay, out...), errors.Join(mpc.Faultf(origin, "signed two different packets in one round"), err)
	}
	set.payload[origin], set.decoded[origin], set.hash[origin] = slices.Clone(m.Payload), pkt, h
	set.echoes[origin] = map[uint32]bool{m.From: true}
	out, err := p.advance()
	return append(relay, out...), err
}

// isEcho records m as an echo if it repeats, byte for byte, a packet already
// held: the common case, handled without decoding.
func (p *Party) isEcho(m mpc.Message) bool {
	if len(m.Payload) < 5 || m.Payload[0] < kindDeal || m.Payload[0] > kindJustification {
		return false
	}
	set := p.rounds[m.Payload[0]-kindDeal]
	origin := binary.BigEndian.Uint32(m.Payload[1:5]) + 1
	if held, ok := set.payload[origin]; ok && bytes.Equal(held, m.Payload) {
		set.echoes[origin][m.From] = true
		return true
	}
	return false
}

// Expire marks the end of the next phase of a global schedule: the k-th call is
// the deadline of round k (deals, responses, justifications, confirmations), so
// the node daemon calls it every period from a start time common to all nodes,
// like drand's TimePhaser. A party still in round k closes it with the packets
// that arrived; a party that finished round k early (every packet in and
// echoed) ignores the call, so it does not cut short a later round that slower
// nodes have not reached yet.
func (p *Party) Expire() ([]mpc.Message, error) {
	if p.Done() {
		return nil, nil
	}
	p.expiries++
	if int(p.round) >= p.expiries {
		return nil, nil
	}
	return p.advance()
}

func roundOf(pkt kdkg.Packet) round {
	switch pkt.(type) {
	case *kdkg.DealBundle:
		return roundDeal
	case *kdkg.ResponseBundle:
		return roundResponse
	default:
		return roundJustification
	}
}

func pktSession(pkt kdkg.Packet) []byte {
	switch x := pkt.(type) {
	case *kdkg.DealBundle:
		return x.SessionID
	case *kdkg.ResponseBundle:
		return x.SessionID
	case *kdkg.JustificationBundle:
		return x.SessionID
	}
	return nil
}

// origins are the nodes that send packets in round r. Justifications come from
// the dealers that stay: a leaving dealer stops after dealing.
func (p *Party) origins(r round) []uint32 {
	switch r {
	case roundDeal:
		return p.dealers
	case roundJustification:
		return p.stayers
	default:
		return p.holders
	}
}

// relayers are the nodes expected to pass on round r's packets: everyone for
// deals, the new holders afterwards (nodes leaving stop after the deals).
func (p *Party) relayers(r round) []uint32 {
	if r == roundDeal {
		return p.all
	}
	return p.holders
}

// sendOwn records this node's own packet and returns its broadcast.
func (p *Party) sendOwn(r round, payload []byte, pkt kdkg.Packet) []mpc.Message {
	set, self := p.rounds[r], p.cfg.Self
	set.payload[self], set.decoded[self], set.hash[self] = payload, pkt, pkt.Hash()
	set.echoes[self] = map[uint32]bool{self: true}
	return []mpc.Message{{From: self, To: mpc.Broadcast, Payload: payload}}
}

// complete reports whether every origin of round r has been heard, and every
// relayer has passed on the same packet, so no conflicting packet can still be
// on its way from an honest node.
func (p *Party) complete(r round) bool {
	set := p.rounds[r]
	for _, o := range p.origins(r) {
		if set.bad[o] {
			continue
		}
		e, ok := set.echoes[o]
		if !ok {
			return false
		}
		for _, x := range p.relayers(r) {
			if x != p.cfg.Self && x != o && !e[x] {
				return false
			}
		}
	}
	return true
}

// advance closes rounds while they are complete or past their deadline, and
// returns what the next rounds send.
func (p *Party) advance() ([]mpc.Message, error) {
	var out []mpc.Message
	for !p.Done() {
		forced := int(p.round) < p.expiries
		if p.round == roundConfirm {
			return out, p.checkConfirms(forced)
		}
		if !forced && !p.complete(p.round) {
			return out, nil
		}
		msgs, err := p.close()
		out = append(out, msgs...)
		if err != nil {
			return out, err
		}
	}
	return out, nil
}

// close feeds the current round's packets to kyber and moves on.
func (p *Party) close() ([]mpc.Message, error) {
	set := p.rounds[p.round]
	var pkts []kdkg.Packet
	for _, o := range slices.Sorted(mapKeys(set.decoded)) {
		pkts = append(pkts, set.decoded[o])
	}
	switch p.round {
	case roundDeal:
		p.round = roundResponse
		if !p.isHolder {
			// A node leaving the committee has dealt; kyber v1.3.2 does not let it
			// process responses, so it cannot answer complaints and stops here.
			p.result = &Result{}
			p.round = roundDone
			return nil, nil
		}
		resp, err := p.gen.ProcessDeals(castAll[*kdkg.DealBundle](pkts))
		if err != nil {
			return nil, p.fail(fmt.Errorf("%w: deals: %v", ErrFailed, err))
		}
		if resp == nil {
			// No complaint: say so with an empty bundle, so that the others know
			// this node's responses are complete and need not wait for the deadline.
			resp = &kdkg.ResponseBundle{ShareIndex: p.cfg.Self - 1, SessionID: p.kc.Nonce}
			if resp.Signature, err = auth.Sign(p.cfg.Identity.secret, resp.Hash()); err != nil {
				return nil, p.fail(fmt.Errorf("%w: sign: %v", ErrFailed, err))
			}
		}
		return p.sendOwn(roundResponse, encodeResponse(resp), resp), nil
	case roundResponse:
		p.round = roundJustification
		res, just, err := p.gen.ProcessResponses(castAll[*kdkg.ResponseBundle](pkts))
		if err != nil {
			return nil, p.fail(fmt.Errorf("%w: responses: %v", ErrFailed, err))
		}
		if res != nil {
			return p.finish(res)
		}
		if !p.isDealer {
			return nil, nil
		}
		if just == nil {
			// Every dealer speaks in this round, with an empty bundle if it has
			// nothing to justify, so that the others need not wait for the deadline.
			just = &kdkg.JustificationBundle{DealerIndex: p.cfg.Self - 1, SessionID: p.kc.Nonce}
			if just.Signature, err = auth.Sign(p.cfg.Identity.secret, just.Hash()); err != nil {
				return nil, p.fail(fmt.Errorf("%w: sign: %v", ErrFailed, err))
			}
		}
		return p.sendOwn(roundJustification, encodeJustification(just), just), nil
	default: // roundJustification
		res, err := p.gen.ProcessJustifications(castAll[*kdkg.JustificationBundle](pkts))
		if err != nil {
			return nil, p.fail(fmt.Errorf("%w: justifications: %v", ErrFailed, err))
		}
		return p.finish(res)
	}
}

// finish converts kyber's result and sends the confirmation of it.
func (p *Party) finish(res *kdkg.Result) ([]mpc.Message, error) {
	p.round = roundConfirm
	var commits []byte
	for _, c := range res.Key.Commits {
		b, _ := c.MarshalBinary()
		commits = append(commits, b...)
	}
	poly, err := bls.ParsePublicPoly(commits)
	if err != nil {
		return nil, p.fail(fmt.Errorf("%w: public polynomial: %w", ErrFailed, err))
	}
	secret, _ := res.Key.Share.V.MarshalBinary()
	ks, err := bls.NewKeyShare(p.cfg.Self, secret, poly)
	if err != nil {
		return nil, p.fail(fmt.Errorf("%w: key share: %w", ErrFailed, err))
	}
	r := &Result{Share: ks}
	for _, n := range res.QUAL {
		r.Qualified = append(r.Qualified, n.Index+1)
	}
	slices.Sort(r.Qualified)
	p.pending = r

	h := sha256.New()
	h.Write([]byte("flint-bls-dkg-confirm"))
	h.Write(p.cfg.Session)
	h.Write(commits)
	for _, q := range r.Qualified {
		h.Write(binary.BigEndian.AppendUint32(nil, q))
	}
	c := &confirm{node: p.cfg.Self}
	copy(c.digest[:], h.Sum(nil))
	if c.sig, err = auth.Sign(p.cfg.Identity.secret, c.hash()); err != nil {
		return nil, p.fail(fmt.Errorf("%w: sign: %v", ErrFailed, err))
	}
	p.digest = c.digest[:]
	p.confirms[p.cfg.Self] = p.digest
	return []mpc.Message{{From: p.cfg.Self, To: mpc.Broadcast, Payload: encodeConfirm(c)}}, p.checkConfirms(false)
}

// confirmQuorum is how many holders must confirm the same result: at least the
// threshold, and more than (n + t)/2 so that, with at most t = ⌊(n−1)/3⌋ liars
// confirming both sides, no two different results can both reach it.
func (p *Party) confirmQuorum() int {
	n := len(p.holders)
	return max(p.threshold, (n+(n-1)/3)/2+1)
}

func (p *Party) handleConfirm(from uint32, c *confirm) ([]mpc.Message, error) {
	if c.node != from {
		return nil, mpc.Faultf(from, "confirmation names node %d", c.node) // confirmations are not relayed
	}
	if !slices.Contains(p.holders, from) {
		return nil, mpc.Faultf(from, "confirmation from a node that holds no share")
	}
	if _, ok := p.confirms[from]; ok {
		return nil, nil
	}
	if err := auth.Verify(p.keys[from], c.hash(), c.sig); err != nil {
		return nil, mpc.Faultf(from, "confirmation: bad signature")
	}
	p.confirms[from] = c.digest[:]
	if p.round != roundConfirm {
		return nil, nil // kept until this node has its own result
	}
	err := p.checkConfirms(false)
	if err == nil && p.digest != nil && !bytes.Equal(c.digest[:], p.digest) {
		err = mpc.Faultf(from, "confirmed a different result")
	}
	return nil, err
}

func (p *Party) checkConfirms(expired bool) error {
	same := 0
	for _, d := range p.confirms {
		if bytes.Equal(d, p.digest) {
			same++
		}
	}
	switch {
	case same >= p.confirmQuorum():
		p.result, p.round = p.pending, roundDone
	case expired || len(p.confirms) == len(p.holders):
		return p.fail(fmt.Errorf("%w: %d of %d needed", ErrNoAgreement, same, p.confirmQuorum()))
	}
	return nil
}

func (p *Party) fail(err error) error {
	p.err, p.round, p.result = err, roundDone, nil
	return err
}

func castAll[T any](ps []kdkg.Packet) []T {
	out := make([]T, len(ps))
	for i, x := range ps {
		out[i] = x.(T)
	}
	return out
}

func mapKeys[V any](m map[uint32]V) func(func(uint32) bool) {
	return func(yield func(uint32) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
