package integration

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/ipfs"
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
	// The target: p50 under 20 ms for a wallet login (one BLS share
	// per node); logged, not asserted, on a shared 2-core machine.
	var took []time.Duration
	for range 15 {
		t0 := time.Now()
		if _, err := cl.PKPSession(ctx, f.pubkey, []client.AuthMethod{login}, time.Hour); err != nil {
			t.Fatal(err)
		}
		took = append(took, time.Since(t0))
	}
	slices.Sort(took)
	t.Logf("PKPSession: p50 %v, max %v over %d", took[len(took)/2].Round(time.Microsecond), took[len(took)-1].Round(time.Microsecond), len(took))
	hash := [32]byte{0x5e, 0x55}
	res, err := cl.PKPSign(ctx, sess, f.pubkey, hash)
	if err != nil {
		t.Fatal(err)
	}
	verify(t, &res.Signature, f.pubkey)

	// Decryption: the session is the PKP's address for :userAddress.
	pkpAddr := chain.EthAddress(f.pubkey)
	conds, err := acc.Parse(acc.EVMBasic, []byte(`[{"contractAddress":"","standardContractType":"","chain":"ethereum","method":"",`+
		`"parameters":[":userAddress"],"returnValueTest":{"comparator":"=","value":"`+pkpAddr.Hex()+`"}}]`))
	if err != nil {
		t.Fatal(err)
	}
	secret := []byte("for the PKP's eyes")
	enc, err := cl.Encrypt(conds, secret)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := cl.Decrypt(ctx, sess, conds, enc); err != nil || !bytes.Equal(got.Data, secret) {
		t.Fatalf("PKP session decryption: %+v, %v", got, err)
	}

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
			// Decryption too.
			_, err = cl.Decrypt(ctx, sess, conds, enc)
			refusedWith(t, "the revoked login's session decrypting", err, "NodePKPNotAuthorized")
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

// TestPKPSessionLitAction: a Lit Action the PKP permits proves the login
// (custom auth, getLitActionSessionSigs) when it answers "true"; the
// session signs with the PKP, and Lit.Auth shows the Action its CID. An
// Action the PKP does not permit, and a permitted one answering anything
// else, get no session; removing the Action's permission stops the session.
func TestPKPSessionLitAction(t *testing.T) {
	f := newSharedPKPFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	owner := f.d.Chain.Accounts()[1]
	token, _ := new(big.Int).SetString(f.token, 10)
	// The Action proves the login only for the right password, and only
	// when Lit.Auth names it as the running Action.
	code := []byte(`(async () => {
  const ok = password === "hunter2" && Lit.Auth.actionIpfsIds.length === 1 && Lit.Auth.authSigAddress === null;
  Lit.Actions.setResponse({response: ok ? "true" : "untrue"});
})();`)
	cid := ipfs.Sum(code)
	cl, err := client.Connect(ctx, f.d.URLs(), client.Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	action := client.LoginAction{Code: code, JSParams: map[string]any{"password": "hunter2"}}

	_, err = cl.PKPSessionWithAction(ctx, f.pubkey, action, nil, time.Hour)
	refusedWith(t, "an Action the PKP does not permit", err, "NodePKPNotAuthorized")

	if _, err := f.cc.AddPermittedAction(ctx, f.cc.Transactor(owner.Key), token, cid.Bytes(), chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	// Permissions are read per block: wait for the nodes to see it.
	var sess *client.Session
	deadline := time.Now().Add(10 * time.Second)
	for {
		sess, err = cl.PKPSessionWithAction(ctx, f.pubkey, action, nil, time.Hour)
		if err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(300 * time.Millisecond)
	}
	if err != nil {
		t.Fatal(err)
	}
	res, err := cl.PKPSign(ctx, sess, f.pubkey, [32]byte{0xac, 0x71})
	if err != nil {
		t.Fatal(err)
	}
	verify(t, &res.Signature, f.pubkey)

	wrong := client.LoginAction{Code: code, JSParams: map[string]any{"password": "guess"}}
	_, err = cl.PKPSessionWithAction(ctx, f.pubkey, wrong, nil, time.Hour)
	refusedWith(t, "an Action answering \"untrue\"", err, "NodeLitActionsSessionSigAuthenticationFailed")

	if _, err := f.cc.RemovePermittedAction(ctx, f.cc.Transactor(owner.Key), token, cid.Bytes()); err != nil {
		t.Fatal(err)
	}
	removed := time.Now()
	for {
		_, err := cl.PKPSign(ctx, sess, f.pubkey, [32]byte{0xac, 0x72, byte(time.Since(removed) / time.Millisecond)})
		if err != nil {
			refusedWith(t, "the session of a revoked Action", err, "NodePKPNotAuthorized")
			break
		}
		if time.Since(removed) > 5*time.Second {
			t.Fatal("the Action's session still signs 5 s after the Action's permission was removed")
		}
		time.Sleep(200 * time.Millisecond)
	}
}
