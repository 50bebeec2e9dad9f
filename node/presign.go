package node

import (
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"time"

	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node/session"
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
		h := &session.Header{Protocol: session.ProtocolPresign, ID: newBatchID(time.Now()), Epoch: st.epoch, Leader: v.self, Parties: live, Count: uint16(count)}
		var batch [16]byte
		copy(batch[:], h.ID)
		n.pool.lead(batch, live) // before makeParty, which accepts this node as leader only of its own batches
		p, err := n.makeParty(h)
		if err != nil {
			n.pool.endLead(batch)
			n.log.Warn("presignature batch", "err", err)
			continue
		}
		if err := n.engine.Start(h, p); err != nil {
			n.pool.endLead(batch)
			n.log.Warn("presignature batch", "err", err)
		}
	}
}

// finishPresign stores a batch's presignatures, durably, before they can be
// used.
func (n *Node) finishPresign(h *session.Header, p *tecdsa.Presign) {
	var batch [16]byte
	copy(batch[:], h.ID)
	defer func() { // after the batch is stored: acknowledgements keep being taken meanwhile
		if n.pool.endLead(batch) {
			n.batchDropped(batch) // parties that stored it must not keep it
		}
	}()
	if !p.Done() {
		n.metrics.batches.WithLabelValues("abandoned").Inc()
		n.log.Warn("presignature batch abandoned", "session", h.String())
		return
	}
	ps, err := p.Result()
	for _, f := range p.Faults() {
		n.log.Warn("presignature batch: misbehaviour", "session", h.String(), "fault", f)
	}
	if err != nil {
		n.metrics.batches.WithLabelValues("failed").Inc()
		n.log.Warn("presignature batch failed", "session", h.String(), "err", err)
		return
	}
	if len(ps) == 0 { // every presignature failed its check: nothing to store or acknowledge
		n.metrics.batches.WithLabelValues("empty").Inc()
		n.log.Warn("presignature batch produced nothing", "session", h.String())
		return
	}
	if err := n.store.AddPresignatures(ps); err != nil {
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
		n.recordStored(batch, h.Leader)
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if err := n.peers.Send(ctx, h.Leader, kindStored, batch[:]); err != nil {
			n.log.Warn("acknowledging a presignature batch", "leader", h.Leader, "err", err)
		}
	}()
}

// ackWait is how long a stored batch may wait for a quorum of
// acknowledgements before its presignatures are dropped as unusable.
const ackWait = time.Minute

// dropUnusable erases this node's presignatures from batches that a quorum
// never acknowledged (say, holders that crashed between storing and
// acknowledging): no leader can bind them, and they would count towards the
// pool's water marks for ever.
func (n *Node) dropUnusable(now time.Time) {
	v := n.view()
	ids := n.pool.takeUnusable(v.quorum, now.Add(-ackWait))
	if len(ids) == 0 {
		return
	}
	if err := n.store.DropPresignatures(ids); err != nil {
		n.log.Warn("dropping unacknowledged presignatures", "err", err)
	}
	finished := n.forgetDropped(ids)
	n.metrics.batches.WithLabelValues("unacknowledged").Add(float64(finished))
	n.log.Warn("dropped presignatures a quorum never acknowledged", "count", len(ids))
}

// Batch ids carry their leader's clock, so that every holder, restarted or
// not, agrees on a batch's age: a marker byte, the unix second (big endian)
// and 7 random bytes.
const batchIDMarker = 0xf1

// maxAge is how long a presignature may wait to be bound: its owner drops it
// then, and the other holders an hour later (the owner's clock may run a
// little behind theirs). Old secrets do not linger, and a copy whose drop
// notice was lost goes in the end.
const (
	maxAge      = 24 * time.Hour
	holderGrace = time.Hour
)

func newBatchID(now time.Time) []byte {
	id := randomID(16)
	id[0] = batchIDMarker
	binary.BigEndian.PutUint64(id[1:9], uint64(now.Unix()))
	return id
}

// batchBorn returns when a batch was made, for ids that carry it.
func batchBorn(batch [16]byte) (time.Time, bool) {
	if batch[0] != batchIDMarker {
		return time.Time{}, false
	}
	sec := binary.BigEndian.Uint64(batch[1:9])
	if sec > math.MaxInt64 {
		return time.Time{}, false
	}
	return time.Unix(int64(sec), 0), true
}

// dropExpired erases presignatures past their age: own free ones after
// maxAge (announced to the other holders), others' unbound copies after
// maxAge + holderGrace.
func (n *Node) dropExpired(now time.Time) {
	own, others := n.pool.takeExpired(now, maxAge, maxAge+holderGrace)
	ids := append(own, others...)
	if len(ids) == 0 {
		return
	}
	if err := n.store.DropPresignatures(ids); err != nil {
		n.log.Warn("dropping expired presignatures", "err", err)
	}
	n.forgetDropped(ids)
	n.log.Info("dropped presignatures past their age", "own", len(own), "others", len(others))
}

// kindDropBatch is a batch owner's notice that it will never bind the rest
// of a batch (it stored nothing, or a quorum never acknowledged it): the
// other holders erase their copies instead of keeping them for ever.
const kindDropBatch = "presign-drop"

// forgetDropped takes erased presignatures out of the pool; an own batch
// they end is dropped (batchDropped). It returns how many batches ended.
func (n *Node) forgetDropped(ids []tecdsa.PresigID) (finished int) {
	for _, id := range ids {
		if n.pool.done(id) {
			finished++
			n.batchDropped(id.Batch)
		}
	}
	return finished
}

// batchDropped forgets the acknowledgements of an own batch that ended
// before all of it was used, and tells the other holders.
func (n *Node) batchDropped(batch [16]byte) {
	n.store.DeleteMeta(ackKey(batch))
	n.announceDrop(batch)
}

// announceDrop tells every other node that this node dropped a batch.
func (n *Node) announceDrop(batch [16]byte) {
	v := n.view()
	for _, id := range v.indices {
		if id == v.self {
			continue
		}
		go func(id uint32) {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := n.peers.Send(ctx, id, kindDropBatch, batch[:]); err != nil {
				n.log.Debug("announcing a dropped batch", "to", id, "err", err)
			}
		}(id)
	}
}

// onDropBatch erases this node's copies of a batch its owner dropped; ones
// already bound here stay, for their binding.
func (n *Node) onDropBatch(from uint32, body []byte) error {
	if len(body) != 16 {
		return fmt.Errorf("%w: batch id of %d bytes", errPeerRefused, len(body))
	}
	ids := n.pool.takeOthers([16]byte(body), from)
	if len(ids) == 0 {
		return nil
	}
	if err := n.store.DropPresignatures(ids); err != nil {
		return fmt.Errorf("dropping presignatures: %w", err)
	}
	for _, id := range ids {
		n.pool.done(id)
	}
	n.log.Info("dropped presignatures of a batch its owner dropped", "owner", from, "count", len(ids))
	return nil
}

// kindStored is a node's acknowledgement that it stored a batch.
const kindStored = "presign-stored"

const ackPrefix = "acks/"

// ackKey names the record of a batch's acknowledgers.
func ackKey(batch [16]byte) string { return ackPrefix + hex.EncodeToString(batch[:]) }

// recordStored records (durably) that node stored one of this node's
// batches.
func (n *Node) recordStored(batch [16]byte, node uint32) {
	n.ackMu.Lock() // acknowledgements arrive concurrently: the last write must hold them all
	defer n.ackMu.Unlock()
	if !n.pool.ack(batch, node) {
		return
	}
	acks := n.pool.holders(batch)
	enc := make([]byte, 0, len(acks))
	for _, id := range acks {
		enc = append(enc, byte(id))
	}
	if err := n.store.PutMeta(ackKey(batch), enc); err != nil {
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
// restart; those bound before it are kept for their binding only.
func (n *Node) loadPresignatures() error {
	stored, err := n.store.Presignatures()
	if err != nil {
		return err
	}
	var free, bound []*tecdsa.Presignature
	for _, s := range stored {
		if s.Binding != nil {
			bound = append(bound, s.Presig)
		} else {
			free = append(free, s.Presig)
		}
	}
	n.pool.add(free, true)
	n.pool.add(bound, false)
	now := time.Now() // a request bound before the restart has boundTTL from now to arrive
	for _, pre := range bound {
		n.pool.markBound(pre.ID, now)
	}
	acks, err := n.store.MetaPrefix(ackPrefix)
	if err != nil {
		return err
	}
	for name, enc := range acks {
		batch, err := hex.DecodeString(name[len(ackPrefix):])
		if err != nil || len(batch) != 16 {
			continue
		}
		for _, id := range enc {
			n.pool.ack([16]byte(batch), uint32(id))
		}
	}
	if len(stored) > 0 {
		n.log.Info("presignatures restored", "free", len(free), "bound", len(bound))
	}
	return nil
}
