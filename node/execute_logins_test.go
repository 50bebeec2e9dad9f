package node

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/auth/authmethod"
)

// loginStub resolves every token "good" to a Google login and refuses the
// rest as expired; it records what it was asked.
type loginStub struct {
	calls   int
	keysNil bool
}

func (s *loginStub) Resolve(_ context.Context, am authmethod.AuthMethod, keys authmethod.CredentialKeys) (authmethod.Identity, error) {
	s.calls++
	s.keysNil = keys == nil
	if am.AccessToken != "good" {
		return authmethod.Identity{}, fmt.Errorf("%w: exp in the past", authmethod.ErrExpired)
	}
	return authmethod.Identity{Type: am.Type, UserID: "sub-1", AppID: "app-1", ID: authmethod.ID("sub-1", "app-1")}, nil
}

// The SDK's executeJs sends authMethods in the request body; Lit's node
// resolved them into Lit.Auth.authMethodContexts. Flint's node ignored the
// field (the Action saw an empty list whatever the caller logged in with;
// integration/litsdk's executeJsAuthMethods step shows it through the SDK).
// executeLogins resolves them, each bound checked before any is verified.
func TestExecuteLogins(t *testing.T) {
	stub := &loginStub{}
	n := loginTestNode(stub)
	ctx := context.Background()

	for _, raw := range []string{"", "null"} {
		got, err := n.executeLogins(ctx, json.RawMessage(raw), testSessionKey)
		if b, _ := json.Marshal(got); err != nil || string(b) != "[]" {
			t.Fatalf("%q: %s, %v; want [] (Lit.Auth.authMethodContexts is a list)", raw, b, err)
		}
	}

	got, err := n.executeLogins(ctx, json.RawMessage(`[{"authMethodType":6,"accessToken":"good"},{"authMethodType":9,"accessToken":"good"}]`), testSessionKey)
	if err != nil {
		t.Fatal(err)
	}
	want := []auth.AuthMethodContext{
		{AppID: "app-1", AuthMethodType: 6, UserID: "sub-1"},
		{AppID: "app-1", AuthMethodType: 9, UserID: "sub-1"},
	}
	if b, w := fmt.Sprint(got), fmt.Sprint(want); b != w {
		t.Fatalf("contexts %s, want %s", b, w)
	}
	if !stub.keysNil {
		t.Error("an execution has no PKP: the resolver must get no WebAuthn key lookup")
	}
	b, _ := json.Marshal(got[0])
	if string(b) != `{"appId":"app-1","authMethodType":6,"usedForSignSessionKeyRequest":false,"userId":"sub-1"}` {
		t.Errorf("Lit.Auth entry %s", b)
	}

	long := strings.Repeat("x", maxAccessTokenBytes+1)
	five := `[` + strings.TrimSuffix(strings.Repeat(`{"authMethodType":6,"accessToken":"good"},`, maxSessionAuthMethods+1), ",") + `]`
	for name, c := range map[string]struct {
		raw, code string
		resolves  bool
	}{
		"not a list":      {`{"authMethodType":6}`, "NodeInvalidAuthMethod", false},
		"too many":        {five, "NodeInvalidAuthMethod", false},
		"empty token":     {`[{"authMethodType":6,"accessToken":"good"},{"authMethodType":6,"accessToken":""}]`, "NodeInvalidAuthMethod", false},
		"token too long":  {`[{"authMethodType":6,"accessToken":"good"},{"authMethodType":6,"accessToken":"` + long + `"}]`, "NodeInvalidAuthMethod", false},
		"a Lit Action":    {`[{"authMethodType":2,"accessToken":"QmX"}]`, "NodeInvalidAuthMethodType", false},
		"expired":         {`[{"authMethodType":6,"accessToken":"old"}]`, "NodeAuthMethodExpired", true},
		"second expired":  {`[{"authMethodType":6,"accessToken":"good"},{"authMethodType":6,"accessToken":"old"}]`, "NodeAuthMethodExpired", true},
		"wrong JSON type": {`[{"authMethodType":"6","accessToken":"good"}]`, "NodeInvalidAuthMethod", false},
	} {
		stub.calls = 0
		got, err := n.executeLogins(ctx, json.RawMessage(c.raw), testSessionKey)
		if _, _, code := apiErr(err); err == nil || code != c.code || got != nil {
			t.Errorf("%s: %v (code %q), want %s", name, err, code, c.code)
		}
		if !c.resolves && stub.calls != 0 {
			t.Errorf("%s: the resolver ran %d times before the request's bounds were checked", name, stub.calls)
		}
	}
}

// FuzzExecuteLogins: no panic on any authMethods field, every refusal a
// coded 4xx.
func FuzzExecuteLogins(f *testing.F) {
	f.Add(`[{"authMethodType":6,"accessToken":"good"}]`)
	f.Add(`[{"authMethodType":1,"accessToken":"{}"},null]`)
	f.Add(`null`)
	n := loginTestNode(&loginStub{})
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := n.executeLogins(context.Background(), json.RawMessage(raw), testSessionKey)
		if err != nil {
			if status, _, code := apiErr(err); code == "" || status >= 500 {
				t.Fatalf("%q: %d %s %v, want a coded 4xx", raw, status, code, err)
			}
			return
		}
		if got == nil {
			t.Fatalf("%q: nil contexts", raw)
		}
	})
}

// testSessionKey is the caller's session key in these tests.
var testSessionKey = bytes.Repeat([]byte{0x5e}, 32)

// loginTestNode is a node with just what executeLogins reads.
func loginTestNode(r authMethodResolver) *Node {
	return &Node{authMethods: r, cfg: &Config{}, recentHashes: newRecentHashes(10*time.Minute, 100),
		loginBinds: newLoginBindings(maxLoginBindings, maxBindingsPerUser)}
}

// TestExecuteLoginsBoundToSessionKey: a login shown to an Action is bound
// to the caller's session key as a PKP session's is, so a node that saw it
// cannot show it to an Action of its own (failed before executeLogins
// called bindLogins: the second key got the login's context).
func TestExecuteLoginsBoundToSessionKey(t *testing.T) {
	n := loginTestNode(&loginStub{})
	raw := json.RawMessage(`[{"authMethodType":6,"accessToken":"good"}]`)
	for range 2 { // the same caller may run Actions with it again
		if _, err := n.executeLogins(context.Background(), raw, testSessionKey); err != nil {
			t.Fatal(err)
		}
	}
	_, err := n.executeLogins(context.Background(), raw, bytes.Repeat([]byte{0xbb}, 32))
	var ce *codedError
	if !errors.As(err, &ce) || ce.code != "NodeAuthMethodAlreadyUsed" {
		t.Fatalf("the login under another session key: %v, want NodeAuthMethodAlreadyUsed", err)
	}
}
