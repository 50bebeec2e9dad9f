package main

import (
	"bytes"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

const generator = "0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"

func TestParsePubkey(t *testing.T) {
	want, _ := hex.DecodeString(generator)
	for _, in := range []string{generator, "0x" + generator, "0X" + strings.ToUpper(generator), "  0x" + generator + "\n",
		"0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"} {
		got, err := parsePubkey(in)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("parsePubkey(%q) = %x, %v", in, got, err)
		}
	}
	for _, in := range []string{"", "0x", "04", generator[:128], generator + "00", "0x" + strings.Repeat("zz", 65),
		"05" + generator[2:], "04" + strings.Repeat("11", 64), "0x" + generator[:129]} {
		if _, err := parsePubkey(in); !isUsage(err) {
			t.Errorf("parsePubkey(%q): %v, want a usage error", in, err)
		}
	}
}

func TestParseHashAddressScopesKey(t *testing.T) {
	h, err := parseHash("0x" + strings.Repeat("01", 32))
	if err != nil || h[0] != 1 || h[31] != 1 {
		t.Fatalf("%x %v", h, err)
	}
	for _, in := range []string{"", "0x", "01", strings.Repeat("01", 31), strings.Repeat("01", 33), strings.Repeat("0", 63), strings.Repeat("g", 64)} {
		if _, err := parseHash(in); !isUsage(err) {
			t.Errorf("parseHash(%q): %v", in, err)
		}
	}
	if a, err := parseAddress("address", "0x000000000000000000000000000000000000dEaD"); err != nil || a.Hex() != "0x000000000000000000000000000000000000dEaD" {
		t.Errorf("%v %v", a, err)
	}
	for _, in := range []string{"", "0x12", "0x" + strings.Repeat("0", 40), "0x" + strings.Repeat("g", 40)} {
		if _, err := parseAddress("address", in); !isUsage(err) {
			t.Errorf("parseAddress(%q): %v", in, err)
		}
	}
	if sc, err := parseScopes([]uint{1, 2}); err != nil || len(sc) != 2 {
		t.Errorf("%v %v", sc, err)
	}
	for _, in := range [][]uint{nil, {3}, {1, 9}} {
		if _, err := parseScopes(in); !isUsage(err) {
			t.Errorf("parseScopes(%v): %v", in, err)
		}
	}
	secret := "0x" + strings.Repeat("4a", 32)
	if k, err := parseKey("--key", secret); err != nil || k.D.Sign() == 0 {
		t.Errorf("parseKey: %v", err)
	}
	for _, in := range []string{"", "0x12", strings.Repeat("0", 64), strings.Repeat("f", 64), strings.Repeat("4a", 31) + "zz"} {
		_, err := parseKey("--key", in)
		if !isUsage(err) || !errors.Is(err, errBadKey) || strings.Contains(err.Error(), strings.Repeat("4a", 8)) {
			t.Errorf("parseKey(%q): %v", in, err)
		}
	}
}

func isUsage(err error) bool {
	var ue *usageError
	return errors.As(err, &ue) && exitCode(err) == exitUsage
}

func FuzzParsePubkey(f *testing.F) {
	f.Add(generator)
	f.Add("0x02" + generator[2:66])
	f.Add("0x04")
	f.Fuzz(func(t *testing.T, in string) {
		pub, err := parsePubkey(in)
		if err != nil {
			if !isUsage(err) {
				t.Fatalf("not a usage error: %v", err)
			}
			return
		}
		if _, err := secp256k1.ParsePubKey(pub); err != nil || len(pub) != 65 {
			t.Fatalf("accepted %q as %x", in, pub)
		}
	})
}

func FuzzParseHex(f *testing.F) {
	f.Add("0x"+strings.Repeat("ab", 32), 32)
	f.Add("abc", 2)
	f.Fuzz(func(t *testing.T, in string, n int) {
		if n < 0 || n > 1024 {
			return
		}
		b, err := parseHex("hash", in, n)
		if err != nil {
			if !isUsage(err) {
				t.Fatalf("not a usage error: %v", err)
			}
			return
		}
		if len(b) != n {
			t.Fatalf("%d bytes, want %d", len(b), n)
		}
	})
}
