package acc

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	u := user("=", alice.Hex())
	op := `{"operator":"or"}`
	for _, tt := range []struct {
		name string
		kind Kind
		js   string
		want error
	}{
		{"not json", EVMBasic, `[{`, ErrInvalidJSON},
		{"trailing data", EVMBasic, "[" + u + "] x", ErrInvalidJSON},
		{"not an array", EVMBasic, u, ErrInvalidCondition},
		{"empty", EVMBasic, `[]`, ErrNoConditions},
		{"number item", EVMBasic, `[1]`, ErrInvalidCondition},
		{"null item", EVMBasic, `[null]`, ErrInvalidCondition},
		{"neither condition nor operator", EVMBasic, `[{"chain":"ethereum"}]`, ErrInvalidCondition},
		{"bad operator", EVMBasic, "[" + u + `,{"operator":"xor"},` + u + "]", ErrInvalidBoolean},
		{"upper-case operator", EVMBasic, "[" + u + `,{"operator":"AND"},` + u + "]", ErrInvalidBoolean},
		{"operator first", EVMBasic, "[" + op + "," + u + "]", ErrInvalidBoolean},
		{"operator last", EVMBasic, "[" + u + "," + op + "]", ErrInvalidBoolean},
		{"two operators", EVMBasic, "[" + u + "," + op + "," + op + "," + u + "]", ErrInvalidBoolean},
		{"no operator in unified", Unified, "[" + u + "," + u + "]", ErrInvalidBoolean},
		{"no operator in a group", EVMBasic, "[" + u + "," + op + ",[" + u + "," + u + "]]", ErrInvalidBoolean},
		{"empty group", EVMBasic, "[" + u + "," + op + ",[]]", ErrInvalidBoolean},
		{"missing chain", EVMBasic, strings.Replace("["+u+"]", `"chain":"ethereum",`, "", 1), ErrInvalidCondition},
		{"empty chain", EVMBasic, strings.Replace("["+u+"]", `"chain":"ethereum"`, `"chain":""`, 1), ErrInvalidCondition},
		{"number parameter", EVMBasic, strings.Replace("["+u+"]", `[":userAddress"]`, `[1]`, 1), ErrInvalidCondition},
		{"null method", EVMBasic, strings.Replace("["+u+"]", `"method":""`, `"method":null`, 1), ErrInvalidCondition},
		{"unknown comparator", EVMBasic, "[" + user("~", "x") + "]", ErrInvalidCondition},
		{"numeric value", EVMBasic, strings.Replace("["+u+"]", `"value":"`+alice.Hex()+`"`, `"value":5`, 1), ErrInvalidCondition},
		{"unknown standard type", EVMBasic, "[" + basic("ethereum", "ERC9999", "", "", nil, "=", "") + "]", ErrInvalidCondition},
		{"unknown conditionType", Unified, `[{"conditionType":"btc",` + u[1:] + "]", ErrInvalidCondition},
		{"untagged, unclear", Unified, `[{"chain":"x","returnValueTest":{"comparator":"=","value":"1"}}]`, ErrInvalidCondition},
		{"contract without key", EVMContract, strings.Replace("["+contractCond("", "=", "1")+"]", `"key":"",`, "", 1), ErrInvalidCondition},
		{"contract tuple", EVMContract, strings.Replace("["+contractCond("", "=", "1")+"]", `"type":"bool"`, `"type":"tuple"`, 1), ErrInvalidCondition},
		{"contract bad type", EVMContract, strings.Replace("["+contractCond("", "=", "1")+"]", `"type":"bool"`, `"type":"boolean"`, 1), ErrInvalidCondition},
		{"contract constant not bool", EVMContract, strings.Replace("["+contractCond("", "=", "1")+"]", `"constant":true`, `"constant":"yes"`, 1), ErrInvalidCondition},
		{"contract no outputs", EVMContract, `[{"contractAddress":"0x0","functionName":"f","functionParams":[],"functionAbi":{"name":"f","inputs":[],"outputs":[]},"chain":"dev","returnValueTest":{"key":"","comparator":"=","value":"1"}}]`, ErrInvalidCondition},
		{"sol v2 fields not object", SolRPC, `[{"method":"m","params":[],"pdaParams":[],"pdaInterface":{"offset":0,"fields":[]},"pdaKey":"","chain":"solana","returnValueTest":{"key":"","comparator":"=","value":"1"}}]`, ErrInvalidCondition},
		{"lone surrogate", EVMBasic, strings.Replace("["+u+"]", `"method":""`, `"method":"\ud800"`, 1), ErrInvalidJSON},
		{"lone low surrogate", EVMBasic, strings.Replace("["+u+"]", `"method":""`, `"method":"\udc00x"`, 1), ErrInvalidJSON},
		{"invalid UTF-8", EVMBasic, strings.Replace("["+u+"]", `"method":""`, "\"method\":\"\xff\"", 1), ErrInvalidJSON},
		{"control character", EVMBasic, strings.Replace("["+u+"]", `"method":""`, "\"method\":\"\n\"", 1), ErrInvalidJSON},
		{"number overflow", SolRPC, `[{"method":"m","params":[1e400],"chain":"solana","returnValueTest":{"comparator":"=","value":"1"}}]`, ErrInvalidJSON},
		{"bad escape", EVMBasic, strings.Replace("["+u+"]", `"method":""`, `"method":"\x"`, 1), ErrInvalidJSON},
		{"leading zero", SolRPC, `[{"method":"m","params":[01],"chain":"solana","returnValueTest":{"comparator":"=","value":"1"}}]`, ErrInvalidJSON},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Parse(tt.kind, []byte(tt.js))
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v (conditions %v), want %v", err, c, tt.want)
			}
			if CodeOf(err) != tt.want.(*Error).Code() {
				t.Fatalf("code %q, want %q", CodeOf(err), tt.want.(*Error).Code())
			}
		})
	}
}

// chainOf returns n conditions joined by "or".
func chainOf(n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = user("=", fmt.Sprintf("0x%040x", i))
	}
	return strings.Join(parts, `,{"operator":"or"},`)
}

func TestBounds(t *testing.T) {
	u := user("=", alice.Hex())
	nest := func(depth int) string { // depth groups around one condition
		return strings.Repeat("[", depth+1) + u + strings.Repeat("]", depth+1)
	}
	pad := func(js string, size int) string { return js + strings.Repeat(" ", size-len(js)) }
	longValue := func(n int) string { return "[" + user("=", strings.Repeat("a", n)) + "]" }
	for _, tt := range []struct {
		name string
		js   string
		want error // nil: accepted
	}{
		{"MaxConditions", "[" + chainOf(MaxConditions) + "]", nil},
		{"MaxConditions+1", "[" + chainOf(MaxConditions+1) + "]", ErrTooManyConditions},
		{"MaxConditions+1 in groups", "[[" + chainOf(15) + `],{"operator":"and"},[` + chainOf(16) + "]]", ErrTooManyConditions},
		{"MaxGroupDepth", nest(MaxGroupDepth), nil},
		{"MaxGroupDepth+1", nest(MaxGroupDepth + 1), ErrTooDeep},
		{"JSON depth", `[{"method":"m","params":[` + strings.Repeat("[", maxJSONDepth) + strings.Repeat("]", maxJSONDepth) + `],"chain":"solana","returnValueTest":{"comparator":"=","value":"1"}}]`, ErrTooDeep},
		{"MaxInputBytes", pad("["+u+"]", MaxInputBytes), nil},
		{"MaxInputBytes+1", pad("["+u+"]", MaxInputBytes+1), ErrTooLarge},
		{"MaxStringBytes", longValue(MaxStringBytes), nil},
		{"MaxStringBytes+1", longValue(MaxStringBytes + 1), ErrStringTooLong},
		{"MaxStringBytes+1 escaped", "[" + user("=", strings.Repeat(`\u0041`, MaxStringBytes+1)) + "]", ErrStringTooLong},
		{"long number", `[{"method":"m","params":[1` + strings.Repeat("0", MaxStringBytes) + `],"chain":"solana","returnValueTest":{"comparator":"=","value":"1"}}]`, ErrStringTooLong},
	} {
		t.Run(tt.name, func(t *testing.T) {
			kind := EVMBasic
			if strings.Contains(tt.js, `"method":"m"`) {
				kind = SolRPC
			}
			_, err := Parse(kind, []byte(tt.js))
			if tt.want == nil {
				if err != nil {
					t.Fatalf("refused at the bound: %v", err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			// The error names the bound.
			name := map[error]string{ErrTooManyConditions: "MaxConditions", ErrTooDeep: "Depth", ErrTooLarge: "MaxInputBytes", ErrStringTooLong: "MaxStringBytes"}[tt.want]
			if !strings.Contains(err.Error(), name) {
				t.Fatalf("error %q does not name %s", err, name)
			}
		})
	}
}

func TestJSNumbers(t *testing.T) {
	// Expected strings are what JavaScript's String(n) prints.
	for _, tt := range []struct {
		f    float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {1, "1"}, {-1, "-1"}, {1.5, "1.5"}, {100, "100"},
		{1e21, "1e+21"}, {1e20, "100000000000000000000"}, {123456789012345680000, "123456789012345680000"},
		{1e-6, "0.000001"}, {1e-7, "1e-7"}, {1.23e-7, "1.23e-7"}, {0.1, "0.1"}, {-2.5e-10, "-2.5e-10"},
		{math.MaxFloat64, "1.7976931348623157e+308"}, {5e-324, "5e-324"}, {12345.678, "12345.678"},
		{2e21, "2e+21"}, {1.5e300, "1.5e+300"},
	} {
		if got := string(appendJSNumber(nil, tt.f)); got != tt.want {
			t.Errorf("%v: got %s, want %s", tt.f, got, tt.want)
		}
	}
}

func TestJSStrings(t *testing.T) {
	in := "a\"b\\c/\b\f\n\r\t\x00\x1f\x7f<>&\u2028é😀"
	want := `"a\"b\\c/\b\f\n\r\t\u0000\u001f` + "\x7f<>&\u2028é😀\""
	if got := string(appendJSString(nil, in)); got != want {
		t.Fatalf("got %s, want %s", got, want)
	}
}

func TestCanonicalDropsAndOrders(t *testing.T) {
	c := mustParse(t, Unified, `[{"returnValueTest":{"value":"1","comparator":"=","key":"k"},"parameters":["p"],"method":"m","standardContractType":"","chain":"dev","contractAddress":"","conditionType":"evmBasic","extra":{"a":1}},{"operator":"and","x":1},{"conditionType":"evmContract","contractAddress":"0x1","functionName":"f","functionParams":[],"functionAbi":{"name":"f","inputs":[],"outputs":[{"internalType":"uint256","type":"uint256","name":"o"}]},"chain":"dev","returnValueTest":{"key":"","comparator":"=","value":"1"}}]`)
	want := `[{"contractAddress":"","chain":"dev","standardContractType":"","method":"m","parameters":["p"],"returnValueTest":{"comparator":"=","value":"1"}},{"operator":"and"},{"contractAddress":"0x1","functionName":"f","functionParams":[],"functionAbi":{"name":"f","inputs":[],"outputs":[{"name":"o","type":"uint256"}],"constant":false},"chain":"dev","returnValueTest":{"key":"","comparator":"=","value":"1"}}]`
	if got := string(c.Canonical()); got != want {
		t.Fatalf("canonical\n got %s\nwant %s", got, want)
	}
	if n := len(c.Conditions()); n != 2 || c.Conditions()[1].Path != "[2]" || c.Conditions()[1].Type != TypeEVMContract {
		t.Fatalf("conditions: %d, %+v", n, c.Conditions())
	}
}

// TestJSONObjects: duplicate keys keep their first place and last value, array-index keys come first in
// numeric order — in small objects and in large ones (which the parser indexes differently).
func TestJSONObjects(t *testing.T) {
	for _, n := range []int{3, 40} {
		var in, want []string
		for i := range n {
			in = append(in, fmt.Sprintf(`"k%d":%d`, i, i))
		}
		in = append(in, `"k1":"last"`, `"7":true`, `"10":null`, `"-1":0`)
		for i := range n {
			v := fmt.Sprint(i)
			if i == 1 {
				v = `"last"`
			}
			want = append(want, fmt.Sprintf(`"k%d":%s`, i, v))
		}
		want = append([]string{`"7":true`, `"10":null`}, append(want, `"-1":0`)...)
		v, err := parseJSON("{" + strings.Join(in, ",") + "}")
		if err != nil {
			t.Fatal(err)
		}
		if got, w := string(v.encode(nil)), "{"+strings.Join(want, ",")+"}"; got != w {
			t.Fatalf("%d keys:\n got %s\nwant %s", n, got, w)
		}
	}
}
