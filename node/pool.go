package node

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/flint-network/flint/crypto/tecdsa"
)

// pool indexes the presignatures this node holds. Each presignature has one
// owner (the batch leader): only the owner binds it (docs/threshold-ecdsa.md
// §5), so the owner takes from its own free list and the others look
// presignatures up by id when the owner's binding arrives.
//
// Which nodes hold a batch is not something each node can work out alone
// (a node may finish a batch the leader thinks it failed, or fail one the
// leader completed), so every node that stores a batch acknowledges it to the
// leader: the leader takes a presignature only from a batch a quorum has
// acknowledged, and picks its signers among the acknowledgers.
type pool struct {
	mu     sync.Mutex
	added  chan struct{} // closed and replaced whenever presignatures arrive
	self   uint32
	byID   map[tecdsa.PresigID]*tecdsa.Presignature
	own    []tecdsa.PresigID     // this node's free presignatures, oldest first
	owners map[uint32]int        // free presignatures by owner, for metrics
	acks   map[[16]byte][]uint32 // own batches: the nodes that stored them
	left   map[[16]byte]int      // own batches: presignatures not yet done
}

func newPool(self uint32) *pool {
	return &pool{self: self, byID: map[tecdsa.PresigID]*tecdsa.Presignature{}, owners: map[uint32]int{},
		acks: map[[16]byte][]uint32{}, left: map[[16]byte]int{}, added: make(chan struct{})}
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
		if pre.Owner == p.self {
			p.left[pre.ID.Batch]++
			if free {
				p.own = append(p.own, pre.ID)
			}
		}
	}
	close(p.added)
	p.added = make(chan struct{})
}

// takeWait is take, waiting up to wait for a batch in flight to deliver
// when the free list is empty.
func (p *pool) takeWait(ctx context.Context, quorum int, wait time.Duration) (*tecdsa.Presignature, bool) {
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for {
		if pre, ok := p.take(quorum); ok {
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

// ack records that node stored one of this node's batches; it reports
// whether that is news.
func (p *pool) ack(batch [16]byte, node uint32) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if slices.Contains(p.acks[batch], node) {
		return false
	}
	p.acks[batch] = append(p.acks[batch], node)
	slices.Sort(p.acks[batch])
	close(p.added) // a batch may have become usable
	p.added = make(chan struct{})
	return true
}

// holders returns the nodes that acknowledged storing a batch.
func (p *pool) holders(batch [16]byte) []uint32 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.acks[batch])
}

// take removes and returns this node's oldest free presignature from a batch
// that at least quorum nodes acknowledged storing.
func (p *pool) take(quorum int) (*tecdsa.Presignature, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i := 0; i < len(p.own); i++ {
		id := p.own[i]
		pre, ok := p.byID[id]
		if !ok {
			p.own = slices.Delete(p.own, i, i+1)
			i--
			continue
		}
		if len(p.acks[id.Batch]) >= quorum {
			p.own = slices.Delete(p.own, i, i+1)
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

// done forgets a presignature that has signed (or was dropped). It reports
// whether that finished one of this node's batches, whose acknowledgements
// can then be forgotten too.
func (p *pool) done(id tecdsa.PresigID) (batchDone bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pre, ok := p.byID[id]
	if !ok {
		return false
	}
	delete(p.byID, id)
	p.owners[pre.Owner]--
	if pre.Owner != p.self {
		return false
	}
	if p.left[id.Batch]--; p.left[id.Batch] > 0 {
		return false
	}
	delete(p.left, id.Batch)
	delete(p.acks, id.Batch)
	return true
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
