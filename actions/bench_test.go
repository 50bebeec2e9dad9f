package actions

import (
	"context"
	"encoding/json"
	"testing"
)

const (
	trivialAction = `(async () => { Lit.Actions.setResponse({ response: "ok" }); })();`
	signingAction = `(async () => {
		const toSign = ethers.utils.arrayify(ethers.utils.keccak256(ethers.utils.toUtf8Bytes("Hello " + name)));
		await Lit.Actions.signEcdsa({ toSign, publicKey, sigName: "sig" });
		Lit.Actions.setResponse({ response: "signed" });
	})();`
)

// BenchmarkRuntimeStart measures a fresh runtime with every global installed, running nothing.
func BenchmarkRuntimeStart(b *testing.B) {
	h := newFakeHost(b)
	lim := DefaultLimits()
	s := newSession(h, lim, testCID)
	be := &localBackend{s: s}
	for b.Loop() {
		t := newTree(lim, be, httpClient())
		be.cb = t
		t.ctx = context.Background()
		if _, err := t.runAction(nil, testCID, nil, nil, nil, 0, 0); err != nil {
			b.Fatal(err)
		}
	}
}

func benchRun(b *testing.B, run func(context.Context, Host, *Request, Limits) (*Result, error), code string, want string) {
	h := newFakeHost(b)
	params, _ := json.Marshal(map[string]any{"publicKey": h.pubHex(), "name": "bench"})
	req := &Request{Code: []byte(code), CID: testCID, Params: params}
	for b.Loop() {
		res, err := run(context.Background(), h, req, Limits{})
		if err != nil || res.Response != want {
			b.Fatalf("%v %q", err, res.Response)
		}
	}
}

// BenchmarkTrivialAction runs an Action that only sets its response, in process.
func BenchmarkTrivialAction(b *testing.B) { benchRun(b, Run, trivialAction, "ok") }

// BenchmarkSigningAction hashes with ethers and signs through the (fake) host, in process.
func BenchmarkSigningAction(b *testing.B) { benchRun(b, Run, signingAction, "signed") }

// BenchmarkPoolTrivialAction is BenchmarkTrivialAction in a worker process, pipe included.
func BenchmarkPoolTrivialAction(b *testing.B) {
	benchRun(b, newPool(b, 1).Run, trivialAction, "ok")
}

// BenchmarkPoolSigningAction is BenchmarkSigningAction in a worker process, pipe included.
func BenchmarkPoolSigningAction(b *testing.B) {
	benchRun(b, newPool(b, 1).Run, signingAction, "signed")
}
