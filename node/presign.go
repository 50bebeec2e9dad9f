package node

import (
	"context"
	"crypto/rand"
	"fmt"
	"slices"
	"time"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node/session"
	"github.com/flint-network/flint/node/signing"
	"github.com/flint-network/flint/node/store"
)

// idleTopUp is how long signing must pause before a pool between its water
// marks is topped up (once a quarter batch or more is missing: smaller
// batches cost more per presignature).
const idleTopUp = 2 * time.Second

// runPool keeps this node's own presignatures between the low and high
// water marks: below low it leads batches (one at a time) until high, and
// when signing pauses it tops a partly used pool up to high.
// Every node does the same, so each owns a share of the network's pool, as
// the binding rule requires (only a presignature's owner may bind it).
func (n *Node) runPool(ctx context.Context) {
	filling := false
	t := time.NewTicker(100 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		st := n.state.Load()
		if st == nil || n.pool.leadingCount() > 0 {
			continue
		}
		v := n.view()
		if !v.member() || st.epoch != v.epoch {
			continue // a node that left, or one between the advance and its switch
		}
		live := n.live(v)
		// Count what this node could bind now: a batch whose holders are
		// down is no help. Held presignatures stay bounded all the same.
		free := n.pool.ownUsable(v.quorum, live, time.Now())
		if n.pool.ownFree() >= 2*n.cfg.Pool.High {
			continue
		}
		switch {
		case free < n.cfg.Pool.Low:
			filling = true
		case free >= n.cfg.Pool.High:
			filling = false
		case free <= n.cfg.Pool.High-max(1, n.cfg.Pool.Batch/4) && time.Since(time.Unix(0, n.lastSign.Load())) > idleTopUp:
			// Idle: top up now, so the next burst meets a full pool instead
			// of refills competing with it.
			filling = true
		}
		if !filling || len(live) < v.quorum {
			continue
		}
		count := min(n.cfg.Pool.Batch, n.cfg.Pool.High-free)
		parties := n.batchParties(v, live, time.Now())
		var random [5]byte
		if _, err := rand.Read(random[:]); err != nil {
			n.log.Error("no randomness for a batch id", "err", err)
			continue
		}
		id := signing.NewBatchID(time.Now(), v.self, random[:])
		h := &session.Header{Protocol: session.ProtocolPresign, ID: id[:], Epoch: st.epoch, Leader: v.self, Parties: parties, Count: uint16(count)}
		n.pool.lead(id, parties) // before makeParty, which accepts this node as leader only of its own batches
		p, err := n.makeParty(h)
		if err == nil {
			err = n.engine.Start(h, p)
		}
		if err != nil {
			n.pool.endLead(id)
			n.log.Warn("presignature batch", "err", err)
		}
	}
}

// batchParties is the committee of a batch this node leads: the live nodes
// that are not backing off for misbehaviour, as long as they are at least
// 2t+1 (every presignature needs 2t+1 openings); else all live ones.
func (n *Node) batchParties(v *view, live []uint32, now time.Time) []uint32 {
	var parties []uint32
	for _, id := range live {
		if id == v.self || !n.suspects.excluded(id, now) {
			parties = append(parties, id)
		}
	}
	if len(parties) >= 2*v.t+1 {
		return parties
	}
	return live
}

// finishPresign stores a batch's presignatures, durably, before they can be
// used, and learns from what went wrong.
func (n *Node) finishPresign(h *session.Header, p *tecdsa.Presign) {
	id := [16]byte(h.ID)
	if h.Leader != n.view().self {
		defer n.pool.left(id, h.Leader)
	}
	defer func() { // after the batch is stored: acknowledgements keep being taken meanwhile
		if n.pool.endLead(id) {
			n.batchEnded(&batch{id: id, owner: h.Leader, state: batchLeading})
		}
	}()
	if !p.Done() {
		n.metrics.batches.WithLabelValues("abandoned").Inc()
		n.log.Warn("presignature batch abandoned", "session", h.String())
		return
	}
	ps, err := p.Result()
	n.noteFaults("presign", h, p.Faults())
	if err != nil {
		n.metrics.batches.WithLabelValues("failed").Inc()
		n.log.Warn("presignature batch failed", "session", h.String(), "leader", h.Leader, "err", err)
		if h.Leader != n.view().self {
			n.suspects.strike(h.Leader, time.Now()) // a leader whose batches keep failing backs off
		}
		return
	}
	n.suspects.clear(h.Leader)
	if len(ps) == 0 { // every presignature failed its check: nothing to store or acknowledge
		n.metrics.batches.WithLabelValues("empty").Inc()
		n.log.Warn("presignature batch produced nothing", "session", h.String())
		return
	}
	ep, ok := n.batchEpoch(h)
	if !ok {
		// A batch of an epoch this node no longer serves (it finished after
		// the switch): its holders are the old committee's, so it is not
		// stored, nor acknowledged.
		n.metrics.batches.WithLabelValues("failed").Inc()
		n.log.Info("presignature batch of a past epoch dropped", "session", h.String())
		return
	}
	ep.Parties = h.Parties
	if err := n.store.AddPresignatures(ps, ep); err != nil {
		n.metrics.batches.WithLabelValues("failed").Inc()
		n.log.Error("storing presignatures", "err", err)
		return
	}
	n.pool.add(ps, true)
	n.metrics.batches.WithLabelValues("ok").Inc()
	n.log.Debug("presignature batch done", "session", h.String(), "count", len(ps), "leader", h.Leader)
	// Tell the leader this node holds the batch (it picks signers among the
	// nodes that did).
	if h.Leader == n.view().self {
		n.recordStored(id, h.Leader)
		return
	}
	n.send.one(h.Leader, kindStored, id[:], 30*time.Second)
}

// batchEpoch is the epoch a finished batch was made for and its t: the next
// epoch's for a batch of the next committee made before the switch (the
// pool marked it), the serving epoch's for one of the serving committee.
// Stored with the batch, so that after a restart it is never taken under
// another epoch's shares.
func (n *Node) batchEpoch(h *session.Header) (store.BatchEpoch, bool) {
	if f, ok := n.pool.futureOf([16]byte(h.ID)); ok {
		return store.BatchEpoch{Epoch: f.epoch, T: f.t}, true
	}
	if st := n.state.Load(); st != nil && st.epoch == h.Epoch {
		return store.BatchEpoch{Epoch: st.epoch, T: st.ecdsa.T}, true
	}
	return store.BatchEpoch{}, false
}

// noteFaults logs and counts the misbehaviour a protocol run proved, and
// makes the culprits back off.
func (n *Node) noteFaults(protocol string, h *session.Header, faults []error) {
	for _, f := range faults {
		culprit, ok := mpc.Culprit(f)
		if !ok {
			continue
		}
		n.log.Warn("misbehaviour", "protocol", protocol, "node", culprit, "session", h.String(), "fault", f)
		n.metrics.misbehaviour.WithLabelValues(fmt.Sprint(culprit), protocol).Inc()
		n.suspects.strike(culprit, time.Now())
	}
}

// ackWait is how long a stored batch may wait for a quorum of
// acknowledgements before its presignatures are dropped as unusable.
const ackWait = time.Minute

// dropUnusable erases this node's presignatures from batches that a quorum
// never acknowledged (say, holders that crashed between storing and
// acknowledging): no leader can bind them, and they would count towards the
// pool's water marks for ever.
func (n *Node) dropUnusable(now time.Time) {
	ids := n.pool.unacknowledged(n.view().quorum, now.Add(-ackWait))
	if len(ids) > 0 {
		n.log.Warn("dropping presignatures a quorum never acknowledged", "count", len(ids))
		n.erase(ids)
	}
}

// maxAge is how long a presignature may wait to be bound: its owner drops it
// then, and the other holders an hour later (the owner's clock may run a
// little behind theirs). Old secrets do not linger, and a copy whose drop
// notice was lost goes in the end. Nodes refuse to endorse older ones.
const (
	maxAge      = 24 * time.Hour
	holderGrace = time.Hour
)

// batchBorn returns when a batch was made.
func batchBorn(id [16]byte) (time.Time, bool) { return signing.BatchBorn(id) }

// dropExpired erases presignatures past their age.
func (n *Node) dropExpired(now time.Time) {
	n.pool.forgetSeen(now.Add(-maxAge - holderGrace))
	ids := n.pool.expired(now, maxAge, maxAge+holderGrace)
	if len(ids) > 0 {
		n.log.Info("dropping presignatures past their age", "count", len(ids))
		n.erase(ids)
	}
}

// bindingMargin is how long past the age at which no node endorses a
// presignature any more its binding is kept: room for this node's clock to
// run ahead of the others', or to be set back.
const bindingMargin = time.Hour

// pruneBindings erases the bindings of presignatures no node would endorse
// any more (born before maxAge + holderGrace + bindingMargin ago): they
// cannot be bound again, so the record that they were bound is not needed.
// Batch ids begin with their birth time, so a cut-off id is a cut-off age.
func (n *Node) pruneBindings(now time.Time) {
	cut := signing.NewBatchID(now.Add(-maxAge-holderGrace-bindingMargin), 0, make([]byte, 5))
	pruned, err := n.store.PruneBindings(cut[:], 1000)
	if err != nil {
		n.log.Warn("pruning old bindings", "err", err)
	}
	if pruned > 0 {
		n.log.Info("pruned bindings past their age", "count", pruned)
	}
}

// erase drops unbound presignatures from the store and the pool.
func (n *Node) erase(ids []tecdsa.PresigID) {
	if err := n.store.DropPresignatures(ids); err != nil {
		n.log.Warn("dropping presignatures", "err", err)
		return
	}
	for _, b := range n.pool.done(ids...) {
		n.batchEnded(b)
	}
}

// kindDropBatch is a batch owner's notice that it will never bind the rest
// of a batch (it stored nothing, or a quorum never acknowledged it): the
// other holders erase their copies instead of keeping them for ever.
const kindDropBatch = "presign-drop"

// kindGone is a holder's notice to a batch's owner that it no longer holds
// the batch (its store was restored from a backup): the owner stops naming
// it as a signer.
const kindGone = "presign-gone"

// batchEnded is the one path for "a batch ended here": its acknowledgement
// record goes and, for an own batch that ended before it was used up, the
// other holders are told to erase their copies.
func (n *Node) batchEnded(b *batch) {
	n.store.DeleteBatchEpoch(b.id)
	if b.owner != n.view().self {
		return
	}
	n.store.DeleteAcks(b.id)
	if b.state == batchStored {
		return // used up: every presignature signed
	}
	v := n.view()
	for _, id := range v.indices {
		if id != v.self {
			n.send.one(id, kindDropBatch, b.id[:], 10*time.Second)
		}
	}
}

// onDropBatch erases this node's copies of a batch its owner dropped; ones
// already bound here stay, for their binding.
func (n *Node) onDropBatch(from uint32, body []byte) error {
	if len(body) != 16 {
		return fmt.Errorf("%w: batch id of %d bytes", errPeerRefused, len(body))
	}
	ids := n.pool.dropped([16]byte(body), from)
	if len(ids) > 0 {
		n.log.Info("dropping presignatures of a batch its owner dropped", "owner", from, "count", len(ids))
		n.erase(ids)
	}
	return nil
}

// onGone handles a holder's notice that it no longer holds one of this
// node's batches.
func (n *Node) onGone(from uint32, body []byte) error {
	if len(body) != 16 {
		return fmt.Errorf("%w: batch id of %d bytes", errPeerRefused, len(body))
	}
	if n.pool.unack([16]byte(body), from) {
		n.persistAcks([16]byte(body))
	}
	return nil
}

// kindStored is a node's acknowledgement that it stored a batch.
const kindStored = "presign-stored"

// recordStored records (durably) that node stored one of this node's
// batches.
func (n *Node) recordStored(id [16]byte, node uint32) {
	n.ackMu.Lock() // acknowledgements arrive concurrently: the last write must hold them all
	defer n.ackMu.Unlock()
	if n.pool.ack(id, node) {
		n.persistAcks(id)
	}
}

func (n *Node) persistAcks(id [16]byte) {
	if err := n.store.PutAcks(id, n.pool.holders(id)); err != nil {
		n.log.Warn("recording an acknowledgement", "err", err)
	}
}

// onStored handles a node's acknowledgement of one of this node's batches.
func (n *Node) onStored(from uint32, body []byte) error {
	if len(body) != 16 {
		return fmt.Errorf("%w: batch id of %d bytes", errPeerRefused, len(body))
	}
	n.recordStored([16]byte(body), from)
	return nil
}

// loadPresignatures puts the stored presignatures back in the pool after a
// restart. One bound before the restart whose share was not recorded is
// erased: the endorsements it would need are gone with the old process, and
// its binding stays, so its request is refused rather than signed twice.
// Records the node cannot use are skipped with a log line.
func (n *Node) loadPresignatures() error {
	stored, skipped, err := n.store.Presignatures()
	if err != nil {
		return err
	}
	for _, e := range skipped {
		n.log.Warn("skipping a stored presignature this node cannot use", "err", e)
	}
	epochs, err := n.store.BatchEpochs()
	if err != nil {
		return err
	}
	acks, err := n.store.Acks()
	if err != nil {
		return err
	}
	// The serving epoch is the one whose shares were put in place at the
	// start (none yet: 0, and every batch waits for the switch).
	var serving uint64
	cur := n.state.Load()
	if cur != nil {
		serving = cur.epoch
	}
	n.pool.setServing(serving, nil)
	var free []*tecdsa.Presignature
	var bound, unusable []tecdsa.PresigID
	self := n.view().self
	for _, s := range stored {
		ep, known := epochs[s.Presig.ID.Batch]
		switch {
		case s.Binding != nil:
			bound = append(bound, s.Presig.ID)
		case s.Presig.Index != self:
			n.log.Warn("skipping a stored presignature of another node's index", "presig", s.Presig.ID.String(), "index", s.Presig.Index)
		case !known || (ep.Epoch < serving && !survivesSwitch(cur, ep, s.Presig, acks[s.Presig.ID.Batch])):
			unusable = append(unusable, s.Presig.ID)
		default:
			if ep.Epoch > serving {
				// Made by the next committee before the switch: taken only
				// once the switch makes its epoch the serving one.
				n.pool.markFuture(s.Presig.ID.Batch, ep.Epoch, ep.T)
			}
			free = append(free, s.Presig)
		}
	}
	var erased []<-chan error
	for _, id := range bound {
		erased = append(erased, n.store.Signed(id, nil)) // one commit for all of them
	}
	for _, done := range erased {
		if err := <-done; err != nil {
			return fmt.Errorf("node: erasing a presignature bound before the restart: %w", err)
		}
	}
	if len(unusable) > 0 {
		// Of no recorded epoch, or of an earlier epoch whose committee the
		// serving one does not cover (the node stopped between the advance
		// and its switch, which drains them): erased, never taken.
		if err := n.store.DropPresignatures(unusable); err != nil {
			return fmt.Errorf("node: erasing presignatures of another epoch: %w", err)
		}
		n.log.Info("erased stored presignatures the serving epoch cannot use", "count", len(unusable))
	}
	n.pool.add(free, true)
	for _, pre := range free {
		if ep := epochs[pre.ID.Batch]; ep.Parties != nil && pre.Owner != self {
			n.pool.joinedWith(pre.ID.Batch, ep.Parties) // for the next switch's carry
		}
	}
	for id, nodes := range acks {
		for _, node := range nodes {
			n.pool.ack(id, node)
		}
	}
	if len(stored) > 0 || len(skipped) > 0 {
		n.log.Info("presignatures restored", "free", len(free), "erased bound", len(bound), "skipped", len(skipped))
	}
	return nil
}

// survivesSwitch reports whether a presignature of an earlier epoch's batch
// may sign under the serving shares: the terms carried keeps a batch on at
// the switch (same t, owner and every holder - every party of its session,
// stored with its epoch - in the serving committee), checked again for a
// node that stopped before its switch.
func survivesSwitch(cur *keyState, ep store.BatchEpoch, pre *tecdsa.Presignature, acked []uint32) bool {
	// Without its session's parties a batch is judged by nothing a silent
	// party appears in (openings received, acknowledgements): dropped.
	if cur == nil || ep.T != cur.ecdsa.T || ep.Parties == nil || !slices.Contains(cur.ecdsa.Parties, pre.Owner) {
		return false
	}
	for _, h := range append(append(slices.Clone(pre.Holders), acked...), ep.Parties...) {
		if !slices.Contains(cur.ecdsa.Parties, h) {
			return false
		}
	}
	return true
}
