// Package chain connects Flint to its contracts on an EVM chain over JSON-RPC: the node registry (Staking),
// the PKP NFT, its permissions and the public-key router. It reads the node set, threshold, epoch and root
// keys, looks PKPs and their permissions up, mints (from the nodes' pool of attested keys or with a
// caller-chosen key id), writes permissions, and deploys the contracts. Contract reverts come back as
// *RevertError values that match sentinels such as ErrNotOwner with errors.Is.
//
// The Solidity sources are in chain/contracts; the generated bindings in chain/bindings. A local
// go-ethereum dev chain lives in chain/devchain, apart, so that a node importing this package does not
// link go-ethereum's node.
package chain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/flint-network/flint/chain/bindings"
)

// Addresses are the deployed contracts of one network.
type Addresses struct {
	Staking        common.Address `json:"staking"`
	PKPNFT         common.Address `json:"pkpNft"`
	PKPPermissions common.Address `json:"pkpPermissions"`
	PubkeyRouter   common.Address `json:"pubkeyRouter"`
	// PKPHelper mints a PKP and registers its auth methods in one transaction (the Lit SDK's
	// mintWithAuth). Optional: networks deployed before it existed have none.
	PKPHelper common.Address `json:"pkpHelper,omitempty"`
}

// Client reads and writes Flint's contracts through an ethclient. It is safe for concurrent use.
type Client struct {
	eth     *ethclient.Client
	chainID *big.Int
	addrs   Addresses

	stakingABI *bindings.Staking
	nftABI     *bindings.PKPNFT
	permsABI   *bindings.PKPPermissions
	routerABI  *bindings.PubkeyRouter
	helperABI  *bindings.PKPHelper
	staking    *bind.BoundContract
	nft        *bind.BoundContract
	perms      *bind.BoundContract
	router     *bind.BoundContract
	helper     *bind.BoundContract // nil without a PKPHelper

	// sendMu serialises nonce assignment and sending, so concurrent writes from one account in this
	// process do not pick the same nonce.
	sendMu sync.Mutex
}

// Dial connects to a JSON-RPC endpoint (http://, ws:// or an IPC path) and checks that every contract of
// addrs has code there.
func Dial(ctx context.Context, rpcURL string, addrs Addresses) (*Client, error) {
	ec, err := ethclient.DialContext(ctx, rpcURL)
	if err != nil {
		return nil, fmt.Errorf("chain: dial %s: %w", rpcURL, err)
	}
	c, err := NewClient(ctx, ec, addrs)
	if err != nil {
		ec.Close()
		return nil, err
	}
	return c, nil
}

// NewClient wraps an existing ethclient; Close closes it.
func NewClient(ctx context.Context, ec *ethclient.Client, addrs Addresses) (*Client, error) {
	chainID, err := ec.ChainID(ctx)
	if err != nil {
		return nil, fmt.Errorf("chain: chain id: %w", err)
	}
	for _, a := range []struct {
		name string
		addr common.Address
	}{{"Staking", addrs.Staking}, {"PKPNFT", addrs.PKPNFT}, {"PKPPermissions", addrs.PKPPermissions}, {"PubkeyRouter", addrs.PubkeyRouter}, {"PKPHelper", addrs.PKPHelper}} {
		if a.name == "PKPHelper" && a.addr == (common.Address{}) {
			continue // optional
		}
		code, err := ec.CodeAt(ctx, a.addr, nil)
		if err != nil {
			return nil, fmt.Errorf("chain: code of %s: %w", a.name, err)
		}
		if len(code) == 0 {
			return nil, fmt.Errorf("%w: %s at %s", ErrNoContract, a.name, a.addr)
		}
	}
	c := &Client{
		eth:        ec,
		chainID:    chainID,
		addrs:      addrs,
		stakingABI: bindings.NewStaking(),
		nftABI:     bindings.NewPKPNFT(),
		permsABI:   bindings.NewPKPPermissions(),
		routerABI:  bindings.NewPubkeyRouter(),
		helperABI:  bindings.NewPKPHelper(),
	}
	c.staking = c.stakingABI.Instance(ec, addrs.Staking)
	c.nft = c.nftABI.Instance(ec, addrs.PKPNFT)
	c.perms = c.permsABI.Instance(ec, addrs.PKPPermissions)
	c.router = c.routerABI.Instance(ec, addrs.PubkeyRouter)
	if addrs.PKPHelper != (common.Address{}) {
		c.helper = c.helperABI.Instance(ec, addrs.PKPHelper)
	}
	return c, nil
}

// Close closes the underlying connection.
func (c *Client) Close() { c.eth.Close() }

// ChainID is the chain's EIP-155 id.
func (c *Client) ChainID() *big.Int { return new(big.Int).Set(c.chainID) }

// Addresses are the contracts this client talks to.
func (c *Client) Addresses() Addresses { return c.addrs }

// Eth is the underlying ethclient, for reads this package does not wrap (blocks, balances).
func (c *Client) Eth() *ethclient.Client { return c.eth }

// Transactor returns transaction options that sign with key for this chain. Pass them to the write methods;
// the methods set the context themselves.
func (c *Client) Transactor(key *ecdsa.PrivateKey) *bind.TransactOpts {
	return bind.NewKeyedTransactor(key, c.chainID)
}

// call runs an eth_call and decodes the result, turning a revert into a *RevertError.
func call[T any](ctx context.Context, bc *bind.BoundContract, op string, block *big.Int, data []byte, packErr error, unpack func([]byte) (T, error)) (T, error) {
	var zero T
	if packErr != nil {
		return zero, fmt.Errorf("chain: %s: %w: %w", op, ErrInvalidConfig, packErr)
	}
	out, err := bind.Call(bc, &bind.CallOpts{Context: ctx, BlockNumber: block}, data, unpack)
	if err != nil {
		return zero, wrapErr(op, err)
	}
	return out, nil
}

// transact sends a transaction to bc and waits for its receipt. A transaction that would revert fails at gas
// estimation with the decoded reason; one that reverts on chain anyway is replayed to find the reason.
func (c *Client) transact(ctx context.Context, auth *bind.TransactOpts, bc *bind.BoundContract, op string, data []byte, packErr error, value *big.Int) (*types.Receipt, error) {
	if auth == nil {
		return nil, fmt.Errorf("chain: %s: %w: no transactor", op, ErrInvalidConfig)
	}
	if packErr != nil {
		return nil, fmt.Errorf("chain: %s: %w: %w", op, ErrInvalidConfig, packErr)
	}
	opts := *auth
	opts.Context = ctx
	opts.Value = value
	c.sendMu.Lock()
	tx, err := bind.Transact(bc, &opts, data)
	c.sendMu.Unlock()
	if err != nil {
		return nil, wrapErr(op, err)
	}
	receipt, err := WaitReceipt(ctx, c.eth, tx.Hash())
	if err != nil {
		return nil, fmt.Errorf("chain: %s: waiting for %s: %w", op, tx.Hash(), err)
	}
	if receipt.Status != types.ReceiptStatusSuccessful {
		return receipt, c.replayRevert(ctx, op, auth.From, tx, receipt)
	}
	return receipt, nil
}

// replayRevert re-executes a reverted transaction on the state before its block to recover the reason.
func (c *Client) replayRevert(ctx context.Context, op string, from common.Address, tx *types.Transaction, r *types.Receipt) error {
	msg := ethereum.CallMsg{From: from, To: tx.To(), Gas: tx.Gas(), Value: tx.Value(), Data: tx.Data()}
	parent := new(big.Int).Sub(r.BlockNumber, big.NewInt(1))
	if _, err := c.eth.CallContract(ctx, msg, parent); err != nil {
		var re *RevertError
		if err := wrapErr(op, err); errors.As(err, &re) {
			return re
		}
	}
	return fmt.Errorf("chain: %s: transaction %s %w on chain", op, tx.Hash(), ErrReverted)
}

// WaitReceipt waits until a transaction is in a block and that block is the chain's head or behind it, and
// returns the receipt (whatever its status), so that reads after it see the transaction's effects. It polls
// quickly at first: the dev chain seals a block within milliseconds, a public chain takes seconds.
func WaitReceipt(ctx context.Context, ec *ethclient.Client, hash common.Hash) (*types.Receipt, error) {
	delay := time.Millisecond
	var r *types.Receipt
	for {
		if r == nil {
			var err error
			r, err = ec.TransactionReceipt(ctx, hash)
			// A node that just started answers "transaction indexing is in progress" until its indexer
			// caught up.
			if err != nil && !errors.Is(err, ethereum.NotFound) && !strings.Contains(err.Error(), "transaction indexing is in progress") {
				return nil, err
			}
		}
		if r != nil {
			// A receipt can be served a moment before its block becomes the head.
			head, err := ec.BlockNumber(ctx)
			if err != nil {
				return nil, err
			}
			if r.BlockNumber != nil && head >= r.BlockNumber.Uint64() {
				return r, nil
			}
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, ctx.Err()
		case <-t.C:
		}
		delay = min(delay*3/2+time.Millisecond, 500*time.Millisecond)
	}
}

// maxUint256 bounds token ids.
var maxUint256 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

func checkTokenID(id *big.Int) error {
	if id == nil || id.Sign() < 0 || id.Cmp(maxUint256) > 0 {
		return ErrInvalidTokenID
	}
	return nil
}
