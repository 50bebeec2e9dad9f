package tecdsa

import (
	"slices"
	"testing"

	"github.com/flint-network/flint/crypto/mpc"
)

// An opening that reaches a party before the leader's decision is kept and
// counted once the decision arrives: the batch finishes everywhere without a
// round expiring, and every party is a holder everywhere. (Dropping it made
// that party finish on expiry without the sender among its holders, so the
// parties disagreed on who holds the presignatures.)
func TestPresignOpeningBeforeDecision(t *testing.T) {
	f := newFixture(t, 4)
	members := committee(4)
	ps, _ := f.presigners(t, members, 1, 2)
	type delivery struct {
		to uint32
		m  mpc.Message
	}
	var queue, held []delivery
	enqueue := func(out []mpc.Message) {
		for _, m := range out {
			for _, id := range members {
				if id != m.From && (m.To == mpc.Broadcast || m.To == id) {
					queue = append(queue, delivery{id, m})
				}
			}
		}
	}
	for _, id := range members {
		out, err := ps[id].Start()
		if err != nil {
			t.Fatal(err)
		}
		enqueue(out)
	}
	// Party 4 gets the decision only after some opening got there first.
	early := false
	for len(queue) > 0 || len(held) > 0 {
		if len(queue) == 0 {
			t.Fatal("no opening reached party 4 before its decision")
		}
		d := queue[0]
		queue = queue[1:]
		if d.to == 4 && d.m.Payload[0] == kindDecision && !early {
			held = append(held, d)
			continue
		}
		out, err := ps[d.to].Handle(d.m)
		if err != nil {
			t.Fatalf("party %d: %v", d.to, err)
		}
		enqueue(out)
		if d.to == 4 && d.m.Payload[0] == kindOpen && !early {
			early = true
			queue = append(queue, held...)
			held = nil
		}
	}
	for _, id := range members {
		if !ps[id].Done() {
			t.Fatalf("party %d has not finished without a round expiring", id)
		}
		res, err := ps[id].Result()
		if err != nil || len(res) != 2 {
			t.Fatalf("party %d: %d presignatures, %v", id, len(res), err)
		}
		if !slices.Equal(res[0].Holders, members) {
			t.Fatalf("party %d: holders %v, want %v", id, res[0].Holders, members)
		}
	}
}
