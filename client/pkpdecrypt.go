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
	body := map[string]any{"pkpPublicKey": hex.EncodeToString(pc[:]), "header": hex.EncodeToString(ct.Header())}

	out := &PKPDecrypted{}
	type group struct {
		shares []*pkpenc.Share
		from   map[uint32]string
		tried  int // the number of shares last tried
	}
	groups := map[uint64]*group{}
	var fatal error
	// attempt tries g's shares, and reports whether they opened ct.
	attempt := func(epoch uint64, g *group) bool {
		g.tried = len(g.shares)
		pt, bad, err := pkpenc.CombineOpen(&pub, ct, aad, g.shares, t)
		switch {
		case err == nil:
			out.Data, out.Epoch = pt, epoch
			for _, b := range bad {
				out.BadNodes = append(out.BadNodes, g.from[b])
			}
			slices.Sort(out.BadNodes)
			return true
		case errors.Is(err, pkpenc.ErrNoValidSet), errors.Is(err, pkpenc.ErrTooFewShares):
			return false // more shares may help
		default:
			// The key was found and the AEAD refused: other associated
			// data, or an altered ciphertext. No share can help.
			fatal = fmt.Errorf("client: pkp decrypt: %w (is the associated data the one it was encrypted with?)", err)
			return false
		}
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := false
	for a := range c.fanoutChan(ctx, NewRequestID(), "/flint/v1/pkp/decrypt", body, sigs) {
		if done || fatal != nil {
			continue // drain: decided
		}
		if a.err != nil {
			out.Failed = append(out.Failed, a.err)
			continue
		}
		sh, epoch, err := c.parsePKPShare(a.url, a.body)
		if err != nil {
			out.Failed = append(out.Failed, &NodeError{URL: a.url, Err: err})
			continue
		}
		g := groups[epoch]
		if g == nil {
			g = &group{from: map[uint32]string{}}
			groups[epoch] = g
		}
		if other, dup := g.from[sh.Index]; dup {
			out.Failed = append(out.Failed, &NodeError{URL: a.url, Err: fmt.Errorf("share index %d, which %s gave too", sh.Index, other)})
			continue
		}
		g.from[sh.Index] = a.url
		g.shares = append(g.shares, sh)
		if len(g.shares) >= enough && attempt(epoch, g) {
			done = true
			cancel()
		}
	}
	if fatal != nil {
		return out, fatal
	}
	if done {
		return out, nil
	}
	// No quorum opened it: try what came, largest group first.
	epochs := make([]uint64, 0, len(groups))
	for e := range groups {
		epochs = append(epochs, e)
	}
	slices.SortFunc(epochs, func(x, y uint64) int { return len(groups[y].shares) - len(groups[x].shares) })
	most := 0
	for _, e := range epochs {
		g := groups[e]
		most = max(most, len(g.shares))
		if len(g.shares) >= need && len(g.shares) > g.tried && attempt(e, g) {
			return out, nil
		}
		if fatal != nil {
			return out, fatal
		}
	}
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
