package node

import (
	"encoding/json"
	"github.com/flint-network/flint/wire"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// testAPINode is a node with what endpoint() needs and nothing else.
func testAPINode(maxInFlight int) *Node {
	return &Node{address: "0xNODE", log: slog.New(slog.NewTextHandler(io.Discard, nil)), metrics: newMetrics(),
		inFlight: newIPLimiter(maxInFlight), pkps: newPKPCache()}
}

type answer struct {
	status int
	body   apiError
	raw    string
	header http.Header
}

func serve(h http.Handler, remote, body string) answer {
	r := httptest.NewRequest(http.MethodPost, "/web/pkp/sign/v1", strings.NewReader(body))
	r.RemoteAddr = remote
	r.Header.Set("X-Request-Id", "lit_test")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var a apiError
	json.Unmarshal(w.Body.Bytes(), &a)
	return answer{w.Code, a, w.Body.String(), w.Header()}
}

func TestInFlightPerIP(t *testing.T) {
	n := testAPINode(2)
	hold := make(chan struct{})
	entered := make(chan struct{}, 10)
	h := n.endpoint("pkp_sign", func(w http.ResponseWriter, r *http.Request) (any, error) {
		entered <- struct{}{}
		<-hold
		return map[string]bool{"success": true}, nil
	})
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() { defer wg.Done(); serve(h, "192.0.2.1:1000", "{}") }()
	}
	for range 2 {
		<-entered
	}
	// The third from the same address is refused before its body is read;
	// the same address on another port is the same client.
	for _, remote := range []string{"192.0.2.1:1001", "[::ffff:192.0.2.1]:1002"} {
		a := serve(h, remote, "{}")
		if a.status != http.StatusTooManyRequests || a.body.Code != "NodeTooManyRequests" || a.header.Get("Retry-After") == "" ||
			!strings.Contains(a.body.Message, "api.maxInFlightPerIP") || a.body.CorrelationID != "lit_test" {
			t.Fatalf("%s over the cap: %d %s", remote, a.status, a.raw)
		}
	}
	// Another address is not affected.
	done := make(chan answer)
	go func() { done <- serve(h, "192.0.2.2:1000", "{}") }()
	<-entered
	close(hold)
	if a := <-done; a.status != http.StatusOK {
		t.Fatalf("another address: %d %s", a.status, a.raw)
	}
	wg.Wait()
	// Answered requests give their places back.
	if a := serve(h, "192.0.2.1:1003", "{}"); a.status != http.StatusOK {
		t.Fatalf("after the others answered: %d %s", a.status, a.raw)
	}
	if len(n.inFlight.n) != 0 {
		t.Fatalf("counts left behind: %v", n.inFlight.n)
	}
}

func TestClientKey(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"192.0.2.1:1", "192.0.2.1:2"},
		{"192.0.2.1:1", "[::ffff:192.0.2.1]:2"},
		{"[2001:db8:1:2::1]:1", "[2001:db8:1:2:ffff::9]:2"}, // one /64
	} {
		if clientKey(c.a) != clientKey(c.b) {
			t.Errorf("%s and %s count apart", c.a, c.b)
		}
	}
	if clientKey("[2001:db8:1:2::1]:1") == clientKey("[2001:db8:1:3::1]:1") {
		t.Error("two /64s count together")
	}
}

func TestInFlightConfig(t *testing.T) {
	c := &Config{}
	c.withDefaults()
	if c.API.MaxInFlightPerIP != defaultMaxInFlightPerIP {
		t.Fatalf("default %d", c.API.MaxInFlightPerIP)
	}
	c = validConfig(t)
	c.API.MaxInFlightPerIP = -1
	if _, err := c.validate(); err == nil || !strings.Contains(err.Error(), "api.maxInFlightPerIP") {
		t.Fatalf("negative cap: %v", err)
	}
}

// validConfig is a configuration validate accepts.
func validConfig(t *testing.T) *Config {
	t.Helper()
	c := &Config{
		DataDir:      t.TempDir(),
		IdentityKey:  strings.Repeat("11", 32),
		TransportKey: strings.Repeat("22", 32),
		StoreKey:     strings.Repeat("33", 32),
		ChainRPC:     "https://user:pass@rpc.example.com/v3/SECRETKEY?apikey=SECRETQUERY",
		APIListen:    "127.0.0.2:7470",
	}
	c.Contracts.Staking[19] = 1
	c.withDefaults()
	if _, err := c.validate(); err != nil {
		t.Fatal(err)
	}
	return c
}

// Every body is bounded by its endpoint's limit before anything in it is
// parsed or verified, and the refusal names the limit.
func TestBodyLimits(t *testing.T) {
	n := testAPINode(10)
	for _, c := range []struct {
		endpoint string
		limit    int64
		name     string
	}{
		{"handshake", 4 << 10, "handshake body limit"},
		{"attest", 4 << 10, "attest body limit"},
		{"pkp_sign", 64 << 10, "pkp sign body limit"},
	} {
		if l := n.bodyLimit(c.endpoint); l.bytes != c.limit || l.name != c.name {
			t.Errorf("%s: %+v", c.endpoint, l)
		}
		reached := false
		h := n.endpoint(c.endpoint, func(w http.ResponseWriter, r *http.Request) (any, error) {
			var req wire.PKPSignRequest
			if err := decodeBody(r, &req); err != nil {
				return nil, err
			}
			reached = true // where the handler would verify the authSig
			return map[string]bool{"success": true}, nil
		})
		// A body of exactly the limit is read; one byte more is refused.
		fits := `{"authSig":{"sig":"` + strings.Repeat("a", int(c.limit)-len(`{"authSig":{"sig":""}}`)) + `"}}`
		if a := serve(h, "192.0.2.1:1", fits); a.status != http.StatusOK || !reached {
			t.Errorf("%s: a body of %d bytes: %d %s", c.endpoint, len(fits), a.status, a.raw)
		}
		reached = false
		over := `{"authSig":{"sig":"` + strings.Repeat("a", int(c.limit)) + `"}}`
		a := serve(h, "192.0.2.1:1", over)
		if a.status != http.StatusRequestEntityTooLarge || a.body.Code != "NodeBodyTooLarge" || reached ||
			!strings.Contains(a.body.Message, c.name) || !strings.Contains(a.body.Message, "of "+strconv.FormatInt(c.limit, 10)+" bytes") {
			t.Errorf("%s: a body over the limit: %d %s", c.endpoint, a.status, a.raw)
		}
	}
	if l := n.bodyLimit("something new"); l != defaultBodyLimit {
		t.Errorf("an endpoint not listed: %+v", l)
	}
}

// The per-IP cap holds against a slow body too: a request waiting for its
// body still counts.
func TestInFlightCountsSlowBodies(t *testing.T) {
	n := testAPINode(1)
	h := n.endpoint("pkp_sign", func(w http.ResponseWriter, r *http.Request) (any, error) {
		var req wire.PKPSignRequest
		return nil, decodeBody(r, &req)
	})
	pr, pw := io.Pipe()
	defer pw.Close()
	started := make(chan struct{})
	go func() {
		r := httptest.NewRequest(http.MethodPost, "/web/pkp/sign", pr)
		r.RemoteAddr = "192.0.2.9:1"
		close(started)
		h.ServeHTTP(httptest.NewRecorder(), r)
	}()
	<-started
	deadline := time.Now().Add(5 * time.Second)
	for {
		n.inFlight.mu.Lock()
		c := n.inFlight.n[clientKey("192.0.2.9:1")]
		n.inFlight.mu.Unlock()
		if c == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the slow request was never counted")
		}
		time.Sleep(time.Millisecond)
	}
	if a := serve(h, "192.0.2.9:2", "{}"); a.status != http.StatusTooManyRequests {
		t.Fatalf("%d %s", a.status, a.raw)
	}
}
