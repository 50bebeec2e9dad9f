package tecdsa

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/vss"
)

// The dealing phase is shared by the DKG of the root keys and by presignature
// batches. Every party deals random polynomials to every party:
//
//   - committed polynomials of degree t, with Feldman commitments to every
//     coefficient (the root keys; a presignature's nonce k and mask a);
//   - zero polynomials of degree 2t with constant term 0 and no commitments
//     (they only hide product shares; a bad one can only make a signature
//     fail to verify).
//
// Rounds: deal (private) → verdict (broadcast: for each dealer "ok" with a
// digest of the commitments received, "bad" or "missing") → justification (a
// dealer accused of a bad deal publishes that accuser's shares) → decision
// (the leader fixes the qualified dealers D and forwards the justifications it
// accepted). Then the protocol that embeds the dealing takes over.
//
// The leader puts a dealer in D when it holds the dealer's commitments, every
// "ok" verdict carries the same digest, every "bad" verdict is answered by a
// justification that checks against the commitments, and at most t parties
// report the deal missing. |D| ≥ n − t, so D holds at least t+1 honest dealers.
//
// A "missing" deal is never answered in public: an honest node cut off by the
// network would otherwise make every honest dealer reveal its shares, handing
// the t corrupt parties a (t+1)-th point of every honest polynomial. A party
// that lacks the deal of a dealer in D drops out of the run instead.
//
// Shares are checked in aggregate: a party verifies the sum of its shares over
// a dealer set against the sum of the commitments, with random weights across
// polynomials — one small multi-scalar multiplication per batch. Only when that
// fails does it check dealers one by one to name the bad one.

const (
	kindDeal uint8 = iota + 1
	kindVerdict
	kindJustification
	kindDecision
	kindConfirm // DKG
	kindOpen    // presign
)

// patience is how many expired rounds a party waits for messages it cannot
// proceed without (the decision, confirmations, openings) before it gives up.
// A peer that is merely slow, busy with a large batch, should not make the
// others fail after one deadline.
const patience = 3

const (
	verdictOK uint8 = iota
	verdictBad
	verdictMissing
)

// Errors a dealing can end with.
var (
	// ErrTooFewDealers: fewer than n − t dealers qualified.
	ErrTooFewDealers = errors.New("tecdsa: too few qualified dealers")
	// ErrNoDecision: the leader's decision did not arrive in time.
	ErrNoDecision = errors.New("tecdsa: no decision from the leader")
	// ErrDroppedOut: this party cannot use the leader's decision (it lacks a
	// qualified dealer's deal, or saw its commitments differently) and takes no
	// further part. The run may still succeed at the other parties.
	ErrDroppedOut = errors.New("tecdsa: dropped out of the run")
)

type dealSpec struct {
	committed int // degree-t polynomials with commitments
	zero      int // degree-2t zero polynomials without commitments
}

// deal is one dealer's deal (or justification) as a party holds it.
type deal struct {
	raw        []byte        // the body: commitments ‖ shares
	commits    []secp.Point  // committed × (t+1), affine
	shares     []secp.Scalar // committed + zero
	digest     [32]byte      // SHA-256 of the commitments' encoding
	bad        bool          // failed verification
	individual bool          // verified on its own
}

type verdict struct {
	status []uint8    // by committee position
	digest [][32]byte // for verdictOK
}

type dealing struct {
	p    *Params
	spec dealSpec
	rng  *rand.Rand // verifier randomness for batch checks

	sent        map[uint32][]byte // our deal bodies by recipient, for justifications
	deals       map[uint32]*deal  // by dealer, our own included
	jointly     []uint32          // dealers whose deals were verified together
	jointSum    []vss.Commitment  // their summed commitments
	verdictSent bool
	verdicts    map[uint32]*verdict
	justs       map[uint32]map[uint32]*deal // dealer → accuser → checked justification
	justBad     map[uint32]bool             // dealers that published a bad justification
	answered    map[uint32]bool             // accusers we answered as a dealer
	decisionRaw []byte
	early       *decision // a decision that arrived before our verdict went out
	waited      int       // expiries while waiting for the decision

	// Outcome.
	qualified []uint32
	digests   map[uint32][32]byte
	decDigest [32]byte
	aggCommit []vss.Commitment // per committed polynomial, summed over D
	shareSum  []secp.Scalar    // per polynomial, summed over D
	faults    []error
	failed    error
}

func newDealing(p *Params, spec dealSpec) (*dealing, error) {
	if err := p.validate(); err != nil {
		return nil, err
	}
	// Verifier randomness comes from the OS even when dealing randomness is
	// fixed by a test: the batch checks are only sound against a sender that
	// cannot predict it.
	seed, err := secp.RandomScalar(nil)
	if err != nil {
		return nil, err
	}
	return &dealing{
		p:        p,
		spec:     spec,
		rng:      rand.New(rand.NewChaCha8(seed.Bytes())),
		sent:     map[uint32][]byte{},
		deals:    map[uint32]*deal{},
		verdicts: map[uint32]*verdict{},
		justs:    map[uint32]map[uint32]*deal{},
		justBad:  map[uint32]bool{},
		answered: map[uint32]bool{},
	}, nil
}

func (d *dealing) commitLen() int { return d.spec.committed * (d.p.T + 1) }
func (d *dealing) shareLen() int  { return d.spec.committed + d.spec.zero }
func (d *dealing) bodyLen() int   { return d.commitLen()*secp.PointSize + d.shareLen()*secp.ScalarSize }
func (d *dealing) n() int         { return len(d.p.Parties) }
func (d *dealing) decided() bool  { return d.qualified != nil }
func (d *dealing) over() bool     { return d.qualified != nil || d.failed != nil }

func (d *dealing) fault(party uint32, format string, args ...any) {
	d.faults = append(d.faults, mpc.Faultf(party, format, args...))
}

// start deals fresh polynomials to every party. When secrets is not nil it
// fixes the constant terms of the committed polynomials; otherwise they are
// random.
func (d *dealing) start(secrets []secp.Scalar) ([]mpc.Message, error) {
	t := d.p.T
	committed := make([]vss.Polynomial, d.spec.committed)
	commits := make([]secp.Point, 0, d.commitLen())
	for c := range committed {
		var secret secp.Scalar
		if secrets != nil {
			secret = secrets[c]
		} else {
			s, err := secp.RandomScalar(d.p.Rand)
			if err != nil {
				return nil, err
			}
			secret = s
		}
		poly, err := vss.Random(&secret, t, d.p.Rand)
		if err != nil {
			return nil, err
		}
		committed[c] = poly
		for l := range poly {
			var pt secp.Point
			secp256k1.ScalarBaseMultNonConst(&poly[l], &pt)
			commits = append(commits, pt)
		}
	}
	secp.BatchToAffine(commits)
	zero := make([]vss.Polynomial, d.spec.zero)
	for z := range zero {
		poly, err := vss.Random(nil, 2*t, d.p.Rand)
		if err != nil {
			return nil, err
		}
		zero[z] = poly
	}
	var cw writer
	for i := range commits {
		cw.point(&commits[i])
	}
	digest := sha256.Sum256(cw.b)
	out := make([]mpc.Message, 0, d.n()-1)
	for _, j := range d.p.Parties {
		body := writer{b: make([]byte, 0, d.bodyLen())}
		body.raw(cw.b)
		shares := make([]secp.Scalar, 0, d.shareLen())
		for _, poly := range committed {
			shares = append(shares, poly.Eval(j))
		}
		for _, poly := range zero {
			shares = append(shares, poly.Eval(j))
		}
		for i := range shares {
			body.scalar(&shares[i])
		}
		d.sent[j] = body.b
		if j == d.p.Self {
			d.deals[j] = &deal{raw: body.b, commits: commits, shares: shares, digest: digest}
			continue
		}
		payload := append([]byte{kindDeal}, body.b...)
		out = append(out, mpc.Message{From: d.p.Self, To: j, Payload: payload})
	}
	return out, nil
}

// parseBody decodes commitments ‖ shares.
func (d *dealing) parseBody(body []byte) (*deal, error) {
	if len(body) != d.bodyLen() {
		return nil, fmt.Errorf("%w: deal of %d bytes, want %d", ErrEncoding, len(body), d.bodyLen())
	}
	r := reader{b: body}
	dl := &deal{raw: body, commits: make([]secp.Point, d.commitLen()), shares: make([]secp.Scalar, d.shareLen())}
	for i := range dl.commits {
		dl.commits[i] = r.point()
	}
	for i := range dl.shares {
		dl.shares[i] = r.scalar()
	}
	if err := r.done(); err != nil {
		return nil, err
	}
	dl.digest = sha256.Sum256(body[:d.commitLen()*secp.PointSize])
	return dl, nil
}

// handle processes a dealing-phase message; ok is false for kinds that belong
// to the embedding protocol.
func (d *dealing) handle(m mpc.Message) (out []mpc.Message, ok bool, err error) {
	switch m.Payload[0] {
	case kindDeal:
		out, err = d.onDeal(m)
	case kindVerdict:
		out, err = d.onVerdict(m)
	case kindJustification:
		out, err = d.onJustification(m)
	case kindDecision:
		err = d.onDecision(m)
	default:
		return nil, false, nil
	}
	return out, true, err
}

func (d *dealing) onDeal(m mpc.Message) ([]mpc.Message, error) {
	body := m.Payload[1:]
	if prev, ok := d.deals[m.From]; ok {
		if bytes.Equal(prev.raw, body) {
			return nil, nil // a retransmission
		}
		return nil, mpc.Faultf(m.From, "sent two different deals")
	}
	if d.decided() {
		return nil, fmt.Errorf("%w: deal from %d after the decision", mpc.ErrUnexpected, m.From)
	}
	dl, err := d.parseBody(body)
	if err != nil {
		return nil, &mpc.FaultError{Party: m.From, Reason: err.Error()}
	}
	d.deals[m.From] = dl // a late deal is kept: it may still be in D
	if !d.verdictSent && len(d.deals) == d.n() {
		return d.sendVerdict(), nil
	}
	return nil, nil
}

// sendVerdict verifies the deals at hand and broadcasts the verdict.
func (d *dealing) sendVerdict() []mpc.Message {
	var dealers []uint32
	for _, id := range d.p.Parties {
		if _, ok := d.deals[id]; ok {
			dealers = append(dealers, id)
		}
	}
	d.verify(dealers)
	w := writer{}
	w.u8(kindVerdict)
	v := &verdict{status: make([]uint8, d.n()), digest: make([][32]byte, d.n())}
	for k, id := range d.p.Parties {
		dl, ok := d.deals[id]
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
	d.verdictSent = true
	d.verdicts[d.p.Self] = v
	out := []mpc.Message{{From: d.p.Self, To: mpc.Broadcast, Payload: w.b}}
	if d.early != nil {
		d.applyDecision(d.early)
		d.early = nil
		return out
	}
	return append(out, d.tryDecide()...)
}

// verify checks the deals of dealers together and, when that fails, one by
// one, marking the bad ones.
func (d *dealing) verify(dealers []uint32) {
	var pending []uint32
	for _, id := range dealers {
		if dl := d.deals[id]; !dl.individual && !dl.bad {
			pending = append(pending, id)
		}
	}
	if len(pending) == 0 {
		return
	}
	if commits, ok := d.check(pending); ok {
		d.jointly, d.jointSum = pending, commits
		return
	}
	for _, id := range pending {
		dl := d.deals[id]
		if _, ok := d.check([]uint32{id}); ok {
			dl.individual = true
		} else {
			dl.bad = true
			d.fault(id, "deal fails its commitments")
		}
	}
}

// check verifies the sum over dealers of this party's shares against the sum
// of their commitments; see sumCheck.
func (d *dealing) check(dealers []uint32) ([]vss.Commitment, bool) {
	deals := make([]*deal, len(dealers))
	for k, id := range dealers {
		deals[k] = d.deals[id]
	}
	return d.sumCheck(deals, d.p.Self)
}

// sumCheck verifies, for every committed polynomial at once with random
// 64-bit weights, that the shares summed over deals evaluate at x to the
// summed commitments: Σ_c ρ_c·(s_c·G − C_c(x)) = 0. It returns the summed
// commitments, which are the run's public output when the deals are D's.
func (d *dealing) sumCheck(deals []*deal, x uint32) ([]vss.Commitment, bool) {
	t1 := d.p.T + 1
	nc := d.spec.committed
	commits := d.sumCommits(deals)
	sums := make([]secp.Scalar, nc)
	for _, dl := range deals {
		for c := range sums {
			sums[c].Add(&dl.shares[c])
		}
	}
	rho := make([]secp.Scalar, nc)
	var lhs secp.Scalar
	for c := range rho {
		rho[c] = randomWeight(d.rng)
		var t secp.Scalar
		t.Mul2(&rho[c], &sums[c])
		lhs.Add(&t)
	}
	// Σ_c ρ_c·C_c(x) = Σ_l x^l·(Σ_c ρ_c·C_{c,l}): the inner sums are MSMs with
	// short weights and the outer one is Horner's rule with a small x.
	column := make([]secp.Point, nc)
	var rhs secp.Point
	for l := t1 - 1; l >= 0; l-- {
		for c := 0; c < nc; c++ {
			column[c] = commits[c][l]
		}
		m := secp.MultiScalarMult(rho, column)
		rhs = vss.MulSmall(&rhs, x)
		secp.Add(&rhs, &m, &rhs)
	}
	want := secp.BaseMult(&lhs)
	return commits, secp.Equal(&want, &rhs)
}

// sumCommits returns the deals' commitments summed per polynomial.
func (d *dealing) sumCommits(deals []*deal) []vss.Commitment {
	t1 := d.p.T + 1
	agg := make([]secp.Point, d.commitLen())
	for _, dl := range deals {
		for i := range agg {
			secp.Add(&agg[i], &dl.commits[i], &agg[i])
		}
	}
	secp.BatchToAffine(agg)
	commits := make([]vss.Commitment, d.spec.committed)
	for c := range commits {
		commits[c] = vss.Commitment(agg[c*t1 : (c+1)*t1])
	}
	return commits
}

// randomWeight returns a uniformly random non-zero 64-bit scalar.
func randomWeight(r *rand.Rand) secp.Scalar {
	var b [32]byte
	for {
		v := r.Uint64()
		if v == 0 {
			continue
		}
		for i := 0; i < 8; i++ {
			b[31-i] = byte(v >> (8 * i))
		}
		var s secp.Scalar
		s.SetBytes(&b)
		return s
	}
}

func (d *dealing) onVerdict(m mpc.Message) ([]mpc.Message, error) {
	if _, ok := d.verdicts[m.From]; ok {
		return nil, fmt.Errorf("%w: second verdict from %d", mpc.ErrUnexpected, m.From)
	}
	r := reader{b: m.Payload[1:]}
	v := &verdict{status: make([]uint8, d.n()), digest: make([][32]byte, d.n())}
	for k := range v.status {
		v.status[k] = r.u8()
		switch v.status[k] {
		case verdictOK:
			copy(v.digest[k][:], r.take(32))
		case verdictBad, verdictMissing:
		default:
			r.fail("verdict status %d", v.status[k])
		}
	}
	if err := r.done(); err != nil {
		return nil, &mpc.FaultError{Party: m.From, Reason: err.Error()}
	}
	if v.status[slices.Index(d.p.Parties, m.From)] != verdictOK {
		return nil, mpc.Faultf(m.From, "verdict accuses its sender's own deal")
	}
	d.verdicts[m.From] = v
	var out []mpc.Message
	// Answer an accusation of a bad deal in public.
	if self := slices.Index(d.p.Parties, d.p.Self); v.status[self] == verdictBad && !d.answered[m.From] {
		d.answered[m.From] = true
		w := writer{}
		w.u8(kindJustification)
		w.u16(uint16(m.From))
		w.raw(d.sent[m.From])
		out = append(out, mpc.Message{From: d.p.Self, To: mpc.Broadcast, Payload: w.b})
	}
	return append(out, d.tryDecide()...), nil
}

func (d *dealing) onJustification(m mpc.Message) ([]mpc.Message, error) {
	r := reader{b: m.Payload[1:]}
	accuser := uint32(r.u16())
	body := r.take(d.bodyLen())
	if err := r.done(); err != nil {
		return nil, &mpc.FaultError{Party: m.From, Reason: err.Error()}
	}
	if !d.p.isParty(accuser) || accuser == m.From {
		return nil, mpc.Faultf(m.From, "justification for party %d", accuser)
	}
	if _, ok := d.justs[m.From][accuser]; ok || d.justBad[m.From] {
		return nil, fmt.Errorf("%w: second justification from %d for %d", mpc.ErrUnexpected, m.From, accuser)
	}
	jd, err := d.parseBody(body)
	if err != nil {
		return nil, &mpc.FaultError{Party: m.From, Reason: err.Error()}
	}
	if _, ok := d.sumCheck([]*deal{jd}, accuser); !ok {
		d.justBad[m.From] = true
		err := mpc.Faultf(m.From, "justification for party %d fails the commitments", accuser)
		d.faults = append(d.faults, err)
		return d.tryDecide(), err
	}
	if d.justs[m.From] == nil {
		d.justs[m.From] = map[uint32]*deal{}
	}
	jd.individual = true
	d.justs[m.From][accuser] = jd
	return d.tryDecide(), nil
}

// tryDecide lets the leader decide once every verdict is in and every
// accusation of a bad deal has been answered (well or badly).
func (d *dealing) tryDecide() []mpc.Message {
	if !d.isLeader() || !d.verdictSent || d.decisionRaw != nil || len(d.verdicts) < d.n() {
		return nil
	}
	for accuser, v := range d.verdicts {
		for k, st := range v.status {
			dealer := d.p.Parties[k]
			if st == verdictBad && !d.justBad[dealer] {
				if _, ok := d.justs[dealer][accuser]; !ok {
					return nil
				}
			}
		}
	}
	return d.decide()
}

func (d *dealing) isLeader() bool { return d.p.Self == d.p.Leader }

// decide applies the leader's rule, broadcasts the decision and applies it.
func (d *dealing) decide() []mpc.Message {
	var qualified []uint32
	digests := map[uint32][32]byte{}
	type fwd struct {
		dealer, accuser uint32
		body            []byte
	}
	var forward []fwd
	for k, dealer := range d.p.Parties {
		var digest [32]byte
		if dl, ok := d.deals[dealer]; ok {
			digest = dl.digest
		} else if js := d.justs[dealer]; len(js) > 0 {
			for _, jd := range js {
				digest = jd.digest
				break
			}
		} else {
			continue // the leader has no commitments from this dealer
		}
		ok, missing := !d.justBad[dealer], 0
		var answers []fwd
		for accuser, v := range d.verdicts {
			switch v.status[k] {
			case verdictOK:
				if v.digest[k] != digest {
					ok = false
					d.fault(dealer, "sent different commitments to different parties")
				}
			case verdictMissing:
				missing++
			case verdictBad:
				jd, answered := d.justs[dealer][accuser]
				if !answered || jd.digest != digest {
					ok = false
				} else {
					answers = append(answers, fwd{dealer, accuser, jd.raw})
				}
			}
		}
		if missing > d.p.T {
			ok = false
			d.fault(dealer, "deal missing at %d parties", missing)
		}
		if ok {
			qualified = append(qualified, dealer)
			digests[dealer] = digest
			forward = append(forward, answers...)
		}
	}
	if len(qualified) < d.n()-d.p.T {
		qualified = nil // an empty D tells everyone the run failed
		forward = nil
	}
	slices.SortFunc(forward, func(a, b fwd) int {
		if a.dealer != b.dealer {
			return int(a.dealer) - int(b.dealer)
		}
		return int(a.accuser) - int(b.accuser)
	})
	w := writer{}
	w.u8(kindDecision)
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
	msg := mpc.Message{From: d.p.Self, To: mpc.Broadcast, Payload: w.b}
	dec, err := d.parseDecision(w.b[1:])
	if err != nil { // our own encoding: cannot fail
		d.failed = err
		return nil
	}
	d.applyDecision(dec)
	return []mpc.Message{msg}
}

func (d *dealing) onDecision(m mpc.Message) error {
	if m.From != d.p.Leader {
		return mpc.Faultf(m.From, "sent a decision but is not the leader")
	}
	body := m.Payload[1:]
	prev := d.decisionRaw
	if d.early != nil {
		prev = d.early.raw
	}
	if prev != nil {
		if bytes.Equal(prev, body) {
			return nil
		}
		return mpc.Faultf(m.From, "sent two different decisions")
	}
	dec, err := d.parseDecision(body)
	if err != nil {
		return err
	}
	if !d.verdictSent {
		// Hold it: deciding before our verdict is out would make us drop
		// out for deals that may still be in flight.
		d.early = dec
		return nil
	}
	d.applyDecision(dec)
	return nil
}

// decision is a parsed, validated leader's decision.
type decision struct {
	raw       []byte
	qualified []uint32
	digests   map[uint32][32]byte
	forwarded map[uint32]*deal // dealer → the justification answering us
}

// parseDecision decodes and validates a decision without changing state.
func (d *dealing) parseDecision(body []byte) (*decision, error) {
	r := reader{b: body}
	dec := &decision{raw: bytes.Clone(body), digests: map[uint32][32]byte{}, forwarded: map[uint32]*deal{}}
	dec.qualified = r.indices(d.n())
	for _, id := range dec.qualified {
		var dg [32]byte
		copy(dg[:], r.take(32))
		dec.digests[id] = dg
	}
	nf := r.count(d.n() * d.n())
	for i := 0; i < nf && r.err == nil; i++ {
		dealer, accuser := uint32(r.u16()), uint32(r.u16())
		jbody := r.take(d.bodyLen())
		if r.err != nil {
			break
		}
		if _, ok := dec.digests[dealer]; !ok || !d.p.isParty(accuser) {
			r.fail("forwarded justification of %d for %d", dealer, accuser)
			break
		}
		if accuser == d.p.Self {
			jd, err := d.parseBody(jbody)
			if err != nil {
				r.fail("forwarded justification: %v", err)
				break
			}
			dec.forwarded[dealer] = jd
		}
	}
	if err := r.done(); err != nil {
		return nil, &mpc.FaultError{Party: d.p.Leader, Reason: "decision: " + err.Error()}
	}
	for _, id := range dec.qualified {
		if !d.p.isParty(id) {
			return nil, mpc.Faultf(d.p.Leader, "decision names non-member %d", id)
		}
	}
	return dec, nil
}

// applyDecision computes the dealing's outcome from the leader's decision,
// or records why this party cannot use it.
func (d *dealing) applyDecision(dec *decision) {
	qualified, digests, forwarded := dec.qualified, dec.digests, dec.forwarded
	d.decisionRaw = dec.raw
	if len(qualified) == 0 {
		d.failed = ErrTooFewDealers
		return
	}
	// Use, for each qualified dealer, our deal or the justification answering
	// our complaint; both must match the decision's digest.
	for _, id := range qualified {
		dl := d.deals[id]
		if jd, ok := forwarded[id]; ok && jd.digest == digests[id] {
			if _, ok := d.sumCheck([]*deal{jd}, d.p.Self); !ok {
				d.fault(id, "forwarded justification fails the commitments")
				d.failed = fmt.Errorf("%w: dealer %d's justification is bad", ErrDroppedOut, id)
				return
			}
			jd.individual = true
			d.deals[id] = jd
			continue
		}
		switch {
		case dl == nil:
			d.failed = fmt.Errorf("%w: no deal from qualified dealer %d", ErrDroppedOut, id)
		case dl.digest != digests[id]:
			d.fault(id, "commitments differ from the leader's")
			d.failed = fmt.Errorf("%w: dealer %d's commitments differ from the leader's", ErrDroppedOut, id)
		case dl.bad:
			d.failed = fmt.Errorf("%w: dealer %d's deal is bad and unanswered", ErrDroppedOut, id)
		}
		if d.failed != nil {
			return
		}
	}
	// The shares are known good when every qualified deal was verified on its
	// own or D is exactly the set verified together; otherwise check D's.
	var unchecked []uint32
	for _, id := range qualified {
		if !d.deals[id].individual {
			unchecked = append(unchecked, id)
		}
	}
	if len(unchecked) > 0 && !slices.Equal(unchecked, d.jointly) {
		d.verify(unchecked)
		for _, id := range unchecked {
			if d.deals[id].bad {
				d.failed = fmt.Errorf("%w: dealer %d's deal fails its commitments", ErrDroppedOut, id)
				return
			}
		}
	}
	commits := d.jointSum
	if !slices.Equal(qualified, d.jointly) {
		deals := make([]*deal, len(qualified))
		for k, id := range qualified {
			deals[k] = d.deals[id]
		}
		commits = d.sumCommits(deals)
	}
	sums := make([]secp.Scalar, d.shareLen())
	for _, id := range qualified {
		for i := range sums {
			sums[i].Add(&d.deals[id].shares[i])
		}
	}
	h := sha256.New()
	h.Write([]byte("flint/tecdsa/decision"))
	h.Write([]byte{byte(len(d.p.Session))})
	h.Write(d.p.Session)
	for _, id := range qualified {
		dg := digests[id]
		h.Write([]byte{byte(id >> 8), byte(id)})
		h.Write(dg[:])
	}
	copy(d.decDigest[:], h.Sum(nil))
	d.qualified = qualified
	d.digests = digests
	d.aggCommit = commits
	d.shareSum = sums
}

// expire moves the dealing on when a round's deadline passes.
func (d *dealing) expire() []mpc.Message {
	switch {
	case d.over():
		return nil
	case !d.verdictSent:
		return d.sendVerdict()
	case d.isLeader():
		return d.decide()
	default:
		d.waited++
		if d.waited >= patience { // the leader decides at its own first expiry
			d.failed = ErrNoDecision
		}
		return nil
	}
}
