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
	// blockTimes holds each remembered hash's block timestamp, where it
	// was added with one: a PKP session message's Issued At, which every
	// node must write alike, is the time of the block its nonce names.
	blockTimes map[string]time.Time
}

func newRecentHashes(maxAge time.Duration, max int) *recentHashes {
	return &recentHashes{maxAge: maxAge, max: max, seen: map[string]time.Time{}, blockTimes: map[string]time.Time{}}
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
		delete(r.blockTimes, r.order[0])
		r.order = r.order[1:]
	}
	r.seen[hash] = now
	r.order = append(r.order, hash)
}

// known reports whether hash is remembered, however old.
func (r *recentHashes) known(hash string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, ok := r.seen[hash]
	return ok
}

// recent reports whether hash was the chain's latest within maxAge of now.
func (r *recentHashes) recent(hash string, now time.Time) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	t, ok := r.seen[hash]
	return ok && now.Sub(t) <= r.maxAge
}

// addBlock is add for a block whose timestamp is known.
func (r *recentHashes) addBlock(hash string, blockTime, now time.Time) {
	r.add(hash, now)
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.seen[hash]; ok {
		if _, has := r.blockTimes[hash]; !has {
			r.blockTimes[hash] = blockTime
		}
	}
}

// recentBlock returns the timestamp of the block with hash if it was the
// chain's latest within maxAge of now.
func (r *recentHashes) recentBlock(hash string, now time.Time) (time.Time, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	t, ok := r.seen[hash]
	bt, has := r.blockTimes[hash]
	return bt, ok && has && now.Sub(t) <= r.maxAge
}
