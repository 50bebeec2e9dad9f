package node

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/auth/authmethod"
	"github.com/flint-network/flint/wire"
)

func use(d, user byte, expires time.Time) loginUse {
	return loginUse{digest: [32]byte{d}, user: [32]byte{user}, expires: expires}
}

// TestLoginBindingsFirstSeen: a login is its first session key's; the same
// key may retry, another is refused until the login expires, and a refused
// request records none of its logins.
func TestLoginBindingsFirstSeen(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	b := newLoginBindings(10, 4)
	honest, corrupt := []byte("honest session key.............."), []byte("corrupt session key.............")
	login := use(1, 1, now.Add(10*time.Minute))
	if err := b.bind([]loginUse{login}, honest, now); err != nil {
		t.Fatal(err)
	}
	if err := b.bind([]loginUse{login}, honest, now.Add(time.Minute)); err != nil {
		t.Fatalf("the same key retrying: %v", err)
	}
	if err := b.bind([]loginUse{login}, corrupt, now.Add(time.Minute)); !errors.Is(err, errLoginBoundElsewhere) {
		t.Fatalf("another key: %v, want errLoginBoundElsewhere", err)
	}
	// A request with a fresh login and the taken one records neither.
	other := use(2, 2, now.Add(10*time.Minute))
	if err := b.bind([]loginUse{other, login}, corrupt, now.Add(time.Minute)); !errors.Is(err, errLoginBoundElsewhere) {
		t.Fatalf("two logins, one taken: %v", err)
	}
	if b.len() != 1 {
		t.Fatalf("%d bindings after a refused request, want 1", b.len())
	}
	// Once the login has lapsed (it would be refused as stale anyway), the
	// binding no longer holds.
	if err := b.bind([]loginUse{use(1, 1, now.Add(30*time.Minute))}, corrupt, now.Add(10*time.Minute)); err != nil {
		t.Fatalf("after expiry: %v", err)
	}
	// A retry with a later expiry keeps the binding longer.
	if err := b.bind([]loginUse{use(1, 1, now.Add(time.Hour))}, corrupt, now.Add(11*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := b.bind([]loginUse{login}, honest, now.Add(45*time.Minute)); !errors.Is(err, errLoginBoundElsewhere) {
		t.Fatalf("the extended binding lapsed early: %v", err)
	}
}

// TestLoginBindingsBound: the memory holds at most max live bindings and
// refuses more rather than forget one; expired ones make room; one user's
// logins beyond perUser push out that user's oldest, no one else's.
func TestLoginBindingsBound(t *testing.T) {
	now := time.Unix(1_700_000_000, 0)
	key := []byte("k")
	b := newLoginBindings(4, 2)
	for i := range 4 {
		if err := b.bind([]loginUse{use(byte(i), byte(i), now.Add(time.Duration(i+1)*time.Minute))}, key, now); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.bind([]loginUse{use(9, 9, now.Add(time.Hour))}, key, now); !errors.Is(err, errLoginBindingsFull) {
		t.Fatalf("past the bound: %v, want errLoginBindingsFull", err)
	}
	if b.len() != 4 {
		t.Fatalf("%d bindings, bound 4", b.len())
	}
	// Two minutes on, logins 0 and 1 have lapsed: room for two.
	later := now.Add(2 * time.Minute)
	if err := b.bind([]loginUse{use(9, 9, now.Add(time.Hour)), use(8, 9, now.Add(time.Hour))}, key, later); err != nil {
		t.Fatalf("after two expired: %v", err)
	}
	if b.len() != 4 {
		t.Fatalf("%d bindings after the sweep, want 4", b.len())
	}
	// User 9's third login pushes out its first (digest 9), not user 2's
	// or 3's.
	if err := b.bind([]loginUse{use(7, 9, now.Add(time.Hour))}, key, later); err != nil {
		t.Fatalf("a user's third login: %v", err)
	}
	if err := b.bind([]loginUse{use(9, 9, now.Add(time.Hour))}, []byte("other"), later); errors.Is(err, errLoginBoundElsewhere) {
		t.Fatal("user 9's oldest binding was kept past perUser")
	}
	for _, d := range []byte{2, 3} {
		if err := b.bind([]loginUse{use(d, d, now.Add(time.Hour))}, []byte("other"), later); !errors.Is(err, errLoginBoundElsewhere) {
			t.Fatalf("user %d's binding was pushed out by another user: %v", d, err)
		}
	}
	if n := len(b.byUser[[32]byte{9}]); n > 2 {
		t.Fatalf("user 9 holds %d bindings, perUser 2", n)
	}
}

// stubLogins resolves every auth method to id.
type stubLogins struct{ id authmethod.Identity }

func (s stubLogins) Resolve(context.Context, authmethod.AuthMethod, authmethod.CredentialKeys) (authmethod.Identity, error) {
	return s.id, nil
}

// TestResolveLoginBinding: a login bound to the request's session key is
// taken as bound; bound to another, refused; unbound, remembered for at
// least the nonce window, or refused outright under requireBoundLogins;
// and bindLogins answers a second session key with
// NodeAuthMethodAlreadyUsed.
func TestResolveLoginBinding(t *testing.T) {
	mine, theirs := bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 32)
	wallet := common.HexToAddress("0x00000000000000000000000000000000000000aa")
	id := authmethod.Identity{Type: authmethod.EthWallet, UserID: wallet.Hex(), AppID: "lit", ID: authmethod.ID(wallet.Hex(), "lit"),
		Address: wallet, Digest: [32]byte{7}}
	n := testAPINode(8)
	n.cfg = &Config{}
	n.recentHashes = newRecentHashes(10*time.Minute, 100)
	n.loginBinds = newLoginBindings(maxLoginBindings, maxBindingsPerUser)
	resolve := func(id authmethod.Identity) (resolvedLogin, error) {
		n.authMethods = stubLogins{id}
		return n.resolveLogin(context.Background(), big.NewInt(1), wire.AuthMethodJSON{AuthMethodType: 1, AccessToken: "x"}, mine)
	}
	code := func(err error) string {
		if ce, ok := errors.AsType[*codedError](err); ok {
			return ce.code
		}
		return fmt.Sprint(err)
	}

	bound := id
	bound.SessionKey = mine
	if l, err := resolve(bound); err != nil || !l.bound {
		t.Fatalf("bound to this key: %+v, %v", l, err)
	}
	other := id
	other.SessionKey = theirs
	if _, err := resolve(other); code(err) != "NodeAuthMethodSessionKeyMismatch" {
		t.Fatalf("bound to another key: %v", err)
	}
	l, err := resolve(id)
	if err != nil || l.bound || l.use.digest != id.Digest || l.use.expires.Before(time.Now().Add(10*time.Minute)) {
		t.Fatalf("unbound: %+v, %v", l, err)
	}
	if err := n.bindLogins([]resolvedLogin{l}, mine); err != nil {
		t.Fatal(err)
	}
	if err := n.bindLogins([]resolvedLogin{l}, mine); err != nil {
		t.Fatalf("the same key again: %v", err)
	}
	if err := n.bindLogins([]resolvedLogin{l}, theirs); code(err) != "NodeAuthMethodAlreadyUsed" {
		t.Fatalf("another key: %v", err)
	}
	// A bound login is never remembered: it needs no memory.
	if err := n.bindLogins([]resolvedLogin{{bound: true}}, theirs); err != nil || n.loginBinds.len() != 1 {
		t.Fatalf("bound login: %v, %d remembered", err, n.loginBinds.len())
	}

	n.cfg.AuthMethods.RequireBoundLogins = true
	if _, err := resolve(id); code(err) != "NodeAuthMethodNotBound" {
		t.Fatalf("unbound under requireBoundLogins: %v", err)
	}
	if l, err := resolve(bound); err != nil || !l.bound {
		t.Fatalf("bound under requireBoundLogins: %+v, %v", l, err)
	}
}

// A Discord access token is valid for 7 days: a node remembering its first
// session key for less would let a node that saw it replay it, with a key
// of its own, once the binding was forgotten.
func TestLoginExpiryCoversDiscordTokens(t *testing.T) {
	n := &Node{recentHashes: newRecentHashes(10*time.Minute, 16)}
	if got := time.Until(n.loginExpiry(authmethod.Identity{Type: authmethod.Discord})); got < 7*24*time.Hour {
		t.Fatalf("a Discord login is remembered for %v, less than the 7 days its token is valid", got.Round(time.Minute))
	}
	if got := time.Until(n.loginExpiry(authmethod.Identity{Type: authmethod.GoogleOAuth})); got < time.Hour {
		t.Fatalf("a Google OAuth login is remembered for %v, less than the hour its token is valid", got.Round(time.Minute))
	}
}

// An ID token is taken until exp plus the configured skew: it must be
// remembered at least that long, however large the operator set the skew.
func TestLoginExpiryCoversJWTSkew(t *testing.T) {
	n := &Node{cfg: &Config{}, recentHashes: newRecentHashes(10*time.Minute, 16)}
	n.cfg.AuthMethods.JWT.Skew = time.Hour
	exp := time.Now().Add(time.Minute)
	if got := n.loginExpiry(authmethod.Identity{Type: authmethod.GoogleJWT, Expires: exp}); got.Before(exp.Add(time.Hour)) {
		t.Fatalf("an ID token taken until %v is remembered until %v only", exp.Add(time.Hour), got)
	}
}
