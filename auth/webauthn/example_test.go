package webauthn_test

import (
	"bytes"
	"encoding/hex"
	"fmt"

	"github.com/flint-network/flint/auth/webauthn"
)

// A node receives a WebAuthn auth method from the SDK, derives its auth
// method id, reads the public key registered under that id on chain, and
// verifies the assertion against it.
func Example() {
	// authMethod.accessToken as the SDK's WebAuthnProvider.authenticate sends
	// it (made by a software authenticator for https://app.example).
	const accessToken = `{"authenticatorAttachment":"platform","clientExtensionResults":{},"id":"ZmxpbnQtZXhhbXBsZS1jcmVkZW50aWFs","rawId":"ZmxpbnQtZXhhbXBsZS1jcmVkZW50aWFs","response":{"authenticatorData":"VtmCAS3hjt8Iz1fY2UtegalxmdPrFPI7fCt1xcdfVG0FAAAABw","clientDataJSON":"eyJ0eXBlIjoid2ViYXV0aG4uZ2V0IiwiY2hhbGxlbmdlIjoicTZ1cnE2dXJxNnVycTZ1cnE2dXJxNnVycTZ1cnE2dXJxNnVycTZ1cnE2cyIsIm9yaWdpbiI6Imh0dHBzOi8vYXBwLmV4YW1wbGUiLCJjcm9zc09yaWdpbiI6ZmFsc2V9","signature":"MEYCIQDnuVfUWbifmnLr9B7WJX7tByTY-CcuJhbs8mSH7VNH8AIhAJ1kTLN0efsiKYIKKA-t7gBpY7pLcM07C04oZrC8cLwo","userHandle":"ZFhObGNpMHg"},"type":"public-key"}`
	// The COSE key registered with the auth method (PKPPermissions).
	registered, _ := hex.DecodeString("a5010203262001215820957d856a06f92eee2241e2c12b2ccdcb0f18daa1cbe01f9af5216f601343367422582053ecff20df8d9b6d3530d919cef8fa88b98d5cfb12334cff0e2036c41a17615b")
	// The block hash the SDK used as the challenge; a node asks its chain
	// view whether a hash is recent.
	recent := bytes.Repeat([]byte{0xab}, 32)

	a, err := webauthn.Parse(accessToken)
	if err != nil {
		fmt.Println(webauthn.Code(err), err)
		return
	}
	id := a.AuthMethodID()
	fmt.Printf("look up auth method 0x%x\n", id)

	res, err := webauthn.Verify(a, webauthn.Credential{ID: a.CredentialID(), PublicKey: registered}, webauthn.Options{
		RecentChallenge: func(c []byte) bool { return bytes.Equal(c, recent) },
	})
	if err != nil {
		fmt.Println(webauthn.Code(err), err)
		return
	}
	fmt.Println("user", res.UserID, "rpId", res.RPID, "signCount", res.SignCount)

	// The same assertion once its block is no longer recent.
	_, err = webauthn.Verify(a, webauthn.Credential{ID: a.CredentialID(), PublicKey: registered}, webauthn.Options{
		RecentChallenge: func([]byte) bool { return false },
	})
	fmt.Println(webauthn.Code(err))
	// Output:
	// look up auth method 0x826217b309557e45c46b6e087d217f9617fbad75a3b6b28917d15e8ed2c7c597
	// user ZmxpbnQtZXhhbXBsZS1jcmVkZW50aWFs rpId app.example signCount 7
	// AuthMethodWebAuthnStaleChallenge
}

// CheckPublicKey tells an owner, before registering a credential on chain, whether the nodes will be able to
// verify its assertions.
func ExampleCheckPublicKey() {
	fmt.Println(webauthn.CheckPublicKey([]byte{0xa0}) != nil) // an empty CBOR map is no key
	// Output: true
}
