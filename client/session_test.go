package client

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/auth"
)

// TestSessionPerNode: a session's signature for one node verifies there (by
// the node's own verifier) and is refused at every other node, so a node
// cannot replay what it received.
func TestSessionPerNode(t *testing.T) {
	wallet, _ := crypto.GenerateKey()
	s, err := NewSession(wallet, "0xabcdef0123456789", time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	var token [32]byte
	token[31] = 7
	need := auth.ResourceAbility{Resource: auth.PKPResource(token), Ability: auth.AbilityPKPSigning}
	a, b := "http://127.0.0.1:7470", "http://127.0.0.2:7470"
	sigA, err := s.AuthSigFor(a)
	if err != nil {
		t.Fatal(err)
	}
	opts := func(node string) auth.Options { return auth.Options{Now: time.Now(), NodeURL: node, Need: &need} }
	id, err := auth.Verify(context.Background(), sigA, opts(a))
	if err != nil {
		t.Fatal(err)
	}
	if id.Address != crypto.PubkeyToAddress(wallet.PublicKey) || id.Method != auth.MethodSession || id.Address != s.Wallet() {
		t.Fatalf("identity %+v", id)
	}
	if _, err := auth.Verify(context.Background(), sigA, opts(b)); !errors.Is(err, auth.ErrWrongNode) {
		t.Fatalf("A's signature at B: %v", err)
	}
	if again, _ := s.AuthSigFor(a + "/"); string(again) != string(sigA) {
		t.Fatal("a second signature for the same node differs: nodes could not cache its verification")
	}
	// SessionSigs pick by node.
	sigB, _ := s.AuthSigFor(b)
	ss := SessionSigs{a: sigA, b + "/": sigB}
	if got, err := ss.AuthSigFor("HTTP://127.0.0.2:7470"); err != nil || string(got) != string(sigB) {
		t.Fatalf("SessionSigs lookup: %v", err)
	}
	if _, err := ss.AuthSigFor("http://127.0.0.3:7470"); err == nil {
		t.Fatal("SessionSigs answered for a node it has no signature for")
	}
}

// TestSessionGrants: a session grants what it was made with and nothing
// more.
func TestSessionGrants(t *testing.T) {
	wallet, _ := crypto.GenerateKey()
	action := auth.ResourceAbility{Resource: auth.Resource{Prefix: auth.PrefixAction, ID: "*"}, Ability: auth.AbilityActionExecution}
	s, err := NewSession(wallet, "0xabcdef0123456789", time.Hour, action)
	if err != nil {
		t.Fatal(err)
	}
	node := "http://127.0.0.1:7470"
	sig, _ := s.AuthSigFor(node)
	id, err := auth.Verify(context.Background(), sig, auth.Options{Now: time.Now(), NodeURL: node})
	if err != nil {
		t.Fatal(err)
	}
	pkp := auth.ResourceAbility{Resource: auth.PKPResource([32]byte{1}), Ability: auth.AbilityPKPSigning}
	if !id.Allows(auth.ResourceAbility{Resource: auth.ActionResource("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"), Ability: auth.AbilityActionExecution}) || id.Allows(pkp) {
		t.Fatal("Allows does not follow the session's grants")
	}
	if _, err := NewSession(wallet, "x", 0); err == nil {
		t.Fatal("a session without a lifetime")
	}
}

// A session signs a separate credential for every node; what node A
// receives is worthless at node B.
func ExampleNewSession() {
	wallet, _ := crypto.GenerateKey()
	s, _ := NewSession(wallet, "0x6f9c74a3372ac811", 10*time.Minute)
	sig, _ := s.AuthSigFor("http://127.0.0.1:7470")
	need := auth.ResourceAbility{Resource: auth.PKPResource([32]byte{1}), Ability: auth.AbilityPKPSigning}
	for _, node := range []string{"http://127.0.0.1:7470", "http://127.0.0.2:7470"} {
		_, err := auth.Verify(context.Background(), sig, auth.Options{Now: time.Now(), NodeURL: node, Need: &need})
		fmt.Printf("%s: %s\n", node, map[bool]string{true: "accepted", false: auth.Code(err)}[err == nil])
	}
	// Output:
	// http://127.0.0.1:7470: accepted
	// http://127.0.0.2:7470: wrong_node
}
