package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/taurusgroup/multi-party-sig/pkg/ecdsa"
	"github.com/taurusgroup/multi-party-sig/pkg/math/curve"
	"github.com/taurusgroup/multi-party-sig/pkg/math/sample"
)

// cmpStyleSignature signs hash with a fresh key the way CMP's result looks:
// the nonce point R itself and s = k⁻¹(m + r·x), s not normalised.
func cmpStyleSignature(t *testing.T, hash [32]byte) (*ecdsa.Signature, []byte) {
	t.Helper()
	group := curve.Secp256k1{}
	x, X := sample.ScalarPointPair(rand.Reader, group)
	k, R := sample.ScalarPointPair(rand.Reader, group)
	m := curve.FromHash(group, hash[:])
	s := group.NewScalar().Set(R.XScalar()).Mul(x).Add(m).Mul(group.NewScalar().Set(k).Invert())
	sig := &ecdsa.Signature{R: R, S: s}
	if !sig.Verify(X, hash[:]) {
		t.Fatal("test signature does not verify under CMP's own check")
	}
	b, err := X.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	pk, err := secp256k1.ParsePubKey(b)
	if err != nil {
		t.Fatal(err)
	}
	return sig, pk.SerializeUncompressed()
}

func TestCMPSignatureConversion(t *testing.T) {
	hash := sha256.Sum256([]byte("conversion"))
	var high, low int
	for i := 0; i < 64 && (high == 0 || low == 0); i++ {
		sig, pub := cmpStyleSignature(t, hash)
		if sig.S.(*curve.Secp256k1Scalar).IsOverHalfOrder() {
			high++
		} else {
			low++
		}
		eth, err := cmpEthereumSignature(sig)
		if err != nil {
			t.Fatal(err)
		}
		if err := verifySignature(hash, eth, pub); err != nil {
			t.Fatalf("converted signature rejected: %v", err)
		}

		other := sha256.Sum256([]byte("another message"))
		if err := verifySignature(other, eth, pub); !errors.Is(err, errBadSignature) {
			t.Fatalf("signature accepted for another message: %v", err)
		}
		flipped := eth
		flipped[64] ^= 1
		if err := verifySignature(hash, flipped, pub); !errors.Is(err, errBadSignature) {
			t.Fatalf("wrong recovery id accepted: %v", err)
		}
		tampered := eth
		tampered[40] ^= 1
		if err := verifySignature(hash, tampered, pub); !errors.Is(err, errBadSignature) {
			t.Fatalf("tampered s accepted: %v", err)
		}
	}
	if high == 0 || low == 0 {
		t.Fatalf("did not exercise both halves of s: %d high, %d low", high, low)
	}
}

// TestBenchFlint runs Flint's half of the benchmark on a small batch: DKG,
// presign, combine and the independent check.
func TestBenchFlint(t *testing.T) {
	cfg := &config{flintBatch: 4, flintBatches: 1, onlineRuns: 3, onlineCalls: 2, timeout: time.Minute}
	r, err := benchFlint(context.Background(), cfg, 4, 1)
	if err != nil {
		t.Fatal(err)
	}
	if r.signers != 3 || r.presignCPU <= 0 || r.onlineShare <= 0 {
		t.Fatalf("unexpected result %+v", r)
	}
}

func TestParseFlags(t *testing.T) {
	cfg, err := parseFlags([]string{"-n", "4, 7", "-cmp-runs", "2", "-cmp-signers", "2t+1"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.sizes) != 2 || cfg.sizes[1] != 7 || cfg.cmpRuns != 2 || cmpSignerCount(cfg.cmpSigners, 7, 2) != 5 {
		t.Fatalf("parsed %+v", cfg)
	}
	for _, bad := range [][]string{
		{"-n", "1"}, {"-n", "4,x"}, {"-cmp-runs", "0"}, {"-cmp-signers", "all"}, {"-flint-batch", "2000"},
	} {
		if _, err := parseFlags(bad, io.Discard); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
}

func TestMedian(t *testing.T) {
	if m := median([]float64{3, 1, 2}); m != 2 {
		t.Fatalf("median of 3,1,2 = %v", m)
	}
	if m := median([]float64{4, 1, 3, 2}); m != 2.5 {
		t.Fatalf("median of 4,1,3,2 = %v", m)
	}
}

func TestRatio(t *testing.T) {
	for _, c := range []struct {
		a, b float64
		want string
	}{{6, 2, "3"}, {1, 2000, "0.0005 (1/2000)"}, {1, 0, "-"}} {
		if got := ratio(c.a, c.b); got != c.want {
			t.Errorf("ratio(%v, %v) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
}
