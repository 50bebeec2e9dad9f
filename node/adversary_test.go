package node

import (
	"testing"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/mpc/mpctest"
	"github.com/flint-network/flint/crypto/tecdsa"
)

// The corrupt mode's wrong values are what the protocol catches: a batch
// with one adversaryParty ends at every honest party with that party named
// and left out of the holders (so the message layout the mode relies on has
// not drifted from crypto/tecdsa's).
func TestAdversaryPartyIsCaught(t *testing.T) {
	members := []uint32{1, 2, 3, 4}
	dkgs := map[uint32]*tecdsa.DKG{}
	parties := map[uint32]mpc.Party{}
	for _, id := range members {
		g, err := tecdsa.NewDKG(tecdsa.Params{Self: id, Parties: members, T: 1, Leader: 1, Session: []byte("adversary")})
		if err != nil {
			t.Fatal(err)
		}
		dkgs[id], parties[id] = g, g
	}
	if err := mpctest.NewNetwork(parties).Run(); err != nil {
		t.Fatal(err)
	}
	ps := map[uint32]*tecdsa.Presign{}
	parties = map[uint32]mpc.Party{}
	for _, id := range members {
		ks, _ := dkgs[id].Result()
		p, err := tecdsa.NewPresign(tecdsa.Params{Self: id, Parties: members, T: 1, Leader: 1, Session: []byte("batch-0123456789")}, ks, 3)
		if err != nil {
			t.Fatal(err)
		}
		ps[id], parties[id] = p, p
		if id == 3 {
			parties[id] = &adversaryParty{Party: p}
		}
	}
	if err := mpctest.NewNetwork(parties).Run(); err != nil {
		t.Fatal(err)
	}
	for _, id := range []uint32{1, 2, 4} {
		res, err := ps[id].Result()
		if err != nil || len(res) != 3 {
			t.Fatalf("party %d: %v", id, err)
		}
		if len(res[0].Holders) != 3 || res[0].Holders[2] != 4 {
			t.Fatalf("party %d: holders %v", id, res[0].Holders)
		}
		named := 0
		for _, f := range ps[id].Faults() {
			if c, _ := mpc.Culprit(f); c == 3 {
				named++
			} else {
				t.Fatalf("party %d names %d", id, c)
			}
		}
		if named == 0 {
			t.Fatalf("party %d does not name the adversary", id)
		}
	}
}
