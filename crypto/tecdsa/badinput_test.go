package tecdsa

import (
	"bytes"
	"errors"
	"slices"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/secp"
)

// capture runs an honest DKG of n=4 and returns one message of each kind
// that party 2 (or the leader, for decisions) sent to party 1.
func capture(t *testing.T) map[uint8]mpc.Message {
	t.Helper()
	_, net := newDKGs(t, 4, 2)
	seen := map[uint8]mpc.Message{}
	net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.From == 2 && to == 1 {
			if _, ok := seen[m.Payload[0]]; !ok {
				seen[m.Payload[0]] = mpc.Message{From: m.From, To: m.To, Payload: slices.Clone(m.Payload)}
			}
		}
		return &m
	}
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	return seen
}

// Hostile messages are refused with an error, never a panic, and leave the
// party able to finish the honest run.
func TestBadInputRejectedAndHarmless(t *testing.T) {
	good := capture(t)
	deal := good[kindDeal].Payload
	pointAt := func(i int) int { return 1 + i*secp.PointSize } // i-th commitment
	shareAt := func(d *dealing, i int) int { return 1 + d.commitLen()*secp.PointSize + i*32 }
	edit := func(b []byte, f func([]byte)) []byte { c := slices.Clone(b); f(c); return c }

	probe, _ := NewDKG(Params{Self: 1, Parties: committee(4), T: 1, Leader: 2, Session: []byte("x")})
	var nBytes [32]byte
	secp256k1.S256().N.FillBytes(nBytes[:])

	cases := []struct {
		name string
		msg  mpc.Message
	}{
		{"empty", mpc.Message{From: 2, Payload: nil}},
		{"unknown kind", mpc.Message{From: 2, Payload: []byte{99, 1, 2}}},
		{"presign kind to a DKG", mpc.Message{From: 2, Payload: []byte{kindOpen, 1}}},
		{"non-member sender", mpc.Message{From: 9, Payload: deal}},
		{"zero sender", mpc.Message{From: 0, Payload: deal}},
		{"from self", mpc.Message{From: 1, Payload: deal}},
		{"addressed to another", mpc.Message{From: 2, To: 3, Payload: deal}},
		{"deal too short", mpc.Message{From: 2, Payload: deal[:len(deal)-1]}},
		{"deal too long", mpc.Message{From: 2, Payload: append(slices.Clone(deal), 0)}},
		{"deal point off curve", mpc.Message{From: 2, Payload: edit(deal, func(b []byte) { b[pointAt(0)+64] ^= 1 })}},
		{"deal point at infinity", mpc.Message{From: 2, Payload: edit(deal, func(b []byte) {
			copy(b[pointAt(1):pointAt(2)], append([]byte{4}, make([]byte, 64)...))
		})}},
		{"deal compressed point", mpc.Message{From: 2, Payload: edit(deal, func(b []byte) { b[pointAt(0)] = 2 })}},
		{"deal scalar not below N", mpc.Message{From: 2, Payload: edit(deal, func(b []byte) {
			copy(b[shareAt(probe.d, 0):], nBytes[:])
		})}},
		{"verdict bad status", mpc.Message{From: 2, Payload: []byte{kindVerdict, 7, 7, 7, 7}}},
		{"verdict truncated", mpc.Message{From: 2, Payload: []byte{kindVerdict, verdictOK, 1, 2}}},
		{"verdict accusing own deal", mpc.Message{From: 2, Payload: []byte{kindVerdict, verdictOK}}},
		{"justification for self", mpc.Message{From: 2, Payload: append([]byte{kindJustification, 0, 2}, deal[1:]...)}},
		{"justification for party 0", mpc.Message{From: 2, Payload: append([]byte{kindJustification, 0, 0}, deal[1:]...)}},
		{"justification truncated", mpc.Message{From: 2, Payload: []byte{kindJustification, 0, 3, 1}}},
		{"decision from non-leader", mpc.Message{From: 3, Payload: good[kindDecision].Payload}},
		{"confirmation too short", mpc.Message{From: 2, Payload: []byte{kindConfirm, 1, 2}}},
	}
	// Decisions with bad index lists (the leader is 2).
	for _, bad := range [][]uint16{{0, 1, 2}, {1, 1, 2}, {3, 2, 1}, {1, 2, 300}} {
		w := writer{}
		w.u8(kindDecision)
		w.u16(uint16(len(bad)))
		for _, id := range bad {
			w.u16(id)
		}
		cases = append(cases, struct {
			name string
			msg  mpc.Message
		}{"decision with indices", mpc.Message{From: 2, Payload: w.b}})
	}

	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dkgs, net := newDKGs(t, 4, 2)
			injected := false
			net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
				if to == 1 && !injected {
					injected = true
					// The decision case needs the party past its verdict;
					// every other case is fine at any time.
					if _, err := dkgs[1].Handle(tc.msg); err == nil {
						t.Errorf("%s accepted", tc.name)
					} else if errors.Is(err, ErrDroppedOut) {
						t.Errorf("%s made the party drop out", tc.name)
					}
				}
				return &m
			}
			if err := net.Run(); err != nil {
				t.Fatal(err)
			}
			if _, err := dkgs[1].Result(); err != nil {
				t.Fatalf("after %s the party failed: %v", tc.name, err)
			}
			checkKeys(t, dkgs, 4)
		})
	}
}

// A second, different deal from the same dealer is an equivocation; the
// same deal again is a harmless retransmission.
func TestDuplicateDeals(t *testing.T) {
	good := capture(t)
	g, _ := NewDKG(Params{Self: 1, Parties: committee(4), T: 1, Leader: 2, Session: []byte("dkg-test")})
	if _, err := g.Start(); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Handle(good[kindDeal]); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Handle(good[kindDeal]); err != nil {
		t.Fatalf("retransmission refused: %v", err)
	}
	other := good[kindDeal]
	other.Payload = bytes.Clone(other.Payload)
	other.Payload[len(other.Payload)-1] ^= 1
	if _, err := g.Handle(other); err == nil {
		t.Fatal("a second, different deal accepted")
	} else if p, ok := mpc.Culprit(err); !ok || p != 2 {
		t.Fatalf("error %v does not name party 2", err)
	}
}

func TestParamsValidation(t *testing.T) {
	bad := []Params{
		{Self: 1, Parties: nil, T: 0, Leader: 1, Session: []byte("s")},
		{Self: 1, Parties: []uint32{1, 2, 3}, T: 2, Leader: 1, Session: []byte("s")},
		{Self: 4, Parties: []uint32{1, 2, 3}, T: 1, Leader: 1, Session: []byte("s")},
		{Self: 1, Parties: []uint32{1, 2, 3}, T: 1, Leader: 5, Session: []byte("s")},
		{Self: 1, Parties: []uint32{1, 1, 3}, T: 1, Leader: 1, Session: []byte("s")},
		{Self: 1, Parties: []uint32{0, 1, 3}, T: 1, Leader: 1, Session: []byte("s")},
		{Self: 1, Parties: []uint32{1, 2, 3}, T: 1, Leader: 1, Session: nil},
		{Self: 1, Parties: []uint32{1, 2, 3}, T: 1, Leader: 1, Session: make([]byte, 65)},
	}
	for i, p := range bad {
		if _, err := NewDKG(p); !errors.Is(err, ErrParams) {
			t.Errorf("case %d: %v", i, err)
		}
	}
	f := newFixture(t, 4)
	if _, err := NewPresign(Params{Self: 1, Parties: committee(4), T: 1, Leader: 1, Session: []byte("short")}, f.keys[1], 1); !errors.Is(err, ErrParams) {
		t.Errorf("short batch id: %v", err)
	}
	if _, err := NewPresign(Params{Self: 1, Parties: committee(4), T: 1, Leader: 1, Session: batchID()}, f.keys[1], MaxBatch+1); !errors.Is(err, ErrParams) {
		t.Errorf("oversized batch: %v", err)
	}
	if _, err := NewPresign(Params{Self: 2, Parties: committee(4), T: 1, Leader: 1, Session: batchID()}, f.keys[1], 1); !errors.Is(err, ErrParams) {
		t.Errorf("someone else's key share: %v", err)
	}
}
