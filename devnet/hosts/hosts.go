// Package hosts runs a devnet whose nodes are separate hosts, for fault
// tests: each node is a `flint node` process in a Linux network namespace
// of its own, with its own address (10.77.X.10+i on a /24 the harness
// picks), wired by a veth pair to a switch; the dev chain and the test's
// clients stay in the host's namespace, at 10.77.X.1 on the same switch
// (the chain serves on loopback only, so a relay on 10.77.X.1 forwards the
// nodes' connections to it).
// Tests can then cut a node off (Partition), add round-trip time between
// every two hosts (SetRTT), drop a share of the packets (SetLoss), and kill
// or restart nodes.
//
// Delay and loss: `tc qdisc ... netem` is the usual tool, but the kernel of
// the machines this runs on has no netem qdisc ("Error: Specified qdisc
// kind is unknown."), so a kernel bridge could connect the hosts but not
// delay them. The switch is therefore in this process: it reads every
// Ethernet frame from the host ends of the veth pairs through AF_PACKET
// sockets and forwards it by learned MAC address after half the RTT, or
// drops it with the loss probability, or drops it because its port is cut.
// The faults are those of packets, below TCP, so a lost segment costs the
// nodes a real retransmission, and nothing in the node knows it is tested.
//
// Namespaces and veth pairs are made with iproute2's ip; everything the
// harness makes carries its process id in its name, is removed by Close,
// and is swept by the next Start if a crashed run left it behind. It needs
// root or CAP_NET_ADMIN; Probe says whether it has them.
package hosts

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"os"
	"sync"
	"time"

	"github.com/flint-network/flint/devnet"
)

// Config configures a Net.
type Config struct {
	// Flint is the flint binary the nodes run (`flint node --config`).
	Flint string
	// Devnet is the devnet's configuration (Dir, Nodes, Pool, Round, ...).
	// The harness sets its addresses (FirstIP, APIPort, ChainRPC) and how
	// nodes start (Exec, Wrap).
	Devnet devnet.Config
	// Spare is how many namespaces to make beyond the devnet's nodes, on
	// the switch and ready for nodes that join later (the devnet's node
	// n+1, n+2, …: the addresses count on from FirstIP and Wrap names
	// their namespaces). Cut, Partition and the rest take their indexes.
	Spare int
	// Inside, when set, returns what goes between `ip netns exec NS` and
	// node i's (0-based) command line, asked at every start: a test runs a
	// corrupt node (node.Adversary, which no flag or file of the flint
	// binary reaches) by re-executing its own binary there.
	Inside func(i int) []string
	// Logger gets the harness's own lines.
	Logger *slog.Logger
}

// Net is a running devnet of hosts.
type Net struct {
	*devnet.Devnet
	names  names
	subnet netip.Prefix
	nodes  int // namespaces: the devnet's nodes and the spares
	sw     *switch_
	relay  *relay
	log    *slog.Logger

	mu     sync.Mutex
	heals  map[int]*time.Timer
	closed bool
}

// Start makes the namespaces, links and switch, and starts the devnet in
// them; use WaitReady for the DKG. On error everything made is removed.
func Start(ctx context.Context, cfg Config) (*Net, error) {
	if cfg.Flint == "" {
		return nil, errors.New("hosts: the flint binary is required")
	}
	if cfg.Logger == nil {
		cfg.Logger = discard()
	}
	if err := Probe(ctx); err != nil {
		return nil, err
	}
	sweep(ctx)
	nodes := cfg.Devnet.Nodes
	if nodes == 0 {
		nodes = 4
	}
	if err := devnet.CheckNodeCount(nodes); err != nil {
		return nil, fmt.Errorf("hosts: %w", err)
	}
	if cfg.Spare < 0 || nodes+cfg.Spare > 240 {
		return nil, fmt.Errorf("hosts: %d nodes and %d spares do not fit a /24 (240 at most)", nodes, cfg.Spare)
	}
	n := &Net{names: newNames(), nodes: nodes + cfg.Spare, log: cfg.Logger, heals: map[int]*time.Timer{}}
	var err error
	if n.subnet, err = freeSubnet(ctx, os.Getpid()+int(seq.Load())); err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			n.teardown()
		}
	}()
	if err := n.wire(ctx); err != nil {
		return nil, err
	}
	dc := cfg.Devnet
	dc.Nodes = nodes
	dc.FirstIP = n.nodeAddr(1)
	dc.APIPort = 7470 // every host has its own addresses, so the default port
	dc.ChainRPC = "127.0.0.1:0"
	dc.NodeChain = func(url string) (string, error) {
		var nodeURL string
		n.relay, nodeURL, err = startRelay(n.Gateway(), url)
		return nodeURL, err
	}
	dc.Exec = []string{cfg.Flint, "node"}
	dc.Wrap = func(i int) []string {
		w := []string{"ip", "netns", "exec", n.names.ns(i)}
		if cfg.Inside != nil {
			w = append(w, cfg.Inside(i-1)...)
		}
		return w
	}
	if n.Devnet, err = devnet.Start(ctx, dc); err != nil {
		return nil, err
	}
	n.log.Info("hosts up", "subnet", n.subnet, "nodes", nodes, "spares", cfg.Spare, "namespaces", n.names.ns(1)+"…")
	ok = true
	return n, nil
}

// wire makes the namespaces and links and starts the switch.
func (n *Net) wire(ctx context.Context) error {
	if err := link(ctx, n.names, n.subnet, n.nodes, n.nodeAddr); err != nil {
		return err
	}
	var err error
	n.sw, err = newSwitch(append([]string{n.names.hostIf(1)}, hostEnds(n.names, n.nodes)...))
	return err
}

// nodeAddr is node i's (1-based) address.
func (n *Net) nodeAddr(i int) netip.Addr { return addr(n.subnet, 10+i) }

// Addr is node i's (0-based, as in devnet.StopNode) address.
func (n *Net) Addr(i int) netip.Addr { return n.nodeAddr(i + 1) }

// Namespace is the name of node i's (0-based) network namespace.
func (n *Net) Namespace(i int) string { return n.names.ns(i + 1) }

// Gateway is the host's own address on the switch, where the chain and
// the test's clients are.
func (n *Net) Gateway() netip.Addr { return addr(n.subnet, 1) }

func (n *Net) port(i int) (*port, error) {
	if i < 0 || i >= n.nodes {
		return nil, fmt.Errorf("hosts: no node %d (0 to %d)", i, n.nodes-1)
	}
	return n.sw.ports[i+1], nil // port 0 is the host's
}

// Cut cuts node i (0-based) off: every frame to or from it is dropped,
// until Heal.
func (n *Net) Cut(i int) error {
	p, err := n.port(i)
	if err != nil {
		return err
	}
	p.cut.Store(true)
	n.log.Info("node cut off", "node", i+1)
	return nil
}

// Heal reconnects node i (0-based).
func (n *Net) Heal(i int) error {
	p, err := n.port(i)
	if err != nil {
		return err
	}
	n.mu.Lock()
	if t := n.heals[i]; t != nil {
		t.Stop()
		delete(n.heals, i)
	}
	n.mu.Unlock()
	p.cut.Store(false)
	n.log.Info("node reconnected", "node", i+1)
	return nil
}

// Partitioned says whether node i (0-based) is cut off now.
func (n *Net) Partitioned(i int) bool {
	p, err := n.port(i)
	return err == nil && p.cut.Load()
}

// Partition cuts node i (0-based) off now and heals it after d, in the
// background; it returns at once.
func (n *Net) Partition(i int, d time.Duration) error {
	if err := n.Cut(i); err != nil {
		return err
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if t := n.heals[i]; t != nil {
		t.Stop()
	}
	n.heals[i] = time.AfterFunc(d, func() { n.Heal(i) })
	return nil
}

// SetRTT sets the round-trip time between every two hosts (nodes, and the
// host with the chain and the clients): each frame waits d/2 in the switch.
func (n *Net) SetRTT(d time.Duration) {
	n.sw.setRTT(d)
	n.log.Info("round-trip time set", "rtt", d)
}

// SetLoss sets the probability (0 to 1) that the switch drops a frame.
func (n *Net) SetLoss(p float64) error {
	if p < 0 || p > 1 {
		return fmt.Errorf("hosts: loss %v is not a probability", p)
	}
	n.sw.setLoss(p)
	n.log.Info("loss set", "loss", p)
	return nil
}

// Dropped counts the frames the switch dropped (loss, cuts, full queues).
func (n *Net) Dropped() uint64 { return n.sw.dropped.Load() }

// Kill kills node i's (0-based) process with SIGKILL: a crash.
func (n *Net) Kill(i int) error { return n.StopNode(i, false) }

// Restart starts node i (0-based) again in its namespace, with its keys.
func (n *Net) Restart(i int) error { return n.StartNode(i) }

// Close stops the nodes and the chain, then removes the switch, the
// namespaces and the links. It is safe to call twice.
func (n *Net) Close() error {
	n.mu.Lock()
	if n.closed {
		n.mu.Unlock()
		return nil
	}
	n.closed = true
	for _, t := range n.heals {
		t.Stop()
	}
	n.mu.Unlock()
	var err error
	if n.Devnet != nil {
		err = n.Devnet.Close()
	}
	return errors.Join(err, n.teardown())
}

// teardown removes the switch, the namespaces and the links (the devnet,
// if any, is stopped by then: a namespace lives while a process is in it).
func (n *Net) teardown() error {
	if n.relay != nil {
		n.relay.close()
	}
	if n.sw != nil {
		n.sw.close()
	}
	return unlink(context.Background(), n.names, n.nodes)
}

func discard() *slog.Logger { return slog.New(slog.DiscardHandler) }
