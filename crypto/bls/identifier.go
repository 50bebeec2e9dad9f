package bls

import (
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"strconv"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fr"
)

// Identifier names a share: the non-zero scalar x at which the key polynomial is
// evaluated, stored as on Lit's wire, 32 bytes little-endian. Flint's node i has
// the identifier IndexIdentifier(i).
type Identifier [32]byte

// IndexIdentifier returns the identifier of node index i (the scalar i).
func IndexIdentifier(i uint32) Identifier {
	var id Identifier
	binary.LittleEndian.PutUint32(id[:4], i)
	return id
}

// ParseIdentifier decodes a 32-byte little-endian scalar, which must be non-zero
// and below the group order.
func ParseIdentifier(b []byte) (Identifier, error) {
	if len(b) != len(Identifier{}) {
		return Identifier{}, fmt.Errorf("%w: identifier of %d bytes, want 32", ErrEncoding, len(b))
	}
	id := Identifier(b)
	if _, err := id.scalar(); err != nil {
		return Identifier{}, err
	}
	return id, nil
}

// Index returns the node index the identifier stands for, if it is a small
// integer (below 2^32).
func (id Identifier) Index() (uint32, bool) {
	for _, c := range id[4:] {
		if c != 0 {
			return 0, false
		}
	}
	return binary.LittleEndian.Uint32(id[:4]), true
}

// String is the decimal index for small identifiers, else the hex encoding.
func (id Identifier) String() string {
	if i, ok := id.Index(); ok {
		return strconv.FormatUint(uint64(i), 10)
	}
	return hex.EncodeToString(id[:])
}

// scalar returns the identifier as a field element, rejecting zero and values
// not below the group order.
func (id Identifier) scalar() (fr.Element, error) {
	var be [32]byte
	for i := range id {
		be[31-i] = id[i]
	}
	var x fr.Element
	if err := x.SetBytesCanonical(be[:]); err != nil {
		return fr.Element{}, fmt.Errorf("%w: not below the group order", ErrInvalidIdentifier)
	}
	if x.IsZero() {
		return fr.Element{}, fmt.Errorf("%w: zero", ErrInvalidIdentifier)
	}
	return x, nil
}
