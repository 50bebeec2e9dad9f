package tecdsa

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/mpc/mpctest"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/vss"
)

func committee(n int) []uint32 {
	ids := make([]uint32, n)
	for i := range ids {
		ids[i] = uint32(i + 1)
	}
	return ids
}

func newDKGs(t testing.TB, n int, leader uint32) (map[uint32]*DKG, *mpctest.Network) {
	t.Helper()
	parties := map[uint32]mpc.Party{}
	dkgs := map[uint32]*DKG{}
	for _, id := range committee(n) {
		g, err := NewDKG(Params{Self: id, Parties: committee(n), T: DefaultThreshold(n), Leader: leader, Session: []byte("dkg-test")})
		if err != nil {
			t.Fatal(err)
		}
		dkgs[id], parties[id] = g, g
	}
	return dkgs, mpctest.NewNetwork(parties)
}

// checkKeys verifies that the parties that finished hold consistent shares of
// the same root keys: every share matches the commitments and any t+1 shares
// interpolate to the secret behind each public key.
func checkKeys(t *testing.T, dkgs map[uint32]*DKG, want int) []*KeyShare {
	t.Helper()
	var shares []*KeyShare
	for _, id := range slices.Sorted(maps.Keys(dkgs)) {
		ks, err := dkgs[id].Result()
		if err != nil {
			continue
		}
		if err := ks.Validate(); err != nil {
			t.Fatalf("party %d: %v", id, err)
		}
		shares = append(shares, ks)
	}
	if len(shares) != want {
		t.Fatalf("%d parties finished, want %d", len(shares), want)
	}
	first := shares[0].PublicKeys()
	for _, ks := range shares[1:] {
		for j, pk := range ks.PublicKeys() {
			if !secp.Equal(&pk, &first[j]) {
				t.Fatalf("party %d disagrees on root key %d", ks.Index, j)
			}
		}
	}
	tt := shares[0].T
	for j := 0; j < RootKeys; j++ {
		idx := make([]uint32, tt+1)
		vals := make([]secp.Scalar, tt+1)
		for k := 0; k <= tt; k++ {
			idx[k] = shares[len(shares)-1-k].Index
			vals[k] = shares[len(shares)-1-k].Secrets[j]
		}
		x, err := vss.Interpolate(idx, vals)
		if err != nil {
			t.Fatal(err)
		}
		pub := secp.BaseMult(&x)
		if !secp.Equal(&pub, &first[j]) {
			t.Fatalf("root key %d: shares do not interpolate to the public key", j)
		}
	}
	return shares
}

func TestDKGHonest(t *testing.T) {
	for _, n := range []int{4, 7, 10} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			dkgs, net := newDKGs(t, n, 1)
			if err := net.Run(); err != nil {
				t.Fatal(err)
			}
			for id, errs := range net.Errors {
				t.Errorf("party %d saw errors: %v", id, errs)
			}
			checkKeys(t, dkgs, n)
			if q := dkgs[2].Qualified(); len(q) != n {
				t.Fatalf("qualified %v, want everyone", q)
			}
		})
	}
}

// corruptShare changes the first share in a deal body (after the commitments).
func corruptShare(d *dealing, body []byte) []byte {
	out := append([]byte(nil), body...)
	out[d.commitLen()*secp.PointSize+31] ^= 1
	return out
}

// A dealer that sends a bad share and then stands by it in its justification
// is excluded, and the keys come out right without it.
func TestDKGBadDealerExcluded(t *testing.T) {
	n := 7
	dkgs, net := newDKGs(t, n, 1)
	bad, victim := uint32(3), uint32(5)
	net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.From != bad {
			return &m
		}
		switch m.Payload[0] {
		case kindDeal:
			if to == victim {
				m.Payload = append([]byte{kindDeal}, corruptShare(dkgs[bad].d, m.Payload[1:])...)
			}
		case kindJustification:
			m.Payload = append(m.Payload[:3:3], corruptShare(dkgs[bad].d, m.Payload[3:])...)
		}
		return &m
	}
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	checkKeys(t, dkgs, n)
	q := dkgs[1].Qualified()
	if slices.Contains(q, bad) || len(q) != n-1 {
		t.Fatalf("qualified %v: the bad dealer %d should be the only one out", q, bad)
	}
	if !namesParty(dkgs[1].Faults(), bad) {
		t.Fatalf("leader's faults %v do not name %d", dkgs[1].Faults(), bad)
	}
}

// A false accusation is answered by the honest dealer and does not exclude it.
func TestDKGFalseAccusation(t *testing.T) {
	n := 4
	dkgs, net := newDKGs(t, n, 1)
	liar, honest := uint32(4), uint32(2)
	net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
		if m.From == liar && m.Payload[0] == kindVerdict {
			// Rewrite the liar's verdict to accuse the honest dealer.
			v := []byte{kindVerdict}
			r := reader{b: m.Payload[1:]}
			for _, id := range committee(n) {
				st := r.u8()
				var dg []byte
				if st == verdictOK {
					dg = r.take(32)
				}
				if id == honest {
					v = append(v, verdictBad)
					continue
				}
				v = append(v, st)
				v = append(v, dg...)
			}
			m.Payload = v
		}
		return &m
	}
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	checkKeys(t, dkgs, n)
	if q := dkgs[1].Qualified(); !slices.Contains(q, honest) {
		t.Fatalf("honest dealer %d excluded by a false accusation: %v", honest, q)
	}
}

func TestDKGSilentParties(t *testing.T) {
	n := 7
	tt := DefaultThreshold(n)
	dkgs, net := newDKGs(t, n, 1)
	for _, id := range committee(n)[n-tt:] {
		net.Silent[id] = true
	}
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	checkKeys(t, dkgs, n-tt)

	// t+1 silent: too few dealers; everyone still running fails cleanly.
	dkgs, net = newDKGs(t, n, 1)
	for _, id := range committee(n)[n-tt-1:] {
		net.Silent[id] = true
	}
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	for _, id := range committee(n)[:n-tt-1] {
		if _, err := dkgs[id].Result(); !errors.Is(err, ErrTooFewDealers) {
			t.Fatalf("party %d: %v, want ErrTooFewDealers", id, err)
		}
	}
}

// A silent leader: no decision arrives and the parties give up cleanly.
func TestDKGSilentLeader(t *testing.T) {
	dkgs, net := newDKGs(t, 4, 1)
	net.Silent[1] = true
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	for id := uint32(2); id <= 4; id++ {
		if _, err := dkgs[id].Result(); !errors.Is(err, ErrNoDecision) {
			t.Fatalf("party %d: %v, want ErrNoDecision", id, err)
		}
	}
}

// A dealer that sends different commitments to different parties: to more
// than t of them, it is excluded and every party finishes; to t or fewer, it
// stays, those parties drop out of the run, and the others finish with the
// same keys. Either way nobody is named: nothing shows whether the dealer or
// the parties reporting it lied.
func TestDKGEquivocatingDealer(t *testing.T) {
	for _, tc := range []struct {
		victims  []uint32
		excluded bool
	}{
		{[]uint32{3, 4}, true},
		{[]uint32{4}, false},
	} {
		n := 4
		dkgs, net := newDKGs(t, n, 1)
		other, _ := NewDKG(Params{Self: 2, Parties: committee(n), T: 1, Leader: 1, Session: []byte("other")})
		alt, _ := other.Start()
		net.Tamper = func(m mpc.Message, to uint32) *mpc.Message {
			if m.From == 2 && m.Payload[0] == kindDeal && slices.Contains(tc.victims, to) {
				for _, a := range alt {
					if a.To == to {
						m.Payload = a.Payload // valid, but another polynomial
					}
				}
			}
			return &m
		}
		if err := net.Run(); err != nil {
			t.Fatal(err)
		}
		if q := dkgs[1].Qualified(); slices.Contains(q, 2) == tc.excluded {
			t.Fatalf("victims %v: dealer in D: %v", tc.victims, q)
		}
		want := n
		if !tc.excluded {
			want = n - len(tc.victims)
			for _, v := range tc.victims {
				if _, err := dkgs[v].Result(); !errors.Is(err, ErrDroppedOut) {
					t.Fatalf("victim %d: %v", v, err)
				}
			}
		}
		checkKeys(t, dkgs, want)
		for id, g := range dkgs {
			if len(g.Faults()) != 0 {
				t.Fatalf("party %d names someone: %v", id, g.Faults())
			}
		}
	}
}

func namesParty(errs []error, id uint32) bool {
	for _, err := range errs {
		if p, ok := mpc.Culprit(err); ok && p == id {
			return true
		}
	}
	return false
}

func TestKeyShareRoundTrip(t *testing.T) {
	dkgs, net := newDKGs(t, 4, 2)
	if err := net.Run(); err != nil {
		t.Fatal(err)
	}
	ks, err := dkgs[3].Result()
	if err != nil {
		t.Fatal(err)
	}
	b, err := ks.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	got, err := UnmarshalKeyShare(b)
	if err != nil {
		t.Fatal(err)
	}
	for j := range ks.Secrets {
		if !got.Secrets[j].Equals(&ks.Secrets[j]) {
			t.Fatal("secret changed in round trip")
		}
	}
	// A share that does not match its commitments is refused.
	b[len(b)-1-65*2] ^= 1 // inside the last root key's secret
	if _, err := UnmarshalKeyShare(b); err == nil {
		t.Fatal("corrupted key share accepted")
	}
	if s := fmt.Sprintf("%v %+v %#v", ks, ks, ks); containsSecret(s, ks) {
		t.Fatal("formatting a key share prints a secret")
	}
}

func containsSecret(s string, ks *KeyShare) bool {
	for _, x := range ks.Secrets {
		b := x.Bytes()
		if strings.Contains(s, fmt.Sprintf("%x", b[:8])) {
			return true
		}
	}
	return false
}

func BenchmarkDKG(b *testing.B) {
	for _, n := range []int{4, 7, 10} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			for b.Loop() {
				_, net := newDKGs(b, n, 1)
				if err := net.Run(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
