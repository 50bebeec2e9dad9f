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

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/crypto/pkpenc"
	"github.com/flint-network/flint/crypto/secp"
)

// pkpDecryptTests is encryption to a PKP (docs/pkp-encryption.md) against
// the real devnet of TestDecrypt: the PKP's owner decrypts; a stranger is
// refused by every node; a header altered or made for another PKP is
// refused by every node; fewer than t + 1 shares fail cleanly; an address the
// owner permits decrypts; and after the PKP's NFT is sold, every node refuses
// the seller and the address it permitted, and the buyer decrypts what was
// sent to the PKP before the sale. It runs last: it sells f's PKP.
func pkpDecryptTests(t *testing.T, f *pkpFixture) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	accts := f.d.Chain.Accounts()
	seller, strangerAcct, buyer := accts[1], accts[4], accts[3]
	stranger, err := client.NewSession(strangerAcct.Key, f.cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	buyerSig, err := client.NewSession(buyer.Key, f.cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	secret := []byte("sell the NFT, and the buyer can decrypt")
	aad := []byte("notes.txt")
	ct, err := client.EncryptToPKP(f.pubkey, secret, aad)
	if err != nil {
		t.Fatal(err)
	}
	urls := f.d.URLs()
	// refusedByAll checks that every node refused with code and, when
	// who is not empty, named who.
	refusedByAll := func(t *testing.T, err error, code, who string) {
		t.Helper()
		var ne *client.NodesError
		if !errors.As(err, &ne) || len(ne.Nodes) != len(urls) {
			t.Fatalf("want a refusal %s by all %d nodes, got %v", code, len(urls), err)
		}
		for _, n := range ne.Nodes {
			if n.Code != code || !strings.Contains(n.Message, who) {
				t.Fatalf("node %s: %s %q, want %s naming %s", n.URL, n.Code, n.Message, code, who)
			}
		}
	}
	// raw posts a request the Go client would never send to node i, with
	// cred's session signature for that node.
	raw := func(t *testing.T, i int, cred client.Credential, pub []byte, header string) (int, string) {
		t.Helper()
		sig, err := cred.AuthSigFor(urls[i])
		if err != nil {
			t.Fatal(err)
		}
		body, _ := json.Marshal(map[string]any{"pkpPublicKey": hex.EncodeToString(pub), "header": header, "authSig": json.RawMessage(sig)})
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, urls[i]+"/flint/v1/pkp/decrypt", bytes.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var out struct {
			Code  string `json:"errorCode"`
			Share string `json:"share"`
		}
		if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
			t.Fatal(err)
		}
		return resp.StatusCode, out.Code
	}

	t.Run("OwnerDecrypts", func(t *testing.T) {
		got, err := f.cl.DecryptWithPKP(ctx, f.authSig, f.pubkey, ct, aad)
		if err != nil || !bytes.Equal(got.Data, secret) || len(got.BadNodes) != 0 || got.Epoch != f.cl.Epoch {
			t.Fatalf("owner: %+v, %v", got, err)
		}
		// Other associated data opens nothing, and says why.
		if _, err := f.cl.DecryptWithPKP(ctx, f.authSig, f.pubkey, ct, []byte("other.txt")); !errors.Is(err, pkpenc.ErrDecrypt) {
			t.Fatalf("other associated data: %v", err)
		}
	})

	t.Run("StrangerRefused", func(t *testing.T) {
		_, err := f.cl.DecryptWithPKP(ctx, stranger, f.pubkey, ct, aad)
		refusedByAll(t, err, "NodeNotAuthorized", strangerAcct.Address.Hex())
	})

	t.Run("AlteredOrForeignHeader", func(t *testing.T) {
		hdr := ct[:pkpenc.HeaderSize]
		// z of the sender's proof altered: the header parses, the proof
		// does not hold, so no node releases a share.
		z := append([]byte(nil), hdr...)
		z[1+secp.CompressedSize+secp.ScalarSize+5] ^= 0x10
		// A ciphertext made for another key, sent under this PKP's name:
		// the cross-PKP attack's request (docs/pkp-encryption.md §3).
		x, _ := secp.RandomScalar(nil)
		other := secp.BaseMult(&x)
		otherPub := secp.Uncompressed(&other)
		foreign, err := client.EncryptToPKP(otherPub[:], secret, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i := range urls {
			for name, c := range map[string]struct {
				header string
				status int
				code   string
			}{
				"altered proof":   {hex.EncodeToString(z), 400, "NodePkpCiphertextNotForKey"},
				"another PKP's":   {hex.EncodeToString(foreign[:pkpenc.HeaderSize]), 400, "NodePkpCiphertextNotForKey"},
				"version 2":       {"02" + hex.EncodeToString(hdr[1:]), 400, "NodeInvalidPkpCiphertext"},
				"one byte short":  {hex.EncodeToString(hdr[:len(hdr)-1]), 400, "NodeInvalidPkpCiphertext"},
				"the whole thing": {hex.EncodeToString(ct), 400, "NodeInvalidPkpCiphertext"},
			} {
				if status, code := raw(t, i, f.authSig, f.pubkey, c.header); status != c.status || code != c.code {
					t.Fatalf("node %d, %s: %d %s, want %d %s", i+1, name, status, code, c.status, c.code)
				}
			}
		}
		// A key that names no PKP of this network.
		if status, code := raw(t, 0, f.authSig, otherPub[:], hex.EncodeToString(foreign[:pkpenc.HeaderSize])); status != 404 || code != "NodePKPNotFound" {
			t.Fatalf("an unknown PKP: %d %s", status, code)
		}
		// The honest header still gets a share, which the client checks.
		if status, code := raw(t, 0, f.authSig, f.pubkey, hex.EncodeToString(hdr)); status != 200 || code != "" {
			t.Fatalf("the honest header: %d %s", status, code)
		}
		// A wallet AuthSig is valid at every node, so any node could replay
		// it at the others: refused, as for signing.
		wallet, err := client.WalletAuthSig(seller.Key, f.cl.Blockhash, 5*time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if status, code := raw(t, 0, client.WalletSig(wallet), f.pubkey, hex.EncodeToString(hdr)); status != 401 || code != "NodeAuthSessionRequired" {
			t.Fatalf("a wallet AuthSig: %d %s", status, code)
		}
		// The Go client refuses such ciphertexts before asking any node.
		if _, err := f.cl.DecryptWithPKP(ctx, f.authSig, f.pubkey, append(z, ct[pkpenc.HeaderSize:]...), aad); !errors.Is(err, client.ErrPKPCiphertext) {
			t.Fatalf("client, altered proof: %v", err)
		}
	})

	t.Run("TooFewShares", func(t *testing.T) {
		// The owner's credential works at `good` nodes only; the others get
		// a signature made for another node and refuse (NodeAuthWrongNode).
		// t + 1 shares open the ciphertext; t fail cleanly, naming every
		// refusal.
		th := f.cl.Threshold
		for _, good := range []int{th + 1, th} {
			cred := partialCred{s: f.authSig, good: urls[:good], other: urls[0]}
			got, err := f.cl.DecryptWithPKP(ctx, cred, f.pubkey, ct, aad)
			if good > th {
				if err != nil || !bytes.Equal(got.Data, secret) || len(got.Failed) != len(urls)-good {
					t.Fatalf("%d shares: %+v, %v", good, got, err)
				}
				continue
			}
			var ne *client.NodesError
			if !errors.Is(err, client.ErrTooFewNodes) || !errors.As(err, &ne) || len(ne.Nodes) != len(urls)-good || got.Data != nil {
				t.Fatalf("%d shares: %+v, %v", good, got, err)
			}
			for _, n := range ne.Nodes {
				if n.Code != "NodeAuthWrongNode" {
					t.Fatalf("node %s: %v", n.URL, n)
				}
			}
			t.Logf("with %d shares: %v", good, err)
		}
	})

	t.Run("SoldToBuyer", func(t *testing.T) {
		token := chain.TokenID(f.pubkey)
		// Before the sale the buyer is a stranger, and an address the
		// seller permits (scope 1) decrypts.
		_, err := f.cl.DecryptWithPKP(ctx, buyerSig, f.pubkey, ct, aad)
		refusedByAll(t, err, "NodeNotAuthorized", buyer.Address.Hex())
		friend := accts[2]
		friendSig, err := client.NewSession(friend.Key, f.cl.Blockhash, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.cc.AddPermittedAddress(ctx, f.cc.Transactor(seller.Key), token, friend.Address, chain.ScopeSignAnything); err != nil {
			t.Fatal(err)
		}
		var got *client.PKPDecrypted
		for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(100 * time.Millisecond) {
			got, err = f.cl.DecryptWithPKP(ctx, friendSig, f.pubkey, ct, aad)
			if err == nil || time.Now().After(deadline) {
				break
			}
		}
		if err != nil || !bytes.Equal(got.Data, secret) {
			t.Fatalf("a permitted address: %+v, %v", got, err)
		}
		r, err := f.cc.Transfer(ctx, f.cc.Transactor(seller.Key), token, buyer.Address)
		if err != nil {
			t.Fatal(err)
		}
		// Nodes answer permissions per block and poll the head every
		// 250 ms; a permission answer lives at most 2 s (node.permMaxAge),
		// so a loaded machine may take that and a little more.
		// Each node's answer for each caller lives until then, so each
		// caller is waited for on its own.
		refusedEventually := func(cred client.Credential) error {
			deadline := time.Now().Add(5 * time.Second)
			for {
				_, err := f.cl.DecryptWithPKP(ctx, cred, f.pubkey, ct, aad)
				var ne *client.NodesError
				if errors.As(err, &ne) && len(ne.Nodes) == len(urls) || time.Now().After(deadline) {
					return err
				}
				time.Sleep(100 * time.Millisecond)
			}
		}
		refusedByAll(t, refusedEventually(f.authSig), "NodeNotAuthorized", seller.Address.Hex())
		// The seller's grant went with the sale.
		refusedByAll(t, refusedEventually(friendSig), "NodeNotAuthorized", friend.Address.Hex())
		got, err = f.cl.DecryptWithPKP(ctx, buyerSig, f.pubkey, ct, aad)
		if err != nil || !bytes.Equal(got.Data, secret) {
			t.Fatalf("the buyer after the sale (block %d): %+v, %v", r.BlockNumber.Uint64(), got, err)
		}
		if p, err := f.cc.PKP(ctx, token); err != nil || p.Owner != buyer.Address {
			t.Fatalf("PKP after the sale %+v, %v", p, err)
		}
	})
}

// partialCred is a session whose signatures are good at the nodes in good
// only: the others get the one made for other, which they refuse.
type partialCred struct {
	s     *client.Session
	good  []string
	other string
}

func (p partialCred) AuthSigFor(url string) (json.RawMessage, error) {
	for _, g := range p.good {
		if g == url {
			return p.s.AuthSigFor(url)
		}
	}
	return p.s.AuthSigFor(p.other)
}
