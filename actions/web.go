package actions

import (
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dop251/goja"
)

// domErr is thrown as an Error named like the DOMException the web platform throws.
type domErr struct{ name, msg string }

func (e *domErr) Error() string { return e.msg }

func (x *execution) throwDOM(name, format string, args ...any) {
	v := x.errorValue(&domErr{name: name, msg: fmt.Sprintf(format, args...)})
	if obj, ok := v.(*goja.Object); ok {
		_ = obj.Set("name", name)
	}
	panic(v)
}

func (x *execution) opLog(c goja.FunctionCall) goja.Value {
	level := c.Argument(0).String()
	var args []goja.Value
	if err := x.rt.ExportTo(c.Argument(1), &args); err != nil {
		args = nil
	}
	text := x.formatLog(args)
	if level == "trace" {
		text = "Trace: " + text
	}
	if err := x.t.addLog(text + "\n"); err != nil {
		x.throw(err)
	}
	return goja.Undefined()
}

func (x *execution) opUTF8Encode(c goja.FunctionCall) goja.Value {
	return x.newBytes([]byte(c.Argument(0).String()))
}

func (x *execution) opRandomUUID(goja.FunctionCall) goja.Value { return x.rt.ToValue(randomUUID()) }

func (x *execution) opBytes(c goja.FunctionCall) goja.Value {
	b, ok := x.bytesOf(c.Argument(0))
	if !ok {
		x.throw(typeError("expected an ArrayBuffer or an ArrayBufferView"))
	}
	return x.newBytes(append([]byte(nil), b...))
}

func (x *execution) opUTF8Decode(c goja.FunctionCall) goja.Value {
	b, ok := x.bytesOf(c.Argument(0))
	if !ok {
		x.throw(typeError("The provided value is not of type '(ArrayBuffer or ArrayBufferView)'"))
	}
	fatal, ignoreBOM := c.Argument(1).ToBoolean(), c.Argument(2).ToBoolean()
	if !ignoreBOM && len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		b = b[3:]
	}
	if utf8.Valid(b) {
		return x.rt.ToValue(string(b))
	}
	if fatal {
		x.throw(typeError("The encoded data is not valid."))
	}
	return x.rt.ToValue(decodeLossy(b))
}

// decodeLossy decodes UTF-8, replacing each invalid byte with U+FFFD.
func decodeLossy(b []byte) string {
	var s strings.Builder
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		s.WriteRune(r)
		b = b[n:]
	}
	return s.String()
}

// latin1 makes a string of one character per byte, as atob and "binary" strings do.
func latin1(b []byte) string {
	r := make([]rune, len(b))
	for i, c := range b {
		r[i] = rune(c)
	}
	return string(r)
}

// fromLatin1 is the inverse of latin1; it fails on a character above U+00FF.
func fromLatin1(s string) ([]byte, bool) {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r > 0xFF {
			return nil, false
		}
		out = append(out, byte(r))
	}
	return out, true
}

func (x *execution) opAtob(c goja.FunctionCall) goja.Value {
	s := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '\n' || r == '\f' || r == '\r' {
			return -1
		}
		return r
	}, c.Argument(0).String())
	if len(s)%4 == 0 {
		s = strings.TrimSuffix(s, "=")
		s = strings.TrimSuffix(s, "=")
	}
	b, err := base64.RawStdEncoding.DecodeString(s)
	if len(s)%4 == 1 || err != nil {
		x.throwDOM("InvalidCharacterError", "Failed to decode base64")
	}
	return x.rt.ToValue(latin1(b))
}

func (x *execution) opBtoa(c goja.FunctionCall) goja.Value {
	b, ok := fromLatin1(c.Argument(0).String())
	if !ok {
		x.throwDOM("InvalidCharacterError", "The string to be encoded contains characters outside of the Latin1 range.")
	}
	return x.rt.ToValue(base64.StdEncoding.EncodeToString(b))
}

// opFromString and opToString are uint8arrays' fromString/toString, which Lit re-exported.
func (x *execution) opFromString(c goja.FunctionCall) goja.Value {
	s, err := stringArg(c.Argument(0), "string")
	if err != nil {
		x.throw(err)
	}
	b, err := decodeString(s, encodingArg(c.Argument(1)))
	if err != nil {
		x.throw(err)
	}
	return x.newBytes(b)
}

func (x *execution) opToString(c goja.FunctionCall) goja.Value {
	b, ok := x.bytesOf(c.Argument(0))
	if !ok {
		x.throw(typeError("array must be a Uint8Array"))
	}
	s, err := encodeString(b, encodingArg(c.Argument(1)))
	if err != nil {
		x.throw(err)
	}
	return x.rt.ToValue(s)
}

func encodingArg(v goja.Value) string {
	if goja.IsUndefined(v) || goja.IsNull(v) {
		return "utf8"
	}
	return v.String()
}

func decodeString(s, enc string) ([]byte, error) {
	switch enc {
	case "utf8", "utf-8":
		return []byte(s), nil
	case "ascii", "latin1", "binary":
		b := make([]byte, 0, len(s))
		for _, r := range s {
			b = append(b, byte(r))
		}
		return b, nil
	case "base16", "hex", "base16upper":
		return hex.DecodeString(s)
	case "base64", "base64pad":
		return base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
	case "base64url", "base64urlpad":
		return base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	case "base58btc":
		return base58Decode(s)
	}
	return nil, fmt.Errorf("unsupported encoding %q", enc)
}

func encodeString(b []byte, enc string) (string, error) {
	switch enc {
	case "utf8", "utf-8":
		return decodeLossy(b), nil
	case "ascii", "latin1", "binary":
		return latin1(b), nil
	case "base16", "hex":
		return hex.EncodeToString(b), nil
	case "base16upper":
		return strings.ToUpper(hex.EncodeToString(b)), nil
	case "base64":
		return base64.RawStdEncoding.EncodeToString(b), nil
	case "base64pad":
		return base64.StdEncoding.EncodeToString(b), nil
	case "base64url":
		return base64.RawURLEncoding.EncodeToString(b), nil
	case "base64urlpad":
		return base64.URLEncoding.EncodeToString(b), nil
	case "base58btc":
		return base58Encode(b), nil
	}
	return "", fmt.Errorf("unsupported encoding %q", enc)
}

func (x *execution) opRandomFill(c goja.FunctionCall) goja.Value {
	v := c.Argument(0)
	obj, ok := v.(*goja.Object)
	if !ok {
		x.throwDOM("TypeMismatchError", "getRandomValues needs an integer typed array")
	}
	switch obj.Export().(type) {
	case []float32, []float64, goja.ArrayBuffer:
		x.throwDOM("TypeMismatchError", "getRandomValues needs an integer typed array")
	}
	b, ok := x.bytesOf(v)
	if !ok {
		x.throwDOM("TypeMismatchError", "getRandomValues needs an integer typed array")
	}
	if len(b) > 65536 {
		x.throwDOM("QuotaExceededError", "The ArrayBufferView's byte length (%d) exceeds 65536", len(b))
	}
	_, _ = rand.Read(b)
	return v
}

func randomUUID() string {
	var u [16]byte
	_, _ = rand.Read(u[:])
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	h := hex.EncodeToString(u[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}

// opDigest is crypto.subtle.digest; the prelude wraps the ArrayBuffer in a promise.
func (x *execution) opDigest(c goja.FunctionCall) goja.Value {
	var h hash.Hash
	switch strings.ToUpper(c.Argument(0).String()) {
	case "SHA-1":
		h = sha1.New()
	case "SHA-256":
		h = sha256.New()
	case "SHA-384":
		h = sha512.New384()
	case "SHA-512":
		h = sha512.New()
	default:
		x.throwDOM("NotSupportedError", "Unrecognized algorithm name")
	}
	b, ok := x.bytesOf(c.Argument(1))
	if !ok {
		x.throw(typeError("data must be an ArrayBuffer or an ArrayBufferView"))
	}
	h.Write(b)
	return x.rt.ToValue(x.rt.NewArrayBuffer(h.Sum(nil)))
}

// timer is a pending setTimeout or setInterval.
type timer struct {
	t      *time.Timer
	fn     goja.Callable
	args   []goja.Value
	delay  time.Duration
	repeat bool
}

func (x *execution) opSetTimer(c goja.FunctionCall) goja.Value {
	fn, ok := goja.AssertFunction(c.Argument(0))
	if !ok {
		x.throw(typeError("Callback must be a function"))
	}
	ms := c.Argument(1).ToFloat()
	if math.IsNaN(ms) || ms < 0 {
		ms = 0
	}
	if ms > math.MaxInt32 {
		ms = 1
	}
	var args []goja.Value
	_ = x.rt.ExportTo(c.Argument(3), &args)
	if x.timers == nil {
		x.timers = make(map[int64]*timer)
	}
	x.nextTimer++
	id := x.nextTimer
	tm := &timer{fn: fn, args: args, delay: time.Duration(ms * float64(time.Millisecond)), repeat: c.Argument(2).ToBoolean()}
	x.timers[id] = tm
	x.armTimer(id, tm)
	return x.rt.ToValue(id)
}

func (x *execution) armTimer(id int64, tm *timer) {
	x.loop.pending++
	tm.t = time.AfterFunc(tm.delay, func() {
		x.loop.post(job{settles: true, fn: func() error { return x.fireTimer(id) }})
	})
}

func (x *execution) fireTimer(id int64) error {
	tm := x.timers[id]
	if tm == nil {
		return nil // cleared after it fired
	}
	if !tm.repeat {
		delete(x.timers, id)
	}
	if _, err := tm.fn(goja.Undefined(), tm.args...); err != nil {
		return err
	}
	if tm.repeat && x.timers[id] == tm {
		x.armTimer(id, tm)
	}
	return nil
}

func (x *execution) opClearTimer(c goja.FunctionCall) goja.Value {
	id := c.Argument(0).ToInteger()
	if tm := x.timers[id]; tm != nil {
		delete(x.timers, id)
		if tm.t.Stop() {
			x.loop.pending--
		}
	}
	return goja.Undefined()
}

func (x *execution) stopTimers() {
	for _, tm := range x.timers {
		tm.t.Stop()
	}
}
