package node

import (
	"bytes"
	"cmp"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/bls/dkg"
	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/crypto/vss"
	"github.com/flint-network/flint/node/epochs"
	"github.com/flint-network/flint/node/session"
	"github.com/flint-network/flint/node/signing"
	"github.com/flint-network/flint/node/store"
)

// Epoch changes at this node: runEpochs is the one driver of the
// coordinator (node/epochs), which decides; this file does the I/O. When the
// registry shows a locked next set, every node of the old ∪ new committee
// takes part in one resharing of the ECDSA root keys (tecdsa.Reshare) and of
// the BLS key (crypto/bls/dkg with OldNodes), led by the lowest live old
// node. Every list and key comes from this node's own reading of the
// registry: the header names the session and its leader, and a header whose
// parties are not exactly old ∪ new is refused. A new node stores its new
// shares under the next epoch's names (the ECDSA share before its
// confirmation leaves), checks that the public keys are the old ones, and
// signals readiness on chain; at the advance it puts them in place, keeps
// the previous epoch's for the grace period, then erases them.

// epochState is the driver's side of the coordinator.
type epochState struct {
	mu     sync.Mutex
	c      *epochs.Coordinator
	status epochs.Status
	// outcomes of resharing sessions at this node, per next epoch: the
	// protocols that finished with a stored, checked share.
	done    map[uint64]map[uint8]bool
	results chan reshareOutcome
	// viewed wakes the driver when a registry reading shows the state or
	// the lock moved, so that it observes it at once.
	viewed  chan struct{}
	prev    *keyState // the previous epoch's shares, served during the grace period
	grace   time.Duration
	pending *pendingKeys // the next epoch's ECDSA share once stored, for batches before the switch
	// graceUntil ends the grace period of the last switch: until then a
	// request naming an older epoch is not answered with the new shares.
	graceUntil time.Time
	lockOf     map[string]uint64    // session id → the lock of the view its party was made under
	oldKeys    map[uint64]*oldKeys  // a joiner's copy of the old committee's commitments, per next epoch
	fetching   map[uint64]time.Time // when a fetch of old commitments last started
	// storeMu makes "no share of this epoch stored yet, store it" one step
	// (putNewShare): two runs' parties persist concurrently.
	storeMu sync.Mutex
	// sets and seen are each epoch's node set and when this node first read
	// it, and lockSeen when it first read the lock it last read (leadSet).
	sets     map[uint64][]uint32
	seen     map[uint64]time.Time
	graceEnd map[uint64]time.Time // each epoch's grace end, for its joiners
	lockSeen struct {
		lock uint64
		at   time.Time
	}
}

// leadSet is who leads and signs requests now (signing.Leaders, by
// leaders): it records each epoch's node set and when this node first read
// it and the lock under way, and applies the rule.
func (n *Node) leadSet(v *view) signing.Leaders {
	if n.epoch == nil || v == nil {
		return signing.Leaders{}
	}
	n.epoch.mu.Lock()
	defer n.epoch.mu.Unlock()
	if n.epoch.sets == nil {
		n.epoch.sets, n.epoch.seen, n.epoch.graceEnd = map[uint64][]uint32{}, map[uint64]time.Time{}, map[uint64]time.Time{}
	}
	// The set is read again each time: the owner may add or remove a node
	// within an epoch.
	if !slices.Equal(n.epoch.sets[v.epoch], v.indices) {
		n.epoch.sets[v.epoch] = slices.Clone(v.indices)
	}
	if _, ok := n.epoch.seen[v.epoch]; !ok {
		n.epoch.seen[v.epoch] = time.Now()
		for e := range n.epoch.sets {
			if e+3 < v.epoch {
				delete(n.epoch.sets, e)
				delete(n.epoch.seen, e)
				delete(n.epoch.graceEnd, e)
			}
		}
	}
	// The grace period ends at one moment for every node: the epoch's start
	// on chain plus the grace period (a node's own first reading differs
	// from the others' by up to a registry poll).
	from := n.epoch.seen[v.epoch]
	if !v.start.IsZero() {
		from = v.start
	}
	n.epoch.graceEnd[v.epoch] = from.Add(n.epoch.grace)
	var lockSeen time.Time
	if nx := v.next; nx != nil && nx.epoch == v.epoch+1 && (v.state == epochs.Locked || v.state == epochs.Ready) {
		if ls := &n.epoch.lockSeen; ls.lock != nx.lock || ls.at.IsZero() {
			ls.lock, ls.at = nx.lock, time.Now()
		}
		lockSeen = n.epoch.lockSeen.at
	}
	return leaders(v, n.epoch.sets, n.epoch.graceEnd, lockSeen, time.Now())
}

// lockLeadersAfter is how long after its first reading of a lock that
// removes nodes a node names the nodes that stay as the leaders
// (Leaders.At): nodes read a lock up to a registry poll apart, and the
// machines take either rule's leader within signing.LeaderChangeSlack of
// the change.
const lockLeadersAfter = time.Second

// leaders is the rule of who leads and signs requests at now, from the
// node sets of the epochs this node read (sets), their grace periods' ends
// (graceEnd) and its first reading of the lock under way (lockSeen, zero
// if none):
//
//   - A node that joined in epoch e leads from e's grace end on (announced
//     ahead: Leaders.At). Clients that still name the previous epoch — the
//     Lit SDK for 45 s after an advance, a Go client connected before it —
//     talk to the previous set only, and a request a joiner leads, or whose
//     signers include one, fails at such a client (the SDK does not
//     retry). A node of the oldest set known here counts as joined long
//     ago.
//   - A node that left leads nowhere, not even in the retired machine,
//     which follows nodes that have not switched yet.
//   - Under a lock that removes nodes, those that stay are the only leaders
//     from lockSeen + lockLeadersAfter on (announced too): the rule is then
//     the same just before and just after the advance, which nodes read a
//     poll apart, so no request gets one binding from a leaver in the old
//     machine and another in the new one.
//
// Every node must reach the same rule for leaders to agree; the announced
// moments absorb the nodes' different reading times.
func leaders(v *view, sets map[uint64][]uint32, graceEnd map[uint64]time.Time, lockSeen, now time.Time) signing.Leaders {
	g := graceLeaders(v.epoch, v.indices, v.quorum, sets, graceEnd, now)
	nx := v.next
	if lockSeen.IsZero() || nx == nil {
		return g
	}
	staying := func(ids []uint32) []uint32 {
		var out []uint32
		for _, id := range ids {
			if slices.Contains(nx.indices, id) {
				out = append(out, id)
			}
		}
		return out
	}
	lead := g.Nodes
	if lead == nil {
		lead = v.indices
	}
	stay := staying(lead)
	removes := len(stay) < len(lead) || len(staying(g.Then)) < len(g.Then)
	if !removes || len(stay) < v.quorum {
		return g
	}
	at := lockSeen.Add(lockLeadersAfter)
	switch {
	case now.Sub(at) <= signing.LeaderChangeSlack:
		return signing.Leaders{Nodes: lead, Then: stay, At: at}
	case g.At.IsZero():
		return signing.Leaders{Nodes: stay}
	}
	return signing.Leaders{Nodes: stay, Then: staying(g.Then), At: g.At}
}

// graceLeaders is the joins-and-leaves part of leaders for the set indices
// of epoch. Leaders sign too, so there are never fewer than quorum of them:
// joiners are let in before their grace end where the others are too few
// (earliest grace end first) — a client of the previous epoch cannot
// combine a quorum from the nodes it knows then anyway.
func graceLeaders(epoch uint64, indices []uint32, quorum int, sets map[uint64][]uint32, graceEnd map[uint64]time.Time, now time.Time) signing.Leaders {
	type joiner struct {
		id  uint32
		end time.Time
	}
	var settled []uint32
	var pending []joiner // by grace end, then index
	for _, id := range indices {
		e := epoch // the first epoch of id's current run of memberships known here
		for e > 0 && slices.Contains(sets[e-1], id) {
			e--
		}
		_, known := sets[e-1]
		end := graceEnd[e]
		if e == 0 || !known || end.IsZero() || now.Sub(end) > signing.LeaderChangeSlack {
			settled = append(settled, id)
		} else {
			pending = append(pending, joiner{id, end})
		}
	}
	slices.SortFunc(pending, func(a, b joiner) int {
		if c := a.end.Compare(b.end); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	for len(settled) < quorum && len(pending) > 0 {
		settled, pending = append(settled, pending[0].id), pending[1:]
	}
	slices.Sort(settled)
	left := false
	for _, id := range sets[epoch-1] {
		left = left || !slices.Contains(indices, id)
	}
	switch {
	case len(pending) == 0 && left:
		return signing.Leaders{Nodes: settled}
	case len(pending) == 0 || len(settled) == 0:
		return signing.Leaders{}
	}
	at := pending[0].end
	then := slices.Clone(settled)
	for _, j := range pending {
		if j.end.Equal(at) {
			then = append(then, j.id)
		}
	}
	slices.Sort(then)
	return signing.Leaders{Nodes: settled, Then: then, At: at}
}

type reshareOutcome struct {
	epoch uint64
	lock  uint64 // the lock of the view the run started under
	led   bool
	err   error
}

// pendingKeys is a new node's share of the next epoch before the switch.
type pendingKeys struct {
	epoch uint64
	ecdsa *tecdsa.KeyShare
}

// pendingFor is the pending share for a batch of epoch, if any.
func (n *Node) pendingFor(epoch uint64) *tecdsa.KeyShare {
	if n.epoch == nil {
		return nil
	}
	n.epoch.mu.Lock()
	defer n.epoch.mu.Unlock()
	if p := n.epoch.pending; p != nil && p.epoch == epoch {
		return p.ecdsa
	}
	return nil
}

// runNextPool leads batches for the next epoch among the live nodes of the
// next set while this node holds its pending share, up to pool.low (the
// current epoch's runPool then tops up after the switch).
func (n *Node) runNextPool(ctx context.Context) {
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		v := n.view()
		nx := v.next
		if nx == nil || n.pool.leadingCount() > 0 {
			continue
		}
		ks := n.pendingFor(nx.epoch)
		if ks == nil {
			continue
		}
		q := 2*nx.t + 1
		if n.pool.ownFutureFree(nx.epoch, q, time.Now()) >= n.cfg.Pool.Low {
			continue
		}
		health := n.peers.Health()
		var parties []uint32
		for _, id := range nx.indices {
			if id == v.self || (health[id].Up && !n.suspects.excluded(id, time.Now())) {
				parties = append(parties, id)
			}
		}
		if len(parties) < q {
			continue
		}
		var random [5]byte
		if _, err := rand.Read(random[:]); err != nil {
			continue
		}
		id := signing.NewBatchID(time.Now(), v.self, random[:])
		h := &session.Header{Protocol: session.ProtocolPresign, ID: id[:], Epoch: nx.epoch, Leader: v.self, Parties: parties, Count: uint16(min(n.cfg.Pool.Batch, n.cfg.Pool.Low))}
		n.pool.lead(id, parties)
		n.pool.markFuture(id, nx.epoch, nx.t)
		p, err := n.makeParty(h)
		if err == nil {
			err = n.engine.Start(h, p)
		}
		if err != nil {
			n.pool.endLead(id)
			n.log.Warn("presignature batch for the next epoch", "err", err)
		}
	}
}

// oldKeys are the public commitments of the old committee, as a node that
// holds no old share takes them from the old nodes.
type oldKeys struct {
	ecdsa []vss.Commitment
	bls   *bls.PublicPoly
}

// epochStatus is the coordinator's state for /status.
func (n *Node) epochStatus() epochs.Status {
	n.epoch.mu.Lock()
	defer n.epoch.mu.Unlock()
	return n.epoch.status
}

// storedEpochs lists the epochs around the current one whose two shares are
// in the store.
func (n *Node) storedEpochs(cur uint64) []uint64 {
	var out []uint64
	for e := max(cur, 2) - 1; e <= cur+1; e++ {
		_, errE := n.store.Secret(ecdsaShareName(e))
		_, errB := n.store.Secret(blsShareName(e))
		if errE == nil && errB == nil {
			out = append(out, e)
		}
	}
	return out
}

// chainInput is the coordinator's view of a registry reading.
func chainInput(v *view) epochs.Chain {
	ch := epochs.Chain{State: v.state, Current: epochs.Committee{Epoch: v.epoch, T: v.t, Nodes: v.indices}, Self: v.self, RefreshDue: v.refreshDue}
	if nx := v.next; nx != nil {
		ch.Next = &epochs.Committee{Epoch: nx.epoch, Lock: nx.lock, T: nx.t, Nodes: nx.indices}
		ch.NextRefresh = nx.refresh
		for _, a := range nx.ready {
			for _, nd := range nx.nodes {
				if nd.Address == a {
					ch.Signalled = append(ch.Signalled, uint32(nd.Index))
				}
			}
		}
	}
	return ch
}

// runEpochs drives the coordinator: a reading of the view every second, at
// once after a reading that moved, and every resharing outcome go in, one at
// a time, and each step is carried
// out here before the next input.
func (n *Node) runEpochs(ctx context.Context) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		var out *reshareOutcome
		select {
		case <-ctx.Done():
			return
		case r := <-n.epoch.results:
			out = &r
		case <-n.epoch.viewed:
		case <-t.C:
		}
		v := n.view()
		n.epoch.mu.Lock()
		if st := n.state.Load(); st != nil && n.epoch.c.Active() < st.epoch {
			n.epoch.c.InPlace(st.epoch) // the genesis DKG's
		}
		var step epochs.Step
		if out != nil {
			step = n.epoch.c.Reshared(out.epoch, out.lock, out.led, out.err, time.Now())
		} else {
			step = n.epoch.c.Observe(chainInput(v), n.live(v), time.Now())
		}
		before := n.epoch.status
		n.epoch.status = n.epoch.c.Status()
		after := n.epoch.status
		n.epoch.mu.Unlock()
		switch {
		case out != nil && out.err != nil:
			n.log.Warn("resharing failed", "epoch", out.epoch, "led", out.led, "err", out.err)
		case out != nil:
			n.log.Info("resharing done here", "epoch", out.epoch, "led", out.led)
		}
		if before.Phase != after.Phase || before.State != after.State || before.Epoch != after.Epoch {
			n.log.Info("epoch change", "epoch", after.Epoch, "state", after.State, "phase", after.Phase, "next", after.NextEpoch, "active", after.Active)
		}
		n.carryOut(ctx, v, step)
		n.maybeFetchOldKeys(ctx, v)
	}
}

// wakeEpochs has the epoch driver observe the registry now (a reading
// showed a lock, an unlock or an advance).
func (n *Node) wakeEpochs() {
	if n.epoch == nil {
		return
	}
	select {
	case n.epoch.viewed <- struct{}{}:
	default: // a wake is pending already
	}
}

// carryOut does what a step says, in its order.
func (n *Node) carryOut(ctx context.Context, v *view, st epochs.Step) {
	if l := st.Lead; l != nil {
		n.log.Info("leading the resharing", "epoch", l.New.Epoch, "old", l.Old.Nodes, "new", l.New.Nodes, "attempt", l.Attempt)
		go func() {
			err := n.leadReshare(ctx, l)
			n.epoch.results <- reshareOutcome{epoch: l.New.Epoch, lock: l.New.Lock, led: true, err: err}
		}()
	}
	if st.Prepare != 0 {
		// The new committee fills its pool for the new epoch before the
		// switch (runNextPool), so that signing does not wait for batches
		// after it.
		ks, _, err := n.loadShares(st.Prepare)
		if err != nil {
			n.log.Error("loading the new shares to prepare presignatures", "epoch", st.Prepare, "err", err)
		} else {
			n.epoch.mu.Lock()
			n.epoch.pending = &pendingKeys{epoch: st.Prepare, ecdsa: ks}
			n.epoch.mu.Unlock()
			n.log.Info("new shares ready before the switch: filling the pool for the new epoch", "epoch", st.Prepare)
		}
	}
	if st.Signal != 0 {
		if err := n.signalReady(ctx, st.Signal, st.SignalLock); err != nil {
			n.log.Warn("signalling readiness for the next epoch", "epoch", st.Signal, "err", err)
			n.epoch.mu.Lock()
			n.epoch.c.SignalFailed(st.Signal, time.Now())
			n.epoch.mu.Unlock()
		} else {
			n.log.Info("signalled readiness for the next epoch", "epoch", st.Signal)
		}
	}
	if st.Switch != 0 {
		if a := n.adversary(); a != nil && a.SwitchLate > 0 {
			time.Sleep(a.SwitchLate)
		}
		if err := n.switchKeys(ctx, v, st.Switch); err != nil {
			n.log.Error("putting the new epoch's shares in place", "epoch", st.Switch, "err", err)
		}
	}
	if st.Release != 0 {
		// The previous epoch's machine goes first: nothing signs with the
		// shares released below after it, and its batches that the new
		// committee cannot use are erased.
		n.signer.dropMachine(st.Release)
		n.erase(n.pool.endOverlap(st.Release))
		n.epoch.mu.Lock()
		n.epoch.prev = nil
		n.epoch.mu.Unlock()
		if cur := n.state.Load(); cur != nil && cur.epoch == st.Release {
			n.state.Store(nil) // a node that left serves nothing more
		}
		n.log.Info("grace period over: the previous epoch is no longer served", "epoch", st.Release)
	}
	for _, e := range st.Erase {
		n.epoch.mu.Lock()
		delete(n.epoch.done, e) // an undone lock: a relock runs afresh
		if p := n.epoch.pending; p != nil && p.epoch == e {
			// The aborted lock's share leaves memory with its copy on
			// disk: no batch of a relock is made with it.
			n.epoch.pending = nil
		}
		n.epoch.mu.Unlock()
		errE := n.store.DeleteSecret(ecdsaShareName(e))
		errB := n.store.DeleteSecret(blsShareName(e))
		if err := errors.Join(errE, errB); err != nil {
			n.log.Error("erasing old key shares", "epoch", e, "err", err)
			continue
		}
		n.log.Info("old key shares erased", "epoch", e)
	}
	n.carryOutRefresh(ctx, v, st)
}

// switchKeys puts the stored shares of epoch in place and keeps the ones it
// replaces for the grace period.
func (n *Node) switchKeys(ctx context.Context, v *view, epoch uint64) error {
	ks, bs, err := n.loadShares(epoch)
	if err != nil {
		return err
	}
	old := n.state.Load()
	if old != nil && old.epoch != epoch {
		if err := sameKeys(old, ks, bs); err != nil {
			return err
		}
		n.epoch.mu.Lock()
		n.epoch.prev = old
		n.epoch.mu.Unlock()
	}
	if old != nil && old.epoch == epoch {
		return nil // put in place at the start (loadKeys)
	}
	n.setKeys(epoch, ks, bs)
	n.epoch.mu.Lock()
	n.epoch.graceUntil = time.Now().Add(n.epoch.grace)
	n.epoch.mu.Unlock()
	// Batches running across the switch fail (their parties moved to
	// another epoch at different moments): that is the change's doing, not
	// their leaders', so nobody keeps a strike from before it.
	n.suspects.clearAll()
	if epoch >= 2 {
		n.erase(n.pool.endOverlap(epoch - 2)) // a change before the last one's grace ended
	}
	n.pool.setServing(epoch, func(b *batch, holders []uint32) bool { return carried(b, holders, old, ks, v.self) })
	n.epoch.mu.Lock()
	n.epoch.pending = nil
	n.epoch.mu.Unlock()
	if err := n.signer.addMachine(epoch, ks.Parties, ks.T); err != nil {
		return err
	}
	n.checkPublished(ctx)
	return nil
}

// loadShares reads the stored shares of an epoch.
func (n *Node) loadShares(epoch uint64) (*tecdsa.KeyShare, *bls.KeyShare, error) {
	rawE, err := n.store.Secret(ecdsaShareName(epoch))
	if err != nil {
		return nil, nil, err
	}
	rawB, err := n.store.Secret(blsShareName(epoch))
	if err != nil {
		return nil, nil, err
	}
	ks, err := tecdsa.UnmarshalKeyShare(rawE)
	if err != nil {
		return nil, nil, fmt.Errorf("node: stored ECDSA share of epoch %d: %w", epoch, err)
	}
	bs, err := bls.UnmarshalKeyShare(rawB)
	if err != nil {
		return nil, nil, fmt.Errorf("node: stored BLS share of epoch %d: %w", epoch, err)
	}
	return ks, bs, nil
}

// sameKeys checks that new shares are of the old public keys.
func sameKeys(old *keyState, ks *tecdsa.KeyShare, bs *bls.KeyShare) error {
	pk := ks.PublicKeys()
	for j := range old.roots {
		if !secp.Equal(&pk[j], &old.roots[j]) {
			return fmt.Errorf("node: the new ECDSA share is of another root key %d", j)
		}
	}
	if !bs.PublicKey().Equal(old.blsPub) {
		return errors.New("node: the new BLS share is of another key")
	}
	return nil
}

// carried reports whether a batch of the epoch before the switch, held by
// holders as far as this node knows, also signs under the new shares ks: the
// others end with it (pool.endOverlap). A presignature's a and z^b are
// shared with its batch's t among its holders; with new key shares x' it
// signs only if every holder holds one and a·x' + z^b keeps degree 2t (t
// unchanged). A holder outside the new committee must never see one used
// with them: its a_i and z^b_i with the public shares of a signature give it
// x'(i), a point of the new polynomial, and with t' corrupt new nodes the
// key. Until the grace period ends, a batch that is not carried still signs
// in the previous epoch's machine, under the previous shares its holders hold.
func carried(b *batch, holders []uint32, old *keyState, ks *tecdsa.KeyShare, self uint32) bool {
	if old == nil || old.ecdsa.T != ks.T || !slices.Contains(ks.Parties, b.owner) {
		return false
	}
	for _, h := range holders {
		if !slices.Contains(ks.Parties, h) {
			return false
		}
	}
	return b.parties != nil || b.owner != self // holders unknown after a restart
}

// prevKeys is the previous epoch's keyState during the grace period, if
// epoch names it.
func (n *Node) prevKeys(epoch uint64) *keyState {
	if n.epoch == nil {
		return nil
	}
	n.epoch.mu.Lock()
	defer n.epoch.mu.Unlock()
	if p := n.epoch.prev; p != nil && p.epoch == epoch {
		return p
	}
	return nil
}

// keysFor is the keyState that answers a request naming epoch (0: not
// named): the previous epoch's during the grace period, so that every node
// answering a client that still uses epoch−1 answers with shares of one
// polynomial, and nil (not ready) at a node that holds none of that epoch —
// a joiner's new share would not combine with the others' old ones.
func (n *Node) keysFor(epoch uint64) *keyState {
	cur := n.state.Load()
	if cur != nil && epoch > cur.epoch {
		return nil // shares of an earlier epoch: not the ones asked for
	}
	if epoch == 0 || cur == nil || epoch == cur.epoch || n.epoch == nil {
		return cur
	}
	if p := n.prevKeys(epoch); p != nil {
		return p
	}
	n.epoch.mu.Lock()
	defer n.epoch.mu.Unlock()
	if time.Now().Before(n.epoch.graceUntil) {
		return nil // a joiner, or a node that held no shares of that epoch
	}
	return cur // every node has switched by now
}

// leadReshare runs both resharings as their leader and waits for this
// node's outcome of each.
func (n *Node) leadReshare(ctx context.Context, l *epochs.Reshare) error {
	v := n.view()
	parties := union(l.Old.Nodes, l.New.Nodes)
	var headers []*session.Header
	for _, proto := range []uint8{session.ProtocolECDSAReshare, session.ProtocolBLSReshare} {
		n.epoch.mu.Lock()
		finished := n.epoch.done[l.New.Epoch][proto]
		n.epoch.mu.Unlock()
		if finished {
			continue // finished here in an earlier attempt
		}
		if _, err := n.store.Secret(pendingShareName(proto, l.New.Epoch)); err == nil {
			// Stored by a run that failed here after confirming: that
			// outcome may stand elsewhere, so no other run (see
			// checkReshareHeader); the owner advances or undoes the lock.
			return fmt.Errorf("a %s share of epoch %d is stored from a run that did not finish here: no other run into that epoch", pendingShareName(proto, l.New.Epoch), l.New.Epoch)
		}
		if v.next == nil || v.next.epoch != l.New.Epoch {
			return fmt.Errorf("%w: this node's view has no lock of epoch %d", session.ErrBusy, l.New.Epoch)
		}
		headers = append(headers, &session.Header{Protocol: proto, ID: n.reshareID(proto, l.New.Epoch, v.next.lock), Epoch: l.New.Epoch, Leader: v.self, Parties: parties})
	}
	ps := make([]mpc.Party, len(headers))
	for i, h := range headers {
		if err := n.checkReshareHeader(v, h); err != nil {
			return err
		}
		p, err := n.makeParty(h)
		if err != nil {
			return err
		}
		ps[i] = p
	}
	var waits []chan error
	for i, h := range headers {
		ch := make(chan error, 1)
		n.genesisMu.Lock()
		n.genesisRes[string(h.ID)] = ch
		n.genesisMu.Unlock()
		if err := n.engine.Start(h, ps[i]); err != nil {
			return err
		}
		waits = append(waits, ch)
	}
	var errs []error
	for _, ch := range waits {
		select {
		case err := <-ch:
			errs = append(errs, err)
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return errors.Join(errs...)
}

// A resharing's session id: a tag naming the chain, the Staking contract,
// the protocol, the next epoch and its lock (H6: an aborted lock's attempt
// must not be taken for the relock's), then random bytes (attempts under one
// lock differ).
const (
	reshareTagSize = 16
	reshareIDSize  = 32 // kyber's BLS resharing takes 32-byte session ids
)

// reshareTag is the first part of every resharing session id under a lock.
func (n *Node) reshareTag(protocol uint8, epoch, lock uint64) []byte {
	h := sha256.New()
	h.Write([]byte("flint/reshare-session/v1"))
	var cid []byte
	if n.chain != nil {
		cid = n.chain.ChainID().Bytes()
	}
	h.Write(binary.BigEndian.AppendUint16(nil, uint16(len(cid))))
	h.Write(cid)
	if n.cfg != nil {
		h.Write(n.cfg.Contracts.Staking.Bytes())
	}
	h.Write([]byte{protocol})
	h.Write(binary.BigEndian.AppendUint64(nil, epoch))
	h.Write(binary.BigEndian.AppendUint64(nil, lock))
	return h.Sum(nil)[:reshareTagSize]
}

// reshareID is a fresh session id for an attempt under a lock.
func (n *Node) reshareID(protocol uint8, epoch, lock uint64) []byte {
	return append(n.reshareTag(protocol, epoch, lock), randomID(reshareIDSize-reshareTagSize)...)
}

// pendingShareName is the store name of a resharing protocol's share.
func pendingShareName(protocol uint8, epoch uint64) string {
	if protocol == session.ProtocolBLSReshare {
		return blsShareName(epoch)
	}
	return ecdsaShareName(epoch)
}

func union(a, b []uint32) []uint32 {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}

// checkReshareHeader accepts a resharing only as this node's own reading of
// the registry describes it: a locked next set of the header's epoch, the
// parties exactly old ∪ new, the leader an old node.
func (n *Node) checkReshareHeader(v *view, h *session.Header) error {
	nx := v.next
	switch {
	case nx == nil || (v.state != epochs.Locked && v.state != epochs.Ready):
		// The leader may have read the lock before this node: try later.
		return fmt.Errorf("%w: no next set locked in this node's view yet", session.ErrBusy)
	case h.Epoch != nx.epoch || nx.epoch != v.epoch+1:
		return fmt.Errorf("a resharing for epoch %d; the locked next epoch is %d", h.Epoch, nx.epoch)
	case !slices.Equal(h.Parties, union(v.indices, nx.indices)):
		return errors.New("a resharing's parties are the current and the next set, as the registry lists them")
	case !slices.Contains(v.indices, h.Leader):
		return fmt.Errorf("a resharing led by node %d, which is not in the current set", h.Leader)
	case len(h.Extra) != 0:
		return errors.New("a resharing header carries nothing extra: every node reads the sets and keys from the registry")
	case len(h.ID) != reshareIDSize:
		return fmt.Errorf("a resharing's session id is %d bytes, got %d", reshareIDSize, len(h.ID))
	case !bytes.Equal(h.ID[:reshareTagSize], n.reshareTag(h.Protocol, nx.epoch, nx.lock)):
		// An attempt made under another lock (an aborted one, replayed or
		// late), another network or another protocol: its outcome would be
		// recorded under this lock.
		return fmt.Errorf("a resharing session named for another lock, chain or protocol than lock %d of epoch %d", nx.lock, nx.epoch)
	}
	if name := pendingShareName(h.Protocol, h.Epoch); slices.Contains(nx.indices, v.self) {
		// One outcome per epoch: a node that stored a share of this epoch
		// (its confirmation may have counted) takes part in no other run
		// into it, so no two attempts can both finish and leave new nodes
		// holding shares of different polynomials. An undone lock erases
		// the share; a relock starts clean.
		if _, err := n.store.Secret(name); err == nil {
			return fmt.Errorf("this node stored its %s share of epoch %d in an earlier run: no other run into that epoch", name, h.Epoch)
		}
	}
	if slices.Contains(v.indices, v.self) {
		st := n.state.Load()
		if st == nil || st.epoch != v.epoch {
			return fmt.Errorf("%w: this node's shares of epoch %d are not in place", session.ErrBusy, v.epoch)
		}
	} else if n.oldKeysFor(nx.epoch) == nil {
		return fmt.Errorf("%w: this joining node has not got the old commitments yet", session.ErrBusy)
	}
	return nil
}

// makeReshareParty builds this node's party for a resharing.
func (n *Node) makeReshareParty(v *view, h *session.Header) (mpc.Party, error) {
	nx := v.next
	n.epoch.mu.Lock()
	n.epoch.lockOf[string(h.ID)] = nx.lock
	n.epoch.mu.Unlock()
	st := n.state.Load()
	isOld := slices.Contains(v.indices, v.self)
	var ok *oldKeys
	if isOld {
		ok = &oldKeys{ecdsa: st.ecdsa.Commitments, bls: st.bls.PublicPoly()}
	} else if ok = n.oldKeysFor(nx.epoch); ok == nil {
		return nil, fmt.Errorf("%w: no old commitments yet", session.ErrBusy)
	}
	switch h.Protocol {
	case session.ProtocolECDSAReshare:
		cfg := tecdsa.ReshareConfig{Self: v.self, Old: v.indices, OldT: v.t, OldCommitments: ok.ecdsa,
			New: nx.indices, NewT: nx.t, Leader: h.Leader, Session: h.ID}
		if isOld {
			cfg.Share = st.ecdsa
		}
		r, err := tecdsa.NewReshare(cfg)
		if err != nil {
			return nil, err
		}
		epoch, lock := nx.epoch, nx.lock
		// Persisted before this node's confirmation leaves: once n − t old
		// and n' − t' new nodes confirmed, the old shares may go.
		var party mpc.Party = r.Party(func(ks *tecdsa.KeyShare) error {
			raw, err := ks.MarshalBinary()
			if err != nil {
				return err
			}
			return n.putNewShare(ecdsaShareName(epoch), epoch, lock, raw)
		})
		if adv := n.adversary(); adv != nil && (adv.AccuseDealers || adv.SeeReshare != nil) {
			party = &accuserParty{Party: party, adv: adv, olds: len(v.indices)}
		}
		if a := n.adversary(); a != nil && a.BadReshareShareTo != 0 && isOld {
			party = &adversaryReshare{Party: party, to: a.BadReshareShareTo}
		}
		return &reshareParty{Party: party, r: r, roots: ok.ecdsa}, nil
	case session.ProtocolBLSReshare:
		newParts, err := v.dkgParticipants(nx.indices)
		if err != nil {
			return nil, err
		}
		oldParts, err := v.dkgParticipants(v.indices)
		if err != nil {
			return nil, err
		}
		cfg := dkg.Config{Self: v.self, Identity: n.dkgID, Nodes: newParts, Threshold: 2*nx.t + 1, Session: h.ID,
			OldNodes: oldParts, OldPoly: ok.bls}
		if isOld {
			cfg.Share = st.bls
		}
		return dkg.New(cfg)
	}
	return nil, fmt.Errorf("protocol %d is not a resharing", h.Protocol)
}

// reshareParty is the ECDSA resharing's party with what finishing it needs.
type reshareParty struct {
	mpc.Party
	r     *tecdsa.Reshare
	roots []vss.Commitment // the old commitments: [j][0] is root key j
}

// finishReshare takes a resharing's outcome at this node: a new node's
// share must be the one it stored and of the old public keys. A failure at
// a node that did not lead goes to the coordinator too (its status shows
// it; only the leader retries).
func (n *Node) finishReshare(h *session.Header, p mpc.Party) error {
	err := n.takeReshare(h, p)
	if err != nil && h.Leader != n.view().self {
		n.epoch.results <- reshareOutcome{epoch: h.Epoch, lock: n.sessionLock(h), err: err}
	}
	n.epoch.mu.Lock()
	delete(n.epoch.lockOf, string(h.ID))
	n.epoch.mu.Unlock()
	return err
}

func (n *Node) takeReshare(h *session.Header, p mpc.Party) error {
	if !p.Done() {
		return errors.New("resharing abandoned")
	}
	switch party := p.(type) {
	case *reshareParty:
		// What this run proved of its parties (a deal that fails its
		// commitments, a failing public answer) is logged, counted and
		// backed off from, as for presignature batches, whether or not the
		// run finished here.
		n.noteFaults("reshare", h, party.r.Faults())
		res, err := party.r.Result()
		if err != nil {
			return fmt.Errorf("ECDSA resharing: %w", err)
		}
		if res.Share != nil {
			pk := res.Share.PublicKeys()
			for j := range party.roots {
				if !secp.Equal(&pk[j], &party.roots[j][0]) {
					return fmt.Errorf("ECDSA resharing: root key %d changed", j)
				}
			}
		}
		// The digest and the root keys let an operator (and the fault
		// tests) see that every node took the same outcome of the same keys.
		n.log.Info("ECDSA resharing done", "epoch", h.Epoch, "qualified", res.Qualified,
			"digest", hex.EncodeToString(res.Digest[:]), "rootKeys", rootKeysDigest(res.Commitments))
	case *dkg.Party:
		res, err := party.Result()
		if err != nil {
			return fmt.Errorf("BLS resharing: %w", err)
		}
		if res.Share != nil {
			ok := n.oldBLS(h.Epoch)
			if ok == nil || !res.Share.PublicKey().Equal(ok.PublicKey()) {
				return errors.New("BLS resharing: the key changed")
			}
			raw, err := res.Share.MarshalBinary()
			if err != nil {
				return err
			}
			if err := n.putNewShare(blsShareName(h.Epoch), h.Epoch, n.sessionLock(h), raw); err != nil {
				return fmt.Errorf("storing the new BLS share: %w", err)
			}
		}
		var poly string
		if res.Share != nil { // a node that left holds no share, nor the new polynomial
			d := sha256.Sum256(res.Share.PublicPoly().Bytes())
			poly = hex.EncodeToString(d[:])
		}
		n.log.Info("BLS resharing done", "epoch", h.Epoch, "qualified", res.Qualified, "publicPoly", poly)
	}
	n.epoch.mu.Lock()
	d := n.epoch.done[h.Epoch]
	if d == nil {
		d = map[uint8]bool{}
		n.epoch.done[h.Epoch] = d
	}
	first := !d[h.Protocol]
	d[h.Protocol] = true
	both := d[session.ProtocolECDSAReshare] && d[session.ProtocolBLSReshare]
	n.epoch.mu.Unlock()
	if h.Leader == n.view().self {
		return nil // leadReshare reports the pair
	}
	if both && first {
		// A new node's ECDSA share was stored before its confirmation left
		// (the party's persist), its BLS share above.
		n.epoch.results <- reshareOutcome{epoch: h.Epoch, lock: n.sessionLock(h)}
	}
	return nil
}

// putNewShare stores a resharing's new share of epoch, made under lock,
// unless one is stored already. One outcome per epoch: checkReshareHeader
// refuses a run at a node that stored a share, but a corrupt leader can start
// two runs at once, so that every node makes both parties before either
// stores; both finishing would leave the nodes it held the second decision
// back from on another polynomial than the rest. A second share is refused
// here, so the second run fails before this node confirms it.
func (n *Node) putNewShare(name string, epoch, lock uint64, raw []byte) error {
	n.epoch.storeMu.Lock()
	defer n.epoch.storeMu.Unlock()
	switch _, err := n.store.Secret(name); {
	case err == nil:
		return fmt.Errorf("a %s share of epoch %d is stored already, from another run: one outcome per epoch", name, epoch)
	case !errors.Is(err, store.ErrNotFound):
		return err
	}
	if err := n.putLock(epoch, lock); err != nil {
		return err
	}
	return n.store.PutSecret(name, raw)
}

// sessionLock is the lock of the view a resharing party was made under.
func (n *Node) sessionLock(h *session.Header) uint64 {
	n.epoch.mu.Lock()
	defer n.epoch.mu.Unlock()
	return n.epoch.lockOf[string(h.ID)]
}

// putLock records under which lock the shares of a next epoch are made, so
// that a start reads it back (another lock of that epoch erases them).
func (n *Node) putLock(epoch, lock uint64) error {
	return n.store.PutMeta(lockMetaName(epoch), binary.BigEndian.AppendUint64(nil, lock))
}

func lockMetaName(epoch uint64) string { return "reshare-lock/" + strconv.FormatUint(epoch, 10) }

// oldBLS is the old committee's public polynomial for a resharing into
// epoch next.
func (n *Node) oldBLS(next uint64) *bls.PublicPoly {
	if st := n.state.Load(); st != nil && st.epoch+1 == next {
		return st.bls.PublicPoly()
	}
	if ok := n.oldKeysFor(next); ok != nil {
		return ok.bls
	}
	return nil
}

func (n *Node) oldKeysFor(next uint64) *oldKeys {
	n.epoch.mu.Lock()
	defer n.epoch.mu.Unlock()
	return n.epoch.oldKeys[next]
}

// kindOldKeys asks an old node for the old committee's public commitments
// (a joining node needs them to check every deal).
const kindOldKeys = "old-keys"

// answerOldKeys gives the commitments of the epoch asked for, if this node
// holds its shares.
func (n *Node) answerOldKeys(body []byte) ([]byte, error) {
	if len(body) != 8 {
		return nil, fmt.Errorf("%w: an epoch is 8 bytes", errPeerRefused)
	}
	st := n.state.Load()
	if st == nil || st.epoch != binary.BigEndian.Uint64(body) {
		return nil, fmt.Errorf("%w: no shares of epoch %d here", ErrNotReady, binary.BigEndian.Uint64(body))
	}
	return encodeOldKeys(st.ecdsa.Commitments, st.bls.PublicPoly()), nil
}

func encodeOldKeys(cs []vss.Commitment, poly *bls.PublicPoly) []byte {
	var b []byte
	b = binary.BigEndian.AppendUint16(b, uint16(len(cs)))
	for _, c := range cs {
		b = binary.BigEndian.AppendUint16(b, uint16(len(c)))
		for l := range c {
			u := secp.Uncompressed(&c[l])
			b = append(b, u[:]...)
		}
	}
	return append(b, poly.Bytes()...)
}

// decodeOldKeys parses an answer for a committee with t: every commitment
// has t+1 points.
func decodeOldKeys(b []byte, t int) (*oldKeys, error) {
	if len(b) < 2 {
		return nil, errors.New("short answer")
	}
	nk := int(binary.BigEndian.Uint16(b))
	b = b[2:]
	if nk != tecdsa.RootKeys {
		return nil, fmt.Errorf("%d commitments, want %d", nk, tecdsa.RootKeys)
	}
	out := &oldKeys{}
	for range nk {
		if len(b) < 2 || int(binary.BigEndian.Uint16(b)) != t+1 {
			return nil, fmt.Errorf("a commitment without t+1 = %d points", t+1)
		}
		b = b[2:]
		c := make(vss.Commitment, t+1)
		for l := range c {
			if len(b) < secp.PointSize {
				return nil, errors.New("short commitment")
			}
			p, err := secp.DecodePoint(b[:secp.PointSize])
			if err != nil {
				return nil, err
			}
			secp.ToAffine(&p)
			c[l] = p
			b = b[secp.PointSize:]
		}
		out.ecdsa = append(out.ecdsa, c)
	}
	poly, err := bls.ParsePublicPoly(b)
	if err != nil {
		return nil, err
	}
	if poly.Threshold() != 2*t+1 {
		return nil, fmt.Errorf("a BLS polynomial of threshold %d, want %d", poly.Threshold(), 2*t+1)
	}
	out.bls = poly
	return out, nil
}

// maybeFetchOldKeys: a node of the next set that holds no old share asks the
// old nodes for the old committee's commitments, and takes an answer only
// once t+1 old nodes gave the same bytes and its constant terms are the root
// keys on chain. At most t old nodes are corrupt, so t+1 equal answers
// include an honest one. Even a wrong copy could not make this node finish
// with another outcome: the resharing's confirmed digest covers the old
// commitments, and n − t old confirmations include an honest old node,
// which confirms only the true ones (docs/threshold-ecdsa.md §6).
func (n *Node) maybeFetchOldKeys(ctx context.Context, v *view) {
	nx := v.next
	if nx == nil || slices.Contains(v.indices, v.self) || !slices.Contains(nx.indices, v.self) || n.oldKeysFor(nx.epoch) != nil {
		return
	}
	n.epoch.mu.Lock()
	if time.Since(n.epoch.fetching[nx.epoch]) < 5*time.Second {
		n.epoch.mu.Unlock()
		return
	}
	n.epoch.fetching[nx.epoch] = time.Now()
	n.epoch.mu.Unlock()
	go func() {
		ok, err := n.fetchOldKeys(ctx, v)
		if err != nil {
			n.log.Info("old commitments not agreed yet", "epoch", nx.epoch, "err", err)
			return
		}
		n.epoch.mu.Lock()
		n.epoch.oldKeys[nx.epoch] = ok
		n.epoch.mu.Unlock()
		n.log.Info("old commitments agreed by t+1 old nodes", "epoch", nx.epoch)
	}()
}

func (n *Node) fetchOldKeys(ctx context.Context, v *view) (*oldKeys, error) {
	on, err := n.chain.RootKeys(ctx)
	if err != nil {
		return nil, fmt.Errorf("root keys on chain: %w", err)
	}
	q := make([]byte, 8)
	binary.BigEndian.PutUint64(q, v.epoch)
	type answer struct {
		id  uint32
		raw []byte
		err error
	}
	ch := make(chan answer, len(v.indices))
	for _, id := range v.indices {
		go func() {
			cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			defer cancel()
			raw, err := n.peers.Call(cctx, id, kindOldKeys, q)
			ch <- answer{id, raw, err}
		}()
	}
	answers := map[uint32][]byte{}
	var errs []error
	for range v.indices {
		a := <-ch
		if a.err != nil {
			errs = append(errs, fmt.Errorf("node %d: %w", a.id, a.err))
			continue
		}
		answers[a.id] = a.raw
	}
	ok, err := agreeOldKeys(answers, v.t, on.ECDSA, on.BLS)
	if err != nil {
		return nil, errors.Join(append([]error{err}, errs...)...)
	}
	return ok, nil
}

// agreeOldKeys takes the old committee's commitments from the old nodes'
// answers: the bytes t+1 of them sent alike (at most t are corrupt, so one
// of those is honest), and only if their constant terms are the root keys
// on chain.
func agreeOldKeys(answers map[uint32][]byte, t int, ecdsaRoots [][]byte, blsRoot []byte) (*oldKeys, error) {
	counts := map[string]int{}
	for _, raw := range answers {
		counts[string(raw)]++
	}
	for raw, c := range counts {
		if c < t+1 {
			continue
		}
		ok, err := decodeOldKeys([]byte(raw), t)
		if err != nil {
			return nil, fmt.Errorf("t+1 old nodes sent commitments that do not parse: %w", err)
		}
		if err := matchRoots(ok, ecdsaRoots, blsRoot); err != nil {
			return nil, err
		}
		return ok, nil
	}
	return nil, fmt.Errorf("no t+1 = %d of the %d old nodes that answered agree on the old commitments", t+1, len(answers))
}

// matchRoots checks commitments against the root keys on chain.
func matchRoots(ok *oldKeys, ecdsaRoots [][]byte, blsRoot []byte) error {
	if len(ecdsaRoots) != len(ok.ecdsa) {
		return fmt.Errorf("%d root keys on chain, %d commitments", len(ecdsaRoots), len(ok.ecdsa))
	}
	for j, c := range ok.ecdsa {
		u := secp.Uncompressed(&c[0])
		if !bytes.Equal(u[:], ecdsaRoots[j]) {
			return fmt.Errorf("commitment %d is not of root key %d on chain", j, j)
		}
	}
	if !bytes.Equal(ok.bls.PublicKey().Bytes(), blsRoot) {
		return errors.New("the BLS polynomial is not of the key on chain")
	}
	return nil
}

// signalReady tells the chain this node stored its shares of epoch.
func (n *Node) signalReady(ctx context.Context, epoch, lock uint64) error {
	return signalReadyOnChain(ctx, n, epoch, lock)
}

// newCoordinator makes the coordinator from what the store holds.
func (n *Node) newCoordinator(cfg epochs.Config, v *view) *epochs.Coordinator {
	stored := n.storedEpochs(v.epoch)
	c := epochs.New(cfg, stored)
	for _, e := range stored {
		if raw, err := n.store.Meta(lockMetaName(e)); err == nil && len(raw) == 8 {
			c.StoredUnder(e, binary.BigEndian.Uint64(raw))
		}
	}
	return c
}

// newEpochState prepares the coordinator from what the store holds.
func (n *Node) newEpochState(v *view) {
	cfg := epochs.DefaultConfig()
	if n.cfg != nil && n.cfg.EpochGrace > 0 {
		cfg.Grace = time.Duration(n.cfg.EpochGrace)
	}
	if n.cfg != nil && n.cfg.ReshareLeadDelay > 0 {
		cfg.LeadDelay = time.Duration(n.cfg.ReshareLeadDelay)
	}
	n.epoch = &epochState{
		c:        n.newCoordinator(cfg, v),
		grace:    cfg.Grace,
		done:     map[uint64]map[uint8]bool{},
		results:  make(chan reshareOutcome, 16),
		viewed:   make(chan struct{}, 1),
		oldKeys:  map[uint64]*oldKeys{},
		lockOf:   map[string]uint64{},
		fetching: map[uint64]time.Time{},
	}
}

// rootKeysDigest is SHA-256 over the root keys (the commitments' constant
// terms) as the chain holds them, uncompressed and in order, in hex.
func rootKeysDigest(cs []vss.Commitment) string {
	h := sha256.New()
	for _, c := range cs {
		u := secp.Uncompressed(&c[0])
		h.Write(u[:])
	}
	return hex.EncodeToString(h.Sum(nil))
}
