package actions

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"github.com/dop251/goja"
)

// Lit.Actions.decryptWithPkp({publicKey, ciphertext, aad}), a Flint extension: opens data encrypted to
// a PKP (docs/pkp-encryption.md) when the PKP permits the running Action. Each node checks the
// permission for the session's frame's CID, never one the JavaScript names, makes its decryption
// share, and the nodes running the request exchange shares; every node combines and resolves to the
// plaintext as a string.

// PKPDecryptRequest asks the Host to open a ciphertext encrypted to a PKP for the Action of Frame.
type PKPDecryptRequest struct {
	PublicKey  []byte // the PKP's key, 65 bytes uncompressed (the runtime decompresses a 33-byte key)
	Ciphertext []byte // the whole ciphertext, as client.EncryptToPKP makes it
	AAD        []byte // the additional data it was encrypted with; may be empty
	Frame      Frame  // the Action asking, whose CID the PKP must permit
}

// pkpCiphertextOverhead is what a PKP ciphertext adds to its plaintext at most: the header (version,
// U, the sender's proof, the key commitment) and the AEAD's tag, with room to spare.
const pkpCiphertextOverhead = 1024

// MaxPKPAAD bounds the additional data of decryptWithPkp (crypto/pkpenc allows no more).
const MaxPKPAAD = 64 << 10

type pkpDecryptArgs struct {
	PublicKey  []byte `json:"publicKey"`
	Ciphertext []byte `json:"ciphertext"`
	AAD        []byte `json:"aad"`
}

type pkpDecryptResult struct {
	Plaintext []byte `json:"plaintext"`
}

// bytesOrBase64 reads a Uint8Array (or other byte view), or a string as standard base64.
func (x *execution) bytesOrBase64(v goja.Value, fn, name string) ([]byte, error) {
	if s, ok := asString(v); ok {
		b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
		if err != nil {
			return nil, typeError("%s: %s must be a Uint8Array or standard base64", fn, name)
		}
		return b, nil
	}
	if b, ok := x.bytesOf(v); ok {
		return bytes.Clone(b), nil
	}
	return nil, typeError("%s: %s must be a Uint8Array or standard base64, got %s", fn, name, typeName(v))
}

// opDecryptWithPKP reads decryptWithPkp's parameters and resolves to the plaintext as a string.
func (x *execution) opDecryptWithPKP(c goja.FunctionCall) goja.Value {
	const fn = "decryptWithPkp"
	o, err := x.paramsObject(c.Argument(0), fn)
	if err != nil {
		return x.rejectWith(err)
	}
	pubText, err := notBlank(o.Get("publicKey"), "publicKey")
	if err != nil {
		return x.rejectWith(err)
	}
	pub, err := parsePublicKey(pubText)
	if err != nil {
		return x.rejectWith(typeError("%s: %v", fn, err))
	}
	ct, err := x.bytesOrBase64(o.Get("ciphertext"), fn, "ciphertext")
	if err != nil {
		return x.rejectWith(err)
	}
	if len(ct) == 0 {
		return x.rejectWith(typeError("%s: ciphertext is empty", fn))
	}
	if max := x.t.lim.SecretSize + pkpCiphertextOverhead; len(ct) > max {
		return x.rejectWith(limitErr(ErrSecretSize, secretSizeLimit, "ciphertext", len(ct), max))
	}
	var aad []byte
	if v := o.Get("aad"); v != nil && !goja.IsUndefined(v) && !goja.IsNull(v) {
		if s, ok := asString(v); ok {
			aad = []byte(s)
		} else if b, ok := x.bytesOf(v); ok {
			aad = bytes.Clone(b)
		} else {
			return x.rejectWith(typeError("%s: aad must be a Uint8Array or a string, got %s", fn, typeName(v)))
		}
		if len(aad) > MaxPKPAAD {
			return x.rejectWith(rangeError("%s: aad is %d bytes (at most %d)", fn, len(aad), MaxPKPAAD))
		}
	}
	return hostCall(x, "decryptWithPkp", pkpDecryptArgs{PublicKey: pub, Ciphertext: ct, AAD: aad}, func(r pkpDecryptResult) (goja.Value, error) {
		return x.rt.ToValue(string(r.Plaintext)), nil
	})
}

// pkpDecryptRequest checks what the worker sent again, in the node's process: the worker is not
// trusted with the bounds.
func (s *session) pkpDecryptRequest(f Frame, a pkpDecryptArgs) (PKPDecryptRequest, error) {
	if len(a.PublicKey) != 65 || a.PublicKey[0] != 4 {
		return PKPDecryptRequest{}, errors.New("actions: decryptWithPkp: publicKey must be an uncompressed secp256k1 key")
	}
	if len(a.Ciphertext) == 0 {
		return PKPDecryptRequest{}, errors.New("actions: decryptWithPkp: ciphertext is empty")
	}
	if max := s.lim.SecretSize + pkpCiphertextOverhead; len(a.Ciphertext) > max {
		return PKPDecryptRequest{}, limitErr(ErrSecretSize, secretSizeLimit, "ciphertext", len(a.Ciphertext), max)
	}
	if len(a.AAD) > MaxPKPAAD {
		return PKPDecryptRequest{}, fmt.Errorf("actions: decryptWithPkp: aad is %d bytes (at most %d)", len(a.AAD), MaxPKPAAD)
	}
	return PKPDecryptRequest{PublicKey: a.PublicKey, Ciphertext: a.Ciphertext, AAD: a.AAD, Frame: f}, nil
}
