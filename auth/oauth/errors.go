package oauth

import "github.com/flint-network/flint/auth/internal/coded"

// Error is the type of this package's sentinel errors. Every error Verify
// returns wraps exactly one of them, so a caller finds the reason with
// errors.Is (or the stable Code with errors.As) and maps it to its own
// responses; the wrapping text says which check failed and never contains
// the access token.
type Error = coded.Error[oauthErrors]

// oauthErrors marks this package's errors (coded.Error): a type of their
// own, which Code and errors.As tell from the other auth packages'.
type oauthErrors struct{}

func newError(code, msg string) *Error { return coded.New[oauthErrors](code, msg) }

// The reasons an access token is refused.
var (
	// ErrUnsupportedType: the auth method type is neither Discord (4) nor
	// GoogleOAuth (5).
	ErrUnsupportedType = newError("OAuthUnsupportedType", "oauth: unsupported auth method type")
	// ErrNotConfigured: the type's provider has no base URL in the node's
	// configuration, so the node does not verify such tokens.
	ErrNotConfigured = newError("OAuthNotConfigured", "oauth: provider not configured on this node")
	// ErrInvalidToken: the token is empty, too long or has characters a
	// bearer token cannot have, or the provider refused it (400, 401, 403,
	// an error answer, expired, or missing the scope that names the user).
	ErrInvalidToken = newError("OAuthInvalidToken", "oauth: invalid access token")
	// ErrWrongClient: the token was issued to an app (OAuth client id)
	// that is not one of the configured client ids.
	ErrWrongClient = newError("OAuthWrongClient", "oauth: token issued to another app")
	// ErrUnavailable: the provider could not be reached, timed out, was
	// rate limiting or failed (429, 5xx, another unexpected status);
	// retrying may succeed.
	ErrUnavailable = newError("OAuthProviderUnavailable", "oauth: provider unavailable")
	// ErrBadResponse: the provider answered 200 with something that is not
	// the expected JSON, lacks an id, or exceeds MaxResponseBytes.
	ErrBadResponse = newError("OAuthBadProviderResponse", "oauth: bad provider response")
)

// Code returns the stable code of the reason err wraps, or "" if it wraps
// none of this package's errors.
func Code(err error) string { return coded.CodeOf[oauthErrors](err) }
