package actions

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strconv"
	"strings"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rlp"

	"github.com/dop251/goja"
)

// callContractGas is the gas Lit gave an eth_call whose transaction named none.
const callContractGas = 10_000_000

// txFields is a transaction as ethers v5 serializes it: legacy (type 0, EIP-155 when chainId is set),
// EIP-2930 (type 1) or EIP-1559 (type 2).
type txFields struct {
	Type                          int
	ChainID                       *big.Int
	Nonce, GasLimit, Value        *big.Int
	GasPrice, MaxFee, MaxPriority *big.Int
	To                            *common.Address
	Data                          []byte
	AccessList                    types.AccessList
	// The signature, if any: V is the legacy v (27/28 or EIP-155) or the y parity of a typed transaction.
	V, R, S *big.Int
}

func uintBytes(n *big.Int) []byte {
	if n == nil {
		return []byte{}
	}
	return n.Bytes()
}

// encodeAccessList is the RLP shape of an access list: [[address, [key, …]], …].
func encodeAccessList(al types.AccessList) []any {
	out := make([]any, 0, len(al))
	for _, t := range al {
		keys := make([]any, len(t.StorageKeys))
		for i, k := range t.StorageKeys {
			keys[i] = k.Bytes()
		}
		out = append(out, []any{t.Address.Bytes(), keys})
	}
	return out
}

// serialize is the RLP encoding ethers v5 produces, signed if f.R is set.
func (f *txFields) serialize() ([]byte, error) {
	to := []byte{}
	if f.To != nil {
		to = f.To.Bytes()
	}
	data := f.Data
	if data == nil {
		data = []byte{}
	}
	var fields []any
	switch f.Type {
	case 0:
		fields = []any{uintBytes(f.Nonce), uintBytes(f.GasPrice), uintBytes(f.GasLimit), to, uintBytes(f.Value), data}
		if f.R == nil {
			if f.ChainID != nil && f.ChainID.Sign() != 0 {
				fields = append(fields, uintBytes(f.ChainID), []byte{}, []byte{})
			}
		} else {
			fields = append(fields, uintBytes(f.V), uintBytes(f.R), uintBytes(f.S))
		}
		return rlp.EncodeToBytes(fields)
	case 1:
		fields = []any{uintBytes(f.ChainID), uintBytes(f.Nonce), uintBytes(f.GasPrice), uintBytes(f.GasLimit), to, uintBytes(f.Value), data, encodeAccessList(f.AccessList)}
	case 2:
		fields = []any{uintBytes(f.ChainID), uintBytes(f.Nonce), uintBytes(f.MaxPriority), uintBytes(f.MaxFee), uintBytes(f.GasLimit), to, uintBytes(f.Value), data, encodeAccessList(f.AccessList)}
	default:
		return nil, fmt.Errorf("unsupported transaction type: %d", f.Type)
	}
	if f.R != nil {
		fields = append(fields, uintBytes(f.V), uintBytes(f.R), uintBytes(f.S))
	}
	body, err := rlp.EncodeToBytes(fields)
	if err != nil {
		return nil, err
	}
	return append([]byte{byte(f.Type)}, body...), nil
}

var errTxDecode = errors.New("invalid transaction")

// decodeTx parses a serialized transaction, signed or not, in any of the three forms serialize writes.
func decodeTx(raw []byte) (*txFields, error) {
	if len(raw) == 0 {
		return nil, fmt.Errorf("%w: empty", errTxDecode)
	}
	f := &txFields{}
	body := raw
	if raw[0] < 0x7f {
		f.Type = int(raw[0])
		if f.Type != 1 && f.Type != 2 {
			return nil, fmt.Errorf("%w: unsupported type %d", errTxDecode, f.Type)
		}
		body = raw[1:]
	}
	var items []rlp.RawValue
	if err := rlp.DecodeBytes(body, &items); err != nil {
		return nil, fmt.Errorf("%w: %v", errTxDecode, err)
	}
	next := func() rlp.RawValue {
		it := items[0]
		items = items[1:]
		return it
	}
	num := func(dst **big.Int) error {
		var b []byte
		if err := rlp.DecodeBytes(next(), &b); err != nil {
			return err
		}
		if len(b) > 32 || (len(b) > 0 && b[0] == 0) {
			return errors.New("bad integer")
		}
		*dst = new(big.Int).SetBytes(b)
		return nil
	}
	addr := func() error {
		var b []byte
		if err := rlp.DecodeBytes(next(), &b); err != nil {
			return err
		}
		switch len(b) {
		case 0:
		case 20:
			a := common.BytesToAddress(b)
			f.To = &a
		default:
			return errors.New("bad address")
		}
		return nil
	}
	bytesField := func(dst *[]byte) error { return rlp.DecodeBytes(next(), dst) }
	var err error
	switch f.Type {
	case 0:
		if len(items) != 6 && len(items) != 9 {
			return nil, fmt.Errorf("%w: %d fields", errTxDecode, len(items))
		}
		signed := len(items) == 9
		err = errors.Join(num(&f.Nonce), num(&f.GasPrice), num(&f.GasLimit), addr(), num(&f.Value), bytesField(&f.Data))
		if err == nil && signed {
			err = errors.Join(num(&f.V), num(&f.R), num(&f.S))
		}
		if err == nil && signed && f.R.Sign() == 0 && f.S.Sign() == 0 {
			// EIP-155 unsigned form: [.., chainId, 0, 0].
			f.ChainID, f.V, f.R, f.S = f.V, nil, nil, nil
		} else if err == nil && signed {
			if f.V.Cmp(big.NewInt(35)) >= 0 {
				f.ChainID = new(big.Int).Rsh(new(big.Int).Sub(f.V, big.NewInt(35)), 1)
			}
		}
	default:
		want := 9
		if f.Type == 1 {
			want = 8
		}
		if len(items) != want && len(items) != want+3 {
			return nil, fmt.Errorf("%w: %d fields", errTxDecode, len(items))
		}
		signed := len(items) == want+3
		if f.Type == 1 {
			err = errors.Join(num(&f.ChainID), num(&f.Nonce), num(&f.GasPrice), num(&f.GasLimit), addr(), num(&f.Value), bytesField(&f.Data))
		} else {
			err = errors.Join(num(&f.ChainID), num(&f.Nonce), num(&f.MaxPriority), num(&f.MaxFee), num(&f.GasLimit), addr(), num(&f.Value), bytesField(&f.Data))
		}
		if err == nil {
			err = rlp.DecodeBytes(next(), &f.AccessList)
		}
		if err == nil && signed {
			err = errors.Join(num(&f.V), num(&f.R), num(&f.S))
			if err == nil && f.V.Cmp(big.NewInt(1)) > 0 {
				err = errors.New("bad y parity")
			}
		}
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errTxDecode, err)
	}
	return f, nil
}

// decodeCallTx reads callContract's txn: a serialized transaction whose to, data, value and gas make
// an eth_call, as Lit decoded it.
func decodeCallTx(raw []byte) (ethereum.CallMsg, error) {
	f, err := decodeTx(raw)
	if err != nil {
		return ethereum.CallMsg{}, err
	}
	msg := ethereum.CallMsg{To: f.To, Value: f.Value, Data: f.Data, AccessList: f.AccessList}
	if f.GasLimit != nil && f.GasLimit.IsUint64() && f.GasLimit.Sign() > 0 {
		msg.Gas = f.GasLimit.Uint64()
	} else {
		msg.Gas = callContractGas
	}
	switch f.Type {
	case 2:
		msg.GasFeeCap, msg.GasTipCap = f.MaxFee, f.MaxPriority
	default:
		if f.GasPrice != nil && f.GasPrice.Sign() > 0 {
			msg.GasPrice = f.GasPrice
		}
	}
	if msg.Value != nil && msg.Value.Sign() == 0 {
		msg.Value = nil
	}
	return msg, nil
}

// mustSerializeTx is ethers.utils.serializeTransaction(tx, signature?).
func (x *execution) mustSerializeTx(txV, sigV goja.Value) []byte {
	f, err := x.txFromObject(txV, sigV)
	if err != nil {
		x.throw(err)
	}
	out, err := f.serialize()
	if err != nil {
		x.throw(err)
	}
	return out
}

func (x *execution) txFromObject(txV, sigV goja.Value) (*txFields, error) {
	obj, ok := txV.(*goja.Object)
	if !ok {
		return nil, ethersErr("invalid transaction")
	}
	get := func(name string) goja.Value {
		v := obj.Get(name)
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			return nil
		}
		return v
	}
	var ferr error
	number := func(name string) *big.Int {
		v := get(name)
		if v == nil {
			return new(big.Int)
		}
		n, err := x.bigOf(v)
		if err == nil && (n.Sign() < 0 || n.BitLen() > 256) {
			err = ethersErr("invalid length for %s", name)
		}
		if err != nil && ferr == nil {
			ferr = fmt.Errorf("transaction.%s: %w", name, err)
		}
		return n
	}
	f := &txFields{}
	if v := get("type"); v != nil {
		t := number("type")
		if ferr == nil && (!t.IsInt64() || t.Int64() > 2) {
			return nil, ethersErr("unsupported transaction type: %s", v.String())
		}
		f.Type = int(t.Int64())
	}
	f.Nonce, f.GasLimit, f.Value = number("nonce"), number("gasLimit"), number("value")
	f.ChainID = number("chainId")
	switch f.Type {
	case 0, 1:
		f.GasPrice = number("gasPrice")
	case 2:
		f.MaxPriority, f.MaxFee = number("maxPriorityFeePerGas"), number("maxFeePerGas")
		if get("gasPrice") != nil && number("gasPrice").Cmp(f.MaxFee) != 0 {
			return nil, ethersErr("mismatch EIP-1559 gasPrice != maxFeePerGas")
		}
	}
	if ferr != nil {
		return nil, ferr
	}
	if v := get("to"); v != nil {
		a, err := getAddress(v.String())
		if err != nil {
			return nil, err
		}
		f.To = &a
	}
	if v := get("data"); v != nil {
		b, err := x.toBytes(v, false)
		if err != nil {
			return nil, fmt.Errorf("transaction.data: %w", err)
		}
		f.Data = b
	}
	if v := get("accessList"); v != nil {
		al, err := x.accessList(v)
		if err != nil {
			return nil, err
		}
		f.AccessList = al
	}
	if sigV == nil || goja.IsUndefined(sigV) || goja.IsNull(sigV) {
		if f.Type == 0 && get("chainId") == nil {
			f.ChainID = new(big.Int)
		}
		return f, nil
	}
	s, err := x.splitSignature(sigV)
	if err != nil {
		return nil, err
	}
	f.R, f.S = new(big.Int).SetBytes(s.r[:]), new(big.Int).SetBytes(s.s[:])
	if f.Type != 0 {
		f.V = big.NewInt(int64(s.recoveryParam))
		return f, nil
	}
	// Legacy: ethers takes the chain from the transaction, or from an object signature's EIP-155 v.
	chainID := f.ChainID
	if get("chainId") == nil {
		chainID = new(big.Int)
		if _, isObj := sigV.(*goja.Object); isObj && !x.isBytesLikeValue(sigV) && s.v > 28 {
			chainID = big.NewInt((s.v - 35) / 2)
		}
	}
	v := big.NewInt(27 + int64(s.recoveryParam))
	if chainID.Sign() != 0 {
		v.Add(v, new(big.Int).Add(new(big.Int).Lsh(chainID, 1), big.NewInt(8)))
		if s.v > 28 && big.NewInt(s.v).Cmp(v) != 0 {
			return nil, ethersErr("transaction.chainId/signature.v mismatch")
		}
	} else if big.NewInt(s.v).Cmp(v) != 0 {
		return nil, ethersErr("transaction.chainId/signature.v mismatch")
	}
	f.ChainID, f.V = chainID, v
	return f, nil
}

func (x *execution) isBytesLikeValue(v goja.Value) bool {
	if s, ok := asString(v); ok {
		return isHex(s) && len(s)%2 == 0
	}
	_, ok := x.bytesLike(v, false)
	return ok
}

// accessList is ethers' accessListify: [[address, keys]], [{address, storageKeys}] or {address: keys}.
func (x *execution) accessList(v goja.Value) (types.AccessList, error) {
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil, ethersErr("invalid access list")
	}
	tuple := func(addrV, keysV goja.Value) (types.AccessTuple, error) {
		a, err := getAddress(addrV.String())
		if err != nil {
			return types.AccessTuple{}, err
		}
		var keys []string
		if err := x.rt.ExportTo(keysV, &keys); err != nil {
			return types.AccessTuple{}, ethersErr("invalid access list storageKeys")
		}
		t := types.AccessTuple{Address: a, StorageKeys: []common.Hash{}}
		for _, k := range keys {
			if !isHex(k) || len(k) != 66 {
				return types.AccessTuple{}, ethersErr("invalid access list storageKey: %q", truncate(k, 80))
			}
			t.StorageKeys = append(t.StorageKeys, common.HexToHash(k))
		}
		return t, nil
	}
	var out types.AccessList
	if obj.ClassName() == "Array" {
		var items []goja.Value
		_ = x.rt.ExportTo(v, &items)
		for _, it := range items {
			io, ok := it.(*goja.Object)
			if !ok {
				return nil, ethersErr("invalid access list entry")
			}
			var t types.AccessTuple
			var err error
			if io.ClassName() == "Array" {
				if io.Get("length").ToInteger() > 2 {
					return nil, ethersErr("access list expected to be [ address, storageKeys[] ]")
				}
				t, err = tuple(io.Get("0"), io.Get("1"))
			} else {
				t, err = tuple(io.Get("address"), io.Get("storageKeys"))
			}
			if err != nil {
				return nil, err
			}
			out = append(out, t)
		}
		return out, nil
	}
	for _, k := range obj.Keys() {
		t, err := tuple(x.rt.ToValue(k), obj.Get(k))
		if err != nil {
			return nil, err
		}
		slices.SortFunc(t.StorageKeys, func(a, b common.Hash) int { return bytes.Compare(a[:], b[:]) })
		t.StorageKeys = slices.Compact(t.StorageKeys)
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b types.AccessTuple) int { return strings.Compare(a.Address.Hex(), b.Address.Hex()) })
	return out, nil
}

// opParseTransaction is ethers.utils.parseTransaction; numbers come back as 0x-hex strings that
// ethers.js turns into BigNumbers.
func (x *execution) opParseTransaction(c goja.FunctionCall) goja.Value {
	raw := x.mustBytes(c.Argument(0), false)
	f, err := decodeTx(raw)
	if err != nil {
		x.throw(err)
	}
	o := x.rt.NewObject()
	hexNum := func(n *big.Int) string {
		if n == nil {
			return "0x00"
		}
		h := n.Text(16)
		if len(h)%2 == 1 {
			h = "0" + h
		}
		return "0x" + h
	}
	if f.Type == 0 {
		_ = o.Set("type", goja.Null())
		_ = o.Set("gasPrice", hexNum(f.GasPrice))
	} else {
		_ = o.Set("type", f.Type)
		al := make([]any, 0, len(f.AccessList))
		for _, t := range f.AccessList {
			keys := make([]any, len(t.StorageKeys))
			for i, k := range t.StorageKeys {
				keys[i] = k.Hex()
			}
			e := x.rt.NewObject()
			_ = e.Set("address", t.Address.Hex())
			_ = e.Set("storageKeys", x.rt.NewArray(keys...))
			al = append(al, e)
		}
		_ = o.Set("accessList", x.rt.NewArray(al...))
		if f.Type == 1 {
			_ = o.Set("gasPrice", hexNum(f.GasPrice))
		} else {
			_ = o.Set("gasPrice", goja.Null())
			_ = o.Set("maxPriorityFeePerGas", hexNum(f.MaxPriority))
			_ = o.Set("maxFeePerGas", hexNum(f.MaxFee))
		}
	}
	chainID := int64(0)
	if f.ChainID != nil && f.ChainID.IsInt64() {
		chainID = f.ChainID.Int64()
	}
	_ = o.Set("chainId", chainID)
	if f.Nonce.IsInt64() {
		_ = o.Set("nonce", f.Nonce.Int64())
	} else {
		_ = o.Set("nonce", hexNum(f.Nonce))
	}
	_ = o.Set("gasLimit", hexNum(f.GasLimit))
	_ = o.Set("value", hexNum(f.Value))
	_ = o.Set("data", "0x"+hex.EncodeToString(f.Data))
	if f.To != nil {
		_ = o.Set("to", f.To.Hex())
	} else {
		_ = o.Set("to", goja.Null())
	}
	if f.R == nil {
		return o
	}
	r, s := make([]byte, 32), make([]byte, 32)
	f.R.FillBytes(r)
	f.S.FillBytes(s)
	_ = o.Set("r", "0x"+hex.EncodeToString(r))
	_ = o.Set("s", "0x"+hex.EncodeToString(s))
	_ = o.Set("v", f.V.Int64())
	_ = o.Set("hash", "0x"+hex.EncodeToString(crypto.Keccak256(raw)))
	// The sender: recover from the hash of the unsigned form.
	unsigned := *f
	var recID byte
	if f.Type == 0 {
		v := f.V.Int64()
		if f.ChainID == nil || f.ChainID.Sign() == 0 {
			recID = byte(v - 27)
		} else {
			recID = byte(v - 35 - 2*chainID)
		}
	} else {
		recID = byte(f.V.Int64())
	}
	unsigned.V, unsigned.R, unsigned.S = nil, nil, nil
	if pre, err := unsigned.serialize(); err == nil && recID <= 1 {
		rsv := append(append(r, s...), recID)
		if pub, err := crypto.SigToPub(crypto.Keccak256(pre), rsv); err == nil {
			_ = o.Set("from", crypto.PubkeyToAddress(*pub).Hex())
		}
	}
	return o
}

var (
	arrayType  = regexp.MustCompile(`^(.*)\[([0-9]*)\]$`)
	numberType = regexp.MustCompile(`^(u?int)([0-9]*)$`)
	bytesType  = regexp.MustCompile(`^bytes([0-9]+)$`)
)

// mustPack is ethers' solidityPack: the non-standard packed ABI encoding.
func (x *execution) mustPack(typesV, valuesV goja.Value) []byte {
	var typs []string
	var values []goja.Value
	if err := x.rt.ExportTo(typesV, &typs); err != nil {
		x.throw(ethersErr("types must be an array of strings"))
	}
	if err := x.rt.ExportTo(valuesV, &values); err != nil {
		x.throw(ethersErr("values must be an array"))
	}
	if len(typs) != len(values) {
		x.throw(ethersErr("wrong number of values; expected %d", len(typs)))
	}
	var out []byte
	for i, t := range typs {
		b, err := x.pack(t, values[i], false, 0)
		if err != nil {
			x.throw(err)
		}
		out = append(out, b...)
	}
	return out
}

func (x *execution) pack(typ string, v goja.Value, isArray bool, depth int) ([]byte, error) {
	if depth > 8 {
		return nil, ethersErr("type nested too deep: %q", truncate(typ, 80))
	}
	switch typ {
	case "address":
		a, err := getAddress(v.String())
		if err != nil {
			return nil, err
		}
		if isArray {
			return common.LeftPadBytes(a.Bytes(), 32), nil
		}
		return a.Bytes(), nil
	case "string":
		return []byte(v.String()), nil
	case "bytes":
		return x.toBytes(v, false)
	case "bool":
		b := []byte{0}
		if v.ToBoolean() {
			b[0] = 1
		}
		if isArray {
			return common.LeftPadBytes(b, 32), nil
		}
		return b, nil
	}
	if m := numberType.FindStringSubmatch(typ); m != nil {
		size := 256
		if m[2] != "" {
			var err error
			size, err = strconv.Atoi(m[2])
			if err != nil || size == 0 || size > 256 || size%8 != 0 || (m[2][0] == '0') {
				return nil, ethersErr("invalid number type: %q", typ)
			}
		}
		if isArray {
			size = 256
		}
		n, err := x.bigOf(v)
		if err != nil {
			return nil, err
		}
		if n.Sign() < 0 {
			n = new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), uint(size)), n)
		}
		b := n.Bytes()
		if n.Sign() < 0 || len(b) > size/8 {
			return nil, ethersErr("value out of range for %s", typ)
		}
		return common.LeftPadBytes(b, size/8), nil
	}
	if m := bytesType.FindStringSubmatch(typ); m != nil {
		size, err := strconv.Atoi(m[1])
		if err != nil || size == 0 || size > 32 || m[1][0] == '0' {
			return nil, ethersErr("invalid bytes type: %q", typ)
		}
		b, err := x.toBytes(v, false)
		if err != nil {
			return nil, err
		}
		if len(b) != size {
			return nil, ethersErr("invalid value for %s", typ)
		}
		if isArray {
			return common.RightPadBytes(b, 32), nil
		}
		return b, nil
	}
	if m := arrayType.FindStringSubmatch(typ); m != nil {
		var items []goja.Value
		if err := x.rt.ExportTo(v, &items); err != nil {
			return nil, ethersErr("invalid value for %s", typ)
		}
		if m[2] != "" {
			n, err := strconv.Atoi(m[2])
			if err != nil || n != len(items) {
				return nil, ethersErr("invalid value for %s", typ)
			}
		}
		var out []byte
		for _, it := range items {
			b, err := x.pack(m[1], it, true, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, b...)
		}
		return out, nil
	}
	return nil, ethersErr("invalid type: %q", truncate(typ, 80))
}
