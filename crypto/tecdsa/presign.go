package tecdsa

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/vss"
)

// ErrTooFewOpenings: fewer than 2t+1 parties opened w with a valid proof.
var ErrTooFewOpenings = errors.New("tecdsa: too few valid openings")

// openSize is one presignature's part of an opening: w_i and its proof
// (U1, U2, z).
const openSize = secp.ScalarSize + 2*secp.PointSize + secp.ScalarSize

// Polynomials dealt per presignature: k and a (degree t, committed), z^w and
// z^b (degree 2t, constant 0, committed).
const (
	polyK = iota
	polyA
	perPresig
)
const (
	zeroW = iota
	zeroB
)

// maxBlameRounds bounds how often a batch check that fails without naming
// anyone is repeated with fresh weights (it happens only with probability
// about 2^-64 per round).
const maxBlameRounds = 4

// Presign is one party of a batch of presignatures (§3 of the protocol).
//
// Dealing: every dealer deals, per presignature, the nonce k and the mask a
// (degree t) and two zero-sharings z^w and z^b (degree 2t, constant 0), all
// committed. Once n − t parties confirmed the decision, party i holds k_i,
// a_i, z^w_i and z^b_i, and every public value it needs is computable from
// the commitments: R = k·G, and for every party j, A_j, K_j and Z^w_j.
//
// Opening: party i broadcasts w_i = a_i·k_i + z^w_i with a proof that it is
// exactly that (wProof). Everyone verifies all proofs of the batch together;
// when that fails it finds a failing presignature by halving the batch and
// names exactly the parties whose proofs fail there — time linear in n, and
// an honest party's proof never fails, so no honest party is ever named. w is
// interpolated from any 2t+1 proven values.
//
// Stored: R, w, a_i and z^b_i. k_i is dropped and k is never reconstructed.
type Presign struct {
	d     *dealing
	key   *KeyShare
	count int

	own     *opening
	mine    *ownState
	opens   map[uint32]*opening
	pending map[uint32][]byte // raw openings that arrived before the confirmation
	waited  int               // expiries while waiting for openings
	result  []*Presignature
	err     error
}

var _ mpc.Party = (*Presign)(nil)

type opening struct {
	raw    []byte
	digest [32]byte
	w      []secp.Scalar
	proofs []wProof
	e      []secp.Scalar // challenges, computed once
}

// ownState is what this party keeps between its opening and the end.
type ownState struct {
	a, zb []secp.Scalar
	r     []secp.Point
}

// NewPresign returns a party of a batch of count presignatures. p.Session
// must be the 16-byte batch id; the committee may be any subset of the key's
// parties of at least 2t+1 (the live nodes; a committee of fewer than 3t+1
// needs more of its members to confirm), and the leader owns the batch.
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
	d, err := newDealing(&p, dealSpec{committed: perPresig * count, zero: 2 * count})
	if err != nil {
		return nil, err
	}
	return &Presign{d: d, key: key, count: count, opens: map[uint32]*opening{}, pending: map[uint32][]byte{}}, nil
}

// Start deals this party's polynomials.
func (s *Presign) Start() ([]mpc.Message, error) {
	out, err := s.d.start(nil)
	if err != nil {
		s.err = err
	}
	return out, err
}

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

// Qualified returns the dealers whose contributions make the batch, once
// decided.
func (s *Presign) Qualified() []uint32 { return s.d.qualified }

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
	out := s.d.expire()
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
	if s.own == nil {
		s.pending[from] = body
		return nil
	}
	if o.digest != s.d.decDigest {
		return mpc.Faultf(from, "opened a different decision")
	}
	o.e = make([]secp.Scalar, s.count)
	for p := range o.e {
		ctx := proofContext{decision: s.d.decDigest, presig: uint16(p), prover: from}
		off := 32 + p*openSize + secp.ScalarSize
		o.e[p] = ctx.challenge(&o.w[p], body[off:off+secp.PointSize], body[off+secp.PointSize:off+2*secp.PointSize])
	}
	s.opens[from] = o
	return nil
}

func (s *Presign) parseOpen(body []byte) (*opening, error) {
	if len(body) != s.openLen() {
		return nil, fmt.Errorf("%w: opening of %d bytes, want %d", ErrEncoding, len(body), s.openLen())
	}
	r := reader{b: body}
	o := &opening{raw: body, w: make([]secp.Scalar, s.count), proofs: make([]wProof, s.count)}
	copy(o.digest[:], r.take(32))
	for p := 0; p < s.count; p++ {
		o.w[p] = r.scalar()
		o.proofs[p].u1 = r.point()
		o.proofs[p].u2 = r.point()
		o.proofs[p].z = r.scalar()
	}
	return o, r.done()
}

// advance opens once n − t parties confirmed the decision, and finishes when
// every party's opening is in (or, on expiry, with what arrived).
func (s *Presign) advance(expired bool) ([]mpc.Message, error) {
	if s.err != nil {
		return nil, nil
	}
	if s.d.failed != nil {
		s.err = s.d.failed
		return nil, nil
	}
	if !s.d.confirmed() {
		return nil, nil
	}
	var out []mpc.Message
	var err error
	if s.own == nil {
		msg, oerr := s.open()
		if oerr != nil {
			s.err = oerr
			return nil, nil
		}
		out = []mpc.Message{msg}
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

// share returns this party's sum over D of polynomial c of presignature p.
func (s *Presign) share(p, c int) *secp.Scalar { return &s.d.shareSum[perPresig*p+c] }

// zeroShare returns this party's sum over D of zero-sharing z of p.
func (s *Presign) zeroShare(p, z int) *secp.Scalar {
	return &s.d.shareSum[s.d.spec.committed+2*p+z]
}

// open computes this party's values and broadcasts its opening. A failed
// randomness source aborts the batch: a proof with a guessable nonce gives
// a_i away, and with it k.
func (s *Presign) open() (mpc.Message, error) {
	b := s.count
	st := &ownState{
		a:  make([]secp.Scalar, b),
		zb: make([]secp.Scalar, b),
		r:  make([]secp.Point, b),
	}
	ws := make([]secp.Scalar, b)
	zs := make([]secp.Scalar, b)
	nonces := make([]secp.Scalar, 2*b) // ρ and ρ·k_i per presignature
	for p := 0; p < b; p++ {
		k, a := s.share(p, polyK), s.share(p, polyA)
		st.a[p] = *a
		st.zb[p] = *s.zeroShare(p, zeroB)
		st.r[p] = s.d.aggCommit[perPresig*p+polyK][0]
		// w_i = a_i·k_i + z^w_i
		ws[p].Mul2(a, k).Add(s.zeroShare(p, zeroW))
		rho, err := secp.RandomScalar(s.d.p.Rand)
		if err != nil || rho.IsZero() {
			return mpc.Message{}, fmt.Errorf("%w: proof nonce: %v", ErrRandomness, err)
		}
		nonces[2*p] = rho
		nonces[2*p+1].Mul2(&rho, k)
		zs[p] = rho // z = ρ + e·a_i once e is known
	}
	pts := secp.BatchBaseMult(nonces) // U1 = ρ·G, U2 = ρ·K_i
	w := writer{b: make([]byte, 0, 1+s.openLen())}
	w.u8(kindOpen)
	w.raw(s.d.decDigest[:])
	o := &opening{w: ws, proofs: make([]wProof, b), digest: s.d.decDigest}
	for p := 0; p < b; p++ {
		w.scalar(&ws[p])
		off := len(w.b)
		w.point(&pts[2*p])
		w.point(&pts[2*p+1])
		ctx := proofContext{decision: s.d.decDigest, presig: uint16(p), prover: s.d.p.Self}
		e := ctx.challenge(&ws[p], w.b[off:off+secp.PointSize], w.b[off+secp.PointSize:])
		var ea secp.Scalar
		zs[p].Add(ea.Mul2(&e, &st.a[p]))
		w.scalar(&zs[p])
		o.proofs[p] = wProof{u1: pts[2*p], u2: pts[2*p+1], z: zs[p]}
	}
	o.raw = w.b[1:]
	s.own, s.mine = o, st
	s.opens[s.d.p.Self] = o
	return mpc.Message{From: s.d.p.Self, To: mpc.Broadcast, Payload: w.b}, nil
}

// finish verifies the openings, names the parties whose proofs fail, and
// produces the presignatures from the others.
func (s *Presign) finish() {
	var senders []uint32 // parties whose openings are still trusted, this one excluded
	for id := range s.opens {
		if id != s.d.p.Self {
			senders = append(senders, id)
		}
	}
	slices.Sort(senders)
	var alive []int
	for p := 0; p < s.count; p++ {
		if !secp.IsInfinity(&s.mine.r[p]) {
			alive = append(alive, p) // R = ∞ has probability ~2^-256: drop p
		}
	}
	for round := 0; ; {
		if len(senders)+1 < s.d.p.Quorum() {
			s.err = fmt.Errorf("%w: %d of %d needed", ErrTooFewOpenings, len(senders)+1, s.d.p.Quorum())
			return
		}
		if s.proofsHold(senders, alive) {
			break
		}
		culprits := s.blame(senders, alive)
		if len(culprits) == 0 {
			if round++; round >= maxBlameRounds {
				s.err = fmt.Errorf("%w: the batch check fails but no proof does", ErrTooFewOpenings)
				return
			}
			continue
		}
		senders = slices.DeleteFunc(senders, func(id uint32) bool { return slices.Contains(culprits, id) })
	}
	holders := slices.Sorted(slices.Values(append(senders, s.d.p.Self)))
	lambda, _ := vss.Lagrange(holders[:s.d.p.Quorum()], 0)
	out := []*Presignature{}
	for _, p := range alive {
		var w secp.Scalar
		for k, id := range holders[:s.d.p.Quorum()] {
			var t secp.Scalar
			w.Add(t.Mul2(&lambda[k], &s.opens[id].w[p]))
		}
		if w.IsZero() {
			continue // negligible; nothing can be signed with it
		}
		pre := &Presignature{
			ID:      PresigID{Index: uint16(p), Decision: s.d.decDigest},
			Owner:   s.d.p.Leader,
			Index:   s.d.p.Self,
			Holders: holders,
			R:       s.mine.r[p],
			W:       w,
			A:       s.mine.a[p],
			ZB:      s.mine.zb[p],
		}
		copy(pre.ID.Batch[:], s.d.p.Session)
		out = append(out, pre)
	}
	s.result = out
	s.mine = nil
}

// proofsHold verifies the proofs of senders for presignatures ps together.
// For every (j, p), with random 64-bit weights α, β, the two equations
// z·G = U1 + e·A_j and z·K_j = U2 + e·(w_j·G − Z^w_j) are summed into
//
//	Σ α·U1 + β·U2 = Σ (α·z − β·e·w)·G − Σ α·e·A_j + Σ β·z·K_j + Σ β·e·Z^w_j
//
// and A_j, K_j, Z^w_j are expanded over the commitments (A_j = Σ_l j^l·C^a_l
// and so on), so the right side is one multi-scalar multiplication over the
// batch's commitment points (4t+2 per presignature, whatever n) and the left
// one over the proofs' points with short weights.
func (s *Presign) proofsHold(senders []uint32, ps []int) bool {
	if len(senders) == 0 || len(ps) == 0 {
		return true
	}
	t := s.d.p.T
	pows := powers(senders, 2*t)
	short := make([]secp.Scalar, 0, 2*len(senders)*len(ps))
	shortPts := make([]secp.Point, 0, cap(short))
	full := make([]secp.Scalar, 0, len(ps)*(4*t+2)+1)
	fullPts := make([]secp.Point, 0, cap(full))
	var g secp.Scalar
	ca := make([]secp.Scalar, t+1)
	ck := make([]secp.Scalar, t+1)
	cw := make([]secp.Scalar, 2*t+1)
	for _, p := range ps {
		clear(ca)
		clear(ck)
		clear(cw)
		for k, j := range senders {
			o := s.opens[j]
			pr := &o.proofs[p]
			alpha, beta := randomWeight(s.d.rng), randomWeight(s.d.rng)
			short = append(short, alpha, beta)
			shortPts = append(shortPts, pr.u1, pr.u2)
			var az, be, bew, ae, bz secp.Scalar
			az.Mul2(&alpha, &pr.z)
			be.Mul2(&beta, &o.e[p])
			bew.Mul2(&be, &o.w[p])
			g.Add(az.Add(bew.Negate()))
			ae.Mul2(&alpha, &o.e[p])
			bz.Mul2(&beta, &pr.z)
			for l := 0; l <= 2*t; l++ {
				var x secp.Scalar
				if l <= t {
					ca[l].Add(x.Mul2(&ae, &pows[k][l]))
					ck[l].Add(x.Mul2(&bz, &pows[k][l]))
				}
				if l > 0 {
					cw[l].Add(x.Mul2(&be, &pows[k][l]))
				}
			}
		}
		aC, kC, wC := s.d.aggCommit[perPresig*p+polyA], s.d.aggCommit[perPresig*p+polyK], s.d.aggZero[2*p+zeroW]
		for l := 0; l <= t; l++ {
			full = append(full, *ca[l].Negate(), ck[l])
			fullPts = append(fullPts, aC[l], kC[l])
		}
		for l := 1; l <= 2*t; l++ {
			full = append(full, cw[l])
			fullPts = append(fullPts, wC[l])
		}
	}
	full = append(full, g)
	fullPts = append(fullPts, generator)
	lhs := secp.MultiScalarMult(short, shortPts)
	rhs := secp.MultiScalarMult(full, fullPts)
	return secp.Equal(&lhs, &rhs)
}

var generator = func() secp.Point {
	var one secp.Scalar
	one.SetInt(1)
	return secp.BaseMult(&one)
}()

// powers returns ids[k]^l for l = 0..deg.
func powers(ids []uint32, deg int) [][]secp.Scalar {
	out := make([][]secp.Scalar, len(ids))
	for k, id := range ids {
		x := secp.ScalarFromUint(id)
		out[k] = make([]secp.Scalar, deg+1)
		out[k][0].SetInt(1)
		for l := 1; l <= deg; l++ {
			out[k][l].Mul2(&out[k][l-1], &x)
		}
	}
	return out
}

// blame finds a presignature whose proofs fail (halving ps while the first
// half holds: about one batch check in all) and names every sender whose
// proof for it fails on its own. Each proof checked alone costs a few scalar
// multiplications, so naming a party costs time linear in n, and a party is
// named only for a value it sent.
func (s *Presign) blame(senders []uint32, ps []int) []uint32 {
	for len(ps) > 1 {
		half := ps[:len(ps)/2]
		if !s.proofsHold(senders, half) {
			ps = half
		} else {
			ps = ps[len(ps)/2:]
		}
	}
	p := ps[0]
	aC, kC, wC := s.d.aggCommit[perPresig*p+polyA], s.d.aggCommit[perPresig*p+polyK], s.d.aggZero[2*p+zeroW]
	var culprits []uint32
	for _, j := range senders {
		o := s.opens[j]
		a, k, zw := aC.Eval(j), kC.Eval(j), wC.Eval(j)
		if !o.proofs[p].verifyOne(&o.e[p], &o.w[p], &a, &k, &zw) {
			culprits = append(culprits, j)
			s.d.fault(j, "presignature %d: w_i fails its proof", p)
		}
	}
	return culprits
}
