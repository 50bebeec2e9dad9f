package dkg

import (
	"encoding/binary"
	"errors"
	"fmt"

	kdkg "github.com/drand/kyber/share/dkg"

	"github.com/flint-network/flint/crypto/bls"
)

// Payload encoding. Every message is one signed packet, prefixed by its kind;
// integers are big-endian, variable parts length-prefixed. Indices inside kyber's
// packets are kyber's (Flint index − 1), since the signatures cover them.
//
//	deal:          1 ‖ dealer u32 ‖ count u16 ‖ {holder u32 ‖ len u16 ‖ ciphertext} ‖ count u16 ‖ {G1 48} ‖ session 32 ‖ len u16 ‖ sig
//	response:      2 ‖ holder u32 ‖ count u16 ‖ {dealer u32 ‖ status u8} ‖ session 32 ‖ len u16 ‖ sig
//	justification: 3 ‖ dealer u32 ‖ count u16 ‖ {holder u32 ‖ scalar 32} ‖ session 32 ‖ len u16 ‖ sig
//	confirm:       4 ‖ node u32 (Flint index) ‖ digest 32 ‖ len u16 ‖ sig
const (
	kindDeal byte = iota + 1
	kindResponse
	kindJustification
	kindConfirm
)

// ErrMessage is wrapped by errors about payloads that do not decode.
var ErrMessage = errors.New("dkg: malformed message")

const (
	maxItems       = 1024 // more deals, responses or justifications than any committee has
	maxBlob        = 1024 // an ECIES ciphertext of a scalar is about 100 bytes; a Schnorr signature 80
	sessionSize    = kdkg.NonceLength
	scalarSize     = 32
	confirmDigestN = 32
)

type confirm struct {
	node   uint32
	digest [confirmDigestN]byte
	sig    []byte
}

func (c *confirm) hash() []byte {
	h := make([]byte, 0, 1+4+confirmDigestN)
	h = append(h, kindConfirm)
	h = binary.BigEndian.AppendUint32(h, c.node)
	return append(h, c.digest[:]...)
}

type writer struct{ b []byte }

func (w *writer) u8(v byte)    { w.b = append(w.b, v) }
func (w *writer) u16(v int)    { w.b = binary.BigEndian.AppendUint16(w.b, uint16(v)) }
func (w *writer) u32(v uint32) { w.b = binary.BigEndian.AppendUint32(w.b, v) }
func (w *writer) raw(v []byte) { w.b = append(w.b, v...) }
func (w *writer) blob(v []byte) {
	w.u16(len(v))
	w.raw(v)
}

type reader struct {
	b   []byte
	err error
}

func (r *reader) take(n int) []byte {
	if r.err != nil {
		return nil
	}
	if n > len(r.b) {
		r.err = fmt.Errorf("%w: truncated", ErrMessage)
		return nil
	}
	v := r.b[:n:n]
	r.b = r.b[n:]
	return v
}

func (r *reader) u8() byte {
	if v := r.take(1); v != nil {
		return v[0]
	}
	return 0
}

func (r *reader) u16() int {
	if v := r.take(2); v != nil {
		return int(binary.BigEndian.Uint16(v))
	}
	return 0
}

func (r *reader) u32() uint32 {
	if v := r.take(4); v != nil {
		return binary.BigEndian.Uint32(v)
	}
	return 0
}

func (r *reader) count() int {
	n := r.u16()
	if n > maxItems && r.err == nil {
		r.err = fmt.Errorf("%w: %d items", ErrMessage, n)
	}
	return n
}

func (r *reader) blob() []byte {
	n := r.u16()
	if n > maxBlob && r.err == nil {
		r.err = fmt.Errorf("%w: %d-byte field", ErrMessage, n)
	}
	return r.take(n)
}

func (r *reader) done() error {
	if r.err == nil && len(r.b) != 0 {
		r.err = fmt.Errorf("%w: %d trailing bytes", ErrMessage, len(r.b))
	}
	return r.err
}

func encodeDeal(d *kdkg.DealBundle) []byte {
	w := &writer{}
	w.u8(kindDeal)
	w.u32(d.DealerIndex)
	w.u16(len(d.Deals))
	for _, x := range d.Deals {
		w.u32(x.ShareIndex)
		w.blob(x.EncryptedShare)
	}
	w.u16(len(d.Public))
	for _, p := range d.Public {
		b, _ := p.MarshalBinary()
		w.raw(b)
	}
	w.raw(d.SessionID)
	w.blob(d.Signature)
	return w.b
}

func encodeResponse(x *kdkg.ResponseBundle) []byte {
	w := &writer{}
	w.u8(kindResponse)
	w.u32(x.ShareIndex)
	w.u16(len(x.Responses))
	for _, r := range x.Responses {
		w.u32(r.DealerIndex)
		if r.Status {
			w.u8(1)
		} else {
			w.u8(0)
		}
	}
	w.raw(x.SessionID)
	w.blob(x.Signature)
	return w.b
}

func encodeJustification(x *kdkg.JustificationBundle) []byte {
	w := &writer{}
	w.u8(kindJustification)
	w.u32(x.DealerIndex)
	w.u16(len(x.Justifications))
	for _, j := range x.Justifications {
		w.u32(j.ShareIndex)
		b, _ := j.Share.MarshalBinary()
		w.raw(b)
	}
	w.raw(x.SessionID)
	w.blob(x.Signature)
	return w.b
}

func encodeConfirm(c *confirm) []byte {
	w := &writer{}
	w.raw(c.hash())
	w.blob(c.sig)
	return w.b
}

// decode parses a payload into one of *kdkg.DealBundle, *kdkg.ResponseBundle,
// *kdkg.JustificationBundle or *confirm. Points are checked for the subgroup and
// the identity, scalars for canonical form; signatures are checked by the party.
func decode(b []byte) (any, error) {
	r := &reader{b: b}
	switch kind := r.u8(); kind {
	case kindDeal:
		d := &kdkg.DealBundle{DealerIndex: r.u32()}
		n := r.count()
		for i := 0; i < n && r.err == nil; i++ {
			d.Deals = append(d.Deals, kdkg.Deal{ShareIndex: r.u32(), EncryptedShare: r.blob()})
		}
		n = r.count()
		for i := 0; i < n && r.err == nil; i++ {
			pb := r.take(bls.PublicKeySize)
			if r.err != nil {
				break
			}
			if _, err := bls.ParsePublicKey(pb); err != nil {
				return nil, fmt.Errorf("%w: commitment %d: %w", ErrMessage, i, err)
			}
			p := suite.Point()
			if err := p.UnmarshalBinary(pb); err != nil {
				return nil, fmt.Errorf("%w: commitment %d", ErrMessage, i)
			}
			d.Public = append(d.Public, p)
		}
		d.SessionID = r.take(sessionSize)
		d.Signature = r.blob()
		return d, r.done()
	case kindResponse:
		x := &kdkg.ResponseBundle{ShareIndex: r.u32()}
		n := r.count()
		for i := 0; i < n && r.err == nil; i++ {
			dealer, status := r.u32(), r.u8()
			if status > 1 && r.err == nil {
				return nil, fmt.Errorf("%w: status %d", ErrMessage, status)
			}
			x.Responses = append(x.Responses, kdkg.Response{DealerIndex: dealer, Status: status == 1})
		}
		x.SessionID = r.take(sessionSize)
		x.Signature = r.blob()
		return x, r.done()
	case kindJustification:
		x := &kdkg.JustificationBundle{DealerIndex: r.u32()}
		n := r.count()
		for i := 0; i < n && r.err == nil; i++ {
			holder, sb := r.u32(), r.take(scalarSize)
			if r.err != nil {
				break
			}
			s := suite.Scalar()
			if err := s.UnmarshalBinary(sb); err != nil {
				return nil, fmt.Errorf("%w: justification %d: %w", ErrMessage, i, bls.ErrInvalidScalar)
			}
			x.Justifications = append(x.Justifications, kdkg.Justification{ShareIndex: holder, Share: s})
		}
		x.SessionID = r.take(sessionSize)
		x.Signature = r.blob()
		return x, r.done()
	case kindConfirm:
		c := &confirm{node: r.u32()}
		copy(c.digest[:], r.take(confirmDigestN))
		c.sig = r.blob()
		return c, r.done()
	default:
		if r.err != nil {
			return nil, r.err
		}
		return nil, fmt.Errorf("%w: kind %d", ErrMessage, kind)
	}
}
