package timelock

import (
	"bytes"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"

	"github.com/flint-network/flint/crypto/bls"
)

// g1 and g2 re-read points from package bls in gnark's form. Package bls checked
// them (curve, subgroup) when the values were made, so the subgroup check, the
// costly part of decoding, is skipped here. The zero values decode to the
// identity, which the callers reject.
func g1(pk bls.PublicKey) bls12381.G1Affine {
	var p bls12381.G1Affine
	_ = bls12381.NewDecoder(bytes.NewReader(pk.Bytes()), bls12381.NoSubgroupChecks()).Decode(&p)
	return p
}

func g2(s bls.Signature) bls12381.G2Affine {
	var p bls12381.G2Affine
	_ = bls12381.NewDecoder(bytes.NewReader(s.Bytes()), bls12381.NoSubgroupChecks()).Decode(&p)
	return p
}

func fpBytes(e fp.Element) bigEndianFp { return e.Bytes() }
