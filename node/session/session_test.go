package session

import (
	"context"
	"crypto/rand"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/tecdsa"
)

// memNet delivers between engines in memory, each delivery in its own
// goroutine as a network would; down nodes receive nothing.
type memNet struct {
	mu      sync.Mutex
	engines map[uint32]*Engine
	down    map[uint32]bool
}

type memSender struct {
	net  *memNet
	self uint32
}

func (s memSender) Send(ctx context.Context, to uint32, kind string, body []byte) error {
	s.net.mu.Lock()
	e, down := s.net.engines[to], s.net.down[to] || s.net.down[s.self]
	s.net.mu.Unlock()
	if down {
		<-ctx.Done() // a dead peer: retried until the context ends
		return ctx.Err()
	}
	return e.Deliver(s.self, body)
}

type result struct {
	mu   sync.Mutex
	done map[uint32]mpc.Party
	wg   sync.WaitGroup
}

func newNet(t *testing.T, n int, factory func(self uint32) Factory, res *result) *memNet {
	t.Helper()
	net := &memNet{engines: map[uint32]*Engine{}, down: map[uint32]bool{}}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	for i := uint32(1); i <= uint32(n); i++ {
		self := i
		e := New(Config{
			Self: self, Sender: memSender{net, self}, Kind: "mpc", Factory: factory(self),
			Round: 400 * time.Millisecond,
			Finished: func(h *Header, p mpc.Party) {
				res.mu.Lock()
				res.done[self] = p
				res.mu.Unlock()
				res.wg.Done()
			},
		})
		net.engines[self] = e
		go e.Run(ctx)
	}
	return net
}

func parties(n int) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		out[i] = uint32(i + 1)
	}
	return out
}

func dkgFactory(self uint32) Factory {
	return func(h *Header, from uint32) (mpc.Party, error) {
		if h.Protocol != ProtocolECDSAKeygen {
			return nil, errors.New("unexpected protocol")
		}
		return tecdsa.NewDKG(tecdsa.Params{Self: self, Parties: h.Parties, T: tecdsa.DefaultThreshold(len(h.Parties)), Leader: h.Leader, Session: h.ID})
	}
}

func runDKG(t *testing.T, n int, down ...uint32) map[uint32]mpc.Party {
	res := &result{done: map[uint32]mpc.Party{}}
	net := newNet(t, n, dkgFactory, res)
	for _, d := range down {
		net.down[d] = true
	}
	res.wg.Add(n - len(down))
	h := &Header{Protocol: ProtocolECDSAKeygen, ID: []byte("genesis-1"), Leader: 1, Parties: parties(n)}
	p, _ := dkgFactory(1)(h, 1)
	if err := net.engines[1].Start(h, p); err != nil {
		t.Fatal(err)
	}
	waitTimeout(t, &res.wg, 20*time.Second)
	return res.done
}

func waitTimeout(t *testing.T, wg *sync.WaitGroup, d time.Duration) {
	t.Helper()
	ch := make(chan struct{})
	go func() { wg.Wait(); close(ch) }()
	select {
	case <-ch:
	case <-time.After(d):
		t.Fatal("sessions did not finish")
	}
}

func TestDKGOverEngines(t *testing.T) {
	done := runDKG(t, 4)
	var pub []byte
	for id, p := range done {
		ks, err := p.(*tecdsa.DKG).Result()
		if err != nil {
			t.Fatalf("node %d: %v", id, err)
		}
		enc, _ := ks.MarshalBinary()
		_ = enc
		pk := ks.PublicKeys()[0]
		b := pk.X.Bytes()
		if pub == nil {
			pub = b[:]
		} else if string(pub) != string(b[:]) {
			t.Fatal("nodes disagree on the root key")
		}
	}
}

// A silent member: the others' rounds expire and they finish without it.
func TestSilentMemberExpires(t *testing.T) {
	done := runDKG(t, 4, 4)
	for id := uint32(1); id <= 3; id++ {
		if _, err := done[id].(*tecdsa.DKG).Result(); err != nil {
			t.Fatalf("node %d: %v", id, err)
		}
	}
}

func TestPresignOverEngines(t *testing.T) {
	keys := map[uint32]*tecdsa.KeyShare{}
	for id, p := range runDKG(t, 4) {
		keys[id], _ = p.(*tecdsa.DKG).Result()
	}
	res := &result{done: map[uint32]mpc.Party{}}
	factory := func(self uint32) Factory {
		return func(h *Header, from uint32) (mpc.Party, error) {
			return tecdsa.NewPresign(tecdsa.Params{Self: self, Parties: h.Parties, T: 1, Leader: h.Leader, Session: h.ID}, keys[self], int(h.Count))
		}
	}
	net := newNet(t, 4, factory, res)
	res.wg.Add(4)
	id := make([]byte, 16)
	rand.Read(id)
	h := &Header{Protocol: ProtocolPresign, ID: id, Leader: 2, Parties: parties(4), Count: 5}
	p, _ := factory(2)(h, 2)
	if err := net.engines[2].Start(h, p); err != nil {
		t.Fatal(err)
	}
	waitTimeout(t, &res.wg, 20*time.Second)
	for id, p := range res.done {
		ps, err := p.(*tecdsa.Presign).Result()
		if err != nil || len(ps) != 5 {
			t.Fatalf("node %d: %d presignatures, %v", id, len(ps), err)
		}
	}
	// Late messages for the finished session are dropped quietly, and the
	// session cannot start again.
	if err := net.engines[1].Start(h, p); !errors.Is(err, ErrRefused) {
		t.Fatalf("restart of a finished session: %v", err)
	}
}

func TestRefusals(t *testing.T) {
	res := &result{done: map[uint32]mpc.Party{}}
	net := newNet(t, 4, dkgFactory, res)
	e := net.engines[1]
	h := &Header{Protocol: ProtocolECDSAKeygen, ID: []byte("s"), Leader: 2, Parties: []uint32{2, 3, 4}}
	if err := e.Deliver(2, encodeEnvelope(h, 0, []byte{1})); !errors.Is(err, ErrRefused) {
		t.Fatalf("session without this node: %v", err)
	}
	h.Parties = []uint32{1, 2, 3}
	if err := e.Deliver(4, encodeEnvelope(h, 0, []byte{1})); !errors.Is(err, ErrRefused) {
		t.Fatalf("sender outside the session: %v", err)
	}
	if err := e.Deliver(2, []byte{9, 9, 9}); !errors.Is(err, ErrRefused) {
		t.Fatalf("garbage: %v", err)
	}
	// A running session refuses a message whose header differs.
	res.wg.Add(4)
	h = &Header{Protocol: ProtocolECDSAKeygen, ID: []byte("x"), Leader: 1, Parties: parties(4)}
	net.down[2], net.down[3], net.down[4] = true, true, true // keep it running
	p, _ := dkgFactory(1)(h, 1)
	if err := e.Start(h, p); err != nil {
		t.Fatal(err)
	}
	h2 := *h
	h2.Epoch = 7
	if err := e.Deliver(2, encodeEnvelope(&h2, 0, []byte{1})); !errors.Is(err, ErrRefused) {
		t.Fatalf("header mismatch: %v", err)
	}
}

func FuzzDecodeEnvelope(f *testing.F) {
	f.Add(encodeEnvelope(&Header{Protocol: ProtocolPresign, ID: make([]byte, 16), Leader: 2, Parties: []uint32{1, 2, 3}, Count: 9}, 3, []byte("payload")))
	f.Add(encodeEnvelope(&Header{Protocol: ProtocolBLSKeygen, ID: make([]byte, 32), Leader: 1, Parties: []uint32{1, 2}, Extra: []byte("keys")}, 0, nil))
	f.Add([]byte{1, 1, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		env, err := decodeEnvelope(b)
		if err != nil {
			return
		}
		again := encodeEnvelope(env.header, env.to, env.payload)
		if string(again) != string(b) {
			t.Fatal("accepted envelope does not round-trip")
		}
	})
}
