// Package timelock is identity-based ("time-lock") encryption to a BLS network
// key, bit-compatible with Lit's (blsful 2.5, Bls12381G2Impl, proof of
// possession). Data encrypted to the network public key under an identity — for
// Lit, "lit-accesscontrolcondition://<conditions hash>/<data hash>" — can be
// decrypted with the BLS signature on that identity, which the nodes release as
// signature shares and the client combines (package bls).
//
// The construction (H = hash to G2 with bls.DST, HashToScalar = HKDF-SHA256 with
// salt "TIMELOCK_BLS12381_XOF:HKDF-SHA2-256_", 48 bytes read big-endian mod r):
//
//	A = LE32(HashToScalar(32 random bytes)),  r = HashToScalar(A ‖ SHA256(M))
//	U = r·G1,  V = SHA256(Gt(e(r·PK, H(ID)))) ⊕ A
//	P = LEB128(len M) ‖ M, zero-padded to at least 32 bytes,  W = P ⊕ SHAKE128(A)
//	ciphertext = U (48) ‖ V (32) ‖ LEB128(len W) ‖ W ‖ scheme byte (2 = PoP)
//
// Decryption recovers A = V ⊕ SHA256(Gt(e(U, σ))) with σ = sk·H(ID), unmasks P
// and accepts only if HashToScalar(A ‖ SHA256(M))·G1 = U (Fujisaki–Okamoto).
//
// Gt serialisation: the twelve 48-byte big-endian Fp coefficients of the pairing
// value in tower order c0.c0.c0, c0.c0.c1, c0.c1.c0, … c1.c2.c1, which is the
// order of gnark-crypto's E12 fields (C0.B0.A0 … C1.B2.A1). gnark-crypto is used
// for the pairing because its tower is the one the format is defined over, so
// the bytes are read straight from the fields; note that gnark's own
// E12.Bytes() (like kyber's and circl's marshalling) writes the twelve chunks in
// the reverse order and does not match. The Lit vectors pin this down.
//
// Size limit: the format carries the whole message in one block (the length
// comes first, the scheme byte last, and the integrity check hashes all of M), so
// both ends hold it in memory whole. Flint caps messages at MaxMessageSize,
// 256 MiB: the Lit JS SDK carries ciphertexts as base64 strings and V8 strings
// stop at 2^29−24 characters (about 384 MiB of ciphertext), so anything larger
// could not be decrypted by Lit clients anyway, and the cap bounds what a
// decoder allocates for a hostile input. Decoding never allocates more than the
// input's own length.
//
// One deliberate strictness beyond blsful: decryption also requires the padding
// after the message to be zero, which every honest encryptor produces; without
// it, flipping padding bits would go unnoticed.
package timelock

import (
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha3"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"

	"github.com/flint-network/flint/crypto/bls"
)

// MaxMessageSize is the largest plaintext Flint encrypts or decrypts (see the
// package doc for why).
const MaxMessageSize = 256 << 20

// SchemeProofOfPossession is the scheme byte Flint writes; on reading, any value
// ≥ 2 means proof of possession, as in blsful.
const SchemeProofOfPossession = 2

const (
	uSize      = bls.PublicKeySize
	vSize      = 32
	minPadded  = 32
	gtSize     = 576
	hkdfSalt   = "TIMELOCK_BLS12381_XOF:HKDF-SHA2-256_"
	maxLEB128  = 10 // a uint64
	randomSize = 32
)

// Errors with stable meanings, for errors.Is.
var (
	// ErrMalformed: the ciphertext does not parse (length, encoding, U not a
	// valid G1 point).
	ErrMalformed = errors.New("timelock: malformed ciphertext")
	// ErrUnsupportedScheme: a scheme byte other than proof of possession.
	ErrUnsupportedScheme = errors.New("timelock: unsupported signature scheme")
	// ErrTooLarge: a message above MaxMessageSize.
	ErrTooLarge = errors.New("timelock: message too large")
	// ErrDecrypt: the ciphertext was altered or is not for this key and identity.
	ErrDecrypt = errors.New("timelock: decryption failed")
)

// Ciphertext is a parsed time-lock ciphertext.
type Ciphertext struct {
	u      bls12381.G1Affine // r·G1, never the identity
	v      [vSize]byte       // the masked 32-byte seed A
	w      []byte            // the masked, padded, length-prefixed message
	scheme byte              // ≥ 2
}

// Parse decodes and validates a ciphertext: U a non-identity G1 subgroup point,
// a minimal LEB128 length that matches the data exactly, a proof-of-possession
// scheme byte.
func Parse(b []byte) (*Ciphertext, error) {
	if len(b) < uSize+vSize+1+minPadded+1 {
		return nil, fmt.Errorf("%w: %d bytes is too short", ErrMalformed, len(b))
	}
	if len(b) > uSize+vSize+maxLEB128+MaxMessageSize+maxLEB128+1 {
		return nil, fmt.Errorf("%w: %d bytes", ErrTooLarge, len(b))
	}
	pk, err := bls.ParsePublicKey(b[:uSize])
	if err != nil {
		return nil, fmt.Errorf("%w: U: %w", ErrMalformed, err)
	}
	c := &Ciphertext{u: g1(pk)}
	copy(c.v[:], b[uSize:uSize+vSize])
	rest := b[uSize+vSize:]
	n, k, err := readLEB128(rest)
	if err != nil {
		return nil, fmt.Errorf("%w: length: %w", ErrMalformed, err)
	}
	if k != len(minimalLEB128(n)) {
		return nil, fmt.Errorf("%w: non-minimal length encoding", ErrMalformed)
	}
	rest = rest[k:]
	if uint64(len(rest)) != n+1 {
		return nil, fmt.Errorf("%w: length %d does not match the %d bytes present", ErrMalformed, n, len(rest)-1)
	}
	if n < minPadded {
		return nil, fmt.Errorf("%w: data block of %d bytes, at least %d", ErrMalformed, n, minPadded)
	}
	c.w = rest[:n:n]
	c.scheme = rest[n]
	if c.scheme < SchemeProofOfPossession {
		return nil, fmt.Errorf("%w: scheme byte %d", ErrUnsupportedScheme, c.scheme)
	}
	return c, nil
}

// Bytes encodes the ciphertext.
func (c *Ciphertext) Bytes() []byte {
	u := c.u.Bytes()
	out := make([]byte, 0, uSize+vSize+maxLEB128+len(c.w)+1)
	out = append(out, u[:]...)
	out = append(out, c.v[:]...)
	out = append(out, minimalLEB128(uint64(len(c.w)))...)
	out = append(out, c.w...)
	return append(out, c.scheme)
}

// Encrypt encrypts msg to the network key pk under identity id, reading 32 bytes
// from rand (crypto/rand.Reader if nil).
func Encrypt(random io.Reader, pk bls.PublicKey, id, msg []byte) ([]byte, error) {
	if len(msg) > MaxMessageSize {
		return nil, fmt.Errorf("%w: %d bytes, at most %d", ErrTooLarge, len(msg), MaxMessageSize)
	}
	if random == nil {
		random = rand.Reader
	}
	var seed [randomSize]byte
	if _, err := io.ReadFull(random, seed[:]); err != nil {
		return nil, fmt.Errorf("timelock: randomness: %w", err)
	}
	alpha, err := hashToScalar(seed[:])
	if err != nil {
		return nil, err
	}
	a := leScalar(&alpha)
	r, err := deriveR(a[:], msg)
	if err != nil {
		return nil, err
	}
	h, err := bls12381.HashToG2(id, []byte(bls.DST))
	if err != nil {
		return nil, fmt.Errorf("timelock: hash to curve: %w", err)
	}
	rb := r.BigInt(new(big.Int))
	var c Ciphertext
	c.u.ScalarMultiplicationBase(rb)
	var rpk bls12381.G1Affine
	pkp := g1(pk)
	if pkp.IsInfinity() {
		return nil, fmt.Errorf("timelock: public key: %w", bls.ErrIdentity)
	}
	rpk.ScalarMultiplication(&pkp, rb)
	k, err := bls12381.Pair([]bls12381.G1Affine{rpk}, []bls12381.G2Affine{h})
	if err != nil {
		return nil, fmt.Errorf("timelock: pairing: %w", err)
	}
	mask := sha256.Sum256(gtBytes(&k))
	subtle.XORBytes(c.v[:], mask[:], a[:])

	prefix := minimalLEB128(uint64(len(msg)))
	c.w = make([]byte, max(len(prefix)+len(msg), minPadded))
	copy(c.w, prefix)
	copy(c.w[len(prefix):], msg)
	xorStream(c.w, a[:])
	c.scheme = SchemeProofOfPossession
	return c.Bytes(), nil
}

// Decrypt verifies sig, the BLS signature on identity id, under the network key
// pk (so that a wrong combination gives bls.ErrVerify rather than a garbled
// failure), then decrypts the ciphertext. A client whose signature came from
// bls.PublicPoly.Combine, which has verified it already, can save that pairing
// with Parse and Open.
func Decrypt(pk bls.PublicKey, id, ciphertext []byte, sig bls.Signature) ([]byte, error) {
	if err := bls.Verify(pk, id, sig); err != nil {
		return nil, fmt.Errorf("timelock: decryption key: %w", err)
	}
	c, err := Parse(ciphertext)
	if err != nil {
		return nil, err
	}
	return c.Open(sig)
}

// Open decrypts with the decryption key sig (the signature on the identity)
// without checking it against a public key: a wrong sig gives ErrDecrypt.
func (c *Ciphertext) Open(sig bls.Signature) ([]byte, error) {
	s := g2(sig)
	if s.IsInfinity() || c.u.IsInfinity() {
		return nil, fmt.Errorf("timelock: %w", bls.ErrIdentity)
	}
	k, err := bls12381.Pair([]bls12381.G1Affine{c.u}, []bls12381.G2Affine{s})
	if err != nil {
		return nil, fmt.Errorf("timelock: pairing: %w", err)
	}
	mask := sha256.Sum256(gtBytes(&k))
	var a [vSize]byte
	subtle.XORBytes(a[:], c.v[:], mask[:])
	p := make([]byte, len(c.w))
	copy(p, c.w)
	xorStream(p, a[:])

	n, k2, err := readLEB128(p)
	if err != nil || n > uint64(len(p)-k2) {
		return nil, ErrDecrypt
	}
	msg, pad := p[k2:k2+int(n)], p[k2+int(n):]
	var zero byte
	for _, b := range pad {
		zero |= b
	}
	r, err := deriveR(a[:], msg)
	if err != nil {
		return nil, ErrDecrypt
	}
	var u bls12381.G1Affine
	u.ScalarMultiplicationBase(r.BigInt(new(big.Int)))
	if !u.Equal(&c.u) || zero != 0 {
		return nil, ErrDecrypt
	}
	return msg, nil
}

// Identity returns Lit's decryption identity for access-control conditions and
// data, given the hex SHA-256 hashes of the canonical conditions and of the
// plaintext.
func Identity(conditionsHashHex, dataHashHex string) []byte {
	return []byte("lit-accesscontrolcondition://" + conditionsHashHex + "/" + dataHashHex)
}

// deriveR is r = HashToScalar(A ‖ SHA256(M)).
func deriveR(a, msg []byte) (fr.Element, error) {
	d := sha256.Sum256(msg)
	in := make([]byte, 0, len(a)+len(d))
	in = append(append(in, a...), d[:]...)
	return hashToScalar(in)
}

// hashToScalar is HKDF-SHA256 (salt hkdfSalt, IKM x ‖ 0x00, info 0x00 0x30) to
// 48 bytes, read big-endian and reduced mod r.
func hashToScalar(x []byte) (fr.Element, error) {
	ikm := append(append(make([]byte, 0, len(x)+1), x...), 0)
	okm, err := hkdf.Key(sha256.New, ikm, []byte(hkdfSalt), "\x00\x30", 48)
	if err != nil {
		return fr.Element{}, fmt.Errorf("timelock: hkdf: %w", err)
	}
	var e fr.Element
	e.SetBigInt(new(big.Int).SetBytes(okm))
	if e.IsZero() {
		return fr.Element{}, errors.New("timelock: zero scalar")
	}
	return e, nil
}

// leScalar writes a scalar as 32 bytes little-endian.
func leScalar(e *fr.Element) [32]byte {
	be := e.Bytes()
	var le [32]byte
	for i := range be {
		le[31-i] = be[i]
	}
	return le
}

// xorStream XORs b with SHAKE128(seed).
func xorStream(b, seed []byte) {
	x := sha3.NewSHAKE128()
	x.Write(seed)
	ks := make([]byte, len(b))
	x.Read(ks)
	subtle.XORBytes(b, b, ks)
}

// gtBytes writes the twelve Fp coefficients in tower order c0.c0.c0 … c1.c2.c1.
func gtBytes(k *bls12381.GT) []byte {
	out := make([]byte, 0, gtSize)
	for _, e := range [...]*[2]bigEndianFp{
		{fpBytes(k.C0.B0.A0), fpBytes(k.C0.B0.A1)},
		{fpBytes(k.C0.B1.A0), fpBytes(k.C0.B1.A1)},
		{fpBytes(k.C0.B2.A0), fpBytes(k.C0.B2.A1)},
		{fpBytes(k.C1.B0.A0), fpBytes(k.C1.B0.A1)},
		{fpBytes(k.C1.B1.A0), fpBytes(k.C1.B1.A1)},
		{fpBytes(k.C1.B2.A0), fpBytes(k.C1.B2.A1)},
	} {
		out = append(out, e[0][:]...)
		out = append(out, e[1][:]...)
	}
	return out
}

type bigEndianFp = [48]byte

// minimalLEB128 encodes n in unsigned LEB128.
func minimalLEB128(n uint64) []byte {
	return binary.AppendUvarint(nil, n)
}

// readLEB128 reads an unsigned LEB128 value of at most 10 bytes.
func readLEB128(b []byte) (uint64, int, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 {
		return 0, 0, errors.New("bad LEB128")
	}
	return n, k, nil
}
