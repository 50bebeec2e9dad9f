package acc

import (
	"context"
	"encoding/hex"
	"fmt"
	"math/big"
	"reflect"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/mr-tron/base58"
)

// The standard contracts' functions that EVM basic conditions call.
const standardABI = `[
{"type":"function","name":"balanceOf","stateMutability":"view","inputs":[{"name":"owner","type":"address"}],"outputs":[{"name":"","type":"uint256"}]},
{"type":"function","name":"ownerOf","stateMutability":"view","inputs":[{"name":"tokenId","type":"uint256"}],"outputs":[{"name":"","type":"address"}]},
{"type":"function","name":"name","stateMutability":"view","inputs":[],"outputs":[{"name":"","type":"string"}]},
{"type":"function","name":"balanceOf1155","stateMutability":"view","inputs":[{"name":"account","type":"address"},{"name":"id","type":"uint256"}],"outputs":[{"name":"","type":"uint256"}]},
{"type":"function","name":"isPermittedAction","stateMutability":"view","inputs":[{"name":"tokenId","type":"uint256"},{"name":"ipfsCID","type":"bytes"}],"outputs":[{"name":"","type":"bool"}]},
{"type":"function","name":"isPermittedAddress","stateMutability":"view","inputs":[{"name":"tokenId","type":"uint256"},{"name":"user","type":"address"}],"outputs":[{"name":"","type":"bool"}]},
{"type":"function","name":"balanceOfBatch","stateMutability":"view","inputs":[{"name":"accounts","type":"address[]"},{"name":"ids","type":"uint256[]"}],"outputs":[{"name":"","type":"uint256[]"}]}
]`

var std = func() abi.ABI {
	a, err := abi.JSON(strings.NewReader(standardABI))
	if err != nil {
		panic(err) // a constant: fails in every test run if wrong
	}
	// ERC-1155's balanceOf(address,uint256) shares its name with ERC-20's; give it its real name back.
	m := a.Methods["balanceOf1155"]
	a.Methods["balanceOf1155"] = abi.NewMethod("balanceOf", "balanceOf", abi.Function, m.StateMutability, false, false, m.Inputs, m.Outputs)
	return a
}()

// call packs method(args), calls it at the evaluation's block and unpacks the outputs.
func call(ctx context.Context, h *head, c *Condition, m abi.Method, args ...any) ([]any, error) {
	to, err := parseAddress(c.ContractAddress)
	if err != nil {
		return nil, fmt.Errorf("contractAddress: %w", err)
	}
	in, err := m.Inputs.Pack(args...)
	if err != nil {
		return nil, fmt.Errorf("%w: encode %s: %v", ErrInvalidCondition, m.Sig, err)
	}
	out, err := h.chain.CallContract(ctx, ethereum.CallMsg{To: &to, Data: append(append([]byte(nil), m.ID...), in...)}, h.header.Number)
	if err != nil {
		return nil, fmt.Errorf("%w: %s on %s at %s: %w", ErrChain, m.Sig, c.Chain, to.Hex(), err)
	}
	vals, err := m.Outputs.Unpack(out)
	if err != nil {
		return nil, fmt.Errorf("%w: %s on %s at %s answered %d bytes that do not decode: %v", ErrChain, m.Sig, c.Chain, to.Hex(), len(out), err)
	}
	return vals, nil
}

// parseTokenID reads a token id in decimal or 0x-hex.
func parseTokenID(s string) (*big.Int, error) {
	n, ok := new(big.Int), false
	if h, isHex := strings.CutPrefix(s, "0x"); isHex {
		if h != "" && len(h) <= 64 {
			_, ok = n.SetString(h, 16)
		}
	} else if s != "" && len(s) <= 78 && strings.Trim(s, "0123456789") == "" {
		_, ok = n.SetString(s, 10)
	}
	if !ok || n.Cmp(maxUint256) > 0 {
		return nil, fmt.Errorf("%w: token id %q is not a 256-bit decimal or 0x-hex number", ErrInvalidCondition, s)
	}
	return n, nil
}

// standardCall evaluates ERC20, ERC721, ERC721MetadataName and ERC1155 conditions.
func (e *evaluator) standardCall(ctx context.Context, c *Condition, h *head) (string, error) {
	t := c.ReturnValueTest
	switch c.StandardContractType + "." + c.Method {
	case "ERC20.balanceOf", "ERC721.balanceOf":
		owner, err := e.addressParam(c, 0)
		if err != nil {
			return notMet(err)
		}
		out, err := call(ctx, h, c, std.Methods["balanceOf"], owner)
		if err != nil {
			return "", err
		}
		return compareUint(out[0].(*big.Int), t, "balance of "+owner.Hex())
	case "ERC721.ownerOf":
		p, err := e.param(c, 0)
		if err != nil {
			return notMet(err)
		}
		id, err := parseTokenID(p)
		if err != nil {
			return "", err
		}
		want, err := e.subst(t.Value)
		if err != nil {
			return notMet(err)
		}
		out, err := call(ctx, h, c, std.Methods["ownerOf"], id)
		if err != nil {
			return "", err
		}
		return compareAddress(out[0].(common.Address), want, t.Comparator, fmt.Sprintf("owner of token %s", id))
	case "ERC721MetadataName.name":
		out, err := call(ctx, h, c, std.Methods["name"])
		if err != nil {
			return "", err
		}
		return compareString(out[0].(string), t.Value, t.Comparator, "contract name")
	case "ERC1155.balanceOf":
		owner, err := e.addressParam(c, 0)
		if err != nil {
			return notMet(err)
		}
		p, err := e.param(c, 1)
		if err != nil {
			return notMet(err)
		}
		id, err := parseTokenID(p)
		if err != nil {
			return "", err
		}
		out, err := call(ctx, h, c, std.Methods["balanceOf1155"], owner, id)
		if err != nil {
			return "", err
		}
		return compareUint(out[0].(*big.Int), t, fmt.Sprintf("balance of token %s of %s", id, owner.Hex()))
	case "ERC1155.balanceOfBatch":
		return e.balanceOfBatch(ctx, c, h)
	case "PKPPermissions.isPermittedAction", "PKPPermissions.isPermittedAddress":
		return e.pkpPermissions(ctx, c, h)
	}
	return "", fmt.Errorf("%w: method %q of %s", ErrUnsupportedCondition, c.Method, c.StandardContractType)
}

// balanceOfBatch: parameters are a comma-separated list of owners and one of token ids, pairwise; the
// condition holds if any of the balances passes the test (Lit's rule).
func (e *evaluator) balanceOfBatch(ctx context.Context, c *Condition, h *head) (string, error) {
	if len(c.Parameters) < 2 {
		return "", fmt.Errorf("%w: balanceOfBatch needs owners and token ids", ErrInvalidCondition)
	}
	owners, ids := strings.Split(c.Parameters[0], ","), strings.Split(c.Parameters[1], ",")
	if len(owners) != len(ids) {
		return "", fmt.Errorf("%w: balanceOfBatch has %d owners and %d token ids", ErrInvalidCondition, len(owners), len(ids))
	}
	var addrs []common.Address
	var nums []*big.Int
	for i := range owners {
		s, err := e.subst(strings.TrimSpace(owners[i]))
		if err != nil {
			return notMet(err)
		}
		a, err := parseAddress(s)
		if err != nil {
			return "", err
		}
		id, err := parseTokenID(strings.TrimSpace(ids[i]))
		if err != nil {
			return "", err
		}
		addrs, nums = append(addrs, a), append(nums, id)
	}
	out, err := call(ctx, h, c, std.Methods["balanceOfBatch"], addrs, nums)
	if err != nil {
		return "", err
	}
	bals := out[0].([]*big.Int)
	var reasons []string
	for i, b := range bals {
		reason, err := compareUint(b, c.ReturnValueTest, fmt.Sprintf("balance of token %s", nums[min(i, len(nums)-1)]))
		if err != nil {
			return "", err
		}
		if reason == "" {
			return "", nil
		}
		reasons = append(reasons, reason)
	}
	if len(reasons) == 0 {
		return "no balances returned", nil
	}
	return strings.Join(reasons, ", "), nil
}

// evmContract evaluates an EVM contract condition: the function functionAbi describes, called with
// functionParams (functionName is hashed but, as in Lit's node, not used for the call), the output named
// by returnValueTest.key (the first when "") compared by its type.
func (e *evaluator) evmContract(ctx context.Context, c *Condition, h *head) (string, error) {
	m := c.Function
	if len(c.FunctionParams) != len(m.Inputs) {
		return "", fmt.Errorf("%w: %d functionParams for %d ABI inputs", ErrInvalidCondition, len(c.FunctionParams), len(m.Inputs))
	}
	args := make([]any, len(m.Inputs))
	for i, in := range m.Inputs {
		s, err := e.subst(c.FunctionParams[i])
		if err != nil {
			return notMet(err)
		}
		v, err := abiValue(in.Type, s)
		if err != nil {
			return "", fmt.Errorf("functionParams[%d]: %w", i, err)
		}
		args[i] = v
	}
	out, err := call(ctx, h, c, m, args...)
	if err != nil {
		return "", err
	}
	idx := 0
	if k := c.ReturnValueTest.Key; k != "" {
		idx = -1
		for i, o := range m.Outputs {
			if o.Name == k {
				idx = i
				break
			}
		}
		if idx < 0 {
			return "", fmt.Errorf("%w: returnValueTest.key %q names no output of %s", ErrInvalidCondition, k, m.Name)
		}
	}
	label := "output " + m.Outputs[idx].Name
	if m.Outputs[idx].Name == "" {
		label = fmt.Sprintf("output %d", idx)
	}
	return e.compareOutput(out[idx], c.ReturnValueTest, label, m.Outputs[idx].Type.T == abi.IntTy)
}

// compareOutput compares a decoded output by its Go type; signed says an integer output is signed (so
// the value may be negative).
func (e *evaluator) compareOutput(v any, t ReturnValueTest, label string, signed bool) (string, error) {
	switch x := v.(type) {
	case bool:
		return compareBool(x, t, label)
	case string:
		return compareString(x, t.Value, t.Comparator, label)
	case common.Address:
		want, err := e.subst(t.Value)
		if err != nil {
			return notMet(err)
		}
		return compareAddress(x, want, t.Comparator, label)
	case *big.Int:
		return compareNumber(x, t, label, signed)
	case []byte:
		return compareString("0x"+hex.EncodeToString(x), strings.ToLower(t.Value), t.Comparator, label)
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return compareNumber(new(big.Int).SetUint64(rv.Uint()), t, label, false)
	case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return compareNumber(big.NewInt(rv.Int()), t, label, true)
	case reflect.Array:
		if rv.Type().Elem().Kind() == reflect.Uint8 {
			b := make([]byte, rv.Len())
			reflect.Copy(reflect.ValueOf(b), rv)
			return compareString("0x"+hex.EncodeToString(b), strings.ToLower(t.Value), t.Comparator, label)
		}
	}
	return "", fmt.Errorf("%w: comparing an output of Go type %T (arrays and tuples are not supported)", ErrUnsupportedCondition, v)
}

// abiValue converts a (substituted) string parameter to the Go value go-ethereum packs for type t.
func abiValue(t abi.Type, s string) (any, error) {
	bad := func(why string) error {
		return fmt.Errorf("%w: %q is not a %s: %s", ErrInvalidCondition, s, t.String(), why)
	}
	switch t.T {
	case abi.AddressTy:
		return parseAddress(s)
	case abi.BoolTy:
		switch strings.ToLower(s) {
		case "true":
			return true, nil
		case "false":
			return false, nil
		}
		return nil, bad("want true or false")
	case abi.StringTy:
		return s, nil
	case abi.BytesTy, abi.FixedBytesTy:
		b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
		if err != nil {
			return nil, bad("not hex")
		}
		if t.T == abi.BytesTy {
			return b, nil
		}
		if len(b) != t.Size {
			return nil, bad(fmt.Sprintf("%d bytes, want %d", len(b), t.Size))
		}
		arr := reflect.New(t.GetType()).Elem()
		reflect.Copy(arr, reflect.ValueOf(b))
		return arr.Interface(), nil
	case abi.UintTy, abi.IntTy:
		var n *big.Int
		if h, ok := strings.CutPrefix(s, "0x"); ok {
			n, ok = new(big.Int).SetString(h, 16)
			if !ok || h == "" {
				return nil, bad("not hex")
			}
		} else {
			var err error
			if n, err = parseDecimal(s, t.T == abi.IntTy); err != nil {
				return nil, bad("not a decimal integer")
			}
		}
		if t.T == abi.UintTy && (n.Sign() < 0 || n.BitLen() > t.Size) {
			return nil, bad("out of range")
		}
		if t.T == abi.IntTy {
			lim := new(big.Int).Lsh(big.NewInt(1), uint(t.Size-1))
			if n.Cmp(lim) >= 0 || n.Cmp(new(big.Int).Neg(lim)) < 0 {
				return nil, bad("out of range")
			}
		}
		gt := t.GetType()
		switch gt.Kind() {
		case reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			return reflect.ValueOf(n.Uint64()).Convert(gt).Interface(), nil
		case reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			return reflect.ValueOf(n.Int64()).Convert(gt).Interface(), nil
		}
		return n, nil
	}
	return nil, fmt.Errorf("%w: parameters of type %s are not supported", ErrUnsupportedCondition, t.String())
}

// pkpPermissions evaluates PKPPermissions conditions on the contract at contractAddress:
// isPermittedAction(parameters[0] = token id, parameters[1] = the Action's CID, base58 or hex) and
// isPermittedAddress(parameters[0] = token id), which, as in Lit's node, always asks about the caller.
func (e *evaluator) pkpPermissions(ctx context.Context, c *Condition, h *head) (string, error) {
	p, err := e.param(c, 0)
	if err != nil {
		return notMet(err)
	}
	id, err := parseTokenID(p)
	if err != nil {
		return "", err
	}
	var arg any
	var what string
	if c.Method == "isPermittedAction" {
		s, err := e.param(c, 1)
		if err != nil {
			return notMet(err)
		}
		if arg, err = cidBytes(s); err != nil {
			return "", err
		}
		what = "Action " + s
	} else {
		s, err := e.subst(":userAddress")
		if err != nil {
			return notMet(err)
		}
		addr := common.HexToAddress(s)
		arg, what = addr, "address "+addr.Hex()
	}
	out, err := call(ctx, h, c, std.Methods[c.Method], id, arg)
	if err != nil {
		return "", err
	}
	return compareBool(out[0].(bool), c.ReturnValueTest, fmt.Sprintf("%s permitted on PKP %s", what, id))
}

// cidBytes reads an IPFS CID as the bytes the chain stores: a base58 CIDv0 ("Qm…") or hex.
func cidBytes(s string) ([]byte, error) {
	if strings.HasPrefix(s, "Qm") {
		b, err := base58.Decode(s)
		if err != nil || len(b) != 34 {
			return nil, fmt.Errorf("%w: %q is not a CIDv0", ErrInvalidCondition, s)
		}
		return b, nil
	}
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil || len(b) == 0 {
		return nil, fmt.Errorf("%w: %q is neither a base58 CIDv0 nor hex", ErrInvalidCondition, s)
	}
	return b, nil
}
