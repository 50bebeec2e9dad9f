package tecdsa

import (
	"errors"
	"fmt"
	"slices"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"

	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/vss"
)

// Errors of combining.
var (
	// ErrTooFewShares: fewer shares than the quorum.
	ErrTooFewShares = errors.New("tecdsa: too few signature shares")
	// ErrInvalidSignature: the shares combine to a signature that does not
	// verify, and there are not enough of them to find out whose is wrong.
	ErrInvalidSignature = errors.New("tecdsa: combined signature does not verify")
	// ErrMixedShares: shares disagree on R', the public key or the message.
	ErrMixedShares = errors.New("tecdsa: shares of different signatures")
)

// Signature is an ECDSA signature with its recovery id, low-s normalised.
type Signature struct {
	R, S secp.Scalar
	V    byte // recovery id: parity of y(R'), flipped with s; +2 if x(R') ≥ N
}

// Bytes returns r ‖ s ‖ v (65 bytes; v is 0 or 1, Ethereum's "yParity").
func (s *Signature) Bytes() [65]byte {
	var out [65]byte
	r, sb := s.R.Bytes(), s.S.Bytes()
	copy(out[:32], r[:])
	copy(out[32:64], sb[:])
	out[64] = s.V
	return out
}

// maxClaimSets bounds the share sets CombineClaims tries.
const maxClaimSets = 64

// maxCombineTries bounds the quorums Combine tries when the first one does
// not verify (each costs an interpolation and a verification, about 0.15 ms),
// so that hostile shares cost a client a fraction of a second, not a search
// exponential in n. It covers every way to leave out up to 4 of 13 shares.
const maxCombineTries = 2048

// CombineClaims is Combine for plain shares where several nodes claimed the
// same index: shares holds the first claimant of each index (a set the
// caller has tried already), extra the later ones. It tries the other sets
// that pick one claimant per index, so that a node answering with an honest
// node's index cannot keep that node's share out, and returns the first set
// that combines. Each index is one point of the signing polynomial: only the
// claimant on it makes the signature verify.
func CombineClaims(shares, extra []*SignatureShare, quorum int) (sig *Signature, bad []uint32, used []*SignatureShare, err error) {
	claims := map[uint32][]*SignatureShare{}
	var order []uint32
	for _, sh := range append(slices.Clone(shares), extra...) {
		if _, ok := claims[sh.Index]; !ok {
			order = append(order, sh.Index)
		}
		claims[sh.Index] = append(claims[sh.Index], sh)
	}
	err = ErrInvalidSignature
	pick := make([]int, len(order)) // an odometer over each index's claimants
	for tried := 0; tried < maxClaimSets; tried++ {
		if tried > 0 { // pick all zero is shares itself
			set := make([]*SignatureShare, len(order))
			for i, idx := range order {
				set[i] = claims[idx][pick[i]]
			}
			var e error
			if sig, bad, e = Combine(set, quorum); e == nil {
				return sig, bad, set, nil
			}
			err = e
		}
		i := 0
		for ; i < len(order); i++ {
			if pick[i]++; pick[i] < len(claims[order[i]]) {
				break
			}
			pick[i] = 0
		}
		if i == len(order) {
			break
		}
	}
	return nil, nil, nil, err
}

// Combine interpolates plain signature shares (any quorum of them, quorum =
// 2t+1), normalises to low-s, sets the recovery id and verifies the result
// against the public key. With more than quorum shares it survives wrong
// ones and names them in bad (trying at most maxCombineTries quorums: every
// single wrong share is found, and as many more as that bound allows); with
// exactly quorum a wrong share makes it fail with ErrInvalidSignature.
func Combine(shares []*SignatureShare, quorum int) (sig *Signature, bad []uint32, err error) {
	ref, bad, err := agreeing(shares)
	if err != nil {
		return nil, bad, err
	}
	byIndex := map[uint32]*SignatureShare{}
	var ids []uint32
	for _, sh := range shares {
		if slices.Contains(bad, sh.Index) {
			continue
		}
		if sh.Weighted {
			return nil, bad, fmt.Errorf("%w: a weighted share among plain ones", ErrMixedShares)
		}
		if _, dup := byIndex[sh.Index]; dup {
			return nil, bad, fmt.Errorf("%w: two shares from node %d", ErrMixedShares, sh.Index)
		}
		byIndex[sh.Index] = sh
		ids = append(ids, sh.Index)
	}
	slices.Sort(ids)
	if quorum < 1 || len(ids) < quorum {
		return nil, bad, fmt.Errorf("%w: %d of %d", ErrTooFewShares, len(ids), quorum)
	}
	if err := vss.CheckIndices(ids); err != nil {
		return nil, bad, err
	}
	try := func(sub []uint32) *Signature {
		vals := make([]secp.Scalar, len(sub))
		for k, id := range sub {
			vals[k] = byIndex[id].Sigma
		}
		s, _ := vss.Interpolate(sub, vals)
		return finish(ref, s)
	}
	if sig = try(ids[:quorum]); sig != nil {
		return sig, bad, nil
	}
	if len(ids) == quorum {
		return nil, bad, ErrInvalidSignature
	}
	// Find a quorum that verifies by leaving out e = 1, 2, … shares: one
	// wrong share among m costs at most m tries, and the search stops after
	// maxCombineTries verifications whatever the shares are.
	var good []uint32
	tries := 0
	for e := 1; e <= len(ids)-quorum && good == nil && tries < maxCombineTries; e++ {
		subsets(ids, e, func(out []uint32) bool {
			if tries++; tries > maxCombineTries {
				return false
			}
			rest := make([]uint32, 0, quorum)
			for _, id := range ids {
				if len(rest) < quorum && !slices.Contains(out, id) {
					rest = append(rest, id)
				}
			}
			if s := try(rest); s != nil {
				sig, good = s, rest
				return false
			}
			return true
		})
	}
	if good == nil {
		return nil, bad, ErrInvalidSignature
	}
	vals := make([]secp.Scalar, len(good))
	for k, id := range good {
		vals[k] = byIndex[id].Sigma
	}
	for _, id := range ids {
		if slices.Contains(good, id) {
			continue
		}
		l, _ := vss.Lagrange(good, id)
		var want secp.Scalar
		for k := range l {
			var t secp.Scalar
			want.Add(t.Mul2(&l[k], &vals[k]))
		}
		if !want.Equals(&byIndex[id].Sigma) {
			bad = append(bad, id)
		}
	}
	slices.Sort(bad)
	return sig, bad, nil
}

// CombineWeighted adds Lit-weighted shares (each already multiplied by its
// Lagrange coefficient for the request's signer set), as Lit's SDK does,
// then normalises and verifies. A wrong share cannot be named: the sum has no
// redundancy.
func CombineWeighted(shares []*SignatureShare) (*Signature, error) {
	ref, bad, err := agreeing(shares)
	if err != nil {
		return nil, err
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("%w: nodes %v", ErrMixedShares, bad)
	}
	var s secp.Scalar
	seen := map[uint32]bool{}
	for _, sh := range shares {
		if seen[sh.Index] {
			return nil, fmt.Errorf("%w: two shares from node %d", ErrMixedShares, sh.Index)
		}
		seen[sh.Index] = true
		s.Add(&sh.Sigma)
	}
	sig := finish(ref, s)
	if sig == nil {
		return nil, ErrInvalidSignature
	}
	return sig, nil
}

// agreeing picks the (R', X', m) most shares carry and names the shares that
// carry something else.
func agreeing(shares []*SignatureShare) (*SignatureShare, []uint32, error) {
	if len(shares) == 0 {
		return nil, nil, ErrTooFewShares
	}
	same := func(a, b *SignatureShare) bool {
		return a.Hash == b.Hash && secp.Equal(&a.R, &b.R) && secp.Equal(&a.PublicKey, &b.PublicKey)
	}
	best, votes := shares[0], 0
	for _, a := range shares {
		n := 0
		for _, b := range shares {
			if same(a, b) {
				n++
			}
		}
		if n > votes {
			best, votes = a, n
		}
	}
	var bad []uint32
	for _, sh := range shares {
		if !same(sh, best) {
			bad = append(bad, sh.Index)
		}
	}
	if secp.IsInfinity(&best.R) || secp.IsInfinity(&best.PublicKey) {
		return nil, bad, fmt.Errorf("%w: R' or the public key is the point at infinity", ErrMixedShares)
	}
	return best, bad, nil
}

// finish turns s into a low-s signature with its recovery id and returns it
// only if it verifies under ref's public key.
func finish(ref *SignatureShare, s secp.Scalar) *Signature {
	if s.IsZero() {
		return nil
	}
	rp := ref.R
	rp.ToAffine()
	var r secp.Scalar
	overflow := r.SetBytes(rp.X.Bytes()) != 0
	v := byte(0)
	if rp.Y.IsOdd() {
		v = 1
	}
	if overflow {
		v |= 2
	}
	if s.IsOverHalfOrder() {
		s.Negate()
		v ^= 1
	}
	sig := &Signature{R: r, S: s, V: v}
	pub := ref.PublicKey
	pub.ToAffine()
	pk := secp256k1.NewPublicKey(&pub.X, &pub.Y)
	if !ecdsa.NewSignature(&sig.R, &sig.S).Verify(ref.Hash[:], pk) {
		return nil
	}
	return sig
}

// subsets calls f with every k-element subset of ids, in order, until f
// returns false.
func subsets(ids []uint32, k int, f func([]uint32) bool) {
	sub := make([]uint32, 0, k)
	var rec func(start int) bool
	rec = func(start int) bool {
		if len(sub) == k {
			return f(sub)
		}
		for i := start; i <= len(ids)-(k-len(sub)); i++ {
			sub = append(sub, ids[i])
			if !rec(i + 1) {
				return false
			}
			sub = sub[:len(sub)-1]
		}
		return true
	}
	rec(0)
}
