package tecdsa

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/vss"
)

// The dealing phase is shared by the DKG of the root keys and by presignature
// batches. Every party deals random polynomials to every party, each with
// Feldman commitments so that every share can be checked on its own:
//
//   - polynomials of degree t, committed coefficient by coefficient (the root
//     keys; a presignature's nonce k and mask a);
//   - zero-sharings of degree 2t with constant term 0, committed in their 2t
//     other coefficients (the constant is known to be 0). They hide product
//     shares; committing them lets a party check the ones it gets, so a
//     dealer cannot make an honest party's later values look wrong (§3).
//
// Rounds: deal (private) → verdict (broadcast: for each dealer "ok" with a
// digest of the commitments received, "bad" or "missing") → justification (a
// dealer accused of a bad deal publishes that accuser's shares) → decision
// (the leader proposes the qualified dealers D and forwards the
// justifications it accepted) → confirmation. Then the protocol that embeds
// the dealing takes over.
//
// The leader only proposes. Every party checks the decision itself: |D| ≥
// n − t (so D holds at least t+1 honest dealers) and, for every dealer in D,
// a share it verified or the dealer's public answer to its complaint;
// otherwise it refuses the decision and names the leader. It then broadcasts
// the decision's digest, hash(session ‖ D ‖ commitments of D), and goes on
// only once n − t parties (itself included) confirmed the same digest. Two
// sets of n − t parties share an honest one when n ≥ 3t+1 (quorumConfirm
// says what a smaller committee needs instead), and an honest
// party confirms one digest only, so no two honest parties go on with
// different outcomes of one run, whatever the leader told them.
//
// A "missing" deal is never answered in public: an honest node cut off by the
// network would otherwise make every honest dealer reveal its shares, handing
// the t corrupt parties a (t+1)-th point of every honest polynomial. A party
// that lacks the deal of a dealer in D drops out of the run instead.
//
// Shares are checked in aggregate: a party verifies the sum of its shares over
// a dealer set against the sum of the commitments, with random weights across
// polynomials — one small multi-scalar multiplication per column of
// coefficients. Only when that fails does it check dealers one by one to name
// the bad one.

const (
	kindDeal uint8 = iota + 1
	kindVerdict
	kindJustification
	kindDecision
	kindConfirm
	kindOpen // presign
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
	// ErrBadDecision: the leader proposed a qualified set that this party
	// must refuse (fewer than n − t dealers).
	ErrBadDecision = errors.New("tecdsa: the leader's decision is not acceptable")
	// ErrNotConfirmed: fewer than n − t parties confirmed the decision this
	// party applied.
	ErrNotConfirmed = errors.New("tecdsa: decision not confirmed by n − t parties")
	// ErrDroppedOut: this party cannot use the leader's decision (it lacks a
	// qualified dealer's deal, or saw its commitments differently) and takes no
	// further part. The run may still succeed at the other parties.
	ErrDroppedOut = errors.New("tecdsa: dropped out of the run")
	// ErrRandomness: the randomness source failed; nothing is sent.
	ErrRandomness = errors.New("tecdsa: randomness source failed")
)

type dealSpec struct {
	committed int // degree-t polynomials, all t+1 coefficients committed
	zero      int // degree-2t polynomials with constant 0, 2t coefficients committed
}

// deal is one dealer's deal (or justification) as a party holds it.
type deal struct {
	raw        []byte        // the body: commitments ‖ shares
	commits    []secp.Point  // see dealing.commitLen, affine
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
	jointSum    []secp.Point      // their commitments, summed
	verdictSent bool
	verdicts    map[uint32]*verdict
	justs       map[uint32]map[uint32]*deal // dealer → accuser → checked justification
	justBad     map[uint32]bool             // dealers that published a bad justification
	answered    map[uint32]bool             // accusers we answered as a dealer
	decisionRaw []byte
	early       *decision // a decision that arrived before our verdict went out
	waited      int       // expiries while waiting for the decision or confirmations

	confirms    map[uint32][32]byte // digest each party confirmed
	confirmSent bool

	// Outcome.
	qualified []uint32
	decDigest [32]byte
	aggCommit []vss.Commitment // per committed polynomial, summed over D
	aggZero   []vss.Commitment // per zero polynomial, summed over D; [0] is the identity
	shareSum  []secp.Scalar    // per polynomial (committed, then zero), summed over D
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
		return nil, fmt.Errorf("%w: %v", ErrRandomness, err)
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
		confirms: map[uint32][32]byte{},
	}, nil
}

// committedLen and zeroLen are the commitment points of one polynomial.
func (d *dealing) committedLen() int { return d.p.T + 1 }
func (d *dealing) zeroLen() int      { return 2 * d.p.T }
func (d *dealing) commitLen() int {
	return d.spec.committed*d.committedLen() + d.spec.zero*d.zeroLen()
}
func (d *dealing) shareLen() int { return d.spec.committed + d.spec.zero }
func (d *dealing) bodyLen() int  { return d.commitLen()*secp.PointSize + d.shareLen()*secp.ScalarSize }
func (d *dealing) n() int        { return len(d.p.Parties) }
func (d *dealing) decided() bool { return d.qualified != nil }

// minDealers is n − t, the smallest qualified set: at most t of it are
// corrupt, so the outcome has an honest dealer's randomness in it.
func (d *dealing) minDealers() int { return d.n() - d.p.T }

// quorumConfirm is the confirmations an outcome needs: n − t, and never so
// few that two sets of that many parties could miss each other's honest
// members (2k − n ≥ t + 1). For a committee of n ≥ 3t+1 — the DKG, and
// every batch while the network is whole — it is n − t; a batch among
// fewer live nodes needs proportionally more of them.
func (d *dealing) quorumConfirm() int { return max(d.n()-d.p.T, (d.n()+d.p.T+2)/2) }

func (d *dealing) fault(party uint32, format string, args ...any) {
	d.faults = append(d.faults, mpc.Faultf(party, format, args...))
}

// coef returns where coefficient l of polynomial c lies in a deal's
// commitments, or -1 when it is not committed (the zero constant). Committed
// polynomials come first, then the zero-sharings.
func (d *dealing) coef(c, l int) int {
	if c < d.spec.committed {
		return c*d.committedLen() + l
	}
	if l == 0 {
		return -1
	}
	return d.spec.committed*d.committedLen() + (c-d.spec.committed)*d.zeroLen() + l - 1
}

// start deals fresh polynomials to every party. When secrets is not nil it
// fixes the constant terms of the committed polynomials; otherwise they are
// random. A failed randomness source fails the run before anything is sent.
func (d *dealing) start(secrets []secp.Scalar) ([]mpc.Message, error) {
	t := d.p.T
	polys := make([]vss.Polynomial, d.shareLen())
	coefs := make([]secp.Scalar, 0, d.commitLen())
	for c := range polys {
		var poly vss.Polynomial
		var err error
		if c < d.spec.committed {
			var secret secp.Scalar
			if secrets != nil {
				secret = secrets[c]
			} else if secret, err = secp.RandomScalar(d.p.Rand); err != nil {
				return nil, d.randomnessFailed(err)
			}
			poly, err = vss.Random(&secret, t, d.p.Rand)
			if err == nil {
				coefs = append(coefs, poly...)
			}
		} else {
			poly, err = vss.Random(nil, 2*t, d.p.Rand)
			if err == nil {
				coefs = append(coefs, poly[1:]...)
			}
		}
		if err != nil {
			return nil, d.randomnessFailed(err)
		}
		polys[c] = poly
	}
	commits := secp.BatchBaseMult(coefs)
	var cw writer
	cw.b = make([]byte, 0, len(commits)*secp.PointSize)
	for i := range commits {
		cw.point(&commits[i])
	}
	digest := sha256.Sum256(cw.b)
	out := make([]mpc.Message, 0, d.n()-1)
	for _, j := range d.p.Parties {
		body := writer{b: make([]byte, 0, 1+d.bodyLen())}
		if j != d.p.Self {
			body.u8(kindDeal)
		}
		body.raw(cw.b)
		shares := make([]secp.Scalar, len(polys))
		for c, poly := range polys {
			shares[c] = poly.Eval(j)
			body.scalar(&shares[c])
		}
		if j == d.p.Self {
			d.sent[j] = body.b
			d.deals[j] = &deal{raw: body.b, commits: commits, shares: shares, digest: digest, individual: true}
			continue
		}
		d.sent[j] = body.b[1:]
		out = append(out, mpc.Message{From: d.p.Self, To: j, Payload: body.b})
	}
	return out, nil
}

func (d *dealing) randomnessFailed(err error) error {
	d.failed = fmt.Errorf("%w: %v", ErrRandomness, err)
	return d.failed
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
	case kindConfirm:
		err = d.onConfirm(m)
	default:
		return nil, false, nil
	}
	return append(out, d.confirmation()...), true, err
}

func (d *dealing) onDeal(m mpc.Message) ([]mpc.Message, error) {
	body := m.Payload[1:]
	if prev, ok := d.deals[m.From]; ok {
		if bytes.Equal(prev.raw, body) {
			return nil, nil // a retransmission
		}
		return nil, mpc.Faultf(m.From, "sent two different deals")
	}
	if d.decided() || d.failed != nil {
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
	if agg, ok := d.check(pending); ok {
		d.jointly, d.jointSum = pending, agg
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
func (d *dealing) check(dealers []uint32) ([]secp.Point, bool) {
	deals := make([]*deal, len(dealers))
	for k, id := range dealers {
		deals[k] = d.deals[id]
	}
	return d.sumCheck(deals, d.p.Self)
}

// sumCheck verifies, for every polynomial at once with random 64-bit weights
// ρ_c, that the shares summed over deals evaluate at x to the summed
// commitments: Σ_c ρ_c·(s_c·G − C_c(x)) = 0. It returns the summed
// commitments, the run's public output when the deals are D's.
func (d *dealing) sumCheck(deals []*deal, x uint32) ([]secp.Point, bool) {
	np := d.shareLen()
	agg := sumPoints(deals, d.commitLen())
	sums := make([]secp.Scalar, np)
	for _, dl := range deals {
		for c := range sums {
			sums[c].Add(&dl.shares[c])
		}
	}
	rho := make([]secp.Scalar, np)
	var lhs secp.Scalar
	for c := range rho {
		rho[c] = randomWeight(d.rng)
		var t secp.Scalar
		t.Mul2(&rho[c], &sums[c])
		lhs.Add(&t)
	}
	// Σ_c ρ_c·C_c(x) = Σ_l x^l·(Σ_c ρ_c·C_{c,l}): the inner sums are MSMs with
	// short weights over one column of coefficients, the outer one is
	// Horner's rule with a small x.
	weights := make([]secp.Scalar, 0, np)
	column := make([]secp.Point, 0, np)
	var rhs secp.Point
	for l := 2 * d.p.T; l >= 0; l-- {
		weights, column = weights[:0], column[:0]
		for c := 0; c < np; c++ {
			if i := d.coef(c, l); i >= 0 && (c >= d.spec.committed || l <= d.p.T) {
				weights = append(weights, rho[c])
				column = append(column, agg[i])
			}
		}
		m := secp.MultiScalarMult(weights, column)
		rhs = vss.MulSmall(&rhs, x)
		secp.Add(&rhs, &m, &rhs)
	}
	want := secp.BaseMult(&lhs)
	return agg, secp.Equal(&want, &rhs)
}

// sumPoints returns the deals' commitment points summed index by index,
// affine.
func sumPoints(deals []*deal, size int) []secp.Point {
	if len(deals) == 1 {
		return deals[0].commits
	}
	agg := make([]secp.Point, size)
	for _, dl := range deals {
		for i := range agg {
			secp.Add(&agg[i], &dl.commits[i], &agg[i])
		}
	}
	secp.BatchToAffine(agg)
	return agg
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
// The leader puts a dealer in D when it holds the dealer's commitments, every
// "ok" verdict carries the same digest, every "bad" verdict is answered by a
// justification that checks against the commitments, and at most t parties
// report the deal missing.
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
		// A verdict with other commitments than the leader's counts like a
		// missing deal: that party cannot use the dealer's deal in D. It names
		// nobody — the dealer may have equivocated, or the party lied.
		ok, missing := !d.justBad[dealer], 0
		var answers []fwd
		for accuser, v := range d.verdicts {
			switch v.status[k] {
			case verdictOK:
				if v.digest[k] != digest {
					missing++
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
			ok = false // some honest party lacks it; on the word of others, so nobody is named
		}
		if ok {
			qualified = append(qualified, dealer)
			digests[dealer] = digest
			forward = append(forward, answers...)
		}
	}
	if len(qualified) < d.minDealers() {
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
	if d.failed != nil {
		return nil
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

// applyDecision checks the leader's decision as §3 requires of every party
// and computes the dealing's outcome from it, or records why this party
// cannot use it.
func (d *dealing) applyDecision(dec *decision) {
	qualified, digests, forwarded := dec.qualified, dec.digests, dec.forwarded
	d.decisionRaw = dec.raw
	switch {
	case len(qualified) == 0:
		d.failed = ErrTooFewDealers
		return
	case len(qualified) < d.minDealers():
		// The leader alone would choose k and a (or the keys) otherwise.
		d.fault(d.p.Leader, "decided on %d dealers, fewer than n − t = %d", len(qualified), d.minDealers())
		d.failed = fmt.Errorf("%w: %d qualified dealers, at least %d needed", ErrBadDecision, len(qualified), d.minDealers())
		return
	}
	// Use, for each qualified dealer, our deal, or — only for a dealer whose
	// deal we found bad — the justification the leader forwards; both must
	// match the decision's digest. What does not fit makes this party drop
	// out without naming the dealer: the leader, not the dealer, may be the
	// one lying. A forwarded justification that fails its check is the
	// leader's: it had to check it before forwarding.
	for _, id := range qualified {
		dl := d.deals[id]
		if jd, ok := forwarded[id]; ok && dl != nil && dl.bad {
			if _, ok := d.sumCheck([]*deal{jd}, d.p.Self); !ok || jd.digest != digests[id] {
				d.fault(d.p.Leader, "forwarded a justification of dealer %d that fails its check", id)
				d.failed = fmt.Errorf("%w: dealer %d's forwarded justification is bad", ErrDroppedOut, id)
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
	deals := make([]*deal, len(qualified))
	for k, id := range qualified {
		deals[k] = d.deals[id]
	}
	agg := d.jointSum
	if !slices.Equal(qualified, d.jointly) {
		agg = sumPoints(deals, d.commitLen())
	}
	sums := make([]secp.Scalar, d.shareLen())
	for _, dl := range deals {
		for i := range sums {
			sums[i].Add(&dl.shares[i])
		}
	}
	d.aggCommit = make([]vss.Commitment, d.spec.committed)
	for c := range d.aggCommit {
		d.aggCommit[c] = vss.Commitment(agg[d.coef(c, 0) : d.coef(c, 0)+d.committedLen()])
	}
	d.aggZero = make([]vss.Commitment, d.spec.zero)
	for z := range d.aggZero {
		cm := make(vss.Commitment, 1, 1+d.zeroLen())
		if d.zeroLen() > 0 {
			i := d.coef(d.spec.committed+z, 1)
			cm = append(cm, agg[i:i+d.zeroLen()]...)
		}
		d.aggZero[z] = cm
	}
	d.decDigest = decisionDigest(d.p.Session, d.p.Parties, qualified, digests)
	d.qualified = qualified
	d.shareSum = sums
	d.waited = 0
}

// decisionDigest is hash(session ‖ committee ‖ D ‖ the digest of each
// qualified dealer's commitments): what the parties confirm, and part of
// every presignature id.
func decisionDigest(session []byte, committee, qualified []uint32, digests map[uint32][32]byte) [32]byte {
	h := sha256.New()
	h.Write([]byte("flint/tecdsa/decision"))
	h.Write([]byte{byte(len(session))})
	h.Write(session)
	h.Write([]byte{byte(len(committee) >> 8), byte(len(committee))})
	for _, id := range committee {
		h.Write([]byte{byte(id >> 8), byte(id)})
	}
	for _, id := range qualified {
		dg := digests[id]
		h.Write([]byte{byte(id >> 8), byte(id)})
		h.Write(dg[:])
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// confirmation returns this party's confirmation once it has applied a
// decision, exactly once.
func (d *dealing) confirmation() []mpc.Message {
	if !d.decided() || d.confirmSent || d.failed != nil {
		return nil
	}
	d.confirmSent = true
	d.confirms[d.p.Self] = d.decDigest
	payload := append([]byte{kindConfirm}, d.decDigest[:]...)
	return []mpc.Message{{From: d.p.Self, To: mpc.Broadcast, Payload: payload}}
}

func (d *dealing) onConfirm(m mpc.Message) error {
	if len(m.Payload) != 33 {
		return mpc.Faultf(m.From, "confirmation of %d bytes", len(m.Payload))
	}
	dg := [32]byte(m.Payload[1:])
	if prev, ok := d.confirms[m.From]; ok {
		if prev == dg {
			return nil
		}
		return mpc.Faultf(m.From, "confirmed two different decisions")
	}
	// A confirmation of another decision is not counted, and names nobody:
	// the leader may have told that party something else, and nothing here
	// proves which of the two lied.
	d.confirms[m.From] = dg
	return nil
}

// confirmed reports whether n − t parties, this one included, confirmed the
// decision this party applied: only then may it use the outcome.
func (d *dealing) confirmed() bool {
	if !d.decided() || !d.confirmSent {
		return false
	}
	n := 0
	for _, dg := range d.confirms {
		if dg == d.decDigest {
			n++
		}
	}
	return n >= d.quorumConfirm()
}

func (d *dealing) matching() int {
	n := 0
	for _, dg := range d.confirms {
		if dg == d.decDigest {
			n++
		}
	}
	return n
}

// otherConfirmers lists the parties that confirmed another decision.
func (d *dealing) otherConfirmers() []uint32 {
	var out []uint32
	for id, dg := range d.confirms {
		if dg != d.decDigest {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// expire moves the dealing on when a round's deadline passes.
func (d *dealing) expire() []mpc.Message {
	switch {
	case d.failed != nil || d.confirmed():
		return nil
	case !d.verdictSent:
		return append(d.sendVerdict(), d.confirmation()...)
	case !d.decided() && d.isLeader() && d.decisionRaw == nil:
		return append(d.decide(), d.confirmation()...)
	case !d.decided():
		if d.waited++; d.waited >= patience { // the leader decides at its own first expiry
			d.failed = ErrNoDecision
		}
	default:
		if d.waited++; d.waited >= patience {
			d.failed = fmt.Errorf("%w: %d of %d; other decisions confirmed by %v", ErrNotConfirmed, d.matching(), d.quorumConfirm(), d.otherConfirmers())
		}
	}
	return nil
}
