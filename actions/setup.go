package actions

import (
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/dop251/goja"
)

//go:embed prelude.js
var preludeSource string

// prelude is compiled once per process; each runtime runs the compiled program.
var prelude = sync.OnceValue(func() *goja.Program {
	return goja.MustCompile("lit-actions.js", preludeSource, true)
})

// readOnlyGlobals cannot be replaced by a jsParams key, as in Lit.
var readOnlyGlobals = map[string]bool{"Lit": true, "LitActions": true, "LitAuth": true}

// setup installs the globals: the prelude (Lit namespace, console, fetch, …), then one global for each
// jsParams key, and jsParams itself.
func (x *execution) setup(params, auth json.RawMessage) error {
	rt := x.rt
	rt.SetMaxCallStackSize(maxCallStack)
	rt.SetPromiseRejectionTracker(x.trackRejection)

	x.ctors.uint8Array = rt.Get("Uint8Array")
	x.ctors.errorCtor = rt.Get("Error")
	x.ctors.typeError = rt.Get("TypeError")
	x.ctors.rangeError = rt.Get("RangeError")
	jsonObj := rt.Get("JSON").ToObject(rt)
	x.ctors.jsonParse, _ = goja.AssertFunction(jsonObj.Get("parse"))
	x.ctors.jsonStringify, _ = goja.AssertFunction(jsonObj.Get("stringify"))
	x.ctors.isView, _ = goja.AssertFunction(rt.Get("ArrayBuffer").ToObject(rt).Get("isView"))

	authVal, err := x.parseObject(auth, "Lit.Auth")
	if err != nil {
		return err
	}
	stack := make([]any, len(x.stack))
	for i, s := range x.stack {
		stack[i] = s
	}
	if err := authVal.Set("actionIpfsIdStack", rt.NewArray(stack...)); err != nil {
		return fmt.Errorf("%w: Lit.Auth: %v", ErrInvalidParams, err)
	}

	v, err := rt.RunProgram(prelude())
	if err != nil {
		return fmt.Errorf("actions: prelude: %w", err)
	}
	install, ok := goja.AssertFunction(v)
	if !ok {
		return errors.New("actions: prelude is not a function")
	}
	if _, err := install(goja.Undefined(), x.op(), authVal); err != nil {
		return fmt.Errorf("actions: prelude: %w", err)
	}

	paramsVal, err := x.parseObject(params, "jsParams")
	if err != nil {
		return err
	}
	global := rt.GlobalObject()
	hasOwn := false
	for _, k := range paramsVal.Keys() {
		if readOnlyGlobals[k] {
			return fmt.Errorf("%w: key %q would replace a read-only global", ErrInvalidParams, k)
		}
		if k == "jsParams" {
			hasOwn = true
		}
		if err := global.DefineDataProperty(k, paramsVal.Get(k), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_TRUE); err != nil {
			return fmt.Errorf("%w: key %q: %v", ErrInvalidParams, k, err)
		}
	}
	if !hasOwn {
		if err := global.DefineDataProperty("jsParams", paramsVal, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
			return fmt.Errorf("%w: %v", ErrInvalidParams, err)
		}
	}
	return nil
}

// parseObject parses raw, a JSON object (or nothing), into a JavaScript object.
func (x *execution) parseObject(raw json.RawMessage, what string) (*goja.Object, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return x.rt.NewObject(), nil
	}
	v, err := x.ctors.jsonParse(goja.Undefined(), x.rt.ToValue(string(raw)))
	if err != nil {
		return nil, fmt.Errorf("%w: %s is not valid JSON", ErrInvalidParams, what)
	}
	obj, ok := v.(*goja.Object)
	if !ok || obj.ClassName() == "Array" {
		return nil, fmt.Errorf("%w: %s must be a JSON object", ErrInvalidParams, what)
	}
	return obj, nil
}

// fn wraps a Go operation for the runtime. A panic that is not a JavaScript exception (a bug) becomes an
// exception instead of taking the process down.
func (x *execution) fn(name string, f func(goja.FunctionCall) goja.Value) goja.Value {
	return x.rt.ToValue(func(c goja.FunctionCall) goja.Value {
		defer func() {
			if r := recover(); r != nil {
				switch r := r.(type) {
				case goja.Value, *goja.Exception:
					panic(r)
				case error:
					var ie *goja.InterruptedError
					var so *goja.StackOverflowError
					if errors.As(r, &ie) || errors.As(r, &so) {
						panic(r)
					}
				}
				panic(x.errorValue(fmt.Errorf("internal error in %s", name)))
			}
		}()
		return f(c)
	})
}

// bytesOf returns the bytes of an ArrayBuffer or a view of one (typed array, DataView), sharing memory.
func (x *execution) bytesOf(v goja.Value) ([]byte, bool) {
	obj, ok := v.(*goja.Object)
	if !ok {
		return nil, false
	}
	if ab, ok := obj.Export().(goja.ArrayBuffer); ok {
		return ab.Bytes(), true
	}
	isView, err := x.ctors.isView(goja.Undefined(), v)
	if err != nil || !isView.ToBoolean() {
		return nil, false
	}
	var b []byte
	if err := x.rt.ExportTo(v, &b); err != nil {
		return nil, false
	}
	return b, true
}

// newBytes makes a Uint8Array holding b (not copied).
func (x *execution) newBytes(b []byte) goja.Value {
	if b == nil {
		b = []byte{}
	}
	obj, err := x.rt.New(x.ctors.uint8Array, x.rt.ToValue(x.rt.NewArrayBuffer(b)))
	if err != nil {
		panic(err)
	}
	return obj
}

// stringArg returns v if it is a string; Lit's ops took strings only.
func stringArg(v goja.Value, name string) (string, error) {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return "", typeError("%s must be a string, got %s", name, typeName(v))
	}
	if s, ok := asString(v); ok {
		return s, nil
	}
	return "", typeError("%s must be a string, got %s", name, typeName(v))
}

func typeName(v goja.Value) string {
	switch {
	case v == nil || goja.IsUndefined(v):
		return "undefined"
	case goja.IsNull(v):
		return "null"
	}
	switch v.Export().(type) {
	case string:
		return "string"
	case bool:
		return "boolean"
	case int64, float64:
		return "number"
	}
	if _, ok := goja.AssertFunction(v); ok {
		return "function"
	}
	return "object"
}

// asString returns v's text if v is a string primitive (not a Symbol, whose Export is also a string).
func asString(v goja.Value) (string, bool) {
	if s, ok := v.(goja.String); ok {
		return s.String(), true
	}
	return "", false
}
