package integration

import (
	"context"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/auth/webauthn/webauthntest"
	"github.com/flint-network/flint/client"
)

// TestAuthMethodReplayedLogin: a login another party saw (every node sees
// every session request) and sends again with its own session key gets
// 401 NodeAuthMethodAlreadyUsed from every node, for each auth method type
// whose token outlives one request: a WebAuthn assertion of a recent block
// hash, and Google, Apple and Stytch ID tokens (wallet logins:
// TestAttackReplayLoginWithOwnSessionKey; OAuth access tokens:
// TestPKPSessionOAuth). The refusal stores nothing: the login stays its
// first session key's, which may ask again. An ID token whose nonce names a
// session key is refused with any other (NodeAuthMethodSessionKeyMismatch)
// before it is seen by the one it names.
func TestAuthMethodReplayedLogin(t *testing.T) {
	f := newAuthFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	pk, err := webauthntest.NewES256()
	if err != nil {
		t.Fatal(err)
	}
	cose, err := pk.COSEKey()
	if err != nil {
		t.Fatal(err)
	}
	f.permit(ctx, t, 3, crypto.Keccak256Hash([]byte(pk.RawID()+":lit")), cose)
	passkey := func() client.AuthMethod {
		tok, err := pk.Sign(webauthntest.NewAssertion(blockhashBytes(t, f.cl), passkeyOrigin, passkeyRPID))
		if err != nil {
			t.Fatal(err)
		}
		return client.AuthMethod{AuthMethodType: 3, AccessToken: tok}
	}
	idTok := func(typ int, tok idToken) func() client.AuthMethod {
		return func() client.AuthMethod { return client.AuthMethod{AuthMethodType: typ, AccessToken: tok.sign(t)} }
	}
	for _, c := range []struct {
		name  string
		typ   int
		id    common.Hash // the SDK's auth method id, computed here
		login func() client.AuthMethod
	}{
		{"WebAuthn", 3, common.Hash{}, passkey}, // permitted above, with its key
		{"Google", 6, crypto.Keccak256Hash([]byte("g-replay:" + googleAud)), idTok(6, idToken{iss: googleIss, sub: "g-replay", aud: googleAud})},
		{"Apple", 8, crypto.Keccak256Hash([]byte("a-replay:" + appleAud)), idTok(8, idToken{iss: appleIss, sub: "a-replay", aud: appleAud})},
		{"Stytch email OTP", 10, crypto.Keccak256Hash([]byte("replay@example.test:" + stytchAud)),
			idTok(10, idToken{iss: stytchIss, sub: "user-test-replay", aud: stytchAud, extra: stytchEmail("Replay@Example.test")})},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.typ != 3 {
				f.permit(ctx, t, uint64(c.typ), c.id, nil)
			}
			mine, err := client.NewSessionKey()
			if err != nil {
				t.Fatal(err)
			}
			theirs, err := client.NewSessionKey()
			if err != nil {
				t.Fatal(err)
			}
			am := c.login()
			session := func(k *client.SessionKey) (*client.Session, error) {
				return f.cl.PKPSessionWithKey(ctx, k, f.pubkey, []client.Login{client.UnboundLogin(am)}, time.Hour)
			}
			// The first session key: retried with the same login until the
			// nodes read the permission just mined (a refusal binds nothing).
			deadline := time.Now().Add(10 * time.Second)
			for {
				_, err := session(mine)
				if err == nil {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("no PKP session 10 s after the auth method was permitted: %v", err)
				}
				time.Sleep(300 * time.Millisecond)
			}

			_, err = session(theirs)
			refusedWithStatus(t, "the login replayed with another session key", err, "NodeAuthMethodAlreadyUsed", 401)

			// The refusal left the login as it was: its own key still gets
			// a session with it, which signs.
			sess, err := session(mine)
			if err != nil {
				t.Fatalf("the login's own session key after the replay was refused: %v", err)
			}
			res, err := f.cl.PKPSign(ctx, sess, f.pubkey, [32]byte{0x4e, 0x9a, byte(c.typ)})
			if err != nil {
				t.Fatal(err)
			}
			verify(t, &res.Signature, f.pubkey)
			_, err = session(theirs)
			refusedWithStatus(t, "the login replayed again", err, "NodeAuthMethodAlreadyUsed", 401)
		})
	}

	// A bound ID token (its nonce names the session key) with another key.
	t.Run("bound ID token", func(t *testing.T) {
		mine, err := client.NewSessionKey()
		if err != nil {
			t.Fatal(err)
		}
		theirs, err := client.NewSessionKey()
		if err != nil {
			t.Fatal(err)
		}
		// Google's login permitted by the subtest above.
		am := idTok(6, idToken{iss: googleIss, sub: "g-replay", aud: googleAud, extra: map[string]any{"nonce": mine.Binding()}})()
		_, err = f.cl.PKPSessionWithKey(ctx, theirs, f.pubkey, []client.Login{client.UnboundLogin(am)}, time.Hour)
		refusedWithStatus(t, "a bound ID token with another session key", err, "NodeAuthMethodSessionKeyMismatch", 401)
		sess, err := f.cl.PKPSessionWithKey(ctx, mine, f.pubkey, []client.Login{client.UnboundLogin(am)}, time.Hour)
		if err != nil {
			t.Fatalf("the bound ID token with its own session key: %v", err)
		}
		res, err := f.cl.PKPSign(ctx, sess, f.pubkey, [32]byte{0x4e, 0x9b})
		if err != nil {
			t.Fatal(err)
		}
		verify(t, &res.Signature, f.pubkey)
	})
}
