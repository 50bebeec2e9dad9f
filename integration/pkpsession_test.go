package integration

import (
	"context"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
)

// TestPKPSessionWalletLogin: a wallet the PKP permits logs in, every node
// signs its share of the PKP session, the client combines and verifies
// them, and the session signs with the PKP (checked with Ecrecover). The
// session signs for that PKP only; a wallet the PKP does not permit gets no
// session; and once the permission is removed on chain the same session is
// refused within a block or two.
func TestPKPSessionWalletLogin(t *testing.T) {
	f := newSharedPKPFixture(t)
	other := newSharedPKPFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	owner := f.d.Chain.Accounts()[1]
	token, _ := new(big.Int).SetString(f.token, 10)

	user, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	userAddr := crypto.PubkeyToAddress(user.PublicKey)
	if _, err := f.cc.AddPermittedAddress(ctx, f.cc.Transactor(owner.Key), token, userAddr, chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	cl, err := client.Connect(ctx, f.d.URLs(), client.Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	login, err := client.WalletLogin(user, cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	sess, err := cl.PKPSession(ctx, f.pubkey, []client.AuthMethod{login}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PKP session from the wallet login in %v", time.Since(start).Round(time.Millisecond))
	if sess.Wallet() != chain.EthAddress(f.pubkey) {
		t.Fatalf("session acts as %s, want the PKP's address", sess.Wallet().Hex())
	}
	hash := [32]byte{0x5e, 0x55}
	res, err := cl.PKPSign(ctx, sess, f.pubkey, hash)
	if err != nil {
		t.Fatal(err)
	}
	verify(t, &res.Signature, f.pubkey)

	// PKP A's session must not sign with PKP B.
	_, err = cl.PKPSign(ctx, sess, other.pubkey, hash)
	refusedWith(t, "PKP A's session on PKP B", err, "NodeNotAuthorized")

	// A wallet the PKP does not permit gets no session.
	stranger, _ := crypto.GenerateKey()
	strangerLogin, err := client.WalletLogin(stranger, cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	_, err = cl.PKPSession(ctx, f.pubkey, []client.AuthMethod{strangerLogin}, time.Hour)
	refusedWith(t, "a stranger's login", err, "NodePKPNotAuthorized")

	// Revoked on chain: the same session stops within a block or two
	// (the nodes keep permission answers for one block, at most 2 s).
	if _, err := f.cc.RemovePermittedAddress(ctx, f.cc.Transactor(owner.Key), token, userAddr); err != nil {
		t.Fatal(err)
	}
	removed := time.Now()
	for {
		_, err := cl.PKPSign(ctx, sess, f.pubkey, [32]byte{0x5e, 0x56, byte(time.Since(removed) / time.Millisecond)})
		if err != nil {
			refusedWith(t, "the revoked login's session", err, "NodePKPNotAuthorized")
			t.Logf("refused %v after the removal was mined: %v", time.Since(removed).Round(time.Millisecond), err)
			break
		}
		if time.Since(removed) > 5*time.Second {
			t.Fatal("the PKP session still signs 5 s after its login's permission was removed")
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// refusedWith checks that err is every node's refusal with code.
func refusedWith(t *testing.T, what string, err error, code string) {
	t.Helper()
	var ne *client.NodesError
	if !errors.As(err, &ne) || len(ne.Nodes) == 0 {
		t.Fatalf("%s: err = %v, want every node's %s", what, err, code)
	}
	for _, n := range ne.Nodes {
		if n.Code != code {
			t.Fatalf("%s: %v, want %s from every node", what, n, code)
		}
	}
}
