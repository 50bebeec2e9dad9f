package bls_test

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/wire"
)

// litVectors mirrors the repository's testdata/lit/bls-timelock.json, Lit's public vectors.
type litVectors struct {
	PublicKey string   `json:"network_public_key_g1"`
	Identity  string   `json:"identity_utf8"`
	SharesNew []string `json:"shares_new_format"`
	SharesOld []string `json:"shares_old_format"`
	Notes     string   `json:"notes"`
	Second    struct {
		PublicKey     string   `json:"network_public_key_g1"`
		Identity      string   `json:"identity_utf8"`
		Shares        []string `json:"decryption_shares"`
		MessageHex    string   `json:"message_hex"`
		MessageShares []string `json:"signature_shares_over_message"`
	} `json:"second_vector"`
}

func loadVectors(t testing.TB) litVectors {
	t.Helper()
	b, err := os.ReadFile("../../testdata/lit/bls-timelock.json")
	if err != nil {
		t.Fatal(err)
	}
	var v litVectors
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// parseShares reads the vectors' shares, which the file holds in Lit's JSON,
// with wire's codec: crypto/bls parses only the binary forms inside it.
func parseShares(t testing.TB, js []string) []bls.SignatureShare {
	t.Helper()
	out := make([]bls.SignatureShare, len(js))
	for i, s := range js {
		var err error
		if out[i], err = wire.ParseBLSShare([]byte(s)); err != nil {
			t.Fatalf("share %d: %v", i, err)
		}
	}
	return out
}

func mustHex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestLitVector1 combines the two shares of vector 1 in both encodings, checks
// that both encodings carry the same shares, that the result is the combined
// signature the vector names, and that it verifies on the identity.
func TestLitVector1(t *testing.T) {
	v := loadVectors(t)
	pk, err := bls.ParsePublicKeyHex(v.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	const marker = "Combined signature for vector 1: "
	i := strings.Index(v.Notes, marker)
	if i < 0 {
		t.Fatal("vector file names no combined signature")
	}
	want := mustHex(t, v.Notes[i+len(marker):i+len(marker)+2*bls.SignatureSize])

	old, neu := parseShares(t, v.SharesOld), parseShares(t, v.SharesNew)
	for i := range old {
		if old[i].ID != neu[i].ID || !old[i].Value.Equal(neu[i].Value) {
			t.Fatalf("share %d differs between encodings", i)
		}
		if id, _ := old[i].ID.Index(); id != uint32(i+2) {
			t.Fatalf("share %d has index %d, want %d", i, id, i+2)
		}
	}
	for name, shares := range map[string][]bls.SignatureShare{"old": old, "new": neu} {
		sig, err := bls.Interpolate(shares)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if hex.EncodeToString(sig.Bytes()) != hex.EncodeToString(want) {
			t.Fatalf("%s: combined %x, want %x", name, sig.Bytes(), want)
		}
		if err := bls.Verify(pk, []byte(v.Identity), sig); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := bls.Verify(pk, []byte(v.Identity+"x"), sig); err == nil {
			t.Fatalf("%s: signature verifies on another identity", name)
		}
	}
}

// TestLitVector2 combines the three hash-identified shares of vector 2, for the
// identity and for the plain message, and checks that all three are needed.
func TestLitVector2(t *testing.T) {
	v := loadVectors(t).Second
	pk, err := bls.ParsePublicKeyHex(v.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name   string
		msg    []byte
		shares []string
	}{
		{"identity", []byte(v.Identity), v.Shares},
		{"message", mustHex(t, v.MessageHex), v.MessageShares},
	} {
		shares := parseShares(t, c.shares)
		if _, small := shares[0].ID.Index(); small {
			t.Fatalf("%s: expected hash-like identifiers", c.name)
		}
		sig, err := bls.Interpolate(shares)
		if err != nil {
			t.Fatal(err)
		}
		if err := bls.Verify(pk, c.msg, sig); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		two, err := bls.Interpolate(shares[:2])
		if err != nil {
			t.Fatal(err)
		}
		if bls.Verify(pk, c.msg, two) == nil {
			t.Fatalf("%s: two of three shares verified", c.name)
		}
	}
}

// TestShareBytesRoundTrip re-encodes the vectors' shares in their binary
// forms byte for byte (the JSON round trip is wire's test).
func TestShareBytesRoundTrip(t *testing.T) {
	v := loadVectors(t)
	for i, s := range parseShares(t, v.SharesOld) {
		got, err := s.IndexedBytes()
		if err != nil {
			t.Fatal(err)
		}
		want := v.SharesOld[i][len(`{"ProofOfPossession":"`) : len(v.SharesOld[i])-2]
		if hex.EncodeToString(got) != want {
			t.Fatalf("indexed bytes:\n got %x\nwant %s", got, want)
		}
		back, err := bls.ParseIndexedSignatureShare(got)
		if err != nil || back.ID != s.ID || !back.Value.Equal(s.Value) {
			t.Fatalf("round trip: %v", err)
		}
	}
	for _, s := range parseShares(t, v.Second.Shares) {
		if _, err := s.IndexedBytes(); !errors.Is(err, bls.ErrEncoding) {
			t.Fatalf("indexed bytes took a hash-like identifier: %v", err)
		}
	}
}
