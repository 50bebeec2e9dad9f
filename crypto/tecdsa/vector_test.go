package tecdsa

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"

	"github.com/flint-network/flint/crypto/secp"
)

type combineVector struct {
	R      string   `json:"presignature_R_compressed"`
	Pub    string   `json:"public_key_compressed"`
	Hash   string   `json:"message_hash"`
	Shares []string `json:"signature_shares"`
	Want   struct {
		R, S string
		V    byte
	} `json:"expected"`
}

// Lit's SDK vector: three Lagrange-weighted shares that the client adds.
func TestLitCombineVector(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/lit/ecdsa-combine.json")
	if err != nil {
		t.Fatal(err)
	}
	var v combineVector
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	dec := func(h string) []byte {
		b, err := hex.DecodeString(h)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	r, err := secp.ParsePublicKey(dec(v.R))
	if err != nil {
		t.Fatal(err)
	}
	pub, err := secp.ParsePublicKey(dec(v.Pub))
	if err != nil {
		t.Fatal(err)
	}
	var hash [32]byte
	copy(hash[:], dec(v.Hash))
	var shares []*SignatureShare
	for i, h := range v.Shares {
		s, err := secp.DecodeScalar(dec(h))
		if err != nil {
			t.Fatal(err)
		}
		shares = append(shares, &SignatureShare{Index: uint32(i + 1), Sigma: s, R: r, PublicKey: pub, Hash: hash, Weighted: true})
	}
	sig, err := CombineWeighted(shares)
	if err != nil {
		t.Fatal(err)
	}
	rb, sb := sig.R.Bytes(), sig.S.Bytes()
	if hex.EncodeToString(rb[:]) != v.Want.R || hex.EncodeToString(sb[:]) != v.Want.S || sig.V != v.Want.V {
		t.Fatalf("got r=%x s=%x v=%d\nwant r=%s s=%s v=%d", rb, sb, sig.V, v.Want.R, v.Want.S, v.Want.V)
	}
	verifyIndependently(t, sig, hash, pub)
	// One share off: the sum no longer verifies.
	var one secp.Scalar
	one.SetInt(1)
	shares[1].Sigma.Add(&one)
	if _, err := CombineWeighted(shares); err == nil {
		t.Fatal("a wrong share still combined")
	}
}
