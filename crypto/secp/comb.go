package secp

import "github.com/decred/dcrd/dcrec/secp256k1/v4"

// Comb parameters: combTeeth bits of the scalar are read at once, spaced
// combSpacing apart, so a multiplication costs combSpacing−1 doublings and
// combSpacing mixed additions against a table of 2^combTeeth−1 affine points.
// With 8 teeth the table is 255 points (16 KiB) and a multiplication about a
// third of a generic one.
const (
	combTeeth   = 8
	combSpacing = (256 + combTeeth - 1) / combTeeth
)

// Comb is a precomputed table for fast multiplication of one fixed point by
// many scalars (Lim–Lee comb method). Building it costs about two and a half
// generic multiplications; it pays for itself from the third use.
type Comb struct {
	table [1<<combTeeth - 1]Point // table[v−1] = Σ_b bit_b(v)·2^(b·combSpacing)·P
}

// NewComb builds the comb table of the affine point p.
//
// The teeth 2^(b·spacing)·P come from doublings; the table entries are sums
// of teeth, built with batched affine additions: first all sums of teeth
// 0–3 and of teeth 4–7 (three rounds), then every cross sum (one round), so
// the whole table costs four field inversions.
func NewComb(p *Point) *Comb {
	const half = combTeeth / 2
	var teeth [combTeeth]Point
	teeth[0] = *p
	for b := 1; b < combTeeth; b++ {
		q := teeth[b-1]
		for i := 0; i < combSpacing; i++ {
			secp256k1.DoubleNonConst(&q, &q)
		}
		teeth[b] = q
	}
	BatchToAffine(teeth[:])

	// lo[v] = Σ bits of v over teeth 0..3; hi[v] likewise over teeth 4..7.
	var lo, hi [1 << half]Point
	for b := 0; b < half; b++ {
		lo[1<<b], hi[1<<b] = teeth[b], teeth[half+b]
		var as, bs []Point
		var at []int
		for v := 1<<b + 1; v < 1<<(b+1); v++ {
			as = append(as, lo[v-1<<b], hi[v-1<<b])
			bs = append(bs, teeth[b], teeth[half+b])
			at = append(at, v)
		}
		out := make([]Point, len(as))
		batchAffineAdd(as, bs, out)
		for k, v := range at {
			lo[v], hi[v] = out[2*k], out[2*k+1]
		}
	}
	c := new(Comb)
	var as, bs []Point
	var at []int
	for h := 0; h < 1<<half; h++ {
		for l := 0; l < 1<<half; l++ {
			v := h<<half | l
			switch {
			case v == 0:
			case h == 0:
				c.table[v-1] = lo[l]
			case l == 0:
				c.table[v-1] = hi[h]
			default:
				as, bs, at = append(as, lo[l]), append(bs, hi[h]), append(at, v)
			}
		}
	}
	out := make([]Point, len(as))
	batchAffineAdd(as, bs, out)
	for k, v := range at {
		c.table[v-1] = out[k]
	}
	return c
}

// Mul returns k·P (Jacobian, not normalised).
func (c *Comb) Mul(k *Scalar) Point {
	kb := k.Bytes()
	var q Point
	for j := combSpacing - 1; j >= 0; j-- {
		secp256k1.DoubleNonConst(&q, &q)
		v := 0
		for b := combTeeth - 1; b >= 0; b-- {
			bit := b*combSpacing + j
			v <<= 1
			if bit < 256 {
				v |= int(kb[31-bit/8] >> (bit % 8) & 1)
			}
		}
		if v != 0 {
			secp256k1.AddNonConst(&q, &c.table[v-1], &q)
		}
	}
	return q
}
