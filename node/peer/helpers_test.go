package peer

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testDir is a Directory the test changes at will.
type testDir struct {
	mu    sync.RWMutex
	addrs map[uint32]string
	keys  map[uint32]ed25519.PublicKey
}

func newDir() *testDir {
	return &testDir{addrs: map[uint32]string{}, keys: map[uint32]ed25519.PublicKey{}}
}

func (d *testDir) Lookup(key ed25519.PublicKey) (uint32, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	for i, k := range d.keys {
		if k.Equal(key) {
			return i, true
		}
	}
	return 0, false
}

func (d *testDir) Address(i uint32) (string, ed25519.PublicKey, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	k, ok := d.keys[i]
	return d.addrs[i], k, ok
}

func (d *testDir) set(i uint32, addr string, key ed25519.PublicKey) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.addrs[i], d.keys[i] = addr, key
}

func (d *testDir) remove(i uint32) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.addrs, i)
	delete(d.keys, i)
}

// listDir also lists its nodes, so the ping watches them all.
type listDir struct{ *testDir }

func (d listDir) Peers() []uint32 {
	d.mu.RLock()
	defer d.mu.RUnlock()
	out := make([]uint32, 0, len(d.keys))
	for i := range d.keys {
		out = append(out, i)
	}
	return out
}

func newKey(tb testing.TB) ed25519.PrivateKey {
	tb.Helper()
	_, k, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

func pub(k ed25519.PrivateKey) ed25519.PublicKey { return k.Public().(ed25519.PublicKey) }

// freeAddr returns a loopback address nothing listens on (for peers that
// start late or never).
func freeAddr(tb testing.TB, ip string) string {
	tb.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		tb.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

type received struct {
	from uint32
	kind string
	body string
}

// node is a running transport with an echo handler that records what it got.
type node struct {
	*Transport
	index  uint32
	key    ed25519.PrivateKey
	cancel context.CancelFunc
	served chan error
	once   sync.Once
	calls  atomic.Int64
	mu     sync.Mutex
	got    []received
}

func (n *node) received() []received {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]received(nil), n.got...)
}

// echo answers "from=<sender> kind=<kind> body=<body>".
// Kind "nothing" gets an empty reply.
func echo(_ context.Context, from uint32, kind string, body []byte) ([]byte, error) {
	if kind == "nothing" {
		return nil, nil
	}
	return fmt.Appendf(nil, "from=%d kind=%s body=%s", from, kind, body), nil
}

type opts struct {
	key     ed25519.PrivateKey
	listen  string // default 127.0.0.<index>:0
	handler Handler
	noList  bool // do not register the node in the directory
	noServe bool
	quiet   bool // do not record messages (benchmarks)
	config  func(*Config)
}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// start runs node index with directory d until the test ends.
func start(tb testing.TB, d Directory, index uint32, o opts) *node {
	tb.Helper()
	if o.key == nil {
		o.key = newKey(tb)
	}
	if o.listen == "" {
		o.listen = fmt.Sprintf("127.0.0.%d:0", index%250+1)
	}
	if o.handler == nil {
		o.handler = echo
	}
	n := &node{index: index, key: o.key, served: make(chan error, 1)}
	h := o.handler
	cfg := Config{
		Self: index, Key: o.key, Listen: o.listen, Directory: d, Logger: quiet,
		PingInterval: -1,
		Handler: func(ctx context.Context, from uint32, kind string, body []byte) ([]byte, error) {
			n.calls.Add(1)
			if !o.quiet {
				n.mu.Lock()
				n.got = append(n.got, received{from, kind, string(body)})
				n.mu.Unlock()
			}
			return h(ctx, from, kind, body)
		},
	}
	if o.config != nil {
		o.config(&cfg)
	}
	tr, err := New(cfg)
	if err != nil {
		tb.Fatalf("New(%d): %v", index, err)
	}
	n.Transport = tr
	if td, ok := d.(*testDir); ok && !o.noList {
		td.set(index, tr.Addr().String(), pub(o.key))
	}
	if td, ok := d.(listDir); ok && !o.noList {
		td.set(index, tr.Addr().String(), pub(o.key))
	}
	ctx, cancel := context.WithCancel(context.Background())
	n.cancel = cancel
	if o.noServe {
		close(n.served)
		tb.Cleanup(func() { tr.Close() })
		return n
	}
	go func() { n.served <- tr.Serve(ctx) }()
	tb.Cleanup(func() { n.stop(tb) })
	return n
}

// stop shuts the node down and checks that Serve returned cleanly.
func (n *node) stop(tb testing.TB) {
	tb.Helper()
	n.once.Do(func() {
		n.cancel()
		select {
		case err, ok := <-n.served:
			if ok && err != nil {
				tb.Errorf("node %d: Serve: %v", n.index, err)
			}
		case <-time.After(10 * time.Second):
			tb.Errorf("node %d: Serve did not return", n.index)
		}
	})
}

// eventually polls cond (a state the background ping reaches) with a
// generous limit; it asserts that the state is reached, not how fast.
func eventually(tb testing.TB, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("never happened: %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func ctxT(tb testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	tb.Cleanup(cancel)
	return ctx
}
