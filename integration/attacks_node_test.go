package integration

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/node"
)

// The tests of this file play an attacker against what a node does for a caller it has not
// authenticated yet, and against what it tells callers and Actions about its insides.

// The attack: EIP-1271 lets a contract vouch for a signature by returning the magic value 0x1626ba7e
// from isValidSignature. A node that accepts any answer starting with those 4 bytes accepts a contract
// that echoes its calldata (the identity precompile at 0x…04 does), since the calldata starts with the
// selector, which is the magic value: anyone can then sign as that "wallet" without a signature. And a
// node that makes the call without a gas cap lets the contract run on the RPC node's cap (50,000,000
// gas on geth): a contract that vouches only when given more than a million gas gets through, and any
// caller can make the node burn that much per request before it knows who is asking. Both wallets are
// permitted on a PKP here, so an accepted session would sign; each must be refused as a bad signature.
func TestAttackNodeEIP1271(t *testing.T) {
	f := newSharedPKPFixture(t)
	d, urls := f.d, f.d.URLs()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	owner := d.Chain.Accounts()[1]
	token, _ := new(big.Int).SetString(f.token, 10)
	var tokenBytes [32]byte
	token.FillBytes(tokenBytes[:])
	chainID := d.Chain.ChainID().Uint64()

	echo := common.HexToAddress("0x0000000000000000000000000000000000000004")
	// isValidSignature answers the ABI-encoded magic value when it has more than 1,000,000 gas left,
	// and zero otherwise: PUSH3 1000000, GAS, GT, PUSH32 magic, MUL, MSTORE at 0, RETURN 32 bytes.
	hungry := deployRaw(ctx, t, f.cc, owner.Key, append(append([]byte{0x62, 0x0f, 0x42, 0x40, 0x5a, 0x11, 0x7f, 0x16, 0x26, 0xba, 0x7e},
		make([]byte, 28)...), 0x02, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3))
	for _, w := range []common.Address{echo, hungry} {
		if _, err := f.cc.AddPermittedAddress(ctx, f.cc.Transactor(owner.Key), token, w, chain.ScopeSignAnything); err != nil {
			t.Fatal(err)
		}
	}
	hash := [32]byte{0xee} // the attacker's message

	// The hand-made session is well formed: with the owner's own EIP-191 capability it signs.
	control := handSession(t, urls, func(key string) auth.AuthSig {
		raw, err := client.SignSIWE(owner.Key, sessionGrant(owner.Address, chainID, key, tokenBytes))
		if err != nil {
			t.Fatal(err)
		}
		var a auth.AuthSig
		json.Unmarshal(raw, &a)
		return a
	})
	for i, a := range signAll(ctx, t, urls, control, f.pubkey, hash) {
		if a.status != http.StatusOK {
			t.Fatalf("the control session at node %d: %d %s", i+1, a.status, a.raw)
		}
	}

	for name, wallet := range map[string]common.Address{"echo (identity precompile)": echo, "gas-hungry contract": hungry} {
		cred := handSession(t, urls, func(key string) auth.AuthSig {
			return auth.AuthSig{
				Sig:           "0x" + strings.Repeat("11", 65), // no one signed anything
				DerivedVia:    auth.DerivedViaContract,
				SignedMessage: sessionGrant(wallet, chainID, key, tokenBytes).String(),
				Address:       wallet.Hex(),
			}
		})
		for i, a := range signAll(ctx, t, urls, cred, f.pubkey, hash) {
			if a.status != http.StatusUnauthorized || a.code != "NodeAuthBadSignature" || !strings.Contains(a.raw, "EIP-1271") {
				t.Errorf("%s at node %d: %d %s, want 401 NodeAuthBadSignature", name, i+1, a.status, a.raw)
			}
		}
	}
}

// sessionGrant is the SIWE message with which wallet grants session key (hex) signing with the PKP.
func sessionGrant(wallet common.Address, chainID uint64, key string, token [32]byte) *auth.Message {
	rc := auth.NewRecap(auth.ResourceAbility{Resource: auth.PKPResource(token), Ability: auth.AbilityPKPSigning})
	now := time.Now().UTC().Truncate(time.Second)
	return &auth.Message{Domain: "localhost", Address: wallet, Statement: "Grant a Flint session key. " + rc.Statement(),
		URI: "lit:session:" + key, Version: "1", ChainID: chainID, Nonce: "a1b2c3d4e5f6", IssuedAt: now.Add(-time.Minute),
		ExpirationTime: now.Add(time.Hour), Resources: []string{rc.Encode()}}
}

// handSession makes session signatures by hand, as an attacker can: a fresh ed25519 key signs, for
// each node, the session JSON carrying the one capability that capability(key hex) returns.
func handSession(t *testing.T, urls []string, capability func(key string) auth.AuthSig) client.SessionSigs {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	key := hex.EncodeToString(pub)
	c := capability(key)
	const iso = "2006-01-02T15:04:05.000Z"
	now := time.Now().UTC()
	out := client.SessionSigs{}
	for _, u := range urls {
		type resource struct {
			Resource       string `json:"resource"`
			ResourcePrefix string `json:"resourcePrefix"`
		}
		type request struct {
			Resource resource `json:"resource"`
			Ability  string   `json:"ability"`
		}
		msg, _ := json.Marshal(struct {
			SessionKey              string         `json:"sessionKey"`
			ResourceAbilityRequests []request      `json:"resourceAbilityRequests"`
			Capabilities            []auth.AuthSig `json:"capabilities"`
			IssuedAt                string         `json:"issuedAt"`
			Expiration              string         `json:"expiration"`
			NodeAddress             string         `json:"nodeAddress"`
		}{key, []request{{resource{"*", auth.PrefixPKP}, string(auth.AbilityPKPSigning)}}, []auth.AuthSig{c},
			now.Add(-time.Minute).Format(iso), now.Add(time.Hour).Format(iso), u})
		sig, _ := json.Marshal(auth.AuthSig{Sig: hex.EncodeToString(ed25519.Sign(priv, msg)), DerivedVia: auth.DerivedViaSession,
			SignedMessage: string(msg), Address: key, Algo: "ed25519"})
		out[u] = sig
	}
	return out
}

// nodeAnswer is one node's answer to a request.
type nodeAnswer struct {
	status int
	code   string // errorCode, "" on success
	raw    string
	header http.Header
}

// postNode posts body to a node's path and reads the answer.
func postNode(ctx context.Context, url, path, rid string, body []byte) (nodeAnswer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+path, bytes.NewReader(body))
	if err != nil {
		return nodeAnswer{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	if rid != "" {
		req.Header.Set("X-Request-Id", rid)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nodeAnswer{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	var e struct {
		Code string `json:"errorCode"`
	}
	json.Unmarshal(raw, &e)
	return nodeAnswer{resp.StatusCode, e.Code, string(raw), resp.Header}, err
}

// nodeSignBody is a pkp sign request for hash with the node's authSig, with extra fields.
func nodeSignBody(t *testing.T, url string, cred client.Credential, pubkey []byte, hash [32]byte, extra map[string]any) []byte {
	t.Helper()
	sig, err := cred.AuthSigFor(url)
	if err != nil {
		t.Fatal(err)
	}
	toSign := make([]int, 32)
	for i, b := range hash {
		toSign[i] = int(b)
	}
	body := map[string]any{"toSign": toSign, "pubkey": "0x" + hex.EncodeToString(pubkey), "authSig": sig, "epoch": 0}
	for k, v := range extra {
		body[k] = v
	}
	b, _ := json.Marshal(body)
	return b
}

// signAll sends one pkp sign request to every node at once, as a client does.
func signAll(ctx context.Context, t *testing.T, urls []string, cred client.Credential, pubkey []byte, hash [32]byte) []nodeAnswer {
	t.Helper()
	rid := client.NewRequestID()
	out := make([]nodeAnswer, len(urls))
	var wg sync.WaitGroup
	for i, u := range urls {
		body := nodeSignBody(t, u, cred, pubkey, hash, nil)
		wg.Add(1)
		go func() {
			defer wg.Done()
			a, err := postNode(ctx, u, "/web/pkp/sign/v1", rid, body)
			if err != nil {
				a.raw = err.Error()
			}
			out[i] = a
		}()
	}
	wg.Wait()
	return out
}

// deployRaw deploys runtime code as a contract and returns its address.
func deployRaw(ctx context.Context, t *testing.T, cc *chain.Client, key *ecdsa.PrivateKey, runtime []byte) common.Address {
	t.Helper()
	// CODECOPY the runtime that follows this 12-byte prefix into memory and return it.
	code := append([]byte{0x60, byte(len(runtime)), 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, byte(len(runtime)), 0x60, 0x00, 0xf3}, runtime...)
	eth := cc.Eth()
	nonce, err := eth.PendingNonceAt(ctx, crypto.PubkeyToAddress(key.PublicKey))
	if err != nil {
		t.Fatal(err)
	}
	price, err := eth.SuggestGasPrice(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := types.SignTx(types.NewContractCreation(nonce, big.NewInt(0), 300_000, price, code), types.LatestSignerForChainID(cc.ChainID()), key)
	if err != nil {
		t.Fatal(err)
	}
	if err := eth.SendTransaction(ctx, tx); err != nil {
		t.Fatal(err)
	}
	addr, err := bind.WaitDeployed(ctx, eth, tx.Hash())
	if err != nil {
		t.Fatal(err)
	}
	return addr
}

// The attack: before a node knows who is asking it reads the whole request body. With a generous limit
// on every endpoint, anyone makes the node read and parse a megabyte per request; with no cap on
// requests in flight, one address opens connections that trickle their bodies in and holds every
// goroutine, buffer and chain read the node can give. A pkp sign body over its own small limit must be
// refused with the limit named before its authSig is looked at (the authSig here is forged: a check
// of it would answer NodeAuthBadSignature), and an address past its share of requests in flight must
// get 429 NodeTooManyRequests while other addresses are still served.
func TestAttackNodeBoundsBeforeAuth(t *testing.T) {
	f := newSharedPKPFixture(t)
	u := f.d.URLs()[0]
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// The owner's grant, signed by someone else.
	forger, _ := crypto.GenerateKey()
	forged := handSession(t, []string{u}, func(key string) auth.AuthSig {
		raw, err := client.SignSIWE(forger, sessionGrant(f.d.Chain.Accounts()[1].Address, 1, key, [32]byte{}))
		if err != nil {
			t.Fatal(err)
		}
		var a auth.AuthSig
		json.Unmarshal(raw, &a)
		return a
	})
	// Just under the limit the forged signature is checked and refused; just over, it is never read.
	under := nodeSignBody(t, u, forged, f.pubkey, [32]byte{1}, map[string]any{"padding": strings.Repeat("a", 60_000)})
	a, err := postNode(ctx, u, "/web/pkp/sign/v1", client.NewRequestID(), under)
	if err != nil || a.code != "NodeAuthBadSignature" {
		t.Fatalf("a %d-byte body: %v %d %s", len(under), err, a.status, a.raw)
	}
	over := nodeSignBody(t, u, forged, f.pubkey, [32]byte{1}, map[string]any{"padding": strings.Repeat("a", 70_000)})
	a, err = postNode(ctx, u, "/web/pkp/sign/v1", client.NewRequestID(), over)
	if err != nil || a.status != http.StatusRequestEntityTooLarge || a.code != "NodeBodyTooLarge" ||
		!strings.Contains(a.raw, "pkp sign body limit of 65536 bytes") {
		t.Fatalf("a %d-byte body: %v %d %s", len(over), err, a.status, a.raw)
	}
	t.Logf("over the limit: %s", a.raw)

	// The flood: hold the default api.maxInFlightPerIP (128) requests open from 127.0.0.1, each with
	// its headers sent and its body never finished.
	const maxInFlight = 128
	host := strings.TrimPrefix(u, "http://")
	var held []net.Conn
	defer func() {
		for _, c := range held {
			c.Close()
		}
	}()
	dialer := func(ip string) *net.Dialer {
		return &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}, Timeout: 5 * time.Second}
	}
	for range maxInFlight {
		c, err := dialer("127.0.0.1").DialContext(ctx, "tcp", host)
		if err != nil {
			t.Fatal(err)
		}
		held = append(held, c)
		fmt.Fprintf(c, "POST /web/handshake HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{", host)
	}
	from := func(ip string) *http.Client {
		return &http.Client{Transport: &http.Transport{DialContext: dialer(ip).DialContext}, Timeout: 10 * time.Second}
	}
	handshake := func(cl *http.Client, rid string) (nodeAnswer, error) {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, u+"/web/handshake", strings.NewReader(`{}`))
		req.Header.Set("X-Request-Id", rid)
		resp, err := cl.Do(req)
		if err != nil {
			return nodeAnswer{}, err
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		var e struct {
			Code          string `json:"errorCode"`
			CorrelationID string `json:"correlationId"`
		}
		json.Unmarshal(raw, &e)
		if e.Code != "" && e.CorrelationID != rid {
			return nodeAnswer{}, fmt.Errorf("correlationId %q, want %q", e.CorrelationID, rid)
		}
		return nodeAnswer{resp.StatusCode, e.Code, string(raw), resp.Header}, nil
	}
	attacker, other := from("127.0.0.1"), from("127.0.0.77")
	// The held requests reach the node's handlers a moment after their headers.
	deadline := time.Now().Add(10 * time.Second)
	for {
		a, err := handshake(attacker, "lit_flood")
		if err != nil {
			t.Fatal(err)
		}
		if a.status == http.StatusTooManyRequests {
			if a.code != "NodeTooManyRequests" || a.header.Get("Retry-After") == "" || !strings.Contains(a.raw, "api.maxInFlightPerIP") {
				t.Fatalf("the refusal: %d %s", a.status, a.raw)
			}
			t.Logf("request %d from the address: %s", maxInFlight+1, a.raw)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d requests held open, and the next one from the same address is still served: %d %s", maxInFlight, a.status, a.raw)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if a, err := handshake(other, "lit_other"); err != nil || a.status != http.StatusOK {
		t.Fatalf("another address during the flood: %v %d %s", err, a.status, a.raw)
	}
	// Once the held requests end, the address is served again.
	for _, c := range held {
		c.Close()
	}
	held = nil
	deadline = time.Now().Add(10 * time.Second)
	for {
		a, err := handshake(attacker, "lit_after")
		if err == nil && a.status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the flood: %v %d %s", err, a.status, a.raw)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// rpcWithSecrets is a chain JSON-RPC endpoint whose URL holds an API key in each place providers put
// one (userinfo, path, query). It passes requests to the real chain only when they carry every secret,
// so a node that works through it sends them, and fails on demand by dropping the connection.
type rpcWithSecrets struct {
	chainURL string
	fail     atomic.Bool
	srv      *httptest.Server
}

var rpcSecretParts = []string{"SECRETPASSWORD", "SECRETPATHKEY", "SECRETQUERYKEY", "/v3/"}

func (p *rpcWithSecrets) url() string {
	return "http://flint:SECRETPASSWORD@" + p.srv.Listener.Addr().String() + "/v3/SECRETPATHKEY?apikey=SECRETQUERYKEY"
}

func (p *rpcWithSecrets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if u, pw, _ := r.BasicAuth(); u != "flint" || pw != "SECRETPASSWORD" || r.URL.Path != "/v3/SECRETPATHKEY" || r.URL.Query().Get("apikey") != "SECRETQUERYKEY" {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if p.fail.Load() {
		c, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			c.Close()
		}
		return
	}
	resp, err := http.Post(p.chainURL, "application/json", r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(resp.StatusCode)
	io.Copy(w, resp.Body)
}

// containsAny returns the first of parts in s, or "".
func containsAny(s string, parts ...string) string {
	for _, p := range parts {
		if strings.Contains(s, p) {
			return p
		}
	}
	return ""
}

// The attack: the operator's chain RPC URL carries the provider's API key. When the chain fails, a node
// that passes the chain client's error on tells the caller (any caller: this happens before a PKP's
// permissions are known) the URL with the key, since Go's HTTP client quotes its URL in every error; an
// Action learns it from an exception, or just asks getRpcUrl; the log keeps it. Node 1 here uses such a
// URL. With the chain failing, a pkp sign that reads the chain must answer a stable code with no part of
// the URL, an Action must see none of its secrets, and the node's log must have the error without them.
func TestAttackNodeChainRPCLeak(t *testing.T) {
	d := startDevnetWith(t, 4, node.PoolConfig{Low: 20, High: 40, Batch: 20}, &node.ActionsConfig{Workers: 1})
	f := newPKPFixtureOn(t, d)
	urls := d.URLs()
	rpc := &rpcWithSecrets{chainURL: d.Chain.RPCURL()}
	rpc.srv = httptest.NewServer(rpc)
	defer rpc.srv.Close()

	// Node 1 again, now reading the chain through the URL with secrets.
	if err := d.StopNode(0, true); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(d.Dir(), "node1", "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cfg node.Config
	if err := json.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	cfg.ChainRPC = rpc.url()
	logPath := filepath.Join(t.TempDir(), "node1.log")
	logf, err := os.Create(logPath)
	if err != nil {
		t.Fatal(err)
	}
	defer logf.Close()
	n, err := node.New(&cfg, slog.New(slog.NewJSONHandler(logf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	if err != nil {
		t.Fatal(err)
	}
	runCtx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- n.Run(runCtx) }()
	defer func() { stop(); <-done }()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(200 * time.Millisecond) {
		var h struct {
			Ready bool `json:"ready"`
		}
		if resp, err := http.Get(urls[0] + "/healthz"); err == nil {
			json.NewDecoder(resp.Body).Decode(&h)
			resp.Body.Close()
		}
		if h.Ready {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("node 1 did not come back through the RPC URL with secrets")
		}
	}
	// It reads the chain through that URL: it looks the PKP up to sign (once its peers are back).
	for deadline := time.Now().Add(45 * time.Second); ; time.Sleep(500 * time.Millisecond) {
		a := signAll(ctx, t, urls, f.authSig, f.pubkey, [32]byte{7})
		if a[0].status == http.StatusOK {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("node 1 through the RPC URL with secrets: %d %s", a[0].status, a[0].raw)
		}
	}

	rpc.fail.Store(true)
	// A public key no PKP has: the node reads the chain for it.
	stranger, _ := crypto.GenerateKey()
	rid := client.NewRequestID()
	a, err := postNode(ctx, urls[0], "/web/pkp/sign/v1", rid, nodeSignBody(t, urls[0], f.authSig, crypto.FromECDSAPub(&stranger.PublicKey), [32]byte{1}, nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("pkp sign with the chain failing: %d %s", a.status, a.raw)
	rpcHost := rpc.srv.Listener.Addr().String()
	if a.status != http.StatusServiceUnavailable || a.code != "NodeChainUnavailable" || !strings.Contains(a.raw, `"correlationId":"`+rid+`"`) {
		t.Errorf("pkp sign: %d %s, want 503 NodeChainUnavailable with the correlation id", a.status, a.raw)
	}
	if p := containsAny(a.raw, append(rpcSecretParts, rpcHost, "flint:", "http://1")...); p != "" {
		t.Errorf("the answer holds %q of the RPC URL: %s", p, a.raw)
	}

	// An Action on node 1: an exception from the chain, and getRpcUrl.
	code := `(async () => {
  const out = {};
  try { out.nonce = String(await Lit.Actions.getLatestNonce({ address: "0x0000000000000000000000000000000000000001", chain: "flint" })); }
  catch (e) { out.nonce = String(e); }
  out.flint = await Lit.Actions.getRpcUrl({ chain: "flint" });
  out.yellowstone = await Lit.Actions.getRpcUrl({ chain: "yellowstone" });
  Lit.Actions.setResponse({ response: JSON.stringify(out) });
})();`
	sig, err := f.authSig.AuthSigFor(urls[0])
	if err != nil {
		t.Fatal(err)
	}
	body, _ := json.Marshal(map[string]any{"code": base64.StdEncoding.EncodeToString([]byte(code)), "authSig": sig, "jsParams": map[string]any{}})
	a, err = postNode(ctx, urls[0], "/web/execute/v1", client.NewRequestID(), body)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("the Action with the chain failing: %d %s", a.status, a.raw)
	var ans struct {
		Response string `json:"response"`
	}
	var out map[string]string
	json.Unmarshal([]byte(a.raw), &ans)
	if err := json.Unmarshal([]byte(ans.Response), &out); err != nil || a.status != http.StatusOK {
		t.Fatalf("the Action: %d %s", a.status, a.raw)
	}
	if _, err := strconv.Atoi(out["nonce"]); err == nil || !strings.HasPrefix(out["flint"], "Error getting RPC URL") ||
		!strings.HasPrefix(out["yellowstone"], "Error getting RPC URL") {
		t.Errorf("the Action got a nonce from a failing chain, or the node's RPC URL: %v", out)
	}
	if p := containsAny(a.raw, append(rpcSecretParts, "flint:")...); p != "" {
		t.Errorf("the Action saw %q of the RPC URL: %s", p, a.raw)
	}

	// The log has what failed, without the secrets.
	logf.Sync()
	logged, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	var failure string
	for _, line := range strings.Split(string(logged), "\n") {
		if strings.Contains(line, rid) && strings.Contains(line, "request failed") {
			failure = line
		}
	}
	if !strings.Contains(failure, "NodeChainUnavailable") || !strings.Contains(failure, "EOF") || !strings.Contains(failure, rpcHost) {
		t.Errorf("the log has no full error for %s: %q", rid, failure)
	}
	if p := containsAny(string(logged), rpcSecretParts...); p != "" {
		i := strings.Index(string(logged), p)
		t.Errorf("the log holds %q: …%s…", p, logged[max(0, i-200):min(len(logged), i+100)])
	}
	rpc.fail.Store(false)
}

// The attack: an Action is code from anyone, run on the node. If its worker could read the node's data
// directory (key shares, sealed with the store key), its config (every key in clear) or the node's
// environment (/proc/<node>/environ, where FLINT_STORE_KEY and the other keys are often given), one
// execute request would take them. The Action tries every means it has: fetch with file:// and /proc
// URLs, globals of other runtimes, getRpcUrl for the node's own chain. Then the test looks at the real
// workers of the running nodes from outside: they run under another user (the tests run as root) with
// an empty environment, non-dumpable, with no_new_privs, and that user cannot open the data directory,
// the config or the node's environ.
func TestAttackNodeActionIsolation(t *testing.T) {
	const sentinel = "node-secret-in-the-environment-7f3a"
	t.Setenv("FLINT_ATTACK_SENTINEL", sentinel) // what a worker that inherits the environment would hold
	d := startDevnetWith(t, 4, node.PoolConfig{Low: 20, High: 40, Batch: 20}, &node.ActionsConfig{Workers: 1})
	f := newPKPFixtureOn(t, d)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	dataDir := filepath.Join(d.Dir(), "node1")
	configPath := filepath.Join(dataDir, "config.json")
	config, err := os.ReadFile(configPath)
	if err != nil {
		t.Fatal(err)
	}
	var cfg node.Config
	json.Unmarshal(config, &cfg)
	nodePID := os.Getpid() // the nodes run in this process
	targets := map[string]string{
		"config":             "file://" + configPath,
		"store":              "file://" + filepath.Join(dataDir, "node.db"),
		"data dir":           "file://" + dataDir + "/",
		"node environ":       fmt.Sprintf("file:///proc/%d/environ", nodePID),
		"own environ":        "file:///proc/self/environ",
		"node environ (raw)": fmt.Sprintf("/proc/%d/environ", nodePID),
		"node memory":        fmt.Sprintf("file:///proc/%d/mem", nodePID),
	}
	code := `(async () => {
  const out = {};
  for (const [name, url] of Object.entries(targets)) {
    try {
      const r = await fetch(url);
      out[name] = "fetched " + r.status + ": " + (await r.text()).slice(0, 300);
    } catch (e) {
      out[name] = "refused: " + e.name + ": " + e.message;
    }
  }
  out.globals = [typeof process, typeof require, typeof Deno, typeof Bun, typeof os, typeof std].join(",");
  out.rpcFlint = await Lit.Actions.getRpcUrl({ chain: "flint" });
  out.rpcYellowstone = await Lit.Actions.getRpcUrl({ chain: "yellowstone" });
  Lit.Actions.setResponse({ response: JSON.stringify(out) });
})();`
	res, err := f.cl.Execute(ctx, f.authSig, client.Action{Code: []byte(code)}, map[string]any{"targets": targets})
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]string
	if err := json.Unmarshal([]byte(res.Response), &got); err != nil {
		t.Fatalf("response %q: %v", res.Response, err)
	}
	for name := range targets {
		if !strings.HasPrefix(got[name], "refused: ") {
			t.Errorf("%s (%s): the Action got %q", name, targets[name], got[name])
		}
	}
	if got["globals"] != "undefined,undefined,undefined,undefined,undefined,undefined" {
		t.Errorf("globals of other runtimes: %s", got["globals"])
	}
	for _, k := range []string{"rpcFlint", "rpcYellowstone"} {
		if !strings.HasPrefix(got[k], "Error getting RPC URL") {
			t.Errorf("getRpcUrl of the node's own chain: %q", got[k])
		}
	}
	if p := containsAny(res.Response, sentinel, cfg.StoreKey, cfg.IdentityKey, cfg.TransportKey, d.Chain.RPCURL()); p != "" {
		t.Errorf("the Action got %q: %s", p, res.Response)
	}
	t.Logf("the Action: %s", res.Response)

	// The workers, from outside: children of this process running this binary.
	workers := workerPIDs(t)
	if len(workers) < 4 {
		t.Fatalf("%d worker processes, want one per node", len(workers))
	}
	root := os.Geteuid() == 0
	for _, pid := range workers {
		st := procStatus(t, pid)
		env, err := os.ReadFile(fmt.Sprintf("/proc/%d/environ", pid))
		if err != nil {
			t.Fatalf("worker %d: %v", pid, err)
		}
		// Nothing but the mark that makes the binary serve as a worker. (Only the names are reported:
		// the values are this machine's.)
		var names []string
		for _, kv := range strings.Split(strings.TrimRight(string(env), "\x00"), "\x00") {
			if kv != "" && kv != "FLINT_ACTIONS_WORKER=1" {
				name, _, _ := strings.Cut(kv, "=")
				names = append(names, name)
			}
		}
		if len(names) > 0 || strings.Contains(string(env), sentinel) {
			t.Errorf("worker %d has the node's environment: %s", pid, strings.Join(names, " "))
		}
		if st["NoNewPrivs"] != "1" {
			t.Errorf("worker %d: NoNewPrivs %q", pid, st["NoNewPrivs"])
		}
		if !root {
			continue
		}
		uid, gid := strings.Fields(st["Uid"]), strings.Fields(st["Gid"])
		if len(uid) != 4 || uid[0] == "0" || uid[1] == "0" || uid[2] == "0" || uid[3] == "0" || len(gid) != 4 || gid[0] == "0" || st["Groups"] != "" {
			t.Errorf("worker %d under a root node: Uid %q Gid %q Groups %q", pid, st["Uid"], st["Gid"], st["Groups"])
			continue
		}
		// A non-dumpable process's /proc files belong to root, whatever its user: no other process of
		// that user can read its memory or attach to it.
		if fi, err := os.Stat(fmt.Sprintf("/proc/%d/environ", pid)); err != nil || fi.Sys().(*syscall.Stat_t).Uid != 0 {
			t.Errorf("worker %d is dumpable (%v)", pid, err)
		}
		// What the worker's user can open: none of the node's files. (Landlock closes the rest inside
		// the worker; the user alone already keeps these out.)
		u, _ := strconv.Atoi(uid[1])
		g, _ := strconv.Atoi(gid[1])
		for _, path := range []string{configPath, filepath.Join(dataDir, "node.db"), dataDir, fmt.Sprintf("/proc/%d/environ", nodePID)} {
			cmd := exec.CommandContext(ctx, "/bin/cat", path)
			if fi, err := os.Stat(path); err == nil && fi.IsDir() {
				cmd = exec.CommandContext(ctx, "/bin/ls", path)
			}
			cmd.Env = []string{}
			cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: uint32(u), Gid: uint32(g), Groups: []uint32{}}}
			out, err := cmd.CombinedOutput()
			if err == nil || !strings.Contains(string(out), "Permission denied") {
				t.Errorf("uid %d opened %s: %v %.200q", u, path, err, out)
			}
		}
		t.Logf("worker %d: Uid %s, Gid %s, NoNewPrivs %s, environment %q", pid, st["Uid"], st["Gid"], st["NoNewPrivs"], env)
	}
}

// workerPIDs lists the processes this process started from its own binary: the nodes' Action workers.
func workerPIDs(t *testing.T) []int {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Skipf("no /proc: %v", err)
	}
	var out []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			continue
		}
		// pid (comm) state ppid …; comm may hold spaces and parentheses, so read after the last ')'.
		fields := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
		if len(fields) < 2 || fields[1] != strconv.Itoa(os.Getpid()) {
			continue
		}
		if exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid)); err == nil && exe == self {
			out = append(out, pid)
		}
	}
	return out
}

// procStatus reads /proc/<pid>/status as key → value.
func procStatus(t *testing.T, pid int) map[string]string {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok {
			out[k] = strings.TrimSpace(v)
		}
	}
	return out
}
