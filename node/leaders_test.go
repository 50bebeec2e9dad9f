package node

import (
	"reflect"
	"testing"
	"time"

	"github.com/flint-network/flint/node/signing"
)

// The leader rule through joins, leaves and locks, also a lock inside a
// join's grace period and a kick after it: every case names who leads now
// and which change is announced.
func TestLeadersRule(t *testing.T) {
	t0 := time.Date(2026, 12, 7, 12, 0, 0, 0, time.UTC)
	ends := map[uint64]time.Time{1: t0.Add(-time.Hour), 2: t0.Add(40 * time.Second), 3: t0.Add(60 * time.Second)}
	ids := func(xs ...uint32) []uint32 { return xs }
	// history gives epochs 1, 2, ... the sets listed; the view is of the last.
	history := func(sets ...[]uint32) map[uint64][]uint32 {
		m := map[uint64][]uint32{}
		for i, s := range sets {
			m[uint64(i+1)] = s
		}
		return m
	}
	mk := func(sets map[uint64][]uint32, next []uint32) *view {
		indices := sets[uint64(len(sets))]
		v := &view{epoch: uint64(len(sets)), indices: indices, quorum: 2*((len(indices)-1)/3) + 1}
		if next != nil {
			v.next = &nextSet{indices: next}
		}
		return v
	}
	four, five := ids(1, 2, 3, 4), ids(1, 2, 3, 4, 5)
	cases := []struct {
		name     string
		sets     map[uint64][]uint32
		next     []uint32
		lockSeen time.Time
		now      time.Time
		want     signing.Leaders
	}{
		{"genesis", history(four), nil, time.Time{}, t0, signing.Leaders{}},
		{"a refresh", history(four, four), nil, time.Time{}, t0, signing.Leaders{}},
		{"a join, in grace", history(four, five), nil, time.Time{}, t0,
			signing.Leaders{Nodes: four, Then: five, At: ends[2]}},
		{"a join, just past the grace end", history(four, five), nil, time.Time{}, ends[2].Add(time.Second),
			signing.Leaders{Nodes: four, Then: five, At: ends[2]}},
		{"a join, after the grace end", history(four, five), nil, time.Time{}, ends[2].Add(3 * time.Second),
			signing.Leaders{}},
		// The leaver leads in no machine, the retired one included, also
		// after the grace end (that machine may outlive it by a poll).
		{"a kick, after the advance", history(five, ids(1, 3, 4, 5)), nil, time.Time{}, t0.Add(time.Hour),
			signing.Leaders{Nodes: ids(1, 3, 4, 5)}},
		{"a kick locked, just read", history(five), ids(1, 3, 4, 5), t0, t0,
			signing.Leaders{Nodes: five, Then: ids(1, 3, 4, 5), At: t0.Add(lockLeadersAfter)}},
		{"a kick locked, read long ago", history(five), ids(1, 3, 4, 5), t0, t0.Add(10 * time.Second),
			signing.Leaders{Nodes: ids(1, 3, 4, 5)}},
		// A kick locked inside a join's grace period: the leaver goes at the
		// lock, the joiner stays out until its epoch's grace end, before the
		// advance and after it.
		{"a kick locked in a join's grace, just read", history(four, five), ids(1, 3, 4, 5), t0, t0,
			signing.Leaders{Nodes: four, Then: ids(1, 3, 4), At: t0.Add(lockLeadersAfter)}},
		{"a kick locked in a join's grace, read long ago", history(four, five), ids(1, 3, 4, 5), t0, t0.Add(10 * time.Second),
			signing.Leaders{Nodes: ids(1, 3, 4), Then: ids(1, 3, 4, 5), At: ends[2]}},
		{"a kick advanced in a join's grace", history(four, five, ids(1, 3, 4, 5)), nil, time.Time{}, t0.Add(10 * time.Second),
			signing.Leaders{Nodes: ids(1, 3, 4), Then: ids(1, 3, 4, 5), At: ends[2]}},
		{"a kick advanced after a join's grace", history(four, five, ids(1, 3, 4, 5)), nil, time.Time{}, ends[2].Add(3 * time.Second),
			signing.Leaders{Nodes: ids(1, 3, 4, 5)}},
		// Two joins in a row: each joiner waits for its own epoch's end.
		{"two joins", history(four, five, ids(1, 2, 3, 4, 5, 6)), nil, time.Time{}, t0,
			signing.Leaders{Nodes: four, Then: five, At: ends[2]}},
		{"two joins, the first one's grace over", history(four, five, ids(1, 2, 3, 4, 5, 6)), nil, time.Time{}, ends[2].Add(3 * time.Second),
			signing.Leaders{Nodes: five, Then: ids(1, 2, 3, 4, 5, 6), At: ends[3]}},
		// Leaders sign: never fewer than a quorum (5 of 7 here), joiners
		// let in earliest grace end first.
		{"grow 4→7", history(four, ids(1, 2, 3, 4, 5, 6, 7)), nil, time.Time{}, t0, signing.Leaders{Nodes: five, Then: ids(1, 2, 3, 4, 5, 6, 7), At: ends[2]}},
		{"two joins, 4→5→7", history(four, five, ids(1, 2, 3, 4, 5, 6, 7)), nil, time.Time{}, t0, signing.Leaders{Nodes: five, Then: ids(1, 2, 3, 4, 5, 6, 7), At: ends[3]}},
		{"replace 2 of 4", history(four, ids(1, 2, 5, 6)), nil, time.Time{}, t0, signing.Leaders{Nodes: ids(1, 2, 5), Then: ids(1, 2, 5, 6), At: ends[2]}},
		// Kicking a joiner still in its grace period: it never leads.
		{"a joiner kicked in its grace, just read", history(four, five), four, t0, t0,
			signing.Leaders{Nodes: four, Then: four, At: t0.Add(lockLeadersAfter)}},
		{"a joiner kicked in its grace, read long ago", history(four, five), four, t0, t0.Add(10 * time.Second),
			signing.Leaders{Nodes: four, Then: four, At: ends[2]}},
		{"a refresh locked", history(four), four, t0, t0, signing.Leaders{}},
		// Too few would stay to sign: the rule does not change at the lock.
		{"stayers below the quorum", history(four), ids(1, 2), t0, t0.Add(10 * time.Second), signing.Leaders{}},
	}
	for _, c := range cases {
		got := leaders(mk(c.sets, c.next), c.sets, ends, c.lockSeen, c.now)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
	}
}

// A node the owner adds within an epoch (AddNode) is in that epoch's set
// at every node, also at one that read the set before the addition: at
// the next epoch it is a member since the earlier one, whose grace period
// is over, and leads like the others.
func TestLeadSetRereadsTheSet(t *testing.T) {
	n := &Node{epoch: &epochState{grace: time.Minute}}
	now := time.Now()
	four, five := []uint32{1, 2, 3, 4}, []uint32{1, 2, 3, 4, 5}
	n.leadSet(&view{epoch: 1, indices: four, quorum: 3, start: now.Add(-time.Hour)})
	n.leadSet(&view{epoch: 2, indices: four, quorum: 3, start: now.Add(-2 * time.Minute)})
	n.leadSet(&view{epoch: 2, indices: five, quorum: 3, start: now.Add(-2 * time.Minute)}) // added
	got := n.leadSet(&view{epoch: 3, indices: five, quorum: 3, start: now})
	if !reflect.DeepEqual(got, signing.Leaders{}) {
		t.Fatalf("epoch 3: %+v, want every live node (node 5 a member since epoch 2)", got)
	}
}
