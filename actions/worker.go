package actions

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
	"sync/atomic"
)

// workerEnv marks a process started by a Pool as its worker.
const workerEnv = "FLINT_ACTIONS_WORKER"

// ServeWorkerIfChild makes this process an Action worker if a Pool started it, and then exits;
// otherwise it returns at once. A binary that creates a Pool must call it first thing in main (and a
// test binary in TestMain), because the Pool starts workers by running the binary again.
func ServeWorkerIfChild() {
	if os.Getenv(workerEnv) != "1" {
		servesWorkers.Store(true)
		return
	}
	in, out := os.NewFile(3, "actions-in"), os.NewFile(4, "actions-out")
	if in == nil || out == nil {
		fmt.Fprintln(os.Stderr, "actions worker: missing pipes")
		os.Exit(2)
	}
	// Fenced in before reading a single frame, so no Action ever runs in a worker that is not; one
	// that cannot be fenced in does not serve (the pool reports this line).
	isolation, err := isolateWorker()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	serveWorker(in, out, isolation)
	os.Exit(0)
}

// servesWorkers records that this process called ServeWorkerIfChild.
var servesWorkers atomic.Bool

// ServesWorkers reports whether this process called ServeWorkerIfChild, that is whether a Pool whose
// workers run this binary (the default command) will get working workers. A node that finds it false
// leaves Actions off rather than start copies of a binary that would not serve them.
func ServesWorkers() bool { return servesWorkers.Load() }

// workerConn is the worker's end of the pipe.
type workerConn struct {
	out     *frameWriter
	nextID  atomic.Uint64
	mu      sync.Mutex
	waiting map[uint64]chan *frame
	tree    atomic.Pointer[tree]
}

// serveWorker runs executions one at a time until the pool closes the pipe. isolation says how the
// worker is fenced in, for the pool's log.
func serveWorker(in io.Reader, out io.Writer, isolation string) {
	debug.SetMaxStack(256 << 20)
	runtime.GC()
	baseline := liveHeap()
	c := &workerConn{out: &frameWriter{w: out}, waiting: map[uint64]chan *frame{}}
	if err := c.out.write(&frame{T: "ready", S: protocol, M: isolation}); err != nil {
		return
	}
	execs := make(chan *execMsg, 1)
	go c.read(bufio.NewReader(in), execs)
	for x := range execs {
		resp, err := c.execute(x, baseline)
		_ = c.out.write(&frame{T: "done", S: resp, E: encodeError(err, nil)})
		if errors.Is(err, ErrMemory) {
			return // give the memory back: the pool starts a fresh worker
		}
		if heapObjects() > baseline+64<<20 {
			debug.FreeOSMemory()
		}
	}
}

// read dispatches the pool's frames: executions to the main loop, replies to waiting calls, runOnce
// requests to the current execution.
func (c *workerConn) read(r *bufio.Reader, execs chan<- *execMsg) {
	defer close(execs)
	for {
		f, err := readFrame(r)
		if err != nil {
			return
		}
		switch f.T {
		case "exec":
			execs <- f.X
		case "reply":
			c.mu.Lock()
			ch := c.waiting[f.ID]
			delete(c.waiting, f.ID)
			c.mu.Unlock()
			if ch != nil {
				ch <- f
			}
		case "run":
			go c.runOnce(f)
		case "call":
			// The pool never calls a worker; only a test binary, which sets workerProbe, does.
			if workerProbe != nil {
				go c.probe(f)
			}
		}
	}
}

// workerProbe, set only by this package's tests, lets a test run Go code inside a real, fenced-in
// worker (to show what it cannot read). It is nil in every other binary, and a worker then ignores the
// frame that would run it.
var workerProbe func(method string, arg json.RawMessage) (any, error)

func (c *workerConn) probe(f *frame) {
	reply := &frame{T: "reply", ID: f.ID}
	v, err := workerProbe(f.M, f.A)
	if err != nil {
		reply.E = &wireError{Msg: err.Error()}
	} else if reply.A, err = json.Marshal(v); err != nil {
		reply.E = &wireError{Msg: err.Error()}
	}
	_ = c.out.write(reply)
}

func (c *workerConn) execute(x *execMsg, baseline uint64) (string, error) {
	lim := x.Limits.withDefaults()
	debug.SetMemoryLimit(int64(baseline) + lim.Memory + 32<<20)
	defer debug.SetMemoryLimit(math.MaxInt64)
	if !raceEnabled {
		capAddressSpace(lim.Memory)
	}
	t := newTree(lim, c, httpClient())
	c.tree.Store(t)
	defer c.tree.Store(nil)
	stop := watchMemory(lim.Memory, baseline, func() { t.abort(memoryError(lim)) })
	defer stop()
	return t.execute(context.Background(), &x.Req)
}

func (c *workerConn) runOnce(f *frame) {
	var handle uint64
	t := c.tree.Load()
	reply := &frame{T: "ran", ID: f.ID}
	if err := json.Unmarshal(f.A, &handle); err != nil || t == nil {
		reply.E = &wireError{Msg: "runOnce: no such function"}
	} else if v, err := t.runOnce(t.ctx, handle); err != nil {
		reply.E = encodeError(err, nil)
	} else {
		reply.S = v
	}
	_ = c.out.write(reply)
}

// call is the worker's backend: the session runs in the pool's process.
func (c *workerConn) call(ctx context.Context, by uint64, method string, args, out any) error {
	raw, err := json.Marshal(args)
	if err != nil {
		return err
	}
	id := c.nextID.Add(1)
	ch := make(chan *frame, 1)
	c.mu.Lock()
	c.waiting[id] = ch
	c.mu.Unlock()
	defer func() {
		c.mu.Lock()
		delete(c.waiting, id)
		c.mu.Unlock()
	}()
	if err := c.out.write(&frame{T: "call", ID: id, By: by, M: method, A: raw}); err != nil {
		return err
	}
	select {
	case f := <-ch:
		if f.E != nil {
			return decodeError(f.E, nil)
		}
		if out == nil || len(f.A) == 0 {
			return nil
		}
		return json.Unmarshal(f.A, out)
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (c *workerConn) log(text string) { _ = c.out.write(&frame{T: "log", S: text}) }
