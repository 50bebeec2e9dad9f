package explorer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Health is a node's state as the explorer names it.
type Health string

const (
	HealthUnknown     Health = "unknown"     // not polled yet
	HealthHealthy     Health = "healthy"     // ready, reached by its peers, blamed by none
	HealthStarting    Health = "starting"    // answers but is not ready (genesis, catching up)
	HealthDown        Health = "down"        // does not answer /healthz
	HealthDegraded    Health = "degraded"    // answers, but most of its peers cannot reach it, or its metrics are unreadable
	HealthMisbehaving Health = "misbehaving" // a peer proved misbehaviour of it (flint_misbehaviour_total)
)

// statusAnswer is a node's /status (node/api.go operatorViews).
type statusAnswer struct {
	Ready         bool    `json:"ready"`
	Address       string  `json:"address"`
	Presignatures int     `json:"presignatures"`
	Version       string  `json:"version"`
	Index         *int    `json:"index"`
	Epoch         *uint64 `json:"epoch"`
	Threshold     *int    `json:"threshold"`
	Quorum        *int    `json:"quorum"`
}

// pollResult is one poll of one node.
type pollResult struct {
	at         time.Time
	err        error // /healthz (or /status) did not answer: the node is down
	ready      bool
	status     *statusAnswer // nil when the node does not serve /status here
	scrape     *scrape
	metricsErr error
	noStatus   bool // /status answered 404: the operator views are on another listener
	noMetrics  bool // same for /metrics
}

type timedScrape struct {
	at time.Time
	s  *scrape
}

// nodeState is what the collector remembers of one node.
type nodeState struct {
	cfg      Node
	polled   bool
	last     pollResult
	lastSeen time.Time
	history  []timedScrape // the scrapes of the smoothing window, oldest first
	// The operator views answered 404 (metricsListen set): ask again only after this, since every
	// 404 is a logged request on the node.
	statusRetry, metricsRetry time.Time
}

// maxPeerLinks is the largest network whose summary lists every peer link of every node.
const maxPeerLinks = 32

// missingRetry is how long the collector waits before asking again for an operator view that a
// node does not serve.
const missingRetry = 30 * time.Second

// collector polls the nodes and keeps the network's recent history.
type collector struct {
	cfg    Config
	mu     sync.Mutex
	nodes  []*nodeState
	series []Point
	latest []byte // the last Summary as JSON, served as is to every page
}

func newCollector(cfg Config) *collector {
	c := &collector{cfg: cfg}
	for _, n := range cfg.Nodes {
		c.nodes = append(c.nodes, &nodeState{cfg: n})
	}
	c.latest, _ = json.Marshal(c.summarize(time.Now()))
	return c
}

// run polls every cfg.Interval until ctx ends, the first poll at once.
func (c *collector) run(ctx context.Context) {
	t := time.NewTicker(c.cfg.Interval)
	defer t.Stop()
	for {
		c.tick(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// tick polls every node once (at most pollParallel at a time) and records the results.
func (c *collector) tick(ctx context.Context) {
	now := time.Now()
	ctx, cancel := context.WithTimeout(ctx, c.cfg.pollTimeout())
	defer cancel()
	c.mu.Lock()
	states := slices.Clone(c.nodes)
	c.mu.Unlock()
	res := make([]pollResult, len(states))
	sem := make(chan struct{}, pollParallel)
	var wg sync.WaitGroup
	for i, n := range states {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			res[i] = c.poll(ctx, n, now)
		}()
	}
	wg.Wait()
	if ctx.Err() != nil && errors.Is(context.Cause(ctx), context.Canceled) {
		return // stopping: the results are cancellations, not a network going down
	}
	c.record(now, res)
}

// pollParallel bounds the nodes polled at once.
const pollParallel = 32

// poll asks one node for /status (or /healthz where /status is not served) and /metrics.
func (c *collector) poll(ctx context.Context, n *nodeState, now time.Time) pollResult {
	r := pollResult{at: now}
	c.mu.Lock()
	askStatus, askMetrics := now.After(n.statusRetry), now.After(n.metricsRetry)
	c.mu.Unlock()
	if askStatus {
		var st statusAnswer
		code, err := c.getJSON(ctx, n.cfg.URL+"/status", &st)
		switch {
		case err != nil:
			r.err = err
			return r
		case code == http.StatusNotFound:
			r.noStatus = true
		case code != http.StatusOK:
			r.err = fmt.Errorf("/status: HTTP %d", code)
			return r
		default:
			r.status, r.ready = &st, st.Ready
		}
	}
	if r.status == nil {
		var h struct {
			Ready bool `json:"ready"`
		}
		code, err := c.getJSON(ctx, n.cfg.URL+"/healthz", &h)
		if err == nil && code != http.StatusOK {
			err = fmt.Errorf("/healthz: HTTP %d", code)
		}
		if err != nil {
			r.err = err
			return r
		}
		r.ready = h.Ready
	}
	if askMetrics {
		body, code, err := c.get(ctx, n.cfg.URL+"/metrics", maxMetricsBytes)
		switch {
		case err != nil:
			r.metricsErr = err
		case code == http.StatusNotFound:
			r.noMetrics = true
		case code != http.StatusOK:
			r.metricsErr = fmt.Errorf("/metrics: HTTP %d", code)
		default:
			r.scrape, r.metricsErr = parseScrape(body)
		}
	}
	return r
}

func (c *collector) getJSON(ctx context.Context, url string, v any) (int, error) {
	body, code, err := c.get(ctx, url, 64<<10)
	if err != nil || code != http.StatusOK {
		return code, err
	}
	if err := json.Unmarshal(body, v); err != nil {
		return code, fmt.Errorf("%s: %w", url, err)
	}
	return code, nil
}

// get reads at most limit bytes of url; a longer answer is an error.
func (c *collector) get(ctx context.Context, url string, limit int64) ([]byte, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, 0, err
	}
	resp, err := c.cfg.HTTP.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, resp.StatusCode, fmt.Errorf("%s: %w", url, err)
	}
	if int64(len(b)) > limit {
		return nil, resp.StatusCode, fmt.Errorf("%s: answer over %d bytes", url, limit)
	}
	return b, resp.StatusCode, nil
}

// record takes one tick's results, adds a point to the series and renders the summary.
func (c *collector) record(now time.Time, res []pollResult) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i, r := range res {
		n := c.nodes[i]
		n.polled, n.last = true, r
		if r.err == nil {
			n.lastSeen = r.at
		}
		if r.noStatus {
			n.statusRetry = now.Add(missingRetry)
		}
		if r.noMetrics {
			n.metricsRetry = now.Add(missingRetry)
		}
		if r.scrape != nil {
			n.history = append(n.history, timedScrape{r.at, r.scrape})
		}
		// Keep the scrapes of the smoothing window and one before it, the window's base.
		cut := 0
		for cut < len(n.history)-1 && now.Sub(n.history[cut+1].at) >= c.cfg.Smooth {
			cut++
		}
		n.history = n.history[cut:]
	}
	c.series = append(c.series, c.point(now))
	if keep := int(c.cfg.Window / c.cfg.Interval); len(c.series) > keep {
		c.series = c.series[len(c.series)-keep:]
	}
	b, err := json.Marshal(c.summarize(now))
	if err == nil {
		c.latest = b
	}
}

// window is the change of one node's counters over the smoothing window, and its length.
type window struct {
	dt           time.Duration
	requests, ok float64
	latency      hist
	refused      map[int]float64
}

func (n *nodeState) window() (window, bool) {
	if len(n.history) < 2 {
		return window{}, false
	}
	a, b := n.history[0], n.history[len(n.history)-1]
	w := window{dt: b.at.Sub(a.at), requests: counterDelta(b.s.requests, a.s.requests), ok: counterDelta(b.s.ok, a.s.ok),
		latency: b.s.latency.sub(a.s.latency), refused: map[int]float64{}}
	if b.s.requests < a.s.requests { // restarted: both counters start again
		w.ok = b.s.ok
	}
	for j, v := range b.s.refused {
		w.refused[j] = counterDelta(v, a.s.refused[j])
	}
	return w, w.dt > 0
}

// Point is the network's traffic over the smoothing window ending at T: the sum over the nodes of
// their client API requests per second, the share answered without error, and latency quantiles
// in seconds. Ratios and quantiles are null while no request was made.
type Point struct {
	T       int64 `json:"t"` // Unix milliseconds
	Rate    Num   `json:"rate"`
	Success Num   `json:"success"`
	P50     Num   `json:"p50"`
	P90     Num   `json:"p90"`
	P99     Num   `json:"p99"`
}

func (c *collector) point(now time.Time) Point {
	var rate, reqs, ok float64
	var lat hist
	seen := false
	for _, n := range c.nodes {
		w, good := n.window()
		if !good || n.last.err != nil {
			continue
		}
		seen = true
		rate += w.requests / w.dt.Seconds()
		reqs += w.requests
		ok += w.ok
		lat = lat.add(w.latency)
	}
	p := Point{T: now.UnixMilli(), Rate: Num(math.NaN()), Success: Num(math.NaN())}
	if seen {
		p.Rate = Num(rate)
	}
	if reqs > 0 {
		p.Success = Num(min(1, ok/reqs))
	}
	p.P50, p.P90, p.P99 = Num(lat.quantile(.5)), Num(lat.quantile(.9)), Num(lat.quantile(.99))
	return p
}

// Num is a float64 that is JSON null when NaN or infinite: a rate or quantile of no traffic.
type Num float64

func (v Num) MarshalJSON() ([]byte, error) {
	f := float64(v)
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, f, 'g', 6, 64), nil
}

// Summary is GET /api/v1/network: the network now and its recent traffic.
type Summary struct {
	Updated  time.Time     `json:"updated"`
	Interval int64         `json:"intervalMs"` // between polls
	Smooth   int64         `json:"smoothMs"`   // the window each point and rate is measured over
	Network  NetworkInfo   `json:"network"`
	Nodes    []NodeSummary `json:"nodes"`
	// Alerts name every node that is down or misbehaving, in plain words.
	Alerts []string `json:"alerts"`
	Series []Point  `json:"series"`
}

// NetworkInfo is the network as network.json and the nodes' /status describe it.
type NetworkInfo struct {
	ChainID   uint64  `json:"chainId"`
	Epoch     *uint64 `json:"epoch"` // the highest epoch a node reports
	Threshold int     `json:"threshold"`
	Quorum    int     `json:"quorum"`
	Nodes     int     `json:"nodes"`
	Up        int     `json:"up"`
	Ready     int     `json:"ready"`
	Healthy   int     `json:"healthy"`
}

// NodeSummary is one node as the network page shows it.
type NodeSummary struct {
	Index         int      `json:"index"`
	URL           string   `json:"url"`
	Address       string   `json:"address,omitempty"`
	Health        Health   `json:"health"`
	Reasons       []string `json:"reasons"` // why it is not healthy
	Ready         bool     `json:"ready"`
	Version       string   `json:"version,omitempty"`
	Epoch         *uint64  `json:"epoch,omitempty"`
	Presignatures *Pool    `json:"presignatures,omitempty"`
	// Peers lists the node's links, all of them in a network of up to maxPeerLinks nodes and
	// only those down in a larger one (the summary of 200 nodes would otherwise carry 40,000).
	Peers        []PeerLink `json:"peers"`
	PeersKnown   int        `json:"peersKnown"` // the peers it reports on
	PeersUp      int        `json:"peersUp"`
	RTTMedianMs  Num        `json:"rttMedianMs"` // over the peers that are up
	RTTMaxMs     Num        `json:"rttMaxMs"`
	RequestRate  Num        `json:"requestRate"`
	Blamed       float64    `json:"blamed"`      // proofs of misbehaviour its peers hold against it
	BlamedBy     []int      `json:"blamedBy"`    // by which nodes
	Refused      float64    `json:"refused"`     // its messages peers refused in the window (proves nothing alone)
	SuspectedBy  []int      `json:"suspectedBy"` // the peers keeping it out of their batches for now (flint_suspected)
	LastSeen     *time.Time `json:"lastSeen,omitempty"`
	Error        string     `json:"error,omitempty"` // the last poll's failure
	MetricsError string     `json:"metricsError,omitempty"`
}

// Pool is a node's presignature pool: those it may bind as a request's leader, and all it holds.
type Pool struct {
	Free float64 `json:"free"`
	All  float64 `json:"all"`
}

// PeerLink is a node's view of one peer: whether the last exchange got an answer, and the ping
// round-trip time (mean over the window, or since the start when no ping fell in it).
type PeerLink struct {
	Index int  `json:"index"`
	Up    bool `json:"up"`
	RTTms Num  `json:"rttMs"`
}

func (c *collector) summarize(now time.Time) Summary {
	s := Summary{Updated: now.UTC(), Interval: c.cfg.Interval.Milliseconds(), Smooth: c.cfg.Smooth.Milliseconds(), Series: slices.Clone(c.series), Alerts: []string{},
		Network: NetworkInfo{ChainID: c.cfg.ChainID, Threshold: c.cfg.Threshold, Quorum: c.cfg.Quorum, Nodes: len(c.nodes)}}
	// What the nodes say of each other: blame, refusals and reachability, by the node spoken of.
	type heard struct {
		blamed    float64
		by        []int
		protocols []string
		refused   float64
		suspected []int // by which nodes
		unreached []int
		reporters int
	}
	about := map[int]*heard{}
	at := func(i int) *heard {
		if about[i] == nil {
			about[i] = &heard{}
		}
		return about[i]
	}
	for _, n := range c.nodes {
		if !n.polled || n.last.err != nil || len(n.history) == 0 {
			continue
		}
		latest := n.history[len(n.history)-1].s
		for j, v := range latest.blames {
			h := at(j)
			h.blamed += v
			h.by = append(h.by, n.cfg.Index)
			h.protocols = append(h.protocols, latest.protocols[j]...)
		}
		for j := range latest.suspected {
			at(j).suspected = append(at(j).suspected, n.cfg.Index)
		}
		for j, up := range latest.peerUp {
			h := at(j)
			h.reporters++
			if !up {
				h.unreached = append(h.unreached, n.cfg.Index)
			}
		}
		if w, ok := n.window(); ok {
			for j, v := range w.refused {
				at(j).refused += v
			}
		}
	}
	for _, n := range c.nodes {
		ns := NodeSummary{Index: n.cfg.Index, URL: n.cfg.URL, Address: n.cfg.Address, Health: HealthUnknown, Reasons: []string{},
			Peers: []PeerLink{}, BlamedBy: []int{}, RequestRate: Num(math.NaN()), RTTMedianMs: Num(math.NaN()), RTTMaxMs: Num(math.NaN())}
		if !n.lastSeen.IsZero() {
			t := n.lastSeen.UTC()
			ns.LastSeen = &t
		}
		h := at(n.cfg.Index)
		ns.Blamed, ns.Refused = h.blamed, h.refused
		ns.BlamedBy = append(ns.BlamedBy, h.by...)
		ns.SuspectedBy = append([]int{}, h.suspected...)
		sort.Ints(ns.SuspectedBy)
		sort.Ints(ns.BlamedBy)
		r := n.last
		switch {
		case !n.polled:
		case r.err != nil:
			ns.Health, ns.Error = HealthDown, r.err.Error()
			ns.Reasons = append(ns.Reasons, unreachable(r.err, c.cfg.pollTimeout()))
		default:
			s.Network.Up++
			ns.Ready = r.ready
			if r.ready {
				s.Network.Ready++
				ns.Health = HealthHealthy
			} else {
				ns.Health = HealthStarting
				ns.Reasons = append(ns.Reasons, "not ready: no keys yet, or the root keys are not on chain")
			}
		}
		if st := r.status; st != nil && r.err == nil {
			ns.Version, ns.Epoch = st.Version, st.Epoch
			if st.Address != "" {
				ns.Address = st.Address
			}
			if st.Epoch != nil && (s.Network.Epoch == nil || *st.Epoch > *s.Network.Epoch) {
				e := *st.Epoch
				s.Network.Epoch = &e
			}
		}
		if r.metricsErr != nil && r.err == nil {
			ns.MetricsError = r.metricsErr.Error()
		}
		if len(n.history) > 0 && r.err == nil {
			latest := n.history[len(n.history)-1].s
			if latest.hasPool {
				ns.Presignatures = &Pool{Free: latest.poolFree, All: latest.poolAll}
			}
			var base *scrape
			if len(n.history) > 1 {
				base = n.history[0].s
			}
			var rtts []float64
			for j, up := range latest.peerUp {
				l := PeerLink{Index: j, Up: up, RTTms: Num(math.NaN())}
				cur := latest.peerRTT[j]
				if base != nil {
					if prev, ok := base.peerRTT[j]; ok && cur.count > prev.count {
						l.RTTms = Num((cur.sum - prev.sum) / (cur.count - prev.count) * 1000)
					}
				}
				if math.IsNaN(float64(l.RTTms)) && cur.count > 0 {
					l.RTTms = Num(cur.sum / cur.count * 1000)
				}
				ns.PeersKnown++
				if up {
					ns.PeersUp++
					if !math.IsNaN(float64(l.RTTms)) {
						rtts = append(rtts, float64(l.RTTms))
					}
				}
				if !up || len(c.nodes) <= maxPeerLinks {
					ns.Peers = append(ns.Peers, l)
				}
			}
			sort.Slice(ns.Peers, func(a, b int) bool { return ns.Peers[a].Index < ns.Peers[b].Index })
			if len(rtts) > 0 {
				sort.Float64s(rtts)
				ns.RTTMedianMs, ns.RTTMaxMs = Num(rtts[len(rtts)/2]), Num(rtts[len(rtts)-1])
			}
			if w, ok := n.window(); ok {
				ns.RequestRate = Num(w.requests / w.dt.Seconds())
			}
		}
		if ns.Health == HealthHealthy || ns.Health == HealthStarting {
			if h.reporters > 0 && 2*len(h.unreached) > h.reporters {
				ns.Health = HealthDegraded
				ns.Reasons = append(ns.Reasons, fmt.Sprintf("unreachable from %d of the %d peers reporting (%s)", len(h.unreached), h.reporters, nodes(h.unreached)))
			}
			if len(h.suspected) > 0 {
				ns.Health = HealthDegraded
				ns.Reasons = append(ns.Reasons, fmt.Sprintf("kept out of presignature batches for now by %s: its batches failed, or it misbehaved", nodes(h.suspected)))
			}
			if ns.MetricsError != "" {
				ns.Health = HealthDegraded
				ns.Reasons = append(ns.Reasons, "its metrics are unreadable: "+ns.MetricsError)
			}
		}
		if h.blamed > 0 {
			// A proof of misbehaviour outranks every other state: the node may be answering, and
			// answering wrongly.
			ns.Health = HealthMisbehaving
			slices.Sort(h.protocols)
			ns.Reasons = append(ns.Reasons, fmt.Sprintf("misbehaviour proved by %s, %g times (%s)", nodes(ns.BlamedBy), h.blamed, strings.Join(slices.Compact(h.protocols), ", ")))
		}
		if ns.Health == HealthHealthy {
			s.Network.Healthy++
		}
		switch ns.Health {
		case HealthDown, HealthMisbehaving, HealthDegraded:
			s.Alerts = append(s.Alerts, fmt.Sprintf("Node %d (%s) is %s: %s.", ns.Index, ns.URL, ns.Health, strings.Join(ns.Reasons, "; ")))
		}
		s.Nodes = append(s.Nodes, ns)
	}
	return s
}

// unreachable says in plain words why a node did not answer; Error keeps the whole error.
func unreachable(err error, timeout time.Duration) string {
	var ne net.Error
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "nothing listens on its port (connection refused): the node is not running"
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout():
		return fmt.Sprintf("no answer within %v", timeout)
	case errors.Is(err, syscall.EHOSTUNREACH) || errors.Is(err, syscall.ENETUNREACH):
		return "its host is unreachable"
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return "does not answer: " + err.Error()
}

// nodes names node indices: "node 2", "nodes 1, 3".
func nodes(v []int) string {
	if len(v) == 1 {
		return "node " + strconv.Itoa(v[0])
	}
	return "nodes " + ints(v)
}

func ints(v []int) string {
	v = slices.Clone(v)
	sort.Ints(v)
	s := make([]string, len(v))
	for i, x := range v {
		s[i] = strconv.Itoa(x)
	}
	return strings.Join(s, ", ")
}

// snapshot is the last summary as JSON.
func (c *collector) snapshot() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.latest
}
