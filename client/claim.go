package client

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/wire"
)

// ClaimedKey is a login's claimable PKP key with a quorum of the nodes'
// attestations: what Recipient's claimAndMint carries.
type ClaimedKey struct {
	chain.AttestedKey
	// Recipient is the only address that can mint it.
	Recipient common.Address
	// AuthMethodID is Lit's keccak256("<userId>:<appId>") of the login,
	// the id to permit on the PKP so the same login can use it.
	AuthMethodID common.Hash
}

// WalletLogin makes the access token of an EthWallet (type 1) auth method, a
// wallet AuthSig as the SDK's EthWalletProvider makes it: a SIWE login over
// the network's latest block hash (learnt at Connect), valid for ttl.
func (c *Client) WalletLogin(key *ecdsa.PrivateKey, ttl time.Duration) (wire.AuthMethod, error) {
	if c.Blockhash == "" {
		return wire.AuthMethod{}, errors.New("client: no block hash from the handshake; Connect first")
	}
	sig, err := WalletAuthSig(key, c.Blockhash, ttl)
	if err != nil {
		return wire.AuthMethod{}, err
	}
	return wire.AuthMethod{AuthMethodType: 1, AccessToken: string(sig)}, nil
}

// ClaimWithAuthMethod asks every node to attest the PKP key of the login am
// (POST /web/pkp/claim) for recipient, and returns it with a quorum of
// signatures. A zero recipient lets the login name it (a wallet login: the
// wallet; an ID token: the address in its nonce claim). The same login gives
// the same key on any machine.
func (c *Client) ClaimWithAuthMethod(ctx context.Context, am wire.AuthMethod, recipient common.Address) (ClaimedKey, error) {
	body := wire.ClaimRequest{AuthMethod: am, Epoch: c.Epoch}
	if recipient != (common.Address{}) {
		body.Recipient = recipient.Hex()
	}
	answers := c.fanout(ctx, NewRequestID(), "/web/pkp/claim", body)
	type claimKey struct{ keyID, pubkey, recipient, authMethodID string }
	var failed []*NodeError
	votes := map[claimKey][][]byte{}
	for _, a := range answers {
		if a.err != nil {
			failed = append(failed, a.err)
			continue
		}
		var r wire.ClaimAnswer
		if err := json.Unmarshal(a.body, &r); err != nil {
			failed = append(failed, &NodeError{URL: a.url, Err: err})
			continue
		}
		sig, err := unquoteHex(r.Signature)
		if err != nil || len(sig) != 65 {
			failed = append(failed, &NodeError{URL: a.url, Err: errors.New("claim signature is not 65 bytes")})
			continue
		}
		k := claimKey{r.DerivedKeyID, r.PublicKey, r.Recipient, r.AuthMethodID}
		votes[k] = append(votes[k], sig)
	}
	var best claimKey
	for k, v := range votes {
		if len(v) > len(votes[best]) {
			best = k
		}
	}
	if len(votes[best]) < c.Quorum || c.Quorum == 0 {
		return ClaimedKey{}, &NodesError{Op: "claim", Cause: ErrTooFewNodes, Nodes: failed}
	}
	keyID, err1 := unquoteHex(best.keyID)
	pubkey, err2 := unquoteHex(best.pubkey)
	amID, err3 := unquoteHex(best.authMethodID)
	if err := errors.Join(err1, err2, err3); err != nil || len(keyID) != 32 || len(amID) != 32 || !common.IsHexAddress(best.recipient) {
		return ClaimedKey{}, fmt.Errorf("client: claim answer: malformed key id, public key, auth method id or recipient")
	}
	rcpt := common.HexToAddress(best.recipient)
	if recipient != (common.Address{}) && rcpt != recipient {
		return ClaimedKey{}, fmt.Errorf("client: the nodes attested the claim for %s, not %s", rcpt.Hex(), recipient.Hex())
	}
	return ClaimedKey{
		AttestedKey:  chain.AttestedKey{KeyID: [32]byte(keyID), Pubkey: pubkey, Signatures: votes[best][:c.Quorum]},
		Recipient:    rcpt,
		AuthMethodID: common.Hash(amID),
	}, nil
}

// ClaimAndMintWithAuthMethod claims the login's key for auth.From and mints
// it with claimAndMint. The login must name auth.From (see
// ClaimWithAuthMethod).
func (c *Client) ClaimAndMintWithAuthMethod(ctx context.Context, cc *chain.Client, auth *bind.TransactOpts, am wire.AuthMethod) (*chain.Minted, ClaimedKey, error) {
	key, err := c.ClaimWithAuthMethod(ctx, am, auth.From)
	if err != nil {
		return nil, ClaimedKey{}, err
	}
	m, err := cc.ClaimAndMint(ctx, auth, key.AttestedKey)
	return m, key, err
}
