package node

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"math/big"

	"github.com/flint-network/flint/crypto/bls"
)

// The registry checks only a key's bytes (that no other node holds the same
// ones), so a node checks every key it reads before it uses it (H6): one
// point under two encodings would pass the registry's exclusivity as two
// keys, and an identity or small-order key binds nothing.

var errBadPeerKey = errors.New("a registered key is unusable")

// ed25519P is the field prime 2^255 − 19.
var ed25519P = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(19))

// ed25519SmallOrderY are the y coordinates (little-endian, sign bit clear)
// of the eight points of order dividing 8: y = 1 (the identity), y = −1,
// y = 0 (order 4) and the two of order 8 (TestSmallOrderList derives them).
var ed25519SmallOrderY = [][]byte{
	{0x01},
	{0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f},
	{},
	{0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
		0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05},
	{0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
		0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a},
}

// leY reads an encoding's y coordinate (the sign bit of x cleared).
func leY(b []byte) *big.Int {
	be := make([]byte, len(b))
	for i := range b {
		be[len(b)-1-i] = b[i]
	}
	be[0] &= 0x7f
	return new(big.Int).SetBytes(be)
}

// checkTransportKey accepts an ed25519 public key only in its canonical
// encoding (y < p) and of large order. Go's ed25519.Verify takes
// non-canonical encodings too, so a copy of an honest node's key under
// another encoding would verify that node's handshakes.
func checkTransportKey(b []byte) error {
	if len(b) != ed25519.PublicKeySize {
		return fmt.Errorf("%w: transport key of %d bytes, want %d", errBadPeerKey, len(b), ed25519.PublicKeySize)
	}
	y := leY(b)
	if y.Cmp(ed25519P) >= 0 {
		return fmt.Errorf("%w: transport key not canonically encoded (y ≥ 2^255−19)", errBadPeerKey)
	}
	for _, s := range ed25519SmallOrderY {
		if y.Cmp(leY(append(bytes.Clone(s), make([]byte, 32-len(s))...))) == 0 {
			return fmt.Errorf("%w: transport key of small order", errBadPeerKey)
		}
	}
	return nil
}

// checkDKGKey accepts a BLS DKG key that is a canonical compressed G1 point
// of the prime-order subgroup and not the identity (bls.ParsePublicKey).
// Empty means not published yet.
func checkDKGKey(b []byte) error {
	if len(b) == 0 {
		return nil
	}
	if _, err := bls.ParsePublicKey(b); err != nil {
		return fmt.Errorf("%w: DKG key: %w", errBadPeerKey, err)
	}
	return nil
}

// checkPeerKeys is both checks for one registry entry.
func checkPeerKeys(transport, dkgKey []byte) error {
	if err := checkTransportKey(transport); err != nil {
		return err
	}
	return checkDKGKey(dkgKey)
}
