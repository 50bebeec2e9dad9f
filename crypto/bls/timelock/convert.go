package timelock

import (
	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"

	"github.com/flint-network/flint/crypto/bls"
)

// g1 and g2 re-read validated points from package bls in gnark's form; the
// encodings were checked when the values were made, so errors cannot occur
// except for the zero values, which decode to the identity.
func g1(pk bls.PublicKey) bls12381.G1Affine {
	var p bls12381.G1Affine
	_, _ = p.SetBytes(pk.Bytes())
	return p
}

func g2(s bls.Signature) bls12381.G2Affine {
	var p bls12381.G2Affine
	_, _ = p.SetBytes(s.Bytes())
	return p
}

func fpBytes(e fp.Element) bigEndianFp { return e.Bytes() }
