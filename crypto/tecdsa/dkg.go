package tecdsa

import (
	"errors"
	"fmt"

	"github.com/flint-network/flint/crypto/mpc"
)

// DKG is one party of the distributed generation of the RootKeys secp256k1
// root keys: joint-Feldman dealing with complaints, a leader's proposal of
// the qualified dealers that every party checks itself, and a confirmation
// round (see the dealing phase). A party accepts the keys only once n − t
// parties, itself included, confirmed the same outcome: two sets of n − t
// parties share an honest one (n ≥ 3t+1) and an honest party confirms one
// outcome only, so every party that finishes holds shares of the same keys
// even if the leader lied.
type DKG struct {
	d      *dealing
	result *KeyShare
	err    error
}

var _ mpc.Party = (*DKG)(nil)

// NewDKG returns a party of a root-key DKG, run by the whole network: n ≥
// 3t+1, as every agreement argument needs two sets of n − t parties to share
// an honest one.
func NewDKG(p Params) (*DKG, error) {
	if len(p.Parties) < 3*p.T+1 {
		return nil, fmt.Errorf("%w: t=%d with %d parties (need n ≥ 3t+1)", ErrParams, p.T, len(p.Parties))
	}
	d, err := newDealing(&p, dealSpec{committed: RootKeys})
	if err != nil {
		return nil, err
	}
	return &DKG{d: d}, nil
}

// Start deals this party's polynomials.
func (g *DKG) Start() ([]mpc.Message, error) {
	out, err := g.d.start(nil)
	if err != nil {
		g.err = err
	}
	return out, err
}

// Done reports whether the DKG has finished at this party.
func (g *DKG) Done() bool { return g.result != nil || g.err != nil }

// Result returns this party's key share, or why the DKG failed here.
func (g *DKG) Result() (*KeyShare, error) {
	if !g.Done() {
		return nil, errors.New("tecdsa: DKG still running")
	}
	return g.result, g.err
}

// Faults lists the misbehaviour this party observed, each a *mpc.FaultError.
func (g *DKG) Faults() []error { return g.d.faults }

// Qualified returns the dealers whose contributions make the keys.
func (g *DKG) Qualified() []uint32 { return g.d.qualified }

// Handle processes one message.
func (g *DKG) Handle(m mpc.Message) ([]mpc.Message, error) {
	if g.Done() {
		return nil, nil
	}
	if err := checkSender(g.d.p, m); err != nil {
		return nil, err
	}
	out, ok, err := g.d.handle(m)
	if !ok {
		return nil, mpc.Faultf(m.From, "message kind %d is not part of a DKG", m.Payload[0])
	}
	g.advance()
	return out, err
}

// Expire moves the DKG on when a round's deadline passes.
func (g *DKG) Expire() ([]mpc.Message, error) {
	if g.Done() {
		return nil, nil
	}
	out := g.d.expire()
	g.advance()
	return out, nil
}

// advance finishes once n − t parties confirmed the decision.
func (g *DKG) advance() {
	switch {
	case g.d.failed != nil:
		g.err = g.d.failed
	case g.d.confirmed():
		g.result = &KeyShare{
			Index:       g.d.p.Self,
			Parties:     append([]uint32(nil), g.d.p.Parties...),
			T:           g.d.p.T,
			Secrets:     g.d.shareSum,
			Commitments: g.d.aggCommit,
		}
	}
}

// checkSender rejects empty messages and senders outside the committee.
func checkSender(p *Params, m mpc.Message) error {
	if !p.isParty(m.From) || m.From == p.Self {
		return fmt.Errorf("%w: sender %d is not another committee member", mpc.ErrUnexpected, m.From)
	}
	if m.To != mpc.Broadcast && m.To != p.Self {
		return fmt.Errorf("%w: message for %d delivered to %d", mpc.ErrUnexpected, m.To, p.Self)
	}
	if len(m.Payload) == 0 {
		return mpc.Faultf(m.From, "empty message")
	}
	return nil
}
