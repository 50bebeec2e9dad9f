package explorer

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeNode serves a node's operator views from text the test sets.
type fakeNode struct {
	mu      sync.Mutex
	status  string
	metrics string
	srv     *httptest.Server
}

func newFakeNode(t *testing.T, index int) *fakeNode {
	f := &fakeNode{status: fmt.Sprintf(`{"ready":true,"address":"0x%040d","presignatures":5,"version":"v0.1.0","index":%d,"epoch":3,"threshold":1,"quorum":3}`, index, index)}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		switch r.URL.Path {
		case "/status":
			io.WriteString(w, f.status)
		case "/metrics":
			io.WriteString(w, f.metrics)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeNode) setMetrics(s string) { f.mu.Lock(); f.metrics = s; f.mu.Unlock() }

// nodeMetrics is a node's exposition: requests and latencies, its pool and its peers.
func nodeMetrics(ok, failed float64, peers map[int]bool, extra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# TYPE flint_requests_total counter\nflint_requests_total{endpoint=\"pkp_sign\",outcome=\"ok\"} %g\n", ok)
	fmt.Fprintf(&b, "flint_requests_total{endpoint=\"pkp_sign\",outcome=\"NodeInvalidEpoch\"} %g\n", failed)
	b.WriteString("flint_requests_total{endpoint=\"unknown\",outcome=\"NodeUnknownPath\"} 1000\n")
	n := ok + failed
	// All requests took between 10 ms and 25 ms.
	fmt.Fprintf(&b, "# TYPE flint_request_seconds histogram\nflint_request_seconds_bucket{endpoint=\"pkp_sign\",le=\"0.01\"} 0\nflint_request_seconds_bucket{endpoint=\"pkp_sign\",le=\"0.025\"} %g\nflint_request_seconds_bucket{endpoint=\"pkp_sign\",le=\"+Inf\"} %g\nflint_request_seconds_sum{endpoint=\"pkp_sign\"} %g\nflint_request_seconds_count{endpoint=\"pkp_sign\"} %g\n", n, n, n*0.02, n)
	b.WriteString("# TYPE flint_presignatures gauge\nflint_presignatures{kind=\"own_free\"} 7\nflint_presignatures{kind=\"all\"} 30\n")
	b.WriteString("# TYPE flint_peer_up gauge\n")
	for p, up := range peers {
		v := 0
		if up {
			v = 1
		}
		fmt.Fprintf(&b, "flint_peer_up{peer=\"%d\"} %d\n", p, v)
	}
	b.WriteString("# TYPE flint_peer_rtt_seconds histogram\n")
	for p := range peers {
		fmt.Fprintf(&b, "flint_peer_rtt_seconds_bucket{peer=\"%d\",le=\"+Inf\"} 4\nflint_peer_rtt_seconds_sum{peer=\"%d\"} 0.002\nflint_peer_rtt_seconds_count{peer=\"%d\"} 4\n", p, p, p)
	}
	b.WriteString(extra)
	return b.String()
}

func testConfig(nodes ...*fakeNode) Config {
	cfg := Config{ChainID: 1337, Threshold: 1, Quorum: 3}
	for i, n := range nodes {
		cfg.Nodes = append(cfg.Nodes, Node{Index: i + 1, URL: n.srv.URL})
	}
	return cfg
}

func summaryOf(t *testing.T, c *collector) Summary {
	t.Helper()
	var s Summary
	if err := json.Unmarshal(c.snapshot(), &s); err != nil {
		t.Fatal(err)
	}
	return s
}

// The summary names a node that does not answer as down and one a peer proved misbehaviour of
// as misbehaving, each in an alert, and the others healthy with their pool, version and peers.
func TestSummaryNamesDownAndMisbehavingNodes(t *testing.T) {
	nodes := []*fakeNode{newFakeNode(t, 1), newFakeNode(t, 2), newFakeNode(t, 3), newFakeNode(t, 4)}
	all := map[int]bool{1: true, 2: true, 3: true, 4: true}
	peersOf := func(self int) map[int]bool {
		m := map[int]bool{}
		for p, up := range all {
			if p != self {
				m[p] = up && p != 3
			}
		}
		return m
	}
	for i, n := range nodes {
		extra := ""
		if i == 1 { // node 2 holds a proof against node 4
			extra = "# TYPE flint_misbehaviour_total counter\nflint_misbehaviour_total{node=\"4\",protocol=\"presign\"} 2\n"
		}
		n.setMetrics(nodeMetrics(10, 0, peersOf(i+1), extra))
	}
	nodes[2].srv.Close() // node 3 is down
	cfg := testConfig(nodes...)
	if err := cfg.check(); err != nil {
		t.Fatal(err)
	}
	c := newCollector(cfg)
	if s := summaryOf(t, c); s.Nodes[0].Health != HealthUnknown || len(s.Nodes) != 4 {
		t.Fatalf("before the first poll: %+v", s.Nodes[0])
	}
	c.tick(context.Background())
	s := summaryOf(t, c)
	want := []Health{HealthHealthy, HealthHealthy, HealthDown, HealthMisbehaving}
	for i, n := range s.Nodes {
		if n.Health != want[i] {
			t.Errorf("node %d: %s (%v), want %s", n.Index, n.Health, n.Reasons, want[i])
		}
	}
	n1 := s.Nodes[0]
	if n1.Version != "v0.1.0" || n1.Epoch == nil || *n1.Epoch != 3 || n1.Presignatures == nil || n1.Presignatures.Free != 7 || n1.Presignatures.All != 30 {
		t.Errorf("node 1: %+v", n1)
	}
	if len(n1.Peers) != 3 || n1.PeersUp != 2 || n1.PeersKnown != 3 || float64(n1.RTTMedianMs) != 0.5 || math.Abs(float64(n1.Peers[0].RTTms)-0.5) > 1e-9 || n1.Peers[1].Index != 3 || n1.Peers[1].Up {
		t.Errorf("node 1's peers: %+v", n1.Peers)
	}
	if s.Nodes[3].Blamed != 2 || len(s.Nodes[3].BlamedBy) != 1 || s.Nodes[3].BlamedBy[0] != 2 {
		t.Errorf("node 4's blame: %+v", s.Nodes[3])
	}
	if s.Network.Epoch == nil || *s.Network.Epoch != 3 || s.Network.Up != 3 || s.Network.Ready != 3 || s.Network.Healthy != 2 {
		t.Errorf("network: %+v", s.Network)
	}
	if len(s.Alerts) != 2 || !strings.HasPrefix(s.Alerts[0], "Node 3 ") || !strings.Contains(s.Alerts[0], "is down: nothing listens on its port") ||
		!strings.HasPrefix(s.Alerts[1], "Node 4 ") || !strings.Contains(s.Alerts[1], "misbehaviour proved by node 2, 2 times (presign)") {
		t.Errorf("alerts: %q", s.Alerts)
	}
}

// A node a peer keeps out of its batches (flint_suspected) is degraded, and named with the peer.
func TestSummaryNamesSuspectedNodes(t *testing.T) {
	nodes := []*fakeNode{newFakeNode(t, 1), newFakeNode(t, 2), newFakeNode(t, 3)}
	nodes[0].setMetrics(nodeMetrics(0, 0, map[int]bool{2: true, 3: true}, "# TYPE flint_suspected gauge\nflint_suspected{node=\"2\"} 1\n"))
	nodes[1].setMetrics(nodeMetrics(0, 0, map[int]bool{1: true, 3: true}, ""))
	nodes[2].setMetrics(nodeMetrics(0, 0, map[int]bool{1: true, 2: true}, "flint_suspected{node=\"2\"} 0\n"))
	cfg := testConfig(nodes...)
	cfg.check()
	c := newCollector(cfg)
	c.tick(context.Background())
	s := summaryOf(t, c)
	if n := s.Nodes[1]; n.Health != HealthDegraded || len(n.SuspectedBy) != 1 || n.SuspectedBy[0] != 1 || !strings.Contains(n.Reasons[0], "kept out of presignature batches for now by node 1") {
		t.Errorf("node 2: %+v", n)
	}
	if s.Nodes[0].Health != HealthHealthy || s.Nodes[2].Health != HealthHealthy || len(s.Alerts) != 1 || !strings.HasPrefix(s.Alerts[0], "Node 2 ") {
		t.Errorf("nodes %+v, alerts %q", s.Nodes, s.Alerts)
	}
}

// A node most of whose peers cannot reach it is degraded, although it answers the explorer.
func TestSummaryDegradedWhenPeersCannotReach(t *testing.T) {
	nodes := []*fakeNode{newFakeNode(t, 1), newFakeNode(t, 2), newFakeNode(t, 3)}
	nodes[0].setMetrics(nodeMetrics(0, 0, map[int]bool{2: true, 3: false}, ""))
	nodes[1].setMetrics(nodeMetrics(0, 0, map[int]bool{1: true, 3: false}, ""))
	nodes[2].setMetrics(nodeMetrics(0, 0, map[int]bool{1: false, 2: false}, ""))
	cfg := testConfig(nodes...)
	cfg.check()
	c := newCollector(cfg)
	c.tick(context.Background())
	s := summaryOf(t, c)
	if s.Nodes[2].Health != HealthDegraded || !strings.Contains(strings.Join(s.Nodes[2].Reasons, ";"), "unreachable from 2 of the 2 peers reporting (nodes 1, 2)") {
		t.Errorf("node 3: %s %v", s.Nodes[2].Health, s.Nodes[2].Reasons)
	}
	if s.Nodes[0].Health != HealthHealthy {
		t.Errorf("node 1: %s %v", s.Nodes[0].Health, s.Nodes[0].Reasons)
	}
}

// The traffic series: rates from the counters' change over the window, a node's restart counted
// as a reset and not as negative traffic, the "unknown" endpoint left out, quantiles from the
// histograms' change.
func TestSeriesRatesAndQuantiles(t *testing.T) {
	cfg := Config{Nodes: []Node{{Index: 1, URL: "http://127.0.0.1:1"}, {Index: 2, URL: "http://127.0.0.1:2"}}}
	if err := cfg.check(); err != nil {
		t.Fatal(err)
	}
	c := newCollector(cfg)
	t0 := time.Unix(1_700_000_000, 0)
	at := func(sec int, ok1, fail1, ok2 float64) {
		t.Helper()
		var res []pollResult
		for _, m := range []string{nodeMetrics(ok1, fail1, nil, ""), nodeMetrics(ok2, 0, nil, "")} {
			sc, err := parseScrape([]byte(m))
			if err != nil {
				t.Fatal(err)
			}
			res = append(res, pollResult{at: t0.Add(time.Duration(sec) * time.Second), ready: true, scrape: sc})
		}
		c.record(t0.Add(time.Duration(sec)*time.Second), res)
	}
	at(0, 100, 0, 50)
	if p := c.series[0]; !math.IsNaN(float64(p.Rate)) || !math.IsNaN(float64(p.Success)) || !math.IsNaN(float64(p.P50)) {
		t.Fatalf("one scrape gives no rate: %+v", p)
	}
	at(2, 130, 10, 60) // node 1: 40 requests in 2 s, 30 ok; node 2: 10 in 2 s
	p := c.series[1]
	if float64(p.Rate) != 25 || float64(p.Success) != 40.0/50 {
		t.Fatalf("point %+v, want rate 25, success 0.8", p)
	}
	// All observations fall in (0.01, 0.025]: the median interpolates to the bucket's middle.
	if math.Abs(float64(p.P50)-0.0175) > 1e-9 || float64(p.P99) > 0.025 || float64(p.P99) < 0.01 {
		t.Fatalf("quantiles %+v", p)
	}
	at(4, 5, 0, 70) // node 1 restarted: 5 requests since, not −135
	if p := c.series[2]; float64(p.Rate) < 0 {
		t.Fatalf("a restart gives a negative rate: %+v", p)
	}
	b, err := json.Marshal(c.series[0])
	if err != nil || !strings.Contains(string(b), `"rate":null`) {
		t.Fatalf("NaN is not null in JSON: %s %v", b, err)
	}
}

func TestQuantile(t *testing.T) {
	h := hist{bounds: []float64{1, 2, 4}, counts: []float64{10, 30, 40}, count: 50}
	for _, c := range []struct{ q, want float64 }{{0.1, 0.5}, {0.2, 1}, {0.4, 1.5}, {0.8, 4}, {0.99, 4}} {
		if got := h.quantile(c.q); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("quantile(%g) = %g, want %g", c.q, got, c.want)
		}
	}
	if !math.IsNaN((hist{}).quantile(.5)) {
		t.Error("the quantile of nothing is a number")
	}
}

func TestParseScrapeRefusesWhatItCannotUse(t *testing.T) {
	for name, text := range map[string]string{
		"not a node index": "flint_peer_up{peer=\"two\"} 1\n",
		"not Prometheus":   "{\"ready\": true}\n",
		"too large":        strings.Repeat("#", maxMetricsBytes+1),
	} {
		if _, err := parseScrape([]byte(text)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	var b strings.Builder
	for i := range maxPeers + 1 {
		fmt.Fprintf(&b, "flint_peer_up{peer=\"%d\"} 1\n", i)
	}
	if _, err := parseScrape([]byte(b.String())); err == nil || !strings.Contains(err.Error(), "limit") {
		t.Errorf("%d peers: %v", maxPeers+1, err)
	}
}

func FuzzParseScrape(f *testing.F) {
	f.Add([]byte(nodeMetrics(3, 1, map[int]bool{2: true}, "flint_misbehaviour_total{node=\"2\",protocol=\"dkg\"} 1\n")))
	f.Add([]byte("flint_request_seconds_bucket{le=\"NaN\"} 1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := parseScrape(b)
		if err != nil {
			return
		}
		for _, v := range []float64{s.requests, s.ok, s.latency.count} {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("non-finite counter from %q", b)
			}
		}
		s.latency.quantile(.5)
		s.latency.sub(hist{}).add(s.latency)
	})
}

func TestConfigBounds(t *testing.T) {
	ok := Node{Index: 1, URL: "http://127.0.0.1:7470"}
	for name, c := range map[string]Config{
		"no nodes":        {},
		"bad URL":         {Nodes: []Node{{Index: 1, URL: "127.0.0.1:7470"}}},
		"twice":           {Nodes: []Node{ok, ok}},
		"interval":        {Nodes: []Node{ok}, Interval: time.Millisecond},
		"window":          {Nodes: []Node{ok}, Window: 2 * time.Hour},
		"smooth > window": {Nodes: []Node{ok}, Smooth: time.Hour, Window: time.Minute},
	} {
		if err := c.check(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestDefaultListenIsLoopback(t *testing.T) {
	if !IsLoopback(DefaultListen) {
		t.Fatalf("DefaultListen %s is not loopback", DefaultListen)
	}
	for addr, want := range map[string]bool{"127.0.0.1:7400": true, "[::1]:7400": true, "localhost:7400": true,
		"0.0.0.0:7400": false, ":7400": false, "10.0.0.5:7400": false} {
		if IsLoopback(addr) != want {
			t.Errorf("IsLoopback(%s) = %v", addr, !want)
		}
	}
}

func newTestServer(t *testing.T) *Server {
	t.Helper()
	s, err := New(Config{ChainID: 1337, Threshold: 1, Quorum: 3, Nodes: []Node{
		{Index: 1, URL: "http://127.0.0.2:7470", Address: "0x00000000000000000000000000000000000000a1"},
		{Index: 2, URL: "http://127.0.0.3:7470"}}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The page arrives with every node's row and badge in it, before any script runs: the first paint
// needs no request, and a browser test finds each row by its test id.
func TestPageFirstPaint(t *testing.T) {
	h := newTestServer(t).Handler(DefaultListen)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://127.0.0.1:7400/", nil))
	body := w.Body.String()
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("GET /: %d %s", w.Code, w.Header())
	}
	for _, want := range []string{
		`<tr id="node-1" data-testid="node-row" data-node-index="1" data-health="unknown">`,
		`<tr id="node-2" data-testid="node-row" data-node-index="2" data-health="unknown">`,
		`id="node-2-health" data-testid="node-health" data-health="unknown">Checking…</span>`,
		`http://127.0.0.3:7470`, `0x00000000000000000000000000000000000000a1`,
		`<script type="module" src="/assets/network.js">`, `<main id="main"`, `<nav aria-label="Pages">`,
		`aria-current="page"`, `data-testid="quorum">3</dd>`, `<html lang="en">`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if csp := w.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("CSP %q", csp)
	}
}

func TestAssetsServedWithETag(t *testing.T) {
	h := newTestServer(t).Handler(DefaultListen)
	for _, name := range []string{"app.css", "app.js", "chart.js", "network.js", "favicon.svg"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://127.0.0.1:7400/assets/"+name, nil))
		etag := w.Header().Get("ETag")
		if w.Code != 200 || etag == "" || w.Body.Len() == 0 {
			t.Fatalf("%s: %d etag %q", name, w.Code, etag)
		}
		r := httptest.NewRequest(http.MethodGet, "http://127.0.0.1:7400/assets/"+name, nil)
		r.Header.Set("If-None-Match", etag)
		w = httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != http.StatusNotModified {
			t.Errorf("%s with its ETag: %d", name, w.Code)
		}
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://127.0.0.1:7400/assets/../explorer.go", nil))
	if w.Code == 200 {
		t.Error("a path outside the assets is served")
	}
}

func TestAPI(t *testing.T) {
	h := newTestServer(t).Handler(DefaultListen)
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://127.0.0.1:7400/api/v1/network", nil))
	var s Summary
	if err := json.Unmarshal(w.Body.Bytes(), &s); err != nil || w.Code != 200 || w.Header().Get("Content-Type") != "application/json" {
		t.Fatalf("%d %v %s", w.Code, err, w.Body)
	}
	if len(s.Nodes) != 2 || s.Network.Quorum != 3 || s.Nodes[0].Health != HealthUnknown {
		t.Fatalf("%+v", s)
	}
	w = httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://127.0.0.1:7400/api/v1/nothing", nil))
	if w.Code != 404 || !strings.Contains(w.Body.String(), "ExplorerUnknownPath") {
		t.Fatalf("unknown API path: %d %s", w.Code, w.Body)
	}
}

// guard refuses a state-changing request from another origin, and a request naming a host that
// is not loopback when the explorer listens on loopback (DNS rebinding).
func TestGuard(t *testing.T) {
	var hit bool
	write := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { hit = true })
	type req struct {
		name, listen, method, host string
		headers                    map[string]string
		want                       int
		code                       string
	}
	for _, c := range []req{
		{"cross-site POST", DefaultListen, "POST", "127.0.0.1:7400", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403, "ExplorerCrossOrigin"},
		{"same-site other port POST", DefaultListen, "POST", "127.0.0.1:7400", map[string]string{"Sec-Fetch-Site": "same-site"}, 403, "ExplorerCrossOrigin"},
		{"old browser, other Origin", DefaultListen, "POST", "127.0.0.1:7400", map[string]string{"Origin": "http://evil.example"}, 403, "ExplorerCrossOrigin"},
		{"cross-site DELETE", DefaultListen, "DELETE", "127.0.0.1:7400", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403, "ExplorerCrossOrigin"},
		{"same-origin POST", DefaultListen, "POST", "127.0.0.1:7400", map[string]string{"Sec-Fetch-Site": "same-origin", "Origin": "http://127.0.0.1:7400"}, 200, ""},
		{"old browser, same Origin", DefaultListen, "POST", "127.0.0.1:7400", map[string]string{"Origin": "http://127.0.0.1:7400"}, 200, ""},
		{"cross-site GET", DefaultListen, "GET", "127.0.0.1:7400", map[string]string{"Sec-Fetch-Site": "cross-site"}, 200, ""},
		{"rebound name", DefaultListen, "GET", "evil.example:7400", nil, 421, "ExplorerHostRefused"},
		{"rebound name, same-origin POST", DefaultListen, "POST", "evil.example:7400", map[string]string{"Sec-Fetch-Site": "same-origin"}, 421, "ExplorerHostRefused"},
		{"localhost", DefaultListen, "GET", "localhost:7400", nil, 200, ""},
		{"IPv6 loopback", "[::1]:7400", "GET", "[::1]:7400", nil, 200, ""},
		{"public listener, any host", "0.0.0.0:7400", "GET", "explorer.example", nil, 200, ""},
		{"public listener, cross-site POST", "0.0.0.0:7400", "POST", "explorer.example", map[string]string{"Sec-Fetch-Site": "cross-site"}, 403, "ExplorerCrossOrigin"},
	} {
		hit = false
		r := httptest.NewRequest(c.method, "http://"+c.host+"/api/v1/x", nil)
		r.Host = c.host
		for k, v := range c.headers {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		guard(c.listen, write).ServeHTTP(w, r)
		if w.Code != c.want || hit != (c.want == 200) || (c.code != "" && !strings.Contains(w.Body.String(), c.code)) {
			t.Errorf("%s: %d %s (handler ran: %v), want %d %s", c.name, w.Code, w.Body, hit, c.want, c.code)
		}
	}
}

// Serve answers on its listener and stops when its context ends.
func TestServe(t *testing.T) {
	n := newFakeNode(t, 1)
	n.setMetrics(nodeMetrics(1, 0, nil, ""))
	s, err := New(testConfig(n))
	if err != nil {
		t.Fatal(err)
	}
	ln, err := netListen()
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	u := URL(ln.Addr().String())
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, err := http.Get(u + "api/v1/network")
		if err != nil {
			t.Fatal(err)
		}
		var sum Summary
		json.NewDecoder(resp.Body).Decode(&sum)
		resp.Body.Close()
		if sum.Nodes[0].Health == HealthHealthy {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("node not healthy: %+v", sum.Nodes[0])
		}
		time.Sleep(50 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Serve did not return")
	}
}

func netListen() (net.Listener, error) { return net.Listen("tcp", "127.0.0.1:0") }

// A node that accepts connections and never answers is down once the poll's time is up, and the
// other nodes' results still arrive in the same tick.
func TestHungNodeIsDown(t *testing.T) {
	good := newFakeNode(t, 1)
	good.setMetrics(nodeMetrics(1, 0, nil, ""))
	release := make(chan struct{})
	hung := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { <-release }))
	defer hung.Close()
	defer close(release)
	cfg := Config{Nodes: []Node{{Index: 1, URL: good.srv.URL}, {Index: 2, URL: hung.URL}}}
	if err := cfg.check(); err != nil {
		t.Fatal(err)
	}
	c := newCollector(cfg)
	start := time.Now()
	c.tick(context.Background())
	if took := time.Since(start); took > cfg.pollTimeout()+time.Second {
		t.Fatalf("a tick took %v", took)
	}
	s := summaryOf(t, c)
	if s.Nodes[0].Health != HealthHealthy || s.Nodes[1].Health != HealthDown || !strings.Contains(s.Nodes[1].Reasons[0], "no answer within") {
		t.Fatalf("%+v", s.Nodes)
	}
}

// In a network larger than maxPeerLinks the summary lists only the links that are down, and
// still counts them all.
func TestLargeNetworkListsOnlyDownLinks(t *testing.T) {
	const n = maxPeerLinks + 8
	cfg := Config{}
	for i := 1; i <= n; i++ {
		cfg.Nodes = append(cfg.Nodes, Node{Index: i, URL: fmt.Sprintf("http://127.0.0.1:%d", 1000+i)})
	}
	if err := cfg.check(); err != nil {
		t.Fatal(err)
	}
	c := newCollector(cfg)
	res := make([]pollResult, n)
	for i := range res {
		peers := map[int]bool{}
		for j := 1; j <= n; j++ {
			if j != i+1 {
				peers[j] = j != 5
			}
		}
		sc, err := parseScrape([]byte(nodeMetrics(0, 0, peers, "")))
		if err != nil {
			t.Fatal(err)
		}
		res[i] = pollResult{at: time.Now(), ready: true, scrape: sc}
	}
	c.record(time.Now(), res)
	s := summaryOf(t, c)
	if p := s.Nodes[0]; len(p.Peers) != 1 || p.Peers[0].Index != 5 || p.Peers[0].Up || p.PeersKnown != n-1 || p.PeersUp != n-2 {
		t.Fatalf("node 1: %d links listed, known %d, up %d", len(p.Peers), p.PeersKnown, p.PeersUp)
	}
	if s.Nodes[4].Health != HealthDegraded {
		t.Fatalf("node 5, unreachable by all: %s", s.Nodes[4].Health)
	}
}
