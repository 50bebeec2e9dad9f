package wire

import "encoding/json"

// PKPDecryptRequest is the body of /flint/v1/pkp/decrypt (a Flint
// extension, docs/pkp-encryption.md): the PKP a ciphertext was encrypted
// to, the ciphertext's header (hex of its first pkpenc.HeaderSize bytes, all
// a node needs), and the caller's session signature made for that node.
type PKPDecryptRequest struct {
	PKPPublicKey string          `json:"pkpPublicKey"` // 33 or 65 bytes, hex
	Header       string          `json:"header"`       // hex
	AuthSig      json.RawMessage `json:"authSig"`
	Epoch        uint64          `json:"epoch,omitempty"`
}

// PKPDecryptAnswer is a node's answer to /flint/v1/pkp/decrypt: its
// decryption share (hex of pkpenc.Share.Bytes, which carries the index too),
// its node index, and the epoch of the key share it used — shares of two
// epochs do not combine.
type PKPDecryptAnswer struct {
	Result     string `json:"result"`
	Share      string `json:"share"`
	ShareIndex uint32 `json:"shareIndex"`
	Epoch      uint64 `json:"epoch"`
}
