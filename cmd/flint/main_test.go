package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/node"
)

// The test binary doubles as the flint binary: with FLINT_TEST_MAIN set it runs main with the given
// arguments, so the tests drive a real separate process.
func TestMain(m *testing.M) {
	actions.ServeWorkerIfChild()
	if os.Getenv("FLINT_TEST_MAIN") == "1" {
		os.Args = append(os.Args[:1], os.Args[2:]...) // drop -test.run
		main()
		os.Exit(0)
	}
	code := m.Run()
	if shared.d != nil {
		shared.d.Close()
	}
	if shared.dir != "" {
		os.RemoveAll(shared.dir)
	}
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

func flintCmd(t *testing.T, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^$"}, args...)...)
	cmd.Env = append(os.Environ(), "FLINT_TEST_MAIN=1")
	return cmd
}

// run executes flint's root command in this process, as a user's command line would.
func run(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	root := newRootCmd()
	var out, errb bytes.Buffer
	root.SetOut(&out)
	root.SetErr(&errb)
	root.SetArgs(args)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	err = root.ExecuteContext(ctx)
	return out.String(), errb.String(), err
}

// mustRun runs a command that must succeed.
func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, err := run(t, args...)
	if err != nil {
		t.Fatalf("flint %s: %v\nstderr:\n%s", strings.Join(args, " "), err, errOut)
	}
	return out
}

// randomLoopback picks a 127.x.y.2 range and a port, so tests do not collide with a devnet a
// developer runs, or with each other.
func randomLoopback() (netip.Addr, uint16) {
	return netip.AddrFrom4([4]byte{127, byte(1 + rand.IntN(250)), byte(rand.IntN(250)), 2}), uint16(20000 + rand.IntN(30000))
}

// shared is one in-process devnet for the tests that only use a running network.
var shared struct {
	once sync.Once
	dir  string
	d    *devnet.Devnet
	err  error
}

func sharedDevnet(t testing.TB) *devnet.Devnet {
	t.Helper()
	shared.once.Do(func() {
		dir, err := os.MkdirTemp("", "flint-cli-devnet")
		if err != nil {
			shared.err = err
			return
		}
		shared.dir = dir
		first, port := randomLoopback()
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		d, err := devnet.Start(ctx, devnet.Config{
			Dir: dir, Nodes: 4, FirstIP: first, APIPort: port, ChainRPC: "127.0.0.1:0",
			// A long round deadline: on a loaded machine a presignature batch whose last round
			// expires at one node leaves the nodes disagreeing on its holders (a node bug: the
			// leader's bindings are then refused).
			Pool: node.PoolConfig{Low: 20, High: 40, Batch: 20}, Round: 10 * time.Second, NodeLogLevel: slog.LevelDebug,
		})
		if err != nil {
			shared.err = err
			return
		}
		shared.d = d
		if shared.err = d.WaitReady(ctx); shared.err != nil {
			return
		}
		// As flint devnet does before its ready line: peers reached and presignatures in stock.
		hc := &http.Client{Timeout: 2 * time.Second}
		for {
			if m, s := serving(ctx, hc, d.URLs(), d.Network.Quorum); m == len(d.URLs()) && s == m {
				return
			}
			select {
			case <-ctx.Done():
				shared.err = fmt.Errorf("nodes not serving: %w", ctx.Err())
				return
			case <-time.After(200 * time.Millisecond):
			}
		}
	})
	if shared.err != nil {
		t.Fatalf("devnet: %v", shared.err)
	}
	t.Cleanup(func() {
		if t.Failed() {
			dumpLogs(t, shared.d.Dir(), len(shared.d.URLs()))
		}
	})
	return shared.d
}

func dumpLogs(t testing.TB, dir string, n int) {
	for i := 1; i <= n; i++ {
		b, err := os.ReadFile(fmt.Sprintf("%s/node%d/node.log", dir, i))
		if err != nil {
			continue
		}
		if len(b) > 4000 {
			b = b[len(b)-4000:]
		}
		t.Logf("--- node %d log (tail)\n%s", i, b)
	}
}

// verifySig checks a signature with decred's verifier and go-ethereum's Ecrecover, which must give
// the PKP's key and address.
func verifySig(t *testing.T, hash, sig65, pubkey []byte) {
	t.Helper()
	if len(hash) != 32 || len(sig65) != 65 {
		t.Fatalf("hash %d bytes, signature %d bytes", len(hash), len(sig65))
	}
	pk, err := secp256k1.ParsePubKey(pubkey)
	if err != nil {
		t.Fatal(err)
	}
	var r, s secp256k1.ModNScalar
	if r.SetByteSlice(sig65[:32]) || s.SetByteSlice(sig65[32:64]) {
		t.Fatal("r or s overflows the group order")
	}
	if !ecdsa.NewSignature(&r, &s).Verify(hash, pk) {
		t.Fatal("decred rejects the signature")
	}
	v := sig65[64]
	if v != 27 && v != 28 {
		t.Fatalf("v = %d, want 27 or 28", v)
	}
	raw := append(append([]byte{}, sig65[:64]...), v-27)
	rec, err := crypto.Ecrecover(hash, raw)
	if err != nil || !bytes.Equal(rec, pubkey) {
		t.Fatalf("Ecrecover gives %x, %v; want %x", rec, err, pubkey)
	}
	if chain.EthAddress(rec) != chain.EthAddress(pubkey) {
		t.Fatal("recovered address is not the PKP's")
	}
}
