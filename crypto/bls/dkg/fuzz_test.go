package dkg

import (
	"bytes"
	"testing"

	kdkg "github.com/drand/kyber/share/dkg"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/mpc/mpctest"
)

// FuzzDecode: decode refuses its input or returns a packet that encodes back to
// the same bytes; a party handed the bytes never panics.
func FuzzDecode(f *testing.F) {
	c := newCommittee(f, seq(1, 4)...)
	ps := freshParties(f, c, session(f))
	net := mpctest.NewNetwork(ps)
	var seen [][]byte
	net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if len(seen) < 64 {
			seen = append(seen, m.Payload)
		}
		return &m
	}
	if err := net.Run(); err != nil {
		f.Fatal(err)
	}
	for _, s := range seen {
		f.Add(s)
	}
	party, err := New(Config{Self: 1, Identity: c.ids[1], Nodes: c.parts, Session: session(f)})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		v, err := decode(b)
		if err == nil {
			var enc []byte
			switch x := v.(type) {
			case *kdkg.DealBundle:
				enc = encodeDeal(x)
			case *kdkg.ResponseBundle:
				enc = encodeResponse(x)
			case *kdkg.JustificationBundle:
				enc = encodeJustification(x)
			case *confirm:
				enc = encodeConfirm(x)
			}
			if !bytes.Equal(enc, b) {
				t.Fatalf("re-encoding differs")
			}
		}
		_, _ = party.Handle(mpc.Message{From: 2, Payload: b})
	})
}

func FuzzUnmarshalIdentity(f *testing.F) {
	id, err := NewIdentity()
	if err != nil {
		f.Fatal(err)
	}
	b, _ := id.MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		id, err := UnmarshalIdentity(b)
		if err != nil {
			return
		}
		enc, _ := id.MarshalBinary()
		if !bytes.Equal(enc, b) {
			t.Fatal("re-encoding differs")
		}
	})
}
