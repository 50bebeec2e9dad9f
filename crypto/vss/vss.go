// Package vss is verifiable secret sharing over secp256k1: Shamir polynomials,
// Feldman commitments to them, and Lagrange interpolation of scalars and
// points. Party indices are the evaluation points 1..n; index 0 is the secret
// and is never handed out.
package vss

import (
	"errors"
	"fmt"
	"io"
	"math/bits"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/flint-network/flint/crypto/secp"
)

// ErrIndices is wrapped by errors about index sets: a zero index, a
// duplicate, or an empty set.
var ErrIndices = errors.New("vss: bad index set")

// Polynomial is c_0 + c_1·x + … + c_d·x^d over Z_N; c_0 is the shared secret.
type Polynomial []secp.Scalar

// Random returns a random polynomial of the given degree with constant term
// secret (zero when secret is nil: a zero-sharing).
func Random(secret *secp.Scalar, degree int, rand io.Reader) (Polynomial, error) {
	p := make(Polynomial, degree+1)
	if secret != nil {
		p[0] = *secret
	}
	for i := 1; i <= degree; i++ {
		c, err := secp.RandomScalar(rand)
		if err != nil {
			return nil, err
		}
		p[i] = c
	}
	return p, nil
}

// Degree is the polynomial's degree bound (number of coefficients − 1).
func (p Polynomial) Degree() int { return len(p) - 1 }

// Eval returns p(x).
func (p Polynomial) Eval(x uint32) secp.Scalar {
	var acc secp.Scalar
	xs := secp.ScalarFromUint(x)
	for i := len(p) - 1; i >= 0; i-- {
		acc.Mul(&xs).Add(&p[i])
	}
	return acc
}

// Commit returns the Feldman commitment c_l·G to every coefficient, affine.
func (p Polynomial) Commit() Commitment {
	c := make(Commitment, len(p))
	for i := range p {
		secp256k1.ScalarBaseMultNonConst(&p[i], &c[i])
	}
	secp.BatchToAffine(c)
	return c
}

// Commitment is a Feldman commitment: the points c_l·G of a polynomial's
// coefficients. C[0] is the public value of the secret.
type Commitment []secp.Point

// Eval returns the public share Σ C_l·x^l = p(x)·G (Jacobian). Indices are
// small, so Horner's rule with short double-and-add multiplications is far
// cheaper than generic scalar multiplications.
func (c Commitment) Eval(x uint32) secp.Point {
	var acc secp.Point
	for i := len(c) - 1; i >= 0; i-- {
		acc = MulSmall(&acc, x)
		secp.Add(&acc, &c[i], &acc)
	}
	return acc
}

// Verify reports whether share is the evaluation at x of the committed
// polynomial.
func (c Commitment) Verify(x uint32, share *secp.Scalar) bool {
	want := c.Eval(x)
	got := secp.BaseMult(share)
	return secp.Equal(&got, &want)
}

// Add returns the coefficient-wise sum of commitments of equal length: the
// commitment to the sum of the polynomials.
func Add(cs ...Commitment) Commitment {
	if len(cs) == 0 {
		return nil
	}
	sum := make(Commitment, len(cs[0]))
	for _, c := range cs {
		for l := range sum {
			secp.Add(&sum[l], &c[l], &sum[l])
		}
	}
	secp.BatchToAffine(sum)
	return sum
}

// MulSmall returns x·p for a small integer x by double-and-add.
func MulSmall(p *secp.Point, x uint32) secp.Point {
	var acc secp.Point
	for bit := bits.Len32(x) - 1; bit >= 0; bit-- {
		secp256k1.DoubleNonConst(&acc, &acc)
		if x>>bit&1 == 1 {
			secp.Add(&acc, p, &acc)
		}
	}
	return acc
}

// CheckIndices returns an error unless indices are non-empty, non-zero and
// distinct.
func CheckIndices(indices []uint32) error {
	if len(indices) == 0 {
		return fmt.Errorf("%w: empty", ErrIndices)
	}
	seen := make(map[uint32]bool, len(indices))
	for _, i := range indices {
		if i == 0 {
			return fmt.Errorf("%w: index 0", ErrIndices)
		}
		if seen[i] {
			return fmt.Errorf("%w: index %d twice", ErrIndices, i)
		}
		seen[i] = true
	}
	return nil
}

// Lagrange returns the coefficients λ_i with Σ λ_i·p(i) = p(at) for every
// polynomial p of degree < len(indices). at must not be one of the indices
// unless it is the only one.
func Lagrange(indices []uint32, at uint32) ([]secp.Scalar, error) {
	if err := CheckIndices(indices); err != nil {
		return nil, err
	}
	x := secp.ScalarFromUint(at)
	nums := make([]secp.Scalar, len(indices))
	dens := make([]secp.Scalar, len(indices))
	for k, i := range indices {
		nums[k].SetInt(1)
		dens[k].SetInt(1)
		xi := secp.ScalarFromUint(i)
		for _, j := range indices {
			if j == i {
				continue
			}
			xj := secp.ScalarFromUint(j)
			// num *= (at − x_j), den *= (x_i − x_j)
			var t secp.Scalar
			t.NegateVal(&xj).Add(&x)
			nums[k].Mul(&t)
			t.NegateVal(&xj).Add(&xi)
			dens[k].Mul(&t)
		}
	}
	secp.BatchInvert(dens)
	for k := range nums {
		nums[k].Mul(&dens[k])
	}
	return nums, nil
}

// LagrangeOne returns the coefficient of index i alone for interpolation at
// 0 over indices (which must contain i): one inversion and 2(k−1)
// multiplications, where Lagrange computes all k coefficients.
func LagrangeOne(indices []uint32, i uint32) (secp.Scalar, error) {
	if err := CheckIndices(indices); err != nil {
		return secp.Scalar{}, err
	}
	found := false
	var num, den secp.Scalar
	num.SetInt(1)
	den.SetInt(1)
	xi := secp.ScalarFromUint(i)
	for _, j := range indices {
		if j == i {
			found = true
			continue
		}
		xj := secp.ScalarFromUint(j)
		// num *= x_j, den *= (x_j − x_i)
		num.Mul(&xj)
		var d secp.Scalar
		d.NegateVal(&xi).Add(&xj)
		den.Mul(&d)
	}
	if !found {
		return secp.Scalar{}, fmt.Errorf("%w: index %d not in the set", ErrIndices, i)
	}
	den.InverseNonConst()
	return *num.Mul(&den), nil
}

// Interpolate returns p(0) from the values p(indices[k]) = values[k].
func Interpolate(indices []uint32, values []secp.Scalar) (secp.Scalar, error) {
	if len(indices) != len(values) {
		return secp.Scalar{}, fmt.Errorf("%w: %d indices for %d values", ErrIndices, len(indices), len(values))
	}
	lambda, err := Lagrange(indices, 0)
	if err != nil {
		return secp.Scalar{}, err
	}
	var acc secp.Scalar
	for k := range values {
		var t secp.Scalar
		t.Mul2(&lambda[k], &values[k])
		acc.Add(&t)
	}
	return acc, nil
}

// InterpolatePoints returns P(0) from the affine points P(indices[k]) =
// points[k] (interpolation "in the exponent").
func InterpolatePoints(indices []uint32, points []secp.Point) (secp.Point, error) {
	if len(indices) != len(points) {
		return secp.Point{}, fmt.Errorf("%w: %d indices for %d points", ErrIndices, len(indices), len(points))
	}
	lambda, err := Lagrange(indices, 0)
	if err != nil {
		return secp.Point{}, err
	}
	return secp.MultiScalarMult(lambda, points), nil
}
