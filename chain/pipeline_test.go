package chain_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/chain/bindings"
	"github.com/flint-network/flint/chain/devchain"
)

// call is one transaction of a pipelined set-up: to, its data and the value it carries.
type call struct {
	to    common.Address
	data  []byte
	value *big.Int
}

// pipelineGas is every pipelined transaction's gas limit: estimates run on the latest block, before the
// transactions ahead of this one in the pool, so there are none; 5 M is more than a registry write of the
// largest set takes (the dev chain's blocks hold 60 M).
const pipelineGas = 5_000_000

// sendPipelined sends calls from auth with consecutive nonces without waiting for each one's block, then
// waits for every receipt and fails the test on any that did not succeed. Set-up that takes hundreds of
// transactions (filling the registry to its bounds) then costs the blocks of a few: one at a time, each
// waited a block and a receipt poll. The transactions run in the order given (one sender, nonce order).
func sendPipelined(t testing.TB, f *fixture, auth *bind.TransactOpts, calls []call) {
	t.Helper()
	ctx := ctxT(t)
	eth := f.c.Eth()
	nonce, err := eth.PendingNonceAt(ctx, auth.From)
	if err != nil {
		t.Fatal(err)
	}
	head, err := eth.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	tip := big.NewInt(1e9)
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(4)))
	hashes := make([]common.Hash, len(calls))
	for i, c := range calls {
		tx, err := auth.Signer(auth.From, types.NewTx(&types.DynamicFeeTx{ChainID: big.NewInt(devchain.ChainID),
			Nonce: nonce + uint64(i), GasTipCap: tip, GasFeeCap: feeCap, Gas: pipelineGas, To: &c.to, Value: c.value, Data: c.data}))
		if err != nil {
			t.Fatal(err)
		}
		if err := eth.SendTransaction(ctx, tx); err != nil {
			t.Fatalf("pipelined transaction %d of %d: %v", i+1, len(calls), err)
		}
		hashes[i] = tx.Hash()
	}
	for i, h := range hashes {
		r, err := chain.WaitReceipt(ctx, eth, h)
		if err != nil {
			t.Fatalf("pipelined transaction %d of %d: %v", i+1, len(calls), err)
		}
		if r.Status != types.ReceiptStatusSuccessful {
			t.Fatalf("pipelined transaction %d of %d reverted (%d gas used)", i+1, len(calls), r.GasUsed)
		}
	}
}

// addNodeCall is the owner's addNode of spec, as chain.Client.AddNode packs it.
func addNodeCall(t testing.TB, f *fixture, spec chain.NodeSpec) call {
	t.Helper()
	b := spec.AddrPort.Addr().As4()
	ip := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	key := new(big.Int).SetBytes(spec.TransportKey)
	data, err := bindings.NewStaking().TryPackAddNode(ip, uint32(spec.AddrPort.Port()), spec.Address, key, key)
	if err != nil {
		t.Fatal(err)
	}
	return call{to: f.c.Addresses().Staking, data: data}
}

// removeNodeCall is the owner's removeNode of node.
func removeNodeCall(t testing.TB, f *fixture, node common.Address) call {
	t.Helper()
	data, err := bindings.NewStaking().TryPackRemoveNode(node)
	if err != nil {
		t.Fatal(err)
	}
	return call{to: f.c.Addresses().Staking, data: data}
}
