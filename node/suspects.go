package node

import (
	"sync"
	"time"
)

// Back-off for nodes that misbehave or whose batches keep failing: each
// strike doubles how long this node keeps the node out of the batches it
// leads, and refuses batches the node leads, from suspectBase up to
// suspectMax. A batch that succeeds under a leader clears it.
const (
	suspectBase = 10 * time.Second
	suspectMax  = 10 * time.Minute
)

// suspects is this node's record of strikes against its peers.
type suspects struct {
	mu sync.Mutex
	m  map[uint32]*suspicion
}

type suspicion struct {
	strikes int
	until   time.Time
}

func newSuspects() *suspects { return &suspects{m: map[uint32]*suspicion{}} }

// strike adds one against node.
func (s *suspects) strike(node uint32, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sp := s.m[node]
	if sp == nil {
		sp = &suspicion{}
		s.m[node] = sp
	}
	sp.strikes++
	d := suspectBase
	for i := 1; i < sp.strikes && d < suspectMax; i++ {
		d *= 2
	}
	sp.until = now.Add(min(d, suspectMax))
}

// clear forgets node's strikes.
func (s *suspects) clear(node uint32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, node)
}

// clearAll forgets every node's strikes.
func (s *suspects) clearAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	clear(s.m)
}

// excluded reports whether node is backing off at now.
func (s *suspects) excluded(node uint32, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	sp := s.m[node]
	return sp != nil && now.Before(sp.until)
}

// active returns the nodes backing off at now, in no order.
func (s *suspects) active(now time.Time) []uint32 {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []uint32
	for id, sp := range s.m {
		if now.Before(sp.until) {
			out = append(out, id)
		}
	}
	return out
}
