package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/spf13/cobra"

	"github.com/flint-network/flint/acc"
)

func newBenchDecryptCmd() *cobra.Command {
	var f benchFlags
	cmd := &cobra.Command{
		Use:   "decrypt [--concurrency C] [--duration D] [--count N]",
		Short: "Decryption load: a :userAddress and a balance condition, ops/s and latency percentiles",
		Long: `Decrypts, as fast as C concurrent clients can, for --duration or --count decryptions each, data
encrypted to two access-control conditions, one after the other; every decryption is the whole client
path: a request to every node, each node checking the conditions and releasing its BLS share, the
client combining a quorum, verifying it against the network key and decrypting.

  userAddress   the caller is the --key account (no chain call)
  balance       the caller's native balance on the network's chain is at least 0 (one chain read per
                node per block: the nodes cache results per block)

Each client first decrypts once untimed.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runBenchDecrypt(cmd, &f) },
	}
	f.noPKP = true
	f.register(cmd)
	fl := cmd.Flags()
	fl.IntVar(&f.concurrency, "concurrency", 1, "concurrent clients")
	fl.DurationVar(&f.duration, "duration", 10*time.Second, "how long to run each condition")
	fl.IntVar(&f.count, "count", 0, "stop each condition after this many decryptions, or at --duration, whichever is first")
	return cmd
}

// decryptBenchResult is what bench decrypt reports.
type decryptBenchResult struct {
	Nodes       int          `json:"nodes"`
	Threshold   int          `json:"threshold"`
	Quorum      int          `json:"quorum"`
	Concurrency int          `json:"concurrency"`
	UserAddress *benchResult `json:"userAddress"`
	Balance     *benchResult `json:"balance"`
}

func runBenchDecrypt(cmd *cobra.Command, f *benchFlags) error {
	env, setup, cancel, err := f.prepare(cmd, 2*f.duration+time.Hour)
	if err != nil {
		return err
	}
	defer cancel()
	cl, authSig := env.cl, env.authSig
	addr := crypto.PubkeyToAddress(env.key.PublicKey).Hex()
	conditions := map[string]string{
		"userAddress": `[{"contractAddress":"","standardContractType":"","chain":"ethereum","method":"","parameters":[":userAddress"],"returnValueTest":{"comparator":"=","value":"` + addr + `"}}]`,
		"balance":     `[{"contractAddress":"","standardContractType":"","chain":"yellowstone","method":"eth_getBalance","parameters":[":userAddress","latest"],"returnValueTest":{"comparator":">=","value":"0"}}]`,
	}
	out := &decryptBenchResult{Nodes: len(env.nw.Nodes), Threshold: cl.Threshold, Quorum: cl.Quorum, Concurrency: f.concurrency}
	for _, phase := range []struct {
		name string
		dst  **benchResult
	}{{"userAddress", &out.UserAddress}, {"balance", &out.Balance}} {
		conds, err := acc.Parse(acc.EVMBasic, []byte(conditions[phase.name]))
		if err != nil {
			return err
		}
		data := make([]byte, 32)
		rand.Read(data)
		enc, err := cl.Encrypt(conds, data)
		if err != nil {
			return err
		}
		op := func(ctx context.Context) error {
			got, err := cl.Decrypt(ctx, authSig, conds, enc)
			switch {
			case err != nil:
				return err
			case !bytes.Equal(got.Data, data):
				return errors.New("decrypted other data")
			case len(got.BadNodes) > 0:
				return fmt.Errorf("bad shares from %v", got.BadNodes)
			}
			return nil
		}
		if err := warmUp(setup, op, f.concurrency); err != nil {
			return fmt.Errorf("warm-up of the %s condition: %w", phase.name, err)
		}
		r := benchSign(cmd.Context(), op, f.concurrency, f.duration, f.count)
		r.Nodes, r.Threshold, r.Quorum = out.Nodes, out.Threshold, out.Quorum
		r.PresignaturesBefore, r.PresignaturesAfter = -1, -1
		*phase.dst = r
		if cmd.Context().Err() != nil {
			break
		}
	}
	if f.json {
		return writeJSON(cmd.OutOrStdout(), out)
	}
	return printPhases(cmd.OutOrStdout(), fmt.Sprintf("flint bench decrypt: %d nodes (threshold %d, quorum %d), concurrency %d",
		out.Nodes, out.Threshold, out.Quorum, out.Concurrency), []benchPhase{{"userAddress", out.UserAddress}, {"balance", out.Balance}})
}
