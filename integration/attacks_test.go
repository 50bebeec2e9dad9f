package integration

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/node"
)

// fetchTargets is an Action that fetches every target and reports, per target, what came back or the
// error it got. Each target is {name, url, method, body}.
const fetchTargets = `(async () => {
  const out = {};
  for (const t of targets) {
    try {
      const r = await fetch(t.url, t.body ? { method: "POST", headers: { "Content-Type": "application/json" }, body: t.body } : {});
      out[t.name] = "fetched " + r.status + ": " + (await r.text()).slice(0, 200);
    } catch (e) {
      out[t.name] = e.name + ": " + e.message;
    }
  }
  Lit.Actions.setResponse({ response: JSON.stringify(out) });
})();`

// The attack: anyone may send an Action to every node, and its fetch runs from the node's place in the
// network. Without an egress policy an Action reads and drives what only the node should reach: a
// service on the node's loopback, the chain's JSON-RPC (the node's own connection: on a dev chain, its
// unlocked accounts), the node's own API and peer ports, the cloud metadata service with the machine's
// credentials (169.254.169.254), the operator's private network (10.0.0.1); and a server the policy lets
// through can bounce the fetch there with a redirect. Every one must be refused, before any connection,
// with the egress policy's named error.
func TestAttackActionFetchInternal(t *testing.T) {
	// An internal service on the nodes' loopback: it must never see a request.
	var internalHits atomic.Int64
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internalHits.Add(1)
		fmt.Fprint(w, "internal secret")
	}))
	defer internal.Close()
	internalPort := internal.URL[strings.LastIndex(internal.URL, ":")+1:]

	// The attacker's web server, which redirects wherever ?to= says. There is no Internet or public DNS
	// in the tests, so it listens on 127.0.0.9, which this devnet's egress policy allows, and nothing
	// else: that address then stands for a public server, which the default policy lets through.
	var redirectorHits atomic.Int64
	redirector := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		redirectorHits.Add(1)
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	}))
	l, err := net.Listen("tcp", "127.0.0.9:0")
	if err != nil {
		t.Fatal(err)
	}
	redirector.Listener.Close()
	redirector.Listener = l
	redirector.Start()
	defer redirector.Close()
	bounce := func(to string) string { return redirector.URL + "/?to=" + url.QueryEscape(to) }

	d := startDevnetWith(t, 4, node.PoolConfig{Low: 20, High: 40, Batch: 20}, &node.ActionsConfig{
		Workers: 2,
		Egress:  node.EgressConfig{Allow: []string{"127.0.0.9"}},
	})
	f := newPKPFixtureOn(t, d)
	rpcBody := `{"jsonrpc":"2.0","id":1,"method":"eth_accounts","params":[]}`

	targets := []struct {
		name, url, body, why string
		// neverConnect marks addresses outside this machine: nothing may ever be sent to them, so the
		// refusal must come before any connection is attempted.
		neverConnect bool
	}{
		{name: "loopback service", url: internal.URL + "/admin", why: "fetch to 127.0.0.1 refused: loopback addresses are not allowed"},
		{name: "loopback by name", url: "http://localhost:" + internalPort + "/admin", why: "fetch to localhost refused: loopback addresses are not allowed"},
		{name: "loopback as IPv4-mapped IPv6", url: "http://[::ffff:127.0.0.1]:" + internalPort + "/admin", why: "fetch to ::ffff:127.0.0.1 refused: loopback addresses are not allowed"},
		{name: "chain JSON-RPC", url: d.Chain.RPCURL(), body: rpcBody, why: "fetch to 127.0.0.1 refused: loopback addresses are not allowed"},
		{name: "node API", url: d.URLs()[0] + "/web/handshake", why: "refused: loopback addresses are not allowed"},
		{name: "cloud metadata", url: "http://169.254.169.254/latest/meta-data/iam/security-credentials/", why: "fetch to 169.254.169.254 refused: link-local addresses are not allowed", neverConnect: true},
		{name: "private network", url: "http://10.0.0.1/", why: "fetch to 10.0.0.1 refused: private addresses are not allowed", neverConnect: true},
		{name: "redirect to loopback", url: bounce(internal.URL + "/admin"), why: "fetch to 127.0.0.1 refused: loopback addresses are not allowed"},
		{name: "redirect to loopback by name", url: bounce("http://localhost:" + internalPort + "/admin"), why: "fetch to localhost refused: loopback addresses are not allowed"},
		{name: "redirect to the chain", url: bounce(d.Chain.RPCURL()), why: "fetch to 127.0.0.1 refused: loopback addresses are not allowed"},
		{name: "redirect to metadata", url: bounce("http://169.254.169.254/latest/meta-data/"), why: "fetch to 169.254.169.254 refused: link-local addresses are not allowed", neverConnect: true},
	}
	var params []map[string]string
	for _, tg := range targets {
		params = append(params, map[string]string{"name": tg.name, "url": tg.url, "body": tg.body})
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	res, err := f.cl.Execute(ctx, f.authSig, client.Action{Code: []byte(fetchTargets)}, map[string]any{"targets": params})
	if err != nil {
		t.Fatal(err)
	}
	if res.Answered != 4 || res.Agree != 4 {
		t.Fatalf("%d nodes answered, %d agree: %+v", res.Answered, res.Agree, res.Failed)
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(res.Response), &got); err != nil {
		t.Fatalf("response %q: %v", res.Response, err)
	}
	for _, tg := range targets {
		msg := got[tg.name]
		if !strings.HasPrefix(msg, "TypeError: ") || !strings.Contains(msg, tg.why) || !strings.HasSuffix(msg, "(egress policy)") {
			t.Errorf("%s (%s): the Action got %q, want a TypeError with %q", tg.name, tg.url, msg, tg.why)
		} else {
			t.Logf("%s: %s", tg.name, msg)
		}
	}
	if n := internalHits.Load(); n != 0 {
		t.Errorf("the internal service got %d requests", n)
	}
	// The redirector was reached (it is allowed): 4 nodes × 4 redirects. The refusals came at the
	// redirect, not before.
	if n := redirectorHits.Load(); n != 16 {
		t.Errorf("the redirector got %d requests, want 16", n)
	}

	// Uncaught, the refusal fails the execution on every node with the policy's message.
	_, err = f.cl.Execute(ctx, f.authSig, client.Action{Code: []byte(`(async () => { await fetch("http://169.254.169.254/latest/meta-data/"); })();`)}, nil)
	var ae *client.ActionError
	if !errors.As(err, &ae) || ae.Nodes != 4 ||
		!strings.Contains(ae.Message, "TypeError: fetch to 169.254.169.254 refused: link-local addresses are not allowed (egress policy)") {
		t.Fatalf("uncaught refusal: %v", err)
	}
	if ae.Code != "NodeActionFetchRefused" {
		t.Fatalf("uncaught refusal: code %s", ae.Code)
	}
}

// The attack: a wallet AuthSig is valid at every node. The user sends one to each node; a corrupt node
// (or any website that collected an ordinary Sign-In with Ethereum) replays it at the others with its own
// request id and a hash of its choosing, collects a quorum of shares, and signs anything with every PKP
// the user may use, or runs Actions in the user's name. Signing and Actions must accept only
// credentials made for the node that receives them, so every replay is refused and nothing is bound.
func TestAttackReplayedAuthSig(t *testing.T) {
	f := newSharedPKPFixture(t)
	urls := f.d.URLs()
	owner := f.d.Chain.Accounts()[1]
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// What the old client sent every node, and a login some website collected.
	sent, err := client.WalletAuthSig(owner.Key, f.cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC().Truncate(time.Second)
	login, err := client.SignSIWE(owner.Key, &auth.Message{Domain: "shop.example", Address: owner.Address, Statement: "Sign in to the shop.",
		URI: "https://shop.example/login", Version: "1", ChainID: 1, Nonce: "a1b2c3d4e5", IssuedAt: now, ExpirationTime: now.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	before := bindings(t, urls)
	for name, stolen := range map[string]json.RawMessage{"AuthSig sent to a node": sent, "website login": login} {
		body := map[string]any{"toSign": make([]int, 32), "pubkey": "0x" + fmt.Sprintf("%x", f.pubkey), "authSig": stolen, "plainShares": true}
		for i := range body["toSign"].([]int) {
			body["toSign"].([]int)[i] = 0xee // the attacker's hash
		}
		for _, u := range urls {
			status, out, err := rawSign(ctx, u, client.NewRequestID(), body)
			if err != nil {
				t.Fatal(err)
			}
			if status != http.StatusUnauthorized || out["errorCode"] != "NodeAuthSessionRequired" {
				t.Errorf("%s replayed at %s: %d %v, want 401 NodeAuthSessionRequired", name, u, status, out["errorCode"])
			}
		}
		// Through the client too, and for an Action.
		_, err := f.cl.PKPSign(ctx, client.WalletSig(stolen), f.pubkey, [32]byte{0xee})
		if !allRefused(err, 4, "NodeAuthSessionRequired") {
			t.Errorf("%s: PKPSign: %v", name, err)
		}
		_, err = f.cl.Execute(ctx, client.WalletSig(stolen), client.Action{Code: []byte(`Lit.Actions.setResponse({response: "ran"});`)}, nil)
		if !allRefused(err, 4, "NodeAuthSessionRequired") {
			t.Errorf("%s: Execute: %v", name, err)
		}
	}
	if after := bindings(t, urls); after != before {
		t.Fatalf("%d presignatures bound for refused requests", after-before)
	}
	// The owner's session still signs.
	res, err := f.cl.PKPSign(ctx, f.authSig, f.pubkey, [32]byte{1})
	if err != nil {
		t.Fatal(err)
	}
	verify(t, &res.Signature, f.pubkey)
}

// The attack: a corrupt node takes the session signature the client made for it and replays it at the
// other nodes, with its own request id and hash. The signature names the node it was made for, so each
// other node refuses it; a quorum of shares is never within the corrupt node's reach.
func TestAttackSessionSigAtAnotherNode(t *testing.T) {
	f := newSharedPKPFixture(t)
	urls := f.d.URLs()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	before := bindings(t, urls)
	for i, corrupt := range urls {
		mine, err := f.authSig.AuthSigFor(corrupt)
		if err != nil {
			t.Fatal(err)
		}
		body := map[string]any{"toSign": make([]int, 32), "pubkey": fmt.Sprintf("0x%x", f.pubkey), "authSig": mine, "plainShares": true}
		for j, u := range urls {
			if j == i {
				continue
			}
			status, out, err := rawSign(ctx, u, client.NewRequestID(), body)
			if err != nil {
				t.Fatal(err)
			}
			if status != http.StatusUnauthorized || out["errorCode"] != "NodeAuthWrongNode" {
				t.Errorf("node %d's signature at node %d: %d %v, want 401 NodeAuthWrongNode", i+1, j+1, status, out["errorCode"])
			}
		}
	}
	if after := bindings(t, urls); after != before {
		t.Fatalf("%d presignatures bound for refused requests", after-before)
	}
}

// allRefused reports whether err is a NodesError in which at least n nodes
// answered code.
func allRefused(err error, n int, code string) bool {
	var ne *client.NodesError
	if !errors.As(err, &ne) {
		return false
	}
	got := 0
	for _, e := range ne.Nodes {
		if e.Code == code {
			got++
		}
	}
	return got >= n
}
