package timelock

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"

	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/bls/blstest"
)

type network struct {
	keys []*bls.KeyShare
	poly *bls.PublicPoly
}

func newNetwork(t testing.TB, n int) network {
	t.Helper()
	keys, err := blstest.Deal(n, blstest.Quorum(n))
	if err != nil {
		t.Fatal(err)
	}
	return network{keys, keys[0].PublicPoly()}
}

// decryptionKey has the first k nodes sign id and interpolates their shares.
func (nw network) decryptionKey(t testing.TB, id []byte, k int) bls.Signature {
	t.Helper()
	var shares []bls.SignatureShare
	for _, key := range nw.keys[:k] {
		s, err := key.Sign(id)
		if err != nil {
			t.Fatal(err)
		}
		shares = append(shares, s)
	}
	sig, err := bls.Interpolate(shares)
	if err != nil {
		t.Fatal(err)
	}
	return sig
}

// TestRoundTrip: Flint's ciphertexts have Lit's layout (114/115/211 bytes) and
// decrypt with a quorum's combined signature for n = 4, 7, 10; 2t shares do not
// decrypt.
func TestRoundTrip(t *testing.T) {
	sizes := map[int]int{0: 114, 11: 114, 31: 114, 32: 115, 127: 211, 1000: 48 + 32 + 2 + 1002 + 1}
	for _, n := range []int{4, 7, 10} {
		nw := newNetwork(t, n)
		q := nw.poly.Threshold()
		id := Identity(fmt.Sprintf("%064x", n), fmt.Sprintf("%064x", 1))
		for size, want := range sizes {
			msg := make([]byte, size)
			rand.Read(msg)
			ct, err := Encrypt(nil, nw.poly.PublicKey(), id, msg)
			if err != nil {
				t.Fatal(err)
			}
			if len(ct) != want {
				t.Fatalf("n=%d, %d-byte message: ciphertext of %d bytes, want %d", n, size, len(ct), want)
			}
			got, err := Decrypt(nw.poly.PublicKey(), id, ct, nw.decryptionKey(t, id, q))
			if err != nil {
				t.Fatalf("n=%d size=%d: %v", n, size, err)
			}
			if !bytes.Equal(got, msg) {
				t.Fatalf("n=%d size=%d: wrong plaintext", n, size)
			}
		}
		ct, _ := Encrypt(nil, nw.poly.PublicKey(), id, []byte("secret"))
		short := nw.decryptionKey(t, id, q-1)
		if _, err := Decrypt(nw.poly.PublicKey(), id, ct, short); !errors.Is(err, bls.ErrVerify) {
			t.Fatalf("n=%d: 2t shares: %v", n, err)
		}
		c, err := Parse(ct)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Open(short); !errors.Is(err, ErrDecrypt) {
			t.Fatalf("n=%d: 2t shares, unverified: %v", n, err)
		}
	}
}

// TestLitEncryptLength: the vector's 32-byte message gives a 115-byte ciphertext
// that Flint decrypts.
func TestLitEncryptLength(t *testing.T) {
	v := loadVectors(t)
	pk, err := bls.ParsePublicKeyHex(v.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	msg := b64(t, v.Encrypt.Message)
	ct, err := Encrypt(nil, pk, []byte(v.Identity), msg)
	if err != nil {
		t.Fatal(err)
	}
	if len(ct) != v.Encrypt.Length {
		t.Fatalf("%d bytes, want %d", len(ct), v.Encrypt.Length)
	}
	got, err := Decrypt(pk, []byte(v.Identity), ct, combineJSON(t, v.SharesOld))
	if err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("decrypt: %v", err)
	}
}

// TestTampered: flipping any bit of a ciphertext, in every field including the
// padding (but the scheme byte, where any value ≥ 2 means the same), makes decryption fail with a typed error; so do a wrong identity and
// a wrong key.
func TestTampered(t *testing.T) {
	nw := newNetwork(t, 4)
	pk := nw.poly.PublicKey()
	id := Identity("aa", "bb")
	sig := nw.decryptionKey(t, id, nw.poly.Threshold())
	ct, err := Encrypt(nil, pk, id, []byte("Hello world")) // 20 bytes of padding
	if err != nil {
		t.Fatal(err)
	}
	for i := range ct[:len(ct)-1] { // the scheme byte is checked below
		for _, bit := range []byte{0x01, 0x80} {
			c := slices.Clone(ct)
			c[i] ^= bit
			_, err := Decrypt(pk, id, c, sig)
			if !errors.Is(err, ErrDecrypt) && !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrUnsupportedScheme) {
				t.Fatalf("byte %d bit %#x: %v", i, bit, err)
			}
		}
	}
	if _, err := Decrypt(pk, Identity("aa", "bc"), ct, sig); !errors.Is(err, bls.ErrVerify) {
		t.Fatalf("wrong identity: %v", err)
	}
	other := newNetwork(t, 4)
	if _, err := Decrypt(other.poly.PublicKey(), id, ct, sig); !errors.Is(err, bls.ErrVerify) {
		t.Fatalf("wrong key: %v", err)
	}
	// The identity as key or signature.
	if _, err := Encrypt(nil, bls.PublicKey{}, id, []byte("x")); !errors.Is(err, bls.ErrIdentity) {
		t.Fatalf("zero key: %v", err)
	}
	parsed, err := Parse(ct)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parsed.Open(bls.Signature{}); !errors.Is(err, bls.ErrIdentity) {
		t.Fatalf("zero signature: %v", err)
	}
	// Truncations and extensions.
	for _, c := range [][]byte{ct[:len(ct)-1], append(slices.Clone(ct), 0), ct[:80], nil} {
		if _, err := Parse(c); !errors.Is(err, ErrMalformed) {
			t.Fatalf("%d bytes: %v", len(c), err)
		}
	}
	// Scheme bytes 0 and 1 are other schemes; ≥ 2 reads as proof of possession.
	c := slices.Clone(ct)
	c[len(c)-1] = 1
	if _, err := Parse(c); !errors.Is(err, ErrUnsupportedScheme) {
		t.Fatalf("scheme 1: %v", err)
	}
	c[len(c)-1] = 7
	if got, err := Decrypt(pk, id, c, sig); err != nil || string(got) != "Hello world" {
		t.Fatalf("scheme 7: %v", err)
	}
}

// TestGtOrder pins the Gt serialisation: the format's order is gnark's field
// order, the reverse of gnark's own E12.Bytes().
func TestGtOrder(t *testing.T) {
	_, _, g1, g2 := bls12381.Generators()
	k, err := bls12381.Pair([]bls12381.G1Affine{g1}, []bls12381.G2Affine{g2})
	if err != nil {
		t.Fatal(err)
	}
	ours, theirs := gtBytes(&k), k.Bytes()
	for i := range 12 {
		if !bytes.Equal(ours[i*48:(i+1)*48], theirs[(11-i)*48:(12-i)*48]) {
			t.Fatalf("chunk %d is not gnark's chunk %d", i, 11-i)
		}
	}
}

func TestTooLarge(t *testing.T) {
	nw := newNetwork(t, 4)
	if _, err := Encrypt(nil, nw.poly.PublicKey(), []byte("id"), make([]byte, MaxMessageSize+1)); !errors.Is(err, ErrTooLarge) {
		t.Fatal(err)
	}
}
