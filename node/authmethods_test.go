package node

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/auth/authmethod"
	"github.com/flint-network/flint/auth/oauth"
)

// fixedLogin resolves every auth method to one identity.
type fixedLogin struct{ id authmethod.Identity }

func (f fixedLogin) Resolve(context.Context, authmethod.AuthMethod, authmethod.CredentialKeys) (authmethod.Identity, error) {
	return f.id, nil
}

// TestClaimRefusals checks the refusals that come before any key is
// derived: each has its stable code, and none reaches attestClaim (the
// node here has no key state, so reaching it would answer NodeNotReady).
func TestClaimRefusals(t *testing.T) {
	wallet := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	other := "0x00000000000000000000000000000000000000bb"
	real := &Node{authMethods: authmethod.NewResolver(authmethod.ResolverConfig{RecentNonce: func(string) bool { return false }})}
	walletLogin := &Node{authMethods: fixedLogin{authmethod.Identity{Type: authmethod.EthWallet, Address: wallet}}}
	jwtNoNonce := &Node{authMethods: fixedLogin{authmethod.Identity{Type: authmethod.GoogleJWT, UserID: "u", AppID: "a"}}}
	for name, c := range map[string]struct {
		n      *Node
		body   string
		status int
		code   string
	}{
		"webauthn":          {real, `{"authMethod":{"authMethodType":3,"accessToken":"{}"}}`, 400, "NodeClaimUnsupportedAuthMethod"},
		"lit action":        {real, `{"authMethod":{"authMethodType":2,"accessToken":"Qm"}}`, 400, "NodeClaimUnsupportedAuthMethod"},
		"discord":           {real, `{"authMethod":{"authMethodType":4,"accessToken":"x"}}`, 400, "NodeClaimUnsupportedAuthMethod"},
		"unknown type":      {real, `{"authMethod":{"authMethodType":77,"accessToken":"x"}}`, 400, "NodeAuthMethodUnsupportedType"},
		"jwt unconfigured":  {real, `{"authMethod":{"authMethodType":6,"accessToken":"x"}}`, 400, "NodeAuthMethodUnsupportedType"},
		"wallet malformed":  {real, `{"authMethod":{"authMethodType":1,"accessToken":"{"}}`, 400, "NodeAuthMethodInvalidToken"},
		"bad recipient":     {real, `{"authMethod":{"authMethodType":1,"accessToken":"{}"},"recipient":"0x12"}`, 400, "NodeInvalidRecipient"},
		"zero recipient":    {real, `{"authMethod":{"authMethodType":1,"accessToken":"{}"},"recipient":"0x0000000000000000000000000000000000000000"}`, 400, "NodeInvalidRecipient"},
		"too long":          {real, `{"authMethod":{"authMethodType":6,"accessToken":"` + strings.Repeat("a", maxAccessToken+1) + `"}}`, 400, "NodeInvalidAuthMethod"},
		"negative type":     {real, `{"authMethod":{"authMethodType":-1,"accessToken":"x"}}`, 400, "NodeInvalidJSON"},
		"wallet for other":  {walletLogin, `{"authMethod":{"authMethodType":1,"accessToken":"x"},"recipient":"` + other + `"}`, 401, "NodeClaimRecipientNotBound"},
		"jwt without nonce": {jwtNoNonce, `{"authMethod":{"authMethodType":6,"accessToken":"x"}}`, 401, "NodeClaimRecipientNotBound"},
	} {
		r := httptest.NewRequest(http.MethodPost, "/web/pkp/claim", strings.NewReader(c.body))
		_, err := c.n.handleClaim(httptest.NewRecorder(), r)
		if err == nil {
			t.Errorf("%s: accepted", name)
			continue
		}
		if status, _, code := apiErr(err); status != c.status || code != c.code {
			t.Errorf("%s: %d %s (%v), want %d %s", name, status, code, err, c.status, c.code)
		}
	}
	// A wallet login naming its own wallet, or none, gets as far as the key.
	for _, body := range []string{`{"authMethod":{"authMethodType":1,"accessToken":"x"}}`,
		`{"authMethod":{"authMethodType":1,"accessToken":"x"},"recipient":"` + wallet.Hex() + `"}`} {
		r := httptest.NewRequest(http.MethodPost, "/web/pkp/claim/", strings.NewReader(body))
		n := &Node{authMethods: walletLogin.authMethods}
		if _, err := n.handleClaim(httptest.NewRecorder(), r); !errors.Is(err, ErrNotReady) {
			t.Errorf("bound wallet claim: %v, want it to reach the key (ErrNotReady here)", err)
		}
	}
}

func TestAuthMethodsConfigCheck(t *testing.T) {
	ok := AuthMethodsConfig{
		JWT: authmethod.Config{Issuers: []authmethod.IssuerConfig{{Issuer: "https://accounts.google.com",
			Audiences: []string{"client"}, Types: []authmethod.Type{authmethod.GoogleJWT}, JWKSURL: "https://www.googleapis.com/oauth2/v3/certs"}}},
		WebAuthn: authmethod.WebAuthnConfig{Origins: []string{"https://app.example"}, RPID: "app.example"},
	}
	if err := ok.check(); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]AuthMethodsConfig{
		"issuer without audience": {JWT: authmethod.Config{Issuers: []authmethod.IssuerConfig{{Issuer: "x", Types: []authmethod.Type{6}, JWKSFile: "f"}}}},
		"origin with a path":      {WebAuthn: authmethod.WebAuthnConfig{Origins: []string{"https://app.example/login"}}},
		"oauth not a URL":         {OAuth: oauth.Config{DiscordAPI: "discord.com", DiscordClientIDs: []string{"1"}}},
		"oauth without client id": {OAuth: oauth.Config{GoogleAPI: "https://www.googleapis.com"}},
	} {
		if err := c.check(); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v, want ErrConfig", name, err)
		}
	}
}

// TestClaimQuota: claims draw from quota.claim, per client address before
// the login is checked and per login after.
func TestClaimQuota(t *testing.T) {
	newNode := func(c KindQuota) *Node {
		cfg := QuotaConfig{Claim: c}
		cfg.withDefaults()
		q, err := newQuotas(cfg, time.Now)
		if err != nil {
			t.Fatal(err)
		}
		return &Node{quota: q, authMethods: fixedLogin{authmethod.Identity{Type: authmethod.EthWallet,
			Address: common.HexToAddress("0x00000000000000000000000000000000000000aa")}}}
	}
	claim := func(n *Node, ip string) error {
		r := httptest.NewRequest(http.MethodPost, "/web/pkp/claim", strings.NewReader(`{"authMethod":{"authMethodType":1,"accessToken":"x"}}`))
		r.RemoteAddr = ip + ":1234"
		_, err := n.handleClaim(httptest.NewRecorder(), r)
		return err
	}
	slow := RateConfig{PerSecond: 0.001, Burst: 1}
	for name, c := range map[string]struct {
		n      *Node
		second string // the second request's client address
	}{
		"per ip":    {newNode(KindQuota{PerIP: slow}), "10.0.0.1"},
		"per login": {newNode(KindQuota{PerCaller: slow}), "10.0.0.2"},
	} {
		if err := claim(c.n, "10.0.0.1"); !errors.Is(err, ErrNotReady) {
			t.Fatalf("%s: first claim: %v", name, err)
		}
		err := claim(c.n, c.second)
		if _, _, code := apiErr(err); code != codeRateLimit {
			t.Errorf("%s: second claim: %v (code %s), want %s", name, err, code, codeRateLimit)
		}
	}
}

// TestLoadConfigAuthMethods: the authMethods section as docs/operating.md
// shows it loads from a config file.
func TestLoadConfigAuthMethods(t *testing.T) {
	path := filepath.Join(t.TempDir(), "node.json")
	const js = `{"authMethods": {
  "jwt": {"issuers": [{"issuer": "https://accounts.google.com", "audiences": ["client-1"], "types": [6],
    "jwksUrl": "https://www.googleapis.com/oauth2/v3/certs"}]},
  "webauthn": {"origins": ["https://app.example"], "rpId": "app.example"},
  "requireBoundLogins": true
}}`
	if err := os.WriteFile(path, []byte(js), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := LoadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	am := c.AuthMethods
	if len(am.JWT.Issuers) != 1 || am.JWT.Issuers[0].Types[0] != authmethod.GoogleJWT || am.WebAuthn.RPID != "app.example" || !am.RequireBoundLogins || am.check() != nil {
		t.Fatalf("loaded %+v", am)
	}
	if err := os.WriteFile(path, []byte(`{"authMethods": {"jwt": {"issuer": "x"}}}`), 0o600); err == nil {
		if _, err := LoadConfig(path); !errors.Is(err, ErrConfig) {
			t.Fatalf("a misspelt field: %v, want ErrConfig", err)
		}
	}
}

// TestClaimSpendsLogin: a login shown for a claim cannot then be taken for
// a PKP session with any session key — every node saw it, so a corrupt one
// could replay it with its own key (failed before spendClaimLogin: the
// replay bound the login to the attacker's key). A login already taken
// for a session stays that session's.
func TestClaimSpendsLogin(t *testing.T) {
	wallet := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	newNode := func(digest byte) *Node {
		cfg := QuotaConfig{}
		cfg.withDefaults()
		q, err := newQuotas(cfg, time.Now)
		if err != nil {
			t.Fatal(err)
		}
		return &Node{quota: q, cfg: &Config{}, recentHashes: newRecentHashes(10*time.Minute, 100),
			loginBinds: newLoginBindings(maxLoginBindings, maxBindingsPerUser),
			authMethods: fixedLogin{authmethod.Identity{Type: authmethod.EthWallet, Address: wallet,
				UserID: wallet.Hex(), AppID: "lit", ID: authmethod.ID(wallet.Hex(), "lit"), Digest: [32]byte{digest}}}}
	}
	claim := func(n *Node) error {
		r := httptest.NewRequest(http.MethodPost, "/web/pkp/claim", strings.NewReader(`{"authMethod":{"authMethodType":1,"accessToken":"x"}}`))
		r.RemoteAddr = "10.0.0.1:1234"
		_, err := n.handleClaim(httptest.NewRecorder(), r)
		return err
	}
	use := func(digest byte) loginUse {
		return loginUse{digest: [32]byte{digest}, user: authmethod.ID(wallet.Hex(), "lit"), expires: time.Now().Add(time.Hour)}
	}
	attacker, user := bytes.Repeat([]byte{0xa7}, 32), bytes.Repeat([]byte{0x05}, 32)

	n := newNode(1)
	if err := claim(n); !errors.Is(err, ErrNotReady) { // reached the attestation
		t.Fatalf("claim: %v", err)
	}
	if err := n.loginBinds.bind([]loginUse{use(1)}, attacker, time.Now()); !errors.Is(err, errLoginBoundElsewhere) {
		t.Fatalf("the claim's login replayed for a session: %v, want errLoginBoundElsewhere", err)
	}

	n = newNode(2)
	if err := n.loginBinds.bind([]loginUse{use(2)}, user, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := claim(n); !errors.Is(err, ErrNotReady) {
		t.Fatalf("claim with a login taken for a session: %v", err)
	}
	if err := n.loginBinds.bind([]loginUse{use(2)}, user, time.Now()); err != nil {
		t.Fatalf("the user's own session after the claim: %v", err)
	}
}
