package integration

import (
	"context"
	"crypto/sha256"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
)

// TestSoldPKPForgetsSellerGrants is the buyer-after-sale flow: the seller
// grants a second key, sells the PKP, and from the sale's block on every node
// refuses the second key (and the seller) while the buyer signs. The PKP
// is the test's own, so the shared devnet serves.
func TestSoldPKPForgetsSellerGrants(t *testing.T) {
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
	accts := d.Chain.Accounts()
	seller, second, buyer := accts[1], accts[2], accts[3]

	for size, err := cc.KeyPoolSize(ctx); size == 0; size, err = cc.KeyPoolSize(ctx) {
		if err != nil || ctx.Err() != nil {
			t.Fatalf("key pool never filled: %v %v", err, ctx.Err())
		}
		time.Sleep(200 * time.Millisecond)
	}
	m, err := cc.MintNext(ctx, cc.Transactor(seller.Key))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cc.AddPermittedAddress(ctx, cc.Transactor(seller.Key), m.TokenID, second.Address, chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	secondSig, err := client.NewSession(second.Key, cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	sellerSig, _ := client.NewSession(seller.Key, cl.Blockhash, time.Hour)
	buyerSig, _ := client.NewSession(buyer.Key, cl.Blockhash, time.Hour)

	// Before the sale the second key signs: the nodes cache that answer.
	res, err := cl.PKPSign(ctx, secondSig, m.Pubkey, sha256.Sum256([]byte("before the sale")))
	if err != nil {
		t.Fatalf("the seller's second key before the sale: %v", err)
	}
	verify(t, &res.Signature, m.Pubkey)

	r, err := cc.Transfer(ctx, cc.Transactor(seller.Key), m.TokenID, buyer.Address)
	if err != nil {
		t.Fatal(err)
	}
	saleBlock := r.BlockNumber.Uint64()

	// The nodes poll the head every 250 ms and answer permissions per block:
	// they refuse once they see the sale's block, well within a second.
	refused := func(err error) bool {
		var ne *client.NodesError
		if !errors.As(err, &ne) || len(ne.Nodes) != 4 {
			return false
		}
		for _, n := range ne.Nodes {
			if n.Code != "NodeNotAuthorized" || !strings.Contains(n.Message, second.Address.Hex()) {
				return false
			}
		}
		return true
	}
	hash := sha256.Sum256([]byte("after the sale"))
	// A node's permission cache holds an answer until a newer block or for
	// its wall-clock span (node.blockSpan, 2 s), whichever comes first, and
	// a loaded machine may poll the head late: until the nodes have seen
	// the sale's block they may still sign (the issue's "within one
	// block"). Meanwhile a node that has not seen it waits for a binding
	// that a leader which has never makes (503 after the bind wait), so an
	// attempt can take a bind wait: allow the span and a few of those.
	deadline := time.Now().Add(8 * time.Second)
	for {
		_, err = cl.PKPSign(ctx, secondSig, m.Pubkey, hash)
		if refused(err) || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !refused(err) {
		var ne *client.NodesError
		if errors.As(err, &ne) {
			for _, n := range ne.Nodes {
				t.Logf("node %s: %d %s %s", n.URL, n.Status, n.Code, n.Message)
			}
		}
		t.Fatalf("the seller's second key after the sale (block %d): %v", saleBlock, err)
	}
	t.Logf("refusal after the sale: %v", err)
	if head, err := cc.Eth().BlockNumber(ctx); err == nil {
		t.Logf("sale in block %d, refused at head %d", saleBlock, head)
	}
	var ne *client.NodesError
	if _, err := cl.PKPSign(ctx, sellerSig, m.Pubkey, hash); !errors.As(err, &ne) || ne.Nodes[0].Code != "NodeNotAuthorized" {
		t.Fatalf("the seller after the sale: %v", err)
	}

	// The buyer signs, and the signature recovers to the PKP.
	res, err = cl.PKPSign(ctx, buyerSig, m.Pubkey, hash)
	if err != nil {
		t.Fatalf("the buyer: %v", err)
	}
	verify(t, &res.Signature, m.Pubkey)
	if p, err := cc.PKP(ctx, m.TokenID); err != nil || p.Owner != buyer.Address || p.OwnerGeneration != 1 {
		t.Fatalf("PKP after the sale %+v, %v", p, err)
	}
}
