package secp

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// Scalar is an integer mod N, the order of the secp256k1 group.
type Scalar = secp256k1.ModNScalar

// Point is a secp256k1 point in Jacobian coordinates.
type Point = secp256k1.JacobianPoint

// ScalarSize is the length of an encoded scalar.
const ScalarSize = 32

var (
	// ErrScalarEncoding is wrapped by errors about malformed scalars.
	ErrScalarEncoding = errors.New("secp: bad scalar encoding")
	// ErrZeroScalar is wrapped when a scalar that must be non-zero is zero.
	ErrZeroScalar = errors.New("secp: zero scalar")
)

// DecodeScalar parses a 32-byte big-endian integer that must be below N.
// Values ≥ N are refused rather than reduced, so every scalar has exactly one
// encoding.
func DecodeScalar(b []byte) (Scalar, error) {
	var s Scalar
	if len(b) != ScalarSize {
		return s, fmt.Errorf("%w: %d bytes, want %d", ErrScalarEncoding, len(b), ScalarSize)
	}
	if s.SetByteSlice(b) {
		return s, fmt.Errorf("%w: not below the group order", ErrScalarEncoding)
	}
	return s, nil
}

// DecodeNonZeroScalar is DecodeScalar that also refuses zero.
func DecodeNonZeroScalar(b []byte) (Scalar, error) {
	s, err := DecodeScalar(b)
	if err == nil && s.IsZero() {
		err = ErrZeroScalar
	}
	return s, err
}

// RandomScalar returns a uniformly random non-zero scalar read from r
// (crypto/rand when r is nil).
func RandomScalar(r io.Reader) (Scalar, error) {
	if r == nil {
		r = rand.Reader
	}
	var b [ScalarSize]byte
	for {
		if _, err := io.ReadFull(r, b[:]); err != nil {
			return Scalar{}, fmt.Errorf("secp: reading randomness: %w", err)
		}
		var s Scalar
		if !s.SetByteSlice(b[:]) && !s.IsZero() {
			return s, nil
		}
	}
}

// ScalarFromUint returns v as a scalar.
func ScalarFromUint(v uint32) Scalar {
	var s Scalar
	s.SetInt(v)
	return s
}

// BatchInvert replaces every element of xs with its inverse using one modular
// inversion (Montgomery's trick). All elements must be non-zero.
func BatchInvert(xs []Scalar) {
	if len(xs) == 0 {
		return
	}
	prefix := make([]Scalar, len(xs))
	var acc Scalar
	acc.SetInt(1)
	for i := range xs {
		prefix[i] = acc
		acc.Mul(&xs[i])
	}
	acc.InverseNonConst()
	for i := len(xs) - 1; i >= 0; i-- {
		var inv Scalar
		inv.Mul2(&acc, &prefix[i])
		acc.Mul(&xs[i])
		xs[i] = inv
	}
}
