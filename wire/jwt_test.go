package wire

import (
	"encoding/base64"
	"strings"
	"testing"
)

// SplitJWT reads tokens from anyone: it must not panic, and what it accepts
// must be three parts whose signing input is the first two.
func FuzzSplitJWT(f *testing.F) {
	good, _ := UnsignedJWT(&JWTPayload{Iss: "LIT", Sub: "0x01", Iat: 1, Exp: 2, AccessControlConditions: []byte(`[{"a":"<&>"}]`)})
	f.Add(good + "." + base64.RawURLEncoding.EncodeToString(make([]byte, 96)))
	f.Add(good + ".")
	f.Add("..")
	f.Add("eyJhbGciOiJCTFMxMi0zODEiLCJ0eXAiOiJKV1QifQ.e30.AA==")
	f.Fuzz(func(t *testing.T, jwt string) {
		input, claims, _, err := SplitJWT(jwt)
		if err != nil {
			return
		}
		if claims == nil || !strings.HasPrefix(jwt, input+".") || strings.Count(jwt, ".") != 2 {
			t.Fatalf("accepted %q as %q", jwt, input)
		}
	})
}

// The encoding round-trips, conditions byte for byte and unescaped.
func TestUnsignedJWTRoundTrip(t *testing.T) {
	chain := "ethereum"
	p := &JWTPayload{Iss: "LIT", Sub: "0x01", Chain: &chain, Iat: 1, Exp: 2, UnifiedAccessControlConditions: []byte(`[{"returnValueTest":{"comparator":">=","value":"0"}}]`)}
	unsigned, err := UnsignedJWT(p)
	if err != nil {
		t.Fatal(err)
	}
	if strings.ContainsAny(unsigned, "=+/") {
		t.Fatalf("not unpadded base64url: %q", unsigned)
	}
	input, got, sig, err := SplitJWT(unsigned + ".")
	if err != nil || input != unsigned || len(sig) != 0 {
		t.Fatal(input, err)
	}
	if string(got.UnifiedAccessControlConditions) != string(p.UnifiedAccessControlConditions) || got.AccessControlConditions != nil || *got.Chain != chain {
		t.Fatalf("%+v", got)
	}
}
