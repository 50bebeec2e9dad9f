package signing_test

import (
	"errors"
	"fmt"

	"github.com/flint-network/flint/node/signing"
)

// A follower reads the leader's refusal notice; the request fails with the
// leader's code, and a code that is not a plain word is not passed on.
func ExampleRefusedCode() {
	code, ok := signing.RefusedCode(signing.RefusedPrefix + "NodePKPNotAuthorized")
	fmt.Println(code, ok)
	err := error(&signing.LeaderRefusedError{Leader: 2, Code: code})
	fmt.Println(errors.Is(err, signing.ErrLeaderRefused), err)
	fmt.Println(signing.RefusedCode(signing.RefusedPrefix + "<b>not a code</b>"))
	fmt.Println(signing.RefusedCode("no presignatures"))
	// Output:
	// NodePKPNotAuthorized true
	// true the request's leader refused it: node 2 answered NodePKPNotAuthorized
	// Unknown true
	//  false
}
