package node

import (
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/node/epochs"
)

// reshareLeadDelay defaults to the coordinator's 5 s and is bounded to
// (0, 1 min]; a refusal names the key.
func TestReshareLeadDelayConfig(t *testing.T) {
	c := validConfig(t)
	if time.Duration(c.ReshareLeadDelay) != epochs.DefaultConfig().LeadDelay {
		t.Fatalf("default %s", time.Duration(c.ReshareLeadDelay))
	}
	for _, d := range []struct {
		delay time.Duration
		ok    bool
	}{{time.Millisecond, true}, {time.Second, true}, {maxReshareLeadDelay, true}, {-time.Second, false}, {maxReshareLeadDelay + 1, false}} {
		c := validConfig(t)
		c.ReshareLeadDelay = Duration(d.delay)
		_, err := c.validate()
		if d.ok != (err == nil) || (err != nil && !strings.Contains(err.Error(), "reshareLeadDelay")) {
			t.Errorf("reshareLeadDelay %s: %v", d.delay, err)
		}
	}
}
