package bls

import (
	"encoding/hex"
	"fmt"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
)

// Sizes of compressed encodings.
const (
	PublicKeySize = 48 // compressed G1
	SignatureSize = 96 // compressed G2
)

// DST is the RFC 9380 domain separation tag of the proof-of-possession scheme,
// used for signatures and for time-lock identities alike (Lit's …_NUL_ DST does
// not verify).
const DST = "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_"

var dst = []byte(DST)

// PublicKey is a BLS public key (or public key share) in G1. The zero value is the
// identity and is rejected everywhere a key is used.
type PublicKey struct{ p bls12381.G1Affine }

// Signature is a BLS signature (or signature share) in G2.
type Signature struct{ p bls12381.G2Affine }

// ParsePublicKey decodes a 48-byte compressed G1 point, checking that it is on the
// curve, in the subgroup, and not the identity.
func ParsePublicKey(b []byte) (PublicKey, error) {
	var pk PublicKey
	if err := decodeG1(&pk.p, b); err != nil {
		return PublicKey{}, fmt.Errorf("public key: %w", err)
	}
	return pk, nil
}

// ParsePublicKeyHex decodes a public key from hex (with or without 0x).
func ParsePublicKeyHex(s string) (PublicKey, error) {
	b, err := decodeHex(s)
	if err != nil {
		return PublicKey{}, fmt.Errorf("public key: %w", err)
	}
	return ParsePublicKey(b)
}

// Bytes returns the 48-byte compressed encoding.
func (pk PublicKey) Bytes() []byte { b := pk.p.Bytes(); return b[:] }

// String returns the hex encoding, without 0x (as Lit's handshake carries it).
func (pk PublicKey) String() string { return hex.EncodeToString(pk.Bytes()) }

// Equal reports whether two keys are the same point.
func (pk PublicKey) Equal(o PublicKey) bool { return pk.p.Equal(&o.p) }

// ParseSignature decodes a 96-byte compressed G2 point, checking that it is on the
// curve, in the subgroup, and not the identity.
func ParseSignature(b []byte) (Signature, error) {
	var s Signature
	if err := decodeG2(&s.p, b); err != nil {
		return Signature{}, fmt.Errorf("signature: %w", err)
	}
	return s, nil
}

// Bytes returns the 96-byte compressed encoding.
func (s Signature) Bytes() []byte { b := s.p.Bytes(); return b[:] }

// String returns the hex encoding.
func (s Signature) String() string { return hex.EncodeToString(s.Bytes()) }

// Equal reports whether two signatures are the same point.
func (s Signature) Equal(o Signature) bool { return s.p.Equal(&o.p) }

// compressed is a gnark point that decodes its compressed encoding.
type compressed interface {
	SetBytes([]byte) (int, error)
	IsInfinity() bool
}

// decodePoint accepts exactly the size-byte compressed encoding of a
// non-identity subgroup point. gnark's SetBytes checks the flags, canonical
// coordinates, the curve equation and the subgroup; lengths and the identity
// are checked here.
func decodePoint(p compressed, b []byte, size int) error {
	if len(b) != size {
		return fmt.Errorf("%w: %d bytes, want %d", ErrEncoding, len(b), size)
	}
	if b[0]&0x80 == 0 {
		return fmt.Errorf("%w: not a compressed encoding", ErrInvalidPoint)
	}
	if _, err := p.SetBytes(b); err != nil {
		return fmt.Errorf("%w: %v", ErrInvalidPoint, err)
	}
	if p.IsInfinity() {
		return ErrIdentity
	}
	return nil
}

func decodeG1(p *bls12381.G1Affine, b []byte) error { return decodePoint(p, b, PublicKeySize) }

func decodeG2(p *bls12381.G2Affine, b []byte) error { return decodePoint(p, b, SignatureSize) }

// decodeHex accepts lower- or upper-case hex with an optional 0x prefix.
func decodeHex(s string) ([]byte, error) {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s = s[2:]
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%w: bad hex", ErrEncoding)
	}
	return b, nil
}

// hashToG2 hashes msg to G2 with the proof-of-possession DST.
func hashToG2(msg []byte) (bls12381.G2Affine, error) {
	return bls12381.HashToG2(msg, dst)
}

// Verify checks sig on msg under pk: e(pk, H(msg)) = e(G1, sig).
func Verify(pk PublicKey, msg []byte, sig Signature) error {
	h, err := hashToG2(msg)
	if err != nil {
		return fmt.Errorf("bls: hash to curve: %w", err)
	}
	return verifyHashed(&pk.p, &h, &sig.p)
}

func verifyHashed(pk *bls12381.G1Affine, h, sig *bls12381.G2Affine) error {
	if pk.IsInfinity() || sig.IsInfinity() {
		return ErrIdentity
	}
	var negG1 bls12381.G1Affine
	negG1.Neg(&g1Gen)
	ok, err := bls12381.PairingCheck([]bls12381.G1Affine{*pk, negG1}, []bls12381.G2Affine{*h, *sig})
	if err != nil || !ok {
		return ErrVerify
	}
	return nil
}

var g1Gen = func() bls12381.G1Affine {
	_, _, g1, _ := bls12381.Generators()
	return g1
}()
