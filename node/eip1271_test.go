package node

import (
	"bytes"
	"errors"
	"testing"
)

type rpcError struct {
	code int
	msg  string
}

func (e rpcError) Error() string  { return e.msg }
func (e rpcError) ErrorCode() int { return e.code }

func TestEIP1271Verdict(t *testing.T) {
	word := func(b ...byte) []byte { return append(b, make([]byte, 32-len(b))...) }
	magic := word(0x16, 0x26, 0xba, 0x7e)
	// What the identity precompile (0x…04) answers to isValidSignature: its
	// calldata, selector first.
	echo := append(append([]byte{0x16, 0x26, 0xba, 0x7e}, bytes.Repeat([]byte{0xaa}, 32)...), word(64)...)
	echo = append(append(echo, word(65)...), make([]byte, 96)...)
	for _, c := range []struct {
		name    string
		out     []byte
		err     error
		ok      bool
		failure bool // the chain gave no answer
	}{
		{"magic value, ABI-encoded", magic, nil, true, false},
		{"calldata echoed (identity precompile)", echo, nil, false, false},
		{"magic value then more words", append(append([]byte{}, magic...), magic...), nil, false, false},
		{"magic value, unpadded", magic[:4], nil, false, false},
		{"magic value, short padding", magic[:31], nil, false, false},
		{"magic value, padding not zero", append(append([]byte{}, magic[:31]...), 1), nil, false, false},
		{"magic value right-aligned (a uint256)", append(make([]byte, 28), magic[:4]...), nil, false, false},
		{"other value", word(0xff, 0xff, 0xff, 0xff), nil, false, false},
		{"zero word", word(), nil, false, false},
		{"no code at the address", nil, nil, false, false},
		{"revert", nil, rpcError{3, "execution reverted: nope"}, false, false},
		{"revert without data", nil, errors.New("execution reverted"), false, false},
		{"out of the gas cap", nil, rpcError{-32000, "out of gas"}, false, false},
		{"invalid opcode", nil, rpcError{-32000, "invalid opcode: INVALID"}, false, false},
		{"rate limited", nil, rpcError{-32005, "limit exceeded"}, false, true},
		{"header not found", nil, rpcError{-32000, "header not found"}, false, true},
		{"connection refused", nil, errors.New("dial tcp: connection refused"), false, true},
	} {
		ok, err := eip1271Verdict(c.out, c.err)
		if ok != c.ok || (err != nil) != c.failure {
			t.Errorf("%s: %v, %v", c.name, ok, err)
		}
	}
}
