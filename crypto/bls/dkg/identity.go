package dkg

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
	"github.com/drand/kyber"

	"github.com/flint-network/flint/crypto/bls"
)

// Identity is a node's long-term DKG key: a scalar and its G1 point. Deals are
// encrypted to it and every protocol packet is signed with it, so the node
// daemon creates it once, persists it (MarshalBinary), and publishes the public
// half with the node's registration. Its String form never shows the secret.
type Identity struct {
	secret kyber.Scalar
	public kyber.Point
}

// NewIdentity draws a fresh long-term key from crypto/rand.
func NewIdentity() (*Identity, error) {
	var b [fr.Bytes]byte
	for {
		if _, err := rand.Read(b[:]); err != nil {
			return nil, fmt.Errorf("dkg: randomness: %w", err)
		}
		b[0] &= 0x3f // below 2^254 < r, so most draws are canonical
		if id, err := UnmarshalIdentity(b[:]); err == nil {
			return id, nil
		}
	}
}

// UnmarshalIdentity reads the 32-byte big-endian secret written by
// MarshalBinary; it must be non-zero and below the group order.
func UnmarshalIdentity(b []byte) (*Identity, error) {
	var e fr.Element
	if len(b) != fr.Bytes || e.SetBytesCanonical(b) != nil || e.IsZero() {
		return nil, fmt.Errorf("dkg identity: %w", bls.ErrInvalidScalar)
	}
	s := suite.Scalar()
	if err := s.UnmarshalBinary(b); err != nil {
		return nil, fmt.Errorf("dkg identity: %w", bls.ErrInvalidScalar)
	}
	return &Identity{secret: s, public: suite.Point().Mul(s, nil)}, nil
}

// MarshalBinary returns the secret scalar, 32 bytes big-endian. Store it
// encrypted.
func (id *Identity) MarshalBinary() ([]byte, error) { return id.secret.MarshalBinary() }

// PublicKey is the 48-byte compressed G1 point that other nodes put in their
// Config.
func (id *Identity) PublicKey() []byte {
	b, _ := id.public.MarshalBinary()
	return b
}

// String shows the public key only.
func (id Identity) String() string {
	return "dkg.Identity{" + hex.EncodeToString(id.PublicKey()) + "}"
}

// GoString keeps %#v from printing the secret.
func (id Identity) GoString() string { return id.String() }
