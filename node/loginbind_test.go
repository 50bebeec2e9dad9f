package node

import (
	"errors"
	"testing"
	"time"
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
