package auth

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

func TestCache(t *testing.T) {
	c := NewCache(2)
	s := newSession(t)
	raw := s.raw(t)
	opts := sessionOpts(needPKP)
	id1, err := c.Verify(ctx, raw, opts)
	if err != nil {
		t.Fatal(err)
	}
	id2, err := c.Verify(ctx, raw, opts)
	if err != nil || id2 != id1 {
		t.Fatalf("second Verify not served from the cache: %v", err)
	}
	// Another Need, node or tolerance is a different question.
	action := ResourceAbility{Resource: ActionResource("QmX"), Ability: AbilityActionExecution}
	if id, err := c.Verify(ctx, raw, sessionOpts(action)); err != nil || id == id1 {
		t.Fatalf("other Need: %v", err)
	}
	other := opts
	other.NodeURL = "http://127.0.0.9:7470"
	if _, err := c.Verify(ctx, raw, other); !errors.Is(err, ErrWrongNode) {
		t.Fatalf("other node: %v", err)
	}
	// Expiry still applies to cached results (the session lasts 5 minutes).
	late := opts
	late.Now = t0.Add(10 * time.Minute)
	if _, err := c.Verify(ctx, raw, late); !errors.Is(err, ErrExpired) {
		t.Fatalf("after expiry: %v", err)
	}
	// So does a clock that runs backwards past the original verification.
	early := opts
	early.Now = t0.Add(-time.Hour)
	if _, err := c.Verify(ctx, raw, early); !errors.Is(err, ErrNotYetValid) {
		t.Fatalf("before verification: %v", err)
	}
	// Failures are not cached.
	bad := rewrap(t, raw, func(a *AuthSig) {
		flip := map[byte]string{'0': "1"}[a.Sig[0]]
		if flip == "" {
			flip = "0"
		}
		a.Sig = flip + a.Sig[1:]
	})
	for range 2 {
		if _, err := c.Verify(ctx, bad, opts); !errors.Is(err, ErrBadSignature) {
			t.Fatalf("forged: %v", err)
		}
	}
	// The cache stays within its bound.
	for range 5 {
		if _, err := c.Verify(ctx, newSession(t).raw(t), opts); err != nil {
			t.Fatal(err)
		}
	}
	if len(c.entries) > 2 {
		t.Fatalf("%d entries, max 2", len(c.entries))
	}
}

// countingContract counts EIP-1271 calls.
type countingContract struct{ calls int }

func (c *countingContract) IsValidSignature(context.Context, uint64, common.Address, [32]byte, []byte) (bool, error) {
	c.calls++
	return true, nil
}

func TestCacheSkipsContracts(t *testing.T) {
	w := newWallet(t)
	a := w.authSig(t, w.siwe("https://localhost/", t0.Add(-time.Minute), t0.Add(time.Hour)).String())
	a.DerivedVia = DerivedViaContract
	cc := &countingContract{}
	c := NewCache(10)
	for range 2 {
		o := walletOpts()
		o.Contracts = cc
		if _, err := c.Verify(ctx, mustJSON(t, a), o); err != nil {
			t.Fatal(err)
		}
	}
	if cc.calls != 2 {
		t.Fatalf("%d contract calls for 2 verifications: an EIP-1271 result was cached", cc.calls)
	}
}

func BenchmarkCacheHit(b *testing.B) {
	c := NewCache(100)
	raw := newSession(b).raw(b)
	opts := sessionOpts(needPKP)
	for b.Loop() {
		if _, err := c.Verify(ctx, raw, opts); err != nil {
			b.Fatal(err)
		}
	}
}
