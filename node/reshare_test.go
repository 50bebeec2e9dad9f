package node

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/bls/blstest"
	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/mpc/mpctest"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/crypto/vss"
	"github.com/flint-network/flint/node/epochs"
	"github.com/flint-network/flint/node/session"
	"github.com/flint-network/flint/node/store"
)

// epochNet is a testNet whose first `old` nodes hold genesis keys of epoch
// 1; the others are registered in no set yet.
func newEpochNet(t *testing.T, total, old int) *testNet {
	t.Helper()
	tn := newTestNet(t, total)
	all := tn.reg.Nodes
	tn.reg.Nodes = all[:old]
	tn.reg.Threshold, tn.reg.Quorum = (old-1)/3, 2*((old-1)/3)+1
	for i, n := range tn.nodes {
		st, err := store.Open(filepath.Join(t.TempDir(), "node.db"), make([]byte, store.KeySize))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		n.store, n.log = st, slog.New(slog.NewTextHandler(io.Discard, nil))
		n.genesisRes = map[string]chan error{}
		if i < old {
			tn.read(t, i+1)
		}
	}
	// Genesis among the old nodes, through the node's own factory and
	// finish.
	for _, proto := range []uint8{session.ProtocolECDSAKeygen, session.ProtocolBLSKeygen} {
		h := &session.Header{Protocol: proto, ID: randomID(32), Epoch: 1, Leader: 1, Parties: tn.nodes[0].view().indices}
		tn.run(t, h, tn.nodes[:old])
	}
	for i, n := range tn.nodes[:old] {
		if st := n.state.Load(); st == nil || st.epoch != 1 {
			t.Fatalf("node %d holds no genesis keys", i+1)
		}
	}
	tn.reg.Nodes = all // tests put the nodes they want in the sets
	return tn
}

// run runs one session among nodes (the first makes its party as the
// leader, the others through newParty) and hands each party to finished.
func (tn *testNet) run(t *testing.T, h *session.Header, nodes []*Node) map[uint32]mpc.Party {
	t.Helper()
	return tn.runTampered(t, h, nodes, nil)
}

// runTampered is run with a network that lets tamper (when not nil) see
// and change every message in flight.
func (tn *testNet) runTampered(t *testing.T, h *session.Header, nodes []*Node, tamper func(m mpc.Message, to uint32) *mpc.Message) map[uint32]mpc.Party {
	t.Helper()
	parties := map[uint32]mpc.Party{}
	for i, n := range nodes {
		var p mpc.Party
		var err error
		if i == 0 {
			p, err = n.makeParty(h)
		} else {
			p, err = n.newParty(h, h.Leader)
		}
		if err != nil {
			t.Fatalf("node %d, session %s: %v", n.view().self, h, err)
		}
		parties[n.view().self] = p
	}
	net := mpctest.NewNetwork(parties)
	net.Tamper = tamper
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	for _, n := range nodes {
		n.finished(h, parties[n.view().self])
	}
	return parties
}

// lock gives every node of cur ∪ next a view in which next is locked as
// the next epoch (what epochFields reads from the chain).
func (tn *testNet) lock(t *testing.T, cur, next []int) {
	t.Helper()
	reg := *tn.reg
	reg.Nodes = nil
	for _, i := range cur {
		reg.Nodes = append(reg.Nodes, tn.reg.Nodes[i-1])
	}
	nx := &nextSet{epoch: 2, t: (len(next) - 1) / 3}
	for _, i := range next {
		nx.nodes = append(nx.nodes, tn.reg.Nodes[i-1])
	}
	reg.Threshold, reg.Quorum = (len(cur)-1)/3, 2*((len(cur)-1)/3)+1
	for _, i := range union(u32(cur), u32(next)) {
		n := tn.nodes[i-1]
		v, err := n.newViewWith(&reg, epochs.Locked, nx)
		if err != nil {
			t.Fatalf("node %d: %v", i, err)
		}
		n.views.Store(v)
		if n.epoch == nil {
			n.newEpochState(v)
		}
	}
}

func u32(ids []int) []uint32 {
	out := make([]uint32, len(ids))
	for i, id := range ids {
		out[i] = uint32(id)
	}
	return out
}

// reshare runs both resharings led by node leader among cur ∪ next and
// returns each node's outcome as the driver would get it.
func (tn *testNet) reshare(t *testing.T, cur, next []int, leader uint32) {
	t.Helper()
	parties := union(u32(cur), u32(next))
	var nodes []*Node
	nodes = append(nodes, tn.nodes[leader-1])
	for _, id := range parties {
		if id != leader {
			nodes = append(nodes, tn.nodes[id-1])
		}
	}
	for _, proto := range []uint8{session.ProtocolECDSAReshare, session.ProtocolBLSReshare} {
		h := &session.Header{Protocol: proto, ID: tn.nodes[0].reshareID(proto, 2, 0), Epoch: 2, Leader: leader, Parties: parties}
		tn.run(t, h, nodes)
	}
}

// Node 5 joins nodes 1–4 (t = 1 both sides). Every node builds its parties
// from its own view; the joiner takes the old commitments from the old
// nodes' answers; every new node ends with stored shares of epoch 2 whose
// public keys are the genesis keys, and new shares sign (BLS) under the old
// key while old and new shares do not mix.
func TestReshareJoinOverNodeParties(t *testing.T) {
	tn := newEpochNet(t, 5, 4)
	cur, next := []int{1, 2, 3, 4}, []int{1, 2, 3, 4, 5}
	tn.lock(t, cur, next)
	joiner := tn.nodes[4]

	// Before it has the old commitments the joiner asks to be tried later.
	h := &session.Header{Protocol: session.ProtocolECDSAReshare, ID: tn.nodes[0].reshareID(session.ProtocolECDSAReshare, 2, 0), Epoch: 2, Leader: 1, Parties: u32(next)}
	if _, err := joiner.newParty(h, 1); !errors.Is(err, session.ErrBusy) {
		t.Fatalf("joiner without old commitments: %v", err)
	}
	answers := map[uint32][]byte{}
	for i := 1; i <= 4; i++ {
		raw, err := tn.nodes[i-1].answerOldKeys(epochBytes(1))
		if err != nil {
			t.Fatal(err)
		}
		answers[uint32(i)] = raw
	}
	gen := tn.nodes[0].state.Load()
	rk := gen.rootKeys()
	ok, err := agreeOldKeys(answers, 1, rk.ECDSA, rk.BLS)
	if err != nil {
		t.Fatal(err)
	}
	joiner.epoch.oldKeys[2] = ok

	tn.reshare(t, cur, next, 1)
	for _, id := range next[1:] { // the leader's outcome goes to leadReshare
		select {
		case r := <-tn.nodes[id-1].epoch.results:
			if r.err != nil || r.epoch != 2 {
				t.Fatalf("node %d: %+v", id, r)
			}
		default:
			t.Fatalf("node %d reported no outcome", id)
		}
	}
	var blsShares []bls.SignatureShare
	msg := []byte("epoch 2")
	for _, id := range next {
		n := tn.nodes[id-1]
		ks, bs, err := n.loadShares(2)
		if err != nil {
			t.Fatalf("node %d: %v", id, err)
		}
		if err := sameKeys(gen, ks, bs); err != nil {
			t.Fatalf("node %d: %v", id, err)
		}
		if ks.Index != uint32(id) || !slices.Equal(ks.Parties, u32(next)) {
			t.Fatalf("node %d holds %v", id, ks)
		}
		sh, err := bs.Sign(msg)
		if err != nil {
			t.Fatal(err)
		}
		blsShares = append(blsShares, sh)
	}
	// 2t'+1 = 3 new shares combine under the unchanged key.
	sig, err := bs2(tn, 2).PublicPoly().Combine(msg, blsShares[2:])
	if err != nil {
		t.Fatal(err)
	}
	if err := bls.Verify(gen.blsPub, msg, sig); err != nil {
		t.Fatalf("new shares do not sign under the old key: %v", err)
	}
	// Old and new shares lie on different polynomials.
	oldShare, err := gen.bls.Sign(msg)
	if err != nil {
		t.Fatal(err)
	}
	if sig, err := bs2(tn, 2).PublicPoly().Combine(msg, []bls.SignatureShare{oldShare, blsShares[1], blsShares[4]}); err == nil && bls.Verify(gen.blsPub, msg, sig) == nil {
		t.Fatal("an old share combined with new ones")
	}
}

// giveOldKeys gives joiners the old commitments as the old nodes answer
// them.
func (tn *testNet) giveOldKeys(t *testing.T, old, joiners []int) {
	t.Helper()
	answers := map[uint32][]byte{}
	for _, i := range old {
		raw, err := tn.nodes[i-1].answerOldKeys(epochBytes(1))
		if err != nil {
			t.Fatal(err)
		}
		answers[uint32(i)] = raw
	}
	rk := tn.nodes[old[0]-1].state.Load().rootKeys()
	ok, err := agreeOldKeys(answers, (len(old)-1)/3, rk.ECDSA, rk.BLS)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range joiners {
		tn.nodes[j-1].epoch.oldKeys[2] = ok
	}
}

// checkNewShares checks that every node of next stored shares of epoch 2 of
// the genesis keys, and that 2t'+1 new BLS shares sign under the old key.
func (tn *testNet) checkNewShares(t *testing.T, next []int) {
	t.Helper()
	gen := tn.nodes[0].state.Load()
	msg := []byte("epoch 2")
	var shares []bls.SignatureShare
	for _, id := range next {
		ks, bs, err := tn.nodes[id-1].loadShares(2)
		if err != nil {
			t.Fatalf("node %d: %v", id, err)
		}
		if err := sameKeys(gen, ks, bs); err != nil {
			t.Fatalf("node %d: %v", id, err)
		}
		if ks.T != (len(next)-1)/3 || !slices.Equal(ks.Parties, u32(next)) {
			t.Fatalf("node %d holds %v", id, ks)
		}
		sh, err := bs.Sign(msg)
		if err != nil {
			t.Fatal(err)
		}
		shares = append(shares, sh)
	}
	q := 2*((len(next)-1)/3) + 1
	sig, err := bs2(tn, next[0]).PublicPoly().Combine(msg, shares[len(shares)-q:])
	if err != nil {
		t.Fatal(err)
	}
	if err := bls.Verify(gen.blsPub, msg, sig); err != nil {
		t.Fatalf("new shares do not sign under the old key: %v", err)
	}
}

// Node 5 of five leaves (5 → 4): it deals, holds nothing of epoch 2, and the
// four others hold shares of the same keys.
func TestReshareLeaveOverNodeParties(t *testing.T) {
	tn := newEpochNet(t, 5, 5)
	cur, next := []int{1, 2, 3, 4, 5}, []int{1, 2, 3, 4}
	tn.lock(t, cur, next)
	tn.reshare(t, cur, next, 1)
	tn.checkNewShares(t, next)
	if _, _, err := tn.nodes[4].loadShares(2); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the leaving node stored shares of epoch 2: %v", err)
	}
}

// Growing 4 → 7 changes t from 1 to 2: the new shares have degree 2 and
// need 5 signers.
func TestReshareGrowOverNodeParties(t *testing.T) {
	tn := newEpochNet(t, 7, 4)
	cur, next := []int{1, 2, 3, 4}, []int{1, 2, 3, 4, 5, 6, 7}
	tn.lock(t, cur, next)
	tn.giveOldKeys(t, cur, []int{5, 6, 7})
	tn.reshare(t, cur, next, 1)
	tn.checkNewShares(t, next)
}

func bs2(tn *testNet, id int) *bls.KeyShare {
	_, bs, err := tn.nodes[id-1].loadShares(2)
	if err != nil {
		panic(err)
	}
	return bs
}

func epochBytes(e uint64) []byte { return []byte{0, 0, 0, 0, 0, 0, 0, byte(e)} }

// A refresh (same set): new shares, same keys, and the old ECDSA shares are
// not the new ones: t+1 new shares interpolate every root key, a quorum
// mixing an old share with new ones does not.
func TestReshareRefreshOverNodeParties(t *testing.T) {
	tn := newEpochNet(t, 4, 4)
	all := []int{1, 2, 3, 4}
	tn.lock(t, all, all)
	tn.reshare(t, all, all, 2)
	fresh := map[int]*tecdsa.KeyShare{}
	for _, id := range all {
		ks, _, err := tn.nodes[id-1].loadShares(2)
		if err != nil {
			t.Fatal(err)
		}
		old := tn.nodes[id-1].state.Load().ecdsa
		if ks.Secrets[0].Equals(&old.Secrets[0]) {
			t.Fatalf("node %d: a refresh kept the share", id)
		}
		fresh[id] = ks
	}
	roots := tn.nodes[0].state.Load().roots
	key := func(shares map[uint32]*secp.Scalar) secp.Point {
		var idx []uint32
		var vals []secp.Scalar
		for _, i := range []uint32{1, 2} {
			idx, vals = append(idx, i), append(vals, *shares[i])
		}
		x, err := vss.Interpolate(idx, vals)
		if err != nil {
			t.Fatal(err)
		}
		return secp.BaseMult(&x)
	}
	for j := range roots {
		got := key(map[uint32]*secp.Scalar{1: &fresh[1].Secrets[j], 2: &fresh[2].Secrets[j]})
		if !secp.Equal(&got, &roots[j]) {
			t.Fatalf("root key %d: new shares do not interpolate it", j)
		}
		mixed := key(map[uint32]*secp.Scalar{1: &tn.nodes[0].state.Load().ecdsa.Secrets[j], 2: &fresh[2].Secrets[j]})
		if secp.Equal(&mixed, &roots[j]) {
			t.Fatalf("root key %d: an old share mixed with a new one gives the key", j)
		}
	}
}

// The attacks on the header: every list comes from the node's own view, so
// a header naming other parties, a leader outside the old set, another
// epoch, or carrying anything extra is refused; before this node has read
// the lock it is busy (the leader tries again).
func TestReshareHeaderFromOwnView(t *testing.T) {
	tn := newEpochNet(t, 5, 4)
	cur, next := []int{1, 2, 3, 4}, []int{1, 2, 3, 4, 5}
	n2 := tn.nodes[1]
	good := func() *session.Header {
		return &session.Header{Protocol: session.ProtocolECDSAReshare, ID: tn.nodes[0].reshareID(session.ProtocolECDSAReshare, 2, 0), Epoch: 2, Leader: 1, Parties: u32(next)}
	}
	if _, err := n2.newParty(good(), 1); !errors.Is(err, session.ErrBusy) {
		t.Fatalf("before the lock: %v", err)
	}
	tn.lock(t, cur, next)
	for name, h := range map[string]*session.Header{
		"the joiner left out":    {Protocol: session.ProtocolECDSAReshare, ID: tn.nodes[0].reshareID(session.ProtocolECDSAReshare, 2, 0), Epoch: 2, Leader: 1, Parties: u32(cur)},
		"a leader not old":       {Protocol: session.ProtocolECDSAReshare, ID: tn.nodes[0].reshareID(session.ProtocolECDSAReshare, 2, 0), Epoch: 2, Leader: 5, Parties: u32(next)},
		"another epoch":          {Protocol: session.ProtocolECDSAReshare, ID: tn.nodes[0].reshareID(session.ProtocolECDSAReshare, 2, 0), Epoch: 3, Leader: 1, Parties: u32(next)},
		"keys in the header":     {Protocol: session.ProtocolBLSReshare, ID: tn.nodes[0].reshareID(session.ProtocolBLSReshare, 2, 0), Epoch: 2, Leader: 1, Parties: u32(next), Extra: []byte{1}},
		"a short BLS session id": {Protocol: session.ProtocolBLSReshare, ID: randomID(16), Epoch: 2, Leader: 1, Parties: u32(next)},
	} {
		if p, err := n2.newParty(h, 1); err == nil || errors.Is(err, session.ErrBusy) {
			t.Errorf("%s: party %v, err %v", name, p, err)
		}
	}
	if _, err := n2.newParty(good(), 1); err != nil {
		t.Fatalf("the registry's own header: %v", err)
	}
}

// A joiner takes the old commitments only when t+1 old nodes agree and
// they are of the root keys on chain: t corrupt old nodes sending other
// commitments (here: a polynomial of another key) change nothing, and
// without t+1 equal answers there is no copy at all.
func TestJoinerOldCommitmentsAgreed(t *testing.T) {
	tn := newEpochNet(t, 4, 4)
	gen := tn.nodes[0].state.Load()
	rk := gen.rootKeys()
	honest, err := tn.nodes[0].answerOldKeys(epochBytes(1))
	if err != nil {
		t.Fatal(err)
	}
	// Another committee's keys: a second genesis.
	other := newEpochNet(t, 4, 4).nodes[0].state.Load()
	forged := encodeOldKeys(other.ecdsa.Commitments, other.bls.PublicPoly())

	ok, err := agreeOldKeys(map[uint32][]byte{1: forged, 2: honest, 3: honest, 4: nil}, 1, rk.ECDSA, rk.BLS)
	if err != nil || !secp.Equal(&ok.ecdsa[3][1], &gen.ecdsa.Commitments[3][1]) {
		t.Fatalf("one corrupt answer: %v", err)
	}
	if _, err := agreeOldKeys(map[uint32][]byte{1: forged, 2: honest}, 1, rk.ECDSA, rk.BLS); err == nil {
		t.Fatal("took commitments only one node sent")
	}
	// t+1 = 2 nodes agreeing on another key's commitments: not the chain's.
	if _, err := agreeOldKeys(map[uint32][]byte{1: forged, 2: forged}, 1, rk.ECDSA, rk.BLS); err == nil {
		t.Fatal("took commitments of another key than the chain's")
	}
	if _, err := tn.nodes[1].answerOldKeys(epochBytes(7)); !errors.Is(err, ErrNotReady) {
		t.Fatalf("asked for an epoch it holds no shares of: %v", err)
	}
}

// FuzzDecodeOldKeys: whatever an old node answers, decoding neither panics
// nor accepts what does not encode back to itself.
func FuzzDecodeOldKeys(f *testing.F) {
	k, err := tecdsa.NewDKG(tecdsa.Params{Self: 1, Parties: []uint32{1}, T: 0, Leader: 1, Session: []byte{1}})
	if err != nil {
		f.Fatal(err)
	}
	if err := mpctest.NewNetwork(map[uint32]mpc.Party{1: k}).Run(); err != nil {
		f.Fatal(err)
	}
	ks, err := k.Result()
	if err != nil {
		f.Fatal(err)
	}
	bs, err := blstest.Deal(1, 1)
	if err != nil {
		f.Fatal(err)
	}
	seed := encodeOldKeys(ks.Commitments, bs[0].PublicPoly())
	f.Add(seed, 0)
	f.Add([]byte{0, 10}, 1)
	f.Fuzz(func(t *testing.T, b []byte, tt int) {
		if tt < 0 || tt > 4 {
			return
		}
		ok, err := decodeOldKeys(b, tt)
		if err != nil {
			return
		}
		if again := encodeOldKeys(ok.ecdsa, ok.bls); !bytes.Equal(again, b) {
			t.Fatal("decoded old keys do not encode back")
		}
	})
}

// syncBuffer is a log sink the session goroutines may write concurrently.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Old node 3, corrupt (Adversary.BadReshareShareTo), deals the joining node
// 5 shares that fail its commitments and publishes the same shares when
// accused: every node leaves it out of the qualified dealers, names it in a
// misbehaviour line (node 5 for the share, the others for the public
// answer), names no honest node, and the new shares are of the same keys.
func TestReshareBadDealerExcludedAtNodes(t *testing.T) {
	tn := newEpochNet(t, 5, 4)
	logs := make([]*syncBuffer, 5)
	for i, n := range tn.nodes {
		logs[i] = &syncBuffer{}
		n.log = slog.New(slog.NewTextHandler(logs[i], nil))
		n.metrics, n.suspects = newMetrics(), newSuspects()
	}
	const bad, victim = 3, 5
	tn.nodes[bad-1].cfg.Adversary = &Adversary{BadReshareShareTo: victim}
	cur, next := []int{1, 2, 3, 4}, []int{1, 2, 3, 4, 5}
	tn.lock(t, cur, next)
	tn.giveOldKeys(t, cur, []int{victim})
	tn.reshare(t, cur, next, 1)
	tn.checkNewShares(t, next)
	var digest string
	for i, lg := range logs {
		id := i + 1
		out := lg.String()
		done := lineWith(out, `msg="ECDSA resharing done"`)
		if done == "" {
			t.Fatalf("node %d logged no outcome:\n%s", id, out)
		}
		if !strings.Contains(done, `qualified="[1 2 4]"`) {
			t.Fatalf("node %d: qualified dealers: %s", id, done)
		}
		d := done[strings.Index(done, "digest="):]
		if digest == "" {
			digest = d
		} else if d != digest {
			t.Fatalf("node %d took another outcome: %s, node 1: %s", id, d, digest)
		}
		if id == bad {
			continue
		}
		named := lineWith(out, "msg=misbehaviour protocol=reshare node=3 ")
		if named == "" {
			t.Fatalf("node %d does not name node 3:\n%s", id, out)
		}
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "msg=misbehaviour") && !strings.Contains(l, "node=3 ") {
				t.Fatalf("node %d names an honest node: %s", id, l)
			}
		}
		if !tn.nodes[i].suspects.excluded(bad, time.Now()) {
			t.Fatalf("node %d does not back off from node 3", id)
		}
	}
}

func lineWith(out, s string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// A node whose shares are of an earlier epoch than the registry's and that
// holds none of the new one (it missed the change) does not answer requests
// of the current epoch, or of none, with them; it answers those naming its shares'
// epoch. Before, a node that missed a change answered new-epoch requests
// with old-polynomial shares.
func TestKeysBehind(t *testing.T) {
	st := &keyState{epoch: 1}
	for _, c := range []struct {
		st       *keyState
		cur, req uint64
		ready    bool
	}{
		{st, 1, 0, true}, {st, 1, 1, true},
		{st, 2, 0, false}, {st, 2, 2, false}, {st, 2, 1, true},
		{&keyState{epoch: 2}, 2, 1, true}, {&keyState{epoch: 2}, 2, 2, true},
		{nil, 2, 2, true}, // no keys at all: the handlers' own check
	} {
		err := keysBehind(c.st, c.cur, c.req, false)
		if ready := err == nil; ready != c.ready || (err != nil && !errors.Is(err, ErrNotReady)) {
			t.Errorf("keys of epoch %v, registry at %d, request %d: %v", c.st, c.cur, c.req, err)
		}
		// A node that holds the new shares and switches within a reading
		// answers as before.
		if err := keysBehind(c.st, c.cur, c.req, true); err != nil {
			t.Errorf("switching, keys of epoch %v, registry at %d, request %d: %v", c.st, c.cur, c.req, err)
		}
	}
}
