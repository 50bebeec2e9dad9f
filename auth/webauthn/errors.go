package webauthn

import "github.com/flint-network/flint/auth/internal/coded"

// Error is the type of this package's sentinel errors. Every error Parse and
// Verify return wraps exactly one of them; the wrapping text says which check
// failed and why. The codes follow Lit's node naming for invalid auth methods.
type Error = coded.Error[webauthnErrors]

// webauthnErrors marks this package's errors (coded.Error): a type of their
// own, which Code and errors.As tell from the other auth packages'.
type webauthnErrors struct{}

func newError(code, msg string) *Error { return coded.New[webauthnErrors](code, msg) }

// The reasons an assertion is refused.
var (
	// ErrMalformed: the accessToken does not parse (bad JSON, bad base64url,
	// a missing field, id and rawId disagree, authenticator data too short).
	ErrMalformed = newError("AuthMethodWebAuthnMalformed", "webauthn: malformed assertion")
	// ErrTooLarge: a field exceeds its bound (see the Max constants).
	ErrTooLarge = newError("AuthMethodWebAuthnTooLarge", "webauthn: field too large")
	// ErrWrongType: clientDataJSON.type is not "webauthn.get".
	ErrWrongType = newError("AuthMethodWebAuthnWrongType", "webauthn: not an assertion")
	// ErrStaleChallenge: the challenge is not a recent block hash.
	ErrStaleChallenge = newError("AuthMethodWebAuthnStaleChallenge", "webauthn: challenge not recent")
	// ErrWrongOrigin: the client data's origin is not allowed.
	ErrWrongOrigin = newError("AuthMethodWebAuthnWrongOrigin", "webauthn: origin not allowed")
	// ErrWrongRPID: the authenticator data is scoped to another rpId.
	ErrWrongRPID = newError("AuthMethodWebAuthnWrongRPID", "webauthn: rpId mismatch")
	// ErrUserNotPresent: the user-present (or required user-verified) flag
	// is not set.
	ErrUserNotPresent = newError("AuthMethodWebAuthnUserNotPresent", "webauthn: user not present")
	// ErrWrongCredential: the assertion is for another credential than the
	// registered key given.
	ErrWrongCredential = newError("AuthMethodWebAuthnWrongCredential", "webauthn: wrong credential")
	// ErrBadKey: the registered COSE public key does not parse or is of an
	// algorithm this package does not accept.
	ErrBadKey = newError("AuthMethodWebAuthnBadKey", "webauthn: bad credential public key")
	// ErrBadSignature: the signature does not verify with the registered key.
	ErrBadSignature = newError("AuthMethodWebAuthnBadSignature", "webauthn: bad signature")
)

// Code returns the stable code of the reason err wraps, or "".
func Code(err error) string { return coded.CodeOf[webauthnErrors](err) }
