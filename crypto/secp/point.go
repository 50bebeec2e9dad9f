package secp

import (
	"errors"
	"fmt"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
)

// PointSize is the length of an uncompressed point encoding (0x04 ‖ X ‖ Y).
const PointSize = 65

// CompressedSize is the length of a compressed point encoding.
const CompressedSize = 33

// ErrPointEncoding is wrapped by errors about malformed points: wrong length,
// wrong prefix, coordinates not below the field prime, not on the curve.
// The point at infinity has no encoding and is never accepted.
var ErrPointEncoding = errors.New("secp: bad point encoding")

// IsInfinity reports whether p is the point at infinity.
func IsInfinity(p *Point) bool {
	return (p.X.IsZero() && p.Y.IsZero()) || p.Z.IsZero()
}

// AppendPoint appends the 65-byte uncompressed encoding of the affine point p.
// p must be affine and not the point at infinity.
func AppendPoint(dst []byte, p *Point) []byte {
	dst = append(dst, 0x04)
	dst = append(dst, p.X.Bytes()[:]...)
	return append(dst, p.Y.Bytes()[:]...)
}

// DecodePoint parses a 65-byte uncompressed point and checks that it lies on
// the curve. The result is affine.
func DecodePoint(b []byte) (Point, error) {
	var p Point
	if len(b) != PointSize {
		return p, fmt.Errorf("%w: %d bytes, want %d", ErrPointEncoding, len(b), PointSize)
	}
	if b[0] != 0x04 {
		return p, fmt.Errorf("%w: prefix %#x, want 0x04", ErrPointEncoding, b[0])
	}
	if p.X.SetByteSlice(b[1:33]) || p.Y.SetByteSlice(b[33:65]) {
		return p, fmt.Errorf("%w: coordinate not below the field prime", ErrPointEncoding)
	}
	if !onCurve(&p.X, &p.Y) {
		return p, fmt.Errorf("%w: not on the curve", ErrPointEncoding)
	}
	p.Z.SetInt(1)
	return p, nil
}

func onCurve(x, y *secp256k1.FieldVal) bool {
	var lhs, rhs secp256k1.FieldVal
	lhs.SquareVal(y).Normalize()
	rhs.SquareVal(x).Mul(x).AddInt(7).Normalize()
	return lhs.Equals(&rhs)
}

// Compress returns the 33-byte compressed encoding of the affine point p.
func Compress(p *Point) [CompressedSize]byte {
	var out [CompressedSize]byte
	out[0] = 0x02
	if p.Y.IsOdd() {
		out[0] = 0x03
	}
	p.X.PutBytesUnchecked(out[1:])
	return out
}

// ParsePublicKey parses a public key in compressed (33 bytes) or uncompressed
// (65 bytes) form, as clients send them, and returns it as an affine point.
func ParsePublicKey(b []byte) (Point, error) {
	var p Point
	pk, err := secp256k1.ParsePubKey(b)
	if err != nil {
		return p, fmt.Errorf("%w: %v", ErrPointEncoding, err)
	}
	pk.AsJacobian(&p)
	return p, nil
}

// Uncompressed returns the 65-byte uncompressed encoding of the affine point p
// as a fixed array (the form PKP public keys take on chain).
func Uncompressed(p *Point) [PointSize]byte {
	var out [PointSize]byte
	AppendPoint(out[:0], p)
	return out
}

// ToAffine normalises p to affine coordinates (one field inversion).
// The point at infinity is left as it is.
func ToAffine(p *Point) {
	if IsInfinity(p) {
		return
	}
	p.ToAffine()
}

// BatchToAffine normalises every point to affine coordinates with a single
// field inversion (Montgomery's trick). Points at infinity are left as they are.
func BatchToAffine(ps []Point) {
	prefix := make([]secp256k1.FieldVal, len(ps))
	var acc secp256k1.FieldVal
	acc.SetInt(1)
	for i := range ps {
		prefix[i] = acc
		if IsInfinity(&ps[i]) {
			continue
		}
		acc.Mul(&ps[i].Z)
	}
	acc.Normalize().Inverse()
	for i := len(ps) - 1; i >= 0; i-- {
		p := &ps[i]
		if IsInfinity(p) {
			continue
		}
		var zInv, z2 secp256k1.FieldVal
		zInv.Mul2(&acc, &prefix[i]) // 1/Z_i
		acc.Mul(&p.Z)
		z2.SquareVal(&zInv)
		p.X.Mul(&z2).Normalize()
		p.Y.Mul(z2.Mul(&zInv)).Normalize()
		p.Z.SetInt(1)
	}
}

// Equal reports whether two points are the same group element.
func Equal(a, b *Point) bool {
	if IsInfinity(a) || IsInfinity(b) {
		return IsInfinity(a) && IsInfinity(b)
	}
	return a.EquivalentNonConst(b)
}

// Add sets out = a + b (either may alias out).
func Add(a, b, out *Point) { secp256k1.AddNonConst(a, b, out) }

// Negate sets out = −p.
func Negate(p, out *Point) {
	out.Set(p)
	out.Y.Normalize().Negate(1).Normalize()
}
