package main

import (
	"bytes"
	"context"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/btcsuite/btcd/btcec/v2"
	btcecdsa "github.com/btcsuite/btcd/btcec/v2/ecdsa"
	"github.com/btcsuite/btcd/btcutil"
	"github.com/btcsuite/btcd/btcutil/psbt"
	"github.com/btcsuite/btcd/chaincfg/chainhash"
	"github.com/btcsuite/btcd/txscript"
	"github.com/btcsuite/btcd/wire"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/client"
)

func TestParseEth(t *testing.T) {
	for in, want := range map[string]string{
		"1": "1000000000000000000", "0.25": "250000000000000000", "0": "0", ".5": "500000000000000000",
		"3.": "3000000000000000000", "0.000000000000000001": "1", " 2 ": "2000000000000000000",
	} {
		got, err := parseEth("eth", in)
		if err != nil || got.String() != want {
			t.Errorf("parseEth(%q) = %v, %v; want %s", in, got, err, want)
		}
		if back, err := parseEth("eth", formatEth(got)); err != nil || back.Cmp(got) != 0 {
			t.Errorf("formatEth(%s) = %s does not read back: %v, %v", got, formatEth(got), back, err)
		}
	}
	for in, msg := range map[string]string{
		"": "want a decimal amount", ".": "want a decimal amount", "-1": "want a decimal amount", "1e3": "want a decimal amount",
		"1.2.3": "want a decimal amount", "0.0000000000000000001": "more than 18 decimals",
		"340282366920938463464": "over the limit of 2^128 wei",
	} {
		if _, err := parseEth("eth", in); err == nil || !isUsage(err) || !strings.Contains(err.Error(), msg) {
			t.Errorf("parseEth(%q): %v, want a usage error saying %q", in, err, msg)
		}
	}
	if w, err := parseWei("value", "340282366920938463463374607431768211456"); err != nil || w.Cmp(maxWei) != 0 {
		t.Errorf("2^128 wei: %v, %v", w, err)
	}
	for _, in := range []string{"340282366920938463463374607431768211457", "1.5", "-3", "0x10", ""} {
		if _, err := parseWei("value", in); err == nil || !isUsage(err) {
			t.Errorf("parseWei(%q): %v", in, err)
		}
	}
	if got := formatEth(big.NewInt(1_500_000_000_000_000_000)); got != "1.5" {
		t.Errorf("formatEth(1.5e18) = %s", got)
	}
}

// walletPSBT spends a made-up P2WPKH output paid to comp (input 0) and a
// made-up P2PKH output (input 1).
func walletPSBT(t *testing.T, comp []byte) *psbt.Packet {
	t.Helper()
	tx := wire.NewMsgTx(2)
	tx.AddTxIn(wire.NewTxIn(&wire.OutPoint{Hash: chainhash.Hash{0x11}, Index: 0}, nil, nil))
	tx.AddTxIn(wire.NewTxIn(&wire.OutPoint{Hash: chainhash.Hash{0x22}, Index: 0}, nil, nil))
	dest, _ := txscript.NewScriptBuilder().AddOp(txscript.OP_0).AddData(bytes.Repeat([]byte{5}, 20)).Script()
	tx.AddTxOut(wire.NewTxOut(40_000, dest))
	p, err := psbt.NewFromUnsignedTx(tx)
	if err != nil {
		t.Fatal(err)
	}
	wpkh, _ := txscript.NewScriptBuilder().AddOp(txscript.OP_0).AddData(btcutil.Hash160(comp)).Script()
	pkh, _ := txscript.NewScriptBuilder().AddOp(txscript.OP_DUP).AddOp(txscript.OP_HASH160).AddData(btcutil.Hash160(comp)).
		AddOp(txscript.OP_EQUALVERIFY).AddOp(txscript.OP_CHECKSIG).Script()
	p.Inputs[0].WitnessUtxo = wire.NewTxOut(50_000, wpkh)
	p.Inputs[1].WitnessUtxo = wire.NewTxOut(1_000, pkh)
	return p
}

// The wallet commands end to end on the shared devnet: fund a PKP's
// address, send ETH from it, sign a PSBT input; and their usage errors.
func TestPKPWalletCommands(t *testing.T) {
	d := sharedDevnet(t)
	nw := d.NetworkFile()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	m := mint(t, nw, "--claim")
	pkpAddr := common.HexToAddress(m.EthAddress)
	rk, _ := crypto.GenerateKey()
	recipient := crypto.PubkeyToAddress(rk.PublicKey)

	// Unfunded: refused with the way out.
	_, _, err = run(t, "pkp", "send-tx", "--network", nw, "--pubkey", m.PublicKey, "--to", recipient.Hex(), "--eth", "0.1")
	if err == nil || exitCode(err) != exitFailure || !strings.Contains(err.Error(), "flint devnet fund --to "+pkpAddr.Hex()) {
		t.Fatalf("unfunded send-tx: %v", err)
	}

	var fr fundResult
	decodeJSON(t, mustRun(t, "devnet", "fund", "--network", nw, "--to", m.EthAddress, "--eth", "2.5", "--json"), &fr)
	bal, err := cc.Eth().BalanceAt(ctx, pkpAddr, nil)
	if err != nil || bal.String() != "2500000000000000000" || fr.Balance != bal.String() || fr.Wei != bal.String() || fr.From != d.Network.DevAddress {
		t.Fatalf("fund %+v; balance %v, %v", fr, bal, err)
	}

	var sr sendTxResult
	decodeJSON(t, mustRun(t, "pkp", "send-tx", "--network", nw, "--pubkey", m.PublicKey, "--to", recipient.Hex(), "--eth", "0.75", "--json"), &sr)
	got, err := cc.Eth().BalanceAt(ctx, recipient, nil)
	if err != nil || got.String() != "750000000000000000" {
		t.Fatalf("the recipient holds %v (%v), want 0.75 ETH", got, err)
	}
	if sr.Status != "success" || sr.From != pkpAddr.Hex() || sr.To != recipient.Hex() || sr.Value != got.String() || sr.GasUsed != 21_000 {
		t.Fatalf("send-tx result %+v", sr)
	}
	out := mustRun(t, "pkp", "send-tx", "--network", nw, "--pubkey", m.PublicKey, "--to", recipient.Hex(), "--value", "7", "--data", "0xabcd", "--gas-limit", "40000")
	for _, w := range []string{"status       success", "(the PKP)", "7 wei", "used of 40000"} {
		if !strings.Contains(out, w) {
			t.Errorf("send-tx text output lacks %q:\n%s", w, out)
		}
	}

	// A reverting call prints its receipt and exits 1.
	out, _, err = run(t, "pkp", "send-tx", "--network", nw, "--pubkey", m.PublicKey, "--to", d.Network.Contracts.PKPNFT.Hex(),
		"--value", "0", "--data", "0xdeadbeef", "--gas-limit", "100000")
	if err == nil || exitCode(err) != exitFailure || !strings.Contains(err.Error(), "reverted on chain") || !strings.Contains(out, "status       reverted") {
		t.Fatalf("reverting send-tx: %v\n%s", err, out)
	}

	// sign-btc: from base64 on the command line, and from a binary file with --out.
	pk, err := btcec.ParsePubKey(unhex(t, m.PublicKey, 65))
	if err != nil {
		t.Fatal(err)
	}
	comp := pk.SerializeCompressed()
	b64, err := walletPSBT(t, comp).B64Encode()
	if err != nil {
		t.Fatal(err)
	}
	signedB64 := strings.TrimSpace(mustRun(t, "pkp", "sign-btc", "--network", nw, "--pubkey", m.PublicKey, "--psbt", b64, "--input", "0"))
	checkSigned := func(s string) {
		t.Helper()
		p, err := client.ParsePSBT([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		ps := p.Inputs[0].PartialSigs
		if len(ps) != 1 || !bytes.Equal(ps[0].PubKey, comp) || len(p.Inputs[1].PartialSigs) != 0 {
			t.Fatalf("partial signatures %+v", p.Inputs)
		}
		digest, _, err := client.P2WPKHSighash(p, 0, comp)
		if err != nil {
			t.Fatal(err)
		}
		der := ps[0].Signature
		sig, err := btcecdsa.ParseDERSignature(der[:len(der)-1])
		if err != nil || der[len(der)-1] != byte(txscript.SigHashAll) || !sig.Verify(digest[:], pk) {
			t.Fatalf("the partial signature does not verify: %v", err)
		}
	}
	checkSigned(signedB64)
	dir := t.TempDir()
	var raw bytes.Buffer
	walletPSBT(t, comp).Serialize(&raw)
	in, outFile := filepath.Join(dir, "in.psbt"), filepath.Join(dir, "out.psbt")
	os.WriteFile(in, raw.Bytes(), 0o600)
	out = mustRun(t, "pkp", "sign-btc", "--network", nw, "--pubkey", m.PublicKey, "--psbt", in, "--input", "0", "--out", outFile)
	if !strings.Contains(out, "Signed input 0") {
		t.Errorf("sign-btc --out said %q", out)
	}
	written, err := os.ReadFile(outFile)
	if err != nil {
		t.Fatal(err)
	}
	checkSigned(string(written))
	var br signBTCResult
	decodeJSON(t, mustRun(t, "pkp", "sign-btc", "--network", nw, "--pubkey", m.PublicKey, "--psbt", b64, "--input", "0", "--json"), &br)
	checkSigned(br.PSBT)

	hash := "0x" + strings.Repeat("ab", 20)
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"fund no to", []string{"devnet", "fund", "--network", nw, "--eth", "1"}, exitUsage, "--to is required"},
		{"fund no eth", []string{"devnet", "fund", "--network", nw, "--to", hash}, exitUsage, "--eth is required"},
		{"fund zero", []string{"devnet", "fund", "--network", nw, "--to", hash, "--eth", "0"}, exitUsage, "nothing to send"},
		{"fund bad eth", []string{"devnet", "fund", "--network", nw, "--to", hash, "--eth", "lots"}, exitUsage, "want a decimal amount"},
		{"fund too much", []string{"devnet", "fund", "--network", nw, "--to", hash, "--eth", "1000000000000"}, exitFailure, "cannot pay"},
		{"send no value", []string{"pkp", "send-tx", "--network", nw, "--pubkey", m.PublicKey, "--to", hash}, exitUsage, "give --value WEI or --eth X"},
		{"send both", []string{"pkp", "send-tx", "--network", nw, "--pubkey", m.PublicKey, "--to", hash, "--value", "1", "--eth", "1"}, exitUsage, "not both"},
		{"send no to", []string{"pkp", "send-tx", "--network", nw, "--pubkey", m.PublicKey, "--eth", "1"}, exitUsage, "--to is required"},
		{"send bad data", []string{"pkp", "send-tx", "--network", nw, "--pubkey", m.PublicKey, "--to", hash, "--eth", "1", "--data", "0xzz"}, exitUsage, "--data: not hex"},
		{"send bad wei", []string{"pkp", "send-tx", "--network", nw, "--pubkey", m.PublicKey, "--to", hash, "--value", "1.5"}, exitUsage, "whole number of wei"},
		{"send no pubkey", []string{"pkp", "send-tx", "--network", nw, "--to", hash, "--eth", "1"}, exitUsage, "--pubkey is required"},
		{"btc no input", []string{"pkp", "sign-btc", "--network", nw, "--pubkey", m.PublicKey, "--psbt", b64}, exitUsage, "--input is required"},
		{"btc negative input", []string{"pkp", "sign-btc", "--network", nw, "--pubkey", m.PublicKey, "--psbt", b64, "--input", "-1"}, exitUsage, "want an index from 0"},
		{"btc no psbt", []string{"pkp", "sign-btc", "--network", nw, "--pubkey", m.PublicKey, "--input", "0"}, exitUsage, "--psbt is required"},
		{"btc garbage psbt", []string{"pkp", "sign-btc", "--network", nw, "--pubkey", m.PublicKey, "--psbt", "bm90IGEgcHNidA==", "--input", "0"}, exitUsage, "--psbt: client: PSBT"},
		{"btc input past the end", []string{"pkp", "sign-btc", "--network", nw, "--pubkey", m.PublicKey, "--psbt", b64, "--input", "2"}, exitUsage, "input 2 of a PSBT with 2 inputs"},
		{"btc P2PKH input", []string{"pkp", "sign-btc", "--network", nw, "--pubkey", m.PublicKey, "--psbt", b64, "--input", "1"}, exitUsage, "does not spend a P2WPKH output"},
		{"btc another PKP", []string{"pkp", "sign-btc", "--network", nw, "--pubkey", mint(t, nw, "--claim").PublicKey, "--psbt", b64, "--input", "0"}, exitUsage, "not paid to the PKP's key"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, _, err := run(t, c.args...)
			if err == nil {
				t.Fatalf("no error; output:\n%s", out)
			}
			if got := exitCode(err); got != c.code {
				t.Errorf("exit code %d, want %d (%v)", got, c.code, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not say %q", err, c.want)
			}
			if out != "" {
				t.Errorf("printed on failure:\n%s", out)
			}
		})
	}
}

func FuzzParseEth(f *testing.F) {
	for _, s := range []string{"1", "0.25", ".5", "1e3", "340282366920938463464", "0.000000000000000001"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := parseEth("eth", s)
		if err != nil {
			if !isUsage(err) {
				t.Fatalf("%q: not a usage error: %v", s, err)
			}
			return
		}
		if w.Sign() < 0 || w.Cmp(maxWei) > 0 {
			t.Fatalf("%q: %s out of range", s, w)
		}
		if back, err := parseEth("eth", formatEth(w)); err != nil || back.Cmp(w) != 0 {
			t.Fatalf("%q: %s prints as %s, which reads back as %v, %v", s, w, formatEth(w), back, err)
		}
	})
}
