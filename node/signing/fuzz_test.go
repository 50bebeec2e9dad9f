package signing

import (
	"bytes"
	"testing"

	"github.com/flint-network/flint/crypto/tecdsa"
)

// FuzzDecodeFrame: whatever a peer sends, decoding neither panics nor
// accepts a frame that does not encode back to itself.
func FuzzDecodeFrame(f *testing.F) {
	p := presigsOf(2, 1)[0]
	r := requestLedBy(4, 2, "fuzz")
	b := &tecdsa.Binding{Presig: p, Owner: 2, RequestID: r.RequestID, Hash: r.Hash, PublicKey: r.Key, Signers: []uint32{1, 2, 3}}
	seed, err := EncodeFrame([]Message{
		{Epoch: 7, Kind: KindPropose, Binding: b},
		{Epoch: 7, Kind: KindEndorse, Presig: p, Digest: Digest(b)},
		{Epoch: 7, Kind: KindNotice, Notice: &Notice{RequestID: r.RequestID, Hash: r.Hash, Key: r.Key, Reason: "no presignatures"}},
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	f.Add([]byte{frameVersion, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, byte(KindEndorse)})
	f.Fuzz(func(t *testing.T, data []byte) {
		epoch, ins, err := DecodeFrame(3, data)
		if err != nil {
			return
		}
		var msgs []Message
		for _, in := range ins {
			switch in := in.(type) {
			case Proposal:
				msgs = append(msgs, Message{Epoch: epoch, Kind: KindPropose, Binding: in.Binding})
			case Endorsement:
				msgs = append(msgs, Message{Epoch: epoch, Kind: KindEndorse, Presig: in.Presig, Digest: in.Digest})
			case Notice:
				msgs = append(msgs, Message{Epoch: epoch, Kind: KindNotice, Notice: &in})
			}
		}
		again, err := EncodeFrame(msgs)
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("decoded frame does not encode back: %v", err)
		}
		// Any decoded input is safe to step into a machine.
		c := newCluster(t, 4)
		for _, in := range ins {
			c.nodes[1].m.Step(in)
		}
	})
}
