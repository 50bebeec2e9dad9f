package signing

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func refusalOf(r Request, code string) Refusal {
	return Refusal{RequestID: r.RequestID, Hash: r.Hash, Key: r.Key, Code: code}
}

// refusedWith checks that node id failed r with the leader's refusal code.
func (c *cluster) refusedWith(id uint32, r Request, leader uint32, code string) {
	c.t.Helper()
	a, ok := c.answer(id, r)
	if !ok {
		c.t.Fatalf("node %d has not answered", id)
	}
	var re *LeaderRefusedError
	if !errors.As(a.Err, &re) || !errors.Is(a.Err, ErrLeaderRefused) || re.Leader != leader || re.Code != code {
		c.t.Fatalf("node %d: %v, want the leader %d's refusal %s", id, a.Err, leader, code)
	}
}

// The leader refuses a request its followers accepted (a permission revoked
// on chain that only it has read): the followers fail it at once with the
// leader's code, not after the bind wait with "leader unreachable".
func TestLeaderRefusalFailsFollowersPromptly(t *testing.T) {
	c := newCluster(t, 4)
	r := requestLedBy(4, 2, "revoked")
	c.request(r, 1, 3, 4)
	c.run()
	for _, id := range []uint32{1, 3, 4} {
		if _, ok := c.answer(id, r); ok {
			t.Fatalf("node %d answered before the leader said anything", id)
		}
	}
	c.step(2, refusalOf(r, "NodePKPNotAuthorized"))
	c.run() // no tick: the clock has not moved
	for _, id := range []uint32{1, 3, 4} {
		c.refusedWith(id, r, 2, "NodePKPNotAuthorized")
	}
	if len(c.nodes[2].m.requests) != 0 {
		t.Fatal("the refusing leader keeps state of a request it refused")
	}
	c.noFaults(ids(4)...)
	// A bad code from the handler goes out as "Unknown", never as it is.
	r2 := requestLedBy(4, 2, "bad code")
	c.request(r2, 1)
	c.step(2, refusalOf(r2, "no spaces\nplease"))
	c.run()
	c.refusedWith(1, r2, 2, "Unknown")
}

// Attack: a node that does not lead a request says the leader refused it,
// before anyone asks. Every node ignores it (and records it); the request
// signs. A non-leader's own Refusal input sends nothing.
func TestAttackRefusalFromNonLeader(t *testing.T) {
	c := newCluster(t, 4)
	r := requestLedBy(4, 2, "forged refusal")
	forger := uint32(4)
	for _, to := range []uint32{1, 2, 3} {
		c.inject(forger, to, Message{Kind: KindNotice, Notice: &Notice{RequestID: r.RequestID, Hash: r.Hash, Key: r.Key, Reason: RefusedPrefix + "NodePKPNotAuthorized"}})
	}
	c.run()
	c.nodes[forger].m.Step(refusalOf(r, "NodePKPNotAuthorized"))
	if rd := c.nodes[forger].m.Ready(); len(rd.Send) != 0 {
		t.Fatalf("a node that does not lead the request sends a refusal: %+v", rd.Send)
	}
	c.request(r, ids(4)...)
	c.run()
	for _, id := range ids(4) {
		if a, ok := c.answer(id, r); !ok || a.Err != nil {
			t.Fatalf("node %d: %v", id, a.Err)
		}
	}
	for _, id := range []uint32{1, 2, 3} {
		if rf := c.nodes[id].refused; len(rf) == 0 || rf[0].Node != forger {
			t.Fatalf("node %d does not record the forged refusal: %v", id, rf)
		}
	}
}

// The leader's refusal reaches a follower before the client's request does:
// the request fails as soon as it comes. The notice is forgotten after
// peerRequestTTL, so a later request under the same id is not blocked.
func TestRefusalNoticeBeforeRequest(t *testing.T) {
	c := newCluster(t, 4)
	r := requestLedBy(4, 2, "notice first")
	c.step(2, refusalOf(r, "NodeQuotaExceeded"))
	c.run()
	c.request(r, 1)
	c.run()
	c.refusedWith(1, r, 2, "NodeQuotaExceeded")

	r2 := requestLedBy(4, 2, "notice expires")
	c.step(2, refusalOf(r2, "NodePKPNotAuthorized"))
	c.run()
	c.tick(peerRequestTTL + gcEvery + time.Second)
	c.request(r2, ids(4)...)
	c.run()
	for _, id := range ids(4) {
		if a, ok := c.answer(id, r2); !ok || a.Err != nil {
			t.Fatalf("node %d, after the refusal expired: %v", id, a.Err)
		}
	}
}

// A refusal never undoes a request the leader already took: a copy of a
// request id refused at the leader after the client's own was bound sends
// nothing, and the request signs.
func TestRefusalLeavesKnownRequestAlone(t *testing.T) {
	c := newCluster(t, 4)
	r := requestLedBy(4, 2, "known")
	c.request(r, 2)
	c.step(2, refusalOf(r, "NodeAuthInvalidSignature"))
	c.request(r, 1, 3, 4)
	c.run()
	for _, id := range ids(4) {
		if a, ok := c.answer(id, r); !ok || a.Err != nil {
			t.Fatalf("node %d: %v", id, a.Err)
		}
	}
}

// After a refusal the client may ask again under the same id (its
// permission granted back): the followers wait for the leader's word anew,
// and the leader's binding signs, whether it comes before or after the
// client's repeat.
func TestRepeatAfterRefusal(t *testing.T) {
	for _, proposalFirst := range []bool{false, true} {
		t.Run(fmt.Sprint("proposalFirst=", proposalFirst), func(t *testing.T) {
			c := newCluster(t, 4)
			r := requestLedBy(4, 2, "granted back")
			c.request(r, 1, 3, 4)
			c.step(2, refusalOf(r, "NodePKPNotAuthorized"))
			c.run()
			for _, id := range []uint32{1, 3, 4} {
				c.refusedWith(id, r, 2, "NodePKPNotAuthorized")
			}
			if proposalFirst {
				c.request(r, 2)
				c.run()
				c.request(r, 1, 3, 4)
			} else {
				c.request(r, 1, 3, 4)
				c.request(r, 2)
			}
			c.run()
			for _, id := range ids(4) {
				if a, ok := c.answer(id, r); !ok || a.Err != nil {
					t.Fatalf("node %d: %v", id, a.Err)
				}
			}
		})
	}
}

// A leader's refusal notices for requests nobody asked for are kept within
// a budget of their own (maxPeerRefusals), apart from the one its proposals
// use: beyond it they create nothing (a request they name just waits for
// the leader as before), the leader's proposals still find room, and they
// expire after peerRequestTTL.
func TestRefusalMemoryBounded(t *testing.T) {
	c := newCluster(t, 4)
	m := c.nodes[1].m
	var last Request
	for i := range maxPeerRefusals + 100 {
		last = requestLedBy(4, 2, fmt.Sprintf("flood %d", i))
		m.Step(Notice{From: 2, RequestID: last.RequestID, Hash: last.Hash, Key: last.Key, Reason: RefusedPrefix + "NodePKPNotAuthorized"})
	}
	if rd := m.Ready(); len(rd.Refused) != 100 {
		t.Fatalf("%d refusals beyond the budget recorded, want 100", len(rd.Refused))
	}
	if len(m.requests) != maxPeerRefusals || m.refusals[2] != maxPeerRefusals || m.created[2] != 0 {
		t.Fatalf("node 1 keeps %d requests (%d refusals, %d others of node 2's), budget %d", len(m.requests), m.refusals[2], m.created[2], maxPeerRefusals)
	}
	m.Step(last)
	if rd := m.Ready(); len(rd.Answer) != 0 {
		t.Fatalf("a refusal beyond the budget failed a request: %+v", rd.Answer)
	}
	// The leader's proposals still have room: a request signs.
	r := requestLedBy(4, 2, "after the flood")
	c.request(r, 2)
	c.run()
	c.request(r, 1, 3, 4)
	c.run()
	for _, id := range ids(4) {
		if a, ok := c.answer(id, r); !ok || a.Err != nil {
			t.Fatalf("node %d after a flood of refusals: %v", id, a.Err)
		}
	}
	// They expire: after peerRequestTTL the budget is back.
	c.tick(peerRequestTTL + gcEvery + time.Second)
	if m.refusals[2] != 0 {
		t.Fatalf("after the TTL: %d of node 2's refusals kept", m.refusals[2])
	}
}

func TestRefusedCode(t *testing.T) {
	long := strings.Repeat("A", maxRefusedCode+1)
	for _, tc := range []struct {
		reason, code string
		ok           bool
	}{
		{RefusedPrefix + "NodePKPNotAuthorized", "NodePKPNotAuthorized", true},
		{RefusedPrefix + strings.Repeat("A", maxRefusedCode), strings.Repeat("A", maxRefusedCode), true},
		{RefusedPrefix + long, "Unknown", true},
		{RefusedPrefix, "Unknown", true},
		{RefusedPrefix + "<script>", "Unknown", true},
		{"no presignatures", "", false},
	} {
		code, ok := RefusedCode(tc.reason)
		if code != tc.code || ok != tc.ok {
			t.Errorf("RefusedCode(%q) = %q, %v; want %q, %v", tc.reason, code, ok, tc.code, tc.ok)
		}
	}
}

// FuzzRefusedCode: whatever reason a peer sends, the code that reaches a
// client is a short alphanumeric word.
func FuzzRefusedCode(f *testing.F) {
	f.Add(RefusedPrefix + "NodePKPNotAuthorized")
	f.Add(RefusedPrefix + "\x00\xff")
	f.Add("no presignatures")
	f.Fuzz(func(t *testing.T, reason string) {
		code, ok := RefusedCode(reason)
		if ok != strings.HasPrefix(reason, RefusedPrefix) || (ok && !validCode(code)) {
			t.Fatalf("RefusedCode(%q) = %q, %v", reason, code, ok)
		}
	})
}
