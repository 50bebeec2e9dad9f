package node

import (
	"slices"
	"sync"
	"time"

	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node/signing"
)

// batchState is where a presignature batch is in its life at this node.
// Inside the protocol (tecdsa.Presign) a batch is dealt, decided, confirmed
// and opened; the pool takes over once it is stored:
//
//	leading ──┬─▶ stored ─▶ (acknowledged by a quorum: usable) ─▶ draining ─▶ ended
//	          └─▶ ended (the batch stored nothing here)
//
// Only a batch's owner (its leader) leads it, takes its presignatures and
// collects acknowledgements; the other holders only store theirs. A batch
// ends when its last presignature here is done (signed, erased, dropped),
// and every end goes through one path: Node.batchEnded.
type batchState uint8

const (
	batchLeading  batchState = iota // this node started it; the protocol runs
	batchStored                     // stored here
	batchDraining                   // no more are taken; the ones held finish
)

func (s batchState) String() string {
	return [...]string{"leading", "stored", "draining"}[s]
}

// batch is one batch as this node knows it.
type batch struct {
	id      [16]byte
	owner   uint32
	state   batchState
	parties []uint32 // own batches: who may acknowledge; nil after a restart (anyone)
	acks    []uint32 // own batches: the nodes that stored it, sorted
	free    []tecdsa.PresigID
	held    int // presignatures of this batch held here, not done
	stored  time.Time
}

// pool indexes the presignatures this node holds, by batch. Each
// presignature has one owner: only the owner binds it (docs/threshold-ecdsa.md
// §5), so the owner takes from its own free lists and the others look
// presignatures up by id when a binding arrives.
//
// Which nodes hold a batch is not something each node can work out alone (a
// node may finish a batch the leader thinks it failed, or fail one the
// leader completed), so every node that stores a batch acknowledges it to
// the leader: the leader takes a presignature only from a batch a quorum of
// live nodes acknowledged, and picks its signers among them.
type pool struct {
	mu      sync.Mutex
	self    uint32
	added   chan struct{} // closed and replaced whenever presignatures arrive
	batches map[[16]byte]*batch
	own     [][16]byte // own stored batches, oldest first
	byID    map[tecdsa.PresigID]*tecdsa.Presignature
	bound   map[tecdsa.PresigID]bool // held and bound here: never dropped with their batch
	// signedIn is the epoch whose shares each presignature signed under
	// here, until it leaves the pool. During an overlap a carried batch
	// signs in either machine, and a repeat that comes before the share's
	// record is on disk computes the share again: under the same shares
	// only (one presignature under two epochs' shares gives a_i·(x_i − x'_i)).
	signedIn map[tecdsa.PresigID]uint64
	// seen is every batch this node took part in (or holds), until it is
	// too old to be bound: a binding of a presignature of any other batch is
	// never endorsed here (signing.Pool.Known).
	seen map[[16]byte]bool
	// parties is, for the batches of other nodes this node took part in
	// (as long as they are seen), their sessions' parties: every one holds
	// shares of the batch's a and z^b, whether or not it sent this node its
	// opening (a presignature's Holders) or its owner an acknowledgement.
	parties map[[16]byte][]uint32
	// joined counts, per leader, the batches of other nodes running here,
	// and heldBy the presignatures held of each owner.
	joined map[uint32]map[[16]byte]time.Time
	heldBy map[uint32]int
	// serving is the epoch whose shares sign; future holds the batches made
	// for a later epoch by its committee before the switch (with that
	// epoch's t): never taken until the switch makes their epoch the
	// serving one. older holds the batches of the epoch before the serving
	// one while its signing machine still runs (the overlap after a
	// switch). Batches in neither are the serving epoch's.
	serving uint64
	future  map[[16]byte]futureBatch
	older   map[[16]byte]olderBatch
}

// olderBatch is a batch of the previous epoch during the overlap.
type olderBatch struct {
	epoch uint64
	// carried: it also signs under the serving epoch's shares (same t,
	// every holder in the serving committee: survivesSwitch's terms).
	carried bool
	// dead: the overlap ended and it was not carried: it signs nowhere
	// (its presignatures bound meanwhile stay held, never signed).
	dead bool
}

// futureBatch is a batch made for a later epoch.
type futureBatch struct {
	epoch uint64
	t     int
}

// markFuture records that batch id is made for a later epoch with
// threshold t.
func (p *pool) markFuture(id [16]byte, epoch uint64, t int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.future[id] = futureBatch{epoch, t}
}

// futureOf returns the epoch and t of a batch made for a later epoch.
func (p *pool) futureOf(id [16]byte) (futureBatch, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f, ok := p.future[id]
	return f, ok
}

// usable reports whether a batch signs under the serving epoch's shares;
// p.mu held.
func (p *pool) usable(id [16]byte) bool { return p.usableIn(id, p.serving) }

// usableIn reports whether a batch signs in the machine of epoch (under
// that epoch's shares); p.mu held. A batch made for a later epoch never
// signs under an earlier epoch's shares (see Known), and one of the
// previous epoch that the serving committee cannot use signs only in the
// previous epoch's machine.
func (p *pool) usableIn(id [16]byte, epoch uint64) bool {
	if o, ok := p.older[id]; ok {
		return !o.dead && (epoch == o.epoch || (o.carried && epoch == p.serving))
	}
	if f, ok := p.future[id]; ok && f.epoch > p.serving {
		return false
	}
	return epoch == p.serving
}

// setServing makes epoch the serving one and returns the batches made for
// it before the switch, with their t. The serving epoch's batches until
// now become the previous epoch's (older), each carried into the new one
// when carry says so, given the batch and its holders known here: its
// session's parties (every one holds shares of a and z^b, silent or not),
// its acknowledgements and its presignatures' holders. A batch whose
// parties are not known here (restored after a restart) is not carried.
// endOverlap ends that.
func (p *pool) setServing(epoch uint64, carry func(b *batch, holders []uint32) bool) map[[16]byte]int {
	p.mu.Lock()
	defer p.mu.Unlock()
	prev := p.serving
	out := map[[16]byte]int{}
	for id, f := range p.future {
		if f.epoch == epoch {
			out[id] = f.t
		}
	}
	if prev != 0 && prev < epoch {
		holders := map[[16]byte][]uint32{}
		for id, pre := range p.byID {
			if _, ok := holders[id.Batch]; !ok {
				holders[id.Batch] = pre.Holders
			}
		}
		tag := func(id [16]byte, b *batch) {
			if _, later := p.future[id]; later {
				return
			}
			if _, ok := p.older[id]; ok {
				return // still the epoch before prev's: ended with its machine
			}
			// Every party of the batch's session holds shares of it: the
			// acknowledgements and openings only add to them (a silent
			// party sends neither).
			hs := append(slices.Clone(b.acks), holders[id]...)
			hs = append(append(hs, b.parties...), p.parties[id]...)
			// A batch whose parties this node does not know (restored
			// after a restart) is never carried: a silent party is in no
			// other list.
			known := b.parties != nil || p.parties[id] != nil
			p.older[id] = olderBatch{epoch: prev, carried: known && carry != nil && carry(b, hs)}
		}
		for id, b := range p.batches {
			tag(id, b)
		}
		for id := range p.seen {
			if _, ok := p.batches[id]; !ok {
				owner, _ := signing.BatchOwner(id)
				tag(id, &batch{id: id, owner: owner})
			}
		}
	}
	for id, f := range p.future {
		if f.epoch <= epoch {
			delete(p.future, id)
		}
	}
	p.serving = epoch
	return out
}

// endOverlap ends the previous epoch's place in the pool (its machine is
// dropped): its carried batches become the serving epoch's; the others
// stop being handed out, and their presignatures held here that are not
// bound are returned for the caller to erase.
func (p *pool) endOverlap(epoch uint64) []tecdsa.PresigID {
	p.mu.Lock()
	drop := map[[16]byte]bool{}
	for id, o := range p.older {
		switch {
		case o.epoch > epoch || o.dead:
		case o.carried:
			delete(p.older, id)
		default:
			drop[id] = true
			p.older[id] = olderBatch{epoch: o.epoch, dead: true}
		}
	}
	p.mu.Unlock()
	return p.drain(func(b *batch) bool { return drop[b.id] })
}

// ownFutureFree counts this node's free presignatures made for epoch before
// the switch, in batches a quorum acknowledged or stored moments ago.
func (p *pool) ownFutureFree(epoch uint64, quorum int, now time.Time) int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, id := range p.own {
		b := p.batches[id]
		if f, ok := p.future[id]; ok && f.epoch == epoch && b != nil && b.state == batchStored &&
			(len(b.acks) >= quorum || now.Sub(b.stored) < ackGrace) {
			n += len(b.free)
		}
	}
	return n
}

func newPool(self uint32) *pool {
	return &pool{self: self, added: make(chan struct{}), batches: map[[16]byte]*batch{},
		byID: map[tecdsa.PresigID]*tecdsa.Presignature{}, bound: map[tecdsa.PresigID]bool{}, signedIn: map[tecdsa.PresigID]uint64{},
		seen: map[[16]byte]bool{}, parties: map[[16]byte][]uint32{}, joined: map[uint32]map[[16]byte]time.Time{}, heldBy: map[uint32]int{},
		future: map[[16]byte]futureBatch{}, older: map[[16]byte]olderBatch{}}
}

func (p *pool) notify() {
	close(p.added)
	p.added = make(chan struct{})
}

// lead records that this node started leading a batch with these parties.
func (p *pool) lead(id [16]byte, parties []uint32) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.batches[id] = &batch{id: id, owner: p.self, state: batchLeading, parties: slices.Clone(parties)}
	p.seen[id] = true
}

// join records that this node takes part in another node's batch, unless
// that leader already runs maxJoined batches here or this node holds
// maxHeld of its presignatures.
func (p *pool) join(id [16]byte, leader uint32, maxJoined, maxHeld int, now time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	running := p.joined[leader]
	for b, at := range running {
		if now.Sub(at) > joinedTTL { // a session that never reported its end
			delete(running, b)
		}
	}
	if len(running) >= maxJoined || p.heldBy[leader] >= maxHeld {
		return false
	}
	if running == nil {
		running = map[[16]byte]time.Time{}
		p.joined[leader] = running
	}
	running[id] = now
	p.seen[id] = true
	return true
}

// joinedWith records the parties of a batch of another node this node
// takes part in (its session header's), for the switch (setServing).
func (p *pool) joinedWith(id [16]byte, parties []uint32) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.seen[id] {
		p.parties[id] = slices.Clone(parties)
	}
}

// joinedTTL outlasts any batch session (the engine abandons one after ten
// quiet rounds).
const joinedTTL = 10 * time.Minute

// left records that another node's batch finished here.
func (p *pool) left(id [16]byte, leader uint32) {
	p.mu.Lock()
	defer p.mu.Unlock()
	delete(p.joined[leader], id)
	if len(p.joined[leader]) == 0 {
		delete(p.joined, leader)
	}
}

// Known implements signing.Pool. A batch made for a later epoch is not
// known until the switch: its a and z^b have that epoch's degree among its
// holders, some of which may hold no share of the serving key. Used with the
// serving key, the signers' shares (m·a_i + r·(a_i·x_i + z^b_i)) determine
// that polynomial, and a holder outside the serving committee would solve
// its own point of the serving key's polynomial from it: with a corrupt node
// that stays (it leads the request and owns the batch), a leaver and a
// joiner, t+1 points of the old polynomial. So no endorsement of one.
func (p *pool) Known(id tecdsa.PresigID) bool { return p.knownIn(id, p.servingEpoch()) }

// knownIn is Known for the signing machine of epoch.
func (p *pool) knownIn(id tecdsa.PresigID, epoch uint64) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	_, held := p.byID[id]
	return (held || p.seen[id.Batch]) && p.usableIn(id.Batch, epoch)
}

// signable returns a presignature to sign with under the serving key: held,
// and of the serving epoch (see Known).
func (p *pool) signable(id tecdsa.PresigID) (*tecdsa.Presignature, bool) {
	return p.signableIn(id, p.servingEpoch())
}

// signableIn is signable under the shares of epoch.
func (p *pool) signableIn(id tecdsa.PresigID, epoch uint64) (*tecdsa.Presignature, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pre, ok := p.byID[id]
	return pre, ok && p.usableIn(id.Batch, epoch)
}

// signWith returns a presignature to sign with and the epoch whose shares
// it signs under: the epoch it signed under here before, if it did (any
// machine that releases it again gets the same share), else epoch, which
// it is then tied to (see signedIn).
func (p *pool) signWith(id tecdsa.PresigID, epoch uint64) (*tecdsa.Presignature, uint64, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if e, ok := p.signedIn[id]; ok {
		epoch = e
	}
	pre, ok := p.byID[id]
	if !ok || !p.usableIn(id.Batch, epoch) {
		return nil, epoch, false
	}
	p.signedIn[id] = epoch
	return pre, epoch, true
}

func (p *pool) servingEpoch() uint64 {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.serving
}

// poolView is the pool as the signing machine of one epoch sees it
// (signing.Pool).
type poolView struct {
	p     *pool
	epoch uint64
}

func (v poolView) Take(live []uint32, quorum int) (tecdsa.PresigID, []uint32, bool) {
	return v.p.takeIn(v.epoch, live, quorum)
}
func (v poolView) Refilling() bool               { return v.p.Refilling() }
func (v poolView) Known(id tecdsa.PresigID) bool { return v.p.knownIn(id, v.epoch) }

// forgetSeen forgets the batches born before t.
func (p *pool) forgetSeen(t time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for id := range p.seen {
		if born, ok := batchBorn(id); !ok || born.Before(t) {
			delete(p.seen, id)
			delete(p.parties, id)
			if _, held := p.batches[id]; !held {
				delete(p.older, id)
			}
		}
	}
}

// isLeading reports whether this node started a batch that is still running.
func (p *pool) isLeading(id [16]byte) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	b := p.batches[id]
	return b != nil && b.state == batchLeading
}

// endLead records that a batch this node led has finished its protocol. One
// that stored nothing here ends; ended says so.
func (p *pool) endLead(id [16]byte) (ended bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	b := p.batches[id]
	if b == nil || b.state != batchLeading {
		return false
	}
	delete(p.batches, id)
	return true
}

// leadingCount is the number of batches this node leads right now.
func (p *pool) leadingCount() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, b := range p.batches {
		if b.state == batchLeading {
			n++
		}
	}
	return n
}

// Refilling implements signing.Pool.
func (p *pool) Refilling() bool { return p.leadingCount() > 0 }

// add indexes a batch's presignatures as stored now; own ones join the free
// list when free (a presignature restored bound is indexed, never taken).
func (p *pool) add(ps []*tecdsa.Presignature, free bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, pre := range ps {
		if _, dup := p.byID[pre.ID]; dup {
			continue
		}
		b := p.batches[pre.ID.Batch]
		if b == nil {
			b = &batch{id: pre.ID.Batch, owner: pre.Owner, state: batchStored}
			p.batches[b.id] = b
		}
		if b.state == batchLeading {
			b.state = batchStored
		}
		if b.stored.IsZero() {
			b.stored = time.Now()
			if b.owner == p.self {
				p.own = append(p.own, b.id)
			}
		}
		if o, ok := p.older[pre.ID.Batch]; ok && o.carried {
			// Stored after the switch tagged its batch of the previous
			// epoch (its epoch read before, finishPresign), without these
			// holders: it may hold a leaver, so it signs in the previous
			// epoch's machine only.
			o.carried = false
			p.older[pre.ID.Batch] = o
		}
		p.byID[pre.ID] = pre
		p.seen[pre.ID.Batch] = true
		p.heldBy[pre.Owner]++
		b.held++
		if free && b.owner == p.self && b.state == batchStored {
			b.free = append(b.free, pre.ID)
		}
	}
	p.notify()
}

// ack records that node stored one of this node's batches; it reports
// whether that is news. Acknowledgements of batches this node does not own
// here, or by a node outside a batch's parties, are ignored.
func (p *pool) ack(id [16]byte, node uint32) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	b := p.batches[id]
	if b == nil || b.owner != p.self || b.state == batchDraining {
		return false
	}
	if b.parties != nil && !slices.Contains(b.parties, node) {
		return false
	}
	if slices.Contains(b.acks, node) {
		return false
	}
	b.acks = append(b.acks, node)
	slices.Sort(b.acks)
	p.notify() // a batch may have become usable
	return true
}

// unack records that node no longer holds one of this node's batches (its
// store was restored from a backup).
func (p *pool) unack(id [16]byte, node uint32) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	b := p.batches[id]
	if b == nil || b.owner != p.self || !slices.Contains(b.acks, node) {
		return false
	}
	b.acks = slices.DeleteFunc(b.acks, func(x uint32) bool { return x == node })
	return true
}

// holders returns the nodes that acknowledged storing a batch.
func (p *pool) holders(id [16]byte) []uint32 {
	p.mu.Lock()
	defer p.mu.Unlock()
	if b := p.batches[id]; b != nil {
		return slices.Clone(b.acks)
	}
	return nil
}

// liveAcks returns the live nodes that acknowledged b; p.mu held.
func liveAcks(b *batch, live []uint32) []uint32 {
	var out []uint32
	for _, h := range b.acks {
		if slices.Contains(live, h) {
			out = append(out, h)
		}
	}
	return out
}

// Take implements signing.Pool: it removes this node's oldest free
// presignature from a batch that at least quorum live nodes acknowledged
// storing, and returns those live holders. A batch whose holders are partly
// down waits; younger batches serve meanwhile.
func (p *pool) Take(live []uint32, quorum int) (tecdsa.PresigID, []uint32, bool) {
	return p.takeIn(p.servingEpoch(), live, quorum)
}

// takeIn is Take for the signing machine of epoch.
// Batches carried over from the previous epoch come last: their
// bindings need the endorsements of the old committee's nodes (a joiner
// never saw them), so right after a switch, while some of those may not
// have switched yet, the batches the new committee made for this epoch
// bind without waiting for them.
func (p *pool) takeIn(epoch uint64, live []uint32, quorum int) (tecdsa.PresigID, []uint32, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, carried := range []bool{false, true} {
		for _, id := range p.own {
			b := p.batches[id]
			if _, older := p.older[id]; older != carried {
				continue
			}
			if b == nil || b.state != batchStored || len(b.free) == 0 || !p.usableIn(id, epoch) {
				continue
			}
			if h := liveAcks(b, live); len(h) >= quorum {
				pid := b.free[0]
				b.free = b.free[1:]
				return pid, h, true
			}
		}
	}
	return tecdsa.PresigID{}, nil, false
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
		b := p.batches[id]
		if b != nil && b.state == batchStored && p.usable(id) && (len(liveAcks(b, live)) >= quorum || now.Sub(b.stored) < ackGrace) {
			n += len(b.free)
		}
	}
	return n
}

// markBound records that a held presignature is bound here: its batch
// ending early does not erase it, its binding's request may still come.
func (p *pool) markBound(id tecdsa.PresigID) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, ok := p.byID[id]; ok {
		p.bound[id] = true
	}
}

// get returns a presignature by id (it stays indexed until done).
func (p *pool) get(id tecdsa.PresigID) (*tecdsa.Presignature, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	pre, ok := p.byID[id]
	return pre, ok
}

// done forgets presignatures that signed or were erased, and returns the
// batches that ended with them.
func (p *pool) done(ids ...tecdsa.PresigID) (ended []*batch) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, id := range ids {
		if _, ok := p.byID[id]; !ok {
			continue
		}
		owner := p.byID[id].Owner
		delete(p.byID, id)
		delete(p.bound, id)
		delete(p.signedIn, id)
		if p.heldBy[owner]--; p.heldBy[owner] <= 0 {
			delete(p.heldBy, owner)
		}
		b := p.batches[id.Batch]
		if b == nil {
			continue
		}
		b.free = slices.DeleteFunc(b.free, func(x tecdsa.PresigID) bool { return x == id })
		if b.held--; b.held > 0 {
			continue
		}
		delete(p.batches, b.id)
		if !p.seen[b.id] {
			delete(p.older, b.id)
		}
		p.own = slices.DeleteFunc(p.own, func(x [16]byte) bool { return x == b.id })
		ended = append(ended, b)
	}
	return ended
}

// drain stops handing out batches for which stop holds and returns their
// presignatures held here that are not bound, for the caller to erase (and
// then mark done). Checked and taken under one lock, so a late
// acknowledgement or a concurrent Take cannot race the drop.
func (p *pool) drain(stop func(*batch) bool) []tecdsa.PresigID {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []tecdsa.PresigID
	for _, b := range p.batches {
		if b.state != batchStored || !stop(b) {
			continue
		}
		b.state = batchDraining
		b.free = nil
	}
	for id := range p.byID {
		if b := p.batches[id.Batch]; b != nil && b.state == batchDraining && !p.bound[id] {
			out = append(out, id)
		}
	}
	return out
}

// unacknowledged drains own batches stored before t that fewer than quorum
// nodes acknowledged: Take never hands them out, so they are only dead
// weight.
func (p *pool) unacknowledged(quorum int, t time.Time) []tecdsa.PresigID {
	return p.drain(func(b *batch) bool {
		return b.owner == p.self && b.stored.Before(t) && len(b.acks) < quorum
	})
}

// dropped drains another owner's batch that its owner dropped.
func (p *pool) dropped(id [16]byte, owner uint32) []tecdsa.PresigID {
	if owner == p.self {
		return nil
	}
	return p.drain(func(b *batch) bool { return b.id == id && b.owner == owner })
}

// expired drains batches born (batchBorn) longer ago than ownAge, own ones,
// and than othersAge, others' copies.
func (p *pool) expired(now time.Time, ownAge, othersAge time.Duration) []tecdsa.PresigID {
	return p.drain(func(b *batch) bool {
		born, ok := batchBorn(b.id)
		age := othersAge
		if b.owner == p.self {
			age = ownAge
		}
		return ok && now.Sub(born) > age
	})
}

// ownFree is the number of free presignatures this node owns.
func (p *pool) ownFree() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for _, id := range p.own {
		if b := p.batches[id]; b != nil {
			n += len(b.free)
		}
	}
	return n
}

// size is the number of presignatures held, of every owner.
func (p *pool) size() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.byID)
}
