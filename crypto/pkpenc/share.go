package pkpenc

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/flint-network/flint/crypto/hd"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/vss"
)

// Sizes of the share format (version 1).
const (
	// ShareVersion is the first byte of an encoded share.
	ShareVersion = 0x01
	// ShareSize is version ‖ index ‖ D_i ‖ e ‖ z.
	ShareSize = 1 + 2 + secp.CompressedSize + 2*secp.ScalarSize
	// MaxIndex is the largest node index (tecdsa.MaxParties).
	MaxIndex = 255
)

// Domain separation tags of the proof (RFC 9380 hash_to_field).
const (
	dleqDST  = "flint/pkpenc/v1/dleq"
	nonceDST = "flint/pkpenc/v1/dleq-nonce"
)

// Errors of shares. Errors about one share are *ShareError values naming it.
var (
	// ErrShareFormat: an encoded share that does not parse.
	ErrShareFormat = errors.New("pkpenc: malformed decryption share")
	// ErrBadProof: a share whose proof does not hold for the node's public
	// share: the node computed D_i with some other scalar than its share.
	ErrBadProof = errors.New("pkpenc: decryption share proof does not verify")
	// ErrIndex: a node index of 0 or above MaxIndex.
	ErrIndex = errors.New("pkpenc: node index out of range")
)

// ShareError names the node whose share is wrong.
type ShareError struct {
	Index uint32
	Err   error
}

func (e *ShareError) Error() string { return fmt.Sprintf("node %d: %v", e.Index, e.Err) }
func (e *ShareError) Unwrap() error { return e.Err }

// Share is node Index's decryption share of one ciphertext: D = x'_i·U and a
// Chaum–Pedersen proof (E, Z) that log_G(X'_i) = log_U(D).
type Share struct {
	Index uint32
	D     secp.Point // affine
	E, Z  secp.Scalar
}

// DecryptionShare is the node's side: for the ciphertext header c
// (ParseHeader) and the PKP whose public key pkp = X' and share x'_i (node
// index i) the node derived itself — never taken from the request — it
// checks that c was made for pkp (c.Verify) and returns D_i = x'_i·U with
// the proof. The node must have checked first that the caller may decrypt
// with this PKP (docs/pkp-encryption.md §5). It fails, and never falls back,
// if the system's randomness does.
func DecryptionShare(x *secp.Scalar, index uint32, pkp *secp.Point, c *Ciphertext) (*Share, error) {
	if err := c.Verify(pkp); err != nil {
		return nil, err
	}
	return decryptionShare(rand.Reader, x, index, &c.U)
}

// decryptionShare computes, with one fresh blinding scalar b and the proof
// nonce ρ = c·b,
//
//	B_G = b·G, B_U = b·U, a = x'_i·b⁻¹
//	X'_i = a·B_G, D_i = a·B_U, A_1 = c·B_G = ρ·G, A_2 = c·B_U = ρ·U
//
// so every variable-time multiplication has a scalar (b, a, c) that is
// uniformly random and used once, never x'_i or ρ itself. b and c are hashed
// from x'_i, U and fresh randomness (hedged), so a weak random source alone
// does not repeat a nonce.
func decryptionShare(rnd io.Reader, x *secp.Scalar, index uint32, u *secp.Point) (*Share, error) {
	if index == 0 || index > MaxIndex {
		return nil, fmt.Errorf("%w: %d, want 1..%d", ErrIndex, index, MaxIndex)
	}
	if x.IsZero() {
		return nil, errors.New("pkpenc: the key share is zero")
	}
	uu, err := checkPoint(u)
	if err != nil {
		return nil, fmt.Errorf("pkpenc: ephemeral key: %w", err)
	}
	var seed [32]byte
	if _, err := io.ReadFull(rnd, seed[:]); err != nil {
		return nil, fmt.Errorf("pkpenc: randomness for the proof: %w", err)
	}
	xb, uc := x.Bytes(), secp.Compress(&uu)
	defer clear(xb[:])
	b, err := hedged("blind", xb[:], uc[:], seed[:])
	if err != nil {
		return nil, err
	}
	c, err := hedged("nonce", xb[:], uc[:], seed[:])
	if err != nil {
		return nil, err
	}
	var a secp.Scalar
	a.InverseValNonConst(&b).Mul(x) // b is random: its inversion's timing says nothing of x
	bg := secp.BaseMult(&b)
	bu := secp.ScalarMult(&b, &uu)
	pub := secp.ScalarMult(&a, &bg)
	sh := &Share{Index: index, D: secp.ScalarMult(&a, &bu)}
	a1 := secp.ScalarMult(&c, &bg)
	a2 := secp.ScalarMult(&c, &bu)
	sh.E = challenge(index, &pub, &uu, &sh.D, &a1, &a2)
	// z = ρ + e·x'_i with ρ = c·b, in constant-time scalar arithmetic.
	var rho, ex secp.Scalar
	rho.Mul2(&c, &b)
	ex.Mul2(&sh.E, x)
	sh.Z.Add2(&rho, &ex)
	b.Zero()
	c.Zero()
	a.Zero()
	rho.Zero()
	ex.Zero()
	return sh, nil
}

// hedged returns a non-zero scalar hashed from the key share, U and fresh
// randomness under a label.
func hedged(label string, x, u, seed []byte) (secp.Scalar, error) {
	for ctr := byte(0); ; ctr++ {
		s, err := secp.HashToScalar([]byte(nonceDST), []byte(label), x, u, seed, []byte{ctr})
		if err != nil {
			return secp.Scalar{}, fmt.Errorf("pkpenc: %w", err)
		}
		if !s.IsZero() {
			return s, nil
		}
	}
}

// challenge is the Fiat–Shamir challenge
//
//	e = hash_to_field(DST = dleqDST, index (2 bytes) ‖ X'_i ‖ U ‖ D_i ‖ A_1 ‖ A_2)
//
// with every point compressed (33 bytes) and affine.
func challenge(index uint32, pub, u, d, a1, a2 *secp.Point) secp.Scalar {
	var buf [2 + 5*secp.CompressedSize]byte
	binary.BigEndian.PutUint16(buf[:], uint16(index))
	off := 2
	for _, p := range []*secp.Point{pub, u, d, a1, a2} {
		c := secp.Compress(p)
		off += copy(buf[off:], c[:])
	}
	e, err := secp.HashToScalar([]byte(dleqDST), buf[:])
	if err != nil {
		panic(err) // constant DST: cannot fail
	}
	return e
}

// VerifyShare checks sh against node sh.Index's public share pub = X'_i of
// the PKP key (PublicShare) and the ciphertext's ephemeral key u. A share
// that fails is a *ShareError naming the node.
func VerifyShare(sh *Share, pub, u *secp.Point) error {
	fail := func(err error) error { return &ShareError{Index: sh.Index, Err: err} }
	if sh.Index == 0 || sh.Index > MaxIndex {
		return fail(fmt.Errorf("%w: %d, want 1..%d", ErrIndex, sh.Index, MaxIndex))
	}
	d, err := checkPoint(&sh.D)
	if err != nil {
		return fail(err)
	}
	x, err := checkPoint(pub)
	if err != nil {
		return fail(fmt.Errorf("public share: %w", err))
	}
	uu, err := checkPoint(u)
	if err != nil {
		return fmt.Errorf("pkpenc: ephemeral key: %w", err)
	}
	// A_1 = z·G − e·X'_i, A_2 = z·U − e·D_i; accept iff e = H(…, A_1, A_2).
	var negE secp.Scalar
	negE.NegateVal(&sh.E)
	zg := secp.BaseMult(&sh.Z)
	a1 := lincomb([]secp.Scalar{negE}, []secp.Point{x})
	secp.Add(&a1, &zg, &a1)
	a2 := lincomb([]secp.Scalar{sh.Z, negE}, []secp.Point{uu, d})
	if secp.IsInfinity(&a1) || secp.IsInfinity(&a2) {
		return fail(ErrBadProof) // an honest prover's nonce commitments are never infinity
	}
	pts := []secp.Point{a1, a2}
	secp.BatchToAffine(pts)
	e := challenge(sh.Index, &x, &uu, &d, &pts[0], &pts[1])
	if !e.Equals(&sh.E) {
		return fail(ErrBadProof)
	}
	return nil
}

// Bytes encodes the share: ShareVersion ‖ index (2 bytes, big-endian) ‖
// Compress(D) ‖ e ‖ z.
func (sh *Share) Bytes() []byte {
	out := make([]byte, 0, ShareSize)
	out = append(out, ShareVersion)
	out = binary.BigEndian.AppendUint16(out, uint16(sh.Index))
	d := secp.Compress(&sh.D)
	out = append(out, d[:]...)
	e, z := sh.E.Bytes(), sh.Z.Bytes()
	out = append(out, e[:]...)
	return append(out, z[:]...)
}

// ParseShare decodes a share strictly: exactly ShareSize bytes, version 1, an
// index in 1..MaxIndex, D a compressed point on the curve, e and z below N.
// It does not check the proof (VerifyShare does).
func ParseShare(b []byte) (*Share, error) {
	if len(b) != ShareSize {
		return nil, fmt.Errorf("%w: %d bytes, want %d", ErrShareFormat, len(b), ShareSize)
	}
	if b[0] != ShareVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrShareFormat, b[0], ShareVersion)
	}
	sh := &Share{Index: uint32(binary.BigEndian.Uint16(b[1:3]))}
	if sh.Index == 0 || sh.Index > MaxIndex {
		return nil, fmt.Errorf("%w: %w: %d, want 1..%d", ErrShareFormat, ErrIndex, sh.Index, MaxIndex)
	}
	var err error
	off := 3
	if sh.D, err = parseCompressed(b[off : off+secp.CompressedSize]); err != nil {
		return nil, fmt.Errorf("%w: node %d: D: %w", ErrShareFormat, sh.Index, err)
	}
	off += secp.CompressedSize
	if sh.E, err = secp.DecodeScalar(b[off : off+secp.ScalarSize]); err != nil {
		return nil, fmt.Errorf("%w: node %d: e: %w", ErrShareFormat, sh.Index, err)
	}
	off += secp.ScalarSize
	if sh.Z, err = secp.DecodeScalar(b[off:]); err != nil {
		return nil, fmt.Errorf("%w: node %d: z: %w", ErrShareFormat, sh.Index, err)
	}
	return sh, nil
}

// PublicShare returns node index's public share X'_i = x'_i·G of the PKP key
// with key scalar s = hd.KeyScalar(keyID), from the Feldman commitments of
// the root keys (tecdsa.KeyShare.Commitments, the same at every node of an
// epoch). Derivation is linear, so X'_i = Σ_j s^j·X_{j,i} with X_{j,i} =
// roots[j].Eval(i): the same Horner sum crypto/hd applies to the root keys.
//
// The network does not publish these commitments to clients today (the
// handshake carries only the root public keys roots[j][0]); a client that
// gets them must take them from a quorum of agreeing nodes and check that
// roots[j][0] are the root keys on chain. Without them, use CombineOpen.
func PublicShare(roots []vss.Commitment, s *secp.Scalar, index uint32) (secp.Point, error) {
	if index == 0 || index > MaxIndex {
		return secp.Point{}, fmt.Errorf("%w: %d, want 1..%d", ErrIndex, index, MaxIndex)
	}
	if len(roots) == 0 {
		return secp.Point{}, hd.ErrNoRoots
	}
	pubs := make([]secp.Point, len(roots))
	for j, c := range roots {
		if len(c) == 0 {
			return secp.Point{}, fmt.Errorf("pkpenc: root key %d has no commitments", j)
		}
		for l := range c {
			if _, err := checkPoint(&c[l]); err != nil {
				return secp.Point{}, fmt.Errorf("pkpenc: root key %d, commitment %d: %w", j, l, err)
			}
		}
		pubs[j] = c.Eval(index)
		if secp.IsInfinity(&pubs[j]) {
			return secp.Point{}, fmt.Errorf("%w: public share of root key %d at node %d is infinity", ErrPoint, j, index)
		}
	}
	secp.BatchToAffine(pubs)
	// Σ_j s^j·X_{j,i} as one linear combination: GLV multiplications
	// instead of crypto/hd's Horner chain of generic ones.
	pow := make([]secp.Scalar, len(pubs))
	pow[0].SetInt(1)
	for j := 1; j < len(pow); j++ {
		pow[j].Mul2(&pow[j-1], s)
	}
	p := lincomb(pow, pubs)
	if secp.IsInfinity(&p) {
		return secp.Point{}, fmt.Errorf("%w: public share of node %d is infinity", ErrPoint, index)
	}
	secp.ToAffine(&p)
	return p, nil
}
