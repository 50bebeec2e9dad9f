package quota

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock                   { return &clock{t: time.Unix(1_700_000_000, 0)} }
func mustNew(t *testing.T, n int, c *clock) *Limiter {
	t.Helper()
	l, err := New(n, c.now)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// A bucket passes its burst at once, then one token per 1/rate, and the
// refusal's wait is exactly the time until the next token.
func TestAllowBucketMath(t *testing.T) {
	c := newClock()
	l := mustNew(t, 10, c)
	b := Bucket{Name: "sign/caller", Rate: Rate{PerSecond: 2, Burst: 3}}
	for i := range 3 {
		if ok, _ := l.Allow(b, "a"); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	ok, wait := l.Allow(b, "a")
	if ok || wait != 500*time.Millisecond {
		t.Fatalf("4th: ok=%v wait=%v, want refused with 500ms", ok, wait)
	}
	c.advance(250 * time.Millisecond)
	if ok, wait = l.Allow(b, "a"); ok || wait != 250*time.Millisecond {
		t.Fatalf("after 250ms: ok=%v wait=%v, want refused with 250ms", ok, wait)
	}
	c.advance(250 * time.Millisecond)
	if ok, _ = l.Allow(b, "a"); !ok {
		t.Fatal("refused after the wait it was told")
	}
	// Another key, and another bucket of the same key, are untouched.
	if ok, _ = l.Allow(b, "b"); !ok {
		t.Fatal("key b refused for a's use")
	}
	if ok, _ = l.Allow(Bucket{Name: "sign/pkp", Rate: b.Rate}, "a"); !ok {
		t.Fatal("another bucket of key a refused")
	}
	// A long idle refills to the burst, no more.
	c.advance(time.Hour)
	n := 0
	for ok, _ := l.Allow(b, "a"); ok; ok, _ = l.Allow(b, "a") {
		n++
	}
	if n != 3 {
		t.Fatalf("after an hour %d passed, want the burst of 3", n)
	}
}

// Over a long run a flooding key gets rate × time + burst, whatever it sends.
func TestAllowLongRunRate(t *testing.T) {
	c := newClock()
	l := mustNew(t, 10, c)
	b := Bucket{Name: "x", Rate: Rate{PerSecond: 10, Burst: 5}}
	passed := 0
	for range 10_000 { // 10 s of a request per millisecond
		if ok, _ := l.Allow(b, "k"); ok {
			passed++
		}
		c.advance(time.Millisecond)
	}
	if passed < 104 || passed > 105 {
		t.Fatalf("%d passed in 10 s at 10/s with a burst of 5, want 105", passed)
	}
}

func TestOffBucketPassesAll(t *testing.T) {
	l := mustNew(t, 1, newClock())
	for _, r := range []Rate{{}, {PerSecond: 1}, {Burst: 1}} {
		for range 100 {
			if ok, _ := l.Allow(Bucket{Name: "off", Rate: r}, "k"); !ok {
				t.Fatalf("rate %+v limited", r)
			}
		}
	}
	if l.Len() != 0 {
		t.Fatalf("an off bucket was tracked: %d keys", l.Len())
	}
}

// The limiter keeps at most maxKeys and forgets the least recently used:
// a flooding key that stays recent keeps its empty bucket however many
// other keys come.
func TestEviction(t *testing.T) {
	c := newClock()
	l := mustNew(t, 3, c)
	b := Bucket{Name: "x", Rate: Rate{PerSecond: 1, Burst: 1}}
	l.Allow(b, "flood") // empties it
	for i := range 100 {
		l.Allow(b, fmt.Sprint("k", i))
		if ok, _ := l.Allow(b, "flood"); ok {
			t.Fatalf("flooding key's bucket was forgotten after %d other keys", i+1)
		}
		if l.Len() > 3 {
			t.Fatalf("%d keys tracked, bound 3", l.Len())
		}
	}
	// A key not used for a while is the one forgotten: it starts full again.
	l.Allow(b, "idle")
	l.Allow(b, "a")
	l.Allow(b, "b")
	l.Allow(b, "c") // evicts "idle"
	if ok, _ := l.Allow(b, "idle"); !ok {
		t.Fatal("evicted key did not start with a full bucket")
	}
	if _, err := New(0, nil); err == nil {
		t.Fatal("New accepted maxKeys 0")
	}
}

// Check/Charge: a budget paid afterwards lets a request in while not in
// debt, and refuses it for as long as the debt takes to refill.
func TestCheckCharge(t *testing.T) {
	c := newClock()
	l := mustNew(t, 10, c)
	b := Bucket{Name: "cpu", Rate: Rate{PerSecond: 0.5, Burst: 30}} // 30 s per minute
	if ok, _ := l.Check(b, "a"); !ok {
		t.Fatal("fresh budget refused")
	}
	l.Charge(b, "a", 30) // one 30 s run: the budget is spent
	ok, wait := l.Check(b, "a")
	if ok || wait > time.Millisecond {
		t.Fatalf("spent budget: ok=%v wait=%v, want refused with ~0 wait", ok, wait)
	}
	l.Charge(b, "a", 100) // debt capped at one burst
	if ok, wait = l.Check(b, "a"); ok || wait < 59*time.Second || wait > 61*time.Second {
		t.Fatalf("in debt of one burst: ok=%v wait=%v, want refused with ~60s", ok, wait)
	}
	c.advance(61 * time.Second)
	if ok, _ = l.Check(b, "a"); !ok {
		t.Fatal("refused after the debt refilled")
	}
	if ok, _ = l.Check(b, "other"); !ok {
		t.Fatal("another key refused for a's debt")
	}
}

func TestRetryAfter(t *testing.T) {
	for _, c := range []struct {
		wait time.Duration
		want int
	}{{0, 1}, {time.Millisecond, 1}, {time.Second, 1}, {1001 * time.Millisecond, 2}, {59500 * time.Millisecond, 60}} {
		if got := RetryAfter(c.wait); got != c.want {
			t.Errorf("RetryAfter(%v) = %d, want %d", c.wait, got, c.want)
		}
	}
}

func TestHoldings(t *testing.T) {
	h := NewHoldings(2)
	r1, ok1 := h.Acquire("a")
	r2, ok2 := h.Acquire("a")
	_, ok3 := h.Acquire("a")
	if !ok1 || !ok2 || ok3 {
		t.Fatalf("acquires %v %v %v, want true true false", ok1, ok2, ok3)
	}
	if _, ok := h.Acquire("b"); !ok {
		t.Fatal("key b refused for a's holdings")
	}
	r1()
	r1() // idempotent
	if h.Held("a") != 1 {
		t.Fatalf("held %d after one release (twice), want 1", h.Held("a"))
	}
	if _, ok := h.Acquire("a"); !ok {
		t.Fatal("refused after a release")
	}
	r2()
	if len(h.n) != 2 { // "a" (1) and "b" (1)
		t.Fatalf("%d keys kept, want 2", len(h.n))
	}
}

func TestConcurrentUse(t *testing.T) {
	l, err := New(8, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := NewHoldings(3)
	b := Bucket{Name: "x", Rate: Rate{PerSecond: 1e-9, Burst: 50}}
	var wg sync.WaitGroup
	var mu sync.Mutex
	passed := 0
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 100 {
				if ok, _ := l.Allow(b, "shared"); ok {
					mu.Lock()
					passed++
					mu.Unlock()
				}
				if rel, ok := h.Acquire(fmt.Sprint(g % 2)); ok {
					rel()
				}
			}
		}()
	}
	wg.Wait()
	if passed != 50 {
		t.Fatalf("%d passed a bucket of 50 that does not refill, want 50", passed)
	}
	if h.Held("0")+h.Held("1") != 0 {
		t.Fatal("holdings left after every release")
	}
}
