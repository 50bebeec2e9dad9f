package node

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"maps"
	"math/big"
	"slices"
	"testing"
	"time"

	"github.com/consensys/gnark-crypto/ecc/bls12-381/fp"
	"github.com/flint-network/flint/crypto/hd"
	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/mpc/mpctest"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/crypto/vss"

	"github.com/flint-network/flint/node/epochs"
	"github.com/flint-network/flint/node/session"
	"github.com/flint-network/flint/node/signing"
	"github.com/flint-network/flint/node/store"
)

// The resharing's message kinds (crypto/tecdsa) used by the tests that play
// a corrupt party are declared in adversary.go.

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

// A presignature's holder outside the committee whose key it is used with
// would learn a point of that committee's polynomial (its a_i and z^b_i with
// a signature's public shares give x(i)). With one node replaced (old 1–4,
// new 1, 2, 3, 5; node 4 leaves, node 5 joins, both corrupt): the joiner
// leads a batch of the next epoch that holds the leaver, and the leaver a
// batch of the current epoch that holds the joiner. Honest nodes refuse both
// (NewPresign: every holder holds a share of the key the batch is made
// for), and take the next committee's own batch.
func TestAttackCrossCommitteeBatches(t *testing.T) {
	tn := newEpochNet(t, 5, 4)
	cur, next := []int{1, 2, 3, 4}, []int{1, 2, 3, 5}
	tn.lock(t, cur, next)
	tn.giveOldKeys(t, cur, []int{5})
	tn.reshare(t, cur, next, 1)
	for _, id := range next {
		n := tn.nodes[id-1]
		ks, _, err := n.loadShares(2)
		if err != nil {
			t.Fatalf("node %d: %v", id, err)
		}
		n.epoch.pending = &pendingKeys{epoch: 2, ecdsa: ks}
	}
	batch := func(leader uint32, epoch uint64, parties ...uint32) *session.Header {
		id := signing.NewBatchID(time.Now(), leader, []byte{1, 2, 3, 4, 5})
		return &session.Header{Protocol: session.ProtocolPresign, ID: id[:], Epoch: epoch, Leader: leader, Parties: parties, Count: 2}
	}
	n2 := tn.nodes[1]
	for name, h := range map[string]*session.Header{
		"the joiner's next-epoch batch holding the leaver": batch(5, 2, 1, 2, 4, 5),
		"the leaver's current batch holding the joiner":    batch(4, 1, 1, 2, 4, 5),
		"the joiner's current batch":                       batch(5, 1, 1, 2, 3, 5),
	} {
		if p, err := n2.makeParty(h); err == nil {
			t.Errorf("%s: node 2 takes part (%T)", name, p)
		}
	}
	if _, err := n2.makeParty(batch(5, 2, 1, 2, 3, 5)); err != nil {
		t.Fatalf("the next committee's own batch: %v", err)
	}
}

// The 2026 GG20 drain's shape against Flint: a node that has just joined
// (here node 7, growing 4 → 7, t 1 → 2) works with a corrupt old node that
// stays (node 4: t = 1 old, and with node 7 t' = 2 new) to learn key
// material from the resharing. THORChain's joiner got honest parties to use
// its unchecked key material with their long-term shares; here the joiner
// does everything a party may: it accuses every dealer ("bad") so that each
// must publish what it sent, claims the others' deals missing in a second
// run, asks the old-keys message for every epoch, and records every message
// the coalition receives (deals, every broadcast justification, decisions).
// Of every honest dealer's degree-t' polynomial the coalition sees only its
// own t' = 2 points (at 4 and 7), which are independent of the dealer's old
// share; the honest nodes finish with the unchanged keys.
func TestAttackJoinerDrainsNothing(t *testing.T) {
	for name, status := range map[string]uint8{"every deal bad": 1, "every deal missing": 2} {
		t.Run(name, func(t *testing.T) { joinerDrain(t, status) })
	}
}

func joinerDrain(t *testing.T, status uint8) {
	const joiner, accomplice = 7, 4
	coalition := []uint32{accomplice, joiner}
	tn := newEpochNet(t, 7, 4)
	cur, next := []int{1, 2, 3, 4}, []int{1, 2, 3, 4, 5, 6, 7}
	tn.lock(t, cur, next)
	tn.giveOldKeys(t, cur, []int{5, 6, 7})
	// The joiner asks every old node for key material of every epoch: it
	// gets the public commitments of the epoch in place and nothing else.
	pub := encodeOldKeys(tn.nodes[0].state.Load().ecdsa.Commitments, tn.nodes[0].state.Load().bls.PublicPoly())
	for _, i := range cur {
		for _, e := range []uint64{0, 1, 2, 3} {
			raw, err := tn.nodes[i-1].answerOldKeys(epochBytes(e))
			if e == 1 && (err != nil || !bytes.Equal(raw, pub)) {
				t.Fatalf("node %d, epoch 1: %v", i, err)
			}
			if e != 1 && err == nil {
				t.Fatalf("node %d answered old keys of epoch %d", i, e)
			}
		}
	}

	seen := map[uint32]map[uint32]bool{} // honest dealer → indices of its points the coalition saw
	record := func(dealer, at uint32) {
		if seen[dealer] == nil {
			seen[dealer] = map[uint32]bool{}
		}
		seen[dealer][at] = true
	}
	justified := 0
	tamper := func(m mpc.Message, to uint32) *mpc.Message {
		if len(m.Payload) == 0 {
			return &m
		}
		if m.From == joiner && m.Payload[0] == tecdsaKindReshareVerdict {
			p := []byte{tecdsaKindReshareVerdict}
			for range cur {
				p = append(p, status)
			}
			m.Payload = p
		}
		if slices.Contains(coalition, to) && !slices.Contains(coalition, m.From) {
			switch m.Payload[0] {
			case tecdsaKindReshareDeal:
				if len(m.Payload) > 1+10*3*33 { // commitments and shares: a new node's deal
					record(m.From, to)
				}
			case tecdsaKindReshareJustification:
				justified++
				record(m.From, uint32(m.Payload[1])<<8|uint32(m.Payload[2]))
			}
		}
		return &m
	}
	order := func(leader int) []*Node {
		nodes := []*Node{tn.nodes[leader-1]}
		for _, id := range next {
			if id != leader {
				nodes = append(nodes, tn.nodes[id-1])
			}
		}
		return nodes
	}
	ecdsa := &session.Header{Protocol: session.ProtocolECDSAReshare, ID: tn.nodes[0].reshareID(session.ProtocolECDSAReshare, 2, 0), Epoch: 2, Leader: 1, Parties: u32(next)}
	tn.runTampered(t, ecdsa, order(1), tamper)
	bh := &session.Header{Protocol: session.ProtocolBLSReshare, ID: tn.nodes[0].reshareID(session.ProtocolBLSReshare, 2, 0), Epoch: 2, Leader: 1, Parties: u32(next)}
	tn.run(t, bh, order(1))
	tn.checkNewShares(t, next)
	switch {
	case status == 1 && justified == 0:
		t.Fatal("no dealer answered the accusations: the attack did not run")
	case status == 2 && justified != 0:
		t.Fatalf("%d justifications for deals claimed missing (missing is not answered)", justified)
	}
	for _, dealer := range []uint32{1, 2, 3} {
		at := slices.Sorted(maps.Keys(seen[dealer]))
		if !slices.Equal(at, []uint32{accomplice, joiner}) {
			t.Errorf("the coalition saw honest dealer %d's points at %v, want only its own (%v)", dealer, at, coalition)
		}
	}
}

// A front-runner that got a copy of this node's DKG public key approved
// first (ErrDKGKeyInUse) leaves the node's key unusable: the node makes a
// new one, stored before it is used, and a restart loads the new one.
func TestRotateDKGIdentity(t *testing.T) {
	tn := newEpochNet(t, 4, 4)
	n := tn.nodes[0]
	before := n.dkgID.PublicKey()
	if err := n.rotateDKGIdentity(); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(n.dkgID.PublicKey(), before) {
		t.Fatal("the DKG key did not change")
	}
	again, err := n.loadDKGIdentity()
	if err != nil || !bytes.Equal(again.PublicKey(), n.dkgID.PublicKey()) {
		t.Fatalf("a restart loads another key: %v", err)
	}
}

// An undone lock's shares are dropped everywhere (H6): erased from the store
// and from memory, where a new node keeps them to build the next epoch's
// batches. Before, the in-memory copy stayed until the next switch and a
// relock's batches were made with the aborted lock's share.
func TestUndoneLockDropsPendingShare(t *testing.T) {
	tn := newEpochNet(t, 5, 4)
	cur, next := []int{1, 2, 3, 4}, []int{1, 2, 3, 4, 5}
	tn.lock(t, cur, next)
	tn.giveOldKeys(t, cur, []int{5})
	tn.reshare(t, cur, next, 1)
	n5 := tn.nodes[4]
	ks, _, err := n5.loadShares(2)
	if err != nil {
		t.Fatal(err)
	}
	n5.epoch.pending = &pendingKeys{epoch: 2, ecdsa: ks}
	n5.carryOut(t.Context(), n5.view(), epochs.Step{Erase: []uint64{2}}) // the owner undid the lock
	if _, _, err := n5.loadShares(2); err == nil {
		t.Fatal("the aborted lock's shares are still stored")
	}
	if n5.pendingFor(2) != nil {
		t.Fatal("the aborted lock's ECDSA share is still held for next-epoch batches")
	}
}

// A corrupt node that stays through the change (in the old and the new
// set) owns a batch made for the next epoch among the next set, a joiner
// among its holders; before the switch it leads a request of the current
// epoch and proposes a binding of that batch's presignature with honest
// old nodes as signers. Signed with the current key, the signers' shares
// would determine m·a + r·(a·x + z^b) for the old x (degree t'+t, or 2t'),
// and the joiner, knowing a and z^b at its index, would solve x(joiner): a
// point of the old polynomial, which with the staying node's and a leaver's
// makes t+1 (7 → 8 with t = t' = 2: old 1–7, node 7 leaves, 8 and 9 join,
// the coalition 6, 7, 9). An honest holder neither knows (endorses) nor
// signs with a presignature of a later epoch before the switch; after it,
// the batch serves.
func TestAttackFutureBatchBeforeSwitch(t *testing.T) {
	p := newPool(2) // an honest old node that stays
	p.setServing(1, nil)
	cur := batchOf(p, 1, 6, 1)
	next := batchOf(p, 2, 6, 1) // owned by the corrupt staying node 6
	p.markFuture(next, 2, 2)
	curID, nextID := tecdsa.PresigID{Batch: cur}, tecdsa.PresigID{Batch: next}
	if !p.Known(curID) {
		t.Fatal("the serving epoch's presignature is not known")
	}
	if p.Known(nextID) {
		t.Fatal("a presignature of the next epoch is endorsed before the switch")
	}
	if _, ok := p.signable(nextID); ok {
		t.Fatal("a presignature of the next epoch signs with the current key")
	}
	p.setServing(2, nil)
	if _, ok := p.signable(nextID); !ok || !p.Known(nextID) {
		t.Fatal("after the switch the next epoch's presignature does not serve")
	}
}

// Why TestAttackFutureBatchBeforeSwitch matters, computed: 7 → 8 with
// t = t' = 2 (old 1–7; node 7 leaves, 8 and 9 join). A batch made for
// epoch 2 among the next set, signed with the OLD shares by five honest old
// nodes (a binding a corrupt staying node could propose before the fix):
// from their public shares and its own a_9, z^b_9, joiner 9 computes x(9)
// of the old polynomial. With the leaver's x(7) and the staying node's x(6)
// that is t+1 = 3 points: the old key.
func TestFutureBatchWithOldKeyGivesAPoint(t *testing.T) {
	tn := newEpochNet(t, 9, 7)
	cur, next := []int{1, 2, 3, 4, 5, 6, 7}, []int{1, 2, 3, 4, 5, 6, 8, 9}
	tn.lock(t, cur, next)
	tn.giveOldKeys(t, cur, []int{8, 9})
	tn.reshare(t, cur, next, 1)

	parties := map[uint32]mpc.Party{}
	session := randomID(16)
	for _, id := range next {
		ks, _, err := tn.nodes[id-1].loadShares(2)
		if err != nil {
			t.Fatal(err)
		}
		p, err := tecdsa.NewPresign(tecdsa.Params{Self: uint32(id), Parties: u32(next), T: 2, Leader: 6, Session: session}, ks, 1)
		if err != nil {
			t.Fatal(err)
		}
		parties[uint32(id)] = p
	}
	if err := mpctest.NewNetwork(parties).Run(); err != nil {
		t.Fatal(err)
	}
	pres := map[uint32]*tecdsa.Presignature{}
	for id, p := range parties {
		ps, err := p.(*tecdsa.Presign).Result()
		if err != nil || len(ps) != 1 {
			t.Fatalf("node %d: %v", id, err)
		}
		pres[id] = ps[0]
	}

	old := func(i uint32) *tecdsa.KeyShare { return tn.nodes[i-1].state.Load().ecdsa }
	s := hd.KeyScalar([]byte("a PKP"))
	pub, err := hd.DerivePublic(old(1).PublicKeys(), &s)
	if err != nil {
		t.Fatal(err)
	}
	req := &tecdsa.SignRequest{KeyScalar: s, PublicKey: pub, Hash: [32]byte{1}, RequestID: []byte("request")}
	signers := []uint32{1, 2, 3, 4, 5}
	lam, err := vss.Lagrange(signers, 9)
	if err != nil {
		t.Fatal(err)
	}
	var p9, r, m secp.Scalar
	for k, i := range signers {
		sh, err := pres[i].Sign(old(i), req) // the old key, as the binding would have it
		if err != nil {
			t.Fatal(err)
		}
		delta, err := tecdsa.Delta(pres[i], req)
		if err != nil {
			t.Fatal(err)
		}
		// P_i = σ_i·δ·w = m·a_i + r·(a_i·x_i + z^b_i), from public values.
		var pi secp.Scalar
		pi.Mul2(&sh.Sigma, &delta).Mul(&pres[i].W)
		pi.Mul(&lam[k])
		p9.Add(&pi)
		r.SetBytes(sh.R.X.Bytes())
	}
	m.SetByteSlice(req.Hash[:])
	// x(9) = (P(9) − m·a_9 − r·z^b_9) / (r·a_9), with what node 9 holds.
	a9, zb9 := pres[9].A, pres[9].ZB
	var num, tmp, den secp.Scalar
	num.Set(&p9)
	num.Add(tmp.Mul2(&m, &a9).Negate())
	num.Add(tmp.Mul2(&r, &zb9).Negate())
	den.Mul2(&r, &a9).InverseNonConst()
	num.Mul(&den)

	lo, err := vss.Lagrange([]uint32{1, 2, 3}, 9)
	if err != nil {
		t.Fatal(err)
	}
	var truth secp.Scalar
	for k, i := range []uint32{1, 2, 3} {
		xi := hd.DeriveScalar(old(i).Secrets, &s)
		truth.Add(tmp.Mul2(&lo[k], &xi))
	}
	if !num.Equals(&truth) {
		t.Fatal("joiner 9 did not get x(9) of the old polynomial: the attack's arithmetic is off")
	}
}

// A corrupt old leader starts two ECDSA resharings of one lock at once (two
// session ids, both tagged for the lock), so that every node creates both
// parties before either stores a share: the one-outcome rule was checked only
// when a party is made. Both runs finishing would leave nodes that finished
// only the first with shares of another polynomial than the others' (the
// leader holds the second run's decision back from t' of them), all
// signalling ready. A node stores one share per epoch: the second run fails
// at every node that stored the first's, without confirming.
func TestAttackConcurrentResharings(t *testing.T) {
	tn := newEpochNet(t, 5, 4)
	cur, next := []int{1, 2, 3, 4}, []int{1, 2, 3, 4, 5}
	tn.lock(t, cur, next)
	tn.giveOldKeys(t, cur, []int{5})
	hdr := func() *session.Header {
		return &session.Header{Protocol: session.ProtocolECDSAReshare, ID: tn.nodes[0].reshareID(session.ProtocolECDSAReshare, 2, 0), Epoch: 2, Leader: 1, Parties: u32(next)}
	}
	runs := []*session.Header{hdr(), hdr()}
	parties := make([]map[uint32]mpc.Party, len(runs))
	for k, h := range runs {
		parties[k] = map[uint32]mpc.Party{}
		for _, id := range next {
			n := tn.nodes[id-1]
			var p mpc.Party
			var err error
			if id == 1 {
				p, err = n.makeParty(h)
			} else {
				p, err = n.newParty(h, 1)
			}
			if err != nil {
				t.Fatalf("run %d, node %d: %v", k, id, err)
			}
			parties[k][uint32(id)] = p
		}
	}
	finished := make([]int, len(runs))
	for k := range runs {
		_ = mpctest.NewNetwork(parties[k]).Run()
		for _, p := range parties[k] {
			if res, err := p.(*reshareParty).r.Result(); err == nil && res.Share != nil {
				finished[k]++
			}
		}
	}
	if finished[0] == 0 {
		t.Fatal("the first run finished nowhere")
	}
	if finished[1] != 0 {
		t.Fatalf("the second run into epoch 2 also finished at %d nodes (the first at %d): two outcomes of one lock", finished[1], finished[0])
	}
	first, err := parties[0][2].(*reshareParty).r.Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range next {
		ks, _, err := tn.nodes[id-1].loadShares(2)
		if err != nil && !errors.Is(err, store.ErrNotFound) {
			t.Fatal(err)
		}
		if ks != nil && !secp.Equal(&ks.Commitments[0][1], &first.Commitments[0][1]) {
			t.Fatalf("node %d stores a share of the second run", id)
		}
	}
}
