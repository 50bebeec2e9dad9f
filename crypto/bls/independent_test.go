package bls_test

import (
	"errors"
	"testing"

	"github.com/drand/kyber"
	kbls "github.com/drand/kyber-bls12381"

	"github.com/flint-network/flint/crypto/bls"
)

// TestIndependentVerifier checks Flint's combined signatures, and the Lit
// vector's, with kyber-bls12381 (kilic/bls12-381 underneath, a separate
// implementation of the curve, the pairing and RFC 9380 hashing).
func TestIndependentVerifier(t *testing.T) {
	suite := kbls.NewBLS12381SuiteWithDST(nil, []byte(bls.DST))
	// e(pk, H(msg)) = e(G1, sig), every step in kyber.
	verify := func(pk bls.PublicKey, msg []byte, sig bls.Signature) error {
		p, s := suite.G1().Point(), suite.G2().Point()
		if err := p.UnmarshalBinary(pk.Bytes()); err != nil {
			t.Fatal(err)
		}
		if err := s.UnmarshalBinary(sig.Bytes()); err != nil {
			t.Fatal(err)
		}
		h := suite.G2().Point().(kyber.HashablePoint).Hash(msg)
		if !suite.ValidatePairing(p, h, suite.G1().Point().Base(), s) {
			return errors.New("pairing check failed")
		}
		return nil
	}

	keys := deal(t, 7)
	poly := keys[0].PublicPoly()
	msg := []byte("checked elsewhere")
	sig, err := poly.Combine(msg, signAll(t, keys, msg)[2:])
	if err != nil {
		t.Fatal(err)
	}
	if err := verify(poly.PublicKey(), msg, sig); err != nil {
		t.Fatalf("kyber rejects Flint's signature: %v", err)
	}
	if verify(poly.PublicKey(), []byte("another message"), sig) == nil {
		t.Fatal("kyber accepts the signature on another message")
	}
	share, _ := keys[0].Sign(msg)
	pk1, _ := poly.Share(share.ID)
	if err := verify(pk1, msg, share.Value); err != nil {
		t.Fatalf("kyber rejects a share under its public key share: %v", err)
	}

	v := loadVectors(t)
	pk, err := bls.ParsePublicKeyHex(v.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	lit, err := bls.Interpolate(parseShares(t, v.SharesOld))
	if err != nil {
		t.Fatal(err)
	}
	if err := verify(pk, []byte(v.Identity), lit); err != nil {
		t.Fatalf("kyber rejects the Lit vector: %v", err)
	}
}
