package chain_test

import (
	"bytes"
	"crypto/ecdsa"
	"math/big"
	"net/netip"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/chain/bindings"
	"github.com/flint-network/flint/chain/devchain"
)

// Attacks on the registry's epoch logic by a corrupt node operator (its own registered identity, any
// transaction), an outsider and a front-runner, each scripted against the dev chain.

// heldTx signs a call to the Staking contract from key without sending it: a transaction that the network
// (or a front-runner who sees the mempool) delivers late.
func heldTx(t testing.TB, f *fixture, key *ecdsa.PrivateKey, data []byte) *types.Transaction {
	t.Helper()
	ctx := ctxT(t)
	eth := f.c.Eth()
	a := crypto.PubkeyToAddress(key.PublicKey)
	nonce, err := eth.PendingNonceAt(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	head, err := eth.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	to := f.c.Addresses().Staking
	tip := big.NewInt(1e9)
	tx, err := types.SignNewTx(key, types.LatestSignerForChainID(big.NewInt(devchain.ChainID)), &types.DynamicFeeTx{
		ChainID: big.NewInt(devchain.ChainID), Nonce: nonce, GasTipCap: tip,
		GasFeeCap: new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(4))), Gas: 300000, To: &to, Data: data})
	if err != nil {
		t.Fatal(err)
	}
	return tx
}

// deliver sends a held transaction and reports whether it succeeded.
func deliver(t testing.TB, f *fixture, tx *types.Transaction) bool {
	t.Helper()
	ctx := ctxT(t)
	if err := f.c.Eth().SendTransaction(ctx, tx); err != nil {
		t.Fatalf("send held transaction: %v", err)
	}
	r, err := chain.WaitReceipt(ctx, f.c.Eth(), tx.Hash())
	if err != nil {
		t.Fatal(err)
	}
	return r.Status == types.ReceiptStatusSuccessful
}

// TestAttackKickedNodeStays: a corrupt node that the owner kicks must not stay in the next set, neither by
// withdrawing its kick itself nor by leaving first (so that the kick is refused) and withdrawing its own
// leave later.
func TestAttackKickedNodeStays(t *testing.T) {
	f := newFixture(t, 5)
	ctx := ctxT(t)
	corrupt := f.nodeTransactor(t, 4)
	victim := f.specs[4].Address

	if _, err := f.c.KickNextEpoch(ctx, f.owner, victim); err != nil {
		t.Fatal(err)
	}
	_, err := f.c.CancelLeave(ctx, corrupt, victim)
	wantErr(t, err, chain.ErrNotAdmin)
	if _, err := f.c.CancelLeave(ctx, f.owner, victim); err != nil {
		t.Fatal(err)
	}

	// The front-run: the node sees the kick in the mempool and leaves first; the kick must still take, and
	// the node must not be able to withdraw it.
	if _, err := f.c.RequestToLeave(ctx, corrupt); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.KickNextEpoch(ctx, f.owner, victim); err != nil {
		t.Fatalf("kick after the node's own leave: %v", err)
	}
	_, err = f.c.CancelLeave(ctx, corrupt, victim)
	wantErr(t, err, chain.ErrNotAdmin)
	_, leaves, err := f.c.PendingChanges(ctx)
	if err != nil || len(leaves) != 1 || leaves[0] != victim {
		t.Fatalf("pending leaves %v, %v; want the kicked node", leaves, err)
	}
	// A node that only asked to leave may still change its mind.
	honest := f.nodeTransactor(t, 3)
	if _, err := f.c.RequestToLeave(ctx, honest); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.CancelLeave(ctx, honest, f.specs[3].Address); err != nil {
		t.Fatalf("a node withdrawing its own leave: %v", err)
	}
}

// TestAttackStaleReadiness: a node's ready signal for an aborted lock, delivered late (held in the mempool
// by the network or a front-runner), must not count for the next lock of the same epoch number: the node's
// shares are those of the aborted reshare, not of this one.
func TestAttackStaleReadiness(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	auths := make([]*bind.TransactOpts, 4)
	for i := range auths {
		auths[i] = f.nodeTransactor(t, i)
	}
	if _, err := f.c.LockNextEpoch(ctx, f.owner, 0); err != nil {
		t.Fatal(err)
	}
	nw, err := f.c.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Every node finished the first reshare and signs its signal; none is mined before the abort.
	var held []*types.Transaction
	for i := range auths {
		held = append(held, heldTx(t, f, f.nodeKeys[i], readyCall(t, nw.Next)))
	}
	if _, err := f.c.UnlockNextEpoch(ctx, f.owner); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.LockNextEpoch(ctx, f.owner, 0); err != nil {
		t.Fatal(err)
	}
	for i, tx := range held {
		if deliver(t, f, tx) {
			t.Errorf("node %d's ready signal for the aborted lock counted for the new one", i)
		}
	}
	if nw, err = f.c.Network(ctx); err != nil || nw.State != chain.NextValidatorSetLocked || len(nw.Next.Ready) != 0 {
		t.Fatalf("after stale signals: %+v, %v", nw, err)
	}
	_, err = f.c.AdvanceEpoch(ctx, f.owner)
	wantErr(t, err, chain.ErrNotReady)
	// Signals for this lock count.
	for _, a := range auths {
		if _, err := signal(t, f, a, nw.Next); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.c.AdvanceEpoch(ctx, f.owner); err != nil {
		t.Fatal(err)
	}
}

// TestAttackIndexOrderAfterAddNode: a joiner given an index at an aborted lock, then a node added directly,
// then a new lock: the next set (and after the advance the current set) must still be sorted by index, or
// every reader of the registry (nodes, SDK-facing views, Client.Network) sees a malformed set.
func TestAttackIndexOrderAfterAddNode(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	j := f.newJoiner(t, 30)
	if _, err := f.c.RequestToJoin(ctx, j.auth, j.spec); err != nil {
		t.Fatal(err)
	}
	approve(t, f, j)
	if _, err := f.c.LockNextEpoch(ctx, f.owner, 0); err != nil { // j gets index 5
		t.Fatal(err)
	}
	if _, err := f.c.UnlockNextEpoch(ctx, f.owner); err != nil {
		t.Fatal(err)
	}
	key, spec := newNode(t, 31) // index 6, now a member
	if _, err := f.c.AddNode(ctx, f.owner, spec); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.LockNextEpoch(ctx, f.owner, 0); err != nil {
		t.Fatal(err)
	}
	nw, err := f.c.Network(ctx)
	if err != nil {
		t.Fatalf("reading the locked registry: %v", err)
	}
	want := []common.Address{f.specs[0].Address, f.specs[1].Address, f.specs[2].Address, f.specs[3].Address, j.spec.Address, spec.Address}
	wantMembers(t, nw.Next.Nodes, want, []int{1, 2, 3, 4, 5, 6})
	f.nodeKeys = append(f.nodeKeys, key)
	f.specs = append(f.specs, spec)
	for _, n := range nw.Next.Nodes {
		if err := signReady(t, f, n.Address, nw.Next, j.key); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.c.AdvanceEpoch(ctx, f.owner); err != nil {
		t.Fatal(err)
	}
	if nw, err = f.c.Network(ctx); err != nil {
		t.Fatalf("reading the registry after the advance: %v", err)
	}
	wantMembers(t, nw.Nodes, want, []int{1, 2, 3, 4, 5, 6})
}

// TestAttackDKGKeyDuringLock: a member that has not published its DKG key must not publish it while a next
// set is locked: nodes that read the next set before and after would build different DKG participant lists.
func TestAttackDKGKeyDuringLock(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	corrupt := f.nodeTransactor(t, 3)
	if _, err := f.c.LockNextEpoch(ctx, f.owner, 0); err != nil {
		t.Fatal(err)
	}
	_, err := f.c.SetDKGKey(ctx, corrupt, dkgKey(40))
	wantErr(t, err, chain.ErrWrongState)
	if _, err := f.c.UnlockNextEpoch(ctx, f.owner); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.SetDKGKey(ctx, corrupt, dkgKey(40)); err != nil {
		t.Fatal(err)
	}
}

func dkgKey(b byte) []byte {
	k := make([]byte, chain.DKGKeySize)
	for i := range k {
		k[i] = b
	}
	return k
}

// signReady signals readiness for next from the next-set node at addr, whose identity key is among f's
// node keys or extra.
func signReady(t testing.TB, f *fixture, addr common.Address, next *chain.NextSet, extra ...*ecdsa.PrivateKey) error {
	t.Helper()
	auth, ok := f.auths[addr]
	if !ok {
		keys := append([]*ecdsa.PrivateKey{}, f.nodeKeys...)
		keys = append(keys, extra...)
		for _, k := range keys {
			if crypto.PubkeyToAddress(k.PublicKey) == addr {
				auth = f.funded(t, k)
				f.auths[addr] = auth
			}
		}
		if auth == nil {
			t.Fatalf("no key for %s", addr)
		}
	}
	_, err := signal(t, f, auth, next)
	return err
}

// TestAttackCopiedKeys: a corrupt joiner copies a member's or another joiner's transport key, DKG key or
// endpoint, so that honest nodes would send it another node's messages or deal it shares under another
// node's DKG key (or take the victim's place in a lookup by key). No two nodes of the current and next sets
// may share any of them; and a front-runner who copies an honest joiner's request must not lock the honest
// one out.
func TestAttackCopiedKeys(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	member := f.nodeTransactor(t, 0)
	if _, err := f.c.SetDKGKey(ctx, member, dkgKey(50)); err != nil {
		t.Fatal(err)
	}

	// Copies of a member's values are refused at once.
	c := f.newJoiner(t, 51)
	copied := c.spec
	copied.TransportKey = f.specs[0].TransportKey
	_, err := f.c.RequestToJoin(ctx, c.auth, copied)
	wantErr(t, err, chain.ErrTransportKeyInUse)
	copied = c.spec
	copied.DKGKey = dkgKey(50)
	_, err = f.c.RequestToJoin(ctx, c.auth, copied)
	wantErr(t, err, chain.ErrDKGKeyInUse)
	// Nor may a member that has not published its DKG key publish another's.
	_, err = f.c.SetDKGKey(ctx, f.nodeTransactor(t, 1), dkgKey(50))
	wantErr(t, err, chain.ErrDKGKeyInUse)
	// Lit's receiverPubKey must be the node's own transport key or 0.
	st := bindings.NewStaking()
	ip, port := uint32(127<<24|9), uint32(9000)
	call := st.PackRequestToJoin(ip, port, new(big.Int).SetBytes(c.spec.TransportKey), new(big.Int).SetBytes(f.specs[0].TransportKey), dkgKey(52))
	if deliver(t, f, heldTx(t, f, c.key, call)) {
		t.Fatal("a join request with another node's key as its receiverPubKey was taken")
	}

	// The front-run: the squatter sends an honest joiner's request (endpoint, transport and DKG key) first.
	honest, squatter := f.newJoiner(t, 53), f.newJoiner(t, 54)
	stolen := honest.spec
	stolen.Address = squatter.spec.Address
	if _, err := f.c.RequestToJoin(ctx, squatter.auth, stolen); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.RequestToJoin(ctx, honest.auth, honest.spec); err != nil {
		t.Fatalf("the honest joiner was locked out by a copy of its request: %v", err)
	}
	approve(t, f, honest)
	_, err = approveAs(t, f, f.owner, squatter.spec.Address)
	wantErr(t, err, chain.ErrInvalidEndpoint)
	// With another endpoint, the copied keys are still refused, one by one.
	other := stolen
	other.AddrPort = squatter.spec.AddrPort
	if _, err := f.c.CancelJoin(ctx, squatter.auth); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.RequestToJoin(ctx, squatter.auth, other) // refused at the request: the honest joiner holds it now
	wantErr(t, err, chain.ErrTransportKeyInUse)
	other.TransportKey = squatter.spec.TransportKey
	_, err = f.c.RequestToJoin(ctx, squatter.auth, other)
	wantErr(t, err, chain.ErrDKGKeyInUse)

	// Refusing (or withdrawing) a request that was never approved frees nothing it copied.
	other.DKGKey = squatter.spec.DKGKey
	if _, err := f.c.RequestToJoin(ctx, squatter.auth, other); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.RejectJoin(ctx, f.owner, squatter.spec.Address); err != nil {
		t.Fatal(err)
	}
	late := f.newJoiner(t, 55)
	copied = late.spec
	copied.AddrPort = honest.spec.AddrPort
	_, err = f.c.RequestToJoin(ctx, late.auth, copied)
	wantErr(t, err, chain.ErrInvalidEndpoint)

	// The honest joiner enters with its own values.
	nw := f.nextEpoch(t, 0, honest.key)
	if len(nw.Nodes) != 5 || !bytes.Equal(nw.Nodes[4].DKGKey, honest.spec.DKGKey) || !bytes.Equal(nw.Nodes[4].TransportKey, honest.spec.TransportKey) {
		t.Fatalf("after the join: %+v", nw.Nodes)
	}
}

// TestAttackJoinSwap: the owner reviews a join request and approves it; the joiner withdraws it and asks
// again with another endpoint (or keys) just before the approval lands. The approval must not admit values
// the owner never saw.
func TestAttackJoinSwap(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	j := f.newJoiner(t, 60)
	if _, err := f.c.RequestToJoin(ctx, j.auth, j.spec); err != nil {
		t.Fatal(err)
	}
	joins, _, err := f.c.PendingChanges(ctx)
	if err != nil || len(joins) != 1 {
		t.Fatalf("pending: %v, %v", joins, err)
	}
	reviewed := joins[0]
	if _, err := f.c.CancelJoin(ctx, j.auth); err != nil {
		t.Fatal(err)
	}
	swapped := j.spec
	swapped.AddrPort = netip.MustParseAddrPort("10.0.0.1:22")
	if _, err := f.c.RequestToJoin(ctx, j.auth, swapped); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.ApproveJoin(ctx, f.owner, reviewed)
	wantErr(t, err, chain.ErrJoinChanged)
	if joins, _, err = f.c.PendingChanges(ctx); err != nil || joins[0].Approved {
		t.Fatalf("pending after the swap: %+v, %v", joins, err)
	}
	// The digest the Go client computes is the registry's.
	want, err := chain.JoinRequestDigest(joins[0].Node)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := f.c.Eth().CallContract(ctx, ethereum.CallMsg{To: ptr(f.c.Addresses().Staking), Data: bindings.NewStaking().PackJoinRequestDigest(j.spec.Address)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := bindings.NewStaking().UnpackJoinRequestDigest(raw); err != nil || got != want {
		t.Fatalf("registry digest %x, %v; Go %x", got, err, want)
	}
	if _, err := f.c.ApproveJoin(ctx, f.owner, joins[0]); err != nil {
		t.Fatalf("approving the request as it stands: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }

// maxTxGas is the per-transaction gas cap of Osaka (EIP-7825), which the dev chain runs: no write of the
// owner's may need more, or the epoch change cannot be made at all.
const maxTxGas = 1 << 24

// TestEpochLargestChangeGas: the owner's lock and advance with the most work the bounds allow (MAX_INDEX =
// 255 nodes in the next set: 191 members and MAX_PENDING_JOINS = 64 approved joiners, half of them inserted
// in front of indices given at an aborted lock) stay under the per-transaction gas cap; the gas of each is
// logged.
func TestEpochLargestChangeGas(t *testing.T) {
	if testing.Short() {
		t.Skip("sends some 500 transactions")
	}
	const joins = 64
	f := newFixture(t, 4)
	ctx := ctxT(t)
	var calls []call
	for i := 4; i < chain.MaxIndex-joins; i++ {
		key, spec := newNode(t, 300+i)
		spec.AddrPort = netip.AddrPortFrom(netip.AddrFrom4([4]byte{10, 2, byte(i >> 8), byte(i)}), 7000)
		calls = append(calls, addNodeCall(t, f, spec))
		f.nodeKeys = append(f.nodeKeys, key)
		f.specs = append(f.specs, spec)
	}
	sendPipelined(t, f, f.owner, calls)
	joiners := f.newJoiners(t, 100, joins)
	for _, j := range joiners {
		if _, err := f.c.RequestToJoin(ctx, j.auth, j.spec); err != nil {
			t.Fatal(err)
		}
	}
	// Approve in reverse request order, across an aborted lock, so that the first lock gives indices to the
	// later half only, and the second must insert the earlier half in front of them.
	for i := joins - 1; i >= joins/2; i-- {
		approve(t, f, joiners[i])
	}
	if _, err := f.c.LockNextEpoch(ctx, f.owner, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.UnlockNextEpoch(ctx, f.owner); err != nil {
		t.Fatal(err)
	}
	for i := joins/2 - 1; i >= 0; i-- {
		approve(t, f, joiners[i])
	}
	// t' = 1 keeps the number of ready signals small; t' does not change the work of lock or advance.
	r, err := f.c.LockNextEpoch(ctx, f.owner, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("lockValidatorsForNextEpoch, %d members + %d joiners: %d gas", len(f.specs), joins, r.GasUsed)
	if r.GasUsed > maxTxGas {
		t.Fatalf("lock used %d gas, over the cap of %d", r.GasUsed, maxTxGas)
	}
	nw, err := f.c.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(nw.Next.Nodes) != chain.MaxIndex {
		t.Fatalf("next set of %d", len(nw.Next.Nodes))
	}
	for _, n := range nw.Next.Nodes[:3*nw.Next.Threshold+1] {
		if err := signReady(t, f, n.Address, nw.Next); err != nil {
			t.Fatal(err)
		}
	}
	if r, err = f.c.AdvanceEpoch(ctx, f.owner); err != nil {
		t.Fatal(err)
	}
	t.Logf("advanceEpoch, %d joiners into %d nodes: %d gas", joins, chain.MaxIndex, r.GasUsed)
	if r.GasUsed > maxTxGas {
		t.Fatalf("advance used %d gas, over the cap of %d", r.GasUsed, maxTxGas)
	}
	if nw, err = f.c.Network(ctx); err != nil || len(nw.Nodes) != chain.MaxIndex {
		t.Fatalf("after the advance: %v, %v", nw, err)
	}
	// And the largest refresh: all 255 again.
	if r, err = f.c.LockNextEpoch(ctx, f.owner, 1); err != nil {
		t.Fatal(err)
	}
	t.Logf("lockValidatorsForNextEpoch, refresh of %d: %d gas", chain.MaxIndex, r.GasUsed)
	if r.GasUsed > maxTxGas {
		t.Fatalf("lock used %d gas, over the cap of %d", r.GasUsed, maxTxGas)
	}
}
