package wire

import (
	"encoding/json"
	"errors"
	"fmt"
)

// HandshakeRequest is the body of /web/handshake. The Lit SDK sends a
// challenge for the node to sign; Flint's nodes answer with their keys only.
type HandshakeRequest struct {
	ClientPublicKey string `json:"clientPublicKey"`
	Challenge       string `json:"challenge"`
	Epoch           uint64 `json:"epoch"`
}

// AttestRequest is the body of /flint/v1/attest (a Flint extension): the
// address that will mint, and the nonce it picked (32 bytes, hex).
type AttestRequest struct {
	Recipient string `json:"recipient"`
	Nonce     string `json:"nonce"`
	Epoch     uint64 `json:"epoch"`
}

// AttestAnswer is a node's answer to /flint/v1/attest: the claimable key's
// id and public key, and the node's signature on the claim; hex with 0x.
type AttestAnswer struct {
	KeyID       string `json:"keyId"`
	PublicKey   string `json:"publicKey"`
	Recipient   string `json:"recipient"`
	Signature   string `json:"signature"`
	NodeAddress string `json:"nodeAddress"`
}

// ByteArray is bytes in the SDK's JSON form [n, n, …] (not base64).
type ByteArray []byte

// MarshalJSON writes the array of byte values.
func (b ByteArray) MarshalJSON() ([]byte, error) {
	nums := make([]int, len(b))
	for i, v := range b {
		nums[i] = int(v)
	}
	return json.Marshal(nums)
}

// UnmarshalJSON reads an array of numbers 0..255.
func (b *ByteArray) UnmarshalJSON(data []byte) error {
	var nums []int
	if err := json.Unmarshal(data, &nums); err != nil {
		return errors.New("must be an array of byte values")
	}
	out := make([]byte, len(nums))
	for i, v := range nums {
		if v < 0 || v > 255 {
			return fmt.Errorf("element %d is %d, not a byte", i, v)
		}
		out[i] = byte(v)
	}
	*b = out
	return nil
}

// PKPSignRequest is the body of /web/pkp/sign and /web/pkp/sign/v1: the
// 32-byte hash to sign, the PKP's public key (hex, 0x), and the caller's
// authSig (its session signature for that node) or authMethods.
type PKPSignRequest struct {
	ToSign      ByteArray       `json:"toSign"`
	Pubkey      string          `json:"pubkey"`
	AuthSig     json.RawMessage `json:"authSig,omitempty"`
	AuthMethods json.RawMessage `json:"authMethods,omitempty"`
	Epoch       uint64          `json:"epoch"`
	// PlainShares (a Flint extension) asks every live holder for a plain
	// share with its node index as share_index, so the client can name a
	// wrong one; the Lit SDK never sets it and gets Lit-weighted shares.
	PlainShares bool `json:"plainShares,omitempty"`
}

// PKPSignAnswer is a node's answer to /web/pkp/sign.
type PKPSignAnswer struct {
	Success        bool          `json:"success"`
	SignedData     []int         `json:"signedData"`
	SignatureShare *PKPSignShare `json:"signatureShare"`
	// Presignature names the presignature bound to the request (a Flint
	// addition; Lit's SDK ignores it).
	Presignature string `json:"presignature"`
}

// ExecuteRequest is the body of /web/execute and /web/execute/v1: the
// Action's code (standard, padded base64 of its UTF-8) or its CID, its
// parameters (a JSON object), and the caller's authSig or authMethods.
// Other keys the SDK sends (responseStrategy, useSingleNode, ipfsOptions, …)
// are its own; nodes ignore them.
type ExecuteRequest struct {
	Code        string          `json:"code,omitempty"`
	IPFSID      string          `json:"ipfsId,omitempty"` // CIDv0 of the code
	JSParams    json.RawMessage `json:"jsParams,omitempty"`
	AuthSig     json.RawMessage `json:"authSig,omitempty"`
	AuthMethods json.RawMessage `json:"authMethods,omitempty"`
	Epoch       uint64          `json:"epoch"`
}

// ExecuteAnswer is a node's answer to a successful /web/execute: its share
// of each signature the Action asked for (by sigName), its claims (by
// keyId), and the Action's response and logs. decryptedData is always an
// empty object, as Lit's nodes answer.
type ExecuteAnswer struct {
	Success       bool                    `json:"success"`
	SignedData    map[string]*SignedEntry `json:"signedData"`
	DecryptedData map[string]any          `json:"decryptedData"`
	ClaimData     map[string]*ClaimEntry  `json:"claimData"`
	Response      string                  `json:"response"`
	Logs          string                  `json:"logs"`
}

// AuthMethod is a Lit auth method as the SDK sends it.
type AuthMethod struct {
	AuthMethodType uint32 `json:"authMethodType"`
	AccessToken    string `json:"accessToken"`
}

// ClaimRequest is the body of /web/pkp/claim: Lit's {authMethod,
// credentialPublicKey?} and Flint's recipient, the address that will call
// claimAndMint (default: the wallet of an EthWallet login; for an ID token,
// the address its nonce claim names).
type ClaimRequest struct {
	AuthMethod          AuthMethod `json:"authMethod"`
	CredentialPublicKey string     `json:"credentialPublicKey,omitempty"`
	Recipient           string     `json:"recipient,omitempty"`
	Epoch               uint64     `json:"epoch,omitempty"`
}

// ClaimAnswer is a node's answer to /web/pkp/claim. Signature (r ‖ s ‖ v,
// v 27 or 28) and DerivedKeyID are hex without 0x, as Lit's nodes send them
// and the SDK's claimKeyId reads them; the rest is Flint's, hex with 0x.
type ClaimAnswer struct {
	Signature      string `json:"signature"`
	DerivedKeyID   string `json:"derivedKeyId"`
	PublicKey      string `json:"publicKey"`
	Recipient      string `json:"recipient"`
	AuthMethodType uint32 `json:"authMethodType"`
	AuthMethodID   string `json:"authMethodId"`
	NodeAddress    string `json:"nodeAddress"`
}
