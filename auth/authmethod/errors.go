package authmethod

import "github.com/flint-network/flint/auth/internal/coded"

// Error is the type of this package's sentinel errors. Every error Verify
// returns wraps exactly one of them, so a node finds the reason with
// errors.Is (or the stable Code with errors.As) and maps it to its 4xx
// response without parsing text.
type Error = coded.Error[authmethodErrors]

// authmethodErrors marks this package's errors (coded.Error): a type of their
// own, which Code and errors.As tell from the other auth packages'.
type authmethodErrors struct{}

func newError(code, msg string) *Error { return coded.New[authmethodErrors](code, msg) }

// The reasons an auth method is refused.
var (
	// ErrUnsupportedType: the auth method type is unknown, not a JWT type,
	// or no issuer is configured for it.
	ErrUnsupportedType = newError("AuthMethodUnsupportedType", "authmethod: unsupported auth method type")
	// ErrInvalidToken: the token does not parse, is too large, uses a
	// refused algorithm, names no known key, or its signature does not
	// verify; or a claim the type needs is missing.
	ErrInvalidToken = newError("AuthMethodInvalidToken", "authmethod: invalid token")
	// ErrExpired: exp has passed (beyond the skew).
	ErrExpired = newError("AuthMethodExpired", "authmethod: token expired")
	// ErrNotYetValid: nbf or iat lies in the future (beyond the skew).
	ErrNotYetValid = newError("AuthMethodNotYetValid", "authmethod: token not yet valid")
	// ErrWrongAudience: aud is not one of the issuer's configured audiences.
	ErrWrongAudience = newError("AuthMethodWrongAudience", "authmethod: wrong audience")
	// ErrUnknownIssuer: iss is not configured for this auth method type.
	ErrUnknownIssuer = newError("AuthMethodUnknownIssuer", "authmethod: unknown issuer")
	// ErrBadNonce: Options.CheckNonce refused the token's nonce (stale,
	// unknown or already used).
	ErrBadNonce = newError("AuthMethodBadNonce", "authmethod: bad nonce")
	// ErrUnavailable: the issuer's keys could not be loaded (network,
	// file, or a bad JWKS); retrying may succeed.
	ErrUnavailable = newError("AuthMethodKeysUnavailable", "authmethod: issuer keys unavailable")
)

// The reasons the Resolver adds for the types it resolves itself.
var (
	// ErrBadSignature: a wallet or WebAuthn signature does not verify with
	// the signer's key (or the registered credential key).
	ErrBadSignature = newError("AuthMethodBadSignature", "authmethod: bad signature")
	// ErrNotRegistered: a WebAuthn credential has no public key registered
	// on chain, so there is nothing to verify its assertion with.
	ErrNotRegistered = newError("AuthMethodNotRegistered", "authmethod: credential not registered")
	// ErrNotConfigured: the type is known but this node is not configured
	// to resolve it (OAuth access tokens without provider API URLs).
	ErrNotConfigured = newError("AuthMethodNotConfigured", "authmethod: auth method type not configured on this node")
	// ErrNotResolvable: a Lit Action (type 2) proves a login only by
	// running; the session-signing endpoint runs it, nothing else does.
	ErrNotResolvable = newError("AuthMethodLitActionNotResolvable", "authmethod: a Lit Action auth method is proven by running it")
	// ErrChainUnavailable: a chain read the check needs (a registered
	// WebAuthn key, an EIP-1271 call) failed; retrying may succeed.
	ErrChainUnavailable = newError("AuthMethodChainUnavailable", "authmethod: chain unavailable")
)

// Code returns the stable code of the reason err wraps, or "".
func Code(err error) string { return coded.CodeOf[authmethodErrors](err) }
