package tecdsa

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/flint-network/flint/crypto/secp"
)

// ErrEncoding is wrapped by every decoding error: wrong length, bad point or
// scalar, counts out of range, trailing bytes.
var ErrEncoding = errors.New("tecdsa: bad encoding")

// writer appends the compact encodings used by every message and record:
// big-endian integers, 32-byte scalars, 65-byte uncompressed points.
type writer struct{ b []byte }

func (w *writer) u8(v uint8)   { w.b = append(w.b, v) }
func (w *writer) u16(v uint16) { w.b = binary.BigEndian.AppendUint16(w.b, v) }
func (w *writer) raw(p []byte) { w.b = append(w.b, p...) }
func (w *writer) bytes(p []byte) {
	w.u16(uint16(len(p)))
	w.b = append(w.b, p...)
}
func (w *writer) scalar(s *secp.Scalar) {
	var b [32]byte
	s.PutBytes(&b)
	w.b = append(w.b, b[:]...)
}
func (w *writer) point(p *secp.Point) { w.b = secp.AppendPoint(w.b, p) }
func (w *writer) indices(ids []uint32) {
	w.u16(uint16(len(ids)))
	for _, id := range ids {
		w.u16(uint16(id))
	}
}

// reader decodes what writer wrote. The first error sticks; every later read
// returns zero values, so decoders check r.err once at the end.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s", ErrEncoding, fmt.Sprintf(format, args...))
	}
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n < 0 || len(r.b) < n {
		r.fail("truncated: need %d bytes, have %d", n, len(r.b))
		return nil
	}
	p := r.b[:n]
	r.b = r.b[n:]
	return p
}

func (r *reader) u8() uint8 {
	if p := r.take(1); p != nil {
		return p[0]
	}
	return 0
}

func (r *reader) u16() uint16 {
	if p := r.take(2); p != nil {
		return binary.BigEndian.Uint16(p)
	}
	return 0
}

func (r *reader) bytes(max int) []byte {
	n := int(r.u16())
	if n > max {
		r.fail("%d bytes, at most %d allowed", n, max)
		return nil
	}
	return r.take(n)
}

func (r *reader) scalar() secp.Scalar {
	p := r.take(secp.ScalarSize)
	if p == nil {
		return secp.Scalar{}
	}
	s, err := secp.DecodeScalar(p)
	if err != nil {
		r.fail("%v", err)
	}
	return s
}

func (r *reader) nonZeroScalar() secp.Scalar {
	s := r.scalar()
	if r.err == nil && s.IsZero() {
		r.fail("zero scalar")
	}
	return s
}

func (r *reader) point() secp.Point {
	p := r.take(secp.PointSize)
	if p == nil {
		return secp.Point{}
	}
	pt, err := secp.DecodePoint(p)
	if err != nil {
		r.fail("%v", err)
	}
	return pt
}

// count reads a uint16 count and checks it against a bound.
func (r *reader) count(max int) int {
	n := int(r.u16())
	if n > max {
		r.fail("count %d over the limit %d", n, max)
		return 0
	}
	return n
}

// indices reads a strictly increasing list of non-zero party indices.
func (r *reader) indices(max int) []uint32 {
	n := r.count(max)
	ids := make([]uint32, 0, n)
	for i := 0; i < n && r.err == nil; i++ {
		id := uint32(r.u16())
		if id == 0 || id > MaxParties {
			r.fail("party index %d out of range", id)
		}
		if len(ids) > 0 && id <= ids[len(ids)-1] {
			r.fail("party indices not strictly increasing")
		}
		ids = append(ids, id)
	}
	return ids
}

func (r *reader) done() error {
	if r.err == nil && len(r.b) != 0 {
		r.fail("%d trailing bytes", len(r.b))
	}
	return r.err
}
