package tecdsa_test

import (
	"fmt"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/mpc/mpctest"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
)

// Nodes 1–4 hold the root keys; node 3 leaves and node 5 joins. The old
// nodes reshare to {1, 2, 4, 5}; every new node stores its share before it
// confirms, and the public keys stay the same.
func ExampleNewReshare() {
	old := []uint32{1, 2, 3, 4}
	keys := map[uint32]*tecdsa.KeyShare{}
	parties := map[uint32]mpc.Party{}
	dkgs := map[uint32]*tecdsa.DKG{}
	for _, id := range old {
		g, err := tecdsa.NewDKG(tecdsa.Params{Self: id, Parties: old, T: 1, Leader: 1, Session: []byte("genesis")})
		if err != nil {
			panic(err)
		}
		dkgs[id], parties[id] = g, g
	}
	if err := mpctest.NewNetwork(parties).Run(); err != nil {
		panic(err)
	}
	for id, g := range dkgs {
		if keys[id], _ = g.Result(); keys[id] == nil {
			panic("DKG failed")
		}
	}

	next := []uint32{1, 2, 4, 5}
	stored := map[uint32]*tecdsa.KeyShare{} // the driver's durable writes
	reshares := map[uint32]*tecdsa.Reshare{}
	parties = map[uint32]mpc.Party{}
	for _, id := range []uint32{1, 2, 3, 4, 5} {
		cfg := tecdsa.ReshareConfig{
			Self: id, Old: old, OldT: 1, OldCommitments: keys[1].Commitments,
			New: next, NewT: 1, Leader: 5, Session: []byte("epoch-2"),
			Share: keys[id], // nil at node 5, which has none
		}
		r, err := tecdsa.NewReshare(cfg)
		if err != nil {
			panic(err)
		}
		reshares[id] = r
		parties[id] = r.Party(func(ks *tecdsa.KeyShare) error { stored[id] = ks; return nil })
	}
	if err := mpctest.NewNetwork(parties).Run(); err != nil {
		panic(err)
	}
	res, err := reshares[5].Result()
	if err != nil {
		panic(err)
	}
	same := true
	for j, pk := range res.Share.PublicKeys() {
		was := keys[1].PublicKeys()[j]
		same = same && secp.Equal(&pk, &was)
	}
	fmt.Println("node 5 holds a share:", res.Share.Index == 5 && stored[5] == res.Share)
	fmt.Println("public keys unchanged:", same)
	fmt.Println("qualified dealers:", res.Qualified)
	// Output:
	// node 5 holds a share: true
	// public keys unchanged: true
	// qualified dealers: [1 2 3 4]
}
