package node

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/node/peer"
	"github.com/flint-network/flint/node/session"
)

// view is one consistent reading of the registry as this node uses it.
type view struct {
	epoch   uint64
	t       int
	quorum  int
	self    uint32
	nodes   map[uint32]chain.Node
	indices []uint32 // registration order, 1..n
}

func (n *Node) view() *view { return n.views.Load() }

// readView reads the registry and finds this node in it.
func (n *Node) readView(ctx context.Context) (*view, error) {
	net, err := n.chain.Network(ctx)
	if err != nil {
		return nil, err
	}
	v := &view{epoch: net.Epoch.Number, t: net.Threshold, quorum: net.Quorum, nodes: map[uint32]chain.Node{}}
	for _, nd := range net.Nodes {
		id := uint32(nd.Index)
		v.nodes[id] = nd
		v.indices = append(v.indices, id)
		if strings.EqualFold(nd.Address.Hex(), n.address) {
			v.self = id
			if !bytes.Equal(nd.TransportKey, n.keys.transport.Public().(ed25519.PublicKey)) {
				return nil, fmt.Errorf("%w: the registry lists another transport key for %s", ErrConfig, n.address)
			}
			want := netip.AddrPortFrom(nd.IP, nd.Port).String()
			if want != n.cfg.APIListen {
				return nil, fmt.Errorf("%w: the registry lists %s for this node, apiListen is %s", ErrConfig, want, n.cfg.APIListen)
			}
		}
	}
	slices.Sort(v.indices)
	if v.self == 0 {
		return nil, errNotRegistered
	}
	return v, nil
}

var errNotRegistered = errors.New("node: this node is not registered on chain")

// waitRegistered polls the registry until this node is in it.
func (n *Node) waitRegistered(ctx context.Context) error {
	for {
		v, err := n.readView(ctx)
		if err == nil {
			n.views.Store(v)
			return nil
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

// watchChain keeps the view, the latest block and the root keys' status
// fresh.
func (n *Node) watchChain(ctx context.Context) {
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for i := 0; ; i++ {
		if h, err := n.chain.Eth().HeaderByNumber(ctx, nil); err == nil {
			n.block.Store(h.Number.Uint64())
			n.blockHash.Store(h.Hash().Hex())
		}
		if i%8 == 0 {
			if v, err := n.readView(ctx); err == nil {
				n.views.Store(v)
			} else if ctx.Err() == nil {
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
		if bytes.Equal(nd.TransportKey, key) {
			return id, true
		}
	}
	return 0, false
}

// Address implements peer.Directory: where a node's peer transport listens
// (its registered ip, port + 1) and its key.
func (n *Node) Address(index uint32) (string, ed25519.PublicKey, bool) {
	nd, ok := n.view().nodes[index]
	if !ok {
		return "", nil, false
	}
	return PeerAddr(netip.AddrPortFrom(nd.IP, nd.Port)).String(), nd.TransportKey, true
}

// Peers implements peer.Lister: every registered node, so the transport's
// health checks watch them all from the start.
func (n *Node) Peers() []uint32 {
	v := n.view()
	out := make([]uint32, 0, len(v.indices))
	for _, id := range v.indices {
		if id != v.self {
			out = append(out, id)
		}
	}
	return out
}

// Peer message kinds besides the signing ones.
const (
	kindMPC         = "mpc"          // session engine traffic
	kindDKGIdentity = "dkg-identity" // a node's long-term BLS DKG key
	kindRootSig     = "root-sig"     // sign the root keys for the router
	kindAttest      = "attest"       // sign a PKP key attestation
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
	case kindBind:
		err = n.signer.onBind(from, body)
	case kindNoBind:
		err = n.signer.onNoBind(from, body)
	case kindStored:
		err = n.onStored(from, body)
	case kindDropBatch:
		err = n.onDropBatch(from, body)
	case kindDKGIdentity:
		return n.dkgID.PublicKey(), nil
	case kindRootSig:
		return n.signRootKeys(body)
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
