package bls

import (
	"fmt"
	"math/big"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// MaxThreshold bounds the number of coefficients a public polynomial may have, so
// a decoder cannot be made to check an unbounded number of points. Node indices
// fit Lit's one-byte share index, so no Flint network has more than 255 nodes.
const MaxThreshold = 255

// PublicPoly is the public side of a shared key: the commitments C_0..C_{q-1} in G1
// to the coefficients of the secret polynomial of degree q-1. C_0 is the network
// public key; the public key share of identifier x is sum C_k·x^k. Nodes publish
// it so that clients can name bad signature shares.
type PublicPoly struct {
	c []bls12381.G1Affine
}

// ParsePublicPoly decodes the compact encoding: the q commitments, 48-byte
// compressed each, concatenated. Every one must be a non-identity subgroup point.
func ParsePublicPoly(b []byte) (*PublicPoly, error) {
	if len(b) == 0 || len(b)%PublicKeySize != 0 {
		return nil, fmt.Errorf("public polynomial: %w: %d bytes is not a positive multiple of %d",
			ErrEncoding, len(b), PublicKeySize)
	}
	q := len(b) / PublicKeySize
	if q > MaxThreshold {
		return nil, fmt.Errorf("public polynomial: %w: %d coefficients, at most %d", ErrEncoding, q, MaxThreshold)
	}
	p := &PublicPoly{c: make([]bls12381.G1Affine, q)}
	for i := range p.c {
		if err := decodeG1(&p.c[i], b[i*PublicKeySize:(i+1)*PublicKeySize]); err != nil {
			return nil, fmt.Errorf("public polynomial coefficient %d: %w", i, err)
		}
	}
	return p, nil
}

// Bytes returns the compact encoding read by ParsePublicPoly.
func (p *PublicPoly) Bytes() []byte {
	out := make([]byte, 0, len(p.c)*PublicKeySize)
	for i := range p.c {
		b := p.c[i].Bytes()
		out = append(out, b[:]...)
	}
	return out
}

// Threshold is the number of shares needed to sign: the number of coefficients.
func (p *PublicPoly) Threshold() int { return len(p.c) }

// PublicKey returns the shared public key, C_0.
func (p *PublicPoly) PublicKey() PublicKey { return PublicKey{p: p.c[0]} }

// Equal reports whether two polynomials have the same commitments.
func (p *PublicPoly) Equal(o *PublicPoly) bool {
	if len(p.c) != len(o.c) {
		return false
	}
	for i := range p.c {
		if !p.c[i].Equal(&o.c[i]) {
			return false
		}
	}
	return true
}

// Share returns the public key share of identifier id, against which that
// holder's signature shares verify.
func (p *PublicPoly) Share(id Identifier) (PublicKey, error) {
	x, err := id.scalar()
	if err != nil {
		return PublicKey{}, err
	}
	pt := p.eval(&x)
	if pt.IsInfinity() {
		// Only a polynomial built to vanish at x gives this; no share can verify.
		return PublicKey{}, ErrIdentity
	}
	return PublicKey{p: pt}, nil
}

// eval computes sum C_k·x^k by Horner's rule.
func (p *PublicPoly) eval(x *fr.Element) bls12381.G1Affine {
	var acc bls12381.G1Jac
	xb := x.BigInt(new(big.Int))
	acc.FromAffine(&p.c[len(p.c)-1])
	for k := len(p.c) - 2; k >= 0; k-- {
		acc.ScalarMultiplication(&acc, xb)
		acc.AddMixed(&p.c[k])
	}
	var out bls12381.G1Affine
	out.FromJacobian(&acc)
	return out
}
