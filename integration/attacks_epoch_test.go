package integration

import (
	"slices"
	"sync"
	"testing"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/node"
)

// The 2026 GG20 drain against Flint, on a real devnet (sockets, chain,
// disk): a corrupt node asks to join, the owner approves it, and in the
// resharing that takes it in it calls every dealer's deal bad, so that each
// must publish what it sent (THORChain's joiner collected key material over
// rounds the same way, through key material nobody checked). Every
// resharing message it receives is recorded. A justification reveals only
// what its accuser was sent: every one it sees is for itself, so of every
// honest dealer's polynomial it holds its own point alone (t' = 1). The
// change completes, and the epoch-1 PKP and ciphertext work after it.
func TestAttackCorruptJoinerOverSockets(t *testing.T) {
	t.Parallel() // its own devnet; most of its time is the leader's wait and the grace period
	const joiner = 5
	var (
		mu        sync.Mutex
		accusers  = map[uint32][]uint32{} // dealer → the accusers its justifications answered
		messages  int
		justified int
	)
	adv := &node.Adversary{AccuseDealers: true, SeeReshare: func(m mpc.Message) {
		mu.Lock()
		defer mu.Unlock()
		messages++
		if len(m.Payload) >= 3 && m.Payload[0] == 0x23 { // crypto/tecdsa's justification: kind, accuser (u16), what it sent
			justified++
			acc := uint32(m.Payload[1])<<8 | uint32(m.Payload[2])
			if !slices.Contains(accusers[m.From], acc) {
				accusers[m.From] = append(accusers[m.From], acc)
			}
		}
	}}
	f := newEpochFixtureAdv(t, 4, map[int]*node.Adversary{joiner: adv})
	if i := f.join(t); i+1 != joiner {
		t.Fatalf("the joiner is node %d, want %d", i+1, joiner)
	}
	f.change(t, "a corrupt node joins 4→5")
	f.check(t, "after the corrupt node joined")

	mu.Lock()
	defer mu.Unlock()
	if messages == 0 || justified == 0 {
		t.Fatalf("the joiner saw %d resharing messages, %d justifications: the attack did not run", messages, justified)
	}
	for dealer := uint32(1); dealer <= 4; dealer++ {
		if got := accusers[dealer]; !slices.Equal(got, []uint32{joiner}) {
			t.Errorf("dealer %d's justifications answered %v; the joiner may see only its own (%d)", dealer, got, joiner)
		}
	}
	t.Logf("the joiner saw %d resharing messages, %d justifications, all of its own points", messages, justified)
}
