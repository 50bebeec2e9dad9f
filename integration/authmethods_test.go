package integration

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/auth/authmethod"
	"github.com/flint-network/flint/auth/oauth"
	"github.com/flint-network/flint/auth/webauthn/webauthntest"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/chain/devchain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/node"
	"github.com/flint-network/flint/node/usage"
	"github.com/flint-network/flint/wire"
)

// The logins of the auth method tests: issuers whose keys the tests make,
// and a WebAuthn site.
const (
	googleIss, googleAud = "https://accounts.flint.test", "flint-google-client"
	appleIss, appleAud   = "https://appleid.flint.test", "flint.test.app"
	stytchIss, stytchAud = "stytch.com/project-test-flint", "project-test-flint"
	passkeyOrigin        = "https://app.flint.test"
	passkeyRPID          = "app.flint.test"
)

// issuerKey is one test issuer's signing key, served in its JWKS.
type issuerKey struct {
	alg jose.SignatureAlgorithm
	key any // *ecdsa.PrivateKey or *rsa.PrivateKey
	kid string
}

func (k issuerKey) public() any {
	if ec, ok := k.key.(*ecdsa.PrivateKey); ok {
		return ec.Public()
	}
	return k.key.(*rsa.PrivateKey).Public()
}

// authNet is a 4-node devnet whose nodes accept ID tokens from the test
// issuers (JWKS served on loopback) and passkeys of passkeyOrigin: the
// shared devnet is wallets-only, and the auth method tests share this one.
var authNet struct {
	once    sync.Once
	d       *devnet.Devnet
	jwks    *httptest.Server
	dir     string
	err     error
	issuers map[string]issuerKey // issuer → its key
	oauth   *fakeOAuth           // the Discord and Google APIs the nodes ask about access tokens
}

func authDevnet(t testing.TB) *devnet.Devnet {
	t.Helper()
	authNet.once.Do(func() {
		ec, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			authNet.err = err
			return
		}
		rk, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			authNet.err = err
			return
		}
		// Google and Apple sign with RS256 in production; ES256 is here
		// too, so both of the node's algorithms are exercised.
		authNet.issuers = map[string]issuerKey{
			googleIss: {jose.ES256, ec, "google-1"},
			appleIss:  {jose.RS256, rk, "apple-1"},
			stytchIss: {jose.RS256, rk, "stytch-1"},
		}
		mux := http.NewServeMux()
		for _, k := range authNet.issuers { // each issuer's JWKS at /<kid>
			set := jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: k.public(), KeyID: k.kid, Use: "sig", Algorithm: string(k.alg)}}}
			mux.HandleFunc("/"+k.kid, func(w http.ResponseWriter, _ *http.Request) { _ = json.NewEncoder(w).Encode(set) })
		}
		// Discord's and Google's token APIs (auth method types 4 and 5) on
		// the same loopback server, under /discord/api and /google.
		authNet.oauth = newFakeOAuth()
		mux.Handle("/discord/", http.StripPrefix("/discord", authNet.oauth))
		mux.Handle("/google/", http.StripPrefix("/google", authNet.oauth))
		authNet.jwks = httptest.NewServer(mux)
		u := authNet.jwks.URL + "/"
		am := &node.AuthMethodsConfig{
			JWT: authmethod.Config{Issuers: []authmethod.IssuerConfig{
				{Issuer: googleIss, Audiences: []string{googleAud}, Types: []authmethod.Type{authmethod.GoogleJWT}, JWKSURL: u + "google-1"},
				{Issuer: appleIss, Audiences: []string{appleAud}, Types: []authmethod.Type{authmethod.AppleJWT}, JWKSURL: u + "apple-1"},
				{Issuer: stytchIss, Audiences: []string{stytchAud}, Types: []authmethod.Type{9, 10, 11, 12, 13}, JWKSURL: u + "stytch-1"},
			}},
			WebAuthn: authmethod.WebAuthnConfig{Origins: []string{passkeyOrigin}, RPID: passkeyRPID},
			OAuth: oauth.Config{DiscordAPI: u + "discord/api", DiscordClientIDs: []string{discordApp},
				GoogleAPI: u + "google", GoogleClientIDs: []string{googleOAuthApp}},
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		if authNet.dir, authNet.err = os.MkdirTemp("", "flint-auth-devnet-"); authNet.err != nil {
			return
		}
		start := time.Now()
		authNet.d, authNet.err = devnet.Start(ctx, testDevnetConfig(authNet.dir, devnet.Config{Nodes: 4,
			Pool: node.PoolConfig{Low: 10, High: 20, Batch: 10}, AuthMethods: am}))
		if authNet.err == nil {
			authNet.err = authNet.d.WaitReady(ctx)
		}
		t.Logf("auth-method 4-node devnet ready in %v", time.Since(start).Round(time.Millisecond))
	})
	if authNet.err != nil {
		t.Fatalf("auth devnet: %v", authNet.err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			dumpLogs(t, authNet.d)
		}
	})
	return authNet.d
}

func closeAuthDevnet() {
	if authNet.d != nil {
		authNet.d.Close()
	}
	if authNet.jwks != nil {
		authNet.jwks.Close()
	}
	if authNet.dir != "" {
		os.RemoveAll(authNet.dir)
	}
}

// idToken is an ID token's claims; zero iat and exp mean now and in an hour.
type idToken struct {
	iss, sub, aud string
	iat, exp      time.Time
	extra         map[string]any
	key           *issuerKey // nil: the issuer's own
}

func (c idToken) sign(t testing.TB) string {
	t.Helper()
	k := authNet.issuers[c.iss]
	if c.key != nil {
		k = *c.key
	}
	if k.key == nil {
		k = authNet.issuers[googleIss]
	}
	now := time.Now()
	if c.iat.IsZero() {
		c.iat = now
	}
	if c.exp.IsZero() {
		c.exp = c.iat.Add(time.Hour)
	}
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: k.alg, Key: jose.JSONWebKey{Key: k.key, KeyID: k.kid}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b := jwt.Signed(s).Claims(jwt.Claims{Issuer: c.iss, Subject: c.sub, Audience: jwt.Audience{c.aud},
		IssuedAt: jwt.NewNumericDate(c.iat), Expiry: jwt.NewNumericDate(c.exp)})
	if c.extra != nil {
		b = b.Claims(c.extra)
	}
	tok, err := b.Serialize()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// stytchEmail is the Stytch session claim of an email OTP login.
func stytchEmail(email string) map[string]any {
	return map[string]any{"https://stytch.com/session": map[string]any{
		"authentication_factors": []any{map[string]any{"email_factor": map[string]any{"email_address": email}}}}}
}

// authFixture is a PKP on the auth devnet with its owner's chain client.
type authFixture struct {
	*pkpFixture
	owner *devchain.Account
	token *big.Int
}

func newAuthFixture(t *testing.T) *authFixture {
	f := newPKPFixtureOn(t, authDevnet(t))
	token, _ := new(big.Int).SetString(f.token, 10)
	owner := f.d.Chain.Accounts()[1]
	return &authFixture{pkpFixture: f, owner: &owner, token: token}
}

// permit registers an auth method on the PKP (sign-anything scope).
func (f *authFixture) permit(ctx context.Context, t *testing.T, typ uint64, id [32]byte, userPubkey []byte) {
	t.Helper()
	if _, err := f.cc.AddPermittedAuthMethod(ctx, f.cc.Transactor(f.owner.Key), f.token, chain.AuthMethod{Type: typ, ID: id[:], UserPubkey: userPubkey}, chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
}

// sessionEventually asks for a PKP session until the nodes see a permission
// just mined (they keep permission answers for a block).
func (f *authFixture) sessionEventually(ctx context.Context, t *testing.T, login func() client.AuthMethod) *client.Session {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		sess, err := f.cl.PKPSession(ctx, f.pubkey, []client.Login{client.UnboundLogin(login())}, time.Hour)
		if err == nil {
			return sess
		}
		if time.Now().After(deadline) {
			t.Fatalf("no PKP session 10 s after the auth method was permitted: %v", err)
		}
		time.Sleep(300 * time.Millisecond)
	}
}

// stopsSigning checks that sess, whose login was just revoked, stops
// signing with the PKP within a block or two: the nodes keep a permission
// answer for at most a block and 2 s, so no request sent 3 s after the
// removal was mined is signed, and every node refuses with
// NodePKPNotAuthorized a request sent 8 s after at most. In between, some
// nodes refuse and the rest sign (too few shares, no signature), or the
// request's leader refused and the others answer NodeLeaderRefused within
// 2 s (see untilRefusedByAll).
func (f *authFixture) stopsSigning(ctx context.Context, t *testing.T, what string, sess *client.Session) {
	t.Helper()
	untilRefusedByAll(t, what, len(f.d.URLs()), func(i byte) error {
		res, err := f.cl.PKPSign(ctx, sess, f.pubkey, [32]byte{0xde, 0xad, i})
		if err == nil {
			return fmt.Errorf("%w: %x", errSigned, res.Signature.Bytes())
		}
		return err
	})
	f.refusalsBoundNoPresignature(t, what)
}

// errSigned is what a request passed to untilRefusedByAll answers when it
// was served.
var errSigned = errors.New("signed")

// untilRefusedByAll sends requests (try) after a permission was revoked on
// chain until every one of n nodes refuses one with NodePKPNotAuthorized.
// The nodes keep a permission answer for at most a block and 2 s, so a
// request sent 3 s after the removal was mined must not be served; every
// node must refuse within 8 s. In between, some nodes refuse and the rest
// serve (too few shares, nothing served), or the request's leader refused
// it and the rest answer 409 NodeLeaderRefused at once: every refused
// request must be answered within 2 s (before leaders announced their
// refusals, the others waited out the 5 s bind wait and answered 503
// NodeLeaderUnreachable).
func untilRefusedByAll(t *testing.T, what string, n int, try func(i byte) error) {
	t.Helper()
	removed, firstRefused := time.Now(), time.Duration(-1)
	var slowest time.Duration
	for i := byte(0); ; i++ {
		sent := time.Since(removed)
		err := try(i)
		took := time.Since(removed) - sent
		codes := nodeCodes(err)
		refused := codes["NodePKPNotAuthorized"] > 0 && codes["NodePKPNotAuthorized"]+codes["NodeLeaderRefused"] == total(codes)
		if refused {
			slowest = max(slowest, took)
			if took > 2*time.Second {
				t.Fatalf("%s: a request sent %v after the removal was mined was refused after %v (codes %v), want under 2 s",
					what, sent.Round(time.Millisecond), took.Round(time.Millisecond), codes)
			}
		}
		switch {
		case errors.Is(err, errSigned):
			if sent > 3*time.Second {
				t.Fatalf("%s: a request sent %v after the removal was mined was served (%v)", what, sent.Round(time.Millisecond), err)
			}
		case codes["NodePKPNotAuthorized"] == n:
			if firstRefused < 0 {
				firstRefused = sent
			}
			t.Logf("%s: first refused for a request sent %v after the removal was mined, by every node for one sent %v after; slowest refusal %v",
				what, firstRefused.Round(time.Millisecond), sent.Round(time.Millisecond), slowest.Round(time.Millisecond))
			return
		case refused:
			// Some nodes read the removal, others not yet.
			if firstRefused < 0 {
				firstRefused = sent
			}
		default:
			t.Fatalf("%s: %v (codes %v), want NodePKPNotAuthorized (and NodeLeaderRefused)", what, err, codes)
		}
		if sent > 8*time.Second {
			t.Fatalf("%s: a request sent %v after the removal was mined was not refused by every node: %v", what, sent.Round(time.Millisecond), err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// refusalsBoundNoPresignature checks every node's usage records of sign
// requests for the PKP refused with NodePKPNotAuthorized: a refused login
// costs no presignature.
func (f *authFixture) refusalsBoundNoPresignature(t *testing.T, what string) {
	t.Helper()
	pkp := hex.EncodeToString(crypto.CompressPubkey(mustPubkey(t, f.pubkey)))
	for i := 1; i <= len(f.d.URLs()); i++ {
		refused := 0
		if _, err := usage.Read(node.UsageDir(filepath.Join(f.d.Dir(), fmt.Sprintf("node%d", i))), usage.Filter{PKP: pkp}, func(r *usage.Record) bool {
			if r.Kind == usage.KindSign && r.Outcome == "NodePKPNotAuthorized" {
				refused++
				if r.Presig != "" {
					t.Errorf("%s: node %d bound presignature %s to a refused request %s", what, i, r.Presig, r.ID)
				}
			}
			return true
		}); err != nil {
			t.Fatal(err)
		}
		if refused == 0 {
			t.Errorf("%s: node %d has no usage record of the refusal", what, i)
		}
	}
}

func total(codes map[string]int) int {
	n := 0
	for _, c := range codes {
		n += c
	}
	return n
}

// oldBlockHash is the hash of the genesis block, the chain's head only
// before the contracts were deployed and the nodes started: a real block
// hash that no node saw as recent (a replayed login's nonce).
func oldBlockHash(ctx context.Context, t testing.TB, cc *chain.Client) []byte {
	t.Helper()
	h, err := cc.Eth().HeaderByNumber(ctx, big.NewInt(0))
	if err != nil {
		t.Fatal(err)
	}
	return h.Hash().Bytes()
}

func blockhashBytes(t testing.TB, cl *client.Client) []byte {
	t.Helper()
	b, err := hex.DecodeString(cl.Blockhash[2:])
	if err != nil || len(b) != 32 {
		t.Fatalf("client block hash %q", cl.Blockhash)
	}
	return b
}

// TestPKPSessionWebAuthn: a passkey (ES256 and RS256 credentials of a
// software authenticator) registered on the PKP as Lit's contracts keep it
// (type 3, id keccak256("<rawId>:lit"), the COSE key as userPubkey) logs in
// with an assertion of a recent block hash, and the session signs with the
// PKP (checked with Ecrecover). Refused: an assertion signed by another
// key, of an old block hash, for another origin or rpId, for another PKP;
// and once the credential is removed on chain, both new sessions and the
// existing session's signing.
func TestPKPSessionWebAuthn(t *testing.T) {
	f := newAuthFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	es, err := webauthntest.NewES256()
	if err != nil {
		t.Fatal(err)
	}
	rs, err := webauthntest.NewRS256(2048)
	if err != nil {
		t.Fatal(err)
	}
	stale := oldBlockHash(ctx, t, f.cc)
	for _, c := range []struct {
		name string
		a    *webauthntest.Authenticator
	}{{"ES256", es}, {"RS256", rs}} {
		t.Run(c.name, func(t *testing.T) {
			a := c.a
			login := func(as webauthntest.Assertion) client.AuthMethod {
				tok, err := a.Sign(as)
				if err != nil {
					t.Fatal(err)
				}
				return client.AuthMethod{AuthMethodType: 3, AccessToken: tok}
			}
			good := func() webauthntest.Assertion {
				return webauthntest.NewAssertion(blockhashBytes(t, f.cl), passkeyOrigin, passkeyRPID)
			}
			cose, err := a.COSEKey()
			if err != nil {
				t.Fatal(err)
			}
			// The SDK's id, computed here on its own.
			id := crypto.Keccak256Hash([]byte(a.RawID() + ":lit"))

			_, err = f.cl.PKPSession(ctx, f.pubkey, []client.Login{client.UnboundLogin(login(good()))}, time.Hour)
			refusedWith(t, "a passkey not registered on the PKP", err, "NodeAuthMethodNotRegistered")

			f.permit(ctx, t, 3, id, cose)
			sess := f.sessionEventually(ctx, t, func() client.AuthMethod { return login(good()) })
			if sess.Wallet() != chain.EthAddress(f.pubkey) {
				t.Fatalf("session acts as %s, want the PKP", sess.Wallet().Hex())
			}
			res, err := f.cl.PKPSign(ctx, sess, f.pubkey, [32]byte{0x9a, 0x55, 0x4e})
			if err != nil {
				t.Fatal(err)
			}
			verify(t, &res.Signature, f.pubkey)

			other := es
			if a == es {
				other = rs
			}
			for name, tc := range map[string]struct {
				am   client.AuthMethod
				code string
			}{
				"signed by another key": {login(func() webauthntest.Assertion { as := good(); as.SignWith = other; return as }()), "NodeAuthMethodBadSignature"},
				"stale challenge":       {login(webauthntest.NewAssertion(stale, passkeyOrigin, passkeyRPID)), "NodeAuthMethodBadNonce"},
				"wrong origin":          {login(webauthntest.NewAssertion(blockhashBytes(t, f.cl), "https://evil.flint.test", passkeyRPID)), "NodeAuthMethodWrongAudience"},
				"wrong rpId":            {login(webauthntest.NewAssertion(blockhashBytes(t, f.cl), passkeyOrigin, "evil.flint.test")), "NodeAuthMethodWrongAudience"},
				"user not present":      {login(func() webauthntest.Assertion { as := good(); as.Flags = 0; return as }()), "NodeAuthMethodInvalidToken"},
			} {
				_, err := f.cl.PKPSession(ctx, f.pubkey, []client.Login{client.UnboundLogin(tc.am)}, time.Hour)
				refusedWith(t, name, err, tc.code)
			}
			// The credential is registered on this PKP only.
			otherPKP := newPKPFixtureOn(t, f.d)
			_, err = f.cl.PKPSession(ctx, otherPKP.pubkey, []client.Login{client.UnboundLogin(login(good()))}, time.Hour)
			refusedWith(t, "a passkey on a PKP that does not register it", err, "NodeAuthMethodNotRegistered")

			if _, err := f.cc.RemovePermittedAuthMethod(ctx, f.cc.Transactor(f.owner.Key), f.token, 3, id[:]); err != nil {
				t.Fatal(err)
			}
			f.stopsSigning(ctx, t, "the revoked passkey's session", sess)
			_, err = f.cl.PKPSession(ctx, f.pubkey, []client.Login{client.UnboundLogin(login(good()))}, time.Hour)
			refusedWith(t, "the revoked passkey", err, "NodeAuthMethodNotRegistered")
		})
	}
}

// TestPKPSessionJWT: ID tokens of a Google (type 6) and a Stytch email OTP
// (type 10) issuer whose keys the test makes and serves as JWKS on
// loopback log in to a PKP that permits them; the session signs with the
// PKP. Refused: expired, for another audience, from another issuer, signed
// by another key; and once the login is removed on chain, new sessions and
// (within a block or two) the existing session's signing.
func TestPKPSessionJWT(t *testing.T) {
	f := newAuthFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	stranger, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for _, c := range []struct {
		name  string
		typ   int
		tok   idToken
		id    common.Hash // the SDK's auth method id, computed here
		wrong []idToken   // expired, wrong audience, wrong issuer, wrong key
	}{
		{name: "Google", typ: 6, tok: idToken{iss: googleIss, sub: "109876543210", aud: googleAud},
			id: crypto.Keccak256Hash([]byte("109876543210:" + googleAud))},
		{name: "Stytch email OTP", typ: 10, tok: idToken{iss: stytchIss, sub: "user-test-1", aud: stytchAud, extra: stytchEmail("Alice@Example.test")},
			// Lit lower-cases Stytch ids.
			id: crypto.Keccak256Hash([]byte("alice@example.test:" + stytchAud))},
	} {
		t.Run(c.name, func(t *testing.T) {
			login := func(tok idToken) client.AuthMethod {
				return client.AuthMethod{AuthMethodType: c.typ, AccessToken: tok.sign(t)}
			}
			_, err := f.cl.PKPSession(ctx, f.pubkey, []client.Login{client.UnboundLogin(login(c.tok))}, time.Hour)
			refusedWith(t, "a login the PKP does not permit", err, "NodePKPNotAuthorized")

			f.permit(ctx, t, uint64(c.typ), c.id, nil)
			sess := f.sessionEventually(ctx, t, func() client.AuthMethod { return login(c.tok) })
			res, err := f.cl.PKPSign(ctx, sess, f.pubkey, [32]byte{0x7e, byte(c.typ)})
			if err != nil {
				t.Fatal(err)
			}
			verify(t, &res.Signature, f.pubkey)

			expired, aud, iss, key := c.tok, c.tok, c.tok, c.tok
			expired.iat, expired.exp = now.Add(-2*time.Hour), now.Add(-time.Hour)
			aud.aud = "another-app"
			iss.iss, iss.key = "https://evil.flint.test", &issuerKey{jose.ES256, stranger, authNet.issuers[c.tok.iss].kid}
			key.key = &issuerKey{jose.ES256, stranger, authNet.issuers[c.tok.iss].kid}
			if authNet.issuers[c.tok.iss].alg == jose.RS256 {
				// A stranger's RSA key under the issuer's kid.
				rk, err := rsa.GenerateKey(rand.Reader, 2048)
				if err != nil {
					t.Fatal(err)
				}
				key.key = &issuerKey{jose.RS256, rk, authNet.issuers[c.tok.iss].kid}
			}
			for name, tc := range map[string]struct {
				tok  idToken
				code string
			}{
				"expired":        {expired, "NodeAuthMethodExpired"},
				"wrong audience": {aud, "NodeAuthMethodWrongAudience"},
				"wrong issuer":   {iss, "NodeAuthMethodUnknownIssuer"},
				"wrong key":      {key, "NodeAuthMethodInvalidToken"},
			} {
				_, err := f.cl.PKPSession(ctx, f.pubkey, []client.Login{client.UnboundLogin(login(tc.tok))}, time.Hour)
				refusedWith(t, name, err, tc.code)
			}

			if _, err := f.cc.RemovePermittedAuthMethod(ctx, f.cc.Transactor(f.owner.Key), f.token, uint64(c.typ), c.id[:]); err != nil {
				t.Fatal(err)
			}
			f.stopsSigning(ctx, t, "the revoked ID token's session", sess)
			_, err = f.cl.PKPSession(ctx, f.pubkey, []client.Login{client.UnboundLogin(login(c.tok))}, time.Hour)
			refusedWith(t, "the revoked ID token", err, "NodePKPNotAuthorized")
		})
	}
}

// TestAuthMethodBadInput sends every auth method type's malformed,
// expired, replayed and wrong-key tokens (where the type has such a thing)
// to /web/sign_session_key/v1 and /web/pkp/claim: each gets the same 4xx
// with a stable code from every node. Nothing is stored: a refused session
// request leaves only its usage record (outcome: the code, no session hash
// signed), and a claim none.
func TestAuthMethodBadInput(t *testing.T) {
	f := newAuthFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	now := time.Now()
	stale := "0x" + hex.EncodeToString(oldBlockHash(ctx, t, f.cc))
	wallet, _ := crypto.GenerateKey()
	forger, _ := crypto.GenerateKey()
	walletAddr := crypto.PubkeyToAddress(wallet.PublicKey)
	siwe := func(key *ecdsa.PrivateKey, nonce string, issued, expires time.Time) string {
		raw, err := client.SignSIWE(key, &auth.Message{Domain: "localhost", Address: walletAddr, Statement: "Log in to a PKP.",
			URI: "https://localhost/login", Version: "1", ChainID: 1, Nonce: nonce,
			IssuedAt: issued.UTC().Truncate(time.Second), ExpirationTime: expires.UTC().Truncate(time.Second)})
		if err != nil {
			t.Fatal(err)
		}
		return string(raw)
	}
	// A passkey registered on the PKP, so its assertions get to the
	// signature check; and one that is not.
	pk, err := webauthntest.NewES256()
	if err != nil {
		t.Fatal(err)
	}
	pkStranger, _ := webauthntest.NewES256()
	cose, _ := pk.COSEKey()
	f.permit(ctx, t, 3, crypto.Keccak256Hash([]byte(pk.RawID()+":lit")), cose)
	assert := func(a *webauthntest.Authenticator, challenge []byte, signWith *webauthntest.Authenticator) string {
		as := webauthntest.NewAssertion(challenge, passkeyOrigin, passkeyRPID)
		as.SignWith = signWith
		tok, err := a.Sign(as)
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}
	staleBytes, _ := hex.DecodeString(stale[2:])
	stranger, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}

	type row struct {
		typ         int
		what, token string
		code        string
		status      int
		claimCode   string // when /web/pkp/claim answers otherwise
	}
	var rows []row
	add := func(typ int, what, token, code string, status int) {
		rows = append(rows, row{typ: typ, what: what, token: token, code: code, status: status})
	}
	// 1 EthWallet.
	add(1, "malformed", `{"sig":"0x00","derivedVia":"web3.eth.personal.sign"`, "NodeAuthMethodInvalidToken", 400)
	add(1, "expired", siwe(wallet, f.cl.Blockhash, now.Add(-2*time.Hour), now.Add(-time.Hour)), "NodeAuthMethodExpired", 401)
	add(1, "replayed (old block hash)", siwe(wallet, stale, now, now.Add(time.Hour)), "NodeAuthMethodBadNonce", 401)
	add(1, "wrong key", siwe(forger, f.cl.Blockhash, now, now.Add(time.Hour)), "NodeAuthMethodBadSignature", 401)
	// 2 Lit Action: proved by running it, never as an auth method.
	for _, w := range []string{"malformed", "a CID"} {
		rows = append(rows, row{typ: 2, what: w, token: map[string]string{"malformed": "{", "a CID": "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"}[w],
			code: "NodeInvalidAuthMethodType", status: 400, claimCode: "NodeClaimUnsupportedAuthMethod"})
	}
	// 3 WebAuthn. It has no expiry of its own: a challenge that is no
	// longer a recent block hash is both expired and replayed.
	for _, r := range []row{
		{what: "malformed", token: `{"rawId":"!!","response":{}}`, code: "NodeAuthMethodInvalidToken", status: 400},
		{what: "expired/replayed (old block hash)", token: assert(pk, staleBytes, nil), code: "NodeAuthMethodBadNonce", status: 401},
		{what: "wrong key", token: assert(pk, blockhashBytes(t, f.cl), pkStranger), code: "NodeAuthMethodBadSignature", status: 401},
		{what: "unregistered credential", token: assert(pkStranger, blockhashBytes(t, f.cl), nil), code: "NodeAuthMethodNotRegistered", status: 401},
	} {
		r.typ, r.claimCode = 3, "NodeClaimUnsupportedAuthMethod"
		rows = append(rows, r)
	}
	// 4 Discord, 5 Google OAuth: the nodes ask the test's provider (an
	// unconfigured provider's refusal is TestPKPSessionOAuthNotConfigured's).
	// An access token carries no expiry the node reads: the provider
	// refuses an expired one as any other it does not know. A replayed one
	// is TestPKPSessionOAuth's (first-seen binding).
	for _, typ := range []int{4, 5} {
		for _, r := range []row{
			{what: "malformed", token: "\x00", code: "NodeAuthMethodInvalidToken", status: 400},
			{what: "refused by the provider (expired, revoked, made up)", token: "ya29.a0AfH6SMBx", code: "NodeAuthMethodInvalidToken", status: 400},
			{what: "issued to another app", token: authNet.oauth.token(typ, "80351110224678912", "another-app"), code: "NodeAuthMethodWrongAudience", status: 401},
		} {
			r.typ, r.claimCode = typ, "NodeClaimUnsupportedAuthMethod"
			rows = append(rows, r)
		}
	}
	add(5, "expired (tokeninfo's expires_in 0)", authNet.oauth.expiredToken("112805338087936768277", googleOAuthApp), "NodeAuthMethodInvalidToken", 400)
	rows[len(rows)-1].claimCode = "NodeClaimUnsupportedAuthMethod"
	// 6 Google, 8 Apple, 9–13 Stytch: ID tokens.
	jwtTypes := []struct {
		typ int
		tok idToken
	}{
		{6, idToken{iss: googleIss, sub: "g-1", aud: googleAud}},
		{8, idToken{iss: appleIss, sub: "a-1", aud: appleAud}},
		{9, idToken{iss: stytchIss, sub: "user-test-9", aud: stytchAud}},
		{10, idToken{iss: stytchIss, sub: "user-test-10", aud: stytchAud, extra: stytchEmail("bob@example.test")}},
		{11, idToken{iss: stytchIss, sub: "user-test-11", aud: stytchAud, extra: map[string]any{"https://stytch.com/session": map[string]any{
			"authentication_factors": []any{map[string]any{"phone_number_factor": map[string]any{"phone_number": "+15555550111"}}}}}}},
		{12, idToken{iss: stytchIss, sub: "user-test-12", aud: stytchAud, extra: map[string]any{"https://stytch.com/session": map[string]any{
			"authentication_factors": []any{map[string]any{"phone_number_factor": map[string]any{"phone_number": "+15555550112"}}}}}}},
		{13, idToken{iss: stytchIss, sub: "user-test-13", aud: stytchAud, extra: map[string]any{"https://stytch.com/session": map[string]any{
			"authentication_factors": []any{map[string]any{"authenticator_app_factor": map[string]any{"totp_id": "totp-test-13"}}}}}}},
	}
	for _, j := range jwtTypes {
		expired, future, wrongKey, noFactor := j.tok, j.tok, j.tok, j.tok
		expired.iat, expired.exp = now.Add(-2*time.Hour), now.Add(-time.Hour)
		future.iat = now.Add(time.Hour)
		// A stranger's key under the issuer's key id.
		wrongKey.key = &issuerKey{jose.ES256, stranger, authNet.issuers[j.tok.iss].kid}
		add(j.typ, "malformed", "eyJhbGciOiJub25lIn0.e30.", "NodeAuthMethodInvalidToken", 400)
		add(j.typ, "expired", expired.sign(t), "NodeAuthMethodExpired", 401)
		add(j.typ, "not yet valid", future.sign(t), "NodeAuthMethodNotYetValid", 401)
		add(j.typ, "wrong key", wrongKey.sign(t), "NodeAuthMethodInvalidToken", 400)
		if j.typ >= 10 {
			noFactor.extra = nil
			add(j.typ, "no Stytch factor", noFactor.sign(t), "NodeAuthMethodInvalidToken", 400)
		}
	}
	// Algorithm confusion: HS256 keyed with the issuer's public JWKS.
	pubJWK, _ := json.Marshal(jose.JSONWebKey{Key: authNet.issuers[googleIss].public(), KeyID: authNet.issuers[googleIss].kid})
	hs, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.HS256, Key: pubJWK}, (&jose.SignerOptions{}).WithHeader("kid", authNet.issuers[googleIss].kid))
	if err != nil {
		t.Fatal(err)
	}
	hsTok, err := jwt.Signed(hs).Claims(jwt.Claims{Issuer: googleIss, Subject: "g-1", Audience: jwt.Audience{googleAud},
		IssuedAt: jwt.NewNumericDate(now), Expiry: jwt.NewNumericDate(now.Add(time.Hour))}).Serialize()
	if err != nil {
		t.Fatal(err)
	}
	add(6, "HS256 keyed with the issuer's public key", hsTok, "NodeAuthMethodInvalidToken", 400)
	add(6, "a Stytch token", jwtTypes[2].tok.sign(t), "NodeAuthMethodUnknownIssuer", 401)
	// A key id the issuer never published (each node refetches the JWKS
	// once, then refuses).
	unknownKid := jwtTypes[0].tok
	unknownKid.key = &issuerKey{jose.ES256, authNet.issuers[googleIss].key, "made-up-kid"}
	add(6, "unknown kid", unknownKid.sign(t), "NodeAuthMethodInvalidToken", 400)
	// Types no one defined, and a JWT type's token sent as another type.
	for _, typ := range []int{0, -1, 7, 14, 99} {
		add(typ, "a Google ID token", jwtTypes[0].tok.sign(t), "NodeAuthMethodUnsupportedType", 400)
	}

	start := time.Now()
	claimTo := f.owner.Address
	var sessionCodes []string
	for _, r := range rows {
		name := fmt.Sprintf("type %d, %s", r.typ, r.what)
		am := client.AuthMethod{AuthMethodType: r.typ, AccessToken: r.token}
		_, err := f.cl.PKPSession(ctx, f.pubkey, []client.Login{client.UnboundLogin(am)}, time.Hour)
		refusedWithStatus(t, name+" (session)", err, r.code, r.status)
		sessionCodes = append(sessionCodes, r.code)
		claimCode, claimStatus := r.code, r.status
		if r.claimCode != "" {
			claimCode, claimStatus = r.claimCode, 400
		}
		if r.typ < 0 { // the claim request's type is unsigned
			continue
		}
		_, err = f.cl.ClaimWithAuthMethod(ctx, wire.AuthMethod{AuthMethodType: uint32(r.typ), AccessToken: r.token}, claimTo)
		refusedWithStatus(t, name+" (claim)", err, claimCode, claimStatus)
	}

	// What each node kept of the refused session requests: one usage
	// record each, in order, with the code as outcome and no session hash
	// (the node signed nothing).
	pkp := hex.EncodeToString(crypto.CompressPubkey(mustPubkey(t, f.pubkey)))
	for i := 1; i <= len(f.d.URLs()); i++ {
		var got []*usage.Record
		// Every record since the table began is a session request's for
		// this PKP: the claims left none.
		if _, err := usage.Read(node.UsageDir(filepath.Join(f.d.Dir(), fmt.Sprintf("node%d", i))), usage.Filter{Since: start}, func(r *usage.Record) bool {
			if r.PKP != pkp {
				t.Errorf("node %d keeps a record of another request than the table's session requests: %+v", i, r)
			}
			got = append(got, r)
			return true
		}); err != nil {
			t.Fatal(err)
		}
		// The client stops asking once a quorum has refused, so a node may
		// have missed a request; what it kept is in order.
		j := 0
		for _, r := range got {
			for j < len(sessionCodes) && sessionCodes[j] != r.Outcome {
				j++
			}
			if j == len(sessionCodes) {
				t.Fatalf("node %d keeps a record %+v that matches no refused request in order", i, r)
			}
			if r.Kind != usage.KindDecrypt || r.Digest != "" || r.Presig != "" {
				t.Errorf("node %d: record of a refused login %+v: want kind decrypt, no digest, no presignature", i, r)
			}
			j++
		}
		if len(got) < len(sessionCodes)/2 {
			t.Errorf("node %d kept %d records of %d refused requests", i, len(got), len(sessionCodes))
		}
		t.Logf("node %d: %d usage records of %d refused session requests", i, len(got), len(sessionCodes))
	}
}

func mustPubkey(t testing.TB, b []byte) *ecdsa.PublicKey {
	t.Helper()
	if len(b) == 33 {
		k, err := crypto.DecompressPubkey(b)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	k, err := crypto.UnmarshalPubkey(b)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// refusedWithStatus is refusedWith that also checks the HTTP status.
func refusedWithStatus(t *testing.T, what string, err error, code string, status int) {
	t.Helper()
	var ne *client.NodesError
	if !errors.As(err, &ne) || len(ne.Nodes) == 0 {
		t.Errorf("%s: err = %v, want every node's %d %s", what, err, status, code)
		return
	}
	for _, n := range ne.Nodes {
		if n.Code != code || n.Status != status {
			t.Errorf("%s: %d %s (%s), want %d %s from every node", what, n.Status, n.Code, n.Message, status, code)
			return
		}
	}
}
