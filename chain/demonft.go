package chain

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/chain/bindings"
)

// DeployDemoNFT deploys DemoNFT, an ERC-721 anyone may mint, to gate decryption on owning a token in tests
// and demos. It is not part of a network's contracts.
func (c *Client) DeployDemoNFT(ctx context.Context, auth *bind.TransactOpts) (common.Address, error) {
	return deploy(ctx, c.eth, auth, "DemoNFT", bindings.DemoNFTMetaData.Bin, nil)
}

// MintDemoNFT mints the next DemoNFT token of the contract at nft to `to` and returns its id.
func (c *Client) MintDemoNFT(ctx context.Context, auth *bind.TransactOpts, nft, to common.Address) (*big.Int, error) {
	demo := bindings.NewDemoNFT()
	data, err := demo.TryPackMint(to)
	r, err := c.transact(ctx, auth, demo.Instance(c.eth, nft), "mint", data, err, nil)
	if err != nil {
		return nil, err
	}
	for _, l := range r.Logs {
		if ev, err := demo.UnpackMintedEvent(l); err == nil && l.Address == nft {
			return ev.TokenId, nil
		}
	}
	return nil, fmt.Errorf("chain: DemoNFT mint: receipt %s has no Minted log", r.TxHash)
}
