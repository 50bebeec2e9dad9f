package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"text/tabwriter"

	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/spf13/cobra"

	"github.com/flint-network/flint/chain/devchain"
)

func init() { commands = append(commands, newChainCmd) }

func newChainCmd() *cobra.Command {
	var cfg devchain.Config
	cmd := &cobra.Command{
		Use:   "chain",
		Short: "Run a local development chain with Flint's contracts deployed",
		Long: `Runs a go-ethereum development chain (blocks sealed as transactions arrive) serving JSON-RPC on a
loopback address. The first start in --dir creates funded development accounts and deploys the contracts;
later starts resume the same chain. Stop it with Ctrl-C.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runChain(cmd.Context(), cmd.OutOrStdout(), cfg)
		},
	}
	cmd.Flags().StringVar(&cfg.Dir, "dir", ".devnet/chain", "data directory (chain, accounts, contract addresses)")
	cmd.Flags().StringVar(&cfg.RPCAddr, "rpc-addr", "127.0.0.1:8545", "loopback host:port for HTTP and WebSocket JSON-RPC")
	cmd.Flags().IntVar(&cfg.Accounts, "accounts", 10, "development accounts to create on first start")
	return cmd
}

func runChain(ctx context.Context, out io.Writer, cfg devchain.Config) error {
	cfg.Logger = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	c, err := devchain.Start(ctx, cfg)
	if err != nil {
		return err
	}
	a := c.Addresses()
	fmt.Fprintf(out, "flint chain ready rpc=%s chainId=%d staking=%s pkpNft=%s pkpPermissions=%s pubkeyRouter=%s pkpHelper=%s\n",
		c.RPCURL(), c.ChainID(), a.Staking, a.PKPNFT, a.PKPPermissions, a.PubkeyRouter, a.PKPHelper)
	fmt.Fprintf(out, "Lit SDK contract context: %s\n", c.ContractsFile())
	fmt.Fprintln(out, "Development accounts (their keys are public: never use them on a real chain):")
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for i, acct := range c.Accounts() {
		fmt.Fprintf(tw, "  %d\t%s\t%s", i, acct.Address, hexutil.Encode(crypto.FromECDSA(acct.Key)))
		if i == 0 {
			fmt.Fprint(tw, "\tcontracts owner")
		}
		fmt.Fprintln(tw)
	}
	if err := tw.Flush(); err != nil {
		c.Close()
		return err
	}
	<-ctx.Done()
	fmt.Fprintln(out, "flint chain stopping")
	return c.Close()
}
