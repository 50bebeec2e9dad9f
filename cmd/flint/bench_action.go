package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/flint-network/flint/client"
)

// The Actions flint bench action runs: one that only answers, and one that
// signs a hash given in its parameters with a PKP.
const (
	benchTrivialAction = `Lit.Actions.setResponse({ response: "ok" });`
	benchSignAction    = `(async () => {
  await Lit.Actions.signEcdsa({ toSign, publicKey, sigName: "sig" });
  Lit.Actions.setResponse({ response: "signed" });
})();`
)

func newBenchActionCmd() *cobra.Command {
	var f benchFlags
	cmd := &cobra.Command{
		Use:   "action [--concurrency C] [--duration D] [--count N] [--pubkey P]",
		Short: "Action load: a trivial and a signing Action, ops/s and latency percentiles",
		Long: `Runs two Actions, one after the other, as fast as C concurrent clients can, for --duration or --count
executions each, every one the whole client path: the code sent to every node, run in each node's
worker pool, the answers compared and (for the signing Action) the shares of a quorum combined and
verified.

  trivial   Lit.Actions.setResponse({ response: "ok" })
  signing   Lit.Actions.signEcdsa of a random 32-byte hash with a PKP the --key account owns

Mints that PKP first unless --pubkey is given; each client first runs each Action once untimed.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runBenchAction(cmd, &f) },
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&f.pubkey, "pubkey", "", "sign with this PKP, which the --key account may use (default: mint one)")
	fl.IntVar(&f.concurrency, "concurrency", 1, "concurrent clients")
	fl.DurationVar(&f.duration, "duration", 10*time.Second, "how long to run each Action")
	fl.IntVar(&f.count, "count", 0, "stop each Action after this many executions, or at --duration, whichever is first")
	return cmd
}

// actionBenchResult is what bench action reports.
type actionBenchResult struct {
	Nodes       int          `json:"nodes"`
	Threshold   int          `json:"threshold"`
	Quorum      int          `json:"quorum"`
	Concurrency int          `json:"concurrency"`
	PublicKey   string       `json:"publicKey"`
	Trivial     *benchResult `json:"trivial"`
	Signing     *benchResult `json:"signing"`
}

func runBenchAction(cmd *cobra.Command, f *benchFlags) error {
	env, setup, cancel, err := f.prepare(cmd, 2*f.duration+time.Hour)
	if err != nil {
		return err
	}
	defer cancel()
	nw, cl, pub, authSig := env.nw, env.cl, env.pub, env.authSig
	trivial := func(ctx context.Context) error {
		res, err := cl.Execute(ctx, authSig, client.Action{Code: []byte(benchTrivialAction)}, nil)
		return benchCheck(res, err, "ok", 0)
	}
	signing := func(ctx context.Context) error {
		h := make([]int, 32)
		var b [32]byte
		rand.Read(b[:])
		for i, x := range b {
			h[i] = int(x)
		}
		res, err := cl.Execute(ctx, authSig, client.Action{Code: []byte(benchSignAction)}, map[string]any{"toSign": h, "publicKey": hex0x(pub)})
		if err == nil && (res.Signatures["sig"] == nil || res.Signatures["sig"].Hash != b) {
			return errors.New("the signature is missing or signs another hash")
		}
		return benchCheck(res, err, "signed", 1)
	}
	out := &actionBenchResult{Nodes: len(nw.Nodes), Threshold: cl.Threshold, Quorum: cl.Quorum, Concurrency: f.concurrency, PublicKey: hex0x(pub)}
	for _, phase := range []struct {
		name string
		op   func(context.Context) error
		dst  **benchResult
	}{{"trivial", trivial, &out.Trivial}, {"signing", signing, &out.Signing}} {
		if err := warmUp(setup, phase.op, f.concurrency); err != nil {
			return fmt.Errorf("warm-up of the %s Action: %w", phase.name, err)
		}
		r := benchSign(cmd.Context(), phase.op, f.concurrency, f.duration, f.count)
		r.Nodes, r.Threshold, r.Quorum, r.PublicKey = out.Nodes, out.Threshold, out.Quorum, out.PublicKey
		r.PresignaturesBefore, r.PresignaturesAfter = -1, -1
		*phase.dst = r
		if cmd.Context().Err() != nil {
			break
		}
	}
	if f.json {
		return writeJSON(cmd.OutOrStdout(), out)
	}
	return printBenchAction(cmd.OutOrStdout(), out)
}

// benchCheck turns an execution into a benchmark outcome: every node must
// have answered alike, with the expected response and signatures.
func benchCheck(res *client.ExecuteResult, err error, response string, signatures int) error {
	if err != nil {
		var ae *client.ActionError
		if errors.As(err, &ae) {
			return fmt.Errorf("action %s: %s", ae.Code, firstLine(ae.Message))
		}
		return err
	}
	switch {
	case res.Response != response:
		return fmt.Errorf("response %q, want %q", res.Response, response)
	case len(res.Signatures) != signatures:
		return fmt.Errorf("%d signatures, want %d", len(res.Signatures), signatures)
	case len(res.Failed) > 0 || len(res.Dissent) > 0:
		return fmt.Errorf("%d nodes failed, %d disagreed", len(res.Failed), len(res.Dissent))
	}
	return nil
}

// warmUp runs op once per client, untimed: connections open and each node's
// workers see the code once.
func warmUp(ctx context.Context, op func(context.Context) error, conc int) error {
	errs := make([]error, conc)
	var wg sync.WaitGroup
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); errs[i] = op(ctx) }()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err // the clients' errors are alike: one says it
		}
	}
	return nil
}

func printBenchAction(w io.Writer, r *actionBenchResult) error {
	return printPhases(w, fmt.Sprintf("flint bench action: %d nodes (threshold %d, quorum %d), concurrency %d", r.Nodes, r.Threshold, r.Quorum, r.Concurrency),
		[]benchPhase{{"trivial", r.Trivial}, {"signing", r.Signing}})
}

// benchPhase is one measured part of a benchmark with phases.
type benchPhase struct {
	name string
	r    *benchResult
}

// printPhases prints a benchmark's phases, one line each, and their errors.
func printPhases(w io.Writer, title string, phases []benchPhase) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, title)
	for _, p := range phases {
		if p.r == nil {
			continue
		}
		l := p.r.LatencyMs
		fmt.Fprintf(tw, "  %s\t%d ok, %d failed in %.1fs\t%.1f ops/s\tp50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms\n",
			p.name, p.r.OK, p.r.Failed, p.r.Seconds, p.r.OpsPerSecond, l.P50, l.P90, l.P99, l.Max)
		codes := make([]string, 0, len(p.r.Errors))
		for c := range p.r.Errors {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		for _, c := range codes {
			fmt.Fprintf(tw, "    errors\t%d × %s (e.g. %s)\n", p.r.Errors[c], c, strings.TrimSpace(firstLine(p.r.examples[c])))
		}
	}
	return tw.Flush()
}
