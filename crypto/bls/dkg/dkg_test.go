package dkg

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	kdkg "github.com/drand/kyber/share/dkg"

	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/bls/blstest"
	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/mpc/mpctest"
)

type committee struct {
	ids   map[uint32]*Identity
	parts []Participant
}

func newCommittee(t testing.TB, indices ...uint32) committee {
	t.Helper()
	c := committee{ids: map[uint32]*Identity{}}
	for _, i := range indices {
		id, err := NewIdentity()
		if err != nil {
			t.Fatal(err)
		}
		c.ids[i] = id
		c.parts = append(c.parts, Participant{Index: i, Key: id.PublicKey()})
	}
	return c
}

func seq(from, to uint32) []uint32 {
	var out []uint32
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func session(t testing.TB) []byte {
	s := make([]byte, 32)
	rand.Read(s)
	return s
}

// freshParties builds a fresh DKG among c.
func freshParties(t testing.TB, c committee, sess []byte) map[uint32]mpc.Party {
	t.Helper()
	ps := map[uint32]mpc.Party{}
	for _, n := range c.parts {
		p, err := New(Config{Self: n.Index, Identity: c.ids[n.Index], Nodes: c.parts, Session: sess})
		if err != nil {
			t.Fatal(err)
		}
		ps[n.Index] = p
	}
	return ps
}

// results returns the results of the given parties and checks that they agree:
// same public polynomial and qualified set, and every share matches it.
func results(t testing.TB, ps map[uint32]mpc.Party, honest []uint32) []*Result {
	t.Helper()
	var out []*Result
	for _, i := range honest {
		r, err := ps[i].(*Party).Result()
		if err != nil {
			t.Fatalf("node %d: %v", i, err)
		}
		if r.Share == nil || r.Share.Index() != i {
			t.Fatalf("node %d: no share of its own", i)
		}
		if len(out) > 0 {
			if !r.Share.PublicPoly().Equal(out[0].Share.PublicPoly()) {
				t.Fatalf("node %d has another public polynomial", i)
			}
			if !slices.Equal(r.Qualified, out[0].Qualified) {
				t.Fatalf("node %d qualified %v, node %d %v", i, r.Qualified, honest[0], out[0].Qualified)
			}
		}
		out = append(out, r)
	}
	return out
}

// checkSigns has a random quorum of the shares sign, combines, and verifies
// under the public key; one share fewer must not verify.
func checkSigns(t testing.TB, rs []*Result, q int) bls.Signature {
	t.Helper()
	msg := []byte("dkg output signs")
	var shares []bls.SignatureShare
	for _, r := range rs {
		s, err := r.Share.Sign(msg)
		if err != nil {
			t.Fatal(err)
		}
		shares = append(shares, s)
	}
	poly := rs[0].Share.PublicPoly()
	if poly.Threshold() != q {
		t.Fatalf("threshold %d, want %d", poly.Threshold(), q)
	}
	sig, err := poly.Combine(msg, shares[len(shares)-q:])
	if err != nil {
		t.Fatal(err)
	}
	if err := bls.Verify(poly.PublicKey(), msg, sig); err != nil {
		t.Fatal(err)
	}
	short, err := bls.Interpolate(shares[:q-1])
	if err != nil {
		t.Fatal(err)
	}
	if bls.Verify(poly.PublicKey(), msg, short) == nil {
		t.Fatal("q-1 shares signed")
	}
	return sig
}

func run(t testing.TB, net *mpctest.Network) {
	t.Helper()
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
}

// TestFresh: n = 4, 7, 10 honest nodes agree on the key and on the qualified set
// (everyone), and a quorum of the shares signs.
func TestFresh(t *testing.T) {
	for _, n := range []uint32{4, 7, 10} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			c := newCommittee(t, seq(1, n)...)
			ps := freshParties(t, c, session(t))
			net := mpctest.NewNetwork(ps)
			net.MaxExpiries = 0
			run(t, net)
			for i, errs := range net.Errors {
				t.Fatalf("node %d: %v", i, errs)
			}
			rs := results(t, ps, seq(1, n))
			if !slices.Equal(rs[0].Qualified, seq(1, n)) {
				t.Fatalf("qualified %v", rs[0].Qualified)
			}
			checkSigns(t, rs, DefaultThreshold(int(n)))
		})
	}
}

// TestSilent: t silent nodes do not stop the others, who leave them out.
func TestSilent(t *testing.T) {
	c := newCommittee(t, seq(1, 7)...) // t = 2, q = 5
	ps := freshParties(t, c, session(t))
	net := mpctest.NewNetwork(ps)
	net.Silent[3], net.Silent[7] = true, true
	run(t, net)
	honest := []uint32{1, 2, 4, 5, 6}
	rs := results(t, ps, honest)
	if !slices.Equal(rs[0].Qualified, honest) {
		t.Fatalf("qualified %v, want %v", rs[0].Qualified, honest)
	}
	checkSigns(t, rs, 5)
}

// kind returns a payload's packet kind and origin.
func kindOf(t testing.TB, payload []byte) (byte, uint32) {
	v, err := decode(payload)
	if err != nil {
		t.Fatal(err)
	}
	switch x := v.(type) {
	case *confirm:
		return kindConfirm, x.node
	case kdkg.Packet:
		return payload[0], x.Index() + 1
	}
	return 0, 0
}

// TestBadDeal: a dealer that gives one node a share inconsistent with its
// commitments (properly signed) and then does not justify it is excluded by
// every honest node, while a silent node is also tolerated.
func TestBadDeal(t *testing.T) {
	c := newCommittee(t, seq(1, 7)...)
	sess := session(t)
	ps := freshParties(t, c, sess)
	const cheat, victim, silent = 2, 5, 7
	// The cheater's deal for the victim is replaced by an encryption of another
	// scalar, and the bundle re-signed with the cheater's key.
	start, err := ps[cheat].Start()
	if err != nil {
		t.Fatal(err)
	}
	v, _ := decode(start[0].Payload)
	bundle := v.(*kdkg.DealBundle)
	for i := range bundle.Deals {
		if bundle.Deals[i].ShareIndex == victim-1 {
			wrong := suite.Scalar().Pick(suite.RandomStream())
			msg, _ := wrong.MarshalBinary()
			ct, err := eciesEncrypt(c.ids[victim].public, msg)
			if err != nil {
				t.Fatal(err)
			}
			bundle.Deals[i].EncryptedShare = ct
		}
	}
	if bundle.Signature, err = auth.Sign(c.ids[cheat].secret, bundle.Hash()); err != nil {
		t.Fatal(err)
	}
	forged := encodeDeal(bundle)
	ps[cheat] = &scripted{Party: ps[cheat].(*Party), start: []mpc.Message{{From: cheat, Payload: forged}}}

	net := mpctest.NewNetwork(ps)
	net.Silent[silent] = true
	net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if k, origin := kindOf(t, m.Payload); k == kindJustification && origin == cheat {
			return nil // the cheater does not justify
		}
		return &m
	}
	run(t, net)
	honest := []uint32{1, 3, 4, 5, 6}
	rs := results(t, ps, honest)
	if slices.Contains(rs[0].Qualified, cheat) || slices.Contains(rs[0].Qualified, silent) {
		t.Fatalf("qualified %v includes the cheater or the silent node", rs[0].Qualified)
	}
	checkSigns(t, rs, 5)
}

// TestEquivocation: a dealer that signs two different deal bundles and sends
// them to different nodes is caught by the relays and excluded by every honest
// node; they still agree.
func TestEquivocation(t *testing.T) {
	c := newCommittee(t, seq(1, 4)...)
	sess := session(t)
	ps := freshParties(t, c, sess)
	twin, err := New(Config{Self: 1, Identity: c.ids[1], Nodes: c.parts, Session: sess})
	if err != nil {
		t.Fatal(err)
	}
	other, err := twin.Start()
	if err != nil {
		t.Fatal(err)
	}
	net := mpctest.NewNetwork(ps)
	net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.From == 1 && to >= 3 {
			if k, _ := kindOf(t, m.Payload); k == kindDeal {
				return &mpc.Message{From: 1, To: m.To, Payload: other[0].Payload}
			}
		}
		return &m
	}
	run(t, net)
	honest := []uint32{2, 3, 4}
	rs := results(t, ps, honest)
	if slices.Contains(rs[0].Qualified, 1) {
		t.Fatalf("qualified %v includes the equivocator", rs[0].Qualified)
	}
	for _, i := range honest {
		blamed := false
		for _, e := range net.Errors[i] {
			if who, ok := mpc.Culprit(e); ok && who == 1 {
				blamed = true
			}
		}
		if !blamed {
			t.Errorf("node %d did not blame node 1: %v", i, net.Errors[i])
		}
	}
	checkSigns(t, rs, 3)
}

// TestReshare: shares of a 4-node key are reshared to 7 nodes (node 1 leaves,
// 5..8 join) with one old node silent; the public key and the signatures stay
// the same, and the new quorum is 5.
func TestReshare(t *testing.T) {
	old := newCommittee(t, seq(1, 4)...)
	ps := freshParties(t, old, session(t))
	run(t, mpctest.NewNetwork(ps))
	oldRes := results(t, ps, seq(1, 4))
	oldSig := checkSigns(t, oldRes, 3)
	oldPoly := oldRes[0].Share.PublicPoly()

	// New committee: nodes 2, 3, 4 keep their identities, 5..8 are new.
	next := committee{ids: map[uint32]*Identity{}}
	for _, i := range []uint32{2, 3, 4} {
		next.ids[i] = old.ids[i]
		next.parts = append(next.parts, Participant{Index: i, Key: old.ids[i].PublicKey()})
	}
	fresh := newCommittee(t, seq(5, 8)...)
	for _, n := range fresh.parts {
		next.ids[n.Index] = fresh.ids[n.Index]
		next.parts = append(next.parts, n)
	}
	sess := session(t)
	rps := map[uint32]mpc.Party{}
	for i := uint32(1); i <= 8; i++ {
		id := old.ids[i]
		if id == nil {
			id = next.ids[i]
		}
		cfg := Config{Self: i, Identity: id, Nodes: next.parts, Session: sess, OldNodes: old.parts, OldPoly: oldPoly}
		if i <= 4 {
			cfg.Share = oldRes[i-1].Share
		}
		p, err := New(cfg)
		if err != nil {
			t.Fatalf("node %d: %v", i, err)
		}
		rps[i] = p
	}
	net := mpctest.NewNetwork(rps)
	net.Silent[4] = true // an old node, also in the new set, is down
	run(t, net)
	if r, err := rps[1].(*Party).Result(); err != nil || r.Share != nil {
		t.Fatalf("leaving node: %v %v", r, err)
	}
	honest := []uint32{2, 3, 5, 6, 7, 8}
	rs := results(t, rps, honest)
	if !rs[0].Share.PublicKey().Equal(oldPoly.PublicKey()) {
		t.Fatal("resharing changed the public key")
	}
	if rs[0].Share.PublicPoly().Equal(oldPoly) {
		t.Fatal("resharing kept the old polynomial")
	}
	sig := checkSigns(t, rs, 5)
	if !sig.Equal(oldSig) {
		t.Fatal("the new shares sign differently from the old ones")
	}
}

// TestHandleRejects: garbage, unknown senders and forged packets are refused
// with errors naming the sender, and the party still finishes.
func TestHandleRejects(t *testing.T) {
	c := newCommittee(t, seq(1, 4)...)
	ps := freshParties(t, c, session(t))
	p := ps[1].(*Party)
	if _, err := p.Handle(mpc.Message{From: 2, Payload: []byte{kindDeal, 0, 0}}); !errors.Is(err, ErrMessage) {
		t.Fatalf("garbage: %v", err)
	} else if who, _ := mpc.Culprit(err); who != 2 {
		t.Fatalf("garbage blamed on %d", who)
	}
	if _, err := p.Handle(mpc.Message{From: 9, Payload: []byte{1}}); !errors.Is(err, mpc.ErrUnexpected) {
		t.Fatalf("stranger: %v", err)
	}
	// Node 3 relays node 2's deal with one byte of the signature changed.
	start, err := ps[2].Start()
	if err != nil {
		t.Fatal(err)
	}
	forged := slices.Clone(start[0].Payload)
	forged[len(forged)-1] ^= 1
	if _, err := p.Handle(mpc.Message{From: 3, Payload: forged}); err == nil {
		t.Fatal("forged packet accepted")
	} else if who, _ := mpc.Culprit(err); who != 3 {
		t.Fatalf("forgery blamed on %d", who)
	}
	// Node 3 replays a deal node 2 made in another session.
	stale, err := New(Config{Self: 2, Identity: c.ids[2], Nodes: c.parts, Session: session(t)})
	if err != nil {
		t.Fatal(err)
	}
	old, err := stale.Start()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Handle(mpc.Message{From: 3, Payload: old[0].Payload}); err == nil {
		t.Fatal("replayed packet accepted")
	} else if who, _ := mpc.Culprit(err); who != 3 {
		t.Fatalf("replay blamed on %d", who)
	}
	// A fresh network (node 2 already started above) still finishes.
	ps = freshParties(t, c, session(t))
	net := mpctest.NewNetwork(ps)
	run(t, net)
	results(t, ps, seq(1, 4))
}

func TestConfigErrors(t *testing.T) {
	c := newCommittee(t, seq(1, 4)...)
	sess := session(t)
	other, _ := NewIdentity()
	dup := slices.Clone(c.parts)
	dup[1].Key = dup[0].Key
	keys, err := blstest.Deal(4, 3)
	if err != nil {
		t.Fatal(err)
	}
	poly := keys[0].PublicPoly()
	for name, cfg := range map[string]Config{
		"short session":                     {Self: 1, Identity: c.ids[1], Nodes: c.parts, Session: sess[:31]},
		"not listed":                        {Self: 1, Identity: other, Nodes: c.parts, Session: sess},
		"shared key":                        {Self: 1, Identity: c.ids[1], Nodes: dup, Session: sess},
		"threshold":                         {Self: 1, Identity: c.ids[1], Nodes: c.parts, Session: sess, Threshold: 5},
		"no nodes":                          {Self: 1, Identity: c.ids[1], Session: sess},
		"reshare no old":                    {Self: 1, Identity: c.ids[1], Nodes: c.parts, Session: sess, OldNodes: c.parts},
		"reshare, no share for an old node": {Self: 1, Identity: c.ids[1], Nodes: c.parts, Session: sess, OldNodes: c.parts, OldPoly: poly},
		"reshare, share of a new node":      {Self: 1, Identity: c.ids[1], Nodes: c.parts, Session: sess, OldNodes: c.parts[1:], OldPoly: poly, Share: keys[0]},
	} {
		if _, err := New(cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v", name, err)
		}
	}
}

// scripted replaces a party's first messages.
type scripted struct {
	*Party
	start []mpc.Message
}

func (s *scripted) Start() ([]mpc.Message, error) { return s.start, nil }

func TestIdentity(t *testing.T) {
	id, err := NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := id.MarshalBinary()
	id2, err := UnmarshalIdentity(b)
	if err != nil || !bytes.Equal(id2.PublicKey(), id.PublicKey()) {
		t.Fatalf("round trip: %v", err)
	}
	if _, err := bls.ParsePublicKey(id.PublicKey()); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"%v", "%+v", "%#v", "%s"} {
		if out := fmt.Sprintf(f, *id); strings.Contains(out, hex.EncodeToString(b)) {
			t.Errorf("%s prints the secret", f)
		}
		if out := fmt.Sprintf(f, id); strings.Contains(out, hex.EncodeToString(b)) {
			t.Errorf("%s prints the secret", f)
		}
	}
	if _, err := UnmarshalIdentity(make([]byte, 32)); !errors.Is(err, bls.ErrInvalidScalar) {
		t.Errorf("zero: %v", err)
	}
	if _, err := UnmarshalIdentity(bytes.Repeat([]byte{0xff}, 32)); !errors.Is(err, bls.ErrInvalidScalar) {
		t.Errorf("above the order: %v", err)
	}
}

// BenchmarkDKG runs a whole fresh DKG of n nodes in one goroutine (all parties'
// work, so divide by n for one node's share of it).
func BenchmarkDKG(b *testing.B) {
	for _, n := range []uint32{4, 7, 10} {
		c := newCommittee(b, seq(1, n)...)
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			defer blstest.ReportCPU(b)()
			for b.Loop() {
				ps := freshParties(b, c, session(b))
				run(b, mpctest.NewNetwork(ps))
			}
		})
	}
}
