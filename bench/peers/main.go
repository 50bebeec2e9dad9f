// Command peers measures Flint's threshold ECDSA side by side with a
// well-known peer, the CMP protocol (CGGMP21) of
// github.com/taurusgroup/multi-party-sig, in one run on one machine, and
// prints one table: the CPU one party spends per presignature and the time
// of one party's online signature share, with the ratio Flint/peer.
//
// It lives in its own Go module so that Flint's module never depends on the
// peer. Every signature either protocol makes is checked with go-ethereum's
// Ecrecover and decred's verifier before any number is printed.
//
// Run it with `cd bench/peers && go run .` (see README.md for the flags).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
)

// peerVersion is the peer module's version, pinned in go.mod.
const peerVersion = "v0.7.0-alpha-2025-01-28"

// config is what the flags choose.
type config struct {
	sizes        []int         // committee sizes n
	flintBatch   int           // presignatures per Flint batch
	flintBatches int           // Flint batches per n (the median is reported)
	cmpRuns      int           // CMP presignatures per n (the median is reported)
	cmpSigners   string        // "t+1", "2t+1" or "n"
	onlineRuns   int           // timed runs of the online share (the median is reported)
	onlineCalls  int           // calls per timed run
	timeout      time.Duration // bound on any one protocol run
}

// result is one protocol's numbers for one committee size.
type result struct {
	signers     int     // parties that take part in the presignature and sign
	presignCPU  float64 // CPU seconds per party per presignature (median)
	onlineShare float64 // seconds for one party's online share (median)
	onlineRound float64 // CMP only: CPU seconds per party for its whole online protocol
}

func main() {
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if err != nil {
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, cfg, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("peers", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("n", "4,7,10", "committee sizes, comma-separated; t = floor((n-1)/3)")
	cfg := &config{}
	fs.IntVar(&cfg.flintBatch, "flint-batch", 100, "presignatures per Flint batch")
	fs.IntVar(&cfg.flintBatches, "flint-batches", 3, "Flint batches per n (median reported)")
	fs.IntVar(&cfg.cmpRuns, "cmp-runs", 1, "CMP presignatures per n (median reported); each takes seconds")
	fs.StringVar(&cfg.cmpSigners, "cmp-signers", "t+1", "CMP signer set: t+1 (its protocol's quorum), 2t+1 (Flint's quorum) or n")
	fs.IntVar(&cfg.onlineRuns, "online-runs", 21, "timed runs of the online share (median reported)")
	fs.IntVar(&cfg.onlineCalls, "online-calls", 500, "online share calls per timed run")
	fs.DurationVar(&cfg.timeout, "timeout", 20*time.Minute, "bound on any one protocol run")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	for _, f := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 2 || n > 64 {
			err = fmt.Errorf("-n: %q is not a committee size in 2..64", f)
			fmt.Fprintln(stderr, err)
			return nil, err
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	var bad string
	switch {
	case cfg.flintBatch < 1 || cfg.flintBatch > 1024:
		bad = "-flint-batch must be in 1..1024"
	case cfg.flintBatches < 1, cfg.cmpRuns < 1, cfg.onlineRuns < 1, cfg.onlineCalls < 1:
		bad = "counts must be positive"
	case !slices.Contains([]string{"t+1", "2t+1", "n"}, cfg.cmpSigners):
		bad = "-cmp-signers must be t+1, 2t+1 or n"
	}
	if bad != "" {
		fmt.Fprintln(stderr, bad)
		return nil, fmt.Errorf("%s", bad)
	}
	return cfg, nil
}

// threshold is Flint's default corruption bound t = ⌊(n−1)/3⌋.
func threshold(n int) int { return (n - 1) / 3 }

// cmpSignerCount is the size of CMP's signer set for a committee.
func cmpSignerCount(choice string, n, t int) int {
	switch choice {
	case "2t+1":
		return 2*t + 1
	case "n":
		return n
	default:
		return t + 1
	}
}

func run(ctx context.Context, cfg *config, out io.Writer) error {
	flint := map[int]*result{}
	cmp := map[int]*result{}
	for _, n := range cfg.sizes {
		t := threshold(n)
		r, err := benchFlint(ctx, cfg, n, t)
		if err != nil {
			return fmt.Errorf("flint n=%d: %w", n, err)
		}
		flint[n] = r
		r, err = benchCMP(ctx, cfg, n, t)
		if err != nil {
			return fmt.Errorf("cmp n=%d: %w", n, err)
		}
		cmp[n] = r
	}
	printTable(out, cfg, flint, cmp)
	return nil
}

func printTable(out io.Writer, cfg *config, flint, cmp map[int]*result) {
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "protocol\tn\tt\tsigners\tCPU/party/presig\tonline share\t")
	for _, n := range cfg.sizes {
		t := threshold(n)
		f, c := flint[n], cmp[n]
		fmt.Fprintf(tw, "flint (batch %d)\t%d\t%d\t%d\t%s\t%s\t\n", cfg.flintBatch, n, t, f.signers, human(f.presignCPU), human(f.onlineShare))
		fmt.Fprintf(tw, "cmp %s\t%d\t%d\t%d\t%s\t%s\t\n", peerVersion, n, t, c.signers, human(c.presignCPU), human(c.onlineShare))
		fmt.Fprintf(tw, "ratio flint/cmp\t%d\t%d\t\t%s\t%s\t\n", n, t, ratio(f.presignCPU, c.presignCPU), ratio(f.onlineShare, c.onlineShare))
	}
	tw.Flush()

	fmt.Fprintf(out, `
Notes
- t = floor((n-1)/3) for both: keys are shared with degree t, so t colluding parties learn nothing.
  CMP's threshold parameter is this t (its signer sets have at least t+1 parties); signers = %s here.
  Flint makes each presignature with all n nodes and signs with any 2t+1 of them (signers = 2t+1).
- CPU/party/presig: getrusage user+sys CPU of the whole in-process committee, divided by the parties
  that ran the presign protocol (Flint: n; CMP: its signers) and by the presignatures made.
  Flint: median of %d batches of %d presignatures (each serves any of the 10 root keys and every PKP).
  CMP: median of %d presignature run(s) (cmp.Presign, nil worker pool, key generation not counted).
- online share: one party's share of one signature, CPU time (getrusage), median of %d runs of %d calls.
  Flint: Presignature.Sign with the table of R precomputed (re-randomiser delta, delta*R, sigma_i).
  CMP: PreSignature.SignatureShare (sigma_i = k_i*m + r*chi_i), what its online round computes before broadcasting.
`, cfg.cmpSigners, cfg.flintBatches, cfg.flintBatch, cfg.cmpRuns, cfg.onlineRuns, cfg.onlineCalls)
	var rounds []string
	for _, n := range cfg.sizes {
		rounds = append(rounds, fmt.Sprintf("n=%d: %s", n, human(cmp[n].onlineRound)))
	}
	fmt.Fprintf(out, "  CMP's whole online protocol (cmp.PresignOnline: share, broadcast, combine, verify at each party),\n  CPU per party: %s.\n", strings.Join(rounds, ", "))
	fmt.Fprintln(out, "- Every signature was verified with go-ethereum's crypto.Ecrecover and decred's ecdsa.Verify.")
}

// human prints seconds with three significant digits and a fitting unit.
func human(s float64) string {
	switch {
	case s >= 1:
		return strconv.FormatFloat(s, 'g', 3, 64) + " s"
	case s >= 1e-3:
		return strconv.FormatFloat(s*1e3, 'g', 3, 64) + " ms"
	default:
		return strconv.FormatFloat(s*1e6, 'g', 3, 64) + " µs"
	}
}

// ratio prints a/b with three significant digits, and its inverse when it
// is below 1, which reads better for ratios in the thousandths.
func ratio(a, b float64) string {
	if b == 0 {
		return "-"
	}
	r := strconv.FormatFloat(a/b, 'g', 3, 64)
	if a > 0 && a < b {
		r += " (1/" + strconv.FormatFloat(b/a, 'f', 0, 64) + ")"
	}
	return r
}

// median returns the median of xs (xs is sorted in place).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 1 {
		return xs[m]
	}
	return (xs[m-1] + xs[m]) / 2
}

// timeOnline runs f in runs of calls calls and returns the median CPU
// seconds per call (getrusage, like the presignatures: on a shared, loaded
// machine wall time measures the other processes too).
func timeOnline(runs, calls int, f func() error) (float64, error) {
	if err := f(); err != nil { // warm up, and fail before timing
		return 0, err
	}
	per := make([]float64, runs)
	for i := range per {
		cpu, err := measureCPU(func() error {
			for range calls {
				if err := f(); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return 0, err
		}
		per[i] = cpu / float64(calls)
	}
	return median(per), nil
}

// progress tells the user on stderr what the benchmark is doing.
func progress(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "%s  %s\n", time.Now().Format("15:04:05"), fmt.Sprintf(format, args...))
}
