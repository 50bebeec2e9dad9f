package session

import (
	"sync"
	"testing"
	"time"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
)

// The root keys' resharing (tecdsa.Reshare) runs under this engine as it is:
// nodes 1–4 hold the keys, node 5 joins and leads. The session starts at one
// old node; its deals reach every member, whose factories create their
// parties (the old ones deal in turn). The node does not run resharing yet,
// so no protocol number is assigned to it: this test carries it under the
// keygen number, which only its own factory reads.
func TestECDSAReshareOverEngines(t *testing.T) {
	keys := map[uint32]*tecdsa.KeyShare{}
	for id, p := range runDKG(t, 4) {
		keys[id], _ = p.(*tecdsa.DKG).Result()
	}
	old, next := parties(4), parties(5)
	var mu sync.Mutex
	// By the party the engine ran: a factory may run twice for one session
	// when two first messages race, and the engine keeps one party.
	reshares := map[mpc.Party]*tecdsa.Reshare{}
	stored := map[uint32]*tecdsa.KeyShare{}
	factory := func(self uint32) Factory {
		return func(h *Header, from uint32) (mpc.Party, error) {
			r, err := tecdsa.NewReshare(tecdsa.ReshareConfig{
				Self: self, Old: old, OldT: 1, OldCommitments: keys[1].Commitments,
				New: next, NewT: 1, Leader: h.Leader, Session: h.ID, Share: keys[self],
			})
			if err != nil {
				return nil, err
			}
			p := r.Party(func(ks *tecdsa.KeyShare) error {
				mu.Lock()
				defer mu.Unlock()
				stored[self] = ks
				return nil
			})
			mu.Lock()
			reshares[p] = r
			mu.Unlock()
			return p, nil
		}
	}
	res := &result{done: map[uint32]mpc.Party{}}
	net := newNet(t, 5, factory, res)
	res.wg.Add(5)
	h := &Header{Protocol: ProtocolECDSAKeygen, ID: []byte("epoch-2-reshare"), Epoch: 2, Leader: 5, Parties: next}
	p, err := factory(1)(h, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := net.engines[1].Start(h, p); err != nil {
		t.Fatal(err)
	}
	waitTimeout(t, &res.wg, 20*time.Second)
	mu.Lock()
	defer mu.Unlock()
	var digest [32]byte
	for id := uint32(1); id <= 5; id++ {
		out, err := reshares[res.done[id]].Result()
		if err != nil {
			t.Fatalf("node %d: %v", id, err)
		}
		if id == 1 {
			digest = out.Digest
		} else if out.Digest != digest {
			t.Fatalf("node %d finished with another outcome", id)
		}
		if stored[id] != out.Share {
			t.Fatalf("node %d finished with a share it did not store", id)
		}
		for j, pk := range out.Share.PublicKeys() {
			was := keys[1].PublicKeys()[j]
			if !secp.Equal(&pk, &was) {
				t.Fatalf("node %d: root key %d changed", id, j)
			}
		}
	}
}
