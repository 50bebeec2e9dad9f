package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/spf13/cobra"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/wire"
)

func init() {
	pkpSubcommands = append(pkpSubcommands, newPKPClaimCmd)
}

type claimResult struct {
	mintResult
	DerivedKeyID string `json:"derivedKeyId"`
	AuthMethodID string `json:"authMethodId"`
}

// maxAccessTokenFile bounds an access token read from a file or stdin.
const maxAccessTokenFile = 64 << 10

func newPKPClaimCmd() *cobra.Command {
	var f netFlags
	var method, token string
	cmd := &cobra.Command{
		Use:   "claim",
		Short: "Mint the PKP of a login (an auth method) to --key's address",
		Long: `Claims the PKP key the nodes derive from a login (POST /web/pkp/claim) and mints it to the address of
--key with claimAndMint. The same login always gives the same PKP, on any machine.

--auth-method wallet (type 1) signs a SIWE login with --key itself; any other type (a number: 6 Google,
8 Apple, 9–13 Stytch) takes its token from --access-token (the text, @FILE, or - for stdin). An ID token
must carry --key's address as its nonce claim: the nodes attest the key for the address the login names.
Prints the PKP and the auth method id to permit on it.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := f.onChain(cmd, true)
			if err != nil {
				return err
			}
			defer c.close()
			ctx, key, cc := c.ctx, c.key, c.cc
			cl, err := connect(ctx, c.nw)
			if err != nil {
				return err
			}
			var am wire.AuthMethod
			switch strings.ToLower(method) {
			case "wallet", "ethwallet", "1":
				if token != "" {
					am = wire.AuthMethod{AuthMethodType: 1, AccessToken: token}
				} else if am, err = cl.WalletLogin(key, 10*time.Minute); err != nil {
					return err
				}
			case "":
				return usagef("--auth-method is required (wallet, or a type number)")
			default:
				t, err := strconv.ParseUint(method, 10, 32)
				if err != nil {
					return usagef("--auth-method %q: want wallet or a type number", method)
				}
				tok, err := readToken(cmd.InOrStdin(), token)
				if err != nil {
					return err
				}
				am = wire.AuthMethod{AuthMethodType: uint32(t), AccessToken: tok}
			}
			m, k, err := cl.ClaimAndMintWithAuthMethod(ctx, cc, cc.Transactor(key), am)
			if err != nil {
				return fmt.Errorf("claim and mint: %w", err)
			}
			res := claimResult{
				mintResult: mintResult{
					TokenID:    tokenIDHex(m.TokenID),
					PublicKey:  hex0x(m.Pubkey),
					EthAddress: chain.EthAddress(m.Pubkey).Hex(),
					Owner:      crypto.PubkeyToAddress(key.PublicKey).Hex(),
					TxHash:     m.Receipt.TxHash.Hex(),
				},
				DerivedKeyID: hex0x(k.KeyID[:]),
				AuthMethodID: k.AuthMethodID.Hex(),
			}
			out := cmd.OutOrStdout()
			if f.json {
				return writeJSON(out, res)
			}
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "Claimed and minted a PKP")
			fmt.Fprintf(tw, "  public key\t%s\n", res.PublicKey)
			fmt.Fprintf(tw, "  eth address\t%s\n", res.EthAddress)
			fmt.Fprintf(tw, "  token id\t%s (%s)\n", res.TokenID, m.TokenID)
			fmt.Fprintf(tw, "  owner\t%s\n", res.Owner)
			fmt.Fprintf(tw, "  derived key id\t%s\n", res.DerivedKeyID)
			fmt.Fprintf(tw, "  auth method\ttype %d, id %s\n", am.AuthMethodType, res.AuthMethodID)
			fmt.Fprintf(tw, "  transaction\t%s\n", res.TxHash)
			return tw.Flush()
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&method, "auth-method", "", "the login: wallet (signs with --key), or an auth method type number")
	cmd.Flags().StringVar(&token, "access-token", "", "the auth method's access token: the text, @FILE, or - for stdin")
	return cmd
}

// readToken reads --access-token: the text itself, @FILE, or - for stdin.
func readToken(stdin io.Reader, s string) (string, error) {
	var r io.Reader
	switch {
	case s == "":
		return "", usagef("--access-token is required for this auth method")
	case s == "-":
		r = stdin
	case strings.HasPrefix(s, "@"):
		fh, err := os.Open(s[1:])
		if err != nil {
			return "", usagef("--access-token: %v", err)
		}
		defer fh.Close()
		r = fh
	default:
		return s, nil
	}
	b, err := io.ReadAll(io.LimitReader(r, maxAccessTokenFile+1))
	if err != nil {
		return "", err
	}
	if len(b) > maxAccessTokenFile {
		return "", usagef("--access-token: over %d bytes", maxAccessTokenFile)
	}
	return strings.TrimSpace(string(b)), nil
}
