package pkpenc

import (
	"bytes"
	"crypto/rand"
	"testing"

	"github.com/flint-network/flint/crypto/secp"
)

// FuzzParse: Parse never panics, and what it accepts it encodes back to the
// same bytes (one encoding per ciphertext), with a valid ephemeral key.
func FuzzParse(f *testing.F) {
	x, _ := secp.RandomScalar(nil)
	pub := secp.BaseMult(&x)
	for _, n := range []int{0, 1, 31, 100} {
		raw, err := Encrypt(&pub, make([]byte, n), nil)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw)
	}
	f.Add([]byte{Version})
	f.Add(make([]byte, Overhead))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Parse(b)
		if err != nil {
			return
		}
		if !bytes.Equal(c.Bytes(), b) {
			t.Fatal("accepted ciphertext does not encode back to its bytes")
		}
		if _, err := checkPoint(&c.U); err != nil {
			t.Fatalf("accepted an invalid ephemeral key: %v", err)
		}
		// Opening with an unrelated point fails cleanly, and so does the
		// proof for an unrelated key.
		if _, err := Open(&pub, c, &pub, nil); err == nil {
			t.Fatal("fuzzed ciphertext opened")
		}
		h, err := ParseHeader(b[:HeaderSize])
		if err != nil || !bytes.Equal(h.Header(), b[:HeaderSize]) {
			t.Fatalf("header of an accepted ciphertext: %v", err)
		}
		_ = c.Verify(&pub)
	})
}

// FuzzParseShare: ParseShare never panics, and what it accepts it encodes
// back to the same bytes; VerifyShare on it never panics.
func FuzzParseShare(f *testing.F) {
	x, _ := secp.RandomScalar(nil)
	u := secp.BaseMult(&x)
	sh, err := decryptionShare(rand.Reader, &x, 3, &u)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sh.Bytes())
	f.Add(make([]byte, ShareSize))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseShare(b)
		if err != nil {
			return
		}
		if !bytes.Equal(s.Bytes(), b) {
			t.Fatal("accepted share does not encode back to its bytes")
		}
		_ = VerifyShare(s, &u, &u)
	})
}
