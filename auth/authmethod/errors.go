package authmethod

// Error is the type of this package's sentinel errors. Every error Verify
// returns wraps exactly one of them, so a node finds the reason with
// errors.Is (or the stable Code with errors.As) and maps it to its 4xx
// response without parsing text.
type Error struct {
	// Code is a stable identifier, safe to send to clients and to key on.
	Code string
	msg  string
}

func (e *Error) Error() string { return e.msg }

func newError(code, msg string) *Error { return &Error{Code: code, msg: msg} }

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
