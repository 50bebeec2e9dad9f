package node

import (
	"context"
	"sync"
	"time"

	"github.com/flint-network/flint/crypto/tecdsa"
)

// pool indexes the presignatures this node holds. Each presignature has one
// owner (the batch leader): only the owner binds it (docs/threshold-ecdsa.md
// §5), so the owner takes from its own free list and the others look
// presignatures up by id when the owner's binding arrives.
type pool struct {
	mu     sync.Mutex
	added  chan struct{} // closed and replaced whenever presignatures arrive
	self   uint32
	byID   map[tecdsa.PresigID]*tecdsa.Presignature
	own    []tecdsa.PresigID // this node's free presignatures, oldest first
	owners map[uint32]int    // free presignatures by owner, for metrics
}

func newPool(self uint32) *pool {
	return &pool{self: self, byID: map[tecdsa.PresigID]*tecdsa.Presignature{}, owners: map[uint32]int{}, added: make(chan struct{})}
}

// add indexes presignatures; free ones owned by this node join its free list
// (a presignature bound before a restart is indexed but never taken).
func (p *pool) add(ps []*tecdsa.Presignature, free bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, pre := range ps {
		if _, dup := p.byID[pre.ID]; dup {
			continue
		}
		p.byID[pre.ID] = pre
		p.owners[pre.Owner]++
		if free && pre.Owner == p.self {
			p.own = append(p.own, pre.ID)
		}
	}
	close(p.added)
	p.added = make(chan struct{})
}

// takeWait is take, waiting up to wait for a batch in flight to deliver
// when the free list is empty.
func (p *pool) takeWait(ctx context.Context, wait time.Duration) (*tecdsa.Presignature, bool) {
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for {
		if pre, ok := p.take(); ok {
			return pre, true
		}
		p.mu.Lock()
		added := p.added
		p.mu.Unlock()
		select {
		case <-added:
		case <-deadline.C:
			return nil, false
		case <-ctx.Done():
			return nil, false
		}
	}
}

// take removes and returns this node's oldest free presignature.
func (p *pool) take() (*tecdsa.Presignature, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for len(p.own) > 0 {
		id := p.own[0]
		p.own = p.own[1:]
		if pre, ok := p.byID[id]; ok {
			return pre, true
		}
	}
	return nil, false
}

// putBack returns a presignature that take handed out but that was not
// bound, to the front of the free list.
func (p *pool) putBack(pre *tecdsa.Presignature) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.byID[pre.ID]; ok {
		p.own = append([]tecdsa.PresigID{pre.ID}, p.own...)
	}
}

// get returns a presignature by id (it stays indexed until done).
func (p *pool) get(id tecdsa.PresigID) (*tecdsa.Presignature, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pre, ok := p.byID[id]
	return pre, ok
}

// done forgets a presignature that has signed (or was dropped).
func (p *pool) done(id tecdsa.PresigID) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if pre, ok := p.byID[id]; ok {
		delete(p.byID, id)
		p.owners[pre.Owner]--
	}
}

// ownFree is the number of free presignatures this node owns.
func (p *pool) ownFree() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.own)
}

// size is the number of presignatures held, of every owner.
func (p *pool) size() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.byID)
}
