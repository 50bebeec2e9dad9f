package bls

import (
	"fmt"

	"github.com/consensys/gnark-crypto/ecc"
	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// msmConfig keeps the multi-exponentiation on the calling goroutine: with a
// handful of points, spawning workers costs more than it saves.
var msmConfig = ecc.MultiExpConfig{NbTasks: 1}

// Interpolate combines signature shares by Lagrange interpolation at 0 over
// their identifiers, using every share given. It does not verify the result:
// check it with Verify, or use PublicPoly.Combine, which also names bad shares.
func Interpolate(shares []SignatureShare) (Signature, error) {
	if len(shares) == 0 {
		return Signature{}, ErrTooFewShares
	}
	xs := make([]fr.Element, len(shares))
	seen := make(map[Identifier]bool, len(shares))
	for i, s := range shares {
		x, err := s.ID.scalar()
		if err != nil {
			return Signature{}, err
		}
		if seen[s.ID] {
			return Signature{}, fmt.Errorf("%w: %s", ErrDuplicateShare, s.ID)
		}
		if s.Value.p.IsInfinity() {
			return Signature{}, fmt.Errorf("signature share %s: %w", s.ID, ErrIdentity)
		}
		seen[s.ID] = true
		xs[i] = x
	}
	lambda := lagrangeAtZero(xs)
	points := make([]bls12381.G2Affine, len(shares))
	for i := range shares {
		points[i] = shares[i].Value.p
	}
	var acc bls12381.G2Jac
	if _, err := acc.MultiExp(points, lambda, msmConfig); err != nil {
		return Signature{}, fmt.Errorf("bls: interpolate: %w", err)
	}
	var out Signature
	out.p.FromJacobian(&acc)
	if out.p.IsInfinity() {
		return Signature{}, ErrIdentity
	}
	return out, nil
}

// lagrangeAtZero returns λ_i = Π_{j≠i} x_j / (x_j − x_i) for distinct non-zero x.
func lagrangeAtZero(xs []fr.Element) []fr.Element {
	var prod fr.Element // Π x_j
	prod.SetOne()
	for i := range xs {
		prod.Mul(&prod, &xs[i])
	}
	den := make([]fr.Element, len(xs)) // x_i · Π_{j≠i} (x_j − x_i)
	for i := range xs {
		den[i] = xs[i]
		for j := range xs {
			if j == i {
				continue
			}
			var d fr.Element
			d.Sub(&xs[j], &xs[i])
			den[i].Mul(&den[i], &d)
		}
	}
	inv := fr.BatchInvert(den)
	for i := range inv {
		inv[i].Mul(&inv[i], &prod)
	}
	return inv
}

// Combine makes the signature on msg from a quorum of shares. It interpolates
// the first Threshold() shares and verifies the result once. Only if that fails
// does it check every share against its public key share; it then returns a
// *BadSharesError naming the shares that failed and, when at least Threshold()
// good shares remain, also the signature combined from them (so a caller can
// both use the signature and blame the nodes). Any other error means no
// signature.
func (p *PublicPoly) Combine(msg []byte, shares []SignatureShare) (Signature, error) {
	q := len(p.c)
	if len(shares) < q {
		return Signature{}, fmt.Errorf("%w: %d of %d", ErrTooFewShares, len(shares), q)
	}
	h, err := hashToG2(msg)
	if err != nil {
		return Signature{}, fmt.Errorf("bls: hash to curve: %w", err)
	}
	if sig, err := Interpolate(shares[:q]); err == nil && verifyHashed(&p.c[0], &h, &sig.p) == nil {
		return sig, nil
	}
	// Slow path: find the culprits. Structural problems (duplicates, bad
	// identifiers) are reported as they are; they are the caller's to fix.
	bad := &BadSharesError{Need: q}
	good := make([]SignatureShare, 0, len(shares))
	seen := make(map[Identifier]bool, len(shares))
	for _, s := range shares {
		if seen[s.ID] {
			return Signature{}, fmt.Errorf("%w: %s", ErrDuplicateShare, s.ID)
		}
		seen[s.ID] = true
		pk, err := p.Share(s.ID)
		if err != nil {
			return Signature{}, fmt.Errorf("signature share %s: %w", s.ID, err)
		}
		if verifyHashed(&pk.p, &h, &s.Value.p) != nil {
			bad.Bad = append(bad.Bad, s.ID)
			continue
		}
		good = append(good, s)
	}
	bad.Good = len(good)
	if len(good) < q {
		return Signature{}, bad
	}
	sig, err := Interpolate(good[:q])
	if err != nil {
		return Signature{}, err
	}
	if verifyHashed(&p.c[0], &h, &sig.p) != nil {
		// q shares that each verify always interpolate to a valid signature.
		return Signature{}, fmt.Errorf("bls: combination of verified shares failed: %w", ErrVerify)
	}
	if len(bad.Bad) == 0 {
		// Everything verified one by one, yet the first q did not combine: the
		// later shares were needed only because of a structural problem above.
		return sig, nil
	}
	return sig, bad
}
