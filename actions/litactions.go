package actions

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"strings"

	"github.com/dop251/goja"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// opTable holds the Go operations behind the prelude's op(name, …args). One native function per
// runtime, rather than one per operation, keeps a runtime's start cheap. (Filled in init: the
// operations reach op through the runtime, which a variable's initializer may not.)
var opTable map[string]func(*execution, goja.FunctionCall) goja.Value

func init() {
	opTable = map[string]func(*execution, goja.FunctionCall) goja.Value{
		"signEcdsa":                    (*execution).opSignEcdsa,
		"signAndCombineEcdsa":          (*execution).opSignAndCombine,
		"isPermitted":                  (*execution).opIsPermitted,
		"isPermittedAuthMethod":        (*execution).opIsPermittedAuthMethod,
		"getPermitted":                 (*execution).opGetPermitted,
		"getPermittedAuthMethodScopes": (*execution).opScopes,
		"pubkeyToTokenId":              (*execution).opPubkeyToTokenID,
		"getLatestNonce":               (*execution).opLatestNonce,
		"getRpcUrl":                    (*execution).opRPCURL,
		"callContract":                 (*execution).opCallContract,
		"call":                         (*execution).opCall,
		"claimKey":                     (*execution).opClaimKey,
		"broadcastAndCollect":          (*execution).opBroadcast,
		"runOnce":                      (*execution).opRunOnce,
		"setResponse":                  (*execution).opSetResponse,
		"checkConditions":              (*execution).opCheckConditions,
		"encrypt":                      (*execution).opEncrypt,
		"decrypt":                      (*execution).opDecrypt,
		"decryptWithPkp":               (*execution).opDecryptWithPKP,
		"notAvailable":                 (*execution).opNotAvailable,
		"log":                          (*execution).opLog,
		"utf8Encode":                   (*execution).opUTF8Encode,
		"utf8Decode":                   (*execution).opUTF8Decode,
		"bytes":                        (*execution).opBytes,
		"u8FromString":                 (*execution).opFromString,
		"u8ToString":                   (*execution).opToString,
		"atob":                         (*execution).opAtob,
		"btoa":                         (*execution).opBtoa,
		"randomFill":                   (*execution).opRandomFill,
		"randomUUID":                   (*execution).opRandomUUID,
		"digest":                       (*execution).opDigest,
		"setTimer":                     (*execution).opSetTimer,
		"clearTimer":                   (*execution).opClearTimer,
		"fetch":                        (*execution).opFetch,
		"ethers":                       (*execution).opEthers,
	}
}

// op is the prelude's one entry into Go; user code never sees it.
func (x *execution) op() goja.Value {
	return x.fn("op", func(c goja.FunctionCall) goja.Value {
		if len(c.Arguments) == 0 {
			x.throw(typeError("no operation"))
		}
		f := opTable[c.Arguments[0].String()]
		if f == nil {
			x.throw(typeError("unknown operation %q", c.Arguments[0].String()))
		}
		return f(x, goja.FunctionCall{This: c.This, Arguments: c.Arguments[1:]})
	})
}

// hostCall runs a backend call on its own goroutine; conv makes the promise's value on the loop.
func hostCall[T any](x *execution, method string, args any, conv func(T) (goja.Value, error)) goja.Value {
	return x.async(func(ctx context.Context) func() (goja.Value, error) {
		var out T
		err := x.t.backend.call(ctx, x.frameID, method, args, &out)
		return func() (goja.Value, error) {
			if err != nil {
				return nil, err
			}
			return conv(out)
		}
	})
}

// rejectWith returns a promise rejected with err: Lit's async ops failed that way, not by throwing.
func (x *execution) rejectWith(err error) goja.Value { return x.resolved(nil, err) }

func (x *execution) success() (goja.Value, error) { return x.rt.ToValue("success"), nil }

func notBlank(v goja.Value, name string) (string, error) {
	s, err := stringArg(v, name)
	if err != nil {
		return "", err
	}
	if strings.TrimSpace(s) == "" {
		return "", rangeError("%s must not be blank", name)
	}
	return s, nil
}

// signArgs validates the arguments shared by the signing ops. For a personal sign toSign is the
// message; the session hashes it.
func (x *execution) signArgs(c goja.FunctionCall, personal bool) (signArgs, error) {
	toSign, _ := x.bytesOf(c.Argument(0))
	if len(toSign) == 0 {
		return signArgs{}, rangeError("toSign must not be empty")
	}
	if !personal && len(toSign) != 32 {
		return signArgs{}, rangeError("toSign must be the 32-byte hash to sign, got %d bytes", len(toSign))
	}
	pub, err := notBlank(c.Argument(1), "publicKey")
	if err != nil {
		return signArgs{}, err
	}
	name, err := notBlank(c.Argument(2), "sigName")
	if err != nil {
		return signArgs{}, err
	}
	key, err := parsePublicKey(pub)
	if err != nil {
		return signArgs{}, err
	}
	// A copy: the call goes out on another goroutine, and the Action may change its array meanwhile.
	return signArgs{ToSign: bytes.Clone(toSign), PublicKey: key, SigName: name, Personal: personal}, nil
}

// personalHash is the EIP-191 hash of a message, as eth_sign and ethers' hashMessage compute it.
func personalHash(msg []byte) []byte {
	return crypto.Keccak256([]byte(fmt.Sprintf("\x19Ethereum Signed Message:\n%d", len(msg))), msg)
}

// parsePublicKey reads a secp256k1 key in hex (with or without 0x), compressed or not, and returns it
// uncompressed.
func parsePublicKey(s string) ([]byte, error) {
	b, err := hex.DecodeString(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"))
	if err != nil {
		return nil, fmt.Errorf("publicKey is not hex: %q", truncate(s, 80))
	}
	switch len(b) {
	case 33:
		pk, err := crypto.DecompressPubkey(b)
		if err != nil {
			return nil, fmt.Errorf("publicKey is not a secp256k1 point")
		}
		return crypto.FromECDSAPub(pk), nil
	case 65:
		if _, err := crypto.UnmarshalPubkey(b); err != nil {
			return nil, fmt.Errorf("publicKey is not a secp256k1 point")
		}
		return b, nil
	}
	return nil, fmt.Errorf("publicKey must be 33 or 65 bytes, got %d", len(b))
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

func (x *execution) opSignEcdsa(c goja.FunctionCall) goja.Value {
	args, err := x.signArgs(c, c.Argument(3).ToBoolean())
	if err != nil {
		return x.rejectWith(err)
	}
	return hostCall(x, "sign", args, func(struct{}) (goja.Value, error) { return x.success() })
}

func (x *execution) opSignAndCombine(c goja.FunctionCall) goja.Value {
	args, err := x.signArgs(c, false)
	if err != nil {
		return x.rejectWith(err)
	}
	return hostCall(x, "signAndCombine", args, func(sig Signature) (goja.Value, error) {
		// Lit's shape: r is the signature's R point compressed (hex, no 0x), s 32 bytes hex, v the
		// recovery id; Actions rebuild "0x" + r.substring(2) and "0x" + s.
		out, err := json.Marshal(struct {
			R string `json:"r"`
			S string `json:"s"`
			V byte   `json:"v"`
		}{fmt.Sprintf("%02x%x", 2+sig.V&1, sig.R), hex.EncodeToString(sig.S[:]), sig.V})
		return x.rt.ToValue(string(out)), err
	})
}

// u256Arg reads a uint256 given as a decimal or 0x-hex string (Lit's form), a number or a BigInt.
func (x *execution) u256Arg(v goja.Value, name string) (*big.Int, error) {
	var n *big.Int
	switch e := v.Export().(type) {
	case string:
		s := strings.TrimSpace(e)
		var ok bool
		if h, found := strings.CutPrefix(s, "0x"); found {
			n, ok = new(big.Int).SetString(h, 16)
		} else {
			n, ok = new(big.Int).SetString(s, 10)
		}
		if !ok {
			n = nil
		}
	case int64:
		n = big.NewInt(e)
	case *big.Int:
		n = new(big.Int).Set(e)
	case float64:
		if e == float64(int64(e)) {
			n = big.NewInt(int64(e))
		}
	}
	if n == nil || n.Sign() < 0 || n.BitLen() > 256 {
		return nil, rangeError("%s must be a valid U256 string", name)
	}
	return n, nil
}

func (x *execution) opIsPermitted(c goja.FunctionCall) goja.Value {
	kind := c.Argument(0).String()
	tokenID, err := x.u256Arg(c.Argument(1), "tokenId")
	if err != nil {
		return x.rejectWith(err)
	}
	what := "ipfsId"
	if kind == "address" {
		what = "address"
	}
	want, err := notBlank(c.Argument(2), what)
	if err != nil {
		return x.rejectWith(err)
	}
	if kind == "address" && !common.IsHexAddress(want) {
		return x.rejectWith(typeError("address is not a valid address: %q", truncate(want, 80)))
	}
	return hostCall(x, "permitted", permittedArgs{Kind: kind, TokenID: tokenID}, func(p permitted) (goja.Value, error) {
		found := false
		for _, a := range p.Actions {
			found = found || a == want
		}
		for _, a := range p.Addresses {
			found = found || a == common.HexToAddress(want)
		}
		return x.rt.ToValue(found), nil
	})
}

func (x *execution) authMethodArgs(c goja.FunctionCall) (tokenID, typ *big.Int, userID []byte, err error) {
	if tokenID, err = x.u256Arg(c.Argument(0), "tokenId"); err != nil {
		return
	}
	if typ, err = x.u256Arg(c.Argument(1), "authMethodType"); err != nil {
		return
	}
	b, _ := x.bytesOf(c.Argument(2))
	if len(b) == 0 {
		err = rangeError("userId must not be empty")
		return
	}
	userID = append([]byte(nil), b...)
	return
}

func (x *execution) opIsPermittedAuthMethod(c goja.FunctionCall) goja.Value {
	tokenID, typ, userID, err := x.authMethodArgs(c)
	if err != nil {
		return x.rejectWith(err)
	}
	return hostCall(x, "permitted", permittedArgs{Kind: "authMethod", TokenID: tokenID}, func(p permitted) (goja.Value, error) {
		for _, m := range p.AuthMethods {
			if m.Type != nil && m.Type.Cmp(typ) == 0 && string(m.ID) == string(userID) {
				return x.rt.ToValue(true), nil
			}
		}
		return x.rt.ToValue(false), nil
	})
}

func (x *execution) opGetPermitted(c goja.FunctionCall) goja.Value {
	kind := c.Argument(0).String()
	tokenID, err := x.u256Arg(c.Argument(1), "tokenId")
	if err != nil {
		return x.rejectWith(err)
	}
	return hostCall(x, "permitted", permittedArgs{Kind: kind, TokenID: tokenID}, func(p permitted) (goja.Value, error) {
		var out []any
		switch kind {
		case "action":
			for _, a := range p.Actions {
				out = append(out, a)
			}
		case "address":
			// Lit listed addresses as lowercase hex.
			for _, a := range p.Addresses {
				out = append(out, "0x"+hex.EncodeToString(a[:]))
			}
		default:
			// Lit listed auth methods as PKPPermissions' struct, serialized by ethers-rs.
			for _, m := range p.AuthMethods {
				typ := "0x0"
				if m.Type != nil {
					typ = "0x" + m.Type.Text(16)
				}
				o := x.rt.NewObject()
				_ = o.Set("auth_method_type", typ)
				_ = o.Set("id", "0x"+hex.EncodeToString(m.ID))
				_ = o.Set("user_pubkey", "0x"+hex.EncodeToString(m.UserPubkey))
				out = append(out, o)
			}
		}
		return x.rt.NewArray(out...), nil
	})
}

func (x *execution) opScopes(c goja.FunctionCall) goja.Value {
	tokenID, typ, userID, err := x.authMethodArgs(c)
	if err != nil {
		return x.rejectWith(err)
	}
	maxID := c.Argument(3).ToInteger()
	if maxID < 0 || maxID > 1<<16 {
		return x.rejectWith(rangeError("maxScopeId out of range: %d", maxID))
	}
	args := scopesArgs{TokenID: tokenID, Type: typ, UserID: userID, Max: uint64(maxID)}
	return hostCall(x, "scopes", args, func(scopes []bool) (goja.Value, error) {
		out := make([]any, len(scopes))
		for i, s := range scopes {
			out[i] = s
		}
		return x.rt.NewArray(out...), nil
	})
}

// opPubkeyToTokenID is synchronous, as in Lit: tokenId = keccak256 of the uncompressed key, as 0x-hex.
func (x *execution) opPubkeyToTokenID(c goja.FunctionCall) goja.Value {
	s, err := notBlank(c.Argument(0), "publicKey")
	if err != nil {
		x.throw(err)
	}
	b, err := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if err != nil {
		x.throw(fmt.Errorf("publicKey is not hex: %q", truncate(s, 80)))
	}
	if len(b) == 33 {
		if pk, err := crypto.DecompressPubkey(b); err == nil {
			b = crypto.FromECDSAPub(pk)
		}
	}
	return x.rt.ToValue("0x" + hex.EncodeToString(crypto.Keccak256(b)))
}

func (x *execution) opLatestNonce(c goja.FunctionCall) goja.Value {
	addr, err := notBlank(c.Argument(0), "address")
	if err != nil {
		return x.rejectWith(err)
	}
	if !common.IsHexAddress(addr) {
		return x.rejectWith(typeError("address is not a valid address: %q", truncate(addr, 80)))
	}
	chain, err := notBlank(c.Argument(1), "chain")
	if err != nil {
		return x.rejectWith(err)
	}
	return hostCall(x, "nonce", nonceArgs{Chain: chain, Address: common.HexToAddress(addr)}, func(n uint64) (goja.Value, error) {
		return x.rt.ToValue(fmt.Sprintf("0x%x", n)), nil
	})
}

// opRPCURL resolves, like Lit, to an "Error getting RPC URL: …" string rather than rejecting.
func (x *execution) opRPCURL(c goja.FunctionCall) goja.Value {
	chain, err := stringArg(c.Argument(0), "chain")
	if err != nil {
		return x.rejectWith(err)
	}
	return x.async(func(ctx context.Context) func() (goja.Value, error) {
		var url string
		err := x.t.backend.call(ctx, x.frameID, "rpcUrl", chainArgs{Chain: chain}, &url)
		return func() (goja.Value, error) {
			if err != nil {
				return x.rt.ToValue("Error getting RPC URL: " + err.Error()), nil
			}
			return x.rt.ToValue(url), nil
		}
	})
}

func (x *execution) opCallContract(c goja.FunctionCall) goja.Value {
	chain, err := notBlank(c.Argument(0), "chain")
	if err != nil {
		return x.rejectWith(err)
	}
	txn, err := notBlank(c.Argument(1), "txn")
	if err != nil {
		return x.rejectWith(err)
	}
	raw, err := hex.DecodeString(strings.TrimPrefix(strings.TrimSpace(txn), "0x"))
	if err != nil {
		return x.rejectWith(fmt.Errorf("txn is not hex"))
	}
	msg, err := decodeCallTx(raw)
	if err != nil {
		return x.rejectWith(err)
	}
	return hostCall(x, "callContract", contractArgs{Chain: chain, Msg: msg}, func(out []byte) (goja.Value, error) {
		return x.rt.ToValue("0x" + hex.EncodeToString(out)), nil
	})
}

// opCall runs a child Action in a fresh runtime, one level deeper, and resolves to its response.
func (x *execution) opCall(c goja.FunctionCall) goja.Value {
	cid, err := notBlank(c.Argument(0), "ipfsId")
	if err != nil {
		return x.rejectWith(err)
	}
	if x.depth+1 > x.t.lim.CallDepth {
		return x.rejectWith(limitErr(ErrCallDepth, "The recursion limit of a child action is %d and you have attempted to exceed that limit.", x.t.lim.CallDepth))
	}
	var params json.RawMessage
	if p := c.Argument(1); !goja.IsUndefined(p) && !goja.IsNull(p) {
		s, err := x.ctors.jsonStringify(goja.Undefined(), p)
		if err != nil {
			return x.rejectWith(typeError("params cannot be serialized: %v", err))
		}
		params = json.RawMessage(s.String())
	}
	stack := append(append([]string(nil), x.stack...), cid)
	// Children are numbered here, on the loop, in the order the Action calls them, so that every node
	// numbers them alike; the number places the child in the tree (Frame.Path).
	x.children++
	args := childArgs{CID: cid, Index: x.children}
	return x.async(func(ctx context.Context) func() (goja.Value, error) {
		var child childCode
		err := x.t.backend.call(ctx, x.frameID, "actionCode", args, &child)
		var resp string
		if err == nil {
			resp, err = x.t.runAction(child.Code, cid, params, x.t.auth, stack, x.depth+1, child.Frame)
		}
		return func() (goja.Value, error) {
			if err != nil {
				return nil, err
			}
			return x.rt.ToValue(resp), nil
		}
	})
}

func (x *execution) opClaimKey(c goja.FunctionCall) goja.Value {
	keyID, err := notBlank(c.Argument(0), "keyId")
	if err != nil {
		return x.rejectWith(err)
	}
	// The session derives the key id from this Action's CID, as it knows it.
	return hostCall(x, "claim", claimArgs{KeyID: keyID}, func(struct{}) (goja.Value, error) { return x.success() })
}

func (x *execution) opBroadcast(c goja.FunctionCall) goja.Value {
	name, err := stringArg(c.Argument(0), "name")
	if err != nil {
		return x.rejectWith(err)
	}
	value, err := stringArg(c.Argument(1), "value")
	if err != nil {
		return x.rejectWith(err)
	}
	return hostCall(x, "broadcast", broadcastArgs{Name: name, Value: value}, func(values []string) (goja.Value, error) {
		out := make([]any, len(values))
		for i, v := range values {
			out[i] = v
		}
		return x.rt.NewArray(out...), nil
	})
}

func (x *execution) opRunOnce(c goja.FunctionCall) goja.Value {
	name := c.Argument(0).String()
	wait := c.Argument(1).ToBoolean()
	t := x.t
	t.mu.Lock()
	t.handleID++
	handle := t.handleID
	t.handles[handle] = &onceFn{x: x, fn: c.Argument(2)}
	t.mu.Unlock()
	args := runOnceArgs{Name: name, Wait: wait, Handle: handle}
	return hostCall(x, "runOnce", args, func(r runOnceResult) (goja.Value, error) {
		t.mu.Lock()
		delete(t.handles, handle)
		t.mu.Unlock()
		if !r.Ran && !wait {
			return goja.Undefined(), nil
		}
		return x.rt.ToValue(r.Value), nil
	})
}

// opSetResponse takes a string as Lit did; other values are stored as their JSON (or String()).
func (x *execution) opSetResponse(c goja.FunctionCall) goja.Value {
	v := c.Argument(0)
	var s string
	if str, ok := asString(v); ok {
		s = str
	} else if j, err := x.ctors.jsonStringify(goja.Undefined(), v); err == nil && !goja.IsUndefined(j) {
		s = j.String()
	} else {
		s = v.String()
	}
	if len(s) > x.t.lim.ResponseSize {
		x.throw(limitErr(ErrResponseSize, "Response is too long. Max length is %d bytes", x.t.lim.ResponseSize))
	}
	x.response = s
	x.t.mu.Lock()
	x.t.response = s // as in Lit, a child's response is also the execution's
	x.t.mu.Unlock()
	return goja.Undefined()
}

func (x *execution) opNotAvailable(c goja.FunctionCall) goja.Value {
	x.throw(limitErr(ErrNotAvailable, "Lit.Actions.%s is not available yet on this network (it comes with encryption support)", c.Argument(0).String()))
	return nil
}

// conditionFields are the argument fields that may carry a condition list, in the SDK's order.
var conditionFields = []string{FieldAccessControlConditions, FieldEVMContractConditions, FieldSolRPCConditions, FieldUnifiedAccessControlConditions}

// paramsObject returns the one argument of an encryption function, an object.
func (x *execution) paramsObject(v goja.Value, fn string) (*goja.Object, error) {
	o, ok := v.(*goja.Object)
	if !ok || goja.IsUndefined(v) || goja.IsNull(v) {
		return nil, typeError("%s takes an object of parameters, got %s", fn, typeName(v))
	}
	return o, nil
}

// conditionsArg reads the condition list of an encryption function: exactly one of the four kinds'
// fields (or, for checkConditions, Lit's "conditions", read as unified conditions), an array.
func (x *execution) conditionsArg(o *goja.Object, fn string, lit bool) (Conditions, error) {
	fields := conditionFields
	if lit {
		fields = append([]string{"conditions"}, conditionFields...)
	}
	var out Conditions
	for _, f := range fields {
		v := o.Get(f)
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			continue
		}
		if out.Field != "" {
			return Conditions{}, typeError("%s: give one condition list, not both %s and %s", fn, out.Field, f)
		}
		if _, isArray := v.Export().([]any); !isArray {
			return Conditions{}, typeError("%s: %s must be an array of conditions, got %s", fn, f, typeName(v))
		}
		j, err := x.ctors.jsonStringify(goja.Undefined(), v)
		if err != nil {
			return Conditions{}, typeError("%s: %s cannot be serialized: %v", fn, f, err)
		}
		out = Conditions{Field: f, JSON: []byte(j.String())}
		if f == "conditions" {
			out.Field = FieldUnifiedAccessControlConditions
		}
	}
	if out.Field == "" {
		names := strings.Join(fields, ", ")
		return Conditions{}, typeError("%s needs access control conditions: one of %s", fn, names)
	}
	return out, nil
}

// conditionsArgsOf reads the parameters shared by checkConditions and the decryptions: the
// conditions, authSig (an object, or null for the Action itself) and chain.
func (x *execution) conditionsArgsOf(o *goja.Object, fn string, lit bool) (conditionsArgs, error) {
	conds, err := x.conditionsArg(o, fn, lit)
	if err != nil {
		return conditionsArgs{}, err
	}
	a := conditionsArgs{Conditions: conds}
	switch v := o.Get("authSig"); {
	case v == nil || goja.IsUndefined(v) || goja.IsNull(v):
	default:
		if s, ok := asString(v); ok {
			a.AuthSig = json.RawMessage(s) // some Actions pass JSON.stringify(authSig)
		} else if _, isObj := v.(*goja.Object); isObj {
			j, err := x.ctors.jsonStringify(goja.Undefined(), v)
			if err != nil {
				return conditionsArgs{}, typeError("%s: authSig cannot be serialized: %v", fn, err)
			}
			a.AuthSig = json.RawMessage(j.String())
		}
		if t := strings.TrimSpace(string(a.AuthSig)); !strings.HasPrefix(t, "{") || !json.Valid([]byte(t)) {
			return conditionsArgs{}, typeError("%s: authSig must be an AuthSig object or null (null: the Action itself)", fn)
		}
	}
	if v := o.Get("chain"); v != nil && !goja.IsUndefined(v) && !goja.IsNull(v) {
		c, err := stringArg(v, "chain")
		if err != nil {
			return conditionsArgs{}, err
		}
		a.Chain = c
	}
	return a, nil
}

// opCheckConditions resolves to whether the conditions are met, for authSig's address or, with no
// authSig, for the Action itself.
func (x *execution) opCheckConditions(c goja.FunctionCall) goja.Value {
	o, err := x.paramsObject(c.Argument(0), "checkConditions")
	if err != nil {
		return x.rejectWith(err)
	}
	args, err := x.conditionsArgsOf(o, "checkConditions", true)
	if err != nil {
		return x.rejectWith(err)
	}
	return hostCall(x, "conditions", args, func(ok bool) (goja.Value, error) { return x.rt.ToValue(ok), nil })
}

// opEncrypt encrypts to_encrypt (bytes or a string) to the conditions and resolves to
// {ciphertext, dataToEncryptHash}, as the SDK's encrypt.
func (x *execution) opEncrypt(c goja.FunctionCall) goja.Value {
	o, err := x.paramsObject(c.Argument(0), "encrypt")
	if err != nil {
		return x.rejectWith(err)
	}
	conds, err := x.conditionsArg(o, "encrypt", false)
	if err != nil {
		return x.rejectWith(err)
	}
	var data []byte
	v := o.Get("to_encrypt")
	if s, ok := asString(v); ok {
		data = []byte(s)
	} else if b, ok := x.bytesOf(v); ok {
		data = bytes.Clone(b)
	} else {
		return x.rejectWith(typeError("encrypt: to_encrypt must be a Uint8Array or a string, got %s", typeName(v)))
	}
	if len(data) > x.t.lim.SecretSize {
		return x.rejectWith(limitErr(ErrSecretSize, secretSizeLimit, "to_encrypt", len(data), x.t.lim.SecretSize))
	}
	return hostCall(x, "encrypt", encryptArgs{Conditions: conds, Data: data}, func(e Encrypted) (goja.Value, error) {
		out := x.rt.NewObject()
		_ = out.Set("ciphertext", e.Ciphertext)
		_ = out.Set("dataToEncryptHash", e.DataToEncryptHash)
		return out, nil
	})
}

// opDecrypt runs decryptAndCombine, or with single set decryptToSingleNode, and resolves to the
// plaintext as a string ("" on the nodes decryptToSingleNode leaves out).
func (x *execution) opDecrypt(c goja.FunctionCall) goja.Value {
	fn := "decryptAndCombine"
	single := c.Argument(1).ToBoolean()
	if single {
		fn = "decryptToSingleNode"
	}
	o, err := x.paramsObject(c.Argument(0), fn)
	if err != nil {
		return x.rejectWith(err)
	}
	ca, err := x.conditionsArgsOf(o, fn, false)
	if err != nil {
		return x.rejectWith(err)
	}
	ct, err := stringArg(o.Get("ciphertext"), "ciphertext")
	if err != nil {
		return x.rejectWith(err)
	}
	hash, err := stringArg(o.Get("dataToEncryptHash"), "dataToEncryptHash")
	if err != nil {
		return x.rejectWith(err)
	}
	if !isDataHash(hash) {
		return x.rejectWith(typeError("%s: dataToEncryptHash must be the 64 lower-case hex digits of a SHA-256, as encrypt gives it", fn))
	}
	args := decryptArgs{conditionsArgs: ca, Ciphertext: strings.TrimSpace(ct), DataToEncryptHash: hash, Single: single}
	return hostCall(x, "decrypt", args, func(r decryptResult) (goja.Value, error) {
		if !r.OK {
			return x.rt.ToValue(""), nil
		}
		return x.rt.ToValue(string(r.Plaintext)), nil
	})
}
