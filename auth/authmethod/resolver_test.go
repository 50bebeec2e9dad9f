package authmethod

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	"github.com/fxamacker/cbor/v2"
	jose "github.com/go-jose/go-jose/v4"
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

// es256Authenticator is a software passkey that signs assertions as a
// browser would wrap them for the SDK.
type es256Authenticator struct {
	credID []byte
	key    *ecdsa.PrivateKey
}

func newAuthenticator(t *testing.T) *es256Authenticator {
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	id := make([]byte, 16)
	_, _ = rand.Read(id)
	return &es256Authenticator{credID: id, key: k}
}

func (a *es256Authenticator) cose(t *testing.T) []byte {
	b, err := cbor.Marshal(map[int]any{1: 2, 3: -7, -1: 1,
		-2: a.key.X.FillBytes(make([]byte, 32)), -3: a.key.Y.FillBytes(make([]byte, 32))})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (a *es256Authenticator) assert(t *testing.T, challenge []byte, signer *ecdsa.PrivateKey) string {
	b64 := base64.RawURLEncoding.EncodeToString
	rp := sha256.Sum256([]byte("app.example"))
	authData := append(rp[:], 0x05, 0, 0, 0, 1)
	cd, _ := json.Marshal(map[string]any{"type": "webauthn.get", "challenge": b64(challenge), "origin": "https://app.example", "crossOrigin": false})
	cdh := sha256.Sum256(cd)
	d := sha256.Sum256(append(append([]byte{}, authData...), cdh[:]...))
	sig, err := ecdsa.SignASN1(rand.Reader, signer, d[:])
	if err != nil {
		t.Fatal(err)
	}
	tok, _ := json.Marshal(map[string]any{"id": b64(a.credID), "rawId": b64(a.credID), "type": "public-key",
		"response": map[string]any{"clientDataJSON": b64(cd), "authenticatorData": b64(authData), "signature": b64(sig),
			"userHandle": b64([]byte(b64([]byte("u"))))}})
	return string(tok)
}

func TestResolveWebAuthn(t *testing.T) {
	a := newAuthenticator(t)
	rawID := base64.RawURLEncoding.EncodeToString(a.credID)
	registered := map[[32]byte][]byte{wantID(rawID, "lit"): a.cose(t)}
	keys := func(_ context.Context, id [32]byte) ([]byte, error) { return registered[id], nil }
	r := NewResolver(ResolverConfig{RecentNonce: recentOnly})
	challenge, _ := hex.DecodeString(recentHash[2:])

	id, err := r.Resolve(context.Background(), AuthMethod{Type: WebAuthn, AccessToken: a.assert(t, challenge, a.key)}, keys)
	if err != nil {
		t.Fatal(err)
	}
	if id.UserID != rawID || id.AppID != "lit" || id.ID != wantID(rawID, "lit") {
		t.Fatalf("identity %+v", id)
	}

	mallory, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	unregistered := newAuthenticator(t)
	good := a.assert(t, challenge, a.key)
	for name, c := range map[string]struct {
		tok  string
		keys CredentialKeys
		want *Error
	}{
		"malformed":      {`{"rawId":"!!"}`, keys, ErrInvalidToken},
		"replayed":       {a.assert(t, make([]byte, 32), a.key), keys, ErrBadNonce},
		"wrong key":      {a.assert(t, challenge, mallory), keys, ErrBadSignature},
		"not registered": {unregistered.assert(t, challenge, unregistered.key), keys, ErrNotRegistered},
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
