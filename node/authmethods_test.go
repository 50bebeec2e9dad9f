package node

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/auth/authmethod"
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
		"oauth not a URL":         {OAuth: OAuthConfig{DiscordAPI: "discord.com"}},
		"oauth without resolver":  {OAuth: OAuthConfig{GoogleAPI: "https://www.googleapis.com"}},
	} {
		if err := c.check(); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v, want ErrConfig", name, err)
		}
	}
}
