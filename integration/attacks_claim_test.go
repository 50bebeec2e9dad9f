package integration

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/ipfs"
	"github.com/flint-network/flint/node"
)

// Attack: someone who knows the key id an Action (or a login) will claim
// tries to get the nodes to attest it first, to use the id up or to own
// its key. A corrupt node sends the id to the others as its pool refill,
// and a caller asks the attest endpoint for it. Nodes attest only key ids
// they derive themselves (from the refiller's nonce, from a claim's
// recipient and nonce, from the Action they ran), so the id stays unused
// and what the attacker gets mints only a key of its own.
func TestAttackStealClaimedKeyID(t *testing.T) {
	code := `(async () => { await Lit.Actions.claimKey({ keyId: "victim" }); })();`
	victim := [32]byte(crypto.Keccak256([]byte(ipfs.Sum([]byte(code)).String() + "_victim")))
	d := startAdversaryDevnet(t, 4, attackPool, map[int]*node.Adversary{1: {StealKeyIDs: [][32]byte{victim}}})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()

	// The corrupt node 1 refills the pool first (it is the lowest live
	// node) and tries the stolen id in its first batch. Once the pool has
	// keys, that attempt is over.
	for {
		size, err := cc.KeyPoolSize(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if size > 0 {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatal("the key pool never filled")
		case <-time.After(200 * time.Millisecond):
		}
	}
	if used, err := cc.IsKeyIDUsed(ctx, victim); err != nil || used {
		t.Fatalf("the corrupt refiller used up the claimed key id: used %v, %v", used, err)
	}

	// A caller names the key id at the attest endpoint: as the old field,
	// and as the nonce of a claim for itself.
	attacker := d.Chain.Accounts()[3]
	for _, tc := range []struct {
		body    string
		refusal string
	}{
		{`{"keyId": "0x` + hex.EncodeToString(victim[:]) + `"}`, "NodeInvalidRecipient"},
		{`{"recipient": "` + attacker.Address.Hex() + `", "nonce": "0x` + hex.EncodeToString(victim[:]) + `"}`, ""},
	} {
		for _, u := range d.URLs() {
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, u+"/flint/v1/attest", strings.NewReader(tc.body))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var out map[string]any
			err = json.NewDecoder(resp.Body).Decode(&out)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			if tc.refusal != "" {
				if resp.StatusCode != http.StatusBadRequest || out["errorCode"] != tc.refusal {
					t.Fatalf("%s %s: %d %v, want %s", u, tc.body, resp.StatusCode, out, tc.refusal)
				}
				continue
			}
			want := chain.ClaimKeyID(attacker.Address, victim)
			if resp.StatusCode != http.StatusOK || out["keyId"] != "0x"+hex.EncodeToString(want[:]) {
				t.Fatalf("%s: %d %v, want key id %x", u, resp.StatusCode, out, want)
			}
		}
	}

	// What a quorum gives the attacker mints its own key, never the claimed
	// one, and the claimed id stays free.
	cl, err := client.Connect(ctx, d.URLs(), client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	m, err := cl.ClaimAndMint(ctx, cc, cc.Transactor(attacker.Key), victim)
	if err != nil {
		t.Fatal(err)
	}
	p, err := cc.PKP(ctx, m.TokenID)
	if err != nil || p.KeyID == victim || p.KeyID != chain.ClaimKeyID(attacker.Address, victim) {
		t.Fatalf("attacker's PKP %+v, %v", p, err)
	}
	if used, err := cc.IsKeyIDUsed(ctx, victim); err != nil || used {
		t.Fatalf("claimed key id used: %v, %v", used, err)
	}
	// The claim the attacker got cannot be sent by anyone else either.
	key, err := cl.Attestations(ctx, attacker.Address, [32]byte{1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = cc.ClaimAndMint(ctx, cc.Transactor(d.Chain.Accounts()[2].Key), key)
	if !errors.Is(err, chain.ErrUnknownSigner) {
		t.Fatalf("another sender minted the attacker's claim: %v", err)
	}
	if bytes.Equal(key.Pubkey, m.Pubkey) {
		t.Fatal("two nonces gave one key")
	}
}
