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
func NewComb(p *Point) *Comb {
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
	c := new(Comb)
	for v := 1; v < 1<<combTeeth; v++ {
		top := bits8Len(v) - 1
		rest := v &^ (1 << top)
		if rest == 0 {
			c.table[v-1] = teeth[top]
			continue
		}
		secp256k1.AddNonConst(&c.table[rest-1], &teeth[top], &c.table[v-1])
	}
	BatchToAffine(c.table[:])
	return c
}

func bits8Len(v int) int {
	n := 0
	for ; v != 0; v >>= 1 {
		n++
	}
	return n
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
