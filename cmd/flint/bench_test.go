package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/client"
)

func TestBenchSign(t *testing.T) {
	d := sharedDevnet(t)
	m := mint(t, d.NetworkFile())
	var r benchResult
	decodeJSON(t, mustRun(t, "bench", "sign", "--network", d.NetworkFile(), "--pubkey", m.PublicKey,
		"--concurrency", "2", "--count", "20", "--json"), &r)
	l := r.LatencyMs
	if r.OK != 20 || r.Failed != 0 || len(r.Errors) != 0 || r.Concurrency != 2 || r.Nodes != 4 || r.Quorum != 3 || r.PublicKey != m.PublicKey {
		t.Fatalf("result %+v", r)
	}
	if math.Abs(r.OpsPerSecond-float64(r.OK)/r.Seconds) > 1e-6 || r.Seconds <= 0 {
		t.Fatalf("%d signatures in %.3fs is not %.1f/s", r.OK, r.Seconds, r.OpsPerSecond)
	}
	if !(0 < l.P50 && l.P50 <= l.P90 && l.P90 <= l.P99 && l.P99 <= l.Max) || l.Mean <= 0 {
		t.Fatalf("latency %+v", l)
	}
	// In-process nodes share one process, whose CPU every node reports.
	if len(r.NodeCPU) != 4 || r.NodeCPU[0].CPUSeconds <= 0 || r.PresignaturesBefore < 0 || r.ClientCPUMs <= 0 {
		t.Fatalf("node figures %+v, client %v ms, presignatures %d", r.NodeCPU, r.ClientCPUMs, r.PresignaturesBefore)
	}

	// A run bounded by --duration, in text.
	out := mustRun(t, "bench", "sign", "--network", d.NetworkFile(), "--pubkey", m.PublicKey, "--concurrency", "3", "--duration", "300ms")
	if !strings.Contains(out, "concurrency 3") || !strings.Contains(out, " ok, 0 failed") || !strings.Contains(out, "p99") {
		t.Fatalf("bench text:\n%s", out)
	}
	var secs float64
	if _, err := fmt.Sscanf(out[strings.Index(out, "concurrency 3, ")+len("concurrency 3, "):], "%fs", &secs); err != nil || secs < 0.3 || secs > 30 {
		t.Fatalf("ran %vs (%v) for --duration 300ms:\n%s", secs, err, out)
	}
}

func TestSummarize(t *testing.T) {
	var lat []time.Duration
	for i := 100; i >= 1; i-- {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	s := summarize(lat)
	if s.P50 != 50 || s.P90 != 90 || s.P99 != 99 || s.Max != 100 || s.Mean != 50.5 {
		t.Fatalf("%+v", s)
	}
	if s := summarize([]time.Duration{3 * time.Millisecond}); s.P50 != 3 || s.P99 != 3 {
		t.Fatalf("one sample: %+v", s)
	}
	if s := summarize(nil); s != (latencySummary{}) {
		t.Fatalf("no samples: %+v", s)
	}
}

func TestErrorCode(t *testing.T) {
	for _, c := range []struct {
		err  error
		want string
	}{
		{&client.NodesError{Cause: client.ErrTooFewNodes, Nodes: []*client.NodeError{{Code: "NodeNoPresignatures"}, {Err: errors.New("refused")}, {Code: "NodeNoPresignatures"}}},
			"too-few-nodes:NodeNoPresignatures+unreachable"},
		{&client.NodesError{Cause: client.ErrTooFewNodes}, "too-few-nodes"},
		{errors.New("boom"), "other"},
	} {
		if got := errorCode(c.err); got != c.want {
			t.Errorf("errorCode(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}

const sampleMetrics = `# HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
# TYPE process_cpu_seconds_total counter
process_cpu_seconds_total 12.5
flint_presignatures{kind="all"} 900
flint_presignatures{kind="own_free"} 300
flint_requests_total{endpoint="pkp_sign",outcome="ok"} 7 1700000000000
`

func TestMetricValue(t *testing.T) {
	for _, c := range []struct {
		series string
		want   float64
		ok     bool
	}{
		{"process_cpu_seconds_total", 12.5, true},
		{`flint_presignatures{kind="own_free"}`, 300, true},
		{`flint_requests_total{endpoint="pkp_sign",outcome="ok"}`, 7, true},
		{"flint_presignatures", 0, false},
		{"process_cpu", 0, false},
	} {
		v, ok := metricValue([]byte(sampleMetrics), c.series)
		if v != c.want || ok != c.ok {
			t.Errorf("%s = %v, %v; want %v, %v", c.series, v, ok, c.want, c.ok)
		}
	}
	if _, ok := metricValue([]byte("process_cpu_seconds_total NaN\n"), "process_cpu_seconds_total"); ok {
		t.Error("NaN accepted")
	}
	peers := "flint_peer_up{peer=\"1\"} 1\nflint_peer_up{peer=\"2\"} 0\nflint_peer_up{peer=\"4\"} 1\nflint_peer_upx 1\n"
	if n := countSamples([]byte(peers), "flint_peer_up", 1); n != 2 {
		t.Errorf("%d peers up, want 2", n)
	}
}

func FuzzMetricValue(f *testing.F) {
	f.Add([]byte(sampleMetrics), "process_cpu_seconds_total")
	f.Add([]byte("x 1 2 3\n\n#\n"), "x")
	f.Fuzz(func(t *testing.T, text []byte, series string) {
		v, ok := metricValue(text, series)
		if ok && (math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Fatalf("accepted %v", v)
		}
		if !ok && v != 0 {
			t.Fatalf("refused but returned %v", v)
		}
		if n := countSamples(text, series, 1); n < 0 || n > bytes.Count(text, []byte("\n"))+1 {
			t.Fatalf("%d samples", n)
		}
	})
}

// BenchmarkPKPSession measures getPkpSessionSigs' equivalent, the Go
// client's PKPSession, on the shared 4-node devnet (in this process: a CPU
// profile shows the nodes' side too): with the owner's wallet login, and
// with a custom-auth Action. It reports the median and 99th percentile
// latency; it asserts no time.
//
//	go test -run '^$' -bench PKPSession -benchtime 200x ./cmd/flint/
func BenchmarkPKPSession(b *testing.B) {
	d := sharedDevnet(b)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	key, err := crypto.HexToECDSA(strings.TrimPrefix(d.Network.DevKey, "0x"))
	if err != nil {
		b.Fatal(err)
	}
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer cc.Close()
	m, err := mintNext(ctx, cc, cc.Transactor(key), io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	cl, err := client.Connect(ctx, d.URLs(), client.Options{})
	if err != nil {
		b.Fatal(err)
	}
	env := &benchEnv{nw: d.Network, key: key, cl: cl, pub: m.Pubkey}
	if err := permitLoginAction(ctx, env, []byte(benchLoginAction), io.Discard); err != nil {
		b.Fatal(err)
	}
	wallet, action := sessionBenchOps(cl, env)
	for _, c := range []struct {
		name string
		op   func(context.Context) error
	}{{"wallet", wallet}, {"action", action}} {
		b.Run(c.name, func(b *testing.B) {
			if err := warmUpSession(ctx, c.op, 1); err != nil {
				b.Fatal(err)
			}
			lat := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for range b.N {
				t0 := time.Now()
				if err := c.op(ctx); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
			b.StopTimer()
			s := summarize(lat)
			b.ReportMetric(s.P50, "p50-ms")
			b.ReportMetric(s.P99, "p99-ms")
		})
	}
}

func TestBenchSession(t *testing.T) {
	d := sharedDevnet(t)
	var r sessionBenchResult
	// Mints its PKP and permits the login Action on it.
	decodeJSON(t, mustRun(t, "bench", "session", "--network", d.NetworkFile(), "--count", "4", "--concurrency", "2", "--json"), &r)
	for name, p := range map[string]*benchResult{"wallet": r.Wallet, "action": r.Action} {
		if p == nil || p.OK != 4 || p.Failed != 0 || p.LatencyMs.P50 <= 0 || p.LatencyMs.P99 < p.LatencyMs.P50 || p.OpsPerSecond <= 0 {
			t.Fatalf("%s: %+v", name, p)
		}
	}
	if r.Nodes != 4 || r.Quorum != 3 || r.Concurrency != 2 || len(r.PublicKey) != 132 {
		t.Fatalf("result %+v", r)
	}
	// Again on that PKP, whose Action is permitted already, in text.
	out := mustRun(t, "bench", "session", "--network", d.NetworkFile(), "--pubkey", r.PublicKey, "--count", "2")
	if !strings.Contains(out, "flint bench session: 4 nodes") || !strings.Contains(out, "wallet  2 ok, 0 failed") || !strings.Contains(out, "action  2 ok, 0 failed") {
		t.Fatalf("bench session text:\n%s", out)
	}
}
