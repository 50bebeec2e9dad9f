package acc

import "sync"

// Cache keeps results of chain-dependent conditions for the block they were read at, so that the same
// caller asking again within a block costs no chain call. A result is keyed by the condition's canonical
// form, every value its special parameters stand for, and the block number; errors are not kept. Safe for
// concurrent use; the oldest entries go first once it is full. The key names a chain by its name only, so
// one Cache serves one chain configuration: make a new one when the names are mapped anew.
type Cache struct {
	mu    sync.Mutex
	max   int
	m     map[[32]byte]string
	order [][32]byte // insertion order, for eviction
}

// NewCache returns a cache of at most size results (at least 1).
func NewCache(size int) *Cache {
	return &Cache{max: max(size, 1), m: map[[32]byte]string{}}
}

func (c *Cache) get(k [32]byte) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

func (c *Cache) put(k [32]byte, reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[k]; ok {
		return
	}
	for len(c.order) >= c.max {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
	c.m[k] = reason
	c.order = append(c.order, k)
}

// Len is the number of results held.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
