package node

import (
	"sync"
	"time"
)

// recentHashes remembers the block hashes the node has seen lately, so that
// a wallet AuthSig, whose SIWE nonce must be a recent block hash of the
// network's chain (the SDK takes it from the handshake's latestBlockhash),
// can be told fresh from replayed. It keeps at most max hashes, each for
// maxAge; the oldest go first.
type recentHashes struct {
	mu     sync.Mutex
	maxAge time.Duration
	max    int
	seen   map[string]time.Time
	order  []string
}

func newRecentHashes(maxAge time.Duration, max int) *recentHashes {
	return &recentHashes{maxAge: maxAge, max: max, seen: map[string]time.Time{}}
}

// add notes that hash was the chain's latest at now.
func (r *recentHashes) add(hash string, now time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.seen[hash]; ok {
		return
	}
	for len(r.order) > 0 && (len(r.order) >= r.max || now.Sub(r.seen[r.order[0]]) > r.maxAge) {
		delete(r.seen, r.order[0])
		r.order = r.order[1:]
	}
	r.seen[hash] = now
	r.order = append(r.order, hash)
}

// recent reports whether hash was the chain's latest within maxAge of now.
func (r *recentHashes) recent(hash string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	t, ok := r.seen[hash]
	return ok && now.Sub(t) <= r.maxAge
}
