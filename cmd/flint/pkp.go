package main

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"math/big"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/spf13/cobra"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/ipfs"
)

func init() { commands = append(commands, newPKPCmd) }

func newPKPCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pkp",
		Short: "Mint PKPs, grant permissions, sign with them and decrypt for them",
		Long: `Programmable key pairs (PKPs): secp256k1 keys the nodes hold in shares, owned through an NFT.
Every subcommand reads the network from --network (default .devnet/network.json) and signs with
--key (default $FLINT_KEY, then the network's funded dev account).`,
		Args: unknownSubcommand,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(newPKPMintCmd(), newPKPGrantCmd(), newPKPPermissionsCmd(), newPKPTransferCmd(), newPKPSignCmd(), newPKPSessionCmd(), newPKPEncryptCmd(), newPKPDecryptCmd())
	cmd.AddCommand(newPKPSendTxCmd(), newPKPSignBTCCmd()) // the PKP as a wallet: pkp_wallet.go
	for _, sub := range pkpSubcommands {
		cmd.AddCommand(sub())
	}
	cmd.AddCommand(newPKPAddAuthMethodCmd(), newPKPAuthMethodsCmd()) // logins: pkp_authmethod.go
	return cmd
}

// pkpSubcommands are further pkp subcommands, each registered by its own file.
var pkpSubcommands []func() *cobra.Command

// tokenIDHex is a token id as 32 bytes of hex, the form the Lit SDK reads from the PKPMinted event.
func tokenIDHex(id *big.Int) string { return common.BigToHash(id).Hex() }

/* ========== mint ========== */

type mintResult struct {
	TokenID    string `json:"tokenId"`
	PublicKey  string `json:"publicKey"`
	EthAddress string `json:"ethAddress"`
	Owner      string `json:"owner"`
	TxHash     string `json:"txHash"`
}

func newPKPMintCmd() *cobra.Command {
	var f netFlags
	var claim bool
	var nonceHex string
	cmd := &cobra.Command{
		Use:   "mint",
		Short: "Mint a PKP owned by --key's address",
		Long: `Mints a PKP to the address of --key: the next key of the pool the nodes keep attested on chain
(mintNext), or with --claim a key the nodes derive from that address and a nonce (random, or --nonce),
attested by them on the spot for that address only (claimAndMint). Prints the token id, the public key
and its Ethereum address.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := f.onChain(cmd, true)
			if err != nil {
				return err
			}
			defer c.close()
			ctx, nw, key, cc := c.ctx, c.nw, c.key, c.cc
			var m *chain.Minted
			if claim {
				cl, err := connect(ctx, nw)
				if err != nil {
					return err
				}
				nonce, err := claimNonce(nonceHex)
				if err != nil {
					return err
				}
				m, err = cl.ClaimAndMint(ctx, cc, cc.Transactor(key), nonce)
				if err != nil {
					return fmt.Errorf("claim and mint: %w", err)
				}
			} else if m, err = mintNext(ctx, cc, cc.Transactor(key), cmd.ErrOrStderr()); err != nil {
				return err
			}
			res := mintResult{
				TokenID:    tokenIDHex(m.TokenID),
				PublicKey:  hex0x(m.Pubkey),
				EthAddress: chain.EthAddress(m.Pubkey).Hex(),
				Owner:      crypto.PubkeyToAddress(key.PublicKey).Hex(),
				TxHash:     m.Receipt.TxHash.Hex(),
			}
			out := cmd.OutOrStdout()
			if f.json {
				return writeJSON(out, res)
			}
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "Minted a PKP")
			fmt.Fprintf(tw, "  public key\t%s\n", res.PublicKey)
			fmt.Fprintf(tw, "  eth address\t%s\n", res.EthAddress)
			fmt.Fprintf(tw, "  token id\t%s (%s)\n", res.TokenID, m.TokenID)
			fmt.Fprintf(tw, "  owner\t%s\n", res.Owner)
			fmt.Fprintf(tw, "  transaction\t%s\n", res.TxHash)
			return tw.Flush()
		},
	}
	f.register(cmd)
	cmd.Flags().BoolVar(&claim, "claim", false, "mint a key claimed for --key's address (claimAndMint) instead of the nodes' pool")
	cmd.Flags().StringVar(&nonceHex, "nonce", "", "with --claim: the 32-byte nonce, in hex, the key is derived from (default random)")
	return cmd
}

// claimNonce parses --nonce, or picks a random one when it is empty.
func claimNonce(s string) ([32]byte, error) {
	var nonce [32]byte
	if s == "" {
		rand.Read(nonce[:])
		return nonce, nil
	}
	b, err := parseHex("nonce", s, 32)
	if err != nil {
		return nonce, err
	}
	return [32]byte(b), nil
}

// mintNext mints from the nodes' key pool, waiting while it is empty: right after genesis the nodes
// have not filled it yet.
func mintNext(ctx context.Context, cc *chain.Client, auth *bind.TransactOpts, progress io.Writer) (*chain.Minted, error) {
	waiting := false
	for {
		m, err := cc.MintNext(ctx, auth)
		if !errors.Is(err, chain.ErrKeyPoolEmpty) {
			if err != nil {
				return nil, explainChainErr("mint", err, nil)
			}
			return m, nil
		}
		if !waiting {
			fmt.Fprintln(progress, "flint: the nodes' pool of attested keys is empty (they fill it within seconds of genesis); waiting…")
			waiting = true
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("mint: %w and the nodes did not refill it in time (see their logs, or mint with --claim): %w", chain.ErrKeyPoolEmpty, ctx.Err())
		case <-time.After(time.Second):
		}
	}
}

/* ========== grant ========== */

type grantResult struct {
	TxHash      string `json:"txHash"`
	GasUsed     uint64 `json:"gasUsed"`
	BlockNumber uint64 `json:"blockNumber"`
}

func newPKPGrantCmd() *cobra.Command {
	var f netFlags
	var pubkey, address, action string
	var scopes []uint
	cmd := &cobra.Command{
		Use:   "grant --pubkey P (--address A | --action CID) --scope 1",
		Short: "Permit an address or an Action to use a PKP (the PKP's owner signs)",
		Long: `Adds --address to the PKP's permitted addresses, or the Action with IPFS CID --action to its
permitted Actions, with the given scopes: 1 = sign anything, 2 = EIP-191 personal-sign only. The
transaction is signed with --key, which must own the PKP.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			pub, err := parsePubkey(pubkey)
			if err != nil {
				return err
			}
			if (address == "") == (action == "") {
				return usagef("give --address or --action (one of them)")
			}
			var addr common.Address
			var cid ipfs.CID
			grantee := ""
			if action != "" {
				if cid, err = parseCID("action", action); err != nil {
					return err
				}
				grantee = "Action " + cid.String()
			} else {
				if addr, err = parseAddress("address", address); err != nil {
					return err
				}
				grantee = addr.Hex()
			}
			sc, err := parseScopes(scopes)
			if err != nil {
				return err
			}
			c, err := f.onChain(cmd, true)
			if err != nil {
				return err
			}
			defer c.close()
			ctx, key, cc := c.ctx, c.key, c.cc
			grant := func() (*types.Receipt, error) {
				if action != "" {
					return cc.AddPermittedAction(ctx, cc.Transactor(key), chain.TokenID(pub), cid.Bytes(), sc...)
				}
				return cc.AddPermittedAddress(ctx, cc.Transactor(key), chain.TokenID(pub), addr, sc...)
			}
			r, err := grant()
			if err != nil {
				return explainChainErr("grant", err, pub)
			}
			res := grantResult{TxHash: r.TxHash.Hex(), GasUsed: r.GasUsed, BlockNumber: r.BlockNumber.Uint64()}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Granted %s scopes %s on PKP %s\n  transaction %s (block %d, gas used %d)\n",
				grantee, scopeList(sc), chain.EthAddress(pub).Hex(), res.TxHash, res.BlockNumber, res.GasUsed)
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&pubkey, "pubkey", "", "the PKP's public key (hex)")
	cmd.Flags().StringVar(&address, "address", "", "the address to permit")
	cmd.Flags().StringVar(&action, "action", "", "the IPFS CID (Qm…) of the Action to permit")
	cmd.Flags().UintSliceVar(&scopes, "scope", []uint{uint(chain.ScopeSignAnything)}, "scopes to grant: 1 = sign anything, 2 = personal-sign only (repeat or comma-separate)")
	return cmd
}

func scopeList(sc []chain.Scope) string {
	var s []string
	for _, x := range sc {
		s = append(s, fmt.Sprint(x))
	}
	return strings.Join(s, ",")
}

// explainChainErr adds what the user can do to the chain errors a PKP command commonly meets.
func explainChainErr(op string, err error, pub []byte) error {
	switch {
	case errors.Is(err, chain.ErrUnknownToken) && pub != nil:
		return fmt.Errorf("%s: no PKP with public key %s on this network: %w", op, hex0x(pub), err)
	case errors.Is(err, chain.ErrNotOwner):
		return fmt.Errorf("%s: the --key account does not own PKP %s; only its owner can change its permissions: %w", op, chain.EthAddress(pub).Hex(), err)
	case strings.Contains(err.Error(), "insufficient funds"):
		return fmt.Errorf("%s: the --key account cannot pay for the transaction (on a devnet, the network.json dev account can): %w", op, err)
	}
	return fmt.Errorf("%s: %w", op, err)
}

/* ========== permissions ========== */

type permittedAddress struct {
	Address string `json:"address"`
	Scopes  []int  `json:"scopes"`
	Owner   bool   `json:"owner,omitempty"`
}

type permittedAction struct {
	CID    string `json:"cid"`
	Scopes []int  `json:"scopes"`
}

type permissionsResult struct {
	TokenID    string `json:"tokenId"`
	PublicKey  string `json:"publicKey"`
	EthAddress string `json:"ethAddress"`
	Owner      string `json:"owner"`
	Burned     bool   `json:"burned"`
	// OwnerGeneration counts the sales that wiped the permissions; only this generation's grants count.
	OwnerGeneration uint64             `json:"ownerGeneration"`
	Addresses       []permittedAddress `json:"addresses"`
	Actions         []permittedAction  `json:"actions"`
}

func newPKPPermissionsCmd() *cobra.Command {
	var f netFlags
	var pubkey string
	cmd := &cobra.Command{
		Use:   "permissions --pubkey P",
		Short: "Show a PKP's owner, permitted addresses and Actions",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := f.pkpOnChain(cmd, "permissions", pubkey, false)
			if err != nil {
				return err
			}
			defer c.close()
			res, err := permissions(c.ctx, c.cc, c.id, c.pkp)
			if err != nil {
				return explainChainErr("permissions", err, c.pub)
			}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			return printPermissions(cmd.OutOrStdout(), res)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&pubkey, "pubkey", "", "the PKP's public key (hex)")
	return cmd
}

func permissions(ctx context.Context, cc *chain.Client, id *big.Int, p *chain.PKP) (*permissionsResult, error) {
	res := &permissionsResult{
		TokenID: tokenIDHex(id), PublicKey: hex0x(p.Pubkey), EthAddress: p.EthAddress.Hex(), Owner: p.Owner.Hex(), Burned: p.Burned,
		OwnerGeneration: p.OwnerGeneration,
		Addresses:       []permittedAddress{}, Actions: []permittedAction{},
	}
	addrs, err := cc.PermittedAddresses(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, a := range addrs {
		sc, err := cc.PermittedAuthMethodScopes(ctx, id, chain.AuthMethodAddress, a.Bytes())
		if err != nil {
			return nil, err
		}
		res.Addresses = append(res.Addresses, permittedAddress{Address: a.Hex(), Scopes: ints(sc), Owner: !p.Burned && a == p.Owner})
	}
	actions, err := cc.PermittedActions(ctx, id)
	if err != nil {
		return nil, err
	}
	for _, raw := range actions {
		sc, err := cc.PermittedAuthMethodScopes(ctx, id, chain.AuthMethodAction, raw)
		if err != nil {
			return nil, err
		}
		name := hex0x(raw)
		if c, err := ipfs.FromBytes(raw); err == nil {
			name = c.String()
		}
		res.Actions = append(res.Actions, permittedAction{CID: name, Scopes: ints(sc)})
	}
	return res, nil
}

func ints(sc []chain.Scope) []int {
	out := make([]int, 0, len(sc))
	for _, s := range sc {
		out = append(out, int(s))
	}
	sort.Ints(out)
	return out
}

func printPermissions(w io.Writer, r *permissionsResult) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "PKP %s\n", r.PublicKey)
	fmt.Fprintf(tw, "  eth address\t%s\n", r.EthAddress)
	fmt.Fprintf(tw, "  token id\t%s\n", r.TokenID)
	if r.Burned {
		fmt.Fprintln(tw, "  owner\tnone (burned: the permissions below are final)")
	} else {
		fmt.Fprintf(tw, "  owner\t%s\n", r.Owner)
	}
	fmt.Fprintf(tw, "  owner generation\t%d (grants of earlier owners do not count)\n", r.OwnerGeneration)
	label := "  addresses"
	for _, a := range r.Addresses {
		note := "scopes " + fmt.Sprint(a.Scopes)
		if a.Owner {
			note = "owner (may sign)"
		}
		fmt.Fprintf(tw, "%s\t%s  %s\n", label, a.Address, note)
		label = ""
	}
	if len(r.Addresses) == 0 {
		fmt.Fprintln(tw, "  addresses\tnone")
	}
	label = "  actions"
	for _, a := range r.Actions {
		fmt.Fprintf(tw, "%s\t%s  scopes %v\n", label, a.CID, a.Scopes)
		label = ""
	}
	if len(r.Actions) == 0 {
		fmt.Fprintln(tw, "  actions\tnone")
	}
	return tw.Flush()
}

/* ========== transfer ========== */

type transferResult struct {
	TokenID         string `json:"tokenId"`
	From            string `json:"from"`
	To              string `json:"to"`
	OwnerGeneration uint64 `json:"ownerGeneration"`
	PermissionsKept bool   `json:"permissionsKept"`
	TxHash          string `json:"txHash"`
	BlockNumber     uint64 `json:"blockNumber"`
}

func newPKPTransferCmd() *cobra.Command {
	var f netFlags
	var pubkey, to string
	cmd := &cobra.Command{
		Use:   "transfer --pubkey P --to ADDRESS",
		Short: "Transfer a PKP's NFT to another account (the PKP's owner signs)",
		Long: `Transfers the PKP's NFT from --key's address to --to. A transfer to a new owner starts an empty
permission set: the addresses, Actions and auth methods granted so far stop counting at every node
within one block, so a buyer gets a PKP only they control. A transfer to the PKP's own address (--to
its eth address, the "send the PKP to itself" lock) keeps the permissions.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dest, err := parseAddress("to", to)
			if err != nil {
				return err
			}
			c, err := f.pkpOnChain(cmd, "transfer", pubkey, true)
			if err != nil {
				return err
			}
			defer c.close()
			ctx, key, cc, pub, id, before := c.ctx, c.key, c.cc, c.pub, c.id, c.pkp
			from := crypto.PubkeyToAddress(key.PublicKey)
			if before.Burned || before.Owner != from {
				return explainChainErr("transfer", chain.ErrNotOwner, pub)
			}
			r, err := cc.Transfer(ctx, cc.Transactor(key), id, dest)
			if err != nil {
				return explainChainErr("transfer", err, pub)
			}
			after, err := cc.PKP(ctx, id)
			if err != nil {
				return explainChainErr("transfer", err, pub)
			}
			res := transferResult{
				TokenID: tokenIDHex(id), From: from.Hex(), To: dest.Hex(), OwnerGeneration: after.OwnerGeneration,
				PermissionsKept: after.OwnerGeneration == before.OwnerGeneration,
				TxHash:          r.TxHash.Hex(), BlockNumber: r.BlockNumber.Uint64(),
			}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			note := "permissions reset: the grants of earlier owners no longer count"
			if res.PermissionsKept {
				note = "permissions kept"
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Transferred PKP %s to %s\n  owner generation %d (%s)\n  transaction %s (block %d)\n",
				chain.EthAddress(pub).Hex(), res.To, res.OwnerGeneration, note, res.TxHash, res.BlockNumber)
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&pubkey, "pubkey", "", "the PKP's public key (hex)")
	cmd.Flags().StringVar(&to, "to", "", "the new owner's address")
	return cmd
}

/* ========== sign ========== */

type failedNode struct {
	URL     string `json:"url"`
	Status  int    `json:"status,omitempty"`
	Code    string `json:"code,omitempty"`
	Message string `json:"message"`
}

type signResult struct {
	R           string       `json:"r"`
	S           string       `json:"s"`
	V           int          `json:"v"`
	RecID       int          `json:"recid"`
	Signature   string       `json:"signature"`
	PublicKey   string       `json:"publicKey"`
	EthAddress  string       `json:"ethAddress"`
	Hash        string       `json:"hash"`
	RequestID   string       `json:"requestId"`
	Signers     []string     `json:"signers"`
	BadNodes    []string     `json:"badNodes"`
	FailedNodes []failedNode `json:"failedNodes"`
}

func newPKPSignCmd() *cobra.Command {
	var f netFlags
	var pubkey, hash, message, session string
	cmd := &cobra.Command{
		Use:   "sign [--pubkey P] (--hash H | --message M) [--session FILE]",
		Short: "Sign a 32-byte hash with a PKP",
		Long: `Asks every node to sign with the PKP, authorised by a session key that --key grants (SIWE with a
ReCap, EIP-191), which signs a separate credential for each node. The --key address must own the PKP
or be permitted with scope 1. Combines the first quorum of shares, verifies the signature and names nodes that failed or sent bad shares.

With --session FILE, the PKP session in FILE signs instead of --key: the session signatures "flint pkp
session" writes (or the Lit SDK's getPkpSessionSigs returns). An expired or altered file, or one made
for other nodes, is refused before anything is sent. --pubkey is then optional: the session names its
PKP, whose key is read from the chain.

--hash is the 32-byte digest to sign. --message M is a shortcut that signs keccak256 of the UTF-8
bytes of M (no EIP-191 prefix).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			var pub []byte
			var err error
			if pubkey != "" || session == "" {
				if pub, err = parsePubkey(pubkey); err != nil {
					return err
				}
			}
			var h [32]byte
			switch {
			case hash != "" && cmd.Flags().Changed("message"):
				return usagef("give --hash or --message, not both")
			case cmd.Flags().Changed("message"):
				copy(h[:], crypto.Keccak256([]byte(message)))
			default:
				if h, err = parseHash(hash); err != nil {
					return err
				}
			}
			var (
				ctx    context.Context
				cl     *client.Client
				cred   client.Credential
				caller common.Address
			)
			if session != "" {
				s, err := f.savedSession(cmd, session, pub, true)
				if err != nil {
					return err
				}
				defer s.cancel()
				ctx, cl, cred, caller, pub = s.ctx, s.cl, s.sigs, s.file.pkp, s.pub
			} else {
				s, err := f.signedSession(cmd)
				if err != nil {
					return err
				}
				defer s.cancel()
				ctx, cl, cred, caller = s.ctx, s.cl, s.sess, crypto.PubkeyToAddress(s.key.PublicKey)
			}
			sr, err := cl.PKPSign(ctx, cred, pub, h)
			if err != nil {
				return explainSignErr(err, caller, pub)
			}
			res := signResultOf(sr)
			for _, u := range res.BadNodes {
				fmt.Fprintf(cmd.ErrOrStderr(), "flint: warning: node %s sent a share that does not fit the signature\n", u)
			}
			for _, n := range res.FailedNodes {
				if slices.Contains(res.BadNodes, n.URL) {
					continue // said above
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "flint: warning: node %s failed: %s\n", n.URL, n.Message)
			}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintf(tw, "signature\t%s\n", res.Signature)
			fmt.Fprintf(tw, "r\t%s\n", res.R)
			fmt.Fprintf(tw, "s\t%s\n", res.S)
			fmt.Fprintf(tw, "v\t%d (recovery id %d)\n", res.V, res.RecID)
			fmt.Fprintf(tw, "hash\t%s\n", res.Hash)
			fmt.Fprintf(tw, "public key\t%s\n", res.PublicKey)
			fmt.Fprintf(tw, "address\t%s\n", res.EthAddress)
			return tw.Flush()
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&pubkey, "pubkey", "", "the PKP's public key (hex); with --session, default the session's PKP")
	cmd.Flags().StringVar(&hash, "hash", "", "the 32-byte hash to sign (hex)")
	cmd.Flags().StringVar(&message, "message", "", "sign keccak256 of this text instead of --hash")
	cmd.Flags().StringVar(&session, "session", "", "sign with the PKP session in this file (flint pkp session --out, or the Lit SDK's getPkpSessionSigs) instead of --key")
	return cmd
}

func signResultOf(sr *client.SignResult) signResult {
	res := signResult{
		R:           hex0x(sr.R[:]),
		S:           hex0x(sr.S[:]),
		V:           27 + int(sr.V),
		RecID:       int(sr.V),
		Signature:   hex0x(sr.Bytes()),
		PublicKey:   hex0x(sr.PublicKey),
		EthAddress:  chain.EthAddress(sr.PublicKey).Hex(),
		Hash:        hex0x(sr.Hash[:]),
		RequestID:   sr.RequestID,
		Signers:     append([]string{}, sr.Signers...),
		BadNodes:    append([]string{}, sr.BadNodes...),
		FailedNodes: failedNodes(sr.Failed),
	}
	return res
}

// explainSignErr adds a hint when every node refused for the same reason.
func explainSignErr(err error, signer common.Address, pub []byte) error {
	return explainPKPRefusal("sign", "sign with", "; the owner can run flint pkp grant", err, signer, pub)
}

// explainPKPRefusal adds a hint to a PKP operation's error (op, e.g.
// "sign") when every node refused it for the same reason: what the caller
// may not do (doing, e.g. "sign with") and why.
func explainPKPRefusal(op, doing, remedy string, err error, caller common.Address, pub []byte) error {
	var ne *client.NodesError
	if !errors.As(err, &ne) || len(ne.Nodes) == 0 {
		return fmt.Errorf("%s: %w", op, err)
	}
	code := ne.Nodes[0].Code
	for _, n := range ne.Nodes {
		if n.Code != code {
			code = ""
		}
	}
	switch code {
	case "NodeNotAuthorized":
		return fmt.Errorf("%s: %s may not %s PKP %s (it is neither the owner nor permitted with scope 1 by the current owner, and grants made before the PKP's last transfer to a new owner no longer count%s): %w",
			op, caller.Hex(), doing, chain.EthAddress(pub).Hex(), remedy, err)
	case "NodePKPNotFound":
		return fmt.Errorf("%s: no PKP with public key %s on this network: %w", op, hex0x(pub), err)
	case "NodePKPNotAuthorized":
		return fmt.Errorf("%s: PKP %s no longer permits the login of this session (a revoked login stops its sessions within a block): %w", op, chain.EthAddress(pub).Hex(), err)
	}
	return fmt.Errorf("%s: %w", op, err)
}
