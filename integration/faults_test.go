package integration

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/node"
)

// pkpFixture is a devnet with one minted PKP and a session of its owner.
type pkpFixture struct {
	d       *devnet.Devnet
	cl      *client.Client
	cc      *chain.Client
	pubkey  []byte
	token   string
	authSig *client.Session
}

func newPKPFixture(t testing.TB, n int) *pkpFixture {
	t.Helper()
	return newPKPFixtureOn(t, startDevnet(t, n, node.PoolConfig{Low: 20, High: 40, Batch: 20}))
}

// newSharedPKPFixture mints a PKP of its own for the test on the shared
// devnet (sharedDevnet).
func newSharedPKPFixture(t testing.TB) *pkpFixture {
	t.Helper()
	return newPKPFixtureOn(t, sharedDevnet(t))
}

// newPKPFixtureOn mints a PKP on a running devnet.
func newPKPFixtureOn(t testing.TB, d *devnet.Devnet) *pkpFixture {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cl, err := client.Connect(ctx, d.URLs(), client.Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(cc.Close)
	owner := d.Chain.Accounts()[1]
	var nonce [32]byte
	rand.Read(nonce[:]) // one devnet may serve many tests, and a test many runs
	m, err := cl.ClaimAndMint(ctx, cc, cc.Transactor(owner.Key), nonce)
	if err != nil {
		t.Fatal(err)
	}
	sig, err := client.NewSession(owner.Key, cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	return &pkpFixture{d: d, cl: cl, cc: cc, pubkey: m.Pubkey, token: m.TokenID.String(), authSig: sig}
}

// signEventually retries while the network notices a change (a stopped or
// restarted node), for up to a deadline.
func (f *pkpFixture) signEventually(t testing.TB, msg string, ok func(*client.SignResult) bool) *client.SignResult {
	t.Helper()
	deadline := time.Now().Add(45 * time.Second)
	var last error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		res, err := f.cl.PKPSign(ctx, f.authSig, f.pubkey, sha256.Sum256([]byte(msg)))
		cancel()
		if err == nil && ok(res) {
			verify(t, &res.Signature, f.pubkey)
			return res
		}
		last = err
		time.Sleep(500 * time.Millisecond)
	}
	t.Fatalf("no signature: %v", last)
	return nil
}

// With t nodes down the others sign; with t+1 down the network says which
// nodes are missing; restarted nodes serve again with the same keys.
func TestFaultTolerance(t *testing.T) {
	// Its own devnet; most of its time is waiting for nodes to see a peer down.
	t.Parallel()
	f := newPKPFixture(t, 4) // t = 1, q = 3
	urls := f.d.URLs()
	f.signEventually(t, "all up", func(r *client.SignResult) bool { return len(r.Signers) >= 3 })

	if err := f.d.StopNode(3, false); err != nil {
		t.Fatal(err)
	}
	res := f.signEventually(t, "one down", func(*client.SignResult) bool { return true })
	if slices.Contains(res.Signers, urls[3]) {
		t.Fatal("a stopped node contributed a share")
	}
	// /metrics reports the peer as down and the others as up.
	waitFor(t, "peer 4 reported down", 15*time.Second, func() bool {
		down, ok4 := metric(t, urls[0], `flint_peer_up{peer="4"}`)
		up, ok2 := metric(t, urls[0], `flint_peer_up{peer="2"}`)
		return ok4 && ok2 && down == 0 && up == 1
	})

	if err := f.d.StopNode(2, false); err != nil {
		t.Fatal(err)
	}
	// Two of four left: every answer is a clear refusal naming the
	// unreachable nodes (once the others have noticed).
	deadline := time.Now().Add(30 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		_, err := f.cl.PKPSign(ctx, f.authSig, f.pubkey, sha256.Sum256([]byte("two down")))
		cancel()
		var ne *client.NodesError
		if !errors.As(err, &ne) {
			t.Fatalf("two down: %v", err)
		}
		named := 0
		for _, n := range ne.Nodes {
			if n.Code == "NodeTooFewNodes" && strings.Contains(n.Message, "unreachable: [3 4]") {
				named++
			}
		}
		if named == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no answer names the missing nodes: %v", err)
		}
		time.Sleep(time.Second)
	}

	// Restart both: same keys (the handshake agrees), and they sign again.
	for _, i := range []int{2, 3} {
		if err := f.d.StartNode(i); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := f.d.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	again, err := client.Connect(ctx, urls, client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !again.BLSKey.Equal(f.cl.BLSKey) || len(again.RootKeys) != 10 {
		t.Fatal("restarted network has other keys")
	}
	// Both sign again; the client stops at the first quorum, so collect
	// signers over a few signatures.
	seen := map[string]bool{}
	f.signEventually(t, "back up", func(r *client.SignResult) bool {
		for _, u := range r.Signers {
			seen[u] = true
		}
		return seen[urls[3]] && seen[urls[2]]
	})
}

// rawSign posts one pkp sign request to one node. A client.Credential as
// the body's authSig is replaced by its signature for that node.
func rawSign(ctx context.Context, url, rid string, body any) (int, map[string]any, error) {
	if m, ok := body.(map[string]any); ok {
		if cred, ok := m["authSig"].(client.Credential); ok {
			sig, err := cred.AuthSigFor(url)
			if err != nil {
				return 0, nil, err
			}
			m = maps.Clone(m)
			m["authSig"] = sig
			body = m
		}
	}
	b, _ := json.Marshal(body)
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url+"/web/pkp/sign/v1", bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	if rid != "" {
		req.Header.Set("X-Request-Id", rid)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		return resp.StatusCode, nil, fmt.Errorf("content type %q", ct)
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return resp.StatusCode, nil, err
	}
	return resp.StatusCode, out, nil
}

func signBody(f *pkpFixture, hash [32]byte) map[string]any {
	toSign := make([]int, 32)
	for i, b := range hash {
		toSign[i] = int(b)
	}
	return map[string]any{"toSign": toSign, "pubkey": "0x" + hex.EncodeToString(f.pubkey), "authSig": f.authSig}
}

// Concurrent requests, including several that share a request id, each get
// their own presignature, and every node agrees which.
func TestConcurrentRequestsUseDistinctPresignatures(t *testing.T) {
	f := newSharedPKPFixture(t)
	urls := f.d.URLs()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	const requests = 24
	var mu sync.Mutex
	presigOf := map[int]string{}
	var wg sync.WaitGroup
	for i := 0; i < requests; i++ {
		rid := client.NewRequestID()
		if i%4 == 1 {
			rid = "lit_shared" // same id, different messages
		}
		for _, u := range urls {
			wg.Add(1)
			go func(i int, u, rid string) {
				defer wg.Done()
				status, out, err := rawSign(ctx, u, rid, signBody(f, sha256.Sum256([]byte(fmt.Sprint("message ", i)))))
				if err != nil || status != http.StatusOK {
					t.Errorf("request %d at %s: %d %v %v", i, u, status, out, err)
					return
				}
				p, _ := out["presignature"].(string)
				mu.Lock()
				defer mu.Unlock()
				if prev, ok := presigOf[i]; ok && prev != p {
					t.Errorf("request %d: nodes disagree on the presignature: %s vs %s", i, prev, p)
				}
				presigOf[i] = p
			}(i, u, rid)
		}
	}
	wg.Wait()
	seen := map[string]int{}
	for i, p := range presigOf {
		if p == "" {
			t.Fatalf("request %d: no presignature", i)
		}
		if j, dup := seen[p]; dup {
			t.Fatalf("requests %d and %d got the same presignature %s", i, j, p)
		}
		seen[p] = i
	}
	if len(seen) != requests {
		t.Fatalf("%d presignatures for %d requests", len(seen), requests)
	}
}

// Bad input on every endpoint: a typed 4xx, JSON, and nothing bound.
func TestBadInput(t *testing.T) {
	f := newSharedPKPFixture(t)
	url := f.d.URLs()[0]
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	before := bindings(t, f.d.URLs())
	good := signBody(f, sha256.Sum256([]byte("x")))
	with := func(k string, v any) map[string]any {
		m := map[string]any{}
		for kk, vv := range good {
			m[kk] = vv
		}
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
		return m
	}
	owner := f.d.Chain.Accounts()[1]
	now := time.Now().UTC().Truncate(time.Second)
	wallet, _ := client.SignSIWE(owner.Key, &auth.Message{Domain: "localhost", Address: owner.Address, URI: "http://localhost/",
		Version: "1", ChainID: 1, Nonce: "12345678", IssuedAt: now, ExpirationTime: now.Add(time.Hour)})
	elsewhere, _ := f.authSig.AuthSigFor(f.d.URLs()[1])
	var forged map[string]any
	mine, _ := f.authSig.AuthSigFor(url)
	json.Unmarshal(mine, &forged)
	forged["sig"] = strings.Repeat("0", 128)
	unknown := make([]byte, 65)
	copy(unknown, f.pubkey)
	unknown[64] ^= 1 // off the curve → refused; a valid unminted key below
	other, _ := hex.DecodeString("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")

	cases := []struct {
		name   string
		rid    string
		body   any
		status int
		code   string
	}{
		{"no request id", "", good, 400, "NodeMissingRequestId"},
		{"bad request id", "lit_$$$", good, 400, "NodeInvalidRequestId"},
		{"31 bytes", "lit_1", with("toSign", make([]int, 31)), 400, "NodeInvalidMessageLength"},
		{"33 bytes", "lit_2", with("toSign", make([]int, 33)), 400, "NodeInvalidMessageLength"},
		{"not bytes", "lit_3", with("toSign", []int{256}), 400, "NodeInvalidJSON"},
		{"no pubkey", "lit_4", with("pubkey", nil), 400, "NodeInvalidPublicKey"},
		{"short pubkey", "lit_5", with("pubkey", "0x04abcd"), 400, "NodeInvalidPublicKey"},
		{"pubkey off the curve", "lit_6", with("pubkey", "0x"+hex.EncodeToString(unknown)), 404, "NodePKPNotFound"},
		{"unknown PKP", "lit_7", with("pubkey", "0x"+hex.EncodeToString(other)), 404, "NodePKPNotFound"},
		{"no authSig", "lit_8", with("authSig", nil), 400, "NodeMissingAuthSig"},
		{"wallet authSig", "lit_9", with("authSig", json.RawMessage(wallet)), 401, "NodeAuthSessionRequired"},
		{"another node's session signature", "lit_9b", with("authSig", elsewhere), 401, "NodeAuthWrongNode"},
		{"forged authSig", "lit_10", with("authSig", forged), 401, "NodeAuthBadSignature"},
		{"garbage authSig", "lit_11", with("authSig", "hello"), 400, "NodeAuthMalformed"},
		{"old epoch", "lit_12", with("epoch", 99), 400, "NodeInvalidEpoch"},
		{"malformed JSON", "lit_13", json.RawMessage(`{"toSign": [1,2`), 400, "NodeInvalidJSON"},
		{"oversized body", "lit_14", map[string]any{"pad": strings.Repeat("a", 2<<20)}, 413, "NodeBodyTooLarge"},
	}
	for _, tc := range cases {
		status, out, err := rawSign(ctx, url, tc.rid, tc.body)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if status != tc.status || out["errorCode"] != tc.code {
			t.Errorf("%s: %d %v, want %d %s", tc.name, status, out["errorCode"], tc.status, tc.code)
		}
		if out["correlationId"] != tc.rid && tc.rid != "lit_$$$" {
			t.Errorf("%s: correlationId %v", tc.name, out["correlationId"])
		}
	}
	// Other endpoints.
	for _, tc := range []struct{ path, body, code string }{
		{"/web/handshake/", `{"challenge": 5`, "NodeInvalidJSON"},
		{"/flint/v1/attest", `{"recipient": "0x12", "nonce": "0x01"}`, "NodeInvalidRecipient"},
		{"/flint/v1/attest", `{"recipient": "0x0000000000000000000000000000000000000000", "nonce": "0x01"}`, "NodeInvalidRecipient"},
		{"/flint/v1/attest", `{"recipient": "0x1111111111111111111111111111111111111111", "nonce": "0x01"}`, "NodeInvalidNonce"},
		{"/web/execute/v2", `{}`, "NodeUnknownPath"},
		{"/web/handshake/anything", `{}`, "NodeUnknownPath"},
	} {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, url+tc.path, strings.NewReader(tc.body))
		req.Header.Set("X-Request-Id", "lit_other")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var out map[string]any
		json.NewDecoder(resp.Body).Decode(&out)
		resp.Body.Close()
		if resp.StatusCode/100 == 2 || out["errorCode"] != tc.code || resp.Header.Get("Content-Type") != "application/json" {
			t.Errorf("%s %s: %d %v, want %s", tc.path, tc.body, resp.StatusCode, out["errorCode"], tc.code)
		}
		if out["correlationId"] != "lit_other" {
			t.Errorf("%s: correlationId %v", tc.path, out["correlationId"])
		}
	}
	if n, ok := metric(t, url, `flint_requests_total{endpoint="unknown",outcome="NodeUnknownPath"}`); !ok || n < 2 {
		t.Errorf("unknown paths counted %d times, want 2", n)
	}
	if after := bindings(t, f.d.URLs()); after != before {
		t.Fatalf("bad input bound presignatures: %d → %d", before, after)
	}
}

// bindings sums flint_bindings_total over the nodes.
func bindings(t *testing.T, urls []string) int {
	total := 0
	for _, u := range urls {
		resp, err := http.Get(u + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		for _, line := range strings.Split(string(b), "\n") {
			var v int
			if _, err := fmt.Sscanf(line, "flint_bindings_total %d", &v); err == nil {
				total += v
			}
		}
	}
	return total
}
