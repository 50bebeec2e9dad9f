package auth_test

import (
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/auth"
)

// The nodes rebuild a client's SIWE message for a PKP session and sign its
// SessionHash with the network's BLS key.
func ExamplePKPSessionMessage() {
	rc := auth.NewRecap(auth.ResourceAbility{Resource: auth.Resource{Prefix: auth.PrefixPKP, ID: "*"}, Ability: auth.AbilityPKPSigning})
	client, err := auth.ParseMessage("localhost wants you to sign in with your Ethereum account:\n" +
		"0x7697f071cbe4764F596B64d95ca54Adf5e614C37\n\n" +
		"Lit Protocol PKP session signature " + rc.Statement() + "\n\n" +
		"URI: lit:session:d63204d1dd3b133f37d813532046ef63fdba1e312a950373eb6a54c9757ce281\n" +
		"Version: 1\nChain ID: 1\nNonce: 0xde5eca386bb63607b24c5256e6c483a678b99e51e3104ec4d9959a9f19af0b96\n" +
		"Issued At: 2025-10-15T15:27:00.000Z\nExpiration Time: 2025-10-16T15:27:00.000Z\nResources:\n- " + rc.Encode())
	if err != nil {
		fmt.Println(err)
		return
	}
	pkp := common.HexToAddress("0x7697f071cbe4764F596B64d95ca54Adf5e614C37")
	wallet := "0xcff6322A01F2F90855B7aD018c83F9A2c13f87bf"
	msg, err := auth.PKPSessionMessage(client, pkp, client.Nonce, time.Date(2025, 10, 15, 15, 27, 11, 0, time.UTC),
		auth.AuthContext{AuthMethodContexts: []auth.AuthMethodContext{{AppID: "lit", AuthMethodType: 1, UsedForSignSessionKeyRequest: true, UserID: wallet}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	m, _ := auth.ParseMessage(msg)
	fmt.Println(m.IssuedAt.Format(time.RFC3339))
	fmt.Println(m.Statement[len(m.Statement)-53:])
	h := auth.SessionHash(msg)
	fmt.Println(len(h))
	// Output:
	// 2025-10-15T15:27:11Z
	// (2) 'Auth': 'Auth' for 'lit-resolvedauthcontext://*'.
	// 32
}
