// Command flint is Flint's single binary: the dev chain, the node, the devnet and client tools, one
// subcommand each. Each subcommand lives in its own file and registers itself in an init function.
//
// Exit codes: 0 success (and a clean stop of a long-running command on Ctrl-C or SIGTERM), 1 the
// operation failed (network, chain, node errors), 2 bad usage or input (flags, arguments, hex, config).
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/node"
)

// commands are the constructors of flint's subcommands, appended by each subcommand's file.
var commands []func() *cobra.Command

// Exit codes.
const (
	exitFailure = 1
	exitUsage   = 2
)

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "flint",
		Short: "Flint: a self-hostable threshold-cryptography network (Lit Actions and PKPs)",
		Long: `Flint: a self-hostable threshold-cryptography network (Lit Actions and PKPs).

Start a local network with "flint devnet", then mint, grant and sign with "flint pkp".
Exit codes: 0 success, 1 the operation failed, 2 bad usage or input.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		// A root with Args set reports unknown subcommands through it, as usage errors.
		Args: func(cmd *cobra.Command, args []string) error { return unknownSubcommand(cmd, args) },
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err: err} })
	for _, c := range commands {
		root.AddCommand(c())
	}
	return root
}

func main() {
	// The Actions worker pool starts its workers by running this binary again.
	actions.ServeWorkerIfChild()
	// Ctrl-C, SIGTERM or SIGHUP (the terminal closed) cancels the command's context; long-running
	// commands stop cleanly on it, and the devnet stops its nodes rather than leaving them running.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	err := newRootCmd().ExecuteContext(ctx)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "flint:", err)
		os.Exit(exitCode(err))
	}
}

// exitCode maps an error to the process's exit code.
func exitCode(err error) int {
	var ue *usageError
	if errors.As(err, &ue) || errors.Is(err, node.ErrConfig) {
		return exitUsage
	}
	return exitFailure
}

// usageError is bad usage or input: a flag, an argument, a malformed value. It exits with code 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// noArgs refuses positional arguments, as a usage error.
func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q (see %s --help)", cmd.CommandPath(), args, cmd.CommandPath())
	}
	return nil
}

// unknownSubcommand is the Args of a command that only groups subcommands.
func unknownSubcommand(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", args[0], cmd.CommandPath())
	if cmd.SuggestionsMinimumDistance <= 0 {
		cmd.SuggestionsMinimumDistance = 2 // cobra's own default, which SuggestionsFor does not apply
	}
	if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
		msg += fmt.Sprintf(" (did you mean %q?)", s[0])
	}
	return usagef("%s; see %s --help", msg, cmd.CommandPath())
}
