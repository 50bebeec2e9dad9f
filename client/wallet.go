package client

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/crypto/secp"
)

// The PKP as an Ethereum wallet: a transaction from the PKP's address,
// signed by the network like any other 32-byte hash.

// EthTx is a transaction for SendEthTx to build: the chain supplies the
// nonce, chain id and fee caps.
type EthTx struct {
	To       common.Address
	Value    *big.Int // wei; nil is 0
	Data     []byte
	GasLimit uint64 // 0: estimated by the chain
}

// SentEthTx is a transaction SendEthTx signed, broadcast and saw mined.
type SentEthTx struct {
	From    common.Address // the PKP's address, which the signature recovers to
	Tx      *types.Transaction
	Receipt *types.Receipt // Status says whether it succeeded or reverted
	Sign    *SignResult    // the network's signature over the signing hash
}

// ErrInsufficientFunds is returned before anything is signed when the
// PKP's address cannot pay for the value and the most the gas may cost.
var ErrInsufficientFunds = errors.New("client: the PKP's address cannot pay for the transaction")

// maxTxData bounds EthTx.Data: a transaction over 128 KiB is refused by
// go-ethereum's transaction pool anyway.
const maxTxData = 128 << 10

// SendEthTx builds an EIP-1559 transaction from the address of the PKP
// whose public key is pubkey (nonce, chain id, tip and fee cap from ec's
// chain; the gas limit estimated unless tx names one), has the network
// sign its signing hash with the PKP, authorised by cred, checks that the
// signed transaction's sender is the PKP's address, broadcasts it and
// waits for its receipt. A transaction that reverts on chain is returned
// with its receipt (Status 0) and no error: its gas is spent all the same.
//
// Concurrent sends from one PKP may pick the same nonce; the chain then
// keeps one of them.
func (c *Client) SendEthTx(ctx context.Context, cred Credential, ec *ethclient.Client, pubkey []byte, tx EthTx) (*SentEthTx, error) {
	if len(tx.Data) > maxTxData {
		return nil, fmt.Errorf("client: send tx: %d bytes of data, over the limit of %d", len(tx.Data), maxTxData)
	}
	value := tx.Value
	if value == nil {
		value = new(big.Int)
	}
	if value.Sign() < 0 {
		return nil, fmt.Errorf("client: send tx: negative value %s", value)
	}
	pt, err := secp.ParsePublicKey(pubkey)
	if err != nil {
		return nil, fmt.Errorf("client: send tx: public key: %w", err)
	}
	full := secp.Uncompressed(&pt)
	pubkey = full[:]
	from := chain.EthAddress(pubkey)
	unsigned, err := buildEthTx(ctx, ec, from, tx.To, value, tx.Data, tx.GasLimit)
	if err != nil {
		return nil, fmt.Errorf("client: send tx from %s: %w", from, err)
	}
	signer := types.LatestSignerForChainID(unsigned.ChainId())
	sr, err := c.PKPSign(ctx, cred, pubkey, signer.Hash(unsigned))
	if err != nil {
		return nil, fmt.Errorf("client: send tx from %s: %w", from, err)
	}
	signed, err := withPKPSignature(unsigned, signer, &sr.Signature, from)
	if err != nil {
		return nil, fmt.Errorf("client: send tx: %w", err)
	}
	if err := ec.SendTransaction(ctx, signed); err != nil {
		return nil, fmt.Errorf("client: send tx %s: broadcast: %w", signed.Hash(), err)
	}
	r, err := chain.WaitReceipt(ctx, ec, signed.Hash())
	if err != nil {
		return nil, fmt.Errorf("client: send tx %s: waiting for the receipt: %w", signed.Hash(), err)
	}
	return &SentEthTx{From: from, Tx: signed, Receipt: r, Sign: sr}, nil
}

// buildEthTx fills in an EIP-1559 transaction from from: its pending
// nonce, the chain's suggested tip, a fee cap of twice the head's base fee
// plus the tip (room for six full blocks of base-fee rises), and the gas
// limit (estimated when gasLimit is 0). It refuses, before any signing,
// when from's balance does not cover value plus gas limit × fee cap.
func buildEthTx(ctx context.Context, ec *ethclient.Client, from, to common.Address, value *big.Int, data []byte, gasLimit uint64) (*types.Transaction, error) {
	chainID, err := ec.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("chain id: %w", err)
	}
	nonce, err := ec.PendingNonceAt(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("nonce: %w", err)
	}
	head, err := ec.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("head: %w", err)
	}
	if head.BaseFee == nil {
		return nil, errors.New("the chain has no base fee (not London): EIP-1559 transactions are not accepted there")
	}
	tip, err := ec.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, fmt.Errorf("gas tip: %w", err)
	}
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	balance, err := ec.PendingBalanceAt(ctx, from)
	if err != nil {
		return nil, fmt.Errorf("balance: %w", err)
	}
	if balance.Cmp(value) < 0 {
		return nil, fmt.Errorf("%w: it holds %s wei, less than the value %s", ErrInsufficientFunds, balance, value)
	}
	if gasLimit == 0 {
		gasLimit, err = ec.EstimateGas(ctx, ethereum.CallMsg{From: from, To: &to, Value: value, Data: data})
		if err != nil && strings.Contains(err.Error(), "insufficient funds") {
			return nil, fmt.Errorf("%w: estimating gas: %w", ErrInsufficientFunds, err)
		}
		if err != nil {
			return nil, fmt.Errorf("estimating gas: %w", err)
		}
	}
	need := new(big.Int).Add(value, new(big.Int).Mul(feeCap, new(big.Int).SetUint64(gasLimit)))
	if balance.Cmp(need) < 0 {
		return nil, fmt.Errorf("%w: it holds %s wei and needs up to %s (value %s + gas %d × fee cap %s)",
			ErrInsufficientFunds, balance, need, value, gasLimit, feeCap)
	}
	return types.NewTx(&types.DynamicFeeTx{
		ChainID:   chainID,
		Nonce:     nonce,
		GasTipCap: tip,
		GasFeeCap: feeCap,
		Gas:       gasLimit,
		To:        &to,
		Value:     value,
		Data:      data,
	}), nil
}

// withPKPSignature attaches the network's signature to tx — r ‖ s ‖
// recovery id, the form the typed-transaction signer takes — and checks
// that the sender recovers to from, the PKP's address.
func withPKPSignature(tx *types.Transaction, signer types.Signer, sig *Signature, from common.Address) (*types.Transaction, error) {
	if sig.V > 1 {
		return nil, fmt.Errorf("recovery id %d, want 0 or 1", sig.V)
	}
	raw := make([]byte, 0, 65)
	raw = append(append(append(raw, sig.R[:]...), sig.S[:]...), sig.V)
	signed, err := tx.WithSignature(signer, raw)
	if err != nil {
		return nil, fmt.Errorf("attaching the signature: %w", err)
	}
	sender, err := types.Sender(signer, signed)
	if err != nil {
		return nil, fmt.Errorf("recovering the sender: %w", err)
	}
	if sender != from {
		return nil, fmt.Errorf("the signed transaction's sender is %s, not the PKP's address %s", sender, from)
	}
	return signed, nil
}
