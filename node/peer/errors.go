package peer

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentinel errors. Errors from Call and Send wrap at least one of them, so a
// caller decides with errors.Is.
var (
	// ErrConfig: New was given an unusable Config.
	ErrConfig = errors.New("peer: bad config")
	// ErrClosed: the transport has been closed.
	ErrClosed = errors.New("peer: transport closed")
	// ErrUnknownPeer: the Directory has no usable entry for the node.
	ErrUnknownPeer = errors.New("peer: node not in the directory")
	// ErrBadKind: a message kind that is not [a-z0-9-]{1,32}.
	ErrBadKind = errors.New("peer: bad message kind")
	// ErrTooLarge: a body over the limit (ours or the peer's).
	ErrTooLarge = errors.New("peer: body too large")
	// ErrPeerKey: the other side of a handshake showed a key it may not use:
	// not ed25519, not in the directory, or not the dialled node's.
	ErrPeerKey = errors.New("peer: unexpected transport key")
	// ErrUnreachable: no answer from the peer (dial, handshake, reset,
	// timeout). Transient: Send retries it.
	ErrUnreachable = errors.New("peer: unreachable")
	// ErrRefused: the peer answered with a 4xx: it refused the message.
	// Final: Send does not retry it.
	ErrRefused = errors.New("peer: message refused")
	// ErrUnavailable: the peer answered with a 5xx. A handler returns it (or
	// wraps it) to say "not now, send again later". Transient: Send retries it.
	ErrUnavailable = errors.New("peer: unavailable")
	// ErrUnknownKind: a handler returns it (or wraps it) for a kind it does
	// not serve; the sender sees a 404.
	ErrUnknownKind = errors.New("peer: unknown kind")
)

// RemoteError is a peer's answer to a message its handler did not accept (or
// this node's own handler's, for messages to Self). It unwraps to ErrRefused
// for 4xx statuses and ErrUnavailable otherwise, to the sentinel the status
// stands for (ErrTooLarge, ErrUnknownKind, ErrBadKind), and, for messages to
// Self, to the handler's own error.
type RemoteError struct {
	Peer    uint32 // the node that answered
	Kind    string // the message kind
	Status  int    // the HTTP status
	Message string // the peer's short error text, sanitised
	cause   error
}

func (e *RemoteError) Error() string {
	return fmt.Sprintf("peer: node %d answered %q with %d: %s", e.Peer, e.Kind, e.Status, e.Message)
}

// Unwrap lets errors.Is and errors.As see the error class, the sentinel of
// the status and the handler's own error.
func (e *RemoteError) Unwrap() []error {
	errs := make([]error, 0, 3)
	if e.Status >= 400 && e.Status < 500 {
		errs = append(errs, ErrRefused)
	} else {
		errs = append(errs, ErrUnavailable)
	}
	switch e.Status {
	case http.StatusRequestEntityTooLarge:
		errs = append(errs, ErrTooLarge)
	case http.StatusNotFound:
		errs = append(errs, ErrUnknownKind)
	case http.StatusBadRequest:
		errs = append(errs, ErrBadKind)
	}
	if e.cause != nil {
		errs = append(errs, e.cause)
	}
	return errs
}

// retryable reports whether Send should try again after err.
func retryable(err error) bool {
	return errors.Is(err, ErrUnreachable) || errors.Is(err, ErrUnavailable)
}

// statusOf maps a handler's error to the status the sender sees.
func statusOf(err error) int {
	switch {
	case errors.Is(err, errPanic):
		return http.StatusInternalServerError
	case errors.Is(err, ErrUnknownKind):
		return http.StatusNotFound
	case errors.Is(err, ErrTooLarge):
		return http.StatusRequestEntityTooLarge
	case errors.Is(err, ErrBadKind):
		return http.StatusBadRequest
	case errors.Is(err, ErrUnavailable), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable
	default:
		return http.StatusUnprocessableEntity
	}
}

// maxErrorText bounds the error text that crosses the wire, both ways.
const maxErrorText = 256

// sanitize turns untrusted bytes into a short, printable, single-line text
// that is safe to put in an error and a log line.
func sanitize(b []byte) string {
	if len(b) > maxErrorText {
		b = b[:maxErrorText]
	}
	var sb strings.Builder
	sb.Grow(len(b))
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		switch {
		case r == utf8.RuneError && size <= 1:
			sb.WriteByte('?')
		case r == ' ' || (unicode.IsPrint(r) && r != unicode.ReplacementChar):
			sb.WriteRune(r)
		default:
			sb.WriteByte('?')
		}
	}
	return strings.TrimSpace(sb.String())
}
