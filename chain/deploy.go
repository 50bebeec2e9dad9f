package chain

import (
	"context"
	"fmt"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/flint-network/flint/chain/bindings"
)

// Deploy deploys and wires the five contracts with auth as their owner (the network's operator) and waits
// for every transaction. The order follows the contracts' constructor dependencies: Staking, PKPNFT,
// PubkeyRouter, PKPPermissions, PKPHelper, then PKPNFT.setContracts and PKPNFT.setHelper.
func Deploy(ctx context.Context, ec *ethclient.Client, auth *bind.TransactOpts) (Addresses, error) {
	var a Addresses
	if auth == nil {
		return a, fmt.Errorf("chain: deploy: %w: no transactor", ErrInvalidConfig)
	}
	owner := auth.From
	var err error
	staking := bindings.NewStaking()
	if a.Staking, err = deploy(ctx, ec, auth, "Staking", bindings.StakingMetaData.Bin, staking.PackConstructor(owner)); err != nil {
		return a, err
	}
	nft := bindings.NewPKPNFT()
	if a.PKPNFT, err = deploy(ctx, ec, auth, "PKPNFT", bindings.PKPNFTMetaData.Bin, nft.PackConstructor(owner, a.Staking)); err != nil {
		return a, err
	}
	router := bindings.NewPubkeyRouter()
	if a.PubkeyRouter, err = deploy(ctx, ec, auth, "PubkeyRouter", bindings.PubkeyRouterMetaData.Bin, router.PackConstructor(a.PKPNFT, a.Staking)); err != nil {
		return a, err
	}
	perms := bindings.NewPKPPermissions()
	if a.PKPPermissions, err = deploy(ctx, ec, auth, "PKPPermissions", bindings.PKPPermissionsMetaData.Bin, perms.PackConstructor(a.PKPNFT, a.PubkeyRouter)); err != nil {
		return a, err
	}
	helper := bindings.NewPKPHelper()
	if a.PKPHelper, err = deploy(ctx, ec, auth, "PKPHelper", bindings.PKPHelperMetaData.Bin, helper.PackConstructor(a.PKPNFT, a.PKPPermissions)); err != nil {
		return a, err
	}
	c := &Client{eth: ec, addrs: a, nftABI: nft}
	c.nft = nft.Instance(ec, a.PKPNFT)
	data, err := nft.TryPackSetContracts(a.PubkeyRouter, a.PKPPermissions)
	if _, err := c.transact(ctx, auth, c.nft, "setContracts", data, err, nil); err != nil {
		return a, err
	}
	data, err = nft.TryPackSetHelper(a.PKPHelper)
	if _, err := c.transact(ctx, auth, c.nft, "setHelper", data, err, nil); err != nil {
		return a, err
	}
	return a, nil
}

func deploy(ctx context.Context, ec *ethclient.Client, auth *bind.TransactOpts, name, bin string, args []byte) (common.Address, error) {
	code, err := hexutil.Decode(bin)
	if err != nil {
		return common.Address{}, fmt.Errorf("chain: deploy %s: bytecode: %w", name, err)
	}
	opts := *auth
	opts.Context = ctx
	addr, tx, err := bind.DeployContract(&opts, code, ec, args)
	if err != nil {
		return common.Address{}, wrapErr("deploy "+name, err)
	}
	r, err := WaitReceipt(ctx, ec, tx.Hash())
	if err != nil {
		return common.Address{}, fmt.Errorf("chain: deploy %s: %w", name, err)
	}
	if r.Status != types.ReceiptStatusSuccessful || r.ContractAddress != addr {
		return common.Address{}, fmt.Errorf("chain: deploy %s: %w (tx %s)", name, ErrReverted, tx.Hash())
	}
	return addr, nil
}
