// Package devnet runs a whole Flint network on one machine: the embedded dev
// chain with the contracts deployed, N registered nodes on distinct
// 127.0.0.x addresses, and the network.json every client command reads.
// `flint devnet` runs each node as its own `flint node` process; tests run
// them in this process, with real sockets and real stores all the same.
// Starting again on the same directory resumes the same network: chain,
// identities, key shares. With Config.TLS the nodes serve https with one
// self-signed certificate that network.json names as caFile. Config.Wrap
// and Config.NodeChain let package devnet/hosts run each node process in a
// network namespace of its own.
package devnet

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/chain/devchain"
	"github.com/flint-network/flint/node"
	"github.com/flint-network/flint/node/nodetls"
)

// Config configures a devnet.
type Config struct {
	Dir   string // everything lives here; required
	Nodes int    // default 4; 1 or 4 to MaxNodes (see CheckNodeCount)
	// FirstIP is the address of node 1; node i listens on FirstIP + i − 1
	// (default 127.0.0.2), all on APIPort (default 7470) and APIPort+1.
	FirstIP netip.Addr
	APIPort uint16
	// ChainRPC is the dev chain's JSON-RPC address (default 127.0.0.1:8545).
	ChainRPC string
	// NodeChain, when set, is called once the chain serves at url and
	// returns the URL the nodes are to reach it at instead: the chain
	// serves on loopback only, and nodes on other hosts (devnet/hosts)
	// reach it through a relay.
	NodeChain func(url string) (string, error)
	// Exec, when set, starts every node as a process: Exec ‖ "--config" ‖
	// path (for example {"/usr/local/bin/flint", "node"}). Otherwise nodes
	// run in this process.
	Exec []string
	// Wrap, with Exec, returns what goes before node i's (1-based) command
	// line: {"ip", "netns", "exec", NAME} runs the node in a network
	// namespace of its own (package devnet/hosts does that).
	Wrap func(index int) []string
	// Pool overrides the nodes' presignature pool settings.
	Pool node.PoolConfig
	// Round overrides the protocol round deadline.
	Round time.Duration
	// Logger gets the devnet's own lines; node logs go to DIR/nodeN/node.log.
	Logger *slog.Logger
	// NodeLogLevel is the level of the nodes' logs (default info).
	NodeLogLevel slog.Level
	// Actions overrides the nodes' Actions settings (limits, workers,
	// chains). Every node's code store is DIR/ipfs whatever it says.
	Actions *node.ActionsConfig
	// BindWait overrides how long nodes wait for a request's leader.
	BindWait time.Duration
	// EpochGrace overrides how long nodes keep the previous epoch's shares
	// after an epoch change.
	EpochGrace time.Duration
	// ReshareLeadDelay overrides how long the resharing's leader waits
	// after it sees a lock (the nodes' default is 5 s). In-process nodes
	// on one machine read a lock within a block of each other: tests that
	// change epochs often set a second.
	ReshareLeadDelay time.Duration
	// RefreshPeriod sets the registry's epoch length at start (whole
	// seconds): the nodes refresh their shares by themselves that often.
	// 0 keeps the registry's (an hour).
	RefreshPeriod time.Duration
	// Quota sets the nodes' quotas. Nil turns them off: a devnet serves
	// benchmarks and tests that sign from one caller as fast as it can.
	Quota *node.QuotaConfig
	// AuthMethods sets the logins the nodes accept beyond wallets (ID-token
	// issuers, WebAuthn origins). Nil: wallets only.
	AuthMethods *node.AuthMethodsConfig
	// Adversaries makes some in-process nodes misbehave (by 1-based index),
	// for the tests that show the others hold against them.
	Adversaries map[int]*node.Adversary
	// TLS makes the nodes serve their client API over https with one
	// self-signed certificate for all their IPs, DIR/tls/cert.pem, which
	// network.json names as caFile. Resuming without TLS serves http again.
	TLS bool
}

// NodeInfo is one node as network.json lists it.
type NodeInfo struct {
	Index   int    `json:"index"`
	URL     string `json:"url"`
	Address string `json:"address"`
}

// Network is network.json: what a client needs to use the devnet.
type Network struct {
	ChainRPC   string          `json:"chainRpc"`
	ChainID    uint64          `json:"chainId"`
	Contracts  chain.Addresses `json:"contracts"`
	Nodes      []NodeInfo      `json:"nodes"`
	Threshold  int             `json:"threshold"`
	Quorum     int             `json:"quorum"`
	DevKey     string          `json:"devAccountKey"`
	DevAddress string          `json:"devAccountAddress"`
	// IPFSStore is the content store every node reads Action code from;
	// `flint action publish` adds files to it.
	IPFSStore string `json:"ipfsStore"`
	// CAFile, when the nodes serve https with a certificate no system CA
	// signed, is the PEM file of the certificates clients trust for them
	// (ReadNetwork resolves a relative path from network.json's directory).
	CAFile string `json:"caFile,omitempty"`
}

// ReadNetwork reads a network.json.
func ReadNetwork(path string) (*Network, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("devnet: %w", err)
	}
	var n Network
	if err := json.Unmarshal(b, &n); err != nil {
		return nil, fmt.Errorf("devnet: %s: %w", path, err)
	}
	if n.ChainRPC == "" || len(n.Nodes) == 0 {
		return nil, fmt.Errorf("devnet: %s: missing chain or nodes", path)
	}
	if n.CAFile != "" && !filepath.IsAbs(n.CAFile) {
		n.CAFile = filepath.Join(filepath.Dir(path), n.CAFile)
	}
	return &n, nil
}

// Devnet is a running devnet.
type Devnet struct {
	cfg     Config
	Chain   *devchain.Chain
	Network *Network
	nodes   []*member
	log     *slog.Logger
	// http reaches the nodes' APIs: it trusts the devnet's certificate.
	http *http.Client
}

// member is one node of the devnet, running or stopped.
type member struct {
	index   int
	dir     string
	cfgPath string
	cfg     *node.Config
	url     string

	mu     sync.Mutex
	cancel context.CancelFunc
	done   chan error
	exited chan struct{} // closed when the running node exits
	exit   error
	cmd    *exec.Cmd
}

// MaxNodes bounds a devnet's size: its nodes share one machine.
const MaxNodes = 200

// CheckNodeCount refuses node counts a devnet does not run: below 1, above
// MaxNodes, and 2 or 3. The network needs n >= 3t+1, so 2 or 3 nodes get
// t = 0, and any one of them could sign alone: that is no threshold network,
// only a single-node one in disguise. One node is allowed, plainly a
// single-node development network.
func CheckNodeCount(n int) error {
	switch {
	case n == 2 || n == 3:
		return errors.New("with 2 or 3 nodes t = 0 (n >= 3t+1 needs 4 nodes for t = 1), so any single node could sign alone and it is no threshold network: use 4 or more nodes, or 1 for a single-node development network")
	case n < 1 || n > MaxNodes:
		return fmt.Errorf("want 1, or 4 to %d", MaxNodes)
	}
	return nil
}

func (c *Config) defaults() error {
	if c.Dir == "" {
		return errors.New("devnet: a directory is required")
	}
	if c.Nodes == 0 {
		c.Nodes = 4
	}
	if err := CheckNodeCount(c.Nodes); err != nil {
		return fmt.Errorf("devnet: %d nodes: %w", c.Nodes, err)
	}
	if !c.FirstIP.IsValid() {
		c.FirstIP = netip.MustParseAddr("127.0.0.2")
	}
	if c.APIPort == 0 {
		c.APIPort = 7470
	}
	if c.ChainRPC == "" {
		c.ChainRPC = "127.0.0.1:8545"
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if c.Wrap != nil && len(c.Exec) == 0 {
		return errors.New("devnet: Wrap needs Exec: only node processes can be wrapped")
	}
	if len(c.Adversaries) > 0 && len(c.Exec) > 0 {
		return errors.New("devnet: adversaries run only in-process nodes")
	}
	return nil
}

// Start starts (or resumes) the devnet and returns once every node runs;
// use WaitReady for the DKG.
func Start(ctx context.Context, cfg Config) (*Devnet, error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("devnet: %w", err)
	}
	d := &Devnet{cfg: cfg, log: cfg.Logger, http: &http.Client{Timeout: 5 * time.Second}}
	members, err := d.members()
	if err != nil {
		return nil, err
	}
	d.nodes = members
	if cfg.TLS {
		if err := d.makeCert(); err != nil {
			return nil, err
		}
	}
	var prefund []common.Address
	for _, m := range members {
		prefund = append(prefund, m.address())
	}
	d.Chain, err = devchain.Start(ctx, devchain.Config{Dir: filepath.Join(cfg.Dir, "chain"), RPCAddr: cfg.ChainRPC, Prefund: prefund})
	if err != nil {
		return nil, err
	}
	if err := d.register(ctx); err != nil {
		d.Chain.Close()
		return nil, err
	}
	if err := d.writeNetwork(ctx); err != nil {
		d.Chain.Close()
		return nil, err
	}
	for i := range d.nodes {
		if err := d.StartNode(i); err != nil {
			d.Close()
			return nil, err
		}
	}
	return d, nil
}

// members creates or loads the nodes' identities and configs: nodes 1 to
// Config.Nodes, and every other node directory an epoch change left (a node
// that joined). register keeps those the registry lists.
func (d *Devnet) members() ([]*member, error) {
	var out []*member
	for i := 1; i <= d.cfg.Nodes || d.nodeDirExists(i); i++ {
		m, err := d.member(i)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, nil
}

// nodeDirExists reports whether node i (1-based) has a config in the
// devnet's directory.
func (d *Devnet) nodeDirExists(i int) bool {
	_, err := os.Stat(filepath.Join(d.cfg.Dir, "node"+strconv.Itoa(i), "config.json"))
	return err == nil
}

// member creates or loads node i's identity and config (1-based).
func (d *Devnet) member(i int) (*member, error) {
	ip := d.cfg.FirstIP
	for k := 1; k < i; k++ {
		ip = ip.Next()
	}
	api := netip.AddrPortFrom(ip, d.cfg.APIPort)
	m := &member{index: i, dir: filepath.Join(d.cfg.Dir, "node"+strconv.Itoa(i))}
	m.cfgPath = filepath.Join(m.dir, "config.json")
	m.url = "http://" + api.String()
	if d.cfg.TLS {
		m.url = "https://" + api.String()
	}
	if b, err := os.ReadFile(m.cfgPath); err == nil {
		m.cfg = &node.Config{}
		if err := json.Unmarshal(b, m.cfg); err != nil {
			return nil, fmt.Errorf("devnet: %s: %w", m.cfgPath, err)
		}
		if m.cfg.APIListen != api.String() {
			return nil, fmt.Errorf("devnet: %s listens on %s, expected %s: was the devnet made with other settings?", m.cfgPath, m.cfg.APIListen, api)
		}
	} else {
		m.cfg = &node.Config{
			DataDir:      m.dir,
			IdentityKey:  randomHex(32, true),
			TransportKey: randomHex(32, false),
			StoreKey:     randomHex(32, false),
			APIListen:    api.String(),
		}
	}
	if d.cfg.Pool != (node.PoolConfig{}) {
		m.cfg.Pool = d.cfg.Pool
	}
	if d.cfg.Round != 0 {
		m.cfg.Round = node.Duration(d.cfg.Round)
	}
	if d.cfg.BindWait != 0 {
		m.cfg.BindWait = node.Duration(d.cfg.BindWait)
	}
	if d.cfg.EpochGrace != 0 {
		m.cfg.EpochGrace = node.Duration(d.cfg.EpochGrace)
	}
	if d.cfg.ReshareLeadDelay != 0 {
		m.cfg.ReshareLeadDelay = node.Duration(d.cfg.ReshareLeadDelay)
	}
	if d.cfg.Actions != nil {
		m.cfg.Actions = *d.cfg.Actions
	}
	m.cfg.Actions.IPFSStore = d.IPFSStore()
	m.cfg.API.TLSCert, m.cfg.API.TLSKey = "", ""
	if d.cfg.TLS {
		m.cfg.API.TLSCert, m.cfg.API.TLSKey = d.CertFile(), filepath.Join(d.tlsDir(), nodetls.KeyFile)
	}
	if d.cfg.Quota != nil {
		m.cfg.Quota = *d.cfg.Quota
	} else {
		m.cfg.Quota = node.QuotaConfig{Disabled: true}
	}
	if d.cfg.AuthMethods != nil {
		m.cfg.AuthMethods = *d.cfg.AuthMethods
	}
	return m, nil
}

// AddNode starts one more node, the next index and IP, that is not
// registered: it asks the registry to join (node.Config.Join) and runs
// without keys until the owner locks a next set with it (the test, or
// `flint devnet add-node`, does that); it serves after the advance. It
// returns the node's 0-based position for StartNode and StopNode. A devnet
// resumed from its directory starts Config.Nodes nodes only.
func (d *Devnet) AddNode(ctx context.Context) (int, error) {
	m, err := d.member(d.nextIndex())
	if err != nil {
		return 0, err
	}
	m.cfg.Join = true
	m.cfg.Contracts = d.Chain.Addresses()
	// The chain at the address the other nodes reach it at: on hosts
	// (devnet/hosts) that is the relay, loopback being the test's own.
	m.cfg.ChainRPC = d.Chain.RPCURL()
	if len(d.nodes) > 0 {
		m.cfg.ChainRPC = d.nodes[0].cfg.ChainRPC
	}
	if err := os.MkdirAll(m.dir, 0o700); err != nil {
		return 0, fmt.Errorf("devnet: %w", err)
	}
	b, _ := json.MarshalIndent(m.cfg, "", "  ")
	if err := os.WriteFile(m.cfgPath, b, 0o600); err != nil {
		return 0, fmt.Errorf("devnet: %w", err)
	}
	// It pays for its own requestToJoin and readiness signal.
	if err := d.Chain.Fund(ctx, m.address(), new(big.Int).Mul(big.NewInt(1000), big.NewInt(1e18))); err != nil {
		return 0, err
	}
	d.nodes = append(d.nodes, m)
	i := len(d.nodes) - 1
	return i, d.StartNode(i)
}

// nextIndex is the number of the next node AddNode starts: after every node
// of the devnet, and with a fresh directory: one left by a removed node holds
// an identity the registry has seen leave.
func (d *Devnet) nextIndex() int {
	next := 1
	for _, m := range d.nodes {
		next = max(next, m.index+1)
	}
	for d.nodeDirExists(next) {
		next++
	}
	return next
}

// Index is the number of the node at position i (0-based): its directory
// is DIR/node<Index>, its IP FirstIP + Index − 1. After epoch changes it
// need not be i+1, nor the registry's index.
func (d *Devnet) Index(i int) int { return d.nodes[i].index }

// Position finds the node numbered index (its directory DIR/node<index>)
// among the devnet's nodes.
func (d *Devnet) Position(index int) (int, bool) {
	for i, m := range d.nodes {
		if m.index == index {
			return i, true
		}
	}
	return 0, false
}

// Address is node i's (0-based) on-chain address.
func (d *Devnet) Address(i int) common.Address { return d.nodes[i].address() }

// UpdateNetwork rewrites network.json from the registry's current set (after
// an epoch change).
func (d *Devnet) UpdateNetwork(ctx context.Context) error { return d.writeNetwork(ctx) }

// WaitNodeReady waits until node i (0-based) is ready and holds
// presignatures of its own.
func (d *Devnet) WaitNodeReady(ctx context.Context, i int) error {
	m := d.nodes[i]
	m.mu.Lock()
	exited := m.exited
	m.mu.Unlock()
	return waitHealthy(ctx, d.http, m.url, exited)
}

func (d *Devnet) tlsDir() string { return filepath.Join(d.cfg.Dir, "tls") }

// CertFile is the certificate of a TLS devnet's nodes: the CA its clients
// trust.
func (d *Devnet) CertFile() string { return filepath.Join(d.tlsDir(), nodetls.CertFile) }

// HTTPClient reaches the nodes' APIs, trusting a TLS devnet's certificate.
func (d *Devnet) HTTPClient() *http.Client { return d.http }

// makeCert makes (or, resuming, keeps) the nodes' certificate, one for all
// their IPs, and points d.http at it.
func (d *Devnet) makeCert() error {
	var ips []netip.Addr
	for _, m := range d.nodes {
		ap, err := netip.ParseAddrPort(m.cfg.APIListen)
		if err != nil {
			return fmt.Errorf("devnet: %w", err)
		}
		ips = append(ips, ap.Addr())
	}
	// Kept while it names every node and lives another day; otherwise
	// made again, and clients must load the new one.
	if !nodetls.Covers(d.CertFile(), ips, time.Now().Add(24*time.Hour)) {
		os.Remove(d.CertFile())
		os.Remove(filepath.Join(d.tlsDir(), nodetls.KeyFile))
		c, k, err := nodetls.Generate(nodetls.Options{IPs: ips, DNSNames: []string{"localhost"}})
		if err != nil {
			return fmt.Errorf("devnet: %w", err)
		}
		if _, _, err := nodetls.WriteFiles(d.tlsDir(), c, k); err != nil {
			return fmt.Errorf("devnet: %w", err)
		}
		d.log.Info("made the nodes' TLS certificate", "file", d.CertFile())
	}
	b, err := os.ReadFile(d.CertFile())
	if err != nil {
		return fmt.Errorf("devnet: %w", err)
	}
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(b)
	d.http.Transport = &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}}
	return nil
}

func randomHex(n int, secp bool) string {
	for {
		b := make([]byte, n)
		rand.Read(b)
		if !secp {
			return hex.EncodeToString(b)
		}
		if _, err := crypto.ToECDSA(b); err == nil {
			return hex.EncodeToString(b)
		}
	}
}

func (m *member) address() common.Address {
	k, _ := crypto.HexToECDSA(m.cfg.IdentityKey)
	return crypto.PubkeyToAddress(k.PublicKey)
}

func (m *member) transportKey() ed25519.PublicKey {
	seed, _ := hex.DecodeString(m.cfg.TransportKey)
	return ed25519.NewKeyFromSeed(seed).Public().(ed25519.PublicKey)
}

// register adds the nodes to the Staking contract at the first start; on a
// resume it keeps the registry's current members instead (epoch changes may
// have removed nodes and added others): a node is never registered again,
// which would make a removed node a member without shares. It funds the
// nodes and writes their configs.
func (d *Devnet) register(ctx context.Context) error {
	cl, err := d.Chain.Client(ctx)
	if err != nil {
		return err
	}
	defer cl.Close()
	net, err := cl.Network(ctx)
	if err != nil {
		return err
	}
	have := map[common.Address]bool{}
	for _, n := range net.Nodes {
		have[n.Address] = true
	}
	if len(have) > 0 {
		var keep []*member
		found := map[common.Address]bool{}
		for _, m := range d.nodes {
			if have[m.address()] {
				keep = append(keep, m)
				found[m.address()] = true
			}
		}
		for _, n := range net.Nodes {
			if !found[n.Address] {
				return fmt.Errorf("devnet: the registry's node %d (%s) has no directory in %s: was this devnet made elsewhere?", n.Index, n.Address.Hex(), d.cfg.Dir)
			}
		}
		d.nodes = keep
	} else if len(d.nodes) > d.cfg.Nodes {
		return fmt.Errorf("devnet: %s holds node directories beyond node%d but its registry has no nodes: remove it to start a new network", d.cfg.Dir, d.cfg.Nodes)
	}
	owner := d.Chain.Accounts()[0]
	chainURL := d.Chain.RPCURL() // the real port when the config asked for port 0
	if d.cfg.NodeChain != nil {
		if chainURL, err = d.cfg.NodeChain(chainURL); err != nil {
			return fmt.Errorf("devnet: the nodes' chain address: %w", err)
		}
	}
	for _, m := range d.nodes {
		m.cfg.Contracts = d.Chain.Addresses()
		m.cfg.ChainRPC = chainURL
		if !have[m.address()] {
			ap, _ := netip.ParseAddrPort(m.cfg.APIListen)
			if _, err := cl.AddNode(ctx, cl.Transactor(owner.Key), chain.NodeSpec{AddrPort: ap, Address: m.address(), TransportKey: m.transportKey()}); err != nil {
				return fmt.Errorf("devnet: registering node %d: %w", m.index, err)
			}
			d.log.Info("node registered", "index", m.index, "url", m.url)
		}
		if err := os.MkdirAll(m.dir, 0o700); err != nil {
			return err
		}
		b, _ := json.MarshalIndent(m.cfg, "", "  ")
		if err := os.WriteFile(m.cfgPath, b, 0o600); err != nil {
			return fmt.Errorf("devnet: %w", err)
		}
	}
	if p := d.cfg.RefreshPeriod; p != 0 && net.Epoch.Length != p {
		if _, err := cl.SetEpochLength(ctx, cl.Transactor(owner.Key), p); err != nil {
			return fmt.Errorf("devnet: setting the refresh period: %w", err)
		}
	}
	// Nodes pay for the root keys and the key pool; top them up on resume.
	for _, m := range d.nodes {
		bal, err := cl.Eth().BalanceAt(ctx, m.address(), nil)
		if err == nil && bal.Cmp(new(big.Int).Mul(big.NewInt(10), big.NewInt(1e18))) < 0 {
			if err := d.Chain.Fund(ctx, m.address(), new(big.Int).Mul(big.NewInt(1000), big.NewInt(1e18))); err != nil {
				return err
			}
		}
	}
	return nil
}

func (d *Devnet) writeNetwork(ctx context.Context) error {
	cl, err := d.Chain.Client(ctx)
	if err != nil {
		return err
	}
	defer cl.Close()
	net, err := cl.Network(ctx)
	if err != nil {
		return err
	}
	dev := d.Chain.Accounts()[1] // account 0 owns the contracts
	nw := &Network{
		ChainRPC:   d.Chain.RPCURL(),
		ChainID:    d.Chain.ChainID().Uint64(),
		Contracts:  d.Chain.Addresses(),
		Threshold:  net.Threshold,
		Quorum:     net.Quorum,
		DevKey:     "0x" + hex.EncodeToString(crypto.FromECDSA(dev.Key)),
		DevAddress: dev.Address.Hex(),
		IPFSStore:  d.IPFSStore(),
	}
	if d.cfg.TLS {
		if nw.CAFile, err = filepath.Abs(d.CertFile()); err != nil {
			return fmt.Errorf("devnet: %w", err)
		}
	}
	for _, n := range net.Nodes {
		// The registry holds ip:port only: clients of a TLS devnet learn
		// https from here (the Lit SDK assumes it on port 443 alone).
		u := n.URL()
		if d.cfg.TLS {
			u = "https://" + netip.AddrPortFrom(n.IP, n.Port).String()
		}
		nw.Nodes = append(nw.Nodes, NodeInfo{Index: n.Index, URL: u, Address: n.Address.Hex()})
	}
	d.Network = nw
	b, _ := json.MarshalIndent(nw, "", "  ")
	return os.WriteFile(filepath.Join(d.cfg.Dir, "network.json"), b, 0o600)
}

// Dir is the devnet's directory.
func (d *Devnet) Dir() string { return d.cfg.Dir }

// IPFSStore is the directory of the content store the devnet's nodes share:
// the devnet's IPFS, where published Actions go.
func (d *Devnet) IPFSStore() string { return filepath.Join(d.cfg.Dir, "ipfs") }

// NetworkFile is the path of network.json.
func (d *Devnet) NetworkFile() string { return filepath.Join(d.cfg.Dir, "network.json") }

// URLs returns the nodes' client URLs.
func (d *Devnet) URLs() []string {
	out := make([]string, len(d.nodes))
	for i, m := range d.nodes {
		out[i] = m.url
	}
	return out
}

// StartNode starts node i (0-based) if it is stopped.
func (d *Devnet) StartNode(i int) error {
	m := d.nodes[i]
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.done != nil {
		return nil
	}
	logf, err := os.OpenFile(filepath.Join(m.dir, "node.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return err
	}
	done := make(chan error, 1)
	exited := make(chan struct{})
	finish := func(err error) {
		m.mu.Lock()
		m.exit = err
		m.mu.Unlock()
		close(exited)
		done <- err
	}
	if len(d.cfg.Exec) > 0 {
		var argv []string
		if d.cfg.Wrap != nil {
			argv = append(argv, d.cfg.Wrap(m.index)...)
		}
		argv = append(append(argv, d.cfg.Exec...), "--config", m.cfgPath, "--log-level", d.cfg.NodeLogLevel.String(), "--exit-with-parent")
		cmd := exec.Command(argv[0], argv[1:]...)
		cmd.Stdout, cmd.Stderr = logf, logf
		cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} // Ctrl-C in a terminal reaches the devnet, which stops nodes itself
		if err := cmd.Start(); err != nil {
			logf.Close()
			return fmt.Errorf("devnet: starting node %d: %w", m.index, err)
		}
		m.cmd = cmd
		go func() { finish(cmd.Wait()); logf.Close() }()
	} else {
		cfg := *m.cfg
		cfg.Adversary = d.cfg.Adversaries[m.index]
		log := slog.New(slog.NewJSONHandler(logf, &slog.HandlerOptions{Level: d.cfg.NodeLogLevel}))
		n, err := node.New(&cfg, log)
		if err != nil {
			logf.Close()
			return err
		}
		ctx, cancel := context.WithCancel(context.Background())
		m.cancel = cancel
		go func() {
			err := n.Run(ctx)
			if err != nil {
				log.Error("node stopped with an error", "err", err)
				d.log.Error("node stopped with an error", "index", m.index, "err", err)
			}
			finish(err)
			logf.Close()
		}()
	}
	m.done, m.exited = done, exited
	return nil
}

// StopNode stops node i: in-process nodes shut down, processes are killed
// with SIGKILL (a crash) unless graceful.
func (d *Devnet) StopNode(i int, graceful bool) error {
	m := d.nodes[i]
	m.mu.Lock()
	done := m.done
	if done == nil {
		m.mu.Unlock()
		return nil
	}
	if m.cmd != nil {
		sig := syscall.SIGKILL
		if graceful {
			sig = syscall.SIGTERM
		}
		m.cmd.Process.Signal(sig)
	} else {
		m.cancel()
	}
	m.mu.Unlock()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		if m.cmd != nil {
			m.cmd.Process.Kill()
			<-done
		} else {
			return fmt.Errorf("devnet: node %d did not stop", m.index)
		}
	}
	m.mu.Lock()
	m.done, m.cmd, m.cancel = nil, nil, nil
	m.mu.Unlock()
	return nil
}

// WaitReady waits until every running node reports ready (keys in place
// and root keys on chain) and holds presignatures of its own, and the key
// pool has keys, so the first clients find a network that can sign and mint.
func (d *Devnet) WaitReady(ctx context.Context) error {
	// Genesis needs every node: any node exiting ends the wait.
	anyExit := make(chan struct{})
	stopWatch := make(chan struct{})
	defer close(stopWatch)
	var once sync.Once
	for _, m := range d.nodes {
		m.mu.Lock()
		exited := m.exited
		m.mu.Unlock()
		go func() {
			select {
			case <-exited:
				once.Do(func() { close(anyExit) })
			case <-stopWatch:
			}
		}()
	}
	for _, m := range d.nodes {
		if err := waitHealthy(ctx, d.http, m.url, anyExit); err != nil {
			for _, e := range d.nodes {
				e.mu.Lock()
				gone := e.exit
				e.mu.Unlock()
				if gone != nil || (e.exited != nil && isClosed(e.exited)) {
					return fmt.Errorf("devnet: node %d exited: %v (see %s)", e.index, gone, filepath.Join(e.dir, "node.log"))
				}
			}
			return fmt.Errorf("devnet: node %d: %w", m.index, err)
		}
	}
	return d.waitKeyPool(ctx)
}

// waitKeyPool waits until the nodes have put attested keys in PKPNFT's pool,
// so that a mint (mintNext, as Lit's SDK does it) works at once.
func (d *Devnet) waitKeyPool(ctx context.Context) error {
	cl, err := d.Chain.Client(ctx)
	if err != nil {
		return err
	}
	defer cl.Close()
	for {
		if n, err := cl.KeyPoolSize(ctx); err == nil && n > 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("devnet: the nodes have not filled the key pool: %w", ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

func isClosed(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

func waitHealthy(ctx context.Context, hc *http.Client, url string, exited <-chan struct{}) error {
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/status", nil)
		if resp, err := hc.Do(req); err == nil {
			var h struct {
				Ready         bool `json:"ready"`
				Presignatures int  `json:"presignatures"`
			}
			json.NewDecoder(resp.Body).Decode(&h)
			resp.Body.Close()
			if h.Ready && h.Presignatures > 0 {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-exited:
			return errors.New("the node exited")
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// Close stops every node and the chain.
func (d *Devnet) Close() error {
	var wg sync.WaitGroup
	for i := range d.nodes {
		wg.Add(1)
		go func(i int) { defer wg.Done(); d.StopNode(i, true) }(i)
	}
	wg.Wait()
	if d.Chain != nil {
		return d.Chain.Close()
	}
	return nil
}
