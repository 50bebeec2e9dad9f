package integration

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/flint-network/flint/node"
)

// badReshareEnv, set in a child's environment, makes this test binary run
// `flint node` with Adversary.BadReshareShareTo set to its value: a corrupt
// node in a network namespace of its own (devnet/hosts runs only processes
// there, and the flint binary has no way to make a node corrupt).
const badReshareEnv = "FLINT_TEST_BAD_RESHARE_TO"

// adversaryNodeArgs is what goes before a node's command line (`flint node
// --config …`) to run it as a corrupt node dealing bad resharing shares to
// node to.
func adversaryNodeArgs(to uint32) []string {
	self, err := os.Executable()
	if err != nil {
		panic(err)
	}
	return []string{"env", fmt.Sprintf("%s=%d", badReshareEnv, to), self}
}

// serveAdversaryNodeIfChild runs the node and exits when this process is
// such a child; it returns at once otherwise. Its arguments are the flint
// binary's: FLINT node --config PATH --log-level L --exit-with-parent.
func serveAdversaryNodeIfChild() {
	spec := os.Getenv(badReshareEnv)
	if spec == "" {
		return
	}
	to, err := strconv.ParseUint(spec, 10, 32)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s=%q: %v\n", badReshareEnv, spec, err)
		os.Exit(2)
	}
	var path, level string
	for i, a := range os.Args {
		if i+1 < len(os.Args) {
			switch a {
			case "--config":
				path = os.Args[i+1]
			case "--log-level":
				level = os.Args[i+1]
			}
		}
	}
	cfg, err := node.LoadConfig(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cfg.Adversary = &node.Adversary{BadReshareShareTo: uint32(to)}
	var lv slog.Level
	lv.UnmarshalText([]byte(level))
	// Text lines, as the flint binary writes them, so the tests read every
	// node's log alike.
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: lv}))
	n, err := node.New(cfg, log)
	if err != nil {
		log.Error("corrupt node", "err", err)
		os.Exit(1)
	}
	log.Info("corrupt test node starting", "badReshareShareTo", to)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	ctx, cancel := context.WithCancel(ctx)
	parent := os.Getppid()
	go func() {
		// The test process may die without stopping it (as --exit-with-parent).
		for range time.Tick(500 * time.Millisecond) {
			if os.Getppid() != parent {
				cancel()
				return
			}
		}
	}()
	if err := n.Run(ctx); err != nil {
		log.Error("corrupt node failed", "err", err)
		os.Exit(1)
	}
	os.Exit(0)
}
