package node

import (
	"context"
	"errors"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/node/epochs"
)

// nextSet is the registry's locked next node set as this node uses it.
type nextSet struct {
	epoch   uint64
	t       int
	nodes   []chain.Node // stable indices, DKG keys filled
	ready   []common.Address
	indices []uint32 // ascending
}

// epochFields reads the epoch-change part of one registry reading.
func epochFields(net *chain.Network) (epochs.ChainState, *nextSet) {
	return epochs.Active, nil // until the chain carries epoch changes
}

// signalReadyOnChain sends signalReadyForNextEpoch from this node's
// identity.
func signalReadyOnChain(ctx context.Context, n *Node, epoch uint64) error {
	return errors.New("the chain does not take readiness signals yet")
}

// requestToJoinOnChain sends requestToJoin from this node's identity with
// its API address and its transport and DKG keys.
func requestToJoinOnChain(ctx context.Context, n *Node) error {
	return errors.New("the chain does not take join requests yet")
}
