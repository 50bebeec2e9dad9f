package pkpenc

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/flint-network/flint/crypto/hd"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/crypto/vss"
)

// network is a dealt network: ten root keys Shamir-shared with degree t
// among nodes 1..n, and one PKP key derived from them as crypto/hd does.
type network struct {
	n, t        int
	roots       []vss.Commitment
	rootSecrets []secp.Scalar
	rootShares  map[uint32][]secp.Scalar // x_{j,i}
	*pkpKey                              // the PKP most tests use
}

// pkpKey is one derived PKP key with everything the test knows of it.
type pkpKey struct {
	s      secp.Scalar            // hd.KeyScalar(keyID)
	x      secp.Scalar            // the PKP key x', known only to the test
	pub    secp.Point             // X'
	shares map[uint32]secp.Scalar // x'_i
}

func deal(tb testing.TB, n, t int) *network {
	tb.Helper()
	nw := &network{n: n, t: t, rootShares: map[uint32][]secp.Scalar{}}
	for range tecdsa.RootKeys {
		secret, err := secp.RandomScalar(nil)
		if err != nil {
			tb.Fatal(err)
		}
		p, err := vss.Random(&secret, t, nil)
		if err != nil {
			tb.Fatal(err)
		}
		nw.roots = append(nw.roots, p.Commit())
		nw.rootSecrets = append(nw.rootSecrets, secret)
		for i := 1; i <= n; i++ {
			nw.rootShares[uint32(i)] = append(nw.rootShares[uint32(i)], p.Eval(uint32(i)))
		}
	}
	nw.pkpKey = nw.derive(tb, fmt.Sprintf("test key id %d/%d", n, t))
	return nw
}

// derive derives a PKP key for keyID: the whole key, its public key and
// every node's share.
func (nw *network) derive(tb testing.TB, keyID string) *pkpKey {
	tb.Helper()
	k := &pkpKey{s: hd.KeyScalar([]byte(keyID)), shares: map[uint32]secp.Scalar{}}
	k.x = hd.DeriveScalar(nw.rootSecrets, &k.s)
	publics := make([]secp.Point, len(nw.roots))
	for j, c := range nw.roots {
		publics[j] = c[0]
	}
	var err error
	if k.pub, err = hd.DerivePublic(publics, &k.s); err != nil {
		tb.Fatal(err)
	}
	// Independent check of the dealing: X' = x'·G with decred's arithmetic.
	var want secp.Point
	secp256k1.ScalarBaseMultNonConst(&k.x, &want)
	if !secp.Equal(&want, &k.pub) {
		tb.Fatal("derived public key is not x'·G")
	}
	for i, xs := range nw.rootShares {
		k.shares[i] = hd.DeriveScalar(xs, &k.s)
	}
	return k
}

// share returns node i's decryption share of c.
func (k *pkpKey) share(tb testing.TB, i uint32, c *Ciphertext) *Share {
	tb.Helper()
	x := k.shares[i]
	sh, err := DecryptionShare(&x, i, &k.pub, c)
	if err != nil {
		tb.Fatal(err)
	}
	return sh
}

// sharedPoint is x'·U computed from the whole key with decred's
// arithmetic: the independent reference.
func (k *pkpKey) sharedPoint(u *secp.Point) secp.Point {
	var p secp.Point
	secp256k1.ScalarMultNonConst(&k.x, u, &p)
	p.ToAffine()
	return p
}

func encryptTo(tb testing.TB, pub *secp.Point, msg, aad []byte) *Ciphertext {
	tb.Helper()
	raw, err := Encrypt(pub, msg, aad)
	if err != nil {
		tb.Fatal(err)
	}
	if len(raw) != len(msg)+Overhead {
		tb.Fatalf("ciphertext of %d bytes for %d of plaintext", len(raw), len(msg))
	}
	c, err := Parse(raw)
	if err != nil {
		tb.Fatal(err)
	}
	if !bytes.Equal(c.Bytes(), raw) {
		tb.Fatal("Bytes does not give back the parsed ciphertext")
	}
	return c
}

func TestRoundTrip(t *testing.T) {
	for _, tc := range []struct{ n, t int }{{4, 1}, {7, 2}} {
		t.Run(fmt.Sprintf("n=%d,t=%d", tc.n, tc.t), func(t *testing.T) {
			nw := deal(t, tc.n, tc.t)
			msg := []byte("the buyer of the NFT can read this")
			aad := []byte("flint test context")
			c := encryptTo(t, &nw.pub, msg, aad)

			all := make([]*Share, 0, tc.n)
			for i := 1; i <= tc.n; i++ {
				idx := uint32(i)
				sh := nw.share(t, idx, c)
				pub, err := PublicShare(nw.roots, &nw.s, idx)
				if err != nil {
					t.Fatal(err)
				}
				// PublicShare against the dealt share, with decred.
				var want secp.Point
				x := nw.shares[idx]
				secp256k1.ScalarBaseMultNonConst(&x, &want)
				if !secp.Equal(&want, &pub) {
					t.Fatalf("PublicShare(%d) is not x'_%d·G", i, i)
				}
				if err := VerifyShare(sh, &pub, &c.U); err != nil {
					t.Fatalf("honest share %d: %v", i, err)
				}
				// The share over the wire.
				back, err := ParseShare(sh.Bytes())
				if err != nil {
					t.Fatal(err)
				}
				if err := VerifyShare(back, &pub, &c.U); err != nil {
					t.Fatalf("share %d after encoding: %v", i, err)
				}
				all = append(all, back)
			}
			q := 2*tc.t + 1
			ref := nw.sharedPoint(&c.U)
			// Every way to pick a quorum from the front, the back and the
			// middle combines to the same point.
			for _, set := range [][]*Share{all[:q], all[tc.n-q:], all[tc.t : tc.t+q], all[:tc.t+1], all} {
				p, err := Combine(set, tc.t)
				if err != nil {
					t.Fatal(err)
				}
				if !secp.Equal(&p, &ref) {
					t.Fatal("Combine is not x'·U")
				}
				got, err := Open(&nw.pub, c, &p, aad)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, msg) {
					t.Fatalf("Open = %q", got)
				}
			}
			got, bad, err := CombineOpen(&nw.pub, c, aad, all[:q], tc.t)
			if err != nil || !bytes.Equal(got, msg) || len(bad) != 0 {
				t.Fatalf("CombineOpen = %q, %v, %v", got, bad, err)
			}
		})
	}
}

// TestCombineIsECDH checks the combination against decred's ECDH: the
// x-coordinate of x'·U is GenerateSharedSecret(x', U), and x'·U = r·X' is
// what the sender used, so the test's own HKDF and AES-GCM, written from
// docs/pkp-encryption.md, open the ciphertext.
func TestCombineIsECDH(t *testing.T) {
	nw := deal(t, 4, 1)
	msg, aad := []byte("hello"), []byte("ctx")
	raw, err := Encrypt(&nw.pub, msg, aad)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	var shares []*Share
	for i := uint32(2); i <= 4; i++ {
		shares = append(shares, nw.share(t, i, c))
	}
	p, err := Combine(shares, 1)
	if err != nil {
		t.Fatal(err)
	}
	priv := secp256k1.NewPrivateKey(&nw.x)
	upub, err := secp256k1.ParsePubKey(raw[1:34])
	if err != nil {
		t.Fatal(err)
	}
	ecdh := secp256k1.GenerateSharedSecret(priv, upub)
	px := p.X.Bytes()
	if !bytes.Equal(ecdh, px[:]) {
		t.Fatalf("x(Combine) = %x, decred ECDH = %x", px, ecdh)
	}

	// Decrypt from the documented layout with the standard library only.
	var uj, sp secp.Point
	upub.AsJacobian(&uj)
	secp256k1.ScalarMultNonConst(&nw.x, &uj, &sp)
	sp.ToAffine()
	ikm := secp256k1.NewPublicKey(&sp.X, &sp.Y).SerializeCompressed()
	xpub := secp256k1.NewPublicKey(&nw.pub.X, &nw.pub.Y).SerializeCompressed()
	info := append(append(append([]byte("flint/pkpenc/v1/key"), 0x01), xpub...), raw[1:34]...)
	okm, err := hkdf.Key(sha256.New, ikm, []byte("flint/pkpenc/v1/salt"), string(info), 64)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(okm[32:], raw[110:142]) {
		t.Fatal("key commitment at bytes 110..142 is not HKDF output 32..64")
	}
	block, _ := aes.NewCipher(okm[:32])
	gcm, _ := cipher.NewGCM(block)
	got, err := gcm.Open(nil, raw[98:110], raw[142:], append(append([]byte{}, raw[:142]...), aad...))
	if err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("independent decryption: %q, %v", got, err)
	}
}

func TestBadSharesNamed(t *testing.T) {
	nw := deal(t, 4, 1)
	c := encryptTo(t, &nw.pub, []byte("m"), nil)
	pub2, err := PublicShare(nw.roots, &nw.s, 2)
	if err != nil {
		t.Fatal(err)
	}
	honest := nw.share(t, 2, c)

	other := encryptTo(t, &nw.pub, []byte("m"), nil)
	cases := map[string]func() *Share{
		"wrong scalar": func() *Share {
			x := nw.shares[2]
			x.Add(new(secp.Scalar).SetInt(1))
			sh, err := DecryptionShare(&x, 2, &nw.pub, c)
			if err != nil {
				t.Fatal(err)
			}
			return sh
		},
		"another node's share under this index": func() *Share {
			x := nw.shares[3]
			sh, err := DecryptionShare(&x, 2, &nw.pub, c)
			if err != nil {
				t.Fatal(err)
			}
			return sh
		},
		"D replaced, proof kept": func() *Share {
			sh := *honest
			sh.D = secp.ScalarMult(new(secp.Scalar).SetInt(5), &honest.D)
			return &sh
		},
		"e changed": func() *Share {
			sh := *honest
			sh.E.Add(new(secp.Scalar).SetInt(1))
			return &sh
		},
		"z changed": func() *Share {
			sh := *honest
			sh.Z.Add(new(secp.Scalar).SetInt(1))
			return &sh
		},
		"share of another ciphertext": func() *Share { return nw.share(t, 2, other) },
		"honest share relabelled": func() *Share {
			sh := *nw.share(t, 3, c)
			sh.Index = 2
			return &sh
		},
	}
	for name, mk := range cases {
		t.Run(name, func(t *testing.T) {
			err := VerifyShare(mk(), &pub2, &c.U)
			var se *ShareError
			if !errors.As(err, &se) || se.Index != 2 || !errors.Is(err, ErrBadProof) {
				t.Fatalf("VerifyShare = %v, want a ShareError naming node 2 with ErrBadProof", err)
			}
		})
	}
	if err := VerifyShare(honest, &pub2, &c.U); err != nil {
		t.Fatal(err)
	}
	// Every bit of an encoded honest share matters.
	enc := honest.Bytes()
	for i := range enc {
		for _, bit := range []byte{0x01, 0x80} {
			b := append([]byte(nil), enc...)
			b[i] ^= bit
			sh, err := ParseShare(b)
			if err != nil {
				continue
			}
			if VerifyShare(sh, &pub2, &c.U) == nil {
				t.Fatalf("share with byte %d ^ %#x verifies", i, bit)
			}
		}
	}
}

// TestCombineOpenNamesBadShares runs CombineOpen, which has no public
// shares, against wrong shares, including two colluding shares whose errors
// cancel in the first set it tries.
func TestCombineOpenNamesBadShares(t *testing.T) {
	nw := deal(t, 7, 2)
	msg := []byte("secret")
	c := encryptTo(t, &nw.pub, msg, nil)
	fresh := func() []*Share {
		var s []*Share
		for i := 1; i <= 7; i++ {
			s = append(s, nw.share(t, uint32(i), c))
		}
		return s
	}
	shift := func(sh *Share, k uint32) { // D += k·U
		ku := secp.ScalarMult(new(secp.Scalar).SetInt(k), &c.U)
		secp.Add(&sh.D, &ku, &sh.D)
		sh.D.ToAffine()
	}
	check := func(t *testing.T, shares []*Share, wantBad []uint32) {
		t.Helper()
		got, bad, err := CombineOpen(&nw.pub, c, nil, shares, 2)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, msg) {
			t.Fatalf("plaintext %q", got)
		}
		if fmt.Sprint(bad) != fmt.Sprint(wantBad) {
			t.Fatalf("bad = %v, want %v", bad, wantBad)
		}
	}
	t.Run("two bad of seven", func(t *testing.T) {
		s := fresh()
		shift(s[0], 1)
		shift(s[4], 9)
		check(t, s, []uint32{1, 5})
	})
	t.Run("one bad in a quorum of five", func(t *testing.T) {
		s := fresh()[:5]
		shift(s[1], 3)
		check(t, s, []uint32{2})
	})
	t.Run("two bad in a quorum of five: plaintext, nobody named", func(t *testing.T) {
		s := fresh()[:5]
		shift(s[1], 3)
		shift(s[2], 4)
		check(t, s, nil)
	})
	t.Run("colluding errors that cancel in the first set", func(t *testing.T) {
		// Shares 1 and 2 err by λ_2·Δ and −λ_1·Δ over the set {1,2,3}, so
		// that set combines to x'·U; its polynomial is not the true one,
		// and the honest node 3 must not be named.
		s := fresh()
		lambda, err := vss.Lagrange([]uint32{1, 2, 3}, 0)
		if err != nil {
			t.Fatal(err)
		}
		delta := secp.ScalarMult(new(secp.Scalar).SetInt(7), &c.U)
		var neg secp.Scalar
		neg.NegateVal(&lambda[0])
		e1 := secp.ScalarMult(&lambda[1], &delta)
		e2 := secp.ScalarMult(&neg, &delta)
		secp.Add(&s[0].D, &e1, &s[0].D)
		s[0].D.ToAffine()
		secp.Add(&s[1].D, &e2, &s[1].D)
		s[1].D.ToAffine()
		p, err := Combine(s[:3], 2)
		if err != nil {
			t.Fatal(err)
		}
		if ref := nw.sharedPoint(&c.U); !secp.Equal(&p, &ref) {
			t.Fatal("the test's cancelling errors do not cancel")
		}
		check(t, s, []uint32{1, 2})
	})
	t.Run("too many bad: fails cleanly", func(t *testing.T) {
		s := fresh()[:5]
		// Random errors: small ones can cancel in some set by chance
		// (errors 2, 3 on nodes 1, 2 cancel over {1, 2, 5}).
		for k := range 3 {
			r, err := secp.RandomScalar(nil)
			if err != nil {
				t.Fatal(err)
			}
			e := secp.ScalarMult(&r, &c.U)
			secp.Add(&s[k].D, &e, &s[k].D)
			s[k].D.ToAffine()
		}
		_, _, err := CombineOpen(&nw.pub, c, nil, s, 2)
		if !errors.Is(err, ErrNoValidSet) || !errors.Is(err, ErrDecrypt) {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestCombineRefuses(t *testing.T) {
	nw := deal(t, 4, 1)
	c := encryptTo(t, &nw.pub, []byte("m"), nil)
	s := []*Share{nw.share(t, 1, c), nw.share(t, 2, c), nw.share(t, 3, c)}
	named := func(t *testing.T, err error, idx uint32, target error) {
		t.Helper()
		var se *ShareError
		if !errors.As(err, &se) || se.Index != idx || !errors.Is(err, target) {
			t.Fatalf("err = %v, want node %d named with %v", err, idx, target)
		}
	}
	if _, err := Combine(s[:1], 1); !errors.Is(err, ErrTooFewShares) {
		t.Fatalf("one share for t=1: %v", err)
	}
	if _, err := Combine(nil, 0); !errors.Is(err, ErrTooFewShares) {
		t.Fatalf("no shares: %v", err)
	}
	if _, _, err := CombineOpen(&nw.pub, c, nil, s[:1], 1); !errors.Is(err, ErrTooFewShares) {
		t.Fatalf("CombineOpen, one share for t=1: %v", err)
	}
	for _, bad := range []int{-1, MaxIndex} {
		if _, err := Combine(s, bad); !errors.Is(err, ErrThreshold) {
			t.Fatalf("t=%d: %v", bad, err)
		}
	}
	dup := *s[1]
	_, err := Combine([]*Share{s[0], s[1], &dup}, 1)
	named(t, err, 2, ErrDuplicate)
	_, _, err = CombineOpen(&nw.pub, c, nil, []*Share{s[0], s[1], &dup}, 1)
	named(t, err, 2, ErrDuplicate)

	off := *s[2]
	off.D.Y.Add(new(secp256k1.FieldVal).SetInt(1)).Normalize()
	_, err = Combine([]*Share{s[0], s[1], &off}, 1)
	named(t, err, 3, ErrPoint)
	inf := *s[2]
	inf.D = secp.Point{}
	_, err = Combine([]*Share{s[0], &inf}, 1)
	named(t, err, 3, ErrPoint)
	zero := *s[0]
	zero.Index = 0
	_, err = Combine([]*Share{&zero, s[1]}, 1)
	named(t, err, 0, ErrIndex)
	if _, err := Combine([]*Share{s[0], nil}, 1); err == nil {
		t.Fatal("nil share accepted")
	}
	// A share for U combined with one for −U gives infinity at t=0-like
	// cancellation: two shares that are negatives after weighting.
	a := *s[0]
	b := *s[1]
	lambda, _ := vss.Lagrange([]uint32{1, 2}, 0)
	var r secp.Scalar
	r.InverseValNonConst(&lambda[1]).Mul(&lambda[0]).Negate()
	b.D = secp.ScalarMult(&r, &a.D)
	if _, err := Combine([]*Share{&a, &b}, 1); !errors.Is(err, ErrPoint) {
		t.Fatalf("shares combining to infinity: %v", err)
	}
	// Open refuses invalid points.
	if _, err := Open(&nw.pub, c, &secp.Point{}, nil); !errors.Is(err, ErrPoint) {
		t.Fatalf("Open with infinity: %v", err)
	}
	three := new(secp.Scalar).SetInt(3)
	infU := *c
	infU.U = secp.Point{}
	if _, err := DecryptionShare(three, 1, &nw.pub, &infU); !errors.Is(err, ErrPoint) {
		t.Fatalf("DecryptionShare for infinity: %v", err)
	}
	offU := *c
	offU.U.X.Add(new(secp256k1.FieldVal).SetInt(1)).Normalize()
	if _, err := DecryptionShare(three, 1, &nw.pub, &offU); !errors.Is(err, ErrPoint) {
		t.Fatalf("DecryptionShare for a point off the curve: %v", err)
	}
	if _, err := decryptionShare(rand.Reader, three, 1, &offU.U); !errors.Is(err, ErrPoint) {
		t.Fatalf("decryptionShare for a point off the curve: %v", err)
	}
	for _, idx := range []uint32{0, MaxIndex + 1} {
		if _, err := DecryptionShare(three, idx, &nw.pub, c); !errors.Is(err, ErrIndex) {
			t.Fatalf("DecryptionShare index %d: %v", idx, err)
		}
	}
	if _, err := DecryptionShare(new(secp.Scalar), 1, &nw.pub, c); err == nil {
		t.Fatal("zero key share accepted")
	}
}

func TestTamperedCiphertext(t *testing.T) {
	nw := deal(t, 4, 1)
	msg, aad := []byte("sixteen bytes!!!"), []byte("aad")
	raw, err := Encrypt(&nw.pub, msg, aad)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := Parse(raw)
	var s []*Share
	for i := uint32(1); i <= 3; i++ {
		s = append(s, nw.share(t, i, c))
	}
	p, err := Combine(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Open(&nw.pub, c, &p, aad); err != nil {
		t.Fatal(err)
	}
	for i := range raw {
		for _, bit := range []byte{0x01, 0x80, 0xff} {
			b := append([]byte(nil), raw...)
			b[i] ^= bit
			ct, err := Parse(b)
			if err != nil {
				continue // refused at parsing: as good
			}
			// With the point for the original U (what a client holding
			// the original shares has) and with the right point for a
			// changed U (what fresh shares would give).
			if pt, err := Open(&nw.pub, ct, &p, aad); err == nil {
				t.Fatalf("byte %d ^ %#x opens: %q", i, bit, pt)
			}
			q := nw.sharedPoint(&ct.U)
			if pt, err := Open(&nw.pub, ct, &q, aad); !errors.Is(err, ErrDecrypt) {
				t.Fatalf("byte %d ^ %#x with fresh shares: %q, %v", i, bit, pt, err)
			}
		}
	}
	if _, err := Open(&nw.pub, c, &p, []byte("aaD")); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("other aad: %v", err)
	}
	if _, err := Open(&nw.pub, c, &p, nil); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("no aad: %v", err)
	}
	// Another PKP's key: same point, other binding.
	other := deal(t, 4, 1)
	if _, err := Open(&other.pub, c, &p, aad); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("other PKP key: %v", err)
	}
	// Truncated and extended.
	for _, b := range [][]byte{raw[:len(raw)-1], append(append([]byte(nil), raw...), 0)} {
		if ct, err := Parse(b); err == nil {
			if _, err := Open(&nw.pub, ct, &p, aad); err == nil {
				t.Fatalf("ciphertext of %d bytes opens", len(b))
			}
		}
	}
	// A zeroed key commitment is refused, not recomputed.
	z := *c
	z.Commit = [CommitSize]byte{}
	if _, err := Open(&nw.pub, &z, &p, aad); !errors.Is(err, ErrDecrypt) {
		t.Fatalf("zero commitment: %v", err)
	}
}

func TestBounds(t *testing.T) {
	nw := deal(t, 4, 1)
	if _, err := Encrypt(&nw.pub, make([]byte, MaxPlaintext+1), nil); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("plaintext over the bound: %v", err)
	}
	if _, err := Encrypt(&nw.pub, nil, make([]byte, MaxAAD+1)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("aad over the bound: %v", err)
	}
	if _, err := Encrypt(&secp.Point{}, nil, nil); !errors.Is(err, ErrPoint) {
		t.Fatalf("infinity as PKP key: %v", err)
	}
	// The largest plaintext and the empty one round-trip.
	for _, n := range []int{0, MaxPlaintext} {
		msg := bytes.Repeat([]byte{0x5a}, n)
		c := encryptTo(t, &nw.pub, msg, make([]byte, MaxAAD))
		p := nw.sharedPoint(&c.U)
		got, err := Open(&nw.pub, c, &p, make([]byte, MaxAAD))
		if err != nil || !bytes.Equal(got, msg) || got == nil {
			t.Fatalf("%d-byte plaintext: %d bytes, %v", n, len(got), err)
		}
		if _, err := Open(&nw.pub, c, &p, make([]byte, MaxAAD+1)); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("Open with aad over the bound: %v", err)
		}
	}
	for _, n := range []int{0, HeaderSize - 1, HeaderSize + 1} {
		if _, err := ParseHeader(make([]byte, n)); !errors.Is(err, ErrFormat) {
			t.Fatalf("header of %d bytes: %v", n, err)
		}
	}
	if _, err := Parse(make([]byte, Overhead+MaxPlaintext+1)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("ciphertext over the bound: %v", err)
	}
	good, _ := Encrypt(&nw.pub, []byte("x"), nil)
	mut := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	for name, b := range map[string][]byte{
		"empty":          nil,
		"one short":      good[:Overhead-1],
		"version 0":      mut(func(b []byte) []byte { b[0] = 0; return b }),
		"version 2":      mut(func(b []byte) []byte { b[0] = 2; return b }),
		"prefix 0x04":    mut(func(b []byte) []byte { b[1] = 4; return b }),
		"x = p":          mut(func(b []byte) []byte { copy(b[2:34], fieldPrime()); return b }),
		"x all ones":     mut(func(b []byte) []byte { copy(b[2:34], bytes.Repeat([]byte{0xff}, 32)); return b }),
		"x not on curve": mut(func(b []byte) []byte { copy(b[2:34], offCurveX()); return b }),
		"e = N":          mut(func(b []byte) []byte { copy(b[34:66], groupOrder()); return b }),
		"z = N":          mut(func(b []byte) []byte { copy(b[66:98], groupOrder()); return b }),
	} {
		if _, err := Parse(b); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// groupOrder is N, big-endian.
func groupOrder() []byte { return secp256k1.Params().N.FillBytes(make([]byte, 32)) }

// fieldPrime is p, the secp256k1 field prime, big-endian.
func fieldPrime() []byte {
	b, _ := hex.DecodeString("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f")
	return b
}

// offCurveX is an x with no y on the curve (x³ + 7 not a square).
func offCurveX() []byte {
	for v := byte(1); ; v++ {
		b := make([]byte, 33)
		b[0], b[32] = 0x02, v
		if _, err := secp256k1.ParsePubKey(b); err != nil {
			return b[1:]
		}
	}
}

func TestShareFormat(t *testing.T) {
	nw := deal(t, 4, 1)
	c := encryptTo(t, &nw.pub, nil, nil)
	sh := nw.share(t, 4, c)
	enc := sh.Bytes()
	if len(enc) != ShareSize {
		t.Fatalf("%d bytes", len(enc))
	}
	mut := func(f func(b []byte)) []byte { b := append([]byte(nil), enc...); f(b); return b }
	order := secp256k1.Params().N.FillBytes(make([]byte, 32))
	for name, b := range map[string][]byte{
		"short":       enc[:ShareSize-1],
		"long":        append(append([]byte(nil), enc...), 0),
		"version":     mut(func(b []byte) { b[0] = 2 }),
		"index 0":     mut(func(b []byte) { b[1], b[2] = 0, 0 }),
		"index 256":   mut(func(b []byte) { b[1], b[2] = 1, 0 }),
		"D prefix 04": mut(func(b []byte) { b[3] = 4 }),
		"D off curve": mut(func(b []byte) { copy(b[4:36], offCurveX()) }),
		"e = N":       mut(func(b []byte) { copy(b[36:68], order) }),
		"z = N":       mut(func(b []byte) { copy(b[68:100], order) }),
	} {
		if _, err := ParseShare(b); !errors.Is(err, ErrShareFormat) {
			t.Errorf("%s: %v", name, err)
		}
	}
	back, err := ParseShare(enc)
	if err != nil || !bytes.Equal(back.Bytes(), enc) {
		t.Fatalf("round trip: %v", err)
	}
}

// failing is a randomness source that has run dry.
type failing struct{}

func (failing) Read([]byte) (int, error) { return 0, errors.New("entropy source failed") }

func TestRandomnessFailureAborts(t *testing.T) {
	nw := deal(t, 4, 1)
	c := encryptTo(t, &nw.pub, nil, nil)
	x := nw.shares[1]
	if sh, err := decryptionShare(failing{}, &x, 1, &c.U); err == nil || sh != nil {
		t.Fatalf("share with no randomness: %v, %v", sh, err)
	}
	if ct, err := encrypt(failing{}, &nw.pub, []byte("m"), nil); err == nil || ct != nil {
		t.Fatalf("encryption with no randomness: %v", err)
	}
}

func TestPublicShareRefuses(t *testing.T) {
	nw := deal(t, 4, 1)
	if _, err := PublicShare(nil, &nw.s, 1); err == nil {
		t.Fatal("no roots accepted")
	}
	if _, err := PublicShare(nw.roots, &nw.s, 0); !errors.Is(err, ErrIndex) {
		t.Fatalf("index 0: %v", err)
	}
	bad := append([]vss.Commitment(nil), nw.roots...)
	bad[3] = vss.Commitment{bad[3][0], {}}
	if _, err := PublicShare(bad, &nw.s, 1); !errors.Is(err, ErrPoint) {
		t.Fatalf("infinity in a commitment: %v", err)
	}
	bad[3] = nil
	if _, err := PublicShare(bad, &nw.s, 1); err == nil {
		t.Fatal("empty commitment accepted")
	}
}

func TestMaxIndexIsMaxParties(t *testing.T) {
	if MaxIndex != tecdsa.MaxParties {
		t.Fatalf("MaxIndex %d, tecdsa.MaxParties %d", MaxIndex, tecdsa.MaxParties)
	}
}

// TestCrossPKPAttack is why a node checks the sender's proof. PKP keys are
// x'(s) = Σ_j s^j·x_j, a polynomial of degree 9 in the public key scalar s.
// Someone holding ten PKPs who could get x'(s_k)·U for a U of their choice
// would interpolate x'(s_A)·U for any PKP A and open everything sent to A.
// The test carries the attack out with raw shares (what a node without the
// check would hand out), then shows the nodes refuse it.
func TestCrossPKPAttack(t *testing.T) {
	nw := deal(t, 4, 1)
	victim := nw.pkpKey
	msg := []byte("for the owner of PKP A only")
	c := encryptTo(t, &victim.pub, msg, nil)

	var mine []*pkpKey
	for k := range tecdsa.RootKeys {
		mine = append(mine, nw.derive(t, fmt.Sprintf("attacker's PKP %d", k)))
	}
	// Without the check: a quorum of each of the attacker's PKPs answers.
	evals := make([]secp.Point, len(mine))
	for k, key := range mine {
		var shares []*Share
		for i := uint32(1); i <= 3; i++ {
			x := key.shares[i]
			sh, err := decryptionShare(rand.Reader, &x, i, &c.U)
			if err != nil {
				t.Fatal(err)
			}
			shares = append(shares, sh)
		}
		p, err := Combine(shares, 1)
		if err != nil {
			t.Fatal(err)
		}
		evals[k] = p // x'(s_k)·U
	}
	// Lagrange over s: x'(s_A)·U = Σ_k L_k(s_A)·x'(s_k)·U.
	var stolen secp.Point
	for k := range mine {
		var num, den secp.Scalar
		num.SetInt(1)
		den.SetInt(1)
		for l := range mine {
			if l == k {
				continue
			}
			var a, b secp.Scalar
			a.NegateVal(&mine[l].s).Add(&victim.s)
			b.NegateVal(&mine[l].s).Add(&mine[k].s)
			num.Mul(&a)
			den.Mul(&b)
		}
		num.Mul(den.InverseNonConst())
		term := secp.ScalarMult(&num, &evals[k])
		secp.Add(&stolen, &term, &stolen)
	}
	stolen.ToAffine()
	got, err := Open(&victim.pub, c, &stolen, nil)
	if err != nil || !bytes.Equal(got, msg) {
		t.Fatalf("the attack as modelled does not work (%v): the test proves nothing", err)
	}
	// With the check: no node answers for the attacker's PKPs.
	for _, key := range mine {
		x := key.shares[1]
		if _, err := DecryptionShare(&x, 1, &key.pub, c); !errors.Is(err, ErrNotForKey) {
			t.Fatalf("a node released a share of another PKP's ciphertext: %v", err)
		}
	}
	// Nor does a proof survive being moved or altered.
	for name, mut := range map[string]func(*Ciphertext){
		"e+1": func(c *Ciphertext) { c.E.Add(new(secp.Scalar).SetInt(1)) },
		"z+1": func(c *Ciphertext) { c.Z.Add(new(secp.Scalar).SetInt(1)) },
		"U·2": func(c *Ciphertext) { c.U = secp.ScalarMult(new(secp.Scalar).SetInt(2), &c.U) },
		"U+G": func(c *Ciphertext) {
			g := secp.BaseMult(new(secp.Scalar).SetInt(1))
			secp.Add(&c.U, &g, &c.U)
			c.U.ToAffine()
		},
	} {
		cc := *c
		mut(&cc)
		if err := cc.Verify(&victim.pub); !errors.Is(err, ErrNotForKey) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if err := c.Verify(&victim.pub); err != nil {
		t.Fatal(err)
	}
	// The header alone is what a node needs.
	h, err := ParseHeader(c.Header())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecryptionShare(new(secp.Scalar).SetInt(1), 1, &victim.pub, h); err != nil {
		t.Fatal(err)
	}
}
