package chain_test

import (
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"

	"github.com/flint-network/flint/chain/bindings"
)

func TestDemoNFT(t *testing.T) {
	f := newFixture(t, 0)
	ctx := ctxT(t)
	nft, err := f.c.DeployDemoNFT(ctx, f.owner)
	if err != nil {
		t.Fatal(err)
	}
	demo := bindings.NewDemoNFT()
	inst := demo.Instance(f.c.Eth(), nft)
	for i, to := range []*bind.TransactOpts{f.alice, f.bob, f.alice} {
		id, err := f.c.MintDemoNFT(ctx, f.owner, nft, to.From)
		if err != nil {
			t.Fatal(err)
		}
		if id.Int64() != int64(i+1) {
			t.Fatalf("token %d got id %s", i+1, id)
		}
		owner, err := bind.Call(inst, &bind.CallOpts{Context: ctx}, demo.PackOwnerOf(id), demo.UnpackOwnerOf)
		if err != nil || owner != to.From {
			t.Fatalf("ownerOf(%s) = %s, %v; want %s", id, owner, err, to.From)
		}
	}
	bal, err := bind.Call(inst, &bind.CallOpts{Context: ctx}, demo.PackBalanceOf(f.alice.From), demo.UnpackBalanceOf)
	if err != nil || bal.Int64() != 2 {
		t.Fatalf("alice's balance %v, %v", bal, err)
	}
}
