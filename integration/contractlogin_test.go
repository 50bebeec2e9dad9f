package integration

import (
	"context"
	"encoding/json"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/auth/authmethod"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
)

// TestPKPSessionContractWalletLogin: a contract wallet (EIP-1271) logs in to
// a PKP session as an EOA does (auth method type 1, derivedVia EIP1271): the
// nodes ask the contract, on the network's chain (the SIWE chain id must
// name it), whether it vouches for the login's SIWE message.
// The wallet here vouches for everything (its isValidSignature returns the
// magic value), one that vouches for nothing is refused with
// NodeAuthMethodBadSignature, and both are permitted on the PKP, so only the
// contract's answer decides.
func TestPKPSessionContractWalletLogin(t *testing.T) {
	f := newSharedPKPFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	owner := f.d.Chain.Accounts()[1]
	token, _ := new(big.Int).SetString(f.token, 10)

	// isValidSignature of the first: PUSH32 0x1626ba7e‖0…, PUSH1 0, MSTORE, RETURN 32 bytes (the
	// ABI-encoded magic value); of the second: 32 zero bytes.
	vouches := deployRaw(ctx, t, f.cc, owner.Key, append(append([]byte{0x7f, 0x16, 0x26, 0xba, 0x7e}, make([]byte, 28)...),
		0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3))
	refuses := deployRaw(ctx, t, f.cc, owner.Key, []byte{0x60, 0x00, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3})
	for _, w := range []common.Address{vouches, refuses} {
		if _, err := f.cc.AddPermittedAddress(ctx, f.cc.Transactor(owner.Key), token, w, chain.ScopeSignAnything); err != nil {
			t.Fatal(err)
		}
	}
	cl, err := client.Connect(ctx, f.d.URLs(), client.Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	contractLogin := func(wallet common.Address) client.Login {
		return func(sessionKey []byte) (client.AuthMethod, error) {
			now := time.Now().UTC().Truncate(time.Second)
			m := &auth.Message{Domain: "localhost", Address: wallet, Statement: "Log in to a PKP.",
				URI: "https://localhost/login", Version: "1", ChainID: f.d.Chain.ChainID().Uint64(), Nonce: cl.Blockhash,
				IssuedAt: now, ExpirationTime: now.Add(time.Hour), Resources: []string{authmethod.SessionBinding(sessionKey)}}
			raw, err := json.Marshal(auth.AuthSig{Sig: "0x" + strings.Repeat("11", 65), DerivedVia: auth.DerivedViaContract,
				SignedMessage: m.String(), Address: wallet.Hex()})
			return client.AuthMethod{AuthMethodType: 1, AccessToken: string(raw)}, err
		}
	}

	sess, err := cl.PKPSession(ctx, f.pubkey, []client.Login{contractLogin(vouches)}, time.Hour)
	if err != nil {
		t.Fatalf("the contract wallet's login: %v", err)
	}
	res, err := cl.PKPSign(ctx, sess, f.pubkey, [32]byte{0x12, 0x71})
	if err != nil {
		t.Fatal(err)
	}
	verify(t, &res.Signature, f.pubkey)

	_, err = cl.PKPSession(ctx, f.pubkey, []client.Login{contractLogin(refuses)}, time.Hour)
	refusedWith(t, "a contract wallet that vouches for nothing", err, "NodeAuthMethodBadSignature")
	t.Logf("contract wallet %s logged in; %s refused", vouches.Hex(), refuses.Hex())
}
