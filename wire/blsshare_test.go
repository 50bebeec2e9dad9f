package wire

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/flint-network/flint/crypto/bls"
)

// blsVectors is the part of testdata/lit/bls-timelock.json (Lit's public
// vectors) that holds shares in Lit's JSON.
type blsVectors struct {
	SharesNew []string `json:"shares_new_format"`
	SharesOld []string `json:"shares_old_format"`
	Second    struct {
		Shares []string `json:"decryption_shares"`
	} `json:"second_vector"`
}

func loadBLSVectors(t testing.TB) blsVectors {
	t.Helper()
	b, err := os.ReadFile("../testdata/lit/bls-timelock.json")
	if err != nil {
		t.Fatal(err)
	}
	var v blsVectors
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.SharesOld) == 0 || len(v.SharesOld) != len(v.SharesNew) || len(v.Second.Shares) == 0 {
		t.Fatal("vector file without shares")
	}
	return v
}

func parseBLSShares(t testing.TB, js []string) []bls.SignatureShare {
	t.Helper()
	out := make([]bls.SignatureShare, len(js))
	for i, s := range js {
		var err error
		if out[i], err = ParseBLSShare([]byte(s)); err != nil {
			t.Fatalf("share %d: %v", i, err)
		}
	}
	return out
}

// Lit's shares re-encode byte for byte, both encodings carry the same
// shares, and a hash-like identifier has no old encoding.
func TestBLSShareVectors(t *testing.T) {
	v := loadBLSVectors(t)
	old, neu := parseBLSShares(t, v.SharesOld), parseBLSShares(t, v.SharesNew)
	for i, s := range old {
		if s.ID != neu[i].ID || !s.Value.Equal(neu[i].Value) {
			t.Fatalf("share %d differs between encodings", i)
		}
		got, err := MarshalBLSShare(s)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != v.SharesOld[i] {
			t.Fatalf("old encoding:\n got %s\nwant %s", got, v.SharesOld[i])
		}
		if got, err = MarshalBLSShareNew(s); err != nil || string(got) != v.SharesNew[i] {
			t.Fatalf("new encoding:\n got %s\nwant %s (%v)", got, v.SharesNew[i], err)
		}
	}
	for i, s := range parseBLSShares(t, v.Second.Shares) {
		got, err := MarshalBLSShare(s) // identifiers too large for the old encoding
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != v.Second.Shares[i] {
			t.Fatalf("new encoding:\n got %s\nwant %s", got, v.Second.Shares[i])
		}
		if _, err := MarshalBLSShareOld(s); !errors.Is(err, bls.ErrEncoding) {
			t.Fatalf("old encoding accepted a hash-like identifier: %v", err)
		}
	}
}

// 0x-prefixed hex is read too, as Lit's nodes may write it.
func TestBLSShare0x(t *testing.T) {
	good := loadBLSVectors(t).SharesOld[0]
	in := strings.Replace(good, `":"`, `":"0x`, 1)
	if _, err := ParseBLSShare([]byte(in)); err != nil {
		t.Fatal(err)
	}
}

func FuzzParseBLSShare(f *testing.F) {
	v := loadBLSVectors(f)
	for _, s := range append(append(v.SharesOld, v.SharesNew...), v.Second.Shares...) {
		f.Add([]byte(s))
	}
	f.Add([]byte(`{"ProofOfPossession":{}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseBLSShare(b)
		if err != nil {
			return
		}
		enc, err := MarshalBLSShare(s)
		if err != nil {
			t.Fatal(err)
		}
		s2, err := ParseBLSShare(enc)
		if err != nil || s2.ID != s.ID || !s2.Value.Equal(s.Value) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

// TestBadBLSShareJSON: malformed JSON and hex, wrong lengths, zero and oversized
// identifiers, the identity, other schemes.
func TestBadBLSShareJSON(t *testing.T) {
	v := loadBLSVectors(t)
	good := v.SharesOld[0]
	hexOld := good[len(`{"ProofOfPossession":"`) : len(good)-2]
	idHex := strings.Repeat("00", 32)
	val := hexOld[2:]
	inf := "c0" + strings.Repeat("00", 95)
	order := "01000000fffffffffe5bfeff02a4bd5305d8a10908d83933487d9d2953a7ed73" // r, little-endian
	for _, c := range []struct {
		name, in string
		want     error
	}{
		{"not json", `{"ProofOfPossession":`, bls.ErrEncoding},
		{"array", `[]`, bls.ErrEncoding},
		{"other scheme", `{"Basic":"` + hexOld + `"}`, bls.ErrEncoding},
		{"extra key", `{"ProofOfPossession":"` + hexOld + `","Basic":"00"}`, bls.ErrEncoding},
		{"number", `{"ProofOfPossession":5}`, bls.ErrEncoding},
		{"bad hex", `{"ProofOfPossession":"zz` + hexOld[2:] + `"}`, bls.ErrEncoding},
		{"odd hex", `{"ProofOfPossession":"` + hexOld[1:] + `"}`, bls.ErrEncoding},
		{"short", `{"ProofOfPossession":"` + hexOld[:len(hexOld)-2] + `"}`, bls.ErrEncoding},
		{"index 0", `{"ProofOfPossession":"00` + val + `"}`, bls.ErrInvalidIdentifier},
		{"identity", `{"ProofOfPossession":"02` + inf + `"}`, bls.ErrIdentity},
		{"new zero id", `{"ProofOfPossession":{"identifier":"` + idHex + `","value":"` + val + `"}}`, bls.ErrInvalidIdentifier},
		{"new id = r", `{"ProofOfPossession":{"identifier":"` + order + `","value":"` + val + `"}}`, bls.ErrInvalidIdentifier},
		{"new short id", `{"ProofOfPossession":{"identifier":"02","value":"` + val + `"}}`, bls.ErrEncoding},
		{"new missing value", `{"ProofOfPossession":{"identifier":"02` + idHex[2:] + `"}}`, bls.ErrEncoding},
		{"new identity", `{"ProofOfPossession":{"identifier":"02` + idHex[2:] + `","value":"` + inf + `"}}`, bls.ErrIdentity},
		{"new value type", `{"ProofOfPossession":{"identifier":"02` + idHex[2:] + `","value":7}}`, bls.ErrEncoding},
	} {
		if _, err := ParseBLSShare([]byte(c.in)); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := ParseBLSShare([]byte(good)); err != nil {
		t.Fatal(err)
	}
}
