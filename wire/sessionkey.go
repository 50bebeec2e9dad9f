package wire

import "encoding/json"

// SignSessionKeyRequest is the body of /web/sign_session_key/v1 as the Lit
// SDK 7.4.0's signSessionKey sends it (getPkpSessionSigs,
// getLitActionSessionSigs).
type SignSessionKeyRequest struct {
	// SessionKey is "lit:session:<ed25519 public key, hex>", the SIWE URI.
	SessionKey  string           `json:"sessionKey"`
	AuthMethods []AuthMethodJSON `json:"authMethods"`
	// PKPPublicKey is the PKP's key, hex with or without 0x.
	PKPPublicKey string `json:"pkpPublicKey,omitempty"`
	// SiweMessage is the SIWE the client built; the nodes rebuild it.
	SiweMessage string `json:"siweMessage"`
	CurveType   string `json:"curveType"`
	// Code (base64) or LitActionIPFSID names a Lit Action whose response
	// "true" proves the login; JSParams are its parameters.
	Code            string          `json:"code,omitempty"`
	LitActionIPFSID string          `json:"litActionIpfsId,omitempty"`
	JSParams        json.RawMessage `json:"jsParams,omitempty"`
	Epoch           uint64          `json:"epoch,omitempty"`
}

// AuthMethodJSON is one login: {authMethodType, accessToken}.
type AuthMethodJSON struct {
	AuthMethodType int    `json:"authMethodType"`
	AccessToken    string `json:"accessToken"`
}

// SignSessionKeyAnswer is a node's answer: its BLS share over the session
// hash of SiweMessage (DataSigned, hex), which every node rebuilds alike.
// The SDK refuses an answer with any of these empty.
type SignSessionKeyAnswer struct {
	Result         string          `json:"result"`
	SignatureShare json.RawMessage `json:"signatureShare"`
	ShareIndex     uint32          `json:"shareIndex"`
	CurveType      string          `json:"curveType"`
	SiweMessage    string          `json:"siweMessage"`
	DataSigned     string          `json:"dataSigned"`
	BLSRootPubkey  string          `json:"blsRootPubkey"`
}
