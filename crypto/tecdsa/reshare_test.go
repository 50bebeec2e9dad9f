package tecdsa

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"slices"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/mpc/mpctest"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/vss"
)

// reshareRun is one resharing of an old committee's keys, every party in this
// process.
type reshareRun struct {
	f         *fixture // the old committee, after its DKG
	old, new  []uint32
	oldT      int
	newT      int
	rs        map[uint32]*Reshare
	net       *mpctest.Network
	persisted map[uint32]*KeyShare
}

func newReshareRun(t testing.TB, f *fixture, newSet []uint32, leader uint32) *reshareRun {
	t.Helper()
	run := &reshareRun{
		f: f, old: committee(f.n), new: newSet, oldT: f.t, newT: DefaultThreshold(len(newSet)),
		rs: map[uint32]*Reshare{}, persisted: map[uint32]*KeyShare{},
	}
	parties := map[uint32]mpc.Party{}
	for _, id := range union(run.old, newSet) {
		r, err := NewReshare(run.config(id, leader))
		if err != nil {
			t.Fatal(err)
		}
		run.rs[id] = r
		parties[id] = r.Party(func(ks *KeyShare) error {
			// The driver's write: a copy, as a store would hold.
			b, err := ks.MarshalBinary()
			if err != nil {
				return err
			}
			run.persisted[id], err = UnmarshalKeyShare(b)
			return err
		})
	}
	run.net = mpctest.NewNetwork(parties)
	return run
}

func (run *reshareRun) config(id, leader uint32) ReshareConfig {
	cfg := ReshareConfig{
		Self: id, Old: run.old, OldT: run.oldT, OldCommitments: run.f.keys[1].Commitments,
		New: run.new, NewT: run.newT, Leader: leader, Session: []byte("reshare-test"),
	}
	if slices.Contains(run.old, id) {
		cfg.Share = run.f.keys[id]
	}
	return cfg
}

// check verifies the outcome at the parties that finished (want of them):
// the same digest and commitments everywhere, constant terms equal to the old
// public keys, new shares that match the new commitments and interpolate, in
// any t'+1 of them, to secrets whose public keys decred computes as the old
// ones. It returns the new shares by index.
func (run *reshareRun) check(t *testing.T, want []uint32) map[uint32]*KeyShare {
	t.Helper()
	var finished []uint32
	var ref *ReshareResult
	shares := map[uint32]*KeyShare{}
	for _, id := range slices.Sorted(maps.Keys(run.rs)) {
		res, err := run.rs[id].Result()
		if err != nil {
			continue
		}
		finished = append(finished, id)
		if ref == nil {
			ref = res
		}
		if res.Digest != ref.Digest || !slices.Equal(res.Qualified, ref.Qualified) {
			t.Fatalf("party %d finished with another outcome", id)
		}
		for j := range res.Commitments {
			for l := range res.Commitments[j] {
				if !secp.Equal(&res.Commitments[j][l], &ref.Commitments[j][l]) {
					t.Fatalf("party %d: other commitments for key %d", id, j)
				}
			}
			if !secp.Equal(&res.Commitments[j][0], &run.f.pubs[j]) {
				t.Fatalf("party %d: root key %d changed", id, j)
			}
		}
		if slices.Contains(run.new, id) != (res.Share != nil) {
			t.Fatalf("party %d: share %v, but new committee %v", id, res.Share, run.new)
		}
		if res.Share == nil {
			continue
		}
		if err := res.Share.Validate(); err != nil {
			t.Fatalf("party %d: %v", id, err)
		}
		if res.Share.T != run.newT || !slices.Equal(res.Share.Parties, run.new) {
			t.Fatalf("party %d: share for %v t=%d", id, res.Share.Parties, res.Share.T)
		}
		p := run.persisted[id]
		if p == nil || !slices.EqualFunc(p.Secrets, res.Share.Secrets, func(a, b secp.Scalar) bool { return a.Equals(&b) }) {
			t.Fatalf("party %d finished with a share it did not persist", id)
		}
		// Public shares, independently: decred's own base multiplication
		// of the new share against the commitments' evaluation.
		for j := range res.Share.Secrets {
			pk := secp256k1.NewPrivateKey(&res.Share.Secrets[j]).PubKey()
			ps := res.Share.PublicShare(j, id)
			if !bytes.Equal(pk.SerializeUncompressed(), secp256k1.NewPublicKey(&ps.X, &ps.Y).SerializeUncompressed()) {
				t.Fatalf("party %d: public share of key %d does not match", id, j)
			}
		}
		shares[id] = res.Share
	}
	if !slices.Equal(finished, want) {
		t.Fatalf("finished %v, want %v", finished, want)
	}
	// Every window of t'+1 new shares interpolates to each old secret.
	ids := slices.Sorted(maps.Keys(shares))
	for start := 0; start+run.newT+1 <= len(ids); start++ {
		sub := ids[start : start+run.newT+1]
		for j := 0; j < RootKeys; j++ {
			vals := make([]secp.Scalar, len(sub))
			for k, id := range sub {
				vals[k] = shares[id].Secrets[j]
			}
			x, err := vss.Interpolate(sub, vals)
			if err != nil {
				t.Fatal(err)
			}
			got := secp256k1.NewPrivateKey(&x).PubKey()
			want := secp256k1.NewPublicKey(&run.f.pubs[j].X, &run.f.pubs[j].Y)
			if !got.IsEqual(want) {
				t.Fatalf("shares %v do not interpolate to root key %d", sub, j)
			}
		}
	}
	return shares
}

// signWithNew makes presignatures in the new committee and signs with a
// quorum of new shares (verified by decred and go-ethereum), then checks
// that a quorum in which one member uses its old share fails.
func (run *reshareRun) signWithNew(t *testing.T, shares map[uint32]*KeyShare) {
	t.Helper()
	nf := &fixture{n: len(run.new), t: run.newT, keys: shares, pubs: run.f.pubs}
	ps, net := nf.presigners(t, run.new, run.new[len(run.new)-1], 1)
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	pres := results(t, ps)
	s, x := nf.pkp(t, "minted in the old epoch")
	req := request(s, x, "after the epoch change", "lit_reshare")
	q := 2*run.newT + 1
	signers := run.new[len(run.new)-q:]
	var sigShares []*SignatureShare
	for _, id := range signers {
		sh, err := pres[id][0].Sign(shares[id], req)
		if err != nil {
			t.Fatal(err)
		}
		sigShares = append(sigShares, sh)
	}
	sig, bad, err := Combine(sigShares, q)
	if err != nil || len(bad) != 0 {
		t.Fatalf("combine: %v (bad %v)", err, bad)
	}
	verifyIndependently(t, sig, req.Hash, x)

	// A mixed quorum: one signer that was in the old committee uses its old
	// share with the new presignature.
	for k, id := range signers {
		if !slices.Contains(run.old, id) {
			continue
		}
		mixed := slices.Clone(sigShares)
		sh, err := pres[id][0].Sign(run.f.keys[id], req)
		if err != nil {
			t.Fatal(err)
		}
		mixed[k] = sh
		if _, _, err := Combine(mixed, q); !errors.Is(err, ErrInvalidSignature) {
			t.Fatalf("a quorum with node %d's old share: %v, want ErrInvalidSignature", id, err)
		}
		break
	}
}

// mixedQuorumFails checks that old and new shares do not interpolate to the
// key: t'+1 points of which one is an old share.
func (run *reshareRun) mixedQuorumFails(t *testing.T, shares map[uint32]*KeyShare) {
	t.Helper()
	var oldID uint32
	for _, id := range run.old {
		oldID = id
		break
	}
	var sub []uint32
	vals := []secp.Scalar{run.f.keys[oldID].Secrets[0]}
	sub = append(sub, oldID)
	for _, id := range slices.Sorted(maps.Keys(shares)) {
		if len(sub) == run.newT+1 {
			break
		}
		if id != oldID {
			sub = append(sub, id)
			vals = append(vals, shares[id].Secrets[0])
		}
	}
	order := slices.Clone(sub)
	slices.Sort(order)
	sorted := make([]secp.Scalar, len(vals))
	for k, id := range sub {
		sorted[slices.Index(order, id)] = vals[k]
	}
	x, err := vss.Interpolate(order, sorted)
	if err != nil {
		t.Fatal(err)
	}
	if pub := secp.BaseMult(&x); secp.Equal(&pub, &run.f.pubs[0]) {
		t.Fatal("an old share mixed with new ones interpolates to the key")
	}
}

func TestReshareHonest(t *testing.T) {
	for _, tc := range []struct {
		name   string
		oldN   int
		new    []uint32
		leader uint32
	}{
		{"add 4→5", 4, committee(5), 5},    // the newly joined node leads
		{"remove 5→4", 5, committee(4), 5}, // the leaving node leads
		{"replace 4→4", 4, []uint32{1, 2, 4, 6}, 6},
		{"refresh 4→4", 4, committee(4), 2},
		{"grow 4→7 (t 1→2)", 4, committee(7), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, tc.oldN)
			run := newReshareRun(t, f, tc.new, tc.leader)
			if err := run.net.Run(); err != nil {
				t.Fatal(err)
			}
			for id, errs := range run.net.Errors {
				t.Errorf("party %d saw errors: %v", id, errs)
			}
			shares := run.check(t, union(run.old, run.new))
			if q := run.rs[run.new[0]].Qualified(); len(q) != tc.oldN {
				t.Fatalf("qualified %v, want every old node", q)
			}
			// A refresh must change every share.
			for id, ks := range shares {
				if old := f.keys[id]; old != nil && old.Secrets[0].Equals(&ks.Secrets[0]) {
					t.Fatalf("node %d kept its old share", id)
				}
			}
			run.mixedQuorumFails(t, shares)
			run.signWithNew(t, shares)
		})
	}
}

// corruptDealShare changes the first share in a deal body for a new node.
func corruptDealShare(run *reshareRun, body []byte) []byte {
	b := bytes.Clone(body)
	off := RootKeys * (run.newT + 1) * secp.PointSize
	b[off+31] ^= 1
	return b
}

// A dealer that sends a new node a share inconsistent with its commitments,
// and repeats it when it must justify it in public, is excluded and named by
// every party; the others' deals make the same keys.
func TestReshareBadShareExcluded(t *testing.T) {
	for _, silent := range []bool{false, true} {
		t.Run(fmt.Sprintf("silent on the complaint %v", silent), func(t *testing.T) {
			f := newFixture(t, 4)
			run := newReshareRun(t, f, committee(5), 1)
			const bad, victim = 3, 5
			run.net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
				switch {
				case m.From == bad && m.Payload[0] == kindReshareDeal && to == victim:
					m.Payload = append([]byte{kindReshareDeal}, corruptDealShare(run, m.Payload[1:])...)
				case m.From == bad && m.Payload[0] == kindReshareJustification:
					if silent {
						return nil
					}
					m.Payload = append(bytes.Clone(m.Payload[:3]), corruptDealShare(run, m.Payload[3:])...)
				}
				return &m
			}
			if err := run.net.Run(); err != nil {
				t.Fatal(err)
			}
			run.check(t, committee(5))
			for id, r := range run.rs {
				if slices.Contains(r.Qualified(), bad) {
					t.Fatalf("party %d qualified the bad dealer", id)
				}
				// The victim names it for the share; with a bad public
				// answer, everyone does. Silence names nobody else.
				if id != bad && (id == victim || !silent) && !namesParty(r.Faults(), bad) {
					t.Fatalf("party %d did not name the bad dealer: %v", id, r.Faults())
				}
				noHonestNamedIn(t, id, r.Faults(), bad)
			}
		})
	}
}

func noHonestNamedIn(t *testing.T, at uint32, faults []error, corrupt ...uint32) {
	t.Helper()
	for _, e := range faults {
		if c, ok := mpc.Culprit(e); ok && !slices.Contains(corrupt, c) {
			t.Fatalf("party %d names honest party %d: %v", at, c, e)
		}
	}
}

// keyChanger makes old node id deal a consistent sharing of another value
// than its share of root key 0: its commitments and shares agree, but the
// constant term is not its public share X_{0,id}. Without the constant-term
// check every new node would accept the deal and the combined key would move
// by λ_id·δ·G (the combined check would then fail the run rather than change
// the key; with the check the dealer is excluded and the run succeeds).
func keyChanger(run *reshareRun, id uint32) {
	fake := *run.f.keys[id]
	fake.Secrets = slices.Clone(fake.Secrets)
	var one secp.Scalar
	one.SetInt(1)
	fake.Secrets[0].Add(&one)
	run.rs[id].cfg.Share = &fake
}

func TestReshareKeyChangingDealerExcluded(t *testing.T) {
	f := newFixture(t, 4)
	run := newReshareRun(t, f, committee(5), 1)
	const bad = 2
	keyChanger(run, bad)
	if err := run.net.Run(); err != nil {
		t.Fatal(err)
	}
	run.check(t, []uint32{1, 2, 3, 4, 5})
	for id, r := range run.rs {
		if slices.Contains(r.Qualified(), bad) {
			t.Fatalf("party %d qualified the key-changing dealer", id)
		}
		if id != bad && !namesParty(r.Faults(), bad) {
			t.Fatalf("party %d did not name the key-changing dealer: %v", id, r.Faults())
		}
		noHonestNamedIn(t, id, r.Faults(), bad)
	}
}

// t old and t' new colluding try to change the key: in a replacement
// (old {1,2,3,4} → new {1,2,4,6}), the leaving node 3 deals a consistent
// sharing of another value than its share, and the joining node 6, as
// leader, proposes D with 3 in it; both confirm it. Every honest party checks
// each dealer of D itself (§1), finds 3's constant terms wrong — a public
// check the leader had to make, so it names the leader — and refuses
// instead of confirming; the two corrupt confirmations reach neither n − t
// old nor n' − t' new. No honest party finishes or persists, so none holds a
// share of a changed key, and the old shares stay in use.
func TestReshareCollusionCannotChangeKey(t *testing.T) {
	f := newFixture(t, 4)
	run := newReshareRun(t, f, []uint32{1, 2, 4, 6}, 6)
	keyChanger(run, 3)
	corrupt := []uint32{3, 6}
	var digests map[uint32][32]byte
	run.net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		switch {
		case m.From == 6 && m.Payload[0] == kindReshareDecision:
			dec, err := run.rs[to].parseDecision(m.Payload[1:])
			if err != nil {
				t.Fatal(err)
			}
			if digests == nil {
				digests = dec.digests
				// The leader's honest code excluded 3; use 3's commitment
				// digest as every party holds it.
				digests[3] = run.rs[1].deals[3].digest
			}
			m.Payload = encodeReshareDecision([]uint32{1, 2, 3, 4}, digests)
		case slices.Contains(corrupt, m.From) && m.Payload[0] == kindReshareConfirm && digests != nil:
			dg := run.rs[to].digest([]uint32{1, 2, 3, 4}, digests)
			m.Payload = append([]byte{kindReshareConfirm}, dg[:]...)
		}
		return &m
	}
	run.net.Run()
	if digests == nil {
		t.Fatal("the leader never decided")
	}
	for _, id := range []uint32{1, 2, 4} {
		res, err := run.rs[id].Result()
		if err == nil {
			t.Fatalf("honest party %d finished with qualified %v", id, res.Qualified)
		}
		if !errors.Is(err, ErrBadDecision) || !namesParty(run.rs[id].Faults(), 6) {
			t.Fatalf("party %d: %v, want ErrBadDecision naming the leader", id, err)
		}
		if run.persisted[id] != nil {
			t.Fatalf("party %d persisted a share of the proposed outcome", id)
		}
		noHonestNamedIn(t, id, run.rs[id].Faults(), corrupt...)
	}
}

func encodeReshareDecision(qualified []uint32, digests map[uint32][32]byte) []byte {
	w := writer{}
	w.u8(kindReshareDecision)
	w.indices(qualified)
	for _, id := range qualified {
		dg := digests[id]
		w.raw(dg[:])
	}
	w.u16(0)
	return w.b
}

// t old and t' new try to learn the key: in a replacement (old {1,2,3,4} →
// new {1,2,4,6}) the leaving node 3 and the joining node 6 (the leader)
// collude — the GG20 drain's shape. 6 accuses every honest dealer of a bad
// deal, hoping their public justifications give out more points of their
// polynomials. The test records every share of an honest dealer's g_{j,i}
// that reaches the coalition, from deals, justifications and forwarded
// justifications, and checks that each is an evaluation at 6, the
// coalition's only new index: a justification publishes exactly what the
// accuser was sent. So the coalition holds t = 1 share of each degree-t old
// polynomial (3's) and t' = 1 point of each honest degree-t' g_{j,i}
// (6's): for any other value of x_j there are honest polynomials consistent
// with all of it, so it learns nothing about the key. The run still
// finishes with the same keys.
func TestReshareCollusionLearnsNothing(t *testing.T) {
	f := newFixture(t, 4)
	run := newReshareRun(t, f, []uint32{1, 2, 4, 6}, 6)
	corrupt := []uint32{3, 6}
	seen := map[uint32]map[uint32]bool{} // honest dealer → indices whose shares the coalition saw
	record := func(dealer, at uint32) {
		if seen[dealer] == nil {
			seen[dealer] = map[uint32]bool{}
		}
		seen[dealer][at] = true
	}
	run.net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.From == 6 && m.Payload[0] == kindReshareVerdict {
			w := writer{}
			w.u8(kindReshareVerdict)
			for _, id := range run.old {
				if id == 3 {
					dg := run.rs[6].deals[3].digest
					w.u8(verdictOK)
					w.raw(dg[:])
				} else {
					w.u8(verdictBad)
				}
			}
			m.Payload = w.b
		}
		if slices.Contains(corrupt, to) && !slices.Contains(corrupt, m.From) {
			switch m.Payload[0] {
			case kindReshareDeal:
				if slices.Contains(run.new, to) {
					record(m.From, to)
				}
			case kindReshareJustification:
				if acc := uint32(m.Payload[1])<<8 | uint32(m.Payload[2]); slices.Contains(run.new, acc) {
					record(m.From, acc)
				}
			}
		}
		if m.From == 6 && m.Payload[0] == kindReshareDecision {
			// What the leader could forward is what it received.
			dec, _ := run.rs[to].parseDecision(m.Payload[1:])
			for dealer := range dec.forwarded {
				if slices.Contains(corrupt, to) {
					record(dealer, to)
				}
			}
		}
		return &m
	}
	if err := run.net.Run(); err != nil {
		t.Fatal(err)
	}
	run.check(t, []uint32{1, 2, 3, 4, 6})
	if len(seen) != 3 {
		t.Fatalf("the recorder saw shares of dealers %v, want the three honest ones", slices.Sorted(maps.Keys(seen)))
	}
	for dealer, at := range seen {
		if len(at) != 1 || !at[6] {
			t.Fatalf("the coalition saw dealer %d's shares at %v, want only at 6", dealer, slices.Sorted(maps.Keys(at)))
		}
	}
}

// A corrupt leader, the joining node 6 of a replacement (old {1,2,3,4} →
// new {1,2,4,6}), tells two groups of honest parties different qualified
// sets, and it and the leaving node 3 confirm to each group the outcome that
// group was told. Group {1, 2} can gather n − t = 3 old and n' − t' = 3 new
// confirmations; group {4} cannot: two sets of n − t old parties share an
// honest one, which confirms one outcome only. So no two honest parties
// finish with different outcomes.
func TestReshareEquivocationDoesNotSplit(t *testing.T) {
	f := newFixture(t, 4)
	run := newReshareRun(t, f, []uint32{1, 2, 4, 6}, 6)
	corrupt := []uint32{3, 6}
	groupA := []uint32{1, 2}
	var digests map[uint32][32]byte
	decisionFor := func(to uint32) []uint32 {
		if slices.Contains(groupA, to) {
			return []uint32{1, 2, 3, 4}
		}
		return []uint32{1, 2, 3}
	}
	run.net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		switch {
		case m.From == 6 && m.Payload[0] == kindReshareDecision:
			dec, err := run.rs[to].parseDecision(m.Payload[1:])
			if err != nil {
				t.Fatal(err)
			}
			if digests == nil {
				digests = dec.digests
			}
			m.Payload = encodeReshareDecision(decisionFor(to), digests)
		case slices.Contains(corrupt, m.From) && m.Payload[0] == kindReshareConfirm && digests != nil:
			dg := run.rs[to].digest(decisionFor(to), digests)
			m.Payload = append([]byte{kindReshareConfirm}, dg[:]...)
		}
		return &m
	}
	run.net.Run()
	outcomes := map[[32]byte][]uint32{}
	for _, id := range []uint32{1, 2, 4} {
		if res, err := run.rs[id].Result(); err == nil {
			outcomes[res.Digest] = append(outcomes[res.Digest], id)
		}
		noHonestNamedIn(t, id, run.rs[id].Faults(), corrupt...)
	}
	if len(outcomes) > 1 {
		t.Fatalf("honest parties finished with different outcomes: %v", outcomes)
	}
	if _, err := run.rs[4].Result(); !errors.Is(err, ErrTooFewConfirmations) {
		t.Fatalf("party 4: %v, want ErrTooFewConfirmations", err)
	}
}

// An old node that deals and then dies (no verdict, no confirmation): its
// deal is still good everywhere, the others confirm without it (n − t old),
// and the keys are the same.
func TestReshareOldNodeSilentHalfway(t *testing.T) {
	f := newFixture(t, 4)
	run := newReshareRun(t, f, committee(5), 1)
	const dead = 4
	run.net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if to == dead || (m.From == dead && m.Payload[0] != kindReshareDeal) {
			return nil
		}
		return &m
	}
	if err := run.net.Run(); err != nil {
		t.Fatal(err)
	}
	if _, err := run.rs[dead].Result(); err == nil {
		t.Fatal("the dead node finished") // it heard nothing
	}
	run.check(t, []uint32{1, 2, 3, 5})
	if q := run.rs[1].Qualified(); !slices.Contains(q, dead) {
		t.Fatalf("qualified %v: the dead node's deal was good", q)
	}
}

// A joining node that never comes up: the old four and the other new ones
// are n − t old and n' − t' new, so everyone else finishes.
func TestReshareJoinerNeverUp(t *testing.T) {
	f := newFixture(t, 4)
	run := newReshareRun(t, f, committee(5), 2)
	run.net.Silent[5] = true
	if err := run.net.Run(); err != nil {
		t.Fatal(err)
	}
	run.check(t, committee(4))
}

// A leader that dies after dealing: nobody decides, every party fails
// cleanly, nobody holds a new share, the old shares stay valid.
func TestReshareLeaderSilentHalfway(t *testing.T) {
	f := newFixture(t, 4)
	run := newReshareRun(t, f, committee(5), 2)
	run.net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if to == 2 || (m.From == 2 && m.Payload[0] != kindReshareDeal) {
			return nil
		}
		return &m
	}
	run.net.Run()
	for _, id := range []uint32{1, 3, 4, 5} {
		if _, err := run.rs[id].Result(); !errors.Is(err, ErrNoDecision) {
			t.Fatalf("party %d: %v, want ErrNoDecision", id, err)
		}
		if run.persisted[id] != nil {
			t.Fatalf("party %d persisted a share without a decision", id)
		}
	}
}

// A leader that decides on t old dealers only is refused and named.
func TestReshareTooFewDealersRefused(t *testing.T) {
	f := newFixture(t, 4)
	run := newReshareRun(t, f, committee(5), 5)
	run.net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.From == 5 && m.Payload[0] == kindReshareDecision {
			dec, _ := run.rs[to].parseDecision(m.Payload[1:])
			m.Payload = encodeReshareDecision([]uint32{1}, dec.digests)
		}
		return &m
	}
	run.net.Run()
	for _, id := range []uint32{1, 2, 3, 4} {
		if _, err := run.rs[id].Result(); !errors.Is(err, ErrBadDecision) {
			t.Fatalf("party %d: %v, want ErrBadDecision", id, err)
		}
		if !namesParty(run.rs[id].Faults(), 5) {
			t.Fatalf("party %d did not name the leader", id)
		}
	}
}

// A new node whose share cannot be stored does not confirm it.
func TestResharePersistFailure(t *testing.T) {
	f := newFixture(t, 4)
	run := newReshareRun(t, f, committee(5), 1)
	run.net.Parties[5] = run.rs[5].Party(func(*KeyShare) error { return errors.New("disk full") })
	sentConfirm := false
	run.net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.From == 5 && m.Payload[0] == kindReshareConfirm {
			sentConfirm = true
		}
		return &m
	}
	if err := run.net.Run(); err != nil {
		t.Fatal(err)
	}
	if _, err := run.rs[5].Result(); !errors.Is(err, ErrPersist) {
		t.Fatalf("party 5: %v, want ErrPersist", err)
	}
	if sentConfirm {
		t.Fatal("party 5 confirmed a share it could not store")
	}
	run.check(t, []uint32{1, 2, 3, 4})
}

func TestReshareConfigValidation(t *testing.T) {
	f := newFixture(t, 4)
	good := func() ReshareConfig {
		return ReshareConfig{Self: 1, Old: committee(4), OldT: 1, OldCommitments: f.keys[1].Commitments,
			New: committee(5), NewT: 1, Leader: 1, Session: []byte("s"), Share: f.keys[1]}
	}
	if _, err := NewReshare(good()); err != nil {
		t.Fatal(err)
	}
	for name, mutate := range map[string]func(*ReshareConfig){
		"old n < 3t+1":        func(c *ReshareConfig) { c.OldT = 2 },
		"new n < 3t+1":        func(c *ReshareConfig) { c.New = committee(6); c.NewT = 2 },
		"self in neither":     func(c *ReshareConfig) { c.Self = 9 },
		"leader in neither":   func(c *ReshareConfig) { c.Leader = 9 },
		"no share":            func(c *ReshareConfig) { c.Share = nil },
		"share of a new node": func(c *ReshareConfig) { c.Self = 5 },
		"another's share":     func(c *ReshareConfig) { c.Share = f.keys[2] },
		"short commitments":   func(c *ReshareConfig) { c.OldCommitments = c.OldCommitments[:9] },
		"no session":          func(c *ReshareConfig) { c.Session = nil },
		"long session":        func(c *ReshareConfig) { c.Session = make([]byte, MaxSessionID+1) },
		"index 0":             func(c *ReshareConfig) { c.New = []uint32{0, 1, 2, 3} },
		"unsorted":            func(c *ReshareConfig) { c.New = []uint32{2, 1, 3, 4} },
		"other commitments": func(c *ReshareConfig) {
			c.OldCommitments = slices.Clone(c.OldCommitments)
			c.OldCommitments[0] = c.OldCommitments[1]
		},
	} {
		t.Run(name, func(t *testing.T) {
			c := good()
			mutate(&c)
			if _, err := NewReshare(c); !errors.Is(err, ErrParams) {
				t.Fatalf("%v, want ErrParams", err)
			}
		})
	}
}

func BenchmarkReshare(b *testing.B) {
	for _, n := range []int{4, 7, 10, 16} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			f := newFixture(b, n)
			b.ResetTimer()
			start := cpuTime()
			for b.Loop() {
				run := newReshareRun(b, f, committee(n), 1)
				if err := run.net.Run(); err != nil {
					b.Fatal(err)
				}
				if _, err := run.rs[1].Result(); err != nil {
					b.Fatal(err)
				}
			}
			perNode := float64((cpuTime() - start).Microseconds()) / float64(b.N) / float64(n) / 1000
			b.ReportMetric(perNode, "cpu-ms/node")
		})
	}
}

// A joining node given wrong old commitments (the same public keys, other
// higher coefficients: whoever it asked lied) sees every honest dealer's
// constant terms fail. It must not accuse them: an accusation makes the
// dealer publish what it sent the accuser, and the joining node's published
// shares, with the t' corrupt new nodes' own, would be t'+1 points of every
// honest dealer's polynomial. It stops with ErrOldCommitments, names nobody,
// and the others finish without it.
func TestReshareWrongOldCommitmentsRevealNothing(t *testing.T) {
	f := newFixture(t, 4)
	run := newReshareRun(t, f, committee(5), 1)
	wrong := slices.Clone(run.f.keys[1].Commitments)
	wrong[0] = slices.Clone(wrong[0])
	wrong[0][1] = wrong[1][1] // another point, same constant term
	run.rs[5].cfg.OldCommitments = wrong
	justified := false
	run.net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.Payload[0] == kindReshareJustification {
			justified = true
		}
		return &m
	}
	if err := run.net.Run(); err != nil {
		t.Fatal(err)
	}
	if justified {
		t.Fatal("a dealer published shares because of the joining node's wrong input")
	}
	if _, err := run.rs[5].Result(); !errors.Is(err, ErrOldCommitments) {
		t.Fatalf("party 5: %v, want ErrOldCommitments", err)
	}
	if len(run.rs[5].Faults()) != 0 {
		t.Fatalf("party 5 named others for its own wrong input: %v", run.rs[5].Faults())
	}
	run.check(t, committee(4))
}

// A joining node (5, in 4 → 5) confirms a made-up outcome to party 3 and
// sends party 1 a made-up one and then the true one. Its confirmation is
// one of n' − t' = 4 new ones; the honest four suffice, so everyone
// finishes with the same outcome; party 1 counts only 5's first word (which
// does not match), and names node 5 for the second.
func TestReshareJoinerEquivocatesConfirmations(t *testing.T) {
	f := newFixture(t, 4)
	run := newReshareRun(t, f, committee(5), 1)
	fake := append([]byte{kindReshareConfirm}, bytes.Repeat([]byte{0xee}, 32)...)
	var stash *mpc.Message // 4's confirmation to 1, held until 5's came
	var named, fiveDone bool
	run.net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.Payload[0] != kindReshareConfirm {
			return &m
		}
		switch {
		case m.From == 4 && to == 1 && !fiveDone:
			stash = &m // party 1 must still be running when 5's words come
			return nil
		case m.From == 5 && to == 3:
			m.Payload = fake
		case m.From == 5 && to == 1:
			fiveDone = true
			if _, err := run.net.Parties[1].Handle(mpc.Message{From: 5, To: mpc.Broadcast, Payload: fake}); err != nil {
				t.Fatalf("the first confirmation refused: %v", err)
			}
			_, err := run.net.Parties[1].Handle(m)
			named = err != nil
			if c, ok := mpc.Culprit(err); !ok || c != 5 {
				t.Fatalf("party 1 on 5's second confirmation: %v", err)
			}
			return stash
		}
		return &m
	}
	if err := run.net.Run(); err != nil {
		t.Fatal(err)
	}
	run.check(t, committee(5))
	if !named {
		t.Fatal("party 1 did not name node 5")
	}
}

// The same when every other confirmation is already in as the node applies
// the decision, so that the step asking for the write also finishes it.
func TestResharePersistFailureInTheLastStep(t *testing.T) {
	f := newFixture(t, 4)
	run := newReshareRun(t, f, committee(5), 1)
	run.net.Parties[5] = run.rs[5].Party(func(*KeyShare) error { return errors.New("disk full") })
	var held []mpc.Message
	run.net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if to == 5 && m.Payload[0] == kindReshareDecision {
			held = append(held, m) // delivered after everything else
			return nil
		}
		return &m
	}
	run.net.MaxExpiries = 1
	run.net.Run()
	if len(held) != 1 {
		t.Fatalf("%d decisions held", len(held))
	}
	st, _ := run.rs[5].Handle(held[0])
	if st.Persist == nil || !st.Done {
		t.Fatalf("the step persists %v and finishes %v; want both", st.Persist != nil, st.Done)
	}
	run.rs[5].PersistFailed(errors.New("disk full"))
	if res, err := run.rs[5].Result(); !errors.Is(err, ErrPersist) || res != nil {
		t.Fatalf("party 5: %v, %v; want ErrPersist and no result", res, err)
	}
}

// A known limit of §1/§6 (docs/threshold-ecdsa.md, notes on the
// specification), pinned so that a fix shows up here: in a refresh of four
// (t = t' = 1), node 2 withholds its deal from node 3. 3 reports it missing,
// which it may be for up to t' parties, so 2 stays in D; 3 drops out, and
// 1, 2 and 4 finish: 2t'+1 = 3 holders of which one is corrupt.
func TestReshareWithheldDealLeavesAnHonestNodeWithoutShare(t *testing.T) {
	f := newFixture(t, 4)
	run := newReshareRun(t, f, committee(4), 1)
	run.net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.From == 2 && to == 3 && m.Payload[0] == kindReshareDeal {
			return nil
		}
		return &m
	}
	if err := run.net.Run(); err != nil {
		t.Fatal(err)
	}
	run.check(t, []uint32{1, 2, 4})
	if _, err := run.rs[3].Result(); !errors.Is(err, ErrDroppedOut) {
		t.Fatalf("party 3: %v, want ErrDroppedOut", err)
	}
}
