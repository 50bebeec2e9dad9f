package pkpenc

import (
	"fmt"
	"testing"

	"github.com/flint-network/flint/crypto/secp"
)

func BenchmarkEncrypt(b *testing.B) {
	nw := deal(b, 4, 1)
	msg := make([]byte, 1024)
	for b.Loop() {
		if _, err := Encrypt(&nw.pub, msg, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecryptionShare(b *testing.B) {
	nw := deal(b, 4, 1)
	c := encryptTo(b, &nw.pub, []byte("m"), nil)
	x := nw.shares[1]
	for b.Loop() {
		if _, err := DecryptionShare(&x, 1, &nw.pub, c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifyShare(b *testing.B) {
	nw := deal(b, 4, 1)
	c := encryptTo(b, &nw.pub, []byte("m"), nil)
	sh := nw.share(b, 1, c)
	pub, err := PublicShare(nw.roots, &nw.s, 1)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if err := VerifyShare(sh, &pub, &c.U); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPublicShare(b *testing.B) {
	nw := deal(b, 7, 2)
	for b.Loop() {
		if _, err := PublicShare(nw.roots, &nw.s, 5); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCombineOpen is the client's work after the shares are verified:
// Combine a quorum (2t+1 shares; t+1 are used) and Open 1 KiB.
func BenchmarkCombineOpen(b *testing.B) {
	for _, tc := range []struct{ n, t int }{{4, 1}, {7, 2}, {10, 3}} {
		b.Run(fmt.Sprintf("n=%d", tc.n), func(b *testing.B) {
			nw := deal(b, tc.n, tc.t)
			c := encryptTo(b, &nw.pub, make([]byte, 1024), nil)
			var shares []*Share
			for i := 1; i <= 2*tc.t+1; i++ {
				shares = append(shares, nw.share(b, uint32(i), c))
			}
			for b.Loop() {
				p, err := Combine(shares, tc.t)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := Open(&nw.pub, c, &p, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCombineOpenUnverified is CombineOpen on a quorum of shares
// without public shares: all honest, and with one wrong share first (the
// search then tries sets until one leaves it out, and names it).
func BenchmarkCombineOpenUnverified(b *testing.B) {
	for _, tc := range []struct{ n, t int }{{4, 1}, {7, 2}, {10, 3}} {
		for _, bad := range []bool{false, true} {
			b.Run(fmt.Sprintf("n=%d/bad=%v", tc.n, bad), func(b *testing.B) {
				nw := deal(b, tc.n, tc.t)
				c := encryptTo(b, &nw.pub, make([]byte, 1024), nil)
				var shares []*Share
				for i := 1; i <= 2*tc.t+1; i++ {
					shares = append(shares, nw.share(b, uint32(i), c))
				}
				if bad {
					secp.Add(&shares[0].D, &c.U, &shares[0].D)
					shares[0].D.ToAffine()
				}
				for b.Loop() {
					_, named, err := CombineOpen(&nw.pub, c, nil, shares, tc.t)
					if err != nil || (bad && len(named) != 1) {
						b.Fatal(named, err)
					}
				}
			})
		}
	}
}
