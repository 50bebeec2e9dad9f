package oauth_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/flint-network/flint/auth/oauth"
)

// A node accepts Discord logins to its app. Verify asks Discord's
// /oauth2/@me whom the token belongs to; the user id and app id hash into
// the auth method id the PKP permits. Google OAuth is not configured, so
// its tokens are refused without any call.
func Example() {
	// Stand-in for https://discord.com/api.
	discord := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/oauth2/@me" || r.Header.Get("Authorization") != "Bearer user-access-token" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		fmt.Fprint(w, `{"application":{"id":"1052874239658692668"},"user":{"id":"80351110224678912"}}`)
	}))
	defer discord.Close()

	v, err := oauth.New(oauth.Config{
		DiscordAPI:       discord.URL + "/api", // oauth.DefaultDiscordAPI in production
		DiscordClientIDs: []string{"1052874239658692668"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	userID, appID, err := v.Verify(context.Background(), oauth.Discord, "user-access-token")
	fmt.Println(userID, appID, err)

	_, _, err = v.Verify(context.Background(), oauth.Discord, "stolen-or-expired")
	fmt.Println(oauth.Code(err))

	_, _, err = v.Verify(context.Background(), oauth.GoogleOAuth, "ya29.token")
	fmt.Println(errors.Is(err, oauth.ErrNotConfigured))
	// Output:
	// 80351110224678912 1052874239658692668 <nil>
	// OAuthInvalidToken
	// true
}
