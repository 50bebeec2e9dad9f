package node

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"net/netip"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/node/epochs"
)

// nextSet is the registry's locked next node set as this node uses it.
type nextSet struct {
	epoch   uint64
	lock    uint64 // the registry's lock number: a relock of the same epoch gets another
	t       int
	nodes   []chain.Node // stable indices, DKG keys filled
	ready   []common.Address
	indices []uint32 // ascending
}

// epochFields reads the epoch-change part of one registry reading.
func epochFields(net *chain.Network) (epochs.ChainState, *nextSet) {
	var state epochs.ChainState
	switch net.State {
	case chain.Active:
		state = epochs.Active
	case chain.NextValidatorSetLocked:
		state = epochs.Locked
	case chain.ReadyForNextEpoch:
		state = epochs.Ready
	default:
		state = epochs.Other
	}
	if net.Next == nil {
		return state, nil
	}
	return state, &nextSet{epoch: net.Next.Epoch, lock: net.Next.Lock, t: net.Next.Threshold, nodes: slices.Clone(net.Next.Nodes), ready: slices.Clone(net.Next.Ready)}
}

// signalReadyOnChain sends signalReadyForNextEpoch from this node's
// identity.
func signalReadyOnChain(ctx context.Context, n *Node, epoch, lock uint64) error {
	// The client sends the estimate plus a margin for the state change the
	// signal completing 3t'+1 makes (the new nodes signal at once, so an
	// estimate may predate another signal); a failure is retried by the
	// coordinator (SignalFailed).
	_, err := n.chain.SignalReady(ctx, n.chain.Transactor(n.keys.identity), epoch, lock)
	if err != nil {
		return fmt.Errorf("signalReadyForNextEpoch(%d, lock %d): %w", epoch, lock, err)
	}
	return nil
}

// requestToJoinOnChain sends requestToJoin from this node's identity with
// its API address and its transport and DKG keys, unless the registry
// holds a request from it already (the owner approves it, then locks).
func requestToJoinOnChain(ctx context.Context, n *Node) error {
	joins, _, err := n.chain.PendingChanges(ctx)
	if err != nil {
		return err
	}
	me := common.HexToAddress(n.address)
	for _, j := range joins {
		if j.Address == me {
			return nil
		}
	}
	ap, err := netip.ParseAddrPort(n.cfg.APIListen)
	if err != nil {
		return fmt.Errorf("%w: apiListen %q: %v", ErrConfig, n.cfg.APIListen, err)
	}
	spec := chain.NodeSpec{AddrPort: ap, Address: me, TransportKey: n.keys.transport.Public().(ed25519.PublicKey), DKGKey: n.dkgID.PublicKey()}
	if _, err := n.chain.RequestToJoin(ctx, n.chain.Transactor(n.keys.identity), spec); err != nil {
		if errors.Is(err, chain.ErrDKGKeyInUse) {
			// A copy of this node's key was approved first: ask with a new one.
			if rerr := n.rotateDKGIdentity(); rerr != nil {
				return fmt.Errorf("requestToJoin: %w; %w", err, rerr)
			}
		}
		return fmt.Errorf("requestToJoin: %w", err)
	}
	return nil
}
