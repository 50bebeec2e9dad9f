// Package node is the Flint node daemon: it holds this node's key shares,
// runs the distributed protocols with its peers (genesis DKG, presignature
// batches, signing), serves the Lit-compatible client API, and reads the
// chain for the node set and PKP permissions.
//
// The cryptography lives in crypto/ as pure state machines; this package
// drives them (node/session) over the authenticated peer transport
// (node/peer) and keeps everything that must survive a crash in node/store.
package node

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/bls/dkg"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node/epochs"
	"github.com/flint-network/flint/node/peer"
	"github.com/flint-network/flint/node/session"
	"github.com/flint-network/flint/node/store"
	"github.com/flint-network/flint/node/usage"
)

// keyState is what a node holds once the genesis DKG (or a restart) has put
// its key shares in place for an epoch.
type keyState struct {
	epoch  uint64
	ecdsa  *tecdsa.KeyShare
	bls    *bls.KeyShare
	roots  []secp.Point // the 10 root ECDSA public keys
	blsPub bls.PublicKey
}

// Node is a running Flint node.
type Node struct {
	cfg     *Config
	keys    *keys
	address string // the node's on-chain address, hex
	log     *slog.Logger

	store    *store.Store
	chain    *chain.Client
	peers    *peer.Transport
	engine   *session.Engine
	pool     *pool
	signer   *signer
	send     *sender
	suspects *suspects
	// signerFloor: no presignature of a batch born before it is made,
	// bound or endorsed here (the store was restored from a backup then).
	signerFloor  time.Time
	auth         *auth.Cache
	metrics      *metrics
	inFlight     *ipLimiter // client API requests in flight per client address
	quota        *quotas    // per caller, PKP and client address; nil when quota.disabled
	pkps         *pkpCache
	dkgID        *dkg.Identity
	acts         *actionRuntime     // Actions: worker pool, code, values shared between nodes
	conds        *conditionRuntime  // access-control conditions: chains, result cache
	recentHashes *recentHashes      // block hashes a wallet AuthSig's nonce may name
	authMethods  authMethodResolver // logins: wallet, WebAuthn, ID tokens, OAuth
	loginBinds   *loginBindings     // unbound login → the session key it was first used with
	headMu       sync.Mutex         // serialises refreshHead
	headRead     time.Time          // when refreshHead last read the head
	usage        usageRecorder      // nil when usage records are off

	views       atomic.Pointer[view]
	state       atomic.Pointer[keyState]
	published   atomic.Bool   // root keys are on chain and match ours
	stoleKeyIDs atomic.Bool   // a corrupt refiller sent its Adversary.StealKeyIDs to the chain (tests only)
	block       atomic.Uint64 // latest block number seen
	blockHash   atomic.Value  // string: latest block hash, hex with 0x

	lastSign   atomic.Int64 // when this node last served a signing request (unix ns)
	ackMu      sync.Mutex   // serialises recording batch acknowledgements
	genesisMu  sync.Mutex
	genesisRes map[string]chan error // session id → outcome, for the genesis and resharing leader
	epoch      *epochState           // epoch changes (reshare.go)
	// waiting is where a node that is not registered yet stands (a joiner
	// waiting for a lock with it), for /status until the epoch state
	// exists.
	waiting atomic.Pointer[epochs.Status]

	server        *http.Server
	metricsServer *http.Server // nil unless metricsListen is set
	ready         chan struct{}
}

// New checks the configuration and prepares a node; Run starts it.
func New(cfg *Config, log *slog.Logger) (*Node, error) {
	cfg.withDefaults()
	k, err := cfg.validate()
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.Default()
	}
	addr := crypto.PubkeyToAddress(k.identity.PublicKey)
	n := &Node{
		cfg:        cfg,
		keys:       k,
		address:    addr.Hex(),
		log:        log.With("addr", addr.Hex()[:10]),
		metrics:    newMetrics(),
		inFlight:   newIPLimiter(cfg.API.MaxInFlightPerIP),
		auth:       auth.NewCache(10000),
		pkps:       newPKPCache(),
		loginBinds: newLoginBindings(maxLoginBindings, maxBindingsPerUser),
		genesisRes: map[string]chan error{},
		suspects:   newSuspects(),
		ready:      make(chan struct{}),
	}
	n.conds = newConditionRuntime(n)
	// A wallet AuthSig lives at most auth.DefaultWalletLifetime, so its
	// nonce need be known only as long; a block every 250 ms fills 2,400.
	n.recentHashes = newRecentHashes(auth.DefaultWalletLifetime, 4096)
	if n.authMethods, err = n.newAuthMethods(); err != nil {
		return nil, err
	}
	if !cfg.Quota.Disabled {
		if n.quota, err = newQuotas(cfg.Quota, time.Now); err != nil {
			return nil, err
		}
	}
	return n, nil
}

// Ready is closed once the node holds its keys and the root keys are on
// chain.
func (n *Node) Ready() <-chan struct{} { return n.ready }

// Identity returns the node's secp256k1 identity key.
func (n *Node) Identity() *ecdsa.PrivateKey { return n.keys.identity }

// Run starts the node and blocks until ctx ends, then shuts it down. It
// returns an error wrapping ErrConfig when the registry does not fit the
// node, at the start or later (a registry that breaks n >= 3t+1 stops it).
func (n *Node) Run(ctx context.Context) error {
	var err error
	if err := os.MkdirAll(n.cfg.DataDir, 0o700); err != nil {
		return fmt.Errorf("node: %w", err)
	}
	if n.store, err = store.Open(filepath.Join(n.cfg.DataDir, "node.db"), n.keys.store); err != nil {
		return err
	}
	defer n.store.Close()
	if !n.cfg.Usage.Disabled {
		ul, err := usage.Open(n.cfg.Usage.log())
		if err != nil {
			return fmt.Errorf("node: %w", err)
		}
		ul.Commit = func(_ int, took time.Duration) { n.metrics.usageCommits.Observe(took.Seconds()) }
		// Closed after the API has shut down (defers run in reverse), so
		// every answered request's record is in.
		defer ul.Close()
		n.usage = ul
	}
	if n.dkgID, err = n.loadDKGIdentity(); err != nil {
		return err
	}
	if err := n.startActions(); err != nil {
		return err
	}
	defer n.stopActions()
	ec, err := dialRPC(ctx, n.cfg.ChainRPC) // keeps the URL's secrets out of every chain error
	if err != nil {
		return fmt.Errorf("node: chain: %w", err)
	}
	if n.chain, err = chain.NewClient(ctx, ec, n.cfg.Contracts); err != nil {
		ec.Close()
		return fmt.Errorf("node: chain %s: %w", redactURL(n.cfg.ChainRPC), err)
	}
	defer n.chain.Close()
	if err := n.waitRegistered(ctx); err != nil {
		return err
	}
	if err := n.publishDKGKey(ctx); err != nil {
		return err
	}
	v := n.view()
	n.pool = newPool(v.self)
	n.log = n.log.With("index", v.self)
	gone, err := n.checkRestore(time.Now())
	if err != nil {
		return err
	}
	floor, err := n.store.Floor()
	if err != nil {
		return err
	}
	n.signerFloor = floor

	n.peers, err = peer.New(peer.Config{
		Self:       v.self,
		Key:        n.keys.transport,
		Listen:     n.cfg.PeerListen,
		Directory:  n,
		Handler:    n.onPeer,
		Logger:     n.log,
		Registerer: n.metrics.registry,
	})
	if err != nil {
		return fmt.Errorf("node: peer transport: %w", err)
	}
	n.engine = session.New(session.Config{
		Self:      v.self,
		Sender:    n.peers,
		Kind:      kindMPC,
		Factory:   n.newParty,
		Round:     time.Duration(n.cfg.Round),
		Finished:  n.finished,
		Scheduled: func(p uint8) bool { return p == session.ProtocolBLSKeygen || p == session.ProtocolBLSReshare },
		Logger:    n.log,
	})

	if err := n.loadKeys(ctx); err != nil {
		return err
	}
	n.newEpochState(v)
	if err := n.loadPresignatures(); err != nil {
		return err
	}

	// halt stops the node from inside (a registry it must not run under);
	// Run then shuts down as on ctx's end and returns the cause.
	ctx, halt := context.WithCancelCause(ctx)
	defer halt(nil)
	var wg sync.WaitGroup
	run := func(f func(context.Context)) {
		wg.Add(1)
		go func() { defer wg.Done(); f(ctx) }()
	}
	n.send = newSender(ctx, &wg, n.peers, n.log)
	if n.signer, err = n.newSigner(v); err != nil {
		return err
	}
	errc := make(chan error, 3) // peers, API, metrics: none blocks on sending
	go func() { errc <- n.peers.Serve(ctx) }()
	n.announceGone(gone)
	run(n.signer.run)
	run(n.engine.Run)
	run(func(ctx context.Context) { n.watchChain(ctx, halt) })
	run(n.runGenesis)
	run(n.runEpochs)
	run(n.runNextPool)
	run(n.runPool)
	run(n.runKeyPool)
	run(n.runActionsGC)
	run(func(ctx context.Context) {
		t := time.NewTicker(30 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case now := <-t.C:
				n.dropUnusable(now)
				n.dropExpired(now)
				n.pruneBindings(now)
			}
		}
	})
	if err := n.serveAPI(ctx, errc); err != nil {
		return err
	}
	n.log.Info("node started", "api", n.cfg.APIListen, "peer", n.cfg.PeerListen, "epoch", v.epoch, "nodes", len(v.indices), "t", v.t)

	select {
	case <-ctx.Done():
	case err := <-errc:
		if err != nil && !errors.Is(err, http.ErrServerClosed) && ctx.Err() == nil {
			n.log.Error("listener failed", "err", err)
			return err
		}
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	n.server.Shutdown(shutdown)
	if n.metricsServer != nil {
		n.metricsServer.Shutdown(shutdown)
	}
	wg.Wait()
	if err := context.Cause(ctx); errors.Is(err, ErrConfig) {
		n.log.Error("node stopped", "err", err)
		return err
	}
	n.log.Info("node stopped")
	return nil
}

// loadDKGIdentity returns the node's long-term BLS DKG key, made on first
// start and kept sealed in the store.
func (n *Node) loadDKGIdentity() (*dkg.Identity, error) {
	if raw, err := n.store.Secret(dkgIdentityName); err == nil {
		return dkg.UnmarshalIdentity(raw)
	} else if !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	id, err := dkg.NewIdentity()
	if err != nil {
		return nil, err
	}
	raw, err := id.MarshalBinary()
	if err != nil {
		return nil, err
	}
	return id, n.store.PutSecret(dkgIdentityName, raw)
}

// dkgIdentityName is the store name of the node's long-term DKG key.
const dkgIdentityName = "bls-dkg-identity"

// rotateDKGIdentity replaces the node's DKG key with a fresh one, stored
// first. Only for a key the registry does not list as this node's yet: a
// member or approved joiner holds a key exclusively, so if another took a
// copy of this node's public key first (front-running its setDkgKey or
// requestToJoin), retrying with it would fail forever (H6).
func (n *Node) rotateDKGIdentity() error {
	id, err := dkg.NewIdentity()
	if err != nil {
		return err
	}
	raw, err := id.MarshalBinary()
	if err != nil {
		return err
	}
	if err := n.store.PutSecret(dkgIdentityName, raw); err != nil {
		return fmt.Errorf("storing a new DKG key: %w", err)
	}
	n.dkgID = id
	n.log.Warn("another node holds this node's DKG key in the registry (a front-run copy); made a new one", "key", id.String())
	return nil
}
