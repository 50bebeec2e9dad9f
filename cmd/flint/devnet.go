package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/explorer"
)

func init() { commands = append(commands, newDevnetCmd) }

type devnetFlags struct {
	dir          string
	nodes        int
	chainRPC     string
	firstIP      string
	port         uint16
	nodeLogLevel string
	tls          bool
	explorer     string // listen address of the explorer, or "off"
	epochGrace   time.Duration
	leadDelay    time.Duration
}

// Bounds of --epoch-grace: a node keeps the previous epoch's shares this long after an epoch change, for
// the requests still naming that epoch; under a second even a request in flight misses them, and a devnet
// has no use for more than an hour.
const (
	minEpochGrace = time.Second
	maxEpochGrace = time.Hour
)

// Bounds of --reshare-lead-delay: the resharing's leader waits this long after it sees a lock, so that
// the other nodes have read it; they read the chain every 250 ms, and every epoch change waits it out
// once (the nodes refuse more than a minute).
const (
	minLeadDelay = 250 * time.Millisecond
	maxLeadDelay = time.Minute
)

func newDevnetCmd() *cobra.Command {
	var f devnetFlags
	cmd := &cobra.Command{
		Use:   "devnet [--nodes N] [--dir DIR]",
		Short: "Run a whole network on this machine: dev chain, contracts, N nodes",
		Long: `Starts the development chain with Flint's contracts, registers N nodes on 127.0.0.x addresses,
runs each as a "flint node" process, waits for the genesis key generation and prints one ready line.
DIR/network.json then tells the other commands (--network) how to reach the network; node logs are
in DIR/nodeN/node.log. Ctrl-C stops the nodes and the chain; starting again on the same DIR resumes
the same network with the same keys. With --tls the nodes serve https with a self-signed certificate
for their IPs (DIR/tls/cert.pem), which the client commands trust through network.json's caFile.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runDevnet(cmd, &f)
		},
	}
	cmd.AddCommand(newDevnetFundCmd())                                                     // pkp_wallet.go
	cmd.AddCommand(newDevnetAddNodeCmd(), newDevnetRemoveNodeCmd(), newDevnetRefreshCmd()) // devnet_epochs.go
	fl := cmd.Flags()
	fl.IntVar(&f.nodes, "nodes", 4, "number of nodes: 1 (a single-node development network) or 4 to 200 (resuming: the network's own count)")
	fl.StringVar(&f.dir, "dir", ".devnet", "directory of the network: chain, node stores, network.json")
	fl.StringVar(&f.chainRPC, "chain-rpc", "127.0.0.1:8545", "loopback host:port of the dev chain's JSON-RPC")
	fl.StringVar(&f.firstIP, "first-ip", "127.0.0.2", "IPv4 loopback address of node 1; node i gets the i-th address from there")
	fl.Uint16Var(&f.port, "port", 7470, "the nodes' client API port (peers use port+1)")
	fl.StringVar(&f.nodeLogLevel, "node-log-level", "info", "the nodes' log level: debug, info, warn or error")
	fl.StringVar(&f.explorer, "explorer", explorer.DefaultListen, "loopback host:port of the explorer web app (another free port if this default one is taken), or \"off\"")
	fl.DurationVar(&f.epochGrace, "epoch-grace", 0, fmt.Sprintf("how long the nodes keep the previous epoch's shares after an epoch change, %s to %s (default: the nodes' own, 1m; resuming: as last set); \"flint devnet remove-node\" waits it out", minEpochGrace, maxEpochGrace))
	fl.DurationVar(&f.leadDelay, "reshare-lead-delay", 0, fmt.Sprintf("how long the resharing's leader waits after it sees a lock before it starts, so that the other nodes have read it too, %s to %s (default: the nodes' own, 5s; resuming: as last set); every epoch change waits it out once", minLeadDelay, maxLeadDelay))
	fl.BoolVar(&f.tls, "tls", false, "serve the client API over https with a self-signed certificate for the nodes' IPs, DIR/tls/cert.pem, which network.json names as caFile (resuming: as the network was made)")
	return cmd
}

func runDevnet(cmd *cobra.Command, f *devnetFlags) error {
	ctx := cmd.Context()
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	cfg, resuming, err := f.config(cmd.Flags().Changed)
	if err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("devnet: finding the flint binary: %w", err)
	}
	cfg.Exec = []string{exe, "node"}
	cfg.Logger = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	if resuming {
		fmt.Fprintf(stderr, "flint devnet: resuming the %d-node network in %s\n", cfg.Nodes, cfg.Dir)
	} else {
		fmt.Fprintf(stderr, "flint devnet: creating a %d-node network in %s: dev chain, contracts, node registration\n", cfg.Nodes, cfg.Dir)
	}
	if cfg.Nodes == 1 {
		fmt.Fprintln(stderr, "flint devnet: a single-node development network: t = 0, so the one node holds the keys alone and signs by itself")
	}
	start := time.Now()
	d, err := devnet.Start(ctx, cfg)
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, "flint devnet: interrupted while starting")
			return nil
		}
		return fmt.Errorf("devnet: %w", err)
	}
	fmt.Fprintf(stderr, "flint devnet: chain at %s; %d nodes started, their logs in %s\n",
		d.Network.ChainRPC, len(d.URLs()), filepath.Join(cfg.Dir, "nodeN", "node.log"))

	// The explorer starts with the nodes, before genesis: its page shows the network coming up.
	explorerURL, stopExplorer, err := startDevnetExplorer(ctx, d, f.explorer, cmd.Flags().Changed("explorer"), stderr)
	if err == nil {
		// "flint devnet add-node" and "remove-node" ask this process to start and stop nodes.
		var stopControl func()
		changes := &watchChanges{}
		if stopControl, err = serveDevnetControl(d, changes, stderr); err == nil {
			err = superviseDevnet(ctx, d, cfg, start, explorerURL, changes, stdout, stderr)
			stopControl()
		}
		stopExplorer()
	}
	fmt.Fprintln(stderr, "flint devnet: stopping the nodes and the chain")
	if cerr := d.Close(); cerr != nil && err == nil {
		err = fmt.Errorf("devnet: stopping: %w", cerr)
	}
	if err == nil {
		fmt.Fprintf(stderr, "flint devnet: stopped; \"flint devnet --dir %s\" resumes the same network\n", cfg.Dir)
	}
	return err
}

// config turns the flags into a devnet configuration. Resuming, the node count, first IP and port
// default to the network's own, and a conflicting flag is an error rather than a second network
// registered over the first.
func (f *devnetFlags) config(changed func(string) bool) (devnet.Config, bool, error) {
	cfg := devnet.Config{Dir: f.dir, ChainRPC: f.chainRPC}
	if f.dir == "" {
		return cfg, false, usagef("--dir is empty")
	}
	prev, err := devnet.ReadNetwork(filepath.Join(f.dir, "network.json"))
	resuming := err == nil
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return cfg, false, usagef("%w (remove %s to start a new network there)", err, f.dir)
	}
	if resuming {
		if changed("nodes") && f.nodes != len(prev.Nodes) {
			return cfg, false, usagef("%s holds a %d-node network: resume it with --nodes %d, or pass another --dir for a new network", f.dir, len(prev.Nodes), len(prev.Nodes))
		}
		f.nodes = len(prev.Nodes)
		if !changed("tls") {
			f.tls = prev.CAFile != ""
		}
		// Node 1 may have left in an epoch change: the node directories tell the first IP.
		ap, ok := firstNodeDir(f.dir)
		if !ok {
			ap, ok = firstNode(prev)
		}
		if ok {
			if !changed("first-ip") {
				f.firstIP = ap.Addr().String()
			}
			if !changed("port") {
				f.port = ap.Port()
			}
		}
	}
	if err := devnet.CheckNodeCount(f.nodes); err != nil {
		return cfg, false, usagef("--nodes %d: %w", f.nodes, err)
	}
	first, err := netip.ParseAddr(f.firstIP)
	if err != nil || !first.Is4() || !first.IsLoopback() {
		return cfg, false, usagef("--first-ip %q: want an IPv4 loopback address such as 127.0.0.2", f.firstIP)
	}
	last := first
	for range f.nodes - 1 {
		last = last.Next()
	}
	if !last.IsLoopback() {
		return cfg, false, usagef("--first-ip %s: %d nodes would leave 127.0.0.0/8", first, f.nodes)
	}
	if f.port == 0 || f.port == 65535 {
		return cfg, false, usagef("--port %d: want 1 to 65534 (peers listen on port+1)", f.port)
	}
	if f.explorer != "" && f.explorer != "off" && !loopbackHostPort(f.explorer) {
		return cfg, false, usagef("--explorer %q: want a loopback host:port such as %s, or \"off\"", f.explorer, explorer.DefaultListen)
	}
	if !loopbackHostPort(f.chainRPC) {
		return cfg, false, usagef("--chain-rpc %q: want a loopback host:port such as 127.0.0.1:8545", f.chainRPC)
	}
	if err := cfg.NodeLogLevel.UnmarshalText([]byte(f.nodeLogLevel)); err != nil {
		return cfg, false, usagef("--node-log-level %q: want debug, info, warn or error", f.nodeLogLevel)
	}
	if changed("epoch-grace") && (f.epochGrace < minEpochGrace || f.epochGrace > maxEpochGrace) {
		return cfg, false, usagef("--epoch-grace %s: want %s to %s", f.epochGrace, minEpochGrace, maxEpochGrace)
	}
	if changed("reshare-lead-delay") && (f.leadDelay < minLeadDelay || f.leadDelay > maxLeadDelay) {
		return cfg, false, usagef("--reshare-lead-delay %s: want %s to %s", f.leadDelay, minLeadDelay, maxLeadDelay)
	}
	cfg.Nodes, cfg.FirstIP, cfg.APIPort, cfg.TLS, cfg.EpochGrace = f.nodes, first, f.port, f.tls, f.epochGrace
	cfg.ReshareLeadDelay = f.leadDelay
	return cfg, resuming, nil
}

// loopbackHostPort reports whether s is host:port with a loopback host (port 0 picks a free one).
func loopbackHostPort(s string) bool {
	host, port, err := net.SplitHostPort(s)
	if err != nil || port == "" {
		return false
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return false
	}
	ip, err := netip.ParseAddr(host)
	return host == "localhost" || err == nil && ip.IsLoopback()
}

// firstNodeDir is the API address node 1 of the devnet in dir has or had, from the lowest-numbered
// node directory's config (node n listens on the first IP + n − 1).
func firstNodeDir(dir string) (netip.AddrPort, bool) {
	for n := 1; n <= devnet.MaxNodes; n++ {
		b, err := os.ReadFile(filepath.Join(dir, fmt.Sprintf("node%d", n), "config.json"))
		if err != nil {
			continue
		}
		var cfg struct {
			APIListen string `json:"apiListen"`
		}
		if json.Unmarshal(b, &cfg) != nil {
			return netip.AddrPort{}, false
		}
		ap, err := netip.ParseAddrPort(cfg.APIListen)
		if err != nil {
			return netip.AddrPort{}, false
		}
		ip := ap.Addr()
		for range n - 1 {
			ip = ip.Prev()
		}
		return netip.AddrPortFrom(ip, ap.Port()), ip.IsValid()
	}
	return netip.AddrPort{}, false
}

// firstNode is the API address of node 1 of a network.json.
func firstNode(nw *devnet.Network) (netip.AddrPort, bool) {
	for _, n := range nw.Nodes {
		if n.Index != 1 {
			continue
		}
		u, err := url.Parse(n.URL)
		if err != nil {
			return netip.AddrPort{}, false
		}
		ap, err := netip.ParseAddrPort(u.Host)
		return ap, err == nil
	}
	return netip.AddrPort{}, false
}

// watched is what the devnet knows of one node from its /healthz.
type watched struct {
	index    int
	url, log string
	answered bool // it answered at least once
	ready    bool
	down     bool // reported down
	fails    int  // polls failed in a row
}

// Thresholds of the watch: a node that answered and stops for this many polls in a row is reported,
// and so is one that never answered this long after the start.
const (
	quietPolls  = 5
	startupWait = 20 * time.Second
)

// update takes one poll's result and reports a node going down or coming back. A node that answered
// and now refuses connections has exited: during genesis that is fatal, since the network cannot
// become ready without it.
func (n *watched) update(res pollResult, start time.Time, w io.Writer, genesis bool) error {
	if res.err == nil {
		if n.down {
			fmt.Fprintf(w, "flint devnet: node %d (%s) answers again\n", n.index, n.url)
		}
		n.ready, n.answered, n.down, n.fails = res.ready, true, false, 0
		return nil
	}
	n.ready = false
	n.fails++
	exited := n.answered && errors.Is(res.err, syscall.ECONNREFUSED)
	quiet := n.answered && n.fails >= quietPolls
	never := !n.answered && time.Since(start) > startupWait
	if n.down || !(exited || quiet || never) {
		return nil
	}
	n.down = true
	switch {
	case exited:
		fmt.Fprintf(w, "flint devnet: node %d (%s) exited (nothing listens on its port); its log: %s\n", n.index, n.url, n.log)
	case quiet:
		fmt.Fprintf(w, "flint devnet: node %d (%s) stopped answering (%v); its log: %s\n", n.index, n.url, res.err, n.log)
	default:
		fmt.Fprintf(w, "flint devnet: node %d (%s) has not answered since the start; its log: %s\n", n.index, n.url, n.log)
	}
	for _, l := range tail(n.log, 5) {
		fmt.Fprintf(w, "    %s\n", l)
	}
	if exited && genesis {
		return fmt.Errorf("devnet: node %d exited during genesis; see %s", n.index, n.log)
	}
	return nil
}

// tail returns the last n lines of a file, or none.
func tail(path string, n int) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	const max = 8 << 10
	if st, err := f.Stat(); err == nil && st.Size() > max {
		f.Seek(st.Size()-max, io.SeekStart)
	}
	b, _ := io.ReadAll(io.LimitReader(f, max))
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	if len(lines) == 1 && lines[0] == "" {
		return nil
	}
	return lines
}

// superviseDevnet waits for genesis with progress lines, prints the ready line, and then watches the
// nodes until ctx ends, saying which node went down and where its log is.
func superviseDevnet(ctx context.Context, d *devnet.Devnet, cfg devnet.Config, start time.Time, explorerURL string, changes *watchChanges, stdout, stderr io.Writer) error {
	nodes := make([]*watched, len(d.URLs()))
	for i, u := range d.URLs() {
		n := d.Index(i) // after epoch changes not always i+1
		nodes[i] = &watched{index: n, url: u, log: filepath.Join(cfg.Dir, fmt.Sprintf("node%d", n), "node.log")}
	}
	readyc := make(chan error, 1)
	go func() { readyc <- d.WaitReady(ctx) }()
	hc := &http.Client{Timeout: 2 * time.Second, Transport: d.HTTPClient().Transport}
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	genesis, ready := false, false
	lastProgress, lastPrint := "", time.Now()
	progress := func(msg string) {
		if msg != lastProgress || time.Since(lastPrint) >= 10*time.Second {
			fmt.Fprintf(stderr, "flint devnet: %s, %s\n", msg, time.Since(start).Round(time.Second))
			lastProgress, lastPrint = msg, time.Now()
		}
	}
	for {
		select {
		case <-ctx.Done():
			if !ready {
				fmt.Fprintln(stderr, "flint devnet: interrupted before the network was ready")
			}
			return nil
		case err := <-readyc:
			readyc = nil
			if ctx.Err() != nil {
				continue
			}
			if err != nil {
				return fmt.Errorf("devnet: the network did not become ready: %w", err)
			}
			genesis = true
		case <-tick.C:
			nodes = changes.apply(nodes)
			for i, res := range poll(ctx, hc, nodes) {
				if err := nodes[i].update(res, start, stderr, !ready); err != nil {
					return err
				}
			}
			if ready {
				continue
			}
			if !genesis {
				count := 0
				for _, n := range nodes {
					if n.ready {
						count++
					}
				}
				progress(fmt.Sprintf("waiting for genesis (key generation): %d/%d nodes ready", count, len(nodes)))
				continue
			}
			// Root keys are in place; a node serves once it reaches enough peers to sign with and
			// holds presignatures of its own (a request's leader binds one of them).
			meshed, stocked := serving(ctx, hc, d.URLs(), d.Network.Quorum)
			switch {
			case meshed < len(nodes):
				progress(fmt.Sprintf("waiting for the nodes to reach their peers: %d/%d connected", meshed, len(nodes)))
				continue
			case stocked < len(nodes):
				progress(fmt.Sprintf("waiting for the first presignatures: %d/%d nodes have some", stocked, len(nodes)))
				continue
			}
			ready = true
			fmt.Fprintf(stderr, "flint devnet: ready in %s\n", time.Since(start).Round(100*time.Millisecond))
			printReady(stdout, d, explorerURL)
			fmt.Fprintf(stderr, "flint devnet: try \"flint pkp mint --network %s\"; Ctrl-C stops the network\n", d.NetworkFile())
		}
	}
}

// serving reads the nodes' /metrics and counts those that reach at least quorum−1 peers
// (flint_peer_up 1) and those that own free presignatures.
func serving(ctx context.Context, hc *http.Client, urls []string, quorum int) (meshed, stocked int) {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			body, err := fetchMetrics(ctx, hc, u)
			if err != nil {
				return
			}
			free, _ := metricValue(body, `flint_presignatures{kind="own_free"}`)
			mu.Lock()
			defer mu.Unlock()
			if countSamples(body, "flint_peer_up", 1) >= quorum-1 {
				meshed++
			}
			if free > 0 {
				stocked++
			}
		}()
	}
	wg.Wait()
	return meshed, stocked
}

// printReady prints the one ready line; explorer= is last, and absent with --explorer off.
func printReady(w io.Writer, d *devnet.Devnet, explorerURL string) {
	nw := d.Network
	path, err := filepath.Abs(d.NetworkFile())
	if err != nil {
		path = d.NetworkFile()
	}
	ca := ""
	if nw.CAFile != "" {
		ca = " ca=" + nw.CAFile
	}
	ex := ""
	if explorerURL != "" {
		ex = " explorer=" + explorerURL
	}
	fmt.Fprintf(w, "flint devnet ready rpc=%s chainId=%d nodes=%s threshold=%d quorum=%d network=%s devAccount=%s%s%s\n",
		nw.ChainRPC, nw.ChainID, strings.Join(d.URLs(), ","), nw.Threshold, nw.Quorum, path, nw.DevAddress, ca, ex)
}

// pollResult is one /healthz answer.
type pollResult struct {
	ready bool
	err   error
}

func poll(ctx context.Context, hc *http.Client, nodes []*watched) []pollResult {
	res := make([]pollResult, len(nodes))
	var wg sync.WaitGroup
	for i, n := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i] = health(ctx, hc, n.url)
		}()
	}
	wg.Wait()
	return res
}

func health(ctx context.Context, hc *http.Client, u string) pollResult {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u+"/healthz", nil)
	if err != nil {
		return pollResult{err: err}
	}
	resp, err := hc.Do(req)
	if err != nil {
		return pollResult{err: err}
	}
	defer resp.Body.Close()
	var h struct {
		Ready bool `json:"ready"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<16)).Decode(&h); err != nil {
		return pollResult{err: fmt.Errorf("healthz: %w", err)}
	}
	return pollResult{ready: h.Ready}
}

// startDevnetExplorer serves the explorer of the devnet on addr unless addr is "off", and returns its
// URL and how to stop it.
func startDevnetExplorer(ctx context.Context, d *devnet.Devnet, addr string, chosen bool, stderr io.Writer) (string, func(), error) {
	if addr == "" || addr == "off" {
		return "", func() {}, nil
	}
	ln, err := listenExplorer(addr, chosen)
	if err != nil {
		return "", nil, err
	}
	s, err := newExplorer(d.Network, d.HTTPClient(), ln.Addr().String())
	if err != nil {
		ln.Close()
		return "", nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := s.Serve(ctx, ln); err != nil {
			fmt.Fprintf(stderr, "flint devnet: the explorer stopped: %v\n", err)
		}
	}()
	u := explorer.URL(ln.Addr().String())
	fmt.Fprintf(stderr, "flint devnet: explorer at %s\n", u)
	return u, func() { cancel(); <-done }, nil
}
