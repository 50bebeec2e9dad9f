package explorer

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// maxMetricsBytes bounds one node's /metrics answer: a node's exposition is tens of KiB, and a
// broken or hostile node must not make the explorer hold more.
const maxMetricsBytes = 4 << 20

// maxPeers bounds the peers and accused nodes one scrape may name (a network has at most 200
// nodes; the labels come from the node, which the explorer does not trust to keep them bounded).
const maxPeers = 1024

// scrape is what the explorer reads from one node's /metrics: the counters of the client API and the
// node's view of its peers. Counters are cumulative since the node started.
type scrape struct {
	requests float64 // client API requests, all endpoints but "unknown" (stray paths)
	ok       float64 // of which answered without an error
	latency  hist    // client API latency, all endpoints but "unknown"

	hasPool           bool
	poolFree, poolAll float64

	peerUp  map[int]bool
	peerRTT map[int]rttSum
	// blames counts the misbehaviour this node proved of each peer (flint_misbehaviour_total),
	// summed over protocols; protocols names them.
	blames    map[int]float64
	protocols map[int][]string
	refused   map[int]float64 // peer messages refused, proving nothing (flint_refused_messages_total)
	suspected map[int]bool    // peers this node keeps out of its batches for now (flint_suspected)
}

type rttSum struct{ sum, count float64 }

// hist is a cumulative histogram: counts[i] observations ≤ bounds[i]; count is all of them.
type hist struct {
	bounds []float64
	counts []float64
	count  float64
}

// parseScrape reads Prometheus' text exposition. Series it does not know are ignored; a series it
// knows with labels it cannot use is an error naming it, so that a node speaking another dialect
// shows as such rather than as an idle node.
func parseScrape(text []byte) (*scrape, error) {
	if len(text) > maxMetricsBytes {
		return nil, fmt.Errorf("metrics: %d bytes, over the explorer's limit of %d", len(text), maxMetricsBytes)
	}
	fams, err := parseText(text)
	if err != nil {
		return nil, err
	}
	s := &scrape{peerUp: map[int]bool{}, peerRTT: map[int]rttSum{}, blames: map[int]float64{}, protocols: map[int][]string{}, refused: map[int]float64{}, suspected: map[int]bool{}}
	lat := map[float64]float64{}
	if f := fams["flint_requests_total"]; f != nil {
		for _, m := range f.GetMetric() {
			if label(m, "endpoint") == "unknown" {
				continue
			}
			v := value(m)
			s.requests += v
			if label(m, "outcome") == "ok" {
				s.ok += v
			}
		}
	}
	if f := fams["flint_request_seconds"]; f != nil {
		for _, m := range f.GetMetric() {
			if label(m, "endpoint") == "unknown" {
				continue
			}
			h := m.GetHistogram()
			s.latency.count += finite(float64(h.GetSampleCount()))
			for _, b := range h.GetBucket() {
				if ub := b.GetUpperBound(); !math.IsInf(ub, 0) && !math.IsNaN(ub) {
					lat[ub] += float64(b.GetCumulativeCount())
				}
			}
		}
	}
	for ub := range lat {
		s.latency.bounds = append(s.latency.bounds, ub)
	}
	sort.Float64s(s.latency.bounds)
	for _, ub := range s.latency.bounds {
		s.latency.counts = append(s.latency.counts, lat[ub])
	}
	if f := fams["flint_presignatures"]; f != nil {
		for _, m := range f.GetMetric() {
			switch label(m, "kind") {
			case "own_free":
				s.hasPool, s.poolFree = true, value(m)
			case "all":
				s.hasPool, s.poolAll = true, value(m)
			}
		}
	}
	err = errors.Join(
		eachPeer(fams["flint_peer_up"], "peer", func(i int, m *dto.Metric) { s.peerUp[i] = value(m) == 1 }),
		eachPeer(fams["flint_peer_rtt_seconds"], "peer", func(i int, m *dto.Metric) {
			h := m.GetHistogram()
			s.peerRTT[i] = rttSum{finite(h.GetSampleSum()), finite(float64(h.GetSampleCount()))}
		}),
		eachPeer(fams["flint_misbehaviour_total"], "node", func(i int, m *dto.Metric) {
			if v := value(m); v > 0 {
				s.blames[i] += v
				s.protocols[i] = append(s.protocols[i], label(m, "protocol"))
			}
		}),
		eachPeer(fams["flint_refused_messages_total"], "node", func(i int, m *dto.Metric) { s.refused[i] += value(m) }),
		eachPeer(fams["flint_suspected"], "node", func(i int, m *dto.Metric) {
			if value(m) == 1 {
				s.suspected[i] = true
			}
		}),
	)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// parseText runs Prometheus' text parser, which panics on some malformed input (a line starting
// with "{" after a comment, in prometheus/common v0.66.1): a node must not be able to stop the
// explorer with its /metrics, so a panic is an error here.
func parseText(text []byte) (fams map[string]*dto.MetricFamily, err error) {
	defer func() {
		if r := recover(); r != nil {
			fams, err = nil, fmt.Errorf("metrics: unparsable exposition (the parser failed: %v)", r)
		}
	}()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err = p.TextToMetricFamilies(bytes.NewReader(text))
	if err != nil {
		return nil, fmt.Errorf("metrics: %w", err)
	}
	return fams, nil
}

// eachPeer calls f for each sample of f's family with its node-index label parsed.
func eachPeer(fam *dto.MetricFamily, name string, f func(int, *dto.Metric)) error {
	if fam == nil {
		return nil
	}
	if len(fam.GetMetric()) > maxPeers {
		return fmt.Errorf("metrics: %s has %d series, over the explorer's limit of %d", fam.GetName(), len(fam.GetMetric()), maxPeers)
	}
	for _, m := range fam.GetMetric() {
		i, err := strconv.ParseUint(label(m, name), 10, 31)
		if err != nil {
			return fmt.Errorf("metrics: %s: label %s=%q is not a node index", fam.GetName(), name, label(m, name))
		}
		f(int(i), m)
	}
	return nil
}

func label(m *dto.Metric, name string) string {
	for _, l := range m.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}

// value is a counter's, gauge's or untyped sample's value (an exposition without "# TYPE" lines
// has only untyped samples), made finite.
func value(m *dto.Metric) float64 {
	switch {
	case m.GetCounter() != nil:
		return finite(m.GetCounter().GetValue())
	case m.GetGauge() != nil:
		return finite(m.GetGauge().GetValue())
	}
	return finite(m.GetUntyped().GetValue())
}

// finite maps NaN and ±Inf (a broken node's values) to 0, so that sums and JSON stay finite.
func finite(v float64) float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0
	}
	return v
}

// counterDelta is cur−prev for a counter, or cur when the counter went back (the node restarted
// and counts from zero again), as Prometheus' rate() treats resets.
func counterDelta(cur, prev float64) float64 {
	if cur < prev {
		return cur
	}
	return cur - prev
}

// sub is the histogram of the observations made between prev and h; a reset gives h.
func (h hist) sub(prev hist) hist {
	if h.count < prev.count {
		return h
	}
	pc := map[float64]float64{}
	for i, b := range prev.bounds {
		pc[b] = prev.counts[i]
	}
	d := hist{bounds: h.bounds, counts: make([]float64, len(h.counts)), count: h.count - prev.count}
	for i, b := range h.bounds {
		d.counts[i] = max(0, h.counts[i]-pc[b])
	}
	return d
}

// add merges two histograms bucket by bucket (nodes of one version share their bounds).
func (h hist) add(o hist) hist {
	m := map[float64]float64{}
	for i, b := range h.bounds {
		m[b] += h.counts[i]
	}
	for i, b := range o.bounds {
		m[b] += o.counts[i]
	}
	r := hist{count: h.count + o.count}
	for b := range m {
		r.bounds = append(r.bounds, b)
	}
	sort.Float64s(r.bounds)
	for _, b := range r.bounds {
		r.counts = append(r.counts, m[b])
	}
	return r
}

// quantile estimates the q-quantile as Prometheus' histogram_quantile does: linear interpolation
// inside the bucket the rank falls in, the highest finite bound when it falls above them all. It
// is NaN for an empty histogram.
func (h hist) quantile(q float64) float64 {
	if h.count <= 0 || len(h.bounds) == 0 {
		return math.NaN()
	}
	rank := q * h.count
	lower, below := 0.0, 0.0
	for i, ub := range h.bounds {
		if h.counts[i] >= rank {
			in := h.counts[i] - below
			if in <= 0 {
				return ub
			}
			return lower + (ub-lower)*(rank-below)/in
		}
		lower, below = ub, h.counts[i]
	}
	return h.bounds[len(h.bounds)-1]
}
