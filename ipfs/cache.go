package ipfs

import (
	"container/list"
	"sync"
)

// Cache keeps verified content in memory, least recently used first out,
// within a byte budget. Slices it returns are shared: callers must not modify
// them. Safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	max   int64
	size  int64
	order *list.List // of *cacheEntry, most recent at the front
	items map[CID]*list.Element
}

type cacheEntry struct {
	cid  CID
	data []byte
}

// NewCache returns a cache holding at most maxBytes of content.
func NewCache(maxBytes int64) *Cache {
	return &Cache{max: maxBytes, order: list.New(), items: make(map[CID]*list.Element)}
}

// Get returns the cached content of c, if any.
func (k *Cache) Get(c CID) ([]byte, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	e, ok := k.items[c]
	if !ok {
		return nil, false
	}
	k.order.MoveToFront(e)
	return e.Value.(*cacheEntry).data, true
}

// add records content already verified to hash to c. Content larger than the
// whole budget is not kept.
func (k *Cache) add(c CID, data []byte) {
	n := int64(len(data))
	if n > k.max {
		return
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	if e, ok := k.items[c]; ok {
		k.order.MoveToFront(e)
		return
	}
	for k.size+n > k.max {
		last := k.order.Back()
		ent := last.Value.(*cacheEntry)
		k.order.Remove(last)
		delete(k.items, ent.cid)
		k.size -= int64(len(ent.data))
	}
	k.items[c] = k.order.PushFront(&cacheEntry{cid: c, data: data})
	k.size += n
}

// Len returns the number of cached items.
func (k *Cache) Len() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return len(k.items)
}
