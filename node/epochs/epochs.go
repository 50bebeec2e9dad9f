// Package epochs is one node's coordination of an epoch change
// (docs/threshold-ecdsa.md §6, docs/epochs.md): a pure state machine whose
// inputs are the node's own reading of the chain, the outcomes of its
// resharing sessions and the time, and whose output (Step) says what the
// driver (node/reshare.go) does, in this order: persist nothing itself (the
// resharing parties persist their shares before they confirm), then start a
// session, signal readiness on chain, put keys in place, erase old shares.
//
// The life of an epoch change at one node:
//
//   - The owner locks the next set (State Locked). Every node of the old ∪
//     new committee takes part in one resharing (ECDSA root keys and BLS
//     key); the leader is the lowest index of the old committee that this
//     node sees live. A failed attempt is retried by the leader with a fresh
//     session after a back-off, as at genesis.
//   - A new node whose shares of the next epoch are stored (the resharing
//     persisted them before confirming) and whose public keys are unchanged
//     signals readiness on chain (once per epoch, again if the chain has not
//     recorded it after a while).
//   - Once the chain's epoch is the next one, a node of the new committee
//     puts its new shares in place (Switch). The previous epoch's shares
//     stay for Grace, so that requests naming the previous epoch (the Lit
//     SDK keeps epoch−1 for 45 s) are answered with the shares the other
//     nodes of that epoch still use; after Grace they are erased. A node that
//     left erases its shares the same way and holds nothing.
//   - A lock that is undone (State Active again with the same epoch) makes
//     a node erase the pending shares of the aborted next epoch.
//   - The periodic refresh: once the epoch's end time (Chain.RefreshDue)
//     has passed, the lowest live node of the current set sends
//     lockForRefresh, and once a refresh lock is ready (Chain.NextRefresh)
//     it sends advanceEpoch; the owner is not needed for either. Every other
//     node waits RefreshStagger per live node below it and then sends them
//     too, so that a node that is down or cannot transact does not stop the
//     refresh (a late duplicate is refused by the registry's state check).
//
// Old shares are erased only after the new epoch is on chain, which needs
// at least 3t'+1 new nodes to have signalled that they stored their shares
// (flaw 3 in the notes of docs/threshold-ecdsa.md: 2t'+1 honest holders
// must exist before old shares go).
package epochs

import (
	"fmt"
	"slices"
	"time"
)

// ChainState is the Staking contract's state as the coordinator needs it.
type ChainState uint8

const (
	Active ChainState = iota
	Locked            // NextValidatorSetLocked: resharing runs
	Ready             // ReadyForNextEpoch: enough new nodes signalled
	Other             // Unlocked, Paused, Restore: nothing starts
)

func (s ChainState) String() string {
	switch s {
	case Active:
		return "active"
	case Locked:
		return "locked"
	case Ready:
		return "ready"
	}
	return "other"
}

// Committee is one epoch's node set: stable indices, ascending. A next
// set also carries its lock's number: every lock, an undone one included,
// gets a new one, and shares made under one lock never count for another.
type Committee struct {
	Epoch uint64
	Lock  uint64 // next sets only
	T     int
	Nodes []uint32
}

// Has reports whether id is in the committee.
func (c *Committee) Has(id uint32) bool { return c != nil && slices.Contains(c.Nodes, id) }

// Chain is one reading of the registry, all at one block.
type Chain struct {
	State   ChainState
	Current Committee
	Next    *Committee // nil unless Locked or Ready
	// Signalled lists the next-set nodes whose readiness the chain holds.
	Signalled []uint32
	// Self is this node's stable index, 0 while it is in neither set.
	Self uint32
	// RefreshDue is the current epoch's end time, after which a refresh
	// may be locked; zero when the periodic refresh is off (epoch length 0).
	RefreshDue time.Time
	// NextRefresh says the locked next set is a refresh (the current set,
	// the same t): anyone may advance it.
	NextRefresh bool
}

// Phase names where this node is in an epoch change, for logs and status.
type Phase string

const (
	PhaseIdle    Phase = "idle"    // serving the current epoch, no change under way
	PhaseWaiting Phase = "waiting" // not in any set yet (a joiner before the lock)
	// PhaseWaitingToJoin: a node configured to join that is not registered
	// yet: it asked (requestToJoin) and waits for the owner to lock a next
	// set with it. Reported by the node before its coordinator runs.
	PhaseWaitingToJoin Phase = "waiting-to-join"
	PhaseResharing     Phase = "resharing" // a next set is locked; this node's new shares are not stored yet
	PhaseStored        Phase = "stored"    // new shares stored and checked; readiness being signalled
	PhaseSignalled     Phase = "signalled" // the chain holds this node's readiness; waiting for the advance
	PhaseOutgoing      Phase = "outgoing"  // an old node that is not in the next set: it deals, then waits
	PhaseGrace         Phase = "grace"     // the epoch advanced; the previous shares are kept for the grace period
	PhaseLeft          Phase = "left"      // this node is in no set and holds nothing
	PhaseNoShares      Phase = "no-shares" // in the current set without its shares (missed the change): cannot serve
)

// Config holds the coordinator's timings.
type Config struct {
	// Grace is how long the previous epoch's shares stay after the node has
	// seen the advance (the SDK uses epoch−1 for 45 s).
	Grace time.Duration
	// Backoff is the first wait before a failed attempt is retried; it
	// doubles up to MaxBackoff.
	Backoff, MaxBackoff time.Duration
	// Resignal is how long a sent readiness may stay unrecorded on chain
	// before it is sent again.
	Resignal time.Duration
	// LeadDelay is how long the leader waits after it first sees a lock
	// before it starts the resharing, so that every node has read the lock
	// by then (nodes read the registry every 2 s): the BLS resharing runs
	// on a schedule from each node's start, and a node that joins late
	// falls out of it. The node's config sets it (reshareLeadDelay).
	LeadDelay time.Duration
	// RefreshStagger is how long a node waits, per live node of the current
	// set with a lower index, after a refresh falls due (or a refresh lock
	// is seen ready) before it sends lockForRefresh (advanceEpoch) itself;
	// a sent one is sent again after Resignal if the chain did not move.
	RefreshStagger time.Duration
}

// DefaultConfig: 60 s of grace (the SDK's 45 s and a margin for the node's
// own reading of the chain), retries from 2 s to 30 s, a lead 5 s after the
// lock is seen.
func DefaultConfig() Config {
	return Config{Grace: 60 * time.Second, Backoff: 2 * time.Second, MaxBackoff: 30 * time.Second, Resignal: 20 * time.Second, LeadDelay: 5 * time.Second, RefreshStagger: 10 * time.Second}
}

// Reshare is a resharing the driver starts as its leader.
type Reshare struct {
	Old, New Committee
	Attempt  int
}

// Step is what the driver does after an input, in this order. Every field
// may be empty.
type Step struct {
	// Lead: start a resharing (both protocols) as its leader, with fresh
	// session ids.
	Lead *Reshare
	// Prepare: the shares of this epoch are stored; the node may build its
	// presignature pool for it before the switch.
	Prepare uint64
	// Signal: send signalReadyForNextEpoch(Signal, SignalLock).
	Signal     uint64
	SignalLock uint64
	// Switch: put the stored shares of this epoch in place; keep the
	// previous ones for the grace period.
	Switch uint64
	// Release: stop serving this (previous) epoch.
	Release uint64
	// Erase: delete the stored shares of these epochs.
	Erase []uint64
	// LockRefresh: send lockForRefresh (the periodic refresh is due).
	LockRefresh bool
	// AdvanceRefresh: send advanceEpoch for this next epoch, whose ready
	// lock is a refresh.
	AdvanceRefresh uint64
}

// Empty reports whether the step does nothing.
func (s Step) Empty() bool {
	return s.Lead == nil && s.Prepare == 0 && s.Signal == 0 && s.Switch == 0 && s.Release == 0 && len(s.Erase) == 0 &&
		!s.LockRefresh && s.AdvanceRefresh == 0
}

// Status is the coordinator's state for /status.
type Status struct {
	Epoch     uint64 `json:"epoch"`
	State     string `json:"state"`
	Phase     Phase  `json:"phase"`
	NextEpoch uint64 `json:"nextEpoch,omitempty"`
	Attempts  int    `json:"reshareAttempts,omitempty"`
	LastError string `json:"lastError,omitempty"`
	Active    uint64 `json:"activeEpoch"`             // the epoch whose shares serve requests
	Previous  uint64 `json:"previousEpoch,omitempty"` // still served during the grace period
}

// Coordinator is one node's epoch-change state. Not safe for concurrent use:
// the driver serialises its inputs.
type Coordinator struct {
	cfg    Config
	chain  Chain
	seen   bool
	stored map[uint64]bool // epochs whose shares (both) are in the store and checked
	active uint64          // epoch of the shares in place, 0 none

	previous   uint64    // epoch kept for the grace period after a switch
	graceUntil time.Time // previous released and erased after this

	running   bool // a session this node leads is running
	attempts  int
	retryAt   time.Time
	backoff   time.Duration
	lastErr   string
	signalled uint64 // epoch whose readiness was sent
	signalAt  time.Time
	prepared  uint64
	aborted   map[uint64]bool // next epochs whose lock was undone: never switched to
	erased    map[uint64]bool
	released  map[uint64]bool
	ledOK     map[uint64]bool      // epochs whose resharing this node led to its end
	lockSeen  map[uint64]time.Time // when this node first saw each next epoch locked
	lockOf    map[uint64]uint64    // the lock of each next epoch this node works under

	// The periodic refresh: what this node last sent (lockForRefresh in
	// epoch refreshSent, advanceEpoch of lock advanceSent) and when, and
	// when it first saw the current refresh lock ready.
	refreshSent, advanceSent     uint64
	refreshSentAt, advanceSentAt time.Time
	readyLock                    uint64
	readySeen                    time.Time
}

// New returns a coordinator for a node whose store holds the shares of the
// epochs in stored (checked against the public keys by the driver).
func New(cfg Config, stored []uint64) *Coordinator {
	c := &Coordinator{cfg: cfg, stored: map[uint64]bool{}, aborted: map[uint64]bool{}, erased: map[uint64]bool{}, released: map[uint64]bool{}, ledOK: map[uint64]bool{}, lockSeen: map[uint64]time.Time{}, lockOf: map[uint64]uint64{}, backoff: cfg.Backoff}
	for _, e := range stored {
		c.stored[e] = true
	}
	return c
}

// StoredUnder records that the stored shares of a next epoch were made
// under lock (read back from the store at a start): under another lock they
// are erased.
func (c *Coordinator) StoredUnder(epoch, lock uint64) { c.lockOf[epoch] = lock }

// InPlace tells the coordinator that the node put shares of epoch in place
// by itself (the genesis DKG): they count as stored and active, with no
// Switch step.
func (c *Coordinator) InPlace(epoch uint64) {
	c.stored[epoch] = true
	delete(c.erased, epoch)
	if c.active < epoch {
		c.active = epoch
	}
}

// Stored reports whether the shares of epoch are stored here.
func (c *Coordinator) Stored(epoch uint64) bool { return c.stored[epoch] }

// Active is the epoch whose shares are in place (0: none).
func (c *Coordinator) Active() uint64 { return c.active }

// Observe takes a reading of the chain. live lists the nodes this node can
// reach (itself included); only the leader's choice depends on it.
func (c *Coordinator) Observe(ch Chain, live []uint32, now time.Time) Step {
	c.chain = ch
	c.seen = true
	var st Step
	cur := ch.Current.Epoch

	// Switch to the current epoch's shares when this node holds them.
	if ch.Current.Has(ch.Self) && c.stored[cur] && c.active != cur {
		c.keepPrevious(cur, now)
		c.active = cur
		st.Switch = cur
		c.resetAttempts()
	}
	// A node outside the current set serves nothing of it; what it held of
	// an earlier epoch ends with the grace period.
	if !ch.Current.Has(ch.Self) && c.active < cur {
		c.keepPrevious(cur, now)
		c.active = 0
	}

	// The grace period's end: stop serving and erase everything older than
	// the current epoch (and, for a node that left, everything).
	if c.previous != 0 && !now.Before(c.graceUntil) {
		st.Release = c.previous
		c.released[c.previous] = true
		c.previous = 0
	}
	if c.previous == 0 {
		for e := range c.stored {
			if e < cur && !c.erased[e] {
				st.Erase = append(st.Erase, e)
			}
		}
	}

	// An undone lock: the pending next epoch's shares go.
	if ch.State == Active {
		for e := range c.stored {
			if e > cur && !c.erased[e] {
				c.aborted[e] = true
				st.Erase = append(st.Erase, e)
			}
		}
		for e := range c.ledOK {
			if e > cur {
				delete(c.ledOK, e) // an undone lock: a relock is led afresh
			}
		}
		for e := range c.lockSeen {
			if e > cur {
				delete(c.lockSeen, e)
			}
		}
		c.running = false
	}
	for _, e := range st.Erase {
		c.erased[e] = true
		delete(c.stored, e)
	}
	slices.Sort(st.Erase)

	next := ch.Next
	if (ch.State == Locked || ch.State == Ready) && next != nil && next.Epoch == cur+1 {
		if l, ok := c.lockOf[next.Epoch]; ok && l != next.Lock {
			// Another lock of the same epoch (the first was undone before
			// this node saw it): what was made under the old one counts
			// for nothing now.
			if c.stored[next.Epoch] {
				delete(c.stored, next.Epoch)
				c.erased[next.Epoch] = true
				st.Erase = append(st.Erase, next.Epoch)
			}
			delete(c.ledOK, next.Epoch)
			delete(c.lockSeen, next.Epoch)
			c.resetAttempts()
			c.signalled, c.prepared = 0, 0
		}
		c.lockOf[next.Epoch] = next.Lock
		if _, ok := c.lockSeen[next.Epoch]; !ok {
			c.lockSeen[next.Epoch] = now
		}
		if c.aborted[next.Epoch] {
			// Locked again after an undone lock: a fresh start.
			delete(c.aborted, next.Epoch)
			delete(c.ledOK, next.Epoch)
			delete(c.erased, next.Epoch)
			c.resetAttempts()
			c.signalled, c.prepared = 0, 0
			c.lockSeen[next.Epoch] = now
		}
		inOld, inNew := ch.Current.Has(ch.Self), next.Has(ch.Self)
		// Lead: the lowest live old node that holds its shares.
		if inOld && c.active == cur && ch.State == Locked && !c.running && !now.Before(c.retryAt) && !c.stored[next.Epoch] && !c.ledOK[next.Epoch] &&
			now.Sub(c.lockSeen[next.Epoch]) >= c.cfg.LeadDelay &&
			leader(ch.Current.Nodes, live) == ch.Self {
			c.running = true
			c.attempts++
			st.Lead = &Reshare{Old: cloneCommittee(ch.Current), New: cloneCommittee(*next), Attempt: c.attempts}
		}
		if inNew && c.stored[next.Epoch] {
			if c.prepared != next.Epoch {
				c.prepared = next.Epoch
				st.Prepare = next.Epoch
			}
			recorded := slices.Contains(ch.Signalled, ch.Self)
			if !recorded && (c.signalled != next.Epoch || now.Sub(c.signalAt) >= c.cfg.Resignal) {
				c.signalled, c.signalAt = next.Epoch, now
				st.Signal, st.SignalLock = next.Epoch, next.Lock
			}
		}
	}
	c.refresh(ch, live, now, &st)
	return st
}

// refresh adds the periodic refresh's transactions to st: lockForRefresh
// once the epoch is over, advanceEpoch once a refresh lock is ready. Only a
// current node with its shares in place sends them, the lowest live one
// first and the others RefreshStagger apart; without a reading of who is
// live (an outcome, not a reading) nothing is sent.
func (c *Coordinator) refresh(ch Chain, live []uint32, now time.Time, st *Step) {
	cur := ch.Current.Epoch
	if live == nil || !ch.Current.Has(ch.Self) || c.active != cur {
		return
	}
	wait := time.Duration(rank(ch.Current.Nodes, live, ch.Self)) * c.cfg.RefreshStagger
	switch {
	case ch.State == Active && !ch.RefreshDue.IsZero():
		if now.Before(ch.RefreshDue.Add(wait)) {
			return
		}
		if c.refreshSent == cur && now.Sub(c.refreshSentAt) < c.cfg.Resignal {
			return
		}
		c.refreshSent, c.refreshSentAt = cur, now
		st.LockRefresh = true
	// Only a refresh that fell due: an owner's refresh lock made before the
	// epoch's end is the owner's to advance (`flint network advance-epoch`,
	// `flint devnet refresh` wait for readiness and advance themselves).
	case ch.State == Ready && ch.NextRefresh && ch.Next != nil && ch.Next.Epoch == cur+1 &&
		!ch.RefreshDue.IsZero() && !now.Before(ch.RefreshDue):
		if c.readyLock != ch.Next.Lock {
			c.readyLock, c.readySeen = ch.Next.Lock, now
		}
		if now.Before(c.readySeen.Add(wait)) {
			return
		}
		if c.advanceSent == ch.Next.Lock && now.Sub(c.advanceSentAt) < c.cfg.Resignal {
			return
		}
		c.advanceSent, c.advanceSentAt = ch.Next.Lock, now
		st.AdvanceRefresh = ch.Next.Epoch
	}
}

// rank is how many nodes of set below self this node sees live.
func rank(set, live []uint32, self uint32) int {
	r := 0
	for _, id := range set {
		if id == self {
			break
		}
		if slices.Contains(live, id) {
			r++
		}
	}
	return r
}

// keepPrevious starts the grace period of the epoch before cur: the one in
// place, or, at a start after the advance, the latest older one stored
// (the grace period starts again then: the node cannot know how much of it
// passed while it was down).
func (c *Coordinator) keepPrevious(cur uint64, now time.Time) {
	if c.previous != 0 {
		return
	}
	prev := c.active
	if prev == 0 {
		for e := range c.stored {
			if e < cur && !c.erased[e] {
				prev = max(prev, e)
			}
		}
	}
	if prev != 0 && prev < cur && !c.released[prev] {
		c.previous, c.graceUntil = prev, now.Add(c.cfg.Grace)
	}
}

// SignalFailed says the readiness signal for epoch did not reach the chain:
// it is sent again after Backoff rather than Resignal.
func (c *Coordinator) SignalFailed(epoch uint64, now time.Time) {
	if c.signalled == epoch {
		c.signalAt = now.Add(c.cfg.Backoff - c.cfg.Resignal)
	}
}

// leader is the lowest node of old that this node sees live.
func leader(old, live []uint32) uint32 {
	for _, id := range old {
		if slices.Contains(live, id) {
			return id
		}
	}
	return 0
}

func cloneCommittee(c Committee) Committee {
	c.Nodes = slices.Clone(c.Nodes)
	return c
}

// Reshared takes the outcome of a resharing for epoch under lock at this
// node: err nil means both protocols finished, the new shares are stored
// and their public keys are the old ones. led says whether this node led
// the attempt.
func (c *Coordinator) Reshared(epoch, lock uint64, led bool, err error, now time.Time) Step {
	if l, ok := c.lockOf[epoch]; ok && l != lock {
		if led {
			c.running = false
		}
		return Step{} // a run under an older lock of this epoch
	}
	if led {
		c.running = false
		if err == nil {
			c.ledOK[epoch] = true // a finished run is never run again
		}
	}
	if err != nil {
		c.lastErr = err.Error()
		if led {
			c.retryAt = now.Add(c.backoff)
			c.backoff = min(2*c.backoff, c.cfg.MaxBackoff)
		}
		return Step{}
	}
	if c.aborted[epoch] || c.seen && epoch < c.chain.Current.Epoch {
		return Step{} // the lock was undone, or the epoch is past
	}
	if c.seen && (c.chain.Next == nil || c.chain.Next.Epoch != epoch || !c.chain.Next.Has(c.chain.Self)) && c.chain.Current.Epoch != epoch {
		// An old node that leaves dealt and holds nothing new.
		c.lastErr = ""
		return Step{}
	}
	c.stored[epoch] = true
	delete(c.erased, epoch)
	c.lastErr = ""
	if !c.seen {
		return Step{}
	}
	return c.Observe(c.chain, nil, now)
}

func (c *Coordinator) resetAttempts() {
	c.attempts, c.running, c.lastErr, c.backoff, c.retryAt = 0, false, "", c.cfg.Backoff, time.Time{}
}

// Status reports where this node is.
func (c *Coordinator) Status() Status {
	ch := c.chain
	s := Status{Epoch: ch.Current.Epoch, State: ch.State.String(), Attempts: c.attempts, LastError: c.lastErr, Active: c.active, Previous: c.previous}
	if ch.Next != nil {
		s.NextEpoch = ch.Next.Epoch
	}
	s.Phase = c.phase()
	return s
}

func (c *Coordinator) phase() Phase {
	ch := c.chain
	inCur := ch.Current.Has(ch.Self)
	next := ch.Next
	changing := (ch.State == Locked || ch.State == Ready) && next != nil
	switch {
	case changing && next.Has(ch.Self) && c.stored[next.Epoch] && slices.Contains(ch.Signalled, ch.Self):
		return PhaseSignalled
	case changing && next.Has(ch.Self) && c.stored[next.Epoch]:
		return PhaseStored
	case changing && next.Has(ch.Self):
		return PhaseResharing
	case changing && inCur:
		return PhaseOutgoing
	case c.previous != 0:
		return PhaseGrace
	case inCur && c.active != ch.Current.Epoch:
		return PhaseNoShares
	case inCur:
		return PhaseIdle
	case ch.Self != 0 || len(c.stored) > 0:
		return PhaseLeft
	}
	return PhaseWaiting
}

// String is a one-line summary for logs.
func (s Status) String() string {
	return fmt.Sprintf("epoch %d (%s), phase %s, next %d, attempts %d", s.Epoch, s.State, s.Phase, s.NextEpoch, s.Attempts)
}
