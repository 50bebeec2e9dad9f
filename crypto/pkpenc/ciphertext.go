package pkpenc

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/flint-network/flint/crypto/secp"
)

// Sizes of the ciphertext format (version 1).
const (
	// Version is the first byte of every ciphertext this package writes:
	// secp256k1 ECIES with HKDF-SHA256, a key commitment and AES-256-GCM.
	Version = 0x01
	// NonceSize is the length of the AES-GCM nonce.
	NonceSize = 12
	// CommitSize is the length of the key commitment.
	CommitSize = 32
	// TagSize is the length of the AES-GCM tag.
	TagSize = 16
	// ProofSize is the sender's proof of knowledge of r: e ‖ z.
	ProofSize = 2 * secp.ScalarSize
	// HeaderSize is version ‖ U ‖ proof ‖ nonce ‖ key commitment: what a
	// node needs (ParseHeader) to release a share.
	HeaderSize = 1 + secp.CompressedSize + ProofSize + NonceSize + CommitSize
	// Overhead is how much longer a ciphertext is than its plaintext.
	Overhead = HeaderSize + TagSize
	// MaxPlaintext bounds a plaintext (16 MiB): larger data is encrypted
	// under a random data key, and the data key to the PKP.
	MaxPlaintext = 16 << 20
	// MaxAAD bounds the associated data (64 KiB).
	MaxAAD = 64 << 10
)

// Domain separation. The salt and info strings name this format and its
// version, so keys derived here never equal keys derived from the same point
// by any other protocol (ECDSA with the same PKP key, a future version).
const (
	kdfSalt  = "flint/pkpenc/v1/salt"
	kdfInfo  = "flint/pkpenc/v1/key"
	pokDST   = "flint/pkpenc/v1/pok"
	pokNonce = "flint/pkpenc/v1/pok-nonce"
)

// Errors of the ciphertext format. Each error returned wraps one of them.
var (
	// ErrFormat: a ciphertext that does not parse.
	ErrFormat = errors.New("pkpenc: malformed ciphertext")
	// ErrTooLarge: a plaintext, ciphertext or associated data over its bound.
	ErrTooLarge = errors.New("pkpenc: too large")
	// ErrDecrypt: the point does not open the ciphertext — a wrong PKP key,
	// wrong shares, other associated data, or a ciphertext that was altered.
	ErrDecrypt = errors.New("pkpenc: decryption failed")
	// ErrPoint: a point that is not a valid public key (off the curve, the
	// point at infinity, not normalised).
	ErrPoint = errors.New("pkpenc: invalid point")
	// ErrNotForKey: the ciphertext's proof of knowledge of r does not hold
	// for this PKP key — it was made for another PKP, or altered. A node
	// must not release a share for it.
	ErrNotForKey = errors.New("pkpenc: ciphertext not made for this PKP key")
)

// Ciphertext is a parsed ciphertext.
type Ciphertext struct {
	U      secp.Point       // the ephemeral public key r·G, affine
	E, Z   secp.Scalar      // Schnorr proof of knowledge of r, bound to X' (Verify)
	Nonce  [NonceSize]byte  // AES-GCM nonce
	Commit [CommitSize]byte // key commitment (HKDF output next to the key)
	Sealed []byte           // AES-GCM ciphertext ‖ tag
}

// Encrypt encrypts plaintext to the PKP whose public key is pkp (affine or
// not; it must be a valid point). aad is optional associated data: it is
// authenticated but not stored, and Open must be given the same bytes.
func Encrypt(pkp *secp.Point, plaintext, aad []byte) ([]byte, error) {
	return encrypt(rand.Reader, pkp, plaintext, aad)
}

func encrypt(rnd io.Reader, pkp *secp.Point, plaintext, aad []byte) ([]byte, error) {
	if len(plaintext) > MaxPlaintext {
		return nil, fmt.Errorf("%w: plaintext of %d bytes, at most %d", ErrTooLarge, len(plaintext), MaxPlaintext)
	}
	if len(aad) > MaxAAD {
		return nil, fmt.Errorf("%w: associated data of %d bytes, at most %d", ErrTooLarge, len(aad), MaxAAD)
	}
	x, err := checkPoint(pkp)
	if err != nil {
		return nil, fmt.Errorf("pkpenc: PKP public key: %w", err)
	}
	r, err := secp.RandomScalar(rnd)
	if err != nil {
		return nil, fmt.Errorf("pkpenc: ephemeral key: %w", err)
	}
	defer r.Zero()
	c := &Ciphertext{U: secp.BaseMult(&r)}
	if err := c.prove(rnd, &r, &x); err != nil {
		return nil, err
	}
	s := secp.ScalarMult(&r, &x) // r·X' = x'·U
	if _, err := io.ReadFull(rnd, c.Nonce[:]); err != nil {
		return nil, fmt.Errorf("pkpenc: nonce: %w", err)
	}
	aead, err := c.keys(&x, &s, true)
	if err != nil {
		return nil, err
	}
	out := make([]byte, HeaderSize, HeaderSize+len(plaintext)+TagSize)
	c.putHeader(out)
	return aead.Seal(out, c.Nonce[:], plaintext, adata(out[:HeaderSize], aad)), nil
}

// Parse decodes a ciphertext strictly: the version must be 1, U a compressed
// point on the curve, e and z below N, and the length between Overhead and
// Overhead + MaxPlaintext. It copies what it keeps. It does not check the
// proof (Verify does).
func Parse(b []byte) (*Ciphertext, error) {
	if len(b) < Overhead {
		return nil, fmt.Errorf("%w: %d bytes, at least %d", ErrFormat, len(b), Overhead)
	}
	if len(b) > Overhead+MaxPlaintext {
		return nil, fmt.Errorf("%w: ciphertext of %d bytes, at most %d", ErrTooLarge, len(b), Overhead+MaxPlaintext)
	}
	c, err := ParseHeader(b[:HeaderSize])
	if err != nil {
		return nil, err
	}
	c.Sealed = append([]byte(nil), b[HeaderSize:]...)
	return c, nil
}

// ParseHeader decodes exactly the HeaderSize bytes a node needs to release
// a share (Header), with Parse's checks; Sealed is left empty.
func ParseHeader(b []byte) (*Ciphertext, error) {
	if len(b) != HeaderSize {
		return nil, fmt.Errorf("%w: header of %d bytes, want %d", ErrFormat, len(b), HeaderSize)
	}
	if b[0] != Version {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrFormat, b[0], Version)
	}
	u, err := parseCompressed(b[1 : 1+secp.CompressedSize])
	if err != nil {
		return nil, fmt.Errorf("%w: ephemeral key: %w", ErrFormat, err)
	}
	c := &Ciphertext{U: u}
	off := 1 + secp.CompressedSize
	if c.E, err = secp.DecodeScalar(b[off : off+secp.ScalarSize]); err != nil {
		return nil, fmt.Errorf("%w: proof e: %w", ErrFormat, err)
	}
	off += secp.ScalarSize
	if c.Z, err = secp.DecodeScalar(b[off : off+secp.ScalarSize]); err != nil {
		return nil, fmt.Errorf("%w: proof z: %w", ErrFormat, err)
	}
	off += secp.ScalarSize
	off += copy(c.Nonce[:], b[off:])
	copy(c.Commit[:], b[off:])
	return c, nil
}

// Header returns the first HeaderSize bytes of the encoding: what a client
// sends the nodes.
func (c *Ciphertext) Header() []byte {
	out := make([]byte, HeaderSize)
	c.putHeader(out)
	return out
}

// prove makes the sender's Schnorr proof of knowledge of r = log_G(U),
// bound to the PKP key:
//
//	k hedged from r, X', U and fresh randomness;  R = k·G
//	e = hash_to_field(DST = pokDST, Version ‖ Compress(X') ‖ Compress(U) ‖ Compress(R))
//	z = k + e·r
func (c *Ciphertext) prove(rnd io.Reader, r *secp.Scalar, pkp *secp.Point) error {
	var seed [32]byte
	if _, err := io.ReadFull(rnd, seed[:]); err != nil {
		return fmt.Errorf("pkpenc: randomness for the proof: %w", err)
	}
	rb, xc, uc := r.Bytes(), secp.Compress(pkp), secp.Compress(&c.U)
	defer clear(rb[:])
	var k secp.Scalar
	for ctr := byte(0); k.IsZero(); ctr++ {
		var err error
		if k, err = secp.HashToScalar([]byte(pokNonce), rb[:], xc[:], uc[:], seed[:], []byte{ctr}); err != nil {
			return fmt.Errorf("pkpenc: %w", err)
		}
	}
	defer k.Zero()
	rp := secp.BaseMult(&k)
	c.E = pokChallenge(pkp, &c.U, &rp)
	var er secp.Scalar
	er.Mul2(&c.E, r)
	c.Z.Add2(&k, &er)
	er.Zero()
	return nil
}

func pokChallenge(pkp, u, rp *secp.Point) secp.Scalar {
	xc, uc, rc := secp.Compress(pkp), secp.Compress(u), secp.Compress(rp)
	e, err := secp.HashToScalar([]byte(pokDST), []byte{Version}, xc[:], uc[:], rc[:])
	if err != nil {
		panic(err) // constant DST: cannot fail
	}
	return e
}

// Verify checks the sender's proof that it knew r = log_G(U) and made the
// ciphertext for the PKP key pkp. A node checks it, with the X' of the PKP
// whose permissions it checked, before it releases a share
// (DecryptionShare does): see docs/pkp-encryption.md §6 for why a node that
// skips it lets anyone holding ten PKPs decrypt everything.
func (c *Ciphertext) Verify(pkp *secp.Point) error {
	x, err := checkPoint(pkp)
	if err != nil {
		return fmt.Errorf("pkpenc: PKP public key: %w", err)
	}
	u, err := checkPoint(&c.U)
	if err != nil {
		return fmt.Errorf("pkpenc: ephemeral key: %w", err)
	}
	// R = z·G − e·U; accept iff e = H(…, R).
	var negE secp.Scalar
	negE.NegateVal(&c.E)
	rp := secp.BaseMult(&c.Z)
	eu := secp.ScalarMult(&negE, &u)
	secp.Add(&rp, &eu, &rp)
	if secp.IsInfinity(&rp) {
		return ErrNotForKey
	}
	secp.ToAffine(&rp)
	if e := pokChallenge(&x, &u, &rp); !e.Equals(&c.E) {
		return ErrNotForKey
	}
	return nil
}

// Bytes returns the encoding Parse reads.
func (c *Ciphertext) Bytes() []byte {
	out := make([]byte, HeaderSize, HeaderSize+len(c.Sealed))
	c.putHeader(out)
	return append(out, c.Sealed...)
}

// Open decrypts c with the combined point xU = x'·U (from Combine), for the
// PKP public key pkp it was encrypted to and the associated data it was
// encrypted with. Any mismatch is ErrDecrypt.
func Open(pkp *secp.Point, c *Ciphertext, xU *secp.Point, aad []byte) ([]byte, error) {
	if len(aad) > MaxAAD {
		return nil, fmt.Errorf("%w: associated data of %d bytes, at most %d", ErrTooLarge, len(aad), MaxAAD)
	}
	if len(c.Sealed) < TagSize || len(c.Sealed) > TagSize+MaxPlaintext {
		return nil, fmt.Errorf("%w: sealed part of %d bytes", ErrFormat, len(c.Sealed))
	}
	x, err := checkPoint(pkp)
	if err != nil {
		return nil, fmt.Errorf("pkpenc: PKP public key: %w", err)
	}
	u, err := checkPoint(&c.U)
	if err != nil {
		return nil, fmt.Errorf("pkpenc: ephemeral key: %w", err)
	}
	s, err := checkPoint(xU)
	if err != nil {
		return nil, fmt.Errorf("pkpenc: combined point: %w", err)
	}
	cc := *c
	cc.U = u
	aead, err := cc.keys(&x, &s, false)
	if err != nil {
		return nil, err
	}
	var hdr [HeaderSize]byte
	cc.putHeader(hdr[:])
	pt, err := aead.Open(nil, c.Nonce[:], c.Sealed, adata(hdr[:], aad))
	if err != nil {
		return nil, ErrDecrypt
	}
	if pt == nil {
		pt = []byte{} // an empty plaintext is not a failure
	}
	return pt, nil
}

// keys derives the AEAD key and the key commitment from the shared point s
// (affine). When sealing it fills in c.Commit; otherwise it checks it, so a
// point other than x'·U is refused before the AEAD is even tried (AES-GCM
// alone is not committing: one ciphertext can be made to open under two
// keys, and CombineOpen must not accept a wrong combination).
//
//	okm = HKDF-SHA256(IKM = Compress(S), salt = kdfSalt,
//	                  info = kdfInfo ‖ Version ‖ Compress(X') ‖ Compress(U), L = 64)
//	key = okm[0:32], commitment = okm[32:64]
func (c *Ciphertext) keys(pkp, s *secp.Point, seal bool) (cipher.AEAD, error) {
	okm, err := derive(pkp, &c.U, s)
	if err != nil {
		return nil, err
	}
	if seal {
		copy(c.Commit[:], okm[32:])
	} else if subtle.ConstantTimeCompare(c.Commit[:], okm[32:]) != 1 {
		return nil, ErrDecrypt
	}
	block, err := aes.NewCipher(okm[:32])
	if err != nil {
		return nil, fmt.Errorf("pkpenc: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("pkpenc: %w", err)
	}
	return aead, nil
}

// derive returns the 64 bytes of key material for (X', U, S).
func derive(pkp, u, s *secp.Point) ([]byte, error) {
	ikm := secp.Compress(s)
	xc, uc := secp.Compress(pkp), secp.Compress(u)
	info := make([]byte, 0, len(kdfInfo)+1+2*secp.CompressedSize)
	info = append(info, kdfInfo...)
	info = append(info, Version)
	info = append(info, xc[:]...)
	info = append(info, uc[:]...)
	okm, err := hkdf.Key(sha256.New, ikm[:], []byte(kdfSalt), string(info), 64)
	if err != nil {
		return nil, fmt.Errorf("pkpenc: hkdf: %w", err)
	}
	return okm, nil
}

// commitOK reports whether s is the point c was encrypted under (for the
// PKP key pkp): the cheap check CombineOpen runs on each candidate.
func (c *Ciphertext) commitOK(pkp, s *secp.Point) bool {
	okm, err := derive(pkp, &c.U, s)
	return err == nil && subtle.ConstantTimeCompare(c.Commit[:], okm[32:]) == 1
}

// putHeader writes version ‖ U ‖ e ‖ z ‖ nonce ‖ commitment into
// out[:HeaderSize].
func (c *Ciphertext) putHeader(out []byte) {
	out[0] = Version
	u := secp.Compress(&c.U)
	off := 1 + copy(out[1:], u[:])
	e, z := c.E.Bytes(), c.Z.Bytes()
	off += copy(out[off:], e[:])
	off += copy(out[off:], z[:])
	off += copy(out[off:], c.Nonce[:])
	copy(out[off:], c.Commit[:])
}

// adata is the AEAD's associated data: the whole header, then the caller's.
func adata(hdr, aad []byte) []byte {
	return append(append(make([]byte, 0, len(hdr)+len(aad)), hdr...), aad...)
}

// parseCompressed parses a 33-byte compressed point (prefix 0x02 or 0x03,
// x below the field prime, on the curve).
func parseCompressed(b []byte) (secp.Point, error) {
	if len(b) != secp.CompressedSize || (b[0] != 0x02 && b[0] != 0x03) {
		return secp.Point{}, fmt.Errorf("%w: not a 33-byte compressed point", ErrPoint)
	}
	p, err := secp.ParsePublicKey(b)
	if err != nil {
		return secp.Point{}, fmt.Errorf("%w: %w", ErrPoint, err)
	}
	return p, nil
}

// checkPoint returns an affine copy of p after checking that it is a point
// of the group other than infinity. Points built by hand (not parsed) come
// through here, so nothing downstream multiplies a point off the curve: on a
// curve of cofactor 1, every other point has order N.
func checkPoint(p *secp.Point) (secp.Point, error) {
	if p == nil || secp.IsInfinity(p) {
		return secp.Point{}, fmt.Errorf("%w: the point at infinity", ErrPoint)
	}
	q := *p
	q.ToAffine()
	if !secp256k1.NewPublicKey(&q.X, &q.Y).IsOnCurve() {
		return secp.Point{}, fmt.Errorf("%w: not on the curve", ErrPoint)
	}
	return q, nil
}
