package tecdsa

import (
	"errors"
	"fmt"

	"github.com/flint-network/flint/crypto/mpc"
)

// ErrNotConfirmed: too few parties confirmed the same outcome of a DKG.
var ErrNotConfirmed = errors.New("tecdsa: DKG outcome not confirmed by n − t parties")

// DKG is one party of the distributed generation of the RootKeys secp256k1
// root keys: joint-Feldman dealing with complaints (see the dealing phase),
// then a confirmation round. Each party broadcasts the digest of the leader's
// decision it applied and finishes once n − t parties, itself included,
// confirmed the same digest. Two sets of n − t parties overlap in an honest
// one (n ≥ 2t+1 and an honest party confirms one digest only), so every party
// that finishes holds shares of the same keys even if the leader lied.
type DKG struct {
	d        *dealing
	confirms map[uint32][32]byte
	sent     bool
	waited   int // expiries while waiting for confirmations
	result   *KeyShare
	err      error
}

var _ mpc.Party = (*DKG)(nil)

// NewDKG returns a party of a root-key DKG.
func NewDKG(p Params) (*DKG, error) {
	d, err := newDealing(&p, dealSpec{committed: RootKeys})
	if err != nil {
		return nil, err
	}
	return &DKG{d: d, confirms: map[uint32][32]byte{}}, nil
}

// Start deals this party's polynomials.
func (g *DKG) Start() ([]mpc.Message, error) { return g.d.start(nil) }

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
		if m.Payload[0] != kindConfirm {
			return nil, mpc.Faultf(m.From, "message kind %d is not part of a DKG", m.Payload[0])
		}
		err = g.onConfirm(m)
	}
	return append(out, g.advance()...), err
}

// Expire moves the DKG on when a round's deadline passes.
func (g *DKG) Expire() ([]mpc.Message, error) {
	if g.Done() {
		return nil, nil
	}
	out := g.d.expire()
	if g.sent && len(out) == 0 {
		if g.waited++; g.waited >= patience {
			g.err = fmt.Errorf("%w: %d of %d confirmations", ErrNotConfirmed, g.matching(), len(g.d.p.Parties)-g.d.p.T)
		}
	}
	return append(out, g.advance()...), nil
}

func (g *DKG) onConfirm(m mpc.Message) error {
	if len(m.Payload) != 33 {
		return mpc.Faultf(m.From, "confirmation of %d bytes", len(m.Payload))
	}
	var dg [32]byte
	copy(dg[:], m.Payload[1:])
	if prev, ok := g.confirms[m.From]; ok {
		if prev == dg {
			return nil
		}
		return mpc.Faultf(m.From, "confirmed two different outcomes")
	}
	g.confirms[m.From] = dg
	if g.d.decided() && dg != g.d.decDigest {
		return mpc.Faultf(m.From, "confirmed a different outcome")
	}
	return nil
}

func (g *DKG) matching() int {
	n := 0
	for _, dg := range g.confirms {
		if dg == g.d.decDigest {
			n++
		}
	}
	return n
}

// advance sends the confirmation once the decision is applied, and finishes
// once enough parties confirmed it.
func (g *DKG) advance() []mpc.Message {
	if g.d.failed != nil {
		g.err = g.d.failed
		return nil
	}
	if !g.d.decided() {
		return nil
	}
	var out []mpc.Message
	if !g.sent {
		g.sent = true
		g.confirms[g.d.p.Self] = g.d.decDigest
		payload := append([]byte{kindConfirm}, g.d.decDigest[:]...)
		out = append(out, mpc.Message{From: g.d.p.Self, To: mpc.Broadcast, Payload: payload})
	}
	if g.matching() >= len(g.d.p.Parties)-g.d.p.T {
		g.result = &KeyShare{
			Index:       g.d.p.Self,
			Parties:     append([]uint32(nil), g.d.p.Parties...),
			T:           g.d.p.T,
			Secrets:     g.d.shareSum,
			Commitments: g.d.aggCommit,
		}
	}
	return out
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
