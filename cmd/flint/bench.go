package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/spf13/cobra"

	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/devnet"
)

func init() { commands = append(commands, newBenchCmd) }

func newBenchCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Measure a running network end to end",
		Args:  unknownSubcommand,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newBenchSignCmd(), newBenchActionCmd(), newBenchDecryptCmd(), newBenchSessionCmd())
	return cmd
}

type benchFlags struct {
	netFlags
	pubkey      string
	noPKP       bool // the benchmark signs nothing: prepare mints no PKP
	concurrency int
	duration    time.Duration
	count       int
}

func newBenchSignCmd() *cobra.Command {
	var f benchFlags
	cmd := &cobra.Command{
		Use:   "sign [--concurrency C] [--duration D] [--count N] [--pubkey P]",
		Short: "Signing load: ops/s and latency percentiles",
		Long: `Signs random hashes with a PKP as fast as C concurrent clients can, for --duration or --count
signatures, each one the whole client path: a request to every node, a quorum of shares combined and
verified. Mints a PKP first unless --pubkey is given; each client first signs once untimed (warm-up).

Prints signatures per second, latency percentiles, failures by error code, each node's process CPU
per signature (read from its /metrics; it includes background presignature refills, and nodes
sharing one process report the same figure) and the free presignatures before and after.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runBenchSign(cmd, &f) },
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&f.pubkey, "pubkey", "", "sign with this PKP (default: mint one)")
	fl.IntVar(&f.concurrency, "concurrency", 1, "concurrent signing clients")
	fl.DurationVar(&f.duration, "duration", 10*time.Second, "how long to sign")
	fl.IntVar(&f.count, "count", 0, "stop after this many signatures (a burst), or at --duration, whichever is first")
	return cmd
}

// benchResult is what bench sign reports.
type benchResult struct {
	Nodes        int            `json:"nodes"`
	Threshold    int            `json:"threshold"`
	Quorum       int            `json:"quorum"`
	Concurrency  int            `json:"concurrency"`
	PublicKey    string         `json:"publicKey"`
	Seconds      float64        `json:"seconds"`
	OK           int            `json:"ok"`
	Failed       int            `json:"failed"`
	OpsPerSecond float64        `json:"opsPerSecond"`
	LatencyMs    latencySummary `json:"latencyMs"`
	Errors       map[string]int `json:"errors"`
	NodeCPU      []nodeCPU      `json:"nodeCpu"`
	// ClientCPUMs is this process's CPU per signature: the client's share of the machine.
	ClientCPUMs float64 `json:"clientCpuMsPerSignature"`
	// Free presignatures all nodes own, summed, before and after the run (-1 when unknown).
	PresignaturesBefore int `json:"presignaturesBefore"`
	PresignaturesAfter  int `json:"presignaturesAfter"`

	examples map[string]string // one message per error code
}

type latencySummary struct {
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	Max  float64 `json:"max"`
	Mean float64 `json:"mean"`
}

type nodeCPU struct {
	URL            string  `json:"url"`
	CPUSeconds     float64 `json:"cpuSeconds"`
	MsPerSignature float64 `json:"msPerSignature"`
}

// benchEnv is what every benchmark needs before it starts: the network, the
// client, the signing key, a PKP and a session that outlives the run.
type benchEnv struct {
	nw      *devnet.Network
	key     *ecdsa.PrivateKey
	cl      *client.Client
	pub     []byte
	authSig *client.Session
}

// prepare checks the flags, connects to the network and, without --pubkey,
// mints the PKP the benchmark signs with. The context bounds the setup and
// warm-up, not the run.
func (f *benchFlags) prepare(cmd *cobra.Command, authLife time.Duration) (*benchEnv, context.Context, context.CancelFunc, error) {
	if f.concurrency < 1 || f.concurrency > 10000 {
		return nil, nil, nil, usagef("--concurrency %d: want 1 to 10000", f.concurrency)
	}
	if f.duration <= 0 {
		return nil, nil, nil, usagef("--duration %s: want a positive duration such as 10s", f.duration)
	}
	if f.count < 0 {
		return nil, nil, nil, usagef("--count %d: want 0 (no limit) or more", f.count)
	}
	env := &benchEnv{}
	if f.pubkey != "" {
		var err error
		if env.pub, err = parsePubkey(f.pubkey); err != nil {
			return nil, nil, nil, err
		}
	}
	var err error
	if env.nw, env.key, err = f.loadSigner(); err != nil {
		return nil, nil, nil, err
	}
	setup, cancel := f.context(cmd.Context())
	fail := func(err error) (*benchEnv, context.Context, context.CancelFunc, error) {
		cancel()
		return nil, nil, nil, err
	}
	if env.cl, env.authSig, err = connectSigned(setup, env.nw, env.key, authLife); err != nil {
		return fail(err)
	}
	if env.pub == nil && !f.noPKP {
		cc, err := dialChain(setup, env.nw)
		if err != nil {
			return fail(err)
		}
		m, err := mintNext(setup, cc, cc.Transactor(env.key), cmd.ErrOrStderr())
		cc.Close()
		if err != nil {
			return fail(err)
		}
		env.pub = m.Pubkey
		fmt.Fprintf(cmd.ErrOrStderr(), "flint bench: minted PKP %s for the benchmark\n", hex0x(env.pub))
	}
	return env, setup, cancel, nil
}

func runBenchSign(cmd *cobra.Command, f *benchFlags) error {
	env, setup, cancel, err := f.prepare(cmd, f.duration+time.Hour)
	if err != nil {
		return err
	}
	defer cancel()
	nw, key, cl, pub, authSig := env.nw, env.key, env.cl, env.pub, env.authSig
	sign := func(ctx context.Context) error {
		var h [32]byte
		rand.Read(h[:])
		_, err := cl.PKPSign(ctx, authSig, pub, h)
		return err
	}
	// Warm-up: one signature per client opens the connections; a refusal here ends the benchmark.
	if err := warmUp(setup, sign, f.concurrency); err != nil {
		return fmt.Errorf("warm-up: %w", explainSignErr(err, crypto.PubkeyToAddress(key.PublicKey), pub))
	}

	hc, err := nodeHTTP(nw, 5*time.Second)
	if err != nil {
		return err
	}
	before := scrapeAll(setup, hc, nw)
	cpu0 := processCPU()
	res := benchSign(cmd.Context(), sign, f.concurrency, f.duration, f.count)
	cpu1 := processCPU()
	after := scrapeAll(setup, hc, nw)
	if res.OK > 0 && cpu0 >= 0 && cpu1 >= cpu0 {
		res.ClientCPUMs = (cpu1 - cpu0).Seconds() * 1000 / float64(res.OK)
	}
	res.Nodes, res.Threshold, res.Quorum, res.PublicKey = len(nw.Nodes), cl.Threshold, cl.Quorum, hex0x(pub)
	res.PresignaturesBefore, res.PresignaturesAfter = -1, -1
	if sumFree(before) >= 0 && sumFree(after) >= 0 {
		res.PresignaturesBefore, res.PresignaturesAfter = sumFree(before), sumFree(after)
	}
	for i, n := range nw.Nodes {
		if before[i].err != nil || after[i].err != nil {
			continue
		}
		c := nodeCPU{URL: n.URL, CPUSeconds: after[i].cpu - before[i].cpu}
		if res.OK > 0 {
			c.MsPerSignature = c.CPUSeconds * 1000 / float64(res.OK)
		}
		res.NodeCPU = append(res.NodeCPU, c)
	}
	if f.json {
		return writeJSON(cmd.OutOrStdout(), res)
	}
	return printBench(cmd.OutOrStdout(), res)
}

// benchSign runs the timed load: conc clients sign until the duration ends or count signatures
// were started. A cancelled ctx ends the run early; what was measured is still reported.
func benchSign(ctx context.Context, sign func(context.Context) error, conc int, dur time.Duration, count int) *benchResult {
	res := &benchResult{Concurrency: conc, Errors: map[string]int{}, examples: map[string]string{}}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		mu      sync.Mutex
		lat     []time.Duration
		started atomic.Int64
		wg      sync.WaitGroup
	)
	start := time.Now()
	deadline := start.Add(dur)
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []time.Duration
			for ctx.Err() == nil && time.Now().Before(deadline) {
				if count > 0 && started.Add(1) > int64(count) {
					break
				}
				t0 := time.Now()
				err := sign(ctx)
				d := time.Since(t0)
				if ctx.Err() != nil {
					break // interrupted: neither a success nor a failure of the network
				}
				if err == nil {
					mine = append(mine, d)
					continue
				}
				code := errorCode(err)
				mu.Lock()
				res.Errors[code]++
				if _, ok := res.examples[code]; !ok {
					res.examples[code] = err.Error()
				}
				mu.Unlock()
			}
			mu.Lock()
			lat = append(lat, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	res.Seconds = elapsed.Seconds()
	res.OK = len(lat)
	for _, n := range res.Errors {
		res.Failed += n
	}
	res.OpsPerSecond = float64(res.OK) / elapsed.Seconds()
	res.LatencyMs = summarize(lat)
	return res
}

// summarize gives nearest-rank percentiles in milliseconds.
func summarize(lat []time.Duration) latencySummary {
	if len(lat) == 0 {
		return latencySummary{}
	}
	slices.Sort(lat)
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	pct := func(p float64) float64 {
		i := int(math.Ceil(p*float64(len(lat)))) - 1
		return ms(lat[max(0, min(i, len(lat)-1))])
	}
	var sum time.Duration
	for _, d := range lat {
		sum += d
	}
	return latencySummary{P50: pct(.50), P90: pct(.90), P99: pct(.99), Max: ms(lat[len(lat)-1]), Mean: ms(sum / time.Duration(len(lat)))}
}

// errorCode names a failure by the client's cause and the nodes' error codes, e.g.
// "too-few-nodes:NodeNoPresignatures".
func errorCode(err error) string {
	var ne *client.NodesError
	if errors.As(err, &ne) {
		cause := "failed"
		switch {
		case errors.Is(ne.Cause, client.ErrTooFewNodes):
			cause = "too-few-nodes"
		case ne.Cause != nil:
			cause = "invalid-signature"
		}
		seen := map[string]bool{}
		for _, n := range ne.Nodes {
			c := n.Code
			if c == "" {
				c = "unreachable"
			}
			seen[c] = true
		}
		codes := make([]string, 0, len(seen))
		for c := range seen {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		if len(codes) == 0 {
			return cause
		}
		return cause + ":" + strings.Join(codes, "+")
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "timeout"
	}
	return "other"
}

func printBench(w io.Writer, r *benchResult) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "flint bench sign: %d nodes (threshold %d, quorum %d), concurrency %d, %.1fs\n", r.Nodes, r.Threshold, r.Quorum, r.Concurrency, r.Seconds)
	fmt.Fprintf(tw, "  signatures\t%d ok, %d failed\n", r.OK, r.Failed)
	fmt.Fprintf(tw, "  throughput\t%.1f signatures/s\n", r.OpsPerSecond)
	l := r.LatencyMs
	fmt.Fprintf(tw, "  latency\tp50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms  mean %.2f ms\n", l.P50, l.P90, l.P99, l.Max, l.Mean)
	codes := make([]string, 0, len(r.Errors))
	for c := range r.Errors {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		ex := r.examples[c]
		if i := strings.IndexByte(ex, '\n'); i >= 0 {
			ex = ex[:i]
		}
		fmt.Fprintf(tw, "  errors\t%d × %s (e.g. %s)\n", r.Errors[c], c, ex)
	}
	if len(r.NodeCPU) > 0 {
		var parts []string
		for _, c := range r.NodeCPU {
			parts = append(parts, fmt.Sprintf("%.2f", c.MsPerSignature))
		}
		fmt.Fprintf(tw, "  node CPU\t%s ms per signature (process CPU during the run, presignature refills included)\n", strings.Join(parts, " "))
	}
	if r.ClientCPUMs > 0 {
		fmt.Fprintf(tw, "  client CPU\t%.2f ms per signature (this process)\n", r.ClientCPUMs)
	}
	if r.PresignaturesBefore >= 0 {
		fmt.Fprintf(tw, "  presignatures\t%d free before, %d after (all nodes)\n", r.PresignaturesBefore, r.PresignaturesAfter)
	}
	return tw.Flush()
}

// processCPU is this process's user and system CPU time so far, or -1.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// nodeMetrics are the figures bench reads from a node's /metrics.
type nodeMetrics struct {
	cpu     float64 // process_cpu_seconds_total
	ownFree float64 // flint_presignatures{kind="own_free"}
	err     error
}

func scrapeAll(ctx context.Context, hc *http.Client, nw *devnet.Network) []nodeMetrics {
	out := make([]nodeMetrics, len(nw.Nodes))
	var wg sync.WaitGroup
	for i, n := range nw.Nodes {
		wg.Add(1)
		go func() { defer wg.Done(); out[i] = scrape(ctx, hc, n.URL) }()
	}
	wg.Wait()
	return out
}

func sumFree(ms []nodeMetrics) int {
	sum := 0
	for _, m := range ms {
		if m.err != nil {
			return -1
		}
		sum += int(m.ownFree)
	}
	return sum
}

func scrape(ctx context.Context, hc *http.Client, url string) nodeMetrics {
	body, err := fetchMetrics(ctx, hc, url)
	if err != nil {
		return nodeMetrics{err: err}
	}
	var m nodeMetrics
	var ok1, ok2 bool
	m.cpu, ok1 = metricValue(body, "process_cpu_seconds_total")
	m.ownFree, ok2 = metricValue(body, `flint_presignatures{kind="own_free"}`)
	if !ok1 || !ok2 {
		m.err = errors.New("metrics: process_cpu_seconds_total or flint_presignatures missing")
	}
	return m
}

// fetchMetrics reads a node's /metrics.
func fetchMetrics(ctx context.Context, hc *http.Client, url string) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(url, "/")+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("metrics: HTTP %d", resp.StatusCode)
	}
	return io.ReadAll(io.LimitReader(resp.Body, 4<<20))
}

// metricValue finds a sample in Prometheus' text format: a line "series value [timestamp]" whose
// series (name and labels as the node writes them) is exactly series.
func metricValue(text []byte, series string) (float64, bool) {
	var v float64
	found := false
	eachSample(text, func(s string, x float64) bool {
		if s == series {
			v, found = x, true
			return false
		}
		return true
	})
	return v, found
}

// countSamples counts the samples of a metric (any labels) whose value is want.
func countSamples(text []byte, name string, want float64) int {
	n := 0
	eachSample(text, func(s string, x float64) bool {
		if x == want && (s == name || strings.HasPrefix(s, name+"{")) {
			n++
		}
		return true
	})
	return n
}

// eachSample calls f with every finite sample of a Prometheus text exposition until f returns false.
// Series with spaces inside label values are skipped: the node writes none.
func eachSample(text []byte, f func(series string, v float64) bool) {
	sc := bufio.NewScanner(bytes.NewReader(text))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		fields := strings.Fields(line)
		if len(fields) < 2 || len(fields) > 3 {
			continue
		}
		v, err := strconv.ParseFloat(fields[1], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			continue
		}
		if !f(fields[0], v) {
			return
		}
	}
}
