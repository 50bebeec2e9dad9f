package node

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/node/peer"
)

// Values that the nodes running one Action share with each other —
// broadcastAndCollect values, runOnce results, signAndCombineEcdsa shares,
// decryption shares —
// travel as one peer message kind and wait in a mailbox until the local
// execution asks for them: a node may receive a value before its own
// execution gets that far, or after it gave up.
//
// A value is filed under a key, sha256 of the execution's scope, the frame of
// the Action sharing it (its call path and CID), a purpose tag and the
// Action's name for the value (see actionscope.go), and under the sending
// node, as the peer transport authenticated it. The first value from a node
// for a key stands: Send delivers at least once, and a node that changed its
// mind would be lying to someone. A corrupt node can send a value under any
// key, but only as itself.

// Peer message kinds of Actions.
const (
	kindActionValue = "action-value" // key ‖ value, to every node running the request
	kindActionHash  = "action-hash"  // key → the hash a request's leader bound a sigName to
)

// Bounds on what peers may park in the mailbox.
const (
	maxActionValue = 1 << 20   // one value
	maxMailbox     = 256 << 20 // all values held
)

// Purpose tags of mailbox keys.
const (
	tagBroadcast = "bc"
	tagRunOnce   = "once"
	tagShare     = "sig"
	tagHash      = "hash"
	tagDecrypt   = "dec" // decryption shares, named by the ciphertext's identity
)

var (
	errMailboxFull  = errors.New("action mailbox full")
	errValueTooBig  = errors.New("action value too large")
	errShortMessage = errors.New("action value message shorter than its key")
)

// mailKey names one shared value of one Action of one execution.
type mailKey [32]byte

func newMailKey(scope execScope, f actions.Frame, tag, name string) mailKey {
	h := sha256.New()
	h.Write([]byte("flint/actions/value/2\x00"))
	h.Write(scope[:])
	for _, field := range []string{f.Path, f.CID, tag, name} {
		writeField(h, []byte(field))
	}
	var k mailKey
	h.Sum(k[:0])
	return k
}

// encodeValue is the body of a kindActionValue message.
func encodeValue(k mailKey, value []byte) []byte {
	return append(k[:len(k):len(k)], value...)
}

// decodeValue splits a kindActionValue body; the value aliases body.
func decodeValue(body []byte) (mailKey, []byte, error) {
	var k mailKey
	if len(body) < len(k) {
		return k, nil, errShortMessage
	}
	if len(body)-len(k) > maxActionValue {
		return k, nil, fmt.Errorf("%w: %d bytes, limit %d", errValueTooBig, len(body)-len(k), maxActionValue)
	}
	copy(k[:], body)
	return k, body[len(k):], nil
}

type mailbox struct {
	mu    sync.Mutex
	boxes map[mailKey]*slot
	bytes int
	limit int // bytes held at most
}

// slot holds the values of one key, by sending node.
type slot struct {
	created time.Time
	values  map[uint32][]byte
	changed chan struct{} // closed, and replaced, when a value arrives
}

func newMailbox() *mailbox { return &mailbox{boxes: map[mailKey]*slot{}, limit: maxMailbox} }

func (m *mailbox) slotLocked(k mailKey) *slot {
	s := m.boxes[k]
	if s == nil {
		s = &slot{created: time.Now(), values: map[uint32][]byte{}, changed: make(chan struct{})}
		m.boxes[k] = s
	}
	return s
}

// put files value from node from under k. A second value from the same node
// is ignored.
func (m *mailbox) put(k mailKey, from uint32, value []byte) error {
	if len(value) > maxActionValue {
		return fmt.Errorf("%w: %d bytes, limit %d", errValueTooBig, len(value), maxActionValue)
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.slotLocked(k)
	if _, ok := s.values[from]; ok {
		return nil
	}
	if m.bytes+len(value) > m.limit {
		return errMailboxFull
	}
	s.values[from] = append([]byte(nil), value...)
	m.bytes += len(value)
	close(s.changed)
	s.changed = make(chan struct{})
	return nil
}

// get returns the value from node from under k, if there is one.
func (m *mailbox) get(k mailKey, from uint32) ([]byte, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	s := m.boxes[k]
	if s == nil {
		return nil, false
	}
	v, ok := s.values[from]
	return v, ok
}

// wait returns the values filed under k once done says they are enough, or
// when ctx ends with what has come so far and ctx's error.
func (m *mailbox) wait(ctx context.Context, k mailKey, done func(map[uint32][]byte) bool) (map[uint32][]byte, error) {
	for {
		m.mu.Lock()
		s := m.slotLocked(k)
		snapshot := make(map[uint32][]byte, len(s.values))
		for id, v := range s.values {
			snapshot[id] = v
		}
		changed := s.changed
		m.mu.Unlock()
		if done(snapshot) {
			return snapshot, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return snapshot, ctx.Err()
		}
	}
}

// gc drops keys older than maxAge.
func (m *mailbox) gc(now time.Time, maxAge time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	for k, s := range m.boxes {
		if now.Sub(s.created) > maxAge {
			for _, v := range s.values {
				m.bytes -= len(v)
			}
			delete(m.boxes, k)
		}
	}
}

// onActionValue files a peer's value.
func (n *Node) onActionValue(from uint32, body []byte) error {
	if n.acts == nil {
		return ErrNotReady
	}
	k, v, err := decodeValue(body)
	if err != nil {
		return fmt.Errorf("%w: %v", errPeerRefused, err)
	}
	if err := n.acts.box.put(k, from, v); err != nil {
		if errors.Is(err, errMailboxFull) {
			return fmt.Errorf("%w: %v", peer.ErrUnavailable, err) // the sender retries later
		}
		return fmt.Errorf("%w: %v", errPeerRefused, err)
	}
	return nil
}

// shareValue sends value under k to the given nodes, in the background: each
// delivery retries until it succeeds or wait passes. It files this node's own
// value too.
func (n *Node) shareValue(k mailKey, value []byte, to []uint32, wait time.Duration) {
	self := n.view().self
	_ = n.acts.box.put(k, self, value)
	body := encodeValue(k, value)
	for _, id := range to {
		if id != self {
			n.send.one(id, kindActionValue, body, wait)
		}
	}
}
