package signing

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/flint-network/flint/crypto/tecdsa"
)

// The harness runs a committee of Machines in one goroutine, as raft's
// rafttest does: a fake pool and a fake durable store per node, a queue of
// frames between them (encoded and decoded as on the wire), and a driver
// that carries out each Ready in order. Tests script corrupt nodes by
// injecting frames in their name, dropping or reordering deliveries, and
// crashing a node between its persist and its send.

var t0 = time.Unix(1_900_000_000, 0)

// fakePool hands out a node's own presignatures in order, and knows every
// presignature in known.
type fakePool struct {
	free      []tecdsa.PresigID
	holders   []uint32
	refilling bool
	known     map[tecdsa.PresigID]bool
}

func (p *fakePool) Known(id tecdsa.PresigID) bool { return p.known[id] }

func (p *fakePool) Take(live []uint32, quorum int) (tecdsa.PresigID, []uint32, bool) {
	var h []uint32
	for _, id := range p.holders {
		if slices.Contains(live, id) {
			h = append(h, id)
		}
	}
	if len(p.free) == 0 || len(h) < quorum {
		return tecdsa.PresigID{}, nil, false
	}
	id := p.free[0]
	p.free = p.free[1:]
	return id, h, true
}

func (p *fakePool) Refilling() bool { return p.refilling }

// fakeStore is a node's durable binding records: one binding per
// presignature, ever, surviving crashes.
type fakeStore struct{ bound map[tecdsa.PresigID][32]byte }

func (s *fakeStore) persist(b *tecdsa.Binding) error {
	dg := Digest(b)
	if prev, ok := s.bound[b.Presig]; ok && prev != dg {
		return fmt.Errorf("%w: %s", tecdsa.ErrAlreadyBound, b.Presig)
	}
	s.bound[b.Presig] = dg
	return nil
}

type hnode struct {
	id      uint32
	m       *Machine
	pool    *fakePool
	store   *fakeStore
	answers map[[32]byte][]Answer
	erased  []tecdsa.PresigID
	faults  []Fault
	refused []Fault
	// crashBeforeSend: the next Ready's records are persisted, then the
	// node dies before it sends anything.
	crashBeforeSend bool
	down            bool
}

type envelope struct {
	from, to uint32
	frame    []byte
}

type cluster struct {
	t       testing.TB
	n, tt   int
	nodes   map[uint32]*hnode
	now     time.Time
	queue   []envelope
	deliver func(queue []envelope) int // picks the next envelope (default: first)
	cfg     func(*Config)
}

func ids(n int) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		out[i] = uint32(i + 1)
	}
	return out
}

// presigsOf returns count presignature ids owned by node id.
func presigsOf(id uint32, count int) []tecdsa.PresigID {
	var out []tecdsa.PresigID
	batch := NewBatchID(t0.Add(-time.Minute), id, []byte{1, 2, 3, 4, 5})
	for i := range count {
		out = append(out, tecdsa.PresigID{Batch: batch, Index: uint16(i), Decision: sha256.Sum256([]byte{byte(id)})})
	}
	return out
}

func newCluster(t testing.TB, n int) *cluster {
	c := &cluster{t: t, n: n, tt: (n - 1) / 3, nodes: map[uint32]*hnode{}, now: t0}
	known := map[tecdsa.PresigID]bool{} // every node took part in every batch
	for _, id := range ids(n) {
		for _, p := range presigsOf(id, 8) {
			known[p] = true
		}
	}
	for _, id := range ids(n) {
		c.nodes[id] = &hnode{id: id, store: &fakeStore{bound: map[tecdsa.PresigID][32]byte{}},
			pool: &fakePool{free: presigsOf(id, 8), holders: ids(n), known: known}}
		c.start(id)
	}
	return c
}

// start (re)creates node id's Machine over its store and pool.
func (c *cluster) start(id uint32) {
	h := c.nodes[id]
	cfg := Config{Self: id, Nodes: ids(c.n), T: c.tt, BindWait: 5 * time.Second, EndorseWait: 5 * time.Second,
		MaxAge: 24 * time.Hour, MaxSkew: 10 * time.Minute, Pool: h.pool}
	if c.cfg != nil {
		c.cfg(&cfg)
	}
	m, err := New(cfg)
	if err != nil {
		c.t.Fatal(err)
	}
	h.m, h.answers, h.down = m, map[[32]byte][]Answer{}, false
	m.Step(Tick{Now: c.now, Live: ids(c.n)})
	c.drive(id)
}

// drive carries out node id's Ready values in order: persist (and report),
// send, answer, erase.
func (c *cluster) drive(id uint32) {
	h := c.nodes[id]
	for !h.down && h.m.HasReady() {
		rd := h.m.Ready()
		for _, rec := range rd.Persist {
			err := h.store.persist(rec.Binding)
			if h.crashBeforeSend {
				continue
			}
			h.m.Step(Persisted{Presig: rec.Binding.Presig, Err: err})
		}
		if h.crashBeforeSend && len(rd.Persist) > 0 {
			h.down, h.crashBeforeSend = true, false
			return
		}
		byPeer := map[uint32][]Message{}
		for _, m := range rd.Send {
			byPeer[m.To] = append(byPeer[m.To], m)
		}
		for _, to := range ids(c.n) {
			if msgs := byPeer[to]; len(msgs) > 0 {
				frame, err := EncodeFrame(msgs)
				if err != nil {
					c.t.Fatal(err)
				}
				c.queue = append(c.queue, envelope{from: id, to: to, frame: frame})
			}
		}
		for _, a := range rd.Answer {
			h.answers[a.Lookup] = append(h.answers[a.Lookup], a)
		}
		h.erased = append(h.erased, rd.Erase...)
		h.faults = append(h.faults, rd.Faults...)
		h.refused = append(h.refused, rd.Refused...)
	}
}

// inject queues a frame of msgs as if node from sent it to node to.
func (c *cluster) inject(from, to uint32, msgs ...Message) {
	frame, err := EncodeFrame(msgs)
	if err != nil {
		c.t.Fatal(err)
	}
	c.queue = append(c.queue, envelope{from: from, to: to, frame: frame})
}

// step gives node id one input and drives it.
func (c *cluster) step(id uint32, in any) {
	if h := c.nodes[id]; h != nil && !h.down && h.m != nil {
		h.m.Step(in)
		c.drive(id)
	}
}

// run delivers frames until none is left.
func (c *cluster) run() {
	for len(c.queue) > 0 {
		i := 0
		if c.deliver != nil {
			i = c.deliver(c.queue)
		}
		e := c.queue[i]
		c.queue = slices.Delete(c.queue, i, i+1)
		h := c.nodes[e.to]
		if h == nil || h.down || h.m == nil {
			continue
		}
		_, inputs, err := DecodeFrame(e.from, e.frame)
		if err != nil {
			c.t.Fatalf("frame from %d: %v", e.from, err)
		}
		for _, in := range inputs {
			h.m.Step(in)
		}
		c.drive(e.to)
	}
}

// tick advances every live node's clock.
func (c *cluster) tick(d time.Duration) {
	c.now = c.now.Add(d)
	for _, id := range ids(c.n) {
		c.step(id, Tick{Now: c.now, Live: ids(c.n)})
	}
	c.run()
}

// request sends a client's request to the given nodes.
func (c *cluster) request(r Request, to ...uint32) {
	for _, id := range to {
		c.step(id, r)
	}
}

// answer returns node id's last answer to r, if any.
func (c *cluster) answer(id uint32, r Request) (Answer, bool) {
	as := c.nodes[id].answers[r.Lookup()]
	if len(as) == 0 {
		return Answer{}, false
	}
	return as[len(as)-1], true
}

func key(s string) [33]byte {
	var k [33]byte
	k[0] = 0x02
	h := sha256.Sum256([]byte(s))
	copy(k[1:], h[:])
	return k
}

// requestLedBy returns a request whose leader among all n nodes is leader.
func requestLedBy(n int, leader uint32, tag string) Request {
	for i := 0; ; i++ {
		id := []byte(fmt.Sprintf("%s-%d", tag, i))
		if tecdsa.Leader(id, ids(n)) == leader {
			return Request{RequestID: id, Hash: sha256.Sum256([]byte(tag)), Key: key("pkp")}
		}
	}
}

func (c *cluster) noFaults(nodes ...uint32) {
	c.t.Helper()
	for _, id := range nodes {
		if f := c.nodes[id].faults; len(f) > 0 {
			c.t.Fatalf("node %d reports faults: %v", id, f)
		}
	}
}

func isErr(a Answer, target error) bool { return errors.Is(a.Err, target) }
