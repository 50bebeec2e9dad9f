package epochs

import (
	"errors"
	"slices"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC)

func cfg() Config {
	return Config{Grace: 45 * time.Second, Backoff: time.Second, MaxBackoff: 8 * time.Second, Resignal: 10 * time.Second}
}

func committee(epoch uint64, t int, nodes ...uint32) Committee {
	return Committee{Epoch: epoch, T: t, Nodes: nodes}
}

// chainAt builds a reading for self.
func chainAt(self uint32, st ChainState, cur Committee, next *Committee, signalled ...uint32) Chain {
	return Chain{State: st, Current: cur, Next: next, Signalled: signalled, Self: self}
}

// A node of the genesis set switches to its stored shares at once, and a
// later reading changes nothing.
func TestSwitchAtStart(t *testing.T) {
	c := New(cfg(), []uint64{1})
	st := c.Observe(chainAt(1, Active, committee(1, 1, 1, 2, 3, 4), nil), []uint32{1, 2, 3, 4}, t0)
	if st.Switch != 1 || st.Lead != nil || len(st.Erase) != 0 {
		t.Fatalf("first reading: %+v", st)
	}
	if st := c.Observe(chainAt(1, Active, committee(1, 1, 1, 2, 3, 4), nil), nil, t0.Add(time.Second)); !st.Empty() {
		t.Fatalf("second reading: %+v", st)
	}
	if s := c.Status(); s.Phase != PhaseIdle || s.Active != 1 {
		t.Fatalf("status %+v", s)
	}
}

// The whole change at an old node that stays, which leads: lead once,
// store, prepare and signal, switch at the advance, keep epoch 1 for the
// grace period, then release and erase it.
func TestRefreshAtLeader(t *testing.T) {
	c := New(cfg(), []uint64{1})
	cur := committee(1, 1, 1, 2, 3, 4)
	next := committee(2, 1, 1, 2, 3, 4)
	live := []uint32{1, 2, 3, 4}
	c.Observe(chainAt(1, Active, cur, nil), live, t0)

	st := c.Observe(chainAt(1, Locked, cur, &next), live, t0)
	if st.Lead == nil || st.Lead.New.Epoch != 2 || !slices.Equal(st.Lead.Old.Nodes, cur.Nodes) || st.Lead.Attempt != 1 {
		t.Fatalf("locked: %+v", st)
	}
	if st := c.Observe(chainAt(1, Locked, cur, &next), live, t0.Add(time.Second)); st.Lead != nil {
		t.Fatal("led a second session while the first runs")
	}
	if s := c.Status(); s.Phase != PhaseResharing {
		t.Fatalf("phase %s", s.Phase)
	}
	st = c.Reshared(2, 0, true, nil, t0.Add(2*time.Second))
	if st.Prepare != 2 || st.Signal != 2 || st.Lead != nil {
		t.Fatalf("after the reshare: %+v", st)
	}
	// Not recorded yet: not sent again before Resignal.
	if st := c.Observe(chainAt(1, Locked, cur, &next), live, t0.Add(3*time.Second)); st.Signal != 0 || st.Prepare != 0 {
		t.Fatalf("signalled twice at once: %+v", st)
	}
	if st := c.Observe(chainAt(1, Locked, cur, &next), live, t0.Add(13*time.Second)); st.Signal != 2 {
		t.Fatalf("an unrecorded signal is not sent again: %+v", st)
	}
	// A signal that failed is sent again after the back-off.
	c.SignalFailed(2, t0.Add(13*time.Second))
	if st := c.Observe(chainAt(1, Locked, cur, &next), live, t0.Add(13*time.Second+999*time.Millisecond)); st.Signal != 0 {
		t.Fatalf("a failed signal sent again before the back-off: %+v", st)
	}
	if st := c.Observe(chainAt(1, Locked, cur, &next), live, t0.Add(14*time.Second)); st.Signal != 2 {
		t.Fatalf("a failed signal is not sent again after the back-off: %+v", st)
	}
	if st := c.Observe(chainAt(1, Ready, cur, &next, 1, 2, 3, 4), live, t0.Add(14*time.Second)); !st.Empty() {
		t.Fatalf("recorded: %+v", st)
	}
	if s := c.Status(); s.Phase != PhaseSignalled {
		t.Fatalf("phase %s", s.Phase)
	}
	// The advance.
	adv := t0.Add(20 * time.Second)
	st = c.Observe(chainAt(1, Active, next, nil), live, adv)
	if st.Switch != 2 || len(st.Erase) != 0 || st.Release != 0 {
		t.Fatalf("advance: %+v", st)
	}
	if s := c.Status(); s.Phase != PhaseGrace || s.Previous != 1 || s.Active != 2 {
		t.Fatalf("status after the advance: %+v", s)
	}
	if st := c.Observe(chainAt(1, Active, next, nil), live, adv.Add(44*time.Second)); !st.Empty() {
		t.Fatalf("within the grace period: %+v", st)
	}
	st = c.Observe(chainAt(1, Active, next, nil), live, adv.Add(45*time.Second))
	if st.Release != 1 || !slices.Equal(st.Erase, []uint64{1}) {
		t.Fatalf("end of grace: %+v", st)
	}
	if c.Stored(1) || !c.Stored(2) {
		t.Fatal("stored epochs after the erase")
	}
	if st := c.Observe(chainAt(1, Active, next, nil), live, adv.Add(50*time.Second)); !st.Empty() {
		t.Fatalf("after the erase: %+v", st)
	}
	if s := c.Status(); s.Phase != PhaseIdle {
		t.Fatalf("phase %s", s.Phase)
	}
}

// Only the lowest live old node leads; a dead lowest node hands it on.
func TestLeaderIsLowestLiveOldNode(t *testing.T) {
	cur := committee(1, 1, 1, 2, 3, 4)
	next := committee(2, 1, 2, 3, 4, 5)
	for _, tc := range []struct {
		self uint32
		live []uint32
		lead bool
	}{
		{1, []uint32{1, 2, 3, 4}, true},
		{2, []uint32{1, 2, 3, 4}, false},
		{2, []uint32{2, 3, 4, 5}, true}, // node 1 is down
		{5, []uint32{5}, false},         // a joiner never leads: it holds no shares to deal
	} {
		var stored []uint64
		if cur.Has(tc.self) {
			stored = []uint64{1}
		}
		c := New(cfg(), stored)
		c.Observe(chainAt(tc.self, Active, cur, nil), tc.live, t0)
		st := c.Observe(chainAt(tc.self, Locked, cur, &next), tc.live, t0)
		if (st.Lead != nil) != tc.lead {
			t.Errorf("node %d with %v live: lead %v", tc.self, tc.live, st.Lead != nil)
		}
	}
}

// A failed attempt is retried with a back-off that doubles up to its bound;
// a failure at a node that did not lead starts nothing.
func TestRetryBackoff(t *testing.T) {
	c := New(cfg(), []uint64{1})
	cur := committee(1, 1, 1, 2, 3, 4)
	next := committee(2, 1, 1, 2, 3, 4, 5)
	live := []uint32{1, 2, 3, 4, 5}
	c.Observe(chainAt(1, Active, cur, nil), live, t0)
	now := t0
	if st := c.Observe(chainAt(1, Locked, cur, &next), live, now); st.Lead == nil {
		t.Fatal("no first attempt")
	}
	for i, wait := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 8 * time.Second} {
		c.Reshared(2, 0, true, errors.New("too few confirmations"), now)
		if st := c.Observe(chainAt(1, Locked, cur, &next), live, now.Add(wait-time.Millisecond)); st.Lead != nil {
			t.Fatalf("retry %d before its back-off of %s", i+1, wait)
		}
		now = now.Add(wait)
		st := c.Observe(chainAt(1, Locked, cur, &next), live, now)
		if st.Lead == nil || st.Lead.Attempt != i+2 {
			t.Fatalf("retry %d after %s: %+v", i+1, wait, st)
		}
	}
	if s := c.Status(); s.LastError == "" || s.Attempts != 6 {
		t.Fatalf("status %+v", s)
	}
	c2 := New(cfg(), []uint64{1})
	c2.Observe(chainAt(2, Locked, cur, &next), live, t0)
	if st := c2.Reshared(2, 0, false, errors.New("x"), t0); !st.Empty() {
		t.Fatalf("a follower's failure: %+v", st)
	}
}

// A joiner waits with no keys, takes part, signals once its shares are
// stored, and serves from the advance on, with nothing older to erase.
func TestJoiner(t *testing.T) {
	c := New(cfg(), nil)
	cur := committee(1, 1, 1, 2, 3, 4)
	next := committee(2, 1, 1, 2, 3, 4, 5)
	if st := c.Observe(chainAt(0, Active, cur, nil), nil, t0); !st.Empty() {
		t.Fatalf("before the lock: %+v", st)
	}
	if s := c.Status(); s.Phase != PhaseWaiting || s.Active != 0 {
		t.Fatalf("status before the lock: %+v", s)
	}
	if st := c.Observe(chainAt(5, Locked, cur, &next), []uint32{1, 2, 3, 4, 5}, t0); !st.Empty() {
		t.Fatalf("locked: %+v", st)
	}
	if s := c.Status(); s.Phase != PhaseResharing {
		t.Fatalf("phase %s", s.Phase)
	}
	if st := c.Reshared(2, 0, false, nil, t0.Add(time.Second)); st.Signal != 2 || st.Prepare != 2 {
		t.Fatalf("stored: %+v", st)
	}
	st := c.Observe(chainAt(5, Active, next, nil), nil, t0.Add(5*time.Second))
	if st.Switch != 2 || len(st.Erase) != 0 {
		t.Fatalf("advance: %+v", st)
	}
	if s := c.Status(); s.Phase != PhaseIdle || s.Previous != 0 {
		t.Fatalf("status after the advance: %+v", s)
	}
}

// A node that leaves deals, keeps serving the old epoch through the grace
// period after the advance, then erases its shares and holds nothing.
func TestLeaver(t *testing.T) {
	c := New(cfg(), []uint64{1})
	cur := committee(1, 1, 1, 2, 3, 4, 5)
	next := committee(2, 1, 1, 2, 3, 4)
	c.Observe(chainAt(5, Active, cur, nil), nil, t0)
	c.Observe(chainAt(5, Locked, cur, &next), []uint32{1, 2, 3, 4, 5}, t0)
	if s := c.Status(); s.Phase != PhaseOutgoing {
		t.Fatalf("phase %s", s.Phase)
	}
	// Node 5 is not the leader here; as one (nodes 1–4 down) it leads once,
	// and a run that finished is not led again although it holds nothing
	// new.
	if st := c.Observe(chainAt(5, Locked, cur, &next), []uint32{5}, t0); st.Lead == nil {
		t.Fatal("the only live old node does not lead")
	}
	c.Reshared(2, 0, true, nil, t0)
	if st := c.Observe(chainAt(5, Locked, cur, &next), []uint32{5}, t0.Add(time.Minute)); st.Lead != nil {
		t.Fatal("led a finished resharing again")
	}
	if st := c.Reshared(2, 0, false, nil, t0); st.Signal != 0 || c.Stored(2) {
		t.Fatalf("a leaver signalled or counts shares of epoch 2: %+v", st)
	}
	adv := t0.Add(10 * time.Second)
	st := c.Observe(chainAt(5, Active, next, nil), nil, adv)
	if st.Switch != 0 || len(st.Erase) != 0 {
		t.Fatalf("advance: %+v", st)
	}
	if s := c.Status(); s.Phase != PhaseGrace || s.Previous != 1 || s.Active != 0 {
		t.Fatalf("status in grace: %+v", s)
	}
	st = c.Observe(chainAt(5, Active, next, nil), nil, adv.Add(time.Minute))
	if st.Release != 1 || !slices.Equal(st.Erase, []uint64{1}) {
		t.Fatalf("end of grace: %+v", st)
	}
	if s := c.Status(); s.Phase != PhaseLeft {
		t.Fatalf("phase %s", s.Phase)
	}
}

// An undone lock erases the pending shares of the aborted epoch; a late
// outcome of its resharing is not kept.
func TestUnlockErasesPending(t *testing.T) {
	c := New(cfg(), []uint64{1})
	cur := committee(1, 1, 1, 2, 3, 4)
	next := committee(2, 1, 1, 2, 3, 4)
	c.Observe(chainAt(2, Locked, cur, &next), nil, t0)
	c.Reshared(2, 0, false, nil, t0)
	st := c.Observe(chainAt(2, Active, cur, nil), nil, t0.Add(time.Second))
	if !slices.Equal(st.Erase, []uint64{2}) || st.Switch != 0 {
		t.Fatalf("unlock: %+v", st)
	}
	c.Reshared(2, 0, false, nil, t0.Add(2*time.Second))
	if c.Stored(2) {
		t.Fatal("a resharing of an aborted epoch was kept")
	}
	// Locked again: the node takes part afresh and signals again.
	c.Observe(chainAt(2, Locked, cur, &next), nil, t0.Add(3*time.Second))
	if st := c.Reshared(2, 0, false, nil, t0.Add(4*time.Second)); st.Signal != 2 || !c.Stored(2) {
		t.Fatalf("after the relock: %+v", st)
	}
}

// The leader of an undone lock leads again after the relock.
func TestRelockLeadsAgain(t *testing.T) {
	c := New(cfg(), []uint64{1})
	cur := committee(1, 1, 1, 2, 3, 4)
	next := committee(2, 1, 1, 2, 3, 4)
	live := []uint32{1, 2, 3, 4}
	c.Observe(chainAt(1, Active, cur, nil), live, t0)
	if st := c.Observe(chainAt(1, Locked, cur, &next), live, t0); st.Lead == nil {
		t.Fatal("no lead")
	}
	c.Reshared(2, 0, true, nil, t0)
	if st := c.Observe(chainAt(1, Active, cur, nil), live, t0.Add(time.Second)); !slices.Equal(st.Erase, []uint64{2}) {
		t.Fatalf("unlock: %+v", st)
	}
	if st := c.Observe(chainAt(1, Locked, cur, &next), live, t0.Add(2*time.Second)); st.Lead == nil || st.Lead.Attempt != 1 {
		t.Fatalf("relock: %+v", st)
	}
}

// A node restarted after the advance keeps its previous shares for a full
// grace period from its start, then erases them.
func TestRestartAfterAdvance(t *testing.T) {
	c := New(cfg(), []uint64{1, 2})
	next := committee(2, 1, 1, 2, 3, 4)
	st := c.Observe(chainAt(3, Active, next, nil), nil, t0)
	if st.Switch != 2 || len(st.Erase) != 0 {
		t.Fatalf("start: %+v", st)
	}
	st = c.Observe(chainAt(3, Active, next, nil), nil, t0.Add(45*time.Second))
	if !slices.Equal(st.Erase, []uint64{1}) {
		t.Fatalf("end of grace: %+v", st)
	}
}

// A node of the current set without its shares says so.
func TestNoShares(t *testing.T) {
	c := New(cfg(), nil)
	c.Observe(chainAt(3, Active, committee(2, 1, 1, 2, 3, 4), nil), nil, t0)
	if s := c.Status(); s.Phase != PhaseNoShares {
		t.Fatalf("phase %s", s.Phase)
	}
}

// Shares the genesis DKG put in place count as stored and active: the node
// leads the first resharing.
func TestGenesisInPlace(t *testing.T) {
	c := New(cfg(), nil)
	cur := committee(1, 1, 1, 2, 3, 4)
	live := []uint32{1, 2, 3, 4}
	c.Observe(chainAt(1, Active, cur, nil), live, t0)
	if s := c.Status(); s.Phase != PhaseNoShares {
		t.Fatalf("before genesis: %s", s.Phase)
	}
	c.InPlace(1)
	if st := c.Observe(chainAt(1, Active, cur, nil), live, t0); st.Switch != 0 {
		t.Fatalf("a switch to keys already in place: %+v", st)
	}
	next := committee(2, 1, 1, 2, 3, 4)
	if st := c.Observe(chainAt(1, Locked, cur, &next), live, t0); st.Lead == nil {
		t.Fatal("no lead after genesis")
	}
}

// The leader waits LeadDelay after it first sees the lock, so that the
// others have read it too.
func TestLeadDelay(t *testing.T) {
	conf := cfg()
	conf.LeadDelay = 5 * time.Second
	c := New(conf, []uint64{1})
	cur := committee(1, 1, 1, 2, 3, 4)
	next := committee(2, 1, 1, 2, 3, 4)
	live := []uint32{1, 2, 3, 4}
	c.Observe(chainAt(1, Active, cur, nil), live, t0)
	if st := c.Observe(chainAt(1, Locked, cur, &next), live, t0); st.Lead != nil {
		t.Fatal("led at once")
	}
	if st := c.Observe(chainAt(1, Locked, cur, &next), live, t0.Add(4*time.Second)); st.Lead != nil {
		t.Fatal("led before the delay")
	}
	if st := c.Observe(chainAt(1, Locked, cur, &next), live, t0.Add(5*time.Second)); st.Lead == nil {
		t.Fatal("no lead after the delay")
	}
}

// A relock of the same epoch under a new lock number, seen without the undo
// in between: the shares made under the old lock are erased, a late outcome
// of the old lock is ignored, and readiness names the new lock.
func TestRelockUnseen(t *testing.T) {
	c := New(cfg(), []uint64{1})
	cur := committee(1, 1, 1, 2, 3, 4)
	l1 := Committee{Epoch: 2, Lock: 1, T: 1, Nodes: []uint32{1, 2, 3, 4}}
	l2 := Committee{Epoch: 2, Lock: 2, T: 1, Nodes: []uint32{1, 2, 3, 4}}
	c.Observe(chainAt(2, Locked, cur, &l1), nil, t0)
	if st := c.Reshared(2, 1, false, nil, t0); st.Signal != 2 || st.SignalLock != 1 {
		t.Fatalf("under lock 1: %+v", st)
	}
	st := c.Observe(chainAt(2, Locked, cur, &l2), nil, t0.Add(time.Second))
	if !slices.Equal(st.Erase, []uint64{2}) || c.Stored(2) {
		t.Fatalf("relock: %+v", st)
	}
	if st := c.Reshared(2, 1, false, nil, t0.Add(2*time.Second)); !st.Empty() || c.Stored(2) {
		t.Fatalf("a late outcome of lock 1 counted: %+v", st)
	}
	if st := c.Reshared(2, 2, false, nil, t0.Add(3*time.Second)); st.Signal != 2 || st.SignalLock != 2 {
		t.Fatalf("under lock 2: %+v", st)
	}
}
