package actions

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"
)

// maxCallStack bounds JavaScript recursion; past it the Action gets a RangeError instead of growing the
// goroutine's stack without end. V8 allows about ten thousand frames; goja unwinds a deep stack slowly.
const maxCallStack = 5000

// backend carries the calls that need the node. In process it is the session itself; in a worker it is
// the pipe to the pool, which runs the same session. Methods and arguments are those of session.dispatch;
// by is the calling Action's frame id.
type backend interface {
	call(ctx context.Context, by uint64, method string, args, out any) error
	log(text string)
}

// tree is one execution: an Action and the child Actions it calls, all run in this process.
type tree struct {
	lim     Limits
	backend backend
	fetch   *fetcher        // fetch's client and egress policy, from lim.Egress
	parent  context.Context // the caller's
	ctx     context.Context // the caller's, bounded by Limits.Timeout
	auth    json.RawMessage // Lit.Auth of the request, given to children too
	call    *Call           // the function the top-level Action's response comes from, or nil

	fetches    atomic.Int64
	fetchBytes atomic.Int64 // response bytes read by every fetch of the tree, against lim.FetchBytes

	mu       sync.Mutex
	runtimes map[*goja.Runtime]struct{}
	abortErr error
	logBytes int
	response string
	handles  map[uint64]*onceFn
	handleID uint64
}

// onceFn is a runOnce function waiting for the host to run it.
type onceFn struct {
	x  *execution
	fn goja.Value
}

// newTree starts an execution. client gives the transport settings of fetch; the connections fetch makes
// are checked against lim.Egress.
func newTree(lim Limits, b backend, client *http.Client) *tree {
	return &tree{
		lim:      lim,
		backend:  b,
		fetch:    fetcherFor(client, lim.Egress),
		runtimes: make(map[*goja.Runtime]struct{}),
		handles:  make(map[uint64]*onceFn),
	}
}

// execute runs req as the top-level Action and returns the response it set.
func (t *tree) execute(ctx context.Context, req *Request) (string, error) {
	t.parent = ctx
	ctx, cancel := context.WithTimeout(ctx, t.lim.Timeout)
	defer cancel()
	t.ctx = ctx
	stop := context.AfterFunc(ctx, func() { t.abort(t.ctxError()) })
	defer stop()
	// A child Action may still run when its parent has failed; stop it with the execution.
	defer t.abort(errEnded)
	t.auth = req.Auth
	if req.Call != nil {
		if err := req.Call.check(); err != nil {
			return "", err
		}
		t.call = req.Call
	}

	var stack []string
	if req.CID != "" {
		stack = []string{req.CID}
	}
	resp, err := t.runAction(req.Code, req.CID, req.Params, req.Auth, stack, 0, 0)
	if err != nil {
		if ctx.Err() != nil {
			t.abort(t.ctxError()) // the AfterFunc may not have run yet
		}
		if aerr := t.aborted(); aerr != nil {
			err = aerr
		}
		return "", err
	}
	if t.call != nil {
		return resp, nil // what the function returned, whatever setResponse was given
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.response, nil
}

var errEnded = errors.New("actions: the execution has ended")

// ctxError is why the execution's context ended: the timeout limit, or the caller's cancellation.
func (t *tree) ctxError() error {
	if err := t.parent.Err(); err != nil {
		return err
	}
	if errors.Is(t.ctx.Err(), context.DeadlineExceeded) {
		return limitErr(ErrTimeout, "Your function exceeded the maximum runtime of %dms and was terminated.", t.lim.Timeout.Milliseconds())
	}
	return t.ctx.Err()
}

// abort stops every runtime of the tree with err; the first reason wins.
func (t *tree) abort(err error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.abortErr != nil {
		return
	}
	t.abortErr = err
	for rt := range t.runtimes {
		rt.Interrupt(err)
	}
}

func (t *tree) aborted() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.abortErr
}

func (t *tree) addRuntime(rt *goja.Runtime) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.runtimes[rt] = struct{}{}
	if t.abortErr != nil {
		rt.Interrupt(t.abortErr)
	}
}

func (t *tree) removeRuntime(rt *goja.Runtime) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.runtimes, rt)
}

// addLog accounts for text against the log limit and hands it to the backend.
func (t *tree) addLog(text string) error {
	t.mu.Lock()
	if t.logBytes+len(text) > t.lim.LogSize {
		t.mu.Unlock()
		return limitErr(ErrLogSize, "Console.log is printing something that is too long. Max length for all logs in a single request is %d bytes", t.lim.LogSize)
	}
	t.logBytes += len(text)
	t.mu.Unlock()
	t.backend.log(text)
	return nil
}

// runAction runs one Action in a fresh runtime at the given depth and returns the response it set.
// frameID is the session's id of the Action, which its host calls name.
func (t *tree) runAction(code []byte, cid string, params, auth json.RawMessage, stack []string, depth int, frameID uint64) (string, error) {
	if len(code) > t.lim.CodeSize {
		return "", limitErr(ErrCodeSize, "Code payload is too large (%d bytes). Max length is %d bytes.", len(code), t.lim.CodeSize)
	}
	name := "action.js"
	if cid != "" {
		name = cid + ".js"
	}
	// Source maps off: goja would otherwise read the file a script's
	// sourceMappingURL names, on this machine.
	ast, err := goja.Parse(name, string(code), parser.WithDisableSourceMaps)
	if err != nil {
		return "", syntaxError(err)
	}
	prog, err := goja.CompileAST(ast, false)
	if err != nil {
		return "", syntaxError(err)
	}
	x := &execution{
		t:       t,
		rt:      goja.New(),
		cid:     cid,
		frameID: frameID,
		depth:   depth,
		stack:   stack,
		causes:  make(map[*goja.Object]error),
		loop:    loop{jobs: make(chan job, 16), done: make(chan struct{})},
	}
	if depth == 0 {
		x.call = t.call
	}
	defer close(x.loop.done)
	defer x.stopTimers()
	t.addRuntime(x.rt)
	defer t.removeRuntime(x.rt)
	if err := x.setup(params, auth); err != nil {
		return "", err
	}
	if err := x.run(prog); err != nil {
		return "", err
	}
	if x.call != nil {
		return x.callResult()
	}
	return x.response, nil
}

// runOnce runs the runOnce function behind handle on its execution's loop and waits for its result.
func (t *tree) runOnce(ctx context.Context, handle uint64) (string, error) {
	t.mu.Lock()
	h := t.handles[handle]
	t.mu.Unlock()
	if h == nil {
		return "", fmt.Errorf("runOnce: unknown function %d", handle)
	}
	return h.x.callAsync(ctx, h.fn)
}

// job is work for an execution's loop. A job that settles an asynchronous operation ends it.
type job struct {
	fn      func() error
	settles bool
}

// loop is the event loop of one execution: the jobs that goroutines post back (settling host calls,
// firing timers) and the number of operations still outstanding.
type loop struct {
	jobs    chan job
	done    chan struct{}
	pending int
}

// post hands j to the loop; it reports false if the execution has ended.
func (l *loop) post(j job) bool {
	select {
	case l.jobs <- j:
		return true
	case <-l.done:
		return false
	}
}

// execution is one Action running in one runtime. Its fields are used on the loop goroutine only.
type execution struct {
	t        *tree
	rt       *goja.Runtime
	cid      string
	frameID  uint64 // the session's id of this Action
	depth    int
	children int // Lit.Actions.call calls so far, which number the children
	stack    []string
	loop     loop
	response string

	call        *Call         // the function to call after the top level (the top-level Action only)
	callPromise *goja.Promise // what calling it gave

	causes    map[*goja.Object]error
	rejected  []*goja.Promise
	ctors     ctors
	timers    map[int64]*timer
	nextTimer int64
}

// ctors are the constructors the runtime builds values with, taken before the Action can replace them.
type ctors struct {
	uint8Array, errorCtor, typeError, rangeError goja.Value
	jsonParse, jsonStringify, isView             goja.Callable
}

// run runs the program, then the loop until no operation is outstanding and no job is left.
func (x *execution) run(prog *goja.Program) error {
	if _, err := x.rt.RunProgram(prog); err != nil {
		return x.failure(err)
	}
	if x.call != nil {
		if err := x.startCall(); err != nil {
			return x.failure(err)
		}
	}
	if err := x.checkRejections(); err != nil {
		return err
	}
	for x.loop.pending > 0 {
		select {
		case j := <-x.loop.jobs:
			if j.settles {
				x.loop.pending--
			}
			if err := j.fn(); err != nil {
				return x.failure(err)
			}
			if err := x.checkRejections(); err != nil {
				return err
			}
		case <-x.t.ctx.Done():
			x.t.abort(x.t.ctxError())
			return x.t.aborted()
		}
	}
	return nil
}

// async starts an operation whose work runs on its own goroutine; the function work returns runs back
// on the loop to produce the promise's value.
func (x *execution) async(work func(ctx context.Context) func() (goja.Value, error)) goja.Value {
	p, resolve, reject := x.rt.NewPromise()
	x.loop.pending++
	ctx := x.t.ctx
	// The error of a failed operation is made on the loop later, with no JavaScript on the stack; give
	// it the stack of the call that started the operation.
	frames := x.rt.CaptureCallStack(16, nil)
	go func() {
		settle := work(ctx)
		x.loop.post(job{settles: true, fn: func() error {
			v, err := settle()
			if err != nil {
				e := x.errorValue(err)
				if obj, ok := e.(*goja.Object); ok {
					_ = obj.Set("stack", describeValue(obj)+"\n"+formatFrames(frames))
				}
				return reject(e)
			}
			return resolve(v)
		}})
	}()
	return x.rt.ToValue(p)
}

// resolved returns a promise already settled with v or err, for operations done synchronously.
func (x *execution) resolved(v goja.Value, err error) goja.Value {
	p, resolve, reject := x.rt.NewPromise()
	if err != nil {
		x.check(reject(x.errorValue(err)))
	} else {
		x.check(resolve(v))
	}
	return x.rt.ToValue(p)
}

// check re-raises an uncatchable error (an interrupt) from a promise resolver.
func (x *execution) check(err error) {
	if err != nil {
		panic(err)
	}
}

// callAsync runs fn on the loop from another goroutine, waits for the promise it returns and gives its
// value as a string. The caller holds an outstanding operation, so the loop is running.
func (x *execution) callAsync(ctx context.Context, fn goja.Value) (string, error) {
	type outcome struct {
		v   string
		err error
	}
	done := make(chan outcome, 1)
	finish := func(o outcome) {
		select {
		case done <- o:
		default:
		}
	}
	ok := x.loop.post(job{fn: func() error {
		f, ok := goja.AssertFunction(fn)
		if !ok {
			finish(outcome{err: errors.New("runOnce: not a function")})
			return nil
		}
		v, err := f(goja.Undefined())
		if err != nil {
			var ex *goja.Exception
			if errors.As(err, &ex) {
				finish(outcome{err: x.exceptionError(ex.Value(), ex)})
				return nil
			}
			finish(outcome{err: err})
			return err
		}
		then, ok := goja.AssertFunction(v.ToObject(x.rt).Get("then"))
		if !ok {
			finish(outcome{v: v.String()})
			return nil
		}
		_, err = then(v,
			x.rt.ToValue(func(c goja.FunctionCall) goja.Value {
				finish(outcome{v: c.Argument(0).String()})
				return goja.Undefined()
			}),
			x.rt.ToValue(func(c goja.FunctionCall) goja.Value {
				finish(outcome{err: x.exceptionError(c.Argument(0), nil)})
				return goja.Undefined()
			}))
		return err
	}})
	if !ok {
		return "", errors.New("runOnce: the Action has ended")
	}
	select {
	case o := <-done:
		return o.v, o.err
	case <-ctx.Done():
		return "", ctx.Err()
	case <-x.loop.done:
		return "", errors.New("runOnce: the Action has ended")
	}
}

// trackRejection keeps the promises rejected with no handler; Deno fails an Action that leaves one
// unhandled at the end of a turn, and so does this runtime.
func (x *execution) trackRejection(p *goja.Promise, op goja.PromiseRejectionOperation) {
	switch op {
	case goja.PromiseRejectionReject:
		x.rejected = append(x.rejected, p)
	case goja.PromiseRejectionHandle:
		for i, q := range x.rejected {
			if q == p {
				x.rejected = append(x.rejected[:i], x.rejected[i+1:]...)
				break
			}
		}
	}
}

func (x *execution) checkRejections() error {
	if len(x.rejected) == 0 {
		return nil
	}
	p := x.rejected[0]
	x.rejected = nil
	se := x.exceptionError(p.Result(), nil)
	se.Message = "(in promise) " + se.Message
	return se
}

// failure turns an error out of goja into the execution's error.
func (x *execution) failure(err error) error {
	var interrupted *goja.InterruptedError
	if errors.As(err, &interrupted) {
		if cause, ok := interrupted.Value().(error); ok {
			return cause
		}
		return fmt.Errorf("interrupted: %v", interrupted.Value())
	}
	var overflow *goja.StackOverflowError
	if errors.As(err, &overflow) {
		return &ScriptError{Message: "RangeError: Maximum call stack size exceeded", Stack: formatFrames(overflow.Stack())}
	}
	var ex *goja.Exception
	if errors.As(err, &ex) {
		return x.exceptionError(ex.Value(), ex)
	}
	var se *ScriptError
	if errors.As(err, &se) {
		return err
	}
	if aerr := x.t.aborted(); aerr != nil {
		return aerr
	}
	return err
}

// exceptionError describes a thrown value; ex, if known, gives the stack where it was thrown.
func (x *execution) exceptionError(v goja.Value, ex *goja.Exception) *ScriptError {
	se := &ScriptError{Message: describeValue(v)}
	if obj, ok := v.(*goja.Object); ok {
		se.Err = x.causes[obj]
		if s := obj.Get("stack"); s != nil && !goja.IsUndefined(s) && !goja.IsNull(s) {
			se.Stack = cleanStack(s.String())
		}
	}
	if se.Stack == "" && ex != nil {
		se.Stack = formatFrames(ex.Stack())
	}
	return se
}

// errorValue makes the JavaScript error an operation rejects or throws with, remembering the Go cause.
func (x *execution) errorValue(err error) goja.Value {
	ctor := x.ctors.errorCtor
	var te *typeErr
	if errors.As(err, &te) {
		ctor = x.ctors.typeError
	}
	var re *rangeErr
	if errors.As(err, &re) {
		ctor = x.ctors.rangeError
	}
	obj, nerr := x.rt.New(ctor, x.rt.ToValue(err.Error()))
	if nerr != nil {
		return x.rt.ToValue(err.Error())
	}
	x.causes[obj] = err
	return obj
}

// throw raises err in JavaScript from inside a Go function called by the Action.
func (x *execution) throw(err error) {
	panic(x.errorValue(err))
}

// typeErr and rangeErr are errors thrown as TypeError and RangeError.
type typeErr struct{ msg string }

func (e *typeErr) Error() string { return e.msg }

type rangeErr struct{ msg string }

func (e *rangeErr) Error() string { return e.msg }

func typeError(format string, args ...any) error  { return &typeErr{fmt.Sprintf(format, args...)} }
func rangeError(format string, args ...any) error { return &rangeErr{fmt.Sprintf(format, args...)} }

func syntaxError(err error) error {
	msg := err.Error()
	var ce *goja.CompilerSyntaxError
	if errors.As(err, &ce) {
		msg = ce.Error()
	}
	return &ScriptError{Message: "SyntaxError: " + msg}
}

// describeValue renders a thrown value the way an uncaught exception is printed: errors as "Name: message".
func describeValue(v goja.Value) string {
	if v == nil {
		return "undefined"
	}
	if obj, ok := v.(*goja.Object); ok {
		name, msg := obj.Get("name"), obj.Get("message")
		if name != nil && msg != nil && !goja.IsUndefined(name) && !goja.IsUndefined(msg) {
			if m := msg.String(); m != "" {
				return name.String() + ": " + m
			}
			return name.String()
		}
	}
	return v.String()
}

// maxFrames is how much of a stack an error keeps, as V8's default.
const maxFrames = 10

var pcSuffix = regexp.MustCompile(`:(\d+):(\d+)\(\d+\)`)

// cleanStack turns goja's "stack" property into "at …" lines without goja's program counters.
func cleanStack(s string) string {
	var out []string
	for len(s) > 0 && len(out) < maxFrames {
		var l string
		l, s, _ = strings.Cut(s, "\n")
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "at ") {
			out = append(out, "    "+pcSuffix.ReplaceAllString(l, ":$1:$2"))
		}
	}
	return strings.Join(out, "\n")
}

func formatFrames(frames []goja.StackFrame) string {
	var b strings.Builder
	for i := 0; i < len(frames) && i < maxFrames; i++ {
		f := &frames[i]
		var line strings.Builder
		pos := f.Position()
		if pos.Filename == "" {
			continue // a native function
		}
		if fn := f.FuncName(); fn != "" && fn != "<anonymous>" {
			fmt.Fprintf(&line, "%s (%s:%d:%d)", fn, pos.Filename, pos.Line, pos.Column)
		} else {
			fmt.Fprintf(&line, "%s:%d:%d", pos.Filename, pos.Line, pos.Column)
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("    at " + line.String())
	}
	return b.String()
}
