package secp

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/field/hash"
	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

func mustRandom(t testing.TB) Scalar {
	s, err := RandomScalar(nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func randomPoint(t testing.TB) Point {
	k := mustRandom(t)
	return BaseMult(&k)
}

// RFC 9380 appendix K.1 (expand_message_xmd, SHA-256).
func TestExpandMessageXMDVectors(t *testing.T) {
	dst := []byte("QUUX-V01-CS02-with-expander-SHA256-128")
	for _, tc := range []struct {
		msg  string
		n    int
		want string
	}{
		{"", 0x20, "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235"},
		{"abc", 0x20, "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615"},
	} {
		got, err := ExpandMessageXMD(dst, tc.n, []byte(tc.msg))
		if err != nil {
			t.Fatal(err)
		}
		if hex.EncodeToString(got) != tc.want {
			t.Errorf("msg %q: got %x want %s", tc.msg, got, tc.want)
		}
	}
}

// Cross-check against gnark-crypto's independent implementation for many
// lengths, and split messages against joined ones.
func TestExpandMessageXMDMatchesGnark(t *testing.T) {
	dst := []byte("LIT_HD_KEY_ID_K256_XMD:SHA-256_SSWU_RO_NUL_")
	msg := []byte("the quick brown fox jumps over the lazy dog, many times over")
	// gnark-crypto panics for outputs shorter than 32 bytes.
	for _, n := range []int{32, 33, 48, 64, 100, 255, 256, 1000} {
		want, err := hash.ExpandMsgXmd(msg, dst, n)
		if err != nil {
			t.Fatal(err)
		}
		got, err := ExpandMessageXMD(dst, n, msg[:10], msg[10:])
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("n=%d: got %x want %x", n, got, want)
		}
	}
	if _, err := ExpandMessageXMD(make([]byte, 256), 32, msg); !errors.Is(err, ErrDSTTooLong) {
		t.Errorf("long DST: %v", err)
	}
	if _, err := ExpandMessageXMD(dst, 8161, msg); err == nil {
		t.Error("oversized output accepted")
	}
}

func TestHashToScalarReducesLikeBigInt(t *testing.T) {
	n := secp256k1.S256().N
	for i := 0; i < 50; i++ {
		msg := []byte{byte(i), 1, 2, 3}
		u, _ := ExpandMessageXMD([]byte("dst"), 48, msg)
		want := new(big.Int).Mod(new(big.Int).SetBytes(u), n)
		got, err := HashToScalar([]byte("dst"), msg)
		if err != nil {
			t.Fatal(err)
		}
		gb := got.Bytes()
		if new(big.Int).SetBytes(gb[:]).Cmp(want) != 0 {
			t.Fatalf("got %x want %x", gb, want)
		}
	}
	// The largest 48-byte value.
	var max [48]byte
	for i := range max {
		max[i] = 0xff
	}
	want := new(big.Int).Mod(new(big.Int).SetBytes(max[:]), n)
	got := ReduceWide(&max)
	gb := got.Bytes()
	if new(big.Int).SetBytes(gb[:]).Cmp(want) != 0 {
		t.Fatalf("max: got %x want %x", gb, want)
	}
}

func TestScalarDecoding(t *testing.T) {
	var nBytes [32]byte
	secp256k1.S256().N.FillBytes(nBytes[:])
	if _, err := DecodeScalar(nBytes[:]); !errors.Is(err, ErrScalarEncoding) {
		t.Errorf("N accepted: %v", err)
	}
	if _, err := DecodeScalar(make([]byte, 31)); !errors.Is(err, ErrScalarEncoding) {
		t.Errorf("short accepted: %v", err)
	}
	if _, err := DecodeNonZeroScalar(make([]byte, 32)); !errors.Is(err, ErrZeroScalar) {
		t.Errorf("zero accepted: %v", err)
	}
	s := mustRandom(t)
	b := s.Bytes()
	got, err := DecodeScalar(b[:])
	if err != nil || !got.Equals(&s) {
		t.Fatalf("round trip: %v", err)
	}
}

func TestPointDecoding(t *testing.T) {
	p := randomPoint(t)
	enc := AppendPoint(nil, &p)
	got, err := DecodePoint(enc)
	if err != nil || !Equal(&got, &p) {
		t.Fatalf("round trip: %v", err)
	}
	bad := func(name string, b []byte) {
		t.Helper()
		if _, err := DecodePoint(b); !errors.Is(err, ErrPointEncoding) {
			t.Errorf("%s accepted: %v", name, err)
		}
	}
	bad("short", enc[:64])
	bad("long", append(append([]byte{}, enc...), 0))
	c := Compress(&p)
	bad("compressed", c[:])
	offCurve := append([]byte{}, enc...)
	offCurve[64] ^= 1
	bad("off curve", offCurve)
	wrongPrefix := append([]byte{}, enc...)
	wrongPrefix[0] = 0x06
	bad("hybrid prefix", wrongPrefix)
	var infinity [65]byte
	infinity[0] = 4
	bad("infinity", infinity[:])
	overflow := append([]byte{}, enc...)
	secp256k1.S256().P.FillBytes(overflow[1:33])
	bad("x = p", overflow)

	pk, err := ParsePublicKey(c[:])
	if err != nil || !Equal(&pk, &p) {
		t.Fatalf("compressed public key: %v", err)
	}
	u := Uncompressed(&p)
	if !bytes.Equal(u[:], enc) {
		t.Fatal("Uncompressed differs from AppendPoint")
	}
}

func TestBatchToAffine(t *testing.T) {
	ps := make([]Point, 20)
	want := make([]Point, len(ps))
	for i := range ps {
		k := mustRandom(t)
		secp256k1.ScalarBaseMultNonConst(&k, &ps[i]) // Jacobian, Z ≠ 1
		secp256k1.AddNonConst(&ps[i], &ps[i], &ps[i])
		want[i] = ps[i]
		want[i].ToAffine()
	}
	ps[7] = Point{} // infinity stays infinity
	BatchToAffine(ps)
	for i := range ps {
		if i == 7 {
			if !IsInfinity(&ps[i]) {
				t.Fatal("infinity changed")
			}
			continue
		}
		if !ps[i].Z.IsOne() || !ps[i].X.Equals(&want[i].X) || !ps[i].Y.Equals(&want[i].Y) {
			t.Fatalf("point %d differs", i)
		}
	}
}

func TestBatchInvert(t *testing.T) {
	xs := make([]Scalar, 9)
	orig := make([]Scalar, len(xs))
	for i := range xs {
		xs[i] = mustRandom(t)
		orig[i] = xs[i]
	}
	BatchInvert(xs)
	for i := range xs {
		var p Scalar
		p.Mul2(&xs[i], &orig[i])
		if !p.Equals(new(Scalar).SetInt(1)) {
			t.Fatalf("element %d not inverted", i)
		}
	}
}

func naiveMSM(scalars []Scalar, points []Point) Point {
	var acc Point
	for i := range points {
		var t Point
		secp256k1.ScalarMultNonConst(&scalars[i], &points[i], &t)
		secp256k1.AddNonConst(&acc, &t, &acc)
	}
	return acc
}

func TestMultiScalarMult(t *testing.T) {
	// Short scalars of every length catch lost carries in the signed digits.
	for bitsLen := 1; bitsLen < 40; bitsLen++ {
		p := randomPoint(t)
		s := ScalarFromUint(uint32(1)<<(bitsLen%32) | 1)
		if bitsLen >= 32 {
			s = ScalarFromUint(1<<31 | 1<<(bitsLen-32))
			s.Mul(new(Scalar).SetInt(1 << 8))
		}
		got := MultiScalarMult([]Scalar{s}, []Point{p})
		want := naiveMSM([]Scalar{s}, []Point{p})
		if !Equal(&got, &want) {
			t.Fatalf("%d-bit scalar: wrong", bitsLen)
		}
	}
	for _, n := range []int{1, 2, 3, 5, 13, 15, 16, 40, 130} {
		scalars := make([]Scalar, n)
		points := make([]Point, n)
		for i := range points {
			scalars[i] = mustRandom(t)
			if i%3 == 1 { // short scalars exercise fewer windows
				scalars[i].SetInt(uint32(i * 977))
			}
			points[i] = randomPoint(t)
		}
		got := MultiScalarMult(scalars, points)
		want := naiveMSM(scalars, points)
		if !Equal(&got, &want) {
			t.Fatalf("n=%d: MSM differs from naive sum", n)
		}
	}
	// Points summing to infinity, on both bucket methods.
	for _, n := range []int{1, gnarkMSMFrom} {
		var scalars []Scalar
		var points []Point
		for range n {
			p := randomPoint(t)
			var neg Point
			Negate(&p, &neg)
			one := ScalarFromUint(1)
			scalars = append(scalars, one, one)
			points = append(points, p, neg)
		}
		got := MultiScalarMult(scalars, points)
		if !IsInfinity(&got) {
			t.Fatalf("%d × (P + (−P)) is not infinity", n)
		}
	}
}

// The base-point table and the GLV multiplication agree with decred's
// generic multiplications, for edge scalars too.
func TestBaseMultAndScalarMult(t *testing.T) {
	var ks []Scalar
	for _, v := range []uint32{1, 2, 255, 256, 65535} {
		ks = append(ks, ScalarFromUint(v))
	}
	var minusOne Scalar
	minusOne.SetInt(1).Negate()
	ks = append(ks, minusOne)
	for range 20 {
		ks = append(ks, mustRandom(t))
	}
	batch := BatchBaseMult(append(ks, Scalar{}))
	if !IsInfinity(&batch[len(ks)]) {
		t.Fatal("0·G is not infinity")
	}
	p := randomPoint(t)
	for i := range ks {
		var want Point
		secp256k1.ScalarBaseMultNonConst(&ks[i], &want)
		got := BaseMult(&ks[i])
		if !Equal(&got, &want) || !Equal(&batch[i], &want) || !got.Z.IsOne() || !batch[i].Z.IsOne() {
			t.Fatalf("k·G wrong for scalar %d", i)
		}
		secp256k1.ScalarMultNonConst(&ks[i], &p, &want)
		got = ScalarMult(&ks[i], &p)
		if !Equal(&got, &want) || !got.Z.IsOne() {
			t.Fatalf("k·P wrong for scalar %d", i)
		}
	}
	zero := Scalar{}
	if g := BaseMult(&zero); !IsInfinity(&g) {
		t.Fatal("0·G is not infinity")
	}
	if g := ScalarMult(&zero, &p); !IsInfinity(&g) {
		t.Fatal("0·P is not infinity")
	}
}

func BenchmarkBaseMult(b *testing.B) {
	k := mustRandom(b)
	BaseMult(&k)
	for b.Loop() {
		BaseMult(&k)
	}
}

func BenchmarkScalarMultGLV(b *testing.B) {
	k, p := mustRandom(b), randomPoint(b)
	for b.Loop() {
		ScalarMult(&k, &p)
	}
}

func TestComb(t *testing.T) {
	p := randomPoint(t)
	c := NewComb(&p)
	ks := []Scalar{mustRandom(t), ScalarFromUint(1), ScalarFromUint(2), {}}
	var nMinus1 Scalar
	nMinus1.SetInt(1).Negate()
	ks = append(ks, nMinus1)
	for _, k := range ks {
		got := c.Mul(&k)
		var want Point
		secp256k1.ScalarMultNonConst(&k, &p, &want)
		if !Equal(&got, &want) {
			t.Fatalf("comb differs for k=%x", k.Bytes())
		}
	}
}

func BenchmarkCombBuild(b *testing.B) {
	p := randomPoint(b)
	for b.Loop() {
		NewComb(&p)
	}
}

func BenchmarkCombMul(b *testing.B) {
	p := randomPoint(b)
	c := NewComb(&p)
	k := mustRandom(b)
	for b.Loop() {
		c.Mul(&k)
	}
}

func BenchmarkScalarMultDecred(b *testing.B) {
	p := randomPoint(b)
	k := mustRandom(b)
	var r Point
	for b.Loop() {
		secp256k1.ScalarMultNonConst(&k, &p, &r)
	}
}

func benchMSM(b *testing.B, n int) {
	scalars := make([]Scalar, n)
	points := make([]Point, n)
	for i := range points {
		scalars[i] = mustRandom(b)
		points[i] = randomPoint(b)
	}
	b.ResetTimer()
	for b.Loop() {
		MultiScalarMult(scalars, points)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1000, "µs/point")
}

func BenchmarkMSM7(b *testing.B)    { benchMSM(b, 7) }
func BenchmarkMSM100(b *testing.B)  { benchMSM(b, 100) }
func BenchmarkMSM1000(b *testing.B) { benchMSM(b, 1000) }

func FuzzDecodePoint(f *testing.F) {
	k := ScalarFromUint(7)
	p := BaseMult(&k)
	f.Add(AppendPoint(nil, &p))
	f.Add(make([]byte, 65))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := DecodePoint(b)
		if err != nil {
			return
		}
		if !bytes.Equal(AppendPoint(nil, &p), b) {
			t.Fatal("accepted encoding does not round-trip")
		}
	})
}

func FuzzDecodeScalar(f *testing.F) {
	f.Add(make([]byte, 32))
	f.Add(bytes.Repeat([]byte{0xff}, 32))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := DecodeScalar(b)
		if err != nil {
			return
		}
		if enc := s.Bytes(); !bytes.Equal(enc[:], b) {
			t.Fatal("accepted encoding does not round-trip")
		}
	})
}

func TestCombMulAffine(t *testing.T) {
	p := randomPoint(t)
	c := NewComb(&p)
	for i := 0; i < 20; i++ {
		k := mustRandom(t)
		got := c.MulAffine(&k)
		var want Point
		secp256k1.ScalarMultNonConst(&k, &p, &want)
		want.ToAffine()
		if !got.Z.IsOne() || !got.X.Equals(&want.X) || !got.Y.Equals(&want.Y) {
			t.Fatal("MulAffine differs")
		}
	}
	var zero Scalar
	if got := c.MulAffine(&zero); !IsInfinity(&got) {
		t.Fatal("0·P is not infinity")
	}
}

func BenchmarkCombMulAffine(b *testing.B) {
	p := randomPoint(b)
	c := NewComb(&p)
	k := mustRandom(b)
	for b.Loop() {
		c.MulAffine(&k)
	}
}

// BenchmarkMSMSizes compares the two bucket methods; it fixes gnarkMSMFrom.
func BenchmarkMSMSizes(b *testing.B) {
	for _, n := range []int{8, 16, 256, 2048} {
		for _, short := range []bool{false, true} {
			scalars := make([]Scalar, n)
			points := make([]Point, n)
			for i := range points {
				scalars[i] = mustRandom(b)
				if short {
					var bb [32]byte
					s := scalars[i].Bytes()
					copy(bb[24:], s[24:])
					scalars[i].SetBytes(&bb)
				}
				points[i] = randomPoint(b)
			}
			for _, lib := range []string{"own", "gnark"} {
				b.Run(fmt.Sprintf("n=%d/short=%v/%s", n, short, lib), func(b *testing.B) {
					for b.Loop() {
						if lib == "gnark" {
							multiExpGnark(scalars, points)
						} else {
							old := gnarkMSMFrom
							gnarkMSMFrom = 1 << 30
							MultiScalarMult(scalars, points)
							gnarkMSMFrom = old
						}
					}
					b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1000, "µs/point")
				})
			}
		}
	}
}
