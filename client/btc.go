package client

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"

	"github.com/btcsuite/btcd/btcec/v2"
	btcecdsa "github.com/btcsuite/btcd/btcec/v2/ecdsa"
	"github.com/btcsuite/btcd/btcutil"
	"github.com/btcsuite/btcd/btcutil/psbt"
	"github.com/btcsuite/btcd/txscript"
	"github.com/btcsuite/btcd/wire"

	"github.com/flint-network/flint/crypto/secp"
)

// The PKP as a Bitcoin key: it signs native segwit v0 pay-to-witness-
// public-key-hash (P2WPKH) inputs of a PSBT (BIP-174) paid to the hash of
// its compressed public key. The network signs the BIP-143 sighash like any
// other 32-byte hash; the signature goes into the PSBT as a partial
// signature, DER-encoded with low S and SIGHASH_ALL appended, for any PSBT
// finalizer to turn into the witness.

// MaxPSBT bounds a PSBT ParsePSBT reads (binary, or its base64): far more
// than a wallet's transactions need, small enough to parse without care.
const MaxPSBT = 1 << 20

var (
	// ErrPSBTInput means the input index is not one of the PSBT's inputs.
	ErrPSBTInput = errors.New("client: no such PSBT input")
	// ErrNotP2WPKH means the input does not spend a P2WPKH output, or
	// the PSBT does not say what it spends.
	ErrNotP2WPKH = errors.New("client: the PSBT input does not spend a P2WPKH output")
	// ErrNotPaidToPKP means the input's P2WPKH output is paid to another
	// key than the PKP's.
	ErrNotPaidToPKP = errors.New("client: the PSBT input is not paid to the PKP's key")
)

// ParsePSBT reads a PSBT in its binary form (starting "psbt\xff") or in
// base64, of at most MaxPSBT bytes, and checks it is well formed.
func ParsePSBT(b []byte) (*psbt.Packet, error) {
	if len(b) > MaxPSBT {
		return nil, fmt.Errorf("client: PSBT of %d bytes, over the limit of %d", len(b), MaxPSBT)
	}
	b64 := !bytes.HasPrefix(b, []byte("psbt\xff"))
	if b64 {
		b = bytes.TrimSpace(b)
		if _, err := base64.StdEncoding.DecodeString(string(b)); err != nil {
			return nil, fmt.Errorf("client: PSBT: neither binary (psbt\\xff…) nor base64: %w", err)
		}
	}
	p, err := psbt.NewFromRawBytes(bytes.NewReader(b), b64)
	if err != nil {
		return nil, fmt.Errorf("client: PSBT: %w", err)
	}
	if err := p.SanityCheck(); err != nil {
		return nil, fmt.Errorf("client: PSBT: %w", err)
	}
	return p, nil
}

// BTCSignature is a PKP's signature of one PSBT input.
type BTCSignature struct {
	Input     int
	Sighash   [32]byte // the BIP-143 digest the network signed
	PubKey    []byte   // the PKP's 33-byte compressed key, as the witness carries it
	Signature []byte   // DER, low S, followed by the SIGHASH_ALL byte
	Sign      *SignResult
}

// P2WPKHSighash returns the BIP-143 SIGHASH_ALL digest of input of p, and
// the PKP's compressed key, after checking that the input spends a P2WPKH
// output paid to that key and asks for no other sighash type. pubkey is the
// PKP's public key, compressed or not.
func P2WPKHSighash(p *psbt.Packet, input int, pubkey []byte) ([32]byte, []byte, error) {
	var digest [32]byte
	pt, err := secp.ParsePublicKey(pubkey)
	if err != nil {
		return digest, nil, fmt.Errorf("client: public key: %w", err)
	}
	comp := secp.Compress(&pt)
	if p == nil || p.UnsignedTx == nil || len(p.Inputs) != len(p.UnsignedTx.TxIn) {
		return digest, nil, errors.New("client: PSBT: no unsigned transaction, or its inputs do not match")
	}
	n := len(p.Inputs)
	if input < 0 || input >= n {
		return digest, nil, fmt.Errorf("%w: input %d of a PSBT with %d inputs (0 to %d)", ErrPSBTInput, input, n, n-1)
	}
	in := &p.Inputs[input]
	if in.FinalScriptWitness != nil || in.FinalScriptSig != nil {
		return digest, nil, fmt.Errorf("client: PSBT input %d is already finalized", input)
	}
	if in.SighashType != 0 && in.SighashType != txscript.SigHashAll {
		return digest, nil, fmt.Errorf("client: PSBT input %d asks for sighash type %#x; only SIGHASH_ALL (0x01) is signed", input, uint32(in.SighashType))
	}
	prev, err := spent(p, input)
	if err != nil {
		return digest, nil, err
	}
	if !txscript.IsPayToWitnessPubKeyHash(prev.PkScript) {
		return digest, nil, fmt.Errorf("%w: input %d spends script %x (class %s)", ErrNotP2WPKH, input, prev.PkScript, txscript.GetScriptClass(prev.PkScript))
	}
	if want := btcutil.Hash160(comp[:]); !bytes.Equal(prev.PkScript[2:], want) {
		return digest, nil, fmt.Errorf("%w: input %d is paid to key hash %x, the PKP's is %x", ErrNotPaidToPKP, input, prev.PkScript[2:], want)
	}
	if in.WitnessScript != nil || in.RedeemScript != nil {
		return digest, nil, fmt.Errorf("%w: input %d carries a redeem or witness script", ErrNotP2WPKH, input)
	}
	// BIP-143 commits to this input's amount only; the other inputs'
	// outputs matter to the midstate only when they are taproot, which a
	// v0 input's digest does not read.
	fetch := prevOuts{}
	for i := range p.Inputs {
		if o, err := spent(p, i); err == nil {
			fetch[p.UnsignedTx.TxIn[i].PreviousOutPoint] = o
		}
	}
	h, err := txscript.CalcWitnessSigHash(prev.PkScript, txscript.NewTxSigHashes(p.UnsignedTx, fetch),
		txscript.SigHashAll, p.UnsignedTx, input, prev.Value)
	if err != nil {
		return digest, nil, fmt.Errorf("client: PSBT input %d: sighash: %w", input, err)
	}
	copy(digest[:], h)
	return digest, comp[:], nil
}

// spent is the output input of p spends, from its witness UTXO or its
// full previous transaction (whose hash must match the outpoint).
func spent(p *psbt.Packet, input int) (*wire.TxOut, error) {
	in := &p.Inputs[input]
	if in.WitnessUtxo != nil {
		return in.WitnessUtxo, nil
	}
	if in.NonWitnessUtxo == nil {
		return nil, fmt.Errorf("%w: input %d has neither a witness UTXO nor its previous transaction", ErrNotP2WPKH, input)
	}
	op := p.UnsignedTx.TxIn[input].PreviousOutPoint
	if in.NonWitnessUtxo.TxHash() != op.Hash {
		return nil, fmt.Errorf("client: PSBT input %d: its previous transaction is %s, the input spends %s", input, in.NonWitnessUtxo.TxHash(), op.Hash)
	}
	if int(op.Index) >= len(in.NonWitnessUtxo.TxOut) {
		return nil, fmt.Errorf("client: PSBT input %d spends output %d of a transaction with %d", input, op.Index, len(in.NonWitnessUtxo.TxOut))
	}
	return in.NonWitnessUtxo.TxOut[op.Index], nil
}

// prevOuts is a txscript.PrevOutputFetcher that answers an empty output
// for an outpoint it does not know, where txscript's own would answer nil.
type prevOuts map[wire.OutPoint]*wire.TxOut

func (m prevOuts) FetchPrevOutput(op wire.OutPoint) *wire.TxOut {
	if o, ok := m[op]; ok {
		return o
	}
	return &wire.TxOut{}
}

// BTCSignatureBytes is sig DER-encoded with low S, followed by the
// SIGHASH_ALL byte, after checking it verifies over digest under the
// compressed key comp.
func BTCSignatureBytes(sig *Signature, digest [32]byte, comp []byte) ([]byte, error) {
	pk, err := btcec.ParsePubKey(comp)
	if err != nil {
		return nil, fmt.Errorf("client: public key: %w", err)
	}
	var r, s btcec.ModNScalar
	if r.SetBytes(&sig.R) != 0 || s.SetBytes(&sig.S) != 0 || r.IsZero() || s.IsZero() {
		return nil, errors.New("client: signature: r or s is zero or not below the group order")
	}
	if s.IsOverHalfOrder() { // BIP-146 (LOW_S) policy; Serialize would also do it
		s.Negate()
	}
	es := btcecdsa.NewSignature(&r, &s)
	if !es.Verify(digest[:], pk) {
		return nil, errors.New("client: signature: does not verify over the sighash")
	}
	return append(es.Serialize(), byte(txscript.SigHashAll)), nil
}

// SignPSBTInput has the network sign input of p with the PKP whose public
// key is pubkey, authorised by cred, and adds the signature to p as a
// partial signature (see P2WPKHSighash for what is checked first). p is
// then ready for psbt.Finalize of that input.
func (c *Client) SignPSBTInput(ctx context.Context, cred Credential, p *psbt.Packet, input int, pubkey []byte) (*BTCSignature, error) {
	digest, comp, err := P2WPKHSighash(p, input, pubkey)
	if err != nil {
		return nil, err
	}
	for _, ps := range p.Inputs[input].PartialSigs {
		if bytes.Equal(ps.PubKey, comp) {
			return nil, fmt.Errorf("client: PSBT input %d already has the PKP's signature", input)
		}
	}
	sr, err := c.PKPSign(ctx, cred, pubkey, digest)
	if err != nil {
		return nil, fmt.Errorf("client: sign PSBT input %d: %w", input, err)
	}
	der, err := BTCSignatureBytes(&sr.Signature, digest, comp)
	if err != nil {
		return nil, fmt.Errorf("client: sign PSBT input %d: %w", input, err)
	}
	u, err := psbt.NewUpdater(p)
	if err != nil {
		return nil, fmt.Errorf("client: sign PSBT input %d: %w", input, err)
	}
	out, err := u.Sign(input, der, comp, nil, nil)
	if err != nil {
		return nil, fmt.Errorf("client: PSBT input %d: adding the signature: %w", input, err)
	}
	if out != psbt.SignSuccesful {
		return nil, fmt.Errorf("client: PSBT input %d: the signature was not added (outcome %d)", input, out)
	}
	return &BTCSignature{Input: input, Sighash: digest, PubKey: comp, Signature: der, Sign: sr}, nil
}
