package peer

import (
	"context"
	"crypto/ed25519"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// Directory maps transport keys to node indices and back, as the on-chain
// registry lists them. The node fills it and may change it at any time (new
// epochs, key rotation): the transport consults it at every handshake and
// every message. It must be safe for concurrent use.
type Directory interface {
	// Lookup returns the index of the node whose transport key is key.
	Lookup(key ed25519.PublicKey) (index uint32, ok bool)
	// Address returns where node index listens ("host:port") and its key.
	Address(index uint32) (hostport string, key ed25519.PublicKey, ok bool)
}

// Lister is an optional extension of a Directory: when the Directory also
// lists its nodes, the background ping watches all of them from the start.
// Without it, the ping watches the nodes this transport has exchanged
// messages with, in either direction.
type Lister interface {
	Peers() []uint32
}

// Handler serves one message from node from. A nil error with any reply
// (nil too) accepts the message. Errors reach the sender as a status and a
// short text (errors must not carry secrets): ErrUnavailable (or a context
// error) means "send again later", ErrUnknownKind means the kind is not
// served here, any other error refuses the message for good. Send delivers at
// least once, so a handler sees duplicates and must tolerate them.
type Handler func(ctx context.Context, from uint32, kind string, body []byte) (reply []byte, err error)

// Config configures a Transport. Zero durations and sizes take the defaults
// given beside them.
type Config struct {
	Self      uint32             // this node's index
	Key       ed25519.PrivateKey // this node's transport key
	Listen    string             // host:port to listen on, e.g. "127.0.0.2:7471" (port 0 picks one)
	Directory Directory
	Handler   Handler
	Logger    *slog.Logger // default: slog.Default()

	MaxBody         int64         // largest body accepted or sent, 64 MiB
	MaxPeerPending  int64         // body bytes one peer may have buffered here at once, 2×MaxBody
	DialTimeout     time.Duration // TCP connect plus TLS handshake, 3s
	AttemptTimeout  time.Duration // one delivery attempt of Send, 30s
	HandlerTimeout  time.Duration // a message here, from arrival to answer, 30s
	ShutdownTimeout time.Duration // grace for running handlers at shutdown, 5s
	PingInterval    time.Duration // background ping period, 1s; negative disables it
	PingTimeout     time.Duration // one ping, 2s
	RetryMin        time.Duration // first backoff of Send, 50ms
	RetryMax        time.Duration // backoff cap of Send, 2s

	// Registerer, when set, receives the transport's metrics (flint_peer_*).
	Registerer prometheus.Registerer
}

// Defaults.
const (
	DefaultMaxBody = 64 << 20
)

func (c *Config) normalize() error {
	if len(c.Key) != ed25519.PrivateKeySize {
		return fmt.Errorf("%w: transport key must be an ed25519 private key", ErrConfig)
	}
	if c.Directory == nil || c.Handler == nil {
		return fmt.Errorf("%w: Directory and Handler are required", ErrConfig)
	}
	if _, _, err := net.SplitHostPort(c.Listen); err != nil {
		return fmt.Errorf("%w: listen address %q: %w", ErrConfig, c.Listen, err)
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.MaxBody < 0 {
		return fmt.Errorf("%w: negative MaxBody", ErrConfig)
	}
	if c.MaxBody == 0 {
		c.MaxBody = DefaultMaxBody
	}
	if c.MaxPeerPending == 0 {
		c.MaxPeerPending = 2 * c.MaxBody
	}
	if c.MaxPeerPending < c.MaxBody {
		return fmt.Errorf("%w: MaxPeerPending below MaxBody", ErrConfig)
	}
	for _, d := range []struct {
		p   *time.Duration
		def time.Duration
	}{
		{&c.DialTimeout, 3 * time.Second},
		{&c.AttemptTimeout, 30 * time.Second},
		{&c.HandlerTimeout, 30 * time.Second},
		{&c.ShutdownTimeout, 5 * time.Second},
		{&c.PingTimeout, 2 * time.Second},
		{&c.RetryMin, 50 * time.Millisecond},
		{&c.RetryMax, 2 * time.Second},
	} {
		if *d.p < 0 {
			return fmt.Errorf("%w: negative duration", ErrConfig)
		}
		if *d.p == 0 {
			*d.p = d.def
		}
	}
	if c.PingInterval == 0 {
		c.PingInterval = time.Second
	}
	if c.RetryMax < c.RetryMin {
		c.RetryMax = c.RetryMin
	}
	return nil
}

// Transport sends messages to other nodes and serves theirs. Safe for
// concurrent use.
type Transport struct {
	cfg     Config
	log     *slog.Logger
	cert    tls.Certificate
	ln      net.Listener
	srv     *http.Server
	metrics *metrics

	// closing ends when Close starts: it aborts outgoing calls and pings.
	closing context.Context
	stop    context.CancelFunc
	// handlers' contexts end after the shutdown grace period.
	handlerCtx    context.Context
	handlerCancel context.CancelFunc

	mu     sync.Mutex
	closed bool
	peers  map[uint32]*peer
	conns  map[*http.ClientConn]bool // every open connection, current or retired

	handling  atomic.Int64 // handlers running
	smu       sync.Mutex   // guards the server's connection states
	active    map[net.Conn]bool
	busy      int            // connections with open streams
	accepted  int            // connections accepted, for tests
	inflight  sync.WaitGroup // Call and Send
	bg        sync.WaitGroup // pings and dials
	serving   atomic.Bool
	closeOnce sync.Once
	closeErr  error
}

// New checks cfg, makes the node's certificate and binds the listener (so
// Addr works at once); Serve starts answering.
func New(cfg Config) (*Transport, error) {
	if err := cfg.normalize(); err != nil {
		return nil, err
	}
	cert, err := selfSigned(cfg.Key)
	if err != nil {
		return nil, err
	}
	m, err := newMetrics(cfg.Registerer)
	if err != nil {
		return nil, err
	}
	log := cfg.Logger.With("node", cfg.Self)
	pub := cfg.Key.Public().(ed25519.PublicKey)
	if _, listed, ok := cfg.Directory.Address(cfg.Self); ok && !listed.Equal(pub) {
		// Not fatal: the registry may be about to catch up with a rotation.
		log.Warn("peer: the directory lists another transport key for this node",
			"listed", fingerprint(listed), "own", fingerprint(pub))
	}
	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return nil, fmt.Errorf("peer: listen: %w", err)
	}
	t := &Transport{
		cfg:     cfg,
		log:     log,
		cert:    cert,
		ln:      ln,
		metrics: m,
		peers:   make(map[uint32]*peer),
		conns:   make(map[*http.ClientConn]bool),
		active:  make(map[net.Conn]bool),
	}
	t.closing, t.stop = context.WithCancel(context.Background())
	t.handlerCtx, t.handlerCancel = context.WithCancel(context.Background())
	protocols := new(http.Protocols)
	protocols.SetHTTP2(true)
	t.srv = &http.Server{
		Handler:           http.HandlerFunc(t.serveHTTP),
		TLSConfig:         serverTLS(cert, cfg.Directory),
		Protocols:         protocols,
		ReadHeaderTimeout: cfg.DialTimeout, // also bounds the TLS handshake
		// Per stream under HTTP/2: reading a body, and handling plus answering.
		ReadTimeout:    cfg.AttemptTimeout,
		WriteTimeout:   cfg.AttemptTimeout + cfg.HandlerTimeout,
		IdleTimeout:    5 * time.Minute,
		MaxHeaderBytes: 16 << 10,
		HTTP2: &http.HTTP2Config{
			MaxConcurrentStreams:          1000,
			MaxReceiveBufferPerConnection: 4<<20 - 1,
			MaxReceiveBufferPerStream:     4<<20 - 1,
		},
		ConnState:   t.connState,
		ErrorLog:    slog.NewLogLogger(log.Handler(), slog.LevelInfo),
		BaseContext: func(net.Listener) context.Context { return t.handlerCtx },
	}
	log.Info("peer: listening", "addr", ln.Addr().String(), "key", fingerprint(pub))
	return t, nil
}

// Addr is the address the transport listens on.
func (t *Transport) Addr() net.Addr { return t.ln.Addr() }

// Serve answers peers and pings them until ctx ends or Close is called, then
// shuts down: running handlers get ShutdownTimeout to finish, outgoing calls
// are aborted with ErrClosed. It returns nil after a clean shutdown.
func (t *Transport) Serve(ctx context.Context) error {
	if !t.serving.CompareAndSwap(false, true) {
		return errors.New("peer: Serve called twice")
	}
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		return ErrClosed
	}
	if t.cfg.PingInterval > 0 {
		t.bg.Go(t.pingLoop) // under mu: shutdown waits for bg only after setting closed
	}
	t.mu.Unlock()
	served := make(chan error, 1)
	go func() { served <- t.srv.ServeTLS(t.ln, "", "") }()
	var err error
	select {
	case <-ctx.Done():
	case <-t.closing.Done():
	case err = <-served:
		served <- err
		if errors.Is(err, http.ErrServerClosed) { // Close won the race
			err = nil
		}
	}
	cerr := t.Close() // or wait for the Close in progress
	<-served
	if err != nil {
		return fmt.Errorf("peer: serve: %w", err)
	}
	return cerr
}

// Close shuts the transport down (see Serve). It is idempotent.
func (t *Transport) Close() error {
	t.closeOnce.Do(func() { t.closeErr = t.shutdown() })
	return t.closeErr
}

func (t *Transport) shutdown() error {
	t.mu.Lock()
	t.closed = true
	t.mu.Unlock()
	t.stop()
	// Shutdown stops accepting and sends GOAWAY; new messages go elsewhere or
	// wait for the restart. It would then wait a second for each peer to
	// hang up its idle connection, so once the running handlers are done the
	// connections are closed outright.
	sctx, cancel := context.WithTimeout(context.Background(), t.cfg.ShutdownTimeout)
	defer cancel()
	shut := make(chan error, 1)
	go func() { shut <- t.srv.Shutdown(sctx) }()
	idle := time.NewTicker(2 * time.Millisecond)
	for !t.quiet() && sctx.Err() == nil {
		<-idle.C
	}
	idle.Stop()
	var err error
	if !t.quiet() {
		err = fmt.Errorf("handlers still running after %v", t.cfg.ShutdownTimeout)
		t.log.Warn("peer: handlers still running at the end of the grace period")
	}
	// A stream counts as done once its last frame is queued; give the
	// connection a moment to flush it.
	select {
	case <-time.After(flushGrace):
	case <-sctx.Done():
	}
	t.handlerCancel()
	_ = t.srv.Close()
	<-shut
	_ = t.ln.Close() // in case Serve never ran; already closed otherwise
	t.inflight.Wait()
	t.bg.Wait()
	t.mu.Lock()
	for cc := range t.conns {
		cc.Close()
	}
	clear(t.conns)
	for _, p := range t.peers {
		p.conn = nil
	}
	t.mu.Unlock()
	t.log.Info("peer: closed")
	if err != nil {
		return fmt.Errorf("peer: shutdown: %w", err)
	}
	return nil
}

// flushGrace is how long shutdown waits between the last stream's end and
// closing the connections.
const flushGrace = 10 * time.Millisecond

// quiet reports whether no handler runs and no connection has open streams.
func (t *Transport) quiet() bool {
	t.smu.Lock()
	defer t.smu.Unlock()
	return t.handling.Load() == 0 && t.busy == 0
}

// connState follows the server's connections: HTTP/2 reports a connection
// active while it has open streams.
func (t *Transport) connState(c net.Conn, s http.ConnState) {
	t.smu.Lock()
	defer t.smu.Unlock()
	was := t.active[c]
	now := s == http.StateActive
	switch {
	case s == http.StateNew:
		t.accepted++
	case s == http.StateClosed || s == http.StateHijacked:
		delete(t.active, c)
	default:
		t.active[c] = now
	}
	switch {
	case now && !was:
		t.busy++
	case !now && was:
		t.busy--
	}
}

// begin registers an outgoing operation; its context ends with cause
// ErrClosed when the transport closes.
func (t *Transport) begin(ctx context.Context) (context.Context, func(), error) {
	t.mu.Lock()
	if t.closed {
		t.mu.Unlock()
		return nil, nil, ErrClosed
	}
	t.inflight.Add(1)
	t.mu.Unlock()
	ctx, cancel := context.WithCancelCause(ctx)
	stop := context.AfterFunc(t.closing, func() { cancel(ErrClosed) })
	return ctx, func() {
		stop()
		cancel(nil)
		t.inflight.Done()
	}, nil
}
