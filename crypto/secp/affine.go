package secp

import "github.com/decred/dcrd/dcrec/secp256k1/v4"

// batchAffineAdd sets out[i] = a[i] + b[i] for affine points, using one
// field inversion for the whole batch (Montgomery's trick) and the affine
// addition formula, about a third of the field operations of a Jacobian
// addition followed by normalisation. Pairs with equal x (P = ±Q) or a point
// at infinity fall back to the generic addition.
func batchAffineAdd(a, b, out []Point) {
	n := len(a)
	dx := make([]secp256k1.FieldVal, n)
	prefix := make([]secp256k1.FieldVal, n)
	special := make([]bool, n)
	var acc secp256k1.FieldVal
	acc.SetInt(1)
	for i := 0; i < n; i++ {
		prefix[i] = acc
		if IsInfinity(&a[i]) || IsInfinity(&b[i]) {
			special[i] = true
			continue
		}
		dx[i].NegateVal(&a[i].X, 1).Add(&b[i].X).Normalize()
		if dx[i].IsZero() {
			special[i] = true
			continue
		}
		acc.Mul(&dx[i]).Normalize()
	}
	acc.Inverse()
	for i := n - 1; i >= 0; i-- {
		if special[i] {
			var r Point
			secp256k1.AddNonConst(&a[i], &b[i], &r)
			ToAffine(&r)
			out[i] = r
			continue
		}
		var inv secp256k1.FieldVal
		inv.Mul2(&acc, &prefix[i]).Normalize() // 1/dx_i
		acc.Mul(&dx[i]).Normalize()
		x1, y1, x2, y2 := a[i].X, a[i].Y, b[i].X, b[i].Y
		var lambda, x3, y3, t secp256k1.FieldVal
		lambda.NegateVal(&y1, 1).Add(&y2).Normalize()
		lambda.Mul(&inv).Normalize()
		// x3 = λ² − x1 − x2
		x3.SquareVal(&lambda)
		t.NegateVal(&x1, 1)
		x3.Add(&t)
		t.NegateVal(&x2, 1)
		x3.Add(&t).Normalize()
		// y3 = λ·(x1 − x3) − y1
		t.NegateVal(&x3, 1).Add(&x1)
		y3.Mul2(&lambda, &t)
		t.NegateVal(&y1, 1)
		y3.Add(&t).Normalize()
		out[i].X, out[i].Y = x3, y3
		out[i].Z.SetInt(1)
	}
}
