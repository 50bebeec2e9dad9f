package node

import (
	"encoding/json"
	"errors"
	"github.com/flint-network/flint/wire"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestDecodeBodyBounds(t *testing.T) {
	for _, c := range []struct {
		name, body, code string
	}{
		{"fits", `{"nonce":"0x01"}`, ""},
		{"too large", `{"nonce":"` + strings.Repeat("a", 200) + `"}`, "NodeBodyTooLarge"},
		{"small value, too much after it", `{}` + strings.Repeat(" ", 200), "NodeBodyTooLarge"},
		{"trailing data", `{} {}`, "NodeInvalidJSON"},
		{"malformed", `{"nonce":`, "NodeInvalidJSON"},
	} {
		r := httptest.NewRequest(http.MethodPost, "/flint/v1/attest", strings.NewReader(c.body))
		r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, 100)
		var v wire.AttestRequest
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
		var req wire.PKPSignRequest
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
