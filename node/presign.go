package node

import (
	"context"
	"time"

	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node/session"
)

// runPool keeps this node's own presignatures between the low and high
// water marks: below low it leads batches (one at a time) until high.
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
		if st == nil || n.batchesLed.Load() > 0 {
			continue
		}
		free := n.pool.ownFree()
		switch {
		case free < n.cfg.Pool.Low:
			filling = true
		case free >= n.cfg.Pool.High:
			filling = false
		}
		if !filling {
			continue
		}
		v := n.view()
		live := n.live(v)
		if len(live) < v.quorum {
			continue
		}
		count := min(n.cfg.Pool.Batch, n.cfg.Pool.High-free)
		h := &session.Header{Protocol: session.ProtocolPresign, ID: randomID(16), Epoch: st.epoch, Leader: v.self, Parties: live, Count: uint16(count)}
		p, err := n.makeParty(h)
		if err != nil {
			n.log.Warn("presignature batch", "err", err)
			continue
		}
		n.batchesLed.Add(1)
		if err := n.engine.Start(h, p); err != nil {
			n.batchesLed.Add(-1)
			n.log.Warn("presignature batch", "err", err)
		}
	}
}

// finishPresign stores a batch's presignatures, durably, before they can be
// used.
func (n *Node) finishPresign(h *session.Header, p *tecdsa.Presign) {
	if h.Leader == n.view().self {
		defer n.batchesLed.Add(-1)
	}
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
	if err := n.store.AddPresignatures(ps); err != nil {
		n.metrics.batches.WithLabelValues("failed").Inc()
		n.log.Error("storing presignatures", "err", err)
		return
	}
	n.pool.add(ps, true)
	n.metrics.batches.WithLabelValues("ok").Inc()
	n.log.Debug("presignature batch done", "session", h.String(), "count", len(ps), "leader", h.Leader)
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
	if len(stored) > 0 {
		n.log.Info("presignatures restored", "free", len(free), "bound", len(bound))
	}
	return nil
}
