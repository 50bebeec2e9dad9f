package chain_test

import (
	"bytes"
	"errors"
	"math/big"
	"net/netip"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/chain/bindings"
)

// litStakingABI is written by hand from Lit's Staking ABI (Datil: getActiveUnkickedValidatorStructsAndCounts
// and StateChanged), independently of our contract's generated ABI, to check the SDK can read ours.
const litStakingABI = `[
 {"type":"function","name":"getActiveUnkickedValidatorStructsAndCounts","stateMutability":"view","inputs":[],
  "outputs":[
   {"type":"tuple","name":"","components":[
     {"name":"epochLength","type":"uint256"},{"name":"number","type":"uint256"},{"name":"endTime","type":"uint256"},
     {"name":"retries","type":"uint256"},{"name":"timeout","type":"uint256"}]},
   {"type":"uint256","name":""},
   {"type":"tuple[]","name":"","components":[
     {"name":"ip","type":"uint32"},{"name":"ipv6","type":"uint128"},{"name":"port","type":"uint32"},
     {"name":"nodeAddress","type":"address"},{"name":"reward","type":"uint256"},
     {"name":"senderPubKey","type":"uint256"},{"name":"receiverPubKey","type":"uint256"}]}]},
 {"type":"event","name":"StateChanged","anonymous":false,"inputs":[{"name":"newState","type":"uint8","indexed":false}]}
]`

func TestRegistryReads(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	nw, err := f.c.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if nw.Epoch.Number != 1 || nw.Threshold != 1 || nw.Quorum != 3 || len(nw.Nodes) != 4 {
		t.Fatalf("network = epoch %d, t=%d, q=%d, %d nodes; want 1, 1, 3, 4", nw.Epoch.Number, nw.Threshold, nw.Quorum, len(nw.Nodes))
	}
	if nw.Epoch.Length <= 0 || nw.Epoch.EndTime.IsZero() {
		t.Fatalf("epoch %+v has no length or end", nw.Epoch)
	}
	for i, n := range nw.Nodes {
		s := f.specs[i]
		if n.Index != i+1 || n.Address != s.Address || netip.AddrPortFrom(n.IP, n.Port) != s.AddrPort ||
			!bytes.Equal(n.TransportKey, s.TransportKey) || !bytes.Equal(n.ReceiverKey[:], s.TransportKey) {
			t.Fatalf("node %d = %+v, registered %+v", i, n, s)
		}
		if want := "http://" + s.AddrPort.String(); n.URL() != want {
			t.Fatalf("URL = %s, want %s", n.URL(), want)
		}
	}

	// The unmodified Lit SDK's view of the same registry, through Lit's ABI.
	lit, err := abi.JSON(strings.NewReader(litStakingABI))
	if err != nil {
		t.Fatal(err)
	}
	data, err := lit.Pack("getActiveUnkickedValidatorStructsAndCounts")
	if err != nil {
		t.Fatal(err)
	}
	staking := f.c.Addresses().Staking
	raw, err := f.c.Eth().CallContract(ctx, ethereum.CallMsg{To: &staking, Data: data}, nil)
	if err != nil {
		t.Fatal(err)
	}
	vals, err := lit.Unpack("getActiveUnkickedValidatorStructsAndCounts", raw)
	if err != nil {
		t.Fatalf("Lit ABI cannot decode the answer: %v", err)
	}
	if minNodeCount := vals[1].(*big.Int); minNodeCount.Int64() != 3 {
		t.Fatalf("minNodeCount = %s, want the quorum 3", minNodeCount)
	}
	validators := vals[2].([]struct {
		Ip             uint32         `json:"ip"`
		Ipv6           *big.Int       `json:"ipv6"`
		Port           uint32         `json:"port"`
		NodeAddress    common.Address `json:"nodeAddress"`
		Reward         *big.Int       `json:"reward"`
		SenderPubKey   *big.Int       `json:"senderPubKey"`
		ReceiverPubKey *big.Int       `json:"receiverPubKey"`
	})
	if len(validators) != 4 || validators[2].NodeAddress != f.specs[2].Address || validators[2].Ip != 0x7f000003 || validators[2].Port != 7472 {
		t.Fatalf("Lit view of validators = %+v", validators)
	}

	// Adding a node announces StateChanged(Active) in Lit's encoding, which the SDK watches.
	_, spec := newNode(t, 9)
	r, err := f.c.AddNode(ctx, f.owner, spec)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range r.Logs {
		if l.Address == staking && l.Topics[0] == lit.Events["StateChanged"].ID {
			v, err := lit.Unpack("StateChanged", l.Data)
			if err != nil || v[0].(uint8) != 0 {
				t.Fatalf("StateChanged data %x: %v %v", l.Data, v, err)
			}
			found = true
		}
	}
	if !found {
		t.Fatal("addNode emitted no StateChanged(uint8)")
	}
	nw, err = f.c.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(nw.Nodes) != 5 || nw.Threshold != 1 || nw.Nodes[4].Address != spec.Address || nw.Nodes[4].Index != 5 {
		t.Fatalf("after adding a fifth node: t=%d, nodes %v", nw.Threshold, nw.Nodes)
	}
}

func TestRegistryAdmin(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)

	_, spec := newNode(t, 20)
	_, err := f.c.AddNode(ctx, f.alice, spec)
	wantErr(t, err, chain.ErrNotAdmin)
	_, err = f.c.AddNode(ctx, f.owner, f.specs[0])
	wantErr(t, err, chain.ErrNodeRegistered)
	dup := spec
	dup.AddrPort = f.specs[1].AddrPort
	_, err = f.c.AddNode(ctx, f.owner, dup)
	wantErr(t, err, chain.ErrInvalidEndpoint)
	zero := spec
	zero.Address = common.Address{}
	_, err = f.c.AddNode(ctx, f.owner, zero)
	wantErr(t, err, chain.ErrZeroAddress)
	noPort := spec
	noPort.AddrPort = netip.AddrPortFrom(spec.AddrPort.Addr(), 0)
	_, err = f.c.AddNode(ctx, f.owner, noPort)
	wantErr(t, err, chain.ErrInvalidEndpoint)
	v6 := spec
	v6.AddrPort = netip.MustParseAddrPort("[::1]:7000")
	_, err = f.c.AddNode(ctx, f.owner, v6)
	wantErr(t, err, chain.ErrInvalidEndpoint)
	shortKey := spec
	shortKey.TransportKey = shortKey.TransportKey[:31]
	_, err = f.c.AddNode(ctx, f.owner, shortKey)
	wantErr(t, err, chain.ErrInvalidTransportKey)

	// n >= 3t+1: t=2 needs 7 nodes. Four are too few, and so are five, which n >= 2t+1 would have allowed.
	_, err = f.c.SetThreshold(ctx, f.owner, 2)
	wantErr(t, err, chain.ErrInvalidThreshold)
	_, err = f.c.SetThreshold(ctx, f.alice, 1)
	wantErr(t, err, chain.ErrNotAdmin)
	if _, err := f.c.AddNode(ctx, f.owner, spec); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.SetThreshold(ctx, f.owner, 2)
	wantErr(t, err, chain.ErrInvalidThreshold)
	// A fixed t=1 needs 4 nodes: five may lose one, four may lose none.
	if _, err := f.c.SetThreshold(ctx, f.owner, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.RemoveNode(ctx, f.owner, f.specs[1].Address); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.RemoveNode(ctx, f.owner, f.specs[2].Address)
	wantErr(t, err, chain.ErrInvalidThreshold)
	nw, err := f.c.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if nw.Threshold != 1 || nw.Quorum != 3 || len(nw.Nodes) != 4 {
		t.Fatalf("fixed t=1 after one removal: got t=%d q=%d, %d nodes", nw.Threshold, nw.Quorum, len(nw.Nodes))
	}
	if _, err := f.c.SetThreshold(ctx, f.owner, -1); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.RemoveNode(ctx, f.owner, f.specs[1].Address)
	wantErr(t, err, chain.ErrNodeNotRegistered)
	nw, err = f.c.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// Indices are stable: the others keep theirs, in index order, and the removed node's is not reused.
	want := []common.Address{f.specs[0].Address, f.specs[2].Address, f.specs[3].Address, spec.Address}
	wantIdx := []int{1, 3, 4, 5}
	if len(nw.Nodes) != len(want) || nw.Threshold != 1 {
		t.Fatalf("after removal: t=%d nodes %v", nw.Threshold, nw.Nodes)
	}
	for i, n := range nw.Nodes {
		if n.Address != want[i] || n.Index != wantIdx[i] {
			t.Fatalf("node %d = %v, want %s at index %d", i, n, want[i], wantIdx[i])
		}
	}
	// The removed node's endpoint is free again; added again, it is a new node with a new index.
	if _, err := f.c.AddNode(ctx, f.owner, f.specs[1]); err != nil {
		t.Fatalf("re-adding removed node: %v", err)
	}
	if nw, err = f.c.Network(ctx); err != nil || nw.Nodes[4].Address != f.specs[1].Address || nw.Nodes[4].Index != 6 {
		t.Fatalf("re-added node: %v, %v; want it last with index 6", nw, err)
	}

	// The epoch advances only through a lock and the next set's readiness (TestEpochChange).
	_, err = f.c.AdvanceEpoch(ctx, f.owner)
	wantErr(t, err, chain.ErrNotReady)
	_, err = f.c.AdvanceEpoch(ctx, f.bob)
	wantErr(t, err, chain.ErrNotReady)

	// Seven nodes take t=2 (q=5), and then none may leave while t is fixed.
	for i := range 2 {
		_, more := newNode(t, 21+i)
		if _, err := f.c.AddNode(ctx, f.owner, more); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.c.SetThreshold(ctx, f.owner, 2); err != nil {
		t.Fatalf("t=2 with 7 nodes: %v", err)
	}
	if nw, err = f.c.Network(ctx); err != nil || nw.Threshold != 2 || nw.Quorum != 5 || len(nw.Nodes) != 7 {
		t.Fatalf("fixed t=2: %+v, %v", nw, err)
	}
	_, err = f.c.RemoveNode(ctx, f.owner, spec.Address)
	wantErr(t, err, chain.ErrInvalidThreshold)
}

// TestDKGKeys: every node publishes its own BLS DKG key in the registry, from which every node builds the
// DKG's participant list, so that no leader can put its key in an honest node's place.
func TestDKGKeys(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	key := func(seed byte) []byte { return bytes.Repeat([]byte{seed}, chain.DKGKeySize) }
	nodes := make([]*bind.TransactOpts, len(f.nodeKeys))
	for i := range nodes {
		nodes[i] = f.nodeTransactor(t, i)
	}
	checkKeys := func(want ...[]byte) {
		t.Helper()
		nw, err := f.c.Network(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(nw.Nodes) != len(want) {
			t.Fatalf("%d nodes, want %d", len(nw.Nodes), len(want))
		}
		for i, n := range nw.Nodes {
			if !bytes.Equal(n.DKGKey, want[i]) {
				t.Fatalf("node %d (%s) has DKG key %x, want %x", n.Index, n.Address, n.DKGKey, want[i])
			}
		}
	}
	checkKeys(nil, nil, nil, nil)

	// Only a registered node sets a key, and only its own: the owner and other accounts cannot.
	_, err := f.c.SetDKGKey(ctx, f.alice, key(1))
	wantErr(t, err, chain.ErrNodeNotRegistered)
	_, err = f.c.SetDKGKey(ctx, f.owner, key(1))
	wantErr(t, err, chain.ErrNodeNotRegistered)
	for _, bad := range [][]byte{nil, key(1)[:47], append(key(1), 1), make([]byte, 96)} {
		_, err = f.c.SetDKGKey(ctx, nodes[0], bad)
		wantErr(t, err, chain.ErrInvalidDKGKey)
	}
	checkKeys(nil, nil, nil, nil)

	r, err := f.c.SetDKGKey(ctx, nodes[2], key(3))
	if err != nil {
		t.Fatal(err)
	}
	if ev, err := bindings.NewStaking().UnpackDkgKeySetEvent(r.Logs[0]); err != nil || ev.NodeAddress != f.specs[2].Address {
		t.Fatalf("DkgKeySet event = %+v, %v; want node %s", ev, err, f.specs[2].Address)
	}
	if _, err := f.c.SetDKGKey(ctx, nodes[0], key(1)); err != nil {
		t.Fatal(err)
	}
	// Keys come back in node order, whatever the order they were published in; empty where none is.
	checkKeys(key(1), nil, key(3), nil)
	// Once per registration: neither the same key nor another.
	_, err = f.c.SetDKGKey(ctx, nodes[2], key(3))
	wantErr(t, err, chain.ErrDKGKeySet)
	_, err = f.c.SetDKGKey(ctx, nodes[2], key(9))
	wantErr(t, err, chain.ErrDKGKeySet)
	checkKeys(key(1), nil, key(3), nil)

	// Removal clears the key; the re-added node (now last) publishes a new one.
	if _, err := f.c.RemoveNode(ctx, f.owner, f.specs[2].Address); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.SetDKGKey(ctx, nodes[2], key(4))
	wantErr(t, err, chain.ErrNodeNotRegistered)
	checkKeys(key(1), nil, nil)
	if _, err := f.c.AddNode(ctx, f.owner, f.specs[2]); err != nil {
		t.Fatal(err)
	}
	checkKeys(key(1), nil, nil, nil)
	if _, err := f.c.SetDKGKey(ctx, nodes[2], key(4)); err != nil {
		t.Fatalf("re-added node publishing a new key: %v", err)
	}
	if _, err := f.c.SetDKGKey(ctx, nodes[1], key(2)); err != nil {
		t.Fatal(err)
	}
	checkKeys(key(1), key(2), nil, key(4))
}

func TestRootKeys(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	if _, err := f.c.RootKeys(ctx); !errors.Is(err, chain.ErrNoRootKeys) {
		t.Fatalf("before registration: %v, want ErrNoRootKeys", err)
	}
	keys := rootKeys(t)
	sigs := signAll(t, f.c.RootKeysDigest(1, keys), f.quorum())

	_, err := f.c.SetRootKeys(ctx, f.alice, 1, keys, sigs[:2])
	wantErr(t, err, chain.ErrNotEnoughSignatures)
	_, err = f.c.SetRootKeys(ctx, f.alice, 2, keys, signAll(t, f.c.RootKeysDigest(2, keys), f.quorum()))
	wantErr(t, err, chain.ErrWrongEpoch)
	bad := chain.RootKeys{ECDSA: keys.ECDSA[:9], BLS: keys.BLS}
	_, err = f.c.SetRootKeys(ctx, f.alice, 1, bad, signAll(t, f.c.RootKeysDigest(1, bad), f.quorum()))
	wantErr(t, err, chain.ErrInvalidRootKeys)
	offCurve := chain.RootKeys{ECDSA: append([][]byte{bytes.Repeat([]byte{4}, 65)}, keys.ECDSA[1:]...), BLS: keys.BLS}
	_, err = f.c.SetRootKeys(ctx, f.alice, 1, offCurve, signAll(t, f.c.RootKeysDigest(1, offCurve), f.quorum()))
	wantErr(t, err, chain.ErrInvalidRootKeys)
	// Signatures over other keys do not register these.
	_, err = f.c.SetRootKeys(ctx, f.alice, 1, rootKeys(t), sigs)
	wantErr(t, err, chain.ErrUnknownSigner)

	if _, err := f.c.SetRootKeys(ctx, f.alice, 1, keys, sigs); err != nil {
		t.Fatal(err)
	}
	got, err := f.c.RootKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Epoch != 1 || !bytes.Equal(got.BLS, keys.BLS) || len(got.ECDSA) != 10 {
		t.Fatalf("root keys = %+v", got)
	}
	for i := range keys.ECDSA {
		if !bytes.Equal(got.ECDSA[i], keys.ECDSA[i]) {
			t.Fatalf("ECDSA root key %d changed order or value", i)
		}
	}
	_, err = f.c.SetRootKeys(ctx, f.alice, 1, keys, sigs)
	wantErr(t, err, chain.ErrRootKeysSet)

	// Next epoch (a refresh): the old epoch's signatures do not carry over.
	f.nextEpoch(t, 0)
	_, err = f.c.SetRootKeys(ctx, f.alice, 2, keys, sigs)
	wantErr(t, err, chain.ErrUnknownSigner)
	if _, err := f.c.SetRootKeys(ctx, f.alice, 2, keys, signAll(t, f.c.RootKeysDigest(2, keys), f.quorum())); err != nil {
		t.Fatal(err)
	}
	if got, err := f.c.RootKeys(ctx); err != nil || got.Epoch != 2 {
		t.Fatalf("after epoch 2 registration: %+v, %v", got, err)
	}
}

func rootKeys(t testing.TB) chain.RootKeys {
	var k chain.RootKeys
	for range chain.RootKeyCountECDSA {
		_, priv := derivedKey(t)
		k.ECDSA = append(k.ECDSA, crypto.FromECDSAPub(&priv.PublicKey))
	}
	id, _ := derivedKey(t)
	k.BLS = append(id[:], id[:16]...)
	return k
}
