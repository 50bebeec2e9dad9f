package node

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/sync/singleflight"

	"github.com/flint-network/flint/auth"
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

// pkpCache keeps derived PKP keys (immutable) and, for one block (and at
// most permMaxAge), the permission answers and the public keys that name no
// PKP of this network.
type pkpCache struct {
	mu    sync.Mutex
	keys  map[string]*pkpKey // by token id
	perms map[permKey]bool
	// unknown holds the refusal of each token id found, in this block, to
	// be no PKP of this network (never minted, or a key not derived from the
	// root keys). Public keys come before authentication, so without it a
	// caller could make the node read the chain for the same unknown key
	// again and again.
	unknown map[string]error
	// byAddress maps the address of a PKP a session acts as to its token
	// id (pkpsession.go); immutable facts, kept across blocks.
	byAddress map[common.Address]*big.Int
	span      blockSpan
	reads     singleflight.Group // one chain read per token id at a time
}

// permMaxAge bounds how long a permission answer is kept even when the
// chain head does not move: a node whose RPC stops delivering new blocks
// must not keep honouring a grant that was revoked meanwhile.
const permMaxAge = 2 * time.Second

// blockSpan is the validity of block-scoped answers: they hold while the
// node's chain head stays at one block, and for at most permMaxAge.
type blockSpan struct {
	block uint64
	since time.Time
	gen   uint64 // counts resets: an answer read before one is not kept
}

// at moves the span to block at time now and reports whether the answers
// kept so far must be dropped.
func (b *blockSpan) at(block uint64, now time.Time) bool {
	if b.block == block && now.Sub(b.since) <= permMaxAge && !b.since.IsZero() {
		return false
	}
	b.block, b.since = block, now
	b.gen++
	return true
}

// maxUnknownPKPs bounds the unknown-key answers kept for one block; past it
// they are read again (and the per-IP cap bounds how fast).
const maxUnknownPKPs = 1 << 16

// pkpReadTimeout bounds the chain read that concurrent requests for one
// token id share: it runs apart from the first caller's request, so that
// caller leaving does not fail the others.
const pkpReadTimeout = 20 * time.Second

type permKey struct {
	token string
	addr  common.Address
	// what the answer is about when it is not addr's own permission: ""
	// for mayUse's owner-or-permitted check, pkpSelf for "the PKP acting is
	// this one", or a PKP session's auth context (pkpsession.go).
	what string
}

const pkpSelf = "self"

func newPKPCache() *pkpCache {
	return &pkpCache{keys: map[string]*pkpKey{}, perms: map[permKey]bool{}, unknown: map[string]error{}, byAddress: map[common.Address]*big.Int{}}
}

// at moves the cache to block, dropping the answers of earlier blocks and
// those older than permMaxAge, and returns the span's generation. Called
// with mu held.
func (c *pkpCache) at(block uint64) uint64 {
	if c.span.at(block, time.Now()) {
		clear(c.perms)
		clear(c.unknown)
	}
	return c.span.gen
}

// lookup returns the key of token id tk: from the cache, or from read,
// which concurrent callers share. A refusal that read returns wrapping
// ErrUnknownPKP or ErrForeignPKP is kept until the next block, so an unknown
// key costs at most one read per block; other errors (the chain failing) are
// not kept.
func (c *pkpCache) lookup(ctx context.Context, block uint64, tk string, read func(context.Context) (*pkpKey, error)) (*pkpKey, error) {
	c.mu.Lock()
	gen := c.at(block)
	k, known := c.keys[tk]
	refused := c.unknown[tk]
	c.mu.Unlock()
	if known {
		return k, nil
	}
	if refused != nil {
		return nil, refused
	}
	ch := c.reads.DoChan(tk, func() (any, error) {
		// A read for tk may have ended between the look above and this one.
		c.mu.Lock()
		k, known := c.keys[tk]
		refused := c.unknown[tk]
		c.mu.Unlock()
		if known || refused != nil {
			return k, refused
		}
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), pkpReadTimeout)
		defer cancel()
		k, err := read(ctx)
		c.mu.Lock()
		defer c.mu.Unlock()
		switch {
		case err == nil:
			c.keys[tk] = k
		case (errors.Is(err, ErrUnknownPKP) || errors.Is(err, ErrForeignPKP)) && c.span.gen == gen && len(c.unknown) < maxUnknownPKPs:
			c.unknown[tk] = err
		}
		return k, err
	})
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.(*pkpKey), nil
	}
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
	k, err := n.pkps.lookup(ctx, n.block.Load(), tk, func(ctx context.Context) (*pkpKey, error) {
		rec, err := n.chain.PKP(ctx, token)
		if errors.Is(err, chain.ErrUnknownToken) {
			return nil, fmt.Errorf("%w: token %s", ErrUnknownPKP, tk)
		}
		if err != nil {
			return nil, chainRead("reading PKP "+tk, err)
		}
		s := hd.KeyScalar(rec.KeyID[:])
		derived, err := hd.DerivePublic(st.roots, &s)
		if err != nil || !secp.Equal(&derived, &pt) {
			return nil, fmt.Errorf("%w: token %s", ErrForeignPKP, tk)
		}
		return &pkpKey{keyID: rec.KeyID, s: s, pub: derived, compressed: secp.Compress(&derived)}, nil
	})
	if err != nil {
		return nil, nil, err
	}
	return k, token, nil
}

// mayUse checks that addr may sign anything with the PKP: it owns the NFT or
// is a permitted address with scope 1. Answers are cached for one block (and
// at most permMaxAge), and the contracts answer from the token's current
// owner generation, so a sale (which starts an empty permission set) takes
// effect here with the first block that includes it.
//
// For a PKP session (id.AuthContext set) the acting address is the PKP's
// own, which no PKP permits: it may use exactly the PKP whose address it
// is (authenticate has checked that the PKP still permits its logins).
func (n *Node) mayUse(ctx context.Context, token *big.Int, id *auth.Identity) error {
	addr := id.Address
	if id.AuthContext != nil {
		return n.cachedPermission(ctx, permKey{token: token.String(), addr: addr, what: pkpSelf}, func(ctx context.Context) (bool, error) {
			rec, err := n.chain.PKP(ctx, token)
			if err != nil {
				return false, chainRead("reading PKP "+token.String(), err)
			}
			return rec.EthAddress == addr && !rec.Burned, nil
		}, func() error {
			return fmt.Errorf("%w: the session was made for PKP %s, not for this one", ErrNotPermitted, addr.Hex())
		})
	}
	return n.cachedPermission(ctx, permKey{token: token.String(), addr: addr}, func(ctx context.Context) (bool, error) {
		return n.canSign(ctx, token, addr)
	}, func() error {
		return fmt.Errorf("%w: %s is neither its owner nor permitted by its current owner (grants from before its last sale do not count)", ErrNotPermitted, addr.Hex())
	})
}

// cachedPermission answers a permission question from the block's cache,
// or by read; refused makes the error for a "no".
func (n *Node) cachedPermission(ctx context.Context, key permKey, read func(context.Context) (bool, error), refused func() error) error {
	block := n.block.Load()
	c := n.pkps
	c.mu.Lock()
	gen := c.at(block)
	ok, cached := c.perms[key]
	c.mu.Unlock()
	if !cached {
		var err error
		ok, err = read(ctx)
		if err != nil {
			return err
		}
		c.mu.Lock()
		if c.span.gen == gen {
			c.perms[key] = ok
		}
		c.mu.Unlock()
	}
	if !ok {
		return refused()
	}
	return nil
}

func (n *Node) canSign(ctx context.Context, token *big.Int, addr common.Address) (bool, error) {
	rec, err := n.chain.PKP(ctx, token)
	if err != nil {
		return false, chainRead("reading the owner of PKP "+token.String(), err)
	}
	if rec.Owner == addr && !rec.Burned {
		return true, nil
	}
	scopes, err := n.chain.PermittedAuthMethodScopes(ctx, token, chain.AuthMethodAddress, addr.Bytes())
	if err != nil {
		return false, chainRead("reading the permissions of PKP "+token.String(), err)
	}
	for _, s := range scopes {
		if s == chain.ScopeSignAnything {
			return true, nil
		}
	}
	return false, nil
}
