package authmethod

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// FuzzParse drives the whole token path (size bound, compact parsing, alg
// allow-list, issuer lookup, signature, claims, Stytch factor mapping)
// with arbitrary tokens: it must never panic, and every refusal must carry
// one of the package's codes.
func FuzzParse(f *testing.F) {
	ti := newTestIssuer(f, stytchIss)
	ti.addKey("s1", jose.RS256, true)
	// Keys come from a file below: no network in the fuzz loop.
	var set jose.JSONWebKeySet
	set.Keys = append(set.Keys, jose.JSONWebKey{Key: ti.keys["s1"].Public(), KeyID: "s1"})
	raw, _ := json.Marshal(set)
	path := filepath.Join(f.TempDir(), "jwks.json")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		f.Fatal(err)
	}
	clock := &fakeClock{t: t0}
	v, err := New(Config{Issuers: []IssuerConfig{{Issuer: stytchIss, Audiences: []string{stytchAud},
		Types: []Type{StytchOtp, StytchEmailOtp, StytchTotp}, JWKSFile: path}}}, Options{Now: clock.Now})
	if err != nil {
		f.Fatal(err)
	}
	good := ti.sign("s1", jose.RS256, stdClaims(stytchIss, "u1", stytchAud), map[string]any{
		"https://stytch.com/session": map[string]any{"authentication_factors": []any{
			map[string]any{"email_factor": map[string]any{"email_address": "a@b.c"}}}}})
	f.Add(good, uint8(StytchOtp))
	f.Add(good, uint8(StytchEmailOtp))
	f.Add(good, uint8(StytchTotp))
	f.Add(noneToken(stdClaims(stytchIss, "u1", stytchAud)), uint8(StytchOtp))
	f.Add("a.b.c", uint8(GoogleJWT))
	f.Add("eyJhbGciOiJSUzI1NiJ9.e30.", uint8(StytchOtp))
	f.Fuzz(func(t *testing.T, tok string, typ uint8) {
		id, err := v.Verify(context.Background(), AuthMethod{Type: Type(typ), AccessToken: tok})
		if err != nil {
			if codeOf(err) == "" {
				t.Fatalf("error without code: %v", err)
			}
			return
		}
		if id.UserID == "" || id.AppID != stytchAud || id.ID != wantID(id.UserID, id.AppID) {
			t.Fatalf("inconsistent identity %+v", id)
		}
	})
}

// FuzzResolve drives the Resolver's own types (wallet AuthSigs, WebAuthn
// assertions) and its dispatch with arbitrary input: no panic, and every
// refusal carries one of the package's codes.
func FuzzResolve(f *testing.F) {
	r := NewResolver(ResolverConfig{Now: func() time.Time { return t0 }, RecentNonce: recentOnly})
	keys := func(context.Context, [32]byte) ([]byte, error) { return []byte{0xa5, 0x01, 0x02}, nil }
	for _, s := range []string{`{}`, `{"sig":"0x00","derivedVia":"web3.eth.personal.sign","signedMessage":"x","address":"0x0"}`,
		`{"rawId":"AAAA","response":{"clientDataJSON":"","authenticatorData":"","signature":""}}`, "", "\x00"} {
		for _, typ := range []int{1, 2, 3, 4, 6, 99} {
			f.Add(typ, s)
		}
	}
	f.Fuzz(func(t *testing.T, typ int, tok string) {
		_, err := r.Resolve(context.Background(), AuthMethod{Type: Type(typ), AccessToken: tok}, keys)
		if err != nil && Code(err) == "" {
			t.Fatalf("refusal without a code: %v", err)
		}
	})
}
