package integration

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/node"
)

// TestPeriodicRefresh: with a refresh period of 20 s the network refreshes its shares by itself — the
// nodes lock the refresh and advance it, no owner transaction after the set-up — a PKP minted and a
// ciphertext made before still sign and decrypt with the same key, and every node erases its old shares
// after the grace period.
//
// The period is set by the owner once the fixture (genesis, mint, encrypt) is done, as the last set-up
// step: with the devnet's RefreshPeriod from the start, a refresh could fall in the middle of the mint.
func TestPeriodicRefresh(t *testing.T) {
	t.Parallel() // its own devnet; most of its time is the 20 s period passing
	f := newEpochFixtureConfig(t, devnet.Config{Nodes: 4, EpochGrace: 5 * time.Second, ReshareLeadDelay: epochTestLeadDelay,
		Pool: node.PoolConfig{Low: 20, High: 40, Batch: 20}})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	owner := f.d.Chain.Accounts()[0]
	r, err := f.cc.SetEpochLength(ctx, f.cc.Transactor(owner.Key), 20*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	setup := r.BlockNumber.Uint64()
	start := time.Now()

	// The nodes refresh by themselves: wait for the epoch to move, and for
	// every node to serve it (a client that connects between the advance
	// and a node's reading of it finds that node in the previous epoch).
	for {
		nw, err := f.cc.Network(ctx)
		if err == nil && nw.Epoch.Number > f.epoch && nw.State == chain.Active {
			if len(nw.Nodes) != 4 {
				t.Fatalf("the refresh changed the set: %v", nw.Nodes)
			}
			f.epoch = nw.Epoch.Number
			f.serving(t, ctx, "the periodic refresh", nw)
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("the network never refreshed by itself: %+v, %v", nw, err)
		case <-time.After(time.Second):
		}
	}
	t.Logf("refreshed by itself to epoch %d %v after the period was set (period 20 s)", f.epoch, time.Since(start).Round(time.Second))

	// Nobody but the nodes sent a transaction since the set-up.
	head, err := f.cc.Eth().HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	signer := types.LatestSignerForChainID(f.d.Chain.ChainID())
	nodes := map[string]bool{}
	for i := range f.d.URLs() {
		nodes[f.d.Address(i).Hex()] = true
	}
	var lockers int
	for b := setup + 1; b <= head.Number.Uint64(); b++ {
		blk, err := f.cc.Eth().BlockByNumber(ctx, new(big.Int).SetUint64(b))
		if err != nil {
			t.Fatal(err)
		}
		for _, tx := range blk.Transactions() {
			from, err := types.Sender(signer, tx)
			if err != nil {
				t.Fatal(err)
			}
			if from == owner.Address {
				t.Fatalf("the owner sent a transaction in block %d after the set-up", b)
			}
			if !nodes[from.Hex()] {
				t.Fatalf("%s, not a node, sent a transaction in block %d", from.Hex(), b)
			}
			lockers++
		}
	}
	t.Logf("%d node transactions since the set-up", lockers)

	f.check(t, "after the periodic refresh")
	for i := 1; i <= 4; i++ {
		f.erased(t, i, 1)
	}
}
