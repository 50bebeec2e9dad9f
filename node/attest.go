package node

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"golang.org/x/time/rate"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/crypto/hd"
	"github.com/flint-network/flint/crypto/secp"
)

// Minting: a PKP's public key enters the PKPNFT contract only with the
// signatures of a quorum of nodes over (chain id, contract, key id, public
// key). A node signs the key it derives itself from the root keys, so a
// quorum's signatures mean "this is the network's key for this key id".

// attestation is one node's signature over a derived key.
type attestation struct {
	keyID  [32]byte
	pubkey []byte // 65 bytes
	sig    []byte
}

// attest derives the key for keyID and signs it.
func (n *Node) attest(keyID [32]byte) (*attestation, error) {
	st := n.state.Load()
	if st == nil || !n.published.Load() {
		return nil, ErrNotReady
	}
	if keyID == ([32]byte{}) {
		return nil, errors.New("key id is zero")
	}
	s := hd.KeyScalar(keyID[:])
	pub, err := hd.DerivePublic(st.roots, &s)
	if err != nil {
		return nil, err
	}
	u := secp.Uncompressed(&pub)
	sig, err := chain.Sign(n.chain.KeyAttestationDigest(keyID, u[:]), n.keys.identity)
	if err != nil {
		return nil, err
	}
	return &attestation{keyID: keyID, pubkey: u[:], sig: sig}, nil
}

// attestPeer answers a peer that collects attestations: body is the key id.
func (n *Node) attestPeer(_ context.Context, body []byte) ([]byte, error) {
	if len(body) != 32 {
		return nil, fmt.Errorf("%w: key id of %d bytes", errPeerRefused, len(body))
	}
	a, err := n.attest([32]byte(body))
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
	for range batch {
		var keyID [32]byte
		rand.Read(keyID[:])
		own, err := n.attest(keyID)
		if err != nil {
			return err
		}
		sigs := [][]byte{own.sig}
		for _, id := range n.live(v) {
			if id == v.self || len(sigs) == v.quorum {
				continue
			}
			cctx, cancel := context.WithTimeout(ctx, 3*time.Second)
			sig, err := n.peers.Call(cctx, id, kindAttest, keyID[:])
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
		keys = append(keys, chain.AttestedKey{KeyID: keyID, Pubkey: own.pubkey, Signatures: sigs})
	}
	if _, err := n.chain.AddAttestedKeys(ctx, n.chain.Transactor(n.keys.identity), keys); err != nil {
		return fmt.Errorf("addAttestedKeys: %w", err)
	}
	n.log.Info("key pool topped up", "added", len(keys), "was", size)
	return nil
}
