package authmethod

import (
	"context"
	"errors"
	"fmt"

	"github.com/flint-network/flint/auth/oauth"
)

// OAuthProvider adapts an auth/oauth Verifier (which asks Discord or Google
// whom an access token belongs to) to the Resolver's OAuthVerifier: the
// identity's id is keccak256("<userId>:<appId>") as for every other type,
// and each of oauth's refusals is mapped onto this package's sentinels so
// a node answers all auth methods with one family of codes. The provider's
// own code stays in the chain for logs (errors.As to *oauth.Error).
func OAuthProvider(v *oauth.Verifier) OAuthVerifier { return oauthProvider{v} }

type oauthProvider struct{ v *oauth.Verifier }

func (p oauthProvider) Verify(ctx context.Context, am AuthMethod) (Identity, error) {
	user, app, err := p.v.Verify(ctx, int(am.Type), am.AccessToken)
	if err != nil {
		return Identity{}, fmt.Errorf("%w: %w", oauthSentinel(err), err)
	}
	return Identity{Type: am.Type, UserID: user, AppID: app, ID: ID(user, app)}, nil
}

func oauthSentinel(err error) *Error {
	switch {
	case errors.Is(err, oauth.ErrUnsupportedType):
		return ErrUnsupportedType
	case errors.Is(err, oauth.ErrNotConfigured):
		return ErrNotConfigured
	case errors.Is(err, oauth.ErrWrongClient):
		return ErrWrongAudience
	case errors.Is(err, oauth.ErrUnavailable), errors.Is(err, oauth.ErrBadResponse):
		return ErrUnavailable
	default:
		return ErrInvalidToken
	}
}
