package session

import (
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
)

// Protocols the engine carries.
const (
	ProtocolECDSAKeygen uint8 = iota + 1
	ProtocolBLSKeygen
	ProtocolPresign
	ProtocolBLSReshare
	// ProtocolECDSAReshare: the 10 root keys' resharing at an epoch change
	// (tecdsa.Reshare); its parties are the old and the new committee.
	ProtocolECDSAReshare
)

// Limits on what a header may claim.
const (
	MaxParties   = 255
	MaxSessionID = 64
	MaxExtra     = 16 << 10
)

// Header describes a session: enough for any member to create its party.
type Header struct {
	Protocol uint8
	ID       []byte
	Epoch    uint64
	Leader   uint32
	Parties  []uint32 // strictly increasing
	Count    uint16   // protocol-specific (the presignature batch size)
	// Extra carries protocol parameters every member must agree on; at most
	// MaxExtra bytes. Never keys: a member takes those from the registry,
	// not from the leader.
	Extra []byte
}

// String names the session in logs.
func (h *Header) String() string {
	return fmt.Sprintf("%d/%s", h.Protocol, hex.EncodeToString(h.ID))
}

// Equal reports whether two headers describe the same session.
func (h *Header) Equal(o *Header) bool {
	return h.Protocol == o.Protocol && string(h.ID) == string(o.ID) && h.Epoch == o.Epoch &&
		h.Leader == o.Leader && slices.Equal(h.Parties, o.Parties) && h.Count == o.Count &&
		string(h.Extra) == string(o.Extra)
}

type envelope struct {
	header  *Header
	to      uint32
	payload []byte
}

const envelopeVersion = 1

func encodeEnvelope(h *Header, to uint32, payload []byte) []byte {
	b := make([]byte, 0, 16+len(h.ID)+2*len(h.Parties)+len(payload))
	b = append(b, envelopeVersion, h.Protocol, byte(len(h.ID)))
	b = append(b, h.ID...)
	b = binary.BigEndian.AppendUint64(b, h.Epoch)
	b = binary.BigEndian.AppendUint16(b, uint16(h.Leader))
	b = binary.BigEndian.AppendUint16(b, uint16(len(h.Parties)))
	for _, id := range h.Parties {
		b = binary.BigEndian.AppendUint16(b, uint16(id))
	}
	b = binary.BigEndian.AppendUint16(b, h.Count)
	b = binary.BigEndian.AppendUint16(b, uint16(len(h.Extra)))
	b = append(b, h.Extra...)
	b = binary.BigEndian.AppendUint16(b, uint16(to))
	return append(b, payload...)
}

var errEnvelope = errors.New("bad session envelope")

func decodeEnvelope(b []byte) (*envelope, error) {
	fail := func(what string) (*envelope, error) { return nil, fmt.Errorf("%w: %s", errEnvelope, what) }
	if len(b) < 3 || b[0] != envelopeVersion {
		return fail("version")
	}
	h := &Header{Protocol: b[1]}
	if h.Protocol < ProtocolECDSAKeygen || h.Protocol > ProtocolECDSAReshare {
		return fail("protocol")
	}
	n := int(b[2])
	b = b[3:]
	if n == 0 || n > MaxSessionID || len(b) < n+8+2+2 {
		return fail("session id")
	}
	h.ID = slices.Clone(b[:n])
	b = b[n:]
	h.Epoch = binary.BigEndian.Uint64(b)
	h.Leader = uint32(binary.BigEndian.Uint16(b[8:]))
	np := int(binary.BigEndian.Uint16(b[10:]))
	b = b[12:]
	if np == 0 || np > MaxParties || len(b) < 2*np+4 {
		return fail("parties")
	}
	for i := 0; i < np; i++ {
		id := uint32(binary.BigEndian.Uint16(b[2*i:]))
		if id == 0 || id > MaxParties || (i > 0 && id <= h.Parties[i-1]) {
			return fail("party indices")
		}
		h.Parties = append(h.Parties, id)
	}
	b = b[2*np:]
	h.Count = binary.BigEndian.Uint16(b)
	ne := int(binary.BigEndian.Uint16(b[2:]))
	b = b[4:]
	if ne > MaxExtra || len(b) < ne+2 {
		return fail("extra")
	}
	if ne > 0 {
		h.Extra = slices.Clone(b[:ne])
	}
	b = b[ne:]
	to := uint32(binary.BigEndian.Uint16(b))
	if !slices.Contains(h.Parties, h.Leader) {
		return fail("leader not a party")
	}
	if to != 0 && !slices.Contains(h.Parties, to) {
		return fail("recipient not a party")
	}
	return &envelope{header: h, to: to, payload: slices.Clone(b[2:])}, nil
}
