package timelock

import (
	"bytes"
	"crypto/sha256"
	"crypto/sha3"
	"encoding/binary"
	"testing"

	kbls "github.com/drand/kyber-bls12381"
)

// TestIndependentDecrypt opens a Flint ciphertext with kyber-bls12381's pairing
// (kilic/bls12-381, a separate implementation) and the standard library,
// following the format in the package doc step by step, so a mistake shared by
// Encrypt and Open would show. kyber writes Gt's twelve coefficients in the
// reverse of the format's order, so the test reverses them.
func TestIndependentDecrypt(t *testing.T) {
	nw := newNetwork(t, 4)
	id := Identity("cc", "dd")
	sig := nw.decryptionKey(t, id, nw.poly.Threshold())
	msg := bytes.Repeat([]byte("independent "), 20)
	ct, err := Encrypt(nil, nw.poly.PublicKey(), id, msg)
	if err != nil {
		t.Fatal(err)
	}

	suite := kbls.NewBLS12381Suite()
	u := suite.G1().Point()
	if err := u.UnmarshalBinary(ct[:48]); err != nil {
		t.Fatal(err)
	}
	s := suite.G2().Point()
	if err := s.UnmarshalBinary(sig.Bytes()); err != nil {
		t.Fatal(err)
	}
	gt, err := suite.Pair(u, s).MarshalBinary()
	if err != nil || len(gt) != 576 {
		t.Fatalf("kyber Gt: %d bytes, %v", len(gt), err)
	}
	ordered := make([]byte, 0, 576)
	for i := 11; i >= 0; i-- {
		ordered = append(ordered, gt[i*48:(i+1)*48]...)
	}
	mask := sha256.Sum256(ordered)
	var a [32]byte
	for i := range a {
		a[i] = ct[48+i] ^ mask[i]
	}
	n, k := binary.Uvarint(ct[80:])
	w := ct[80+k : 80+k+int(n)]
	ks := sha3.SumSHAKE128(a[:], len(w))
	p := make([]byte, len(w))
	for i := range p {
		p[i] = w[i] ^ ks[i]
	}
	mlen, k2 := binary.Uvarint(p)
	if got := p[k2 : k2+int(mlen)]; !bytes.Equal(got, msg) {
		t.Fatalf("kyber's decryption gives %q", got)
	}
	// And U = HashToScalar(A ‖ SHA256(M))·G1, computed with kyber's group.
	r, err := deriveR(a[:], msg)
	if err != nil {
		t.Fatal(err)
	}
	rb := r.Bytes()
	rs := suite.G1().Scalar()
	if err := rs.UnmarshalBinary(rb[:]); err != nil {
		t.Fatal(err)
	}
	if !suite.G1().Point().Mul(rs, nil).Equal(u) {
		t.Fatal("U is not r·G1 in kyber's group")
	}
}
