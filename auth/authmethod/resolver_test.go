package authmethod

import (
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	jose "github.com/go-jose/go-jose/v4"

	"github.com/flint-network/flint/auth/webauthn/webauthntest"
)

// recentHash is the block hash the tests' RecentNonce accepts.
var recentHash = "0x" + hex.EncodeToString(ethcrypto.Keccak256([]byte("block 100")))

func recentOnly(n string) bool { return n == recentHash }

// walletLogin builds the AuthSig the SDK's EthWalletProvider sends, signed
// by key (independently of the code under test: EIP-191 over the text).
func walletLogin(t *testing.T, key *ecdsa.PrivateKey, addr common.Address, nonce string, issued, expires time.Time) string {
	t.Helper()
	msg := fmt.Sprintf("localhost wants you to sign in with your Ethereum account:\n%s\n\nLog in to Flint.\n\n"+
		"URI: http://localhost\nVersion: 1\nChain ID: 1\nNonce: %s\nIssued At: %s\nExpiration Time: %s",
		addr.Hex(), nonce, issued.UTC().Format(time.RFC3339), expires.UTC().Format(time.RFC3339))
	h := ethcrypto.Keccak256([]byte(fmt.Sprintf("\x19Ethereum Signed Message:\n%d%s", len(msg), msg)))
	sig, err := ethcrypto.Sign(h, key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	b, _ := json.Marshal(map[string]string{"sig": "0x" + hex.EncodeToString(sig), "derivedVia": "web3.eth.personal.sign",
		"signedMessage": msg, "address": addr.Hex()})
	return string(b)
}

func TestResolveWallet(t *testing.T) {
	key, _ := ethcrypto.GenerateKey()
	addr := ethcrypto.PubkeyToAddress(key.PublicKey)
	other, _ := ethcrypto.GenerateKey()
	clock := &fakeClock{t: t0}
	r := NewResolver(ResolverConfig{Now: clock.Now, RecentNonce: recentOnly})
	good := walletLogin(t, key, addr, recentHash, t0, t0.Add(24*time.Hour))

	id, err := r.Resolve(context.Background(), AuthMethod{Type: EthWallet, AccessToken: good}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The SDK's ethAuthMethodId: keccak256("<checksummed address>:lit").
	if id.Address != addr || id.UserID != addr.Hex() || id.AppID != "lit" || id.ID != wantID(addr.Hex(), "lit") {
		t.Fatalf("identity %+v", id)
	}

	stale := walletLogin(t, key, addr, "0x"+hex.EncodeToString(make([]byte, 32)), t0, t0.Add(time.Hour))
	forged := walletLogin(t, other, addr, recentHash, t0, t0.Add(time.Hour))
	for name, c := range map[string]struct {
		tok  string
		now  time.Time
		want *Error
	}{
		"malformed": {`{"sig":"0x00"`, t0, ErrInvalidToken},
		"expired":   {good, t0.Add(25 * time.Hour), ErrExpired},
		"replayed":  {stale, t0, ErrBadNonce},
		"wrong key": {forged, t0, ErrBadSignature},
	} {
		clock.t = c.now
		_, err := r.Resolve(context.Background(), AuthMethod{Type: EthWallet, AccessToken: c.tok}, nil)
		if !errors.Is(err, c.want) || Code(err) != c.want.Code {
			t.Errorf("%s: got %v (code %q), want %s", name, err, Code(err), c.want.Code)
		}
	}
}

// passkey makes an ES256 credential of package webauthntest's software
// authenticator.
func passkey(t *testing.T) *webauthntest.Authenticator {
	a, err := webauthntest.NewES256()
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// assertion is a's assertion of challenge for https://app.example, signed
// by signWith's key when it is not nil.
func assertion(t *testing.T, a *webauthntest.Authenticator, challenge []byte, signWith *webauthntest.Authenticator) string {
	as := webauthntest.NewAssertion(challenge, "https://app.example", "app.example")
	as.SignWith = signWith
	tok, err := a.Sign(as)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func cose(t *testing.T, a *webauthntest.Authenticator) []byte {
	k, err := a.COSEKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func TestResolveWebAuthn(t *testing.T) {
	a := passkey(t)
	rawID := a.RawID()
	registered := map[[32]byte][]byte{wantID(rawID, "lit"): cose(t, a)}
	keys := func(_ context.Context, id [32]byte) ([]byte, error) { return registered[id], nil }
	r := NewResolver(ResolverConfig{RecentNonce: recentOnly})
	challenge, _ := hex.DecodeString(recentHash[2:])

	id, err := r.Resolve(context.Background(), AuthMethod{Type: WebAuthn, AccessToken: assertion(t, a, challenge, nil)}, keys)
	if err != nil {
		t.Fatal(err)
	}
	if id.UserID != rawID || id.AppID != "lit" || id.ID != wantID(rawID, "lit") {
		t.Fatalf("identity %+v", id)
	}

	mallory := passkey(t)
	unregistered := passkey(t)
	good := assertion(t, a, challenge, nil)
	for name, c := range map[string]struct {
		tok  string
		keys CredentialKeys
		want *Error
	}{
		"malformed":      {`{"rawId":"!!"}`, keys, ErrInvalidToken},
		"replayed":       {assertion(t, a, make([]byte, 32), nil), keys, ErrBadNonce},
		"wrong key":      {assertion(t, a, challenge, mallory), keys, ErrBadSignature},
		"not registered": {assertion(t, unregistered, challenge, nil), keys, ErrNotRegistered},
		"no lookup":      {good, nil, ErrNotConfigured},
		"chain down": {good, func(context.Context, [32]byte) ([]byte, error) { return nil, errors.New("rpc down") },
			ErrChainUnavailable},
	} {
		_, err := r.Resolve(context.Background(), AuthMethod{Type: WebAuthn, AccessToken: c.tok}, c.keys)
		if !errors.Is(err, c.want) || Code(err) != c.want.Code {
			t.Errorf("%s: got %v (code %q), want %s", name, err, Code(err), c.want.Code)
		}
	}
}

type stubOAuth struct{}

func (stubOAuth) Verify(_ context.Context, am AuthMethod) (Identity, error) {
	return Identity{Type: am.Type, UserID: "d1", AppID: "app", ID: ID("d1", "app")}, nil
}

func TestResolveDispatch(t *testing.T) {
	f := newFixture(t)
	r := NewResolver(ResolverConfig{Now: f.clock.Now, JWT: f.v})
	ctx := context.Background()

	tok := f.google.sign("g1", jose.RS256, stdClaims(googleIss, "u1", clientID), nil)
	if id, err := r.Resolve(ctx, AuthMethod{Type: GoogleJWT, AccessToken: tok}, nil); err != nil || id.UserID != "u1" {
		t.Fatalf("JWT through the resolver: %+v %v", id, err)
	}
	f.apple.addKey("other", jose.RS256, false)
	expired := stdClaims(googleIss, "u1", clientID)
	expired.Expiry = nil
	for name, c := range map[string]struct {
		r    *Resolver
		am   AuthMethod
		want *Error
	}{
		"jwt malformed":     {r, AuthMethod{Type: GoogleJWT, AccessToken: "a.b"}, ErrInvalidToken},
		"jwt wrong key":     {r, AuthMethod{Type: GoogleJWT, AccessToken: f.apple.sign("other", jose.RS256, stdClaims(googleIss, "u1", clientID), nil)}, ErrInvalidToken},
		"jwt unconfigured":  {NewResolver(ResolverConfig{}), AuthMethod{Type: GoogleJWT, AccessToken: tok}, ErrUnsupportedType},
		"lit action":        {r, AuthMethod{Type: LitAction, AccessToken: "Qm"}, ErrNotResolvable},
		"discord no config": {r, AuthMethod{Type: Discord, AccessToken: "x"}, ErrNotConfigured},
		"google oauth":      {r, AuthMethod{Type: GoogleOAuth, AccessToken: "x"}, ErrNotConfigured},
		"unknown type 7":    {r, AuthMethod{Type: 7, AccessToken: "x"}, ErrUnsupportedType},
		"unknown type 99":   {r, AuthMethod{Type: 99, AccessToken: "x"}, ErrUnsupportedType},
		"webauthn empty":    {r, AuthMethod{Type: WebAuthn, AccessToken: "{}"}, ErrInvalidToken},
	} {
		_, err := c.r.Resolve(ctx, c.am, nil)
		if !errors.Is(err, c.want) || Code(err) != c.want.Code {
			t.Errorf("%s: got %v (code %q), want %s", name, err, Code(err), c.want.Code)
		}
	}
	f.clock.Add(2 * time.Hour)
	if _, err := r.Resolve(ctx, AuthMethod{Type: GoogleJWT, AccessToken: tok}, nil); Code(err) != ErrExpired.Code {
		t.Errorf("expired JWT: %v", err)
	}
	o := NewResolver(ResolverConfig{OAuth: stubOAuth{}})
	if id, err := o.Resolve(ctx, AuthMethod{Type: Discord, AccessToken: "x"}, nil); err != nil || id.UserID != "d1" {
		t.Errorf("OAuth hook not used: %+v %v", id, err)
	}
}

// A replayed ID token through the Resolver: the Verifier's nonce check
// refuses it with ErrBadNonce, and the identity carries the nonce.
func TestResolveJWTReplay(t *testing.T) {
	f := newFixture(t)
	seen := map[string]bool{}
	v, err := New(f.v.cfg, Options{Now: f.clock.Now, CheckNonce: func(_ context.Context, n string) error {
		if seen[n] {
			return errors.New("replayed")
		}
		seen[n] = true
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	r := NewResolver(ResolverConfig{JWT: v})
	am := AuthMethod{Type: GoogleJWT, AccessToken: f.google.sign("g1", jose.RS256, stdClaims(googleIss, "u1", clientID), map[string]any{"nonce": "0xabc"})}
	if id, err := r.Resolve(context.Background(), am, nil); err != nil || id.Nonce != "0xabc" {
		t.Fatalf("first use: %+v %v", id, err)
	}
	if _, err := r.Resolve(context.Background(), am, nil); Code(err) != ErrBadNonce.Code {
		t.Fatalf("replay: %v", err)
	}
}
