package auth

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"sync"
	"time"

	"github.com/flint-network/flint/crypto/bls"
)

// Cache remembers successful verifications so that a client reusing one
// AuthSig or session signature for many requests (as the Lit SDK does) costs
// a hash and a map lookup instead of signature checks.
//
// It is safe because a cached result is reused only for the same bytes, the
// same Need and node, and the same tolerances, at a time between the original
// verification and the earliest expiry: every check Verify makes is either
// independent of time or, like "issued before now", stays true as time
// moves forward. EIP-1271 results depend on chain state and are never cached.
// Safe for concurrent use; the returned *Identity is shared and must not be
// modified.
type Cache struct {
	mu      sync.Mutex
	max     int
	entries map[[32]byte]cached
}

type cached struct {
	id         *Identity
	verifiedAt time.Time
	validUntil time.Time
}

// NewCache returns a cache of at most max verifications.
func NewCache(max int) *Cache {
	return &Cache{max: max, entries: make(map[[32]byte]cached)}
}

// Verify is Verify with the cache in front of it.
func (c *Cache) Verify(ctx context.Context, raw json.RawMessage, opts Options) (*Identity, error) {
	if opts.Now.IsZero() || len(raw) > MaxAuthSigSize {
		return Verify(ctx, raw, opts) // reports the error
	}
	key := cacheKey(raw, opts)
	c.mu.Lock()
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && !opts.Now.Before(e.verifiedAt) && !opts.Now.After(e.validUntil) {
		return e.id, nil
	}
	id, err := Verify(ctx, raw, opts)
	if err != nil || isContract(id.AuthSig.DerivedVia) {
		return id, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		c.evict(opts.Now)
	}
	c.entries[key] = cached{id: id, verifiedAt: opts.Now, validUntil: id.Expires.Add(opts.policy().skew)}
	return id, nil
}

// evict drops expired entries, and everything if that frees nothing.
func (c *Cache) evict(now time.Time) {
	for k, e := range c.entries {
		if now.After(e.validUntil) {
			delete(c.entries, k)
		}
	}
	if len(c.entries) >= c.max {
		clear(c.entries)
	}
}

func isContract(derivedVia string) bool {
	return derivedVia == DerivedViaContract || derivedVia == DerivedViaContractSHA
}

// cacheKey covers everything but the time that Verify's answer depends on.
func cacheKey(raw json.RawMessage, opts Options) [32]byte {
	h := sha256.New()
	p := opts.policy()
	var need ResourceAbility
	if opts.Need != nil {
		need = *opts.Need
	}
	// A wallet AuthSig verified where one is accepted must not pass where a
	// session is required; its nonce was recent when first verified, and
	// the lifetime cap bounds how long that stays good.
	var walletLife time.Duration
	if opts.Wallet != nil {
		walletLife = opts.Wallet.maxLifetime()
	}
	b, _ := json.Marshal(struct {
		Node, Prefix, ID, Ability string
		NeedSet                   bool
		Skew, Life, WalletLife    time.Duration
		Domains                   []string
		NetworkKey                string
	}{normalizeNodeURL(opts.NodeURL), need.Resource.Prefix, need.Resource.ID, string(need.Ability), opts.Need != nil,
		p.skew, p.maxLifetime, walletLife, opts.Domains, networkKeyHex(opts.NetworkKey)})
	h.Write(b)
	h.Write(raw)
	var k [32]byte
	h.Sum(k[:0])
	return k
}

func networkKeyHex(k *bls.PublicKey) string {
	if k == nil {
		return ""
	}
	return k.String()
}
