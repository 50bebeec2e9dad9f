package tecdsa

import (
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/mpc/mpctest"
	"github.com/flint-network/flint/crypto/secp"
)

// The attacks of docs/threshold-ecdsa.md §8 that live inside the protocols,
// each played by scripted corrupt parties against honest ones in-process.
// (The binding and notice attacks need nodes and sockets: node/signing and
// integration/adversary_test.go.)

// encodeDecision builds a leader's decision message for qualified, with no
// forwarded justifications.
func encodeDecision(qualified []uint32, digests map[uint32][32]byte) []byte {
	w := writer{}
	w.u8(kindDecision)
	w.indices(qualified)
	for _, id := range qualified {
		dg := digests[id]
		w.raw(dg[:])
	}
	w.u16(0)
	return w.b
}

// Attack: the batch leader decides D = {itself}, so that every honest party
// stores presignatures whose k and a only the leader chose; one signature
// with each then gives the leader a PKP key. Every honest party must check
// |D| ≥ n − t itself, refuse the batch, and name the leader.
func TestAttackLeaderDecidesAlone(t *testing.T) {
	f := newFixture(t, 4)
	ps, net := f.presigners(t, committee(4), 1, 2)
	net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.From == 1 && m.Payload[0] == kindDecision {
			dec, err := ps[to].d.parseDecision(m.Payload[1:])
			if err != nil {
				t.Fatal(err)
			}
			m.Payload = encodeDecision([]uint32{1}, map[uint32][32]byte{1: dec.digests[1]})
		}
		return &m
	}
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	for _, id := range []uint32{2, 3, 4} {
		res, err := ps[id].Result()
		if !errors.Is(err, ErrBadDecision) || len(res) != 0 {
			t.Fatalf("party %d accepted a one-dealer batch: %d presignatures, %v", id, len(res), err)
		}
		if !namesOnly(ps[id].Faults(), 1) {
			t.Fatalf("party %d does not name exactly the leader: %v", id, ps[id].Faults())
		}
	}
}

// The same attack on the root-key DKG: honest parties would finish with
// X_j = the leader's own commitment, a key the leader knows.
func TestAttackDKGLeaderDecidesAlone(t *testing.T) {
	dkgs, net := newDKGs(t, 4, 1)
	net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.From == 1 && m.Payload[0] == kindDecision {
			dec, err := dkgs[to].d.parseDecision(m.Payload[1:])
			if err != nil {
				t.Fatal(err)
			}
			m.Payload = encodeDecision([]uint32{1}, map[uint32][32]byte{1: dec.digests[1]})
		}
		return &m
	}
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	for _, id := range []uint32{2, 3, 4} {
		ks, err := dkgs[id].Result()
		if !errors.Is(err, ErrBadDecision) || ks != nil {
			t.Fatalf("party %d accepted a one-dealer key: %v", id, err)
		}
		if !namesOnly(dkgs[id].Faults(), 1) {
			t.Fatalf("party %d does not name exactly the leader: %v", id, dkgs[id].Faults())
		}
	}
}

// Attack: a corrupt leader (with a second corrupt party, t = 2) gives two
// groups of honest parties two different decisions under one batch id, and
// both corrupt parties confirm whichever decision each group holds.
// Presignatures built from different dealer sets differ by amounts the
// corrupt dealers know. The confirmation round must let at most one group
// go on: every honest party that finishes holds the same decision, and none
// is named. Played in the whole network of 7 and in a batch among 6 live
// nodes.
func TestAttackSplitDecision(t *testing.T) {
	for _, tc := range []struct {
		committee []uint32
		groupA    []uint32 // the rest of the honest parties form group B
	}{
		{committee(7), []uint32{3, 4}},
		{committee(6), []uint32{3, 4}},
	} {
		t.Run(fmt.Sprintf("committee %v, group %v", tc.committee, tc.groupA), func(t *testing.T) {
			splitDecision(t, tc.committee, tc.groupA)
		})
	}
}

// equivocator is a corrupt leader that runs two parties of one batch, one
// for each group of honest parties: each group gets its own deal, decision,
// confirmation and opening from it.
type equivocator struct {
	a, b   *Presign
	groupA []uint32
	all    []uint32
}

func (e *equivocator) route(out []mpc.Message, inA bool) []mpc.Message {
	var routed []mpc.Message
	for _, m := range out {
		for _, to := range e.all {
			if to == m.From || slices.Contains(e.groupA, to) != inA || (m.To != mpc.Broadcast && m.To != to) {
				continue
			}
			routed = append(routed, mpc.Message{From: m.From, To: to, Payload: m.Payload})
		}
	}
	return routed
}

func (e *equivocator) Start() ([]mpc.Message, error) {
	outA, err := e.a.Start()
	if err != nil {
		return nil, err
	}
	outB, err := e.b.Start()
	return append(e.route(outA, true), e.route(outB, false)...), err
}

func (e *equivocator) Handle(m mpc.Message) ([]mpc.Message, error) {
	var out []mpc.Message
	if m.Payload[0] == kindDeal || slices.Contains(e.groupA, m.From) {
		o, _ := e.a.Handle(m)
		out = append(out, e.route(o, true)...)
	}
	if m.Payload[0] == kindDeal || !slices.Contains(e.groupA, m.From) {
		o, _ := e.b.Handle(m)
		out = append(out, e.route(o, false)...)
	}
	return out, nil
}

func (e *equivocator) Expire() ([]mpc.Message, error) {
	oa, _ := e.a.Expire()
	ob, _ := e.b.Expire()
	return append(e.route(oa, true), e.route(ob, false)...), nil
}

func (e *equivocator) Done() bool { return e.a.Done() && e.b.Done() }

// The same attack by a leader that equivocates in everything it sends, at
// n = 5 (t = 1): two honest pairs, each with the leader, are 2t+1 and could
// each open a batch of their own; the n − t confirmations stop both.
func TestAttackEquivocatingLeader(t *testing.T) {
	f := newFixture(t, 5)
	members := committee(5)
	groupA := []uint32{2, 3}
	id := batchID()
	parties := map[uint32]mpc.Party{}
	ps := map[uint32]*Presign{}
	var halves [2]*Presign
	for i := range halves {
		p, err := NewPresign(Params{Self: 1, Parties: members, T: f.t, Leader: 1, Session: id}, f.keys[1], 2)
		if err != nil {
			t.Fatal(err)
		}
		halves[i] = p
	}
	parties[1] = &equivocator{a: halves[0], b: halves[1], groupA: groupA, all: members}
	for _, i := range members[1:] {
		p, err := NewPresign(Params{Self: i, Parties: members, T: f.t, Leader: 1, Session: id}, f.keys[i], 2)
		if err != nil {
			t.Fatal(err)
		}
		ps[i], parties[i] = p, p
	}
	if err := mpctest.NewNetwork(parties).Run(); err != nil {
		t.Fatal(err)
	}
	decisions := map[[32]byte][]uint32{}
	for _, i := range members[1:] {
		res, _ := ps[i].Result()
		for _, p := range res {
			decisions[p.ID.Decision] = append(decisions[p.ID.Decision], i)
		}
		for _, e := range ps[i].Faults() {
			if c, _ := mpc.Culprit(e); c != 1 {
				t.Fatalf("party %d names honest party %d: %v", i, c, e)
			}
		}
	}
	if len(decisions) > 1 {
		t.Fatalf("honest parties hold presignatures of two different decisions: %v", decisions)
	}
}

func splitDecision(t *testing.T, members, groupA []uint32) {
	f := newFixture(t, 7)
	corrupt := []uint32{1, 2}
	ps, net := f.presigners(t, members, 1, 2)
	session := ps[3].d.p.Session
	digests := map[uint32][32]byte{}
	subset := members[:len(members)-f.t] // n − t dealers: acceptable on its own
	decisionFor := func(to uint32) []uint32 {
		if slices.Contains(groupA, to) {
			return subset
		}
		return members
	}
	net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		switch {
		case m.From == 1 && m.Payload[0] == kindDecision:
			dec, err := ps[to].d.parseDecision(m.Payload[1:])
			if err != nil {
				t.Fatal(err)
			}
			for id, dg := range dec.digests {
				digests[id] = dg
			}
			m.Payload = encodeDecision(decisionFor(to), digests)
		case slices.Contains(corrupt, m.From) && m.Payload[0] == kindConfirm:
			dg := decisionDigest(session, members, decisionFor(to), digests)
			m.Payload = append([]byte{kindConfirm}, dg[:]...)
		}
		return &m
	}
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	decisions := map[[32]byte][]uint32{}
	for _, id := range members[2:] {
		res, _ := ps[id].Result()
		for _, p := range res {
			decisions[p.ID.Decision] = append(decisions[p.ID.Decision], id)
		}
		for _, e := range ps[id].Faults() {
			if c, _ := mpc.Culprit(e); !slices.Contains(corrupt, c) {
				t.Fatalf("party %d names honest party %d: %v", id, c, e)
			}
		}
	}
	if len(decisions) > 1 {
		t.Fatalf("honest parties hold presignatures of two different decisions: %v", decisions)
	}
}

// zeroShareOffset is where the share of zero-sharing z of presignature p
// lies in a deal message of a batch of count.
func zeroShareOffset(d *dealing, count, p, z int) int {
	return 1 + d.commitLen()*secp.PointSize + (perPresig*count+2*p+z)*secp.ScalarSize
}

// Attack: a dealer sends one honest party a bad zero-sharing share. Without
// commitments on the zero-sharings the victim could not tell, its w_i (or
// σ_i) came out wrong, and every party (the victim too) named the victim and
// dropped it from the holders. With them the victim complains, the dealer
// must answer in public or leave D, and nobody names the victim, which holds
// every presignature and signs with it.
func TestAttackBadZeroShareFramesNobody(t *testing.T) {
	for _, tc := range []struct {
		name    string
		zero    int
		answers bool // the dealer publishes the victim's true share
	}{
		{"z^w answered", zeroW, true},
		{"z^b answered", zeroB, true},
		{"z^w unanswered", zeroW, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			const dealer, victim, count = 4, 2, 2
			f := newFixture(t, 4)
			ps, net := f.presigners(t, committee(4), 1, count)
			net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
				if m.From == dealer && to == victim && m.Payload[0] == kindDeal {
					m.Payload = slices.Clone(m.Payload)
					m.Payload[zeroShareOffset(ps[victim].d, count, 0, tc.zero)+31] ^= 1
				}
				if m.From == dealer && m.Payload[0] == kindJustification && !tc.answers {
					return nil
				}
				return &m
			}
			if err := net.Run(); err != nil {
				t.Fatal(err)
			}
			pres := map[uint32][]*Presignature{}
			for _, id := range []uint32{1, 2, 3} {
				res, err := ps[id].Result()
				if err != nil || len(res) != count {
					t.Fatalf("party %d: %d presignatures, %v", id, len(res), err)
				}
				if !slices.Contains(res[0].Holders, victim) {
					t.Fatalf("party %d leaves the victim out of the holders %v", id, res[0].Holders)
				}
				for _, e := range ps[id].Faults() {
					if c, _ := mpc.Culprit(e); c != dealer {
						t.Fatalf("party %d names honest party %d: %v", id, c, e)
					}
				}
				pres[id] = res
			}
			if got := slices.Contains(ps[1].Qualified(), dealer); got != tc.answers {
				t.Fatalf("dealer in D: %v, want %v", got, tc.answers)
			}
			// The victim's share makes a valid signature with two others.
			s, x := f.pkp(t, "victim")
			req := request(s, x, "victim signs", "lit_victim")
			var shares []*SignatureShare
			for _, id := range []uint32{1, 2, 3} {
				sh, err := pres[id][0].Sign(f.keys[id], req)
				if err != nil {
					t.Fatal(err)
				}
				shares = append(shares, sh)
			}
			sig, _, err := Combine(shares, 3)
			if err != nil {
				t.Fatalf("the victim's share does not fit: %v", err)
			}
			verifyIndependently(t, sig, req.Hash, x)
		})
	}
}

// Attack: one party opens a wrong w_i (keeping a proof that looks like any
// other) at n = 16. Finding it by trying (2t+1)-subsets of the openings
// took a minute of CPU per batch; every honest party must name exactly the
// sender, in time linear in n (BenchmarkBlame measures it), and make the
// batch from the others.
func TestAttackWrongWNamedExactly(t *testing.T) {
	const n, liar, count = 16, 5, 4
	f := newFixture(t, n)
	ps, net := f.presigners(t, committee(n), 1, count)
	net.Tamper = tamperOpen(liar, 2, func(o []byte) { o[31] ^= 1 })
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	want := slices.DeleteFunc(committee(n), func(id uint32) bool { return id == liar })
	for _, id := range want {
		res, err := ps[id].Result()
		if err != nil || len(res) != count {
			t.Fatalf("party %d: %d presignatures, %v", id, len(res), err)
		}
		if !namesOnly(ps[id].Faults(), liar) {
			t.Fatalf("party %d: faults %v, want only party %d", id, ps[id].Faults(), liar)
		}
		if !slices.Equal(res[0].Holders, want) {
			t.Fatalf("party %d: holders %v", id, res[0].Holders)
		}
	}
}

// Attack: a network configured with n = 2t+1. Two sets of n − t parties
// then need not share an honest one, and every agreement argument fails.
// The root keys are never made by fewer than 3t+1, nor a batch by fewer
// than the 2t+1 that must open it.
func TestAttackTwoTPlusOneRefused(t *testing.T) {
	p := Params{Self: 1, Parties: committee(5), T: 2, Leader: 1, Session: batchID()}
	if _, err := NewDKG(p); !errors.Is(err, ErrParams) {
		t.Fatalf("DKG with n = 2t+1: %v", err)
	}
	f := newFixture(t, 7) // a real key share with t = 2 …
	p.Parties = committee(4)
	if _, err := NewPresign(p, f.keys[1], 1); !errors.Is(err, ErrParams) {
		t.Fatalf("presign among 2t: %v", err) // … used by too small a committee
	}
	ks := *f.keys[1]
	ks.Parties = committee(5)
	if err := ks.Validate(); !errors.Is(err, ErrKeyShare) {
		t.Fatalf("a key share of a 2t+1 network: %v", err)
	}
}

// failingReader gives n bytes of real randomness, then fails.
type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n < len(p) {
		return 0, errors.New("entropy source gone")
	}
	r.n -= len(p)
	return rand.Read(p)
}

// Attack: the randomness source fails while a party proves its opening.
// Falling back to a 64-bit nonce let the others solve the proof for a_i,
// then k. The party must abort the batch and send nothing it proved.
func TestAttackRandomnessFailureAborts(t *testing.T) {
	f := newFixture(t, 4)
	const count = 2
	// Dealing at t = 1 draws 16 scalars for a batch of 2: exactly what the
	// reader gives before the proof nonces.
	members := committee(4)
	ps, parties := map[uint32]*Presign{}, map[uint32]mpc.Party{}
	id := batchID()
	for _, i := range members {
		p := Params{Self: i, Parties: members, T: f.t, Leader: 1, Session: id}
		if i == 3 {
			p.Rand = &failingReader{n: 16 * secp.ScalarSize}
		}
		pre, err := NewPresign(p, f.keys[i], count)
		if err != nil {
			t.Fatal(err)
		}
		ps[i], parties[i] = pre, pre
	}
	net := mpctest.NewNetwork(parties)
	opened := false
	net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.From == 3 && m.Payload[0] == kindOpen {
			opened = true
		}
		return &m
	}
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	if _, err := ps[3].Result(); !errors.Is(err, ErrRandomness) {
		t.Fatalf("party 3: %v, want ErrRandomness", err)
	}
	if opened {
		t.Fatal("party 3 sent an opening without a sound proof nonce")
	}
	// The others finish without it.
	for _, i := range []uint32{1, 2, 4} {
		if res, err := ps[i].Result(); err != nil || len(res) != count || slices.Contains(res[0].Holders, 3) {
			t.Fatalf("party %d: %v", i, err)
		}
	}
	// A source that fails at once stops the dealing before anything leaves.
	p := Params{Self: 1, Parties: members, T: f.t, Leader: 1, Session: batchID(), Rand: &failingReader{}}
	pre, err := NewPresign(p, f.keys[1], count)
	if err != nil {
		t.Fatal(err)
	}
	if out, err := pre.Start(); !errors.Is(err, ErrRandomness) || len(out) != 0 {
		t.Fatalf("start: %d messages, %v", len(out), err)
	}
}

// namesOnly reports whether faults is non-empty and names party only.
func namesOnly(faults []error, party uint32) bool {
	if len(faults) == 0 {
		return false
	}
	for _, e := range faults {
		if c, ok := mpc.Culprit(e); !ok || c != party {
			return false
		}
	}
	return true
}

// noHonestNamed fails the test if any party in honest names a party outside
// corrupt.
func noHonestNamed(t *testing.T, faults map[uint32][]error, corrupt ...uint32) {
	t.Helper()
	for id, fs := range faults {
		for _, e := range fs {
			if c, _ := mpc.Culprit(e); !slices.Contains(corrupt, c) {
				t.Fatalf("party %d names honest party %d: %v", id, c, e)
			}
		}
	}
}

// Attack: a party says "ok" in its verdict with commitments nobody dealt,
// for every honest dealer. The leader used to name and exclude each of them,
// so one lie failed every batch and the genesis DKG and framed honest
// dealers. A mismatch counts like a missing deal now: at t or fewer parties
// the dealer stays, and nobody is named.
func TestAttackLyingVerdict(t *testing.T) {
	lie := func(own [32]byte) func(mpc.Message, uint32) *mpc.Message {
		return func(m mpc.Message, to uint32) *mpc.Message {
			if m.From == 4 && m.Payload[0] == kindVerdict {
				w := writer{}
				w.u8(kindVerdict)
				for k := 0; k < 4; k++ {
					w.u8(verdictOK)
					junk := [32]byte{byte(k), 0xee}
					if k == 3 {
						junk = own
					}
					w.raw(junk[:])
				}
				m.Payload = w.b
			}
			return &m
		}
	}
	f := newFixture(t, 4)
	ps, net := f.presigners(t, committee(4), 1, 2)
	net.Tamper = func(m mpc.Message, to uint32) *mpc.Message { return lie(ps[4].d.deals[4].digest)(m, to) }
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	faults := map[uint32][]error{}
	for _, id := range []uint32{1, 2, 3} {
		if res, err := ps[id].Result(); err != nil || len(res) != 2 {
			t.Fatalf("party %d: %v", id, err)
		}
		faults[id] = ps[id].Faults()
	}
	noHonestNamed(t, faults, 4)

	dkgs, net := newDKGs(t, 4, 1)
	net.Tamper = func(m mpc.Message, to uint32) *mpc.Message { return lie(dkgs[4].d.deals[4].digest)(m, to) }
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	faults = map[uint32][]error{}
	for _, id := range []uint32{1, 2, 3} {
		if _, err := dkgs[id].Result(); err != nil {
			t.Fatalf("DKG party %d: %v", id, err)
		}
		faults[id] = dkgs[id].Faults()
	}
	noHonestNamed(t, faults, 4)
}

// Attack: a corrupt leader frames an honest dealer — by putting another
// digest for it in the decision, or by forwarding a party that never
// complained a "justification" of it with the real commitments and garbage
// shares. Every party used to name the dealer. Now a party drops out of a
// decision that does not fit what it holds without naming the dealer, and
// uses a forwarded justification only for a deal it found bad itself.
func TestAttackLeaderFramesDealer(t *testing.T) {
	f := newFixture(t, 4)
	ps, net := f.presigners(t, committee(4), 1, 2)
	net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.From == 1 && m.Payload[0] == kindDecision {
			dec, err := ps[to].d.parseDecision(m.Payload[1:])
			if err != nil {
				t.Fatal(err)
			}
			dec.digests[2] = [32]byte{0xba, 0xd}
			m.Payload = encodeDecision(dec.qualified, dec.digests)
		}
		return &m
	}
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	faults := map[uint32][]error{}
	for _, id := range []uint32{2, 3, 4} {
		if res, err := ps[id].Result(); !errors.Is(err, ErrDroppedOut) || len(res) != 0 {
			t.Fatalf("party %d: %d presignatures, %v", id, len(res), err)
		}
		faults[id] = ps[id].Faults()
	}
	noHonestNamed(t, faults, 1)

	ps, net = f.presigners(t, committee(4), 1, 2)
	net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.From == 1 && m.Payload[0] == kindDecision && to == 3 {
			dec, err := ps[to].d.parseDecision(m.Payload[1:])
			if err != nil {
				t.Fatal(err)
			}
			d := ps[1].d
			body := append([]byte(nil), d.deals[2].raw[:d.commitLen()*secp.PointSize]...)
			for i := 0; i < d.shareLen(); i++ {
				body = append(body, bytesOf(uint32(i+1))...)
			}
			w := writer{b: encodeDecision(dec.qualified, dec.digests)}
			w.b = w.b[:len(w.b)-2] // no forwarded justifications …
			w.u16(1)               // … but this one
			w.u16(2)
			w.u16(3)
			w.raw(body)
			m.Payload = w.b
		}
		return &m
	}
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	faults = map[uint32][]error{}
	for _, id := range []uint32{2, 3, 4} {
		if res, err := ps[id].Result(); err != nil || len(res) != 2 {
			t.Fatalf("party %d: %d presignatures, %v", id, len(res), err)
		}
		faults[id] = ps[id].Faults()
	}
	noHonestNamed(t, faults, 1)
}

// bytesOf is a scalar encoding of v.
func bytesOf(v uint32) []byte {
	s := secp.ScalarFromUint(v)
	b := s.Bytes()
	return b[:]
}

// Attack: t nodes answer wrong plain shares (n = 13, t = 4, the lowest
// indices, so that the first quorum tried holds all of them). The client
// must still find the 9 honest shares and name exactly the 4, within its
// bounded search.
func TestAttackTWrongShares(t *testing.T) {
	f := newFixture(t, 13)
	pres := f.presign(t, 1)
	s, x := f.pkp(t, "sigma")
	req := request(s, x, "pay 1 ETH", "lit_sigma")
	var shares []*SignatureShare
	for _, id := range committee(13) {
		sh, err := pres[id][0].Sign(f.keys[id], req)
		if err != nil {
			t.Fatal(err)
		}
		shares = append(shares, sh)
	}
	var one secp.Scalar
	one.SetInt(1)
	for i := 0; i < 4; i++ {
		shares[i].Sigma.Add(&one)
	}
	sig, bad, err := Combine(shares, 9)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(bad, []uint32{1, 2, 3, 4}) {
		t.Fatalf("named %v", bad)
	}
	verifyIndependently(t, sig, req.Hash, x)
}
