// Command flint is Flint's single binary: the dev chain, the node, the devnet and client tools, one
// subcommand each. Each subcommand lives in its own file and registers itself in an init function.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"
)

// commands are the constructors of flint's subcommands, appended by each subcommand's file.
var commands []func() *cobra.Command

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:           "flint",
		Short:         "Flint: a self-hostable threshold-cryptography network (Lit Actions and PKPs)",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	for _, c := range commands {
		root.AddCommand(c())
	}
	return root
}

func main() {
	// Ctrl-C or SIGTERM cancels the command's context; long-running commands stop cleanly on it.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := newRootCmd().ExecuteContext(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "flint:", err)
		os.Exit(1)
	}
}
