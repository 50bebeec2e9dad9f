package tecdsa

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/vss"
)

// ErrTooFewOpenings: fewer than 2t+1 parties opened w consistently.
var ErrTooFewOpenings = errors.New("tecdsa: too few consistent openings")

// zeroPerPresig is the number of zero-sharings per presignature: one hides
// w_i = a_i·k_i, one hides each b_{j,i} = a_i·x_{j,i}.
const zeroPerPresig = 1 + RootKeys

// openSize is one presignature's part of an opening: w_i, T_i, and the
// Chaum–Pedersen proof (c, z).
const openSize = secp.ScalarSize + secp.PointSize + 2*secp.ScalarSize

// Presign is one party of a batch of presignatures (§3 of the protocol).
//
// Dealing: every dealer deals, per presignature, the nonce k and the mask a
// (degree t, committed) and 1+RootKeys zero-sharings (degree 2t). After the
// leader's decision party i holds k_i, a_i and the zero shares; R = k·G is the
// sum of the dealers' constant-term commitments.
//
// Opening: party i broadcasts w_i = a_i·k_i + z^w_i and T_i = a_i·R with a
// Chaum–Pedersen proof that log_G(A_i) = log_R(T_i). Everyone checks, for the
// whole batch in one multi-scalar multiplication with random weights, that
// the T_i lie on one degree-t polynomial (a random dual codeword) and that
// w·G = a·R with w interpolated from 2t+1 of the w_i and a·R from t+1 of the
// T_i. Only when that fails are proofs verified and subsets tried, to name
// the parties whose values do not fit; a presignature nothing fixes is dropped.
//
// Stored: R, w, a_i and b_{j,i} = a_i·x_{j,i} + z^{b,j}_i. k_i is dropped and
// k is never reconstructed.
type Presign struct {
	d     *dealing
	key   *KeyShare
	count int
	rng   *rand.Rand

	own     *opening
	mine    *ownState
	opens   map[uint32]*opening
	pending map[uint32][]byte // raw openings that arrived before the decision
	waited  int               // expiries while waiting for openings
	result  []*Presignature
	err     error
}

var _ mpc.Party = (*Presign)(nil)

type opening struct {
	raw    []byte
	digest [32]byte
	w      []secp.Scalar
	t      []secp.Point
	proofs []cpProof
}

// ownState is what this party keeps between its opening and the end.
type ownState struct {
	a     []secp.Scalar
	b     [][RootKeys]secp.Scalar
	r     []secp.Point
	combs []*secp.Comb
}

// NewPresign returns a party of a batch of count presignatures. p.Session
// must be the 16-byte batch id; the committee may be any subset of the key's
// parties of at least 2t+1, and the leader owns the batch.
func NewPresign(p Params, key *KeyShare, count int) (*Presign, error) {
	if len(p.Session) != 16 {
		return nil, fmt.Errorf("%w: a batch id is 16 bytes, got %d", ErrParams, len(p.Session))
	}
	if count < 1 || count > MaxBatch {
		return nil, fmt.Errorf("%w: batch of %d presignatures (1..%d)", ErrParams, count, MaxBatch)
	}
	if key == nil || key.Index != p.Self || key.T != p.T || len(key.Secrets) != RootKeys {
		return nil, fmt.Errorf("%w: key share does not belong to party %d with t=%d", ErrParams, p.Self, p.T)
	}
	for _, id := range p.Parties {
		if !slices.Contains(key.Parties, id) {
			return nil, fmt.Errorf("%w: party %d holds no key share", ErrParams, id)
		}
	}
	d, err := newDealing(&p, dealSpec{committed: 2 * count, zero: zeroPerPresig * count})
	if err != nil {
		return nil, err
	}
	return &Presign{d: d, key: key, count: count, rng: d.rng, opens: map[uint32]*opening{}, pending: map[uint32][]byte{}}, nil
}

// Start deals this party's polynomials.
func (s *Presign) Start() ([]mpc.Message, error) { return s.d.start(nil) }

// Done reports whether the batch has finished at this party.
func (s *Presign) Done() bool { return s.result != nil || s.err != nil }

// Result returns this party's presignatures, or why the batch failed here.
// Some presignatures of a batch may be dropped; the rest are good.
func (s *Presign) Result() ([]*Presignature, error) {
	if !s.Done() {
		return nil, errors.New("tecdsa: presignature batch still running")
	}
	return s.result, s.err
}

// Faults lists the misbehaviour this party observed, each a *mpc.FaultError.
func (s *Presign) Faults() []error { return s.d.faults }

// Handle processes one message.
func (s *Presign) Handle(m mpc.Message) ([]mpc.Message, error) {
	if s.Done() {
		return nil, nil
	}
	if err := checkSender(s.d.p, m); err != nil {
		return nil, err
	}
	out, ok, err := s.d.handle(m)
	if !ok {
		if m.Payload[0] != kindOpen {
			return nil, mpc.Faultf(m.From, "message kind %d is not part of a presignature batch", m.Payload[0])
		}
		err = s.onOpen(m.From, m.Payload[1:])
	}
	more, ferr := s.advance(false)
	if err == nil {
		err = ferr
	}
	return append(out, more...), err
}

// Expire moves the batch on when a round's deadline passes.
func (s *Presign) Expire() ([]mpc.Message, error) {
	if s.Done() {
		return nil, nil
	}
	var out []mpc.Message
	if !s.d.decided() {
		out = s.d.expire()
	}
	// Finish with the openings at hand once a quorum is in, or after
	// waiting patiently for one.
	expired := false
	if s.own != nil && len(out) == 0 {
		s.waited++
		expired = len(s.opens) >= s.d.p.Quorum() || s.waited >= patience
	}
	more, err := s.advance(expired)
	return append(out, more...), err
}

func (s *Presign) openLen() int { return 32 + s.count*openSize }

func (s *Presign) onOpen(from uint32, body []byte) error {
	if prev, ok := s.opens[from]; ok {
		if bytes.Equal(prev.raw, body) {
			return nil
		}
		return mpc.Faultf(from, "sent two different openings")
	}
	if prev, ok := s.pending[from]; ok {
		if bytes.Equal(prev, body) {
			return nil
		}
		return mpc.Faultf(from, "sent two different openings")
	}
	o, err := s.parseOpen(body)
	if err != nil {
		return &mpc.FaultError{Party: from, Reason: err.Error()}
	}
	if !s.d.decided() {
		s.pending[from] = body
		return nil
	}
	if o.digest != s.d.decDigest {
		return mpc.Faultf(from, "opened a different decision")
	}
	s.opens[from] = o
	return nil
}

func (s *Presign) parseOpen(body []byte) (*opening, error) {
	if len(body) != s.openLen() {
		return nil, fmt.Errorf("%w: opening of %d bytes, want %d", ErrEncoding, len(body), s.openLen())
	}
	r := reader{b: body}
	o := &opening{raw: body, w: make([]secp.Scalar, s.count), t: make([]secp.Point, s.count), proofs: make([]cpProof, s.count)}
	copy(o.digest[:], r.take(32))
	for p := 0; p < s.count; p++ {
		o.w[p] = r.scalar()
		o.t[p] = r.point()
		o.proofs[p].c = r.scalar()
		o.proofs[p].z = r.scalar()
	}
	return o, r.done()
}

// advance opens once the decision is applied, and finishes when every
// party's opening is in (or, on expiry, with what arrived).
func (s *Presign) advance(expired bool) ([]mpc.Message, error) {
	if s.d.failed != nil {
		s.err = s.d.failed
		return nil, nil
	}
	if !s.d.decided() {
		return nil, nil
	}
	var out []mpc.Message
	var err error
	if s.own == nil {
		out = []mpc.Message{s.open()}
		// Cleared first: onOpen takes a body still in pending for a repeat.
		pending := s.pending
		s.pending = nil
		for from, body := range pending {
			if e := s.onOpen(from, body); e != nil {
				s.d.faults = append(s.d.faults, e)
				err = e
			}
		}
	}
	if len(s.opens) == len(s.d.p.Parties) || expired {
		s.finish()
	}
	return out, err
}

// open computes this party's values and broadcasts its opening.
func (s *Presign) open() mpc.Message {
	b := s.count
	sums, commits := s.d.shareSum, s.d.aggCommit
	st := &ownState{
		a:     make([]secp.Scalar, b),
		b:     make([][RootKeys]secp.Scalar, b),
		r:     make([]secp.Point, b),
		combs: make([]*secp.Comb, b),
	}
	ws := make([]secp.Scalar, b)
	rhos := make([]secp.Scalar, b)
	pts := make([]secp.Point, 3*b) // T, U1, U2 per presignature
	for p := 0; p < b; p++ {
		k, a := sums[2*p], sums[2*p+1]
		zw := sums[2*b+zeroPerPresig*p]
		st.a[p] = a
		st.r[p] = commits[2*p][0]
		// w_i = a_i·k_i + z^w_i
		ws[p].Mul2(&a, &k).Add(&zw)
		// b_{j,i} = a_i·x_{j,i} + z^{b,j}_i
		for j := 0; j < RootKeys; j++ {
			st.b[p][j].Mul2(&a, &s.key.Secrets[j]).Add(&sums[2*b+zeroPerPresig*p+1+j])
		}
		// The comb for R serves T_i and the proof now, and δ·R when signing.
		if secp.IsInfinity(&st.r[p]) {
			continue // negligible; the batch check drops it
		}
		st.combs[p] = secp.NewComb(&st.r[p])
		rho, err := secp.RandomScalar(s.d.p.Rand)
		if err != nil {
			rho = randomWeight(s.rng) // only if the randomness source failed
		}
		rhos[p] = rho
		pts[3*p] = st.combs[p].Mul(&a)
		secp256k1.ScalarBaseMultNonConst(&rho, &pts[3*p+1])
		pts[3*p+2] = st.combs[p].Mul(&rho)
	}
	secp.BatchToAffine(pts)
	w := writer{b: make([]byte, 0, 1+s.openLen())}
	w.u8(kindOpen)
	w.raw(s.d.decDigest[:])
	o := &opening{w: ws, t: make([]secp.Point, b), proofs: make([]cpProof, b), digest: s.d.decDigest}
	for p := 0; p < b; p++ {
		o.t[p] = pts[3*p]
		ctx := cpContext{decision: s.d.decDigest, presig: uint16(p), prover: s.d.p.Self}
		c := ctx.challenge(&st.r[p], &pts[3*p], &pts[3*p+1], &pts[3*p+2])
		var z secp.Scalar
		z.Mul2(&c, &st.a[p]).Add(&rhos[p])
		o.proofs[p] = cpProof{c: c, z: z}
		w.scalar(&ws[p])
		w.point(&o.t[p])
		w.scalar(&c)
		w.scalar(&z)
	}
	o.raw = w.b[1:]
	s.own, s.mine = o, st
	s.opens[s.d.p.Self] = o
	return mpc.Message{From: s.d.p.Self, To: mpc.Broadcast, Payload: w.b}
}

// finish checks the openings and produces the presignatures.
func (s *Presign) finish() {
	holders := slices.Sorted(func(yield func(uint32) bool) {
		for id := range s.opens {
			if !yield(id) {
				return
			}
		}
	})
	alive := make([]bool, s.count)
	for p := range alive {
		alive[p] = !secp.IsInfinity(&s.mine.r[p])
	}
	for {
		if len(holders) < s.d.p.Quorum() {
			s.err = fmt.Errorf("%w: %d of %d needed", ErrTooFewOpenings, len(holders), s.d.p.Quorum())
			return
		}
		ck := s.newChecker(holders)
		var all []int
		for p, ok := range alive {
			if ok {
				all = append(all, p)
			}
		}
		if ck.check(all) {
			break
		}
		var failing []int
		for _, p := range all {
			if !ck.check([]int{p}) {
				failing = append(failing, p)
			}
		}
		culprits := s.blame(ck, failing)
		if len(culprits) == 0 {
			for _, p := range failing {
				alive[p] = false // nothing fits: drop it
			}
			continue
		}
		holders = slices.DeleteFunc(holders, func(id uint32) bool { return slices.Contains(culprits, id) })
	}
	ck := s.newChecker(holders)
	var out []*Presignature
	for p, ok := range alive {
		if !ok {
			continue
		}
		w := ck.w(p)
		if w.IsZero() {
			continue
		}
		pre := &Presignature{
			ID:      PresigID{Index: uint16(p)},
			Owner:   s.d.p.Leader,
			Index:   s.d.p.Self,
			Holders: holders,
			R:       s.mine.r[p],
			W:       w,
			A:       s.mine.a[p],
			B:       s.mine.b[p],
			comb:    s.mine.combs[p],
		}
		copy(pre.ID.Batch[:], s.d.p.Session)
		out = append(out, pre)
	}
	if out == nil {
		out = []*Presignature{}
	}
	s.result = out
	s.mine = nil
}

// checker holds the interpolation and dual-code weights of one holder set.
type checker struct {
	s       *Presign
	ids     []uint32
	lambdaT []secp.Scalar // interpolate at 0 from the first t+1 holders
	lambdaW []secp.Scalar // interpolate at 0 from the first 2t+1 holders
	dual    []secp.Scalar // u_i = 1/Π_{j≠i}(x_i − x_j) over all holders
}

func (s *Presign) newChecker(ids []uint32) *checker {
	t := s.d.p.T
	ck := &checker{s: s, ids: ids}
	ck.lambdaT, _ = vss.Lagrange(ids[:t+1], 0)
	ck.lambdaW, _ = vss.Lagrange(ids[:2*t+1], 0)
	ck.dual = make([]secp.Scalar, len(ids))
	for k, i := range ids {
		ck.dual[k].SetInt(1)
		xi := secp.ScalarFromUint(i)
		for _, j := range ids {
			if j != i {
				var d secp.Scalar
				xj := secp.ScalarFromUint(j)
				d.NegateVal(&xj).Add(&xi)
				ck.dual[k].Mul(&d)
			}
		}
	}
	secp.BatchInvert(ck.dual)
	return ck
}

// w interpolates w for presignature p from the first 2t+1 holders.
func (ck *checker) w(p int) secp.Scalar {
	var w secp.Scalar
	for k := range ck.lambdaW {
		var t secp.Scalar
		t.Mul2(&ck.lambdaW[k], &ck.s.opens[ck.ids[k]].w[p])
		w.Add(&t)
	}
	return w
}

// dualWeights returns v_i = u_i·g(x_i) for a random g of degree
// len(ids) − deg − 2: Σ v_i·y_i = 0 for every set of values y on a polynomial
// of degree ≤ deg, and fails with probability ~2^-64 otherwise.
func (ck *checker) dualWeights(deg int) []secp.Scalar {
	gdeg := len(ck.ids) - deg - 2
	if gdeg < 0 {
		return nil
	}
	g := make([]secp.Scalar, gdeg+1)
	for i := range g {
		g[i] = randomWeight(ck.s.rng)
	}
	v := make([]secp.Scalar, len(ck.ids))
	for k, id := range ck.ids {
		v[k] = vss.Polynomial(g).Eval(id)
		v[k].Mul(&ck.dual[k])
	}
	return v
}

// check verifies presignatures ps together: the w_i lie on a degree-2t
// polynomial (scalars), and with random weights
// Σ_p [Σ_i v_{p,i}·T_{p,i} + ρ_p·(Σ_{i≤t+1} λ_i·T_{p,i} − w_p·G)] = 0,
// which holds when every p's T_i lie on one degree-t polynomial and
// w_p·G = a_p·R_p.
func (ck *checker) check(ps []int) bool {
	if len(ps) == 0 {
		return true
	}
	t := ck.s.d.p.T
	m := len(ck.ids)
	coefs := make([]secp.Scalar, 0, len(ps)*m)
	points := make([]secp.Point, 0, len(ps)*m)
	var gcoef secp.Scalar
	for _, p := range ps {
		if vw := ck.dualWeights(2 * t); vw != nil {
			var sum secp.Scalar
			for k, id := range ck.ids {
				var x secp.Scalar
				x.Mul2(&vw[k], &ck.s.opens[id].w[p])
				sum.Add(&x)
			}
			if !sum.IsZero() {
				return false
			}
		}
		vt := ck.dualWeights(t)
		rho := randomWeight(ck.s.rng)
		w := ck.w(p)
		var rw secp.Scalar
		gcoef.Add(rw.Mul2(&rho, &w))
		for k, id := range ck.ids {
			var c secp.Scalar
			if vt != nil {
				c = vt[k]
			}
			if k <= t {
				var l secp.Scalar
				c.Add(l.Mul2(&rho, &ck.lambdaT[k]))
			}
			coefs = append(coefs, c)
			points = append(points, ck.s.opens[id].t[p])
		}
	}
	lhs := secp.MultiScalarMult(coefs, points)
	rhs := secp.BaseMult(&gcoef)
	return secp.Equal(&lhs, &rhs)
}

// blame names the parties responsible for failing presignatures: first those
// whose T fails its Chaum–Pedersen proof, else those whose w fits no
// (2t+1)-subset that passes.
func (s *Presign) blame(ck *checker, failing []int) []uint32 {
	var culprits []uint32
	add := func(id uint32, format string, args ...any) {
		if !slices.Contains(culprits, id) {
			culprits = append(culprits, id)
			s.d.fault(id, format, args...)
		}
	}
	for _, p := range failing {
		aCommit := s.d.aggCommit[2*p+1]
		for _, id := range ck.ids {
			if id == s.d.p.Self {
				continue
			}
			o := s.opens[id]
			a := aCommit.Eval(id)
			secp.ToAffine(&a)
			ctx := cpContext{decision: s.d.decDigest, presig: uint16(p), prover: id}
			if !o.proofs[p].verify(&ctx, &a, &s.mine.r[p], &o.t[p]) {
				add(id, "presignature %d: T fails its Chaum–Pedersen proof", p)
			}
		}
	}
	if len(culprits) > 0 {
		return culprits
	}
	// The T_i are right, so a·R is: try the (2t+1)-subsets of w_i.
	q := s.d.p.Quorum()
	for _, p := range failing {
		aR := ck.aR(p)
		fits := map[uint32]bool{}
		subsets(ck.ids, q, func(sub []uint32) {
			lambda, _ := vss.Lagrange(sub, 0)
			var w secp.Scalar
			for k, id := range sub {
				var t secp.Scalar
				t.Mul2(&lambda[k], &s.opens[id].w[p])
				w.Add(&t)
			}
			wG := secp.BaseMult(&w)
			if secp.Equal(&wG, &aR) {
				for _, id := range sub {
					fits[id] = true
				}
			}
		})
		if len(fits) == 0 {
			continue
		}
		for _, id := range ck.ids {
			if !fits[id] {
				add(id, "presignature %d: w_i does not fit", p)
			}
		}
	}
	return culprits
}

// aR interpolates a·R for presignature p from the first t+1 holders' T_i.
func (ck *checker) aR(p int) secp.Point {
	t := ck.s.d.p.T
	pts := make([]secp.Point, t+1)
	for k := range pts {
		pts[k] = ck.s.opens[ck.ids[k]].t[p]
	}
	r := secp.MultiScalarMult(ck.lambdaT, pts)
	return r
}

// subsets calls f with every k-element subset of ids (in order).
func subsets(ids []uint32, k int, f func([]uint32)) {
	sub := make([]uint32, 0, k)
	var rec func(start int)
	rec = func(start int) {
		if len(sub) == k {
			f(sub)
			return
		}
		for i := start; i <= len(ids)-(k-len(sub)); i++ {
			sub = append(sub, ids[i])
			rec(i + 1)
			sub = sub[:len(sub)-1]
		}
	}
	rec(0)
}
