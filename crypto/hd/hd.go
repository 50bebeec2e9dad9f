// Package hd derives PKP keys from the network's root keys exactly as Lit's
// nodes do, so that a PKP minted on Lit and one derived by Flint from the same
// root keys and key id are the same key.
//
// For a key id, s = hash_to_field(keyId) with expand_message_xmd(SHA-256),
// DST "LIT_HD_KEY_ID_K256_XMD:SHA-256_SSWU_RO_NUL_" and L = 48 (RFC 9380);
// the derived key is Σ_j s^j·root_j. Because derivation is linear, a node
// applies the same formula to its shares of the root keys and obtains its
// share of the derived key with no protocol at all.
package hd

import (
	"errors"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/flint-network/flint/crypto/secp"
)

// DST is the domain separation tag of Lit's key-id hash.
const DST = "LIT_HD_KEY_ID_K256_XMD:SHA-256_SSWU_RO_NUL_"

// ErrNoRoots is returned when there are no root keys to derive from.
var ErrNoRoots = errors.New("hd: no root keys")

// KeyScalar returns s for a key id.
func KeyScalar(keyID []byte) secp.Scalar {
	s, err := secp.HashToScalar([]byte(DST), keyID)
	if err != nil {
		panic(err) // the DST is a short constant: cannot fail
	}
	return s
}

// DerivePublic returns Σ_j s^j·roots[j] (affine) for affine root keys.
func DerivePublic(roots []secp.Point, s *secp.Scalar) (secp.Point, error) {
	if len(roots) == 0 {
		return secp.Point{}, ErrNoRoots
	}
	acc := roots[len(roots)-1]
	for j := len(roots) - 2; j >= 0; j-- {
		secp256k1.ScalarMultNonConst(s, &acc, &acc)
		secp.Add(&acc, &roots[j], &acc)
	}
	if secp.IsInfinity(&acc) {
		return acc, errors.New("hd: derived key is the point at infinity")
	}
	secp.ToAffine(&acc)
	return acc, nil
}

// DeriveScalar returns Σ_j s^j·xs[j]: a node's share of the derived key from
// its shares of the root keys (and, likewise, any other linear combination the
// signing protocol needs, such as ⟨a·x'⟩ from ⟨a·x_j⟩).
func DeriveScalar(xs []secp.Scalar, s *secp.Scalar) secp.Scalar {
	var acc secp.Scalar
	for j := len(xs) - 1; j >= 0; j-- {
		acc.Mul(s).Add(&xs[j])
	}
	return acc
}
