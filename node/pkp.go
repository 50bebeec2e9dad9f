package node

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sync"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/crypto/hd"
	"github.com/flint-network/flint/crypto/secp"
)

// Errors of PKP lookups and permission checks.
var (
	ErrUnknownPKP   = errors.New("unknown PKP")
	ErrForeignPKP   = errors.New("the PKP's key is not derived from this network's root keys")
	ErrNotPermitted = errors.New("not permitted to sign with this PKP")
	ErrNotReady     = errors.New("node not ready: key shares or root keys missing")
)

// pkpCache keeps derived PKP keys (immutable) and permission answers, the
// latter valid for one block.
type pkpCache struct {
	mu    sync.Mutex
	keys  map[string]*pkpKey // by token id
	perms map[permKey]bool
	block uint64
}

type permKey struct {
	token string
	addr  common.Address
}

func newPKPCache() *pkpCache {
	return &pkpCache{keys: map[string]*pkpKey{}, perms: map[permKey]bool{}}
}

// pkp returns the PKP key for a public key (33 or 65 bytes), derived from
// the root keys and checked against the router's record.
func (n *Node) pkp(ctx context.Context, pubkey []byte) (*pkpKey, *big.Int, error) {
	st := n.state.Load()
	if st == nil {
		return nil, nil, ErrNotReady
	}
	pt, err := secp.ParsePublicKey(pubkey)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrUnknownPKP, err)
	}
	u := secp.Uncompressed(&pt)
	token := chain.TokenID(u[:])
	tk := token.String()
	n.pkps.mu.Lock()
	k, ok := n.pkps.keys[tk]
	n.pkps.mu.Unlock()
	if ok {
		return k, token, nil
	}
	rec, err := n.chain.PKP(ctx, token)
	if errors.Is(err, chain.ErrUnknownToken) {
		return nil, nil, fmt.Errorf("%w: token %s", ErrUnknownPKP, tk)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("reading PKP %s: %w", tk, err)
	}
	s := hd.KeyScalar(rec.KeyID[:])
	derived, err := hd.DerivePublic(st.roots, &s)
	if err != nil || !secp.Equal(&derived, &pt) {
		return nil, nil, fmt.Errorf("%w: token %s", ErrForeignPKP, tk)
	}
	k = &pkpKey{keyID: rec.KeyID, s: s, pub: derived, compressed: secp.Compress(&derived)}
	n.pkps.mu.Lock()
	n.pkps.keys[tk] = k
	n.pkps.mu.Unlock()
	return k, token, nil
}

// mayUse checks that addr may sign anything with the PKP: it owns the NFT or
// is a permitted address with scope 1. Answers are cached for one block.
func (n *Node) mayUse(ctx context.Context, token *big.Int, addr common.Address) error {
	block := n.block.Load()
	key := permKey{token.String(), addr}
	c := n.pkps
	c.mu.Lock()
	if c.block != block {
		clear(c.perms)
		c.block = block
	}
	ok, cached := c.perms[key]
	c.mu.Unlock()
	if !cached {
		var err error
		ok, err = n.canSign(ctx, token, addr)
		if err != nil {
			return err
		}
		c.mu.Lock()
		if c.block == block {
			c.perms[key] = ok
		}
		c.mu.Unlock()
	}
	if !ok {
		return fmt.Errorf("%w: %s", ErrNotPermitted, addr.Hex())
	}
	return nil
}

func (n *Node) canSign(ctx context.Context, token *big.Int, addr common.Address) (bool, error) {
	rec, err := n.chain.PKP(ctx, token)
	if err != nil {
		return false, fmt.Errorf("reading PKP owner: %w", err)
	}
	if rec.Owner == addr && !rec.Burned {
		return true, nil
	}
	scopes, err := n.chain.PermittedAuthMethodScopes(ctx, token, chain.AuthMethodAddress, addr.Bytes())
	if err != nil {
		return false, fmt.Errorf("reading permissions: %w", err)
	}
	for _, s := range scopes {
		if s == chain.ScopeSignAnything {
			return true, nil
		}
	}
	return false, nil
}
