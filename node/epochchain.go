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
	refresh bool     // the same set and t: anyone may advance it
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
	return state, &nextSet{epoch: net.Next.Epoch, lock: net.Next.Lock, t: net.Next.Threshold, nodes: slices.Clone(net.Next.Nodes), ready: slices.Clone(net.Next.Ready), refresh: net.Next.Refresh}
}

// refreshGasLimit covers lockForRefresh and advanceEpoch of a refresh of
// nodes nodes (measured: 7.7 M for 255, TestEpochLargestChangeGas). Not
// the estimate: it runs on the latest block, whose time may still be before
// the epoch's end on a chain that makes blocks only for transactions (the
// dev chain seals an empty one after a minute idle), while the block the
// transaction lands in is due. A refused one is mined and costs the gas up
// to the revert (the state check comes first).
func refreshGasLimit(nodes int) uint64 { return 300_000 + 40_000*uint64(nodes) }

// lockForRefreshOnChain sends lockForRefresh from this node's identity: the
// periodic refresh is due.
func lockForRefreshOnChain(ctx context.Context, n *Node, nodes int) error {
	auth := n.chain.Transactor(n.keys.identity)
	auth.GasLimit = refreshGasLimit(nodes)
	if _, err := n.chain.LockForRefresh(ctx, auth); err != nil {
		return fmt.Errorf("lockForRefresh: %w", err)
	}
	return nil
}

// advanceRefreshOnChain sends advanceEpoch from this node's identity for a
// ready refresh lock.
func advanceRefreshOnChain(ctx context.Context, n *Node, epoch uint64, nodes int) error {
	auth := n.chain.Transactor(n.keys.identity)
	auth.GasLimit = refreshGasLimit(nodes)
	if _, err := n.chain.AdvanceEpoch(ctx, auth); err != nil {
		return fmt.Errorf("advanceEpoch (refresh to epoch %d): %w", epoch, err)
	}
	return nil
}

// carryOutRefresh sends the periodic refresh's transactions of a step. A
// refusal is expected now and then (another node was first, a change is
// pending, the node's clock runs ahead of the chain's): the coordinator
// sends again later, so it is logged, not returned.
func (n *Node) carryOutRefresh(ctx context.Context, v *view, st epochs.Step) {
	if st.LockRefresh {
		if err := lockForRefreshOnChain(ctx, n, len(v.indices)); err != nil {
			n.log.Info("periodic refresh not locked", "err", err)
		} else {
			n.log.Info("periodic refresh locked")
		}
	}
	if st.AdvanceRefresh != 0 {
		if err := advanceRefreshOnChain(ctx, n, st.AdvanceRefresh, len(v.indices)); err != nil {
			n.log.Info("refresh not advanced", "epoch", st.AdvanceRefresh, "err", err)
		} else {
			n.log.Info("refresh advanced", "epoch", st.AdvanceRefresh)
		}
	}
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
