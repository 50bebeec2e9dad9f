package actions

import (
	"bufio"
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math"
	"math/big"
	"reflect"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// FuzzDecodeTx feeds callContract's and parseTransaction's decoder arbitrary bytes: it must not panic,
// and what it accepts must serialize back to bytes it decodes to the same transaction.
func FuzzDecodeTx(f *testing.F) {
	to := common.HexToAddress("0xbeef")
	key, _ := crypto.GenerateKey()
	for _, tx := range []types.TxData{
		&types.LegacyTx{Nonce: 1, GasPrice: big.NewInt(5), Gas: 21000, To: &to, Value: big.NewInt(7), Data: []byte{1, 2}},
		&types.DynamicFeeTx{ChainID: big.NewInt(1), Nonce: 3, GasTipCap: big.NewInt(1), GasFeeCap: big.NewInt(9), Gas: 5, To: &to,
			AccessList: types.AccessList{{Address: to, StorageKeys: []common.Hash{{1}}}}},
		&types.AccessListTx{ChainID: big.NewInt(1), Nonce: 0, GasPrice: big.NewInt(1), Gas: 1, Value: big.NewInt(0)},
	} {
		signed, err := types.SignNewTx(key, types.LatestSignerForChainID(big.NewInt(1)), tx)
		if err != nil {
			f.Fatal(err)
		}
		raw, _ := signed.MarshalBinary()
		f.Add(raw)
	}
	unsigned, _ := (&txFields{Nonce: big.NewInt(1), GasLimit: big.NewInt(2), Value: big.NewInt(3), ChainID: big.NewInt(137), To: &to}).serialize()
	f.Add(unsigned)
	f.Add([]byte{0x02, 0xc0})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, raw []byte) {
		tx, err := decodeTx(raw)
		if err != nil {
			if !errors.Is(err, errTxDecode) {
				t.Fatalf("error %v does not wrap errTxDecode", err)
			}
			return
		}
		if _, err := decodeCallTx(raw); err != nil {
			t.Fatalf("decodeTx accepted what decodeCallTx refused: %v", err)
		}
		again, err := tx.serialize()
		if err != nil {
			t.Fatalf("cannot serialize a decoded transaction: %v", err)
		}
		tx2, err := decodeTx(again)
		if err != nil {
			t.Fatalf("re-serialized transaction does not decode: %v", err)
		}
		if !reflect.DeepEqual(normalize(tx), normalize(tx2)) {
			t.Fatalf("round trip changed the transaction:\n%+v\n%+v", tx, tx2)
		}
	})
}

func normalize(f *txFields) txFields {
	c := *f
	if len(c.Data) == 0 {
		c.Data = nil
	}
	if len(c.AccessList) == 0 {
		c.AccessList = nil
	}
	return c
}

// FuzzReadFrame feeds the pipe reader arbitrary bytes: it must refuse bad frames without panicking, and
// a frame it accepts must survive a write and a read.
func FuzzReadFrame(f *testing.F) {
	var seed bytes.Buffer
	fw := &frameWriter{w: &seed}
	_ = fw.write(&frame{T: "call", ID: 3, M: "sign", A: json.RawMessage(`{"x":1}`)})
	_ = fw.write(&frame{T: "done", S: "resp", E: &wireError{Msg: "m", Script: true, Cause: &wireError{Msg: "c", Limit: "fetches", Ref: 2}}})
	_ = fw.write(&frame{T: "exec", X: &execMsg{Req: Request{Code: []byte("1"), Params: json.RawMessage(`{}`)}}})
	f.Add(seed.Bytes())
	f.Add([]byte{0, 0, 0, 2, '{', '}'})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := bufio.NewReader(bytes.NewReader(data))
		for {
			fr, err := readFrame(r)
			if err != nil {
				return
			}
			var buf bytes.Buffer
			if err := (&frameWriter{w: &buf}).write(fr); err != nil {
				t.Fatalf("cannot write back an accepted frame: %v", err)
			}
			again, err := readFrame(bufio.NewReader(&buf))
			if err != nil {
				t.Fatalf("written frame does not read: %v", err)
			}
			a, _ := json.Marshal(fr)
			b, _ := json.Marshal(again)
			if !bytes.Equal(a, b) {
				t.Fatalf("frame changed:\n%s\n%s", a, b)
			}
			_ = decodeError(fr.E, func(uint64) error { return nil })
		}
	})
}

// FuzzUnits checks parseUnits and formatUnits against each other on arbitrary input.
func FuzzUnits(f *testing.F) {
	f.Add("1.5", uint8(18))
	f.Add("-0.000001", uint8(6))
	f.Add(".5", uint8(1))
	f.Add("00012.3400", uint8(4))
	f.Add("1e5", uint8(0))
	f.Fuzz(func(t *testing.T, s string, decimals uint8) {
		d := int(decimals % 80)
		n, err := parseUnits(s, d)
		if err != nil {
			return
		}
		back, err := parseUnits(formatUnits(n, d), d)
		if err != nil || back.Cmp(n) != 0 {
			t.Fatalf("%q (%d decimals) → %s → %q → %v, %v", s, d, n, formatUnits(n, d), back, err)
		}
	})
}

// FuzzBase58 checks the base58 codec on arbitrary bytes and strings.
func FuzzBase58(f *testing.F) {
	f.Add([]byte{0, 0, 1, 2}, "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG")
	f.Add([]byte{}, "0OIl")
	f.Fuzz(func(t *testing.T, b []byte, s string) {
		got, err := base58Decode(base58Encode(b))
		if err != nil || !bytes.Equal(got, b) {
			t.Fatalf("round trip of %x: %x %v", b, got, err)
		}
		if d, err := base58Decode(s); err == nil {
			if again, _ := base58Decode(base58Encode(d)); !bytes.Equal(again, d) {
				t.Fatalf("decoded %q does not round trip", s)
			}
		}
	})
}

// FuzzEthersInputs passes arbitrary values from JavaScript into the Go helpers: whatever the value, the
// runtime must answer with a result or a JavaScript exception, never a Go panic.
func FuzzEthersInputs(f *testing.F) {
	f.Add("0x1234", 3.0)
	f.Add("0x", -1.0)
	f.Add("0x"+hex.EncodeToString(make([]byte, 65)), 1e300)
	f.Add("not hex", 0.5)
	f.Add("-0x10", 255.0)
	h := newFakeHost(f)
	code := `const u = ethers.utils, out = [];
		for (const v of [s, n, [n], { r: s, s: s, v: n }, { _vs: s, r: s }, new Uint8Array([n & 255])]) {
			for (const fn of [u.arrayify, u.hexlify, u.keccak256, u.getAddress, u.splitSignature, u.toUtf8String, u.hexValue,
				u.computeAddress, u.parseTransaction, u.base58.decode, (x) => u.zeroPad(x, n), (x) => u.hexZeroPad(x, n),
				(x) => u.formatUnits(x, n), (x) => u.parseUnits(String(x), n), (x) => ethers.BigNumber.from(x).toTwos(n),
				(x) => u.serializeTransaction({ to: x, nonce: x, chainId: n, type: n }, x), (x) => u.recoverAddress(x, x),
				(x) => u.solidityPack(["uint" + n, "bytes" + n, "address"], [x, x, x]), (x) => Lit.Actions.pubkeyToTokenId({ publicKey: x })]) {
				try { out.push(String(fn(v))); } catch (e) { out.push(e.name); }
			}
		}
		Lit.Actions.setResponse({ response: String(out.length) });`
	f.Fuzz(func(t *testing.T, s string, n float64) {
		if math.IsNaN(n) || math.IsInf(n, 0) {
			return // not JSON
		}
		res, err := runWith(t, h, Limits{}, code, map[string]any{"s": s, "n": n})
		if err != nil {
			var se *ScriptError
			if !errors.As(err, &se) || bytes.Contains([]byte(se.Message), []byte("internal error")) {
				t.Fatalf("s=%q n=%v: %v", s, n, err)
			}
			return
		}
		if res.Response != "114" {
			t.Fatalf("s=%q n=%v: %q", s, n, res.Response)
		}
	})
}
