package peer

import (
	"context"
	"crypto/ed25519"
	"errors"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/semaphore"
)

// PeerHealth is what this node has seen of another node lately. A node that
// has not been pinged or messaged yet shows the zero value.
type PeerHealth struct {
	Up          bool          // the last exchange (ping or message) got an answer
	LastSuccess time.Time     // zero until the first answer
	LastFailure time.Time     // zero until the first failure
	Failures    int           // consecutive failures since the last answer
	RTT         time.Duration // smoothed ping round-trip time; 0 until the first ping
	LastError   string        // the last failure, empty after an answer
}

// peer is what the transport keeps about one other node.
type peer struct {
	index uint32

	// link, guarded by Transport.mu; replaced when the directory changes.
	addr string
	key  ed25519.PublicKey
	base string
	rt   *http.Transport  // makes connections pinned to key
	conn *http.ClientConn // the connection in use, if any
	dial *dialing         // the dial in progress, if any

	pinging atomic.Bool
	pending *semaphore.Weighted // body bytes this peer has buffered here

	mu sync.Mutex
	h  PeerHealth
}

// peerLocked returns the state of node index, making it. Transport.mu held.
func (t *Transport) peerLocked(index uint32) *peer {
	p := t.peers[index]
	if p == nil {
		p = &peer{index: index, pending: semaphore.NewWeighted(t.cfg.MaxPeerPending)}
		t.peers[index] = p
	}
	return p
}

// touch makes sure node index is watched by the background ping and
// returns its state.
func (t *Transport) touch(index uint32) *peer {
	t.mu.Lock()
	defer t.mu.Unlock()
	if index == t.cfg.Self || t.closed {
		// Not watched; a fresh budget serves the rare message.
		return &peer{index: index, pending: semaphore.NewWeighted(t.cfg.MaxPeerPending)}
	}
	return t.peerLocked(index)
}

// forget drops a node that has left the directory.
func (t *Transport) forget(index uint32) {
	t.mu.Lock()
	p := t.peers[index]
	delete(t.peers, index)
	if p != nil {
		t.dropLocked(p)
	}
	t.mu.Unlock()
	if p != nil {
		t.metrics.forget(index)
		t.log.Info("peer: node left the directory", "peer", index)
	}
}

// Health reports every node this transport watches (not itself).
func (t *Transport) Health() map[uint32]PeerHealth {
	t.mu.Lock()
	peers := make([]*peer, 0, len(t.peers))
	for _, p := range t.peers {
		peers = append(peers, p)
	}
	t.mu.Unlock()
	out := make(map[uint32]PeerHealth, len(peers))
	for _, p := range peers {
		p.mu.Lock()
		out[p.index] = p.h
		p.mu.Unlock()
	}
	return out
}

// succeeded records an exchange that got a 2xx; for a ping (kind "") the
// round-trip time feeds the smoothed RTT.
func (t *Transport) succeeded(p *peer, kind string, sent, received int, rtt time.Duration) {
	if kind == "" {
		t.metrics.rtt(p.index, rtt)
	} else {
		t.metrics.message("sent", kind, sent)
		if received > 0 {
			t.metrics.bytes("received", kind, received)
		}
	}
	p.mu.Lock()
	if kind == "" {
		if p.h.RTT == 0 {
			p.h.RTT = rtt
		} else {
			p.h.RTT += (rtt - p.h.RTT) / 8 // TCP's SRTT weight
		}
	}
	p.mu.Unlock()
	t.up(p)
}

// answered records a non-2xx answer: the message failed, the peer is up.
func (t *Transport) answered(p *peer, kind string, err *RemoteError) {
	reason := "unavailable"
	if errors.Is(err, ErrRefused) {
		reason = "refused"
	}
	t.metrics.failure(p.index, reason)
	if kind != "" {
		t.log.Debug("peer: message not accepted", "peer", p.index, "kind", kind, "status", err.Status, "err", err.Message)
	}
	t.up(p)
}

func (t *Transport) up(p *peer) {
	p.mu.Lock()
	was := p.h.Up
	p.h.Up = true
	p.h.LastSuccess = time.Now()
	p.h.Failures = 0
	p.h.LastError = ""
	rtt := p.h.RTT
	p.mu.Unlock()
	if !was {
		t.metrics.up(p.index, true)
		t.log.Info("peer: up", "peer", p.index, "rtt", rtt)
	}
}

// failed records an exchange that got no usable answer. A caller that gave
// up (cancelled its context) says nothing about the peer.
func (t *Transport) failed(p *peer, kind string, err error) {
	if errors.Is(err, context.Canceled) {
		return
	}
	t.metrics.failure(p.index, "unreachable")
	p.mu.Lock()
	was := p.h.Up
	first := p.h.Failures == 0
	p.h.Up = false
	p.h.LastFailure = time.Now()
	p.h.Failures++
	p.h.LastError = err.Error()
	p.mu.Unlock()
	switch {
	case was || first:
		t.metrics.up(p.index, false)
		t.log.Warn("peer: down", "peer", p.index, "kind", what(kind), "err", err)
	default:
		t.log.Debug("peer: still down", "peer", p.index, "kind", what(kind), "err", err)
	}
}

// pingLoop pings every watched node each PingInterval, skipping a node whose
// previous ping is still out.
func (t *Transport) pingLoop() {
	tick := time.NewTicker(t.cfg.PingInterval)
	defer tick.Stop()
	for {
		select {
		case <-t.closing.Done():
			return
		case <-tick.C:
		}
		for _, p := range t.pingTargets() {
			if !p.pinging.CompareAndSwap(false, true) {
				continue
			}
			t.bg.Go(func() {
				defer p.pinging.Store(false)
				t.ping(p.index)
			})
		}
	}
}

func (t *Transport) pingTargets() []*peer {
	var listed []uint32
	if l, ok := t.cfg.Directory.(Lister); ok {
		listed = l.Peers()
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil
	}
	t.sweepLocked()
	for _, i := range listed {
		if i != t.cfg.Self {
			t.peerLocked(i)
		}
	}
	out := make([]*peer, 0, len(t.peers))
	for _, p := range t.peers {
		out = append(out, p)
	}
	return out
}

func (t *Transport) ping(index uint32) {
	ctx, cancel := context.WithTimeout(t.closing, t.cfg.PingTimeout)
	defer cancel()
	if _, err := t.attempt(ctx, index, "", nil, false); errors.Is(err, ErrUnknownPeer) {
		t.forget(index)
	}
}
