package actions

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// afterLimit checks that the next execution runs normally once a limit has stopped one.
func afterLimit(t *testing.T, h Host) {
	t.Helper()
	res := mustRun(t, h, `(async () => { await new Promise(r => setTimeout(r, 1)); Lit.Actions.setResponse({ response: "fine" }); })();`, nil)
	if res.Response != "fine" {
		t.Fatalf("execution after a limit: %q", res.Response)
	}
}

func TestLimits(t *testing.T) {
	h := newFakeHost(t)
	h.code["QmSelf"] = []byte(`(async () => { console.log("depth"); await Lit.Actions.call({ ipfsId: "QmSelf" }); })();`)
	pk := map[string]any{"publicKey": h.pubHex()}
	cases := []struct {
		name   string
		lim    Limits
		code   string
		params map[string]any
		want   error
		logs   string // a substring the logs must hold
	}{
		{"timeout/loop", Limits{Timeout: 200 * time.Millisecond}, `console.log("start"); for (;;) {}`, nil, ErrTimeout, "start"},
		{"timeout/async-loop", Limits{Timeout: 200 * time.Millisecond}, `(async () => { await 1; console.log("start"); while (true) {} })();`, nil, ErrTimeout, "start"},
		{"timeout/interval", Limits{Timeout: 200 * time.Millisecond}, `setInterval(() => {}, 10);`, nil, ErrTimeout, ""},
		{"code", Limits{CodeSize: 64}, `// ` + strings.Repeat("x", 64), nil, ErrCodeSize, ""},
		{"code/child", Limits{CodeSize: 100}, `(async () => { await Lit.Actions.call({ ipfsId: "QmBig" }); })();`, nil, ErrCodeSize, ""},
		{"response", Limits{ResponseSize: 10}, `Lit.Actions.setResponse({ response: "12345678901" });`, nil, ErrResponseSize, ""},
		{"logs", Limits{LogSize: 100}, `for (let i = 0; ; i++) console.log("line", i);`, nil, ErrLogSize, "line 0"},
		{"signatures", Limits{Signatures: 2}, `(async () => {
			for (let i = 0; i < 3; i++) await Lit.Actions.signEcdsa({ toSign: new Uint8Array(32), publicKey, sigName: "s" + i });
		})();`, pk, ErrSignatures, ""},
		{"signatures/combine", Limits{Signatures: 1}, `(async () => {
			await Lit.Actions.signEcdsa({ toSign: new Uint8Array(32), publicKey, sigName: "a" });
			await Lit.Actions.signAndCombineEcdsa({ toSign: new Uint8Array(32), publicKey, sigName: "b" });
		})();`, pk, ErrSignatures, ""},
		{"contract calls", Limits{ContractCalls: 1}, `(async () => {
			const txn = ethers.utils.serializeTransaction({ to: "0x000000000000000000000000000000000000bEEF" });
			await Lit.Actions.callContract({ chain: "ethereum", txn });
			await Lit.Actions.callContract({ chain: "ethereum", txn });
		})();`, nil, ErrContractCalls, ""},
		{"broadcasts", Limits{Broadcasts: 2}, `(async () => {
			await Lit.Actions.broadcastAndCollect({ name: "a", value: "1" });
			await Lit.Actions.runOnce({ waitForResponse: true, name: "b" }, async () => "x");
			await Lit.Actions.broadcastAndCollect({ name: "c", value: "1" });
		})();`, nil, ErrBroadcasts, ""},
		{"call depth", Limits{}, `(async () => { await Lit.Actions.call({ ipfsId: "QmSelf" }); })();`, nil, ErrCallDepth, strings.Repeat("depth\n", 5)},
	}
	h.code["QmBig"] = []byte(strings.Repeat(" ", 101))
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := len(h.signs)
			res, err := runWith(t, h, c.lim, c.code, c.params)
			if !errors.Is(err, c.want) {
				t.Fatalf("err %v, want %v", err, c.want)
			}
			if !strings.Contains(res.Logs, c.logs) {
				t.Fatalf("logs %q lack %q", res.Logs, c.logs)
			}
			if c.lim.Signatures > 0 && len(h.signs)-before != c.lim.Signatures {
				t.Fatalf("host signed %d times under a limit of %d", len(h.signs)-before, c.lim.Signatures)
			}
			afterLimit(t, h)
		})
	}
}

func TestMemoryLimitInProcess(t *testing.T) {
	h := newFakeHost(t)
	res, err := runWith(t, h, Limits{Memory: 48 << 20}, `console.log("growing"); const a = []; for (;;) a.push({ n: a.length, s: "x" + a.length });`, nil)
	if !errors.Is(err, ErrMemory) {
		t.Fatalf("err %v", err)
	}
	if res.Logs != "growing\n" {
		t.Fatalf("logs %q", res.Logs)
	}
	afterLimit(t, h)
}
