package peer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
)

func fastPing(c *Config) {
	c.PingInterval = 10 * time.Millisecond
	c.PingTimeout = time.Second
}

func TestPingTracksHealth(t *testing.T) {
	d := listDir{newDir()}
	reg := prometheus.NewRegistry()
	n1 := start(t, d, 1, opts{config: func(c *Config) { fastPing(c); c.Registerer = reg }})
	key2 := newKey(t)
	n2 := start(t, d, 2, opts{key: key2})
	addr2 := n2.Addr().String()
	// No message has been exchanged: the Lister makes node 1 watch node 2.
	eventually(t, "node 2 up with an RTT", func() bool {
		h := n1.Health()[2]
		return h.Up && h.RTT > 0 && !h.LastSuccess.IsZero()
	})
	if gauge(t, reg, "flint_peer_up", "2") != 1 {
		t.Fatal("flint_peer_up{peer=2} is not 1")
	}
	if n := histogramCount(t, reg, "flint_peer_rtt_seconds", "2"); n == 0 {
		t.Fatal("no RTT observed")
	}
	if _, ok := n1.Health()[1]; ok {
		t.Fatal("node 1 watches itself")
	}
	if n2.calls.Load() != 0 {
		t.Fatal("pings reached the handler")
	}
	n2.stop(t)
	eventually(t, "node 2 down", func() bool {
		h := n1.Health()[2]
		return !h.Up && h.Failures >= 2 && h.LastError != "" && !h.LastFailure.IsZero()
	})
	if gauge(t, reg, "flint_peer_up", "2") != 0 {
		t.Fatal("flint_peer_up{peer=2} is not 0")
	}
	start(t, d, 2, opts{key: key2, listen: addr2})
	eventually(t, "node 2 up again", func() bool { return n1.Health()[2].Up })
	// A node that leaves the directory is no longer watched.
	d.remove(2)
	eventually(t, "node 2 forgotten", func() bool { _, ok := n1.Health()[2]; return !ok })
	if _, err := n1.Call(ctxT(t, time.Second), 2, "echo", nil); !errors.Is(err, ErrUnknownPeer) {
		t.Fatalf("call to a removed node: %v", err)
	}
}

func TestPingWatchesCorrespondents(t *testing.T) {
	// Without a Lister, a node watches the nodes it has exchanged messages with.
	d := newDir()
	n1 := start(t, d, 1, opts{config: fastPing})
	n2 := start(t, d, 2, opts{config: fastPing})
	start(t, d, 3, opts{})
	if len(n1.Health()) != 0 {
		t.Fatalf("node 1 watches %v before any message", n1.Health())
	}
	if err := n2.Send(ctxT(t, 5*time.Second), 1, "hello", nil); err != nil {
		t.Fatal(err)
	}
	eventually(t, "both watch each other", func() bool {
		return n1.Health()[2].RTT > 0 && n2.Health()[1].RTT > 0
	})
	if _, ok := n1.Health()[3]; ok {
		t.Fatal("node 1 watches node 3, which it never talked to")
	}
}

func TestMetrics(t *testing.T) {
	d := newDir()
	reg1, reg2 := prometheus.NewRegistry(), prometheus.NewRegistry()
	n1 := start(t, d, 1, opts{config: func(c *Config) { c.Registerer = reg1 }})
	start(t, d, 2, opts{config: func(c *Config) { c.Registerer = reg2 },
		handler: func(ctx context.Context, from uint32, kind string, body []byte) ([]byte, error) {
			switch {
			case kind == "no":
				return nil, errNo
			case strings.HasPrefix(kind, "made-up"):
				return nil, ErrUnknownKind
			}
			return []byte("0123456789"), nil
		}})
	ctx := ctxT(t, 10*time.Second)
	for range 3 {
		if _, err := n1.Call(ctx, 2, "share", make([]byte, 100)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := n1.Call(ctx, 2, "no", nil); !errors.Is(err, ErrRefused) {
		t.Fatal(err)
	}
	check := func(reg *prometheus.Registry, name string, want float64, labels ...string) {
		t.Helper()
		if got := counter(t, reg, name, labels...); got != want {
			t.Errorf("%s%v = %v, want %v", name, labels, got, want)
		}
	}
	check(reg1, "flint_peer_messages_total", 3, "sent", "share")
	check(reg1, "flint_peer_bytes_total", 300, "sent", "share")
	check(reg1, "flint_peer_bytes_total", 30, "received", "share")
	check(reg1, "flint_peer_failures_total", 1, "2", "refused")
	check(reg2, "flint_peer_messages_total", 3, "received", "share")
	check(reg2, "flint_peer_bytes_total", 300, "received", "share")
	check(reg2, "flint_peer_bytes_total", 30, "sent", "share")
	check(reg2, "flint_peer_messages_total", 1, "received", "no")
	// Kinds a peer makes up do not grow the label set.
	for i := range 100 {
		if _, err := n1.Call(ctx, 2, fmt.Sprintf("made-up-%d", i), nil); !errors.Is(err, ErrUnknownKind) {
			t.Fatal(err)
		}
	}
	check(reg2, "flint_peer_messages_total", 100, "received", "unknown")
	// Nor do many real ones.
	for i := range 100 {
		if _, err := n1.Call(ctx, 2, fmt.Sprintf("kind-%d", i), nil); err != nil {
			t.Fatal(err)
		}
	}
	if n := series(t, reg2, "flint_peer_messages_total"); n > maxKindLabels+1 {
		t.Fatalf("%d kind series", n)
	}
	check(reg2, "flint_peer_messages_total", 100-float64(maxKindLabels-3), "received", "other")

	// One Registerer serves one transport.
	_, err := New(Config{Self: 3, Key: newKey(t), Listen: "127.0.0.3:0", Directory: d, Handler: echo, Logger: quiet, Registerer: reg1})
	if !errors.Is(err, ErrConfig) {
		t.Fatalf("second transport on one registry: %v", err)
	}
}

// Every log line names the node, and every line about another node names
// it too.
func TestLogLinesNameTheNodes(t *testing.T) {
	var mu sync.Mutex
	var buf bytes.Buffer
	log := slog.New(slog.NewJSONHandler(&lockedWriter{mu: &mu, w: &buf}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	d := newDir()
	withLog := func(c *Config) { c.Logger = log; fastPing(c); c.RetryMin = time.Millisecond }
	n1 := start(t, d, 1, opts{config: withLog})
	n2 := start(t, d, 2, opts{config: withLog, handler: func(ctx context.Context, _ uint32, kind string, _ []byte) ([]byte, error) {
		if kind == "panic" {
			panic("handler bug")
		}
		return nil, errNo
	}})
	ctx := ctxT(t, 10*time.Second)
	n1.Call(ctx, 2, "no", nil)
	n1.Call(ctx, 2, "panic", nil)
	d.set(3, freeAddr(t, "127.0.0.3"), pub(newKey(t)))
	n1.Send(ctxT(t, 100*time.Millisecond), 3, "void", nil)
	rogue := newDir()
	a2, k2, _ := d.Address(2)
	rogue.set(2, a2, k2)
	start(t, rogue, 9, opts{config: withLog}).Call(ctx, 2, "echo", nil)
	n2.stop(t)
	n1.stop(t)

	mu.Lock()
	defer mu.Unlock()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	nodeLevel := []string{"peer: listening", "peer: closed", "http: TLS handshake error"}
	seen := map[string]bool{}
	for _, line := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		msg, _ := rec["msg"].(string)
		seen[strings.SplitN(msg, " from", 2)[0]] = true
		if _, ok := rec["node"]; !ok {
			t.Errorf("log line without node: %s", line)
		}
		if _, ok := rec["peer"]; ok {
			continue
		}
		ok := false
		for _, p := range nodeLevel {
			ok = ok || strings.HasPrefix(msg, p)
		}
		if !ok {
			t.Errorf("log line without peer: %s", line)
		}
		if strings.Contains(line, "handler bug") {
			t.Errorf("a panic value reached the log: %s", line)
		}
	}
	for _, want := range []string{"peer: handler panicked", "peer: down", "peer: up", "peer: send failed, will retry", "http: TLS handshake error"} {
		if !seen[want] {
			t.Errorf("no %q line in the log; saw %v", want, seen)
		}
	}
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func find(t *testing.T, reg *prometheus.Registry, name string, labels ...string) *dto.Metric {
	t.Helper()
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
	metrics:
		for _, m := range mf.GetMetric() {
			for i, lp := range m.GetLabel() {
				if i >= len(labels) || lp.GetValue() != labels[i] {
					continue metrics
				}
			}
			return m
		}
	}
	return nil
}

func counter(t *testing.T, reg *prometheus.Registry, name string, labels ...string) float64 {
	m := find(t, reg, name, labels...)
	if m == nil {
		return 0
	}
	return m.GetCounter().GetValue()
}

func gauge(t *testing.T, reg *prometheus.Registry, name string, labels ...string) float64 {
	m := find(t, reg, name, labels...)
	if m == nil {
		return -1
	}
	return m.GetGauge().GetValue()
}

func histogramCount(t *testing.T, reg *prometheus.Registry, name string, labels ...string) uint64 {
	m := find(t, reg, name, labels...)
	if m == nil {
		return 0
	}
	return m.GetHistogram().GetSampleCount()
}

func series(t *testing.T, reg *prometheus.Registry, name string) int {
	mfs, err := reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == name {
			return len(mf.GetMetric())
		}
	}
	return 0
}
