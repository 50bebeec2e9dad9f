package pkpenc

import (
	"errors"
	"fmt"

	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/vss"
)

// Errors of combining.
var (
	// ErrTooFewShares: fewer than t+1 shares.
	ErrTooFewShares = errors.New("pkpenc: too few decryption shares")
	// ErrDuplicate: two shares carry the same index (a *ShareError names it).
	ErrDuplicate = errors.New("pkpenc: two shares with the same index")
	// ErrThreshold: a corruption bound t out of range.
	ErrThreshold = errors.New("pkpenc: threshold out of range")
	// ErrNoValidSet wraps ErrDecrypt when CombineOpen finds no set of t+1
	// shares whose combination matches the ciphertext.
	ErrNoValidSet = fmt.Errorf("%w: no set of shares matches the ciphertext", ErrDecrypt)
)

// maxTries bounds the sets of t+1 shares CombineOpen tries (each costs an
// interpolation and an HKDF, about 0.1 ms), so hostile shares cost a client
// a fraction of a second, not a search exponential in n. It covers every way
// to leave out up to 3 of 16 shares (Σ_{k≤3} C(16,k) = 697) and any set of
// 2 bad shares among 64.
const maxTries = 2048

// Combine interpolates x'·U from shares of a degree-t sharing (t is the
// network's corruption bound, the handshake's Threshold; t+1 shares are
// needed, a quorum is 2t+1). It uses the first t+1 shares and trusts them:
// check each with VerifyShare first, or use CombineOpen. It refuses fewer
// than t+1 shares, repeated indices, and points that are not valid.
func Combine(shares []*Share, t int) (secp.Point, error) {
	ids, ds, err := prepare(shares, t)
	if err != nil {
		return secp.Point{}, err
	}
	p, err := interpolate(ids[:t+1], ds[:t+1], 0)
	if err != nil {
		return secp.Point{}, fmt.Errorf("pkpenc: combining: %w", err)
	}
	if secp.IsInfinity(&p) {
		return secp.Point{}, fmt.Errorf("%w: the shares combine to infinity", ErrPoint)
	}
	secp.ToAffine(&p)
	return p, nil
}

// CombineOpen combines shares whose proofs the caller cannot check (it does
// not have the nodes' public shares) and opens c with the result. It tries
// sets of t+1 shares, first the first t+1, and takes the first whose
// combination matches the ciphertext's key commitment: only x'·U does,
// whatever the wrong shares are.
//
// bad names the shares off the sharing polynomial. It is reliable — an
// honest node is never named — when at most t shares are wrong, and it is
// empty when the bad shares cannot be told apart: that needs 2t shares on the
// polynomial a set defines (a polynomial other than the true one through x'·U
// agrees with at most t−1 honest shares and t bad ones). With fewer, or when
// no set within maxTries matches, the plaintext may still be returned.
func CombineOpen(pkp *secp.Point, c *Ciphertext, aad []byte, shares []*Share, t int) (plaintext []byte, bad []uint32, err error) {
	ids, ds, err := prepare(shares, t)
	if err != nil {
		return nil, nil, err
	}
	x, err := checkPoint(pkp)
	if err != nil {
		return nil, nil, fmt.Errorf("pkpenc: PKP public key: %w", err)
	}
	k := t + 1
	set := make([]int, k) // indices into ids, increasing
	for i := range set {
		set[i] = i
	}
	sub := make([]uint32, k)
	pts := make([]secp.Point, k)
	tried, opened := 0, false
	for ; tried < maxTries; tried++ {
		for i, j := range set {
			sub[i], pts[i] = ids[j], ds[j]
		}
		p, err := interpolate(sub, pts, 0)
		if err == nil && !secp.IsInfinity(&p) {
			secp.ToAffine(&p)
			if c.commitOK(&x, &p) {
				if !opened {
					if plaintext, err = Open(&x, c, &p, aad); err != nil {
						// The key is right, so the ciphertext, its tag or
						// the associated data is wrong: no set can help.
						return nil, nil, err
					}
					opened = true
				}
				if bad, ok := offPolynomial(sub, pts, ids, ds, t); ok {
					return plaintext, bad, nil
				}
			}
		}
		if !nextSet(set, len(ids)) {
			tried++
			break
		}
	}
	if opened {
		return plaintext, nil, nil
	}
	return nil, nil, fmt.Errorf("%w (tried %d sets of %d shares out of %d)", ErrNoValidSet, tried, k, len(ids))
}

// offPolynomial evaluates the polynomial through (sub, pts) at every other
// share's index and returns those that differ. ok is false unless at least
// 2t shares agree, the bound above which the polynomial is the true one.
func offPolynomial(sub []uint32, pts []secp.Point, ids []uint32, ds []secp.Point, t int) (bad []uint32, ok bool) {
	agree := len(sub)
	for j, id := range ids {
		if inSet(sub, id) {
			continue
		}
		want, err := interpolate(sub, pts, id)
		if err != nil {
			return nil, false
		}
		if secp.Equal(&want, &ds[j]) {
			agree++
		} else {
			bad = append(bad, id)
		}
	}
	return bad, agree >= 2*t
}

func inSet(s []uint32, v uint32) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// nextSet advances set to the next k-subset of 0..n−1 in lexicographic
// order; false after the last.
func nextSet(set []int, n int) bool {
	k := len(set)
	i := k - 1
	for i >= 0 && set[i] == n-k+i {
		i--
	}
	if i < 0 {
		return false
	}
	set[i]++
	for j := i + 1; j < k; j++ {
		set[j] = set[j-1] + 1
	}
	return true
}

// prepare checks the shares and t, and returns their indices and affine
// points in order.
func prepare(shares []*Share, t int) ([]uint32, []secp.Point, error) {
	if t < 0 || t >= MaxIndex {
		return nil, nil, fmt.Errorf("%w: t = %d, want 0..%d", ErrThreshold, t, MaxIndex-1)
	}
	if len(shares) < t+1 {
		return nil, nil, fmt.Errorf("%w: %d shares, need t+1 = %d", ErrTooFewShares, len(shares), t+1)
	}
	if len(shares) > MaxIndex {
		return nil, nil, fmt.Errorf("%w: %d shares, at most %d", ErrTooLarge, len(shares), MaxIndex)
	}
	ids := make([]uint32, len(shares))
	ds := make([]secp.Point, len(shares))
	seen := make(map[uint32]bool, len(shares))
	for k, sh := range shares {
		if sh == nil {
			return nil, nil, fmt.Errorf("pkpenc: share %d is nil", k)
		}
		if sh.Index == 0 || sh.Index > MaxIndex {
			return nil, nil, &ShareError{Index: sh.Index, Err: fmt.Errorf("%w: want 1..%d", ErrIndex, MaxIndex)}
		}
		if seen[sh.Index] {
			return nil, nil, &ShareError{Index: sh.Index, Err: ErrDuplicate}
		}
		seen[sh.Index] = true
		d, err := checkPoint(&sh.D)
		if err != nil {
			return nil, nil, &ShareError{Index: sh.Index, Err: err}
		}
		ids[k], ds[k] = sh.Index, d
	}
	return ids, ds, nil
}

// interpolate returns P(at) for the polynomial "in the exponent" through
// the affine points P(ids[k]) = pts[k] (Jacobian).
func interpolate(ids []uint32, pts []secp.Point, at uint32) (secp.Point, error) {
	lambda, err := vss.Lagrange(ids, at)
	if err != nil {
		return secp.Point{}, err
	}
	return lincomb(lambda, pts), nil
}

// msmFrom is the number of points from which the bucket method of
// secp.MultiScalarMult beats one GLV multiplication per point (about 100 µs
// a point for 7 points, against 50 µs for secp.ScalarMult).
const msmFrom = 16

// lincomb returns Σ scalars[k]·points[k] (Jacobian) for affine points.
func lincomb(scalars []secp.Scalar, points []secp.Point) secp.Point {
	if len(points) >= msmFrom {
		return secp.MultiScalarMult(scalars, points)
	}
	var acc secp.Point
	for k := range points {
		p := secp.ScalarMult(&scalars[k], &points[k])
		secp.Add(&acc, &p, &acc)
	}
	return acc
}
