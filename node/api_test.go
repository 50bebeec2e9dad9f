package node

import (
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
