package tecdsa_test

import (
	"crypto/sha256"
	"fmt"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"

	"github.com/flint-network/flint/crypto/hd"
	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/mpc/mpctest"
	"github.com/flint-network/flint/crypto/tecdsa"
)

// A committee of four (t = 1) generates the root keys, makes a batch of one
// presignature, and three of its members sign a hash with a PKP key derived
// from the root keys. Every party runs in this process; a node runs the same
// state machines over its peer transport.
func Example() {
	committee := []uint32{1, 2, 3, 4}
	t := tecdsa.DefaultThreshold(len(committee))

	// Root keys.
	dkgs := map[uint32]*tecdsa.DKG{}
	parties := map[uint32]mpc.Party{}
	for _, id := range committee {
		g, err := tecdsa.NewDKG(tecdsa.Params{Self: id, Parties: committee, T: t, Leader: 1, Session: []byte("genesis")})
		if err != nil {
			panic(err)
		}
		dkgs[id], parties[id] = g, g
	}
	if err := mpctest.NewNetwork(parties).Run(); err != nil {
		panic(err)
	}
	keys := map[uint32]*tecdsa.KeyShare{}
	for id, g := range dkgs {
		if keys[id], _ = g.Result(); keys[id] == nil {
			panic("DKG failed")
		}
	}

	// One presignature, owned by its batch leader, node 2.
	batch := []byte("batch-0000000001") // 16 bytes
	presigners := map[uint32]*tecdsa.Presign{}
	parties = map[uint32]mpc.Party{}
	for _, id := range committee {
		p, err := tecdsa.NewPresign(tecdsa.Params{Self: id, Parties: committee, T: t, Leader: 2, Session: batch}, keys[id], 1)
		if err != nil {
			panic(err)
		}
		presigners[id], parties[id] = p, p
	}
	if err := mpctest.NewNetwork(parties).Run(); err != nil {
		panic(err)
	}

	// A PKP key and a request; in a network the presignature is first bound
	// to the request and the binding endorsed by n − t nodes.
	s := hd.KeyScalar([]byte("my PKP key id"))
	pub, err := hd.DerivePublic(keys[1].PublicKeys(), &s)
	if err != nil {
		panic(err)
	}
	req := &tecdsa.SignRequest{KeyScalar: s, PublicKey: pub, Hash: sha256.Sum256([]byte("hello")), RequestID: []byte("request-1")}
	var shares []*tecdsa.SignatureShare
	for _, id := range []uint32{1, 3, 4} {
		pres, err := presigners[id].Result()
		if err != nil {
			panic(err)
		}
		sh, err := pres[0].Sign(keys[id], req)
		if err != nil {
			panic(err)
		}
		shares = append(shares, sh)
	}
	sig, _, err := tecdsa.Combine(shares, 2*t+1)
	if err != nil {
		panic(err)
	}
	pk := secp256k1.NewPublicKey(&pub.X, &pub.Y)
	fmt.Println("signature verifies:", ecdsa.NewSignature(&sig.R, &sig.S).Verify(req.Hash[:], pk))
	// Output: signature verifies: true
}
