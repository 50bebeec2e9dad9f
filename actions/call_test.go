package actions

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func runCall(t testing.TB, h Host, lim Limits, code string, call *Call) (*Result, error) {
	t.Helper()
	return Run(context.Background(), h, &Request{Code: []byte(code), CID: testCID, Call: call}, lim)
}

func TestCallReturnsStringified(t *testing.T) {
	for _, tc := range []struct {
		name, code string
		args       []string
		want       string
	}{
		{"async arrow", `const go = async (a, b) => a + ":" + b;`, []string{"x", "y"}, "x:y"},
		{"declaration", `function go(max) { return 30 < parseInt(max); }`, []string{"40"}, "true"},
		{"false", `const go = (max) => 50 < parseInt(max);`, []string{"40"}, "false"},
		{"number", `var go = () => 40;`, nil, "40"},
		{"array", `const go = async () => [1, "a", true];`, nil, "1,a,true"},
		{"object", `const go = async () => ({ a: 1 });`, nil, "[object Object]"},
		{"own toString", `const go = async () => ({ toString() { return "mine"; } });`, nil, "mine"},
		{"globalThis property", `globalThis.go = (a) => "g" + a;`, []string{"1"}, "g1"},
		{"args are strings", `const go = (...a) => a.map((x) => typeof x).join(",") + "/" + a.length;`, []string{"1", "", "2"}, "string,string,string/3"},
		{"awaits host calls", `const go = async (addr) => {
			const n = await Lit.Actions.getLatestNonce({ address: addr, chain: "ethereum" });
			return n === "0x2a";
		};`, []string{"0x0000000000000000000000000000000000000001"}, "true"},
		{"setResponse does not count", `const go = async () => { Lit.Actions.setResponse({ response: "set" }); return "returned"; };`, nil, "returned"},
		{"top level runs first", `let ready = false; (async () => { ready = true; })(); const go = () => ready;`, nil, "true"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newFakeHost(t)
			h.nonce = 42
			res, err := runCall(t, h, Limits{}, tc.code, &Call{Function: "go", Args: tc.args})
			if err != nil {
				t.Fatalf("run: %v", err)
			}
			if res.Response != tc.want {
				t.Fatalf("response %q, want %q", res.Response, tc.want)
			}
		})
	}
}

func TestCallFailures(t *testing.T) {
	for _, tc := range []struct {
		name, code string
		call       Call
		want       string
		is         error
	}{
		{name: "undefined", code: `const go = async () => {};`, call: Call{Function: "go"}, want: "go() returned undefined"},
		{name: "null", code: `const go = () => null;`, call: Call{Function: "go"}, want: "go() returned null"},
		{name: "not defined", code: `const other = () => true;`, call: Call{Function: "go"}, want: "ReferenceError: go is not defined"},
		{name: "not a function", code: `const go = 5;`, call: Call{Function: "go"}, want: "TypeError: go is not a function"},
		{name: "throws", code: `const go = async () => { throw new Error("no weather"); };`, call: Call{Function: "go"}, want: "Error: no weather"},
		{name: "throws synchronously", code: `function go() { throw new RangeError("bad"); }`, call: Call{Function: "go"}, want: "RangeError: bad"},
		{name: "never settles", code: `const go = () => new Promise(() => {});`, call: Call{Function: "go"}, want: "never settled"},
		{name: "toString not a string", code: `const go = () => ({ toString() { return 1; } });`, call: Call{Function: "go"}, want: "not a string"},
		{name: "top level throws", code: `throw new Error("top"); const go = () => true;`, call: Call{Function: "go"}, want: "Error: top"},
		{name: "expression as name", code: `const go = () => true;`, call: Call{Function: "go()"}, want: "JavaScript identifier", is: ErrInvalidParams},
		{name: "dotted name", code: `const a = { go: () => true };`, call: Call{Function: "a.go"}, want: "JavaScript identifier", is: ErrInvalidParams},
		{name: "empty name", code: `const go = () => true;`, call: Call{}, want: "JavaScript identifier", is: ErrInvalidParams},
		{name: "long name", code: `const go = () => true;`, call: Call{Function: strings.Repeat("g", MaxCallFunction+1)}, want: "MaxCallFunction", is: ErrInvalidParams},
		{name: "too many args", code: `const go = () => true;`, call: Call{Function: "go", Args: make([]string, MaxCallArgs+1)}, want: "MaxCallArgs", is: ErrInvalidParams},
		{name: "args too long", code: `const go = () => true;`, call: Call{Function: "go", Args: []string{strings.Repeat("a", MaxCallArgBytes+1)}}, want: "MaxCallArgBytes", is: ErrInvalidParams},
		{name: "not UTF-8", code: `const go = () => true;`, call: Call{Function: "go", Args: []string{"ok", "\xb8"}}, want: "argument 1 is not valid UTF-8", is: ErrInvalidParams},
		{name: "response too long", code: `const go = () => "x".repeat(101 * 1024);`, call: Call{Function: "go"}, want: "Response is too long", is: ErrResponseSize},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := runCall(t, newFakeHost(t), Limits{}, tc.code, &tc.call)
			if err == nil {
				t.Fatal("the call succeeded")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not say %q", err, tc.want)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Fatalf("error %v is not %v", err, tc.is)
			}
		})
	}
}

func TestCallTimeout(t *testing.T) {
	start := time.Now()
	_, err := runCall(t, newFakeHost(t), Limits{Timeout: 200 * time.Millisecond}, `const go = async () => { for (;;) {} };`, &Call{Function: "go"})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("error %v, want the timeout", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("the call ran %v", d)
	}
}

// A Call crosses the pipe to a worker and comes back as the response.
func TestCallInPool(t *testing.T) {
	p := newPool(t, 1)
	h := newFakeHost(t)
	res, err := p.Run(context.Background(), h, &Request{Code: []byte(`const go = async (a) => a === "yes";`), CID: testCID, Call: &Call{Function: "go", Args: []string{"yes"}}}, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Response != "true" {
		t.Fatalf("response %q", res.Response)
	}
	_, err = p.Run(context.Background(), h, &Request{Code: []byte(`const go = 1;`), CID: testCID, Call: &Call{Function: "a.b"}}, Limits{})
	if !errors.Is(err, ErrInvalidParams) {
		t.Fatalf("error %v, want ErrInvalidParams", err)
	}
	// Without a Call the same code runs as an Action: the response is what setResponse got.
	res, err = p.Run(context.Background(), h, &Request{Code: []byte(`const go = async () => true; Lit.Actions.setResponse({ response: "plain" });`), CID: testCID}, Limits{})
	if err != nil || res.Response != "plain" {
		t.Fatalf("response %q, error %v", res.Response, err)
	}
}

// FuzzCall: a LitAction condition's method and parameters come from whoever encrypted the content.
// Whatever they are, the runtime calls only an identifier, passes the parameters as strings, and fails
// cleanly.
func FuzzCall(f *testing.F) {
	f.Add("go", "40", "")
	f.Add("go()", "", "x")
	f.Add("a.b", "\"", "'")
	f.Add("constructor", "x", "y")
	f.Add("__proto__", "", "")
	f.Add("$", "\x00", "\xff")
	const code = `const go = async (...a) => a.join("|") + "/" + a.length; var $ = (a) => typeof a;`
	f.Fuzz(func(t *testing.T, fn, a, b string) {
		res, err := runCall(t, newFakeHost(t), Limits{Timeout: 2 * time.Second}, code, &Call{Function: fn, Args: []string{a, b}})
		if !callIdentifier.MatchString(fn) || len(fn) > MaxCallFunction || !utf8.ValidString(a) || !utf8.ValidString(b) {
			if !errors.Is(err, ErrInvalidParams) {
				t.Fatalf("function %q: error %v, want ErrInvalidParams", fn, err)
			}
			return
		}
		switch fn {
		case "go":
			if err != nil || res.Response != a+"|"+b+"/2" {
				t.Fatalf("go(%q, %q): %q, %v", a, b, res.Response, err)
			}
		case "$":
			if err != nil || res.Response != "string" {
				t.Fatalf("$(%q): %q, %v", a, res.Response, err)
			}
		}
	})
}
