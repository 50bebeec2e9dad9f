package actions

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
)

// The pipe between a Pool and a worker carries frames: a 4-byte big-endian length, then a JSON object.
//
//	worker → pool: ready {s: protocol, m: how it is isolated}, call {id, by, m, a}, log {s}, ran {id, s | e}, done {s | e}
//	pool → worker: exec {x}, reply {id, a | e}, run {id, a: handle}
const (
	protocol = "flint-actions/2" // 2: calls name their Action (by); the session hands out frames
	maxFrame = 64 << 20          // code (16 MiB, base64 in JSON) and jsParams with room to spare
)

type frame struct {
	T  string          `json:"t"`
	ID uint64          `json:"id,omitempty"`
	By uint64          `json:"by,omitempty"` // a call's Action: the frame id the session gave it, 0 the top-level one
	M  string          `json:"m,omitempty"`
	A  json.RawMessage `json:"a,omitempty"`
	E  *wireError      `json:"e,omitempty"`
	S  string          `json:"s,omitempty"`
	X  *execMsg        `json:"x,omitempty"`
}

type execMsg struct {
	Req    Request `json:"req"`
	Limits Limits  `json:"limits"`
}

var errFrame = errors.New("actions: bad frame")

// readFrame reads one frame, refusing oversized or malformed ones.
func readFrame(r *bufio.Reader) (*frame, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(hdr[:])
	if n == 0 || n > maxFrame {
		return nil, fmt.Errorf("%w: length %d", errFrame, n)
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, fmt.Errorf("%w: %v", errFrame, err)
	}
	return decodeFrame(buf)
}

func decodeFrame(buf []byte) (*frame, error) {
	var f frame
	if err := json.Unmarshal(buf, &f); err != nil {
		return nil, fmt.Errorf("%w: %v", errFrame, err)
	}
	switch f.T {
	case "ready", "call", "log", "ran", "done", "exec", "reply", "run":
	default:
		return nil, fmt.Errorf("%w: type %q", errFrame, truncate(f.T, 20))
	}
	if f.T == "exec" && f.X == nil {
		return nil, fmt.Errorf("%w: exec without a request", errFrame)
	}
	if f.T == "call" && f.M == "" {
		return nil, fmt.Errorf("%w: call without a method", errFrame)
	}
	return &f, nil
}

// frameWriter serializes frames from several goroutines onto one pipe.
type frameWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (fw *frameWriter) write(f *frame) error {
	body, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if len(body) > maxFrame {
		return fmt.Errorf("%w: %d bytes", errFrame, len(body))
	}
	buf := make([]byte, 4+len(body))
	binary.BigEndian.PutUint32(buf, uint32(len(body)))
	copy(buf[4:], body)
	fw.mu.Lock()
	defer fw.mu.Unlock()
	_, err = fw.w.Write(buf)
	return err
}

// wireError carries an error across the pipe, keeping what errors.Is/As need: the limit it names,
// the script error's parts, and a reference to a Host error that stays in the pool's process.
type wireError struct {
	Msg    string     `json:"msg"`
	Limit  string     `json:"limit,omitempty"`
	Ref    uint64     `json:"ref,omitempty"`
	Script bool       `json:"script,omitempty"`
	Stack  string     `json:"stack,omitempty"`
	Cause  *wireError `json:"cause,omitempty"`
}

// encodeError describes err for the wire; ref, if set, names err in the sender's table.
func encodeError(err error, ref func(error) uint64) *wireError {
	if err == nil {
		return nil
	}
	var se *ScriptError
	if errors.As(err, &se) {
		return &wireError{Msg: se.Message, Script: true, Stack: se.Stack, Cause: encodeError(se.Err, ref)}
	}
	var re *remoteError
	if errors.As(err, &re) && re.ref != 0 {
		return &wireError{Msg: re.msg, Limit: re.limit, Ref: re.ref}
	}
	w := &wireError{Msg: err.Error(), Limit: limitCode(err)}
	if ref != nil {
		w.Ref = ref(err)
	}
	return w
}

// decodeError rebuilds an error; lookup, if set, returns the original of a referenced error.
func decodeError(w *wireError, lookup func(uint64) error) error {
	if w == nil {
		return nil
	}
	if w.Script {
		return &ScriptError{Message: w.Msg, Stack: w.Stack, Err: decodeError(w.Cause, lookup)}
	}
	if w.Ref != 0 && lookup != nil {
		if err := lookup(w.Ref); err != nil {
			return err
		}
	}
	return &remoteError{msg: w.Msg, limit: w.Limit, ref: w.Ref}
}

// remoteError is an error that crossed the pipe.
type remoteError struct {
	msg   string
	limit string
	ref   uint64
}

func (e *remoteError) Error() string { return e.msg }
func (e *remoteError) Unwrap() error { return limitCodes[e.limit] }
