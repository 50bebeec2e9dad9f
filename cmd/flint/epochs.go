package main

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/spf13/cobra"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/node"
)

func init() { commands = append(commands, newNetworkCmd) }

// adminFlags are the flags of the commands that read or change the node set.
type adminFlags struct {
	netFlags
}

func (f *adminFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.network, "network", defaultNetwork, "the network's network.json (written by flint devnet)")
	fl.StringVar(&f.key, "key", "", "the contracts owner's private key (hex); default $"+keyEnv+", then, on a devnet, the owner account in DIR/chain/devchain.json")
	fl.StringVar(&f.ca, "ca", "", "PEM file of the certificates to trust for nodes serving https; default $"+caEnv+", then the network.json caFile")
	fl.BoolVar(&f.json, "json", false, "print one JSON object instead of text")
	fl.DurationVar(&f.timeout, "timeout", 2*time.Minute, "give up after this long")
}

// ownerKey is the key of --key, $FLINT_KEY, or a devnet's contracts owner (dev chain account 0, which
// network.json does not name: its dev account is another one).
func (f *adminFlags) ownerKey() (*ecdsa.PrivateKey, error) {
	switch {
	case f.key != "":
		return parseKey("--key", f.key)
	case os.Getenv(keyEnv) != "":
		return parseKey("$"+keyEnv, os.Getenv(keyEnv))
	}
	path := filepath.Join(filepath.Dir(f.network), "chain", "devchain.json")
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, usagef("no owner key: pass the contracts owner's key with --key or $%s (%s is no devnet's: %v)", keyEnv, f.network, err)
	}
	var st struct {
		Accounts []struct {
			PrivateKey string `json:"privateKey"`
		} `json:"accounts"`
	}
	if err := json.Unmarshal(b, &st); err != nil || len(st.Accounts) == 0 {
		return nil, usagef("no owner key: %s holds no accounts; pass --key", path)
	}
	return parseKey(path+" owner account", st.Accounts[0].PrivateKey)
}

// admin loads the network and the owner key and dials the chain.
func (f *adminFlags) admin(cmd *cobra.Command) (*onChain, error) {
	nw, err := f.load()
	if err != nil {
		return nil, err
	}
	key, err := f.ownerKey()
	if err != nil {
		return nil, err
	}
	ctx, cancel := f.context(cmd.Context())
	cc, err := dialChain(ctx, nw)
	if err != nil {
		cancel()
		return nil, err
	}
	return &onChain{ctx: ctx, nw: nw, key: key, cc: cc, close: func() { cc.Close(); cancel() }}, nil
}

func newNetworkCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "network",
		Short: "Show the network's epoch and node set; change the set (admin)",
		Long: `Epochs: the node set changes only at an epoch change. Nodes ask to join ("flint node join") or
leave ("flint node leave"); the contracts' owner approves joins, kicks nodes, locks the next set, and
advances the epoch once the next set's nodes have reshared the keys and signalled ready. A lock with no
changes refreshes the shares. "flint network status --watch" shows a reshare as it runs.
docs/operating.md walks through adding, removing and replacing nodes.`,
		Args: func(cmd *cobra.Command, args []string) error { return unknownSubcommand(cmd, args) },
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newNetworkStatusCmd())
	addr := func(use, short, long, past string, do func(ctx context.Context, cc *chain.Client, key *ecdsa.PrivateKey, a common.Address) (*types.Receipt, error)) *cobra.Command {
		var f adminFlags
		c := &cobra.Command{
			Use:   use + " ADDRESS",
			Short: short,
			Long:  long,
			Args: func(cmd *cobra.Command, args []string) error {
				if len(args) != 1 {
					return usagef("%s takes one node address (see flint network status), got %d arguments", cmd.CommandPath(), len(args))
				}
				return nil
			},
			RunE: func(cmd *cobra.Command, args []string) error {
				if !common.IsHexAddress(args[0]) {
					return usagef("%s: %q is not a node address (0x and 40 hex digits; see flint network status)", use, args[0])
				}
				a := common.HexToAddress(args[0])
				oc, err := f.admin(cmd)
				if err != nil {
					return err
				}
				defer oc.close()
				r, err := do(oc.ctx, oc.cc, oc.key, a)
				if err != nil {
					return explainEpochErr(oc.ctx, oc.cc, use, a, crypto.PubkeyToAddress(oc.key.PublicKey), err)
				}
				return printDone(cmd.OutOrStdout(), f.json, use, map[string]any{"node": a.Hex()}, r,
					fmt.Sprintf("%s %s", past, a.Hex()))
			},
		}
		f.register(c)
		return c
	}
	cmd.AddCommand(addr("approve-join", "Admit a node that asked to join, at the next lock (owner)",
		`Approves a pending join request as it stands now — its ip:port, transport key and DKG key, which
"flint network status" shows —: the node enters the next set when the owner locks it ("flint network
lock-next-epoch"). Without approval nobody joins: there is no stake. If the node asks again with other
values, the approval does not carry over to them.`, "approved the join of",
		func(ctx context.Context, cc *chain.Client, k *ecdsa.PrivateKey, a common.Address) (*types.Receipt, error) {
			j, err := pendingJoin(ctx, cc, a)
			if err != nil {
				return nil, err
			}
			return cc.ApproveJoin(ctx, cc.Transactor(k), j)
		}))
	cmd.AddCommand(addr("reject-join", "Drop a node's join request (owner)", `Drops a pending join request; the node may ask again.`,
		"rejected the join of",
		func(ctx context.Context, cc *chain.Client, k *ecdsa.PrivateKey, a common.Address) (*types.Receipt, error) {
			return cc.RejectJoin(ctx, cc.Transactor(k), a)
		}))
	cmd.AddCommand(addr("kick", "Remove a node at the next epoch (owner)",
		`Marks a current node to leave at the next epoch: the next lock leaves it out, the keys are reshared
without it, and once the epoch advances it holds nothing that signs with the others. "flint network
cancel-leave" undoes it before the lock.`, "kicked (leaves at the next epoch)",
		func(ctx context.Context, cc *chain.Client, k *ecdsa.PrivateKey, a common.Address) (*types.Receipt, error) {
			return cc.KickNextEpoch(ctx, cc.Transactor(k), a)
		}))
	cmd.AddCommand(addr("cancel-leave", "Keep a node that was kicked or asked to leave (owner)",
		`Withdraws a kick or a node's leave request before the next set is locked.`, "kept (no longer leaves)",
		func(ctx context.Context, cc *chain.Client, k *ecdsa.PrivateKey, a common.Address) (*types.Receipt, error) {
			return cc.CancelLeave(ctx, cc.Transactor(k), a)
		}))
	cmd.AddCommand(newLockCmd(), newSimpleAdminCmd("unlock-next-epoch", "Abort a locked epoch change (owner)",
		`Undoes "flint network lock-next-epoch": back to Active, the pending requests kept, the nodes'
readiness cleared; the nodes drop the shares they made for it. Lock again to retry.`,
		"unlocked: the registry is Active again; the requests wait for the next lock",
		func(ctx context.Context, cc *chain.Client, k *ecdsa.PrivateKey) (*types.Receipt, error) {
			return cc.UnlockNextEpoch(ctx, cc.Transactor(k))
		}), newAdvanceCmd(), newRefreshPeriodCmd())
	return cmd
}

func newRefreshPeriodCmd() *cobra.Command {
	var f adminFlags
	cmd := &cobra.Command{
		Use:   "set-refresh-period DURATION",
		Short: "Set how often the nodes refresh their shares by themselves (owner; 0 = never)",
		Long: `Sets the epoch length: once an epoch is that old, the nodes lock a refresh themselves (the same set
reshares the keys to new shares, with the same t) and advance it when it is ready, without the owner,
unless a membership change is pending (that waits for "flint network lock-next-epoch"). The period counts
from now. DURATION is in whole seconds or more (e.g. 24h, 90m); 0 turns the periodic refresh off.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("%s takes one duration (e.g. 24h, or 0 for never), got %d arguments", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			const use = "set-refresh-period"
			d, err := time.ParseDuration(args[0])
			if err != nil || d < 0 || d%time.Second != 0 {
				return usagef("%s: %q is not a period: want whole seconds or more, e.g. 24h, or 0 for never", use, args[0])
			}
			oc, err := f.admin(cmd)
			if err != nil {
				return err
			}
			defer oc.close()
			r, err := oc.cc.SetEpochLength(oc.ctx, oc.cc.Transactor(oc.key), d)
			if err != nil {
				return explainEpochErr(oc.ctx, oc.cc, use, common.Address{}, crypto.PubkeyToAddress(oc.key.PublicKey), err)
			}
			msg := "periodic refresh off"
			if d > 0 {
				msg = fmt.Sprintf("the nodes refresh the shares every %s, the first time %s from now", d, d)
			}
			return printDone(cmd.OutOrStdout(), f.json, use, map[string]any{"refreshPeriodSeconds": int64(d / time.Second)}, r, msg)
		},
	}
	f.register(cmd)
	return cmd
}

func newLockCmd() *cobra.Command {
	var f adminFlags
	var t int
	var allowT0 bool
	cmd := &cobra.Command{
		Use:   "lock-next-epoch [--threshold T]",
		Short: "Fix the next epoch's node set; the nodes then reshare the keys to it (owner)",
		Long: `Locks the next set: the current nodes without those leaving, with the approved joiners (which get
their stable indices now). Its nodes reshare every root key to it and signal ready; then
"flint network advance-epoch". With no pending change it locks the same set again: a refresh (new
shares, the same keys). --threshold sets t' (0: the default floor((n'-1)/3)); n' >= 3t'+1 must hold.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if t < 0 || t > chain.MaxIndex {
				return usagef("--threshold %d: want 0 (the default) to %d", t, chain.MaxIndex)
			}
			oc, err := f.admin(cmd)
			if err != nil {
				return err
			}
			defer oc.close()
			if !allowT0 {
				if err := checkNextSize(oc.ctx, oc.cc, t); err != nil {
					return err
				}
			}
			r, err := oc.cc.LockNextEpoch(oc.ctx, oc.cc.Transactor(oc.key), t)
			if err != nil {
				return explainEpochErr(oc.ctx, oc.cc, "lock-next-epoch", common.Address{}, crypto.PubkeyToAddress(oc.key.PublicKey), err)
			}
			extra := map[string]any{}
			msg := "locked"
			if reg, err := oc.cc.Network(oc.ctx); err == nil && reg.Next != nil {
				extra["nextEpoch"], extra["threshold"], extra["nodes"] = reg.Next.Epoch, reg.Next.Threshold, len(reg.Next.Nodes)
				msg = fmt.Sprintf("locked the set of epoch %d: %d nodes, t'=%d; they now reshare the keys (watch with \"flint network status --watch\"), then \"flint network advance-epoch\"",
					reg.Next.Epoch, len(reg.Next.Nodes), reg.Next.Threshold)
			}
			return printDone(cmd.OutOrStdout(), f.json, "lock-next-epoch", extra, r, msg)
		},
	}
	f.register(cmd)
	cmd.Flags().IntVar(&t, "threshold", 0, "the next set's corruption bound t' (0: floor((n'-1)/3)); quorum 2t'+1")
	cmd.Flags().BoolVar(&allowT0, "allow-t0", false, "lock a next set of 2 or 3 nodes, where t' = 0 lets any one node sign alone")
	return cmd
}

// checkNextSize refuses a next set of 2 or 3 nodes, which the registry takes (n' >= 3t'+1 holds with
// t' = 0) but where any single node could sign alone: removing one node of four does that.
func checkNextSize(ctx context.Context, cc *chain.Client, t int) error {
	reg, err := cc.Network(ctx)
	if err != nil {
		return fmt.Errorf("lock-next-epoch: reading the registry: %w", err)
	}
	joins, leaves, err := cc.PendingChanges(ctx)
	if err != nil {
		return fmt.Errorf("lock-next-epoch: reading the requests: %w", err)
	}
	n := len(reg.Nodes)
	for _, a := range leaves {
		if slices.ContainsFunc(reg.Nodes, func(nd chain.Node) bool { return nd.Address == a }) {
			n--
		}
	}
	for _, j := range joins {
		if j.Approved {
			n++
		}
	}
	if t == 0 && (n == 2 || n == 3) {
		return usagef("lock-next-epoch: the next set would have %d nodes, so t' = 0 and any one of them could sign alone: approve another join for the same change (4 nodes give t' = 1), or pass --allow-t0", n)
	}
	return nil
}

// pendingJoin is a's join request as the registry holds it now: what the owner approves.
func pendingJoin(ctx context.Context, cc *chain.Client, a common.Address) (chain.PendingJoin, error) {
	joins, _, err := cc.PendingChanges(ctx)
	if err != nil {
		return chain.PendingJoin{}, err
	}
	for _, j := range joins {
		if j.Address == a {
			return j, nil
		}
	}
	return chain.PendingJoin{}, fmt.Errorf("chain: %w", chain.ErrNoJoinRequest)
}

// newSimpleAdminCmd is an owner's command without arguments: one transaction.
func newSimpleAdminCmd(use, short, long, done string, do func(ctx context.Context, cc *chain.Client, key *ecdsa.PrivateKey) (*types.Receipt, error)) *cobra.Command {
	var f adminFlags
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Long:  long,
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			oc, err := f.admin(cmd)
			if err != nil {
				return err
			}
			defer oc.close()
			r, err := do(oc.ctx, oc.cc, oc.key)
			if err != nil {
				return explainEpochErr(oc.ctx, oc.cc, use, common.Address{}, crypto.PubkeyToAddress(oc.key.PublicKey), err)
			}
			return printDone(cmd.OutOrStdout(), f.json, use, map[string]any{}, r, done)
		},
	}
	f.register(cmd)
	return cmd
}

func newAdvanceCmd() *cobra.Command {
	var f adminFlags
	var wait bool
	cmd := &cobra.Command{
		Use:   "advance-epoch [--wait]",
		Short: "Start the next epoch with the locked set, once it is ready (owner)",
		Long: `Makes the locked next set the current one: the epoch number goes up, t becomes t', and the SDK's
view follows. The registry takes it only once 3t'+1 next-set nodes signalled that they stored their new
shares ("flint network status" shows how many have); with --wait the command waits for that, printing
each node's progress on stderr, within --timeout. The nodes switch at once and keep the previous epoch's
shares for a grace period, for requests still naming it. network.json is rewritten to list the new set.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			oc, err := f.admin(cmd)
			if err != nil {
				return err
			}
			defer oc.close()
			if wait {
				hc, err := nodeHTTP(oc.nw, 3*time.Second)
				if err != nil {
					return err
				}
				if err := waitNextReady(oc.ctx, oc.nw, hc, time.Second, cmd.ErrOrStderr()); err != nil {
					return fmt.Errorf("advance-epoch: %w", err)
				}
			}
			r, msg, extra, err := advance(oc, f.network)
			if err != nil {
				return err
			}
			return printDone(cmd.OutOrStdout(), f.json, "advance-epoch", extra, r, msg)
		},
	}
	f.register(cmd)
	cmd.Flags().BoolVar(&wait, "wait", false, "wait until the next set is ready (progress on stderr), then advance")
	return cmd
}

// advance advances the epoch and rewrites network.json (at path) to the new set.
func advance(oc *onChain, path string) (*types.Receipt, string, map[string]any, error) {
	const op = "advance-epoch"
	r, err := oc.cc.AdvanceEpoch(oc.ctx, oc.cc.Transactor(oc.key))
	if err != nil {
		return nil, "", nil, explainEpochErr(oc.ctx, oc.cc, op, common.Address{}, crypto.PubkeyToAddress(oc.key.PublicKey), err)
	}
	reg, err := oc.cc.Network(oc.ctx)
	if err != nil {
		return nil, "", nil, fmt.Errorf("%s: advanced (tx %s), but reading the new set: %w", op, r.TxHash.Hex(), err)
	}
	extra := map[string]any{"epoch": reg.Epoch.Number, "threshold": reg.Threshold, "nodes": len(reg.Nodes)}
	msg := fmt.Sprintf("advanced to epoch %d: %d nodes, t=%d, quorum %d", reg.Epoch.Number, len(reg.Nodes), reg.Threshold, reg.Quorum)
	// The other commands reach the nodes network.json lists: from now on the new set.
	if err := rewriteNetworkFile(path, oc.nw, reg); err != nil {
		return nil, "", nil, fmt.Errorf("%s: %s (tx %s), but %s still lists the old nodes: %w", op, msg, r.TxHash.Hex(), path, err)
	}
	return r, msg + "; " + path + " lists the new set", extra, nil
}

// waitNextReady waits until the registry is ReadyForNextEpoch, printing a progress line to w whenever
// a node's phase or the count of signals changes. It fails at once when no next set is locked.
func waitNextReady(ctx context.Context, nw *devnet.Network, hc *http.Client, every time.Duration, w io.Writer) error {
	last := ""
	start := time.Now()
	for {
		st, err := readStatus(ctx, nw, hc)
		switch {
		case err != nil && ctx.Err() != nil:
			return fmt.Errorf("the next set did not become ready in time (last: %s): %w", last, ctx.Err())
		case err != nil:
			fmt.Fprintf(w, "flint: reading the status: %v\n", err)
		case st.Next == nil:
			return fmt.Errorf("no next set is locked (the registry is %s): \"flint network lock-next-epoch\" first", st.State)
		default:
			line := progressLine(st)
			if line != last {
				fmt.Fprintf(w, "flint: %s, %s\n", line, time.Since(start).Round(time.Second))
				last = line
			}
			if st.State == chain.ReadyForNextEpoch.String() {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("the next set did not become ready in time (last: %s): %w", last, ctx.Err())
		case <-time.After(every):
		}
	}
}

// progressLine sums up a locked next set in one line: signals, and each node's phase.
func progressLine(st *networkStatus) string {
	nx := st.Next
	var b strings.Builder
	fmt.Fprintf(&b, "epoch %d: %d signalled ready, %d needed", nx.Epoch, nx.Ready, nx.Needed)
	for i, n := range nx.Nodes {
		sep := "; "
		if i > 0 {
			sep = ", "
		}
		phase := "no answer"
		var r reshareReport
		switch {
		case n.Ready:
			phase = "ready"
		case n.Node != nil && len(n.Node.Reshare) > 0 && json.Unmarshal(n.Node.Reshare, &r) == nil && r.Phase != "":
			phase = r.Phase
			if r.NextEpoch != nx.Epoch {
				// Its phase is from a reading before this lock (the previous change's signalled or grace).
				phase = "has not read the lock yet"
			}
			if r.Attempts > 1 {
				phase += fmt.Sprintf(" (attempt %d)", r.Attempts)
			}
		case n.Node != nil:
			phase = "up"
		}
		fmt.Fprintf(&b, "%snode %d %s", sep, n.Index, phase)
	}
	return b.String()
}

// rewriteNetworkFile makes network.json list the registry's current nodes, threshold and quorum, with
// the scheme its nodes were reached with (https for a TLS devnet, whose registry holds ip:port only).
func rewriteNetworkFile(path string, nw *devnet.Network, reg *chain.Network) error {
	https := false
	for _, n := range nw.Nodes {
		https = https || strings.HasPrefix(n.URL, "https://")
	}
	nw.Nodes = nw.Nodes[:0]
	for _, n := range reg.Nodes {
		u := n.URL()
		if https {
			u = "https://" + strings.TrimPrefix(u, "http://")
		}
		nw.Nodes = append(nw.Nodes, devnet.NodeInfo{Index: n.Index, URL: u, Address: n.Address.Hex()})
	}
	nw.Threshold, nw.Quorum = reg.Threshold, reg.Quorum
	b, err := json.MarshalIndent(nw, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// printDone reports a transaction that went through.
func printDone(w io.Writer, asJSON bool, op string, extra map[string]any, r *types.Receipt, msg string) error {
	if asJSON {
		out := map[string]any{"op": op, "tx": r.TxHash.Hex(), "block": r.BlockNumber.Uint64()}
		for k, v := range extra {
			out[k] = v
		}
		return writeJSON(w, out)
	}
	_, err := fmt.Fprintf(w, "%s (tx %s, block %d)\n", msg, r.TxHash.Hex(), r.BlockNumber.Uint64())
	return err
}

// explainEpochErr turns the registry's refusals into what happened and what to do next. It reads the
// registry again to say which state it is in.
func explainEpochErr(ctx context.Context, cc *chain.Client, op string, node, from common.Address, err error) error {
	state := ""
	var reg *chain.Network
	if n, rerr := cc.Network(ctx); rerr == nil {
		reg = n
		state = describeState(n)
	}
	switch {
	case errors.Is(err, chain.ErrNotAdmin) && op == "cancel-leave" && from == node:
		return fmt.Errorf("%s: %s was kicked by the owner, and only the owner can keep it (\"flint network cancel-leave %s\"): %w", op, node.Hex(), node.Hex(), err)
	case errors.Is(err, chain.ErrNotAdmin):
		return fmt.Errorf("%s: %s is not the contracts' owner, and only the owner changes the node set: pass the owner's key with --key or $%s: %w", op, from.Hex(), keyEnv, err)
	case errors.Is(err, chain.ErrNotReady):
		if reg != nil && reg.State == chain.Active {
			return fmt.Errorf("%s: no next set is locked: \"flint network lock-next-epoch\" locks one, its nodes reshare the keys and signal ready, then advance: %w", op, err)
		}
		msg := "the next set is not ready"
		if reg != nil && reg.Next != nil {
			msg = fmt.Sprintf("the next set of epoch %d is not ready: %d of its %d nodes signalled, %d (3t'+1) needed", reg.Next.Epoch, len(reg.Next.Ready), len(reg.Next.Nodes), 3*reg.Next.Threshold+1)
		}
		return fmt.Errorf("%s: %s; its nodes are still resharing (\"flint network status --watch\" shows each one's phase): advance once it is ready: %w", op, msg, err)
	case errors.Is(err, chain.ErrWrongState):
		next := "wait for the epoch change under way to finish (\"flint network advance-epoch\" once ready) or undo it (\"flint network unlock-next-epoch\")"
		if reg != nil && reg.State == chain.Active {
			next = "there is no locked next set: \"flint network lock-next-epoch\" locks one"
		}
		return fmt.Errorf("%s: not now, the registry is %s: %s: %w", op, state, next, err)
	case errors.Is(err, chain.ErrInvalidThreshold):
		return fmt.Errorf("%s: the next set would break n' >= 3t'+1 (at least 1 node, 4 for t' = 1): pass a smaller --threshold, 0 for the default, or change the pending joins and leaves (\"flint network status\"): %w", op, err)
	case errors.Is(err, chain.ErrNoJoinRequest):
		return fmt.Errorf("%s: %s has not asked to join (\"flint network status\" lists the requests; the node asks with \"flint node join\"): %w", op, node.Hex(), err)
	case errors.Is(err, chain.ErrJoinRequested):
		return fmt.Errorf("%s: %s already asked to join; the owner approves it with \"flint network approve-join %s\": %w", op, node.Hex(), node.Hex(), err)
	case errors.Is(err, chain.ErrTooManyPendingJoins):
		return fmt.Errorf("%s: too many join requests wait already: the owner rejects some or locks them in first: %w", op, err)
	case errors.Is(err, chain.ErrLeaveRequested):
		return fmt.Errorf("%s: %s already leaves at the next epoch; lock the next set to carry it out: %w", op, node.Hex(), err)
	case errors.Is(err, chain.ErrNoLeaveRequest):
		return fmt.Errorf("%s: %s is not leaving: %w", op, node.Hex(), err)
	case errors.Is(err, chain.ErrNodeNotRegistered):
		return fmt.Errorf("%s: %s is not a node of the current set (\"flint network status\" lists them): %w", op, node.Hex(), err)
	case errors.Is(err, chain.ErrNodeRegistered):
		return fmt.Errorf("%s: %s is a node of the network already: %w", op, node.Hex(), err)
	case errors.Is(err, chain.ErrIndicesExhausted):
		return fmt.Errorf("%s: the network has given out all %d node indices of its lifetime; no further node can join: %w", op, chain.MaxIndex, err)
	case errors.Is(err, chain.ErrInvalidEndpoint):
		return fmt.Errorf("%s: the node's apiListen is not an IPv4 ip:port, or another node is registered on it: %w", op, err)
	case errors.Is(err, chain.ErrInvalidDKGKey):
		return fmt.Errorf("%s: the node's DKG key is not 48 bytes: %w", op, err)
	case errors.Is(err, chain.ErrJoinChanged):
		return fmt.Errorf("%s: %s asked again with other values since it was approved: review its request (\"flint network status\") and approve it again: %w", op, node.Hex(), err)
	case errors.Is(err, chain.ErrTransportKeyInUse):
		return fmt.Errorf("%s: another member or approved joiner holds this node's transport key (a copied request?): reject it, or give the node its own key: %w", op, err)
	case errors.Is(err, chain.ErrDKGKeyInUse):
		return fmt.Errorf("%s: another member or approved joiner holds this node's DKG key (a copied request?): reject it, or give the node its own store: %w", op, err)
	case errors.Is(err, chain.ErrWrongLock):
		return fmt.Errorf("%s: the signal names a lock that was undone since: %w", op, err)
	case errors.Is(err, chain.ErrTooManyNodes):
		return fmt.Errorf("%s: the next set would exceed the registry's node limit: %w", op, err)
	case strings.Contains(err.Error(), "insufficient funds"):
		return fmt.Errorf("%s: %s has no ETH for the transaction's gas: send it some first (on a devnet: \"flint devnet fund --to %s --eth 1\"): %w", op, from.Hex(), from.Hex(), err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

// describeState says where the registry is in an epoch change.
func describeState(n *chain.Network) string {
	switch {
	case n.State == chain.Active:
		return fmt.Sprintf("Active in epoch %d", n.Epoch.Number)
	case n.Next != nil && n.State == chain.NextValidatorSetLocked:
		return fmt.Sprintf("NextValidatorSetLocked: the set of epoch %d is locked and resharing (%d of %d ready, %d needed)",
			n.Next.Epoch, len(n.Next.Ready), len(n.Next.Nodes), 3*n.Next.Threshold+1)
	case n.Next != nil && n.State == chain.ReadyForNextEpoch:
		return fmt.Sprintf("ReadyForNextEpoch: the set of epoch %d is ready to advance", n.Next.Epoch)
	}
	return n.State.String()
}

/* ========== flint node join / leave ========== */

type nodeTxFlags struct {
	config  string
	cancel  bool
	json    bool
	timeout time.Duration
}

func (f *nodeTxFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.config, "config", "", "the node's JSON config file (with the FLINT_* environment, as \"flint node\" reads it)")
	fl.BoolVar(&f.json, "json", false, "print one JSON object instead of text")
	fl.DurationVar(&f.timeout, "timeout", 2*time.Minute, "give up after this long")
}

// nodeChain loads a node's config and dials its chain.
func (f *nodeTxFlags) nodeChain(cmd *cobra.Command) (*node.Config, *chain.Client, context.Context, func(), error) {
	cfg, err := node.LoadConfig(f.config)
	if err != nil {
		return nil, nil, nil, nil, err
	}
	if cfg.ChainRPC == "" {
		return nil, nil, nil, nil, usagef("the node's config names no chain (chainRpc or $FLINT_CHAIN_RPC)")
	}
	ctx, cancel := context.WithTimeout(cmd.Context(), f.timeout)
	cc, err := chain.Dial(ctx, cfg.ChainRPC, cfg.Contracts)
	if err != nil {
		cancel()
		return nil, nil, nil, nil, fmt.Errorf("the node's chain is not usable: %w", err)
	}
	return cfg, cc, ctx, func() { cc.Close(); cancel() }, nil
}

func newNodeJoinCmd() *cobra.Command {
	var f nodeTxFlags
	cmd := &cobra.Command{
		Use:   "join --config FILE [--cancel]",
		Short: "Ask the registry to admit this node at the next epoch",
		Long: `Sends requestToJoin from the node's identity (its address pays the gas) with its API ip:port,
transport key and BLS DKG key, read from its config and its store (the DKG key is made there on first
use, so run this with the node stopped: a running node holds its store). Then start the node
("flint node --config FILE"): it waits, holding no keys, until the owner approves the join and locks a
next set with it, takes part in the resharing, and serves from the advance on. A node whose config
says "join": true asks by itself instead. --cancel withdraws the request.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, cc, ctx, done, err := f.nodeChain(cmd)
			if err != nil {
				return err
			}
			defer done()
			var spec chain.NodeSpec
			var key *ecdsa.PrivateKey
			op := "join"
			if f.cancel {
				op = "cancel-join"
				n, err := node.New(cfg, nil)
				if err != nil {
					return err
				}
				key = n.Identity()
				spec.Address = crypto.PubkeyToAddress(key.PublicKey)
			} else if spec, key, err = node.JoinSpec(cfg); err != nil {
				return fmt.Errorf("join: reading the node's keys from its config and store (run it with the node stopped: a running node holds its store): %w", err)
			}
			var r *types.Receipt
			if f.cancel {
				r, err = cc.CancelJoin(ctx, cc.Transactor(key))
			} else {
				r, err = cc.RequestToJoin(ctx, cc.Transactor(key), spec)
			}
			if err != nil {
				return explainEpochErr(ctx, cc, op, spec.Address, spec.Address, err)
			}
			msg := fmt.Sprintf("node %s asked to join at %s; the owner approves with \"flint network approve-join %s\" and locks the next set; start the node now if it is not running",
				spec.Address.Hex(), spec.AddrPort, spec.Address.Hex())
			if f.cancel {
				msg = fmt.Sprintf("node %s withdrew its join request", spec.Address.Hex())
			}
			return printDone(cmd.OutOrStdout(), f.json, op, map[string]any{"node": spec.Address.Hex()}, r, msg)
		},
	}
	f.register(cmd)
	cmd.Flags().BoolVar(&f.cancel, "cancel", false, "withdraw this node's join request instead")
	return cmd
}

func newNodeLeaveCmd() *cobra.Command {
	var f nodeTxFlags
	cmd := &cobra.Command{
		Use:   "leave --config FILE [--cancel]",
		Short: "Ask that this node leave the network at the next epoch",
		Long: `Sends requestToLeave from the node's identity: the owner's next lock leaves the node out and the
keys are reshared without it. Keep the node running until the epoch advances and its grace period ends
(its /status says "left"): it takes part in the resharing as an old node, serves requests naming the
old epoch meanwhile, then erases its shares. --cancel withdraws the request before the lock.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			cfg, cc, ctx, done, err := f.nodeChain(cmd)
			if err != nil {
				return err
			}
			defer done()
			n, err := node.New(cfg, nil)
			if err != nil {
				return err
			}
			key := n.Identity()
			addr := crypto.PubkeyToAddress(key.PublicKey)
			op := "leave"
			var r *types.Receipt
			if f.cancel {
				op = "cancel-leave"
				r, err = cc.CancelLeave(ctx, cc.Transactor(key), addr)
			} else {
				r, err = cc.RequestToLeave(ctx, cc.Transactor(key))
			}
			if err != nil {
				return explainEpochErr(ctx, cc, op, addr, addr, err)
			}
			msg := fmt.Sprintf("node %s leaves at the next epoch, once the owner locks it (\"flint network lock-next-epoch\"); keep it running until the advance and its grace period are over", addr.Hex())
			if f.cancel {
				msg = fmt.Sprintf("node %s no longer leaves", addr.Hex())
			}
			return printDone(cmd.OutOrStdout(), f.json, op, map[string]any{"node": addr.Hex()}, r, msg)
		},
	}
	f.register(cmd)
	cmd.Flags().BoolVar(&f.cancel, "cancel", false, "withdraw this node's leave request instead")
	return cmd
}

/* ========== flint network status ========== */

// statusNode is one node as "flint network status" shows it.
type statusNode struct {
	Index   int    `json:"index"`
	Address string `json:"address"`
	URL     string `json:"url"`
	Leaving bool   `json:"leaving,omitempty"` // a current node that is not in the next set, or asked to leave
	Joining bool   `json:"joining,omitempty"` // a next-set node that is not in the current set
	Ready   bool   `json:"ready,omitempty"`   // a next-set node that signalled ready
	// Node is what the node's own /status says, when it answers.
	Node *nodeReport `json:"node,omitempty"`
	// Unreachable says why the node's /status did not answer (down, or /status on a private metricsListen).
	Unreachable string `json:"unreachable,omitempty"`
}

// nodeReport is the part of a node's /status that tells how it follows the epochs.
type nodeReport struct {
	Ready   bool            `json:"ready"`
	Epoch   uint64          `json:"epoch,omitempty"`
	Reshare json.RawMessage `json:"reshare,omitempty"`
}

// reshareReport is the node's /status reshare field (see docs/api.md).
type reshareReport struct {
	Phase     string `json:"phase"`
	NextEpoch uint64 `json:"nextEpoch"`
	Attempts  int    `json:"reshareAttempts"`
	LastError string `json:"lastError"`
	Previous  uint64 `json:"previousEpoch"` // kept for the grace period
}

type pendingJoinStatus struct {
	Address      string `json:"address"`
	Endpoint     string `json:"endpoint"`
	TransportKey string `json:"transportKey"` // what approve-join approves, with the endpoint
	DKGKey       string `json:"dkgKey"`
	Approved     bool   `json:"approved"`
}

type nextStatus struct {
	Epoch     uint64       `json:"epoch"`
	Threshold int          `json:"threshold"`
	Quorum    int          `json:"quorum"`
	Ready     int          `json:"ready"`
	Needed    int          `json:"needed"`  // 3t'+1 signals make the set ready
	Refresh   bool         `json:"refresh"` // the same set and t: the nodes advance it themselves
	Nodes     []statusNode `json:"nodes"`
}

type networkStatus struct {
	Epoch         uint64              `json:"epoch"`
	State         string              `json:"state"`
	Threshold     int                 `json:"threshold"`
	Quorum        int                 `json:"quorum"`
	Members       []statusNode        `json:"members"`
	PendingJoins  []pendingJoinStatus `json:"pendingJoins"`
	PendingLeaves []string            `json:"pendingLeaves"`
	Next          *nextStatus         `json:"next,omitempty"`
	NextStep      string              `json:"nextStep"`
	// RefreshPeriod is the epoch length in seconds (0: no periodic refresh); NextRefresh when the nodes
	// lock the next refresh themselves (the epoch's end).
	RefreshPeriod int64     `json:"refreshPeriodSeconds"`
	NextRefresh   time.Time `json:"nextRefresh,omitzero"`
}

func newNetworkStatusCmd() *cobra.Command {
	var f netFlags
	var watch bool
	var every time.Duration
	cmd := &cobra.Command{
		Use:   "status [--json] [--watch]",
		Short: "The epoch, the node set, pending requests, the next set's readiness and each node's reshare phase",
		Long: `Reads the registry (epoch, state, t and quorum, the members by stable index, pending joins and
leaves, the locked next set with who signalled ready) and each node's /status (its reshare phase:
idle, waiting, resharing, stored, signalled, outgoing, grace, left, no-shares), and says what the owner
does next. --watch prints again whenever something changes, until Ctrl-C: a reshare's progress.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			nw, err := f.load()
			if err != nil {
				return err
			}
			hc, err := nodeHTTP(nw, 3*time.Second)
			if err != nil {
				return err
			}
			if every <= 0 {
				return usagef("--every %s: want a positive interval", every)
			}
			out := cmd.OutOrStdout()
			if !watch {
				ctx, cancel := f.context(cmd.Context())
				defer cancel()
				st, err := readStatus(ctx, nw, hc)
				if err != nil {
					return err
				}
				return printStatus(out, f.json, st)
			}
			return watchStatus(cmd.Context(), nw, hc, f.timeout, every, out, f.json)
		},
	}
	f.register(cmd)
	cmd.Flags().BoolVar(&watch, "watch", false, "print again on every change until Ctrl-C (a reshare's progress)")
	cmd.Flags().DurationVar(&every, "every", time.Second, "with --watch, how often to look")
	return cmd
}

// watchStatus prints the status, then again each time it changes, until ctx ends (Ctrl-C). A reading
// that fails is printed once, and the watch goes on: the chain or a node may come back.
func watchStatus(ctx context.Context, nw *devnet.Network, hc *http.Client, timeout, every time.Duration, out io.Writer, asJSON bool) error {
	last := ""
	for {
		rctx, cancel := context.WithTimeout(ctx, timeout)
		st, err := readStatus(rctx, nw, hc)
		cancel()
		if ctx.Err() != nil {
			return nil
		}
		var b strings.Builder
		if err != nil {
			fmt.Fprintf(&b, "status: %v\n", err)
		} else if perr := printStatus(&b, asJSON, st); perr != nil {
			return perr
		}
		if s := b.String(); s != last {
			last = s
			if !asJSON {
				fmt.Fprintf(out, "--- %s\n", time.Now().Format("15:04:05"))
			}
			if _, err := io.WriteString(out, s); err != nil {
				return err
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(every):
		}
	}
}

// readStatus reads the registry, its pending requests and the nodes' /status.
func readStatus(ctx context.Context, nw *devnet.Network, hc *http.Client) (*networkStatus, error) {
	cc, err := dialChain(ctx, nw)
	if err != nil {
		return nil, err
	}
	defer cc.Close()
	reg, err := cc.Network(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the registry: %w", err)
	}
	joins, leaves, err := cc.PendingChanges(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the pending requests: %w", err)
	}
	st := &networkStatus{Epoch: reg.Epoch.Number, State: reg.State.String(), Threshold: reg.Threshold, Quorum: reg.Quorum,
		PendingJoins: []pendingJoinStatus{}, PendingLeaves: []string{}, RefreshPeriod: int64(reg.Epoch.Length / time.Second)}
	if reg.Epoch.Length > 0 {
		st.NextRefresh = reg.Epoch.EndTime.UTC()
	}
	https := false
	urls := map[common.Address]string{}
	for _, n := range nw.Nodes {
		urls[common.HexToAddress(n.Address)] = n.URL
		https = https || strings.HasPrefix(n.URL, "https://")
	}
	urlOf := func(n chain.Node) string {
		if u, ok := urls[n.Address]; ok {
			return u
		}
		if https {
			return "https://" + strings.TrimPrefix(n.URL(), "http://")
		}
		return n.URL()
	}
	leaving := map[common.Address]bool{}
	current := map[common.Address]bool{}
	for _, n := range reg.Nodes {
		current[n.Address] = true
	}
	inNext := map[common.Address]bool{}
	if reg.Next != nil {
		for _, n := range reg.Next.Nodes {
			inNext[n.Address] = true
		}
	}
	// While a next set is locked, the requests it carried out are shown in it, not as pending.
	for _, a := range leaves {
		leaving[a] = true
		if reg.Next == nil || inNext[a] {
			st.PendingLeaves = append(st.PendingLeaves, a.Hex())
		}
	}
	for _, n := range reg.Nodes {
		st.Members = append(st.Members, statusNode{Index: n.Index, Address: n.Address.Hex(), URL: urlOf(n),
			Leaving: leaving[n.Address] || reg.Next != nil && !inNext[n.Address]})
	}
	for _, j := range joins {
		if inNext[j.Address] {
			continue
		}
		st.PendingJoins = append(st.PendingJoins, pendingJoinStatus{Address: j.Address.Hex(),
			Endpoint: fmt.Sprintf("%s:%d", j.IP, j.Port), TransportKey: hex0x(j.TransportKey), DKGKey: hex0x(j.DKGKey), Approved: j.Approved})
	}
	if reg.Next != nil {
		nx := &nextStatus{Epoch: reg.Next.Epoch, Threshold: reg.Next.Threshold, Quorum: reg.Next.Quorum,
			Ready: len(reg.Next.Ready), Needed: 3*reg.Next.Threshold + 1, Refresh: reg.Next.Refresh}
		for _, n := range reg.Next.Nodes {
			nx.Nodes = append(nx.Nodes, statusNode{Index: n.Index, Address: n.Address.Hex(), URL: urlOf(n),
				Joining: !current[n.Address], Ready: slices.Contains(reg.Next.Ready, n.Address)})
		}
		st.Next = nx
	}
	st.askNodes(ctx, hc)
	st.NextStep = nextStep(st)
	return st, nil
}

// askNodes reads every node's /status at once; a node that does not answer is marked so.
func (st *networkStatus) askNodes(ctx context.Context, hc *http.Client) {
	var all []*statusNode
	for i := range st.Members {
		all = append(all, &st.Members[i])
	}
	if st.Next != nil {
		for i := range st.Next.Nodes {
			all = append(all, &st.Next.Nodes[i])
		}
	}
	var urls []string
	for _, n := range all {
		if !slices.Contains(urls, n.URL) {
			urls = append(urls, n.URL)
		}
	}
	reports := make([]*nodeReport, len(urls))
	errs := make([]string, len(urls))
	var wg sync.WaitGroup
	for i, u := range urls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := nodeStatus(ctx, hc, u)
			reports[i] = r
			if err != nil {
				errs[i] = err.Error()
			}
		}()
	}
	wg.Wait()
	for _, n := range all {
		i := slices.Index(urls, n.URL)
		n.Node, n.Unreachable = reports[i], errs[i]
	}
}

// nodeStatus reads a node's /status.
func nodeStatus(ctx context.Context, hc *http.Client, u string) (*nodeReport, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(u, "/")+"/status", nil)
	if err != nil {
		return nil, err
	}
	resp, err := hc.Do(req)
	var ne net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return nil, errors.New("not running: connection refused")
	case errors.As(err, &ne) && ne.Timeout():
		return nil, errors.New("timed out")
	case err != nil:
		return nil, errors.Unwrap(err) // the *url.Error repeats the URL the line already shows
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("/status: HTTP %d (served on the node's private metricsListen?)", resp.StatusCode)
	}
	var r nodeReport
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&r); err != nil {
		return nil, fmt.Errorf("/status: %w", err)
	}
	return &r, nil
}

// nextStep says what the owner does next, from the registry's state.
func nextStep(st *networkStatus) string {
	if st.Next != nil {
		if st.State == chain.ReadyForNextEpoch.String() {
			return "the next set is ready: \"flint network advance-epoch\""
		}
		return fmt.Sprintf("the next set is resharing (%d signalled ready, %d needed): wait, then \"flint network advance-epoch\"; \"flint network unlock-next-epoch\" aborts", st.Next.Ready, st.Next.Needed)
	}
	var waiting []string
	approved := 0
	for _, j := range st.PendingJoins {
		if j.Approved {
			approved++
		} else {
			waiting = append(waiting, j.Address)
		}
	}
	switch {
	case len(waiting) > 0:
		return fmt.Sprintf("join requests wait for the owner: \"flint network approve-join %s\" (or reject-join)", waiting[0])
	case approved > 0 || len(st.PendingLeaves) > 0:
		return "changes wait for a lock: \"flint network lock-next-epoch\""
	}
	return "nothing pending; \"flint network lock-next-epoch\" with no changes refreshes the shares"
}

func printStatus(w io.Writer, asJSON bool, st *networkStatus) error {
	if asJSON {
		return writeJSON(w, st)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "epoch %d, %s, t=%d, quorum %d, %d nodes\n", st.Epoch, st.State, st.Threshold, st.Quorum, len(st.Members))
	if st.RefreshPeriod > 0 {
		fmt.Fprintf(tw, "refresh every %s; the nodes refresh the shares by themselves from %s\n",
			time.Duration(st.RefreshPeriod)*time.Second, st.NextRefresh.Format(time.RFC3339))
	} else {
		fmt.Fprintln(tw, "no periodic refresh (flint network set-refresh-period)")
	}
	fmt.Fprintln(tw, "members:")
	for _, n := range st.Members {
		note := ""
		if n.Leaving {
			note = "leaving"
		}
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\n", n.Index, n.Address, n.URL, nodeLine(n), note)
	}
	if len(st.PendingJoins) > 0 {
		fmt.Fprintln(tw, "join requests:")
		for _, j := range st.PendingJoins {
			a := "awaiting approval"
			if j.Approved {
				a = "approved: enters at the next lock"
			}
			fmt.Fprintf(tw, "  \t%s\t%s\t%s\n", j.Address, j.Endpoint, a)
		}
	}
	if len(st.PendingLeaves) > 0 {
		fmt.Fprintf(tw, "leaving at the next lock:\t%s\n", strings.Join(st.PendingLeaves, ", "))
	}
	if nx := st.Next; nx != nil {
		fmt.Fprintf(tw, "next set, epoch %d: t'=%d, quorum %d, %d nodes, %d ready of %d needed (3t'+1)\n",
			nx.Epoch, nx.Threshold, nx.Quorum, len(nx.Nodes), nx.Ready, nx.Needed)
		for _, n := range nx.Nodes {
			var notes []string
			if n.Joining {
				notes = append(notes, "joining")
			}
			if n.Ready {
				notes = append(notes, "ready")
			} else {
				notes = append(notes, "not ready")
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\n", n.Index, n.Address, n.URL, nodeLine(n), strings.Join(notes, ", "))
		}
	}
	fmt.Fprintf(tw, "next step: %s\n", st.NextStep)
	return tw.Flush()
}

// nodeLine is what a node's /status says of it, in a few words.
func nodeLine(n statusNode) string {
	if n.Node == nil {
		if n.Unreachable == "" {
			return "no answer"
		}
		return "no answer: " + n.Unreachable
	}
	s := "starting"
	if n.Node.Ready {
		s = "serving"
	}
	if n.Node.Epoch != 0 {
		s += fmt.Sprintf(" epoch %d", n.Node.Epoch)
	}
	var r reshareReport
	if len(n.Node.Reshare) > 0 && json.Unmarshal(n.Node.Reshare, &r) == nil && r.Phase != "" {
		s += ", reshare " + r.Phase
		if r.Previous != 0 {
			s += fmt.Sprintf(" (keeps epoch %d's shares)", r.Previous)
		}
		if r.Attempts > 1 {
			s += fmt.Sprintf(" (attempt %d)", r.Attempts)
		}
		if r.LastError != "" {
			s += ": " + r.LastError
		}
	}
	return s
}
