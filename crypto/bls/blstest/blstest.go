// Package blstest deals BLS key shares from a trusted dealer, for tests and
// benchmarks that need a shared key without running the DKG.
package blstest

import (
	"fmt"
	"math/big"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/flint-network/flint/crypto/bls"
)

// Deal shares a fresh random key among nodes 1..n with a polynomial of degree
// threshold-1. It returns the shares indexed by node (shares[i-1] is node i's).
func Deal(n, threshold int) ([]*bls.KeyShare, error) {
	if threshold < 1 || threshold > n {
		return nil, fmt.Errorf("blstest: threshold %d for %d nodes", threshold, n)
	}
	coeffs := make([]fr.Element, threshold)
	var commits []byte
	for i := range coeffs {
		if _, err := coeffs[i].SetRandom(); err != nil {
			return nil, err
		}
		var c bls12381.G1Affine
		c.ScalarMultiplicationBase(coeffs[i].BigInt(new(big.Int)))
		b := c.Bytes()
		commits = append(commits, b[:]...)
	}
	poly, err := bls.ParsePublicPoly(commits)
	if err != nil {
		return nil, err
	}
	shares := make([]*bls.KeyShare, n)
	for i := range shares {
		var x, y fr.Element
		x.SetUint64(uint64(i + 1))
		for k := len(coeffs) - 1; k >= 0; k-- {
			y.Mul(&y, &x).Add(&y, &coeffs[k])
		}
		b := y.Bytes()
		if shares[i], err = bls.NewKeyShare(uint32(i+1), b[:], poly); err != nil {
			return nil, err
		}
	}
	return shares, nil
}

// Quorum returns the default threshold 2t+1 for n nodes, t = ⌊(n−1)/3⌋.
func Quorum(n int) int { return 2*((n-1)/3) + 1 }
