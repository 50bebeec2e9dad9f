package integration

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/node"
)

// copyFile copies src to dst.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// A node's store is restored from a backup made before it bound
// presignatures: the restored store lists them as free. The node must find
// out (its incarnation file is ahead of the store), drop every presignature
// it holds, and lead requests with fresh ones; no presignature ever serves
// two requests, and no request it leads meets a conflict.
func TestRestoredStoreNeverRebinds(t *testing.T) {
	d := startDevnet(t, 4, node.PoolConfig{Low: 20, High: 40, Batch: 20})
	f := newPKPFixtureOn(t, d)
	urls := d.URLs()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	f.signEventually(t, "warm up", func(*client.SignResult) bool { return true })

	db := filepath.Join(d.Dir(), "node1", "node.db")
	if err := d.StopNode(0, true); err != nil {
		t.Fatal(err)
	}
	backup := db + ".backup"
	copyFile(t, db, backup)
	if err := d.StartNode(0); err != nil {
		t.Fatal(err)
	}
	if err := d.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	presigFor := map[string]string{} // presignature → the request an honest node released a share for
	conflicts := 0
	signLedByNode1 := func(round string, count int) {
		for i := 0; i < count; i++ {
			rid := requestLedBy(4, 1)
			body := signBody(f, sha256.Sum256([]byte(fmt.Sprint(round, i))))
			var wg sync.WaitGroup
			for _, u := range urls {
				wg.Add(1)
				go func() {
					defer wg.Done()
					rctx, rcancel := context.WithTimeout(ctx, 15*time.Second)
					defer rcancel()
					status, out, err := rawSign(rctx, u, rid, body)
					mu.Lock()
					defer mu.Unlock()
					if err == nil && status == http.StatusConflict {
						conflicts++
					}
					if err != nil || status != http.StatusOK {
						return
					}
					share, _ := out["signatureShare"].(map[string]any)
					if s, _ := share["signature_share"].(string); s == "" {
						return // a node outside the signer set released nothing
					}
					p, _ := out["presignature"].(string)
					if prev, ok := presigFor[p]; ok && prev != rid {
						t.Errorf("presignature %s served %s and %s", p, prev, rid)
					}
					presigFor[p] = rid
				}()
			}
			wg.Wait()
		}
	}
	signLedByNode1("after the backup ", 15)
	if conflicts > 0 {
		t.Fatalf("%d conflicts before the restore", conflicts)
	}

	// Restore the backup: the store goes back to before those bindings.
	if err := d.StopNode(0, true); err != nil {
		t.Fatal(err)
	}
	copyFile(t, backup, db)
	if err := d.StartNode(0); err != nil {
		t.Fatal(err)
	}
	if err := d.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	logb, err := os.ReadFile(filepath.Join(d.Dir(), "node1", "node.log"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(logb), "treating the store as restored from a backup") {
		t.Fatal("node 1 did not notice its store was restored")
	}
	// Its pool refills with fresh presignatures; then it leads again.
	waitFor(t, "node 1 to refill", time.Minute, func() bool {
		v, _ := metric(t, urls[0], `flint_presignatures{kind="own_free"}`)
		return v >= 5
	})
	signLedByNode1("after the restore ", 15)
	if conflicts > 0 {
		t.Fatalf("%d answers were conflicts: the restored node re-bound presignatures it had used", conflicts)
	}
	if len(presigFor) < 25 {
		t.Fatalf("only %d of 30 requests signed", len(presigFor))
	}
}
