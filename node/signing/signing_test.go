package signing

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/flint-network/flint/crypto/tecdsa"
)

// An honest request at every node: the leader binds one of its own
// presignatures, every node endorses, the signer set releases shares of the
// same binding and the others answer without one.
func TestHonestRequest(t *testing.T) {
	for _, n := range []int{4, 7} {
		for _, plain := range []bool{false, true} {
			t.Run(fmt.Sprintf("n=%d/plain=%v", n, plain), func(t *testing.T) {
				c := newCluster(t, n)
				r := requestLedBy(n, 2, "honest")
				r.Plain = plain
				c.request(r, ids(n)...)
				c.run()
				var binding *tecdsa.Binding
				for _, id := range ids(n) {
					a, ok := c.answer(id, r)
					if !ok || a.Err != nil {
						t.Fatalf("node %d: %v %v", id, ok, a.Err)
					}
					if binding == nil {
						binding = a.Binding
					}
					if Digest(a.Binding) != Digest(binding) || a.Binding.Owner != 2 {
						t.Fatalf("node %d answers with another binding", id)
					}
					if a.Sign != slices.Contains(a.Binding.Signers, id) {
						t.Fatalf("node %d: sign %v, signers %v", id, a.Sign, a.Binding.Signers)
					}
					if !a.Sign && !slices.Contains(c.nodes[id].erased, a.Binding.Presig) {
						t.Fatalf("non-signer %d keeps the presignature's secrets", id)
					}
				}
				want := 2*c.tt + 1
				if plain {
					want = n
				}
				if len(binding.Signers) != want {
					t.Fatalf("%d signers, want %d", len(binding.Signers), want)
				}
				if len(c.nodes[2].pool.free) != 7 {
					t.Fatal("the leader did not take exactly one presignature")
				}
				c.noFaults(ids(n)...)
				// A repeat gets the same answer, and takes nothing more.
				c.request(r, ids(n)...)
				c.run()
				for _, id := range ids(n) {
					if a, _ := c.answer(id, r); Digest(a.Binding) != Digest(binding) {
						t.Fatalf("node %d answers a repeat differently", id)
					}
				}
				if len(c.nodes[2].pool.free) != 7 {
					t.Fatal("a repeat took another presignature")
				}
			})
		}
	}
}

// released reports which nodes released a share for b.
func (c *cluster) released(r Request, b *tecdsa.Binding, nodes []uint32) []uint32 {
	var out []uint32
	for _, id := range nodes {
		if a, ok := c.answer(id, r); ok && a.Sign && Digest(a.Binding) == Digest(b) {
			out = append(out, id)
		}
	}
	return out
}

// Attack: the owner of a presignature binds it to request 1 at some honest
// nodes and to request 2 at the others, is the client of both, and its
// corrupt friends endorse both. Shares of one presignature for two
// messages let the corrupt parties solve for the nonce and then the key.
// Every split of the honest nodes is tried: no two honest nodes may ever
// release shares for two different bindings of one presignature.
func TestAttackOwnerBindsTwice(t *testing.T) {
	for _, n := range []int{4, 5, 7, 10} {
		tt := (n - 1) / 3
		corrupt := ids(n)[:tt] // node 1 owns the presignature and leads both requests
		honest := ids(n)[tt:]
		owner := corrupt[0]
		p := presigsOf(owner, 1)[0]
		r1 := requestLedBy(n, owner, "pay alice")
		r2 := requestLedBy(n, owner, "pay mallory")
		splits := 1 << len(honest)
		for mask := 0; mask < splits; mask++ {
			var a, b []uint32
			for i, id := range honest {
				if mask>>i&1 == 1 {
					a = append(a, id)
				} else {
					b = append(b, id)
				}
			}
			c := newCluster(t, n)
			for _, id := range corrupt {
				c.nodes[id].down = true // scripted below instead
			}
			signers := func(group []uint32) []uint32 {
				s := append(slices.Clone(group), corrupt...)
				for _, id := range ids(n) {
					if !slices.Contains(s, id) {
						s = append(s, id)
					}
				}
				s = s[:2*tt+1]
				slices.Sort(s)
				return s
			}
			b1 := &tecdsa.Binding{Presig: p, Owner: owner, RequestID: r1.RequestID, Hash: r1.Hash, PublicKey: r1.Key, Signers: signers(a)}
			b2 := &tecdsa.Binding{Presig: p, Owner: owner, RequestID: r2.RequestID, Hash: r2.Hash, PublicKey: r2.Key, Signers: signers(b)}
			c.request(r1, a...)
			c.request(r2, b...)
			for _, group := range []struct {
				nodes []uint32
				bind  *tecdsa.Binding
			}{{a, b1}, {b, b2}} {
				for _, to := range group.nodes {
					c.inject(owner, to, Message{Kind: KindPropose, Binding: group.bind})
					for _, friend := range corrupt[1:] {
						c.inject(friend, to, Message{Kind: KindEndorse, Presig: p, Digest: Digest(group.bind)})
					}
				}
			}
			c.run()
			c.tick(6 * time.Second)
			got1, got2 := c.released(r1, b1, honest), c.released(r2, b2, honest)
			if len(got1) > 0 && len(got2) > 0 {
				t.Fatalf("n=%d split %v/%v: honest nodes released shares of %s for two bindings: %v and %v", n, a, b, p, got1, got2)
			}
			for _, id := range honest {
				for _, f := range c.nodes[id].faults {
					if !slices.Contains(corrupt, f.Node) {
						t.Fatalf("node %d names honest node %d: %s", id, f.Node, f.Reason)
					}
				}
			}
		}
	}
}

// An owner that binds one presignature twice is named by an honest node
// that sees t + 1 endorsements of the other binding.
func TestOwnerNamedForTwoBindings(t *testing.T) {
	c := newCluster(t, 4)
	owner := uint32(1)
	c.nodes[owner].down = true
	p := presigsOf(owner, 1)[0]
	r1 := requestLedBy(4, owner, "named 1")
	r2 := requestLedBy(4, owner, "named 2")
	all := []uint32{2, 3, 4}
	b1 := &tecdsa.Binding{Presig: p, Owner: owner, RequestID: r1.RequestID, Hash: r1.Hash, PublicKey: r1.Key, Signers: all}
	b2 := &tecdsa.Binding{Presig: p, Owner: owner, RequestID: r2.RequestID, Hash: r2.Hash, PublicKey: r2.Key, Signers: all}
	c.inject(owner, 2, Message{Kind: KindPropose, Binding: b1})
	c.inject(owner, 3, Message{Kind: KindPropose, Binding: b2})
	c.inject(owner, 4, Message{Kind: KindPropose, Binding: b2})
	c.run()
	named := false
	for _, f := range c.nodes[2].faults {
		named = named || f.Node == owner
	}
	if !named {
		t.Fatalf("node 2 saw nodes 3 and 4 endorse another binding and did not name the owner: %v", c.nodes[2].faults)
	}
	for _, id := range all {
		for _, f := range c.nodes[id].faults {
			if f.Node != owner {
				t.Fatalf("node %d names honest node %d", id, f.Node)
			}
		}
	}
}

// Attack: a node that is not a request's leader sends "no binding" for it
// before the leader's proposal. The first answer used to win, so one node
// could fail every signature. Only the leader's notice counts.
func TestAttackForgedNotice(t *testing.T) {
	c := newCluster(t, 4)
	r := requestLedBy(4, 2, "forged notice")
	forger := uint32(4)
	for _, to := range []uint32{1, 2, 3} {
		c.inject(forger, to, Message{Kind: KindNotice, Notice: &Notice{RequestID: r.RequestID, Hash: r.Hash, Key: r.Key, Reason: "no presignatures"}})
	}
	c.run() // the notices arrive first
	c.request(r, 1, 2, 3, 4)
	c.run()
	for _, id := range ids(4) {
		if a, ok := c.answer(id, r); !ok || a.Err != nil {
			t.Fatalf("node %d: %v", id, a.Err)
		}
	}
	for _, id := range []uint32{1, 2, 3} {
		if rf := c.nodes[id].refused; len(rf) == 0 || rf[0].Node != forger {
			t.Fatalf("node %d does not record the forged notice: %v", id, rf)
		}
	}
	// The leader's own notice does end the request.
	r2 := requestLedBy(4, 2, "leader notice")
	c.nodes[2].pool.free = nil
	c.request(r2, ids(4)...)
	c.run()
	for _, id := range ids(4) {
		if a, ok := c.answer(id, r2); !ok || !isErr(a, ErrNoPresignatures) {
			t.Fatalf("node %d: %v", id, a.Err)
		}
	}
}

// Attack: a node binds its own presignature to a request another node
// leads (holders used to accept any owner's binding). Nobody endorses it;
// the leader's binding signs.
func TestAttackProposalFromNonLeader(t *testing.T) {
	c := newCluster(t, 4)
	r := requestLedBy(4, 2, "not yours")
	intruder := uint32(3)
	c.nodes[intruder].down = true
	p := presigsOf(intruder, 1)[0]
	bad := &tecdsa.Binding{Presig: p, Owner: intruder, RequestID: r.RequestID, Hash: r.Hash, PublicKey: r.Key, Signers: []uint32{1, 2, 4}}
	for _, to := range []uint32{1, 2, 4} {
		c.inject(intruder, to, Message{Kind: KindPropose, Binding: bad})
	}
	c.run()
	for _, id := range []uint32{1, 2, 4} {
		if _, ok := c.nodes[id].store.bound[p]; ok {
			t.Fatalf("node %d endorsed a binding from a node that does not lead the request", id)
		}
	}
	c.request(r, 1, 2, 4)
	c.run()
	for _, id := range []uint32{1, 2, 4} {
		a, ok := c.answer(id, r)
		if !ok || a.Err != nil || a.Binding.Owner != 2 {
			t.Fatalf("node %d: %+v", id, a)
		}
	}
}

// A leader crashes after persisting its binding and before sending it. A
// presignature it then offers again (a pool rebuilt wrongly) is refused by
// its own store: the request fails, nothing leaves, and no node signs with
// the presignature for anything else.
func TestCrashBetweenPersistAndSend(t *testing.T) {
	c := newCluster(t, 4)
	r := requestLedBy(4, 2, "crash")
	leader := c.nodes[2]
	p := leader.pool.free[0]
	leader.crashBeforeSend = true
	c.request(r, ids(4)...)
	c.run()
	if !leader.down || len(c.queue) != 0 {
		t.Fatal("the leader sent something before its crash")
	}
	if _, ok := leader.store.bound[p]; !ok {
		t.Fatal("the binding is not on disk")
	}
	// Restart with the same store; the pool offers p again.
	leader.pool.free = append([]tecdsa.PresigID{p}, leader.pool.free...)
	c.start(2)
	r2 := requestLedBy(4, 2, "after crash")
	c.request(r2, ids(4)...)
	c.run()
	if a, ok := c.answer(2, r2); !ok || !isErr(a, ErrConflict) {
		t.Fatalf("leader: %+v", a)
	}
	for _, id := range []uint32{1, 3, 4} { // told at once, not after the wait
		if a, ok := c.answer(id, r2); !ok || !isErr(a, ErrNoPresignatures) {
			t.Fatalf("node %d: %+v", id, a)
		}
	}
	for _, id := range []uint32{1, 3, 4} {
		if _, ok := c.nodes[id].store.bound[p]; ok {
			t.Fatalf("node %d endorsed the presignature bound before the crash", id)
		}
	}
	// The next presignature serves the next request.
	r3 := requestLedBy(4, 2, "next")
	c.request(r3, ids(4)...)
	c.run()
	if a, ok := c.answer(2, r3); !ok || a.Err != nil || a.Binding.Presig == p {
		t.Fatalf("leader: %+v", a)
	}
}

// A follower crashes between persisting its endorsement and sending it;
// after its restart it refuses any other binding of that presignature.
func TestFollowerCrashKeepsItsWord(t *testing.T) {
	c := newCluster(t, 4)
	r := requestLedBy(4, 2, "follower crash")
	c.nodes[3].crashBeforeSend = true
	c.request(r, ids(4)...)
	c.run()
	p := c.nodes[2].store.bound
	var id tecdsa.PresigID
	for k := range p {
		id = k
	}
	if _, ok := c.nodes[3].store.bound[id]; !ok || !c.nodes[3].down {
		t.Fatal("node 3 did not persist and crash")
	}
	c.start(3)
	other := requestLedBy(4, 2, "second binding")
	b2 := &tecdsa.Binding{Presig: id, Owner: 2, RequestID: other.RequestID, Hash: other.Hash, PublicKey: other.Key, Signers: []uint32{1, 3, 4}}
	c.inject(2, 3, Message{Kind: KindPropose, Binding: b2})
	c.request(other, 3)
	c.run()
	if a, ok := c.answer(3, other); !ok || !isErr(a, ErrConflict) {
		t.Fatalf("node 3 after restart: %+v", a)
	}
}

// Endorsements that arrive before the proposal count once it arrives;
// frames arrive in reverse order.
func TestOutOfOrder(t *testing.T) {
	c := newCluster(t, 7)
	c.deliver = func(q []envelope) int { return len(q) - 1 }
	r := requestLedBy(7, 5, "reverse")
	c.request(r, ids(7)...)
	c.run()
	for _, id := range ids(7) {
		if a, ok := c.answer(id, r); !ok || a.Err != nil {
			t.Fatalf("node %d: %v", id, a.Err)
		}
	}
	c.noFaults(ids(7)...)
}

// t silent nodes: the others still sign. t+1 silent: the signers cannot
// gather n − t endorsements and say so when the wait ends.
func TestSilentNodes(t *testing.T) {
	c := newCluster(t, 7)
	for _, id := range []uint32{6, 7} {
		c.nodes[id].down = true
	}
	r := requestLedBy(7, 1, "t silent")
	c.request(r, 1, 2, 3, 4, 5)
	c.run()
	for _, id := range ids(5) {
		if a, ok := c.answer(id, r); !ok || a.Err != nil {
			t.Fatalf("node %d: %v", id, a.Err)
		}
	}
	c.nodes[5].down = true
	r2 := requestLedBy(7, 1, "t+1 silent")
	c.request(r2, 1, 2, 3, 4)
	c.run()
	c.tick(6 * time.Second)
	for _, id := range ids(4) {
		a, ok := c.answer(id, r2)
		if !ok || (a.Sign && a.Err == nil) {
			t.Fatalf("node %d released with t+1 silent: %+v", id, a)
		}
	}
}

// A silent leader: every node says so when the bind wait ends.
func TestSilentLeader(t *testing.T) {
	c := newCluster(t, 4)
	c.nodes[3].down = true
	r := requestLedBy(4, 3, "silent leader")
	c.request(r, 1, 2, 4)
	c.tick(6 * time.Second)
	for _, id := range []uint32{1, 2, 4} {
		if a, ok := c.answer(id, r); !ok || !isErr(a, ErrLeaderUnreachable) {
			t.Fatalf("node %d: %+v", id, a)
		}
	}
}

// A peer endorsing presignatures nobody bound here cannot make a node keep
// more than maxPendingPerPeer of them: its oldest go first, nobody is named
// (a corrupt leader can make an honest node endorse what only it was told
// of), and what is left is forgotten in time.
func TestEndorsementFloodBounded(t *testing.T) {
	c := newCluster(t, 4)
	var msgs []Message
	for i := range maxPendingPerPeer + 10 {
		var id tecdsa.PresigID
		id.Index = uint16(i)
		id.Batch[5] = byte(i >> 16)
		id.Batch[6] = byte(i >> 8)
		id.Batch[7] = byte(i)
		msgs = append(msgs, Message{Kind: KindEndorse, Presig: id})
	}
	first, last := msgs[0].Presig, msgs[len(msgs)-1].Presig
	for len(msgs) > 0 {
		k := min(len(msgs), MaxFrameMessages)
		c.inject(4, 1, msgs[:k]...)
		msgs = msgs[k:]
	}
	c.run()
	m := c.nodes[1].m
	if len(m.presigs) != maxPendingPerPeer || m.pending[4] != maxPendingPerPeer {
		t.Fatalf("%d presignatures held, %d pending", len(m.presigs), m.pending[4])
	}
	if m.presigs[first] != nil || m.presigs[last] == nil {
		t.Fatal("the oldest endorsements did not go first")
	}
	c.noFaults(1)
	c.tick(requestTTL + gcEvery + time.Second)
	if len(m.presigs) != 0 || m.pending[4] != 0 || len(m.earlyOrder) != 0 {
		t.Fatalf("after expiry: %d presignatures, %d pending", len(m.presigs), m.pending[4])
	}
}

// A store restored from a backup sets a floor: presignatures of batches
// born before it are never endorsed again.
func TestFloorRefusesOldBatches(t *testing.T) {
	c := newCluster(t, 4)
	c.cfg = func(cfg *Config) {
		if cfg.Self == 3 {
			cfg.Floor = t0
		}
	}
	c.start(3)
	r := requestLedBy(4, 2, "floor")
	c.request(r, ids(4)...)
	c.run()
	for id := range c.nodes[2].store.bound {
		if _, ok := c.nodes[3].store.bound[id]; ok {
			t.Fatal("the restored node endorsed a presignature born before its floor")
		}
	}
	if len(c.nodes[3].refused) == 0 || len(c.nodes[3].faults) != 0 {
		t.Fatalf("the restored node must say why it refused, and blame nobody: %v", c.nodes[3].faults)
	}
	// The other three are n − t: the request still signs.
	for _, id := range []uint32{1, 2, 4} {
		if a, ok := c.answer(id, r); !ok || a.Err != nil {
			t.Fatalf("node %d: %+v", id, a)
		}
	}
}

// Attack: a node proposes bindings of another owner's presignatures, in its
// own name, for requests it leads. Nodes that endorsed them would refuse the
// true owner's binding later: every honest leader's requests would fail.
// Batch ids name their owner, so nobody endorses such a binding, and the
// proposer is named.
func TestAttackBindsAnothersPresignature(t *testing.T) {
	c := newCluster(t, 4)
	thief, owner := uint32(4), uint32(2)
	c.nodes[thief].down = true
	p := c.nodes[owner].pool.free[0]
	r := requestLedBy(4, thief, "steal")
	stolen := &tecdsa.Binding{Presig: p, Owner: thief, RequestID: r.RequestID, Hash: r.Hash, PublicKey: r.Key, Signers: []uint32{1, 2, 3}}
	for _, to := range []uint32{1, 2, 3} {
		c.inject(thief, to, Message{Kind: KindPropose, Binding: stolen})
	}
	c.run()
	for _, id := range []uint32{1, 2, 3} {
		if _, ok := c.nodes[id].store.bound[p]; ok {
			t.Fatalf("node %d endorsed node %d's presignature bound by node %d", id, owner, thief)
		}
		if f := c.nodes[id].faults; len(f) == 0 || f[0].Node != thief {
			t.Fatalf("node %d does not name the thief: %v", id, f)
		}
	}
	// The owner binds it as usual.
	r2 := requestLedBy(4, owner, "own")
	c.request(r2, 1, 2, 3)
	c.run()
	if a, ok := c.answer(owner, r2); !ok || a.Err != nil || a.Binding.Presig != p {
		t.Fatalf("owner: %+v", a)
	}
}

// Attack: a leader floods a node with proposals of presignatures that do not
// exist (a batch nobody took part in), to fill its request table and its
// disk. Nothing of a batch the node does not know is endorsed, and no peer
// creates more than maxPeerRequests requests; clients are still served.
func TestAttackProposalFlood(t *testing.T) {
	c := newCluster(t, 4)
	flooder := uint32(4)
	c.nodes[flooder].down = true
	fake := NewBatchID(t0, flooder, []byte{9, 9, 9, 9, 9})
	var msgs []Message
	for i := range 100 {
		r := requestLedBy(4, flooder, fmt.Sprint("flood ", i))
		b := &tecdsa.Binding{Presig: tecdsa.PresigID{Batch: fake, Index: uint16(i)}, Owner: flooder, RequestID: r.RequestID, Hash: r.Hash, PublicKey: r.Key, Signers: []uint32{2, 3, 4}}
		msgs = append(msgs, Message{Kind: KindPropose, Binding: b})
	}
	c.inject(flooder, 1, msgs...)
	c.run()
	if len(c.nodes[1].store.bound) != 0 || len(c.nodes[1].m.presigs) != 0 {
		t.Fatalf("%d bindings written, %d presignatures kept for presignatures nobody made", len(c.nodes[1].store.bound), len(c.nodes[1].m.presigs))
	}
	if c.nodes[1].m.created[flooder] != 100 {
		t.Fatalf("%d requests counted against the flooder", c.nodes[1].m.created[flooder])
	}
	// A client asking for one of them gets an answer without a share at once.
	r0 := requestLedBy(4, flooder, "flood 0")
	c.request(r0, 1)
	if a, ok := c.answer(1, r0); !ok || a.Err != nil || a.Sign {
		t.Fatalf("outsider answer: %+v", a)
	}
	c.tick(peerRequestTTL + gcEvery + time.Second)
	// Real presignatures, bound to junk: at most maxPeerRequests requests
	// stay, each only for peerRequestTTL.
	m := c.nodes[1].m
	for i := range maxPeerRequests + 5 {
		r := requestLedBy(4, flooder, fmt.Sprint("junk ", i))
		m.Step(Notice{From: flooder, RequestID: r.RequestID, Hash: r.Hash, Key: r.Key})
	}
	if m.created[flooder] != maxPeerRequests {
		t.Fatalf("%d requests created by one peer", m.created[flooder])
	}
	r := requestLedBy(4, 2, "a client")
	c.request(r, 1, 2, 3)
	c.run()
	if a, ok := c.answer(1, r); !ok || a.Err != nil {
		t.Fatalf("the client's request: %+v", a)
	}
	c.tick(peerRequestTTL + gcEvery + time.Second)
	if m.created[flooder] != 0 {
		t.Fatalf("%d of the peer's requests kept", m.created[flooder])
	}
}

// Attack: an honest node is restored from a backup while a corrupt owner
// has bindings of presignatures dated into the future endorsed elsewhere:
// the restored node must not endorse a second binding of them. Its floor
// lies beyond any batch it could have endorsed, and batches from its
// future are refused.
func TestFutureBatchesRefused(t *testing.T) {
	c := newCluster(t, 4)
	owner := uint32(1)
	c.nodes[owner].down = true
	future := NewBatchID(t0.Add(time.Hour), owner, []byte{1, 1, 1, 1, 1})
	p := tecdsa.PresigID{Batch: future}
	c.nodes[2].pool.known[p] = true
	r := requestLedBy(4, owner, "future")
	b := &tecdsa.Binding{Presig: p, Owner: owner, RequestID: r.RequestID, Hash: r.Hash, PublicKey: r.Key, Signers: []uint32{2, 3, 4}}
	c.inject(owner, 2, Message{Kind: KindPropose, Binding: b})
	c.run()
	if _, ok := c.nodes[2].store.bound[p]; ok || len(c.nodes[2].refused) == 0 {
		t.Fatal("a presignature of a batch an hour in the future was endorsed")
	}
}

// Through an epoch change's grace period node 5 (a joiner) neither leads
// nor signs: a request that all five would give to node 5 is led by one of
// the nodes 1–4 a client of the previous epoch knows, every signer is one
// of them, and the client's four nodes answer it without node 5.
func TestLeadersLeaveJoinersOut(t *testing.T) {
	for _, plain := range []bool{false, true} {
		t.Run(fmt.Sprintf("plain=%v", plain), func(t *testing.T) {
			c := newCluster(t, 5)
			old := []uint32{1, 2, 3, 4}
			for _, id := range ids(5) {
				c.step(id, Leaders{Nodes: old})
			}
			r := requestLedBy(5, 5, "joiner")
			r.Plain = plain
			if l := c.nodes[1].m.Leader(r.RequestID, r.Hash, r.Key); l == 5 || l == 0 {
				t.Fatalf("leader %d", l)
			}
			c.request(r, old...)
			c.run()
			for _, id := range old {
				a, ok := c.answer(id, r)
				if !ok || a.Err != nil {
					t.Fatalf("node %d: %v %v", id, ok, a.Err)
				}
				if slices.Contains(a.Binding.Signers, 5) || a.Binding.Owner == 5 {
					t.Fatalf("node 5 in the binding: owner %d, signers %v", a.Binding.Owner, a.Binding.Signers)
				}
			}
			c.noFaults(ids(5)...)
			// Without the restriction the same request is node 5's.
			for _, id := range ids(5) {
				c.step(id, Leaders{})
			}
			r2 := requestLedBy(5, 5, "after")
			if l := c.nodes[1].m.Leader(r2.RequestID, r2.Hash, r2.Key); l != 5 {
				t.Fatalf("leader %d after the grace period, want 5", l)
			}
		})
	}
}

// A retired machine (a newer epoch's machine leads this node's requests)
// binds nothing, even for a request it leads, and leaves such a request
// unbound for the driver to hand over; it still follows another leader's
// binding to the end.
func TestRetiredMachineFollowsOnly(t *testing.T) {
	c := newCluster(t, 4)
	c.step(2, Retire{})
	mine := requestLedBy(4, 2, "retired-leader")
	c.request(mine, ids(4)...)
	c.run()
	if len(c.nodes[2].pool.free) != 8 {
		t.Fatal("a retired machine took a presignature")
	}
	for _, id := range ids(4) {
		if a, ok := c.answer(id, mine); ok {
			t.Fatalf("node %d answered a request nobody bound: %v", id, a.Err)
		}
		if c.nodes[id].m.Bound(mine.Lookup()) {
			t.Fatalf("node %d holds a binding of a request nobody bound", id)
		}
	}
	c.tick(6 * time.Second) // the bind wait ends
	if a, ok := c.answer(1, mine); !ok || !isErr(a, ErrLeaderUnreachable) {
		t.Fatalf("a follower's answer after the bind wait: %v %v", ok, a.Err)
	}

	theirs := requestLedBy(4, 3, "retired-follower")
	c.request(theirs, ids(4)...)
	c.run()
	for _, id := range ids(4) {
		a, ok := c.answer(id, theirs)
		if !ok || a.Err != nil || a.Binding.Owner != 3 {
			t.Fatalf("node %d: %v %v", id, ok, a.Err)
		}
		if !c.nodes[id].m.Bound(theirs.Lookup()) {
			t.Fatalf("node %d reports no binding of a bound request", id)
		}
	}
	c.noFaults(ids(4)...)
}

// At a change of the leader rule (Leaders.At: the end of an epoch change's
// grace period) nodes stand on both sides of the moment for a little while.
// A request whose leader differs under the two rules still gets one
// binding: the earlier rule's leader, if its clock is before the change,
// binds it at once and the later rule's leader, waiting LeaderChangeWait,
// follows it; if no node is before the change, the later rule's leader
// binds it after the wait. Either way every node answers with that one
// binding, and nobody is named.
func TestLeaderRuleChange(t *testing.T) {
	before, after := []uint32{1, 2, 3}, ids(4)
	var r Request
	for i := 0; ; i++ {
		id := []byte(fmt.Sprintf("change-%d", i))
		if a, b := tecdsa.Leader(id, before), tecdsa.Leader(id, after); a != b && b == 4 {
			r = Request{RequestID: id, Hash: [32]byte{1}, Key: key("pkp")}
			break
		}
	}
	early := tecdsa.Leader(r.RequestID, before)
	for _, tc := range []struct {
		name      string
		earlyLate bool // the earlier rule's leader's clock is past the change too
		owner     uint32
	}{{"earlier leader before the change", false, early}, {"every clock past the change", true, 4}} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t, 4)
			at := c.now.Add(time.Second)
			for _, id := range ids(4) {
				c.step(id, Leaders{Nodes: before, At: at})
				now := at.Add(100 * time.Millisecond)
				if id == early && !tc.earlyLate {
					now = at.Add(-100 * time.Millisecond)
				}
				c.step(id, Tick{Now: now, Live: ids(4)})
			}
			c.request(r, ids(4)...)
			c.run()
			if tc.owner == 4 {
				if _, ok := c.answer(1, r); ok {
					t.Fatal("answered before the later rule's leader waited for the other's proposal")
				}
				c.tick(2500 * time.Millisecond) // every clock moves on past the wait (the base clock is a second before the change)
				c.run()
			}
			var b *tecdsa.Binding
			for _, id := range ids(4) {
				a, ok := c.answer(id, r)
				if !ok || a.Err != nil {
					t.Fatalf("node %d: %v %v", id, ok, a.Err)
				}
				if b == nil {
					b = a.Binding
				}
				if Digest(a.Binding) != Digest(b) || a.Binding.Owner != tc.owner {
					t.Fatalf("node %d answers with node %d's binding, want one binding by node %d", id, a.Binding.Owner, tc.owner)
				}
			}
			if taken := 8 - len(c.nodes[4].pool.free); tc.owner != 4 && taken != 0 {
				t.Fatal("the later rule's leader bound a presignature although the earlier one did")
			}
			c.noFaults(ids(4)...)
		})
	}
}

// Outside LeaderChangeSlack of a change of the leader rule, only the rule in
// force names a request's leader: the other rule's leader (here a corrupt
// one, on either side of the change) gets no endorsement for its binding,
// whether the request came from a client first or from its proposal.
func TestAttackOtherRuleLeaderOutsideSlack(t *testing.T) {
	before, after := []uint32{1, 2, 3}, ids(4)
	var r Request
	for i := 0; ; i++ {
		id := []byte(fmt.Sprintf("outside-%d", i))
		if a, b := tecdsa.Leader(id, before), tecdsa.Leader(id, after); a != b {
			r = Request{RequestID: id, Hash: [32]byte{2}, Key: key("pkp")}
			break
		}
	}
	for _, tc := range []struct {
		name        string
		offset      time.Duration // of every clock from the change
		clientFirst bool
	}{
		{"earlier rule's leader after the change", LeaderChangeSlack + 500*time.Millisecond, true},
		{"earlier rule's leader after the change, proposal first", LeaderChangeSlack + 500*time.Millisecond, false},
		{"later rule's leader before the change", -LeaderChangeSlack - 500*time.Millisecond, true},
		{"later rule's leader before the change, proposal first", -LeaderChangeSlack - 500*time.Millisecond, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCluster(t, 4)
			at := c.now.Add(time.Second)
			for _, id := range ids(4) {
				c.step(id, Leaders{Nodes: before, At: at})
				c.step(id, Tick{Now: at.Add(tc.offset), Live: ids(4)})
			}
			intruder := tecdsa.Leader(r.RequestID, before) // the rule not in force
			if tc.offset < 0 {
				intruder = tecdsa.Leader(r.RequestID, after)
			}
			c.nodes[intruder].down = true
			var others []uint32
			for _, id := range ids(4) {
				if id != intruder {
					others = append(others, id)
				}
			}
			if tc.clientFirst {
				for _, id := range others {
					c.step(id, r)
				}
			}
			p := presigsOf(intruder, 1)[0]
			bad := &tecdsa.Binding{Presig: p, Owner: intruder, RequestID: r.RequestID, Hash: r.Hash, PublicKey: r.Key, Signers: []uint32{1, 2, 3}}
			for _, to := range others {
				c.inject(intruder, to, Message{Kind: KindPropose, Binding: bad})
			}
			c.run()
			for _, id := range others {
				if _, ok := c.nodes[id].store.bound[p]; ok {
					t.Fatalf("node %d endorsed the binding of a leader under the rule not in force, %s from the change", id, tc.offset)
				}
			}
		})
	}
}
