package integration

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
)

// The apps (OAuth client ids) the auth devnet's nodes accept access tokens
// of: Lit's SDK's Discord app and a Google client id of the usual form.
const (
	discordApp     = "1052874239658692668"
	googleOAuthApp = "355007986731-flinttest.apps.googleusercontent.com"
)

// fakeOAuth answers as Discord's GET /api/oauth2/@me and Google's GET
// /oauth2/v1/tokeninfo do, for the access tokens a test issued through it;
// any other token is refused as the real providers refuse one (Discord
// 401, Google 400 invalid_token).
type fakeOAuth struct {
	mu     sync.Mutex
	grants map[string]oauthGrant // access token → whom it belongs to
	hits   atomic.Int64
}

type oauthGrant struct {
	typ       int // 4 Discord, 5 Google
	user, app string
	expired   bool // Google answers expires_in 0
}

func newFakeOAuth() *fakeOAuth { return &fakeOAuth{grants: map[string]oauthGrant{}} }

// token issues a fresh access token of provider typ for user, to app.
func (f *fakeOAuth) token(typ int, user, app string) string {
	return f.issue(oauthGrant{typ: typ, user: user, app: app})
}

// expiredToken issues a Google access token whose tokeninfo says it
// expires in 0 s.
func (f *fakeOAuth) expiredToken(user, app string) string {
	return f.issue(oauthGrant{typ: 5, user: user, app: app, expired: true})
}

func (f *fakeOAuth) issue(g oauthGrant) string {
	b := make([]byte, 18)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	tok := hex.EncodeToString(b)
	if g.typ == 5 {
		tok = "ya29." + tok
	}
	f.mu.Lock()
	f.grants[tok] = g
	f.mu.Unlock()
	return tok
}

// revoke makes the provider refuse tok from now on (the user logged out).
func (f *fakeOAuth) revoke(tok string) {
	f.mu.Lock()
	delete(f.grants, tok)
	f.mu.Unlock()
}

func (f *fakeOAuth) grant(typ int, tok string) (oauthGrant, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	g, ok := f.grants[tok]
	return g, ok && g.typ == typ
}

func (f *fakeOAuth) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.hits.Add(1)
	w.Header().Set("Content-Type", "application/json")
	switch r.URL.Path {
	case "/api/oauth2/@me":
		g, ok := f.grant(4, strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		if !ok || !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"message": "401: Unauthorized", "code": 0}`))
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"application": map[string]any{"id": g.app, "name": "app"},
			"scopes": []string{"identify"}, "user": map[string]any{"id": g.user, "username": "user"}})
	case "/oauth2/v1/tokeninfo":
		g, ok := f.grant(5, r.URL.Query().Get("access_token"))
		if !ok {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":"invalid_token","error_description":"Invalid Value"}`))
			return
		}
		expires := 3599
		if g.expired {
			expires = 0
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"issued_to": g.app, "audience": g.app, "user_id": g.user,
			"scope": "openid https://www.googleapis.com/auth/userinfo.profile", "expires_in": expires, "access_type": "online"})
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

// TestPKPSessionOAuth: Discord (type 4) and Google OAuth (type 5) access
// tokens log in to a PKP that permits them, on nodes whose config names
// the providers' API base URLs (the test's provider on loopback). The
// session signs with the PKP (checked with Ecrecover). Refused: a login the
// PKP does not permit (NodePKPNotAuthorized), the session's token replayed
// with another session key (NodeAuthMethodAlreadyUsed: an access token
// names no session key, so each node binds it to the first it saw), a
// token the provider no longer accepts (NodeAuthMethodInvalidToken); and
// once the login is removed on chain, new sessions and the existing
// session's signing. No refusal carries the token.
func TestPKPSessionOAuth(t *testing.T) {
	f := newAuthFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	for _, c := range []struct {
		name      string
		typ       int
		user, app string
	}{
		{"Discord", 4, "80351110224678912", discordApp},
		{"Google", 5, "112805338087936768277", googleOAuthApp},
	} {
		t.Run(c.name, func(t *testing.T) {
			// The SDK's auth method id for an OAuth login, computed here.
			id := crypto.Keccak256Hash([]byte(c.user + ":" + c.app))
			session := func(tok string) (*client.Session, error) {
				return f.cl.PKPSession(ctx, f.pubkey, []client.Login{client.UnboundLogin(client.AuthMethod{AuthMethodType: c.typ, AccessToken: tok})}, time.Hour)
			}
			noToken := func(what, tok string, err error) {
				t.Helper()
				if err != nil && strings.Contains(err.Error(), tok) {
					t.Errorf("%s: the refusal carries the access token: %v", what, err)
				}
			}

			hits := authNet.oauth.hits.Load()
			tok := authNet.oauth.token(c.typ, c.user, c.app)
			_, err := session(tok)
			refusedWith(t, "a login the PKP does not permit", err, "NodePKPNotAuthorized")
			noToken("a login the PKP does not permit", tok, err)
			if authNet.oauth.hits.Load() == hits {
				t.Fatal("no node asked the provider about the token")
			}

			f.permit(ctx, t, uint64(c.typ), id, nil)
			// Each try its own token: a token a node saw with one session
			// key stays that key's.
			var sess *client.Session
			deadline := time.Now().Add(10 * time.Second)
			for {
				tok = authNet.oauth.token(c.typ, c.user, c.app)
				if sess, err = session(tok); err == nil {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("no PKP session 10 s after the auth method was permitted: %v", err)
				}
				time.Sleep(300 * time.Millisecond)
			}
			if sess.Wallet() != chain.EthAddress(f.pubkey) {
				t.Fatalf("session acts as %s, want the PKP's address", sess.Wallet().Hex())
			}
			res, err := f.cl.PKPSign(ctx, sess, f.pubkey, [32]byte{0x0a, byte(c.typ)})
			if err != nil {
				t.Fatal(err)
			}
			verify(t, &res.Signature, f.pubkey)

			// The same token with another session key: a node that saw
			// the session request cannot make its own session with it.
			_, err = session(tok)
			refusedWith(t, "the token replayed with another session key", err, "NodeAuthMethodAlreadyUsed")
			noToken("replayed", tok, err)

			// The user logs out: the provider refuses the token.
			stale := authNet.oauth.token(c.typ, c.user, c.app)
			authNet.oauth.revoke(stale)
			_, err = session(stale)
			refusedWith(t, "a token the provider refuses", err, "NodeAuthMethodInvalidToken")
			noToken("refused by the provider", stale, err)

			if _, err := f.cc.RemovePermittedAuthMethod(ctx, f.cc.Transactor(f.owner.Key), f.token, uint64(c.typ), id[:]); err != nil {
				t.Fatal(err)
			}
			f.stopsSigning(ctx, t, "the revoked OAuth login's session", sess)
			_, err = session(authNet.oauth.token(c.typ, c.user, c.app))
			refusedWith(t, "the revoked OAuth login", err, "NodePKPNotAuthorized")
		})
	}
}

// TestPKPSessionOAuthNotConfigured: nodes whose config names no Discord or
// Google API (the shared devnet's) refuse those access tokens with 400
// NodeAuthMethodNotConfigured, saying so, from every node: they never
// reach out to a provider they were not told to trust.
func TestPKPSessionOAuthNotConfigured(t *testing.T) {
	f := newSharedPKPFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, typ := range []int{4, 5} {
		_, err := f.cl.PKPSession(ctx, f.pubkey, []client.Login{client.UnboundLogin(client.AuthMethod{AuthMethodType: typ, AccessToken: "ya29.a0AfH6SMBx"})}, time.Hour)
		refusedWithStatus(t, "an access token", err, "NodeAuthMethodNotConfigured", http.StatusBadRequest)
		if err == nil || !strings.Contains(err.Error(), "not configured on this node") {
			t.Errorf("type %d: the refusal does not say the type is not configured: %v", typ, err)
		}
	}
}
