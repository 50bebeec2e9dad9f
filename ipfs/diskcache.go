package ipfs

import (
	"container/list"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"
)

// DiskCache keeps content fetched from gateways on local disk within a byte
// quota, least recently used first out. Unlike a Store, whose content an
// operator put there and which is never deleted, a DiskCache holds what
// strangers asked for: without a quota, every CID a caller names would stay
// on the node's disk for ever. Use order survives a restart through the
// files' modification times. Safe for concurrent use.
type DiskCache struct {
	st  *Store
	max int64

	mu    sync.Mutex
	size  int64
	order *list.List // of *diskEntry, most recently used at the front
	items map[CID]*list.Element
}

type diskEntry struct {
	cid  CID
	size int64
}

// OpenDiskCache opens (creating if needed) a cache rooted at dir holding at
// most maxBytes (> 0). Files that are not cache entries (leftover temporary
// files of a crash) are removed; if the directory holds more than the quota
// (the quota was lowered), the least recently used entries go at once.
func OpenDiskCache(dir string, maxBytes int64) (*DiskCache, error) {
	if maxBytes <= 0 {
		return nil, fmt.Errorf("ipfs: disk cache quota must be > 0 bytes, got %d", maxBytes)
	}
	st, err := OpenStore(dir)
	if err != nil {
		return nil, err
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("ipfs: open disk cache: %w", err)
	}
	type found struct {
		diskEntry
		used time.Time
	}
	var all []found
	for _, e := range ents {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		c, perr := Parse(e.Name())
		if perr != nil || c.String() != e.Name() {
			if strings.HasPrefix(e.Name(), ".tmp-") {
				_ = os.Remove(filepath.Join(dir, e.Name()))
			}
			continue
		}
		all = append(all, found{diskEntry{c, info.Size()}, info.ModTime()})
	}
	// Oldest first, so that pushing each to the front leaves the newest there.
	slices.SortFunc(all, func(a, b found) int { return a.used.Compare(b.used) })
	k := &DiskCache{st: st, max: maxBytes, order: list.New(), items: map[CID]*list.Element{}}
	for _, f := range all {
		k.items[f.cid] = k.order.PushFront(&diskEntry{f.cid, f.size})
		k.size += f.size
	}
	k.mu.Lock()
	k.evictLocked(0)
	k.mu.Unlock()
	return k, nil
}

// Get returns the content of c, verified, and marks it used. It fails with
// ErrNotFound, ErrTooLarge (over maxSize; ≤ 0: no limit) or ErrMismatch (the
// file no longer hashes to c: it is removed).
func (k *DiskCache) Get(c CID, maxSize int64) ([]byte, error) {
	data, err := k.st.Get(c, maxSize)
	switch {
	case errors.Is(err, ErrMismatch):
		k.remove(c)
		return nil, err
	case err != nil:
		return nil, err
	}
	k.mu.Lock()
	if e, ok := k.items[c]; ok {
		k.order.MoveToFront(e)
	}
	k.mu.Unlock()
	// Best effort: the order in memory is what counts while running.
	now := time.Now()
	_ = os.Chtimes(k.st.path(c), now, now)
	return data, nil
}

// put keeps content already verified to hash to c, evicting the least
// recently used entries to stay within the quota. Content larger than the
// whole quota is not kept.
func (k *DiskCache) put(c CID, data []byte) error {
	n := int64(len(data))
	if n > k.max {
		return nil
	}
	k.mu.Lock()
	if e, ok := k.items[c]; ok {
		k.order.MoveToFront(e)
		k.mu.Unlock()
		return nil
	}
	// Make room first, so the directory never holds more than the quota
	// plus the file being written.
	k.evictLocked(n)
	k.items[c] = k.order.PushFront(&diskEntry{c, n})
	k.size += n
	k.mu.Unlock()
	if err := k.st.putVerified(c, data); err != nil {
		k.remove(c)
		return err
	}
	return nil
}

// evictLocked removes least recently used entries until room more bytes fit.
func (k *DiskCache) evictLocked(room int64) {
	for k.size+room > k.max && k.order.Len() > 0 {
		last := k.order.Back()
		ent := last.Value.(*diskEntry)
		k.order.Remove(last)
		delete(k.items, ent.cid)
		k.size -= ent.size
		// A file that cannot be removed stays, uncounted, until the next
		// open, which enforces the quota again.
		_ = os.Remove(k.st.path(ent.cid))
	}
}

func (k *DiskCache) remove(c CID) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if e, ok := k.items[c]; ok {
		k.order.Remove(e)
		delete(k.items, c)
		k.size -= e.Value.(*diskEntry).size
	}
	_ = os.Remove(k.st.path(c))
}

// Size returns the bytes the cache holds and how many entries.
func (k *DiskCache) Size() (bytes int64, entries int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.size, len(k.items)
}
