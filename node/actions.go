package node

import (
	"context"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/ipfs"
)

// ActionsConfig configures how the node runs Actions (/web/execute).
type ActionsConfig struct {
	// Workers is the number of worker processes, i.e. Actions this node
	// runs at once (default 4).
	Workers int `json:"workers"`
	// WorkerCommand starts a worker; by default this binary, which must call
	// actions.ServeWorkerIfChild first thing in main.
	WorkerCommand []string `json:"workerCommand"`
	// WorkerUser is the numeric "uid:gid" workers run as when the node runs
	// as root (default 65534:65534, "nobody"; root itself is refused).
	WorkerUser string `json:"workerUser"`
	// IPFSStore is the directory of the local content store the node reads
	// Action code from before trying the gateways (config ipfsGateways):
	// what the operator published, kept for good. Default DataDir/ipfs. A
	// devnet points all its nodes at one shared directory, which `flint
	// action publish` adds to.
	IPFSStore string `json:"ipfsStore"`
	// CodeCache is the directory where code fetched from the gateways is
	// kept, least recently used out past CodeCacheBytes (default
	// DataDir/ipfs-cache, 256 MiB): callers name the CIDs, so what they
	// make the node keep must have a bound.
	CodeCache      string `json:"codeCache"`
	CodeCacheBytes int64  `json:"codeCacheBytes"`
	// Chains maps the chain names Actions use (getRpcUrl, getLatestNonce,
	// callContract) to JSON-RPC URLs. These URLs are public: getRpcUrl hands
	// them to any Action, so list no URL with a private API key. The
	// network's own chain is always there for getLatestNonce and
	// callContract as "flint", and as "yellowstone" (the chain of Lit's
	// PKPs) unless that name is mapped here, but getRpcUrl never gives its
	// URL (chainRpc) unless it is listed here too.
	Chains map[string]string `json:"chains"`
	// CollectWait bounds how long broadcastAndCollect and
	// signAndCombineEcdsa wait for the other nodes (default 10s): past it,
	// broadcastAndCollect settles for a quorum of values.
	CollectWait Duration `json:"collectWait"`
	// QueueWait bounds how long an execution waits for a free worker
	// (default 10s); past it the node answers 503 NodeActionsBusy.
	QueueWait Duration `json:"queueWait"`
	// Limits bound each execution; zero fields take Lit's limits.
	Limits ActionLimits `json:"limits"`
	// Egress is where an Action's fetch may connect, and how much it may
	// read. By default it refuses loopback, private, link-local (cloud
	// metadata), CGNAT, unique-local, multicast and reserved addresses, and
	// the node's own addresses (API and peer listen IPs, the chain RPC's
	// host): see actions.Egress.
	Egress EgressConfig `json:"egress"`
}

// EgressConfig is the egress policy of fetch in the configuration file.
// Entries are CIDRs ("10.1.0.0/16"), IP addresses or host names
// ("oracle.internal", "*.example.com"). The deny-list always wins; an
// allow entry lifts the default refusal of what it matches (the node's own
// addresses included), so keep it narrow. "0.0.0.0/0" and "::/0" in allow
// turn the default refusals off.
type EgressConfig struct {
	Allow    []string `json:"allow"`
	Deny     []string `json:"deny"`
	MaxBytes int64    `json:"maxBytes"` // response bytes of all fetches of one execution, default 32 MiB
	// Proxy is an HTTP(S) proxy URL for every fetch (none by default).
	Proxy string `json:"proxy"`
}

// ActionLimits is actions.Limits in the configuration file.
type ActionLimits struct {
	Timeout       Duration `json:"timeout"`       // default 30s
	MemoryMB      int64    `json:"memoryMb"`      // default 256
	CodeSize      int      `json:"codeSize"`      // bytes, default 16 MiB
	ResponseSize  int      `json:"responseSize"`  // bytes, default 100 KiB
	LogSize       int      `json:"logSize"`       // bytes, default 100 KiB
	Fetches       int      `json:"fetches"`       // default 50
	FetchSize     int64    `json:"fetchSize"`     // bytes of one response, default 16 MiB
	FetchTimeout  Duration `json:"fetchTimeout"`  // default 30s
	Signatures    int      `json:"signatures"`    // default 10
	ContractCalls int      `json:"contractCalls"` // default 30
	Broadcasts    int      `json:"broadcasts"`    // default 30
	CallDepth     int      `json:"callDepth"`     // default 5
	Calls         int      `json:"calls"`         // Lit.Actions.call children, default 30
	Claims        int      `json:"claims"`        // claimKey calls, default 10
	KeyIDSize     int      `json:"keyIdSize"`     // bytes of a claimKey keyId, default 256
	Conditions    int      `json:"conditions"`    // checkConditions and decryptions, default 30
	SecretSize    int      `json:"secretSize"`    // bytes to encrypt or decrypt, default 4 MiB
	HostCalls     int      `json:"hostCalls"`     // calls to the node of every kind, default 1000
	HostBytes     int64    `json:"hostBytes"`     // bytes of their arguments and results, default 64 MiB
	HostInFlight  int      `json:"hostInFlight"`  // calls to the node at once, default 64
	AnswerSize    int      `json:"answerSize"`    // bytes of the answer, default responseSize + logSize + 64 KiB
}

// limits converts to the runtime's form, defaults filled in.
func (l ActionLimits) limits() actions.Limits {
	d := actions.DefaultLimits()
	pick := func(v, def int) int {
		if v > 0 {
			return v
		}
		return def
	}
	pick64 := func(v, def int64) int64 {
		if v > 0 {
			return v
		}
		return def
	}
	dur := func(v Duration, def time.Duration) time.Duration {
		if v > 0 {
			return time.Duration(v)
		}
		return def
	}
	response, logs := pick(l.ResponseSize, d.ResponseSize), pick(l.LogSize, d.LogSize)
	return actions.Limits{
		Timeout:       dur(l.Timeout, d.Timeout),
		Memory:        pick64(l.MemoryMB<<20, d.Memory),
		CodeSize:      pick(l.CodeSize, d.CodeSize),
		ResponseSize:  response,
		LogSize:       logs,
		Fetches:       pick(l.Fetches, d.Fetches),
		FetchSize:     pick64(l.FetchSize, d.FetchSize),
		FetchTimeout:  dur(l.FetchTimeout, d.FetchTimeout),
		FetchBytes:    d.FetchBytes, // set from actions.egress.maxBytes by runtimeLimits
		Signatures:    pick(l.Signatures, d.Signatures),
		ContractCalls: pick(l.ContractCalls, d.ContractCalls),
		Broadcasts:    pick(l.Broadcasts, d.Broadcasts),
		CallDepth:     pick(l.CallDepth, d.CallDepth),
		Calls:         pick(l.Calls, d.Calls),
		Claims:        pick(l.Claims, d.Claims),
		KeyIDSize:     pick(l.KeyIDSize, d.KeyIDSize),
		Conditions:    pick(l.Conditions, d.Conditions),
		SecretSize:    pick(l.SecretSize, d.SecretSize),
		HostCalls:     pick(l.HostCalls, d.HostCalls),
		HostBytes:     pick64(l.HostBytes, d.HostBytes),
		HostInFlight:  pick(l.HostInFlight, d.HostInFlight),
		AnswerSize:    pick(l.AnswerSize, response+logs+actions.AnswerSlack),
	}
}

// runtimeLimits is what every execution runs under: the limits and the
// egress policy, self being the node's own addresses. It travels to the
// worker with each execution, inside actions.Limits.
func (c *ActionsConfig) runtimeLimits(self []string) actions.Limits {
	l := c.Limits.limits()
	if c.Egress.MaxBytes > 0 {
		l.FetchBytes = c.Egress.MaxBytes
	}
	l.Egress = &actions.Egress{Allow: c.Egress.Allow, Deny: c.Egress.Deny, Self: self, Proxy: c.Egress.Proxy}
	return l
}

// ownAddresses lists what an Action's fetch must not reach as this node's
// own: the API and peer listen IPs (every interface address when one is
// unspecified, 0.0.0.0 or ::) and the host of the chain RPC URL, whose
// JSON-RPC the node uses with its identity. The chains of actions.chains
// are not in the list: they are there for Actions to use, through
// getRpcUrl and fetch; the address ranges refused by default still apply
// to them.
func (n *Node) ownAddresses() []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		s = strings.TrimSuffix(strings.ToLower(strings.Trim(s, "[]")), ".")
		if s == "" || seen[s] || actions.CheckEgressEntry(s) != nil {
			return
		}
		seen[s] = true
		out = append(out, s)
	}
	for _, hp := range []string{n.cfg.APIListen, n.cfg.PeerListen} {
		host, _, err := net.SplitHostPort(hp)
		if err != nil {
			continue
		}
		if ip, err := netip.ParseAddr(host); err == nil && ip.IsUnspecified() {
			addrs, err := net.InterfaceAddrs()
			if err != nil && n.log != nil {
				// The loopback and private ranges stay refused; only a public interface address is missed.
				n.log.Warn("actions: cannot list the interface addresses for the egress policy", "err", err)
			}
			for _, a := range addrs {
				if p, err := netip.ParsePrefix(a.String()); err == nil {
					add(p.Addr().String())
				}
			}
			continue
		}
		add(host)
	}
	if u, err := url.Parse(n.cfg.ChainRPC); err == nil {
		add(u.Hostname())
	}
	return out
}

// Names under which the network's own chain is always reachable.
const (
	ownChainName = "flint"
	litChainName = "yellowstone"
)

// check validates the Actions settings; called from Config.validate.
func (c *ActionsConfig) check() error {
	l := c.Limits
	for _, v := range []struct {
		name string
		n    int64
	}{
		{"workers", int64(c.Workers)}, {"collectWait", int64(c.CollectWait)},
		{"limits.timeout", int64(l.Timeout)}, {"limits.memoryMb", l.MemoryMB}, {"limits.codeSize", int64(l.CodeSize)},
		{"limits.responseSize", int64(l.ResponseSize)}, {"limits.logSize", int64(l.LogSize)}, {"limits.fetches", int64(l.Fetches)},
		{"limits.fetchSize", l.FetchSize}, {"limits.fetchTimeout", int64(l.FetchTimeout)}, {"limits.signatures", int64(l.Signatures)},
		{"limits.contractCalls", int64(l.ContractCalls)}, {"limits.broadcasts", int64(l.Broadcasts)}, {"limits.callDepth", int64(l.CallDepth)},
		{"limits.calls", int64(l.Calls)}, {"limits.claims", int64(l.Claims)}, {"limits.keyIdSize", int64(l.KeyIDSize)},
		{"limits.conditions", int64(l.Conditions)}, {"limits.secretSize", int64(l.SecretSize)},
		{"limits.hostCalls", int64(l.HostCalls)}, {"limits.hostBytes", l.HostBytes}, {"limits.hostInFlight", int64(l.HostInFlight)},
		{"limits.answerSize", int64(l.AnswerSize)}, {"codeCacheBytes", c.CodeCacheBytes},
	} {
		if v.n < 0 {
			return fmt.Errorf("%w: actions.%s is negative", ErrConfig, v.name)
		}
	}
	if l.MemoryMB > 1<<20 {
		return fmt.Errorf("%w: actions.limits.memoryMb %d is over a terabyte", ErrConfig, l.MemoryMB)
	}
	if c.Egress.MaxBytes < 0 {
		return fmt.Errorf("%w: actions.egress.maxBytes is negative", ErrConfig)
	}
	if c.Egress.Proxy != "" {
		if u, err := url.Parse(c.Egress.Proxy); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%w: actions.egress.proxy %q is not an http(s) URL", ErrConfig, c.Egress.Proxy)
		}
	}
	if err := actions.CheckUser(c.WorkerUser); c.WorkerUser != "" && err != nil {
		return fmt.Errorf("%w: actions.workerUser: %v", ErrConfig, err)
	}
	for _, l := range []struct {
		name    string
		entries []string
	}{{"allow", c.Egress.Allow}, {"deny", c.Egress.Deny}} {
		for i, e := range l.entries {
			if err := actions.CheckEgressEntry(e); err != nil {
				return fmt.Errorf("%w: actions.egress.%s[%d] = %q: %v", ErrConfig, l.name, i, e, err)
			}
		}
	}
	if c.Workers > 256 {
		return fmt.Errorf("%w: actions.workers %d over 256", ErrConfig, c.Workers)
	}
	for name, raw := range c.Chains {
		if strings.TrimSpace(name) == "" {
			return fmt.Errorf("%w: actions.chains has an empty chain name", ErrConfig)
		}
		if name == ownChainName {
			return fmt.Errorf("%w: actions.chains may not map %q, the network's own chain", ErrConfig, ownChainName)
		}
		u, err := url.Parse(raw)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "ws" && u.Scheme != "wss") {
			return fmt.Errorf("%w: actions.chains[%q] = %q is not an http(s) or ws(s) URL", ErrConfig, name, raw)
		}
	}
	return nil
}

// actionRuntime is what the node keeps to run Actions: the worker pool, the
// code resolver, the mailbox of values Actions share between nodes, and
// clients of the chains Actions may read.
type actionRuntime struct {
	limits      actions.Limits
	collectWait time.Duration
	pool        *actions.Pool // nil when this binary cannot serve workers
	poolErr     error         // why pool is nil
	resolver    *ipfs.Resolver
	box         *mailbox
	recent      *recentRequests // request ids of recent executions

	chainsMu sync.Mutex
	urls     map[string]string // chain name → RPC URL
	chains   map[string]*ethclient.Client
	perms    *actionPerms
}

// defaultCodeCacheBytes is the default quota of the fetched-code cache.
const defaultCodeCacheBytes = 256 << 20

// startActions prepares the Actions runtime. The worker pool starts only if
// this binary serves workers (it called actions.ServeWorkerIfChild) or a
// worker command is configured; otherwise /web/execute answers that Actions
// are off, and the node runs everything else.
func (n *Node) startActions() error {
	c := n.cfg.Actions
	store := c.IPFSStore
	if store == "" {
		store = filepath.Join(n.cfg.DataDir, "ipfs")
	}
	st, err := ipfs.OpenStore(store)
	if err != nil {
		return fmt.Errorf("node: actions: %w", err)
	}
	a := &actionRuntime{
		limits:      c.runtimeLimits(n.ownAddresses()),
		collectWait: 10 * time.Second,
		box:         newMailbox(),
		urls:        map[string]string{},
		chains:      map[string]*ethclient.Client{},
		perms:       newActionPerms(),
	}
	// A request id stays taken for as long as a value shared under it may
	// be held: values arrive while the execution runs and stay mailboxAge,
	// plus a GC period, after they came.
	a.recent = newRecentRequests(a.mailboxAge()+a.limits.Timeout+actionsGCPeriod, maxRecentRequests)
	if c.CollectWait > 0 {
		a.collectWait = time.Duration(c.CollectWait)
	}
	cacheDir, cacheBytes := c.CodeCache, c.CodeCacheBytes
	if cacheDir == "" {
		cacheDir = filepath.Join(n.cfg.DataDir, "ipfs-cache")
	}
	if cacheBytes == 0 {
		cacheBytes = defaultCodeCacheBytes
	}
	fetched, err := ipfs.OpenDiskCache(cacheDir, cacheBytes)
	if err != nil {
		return fmt.Errorf("%w: actions.codeCache: %v", ErrConfig, err)
	}
	a.resolver = &ipfs.Resolver{Store: st, Fetched: fetched, Cache: ipfs.NewCache(64 << 20), MaxSize: int64(a.limits.CodeSize), Logger: n.log}
	for _, g := range n.cfg.IPFSGateways {
		gw, err := ipfs.NewGateway(g, nil, 0)
		if err != nil {
			return fmt.Errorf("%w: ipfsGateways: %v", ErrConfig, err)
		}
		a.resolver.Gateways = append(a.resolver.Gateways, gw)
	}
	a.urls[ownChainName] = n.cfg.ChainRPC
	a.urls[litChainName] = n.cfg.ChainRPC
	for name, u := range c.Chains {
		a.urls[name] = u
	}
	if len(c.WorkerCommand) > 0 || actions.ServesWorkers() {
		a.pool, err = actions.NewPool(actions.PoolConfig{Size: c.Workers, Command: c.WorkerCommand, User: c.WorkerUser, QueueWait: time.Duration(c.QueueWait), Logger: n.log.With("part", "actions")})
		if err != nil {
			return fmt.Errorf("node: actions: %w", err)
		}
	} else {
		a.poolErr = fmt.Errorf("this binary does not run Action workers (its main must call actions.ServeWorkerIfChild), and no actions.workerCommand is configured")
		n.log.Warn("Actions are off", "why", a.poolErr)
	}
	n.acts = a
	return nil
}

// stopActions stops the worker pool and the chain clients.
func (n *Node) stopActions() {
	a := n.acts
	if a == nil {
		return
	}
	if a.pool != nil {
		a.pool.Close()
	}
	a.chainsMu.Lock()
	for _, c := range a.chains {
		c.Close()
	}
	a.chainsMu.Unlock()
}

// actionsGCPeriod is how often old mailbox entries are dropped.
const actionsGCPeriod = 15 * time.Second

// mailboxAge is how long the mailbox keeps a value: as long as an
// execution may run, with room for the nodes' clocks and queues.
func (a *actionRuntime) mailboxAge() time.Duration { return 2*a.limits.Timeout + time.Minute }

// runActionsGC forgets old mailbox entries and permission answers.
func (n *Node) runActionsGC(ctx context.Context) {
	t := time.NewTicker(actionsGCPeriod)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			n.acts.box.gc(now, n.acts.mailboxAge())
		}
	}
}

// publicChains lists the chains whose URLs getRpcUrl hands out, for error
// messages.
func (c *ActionsConfig) publicChains() string {
	if len(c.Chains) == 0 {
		return "none"
	}
	names := make([]string, 0, len(c.Chains))
	for k := range c.Chains {
		names = append(names, strconv.Quote(k))
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// chainNames lists the chains Actions may use, for error messages.
func (a *actionRuntime) chainNames() string {
	a.chainsMu.Lock()
	defer a.chainsMu.Unlock()
	names := make([]string, 0, len(a.urls))
	for k := range a.urls {
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// chainURL returns the RPC URL of a chain name the node serves.
func (a *actionRuntime) chainURL(name string) (string, bool) {
	a.chainsMu.Lock()
	defer a.chainsMu.Unlock()
	u, ok := a.urls[name]
	return u, ok
}

// client returns a JSON-RPC client of the named chain; the network's own
// chain uses the node's connection.
func (n *Node) chainClient(ctx context.Context, name string) (*ethclient.Client, error) {
	a := n.acts
	a.chainsMu.Lock()
	raw, ok := a.urls[name]
	c := a.chains[name]
	a.chainsMu.Unlock()
	if !ok {
		return nil, fmt.Errorf("unknown chain %q; this node serves %s", name, a.chainNames())
	}
	if raw == n.cfg.ChainRPC {
		return n.chain.Eth(), nil
	}
	if c != nil {
		return c, nil
	}
	c, err := dialRPC(ctx, raw) // keeps the URL's secrets out of the errors Actions see
	if err != nil {
		return nil, fmt.Errorf("chain %q: %w", name, err)
	}
	a.chainsMu.Lock()
	defer a.chainsMu.Unlock()
	if prev := a.chains[name]; prev != nil {
		c.Close()
		return prev, nil
	}
	a.chains[name] = c
	return c, nil
}
