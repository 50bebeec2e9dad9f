package actions

import (
	"fmt"
	"regexp"
	"sync"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// Call names a function of an Action's code to call, as a LitAction access-control condition does
// (`{contractAddress: "ipfs://<cid>", standardContractType: "LitAction", method, parameters}`): Lit's
// node appended to the code a wrapper that awaited `method(...parameters)`, each parameter a string,
// and set the response to the result's toString(). Here the runtime does the same without
// generating code from the caller's strings.
type Call struct {
	// Function is the name of a global binding of the code (a top-level function or const, or a
	// property of globalThis): a JavaScript identifier of at most MaxCallFunction bytes.
	Function string `json:"function"`
	// Args are the arguments, all strings, as Lit passed a condition's parameters.
	Args []string `json:"args"`
}

// Bounds of a Call, besides the execution's limits.
const (
	MaxCallFunction = 256      // bytes of Call.Function
	MaxCallArgs     = 64       // number of Call.Args
	MaxCallArgBytes = 64 << 10 // bytes of all Call.Args together
)

var callIdentifier = regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)

// check refuses a Call the runtime cannot make; its errors are ErrInvalidParams.
func (c *Call) check() error {
	if len(c.Function) > MaxCallFunction {
		return fmt.Errorf("%w: the function name is %d bytes (at most MaxCallFunction = %d)", ErrInvalidParams, len(c.Function), MaxCallFunction)
	}
	if !callIdentifier.MatchString(c.Function) {
		return fmt.Errorf("%w: the function to call must be named by a JavaScript identifier, not %q", ErrInvalidParams, truncate(c.Function, 64))
	}
	if len(c.Args) > MaxCallArgs {
		return fmt.Errorf("%w: %d arguments (at most MaxCallArgs = %d)", ErrInvalidParams, len(c.Args), MaxCallArgs)
	}
	n := 0
	for i, a := range c.Args {
		n += len(a)
		// JavaScript strings are UTF-16: invalid UTF-8 would reach the function altered.
		if !utf8.ValidString(a) {
			return fmt.Errorf("%w: argument %d is not valid UTF-8", ErrInvalidParams, i)
		}
	}
	if n > MaxCallArgBytes {
		return fmt.Errorf("%w: the arguments are %d bytes (at most MaxCallArgBytes = %d)", ErrInvalidParams, n, MaxCallArgBytes)
	}
	return nil
}

// callWrapper awaits the function's result, as Lit's wrapper did, and turns it into the response with
// its toString(). Lit's wrapper threw a TypeError on undefined and null; this one says why.
var callWrapper = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile("lit-condition.js", `(async (name, f, args) => {
  const v = await f(...args);
  if (v === undefined || v === null) {
    throw new TypeError(name + '() returned ' + v + ', which has no toString()');
  }
  const s = v.toString();
  if (typeof s !== 'string') {
    throw new TypeError('the toString() of what ' + name + '() returned gave a ' + typeof s + ', not a string');
  }
  return s;
})`, true)
})

// startCall calls the function x.call names once the code's top level has run, in the same turn, as
// Lit's appended wrapper did; the loop then runs until its promise settles. A rejection is left
// unhandled, so the loop's check fails the execution with it.
func (x *execution) startCall() error {
	c := x.call
	fv := x.rt.Get(c.Function)
	if fv == nil {
		return &ScriptError{Message: fmt.Sprintf("ReferenceError: %s is not defined", c.Function)}
	}
	if _, ok := goja.AssertFunction(fv); !ok {
		return &ScriptError{Message: fmt.Sprintf("TypeError: %s is not a function", c.Function)}
	}
	w, err := x.rt.RunProgram(callWrapper())
	if err != nil {
		return fmt.Errorf("actions: call wrapper: %w", err)
	}
	wrap, ok := goja.AssertFunction(w)
	if !ok {
		return fmt.Errorf("actions: call wrapper is not a function")
	}
	args := make([]any, len(c.Args))
	for i, a := range c.Args {
		args[i] = a
	}
	p, err := wrap(goja.Undefined(), x.rt.ToValue(c.Function), fv, x.rt.NewArray(args...))
	if err != nil {
		return err
	}
	promise, ok := p.Export().(*goja.Promise)
	if !ok {
		return fmt.Errorf("actions: call wrapper gave no promise")
	}
	x.callPromise = promise
	return nil
}

// callResult is the response of a Call once the loop has ended: the string its promise resolved with.
func (x *execution) callResult() (string, error) {
	p := x.callPromise
	switch {
	case p == nil:
		return "", fmt.Errorf("actions: %s was not called", x.call.Function)
	case p.State() == goja.PromiseStateRejected:
		se := x.exceptionError(p.Result(), nil)
		se.Message = "(in promise) " + se.Message
		return "", se
	case p.State() == goja.PromiseStatePending:
		return "", &ScriptError{Message: fmt.Sprintf("Error: %s() returned a promise that never settled: nothing it waits for is left to run", x.call.Function)}
	}
	s := p.Result().String()
	if len(s) > x.t.lim.ResponseSize {
		return "", limitErr(ErrResponseSize, "Response is too long. Max length is %d bytes", x.t.lim.ResponseSize)
	}
	return s, nil
}
