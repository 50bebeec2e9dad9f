package node

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/ipfs"
	"github.com/flint-network/flint/wire"
)

// testKey is a mail key of the top-level Action of a test execution.
func testKey(rid, tag, name string) mailKey {
	return newMailKey(execScope{byte(len(rid)), rid[len(rid)-1]}, actions.Frame{CID: "QmRoot", Path: "0"}, tag, name)
}

func TestMailbox(t *testing.T) {
	m := newMailbox()
	k := testKey("lit_1", tagBroadcast, "name")
	if k == testKey("lit_1", tagBroadcast, "name2") || k == testKey("lit_2", tagBroadcast, "name") || k == testKey("lit_1", tagRunOnce, "name") {
		t.Fatal("keys of different requests, tags or names collide")
	}

	done := make(chan map[uint32][]byte)
	go func() {
		got, err := m.wait(context.Background(), k, func(v map[uint32][]byte) bool { return len(v) == 2 })
		if err != nil {
			t.Error(err)
		}
		done <- got
	}()
	if err := m.put(k, 2, []byte("two")); err != nil {
		t.Fatal(err)
	}
	if err := m.put(k, 2, []byte("again")); err != nil { // a retransmission or a changed mind: the first stands
		t.Fatal(err)
	}
	if err := m.put(k, 3, []byte("three")); err != nil {
		t.Fatal(err)
	}
	got := <-done
	if string(got[2]) != "two" || string(got[3]) != "three" {
		t.Fatalf("got %v", got)
	}
	if v, ok := m.get(k, 2); !ok || string(v) != "two" {
		t.Fatalf("get: %q %v", v, ok)
	}

	// A wait that is not satisfied ends with its context and what came.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	got, err := m.wait(ctx, k, func(v map[uint32][]byte) bool { return len(v) == 3 })
	if !errors.Is(err, context.DeadlineExceeded) || len(got) != 2 {
		t.Fatalf("partial wait: %v, %d values", err, len(got))
	}

	if err := m.put(k, 4, make([]byte, maxActionValue+1)); !errors.Is(err, errValueTooBig) {
		t.Fatalf("oversized value: %v", err)
	}
	m.gc(time.Now().Add(time.Hour), time.Minute)
	if _, ok := m.get(k, 2); ok || m.bytes != 0 {
		t.Fatalf("gc kept the values (%d bytes)", m.bytes)
	}
}

func TestMailboxBound(t *testing.T) {
	m := newMailbox()
	m.limit = 4 * maxActionValue
	v := make([]byte, maxActionValue)
	var err error
	for i := 0; err == nil && i < 6; i++ {
		err = m.put(testKey("r", tagBroadcast, fmt.Sprint(i)), 1, v)
	}
	if !errors.Is(err, errMailboxFull) || m.bytes != m.limit {
		t.Fatalf("mailbox holds %d bytes, err %v", m.bytes, err)
	}
}

func TestActionValueWire(t *testing.T) {
	k := testKey("lit_abc", tagShare, "sig")
	body := encodeValue(k, []byte("value"))
	k2, v, err := decodeValue(body)
	if err != nil || k2 != k || string(v) != "value" {
		t.Fatalf("round trip: %v %x %q", err, k2, v)
	}
	if _, _, err := decodeValue(body[:31]); !errors.Is(err, errShortMessage) {
		t.Fatalf("short body: %v", err)
	}
	if _, _, err := decodeValue(make([]byte, 32+maxActionValue+1)); !errors.Is(err, errValueTooBig) {
		t.Fatalf("long body: %v", err)
	}
	// encodeValue must not write into the caller's key array.
	if string(encodeValue(k, nil)) != string(k[:]) {
		t.Fatal("empty value")
	}
}

func FuzzActionValue(f *testing.F) {
	k := testKey("lit_1", tagBroadcast, "x")
	f.Add(encodeValue(k, []byte("hello")))
	f.Add([]byte{})
	f.Add(k[:20])
	f.Fuzz(func(t *testing.T, body []byte) {
		k, v, err := decodeValue(body)
		if err != nil {
			return
		}
		if !bytes.Equal(encodeValue(k, v), body) {
			t.Fatal("decode/encode is not the identity")
		}
		m := newMailbox()
		if err := m.put(k, 1, v); err != nil {
			t.Fatal(err)
		}
		if got, ok := m.get(k, 1); !ok || !bytes.Equal(got, v) {
			t.Fatal("stored value differs")
		}
	})
}

func TestExecuteRequestParse(t *testing.T) {
	code := []byte(`Lit.Actions.setResponse({response: "hi"})`)
	b64 := base64.StdEncoding.EncodeToString(code)
	cid := ipfs.Sum(code).String()
	cases := []struct {
		name string
		req  wire.ExecuteRequest
		code string // error code, "" for success
	}{
		{"inline", wire.ExecuteRequest{Code: b64}, ""},
		{"inline and its CID", wire.ExecuteRequest{Code: b64, IPFSID: cid}, ""},
		{"by CID", wire.ExecuteRequest{IPFSID: cid}, ""},
		{"params object", wire.ExecuteRequest{Code: b64, JSParams: json.RawMessage(`{"a": [1, 2]}`)}, ""},
		{"params null", wire.ExecuteRequest{Code: b64, JSParams: json.RawMessage(`null`)}, ""},
		{"nothing", wire.ExecuteRequest{}, "NodeMissingActionCode"},
		{"not base64", wire.ExecuteRequest{Code: "!!!"}, "NodeInvalidActionCode"},
		{"unpadded base64", wire.ExecuteRequest{Code: strings.TrimRight(base64.StdEncoding.EncodeToString([]byte("ab")), "=")}, "NodeInvalidActionCode"},
		{"CID of other code", wire.ExecuteRequest{Code: b64, IPFSID: ipfs.Sum([]byte("other")).String()}, "NodeActionCidMismatch"},
		{"bad CID", wire.ExecuteRequest{IPFSID: "QmNotACid"}, "NodeInvalidIpfsId"},
		{"params array", wire.ExecuteRequest{Code: b64, JSParams: json.RawMessage(`[1]`)}, "NodeInvalidJsParams"},
		{"params string", wire.ExecuteRequest{Code: b64, JSParams: json.RawMessage(`"x"`)}, "NodeInvalidJsParams"},
		{"too large", wire.ExecuteRequest{Code: base64.StdEncoding.EncodeToString(make([]byte, 100))}, "NodeActionCodeTooLarge"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			src, err := parseActionSource(&c.req, 64)
			if c.code == "" {
				if err != nil {
					t.Fatal(err)
				}
				if src.cid.String() != cid {
					t.Fatalf("CID %s, want %s", src.cid, cid)
				}
				if c.req.Code != "" && !bytes.Equal(src.code, code) {
					t.Fatal("code differs")
				}
				return
			}
			var ce *codedError
			if !errors.As(err, &ce) || ce.code != c.code {
				t.Fatalf("want %s, got %v", c.code, err)
			}
		})
	}
}

func FuzzExecuteRequest(f *testing.F) {
	f.Add([]byte(`{"code":"TGl0LkFjdGlvbnMuc2V0UmVzcG9uc2Uoe3Jlc3BvbnNlOiAiaGkifSk=","jsParams":{"a":1},"authSig":{}}`))
	f.Add([]byte(`{"ipfsId":"QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o","jsParams":null}`))
	f.Add([]byte(`{"code":"aGk=","ipfsId":"QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH"}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var req wire.ExecuteRequest
		if json.Unmarshal(body, &req) != nil {
			return
		}
		src, err := parseActionSource(&req, 1<<10)
		if err != nil {
			var ce *codedError
			if !errors.As(err, &ce) || ce.status < 400 || ce.status >= 500 {
				t.Fatalf("not a client error: %v", err)
			}
			return
		}
		if src.code != nil && ipfs.Sum(src.code) != src.cid {
			t.Fatal("the CID is not the code's")
		}
		if len(src.code) > 1<<10 {
			t.Fatal("code over the limit accepted")
		}
		if src.params != nil && (src.params[0] != '{' || !json.Valid(src.params)) {
			t.Fatalf("params %q accepted", src.params)
		}
	})
}

func TestExecuteAnswer(t *testing.T) {
	var sigma secp.Scalar
	sigma.SetInt(12345)
	r := secp.BaseMult(&sigma)
	secp.ToAffine(&r)
	pub := secp.BaseMult(new(secp.Scalar).SetInt(7))
	secp.ToAffine(&pub)
	signer := &actionShare{sigma: &sigma, r: r, pub: secp.Uncompressed(&pub), hash: [32]byte{1, 2, 3}}
	res := &actions.Result{
		Response: `{"ok":true}`,
		Logs:     "hello\n",
		Signatures: map[string]actions.SignedShare{
			"mine":  {Share: signer},
			"other": {Share: &actionShare{}},
		},
		Claims: map[string]actions.Claim{"k": {DerivedKeyID: [32]byte{9}, Signature: bytes.Repeat([]byte{0xab}, 65)}},
	}
	raw, err := json.Marshal(executeAnswer(res))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	sd := got["signedData"].(map[string]any)
	mine := sd["mine"].(map[string]any)
	sb := sigma.Bytes()
	rc := secp.Compress(&r)
	want := map[string]any{
		"sigType":        "K256",
		"dataSigned":     `"` + strings.ToUpper(hex.EncodeToString(signer.hash[:])) + `"`,
		"signatureShare": `"` + strings.ToUpper(hex.EncodeToString(sb[:])) + `"`,
		"shareIndex":     float64(0),
		"bigR":           `"` + strings.ToUpper(hex.EncodeToString(rc[:])) + `"`,
		"publicKey":      `"` + strings.ToUpper(hex.EncodeToString(signer.pub[:])) + `"`,
		"sigName":        "mine",
	}
	for k, v := range want {
		if mine[k] != v {
			t.Errorf("signedData.mine.%s = %v, want %v", k, mine[k], v)
		}
	}
	other := sd["other"].(map[string]any)
	if other["signatureShare"] != "" || other["dataSigned"] != "fail" || other["bigR"] != "" || other["sigType"] != "K256" {
		t.Errorf("non-signer entry %v", other)
	}
	claim := got["claimData"].(map[string]any)["k"].(map[string]any)
	if claim["signature"] != strings.Repeat("ab", 65) || claim["derivedKeyId"] != "09"+strings.Repeat("00", 31) {
		t.Errorf("claim %v", claim)
	}
	if got["success"] != true || got["response"] != `{"ok":true}` || got["logs"] != "hello\n" || got["decryptedData"] == nil {
		t.Errorf("answer %s", raw)
	}
	// With nothing signed, signedData and claimData are still objects (the SDK reads their keys).
	raw, _ = json.Marshal(executeAnswer(&actions.Result{}))
	if !bytes.Contains(raw, []byte(`"signedData":{}`)) || !bytes.Contains(raw, []byte(`"claimData":{}`)) {
		t.Errorf("empty answer %s", raw)
	}
}

func TestActionFailed(t *testing.T) {
	cases := []struct {
		err    error
		status int
		code   string
	}{
		{&actions.ScriptError{Message: "Error: boom"}, 400, "NodeJsExecutionError"},
		{fmt.Errorf("wrapped: %w", actions.ErrTimeout), 400, "NodeJsTimeoutError"},
		{actions.ErrMemory, 400, "NodeJsMemoryLimitError"},
		{&actions.ScriptError{Message: "Error: too many", Err: fmt.Errorf("x: %w", actions.ErrFetches)}, 400, "NodeActionFetchLimit"},
		{&actions.ScriptError{Message: "Error: no", Err: notPermittedAction([]byte{4})}, 400, "NodePKPNotAuthorized"},
		{&actions.ScriptError{Message: "Error: no presigs", Err: ErrNoPresignatures}, 400, "NodeNoPresignatures"},
		{fmt.Errorf("%w: the worker died", actions.ErrWorker), 500, "NodeActionWorkerFailed"},
	}
	for _, c := range cases {
		err := actionFailed(c.err, "some logs")
		status, _, code := apiErr(err)
		if status != c.status || code != c.code {
			t.Errorf("%v: %d %s, want %d %s", c.err, status, code, c.status, c.code)
		}
		a, ok := errors.AsType[answerer](err)
		if !ok {
			t.Fatalf("%v: no answer body", c.err)
		}
		raw, _ := json.Marshal(a.answer(apiError{Kind: "k", Code: code, Status: status, Message: "m", Details: []string{}}))
		var body struct {
			Success *bool  `json:"success"`
			Error   string `json:"error"`
			Logs    string `json:"logs"`
			Code    string `json:"errorCode"`
			Status  int    `json:"status"`
		}
		wantError := c.err.Error()
		if status >= 500 { // the node's failure: what failed, not its internals
			wantError = "the Action's worker process failed; the node's log has the details under this correlationId"
		}
		if err := json.Unmarshal(raw, &body); err != nil || body.Success == nil || *body.Success || body.Error != wantError ||
			body.Logs != "some logs" || body.Code != code || body.Status != status {
			t.Errorf("%v: body %s", c.err, raw)
		}
	}
	if !errors.Is(actionFailed(notPermittedAction(nil), ""), ErrNotPermitted) {
		t.Error("the failure does not unwrap to its cause")
	}
	if got := notPermittedAction([]byte{4, 1}).Error(); got != "Neither you nor this Lit Action are authorized to sign using this PKP: 0x0401" {
		t.Errorf("Lit's wording: %q", got)
	}
}

func TestActionLimitsConfig(t *testing.T) {
	d := actions.DefaultLimits()
	if got := (ActionLimits{}).limits(); got != d {
		t.Fatalf("zero config: %+v, want Lit's %+v", got, d)
	}
	got := ActionLimits{Timeout: Duration(time.Second), MemoryMB: 32, Fetches: 3}.limits()
	if got.Timeout != time.Second || got.Memory != 32<<20 || got.Fetches != 3 || got.Signatures != d.Signatures {
		t.Fatalf("overrides: %+v", got)
	}
	// The answer's bound follows the response and log limits unless it is set.
	if got := (ActionLimits{ResponseSize: 1 << 20}).limits(); got.AnswerSize != 1<<20+d.LogSize+actions.AnswerSlack {
		t.Fatalf("answer size %d with a 1 MiB response", got.AnswerSize)
	}
	if got := (ActionLimits{AnswerSize: 5000, Claims: 2, KeyIDSize: 64, HostCalls: 7, HostBytes: 9, HostInFlight: 3, Calls: 4}).limits(); got.AnswerSize != 5000 ||
		got.Claims != 2 || got.KeyIDSize != 64 || got.HostCalls != 7 || got.HostBytes != 9 || got.HostInFlight != 3 || got.Calls != 4 {
		t.Fatalf("overrides: %+v", got)
	}
	bad := []ActionsConfig{
		{Workers: -1},
		{Limits: ActionLimits{Fetches: -1}},
		{Limits: ActionLimits{Claims: -1}},
		{Limits: ActionLimits{KeyIDSize: -1}},
		{Limits: ActionLimits{HostCalls: -1}},
		{Limits: ActionLimits{HostBytes: -1}},
		{Limits: ActionLimits{HostInFlight: -1}},
		{Limits: ActionLimits{Calls: -1}},
		{Limits: ActionLimits{AnswerSize: -1}},
		{Limits: ActionLimits{MemoryMB: 2 << 20}},
		{Chains: map[string]string{"ethereum": "not a url"}},
		{Chains: map[string]string{"ethereum": "ftp://x"}},
		{Chains: map[string]string{"flint": "http://127.0.0.1:1"}},
		{Chains: map[string]string{" ": "http://127.0.0.1:1"}},
	}
	for _, c := range bad {
		if err := c.check(); !errors.Is(err, ErrConfig) {
			t.Errorf("%+v accepted: %v", c, err)
		}
	}
	good := ActionsConfig{Workers: 2, Chains: map[string]string{"ethereum": "https://rpc.example", "yellowstone": "http://127.0.0.1:8545"},
		Egress: EgressConfig{Allow: []string{"127.0.0.0/8", "oracle.internal", "*.lab.example", "::1"}, Deny: []string{"10.0.0.0/8"}, MaxBytes: 1 << 20}}
	if err := good.check(); err != nil {
		t.Fatal(err)
	}
}

func TestEgressConfig(t *testing.T) {
	// Bad entries are refused with the key that holds them.
	for _, c := range []struct {
		cfg EgressConfig
		key string
	}{
		{EgressConfig{Allow: []string{"10.0.0.0/8", "10.0.0.0/40"}}, "actions.egress.allow[1]"},
		{EgressConfig{Deny: []string{"http://example.com"}}, "actions.egress.deny[0]"},
		{EgressConfig{Deny: []string{""}}, "actions.egress.deny[0]"},
		{EgressConfig{MaxBytes: -1}, "actions.egress.maxBytes"},
	} {
		err := (&ActionsConfig{Egress: c.cfg}).check()
		if !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), c.key) {
			t.Errorf("%+v: %v, want an error naming %s", c.cfg, err, c.key)
		}
	}
	// The policy reaches the runtime's limits with the node's own addresses.
	c := ActionsConfig{Egress: EgressConfig{Allow: []string{"127.0.0.1"}, Deny: []string{"evil.example"}, MaxBytes: 5000}}
	l := c.runtimeLimits([]string{"192.0.2.1"})
	if l.FetchBytes != 5000 || l.Egress == nil || l.Egress.Allow[0] != "127.0.0.1" || l.Egress.Deny[0] != "evil.example" || l.Egress.Self[0] != "192.0.2.1" {
		t.Fatalf("limits %+v egress %+v", l, l.Egress)
	}
	if l := (&ActionsConfig{}).runtimeLimits(nil); l.FetchBytes != actions.DefaultLimits().FetchBytes || l.Egress == nil || len(l.Egress.Allow) != 0 {
		t.Fatalf("default limits %+v", l)
	}
	// The node's own addresses: its listen IPs and its chain RPC's host.
	n := &Node{cfg: &Config{APIListen: "198.51.100.7:7470", PeerListen: "198.51.100.7:7471", ChainRPC: "https://Geth.Internal:8545/"}}
	if got := strings.Join(n.ownAddresses(), " "); got != "198.51.100.7 geth.internal" {
		t.Fatalf("own addresses %q", got)
	}
	// An unspecified listen address stands for every interface address, loopback included.
	n = &Node{cfg: &Config{APIListen: "0.0.0.0:7470", PeerListen: "[::]:7471", ChainRPC: "http://127.0.0.1:8545"}}
	if got := n.ownAddresses(); !slices.Contains(got, "127.0.0.1") || slices.Contains(got, "0.0.0.0") {
		t.Fatalf("own addresses %q", got)
	}
}

// Failures the client caused answer 400 with their own code, never 500.
func TestActionFailedCodes(t *testing.T) {
	for _, c := range []struct {
		err  error
		code string
	}{
		{fmt.Errorf("%w: key %q would replace a read-only global", actions.ErrInvalidParams, "Lit"), "NodeInvalidJsParams"},
		{fmt.Errorf("run: %w", actions.ErrTimeout), "NodeJsTimeoutError"},
		{fmt.Errorf("run: %w", actions.ErrSignatures), "NodeActionSignatureLimit"},
		{fmt.Errorf("run: %w", actions.ErrCalls), "NodeActionCallLimit"},
		{fmt.Errorf("run: %w", actions.ErrClaims), "NodeActionClaimLimit"},
		{fmt.Errorf("run: %w", actions.ErrKeyIDSize), "NodeActionClaimKeyTooLong"},
		{fmt.Errorf("run: %w", actions.ErrHostCalls), "NodeActionHostCallLimit"},
		{fmt.Errorf("run: %w", actions.ErrHostBytes), "NodeActionHostCallBudget"},
		{fmt.Errorf("run: %w", actions.ErrHostInFlight), "NodeActionHostCallsInFlight"},
		{fmt.Errorf("run: %w", actions.ErrAnswerSize), "NodeActionAnswerTooLarge"},
	} {
		var af *actionFailure
		if !errors.As(actionFailed(c.err, ""), &af) || af.coded.code != c.code || af.coded.status != http.StatusBadRequest {
			t.Errorf("%v: got %+v, want 400 %s", c.err, af, c.code)
		}
	}
	// A full worker pool is the node's state, not the client's fault.
	var af *actionFailure
	if !errors.As(actionFailed(fmt.Errorf("run: %w", actions.ErrBusy), ""), &af) || af.coded.code != "NodeActionsBusy" || af.coded.status != http.StatusServiceUnavailable {
		t.Errorf("busy: got %+v, want 503 NodeActionsBusy", af)
	}
}
