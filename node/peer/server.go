package peer

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"strconv"
)

// serveHTTP answers one request from a peer. The handshake has admitted only
// keys the directory knew; the sender is looked up again because the
// directory may have changed since.
func (t *Transport) serveHTTP(w http.ResponseWriter, r *http.Request) {
	t.handling.Add(1)
	defer t.handling.Add(-1)
	from, key, ok := t.sender(r)
	if !ok {
		t.log.Warn("peer: request from a key the directory does not list", "key", fingerprint(key), "remote", r.RemoteAddr)
		refuse(w, http.StatusForbidden, "unknown sender")
		return
	}
	if r.URL.Path == pingPath {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			refuse(w, http.StatusMethodNotAllowed, "method not allowed")
			return
		}
		t.touch(from)
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if kind, ok := streamKind(r.URL.Path); ok && r.Method == http.MethodPost {
		t.serveStream(w, r, from, kind)
		return
	}
	kind, routed, ok := parsePath(r.URL.Path)
	switch {
	case !routed:
		refuse(w, http.StatusNotFound, "no such route")
		return
	case !ok:
		t.log.Warn("peer: bad message kind", "peer", from, "path", sanitize([]byte(r.URL.Path)))
		refuse(w, http.StatusBadRequest, "bad message kind")
		return
	case r.Method != http.MethodPost:
		w.Header().Set("Allow", http.MethodPost)
		refuse(w, http.StatusMethodNotAllowed, "method not allowed")
		return
	}
	if r.ContentLength > t.cfg.MaxBody {
		t.log.Warn("peer: body too large", "peer", from, "kind", kind, "length", r.ContentLength, "limit", t.cfg.MaxBody)
		refuse(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body over %d bytes", t.cfg.MaxBody))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), t.cfg.HandlerTimeout)
	defer cancel()
	// Bound the memory one peer can hold here: bodies wait for budget
	// before they are read (an unknown length reserves the maximum).
	p := t.touch(from)
	reserve := r.ContentLength
	if reserve < 0 {
		reserve = t.cfg.MaxBody
	}
	if err := p.pending.Acquire(ctx, reserve); err != nil {
		refuse(w, http.StatusServiceUnavailable, "busy")
		return
	}
	body, err := readBody(http.MaxBytesReader(w, r.Body, t.cfg.MaxBody), r.ContentLength, t.cfg.MaxBody)
	if err == nil && int64(len(body)) < reserve {
		p.pending.Release(reserve - int64(len(body)))
		reserve = int64(len(body))
	}
	defer p.pending.Release(reserve)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.Is(err, ErrTooLarge) || errors.As(err, &mbe) {
			t.log.Warn("peer: body too large", "peer", from, "kind", kind, "limit", t.cfg.MaxBody)
			refuse(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("body over %d bytes", t.cfg.MaxBody))
			return
		}
		t.log.Debug("peer: reading body", "peer", from, "kind", kind, "err", err)
		refuse(w, http.StatusBadRequest, "unreadable body")
		return
	}
	reply, err := t.invoke(ctx, from, kind, body)
	label := kind
	if errors.Is(err, ErrUnknownKind) {
		label = "unknown" // kinds a peer makes up must not grow the label set
	}
	t.metrics.message("received", label, len(body))
	if err != nil {
		status := statusOf(err)
		level := t.log.Debug
		if status == http.StatusInternalServerError {
			level = t.log.Warn
		}
		level("peer: handler did not accept", "peer", from, "kind", kind, "status", status, "err", err)
		refuse(w, status, sanitize([]byte(err.Error())))
		return
	}
	t.metrics.bytes("sent", label, len(reply))
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(reply)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(reply)
}

// sender is the index of the node at the other end of r's TLS connection.
func (t *Transport) sender(r *http.Request) (uint32, ed25519.PublicKey, bool) {
	if r.TLS == nil {
		return 0, nil, false
	}
	key, err := leafKey(r.TLS.PeerCertificates)
	if err != nil {
		return 0, nil, false
	}
	index, ok := t.cfg.Directory.Lookup(key)
	return index, key, ok
}

// errPanic stands for a handler that panicked; the sender sees a 500.
var errPanic = errors.New("peer: handler failed")

// invoke runs the handler, turning a panic into errPanic so that one bad
// message cannot take the node down.
func (t *Transport) invoke(ctx context.Context, from uint32, kind string, body []byte) (reply []byte, err error) {
	defer func() {
		if v := recover(); v != nil {
			// Only runtime errors are logged by value: other panic values
			// might hold message contents.
			what := fmt.Sprintf("%T", v)
			if re, ok := v.(runtime.Error); ok {
				what = re.Error()
			}
			buf := make([]byte, 8<<10)
			buf = buf[:runtime.Stack(buf, false)]
			t.log.Error("peer: handler panicked", "peer", from, "kind", kind, "panic", what, "stack", string(buf))
			reply, err = nil, errPanic
		}
	}()
	return t.cfg.Handler(ctx, from, kind, body)
}

func refuse(w http.ResponseWriter, status int, text string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(text))
}
