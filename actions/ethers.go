package actions

import (
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	_ "embed"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dop251/goja"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	//lint:ignore SA1019 ethers.utils.ripemd160 computes RIPEMD-160; nothing else will do.
	"golang.org/x/crypto/ripemd160"
)

//go:embed ethers.js
var ethersSource string

var ethersProgram = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile("ethers.js", ethersSource, true)
})

// opEthers builds the ethers object the first time an Action touches the global: Go primitives for the
// hashing, bytes, signature and transaction helpers, assembled with a BigNumber by ethers.js.
func (x *execution) opEthers(goja.FunctionCall) goja.Value {
	v, err := x.rt.RunProgram(ethersProgram())
	if err != nil {
		panic(err)
	}
	build, ok := goja.AssertFunction(v)
	if !ok {
		panic(x.errorValue(errors.New("ethers.js is not a function")))
	}
	out, err := build(goja.Undefined(), x.ethersPrimitives())
	if err != nil {
		panic(err)
	}
	return out
}

// ethersErr is an ethers-style argument error.
func ethersErr(format string, args ...any) error { return fmt.Errorf(format, args...) }

func (x *execution) ethersPrimitives() *goja.Object {
	o := x.rt.NewObject()
	set := func(name string, f func(goja.FunctionCall) goja.Value) { _ = o.Set(name, x.fn(name, f)) }
	hashFn := func(h func([]byte) []byte) func(goja.FunctionCall) goja.Value {
		return func(c goja.FunctionCall) goja.Value {
			return x.hexValue(h(x.mustBytes(c.Argument(0), false)))
		}
	}
	set("keccak256", hashFn(func(b []byte) []byte { return crypto.Keccak256(b) }))
	set("sha256", hashFn(func(b []byte) []byte { s := sha256.Sum256(b); return s[:] }))
	set("sha512", hashFn(func(b []byte) []byte { s := sha512.Sum512(b); return s[:] }))
	set("ripemd160", hashFn(func(b []byte) []byte { h := ripemd160.New(); h.Write(b); return h.Sum(nil) }))
	set("id", func(c goja.FunctionCall) goja.Value {
		return x.hexValue(crypto.Keccak256([]byte(c.Argument(0).String())))
	})
	set("hashMessage", func(c goja.FunctionCall) goja.Value { return x.hexValue(personalHash(x.messageBytes(c.Argument(0)))) })
	set("solidityPack", func(c goja.FunctionCall) goja.Value {
		return x.hexValue(x.mustPack(c.Argument(0), c.Argument(1)))
	})
	set("solidityKeccak256", func(c goja.FunctionCall) goja.Value {
		return x.hexValue(crypto.Keccak256(x.mustPack(c.Argument(0), c.Argument(1))))
	})
	set("soliditySha256", func(c goja.FunctionCall) goja.Value {
		s := sha256.Sum256(x.mustPack(c.Argument(0), c.Argument(1)))
		return x.hexValue(s[:])
	})

	set("arrayify", func(c goja.FunctionCall) goja.Value {
		return x.newBytes(x.mustBytes(c.Argument(0), hexPadOption(c.Argument(1)) != ""))
	})
	set("hexlify", func(c goja.FunctionCall) goja.Value {
		return x.rt.ToValue(x.mustHexlify(c.Argument(0), hexPadOption(c.Argument(1))))
	})
	set("concat", func(c goja.FunctionCall) goja.Value { return x.newBytes(x.concatArg(c.Argument(0))) })
	set("hexConcat", func(c goja.FunctionCall) goja.Value { return x.hexValue(x.concatArg(c.Argument(0))) })
	set("zeroPad", func(c goja.FunctionCall) goja.Value {
		b := x.mustBytes(c.Argument(0), false)
		n := int(c.Argument(1).ToInteger())
		if len(b) > n || n > 1<<20 {
			x.throw(ethersErr("value out of range"))
		}
		return x.newBytes(append(make([]byte, n-len(b)), b...))
	})
	set("hexZeroPad", func(c goja.FunctionCall) goja.Value {
		s, ok := asString(c.Argument(0))
		if !ok || !isHex(s) {
			x.throw(ethersErr("invalid hex string"))
		}
		n := int(c.Argument(1).ToInteger())
		if len(s) > 2*n+2 || n > 1<<20 {
			x.throw(ethersErr("value out of range"))
		}
		return x.rt.ToValue("0x" + strings.Repeat("0", 2*n+2-len(s)) + s[2:])
	})
	set("hexDataSlice", func(c goja.FunctionCall) goja.Value {
		b := x.mustBytes(c.Argument(0), false)
		start := int(c.Argument(1).ToInteger())
		end := len(b)
		if e := c.Argument(2); !goja.IsUndefined(e) && !goja.IsNull(e) {
			end = int(e.ToInteger())
		}
		if start < 0 || end < start || end > len(b) {
			x.throw(ethersErr("data out-of-bounds"))
		}
		return x.hexValue(b[start:end])
	})
	set("hexDataLength", func(c goja.FunctionCall) goja.Value {
		s, ok := asString(c.Argument(0))
		if !ok || !isHex(s) || len(s)%2 != 0 {
			return goja.Null()
		}
		return x.rt.ToValue((len(s) - 2) / 2)
	})
	set("stripZeros", func(c goja.FunctionCall) goja.Value {
		b := x.mustBytes(c.Argument(0), false)
		for len(b) > 0 && b[0] == 0 {
			b = b[1:]
		}
		return x.newBytes(append([]byte(nil), b...))
	})
	set("hexStripZeros", func(c goja.FunctionCall) goja.Value {
		s := x.mustHexlify(c.Argument(0), "left")
		s = strings.TrimLeft(s[2:], "0")
		return x.rt.ToValue("0x" + s)
	})
	set("hexValue", func(c goja.FunctionCall) goja.Value {
		s := strings.TrimLeft(x.mustHexlify(c.Argument(0), "left")[2:], "0")
		if s == "" {
			s = "0"
		}
		return x.rt.ToValue("0x" + s)
	})
	set("isHexString", func(c goja.FunctionCall) goja.Value {
		s, ok := asString(c.Argument(0))
		if !ok || !isHex(s) {
			return x.rt.ToValue(false)
		}
		if l := c.Argument(1); !goja.IsUndefined(l) && len(s) != 2+2*int(l.ToInteger()) {
			return x.rt.ToValue(false)
		}
		return x.rt.ToValue(true)
	})
	set("isBytes", func(c goja.FunctionCall) goja.Value {
		_, ok := x.bytesLike(c.Argument(0), false)
		return x.rt.ToValue(ok)
	})
	set("isBytesLike", func(c goja.FunctionCall) goja.Value {
		v := c.Argument(0)
		if s, ok := asString(v); ok {
			return x.rt.ToValue(isHex(s) && len(s)%2 == 0)
		}
		_, ok := x.bytesLike(v, false)
		return x.rt.ToValue(ok)
	})

	set("toUtf8Bytes", func(c goja.FunctionCall) goja.Value { return x.newBytes([]byte(c.Argument(0).String())) })
	set("toUtf8String", func(c goja.FunctionCall) goja.Value {
		b := x.mustBytes(c.Argument(0), false)
		if !utf8.Valid(b) {
			x.throw(ethersErr("invalid utf8 byte sequence"))
		}
		return x.rt.ToValue(string(b))
	})
	set("formatBytes32String", func(c goja.FunctionCall) goja.Value {
		b := []byte(c.Argument(0).String())
		if len(b) > 31 {
			x.throw(ethersErr("bytes32 string must be less than 32 bytes"))
		}
		return x.hexValue(append(b, make([]byte, 32-len(b))...))
	})
	set("parseBytes32String", func(c goja.FunctionCall) goja.Value {
		b := x.mustBytes(c.Argument(0), false)
		if len(b) != 32 || b[31] != 0 {
			x.throw(ethersErr("invalid bytes32 string - no null terminator"))
		}
		end := 0
		for end < 31 && b[end] != 0 {
			end++
		}
		if !utf8.Valid(b[:end]) {
			x.throw(ethersErr("invalid utf8 byte sequence"))
		}
		return x.rt.ToValue(string(b[:end]))
	})
	set("base64Encode", func(c goja.FunctionCall) goja.Value {
		return x.rt.ToValue(base64.StdEncoding.EncodeToString(x.mustBytes(c.Argument(0), false)))
	})
	set("base64Decode", func(c goja.FunctionCall) goja.Value {
		b, err := base64.StdEncoding.DecodeString(c.Argument(0).String())
		if err != nil {
			x.throw(ethersErr("invalid base64 string"))
		}
		return x.newBytes(b)
	})
	set("base58Encode", func(c goja.FunctionCall) goja.Value {
		return x.rt.ToValue(base58Encode(x.mustBytes(c.Argument(0), false)))
	})
	set("base58Decode", func(c goja.FunctionCall) goja.Value {
		b, err := base58Decode(c.Argument(0).String())
		if err != nil {
			x.throw(ethersErr("invalid base58 string"))
		}
		return x.newBytes(b)
	})
	set("randomBytes", func(c goja.FunctionCall) goja.Value {
		n := c.Argument(0).ToInteger()
		if n < 0 || n > 1<<16 {
			x.throw(ethersErr("invalid length"))
		}
		b := make([]byte, n)
		_, _ = rand.Read(b)
		return x.newBytes(b)
	})

	set("splitSignature", func(c goja.FunctionCall) goja.Value { return x.signatureObject(x.mustSignature(c.Argument(0))) })
	set("joinSignature", func(c goja.FunctionCall) goja.Value {
		s := x.mustSignature(c.Argument(0))
		return x.hexValue(s.bytes65())
	})
	set("recoverPublicKey", func(c goja.FunctionCall) goja.Value {
		return x.hexValue(crypto.FromECDSAPub(x.mustRecover(c.Argument(0), c.Argument(1))))
	})
	set("recoverAddress", func(c goja.FunctionCall) goja.Value {
		return x.rt.ToValue(crypto.PubkeyToAddress(*x.mustRecover(c.Argument(0), c.Argument(1))).Hex())
	})
	set("verifyMessage", func(c goja.FunctionCall) goja.Value {
		digest := x.hexValue(personalHash(x.messageBytes(c.Argument(0))))
		return x.rt.ToValue(crypto.PubkeyToAddress(*x.mustRecover(digest, c.Argument(1))).Hex())
	})
	set("computePublicKey", func(c goja.FunctionCall) goja.Value {
		pub := x.mustPublicKey(c.Argument(0))
		if c.Argument(1).ToBoolean() {
			return x.hexValue(pub.compressed)
		}
		return x.hexValue(pub.uncompressed)
	})
	set("computeAddress", func(c goja.FunctionCall) goja.Value {
		pub := x.mustPublicKey(c.Argument(0))
		return x.rt.ToValue(common.BytesToAddress(crypto.Keccak256(pub.uncompressed[1:])[12:]).Hex())
	})
	set("getAddress", func(c goja.FunctionCall) goja.Value {
		a, err := getAddress(c.Argument(0).String())
		if err != nil {
			x.throw(err)
		}
		return x.rt.ToValue(a.Hex())
	})
	set("isAddress", func(c goja.FunctionCall) goja.Value {
		s, ok := asString(c.Argument(0))
		if !ok {
			return x.rt.ToValue(false)
		}
		_, err := getAddress(s)
		return x.rt.ToValue(err == nil)
	})
	set("getContractAddress", func(c goja.FunctionCall) goja.Value {
		tx := c.Argument(0).ToObject(x.rt)
		from, err := getAddress(tx.Get("from").String())
		if err != nil {
			x.throw(err)
		}
		nonce := x.mustBig(tx.Get("nonce"))
		if nonce.Sign() < 0 || !nonce.IsUint64() {
			x.throw(ethersErr("invalid nonce"))
		}
		return x.rt.ToValue(crypto.CreateAddress(from, nonce.Uint64()).Hex())
	})
	set("getCreate2Address", func(c goja.FunctionCall) goja.Value {
		from, err := getAddress(c.Argument(0).String())
		if err != nil {
			x.throw(err)
		}
		salt, code := x.mustBytes(c.Argument(1), false), x.mustBytes(c.Argument(2), false)
		if len(salt) != 32 || len(code) != 32 {
			x.throw(ethersErr("salt and initCodeHash must be 32 bytes"))
		}
		return x.rt.ToValue(crypto.CreateAddress2(from, [32]byte(salt), code).Hex())
	})

	set("parseUnits", func(c goja.FunctionCall) goja.Value {
		n, err := parseUnits(c.Argument(0).String(), x.unitDecimals(c.Argument(1)))
		if err != nil {
			x.throw(err)
		}
		return x.rt.ToValue(n.String())
	})
	set("formatUnits", func(c goja.FunctionCall) goja.Value {
		n, ok := new(big.Int).SetString(c.Argument(0).String(), 10)
		if !ok {
			x.throw(ethersErr("invalid BigNumber value"))
		}
		return x.rt.ToValue(formatUnits(n, x.unitDecimals(c.Argument(1))))
	})
	set("serializeTransaction", func(c goja.FunctionCall) goja.Value {
		return x.hexValue(x.mustSerializeTx(c.Argument(0), c.Argument(1)))
	})
	set("parseTransaction", x.opParseTransaction)
	return o
}

func (x *execution) hexValue(b []byte) goja.Value { return x.rt.ToValue("0x" + hex.EncodeToString(b)) }

var hexString = regexp.MustCompile(`^0x[0-9A-Fa-f]*$`)

func isHex(s string) bool { return hexString.MatchString(s) }

func hexPadOption(opts goja.Value) string {
	if o, ok := opts.(*goja.Object); ok {
		if p := o.Get("hexPad"); p != nil && !goja.IsUndefined(p) {
			return p.String()
		}
	}
	return ""
}

// bytesLike reads ethers' BytesLike without strings: a Uint8Array (or other view, or ArrayBuffer), or
// an array-like of integers 0…255.
func (x *execution) bytesLike(v goja.Value, allowStrings bool) ([]byte, bool) {
	if b, ok := x.bytesOf(v); ok {
		return b, true
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	if _, isFn := goja.AssertFunction(obj); isFn {
		return nil, false
	}
	lv := obj.Get("length")
	if lv == nil || goja.IsUndefined(lv) {
		return nil, false
	}
	f := lv.ToFloat()
	if f < 0 || f > 1<<26 || f != math.Trunc(f) {
		return nil, false
	}
	n := int(f)
	out := make([]byte, n)
	for i := 0; i < n; i++ {
		e := obj.Get(strconv.Itoa(i))
		if e == nil {
			return nil, false
		}
		switch ev := e.Export().(type) {
		case int64:
			if ev < 0 || ev > 255 {
				return nil, false
			}
			out[i] = byte(ev)
		case float64:
			if ev < 0 || ev > 255 || ev != math.Trunc(ev) {
				return nil, false
			}
			out[i] = byte(ev)
		default:
			return nil, false
		}
	}
	return out, true
}

// toBytes is ethers' arrayify: hex strings, BytesLike, non-negative safe integers and objects with
// toHexString (BigNumber). hexPad allows odd-length hex, padded on the left.
func (x *execution) toBytes(v goja.Value, hexPad bool) ([]byte, error) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil, ethersErr("invalid arrayify value")
	}
	switch e := v.Export().(type) {
	case string:
		if !isHex(e) {
			return nil, ethersErr("invalid arrayify value: %q", truncate(e, 80))
		}
		h := e[2:]
		if len(h)%2 == 1 {
			if !hexPad {
				return nil, ethersErr("hex data is odd-length")
			}
			h = "0" + h
		}
		return hex.DecodeString(h)
	case int64:
		if e < 0 {
			return nil, ethersErr("invalid arrayify value")
		}
		return minimalBytes(big.NewInt(e), true), nil
	case float64:
		if e < 0 || e != math.Trunc(e) || e > 1<<53-1 {
			return nil, ethersErr("invalid arrayify value")
		}
		return minimalBytes(big.NewInt(int64(e)), true), nil
	case *big.Int:
		if e.Sign() < 0 {
			return nil, ethersErr("invalid arrayify value")
		}
		return minimalBytes(e, true), nil
	}
	if b, ok := x.bytesLike(v, false); ok {
		return append([]byte(nil), b...), nil
	}
	if h, ok := x.toHexString(v); ok {
		return x.toBytes(x.rt.ToValue(h), true)
	}
	return nil, ethersErr("invalid arrayify value")
}

// toHexString calls v.toHexString() if v has one (BigNumber does).
func (x *execution) toHexString(v goja.Value) (string, bool) {
	obj, ok := v.(*goja.Object)
	if !ok {
		return "", false
	}
	f, ok := goja.AssertFunction(obj.Get("toHexString"))
	if !ok {
		return "", false
	}
	h, err := f(obj)
	if err != nil {
		panic(err)
	}
	s := h.String()
	if !isHex(s) {
		return "", false
	}
	return s, true
}

// minimalBytes is the big-endian magnitude of n; zero gives one zero byte when zeroByte is set.
func minimalBytes(n *big.Int, zeroByte bool) []byte {
	b := n.Bytes()
	if len(b) == 0 && zeroByte {
		return []byte{0}
	}
	return b
}

func (x *execution) mustBytes(v goja.Value, hexPad bool) []byte {
	b, err := x.toBytes(v, hexPad)
	if err != nil {
		x.throw(err)
	}
	return b
}

// mustHexlify is ethers' hexlify: like arrayify, returning lowercase 0x-hex.
func (x *execution) mustHexlify(v goja.Value, hexPad string) string {
	if s, ok := asString(v); ok && isHex(s) && len(s)%2 == 1 {
		switch hexPad {
		case "left":
			return "0x0" + strings.ToLower(s[2:])
		case "right":
			return strings.ToLower(s) + "0"
		}
		x.throw(ethersErr("hex data is odd-length"))
	}
	return "0x" + hex.EncodeToString(x.mustBytes(v, hexPad != ""))
}

// messageBytes reads a message as hashMessage takes it: a string is UTF-8, anything else BytesLike.
func (x *execution) messageBytes(v goja.Value) []byte {
	if s, ok := asString(v); ok {
		return []byte(s)
	}
	return x.mustBytes(v, false)
}

func (x *execution) concatArg(v goja.Value) []byte {
	var items []goja.Value
	if err := x.rt.ExportTo(v, &items); err != nil {
		x.throw(ethersErr("concat takes an array"))
	}
	var out []byte
	for _, it := range items {
		out = append(out, x.mustBytes(it, false)...)
	}
	return out
}

// bigOf reads a BigNumberish: integer numbers, BigInts, decimal or 0x-hex strings (optionally negative),
// BigNumber-like objects and bytes (unsigned).
func (x *execution) bigOf(v goja.Value) (*big.Int, error) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil, ethersErr("invalid BigNumber value")
	}
	switch e := v.Export().(type) {
	case int64:
		return big.NewInt(e), nil
	case float64:
		if e != math.Trunc(e) {
			return nil, ethersErr("underflow: %v is not an integer", e)
		}
		if math.Abs(e) > 1<<53-1 {
			return nil, ethersErr("overflow: %v is not a safe integer", e)
		}
		return big.NewInt(int64(e)), nil
	case *big.Int:
		return new(big.Int).Set(e), nil
	case string:
		return parseBigString(e)
	}
	if h, ok := x.toHexString(v); ok {
		return parseBigString(h)
	}
	if obj, ok := v.(*goja.Object); ok {
		for _, k := range []string{"_hex", "hex"} {
			if h, ok := asString(obj.Get(k)); ok {
				return parseBigString(h)
			}
		}
	}
	if b, ok := x.bytesLike(v, false); ok {
		return new(big.Int).SetBytes(b), nil
	}
	return nil, ethersErr("invalid BigNumber value")
}

func parseBigString(s string) (*big.Int, error) {
	neg := strings.HasPrefix(s, "-")
	body := strings.TrimPrefix(s, "-")
	var n *big.Int
	var ok bool
	if h, isHex := strings.CutPrefix(body, "0x"); isHex {
		if h == "" || len(h) > 1<<12 {
			return nil, ethersErr("invalid BigNumber string")
		}
		n, ok = new(big.Int).SetString(h, 16)
	} else {
		if body == "" || len(body) > 1<<12 || strings.ContainsAny(body, "+_ ") {
			return nil, ethersErr("invalid BigNumber string")
		}
		n, ok = new(big.Int).SetString(body, 10)
	}
	if !ok {
		return nil, ethersErr("invalid BigNumber string: %q", truncate(s, 80))
	}
	if neg {
		n.Neg(n)
	}
	return n, nil
}

func (x *execution) mustBig(v goja.Value) *big.Int {
	n, err := x.bigOf(v)
	if err != nil {
		x.throw(err)
	}
	return n
}

// getAddress is ethers' getAddress: 0x and 40 hex digits; mixed case must be the EIP-55 checksum.
func getAddress(s string) (common.Address, error) {
	if !strings.HasPrefix(s, "0x") && !strings.HasPrefix(s, "0X") && len(s) == 40 {
		s = "0x" + s
	}
	if len(s) != 42 || !isHex("0x"+s[2:]) {
		return common.Address{}, ethersErr("invalid address: %q", truncate(s, 80))
	}
	a := common.HexToAddress(s)
	body := s[2:]
	if body != strings.ToLower(body) && body != strings.ToUpper(body) && a.Hex() != "0x"+body {
		return common.Address{}, ethersErr("bad address checksum: %q", s)
	}
	return a, nil
}

// unitDecimals reads a unit: a name (wei … ether) or a number of decimals; none means ether.
func (x *execution) unitDecimals(v goja.Value) int {
	if goja.IsUndefined(v) || goja.IsNull(v) {
		return 18
	}
	if s, ok := asString(v); ok {
		names := map[string]int{"wei": 0, "kwei": 3, "mwei": 6, "gwei": 9, "szabo": 12, "finney": 15, "ether": 18}
		if d, ok := names[s]; ok {
			return d
		}
		d, err := strconv.Atoi(s)
		if err != nil || d < 0 || d > 256 {
			x.throw(ethersErr("invalid decimal size: %q", truncate(s, 40)))
		}
		return d
	}
	d := v.ToInteger()
	if d < 0 || d > 256 {
		x.throw(ethersErr("invalid decimal size: %d", d))
	}
	return int(d)
}

var decimalNumber = regexp.MustCompile(`^-?([0-9]*)(\.([0-9]*))?$`)

// parseUnits is ethers' parseFixed: "1.5" with 18 decimals is 1500000000000000000.
func parseUnits(s string, decimals int) (*big.Int, error) {
	m := decimalNumber.FindStringSubmatch(s)
	if m == nil || (m[1] == "" && m[3] == "") || len(s) > 1<<10 {
		return nil, ethersErr("invalid decimal value: %q", truncate(s, 80))
	}
	whole, frac := m[1], strings.TrimRight(m[3], "0")
	if len(frac) > decimals {
		return nil, ethersErr("fractional component exceeds decimals")
	}
	if whole == "" {
		whole = "0"
	}
	n, ok := new(big.Int).SetString(whole+frac+strings.Repeat("0", decimals-len(frac)), 10)
	if !ok {
		return nil, ethersErr("invalid decimal value: %q", truncate(s, 80))
	}
	if strings.HasPrefix(s, "-") {
		n.Neg(n)
	}
	return n, nil
}

// formatUnits is ethers' formatFixed: always a decimal point and at least one fraction digit.
func formatUnits(n *big.Int, decimals int) string {
	neg := n.Sign() < 0
	digits := new(big.Int).Abs(n).String()
	if len(digits) <= decimals {
		digits = strings.Repeat("0", decimals-len(digits)+1) + digits
	}
	whole, frac := digits[:len(digits)-decimals], strings.TrimRight(digits[len(digits)-decimals:], "0")
	if frac == "" {
		frac = "0"
	}
	s := whole + "." + frac
	if neg {
		s = "-" + s
	}
	return s
}

// sig is a signature as splitSignature describes it.
type sig struct {
	r, s          [32]byte
	recoveryParam byte
	v             int64
}

func (s sig) vs() [32]byte {
	vs := s.s
	if s.recoveryParam == 1 {
		vs[0] |= 0x80
	}
	return vs
}

func (s sig) bytes65() []byte {
	return append(append(append([]byte(nil), s.r[:]...), s.s[:]...), 27+s.recoveryParam)
}

func (x *execution) signatureObject(s sig) goja.Value {
	o := x.rt.NewObject()
	vs := s.vs()
	_ = o.Set("r", "0x"+hex.EncodeToString(s.r[:]))
	_ = o.Set("s", "0x"+hex.EncodeToString(s.s[:]))
	_ = o.Set("_vs", "0x"+hex.EncodeToString(vs[:]))
	_ = o.Set("recoveryParam", int64(s.recoveryParam))
	_ = o.Set("v", s.v)
	_ = o.Set("yParityAndS", "0x"+hex.EncodeToString(vs[:]))
	_ = o.Set("compact", "0x"+hex.EncodeToString(s.r[:])+hex.EncodeToString(vs[:]))
	return o
}

func (x *execution) mustSignature(v goja.Value) sig {
	s, err := x.splitSignature(v)
	if err != nil {
		x.throw(err)
	}
	return s
}

// splitSignature follows ethers v5: 65 bytes (r, s, v), 64 bytes (EIP-2098 r, yParityAndS), or an
// object with r, s and v, recoveryParam or _vs, each checked against the others.
func (x *execution) splitSignature(v goja.Value) (sig, error) {
	var out sig
	isBytesLike := false
	if s, ok := asString(v); ok {
		isBytesLike = isHex(s) && len(s)%2 == 0
	} else if _, ok := x.bytesLike(v, false); ok {
		isBytesLike = true
	}
	if isBytesLike {
		b, err := x.toBytes(v, false)
		if err != nil {
			return out, err
		}
		switch len(b) {
		case 64:
			copy(out.r[:], b[:32])
			copy(out.s[:], b[32:])
			out.v = 27 + int64(b[32]>>7)
			out.s[0] &= 0x7f
		case 65:
			copy(out.r[:], b[:32])
			copy(out.s[:], b[32:64])
			out.v = int64(b[64])
		default:
			return out, ethersErr("invalid signature string")
		}
		if out.v < 27 {
			if out.v != 0 && out.v != 1 {
				return out, ethersErr("signature invalid v byte")
			}
			out.v += 27
		}
		out.recoveryParam = byte(1 - out.v%2)
		return out, nil
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		return out, ethersErr("invalid signature")
	}
	field := func(name string) goja.Value {
		f := obj.Get(name)
		if f == nil || goja.IsUndefined(f) || goja.IsNull(f) {
			return nil
		}
		return f
	}
	hex32 := func(f goja.Value, what string) ([32]byte, error) {
		var out [32]byte
		s, ok := asString(f)
		if !ok || !isHex(s) || len(s) > 66 {
			return out, ethersErr("signature missing or invalid %s", what)
		}
		h := s[2:]
		if len(h)%2 == 1 {
			return out, ethersErr("hex data is odd-length")
		}
		b, _ := hex.DecodeString(h)
		copy(out[32-len(b):], b)
		return out, nil
	}
	var recovery *int64
	var vVal *int64
	if f := field("recoveryParam"); f != nil {
		r := f.ToInteger()
		recovery = &r
	}
	if f := field("v"); f != nil {
		n := f.ToInteger()
		vVal = &n
	}
	var sFromVs *[32]byte
	if f := field("_vs"); f != nil {
		b, err := x.toBytes(f, false)
		if err != nil || len(b) > 32 {
			return out, ethersErr("signature invalid _vs")
		}
		var vs [32]byte
		copy(vs[32-len(b):], b)
		rp := int64(vs[0] >> 7)
		if recovery == nil {
			recovery = &rp
		} else if *recovery != rp {
			return out, ethersErr("signature recoveryParam mismatch _vs")
		}
		vs[0] &= 0x7f
		sFromVs = &vs
	}
	if recovery == nil {
		if vVal == nil {
			return out, ethersErr("signature missing v and recoveryParam")
		}
		r := *vVal
		if r != 0 && r != 1 {
			r = 1 - *vVal%2
		}
		recovery = &r
	} else if vVal == nil {
		n := 27 + *recovery
		vVal = &n
	} else {
		r := *vVal
		if r != 0 && r != 1 {
			r = 1 - *vVal%2
		}
		if r != *recovery {
			return out, ethersErr("signature recoveryParam mismatch v")
		}
	}
	if *recovery != 0 && *recovery != 1 {
		return out, ethersErr("signature invalid recoveryParam")
	}
	f := field("r")
	if f == nil {
		return out, ethersErr("signature missing or invalid r")
	}
	r, err := hex32(f, "r")
	if err != nil {
		return out, err
	}
	var s [32]byte
	if f := field("s"); f != nil {
		if s, err = hex32(f, "s"); err != nil {
			return out, err
		}
		if sFromVs != nil && s != *sFromVs {
			return out, ethersErr("signature v mismatch _vs")
		}
	} else if sFromVs != nil {
		s = *sFromVs
	} else {
		return out, ethersErr("signature missing or invalid s")
	}
	if s[0] >= 128 {
		return out, ethersErr("signature s out of range")
	}
	out.r, out.s, out.recoveryParam, out.v = r, s, byte(*recovery), *vVal
	return out, nil
}

// mustRecover recovers the public key that signed digest (32 bytes) with signature.
func (x *execution) mustRecover(digest, signature goja.Value) *ecdsa.PublicKey {
	d := x.mustBytes(digest, false)
	if len(d) != 32 {
		x.throw(ethersErr("invalid digest: must be 32 bytes"))
	}
	s := x.mustSignature(signature)
	rsv := append(append(append([]byte(nil), s.r[:]...), s.s[:]...), s.recoveryParam)
	pub, err := crypto.SigToPub(d, rsv)
	if err != nil {
		x.throw(ethersErr("invalid signature: %v", err))
	}
	return pub
}

type pubKey struct{ compressed, uncompressed []byte }

// mustPublicKey reads a key for computePublicKey/computeAddress: a 32-byte private key, or a 33- or
// 65-byte public key.
func (x *execution) mustPublicKey(v goja.Value) pubKey {
	b := x.mustBytes(v, false)
	switch len(b) {
	case 32:
		k, err := crypto.ToECDSA(b)
		if err != nil {
			x.throw(ethersErr("invalid private key"))
		}
		return pubKey{crypto.CompressPubkey(&k.PublicKey), crypto.FromECDSAPub(&k.PublicKey)}
	case 33:
		p, err := crypto.DecompressPubkey(b)
		if err != nil {
			x.throw(ethersErr("invalid public key"))
		}
		return pubKey{b, crypto.FromECDSAPub(p)}
	case 65:
		p, err := crypto.UnmarshalPubkey(b)
		if err != nil {
			x.throw(ethersErr("invalid public key"))
		}
		return pubKey{crypto.CompressPubkey(p), b}
	}
	x.throw(ethersErr("invalid public or private key"))
	return pubKey{}
}
