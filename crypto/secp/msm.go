package secp

import (
	"math/bits"

	"github.com/consensys/gnark-crypto/ecc"
	gsecp "github.com/consensys/gnark-crypto/ecc/secp256k1"
	"github.com/consensys/gnark-crypto/ecc/secp256k1/fr"
	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// MultiScalarMult returns Σ scalars[i]·points[i] (Jacobian, not normalised).
// Points must be affine. It uses Pippenger's bucket method with signed
// digits, whose cost per point falls as the number of points grows and
// scales with the bit length of the largest scalar, so batch checks with
// short random weights are cheap.
func MultiScalarMult(scalars []Scalar, points []Point) Point {
	var result Point
	if len(scalars) != len(points) {
		panic("secp: MultiScalarMult length mismatch") // programming error, not input
	}
	if len(points) == 0 {
		return result
	}
	if len(points) >= gnarkMSMFrom {
		return multiExpGnark(scalars, points)
	}
	maxBits := 0
	raw := make([][32]byte, len(scalars))
	for i := range scalars {
		raw[i] = scalars[i].Bytes()
		maxBits = max(maxBits, bitLen(&raw[i]))
	}
	if maxBits == 0 {
		return result
	}
	c := windowBits(len(points))
	windows := (maxBits+c-1)/c + 1 // one more for the last carry
	digits := make([]int16, len(points)*windows)
	for i := range raw {
		signedDigits(&raw[i], c, digits[i*windows:(i+1)*windows])
	}
	negs := make([]Point, len(points))
	for i := range points {
		Negate(&points[i], &negs[i])
	}
	buckets := make([]Point, 1<<(c-1))
	for w := windows - 1; w >= 0; w-- {
		for i := 0; i < c; i++ {
			secp256k1.DoubleNonConst(&result, &result)
		}
		clear(buckets)
		for i := range points {
			switch d := digits[i*windows+w]; {
			case d > 0:
				secp256k1.AddNonConst(&buckets[d-1], &points[i], &buckets[d-1])
			case d < 0:
				secp256k1.AddNonConst(&buckets[-d-1], &negs[i], &buckets[-d-1])
			}
		}
		// Σ d·bucket[d] as a running sum from the top bucket down.
		var running, sum Point
		for d := len(buckets) - 1; d >= 0; d-- {
			secp256k1.AddNonConst(&running, &buckets[d], &running)
			secp256k1.AddNonConst(&sum, &running, &sum)
		}
		secp256k1.AddNonConst(&result, &sum, &result)
	}
	return result
}

// signedDigits writes the base-2^c digits of the big-endian integer b,
// least significant first, each in [−2^(c−1), 2^(c−1)).
func signedDigits(b *[32]byte, c int, out []int16) {
	carry := 0
	for w := range out {
		v := window(b, w*c, c) + carry
		carry = 0
		if v >= 1<<(c-1) {
			v -= 1 << c
			carry = 1
		}
		out[w] = int16(v)
	}
}

// windowBits picks the bucket window width that minimises additions for n
// points: about (bits/c)·(n + 2^(c+1)).
func windowBits(n int) int {
	switch {
	case n < 4:
		return 2
	case n < 12:
		return 3
	case n < 32:
		return 4
	case n < 80:
		return 5
	case n < 200:
		return 6
	case n < 500:
		return 7
	case n < 1200:
		return 8
	case n < 3000:
		return 9
	default:
		return 10
	}
}

// bitLen returns the bit length of a big-endian 256-bit integer.
func bitLen(b *[32]byte) int {
	for i, v := range b {
		if v != 0 {
			return (32-i)*8 - bits.LeadingZeros8(v)
		}
	}
	return 0
}

// window returns the c bits of the big-endian integer b starting at bit
// position lo (bit 0 is the least significant).
func window(b *[32]byte, lo, c int) int {
	v := 0
	for i := c - 1; i >= 0; i-- {
		bit := lo + i
		if bit >= 256 {
			continue
		}
		v = v<<1 | int(b[31-bit/8]>>(bit%8)&1)
	}
	return v
}

// multiExpGnark is MultiScalarMult on gnark-crypto's bucket method, which
// amortises better on large inputs.
func multiExpGnark(scalars []Scalar, points []Point) Point {
	pts := make([]gsecp.G1Affine, len(points))
	scs := make([]fr.Element, len(scalars))
	for i := range points {
		pts[i] = toGnark(&points[i])
		b := scalars[i].Bytes()
		scs[i].SetBytes(b[:])
	}
	var r gsecp.G1Jac
	if _, err := r.MultiExp(pts, scs, ecc.MultiExpConfig{NbTasks: 1}); err != nil {
		panic("secp: " + err.Error()) // only for mismatched lengths or a bad config
	}
	return fromGnark(&r.X, &r.Y, &r.Z)
}

// gnarkMSMFrom is the input size from which multiExpGnark is faster
// (BenchmarkMSMSizes: from 16 points on, for long and for short scalars).
var gnarkMSMFrom = 16
