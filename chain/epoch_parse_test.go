package chain

import (
	"bytes"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/chain/bindings"
)

func validator(i byte) bindings.Validator {
	return bindings.Validator{Ip: 0x0a000000 | uint32(i), Ipv6: big.NewInt(0), Port: 7000 + uint32(i), NodeAddress: common.Address{i},
		Reward: big.NewInt(0), SenderPubKey: big.NewInt(int64(i)), ReceiverPubKey: big.NewInt(0)}
}

func bigs(xs ...int64) []*big.Int {
	out := make([]*big.Int, len(xs))
	for i, x := range xs {
		out[i] = big.NewInt(x)
	}
	return out
}

func packNextSet(t testing.TB, epoch, tNext int64, vs []bindings.Validator, idx []*big.Int, ready []bool) []byte {
	out, err := bindings.NewStaking().GetABI().Methods["getNextValidatorSet"].Outputs.Pack(big.NewInt(epoch), big.NewInt(tNext), vs, idx, ready)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestParseNextSet(t *testing.T) {
	vs := []bindings.Validator{validator(1), validator(3), validator(4), validator(9)}
	next, err := parseNextSet(packNextSet(t, 2, 1, vs, bigs(1, 3, 4, 9), []bool{true, false, true, false}))
	if err != nil {
		t.Fatal(err)
	}
	if next.Epoch != 2 || next.Threshold != 1 || next.Quorum != 3 || len(next.Nodes) != 4 || next.Nodes[3].Index != 9 ||
		len(next.Ready) != 2 || next.Ready[0] != (common.Address{1}) || next.Ready[1] != (common.Address{4}) {
		t.Fatalf("parseNextSet = %+v", next)
	}
	for name, raw := range map[string][]byte{
		"empty set":           packNextSet(t, 2, 0, nil, nil, nil),
		"n < 3t+1":            packNextSet(t, 2, 2, vs, bigs(1, 3, 4, 9), make([]bool, 4)),
		"indices missing":     packNextSet(t, 2, 1, vs, bigs(1, 3, 4), make([]bool, 4)),
		"ready flags missing": packNextSet(t, 2, 1, vs, bigs(1, 3, 4, 9), make([]bool, 3)),
		"index 0":             packNextSet(t, 2, 1, vs, bigs(0, 3, 4, 9), make([]bool, 4)),
		"index repeated":      packNextSet(t, 2, 1, vs, bigs(1, 3, 3, 9), make([]bool, 4)),
		"indices unsorted":    packNextSet(t, 2, 1, vs, bigs(1, 4, 3, 9), make([]bool, 4)),
		"index above 255":     packNextSet(t, 2, 1, vs, bigs(1, 3, 4, 256), make([]bool, 4)),
		"node listed twice":   packNextSet(t, 2, 1, []bindings.Validator{vs[0], vs[0], vs[2], vs[3]}, bigs(1, 3, 4, 9), make([]bool, 4)),
		"truncated":           packNextSet(t, 2, 1, vs, bigs(1, 3, 4, 9), make([]bool, 4))[:200],
	} {
		if _, err := parseNextSet(raw); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestSetIndices(t *testing.T) {
	pack := func(idx ...int64) []byte {
		out, err := bindings.NewStaking().GetABI().Methods["getValidatorIndicesInCurrentEpoch"].Outputs.Pack(bigs(idx...))
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	nodes := []Node{{Index: 1}, {Index: 2}, {Index: 3}}
	if err := setIndices(nodes, pack(2, 5, 255)); err != nil {
		t.Fatal(err)
	}
	if nodes[0].Index != 2 || nodes[1].Index != 5 || nodes[2].Index != 255 {
		t.Fatalf("indices = %v", nodes)
	}
	for name, raw := range map[string][]byte{
		"too few":   pack(1, 2),
		"too many":  pack(1, 2, 3, 4),
		"zero":      pack(0, 1, 2),
		"repeated":  pack(1, 1, 2),
		"unsorted":  pack(2, 1, 3),
		"above max": pack(1, 2, 256),
		"truncated": pack(1, 2, 3)[:90],
	} {
		if err := setIndices(make([]Node, 3), raw); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestParsePendingJoins(t *testing.T) {
	st := bindings.NewStaking().GetABI()
	pack := func(vs []bindings.Validator, approved []bool, keys [][]byte) []byte {
		out, err := st.Methods["getPendingJoins"].Outputs.Pack(vs, approved, keys)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	k := bytes.Repeat([]byte{7}, DKGKeySize)
	joins, err := parsePendingJoins(pack([]bindings.Validator{validator(5), validator(6)}, []bool{false, true}, [][]byte{k, k}))
	if err != nil {
		t.Fatal(err)
	}
	if len(joins) != 2 || joins[0].Approved || !joins[1].Approved || joins[1].Address != (common.Address{6}) ||
		joins[0].Index != 0 || !bytes.Equal(joins[1].DKGKey, k) {
		t.Fatalf("parsePendingJoins = %+v", joins)
	}
	for name, raw := range map[string][]byte{
		"flags missing": pack([]bindings.Validator{validator(5)}, nil, [][]byte{k}),
		"keys missing":  pack([]bindings.Validator{validator(5)}, []bool{true}, nil),
		"short key":     pack([]bindings.Validator{validator(5)}, []bool{true}, [][]byte{k[:47]}),
		"listed twice":  pack([]bindings.Validator{validator(5), validator(5)}, []bool{true, true}, [][]byte{k, k}),
	} {
		if _, err := parsePendingJoins(raw); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzParseNextSet(f *testing.F) {
	f.Add(packNextSet(f, 2, 1, []bindings.Validator{validator(1), validator(2), validator(3), validator(7)}, bigs(1, 2, 3, 7), []bool{true, false, false, true}))
	f.Add(packNextSet(f, 2, 0, []bindings.Validator{validator(1)}, bigs(4), []bool{false})[:150])
	f.Fuzz(func(t *testing.T, raw []byte) {
		next, err := parseNextSet(raw)
		if err != nil {
			return
		}
		n := len(next.Nodes)
		if n == 0 || n > maxNodes || n < 3*next.Threshold+1 || next.Quorum != 2*next.Threshold+1 || len(next.Ready) > n {
			t.Fatalf("inconsistent next set %+v", next)
		}
		for i, nd := range next.Nodes {
			if nd.Index < 1 || nd.Index > MaxIndex || (i > 0 && nd.Index <= next.Nodes[i-1].Index) {
				t.Fatalf("index %d at %d", nd.Index, i)
			}
		}
	})
}

func FuzzParsePendingJoins(f *testing.F) {
	seed, _ := bindings.NewStaking().GetABI().Methods["getPendingJoins"].Outputs.Pack(
		[]bindings.Validator{validator(5)}, []bool{true}, [][]byte{make([]byte, DKGKeySize)})
	f.Add(seed)
	f.Add(seed[:100])
	f.Fuzz(func(t *testing.T, raw []byte) {
		joins, err := parsePendingJoins(raw)
		if err != nil {
			return
		}
		for _, j := range joins {
			if j.Index != 0 || (len(j.DKGKey) != 0 && len(j.DKGKey) != DKGKeySize) || j.Port == 0 {
				t.Fatalf("bad join %+v", j)
			}
		}
	})
}
