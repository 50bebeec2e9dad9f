package integration

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"testing"
	"time"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
)

// verify checks a signature with decred's verifier and go-ethereum's
// Ecrecover, which must give the PKP's address.
func verify(t testing.TB, sig *client.Signature, pubkey []byte) {
	t.Helper()
	pk, err := secp256k1.ParsePubKey(pubkey)
	if err != nil {
		t.Fatal(err)
	}
	var r, s secp256k1.ModNScalar
	r.SetByteSlice(sig.R[:])
	s.SetByteSlice(sig.S[:])
	if !ecdsa.NewSignature(&r, &s).Verify(sig.Hash[:], pk) {
		t.Fatal("decred rejects the signature")
	}
	raw := sig.Bytes()
	raw[64] -= 27
	rec, err := crypto.Ecrecover(sig.Hash[:], raw)
	if err != nil || !bytes.Equal(rec, pubkey) {
		t.Fatalf("Ecrecover: %v", err)
	}
	if chain.EthAddress(rec) != chain.EthAddress(pubkey) {
		t.Fatal("recovered address is not the PKP's")
	}
}

func TestMintGrantSign(t *testing.T) {
	d := sharedDevnet(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cl, err := client.Connect(ctx, d.URLs(), client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	owner := d.Chain.Accounts()[1]
	stranger := d.Chain.Accounts()[2]
	friend := d.Chain.Accounts()[3]

	var nonce [32]byte
	rand.Read(nonce[:]) // the shared devnet serves many tests and runs
	minted, err := cl.ClaimAndMint(ctx, cc, cc.Transactor(owner.Key), nonce)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("minted token %s key %x", minted.TokenID, minted.Pubkey[:8])

	hash := sha256.Sum256([]byte("hello flint"))
	ownerSig, err := client.NewSession(owner.Key, cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	res, err := cl.PKPSign(ctx, ownerSig, minted.Pubkey, hash)
	if err != nil {
		t.Fatal(err)
	}
	verify(t, &res.Signature, minted.Pubkey)
	if len(res.BadNodes) != 0 {
		t.Fatalf("bad nodes %v", res.BadNodes)
	}

	// A stranger is refused by every node.
	strangerSig, _ := client.NewSession(stranger.Key, cl.Blockhash, time.Hour)
	_, err = cl.PKPSign(ctx, strangerSig, minted.Pubkey, hash)
	var ne *client.NodesError
	if !errors.As(err, &ne) || len(ne.Nodes) != 4 || ne.Nodes[0].Code != "NodeNotAuthorized" {
		t.Fatalf("stranger: %v", err)
	}

	// Granted, the friend signs.
	friendSig, _ := client.NewSession(friend.Key, cl.Blockhash, time.Hour)
	if _, err := cc.AddPermittedAddress(ctx, cc.Transactor(owner.Key), minted.TokenID, friend.Address, chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	res, err = cl.PKPSign(ctx, friendSig, minted.Pubkey, sha256.Sum256([]byte("from a friend")))
	if err != nil {
		t.Fatal(err)
	}
	verify(t, &res.Signature, minted.Pubkey)

	// mintNext takes a key from the pool the nodes keep topped up: one
	// transaction, as the Lit SDK's LitContracts mints.
	for size, err := cc.KeyPoolSize(ctx); size == 0; size, err = cc.KeyPoolSize(ctx) {
		if err != nil || ctx.Err() != nil {
			t.Fatalf("key pool never filled: %v %v", err, ctx.Err())
		}
		time.Sleep(200 * time.Millisecond)
	}
	next, err := cc.MintNext(ctx, cc.Transactor(owner.Key))
	if err != nil {
		t.Fatal(err)
	}
	if first := next.Receipt.Logs[0]; first.Topics[1].Big().Cmp(next.TokenID) != 0 {
		t.Fatal("the receipt's first log does not carry the token id")
	}
	res, err = cl.PKPSign(ctx, ownerSig, next.Pubkey, hash)
	if err != nil {
		t.Fatal(err)
	}
	verify(t, &res.Signature, next.Pubkey)
}
