package actions

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/crypto"
)

// Every Action of a tree has its own frame, with the path the session gave it: children numbered in the
// order their parent called them, Promise.all included, at every depth.
func TestFrames(t *testing.T) {
	h := newFakeHost(t)
	h.code["QmA"] = []byte(`(async () => {
		await Lit.Actions.broadcastAndCollect({ name: "n", value: "a" });
		await Lit.Actions.call({ ipfsId: "QmB" });
	})();`)
	h.code["QmB"] = []byte(`(async () => { await Lit.Actions.runOnce({ waitForResponse: true, name: "n" }, async () => "b"); })();`)
	mustRun(t, h, `(async () => {
		await Lit.Actions.broadcastAndCollect({ name: "n", value: "root" });
		await Promise.all([Lit.Actions.call({ ipfsId: "QmA" }), Lit.Actions.call({ ipfsId: "QmB" })]);
	})();`, nil)
	got := map[Frame]bool{}
	for _, f := range h.frames {
		got[f] = true
	}
	for _, want := range []Frame{{testCID, "0"}, {"QmA", "0.1"}, {"QmB", "0.2"}, {"QmB", "0.1.1"}} {
		if !got[want] {
			t.Errorf("no call from %+v; calls came from %+v", want, h.frames)
		}
	}
	if len(h.frames) != 4 {
		t.Errorf("%d calls, want 4: %+v", len(h.frames), h.frames)
	}
}

// nopCallbacks is a worker that runs no runOnce function.
type nopCallbacks struct{}

func (nopCallbacks) runOnce(context.Context, uint64) (string, error) { return "", errors.New("none") }

// dispatchJSON calls the session as a worker would, with args as JSON.
func dispatchJSON(t *testing.T, s *session, by uint64, method string, args any) (json.RawMessage, error) {
	t.Helper()
	raw, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	return s.dispatch(context.Background(), by, method, raw, nopCallbacks{})
}

// A worker is the sandbox's side and may be compromised: what it says is checked or recomputed, never
// taken as the node's fact.
func TestSessionDistrustsWorker(t *testing.T) {
	h := newFakeHost(t)
	h.code["QmChild"] = []byte("1")
	pub := crypto.FromECDSAPub(&h.key.PublicKey)
	s := newSession(h, DefaultLimits(), testCID)

	// A personal sign is the EIP-191 hash of the message, computed here: a worker cannot have scope 2
	// (personal sign) cover a raw hash of its choosing.
	msg := []byte("a transaction hash would go here: 0123456789abcdef")
	if _, err := dispatchJSON(t, s, 0, "sign", map[string]any{"toSign": msg, "publicKey": pub, "sigName": "p", "personal": true,
		"hash": bytes.Repeat([]byte{7}, 32), "scope": 2}); err != nil {
		t.Fatal(err)
	}
	req := s.shares["p"].Request
	if !bytes.Equal(req.Hash[:], accounts.TextHash(msg)) || req.Scope != ScopePersonalSign {
		t.Fatalf("personal sign of %x with scope %d, want the EIP-191 hash", req.Hash, req.Scope)
	}
	if _, err := dispatchJSON(t, s, 0, "sign", signArgs{ToSign: make([]byte, 31), PublicKey: pub, SigName: "short"}); err == nil {
		t.Fatal("a 31-byte hash was signed")
	}

	// The CID a signature is asked for is the frame's, whatever the arguments say.
	if _, err := dispatchJSON(t, s, 0, "sign", map[string]any{"toSign": make([]byte, 32), "publicKey": pub, "sigName": "c",
		"actionCid": "QmPermittedElsewhere", "frame": map[string]string{"CID": "QmPermittedElsewhere"}}); err != nil {
		t.Fatal(err)
	}
	if f := s.shares["c"].Request.Frame; f != (Frame{CID: testCID, Path: "0"}) {
		t.Fatalf("signature asked for by %+v", f)
	}

	// A claim's key id is derived from the frame's CID here; a derivedKeyId from the worker is ignored.
	if _, err := dispatchJSON(t, s, 0, "claim", map[string]any{"keyId": "k", "derivedKeyId": bytes.Repeat([]byte{9}, 32)}); err != nil {
		t.Fatal(err)
	}
	if got, want := s.claims["k"].DerivedKeyID, crypto.Keccak256([]byte(testCID+"_k")); !bytes.Equal(got[:], want) {
		t.Fatalf("derived key id %x, want %x", got, want)
	}

	// Frames: only those the session handed out; a child number once per parent.
	if _, err := dispatchJSON(t, s, 1, "rpcUrl", chainArgs{Chain: "ethereum"}); err == nil || !strings.Contains(err.Error(), "does not run") {
		t.Fatalf("call from a frame never handed out: %v", err)
	}
	raw, err := dispatchJSON(t, s, 0, "actionCode", childArgs{CID: "QmChild", Index: 1})
	if err != nil {
		t.Fatal(err)
	}
	var child childCode
	if err := json.Unmarshal(raw, &child); err != nil || child.Frame != 1 || string(child.Code) != "1" {
		t.Fatalf("child %+v: %v", child, err)
	}
	if _, err := dispatchJSON(t, s, 0, "actionCode", childArgs{CID: "QmChild", Index: 1}); err == nil {
		t.Fatal("a child number given twice: two Actions would share one path")
	}
	if _, err := dispatchJSON(t, s, 0, "actionCode", childArgs{CID: "QmChild", Index: 0}); err == nil {
		t.Fatal("child number 0 accepted")
	}
	if _, err := dispatchJSON(t, s, 1, "claim", claimArgs{KeyID: "k2"}); err != nil {
		t.Fatal(err)
	}
	if got, want := s.claims["k2"].DerivedKeyID, crypto.Keccak256([]byte("QmChild_k2")); !bytes.Equal(got[:], want) {
		t.Fatal("a child's claim is not derived from the child's CID")
	}
	// The session enforces the call depth itself, not only the runtime.
	s = newSession(h, Limits{CallDepth: 1}.withDefaults(), testCID)
	if _, err := dispatchJSON(t, s, 0, "actionCode", childArgs{CID: "QmChild", Index: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := dispatchJSON(t, s, 1, "actionCode", childArgs{CID: "QmChild", Index: 1}); !errors.Is(err, ErrCallDepth) {
		t.Fatalf("depth 2 under a limit of 1: %v", err)
	}
}

// slowHost answers permission reads after a pause, so that calls pile up in flight.
type slowHost struct{ *fakeHost }

func (h slowHost) PermittedActions(ctx context.Context, tokenID *big.Int) ([]string, error) {
	select {
	case <-time.After(200 * time.Millisecond):
	case <-ctx.Done():
	}
	return nil, nil
}

// Each bound of the host-call budget stops the execution with its own error, uncaught, and the node
// does the work of no call past it.
func TestHostCallBudget(t *testing.T) {
	h := newFakeHost(t)
	for _, cid := range []string{"QmC1", "QmC2", "QmC3"} {
		h.code[cid] = []byte(`Lit.Actions.setResponse({ response: "c" });`)
	}
	cases := []struct {
		name string
		host Host
		lim  Limits
		code string
		want error
		msg  string
	}{
		{"claims", h, Limits{}, `(async () => {
			for (let i = 0; i < 11; i++) await Lit.Actions.claimKey({ keyId: "k" + i });
		})();`, ErrClaims, "You may not claim more than 10 keys"},
		{"key id", h, Limits{}, `(async () => { await Lit.Actions.claimKey({ keyId: "k".repeat(257) }); })();`,
			ErrKeyIDSize, "keyId is 257 bytes long. Max length is 256 bytes."},
		{"host calls", h, Limits{HostCalls: 5}, `(async () => {
			for (let i = 0; i < 6; i++) await Lit.Actions.getPermittedActions({ tokenId: "1" });
		})();`, ErrHostCalls, "more than 5 calls to the node"},
		{"host calls/nonce", h, Limits{HostCalls: 3}, `(async () => {
			for (let i = 0; i < 4; i++) await Lit.Actions.getLatestNonce({ address: "0x000000000000000000000000000000000000bEEF", chain: "ethereum" });
		})();`, ErrHostCalls, "more than 3 calls to the node"},
		{"in flight", slowHost{h}, Limits{HostInFlight: 2}, `(async () => {
			await Promise.all([1, 2, 3].map(() => Lit.Actions.getPermittedActions({ tokenId: "1" })));
		})();`, ErrHostInFlight, "more than 2 calls to the node running at once"},
		{"bytes", h, Limits{HostBytes: 1000}, `(async () => {
			await Lit.Actions.broadcastAndCollect({ name: "n", value: "x".repeat(1000) });
		})();`, ErrHostBytes, "at most 1000 bytes"},
		{"children", h, Limits{Calls: 2}, `(async () => {
			for (const c of ["QmC1", "QmC2", "QmC3"]) await Lit.Actions.call({ ipfsId: c });
		})();`, ErrCalls, "more than 2 child actions"},
		{"answer", h, Limits{AnswerSize: 600}, `(async () => {
			await Lit.Actions.signEcdsa({ toSign: new Uint8Array(32), publicKey, sigName: "s" });
			Lit.Actions.setResponse({ response: "x".repeat(100) });
		})();`, ErrAnswerSize, "The answer would be 613 bytes long"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			claims := len(h.claims)
			res, err := runWith(t, c.host, c.lim, c.code, map[string]any{"publicKey": h.pubHex()})
			if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
				t.Fatalf("err %v, want %v saying %q", err, c.want, c.msg)
			}
			if res.Response != "" || len(res.Claims) != 0 || len(res.Signatures) != 0 {
				t.Fatalf("a failed execution answered %+v", res)
			}
			if c.want == ErrClaims && len(h.claims)-claims != 10 {
				t.Fatalf("the host attested %d claims under a limit of 10", len(h.claims)-claims)
			}
			afterLimit(t, h)
		})
	}
	// getRpcUrl answers a refusal as a string, as Lit did, but the refusal is the limit's and the
	// host is not asked.
	res := mustRun(t, h, `(async () => {
		let last;
		for (let i = 0; i < 3; i++) last = await Lit.Actions.getRpcUrl({ chain: "ethereum" });
		Lit.Actions.setResponse({ response: last });
	})();`, nil)
	if res.Response != h.rpcURL {
		t.Fatalf("within the budget: %q", res.Response)
	}
	res, err := runWith(t, h, Limits{HostCalls: 2}, `(async () => {
		let last;
		for (let i = 0; i < 3; i++) last = await Lit.Actions.getRpcUrl({ chain: "ethereum" });
		Lit.Actions.setResponse({ response: last });
	})();`, nil)
	if err != nil || !strings.Contains(res.Response, "more than 2 calls to the node") {
		t.Fatalf("past the budget: %v %q", err, res.Response)
	}
}

// The budget holds in a worker too: the limits cross the pipe with their identity, and a call names
// its frame.
func TestPoolHostCallBudget(t *testing.T) {
	p := newPool(t, 1)
	h := newFakeHost(t)
	h.code["QmChild"] = []byte(`(async () => { await Lit.Actions.broadcastAndCollect({ name: "n", value: "child" }); })();`)
	_, err := poolRun(t, p, h, Limits{}, `(async () => {
		await Lit.Actions.call({ ipfsId: "QmChild" });
		await Lit.Actions.broadcastAndCollect({ name: "n", value: "parent" });
		for (let i = 0; ; i++) await Lit.Actions.claimKey({ keyId: "k" + i });
	})();`, nil)
	if !errors.Is(err, ErrClaims) {
		t.Fatalf("claim flood in a worker: %v", err)
	}
	if len(h.claims) != 10 {
		t.Fatalf("%d claims attested", len(h.claims))
	}
	if len(h.frames) != 2 || h.frames[0] != (Frame{"QmChild", "0.1"}) || h.frames[1] != (Frame{testCID, "0"}) {
		t.Fatalf("broadcasts came from %+v", h.frames)
	}
	if _, err := poolRun(t, p, h, Limits{AnswerSize: 10}, `Lit.Actions.setResponse({ response: "x".repeat(11) });`, nil); !errors.Is(err, ErrAnswerSize) {
		t.Fatalf("answer size in a worker: %v", err)
	}
}
