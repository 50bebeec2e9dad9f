package peer

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

func TestCallRoundTrip(t *testing.T) {
	d := newDir()
	nodes := []*node{start(t, d, 1, opts{}), start(t, d, 2, opts{}), start(t, d, 3, opts{})}
	ctx := ctxT(t, 10*time.Second)
	for _, a := range nodes {
		for _, b := range nodes {
			body := fmt.Sprintf("hello %d->%d", a.index, b.index)
			reply, err := a.Call(ctx, b.index, "echo", []byte(body))
			if err != nil {
				t.Fatalf("%d -> %d: %v", a.index, b.index, err)
			}
			// The sender index comes from the receiver's view of the TLS
			// connection (or from Self, for calls to itself).
			want := fmt.Sprintf("from=%d kind=echo body=%s", a.index, body)
			if string(reply) != want {
				t.Fatalf("%d -> %d: reply %q, want %q", a.index, b.index, reply, want)
			}
		}
	}
	// Empty body and empty reply are fine too.
	reply, err := nodes[1].Call(ctx, 1, "nothing", nil)
	if err != nil || len(reply) != 0 {
		t.Fatalf("empty call: %q, %v", reply, err)
	}
}

func TestSenderIndexFromTLS(t *testing.T) {
	d := newDir()
	n1 := start(t, d, 1, opts{})
	n7 := start(t, d, 7, opts{})
	// The body claims to come from node 1; the receiver must not care.
	if err := n7.Send(ctxT(t, 5*time.Second), 1, "claim", []byte("from=1")); err != nil {
		t.Fatal(err)
	}
	got := n1.received()
	if len(got) != 1 || got[0].from != 7 || got[0].kind != "claim" || got[0].body != "from=1" {
		t.Fatalf("node 1 received %+v, want one message from 7", got)
	}
	// The receiver starts watching a node that wrote to it.
	if _, ok := n1.Health()[7]; !ok {
		t.Fatalf("node 1 does not watch node 7: %v", n1.Health())
	}
}

func TestSelfGoesStraightToHandler(t *testing.T) {
	d := newDir()
	var busy atomic.Int64
	n1 := start(t, d, 1, opts{handler: func(ctx context.Context, from uint32, kind string, body []byte) ([]byte, error) {
		switch kind {
		case "busy":
			if busy.Add(1) < 3 {
				return nil, fmt.Errorf("not yet: %w", ErrUnavailable)
			}
		case "no":
			return nil, errNo
		}
		return echo(ctx, from, kind, body)
	}})
	// Nothing listens where the directory now says node 1 is: a call to
	// itself that used the network would fail.
	d.set(1, freeAddr(t, "127.0.0.1"), pub(n1.key))
	ctx := ctxT(t, 5*time.Second)
	reply, err := n1.Call(ctx, 1, "echo", []byte("x"))
	if err != nil || string(reply) != "from=1 kind=echo body=x" {
		t.Fatalf("self call: %q, %v", reply, err)
	}
	if err := n1.Send(ctx, 1, "busy", nil); err != nil || busy.Load() != 3 {
		t.Fatalf("self send: %v after %d attempts, want success after 3", err, busy.Load())
	}
	_, err = n1.Call(ctx, 1, "no", nil)
	var re *RemoteError
	if !errors.Is(err, ErrRefused) || !errors.Is(err, errNo) || !errors.As(err, &re) || re.Status != http.StatusUnprocessableEntity {
		t.Fatalf("self refusal: %v", err)
	}
}

var errNo = errors.New("no thanks")

func TestHandlerErrorsMapToStatus(t *testing.T) {
	d := newDir()
	handler := func(ctx context.Context, from uint32, kind string, body []byte) ([]byte, error) {
		switch kind {
		case "unknown":
			return nil, fmt.Errorf("what is this: %w", ErrUnknownKind)
		case "busy":
			return nil, fmt.Errorf("come back later: %w", ErrUnavailable)
		case "late":
			return nil, context.DeadlineExceeded
		case "no":
			return nil, errNo
		case "big":
			return nil, fmt.Errorf("batch too big: %w", ErrTooLarge)
		case "panic":
			var none []byte
			return none[len(kind):], nil // a runtime error in the handler
		case "text":
			return nil, errors.New("line one\nline two \x00\xff" + strings.Repeat("y", 1000))
		}
		return echo(ctx, from, kind, body)
	}
	n1 := start(t, d, 1, opts{handler: handler})
	n2 := start(t, d, 2, opts{handler: handler})
	ctx := ctxT(t, 10*time.Second)
	cases := []struct {
		kind   string
		status int
		is     []error
		text   string
	}{
		{"unknown", 404, []error{ErrRefused, ErrUnknownKind}, "what is this: peer: unknown kind"},
		{"busy", 503, []error{ErrUnavailable}, "come back later: peer: unavailable"},
		{"late", 503, []error{ErrUnavailable}, "context deadline exceeded"},
		{"no", 422, []error{ErrRefused}, "no thanks"},
		{"big", 413, []error{ErrRefused, ErrTooLarge}, "batch too big: peer: body too large"},
		{"panic", 500, []error{ErrUnavailable}, "peer: handler failed"},
	}
	for _, to := range []uint32{1, 2} { // through the network and to itself
		for _, c := range cases {
			_, err := n1.Call(ctx, to, c.kind, nil)
			var re *RemoteError
			if !errors.As(err, &re) {
				t.Fatalf("to %d, %s: %v is not a *RemoteError", to, c.kind, err)
			}
			if re.Status != c.status || re.Message != c.text || re.Peer != to || re.Kind != c.kind {
				t.Errorf("to %d, %s: %+v, want status %d text %q", to, c.kind, re, c.status, c.text)
			}
			for _, s := range c.is {
				if !errors.Is(err, s) {
					t.Errorf("to %d, %s: %v is not %v", to, c.kind, err, s)
				}
			}
		}
		// The error text that crosses the wire is short, printable, one line.
		_, err := n1.Call(ctx, to, "text", nil)
		var re *RemoteError
		if !errors.As(err, &re) || len(re.Message) > maxErrorText || strings.ContainsAny(re.Message, "\n\x00") ||
			!strings.HasPrefix(re.Message, "line one?line two ??yyy") {
			t.Errorf("to %d: error text %q", to, re.Message)
		}
	}
	// The panic did not take node 2 down.
	if _, err := n1.Call(ctx, 2, "echo", nil); err != nil {
		t.Fatalf("after panic: %v", err)
	}
	_ = n2
}

func TestSendRetriesUntilPeerStarts(t *testing.T) {
	d := newDir()
	n1 := start(t, d, 1, opts{config: func(c *Config) { c.RetryMin, c.RetryMax = 10*time.Millisecond, 50*time.Millisecond }})
	addr := freeAddr(t, "127.0.0.2")
	key2 := newKey(t)
	d.set(2, addr, pub(key2))
	done := make(chan error, 1)
	go func() { done <- n1.Send(ctxT(t, 20*time.Second), 2, "late", []byte("are you there")) }()
	// Wait until node 1 has failed to reach node 2 a few times.
	eventually(t, "three failed attempts", func() bool { return n1.Health()[2].Failures >= 3 })
	if h := n1.Health()[2]; h.Up || h.LastError == "" || h.LastFailure.IsZero() {
		t.Fatalf("health while node 2 is down: %+v", h)
	}
	select {
	case err := <-done:
		t.Fatalf("Send returned before the peer started: %v", err)
	default:
	}
	n2 := start(t, d, 2, opts{key: key2, listen: addr})
	if err := <-done; err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := n2.received()
	if len(got) != 1 || got[0] != (received{1, "late", "are you there"}) {
		t.Fatalf("node 2 received %+v", got)
	}
	if h := n1.Health()[2]; !h.Up || h.Failures != 0 || h.LastSuccess.IsZero() {
		t.Fatalf("health after delivery: %+v", h)
	}
}

func TestSendRetriesUnavailable(t *testing.T) {
	d := newDir()
	var n atomic.Int64
	start(t, d, 2, opts{handler: func(context.Context, uint32, string, []byte) ([]byte, error) {
		if n.Add(1) < 4 {
			return nil, ErrUnavailable
		}
		return nil, nil
	}})
	n1 := start(t, d, 1, opts{config: func(c *Config) { c.RetryMin = time.Millisecond }})
	if err := n1.Send(ctxT(t, 10*time.Second), 2, "busy", nil); err != nil {
		t.Fatal(err)
	}
	if n.Load() != 4 {
		t.Fatalf("handler ran %d times, want 4", n.Load())
	}
}

func TestSendStopsAtRefusal(t *testing.T) {
	d := newDir()
	n2 := start(t, d, 2, opts{handler: func(context.Context, uint32, string, []byte) ([]byte, error) { return nil, errNo }})
	n1 := start(t, d, 1, opts{})
	err := n1.Send(ctxT(t, 10*time.Second), 2, "offer", []byte("x"))
	var re *RemoteError
	if !errors.Is(err, ErrRefused) || !errors.As(err, &re) || re.Status != 422 || re.Message != "no thanks" {
		t.Fatalf("Send: %v", err)
	}
	if n2.calls.Load() != 1 {
		t.Fatalf("handler ran %d times, want 1", n2.calls.Load())
	}
	// A refusal is an answer: the peer is up.
	if h := n1.Health()[2]; !h.Up {
		t.Fatalf("health after refusal: %+v", h)
	}
}

func TestSendGivesUpWhenContextEnds(t *testing.T) {
	d := newDir()
	n1 := start(t, d, 1, opts{config: func(c *Config) { c.RetryMin = 5 * time.Millisecond }})
	d.set(2, freeAddr(t, "127.0.0.2"), pub(newKey(t)))
	err := n1.Send(ctxT(t, 300*time.Millisecond), 2, "void", nil)
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, ErrUnreachable) {
		t.Fatalf("Send: %v", err)
	}
	if h := n1.Health()[2]; h.Up || h.Failures < 2 {
		t.Fatalf("health: %+v, want down after several attempts", h)
	}
}

func TestUnknownClientKeyRefused(t *testing.T) {
	d := newDir()
	n2 := start(t, d, 2, opts{})
	// The rogue's own directory lists node 2 (and the rogue), node 2's does not
	// list the rogue.
	rd := newDir()
	addr2, key2, _ := d.Address(2)
	rd.set(2, addr2, key2)
	rogue := start(t, rd, 9, opts{})
	_, err := rogue.Call(ctxT(t, 5*time.Second), 2, "echo", []byte("let me in"))
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("rogue call: %v, want a refused handshake", err)
	}
	err = rogue.Send(ctxT(t, 300*time.Millisecond), 2, "echo", []byte("let me in"))
	if !errors.Is(err, ErrUnreachable) {
		t.Fatalf("rogue send: %v", err)
	}
	if n2.calls.Load() != 0 {
		t.Fatal("node 2's handler ran for an unknown key")
	}
	if _, ok := n2.Health()[9]; ok {
		t.Fatal("node 2 watches the rogue")
	}
}

func TestUnknownServerKeyRefused(t *testing.T) {
	d := newDir()
	n1 := start(t, d, 1, opts{})
	// At the address the directory lists for node 2 runs a node whose key the
	// directory does not know at all.
	rd := newDir()
	addr1, key1, _ := d.Address(1)
	rd.set(1, addr1, key1)
	rogue := start(t, rd, 2, opts{})
	d.set(2, rogue.Addr().String(), pub(newKey(t)))
	_, err := n1.Call(ctxT(t, 5*time.Second), 2, "echo", []byte("secret"))
	if !errors.Is(err, ErrPeerKey) || !errors.Is(err, ErrUnreachable) {
		t.Fatalf("call to impostor: %v", err)
	}
	if rogue.calls.Load() != 0 {
		t.Fatal("the impostor received the message")
	}
}

func TestOtherNodesKeyRefused(t *testing.T) {
	d := newDir()
	n1 := start(t, d, 1, opts{})
	n2 := start(t, d, 2, opts{})
	n3 := start(t, d, 3, opts{})
	ctx := ctxT(t, 10*time.Second)

	// Node 3, a registered node, answers at the address listed for node 2:
	// node 1 dials node 2 and must not accept node 3's key.
	addr2, key2, _ := d.Address(2)
	d.set(2, n3.Addr().String(), key2)
	_, err := n1.Call(ctx, 2, "echo", []byte("for node 2 only"))
	if !errors.Is(err, ErrPeerKey) {
		t.Fatalf("node 3 posing as node 2: %v", err)
	}
	if n3.calls.Load() != 0 {
		t.Fatal("node 3 received node 2's message")
	}
	d.set(2, addr2, key2)

	// A certificate that carries node 2's public key, held by someone without
	// node 2's private key, fails the handshake both ways.
	rogue := newKey(t)
	stolen := certFor(t, key2, rogue)
	c, err := tls.Dial("tcp", n1.Addr().String(), &tls.Config{
		MinVersion: tls.VersionTLS13, InsecureSkipVerify: true, NextProtos: []string{"h2"},
		Certificates: []tls.Certificate{stolen},
	})
	if err == nil {
		// In TLS 1.3 the client learns of a refused certificate on first read.
		c.SetDeadline(time.Now().Add(5 * time.Second))
		_, err = c.Read(make([]byte, 1))
		c.Close()
	}
	if err == nil {
		t.Fatal("a client with node 2's certificate but not its key was admitted")
	}
	ln, err := tls.Listen("tcp", "127.0.0.4:0", &tls.Config{
		MinVersion: tls.VersionTLS13, Certificates: []tls.Certificate{stolen}, NextProtos: []string{"h2"},
		ClientAuth: tls.RequireAnyClientCert,
	})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			_ = c.(*tls.Conn).Handshake()
			c.Close()
		}
	})
	d.set(2, ln.Addr().String(), key2)
	_, err = n1.Call(ctx, 2, "echo", nil)
	ln.Close()
	wg.Wait()
	if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), "signature") {
		t.Fatalf("server with node 2's certificate but not its key: %v", err)
	}
	if n2.calls.Load() != 0 {
		t.Fatal("node 2 received something")
	}
}

// certFor makes a certificate for public key of `of`, signed by signer; the
// TLS key is signer's, so the handshake signature will not match.
func certFor(t *testing.T, of ed25519.PublicKey, signer ed25519.PrivateKey) tls.Certificate {
	t.Helper()
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, of, signer)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: signer}
}

func TestKeyRotation(t *testing.T) {
	d := newDir()
	n1 := start(t, d, 1, opts{})
	old2 := start(t, d, 2, opts{})
	ctx := ctxT(t, 10*time.Second)
	// Both directions have a pooled connection now.
	if _, err := n1.Call(ctx, 2, "echo", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := old2.Call(ctx, 1, "echo", nil); err != nil {
		t.Fatal(err)
	}
	// The registry rotates node 2's key; the old holder still runs.
	addr2 := old2.Addr().String()
	new2key := newKey(t)
	d.set(2, addr2, pub(new2key))
	if _, err := n1.Call(ctx, 2, "echo", nil); !errors.Is(err, ErrPeerKey) {
		t.Fatalf("call to the old key after rotation: %v", err)
	}
	// The old key's pooled connection to node 1 is still open, but node 1
	// looks the sender up on every message.
	_, err := old2.Call(ctx, 1, "echo", nil)
	var re *RemoteError
	if !errors.As(err, &re) || re.Status != http.StatusForbidden || !errors.Is(err, ErrRefused) {
		t.Fatalf("old key calling after rotation: %v", err)
	}
	before := n1.calls.Load()
	// A fresh connection with the old key is refused at the handshake.
	old2.mu.Lock()
	for _, p := range old2.peers {
		p.conn.Close()
	}
	old2.mu.Unlock()
	if _, err := old2.Call(ctx, 1, "echo", nil); !errors.Is(err, ErrUnreachable) {
		t.Fatalf("old key handshake after rotation: %v", err)
	}
	if n1.calls.Load() != before {
		t.Fatal("node 1's handler ran for the old key")
	}
	// The node restarts with its new key at the same address.
	old2.stop(t)
	new2 := start(t, d, 2, opts{key: new2key, listen: addr2})
	reply, err := n1.Call(ctx, 2, "echo", nil)
	if err != nil || string(reply) != "from=1 kind=echo body=" {
		t.Fatalf("after rotation: %q, %v", reply, err)
	}
	reply, err = new2.Call(ctx, 1, "echo", nil)
	if err != nil || string(reply) != "from=2 kind=echo body=" {
		t.Fatalf("after rotation, from node 2: %q, %v", reply, err)
	}
}

func TestBodyLimits(t *testing.T) {
	d := newDir()
	const limit = 1024
	n1 := start(t, d, 1, opts{config: func(c *Config) { c.MaxBody = 4 * limit }})
	n2 := start(t, d, 2, opts{config: func(c *Config) { c.MaxBody = limit },
		handler: func(ctx context.Context, from uint32, kind string, body []byte) ([]byte, error) {
			if kind == "flood" {
				return make([]byte, 8*limit), nil
			}
			return []byte("ok"), nil
		}})
	ctx := ctxT(t, 10*time.Second)
	if _, err := n1.Call(ctx, 2, "fits", make([]byte, limit)); err != nil {
		t.Fatalf("body at the limit: %v", err)
	}
	_, err := n1.Call(ctx, 2, "big", make([]byte, limit+1))
	var re *RemoteError
	if !errors.Is(err, ErrTooLarge) || !errors.Is(err, ErrRefused) || !errors.As(err, &re) || re.Status != 413 {
		t.Fatalf("body over the peer's limit: %v", err)
	}
	// Over the sender's own limit: refused before any network.
	if err := n2.Send(ctx, 99, "big", make([]byte, limit+1)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("body over the own limit: %v", err)
	}
	// A reply over the receiver's limit.
	if _, err := n1.Call(ctx, 2, "flood", nil); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("reply over the limit: %v", err)
	}
	// A body without a Content-Length is cut at the limit.
	rt := n1.roundTripper(pub(n2.key))
	defer rt.CloseIdleConnections()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "https://"+n2.Addr().String()+"/peer/v1/stream",
		io.MultiReader(bytes.NewReader(make([]byte, limit)), strings.NewReader("x")))
	resp, err := rt.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 413 || req.ContentLength != 0 {
		t.Fatalf("streamed body: %d (content length %d)", resp.StatusCode, req.ContentLength)
	}
	for _, g := range n2.received() {
		if g.kind != "fits" && g.kind != "flood" {
			t.Fatalf("handler got %q", g.kind)
		}
	}
}

func TestPeerPendingBudget(t *testing.T) {
	d := newDir()
	release := make(chan struct{})
	n2 := start(t, d, 2, opts{config: func(c *Config) { c.MaxBody, c.MaxPeerPending = 1000, 1500 },
		handler: func(ctx context.Context, from uint32, kind string, body []byte) ([]byte, error) {
			if kind == "hold" {
				<-release
			}
			return nil, nil
		}})
	n1 := start(t, d, 1, opts{})
	n3 := start(t, d, 3, opts{})
	held := make(chan error, 1)
	go func() {
		_, err := n1.Call(ctxT(t, 10*time.Second), 2, "hold", make([]byte, 1000))
		held <- err
	}()
	eventually(t, "the first message held", func() bool { return n2.calls.Load() == 1 })
	// Node 1 has 1000 of its 1500 bytes in use: a 600-byte message waits...
	if _, err := n1.Call(ctxT(t, 200*time.Millisecond), 2, "more", make([]byte, 600)); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("message over the budget: %v", err)
	}
	// ...a 400-byte one fits, and another node has its own budget.
	if _, err := n1.Call(ctxT(t, 5*time.Second), 2, "small", make([]byte, 400)); err != nil {
		t.Fatal(err)
	}
	if _, err := n3.Call(ctxT(t, 5*time.Second), 2, "other", make([]byte, 1000)); err != nil {
		t.Fatal(err)
	}
	if c := n2.calls.Load(); c != 3 {
		t.Fatalf("handler ran %d times, want 3", c)
	}
	close(release)
	if err := <-held; err != nil {
		t.Fatal(err)
	}
	// The budget is back.
	if _, err := n1.Call(ctxT(t, 5*time.Second), 2, "more", make([]byte, 1000)); err != nil {
		t.Fatal(err)
	}
}

func TestBadKind(t *testing.T) {
	d := newDir()
	n1 := start(t, d, 1, opts{})
	n2 := start(t, d, 2, opts{})
	ctx := ctxT(t, 10*time.Second)
	for _, k := range []string{"", "Echo", "a/b", "a b", "é", "a_b", strings.Repeat("a", 33), "../x", "a\x00"} {
		if _, err := n1.Call(ctx, 2, k, nil); !errors.Is(err, ErrBadKind) {
			t.Errorf("Call kind %q: %v", k, err)
		}
		if err := n1.Send(ctx, 2, k, nil); !errors.Is(err, ErrBadKind) {
			t.Errorf("Send kind %q: %v", k, err)
		}
	}
	for _, k := range []string{"a", "dkg-round-1", strings.Repeat("z", 32), "0-9"} {
		if _, err := n1.Call(ctx, 2, k, nil); err != nil {
			t.Errorf("kind %q: %v", k, err)
		}
	}
	calls := n2.calls.Load()
	// Raw requests as node 1, past Call's own checks.
	rt := n1.roundTripper(pub(n2.key))
	defer rt.CloseIdleConnections()
	for _, c := range []struct {
		method, path string
		status       int
	}{
		{"POST", "/peer/v1/Echo", 400},
		{"POST", "/peer/v1/", 400},
		{"POST", "/peer/v1/a/b", 400},
		{"POST", "/peer/v1/" + strings.Repeat("a", 33), 400},
		{"POST", "/peer/v1/a%2Fb", 400},
		{"POST", "/peer/v2/echo", 404},
		{"POST", "/web/pkp/sign", 404},
		{"POST", "/", 404},
		{"GET", "/peer/v1/echo", 405},
		{"PUT", "/peer/v1/echo", 405},
		{"GET", "/peer/ping", 405},
		{"POST", "/peer/ping", 204},
		{"POST", "/peer/v1/echo", 200},
	} {
		req, _ := http.NewRequestWithContext(ctx, c.method, "https://"+n2.Addr().String()+c.path, nil)
		resp, err := rt.RoundTrip(req)
		if err != nil {
			t.Fatalf("%s %s: %v", c.method, c.path, err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.status || resp.ProtoMajor != 2 {
			t.Errorf("%s %s: %d over HTTP/%d, want %d over HTTP/2", c.method, c.path, resp.StatusCode, resp.ProtoMajor, c.status)
		}
	}
	if got := n2.calls.Load() - calls; got != 1 {
		t.Fatalf("handler ran %d times for the raw requests, want 1", got)
	}
}

func TestHTTP1Refused(t *testing.T) {
	d := newDir()
	n1 := start(t, d, 1, opts{})
	n2 := start(t, d, 2, opts{})
	// A known key speaking HTTP/1.1 over TLS gets no answer. (crypto/tls
	// lets an http/1.1-only client finish the handshake with an h2 server;
	// net/http then closes the connection.)
	cfg := clientTLS(n1.cert, pub(n2.key))
	cfg.NextProtos = []string{"http/1.1"}
	c, err := tls.Dial("tcp", n2.Addr().String(), cfg)
	if err == nil {
		c.SetDeadline(time.Now().Add(5 * time.Second))
		fmt.Fprintf(c, "POST /peer/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
		buf, _ := io.ReadAll(c)
		c.Close()
		if len(buf) != 0 {
			t.Fatalf("HTTP/1.1 got an answer: %q", buf)
		}
	}
	// Without TLS there is nothing to talk to either.
	raw, err := net.Dial("tcp", n2.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(raw, "POST /peer/v1/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
	buf, _ := io.ReadAll(raw)
	if bytes.Contains(buf, []byte("from=")) {
		t.Fatalf("plain HTTP reached the handler: %q", buf)
	}
	if n2.calls.Load() != 0 {
		t.Fatal("handler ran")
	}
}

func TestDirectoryEntries(t *testing.T) {
	d := newDir()
	n1 := start(t, d, 1, opts{})
	ctx := ctxT(t, 5*time.Second)
	if _, err := n1.Call(ctx, 5, "echo", nil); !errors.Is(err, ErrUnknownPeer) {
		t.Fatalf("unlisted node: %v", err)
	}
	for _, bad := range []struct {
		addr string
		key  ed25519.PublicKey
	}{
		{"127.0.0.5:7000", make([]byte, 31)},
		{"127.0.0.5:7000", nil},
		{"127.0.0.5", pub(newKey(t))},
		{"127.0.0.5:0", pub(newKey(t))},
		{"127.0.0.5:99999", pub(newKey(t))},
		{"evil/path:7000", pub(newKey(t))},
		{"user@host:7000", pub(newKey(t))},
		{":7000", pub(newKey(t))},
	} {
		d.set(5, bad.addr, bad.key)
		if _, err := n1.Call(ctx, 5, "echo", nil); !errors.Is(err, ErrUnknownPeer) {
			t.Errorf("entry %q/%d-byte key: %v", bad.addr, len(bad.key), err)
		}
	}
	d.set(5, "localhost:1", pub(newKey(t)))
	if _, err := n1.Call(ctx, 5, "echo", nil); !errors.Is(err, ErrUnreachable) {
		t.Fatalf("a DNS name is a valid address: %v", err)
	}
}

func TestNewValidatesConfig(t *testing.T) {
	d := newDir()
	good := func() Config {
		return Config{Self: 1, Key: newKey(t), Listen: "127.0.0.1:0", Directory: d, Handler: echo, Logger: quiet}
	}
	for name, mod := range map[string]func(*Config){
		"short key":       func(c *Config) { c.Key = c.Key[:32] },
		"no directory":    func(c *Config) { c.Directory = nil },
		"no handler":      func(c *Config) { c.Handler = nil },
		"no port":         func(c *Config) { c.Listen = "127.0.0.1" },
		"negative body":   func(c *Config) { c.MaxBody = -1 },
		"negative period": func(c *Config) { c.RetryMin = -time.Second },
	} {
		c := good()
		mod(&c)
		if _, err := New(c); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: %v", name, err)
		}
	}
	tr, err := New(good())
	if err != nil {
		t.Fatal(err)
	}
	defer tr.Close()
	// The port is taken now.
	c := good()
	c.Listen = tr.Addr().String()
	if _, err := New(c); err == nil {
		t.Fatal("second listener on the same address")
	}
}

func TestConcurrentCallsShareOneConnection(t *testing.T) {
	d := newDir()
	n2 := start(t, d, 2, opts{})
	n1 := start(t, d, 1, opts{})
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	for g := range 40 {
		wg.Go(func() {
			for i := range 25 {
				body := fmt.Sprintf("%d/%d", g, i)
				reply, err := n1.Call(ctxT(t, 10*time.Second), 2, "echo", []byte(body))
				if err == nil && string(reply) != "from=1 kind=echo body="+body {
					err = fmt.Errorf("reply %q for %q", reply, body)
				}
				if err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if got := n2.calls.Load(); got != 1000 {
		t.Fatalf("handler ran %d times, want 1000", got)
	}
	n2.smu.Lock()
	c := n2.accepted
	n2.smu.Unlock()
	if c != 1 {
		t.Fatalf("%d connections from node 1, want 1", c)
	}
}

func TestGracefulShutdown(t *testing.T) {
	d := newDir()
	entered := make(chan struct{})
	release := make(chan struct{})
	n2 := start(t, d, 2, opts{handler: func(ctx context.Context, from uint32, kind string, body []byte) ([]byte, error) {
		if kind == "slow" {
			close(entered)
			<-release
		}
		return []byte("done"), nil
	}})
	n1 := start(t, d, 1, opts{})
	ctx := ctxT(t, 10*time.Second)
	type result struct {
		reply []byte
		err   error
	}
	res := make(chan result, 1)
	go func() {
		r, err := n1.Call(ctx, 2, "slow", nil)
		res <- result{r, err}
	}()
	<-entered
	stopped := make(chan struct{})
	go func() { n2.stop(t); close(stopped) }()
	// Node 2 is shutting down but finishes the message it is serving.
	time.Sleep(50 * time.Millisecond)
	close(release)
	r := <-res
	if r.err != nil || string(r.reply) != "done" {
		t.Fatalf("in-flight call across shutdown: %q, %v", r.reply, r.err)
	}
	<-stopped
	// A Send waiting for the stopped node ends with ErrClosed when its own
	// transport closes.
	sent := make(chan error, 1)
	go func() { sent <- n1.Send(ctx, 2, "void", nil) }()
	eventually(t, "a failed attempt", func() bool { return n1.Health()[2].Failures > 0 })
	n1.stop(t)
	if err := <-sent; !errors.Is(err, ErrClosed) {
		t.Fatalf("Send across Close: %v", err)
	}
	if _, err := n1.Call(ctx, 2, "echo", nil); !errors.Is(err, ErrClosed) {
		t.Fatalf("Call after Close: %v", err)
	}
	if err := n1.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if err := n1.Serve(ctx); err == nil {
		t.Fatal("Serve after Close")
	}
	goleak.VerifyNone(t)
}

func TestBackoff(t *testing.T) {
	for _, c := range []struct{ min, max time.Duration }{
		{50 * time.Millisecond, 2 * time.Second},
		{time.Hour, 1<<63 - 1},
		{1, 1},
		{time.Millisecond, time.Millisecond},
	} {
		tr := &Transport{cfg: Config{RetryMin: c.min, RetryMax: c.max}}
		for n := range 200 {
			d := tr.backoff(n)
			if d < 0 || d > c.max || (n == 0 && d < c.min/2) {
				t.Fatalf("backoff(%d) with [%v, %v] = %v", n, c.min, c.max, d)
			}
			// The ceiling doubles until the cap: after a few attempts the
			// pause is at least half the cap.
			if n >= 70 && d < c.max/2 {
				t.Fatalf("backoff(%d) = %v, below half the cap %v", n, d, c.max)
			}
		}
	}
}
