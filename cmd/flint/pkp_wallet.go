package main

import (
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/params"
	"github.com/spf13/cobra"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
)

// The PKP as a wallet: pkp send-tx (Ethereum), pkp sign-btc (a PSBT's
// P2WPKH input), and devnet fund, which gives a PKP's address the ETH
// send-tx spends.

/* ========== amounts ========== */

// maxWei bounds amounts typed on the command line: 2^128 wei, far more ETH
// than exists, so no arithmetic on them overflows a uint256.
var maxWei = new(big.Int).Lsh(big.NewInt(1), 128)

// parseEth reads an amount of ether in decimal ("1", "0.25", "1e-3" is not
// accepted) with at most 18 decimals, as wei.
func parseEth(flag, s string) (*big.Int, error) {
	s = strings.TrimSpace(s)
	whole, frac, _ := strings.Cut(s, ".")
	if s == "" || whole == "" && frac == "" || strings.Trim(whole+frac, "0123456789") != "" {
		return nil, usagef("--%s %q: want a decimal amount of ether such as 1 or 0.25", flag, s)
	}
	if len(frac) > 18 {
		return nil, usagef("--%s %q: more than 18 decimals (1 wei is 0.000000000000000001 ether)", flag, s)
	}
	wei, ok := new(big.Int).SetString(whole+frac+strings.Repeat("0", 18-len(frac)), 10)
	if !ok || wei.Cmp(maxWei) > 0 {
		return nil, usagef("--%s %q: over the limit of 2^128 wei", flag, s)
	}
	return wei, nil
}

// parseWei reads an amount of wei in decimal.
func parseWei(flag, s string) (*big.Int, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.Trim(s, "0123456789") != "" {
		return nil, usagef("--%s %q: want a whole number of wei in decimal", flag, s)
	}
	wei, _ := new(big.Int).SetString(s, 10)
	if wei.Cmp(maxWei) > 0 {
		return nil, usagef("--%s %q: over the limit of 2^128 wei", flag, s)
	}
	return wei, nil
}

// formatEth prints wei as ether, without trailing zeros.
func formatEth(wei *big.Int) string {
	q, r := new(big.Int).QuoRem(wei, big.NewInt(params.Ether), new(big.Int))
	if r.Sign() == 0 {
		return q.String()
	}
	return q.String() + "." + strings.TrimRight(fmt.Sprintf("%018s", r.String()), "0")
}

/* ========== devnet fund ========== */

type fundResult struct {
	From        string `json:"from"`
	To          string `json:"to"`
	Wei         string `json:"wei"`
	Balance     string `json:"balance"`
	TxHash      string `json:"txHash"`
	BlockNumber uint64 `json:"blockNumber"`
}

func newDevnetFundCmd() *cobra.Command {
	var f netFlags
	var to, eth string
	cmd := &cobra.Command{
		Use:   "fund --to ADDRESS --eth AMOUNT",
		Short: "Send ETH from the network's dev account (or --key) to an address, such as a PKP's",
		Long: `Sends --eth ether on the network's chain from the network.json dev account (or --key, or
$FLINT_KEY) to --to, and waits for the transfer. Give a PKP's eth address ("flint pkp mint" prints
it) to let "flint pkp send-tx" pay for its transactions.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dest, err := parseAddress("to", to)
			if err != nil {
				return err
			}
			if eth == "" {
				return usagef("--eth is required (the amount of ether to send, such as 1 or 0.25)")
			}
			wei, err := parseEth("eth", eth)
			if err != nil {
				return err
			}
			if wei.Sign() == 0 {
				return usagef("--eth 0: nothing to send")
			}
			c, err := f.onChain(cmd, true)
			if err != nil {
				return err
			}
			defer c.close()
			ctx, key, cc := c.ctx, c.key, c.cc
			r, err := sendETH(ctx, cc.Eth(), key, dest, wei)
			if err != nil {
				return explainChainErr("fund", err, nil)
			}
			bal, err := cc.Eth().BalanceAt(ctx, dest, nil)
			if err != nil {
				return fmt.Errorf("fund: balance of %s: %w", dest, err)
			}
			res := fundResult{From: crypto.PubkeyToAddress(key.PublicKey).Hex(), To: dest.Hex(), Wei: wei.String(), Balance: bal.String(),
				TxHash: r.TxHash.Hex(), BlockNumber: r.BlockNumber.Uint64()}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Sent %s ETH from %s to %s (balance now %s ETH)\n  transaction %s (block %d)\n",
				formatEth(wei), res.From, res.To, formatEth(bal), res.TxHash, res.BlockNumber)
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&to, "to", "", "the address to fund")
	cmd.Flags().StringVar(&eth, "eth", "", "how much ether to send (decimal, such as 1 or 0.25)")
	return cmd
}

// sendETH sends value wei from key to to in an EIP-1559 transfer and waits
// for its receipt.
func sendETH(ctx context.Context, ec *ethclient.Client, key *ecdsa.PrivateKey, to common.Address, value *big.Int) (*types.Receipt, error) {
	from := crypto.PubkeyToAddress(key.PublicKey)
	chainID, err := ec.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("chain id: %w", err)
	}
	nonce, err := ec.PendingNonceAt(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("nonce of %s: %w", from, err)
	}
	head, err := ec.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("head: %w", err)
	}
	if head.BaseFee == nil {
		return nil, errors.New("the chain has no base fee: not an EIP-1559 chain")
	}
	tip, err := ec.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, fmt.Errorf("gas tip: %w", err)
	}
	tx := types.NewTx(&types.DynamicFeeTx{
		ChainID: chainID, Nonce: nonce, GasTipCap: tip,
		GasFeeCap: new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2))),
		Gas:       params.TxGas, To: &to, Value: value,
	})
	signed, err := types.SignTx(tx, types.LatestSignerForChainID(chainID), key)
	if err != nil {
		return nil, fmt.Errorf("signing: %w", err)
	}
	if err := ec.SendTransaction(ctx, signed); err != nil {
		return nil, fmt.Errorf("sending from %s: %w", from, err)
	}
	r, err := chain.WaitReceipt(ctx, ec, signed.Hash())
	if err != nil {
		return nil, fmt.Errorf("waiting for %s: %w", signed.Hash(), err)
	}
	if r.Status != types.ReceiptStatusSuccessful {
		return nil, fmt.Errorf("transfer %s failed on chain", signed.Hash())
	}
	return r, nil
}

/* ========== pkp send-tx ========== */

type sendTxResult struct {
	TxHash      string `json:"txHash"`
	Status      string `json:"status"` // "success" or "reverted"
	From        string `json:"from"`
	To          string `json:"to"`
	Value       string `json:"value"` // wei
	Nonce       uint64 `json:"nonce"`
	GasLimit    uint64 `json:"gasLimit"`
	GasUsed     uint64 `json:"gasUsed"`
	GasPrice    string `json:"effectiveGasPrice"` // wei
	BlockNumber uint64 `json:"blockNumber"`
	ChainID     uint64 `json:"chainId"`
	RequestID   string `json:"requestId"`
}

func newPKPSendTxCmd() *cobra.Command {
	var f netFlags
	var pubkey, to, value, eth, data string
	var gasLimit uint64
	cmd := &cobra.Command{
		Use:   "send-tx --pubkey P --to ADDRESS (--value WEI | --eth X) [--data HEX] [--gas-limit N]",
		Short: "Send an Ethereum transaction from a PKP's address, signed by the network",
		Long: `Builds an EIP-1559 transaction from the PKP's eth address to --to (nonce, chain id and fee caps
from the chain; gas estimated unless --gas-limit), has the network sign its signing hash with the PKP
as "flint pkp sign" does (authorised by --key's session: --key must own the PKP or be permitted with
scope 1), checks that the signed transaction's sender is the PKP's address, broadcasts it and waits for
the receipt. The PKP's address pays the value and the gas: on a devnet, "flint devnet fund --to ADDR"
gives it ETH. Exits non-zero when the transaction reverts.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			pub, err := parsePubkey(pubkey)
			if err != nil {
				return err
			}
			dest, err := parseAddress("to", to)
			if err != nil {
				return err
			}
			var wei *big.Int
			switch {
			case cmd.Flags().Changed("value") && cmd.Flags().Changed("eth"):
				return usagef("give --value or --eth, not both")
			case cmd.Flags().Changed("eth"):
				wei, err = parseEth("eth", eth)
			case cmd.Flags().Changed("value"):
				wei, err = parseWei("value", value)
			default:
				return usagef("give --value WEI or --eth X (0 sends no ether)")
			}
			if err != nil {
				return err
			}
			var payload []byte
			if data != "" {
				h := trim0x(strings.TrimSpace(data))
				if payload, err = hex.DecodeString(h); err != nil {
					return usagef("--data: not hex")
				}
			}
			c, err := f.onChain(cmd, true)
			if err != nil {
				return err
			}
			defer c.close()
			ctx, nw, key, cc := c.ctx, c.nw, c.key, c.cc
			cl, sess, err := connectSigned(ctx, nw, key, 10*time.Minute)
			if err != nil {
				return err
			}
			sent, err := cl.SendEthTx(ctx, sess, cc.Eth(), pub, client.EthTx{To: dest, Value: wei, Data: payload, GasLimit: gasLimit})
			if errors.Is(err, client.ErrInsufficientFunds) {
				return fmt.Errorf("send-tx: %w (on a devnet: flint devnet fund --to %s --eth 1)", err, chain.EthAddress(pub).Hex())
			}
			if err != nil {
				return explainPKPRefusal("send-tx", "sign with", "; the owner can run flint pkp grant", err, crypto.PubkeyToAddress(key.PublicKey), pub)
			}
			r := sent.Receipt
			res := sendTxResult{
				TxHash: sent.Tx.Hash().Hex(), Status: "success", From: sent.From.Hex(), To: dest.Hex(), Value: sent.Tx.Value().String(),
				Nonce: sent.Tx.Nonce(), GasLimit: sent.Tx.Gas(), GasUsed: r.GasUsed, BlockNumber: r.BlockNumber.Uint64(),
				ChainID: sent.Tx.ChainId().Uint64(), RequestID: sent.Sign.RequestID,
			}
			if r.EffectiveGasPrice != nil {
				res.GasPrice = r.EffectiveGasPrice.String()
			}
			if r.Status != types.ReceiptStatusSuccessful {
				res.Status = "reverted"
			}
			if f.json {
				err = writeJSON(cmd.OutOrStdout(), res)
			} else {
				tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
				fmt.Fprintf(tw, "transaction\t%s\n", res.TxHash)
				fmt.Fprintf(tw, "status\t%s\n", res.Status)
				fmt.Fprintf(tw, "from\t%s (the PKP)\n", res.From)
				fmt.Fprintf(tw, "to\t%s\n", res.To)
				fmt.Fprintf(tw, "value\t%s wei (%s ETH)\n", res.Value, formatEth(sent.Tx.Value()))
				fmt.Fprintf(tw, "nonce\t%d\n", res.Nonce)
				fmt.Fprintf(tw, "gas\t%d used of %d, at %s wei\n", res.GasUsed, res.GasLimit, res.GasPrice)
				fmt.Fprintf(tw, "block\t%d (chain %d)\n", res.BlockNumber, res.ChainID)
				err = tw.Flush()
			}
			if err == nil && res.Status != "success" {
				err = fmt.Errorf("send-tx: transaction %s reverted on chain (gas used %d)", res.TxHash, res.GasUsed)
			}
			return err
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&pubkey, "pubkey", "", "the PKP's public key (hex)")
	cmd.Flags().StringVar(&to, "to", "", "the recipient's address")
	cmd.Flags().StringVar(&value, "value", "", "the value to send, in wei (decimal)")
	cmd.Flags().StringVar(&eth, "eth", "", "the value to send, in ether (decimal, such as 0.5)")
	cmd.Flags().StringVar(&data, "data", "", "call data (hex)")
	cmd.Flags().Uint64Var(&gasLimit, "gas-limit", 0, "gas limit (default: estimated by the chain)")
	return cmd
}

/* ========== pkp sign-btc ========== */

type signBTCResult struct {
	PSBT      string `json:"psbt"` // base64
	Input     int    `json:"input"`
	Sighash   string `json:"sighash"`
	PubKey    string `json:"pubkey"`    // compressed, as the witness carries it
	Signature string `json:"signature"` // DER ‖ sighash type
	RequestID string `json:"requestId"`
}

func newPKPSignBTCCmd() *cobra.Command {
	var f netFlags
	var pubkey, psbtArg, out string
	var input int
	cmd := &cobra.Command{
		Use:   "sign-btc --pubkey P --psbt FILE|BASE64 --input N [--out FILE]",
		Short: "Sign a P2WPKH input of a Bitcoin PSBT with a PKP",
		Long: `Signs input --input of the PSBT (BIP-174; a file, binary or base64, or the base64 itself) with
the PKP: the input must spend a native segwit P2WPKH output paid to the hash of the PKP's compressed
public key, with its witness UTXO (or previous transaction) in the PSBT. The network signs the BIP-143
SIGHASH_ALL digest, authorised by --key's session as "flint pkp sign" is; the signature, DER with low
S, goes into the PSBT as a partial signature. Prints the updated PSBT in base64 (or writes it to --out),
ready for any finalizer.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			pub, err := parsePubkey(pubkey)
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("input") {
				return usagef("--input is required (the index of the input to sign, from 0)")
			}
			if input < 0 {
				return usagef("--input %d: want an index from 0", input)
			}
			raw, err := readPSBTArg(psbtArg)
			if err != nil {
				return err
			}
			p, err := client.ParsePSBT(raw)
			if err != nil {
				return usagef("--psbt: %w", err)
			}
			// Refuse a PSBT that cannot be signed before asking the network.
			if _, _, err := client.P2WPKHSighash(p, input, pub); err != nil {
				return usagef("--input %d: %w", input, err)
			}
			s, err := f.signedSession(cmd)
			if err != nil {
				return err
			}
			defer s.cancel()
			ctx, key, cl, sess := s.ctx, s.key, s.cl, s.sess
			sig, err := cl.SignPSBTInput(ctx, sess, p, input, pub)
			if err != nil {
				return explainPKPRefusal("sign-btc", "sign with", "; the owner can run flint pkp grant", err, crypto.PubkeyToAddress(key.PublicKey), pub)
			}
			b64, err := p.B64Encode()
			if err != nil {
				return fmt.Errorf("sign-btc: encoding the PSBT: %w", err)
			}
			res := signBTCResult{PSBT: b64, Input: input, Sighash: hex.EncodeToString(sig.Sighash[:]), PubKey: hex.EncodeToString(sig.PubKey),
				Signature: hex.EncodeToString(sig.Signature), RequestID: sig.Sign.RequestID}
			if out != "" {
				if err := os.WriteFile(out, []byte(b64+"\n"), 0o644); err != nil {
					return fmt.Errorf("sign-btc: %w", err)
				}
			}
			switch {
			case f.json:
				return writeJSON(cmd.OutOrStdout(), res)
			case out != "":
				fmt.Fprintf(cmd.OutOrStdout(), "Signed input %d with key %s; the PSBT is in %s\n", input, res.PubKey, out)
			default:
				fmt.Fprintln(cmd.OutOrStdout(), b64)
			}
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&pubkey, "pubkey", "", "the PKP's public key (hex)")
	cmd.Flags().StringVar(&psbtArg, "psbt", "", "the PSBT: a file (binary or base64), or base64")
	cmd.Flags().IntVar(&input, "input", 0, "the index of the input to sign, from 0")
	cmd.Flags().StringVar(&out, "out", "", "write the updated PSBT (base64) to this file instead of stdout")
	return cmd
}

// readPSBTArg reads --psbt: a file that exists, or else the base64 text itself.
func readPSBTArg(s string) ([]byte, error) {
	if strings.TrimSpace(s) == "" {
		return nil, usagef("--psbt is required (a PSBT file, or the PSBT in base64)")
	}
	if st, err := os.Stat(s); err == nil && !st.IsDir() {
		return readBounded(s, client.MaxPSBT)
	}
	if len(s) > client.MaxPSBT {
		return nil, usagef("--psbt: %d bytes, over the limit of %d", len(s), client.MaxPSBT)
	}
	return []byte(s), nil
}
