package secp

import (
	"crypto/sha256"
	"errors"
)

// ErrDSTTooLong is returned for a domain separation tag over 255 bytes.
var ErrDSTTooLong = errors.New("secp: domain separation tag longer than 255 bytes")

// ExpandMessageXMD is RFC 9380's expand_message_xmd with SHA-256: it stretches
// msg into n uniform bytes bound to the domain separation tag dst. n must be
// at most 8160 (255 SHA-256 blocks).
func ExpandMessageXMD(dst []byte, n int, msg ...[]byte) ([]byte, error) {
	const bSize, rSize = sha256.Size, sha256.BlockSize
	if len(dst) > 255 {
		return nil, ErrDSTTooLong
	}
	ell := (n + bSize - 1) / bSize
	if n <= 0 || ell > 255 {
		return nil, errors.New("secp: expand_message_xmd output length out of range")
	}
	dstPrime := append(append(make([]byte, 0, len(dst)+1), dst...), byte(len(dst)))

	h := sha256.New()
	var zPad [rSize]byte
	h.Write(zPad[:])
	for _, m := range msg {
		h.Write(m)
	}
	h.Write([]byte{byte(n >> 8), byte(n), 0})
	h.Write(dstPrime)
	b0 := h.Sum(nil)

	out := make([]byte, 0, ell*bSize)
	prev := make([]byte, bSize)
	for i := 1; i <= ell; i++ {
		h.Reset()
		if i == 1 {
			h.Write(b0)
		} else {
			x := make([]byte, bSize)
			for j := range x {
				x[j] = b0[j] ^ prev[j]
			}
			h.Write(x)
		}
		h.Write([]byte{byte(i)})
		h.Write(dstPrime)
		prev = h.Sum(prev[:0])
		out = append(out, prev...)
	}
	return out[:n], nil
}

// twoTo256ModN is 2^256 mod N, used to reduce 48-byte values.
var twoTo256ModN = func() Scalar {
	// 2^256 − N, which is below N.
	var s Scalar
	b := [32]byte{
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
		0x45, 0x51, 0x23, 0x19, 0x50, 0xb7, 0x5f, 0xc4,
		0x40, 0x2d, 0xa1, 0x73, 0x2f, 0xc9, 0xbe, 0xbf,
	}
	s.SetBytes(&b)
	return s
}()

// ReduceWide interprets 48 big-endian bytes as an integer and reduces it
// mod N. Forty-eight bytes (128 bits more than N) make the result's bias
// negligible, as RFC 9380 requires for hash_to_field.
func ReduceWide(b *[48]byte) Scalar {
	var hi, lo Scalar
	var hiBytes [32]byte
	copy(hiBytes[16:], b[:16])
	hi.SetBytes(&hiBytes)
	var loBytes [32]byte
	copy(loBytes[:], b[16:])
	lo.SetBytes(&loBytes) // reduces mod N
	hi.Mul(&twoTo256ModN)
	return *hi.Add(&lo)
}

// HashToScalar is RFC 9380 hash_to_field for one element of Z_N with
// expand_message_xmd(SHA-256) and L = 48: the concatenation of msg, expanded
// under dst, read big-endian and reduced mod N. The result may be zero with
// negligible probability; callers that need non-zero check.
func HashToScalar(dst []byte, msg ...[]byte) (Scalar, error) {
	u, err := ExpandMessageXMD(dst, 48, msg...)
	if err != nil {
		return Scalar{}, err
	}
	return ReduceWide((*[48]byte)(u)), nil
}
