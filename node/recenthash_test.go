package node

import (
	"fmt"
	"testing"
	"time"
)

func TestRecentHashes(t *testing.T) {
	t0 := time.Unix(1000, 0)
	r := newRecentHashes(time.Minute, 3)
	r.add("a", t0)
	if !r.recent("a", t0.Add(time.Minute)) || r.recent("a", t0.Add(time.Minute+1)) || r.recent("b", t0) {
		t.Fatal("age bound")
	}
	// The count bound: the oldest goes first.
	for i := range 5 {
		r.add(fmt.Sprint(i), t0.Add(time.Duration(i)*time.Second))
	}
	if len(r.order) != 3 || r.recent("a", t0) || r.recent("1", t0.Add(5*time.Second)) || !r.recent("4", t0.Add(5*time.Second)) {
		t.Fatalf("count bound: %v", r.order)
	}
	// Re-adding a hash keeps its first sighting.
	r.add("4", t0.Add(2*time.Minute))
	if r.recent("4", t0.Add(2*time.Minute)) {
		t.Fatal("a hash seen again got younger")
	}
}
