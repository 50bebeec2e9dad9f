package wire

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/flint-network/flint/acc"
)

// The requests encode as the client's maps did, which the Lit SDK's match:
// toSign as an array of numbers, absent fields left out.
func TestRequestJSON(t *testing.T) {
	for _, c := range []struct {
		in   any
		want string
	}{
		{PKPSignRequest{ToSign: []byte{0, 1, 255}, Pubkey: "0x04", AuthSig: json.RawMessage(`{"sig":"s"}`), Epoch: 3, PlainShares: true},
			`{"toSign":[0,1,255],"pubkey":"0x04","authSig":{"sig":"s"},"epoch":3,"plainShares":true}`},
		{ExecuteRequest{IPFSID: "Qm", AuthSig: json.RawMessage(`{}`), Epoch: 1},
			`{"ipfsId":"Qm","authSig":{},"epoch":1}`},
		{ExecuteRequest{Code: "YQ==", JSParams: json.RawMessage(`{"a":1}`), AuthSig: json.RawMessage(`{}`)},
			`{"code":"YQ==","jsParams":{"a":1},"authSig":{},"epoch":0}`},
		{HandshakeRequest{ClientPublicKey: "test", Challenge: "ab"}, `{"clientPublicKey":"test","challenge":"ab","epoch":0}`},
		{EncryptionSignRequest{Fields: acc.Fields{UnifiedAccessControlConditions: json.RawMessage(`[]`)}, DataToEncryptHash: "h", AuthSig: json.RawMessage(`{}`), Epoch: 2},
			`{"unifiedAccessControlConditions":[],"dataToEncryptHash":"h","authSig":{},"epoch":2}`},
	} {
		got, err := json.Marshal(c.in)
		if err != nil || string(got) != c.want {
			t.Errorf("%T:\n got %s\nwant %s (%v)", c.in, got, c.want, err)
		}
	}
}

func TestByteArray(t *testing.T) {
	var b ByteArray
	if err := json.Unmarshal([]byte(`[0, 7, 255]`), &b); err != nil || string(b) != "\x00\x07\xff" {
		t.Fatalf("%v %v", b, err)
	}
	for _, bad := range []string{`[256]`, `[-1]`, `"AAE="`, `[1.5]`, `{}`} {
		if err := json.Unmarshal([]byte(bad), &b); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	got, _ := json.Marshal(ByteArray{1, 2})
	if string(got) != "[1,2]" {
		t.Fatal(string(got))
	}
}

func FuzzByteArray(f *testing.F) {
	f.Add([]byte(`[0,1,2]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		var b ByteArray
		if json.Unmarshal(in, &b) != nil {
			return
		}
		out, err := json.Marshal(b)
		var b2 ByteArray
		if err != nil || json.Unmarshal(out, &b2) != nil || string(b2) != string(b) || strings.Contains(string(out), " ") {
			t.Fatalf("round trip %s", out)
		}
	})
}
