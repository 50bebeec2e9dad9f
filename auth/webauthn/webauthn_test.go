package webauthn

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"golang.org/x/crypto/sha3"
)

var recentHash = bytes.Repeat([]byte{0xab}, 32)

func testOptions() Options {
	return Options{RecentChallenge: func(c []byte) bool { return bytes.Equal(c, recentHash) }}
}

func verifyToken(tok string, cred Credential, opts Options) (Result, error) {
	a, err := Parse(tok)
	if err != nil {
		return Result{}, err
	}
	return Verify(a, cred, opts)
}

func TestAccepted(t *testing.T) {
	for _, tc := range []struct {
		name string
		auth *authenticator
	}{{"ES256", newES256(t)}, {"RS256", newRS256(t)}} {
		t.Run(tc.name, func(t *testing.T) {
			tok := tc.auth.sign(t, defaultAssertion(recentHash))
			res, err := verifyToken(tok, tc.auth.credential(t), testOptions())
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			userID := base64.RawURLEncoding.EncodeToString(tc.auth.CredentialID)
			if res.UserID != userID {
				t.Errorf("UserID = %q, want %q", res.UserID, userID)
			}
			// The SDK's getAuthMethodId: keccak256(toUtf8Bytes(`${rawId}:lit`)).
			h := sha3.NewLegacyKeccak256()
			h.Write([]byte(userID + ":lit"))
			if got, want := hex.EncodeToString(res.AuthMethodID[:]), hex.EncodeToString(h.Sum(nil)); got != want {
				t.Errorf("AuthMethodID = %s, want %s", got, want)
			}
			if res.SignCount != 7 || !res.UserVerified || res.RPID != "app.example" || res.Origin != "https://app.example" {
				t.Errorf("Result = %+v", res)
			}
			checkIndependently(t, tc.auth, tok)
		})
	}
}

// checkIndependently verifies the accepted assertion's signature with the
// standard library alone, so the test does not only trust go-webauthn.
func checkIndependently(t *testing.T, a *authenticator, tok string) {
	t.Helper()
	p, err := Parse(tok)
	if err != nil {
		t.Fatal(err)
	}
	r := p.par.Raw.AssertionResponse
	cdHash := sha256.Sum256(r.ClientDataJSON)
	digest := sha256.Sum256(append(append([]byte{}, r.AuthenticatorData...), cdHash[:]...))
	var ok bool
	switch k := a.Public().(type) {
	case *ecdsa.PublicKey:
		ok = ecdsa.VerifyASN1(k, digest[:], r.Signature)
	case *rsa.PublicKey:
		ok = rsa.VerifyPKCS1v15(k, crypto.SHA256, digest[:], r.Signature) == nil
	}
	if !ok {
		t.Fatal("standard library does not verify the accepted signature")
	}
}

func TestRefused(t *testing.T) {
	es, rs, other := newES256(t), newRS256(t), newES256(t)
	for _, auth := range []*authenticator{es, rs} {
		name := "ES256"
		if auth.isRSA() {
			name = "RS256"
		}
		cases := []struct {
			name   string
			edit   func(*assertion)
			cred   func() Credential
			opts   func(*Options)
			want   *Error
			substr string
		}{
			{name: "stale challenge", edit: func(a *assertion) { a.Challenge = bytes.Repeat([]byte{1}, 32) }, want: ErrStaleChallenge},
			{name: "short challenge", edit: func(a *assertion) { a.Challenge = recentHash[:16] }, want: ErrStaleChallenge},
			{name: "no predicate", opts: func(o *Options) { o.RecentChallenge = nil }, want: ErrStaleChallenge},
			{name: "wrong type", edit: func(a *assertion) { a.Type = "webauthn.create" }, want: ErrWrongType},
			{name: "origin not allowed", opts: func(o *Options) { o.Origins = []string{"https://other.example"} }, want: ErrWrongOrigin},
			{name: "http origin", edit: func(a *assertion) { a.Origin = "http://app.example" }, want: ErrWrongOrigin},
			{name: "origin with path", edit: func(a *assertion) { a.Origin = "https://app.example/x" }, want: ErrWrongOrigin},
			{name: "cross origin", edit: func(a *assertion) { a.CrossOrigin = true }, want: ErrWrongOrigin},
			{name: "rpId of another site", edit: func(a *assertion) { a.RPID = "evil.example" }, want: ErrWrongRPID},
			{name: "configured rpId differs", opts: func(o *Options) { o.RPID = "example" }, want: ErrWrongRPID},
			{name: "user not present", edit: func(a *assertion) { a.Flags = flagUV }, want: ErrUserNotPresent},
			{name: "user not verified", edit: func(a *assertion) { a.Flags = flagUP }, opts: func(o *Options) { o.RequireUserVerification = true }, want: ErrUserNotPresent},
			{name: "signed by another key", edit: func(a *assertion) { a.SignWith = other.Authenticator }, want: ErrBadSignature},
			{name: "tampered clientDataJSON", edit: func(a *assertion) {
				a.TamperClientData = func(b []byte) []byte {
					return bytes.Replace(b, []byte(`"crossOrigin":false`), []byte(`"crossOrigin":false `), 1)
				}
			}, want: ErrBadSignature},
			{name: "wrong credential id", cred: func() Credential { c := auth.credential(t); c.ID = other.CredentialID; return c }, want: ErrWrongCredential},
			{name: "another credential's key", cred: func() Credential { return Credential{ID: auth.CredentialID, PublicKey: other.coseKey(t)} }, want: ErrBadSignature},
			{name: "empty key", cred: func() Credential { return Credential{ID: auth.CredentialID} }, want: ErrBadKey},
			{name: "garbage key", cred: func() Credential { return Credential{ID: auth.CredentialID, PublicKey: []byte{0xa1, 0x01}} }, want: ErrBadKey},
			{name: "oversized key", cred: func() Credential {
				return Credential{ID: auth.CredentialID, PublicKey: make([]byte, MaxPublicKey+1)}
			}, want: ErrBadKey, substr: "MaxPublicKey"},
		}
		for _, tc := range cases {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				as := defaultAssertion(recentHash)
				if tc.edit != nil {
					tc.edit(&as)
				}
				cred := auth.credential(t)
				if tc.cred != nil {
					cred = tc.cred()
				}
				opts := testOptions()
				if tc.opts != nil {
					tc.opts(&opts)
				}
				_, err := verifyToken(auth.sign(t, as), cred, opts)
				if !errors.Is(err, tc.want) {
					t.Fatalf("err = %v, want %s", err, tc.want.Code)
				}
				if Code(err) != tc.want.Code {
					t.Errorf("Code = %q, want %q", Code(err), tc.want.Code)
				}
				if tc.substr != "" && !strings.Contains(err.Error(), tc.substr) {
					t.Errorf("err %q does not name %s", err, tc.substr)
				}
			})
		}
	}
}

func TestAllowedOrigins(t *testing.T) {
	a := newES256(t)
	as := defaultAssertion(recentHash)
	as.Origin, as.RPID = "http://localhost:5173", "localhost"
	tok := a.sign(t, as)
	if _, err := verifyToken(tok, a.credential(t), testOptions()); !errors.Is(err, ErrWrongOrigin) {
		t.Fatalf("http origin without configuration: err = %v", err)
	}
	opts := testOptions()
	opts.Origins = []string{"http://localhost:5173"}
	if _, err := verifyToken(tok, a.credential(t), opts); err != nil {
		t.Fatalf("configured origin refused: %v", err)
	}
}

func TestParseMalformed(t *testing.T) {
	a := newES256(t)
	good := a.sign(t, defaultAssertion(recentHash))
	enc := base64.RawURLEncoding.EncodeToString
	id := enc(a.CredentialID)
	for _, tc := range []struct {
		name, tok string
		want      *Error
		substr    string
	}{
		{"empty", "", ErrMalformed, ""},
		{"not JSON", "{", ErrMalformed, ""},
		{"no rawId", `{"id":"x","response":{}}`, ErrMalformed, "rawId"},
		{"no response", `{"id":"` + id + `","rawId":"` + id + `","type":"public-key"}`, ErrMalformed, "response"},
		{"padded rawId", strings.ReplaceAll(good, `"rawId":"`+id+`"`, `"rawId":"`+base64.URLEncoding.EncodeToString(a.CredentialID)+`"`), ErrMalformed, "canonical"},
		{"id differs from rawId", strings.Replace(good, `"id":"`+id+`"`, `"id":"`+enc([]byte("other"))+`"`, 1), ErrMalformed, ""},
		{"wrong type", strings.Replace(good, `"public-key"`, `"password"`, 1), ErrMalformed, ""},
		{"short authenticatorData", `{"id":"` + id + `","rawId":"` + id + `","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AAAA","signature":"AA"}}`, ErrMalformed, ""},
		{"oversized token", good + strings.Repeat(" ", MaxAccessToken), ErrTooLarge, "MaxAccessToken"},
		{"oversized rawId", `{"rawId":"` + strings.Repeat("A", 2000) + `","response":{}}`, ErrTooLarge, "MaxCredentialID"},
		{"oversized clientDataJSON", `{"rawId":"` + id + `","response":{"clientDataJSON":"` + strings.Repeat("A", 6000) + `"}}`, ErrTooLarge, "MaxClientDataJSON"},
		{"oversized authenticatorData", `{"rawId":"` + id + `","response":{"authenticatorData":"` + strings.Repeat("A", 3000) + `"}}`, ErrTooLarge, "MaxAuthenticatorData"},
		{"oversized signature", `{"rawId":"` + id + `","response":{"signature":"` + strings.Repeat("A", 1500) + `"}}`, ErrTooLarge, "MaxSignature"},
		{"oversized userHandle", `{"rawId":"` + id + `","response":{"userHandle":"` + strings.Repeat("A", 200) + `"}}`, ErrTooLarge, "MaxUserHandle"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(tc.tok)
			if !errors.Is(err, tc.want) {
				t.Fatalf("err = %v, want %s", err, tc.want.Code)
			}
			if tc.substr != "" && !strings.Contains(err.Error(), tc.substr) {
				t.Errorf("err %q does not name %s", err, tc.substr)
			}
		})
	}
	if _, err := Verify(nil, Credential{}, testOptions()); !errors.Is(err, ErrMalformed) {
		t.Errorf("Verify(nil) err = %v", err)
	}
}

func FuzzParse(f *testing.F) {
	a := newES256(f)
	f.Add(a.sign(f, defaultAssertion(recentHash)))
	f.Add(newRS256(f).sign(f, defaultAssertion(recentHash)))
	f.Add(`{"rawId":"AA","response":{}}`)
	f.Add("")
	cred := a.credential(f)
	f.Fuzz(func(t *testing.T, tok string) {
		p, err := Parse(tok)
		if err != nil {
			if Code(err) == "" {
				t.Fatalf("error without a code: %v", err)
			}
			return
		}
		if p.UserID() == "" || len(p.CredentialID()) == 0 || len(p.CredentialID()) > MaxCredentialID {
			t.Fatalf("parsed an assertion with credential id %q", p.UserID())
		}
		if _, err := Verify(p, cred, testOptions()); err != nil && Code(err) == "" {
			t.Fatalf("Verify error without a code: %v", err)
		}
	})
}

// Keys of algorithms other than ES256 and RS256 are refused even when they
// parse as COSE keys.
func TestUnacceptedKeys(t *testing.T) {
	a := newES256(t)
	tok := a.sign(t, defaultAssertion(recentHash))
	ed := mustCBOR(t, map[int]any{1: 1, 3: -8, -1: 6, -2: bytes.Repeat([]byte{9}, 32)})
	k384, err := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	es384 := mustCBOR(t, map[int]any{1: 2, 3: -35, -1: 2, -2: k384.X.FillBytes(make([]byte, 48)), -3: k384.Y.FillBytes(make([]byte, 48))})
	for name, key := range map[string][]byte{"EdDSA": ed, "ES384": es384} {
		t.Run(name, func(t *testing.T) {
			_, err := verifyToken(tok, Credential{ID: a.CredentialID, PublicKey: key}, testOptions())
			if !errors.Is(err, ErrBadKey) {
				t.Fatalf("err = %v, want %s", err, ErrBadKey.Code)
			}
			t.Log(err)
		})
	}
}
