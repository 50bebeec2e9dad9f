// Package integration holds the tests that show Flint's capabilities working
// for real: a go-ethereum dev chain serving JSON-RPC, the Solidity contracts,
// and nodes talking over real sockets on 127.0.0.x with real stores on disk.
package integration

import (
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/netip"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/node"
)

func TestMain(m *testing.M) {
	actions.ServeWorkerIfChild()
	serveAdversaryNodeIfChild()
	code := m.Run()
	closeShared()
	closeAuthDevnet()
	os.Exit(code)
}

// shared is the package's shared devnet: four nodes with the default pool,
// started by the first test that asks (sharedDevnet) and closed when the
// package's tests end. Starting a devnet costs seconds of DKG and
// presignatures, so tests that only need a working network, each with its
// own PKP, share one; tests that stop nodes, configure them or count
// metrics start their own.
var shared struct {
	once sync.Once
	d    *devnet.Devnet
	dir  string
	err  error
}

// sharedDevnet returns the shared devnet, starting it on first use. A
// test that fails gets the nodes' log tails.
func sharedDevnet(t testing.TB) *devnet.Devnet {
	t.Helper()
	shared.once.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		if shared.dir, shared.err = os.MkdirTemp("", "flint-shared-devnet-"); shared.err != nil {
			return
		}
		start := time.Now()
		shared.d, shared.err = devnet.Start(ctx, testDevnetConfig(shared.dir, devnet.Config{Nodes: 4, Pool: node.PoolConfig{Low: 20, High: 40, Batch: 20}}))
		if shared.err == nil {
			shared.err = shared.d.WaitReady(ctx)
		}
		t.Logf("shared 4-node devnet ready in %v", time.Since(start).Round(time.Millisecond))
	})
	if shared.err != nil {
		t.Fatalf("shared devnet: %v", shared.err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			dumpLogs(t, shared.d)
		}
	})
	return shared.d
}

func closeShared() {
	if shared.d != nil {
		shared.d.Close()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
}

// startDevnet runs a devnet of n in-process nodes on a random 127.x.y.2
// range and port, and waits for genesis.
func startDevnet(t testing.TB, n int, pool node.PoolConfig) *devnet.Devnet {
	t.Helper()
	return startDevnetWith(t, n, pool, nil)
}

// startDevnetWith is startDevnet with the nodes' Actions settings.
func startDevnetWith(t testing.TB, n int, pool node.PoolConfig, acts *node.ActionsConfig) *devnet.Devnet {
	t.Helper()
	return startDevnetConfig(t, devnet.Config{Nodes: n, Pool: pool, Actions: acts})
}

// startDevnetConfig runs a devnet of cfg on a random 127.x.y.2 range (and a
// random port unless cfg names one), with a temporary directory, an
// in-process chain and 3 s rounds, and waits for genesis. The nodes log at
// debug level unless cfg names another level than info.
func startDevnetConfig(t testing.TB, cfg devnet.Config) *devnet.Devnet {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	d, err := devnet.Start(ctx, testDevnetConfig(t.TempDir(), cfg))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		d.Close()
		if t.Failed() {
			dumpLogs(t, d)
		}
	})
	start := time.Now()
	if err := d.WaitReady(ctx); err != nil {
		t.Fatalf("devnet not ready: %v", err)
	}
	t.Logf("%d-node devnet ready in %v", len(d.URLs()), time.Since(start).Round(time.Millisecond))
	return d
}

// testDevnetConfig completes cfg for a test devnet in dir.
func testDevnetConfig(dir string, cfg devnet.Config) devnet.Config {
	cfg.Dir = dir
	cfg.FirstIP = netip.AddrFrom4([4]byte{127, byte(1 + rand.IntN(250)), byte(rand.IntN(250)), 2})
	if cfg.APIPort == 0 {
		cfg.APIPort = uint16(20000 + rand.IntN(30000))
	}
	cfg.ChainRPC = "127.0.0.1:0"
	cfg.Round = 3 * time.Second
	if cfg.NodeLogLevel == 0 { // Info: the tests read the nodes' debug lines
		cfg.NodeLogLevel = slog.LevelDebug
	}
	return cfg
}

func dumpLogs(t testing.TB, d *devnet.Devnet) {
	for i := 1; i <= len(d.URLs()); i++ {
		b, err := os.ReadFile(fmt.Sprintf("%s/node%d/node.log", d.Dir(), i))
		if err != nil {
			continue
		}
		if len(b) > 6000 {
			b = b[len(b)-6000:]
		}
		t.Logf("--- node %d log (tail)\n%s", i, b)
	}
}
