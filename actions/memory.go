package actions

import (
	"runtime"
	"runtime/metrics"
	"sync"
	"time"
)

// memoryPoll is how often the watchdog looks at the heap.
const memoryPoll = 5 * time.Millisecond

// liveHeap returns the bytes of heap objects the last garbage collection found reachable.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// heapObjects returns the bytes of heap objects now, reachable or not yet collected.
func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// watchMemory calls breach (once) when the process's live heap exceeds baseline+limit. It polls the
// heap; when the heap, garbage included, passes the mark it forces a collection to learn what is live,
// so an Action that allocates much garbage is not mistaken for one that keeps it. stop ends the watch.
func watchMemory(limit int64, baseline uint64, breach func()) (stop func()) {
	mark := baseline + uint64(limit)
	done := make(chan struct{})
	var once sync.Once
	go func() {
		tick := time.NewTicker(memoryPoll)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			if heapObjects() <= mark {
				continue
			}
			if liveHeap() <= mark {
				runtime.GC()
				if liveHeap() <= mark {
					continue
				}
			}
			select {
			case <-done:
			default:
				breach()
			}
			return
		}
	}()
	return func() { once.Do(func() { close(done) }) }
}
