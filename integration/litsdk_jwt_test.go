package integration

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/flint-network/flint/auth/authmethod"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/node"
)

// The ID-token issuer of the SDK's Google login (auth method type 6)
// steps, and the audience (the app's OAuth client id) its tokens name.
const (
	sdkJWTIssuer   = "https://accounts.flint.test"
	sdkJWTAudience = "flint-sdk-check.apps.flint.test"
	sdkJWTSubject  = "110248495921238986420"

	// A Stytch project (email OTP, type 10): Stytch's issuer and audience
	// name the project; the login is the email factor's address, which Lit
	// lower-cases with the project id (mixed case here to show it).
	sdkStytchProject = "project-test-7F3a9c2E"
	sdkStytchIssuer  = "stytch.com/" + sdkStytchProject
	sdkStytchEmail   = "Alice.Liddell@Example.COM"
)

// sdkIssuer is that issuer: an RS256 key made here (as Google signs), its
// JWKS served on loopback to the nodes only.
type sdkIssuer struct {
	key  *rsa.PrivateKey
	jwks *httptest.Server
}

func newSDKIssuer(t *testing.T) *sdkIssuer {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: key.Public(), KeyID: "sdk-1", Use: "sig", Algorithm: "RS256"}}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode(set)
	}))
	t.Cleanup(srv.Close)
	return &sdkIssuer{key: key, jwks: srv}
}

// authMethods is the nodes' config trusting the issuer for Google ID tokens.
func (is *sdkIssuer) authMethods() *node.AuthMethodsConfig {
	return &node.AuthMethodsConfig{JWT: authmethod.Config{Issuers: []authmethod.IssuerConfig{
		{Issuer: sdkJWTIssuer, Audiences: []string{sdkJWTAudience}, Types: []authmethod.Type{authmethod.GoogleJWT}, JWKSURL: is.jwks.URL},
		{Issuer: sdkStytchIssuer, Audiences: []string{sdkStytchProject}, Types: []authmethod.Type{authmethod.StytchEmailOtp}, JWKSURL: is.jwks.URL},
	}}}
}

// stytchToken signs a Stytch session JWT whose one authentication factor
// is an email OTP to sdkStytchEmail.
func (is *sdkIssuer) stytchToken(t *testing.T) string {
	t.Helper()
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: is.key, KeyID: "sdk-1"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	session := map[string]any{"authentication_factors": []any{map[string]any{
		"type": "otp", "delivery_method": "email", "last_authenticated_at": now.UTC().Format(time.RFC3339),
		"email_factor": map[string]any{"email_id": "email-test-81bf03a8", "email_address": sdkStytchEmail},
	}}}
	// aud is a list, as Stytch sends it (go-jose would write one audience
	// as a string): the SDK takes aud[0], which of a string is its first
	// letter.
	tok, err := jwt.Signed(s).Claims(jwt.Claims{Issuer: sdkStytchIssuer, Subject: "user-test-16d9ba61",
		IssuedAt: jwt.NewNumericDate(now), Expiry: jwt.NewNumericDate(now.Add(time.Hour))}).
		Claims(map[string]any{"aud": []string{sdkStytchProject}, "https://stytch.com/session": session}).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// token signs an ID token for sdkJWTSubject.
func (is *sdkIssuer) token(t *testing.T, audience string, iat, exp time.Time, nonce string) string {
	t.Helper()
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: is.key, KeyID: "sdk-1"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	tok, err := jwt.Signed(s).Claims(jwt.Claims{Issuer: sdkJWTIssuer, Subject: sdkJWTSubject, Audience: jwt.Audience{audience},
		IssuedAt: jwt.NewNumericDate(iat), Expiry: jwt.NewNumericDate(exp)}).Claims(map[string]any{"nonce": nonce}).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// env hands sdk-check.js a valid token (its nonce the recipient of the
// claim step), an expired one and one for another audience.
func (is *sdkIssuer) env(t *testing.T, recipient common.Address) []string {
	now := time.Now()
	return []string{
		"GOOGLE_JWT=" + is.token(t, sdkJWTAudience, now, now.Add(time.Hour), recipient.Hex()),
		"GOOGLE_JWT_EXPIRED=" + is.token(t, sdkJWTAudience, now.Add(-2*time.Hour), now.Add(-time.Hour), recipient.Hex()),
		"GOOGLE_JWT_WRONG_AUD=" + is.token(t, "another-app.apps.flint.test", now, now.Add(time.Hour), recipient.Hex()),
		"STYTCH_EMAIL_JWT=" + is.stytchToken(t),
	}
}

// checkSDKGoogleJwt checks the SDK's Google login steps: the id the SDK
// computed for the login is Lit's keccak256("<sub>:<aud>"), computed here;
// the session's capability verifies against the network key and carries
// the login (type 6, sub, aud) as its auth context; pkpSign recovers to the
// PKP; the expired and wrong-audience tokens got the nodes' codes; and the
// claim minted the login's key, for the token's nonce (the dev account).
func checkSDKGoogleJwt(t *testing.T, ctx context.Context, cc *chain.Client, steps map[string]*sdkStep, networkKey bls.PublicKey, pubkey []byte, recipient common.Address) {
	t.Helper()
	wantID := crypto.Keccak256Hash([]byte(sdkJWTSubject + ":" + sdkJWTAudience))
	var sess struct {
		AuthMethodID string        `json:"authMethodId"`
		Capability   sdkCapability `json:"capability"`
	}
	steps["pkpSessionGoogleJwt"].decode(t, &sess)
	if !strings.EqualFold(sess.AuthMethodID, wantID.Hex()) {
		t.Fatalf("the SDK's id of the Google login %s, want %s", sess.AuthMethodID, wantID.Hex())
	}
	ac := checkSessionCapability(t, "Google login", networkKey, sess.Capability, chain.EthAddress(pubkey))
	if len(ac.AuthMethodContexts) != 1 || ac.AuthMethodContexts[0].AuthMethodType != 6 ||
		ac.AuthMethodContexts[0].UserID != sdkJWTSubject || ac.AuthMethodContexts[0].AppID != sdkJWTAudience {
		t.Errorf("the Google login's auth context %+v", ac)
	}
	var sign struct{ Message, Signature string }
	steps["pkpSessionGoogleJwtSign"].decode(t, &sign)
	checkRecovers(t, crypto.Keccak256([]byte(sign.Message)), sign.Signature, pubkey)

	var refused struct {
		Expired, WrongAudience struct{ Name, Message, ErrorCode string }
	}
	steps["pkpSessionGoogleJwtRefused"].decode(t, &refused)
	if refused.Expired.ErrorCode != "NodeAuthMethodExpired" || refused.WrongAudience.ErrorCode != "NodeAuthMethodWrongAudience" {
		t.Errorf("refusals: expired %+v, wrong audience %+v", refused.Expired, refused.WrongAudience)
	}

	var claim struct {
		DerivedKeyID string `json:"derivedKeyId"`
		Pubkey       string `json:"pubkey"`
		Owner        string `json:"owner"`
	}
	steps["claimGoogleJwt"].decode(t, &claim)
	keyID := chain.AuthMethodKeyID(6, wantID)
	if !strings.EqualFold(strings.TrimPrefix(claim.DerivedKeyID, "0x"), hex.EncodeToString(keyID[:])) {
		t.Fatalf("claimKeyId's key id %s, want the Google login's %x", claim.DerivedKeyID, keyID)
	}
	pub := common.FromHex(claim.Pubkey)
	pkp, err := cc.PKP(ctx, chain.TokenID(pub))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pkp.Pubkey, pub) || pkp.Owner != recipient || claim.Owner != recipient.Hex() {
		t.Fatalf("the Google login's PKP on chain: key %x owner %s; the SDK derived %s", pkp.Pubkey, pkp.Owner.Hex(), claim.Pubkey)
	}
}

// checkSDKStytchEmail checks the SDK's Stytch email OTP step: the id the
// SDK computed is keccak256(lower(email) ":" lower(project)), computed
// here; the nodes resolved the same login (lower-cased in the session's
// auth context, so later checks rebuild the same id); pkpSign recovers to
// the PKP.
func checkSDKStytchEmail(t *testing.T, steps map[string]*sdkStep, networkKey bls.PublicKey, pubkey []byte) {
	t.Helper()
	user, app := strings.ToLower(sdkStytchEmail), strings.ToLower(sdkStytchProject)
	wantID := crypto.Keccak256Hash([]byte(user + ":" + app))
	var sess struct {
		AuthMethodID string        `json:"authMethodId"`
		Capability   sdkCapability `json:"capability"`
		Message      string        `json:"message"`
		Signature    string        `json:"signature"`
	}
	steps["pkpSessionStytchEmail"].decode(t, &sess)
	if !strings.EqualFold(sess.AuthMethodID, wantID.Hex()) {
		t.Fatalf("the SDK's id of the Stytch login %s, want %s", sess.AuthMethodID, wantID.Hex())
	}
	ac := checkSessionCapability(t, "Stytch email login", networkKey, sess.Capability, chain.EthAddress(pubkey))
	if len(ac.AuthMethodContexts) != 1 || ac.AuthMethodContexts[0].AuthMethodType != 10 ||
		ac.AuthMethodContexts[0].UserID != user || ac.AuthMethodContexts[0].AppID != app {
		t.Errorf("the Stytch login's auth context %+v, want type 10 %s / %s", ac, user, app)
	}
	checkRecovers(t, crypto.Keccak256([]byte(sess.Message)), sess.Signature, pubkey)
}
