package timelock

import (
	"crypto/rand"
	"fmt"
	"testing"
)

func BenchmarkEncrypt(b *testing.B) {
	nw := newNetwork(b, 4)
	id := Identity("aa", "bb")
	for _, size := range []int{32, 1 << 20} {
		msg := make([]byte, size)
		rand.Read(msg)
		b.Run(fmt.Sprintf("%dB", size), func(b *testing.B) {
			b.SetBytes(int64(size))
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
			for b.Loop() {
				if _, err := Decrypt(nw.poly.PublicKey(), id, ct, sig); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
