package vss

import (
	"errors"
	"testing"

	"github.com/flint-network/flint/crypto/secp"
)

func TestShareAndInterpolate(t *testing.T) {
	for _, tc := range []struct{ n, degree int }{{4, 1}, {7, 2}, {10, 3}, {10, 6}} {
		secret, _ := secp.RandomScalar(nil)
		p, err := Random(&secret, tc.degree, nil)
		if err != nil {
			t.Fatal(err)
		}
		c := p.Commit()
		shares := make([]secp.Scalar, tc.n)
		idx := make([]uint32, tc.n)
		for i := range shares {
			idx[i] = uint32(i + 1)
			shares[i] = p.Eval(idx[i])
			if !c.Verify(idx[i], &shares[i]) {
				t.Fatalf("share %d fails its commitment", i+1)
			}
		}
		// Any degree+1 shares (here: the last ones) give the secret.
		k := tc.degree + 1
		got, err := Interpolate(idx[tc.n-k:], shares[tc.n-k:])
		if err != nil || !got.Equals(&secret) {
			t.Fatalf("n=%d d=%d: interpolation wrong (%v)", tc.n, tc.degree, err)
		}
		// degree shares are not enough.
		if k > 1 {
			got, _ = Interpolate(idx[:k-1], shares[:k-1])
			if got.Equals(&secret) {
				t.Fatal("too few shares gave the secret")
			}
		}
		// In the exponent.
		pts := make([]secp.Point, k)
		for i := range pts {
			pts[i] = c.Eval(idx[i])
			secp.ToAffine(&pts[i])
		}
		pub, err := InterpolatePoints(idx[:k], pts)
		if err != nil || !secp.Equal(&pub, &c[0]) {
			t.Fatalf("interpolation in the exponent wrong (%v)", err)
		}
		// A wrong share fails verification.
		var one secp.Scalar
		one.SetInt(1)
		bad := shares[0]
		bad.Add(&one)
		if c.Verify(1, &bad) {
			t.Fatal("wrong share verified")
		}
	}
}

func TestZeroSharing(t *testing.T) {
	p, err := Random(nil, 4, nil)
	if err != nil {
		t.Fatal(err)
	}
	idx := []uint32{2, 3, 5, 8, 9}
	vals := make([]secp.Scalar, len(idx))
	for i, x := range idx {
		vals[i] = p.Eval(x)
	}
	got, _ := Interpolate(idx, vals)
	if !got.IsZero() {
		t.Fatal("zero-sharing does not interpolate to zero")
	}
}

func TestLagrangeAtOtherPoint(t *testing.T) {
	p, _ := Random(nil, 2, nil)
	idx := []uint32{1, 4, 6}
	l, err := Lagrange(idx, 9)
	if err != nil {
		t.Fatal(err)
	}
	var acc secp.Scalar
	for k, x := range idx {
		v := p.Eval(x)
		v.Mul(&l[k])
		acc.Add(&v)
	}
	want := p.Eval(9)
	if !acc.Equals(&want) {
		t.Fatal("Lagrange at 9 wrong")
	}
}

func TestBadIndices(t *testing.T) {
	for _, idx := range [][]uint32{nil, {0, 1}, {1, 2, 1}} {
		if _, err := Lagrange(idx, 0); !errors.Is(err, ErrIndices) {
			t.Errorf("%v: %v", idx, err)
		}
	}
	if _, err := Interpolate([]uint32{1, 2}, make([]secp.Scalar, 1)); !errors.Is(err, ErrIndices) {
		t.Errorf("length mismatch: %v", err)
	}
}

func TestAddCommitments(t *testing.T) {
	a, _ := Random(nil, 2, nil)
	b, _ := Random(nil, 2, nil)
	sum := Add(a.Commit(), b.Commit())
	va, vb := a.Eval(5), b.Eval(5)
	va.Add(&vb)
	if !sum.Verify(5, &va) {
		t.Fatal("sum of commitments does not verify sum of shares")
	}
}

func TestMulSmall(t *testing.T) {
	k, _ := secp.RandomScalar(nil)
	p := secp.BaseMult(&k)
	for _, x := range []uint32{0, 1, 2, 7, 255, 1 << 20} {
		got := MulSmall(&p, x)
		xs := secp.ScalarFromUint(x)
		xs.Mul(&k)
		want := secp.BaseMult(&xs)
		if !secp.Equal(&got, &want) {
			t.Fatalf("x=%d wrong", x)
		}
	}
}

func TestLagrangeOne(t *testing.T) {
	idx := []uint32{2, 3, 5, 9, 11}
	all, _ := Lagrange(idx, 0)
	for k, i := range idx {
		one, err := LagrangeOne(idx, i)
		if err != nil || !one.Equals(&all[k]) {
			t.Fatalf("index %d: %v", i, err)
		}
	}
	if _, err := LagrangeOne(idx, 4); !errors.Is(err, ErrIndices) {
		t.Fatalf("index outside the set: %v", err)
	}
}
