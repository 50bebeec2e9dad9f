package node

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/crypto/hd"
	"github.com/flint-network/flint/crypto/pkpenc"
	"github.com/flint-network/flint/wire"
)

// Decryption to a PKP (docs/pkp-encryption.md, a Flint extension). Data
// encrypted to a PKP's public key opens with x'·U, and node i's share of it
// is x'_i·U: a share is a piece of a decryption key for one ciphertext, so a
// node releases it only to a caller the PKP permits right now, and only for
// a ciphertext whose sender proved it was made for this PKP (§7 there).

// handlePKPDecrypt serves /flint/v1/pkp/decrypt: this node's decryption
// share of a ciphertext encrypted to a PKP, for a caller who may use the
// PKP. Checks, cheapest first: the body and the header's format, the node
// is ready, the caller's session signature for this node and its quota,
// the PKP is this network's (a chain read, cached), the session grants
// pkp-signing on it, the PKP permits the caller at its current owner
// generation (cached for one block), the PKP's quota, and then the
// sender's proof that the ciphertext was made for this PKP, inside
// pkpenc.DecryptionShare.
//
// The ability asked for is pkp-signing: Lit has no ability for decrypting
// with a PKP (its abilities are pkp-signing, lit-action-execution, the two
// access-control-condition ones and rate-limit-increase-auth), and the SDK's
// sessions could not ask for a new one. "May sign with it" implying "may
// decrypt with it" matches the permission model: whoever controls the PKP
// can do both, and a sale takes both away together.
func (n *Node) handlePKPDecrypt(w http.ResponseWriter, r *http.Request) (any, error) {
	ctx := r.Context()
	var req wire.PKPDecryptRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	if err := n.checkEpoch(r.Context(), req.Epoch); err != nil {
		return nil, err
	}
	if req.Header == "" {
		return nil, invalid("NodeInvalidPkpCiphertext", "header is required: the hex of the ciphertext's first 142 bytes")
	}
	raw, err := parseHex(req.Header)
	if err != nil {
		return nil, invalid("NodeInvalidPkpCiphertext", "header is not hex")
	}
	ct, err := pkpenc.ParseHeader(raw)
	if err != nil {
		return nil, invalid("NodeInvalidPkpCiphertext", err.Error())
	}
	pub, err := parseHex(req.PKPPublicKey)
	if err != nil || (len(pub) != 65 && len(pub) != 33) {
		return nil, invalid("NodeInvalidPublicKey", "pkpPublicKey must be a 33- or 65-byte secp256k1 public key in hex")
	}
	hh := sha256.Sum256(raw)
	note := usageOf(ctx)
	note.pkpDecrypt(pub, hh[:])
	st := n.state.Load()
	if st == nil || !n.published.Load() {
		return nil, ErrNotReady
	}
	// Authenticate before the PKP lookup, which may cost chain reads.
	id, err := n.authenticate(ctx, req.AuthSig, nil)
	if err != nil {
		return nil, err
	}
	note.caller(id)
	if err := n.quota.allow(quotaDecrypt, "perCaller", id.Address.Hex()); err != nil {
		return nil, err
	}
	key, token, err := n.pkp(ctx, pub)
	if err != nil {
		return nil, err
	}
	var tokenBytes [32]byte
	token.FillBytes(tokenBytes[:])
	if err := allows(id, auth.ResourceAbility{Resource: auth.PKPResource(tokenBytes), Ability: auth.AbilityPKPSigning}); err != nil {
		return nil, err
	}
	if err := n.mayUse(ctx, token, id); err != nil {
		if errors.Is(err, ErrNotPermitted) {
			return nil, &codedError{status: http.StatusUnauthorized, kind: kindUnauthorized, code: "NodeNotAuthorized",
				msg: fmt.Sprintf("%s may not decrypt with this PKP: it is neither its owner nor permitted by its current owner (grants from before its last sale do not count)", id.Address.Hex())}
		}
		return nil, err
	}
	// The PKP's quota only once the caller may use it: a stranger's
	// requests must not spend another's PKP's bucket.
	if err := n.quota.allow(quotaDecrypt, "perPkp", "0x"+token.Text(16)); err != nil {
		return nil, err
	}
	// x'_i = Σ_j s^j·x_{j,i}: this node's share of the PKP key, from its
	// shares of the root keys of the epoch it answers for. It never leaves
	// this function.
	x := hd.DeriveScalar(st.ecdsa.Secrets, &key.s)
	sh, err := pkpenc.DecryptionShare(&x, st.ecdsa.Index, &key.pub, ct)
	x.Zero()
	if errors.Is(err, pkpenc.ErrNotForKey) {
		return nil, invalid("NodePkpCiphertextNotForKey", "the ciphertext's proof does not hold for this PKP: it was made for another PKP, or altered")
	}
	if err != nil {
		return nil, fmt.Errorf("pkp decryption share: %w", err)
	}
	requestLog(ctx, n.log).Debug("pkp decryption share released", "pkp", hex.EncodeToString(key.compressed[:]), "header", hex.EncodeToString(hh[:]))
	return wire.PKPDecryptAnswer{Result: "success", Share: hex.EncodeToString(sh.Bytes()), ShareIndex: sh.Index, Epoch: st.epoch}, nil
}
