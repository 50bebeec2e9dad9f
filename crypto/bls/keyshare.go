package bls

import (
	"encoding/binary"
	"fmt"
	"math/big"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// KeyShare is one node's share of the network key: its index, its secret share
// s_i = f(i), and the public polynomial of f. Its String form never shows the
// secret.
type KeyShare struct {
	index  uint32
	secret fr.Element
	poly   *PublicPoly
}

// keyShareMagic opens the persisted encoding (Flint BLS key share, version 1).
var keyShareMagic = [4]byte{'F', 'B', 'K', 1}

// NewKeyShare builds a key share from the index (≥ 1), the 32-byte big-endian
// secret scalar and the public polynomial, and checks that secret·G1 is the
// polynomial's public key share for the index.
func NewKeyShare(index uint32, secret []byte, poly *PublicPoly) (*KeyShare, error) {
	if index == 0 {
		return nil, fmt.Errorf("key share: %w: index 0", ErrInvalidIdentifier)
	}
	if poly == nil || len(poly.c) == 0 {
		return nil, fmt.Errorf("key share: %w: no public polynomial", ErrEncoding)
	}
	if len(secret) != fr.Bytes {
		return nil, fmt.Errorf("key share: %w: secret of %d bytes, want %d", ErrEncoding, len(secret), fr.Bytes)
	}
	k := &KeyShare{index: index, poly: poly}
	if err := k.secret.SetBytesCanonical(secret); err != nil || k.secret.IsZero() {
		return nil, fmt.Errorf("key share: %w", ErrInvalidScalar)
	}
	want, err := poly.Share(k.Identifier())
	if err != nil {
		return nil, fmt.Errorf("key share: %w", err)
	}
	var got bls12381.G1Affine
	got.ScalarMultiplicationBase(k.secret.BigInt(new(big.Int)))
	if !got.Equal(&want.p) {
		return nil, fmt.Errorf("key share %d: %w", index, ErrKeyShare)
	}
	return k, nil
}

// Index is the node index the share belongs to.
func (k *KeyShare) Index() uint32 { return k.index }

// Identifier is the share identifier (the index as a scalar).
func (k *KeyShare) Identifier() Identifier { return IndexIdentifier(k.index) }

// PublicPoly is the public polynomial of the shared key.
func (k *KeyShare) PublicPoly() *PublicPoly { return k.poly }

// PublicKey is the network public key.
func (k *KeyShare) PublicKey() PublicKey { return k.poly.PublicKey() }

// Secret returns the 32-byte big-endian secret scalar. Only the resharing
// protocol needs it; never log or send it.
func (k *KeyShare) Secret() []byte {
	b := k.secret.Bytes()
	return b[:]
}

// String names the share without its secret.
func (k KeyShare) String() string {
	return fmt.Sprintf("bls.KeyShare{index: %d, threshold: %d, public key: %s}", k.index, len(k.poly.c), k.poly.PublicKey())
}

// GoString keeps %#v from printing the secret.
func (k KeyShare) GoString() string { return k.String() }

// Sign returns this node's signature share on msg: s_i·H(msg).
func (k *KeyShare) Sign(msg []byte) (SignatureShare, error) {
	h, err := hashToG2(msg)
	if err != nil {
		return SignatureShare{}, fmt.Errorf("bls: hash to curve: %w", err)
	}
	var s bls12381.G2Affine
	s.ScalarMultiplication(&h, k.secret.BigInt(new(big.Int)))
	return SignatureShare{ID: k.Identifier(), Value: Signature{p: s}}, nil
}

// MarshalBinary encodes the share for storage: "FBK\x01" ‖ index (4 bytes, big
// endian) ‖ secret (32 bytes, big endian) ‖ public polynomial (48 bytes per
// coefficient). The result holds the secret: store it encrypted.
func (k *KeyShare) MarshalBinary() ([]byte, error) {
	out := make([]byte, 0, 8+fr.Bytes+len(k.poly.c)*PublicKeySize)
	out = append(out, keyShareMagic[:]...)
	out = binary.BigEndian.AppendUint32(out, k.index)
	out = append(out, k.Secret()...)
	return append(out, k.poly.Bytes()...), nil
}

// UnmarshalKeyShare decodes and fully validates a share written by
// MarshalBinary, including that the secret matches the polynomial.
func UnmarshalKeyShare(b []byte) (*KeyShare, error) {
	const head = 8 + fr.Bytes
	if len(b) < head || [4]byte(b[:4]) != keyShareMagic {
		return nil, fmt.Errorf("key share: %w: bad header", ErrEncoding)
	}
	poly, err := ParsePublicPoly(b[head:])
	if err != nil {
		return nil, fmt.Errorf("key share: %w", err)
	}
	return NewKeyShare(binary.BigEndian.Uint32(b[4:8]), b[8:head], poly)
}
