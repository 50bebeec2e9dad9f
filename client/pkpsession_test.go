package client

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/auth/authmethod"
	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/bls/blstest"
	"github.com/flint-network/flint/wire"
)

// A PKP session's wallet login names the session key it is for; a node
// (here the resolver every node runs) reads that key from it and takes the
// login for that session only.
func ExampleWalletLogin() {
	blockhash := "0x9a0e2cbb3b7c4b1f4c07f1a36fb5a1e1d0b6bcd2e0b0a9f3a4f1c8c0b3d2e1f0"
	wallet, _ := crypto.GenerateKey()
	key, _ := NewSessionKey()
	am, err := WalletLogin(wallet, blockhash, 10*time.Minute)(key.Public())
	if err != nil {
		fmt.Println(err)
		return
	}
	r := authmethod.NewResolver(authmethod.ResolverConfig{RecentNonce: func(n string) bool { return n == blockhash }})
	id, err := r.Resolve(context.Background(), authmethod.AuthMethod{Type: authmethod.Type(am.AuthMethodType), AccessToken: am.AccessToken}, nil)
	fmt.Println(err, id.Address == crypto.PubkeyToAddress(wallet.PublicKey), bytes.Equal(id.SessionKey, key.Public()))
	_, err = WalletLogin(wallet, blockhash, time.Minute)([]byte("short"))
	fmt.Println(err != nil)
	// Output:
	// <nil> true true
	// true
}

// UnboundLogin sends the same auth method for any session key.
func ExampleUnboundLogin() {
	am := AuthMethod{AuthMethodType: 6, AccessToken: "an ID token"}
	a, _ := UnboundLogin(am)(make([]byte, 32))
	b, _ := UnboundLogin(am)(bytes.Repeat([]byte{1}, 32))
	fmt.Println(a == am, b == am)
	// Output: true true
}

// fakeSessionNodes serve /web/sign_session_key/v1 with their key shares,
// signing the client's SIWE message as it came (a real node rebuilds it;
// the client checks only what it asked for).
func fakeSessionNodes(t *testing.T, poly *bls.PublicPoly, shares []*bls.KeyShare) *Client {
	t.Helper()
	var urls []string
	for _, share := range shares {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var req wire.SignSessionKeyRequest
			if r.URL.Path != "/web/sign_session_key/v1" || json.NewDecoder(r.Body).Decode(&req) != nil {
				http.Error(w, "bad request", 400)
				return
			}
			h := auth.SessionHash(req.SiweMessage)
			s, _ := share.Sign(h[:])
			raw, _ := wire.MarshalBLSShareOld(s)
			json.NewEncoder(w).Encode(wire.SignSessionKeyAnswer{Result: "success", SignatureShare: raw, ShareIndex: share.Index(), CurveType: "BLS",
				SiweMessage: req.SiweMessage, DataSigned: hex.EncodeToString(h[:])})
		}))
		t.Cleanup(srv.Close)
		urls = append(urls, srv.URL)
	}
	return &Client{urls: urls, http: http.DefaultClient, opts: Options{Timeout: 5 * time.Second}, BLSPoly: poly, BLSKey: poly.PublicKey(), Blockhash: "0x" + strings.Repeat("ab", 32)}
}

// TestPKPSessionCombines: the session's capability is the network key's
// signature (checked here with bls.Verify, as a node checks it), with a bad
// share left out; a client whose network key is not its polynomial's gets
// no session, though the shares combine under the polynomial.
func TestPKPSessionCombines(t *testing.T) {
	shares, err := blstest.Deal(4, 3)
	if err != nil {
		t.Fatal(err)
	}
	others, _ := blstest.Deal(4, 3)
	poly := shares[0].PublicPoly()
	pkpKey, _ := crypto.GenerateKey()
	pkpPub := crypto.FromECDSAPub(&pkpKey.PublicKey)
	login := AuthMethod{AuthMethodType: 1, AccessToken: "{}"}

	cl := fakeSessionNodes(t, poly, []*bls.KeyShare{shares[0], others[1], shares[2], shares[3]})
	s, err := cl.PKPSession(context.Background(), pkpPub, []Login{UnboundLogin(login)}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if s.grant.DerivedVia != auth.DerivedViaNetwork || s.Wallet() != crypto.PubkeyToAddress(pkpKey.PublicKey) {
		t.Fatalf("capability %+v", s.grant)
	}
	var sig struct{ ProofOfPossession string }
	if err := json.Unmarshal([]byte(s.grant.Sig), &sig); err != nil {
		t.Fatal(err)
	}
	raw, _ := hex.DecodeString(sig.ProofOfPossession)
	combined, err := bls.ParseSignature(raw)
	if err != nil {
		t.Fatal(err)
	}
	h := auth.SessionHash(s.grant.SignedMessage)
	if err := bls.Verify(poly.PublicKey(), h[:], combined); err != nil {
		t.Fatalf("the capability does not verify under the network key: %v", err)
	}

	// The network key must be the polynomial's: shares that combine under
	// another polynomial do not make a capability of this network.
	other := fakeSessionNodes(t, poly, shares)
	other.BLSKey = others[0].PublicPoly().PublicKey()
	if _, err := other.PKPSession(context.Background(), pkpPub, []Login{UnboundLogin(login)}, time.Hour); err == nil || !strings.Contains(err.Error(), "polynomial is not of the network key") {
		t.Fatalf("a polynomial of another key: %v", err)
	}
}
