package client

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/bls/timelock"
	"github.com/flint-network/flint/wire"
)

// Encrypted is data encrypted to access-control conditions, as the Lit
// SDK's encryptString returns it: the time-lock ciphertext (base64) and the
// hex SHA-256 of the data.
type Encrypted struct {
	Ciphertext        string `json:"ciphertext"`
	DataToEncryptHash string `json:"dataToEncryptHash"`
}

// Encrypt encrypts data so that only a caller who meets conds can have it
// decrypted: under the network's BLS key, to the identity of conds and the
// data's hash. It talks to no node.
func (c *Client) Encrypt(conds *acc.Conditions, data []byte) (*Encrypted, error) {
	sum := sha256.Sum256(data)
	dataHash := hex.EncodeToString(sum[:])
	ct, err := timelock.Encrypt(rand.Reader, c.BLSKey, timelock.Identity(conds.HashHex(), dataHash), data)
	if err != nil {
		return nil, fmt.Errorf("client: encrypt: %w", err)
	}
	return &Encrypted{Ciphertext: base64.StdEncoding.EncodeToString(ct), DataToEncryptHash: dataHash}, nil
}

// Decrypted is what Decrypt gives: the data, and the nodes that answered
// with a bad share (named, not trusted) or refused.
type Decrypted struct {
	Data     []byte
	BadNodes []string     // URLs of nodes whose share failed verification
	Failed   []*NodeError // nodes that refused or failed
}

// Decrypt asks every node for its share of the key of e's identity, as the
// Lit SDK's decryptToString does, combines the first quorum of valid
// shares, checks the key against the network's BLS key and decrypts. A
// node that refuses (the conditions are not met for cred, say) is in the
// error; a node whose share is bad is named in BadNodes.
func (c *Client) Decrypt(ctx context.Context, cred Credential, conds *acc.Conditions, e *Encrypted) (*Decrypted, error) {
	ct, err := base64.StdEncoding.DecodeString(e.Ciphertext)
	if err != nil {
		return nil, fmt.Errorf("client: decrypt: ciphertext is not base64: %w", err)
	}
	parsed, err := timelock.Parse(ct)
	if err != nil {
		return nil, fmt.Errorf("client: decrypt: %w", err)
	}
	if c.BLSPoly == nil {
		return nil, errors.New("client: decrypt: the nodes gave no BLS public polynomial")
	}
	sigs, err := c.authSigs(cred)
	if err != nil {
		return nil, err
	}
	id := timelock.Identity(conds.HashHex(), e.DataToEncryptHash)
	req := wire.EncryptionSignRequest{Fields: acc.FieldsOf(conds), DataToEncryptHash: e.DataToEncryptHash, Epoch: c.Epoch}
	body := func(url string) any { r := req; r.AuthSig = sigs(url); return r }
	need := c.BLSPoly.Threshold()
	col := &collector[struct{}, bls.Identifier, bls.SignatureShare, bls.Signature]{
		parse: func(_ string, body []byte) (piece[struct{}, bls.Identifier, bls.SignatureShare], error) {
			share, err := parseDecryptionShare(body)
			return piece[struct{}, bls.Identifier, bls.SignatureShare]{id: share.ID, share: share}, err
		},
		enough: need,
		expect: len(c.urls),
		combine: func(_ struct{}, shares []bls.SignatureShare) (bls.Signature, []bls.Identifier, error) {
			sig, bad, err := combineBLS(c.BLSPoly, id, shares)
			if err != nil && !errors.Is(err, errNeedMore) {
				err = fmt.Errorf("client: decrypt: combining shares: %w", err)
			}
			return sig, bad, err
		},
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	got, err := col.collect(c.fanoutChan(ctx, NewRequestID(), "/web/encryption/sign/", body), cancel)
	out := &Decrypted{BadNodes: got.bad, Failed: got.failed}
	if err != nil {
		return nil, err
	}
	if !got.ok {
		return out, &NodesError{Op: "decrypt", Cause: fmt.Errorf("%w: %d valid shares of %d needed", ErrTooFewNodes, got.most, need), Nodes: out.Failed}
	}
	sig := got.result
	// Combine verified the key against the network's; Open need not again.
	data, err := parsed.Open(sig)
	if err != nil {
		return out, fmt.Errorf("client: decrypt: %w", err)
	}
	out.Data = data
	return out, nil
}

// parseDecryptionShare reads a node's /web/encryption/sign answer.
func parseDecryptionShare(body []byte) (bls.SignatureShare, error) {
	var a wire.EncryptionSignAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return bls.SignatureShare{}, fmt.Errorf("decryption answer: %w", err)
	}
	if a.Result != "success" {
		return bls.SignatureShare{}, fmt.Errorf("decryption answer: result %q", truncate(a.Result, 32))
	}
	return wire.ParseBLSShare(a.SignatureShare)
}

// combineBLS combines BLS signature shares on msg for a collector: the bad
// shares are named, and too few good ones is errNeedMore.
func combineBLS(poly *bls.PublicPoly, msg []byte, shares []bls.SignatureShare) (bls.Signature, []bls.Identifier, error) {
	sig, err := poly.Combine(msg, shares)
	var bad *bls.BadSharesError
	if errors.As(err, &bad) {
		if errors.Is(err, bls.ErrTooFewShares) {
			return bls.Signature{}, bad.Bad, errNeedMore
		}
		return sig, bad.Bad, nil // enough good shares combined
	}
	return sig, nil, err
}
