package peer

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"
)

// Call sends a message to node to and returns its handler's reply. It makes
// one attempt; a caller that wants retries uses Send or retries itself.
// Messages to Self go straight to the handler. body must not change until
// Call returns.
func (t *Transport) Call(ctx context.Context, to uint32, kind string, body []byte) ([]byte, error) {
	if err := t.check(kind, body); err != nil {
		return nil, err
	}
	ctx, done, err := t.begin(ctx)
	if err != nil {
		return nil, err
	}
	defer done()
	var reply []byte
	if to == t.cfg.Self {
		reply, err = t.local(ctx, kind, body)
	} else {
		reply, err = t.attempt(ctx, to, kind, body, true)
	}
	if err != nil && errors.Is(context.Cause(ctx), ErrClosed) && !errors.Is(err, ErrClosed) {
		err = fmt.Errorf("%w: %w", ErrClosed, err)
	}
	return reply, err
}

// Send delivers a one-way message to node to at least once. It retries
// transport failures and 5xx answers with capped exponential backoff, each
// attempt bounded by AttemptTimeout, until ctx ends; it stops at a 4xx
// answer. It returns nil once the peer's handler has accepted the message.
// body must not change until Send returns.
func (t *Transport) Send(ctx context.Context, to uint32, kind string, body []byte) error {
	if err := t.check(kind, body); err != nil {
		return err
	}
	ctx, done, err := t.begin(ctx)
	if err != nil {
		return err
	}
	defer done()
	for n := 0; ; n++ {
		actx, cancel := context.WithTimeout(ctx, t.cfg.AttemptTimeout)
		if to == t.cfg.Self {
			_, err = t.local(actx, kind, body)
		} else {
			_, err = t.attempt(actx, to, kind, body, false)
		}
		cancel()
		if err == nil {
			return nil
		}
		if ctx.Err() != nil {
			return fmt.Errorf("peer: send %s to node %d: %w (last attempt: %w)", kind, to, context.Cause(ctx), err)
		}
		if !retryable(err) {
			return err
		}
		delay := t.backoff(n)
		t.log.Debug("peer: send failed, will retry", "peer", to, "kind", kind, "attempt", n+1, "delay", delay, "err", err)
		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			return fmt.Errorf("peer: send %s to node %d: %w (last attempt: %w)", kind, to, context.Cause(ctx), err)
		case <-timer.C:
		}
	}
}

// backoff is the pause after failed attempt n (0-based): exponential from
// RetryMin, capped at RetryMax, with jitter so that peers waiting for the
// same node do not retry in lockstep.
func (t *Transport) backoff(n int) time.Duration {
	d := t.cfg.RetryMin
	for ; n > 0 && d < t.cfg.RetryMax; n-- {
		if d > t.cfg.RetryMax/2 {
			d = t.cfg.RetryMax
			break
		}
		d *= 2
	}
	d = min(d, t.cfg.RetryMax)
	return d/2 + rand.N(d/2+1)
}

func (t *Transport) check(kind string, body []byte) error {
	if !validKind(kind) {
		if len(kind) > maxKind+8 {
			kind = kind[:maxKind+8]
		}
		return fmt.Errorf("%w: %q", ErrBadKind, kind)
	}
	if int64(len(body)) > t.cfg.MaxBody {
		return fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(body), t.cfg.MaxBody)
	}
	return nil
}

// local delivers a message to this node's own handler, with the same
// outcomes a peer would see. The handler gets its own copy of the body, as
// it would from the network.
func (t *Transport) local(ctx context.Context, kind string, body []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, t.cfg.HandlerTimeout)
	defer cancel()
	reply, err := t.invoke(ctx, t.cfg.Self, kind, bytes.Clone(body))
	if err != nil {
		return nil, &RemoteError{Peer: t.cfg.Self, Kind: kind, Status: statusOf(err), Message: sanitize([]byte(err.Error())), cause: err}
	}
	return reply, nil
}

// attempt sends one message (or a ping, for kind "") to another node. With
// keep it reads the reply; Send does not need it.
func (t *Transport) attempt(ctx context.Context, to uint32, kind string, body []byte, keep bool) ([]byte, error) {
	p, err := t.link(to)
	if err != nil {
		return nil, err
	}
	cc, base, err := t.conn(ctx, p)
	if err != nil {
		if !errors.Is(err, ErrClosed) {
			err = fmt.Errorf("peer: %s to node %d: %w: %w", what(kind), to, ErrUnreachable, err)
			t.failed(p, kind, err)
		}
		return nil, err
	}
	path := pingPath
	if kind != "" {
		path = kindPrefix + kind
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+path, bytes.NewReader(body))
	if err != nil {
		cc.Release()
		return nil, fmt.Errorf("%w: node %d: %w", ErrUnknownPeer, to, err)
	}
	req.Header.Set("Content-Type", "application/octet-stream")
	start := time.Now()
	resp, err := cc.RoundTrip(req)
	if err != nil {
		err = fmt.Errorf("peer: %s to node %d: %w: %w", what(kind), to, ErrUnreachable, err)
		t.failed(p, kind, err)
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		text, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorText))
		rerr := &RemoteError{Peer: to, Kind: kind, Status: resp.StatusCode, Message: sanitize(text)}
		t.answered(p, kind, rerr)
		return nil, rerr
	}
	var reply []byte
	if keep {
		reply, err = readBody(resp.Body, resp.ContentLength, t.cfg.MaxBody)
		if err != nil {
			if !errors.Is(err, ErrTooLarge) {
				err = fmt.Errorf("%w: %w", ErrUnreachable, err)
			}
			err = fmt.Errorf("peer: reply to %s from node %d: %w", what(kind), to, err)
			t.failed(p, kind, err)
			return nil, err
		}
	}
	t.succeeded(p, kind, len(body), len(reply), time.Since(start))
	return reply, nil
}

func what(kind string) string {
	if kind == "" {
		return "ping"
	}
	return kind
}

// link returns the state of node index, up to date with the directory. When
// the directory has changed the node's address or key, the connection made
// for the old entry is retired and the next handshake pins the new key.
func (t *Transport) link(index uint32) (*peer, error) {
	addr, key, ok := t.cfg.Directory.Address(index)
	if !ok {
		return nil, fmt.Errorf("%w: node %d", ErrUnknownPeer, index)
	}
	if len(key) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("%w: node %d has a malformed key", ErrUnknownPeer, index)
	}
	if !validAddr(addr) {
		return nil, fmt.Errorf("%w: node %d has a malformed address %q", ErrUnknownPeer, index, sanitize([]byte(addr)))
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closed {
		return nil, ErrClosed
	}
	p := t.peerLocked(index)
	if p.rt == nil || p.addr != addr || !p.key.Equal(key) {
		if p.rt != nil {
			t.log.Info("peer: directory changed, reconnecting", "peer", index,
				"addr", addr, "key", fingerprint(key), "old_addr", p.addr, "old_key", fingerprint(p.key))
		}
		t.dropLocked(p)
		p.addr, p.key = addr, bytes.Clone(key)
		p.base = "https://" + addr
		p.rt = t.roundTripper(p.key)
	}
	return p, nil
}

// dialing is a connection attempt that concurrent callers share.
type dialing struct {
	done chan struct{}
	err  error
}

// conn returns p's HTTP/2 connection with a stream reserved for one
// RoundTrip, dialling if there is none that can take a request. Concurrent
// callers share one dial, so a peer gets one connection however many
// messages are waiting for it.
func (t *Transport) conn(ctx context.Context, p *peer) (*http.ClientConn, string, error) {
	for {
		t.mu.Lock()
		if t.closed {
			t.mu.Unlock()
			return nil, "", ErrClosed
		}
		if p.conn != nil {
			// The reservation (consumed by RoundTrip) keeps the connection
			// from looking idle to a concurrent retirement.
			if p.conn.Reserve() == nil {
				cc, base := p.conn, p.base
				t.mu.Unlock()
				return cc, base, nil
			}
			t.dropLocked(p) // closed, GOAWAY, or at its stream limit: dial anew
		}
		d := p.dial
		if d == nil {
			d = &dialing{done: make(chan struct{})}
			p.dial = d
			rt, addr := p.rt, p.addr
			t.bg.Go(func() { t.dial(p, d, rt, addr) })
		}
		t.mu.Unlock()
		select {
		case <-d.done:
			if d.err != nil {
				return nil, "", d.err
			}
		case <-ctx.Done():
			return nil, "", context.Cause(ctx)
		}
	}
}

// dial connects to p on behalf of every caller waiting on d. It runs under
// the transport's lifetime, not a caller's: one caller giving up does not
// fail the others.
func (t *Transport) dial(p *peer, d *dialing, rt *http.Transport, addr string) {
	ctx, cancel := context.WithTimeout(t.closing, t.cfg.DialTimeout)
	defer cancel()
	cc, err := rt.NewClientConn(ctx, "https", addr)
	t.mu.Lock()
	defer t.mu.Unlock()
	if p.dial == d {
		p.dial = nil
	}
	switch {
	case err != nil:
		d.err = err
	case t.closed:
		cc.Close()
		d.err = ErrClosed
	case p.rt != rt: // the directory changed while we dialled; callers retry
		cc.Close()
	default:
		p.conn = cc
		t.conns[cc] = true
	}
	close(d.done)
}

// dropLocked retires p's connection (t.mu held): it is closed now if idle,
// else once its requests are done (see sweepLocked).
func (t *Transport) dropLocked(p *peer) {
	if p.conn != nil {
		if p.conn.InFlight() == 0 {
			p.conn.Close()
		}
		p.conn = nil
	}
	t.sweepLocked()
}

// sweepLocked closes retired connections whose requests are done and
// forgets closed ones (t.mu held).
func (t *Transport) sweepLocked() {
	current := make(map[*http.ClientConn]bool, len(t.peers))
	for _, p := range t.peers {
		if p.conn != nil {
			current[p.conn] = true
		}
	}
	for cc := range t.conns {
		switch {
		case cc.Err() != nil:
			delete(t.conns, cc)
		case !current[cc] && cc.InFlight() == 0:
			cc.Close()
			delete(t.conns, cc)
		}
	}
}

// roundTripper makes the HTTP/2 connection factory for one peer: TLS 1.3
// pinned to key, no proxy, no compression.
func (t *Transport) roundTripper(key ed25519.PublicKey) *http.Transport {
	protocols := new(http.Protocols)
	protocols.SetHTTP2(true)
	dialer := &net.Dialer{Timeout: t.cfg.DialTimeout, KeepAlive: 15 * time.Second}
	return &http.Transport{
		DialContext:            dialer.DialContext,
		TLSClientConfig:        clientTLS(t.cert, key),
		TLSHandshakeTimeout:    t.cfg.DialTimeout,
		Protocols:              protocols,
		DisableCompression:     true,
		MaxResponseHeaderBytes: 16 << 10,
		IdleConnTimeout:        5 * time.Minute,
		HTTP2: &http.HTTP2Config{
			MaxReceiveBufferPerConnection: 4<<20 - 1,
			MaxReceiveBufferPerStream:     4<<20 - 1,
			SendPingTimeout:               5 * time.Second, // find connections that went silent
			PingTimeout:                   5 * time.Second,
		},
	}
}

// validAddr accepts host:port with an IP or a DNS name and a numeric port,
// so that a directory entry cannot smuggle a path or userinfo into the URL.
func validAddr(addr string) bool {
	host, port, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	if n, err := strconv.ParseUint(port, 10, 16); err != nil || n == 0 {
		return false
	}
	if net.ParseIP(host) != nil {
		return true
	}
	for i := 0; i < len(host); i++ {
		c := host[i]
		if (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') && c != '-' && c != '.' {
			return false
		}
	}
	return true
}

// preallocMax bounds the buffer made from a Content-Length before the bytes
// arrive, so a peer cannot make us reserve MaxBody by announcing it.
const preallocMax = 4 << 20

// readBody reads a body of announced length n (-1 if unknown) up to max bytes.
func readBody(r io.Reader, n, max int64) ([]byte, error) {
	if n > max {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, n, max)
	}
	if n >= 0 && n <= preallocMax {
		buf := make([]byte, n)
		if _, err := io.ReadFull(r, buf); err != nil {
			return nil, err
		}
		return buf, nil
	}
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w: over %d bytes", ErrTooLarge, max)
	}
	return b, nil
}
