package client

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"

	"github.com/flint-network/flint/wire"
)

// litVector is Lit's public ECDSA combining vector: three weighted shares.
type litVector struct {
	R        string   `json:"presignature_R_compressed"`
	Pub      string   `json:"public_key_compressed"`
	Hash     string   `json:"message_hash"`
	Shares   []string `json:"signature_shares"`
	Expected struct {
		R, S string
		V    byte
	} `json:"expected"`
}

func loadVector(t *testing.T) *litVector {
	t.Helper()
	b, err := os.ReadFile("../testdata/lit/ecdsa-combine.json")
	if err != nil {
		t.Fatal(err)
	}
	var v litVector
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return &v
}

// entry is a signer's signedData entry as Lit's nodes write it: quoted
// uppercase hex.
func (v *litVector) entry(share string) *wire.SignedEntry {
	q := func(s string) string { return `"` + strings.ToUpper(s) + `"` }
	return &wire.SignedEntry{SigType: "K256", DataSigned: q(v.Hash), SignatureShare: q(share), BigR: q(v.R), PublicKey: q(v.Pub), SigName: "sig"}
}

func (v *litVector) shares(t *testing.T) []*urlShare {
	t.Helper()
	var out []*urlShare
	for i, s := range v.Shares {
		sh, err := parseSignedEntry(v.entry(s), uint32(i+1))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, &urlShare{url: fmt.Sprintf("node%d", i+1), share: sh})
	}
	return out
}

func TestCombineLitVector(t *testing.T) {
	v := loadVector(t)
	sig, err := combineActionShares(v.shares(t), 3)
	if err != nil {
		t.Fatal(err)
	}
	if hex.EncodeToString(sig.R[:]) != v.Expected.R || hex.EncodeToString(sig.S[:]) != v.Expected.S || sig.V != v.Expected.V {
		t.Fatalf("r %x s %x v %d, want %s %s %d", sig.R, sig.S, sig.V, v.Expected.R, v.Expected.S, v.Expected.V)
	}
	// decred agrees.
	pk, _ := secp256k1.ParsePubKey(sig.PublicKey)
	var r, s secp256k1.ModNScalar
	r.SetByteSlice(sig.R[:])
	s.SetByteSlice(sig.S[:])
	if !ecdsa.NewSignature(&r, &s).Verify(sig.Hash[:], pk) {
		t.Fatal("decred rejects the combined signature")
	}
	if len(sig.Signers) != 3 || len(sig.BadNodes) != 0 {
		t.Fatalf("signers %v bad %v", sig.Signers, sig.BadNodes)
	}
}

func TestCombineLeavesOutAWrongShare(t *testing.T) {
	v := loadVector(t)
	shares := v.shares(t)
	// A fourth node sends a wrong share for the same signature: the first
	// quorum fails to verify and the subset without it wins.
	wrong, err := parseSignedEntry(v.entry(strings.Repeat("11", 32)), 9)
	if err != nil {
		t.Fatal(err)
	}
	shares = append([]*urlShare{{url: "liar", share: wrong}}, shares...)
	sig, err := combineActionShares(shares, 3)
	if err != nil {
		t.Fatal(err)
	}
	if hex.EncodeToString(sig.S[:]) != v.Expected.S || len(sig.BadNodes) != 1 || sig.BadNodes[0] != "liar" {
		t.Fatalf("s %x, bad %v", sig.S, sig.BadNodes)
	}
}

func TestCombineDisagreement(t *testing.T) {
	v := loadVector(t)
	shares := v.shares(t)
	// Two nodes signed other data: 2 + 1 shares, no quorum agrees.
	for _, s := range shares[1:] {
		s.share.Hash[0] ^= 1
	}
	_, err := combineActionShares(shares, 3)
	if err == nil || !strings.Contains(err.Error(), "disagree on what to sign") {
		t.Fatalf("err %v", err)
	}
	if _, err := combineActionShares(v.shares(t)[:2], 3); err == nil || !strings.Contains(err.Error(), "2 shares, 3 needed") {
		t.Fatalf("too few: %v", err)
	}
	if _, err := combineActionShares(nil, 3); err == nil {
		t.Fatal("no shares combined")
	}
}

func TestNextSubset(t *testing.T) {
	idx := []int{0, 1}
	var seen []string
	for {
		seen = append(seen, fmt.Sprint(idx))
		if !nextSubset(idx, 4) {
			break
		}
	}
	if strings.Join(seen, " ") != "[0 1] [0 2] [0 3] [1 2] [1 3] [2 3]" {
		t.Fatalf("subsets %v", seen)
	}
}

// fakeNodes serves /web/execute/v1 from canned answers, one per node.
func fakeNodes(t *testing.T, answers []func(w http.ResponseWriter)) *Client {
	t.Helper()
	var urls []string
	for _, a := range answers {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/web/execute/v1" || r.Header.Get("X-Request-Id") == "" {
				http.Error(w, "bad request", 400)
				return
			}
			var body map[string]any
			if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body["code"] == nil || body["authSig"] == nil {
				http.Error(w, "bad body", 400)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			a(w)
		}))
		t.Cleanup(srv.Close)
		urls = append(urls, srv.URL)
	}
	return &Client{urls: urls, http: http.DefaultClient, opts: Options{Timeout: 5 * time.Second}, Quorum: 3}
}

func TestExecuteVotesAndCombines(t *testing.T) {
	v := loadVector(t)
	answer := func(resp string, share *wire.SignedEntry) func(w http.ResponseWriter) {
		return func(w http.ResponseWriter) {
			json.NewEncoder(w).Encode(map[string]any{"success": true, "signedData": map[string]any{"sig": share},
				"decryptedData": map[string]any{}, "claimData": map[string]any{}, "response": resp, "logs": "log\n"})
		}
	}
	nonSigner := &wire.SignedEntry{SigType: "K256", DataSigned: "fail", SigName: "sig"}
	cl := fakeNodes(t, []func(http.ResponseWriter){
		answer(`{"n":1}`, v.entry(v.Shares[0])),
		answer(`{"n":1}`, v.entry(v.Shares[1])),
		answer(`{"n":2}`, nonSigner),
		answer(`{"n":1}`, v.entry(v.Shares[2])),
	})
	res, err := cl.Execute(context.Background(), WalletSig(`{}`), Action{Code: []byte("x")}, map[string]any{"a": 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Response != `{"n":1}` || res.Agree != 3 || res.Answered != 4 || len(res.Dissent) != 1 || res.Dissent[0] != cl.urls[2] {
		t.Fatalf("vote: %+v", res)
	}
	for _, u := range cl.urls {
		if d, ok := res.Took[u]; !ok || d <= 0 {
			t.Fatalf("node %s took %v (%v): every node's time is kept", u, d, ok)
		}
	}
	sig := res.Signatures["sig"]
	if sig == nil || hex.EncodeToString(sig.S[:]) != v.Expected.S {
		t.Fatalf("signature %+v", sig)
	}
	// The SDK's executeJs shape.
	raw, _ := json.Marshal(res)
	var sdk struct {
		Signatures map[string]map[string]any `json:"signatures"`
		Response   map[string]any            `json:"response"`
		Logs       string                    `json:"logs"`
		Claims     map[string]any            `json:"claims"`
	}
	if err := json.Unmarshal(raw, &sdk); err != nil {
		t.Fatal(err)
	}
	s := sdk.Signatures["sig"]
	if s["r"] != v.Expected.R || s["s"] != v.Expected.S || s["recid"] != float64(v.Expected.V) ||
		s["signature"] != "0x"+v.Expected.R+v.Expected.S+"1c" || s["dataSigned"] != v.Hash ||
		sdk.Response["n"] != float64(1) || sdk.Logs != "log\n" || sdk.Claims == nil {
		t.Fatalf("SDK shape: %s", raw)
	}
}

func TestExecuteActionFailure(t *testing.T) {
	fail := func(code, msg string) func(w http.ResponseWriter) {
		return func(w http.ResponseWriter) {
			w.WriteHeader(400)
			json.NewEncoder(w).Encode(map[string]any{"success": false, "error": msg, "logs": "before\n", "errorCode": code, "status": 400})
		}
	}
	cl := fakeNodes(t, []func(http.ResponseWriter){
		fail("NodeJsExecutionError", "Uncaught Error: boom (node 1)"),
		fail("NodeJsExecutionError", "Uncaught Error: boom"),
		fail("NodeJsTimeoutError", "too slow"),
		fail("NodeJsExecutionError", "Uncaught Error: boom"),
	})
	_, err := cl.Execute(context.Background(), WalletSig(`{}`), Action{Code: []byte("x")}, nil)
	var ae *ActionError
	var ne *NodesError
	if !errors.As(err, &ae) || !errors.As(err, &ne) || len(ne.Nodes) != 4 {
		t.Fatalf("err %v", err)
	}
	if ae.Code != "NodeJsExecutionError" || ae.Nodes != 3 || ae.Message != "Uncaught Error: boom" || ae.Logs != "before\n" {
		t.Fatalf("action error %+v", ae)
	}
	if _, err := cl.Execute(context.Background(), nil, Action{}, nil); err == nil {
		t.Fatal("no code, no CID accepted")
	}
}

func FuzzExecuteAnswer(f *testing.F) {
	f.Add([]byte(`{"success":true,"signedData":{"sig":{"sigType":"K256","dataSigned":"\"90AB86E6389AA65B56D701E36EEECD786242405C792ED863C395FA7C55E517A4\"","signatureShare":"\"BC8108AD9CAE8358942BB4B27632B87FFA705CCB675F85A59847CC1B84845A38\"","shareIndex":0,"bigR":"\"03E6D15C805443F57F57E180C730C2FCA5297F7671E8148A669410808AB4D70122\"","publicKey":"\"03AECABDF2EDC1194BED6FE9650F08D109C77D2526236EA3F6C20F88E0675643BC\"","sigName":"sig"}},"decryptedData":{},"claimData":{"k":{"signature":"00","derivedKeyId":"11"}},"response":"x","logs":""}`))
	f.Add([]byte(`{"success":true,"signedData":{},"claimData":{}}`))
	f.Add([]byte(`{"success":false}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := parseExecuteAnswer(body)
		if err != nil {
			return
		}
		if a.SignedData == nil || a.ClaimData == nil || !a.Success {
			t.Fatal("accepted an answer without its objects")
		}
		var shares []*urlShare
		for name, e := range a.SignedData {
			if e == nil {
				continue
			}
			sh, err := parseSignedEntry(e, 1)
			if err != nil {
				continue
			}
			shares = append(shares, &urlShare{url: name, share: sh})
		}
		combineActionShares(shares, 1)
		c := &Client{}
		for k, e := range a.ClaimData {
			if e != nil {
				c.claim(k, []urlClaim{{"u", e}})
			}
		}
	})
}

// A node that signed other data is outside the agreeing group: the quorum
// combines and that node is named.
func TestCombineNamesOthers(t *testing.T) {
	v := loadVector(t)
	shares := v.shares(t)
	other, err := parseSignedEntry(v.entry(strings.Repeat("22", 32)), 9)
	if err != nil {
		t.Fatal(err)
	}
	other.Hash[0] ^= 1
	shares = append(shares[:1], append([]*urlShare{{url: "other", share: other}}, shares[1:]...)...)
	sig, err := combineActionShares(shares, 3)
	if err != nil {
		t.Fatal(err)
	}
	if hex.EncodeToString(sig.S[:]) != v.Expected.S || !slices.Equal(sig.BadNodes, []string{"other"}) || len(sig.Signers) != 3 {
		t.Fatalf("s %x, bad %v, signers %v", sig.S, sig.BadNodes, sig.Signers)
	}
}
