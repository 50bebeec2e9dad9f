// Package devchain runs a local Ethereum chain for development and tests: a real go-ethereum node, run
// the way `geth --dev` runs it. Blocks are sealed as soon as transactions arrive; the chain persists in a
// data directory, so starting again on the same directory resumes the same chain, accounts and contracts;
// JSON-RPC (HTTP and WebSocket on one port) is served on a loopback address. On first start it creates
// funded development accounts and deploys Flint's contracts with the first account as their owner.
//
// The heavy go-ethereum node packages live here only; nodes reach any chain through package chain.
package devchain

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core"
	"github.com/ethereum/go-ethereum/core/rawdb"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth"
	"github.com/ethereum/go-ethereum/eth/catalyst"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/eth/filters"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/p2p"
	"github.com/ethereum/go-ethereum/params"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/chain/bindings"
)

// ChainID is the dev chain's EIP-155 chain id (geth --dev's).
const ChainID = 1337

const (
	stateFile       = "devchain.json"
	contractsFile   = "contracts.json"
	gethDir         = "geth" // go-ethereum's own data (chaindata, nodes) under Dir
	defaultAccounts = 10
	gasLimit        = 60_000_000
)

// Ether is one ether in wei.
var Ether = big.NewInt(params.Ether)

// accountBalance is what each development account and prefunded address gets at genesis.
var accountBalance = new(big.Int).Mul(big.NewInt(1_000_000), Ether)

var (
	// ErrConfig reports an unusable Config.
	ErrConfig = errors.New("devchain: invalid config")
	// ErrDataDir reports a data directory that is not a dev chain's.
	ErrDataDir = errors.New("devchain: unusable data directory")
)

// Config configures Start.
type Config struct {
	// Dir holds the chain, the accounts' keys and the contract addresses. Required.
	Dir string
	// RPCAddr is the loopback host:port to serve JSON-RPC on; port 0 picks a free port.
	// Default 127.0.0.1:8545.
	RPCAddr string
	// Accounts is the number of development accounts created on first start (default 10).
	Accounts int
	// Prefund lists addresses given 1,000,000 ETH at genesis (first start only; see Fund later).
	Prefund []common.Address
	// Logger receives the dev chain's own log lines (nil: none). go-ethereum's internal logging stays off.
	Logger *slog.Logger
	// IdleBlock is how long the chain may go without a block before it seals an empty one; 0 means
	// DefaultIdleBlock, negative never. The chain seals blocks for transactions only, and nodes take a
	// SIWE nonce (a block hash: wallet logins, PKP sessions) only within minutes of first seeing that
	// block as the head, so an idle chain would refuse every login with NodeSIWENonceNotRecent. A real
	// chain keeps making blocks.
	IdleBlock time.Duration
}

// DefaultIdleBlock is Config.IdleBlock's default: well within the nodes' 10 minutes.
const DefaultIdleBlock = time.Minute

// Account is a funded development account. Its key is in the data directory in clear: for development only.
type Account struct {
	Address common.Address
	Key     *ecdsa.PrivateKey
}

// String shows the address only.
func (a Account) String() string { return a.Address.Hex() }

// state is what Dir/devchain.json keeps.
type state struct {
	ChainID   uint64          `json:"chainId"`
	Contracts chain.Addresses `json:"contracts"`
	Accounts  []stateAccount  `json:"accounts"`
}

type stateAccount struct {
	Address    common.Address `json:"address"`
	PrivateKey hexutil.Bytes  `json:"privateKey"`
}

// Chain is a running dev chain.
type Chain struct {
	stack    *node.Node
	dir      string
	rpcURL   string
	addrs    chain.Addresses
	accounts []Account
	log      *slog.Logger

	fundMu    sync.Mutex
	closeOnce sync.Once
	closeErr  error
	stop      chan struct{} // ends the idle-block loop
}

// Start starts the dev chain in cfg.Dir, creating it (accounts, genesis, contracts) on first start and
// resuming it otherwise. It returns once the RPC endpoint serves and the contracts are deployed.
func Start(ctx context.Context, cfg Config) (*Chain, error) {
	if cfg.Dir == "" {
		return nil, fmt.Errorf("%w: no data directory", ErrConfig)
	}
	if cfg.RPCAddr == "" {
		cfg.RPCAddr = "127.0.0.1:8545"
	}
	host, port, err := loopback(cfg.RPCAddr)
	if err != nil {
		return nil, err
	}
	if cfg.Accounts == 0 {
		cfg.Accounts = defaultAccounts
	}
	if cfg.Accounts < 1 || cfg.Accounts > 1000 {
		return nil, fmt.Errorf("%w: %d accounts", ErrConfig, cfg.Accounts)
	}
	logger := cfg.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("devchain: %w", err)
	}

	st, fresh, err := loadOrCreateState(cfg)
	if err != nil {
		return nil, err
	}
	accounts, err := st.accounts()
	if err != nil {
		return nil, err
	}

	ethCfg := ethconfig.Defaults
	ethCfg.NetworkId = ChainID
	ethCfg.SyncMode = ethconfig.FullSync
	ethCfg.Miner.GasPrice = big.NewInt(1) // as geth --dev: any tip is enough, or on-demand sealing spins
	ethCfg.Miner.GasCeil = gasLimit
	ethCfg.Miner.PendingFeeRecipient = accounts[0].Address
	ethCfg.TxPool.NoLocals = true
	ethCfg.TransactionHistory = 0 // index every transaction
	// Archive mode on the hash scheme writes every block's state to disk as it is sealed, so a dev chain
	// that is killed rather than stopped still has its contracts when it starts again.
	ethCfg.StateScheme = rawdb.HashScheme
	ethCfg.NoPruning = true
	// A dev chain holds little: small caches keep the database's preallocated
	// write-ahead logs (sized from the cache) to megabytes instead of 1.7 GB.
	ethCfg.DatabaseCache = 16
	ethCfg.TrieCleanCache = 16
	ethCfg.TrieDirtyCache = 16
	ethCfg.SnapshotCache = 0
	if fresh {
		ethCfg.Genesis = genesis(accounts, cfg.Prefund)
	} // else go-ethereum reads the genesis stored with the chain

	nodeCfg := node.DefaultConfig
	nodeCfg.Name = gethDir
	nodeCfg.DataDir = cfg.Dir
	nodeCfg.IPCPath = ""
	nodeCfg.P2P = p2p.Config{NoDiscovery: true, MaxPeers: 0, ListenAddr: ""}
	nodeCfg.HTTPHost, nodeCfg.HTTPPort = host, port
	nodeCfg.HTTPModules = []string{"eth", "net", "web3"}
	nodeCfg.HTTPCors = []string{"*"} // browser wallets and the Lit SDK in a page
	nodeCfg.WSHost, nodeCfg.WSPort = host, port
	nodeCfg.WSModules = nodeCfg.HTTPModules
	nodeCfg.WSOrigins = []string{"*"}

	stack, err := node.New(&nodeCfg)
	if err != nil {
		return nil, fmt.Errorf("devchain: node: %w", err)
	}
	backend, err := eth.New(stack, &ethCfg)
	if err != nil {
		stack.Close()
		return nil, fmt.Errorf("devchain: eth: %w", err)
	}
	if id := backend.BlockChain().Config().ChainID; id == nil || id.Uint64() != st.ChainID {
		stack.Close()
		return nil, fmt.Errorf("%w: chain id %v, state file says %d", ErrDataDir, id, st.ChainID)
	}
	// Log filters for eth_getLogs / eth_newFilter (the Lit SDK polls StateChanged with them).
	filterSystem := filters.NewFilterSystem(backend.APIBackend, filters.Config{})
	stack.RegisterAPIs([]rpc.API{{Namespace: "eth", Service: filters.NewFilterAPI(filterSystem)}})
	beacon, err := catalyst.NewSimulatedBeacon(0, accounts[0].Address, backend)
	if err != nil {
		stack.Close()
		return nil, fmt.Errorf("devchain: beacon: %w", err)
	}
	// With period 0 the beacon's API seals a block whenever the pool has transactions: --dev mode.
	catalyst.RegisterSimulatedBeaconAPIs(stack, beacon)
	stack.RegisterLifecycle(beacon)
	if err := stack.Start(); err != nil {
		stack.Close()
		return nil, fmt.Errorf("devchain: start: %w", err)
	}

	c := &Chain{stack: stack, dir: cfg.Dir, rpcURL: stack.HTTPEndpoint(), accounts: accounts, log: logger, stop: make(chan struct{})}
	if cfg.IdleBlock == 0 {
		cfg.IdleBlock = DefaultIdleBlock
	}
	if cfg.IdleBlock > 0 {
		go c.sealWhenIdle(backend, cfg.IdleBlock)
	}
	if fresh {
		if err := c.deploy(ctx, st); err != nil {
			c.Close()
			return nil, err
		}
	}
	c.addrs = st.Contracts
	if err := writeContracts(filepath.Join(cfg.Dir, contractsFile), c.addrs); err != nil {
		c.Close()
		return nil, err
	}
	logger.Info("dev chain started", "rpc", c.rpcURL, "chainId", ChainID, "dir", cfg.Dir, "fresh", fresh)
	return c, nil
}

// deploy deploys the contracts with the first account and records their addresses. Until the state file
// has them, a restart on the directory refuses to run (the chain would have no contracts).
func (c *Chain) deploy(ctx context.Context, st *state) error {
	ec := ethclient.NewClient(c.stack.Attach())
	defer ec.Close()
	auth := bind.NewKeyedTransactor(c.accounts[0].Key, big.NewInt(ChainID))
	addrs, err := chain.Deploy(ctx, ec, auth)
	if err != nil {
		return fmt.Errorf("devchain: deploy contracts: %w", err)
	}
	st.Contracts = addrs
	if err := st.save(filepath.Join(c.dir, stateFile)); err != nil {
		return err
	}
	c.log.Info("contracts deployed", "staking", addrs.Staking, "pkpNft", addrs.PKPNFT,
		"pkpPermissions", addrs.PKPPermissions, "pubkeyRouter", addrs.PubkeyRouter, "pkpHelper", addrs.PKPHelper)
	return nil
}

// ContractsFile is the path of a JSON file with each contract's address and ABI, in the shape of the Lit
// SDK's contract context: {"Staking": {"address": "0x…", "abi": […]}, "PKPNFT": …}.
func (c *Chain) ContractsFile() string { return filepath.Join(c.dir, contractsFile) }

// writeContracts writes the Lit-SDK contract context for addrs.
func writeContracts(path string, addrs chain.Addresses) error {
	type entry struct {
		Address common.Address  `json:"address"`
		ABI     json.RawMessage `json:"abi"`
	}
	ctx := map[string]entry{
		"Staking":        {addrs.Staking, json.RawMessage(bindings.StakingMetaData.ABI)},
		"PKPNFT":         {addrs.PKPNFT, json.RawMessage(bindings.PKPNFTMetaData.ABI)},
		"PKPPermissions": {addrs.PKPPermissions, json.RawMessage(bindings.PKPPermissionsMetaData.ABI)},
		"PubkeyRouter":   {addrs.PubkeyRouter, json.RawMessage(bindings.PubkeyRouterMetaData.ABI)},
	}
	if addrs.PKPHelper != (common.Address{}) {
		ctx["PKPHelper"] = entry{addrs.PKPHelper, json.RawMessage(bindings.PKPHelperMetaData.ABI)}
	}
	raw, err := json.MarshalIndent(ctx, "", "  ")
	if err != nil {
		return fmt.Errorf("devchain: contracts file: %w", err)
	}
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		return fmt.Errorf("devchain: contracts file: %w", err)
	}
	return nil
}

// RPCURL is the HTTP JSON-RPC endpoint (the WebSocket endpoint is the same address with ws://).
func (c *Chain) RPCURL() string { return c.rpcURL }

// ChainID is the chain's id.
func (c *Chain) ChainID() *big.Int { return big.NewInt(ChainID) }

// Addresses are the deployed contracts.
func (c *Chain) Addresses() chain.Addresses { return c.addrs }

// Accounts are the funded development accounts; the first owns the contracts.
func (c *Chain) Accounts() []Account { return append([]Account(nil), c.accounts...) }

// Client returns a chain client connected in-process (no socket); close it when done.
func (c *Chain) Client(ctx context.Context) (*chain.Client, error) {
	return chain.NewClient(ctx, ethclient.NewClient(c.stack.Attach()), c.addrs)
}

// Fund sends amount wei from the first development account to addr and waits for the transfer.
//
// Fund returns once the transfer is mined. The transaction pool learns of
// the block on its own goroutine, so for a moment it may still refuse a
// transaction from addr as underfunded: a caller that sends at once should
// retry that refusal. (TxPool.Sync would wait for the pool, but the dev
// beacon calls it itself and two concurrent callers lose one's answer,
// after which the beacon never seals again.)
func (c *Chain) Fund(ctx context.Context, addr common.Address, amount *big.Int) error {
	if amount == nil || amount.Sign() <= 0 {
		return fmt.Errorf("%w: fund amount %v", ErrConfig, amount)
	}
	ec := ethclient.NewClient(c.stack.Attach())
	defer ec.Close()
	from := c.accounts[0]

	c.fundMu.Lock()
	nonce, err := ec.PendingNonceAt(ctx, from.Address)
	if err != nil {
		c.fundMu.Unlock()
		return fmt.Errorf("devchain: fund: nonce: %w", err)
	}
	head, err := ec.HeaderByNumber(ctx, nil)
	if err != nil {
		c.fundMu.Unlock()
		return fmt.Errorf("devchain: fund: head: %w", err)
	}
	tip := big.NewInt(params.GWei)
	tx := types.NewTx(&types.DynamicFeeTx{
		ChainID:   big.NewInt(ChainID),
		Nonce:     nonce,
		GasTipCap: tip,
		GasFeeCap: new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2))),
		Gas:       params.TxGas,
		To:        &addr,
		Value:     amount,
	})
	signed, err := types.SignTx(tx, types.LatestSignerForChainID(big.NewInt(ChainID)), from.Key)
	if err == nil {
		err = ec.SendTransaction(ctx, signed)
	}
	c.fundMu.Unlock()
	if err != nil {
		return fmt.Errorf("devchain: fund %s: %w", addr, err)
	}
	r, err := chain.WaitReceipt(ctx, ec, signed.Hash())
	if err != nil {
		return fmt.Errorf("devchain: fund %s: %w", addr, err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return fmt.Errorf("devchain: fund %s: transfer failed", addr)
	}
	return nil
}

// sealWhenIdle seals an empty block whenever the head has not changed for idle, by the wall clock as
// the nodes count a head's age (block times run ahead of it after a burst: each block takes at least
// its parent's time plus one second). It asks for the block as a transaction does, through the beacon's
// on-demand path (a zero withdrawal to the first account, the only trigger besides a transaction that
// needs no key), so the beacon still seals one block at a time.
func (c *Chain) sealWhenIdle(backend *eth.Ethereum, idle time.Duration) {
	rc := c.stack.Attach()
	defer rc.Close()
	t := time.NewTicker(max(idle/6, 10*time.Millisecond))
	defer t.Stop()
	var (
		index uint64
		head  common.Hash
		since time.Time
	)
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
		}
		if h := backend.BlockChain().CurrentBlock().Hash(); h != head {
			head, since = h, time.Now()
			continue
		}
		if time.Since(since) < idle {
			continue
		}
		w := &types.Withdrawal{Index: index, Address: c.accounts[0].Address}
		index++
		since = time.Now() // once per idle period, even if the block is slow to come
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		if err := rc.CallContext(ctx, nil, "dev_addWithdrawal", w); err != nil {
			c.log.Warn("sealing an empty block on an idle chain", "err", err)
		}
		cancel()
	}
}

// Close stops the chain and flushes it to disk.
func (c *Chain) Close() error {
	c.closeOnce.Do(func() {
		close(c.stop)
		c.closeErr = c.stack.Close()
		if c.closeErr != nil {
			c.closeErr = fmt.Errorf("devchain: close: %w", c.closeErr)
		}
	})
	return c.closeErr
}

func loopback(addr string) (string, int, error) {
	host, portStr, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, fmt.Errorf("%w: rpc address %q: %w", ErrConfig, addr, err)
	}
	ip := net.ParseIP(host)
	if host == "localhost" {
		ip = net.IPv4(127, 0, 0, 1)
		host = "127.0.0.1"
	}
	if ip == nil || !ip.IsLoopback() {
		return "", 0, fmt.Errorf("%w: rpc address %q is not a loopback address", ErrConfig, addr)
	}
	port, err := net.LookupPort("tcp", portStr)
	if err != nil || port < 0 || port > 65535 {
		return "", 0, fmt.Errorf("%w: rpc port %q", ErrConfig, portStr)
	}
	return host, port, nil
}

// genesis is geth --dev's genesis with the development accounts and prefunded addresses funded, on the
// forks that public chains run (through Osaka): geth --dev also enables forks still in development, whose
// repriced storage would make gas figures measured here meaningless elsewhere.
func genesis(accounts []Account, prefund []common.Address) *core.Genesis {
	faucet := accounts[0].Address
	g := core.DeveloperGenesisBlock(gasLimit, &faucet)
	g.Config.AmsterdamTime = nil
	g.Config.BogotaTime = nil
	for _, a := range accounts[1:] {
		g.Alloc[a.Address] = types.Account{Balance: accountBalance}
	}
	for _, a := range prefund {
		if _, ok := g.Alloc[a]; !ok {
			g.Alloc[a] = types.Account{Balance: accountBalance}
		}
	}
	return g
}

// loadOrCreateState reads Dir/devchain.json, or creates the accounts of a new chain. fresh is true when
// the chain has to be created (and the contracts deployed).
func loadOrCreateState(cfg Config) (*state, bool, error) {
	path := filepath.Join(cfg.Dir, stateFile)
	chainData := filepath.Join(cfg.Dir, gethDir, "chaindata")
	raw, err := os.ReadFile(path)
	switch {
	case err == nil:
		st, err := parseState(raw)
		if err != nil {
			return nil, false, fmt.Errorf("%w: %s: %w", ErrDataDir, path, err)
		}
		if _, err := os.Stat(chainData); err != nil {
			return nil, false, fmt.Errorf("%w: %s exists but the chain data does not", ErrDataDir, path)
		}
		return st, false, nil
	case !errors.Is(err, os.ErrNotExist):
		return nil, false, fmt.Errorf("devchain: %w", err)
	}
	if _, err := os.Stat(chainData); err == nil {
		return nil, false, fmt.Errorf("%w: %s has chain data but no %s (a start that failed midway?); remove it",
			ErrDataDir, cfg.Dir, stateFile)
	}
	st := &state{ChainID: ChainID}
	for range cfg.Accounts {
		key, err := crypto.GenerateKey()
		if err != nil {
			return nil, false, fmt.Errorf("devchain: generate key: %w", err)
		}
		st.Accounts = append(st.Accounts, stateAccount{Address: crypto.PubkeyToAddress(key.PublicKey), PrivateKey: crypto.FromECDSA(key)})
	}
	return st, true, nil
}

// parseState decodes and checks a state file: the dev chain's id, every contract address, and at least one
// account whose key matches its address.
func parseState(raw []byte) (*state, error) {
	var st state
	if err := json.Unmarshal(raw, &st); err != nil {
		return nil, err
	}
	a := st.Contracts
	if st.ChainID != ChainID || len(st.Accounts) == 0 || len(st.Accounts) > 1000 || a.Staking == (common.Address{}) ||
		a.PKPNFT == (common.Address{}) || a.PKPPermissions == (common.Address{}) || a.PubkeyRouter == (common.Address{}) {
		return nil, errors.New("incomplete state")
	}
	if _, err := st.accounts(); err != nil {
		return nil, err
	}
	return &st, nil
}

func (st *state) accounts() ([]Account, error) {
	out := make([]Account, len(st.Accounts))
	for i, a := range st.Accounts {
		key, err := crypto.ToECDSA(a.PrivateKey)
		if err != nil {
			return nil, fmt.Errorf("%w: account %d: bad key", ErrDataDir, i)
		}
		if crypto.PubkeyToAddress(key.PublicKey) != a.Address {
			return nil, fmt.Errorf("%w: account %d: key does not match %s", ErrDataDir, i, a.Address)
		}
		out[i] = Account{Address: a.Address, Key: key}
	}
	return out, nil
}

// save writes the state atomically (temp file, then rename), readable by the owner only: it holds keys.
func (st *state) save(path string) error {
	raw, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("devchain: state: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, raw, 0o600); err != nil {
		return fmt.Errorf("devchain: state: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("devchain: state: %w", err)
	}
	return nil
}
