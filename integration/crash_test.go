package integration

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/node"
	"github.com/flint-network/flint/node/usage"
)

// buildFlint builds the flint binary once per test run.
var buildFlint = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "flint-bin")
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "flint")
	out, err := exec.Command("go", "build", "-o", bin, "github.com/flint-network/flint/cmd/flint").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// A node process killed with SIGKILL while requests flow, then restarted:
// it comes back with its keys, and no presignature ever serves two
// requests, as any node reports it.
func TestKillNodeDuringSigning(t *testing.T) {
	t.Parallel() // its own flint processes; most of its time is waiting for a kill and a restart
	bin, err := buildFlint()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	d, err := devnet.Start(ctx, devnet.Config{
		Dir:          t.TempDir(),
		Nodes:        4,
		FirstIP:      netip.AddrFrom4([4]byte{127, byte(1 + rand.IntN(250)), byte(rand.IntN(250)), 2}),
		APIPort:      uint16(20000 + rand.IntN(30000)),
		ChainRPC:     "127.0.0.1:0",
		Exec:         []string{bin, "node"},
		Pool:         node.PoolConfig{Low: 30, High: 60, Batch: 30},
		NodeLogLevel: slog.LevelInfo,
	})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	f := newPKPFixtureOn(t, d)

	var mu sync.Mutex
	presigFor := map[string]string{} // presignature → request id
	killed := d.URLs()[1]
	answeredByKilled := map[string]string{} // request id → digest, of node 1's answers
	signed := 0
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				rid := client.NewRequestID()
				hash := sha256.Sum256([]byte(fmt.Sprint(w, "/", i)))
				body := signBody(f, hash)
				var rwg sync.WaitGroup
				for _, u := range d.URLs() {
					rwg.Add(1)
					go func(u string) {
						defer rwg.Done()
						rctx, rcancel := context.WithTimeout(ctx, 10*time.Second)
						defer rcancel()
						status, out, err := rawSign(rctx, u, rid, body)
						if err != nil || status != http.StatusOK {
							return // the killed node, or a request the crash cut short
						}
						p, _ := out["presignature"].(string)
						mu.Lock()
						defer mu.Unlock()
						if prev, ok := presigFor[p]; ok && prev != rid {
							t.Errorf("presignature %s served %s and %s", p, prev, rid)
						}
						presigFor[p] = rid
						signed++
						if u == killed {
							answeredByKilled[rid] = hex.EncodeToString(hash[:])
						}
					}(u)
				}
				rwg.Wait()
			}
		}(w)
	}
	time.Sleep(2 * time.Second)
	if err := d.StopNode(1, false); err != nil { // SIGKILL
		t.Fatal(err)
	}
	time.Sleep(2 * time.Second)
	if err := d.StartNode(1); err != nil {
		t.Fatal(err)
	}
	if err := d.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * time.Second)
	close(stop)
	wg.Wait()
	if signed == 0 {
		t.Fatal("nothing signed")
	}
	// The restarted node signs again, and the signature verifies.
	// The restarted node signs again (the client stops at the first quorum,
	// so look for it across a few signatures).
	f.signEventually(t, "after the crash", func(r *client.SignResult) bool { return slices.Contains(r.Signers, d.URLs()[1]) })
	t.Logf("%d answers, %d presignatures, none reused", signed, len(presigFor))

	// A request answered is a request recorded: every answer node 1 gave,
	// before SIGKILL and after, is in its usage log, as signed.
	recorded := map[string]string{}
	st, err := usage.Read(node.UsageDir(filepath.Join(d.Dir(), "node2")), usage.Filter{}, func(r *usage.Record) bool {
		if r.Outcome == usage.OutcomeOK {
			recorded[r.ID] = r.Digest
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	for rid, digest := range answeredByKilled {
		if recorded[rid] != digest {
			t.Errorf("node 1 answered %s (digest %s) but its usage log has %q", rid, digest, recorded[rid])
		}
	}
	t.Logf("node 1: %d answers, %d usage records ok, %d lines skipped", len(answeredByKilled), len(recorded), st.Skipped)
}
