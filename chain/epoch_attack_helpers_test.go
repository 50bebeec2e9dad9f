package chain_test

import (
	"fmt"
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

// The owner approves a join request by the digest of what it reviewed: the request as PendingChanges
// showed it. ApproveJoin computes it; an owner signing elsewhere (a multisig) computes the same.
func ExampleJoinRequestDigest() {
	n := chain.Node{
		Address:      common.HexToAddress("0x00000000000000000000000000000000000000aa"),
		IP:           netip.MustParseAddr("10.0.0.7"),
		Port:         7470,
		TransportKey: make([]byte, 32),
		DKGKey:       make([]byte, chain.DKGKeySize),
	}
	n.TransportKey[31], n.ReceiverKey[31] = 1, 1
	d, err := chain.JoinRequestDigest(n)
	if err != nil {
		return
	}
	fmt.Printf("approveJoin(%s, 0x%x)\n", n.Address, d)
	// Output: approveJoin(0x00000000000000000000000000000000000000AA, 0x95f3290dd8387836bc86a44d6209991135929286658d8fd2bb296fbf818026fc)
}
