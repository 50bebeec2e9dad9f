package bls_test

import (
	"bytes"
	"testing"

	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/bls/blstest"
)

// Each decoder either refuses its input or returns a value whose encoding reads
// back to the same value.

func FuzzParsePublicKey(f *testing.F) {
	v := loadVectors(f)
	f.Add(mustHex(f, v.PublicKey))
	f.Add(make([]byte, 48))
	f.Fuzz(func(t *testing.T, b []byte) {
		pk, err := bls.ParsePublicKey(b)
		if err != nil {
			return
		}
		if !bytes.Equal(pk.Bytes(), b) {
			t.Fatalf("re-encoding differs")
		}
	})
}

func FuzzParseSignature(f *testing.F) {
	v := loadVectors(f)
	for _, s := range parseShares(f, v.SharesOld) {
		f.Add(s.Value.Bytes())
	}
	f.Add(make([]byte, 96))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := bls.ParseSignature(b)
		if err != nil {
			return
		}
		if !bytes.Equal(s.Bytes(), b) {
			t.Fatalf("re-encoding differs")
		}
	})
}

func FuzzParseIndexedSignatureShare(f *testing.F) {
	for _, s := range parseShares(f, loadVectors(f).SharesOld) {
		b, _ := s.IndexedBytes()
		f.Add(b)
	}
	f.Add(make([]byte, bls.IndexedSize))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := bls.ParseIndexedSignatureShare(b)
		if err != nil {
			return
		}
		enc, err := s.IndexedBytes()
		if err != nil || !bytes.Equal(enc, b) {
			t.Fatalf("round trip: %v", err)
		}
	})
}

func FuzzParseIdentifier(f *testing.F) {
	id := bls.IndexIdentifier(7)
	f.Add(id[:])
	f.Fuzz(func(t *testing.T, b []byte) {
		id, err := bls.ParseIdentifier(b)
		if err != nil {
			return
		}
		if !bytes.Equal(id[:], b) {
			t.Fatal("identifier differs")
		}
	})
}

func FuzzParsePublicPoly(f *testing.F) {
	keys, err := blstest.Deal(4, 3)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(keys[0].PublicPoly().Bytes())
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := bls.ParsePublicPoly(b)
		if err != nil {
			return
		}
		if !bytes.Equal(p.Bytes(), b) {
			t.Fatal("re-encoding differs")
		}
	})
}

func FuzzUnmarshalKeyShare(f *testing.F) {
	keys, err := blstest.Deal(4, 3)
	if err != nil {
		f.Fatal(err)
	}
	for _, k := range keys[:2] {
		b, _ := k.MarshalBinary()
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := bls.UnmarshalKeyShare(b)
		if err != nil {
			return
		}
		enc, _ := k.MarshalBinary()
		if !bytes.Equal(enc, b) {
			t.Fatal("re-encoding differs")
		}
	})
}
