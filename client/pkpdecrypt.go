package client

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/flint-network/flint/crypto/pkpenc"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/wire"
)

// EncryptToPKP encrypts data to the PKP whose public key is pubkey (33 or
// 65 bytes): only a caller the PKP permits when it decrypts — its owner
// then, the addresses that owner permits — can have the nodes open it
// (DecryptWithPKP). aad is optional associated data: authenticated, not
// stored, and needed again to decrypt. It talks to no node. The format is
// docs/pkp-encryption.md's; data is at most pkpenc.MaxPlaintext (16 MiB)
// and aad at most pkpenc.MaxAAD (64 KiB).
func EncryptToPKP(pubkey, data, aad []byte) ([]byte, error) {
	pub, err := secp.ParsePublicKey(pubkey)
	if err != nil {
		return nil, fmt.Errorf("client: encrypt to PKP: public key: %w", err)
	}
	ct, err := pkpenc.Encrypt(&pub, data, aad)
	if err != nil {
		return nil, fmt.Errorf("client: encrypt to PKP: %w", err)
	}
	return ct, nil
}

// PKPDecrypted is what DecryptWithPKP gives: the data, the epoch of the
// shares that opened it, and the nodes that answered wrongly.
type PKPDecrypted struct {
	Data  []byte
	Epoch uint64
	// BadNodes are the URLs of nodes whose share lies off the PKP key's
	// sharing polynomial. They are named only when enough shares agree to
	// tell (docs/pkp-encryption.md §6); an honest node is never named.
	BadNodes []string
	Failed   []*NodeError // nodes that refused, failed, or sent an answer that does not parse
}

// ErrPKPCiphertext: a ciphertext DecryptWithPKP refuses before asking any
// node — it does not parse, or it was not made for the PKP named (its
// sender's proof does not hold for that key, so no honest node would help).
var ErrPKPCiphertext = errors.New("client: not a ciphertext for this PKP")

// DecryptWithPKP decrypts a ciphertext made by EncryptToPKP for the PKP
// pubkey, authorised by cred (a Session, or SessionSigs from the Lit SDK,
// granting pkp-signing on the PKP): it sends the ciphertext's header to
// every node, which answers its decryption share only if the PKP permits
// cred's address, and combines shares of one epoch. It returns as soon as a
// quorum of shares opens the ciphertext (the combination is checked against
// the ciphertext's key commitment, so bad shares cannot make it open to
// anything else), and otherwise tries whatever shares came, t + 1 being
// enough. Fewer than t + 1 shares is a *NodesError wrapping ErrTooFewNodes
// that lists every node's refusal.
func (c *Client) DecryptWithPKP(ctx context.Context, cred Credential, pubkey, ciphertext, aad []byte) (*PKPDecrypted, error) {
	pub, err := secp.ParsePublicKey(pubkey)
	if err != nil {
		return nil, fmt.Errorf("client: pkp decrypt: public key: %w", err)
	}
	ct, err := pkpenc.Parse(ciphertext)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPKPCiphertext, err)
	}
	if err := ct.Verify(&pub); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrPKPCiphertext, err)
	}
	if len(aad) > pkpenc.MaxAAD {
		return nil, fmt.Errorf("client: pkp decrypt: associated data of %d bytes, at most %d", len(aad), pkpenc.MaxAAD)
	}
	t := c.Threshold
	need := t + 1
	enough := max(c.Quorum, need) // what the first attempt waits for
	sigs, err := c.authSigs(cred)
	if err != nil {
		return nil, err
	}
	pc := secp.Compress(&pub)
	req := wire.PKPDecryptRequest{PKPPublicKey: hex.EncodeToString(pc[:]), Header: hex.EncodeToString(ct.Header()), Epoch: c.Epoch}
	body := func(url string) any { r := req; r.AuthSig = sigs(url); return r }

	type pkpPiece = piece[uint64, uint32, *pkpenc.Share]
	col := &collector[uint64, uint32, *pkpenc.Share, []byte]{
		parse: func(url string, body []byte) (pkpPiece, error) {
			sh, epoch, err := c.parsePKPShare(url, body)
			if err != nil {
				return pkpPiece{}, err
			}
			return pkpPiece{group: epoch, id: sh.Index, share: sh}, nil
		},
		enough: enough,
		least:  need,
		expect: len(c.urls),
		combine: func(_ uint64, shares []*pkpenc.Share) ([]byte, []uint32, error) {
			pt, bad, err := pkpenc.CombineOpen(&pub, ct, aad, shares, t)
			switch {
			case err == nil:
				return pt, bad, nil
			case errors.Is(err, pkpenc.ErrNoValidSet), errors.Is(err, pkpenc.ErrTooFewShares):
				return nil, nil, errNeedMore
			default:
				// The key was found and the AEAD refused: other associated
				// data, or an altered ciphertext. No share can help.
				return nil, nil, fmt.Errorf("client: pkp decrypt: %w (is the associated data the one it was encrypted with?)", err)
			}
		},
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	got, err := col.collect(c.fanoutChan(ctx, NewRequestID(), "/flint/v1/pkp/decrypt", body), cancel)
	out := &PKPDecrypted{Failed: got.failed}
	if err != nil {
		return out, err
	}
	if got.ok {
		out.Data, out.Epoch = got.result, got.group
		out.BadNodes = slices.Sorted(slices.Values(got.bad))
		return out, nil
	}
	most := got.most
	cause := fmt.Errorf("%w: %d decryption shares of one epoch, %d needed", ErrTooFewNodes, most, need)
	if most >= need {
		cause = fmt.Errorf("%w: no %d of the %d shares of one epoch open the ciphertext, so at least %d of them are bad", pkpenc.ErrNoValidSet, need, most, most-t)
	}
	return out, &NodesError{Op: "pkp decrypt", Cause: cause, Nodes: out.Failed}
}

// parsePKPShare reads a node's /flint/v1/pkp/decrypt answer. The share must
// carry the index the node gave in its handshake, so that no node can pose
// as another.
func (c *Client) parsePKPShare(url string, body []byte) (*pkpenc.Share, uint64, error) {
	var a wire.PKPDecryptAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, 0, fmt.Errorf("pkp decryption answer: %w", err)
	}
	if a.Result != "success" {
		return nil, 0, fmt.Errorf("pkp decryption answer: result %q", truncate(a.Result, 32))
	}
	raw, err := hex.DecodeString(strings.TrimPrefix(a.Share, "0x"))
	if err != nil {
		return nil, 0, errors.New("pkp decryption answer: share is not hex")
	}
	sh, err := pkpenc.ParseShare(raw)
	if err != nil {
		return nil, 0, err
	}
	if sh.Index != a.ShareIndex {
		return nil, 0, fmt.Errorf("pkp decryption answer: shareIndex %d, but the share says %d", a.ShareIndex, sh.Index)
	}
	if want, ok := c.index[url]; ok && want != sh.Index {
		return nil, 0, fmt.Errorf("pkp decryption answer: share index %d, but the node's handshake said %d", sh.Index, want)
	}
	return sh, a.Epoch, nil
}
