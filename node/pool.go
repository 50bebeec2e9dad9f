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
	// leading holds the batches this node leads that are still running, and
	// parties the parties of own batches until they are done: only a party
	// of a running or stored own batch may acknowledge it, so a peer cannot
	// make the leader record batches that do not exist or place itself among
	// a batch's holders. (After a restart the parties are not known; a stored
	// batch then takes acknowledgements from any node.)
	leading map[[16]byte]bool
	parties map[[16]byte][]uint32
	// boundAt holds when each bound presignature still held was bound, so
	// that one whose request never reaches this node is erased eventually.
	boundAt map[tecdsa.PresigID]time.Time
	// storedAt holds when each own batch with presignatures left was added:
	// one that a quorum never acknowledges can never be used, and is dropped.
	storedAt map[[16]byte]time.Time
}

func newPool(self uint32) *pool {
	return &pool{self: self, byID: map[tecdsa.PresigID]*tecdsa.Presignature{}, owners: map[uint32]int{},
		acks: map[[16]byte][]uint32{}, left: map[[16]byte]int{}, leading: map[[16]byte]bool{}, parties: map[[16]byte][]uint32{},
		boundAt: map[tecdsa.PresigID]time.Time{}, storedAt: map[[16]byte]time.Time{}, added: make(chan struct{})}
}

// lead records that this node started leading a batch with these parties.
func (p *pool) lead(batch [16]byte, parties []uint32) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.leading[batch] = true
	p.parties[batch] = slices.Clone(parties)
}

// isLeading reports whether this node started a batch that is still running.
func (p *pool) isLeading(batch [16]byte) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.leading[batch]
}

// endLead records that a batch this node led has ended, stored or not. A
// batch that left nothing here is forgotten with its acknowledgements, and
// orphan says so, for the caller to delete their record.
func (p *pool) endLead(batch [16]byte) (orphan bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.leading[batch] {
		return false
	}
	delete(p.leading, batch)
	if p.left[batch] > 0 {
		return false
	}
	delete(p.parties, batch)
	delete(p.acks, batch)
	return true
}

// leadingCount is the number of batches this node leads right now.
func (p *pool) leadingCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.leading)
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
			if _, ok := p.storedAt[pre.ID.Batch]; !ok {
				p.storedAt[pre.ID.Batch] = time.Now()
			}
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
func (p *pool) takeWait(ctx context.Context, quorum int, live []uint32, wait time.Duration) (*tecdsa.Presignature, bool) {
	deadline := time.NewTimer(wait)
	defer deadline.Stop()
	for {
		if pre, ok := p.take(quorum, live); ok {
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
// whether that is news. Acknowledgements of batches this node does not
// lead, or of a running batch by a node outside it, are ignored.
func (p *pool) ack(batch [16]byte, node uint32) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.leading[batch] && p.left[batch] == 0 {
		return false
	}
	if parties, known := p.parties[batch]; known && !slices.Contains(parties, node) {
		return false
	}
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
// that at least quorum of the live nodes acknowledged storing: a batch
// whose holders are partly down waits, and younger batches serve meanwhile.
func (p *pool) take(quorum int, live []uint32) (*tecdsa.Presignature, bool) {
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
		if p.liveHolders(id.Batch, live) >= quorum {
			p.own = slices.Delete(p.own, i, i+1)
			return pre, true
		}
	}
	return nil, false
}

// liveHolders counts the live nodes that acknowledged a batch; p.mu held.
func (p *pool) liveHolders(batch [16]byte, live []uint32) int {
	up := 0
	for _, h := range p.acks[batch] {
		if slices.Contains(live, h) {
			up++
		}
	}
	return up
}

// ackGrace is how long a just-stored batch counts as usable while its
// acknowledgements are on their way.
const ackGrace = 5 * time.Second

// ownUsable is the number of this node's free presignatures it could bind
// now: from batches a quorum of live nodes acknowledged (or stored moments
// ago). It drives refills, so that a pool of presignatures whose holders are
// down does not look full.
func (p *pool) ownUsable(quorum int, live []uint32, now time.Time) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, id := range p.own {
		if p.liveHolders(id.Batch, live) >= quorum || now.Sub(p.storedAt[id.Batch]) < ackGrace {
			n++
		}
	}
	return n
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

// markBound records that a held presignature was bound at t.
func (p *pool) markBound(id tecdsa.PresigID, t time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.byID[id]; ok {
		p.boundAt[id] = t
	}
}

// staleBound lists the presignatures still held that were bound before t.
func (p *pool) staleBound(t time.Time) []tecdsa.PresigID {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []tecdsa.PresigID
	for id, at := range p.boundAt {
		if at.Before(t) {
			out = append(out, id)
		}
	}
	return out
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
	delete(p.boundAt, id)
	p.owners[pre.Owner]--
	if pre.Owner != p.self {
		return false
	}
	if p.left[id.Batch]--; p.left[id.Batch] > 0 {
		return false
	}
	delete(p.left, id.Batch)
	delete(p.acks, id.Batch)
	delete(p.storedAt, id.Batch)
	delete(p.parties, id.Batch)
	return true
}

// takeUnusable takes off the free list the presignatures of own batches
// stored before t that fewer than quorum nodes acknowledged: take never hands
// them out, so they are only dead weight. Checked and removed under one lock,
// so a late acknowledgement and a concurrent take cannot race the drop; the
// caller erases them and marks them done.
func (p *pool) takeUnusable(quorum int, t time.Time) []tecdsa.PresigID {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []tecdsa.PresigID
	p.own = slices.DeleteFunc(p.own, func(id tecdsa.PresigID) bool {
		at, ok := p.storedAt[id.Batch]
		if ok && at.Before(t) && len(p.acks[id.Batch]) < quorum {
			out = append(out, id)
			return true
		}
		return false
	})
	return out
}

// takeOthers takes the presignatures of another owner's batch that are not
// bound here, for a batch its owner has dropped.
func (p *pool) takeOthers(batch [16]byte, owner uint32) []tecdsa.PresigID {
	p.mu.Lock()
	defer p.mu.Unlock()
	if owner == p.self {
		return nil
	}
	var out []tecdsa.PresigID
	for id, pre := range p.byID {
		if id.Batch == batch && pre.Owner == owner {
			if _, bound := p.boundAt[id]; !bound {
				out = append(out, id)
			}
		}
	}
	return out
}

// takeExpired takes the presignatures born (batchBorn) longer ago than
// ownAge, from this node's free list, and than othersAge, among other
// owners' copies not bound here.
func (p *pool) takeExpired(now time.Time, ownAge, othersAge time.Duration) (own, others []tecdsa.PresigID) {
	p.mu.Lock()
	defer p.mu.Unlock()
	old := func(batch [16]byte, age time.Duration) bool {
		born, ok := batchBorn(batch)
		return ok && now.Sub(born) > age
	}
	p.own = slices.DeleteFunc(p.own, func(id tecdsa.PresigID) bool {
		if old(id.Batch, ownAge) {
			own = append(own, id)
			return true
		}
		return false
	})
	for id, pre := range p.byID {
		if _, bound := p.boundAt[id]; pre.Owner != p.self && !bound && old(id.Batch, othersAge) {
			others = append(others, id)
		}
	}
	return own, others
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
