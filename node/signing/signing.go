// Package signing is one node's coordination of signatures
// (docs/threshold-ecdsa.md §4–5) as a pure state machine, in the manner of
// etcd's raft: a Machine takes inputs — a client's request, a leader's
// proposal, another node's endorsement, a notice, a tick, and the outcome of
// its own writes — and collects what follows in one Ready value: what to
// persist, then what to send, then what to answer. A single driver (the
// node) carries a Ready out in that order and reports the writes back. The
// machine opens no socket, reads no clock and writes no file, so the tests
// drive whole committees of machines deterministically, with corrupt peers,
// crashes between persist and send, repeats and messages out of order.
//
// The rules it enforces:
//
//   - A request's leader is computed once, from one snapshot of the live
//     nodes (rendezvous hashing on the request id). Proposals and notices
//     about a request are accepted only from that leader, so no other node
//     can talk this one out of a signature, and a valid binding is never
//     displaced by an earlier forged notice.
//   - Only the leader, which must own the presignature, proposes a binding;
//     it persists the binding before it sends it.
//   - A node endorses at most one binding of a presignature, ever: it
//     persists the binding (its endorsement) before the endorsement leaves,
//     and the store refuses a second binding of the presignature across
//     restarts.
//   - A node releases its signature share only after its own endorsement is
//     on disk and n − t distinct nodes (itself included) endorsed the same
//     binding. Two sets of n − t nodes share at least t + 1 nodes, so an
//     honest one: no two honest nodes release shares of one presignature for
//     two different bindings, whatever its owner does.
package signing

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/flint-network/flint/crypto/tecdsa"
)

// Errors a request can end with at this node.
var (
	// ErrNoPresignatures: the request's leader had no presignature to bind.
	ErrNoPresignatures = errors.New("no presignatures available at the request's leader")
	// ErrLeaderUnreachable: the leader's proposal did not come in time.
	ErrLeaderUnreachable = errors.New("the request's leader did not bind a presignature in time")
	// ErrNotEndorsed: too few nodes endorsed the binding in time.
	ErrNotEndorsed = errors.New("too few nodes endorsed the request's binding in time")
	// ErrTooFewLive: fewer than n − t nodes are reachable.
	ErrTooFewLive = errors.New("too few nodes reachable to sign")
	// ErrConflict: the presignature is bound to another request, here or
	// in this node's store.
	ErrConflict = errors.New("the presignature is bound to another request")
	// ErrBusy: this node holds as many requests as it may.
	ErrBusy = errors.New("too many signing requests in flight at this node")
	// ErrLeaderRefused: the request's leader refused the client's request
	// before signing (its permission check, quota, authentication); the
	// error is a *LeaderRefusedError naming the leader's code.
	ErrLeaderRefused = errors.New("the request's leader refused it")
)

// RefusedPrefix starts the reason of a leader's notice that it refused the
// request; the rest is the leader's stable error code.
const RefusedPrefix = "refused by the leader: "

// maxRefusedCode bounds the code a refusal notice carries.
const maxRefusedCode = 64

// LeaderRefusedError is how a request the leader refused fails at the
// other nodes: Code is the leader's stable error code (e.g.
// NodePKPNotAuthorized), checked to be a short alphanumeric word, since it
// comes from a peer and goes to the client.
type LeaderRefusedError struct {
	Leader uint32
	Code   string
}

func (e *LeaderRefusedError) Error() string {
	return fmt.Sprintf("%v: node %d answered %s", ErrLeaderRefused, e.Leader, e.Code)
}

func (e *LeaderRefusedError) Unwrap() error { return ErrLeaderRefused }

// RefusedCode returns the code of a refusal notice's reason: ok is false
// when the reason is not a refusal; a refusal whose code is not a word of
// at most maxRefusedCode letters and digits gets the code "Unknown".
func RefusedCode(reason string) (code string, ok bool) {
	code, ok = strings.CutPrefix(reason, RefusedPrefix)
	if !ok {
		return "", false
	}
	if !validCode(code) {
		return "Unknown", true
	}
	return code, true
}

func validCode(code string) bool {
	if len(code) == 0 || len(code) > maxRefusedCode {
		return false
	}
	for _, c := range []byte(code) {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// Config is what a Machine needs to know of its network.
type Config struct {
	Self  uint32
	Nodes []uint32 // the epoch's nodes, strictly increasing
	T     int      // corruption bound; n ≥ 3t+1
	// BindWait bounds how long a request waits for its leader's proposal,
	// and a leader for a presignature while its pool refills.
	BindWait time.Duration
	// EndorseWait bounds how long an accepted binding waits for n − t
	// endorsements.
	EndorseWait time.Duration
	// Floor: presignatures of batches born before it are never bound or
	// endorsed (set after a store was restored from a backup).
	Floor time.Time
	// MaxAge: presignatures older than this are never bound or endorsed;
	// their holders have erased them.
	MaxAge time.Duration
	// MaxSkew: presignatures of batches born further than this in this
	// node's future are never endorsed (a node joins no such batch, and a
	// floor set at a restore must stay above every batch it could have
	// endorsed before).
	MaxSkew time.Duration
	// Pool is this node's own free presignatures, for requests it leads.
	Pool Pool
}

// Pool hands the leader one of its own presignatures.
type Pool interface {
	// Take removes and returns this node's oldest free presignature that at
	// least quorum live nodes hold, with the live holders.
	Take(live []uint32, quorum int) (id tecdsa.PresigID, holders []uint32, ok bool)
	// Refilling reports whether a batch this node leads is under way.
	Refilling() bool
	// Known reports whether this node knows the presignature's batch (it
	// holds the presignature or took part in the batch): a binding of
	// anything else is never endorsed, so a peer cannot make it write
	// records for presignatures that do not exist.
	Known(id tecdsa.PresigID) bool
}

// Request is a client's authorised request, as it reaches this node.
type Request struct {
	RequestID []byte
	Hash      [32]byte
	Key       [33]byte // X', compressed
	Plain     bool     // every live holder answers with a plain share
	// Live, when set, is the live nodes as the driver sees them now: the
	// snapshot a new request's leader is computed from (ticks refresh it
	// too, but a request should not wait for the next one).
	Live []uint32
}

// Lookup is the request's key: tecdsa.Lookup of (request id, m, X').
func (r *Request) Lookup() [32]byte { return tecdsa.Lookup(r.RequestID, r.Hash, r.Key) }

// Proposal is a leader's binding of one of its presignatures to a request.
type Proposal struct {
	From    uint32
	Binding *tecdsa.Binding
}

// Endorsement says that From persisted the binding with this digest for
// the presignature.
type Endorsement struct {
	From   uint32
	Presig tecdsa.PresigID
	Digest [32]byte
}

// Notice is a leader's word that it bound nothing for a request.
type Notice struct {
	From      uint32
	RequestID []byte
	Hash      [32]byte
	Key       [33]byte
	Reason    string
}

// Refusal says that this node refused a client's request before asking
// the machine to sign it (the caller's authentication, its permission on
// the PKP, a quota): Code is the stable error code the client got. When
// this node leads the request and has never seen it, the machine tells the
// other live nodes, which fail the request at once instead of waiting out
// the bind wait for a proposal that will not come. It keeps nothing.
type Refusal struct {
	RequestID []byte
	Hash      [32]byte
	Key       [33]byte
	Code      string
	Live      []uint32 // as in Request
}

// Leaders restricts which nodes lead requests and sign them (nil Nodes:
// every live node). Through an epoch change's grace period the driver
// names the nodes of both the previous and the current set: clients that
// still name the previous epoch talk to those only, and a request led by a
// node they do not know, or whose signers include one, fails there. Every
// node must give the same set for leaders to agree; endorsements still
// come from every live node.
//
// Then and At announce a change of the rule at one moment (the end of the
// grace period): from At on, Then are the leaders (nil: every live node).
// Nodes' clocks and requests' arrivals differ a little, so a request that
// arrives within LeaderChangeSlack of At also takes a proposal from its
// leader under the other rule, and a node that leads it only under the
// later rule first waits LeaderChangeWait for that other leader's proposal
// (a node whose clock is still before At leads it at once): one binding,
// whichever side of At each node stands on.
type Leaders struct {
	Nodes []uint32
	Then  []uint32
	At    time.Time
}

// The leader-rule change around Leaders.At.
const (
	LeaderChangeSlack = 2 * time.Second
	LeaderChangeWait  = time.Second
)

// Retire tells a machine that the machine of a newer epoch leads this
// node's requests from now on. It binds nothing more: a request it would
// lead stays unbound here until its bind wait ends (the driver hands such
// requests to the newer machine, where this node leads them), and it keeps
// following other leaders' bindings — a node that has not switched yet
// still leads in this epoch — until the driver drops it.
type Retire struct{}

// Tick tells the time and the live nodes (this one included, increasing).
type Tick struct {
	Now  time.Time
	Live []uint32
}

// Persisted reports the outcome of writing a Record.
type Persisted struct {
	Presig tecdsa.PresigID
	Err    error // tecdsa.ErrAlreadyBound when the store holds another binding
}

// Record is a write the driver must make durable (fsync) before it sends or
// answers anything the Machine says afterwards: this node binds the
// presignature to the binding, and refuses any other binding of it forever.
type Record struct{ Binding *tecdsa.Binding }

// MessageKind tells what a Message carries.
type MessageKind uint8

// Message kinds.
const (
	KindPropose MessageKind = iota + 1
	KindEndorse
	KindNotice
)

// Message is one message for one peer.
type Message struct {
	To      uint32
	Epoch   uint64 // of the machine that made it: set by its driver, carried by the frame
	Kind    MessageKind
	Binding *tecdsa.Binding // KindPropose
	Presig  tecdsa.PresigID // KindEndorse
	Digest  [32]byte        // KindEndorse
	Notice  *Notice         // KindNotice (From is the sender's business)
}

// Answer settles a client's request at this node: sign with the binding's
// presignature (Sign), answer without a share (a node outside the signer
// set), or fail.
type Answer struct {
	Lookup  [32]byte
	Binding *tecdsa.Binding
	Sign    bool
	Err     error
}

// Fault is misbehaviour this node saw, with the node it proves it of.
type Fault struct {
	Node   uint32
	Reason string
}

// Ready is what the driver does next, in this order: persist the records
// (and report each with Persisted), send the messages, deliver the answers,
// erase the presignatures' secrets. Faults (misbehaviour the messages
// prove) and Refused (proposals this node would not endorse for reasons of
// its own, such as its floor or clock) are for the log and metrics.
type Ready struct {
	Persist []Record
	Send    []Message
	Answer  []Answer
	Erase   []tecdsa.PresigID
	Faults  []Fault
	Refused []Fault
}

// Empty reports whether there is nothing to do.
func (r *Ready) Empty() bool {
	return len(r.Persist) == 0 && len(r.Send) == 0 && len(r.Answer) == 0 && len(r.Erase) == 0 &&
		len(r.Faults) == 0 && len(r.Refused) == 0
}

// leads reports whether node speaks for the request: its leader, or near a
// change of the leader rule its leader under the other rule.
func (r *request) leads(node uint32) bool {
	return node == r.leader || (r.alt != 0 && node == r.alt)
}

// Limits on what peers can make a Machine keep.
const (
	// requestTTL is how long a request and its presignature's state stay in
	// memory after they were first seen; the store keeps the binding.
	requestTTL = 2 * time.Minute
	// maxPendingPerPeer bounds the presignatures one peer may have sent
	// endorsements for that this node has not seen a binding of.
	maxPendingPerPeer = 8192
	// maxRequests bounds the requests held in memory.
	maxRequests = 1 << 17
	// maxPeerRequests bounds the requests one peer's messages may create
	// here before any client asks for them; such a request is forgotten
	// after peerRequestTTL without a client.
	maxPeerRequests = 8192
	peerRequestTTL  = 15 * time.Second
	// maxPeerRefusals bounds the requests one leader's refusal notices may
	// create here before any client asks (also forgotten after
	// peerRequestTTL). Apart from maxPeerRequests: a stranger's bad logins
	// make a leader refuse, and must not crowd out its proposals.
	maxPeerRefusals = 1024
)

type request struct {
	lookup   [32]byte
	id       []byte
	hash     [32]byte
	key      [33]byte
	leader   uint32
	alt      uint32    // its leader under the other rule, near a change of the rule (Leaders.At)
	later    bool      // leader is the later rule's
	hold     time.Time // a later-rule leader waits until then for alt's proposal
	seen     time.Time
	deadline time.Time // for the proposal, a presignature, or endorsements
	client   bool      // a client asked this node: an answer is due
	plain    bool
	answered bool
	waiting  bool // the leader waits for its pool to refill
	failed   error
	binding  *tecdsa.Binding
	creator  uint32         // the peer whose message created it, until a client asks (0: none)
	outsider bool           // the binding is of a batch this node never took part in
	refused  bool           // failed by the leader's refusal notice
	budget   map[uint32]int // the creator's budget it counts in (created or refusals)
}

type presig struct {
	seen      time.Time
	binding   *tecdsa.Binding // the binding this node endorsed, nil if none
	digest    [32]byte
	persisted bool
	poisoned  error // a write failed: never endorse, never sign
	released  bool
	votes     map[[32]byte]map[uint32]bool // endorsements by binding digest
	// early are the peers whose endorsements came before any binding here,
	// each counted against its maxPendingPerPeer budget until one does.
	early map[uint32]bool
	// named: the owner was named for binding this presignature twice.
	named bool
}

// Machine is one node's signing coordination. It is not safe for
// concurrent use: the driver serialises Step calls.
type Machine struct {
	cfg      Config
	now      time.Time
	lastGC   time.Time
	live     []uint32
	leadOnly []uint32 // Leaders.Nodes: nil, or the only nodes that lead and sign
	leadThen []uint32 // Leaders.Then, from leadAt on
	leadAt   time.Time
	retired  bool // Retire: a newer machine leads this node's requests
	requests map[[32]byte]*request
	open     map[[32]byte]*request // client requests not answered yet
	presigs  map[tecdsa.PresigID]*presig
	pending  map[uint32]int // presignatures with votes but no binding here, per peer
	created  map[uint32]int // requests created by each peer's messages, no client yet
	refusals map[uint32]int // the same, created by each leader's refusal notices
	// earlyOrder is, per peer, the presignatures it endorsed before any
	// binding of them here, oldest first (settled ones are skipped).
	earlyOrder map[uint32][]tecdsa.PresigID
	ready      Ready
}

// New returns a Machine.
func New(cfg Config) (*Machine, error) {
	n := len(cfg.Nodes)
	switch {
	case n == 0 || !slices.IsSorted(cfg.Nodes) || !slices.Contains(cfg.Nodes, cfg.Self):
		return nil, fmt.Errorf("signing: node %d in %v", cfg.Self, cfg.Nodes)
	case cfg.T < 0 || n < 3*cfg.T+1:
		return nil, fmt.Errorf("signing: t=%d with %d nodes (need n ≥ 3t+1)", cfg.T, n)
	case cfg.Pool == nil || cfg.BindWait <= 0 || cfg.EndorseWait <= 0 || cfg.MaxSkew <= 0:
		return nil, errors.New("signing: a pool, positive waits and a clock skew are required")
	}
	return &Machine{cfg: cfg, live: slices.Clone(cfg.Nodes), requests: map[[32]byte]*request{},
		open: map[[32]byte]*request{}, presigs: map[tecdsa.PresigID]*presig{}, pending: map[uint32]int{},
		earlyOrder: map[uint32][]tecdsa.PresigID{}, created: map[uint32]int{}, refusals: map[uint32]int{}}, nil
}

// quorum is 2t+1, the signers of a Lit-mode request.
func (m *Machine) quorum() int { return 2*m.cfg.T + 1 }

// endorsers is n − t, the endorsements a release needs.
func (m *Machine) endorsers() int { return len(m.cfg.Nodes) - m.cfg.T }

// Ready returns what the driver must do now and forgets it.
func (m *Machine) Ready() Ready {
	r := m.ready
	m.ready = Ready{}
	return r
}

// HasReady reports whether Ready has anything.
func (m *Machine) HasReady() bool { return !m.ready.Empty() }

// Leader returns the leader of a request, as this node computes it: once,
// from the live snapshot when the request was first seen.
func (m *Machine) Leader(requestID []byte, hash [32]byte, key [33]byte) uint32 {
	lookup := tecdsa.Lookup(requestID, hash, key)
	if r, ok := m.requests[lookup]; ok {
		return r.leader
	}
	return tecdsa.Leader(requestID, m.leaders())
}

// leaders is the live nodes that may lead and sign now (see Leaders).
func (m *Machine) leaders() []uint32 {
	return m.leadersUnder(m.leadAt.IsZero() || m.now.Before(m.leadAt))
}

// leadersUnder is the live nodes that lead under the rule before leadAt
// (before), or from it on.
func (m *Machine) leadersUnder(before bool) []uint32 {
	only := m.leadThen
	if before {
		only = m.leadOnly
	}
	if only == nil {
		return m.live
	}
	out := make([]uint32, 0, len(m.live))
	for _, id := range m.live {
		if slices.Contains(only, id) {
			out = append(out, id)
		}
	}
	return out
}

// leadersOf returns a new request's leader now and, within
// LeaderChangeSlack of a change of the rule, its leader under the other
// rule when that is another node (alt; 0 otherwise), and whether leader is
// the later rule's.
func (m *Machine) leadersOf(id []byte) (leader, alt uint32, later bool) {
	before := m.leadAt.IsZero() || m.now.Before(m.leadAt)
	leader = tecdsa.Leader(id, m.leadersUnder(before))
	if m.leadAt.IsZero() || m.now.Sub(m.leadAt).Abs() >= LeaderChangeSlack {
		return leader, 0, !before
	}
	if a := tecdsa.Leader(id, m.leadersUnder(!before)); a != leader {
		alt = a
	}
	return leader, alt, !before
}

// Step takes one input. Inputs of unknown types are ignored.
func (m *Machine) Step(in any) {
	switch in := in.(type) {
	case Request:
		m.onRequest(&in)
	case Proposal:
		m.onProposal(&in)
	case Endorsement:
		m.onEndorsement(&in)
	case Notice:
		m.onNotice(&in)
	case Refusal:
		m.onRefusal(&in)
	case Persisted:
		m.onPersisted(&in)
	case Tick:
		m.onTick(&in)
	case Leaders:
		m.leadOnly, m.leadThen, m.leadAt = slices.Clone(in.Nodes), slices.Clone(in.Then), in.At
	case Retire:
		m.retired = true
		for _, r := range m.open {
			r.waiting, r.hold = false, time.Time{}
		}
	}
}

// Bound reports whether the request under lookup has a binding here: one
// this node made as its leader or endorsed. A request without one may be
// handed to a newer machine (Retire); one with a binding must finish here.
func (m *Machine) Bound(lookup [32]byte) bool {
	r, ok := m.requests[lookup]
	return ok && r.binding != nil
}

// request returns the request under lookup. A request seen for the first
// time gets its leader from the live snapshot, and is kept only if keep
// accepts it (a message from a node that is not its leader creates nothing)
// and there is room: creator is the peer whose message brings it (0 for a
// client), which may have at most maxPeerRequests of them here.
func (m *Machine) request(id []byte, hash [32]byte, key [33]byte, creator uint32, keep func(*request) bool) (*request, bool) {
	return m.requestIn(id, hash, key, creator, keep, m.created, maxPeerRequests)
}

// requestIn is request with the creator's budget given: budget counts the
// requests each peer's messages created, at most limit.
func (m *Machine) requestIn(id []byte, hash [32]byte, key [33]byte, creator uint32, keep func(*request) bool, budget map[uint32]int, limit int) (*request, bool) {
	lookup := tecdsa.Lookup(id, hash, key)
	if r, ok := m.requests[lookup]; ok {
		return r, true
	}
	r := &request{lookup: lookup, id: bytes.Clone(id), hash: hash, key: key, seen: m.now,
		deadline: m.now.Add(m.cfg.BindWait), creator: creator}
	r.leader, r.alt, r.later = m.leadersOf(id)
	if !keep(r) || len(m.requests) >= maxRequests || (creator != 0 && budget[creator] >= limit) {
		return r, false
	}
	m.requests[lookup] = r
	if creator != 0 {
		r.budget = budget
		budget[creator]++
	}
	return r, true
}

// forget drops a request from memory.
func (m *Machine) forget(k [32]byte, r *request) {
	delete(m.requests, k)
	delete(m.open, k)
	if r.creator != 0 {
		r.budget[r.creator]--
	}
}

func always(*request) bool { return true }

func (m *Machine) fault(node uint32, format string, args ...any) {
	m.ready.Faults = append(m.ready.Faults, Fault{Node: node, Reason: fmt.Sprintf(format, args...)})
}

// refuse records a message refused for a reason that proves nothing
// against its sender.
func (m *Machine) refuse(node uint32, reason string) {
	m.ready.Refused = append(m.ready.Refused, Fault{Node: node, Reason: reason})
}

func (m *Machine) answer(r *request, a Answer) {
	if !r.client || r.answered {
		return
	}
	r.answered = true
	delete(m.open, r.lookup)
	a.Lookup = r.lookup
	m.ready.Answer = append(m.ready.Answer, a)
}

func (m *Machine) fail(r *request, err error) {
	if r.failed == nil {
		r.failed = err
	}
	m.answer(r, Answer{Err: r.failed})
}

func (m *Machine) onRequest(in *Request) {
	if in.Live != nil {
		m.live = slices.Clone(in.Live)
	}
	r, ok := m.request(in.RequestID, in.Hash, in.Key, 0, always)
	if !ok {
		r.client = true
		m.fail(r, ErrBusy)
		return
	}
	if r.creator != 0 { // a client asks: no longer the peer's
		r.budget[r.creator]--
		r.creator, r.budget = 0, nil
	}
	if r.binding == nil && r.failed == nil && len(m.live) < m.endorsers() {
		// No binding can gather n − t endorsements: say so at once, and who
		// is missing.
		var down []uint32
		for _, id := range m.cfg.Nodes {
			if !slices.Contains(m.live, id) {
				down = append(down, id)
			}
		}
		r.failed = fmt.Errorf("%w: %d of %d reachable, %d needed; unreachable: %v", ErrTooFewLive, len(m.live), len(m.cfg.Nodes), m.endorsers(), down)
	}
	if !r.client {
		r.client, r.plain = true, in.Plain
	}
	if r.answered { // a repeat: the same answer again
		r.answered = false
		if r.refused {
			// ... except after the leader's refusal: the client may ask
			// again once it may (a permission granted back), and the leader
			// decides again; this node waits for its word anew.
			r.refused, r.failed, r.deadline = false, nil, m.now.Add(m.cfg.BindWait)
		}
	}
	m.open[r.lookup] = r
	switch {
	case r.failed != nil:
		m.fail(r, r.failed)
	case r.outsider:
		m.answer(r, Answer{Binding: r.binding})
	case r.binding != nil:
		m.settle(r)
	case r.leader == m.cfg.Self && !m.retired && r.alt != 0 && r.later:
		// Another node may still lead it under the earlier rule: its
		// proposal wins if it comes within LeaderChangeWait.
		r.hold = m.now.Add(LeaderChangeWait)
	case r.leader == m.cfg.Self && !m.retired:
		m.lead(r)
	}
}

// lead binds one of this node's presignatures to r and endorses it.
func (m *Machine) lead(r *request) {
	id, holders, ok := m.cfg.Pool.Take(m.leaders(), m.quorum())
	if !ok {
		if m.cfg.Pool.Refilling() && m.now.Before(r.seen.Add(m.cfg.BindWait/2)) {
			r.waiting = true // the next tick tries again
			return
		}
		r.waiting = false
		m.notice(r, "no presignatures")
		return
	}
	r.waiting = false
	signers := holders
	if !r.plain {
		var err error
		if signers, err = tecdsa.SignerSet(r.id, r.hash, holders, m.quorum()); err != nil {
			m.notice(r, "no presignature with a quorum of live holders")
			return
		}
	}
	b := &tecdsa.Binding{Presig: id, Owner: m.cfg.Self, RequestID: r.id, Hash: r.hash, PublicKey: r.key, Signers: signers, Plain: r.plain}
	m.endorse(r, b)
}

// notice tells the other live nodes that the leader bound nothing for r,
// and fails it here.
func (m *Machine) notice(r *request, why string) {
	m.sendNotice(r, why)
	m.fail(r, fmt.Errorf("%w: %s", ErrNoPresignatures, why))
}

func (m *Machine) sendNotice(r *request, why string) {
	nt := &Notice{From: m.cfg.Self, RequestID: r.id, Hash: r.hash, Key: r.key, Reason: why}
	for _, id := range m.live {
		if id != m.cfg.Self {
			m.ready.Send = append(m.ready.Send, Message{To: id, Kind: KindNotice, Notice: nt})
		}
	}
}

// Digest names a binding in endorsements.
func Digest(b *tecdsa.Binding) [32]byte {
	enc, _ := b.MarshalBinary()
	return sha256.Sum256(enc)
}

// endorse makes b this node's binding of its presignature, to be persisted
// before anything about it leaves.
func (m *Machine) endorse(r *request, b *tecdsa.Binding) {
	ps := m.presig(b.Presig)
	dg := Digest(b)
	switch {
	case ps.poisoned != nil:
		m.fail(r, fmt.Errorf("%w: %v", ErrConflict, ps.poisoned))
		return
	case ps.binding != nil && ps.digest != dg:
		m.fail(r, fmt.Errorf("%w: %s", ErrConflict, b.Presig))
		return
	case ps.binding != nil:
		r.binding = ps.binding
		m.settle(r)
		return
	}
	ps.binding, ps.digest = b, dg
	m.settleEarly(ps)
	m.checkOwner(ps)
	r.binding = b
	r.deadline = m.now.Add(m.cfg.EndorseWait)
	m.ready.Persist = append(m.ready.Persist, Record{Binding: b})
}

func (m *Machine) presig(id tecdsa.PresigID) *presig {
	ps, ok := m.presigs[id]
	if !ok {
		ps = &presig{seen: m.now, votes: map[[32]byte]map[uint32]bool{}}
		m.presigs[id] = ps
	}
	return ps
}

// settleEarly gives back the budget of the peers whose endorsements of ps
// came before its binding.
func (m *Machine) settleEarly(ps *presig) {
	for v := range ps.early {
		m.pending[v]--
	}
	ps.early = nil
}

// onPersisted sends what the persisted endorsement allows: the proposal
// (leader) or the endorsement (others), and settles the request.
func (m *Machine) onPersisted(in *Persisted) {
	ps, ok := m.presigs[in.Presig]
	if !ok || ps.binding == nil || ps.persisted {
		return
	}
	b := ps.binding
	r := m.requests[b.Lookup()]
	if in.Err != nil {
		// Another binding from an earlier life, or a failed write: this
		// node cannot tell whether it endorsed, so it never will. A leader
		// says so at once rather than let the others wait.
		ps.poisoned = in.Err
		if r != nil && b.Owner == m.cfg.Self && r.failed == nil {
			m.sendNotice(r, "the presignature could not be bound")
		}
		if r != nil {
			m.fail(r, fmt.Errorf("%w: %v", ErrConflict, in.Err))
		}
		return
	}
	ps.persisted = true
	if b.Owner == m.cfg.Self {
		for _, id := range m.live {
			if id != m.cfg.Self {
				m.ready.Send = append(m.ready.Send, Message{To: id, Kind: KindPropose, Binding: b})
			}
		}
	} else {
		for _, id := range b.Signers {
			if id != m.cfg.Self {
				m.ready.Send = append(m.ready.Send, Message{To: id, Kind: KindEndorse, Presig: b.Presig, Digest: ps.digest})
			}
		}
	}
	if !slices.Contains(b.Signers, m.cfg.Self) {
		// Never a signer of it: its secrets go now that the binding is on
		// disk (it stays there, for repeats and refusals).
		m.ready.Erase = append(m.ready.Erase, b.Presig)
	}
	if r != nil {
		m.settle(r)
	}
}

// settle answers r once its binding allows: at once for a node outside the
// signer set, after n − t endorsements for a signer.
func (m *Machine) settle(r *request) {
	b := r.binding
	ps := m.presigs[b.Presig]
	if ps == nil || !ps.persisted || ps.digest != Digest(b) {
		return
	}
	if !slices.Contains(b.Signers, m.cfg.Self) {
		m.answer(r, Answer{Binding: b})
		return
	}
	votes := 1 // this node's own, on disk
	for id := range ps.votes[ps.digest] {
		if id != m.cfg.Self {
			votes++
		}
	}
	if votes >= m.endorsers() && r.client {
		ps.released = true
		m.answer(r, Answer{Binding: b, Sign: true})
	}
}

func (m *Machine) isNode(id uint32) bool {
	_, ok := slices.BinarySearch(m.cfg.Nodes, id)
	return ok
}

// checkBinding applies the rules a proposal must pass before this node
// endorses it. A broken rule is the proposer's fault; a presignature too old
// for this node (its floor, its clock) is not.
func (m *Machine) checkBinding(b *tecdsa.Binding) (fault bool, err error) {
	if err := m.checkShape(b); err != nil {
		return true, err
	}
	born, _ := BatchBorn(b.Presig.Batch)
	switch {
	case born.After(m.now.Add(m.cfg.MaxSkew)):
		return false, fmt.Errorf("presignature of a batch born %s, in this node's future", born.UTC().Format(time.RFC3339))
	case born.Before(m.cfg.Floor):
		return false, fmt.Errorf("presignature of a batch born %s, before this store's floor %s", born.UTC().Format(time.RFC3339), m.cfg.Floor.UTC().Format(time.RFC3339))
	case m.cfg.MaxAge > 0 && m.now.Sub(born) > m.cfg.MaxAge:
		return false, fmt.Errorf("presignature of a batch born %s, past its age", born.UTC().Format(time.RFC3339))
	}
	return false, nil
}

func (m *Machine) checkShape(b *tecdsa.Binding) error {
	n, q := len(m.cfg.Nodes), m.quorum()
	switch {
	case len(b.RequestID) == 0 || len(b.RequestID) > tecdsa.MaxRequestID:
		return fmt.Errorf("request id of %d bytes", len(b.RequestID))
	case len(b.Signers) > n || (!b.Plain && len(b.Signers) != q) || (b.Plain && len(b.Signers) < q):
		return fmt.Errorf("signer set of %d (quorum %d, plain %v)", len(b.Signers), q, b.Plain)
	}
	for i, id := range b.Signers {
		if !m.isNode(id) || (i > 0 && id <= b.Signers[i-1]) {
			return fmt.Errorf("signer set %v", b.Signers)
		}
	}
	if _, ok := BatchBorn(b.Presig.Batch); !ok {
		return errors.New("presignature of a batch without a birth time")
	}
	if owner, _ := BatchOwner(b.Presig.Batch); owner != b.Owner {
		return fmt.Errorf("a binding by node %d of node %d's presignature", b.Owner, owner)
	}
	return nil
}

func (m *Machine) onProposal(in *Proposal) {
	b := in.Binding
	if b == nil || !m.isNode(in.From) || in.From == m.cfg.Self {
		return
	}
	if b.Owner != in.From {
		m.fault(in.From, "proposed a binding of node %d's presignature %s", b.Owner, b.Presig)
		return
	}
	if fault, err := m.checkBinding(b); err != nil {
		if fault {
			m.fault(in.From, "proposed a binding that breaks the rules: %v", err)
		} else {
			m.refuse(in.From, err.Error())
		}
		return
	}
	known := m.cfg.Pool.Known(b.Presig)
	if !known && slices.Contains(b.Signers, m.cfg.Self) {
		m.refuse(in.From, fmt.Sprintf("named this node a signer of presignature %s, of a batch it never took part in", b.Presig))
		return
	}
	fromLeader := func(r *request) bool { return r.leads(in.From) }
	r, ok := m.request(b.RequestID, b.Hash, b.PublicKey, in.From, fromLeader)
	if !ok || !fromLeader(r) {
		// Not proof of anything: the sender's view of the live nodes may
		// differ. Refused all the same.
		m.refuse(in.From, "proposed a binding for a request it does not lead")
		return
	}
	if r.binding != nil {
		switch {
		case Digest(r.binding) == Digest(b):
		case r.binding.Owner == in.From:
			m.fault(in.From, "proposed two bindings for one request")
		default:
			m.refuse(in.From, "its binding came after the other leader's, at a change of the leader rule")
		}
		return
	}
	r.hold = time.Time{} // the other leader bound it
	if r.refused {
		// The leader refused a request under this id, then bound one (its
		// client asked again once it could): the refusal gives way.
		r.refused, r.failed = false, nil
	}
	if !known {
		// A node that never took part in the batch cannot sign with it and
		// writes no record of it (a peer could otherwise fill its disk with
		// presignatures that do not exist); it answers at once, without a
		// share, as the Lit SDK waits for every node.
		r.binding, r.outsider = b, true
		m.answer(r, Answer{Binding: b})
		return
	}
	// The proposal is the leader's own endorsement.
	m.vote(in.From, b.Presig, Digest(b))
	m.endorse(r, b)
}

func (m *Machine) vote(from uint32, id tecdsa.PresigID, dg [32]byte) {
	ps := m.presigs[id]
	if ps == nil || (ps.binding == nil && !ps.early[from]) {
		// An endorsement of a presignature this node has no binding of (yet):
		// kept within the sender's budget, its oldest such going first — not
		// refused, and naming nobody: a corrupt leader can make an honest
		// node endorse bindings only it was told of.
		for m.pending[from] >= maxPendingPerPeer {
			m.evictEarly(from)
		}
		m.pending[from]++
		ps = m.presig(id)
		if ps.early == nil {
			ps.early = map[uint32]bool{}
		}
		ps.early[from] = true
		m.earlyOrder[from] = append(m.earlyOrder[from], id)
	}
	for other, voters := range ps.votes {
		if other != dg && voters[from] {
			m.fault(from, "endorsed two bindings of presignature %s", id)
			return
		}
	}
	if ps.votes[dg] == nil {
		ps.votes[dg] = map[uint32]bool{}
	}
	ps.votes[dg][from] = true
	m.checkOwner(ps)
}

// evictEarly forgets from's oldest endorsement of a presignature that has no
// binding here.
func (m *Machine) evictEarly(from uint32) {
	q := m.earlyOrder[from]
	for len(q) > 0 {
		id := q[0]
		q = q[1:]
		ps := m.presigs[id]
		if ps == nil || ps.binding != nil || !ps.early[from] {
			continue // settled or forgotten already: it is not counted
		}
		delete(ps.early, from)
		for dg, voters := range ps.votes {
			if delete(voters, from); len(voters) == 0 {
				delete(ps.votes, dg)
			}
		}
		m.pending[from]--
		if len(ps.votes) == 0 {
			delete(m.presigs, id)
		}
		break
	}
	m.earlyOrder[from] = q
	if len(q) == 0 && m.pending[from] > 0 {
		m.pending[from] = 0 // cannot happen; keeps the loop in vote finite
	}
}

// checkOwner names a presignature's owner once t + 1 nodes endorsed a
// binding of it other than the one the owner proposed to this node: at
// least one of them is honest, so the owner proposed two bindings.
func (m *Machine) checkOwner(ps *presig) {
	if ps.named || ps.binding == nil || ps.binding.Owner == m.cfg.Self {
		return
	}
	others := map[uint32]bool{}
	for dg, voters := range ps.votes {
		if dg != ps.digest {
			for v := range voters {
				others[v] = true
			}
		}
	}
	if len(others) >= m.cfg.T+1 {
		ps.named = true
		m.fault(ps.binding.Owner, "bound presignature %s to two requests (%d nodes endorsed another binding)", ps.binding.Presig, len(others))
	}
}

func (m *Machine) onEndorsement(in *Endorsement) {
	if !m.isNode(in.From) || in.From == m.cfg.Self {
		return
	}
	m.vote(in.From, in.Presig, in.Digest)
	if ps := m.presigs[in.Presig]; ps != nil && ps.binding != nil && ps.digest == in.Digest {
		if r := m.requests[ps.binding.Lookup()]; r != nil {
			m.settle(r)
		}
	}
}

func (m *Machine) onNotice(in *Notice) {
	if len(in.RequestID) == 0 || len(in.RequestID) > tecdsa.MaxRequestID {
		return
	}
	// Only the request's leader speaks for it (a notice from anyone else
	// creates nothing), and a binding, once accepted, stands.
	fromLeader := func(r *request) bool { return r.leads(in.From) }
	budget, limit := m.created, maxPeerRequests
	if _, ok := RefusedCode(in.Reason); ok {
		// Refusals have a budget of their own: anyone can have a leader
		// refuse requests (a bad login costs nothing), and they must not
		// use up the room its proposals need.
		budget, limit = m.refusals, maxPeerRefusals
	}
	r, ok := m.requestIn(in.RequestID, in.Hash, in.Key, in.From, fromLeader, budget, limit)
	if !ok || !fromLeader(r) {
		m.refuse(in.From, "sent a notice for a request it does not lead, or beyond its budget")
		return
	}
	if r.binding != nil || r.failed != nil {
		return
	}
	if code, ok := RefusedCode(in.Reason); ok {
		// The leader refused the request itself (a permission it no longer
		// sees, a quota, a bad login). A corrupt leader could stall the
		// request anyway, so believing it gives it nothing; kept, for a
		// client that has not asked yet, within the peer's request budget
		// and for peerRequestTTL.
		r.refused = true
		m.fail(r, &LeaderRefusedError{Leader: in.From, Code: code})
		return
	}
	m.fail(r, fmt.Errorf("%w: node %d: %s", ErrNoPresignatures, in.From, in.Reason))
}

// onRefusal tells the request's other nodes that this node, its leader,
// refused it. A request this node already knows is left alone: a refusal
// must not undo a binding (a stranger's copy of a request id reaching the
// leader after the client's own), and a request it knows but has not bound
// is being answered already.
func (m *Machine) onRefusal(in *Refusal) {
	if in.Live != nil {
		m.live = slices.Clone(in.Live)
	}
	if len(in.RequestID) == 0 || len(in.RequestID) > tecdsa.MaxRequestID {
		return
	}
	if _, ok := m.requests[tecdsa.Lookup(in.RequestID, in.Hash, in.Key)]; ok {
		return
	}
	if m.retired || tecdsa.Leader(in.RequestID, m.leaders()) != m.cfg.Self {
		return
	}
	code := in.Code
	if !validCode(code) {
		code = "Unknown"
	}
	m.sendNotice(&request{id: in.RequestID, hash: in.Hash, key: in.Key}, RefusedPrefix+code)
}

// gcEvery is how often a tick forgets old requests and presignatures.
const gcEvery = 5 * time.Second

func (m *Machine) onTick(in *Tick) {
	m.now = in.Now
	if in.Live != nil {
		m.live = slices.Clone(in.Live)
	}
	for _, r := range m.open {
		switch {
		case !r.hold.IsZero() && r.binding == nil && r.failed == nil:
			if !m.now.Before(r.hold) && !m.retired {
				r.hold = time.Time{}
				m.lead(r)
			}
		case r.waiting:
			m.lead(r)
		case !m.now.After(r.deadline):
		case r.binding == nil:
			m.fail(r, fmt.Errorf("%w (node %d)", ErrLeaderUnreachable, r.leader))
		default:
			m.fail(r, fmt.Errorf("%w: %s", ErrNotEndorsed, r.binding.Presig))
		}
	}
	if m.now.Sub(m.lastGC) < gcEvery {
		return
	}
	m.lastGC = m.now
	for k, r := range m.requests {
		if m.now.Sub(r.seen) > requestTTL || (r.creator != 0 && m.now.Sub(r.seen) > peerRequestTTL) {
			m.forget(k, r)
		}
	}
	for id, ps := range m.presigs {
		if m.now.Sub(ps.seen) <= requestTTL {
			continue
		}
		m.settleEarly(ps)
		if ps.binding != nil && ps.persisted && !ps.released && slices.Contains(ps.binding.Signers, m.cfg.Self) {
			// Bound here but its request never came: erase the secrets,
			// keep the binding (a late request is refused, not re-bound).
			m.ready.Erase = append(m.ready.Erase, id)
		}
		delete(m.presigs, id)
	}
	for v, c := range m.pending {
		if c <= 0 {
			delete(m.pending, v)
		}
	}
	for v, q := range m.earlyOrder {
		kept := q[:0]
		for _, id := range q {
			if ps := m.presigs[id]; ps != nil && ps.binding == nil && ps.early[v] {
				kept = append(kept, id)
			}
		}
		if len(kept) == 0 {
			delete(m.earlyOrder, v)
		} else {
			m.earlyOrder[v] = kept
		}
	}
}

// Batch ids carry their leader's clock, so every node, restarted or not,
// agrees on a batch's age, and their leader — the owner of every
// presignature of the batch — so that a node that never held one can tell
// who may bind it: a marker byte, the unix second (big endian), the owner
// (u16) and 5 random bytes. A node joins a batch only when its id names the
// batch's leader.
const batchIDMarker = 0xf2

// NewBatchID returns the id of a batch owned by owner, born now; random must
// be 5 bytes.
func NewBatchID(now time.Time, owner uint32, random []byte) [16]byte {
	var id [16]byte
	id[0] = batchIDMarker
	binary.BigEndian.PutUint64(id[1:9], uint64(now.Unix()))
	binary.BigEndian.PutUint16(id[9:11], uint16(owner))
	copy(id[11:], random)
	return id
}

// BatchOwner returns the owner a batch id names.
func BatchOwner(batch [16]byte) (uint32, bool) {
	if batch[0] != batchIDMarker {
		return 0, false
	}
	return uint32(binary.BigEndian.Uint16(batch[9:11])), true
}

// BatchBorn returns when a batch was made.
func BatchBorn(batch [16]byte) (time.Time, bool) {
	if batch[0] != batchIDMarker {
		return time.Time{}, false
	}
	sec := binary.BigEndian.Uint64(batch[1:9])
	if sec > math.MaxInt64 {
		return time.Time{}, false
	}
	return time.Unix(int64(sec), 0), true
}
