package authmethod

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/flint-network/flint/auth/oauth"
)

// TestResolveOAuth: a Discord access token resolves through the Resolver to
// keccak256("<user id>:<application id>"), and the provider's refusals come
// out as this package's codes (the node answers every login with them).
func TestResolveOAuth(t *testing.T) {
	const token = "good-token"
	app := "1052874239658692668"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path != "/api/oauth2/@me":
			w.WriteHeader(http.StatusNotFound)
		case r.Header.Get("Authorization") != "Bearer "+token:
			w.WriteHeader(http.StatusUnauthorized)
		default:
			_, _ = w.Write([]byte(`{"application":{"id":"` + app + `"},"scopes":["identify"],"user":{"id":"80351110224678912"}}`))
		}
	}))
	defer srv.Close()
	v, err := oauth.New(oauth.Config{DiscordAPI: srv.URL + "/api", DiscordClientIDs: []string{"1052874239658692668"}})
	if err != nil {
		t.Fatal(err)
	}
	r := NewResolver(ResolverConfig{OAuth: OAuthProvider(v)})
	ctx := context.Background()

	id, err := r.Resolve(ctx, AuthMethod{Type: Discord, AccessToken: token}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if id.UserID != "80351110224678912" || id.AppID != app || id.ID != ID("80351110224678912", app) || id.Type != Discord {
		t.Fatalf("identity %+v", id)
	}

	for name, c := range map[string]struct {
		am   AuthMethod
		want *Error
	}{
		"provider refuses": {AuthMethod{Type: Discord, AccessToken: "stolen"}, ErrInvalidToken},
		"not configured":   {AuthMethod{Type: GoogleOAuth, AccessToken: token}, ErrNotConfigured},
		"malformed token":  {AuthMethod{Type: Discord, AccessToken: "a\r\nHost: evil"}, ErrInvalidToken},
	} {
		_, err := r.Resolve(ctx, c.am, nil)
		if !errors.Is(err, c.want) || Code(err) != c.want.Code {
			t.Errorf("%s: %v (code %q), want %s", name, err, Code(err), c.want.Code)
		}
	}

	app = "999" // a token issued to another app
	if _, err := r.Resolve(ctx, AuthMethod{Type: Discord, AccessToken: token}, nil); !errors.Is(err, ErrWrongAudience) {
		t.Errorf("other app: %v, want ErrWrongAudience", err)
	}
	srv.Close() // the provider is down
	if _, err := r.Resolve(ctx, AuthMethod{Type: Discord, AccessToken: token}, nil); !errors.Is(err, ErrUnavailable) {
		t.Errorf("provider down: %v, want ErrUnavailable", err)
	}
}
