package node

import (
	"strings"
	"testing"
	"time"
)

// Whoever mints takes a key from the pool, and the node pays the gas to
// refill it: the refill is bounded by keyPool, a burst and then the
// sustained rate, so a minting flood cannot spend the node's ether faster.
func TestKeyPoolRefillRateLimited(t *testing.T) {
	lim := newKeyPoolLimiter(KeyPoolConfig{KeysPerHour: 360, Burst: 40}) // a key every 10 s
	now := time.Now()
	got := 0
	for i := range 10 { // ten refills in the same instant
		k := keyPoolAllowance(lim, now.Add(time.Duration(i)*time.Millisecond))
		if k > keyPoolBatch {
			t.Fatalf("refill of %d keys, batch is %d", k, keyPoolBatch)
		}
		got += k
	}
	if got != 40 {
		t.Fatalf("burst allowed %d keys, want 40", got)
	}
	if k := keyPoolAllowance(lim, now.Add(5*time.Second)); k != 0 {
		t.Fatalf("%d keys 5 s after the burst at 360/h", k)
	}
	if k := keyPoolAllowance(lim, now.Add(31*time.Second)); k != 3 {
		t.Fatalf("%d keys 31 s after the burst at 360/h, want 3", k)
	}
	// An hour of refills at most the burst plus the rate.
	total := 0
	for s := 32; s <= 3600; s += 2 {
		total += keyPoolAllowance(lim, now.Add(time.Duration(s)*time.Second))
	}
	if total > 360 || total < 350 {
		t.Fatalf("an hour refilled %d keys, want about 360", total)
	}
}

func TestKeyPoolConfig(t *testing.T) {
	c := &Config{}
	c.withDefaults()
	if c.KeyPool.KeysPerHour != 960 || c.KeyPool.Burst != 64 {
		t.Fatalf("defaults %+v", c.KeyPool)
	}
	for _, name := range []string{"keyPool.keysPerHour", "keyPool.burst"} {
		c := validConfig(t)
		if name == "keyPool.burst" {
			c.KeyPool.Burst = -1
		} else {
			c.KeyPool.KeysPerHour = -1
		}
		if _, err := c.validate(); err == nil || !strings.Contains(err.Error(), name) {
			t.Fatalf("negative %s: %v", name, err)
		}
	}
}
