package client

import (
	"bytes"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/btcsuite/btcd/btcec/v2"
	btcecdsa "github.com/btcsuite/btcd/btcec/v2/ecdsa"
	"github.com/btcsuite/btcd/btcutil"
	"github.com/btcsuite/btcd/btcutil/psbt"
	"github.com/btcsuite/btcd/chaincfg/chainhash"
	"github.com/btcsuite/btcd/txscript"
	"github.com/btcsuite/btcd/wire"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// testPSBT spends a made-up P2WPKH output paid to pub (compressed) as
// input 0, and a made-up P2PKH output as input 1.
func testPSBT(t testing.TB, pub []byte) *psbt.Packet {
	t.Helper()
	tx := wire.NewMsgTx(2)
	tx.AddTxIn(wire.NewTxIn(&wire.OutPoint{Hash: chainhash.Hash{1}, Index: 0}, nil, nil))
	tx.AddTxIn(wire.NewTxIn(&wire.OutPoint{Hash: chainhash.Hash{2}, Index: 3}, nil, nil))
	tx.AddTxOut(wire.NewTxOut(90_000, []byte{txscript.OP_0, 20, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}))
	p, err := psbt.NewFromUnsignedTx(tx)
	if err != nil {
		t.Fatal(err)
	}
	wpkh, _ := txscript.NewScriptBuilder().AddOp(txscript.OP_0).AddData(btcutil.Hash160(pub)).Script()
	p.Inputs[0].WitnessUtxo = wire.NewTxOut(100_000, wpkh)
	pkh, _ := txscript.NewScriptBuilder().AddOp(txscript.OP_DUP).AddOp(txscript.OP_HASH160).AddData(btcutil.Hash160(pub)).
		AddOp(txscript.OP_EQUALVERIFY).AddOp(txscript.OP_CHECKSIG).Script()
	p.Inputs[1].WitnessUtxo = wire.NewTxOut(5_000, pkh)
	return p
}

// A signature made outside the network (btcec's own signer) goes through
// the same steps as the network's: the finalized witness passes btcd's
// script engine.
func TestP2WPKHSighashAndSignature(t *testing.T) {
	key, _ := btcec.NewPrivateKey()
	comp := key.PubKey().SerializeCompressed()
	p := testPSBT(t, comp)
	digest, gotComp, err := P2WPKHSighash(p, 0, key.PubKey().SerializeUncompressed())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(gotComp, comp) {
		t.Fatalf("compressed key %x, want %x", gotComp, comp)
	}
	compact, err := btcecdsa.SignCompact(key, digest[:], true)
	if err != nil {
		t.Fatal(err)
	}
	var sig Signature
	copy(sig.R[:], compact[1:33])
	copy(sig.S[:], compact[33:65])
	// A high S is normalised.
	var s btcec.ModNScalar
	s.SetBytes(&sig.S)
	sig.S = s.Negate().Bytes()
	der, err := BTCSignatureBytes(&sig, digest, comp)
	if err != nil {
		t.Fatal(err)
	}
	if der[len(der)-1] != byte(txscript.SigHashAll) {
		t.Fatalf("sighash byte %#x", der[len(der)-1])
	}
	if _, err := btcecdsa.ParseDERSignature(der[:len(der)-1]); err != nil {
		t.Fatalf("not strict DER: %v", err)
	}
	u, _ := psbt.NewUpdater(p)
	if _, err := u.Sign(0, der, comp, nil, nil); err != nil {
		t.Fatal(err)
	}
	if err := psbt.Finalize(p, 0); err != nil {
		t.Fatal(err)
	}
	tx := p.UnsignedTx.Copy()
	var wit wire.TxWitness
	if err := readWitness(p.Inputs[0].FinalScriptWitness, &wit); err != nil {
		t.Fatal(err)
	}
	tx.TxIn[0].Witness = wit
	prev := p.Inputs[0].WitnessUtxo
	fetch := txscript.NewCannedPrevOutputFetcher(prev.PkScript, prev.Value)
	vm, err := txscript.NewEngine(prev.PkScript, tx, 0, txscript.StandardVerifyFlags, nil, txscript.NewTxSigHashes(tx, fetch), prev.Value, fetch)
	if err != nil {
		t.Fatal(err)
	}
	if err := vm.Execute(); err != nil {
		t.Fatalf("the script engine refuses the witness: %v", err)
	}
	// Another amount gives another digest: the engine would refuse.
	p2 := testPSBT(t, comp)
	p2.Inputs[0].WitnessUtxo.Value++
	d2, _, err := P2WPKHSighash(p2, 0, comp)
	if err != nil || d2 == digest {
		t.Fatalf("digest with another amount: %x, %v", d2, err)
	}
	// A signature of something else is refused before it reaches the PSBT.
	if _, err := BTCSignatureBytes(&sig, d2, comp); err == nil {
		t.Fatal("a signature over another digest was encoded")
	}
}

func readWitness(b []byte, wit *wire.TxWitness) error {
	r := bytes.NewReader(b)
	n, err := wire.ReadVarInt(r, 0)
	if err != nil {
		return err
	}
	for range n {
		item, err := wire.ReadVarBytes(r, 0, 1<<16, "witness item")
		if err != nil {
			return err
		}
		*wit = append(*wit, item)
	}
	return nil
}

func TestP2WPKHSighashRefusals(t *testing.T) {
	key, _ := btcec.NewPrivateKey()
	comp := key.PubKey().SerializeCompressed()
	other, _ := btcec.NewPrivateKey()
	for _, c := range []struct {
		name   string
		edit   func(p *psbt.Packet)
		input  int
		pub    []byte
		is     error
		substr string
	}{
		{"index past the end", nil, 2, comp, ErrPSBTInput, "input 2 of a PSBT with 2 inputs (0 to 1)"},
		{"negative index", nil, -1, comp, ErrPSBTInput, "input -1"},
		{"P2PKH input", nil, 1, comp, ErrNotP2WPKH, "pubkeyhash"},
		{"another key", nil, 0, other.PubKey().SerializeCompressed(), ErrNotPaidToPKP, "paid to key hash"},
		{"no UTXO", func(p *psbt.Packet) { p.Inputs[0].WitnessUtxo = nil }, 0, comp, ErrNotP2WPKH, "neither a witness UTXO"},
		{"other sighash", func(p *psbt.Packet) { p.Inputs[0].SighashType = txscript.SigHashNone }, 0, comp, nil, "only SIGHASH_ALL"},
		{"finalized", func(p *psbt.Packet) { p.Inputs[0].FinalScriptWitness = []byte{0} }, 0, comp, nil, "already finalized"},
		{"not a key", nil, 0, []byte{2, 1}, nil, "public key"},
	} {
		t.Run(c.name, func(t *testing.T) {
			p := testPSBT(t, comp)
			if c.edit != nil {
				c.edit(p)
			}
			_, _, err := P2WPKHSighash(p, c.input, c.pub)
			if err == nil || (c.is != nil && !errors.Is(err, c.is)) || !strings.Contains(err.Error(), c.substr) {
				t.Fatalf("got %v, want %v containing %q", err, c.is, c.substr)
			}
		})
	}
}

func TestParsePSBT(t *testing.T) {
	key, _ := btcec.NewPrivateKey()
	p := testPSBT(t, key.PubKey().SerializeCompressed())
	var raw bytes.Buffer
	if err := p.Serialize(&raw); err != nil {
		t.Fatal(err)
	}
	b64 := base64.StdEncoding.EncodeToString(raw.Bytes())
	for _, in := range [][]byte{raw.Bytes(), []byte(b64), []byte(" " + b64 + "\n")} {
		q, err := ParsePSBT(in)
		if err != nil {
			t.Fatal(err)
		}
		if q.UnsignedTx.TxHash() != p.UnsignedTx.TxHash() || q.Inputs[0].WitnessUtxo.Value != 100_000 {
			t.Fatal("parsed another PSBT")
		}
	}
	if _, err := ParsePSBT([]byte("not base64!")); err == nil || !strings.Contains(err.Error(), "neither binary") {
		t.Fatalf("garbage: %v", err)
	}
	if _, err := ParsePSBT(bytes.Repeat([]byte("A"), MaxPSBT+1)); err == nil || !strings.Contains(err.Error(), "over the limit of 1048576") {
		t.Fatalf("oversized: %v", err)
	}
}

func FuzzParsePSBT(f *testing.F) {
	key, _ := btcec.NewPrivateKey()
	comp := key.PubKey().SerializeCompressed()
	var raw bytes.Buffer
	testPSBT(f, comp).Serialize(&raw)
	f.Add(raw.Bytes())
	f.Add([]byte(base64.StdEncoding.EncodeToString(raw.Bytes())))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := ParsePSBT(b)
		if err != nil {
			return
		}
		for i := -1; i <= len(p.Inputs); i++ {
			P2WPKHSighash(p, i, comp) // must not panic
		}
	})
}

// withPKPSignature accepts the signature of the transaction's signing hash
// under the PKP's key, and refuses one under another key.
func TestWithPKPSignature(t *testing.T) {
	key, _ := crypto.GenerateKey()
	from := crypto.PubkeyToAddress(key.PublicKey)
	to := common.Address{7}
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: big.NewInt(1337), Nonce: 3, GasTipCap: big.NewInt(1), GasFeeCap: big.NewInt(2), Gas: 21000, To: &to, Value: big.NewInt(5)})
	signer := types.LatestSignerForChainID(big.NewInt(1337))
	h := signer.Hash(tx)
	raw, err := crypto.Sign(h[:], key)
	if err != nil {
		t.Fatal(err)
	}
	var sig Signature
	copy(sig.R[:], raw[:32])
	copy(sig.S[:], raw[32:64])
	sig.V = raw[64]
	signed, err := withPKPSignature(tx, signer, &sig, from)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := types.Sender(signer, signed); got != from {
		t.Fatalf("sender %s", got)
	}
	if _, err := withPKPSignature(tx, signer, &sig, common.Address{1}); err == nil || !strings.Contains(err.Error(), "not the PKP's address") {
		t.Fatalf("another address: %v", err)
	}
	sig.V = 27
	if _, err := withPKPSignature(tx, signer, &sig, from); err == nil || !strings.Contains(err.Error(), "recovery id 27") {
		t.Fatalf("v = 27: %v", err)
	}
}

// A PKP's key (here a fixed one) signs input 0 of a PSBT that spends a
// P2WPKH output paid to it: P2WPKHSighash gives the digest the network
// signs and the compressed key the witness carries.
func ExampleP2WPKHSighash() {
	pub, _ := hex.DecodeString("0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798")
	wpkh := append([]byte{txscript.OP_0, 20}, btcutil.Hash160(pub)...)
	tx := wire.NewMsgTx(2)
	tx.AddTxIn(wire.NewTxIn(&wire.OutPoint{Hash: chainhash.Hash{1}, Index: 0}, nil, nil))
	tx.AddTxOut(wire.NewTxOut(90_000, wpkh))
	p, _ := psbt.NewFromUnsignedTx(tx)
	p.Inputs[0].WitnessUtxo = wire.NewTxOut(100_000, wpkh)

	digest, comp, err := P2WPKHSighash(p, 0, pub)
	fmt.Printf("sign %x\nwith %x, %v\n", digest, comp, err)
	_, _, err = P2WPKHSighash(p, 1, pub)
	fmt.Println(err)
	// Output:
	// sign 827ae4a083da9aa3c7db61b63d908bb43d46c704566954579c758f7846447e01
	// with 0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798, <nil>
	// client: no such PSBT input: input 1 of a PSBT with 1 inputs (0 to 0)
}
