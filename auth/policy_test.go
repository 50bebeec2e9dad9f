package auth

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

// TestWalletAuthSigRefusedWithoutPolicy: where a request needs a session
// signature (signing, Actions), a wallet AuthSig is refused however valid
// it is, because any node it was sent to could replay it at the others.
func TestWalletAuthSigRefusedWithoutPolicy(t *testing.T) {
	w := newWallet(t)
	raw := mustJSON(t, w.authSig(t, w.siwe("https://localhost/login", t0.Add(-time.Minute), t0.Add(5*time.Minute)).String()))
	if _, err := Verify(ctx, raw, walletOpts()); err != nil {
		t.Fatalf("valid under the wallet policy: %v", err)
	}
	opts := walletOpts()
	opts.Wallet = nil
	if _, err := Verify(ctx, raw, opts); !errors.Is(err, ErrSessionRequired) || Code(err) != "session_required" {
		t.Fatalf("no wallet policy: %v", err)
	}
	// The cache does not carry an answer from one policy to the other.
	c := NewCache(10)
	if _, err := c.Verify(ctx, raw, walletOpts()); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Verify(ctx, raw, opts); !errors.Is(err, ErrSessionRequired) {
		t.Fatalf("cached wallet answer reused where a session is required: %v", err)
	}
}

// TestWalletPolicy: a wallet AuthSig must be narrow (a ReCap for exactly the
// requested resource and ability), fresh (a recent nonce) and short-lived.
func TestWalletPolicy(t *testing.T) {
	w := newWallet(t)
	login := func(mod func(*Message)) json.RawMessage {
		m := w.siwe("https://localhost/login", t0.Add(-time.Minute), t0.Add(5*time.Minute))
		if mod != nil {
			mod(m)
		}
		return mustJSON(t, w.authSig(t, m.String()))
	}
	withRecap := func(rc *Recap) func(*Message) {
		return func(m *Message) { m.Statement, m.Resources = "Sign in. "+rc.Statement(), []string{rc.Encode()} }
	}
	var otherPKP [32]byte
	otherPKP[31] = 9
	cases := []struct {
		name string
		raw  json.RawMessage
		opts func(*Options)
		want error
	}{
		{"no ReCap", login(func(m *Message) { m.Statement, m.Resources = "Sign in.", nil }), nil, ErrNotGranted},
		{"wildcard ReCap", login(withRecap(litWildcards())), nil, ErrNotGranted},
		{"ReCap for another PKP", login(withRecap(NewRecap(ResourceAbility{Resource: PKPResource(otherPKP), Ability: AbilityPKPSigning}))), nil, ErrNotGranted},
		{"ReCap for another ability", login(withRecap(NewRecap(ResourceAbility{Resource: needPKP.Resource, Ability: AbilityActionExecution}))), nil, ErrNotGranted},
		{"stale nonce", login(func(m *Message) { m.Nonce = "stalenonce" }), nil, ErrStaleNonce},
		{"no nonce checker", login(nil), func(o *Options) { o.Wallet.RecentNonce = nil }, ErrStaleNonce},
		{"longer than the default cap", login(nil), func(o *Options) { o.Wallet.MaxLifetime = 0; o.Now = t0.Add(-time.Minute) }, nil},
		{"past the default cap", login(func(m *Message) { m.ExpirationTime = t0.Add(10 * time.Minute) }), func(o *Options) { o.Wallet.MaxLifetime = 0 }, ErrLifetime},
		{"domain not accepted", login(nil), func(o *Options) { o.Domains = []string{"app.example.com"} }, ErrNotGranted},
		{"domain accepted", login(nil), func(o *Options) { o.Domains = []string{"app.example.com", "LOCALHOST:3000"} }, nil},
	}
	for _, c := range cases {
		o := walletOpts()
		o.Wallet = &WalletPolicy{RecentNonce: o.Wallet.RecentNonce, MaxLifetime: o.Wallet.MaxLifetime}
		if c.opts != nil {
			c.opts(&o)
		}
		_, err := Verify(ctx, c.raw, o)
		if !errors.Is(err, c.want) && !(c.want == nil && err == nil) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
	// A wallet identity allows exactly its ReCap's grant.
	id, err := Verify(ctx, login(nil), walletOpts())
	if err != nil {
		t.Fatal(err)
	}
	if !id.Allows(needPKP) || id.Allows(ResourceAbility{Resource: PKPResource(otherPKP), Ability: AbilityPKPSigning}) {
		t.Fatal("a wallet identity allows more or less than its ReCap")
	}
}

// TestSessionWithoutNeed: a node that learns the resource only after
// authenticating (an execute request's code CID) verifies without Need and
// asks Allows; the answer follows what the key requested and the wallet
// granted.
func TestSessionWithoutNeed(t *testing.T) {
	f := newSession(t)
	f.signed.ResourceAbilityRequests = f.signed.ResourceAbilityRequests[1:] // Actions only
	opts := sessionOpts(needPKP)
	opts.Need = nil
	id, err := Verify(ctx, f.raw(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	action := ResourceAbility{Resource: ActionResource("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"), Ability: AbilityActionExecution}
	if !id.Allows(action) || id.Allows(needPKP) {
		t.Fatal("Allows does not follow the request")
	}
}

// TestSessionChecksOneCapability: a caller cannot make the node check many
// capabilities (each a signature recovery or an EIP-1271 contract call):
// only the first one binding the session key is verified, and a session
// carries at most four.
func TestSessionChecksOneCapability(t *testing.T) {
	f := newSession(t)
	grant := f.signed.Capabilities[0]
	contract := grant
	contract.DerivedVia = DerivedViaContract
	cc := &contractWallet{} // knows no contract: every call says no
	f.signed.Capabilities = []AuthSig{contract, contract, contract, grant}
	opts := sessionOpts(needPKP)
	opts.Contracts = cc
	if _, err := Verify(ctx, f.raw(t), opts); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("rejected contract capability: %v", err)
	}
	if cc.calls != 1 {
		t.Fatalf("%d EIP-1271 calls for one session signature", cc.calls)
	}
	// A failing first bound capability is the answer; the good one after it
	// is not tried.
	f.signed.Capabilities = []AuthSig{{Sig: "0x00", DerivedVia: DerivedViaWallet, SignedMessage: grant.SignedMessage, Address: grant.Address}, grant}
	if _, err := Verify(ctx, f.raw(t), sessionOpts(needPKP)); err == nil {
		t.Fatal("a bad first bound capability was passed over")
	}
	f.signed.Capabilities = []AuthSig{grant, grant, grant, grant, grant}
	if _, err := Verify(ctx, f.raw(t), sessionOpts(needPKP)); !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "limit 4") {
		t.Fatalf("5 capabilities: %v", err)
	}
}

// TestSessionDomains: a node that lists the SIWE domains it accepts refuses
// a session granted on another site.
func TestSessionDomains(t *testing.T) {
	raw := newSession(t).raw(t)
	opts := sessionOpts(needPKP)
	opts.Domains = []string{"app.example.com"}
	if _, err := Verify(ctx, raw, opts); !errors.Is(err, ErrNotGranted) || !strings.Contains(err.Error(), "domain") {
		t.Fatalf("foreign domain: %v", err)
	}
	opts.Domains = []string{"localhost:3000"}
	if _, err := Verify(ctx, raw, opts); err != nil {
		t.Fatalf("listed domain: %v", err)
	}
}
