package chain

import (
	"bytes"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain/bindings"
)

// revertData builds the revert data of a custom error by hand: selector of its signature, then its
// ABI-encoded arguments.
func revertData(t *testing.T, signature string, args abi.Arguments, vals ...any) []byte {
	t.Helper()
	enc, err := args.Pack(vals...)
	if err != nil {
		t.Fatal(err)
	}
	return append(crypto.Keccak256([]byte(signature))[:4], enc...)
}

func TestDecodeRevert(t *testing.T) {
	u256, _ := abi.NewType("uint256", "", nil)
	addr, _ := abi.NewType("address", "", nil)
	str, _ := abi.NewType("string", "", nil)
	caller := common.HexToAddress("0x00000000000000000000000000000000000000c1")
	cases := []struct {
		data     []byte
		name     string
		sentinel error
		contains string
	}{
		{revertData(t, "NotPKPOwner(uint256,address)", abi.Arguments{{Name: "a", Type: u256}, {Name: "b", Type: addr}}, big.NewInt(7), caller),
			"NotPKPOwner", ErrNotOwner, "tokenId=7, caller=0x00000000000000000000000000000000000000C1"},
		{revertData(t, "OwnableUnauthorizedAccount(address)", abi.Arguments{{Type: addr}}, caller), "OwnableUnauthorizedAccount", ErrNotAdmin, "account="},
		{revertData(t, "InvalidCID()", nil), "InvalidCID", ErrInvalidCID, "InvalidCID"},
		{revertData(t, "NotEnoughSignatures(uint256,uint256)", abi.Arguments{{Type: u256}, {Type: u256}}, big.NewInt(2), big.NewInt(3)),
			"NotEnoughSignatures", ErrNotEnoughSignatures, "got=2, needed=3"},
		{revertData(t, "Error(string)", abi.Arguments{{Type: str}}, "plain require"), "Error", nil, `"plain require"`},
		{revertData(t, "Panic(uint256)", abi.Arguments{{Type: u256}}, big.NewInt(0x11)), "Panic", nil, "overflow"},
		{[]byte{1, 2, 3}, "unknown", nil, "unknown"},
		{nil, "empty", nil, "empty"},
		{[]byte{0xde, 0xad, 0xbe, 0xef, 1}, "unknown", nil, "unknown"},
		// A known selector with truncated arguments keeps the raw data.
		{revertData(t, "NotPKPOwner(uint256,address)", nil), "NotPKPOwner", ErrNotOwner, "data=0x"},
	}
	for _, tc := range cases {
		err := decodeRevert("op", tc.data)
		if err.Name != tc.name {
			t.Errorf("%x: name %q, want %q", tc.data, err.Name, tc.name)
		}
		if !errors.Is(err, ErrReverted) {
			t.Errorf("%x: does not match ErrReverted", tc.data)
		}
		if tc.sentinel != nil && !errors.Is(err, tc.sentinel) {
			t.Errorf("%x: does not match %v", tc.data, tc.sentinel)
		}
		if msg := err.Error(); !strings.Contains(msg, tc.contains) || !strings.HasPrefix(msg, "chain: op reverted: ") {
			t.Errorf("%x: message %q, want it to contain %q", tc.data, msg, tc.contains)
		}
	}
}

// Every custom error of the contracts has a sentinel or is deliberately left generic.
func TestEveryContractErrorHasAMeaning(t *testing.T) {
	generic := map[string]bool{
		"ERC721EnumerableForbiddenBatchMint": true, "ERC721InvalidApprover": true, "ERC721InvalidOperator": true,
		"ERC721InvalidOwner": true, "ERC721InvalidSender": true, "ERC721OutOfBoundsIndex": true,
		"OwnableInvalidOwner": true, "NotPKPNFT": true, "WithdrawFailed": true, "InvalidEpochLength": true,
	}
	for _, e := range contractErrors {
		if _, ok := revertSentinels[e.Name]; !ok && !generic[e.Name] {
			t.Errorf("contract error %s has no sentinel", e.Name)
		}
	}
}

func TestToSignatures(t *testing.T) {
	key, _ := crypto.GenerateKey()
	digest := crypto.Keccak256Hash([]byte("x"))
	sig, err := Sign(digest, key)
	if err != nil {
		t.Fatal(err)
	}
	out, err := toSignatures([][]byte{sig})
	if err != nil || out[0].V != sig[64]+27 || !bytes.Equal(out[0].R[:], sig[:32]) || !bytes.Equal(out[0].S[:], sig[32:64]) {
		t.Fatalf("toSignatures = %+v, %v", out, err)
	}
	// Round trip through ecrecover's (r, s, v) form.
	back := append(append(append([]byte{}, out[0].R[:]...), out[0].S[:]...), out[0].V-27)
	pub, err := crypto.SigToPub(digest[:], back)
	if err != nil || crypto.PubkeyToAddress(*pub) != crypto.PubkeyToAddress(key.PublicKey) {
		t.Fatal("converted signature does not recover the signer")
	}
	for _, bad := range [][]byte{nil, sig[:64], append(bytes.Clone(sig), 0), append(bytes.Clone(sig[:64]), 2), append(bytes.Clone(sig[:64]), 29)} {
		if _, err := toSignatures([][]byte{bad}); !errors.Is(err, ErrInvalidSignature) {
			t.Errorf("toSignatures(%x) = %v", bad, err)
		}
	}
}

func TestEthAddressAndTokenID(t *testing.T) {
	key, _ := crypto.GenerateKey()
	pub := crypto.FromECDSAPub(&key.PublicKey)
	if EthAddress(pub) != crypto.PubkeyToAddress(key.PublicKey) {
		t.Fatal("EthAddress differs from go-ethereum's")
	}
	if EthAddress(pub[:64]) != (common.Address{}) || EthAddress(crypto.CompressPubkey(&key.PublicKey)) != (common.Address{}) {
		t.Fatal("EthAddress accepted a malformed key")
	}
	if TokenID(pub).Cmp(new(big.Int).SetBytes(crypto.Keccak256(pub))) != 0 {
		t.Fatal("TokenID is not keccak256(pubkey)")
	}
}

func TestParseNetwork(t *testing.T) {
	st := bindings.NewStaking().GetABI()
	epoch := bindings.Epoch{EpochLength: big.NewInt(3600), Number: big.NewInt(3), EndTime: big.NewInt(1_800_000_000), Retries: big.NewInt(0), Timeout: big.NewInt(60)}
	v := func(i byte) bindings.Validator {
		return bindings.Validator{Ip: 0x0a000000 | uint32(i), Ipv6: big.NewInt(0), Port: 443, NodeAddress: common.Address{i},
			Reward: big.NewInt(0), SenderPubKey: big.NewInt(int64(i)), ReceiverPubKey: big.NewInt(0)}
	}
	pack := func(q int64, vs ...bindings.Validator) []byte {
		out, err := st.Methods["getActiveUnkickedValidatorStructsAndCounts"].Outputs.Pack(epoch, big.NewInt(q), vs)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	nw, err := parseNetwork(pack(3, v(1), v(2), v(3), v(4)))
	if err != nil {
		t.Fatal(err)
	}
	if nw.Threshold != 1 || nw.Quorum != 3 || nw.Epoch.Number != 3 || len(nw.Nodes) != 4 ||
		nw.Nodes[1].URL() != "https://10.0.0.2:443" || nw.Nodes[3].Index != 4 || nw.Nodes[0].TransportKey[31] != 1 {
		t.Fatalf("parseNetwork = %+v", nw)
	}
	for name, raw := range map[string][]byte{
		"even quorum":    pack(2, v(1), v(2)),
		"zero quorum":    pack(0),
		"duplicate node": pack(1, v(1), v(1)),
		"zero address":   pack(1, bindings.Validator{Ip: 1, Ipv6: big.NewInt(0), Port: 1, Reward: big.NewInt(0), SenderPubKey: big.NewInt(1), ReceiverPubKey: big.NewInt(0)}),
		"port 0":         pack(1, bindings.Validator{Ip: 1, Ipv6: big.NewInt(0), Port: 0, NodeAddress: common.Address{1}, Reward: big.NewInt(0), SenderPubKey: big.NewInt(1), ReceiverPubKey: big.NewInt(0)}),
		"truncated":      pack(3, v(1))[:100],
	} {
		if _, err := parseNetwork(raw); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestSetDKGKeys(t *testing.T) {
	st := bindings.NewStaking().GetABI()
	pack := func(keys ...[]byte) []byte {
		out, err := st.Methods["getDkgKeys"].Outputs.Pack(keys)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	nodes := func() *Network {
		return &Network{Nodes: []Node{{Index: 1, Address: common.Address{1}}, {Index: 2, Address: common.Address{2}}}}
	}
	k := bytes.Repeat([]byte{7}, DKGKeySize)
	nw := nodes()
	if err := setDKGKeys(nw, pack(nil, k)); err != nil {
		t.Fatal(err)
	}
	if nw.Nodes[0].DKGKey != nil || !bytes.Equal(nw.Nodes[1].DKGKey, k) {
		t.Fatalf("keys = %x, %x; want none, then %x", nw.Nodes[0].DKGKey, nw.Nodes[1].DKGKey, k)
	}
	for name, raw := range map[string][]byte{
		"one key for two nodes":    pack(k),
		"three keys for two nodes": pack(k, k, k),
		"short key":                pack(k, k[:47]),
		"long key":                 pack(append(k, 0), k),
		"truncated":                pack(k, k)[:70],
	} {
		if err := setDKGKeys(nodes(), raw); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzSetDKGKeys(f *testing.F) {
	seed, _ := bindings.NewStaking().GetABI().Methods["getDkgKeys"].Outputs.Pack([][]byte{make([]byte, DKGKeySize), nil})
	f.Add(seed)
	f.Add(seed[:64])
	f.Fuzz(func(t *testing.T, raw []byte) {
		nw := &Network{Nodes: []Node{{Index: 1}, {Index: 2}}}
		if err := setDKGKeys(nw, raw); err != nil {
			return
		}
		for _, n := range nw.Nodes {
			if len(n.DKGKey) != 0 && len(n.DKGKey) != DKGKeySize {
				t.Fatalf("node %d: DKG key of %d bytes", n.Index, len(n.DKGKey))
			}
		}
	})
}

func FuzzDecodeRevert(f *testing.F) {
	for _, e := range contractErrors {
		f.Add(append(e.ID[:4:4], make([]byte, 64)...))
	}
	f.Add([]byte{0x08, 0xc3, 0x79, 0xa0})
	f.Add([]byte{0x4e, 0x48, 0x7b, 0x71, 1})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		e := decodeRevert("fuzz", data)
		if e.Name == "" || !errors.Is(e, ErrReverted) || !strings.HasPrefix(e.Error(), "chain: fuzz reverted: ") {
			t.Fatalf("decodeRevert(%x) = %#v", data, e)
		}
	})
}

func FuzzParseNetwork(f *testing.F) {
	st := bindings.NewStaking().GetABI()
	epoch := bindings.Epoch{EpochLength: big.NewInt(3600), Number: big.NewInt(1), EndTime: big.NewInt(1), Retries: big.NewInt(0), Timeout: big.NewInt(60)}
	seed, _ := st.Methods["getActiveUnkickedValidatorStructsAndCounts"].Outputs.Pack(epoch, big.NewInt(1), []bindings.Validator{{
		Ip: 0x7f000001, Ipv6: big.NewInt(0), Port: 7470, NodeAddress: common.Address{9}, Reward: big.NewInt(0),
		SenderPubKey: big.NewInt(5), ReceiverPubKey: big.NewInt(5)}})
	f.Add(seed)
	f.Add(seed[:96])
	f.Fuzz(func(t *testing.T, raw []byte) {
		nw, err := parseNetwork(raw)
		if err != nil {
			return
		}
		if nw.Quorum != 2*nw.Threshold+1 || len(nw.Nodes) > maxNodes {
			t.Fatalf("inconsistent network %+v", nw)
		}
		for i, n := range nw.Nodes {
			if n.Index != i+1 || n.Port == 0 || len(n.TransportKey) != 32 || !n.IP.Is4() {
				t.Fatalf("bad node %+v", n)
			}
		}
	})
}
