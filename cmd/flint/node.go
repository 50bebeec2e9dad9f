package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/flint-network/flint/node"
)

func init() { commands = append(commands, newNodeCmd) }

// nodeFlags override the config file and the FLINT_* environment.
type nodeFlags struct {
	config     string
	dataDir    string
	apiListen  string
	peerListen string
	chainRPC   string
	logLevel   string
	logFormat  string
	withParent bool
	tlsCert    string
	tlsKey     string
}

func newNodeCmd() *cobra.Command {
	var f nodeFlags
	cmd := &cobra.Command{
		Use:   "node --config FILE",
		Short: "Run a Flint node",
		Long: `Runs a Flint node daemon until Ctrl-C or SIGTERM: it holds its key shares, runs the protocols with
its peers, serves the Lit-compatible client API and /metrics, and logs to stderr.

Configuration comes from the JSON file of --config, then FLINT_* environment variables (FLINT_DATA_DIR,
FLINT_IDENTITY_KEY, FLINT_TRANSPORT_KEY, FLINT_STORE_KEY, FLINT_CHAIN_RPC, FLINT_API_LISTEN,
FLINT_PEER_LISTEN, FLINT_LOG_LEVEL, FLINT_API_TLS_CERT, FLINT_API_TLS_KEY), then the flags below, each
overriding the one before. With a TLS certificate and key the client API serves https (see
"flint node tls-cert" and docs/operating.md); without, http.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runNode(cmd, &f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.config, "config", "", "JSON config file (optional when the environment and flags give everything)")
	fl.StringVar(&f.dataDir, "data-dir", "", "data directory (the node's store)")
	fl.StringVar(&f.apiListen, "api-listen", "", "client API ip:port, as registered on chain (IPv4)")
	fl.StringVar(&f.peerListen, "peer-listen", "", "peer transport address (default: the API's ip and port+1)")
	fl.StringVar(&f.chainRPC, "chain-rpc", "", "the chain's JSON-RPC URL")
	fl.StringVar(&f.logLevel, "log-level", "", "debug, info, warn or error (default info)")
	fl.StringVar(&f.logFormat, "log-format", "text", "text or json")
	fl.BoolVar(&f.withParent, "exit-with-parent", false, "stop when the process that started this one exits (flint devnet sets it)")
	fl.StringVar(&f.tlsCert, "tls-cert", "", "PEM certificate of the client API; with --tls-key the API serves https")
	fl.StringVar(&f.tlsKey, "tls-key", "", "PEM key of --tls-cert")
	cmd.AddCommand(newTLSCertCmd())
	cmd.AddCommand(newNodeUsageCmd())
	cmd.AddCommand(newNodeJoinCmd(), newNodeLeaveCmd()) // epochs.go
	return cmd
}

// exitWithParent cancels when the parent process goes away (the node is
// then re-parented), so a devnet killed with SIGKILL leaves no node behind.
func exitWithParent(ctx context.Context) context.Context {
	ctx, cancel := context.WithCancel(ctx)
	parent := os.Getppid()
	go func() {
		defer cancel()
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if os.Getppid() != parent {
					return
				}
			}
		}
	}()
	return ctx
}

func runNode(cmd *cobra.Command, f *nodeFlags) error {
	cfg, err := node.LoadConfig(f.config)
	if err != nil {
		return err
	}
	fl := cmd.Flags()
	for _, o := range []struct {
		flag string
		dst  *string
		val  string
	}{
		{"data-dir", &cfg.DataDir, f.dataDir},
		{"api-listen", &cfg.APIListen, f.apiListen},
		{"peer-listen", &cfg.PeerListen, f.peerListen},
		{"chain-rpc", &cfg.ChainRPC, f.chainRPC},
		{"log-level", &cfg.LogLevel, f.logLevel},
		{"tls-cert", &cfg.API.TLSCert, f.tlsCert},
		{"tls-key", &cfg.API.TLSKey, f.tlsKey},
	} {
		if fl.Changed(o.flag) {
			*o.dst = o.val
		}
	}
	log, err := newLogger(cmd.ErrOrStderr(), cfg.LogLevel, f.logFormat)
	if err != nil {
		return err
	}
	n, err := node.New(cfg, log)
	if err != nil {
		return err
	}
	// Other processes of this user (an Action worker, where the kernel has
	// no Landlock) must not read this one's memory or /proc/<pid>/environ,
	// which hold the keys.
	if err := notDumpable(); err != nil {
		log.Warn("could not make the node process non-dumpable", "err", err)
	}
	log.Info("flint node starting", "config", cfg.String())
	ctx := cmd.Context()
	if f.withParent {
		ctx = exitWithParent(ctx)
	}
	if err := n.Run(ctx); err != nil {
		log.Error("flint node failed", "err", err)
		return err
	}
	return nil
}

// newLogger makes the node's slog logger.
func newLogger(w io.Writer, level, format string) (*slog.Logger, error) {
	var lv slog.Level
	if level != "" {
		if err := lv.UnmarshalText([]byte(level)); err != nil {
			return nil, usagef("log level %q: want debug, info, warn or error", level)
		}
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch strings.ToLower(format) {
	case "text", "":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, usagef("--log-format %q: want text or json", format)
}
