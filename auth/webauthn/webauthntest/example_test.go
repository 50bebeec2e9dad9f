package webauthntest_test

import (
	"bytes"
	"fmt"

	"github.com/flint-network/flint/auth/webauthn"
	"github.com/flint-network/flint/auth/webauthn/webauthntest"
)

// An ES256 credential signs an assertion of a block hash; package webauthn
// verifies it against the registered COSE key.
func Example() {
	a, err := webauthntest.NewES256()
	if err != nil {
		panic(err)
	}
	key, err := a.COSEKey()
	if err != nil {
		panic(err)
	}
	blockHash := bytes.Repeat([]byte{0xab}, 32)
	tok, err := a.Sign(webauthntest.NewAssertion(blockHash, "https://app.example", "app.example"))
	if err != nil {
		panic(err)
	}
	as, err := webauthn.Parse(tok)
	if err != nil {
		panic(err)
	}
	res, err := webauthn.Verify(as, webauthn.Credential{ID: a.CredentialID, PublicKey: key}, webauthn.Options{
		RecentChallenge: func(c []byte) bool { return bytes.Equal(c, blockHash) },
	})
	fmt.Println(err == nil, res.UserID == a.RawID(), res.RPID)
	// Output: true true app.example
}
