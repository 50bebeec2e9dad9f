package client

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/wire"
)

// Attestations asks every node to attest the claimable key of
// chain.ClaimKeyID(recipient, nonce) for recipient, and returns it with a
// quorum of the nodes' signatures: what recipient's claimAndMint carries.
// The same recipient and nonce give the same key on any device.
func (c *Client) Attestations(ctx context.Context, recipient common.Address, nonce [32]byte) (chain.AttestedKey, error) {
	keyID := chain.ClaimKeyID(recipient, nonce)
	body := wire.AttestRequest{Recipient: recipient.Hex(), Nonce: "0x" + hex.EncodeToString(nonce[:]), Epoch: c.Epoch}
	answers := c.fanout(ctx, NewRequestID(), "/flint/v1/attest", body)
	var failed []*NodeError
	votes := map[string][][]byte{}
	for _, a := range answers {
		if a.err != nil {
			failed = append(failed, a.err)
			continue
		}
		var r wire.AttestAnswer
		if err := json.Unmarshal(a.body, &r); err != nil {
			failed = append(failed, &NodeError{URL: a.url, Err: err})
			continue
		}
		if id, err := unquoteHex(r.KeyID); err != nil || len(id) != 32 || [32]byte(id) != keyID {
			failed = append(failed, &NodeError{URL: a.url, Err: errors.New("attested another key id")})
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
		return chain.AttestedKey{}, &NodesError{Op: "attest", Cause: ErrTooFewNodes, Nodes: failed}
	}
	pubkey, err := unquoteHex(best)
	if err != nil {
		return chain.AttestedKey{}, fmt.Errorf("client: attested key: %w", err)
	}
	return chain.AttestedKey{KeyID: keyID, Pubkey: pubkey, Signatures: votes[best][:c.Quorum]}, nil
}

// ClaimAndMint mints the PKP of nonce for auth.From: the nodes attest the
// key of chain.ClaimKeyID(auth.From, nonce) for that address, and its
// transaction carries their signatures.
func (c *Client) ClaimAndMint(ctx context.Context, cc *chain.Client, auth *bind.TransactOpts, nonce [32]byte) (*chain.Minted, error) {
	key, err := c.Attestations(ctx, auth.From, nonce)
	if err != nil {
		return nil, err
	}
	return cc.ClaimAndMint(ctx, auth, key)
}
