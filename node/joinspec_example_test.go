package node_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/node"
)

// ExampleJoinSpec reads what a new node sends with its join request: `flint node join` does this,
// then signs requestToJoin with the returned identity key.
func ExampleJoinSpec() {
	dir, err := os.MkdirTemp("", "joinspec")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	cfg := &node.Config{
		DataDir:      filepath.Join(dir, "node"),
		IdentityKey:  "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318",
		TransportKey: "0101010101010101010101010101010101010101010101010101010101010101",
		StoreKey:     "0202020202020202020202020202020202020202020202020202020202020202",
		ChainRPC:     "http://127.0.0.1:8545",
		Contracts:    chain.Addresses{Staking: common.HexToAddress("0x5FbDB2315678afecb367f032d93F642f64180aa3")},
		APIListen:    "10.0.0.7:7470",
	}
	spec, key, err := node.JoinSpec(cfg)
	if err != nil {
		panic(err)
	}
	// The DKG key is made in the store on first use and read back afterwards: the same one.
	again, _, err := node.JoinSpec(cfg)
	if err != nil {
		panic(err)
	}
	fmt.Println(spec.AddrPort, spec.Address.Hex(), spec.Address == crypto.PubkeyToAddress(key.PublicKey))
	fmt.Println(len(spec.TransportKey), len(spec.DKGKey), bytes.Equal(again.DKGKey, spec.DKGKey))
	// Output:
	// 10.0.0.7:7470 0x2c7536E3605D9C16a7a3D7b1898e529396a65c23 true
	// 32 48 true
}
