package chain_test

import (
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/chain"
)

// waitRefreshDue waits until the latest block's time reaches the epoch's end, mining empty transfers: the
// dev chain makes a block only for a transaction, and a call sees the latest block's time.
func (f *fixture) waitRefreshDue(t testing.TB) {
	t.Helper()
	ctx := ctxT(t)
	for {
		nw, err := f.c.Network(ctx)
		if err != nil {
			t.Fatal(err)
		}
		head, err := f.c.Eth().HeaderByNumber(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !time.Unix(int64(head.Time), 0).Before(nw.Epoch.EndTime) {
			return
		}
		time.Sleep(200 * time.Millisecond)
		if err := devChain(t).Fund(ctx, common.Address{1}, big.NewInt(1)); err != nil {
			t.Fatal(err)
		}
	}
}

// TestPeriodicRefresh: once the epoch is over, anyone locks a refresh of the same set and advances it when
// ready, without the owner; nobody but the owner locks early, refreshes over pending changes, or advances
// a membership change.
func TestPeriodicRefresh(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	nodes := make([]*bind.TransactOpts, len(f.nodeKeys))
	for i := range nodes {
		nodes[i] = f.nodeTransactor(t, i)
	}
	signalAll := func(next *chain.NextSet, extra ...*bind.TransactOpts) {
		t.Helper()
		for _, a := range append(nodes, extra...) {
			if _, err := f.c.SignalReady(ctx, a, next.Epoch, next.Lock); err != nil {
				t.Fatalf("signal ready: %v", err)
			}
		}
	}

	// Not due: the default period is an hour.
	_, err := f.c.LockForRefresh(ctx, f.alice)
	wantErr(t, err, chain.ErrRefreshNotDue)
	_, err = f.c.SetEpochLength(ctx, f.alice, time.Second)
	wantErr(t, err, chain.ErrNotAdmin)
	_, err = f.c.SetEpochLength(ctx, f.owner, 1500*time.Millisecond)
	wantErr(t, err, chain.ErrInvalidConfig)
	// 0 turns the periodic refresh off, due or not.
	if _, err := f.c.SetEpochLength(ctx, f.owner, 0); err != nil {
		t.Fatal(err)
	}
	f.waitRefreshDue(t)
	_, err = f.c.LockForRefresh(ctx, f.alice)
	wantErr(t, err, chain.ErrRefreshDisabled)

	if _, err := f.c.SetEpochLength(ctx, f.owner, time.Second); err != nil {
		t.Fatal(err)
	}
	nw, err := f.c.Network(ctx)
	if err != nil || nw.Epoch.Length != time.Second {
		t.Fatalf("after setEpochLength: %+v, %v", nw, err)
	}
	f.waitRefreshDue(t)

	// Pending changes are the owner's: a kick, a leave, an approved join each block a refresh lock.
	if _, err := f.c.KickNextEpoch(ctx, f.owner, f.specs[3].Address); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.LockForRefresh(ctx, f.alice)
	wantErr(t, err, chain.ErrNotARefresh)
	if _, err := f.c.CancelLeave(ctx, f.owner, f.specs[3].Address); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.RequestToLeave(ctx, nodes[2]); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.LockForRefresh(ctx, nodes[0])
	wantErr(t, err, chain.ErrNotARefresh)
	if _, err := f.c.CancelLeave(ctx, nodes[2], f.specs[2].Address); err != nil {
		t.Fatal(err)
	}
	j := f.newJoiner(t, 20)
	if _, err := f.c.RequestToJoin(ctx, j.auth, j.spec); err != nil {
		t.Fatal(err)
	}
	approve(t, f, j)
	_, err = f.c.LockForRefresh(ctx, f.alice)
	wantErr(t, err, chain.ErrNotARefresh)
	if _, err := f.c.RejectJoin(ctx, f.owner, j.spec.Address); err != nil {
		t.Fatal(err)
	}
	// An unapproved request changes nothing: it does not block a refresh.
	j2 := f.newJoiner(t, 21)
	if _, err := f.c.RequestToJoin(ctx, j2.auth, j2.spec); err != nil {
		t.Fatal(err)
	}

	// An outsider locks the refresh: the same set, the same t.
	if _, err := f.c.LockForRefresh(ctx, f.alice); err != nil {
		t.Fatalf("refresh lock: %v", err)
	}
	_, err = f.c.LockForRefresh(ctx, f.bob)
	wantErr(t, err, chain.ErrWrongState)
	if nw, err = f.c.Network(ctx); err != nil || nw.Next == nil || !nw.Next.Refresh || nw.Next.Threshold != nw.Threshold {
		t.Fatalf("after refresh lock: %+v, %v", nw, err)
	}
	wantMembers(t, nw.Next.Nodes, []common.Address{f.specs[0].Address, f.specs[1].Address, f.specs[2].Address, f.specs[3].Address}, []int{1, 2, 3, 4})
	_, err = f.c.AdvanceEpoch(ctx, f.alice)
	wantErr(t, err, chain.ErrNotReady)
	signalAll(nw.Next)
	if _, err := f.c.AdvanceEpoch(ctx, f.alice); err != nil {
		t.Fatalf("outsider advances a ready refresh: %v", err)
	}
	after, err := f.c.Network(ctx)
	if err != nil || after.Epoch.Number != nw.Epoch.Number+1 || after.State != chain.Active || !after.Epoch.EndTime.After(nw.Epoch.EndTime) {
		t.Fatalf("after refresh: %+v, %v (before %+v)", after, err, nw.Epoch)
	}

	// A membership change, even while a refresh is due: the owner locks it, and only the owner advances it.
	approve(t, f, j2)
	f.waitRefreshDue(t)
	_, err = f.c.LockForRefresh(ctx, f.alice)
	wantErr(t, err, chain.ErrNotARefresh)
	if _, err := f.c.LockNextEpoch(ctx, f.owner, 0); err != nil {
		t.Fatal(err)
	}
	if nw, err = f.c.Network(ctx); err != nil || nw.Next == nil || nw.Next.Refresh {
		t.Fatalf("after a membership lock: %+v, %v", nw, err)
	}
	signalAll(nw.Next, j2.auth)
	_, err = f.c.AdvanceEpoch(ctx, f.alice)
	wantErr(t, err, chain.ErrNotARefresh)
	_, err = f.c.AdvanceEpoch(ctx, nodes[0])
	wantErr(t, err, chain.ErrNotARefresh)
	if _, err := f.c.AdvanceEpoch(ctx, f.owner); err != nil {
		t.Fatal(err)
	}

	// The owner's lock without changes is a refresh too (anyone may advance it); one that changes t is not.
	if _, err := f.c.LockNextEpoch(ctx, f.owner, 0); err != nil {
		t.Fatal(err)
	}
	if nw, err = f.c.Network(ctx); err != nil || !nw.Next.Refresh {
		t.Fatalf("owner's refresh lock: %+v, %v", nw, err)
	}
	if _, err := f.c.UnlockNextEpoch(ctx, f.owner); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.LockNextEpoch(ctx, f.owner, 1); err != nil { // 5 nodes: default t 1, but now fixed
		t.Fatal(err)
	}
	if nw, err = f.c.Network(ctx); err != nil || nw.Next.Refresh {
		t.Fatalf("a lock fixing t: %+v, %v", nw, err)
	}
}
