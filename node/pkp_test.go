package node

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// A flood of unknown public keys, many requests per key and all at once,
// costs at most one chain read per key per block; the next block reads
// them again, so a key minted since is found.
func TestUnknownPKPsReadOncePerBlock(t *testing.T) {
	c := newPKPCache()
	var reads sync.Map // token id → *atomic.Int64
	read := func(tk string) func(context.Context) (*pkpKey, error) {
		return func(context.Context) (*pkpKey, error) {
			v, _ := reads.LoadOrStore(tk, new(atomic.Int64))
			v.(*atomic.Int64).Add(1)
			time.Sleep(time.Millisecond) // a chain read takes a while: the requests overlap
			return nil, fmt.Errorf("%w: token %s", ErrUnknownPKP, tk)
		}
	}
	const keys, perKey = 50, 20
	flood := func(block uint64) {
		var wg sync.WaitGroup
		for k := range keys {
			for range perKey {
				wg.Add(1)
				go func() {
					defer wg.Done()
					tk := fmt.Sprint(k)
					if _, err := c.lookup(context.Background(), block, tk, read(tk)); !errors.Is(err, ErrUnknownPKP) {
						t.Errorf("key %s: %v", tk, err)
					}
				}()
			}
		}
		wg.Wait()
	}
	count := func() (total, most int64) {
		reads.Range(func(_, v any) bool {
			n := v.(*atomic.Int64).Load()
			total += n
			most = max(most, n)
			return true
		})
		return
	}
	flood(7)
	if total, most := count(); total != keys || most != 1 {
		t.Fatalf("block 7: %d reads for %d keys, %d for one key", total, keys, most)
	}
	flood(7)
	if total, _ := count(); total != keys {
		t.Fatalf("block 7 again: %d reads", total)
	}
	flood(8)
	if total, most := count(); total != 2*keys || most != 2 {
		t.Fatalf("block 8: %d reads in all, %d for one key", total, most)
	}
}

// What is cached, and what is not: a known key forever, a foreign key for
// the block, a chain failure not at all.
func TestPKPLookupCache(t *testing.T) {
	c := newPKPCache()
	ctx := context.Background()
	var n atomic.Int64
	answer := func(k *pkpKey, err error) func(context.Context) (*pkpKey, error) {
		return func(context.Context) (*pkpKey, error) { n.Add(1); return k, err }
	}
	key := &pkpKey{}
	for range 3 {
		if k, err := c.lookup(ctx, 1, "known", answer(key, nil)); k != key || err != nil {
			t.Fatal(k, err)
		}
	}
	if k, err := c.lookup(ctx, 2, "known", answer(nil, errors.New("never read"))); k != key || err != nil {
		t.Fatal("a known key is read again in a later block:", err)
	}
	failing := &chainFailure{op: "reading PKP 9", err: errors.New("Post \"https://rpc.example/v3/KEY\": EOF")}
	for range 2 {
		if _, err := c.lookup(ctx, 1, "chain down", answer(nil, failing)); !errors.Is(err, failing) {
			t.Fatal(err)
		}
	}
	for range 2 {
		if _, err := c.lookup(ctx, 1, "foreign", answer(nil, ErrForeignPKP)); !errors.Is(err, ErrForeignPKP) {
			t.Fatal(err)
		}
	}
	if got := n.Load(); got != 1+2+1 {
		t.Fatalf("%d reads, want 4 (the known key once, the failure each time, the foreign key once)", got)
	}

	// A caller that goes away does not fail the others waiting for the
	// same read.
	release := make(chan struct{})
	slow := func(ctx context.Context) (*pkpKey, error) {
		<-release
		return key, ctx.Err()
	}
	gone, cancel := context.WithCancel(ctx)
	first := make(chan error)
	go func() { _, err := c.lookup(gone, 3, "slow", slow); first <- err }()
	second := make(chan error)
	go func() {
		time.Sleep(10 * time.Millisecond)
		_, err := c.lookup(ctx, 3, "slow", slow)
		second <- err
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	if err := <-first; !errors.Is(err, context.Canceled) {
		t.Fatalf("the caller that left: %v", err)
	}
	close(release)
	if err := <-second; err != nil {
		t.Fatalf("the caller that stayed: %v", err)
	}
}

func TestUnknownPKPsBounded(t *testing.T) {
	c := newPKPCache()
	// One span for the whole loop, which under the race detector outlasts
	// permMaxAge: the bound, not the expiry, is under test.
	c.at(1)
	c.span.since = time.Now().Add(time.Hour)
	for i := range maxUnknownPKPs + 10 {
		c.lookup(context.Background(), 1, fmt.Sprint(i), func(context.Context) (*pkpKey, error) { return nil, ErrUnknownPKP })
	}
	if len(c.unknown) != maxUnknownPKPs {
		t.Fatalf("%d unknown keys kept, bound %d", len(c.unknown), maxUnknownPKPs)
	}
}

// A node whose chain head stops moving (a stuck or lying RPC) must not keep
// honouring answers it read long ago: a revoked grant would live for ever.
// Answers live for one block and at most permMaxAge.
func TestPermAnswersExpireOnStuckHead(t *testing.T) {
	var s blockSpan
	t0 := time.Unix(1_700_000_000, 0)
	if !s.at(5, t0) {
		t.Fatal("first use kept answers")
	}
	if s.at(5, t0.Add(permMaxAge)) {
		t.Fatal("answers dropped within permMaxAge on the same block")
	}
	if !s.at(5, t0.Add(permMaxAge+time.Millisecond)) {
		t.Fatal("answers kept past permMaxAge on a stuck head")
	}
	if !s.at(6, t0.Add(permMaxAge+2*time.Millisecond)) {
		t.Fatal("answers kept across a new block")
	}

	// Through the cache: an unknown key is read once per span, and again
	// once the span is older than permMaxAge though the block is the same.
	c := newPKPCache()
	reads := 0
	read := func(context.Context) (*pkpKey, error) {
		reads++
		return nil, fmt.Errorf("%w: token 1", ErrUnknownPKP)
	}
	for range 3 {
		if _, err := c.lookup(context.Background(), 9, "1", read); !errors.Is(err, ErrUnknownPKP) {
			t.Fatal(err)
		}
	}
	if reads != 1 {
		t.Fatalf("%d reads within one span", reads)
	}
	c.mu.Lock()
	c.span.since = c.span.since.Add(-permMaxAge - time.Second) // the head has been stuck a while
	c.mu.Unlock()
	if _, err := c.lookup(context.Background(), 9, "1", read); !errors.Is(err, ErrUnknownPKP) {
		t.Fatal(err)
	}
	if reads != 2 {
		t.Fatalf("stale answer served on a stuck head (%d reads)", reads)
	}
}
