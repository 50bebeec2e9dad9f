package acc

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
)

var (
	alice    = common.HexToAddress("0x50e2dac5e78B5905CB09495547452cEE64426db2")
	bob      = common.HexToAddress("0x93E47A604BA72899a5f8dF986cF26C97AfdaE2A0")
	token20  = common.HexToAddress("0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48")
	nft      = common.HexToAddress("0x89b597199dAc806Ceecfc091e56044D34E59985c")
	multi    = common.HexToAddress("0x3110c39b428221012934A7F617913b095BC1078C")
	dao      = common.HexToAddress("0xb71a679cfff330591d556c4b9f21c7739ca9590c")
	perms    = common.HexToAddress("0x0000000000000000000000000000000000005045")
	actionID = "QmcgbVu2sJSPpTeFhBd174FnmYmoVYvUFJeDkS7eYtwoFY"
)

func withSIWE(e *Env) {
	e.SIWE = &SIWE{Domain: "app.example", Resources: []string{"litParam:a:Yg", "ipfs://x"}}
}

// installPermissions: token 7 permits alice and the Action actionID; token 8 permits nothing.
func installPermissions(ch *fakeChain) {
	cid, _ := cidBytes(actionID)
	ch.custom[perms] = func(data []byte) ([]byte, error) {
		m, err := std.MethodById(data[:4])
		if err != nil {
			return nil, err
		}
		args, err := m.Inputs.Unpack(data[4:])
		if err != nil {
			return nil, err
		}
		ok := args[0].(*big.Int).Int64() == 7
		switch a := args[1].(type) {
		case common.Address:
			ok = ok && a == alice
		case []byte:
			ok = ok && string(a) == string(cid)
		}
		return m.Outputs.Pack(ok)
	}
}

// basic returns an EVM basic condition as JSON.
func basic(chain, sct, addr, method string, params []string, cmp, value string) string {
	q := make([]string, len(params))
	for i, p := range params {
		q[i] = fmt.Sprintf("%q", p)
	}
	return fmt.Sprintf(`{"contractAddress":%q,"chain":%q,"standardContractType":%q,"method":%q,"parameters":[%s],"returnValueTest":{"comparator":%q,"value":%q}}`,
		addr, chain, sct, method, strings.Join(q, ","), cmp, value)
}

func user(cmp, value string) string {
	return basic("ethereum", "", "", "", []string{":userAddress"}, cmp, value)
}

func balance(cmp, value string) string {
	return basic("dev", "", "", "eth_getBalance", []string{":userAddress", "latest"}, cmp, value)
}

// world is a fake chain "dev" holding one of everything.
func world() (*fakeChain, *fakeRunner, Env) {
	ch := newFakeChain()
	ch.native[alice] = big.NewInt(5e18)
	ch.erc20[token20] = map[common.Address]*big.Int{alice: big.NewInt(2_000_000)}
	ch.owners[nft] = map[string]common.Address{"7": alice, "8": bob}
	ch.names[nft] = "Flint Punks"
	ch.erc1155[multi] = map[common.Address]map[string]*big.Int{alice: {"1": big.NewInt(3)}}
	run := &fakeRunner{results: map[string]func(string, []string) (string, error){
		actionID: func(method string, params []string) (string, error) {
			if method != "go" {
				return "", fmt.Errorf("no function %s", method)
			}
			return strings.Join(params, "|"), nil
		},
	}}
	env := Env{
		UserAddress:         alice,
		CurrentActionIPFSID: actionID,
		LitParams:           map[string]string{"secret": "s3"},
		Chains:              ChainMap{"dev": ch},
		Actions:             run,
	}
	return ch, run, env
}

func mustParse(t testing.TB, kind Kind, js string) *Conditions {
	t.Helper()
	c, err := Parse(kind, []byte(js))
	if err != nil {
		t.Fatalf("Parse(%s): %v", js, err)
	}
	return c
}

const daoABI = `{"constant":true,"inputs":[{"name":"","type":"address"}],"name":"members","outputs":[{"name":"delegateKey","type":"address"},{"name":"shares","type":"uint256"},{"name":"exists","type":"bool"},{"name":"title","type":"string"},{"name":"debt","type":"int256"},{"name":"tag","type":"bytes4"}],"stateMutability":"view","type":"function"}`

func contractCond(key, cmp, value string) string {
	return fmt.Sprintf(`{"contractAddress":%q,"functionName":"members","functionParams":[":userAddress"],"functionAbi":%s,"chain":"dev","returnValueTest":{"key":%q,"comparator":%q,"value":%q}}`,
		dao.Hex(), daoABI, key, cmp, value)
}

func installDAO(t testing.TB, ch *fakeChain) {
	c := mustParse(t, EVMContract, "["+contractCond("", "=", "x")+"]")
	m := c.Conditions()[0].Function
	ch.custom[dao] = customContract(m, []any{alice}, bob, big.NewInt(42), true, "captain", big.NewInt(-5), [4]byte{0xde, 0xad, 0xbe, 0xef})
}

func TestEvaluate(t *testing.T) {
	tests := []struct {
		name string
		kind Kind
		js   string
		env  func(*Env)
		ok   bool
		why  string // in the failure reason
		code string // expected error code, if an error
	}{
		{name: "userAddress", js: user("=", alice.Hex()), ok: true},
		{name: "userAddress any case", js: user("=", strings.ToLower(alice.Hex())), ok: true},
		{name: "userAddress other", js: user("=", bob.Hex()), why: "caller " + alice.Hex() + " is not = " + bob.Hex()},
		{name: "userAddress !=", js: user("!=", bob.Hex()), ok: true},
		{name: "userAddress none", js: user("=", alice.Hex()), env: func(e *Env) { e.UserAddress = common.Address{} }, why: "no authenticated caller"},
		{name: "userAddress bad value", js: user("=", "alice"), code: "AccInvalidCondition"},
		{name: "userAddress needs no chain", js: user("=", alice.Hex()), env: func(e *Env) { e.Chains = nil }, ok: true},
		{name: "current action", js: basic("ethereum", "", "", "", []string{":currentActionIpfsId"}, "=", actionID), ok: true},
		{name: "other action", js: basic("ethereum", "", "", "", []string{":currentActionIpfsId"}, "=", actionID), env: func(e *Env) { e.CurrentActionIPFSID = "QmOther" }, why: `:currentActionIpfsId "QmOther" is not =`},
		{name: "balance", js: balance(">=", "5000000000000000000"), ok: true},
		{name: "balance short", js: balance(">", "5000000000000000000"), why: "balance 5000000000000000000 is not > 5000000000000000000"},
		{name: "balance of bob", js: basic("dev", "", "", "eth_getBalance", []string{bob.Hex(), "latest"}, "=", "0"), ok: true},
		{name: "balance not decimal", js: balance(">=", "0x10"), code: "AccInvalidCondition"},
		{name: "balance over 256 bits", js: balance("<", "115792089237316195423570985008687907853269984665640564039457584007913129639936"), code: "AccInvalidCondition"},
		{name: "balance max 256 bits", js: balance("<", "115792089237316195423570985008687907853269984665640564039457584007913129639935"), ok: true},
		{name: "balance contains", js: balance("contains", "5"), code: "AccInvalidCondition"},
		{name: "other rpc method", js: basic("dev", "", "", "eth_getCode", []string{":userAddress"}, "=", "0x"), code: "AccUnsupportedCondition"},
		{name: "erc20", js: basic("dev", "ERC20", token20.Hex(), "balanceOf", []string{":userAddress"}, ">=", "1000000"), ok: true},
		{name: "erc20 bob", js: basic("dev", "ERC20", token20.Hex(), "balanceOf", []string{":userAddress"}, ">", "0"), env: func(e *Env) { e.UserAddress = bob }, why: "balance of " + bob.Hex() + " 0 is not > 0"},
		{name: "erc20 other method", js: basic("dev", "ERC20", token20.Hex(), "totalSupply", nil, ">", "0"), code: "AccUnsupportedCondition"},
		{name: "erc721 ownerOf", js: basic("dev", "ERC721", nft.Hex(), "ownerOf", []string{"7"}, "=", ":userAddress"), ok: true},
		{name: "erc721 ownerOf hex id", js: basic("dev", "ERC721", nft.Hex(), "ownerOf", []string{"0x07"}, "=", ":userAddress"), ok: true},
		{name: "erc721 ownerOf other's", js: basic("dev", "ERC721", nft.Hex(), "ownerOf", []string{"8"}, "=", ":userAddress"), why: "owner of token 8 " + bob.Hex()},
		{name: "erc721 ownerOf missing token", js: basic("dev", "ERC721", nft.Hex(), "ownerOf", []string{"9"}, "=", ":userAddress"), code: "AccChainError"},
		{name: "erc721 ownerOf bad id", js: basic("dev", "ERC721", nft.Hex(), "ownerOf", []string{"seven"}, "=", ":userAddress"), code: "AccInvalidCondition"},
		{name: "erc721 balanceOf", js: basic("dev", "ERC721", nft.Hex(), "balanceOf", []string{":userAddress"}, ">", "0"), ok: true},
		{name: "erc721 name", js: basic("dev", "ERC721MetadataName", nft.Hex(), "name", nil, "contains", "Punks"), ok: true},
		{name: "erc721 name !contains", js: basic("dev", "ERC721MetadataName", nft.Hex(), "name", nil, "!contains", "Punks"), why: `contract name "Flint Punks" is not !contains "Punks"`},
		{name: "erc1155", js: basic("dev", "ERC1155", multi.Hex(), "balanceOf", []string{":userAddress", "1"}, ">=", "3"), ok: true},
		{name: "erc1155 other id", js: basic("dev", "ERC1155", multi.Hex(), "balanceOf", []string{":userAddress", "0x02"}, ">", "0"), why: "is not > 0"},
		{name: "erc1155 batch", js: basic("dev", "ERC1155", multi.Hex(), "balanceOfBatch", []string{bob.Hex() + ",:userAddress", "1,1"}, ">", "0"), ok: true},
		{name: "erc1155 batch none", js: basic("dev", "ERC1155", multi.Hex(), "balanceOfBatch", []string{bob.Hex() + ",:userAddress", "1,2"}, ">", "0"), why: "is not > 0"},
		{name: "erc1155 batch mismatch", js: basic("dev", "ERC1155", multi.Hex(), "balanceOfBatch", []string{":userAddress", "1,2"}, ">", "0"), code: "AccInvalidCondition"},
		{name: "timestamp", js: basic("dev", "timestamp", "", "eth_getBlockByNumber", []string{"latest"}, ">=", "1700000000"), ok: true},
		{name: "timestamp future", js: basic("dev", "timestamp", "", "eth_getBlockByNumber", []string{"latest"}, ">", "1700000000"), why: "latest block time 1700000000 is not > 1700000000"},
		{name: "lit action", js: basic("ethereum", "LitAction", "ipfs://"+actionID, "go", []string{"a", ":litParam:secret", ":userAddress"}, "=", "a|s3|"+alice.Hex()), ok: true},
		{name: "lit action contains", js: basic("ethereum", "LitAction", "ipfs://"+actionID, "go", []string{"abc"}, "contains", "b"), ok: true},
		{name: "lit action no litParam", js: basic("ethereum", "LitAction", "ipfs://"+actionID, "go", []string{":litParam:other"}, "=", "x"), why: `no litParam "other"`},
		{name: "lit action fails", js: basic("ethereum", "LitAction", "ipfs://"+actionID, "stop", nil, "=", "x"), code: "AccActionFailed"},
		{name: "lit action no runner", js: basic("ethereum", "LitAction", "ipfs://"+actionID, "go", nil, "=", ""), env: func(e *Env) { e.Actions = nil }, code: "AccUnsupportedCondition"},
		{name: "lit action bad address", js: basic("ethereum", "LitAction", actionID, "go", nil, "=", ""), code: "AccInvalidCondition"},
		{name: "siwe without message", js: basic("ethereum", "SIWE", "", "", []string{":domain"}, "=", "x"), code: "AccUnsupportedCondition"},
		{name: "siwe domain", js: basic("ethereum", "SIWE", "", "", []string{":domain"}, "=", "app.example"), env: withSIWE, ok: true},
		{name: "siwe other domain", js: basic("ethereum", "SIWE", "", "", []string{":domain"}, "=", "evil.example"), env: withSIWE, why: `SIWE domain "app.example" is not =`},
		{name: "siwe resources", js: basic("ethereum", "SIWE", "", "", []string{":resources"}, "contains", "litParam:a:Yg"), env: withSIWE, ok: true},
		{name: "siwe resources missing", js: basic("ethereum", "SIWE", "", "", []string{":resources"}, "contains", "x"), env: withSIWE, why: `do not contain "x"`},
		{name: "siwe resources !contains", js: basic("ethereum", "SIWE", "", "", []string{":resources"}, "!contains", "x"), env: withSIWE, ok: true},
		{name: "siwe resources =", js: basic("ethereum", "SIWE", "", "", []string{":resources"}, "=", "x"), env: withSIWE, code: "AccInvalidCondition"},
		{name: "pkp permitted action", js: basic("dev", "PKPPermissions", perms.Hex(), "isPermittedAction", []string{"0x07", ":currentActionIpfsId"}, "=", "true"), ok: true},
		{name: "pkp bad cid", js: basic("dev", "PKPPermissions", perms.Hex(), "isPermittedAction", []string{"7", "QmOtherActionxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}, "=", "true"), code: "AccInvalidCondition"},
		{name: "pkp action not permitted", js: basic("dev", "PKPPermissions", perms.Hex(), "isPermittedAction", []string{"8", actionID}, "=", "true"), why: "Action " + actionID + " permitted on PKP 8 false is not = true"},
		{name: "pkp permitted address", js: basic("dev", "PKPPermissions", perms.Hex(), "isPermittedAddress", []string{"7"}, "=", "true"), ok: true},
		{name: "pkp address not permitted", js: basic("dev", "PKPPermissions", perms.Hex(), "isPermittedAddress", []string{"7"}, "=", "true"), env: func(e *Env) { e.UserAddress = bob }, why: "false is not = true"},
		{name: "unknown chain", js: basic("mars", "ERC20", token20.Hex(), "balanceOf", []string{":userAddress"}, ">", "0"), code: "AccUnsupportedChain", why: `"mars"`},
		{name: "contract uint by key", kind: EVMContract, js: contractCond("shares", ">=", "42"), ok: true},
		{name: "contract uint too small", kind: EVMContract, js: contractCond("shares", ">", "42"), why: "output shares 42 is not > 42"},
		{name: "contract first output", kind: EVMContract, js: contractCond("", "=", bob.Hex()), ok: true},
		{name: "contract address output", kind: EVMContract, js: contractCond("delegateKey", "=", ":userAddress"), why: "output delegateKey " + bob.Hex()},
		{name: "contract bool", kind: EVMContract, js: contractCond("exists", "=", "true"), ok: true},
		{name: "contract bool !=", kind: EVMContract, js: contractCond("exists", "!=", "true"), why: "is not !="},
		{name: "contract string", kind: EVMContract, js: contractCond("title", "contains", "capt"), ok: true},
		{name: "contract int", kind: EVMContract, js: contractCond("debt", "<", "-4"), ok: true},
		{name: "contract uint negative value", kind: EVMContract, js: contractCond("shares", ">", "-1"), code: "AccInvalidCondition"},
		{name: "contract bytes4", kind: EVMContract, js: contractCond("tag", "=", "0xDEADBEEF"), ok: true},
		{name: "contract unknown key", kind: EVMContract, js: contractCond("nope", "=", "1"), code: "AccInvalidCondition"},
		{name: "unified mix", kind: Unified, js: `[{"conditionType":"evmBasic",` + user("=", bob.Hex())[1:] + `,{"operator":"or"},{"conditionType":"evmContract",` + contractCond("shares", "=", "42")[1:] + `]`, ok: true},
		{name: "unified untagged", kind: Unified, js: `[` + balance(">", "0") + `,{"operator":"and"},` + contractCond("exists", "=", "true") + `]`, ok: true},
		{name: "unified solana", kind: Unified, js: `[{"conditionType":"solRpc","method":"getBalance","params":[":userAddress"],"pdaParams":[],"pdaInterface":{"offset":0,"fields":{}},"pdaKey":"","chain":"solana","returnValueTest":{"key":"","comparator":">=","value":"1"}}]`, code: "AccUnsupportedChain", why: "solana"},
		{name: "unified cosmos", kind: Unified, js: `[{"conditionType":"cosmos","path":"/x","chain":"cosmos","returnValueTest":{"key":"","comparator":"=","value":"1"}}]`, code: "AccUnsupportedChain", why: "cosmos"},
		{name: "sol list", kind: SolRPC, js: `[{"method":"getBalance","params":[":userAddress"],"chain":"solana","returnValueTest":{"key":"","comparator":">=","value":"1"}}]`, code: "AccUnsupportedChain"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch, _, env := world()
			installDAO(t, ch)
			installPermissions(ch)
			if tt.env != nil {
				tt.env(&env)
			}
			kind, js := tt.kind, tt.js
			if kind == 0 {
				kind = EVMBasic
			}
			if !strings.HasPrefix(js, "[") {
				js = "[" + js + "]"
			}
			c := mustParse(t, kind, js)
			res, err := Evaluate(context.Background(), c, env)
			if tt.code != "" {
				if err == nil {
					t.Fatalf("got %+v, want error %s", res, tt.code)
				}
				if CodeOf(err) != tt.code || !strings.Contains(err.Error(), tt.why) {
					t.Fatalf("got error %v (%s), want code %s mentioning %q", err, CodeOf(err), tt.code, tt.why)
				}
				return
			}
			if err != nil {
				t.Fatalf("Evaluate: %v", err)
			}
			if res.OK != tt.ok {
				t.Fatalf("OK = %v, want %v (%s)", res.OK, tt.ok, res.Reason())
			}
			if !tt.ok && (len(res.Failures) == 0 || !strings.Contains(res.Reason(), tt.why)) {
				t.Fatalf("reason %q does not say %q", res.Reason(), tt.why)
			}
			if tt.ok && res.Reason() != "" {
				t.Fatalf("a met result has a reason: %q", res.Reason())
			}
		})
	}
}

func TestComparators(t *testing.T) {
	big1 := "115792089237316195423570985008687907853269984665640564039457584007913129639935"
	for _, tt := range []struct {
		got  *big.Int
		cmp  string
		want string
		ok   bool
	}{
		{big.NewInt(5), "=", "5", true}, {big.NewInt(5), "=", "6", false},
		{big.NewInt(5), "!=", "6", true}, {big.NewInt(5), "!=", "5", false},
		{big.NewInt(5), ">", "4", true}, {big.NewInt(5), ">", "5", false},
		{big.NewInt(5), ">=", "5", true}, {big.NewInt(5), ">=", "6", false},
		{big.NewInt(5), "<", "6", true}, {big.NewInt(5), "<", "5", false},
		{big.NewInt(5), "<=", "5", true}, {big.NewInt(5), "<=", "4", false},
		{new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)), "=", big1, true},
		{new(big.Int).Lsh(big.NewInt(1), 255), "<", big1, true},
	} {
		reason, err := compareUint(tt.got, ReturnValueTest{Comparator: tt.cmp, Value: tt.want}, "n")
		if err != nil || (reason == "") != tt.ok {
			t.Errorf("%s %s %s: reason %q err %v, want ok=%v", tt.got, tt.cmp, tt.want, reason, err, tt.ok)
		}
	}
	for _, tt := range []struct {
		got, cmp, want string
		ok             bool
	}{
		{"abc", "=", "abc", true}, {"abc", "=", "abd", false},
		{"abc", "!=", "abd", true}, {"abc", "!=", "abc", false},
		{"b", ">", "a", true}, {"a", ">", "b", false},
		{"a", ">=", "a", true}, {"a", ">=", "b", false},
		{"a", "<", "b", true}, {"b", "<", "a", false},
		{"a", "<=", "a", true}, {"b", "<=", "a", false},
		{"hello", "contains", "ell", true}, {"hello", "contains", "x", false},
		{"hello", "!contains", "x", true}, {"hello", "!contains", "ell", false},
	} {
		reason, err := compareString(tt.got, tt.want, tt.cmp, "s")
		if err != nil || (reason == "") != tt.ok {
			t.Errorf("%q %s %q: reason %q err %v, want ok=%v", tt.got, tt.cmp, tt.want, reason, err, tt.ok)
		}
	}
	for _, tt := range []struct {
		cmp  string
		want common.Address
		ok   bool
	}{{"=", alice, true}, {"!=", bob, true}, {"<", bob, true}, {"<=", alice, true}, {">", bob, false}, {">=", bob, false}} {
		reason, err := compareAddress(alice, tt.want.Hex(), tt.cmp, "a")
		if err != nil || (reason == "") != tt.ok {
			t.Errorf("address %s %s: reason %q err %v, want ok=%v", tt.cmp, tt.want, reason, err, tt.ok)
		}
	}
	for _, bad := range []string{"", "-1", "1.5", "1e3", " 1", "0x1", "+1"} {
		if _, err := compareUint(big.NewInt(1), ReturnValueTest{Comparator: "=", Value: bad}, "n"); !errors.Is(err, ErrInvalidCondition) {
			t.Errorf("value %q: got %v, want ErrInvalidCondition", bad, err)
		}
	}
	if _, err := compareAddress(alice, alice.Hex(), "contains", "a"); !errors.Is(err, ErrInvalidCondition) {
		t.Errorf("contains on an address: got %v", err)
	}
}

// TestBoolean checks Lit's left-to-right reading, short-circuiting, and which conditions a refusal names.
func TestBoolean(t *testing.T) {
	yes, no := user("=", alice.Hex()), user("=", bob.Hex())
	// boom errors if evaluated: its chain fails every call.
	boom := basic("broken", "ERC20", token20.Hex(), "balanceOf", []string{":userAddress"}, ">", "0")
	for _, tt := range []struct {
		name  string
		js    string
		ok    bool
		fails []string
	}{
		{"and", fmt.Sprintf(`[%s,{"operator":"and"},%s]`, yes, yes), true, nil},
		{"and false", fmt.Sprintf(`[%s,{"operator":"and"},%s]`, yes, no), false, []string{"[2]"}},
		{"or", fmt.Sprintf(`[%s,{"operator":"or"},%s]`, no, yes), true, nil},
		{"or both false", fmt.Sprintf(`[%s,{"operator":"or"},%s]`, no, no), false, []string{"[0]", "[2]"}},
		{"left to right", fmt.Sprintf(`[%s,{"operator":"or"},%s,{"operator":"and"},%s]`, yes, yes, no), false, []string{"[4]"}},
		{"group first", fmt.Sprintf(`[%s,{"operator":"or"},[%s,{"operator":"and"},%s]]`, yes, yes, no), true, nil},
		{"group fails", fmt.Sprintf(`[%s,{"operator":"and"},[%s,{"operator":"or"},%s]]`, yes, no, no), false, []string{"[2][0]", "[2][2]"}},
		{"and short-circuits", fmt.Sprintf(`[%s,{"operator":"and"},%s]`, no, boom), false, []string{"[0]"}},
		{"or short-circuits", fmt.Sprintf(`[%s,{"operator":"or"},[%s]]`, yes, boom), true, nil},
		{"legacy implicit and", fmt.Sprintf(`[%s,%s]`, yes, no), false, []string{"[1]"}},
		{"legacy implicit and short-circuits", fmt.Sprintf(`[%s,%s]`, no, boom), false, []string{"[0]"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, env := world()
			broken := newFakeChain()
			broken.failWith = errors.New("connection refused")
			env.Chains.(ChainMap)["broken"] = broken
			res, err := Evaluate(context.Background(), mustParse(t, EVMBasic, tt.js), env)
			if err != nil {
				t.Fatalf("Evaluate: %v", err)
			}
			var paths []string
			for _, f := range res.Failures {
				paths = append(paths, f.Path)
			}
			if res.OK != tt.ok || fmt.Sprint(paths) != fmt.Sprint(tt.fails) {
				t.Fatalf("OK %v failures %v, want %v %v", res.OK, paths, tt.ok, tt.fails)
			}
		})
	}
	// Evaluated, the broken condition is an error naming it and its chain.
	_, _, env := world()
	broken := newFakeChain()
	broken.failWith = errors.New("connection refused")
	env.Chains.(ChainMap)["broken"] = broken
	_, err := Evaluate(context.Background(), mustParse(t, EVMBasic, fmt.Sprintf(`[%s,{"operator":"and"},%s]`, yes, boom)), env)
	if !errors.Is(err, ErrChain) || !strings.Contains(err.Error(), "condition [2]") || !strings.Contains(err.Error(), "connection refused") {
		t.Fatalf("got %v, want ErrChain naming condition [2] and the cause", err)
	}
}

// TestOneBlockPerEvaluation: every call of one evaluation reads the block the first header named.
func TestOneBlockPerEvaluation(t *testing.T) {
	ch, _, env := world()
	js := fmt.Sprintf(`[%s,{"operator":"and"},%s,{"operator":"and"},%s]`, balance(">", "0"),
		basic("dev", "ERC20", token20.Hex(), "balanceOf", []string{":userAddress"}, ">", "0"),
		basic("dev", "timestamp", "", "", nil, ">", "0"))
	res, err := Evaluate(context.Background(), mustParse(t, EVMBasic, js), env)
	if err != nil || !res.OK {
		t.Fatalf("Evaluate: %+v %v", res, err)
	}
	if ch.calls != 3 || fmt.Sprint(ch.atBlocks) != "[100 100]" {
		t.Fatalf("%d calls at blocks %v, want one header and two calls at block 100", ch.calls, ch.atBlocks)
	}
}

func TestCache(t *testing.T) {
	ch, _, env := world()
	env.Cache = NewCache(16)
	c := mustParse(t, EVMBasic, "["+basic("dev", "ERC721", nft.Hex(), "ownerOf", []string{"7"}, "=", ":userAddress")+"]")
	eval := func(wantOK bool) {
		t.Helper()
		res, err := Evaluate(context.Background(), c, env)
		if err != nil || res.OK != wantOK {
			t.Fatalf("Evaluate: %+v %v, want OK=%v", res, err, wantOK)
		}
	}
	eval(true)
	if ch.calls != 2 {
		t.Fatalf("%d chain calls, want 2 (header, ownerOf)", ch.calls)
	}
	ch.owners[nft]["7"] = bob // changes state without a new block: the cached result stands
	eval(true)
	if ch.calls != 3 {
		t.Fatalf("%d chain calls, want 3 (one more header, ownerOf cached)", ch.calls)
	}
	env.UserAddress = bob // another caller is another key
	eval(true)
	if ch.calls != 5 {
		t.Fatalf("%d chain calls, want 5", ch.calls)
	}
	env.UserAddress = alice
	ch.block++ // a new block: read again, now the token is bob's
	eval(false)
	if ch.calls != 7 || env.Cache.Len() != 3 {
		t.Fatalf("%d chain calls and %d cached, want 7 and 3", ch.calls, env.Cache.Len())
	}
	small := NewCache(2)
	for i := range 5 {
		small.put([32]byte{byte(i)}, "")
	}
	if _, ok := small.get([32]byte{4}); small.Len() != 2 || !ok {
		t.Fatalf("a full cache holds %d entries (want 2, the newest kept)", small.Len())
	}
	// Errors are not cached.
	ch.failWith = errors.New("down")
	ch.block++
	if _, err := Evaluate(context.Background(), c, env); !errors.Is(err, ErrChain) {
		t.Fatalf("got %v, want ErrChain", err)
	}
	if env.Cache.Len() != 3 {
		t.Fatalf("an error was cached")
	}
}

func TestABIValues(t *testing.T) {
	typ := func(s string) abi.Type {
		ty, err := abi.NewType(s, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		return ty
	}
	for _, tt := range []struct {
		typ, in string
		want    string // fmt of the value, or "error"
	}{
		{"address", alice.Hex(), alice.Hex()},
		{"address", "nope", "error"},
		{"uint256", "12", "12"},
		{"uint256", "0x10", "16"},
		{"uint8", "255", "255"},
		{"uint8", "256", "error"},
		{"int8", "-128", "-128"},
		{"int8", "128", "error"},
		{"int256", "-1", "-1"},
		{"uint256", "-1", "error"},
		{"bool", "TRUE", "true"},
		{"bool", "yes", "error"},
		{"string", "hi", "hi"},
		{"bytes", "0x0102", "[1 2]"},
		{"bytes2", "0x0102", "[1 2]"},
		{"bytes2", "0x01", "error"},
		{"address[]", "[]", "error"},
	} {
		v, err := abiValue(typ(tt.typ), tt.in)
		got := fmt.Sprint(v)
		if err != nil {
			got = "error"
		}
		if got != tt.want {
			t.Errorf("abiValue(%s, %q) = %s (%v), want %s", tt.typ, tt.in, got, err, tt.want)
		}
	}
}

func TestRecentHead(t *testing.T) {
	ch, _, env := world()
	clock := time.Unix(1000, 0)
	rh := RecentHead(ch, time.Second).(*recentHead)
	rh.now = func() time.Time { return clock }
	env.Chains = ChainMap{"dev": rh}
	env.Cache = NewCache(8)
	c := mustParse(t, EVMBasic, "["+balance(">", "0")+"]")
	for i, want := range []int{2, 2, 4} { // header+balance; all cached; new header, new block → balance again
		if i == 2 {
			clock = clock.Add(time.Second)
			ch.block++
		}
		res, err := Evaluate(context.Background(), c, env)
		if err != nil || !res.OK {
			t.Fatalf("Evaluate: %+v %v", res, err)
		}
		if ch.calls != want {
			t.Fatalf("evaluation %d: %d chain calls in all, want %d", i, ch.calls, want)
		}
	}
	ch.failWith = errors.New("down")
	clock = clock.Add(time.Second)
	if _, err := Evaluate(context.Background(), c, env); !errors.Is(err, ErrChain) {
		t.Fatalf("got %v, want ErrChain once the header is stale and the chain down", err)
	}
}
