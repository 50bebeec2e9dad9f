package tecdsa

import (
	"errors"
	"fmt"
	"io"
	"slices"
)

// Limits on what any message or record may claim, so that a hostile peer
// cannot make a party allocate without bound.
const (
	// MaxParties bounds the committee size (indices are 1..MaxParties).
	MaxParties = 255
	// MaxBatch bounds the presignatures made in one batch.
	MaxBatch = 1024
	// RootKeys is the number of secp256k1 root keys (Lit's layout).
	RootKeys = 10
	// MaxSessionID bounds a protocol run's identifier.
	MaxSessionID = 64
	// MaxRequestID bounds a signing request's identifier.
	MaxRequestID = 128
)

// ErrParams is wrapped by errors about invalid protocol parameters.
var ErrParams = errors.New("tecdsa: invalid parameters")

// Params describe one protocol run as one party sees it.
type Params struct {
	Self    uint32    // this party's index
	Parties []uint32  // the committee, strictly increasing, non-zero
	T       int       // corruption bound of the network; keys are shared with degree t
	Leader  uint32    // the party that proposes the qualified dealer set
	Session []byte    // unique identifier of this run, bound into proofs and decisions
	Rand    io.Reader // randomness; nil means crypto/rand
}

// Quorum is 2t+1, the number of parties whose shares make a signature.
func (p *Params) Quorum() int { return 2*p.T + 1 }

func (p *Params) validate() error {
	n := len(p.Parties)
	switch {
	case n == 0 || n > MaxParties:
		return fmt.Errorf("%w: %d parties", ErrParams, n)
	case p.T < 0 || n < 2*p.T+1:
		// 2t+1 parties must open every presignature. (The network itself has
		// n ≥ 3t+1: NewDKG, run by all of it, insists; a batch among the
		// live nodes may be smaller, see dealing.quorumConfirm.)
		return fmt.Errorf("%w: t=%d with %d parties (need 2t+1)", ErrParams, p.T, n)
	case len(p.Session) == 0 || len(p.Session) > MaxSessionID:
		return fmt.Errorf("%w: session id of %d bytes", ErrParams, len(p.Session))
	}
	for i, id := range p.Parties {
		if id == 0 || id > MaxParties || (i > 0 && id <= p.Parties[i-1]) {
			return fmt.Errorf("%w: parties must be strictly increasing indices in 1..%d", ErrParams, MaxParties)
		}
	}
	if !slices.Contains(p.Parties, p.Self) {
		return fmt.Errorf("%w: self %d not in the committee", ErrParams, p.Self)
	}
	if !slices.Contains(p.Parties, p.Leader) {
		return fmt.Errorf("%w: leader %d not in the committee", ErrParams, p.Leader)
	}
	return nil
}

func (p *Params) isParty(id uint32) bool {
	_, ok := slices.BinarySearch(p.Parties, id)
	return ok
}

// DefaultThreshold is t = ⌊(n−1)/3⌋, the largest t with n ≥ 3t+1.
func DefaultThreshold(n int) int {
	if n < 1 {
		return 0
	}
	return (n - 1) / 3
}
