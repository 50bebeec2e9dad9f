package bls_test

import (
	"fmt"
	"testing"

	"github.com/flint-network/flint/crypto/bls/blstest"

	"github.com/flint-network/flint/crypto/bls"
)

func BenchmarkSign(b *testing.B) {
	keys := deal(b, 4)
	msg := []byte("lit-accesscontrolcondition://aa/bb")
	defer blstest.ReportCPU(b)()
	for b.Loop() {
		if _, err := keys[0].Sign(msg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCombineVerify: hash, interpolate q parsed shares, verify once (the
// client's optimistic path), for q = 3, 5, 7 (n = 4, 7, 10).
func BenchmarkCombineVerify(b *testing.B) {
	for _, n := range []int{4, 7, 10} {
		keys := deal(b, n)
		poly := keys[0].PublicPoly()
		msg := []byte("lit-accesscontrolcondition://aa/bb")
		shares := signAll(b, keys, msg)[:poly.Threshold()]
		b.Run(fmt.Sprintf("q=%d", poly.Threshold()), func(b *testing.B) {
			defer blstest.ReportCPU(b)()
			for b.Loop() {
				if _, err := poly.Combine(msg, shares); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkParseShare: decoding one share as it arrives from a node
// (decompression, subgroup check; the JSON and hex around it are wire's).
func BenchmarkParseShare(b *testing.B) {
	keys := deal(b, 4)
	s, _ := keys[0].Sign([]byte("m"))
	raw, _ := s.IndexedBytes()
	defer blstest.ReportCPU(b)()
	for b.Loop() {
		if _, err := bls.ParseIndexedSignatureShare(raw); err != nil {
			b.Fatal(err)
		}
	}
}
