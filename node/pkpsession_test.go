package node

import (
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/crypto/secp"
)

func postSessionKey(h http.Handler, body string) answer {
	r := httptest.NewRequest(http.MethodPost, "/web/sign_session_key/v1", strings.NewReader(body))
	r.RemoteAddr = "192.0.2.1:1234"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	a := answer{status: w.Code, raw: w.Body.String(), header: w.Header()}
	json.Unmarshal(w.Body.Bytes(), &a.body)
	return a
}

// sessionKeyBody is a well-formed request as the SDK sends it, for a random
// PKP key, with fields replaced by mod.
func sessionKeyBody(t testing.TB, mod func(map[string]any)) string {
	t.Helper()
	x, err := secp.RandomScalar(nil)
	if err != nil {
		t.Fatal(err)
	}
	p := secp.BaseMult(&x)
	secp.ToAffine(&p)
	u := secp.Uncompressed(&p)
	addr := common.BytesToAddress(crypto.Keccak256(u[1:])[12:])
	sk := "lit:session:" + strings.Repeat("ab", 32)
	exp := time.Now().Add(time.Hour).UTC().Format("2006-01-02T15:04:05.000Z")
	siwe := "localhost wants you to sign in with your Ethereum account:\n" + addr.Hex() + "\n\nLit Protocol PKP session signature\n\nURI: " + sk +
		"\nVersion: 1\nChain ID: 1\nNonce: 0x" + strings.Repeat("12", 32) + "\nIssued At: " + time.Now().UTC().Format("2006-01-02T15:04:05.000Z") +
		"\nExpiration Time: " + exp
	body := map[string]any{
		"sessionKey":   sk,
		"authMethods":  []any{map[string]any{"authMethodType": 1, "accessToken": `{"sig":"0x00"}`}},
		"pkpPublicKey": "0x" + hex.EncodeToString(u[:]),
		"siweMessage":  siwe,
		"curveType":    "BLS",
	}
	if mod != nil {
		mod(body)
	}
	b, _ := json.Marshal(body)
	return string(b)
}

// Every field is bounded and checked before the node looks at its keys,
// the chain or a login's signature: each bad field is a 4xx with its own
// code; a well-formed request to a node without keys is 503 NodeNotReady.
func TestSignSessionKeyRefusesBadInput(t *testing.T) {
	n := testAPINode(8)
	n.views.Store(&view{epoch: 1})
	h := n.endpoint("sign_session_key", n.handleSignSessionKey)
	set := func(k string, v any) func(map[string]any) { return func(m map[string]any) { m[k] = v } }
	siweWith := func(old, new string) func(map[string]any) {
		return func(m map[string]any) { m["siweMessage"] = strings.Replace(m["siweMessage"].(string), old, new, 1) }
	}
	many := make([]any, maxSessionAuthMethods+1)
	for i := range many {
		many[i] = map[string]any{"authMethodType": 1, "accessToken": "x"}
	}
	for _, c := range []struct {
		name   string
		mod    func(map[string]any)
		status int
		code   string
	}{
		{"ECDSA curve", set("curveType", "K256"), 400, "NodeInvalidCurveType"},
		{"no curve", set("curveType", ""), 400, "NodeInvalidCurveType"},
		{"Action proof on a node without Actions", set("litActionIpfsId", "QmYkuSc3vSwDjDRTNkEJzgk4S4RdnnMiFuzuHSTE2vP7Ug"), 503, "NodeActionsUnavailable"},
		{"session key without prefix", set("sessionKey", strings.Repeat("ab", 32)), 400, "NodeInvalidSessionKey"},
		{"session key short", set("sessionKey", "lit:session:abcd"), 400, "NodeInvalidSessionKey"},
		{"no auth methods", set("authMethods", []any{}), 400, "NodeInvalidAuthMethod"},
		{"too many auth methods", set("authMethods", many), 400, "NodeInvalidAuthMethod"},
		{"empty access token", set("authMethods", []any{map[string]any{"authMethodType": 1, "accessToken": ""}}), 400, "NodeInvalidAuthMethod"},
		{"huge access token", set("authMethods", []any{map[string]any{"authMethodType": 1, "accessToken": strings.Repeat("a", maxAccessTokenBytes+1)}}), 400, "NodeInvalidAuthMethod"},
		{"siwe too long", siweWith("Lit Protocol PKP session signature", strings.Repeat("a", maxSessionSIWEBytes)), 400, "NodeSIWEMessageError"},
		{"siwe not SIWE", set("siweMessage", "hello"), 400, "NodeSIWEMessageError"},
		{"siwe for another session key", siweWith("URI: lit:session:abab", "URI: lit:session:cdab"), 400, "NodeSIWEMessageError"},
		{"siwe names the auth context", siweWith("signature", "signature lit-resolvedauthcontext://*"), 400, "NodeInvalidAuthContextResource"},
		{"siwe without expiration", func(m map[string]any) {
			s := m["siweMessage"].(string)
			m["siweMessage"] = s[:strings.Index(s, "\nExpiration Time")]
		}, 400, "NodeSIWEMessageError"},
		{"siwe expired", func(m map[string]any) {
			s := m["siweMessage"].(string)
			m["siweMessage"] = s[:strings.Index(s, "\nExpiration Time")] + "\nExpiration Time: 2020-01-01T00:00:00Z"
		}, 400, "NodeSIWEMessageError"},
		{"siwe living a year", func(m map[string]any) {
			s := m["siweMessage"].(string)
			m["siweMessage"] = s[:strings.Index(s, "\nExpiration Time")] + "\nExpiration Time: " + time.Now().AddDate(1, 0, 0).UTC().Format(time.RFC3339)
		}, 400, "NodeSIWEMessageError"},
		{"no PKP key", set("pkpPublicKey", ""), 400, "NodeInvalidPublicKey"},
		{"PKP key off the curve", set("pkpPublicKey", "02"+strings.Repeat("ff", 32)), 400, "NodeInvalidPublicKey"},
		{"siwe for another address", func(m map[string]any) {
			s := m["siweMessage"].(string)
			i := strings.Index(s, "\n0x") + 1
			m["siweMessage"] = s[:i] + common.HexToAddress("0x00000000000000000000000000000000000000aa").Hex() + s[i+42:]
		}, 400, "NodeSIWEMessageError"},
		{"epoch", set("epoch", 7), 400, "NodeInvalidEpoch"},
		{"well formed, node not ready", nil, 503, "NodeNotReady"},
	} {
		a := postSessionKey(h, sessionKeyBody(t, c.mod))
		if a.status != c.status || a.body.Code != c.code {
			t.Errorf("%s: %d %s, want %d %s", c.name, a.status, a.raw, c.status, c.code)
		}
	}
	if a := postSessionKey(h, `{"sessionKey":`); a.body.Code != "NodeInvalidJSON" {
		t.Errorf("not JSON: %d %s", a.status, a.raw)
	}
	if a := postSessionKey(h, `{"siweMessage":"`+strings.Repeat("a", 200<<10)+`"}`); a.status != http.StatusRequestEntityTooLarge {
		t.Errorf("too large: %d %s", a.status, a.raw)
	}
}

// The body is untrusted: whatever it holds, the handler answers a coded
// refusal and never panics.
func FuzzSignSessionKeyRequest(f *testing.F) {
	f.Add(sessionKeyBody(f, nil))
	f.Add(`{"sessionKey":"lit:session:","authMethods":[{"authMethodType":99,"accessToken":"x"}],"curveType":"BLS"}`)
	f.Add(`{"authMethods":null,"siweMessage":null}`)
	n := testAPINode(1 << 20)
	n.views.Store(&view{epoch: 1})
	h := n.endpoint("sign_session_key", n.handleSignSessionKey)
	f.Fuzz(func(t *testing.T, body string) {
		a := postSessionKey(h, body)
		if a.status == http.StatusOK || a.body.Code == "" || a.body.Code == "NodeInternalError" {
			t.Fatalf("%q: %d %s", body, a.status, a.raw)
		}
	})
}

// A Lit Action login's jsParams reach every node, so a node could replay
// them with a session key of its own; Lit.Auth names the session key the
// login is for, so that an Action proving the login with a signature over
// the session key can check it is this request's (docs/api.md).
func TestLoginActionAuthNamesSessionKey(t *testing.T) {
	mine := "lit:session:" + strings.Repeat("ab", 32)
	var got map[string]any
	if err := json.Unmarshal(loginActionAuth("QmYkuSc3vSwDjDRTNkEJzgk4S4RdnnMiFuzuHSTE2vP7Ug", nil, mine), &got); err != nil {
		t.Fatal(err)
	}
	if got["sessionKey"] != mine {
		t.Fatalf("Lit.Auth %v: an Action cannot tell the replayer's session key from the user's", got)
	}
	for _, k := range []string{"actionIpfsIds", "authMethodContexts", "resources"} {
		if v, ok := got[k].([]any); !ok || (k == "actionIpfsIds") != (len(v) == 1) {
			t.Errorf("Lit.Auth %s = %v", k, got[k])
		}
	}
	if v, ok := got["authSigAddress"]; !ok || v != nil {
		t.Errorf("Lit.Auth authSigAddress = %v, want null", v)
	}
}
