package secp

import (
	"math/big"
	"sync"

	gsecp "github.com/consensys/gnark-crypto/ecc/secp256k1"
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fp"
)

// Base-point multiplications dominate dealing (a presignature batch commits
// to thousands of coefficients), so they get a table of their own: for every
// byte position w of the scalar, the 255 non-zero multiples v·2^(8w)·G. A
// multiplication is then 31 mixed additions and no doublings, on
// gnark-crypto's field arithmetic (about twice as fast as decred's for
// additions). The table is 32 × 255 affine points (about 520 KiB), built on
// first use.
const baseWindows = 32

var baseTable = sync.OnceValue(func() *[baseWindows][255]gsecp.G1Affine {
	_, g := gsecp.Generators()
	t := new([baseWindows][255]gsecp.G1Affine)
	jac := make([]gsecp.G1Jac, 255)
	var step gsecp.G1Jac // 2^(8w)·G
	step.FromAffine(&g)
	for w := range baseWindows {
		jac[0] = step
		for v := 1; v < 255; v++ {
			jac[v] = jac[v-1]
			jac[v].AddAssign(&step)
		}
		copy(t[w][:], gsecp.BatchJacobianToAffineG1(jac))
		for range 8 {
			step.DoubleAssign()
		}
	}
	return t
})

func baseMultGnark(k *Scalar) gsecp.G1Jac {
	t := baseTable()
	kb := k.Bytes()
	var q gsecp.G1Jac
	q.X.SetOne()
	q.Y.SetOne() // Z = 0: infinity
	for w := range baseWindows {
		if v := kb[31-w]; v != 0 {
			q.AddMixed(&t[w][v-1])
		}
	}
	return q
}

// BaseMult returns k·G in affine coordinates (the zero Point for k = 0).
func BaseMult(k *Scalar) Point {
	q := baseMultGnark(k)
	return affineFromGnark(&q)
}

// BatchBaseMult returns k·G for every k, affine, with one field inversion for
// all of them.
func BatchBaseMult(ks []Scalar) []Point {
	jac := make([]gsecp.G1Jac, len(ks))
	for i := range ks {
		jac[i] = baseMultGnark(&ks[i])
	}
	aff := gsecp.BatchJacobianToAffineG1(jac)
	out := make([]Point, len(ks))
	var one fp.Element
	one.SetOne()
	for i := range aff {
		if jac[i].Z.IsZero() {
			continue // k = 0: the point at infinity
		}
		out[i] = fromGnark(&aff[i].X, &aff[i].Y, &one)
	}
	return out
}

// ScalarMult returns k·P for an affine point P, affine, with the GLV
// endomorphism (about 60 µs, against 100 µs for decred's generic
// multiplication): the one variable-base multiplication on the signing path.
func ScalarMult(k *Scalar, p *Point) Point {
	if IsInfinity(p) {
		return Point{}
	}
	a := toGnark(p)
	kb := k.Bytes()
	var r gsecp.G1Jac
	var ja gsecp.G1Jac
	ja.FromAffine(&a)
	r.ScalarMultiplication(&ja, new(big.Int).SetBytes(kb[:]))
	return affineFromGnark(&r)
}

func affineFromGnark(q *gsecp.G1Jac) Point {
	if q.Z.IsZero() {
		return Point{}
	}
	var a gsecp.G1Affine
	a.FromJacobian(q)
	var one fp.Element
	one.SetOne()
	return fromGnark(&a.X, &a.Y, &one)
}
