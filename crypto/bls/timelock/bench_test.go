package timelock

import (
	"crypto/rand"
	"fmt"
	"testing"

	"github.com/flint-network/flint/crypto/bls/blstest"
)

func BenchmarkEncrypt(b *testing.B) {
	nw := newNetwork(b, 4)
	id := Identity("aa", "bb")
	for _, size := range []int{32, 1 << 20} {
		msg := make([]byte, size)
		rand.Read(msg)
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) {
			b.SetBytes(int64(size))
			defer blstest.ReportCPU(b)()
			for b.Loop() {
				if _, err := Encrypt(nil, nw.poly.PublicKey(), id, msg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDecrypt includes checking the decryption key against the public key.
func BenchmarkDecrypt(b *testing.B) {
	nw := newNetwork(b, 4)
	id := Identity("aa", "bb")
	sig := nw.decryptionKey(b, id, nw.poly.Threshold())
	for _, size := range []int{32, 1 << 20} {
		msg := make([]byte, size)
		rand.Read(msg)
		ct, err := Encrypt(nil, nw.poly.PublicKey(), id, msg)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) {
			b.SetBytes(int64(size))
			defer blstest.ReportCPU(b)()
			for b.Loop() {
				if _, err := Decrypt(nw.poly.PublicKey(), id, ct, sig); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkOpen is decryption with a key already verified (PublicPoly.Combine
// verifies the signature it returns): parse and one pairing.
func BenchmarkOpen(b *testing.B) {
	nw := newNetwork(b, 4)
	id := Identity("aa", "bb")
	sig := nw.decryptionKey(b, id, nw.poly.Threshold())
	ct, err := Encrypt(nil, nw.poly.PublicKey(), id, make([]byte, 32))
	if err != nil {
		b.Fatal(err)
	}
	defer blstest.ReportCPU(b)()
	for b.Loop() {
		c, err := Parse(ct)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Open(sig); err != nil {
			b.Fatal(err)
		}
	}
}
