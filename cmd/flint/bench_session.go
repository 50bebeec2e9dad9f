package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/ipfs"
)

// benchLoginAction is the custom-auth Action flint bench session logs in
// with: it proves nothing but that it ran, so the figure is the cost of
// an Action login itself.
const benchLoginAction = `Lit.Actions.setResponse({ response: "true" });`

func newBenchSessionCmd() *cobra.Command {
	var f benchFlags
	cmd := &cobra.Command{
		Use:   "session [--concurrency C] [--duration D] [--count N] [--pubkey P]",
		Short: "PKP session load (getPkpSessionSigs): a wallet login and an Action login, ops/s and latency",
		Long: `Gets PKP sessions, one after the other in two phases, as fast as C concurrent clients can, for --duration
or --count sessions each, every one the whole client path of the Lit SDK's getPkpSessionSigs: a fresh
session key, the request to every node (each checks the login and the PKP's permission, runs the
Action if any, and signs its BLS share), a quorum of shares combined and verified against the
network key.

  wallet    the --key account's wallet login (auth method type 1), signed once per client
  action    a custom-auth Lit Action sent inline (getLitActionSessionSigs with litActionCode):
            ` + benchLoginAction + `

Mints a PKP owned by --key first unless --pubkey is given, and permits the login Action's CID on it
(a transaction --key signs, which must own the PKP) unless it is permitted already; each client
first gets one session of each kind untimed.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runBenchSession(cmd, &f) },
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&f.pubkey, "pubkey", "", "log in to this PKP, which --key owns or may use (default: mint one)")
	fl.IntVar(&f.concurrency, "concurrency", 1, "concurrent clients")
	fl.DurationVar(&f.duration, "duration", 10*time.Second, "how long to run each phase")
	fl.IntVar(&f.count, "count", 0, "stop each phase after this many sessions, or at --duration, whichever is first")
	return cmd
}

// sessionBenchResult is what bench session reports.
type sessionBenchResult struct {
	Nodes       int          `json:"nodes"`
	Threshold   int          `json:"threshold"`
	Quorum      int          `json:"quorum"`
	Concurrency int          `json:"concurrency"`
	PublicKey   string       `json:"publicKey"`
	Wallet      *benchResult `json:"wallet"`
	Action      *benchResult `json:"action"`
}

func runBenchSession(cmd *cobra.Command, f *benchFlags) error {
	env, setup, cancel, err := f.prepare(cmd, 2*f.duration+time.Hour)
	if err != nil {
		return err
	}
	defer cancel()
	nw, cl, pub := env.nw, env.cl, env.pub
	if err := permitLoginAction(setup, env, []byte(benchLoginAction), cmd.ErrOrStderr()); err != nil {
		return err
	}
	wallet, action := sessionBenchOps(cl, env)
	hc, err := nodeHTTP(nw, 5*time.Second)
	if err != nil {
		return err
	}
	out := &sessionBenchResult{Nodes: len(nw.Nodes), Threshold: cl.Threshold, Quorum: cl.Quorum, Concurrency: f.concurrency, PublicKey: hex0x(pub)}
	for _, phase := range []struct {
		name string
		op   func(context.Context) error
		dst  **benchResult
	}{{"wallet", wallet, &out.Wallet}, {"action", action, &out.Action}} {
		if err := warmUpSession(setup, phase.op, f.concurrency); err != nil {
			return fmt.Errorf("warm-up of the %s login: %w", phase.name, explainSessionErr(err, pub))
		}
		before, cpu0 := scrapeAll(setup, hc, nw), processCPU()
		r := benchSign(cmd.Context(), phase.op, f.concurrency, f.duration, f.count)
		cpu1, after := processCPU(), scrapeAll(setup, hc, nw)
		r.Nodes, r.Threshold, r.Quorum, r.PublicKey = out.Nodes, out.Threshold, out.Quorum, out.PublicKey
		r.PresignaturesBefore, r.PresignaturesAfter = -1, -1
		if r.OK > 0 && cpu0 >= 0 && cpu1 >= cpu0 {
			r.ClientCPUMs = (cpu1 - cpu0).Seconds() * 1000 / float64(r.OK)
		}
		for i, n := range nw.Nodes {
			if before[i].err == nil && after[i].err == nil && r.OK > 0 {
				c := nodeCPU{URL: n.URL, CPUSeconds: after[i].cpu - before[i].cpu}
				c.MsPerSignature = c.CPUSeconds * 1000 / float64(r.OK)
				r.NodeCPU = append(r.NodeCPU, c)
			}
		}
		*phase.dst = r
		if cmd.Context().Err() != nil {
			break
		}
	}
	if f.json {
		return writeJSON(cmd.OutOrStdout(), out)
	}
	w := cmd.OutOrStdout()
	if err := printPhases(w, fmt.Sprintf("flint bench session: %d nodes (threshold %d, quorum %d), concurrency %d", out.Nodes, out.Threshold, out.Quorum, out.Concurrency),
		[]benchPhase{{"wallet", out.Wallet}, {"action", out.Action}}); err != nil {
		return err
	}
	for _, p := range []benchPhase{{"wallet", out.Wallet}, {"action", out.Action}} {
		if p.r == nil {
			continue
		}
		var parts []string
		for _, c := range p.r.NodeCPU {
			parts = append(parts, fmt.Sprintf("%.2f", c.MsPerSignature))
		}
		if len(parts) > 0 {
			fmt.Fprintf(w, "  %s CPU: client %.2f ms, nodes %s ms per session (process CPU during the run; an Action's worker process not included)\n", p.name, p.r.ClientCPUMs, strings.Join(parts, " "))
		}
	}
	return nil
}

// sessionBenchOps are the two measured operations: a PKP session from the
// --key wallet's login (signed anew for each session, bound to its session
// key, as client.WalletLogin makes it), and from the login Action.
func sessionBenchOps(cl *client.Client, env *benchEnv) (wallet, action func(context.Context) error) {
	login := client.WalletLogin(env.key, cl.Blockhash, walletLoginLifetime)
	wallet = func(ctx context.Context) error {
		_, err := cl.PKPSession(ctx, env.pub, []client.Login{login}, time.Hour)
		return err
	}
	action = func(ctx context.Context) error {
		_, err := cl.PKPSessionWithAction(ctx, env.pub, client.LoginAction{Code: []byte(benchLoginAction)}, nil, time.Hour)
		return err
	}
	return wallet, action
}

// permitLoginAction has the PKP permit the Action's CID, unless it does.
func permitLoginAction(ctx context.Context, env *benchEnv, code []byte, progress io.Writer) error {
	cc, err := dialChain(ctx, env.nw)
	if err != nil {
		return err
	}
	defer cc.Close()
	cid, token := ipfs.Sum(code), chain.TokenID(env.pub)
	ok, err := cc.IsPermittedAction(ctx, token, cid.Bytes())
	if err != nil {
		return explainChainErr("reading the PKP's Actions", err, env.pub)
	}
	if ok {
		return nil
	}
	if _, err := cc.AddPermittedAction(ctx, cc.Transactor(env.key), token, cid.Bytes(), chain.ScopeSignAnything); err != nil {
		return explainChainErr("permitting the login Action "+cid.String(), err, env.pub)
	}
	fmt.Fprintf(progress, "flint bench: PKP %s now permits the login Action %s\n", chain.EthAddress(env.pub).Hex(), cid)
	return nil
}

// warmUpSession is warmUp, retried for a few seconds while the nodes
// have not seen a fresh permission (they read permissions once a block).
func warmUpSession(ctx context.Context, op func(context.Context) error, conc int) error {
	deadline := time.Now().Add(5 * time.Second)
	for {
		err := warmUp(ctx, op, conc)
		if err == nil || commonNodeCode(err) != "NodePKPNotAuthorized" || time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return err
		case <-time.After(200 * time.Millisecond):
		}
	}
}
