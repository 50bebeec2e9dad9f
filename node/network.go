package node

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/crypto/bls/dkg"
	"github.com/flint-network/flint/node/epochs"
	"github.com/flint-network/flint/node/peer"
	"github.com/flint-network/flint/node/session"
)

// view is one consistent reading of the registry as this node uses it. It
// always satisfies n >= 3t+1 (see checkThreshold).
type view struct {
	epoch  uint64
	t      int
	quorum int
	self   uint32 // this node's stable index; in indices, or only in next.indices (a joiner)
	// nodes holds every node of the current and the next set, with its
	// transport and DKG keys: the peer transport reaches them all.
	nodes   map[uint32]chain.Node
	indices []uint32 // the current set's stable indices, ascending
	// state is the Staking contract's; next the locked next set (nil unless
	// a change is under way).
	state epochs.ChainState
	next  *nextSet
	// badKeys are the nodes whose registered transport or DKG key fails
	// checkPeerKeys: no connection to or from them, no DKG with them.
	badKeys map[uint32]error
	// start is when the epoch began on chain (its advance's block time, as
	// the Lit SDK computes it: endTime − epochLength); zero if unknown.
	start time.Time
	// refreshDue is the current epoch's end, after which the nodes lock a
	// refresh themselves; zero when the periodic refresh is off.
	refreshDue time.Time
}

// member reports whether this node is in the current set.
func (v *view) member() bool { return slices.Contains(v.indices, v.self) }

func (n *Node) view() *view { return n.views.Load() }

// readView reads the registry and finds this node in it.
func (n *Node) readView(ctx context.Context) (*view, error) {
	net, err := n.chain.Network(ctx)
	if err != nil {
		return nil, err
	}
	return n.newView(net)
}

// newView checks one reading of the registry and finds this node in it.
func (n *Node) newView(net *chain.Network) (*view, error) {
	state, next := epochFields(net)
	return n.newViewWith(net, state, next)
}

// newViewWith is newView with the epoch-change part of the reading given.
func (n *Node) newViewWith(net *chain.Network, state epochs.ChainState, next *nextSet) (*view, error) {
	v := &view{epoch: net.Epoch.Number, t: net.Threshold, quorum: net.Quorum, nodes: map[uint32]chain.Node{}, state: state}
	if !net.Epoch.EndTime.IsZero() && net.Epoch.Length > 0 {
		v.start = net.Epoch.EndTime.Add(-net.Epoch.Length)
		v.refreshDue = net.Epoch.EndTime
	}
	if next != nil {
		nx := *next
		nx.indices = nil // filled below
		v.next = &nx
	}
	all := net.Nodes
	if v.next != nil {
		all = append(slices.Clip(all), v.next.nodes...)
	}
	for i, nd := range all {
		id := uint32(nd.Index)
		if i < len(net.Nodes) {
			v.indices = append(v.indices, id)
		} else {
			v.next.indices = append(v.next.indices, id)
			if _, both := v.nodes[id]; both {
				continue
			}
		}
		v.nodes[id] = nd
		if err := checkPeerKeys(nd.TransportKey, nd.DKGKey); err != nil {
			if v.badKeys == nil {
				v.badKeys = map[uint32]error{}
			}
			v.badKeys[id] = fmt.Errorf("node %d: %w", id, err)
		}
		if strings.EqualFold(nd.Address.Hex(), n.address) {
			v.self = id
			if err := n.checkSelf(nd); err != nil {
				return nil, err
			}
		}
	}
	slices.Sort(v.indices)
	if v.next != nil {
		slices.Sort(v.next.indices)
		if err := checkThreshold(len(v.next.indices), v.next.t); err != nil {
			return nil, fmt.Errorf("the next set: %w", err)
		}
	}
	if v.self == 0 {
		prev := n.view()
		if prev == nil || prev.self == 0 {
			return nil, errNotRegistered
		}
		// A node that left keeps its stable index: its view must go on,
		// so that it sees the advance and erases its shares.
		v.self = prev.self
	}
	if err := checkThreshold(len(v.indices), v.t); err != nil {
		return nil, err
	}
	return v, nil
}

// checkSelf compares the registry's entry for this node with the node's own
// configuration and keys: peers and the DKG use what the registry says.
func (n *Node) checkSelf(nd chain.Node) error {
	if !bytes.Equal(nd.TransportKey, n.keys.transport.Public().(ed25519.PublicKey)) {
		return fmt.Errorf("%w: the registry lists another transport key for %s", ErrConfig, n.address)
	}
	if want := netip.AddrPortFrom(nd.IP, nd.Port).String(); want != n.cfg.APIListen {
		return fmt.Errorf("%w: the registry lists %s for this node, apiListen is %s", ErrConfig, want, n.cfg.APIListen)
	}
	// Empty until publishDKGKey sets it. Another key means the store holds
	// another identity than the one registered; only removing and adding the
	// node again clears the registry's.
	if len(nd.DKGKey) != 0 && !bytes.Equal(nd.DKGKey, n.dkgID.PublicKey()) {
		return fmt.Errorf("%w: the registry lists another BLS DKG key for %s than the one in this node's store (was its data directory replaced? the operator must remove and add the node again)", ErrConfig, n.address)
	}
	return nil
}

var (
	errNotRegistered = errors.New("node: this node is not registered on chain")
	// errUnsafeThreshold marks a registry this node must never run a
	// protocol under; a running node stops when it sees one.
	errUnsafeThreshold = errors.New("the corruption bound breaks n >= 3t+1")
)

// checkThreshold refuses n nodes with corruption bound t unless n >= 3t+1.
// Every agreement argument of the protocols (a DKG's qualified set, a
// presignature batch's dealers, a signing request's binding) needs any two
// sets of n - t nodes to share an honest one; with n <= 3t they need not.
// The registry enforces the bound too; this holds against one that does not.
func checkThreshold(n, t int) error {
	if n < 3*t+1 {
		return fmt.Errorf("%w: %w: the registry has n = %d nodes and t = %d; %d nodes allow at most t = %d", ErrConfig, errUnsafeThreshold, n, t, n, (n-1)/3)
	}
	return nil
}

// dkgParticipants is the BLS DKG's participant list for parties, built from
// this node's own reading of the registry, where each node published its
// own key. It never comes from a leader's message: a corrupt leader could
// put its own key in place of honest nodes' and decrypt their shares. A
// party whose key is not in the registry yet makes it ErrBusy (try later).
func (v *view) dkgParticipants(parties []uint32) ([]dkg.Participant, error) {
	out := make([]dkg.Participant, 0, len(parties))
	var missing []uint32
	for _, id := range parties {
		nd, ok := v.nodes[id]
		switch {
		case !ok:
			return nil, fmt.Errorf("party %d is not registered", id)
		case v.badKeys[id] != nil:
			return nil, v.badKeys[id]
		case len(nd.DKGKey) == 0:
			missing = append(missing, id)
		default:
			out = append(out, dkg.Participant{Index: id, Key: slices.Clone(nd.DKGKey)})
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%w: nodes %v have not published their DKG keys in the registry yet", session.ErrBusy, missing)
	}
	return out, nil
}

// missingDKGKeys lists the registered nodes whose DKG key is not in the
// registry yet.
func (v *view) missingDKGKeys() []uint32 {
	var out []uint32
	for _, id := range v.indices {
		if len(v.nodes[id].DKGKey) == 0 {
			out = append(out, id)
		}
	}
	return out
}

// publishDKGKey puts this node's BLS DKG key in the registry, unless it is
// there already, and waits until this node's view shows it. The registry
// takes a node's key only from the node's own address and only once, so
// that nobody else can publish one in its name.
func (n *Node) publishDKGKey(ctx context.Context) error {
	for {
		if v := n.view(); len(v.nodes[v.self].DKGKey) != 0 {
			return nil // checkSelf found it is this node's key
		}
		err := n.sendDKGKey(ctx)
		var v *view
		if err == nil {
			v, err = n.readView(ctx)
		}
		switch {
		case err == nil:
			n.views.Store(v)
			if len(v.nodes[v.self].DKGKey) != 0 {
				return nil
			}
			// The chain answered from a block before the transaction's.
		case errors.Is(err, ErrConfig) || ctx.Err() != nil:
			return err
		default:
			n.log.Warn("publishing this node's DKG key in the registry; retrying", "err", err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}

// sendDKGKey sends this node's DKG key to the registry, signed by its
// identity key. A key set already is no error here: the view then tells
// whether it is this node's.
func (n *Node) sendDKGKey(ctx context.Context) error {
	auth := n.chain.Transactor(n.keys.identity)
	_, err := n.chain.SetDKGKey(ctx, auth, n.dkgID.PublicKey())
	switch {
	case errors.Is(err, chain.ErrDKGKeySet):
		return nil
	case errors.Is(err, chain.ErrDKGKeyInUse):
		if rerr := n.rotateDKGIdentity(); rerr != nil {
			return fmt.Errorf("node: publishing the DKG key: %w; %w", err, rerr)
		}
		return fmt.Errorf("node: publishing the DKG key: %w (a new key goes next)", err)
	case err != nil:
		return fmt.Errorf("node: publishing the DKG key: %w", err)
	}
	n.log.Info("published this node's DKG key in the registry")
	return nil
}

// waitRegistered polls the registry until this node is in the current set
// or in a locked next set (a joiner). With Config.Join it asks to join
// first.
func (n *Node) waitRegistered(ctx context.Context) error {
	asked := false
	var stopWaiting func()
	defer func() {
		if stopWaiting != nil {
			stopWaiting() // the node's own API takes the addresses next
		}
		n.waiting.Store(nil)
	}()
	started := time.Now()
	for {
		net, err := n.chain.Network(ctx)
		var v *view
		if err == nil {
			v, err = n.newView(net)
		}
		if err == nil {
			n.views.Store(v)
			return nil
		}
		if errors.Is(err, errNotRegistered) {
			// In no set of this reading: a node that left, restarted after
			// the advance, still holds its old shares.
			n.eraseLeftShares(net.Epoch.Number, started, time.Now())
		}
		phase := epochs.PhaseWaiting
		if n.cfg.Join {
			phase = epochs.PhaseWaitingToJoin
		}
		n.waiting.Store(&epochs.Status{State: "unregistered", Phase: phase, LastError: err.Error()})
		if stopWaiting == nil {
			if stopWaiting, err = n.serveWaiting(); err != nil {
				return err
			}
			// readView's error is logged below on the next round
			continue
		}
		if errors.Is(err, errNotRegistered) && n.cfg.Join && !asked {
			if jerr := requestToJoinOnChain(ctx, n); jerr != nil {
				n.log.Warn("asking the registry to join", "err", jerr)
			} else {
				asked = true
				n.log.Info("asked the registry to join the next epoch; waiting for the owner to lock a next set with this node")
			}
		}
		if !errors.Is(err, errNotRegistered) && !errors.Is(err, chain.ErrReverted) {
			if errors.Is(err, ErrConfig) {
				return err
			}
		}
		n.log.Info("waiting for this node to be registered on chain", "address", n.address, "err", err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(2 * time.Second):
		}
	}
}

// eraseLeftShares erases, once the grace period has passed since this
// node's start, the shares it holds of epochs before the chain's: a node
// that is registered in no set of the current epoch (nor locked into the
// next) left, and a node that left erases its shares after the grace
// period like one that saw the advance running. Measured from the start,
// not the advance, which a restarted node did not see: the previous epoch's
// clients get the full grace period at least. Shares of the chain's epoch or
// later are left alone (they are of no committee this reading shows; never
// erased on a reading that could be of another chain).
func (n *Node) eraseLeftShares(chainEpoch uint64, started, now time.Time) {
	grace := epochs.DefaultConfig().Grace
	if n.cfg != nil && n.cfg.EpochGrace > 0 {
		grace = time.Duration(n.cfg.EpochGrace)
	}
	if now.Sub(started) < grace {
		return
	}
	names, err := n.store.SecretNames()
	if err != nil {
		n.log.Error("listing the stored key shares", "err", err)
		return
	}
	erased := map[uint64]error{}
	for _, name := range names {
		e, ok := shareEpoch(name)
		if !ok || e >= chainEpoch {
			continue
		}
		erased[e] = errors.Join(erased[e], n.store.DeleteSecret(name))
	}
	for e, err := range erased {
		if err != nil {
			n.log.Error("erasing old key shares", "epoch", e, "err", err)
			continue
		}
		n.log.Info("old key shares erased", "epoch", e, "why", "this node is in no set of the chain's epoch", "chainEpoch", chainEpoch)
	}
}

// shareEpoch is the epoch of a stored share's name (ecdsa/<e>, bls/<e>).
func shareEpoch(name string) (uint64, bool) {
	for _, prefix := range []string{"ecdsa/", "bls/"} {
		if rest, ok := strings.CutPrefix(name, prefix); ok {
			e, err := strconv.ParseUint(rest, 10, 64)
			return e, err == nil
		}
	}
	return 0, false
}

// maxParentWalk bounds the headers noteHead reads back to fill a gap.
const maxParentWalk = 32

// noteHead remembers the latest block's hash as recent, and those of the
// blocks since the last one the node saw: a client may have taken any of
// them as a wallet AuthSig's nonce from another node's handshake, and with
// blocks faster than the node polls it would not have seen them all.
func (n *Node) noteHead(ctx context.Context, h *types.Header) {
	now := time.Now()
	parent := h.ParentHash
	n.recentHashes.addBlock(h.Hash().Hex(), time.Unix(int64(h.Time), 0), now)
	for range maxParentWalk {
		if n.recentHashes.known(parent.Hex()) {
			return
		}
		ph, err := n.chain.Eth().HeaderByHash(ctx, parent)
		if err != nil || now.Sub(time.Unix(int64(ph.Time), 0)) > n.recentHashes.maxAge {
			return
		}
		n.recentHashes.addBlock(ph.Hash().Hex(), time.Unix(int64(ph.Time), 0), now)
		parent = ph.ParentHash
	}
}

// headRefreshGap bounds how often a request may make the node read the
// chain's head out of turn (refreshHead): a flood of unknown nonces costs
// at most one read per gap.
const headRefreshGap = 100 * time.Millisecond

// refreshHead reads the chain's latest block now, unless another request
// did so within headRefreshGap; concurrent callers share one read.
func (n *Node) refreshHead(ctx context.Context) {
	n.headMu.Lock()
	defer n.headMu.Unlock()
	if time.Since(n.headRead) < headRefreshGap {
		return
	}
	n.headRead = time.Now()
	rctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if h, err := n.chain.Eth().HeaderByNumber(rctx, nil); err == nil {
		n.noteHead(rctx, h)
	}
}

// watchChain keeps the view, the latest block and the root keys' status
// fresh. A registry that breaks n >= 3t+1 halts the node: it must not go on
// with a view the registry no longer supports, nor take up that one.
func (n *Node) watchChain(ctx context.Context, halt context.CancelCauseFunc) {
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	var lastMark chain.EpochMark
	var markBlock uint64
	for i := 0; ; i++ {
		newBlock := false
		if h, err := n.chain.Eth().HeaderByNumber(ctx, nil); err == nil {
			n.block.Store(h.Number.Uint64())
			n.blockHash.Store(h.Hash().Hex())
			n.noteHead(ctx, h)
			newBlock = h.Number.Uint64() != markBlock
			markBlock = h.Number.Uint64()
		}
		// The registry in full every 2 s; at a new block its state and lock
		// number, and in full at once when they moved: a lock, an unlock or
		// an advance reaches the epoch coordinator (and /status) within a
		// tick, not up to 2 s later.
		moved := false
		if i%8 != 0 && newBlock {
			if m, err := n.chain.EpochMark(ctx); err == nil && m != lastMark {
				lastMark, moved = m, true
			}
		}
		if i%8 == 0 || moved {
			v, err := n.readView(ctx)
			switch {
			case err == nil:
				n.views.Store(v)
				if moved {
					n.wakeEpochs()
				}
			case errors.Is(err, errUnsafeThreshold):
				halt(err)
				return
			case ctx.Err() == nil:
				n.log.Warn("reading the registry", "err", err)
			}
			n.checkPublished(ctx)
		}
		n.metrics.observe(n)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// live returns the nodes this node can reach (itself included), in index
// order.
func (n *Node) live(v *view) []uint32 {
	health := n.peers.Health()
	var out []uint32
	for _, id := range v.indices {
		if id == v.self || health[id].Up {
			out = append(out, id)
		}
	}
	return out
}

// Lookup implements peer.Directory: the node that holds a transport key.
func (n *Node) Lookup(key ed25519.PublicKey) (uint32, bool) {
	v := n.view()
	for id, nd := range v.nodes {
		if v.badKeys[id] == nil && bytes.Equal(nd.TransportKey, key) {
			return id, true
		}
	}
	return 0, false
}

// Address implements peer.Directory: where a node's peer transport listens
// (its registered ip, port + 1) and its key.
func (n *Node) Address(index uint32) (string, ed25519.PublicKey, bool) {
	v := n.view()
	nd, ok := v.nodes[index]
	if !ok || v.badKeys[index] != nil {
		return "", nil, false
	}
	return PeerAddr(netip.AddrPortFrom(nd.IP, nd.Port)).String(), nd.TransportKey, true
}

// Peers implements peer.Lister: every registered node, so the transport's
// health checks watch them all from the start.
func (n *Node) Peers() []uint32 {
	v := n.view()
	out := make([]uint32, 0, len(v.nodes))
	for id := range v.nodes {
		if id != v.self {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}

// Peer message kinds besides the signing ones.
const (
	kindMPC     = "mpc"      // session engine traffic
	kindRootSig = "root-sig" // sign the root keys for the router
	kindAttest  = "attest"   // sign a PKP key attestation
)

// errPeerRefused marks a peer message that is refused for good (the peer
// should not retry it). Errors that wrap peer.ErrUnavailable make the
// sender retry.
var errPeerRefused = errors.New("refused")

// onPeer dispatches a message from an authenticated peer.
func (n *Node) onPeer(ctx context.Context, from uint32, kind string, body []byte) ([]byte, error) {
	var err error
	switch kind {
	case kindMPC:
		err = n.engine.Deliver(from, body)
		if errors.Is(err, session.ErrRefused) {
			err = fmt.Errorf("%w: %v", errPeerRefused, err)
		}
	case kindSign:
		err = n.onSign(from, body)
	case kindGone:
		err = n.onGone(from, body)
	case kindStored:
		err = n.onStored(from, body)
	case kindDropBatch:
		err = n.onDropBatch(from, body)
	case kindRootSig:
		return n.signRootKeys(body)
	case kindOldKeys:
		raw, err := n.answerOldKeys(body)
		if errors.Is(err, ErrNotReady) {
			err = fmt.Errorf("%w: %v", peer.ErrUnavailable, err)
		}
		return raw, err
	case kindAttest:
		return n.attestPeer(ctx, body)
	case kindActionValue:
		err = n.onActionValue(from, body)
	case kindActionHash:
		return n.onActionHash(body)
	default:
		return nil, fmt.Errorf("%w: %q", peer.ErrUnknownKind, kind)
	}
	if errors.Is(err, session.ErrBusy) || errors.Is(err, ErrNotReady) {
		err = fmt.Errorf("%w: %v", peer.ErrUnavailable, err)
	}
	return nil, err
}
