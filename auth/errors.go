package auth

import "github.com/flint-network/flint/auth/internal/coded"

// Error is the type of this package's sentinel errors. Every error Verify and
// the parsers return wraps exactly one of them, so a caller finds the reason
// with errors.Is (or its stable Code with errors.As) and maps it to its own
// error responses; the wrapping text says which check failed and why.
type Error = coded.Error[authErrors]

// authErrors marks this package's errors (coded.Error): a type of their
// own, which Code and errors.As tell from the other auth packages'.
type authErrors struct{}

func newError(code, msg string) *Error { return coded.New[authErrors](code, msg) }

// The reasons a signature is refused.
var (
	// ErrMalformed: the input does not parse (bad JSON, a SIWE message that
	// breaks EIP-4361's grammar, bad hex, a missing required field).
	ErrMalformed = newError("malformed", "auth: malformed")
	// ErrUnsupported: a well-formed kind of signature this verifier does not
	// handle (unknown derivedVia, BLS network capabilities, EIP-1271 without a
	// contract caller).
	ErrUnsupported = newError("unsupported", "auth: unsupported")
	// ErrBadSignature: the signature does not verify for the message and key.
	ErrBadSignature = newError("bad_signature", "auth: bad signature")
	// ErrAddressMismatch: two fields that must name the same signer do not
	// (the AuthSig's address and its SIWE message's address; a session's
	// sessionKey and its signing key).
	ErrAddressMismatch = newError("address_mismatch", "auth: address mismatch")
	// ErrExpired: the expiration time has passed.
	ErrExpired = newError("expired", "auth: expired")
	// ErrNotYetValid: issued in the future, or before its Not Before time.
	ErrNotYetValid = newError("not_yet_valid", "auth: not yet valid")
	// ErrLifetime: expiration before issuance, or further after it than the
	// verifier allows.
	ErrLifetime = newError("bad_lifetime", "auth: bad lifetime")
	// ErrWrongNode: a session signature made for another node.
	ErrWrongNode = newError("wrong_node", "auth: signed for another node")
	// ErrNotGranted: the signature is valid but does not allow this request
	// (the resource or ability is not granted, or a session-key grant is
	// presented as a login).
	ErrNotGranted = newError("not_granted", "auth: not granted")
	// ErrNotBound: no capability of a session signature is a wallet
	// signature over this session key.
	ErrNotBound = newError("session_not_bound", "auth: session key not bound")
	// ErrSessionRequired: a wallet AuthSig where the request needs a
	// session signature made for this node.
	ErrSessionRequired = newError("session_required", "auth: session signature required")
	// ErrStaleNonce: a wallet AuthSig's SIWE nonce is not a recent block
	// hash, so it may have been signed long ago.
	ErrStaleNonce = newError("stale_nonce", "auth: nonce not recent")
	// ErrUnavailable: a dependency needed to decide failed (an EIP-1271
	// contract call); retrying may succeed.
	ErrUnavailable = newError("unavailable", "auth: verifier dependency failed")
)

// Code returns the stable code of the reason err wraps, or "" if it wraps none
// of this package's errors.
func Code(err error) string { return coded.CodeOf[authErrors](err) }
