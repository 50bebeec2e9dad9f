package node

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"math/big"
	"slices"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"

	"github.com/flint-network/flint/node/epochs"
	"github.com/flint-network/flint/node/session"
)

// relock gives every node's view the same next set under another lock
// number (the owner undid the lock and locked again).
func (tn *testNet) relock(t *testing.T, ids []int, lock uint64) {
	t.Helper()
	for _, i := range ids {
		n := tn.nodes[i-1]
		v := *n.view()
		nx := *v.next
		nx.lock = lock
		v.next = &nx
		n.views.Store(&v)
	}
}

// An aborted lock's resharing session, replayed (by a corrupt old node
// leading again, or a late message) after the owner relocked the same sets,
// is refused: the session id names the lock. Before the id was bound, the
// node took it as the relock's run, recorded its share under the new lock and,
// by the one-outcome rule, refused the relock's honest run (H6). A session
// id that names nothing (random bytes) or another protocol is refused too.
func TestAttackReplayedAbortedLockSession(t *testing.T) {
	tn := newEpochNet(t, 5, 4)
	cur, next := []int{1, 2, 3, 4}, []int{1, 2, 3, 4, 5}
	tn.lock(t, cur, next)
	tn.relock(t, next, 1)
	n2 := tn.nodes[1]
	hdr := func(proto uint8, id []byte) *session.Header {
		return &session.Header{Protocol: proto, ID: id, Epoch: 2, Leader: 1, Parties: u32(next)}
	}
	aborted := hdr(session.ProtocolECDSAReshare, n2.reshareID(session.ProtocolECDSAReshare, 2, 1))
	if _, err := n2.newParty(aborted, 1); err != nil {
		t.Fatalf("lock 1's own session: %v", err)
	}
	tn.relock(t, next, 2) // the owner undid lock 1 and locked the same sets again
	for name, h := range map[string]*session.Header{
		"lock 1's session replayed":       hdr(session.ProtocolECDSAReshare, n2.reshareID(session.ProtocolECDSAReshare, 2, 1)),
		"lock 1's BLS session replayed":   hdr(session.ProtocolBLSReshare, n2.reshareID(session.ProtocolBLSReshare, 2, 1)),
		"a random session id":             hdr(session.ProtocolECDSAReshare, randomID(32)),
		"the BLS tag on an ECDSA session": hdr(session.ProtocolECDSAReshare, n2.reshareID(session.ProtocolBLSReshare, 2, 2)),
	} {
		if p, err := n2.newParty(h, 1); err == nil || errors.Is(err, session.ErrBusy) {
			t.Errorf("%s: accepted as this lock's run (party %T, err %v)", name, p, err)
		}
	}
	if _, err := n2.newParty(hdr(session.ProtocolECDSAReshare, n2.reshareID(session.ProtocolECDSAReshare, 2, 2)), 1); err != nil {
		t.Fatalf("lock 2's own session: %v", err)
	}
}

// yDouble is the y coordinate of 2P from P's y alone on ed25519
// (−x² + y² = 1 + d·x²·y²): x² = (y² − 1)/(d·y² + 1), y(2P) = (x² + y²)/(2 + x² − y²).
func yDouble(y *big.Int) *big.Int {
	p := ed25519P
	d := new(big.Int).Mul(big.NewInt(-121665), new(big.Int).ModInverse(big.NewInt(121666), p))
	y2 := new(big.Int).Mul(y, y)
	num := new(big.Int).Sub(y2, big.NewInt(1))
	den := new(big.Int).Add(new(big.Int).Mul(d, y2), big.NewInt(1))
	x2 := new(big.Int).Mul(num, new(big.Int).ModInverse(den.Mod(den, p), p))
	x2.Mod(x2, p)
	n := new(big.Int).Add(x2, y2)
	m := new(big.Int).Sub(big.NewInt(2), y2)
	m.Add(m, x2).Mod(m, p)
	if m.Sign() == 0 {
		return nil // a point at infinity of the projective closure: not a torsion point here
	}
	return n.Mul(n, new(big.Int).ModInverse(m, p)).Mod(n, p)
}

// TestSmallOrderList: every listed y doubles to the identity (y = 1)
// within three doublings, so the list holds points of order dividing 8.
func TestSmallOrderList(t *testing.T) {
	for _, s := range ed25519SmallOrderY {
		y := leY(append(bytes.Clone(s), make([]byte, 32-len(s))...))
		for range 3 {
			if y.Cmp(big.NewInt(1)) == 0 {
				break
			}
			y = yDouble(y)
		}
		if y.Cmp(big.NewInt(1)) != 0 {
			t.Errorf("y %x is not of order dividing 8", s)
		}
	}
}

// leBytes encodes y in 32 little-endian bytes.
func leBytes(y *big.Int) []byte {
	be := y.FillBytes(make([]byte, 32))
	slices.Reverse(be)
	return be
}

// A corrupt joiner registers keys the registry's byte checks let through
// (H6): the identity or another small-order point, or a non-canonical
// encoding, as its transport key; a G1 point outside the prime-order
// subgroup, the identity or a non-canonical encoding as its DKG key. A DKG
// key of small order is the GG20 drain's shape (key material admitted
// without a check, then used by honest parties with their secrets: here
// kyber's dealers derive each deal's key from their long-term secret and the
// recipient's key, which would leak the dealer's secret modulo the point's
// order). Every node refuses the keys: no connection to or from the node
// (Lookup, Address) and no DKG with it (dkgParticipants), named, not busy.
func TestAttackBadRegisteredKeys(t *testing.T) {
	honest, _, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := checkTransportKey(honest); err != nil {
		t.Fatalf("an honest key: %v", err)
	}
	badTransport := map[string][]byte{
		"identity":                  leBytes(big.NewInt(1)),
		"order 2":                   leBytes(new(big.Int).Sub(ed25519P, big.NewInt(1))),
		"order 4":                   make([]byte, 32),
		"order 8":                   append([]byte(nil), ed25519SmallOrderY[3]...),
		"identity, non-canonical":   leBytes(new(big.Int).Add(ed25519P, big.NewInt(1))),
		"identity, x sign set":      func() []byte { b := leBytes(big.NewInt(1)); b[31] |= 0x80; return b }(),
		"y = p + 3 (non-canonical)": leBytes(new(big.Int).Add(ed25519P, big.NewInt(3))),
		"short":                     honest[:31],
	}
	for name, k := range badTransport {
		if err := checkTransportKey(k); !errors.Is(err, errBadPeerKey) {
			t.Errorf("transport key %s: %v", name, err)
		}
	}

	// A G1 point on the curve but (almost surely) outside the subgroup.
	var x, y2, y fp.Element
	for {
		if _, err := x.SetRandom(); err != nil {
			t.Fatal(err)
		}
		y2.Square(&x).Mul(&y2, &x)
		var four fp.Element
		four.SetUint64(4)
		y2.Add(&y2, &four)
		if y.Sqrt(&y2) != nil {
			break
		}
	}
	xb := x.Bytes()
	offSubgroup := append([]byte(nil), xb[:]...)
	offSubgroup[0] |= 0x80
	identity := make([]byte, 48)
	identity[0] = 0xc0
	pb := fp.Modulus().FillBytes(make([]byte, 48))
	pb[0] |= 0x80 // x = p: a non-canonical encoding
	for name, k := range map[string][]byte{"off the subgroup": offSubgroup, "identity": identity, "x = p": pb} {
		if err := checkDKGKey(k); !errors.Is(err, errBadPeerKey) {
			t.Errorf("DKG key %s: %v", name, err)
		}
	}

	// At the node: joiner 5 registered an order-8 transport key and an
	// off-subgroup DKG key; the owner approved it.
	tn := newEpochNet(t, 5, 4)
	next := []int{1, 2, 3, 4, 5}
	reg := *tn.reg
	reg.Nodes = slices.Clone(tn.reg.Nodes[:4])
	nx := &nextSet{epoch: 2, t: 1, nodes: slices.Clone(tn.reg.Nodes)}
	nx.nodes[4].TransportKey = append([]byte(nil), ed25519SmallOrderY[3]...)
	nx.nodes[4].DKGKey = offSubgroup
	n2 := tn.nodes[1]
	v, err := n2.newViewWith(&reg, epochs.Locked, nx)
	if err != nil {
		t.Fatal(err)
	}
	n2.views.Store(v)
	if id, ok := n2.Lookup(ed25519.PublicKey(nx.nodes[4].TransportKey)); ok {
		t.Errorf("a connection with the small-order key is taken as node %d's", id)
	}
	if _, _, ok := n2.Address(5); ok {
		t.Error("node 2 would dial node 5 under its small-order key")
	}
	if _, err := n2.view().dkgParticipants(u32(next)); err == nil || errors.Is(err, session.ErrBusy) || !errors.Is(err, errBadPeerKey) {
		t.Errorf("a DKG with node 5's key: %v", err)
	}
	if id, ok := n2.Lookup(ed25519.PublicKey(tn.reg.Nodes[0].TransportKey)); !ok || id != 1 {
		t.Errorf("node 1's own key: %d %v", id, ok)
	}
}
