package hd

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"

	"github.com/flint-network/flint/crypto/secp"
)

type vector struct {
	DST      string   `json:"domain_separation_tag"`
	Identity string   `json:"identity_ascii"`
	Roots    []string `json:"root_public_keys_compressed"`
	Expected string   `json:"expected_derived_public_key_uncompressed"`
}

func TestLitVector(t *testing.T) {
	raw, err := os.ReadFile("../../testdata/lit/hd-derive.json")
	if err != nil {
		t.Fatal(err)
	}
	var v vector
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	if v.DST != DST {
		t.Fatalf("vector DST %q, package DST %q", v.DST, DST)
	}
	roots := make([]secp.Point, len(v.Roots))
	for i, h := range v.Roots {
		b, _ := hex.DecodeString(h)
		if roots[i], err = secp.ParsePublicKey(b); err != nil {
			t.Fatal(err)
		}
	}
	s := KeyScalar([]byte(v.Identity))
	got, err := DerivePublic(roots, &s)
	if err != nil {
		t.Fatal(err)
	}
	enc := secp.Uncompressed(&got)
	if hex.EncodeToString(enc[:]) != v.Expected {
		t.Fatalf("derived %x\nwant    %s", enc, v.Expected)
	}
}

// Deriving shares and then the public key from them agrees with deriving the
// public key from the public roots: the linearity the nodes rely on.
func TestShareDerivationMatchesPublic(t *testing.T) {
	xs := make([]secp.Scalar, 10)
	roots := make([]secp.Point, 10)
	for j := range xs {
		var err error
		if xs[j], err = secp.RandomScalar(nil); err != nil {
			t.Fatal(err)
		}
		roots[j] = secp.BaseMult(&xs[j])
	}
	s := KeyScalar([]byte("some key id"))
	x := DeriveScalar(xs, &s)
	want := secp.BaseMult(&x)
	got, err := DerivePublic(roots, &s)
	if err != nil {
		t.Fatal(err)
	}
	if !secp.Equal(&got, &want) {
		t.Fatal("public derivation disagrees with scalar derivation")
	}
	if _, err := DerivePublic(nil, &s); err != ErrNoRoots {
		t.Fatalf("no roots: %v", err)
	}
}

func BenchmarkDerivePublic(b *testing.B) {
	roots := make([]secp.Point, 10)
	for j := range roots {
		x, _ := secp.RandomScalar(nil)
		roots[j] = secp.BaseMult(&x)
	}
	s := KeyScalar([]byte("bench"))
	for b.Loop() {
		if _, err := DerivePublic(roots, &s); err != nil {
			b.Fatal(err)
		}
	}
}
