package auth

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// The example of EIP-5573: a ReCap URI and the statement it translates to.
const (
	eip5573URI       = "urn:recap:eyJhdHQiOnsiaHR0cHM6Ly9leGFtcGxlLmNvbS9waWN0dXJlcy8iOnsiY3J1ZC9kZWxldGUiOlt7fV0sImNydWQvdXBkYXRlIjpbe31dLCJvdGhlci9hY3Rpb24iOlt7fV19LCJtYWlsdG86dXNlcm5hbWVAZXhhbXBsZS5jb20iOnsibXNnL3JlY2VpdmUiOlt7Im1heF9jb3VudCI6NSwidGVtcGxhdGVzIjpbIm5ld3NsZXR0ZXIiLCJtYXJrZXRpbmciXX1dLCJtc2cvc2VuZCI6W3sidG8iOiJzb21lb25lQGVtYWlsLmNvbSJ9LHsidG8iOiJqb2VAZW1haWwuY29tIn1dfX0sInByZiI6WyJ6ZGo3V2o2Rk5TNHJVVWJzaUp2amp4Y3NOcVpkRENTaVlSOHNLUVhmb1BmcFNadUF3Il19"
	eip5573Statement = "I further authorize the stated URI to perform the following actions on my behalf: (1) 'crud': 'delete', 'update' for 'https://example.com/pictures/'. (2) 'other': 'action' for 'https://example.com/pictures/'. (3) 'msg': 'receive', 'send' for 'mailto:username@example.com'."
	// The SIWE message example of EIP-5573.
	eip5573SIWE = `example.com wants you to sign in with your Ethereum account:
0x0000000000000000000000000000000000000000

I further authorize the stated URI to perform the following actions on my behalf: (1) 'example': 'append', 'read' for 'https://example.com'. (2) 'other': 'action' for 'https://example.com'. (3) 'example': 'append', 'delete' for 'my:resource:uri.1'. (4) 'example': 'append' for 'my:resource:uri.2'. (5) 'example': 'append' for 'my:resource:uri.3'.

URI: did:key:example
Version: 1
Chain ID: 1
Nonce: mynonce1
Issued At: 2022-06-21T12:00:00.000Z
Resources:
- urn:recap:eyJhdHQiOnsiaHR0cHM6Ly9leGFtcGxlLmNvbSI6eyJleGFtcGxlL2FwcGVuZCI6W10sImV4YW1wbGUvcmVhZCI6W10sIm90aGVyL2FjdGlvbiI6W119LCJteTpyZXNvdXJjZTp1cmkuMSI6eyJleGFtcGxlL2FwcGVuZCI6W10sImV4YW1wbGUvZGVsZXRlIjpbXX0sIm15OnJlc291cmNlOnVyaS4yIjp7ImV4YW1wbGUvYXBwZW5kIjpbXX0sIm15OnJlc291cmNlOnVyaS4zIjp7ImV4YW1wbGUvYXBwZW5kIjpbXX19LCJwcmYiOltdfQ`
)

func TestRecapEIPExample(t *testing.T) {
	rc, err := ParseRecap(eip5573URI)
	if err != nil {
		t.Fatal(err)
	}
	if got := rc.Statement(); got != eip5573Statement {
		t.Fatalf("statement\n%s\nwant\n%s", got, eip5573Statement)
	}
	if got := rc.Encode(); got != eip5573URI {
		t.Fatalf("re-encoded as %s", got)
	}
	if len(rc.Prf) != 1 || rc.Prf[0] != "zdj7Wj6FNS4rUUbsiJvjjxcsNqZdDCSiYR8sKQXfoPfpSZuAw" {
		t.Fatalf("prf %v", rc.Prf)
	}
	var nb struct {
		MaxCount int `json:"max_count"`
	}
	if err := json.Unmarshal(rc.Att["mailto:username@example.com"]["msg/receive"][0], &nb); err != nil || nb.MaxCount != 5 {
		t.Fatalf("nota bene: %v %v", nb, err)
	}

	m, err := ParseMessage(eip5573SIWE)
	if err != nil {
		t.Fatal(err)
	}
	rc2, err := extractRecap(m)
	if err != nil || rc2 == nil || len(rc2.Att) != 4 {
		t.Fatalf("SIWE example: %v %+v", err, rc2)
	}
}

// TestRecapLitShape: the SDK's own ReCaps, as found in its signed messages.
func TestRecapLitShape(t *testing.T) {
	for _, c := range loadLitCapabilities(t) {
		m, err := ParseMessage(c.SignedMessage)
		if err != nil {
			t.Fatalf("%s: %v", c.Address, err)
		}
		rc, err := extractRecap(m)
		if err != nil || rc == nil {
			t.Fatalf("%s: %v", c.Address, err)
		}
		if rc.Encode() != m.Resources[len(m.Resources)-1] {
			t.Errorf("%s: ReCap does not re-encode to the SDK's bytes", c.Address)
		}
	}
	const litJSON = `{"att":{"lit-litaction://*":{"Threshold/Execution":[{}]},"lit-pkp://*":{"Threshold/Signing":[{}]}},"prf":[]}`
	if got := litWildcards().Encode(); got != RecapPrefix+base64.RawURLEncoding.EncodeToString([]byte(litJSON)) {
		t.Fatalf("Encode = %s", got)
	}
}

func TestRecapGrants(t *testing.T) {
	nb := []json.RawMessage{json.RawMessage(`{}`)}
	pkpID := strings.Repeat("0", 60) + "abcd"
	rc := &Recap{Att: map[string]map[string][]json.RawMessage{
		"lit-pkp://" + pkpID:                 {"Threshold/Signing": nb},
		"lit-litaction://*":                  {"Threshold/Execution": nb},
		"lit-accesscontrolcondition://a1/b2": {"*/*": nb},
		"lit-ratelimitincrease://7":          {"Auth/Auth": {}}, // empty: unusable
		// Only restricted forms: the node enforces no restriction, so none counts.
		"lit-pkp://" + strings.Repeat("0", 60) + "beef": {"Threshold/Signing": {json.RawMessage(`{"uses":1}`)}},
		// An unrestricted alternative among restricted ones does.
		"lit-pkp://" + strings.Repeat("0", 60) + "cafe": {"Threshold/Signing": {json.RawMessage(`{"uses":1}`), json.RawMessage(` { } `)}},
	}}
	for _, c := range []struct {
		res  Resource
		ab   Ability
		want bool
	}{
		{Resource{PrefixPKP, pkpID}, AbilityPKPSigning, true},
		{Resource{PrefixPKP, "0xABCD"}, AbilityPKPSigning, true}, // the SDK's id forms
		{Resource{PrefixPKP, "abce"}, AbilityPKPSigning, false},
		{Resource{PrefixPKP, pkpID}, AbilityActionExecution, false}, // not an ability of PKPs
		{Resource{PrefixAction, "QmAnything"}, AbilityActionExecution, true},
		{Resource{PrefixAction, "QmAnything"}, AbilityPKPSigning, false},
		{Resource{PrefixACC, "a1/b2"}, AbilityACCDecryption, true}, // */*
		{Resource{PrefixACC, "a1/b2"}, AbilityACCSigning, true},
		{Resource{PrefixACC, "a1/b3"}, AbilityACCDecryption, false},
		{Resource{PrefixRateLimit, "7"}, AbilityRateLimitIncrease, false},
		{Resource{PrefixPKP, "beef"}, AbilityPKPSigning, false},
		{Resource{PrefixPKP, "cafe"}, AbilityPKPSigning, true},
		{Resource{"lit-unknown", "*"}, Ability("fly"), false},
	} {
		if got := rc.Grants(c.res, c.ab); got != c.want {
			t.Errorf("Grants(%s, %s) = %v", c.res.Key(), c.ab, got)
		}
	}
}

func TestParseRecapRejects(t *testing.T) {
	enc := func(s string) string { return RecapPrefix + base64.RawURLEncoding.EncodeToString([]byte(s)) }
	for name, u := range map[string]string{
		"no prefix":            "urn:other:e30",
		"not base64":           RecapPrefix + "!!!",
		"too much padding":     litWildcards().Encode() + "===",
		"std base64 alphabet":  RecapPrefix + "e30+/w",
		"not JSON":             enc(`{"att":`),
		"trailing data":        enc(`{"att":{"a:b":{"c/d":[{}]}}} {}`),
		"unknown field":        enc(`{"att":{"a:b":{"c/d":[{}]}},"prf":[],"exp":1}`),
		"no att":               enc(`{"prf":[]}`),
		"empty att":            enc(`{"att":{}}`),
		"att not object":       enc(`{"att":[]}`),
		"resource not URI":     enc(`{"att":{"no scheme":{"c/d":[{}]}}}`),
		"no abilities":         enc(`{"att":{"a:b":{}}}`),
		"ability without /":    enc(`{"att":{"a:b":{"cd":[{}]}}}`),
		"ability bad char":     enc(`{"att":{"a:b":{"c/d e":[{}]}}}`),
		"nota bene not list":   enc(`{"att":{"a:b":{"c/d":{}}}}`),
		"nota bene null":       enc(`{"att":{"a:b":{"c/d":null}}}`),
		"nota bene not object": enc(`{"att":{"a:b":{"c/d":[1]}}}`),
		"prf not strings":      enc(`{"att":{"a:b":{"c/d":[{}]}},"prf":[1]}`),
		"prf empty string":     enc(`{"att":{"a:b":{"c/d":[{}]}},"prf":[""]}`),
	} {
		if _, err := ParseRecap(u); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, want ErrMalformed", name, err)
		}
	}
	// Padding, which some encoders add, is tolerated.
	if _, err := ParseRecap(RecapPrefix + base64.URLEncoding.EncodeToString([]byte(`{"att":{"a:b":{"c/d":[{}]}}}`))); err != nil {
		t.Errorf("padded: %v", err)
	}
}

// FuzzParseRecap: the decoder never panics, refuses with ErrMalformed, and
// what it accepts survives an Encode/ParseRecap round trip unchanged.
func FuzzParseRecap(f *testing.F) {
	f.Add(eip5573URI)
	f.Add(litWildcards().Encode())
	for _, c := range loadLitCapabilities(f) {
		if m, err := ParseMessage(c.SignedMessage); err == nil {
			f.Add(m.Resources[len(m.Resources)-1])
		}
	}
	f.Add(RecapPrefix)
	f.Fuzz(func(t *testing.T, u string) {
		rc, err := ParseRecap(u)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			return
		}
		enc := rc.Encode()
		rc2, err := ParseRecap(enc)
		if err != nil {
			t.Fatalf("re-encoding %s does not parse: %v", enc, err)
		}
		if rc2.Encode() != enc || rc2.Statement() != rc.Statement() {
			t.Fatal("round trip changed the ReCap")
		}
	})
}
