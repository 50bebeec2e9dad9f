package node

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/flint-network/flint/crypto/pkpenc"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/node/usage"
)

// pkpHeader returns the hex header of a real ciphertext to a random key.
func pkpHeader(t testing.TB) (header, pub string) {
	t.Helper()
	x, err := secp.RandomScalar(nil)
	if err != nil {
		t.Fatal(err)
	}
	p := secp.BaseMult(&x)
	secp.ToAffine(&p)
	ct, err := pkpenc.Encrypt(&p, []byte("secret"), nil)
	if err != nil {
		t.Fatal(err)
	}
	c := secp.Compress(&p)
	return hex.EncodeToString(ct[:pkpenc.HeaderSize]), hex.EncodeToString(c[:])
}

func postDecrypt(h http.Handler, body string) answer {
	r := httptest.NewRequest(http.MethodPost, "/flint/v1/pkp/decrypt", strings.NewReader(body))
	r.RemoteAddr = "192.0.2.1:1234"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	a := answer{status: w.Code, raw: w.Body.String(), header: w.Header()}
	json.Unmarshal(w.Body.Bytes(), &a.body)
	return a
}

// The request is checked, cheapest first, before the node looks at its keys
// or the caller: a malformed header, an altered one that no longer parses
// and a bad key are 400s with their own codes; a well-formed request to a
// node without keys is 503 NodeNotReady, before authentication.
func TestPKPDecryptRefusesBadInput(t *testing.T) {
	n := testAPINode(8)
	n.views.Store(&view{epoch: 1})
	h := n.endpoint("pkp_decrypt", n.handlePKPDecrypt)
	hdr, pub := pkpHeader(t)
	offCurve := "02" + strings.Repeat("ff", 32) // x above the field prime
	for _, c := range []struct {
		name, body string
		status     int
		code       string
	}{
		{"no header", `{"pkpPublicKey":"` + pub + `"}`, 400, "NodeInvalidPkpCiphertext"},
		{"header not hex", `{"pkpPublicKey":"` + pub + `","header":"zz"}`, 400, "NodeInvalidPkpCiphertext"},
		{"header short", `{"pkpPublicKey":"` + pub + `","header":"` + hdr[:len(hdr)-2] + `"}`, 400, "NodeInvalidPkpCiphertext"},
		{"header long", `{"pkpPublicKey":"` + pub + `","header":"` + hdr + `00"}`, 400, "NodeInvalidPkpCiphertext"},
		{"version 2", `{"pkpPublicKey":"` + pub + `","header":"02` + hdr[2:] + `"}`, 400, "NodeInvalidPkpCiphertext"},
		{"U off the curve", `{"pkpPublicKey":"` + pub + `","header":"01` + offCurve + hdr[68:] + `"}`, 400, "NodeInvalidPkpCiphertext"},
		{"e not below N", `{"pkpPublicKey":"` + pub + `","header":"` + hdr[:68] + strings.Repeat("ff", 32) + hdr[132:] + `"}`, 400, "NodeInvalidPkpCiphertext"},
		{"no key", `{"header":"` + hdr + `"}`, 400, "NodeInvalidPublicKey"},
		{"key of 20 bytes", `{"pkpPublicKey":"` + pub[:40] + `","header":"` + hdr + `"}`, 400, "NodeInvalidPublicKey"},
		{"epoch", `{"pkpPublicKey":"` + pub + `","header":"` + hdr + `","epoch":7}`, 400, "NodeInvalidEpoch"},
		{"not JSON", `{"header":`, 400, "NodeInvalidJSON"},
		{"too large", `{"header":"` + strings.Repeat("00", 40<<10) + `"}`, 413, "NodeBodyTooLarge"},
		{"not ready", `{"pkpPublicKey":"` + pub + `","header":"0x` + hdr + `"}`, 503, "NodeNotReady"},
	} {
		a := postDecrypt(h, c.body)
		if a.status != c.status || a.body.Code != c.code {
			t.Errorf("%s: %d %s, want %d %s", c.name, a.status, a.raw, c.status, c.code)
		}
	}
}

// The body is untrusted: whatever it holds, the handler answers a coded
// refusal (the node has no keys, so nothing is ever released) and never
// panics.
func FuzzPKPDecryptRequest(f *testing.F) {
	hdr, pub := pkpHeader(f)
	f.Add(`{"pkpPublicKey":"` + pub + `","header":"` + hdr + `","authSig":{},"epoch":1}`)
	f.Add(`{"pkpPublicKey":"0x04","header":"0x01"}`)
	f.Add(`{"header":null}`)
	n := testAPINode(1 << 20)
	n.views.Store(&view{epoch: 1})
	h := n.endpoint("pkp_decrypt", n.handlePKPDecrypt)
	f.Fuzz(func(t *testing.T, body string) {
		a := postDecrypt(h, body)
		if a.status == http.StatusOK || a.body.Code == "" || a.body.Code == "NodeInternalError" {
			t.Fatalf("%q: %d %s", body, a.status, a.raw)
		}
	})
}

// A PKP decryption request leaves a usage record of kind decrypt naming
// the PKP (compressed) and the SHA-256 of the header, with no conditions,
// even when it is refused.
func TestPKPDecryptUsageRecord(t *testing.T) {
	dir := t.TempDir()
	l, err := usage.Open(usage.Config{Dir: dir, MaxFileBytes: 1 << 20, MaxFiles: 2})
	if err != nil {
		t.Fatal(err)
	}
	n := testAPINode(8)
	n.usage = l
	n.views.Store(&view{epoch: 1})
	hdr, pub := pkpHeader(t)
	raw, _ := hex.DecodeString(hdr)
	sum := sha256.Sum256(raw)
	h := n.endpoint("pkp_decrypt", n.handlePKPDecrypt)
	if a := postDecrypt(h, `{"pkpPublicKey":"`+pub+`","header":"`+hdr+`"}`); a.body.Code != "NodeNotReady" {
		t.Fatalf("%d %s", a.status, a.raw)
	}
	var got []*usage.Record
	if _, err := usage.Read(dir, usage.Filter{}, func(r *usage.Record) bool { got = append(got, r); return true }); err != nil {
		t.Fatal(err)
	}
	l.Close()
	if len(got) != 1 || got[0].Kind != usage.KindDecrypt || got[0].PKP != pub || got[0].Digest != hex.EncodeToString(sum[:]) ||
		got[0].Conditions != "" || got[0].Outcome != "NodeNotReady" {
		t.Fatalf("records %+v", got)
	}
}
