package node

import (
	"bytes"
	"errors"
	"sync"
	"time"
)

// First-seen login binding. Every node sees the login of a PKP session
// request, so a corrupt node could replay a login that names no session key
// (the unmodified SDK's wallet AuthSig, an ID token without a binding nonce,
// a WebAuthn assertion over a bare block hash) to the other nodes with its
// own session key while the login is fresh. Each node therefore remembers
// which session key it first took each such login with, for as long as the
// login could be accepted, and refuses it with any other key; the same key
// may retry. A client sends its request to every node at once, so a
// corrupt node that forwards it arrives second at the honest nodes unless
// it outruns the client's own requests; logins bound to their session key
// (authmethod.SessionBinding) have no such race and need no memory.

// Bounds of the binding memory.
const (
	// maxLoginBindings bounds the logins remembered at once (about 200
	// bytes each). When it is full of unexpired bindings, new unbound
	// logins are refused (503) rather than a live binding forgotten:
	// forgetting is what a replaying node would want.
	maxLoginBindings = 1 << 17
	// maxBindingsPerUser bounds one user's (auth method id's) share of the
	// memory; past it the user's oldest binding goes first. Only the user
	// can make new logins of their own, so only they can push their
	// bindings out, and one user cannot fill the memory for everyone.
	maxBindingsPerUser = 32
	// unknownLoginLifetime is how long a login with no expiry of its own
	// (a Google OAuth access token, which Google issues for an hour) is
	// remembered.
	unknownLoginLifetime = 24 * time.Hour
	// discordTokenLifetime is how long a Discord access token is valid
	// (Discord issues them with expires_in 604800): remembered for less, a
	// node that saw one could replay it with its own session key once the
	// others had forgotten it.
	discordTokenLifetime = 7 * 24 * time.Hour
)

var (
	errLoginBoundElsewhere = errors.New("the login was first used with another session key")
	errLoginBindingsFull   = errors.New("the node's memory of logins is full")
)

type loginBinding struct {
	key     []byte // the session public key
	user    [32]byte
	expires time.Time
}

// loginBindings remembers login digest → session key.
type loginBindings struct {
	mu      sync.Mutex
	max     int
	perUser int
	m       map[[32]byte]loginBinding
	// byUser lists each user's digests, oldest first.
	byUser map[[32]byte][][32]byte
}

func newLoginBindings(max, perUser int) *loginBindings {
	return &loginBindings{max: max, perUser: perUser, m: map[[32]byte]loginBinding{}, byUser: map[[32]byte][][32]byte{}}
}

// loginUse is one login of a request: its digest, the user (auth method
// id) it proves, and until when it must be remembered.
type loginUse struct {
	digest  [32]byte
	user    [32]byte
	expires time.Time
}

// bind records that the logins were used with session key key, unless one
// of them was first used with another key (errLoginBoundElsewhere, and
// nothing is recorded), or the memory is full (errLoginBindingsFull).
func (b *loginBindings) bind(logins []loginUse, key []byte, now time.Time) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, l := range logins {
		if e, ok := b.m[l.digest]; ok && now.Before(e.expires) && !bytes.Equal(e.key, key) {
			return errLoginBoundElsewhere
		}
	}
	if b.grows(logins, now) > b.max {
		b.sweep(now)
		if b.grows(logins, now) > b.max {
			return errLoginBindingsFull
		}
	}
	for _, l := range logins {
		if e, ok := b.m[l.digest]; ok && now.Before(e.expires) {
			if l.expires.After(e.expires) {
				e.expires = l.expires
				b.m[l.digest] = e
			}
			continue
		}
		b.remove(l.digest)
		list := b.byUser[l.user]
		for len(list) >= b.perUser {
			delete(b.m, list[0])
			list = list[1:]
		}
		b.m[l.digest] = loginBinding{key: bytes.Clone(key), user: l.user, expires: l.expires}
		b.byUser[l.user] = append(list, l.digest)
	}
	return nil
}

// grows returns how many bindings there would be once logins are recorded:
// a user's logins past perUser replace that user's oldest.
func (b *loginBindings) grows(logins []loginUse, now time.Time) int {
	fresh := map[[32]byte]int{}
	for _, l := range logins {
		if e, ok := b.m[l.digest]; !ok || !now.Before(e.expires) {
			fresh[l.user]++
		}
	}
	n := len(b.m)
	for u, f := range fresh {
		have := len(b.byUser[u])
		n += min(have+f, b.perUser) - min(have, b.perUser)
	}
	return n
}

// remove forgets one digest.
func (b *loginBindings) remove(d [32]byte) {
	e, ok := b.m[d]
	if !ok {
		return
	}
	delete(b.m, d)
	list := b.byUser[e.user]
	for i, x := range list {
		if x == d {
			list = append(list[:i:i], list[i+1:]...)
			break
		}
	}
	if len(list) == 0 {
		delete(b.byUser, e.user)
	} else {
		b.byUser[e.user] = list
	}
}

// sweep forgets every expired binding.
func (b *loginBindings) sweep(now time.Time) {
	for d, e := range b.m {
		if !now.Before(e.expires) {
			b.remove(d)
		}
	}
}

// len is the number of bindings held, expired ones included.
func (b *loginBindings) len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.m)
}
