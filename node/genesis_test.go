package node

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/crypto/bls/dkg"
	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/mpc/mpctest"
	"github.com/flint-network/flint/node/session"
)

// testNet is a registry of n nodes in which every node published its own DKG
// key, and the nodes (index i at nodes[i-1]) with their views of it.
type testNet struct {
	reg   *chain.Network
	nodes []*Node
}

func newTestNet(t *testing.T, n int) *testNet {
	t.Helper()
	tn := &testNet{reg: &chain.Network{Epoch: chain.Epoch{Number: 1}, Threshold: (n - 1) / 3, Quorum: 2*((n-1)/3) + 1}}
	for i := 1; i <= n; i++ {
		identity, err := crypto.GenerateKey()
		if err != nil {
			t.Fatal(err)
		}
		_, transport, err := ed25519.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		dkgID, err := dkg.NewIdentity()
		if err != nil {
			t.Fatal(err)
		}
		api := netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, 0, byte(1 + i)}), 7470)
		addr := crypto.PubkeyToAddress(identity.PublicKey)
		tn.reg.Nodes = append(tn.reg.Nodes, chain.Node{
			Index: i, Address: addr, IP: api.Addr(), Port: api.Port(),
			TransportKey: transport.Public().(ed25519.PublicKey), DKGKey: dkgID.PublicKey(),
		})
		tn.nodes = append(tn.nodes, &Node{
			cfg:     &Config{APIListen: api.String()},
			keys:    &keys{identity: identity, transport: transport},
			address: addr.Hex(),
			dkgID:   dkgID,
		})
	}
	for i := range tn.nodes {
		tn.read(t, i+1)
	}
	return tn
}

// read makes node i read the registry as it stands.
func (tn *testNet) read(t *testing.T, i int) {
	t.Helper()
	v, err := tn.nodes[i-1].newView(tn.reg)
	if err != nil {
		t.Fatalf("node %d reading the registry: %v", i, err)
	}
	tn.nodes[i-1].views.Store(v)
}

// blsHeader is a BLS keygen header that node 1 (the lowest index) leads over
// every node, as leadGenesis sends it.
func (tn *testNet) blsHeader(t *testing.T) *session.Header {
	t.Helper()
	v := tn.nodes[0].view()
	id := make([]byte, 32)
	if _, err := rand.Read(id); err != nil {
		t.Fatal(err)
	}
	return &session.Header{Protocol: session.ProtocolBLSKeygen, ID: id, Epoch: v.epoch, Leader: 1, Parties: v.indices}
}

// The attack: the genesis leader used to send the BLS DKG's participant list
// (every node's encryption key) in the session header. A corrupt leader could
// put its own key in place of t+1 honest nodes' keys, decrypt the deals meant
// for them, and so hold a quorum of BLS shares: the root key. Each node
// published its own key in the registry (only it can, once), and a follower
// builds the list from its own reading of the registry, never from the
// leader's message.
func TestBLSKeygenParticipantsComeFromTheRegistry(t *testing.T) {
	tn := newTestNet(t, 4)
	leader := tn.nodes[0]

	// A header carrying a list in which the leader's key replaces nodes 2
	// and 3's (as the leader used to encode it) is refused outright, and not
	// as "busy", which would only make the leader send it again.
	swapped := tn.blsHeader(t)
	for id := uint32(1); id <= 4; id++ {
		key := tn.reg.Nodes[id-1].DKGKey
		if id == 2 || id == 3 {
			key = leader.dkgID.PublicKey()
		}
		swapped.Extra = binary.BigEndian.AppendUint16(swapped.Extra, uint16(id))
		swapped.Extra = append(append(swapped.Extra, byte(len(key))), key...)
	}
	for i := 2; i <= 4; i++ {
		p, err := tn.nodes[i-1].newParty(swapped, 1)
		if err == nil || p != nil || errors.Is(err, session.ErrBusy) {
			t.Fatalf("node %d took a header carrying a participant list: party %v, err %v", i, p, err)
		}
	}

	// The list a node builds holds exactly the registry's keys, never the
	// leader's in another node's place.
	h := tn.blsHeader(t)
	for i, n := range tn.nodes {
		parts, err := n.view().dkgParticipants(h.Parties)
		if err != nil {
			t.Fatalf("node %d: %v", i+1, err)
		}
		for j, p := range parts {
			want := tn.reg.Nodes[j]
			if p.Index != uint32(want.Index) || !bytes.Equal(p.Key, want.DKGKey) {
				t.Fatalf("node %d lists party %d with key %x; the registry has %d with %x", i+1, p.Index, p.Key, want.Index, want.DKGKey)
			}
			if p.Index != 1 && bytes.Equal(p.Key, leader.dkgID.PublicKey()) {
				t.Fatalf("node %d lists the leader's key for node %d", i+1, p.Index)
			}
		}
	}

	// The honest header (no keys in it) runs the DKG to the same key at
	// every node, each holding its own share.
	parties := map[uint32]mpc.Party{}
	for i, n := range tn.nodes {
		var p mpc.Party
		var err error
		if i == 0 {
			p, err = n.makeParty(h)
		} else {
			p, err = n.newParty(h, 1)
		}
		if err != nil {
			t.Fatalf("node %d: %v", i+1, err)
		}
		parties[uint32(i+1)] = p
	}
	if err := mpctest.NewNetwork(parties).Run(); err != nil {
		t.Fatal(err)
	}
	var public string
	for id, p := range parties {
		res, err := p.(*dkg.Party).Result()
		if err != nil {
			t.Fatalf("node %d: %v", id, err)
		}
		if res.Share.Index() != id {
			t.Fatalf("node %d holds share %d", id, res.Share.Index())
		}
		pk := res.Share.PublicPoly().PublicKey().String()
		if public != "" && pk != public {
			t.Fatalf("node %d ended with key %s, another node with %s", id, pk, public)
		}
		public = pk
	}
}

// A party whose key is not in a follower's registry yet makes the session
// "busy" there (the leader tries again later); the leader waits for it too.
func TestBLSKeygenWaitsForRegistryKeys(t *testing.T) {
	tn := newTestNet(t, 4)
	tn.reg.Nodes[2].DKGKey = nil // node 3 has not published yet
	tn.read(t, 1)
	tn.read(t, 2)
	if missing := tn.nodes[0].view().missingDKGKeys(); len(missing) != 1 || missing[0] != 3 {
		t.Fatalf("the leader sees %v missing, want [3]", missing)
	}
	h := tn.blsHeader(t)
	if _, err := tn.nodes[0].makeParty(h); !errors.Is(err, session.ErrBusy) {
		t.Fatalf("the leader made its party without node 3's key: %v", err)
	}
	if _, err := tn.nodes[1].newParty(h, 1); !errors.Is(err, session.ErrBusy) || !strings.Contains(err.Error(), "[3]") {
		t.Fatalf("node 2 without node 3's key: %v, want busy naming node 3", err)
	}
}

// The attack: an operator registers n = 2t+1 nodes (or fixes t too high), so
// that two sets of n − t nodes need not share an honest one, and corrupt
// nodes can make honest ones agree on different things. A node refuses any
// registry below n = 3t+1, whatever the contract allows.
func TestViewRefusesNBelow3tPlus1(t *testing.T) {
	tn := newTestNet(t, 7)
	for _, c := range []struct {
		n, t int
		ok   bool
	}{
		{1, 0, true}, {3, 0, true}, {4, 1, true}, {6, 1, true}, {7, 2, true},
		{3, 1, false}, {5, 2, false}, {6, 2, false}, {7, 3, false},
	} {
		t.Run(fmt.Sprintf("n=%d,t=%d", c.n, c.t), func(t *testing.T) {
			reg := *tn.reg
			reg.Nodes = tn.reg.Nodes[:c.n]
			reg.Threshold, reg.Quorum = c.t, 2*c.t+1
			v, err := tn.nodes[0].newView(&reg)
			if c.ok {
				if err != nil || v.t != c.t || len(v.indices) != c.n {
					t.Fatalf("view = %+v, %v", v, err)
				}
				return
			}
			if !errors.Is(err, ErrConfig) || !errors.Is(err, errUnsafeThreshold) {
				t.Fatalf("accepted or wrong error: view %+v, err %v", v, err)
			}
			if want := fmt.Sprintf("n = %d nodes and t = %d", c.n, c.t); !strings.Contains(err.Error(), want) {
				t.Fatalf("error %q does not say %q", err, want)
			}
		})
	}
}

// A registry that lists another DKG key for this node than its store holds
// is a configuration error: the node would take part under a key it cannot
// decrypt with. No key yet is fine (publishDKGKey publishes it).
func TestViewChecksOwnDKGKey(t *testing.T) {
	tn := newTestNet(t, 4)
	other, err := dkg.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	tn.reg.Nodes[1].DKGKey = other.PublicKey()
	if _, err := tn.nodes[1].newView(tn.reg); !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "DKG key") {
		t.Fatalf("node 2 with another key in the registry: %v", err)
	}
	if _, err := tn.nodes[0].newView(tn.reg); err != nil {
		t.Fatalf("another node's key is not node 1's business: %v", err)
	}
	tn.reg.Nodes[1].DKGKey = nil
	if _, err := tn.nodes[1].newView(tn.reg); err != nil {
		t.Fatalf("node 2 before publishing its key: %v", err)
	}
}
