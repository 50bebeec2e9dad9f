package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/explorer"
)

func init() { commands = append(commands, newExplorerCmd) }

func newExplorerCmd() *cobra.Command {
	var nf netFlags
	var listen string
	cmd := &cobra.Command{
		Use:   "explorer [--network FILE] [--listen HOST:PORT]",
		Short: "Serve the explorer: a web page of the network's nodes, their health and traffic",
		Long: `Serves the Flint explorer for the network of network.json: a web app showing the epoch, quorum and
threshold, each node's health, version, peers and presignature pool, and the network's request rate,
success rate and latency over the last minutes, updated every second; and a PKPs page that looks a PKP
up by public key, address or token id, with its permissions, and lists the PKPs an address holds. It
reads the nodes' /status and /metrics (on their client API, as a devnet serves them); a node that
serves them elsewhere (metricsListen) shows only its health. PKPs are read from network.json's chain;
on loopback, with a network.json that has a dev account (a devnet's), the PKPs page may also mint,
grant, revoke and transfer with that account, labelled as such.

It listens on loopback (` + explorer.DefaultListen + `) unless --listen says otherwise, and works offline:
the app is in the binary. "flint devnet" runs one too, and prints its address in its ready line.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			nw, err := nf.load()
			if err != nil {
				return err
			}
			hc, err := nodeHTTP(nw, 0)
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", listen)
			if err != nil {
				return usagef("--listen %s: %w", listen, err)
			}
			return runExplorer(cmd.Context(), nw, hc, ln, cmd.OutOrStdout(), cmd.ErrOrStderr())
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&nf.network, "network", defaultNetwork, "the network's network.json (written by flint devnet)")
	fl.StringVar(&nf.ca, "ca", "", "PEM file of the certificates to trust for nodes serving https; default $"+caEnv+", then the network.json caFile, then the system's CAs")
	fl.StringVar(&listen, "listen", explorer.DefaultListen, "host:port to serve the explorer on; anything but loopback shows the network to whoever reaches it")
	return cmd
}

// runExplorer serves the explorer of nw on ln until ctx ends.
func runExplorer(ctx context.Context, nw *devnet.Network, hc *http.Client, ln net.Listener, stdout, stderr io.Writer) error {
	addr := ln.Addr().String()
	s, err := newExplorer(nw, hc, addr)
	if err != nil {
		ln.Close()
		return err
	}
	if !explorer.IsLoopback(addr) {
		fmt.Fprintf(stderr, "flint explorer: listening on %s, not loopback: anyone who reaches it sees the network's state\n", addr)
	}
	fmt.Fprintf(stdout, "flint explorer: %s (the network of %d nodes; Ctrl-C stops it)\n", explorer.URL(addr), len(nw.Nodes))
	return s.Serve(ctx, ln)
}

// newExplorer makes the explorer of a network.json, to listen on addr. The PKPs page may write with
// a devnet's dev account (network.json's devAccountKey) only on loopback: anyone who reaches the
// explorer could spend it.
func newExplorer(nw *devnet.Network, hc *http.Client, addr string) (*explorer.Server, error) {
	cfg := explorer.Config{ChainID: nw.ChainID, Threshold: nw.Threshold, Quorum: nw.Quorum, HTTP: hc,
		Chain: func(ctx context.Context) (explorer.Chain, error) {
			c, err := chain.Dial(ctx, nw.ChainRPC, nw.Contracts)
			if err != nil {
				return nil, err
			}
			return c, nil // kept by the explorer for as long as it runs
		}}
	for _, n := range nw.Nodes {
		cfg.Nodes = append(cfg.Nodes, explorer.Node{Index: n.Index, URL: n.URL, Address: n.Address})
	}
	if nw.DevKey != "" && explorer.IsLoopback(addr) {
		k, err := parseKey("network.json devAccountKey", nw.DevKey)
		if err != nil {
			return nil, err
		}
		cfg.DevAccount = k
		cfg.IPFSStore = nw.IPFSStore
		cfg.Connect = func(ctx context.Context) (*client.Client, error) { return connect(ctx, nw) }
	}
	s, err := explorer.New(cfg)
	if err != nil {
		return nil, usagef("%w", err)
	}
	return s, nil
}

// listenExplorer opens the devnet's explorer listener on addr. When the default address is taken
// (another devnet, another explorer), it takes a free loopback port instead rather than failing.
func listenExplorer(addr string, chosen bool) (net.Listener, error) {
	if !loopbackHostPort(addr) {
		return nil, usagef("--explorer %q: want a loopback host:port such as %s, or \"off\"", addr, explorer.DefaultListen)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil && !chosen && errors.Is(err, syscall.EADDRINUSE) {
		host, _, _ := net.SplitHostPort(addr)
		ln, err = net.Listen("tcp", net.JoinHostPort(host, "0"))
	}
	if err != nil {
		return nil, fmt.Errorf("devnet: the explorer: %w", err)
	}
	return ln, nil
}
