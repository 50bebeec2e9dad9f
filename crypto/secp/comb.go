package secp

import (
	gsecp "github.com/consensys/gnark-crypto/ecc/secp256k1"
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fp"
)

// Comb parameters: combTeeth bits of the scalar are read at once, spaced
// combSpacing apart, so a multiplication costs combSpacing−1 doublings and
// combSpacing mixed additions against a table of 2^combTeeth−1 affine points.
// With 8 teeth the table is 255 points (16 KiB).
const (
	combTeeth   = 8
	combSpacing = (256 + combTeeth - 1) / combTeeth
)

// Comb is a precomputed table for fast multiplication of one fixed point by
// many scalars (Lim–Lee comb method): it moves most of the cost of k·R for a
// presignature's R offline.
//
// Its arithmetic runs on gnark-crypto's secp256k1 (a 64-bit-limb field with
// assembly), about twice as fast as decred's for additions and five times for
// inversions: this is the online signing path. Points cross between the two
// libraries as coordinates (both use Jacobian X/Z², Y/Z³), so callers see
// decred types only.
type Comb struct {
	table [1<<combTeeth - 1]gsecp.G1Affine // table[v−1] = Σ_b bit_b(v)·2^(b·combSpacing)·P
}

func toGnark(p *Point) gsecp.G1Affine {
	var q gsecp.G1Affine
	q.X.SetBytes(p.X.Bytes()[:])
	q.Y.SetBytes(p.Y.Bytes()[:])
	return q
}

func fromGnark(x, y, z *fp.Element) Point {
	var p Point
	xb, yb, zb := x.Bytes(), y.Bytes(), z.Bytes()
	p.X.SetBytes(&xb)
	p.Y.SetBytes(&yb)
	p.Z.SetBytes(&zb)
	return p
}

// NewComb builds the comb table of the affine point p (not infinity).
func NewComb(p *Point) *Comb {
	var teeth [combTeeth]gsecp.G1Jac
	base := toGnark(p)
	teeth[0].FromAffine(&base)
	for b := 1; b < combTeeth; b++ {
		teeth[b] = teeth[b-1]
		for i := 0; i < combSpacing; i++ {
			teeth[b].DoubleAssign()
		}
	}
	aff := gsecp.BatchJacobianToAffineG1(teeth[:])
	// Every table entry is a sum of distinct teeth: add them up in Jacobian
	// coordinates from the previous entry, then normalise all at once.
	jac := make([]gsecp.G1Jac, len(Comb{}.table))
	for v := 1; v < 1<<combTeeth; v++ {
		top := 0
		for v>>(top+1) != 0 {
			top++
		}
		rest := v &^ (1 << top)
		if rest == 0 {
			jac[v-1].FromAffine(&aff[top])
			continue
		}
		jac[v-1] = jac[rest-1]
		jac[v-1].AddMixed(&aff[top])
	}
	c := new(Comb)
	copy(c.table[:], gsecp.BatchJacobianToAffineG1(jac))
	return c
}

func (c *Comb) mul(k *Scalar) gsecp.G1Jac {
	kb := k.Bytes()
	var q gsecp.G1Jac
	q.Z.SetZero() // infinity
	q.X.SetOne()
	q.Y.SetOne()
	for j := combSpacing - 1; j >= 0; j-- {
		q.DoubleAssign()
		v := 0
		for b := combTeeth - 1; b >= 0; b-- {
			bit := b*combSpacing + j
			v <<= 1
			if bit < 256 {
				v |= int(kb[31-bit/8] >> (bit % 8) & 1)
			}
		}
		if v != 0 {
			q.AddMixed(&c.table[v-1])
		}
	}
	return q
}

// Mul returns k·P (Jacobian, not normalised).
func (c *Comb) Mul(k *Scalar) Point {
	q := c.mul(k)
	return fromGnark(&q.X, &q.Y, &q.Z)
}

// MulAffine returns k·P normalised to affine coordinates (the point at
// infinity as the zero Point).
func (c *Comb) MulAffine(k *Scalar) Point {
	q := c.mul(k)
	if q.Z.IsZero() {
		return Point{}
	}
	var a gsecp.G1Affine
	a.FromJacobian(&q)
	var one fp.Element
	one.SetOne()
	return fromGnark(&a.X, &a.Y, &one)
}
