package actions

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"
)

const testCID = "QmTestActionCid1111111111111111111111111111111"

func runWith(t testing.TB, h Host, lim Limits, code string, params any) (*Result, error) {
	t.Helper()
	req := &Request{Code: []byte(code), CID: testCID}
	if params != nil {
		raw, err := json.Marshal(params)
		if err != nil {
			t.Fatal(err)
		}
		req.Params = raw
	}
	return Run(context.Background(), h, req, lim)
}

func mustRun(t testing.TB, h Host, code string, params any) *Result {
	t.Helper()
	res, err := runWith(t, h, Limits{}, code, params)
	if err != nil {
		t.Fatalf("run: %v\nlogs: %s", err, res.Logs)
	}
	return res
}

func TestAsyncStyles(t *testing.T) {
	// Both styles await a host call and must run to the end: the response is set after the await.
	for name, code := range map[string]string{
		"iife": `(async () => {
			const a = await Lit.Actions.getLatestNonce({ address: "0x0000000000000000000000000000000000000001", chain: "ethereum" });
			Lit.Actions.setResponse({ response: "nonce " + a });
		})();`,
		"named": `const go = async () => {
			const a = await LitActions.getLatestNonce({ address: "0x0000000000000000000000000000000000000001", chain: "ethereum" });
			LitActions.setResponse({ response: "nonce " + a });
		};
		go();`,
		"then": `Lit.Actions.getLatestNonce({ address: "0x0000000000000000000000000000000000000001", chain: "ethereum" })
			.then(a => Lit.Actions.setResponse({ response: "nonce " + a }));`,
	} {
		t.Run(name, func(t *testing.T) {
			h := newFakeHost(t)
			h.nonce = 42
			res := mustRun(t, h, code, nil)
			if res.Response != "nonce 0x2a" {
				t.Fatalf("response %q", res.Response)
			}
		})
	}
}

func TestLoopWaitsForPendingCalls(t *testing.T) {
	// The async function returns at once; the signature it started but never awaited must still be
	// made and recorded, and a timer set after the promise settles must still fire.
	h := newFakeHost(t)
	res := mustRun(t, h, `(async () => {
		Lit.Actions.signEcdsa({ toSign: new Uint8Array(32).fill(7), publicKey, sigName: "late" });
		setTimeout(() => Lit.Actions.setResponse({ response: "timer" }), 20);
	})();`, map[string]any{"publicKey": h.pubHex()})
	if _, ok := res.Signatures["late"]; !ok {
		t.Fatalf("signature not recorded: %v", res.Signatures)
	}
	if res.Response != "timer" {
		t.Fatalf("response %q", res.Response)
	}
}

func TestTimers(t *testing.T) {
	h := newFakeHost(t)
	res := mustRun(t, h, `
		const order = [];
		const id = setTimeout(() => order.push("cleared"), 5);
		clearTimeout(id);
		let n = 0, ticked;
		const ticks = new Promise(r => { ticked = r; });
		const iv = setInterval(() => { order.push("tick" + (++n)); if (n === 3) { clearInterval(iv); ticked(); } }, 1);
		(async () => {
			order.push(await new Promise(r => setTimeout(r, 1, "slept")));
			await ticks;
			queueMicrotask(() => { order.push("micro"); Lit.Actions.setResponse({ response: order.join(",") }); });
		})();`, nil)
	// The 1 ms timeout and the 1 ms interval race (a loaded machine may run several ticks first), so
	// only what must hold is checked: the cleared timer never fired, the ticks came in order, the
	// sleep ended, and the microtask ran last.
	var ticks []string
	slept := false
	parts := strings.Split(res.Response, ",")
	for _, p := range parts[:len(parts)-1] {
		switch {
		case p == "slept":
			slept = true
		case strings.HasPrefix(p, "tick"):
			ticks = append(ticks, p)
		default:
			t.Fatalf("unexpected entry %q in %q", p, res.Response)
		}
	}
	if !slept || strings.Join(ticks, ",") != "tick1,tick2,tick3" || parts[len(parts)-1] != "micro" {
		t.Fatalf("response %q", res.Response)
	}
}

func TestJSParamsBecomeGlobals(t *testing.T) {
	h := newFakeHost(t)
	params := map[string]any{"toSign": []int{1, 2, 3}, "name": "bob", "nested": map[string]any{"n": 5}, "ethers": "mine"}
	res := mustRun(t, h, `Lit.Actions.setResponse({ response: JSON.stringify([toSign, name, nested.n, jsParams.name, typeof ethers]) });`, params)
	if res.Response != `[[1,2,3],"bob",5,"bob","string"]` {
		t.Fatalf("response %q", res.Response)
	}
	_, err := runWith(t, h, Limits{}, `1`, map[string]any{"LitActions": 1})
	if err == nil || !strings.Contains(err.Error(), "read-only global") {
		t.Fatalf("replacing LitActions: %v", err)
	}
	req := &Request{Code: []byte("1"), Params: json.RawMessage(`[1,2]`)}
	if _, err := Run(context.Background(), h, req, Limits{}); err == nil {
		t.Fatal("jsParams that is not an object was accepted")
	}
}

func TestLitNamespace(t *testing.T) {
	h := newFakeHost(t)
	req := &Request{
		Code: []byte(`"use strict";
			const out = [];
			out.push(Lit.Actions === LitActions, Lit.Auth === LitAuth, LitAuth.authSigAddress, JSON.stringify(LitAuth.actionIpfsIdStack));
			for (const f of [() => { Lit.Auth.authSigAddress = "x"; }, () => { LitAuth = {}; }, () => { Lit.Actions.signEcdsa = null; },
				() => { LitAuth.authMethodContexts.push(1); }, () => { delete globalThis.Lit; }]) {
				try { f(); out.push("mutated"); } catch (e) { out.push(e.name); }
			}
			out.push(typeof process, typeof require, typeof Deno);
			Lit.Actions.setResponse({ response: out.join(" ") });`),
		CID:  testCID,
		Auth: json.RawMessage(`{"authSigAddress":"0xabc","authMethodContexts":[]}`),
	}
	res, err := Run(context.Background(), h, req, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := `true true 0xabc ["` + testCID + `"] TypeError TypeError TypeError TypeError TypeError undefined undefined undefined`
	if res.Response != want {
		t.Fatalf("got  %s\nwant %s", res.Response, want)
	}
}

func TestCodeFromStringsRefused(t *testing.T) {
	h := newFakeHost(t)
	for _, code := range []string{
		`eval("1+1")`,
		`globalThis.eval("1+1")`,
		`(0, eval)("1+1")`,
		`new Function("return 1")()`,
		`Function("return 1")()`,
		`(function(){}).constructor("return 1")()`,
		`(() => 1).constructor("return 1")()`,
		`Object.getPrototypeOf(async function(){}).constructor("return 1")`,
		`Object.getPrototypeOf(function*(){}).constructor("yield 1")`,
		`Reflect.construct(Function, ["return 1"])()`,
		`setTimeout("globalThis.x = 1", 0)`,
		`class A {}; A.constructor("return 1")`,
	} {
		_, err := runWith(t, h, Limits{}, code, nil)
		var se *ScriptError
		if !errors.As(err, &se) || !(strings.Contains(se.Message, "not allowed") || strings.Contains(se.Message, "must be a function")) {
			t.Errorf("%s: err %v", code, err)
		}
	}
	// Functions still work, and instanceof Function still holds.
	res := mustRun(t, h, `Lit.Actions.setResponse({ response: String((() => 1) instanceof Function && typeof Function === "function") })`, nil)
	if res.Response != "true" {
		t.Fatalf("instanceof Function: %q", res.Response)
	}
}

func TestScriptErrors(t *testing.T) {
	h := newFakeHost(t)
	_, err := runWith(t, h, Limits{}, "console.log('before');\nconst go = async () => {\n  null.x;\n};\ngo();", nil)
	var se *ScriptError
	if !errors.As(err, &se) {
		t.Fatalf("err %T %v", err, err)
	}
	if !strings.Contains(se.Message, "TypeError") || !strings.Contains(se.Message, "in promise") {
		t.Errorf("message %q", se.Message)
	}
	if !strings.Contains(se.Stack, testCID+".js:3:") {
		t.Errorf("stack %q does not name line 3", se.Stack)
	}
	res, err := runWith(t, h, Limits{}, "console.log('kept');\nthrow new Error('boom');", nil)
	if !errors.As(err, &se) || se.Message != "Error: boom" || !strings.Contains(se.Stack, ":2:") {
		t.Fatalf("sync throw: %v", err)
	}
	if res.Logs != "kept\n" {
		t.Errorf("logs on failure %q", res.Logs)
	}
	_, err = runWith(t, h, Limits{}, "let = = 1;", nil)
	if !errors.As(err, &se) || !strings.HasPrefix(se.Message, "SyntaxError") {
		t.Fatalf("syntax error: %v", err)
	}
	_, err = runWith(t, h, Limits{}, "function f() { return f() + 1 }; f()", nil)
	if !errors.As(err, &se) || !strings.Contains(se.Message, "call stack") {
		t.Fatalf("recursion: %v", err)
	}
	// A caught rejection is not an error.
	mustRun(t, h, `(async () => { try { await Promise.reject(new Error("x")) } catch (e) {} })(); Promise.reject(1).catch(() => {});`, nil)
}

func TestConsoleAndWebGlobals(t *testing.T) {
	h := newFakeHost(t)
	res := mustRun(t, h, `
		console.log("hello", 1, true, null, undefined, { a: 1, "b-c": "x", d: [1, "two"] }, [], {});
		console.info("%s is %d years", "Bob", 42.5, "extra");
		console.warn(new Uint8Array([1, 2]));
		console.error(new Map([["k", 1]]), new Set([1]));
		console.debug(10n, Symbol("s"), () => 1, function named() {});
		const enc = new TextEncoder().encode("héllo €");
		const dec = new TextDecoder().decode(enc);
		const b64 = btoa("hi\u00ff");
		(async () => {
			const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode("abc")));
			const hex = [...digest].map(b => b.toString(16).padStart(2, "0")).join("");
			const rnd = crypto.getRandomValues(new Uint8Array(16));
			Lit.Actions.setResponse({ response: JSON.stringify([enc.length, dec, b64, atob(b64), hex, rnd.length, crypto.randomUUID().length,
				Lit.Actions.uint8arrayToString(Lit.Actions.uint8arrayFromString("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", "base58btc"), "base58btc"),
				Lit.Actions.uint8arrayToString(new Uint8Array([222, 173]), "base16")]) });
		})();`, nil)
	wantLogs := "hello 1 true null undefined { a: 1, \"b-c\": \"x\", d: [ 1, \"two\" ] } [] {}\n" +
		"Bob is 42.5 years extra\n" +
		"Uint8Array(2) [ 1, 2 ]\n" +
		"Map(1) { \"k\" => 1 } Set(1) { 1 }\n" +
		"10n Symbol(s) [Function (anonymous)] [Function: named]\n"
	if res.Logs != wantLogs {
		t.Errorf("logs\n%s\nwant\n%s", res.Logs, wantLogs)
	}
	sum := sha256.Sum256([]byte("abc"))
	var got []any
	if err := json.Unmarshal([]byte(res.Response), &got); err != nil {
		t.Fatal(err)
	}
	want := []any{float64(len("héllo €")), "héllo €", "aGn/", "hi\u00ff", hex.EncodeToString(sum[:]), float64(16), float64(36),
		"QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", "dead"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d: got %v want %v", i, got[i], want[i])
		}
	}
}

func TestRuntimeIsFreshEachTime(t *testing.T) {
	h := newFakeHost(t)
	mustRun(t, h, `globalThis.leak = 1; Array.prototype.evil = 1;`, nil)
	res := mustRun(t, h, `Lit.Actions.setResponse({ response: typeof leak + " " + typeof [].evil })`, nil)
	if res.Response != "undefined undefined" {
		t.Fatalf("state leaked between executions: %q", res.Response)
	}
}

func TestContextCancel(t *testing.T) {
	h := newFakeHost(t)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		time.Sleep(50 * time.Millisecond)
		cancel()
	}()
	_, err := Run(ctx, h, &Request{Code: []byte(`for (;;) {}`)}, Limits{})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
}

func TestChildStopsWithParent(t *testing.T) {
	// The parent fails while its child spins: Run returns at once and the child's runtime is stopped.
	h := newFakeHost(t)
	h.code["QmSpin"] = []byte(`for (;;) {}`)
	before := runtime.NumGoroutine()
	start := time.Now()
	_, err := runWith(t, h, Limits{}, `Lit.Actions.call({ ipfsId: "QmSpin" }); setTimeout(() => { throw new Error("parent fails") }, 20);`, nil)
	var se *ScriptError
	if !errors.As(err, &se) || se.Message != "Error: parent fails" {
		t.Fatalf("err %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("Run waited for the child")
	}
	for i := 0; runtime.NumGoroutine() > before; i++ {
		if i == 100 {
			t.Fatalf("%d goroutines left running, %d before", runtime.NumGoroutine(), before)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
