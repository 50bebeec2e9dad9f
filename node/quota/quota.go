// Package quota holds the node's per-caller limits: token buckets keyed by
// (bucket, key), and counters of what a key holds at once. It is pure: the
// clock is handed in, nothing is read from the network or the disk, so the
// node decides what a key is (a client IP, a caller's address, a PKP) and
// what each refusal is called.
//
// Both structures keep a bounded number of keys. A limiter past its bound
// forgets the key used least recently: a key idle that long has refilled
// most of its bucket anyway, and one that floods stays recent and is never
// the one forgotten.
package quota

import (
	"container/list"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"
)

// Rate is a token bucket's shape: Burst tokens at most, refilled at PerSecond.
// A zero PerSecond or Burst turns the bucket off (everything passes).
type Rate struct {
	PerSecond float64
	Burst     float64
}

// Off reports whether the bucket limits nothing.
func (r Rate) Off() bool { return r.PerSecond <= 0 || r.Burst <= 0 }

// Bucket names a kind of bucket, e.g. "sign per caller"; each key has one
// bucket of each kind.
type Bucket struct {
	Name string
	Rate Rate
}

// ErrBadConfig is wrapped by New's refusals.
var ErrBadConfig = errors.New("quota: bad configuration")

// Limiter is a set of token buckets keyed by (bucket name, key).
type Limiter struct {
	now     func() time.Time
	maxKeys int

	mu    sync.Mutex
	order *list.List // of *entry, most recently used at the front
	byKey map[entryKey]*list.Element
}

type entryKey struct{ bucket, key string }

type entry struct {
	k      entryKey
	tokens float64
	at     time.Time // when tokens was computed
}

// New returns a Limiter that tracks at most maxKeys (bucket, key) pairs,
// reading the time from now (time.Now when nil).
func New(maxKeys int, now func() time.Time) (*Limiter, error) {
	if maxKeys < 1 {
		return nil, fmt.Errorf("%w: maxKeys %d must be positive", ErrBadConfig, maxKeys)
	}
	if now == nil {
		now = time.Now
	}
	return &Limiter{now: now, maxKeys: maxKeys, order: list.New(), byKey: map[entryKey]*list.Element{}}, nil
}

// Allow takes one token from key's bucket b. When the bucket has less than
// one, nothing is taken and wait is how long until it has one: the
// Retry-After of the refusal.
func (l *Limiter) Allow(b Bucket, key string) (ok bool, wait time.Duration) {
	return l.take(b, key, 1, 1)
}

// Check lets a request through while key's bucket b is not in debt (holds
// more than zero tokens), taking nothing; Charge takes the cost afterwards.
// This is the shape of budgets whose cost is known only once the work is
// done, such as the seconds an Action held a worker.
func (l *Limiter) Check(b Bucket, key string) (ok bool, wait time.Duration) {
	return l.take(b, key, 0, math.SmallestNonzeroFloat64)
}

// Charge takes cost tokens from key's bucket b, into debt if need be; the
// debt is capped at one Burst, so a single long run cannot lock a key out
// for more than two windows.
func (l *Limiter) Charge(b Bucket, key string, cost float64) {
	if b.Rate.Off() || cost <= 0 {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.entry(b, key)
	e.tokens = max(e.tokens-cost, -b.Rate.Burst)
}

// take removes cost tokens if the bucket holds at least need.
func (l *Limiter) take(b Bucket, key string, cost, need float64) (bool, time.Duration) {
	if b.Rate.Off() {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.entry(b, key)
	if e.tokens >= need {
		e.tokens -= cost
		return true, 0
	}
	secs := (need - e.tokens) / b.Rate.PerSecond
	return false, time.Duration(math.Ceil(secs * float64(time.Second)))
}

// entry returns key's bucket b refilled to now, creating it full and
// forgetting the least recently used one past maxKeys. l.mu is held.
func (l *Limiter) entry(b Bucket, key string) *entry {
	now := l.now()
	k := entryKey{b.Name, key}
	if el, ok := l.byKey[k]; ok {
		l.order.MoveToFront(el)
		e := el.Value.(*entry)
		if dt := now.Sub(e.at); dt > 0 {
			e.tokens = min(b.Rate.Burst, e.tokens+dt.Seconds()*b.Rate.PerSecond)
			e.at = now
		}
		return e
	}
	for l.order.Len() >= l.maxKeys {
		old := l.order.Back()
		l.order.Remove(old)
		delete(l.byKey, old.Value.(*entry).k)
	}
	e := &entry{k: k, tokens: b.Rate.Burst, at: now}
	l.byKey[k] = l.order.PushFront(e)
	return e
}

// Len is the number of (bucket, key) pairs tracked.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.order.Len()
}

// RetryAfter is wait as the whole seconds of an HTTP Retry-After header:
// rounded up, at least 1.
func RetryAfter(wait time.Duration) int {
	s := int(math.Ceil(wait.Seconds()))
	return max(s, 1)
}

// Holdings counts what each key holds at once (bound presignatures, running
// Actions) against a cap per key. Only keys that hold something are kept,
// so it is as large as what is held, which other bounds limit.
type Holdings struct {
	max int

	mu sync.Mutex
	n  map[string]int
}

// NewHoldings returns Holdings that let each key hold at most max; max ≤ 0
// lets any key hold any number (the counts are still kept).
func NewHoldings(max int) *Holdings {
	return &Holdings{max: max, n: map[string]int{}}
}

// Max is the cap per key (≤ 0: none).
func (h *Holdings) Max() int { return h.max }

// Acquire counts one more held by key and returns the function that gives
// it back (idempotent), or false if key holds its cap already.
func (h *Holdings) Acquire(key string) (release func(), ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.max > 0 && h.n[key] >= h.max {
		return nil, false
	}
	h.n[key]++
	var once sync.Once
	return func() {
		once.Do(func() {
			h.mu.Lock()
			defer h.mu.Unlock()
			if h.n[key]--; h.n[key] <= 0 {
				delete(h.n, key)
			}
		})
	}, true
}

// Held is what key holds now.
func (h *Holdings) Held(key string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.n[key]
}
