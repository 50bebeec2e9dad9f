// Package explorer serves the Flint explorer — a web app that shows one Flint network — and the
// small JSON API the app reads.
//
// Its PKPs page looks PKPs and their permissions up on the network's chain (Config.Chain), also
// through the server's API (GET /api/v1/pkps); on a devnet it may mint, grant, revoke and transfer
// with the devnet's dev account (Config.DevAccount; POST /api/v1/dev/…), and anywhere with the
// browser's own wallet (EIP-1193 window.ethereum), for which the server only encodes each
// transaction (POST /api/v1/wallet/…) and never signs. With the dev account and a
// client of the nodes (Config.Connect) its Actions playground publishes, runs and checks Actions
// (POST /api/v1/dev/{publish,run}) and its decrypt page encrypts and decrypts texts under access
// control conditions (POST /api/v1/dev/{encrypt,decrypt}).
//
// The server polls each node's operator views (/status, /metrics; /healthz where those are not
// served) once a second, keeps a few minutes of the network's traffic, and answers the page with
// one summary (GET /api/v1/network) rather than letting the browser scrape the nodes itself: the
// nodes' Prometheus text is large, and the operator views may sit on a private listener that only
// the explorer's host reaches.
//
// The app is plain HTML, CSS and JavaScript modules embedded in the binary (assets/): it works
// offline and has no build step. The HTML is rendered with the network's static facts (its nodes,
// threshold and quorum) so the first paint needs no request; the page's scripts then fill in and
// refresh the live state.
//
// The explorer is meant for the operator's own browser: it listens on loopback by default
// (DefaultListen), answers only Host names of loopback when bound there (a DNS-rebinding page
// cannot read it), and refuses any request that may change state from another origin (guard).
package explorer

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"time"

	"github.com/flint-network/flint/client"
)

// DefaultListen is where the explorer listens unless told otherwise: loopback only.
const DefaultListen = "127.0.0.1:7400"

// Node is one node of the network as network.json lists it.
type Node struct {
	Index   int
	URL     string // the client API's base URL; the operator views are read under it
	Address string // its operator address, if known
}

// Config is the network the explorer shows and how it reaches it.
type Config struct {
	Nodes     []Node
	ChainID   uint64
	Threshold int
	Quorum    int
	// Chain, when set, reaches the network's chain for the PKPs page; it is called on the first
	// lookup, and again after a failure (the chain may come up after the explorer). Nil turns the
	// lookups off (ExplorerNoChain).
	Chain func(context.Context) (Chain, error)
	// DevAccount, when set, is a devnet's development account (network.json's devAccountKey): the
	// PKPs page may then mint PKPs, grant and revoke their permissions and transfer them with it (POST
	// /api/v1/dev/…), labelled as such. Only for a devnet's explorer on loopback: whoever reaches
	// the explorer may spend it. Chain must then return a Writer.
	DevAccount *ecdsa.PrivateKey
	// Connect, when set, connects the Go client to the nodes for the Actions playground and the
	// decrypt page, which run Actions and decrypt with a session of DevAccount; it is called on
	// first use and again after a failure. Nil turns them off (ExplorerNoNodes).
	Connect func(context.Context) (*client.Client, error)
	// IPFSStore is the content store directory the nodes read Action code from (network.json's
	// ipfsStore): the playground's Publish adds code there. Empty: Publish only computes the CID.
	IPFSStore string
	// HTTP reaches the nodes (trusting their CA); nil is http.DefaultClient.
	HTTP *http.Client
	// Interval is the time between polls (default 1 s), Smooth the window over which rates,
	// ratios and latency quantiles are measured (default 5 s), Window the history kept for the
	// charts (default 5 min).
	Interval, Smooth, Window time.Duration
}

// Bounds of the configuration, named in its errors.
const (
	maxNodes    = 1000
	minInterval = 100 * time.Millisecond
	maxWindow   = time.Hour
)

func (c *Config) check() error {
	if len(c.Nodes) == 0 || len(c.Nodes) > maxNodes {
		return fmt.Errorf("explorer: %d nodes; want 1 to %d", len(c.Nodes), maxNodes)
	}
	seen := map[int]bool{}
	for _, n := range c.Nodes {
		u, err := url.Parse(n.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("explorer: node %d: URL %q is not an http(s) URL", n.Index, n.URL)
		}
		if seen[n.Index] {
			return fmt.Errorf("explorer: node index %d listed twice", n.Index)
		}
		seen[n.Index] = true
	}
	if c.HTTP == nil {
		c.HTTP = http.DefaultClient
	}
	if c.Interval == 0 {
		c.Interval = time.Second
	}
	if c.Smooth == 0 {
		c.Smooth = 5 * time.Second
	}
	if c.Window == 0 {
		c.Window = 5 * time.Minute
	}
	if c.Interval < minInterval {
		return fmt.Errorf("explorer: interval %v is under the minimum of %v", c.Interval, minInterval)
	}
	if c.Smooth < c.Interval || c.Window < c.Smooth || c.Window > maxWindow {
		return fmt.Errorf("explorer: want interval ≤ smooth ≤ window ≤ %v; have %v, %v, %v", maxWindow, c.Interval, c.Smooth, c.Window)
	}
	return nil
}

// pollTimeout is how long one poll of the nodes may take: a node slower than this is down.
func (c *Config) pollTimeout() time.Duration { return max(c.Interval, 2*time.Second) }

// Server is the explorer: its collector of the nodes' state and its HTTP handler.
type Server struct {
	cfg     Config
	coll    *collector
	pkps    *pkpLookups
	dev     *devWrites
	nodes   *nodesClient
	handler http.Handler
}

// New makes an explorer for the network of cfg. It polls nothing until Run.
func New(cfg Config) (*Server, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, coll: newCollector(cfg), pkps: newPKPLookups(cfg.Chain), nodes: &nodesClient{connect: cfg.Connect, slots: make(chan struct{}, maxRuns)}}
	s.dev = newDevWrites(cfg.DevAccount, s.pkps)
	h, err := s.routes()
	if err != nil {
		return nil, err
	}
	s.handler = h
	return s, nil
}

// Run polls the nodes until ctx ends.
func (s *Server) Run(ctx context.Context) { s.coll.run(ctx) }

// Handler serves the app and the API to a listener on addr (host:port): bound to loopback, it
// answers only loopback Host names.
func (s *Server) Handler(addr string) http.Handler { return guard(addr, s.handler) }

// Serve runs the explorer on ln until ctx ends: the polling and the HTTP server. It returns nil
// when ctx ends, else the server's error.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	srv := &http.Server{
		Handler:           s.Handler(ln.Addr().String()),
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.Run(ctx)
	}()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
		err = fmt.Errorf("explorer: %w", err)
	}
	cancel()
	sctx, scancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer scancel()
	srv.Shutdown(sctx)
	<-done
	return err
}

// URL is the address a browser opens for a listener on addr.
func URL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr + "/"
	}
	if ip, err := netip.ParseAddr(host); err == nil && ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return "http://" + net.JoinHostPort(host, port) + "/"
}
