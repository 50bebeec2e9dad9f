package webauthntest_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/flint-network/flint/auth/webauthn"
	"github.com/flint-network/flint/auth/webauthn/webauthntest"
)

// Both key types sign assertions package webauthn accepts, and one signed by
// another credential's key is refused.
func TestAuthenticator(t *testing.T) {
	es, err := webauthntest.NewES256()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := webauthntest.NewRS256(2048)
	if err != nil {
		t.Fatal(err)
	}
	challenge := bytes.Repeat([]byte{1}, 32)
	opts := webauthn.Options{RecentChallenge: func(c []byte) bool { return bytes.Equal(c, challenge) }}
	for _, a := range []*webauthntest.Authenticator{es, rs} {
		key, err := a.COSEKey()
		if err != nil {
			t.Fatal(err)
		}
		cred := webauthn.Credential{ID: a.CredentialID, PublicKey: key}
		as := webauthntest.NewAssertion(challenge, "https://app.example", "app.example")
		for _, signer := range []*webauthntest.Authenticator{nil, es, rs} {
			as.SignWith = signer
			tok, err := a.Sign(as)
			if err != nil {
				t.Fatal(err)
			}
			p, err := webauthn.Parse(tok)
			if err != nil {
				t.Fatal(err)
			}
			_, err = webauthn.Verify(p, cred, opts)
			if own := signer == nil || signer == a; own != (err == nil) {
				t.Fatalf("signed by own key %v: %v", own, err)
			}
			if err != nil && !errors.Is(err, webauthn.ErrBadSignature) {
				t.Fatalf("another key's signature: %v, want ErrBadSignature", err)
			}
		}
	}
	if _, err := webauthntest.NewRS256(1024); err == nil {
		t.Fatal("a 1024-bit RSA credential was made")
	}
}
