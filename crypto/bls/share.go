package bls

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// SignatureShare is one holder's share of a signature: Value = s_id·H(msg).
//
// Its JSON is Lit's, in one of two encodings, both accepted by UnmarshalJSON:
//
//	old: {"ProofOfPossession": "<hex: 1-byte index ‖ 96-byte share>"}
//	new: {"ProofOfPossession": {"identifier": "<64 hex: 32-byte LE scalar>", "value": "<192 hex>"}}
//
// MarshalJSON writes the old encoding (what Lit's nodes return from
// /web/encryption/sign) when the identifier is an index 1..255, else the new one.
type SignatureShare struct {
	ID    Identifier
	Value Signature
}

const popKey = "ProofOfPossession"

type newShareJSON struct {
	Identifier string `json:"identifier"`
	Value      string `json:"value"`
}

// MarshalJSON writes the old encoding when the identifier fits in a byte, else
// the new one.
func (s SignatureShare) MarshalJSON() ([]byte, error) {
	if i, ok := s.ID.Index(); ok && i >= 1 && i <= 255 {
		return s.MarshalJSONOld()
	}
	return s.MarshalJSONNew()
}

// MarshalJSONOld writes {"ProofOfPossession": "<hex index byte ‖ share>"}; the
// identifier must be an index 1..255.
func (s SignatureShare) MarshalJSONOld() ([]byte, error) {
	i, ok := s.ID.Index()
	if !ok || i < 1 || i > 255 {
		return nil, fmt.Errorf("signature share: %w: identifier %s does not fit the one-byte index", ErrEncoding, s.ID)
	}
	raw := append([]byte{byte(i)}, s.Value.Bytes()...)
	return json.Marshal(map[string]string{popKey: hex.EncodeToString(raw)})
}

// MarshalJSONNew writes {"ProofOfPossession": {"identifier": …, "value": …}}.
func (s SignatureShare) MarshalJSONNew() ([]byte, error) {
	return json.Marshal(map[string]newShareJSON{popKey: {
		Identifier: hex.EncodeToString(s.ID[:]),
		Value:      hex.EncodeToString(s.Value.Bytes()),
	}})
}

// UnmarshalJSON reads either encoding and validates the identifier and the
// point (curve, subgroup, not the identity).
func (s *SignatureShare) UnmarshalJSON(data []byte) error {
	var outer map[string]json.RawMessage
	if err := json.Unmarshal(data, &outer); err != nil {
		return fmt.Errorf("signature share: %w: %v", ErrEncoding, err)
	}
	raw, ok := outer[popKey]
	if !ok || len(outer) != 1 {
		return fmt.Errorf("signature share: %w: want exactly the key %q", ErrEncoding, popKey)
	}
	var id Identifier
	var value []byte
	switch raw = bytes.TrimSpace(raw); {
	case len(raw) > 0 && raw[0] == '"':
		var h string
		if err := json.Unmarshal(raw, &h); err != nil {
			return fmt.Errorf("signature share: %w: %v", ErrEncoding, err)
		}
		b, err := decodeHex(h)
		if err != nil {
			return fmt.Errorf("signature share: %w", err)
		}
		if len(b) != 1+SignatureSize {
			return fmt.Errorf("signature share: %w: %d bytes, want %d", ErrEncoding, len(b), 1+SignatureSize)
		}
		if b[0] == 0 {
			return fmt.Errorf("signature share: %w: index 0", ErrInvalidIdentifier)
		}
		id, value = IndexIdentifier(uint32(b[0])), b[1:]
	case len(raw) > 0 && raw[0] == '{':
		var n newShareJSON
		if err := json.Unmarshal(raw, &n); err != nil {
			return fmt.Errorf("signature share: %w: %v", ErrEncoding, err)
		}
		idb, err := decodeHex(n.Identifier)
		if err != nil {
			return fmt.Errorf("signature share identifier: %w", err)
		}
		if id, err = ParseIdentifier(idb); err != nil {
			return fmt.Errorf("signature share: %w", err)
		}
		if value, err = decodeHex(n.Value); err != nil {
			return fmt.Errorf("signature share value: %w", err)
		}
	default:
		return fmt.Errorf("signature share: %w: %s is neither a string nor an object", ErrEncoding, popKey)
	}
	sig, err := ParseSignature(value)
	if err != nil {
		return fmt.Errorf("signature share %s: %w", id, err)
	}
	s.ID, s.Value = id, sig
	return nil
}

// ParseSignatureShare decodes a share from its JSON, in either encoding.
func ParseSignatureShare(data []byte) (SignatureShare, error) {
	var s SignatureShare
	err := s.UnmarshalJSON(data)
	return s, err
}
