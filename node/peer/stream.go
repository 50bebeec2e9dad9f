package peer

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"
)

// A stream carries one-way messages of one kind to one peer over a single
// long-lived HTTP/2 request: each message is a length-prefixed frame of the
// request body, which the peer hands to its Handler in order, with no
// answer. A message costs a write on an open stream instead of a request, a
// response and their headers — for the many small messages of the signing
// coordination. A message may be lost when the connection breaks (the next
// Send opens a new stream), so streams are for messages whose loss the
// protocol tolerates; Send and Call remain for the others.
type Stream struct {
	t    *Transport
	to   uint32
	kind string

	mu   sync.Mutex
	w    *io.PipeWriter
	done chan struct{} // closed when the request ends
}

const streamPrefix = "/peer/stream/v1/"

// Stream returns the stream of messages of kind to node to. It opens on the
// first Send.
func (t *Transport) Stream(to uint32, kind string) (*Stream, error) {
	if !validKind(kind) {
		return nil, fmt.Errorf("%w: %q", ErrBadKind, kind)
	}
	return &Stream{t: t, to: to, kind: kind}, nil
}

// Send writes one message, opening the stream (again) if it is not open;
// it returns once the message is handed to the connection, not delivered.
func (s *Stream) Send(ctx context.Context, body []byte) error {
	if int64(len(body)) > s.t.cfg.MaxBody {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(body), s.t.cfg.MaxBody)
	}
	frame := binary.BigEndian.AppendUint32(make([]byte, 0, 4+len(body)), uint32(len(body)))
	frame = append(frame, body...)
	s.mu.Lock()
	defer s.mu.Unlock()
	for attempt := 0; attempt < 2; attempt++ {
		if s.w == nil {
			if err := s.open(ctx); err != nil {
				return err
			}
		}
		if _, err := s.w.Write(frame); err == nil {
			s.t.metrics.message("sent", s.kind, len(body))
			return nil
		}
		s.w.Close()
		s.w = nil // broken: open a new one
	}
	return fmt.Errorf("peer: stream %s to node %d: %w", s.kind, s.to, ErrUnreachable)
}

// Close ends the stream.
func (s *Stream) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.w != nil {
		s.w.Close()
		s.w = nil
	}
}

// open starts the request whose body carries the frames. s.mu held.
func (s *Stream) open(ctx context.Context) error {
	p, err := s.t.link(s.to)
	if err != nil {
		return err
	}
	cc, base, err := s.t.conn(ctx, p)
	if err != nil {
		err = fmt.Errorf("peer: stream %s to node %d: %w: %w", s.kind, s.to, ErrUnreachable, err)
		s.t.failed(p, s.kind, err)
		return err
	}
	pr, pw := io.Pipe()
	// The request lives as long as the transport, not the caller.
	req, err := http.NewRequestWithContext(s.t.closing, http.MethodPost, base+streamPrefix+s.kind, pr)
	if err != nil {
		cc.Release()
		return fmt.Errorf("%w: node %d: %w", ErrUnknownPeer, s.to, err)
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	done := make(chan struct{})
	s.t.bg.Add(1)
	go func() {
		defer s.t.bg.Done()
		defer close(done)
		resp, err := cc.RoundTrip(req)
		if err == nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorText))
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				err = &RemoteError{Peer: s.to, Kind: s.kind, Status: resp.StatusCode}
			} else {
				err = io.ErrClosedPipe
			}
		}
		pr.CloseWithError(err)
	}()
	s.w, s.done = pw, done
	return nil
}

// serveStream takes the frames of one stream from a peer until it ends.
func (t *Transport) serveStream(w http.ResponseWriter, r *http.Request, from uint32, kind string) {
	rc := http.NewResponseController(w)
	_ = rc.SetReadDeadline(time.Time{}) // a stream is long-lived; each frame is bounded below
	_ = rc.SetWriteDeadline(time.Time{})
	w.WriteHeader(http.StatusOK)
	_ = rc.Flush()
	// Shutdown waits for handlers: a stream ends when the transport closes.
	stop := context.AfterFunc(t.closing, func() { r.Body.Close() })
	defer stop()
	p := t.touch(from)
	br := bufio.NewReader(r.Body)
	var hdr [4]byte
	for {
		if _, err := io.ReadFull(br, hdr[:]); err != nil {
			return // the sender closed it, or the connection went
		}
		n := int64(binary.BigEndian.Uint32(hdr[:]))
		if n > t.cfg.MaxBody {
			t.log.Warn("peer: stream frame too large", "peer", from, "kind", kind, "length", n, "limit", t.cfg.MaxBody)
			return
		}
		if err := p.pending.Acquire(r.Context(), n); err != nil {
			return
		}
		body := make([]byte, n)
		_, err := io.ReadFull(br, body)
		if err == nil {
			ctx, cancel := context.WithTimeout(r.Context(), t.cfg.HandlerTimeout)
			_, err = t.invoke(ctx, from, kind, body)
			cancel()
			switch {
			case errors.Is(err, ErrUnknownKind):
				t.metrics.message("received", "unknown", len(body)) // kinds a peer makes up must not grow the label set
			case err != nil:
				t.metrics.message("received", kind, len(body))
				t.log.Debug("peer: stream message not accepted", "peer", from, "kind", kind, "err", err)
				err = nil
			default:
				t.metrics.message("received", kind, len(body))
			}
		}
		p.pending.Release(n)
		if err != nil {
			return
		}
	}
}

// streamKind splits a stream path into its kind.
func streamKind(path string) (kind string, ok bool) {
	rest, found := strings.CutPrefix(path, streamPrefix)
	return rest, found && validKind(rest)
}
