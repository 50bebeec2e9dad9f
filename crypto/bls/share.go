package bls

import "fmt"

// SignatureShare is one holder's share of a signature: Value = s_id·H(msg).
//
// Its binary forms are the identifier (32 bytes, ID[:]) with the value
// (Value.Bytes()), and Lit's short form IndexedBytes. Its JSON, in Lit's two
// encodings, is the wire package's: crypto holds no JSON.
type SignatureShare struct {
	ID    Identifier
	Value Signature
}

// IndexedSize is the length of a share's IndexedBytes.
const IndexedSize = 1 + SignatureSize

// IndexedBytes is Lit's short form of a share: its index as one byte ‖ the
// 96-byte compressed share. The identifier must be an index 1..255.
func (s SignatureShare) IndexedBytes() ([]byte, error) {
	i, ok := s.ID.Index()
	if !ok || i < 1 || i > 255 {
		return nil, fmt.Errorf("signature share: %w: identifier %s does not fit the one-byte index", ErrEncoding, s.ID)
	}
	return append([]byte{byte(i)}, s.Value.Bytes()...), nil
}

// ParseIndexedSignatureShare reads IndexedBytes, validating the index (not
// 0) and the point (curve, subgroup, not the identity).
func ParseIndexedSignatureShare(b []byte) (SignatureShare, error) {
	if len(b) != IndexedSize {
		return SignatureShare{}, fmt.Errorf("signature share: %w: %d bytes, want %d", ErrEncoding, len(b), IndexedSize)
	}
	if b[0] == 0 {
		return SignatureShare{}, fmt.Errorf("signature share: %w: index 0", ErrInvalidIdentifier)
	}
	id := IndexIdentifier(uint32(b[0]))
	sig, err := ParseSignature(b[1:])
	if err != nil {
		return SignatureShare{}, fmt.Errorf("signature share %s: %w", id, err)
	}
	return SignatureShare{ID: id, Value: sig}, nil
}
