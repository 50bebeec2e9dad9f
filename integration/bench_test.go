package integration

import (
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flint-network/flint/node"
)

// waitPools waits until every node owns at least min free presignatures.
func waitPools(t testing.TB, urls []string, min int) {
	t.Helper()
	deadline := time.Now().Add(3 * time.Minute)
	for _, u := range urls {
		for {
			resp, err := http.Get(u + "/metrics")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			v := 0
			for _, line := range strings.Split(string(b), "\n") {
				fmt.Sscanf(line, `flint_presignatures{kind="own_free"} %d`, &v)
			}
			if v >= min {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: pool at %d, want %d", u, v, min)
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
}

// BenchmarkSign measures end-to-end signing through the Go client on an
// in-process devnet (every node shares this machine's cores): sequential
// latency (p50, p99) and a burst of concurrent requests (signatures/s).
func BenchmarkSign(b *testing.B) {
	for _, n := range benchNodes {
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			// The default pool (refill below 100, up to 300 per node): a
			// burst is served from a full pool, as the target says.
			f := newPKPFixtureOn(b, startDevnet(b, n, node.PoolConfig{Low: 100, High: 300, Batch: 100}))
			ctx := context.Background()
			waitPools(b, f.d.URLs(), 290)
			var lat []time.Duration
			for i := 0; i < 50; i++ {
				start := time.Now()
				if _, err := f.cl.PKPSign(ctx, f.authSig, f.pubkey, sha256.Sum256([]byte(fmt.Sprint("seq", i)))); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(start))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")

			const burst, workers = 200, 16
			var wg sync.WaitGroup
			next := make(chan int, burst)
			for i := 0; i < burst; i++ {
				next <- i
			}
			close(next)
			start := time.Now()
			for w := 0; w < workers; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for i := range next {
						if _, err := f.cl.PKPSign(ctx, f.authSig, f.pubkey, sha256.Sum256([]byte(fmt.Sprint("burst", i)))); err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			b.ReportMetric(burst/time.Since(start).Seconds(), "burst-sig/s")
		})
	}
}

// benchNodes are the network sizes BenchmarkSign measures.
var benchNodes = []int{4, 7}
