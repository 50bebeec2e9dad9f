package client

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"

	"github.com/flint-network/flint/chain"
)

// Attestations asks every node to attest the key derived for keyID and
// returns the derived public key with one signature per answering node.
func (c *Client) Attestations(ctx context.Context, keyID [32]byte) (pubkey []byte, sigs [][]byte, err error) {
	answers := c.fanout(ctx, NewRequestID(), "/flint/v1/attest", map[string]any{"keyId": "0x" + hex.EncodeToString(keyID[:])}, nil)
	var failed []*NodeError
	votes := map[string][][]byte{}
	for _, a := range answers {
		if a.err != nil {
			failed = append(failed, a.err)
			continue
		}
		var r struct {
			PublicKey string `json:"publicKey"`
			Signature string `json:"signature"`
		}
		if err := json.Unmarshal(a.body, &r); err != nil {
			failed = append(failed, &NodeError{URL: a.url, Err: err})
			continue
		}
		sig, err := unquoteHex(r.Signature)
		if err != nil || len(sig) != 65 {
			failed = append(failed, &NodeError{URL: a.url, Err: errors.New("attestation signature is not 65 bytes")})
			continue
		}
		votes[r.PublicKey] = append(votes[r.PublicKey], sig)
	}
	var best string
	for k, v := range votes {
		if len(v) > len(votes[best]) {
			best = k
		}
	}
	if len(votes[best]) < c.Quorum {
		return nil, nil, &NodesError{Op: "attest", Cause: ErrTooFewNodes, Nodes: failed}
	}
	pubkey, err = unquoteHex(best)
	if err != nil {
		return nil, nil, fmt.Errorf("client: attested key: %w", err)
	}
	return pubkey, votes[best][:c.Quorum], nil
}

// ClaimAndMint mints the PKP for a caller-chosen key id: the nodes attest the
// derived key and the caller's transaction carries their signatures.
func (c *Client) ClaimAndMint(ctx context.Context, cc *chain.Client, auth *bind.TransactOpts, keyID [32]byte) (*chain.Minted, error) {
	pub, sigs, err := c.Attestations(ctx, keyID)
	if err != nil {
		return nil, err
	}
	return cc.ClaimAndMint(ctx, auth, chain.AttestedKey{KeyID: keyID, Pubkey: pub, Signatures: sigs})
}
