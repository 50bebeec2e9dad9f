package node

import (
	"time"

	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/node/signing"
	"github.com/flint-network/flint/wire"
)

// Adversary makes a node misbehave on purpose, for the tests that show the
// honest nodes hold against t corrupt ones over real sockets
// (integration/adversary_test.go). It is set only by a program that builds
// the Config (a test harness); no configuration file or environment variable
// reaches it.
type Adversary struct {
	// WrongOpenings: in every presignature batch this node opens a wrong
	// w_i (its proof then fails) and deals one party a share that fails its
	// commitments.
	WrongOpenings bool
	// WrongShares: every signature share it sends a client is off by one.
	WrongShares bool
	// ForgeNotices: for every request it does not lead, it tells the other
	// nodes that the leader bound nothing, and that the leader refused it.
	ForgeNotices bool
	// Equivocate: as a request's leader it proposes the binding to half of
	// the nodes and a binding of the same presignature to another message to
	// the other half.
	Equivocate bool
	// Silent: it sends no signing messages at all.
	Silent bool
	// StealKeyIDs: in its first key-pool refill it asks the other nodes to
	// attest these key ids (another Action's or login's claim) and adds them
	// to the pool, to use the ids up and hand their keys to whoever mints
	// next.
	StealKeyIDs [][32]byte
	// SeeSessionRequests is handed every PKP session request (its logins
	// included) the node is sent, before any check: what a corrupt
	// operator reads off its own node, to replay a user's login with a
	// session key of its own (integration/loginbind_test.go).
	SeeSessionRequests func(wire.SignSessionKeyRequest)
	// AccuseDealers: in every ECDSA resharing this node takes part in, its
	// verdict calls every dealer's deal bad, so that each must publish what
	// it sent this node (the collection step of the 2026 GG20 drain, played
	// by a node that has just joined).
	AccuseDealers bool
	// SeeReshare is handed every ECDSA resharing message this node's party
	// receives: what a corrupt operator reads off its own node
	// (integration/attacks_epoch_test.go checks it holds nothing of an
	// honest dealer beyond its own points).
	SeeReshare func(mpc.Message)
	// SwitchLate: this node puts a new epoch's shares in place this long
	// after it reads the advance — a slow host, not a corrupt one: requests
	// running across the change meet nodes on both sides of their switch
	// for that long (integration/epoch_load_test.go).
	SwitchLate time.Duration
	// BadReshareShareTo: in every ECDSA resharing this old node deals,
	// the shares it sends node BadReshareShareTo (a new node) fail its
	// commitments, and when accused it publishes those same shares, as a
	// dealer that computed them wrong would
	// (integration/epoch_faults_test.go).
	BadReshareShareTo uint32
}

// The ECDSA resharing's verdict (crypto/tecdsa): its kind, then one status
// per old node, "bad" being 1.
const (
	tecdsaKindReshareVerdict = 0x22
	tecdsaVerdictBad         = 1
)

// accuserParty wraps an ECDSA resharing party for AccuseDealers and
// SeeReshare.
type accuserParty struct {
	mpc.Party
	adv  *Adversary
	olds int // the old committee's size: one status each
}

func (p *accuserParty) spoil(out []mpc.Message, err error) ([]mpc.Message, error) {
	if !p.adv.AccuseDealers {
		return out, err
	}
	for i := range out {
		if m := &out[i]; len(m.Payload) > 0 && m.Payload[0] == tecdsaKindReshareVerdict {
			v := []byte{tecdsaKindReshareVerdict}
			for range p.olds {
				v = append(v, tecdsaVerdictBad)
			}
			m.Payload = v
		}
	}
	return out, err
}

func (p *accuserParty) Start() ([]mpc.Message, error) { return p.spoil(p.Party.Start()) }
func (p *accuserParty) Handle(m mpc.Message) ([]mpc.Message, error) {
	if p.adv.SeeReshare != nil {
		p.adv.SeeReshare(mpc.Message{From: m.From, To: m.To, Payload: append([]byte(nil), m.Payload...)})
	}
	return p.spoil(p.Party.Handle(m))
}
func (p *accuserParty) Expire() ([]mpc.Message, error) { return p.spoil(p.Party.Expire()) }

// Where the wrong values go in the protocol's messages: the first byte of
// every crypto/tecdsa message is its kind, and the last bytes of a deal are
// a share, of an opening a proof's response.
const (
	tecdsaKindDeal = 1
	tecdsaKindOpen = 6
)

// adversaryParty wraps a protocol party and spoils what it sends.
type adversaryParty struct {
	mpc.Party
	dealt bool
}

func (p *adversaryParty) spoil(out []mpc.Message, err error) ([]mpc.Message, error) {
	for i := range out {
		m := &out[i]
		switch {
		case len(m.Payload) == 0:
		case m.Payload[0] == tecdsaKindOpen, m.Payload[0] == tecdsaKindDeal && !p.dealt:
			p.dealt = p.dealt || m.Payload[0] == tecdsaKindDeal
			m.Payload = append([]byte(nil), m.Payload...)
			m.Payload[len(m.Payload)-1] ^= 1
		}
	}
	return out, err
}

func (p *adversaryParty) Start() ([]mpc.Message, error) { return p.spoil(p.Party.Start()) }
func (p *adversaryParty) Handle(m mpc.Message) ([]mpc.Message, error) {
	return p.spoil(p.Party.Handle(m))
}
func (p *adversaryParty) Expire() ([]mpc.Message, error) { return p.spoil(p.Party.Expire()) }

// Where the wrong share goes in a resharing's messages (crypto/tecdsa's
// kinds 0x21 and 0x23): a deal to a new node ends with its shares, and a
// justification is kind ‖ u16 accuser ‖ the deal's body.
const (
	tecdsaKindReshareDeal          = 0x21
	tecdsaKindReshareJustification = 0x23
)

// adversaryReshare wraps an ECDSA resharing party and spoils the shares it
// deals one new node, in the deal and in its public answer alike.
type adversaryReshare struct {
	mpc.Party
	to uint32
}

func (p *adversaryReshare) spoil(out []mpc.Message, err error) ([]mpc.Message, error) {
	for i := range out {
		m := &out[i]
		switch {
		case len(m.Payload) < 3:
		case m.Payload[0] == tecdsaKindReshareDeal && m.To == p.to,
			m.Payload[0] == tecdsaKindReshareJustification && uint32(m.Payload[1])<<8|uint32(m.Payload[2]) == p.to:
			m.Payload = append([]byte(nil), m.Payload...)
			m.Payload[len(m.Payload)-1] ^= 1 // the last root key's share
		}
	}
	return out, err
}

func (p *adversaryReshare) Start() ([]mpc.Message, error) { return p.spoil(p.Party.Start()) }
func (p *adversaryReshare) Handle(m mpc.Message) ([]mpc.Message, error) {
	return p.spoil(p.Party.Handle(m))
}
func (p *adversaryReshare) Expire() ([]mpc.Message, error) { return p.spoil(p.Party.Expire()) }

// adversarySend spoils the signing messages a corrupt node sends.
func (a *Adversary) adversarySend(self uint32, msgs []signing.Message) []signing.Message {
	if a.Silent {
		return nil
	}
	if !a.Equivocate {
		return msgs
	}
	out := make([]signing.Message, 0, len(msgs))
	for _, m := range msgs {
		if m.Kind == signing.KindPropose && m.Binding.Owner == self && m.To%2 == 0 {
			other := *m.Binding
			other.Hash[0] ^= 0xff // another message, under the same presignature
			m.Binding = &other
		}
		out = append(out, m)
	}
	return out
}

// forgedNotices are the notices a corrupt node sends for a request it does
// not lead: "no binding", and "the leader refused it".
func forgedNotices(self uint32, nodes []uint32, req *shareRequest) []signing.Message {
	var out []signing.Message
	for _, reason := range []string{"no presignatures", signing.RefusedPrefix + "NodePKPNotAuthorized"} {
		nt := &signing.Notice{RequestID: req.requestID, Hash: req.hash, Key: req.key.compressed, Reason: reason}
		for _, id := range nodes {
			if id != self {
				out = append(out, signing.Message{To: id, Kind: signing.KindNotice, Notice: nt})
			}
		}
	}
	return out
}

// spoilShare makes a signature share wrong.
func spoilShare(s *secp.Scalar) {
	var one secp.Scalar
	one.SetInt(1)
	s.Add(&one)
}

// adversary is the node's corrupt mode, nil for an honest node (and for the
// partial nodes handler tests build without a Config).
func (n *Node) adversary() *Adversary {
	if n.cfg == nil {
		return nil
	}
	return n.cfg.Adversary
}
