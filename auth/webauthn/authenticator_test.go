package webauthn

import (
	"crypto/rsa"
	"testing"

	"github.com/fxamacker/cbor/v2"

	"github.com/flint-network/flint/auth/webauthn/webauthntest"
)

// authenticator is the software authenticator of package webauthntest, with
// the test's failures for errors.
type authenticator struct {
	*webauthntest.Authenticator
}

func newES256(t testing.TB) *authenticator {
	t.Helper()
	a, err := webauthntest.NewES256()
	if err != nil {
		t.Fatal(err)
	}
	return &authenticator{a}
}

// rsaAuth is made once: RSA key generation is slow and the tests only need
// one RS256 credential.
var rsaAuth *webauthntest.Authenticator

func newRS256(t testing.TB) *authenticator {
	t.Helper()
	if rsaAuth == nil {
		a, err := webauthntest.NewRS256(2048)
		if err != nil {
			t.Fatal(err)
		}
		rsaAuth = a
	}
	return &authenticator{rsaAuth}
}

func (a *authenticator) isRSA() bool {
	_, ok := a.Public().(*rsa.PublicKey)
	return ok
}

func (a *authenticator) coseKey(t testing.TB) []byte {
	t.Helper()
	k, err := a.COSEKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func mustCBOR(t testing.TB, m map[int]any) []byte {
	t.Helper()
	b, err := cbor.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (a *authenticator) credential(t testing.TB) Credential {
	return Credential{ID: a.CredentialID, PublicKey: a.coseKey(t)}
}

// assertion is what the browser collects; tests change fields to build bad
// assertions.
type assertion = webauthntest.Assertion

const (
	flagUP = webauthntest.FlagUserPresent
	flagUV = webauthntest.FlagUserVerified
)

func defaultAssertion(challenge []byte) assertion {
	as := webauthntest.NewAssertion(challenge, "https://app.example", "app.example")
	as.Counter = 7
	return as
}

// sign returns the accessToken Lit's SDK would send for as.
func (a *authenticator) sign(t testing.TB, as assertion) string {
	t.Helper()
	tok, err := a.Sign(as)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
