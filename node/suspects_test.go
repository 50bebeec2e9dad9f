package node

import (
	"testing"
	"time"
)

// suspectedSeries gathers flint_suspected: node label → value.
func suspectedSeries(t *testing.T, m *metrics) map[string]float64 {
	t.Helper()
	fams, err := m.registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, f := range fams {
		if f.GetName() != "flint_suspected" {
			continue
		}
		for _, s := range f.GetMetric() {
			for _, l := range s.GetLabel() {
				if l.GetName() == "node" {
					out[l.GetValue()] = s.GetGauge().GetValue()
				}
			}
		}
	}
	return out
}

// flint_suspected shows the peers a node keeps out of its batches while it does, and not after:
// the explorer names them from it.
func TestSuspectedMetric(t *testing.T) {
	n := testAPINode(8)
	n.suspects = newSuspects()
	now := time.Now()
	n.suspects.strike(3, now)
	n.suspects.strike(4, now.Add(-time.Hour)) // long over
	n.metrics.observe(n)
	if got := suspectedSeries(t, n.metrics); len(got) != 1 || got["3"] != 1 {
		t.Fatalf("flint_suspected %v, want node 3 only", got)
	}
	n.suspects.clear(3)
	n.metrics.observe(n)
	if got := suspectedSeries(t, n.metrics); len(got) != 0 {
		t.Fatalf("flint_suspected %v after the strike was cleared", got)
	}
}

// clearAll forgets every strike (an epoch switch does it).
func TestSuspectsClearAll(t *testing.T) {
	s := newSuspects()
	now := time.Now()
	s.strike(2, now)
	s.strike(3, now)
	s.clearAll()
	if s.excluded(2, now) || s.excluded(3, now) {
		t.Fatal("strikes kept")
	}
}
