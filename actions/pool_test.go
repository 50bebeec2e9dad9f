package actions

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestMain(m *testing.M) {
	ServeWorkerIfChild() // the Pool tests start this binary again as their workers
	os.Exit(m.Run())
}

func newPool(t testing.TB, size int) *Pool {
	t.Helper()
	p, err := NewPool(PoolConfig{Size: size})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func poolRun(t testing.TB, p *Pool, h Host, lim Limits, code string, params any) (*Result, error) {
	t.Helper()
	req := &Request{Code: []byte(code), CID: testCID}
	if params != nil {
		req.Params, _ = json.Marshal(params)
	}
	return p.Run(context.Background(), h, req, lim)
}

func TestPoolRunsActions(t *testing.T) {
	p := newPool(t, 2)
	srv := fetchServer(t)
	h := newFakeHost(t)
	h.code["QmChild"] = []byte(`Lit.Actions.setResponse({ response: "child:" + x });`)
	res, err := poolRun(t, p, h, Limits{Egress: localEgress}, `(async () => {
		console.log("in a worker");
		await Lit.Actions.signEcdsa({ toSign: ethers.utils.arrayify(ethers.utils.id("m")), publicKey, sigName: "s" });
		const temp = await fetch(base + "/json").then(r => r.json());
		const once = await Lit.Actions.runOnce({ waitForResponse: true, name: "t" }, async () => temp.properties.periods[0].temperature);
		const child = await Lit.Actions.call({ ipfsId: "QmChild", params: { x: 1 } });
		const all = await Lit.Actions.broadcastAndCollect({ name: "n", value: "v" });
		await Lit.Actions.claimKey({ keyId: "k" });
		Lit.Actions.setResponse({ response: [once, child, all.join("+")].join(" ") });
	})();`, map[string]any{"publicKey": h.pubHex(), "base": srv.URL})
	if err != nil {
		t.Fatalf("%v\nlogs: %s", err, res.Logs)
	}
	if res.Response != "21 child:1 v" || res.Logs != "in a worker\n" {
		t.Fatalf("response %q logs %q", res.Response, res.Logs)
	}
	s, ok := res.Signatures["s"]
	if !ok {
		t.Fatal("share not recorded")
	}
	h.recovers(t, s.Request.Hash[:], s.Share.([]byte))
	if _, ok := res.Claims["k"]; !ok {
		t.Fatal("claim not recorded")
	}

	// Errors keep their identity across the pipe: the Host's own error value, limits, script errors.
	denied := errors.New("denied by the fake host")
	h2 := newFakeHost(t)
	h2.signErr = denied
	_, err = poolRun(t, p, h2, Limits{}, `(async () => { await Lit.Actions.signEcdsa({ toSign: new Uint8Array(32), publicKey, sigName: "s" }); })();`,
		map[string]any{"publicKey": h2.pubHex()})
	var se *ScriptError
	if !errors.Is(err, denied) || !errors.As(err, &se) || !strings.Contains(se.Stack, testCID+".js:1:") {
		t.Fatalf("host error: %v", err)
	}
	_, err = poolRun(t, p, h, Limits{Signatures: 1}, `(async () => {
		await Lit.Actions.signEcdsa({ toSign: new Uint8Array(32), publicKey, sigName: "a" });
		await Lit.Actions.signEcdsa({ toSign: new Uint8Array(32), publicKey, sigName: "b" });
	})();`, map[string]any{"publicKey": h.pubHex()})
	if !errors.Is(err, ErrSignatures) {
		t.Fatalf("signature limit: %v", err)
	}
	_, err = poolRun(t, p, h, Limits{Fetches: 1, Egress: localEgress}, `(async () => { await fetch(base + "/json"); await fetch(base + "/json"); })();`, map[string]any{"base": srv.URL})
	if !errors.Is(err, ErrFetches) {
		t.Fatalf("fetch limit: %v", err)
	}
	res, err = poolRun(t, p, h, Limits{Timeout: 300 * time.Millisecond}, `console.log("spin"); for (;;) {}`, nil)
	if !errors.Is(err, ErrTimeout) || res.Logs != "spin\n" {
		t.Fatalf("timeout: %v, logs %q", err, res.Logs)
	}
}

func TestPoolMemoryBombs(t *testing.T) {
	p := newPool(t, 2)
	h := newFakeHost(t)
	lim := Limits{Memory: 64 << 20}
	normal := `(async () => {
		for (let i = 0; i < 10; i++) {
			await Lit.Actions.signEcdsa({ toSign: ethers.utils.arrayify(ethers.utils.id("m" + i)), publicKey, sigName: "s" + (i % 5) });
			await new Promise(r => setTimeout(r, 10));
		}
		const data = new Array(100000).fill(0).map((_, i) => i * 2);
		Lit.Actions.setResponse({ response: String(data.reduce((a, b) => a + b, 0)) });
	})();`
	bombs := map[string]string{
		"array":     `console.log("array"); const a = []; for (;;) a.push({ n: a.length, s: "v" + a.length });`,
		"string":    `console.log("string"); let s = "xx"; for (;;) s = s + s;`,
		"allocate":  `console.log("allocate"); const b = new Uint8Array(1500000000); b[0] = 1;`,
		"recursion": `console.log("recursion"); const f = (n) => [n].map(x => f(x + 1)); f(0);`,
	}
	for name, bomb := range bombs {
		t.Run(name, func(t *testing.T) {
			if name == "allocate" && raceEnabled {
				t.Skip("the address-space cap that stops a single huge allocation is off under the race detector")
			}
			var wg sync.WaitGroup
			var normalRes *Result
			var normalErr error
			wg.Add(1)
			go func() {
				defer wg.Done()
				normalRes, normalErr = poolRun(t, p, h, lim, normal, map[string]any{"publicKey": h.pubHex()})
			}()
			res, err := poolRun(t, p, h, lim, bomb, nil)
			wg.Wait()
			if name == "recursion" {
				// goja's own stack bound stops it first, as a RangeError.
				var se *ScriptError
				if !errors.As(err, &se) && !errors.Is(err, ErrMemory) {
					t.Fatalf("err %v", err)
				}
			} else if !errors.Is(err, ErrMemory) {
				t.Fatalf("err %v", err)
			}
			if res.Logs != name+"\n" {
				t.Fatalf("logs %q", res.Logs)
			}
			if normalErr != nil || normalRes.Response != "9999900000" || len(normalRes.Signatures) != 5 {
				t.Fatalf("the Action beside the bomb: %v %+v", normalErr, normalRes)
			}
		})
	}
	res, err := poolRun(t, p, h, lim, `Lit.Actions.setResponse({ response: "alive" })`, nil)
	if err != nil || res.Response != "alive" {
		t.Fatalf("pool after the bombs: %v %v", err, res)
	}
}

func TestPoolCancel(t *testing.T) {
	p := newPool(t, 1)
	h := newFakeHost(t)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := p.Run(ctx, h, &Request{Code: []byte(`for (;;) {}`)}, Limits{})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err %v", err)
	}
	res, err := poolRun(t, p, h, Limits{}, `Lit.Actions.setResponse({ response: "next" })`, nil)
	if err != nil || res.Response != "next" {
		t.Fatalf("after cancel: %v", err)
	}
}

func TestPoolBadCommand(t *testing.T) {
	_, err := NewPool(PoolConfig{Command: []string{"/bin/true"}})
	if !errors.Is(err, ErrWorker) || !strings.Contains(err.Error(), "ServeWorkerIfChild") {
		t.Fatalf("err %v", err)
	}
}

// With every worker busy, an execution waits QueueWait at most, then is
// refused with ErrBusy; the pool serves again once a worker is free.
func TestPoolQueueWaitBounded(t *testing.T) {
	p, err := NewPool(PoolConfig{Size: 1, QueueWait: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	h := newFakeHost(t)
	ctx, cancel := context.WithCancel(context.Background())
	busy := make(chan error, 1)
	go func() {
		_, err := p.Run(ctx, h, &Request{Code: []byte(`for (;;) {}`)}, Limits{})
		busy <- err
	}()
	deadline := time.Now().Add(10 * time.Second)
	for len(p.slots) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if _, err := poolRun(t, p, h, Limits{}, `Lit.Actions.setResponse({ response: "queued" })`, nil); !errors.Is(err, ErrBusy) {
		t.Fatalf("with the only worker busy: %v, want ErrBusy", err)
	}
	cancel()
	if err := <-busy; !errors.Is(err, context.Canceled) {
		t.Fatalf("busy execution: %v", err)
	}
	res, err := poolRun(t, p, h, Limits{}, `Lit.Actions.setResponse({ response: "next" })`, nil)
	if err != nil || res.Response != "next" {
		t.Fatalf("after the worker freed: %v", err)
	}
}
