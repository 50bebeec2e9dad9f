package bls_test

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	bls12381 "github.com/consensys/gnark-crypto/ecc/bls12-381"
	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"

	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/bls/blstest"
)

func deal(t testing.TB, n int) []*bls.KeyShare {
	t.Helper()
	shares, err := blstest.Deal(n, blstest.Quorum(n))
	if err != nil {
		t.Fatal(err)
	}
	return shares
}

func signAll(t testing.TB, keys []*bls.KeyShare, msg []byte) []bls.SignatureShare {
	t.Helper()
	out := make([]bls.SignatureShare, len(keys))
	for i, k := range keys {
		var err error
		if out[i], err = k.Sign(msg); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestThresholdRoundTrip: for n = 4, 7, 10 every random quorum combines to a
// signature that verifies under the network key, and shares verify under their
// public key shares; 2t shares are refused or do not verify.
func TestThresholdRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{4, 7, 10} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			keys := deal(t, n)
			poly := keys[0].PublicPoly()
			q := poly.Threshold()
			if q != 2*((n-1)/3)+1 {
				t.Fatalf("threshold %d", q)
			}
			msg := []byte(fmt.Sprintf("message for %d nodes", n))
			shares := signAll(t, keys, msg)
			for _, s := range shares {
				pk, err := poly.Share(s.ID)
				if err != nil {
					t.Fatal(err)
				}
				if err := bls.Verify(pk, msg, s.Value); err != nil {
					t.Fatalf("share %s: %v", s.ID, err)
				}
			}
			var first bls.Signature
			for trial := range 3 {
				rng.Shuffle(len(shares), func(i, j int) { shares[i], shares[j] = shares[j], shares[i] })
				sig, err := poly.Combine(msg, shares[:q])
				if err != nil {
					t.Fatal(err)
				}
				if err := bls.Verify(poly.PublicKey(), msg, sig); err != nil {
					t.Fatal(err)
				}
				// Unique signatures: every quorum gives the same one.
				if trial == 0 {
					first = sig
				} else if !sig.Equal(first) {
					t.Fatal("two quorums gave different signatures")
				}
			}
			// 2t shares: Combine refuses, interpolation gives a wrong signature.
			if _, err := poly.Combine(msg, shares[:q-1]); !errors.Is(err, bls.ErrTooFewShares) {
				t.Fatalf("2t shares: %v", err)
			}
			sig, err := bls.Interpolate(shares[:q-1])
			if err != nil {
				t.Fatal(err)
			}
			if !errors.Is(bls.Verify(poly.PublicKey(), msg, sig), bls.ErrVerify) {
				t.Fatal("2t shares made a valid signature")
			}
		})
	}
}

// TestCombineNamesBadShare: a wrong share among q+1 is named and the signature is
// still made from the others; with only q shares the error names it and there
// is no signature.
func TestCombineNamesBadShare(t *testing.T) {
	keys := deal(t, 7) // q = 5
	poly := keys[0].PublicPoly()
	msg := []byte("sign me")
	shares := signAll(t, keys, msg)
	other, err := keys[2].Sign([]byte("something else"))
	if err != nil {
		t.Fatal(err)
	}
	shares[2] = other // node 3 lies

	sig, err := poly.Combine(msg, shares[:6])
	var bad *bls.BadSharesError
	if !errors.As(err, &bad) || !slices.Equal(bad.Bad, []bls.Identifier{bls.IndexIdentifier(3)}) {
		t.Fatalf("want node 3 named, got %v", err)
	}
	if errors.Is(err, bls.ErrTooFewShares) || bad.Good != 5 || bad.Need != 5 {
		t.Fatalf("with 5 good shares left: %+v", bad)
	}
	if err := bls.Verify(poly.PublicKey(), msg, sig); err != nil {
		t.Fatalf("signature from the good shares: %v", err)
	}

	sig, err = poly.Combine(msg, shares[:5])
	if !errors.As(err, &bad) || !errors.Is(err, bls.ErrTooFewShares) || !slices.Equal(bad.Bad, []bls.Identifier{bls.IndexIdentifier(3)}) {
		t.Fatalf("q shares, one bad: %v", err)
	}
	if !sig.Equal(bls.Signature{}) {
		t.Fatal("a signature was returned with too few good shares")
	}
	if !strings.Contains(err.Error(), "from 3 ") {
		t.Fatalf("error does not name node 3: %v", err)
	}

	// Duplicates are refused outright.
	dup := append(slices.Clone(shares[:4]), shares[0])
	if _, err := poly.Combine(msg, dup); !errors.Is(err, bls.ErrDuplicateShare) {
		t.Fatalf("duplicate: %v", err)
	}
	if _, err := bls.Interpolate(dup); !errors.Is(err, bls.ErrDuplicateShare) {
		t.Fatalf("duplicate: %v", err)
	}
}

// TestKeyShareEncoding: a key share survives MarshalBinary/UnmarshalKeyShare and
// still signs; a changed secret, index or polynomial is refused; the secret is
// never printed.
func TestKeyShareEncoding(t *testing.T) {
	keys := deal(t, 4)
	k := keys[1]
	b, err := k.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	k2, err := bls.UnmarshalKeyShare(b)
	if err != nil {
		t.Fatal(err)
	}
	if k2.Index() != 2 || !k2.PublicPoly().Equal(k.PublicPoly()) || !bytes.Equal(k2.Secret(), k.Secret()) {
		t.Fatal("decoded share differs")
	}
	s, err := k2.Sign([]byte("m"))
	if err != nil {
		t.Fatal(err)
	}
	pk, _ := k.PublicPoly().Share(s.ID)
	if err := bls.Verify(pk, []byte("m"), s.Value); err != nil {
		t.Fatal(err)
	}

	for name, mutate := range map[string]func([]byte){
		"secret": func(b []byte) { b[8+31] ^= 1 },
		"index":  func(b []byte) { b[7] = 3 },
		"poly":   func(b []byte) { copy(b[40+48:], keys[0].PublicPoly().Bytes()[:48]) }, // swap C1 for C0
		"magic":  func(b []byte) { b[0] = 'X' },
	} {
		c := slices.Clone(b)
		mutate(c)
		if _, err := bls.UnmarshalKeyShare(c); err == nil {
			t.Errorf("%s changed: accepted", name)
		}
	}
	if _, err := bls.UnmarshalKeyShare(b[:len(b)-1]); !errors.Is(err, bls.ErrEncoding) {
		t.Errorf("truncated: %v", err)
	}

	secret := hex.EncodeToString(k.Secret())
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{k, *k} {
			if out := fmt.Sprintf(f, v); strings.Contains(out, secret) || !strings.Contains(out, "index: 2") {
				t.Errorf("%s prints %q", f, out)
			}
		}
	}
}

// badG1 returns compressed encodings of an x-coordinate with no point on the
// curve, and of a curve point outside the prime-order subgroup.
func badG1(t testing.TB) (offCurve, outside []byte) {
	t.Helper()
	var b4 fp.Element
	b4.SetUint64(4)
	for x := uint64(1); offCurve == nil || outside == nil; x++ {
		var fx, y2 fp.Element
		fx.SetUint64(x)
		y2.Square(&fx).Mul(&y2, &fx).Add(&y2, &b4)
		enc := fx.Bytes()
		enc[0] |= 0x80
		if y2.Legendre() == -1 {
			if offCurve == nil {
				offCurve = slices.Clone(enc[:])
			}
			continue
		}
		var p bls12381.G1Affine
		p.X = fx
		p.Y.Sqrt(&y2)
		if !p.IsInSubGroup() && outside == nil {
			outside = slices.Clone(enc[:])
		}
	}
	return offCurve, outside
}

// TestBadPoints: off-curve and out-of-subgroup points, the identity, wrong
// lengths and non-canonical coordinates give typed errors.
func TestBadPoints(t *testing.T) {
	off, outside := badG1(t)
	inf := make([]byte, 48)
	inf[0] = 0xc0
	gen := func() []byte {
		var g bls12381.G1Affine
		g.ScalarMultiplicationBase(big.NewInt(1))
		b := g.Bytes()
		return b[:]
	}()
	uncompressed := slices.Clone(gen)
	uncompressed[0] &^= 0x80
	nonCanonical := bytes.Repeat([]byte{0xff}, 48)
	nonCanonical[0] = 0x9f // x ≥ p
	for _, c := range []struct {
		name string
		in   []byte
		want error
	}{
		{"off curve", off, bls.ErrInvalidPoint},
		{"outside subgroup", outside, bls.ErrInvalidPoint},
		{"identity", inf, bls.ErrIdentity},
		{"uncompressed flag", uncompressed, bls.ErrInvalidPoint},
		{"x not below p", nonCanonical, bls.ErrInvalidPoint},
		{"short", gen[:47], bls.ErrEncoding},
		{"long", append(slices.Clone(gen), 0), bls.ErrEncoding},
		{"empty", nil, bls.ErrEncoding},
	} {
		if _, err := bls.ParsePublicKey(c.in); !errors.Is(err, c.want) {
			t.Errorf("public key %s: %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := bls.ParsePublicKey(gen); err != nil {
		t.Fatalf("generator: %v", err)
	}
	if _, err := bls.ParsePublicPoly(append(slices.Clone(gen), outside...)); !errors.Is(err, bls.ErrInvalidPoint) {
		t.Errorf("polynomial with a bad coefficient: %v", err)
	}

	// G2: the identity, an x with no point, a truncation.
	infG2 := make([]byte, 96)
	infG2[0] = 0xc0
	if _, err := bls.ParseSignature(infG2); !errors.Is(err, bls.ErrIdentity) {
		t.Errorf("G2 identity: %v", err)
	}
	var g2Outside []byte
	for x := byte(1); g2Outside == nil; x++ {
		enc := make([]byte, 96)
		enc[0], enc[95] = 0x80, x
		if _, err := bls.ParseSignature(enc); err != nil {
			if !errors.Is(err, bls.ErrInvalidPoint) {
				t.Fatalf("G2 x=%d: %v", x, err)
			}
			g2Outside = enc
		}
	}
	if _, err := bls.ParseSignature(infG2[:95]); !errors.Is(err, bls.ErrEncoding) {
		t.Errorf("G2 short: %v", err)
	}
}

// TestBadIndexedShare: wrong lengths, index 0, the identity (the JSON
// layer's own refusals are wire's test).
func TestBadIndexedShare(t *testing.T) {
	good, err := parseShares(t, loadVectors(t).SharesOld)[0].IndexedBytes()
	if err != nil {
		t.Fatal(err)
	}
	inf := append([]byte{0xc0}, make([]byte, bls.SignatureSize-1)...)
	for _, c := range []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, bls.ErrEncoding},
		{"short", good[:len(good)-1], bls.ErrEncoding},
		{"long", append(append([]byte{}, good...), 0), bls.ErrEncoding},
		{"index 0", append([]byte{0}, good[1:]...), bls.ErrInvalidIdentifier},
		{"identity", append([]byte{2}, inf...), bls.ErrIdentity},
	} {
		if _, err := bls.ParseIndexedSignatureShare(c.in); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := bls.ParseIndexedSignatureShare(good); err != nil {
		t.Fatal(err)
	}
}
