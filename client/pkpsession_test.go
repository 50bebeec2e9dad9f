package client

import (
	"bytes"
	"context"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/auth/authmethod"
)

// A PKP session's wallet login names the session key it is for; a node
// (here the resolver every node runs) reads that key from it and takes the
// login for that session only.
func ExampleWalletLogin() {
	blockhash := "0x9a0e2cbb3b7c4b1f4c07f1a36fb5a1e1d0b6bcd2e0b0a9f3a4f1c8c0b3d2e1f0"
	wallet, _ := crypto.GenerateKey()
	key, _ := NewSessionKey()
	am, err := WalletLogin(wallet, blockhash, 10*time.Minute)(key.Public())
	if err != nil {
		fmt.Println(err)
		return
	}
	r := authmethod.NewResolver(authmethod.ResolverConfig{RecentNonce: func(n string) bool { return n == blockhash }})
	id, err := r.Resolve(context.Background(), authmethod.AuthMethod{Type: authmethod.Type(am.AuthMethodType), AccessToken: am.AccessToken}, nil)
	fmt.Println(err, id.Address == crypto.PubkeyToAddress(wallet.PublicKey), bytes.Equal(id.SessionKey, key.Public()))
	_, err = WalletLogin(wallet, blockhash, time.Minute)([]byte("short"))
	fmt.Println(err != nil)
	// Output:
	// <nil> true true
	// true
}

// UnboundLogin sends the same auth method for any session key.
func ExampleUnboundLogin() {
	am := AuthMethod{AuthMethodType: 6, AccessToken: "an ID token"}
	a, _ := UnboundLogin(am)(make([]byte, 32))
	b, _ := UnboundLogin(am)(bytes.Repeat([]byte{1}, 32))
	fmt.Println(a == am, b == am)
	// Output: true true
}
