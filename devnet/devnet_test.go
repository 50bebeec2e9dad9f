package devnet

import (
	"strings"
	"testing"
)

// The attack: a "threshold" devnet of 2 or 3 nodes. n >= 3t+1 gives them
// t = 0, so any one node could sign alone; such a network is refused, while
// one node (plainly a single-node network) and 4 or more are not.
func TestDevnetNodeCount(t *testing.T) {
	for _, c := range []struct {
		nodes, want int
		err         string
	}{
		{0, 4, ""}, {1, 1, ""}, {4, 4, ""}, {7, 7, ""}, {MaxNodes, MaxNodes, ""},
		{2, 0, "devnet: 2 nodes: with 2 or 3 nodes t = 0"},
		{3, 0, "any single node could sign alone"},
		{-1, 0, "want 1, or 4 to 200"},
		{MaxNodes + 1, 0, "want 1, or 4 to 200"},
	} {
		cfg := Config{Dir: t.TempDir(), Nodes: c.nodes}
		err := cfg.defaults()
		switch {
		case c.err == "" && (err != nil || cfg.Nodes != c.want):
			t.Errorf("%d nodes: %v, %d nodes; want %d", c.nodes, err, cfg.Nodes, c.want)
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%d nodes: error %v, want one saying %q", c.nodes, err, c.err)
		}
	}
}

// Wrap prefixes node processes' command lines; nodes in this process
// cannot be wrapped, and saying so beats ignoring it.
func TestDevnetWrapNeedsExec(t *testing.T) {
	wrap := func(int) []string { return []string{"ip", "netns", "exec", "x"} }
	cfg := Config{Dir: t.TempDir(), Wrap: wrap}
	if err := cfg.defaults(); err == nil || !strings.Contains(err.Error(), "Wrap needs Exec") {
		t.Fatalf("Wrap without Exec: %v", err)
	}
	cfg = Config{Dir: t.TempDir(), Wrap: wrap, Exec: []string{"flint", "node"}}
	if err := cfg.defaults(); err != nil {
		t.Fatal(err)
	}
}
