package devnet

import (
	"os"
	"path/filepath"
	"strconv"
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

// A node added after epoch changes gets a fresh number and directory: not
// len(nodes)+1, which after a removal is a running node's, nor a removed
// node's directory, whose identity the registry has seen leave.
func TestDevnetNextIndex(t *testing.T) {
	for _, c := range []struct {
		running []int // the devnet's nodes
		dirs    int   // DIR/node1 .. DIR/node<dirs> exist
		want    int
	}{
		{[]int{1, 2, 3, 4}, 4, 5},
		{[]int{1, 3, 4, 5}, 5, 6}, // node 2 removed, 5 joined: len+1 would be node 5 again
		{[]int{1, 2, 3, 4}, 5, 6}, // node 5 removed: its directory stays
		{[]int{2, 3, 4, 5}, 5, 6},
	} {
		d := &Devnet{cfg: Config{Dir: t.TempDir()}}
		for n := 1; n <= c.dirs; n++ {
			nd := filepath.Join(d.cfg.Dir, "node"+strconv.Itoa(n))
			if err := os.MkdirAll(nd, 0o700); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(nd, "config.json"), []byte("{}"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		for _, n := range c.running {
			d.nodes = append(d.nodes, &member{index: n})
		}
		if got := d.nextIndex(); got != c.want {
			t.Errorf("nodes %v, directories 1..%d: next %d, want %d", c.running, c.dirs, got, c.want)
		}
	}
}
