package client

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/auth"
)

// A wallet login (auth method type 1) is a SIWE sign-in over the network's
// latest block hash; a node accepts it while that hash is recent, and from
// the signer only.
func ExampleClient_WalletLogin() {
	c := &Client{Blockhash: "0x9a0e2cbb3b7c4b1f4c07f1a36fb5a1e1d0b6bcd2e0b0a9f3a4f1c8c0b3d2e1f0"}
	wallet, _ := crypto.GenerateKey()
	am, _ := c.WalletLogin(wallet, 10*time.Minute)
	for _, recent := range []bool{true, false} {
		addr, _, err := auth.VerifyWalletLogin(context.Background(), json.RawMessage(am.AccessToken), auth.LoginOptions{
			Now: time.Now(), RecentNonce: func(n string) bool { return recent && n == c.Blockhash },
		})
		fmt.Printf("type %d, signer matches %v, refusal %q\n", am.AuthMethodType, addr == crypto.PubkeyToAddress(wallet.PublicKey), auth.Code(err))
	}
	// Output:
	// type 1, signer matches true, refusal ""
	// type 1, signer matches false, refusal "stale_nonce"
}
