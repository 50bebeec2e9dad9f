package signing

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/flint-network/flint/crypto/tecdsa"
)

// A frame carries every message one node has for one peer at the moment it
// sends: proposals, endorsements and notices of many requests travel
// together, so the extra round of endorsements costs one frame per peer,
// not one per request.
//
// A frame names the epoch of the signing machine its messages are for: around
// an epoch change a node runs the machines of two epochs, and a request
// stays in the machine its leader bound it in (see node.signer).
//
//	frame   = version(1) ‖ epoch(u64) ‖ count(u16) ‖ message*
//	message = KindPropose ‖ len(u16) ‖ binding
//	        | KindEndorse ‖ presignature id(50) ‖ digest(32)
//	        | KindNotice  ‖ len(u8) ‖ request id ‖ hash(32) ‖ key(33) ‖ len(u8) ‖ reason
const frameVersion = 2

// frameHeader is the size of version, epoch and count.
const frameHeader = 1 + 8 + 2

// Limits of a frame.
const (
	// MaxFrameMessages bounds the messages of one frame.
	MaxFrameMessages = 8192
	// maxReason bounds a notice's reason.
	maxReason = 200
)

// ErrFrame is wrapped by every error decoding a frame.
var ErrFrame = errors.New("signing: bad frame")

// EncodeFrame encodes messages (their To is not encoded) for one peer; they
// must all be of one epoch.
func EncodeFrame(msgs []Message) ([]byte, error) {
	if len(msgs) == 0 || len(msgs) > MaxFrameMessages {
		return nil, fmt.Errorf("%w: %d messages", ErrFrame, len(msgs))
	}
	epoch := msgs[0].Epoch
	b := make([]byte, 0, frameHeader+len(msgs)*90)
	b = append(b, frameVersion)
	b = binary.BigEndian.AppendUint64(b, epoch)
	b = binary.BigEndian.AppendUint16(b, uint16(len(msgs)))
	for i := range msgs {
		m := &msgs[i]
		if m.Epoch != epoch {
			return nil, fmt.Errorf("%w: messages of epochs %d and %d in one frame", ErrFrame, epoch, m.Epoch)
		}
		b = append(b, byte(m.Kind))
		switch m.Kind {
		case KindPropose:
			enc, err := m.Binding.MarshalBinary()
			if err != nil {
				return nil, err
			}
			b = binary.BigEndian.AppendUint16(b, uint16(len(enc)))
			b = append(b, enc...)
		case KindEndorse:
			b = append(b, m.Presig.Bytes()...)
			b = append(b, m.Digest[:]...)
		case KindNotice:
			nt := m.Notice
			reason := nt.Reason
			if len(reason) > maxReason {
				reason = reason[:maxReason]
			}
			b = append(b, byte(len(nt.RequestID)))
			b = append(b, nt.RequestID...)
			b = append(b, nt.Hash[:]...)
			b = append(b, nt.Key[:]...)
			b = append(b, byte(len(reason)))
			b = append(b, reason...)
		default:
			return nil, fmt.Errorf("%w: message kind %d", ErrFrame, m.Kind)
		}
	}
	return b, nil
}

// DecodeFrame decodes a frame from peer from into the epoch it names and
// Machine inputs (Proposal, Endorsement, Notice). A frame that fails
// anywhere is refused whole.
func DecodeFrame(from uint32, b []byte) (uint64, []any, error) {
	fail := func(format string, args ...any) (uint64, []any, error) {
		return 0, nil, fmt.Errorf("%w: %s", ErrFrame, fmt.Sprintf(format, args...))
	}
	if len(b) < frameHeader || b[0] != frameVersion {
		return fail("header")
	}
	epoch := binary.BigEndian.Uint64(b[1:9])
	n := int(binary.BigEndian.Uint16(b[9:11]))
	if n == 0 || n > MaxFrameMessages {
		return fail("%d messages", n)
	}
	b = b[frameHeader:]
	out := make([]any, 0, n)
	for i := 0; i < n; i++ {
		if len(b) < 1 {
			return fail("truncated at message %d", i)
		}
		kind := MessageKind(b[0])
		b = b[1:]
		switch kind {
		case KindPropose:
			if len(b) < 2 {
				return fail("truncated proposal")
			}
			l := int(binary.BigEndian.Uint16(b))
			if len(b) < 2+l {
				return fail("truncated proposal")
			}
			bd, err := tecdsa.UnmarshalBinding(b[2 : 2+l])
			if err != nil {
				return fail("proposal: %v", err)
			}
			out = append(out, Proposal{From: from, Binding: bd})
			b = b[2+l:]
		case KindEndorse:
			if len(b) < tecdsa.PresigIDSize+32 {
				return fail("truncated endorsement")
			}
			id, err := tecdsa.ParsePresigID(b[:tecdsa.PresigIDSize])
			if err != nil {
				return fail("endorsement: %v", err)
			}
			e := Endorsement{From: from, Presig: id}
			copy(e.Digest[:], b[tecdsa.PresigIDSize:])
			out = append(out, e)
			b = b[tecdsa.PresigIDSize+32:]
		case KindNotice:
			if len(b) < 1 {
				return fail("truncated notice")
			}
			l := int(b[0])
			if l == 0 || l > tecdsa.MaxRequestID || len(b) < 1+l+32+33+1 {
				return fail("notice")
			}
			nt := Notice{From: from, RequestID: append([]byte(nil), b[1:1+l]...)}
			b = b[1+l:]
			copy(nt.Hash[:], b)
			copy(nt.Key[:], b[32:])
			rl := int(b[65])
			b = b[66:]
			if rl > maxReason || len(b) < rl {
				return fail("notice reason")
			}
			nt.Reason = string(b[:rl])
			b = b[rl:]
			out = append(out, nt)
		default:
			return fail("message kind %d", kind)
		}
	}
	if len(b) != 0 {
		return fail("%d trailing bytes", len(b))
	}
	return epoch, out, nil
}
