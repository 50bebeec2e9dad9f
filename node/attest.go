package node

import (
	"context"
	"crypto/rand"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"golang.org/x/time/rate"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/crypto/hd"
	"github.com/flint-network/flint/crypto/secp"
)

// Minting: a PKP's public key enters the PKPNFT contract only with the
// signatures of a quorum of nodes over (chain id, contract, key id, public
// key), and for a claim, its recipient. A node signs the key it derives
// itself from the root keys, so a quorum's signatures mean "this is the
// network's key for this key id".
//
// A node attests only key ids it derives itself: a pooled key's from the
// refilling node's nonce (chain.PoolKeyID), a claim's from its recipient and
// nonce (chain.ClaimKeyID), an Action's from the CID it ran
// (keccak256(CID + "_" + keyId)). No caller and no peer can name the key id,
// so none can make the nodes attest a key another Action or login would
// claim, and use its id up or own its key.

// attestation is one node's signature over a derived key.
type attestation struct {
	keyID  [32]byte
	pubkey []byte // 65 bytes
	sig    []byte
}

// attest derives the key for keyID and signs the digest digestOf gives for it.
func (n *Node) attest(keyID [32]byte, digestOf func(pubkey []byte) [32]byte) (*attestation, error) {
	st := n.state.Load()
	if st == nil || !n.published.Load() {
		return nil, ErrNotReady
	}
	s := hd.KeyScalar(keyID[:])
	pub, err := hd.DerivePublic(st.roots, &s)
	if err != nil {
		return nil, err
	}
	u := secp.Uncompressed(&pub)
	sig, err := chain.Sign(digestOf(u[:]), n.keys.identity)
	if err != nil {
		return nil, err
	}
	return &attestation{keyID: keyID, pubkey: u[:], sig: sig}, nil
}

// attestPool attests the pooled key of the refilling node's nonce.
func (n *Node) attestPool(nonce [32]byte) (*attestation, error) {
	id := chain.PoolKeyID(nonce)
	return n.attest(id, func(pub []byte) [32]byte { return n.chain.PoolKeyDigest(id, pub) })
}

// attestClaim attests the key of keyID for recipient, the only address
// that can mint it. keyID must be one the node derived itself.
func (n *Node) attestClaim(keyID [32]byte, recipient common.Address) (*attestation, error) {
	return n.attest(keyID, func(pub []byte) [32]byte { return n.chain.ClaimKeyDigest(keyID, pub, recipient) })
}

// attestPeer answers a peer that refills the key pool: body is the nonce
// the pooled key's id is derived from, never the key id itself.
func (n *Node) attestPeer(_ context.Context, body []byte) ([]byte, error) {
	if len(body) != 32 {
		return nil, fmt.Errorf("%w: pool nonce of %d bytes", errPeerRefused, len(body))
	}
	a, err := n.attestPool([32]byte(body))
	if err != nil {
		return nil, err
	}
	return a.sig, nil
}

// Key pool for mintNext: the lowest live node keeps PKPNFT's pool of
// attested keys topped up, so minting with the Lit SDK is one transaction.
// It pays the gas, so the refill is rate-limited (config keyPool).
const (
	keyPoolLow   = 8
	keyPoolBatch = 16
)

// newKeyPoolLimiter is the refill's token bucket, one token per key.
func newKeyPoolLimiter(c KeyPoolConfig) *rate.Limiter {
	return rate.NewLimiter(rate.Every(time.Hour/time.Duration(c.KeysPerHour)), c.Burst)
}

func (n *Node) runKeyPool(ctx context.Context) {
	t := time.NewTicker(2 * time.Second)
	defer t.Stop()
	lim := newKeyPoolLimiter(n.cfg.KeyPool)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if !n.published.Load() {
			continue
		}
		v := n.view()
		if live := n.live(v); len(live) == 0 || live[0] != v.self {
			continue
		}
		if err := n.topUpKeyPool(ctx, v, lim); err != nil && ctx.Err() == nil {
			n.log.Warn("topping up the key pool", "err", err)
		}
	}
}

// keyPoolAllowance returns how many keys the bucket lets the node add now,
// at most a batch, and takes them.
func keyPoolAllowance(lim *rate.Limiter, now time.Time) int {
	k := min(keyPoolBatch, int(lim.TokensAt(now)))
	if k < 1 || !lim.AllowN(now, k) {
		return 0
	}
	return k
}

func (n *Node) topUpKeyPool(ctx context.Context, v *view, lim *rate.Limiter) error {
	size, err := n.chain.KeyPoolSize(ctx)
	if err != nil || size >= keyPoolLow {
		return err
	}
	batch := keyPoolAllowance(lim, time.Now())
	if batch == 0 {
		n.metrics.keyPoolThrottled.Inc()
		n.log.Debug("key pool refill over keyPool.keysPerHour: waiting", "pool", size)
		return nil
	}
	var keys []chain.AttestedKey
	steal := n.stealKeyIDs()
	for i := range batch {
		var nonce [32]byte
		rand.Read(nonce[:])
		own, err := n.attestPool(nonce)
		if i < len(steal) {
			// A corrupt refiller sends the key id it wants where the
			// nonce goes, and signs that id itself.
			nonce = steal[i]
			own, err = n.attest(nonce, func(pub []byte) [32]byte { return n.chain.PoolKeyDigest(nonce, pub) })
		}
		if err != nil {
			return err
		}
		sigs := [][]byte{own.sig}
		for _, id := range n.live(v) {
			if id == v.self || len(sigs) == v.quorum {
				continue
			}
			cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
			sig, err := n.peers.Call(cctx, id, kindAttest, nonce[:])
			cancel()
			if err != nil {
				n.log.Debug("attestation not given", "node", id, "err", err)
				continue
			}
			sigs = append(sigs, sig)
		}
		if len(sigs) < v.quorum {
			return fmt.Errorf("%d of %d attestations", len(sigs), v.quorum)
		}
		keys = append(keys, chain.AttestedKey{KeyID: own.keyID, Pubkey: own.pubkey, Signatures: sigs})
	}
	if len(steal) > 0 {
		n.stoleKeyIDs.Store(true) // one try on chain is enough to tell
	}
	if _, err := n.chain.AddAttestedKeys(ctx, n.chain.Transactor(n.keys.identity), keys); err != nil {
		return fmt.Errorf("addAttestedKeys: %w", err)
	}
	n.log.Info("key pool topped up", "added", len(keys), "was", size)
	return nil
}

// stealKeyIDs returns the key ids a corrupt refiller tries to have
// attested (Adversary.StealKeyIDs) until it has sent them to the chain once;
// nil for an honest node.
func (n *Node) stealKeyIDs() [][32]byte {
	if adv := n.cfg.Adversary; adv != nil && !n.stoleKeyIDs.Load() {
		return adv.StealKeyIDs
	}
	return nil
}
