package authmethod

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// Binding a login to a session key.
//
// Every node sees the login of a PKP session request (a wallet AuthSig, an
// ID token, a WebAuthn assertion), so a login that names no session key
// can be replayed by any one node, with its own session key, to the others
// while the login is fresh. A bound login names the session key it is for,
// in a place its signer signs, and nodes accept it for that key only:
//
//   - wallet (type 1): a SIWE resource "flint-session://<key hex>";
//   - ID token (types 6, 8, 9–13): the nonce claim "flint-session://<key hex>";
//   - WebAuthn (type 3): the challenge is the recent block hash (32 bytes)
//     followed by the session key (32 bytes).
//
// <key hex> is the 32-byte ed25519 session public key in lower-case hex,
// the part of the SDK's "lit:session:<key hex>" after the colon.

// SessionBindingPrefix starts what a bound wallet login's resource, or a
// bound ID token's nonce, says.
const SessionBindingPrefix = "flint-session://"

// SessionKeySize is the size of an ed25519 session public key.
const SessionKeySize = 32

// SessionBinding is what a login for session key pub (32 bytes) names:
// "flint-session://" and pub in lower-case hex.
func SessionBinding(pub []byte) string {
	return SessionBindingPrefix + hex.EncodeToString(pub)
}

// parseSessionBinding reads s as a session binding. ok is false when s does
// not start with SessionBindingPrefix (it binds nothing); an s that does
// but is not followed by exactly 64 lower-case hex digits is an error, so a
// login that meant to bind cannot silently bind nothing.
func parseSessionBinding(s string) (key []byte, ok bool, err error) {
	h, ok := strings.CutPrefix(s, SessionBindingPrefix)
	if !ok {
		return nil, false, nil
	}
	if len(h) != 2*SessionKeySize || strings.ToLower(h) != h {
		return nil, true, fmt.Errorf("%w: session binding %q: want %s and %d lower-case hex digits", ErrInvalidToken, truncate(s), SessionBindingPrefix, 2*SessionKeySize)
	}
	key, err = hex.DecodeString(h)
	if err != nil {
		return nil, true, fmt.Errorf("%w: session binding %q: %v", ErrInvalidToken, truncate(s), err)
	}
	return key, true, nil
}

// loginDigest names one login by what its signer signed (or, for a bearer
// token, the token): the same for every encoding of the same login, so a
// node can tell a login it saw before. The type is in it so that no two
// types' logins share a digest.
func loginDigest(t Type, signed ...[]byte) [32]byte {
	h := sha256.New()
	fmt.Fprintf(h, "flint-login:%d", t)
	for _, s := range signed {
		// Length-prefixed, so that no two splits of the same bytes collide.
		fmt.Fprintf(h, ":%d:", len(s))
		h.Write(s)
	}
	var d [32]byte
	h.Sum(d[:0])
	return d
}
