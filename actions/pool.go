package actions

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// PoolConfig configures a Pool.
type PoolConfig struct {
	Size    int          // worker processes, i.e. executions at once; default 4
	Command []string     // how to start a worker; default this executable, which calls ServeWorkerIfChild
	Logger  *slog.Logger // default slog.Default()
	// QueueWait bounds how long an execution waits for a free worker before
	// it is refused with ErrBusy; default 10 s.
	QueueWait time.Duration
	// User is the user workers run as when this process is root, as
	// "uid:gid" (numbers, not root); default "65534:65534", nobody. Only
	// root can switch users: the workers of any other user run as it. A
	// configured Command must be executable by this user.
	User string
}

// Pool runs Actions in worker processes, one execution per worker at a time, so that an Action that
// exhausts its memory ends its worker rather than the node (see the package doc). The Host and the
// session that records shares stay in the pool's process; the worker reaches them through a pipe.
type Pool struct {
	cfg   PoolConfig
	log   *slog.Logger
	slots chan struct{}
	path  string               // the worker binary: cfg.Command[0], or /proc/self/exe by default
	attr  *syscall.SysProcAttr // the worker's user
	as    string               // "uid:gid" when attr switches users, for errors

	mu     sync.Mutex
	idle   []*worker
	closed bool
}

// backstop is how long a pool waits past Limits.Timeout for a worker that has stopped answering.
const backstop = 5 * time.Second

// startTimeout bounds a worker's start, up to its first frame.
const startTimeout = 20 * time.Second

// maxAge retires a worker once it has been up this long. Landlock pins the resolver's files as they
// were when the worker started, so a worker would not see an /etc/resolv.conf replaced since (DHCP,
// systemd-resolved); nor CA roots updated since, which it loaded at start.
const maxAge = 15 * time.Minute

var errStarted = errors.New("actions: this process is a Pool's worker but did not call ServeWorkerIfChild")

// NewPool starts a pool. It starts one worker before returning, to check the command, and the others
// in the background.
func NewPool(cfg PoolConfig) (*Pool, error) {
	if os.Getenv(workerEnv) != "" {
		// A worker binary that forgot ServeWorkerIfChild would otherwise start workers of its own.
		return nil, errStarted
	}
	if cfg.Size <= 0 {
		cfg.Size = 4
	}
	if cfg.QueueWait <= 0 {
		cfg.QueueWait = 10 * time.Second
	}
	user, err := parseUser(cfg.User)
	if err != nil {
		return nil, err
	}
	p := &Pool{cfg: cfg, log: cfg.Logger, slots: make(chan struct{}, cfg.Size)}
	if p.log == nil {
		p.log = slog.Default()
	}
	if len(cfg.Command) == 0 {
		var argv0 string
		p.path, argv0 = defaultCommand()
		p.cfg.Command = []string{argv0}
	} else {
		p.path = cfg.Command[0]
	}
	var switched bool
	p.attr, switched = workerSysProcAttr(user)
	if switched {
		p.as = fmt.Sprintf("%d:%d", user.uid, user.gid)
	}
	w, err := p.spawn()
	if err != nil {
		return nil, err
	}
	if switched {
		p.log.Info("actions: workers run as another user, with an empty environment", "worker", w.isolation)
	} else {
		// Said once, at start: the node's data directory and /proc/<node>/environ are then closed to
		// workers by Landlock alone, which an old kernel lacks (the worker field names the ABI).
		p.log.Warn("actions: this process is not root, so workers run as its own user, fenced in only by Landlock and an empty environment", "worker", w.isolation)
	}
	p.idle = append(p.idle, w)
	for i := 1; i < cfg.Size; i++ {
		go p.replenish()
	}
	return p, nil
}

// Close stops the idle workers; running executions finish and their workers stop then.
func (p *Pool) Close() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	for _, w := range p.idle {
		w.kill()
	}
	p.idle = nil
	return nil
}

// Run runs req in a worker and returns its Result; on failure the Result still holds the logs.
func (p *Pool) Run(ctx context.Context, host Host, req *Request, lim Limits) (*Result, error) {
	lim = lim.withDefaults()
	s := newSession(host, lim, req.CID)
	if len(req.Code) > lim.CodeSize {
		return s.failed(), limitErr(ErrCodeSize, "Code payload is too large (%d bytes). Max length is %d bytes.", len(req.Code), lim.CodeSize)
	}
	for _, raw := range []json.RawMessage{req.Params, req.Auth} {
		if len(raw) > 0 && !json.Valid(raw) {
			return s.failed(), fmt.Errorf("%w: not valid JSON", ErrInvalidParams)
		}
	}
	queued := time.NewTimer(p.cfg.QueueWait)
	select {
	case p.slots <- struct{}{}:
		queued.Stop()
	case <-queued.C:
		return s.failed(), fmt.Errorf("%w: all %d workers stayed busy for %s", ErrBusy, p.cfg.Size, p.cfg.QueueWait)
	case <-ctx.Done():
		queued.Stop()
		return s.failed(), ctx.Err()
	}
	defer func() { <-p.slots }()
	start := time.Now()
	w, err := p.get()
	if err != nil {
		return s.failed(), err
	}
	resp, err, reuse := w.run(ctx, s, req, lim)
	held := time.Since(start)
	p.put(w, reuse)
	res, err := s.finish(resp, err)
	res.WorkerTime = held
	return res, err
}

func (p *Pool) get() (*worker, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, fmt.Errorf("%w: pool closed", ErrWorker)
	}
	var w *worker
	var old []*worker
	for n := len(p.idle); n > 0 && w == nil; n = len(p.idle) {
		w = p.idle[n-1]
		p.idle = p.idle[:n-1]
		if w.expired() {
			old, w = append(old, w), nil
		}
	}
	p.mu.Unlock()
	for _, o := range old {
		o.kill()
		go p.replenish()
	}
	if w != nil {
		return w, nil
	}
	return p.spawn()
}

func (p *Pool) put(w *worker, reuse bool) {
	p.mu.Lock()
	if reuse && !w.expired() && !p.closed && len(p.idle) < p.cfg.Size {
		p.idle = append(p.idle, w)
		p.mu.Unlock()
		return
	}
	closed := p.closed
	p.mu.Unlock()
	w.kill()
	if !closed {
		go p.replenish()
	}
}

// replenish starts a worker for the idle list, keeping the pool warm after one was discarded.
func (p *Pool) replenish() {
	w, err := p.spawn()
	if err != nil {
		p.log.Warn("actions: cannot start a worker", "err", err)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed || len(p.idle) >= p.cfg.Size {
		w.kill()
		return
	}
	p.idle = append(p.idle, w)
}

// worker is the pool's handle on one worker process.
type worker struct {
	cmd       *exec.Cmd
	started   time.Time
	isolation string // how the worker says it is fenced in (isolateWorker)
	out       *frameWriter
	frames    chan *frame   // closed when the pipe from the worker ends
	exited    chan struct{} // closed when the process has exited
	crash     *crashLine
	log       *slog.Logger
	runID     atomic.Uint64
	killed    sync.Once

	killedByPool atomic.Bool
}

func (p *Pool) spawn() (*worker, error) {
	toChildR, toChildW, err := os.Pipe()
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrWorker, err)
	}
	fromChildR, fromChildW, err := os.Pipe()
	if err != nil {
		toChildR.Close()
		toChildW.Close()
		return nil, fmt.Errorf("%w: %v", ErrWorker, err)
	}
	cmd := &exec.Cmd{Path: p.path, Args: p.cfg.Command}
	// Nothing of the node's environment, which may hold its keys (FLINT_STORE_KEY, …): only the mark
	// that makes the binary a worker. The worker needs no variable (no proxy, no SSL_CERT_FILE: fetch
	// uses the system's roots and connects directly).
	cmd.Env = []string{workerEnv + "=1"}
	cmd.Dir = "/" // not the node's working directory, which may be its data directory
	cmd.SysProcAttr = p.attr
	cmd.ExtraFiles = []*os.File{toChildR, fromChildW}
	crash := &crashLine{}
	cmd.Stderr = crash
	w := &worker{cmd: cmd, started: time.Now(), out: &frameWriter{w: toChildW}, frames: make(chan *frame, 64), exited: make(chan struct{}), crash: crash, log: p.log}
	err = cmd.Start()
	toChildR.Close()
	fromChildW.Close()
	if err != nil {
		toChildW.Close()
		fromChildR.Close()
		switch {
		case p.as != "" && errors.Is(err, syscall.EACCES):
			return nil, fmt.Errorf("%w: start %s as %s: %w (the worker user must be allowed to execute it)", ErrWorker, p.path, p.as, err)
		case p.as != "":
			return nil, fmt.Errorf("%w: start %s as %s: %w", ErrWorker, p.path, p.as, err)
		}
		return nil, fmt.Errorf("%w: start: %w", ErrWorker, err)
	}
	go func() {
		_ = cmd.Wait()
		toChildW.Close()
		close(w.exited)
	}()
	go func() {
		defer close(w.frames)
		defer fromChildR.Close()
		r := bufio.NewReader(fromChildR)
		for {
			f, err := readFrame(r)
			if err != nil {
				return
			}
			w.frames <- f
		}
	}()
	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	select {
	case f, ok := <-w.frames:
		if ok && f.T == "ready" && f.S == protocol {
			w.isolation = f.M
			return w, nil
		}
	case <-timer.C:
	}
	w.kill()
	select {
	case <-w.exited:
	case <-time.After(2 * time.Second):
	}
	why := ""
	if c := w.crash.get(); c != "" {
		why = ": " + c
	}
	return nil, fmt.Errorf("%w: %s did not start as an Action worker (does it call actions.ServeWorkerIfChild?)%s", ErrWorker, p.cfg.Command[0], why)
}

// expired reports whether the worker is past maxAge and should be replaced.
func (w *worker) expired() bool { return time.Since(w.started) > maxAge }

// oomKilled reports whether something other than the pool killed the worker with SIGKILL: the
// kernel's out-of-memory killer.
func (w *worker) oomKilled() bool {
	ws, ok := w.cmd.ProcessState.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL && !w.killedByPool.Load()
}

func (w *worker) kill() {
	w.killedByPool.Store(true)
	w.killed.Do(func() {
		if w.cmd.Process != nil {
			_ = w.cmd.Process.Kill()
		}
	})
}

// run runs one execution on the worker. reuse reports whether the worker may run another.
func (w *worker) run(ctx context.Context, s *session, req *Request, lim Limits) (resp string, err error, reuse bool) {
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	refs := &refTable{m: map[uint64]error{}}
	cb := &runOnceProxy{w: w, waiting: map[uint64]chan *frame{}}
	if err := w.out.write(&frame{T: "exec", X: &execMsg{Req: *req, Limits: lim}}); err != nil {
		return "", fmt.Errorf("%w: %v", ErrWorker, err), false
	}
	deadline := time.NewTimer(lim.Timeout + backstop)
	defer deadline.Stop()
	for {
		select {
		case f, ok := <-w.frames:
			if !ok {
				return "", w.crashed(lim), false
			}
			switch f.T {
			case "call":
				go func() {
					v, err := s.dispatch(runCtx, f.By, f.M, f.A, cb)
					reply := &frame{T: "reply", ID: f.ID, A: v}
					if err != nil {
						reply.E = encodeError(err, refs.add)
					}
					_ = w.out.write(reply)
				}()
			case "log":
				s.addLog(f.S)
			case "ran":
				cb.deliver(f)
			case "done":
				err := decodeError(f.E, refs.get)
				return f.S, err, !errors.Is(err, ErrMemory)
			}
		case <-ctx.Done():
			w.kill()
			return "", ctx.Err(), false
		case <-deadline.C:
			w.kill()
			return "", limitErr(ErrTimeout, "Your function exceeded the maximum runtime of %dms and was terminated.", lim.Timeout.Milliseconds()), false
		}
	}
}

// crashed explains a worker that died during an execution.
func (w *worker) crashed(lim Limits) error {
	select {
	case <-w.exited:
	case <-time.After(2 * time.Second):
		w.kill()
		<-w.exited
	}
	if w.crash.memory() || w.oomKilled() {
		return memoryError(lim)
	}
	w.log.Warn("actions: worker died", "crash", w.crash.get(), "state", w.cmd.ProcessState.String())
	return fmt.Errorf("%w: the worker died (%s)", ErrWorker, w.cmd.ProcessState.String())
}

// refTable keeps the Host errors sent to a worker, so the error the execution ends with is the Host's
// own value, for errors.Is/As.
type refTable struct {
	mu   sync.Mutex
	next uint64
	m    map[uint64]error
}

func (t *refTable) add(err error) uint64 {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.next++
	t.m[t.next] = err
	return t.next
}

func (t *refTable) get(id uint64) error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.m[id]
}

// runOnceProxy runs runOnce functions in the worker for the Host.
type runOnceProxy struct {
	w       *worker
	mu      sync.Mutex
	waiting map[uint64]chan *frame
}

func (r *runOnceProxy) runOnce(ctx context.Context, handle uint64) (string, error) {
	id := r.w.runID.Add(1)
	ch := make(chan *frame, 1)
	r.mu.Lock()
	r.waiting[id] = ch
	r.mu.Unlock()
	defer func() {
		r.mu.Lock()
		delete(r.waiting, id)
		r.mu.Unlock()
	}()
	arg, _ := json.Marshal(handle)
	if err := r.w.out.write(&frame{T: "run", ID: id, A: arg}); err != nil {
		return "", fmt.Errorf("%w: %v", ErrWorker, err)
	}
	select {
	case f := <-ch:
		if f.E != nil {
			return "", decodeError(f.E, nil)
		}
		return f.S, nil
	case <-ctx.Done():
		return "", ctx.Err()
	case <-r.w.exited:
		return "", fmt.Errorf("%w: the worker died", ErrWorker)
	}
}

func (r *runOnceProxy) deliver(f *frame) {
	r.mu.Lock()
	ch := r.waiting[f.ID]
	r.mu.Unlock()
	if ch != nil {
		ch <- f
	}
}

// crashLine keeps the head of a worker's stderr (which only the Go runtime writes to, when it dies) and
// its first "fatal error:" line: a crash dump can be long, and those say why.
type crashLine struct {
	mu    sync.Mutex
	head  []byte
	fatal string
	buf   []byte
}

const crashHead = 2048

func (c *crashLine) Write(b []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if room := crashHead - len(c.head); room > 0 {
		c.head = append(c.head, b[:min(room, len(b))]...)
	}
	if c.fatal != "" {
		return len(b), nil
	}
	c.buf = append(c.buf, b...)
	for {
		i := bytes.IndexByte(c.buf, '\n')
		if i < 0 {
			if len(c.buf) > 4096 {
				c.buf = c.buf[len(c.buf)-4096:]
			}
			return len(b), nil
		}
		line := c.buf[:i]
		c.buf = c.buf[i+1:]
		if bytes.HasPrefix(line, []byte("fatal error:")) {
			c.fatal = string(line)
			c.buf = nil
			return len(b), nil
		}
	}
}

// get returns the fatal error line, or else the first line of the head.
func (c *crashLine) get() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.fatal != "" {
		return c.fatal
	}
	first, _, _ := bytes.Cut(c.head, []byte("\n"))
	return string(first)
}

// memory reports whether the crash was the runtime running out of memory (or stack).
func (c *crashLine) memory() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	// Past its address-space cap the runtime fails where it next maps memory: the heap, a goroutine
	// stack or a thread's stack (cgo's pthread_create).
	for _, s := range []string{"out of memory", "cannot allocate memory", "stack overflow", "stack exceeds",
		"failed to create new OS thread", "pthread_create failed", "Resource temporarily unavailable"} {
		if strings.Contains(c.fatal, s) || bytes.Contains(c.head, []byte(s)) {
			return true
		}
	}
	return false
}
