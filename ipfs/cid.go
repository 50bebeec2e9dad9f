// Package ipfs addresses Actions by their IPFS content identifier: it computes
// the CIDv0 that `ipfs add` (kubo's defaults) gives a file's bytes, keeps a
// local content store on disk, and fetches code from IPFS HTTP gateways,
// refusing any bytes that do not hash to the CID that was asked for.
//
// Only CIDv0 exists here: a base58btc string "Qm…" that encodes the 34-byte
// sha2-256 multihash 0x12 0x20 ‖ sha256(root dag-pb block). That is the form
// Lit Actions are published under and the form stored on chain (the
// base58-decoded bytes). The root block is a UnixFS File node built with a
// fixed-size chunker of 256 KiB and the balanced layout with at most 174 links
// per node, so a CID computed here equals the one `ipfs add` prints.
package ipfs

import (
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/mr-tron/base58"
)

// Multihash header of a CIDv0: sha2-256 (0x12), 32-byte digest (0x20).
const (
	mhSHA256 = 0x12
	mhLen    = 0x20
)

// Size is the length in bytes of a CIDv0 in binary form (the on-chain form).
const Size = 34

// maxStringLen bounds the input to Parse before any decoding: a 34-byte value
// is at most 47 base58 characters (46 in practice, all starting "Qm").
const maxStringLen = 47

// Errors returned by this package. Each error wraps exactly one of them.
var (
	// ErrBadCID: the input is not a valid CIDv0 (bad base58, wrong length,
	// not a sha2-256 multihash, or a non-canonical encoding).
	ErrBadCID = errors.New("ipfs: invalid CID")
	// ErrNotFound: no source holds content for the CID.
	ErrNotFound = errors.New("ipfs: content not found")
	// ErrTooLarge: the content is larger than the configured limit.
	ErrTooLarge = errors.New("ipfs: content too large")
	// ErrMismatch: bytes were obtained but do not hash to the requested CID.
	ErrMismatch = errors.New("ipfs: content does not match CID")
	// ErrGateway: a gateway failed in a way that says nothing about the
	// content (connection error, 5xx, timeout).
	ErrGateway = errors.New("ipfs: gateway failure")
)

// CID is a CIDv0: the sha2-256 multihash of a dag-pb root block. The zero
// value is not a valid CID; IsZero reports it.
type CID struct {
	digest [32]byte
	valid  bool
}

// FromDigest returns the CID whose multihash carries the given sha256 digest
// of a root block.
func FromDigest(d [32]byte) CID { return CID{digest: d, valid: true} }

// sumBlock is the CID of one encoded dag-pb block.
func sumBlock(block []byte) CID { return FromDigest(sha256.Sum256(block)) }

// Parse decodes a "Qm…" string. It accepts only the canonical base58btc
// encoding of a 34-byte sha2-256 multihash.
func Parse(s string) (CID, error) {
	if len(s) == 0 || len(s) > maxStringLen {
		return CID{}, fmt.Errorf("%w: length %d", ErrBadCID, len(s))
	}
	b, err := base58.Decode(s)
	if err != nil {
		return CID{}, fmt.Errorf("%w: %q is not base58btc", ErrBadCID, s)
	}
	c, err := FromBytes(b)
	if err != nil {
		return CID{}, err
	}
	// base58 has exactly one encoding per byte string, but leading '1's map to
	// zero bytes; a round trip rules out any alternative spelling.
	if c.String() != s {
		return CID{}, fmt.Errorf("%w: %q is not canonical", ErrBadCID, s)
	}
	return c, nil
}

// MustParse is Parse for constants in code and tests; it panics on error.
func MustParse(s string) CID {
	c, err := Parse(s)
	if err != nil {
		panic(err)
	}
	return c
}

// FromBytes decodes the binary (on-chain) form: 0x12 0x20 ‖ 32-byte digest.
func FromBytes(b []byte) (CID, error) {
	if len(b) != Size {
		return CID{}, fmt.Errorf("%w: %d bytes, want %d", ErrBadCID, len(b), Size)
	}
	if b[0] != mhSHA256 || b[1] != mhLen {
		return CID{}, fmt.Errorf("%w: multihash header %#x %#x is not sha2-256/32", ErrBadCID, b[0], b[1])
	}
	var c CID
	copy(c.digest[:], b[2:])
	c.valid = true
	return c, nil
}

// Bytes returns the binary form, 0x12 0x20 ‖ digest (nil for the zero CID).
func (c CID) Bytes() []byte {
	if !c.valid {
		return nil
	}
	b := make([]byte, Size)
	b[0], b[1] = mhSHA256, mhLen
	copy(b[2:], c.digest[:])
	return b
}

// Digest returns the sha256 digest of the root block.
func (c CID) Digest() [32]byte { return c.digest }

// IsZero reports whether c is the zero value rather than a parsed or
// computed CID.
func (c CID) IsZero() bool { return !c.valid }

// String returns the "Qm…" form ("" for the zero CID).
func (c CID) String() string {
	if !c.valid {
		return ""
	}
	return base58.Encode(c.Bytes())
}

// MarshalText implements encoding.TextMarshaler, so CIDs appear in JSON as
// their "Qm…" strings.
func (c CID) MarshalText() ([]byte, error) {
	if !c.valid {
		return nil, fmt.Errorf("%w: zero CID", ErrBadCID)
	}
	return []byte(c.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler with Parse's rules.
func (c *CID) UnmarshalText(b []byte) error {
	p, err := Parse(string(b))
	if err != nil {
		return err
	}
	*c = p
	return nil
}
