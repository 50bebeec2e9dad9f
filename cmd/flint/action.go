package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/ipfs"
)

func init() { commands = append(commands, newActionCmd) }

func newActionCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "action",
		Short: "Publish and run Actions (JavaScript programs the nodes run and that may sign with PKPs)",
		Args:  unknownSubcommand,
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newActionPublishCmd(), newActionRunCmd())
	return cmd
}

/* ========== publish ========== */

type publishResult struct {
	CID   string `json:"cid"`
	Bytes int    `json:"bytes"`
	Store string `json:"store"`
}

func newActionPublishCmd() *cobra.Command {
	var f netFlags
	var store string
	cmd := &cobra.Command{
		Use:   "publish FILE",
		Short: "Add an Action's code to the devnet's IPFS store and print its CID",
		Long: `Computes the file's IPFS CID (CIDv0, exactly as "ipfs add" does) and adds the file to the content
store every node of the devnet reads Action code from: the directory network.json names as ipfsStore
(DIR/ipfs of "flint devnet"), or --store. The nodes then run it by CID ("flint action run --cid"),
and a PKP's owner can permit it ("flint pkp grant --action CID"). On a network that fetches code
from IPFS gateways, publish with any IPFS tool instead: the CID is the same.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usagef("%s takes one argument, the file to publish (see %s --help)", cmd.CommandPath(), cmd.CommandPath())
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			code, err := os.ReadFile(args[0])
			if err != nil {
				return usagef("%v", err)
			}
			dir := store
			if dir == "" {
				nw, err := f.load()
				if err != nil {
					return err
				}
				if nw.IPFSStore == "" {
					return usagef("%s names no ipfsStore (a devnet made before Actions?): pass --store", f.network)
				}
				dir = nw.IPFSStore
			}
			st, err := ipfs.OpenStore(dir)
			if err != nil {
				return err
			}
			c, err := st.Put(code)
			if err != nil {
				return err
			}
			res := publishResult{CID: c.String(), Bytes: len(code), Store: dir}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			fmt.Fprintln(cmd.OutOrStdout(), res.CID)
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&store, "store", "", "content store directory (default: network.json's ipfsStore)")
	return cmd
}

/* ========== run ========== */

func newActionRunCmd() *cobra.Command {
	var f netFlags
	var file, cid, params, session string
	cmd := &cobra.Command{
		Use:   "run (--file F | --cid C) [--params JSON] [--session FILE] [--json]",
		Short: "Run an Action on every node and combine what it signed",
		Long: `Sends the Action (its code with --file, or its CID with --cid) to every node with --params as its
jsParams, authorised by a session key that --key grants (SIWE with a ReCap), which signs a separate
credential for each node. Prints the response most nodes agree on, the
logs, and every signature the Action asked for, combined from the nodes' shares and verified, and any
key it claimed. Nodes that disagree are named on stderr.

An Action may sign with a PKP when the --key address may use it (owner, or permitted with scope 1), or
when the PKP permits the Action's CID ("flint pkp grant --pubkey P --action CID").

With --session FILE, the PKP session in FILE ("flint pkp session --out FILE", or the Lit SDK's
getPkpSessionSigs) authorises the run instead of --key: the Action acts as that PKP and may sign
with it.

--json prints the Lit SDK's executeJs result: {claims, signatures: {<sigName>: {r, s, recid,
signature, publicKey, dataSigned}}, response, logs}.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var act client.Action
			switch {
			case (file == "") == (cid == ""):
				return usagef("give --file or --cid (one of them)")
			case file != "":
				code, err := os.ReadFile(file)
				if err != nil {
					return usagef("--file: %v", err)
				}
				act.Code = code
			default:
				c, err := parseCID("cid", cid)
				if err != nil {
					return err
				}
				act.CID = c.String()
			}
			var jsParams any
			if params != "" {
				var m map[string]any
				if err := json.Unmarshal([]byte(params), &m); err != nil {
					return usagef("--params must be a JSON object: %v", err)
				}
				jsParams = m
			}
			var (
				ctx  context.Context
				cl   *client.Client
				cred client.Credential
			)
			if session != "" {
				s, err := f.savedSession(cmd, session, nil, false)
				if err != nil {
					return err
				}
				defer s.cancel()
				ctx, cl, cred = s.ctx, s.cl, s.sigs
			} else {
				s, err := f.signedSession(cmd)
				if err != nil {
					return err
				}
				defer s.cancel()
				ctx, cl, cred = s.ctx, s.cl, s.sess
			}
			res, err := cl.Execute(ctx, cred, act, jsParams)
			if res != nil {
				warnDissent(cmd.ErrOrStderr(), res)
			}
			if err != nil {
				return explainActionErr(cmd.ErrOrStderr(), err)
			}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			return printActionResult(cmd.OutOrStdout(), res)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&file, "file", "", "the Action's code (a .js file)")
	cmd.Flags().StringVar(&cid, "cid", "", "the Action's IPFS CID (Qm…), published to the nodes' store or their gateways")
	cmd.Flags().StringVar(&params, "params", "", "jsParams, a JSON object whose keys become the Action's globals")
	cmd.Flags().StringVar(&session, "session", "", "run with the PKP session in this file (flint pkp session --out) instead of --key")
	return cmd
}

// warnDissent names the nodes that failed, answered otherwise or sent shares left out.
func warnDissent(w io.Writer, res *client.ExecuteResult) {
	for _, n := range res.Failed {
		msg := n.Message
		if n.Err != nil {
			msg = n.Err.Error()
		}
		fmt.Fprintf(w, "flint: warning: node %s failed: %s\n", n.URL, firstLine(msg))
	}
	for _, u := range res.Dissent {
		fmt.Fprintf(w, "flint: warning: node %s gave another response than the %d nodes that agree\n", u, res.Agree)
	}
	for _, name := range sortedSigNames(res.Signatures) {
		for _, u := range res.Signatures[name].BadNodes {
			fmt.Fprintf(w, "flint: warning: node %s: its share of %q was left out\n", u, name)
		}
	}
}

// explainActionErr prints an Action's logs and says what failed.
func explainActionErr(w io.Writer, err error) error {
	var ae *client.ActionError
	if errors.As(err, &ae) {
		if ae.Logs != "" {
			fmt.Fprintf(w, "Action logs:\n%s", indent(ae.Logs))
		}
		return fmt.Errorf("the Action failed on %d nodes (%s): %s", ae.Nodes, ae.Code, ae.Message)
	}
	if errors.Is(err, client.ErrShares) {
		return fmt.Errorf("the Action ran, but its signatures do not combine: %w", err)
	}
	return fmt.Errorf("run: %w", err)
}

func printActionResult(w io.Writer, res *client.ExecuteResult) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "response\t%s\n", res.Response)
	fmt.Fprintf(tw, "agreed by\t%d of %d nodes that ran it\n", res.Agree, res.Answered)
	for _, name := range sortedSigNames(res.Signatures) {
		s := res.Signatures[name]
		fmt.Fprintf(tw, "signature %q\t%s\n", name, hex0x(s.Bytes()))
		fmt.Fprintf(tw, "  signed\t%s\n", hex0x(s.Hash[:]))
		fmt.Fprintf(tw, "  by PKP\t%s\n  address\t%s\n", hex0x(s.PublicKey), chain.EthAddress(s.PublicKey).Hex())
	}
	keys := make([]string, 0, len(res.Claims))
	for k := range res.Claims {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		c := res.Claims[k]
		fmt.Fprintf(tw, "claim %q\tkey id %s, %d node signatures\n", k, hex0x(c.DerivedKeyID[:]), len(c.Signatures))
		if len(c.PublicKey) > 0 {
			fmt.Fprintf(tw, "  public key\t%s\n", hex0x(c.PublicKey))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if res.Logs != "" {
		fmt.Fprintf(w, "logs:\n%s", indent(res.Logs))
	}
	return nil
}

func sortedSigNames(m map[string]*client.ActionSignature) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func indent(s string) string {
	s = strings.TrimRight(s, "\n")
	return "  " + strings.ReplaceAll(s, "\n", "\n  ") + "\n"
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// parseCID reads an Action's CID for a flag.
func parseCID(flag, s string) (ipfs.CID, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return ipfs.CID{}, usagef("--%s is required (an IPFS CID, Qm…, as \"flint action publish\" prints it)", flag)
	}
	c, err := ipfs.Parse(s)
	if err != nil {
		return ipfs.CID{}, usagef("--%s %q: %v", flag, s, err)
	}
	return c, nil
}
