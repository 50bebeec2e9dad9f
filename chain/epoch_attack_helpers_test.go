package chain_test

import (
	"math/big"
	"net/netip"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/chain/bindings"
)

// signal signals readiness for next from auth.
func signal(t testing.TB, f *fixture, auth *bind.TransactOpts, next *chain.NextSet) (*types.Receipt, error) {
	return f.c.SignalReady(ctxT(t), auth, next.Epoch, next.Lock)
}

// readyCall is the calldata of a ready signal for next.
func readyCall(t testing.TB, next *chain.NextSet) []byte {
	return bindings.NewStaking().PackSignalReadyForNextEpoch(new(big.Int).SetUint64(next.Epoch), new(big.Int).SetUint64(next.Lock))
}

// approve approves j's join request as the owner sees it now.
func approve(t testing.TB, f *fixture, j joiner) {
	t.Helper()
	if _, err := approveAs(t, f, f.owner, j.spec.Address); err != nil {
		t.Fatal(err)
	}
}

// approveAs approves, from auth, the pending join request of node as PendingChanges shows it (a request
// that is not there is approved by address only, for the registry to refuse).
func approveAs(t testing.TB, f *fixture, auth *bind.TransactOpts, node common.Address) (*types.Receipt, error) {
	t.Helper()
	joins, _, err := f.c.PendingChanges(ctxT(t))
	if err != nil {
		t.Fatal(err)
	}
	j := chain.PendingJoin{Node: chain.Node{Address: node}}
	for _, p := range joins {
		if p.Address == node {
			j = p
		}
	}
	if j.TransportKey == nil {
		j.IP, j.TransportKey = netip.AddrFrom4([4]byte{}), make([]byte, 32)
	}
	return f.c.ApproveJoin(ctxT(t), auth, j)
}
