package node

import (
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// metrics are the node's Prometheus metrics, served at /metrics.
type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec   // by endpoint and outcome
	latency  *prometheus.HistogramVec // by endpoint
	pool     *prometheus.GaugeVec     // presignatures held: "own free", "all"
	batches  *prometheus.CounterVec   // presignature batches by outcome
	bindings prometheus.Counter
	shares   prometheus.Counter
	// misbehaviour counts what this node proved of its peers, by node and
	// protocol: the honest nodes name the corrupt ones here.
	misbehaviour *prometheus.CounterVec
	// refused counts peer messages refused for reasons that prove nothing
	// (a notice or proposal from a node this one does not see as the
	// request's leader, a presignature too old for it), by node.
	refused *prometheus.CounterVec
	// suspected is 1 for each peer this node keeps out of the batches it
	// leads (suspects): its batches failed or it misbehaved, lately.
	suspected *prometheus.GaugeVec
	ready     prometheus.Gauge
	sessions  prometheus.Gauge
	// keyPoolThrottled counts key-pool refills put off by keyPool's rate.
	keyPoolThrottled prometheus.Counter
	// usage counts the usage records by kind, outcome and caller class
	// (never by caller: the label set stays bounded).
	usage        *prometheus.CounterVec
	usageErrors  prometheus.Counter
	usageCommits prometheus.Histogram // one write and fsync of the usage log
}

func newMetrics() *metrics {
	r := prometheus.NewRegistry()
	m := &metrics{
		registry: r,
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "flint_requests_total", Help: "Client API requests by endpoint and outcome."}, []string{"endpoint", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "flint_request_seconds", Help: "Client API latency by endpoint.",
			Buckets: []float64{.0005, .001, .002, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}}, []string{"endpoint"}),
		pool:     prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "flint_presignatures", Help: "Presignatures held: own_free (this node may bind them) and all."}, []string{"kind"}),
		batches:  prometheus.NewCounterVec(prometheus.CounterOpts{Name: "flint_presign_batches_total", Help: "Presignature batches by outcome."}, []string{"outcome"}),
		bindings: prometheus.NewCounter(prometheus.CounterOpts{Name: "flint_bindings_total", Help: "Presignatures this node bound as a request's leader."}),
		shares:   prometheus.NewCounter(prometheus.CounterOpts{Name: "flint_signature_shares_total", Help: "Signature shares computed."}),
		refused: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "flint_refused_messages_total",
			Help: "Peer messages refused for reasons that prove nothing against their sender (views of the live nodes can differ), by node index."}, []string{"node"}),
		misbehaviour: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "flint_misbehaviour_total",
			Help: "Misbehaviour this node proved of a peer (a value that fails its check, an equivocation), by node index and protocol."}, []string{"node", "protocol"}),
		suspected: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "flint_suspected",
			Help: "1 for each peer this node keeps out of its presignature batches for now, after its batches failed or it misbehaved, by node index."}, []string{"node"}),
		ready:    prometheus.NewGauge(prometheus.GaugeOpts{Name: "flint_ready", Help: "1 once the node holds its keys and the root keys are on chain."}),
		sessions: prometheus.NewGauge(prometheus.GaugeOpts{Name: "flint_sessions", Help: "Protocol sessions running."}),
		keyPoolThrottled: prometheus.NewCounter(prometheus.CounterOpts{Name: "flint_key_pool_throttled_total",
			Help: "Refills of PKPNFT's attested-key pool put off because they would exceed keyPool.keysPerHour."}),
		usage: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "flint_usage_requests_total",
			Help: "Usage records: signing and Action requests by kind, outcome (ok or the error code) and caller class (wallet, contract, session, anonymous)."},
			[]string{"kind", "outcome", "caller_class"}),
		usageErrors: prometheus.NewCounter(prometheus.CounterOpts{Name: "flint_usage_write_errors_total",
			Help: "Requests answered NodeUsageLogFailed because their usage record could not be written."}),
		usageCommits: prometheus.NewHistogram(prometheus.HistogramOpts{Name: "flint_usage_commit_seconds", Help: "Write and fsync of one group of usage records.",
			Buckets: []float64{.0001, .00025, .0005, .001, .002, .005, .01, .025, .05, .1, .5}}),
	}
	r.MustRegister(m.requests, m.latency, m.pool, m.batches, m.bindings, m.shares, m.misbehaviour, m.refused, m.suspected, m.ready, m.sessions, m.keyPoolThrottled,
		m.usage, m.usageErrors, m.usageCommits,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// observe refreshes the gauges.
func (m *metrics) observe(n *Node) {
	if n.pool != nil {
		m.pool.WithLabelValues("own_free").Set(float64(n.pool.ownFree()))
		m.pool.WithLabelValues("all").Set(float64(n.pool.size()))
	}
	if n.engine != nil {
		m.sessions.Set(float64(n.engine.Active()))
	}
	if n.published.Load() {
		m.ready.Set(1)
	}
	if n.suspects != nil {
		active := n.suspects.active(time.Now())
		m.suspected.Reset()
		for _, id := range active {
			m.suspected.WithLabelValues(strconv.FormatUint(uint64(id), 10)).Set(1)
		}
	}
}
