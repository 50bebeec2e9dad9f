package tecdsa

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/vss"
)

// Resharing moves the root keys from an old committee (n, t) to a new one
// (n', t') without changing any public key (docs/threshold-ecdsa.md §6); a
// refresh is a resharing to the same committee. The parties are the union of
// both committees; indices name nodes across epochs, so a node in both keeps
// its index.
//
// Rounds, as in the dealing phase of the DKG (deal.go), with old nodes as the
// only dealers and new nodes as the only holders:
//
//  1. deal — every old node i deals, for each root key j, a degree-t'
//     polynomial g_{j,i} with constant term its share x_{j,i}, Feldman
//     committed. It sends each new node its evaluations with the
//     commitments, and each old node that is not a new one the commitments
//     alone (every message travels over the authenticated, encrypted peer
//     transport, whose keys come from the registry).
//  2. verdict — every party checks each deal it holds: the constant terms
//     of the commitments must be the dealer's public shares X_{j,i}, computed
//     from the old commitments (so no dealer can change the key), and a new
//     node's shares must match the commitments. It broadcasts, per dealer,
//     "ok" with a digest of the commitments, "bad" (its shares fail) or
//     "missing". Wrong constant terms are never an accusation: they are
//     public, judged by everyone on the agreed commitments, and an accusation
//     makes the dealer publish what it sent — had the accuser been given
//     wrong old commitments, honest dealers would publish its shares. More
//     than t dealers with wrong constant terms prove the party's own old
//     commitments wrong (ErrOldCommitments): it stops.
//  3. justification — a dealer accused of a bad deal publishes what it sent
//     the accuser; every party checks it against the commitments. One that
//     fails, or a dealer that does not answer, is disqualified.
//  4. decision — the leader proposes the qualified dealers D (commitments
//     that keep the key, every accusation answered, missing at no more than
//     t old and t' new parties) with their commitment digests, and forwards
//     the justifications it used.
//  5. confirmation — every party checks the decision itself: |D| ≥ t+1, only
//     old nodes, and for every dealer in D a deal or public justification
//     it verified with the decision's digest; it computes the new
//     commitments Σ_{i∈D} λ_i^D·G_{j,i} and checks that their constant terms
//     are the old public keys X_j. A new node computes its share
//     x'_{j,k} = Σ_{i∈D} λ_i^D·g_{j,i}(k). Then it broadcasts
//     hash(session ‖ committees ‖ old commitments ‖ D ‖ commitments of D).
//     A party finishes once n − t old and n' − t' new parties (itself
//     included) confirmed that digest.
//
// Why the outcome is safe with t corrupt old and t' corrupt new nodes:
//   - The key cannot change: every dealer in D committed to its own public
//     share, and D has at least t+1 old indices, so Σ λ_i^D·X_{j,i} = X_j —
//     checked again on the combined commitments.
//   - Nobody learns the key: the corrupt parties hold t old shares (degree t)
//     and, of every honest dealer's g_{j,i} (degree t'), t' points; neither
//     reveals anything about the secret.
//   - No split: two sets of n − t old parties share at least n − 2t ≥ t+1
//     old parties, so an honest one, and an honest party confirms one digest
//     only; the same holds in the new committee. The digest covers the old
//     commitments, so a new node that was given wrong ones (it takes them from
//     outside, as the chain only holds the public keys) fails to finish
//     rather than finish with something else.
//   - A newly joined node is one more party: its verdicts, confirmations and
//     (as leader) decisions are checked like anyone's, and it deals nothing.
//
// A new node must store its new share durably before its confirmation
// leaves: once n − t old and n' − t' new nodes confirmed, the old committee
// may erase its shares. ReshareStep says so: persist, then send.

// Message kinds of a resharing; distinct from the dealing phase's.
const (
	kindReshareDeal uint8 = iota + 0x21
	kindReshareVerdict
	kindReshareJustification
	kindReshareDecision
	kindReshareConfirm
)

// ErrTooFewConfirmations: the outcome was not confirmed by n − t old and
// n' − t' new parties in time.
var ErrTooFewConfirmations = errors.New("tecdsa: reshare not confirmed by n − t old and n' − t' new parties")

// ErrOldCommitments: more than t old dealers' constant terms differ from
// the public shares in this party's old commitments. At most t dealers are
// corrupt, so this party's own input is wrong; it stops without accusing
// anyone (an accusation would make honest dealers publish its shares).
var ErrOldCommitments = errors.New("tecdsa: this party's old commitments are not the old committee's")

// ErrPersist: the driver could not store this node's new share, so it does
// not confirm it.
var ErrPersist = errors.New("tecdsa: new key share not persisted")

// ReshareConfig describes a resharing as one party sees it. Every list and
// key comes from the node's own view of the registry and of the old epoch,
// never from another party's message.
type ReshareConfig struct {
	Self uint32
	// Old is the current committee (the dealers), OldT its corruption bound,
	// OldCommitments its public commitments per root key ([j][0] = X_j):
	// an old node's own KeyShare.Commitments (checked); a joining node's from
	// wherever the node gets them — the confirmed digest covers them, so
	// wrong ones make this party fail, never finish with another outcome.
	Old            []uint32
	OldT           int
	OldCommitments []vss.Commitment
	// New is the next committee (the holders), NewT its corruption bound.
	New  []uint32
	NewT int
	// Leader proposes the qualified dealers; any party of either committee.
	Leader uint32
	// Session identifies the run; it is bound into the confirmed digest.
	Session []byte
	// Share is this node's share of the old keys; required exactly when
	// Self is in Old.
	Share *KeyShare
	// Rand is the dealing randomness; nil means crypto/rand.
	Rand io.Reader
}

// ReshareStep is what the driver does after each input, in this order: store
// Persist durably (this node's new key share, pending until the party is
// done), then send Send. If the write fails, the driver reports it with
// PersistFailed and sends nothing of this step. Done says the party
// finished in this step; Result tells how.
type ReshareStep struct {
	Persist *KeyShare
	Send    []mpc.Message
	Done    bool
}

// ReshareResult is a finished resharing at one party.
type ReshareResult struct {
	// Share is this node's share of the unchanged keys in the new committee;
	// nil at an old node that is not in it.
	Share *KeyShare
	// Commitments are the new public commitments per root key; [j][0] is
	// the unchanged public key X_j.
	Commitments []vss.Commitment
	// Qualified are the old nodes whose deals make the new shares.
	Qualified []uint32
	// Digest is the confirmed hash of the outcome.
	Digest [32]byte
}

// rdeal is one dealer's deal (or justification) as a party holds it.
type rdeal struct {
	raw     []byte
	commits []secp.Point  // RootKeys × (t'+1), affine
	shares  []secp.Scalar // RootKeys, for a new recipient; nil otherwise
	digest  [32]byte      // of the commitments
	checked bool          // verified at this party
	bad     bool          // its shares fail its commitments (an accusation)
	keyBad  bool          // its constant terms are not the dealer's public shares (public)
}

type rdecision struct {
	raw       []byte
	qualified []uint32
	digests   map[uint32][32]byte
	forwarded map[uint32]*rdeal
}

// Reshare is one party of a resharing. It is a pure state machine; Party
// adapts it to crypto/mpc.Party for node/session's driver.
type Reshare struct {
	cfg          ReshareConfig
	all          []uint32 // Old ∪ New, increasing
	isOld, isNew bool
	rng          *rand.Rand
	oldDigest    [32]byte
	pubShares    map[uint32][]secp.Point // dealer → X_{j,i}

	sent        map[uint32][]byte
	deals       map[uint32]*rdeal
	verdictSent bool
	verdicts    map[uint32]*verdict // status by position in Old
	justs       map[uint32]map[uint32]*rdeal
	justBad     map[uint32]bool
	answered    map[uint32]bool
	decisionRaw []byte
	early       *rdecision
	waited      int
	confirms    map[uint32][32]byte
	confirmSent bool

	qualified []uint32
	decDigest [32]byte
	newCommit []vss.Commitment
	newShare  *KeyShare
	faults    []error
	keyFaults []error // dealers whose constant terms fail, unless this party's input is wrong
	failed    error
	result    *ReshareResult
}

// NewReshare validates cfg and returns the party.
func NewReshare(cfg ReshareConfig) (*Reshare, error) {
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	seed, err := secp.RandomScalar(nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrRandomness, err)
	}
	r := &Reshare{
		cfg:       cfg,
		all:       union(cfg.Old, cfg.New),
		isOld:     slices.Contains(cfg.Old, cfg.Self),
		isNew:     slices.Contains(cfg.New, cfg.Self),
		rng:       rand.New(rand.NewChaCha8(seed.Bytes())),
		pubShares: map[uint32][]secp.Point{},
		sent:      map[uint32][]byte{},
		deals:     map[uint32]*rdeal{},
		verdicts:  map[uint32]*verdict{},
		justs:     map[uint32]map[uint32]*rdeal{},
		justBad:   map[uint32]bool{},
		answered:  map[uint32]bool{},
		confirms:  map[uint32][32]byte{},
	}
	w := writer{}
	for _, c := range cfg.OldCommitments {
		for l := range c {
			w.point(&c[l])
		}
	}
	r.oldDigest = sha256.Sum256(w.b)
	return r, nil
}

func (c *ReshareConfig) validate() error {
	for _, side := range []struct {
		name    string
		parties []uint32
		t       int
	}{{"old", c.Old, c.OldT}, {"new", c.New, c.NewT}} {
		p := Params{Parties: side.parties, T: side.t, Session: c.Session}.withSelf()
		if err := p.validate(); err != nil {
			return fmt.Errorf("%s committee: %w", side.name, err)
		}
		if len(side.parties) < 3*side.t+1 {
			return fmt.Errorf("%w: %s committee: t=%d with %d parties (need n ≥ 3t+1)", ErrParams, side.name, side.t, len(side.parties))
		}
	}
	all := union(c.Old, c.New)
	if !slices.Contains(all, c.Self) {
		return fmt.Errorf("%w: self %d is in neither committee", ErrParams, c.Self)
	}
	if !slices.Contains(all, c.Leader) {
		return fmt.Errorf("%w: leader %d is in neither committee", ErrParams, c.Leader)
	}
	if len(c.OldCommitments) != RootKeys {
		return fmt.Errorf("%w: %d old commitments, want %d", ErrParams, len(c.OldCommitments), RootKeys)
	}
	for j, cm := range c.OldCommitments {
		if len(cm) != c.OldT+1 {
			return fmt.Errorf("%w: old commitment %d has %d points, want t+1 = %d", ErrParams, j, len(cm), c.OldT+1)
		}
		for l := range cm {
			if secp.IsInfinity(&cm[l]) || !cm[l].Z.IsOne() {
				return fmt.Errorf("%w: old commitment %d is not affine", ErrParams, j)
			}
		}
	}
	old := slices.Contains(c.Old, c.Self)
	switch {
	case old && c.Share == nil:
		return fmt.Errorf("%w: an old node needs its share to reshare", ErrParams)
	case !old && c.Share != nil:
		return fmt.Errorf("%w: a node outside the old committee has no share to reshare", ErrParams)
	case old:
		s := c.Share
		if err := s.Validate(); err != nil {
			return fmt.Errorf("%w: %v", ErrParams, err)
		}
		if s.Index != c.Self || !slices.Equal(s.Parties, c.Old) || s.T != c.OldT || len(s.Secrets) != RootKeys {
			return fmt.Errorf("%w: the share is not this node's share in the old committee", ErrParams)
		}
		for j := range s.Commitments {
			for l := range s.Commitments[j] {
				if !secp.Equal(&s.Commitments[j][l], &c.OldCommitments[j][l]) {
					return fmt.Errorf("%w: the share's commitments are not the old committee's", ErrParams)
				}
			}
		}
	}
	return nil
}

// withSelf makes a Params whose Self and Leader are its first party, for
// validating a committee's shape alone.
func (p Params) withSelf() Params {
	if len(p.Parties) > 0 {
		p.Self, p.Leader = p.Parties[0], p.Parties[0]
	}
	return p
}

func union(a, b []uint32) []uint32 {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

func (r *Reshare) commitLen() int { return RootKeys * (r.cfg.NewT + 1) }

// bodyLen is the size of what a dealer sends to party to.
func (r *Reshare) bodyLen(to uint32) int {
	n := r.commitLen() * secp.PointSize
	if slices.Contains(r.cfg.New, to) {
		n += RootKeys * secp.ScalarSize
	}
	return n
}

func (r *Reshare) fault(party uint32, format string, args ...any) {
	r.faults = append(r.faults, mpc.Faultf(party, format, args...))
}

// Faults lists the misbehaviour this party observed, each a *mpc.FaultError.
func (r *Reshare) Faults() []error {
	if errors.Is(r.failed, ErrOldCommitments) {
		return r.faults
	}
	return append(slices.Clone(r.faults), r.keyFaults...)
}

// Qualified returns the dealers of the decision this party applied.
func (r *Reshare) Qualified() []uint32 { return r.qualified }

// Done reports whether the party has finished.
func (r *Reshare) Done() bool { return r.result != nil || r.failed != nil }

// Result returns the outcome, or why the resharing failed at this party.
func (r *Reshare) Result() (*ReshareResult, error) {
	if !r.Done() {
		return nil, errors.New("tecdsa: reshare still running")
	}
	return r.result, r.failed
}

// Start deals this party's polynomials when it is an old node.
func (r *Reshare) Start() (ReshareStep, error) {
	if !r.isOld {
		return ReshareStep{}, nil
	}
	t := r.cfg.NewT
	polys := make([]vss.Polynomial, RootKeys)
	coefs := make([]secp.Scalar, 0, r.commitLen())
	for j := range polys {
		p, err := vss.Random(&r.cfg.Share.Secrets[j], t, r.cfg.Rand)
		if err != nil {
			r.failed = fmt.Errorf("%w: %v", ErrRandomness, err)
			return ReshareStep{Done: true}, r.failed
		}
		polys[j] = p
		coefs = append(coefs, p...)
	}
	commits := secp.BatchBaseMult(coefs)
	cw := writer{b: make([]byte, 0, len(commits)*secp.PointSize)}
	for i := range commits {
		cw.point(&commits[i])
	}
	var out []mpc.Message
	for _, k := range r.all {
		body := writer{b: make([]byte, 0, 1+r.bodyLen(k))}
		body.u8(kindReshareDeal)
		body.raw(cw.b)
		var shares []secp.Scalar
		if slices.Contains(r.cfg.New, k) {
			shares = make([]secp.Scalar, RootKeys)
			for j, p := range polys {
				shares[j] = p.Eval(k)
				body.scalar(&shares[j])
			}
		}
		r.sent[k] = body.b[1:]
		if k == r.cfg.Self {
			r.deals[k] = &rdeal{raw: body.b[1:], commits: commits, shares: shares, digest: sha256.Sum256(cw.b), checked: true}
			continue
		}
		out = append(out, mpc.Message{From: r.cfg.Self, To: k, Payload: body.b})
	}
	return ReshareStep{Send: out}, nil
}

// Handle processes one message.
func (r *Reshare) Handle(m mpc.Message) (ReshareStep, error) {
	if r.Done() {
		return ReshareStep{}, nil
	}
	if !slices.Contains(r.all, m.From) || m.From == r.cfg.Self {
		return ReshareStep{}, fmt.Errorf("%w: sender %d is not another party of the resharing", mpc.ErrUnexpected, m.From)
	}
	if m.To != mpc.Broadcast && m.To != r.cfg.Self {
		return ReshareStep{}, fmt.Errorf("%w: message for %d delivered to %d", mpc.ErrUnexpected, m.To, r.cfg.Self)
	}
	if len(m.Payload) == 0 {
		return ReshareStep{}, mpc.Faultf(m.From, "empty message")
	}
	var out []mpc.Message
	var err error
	switch m.Payload[0] {
	case kindReshareDeal:
		out, err = r.onDeal(m)
	case kindReshareVerdict:
		out, err = r.onVerdict(m)
	case kindReshareJustification:
		out, err = r.onJustification(m)
	case kindReshareDecision:
		err = r.onDecision(m)
	case kindReshareConfirm:
		err = r.onConfirm(m)
	default:
		return ReshareStep{}, mpc.Faultf(m.From, "message kind %d is not part of a resharing", m.Payload[0])
	}
	return r.step(out), err
}

// Expire moves the resharing on when a round's deadline passes.
func (r *Reshare) Expire() (ReshareStep, error) {
	if r.Done() {
		return ReshareStep{}, nil
	}
	var out []mpc.Message
	switch {
	case !r.verdictSent:
		out = r.sendVerdict()
	case r.qualified == nil && r.cfg.Self == r.cfg.Leader && r.decisionRaw == nil:
		out = r.decide()
	case r.qualified == nil:
		if r.waited++; r.waited >= patience {
			r.failed = ErrNoDecision
		}
	default:
		if r.waited++; r.waited >= patience {
			r.failed = fmt.Errorf("%w: other outcomes confirmed by %v", ErrTooFewConfirmations, r.otherConfirmers())
		}
	}
	return r.step(out), nil
}

// PersistFailed tells the party that the driver could not store the share of
// the last step: it does not confirm and fails.
func (r *Reshare) PersistFailed(err error) ReshareStep {
	// The step that asked for the write may also have finished the party
	// (every other confirmation was in): an unstored share is no result.
	r.result = nil
	r.failed = fmt.Errorf("%w: %v", ErrPersist, err)
	return ReshareStep{Done: true}
}

// step adds this party's confirmation (with the share to persist first) once
// it has applied a decision, and finishes once the outcome is confirmed.
func (r *Reshare) step(out []mpc.Message) ReshareStep {
	st := ReshareStep{Send: out}
	if r.qualified != nil && !r.confirmSent && r.failed == nil {
		r.confirmSent = true
		r.confirms[r.cfg.Self] = r.decDigest
		st.Persist = r.newShare
		st.Send = append(st.Send, mpc.Message{From: r.cfg.Self, To: mpc.Broadcast, Payload: append([]byte{kindReshareConfirm}, r.decDigest[:]...)})
	}
	if r.failed == nil && r.result == nil && r.confirmed() {
		r.result = &ReshareResult{Share: r.newShare, Commitments: r.newCommit, Qualified: r.qualified, Digest: r.decDigest}
	}
	st.Done = r.Done()
	return st
}

func (r *Reshare) onDeal(m mpc.Message) ([]mpc.Message, error) {
	if !slices.Contains(r.cfg.Old, m.From) {
		return nil, mpc.Faultf(m.From, "dealt but is not in the old committee")
	}
	if m.To != r.cfg.Self {
		return nil, mpc.Faultf(m.From, "broadcast a deal")
	}
	body := m.Payload[1:]
	if prev, ok := r.deals[m.From]; ok {
		if bytes.Equal(prev.raw, body) {
			return nil, nil
		}
		return nil, mpc.Faultf(m.From, "sent two different deals")
	}
	if r.qualified != nil {
		return nil, fmt.Errorf("%w: deal from %d after the decision", mpc.ErrUnexpected, m.From)
	}
	dl, err := r.parseBody(body, r.cfg.Self)
	if err != nil {
		return nil, &mpc.FaultError{Party: m.From, Reason: err.Error()}
	}
	r.deals[m.From] = dl
	if !r.verdictSent && r.haveAllDeals() {
		return r.sendVerdict(), nil
	}
	return nil, nil
}

func (r *Reshare) haveAllDeals() bool {
	for _, id := range r.cfg.Old {
		if _, ok := r.deals[id]; !ok {
			return false
		}
	}
	return true
}

// parseBody decodes what a dealer sent to party to: commitments, and shares
// when to is a new node.
func (r *Reshare) parseBody(body []byte, to uint32) (*rdeal, error) {
	if len(body) != r.bodyLen(to) {
		return nil, fmt.Errorf("%w: deal of %d bytes, want %d", ErrEncoding, len(body), r.bodyLen(to))
	}
	rd := reader{b: body}
	dl := &rdeal{raw: bytes.Clone(body), commits: make([]secp.Point, r.commitLen())}
	for i := range dl.commits {
		dl.commits[i] = rd.point()
	}
	if slices.Contains(r.cfg.New, to) {
		dl.shares = make([]secp.Scalar, RootKeys)
		for j := range dl.shares {
			dl.shares[j] = rd.scalar()
		}
	}
	if err := rd.done(); err != nil {
		return nil, err
	}
	dl.digest = sha256.Sum256(body[:r.commitLen()*secp.PointSize])
	return dl, nil
}

// publicShares returns X_{j,i} = C_j(i) for old dealer i, from the old
// commitments.
func (r *Reshare) publicShares(i uint32) []secp.Point {
	if ps, ok := r.pubShares[i]; ok {
		return ps
	}
	ps := make([]secp.Point, RootKeys)
	for j, c := range r.cfg.OldCommitments {
		ps[j] = c.Eval(i)
	}
	secp.BatchToAffine(ps)
	r.pubShares[i] = ps
	return ps
}

// keepsKey reports whether the dealer's commitments have its public shares
// as constant terms: the dealer reshares exactly its share of each key.
func (r *Reshare) keepsKey(dealer uint32, dl *rdeal) bool {
	ps := r.publicShares(dealer)
	for j := range ps {
		if !secp.Equal(&dl.commits[j*(r.cfg.NewT+1)], &ps[j]) {
			return false
		}
	}
	return true
}

// sharesCheck verifies, with random 64-bit weights ρ_{i,j}, that the shares
// of deals evaluate at x to their commitments:
// Σ ρ_{i,j}·s_{j,i}·G = Σ_l x^l·Σ ρ_{i,j}·G_{j,i,l} — one short MSM per
// coefficient column.
func (r *Reshare) sharesCheck(deals []*rdeal, x uint32) bool {
	tp := r.cfg.NewT
	rho := make([]secp.Scalar, 0, len(deals)*RootKeys)
	var lhs secp.Scalar
	for _, dl := range deals {
		for j := 0; j < RootKeys; j++ {
			w := randomWeight(r.rng)
			var t secp.Scalar
			t.Mul2(&w, &dl.shares[j])
			lhs.Add(&t)
			rho = append(rho, w)
		}
	}
	column := make([]secp.Point, len(rho))
	var rhs secp.Point
	for l := tp; l >= 0; l-- {
		for k, dl := range deals {
			for j := 0; j < RootKeys; j++ {
				column[k*RootKeys+j] = dl.commits[j*(tp+1)+l]
			}
		}
		m := secp.MultiScalarMult(rho, column)
		rhs = vss.MulSmall(&rhs, x)
		secp.Add(&rhs, &m, &rhs)
	}
	want := secp.BaseMult(&lhs)
	return secp.Equal(&want, &rhs)
}

// checkShares checks the shares of a deal (or justification) for party to
// against its commitments; a deal for an old node that is not a new one has
// none.
func (r *Reshare) checkShares(dl *rdeal, to uint32) bool {
	return dl.shares == nil || r.sharesCheck([]*rdeal{dl}, to)
}

// checkKey checks a deal's constant terms against the dealer's public
// shares. A failure is public — anyone holding commitments with that digest
// sees it — so it is never an accusation, which would make the dealer
// publish what it sent: if this party's old commitments were wrong, honest
// dealers would publish its shares. More than t failures prove exactly
// that (at most t dealers are corrupt), and the party stops.
func (r *Reshare) checkKey(id uint32, dl *rdeal) {
	if r.keepsKey(id, dl) {
		return
	}
	dl.keyBad = true
	r.keyFaults = append(r.keyFaults, mpc.Faultf(id, "dealt commitments whose constant terms are not its public shares"))
	if len(r.keyFaults) > r.cfg.OldT && r.failed == nil {
		r.failed = ErrOldCommitments
	}
}

// verify checks the deals at hand: constant terms one by one, shares all
// together and, only when that fails, one by one to find the bad ones.
func (r *Reshare) verify() {
	var withShares []*rdeal
	var ids []uint32
	for _, id := range r.cfg.Old {
		dl, ok := r.deals[id]
		if !ok || dl.checked {
			continue
		}
		dl.checked = true
		r.checkKey(id, dl)
		if dl.shares != nil {
			withShares = append(withShares, dl)
			ids = append(ids, id)
		}
	}
	if len(withShares) == 0 || r.sharesCheck(withShares, r.cfg.Self) {
		return
	}
	for k, dl := range withShares {
		if !r.sharesCheck([]*rdeal{dl}, r.cfg.Self) {
			dl.bad = true
			r.fault(ids[k], "deal fails its commitments")
		}
	}
}

// sendVerdict verifies the deals at hand and broadcasts the verdict.
func (r *Reshare) sendVerdict() []mpc.Message {
	r.verify()
	if r.failed != nil {
		return nil
	}
	v := &verdict{status: make([]uint8, len(r.cfg.Old)), digest: make([][32]byte, len(r.cfg.Old))}
	w := writer{}
	w.u8(kindReshareVerdict)
	for k, id := range r.cfg.Old {
		dl, ok := r.deals[id]
		switch {
		case !ok:
			v.status[k] = verdictMissing
		case dl.bad:
			v.status[k] = verdictBad
		default:
			v.status[k] = verdictOK
			v.digest[k] = dl.digest
		}
		w.u8(v.status[k])
		if v.status[k] == verdictOK {
			w.raw(v.digest[k][:])
		}
	}
	r.verdictSent = true
	r.verdicts[r.cfg.Self] = v
	out := []mpc.Message{{From: r.cfg.Self, To: mpc.Broadcast, Payload: w.b}}
	if r.early != nil {
		r.applyDecision(r.early)
		r.early = nil
		return out
	}
	return append(out, r.tryDecide()...)
}

func (r *Reshare) onVerdict(m mpc.Message) ([]mpc.Message, error) {
	if _, ok := r.verdicts[m.From]; ok {
		return nil, fmt.Errorf("%w: second verdict from %d", mpc.ErrUnexpected, m.From)
	}
	rd := reader{b: m.Payload[1:]}
	v := &verdict{status: make([]uint8, len(r.cfg.Old)), digest: make([][32]byte, len(r.cfg.Old))}
	for k := range v.status {
		v.status[k] = rd.u8()
		switch v.status[k] {
		case verdictOK:
			copy(v.digest[k][:], rd.take(32))
		case verdictBad, verdictMissing:
		default:
			rd.fail("verdict status %d", v.status[k])
		}
	}
	if err := rd.done(); err != nil {
		return nil, &mpc.FaultError{Party: m.From, Reason: err.Error()}
	}
	if k := slices.Index(r.cfg.Old, m.From); k >= 0 && v.status[k] != verdictOK {
		return nil, mpc.Faultf(m.From, "verdict accuses its sender's own deal")
	}
	r.verdicts[m.From] = v
	var out []mpc.Message
	if k := slices.Index(r.cfg.Old, r.cfg.Self); k >= 0 && v.status[k] == verdictBad && !r.answered[m.From] {
		// Answer in public. What is revealed is what the accuser already
		// holds (an honest accuser never accuses an honest dealer).
		r.answered[m.From] = true
		w := writer{}
		w.u8(kindReshareJustification)
		w.u16(uint16(m.From))
		w.raw(r.sent[m.From])
		out = append(out, mpc.Message{From: r.cfg.Self, To: mpc.Broadcast, Payload: w.b})
	}
	return append(out, r.tryDecide()...), nil
}

func (r *Reshare) onJustification(m mpc.Message) ([]mpc.Message, error) {
	if !slices.Contains(r.cfg.Old, m.From) {
		return nil, mpc.Faultf(m.From, "sent a justification but is not in the old committee")
	}
	rd := reader{b: m.Payload[1:]}
	accuser := uint32(rd.u16())
	if rd.err == nil && (!slices.Contains(r.all, accuser) || accuser == m.From) {
		return nil, mpc.Faultf(m.From, "justification for party %d", accuser)
	}
	body := rd.take(r.bodyLen(accuser))
	if err := rd.done(); err != nil {
		return nil, &mpc.FaultError{Party: m.From, Reason: err.Error()}
	}
	if _, ok := r.justs[m.From][accuser]; ok || r.justBad[m.From] {
		return nil, fmt.Errorf("%w: second justification from %d for %d", mpc.ErrUnexpected, m.From, accuser)
	}
	jd, err := r.parseBody(body, accuser)
	if err != nil {
		return nil, &mpc.FaultError{Party: m.From, Reason: err.Error()}
	}
	if !r.checkShares(jd, accuser) {
		r.justBad[m.From] = true
		err := mpc.Faultf(m.From, "justification for party %d fails the checks", accuser)
		r.faults = append(r.faults, err)
		return r.tryDecide(), err
	}
	if r.justs[m.From] == nil {
		r.justs[m.From] = map[uint32]*rdeal{}
	}
	r.justs[m.From][accuser] = jd
	return r.tryDecide(), nil
}

// tryDecide lets the leader decide once every verdict is in and every
// accusation has been answered.
func (r *Reshare) tryDecide() []mpc.Message {
	if r.cfg.Self != r.cfg.Leader || !r.verdictSent || r.decisionRaw != nil || len(r.verdicts) < len(r.all) {
		return nil
	}
	for accuser, v := range r.verdicts {
		for k, st := range v.status {
			dealer := r.cfg.Old[k]
			if st == verdictBad && !r.justBad[dealer] {
				if _, ok := r.justs[dealer][accuser]; !ok {
					return nil
				}
			}
		}
	}
	return r.decide()
}

// decide applies the leader's rule: a dealer is in D when the leader holds
// commitments of it that keep the key, every "ok" verdict carries their
// digest, every "bad" verdict is answered by a justification with that
// digest that checks, and at most t old and t' new parties lack the deal.
func (r *Reshare) decide() []mpc.Message {
	type fwd struct {
		dealer, accuser uint32
		body            []byte
	}
	var qualified []uint32
	var forward []fwd
	digests := map[uint32][32]byte{}
	for k, dealer := range r.cfg.Old {
		cm, held := r.deals[dealer]
		if !held {
			for _, jd := range r.justs[dealer] {
				cm, held = jd, true
				break
			}
		}
		if !held || !r.keepsKey(dealer, cm) {
			continue // no commitments, or ones that would change the key
		}
		digest := cm.digest
		ok := !r.justBad[dealer]
		missingOld, missingNew := 0, 0
		var answers []fwd
		for accuser, v := range r.verdicts {
			lacks := false
			switch v.status[k] {
			case verdictOK:
				lacks = v.digest[k] != digest
			case verdictMissing:
				lacks = true
			case verdictBad:
				jd, answered := r.justs[dealer][accuser]
				if !answered || jd.digest != digest {
					ok = false
				} else {
					answers = append(answers, fwd{dealer, accuser, jd.raw})
				}
			}
			if lacks && slices.Contains(r.cfg.Old, accuser) {
				missingOld++
			}
			if lacks && slices.Contains(r.cfg.New, accuser) {
				missingNew++
			}
		}
		if missingOld > r.cfg.OldT || missingNew > r.cfg.NewT {
			ok = false
		}
		if ok {
			qualified = append(qualified, dealer)
			digests[dealer] = digest
			forward = append(forward, answers...)
		}
	}
	if len(qualified) < r.cfg.OldT+1 {
		qualified, forward = nil, nil
	}
	slices.SortFunc(forward, func(a, b fwd) int {
		if a.dealer != b.dealer {
			return int(a.dealer) - int(b.dealer)
		}
		return int(a.accuser) - int(b.accuser)
	})
	w := writer{}
	w.u8(kindReshareDecision)
	w.indices(qualified)
	for _, id := range qualified {
		dg := digests[id]
		w.raw(dg[:])
	}
	w.u16(uint16(len(forward)))
	for _, f := range forward {
		w.u16(uint16(f.dealer))
		w.u16(uint16(f.accuser))
		w.raw(f.body)
	}
	dec, err := r.parseDecision(w.b[1:])
	if err != nil { // our own encoding
		r.failed = err
		return nil
	}
	r.applyDecision(dec)
	return []mpc.Message{{From: r.cfg.Self, To: mpc.Broadcast, Payload: w.b}}
}

func (r *Reshare) onDecision(m mpc.Message) error {
	if m.From != r.cfg.Leader {
		return mpc.Faultf(m.From, "sent a decision but is not the leader")
	}
	body := m.Payload[1:]
	prev := r.decisionRaw
	if r.early != nil {
		prev = r.early.raw
	}
	if prev != nil {
		if bytes.Equal(prev, body) {
			return nil
		}
		return mpc.Faultf(m.From, "sent two different decisions")
	}
	dec, err := r.parseDecision(body)
	if err != nil {
		return err
	}
	if !r.verdictSent {
		r.early = dec // deals may still be in flight
		return nil
	}
	r.applyDecision(dec)
	return nil
}

// parseDecision decodes a decision without changing state.
func (r *Reshare) parseDecision(body []byte) (*rdecision, error) {
	rd := reader{b: body}
	dec := &rdecision{raw: bytes.Clone(body), digests: map[uint32][32]byte{}, forwarded: map[uint32]*rdeal{}}
	dec.qualified = rd.indices(len(r.cfg.Old))
	for _, id := range dec.qualified {
		if rd.err == nil && !slices.Contains(r.cfg.Old, id) {
			rd.fail("qualified dealer %d is not in the old committee", id)
		}
		var dg [32]byte
		copy(dg[:], rd.take(32))
		dec.digests[id] = dg
	}
	nf := rd.count(len(r.cfg.Old) * len(r.all))
	for i := 0; i < nf && rd.err == nil; i++ {
		dealer, accuser := uint32(rd.u16()), uint32(rd.u16())
		if _, ok := dec.digests[dealer]; rd.err == nil && (!ok || !slices.Contains(r.all, accuser)) {
			rd.fail("forwarded justification of %d for %d", dealer, accuser)
			break
		}
		jbody := rd.take(r.bodyLen(accuser))
		if rd.err == nil && accuser == r.cfg.Self {
			jd, err := r.parseBody(jbody, accuser)
			if err != nil {
				rd.fail("forwarded justification: %v", err)
				break
			}
			dec.forwarded[dealer] = jd
		}
	}
	if err := rd.done(); err != nil {
		return nil, &mpc.FaultError{Party: r.cfg.Leader, Reason: "decision: " + err.Error()}
	}
	return dec, nil
}

// applyDecision checks the leader's decision as every party must (§1, §6)
// and computes the outcome, or records why this party cannot use it.
func (r *Reshare) applyDecision(dec *rdecision) {
	r.decisionRaw = dec.raw
	q := dec.qualified
	switch {
	case len(q) == 0:
		r.failed = ErrTooFewDealers
		return
	case len(q) < r.cfg.OldT+1:
		r.fault(r.cfg.Leader, "decided on %d dealers, fewer than t+1 = %d", len(q), r.cfg.OldT+1)
		r.failed = fmt.Errorf("%w: %d qualified dealers, at least %d needed", ErrBadDecision, len(q), r.cfg.OldT+1)
		return
	}
	deals := make([]*rdeal, len(q))
	for k, id := range q {
		dl := r.deals[id]
		if dl != nil && !dl.checked { // a deal that came after our verdict
			dl.checked = true
			if r.checkKey(id, dl); r.failed != nil {
				return
			}
			if dl.bad = !r.checkShares(dl, r.cfg.Self); dl.bad {
				r.fault(id, "deal fails its commitments")
			}
		}
		if jd, ok := dec.forwarded[id]; ok && dl != nil && dl.bad {
			if !r.checkShares(jd, r.cfg.Self) || jd.digest != dec.digests[id] {
				r.fault(r.cfg.Leader, "forwarded a justification of dealer %d that fails its check", id)
				r.failed = fmt.Errorf("%w: dealer %d's forwarded justification is bad", ErrDroppedOut, id)
				return
			}
			dl = jd
		} else {
			switch {
			case dl == nil:
				r.failed = fmt.Errorf("%w: no deal from qualified dealer %d", ErrDroppedOut, id)
			case dl.digest != dec.digests[id]:
				r.failed = fmt.Errorf("%w: dealer %d's commitments differ from the leader's", ErrDroppedOut, id)
			case dl.bad:
				r.failed = fmt.Errorf("%w: dealer %d's deal is bad and unanswered", ErrDroppedOut, id)
			}
			if r.failed != nil {
				return
			}
		}
		if !r.keepsKey(id, dl) {
			// The leader holds these commitments (same digest) and had to
			// make this public check itself.
			r.fault(r.cfg.Leader, "qualified dealer %d, whose constant terms are not its public shares", id)
			r.failed = fmt.Errorf("%w: dealer %d would change the key", ErrBadDecision, id)
			return
		}
		deals[k] = dl
	}
	lambda, err := vss.Lagrange(q, 0)
	if err != nil {
		r.failed = err
		return
	}
	tp := r.cfg.NewT
	commits := make([]vss.Commitment, RootKeys)
	column := make([]secp.Point, len(q))
	for j := range commits {
		commits[j] = make(vss.Commitment, tp+1)
		for l := range commits[j] {
			for k, dl := range deals {
				column[k] = dl.commits[j*(tp+1)+l]
			}
			commits[j][l] = secp.MultiScalarMult(lambda, column)
		}
		secp.BatchToAffine(commits[j])
		// Implied by every dealer's constant term and |D| ≥ t+1; checked
		// again because nothing else stands between a bug and a new key.
		if !secp.Equal(&commits[j][0], &r.cfg.OldCommitments[j][0]) {
			r.failed = fmt.Errorf("%w: root key %d would change", ErrKeyShare, j)
			return
		}
	}
	if r.isNew {
		secrets := make([]secp.Scalar, RootKeys)
		for j := range secrets {
			for k, dl := range deals {
				var t secp.Scalar
				t.Mul2(&lambda[k], &dl.shares[j])
				secrets[j].Add(&t)
			}
		}
		ks := &KeyShare{Index: r.cfg.Self, Parties: slices.Clone(r.cfg.New), T: tp, Secrets: secrets, Commitments: commits}
		if err := ks.Validate(); err != nil {
			r.failed = fmt.Errorf("%w: %v", ErrDroppedOut, err)
			return
		}
		r.newShare = ks
	}
	r.newCommit = commits
	r.decDigest = r.digest(q, dec.digests)
	r.qualified = q
	r.waited = 0
}

// digest is hash(session ‖ old committee, t ‖ new committee, t' ‖ old
// commitments ‖ D ‖ the digest of each qualified dealer's commitments).
func (r *Reshare) digest(q []uint32, digests map[uint32][32]byte) [32]byte {
	w := writer{}
	w.raw([]byte("flint/tecdsa/reshare"))
	w.bytes(r.cfg.Session)
	w.indices(r.cfg.Old)
	w.u16(uint16(r.cfg.OldT))
	w.indices(r.cfg.New)
	w.u16(uint16(r.cfg.NewT))
	w.raw(r.oldDigest[:])
	w.indices(q)
	for _, id := range q {
		dg := digests[id]
		w.raw(dg[:])
	}
	return sha256.Sum256(w.b)
}

func (r *Reshare) onConfirm(m mpc.Message) error {
	if len(m.Payload) != 33 {
		return mpc.Faultf(m.From, "confirmation of %d bytes", len(m.Payload))
	}
	dg := [32]byte(m.Payload[1:])
	if prev, ok := r.confirms[m.From]; ok {
		if prev == dg {
			return nil
		}
		return mpc.Faultf(m.From, "confirmed two different outcomes")
	}
	// A confirmation of another outcome is kept but not counted; it names
	// nobody, as the leader may have told that party something else.
	r.confirms[m.From] = dg
	return nil
}

// confirmed reports whether n − t old and n' − t' new parties, this one
// included, confirmed the outcome this party applied.
func (r *Reshare) confirmed() bool {
	if r.qualified == nil || !r.confirmSent {
		return false
	}
	old, nw := 0, 0
	for id, dg := range r.confirms {
		if dg != r.decDigest {
			continue
		}
		if slices.Contains(r.cfg.Old, id) {
			old++
		}
		if slices.Contains(r.cfg.New, id) {
			nw++
		}
	}
	return old >= len(r.cfg.Old)-r.cfg.OldT && nw >= len(r.cfg.New)-r.cfg.NewT
}

func (r *Reshare) otherConfirmers() []uint32 {
	var out []uint32
	for id, dg := range r.confirms {
		if dg != r.decDigest {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// Party adapts the resharing to crypto/mpc.Party, the interface node/session
// drives: each step's share is handed to persist (which must store it
// durably, as pending for the new epoch) before the step's messages are
// returned for sending. A failed write fails the party and sends nothing.
func (r *Reshare) Party(persist func(*KeyShare) error) mpc.Party {
	return &reshareParty{r: r, persist: persist}
}

type reshareParty struct {
	r       *Reshare
	persist func(*KeyShare) error
}

var _ mpc.Party = (*reshareParty)(nil)

func (p *reshareParty) carry(st ReshareStep, err error) ([]mpc.Message, error) {
	if st.Persist != nil {
		if perr := p.persist(st.Persist); perr != nil {
			p.r.PersistFailed(perr)
			return nil, errors.Join(err, fmt.Errorf("%w: %v", ErrPersist, perr))
		}
	}
	return st.Send, err
}

func (p *reshareParty) Start() ([]mpc.Message, error) { return p.carry(p.r.Start()) }
func (p *reshareParty) Handle(m mpc.Message) ([]mpc.Message, error) {
	return p.carry(p.r.Handle(m))
}
func (p *reshareParty) Expire() ([]mpc.Message, error) { return p.carry(p.r.Expire()) }
func (p *reshareParty) Done() bool                     { return p.r.Done() }
