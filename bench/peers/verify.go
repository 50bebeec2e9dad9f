package main

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/ethereum/go-ethereum/crypto"
)

// errBadSignature means a protocol produced a signature that an independent
// verifier rejects; the benchmark prints no number after it.
var errBadSignature = errors.New("signature does not verify")

// verifySignature checks sig = r ‖ s ‖ v (v the recovery id, s low) on hash
// against the uncompressed public key pub twice, with verifiers that share
// no code with either protocol's signing path: go-ethereum's Ecrecover
// (libsecp256k1 when cgo is on) must recover pub, and decred's ecdsa.Verify
// must accept (r, s).
func verifySignature(hash [32]byte, sig [65]byte, pub []byte) error {
	rec, err := crypto.Ecrecover(hash[:], sig[:])
	if err != nil {
		return fmt.Errorf("%w: Ecrecover: %v", errBadSignature, err)
	}
	if !bytes.Equal(rec, pub) {
		return fmt.Errorf("%w: Ecrecover gives another public key", errBadSignature)
	}
	pk, err := secp256k1.ParsePubKey(pub)
	if err != nil {
		return fmt.Errorf("%w: public key: %v", errBadSignature, err)
	}
	var r, s secp256k1.ModNScalar
	if r.SetByteSlice(sig[:32]) || s.SetByteSlice(sig[32:64]) || r.IsZero() || s.IsZero() {
		return fmt.Errorf("%w: r or s out of range", errBadSignature)
	}
	if s.IsOverHalfOrder() {
		return fmt.Errorf("%w: s is not low", errBadSignature)
	}
	if !ecdsa.NewSignature(&r, &s).Verify(hash[:], pk) {
		return fmt.Errorf("%w: decred's ecdsa.Verify rejects it", errBadSignature)
	}
	return nil
}
