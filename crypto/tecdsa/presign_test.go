package tecdsa

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/crypto/hd"
	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/mpc/mpctest"
	"github.com/flint-network/flint/crypto/secp"
)

// fixture is a committee that ran the DKG.
type fixture struct {
	n, t int
	keys map[uint32]*KeyShare
	pubs []secp.Point
}

func newFixture(t testing.TB, n int) *fixture {
	t.Helper()
	dkgs, net := newDKGs(t, n, 1)
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	f := &fixture{n: n, t: DefaultThreshold(n), keys: map[uint32]*KeyShare{}}
	for id, g := range dkgs {
		ks, err := g.Result()
		if err != nil {
			t.Fatal(err)
		}
		f.keys[id] = ks
	}
	f.pubs = f.keys[1].PublicKeys()
	return f
}

func batchID() []byte {
	b := make([]byte, 16)
	rand.Read(b)
	return b
}

func (f *fixture) presigners(t testing.TB, members []uint32, leader uint32, count int) (map[uint32]*Presign, *mpctest.Network) {
	t.Helper()
	id := batchID()
	parties := map[uint32]mpc.Party{}
	ps := map[uint32]*Presign{}
	for _, i := range members {
		p, err := NewPresign(Params{Self: i, Parties: members, T: f.t, Leader: leader, Session: id}, f.keys[i], count)
		if err != nil {
			t.Fatal(err)
		}
		ps[i], parties[i] = p, p
	}
	return ps, mpctest.NewNetwork(parties)
}

// presign runs a batch and returns each party's presignatures.
func (f *fixture) presign(t testing.TB, count int) map[uint32][]*Presignature {
	t.Helper()
	ps, net := f.presigners(t, committee(f.n), 1, count)
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	return results(t, ps)
}

func results(t testing.TB, ps map[uint32]*Presign) map[uint32][]*Presignature {
	t.Helper()
	out := map[uint32][]*Presignature{}
	for id, p := range ps {
		res, err := p.Result()
		if err != nil {
			t.Fatalf("party %d: %v", id, err)
		}
		out[id] = res
	}
	return out
}

// pkp derives a PKP key from the fixture's root keys.
func (f *fixture) pkp(t testing.TB, keyID string) (secp.Scalar, secp.Point) {
	s := hd.KeyScalar([]byte(keyID))
	x, err := hd.DerivePublic(f.pubs, &s)
	if err != nil {
		t.Fatal(err)
	}
	return s, x
}

func request(s secp.Scalar, x secp.Point, msg string, reqID string) *SignRequest {
	return &SignRequest{KeyScalar: s, PublicKey: x, Hash: sha256.Sum256([]byte(msg)), RequestID: []byte(reqID)}
}

// verifyIndependently checks a signature with decred's verifier and with
// go-ethereum's Ecrecover, which must give the PKP's address.
func verifyIndependently(t testing.TB, sig *Signature, hash [32]byte, x secp.Point) {
	t.Helper()
	pk := secp256k1.NewPublicKey(&x.X, &x.Y)
	if !ecdsa.NewSignature(&sig.R, &sig.S).Verify(hash[:], pk) {
		t.Fatal("decred's verifier rejects the signature")
	}
	if sig.S.IsOverHalfOrder() {
		t.Fatal("signature is not low-s")
	}
	b := sig.Bytes()
	rec, err := crypto.Ecrecover(hash[:], b[:])
	if err != nil {
		t.Fatalf("Ecrecover: %v", err)
	}
	u := secp.Uncompressed(&x)
	if !bytes.Equal(rec, u[:]) {
		t.Fatal("Ecrecover gives another key")
	}
	pub, _ := crypto.UnmarshalPubkey(rec)
	want, _ := crypto.UnmarshalPubkey(u[:])
	if crypto.PubkeyToAddress(*pub) != crypto.PubkeyToAddress(*want) {
		t.Fatal("recovered address is not the PKP's")
	}
}

func TestPresignAndSignHonest(t *testing.T) {
	for _, n := range []int{4, 7, 10} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			f := newFixture(t, n)
			pres := f.presign(t, 3)
			q := 2*f.t + 1
			for id, list := range pres {
				if len(list) != 3 {
					t.Fatalf("party %d has %d presignatures", id, len(list))
				}
				if !slices.Equal(list[0].Holders, committee(n)) {
					t.Fatalf("holders %v", list[0].Holders)
				}
			}
			// All parties agree on R and w, and w·G = a·R holds for the
			// interpolated a (a test-only reconstruction).
			for p := 0; p < 3; p++ {
				for id := range pres {
					if !secp.Equal(&pres[id][p].R, &pres[1][p].R) || !pres[id][p].W.Equals(&pres[1][p].W) {
						t.Fatalf("party %d disagrees on presignature %d", id, p)
					}
				}
			}
			for p := 0; p < 3; p++ {
				s, x := f.pkp(t, fmt.Sprintf("key-%d", p))
				req := request(s, x, fmt.Sprintf("message %d", p), fmt.Sprintf("lit_%d", p))
				// Plain shares from the last q parties.
				var shares []*SignatureShare
				for _, id := range committee(n)[n-q:] {
					sh, err := pres[id][p].Sign(f.keys[id], req)
					if err != nil {
						t.Fatal(err)
					}
					shares = append(shares, sh)
				}
				sig, bad, err := Combine(shares, q)
				if err != nil || len(bad) != 0 {
					t.Fatalf("combine: %v (bad %v)", err, bad)
				}
				verifyIndependently(t, sig, req.Hash, x)

				// Lit-weighted shares for a signer set: the sum is the same
				// signature.
				signers, err := SignerSet(req.RequestID, req.Hash, committee(n), q)
				if err != nil {
					t.Fatal(err)
				}
				wreq := *req
				wreq.Signers = signers
				var wshares []*SignatureShare
				for _, id := range signers {
					sh, err := pres[id][p].Sign(f.keys[id], &wreq)
					if err != nil {
						t.Fatal(err)
					}
					wshares = append(wshares, sh)
				}
				wsig, err := CombineWeighted(wshares)
				if err != nil {
					t.Fatal(err)
				}
				verifyIndependently(t, wsig, req.Hash, x)
				if wsig.Bytes() != sig.Bytes() {
					t.Fatal("weighted and plain shares give different signatures")
				}
			}
		})
	}
}

// t silent parties: the batch completes and the others still sign.
// t+1 silent: too few openings (or dealers), a clean failure.
func TestPresignSilentParties(t *testing.T) {
	f := newFixture(t, 7)
	ps, net := f.presigners(t, committee(7), 1, 2)
	net.Silent[6], net.Silent[7] = true, true
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	live := committee(5)
	pres := map[uint32][]*Presignature{}
	for _, id := range live {
		res, err := ps[id].Result()
		if err != nil {
			t.Fatalf("party %d: %v", id, err)
		}
		pres[id] = res
		if !slices.Equal(res[0].Holders, live) {
			t.Fatalf("holders %v, want %v", res[0].Holders, live)
		}
	}
	s, x := f.pkp(t, "silent")
	req := request(s, x, "hello", "lit_silent")
	var shares []*SignatureShare
	for _, id := range live {
		sh, err := pres[id][0].Sign(f.keys[id], req)
		if err != nil {
			t.Fatal(err)
		}
		shares = append(shares, sh)
	}
	sig, _, err := Combine(shares, 5)
	if err != nil {
		t.Fatal(err)
	}
	verifyIndependently(t, sig, req.Hash, x)

	ps, net = f.presigners(t, committee(7), 1, 2)
	for _, id := range []uint32{5, 6, 7} {
		net.Silent[id] = true
	}
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	for _, id := range committee(4) {
		if _, err := ps[id].Result(); !errors.Is(err, ErrTooFewDealers) {
			t.Fatalf("party %d: %v, want ErrTooFewDealers", id, err)
		}
	}
}

// tamperOpen rewrites party from's opening for presignature p with f.
func tamperOpen(from uint32, p int, edit func(o []byte)) func(mpc.Message, uint32) *mpc.Message {
	return func(m mpc.Message, to uint32) *mpc.Message {
		if m.From == from && m.Payload[0] == kindOpen {
			m.Payload = slices.Clone(m.Payload)
			edit(m.Payload[1+32+p*openSize : 1+32+(p+1)*openSize])
		}
		return &m
	}
}

func TestPresignWrongTNamed(t *testing.T) {
	f := newFixture(t, 4)
	other := secp.BaseMult(new(secp.Scalar).SetInt(12345))
	ps, net := f.presigners(t, committee(4), 1, 3)
	net.Tamper = tamperOpen(3, 1, func(o []byte) {
		copy(o[32:32+65], secp.AppendPoint(nil, &other)) // a valid point, but not a_3·R
	})
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	for _, id := range []uint32{1, 2, 4} {
		res, err := ps[id].Result()
		if err != nil {
			t.Fatalf("party %d: %v", id, err)
		}
		if !namesParty(ps[id].Faults(), 3) {
			t.Fatalf("party %d does not name 3: %v", id, ps[id].Faults())
		}
		if slices.Contains(res[0].Holders, 3) || len(res) != 3 {
			t.Fatalf("party %d: holders %v, %d presignatures", id, res[0].Holders, len(res))
		}
	}
}

func TestPresignWrongWNamed(t *testing.T) {
	f := newFixture(t, 4)
	ps, net := f.presigners(t, committee(4), 2, 2)
	net.Tamper = tamperOpen(4, 0, func(o []byte) { o[31] ^= 1 })
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	for _, id := range []uint32{1, 2, 3} {
		res, err := ps[id].Result()
		if err != nil {
			t.Fatalf("party %d: %v", id, err)
		}
		if !namesParty(ps[id].Faults(), 4) {
			t.Fatalf("party %d does not name 4: %v", id, ps[id].Faults())
		}
		// Without node 4 the remaining three still sign.
		s, x := f.pkp(t, "w")
		req := request(s, x, "msg", "lit_w")
		var shares []*SignatureShare
		for _, j := range []uint32{1, 2, 3} {
			sh, err := ps[j].result[0].Sign(f.keys[j], req)
			if err != nil {
				t.Fatal(err)
			}
			shares = append(shares, sh)
		}
		sig, _, err := Combine(shares, 3)
		if err != nil {
			t.Fatal(err)
		}
		verifyIndependently(t, sig, req.Hash, x)
		_ = res
	}
}

// A wrong σ_i is named by the client when it has more than q shares, and
// makes combining fail cleanly when it has exactly q.
func TestCombineNamesWrongShare(t *testing.T) {
	f := newFixture(t, 7)
	pres := f.presign(t, 1)
	s, x := f.pkp(t, "sigma")
	req := request(s, x, "pay 1 ETH", "lit_sigma")
	var shares []*SignatureShare
	for _, id := range committee(7) {
		sh, err := pres[id][0].Sign(f.keys[id], req)
		if err != nil {
			t.Fatal(err)
		}
		shares = append(shares, sh)
	}
	var one secp.Scalar
	one.SetInt(1)
	shares[2].Sigma.Add(&one) // node 3 lies
	sig, bad, err := Combine(shares, 5)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(bad, []uint32{3}) {
		t.Fatalf("bad %v, want [3]", bad)
	}
	verifyIndependently(t, sig, req.Hash, x)
	if _, _, err := Combine(shares[:5], 5); !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("exactly q with a bad share: %v", err)
	}
	if _, _, err := Combine(shares[:4], 5); !errors.Is(err, ErrTooFewShares) {
		t.Fatalf("too few: %v", err)
	}
}

// A node that answers first with an honest node's index must not keep that
// node's share out: CombineClaims finds the set where each index has its
// true claimant.
func TestCombineClaimsIndexThief(t *testing.T) {
	f := newFixture(t, 4) // t = 1, q = 3; node 4 is the thief
	pres := f.presign(t, 1)
	s, x := f.pkp(t, "thief")
	req := request(s, x, "pay 1 ETH", "lit_thief")
	honest := map[uint32]*SignatureShare{}
	for _, id := range []uint32{1, 2, 3} {
		sh, err := pres[id][0].Sign(f.keys[id], req)
		if err != nil {
			t.Fatal(err)
		}
		honest[id] = sh
	}
	own, err := pres[4][0].Sign(f.keys[4], req)
	if err != nil {
		t.Fatal(err)
	}
	stolen := *own
	stolen.Index = 2 // node 4's share, sent as node 2's
	first := []*SignatureShare{&stolen, honest[1], honest[3]}
	if _, _, err := Combine(first, 3); !errors.Is(err, ErrInvalidSignature) {
		t.Fatalf("the thief's set combined: %v", err)
	}
	sig, _, used, err := CombineClaims(first, []*SignatureShare{honest[2]}, 3)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(used, &stolen) || !slices.Contains(used, honest[2]) {
		t.Fatal("the signature did not use node 2's own share")
	}
	verifyIndependently(t, sig, req.Hash, x)
	// With no true claimant at hand, every set fails.
	if _, _, _, err := CombineClaims(first, []*SignatureShare{&stolen}, 3); err == nil {
		t.Fatal("combined without node 2's share")
	}
}

// A binding fits only its presignature and only from its owner; lookup
// keys differ whenever (requestId, m, X') does; the encoding round-trips.
func TestBindingFits(t *testing.T) {
	f := newFixture(t, 4)
	pres := f.presign(t, 2)
	p := pres[2][0]
	_, x := f.pkp(t, "bind")
	xc := secp.Compress(&x)
	first := &Binding{Presig: p.ID, Owner: p.Owner, RequestID: []byte("lit_1"), Hash: sha256.Sum256([]byte("a")), PublicKey: xc, Signers: []uint32{1, 2, 3}}
	if err := first.Fits(p); err != nil {
		t.Fatal(err)
	}
	if err := first.Fits(pres[2][1]); !errors.Is(err, ErrBadBinding) {
		t.Fatalf("another presignature: %v", err)
	}
	notOwner := *first
	notOwner.Owner = p.Owner%4 + 1
	if err := notOwner.Fits(p); !errors.Is(err, ErrNotOwner) {
		t.Fatalf("not owner: %v", err)
	}
	unsorted := *first
	unsorted.Signers = []uint32{2, 1, 3}
	if err := unsorted.Fits(p); !errors.Is(err, ErrBadBinding) {
		t.Fatalf("signer set: %v", err)
	}
	second := *first
	second.Hash = sha256.Sum256([]byte("b"))
	otherReq := *first
	otherReq.RequestID = []byte("lit_2")
	if first.Lookup() == second.Lookup() || first.Lookup() == otherReq.Lookup() {
		t.Fatal("lookup keys collide")
	}
	enc, err := first.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	dec, err := UnmarshalBinding(enc)
	if err != nil || !dec.Equal(first) {
		t.Fatalf("round trip: %v", err)
	}
}

func TestLeaderAndSignerSet(t *testing.T) {
	live := committee(7)
	l := Leader([]byte("lit_abc"), live)
	if l == 0 || l != Leader([]byte("lit_abc"), slices.Clone(live)) {
		t.Fatal("leader not deterministic")
	}
	seen := map[uint32]bool{}
	for i := 0; i < 100; i++ {
		seen[Leader([]byte(fmt.Sprint("lit_", i)), live)] = true
	}
	if len(seen) < 5 {
		t.Fatalf("leaders not spread: %v", seen)
	}
	h := sha256.Sum256([]byte("m"))
	s1, err := SignerSet([]byte("r"), h, live, 5)
	if err != nil || len(s1) != 5 || !slices.IsSorted(s1) {
		t.Fatalf("signer set %v %v", s1, err)
	}
	if _, err := SignerSet([]byte("r"), h, live[:4], 5); err == nil {
		t.Fatal("signer set larger than candidates")
	}
}

func TestPresignatureRoundTrip(t *testing.T) {
	f := newFixture(t, 4)
	p := f.presign(t, 1)[3][0]
	b, err := p.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	q, err := UnmarshalPresignature(b)
	if err != nil {
		t.Fatal(err)
	}
	s, x := f.pkp(t, "rt")
	req := request(s, x, "m", "lit_rt")
	a, _ := p.Sign(f.keys[3], req)
	c, _ := q.Sign(f.keys[3], req)
	if !a.Sigma.Equals(&c.Sigma) {
		t.Fatal("stored presignature signs differently")
	}
	q.Precompute() // the table for δ·R gives the same share
	if d, _ := q.Sign(f.keys[3], req); !d.Sigma.Equals(&a.Sigma) || !secp.Equal(&d.R, &a.R) {
		t.Fatal("a precomputed presignature signs differently")
	}
	if str := fmt.Sprintf("%v %#v", p, p); bytes.Contains([]byte(str), []byte(fmt.Sprintf("%x", p.A.Bytes()))) {
		t.Fatal("formatting prints a secret")
	}
}
