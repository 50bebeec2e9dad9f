// Package mpc fixes the shape that every multi-party protocol in Flint's crypto/
// tree shares, in the manner of etcd's raft: a protocol party is a pure state
// machine. The caller feeds it messages, sends what it returns, and tells it when
// a round's deadline has passed. Nothing here opens a socket, reads a clock or
// writes a file, so a node drives parties over the network and tests drive whole
// committees in one goroutine.
//
// Rules every Party follows:
//   - A message that fails validation (bad encoding, wrong round, a value that
//     does not check against its commitments, a duplicate) is rejected with an
//     error and leaves the party's state exactly as it was.
//   - An error that is the sender's fault is, or wraps, a *FaultError naming it.
//   - Secrets never appear in errors.
//   - Once Done reports true the protocol-specific Result method tells success
//     or a typed failure; further messages are ignored.
package mpc

import (
	"errors"
	"fmt"
)

// Broadcast as a Message's To means "every other party".
const Broadcast uint32 = 0

// Message is one protocol message. Payload is the protocol's own compact
// encoding; the party decodes and validates it in Handle.
type Message struct {
	From    uint32 // sender index, 1..n
	To      uint32 // recipient index, or Broadcast
	Payload []byte
}

// Party is one participant's state machine.
type Party interface {
	// Start returns the party's first messages. It is called once.
	Start() ([]Message, error)
	// Handle processes one incoming message and returns the messages it causes.
	// On error the message is dropped and the party's state is unchanged.
	Handle(Message) ([]Message, error)
	// Expire tells the party that the deadline of its current round has passed:
	// it proceeds without the messages that did not arrive when it can, and
	// finishes with a failure when it cannot.
	Expire() ([]Message, error)
	// Done reports whether the protocol has finished, successfully or not.
	Done() bool
}

// FaultError names a party whose message was wrong. Reason says which check
// failed; it never carries secret values.
type FaultError struct {
	Party  uint32
	Reason string
}

func (e *FaultError) Error() string {
	return fmt.Sprintf("party %d: %s", e.Party, e.Reason)
}

// Faultf returns a *FaultError for party with a formatted reason.
func Faultf(party uint32, format string, args ...any) error {
	return &FaultError{Party: party, Reason: fmt.Sprintf(format, args...)}
}

// Culprit returns the party a fault error names, if err is or wraps one.
func Culprit(err error) (uint32, bool) {
	var f *FaultError
	if errors.As(err, &f) {
		return f.Party, true
	}
	return 0, false
}

// ErrUnexpected is wrapped by errors about messages that are well formed but do
// not belong here: a wrong round, a duplicate, a message after Done.
var ErrUnexpected = errors.New("unexpected message")
