package node

import (
	"context"
	"fmt"
	"net/url"
	"path/filepath"
	"sort"
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
	// IPFSStore is the directory of the local content store the node reads
	// Action code from before trying the gateways (config ipfsGateways), and
	// keeps fetched code in. Default DataDir/ipfs. A devnet points all its
	// nodes at one shared directory, which `flint action publish` adds to.
	IPFSStore string `json:"ipfsStore"`
	// Chains maps the chain names Actions use (getRpcUrl, getLatestNonce,
	// callContract) to JSON-RPC URLs. The network's own chain is always
	// there as "flint", and as "yellowstone" (the chain of Lit's PKPs)
	// unless that name is mapped here.
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
	return actions.Limits{
		Timeout:       dur(l.Timeout, d.Timeout),
		Memory:        pick64(l.MemoryMB<<20, d.Memory),
		CodeSize:      pick(l.CodeSize, d.CodeSize),
		ResponseSize:  pick(l.ResponseSize, d.ResponseSize),
		LogSize:       pick(l.LogSize, d.LogSize),
		Fetches:       pick(l.Fetches, d.Fetches),
		FetchSize:     pick64(l.FetchSize, d.FetchSize),
		FetchTimeout:  dur(l.FetchTimeout, d.FetchTimeout),
		Signatures:    pick(l.Signatures, d.Signatures),
		ContractCalls: pick(l.ContractCalls, d.ContractCalls),
		Broadcasts:    pick(l.Broadcasts, d.Broadcasts),
		CallDepth:     pick(l.CallDepth, d.CallDepth),
	}
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
	} {
		if v.n < 0 {
			return fmt.Errorf("%w: actions.%s is negative", ErrConfig, v.name)
		}
	}
	if l.MemoryMB > 1<<20 {
		return fmt.Errorf("%w: actions.limits.memoryMb %d is over a terabyte", ErrConfig, l.MemoryMB)
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

	chainsMu sync.Mutex
	urls     map[string]string // chain name → RPC URL
	chains   map[string]*ethclient.Client
	perms    *actionPerms
}

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
		limits:      c.Limits.limits(),
		collectWait: 10 * time.Second,
		box:         newMailbox(),
		urls:        map[string]string{},
		chains:      map[string]*ethclient.Client{},
		perms:       newActionPerms(),
	}
	if c.CollectWait > 0 {
		a.collectWait = time.Duration(c.CollectWait)
	}
	a.resolver = &ipfs.Resolver{Store: st, Cache: ipfs.NewCache(64 << 20), MaxSize: int64(a.limits.CodeSize), Logger: n.log}
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
		a.pool, err = actions.NewPool(actions.PoolConfig{Size: c.Workers, Command: c.WorkerCommand, QueueWait: time.Duration(c.QueueWait), Logger: n.log.With("part", "actions")})
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

// runActionsGC forgets old mailbox entries and permission answers.
func (n *Node) runActionsGC(ctx context.Context) {
	t := time.NewTicker(15 * time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			// A value is useful for as long as an execution may run.
			n.acts.box.gc(now, 2*n.acts.limits.Timeout+time.Minute)
		}
	}
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
	c, err := ethclient.DialContext(ctx, raw)
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
