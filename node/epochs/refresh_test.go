package epochs

import (
	"testing"
	"time"
)

func refreshCfg() Config {
	c := cfg()
	c.RefreshStagger = 5 * time.Second
	return c
}

// node returns a coordinator for self in the genesis set 1..4 with its
// shares of epoch 1 in place.
func refreshNode(t *testing.T, self uint32) (*Coordinator, Committee) {
	t.Helper()
	c := New(refreshCfg(), []uint64{1})
	cur := committee(1, 1, 1, 2, 3, 4)
	if st := c.Observe(chainAt(self, Active, cur, nil), []uint32{1, 2, 3, 4}, t0); st.Switch != 1 {
		t.Fatalf("start: %+v", st)
	}
	return c, cur
}

// The lowest live node locks a refresh once it is due, once per Resignal;
// the next one waits a stagger; with the lowest down, the next one locks at
// once; nobody locks while the refresh is off, and a node without its
// shares in place or outside the set never does.
func TestPeriodicRefreshLock(t *testing.T) {
	all := []uint32{1, 2, 3, 4}
	due := t0.Add(time.Minute)
	read := func(self uint32, cur Committee) Chain {
		ch := chainAt(self, Active, cur, nil)
		ch.RefreshDue = due
		return ch
	}

	c1, cur := refreshNode(t, 1)
	if st := c1.Observe(read(1, cur), all, due.Add(-time.Second)); st.LockRefresh {
		t.Fatal("locked before the epoch's end")
	}
	if st := c1.Observe(read(1, cur), all, due); !st.LockRefresh {
		t.Fatalf("lowest node at the due time: %+v", st)
	}
	if st := c1.Observe(read(1, cur), all, due.Add(time.Second)); st.LockRefresh {
		t.Fatal("sent again while the first may still land")
	}
	if st := c1.Observe(read(1, cur), all, due.Add(refreshCfg().Resignal)); !st.LockRefresh {
		t.Fatal("not sent again after Resignal with the chain still Active")
	}
	// Only on a reading with who is live: an outcome sends nothing.
	if st := c1.Reshared(2, 1, false, errOops, due.Add(time.Hour)); st.LockRefresh {
		t.Fatal("locked on an outcome")
	}

	c2, _ := refreshNode(t, 2)
	if st := c2.Observe(read(2, cur), all, due.Add(4*time.Second)); st.LockRefresh {
		t.Fatal("second node did not back off")
	}
	if st := c2.Observe(read(2, cur), all, due.Add(5*time.Second)); !st.LockRefresh {
		t.Fatal("second node did not step in after the stagger")
	}
	c2b, _ := refreshNode(t, 2)
	if st := c2b.Observe(read(2, cur), []uint32{2, 3, 4}, due); !st.LockRefresh {
		t.Fatal("with node 1 down, node 2 waited")
	}
	c4, _ := refreshNode(t, 4)
	if st := c4.Observe(read(4, cur), all, due.Add(14*time.Second)); st.LockRefresh {
		t.Fatal("fourth node did not wait three staggers")
	}
	if st := c4.Observe(read(4, cur), all, due.Add(15*time.Second)); !st.LockRefresh {
		t.Fatal("fourth node never stepped in")
	}

	off, _ := refreshNode(t, 1)
	if st := off.Observe(chainAt(1, Active, cur, nil), all, due.Add(time.Hour)); st.LockRefresh {
		t.Fatal("locked with the periodic refresh off")
	}
	noShares := New(refreshCfg(), nil)
	if st := noShares.Observe(read(1, cur), all, due.Add(time.Hour)); st.LockRefresh {
		t.Fatal("a node without its shares locked")
	}
	joiner := New(refreshCfg(), nil)
	if st := joiner.Observe(read(9, cur), all, due.Add(time.Hour)); st.LockRefresh {
		t.Fatal("a node outside the set locked")
	}
}

var errOops = errTest("oops")

type errTest string

func (e errTest) Error() string { return string(e) }

// A ready refresh lock is advanced by the lowest live node, and by the
// others a stagger later each; a ready membership lock is left to the owner.
func TestPeriodicRefreshAdvance(t *testing.T) {
	all := []uint32{1, 2, 3, 4}
	next := committee(2, 1, 1, 2, 3, 4)
	next.Lock = 7
	ready := func(self uint32, cur Committee, refresh bool) Chain {
		ch := chainAt(self, Ready, cur, &next, 1, 2, 3, 4)
		ch.NextRefresh = refresh
		ch.RefreshDue = t0
		return ch
	}
	seen := t0.Add(time.Minute)

	c1, cur := refreshNode(t, 1)
	st := c1.Observe(ready(1, cur, true), all, seen)
	if st.AdvanceRefresh != 2 || st.LockRefresh {
		t.Fatalf("lowest node, refresh ready: %+v", st)
	}
	if st := c1.Observe(ready(1, cur, true), all, seen.Add(time.Second)); st.AdvanceRefresh != 0 {
		t.Fatal("advanced again at once")
	}

	c3, _ := refreshNode(t, 3)
	if st := c3.Observe(ready(3, cur, true), all, seen); st.AdvanceRefresh != 0 {
		t.Fatal("third node did not back off")
	}
	if st := c3.Observe(ready(3, cur, true), all, seen.Add(10*time.Second)); st.AdvanceRefresh != 2 {
		t.Fatalf("third node did not step in: %+v", st)
	}

	owner, _ := refreshNode(t, 1)
	if st := owner.Observe(ready(1, cur, false), all, seen.Add(time.Hour)); st.AdvanceRefresh != 0 || st.LockRefresh {
		t.Fatalf("advanced a membership lock: %+v", st)
	}

	// The owner's refresh lock before the epoch's end (or with the periodic
	// refresh off) is the owner's to advance: the owner's tools wait for
	// readiness and advance, and would find the epoch moved under them.
	early, _ := refreshNode(t, 1)
	ch := ready(1, cur, true)
	ch.RefreshDue = seen.Add(time.Hour)
	if st := early.Observe(ch, all, seen); st.AdvanceRefresh != 0 {
		t.Fatalf("advanced the owner's refresh before it fell due: %+v", st)
	}
	ch.RefreshDue = time.Time{}
	if st := early.Observe(ch, all, seen.Add(time.Minute)); st.AdvanceRefresh != 0 {
		t.Fatalf("advanced a refresh with the periodic refresh off: %+v", st)
	}
}
