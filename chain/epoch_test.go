package chain_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"math/big"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/chain/bindings"
	"github.com/flint-network/flint/chain/devchain"
)

// joiner is a node outside the set that asks to join: its identity key, its spec (with a DKG key) and a
// funded transactor signing with its identity.
type joiner struct {
	key  *ecdsa.PrivateKey
	spec chain.NodeSpec
	auth *bind.TransactOpts
}

func (f *fixture) newJoiner(t testing.TB, i int) joiner {
	t.Helper()
	key, spec := newNode(t, i)
	spec.DKGKey = bytes.Repeat([]byte{byte(i)}, chain.DKGKeySize)
	return joiner{key: key, spec: spec, auth: f.funded(t, key)}
}

// funded funds key's account and returns a transactor for it once the transaction pool takes its
// transactions: Fund returns when the transfer is mined, but the pool learns of the block on its own
// goroutine and may refuse the account as underfunded for a moment (see devchain.Fund). A zero-value
// transfer to itself, retried on that refusal only, waits for it.
func (f *fixture) funded(t testing.TB, key *ecdsa.PrivateKey) *bind.TransactOpts {
	t.Helper()
	ctx := ctxT(t)
	a := crypto.PubkeyToAddress(key.PublicKey)
	if err := devChain(t).Fund(ctx, a, big.NewInt(1e18)); err != nil {
		t.Fatalf("fund %s: %v", a, err)
	}
	return f.poolTakes(t, key)
}

// newJoiners is n newJoiner (from i on), funded in one pipelined batch: the pool reads blocks in order, so
// once it takes the last account's transactions it takes every earlier one's.
func (f *fixture) newJoiners(t testing.TB, i, n int) []joiner {
	t.Helper()
	js := make([]joiner, n)
	var transfers []call
	for k := range js {
		key, spec := newNode(t, i+k)
		spec.DKGKey = bytes.Repeat([]byte{byte(i + k)}, chain.DKGKeySize)
		js[k] = joiner{key: key, spec: spec, auth: f.c.Transactor(key)}
		transfers = append(transfers, call{to: spec.Address, value: big.NewInt(1e18)})
	}
	sendPipelined(t, f, f.owner, transfers)
	f.poolTakes(t, js[n-1].key)
	return js
}

// poolTakes waits until the transaction pool takes key's transactions (its funding is mined) and returns a
// transactor for it.
func (f *fixture) poolTakes(t testing.TB, key *ecdsa.PrivateKey) *bind.TransactOpts {
	t.Helper()
	ctx := ctxT(t)
	a := crypto.PubkeyToAddress(key.PublicKey)
	auth := f.c.Transactor(key)
	eth := f.c.Eth()
	for try := 0; ; try++ {
		nonce, err := eth.PendingNonceAt(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		head, err := eth.HeaderByNumber(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		tip := big.NewInt(1e9)
		tx, err := auth.Signer(a, types.NewTx(&types.DynamicFeeTx{ChainID: big.NewInt(devchain.ChainID), Nonce: nonce,
			GasTipCap: tip, GasFeeCap: new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2))), Gas: 21000, To: &a}))
		if err != nil {
			t.Fatal(err)
		}
		err = eth.SendTransaction(ctx, tx)
		if err == nil {
			if _, err := chain.WaitReceipt(ctx, eth, tx.Hash()); err != nil {
				t.Fatal(err)
			}
			return auth
		}
		if !strings.Contains(err.Error(), "insufficient funds") || try == 100 {
			t.Fatalf("first transaction of %s (try %d): %v", a, try, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// nextEpoch locks the next set with threshold tNext, has every next-set node signal ready (signers holds
// the identity keys of nodes outside f.nodeKeys), and advances the epoch.
func (f *fixture) nextEpoch(t testing.TB, tNext int, signers ...*ecdsa.PrivateKey) *chain.Network {
	t.Helper()
	ctx := ctxT(t)
	if _, err := f.c.LockNextEpoch(ctx, f.owner, tNext); err != nil {
		t.Fatalf("lock: %v", err)
	}
	nw, err := f.c.Network(ctx)
	if err != nil || nw.Next == nil {
		t.Fatalf("after lock: %+v, %v", nw, err)
	}
	keys := map[common.Address]*ecdsa.PrivateKey{}
	for i, k := range f.nodeKeys {
		keys[f.specs[i].Address] = k
	}
	for _, k := range signers {
		keys[crypto.PubkeyToAddress(k.PublicKey)] = k
	}
	for _, n := range nw.Next.Nodes {
		k, ok := keys[n.Address]
		if !ok {
			t.Fatalf("no identity key for next-set node %s", n.Address)
		}
		auth, ok := f.auths[n.Address]
		if !ok {
			auth = f.funded(t, k)
			f.auths[n.Address] = auth
		}
		if _, err := f.c.SignalReady(ctx, auth, nw.Next.Epoch, nw.Next.Lock); err != nil {
			t.Fatalf("signal ready %s: %v", n.Address, err)
		}
	}
	if _, err := f.c.AdvanceEpoch(ctx, f.owner); err != nil {
		t.Fatalf("advance: %v", err)
	}
	if nw, err = f.c.Network(ctx); err != nil {
		t.Fatal(err)
	}
	return nw
}

// hasEvent reports whether r holds a Staking event that unpack decodes.
func hasEvent(r *types.Receipt, unpack func(*types.Log) error) bool {
	for _, l := range r.Logs {
		if unpack(l) == nil {
			return true
		}
	}
	return false
}

func wantMembers(t testing.TB, nodes []chain.Node, addrs []common.Address, indices []int) {
	t.Helper()
	if len(nodes) != len(addrs) {
		t.Fatalf("%d nodes %v, want %d", len(nodes), nodes, len(addrs))
	}
	for i, n := range nodes {
		if n.Address != addrs[i] || n.Index != indices[i] {
			t.Fatalf("node %d = %v, want %s at index %d", i, n, addrs[i], indices[i])
		}
	}
}

// TestEpochChange runs the whole flow against the dev chain: requests to join and leave (with every way
// they are refused), a lock, an aborted lock, readiness by 3t'+1 next-set nodes, the advance, a refresh,
// and a growth that raises t, with stable indices throughout.
func TestEpochChange(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	st := bindings.NewStaking()
	nodes := make([]*bind.TransactOpts, len(f.nodeKeys))
	for i := range nodes {
		nodes[i] = f.nodeTransactor(t, i)
	}
	addr := func(i int) common.Address { return f.specs[i].Address }

	// Joining: a node asks from its own identity, with all its keys.
	j1 := f.newJoiner(t, 10)
	bad := j1.spec
	bad.DKGKey = bad.DKGKey[:47]
	_, err := f.c.RequestToJoin(ctx, j1.auth, bad)
	wantErr(t, err, chain.ErrInvalidDKGKey)
	_, err = f.c.RequestToJoin(ctx, f.alice, j1.spec) // someone else's request for j1
	wantErr(t, err, chain.ErrInvalidConfig)
	member := f.specs[0]
	member.DKGKey = j1.spec.DKGKey
	_, err = f.c.RequestToJoin(ctx, nodes[0], member)
	wantErr(t, err, chain.ErrNodeRegistered)
	taken := j1.spec
	taken.AddrPort = f.specs[1].AddrPort
	_, err = f.c.RequestToJoin(ctx, j1.auth, taken)
	wantErr(t, err, chain.ErrInvalidEndpoint)
	r, err := f.c.RequestToJoin(ctx, j1.auth, j1.spec)
	if err != nil {
		t.Fatal(err)
	}
	if !hasEvent(r, func(l *types.Log) error { _, err := st.UnpackJoinRequestedEvent(l); return err }) {
		t.Fatal("requestToJoin emitted no JoinRequested")
	}
	_, err = f.c.RequestToJoin(ctx, j1.auth, j1.spec)
	wantErr(t, err, chain.ErrJoinRequested)
	// The owner adds no node over a pending joiner.
	_, err = f.c.AddNode(ctx, f.owner, chain.NodeSpec{AddrPort: f.specs[0].AddrPort, Address: j1.spec.Address, TransportKey: j1.spec.TransportKey})
	wantErr(t, err, chain.ErrNodeRegistered)

	// A join withdrawn by its node, and one refused by the owner, free their endpoints.
	j2, j3 := f.newJoiner(t, 11), f.newJoiner(t, 12)
	for _, j := range []joiner{j2, j3} {
		if _, err := f.c.RequestToJoin(ctx, j.auth, j.spec); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.c.CancelJoin(ctx, j2.auth); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.CancelJoin(ctx, j2.auth)
	wantErr(t, err, chain.ErrNoJoinRequest)
	_, err = f.c.RejectJoin(ctx, f.alice, j3.spec.Address)
	wantErr(t, err, chain.ErrNotAdmin)
	if _, err := f.c.RejectJoin(ctx, f.owner, j3.spec.Address); err != nil {
		t.Fatal(err)
	}
	_, err = approveAs(t, f, f.owner, j3.spec.Address)
	wantErr(t, err, chain.ErrNoJoinRequest)
	_, err = approveAs(t, f, f.alice, j1.spec.Address)
	wantErr(t, err, chain.ErrNotAdmin)
	if k, err := f.c.Network(ctx); err != nil || len(k.Nodes) != 4 {
		t.Fatalf("pending joins changed the current set: %v, %v", k, err)
	}

	// Leaving: a node asks for itself; the owner kicks; both can be withdrawn.
	_, err = f.c.RequestToLeave(ctx, f.alice)
	wantErr(t, err, chain.ErrNodeNotRegistered)
	if _, err := f.c.RequestToLeave(ctx, nodes[1]); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.RequestToLeave(ctx, nodes[1])
	wantErr(t, err, chain.ErrLeaveRequested)
	_, err = f.c.KickNextEpoch(ctx, f.alice, addr(3))
	wantErr(t, err, chain.ErrNotAdmin)
	_, err = f.c.KickNextEpoch(ctx, f.owner, j1.spec.Address)
	wantErr(t, err, chain.ErrNodeNotRegistered)
	if _, err := f.c.KickNextEpoch(ctx, f.owner, addr(3)); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.KickNextEpoch(ctx, f.owner, addr(3))
	wantErr(t, err, chain.ErrLeaveRequested)
	_, err = f.c.CancelLeave(ctx, f.alice, addr(3))
	wantErr(t, err, chain.ErrNotAdmin)
	_, err = f.c.CancelLeave(ctx, nodes[0], addr(3)) // another node cannot either
	wantErr(t, err, chain.ErrNotAdmin)
	if _, err := f.c.CancelLeave(ctx, f.owner, addr(3)); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.CancelLeave(ctx, f.owner, addr(3))
	wantErr(t, err, chain.ErrNoLeaveRequest)

	joins, leaves, err := f.c.PendingChanges(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(joins) != 1 || joins[0].Address != j1.spec.Address || joins[0].Approved || joins[0].Index != 0 ||
		!bytes.Equal(joins[0].DKGKey, j1.spec.DKGKey) || !bytes.Equal(joins[0].TransportKey, j1.spec.TransportKey) ||
		len(leaves) != 1 || leaves[0] != addr(1) {
		t.Fatalf("pending: joins %+v, leaves %v", joins, leaves)
	}

	// Nothing is locked yet.
	_, err = f.c.SignalReady(ctx, nodes[0], 2, 0)
	wantErr(t, err, chain.ErrWrongState)
	_, err = f.c.UnlockNextEpoch(ctx, f.owner)
	wantErr(t, err, chain.ErrWrongState)
	_, err = f.c.AdvanceEpoch(ctx, f.owner)
	wantErr(t, err, chain.ErrNotReady)

	// Lock: an unapproved join stays pending; the owner alone locks; n' >= 3t'+1.
	_, err = f.c.LockNextEpoch(ctx, f.alice, 0)
	wantErr(t, err, chain.ErrNotAdmin)
	_, err = f.c.LockNextEpoch(ctx, f.owner, 1) // n' = 3 without the joiner
	wantErr(t, err, chain.ErrInvalidThreshold)
	if _, err := approveAs(t, f, f.owner, j1.spec.Address); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.LockNextEpoch(ctx, f.owner, 2) // n' = 4 < 7
	wantErr(t, err, chain.ErrInvalidThreshold)
	lock := func() {
		t.Helper()
		r, err := f.c.LockNextEpoch(ctx, f.owner, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !hasEvent(r, func(l *types.Log) error {
			ev, err := st.UnpackNextValidatorSetLockedEvent(l)
			if err == nil && ev.NextEpoch.Int64() != 2 {
				t.Fatalf("NextValidatorSetLocked(%s), want 2", ev.NextEpoch)
			}
			return err
		}) {
			t.Fatal("lock emitted no NextValidatorSetLocked")
		}
	}
	lock()
	nextAddrs := []common.Address{addr(0), addr(2), addr(3), j1.spec.Address}
	nw, err := f.c.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if nw.State != chain.NextValidatorSetLocked || nw.Next == nil || nw.Next.Epoch != 2 || nw.Next.Threshold != 1 ||
		nw.Next.Quorum != 3 || len(nw.Next.Ready) != 0 {
		t.Fatalf("locked: state %v, next %+v", nw.State, nw.Next)
	}
	wantMembers(t, nw.Next.Nodes, nextAddrs, []int{1, 3, 4, 5})
	if !bytes.Equal(nw.Next.Nodes[3].DKGKey, j1.spec.DKGKey) {
		t.Fatalf("joiner's DKG key in the next set = %x", nw.Next.Nodes[3].DKGKey)
	}
	// The current set, which the SDK reads, is unchanged until the advance.
	wantMembers(t, nw.Nodes, []common.Address{addr(0), addr(1), addr(2), addr(3)}, []int{1, 2, 3, 4})

	// While locked, the sets hold still.
	_, err = f.c.RequestToJoin(ctx, j2.auth, j2.spec)
	wantErr(t, err, chain.ErrWrongState)
	_, err = f.c.RequestToLeave(ctx, nodes[2])
	wantErr(t, err, chain.ErrWrongState)
	_, err = f.c.AddNode(ctx, f.owner, j2.spec)
	wantErr(t, err, chain.ErrWrongState)
	_, err = f.c.RemoveNode(ctx, f.owner, addr(2))
	wantErr(t, err, chain.ErrWrongState)
	_, err = f.c.LockNextEpoch(ctx, f.owner, 0)
	wantErr(t, err, chain.ErrWrongState)

	// Only next-set nodes signal, for the next epoch's number.
	_, err = f.c.SignalReady(ctx, nodes[1], 2, nw.Next.Lock) // the leaver
	wantErr(t, err, chain.ErrNotInNextSet)
	_, err = f.c.SignalReady(ctx, f.owner, 2, nw.Next.Lock)
	wantErr(t, err, chain.ErrNotInNextSet)
	_, err = f.c.SignalReady(ctx, nodes[0], 3, nw.Next.Lock)
	wantErr(t, err, chain.ErrWrongNextEpoch)
	_, err = f.c.SignalReady(ctx, nodes[0], 1, nw.Next.Lock)
	wantErr(t, err, chain.ErrWrongNextEpoch)
	if _, err := f.c.SignalReady(ctx, nodes[0], 2, nw.Next.Lock); err != nil {
		t.Fatal(err)
	}

	// Abort: back to Active with the requests kept; the joiner keeps the index it was given.
	_, err = f.c.UnlockNextEpoch(ctx, f.alice)
	wantErr(t, err, chain.ErrNotAdmin)
	if _, err := f.c.UnlockNextEpoch(ctx, f.owner); err != nil {
		t.Fatal(err)
	}
	if nw, err = f.c.Network(ctx); err != nil || nw.State != chain.Active || nw.Next != nil {
		t.Fatalf("unlocked: %+v, %v", nw, err)
	}
	lock()
	if nw, err = f.c.Network(ctx); err != nil {
		t.Fatal(err)
	}
	wantMembers(t, nw.Next.Nodes, nextAddrs, []int{1, 3, 4, 5})
	if len(nw.Next.Ready) != 0 {
		t.Fatalf("readiness survived the unlock: %v", nw.Next.Ready)
	}

	// Readiness needs 3t'+1 = 4 next-set nodes; the advance waits for it.
	signers := []*bind.TransactOpts{nodes[0], nodes[2], nodes[3], j1.auth}
	var stale uint64
	for i, s := range signers[:3] {
		if i == 2 {
			// The last signer's gas, taken before the third signal lands:
			// its signal then completes 3t'+1 and changes the state, which
			// this estimate does not include (the nodes signal at once).
			if stale, err = f.c.SignalReadyGas(ctx, j1.auth.From, 2, nw.Next.Lock); err != nil {
				t.Fatal(err)
			}
		}
		r, err := f.c.SignalReady(ctx, s, 2, nw.Next.Lock)
		if err != nil {
			t.Fatal(err)
		}
		if hasEvent(r, func(l *types.Log) error { _, err := st.UnpackStateChangedEvent(l); return err }) {
			t.Fatal("ready before 3t'+1 signals")
		}
	}
	_, err = f.c.SignalReady(ctx, nodes[0], 2, nw.Next.Lock)
	wantErr(t, err, chain.ErrAlreadyReady)
	_, err = f.c.AdvanceEpoch(ctx, f.owner)
	wantErr(t, err, chain.ErrNotReady)
	late := *j1.auth
	late.GasLimit = stale
	if r, err := f.c.SignalReady(ctx, &late, 2, nw.Next.Lock); err != nil {
		t.Fatalf("the completing signal with gas estimated before the one before it landed: %v", err)
	} else {
		t.Logf("the completing signal used %d gas; its limit, estimated before the third signal: %d (margin included)", r.GasUsed, stale)
	}
	if nw, err = f.c.Network(ctx); err != nil || nw.State != chain.ReadyForNextEpoch || len(nw.Next.Ready) != 4 {
		t.Fatalf("after 4 signals: %+v, %v", nw, err)
	}
	_, err = f.c.AdvanceEpoch(ctx, f.bob) // a membership change: the owner's to advance
	wantErr(t, err, chain.ErrNotARefresh)
	r, err = f.c.AdvanceEpoch(ctx, f.owner)
	if err != nil {
		t.Fatal(err)
	}
	if !hasEvent(r, func(l *types.Log) error {
		ev, err := st.UnpackEpochAdvancedEvent(l)
		if err == nil && ev.Number.Int64() != 2 {
			t.Fatalf("EpochAdvanced(%s), want 2", ev.Number)
		}
		return err
	}) {
		t.Fatal("advance emitted no EpochAdvanced")
	}
	if nw, err = f.c.Network(ctx); err != nil || nw.Epoch.Number != 2 || nw.State != chain.Active || nw.Next != nil || nw.Threshold != 1 {
		t.Fatalf("epoch 2: %+v, %v", nw, err)
	}
	wantMembers(t, nw.Nodes, nextAddrs, []int{1, 3, 4, 5})
	if !bytes.Equal(nw.Nodes[3].DKGKey, j1.spec.DKGKey) {
		t.Fatal("the joiner's DKG key did not carry into the current set")
	}
	if joins, leaves, err = f.c.PendingChanges(ctx); err != nil || len(joins) != 0 || len(leaves) != 0 {
		t.Fatalf("pending after the advance: %v %v %v", joins, leaves, err)
	}
	// The leaver is gone: its signatures no longer count, and the new set (with the joiner) attests.
	keys := rootKeys(t)
	digest := f.c.RootKeysDigest(2, keys)
	_, err = f.c.SetRootKeys(ctx, f.alice, 2, keys, signAll(t, digest, []*ecdsa.PrivateKey{f.nodeKeys[0], f.nodeKeys[1], f.nodeKeys[2]}))
	wantErr(t, err, chain.ErrUnknownSigner)
	if _, err := f.c.SetRootKeys(ctx, f.alice, 2, keys, signAll(t, digest, []*ecdsa.PrivateKey{j1.key, f.nodeKeys[0], f.nodeKeys[2]})); err != nil {
		t.Fatalf("attestation by the new set: %v", err)
	}
	_, err = f.c.SignalReady(ctx, nodes[0], 3, 2)
	wantErr(t, err, chain.ErrWrongState)

	// A refresh: a lock with no changes reshares to the same set.
	nw = f.nextEpoch(t, 0, j1.key)
	if nw.Epoch.Number != 3 || nw.Threshold != 1 {
		t.Fatalf("after a refresh: epoch %d, t=%d", nw.Epoch.Number, nw.Threshold)
	}
	wantMembers(t, nw.Nodes, nextAddrs, []int{1, 3, 4, 5})

	// Growing 4 -> 7 raises t to 2: the newcomers get the next indices, and readiness needs all 7.
	var grown []joiner
	for i := range 3 {
		j := f.newJoiner(t, 20+i)
		if _, err := f.c.RequestToJoin(ctx, j.auth, j.spec); err != nil {
			t.Fatal(err)
		}
		if _, err := approveAs(t, f, f.owner, j.spec.Address); err != nil {
			t.Fatal(err)
		}
		grown = append(grown, j)
	}
	if _, err := f.c.LockNextEpoch(ctx, f.owner, 0); err != nil {
		t.Fatal(err)
	}
	if nw, err = f.c.Network(ctx); err != nil || nw.Next.Threshold != 2 || nw.Next.Quorum != 5 || len(nw.Next.Nodes) != 7 {
		t.Fatalf("locked 7: %+v, %v", nw.Next, err)
	}
	all := append(append([]*bind.TransactOpts{}, signers...), grown[0].auth, grown[1].auth, grown[2].auth)
	for _, s := range all[:6] {
		if _, err := f.c.SignalReady(ctx, s, 4, nw.Next.Lock); err != nil {
			t.Fatal(err)
		}
	}
	if nw, err = f.c.Network(ctx); err != nil || nw.State != chain.NextValidatorSetLocked {
		t.Fatalf("6 of 3t'+1 = 7 signals: state %v, %v", nw.State, err)
	}
	if _, err := f.c.SignalReady(ctx, all[6], 4, nw.Next.Lock); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.AdvanceEpoch(ctx, f.owner); err != nil {
		t.Fatal(err)
	}
	if nw, err = f.c.Network(ctx); err != nil || nw.Epoch.Number != 4 || nw.Threshold != 2 || nw.Quorum != 5 {
		t.Fatalf("epoch 4: %+v, %v", nw, err)
	}
	wantMembers(t, nw.Nodes, append(nextAddrs, grown[0].spec.Address, grown[1].spec.Address, grown[2].spec.Address),
		[]int{1, 3, 4, 5, 6, 7, 8})

	// A kick takes effect at the next advance; t' = 2 would then break n' >= 3t'+1.
	if _, err := f.c.KickNextEpoch(ctx, f.owner, addr(2)); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.LockNextEpoch(ctx, f.owner, 2)
	wantErr(t, err, chain.ErrInvalidThreshold)
	nw = f.nextEpoch(t, 0, j1.key, grown[0].key, grown[1].key, grown[2].key)
	wantMembers(t, nw.Nodes, []common.Address{addr(0), addr(3), j1.spec.Address, grown[0].spec.Address, grown[1].spec.Address, grown[2].spec.Address},
		[]int{1, 4, 5, 6, 7, 8})
	if nw.Epoch.Number != 5 || nw.Threshold != 1 {
		t.Fatalf("after the kick: epoch %d, t=%d", nw.Epoch.Number, nw.Threshold)
	}
	// The kicked node is a stranger now: it may ask to join again, and would get a new index; not with a
	// member's DKG key, and its old one is free again.
	member = f.specs[2]
	member.DKGKey = j1.spec.DKGKey
	_, err = f.c.RequestToJoin(ctx, nodes[2], member)
	wantErr(t, err, chain.ErrDKGKeyInUse)
	member.DKGKey = dkgKey(2)
	if _, err := f.c.RequestToJoin(ctx, nodes[2], member); err != nil {
		t.Fatalf("kicked node asking to join again: %v", err)
	}
}

// An epoch change as the network's owner drives it: approve the waiting joins, lock the next set, wait
// until its nodes have signalled ready (they do so after storing their new shares), then advance.
func ExampleClient_LockNextEpoch() {
	ctx := context.Background()
	var c *chain.Client          // chain.Dial(ctx, rpcURL, addrs)
	var owner *bind.TransactOpts // c.Transactor(ownerKey)
	joins, _, err := c.PendingChanges(ctx)
	if err != nil {
		return
	}
	for _, j := range joins {
		if !j.Approved {
			if _, err := c.ApproveJoin(ctx, owner, j); err != nil {
				return
			}
		}
	}
	if _, err := c.LockNextEpoch(ctx, owner, 0); err != nil { // t' = floor((n'-1)/3)
		return
	}
	// ... the nodes reshare and call SignalReady; Network reports ReadyForNextEpoch after 3t'+1 of them ...
	if nw, err := c.Network(ctx); err == nil && nw.State == chain.ReadyForNextEpoch {
		_, _ = c.AdvanceEpoch(ctx, owner)
	}
}

// TestEpochBounds: the registry's bounds on join requests and on indices, each refused with its named error.
func TestEpochBounds(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)

	// At most 64 join requests wait at once.
	var last joiner
	for i, j := range f.newJoiners(t, 100, 65) {
		last = j
		_, err := f.c.RequestToJoin(ctx, last.auth, last.spec)
		if i < 64 && err != nil {
			t.Fatalf("join request %d: %v", i+1, err)
		}
		if i == 64 {
			wantErr(t, err, chain.ErrTooManyPendingJoins)
		}
	}

	// Indices are never reused, and stop at 255 over the network's lifetime: after 255 entries (here
	// through addNode and removeNode, pipelined) no node can enter, even with few in the set.
	var calls []call
	for i := 4; i < chain.MaxIndex; i++ {
		_, spec := newNode(t, 200+i)
		spec.AddrPort = netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, 1, byte(i >> 8), byte(i)}), 7000)
		calls = append(calls, addNodeCall(t, f, spec))
		if i >= 8 {
			calls = append(calls, removeNodeCall(t, f, spec.Address))
		}
	}
	sendPipelined(t, f, f.owner, calls)
	_, spec := newNode(t, 199)
	_, err := f.c.AddNode(ctx, f.owner, spec)
	wantErr(t, err, chain.ErrIndicesExhausted)
	if _, err := approveAs(t, f, f.owner, last.spec.Address); err == nil {
		t.Fatal("approved a join that was refused")
	}
	joins, _, err := f.c.PendingChanges(ctx)
	if err != nil || len(joins) != 64 {
		t.Fatalf("pending joins: %d, %v", len(joins), err)
	}
	if _, err := f.c.ApproveJoin(ctx, f.owner, joins[0]); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.LockNextEpoch(ctx, f.owner, 0)
	wantErr(t, err, chain.ErrIndicesExhausted)
	nw, err := f.c.Network(ctx)
	if err != nil || len(nw.Nodes) != 8 || nw.Nodes[7].Index != 8 || nw.State != chain.Active {
		t.Fatalf("after the refusals: %+v, %v", nw, err)
	}
}

// TestEpochMark: the cheap reading a node takes at every block moves with every lock, unlock and advance,
// a relock of the same epoch included (the state alone would read Locked twice).
func TestEpochMark(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	var marks []chain.EpochMark
	mark := func() {
		t.Helper()
		m, err := f.c.EpochMark(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(marks) > 0 && m == marks[len(marks)-1] {
			t.Fatalf("mark %+v did not move after change %d", m, len(marks))
		}
		marks = append(marks, m)
	}
	mark()
	if marks[0].State != chain.Active {
		t.Fatalf("first mark %+v", marks[0])
	}
	if _, err := f.c.LockNextEpoch(ctx, f.owner, 0); err != nil {
		t.Fatal(err)
	}
	mark()
	if _, err := f.c.UnlockNextEpoch(ctx, f.owner); err != nil {
		t.Fatal(err)
	}
	mark()
	if _, err := f.c.LockNextEpoch(ctx, f.owner, 0); err != nil {
		t.Fatal(err)
	}
	mark()
	if nw, err := f.c.Network(ctx); err != nil || marks[3].State != chain.NextValidatorSetLocked || marks[3].Lock != nw.Next.Lock || marks[1].Lock == marks[3].Lock {
		t.Fatalf("relocked: marks %+v, %v", marks, err)
	}
	nw, err := f.c.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 4 {
		if _, err := signal(t, f, f.nodeTransactor(t, i), nw.Next); err != nil {
			t.Fatal(err)
		}
	}
	mark() // Ready
	if _, err := f.c.AdvanceEpoch(ctx, f.owner); err != nil {
		t.Fatal(err)
	}
	mark()
	if marks[5].State != chain.Active {
		t.Fatalf("after the advance: %+v", marks[5])
	}
}
