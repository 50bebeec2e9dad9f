package integration

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"errors"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/btcsuite/btcd/btcec/v2"
	"github.com/btcsuite/btcd/btcutil"
	"github.com/btcsuite/btcd/btcutil/psbt"
	"github.com/btcsuite/btcd/chaincfg/chainhash"
	"github.com/btcsuite/btcd/txscript"
	"github.com/btcsuite/btcd/wire"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
)

// The PKP sends ETH from its own address: the network signs the EIP-1559
// transaction's signing hash, the chain (over its JSON-RPC socket) accepts
// it, the recipient gets exactly the value and the sender is the PKP.
func TestPKPWalletSendTx(t *testing.T) {
	f := newSharedPKPFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ec, err := ethclient.DialContext(ctx, f.d.Chain.RPCURL())
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()
	from := chain.EthAddress(f.pubkey)
	to := crypto.PubkeyToAddress(mustKey(t).PublicKey)
	value := big.NewInt(123_456_789_000)

	// Unfunded, it is refused before anything is signed.
	_, err = f.cl.SendEthTx(ctx, f.authSig, ec, f.pubkey, client.EthTx{To: to, Value: value})
	if !errors.Is(err, client.ErrInsufficientFunds) || !strings.Contains(err.Error(), from.Hex()) {
		t.Fatalf("unfunded: %v", err)
	}

	if err := f.d.Chain.Fund(ctx, from, big.NewInt(1e18)); err != nil {
		t.Fatal(err)
	}
	before, err := ec.BalanceAt(ctx, to, nil)
	if err != nil {
		t.Fatal(err)
	}
	fromBefore, _ := ec.BalanceAt(ctx, from, nil)
	sent, err := f.cl.SendEthTx(ctx, f.authSig, ec, f.pubkey, client.EthTx{To: to, Value: value})
	if err != nil {
		t.Fatal(err)
	}
	if sent.Receipt.Status != types.ReceiptStatusSuccessful || sent.Receipt.GasUsed != 21_000 || sent.From != from {
		t.Fatalf("receipt %+v from %s", sent.Receipt, sent.From)
	}
	// What the chain holds, read back independently of what SendEthTx returned.
	onChain, _, err := ec.TransactionByHash(ctx, sent.Tx.Hash())
	if err != nil {
		t.Fatal(err)
	}
	sender, err := types.Sender(types.LatestSignerForChainID(onChain.ChainId()), onChain)
	if err != nil || sender != from || onChain.Type() != types.DynamicFeeTxType || onChain.ChainId().Cmp(f.d.Chain.ChainID()) != 0 {
		t.Fatalf("on chain: sender %s (%v), type %d, chain %s; want %s", sender, err, onChain.Type(), onChain.ChainId(), from)
	}
	after, err := ec.BalanceAt(ctx, to, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := new(big.Int).Sub(after, before); got.Cmp(value) != 0 {
		t.Fatalf("the recipient got %s wei, want %s", got, value)
	}
	fromAfter, _ := ec.BalanceAt(ctx, from, nil)
	fee := new(big.Int).Mul(sent.Receipt.EffectiveGasPrice, new(big.Int).SetUint64(sent.Receipt.GasUsed))
	if spent := new(big.Int).Sub(fromBefore, fromAfter); spent.Cmp(new(big.Int).Add(value, fee)) != 0 {
		t.Fatalf("the PKP's address spent %s, want value + fee %s", spent, new(big.Int).Add(value, fee))
	}

	// A second one takes the next nonce; with data, to a contract-less
	// address, and an explicit gas limit.
	sent2, err := f.cl.SendEthTx(ctx, f.authSig, ec, f.pubkey, client.EthTx{To: to, Value: big.NewInt(1), Data: []byte{1, 2, 3}, GasLimit: 30_000})
	if err != nil {
		t.Fatal(err)
	}
	if sent2.Tx.Nonce() != sent.Tx.Nonce()+1 || sent2.Tx.Gas() != 30_000 || sent2.Receipt.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("second tx: nonce %d after %d, gas %d, status %d", sent2.Tx.Nonce(), sent.Tx.Nonce(), sent2.Tx.Gas(), sent2.Receipt.Status)
	}

	// A call that reverts (an unknown selector on the PKP NFT contract, with
	// a gas limit given so that estimation does not refuse it first) is
	// mined and returned with its failed receipt, not as an error.
	reverted, err := f.cl.SendEthTx(ctx, f.authSig, ec, f.pubkey, client.EthTx{To: f.cc.Addresses().PKPNFT, Data: []byte{0xde, 0xad, 0xbe, 0xef}, GasLimit: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	if reverted.Receipt.Status != types.ReceiptStatusFailed || reverted.Tx.Nonce() != sent2.Tx.Nonce()+1 {
		t.Fatalf("reverting call: status %d, nonce %d", reverted.Receipt.Status, reverted.Tx.Nonce())
	}
}

func mustKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// The PKP signs a P2WPKH input of a PSBT: once finalized, btcd's script
// engine accepts the witness. Another input index, a P2PKH input and an
// input paid to another key are refused before anything is signed.
func TestPKPWalletSignBTC(t *testing.T) {
	f := newSharedPKPFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	pk, err := btcec.ParsePubKey(f.pubkey)
	if err != nil {
		t.Fatal(err)
	}
	comp := pk.SerializeCompressed()

	tx := wire.NewMsgTx(2)
	tx.AddTxIn(wire.NewTxIn(&wire.OutPoint{Hash: chainhash.Hash{0xaa}, Index: 1}, nil, nil))
	tx.AddTxIn(wire.NewTxIn(&wire.OutPoint{Hash: chainhash.Hash{0xbb}, Index: 0}, nil, nil))
	tx.AddTxIn(wire.NewTxIn(&wire.OutPoint{Hash: chainhash.Hash{0xcc}, Index: 0}, nil, nil))
	dest, _ := txscript.NewScriptBuilder().AddOp(txscript.OP_0).AddData(bytes.Repeat([]byte{7}, 20)).Script()
	tx.AddTxOut(wire.NewTxOut(150_000, dest))
	p, err := psbt.NewFromUnsignedTx(tx)
	if err != nil {
		t.Fatal(err)
	}
	wpkh, _ := txscript.NewScriptBuilder().AddOp(txscript.OP_0).AddData(btcutil.Hash160(comp)).Script()
	pkh, _ := txscript.NewScriptBuilder().AddOp(txscript.OP_DUP).AddOp(txscript.OP_HASH160).AddData(btcutil.Hash160(comp)).
		AddOp(txscript.OP_EQUALVERIFY).AddOp(txscript.OP_CHECKSIG).Script()
	otherKey, _ := btcec.NewPrivateKey()
	otherWPKH, _ := txscript.NewScriptBuilder().AddOp(txscript.OP_0).AddData(btcutil.Hash160(otherKey.PubKey().SerializeCompressed())).Script()
	p.Inputs[0].WitnessUtxo = wire.NewTxOut(100_000, wpkh)
	p.Inputs[1].WitnessUtxo = wire.NewTxOut(60_000, pkh)
	p.Inputs[2].WitnessUtxo = wire.NewTxOut(10_000, otherWPKH)

	for _, c := range []struct {
		input int
		is    error
	}{{3, client.ErrPSBTInput}, {1, client.ErrNotP2WPKH}, {2, client.ErrNotPaidToPKP}} {
		if _, err := f.cl.SignPSBTInput(ctx, f.authSig, p, c.input, f.pubkey); !errors.Is(err, c.is) {
			t.Fatalf("input %d: %v, want %v", c.input, err, c.is)
		}
	}
	for i := range p.Inputs {
		if len(p.Inputs[i].PartialSigs) != 0 {
			t.Fatalf("input %d got a signature from a refused request", i)
		}
	}

	res, err := f.cl.SignPSBTInput(ctx, f.authSig, p, 0, f.pubkey)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Inputs[0].PartialSigs) != 1 || !bytes.Equal(p.Inputs[0].PartialSigs[0].PubKey, comp) || !bytes.Equal(p.Inputs[0].PartialSigs[0].Signature, res.Signature) {
		t.Fatalf("partial signatures %+v", p.Inputs[0].PartialSigs)
	}
	// The PSBT survives a round trip through its base64 form, as the CLI prints it.
	b64, err := p.B64Encode()
	if err != nil {
		t.Fatal(err)
	}
	if p, err = client.ParsePSBT([]byte(b64)); err != nil {
		t.Fatal(err)
	}
	if err := psbt.Finalize(p, 0); err != nil {
		t.Fatal(err)
	}
	var wit wire.TxWitness
	r := bytes.NewReader(p.Inputs[0].FinalScriptWitness)
	n, err := wire.ReadVarInt(r, 0)
	if err != nil || n != 2 {
		t.Fatalf("witness of %d items: %v", n, err)
	}
	for range n {
		item, err := wire.ReadVarBytes(r, 0, 1<<10, "witness item")
		if err != nil {
			t.Fatal(err)
		}
		wit = append(wit, item)
	}
	spend := p.UnsignedTx.Copy()
	spend.TxIn[0].Witness = wit
	prevs := txscript.NewMultiPrevOutFetcher(nil)
	for i, in := range p.Inputs {
		prevs.AddPrevOut(spend.TxIn[i].PreviousOutPoint, in.WitnessUtxo)
	}
	prev := p.Inputs[0].WitnessUtxo
	vm, err := txscript.NewEngine(prev.PkScript, spend, 0, txscript.StandardVerifyFlags, nil, txscript.NewTxSigHashes(spend, prevs), prev.Value, prevs)
	if err != nil {
		t.Fatal(err)
	}
	if err := vm.Execute(); err != nil {
		t.Fatalf("the script engine refuses the PKP's witness: %v", err)
	}
	// The same witness does not spend a different amount (the digest commits to it).
	vm, err = txscript.NewEngine(prev.PkScript, spend, 0, txscript.StandardVerifyFlags, nil, txscript.NewTxSigHashes(spend, prevs), prev.Value+1, prevs)
	if err == nil {
		err = vm.Execute()
	}
	if err == nil {
		t.Fatal("the witness also spends another amount")
	}
}
