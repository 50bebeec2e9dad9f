package wire

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/flint-network/flint/crypto/bls"
)

// A BLS signature share's JSON is Lit's, in one of two encodings, both read
// by ParseBLSShare:
//
//	old: {"ProofOfPossession": "<hex: 1-byte index ‖ 96-byte share>"}
//	new: {"ProofOfPossession": {"identifier": "<64 hex: 32-byte LE scalar>", "value": "<192 hex>"}}
//
// Lit's nodes answer /web/encryption/sign and
// /web/signing/access_control_condition in the old one; identifiers that do
// not fit a byte need the new one. crypto/bls holds the binary forms only.
const popKey = "ProofOfPossession"

type newShareJSON struct {
	Identifier string `json:"identifier"`
	Value      string `json:"value"`
}

// MarshalBLSShare writes the old encoding when the identifier is an index
// 1..255, else the new one.
func MarshalBLSShare(s bls.SignatureShare) ([]byte, error) {
	if i, ok := s.ID.Index(); ok && i >= 1 && i <= 255 {
		return MarshalBLSShareOld(s)
	}
	return MarshalBLSShareNew(s)
}

// MarshalBLSShareOld writes {"ProofOfPossession": "<hex index byte ‖
// share>"}; the identifier must be an index 1..255.
func MarshalBLSShareOld(s bls.SignatureShare) ([]byte, error) {
	raw, err := s.IndexedBytes()
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]string{popKey: hex.EncodeToString(raw)})
}

// MarshalBLSShareNew writes {"ProofOfPossession": {"identifier": …,
// "value": …}}.
func MarshalBLSShareNew(s bls.SignatureShare) ([]byte, error) {
	return json.Marshal(map[string]newShareJSON{popKey: {
		Identifier: hex.EncodeToString(s.ID[:]),
		Value:      hex.EncodeToString(s.Value.Bytes()),
	}})
}

// ParseBLSShare reads a share in either encoding and validates the
// identifier and the point (curve, subgroup, not the identity). Its errors
// wrap bls.ErrEncoding, bls.ErrInvalidIdentifier or the point's error.
func ParseBLSShare(data []byte) (bls.SignatureShare, error) {
	var outer map[string]json.RawMessage
	if err := json.Unmarshal(data, &outer); err != nil {
		return bls.SignatureShare{}, fmt.Errorf("signature share: %w: %v", bls.ErrEncoding, err)
	}
	raw, ok := outer[popKey]
	if !ok || len(outer) != 1 {
		return bls.SignatureShare{}, fmt.Errorf("signature share: %w: want exactly the key %q", bls.ErrEncoding, popKey)
	}
	switch raw = bytes.TrimSpace(raw); {
	case len(raw) > 0 && raw[0] == '"':
		var h string
		if err := json.Unmarshal(raw, &h); err != nil {
			return bls.SignatureShare{}, fmt.Errorf("signature share: %w: %v", bls.ErrEncoding, err)
		}
		b, err := decodeHex(h)
		if err != nil {
			return bls.SignatureShare{}, fmt.Errorf("signature share: %w", err)
		}
		return bls.ParseIndexedSignatureShare(b)
	case len(raw) > 0 && raw[0] == '{':
		var n newShareJSON
		if err := json.Unmarshal(raw, &n); err != nil {
			return bls.SignatureShare{}, fmt.Errorf("signature share: %w: %v", bls.ErrEncoding, err)
		}
		idb, err := decodeHex(n.Identifier)
		if err != nil {
			return bls.SignatureShare{}, fmt.Errorf("signature share identifier: %w", err)
		}
		id, err := bls.ParseIdentifier(idb)
		if err != nil {
			return bls.SignatureShare{}, fmt.Errorf("signature share: %w", err)
		}
		value, err := decodeHex(n.Value)
		if err != nil {
			return bls.SignatureShare{}, fmt.Errorf("signature share value: %w", err)
		}
		sig, err := bls.ParseSignature(value)
		if err != nil {
			return bls.SignatureShare{}, fmt.Errorf("signature share %s: %w", id, err)
		}
		return bls.SignatureShare{ID: id, Value: sig}, nil
	default:
		return bls.SignatureShare{}, fmt.Errorf("signature share: %w: %s is neither a string nor an object", bls.ErrEncoding, popKey)
	}
}

// decodeHex reads hex with or without 0x, as Lit writes it.
func decodeHex(s string) ([]byte, error) {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s = s[2:]
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, fmt.Errorf("%w: bad hex", bls.ErrEncoding)
	}
	return b, nil
}
