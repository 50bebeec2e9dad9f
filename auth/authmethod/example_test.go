package authmethod_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/flint-network/flint/auth/authmethod"
)

// A node trusts Google for type 6 logins to its app's OAuth client id; a
// user's Google ID token becomes the auth method id the PKP permits.
func Example() {
	// Stand-in for Google: a key and its JWKS endpoint.
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	jwks := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_ = json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: key.Public(), KeyID: "k1", Use: "sig"}}})
	}))
	defer jwks.Close()

	v, err := authmethod.New(authmethod.Config{Issuers: []authmethod.IssuerConfig{{
		Issuer:    "https://accounts.google.com",
		Audiences: []string{"my-app.apps.googleusercontent.com"},
		Types:     []authmethod.Type{authmethod.GoogleJWT},
		JWKSURL:   jwks.URL,
	}}}, authmethod.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}

	signer, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: jose.JSONWebKey{Key: key, KeyID: "k1"}}, nil)
	now := time.Now()
	token, _ := jwt.Signed(signer).Claims(jwt.Claims{
		Issuer: "https://accounts.google.com", Subject: "110169484474386276334",
		Audience: jwt.Audience{"my-app.apps.googleusercontent.com"},
		IssuedAt: jwt.NewNumericDate(now), Expiry: jwt.NewNumericDate(now.Add(time.Hour)),
	}).Serialize()

	id, err := v.Verify(context.Background(), authmethod.AuthMethod{Type: authmethod.GoogleJWT, AccessToken: token})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(id.UserID, id.AppID)
	fmt.Println(id.IDHex() == fmt.Sprintf("0x%x", authmethod.ID(id.UserID, id.AppID)))

	_, err = v.Verify(context.Background(), authmethod.AuthMethod{Type: authmethod.AppleJWT, AccessToken: token})
	var e *authmethod.Error
	if errors.As(err, &e) {
		fmt.Println(e.Code)
	}
	// Output:
	// 110169484474386276334 my-app.apps.googleusercontent.com
	// true
	// AuthMethodUnsupportedType
}

// A node resolves every login with one Resolver; what it cannot resolve is
// refused with a stable code the client can act on.
func ExampleResolver_Resolve() {
	r := authmethod.NewResolver(authmethod.ResolverConfig{
		RecentNonce: func(string) bool { return false }, // the node's recent block hashes
	})
	for _, am := range []authmethod.AuthMethod{
		{Type: authmethod.LitAction, AccessToken: "QmAction"},
		{Type: authmethod.Discord, AccessToken: "token"},
		{Type: authmethod.GoogleJWT, AccessToken: "a.b.c"},
		{Type: 42, AccessToken: "x"},
		{Type: authmethod.EthWallet, AccessToken: "{}"},
	} {
		_, err := r.Resolve(context.Background(), am, nil)
		fmt.Println(am.Type, authmethod.Code(err))
	}
	// Output:
	// 2 AuthMethodLitActionNotResolvable
	// 4 AuthMethodNotConfigured
	// 6 AuthMethodUnsupportedType
	// 42 AuthMethodUnsupportedType
	// 1 AuthMethodInvalidToken
}
