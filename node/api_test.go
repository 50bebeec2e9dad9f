package node

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestDecodeBodyBounds(t *testing.T) {
	for _, c := range []struct {
		name, body, code string
	}{
		{"fits", `{"keyId":"0x01"}`, ""},
		{"too large", `{"keyId":"` + strings.Repeat("a", 200) + `"}`, "NodeBodyTooLarge"},
		{"small value, too much after it", `{}` + strings.Repeat(" ", 200), "NodeBodyTooLarge"},
		{"trailing data", `{} {}`, "NodeInvalidJSON"},
		{"malformed", `{"keyId":`, "NodeInvalidJSON"},
	} {
		r := httptest.NewRequest(http.MethodPost, "/flint/v1/attest", strings.NewReader(c.body))
		r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, 100)
		var v attestRequest
		err := decodeBody(r, &v)
		var ce *codedError
		switch {
		case c.code == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.code != "" && (!errors.As(err, &ce) || ce.code != c.code):
			t.Errorf("%s: %v, want %s", c.name, err, c.code)
		}
	}
}

// The pkp sign body is untrusted: decoding never panics, and toSign holds
// exactly the bytes the array listed.
func FuzzPKPSignRequest(f *testing.F) {
	f.Add([]byte(`{"toSign":[1,2,3],"pubkey":"0x04ab","authSig":{},"epoch":1,"plainShares":true}`))
	f.Add([]byte(`{"toSign":[256]}`))
	f.Add([]byte(`{"toSign":"abc"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var req pkpSignRequest
		if err := json.Unmarshal(body, &req); err != nil {
			return
		}
		var raw struct {
			ToSign []int `json:"toSign"`
		}
		if err := json.Unmarshal(body, &raw); err != nil {
			t.Fatalf("accepted by the node, not as ints: %v", err)
		}
		if len(raw.ToSign) != len(req.ToSign) {
			t.Fatalf("%d bytes from %d numbers", len(req.ToSign), len(raw.ToSign))
		}
		for i, v := range raw.ToSign {
			if v != int(req.ToSign[i]) {
				t.Fatalf("byte %d is %d, the array said %d", i, req.ToSign[i], v)
			}
		}
	})
}

type rpcError struct {
	code int
	msg  string
}

func (e rpcError) Error() string  { return e.msg }
func (e rpcError) ErrorCode() int { return e.code }

func TestEIP1271Verdict(t *testing.T) {
	magic := []byte{0x16, 0x26, 0xba, 0x7e, 0, 0}
	for _, c := range []struct {
		name    string
		out     []byte
		err     error
		ok      bool
		failure bool // the chain gave no answer
	}{
		{"magic value", magic, nil, true, false},
		{"other value", []byte{0, 0, 0, 0}, nil, false, false},
		{"no code at the address", nil, nil, false, false},
		{"revert", nil, rpcError{3, "execution reverted: nope"}, false, false},
		{"revert without data", nil, errors.New("execution reverted"), false, false},
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
