package wire

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/flint-network/flint/acc"
)

// SigningACCRequest is the body of /web/signing/access_control_condition,
// as the Lit SDK's getSignedToken sends it: one of the four condition
// fields (the SDK's canonical form), the chain, the caller's authSig (this
// node's session signature, or a wallet AuthSig), and the token's times,
// which the client picks so that every node signs the same token.
type SigningACCRequest struct {
	acc.Fields
	Chain   *string         `json:"chain,omitempty"`
	AuthSig json.RawMessage `json:"authSig"`
	Iat     int64           `json:"iat"` // Unix seconds
	Exp     int64           `json:"exp"` // Unix seconds
	Epoch   uint64          `json:"epoch,omitempty"`
}

// SigningACCAnswer is a node's answer to /web/signing/access_control_condition:
// the unsigned JWT it built, its BLS signature share on it, in the old
// encoding {"ProofOfPossession": hex(index byte ‖ 96-byte G2 share)}, and its
// share index. The SDK joins the combined signature to the unsigned JWT.
type SigningACCAnswer struct {
	Result         string          `json:"result"`
	SignatureShare json.RawMessage `json:"signatureShare"`
	ShareIndex     uint32          `json:"shareIndex"`
	UnsignedJWT    string          `json:"unsignedJwt"`
}

// JWTHeader is the header of every token the network signs.
type JWTHeader struct {
	Alg string `json:"alg"`
	Typ string `json:"typ"`
}

// JWTAlg is the header's alg: a BLS signature in G2 under the network's G1
// key, as Lit names it.
const JWTAlg = "BLS12-381"

// JWTPayload is the claims of a signed token, in Lit's field order (its
// node's JwtPayloadV2). Exactly one condition field is set, to the canonical
// form of the conditions the caller met; the other three, and chain when the
// request named none, encode as null, as Lit's do.
type JWTPayload struct {
	Iss                            string          `json:"iss"` // "LIT"
	Sub                            string          `json:"sub"` // the caller's address
	Chain                          *string         `json:"chain"`
	Iat                            int64           `json:"iat"`
	Exp                            int64           `json:"exp"`
	AccessControlConditions        json.RawMessage `json:"accessControlConditions"`
	EVMContractConditions          json.RawMessage `json:"evmContractConditions"`
	SolRPCConditions               json.RawMessage `json:"solRpcConditions"`
	UnifiedAccessControlConditions json.RawMessage `json:"unifiedAccessControlConditions"`
}

// jwtEncoding is base64url without padding (RFC 7515), for the header and
// the payload.
var jwtEncoding = base64.RawURLEncoding

// UnsignedJWT encodes header.payload, the JWT signing input: base64url
// without padding of {"alg":"BLS12-381","typ":"JWT"} and of p. The encoding
// is a pure function of p, so nodes given the same request produce the same
// bytes, which the SDK requires of them.
func UnsignedJWT(p *JWTPayload) (string, error) {
	h, err := compactJSON(JWTHeader{Alg: JWTAlg, Typ: "JWT"})
	if err != nil {
		return "", err
	}
	b, err := compactJSON(p)
	if err != nil {
		return "", fmt.Errorf("jwt payload: %w", err)
	}
	return jwtEncoding.EncodeToString(h) + "." + jwtEncoding.EncodeToString(b), nil
}

// compactJSON is json.Marshal without HTML escaping: as serde_json and
// JSON.stringify write it, so the claims read the same to every verifier.
func compactJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// MaxJWTBytes bounds a token a verifier reads: the claims carry at most
// acc.MaxInputBytes of conditions, which base64 makes 4/3 larger.
const MaxJWTBytes = 1 << 20

// ErrJWTFormat is a token that is not header.payload.signature in base64url
// with the header above.
var ErrJWTFormat = errors.New("malformed JWT")

// sdkSignature maps the standard base64 alphabet to base64url. The Lit
// SDK's combineSharesAndGetJWT writes a token's signature with
// uint8arrays' "base64urlpad", which replaces only the first "+" and the
// first "/" of standard base64 (String.replace with a string pattern), so
// its tokens mix the two alphabets; the SDK's own decoder reads them back.
var sdkSignature = strings.NewReplacer("+", "-", "/", "_")

// SplitJWT parses a signed token into its signing input (header.payload),
// its claims and its signature bytes. It checks the form only, not the
// signature. The signature is read as the SDK writes it (sdkSignature),
// with or without padding; header and payload must be strict base64url,
// since they are what is signed.
func SplitJWT(jwt string) (signingInput string, claims *JWTPayload, sig []byte, err error) {
	if len(jwt) > MaxJWTBytes {
		return "", nil, nil, fmt.Errorf("%w: %d bytes (at most %d)", ErrJWTFormat, len(jwt), MaxJWTBytes)
	}
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		return "", nil, nil, fmt.Errorf("%w: %d parts, want header.payload.signature", ErrJWTFormat, len(parts))
	}
	hb, err := jwtEncoding.DecodeString(parts[0])
	if err != nil {
		return "", nil, nil, fmt.Errorf("%w: header: %v", ErrJWTFormat, err)
	}
	var h JWTHeader
	if err := json.Unmarshal(hb, &h); err != nil {
		return "", nil, nil, fmt.Errorf("%w: header: %v", ErrJWTFormat, err)
	}
	if h.Alg != JWTAlg || h.Typ != "JWT" {
		return "", nil, nil, fmt.Errorf("%w: header alg %q typ %q, want %q JWT", ErrJWTFormat, h.Alg, h.Typ, JWTAlg)
	}
	pb, err := jwtEncoding.DecodeString(parts[1])
	if err != nil {
		return "", nil, nil, fmt.Errorf("%w: payload: %v", ErrJWTFormat, err)
	}
	var p JWTPayload
	if err := json.Unmarshal(pb, &p); err != nil {
		return "", nil, nil, fmt.Errorf("%w: payload: %v", ErrJWTFormat, err)
	}
	for _, f := range []*json.RawMessage{&p.AccessControlConditions, &p.EVMContractConditions, &p.SolRPCConditions, &p.UnifiedAccessControlConditions} {
		if string(*f) == "null" {
			*f = nil // absent, as it was when encoded
		}
	}
	sig, err = jwtEncoding.DecodeString(sdkSignature.Replace(strings.TrimRight(parts[2], "=")))
	if err != nil {
		return "", nil, nil, fmt.Errorf("%w: signature: %v", ErrJWTFormat, err)
	}
	return parts[0] + "." + parts[1], &p, sig, nil
}
