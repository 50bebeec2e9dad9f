// Package wire holds the JSON shapes of the client API that both sides of it
// use: the node writes them and the Go client reads them, in Lit's casing and
// encodings (docs/api.md). Envelopes that only one side builds stay with it.
package wire

import (
	"encoding/json"

	"github.com/flint-network/flint/acc"
)

// Handshake is a node's answer to /web/handshake. Keys are hex without 0x (a
// 0x-prefixed BLS key breaks the Lit SDK's encrypt).
type Handshake struct {
	ServerPublicKey     string   `json:"serverPublicKey"`
	SubnetPublicKey     string   `json:"subnetPublicKey"`
	NetworkPublicKey    string   `json:"networkPublicKey"`
	NetworkPublicKeySet string   `json:"networkPublicKeySet"`
	HDRootPubkeys       []string `json:"hdRootPubkeys"`
	LatestBlockhash     string   `json:"latestBlockhash"`
	ClientSDKVersion    string   `json:"clientSdkVersion"`
	Attestation         any      `json:"attestation"`
	// Flint additions (clients that know them use them; the Lit SDK ignores them).
	NodeAddress   string `json:"nodeAddress"`
	NodeIndex     uint32 `json:"nodeIndex"`
	Epoch         uint64 `json:"epoch"`
	Threshold     int    `json:"threshold"`
	Quorum        int    `json:"quorum"`
	BLSPublicPoly string `json:"blsPublicPoly"`
	// NodeIndices is the current node set's stable indices, ascending: the
	// set a request's leader is drawn from, which a client that talks to
	// fewer nodes (one connected before a node joined) needs to choose
	// request ids whose leader it reaches.
	NodeIndices []uint32 `json:"nodeIndices,omitempty"`
}

// PKPSignShare is the signatureShare object of a /web/pkp/sign answer:
// snake_case keys, hex values as JSON string literals (quotes included),
// uppercase like Lit's node; a node outside the signer set answers "fail" and
// empty strings.
type PKPSignShare struct {
	Digest         string `json:"digest"`
	Result         string `json:"result"`
	ShareIndex     int    `json:"share_index"`
	SignatureShare string `json:"signature_share"`
	BigR           string `json:"big_r"`
	PublicKey      string `json:"public_key"`
	SigType        string `json:"sig_type"`
}

// SignedEntry is one sigName of a /web/execute answer's signedData: camelCase,
// hex as JSON string literals, uppercase; a node outside the signer set
// answers "fail" and empty strings.
type SignedEntry struct {
	SigType        string `json:"sigType"`
	DataSigned     string `json:"dataSigned"`
	SignatureShare string `json:"signatureShare"`
	ShareIndex     int    `json:"shareIndex"`
	BigR           string `json:"bigR"`
	PublicKey      string `json:"publicKey"`
	SigName        string `json:"sigName"`
}

// ClaimEntry is one keyId of an execute answer's claimData: the node's
// signature (r ‖ s ‖ v, 130 hex digits) and the derived key id (64 hex
// digits), without 0x.
type ClaimEntry struct {
	Signature    string `json:"signature"`
	DerivedKeyID string `json:"derivedKeyId"`
}

// EncryptionSignRequest is the body of /web/encryption/sign: a ciphertext's
// access-control conditions (the first present of the four lists counts, as
// the SDK sends it), the hash of its data, and the caller's authSig (a
// session signature for that node, or a wallet AuthSig). The condition lists
// stay raw: the node hashes exactly what was sent.
type EncryptionSignRequest struct {
	acc.Fields
	DataToEncryptHash string          `json:"dataToEncryptHash"`
	Chain             string          `json:"chain,omitempty"`
	AuthSig           json.RawMessage `json:"authSig"`
	Epoch             uint64          `json:"epoch,omitempty"`
}

// EncryptionSignAnswer is a node's answer to /web/encryption/sign: its BLS
// signature share on the ciphertext's identity, in the old encoding
// {"ProofOfPossession": hex(index byte ‖ 96-byte G2 share)}, and its share
// index.
type EncryptionSignAnswer struct {
	Result         string          `json:"result"`
	SignatureShare json.RawMessage `json:"signatureShare"`
	ShareIndex     uint32          `json:"shareIndex"`
}

// ErrorAnswer is the body of every refusal of the client API, in Lit's
// shape. Codes are stable; messages say which check failed on which node.
type ErrorAnswer struct {
	Kind          string   `json:"errorKind"`
	Code          string   `json:"errorCode"`
	Status        int      `json:"status"`
	Message       string   `json:"message"`
	CorrelationID string   `json:"correlationId"`
	Details       []string `json:"details"`
}

// ActionFailureAnswer is a failed /web/execute's body: the standard error
// and, at once, Lit's execute failure fields (HTTP 400 {success: false,
// error, logs}), so the SDK, Flint's client and a reader all find what they
// look for. A client reads any refusal into it.
type ActionFailureAnswer struct {
	ErrorAnswer
	Success bool   `json:"success"`
	Error   string `json:"error"`
	Logs    string `json:"logs"`
}
