package node

import (
	"errors"
	"testing"

	"github.com/flint-network/flint/node/session"
)

// relock gives every node's view the same next set under another lock
// number (the owner undid the lock and locked again).
func (tn *testNet) relock(t *testing.T, ids []int, lock uint64) {
	t.Helper()
	for _, i := range ids {
		n := tn.nodes[i-1]
		v := *n.view()
		nx := *v.next
		nx.lock = lock
		v.next = &nx
		n.views.Store(&v)
	}
}

// An aborted lock's resharing session, replayed (by a corrupt old node
// leading again, or a late message) after the owner relocked the same sets,
// is refused: the session id names the lock. Before the id was bound, the
// node took it as the relock's run, recorded its share under the new lock and,
// by the one-outcome rule, refused the relock's honest run (H6). A session
// id that names nothing (random bytes) or another protocol is refused too.
func TestAttackReplayedAbortedLockSession(t *testing.T) {
	tn := newEpochNet(t, 5, 4)
	cur, next := []int{1, 2, 3, 4}, []int{1, 2, 3, 4, 5}
	tn.lock(t, cur, next)
	tn.relock(t, next, 1)
	n2 := tn.nodes[1]
	hdr := func(proto uint8, id []byte) *session.Header {
		return &session.Header{Protocol: proto, ID: id, Epoch: 2, Leader: 1, Parties: u32(next)}
	}
	aborted := hdr(session.ProtocolECDSAReshare, n2.reshareID(session.ProtocolECDSAReshare, 2, 1))
	if _, err := n2.newParty(aborted, 1); err != nil {
		t.Fatalf("lock 1's own session: %v", err)
	}
	tn.relock(t, next, 2) // the owner undid lock 1 and locked the same sets again
	for name, h := range map[string]*session.Header{
		"lock 1's session replayed":       hdr(session.ProtocolECDSAReshare, n2.reshareID(session.ProtocolECDSAReshare, 2, 1)),
		"lock 1's BLS session replayed":   hdr(session.ProtocolBLSReshare, n2.reshareID(session.ProtocolBLSReshare, 2, 1)),
		"a random session id":             hdr(session.ProtocolECDSAReshare, randomID(32)),
		"the BLS tag on an ECDSA session": hdr(session.ProtocolECDSAReshare, n2.reshareID(session.ProtocolBLSReshare, 2, 2)),
	} {
		if p, err := n2.newParty(h, 1); err == nil || errors.Is(err, session.ErrBusy) {
			t.Errorf("%s: accepted as this lock's run (party %T, err %v)", name, p, err)
		}
	}
	if _, err := n2.newParty(hdr(session.ProtocolECDSAReshare, n2.reshareID(session.ProtocolECDSAReshare, 2, 2)), 1); err != nil {
		t.Fatalf("lock 2's own session: %v", err)
	}
}
