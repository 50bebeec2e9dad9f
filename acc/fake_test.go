package acc

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// fakeChain is an in-memory EVM chain with a native balance table and ERC-20, ERC-721, ERC-1155 and
// custom contracts, answering the calls conditions make through the real ABI encoding.
type fakeChain struct {
	block, time uint64
	native      map[common.Address]*big.Int
	erc20       map[common.Address]map[common.Address]*big.Int
	owners      map[common.Address]map[string]common.Address // ERC-721: token id → owner
	names       map[common.Address]string
	erc1155     map[common.Address]map[common.Address]map[string]*big.Int
	custom      map[common.Address]func(data []byte) ([]byte, error)
	calls       int
	failWith    error // every call fails with it when set
	atBlocks    []uint64
}

func newFakeChain() *fakeChain {
	return &fakeChain{
		block: 100, time: 1_700_000_000,
		native:  map[common.Address]*big.Int{},
		erc20:   map[common.Address]map[common.Address]*big.Int{},
		owners:  map[common.Address]map[string]common.Address{},
		names:   map[common.Address]string{},
		erc1155: map[common.Address]map[common.Address]map[string]*big.Int{},
		custom:  map[common.Address]func([]byte) ([]byte, error){},
	}
}

func (f *fakeChain) HeaderByNumber(_ context.Context, n *big.Int) (*types.Header, error) {
	if n != nil {
		return nil, errors.New("fake: only the latest header")
	}
	f.calls++
	if f.failWith != nil {
		return nil, f.failWith
	}
	return &types.Header{Number: new(big.Int).SetUint64(f.block), Time: f.time}, nil
}

func (f *fakeChain) BalanceAt(_ context.Context, a common.Address, n *big.Int) (*big.Int, error) {
	f.calls++
	f.atBlocks = append(f.atBlocks, n.Uint64())
	if f.failWith != nil {
		return nil, f.failWith
	}
	if b := f.native[a]; b != nil {
		return b, nil
	}
	return new(big.Int), nil
}

func zeroIfNil(b *big.Int) *big.Int {
	if b == nil {
		return new(big.Int)
	}
	return b
}

func (f *fakeChain) CallContract(_ context.Context, msg ethereum.CallMsg, n *big.Int) ([]byte, error) {
	f.calls++
	f.atBlocks = append(f.atBlocks, n.Uint64())
	if f.failWith != nil {
		return nil, f.failWith
	}
	to := *msg.To
	if fn := f.custom[to]; fn != nil {
		return fn(msg.Data)
	}
	m, err := std.MethodById(msg.Data[:4])
	if err != nil {
		return nil, err
	}
	args, err := m.Inputs.Unpack(msg.Data[4:])
	if err != nil {
		return nil, err
	}
	switch m.Sig {
	case "balanceOf(address)":
		owner := args[0].(common.Address)
		if toks, ok := f.owners[to]; ok {
			n := int64(0)
			for _, o := range toks {
				if o == owner {
					n++
				}
			}
			return m.Outputs.Pack(big.NewInt(n))
		}
		return m.Outputs.Pack(zeroIfNil(f.erc20[to][owner]))
	case "ownerOf(uint256)":
		o, ok := f.owners[to][args[0].(*big.Int).String()]
		if !ok {
			return nil, errors.New("execution reverted: ERC721NonexistentToken")
		}
		return m.Outputs.Pack(o)
	case "name()":
		return m.Outputs.Pack(f.names[to])
	case "balanceOf(address,uint256)":
		return m.Outputs.Pack(zeroIfNil(f.erc1155[to][args[0].(common.Address)][args[1].(*big.Int).String()]))
	case "balanceOfBatch(address[],uint256[])":
		owners, ids := args[0].([]common.Address), args[1].([]*big.Int)
		var out []*big.Int
		for i := range owners {
			out = append(out, zeroIfNil(f.erc1155[to][owners[i]][ids[i].String()]))
		}
		return m.Outputs.Pack(out)
	}
	return nil, fmt.Errorf("fake: no %s", m.Sig)
}

// customContract answers calls of one method, checking its input encoding, with fixed outputs.
func customContract(m abi.Method, wantArgs []any, outs ...any) func([]byte) ([]byte, error) {
	return func(data []byte) ([]byte, error) {
		if string(data[:4]) != string(m.ID) {
			return nil, errors.New("execution reverted: unknown selector")
		}
		args, err := m.Inputs.Unpack(data[4:])
		if err != nil {
			return nil, err
		}
		if fmt.Sprint(args) != fmt.Sprint(wantArgs) {
			return nil, fmt.Errorf("fake: called with %v, want %v", args, wantArgs)
		}
		return m.Outputs.Pack(outs...)
	}
}

// fakeRunner is an ActionRunner with fixed answers per CID.
type fakeRunner struct {
	results map[string]func(method string, params []string) (string, error)
	runs    int
}

func (r *fakeRunner) RunCondition(_ context.Context, cid, method string, params []string) (string, error) {
	r.runs++
	fn, ok := r.results[cid]
	if !ok {
		return "", fmt.Errorf("no Action %s", cid)
	}
	return fn(method, params)
}
