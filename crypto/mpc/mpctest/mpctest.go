// Package mpctest runs committees of mpc.Party state machines in one goroutine
// for tests and benchmarks: it routes messages, can drop, alter or silence
// parties, and expires rounds when the network has gone quiet.
package mpctest

import (
	"fmt"
	"slices"

	"github.com/flint-network/flint/crypto/mpc"
)

// Network delivers messages between in-process parties.
type Network struct {
	Parties map[uint32]mpc.Party
	// Silent parties neither send nor receive.
	Silent map[uint32]bool
	// Tamper, if set, may change or drop (return nil) any message in flight.
	Tamper func(m mpc.Message, to uint32) *mpc.Message
	// Errors collects every error a party returned from Handle, by receiver.
	Errors map[uint32][]error
	// MaxExpiries bounds how many times the network expires a quiet round
	// (default 8) before giving up.
	MaxExpiries int
}

// NewNetwork returns a network of the given parties.
func NewNetwork(parties map[uint32]mpc.Party) *Network {
	return &Network{Parties: parties, Silent: map[uint32]bool{}, Errors: map[uint32][]error{}}
}

type delivery struct {
	to  uint32
	msg mpc.Message
}

// Run starts every live party and delivers messages until every live party is
// Done. When no messages are in flight and some party is not done, it expires
// the current round at every live party that is not done.
func (n *Network) Run() error {
	var queue []delivery
	enqueue := func(out []mpc.Message) {
		for _, m := range out {
			if n.Silent[m.From] {
				continue
			}
			for id := range n.Parties {
				if id == m.From || n.Silent[id] || (m.To != mpc.Broadcast && m.To != id) {
					continue
				}
				queue = append(queue, delivery{to: id, msg: m})
			}
		}
	}
	for _, id := range n.order() {
		if n.Silent[id] {
			continue
		}
		out, err := n.Parties[id].Start()
		if err != nil {
			return fmt.Errorf("party %d start: %w", id, err)
		}
		enqueue(out)
	}
	limit := n.MaxExpiries
	if limit == 0 {
		limit = 8
	}
	for expiries := 0; ; {
		for len(queue) > 0 {
			d := queue[0]
			queue = queue[1:]
			msg := d.msg
			if n.Tamper != nil {
				t := n.Tamper(msg, d.to)
				if t == nil {
					continue
				}
				msg = *t
			}
			p := n.Parties[d.to]
			if p.Done() {
				continue
			}
			out, err := p.Handle(msg)
			if err != nil {
				n.Errors[d.to] = append(n.Errors[d.to], err)
			}
			enqueue(out)
		}
		pending := false
		for _, id := range n.order() {
			if !n.Silent[id] && !n.Parties[id].Done() {
				pending = true
			}
		}
		if !pending {
			return nil
		}
		if expiries == limit {
			return fmt.Errorf("mpctest: parties still running after %d expiries", limit)
		}
		expiries++
		for _, id := range n.order() {
			p := n.Parties[id]
			if n.Silent[id] || p.Done() {
				continue
			}
			out, err := p.Expire()
			if err != nil {
				n.Errors[id] = append(n.Errors[id], err)
			}
			enqueue(out)
		}
	}
}

// order returns the party ids in ascending order, so runs are deterministic.
func (n *Network) order() []uint32 {
	ids := make([]uint32, 0, len(n.Parties))
	for id := range n.Parties {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
