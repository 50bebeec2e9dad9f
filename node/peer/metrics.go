package peer

import (
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// maxKindLabels bounds the kind label's values; later kinds count as "other".
const maxKindLabels = 64

// metrics are the transport's Prometheus series. A nil *metrics (no
// Registerer) records nothing.
type metrics struct {
	messages *prometheus.CounterVec   // direction, kind
	bytesC   *prometheus.CounterVec   // direction, kind
	failures *prometheus.CounterVec   // peer, reason
	rttH     *prometheus.HistogramVec // peer
	upG      *prometheus.GaugeVec     // peer

	mu    sync.Mutex
	kinds map[string]bool
}

func newMetrics(reg prometheus.Registerer) (*metrics, error) {
	if reg == nil {
		return nil, nil
	}
	m := &metrics{
		messages: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "flint_peer_messages_total",
			Help: "Peer messages by direction (sent: accepted by the peer; received: read from a peer) and kind.",
		}, []string{"direction", "kind"}),
		bytesC: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "flint_peer_bytes_total",
			Help: "Peer message and reply body bytes by direction and kind.",
		}, []string{"direction", "kind"}),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "flint_peer_failures_total",
			Help: "Outgoing messages and pings that failed, by peer and reason (unreachable, unavailable, refused).",
		}, []string{"peer", "reason"}),
		rttH: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "flint_peer_rtt_seconds",
			Help:    "Ping round-trip time by peer.",
			Buckets: prometheus.ExponentialBuckets(50e-6, 2, 16),
		}, []string{"peer"}),
		upG: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "flint_peer_up",
			Help: "1 if the last exchange with the peer got an answer, else 0.",
		}, []string{"peer"}),
		kinds: make(map[string]bool),
	}
	for _, c := range []prometheus.Collector{m.messages, m.bytesC, m.failures, m.rttH, m.upG} {
		if err := reg.Register(c); err != nil {
			var are prometheus.AlreadyRegisteredError
			if errors.As(err, &are) {
				return nil, fmt.Errorf("%w: metrics already registered (one transport per Registerer): %w", ErrConfig, err)
			}
			return nil, fmt.Errorf("%w: metrics: %w", ErrConfig, err)
		}
	}
	return m, nil
}

func (m *metrics) kind(k string) string {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.kinds[k] {
		return k
	}
	if len(m.kinds) >= maxKindLabels {
		return "other"
	}
	m.kinds[k] = true
	return k
}

func (m *metrics) message(direction, kind string, n int) {
	if m == nil {
		return
	}
	k := m.kind(kind)
	m.messages.WithLabelValues(direction, k).Inc()
	m.bytesC.WithLabelValues(direction, k).Add(float64(n))
}

func (m *metrics) bytes(direction, kind string, n int) {
	if m == nil {
		return
	}
	m.bytesC.WithLabelValues(direction, m.kind(kind)).Add(float64(n))
}

func (m *metrics) failure(peer uint32, reason string) {
	if m == nil {
		return
	}
	m.failures.WithLabelValues(label(peer), reason).Inc()
}

func (m *metrics) rtt(peer uint32, d time.Duration) {
	if m == nil {
		return
	}
	m.rttH.WithLabelValues(label(peer)).Observe(d.Seconds())
}

func (m *metrics) up(peer uint32, up bool) {
	if m == nil {
		return
	}
	v := 0.0
	if up {
		v = 1
	}
	m.upG.WithLabelValues(label(peer)).Set(v)
}

func (m *metrics) forget(peer uint32) {
	if m == nil {
		return
	}
	l := prometheus.Labels{"peer": label(peer)}
	m.upG.DeletePartialMatch(l)
	m.rttH.DeletePartialMatch(l)
	m.failures.DeletePartialMatch(l)
}

func label(peer uint32) string { return strconv.FormatUint(uint64(peer), 10) }
