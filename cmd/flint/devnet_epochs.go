package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/spf13/cobra"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/node"
)

// A running "flint devnet" owns its node processes; "flint devnet add-node" and "remove-node", run
// in another terminal, ask it to start or stop one through DIR/control.sock (a unix socket, reachable
// by this user only), and do the chain's part themselves with the contracts owner's key.
const controlSocket = "control.sock"

// nodeAdder is a devnet that can start a node that asks to join (devnet.Devnet.AddNode).
type nodeAdder interface {
	AddNode(ctx context.Context) (int, error)
}

// serveDevnetControl serves the running devnet's node management on DIR/control.sock until stop.
func serveDevnetControl(d *devnet.Devnet, changes *watchChanges, stderr io.Writer) (stop func(), err error) {
	path := filepath.Join(d.Dir(), controlSocket)
	os.Remove(path) // left by a devnet that was killed
	ln, err := net.Listen("unix", path)
	if err != nil {
		return nil, fmt.Errorf("devnet: control socket %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		ln.Close()
		return nil, fmt.Errorf("devnet: control socket %s: %w", path, err)
	}
	var mu sync.Mutex // one change of the node processes at a time
	mux := http.NewServeMux()
	mux.HandleFunc("POST /nodes", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		a, ok := any(d).(nodeAdder)
		if !ok {
			http.Error(w, "this flint devnet cannot start joining nodes", http.StatusNotImplemented)
			return
		}
		i, err := a.AddNode(r.Context())
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		n := d.Index(i)
		url, log := d.URLs()[i], filepath.Join(d.Dir(), fmt.Sprintf("node%d", n), "node.log")
		changes.add(&watched{index: n, url: url, log: log})
		fmt.Fprintf(stderr, "flint devnet: started node %d (%s), which asks to join; its log: %s\n", n, url, log)
		writeJSON(w, map[string]any{"node": n, "url": url})
	})
	// {n} is the node's number, its directory DIR/node<n>: after epoch changes the devnet's nodes need
	// not be 1 to n.
	mux.HandleFunc("POST /nodes/{n}/stop", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		n, err := strconv.Atoi(r.PathValue("n"))
		i, ok := d.Position(n) // d.nodes grows only under mu
		if err != nil || !ok {
			http.Error(w, "no such node", http.StatusNotFound)
			return
		}
		changes.remove(n) // stopped on purpose: not reported as a node going down
		if err := d.StopNode(i, true); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		fmt.Fprintf(stderr, "flint devnet: stopped node %d: it left the network\n", n)
		writeJSON(w, map[string]any{"node": n})
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	return func() { srv.Close(); os.Remove(path) }, nil
}

// watchChanges tells the devnet's watch of its nodes which ones the control socket started or stopped.
type watchChanges struct {
	mu      sync.Mutex
	added   []*watched
	removed []int // node numbers (DIR/node<n>)
}

func (w *watchChanges) add(n *watched) { w.mu.Lock(); w.added = append(w.added, n); w.mu.Unlock() }
func (w *watchChanges) remove(n int)   { w.mu.Lock(); w.removed = append(w.removed, n); w.mu.Unlock() }

// apply brings the watched nodes up to date.
func (w *watchChanges) apply(nodes []*watched) []*watched {
	w.mu.Lock()
	added, removed := w.added, w.removed
	w.added, w.removed = nil, nil
	w.mu.Unlock()
	nodes = append(nodes, added...)
	for _, i := range removed {
		nodes = slices.DeleteFunc(nodes, func(n *watched) bool { return n.index == i })
	}
	return nodes
}

// controlClient reaches a running devnet's control socket.
func controlClient(dir string) *http.Client {
	path := filepath.Join(dir, controlSocket)
	return &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", path)
	}}}
}

// control posts to a running devnet's control socket and decodes its answer.
func control(ctx context.Context, dir, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, "http://devnet"+path, nil)
	if err != nil {
		return err
	}
	resp, err := controlClient(dir).Do(req)
	if err != nil {
		return fmt.Errorf("no flint devnet runs in %s (start one with \"flint devnet --dir %s\"): %w", dir, dir, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("the devnet in %s: %s", dir, strings.TrimSpace(string(body)))
	}
	return json.Unmarshal(body, out)
}

// devnetEpochFlags are the flags of the devnet's epoch commands.
type devnetEpochFlags struct {
	dir       string
	threshold int
	allowT0   bool
	timeout   time.Duration
}

func (f *devnetEpochFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.dir, "dir", ".devnet", "directory of the running devnet")
	fl.IntVar(&f.threshold, "threshold", 0, "the next set's t' (0: floor((n'-1)/3))")
	fl.DurationVar(&f.timeout, "timeout", 10*time.Minute, "give up after this long")
}

// admin is the owner's view of the devnet in f.dir.
func (f *devnetEpochFlags) admin(cmd *cobra.Command) (*onChain, *http.Client, string, error) {
	af := adminFlags{netFlags{network: filepath.Join(f.dir, "network.json"), timeout: f.timeout}}
	oc, err := af.admin(cmd)
	if err != nil {
		return nil, nil, "", err
	}
	hc, err := nodeHTTP(oc.nw, 3*time.Second)
	if err != nil {
		oc.close()
		return nil, nil, "", err
	}
	return oc, hc, af.network, nil
}

func newDevnetAddNodeCmd() *cobra.Command {
	var f devnetEpochFlags
	cmd := &cobra.Command{
		Use:   "add-node [--dir DIR]",
		Short: "Add a node to the running devnet through an epoch change",
		Long: `Asks the "flint devnet" running in DIR to start one more node, which asks the registry to join;
then, as the contracts' owner, approves it, locks the next set, waits (with progress) until the next set
has reshared the keys and is ready, and advances the epoch. The new node serves from then on; every
PKP keeps its key.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			oc, hc, nwPath, err := f.admin(cmd)
			if err != nil {
				return err
			}
			defer oc.close()
			stderr := cmd.ErrOrStderr()
			if err := mustBeActive(oc); err != nil {
				return err
			}
			var added struct {
				Node int    `json:"node"` // its directory: DIR/node<Node>
				URL  string `json:"url"`
			}
			if err := control(oc.ctx, f.dir, "/nodes", &added); err != nil {
				return fmt.Errorf("add-node: %w", err)
			}
			addr, err := devnetNodeAddress(f.dir, added.Node)
			if err != nil {
				return fmt.Errorf("add-node: %w", err)
			}
			fmt.Fprintf(stderr, "flint: node %s started at %s; waiting for its join request\n", addr.Hex(), added.URL)
			j, err := waitJoinRequest(oc.ctx, oc.cc, addr)
			if err != nil {
				return fmt.Errorf("add-node: %w (see %s)", err, filepath.Join(f.dir, fmt.Sprintf("node%d", added.Node), "node.log"))
			}
			if _, err := oc.cc.ApproveJoin(oc.ctx, oc.cc.Transactor(oc.key), j); err != nil {
				return explainEpochErr(oc.ctx, oc.cc, "add-node: approve-join", addr, crypto.PubkeyToAddress(oc.key.PublicKey), err)
			}
			fmt.Fprintf(stderr, "flint: approved the join of %s\n", addr.Hex())
			if err := lockWaitAdvance(cmd, oc, hc, nwPath, &f); err != nil {
				return fmt.Errorf("add-node: %w", err)
			}
			if err := waitServing(oc.ctx, hc, added.URL); err != nil {
				return fmt.Errorf("add-node: the new node does not serve: %w", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "node %s (%s) joined and serves\n", addr.Hex(), added.URL)
			return nil
		},
	}
	f.register(cmd)
	return cmd
}

func newDevnetRemoveNodeCmd() *cobra.Command {
	var f devnetEpochFlags
	cmd := &cobra.Command{
		Use:   "remove-node N [--dir DIR]",
		Short: "Remove node N (its stable index) from the running devnet through an epoch change",
		Long: `As the contracts' owner, kicks node N (the index "flint network status" shows), locks the next
set, waits (with progress) until it has reshared the keys without node N and is ready, and advances;
then, once node N has left (its grace period over, its shares erased), asks the "flint devnet" running
in DIR to stop it.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("%s takes one node index, got %d arguments", cmd.CommandPath(), len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := strconv.Atoi(args[0])
			if err != nil || n < 1 || n > chain.MaxIndex {
				return usagef("remove-node %q: want a node index, 1 to %d (see flint network status)", args[0], chain.MaxIndex)
			}
			oc, hc, nwPath, err := f.admin(cmd)
			if err != nil {
				return err
			}
			defer oc.close()
			stderr := cmd.ErrOrStderr()
			if err := mustBeActive(oc); err != nil {
				return err
			}
			reg, err := oc.cc.Network(oc.ctx)
			if err != nil {
				return fmt.Errorf("remove-node: %w", err)
			}
			var victim *chain.Node
			for i := range reg.Nodes {
				if reg.Nodes[i].Index == n {
					victim = &reg.Nodes[i]
				}
			}
			if victim == nil {
				return usagef("remove-node %d: no node of the current set has index %d (see flint network status)", n, n)
			}
			url := victim.URL()
			for _, m := range oc.nw.Nodes {
				if m.Index == n {
					url = m.URL
				}
			}
			if _, err := oc.cc.KickNextEpoch(oc.ctx, oc.cc.Transactor(oc.key), victim.Address); err != nil {
				return explainEpochErr(oc.ctx, oc.cc, "remove-node: kick", victim.Address, crypto.PubkeyToAddress(oc.key.PublicKey), err)
			}
			fmt.Fprintf(stderr, "flint: node %d (%s) leaves at the next epoch\n", n, victim.Address.Hex())
			if err := lockWaitAdvance(cmd, oc, hc, nwPath, &f); err != nil {
				// Not left in the registry as a pending kick: a later change would carry it out unasked.
				if reg, rerr := oc.cc.Network(oc.ctx); rerr == nil && reg.State == chain.Active {
					oc.cc.CancelLeave(oc.ctx, oc.cc.Transactor(oc.key), victim.Address)
				}
				return fmt.Errorf("remove-node: %w", err)
			}
			fmt.Fprintf(stderr, "flint: waiting for node %d to erase its shares after the grace period\n", n)
			if err := waitLeft(oc.ctx, hc, url); err != nil {
				return fmt.Errorf("remove-node: node %d was removed from the set but did not say it left: %w", n, err)
			}
			num, err := devnetNodeNumber(f.dir, victim.Address)
			if err == nil {
				var stopped struct{}
				err = control(oc.ctx, f.dir, fmt.Sprintf("/nodes/%d/stop", num), &stopped)
			}
			if err != nil {
				return fmt.Errorf("remove-node: node %d left the network but is still running: %w", n, err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "node %d (%s) left the network and is stopped\n", n, victim.Address.Hex())
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().BoolVar(&f.allowT0, "allow-t0", false, "remove a node even if 2 or 3 remain (t' = 0: any one node signs alone)")
	return cmd
}

func newDevnetRefreshCmd() *cobra.Command {
	var f devnetEpochFlags
	cmd := &cobra.Command{
		Use:   "refresh [--dir DIR]",
		Short: "Refresh every node's key shares: an epoch change to the same set",
		Long: `As the contracts' owner, locks the same node set for the next epoch, waits (with progress) until its
nodes have reshared every root key to themselves and are ready, and advances. Every share changes; every
public key stays.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			oc, hc, nwPath, err := f.admin(cmd)
			if err != nil {
				return err
			}
			defer oc.close()
			if err := mustBeActive(oc); err != nil {
				return err
			}
			joins, leaves, err := oc.cc.PendingChanges(oc.ctx)
			if err != nil {
				return fmt.Errorf("refresh: %w", err)
			}
			for _, j := range joins {
				if j.Approved {
					return fmt.Errorf("refresh: the join of %s is approved, so the next lock would add it: use \"flint network lock-next-epoch\" for that change, or reject it first", j.Address.Hex())
				}
			}
			if len(leaves) > 0 {
				return fmt.Errorf("refresh: %s leaves at the next lock: use \"flint network lock-next-epoch\" for that change, or \"flint network cancel-leave\" first", leaves[0].Hex())
			}
			if err := lockWaitAdvance(cmd, oc, hc, nwPath, &f); err != nil {
				return fmt.Errorf("refresh: %w", err)
			}
			fmt.Fprintln(cmd.OutOrStdout(), "refreshed: every node holds new shares of the same keys")
			return nil
		},
	}
	f.register(cmd)
	return cmd
}

// mustBeActive refuses to start a change while another is under way.
func mustBeActive(oc *onChain) error {
	reg, err := oc.cc.Network(oc.ctx)
	if err != nil {
		return err
	}
	if reg.State != chain.Active {
		return fmt.Errorf("an epoch change is under way (the registry is %s): finish it with \"flint network advance-epoch --wait\" or undo it with \"flint network unlock-next-epoch\"", describeState(reg))
	}
	return nil
}

// lockWaitAdvance locks the next set, waits for it with progress on stderr, and advances. A wait that
// fails undoes the lock, so the devnet is left Active.
func lockWaitAdvance(cmd *cobra.Command, oc *onChain, hc *http.Client, nwPath string, f *devnetEpochFlags) error {
	stderr := cmd.ErrOrStderr()
	if !f.allowT0 {
		if err := checkNextSize(oc.ctx, oc.cc, f.threshold); err != nil {
			return err
		}
	}
	if _, err := oc.cc.LockNextEpoch(oc.ctx, oc.cc.Transactor(oc.key), f.threshold); err != nil {
		return explainEpochErr(oc.ctx, oc.cc, "lock-next-epoch", common.Address{}, crypto.PubkeyToAddress(oc.key.PublicKey), err)
	}
	fmt.Fprintln(stderr, "flint: locked the next set; the nodes reshare the keys")
	if err := waitNextReady(oc.ctx, oc.nw, hc, time.Second, stderr); err != nil {
		// The command's context may be over: undo with a fresh one.
		ctx, cancel := context.WithTimeout(context.WithoutCancel(oc.ctx), 30*time.Second)
		defer cancel()
		if _, uerr := oc.cc.UnlockNextEpoch(ctx, oc.cc.Transactor(oc.key)); uerr == nil {
			fmt.Fprintln(stderr, "flint: unlocked the next set again: the devnet is as before")
		}
		return err
	}
	_, msg, _, err := advance(oc, nwPath)
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "flint: %s\n", msg)
	return nil
}

// waitJoinRequest waits until the registry holds addr's join request, and returns it.
func waitJoinRequest(ctx context.Context, cc *chain.Client, addr common.Address) (chain.PendingJoin, error) {
	for {
		if j, err := pendingJoin(ctx, cc, addr); err == nil {
			return j, nil
		}
		select {
		case <-ctx.Done():
			return chain.PendingJoin{}, fmt.Errorf("no join request from %s: %w", addr.Hex(), ctx.Err())
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// waitServing waits until a node's /healthz says ready.
func waitServing(ctx context.Context, hc *http.Client, url string) error {
	for {
		if health(ctx, hc, url).ready {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(500 * time.Millisecond):
		}
	}
}

// waitLeft waits until a node's /status reshare phase is "left" (it erased its shares after the grace
// period), or the node no longer answers.
func waitLeft(ctx context.Context, hc *http.Client, url string) error {
	for {
		r, err := nodeStatus(ctx, hc, url)
		if err != nil && ctx.Err() == nil {
			return nil // gone already
		}
		var rs reshareReport
		if r != nil && len(r.Reshare) > 0 && json.Unmarshal(r.Reshare, &rs) == nil && rs.Phase == "left" {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// devnetNodeAddress is the identity address of the devnet's node n (DIR/node<n>).
func devnetNodeAddress(dir string, n int) (common.Address, error) {
	cfg, err := node.LoadConfig(filepath.Join(dir, fmt.Sprintf("node%d", n), "config.json"))
	if err != nil {
		return common.Address{}, err
	}
	k, err := crypto.HexToECDSA(strings.TrimPrefix(cfg.IdentityKey, "0x"))
	if err != nil {
		return common.Address{}, fmt.Errorf("node %d's identity key: %w", n, err)
	}
	return crypto.PubkeyToAddress(k.PublicKey), nil
}

// devnetNodeNumber finds the number n (DIR/node<n>) of the devnet's node with address addr. The devnet
// makes node directories 1, 2, 3, … without gaps and keeps a removed node's.
func devnetNodeNumber(dir string, addr common.Address) (int, error) {
	for n := 1; fileExists(filepath.Join(dir, fmt.Sprintf("node%d", n), "config.json")); n++ {
		if a, err := devnetNodeAddress(dir, n); err == nil && a == addr {
			return n, nil
		}
	}
	return 0, fmt.Errorf("no node directory in %s holds %s", dir, addr.Hex())
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
