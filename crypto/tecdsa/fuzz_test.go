package tecdsa

import (
	"bytes"
	"crypto/sha256"
	"slices"
	"testing"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/secp"
)

// messagesTo1 runs an honest committee through run and returns every message
// delivered to party 1, prefixed with its sender.
func messagesTo1(t testing.TB, run func(func(mpc.Message, uint32) *mpc.Message) error) [][]byte {
	var out [][]byte
	if err := run(func(m mpc.Message, to uint32) *mpc.Message {
		if to == 1 {
			out = append(out, append([]byte{byte(m.From)}, m.Payload...))
		}
		return &m
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// FuzzDKGHandle feeds arbitrary messages to a DKG party: never a panic, and
// an error must be a protocol error, not a crash.
func FuzzDKGHandle(f *testing.F) {
	_, net := newDKGs(f, 4, 2)
	for _, m := range messagesTo1(f, func(tamper func(mpc.Message, uint32) *mpc.Message) error {
		net.Tamper = tamper
		return net.Run()
	}) {
		f.Add(m)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		g, err := NewDKG(Params{Self: 1, Parties: committee(4), T: 1, Leader: 2, Session: []byte("dkg-test")})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := g.Start(); err != nil {
			t.Fatal(err)
		}
		g.Handle(mpc.Message{From: uint32(data[0]), Payload: data[1:]})
		g.Expire()
		g.Expire()
	})
}

// FuzzPresignHandle does the same for a presignature party.
func FuzzPresignHandle(f *testing.F) {
	fx := newFixture(f, 4)
	_, net := fx.presigners(f, committee(4), 2, 2)
	for _, m := range messagesTo1(f, func(tamper func(mpc.Message, uint32) *mpc.Message) error {
		net.Tamper = tamper
		return net.Run()
	}) {
		f.Add(m)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		p, err := NewPresign(Params{Self: 1, Parties: committee(4), T: 1, Leader: 2, Session: make([]byte, 16)}, fx.keys[1], 2)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Start(); err != nil {
			t.Fatal(err)
		}
		p.Handle(mpc.Message{From: uint32(data[0]), Payload: data[1:]})
		p.Expire()
		p.Expire()
	})
}

func FuzzUnmarshalKeyShare(f *testing.F) {
	fx := newFixture(f, 4)
	b, _ := fx.keys[2].MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		k, err := UnmarshalKeyShare(data)
		if err != nil {
			return
		}
		again, err := k.MarshalBinary()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted key share does not round-trip: %v", err)
		}
	})
}

func FuzzUnmarshalPresignature(f *testing.F) {
	fx := newFixture(f, 4)
	b, _ := fx.presign(f, 1)[3][0].MarshalBinary()
	f.Add(b)
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := UnmarshalPresignature(data)
		if err != nil {
			return
		}
		again, err := p.MarshalBinary()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted presignature does not round-trip: %v", err)
		}
	})
}

func FuzzUnmarshalBinding(f *testing.F) {
	k := secp.ScalarFromUint(5)
	x := secp.BaseMult(&k)
	b := &Binding{Owner: 3, RequestID: []byte("lit_1"), Hash: sha256.Sum256(nil), PublicKey: secp.Compress(&x), Signers: []uint32{1, 2, 3}}
	enc, _ := b.MarshalBinary()
	f.Add(enc)
	f.Add(slices.Clone(enc[:10]))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := UnmarshalBinding(data)
		if err != nil {
			return
		}
		again, err := b.MarshalBinary()
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("accepted binding does not round-trip: %v", err)
		}
	})
}

// FuzzReshareHandle feeds arbitrary messages to resharing parties — an old
// node that stays and a node that joins — seeded with every message of an
// honest run: never a panic, and a rejected message leaves no trace in the
// outcome.
func FuzzReshareHandle(f *testing.F) {
	fx := newFixture(f, 4)
	run := newReshareRun(f, fx, committee(5), 2)
	var seeds [][]byte
	run.net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if to == 1 || to == 5 {
			seeds = append(seeds, append([]byte{byte(m.From), byte(to)}, m.Payload...))
		}
		return &m
	}
	if err := run.net.Run(); err != nil {
		f.Fatal(err)
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 2 {
			return
		}
		self := uint32(1)
		if data[1]&1 == 1 {
			self = 5
		}
		r, err := NewReshare(run.config(self, 2))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.Start(); err != nil {
			t.Fatal(err)
		}
		to := self
		if data[1]&2 == 2 {
			to = mpc.Broadcast
		}
		r.Handle(mpc.Message{From: uint32(data[0]), To: to, Payload: data[2:]})
		for range patience + 1 {
			r.Expire()
		}
		if res, err := r.Result(); err == nil {
			t.Fatalf("a lone party finished with %v", res.Qualified)
		}
	})
}
