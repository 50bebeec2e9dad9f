package authmethod

import (
	"context"
	"crypto/hmac"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
	"golang.org/x/crypto/sha3"
)

const (
	googleIss = "https://accounts.google.com"
	appleIss  = "https://appleid.apple.com"
	stytchIss = "stytch.com/project-test-1"
	clientID  = "client-123.apps.googleusercontent.com"
	appleAud  = "com.example.app"
	stytchAud = "project-test-1"
)

type fixture struct {
	google, apple, stytch *testIssuer
	clock                 *fakeClock
	v                     *Verifier
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{
		google: newTestIssuer(t, googleIss),
		apple:  newTestIssuer(t, appleIss),
		stytch: newTestIssuer(t, stytchIss),
		clock:  &fakeClock{t: t0},
	}
	f.google.addKey("g1", jose.RS256, true)
	f.google.addKey("g-ec", jose.ES256, true)
	f.apple.addKey("a1", jose.ES256, true)
	f.stytch.addKey("s1", jose.RS256, true)
	cfg := Config{Issuers: []IssuerConfig{
		{Issuer: googleIss, Audiences: []string{clientID}, Types: []Type{GoogleJWT}, JWKSURL: f.google.srv.URL},
		{Issuer: appleIss, Audiences: []string{appleAud}, Types: []Type{AppleJWT}, JWKSURL: f.apple.srv.URL},
		{Issuer: stytchIss, Audiences: []string{stytchAud}, Types: []Type{StytchOtp, StytchEmailOtp, StytchSmsOtp, StytchWhatsApp, StytchTotp}, JWKSURL: f.stytch.srv.URL},
	}}
	v, err := New(cfg, Options{Now: f.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	f.v = v
	return f
}

// wantID recomputes the auth method id with an independent Keccak.
func wantID(user, app string) [32]byte {
	h := sha3.NewLegacyKeccak256()
	h.Write([]byte(user + ":" + app))
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

func TestAccepted(t *testing.T) {
	f := newFixture(t)
	stytchSession := func(factor map[string]any) map[string]any {
		return map[string]any{"https://stytch.com/session": map[string]any{
			"authentication_factors": []any{map[string]any{"type": "x"}, factor},
		}}
	}
	cases := []struct {
		name      string
		typ       Type
		tok       string
		user, app string
	}{
		{"google RS256", GoogleJWT, f.google.sign("g1", jose.RS256, stdClaims(googleIss, "1234567890", clientID), nil), "1234567890", clientID},
		{"google ES256", GoogleJWT, f.google.sign("g-ec", jose.ES256, stdClaims(googleIss, "1234567890", clientID), nil), "1234567890", clientID},
		{"apple", AppleJWT, f.apple.sign("a1", jose.ES256, stdClaims(appleIss, "000123.ABC.0456", appleAud), nil), "000123.ABC.0456", appleAud},
		{"stytch session lower-cased", StytchOtp, f.stytch.sign("s1", jose.RS256, stdClaims(stytchIss, "user-test-ABC", stytchAud), nil), "user-test-abc", stytchAud},
		{"stytch email", StytchEmailOtp, f.stytch.sign("s1", jose.RS256, stdClaims(stytchIss, "user-x", stytchAud),
			stytchSession(map[string]any{"email_factor": map[string]any{"email_address": "Alice@Example.com"}})), "alice@example.com", stytchAud},
		{"stytch sms", StytchSmsOtp, f.stytch.sign("s1", jose.RS256, stdClaims(stytchIss, "user-x", stytchAud),
			stytchSession(map[string]any{"phone_number_factor": map[string]any{"phone_number": "+15550001"}})), "+15550001", stytchAud},
		{"stytch whatsapp", StytchWhatsApp, f.stytch.sign("s1", jose.RS256, stdClaims(stytchIss, "user-x", stytchAud),
			stytchSession(map[string]any{"phone_number_factor": map[string]any{"phone_number": "+15550002"}})), "+15550002", stytchAud},
		{"stytch totp", StytchTotp, f.stytch.sign("s1", jose.RS256, stdClaims(stytchIss, "user-x", stytchAud),
			stytchSession(map[string]any{"authenticator_app_factor": map[string]any{"totp_id": "TOTP-id-1"}})), "totp-id-1", stytchAud},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id, err := f.v.Verify(context.Background(), AuthMethod{Type: c.typ, AccessToken: c.tok})
			if err != nil {
				t.Fatal(err)
			}
			if id.Type != c.typ || id.UserID != c.user || id.AppID != c.app {
				t.Fatalf("identity %+v, want %d %q %q", id, c.typ, c.user, c.app)
			}
			if id.ID != wantID(c.user, c.app) {
				t.Fatalf("id %s, want keccak256(%q)", id.IDHex(), c.user+":"+c.app)
			}
		})
	}
}

func codeOf(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func TestRefused(t *testing.T) {
	f := newFixture(t)
	good := stdClaims(googleIss, "u1", clientID)
	with := func(mod func(*jwt.Claims)) jwt.Claims { c := good; mod(&c); return c }
	f.google.addKey("unpublished", jose.RS256, false)
	other := newTestIssuer(t, "other")
	other.addKey("g1", jose.RS256, true) // same kid, other key

	cases := []struct {
		name string
		typ  Type
		tok  string
		want *Error
	}{
		{"expired", GoogleJWT, f.google.sign("g1", jose.RS256, with(func(c *jwt.Claims) { c.Expiry = jwt.NewNumericDate(t0.Add(-2 * time.Minute)) }), nil), ErrExpired},
		{"not yet valid", GoogleJWT, f.google.sign("g1", jose.RS256, with(func(c *jwt.Claims) { c.NotBefore = jwt.NewNumericDate(t0.Add(10 * time.Minute)) }), nil), ErrNotYetValid},
		{"issued in future", GoogleJWT, f.google.sign("g1", jose.RS256, with(func(c *jwt.Claims) { c.IssuedAt = jwt.NewNumericDate(t0.Add(10 * time.Minute)) }), nil), ErrNotYetValid},
		{"no exp", GoogleJWT, f.google.sign("g1", jose.RS256, with(func(c *jwt.Claims) { c.Expiry = nil }), nil), ErrInvalidToken},
		{"wrong audience", GoogleJWT, f.google.sign("g1", jose.RS256, stdClaims(googleIss, "u1", "someone-else"), nil), ErrWrongAudience},
		{"unknown issuer", GoogleJWT, f.google.sign("g1", jose.RS256, stdClaims("https://evil.example", "u1", clientID), nil), ErrUnknownIssuer},
		{"issuer not for this type", GoogleJWT, f.apple.sign("a1", jose.ES256, stdClaims(appleIss, "u1", appleAud), nil), ErrUnknownIssuer},
		{"wrong key same kid", GoogleJWT, other.sign("g1", jose.RS256, good, nil), ErrInvalidToken},
		{"unknown kid", GoogleJWT, f.google.sign("unpublished", jose.RS256, good, nil), ErrInvalidToken},
		{"alg none", GoogleJWT, noneToken(good), ErrInvalidToken},
		{"HS256 with public key as secret", GoogleJWT, hsConfusionToken(t, f.google, "g1", good), ErrInvalidToken},
		{"oversized", GoogleJWT, f.google.sign("g1", jose.RS256, good, map[string]any{"pad": strings.Repeat("x", DefaultMaxTokenBytes)}), ErrInvalidToken},
		{"malformed", GoogleJWT, "not.a.jwt", ErrInvalidToken},
		{"empty", GoogleJWT, "", ErrInvalidToken},
		{"two audiences for google", GoogleJWT, f.google.sign("g1", jose.RS256, stdClaims(googleIss, "u1", clientID, "x"), nil), ErrInvalidToken},
		{"stytch accepted audience only in second place", StytchOtp, f.stytch.sign("s1", jose.RS256, stdClaims(stytchIss, "u", "project-other", stytchAud), nil), ErrWrongAudience},
		{"stytch factor missing", StytchEmailOtp, f.stytch.sign("s1", jose.RS256, stdClaims(stytchIss, "u", stytchAud), nil), ErrInvalidToken},
		{"wallet type", EthWallet, "{}", ErrUnsupportedType},
		{"unknown type", Type(99), "x", ErrUnsupportedType},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := f.v.Verify(context.Background(), AuthMethod{Type: c.typ, AccessToken: c.tok})
			if !errors.Is(err, c.want) || codeOf(err) != c.want.Code {
				t.Fatalf("err %v (code %q), want %v", err, codeOf(err), c.want)
			}
		})
	}
}

func TestUnconfiguredType(t *testing.T) {
	v, err := New(Config{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = v.Verify(context.Background(), AuthMethod{Type: GoogleJWT, AccessToken: "a.b.c"})
	if !errors.Is(err, ErrUnsupportedType) || !strings.Contains(err.Error(), "no issuer configured") {
		t.Fatalf("err %v", err)
	}
}

// noneToken builds {"alg":"none"} by hand: no library will sign it.
func noneToken(c jwt.Claims) string {
	h := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","kid":"g1"}`))
	b, _ := json.Marshal(c)
	return h + "." + base64.RawURLEncoding.EncodeToString(b) + "."
}

// hsConfusionToken signs HS256 with the issuer's public key bytes as the
// HMAC secret, the attack on verifiers that let the token pick the alg.
func hsConfusionToken(t *testing.T, ti *testIssuer, kid string, c jwt.Claims) string {
	t.Helper()
	ti.mu.Lock()
	pub := ti.keys[kid].Public().(*rsa.PublicKey)
	ti.mu.Unlock()
	der, err := x509.MarshalPKIXPublicKey(pub)
	if err != nil {
		t.Fatal(err)
	}
	h := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","kid":"` + kid + `"}`))
	b, _ := json.Marshal(c)
	in := h + "." + base64.RawURLEncoding.EncodeToString(b)
	m := hmac.New(sha256.New, der)
	m.Write([]byte(in))
	return in + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func TestSkewTolerated(t *testing.T) {
	f := newFixture(t)
	c := stdClaims(googleIss, "u1", clientID)
	c.Expiry = jwt.NewNumericDate(t0.Add(-30 * time.Second)) // within the 60 s skew
	if _, err := f.v.Verify(context.Background(), AuthMethod{Type: GoogleJWT, AccessToken: f.google.sign("g1", jose.RS256, c, nil)}); err != nil {
		t.Fatalf("within skew: %v", err)
	}
}

func TestKeyRotation(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tok := func(kid string) AuthMethod {
		return AuthMethod{Type: GoogleJWT, AccessToken: f.google.sign(kid, jose.RS256, stdClaims(googleIss, "u1", clientID), nil)}
	}
	// An unknown kid on the very first login costs one fetch, not two.
	f.google.addKey("g0", jose.RS256, false)
	if _, err := f.v.Verify(ctx, tok("g0")); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("err %v", err)
	}
	if n := f.google.fetches.Load(); n != 1 {
		t.Fatalf("%d fetches after first login, want 1", n)
	}
	if _, err := f.v.Verify(ctx, tok("g1")); err != nil {
		t.Fatal(err)
	}
	if n := f.google.fetches.Load(); n != 1 {
		t.Fatalf("%d fetches after second login, want 1", n)
	}
	if _, err := f.v.Verify(ctx, tok("g1")); err != nil {
		t.Fatal(err)
	}
	if n := f.google.fetches.Load(); n != 1 {
		t.Fatalf("cached keys refetched: %d fetches", n)
	}
	// The issuer rotates: a token with the new kid triggers one refetch.
	f.google.addKey("g2", jose.RS256, true)
	if _, err := f.v.Verify(ctx, tok("g2")); err != nil {
		t.Fatalf("rotated key: %v", err)
	}
	if n := f.google.fetches.Load(); n != 2 {
		t.Fatalf("%d fetches after rotation, want 2", n)
	}
	// Another unknown kid within the interval does not refetch.
	f.google.addKey("g3", jose.RS256, false)
	for i := 0; i < 5; i++ {
		if _, err := f.v.Verify(ctx, tok("g3")); !errors.Is(err, ErrInvalidToken) || !strings.Contains(err.Error(), "rate-limited") {
			t.Fatalf("err %v, want rate-limited invalid token", err)
		}
	}
	if n := f.google.fetches.Load(); n != 2 {
		t.Fatalf("%d fetches, want 2 (rate limit)", n)
	}
	// After the interval, a new kid is fetched again.
	f.google.publish("g3")
	f.clock.Add(DefaultRefetchInterval)
	c := stdClaims(googleIss, "u1", clientID)
	c.IssuedAt = jwt.NewNumericDate(f.clock.Now())
	if _, err := f.v.Verify(ctx, AuthMethod{Type: GoogleJWT, AccessToken: f.google.sign("g3", jose.RS256, c, nil)}); err != nil {
		t.Fatalf("after interval: %v", err)
	}
	if n := f.google.fetches.Load(); n != 3 {
		t.Fatalf("%d fetches, want 3", n)
	}
	// And the TTL makes a plain refetch.
	f.clock.Add(DefaultCacheTTL)
	c.Expiry = jwt.NewNumericDate(f.clock.Now().Add(time.Hour))
	c.IssuedAt = jwt.NewNumericDate(f.clock.Now())
	if _, err := f.v.Verify(ctx, AuthMethod{Type: GoogleJWT, AccessToken: f.google.sign("g1", jose.RS256, c, nil)}); err != nil {
		t.Fatal(err)
	}
	if n := f.google.fetches.Load(); n != 4 {
		t.Fatalf("%d fetches after TTL, want 4", n)
	}
}

func TestJWKSFileAndBounds(t *testing.T) {
	ti := newTestIssuer(t, googleIss)
	ti.addKey("k", jose.ES256, true)
	var set jose.JSONWebKeySet
	set.Keys = append(set.Keys, jose.JSONWebKey{Key: ti.keys["k"].Public(), KeyID: "k"})
	// A symmetric key in the JWKS must never be used to verify.
	set.Keys = append(set.Keys, jose.JSONWebKey{Key: []byte("secret"), KeyID: "k", Algorithm: "HS256"})
	raw, _ := json.Marshal(set)
	dir := t.TempDir()
	path := filepath.Join(dir, "jwks.json")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	clock := &fakeClock{t: t0}
	cfg := Config{Issuers: []IssuerConfig{{Issuer: googleIss, Audiences: []string{clientID}, Types: []Type{GoogleJWT}, JWKSFile: path}}}
	v, err := New(cfg, Options{Now: clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	tok := ti.sign("k", jose.ES256, stdClaims(googleIss, "u1", clientID), nil)
	if _, err := v.Verify(context.Background(), AuthMethod{Type: GoogleJWT, AccessToken: tok}); err != nil {
		t.Fatal(err)
	}

	// A JWKS over the size bound is refused, naming the bound.
	cfg.MaxJWKSBytes = int64(len(raw) - 1)
	v, _ = New(cfg, Options{Now: clock.Now})
	_, err = v.Verify(context.Background(), AuthMethod{Type: GoogleJWT, AccessToken: tok})
	if !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "MaxJWKSBytes") {
		t.Fatalf("err %v", err)
	}
	// A JWKS URL that fails is unavailable, not an invalid token.
	cfg = Config{Issuers: []IssuerConfig{{Issuer: googleIss, Audiences: []string{clientID}, Types: []Type{GoogleJWT}, JWKSURL: "http://127.0.0.1:1/jwks"}}}
	v, _ = New(cfg, Options{Now: clock.Now})
	if _, err = v.Verify(context.Background(), AuthMethod{Type: GoogleJWT, AccessToken: tok}); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("err %v", err)
	}
}

func TestOversizedNamesBound(t *testing.T) {
	v, _ := New(Config{MaxTokenBytes: 10, Issuers: []IssuerConfig{{Issuer: googleIss, Audiences: []string{clientID}, Types: []Type{GoogleJWT}, JWKSFile: "/nonexistent"}}}, Options{})
	_, err := v.Verify(context.Background(), AuthMethod{Type: GoogleJWT, AccessToken: strings.Repeat("a", 11)})
	if !errors.Is(err, ErrInvalidToken) || !strings.Contains(err.Error(), "MaxTokenBytes") {
		t.Fatalf("err %v", err)
	}
}

func TestConfigValidate(t *testing.T) {
	ok := IssuerConfig{Issuer: googleIss, Audiences: []string{clientID}, Types: []Type{GoogleJWT}, JWKSURL: "https://www.googleapis.com/oauth2/v3/certs"}
	bad := []func(*IssuerConfig){
		func(c *IssuerConfig) { c.Issuer = "" },
		func(c *IssuerConfig) { c.Audiences = nil },
		func(c *IssuerConfig) { c.Types = nil },
		func(c *IssuerConfig) { c.Types = []Type{EthWallet} },
		func(c *IssuerConfig) { c.JWKSURL = "" },
		func(c *IssuerConfig) { c.JWKSFile = "/x" },
		func(c *IssuerConfig) { c.JWKSURL = "file:///etc/passwd" },
	}
	if err := (Config{Issuers: []IssuerConfig{ok}}).Validate(); err != nil {
		t.Fatal(err)
	}
	if err := (Config{Issuers: []IssuerConfig{ok, ok}}).Validate(); err == nil {
		t.Fatal("duplicate issuer accepted")
	}
	for i, mod := range bad {
		c := ok
		mod(&c)
		if err := (Config{Issuers: []IssuerConfig{c}}).Validate(); err == nil {
			t.Fatalf("case %d accepted", i)
		}
	}
}

// TestIDVector pins the id against a value computed by hand-independent
// Keccak (x/crypto), in the hex form the SDK prints.
func TestIDVector(t *testing.T) {
	w := wantID("1234567890", clientID)
	id := Identity{ID: ID("1234567890", clientID)}
	if id.IDHex() != "0x"+hex.EncodeToString(w[:]) {
		t.Fatalf("%s", id.IDHex())
	}
}

func TestNonce(t *testing.T) {
	f := newFixture(t)
	seen := map[string]bool{}
	v, err := New(f.v.cfg, Options{Now: f.clock.Now, CheckNonce: func(_ context.Context, n string) error {
		if n == "" || seen[n] {
			return errors.New("missing or replayed")
		}
		seen[n] = true
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	withNonce := AuthMethod{Type: GoogleJWT, AccessToken: f.google.sign("g1", jose.RS256, stdClaims(googleIss, "u1", clientID), map[string]any{"nonce": "n-1"})}
	if _, err := v.Verify(context.Background(), withNonce); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Verify(context.Background(), withNonce); !errors.Is(err, ErrBadNonce) || codeOf(err) != "AuthMethodBadNonce" {
		t.Fatalf("replay: err %v", err)
	}
	noNonce := AuthMethod{Type: GoogleJWT, AccessToken: f.google.sign("g1", jose.RS256, stdClaims(googleIss, "u1", clientID), nil)}
	if _, err := v.Verify(context.Background(), noNonce); !errors.Is(err, ErrBadNonce) {
		t.Fatalf("no nonce: err %v", err)
	}
}

func TestStaleKeysWhenIssuerDown(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	login := func() error {
		c := stdClaims(googleIss, "u1", clientID)
		c.IssuedAt = jwt.NewNumericDate(f.clock.Now())
		c.Expiry = jwt.NewNumericDate(f.clock.Now().Add(time.Hour))
		_, err := f.v.Verify(ctx, AuthMethod{Type: GoogleJWT, AccessToken: f.google.sign("g1", jose.RS256, c, nil)})
		return err
	}
	if err := login(); err != nil {
		t.Fatal(err)
	}
	f.google.srv.Close()
	f.clock.Add(DefaultCacheTTL)
	if err := login(); err != nil {
		t.Fatalf("stale keys not used: %v", err)
	}
}

// TestConcurrentLogins runs logins in parallel (meaningful under -race):
// they share one key fetch.
func TestConcurrentLogins(t *testing.T) {
	f := newFixture(t)
	tok := f.google.sign("g1", jose.RS256, stdClaims(googleIss, "u1", clientID), nil)
	errs := make(chan error, 16)
	for i := 0; i < cap(errs); i++ {
		go func() {
			_, err := f.v.Verify(context.Background(), AuthMethod{Type: GoogleJWT, AccessToken: tok})
			errs <- err
		}()
	}
	for i := 0; i < cap(errs); i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	if n := f.google.fetches.Load(); n != 1 {
		t.Fatalf("%d fetches for %d concurrent logins, want 1", n, cap(errs))
	}
}
