package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/bls/blstest"
	"github.com/flint-network/flint/wire"
)

// fakeNetwork serves the handshake and /web/sign_session_key/v1 as a
// network with key shares does: each node rebuilds the client's message as
// the nodes sign it (auth.PKPSessionMessage, a wallet login in the auth
// context) and signs its session hash with its share. Nothing is checked:
// the test needs a session file of another network.
func fakeNetwork(t *testing.T, shares []*bls.KeyShare) []string {
	t.Helper()
	poly := shares[0].PublicPoly()
	blockhash := "0x" + strings.Repeat("cd", 32)
	var urls []string
	for _, share := range shares {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			switch r.URL.Path {
			case "/web/handshake/":
				json.NewEncoder(w).Encode(wire.Handshake{SubnetPublicKey: poly.PublicKey().String(), NetworkPublicKey: poly.PublicKey().String(),
					LatestBlockhash: blockhash, NodeIndex: share.Index(), Quorum: 3, Threshold: 2, BLSPublicPoly: hex.EncodeToString(poly.Bytes())})
			case "/web/sign_session_key/v1":
				var req wire.SignSessionKeyRequest
				json.NewDecoder(r.Body).Decode(&req)
				m, err := auth.ParseMessage(req.SiweMessage)
				if err != nil {
					http.Error(w, err.Error(), 400)
					return
				}
				ac := auth.AuthContext{AuthMethodContexts: []auth.AuthMethodContext{{AppID: "lit", AuthMethodType: 1, UsedForSignSessionKeyRequest: true, UserID: m.Address.Hex()}}}
				msg, err := auth.PKPSessionMessage(m, m.Address, m.Nonce, time.Now(), ac)
				if err != nil {
					http.Error(w, err.Error(), 400)
					return
				}
				h := auth.SessionHash(msg)
				s, _ := share.Sign(h[:])
				raw, _ := wire.MarshalBLSShareOld(s)
				json.NewEncoder(w).Encode(wire.SignSessionKeyAnswer{Result: "success", SignatureShare: raw, ShareIndex: share.Index(), CurveType: "BLS",
					SiweMessage: msg, DataSigned: hex.EncodeToString(h[:])})
			default:
				http.NotFound(w, r)
			}
		}))
		t.Cleanup(srv.Close)
		urls = append(urls, srv.URL)
	}
	return urls
}

// TestSessionFileOfAnotherNetwork: a well-formed session file of another
// network (its capability signed by that network's key) passes the
// offline checks and is refused by sessionFile.verify with this network's
// key, before any node sees it; with its own network's key it verifies.
func TestSessionFileOfAnotherNetwork(t *testing.T) {
	shares, err := blstest.Deal(4, 3)
	if err != nil {
		t.Fatal(err)
	}
	ours, _ := blstest.Deal(4, 3)
	ctx := context.Background()
	cl, err := client.Connect(ctx, fakeNetwork(t, shares), client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	pkp, _ := crypto.GenerateKey()
	s, err := cl.PKPSession(ctx, crypto.FromECDSAPub(&pkp.PublicKey), []client.Login{client.UnboundLogin(client.AuthMethod{AuthMethodType: 1, AccessToken: "{}"})}, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	sigs, err := sessionSigsOf(cl, s)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(sigs)
	now := time.Now()
	sf, err := parseSessionFile(b, now)
	if err != nil {
		t.Fatal(err)
	}
	if sf.pkp != crypto.PubkeyToAddress(pkp.PublicKey) || len(sf.sigs) != 4 || time.Until(sf.expires) > time.Hour {
		t.Fatalf("parsed %+v", sf)
	}
	forNodes, err := sf.forNodes(cl.URLs())
	if err != nil {
		t.Fatal(err)
	}
	theirs := shares[0].PublicPoly().PublicKey()
	if err := sf.verify(ctx, forNodes, &theirs, now); err != nil {
		t.Fatalf("with its own network's key: %v", err)
	}
	key := ours[0].PublicPoly().PublicKey()
	err = sf.verify(ctx, forNodes, &key, now)
	if !errors.Is(err, errSessionFile) || !strings.Contains(err.Error(), "is refused") {
		t.Fatalf("with another network's key: %v", err)
	}
	t.Logf("refused: %v", err)
}
