package node

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/wire"
)

func TestCheckJWTTimes(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	n := now.Unix()
	const h12 = 12 * 60 * 60
	for _, c := range []struct {
		name     string
		iat, exp int64
		code     string
		says     string
	}{
		{"the SDK's getJWTParams", n, n + h12, "", ""},
		{"client clock 3 min behind", n - 180, n - 180 + h12, "", ""},
		{"client clock 3 min ahead", n + 180, n + 180 + h12, "", ""},
		{"short token", n, n + 1, "", ""},
		{"iat too old", n - 181, n + 60, "NodeIatOutsideGracePeriod", "3m0s"},
		{"iat in the future", n + 181, n + 600, "NodeIatOutsideGracePeriod", "iat"},
		{"iat missing", 0, n + 60, "NodeIatOutsideGracePeriod", "iat 0"},
		{"exp in the past", n - 60, n - 1, "NodeExpWrongOrTooLarge", "expired"},
		{"exp now", n, n, "NodeExpWrongOrTooLarge", "expired"},
		{"exp before iat", n + 120, n + 60, "NodeExpWrongOrTooLarge", "not after iat"},
		{"lifetime over 12 h", n, n + h12 + 1, "NodeExpWrongOrTooLarge", "12h0m0s"},
		{"exp far ahead", n, 1 << 62, "NodeExpWrongOrTooLarge", "12h0m0s"},
		{"negative exp", n, -1, "NodeExpWrongOrTooLarge", "expired"},
	} {
		err := checkJWTTimes(c.iat, c.exp, now)
		var ce *codedError
		switch {
		case c.code == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.code != "" && (!errors.As(err, &ce) || ce.code != c.code || ce.status != 400):
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		case c.code != "" && !strings.Contains(err.Error(), c.says):
			t.Errorf("%s: %q does not name the bound (%q)", c.name, err, c.says)
		}
	}
}

func TestCheckJWTChain(t *testing.T) {
	s := func(v string) *string { return &v }
	for _, c := range []struct {
		chain *string
		ok    bool
	}{
		{nil, true}, {s(""), true}, {s("ethereum"), true}, {s(strings.Repeat("a", 64)), true},
		{s(strings.Repeat("a", 65)), false}, {s("eth\nereum"), false}, {s("éthereum"), false},
	} {
		err := checkJWTChain(c.chain)
		var ce *codedError
		if c.ok != (err == nil) || !c.ok && (!errors.As(err, &ce) || ce.code != "NodeInvalidChain") {
			t.Errorf("chain %v: %v", c.chain, err)
		}
	}
}

// decodeJWTPart decodes one part of a JWT the way an outside verifier does:
// base64url without padding, which rejects padding and the standard
// alphabet.
func decodeJWTPart(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	if err != nil {
		t.Fatalf("%q is not unpadded base64url: %v", s, err)
	}
	return b
}

// The unsigned JWT carries the SDK's canonical conditions (checked against
// the vectors the SDK's own hashing package made), in the field of their
// kind, the others null, in Lit's field order, and is the same bytes for
// the same request however its conditions were spaced.
func TestJWTPayload(t *testing.T) {
	raw, err := os.ReadFile("../acc/testdata/vectors.json")
	if err != nil {
		t.Fatal(err)
	}
	var vec struct {
		Cases []struct{ Name, Kind, Input, Canonical string }
	}
	if err := json.Unmarshal(raw, &vec); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]acc.Kind{"accessControlConditions": acc.EVMBasic, "evmContractConditions": acc.EVMContract,
		"solRpcConditions": acc.SolRPC, "unifiedAccessControlConditions": acc.Unified}
	seen := map[acc.Kind]bool{}
	chain := "ethereum"
	for _, c := range vec.Cases {
		kind, ok := kinds[c.Kind]
		if !ok {
			continue
		}
		conds, err := acc.Parse(kind, []byte(c.Input))
		if err != nil {
			continue // the vectors include inputs the node refuses
		}
		seen[kind] = true
		unsigned, err := wire.UnsignedJWT(jwtPayload("0x50e2dac5e78B5905CB09495547452cEE64426db2", &chain, 1_800_000_000, 1_800_043_200, conds))
		if err != nil {
			t.Fatal(err)
		}
		parts := strings.Split(unsigned, ".")
		if len(parts) != 2 {
			t.Fatalf("%s: %q is not header.payload", c.Name, unsigned)
		}
		if h := decodeJWTPart(t, parts[0]); string(h) != `{"alg":"BLS12-381","typ":"JWT"}` {
			t.Fatalf("header %s", h)
		}
		p := decodeJWTPart(t, parts[1])
		want := `{"iss":"LIT","sub":"0x50e2dac5e78B5905CB09495547452cEE64426db2","chain":"ethereum","iat":1800000000,"exp":1800043200`
		for _, f := range []string{"accessControlConditions", "evmContractConditions", "solRpcConditions", "unifiedAccessControlConditions"} {
			if f == c.Kind {
				want += `,"` + f + `":` + c.Canonical
			} else {
				want += `,"` + f + `":null`
			}
		}
		want += "}"
		if string(p) != want {
			t.Fatalf("%s: payload\n%s\nwant\n%s", c.Name, p, want)
		}
		// The same conditions spaced otherwise make the same token.
		var spaced bytes.Buffer
		if err := json.Indent(&spaced, []byte(c.Input), "", "  "); err != nil {
			t.Fatal(err)
		}
		conds2, err := acc.Parse(kind, spaced.Bytes())
		if err != nil {
			t.Fatal(err)
		}
		again, _ := wire.UnsignedJWT(jwtPayload("0x50e2dac5e78B5905CB09495547452cEE64426db2", &chain, 1_800_000_000, 1_800_043_200, conds2))
		if again != unsigned {
			t.Fatalf("%s: the token depends on the request's spacing", c.Name)
		}
		// A token is never a decryption identity: the fixed header leads.
		if !strings.HasPrefix(unsigned, "eyJ") {
			t.Fatalf("signing input %q", unsigned[:8])
		}
	}
	if len(seen) != 4 {
		t.Fatalf("only kinds %v covered", seen)
	}
	// No chain in the request: null, as Lit writes a missing one.
	conds, _ := acc.Parse(acc.EVMBasic, []byte(vec.Cases[0].Input))
	unsigned, _ := wire.UnsignedJWT(jwtPayload("0x01", nil, 1, 2, conds))
	if p := decodeJWTPart(t, strings.Split(unsigned, ".")[1]); !bytes.Contains(p, []byte(`"chain":null,`)) {
		t.Fatalf("payload without chain: %s", p)
	}
}
