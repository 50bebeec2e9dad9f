package secp

import (
	"math/bits"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// MultiScalarMult returns Σ scalars[i]·points[i] (Jacobian, not normalised).
// Points must be affine. It uses Pippenger's bucket method, whose cost per
// point falls as the number of points grows and scales with the bit length of
// the largest scalar, so batch checks with short random weights are cheap.
func MultiScalarMult(scalars []Scalar, points []Point) Point {
	var result Point
	if len(scalars) != len(points) {
		panic("secp: MultiScalarMult length mismatch") // programming error, not input
	}
	if len(points) == 0 {
		return result
	}
	digits := make([][32]byte, len(scalars))
	maxBits := 0
	for i := range scalars {
		digits[i] = scalars[i].Bytes()
		if b := bitLen(&digits[i]); b > maxBits {
			maxBits = b
		}
	}
	if maxBits == 0 {
		return result
	}
	c := windowBits(len(points))
	windows := (maxBits + c - 1) / c
	buckets := make([]Point, 1<<c)
	for w := windows - 1; w >= 0; w-- {
		for i := 0; i < c; i++ {
			secp256k1.DoubleNonConst(&result, &result)
		}
		for i := range buckets {
			buckets[i] = Point{}
		}
		for i := range points {
			d := window(&digits[i], w*c, c)
			if d != 0 {
				secp256k1.AddNonConst(&buckets[d], &points[i], &buckets[d])
			}
		}
		// Σ d·bucket[d] as a running sum from the top bucket down.
		var running, sum Point
		for d := len(buckets) - 1; d > 0; d-- {
			secp256k1.AddNonConst(&running, &buckets[d], &running)
			secp256k1.AddNonConst(&sum, &running, &sum)
		}
		secp256k1.AddNonConst(&result, &sum, &result)
	}
	return result
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
