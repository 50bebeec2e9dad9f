package auth

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// eipExample is the example message of EIP-4361.
const eipExample = `service.org wants you to sign in with your Ethereum account:
0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2

I accept the ServiceOrg Terms of Service: https://service.org/tos

URI: https://service.org/login
Version: 1
Chain ID: 1
Nonce: 32891756
Issued At: 2021-09-30T16:25:24Z
Resources:
- ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/
- https://example.com/my-web2-claim.json`

func TestParseMessageEIPExample(t *testing.T) {
	m, err := ParseMessage(eipExample)
	if err != nil {
		t.Fatal(err)
	}
	want := &Message{
		Domain:    "service.org",
		Address:   common.HexToAddress("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"),
		Statement: "I accept the ServiceOrg Terms of Service: https://service.org/tos",
		URI:       "https://service.org/login",
		Version:   "1",
		ChainID:   1,
		Nonce:     "32891756",
		IssuedAt:  time.Date(2021, 9, 30, 16, 25, 24, 0, time.UTC),
		Resources: []string{
			"ipfs://bafybeiemxf5abjwjbikoz4mc3a3dla6ual3jsgpdr4cjr3oz3evfyavhwq/",
			"https://example.com/my-web2-claim.json",
		},
	}
	if !messagesEqual(m, want) {
		t.Fatalf("parsed %+v\nwant %+v", m, want)
	}
}

func TestParseMessageAllFields(t *testing.T) {
	s := "https://example.com:8443 wants you to sign in with your Ethereum account:\n" +
		"0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2\n\n\n" + // no statement
		"URI: did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK\n" +
		"Version: 1\nChain ID: 137\nNonce: abcdEFGH1234\n" +
		"Issued At: 2024-01-01T00:00:00.123+02:00\n" +
		"Expiration Time: 2024-01-02T00:00:00Z\n" +
		"Not Before: 2024-01-01T00:00:01Z\n" +
		"Request ID: req-1:@!$\n" +
		"Resources:"
	m, err := ParseMessage(s)
	if err != nil {
		t.Fatal(err)
	}
	if m.Scheme != "https" || m.Domain != "example.com:8443" || m.Statement != "" || m.ChainID != 137 ||
		m.RequestID != "req-1:@!$" || len(m.Resources) != 0 ||
		!m.IssuedAt.Equal(time.Date(2023, 12, 31, 22, 0, 0, 123e6, time.UTC)) ||
		!m.NotBefore.Equal(time.Date(2024, 1, 1, 0, 0, 1, 0, time.UTC)) {
		t.Fatalf("parsed %+v", m)
	}
	// An empty statement (three blank lines) is also allowed by the ABNF.
	empty := strings.Replace(s, "\n\n\nURI", "\n\n\n\nURI", 1)
	if _, err := ParseMessage(empty); err != nil {
		t.Fatalf("empty statement: %v", err)
	}
}

func TestMessageRoundTrip(t *testing.T) {
	w := newWallet(t)
	m := w.siwe("lit:session:abcd", t0, t0.Add(time.Hour))
	m.NotBefore = t0.Add(time.Second)
	m.RequestID = "42"
	m.Resources = []string{litWildcards().Encode(), "https://x.example/a?b#c"}
	m.Scheme = "http"
	got, err := ParseMessage(m.String())
	if err != nil {
		t.Fatalf("%v\n%s", err, m)
	}
	if !messagesEqual(got, m) {
		t.Fatalf("round trip:\n%+v\n%+v", got, m)
	}
}

func messagesEqual(a, b *Message) bool {
	return a.Scheme == b.Scheme && a.Domain == b.Domain && a.Address == b.Address &&
		a.Statement == b.Statement && a.URI == b.URI && a.Version == b.Version &&
		a.ChainID == b.ChainID && a.Nonce == b.Nonce && a.IssuedAt.Equal(b.IssuedAt) &&
		a.ExpirationTime.Equal(b.ExpirationTime) && a.NotBefore.Equal(b.NotBefore) &&
		a.RequestID == b.RequestID && (len(a.Resources) == 0 && len(b.Resources) == 0 || reflect.DeepEqual(a.Resources, b.Resources))
}

func TestParseMessageRejects(t *testing.T) {
	mut := func(old, new string) string {
		if !strings.Contains(eipExample, old) {
			t.Fatalf("fixture lacks %q", old)
		}
		return strings.Replace(eipExample, old, new, 1)
	}
	for name, s := range map[string]string{
		"empty":                 "",
		"header":                mut("wants you to sign in", "wants you to log in"),
		"no domain":             mut("service.org wants", " wants"),
		"domain with space":     mut("service.org wants", "service org wants"),
		"domain with path":      mut("service.org wants", "service.org/x wants"),
		"bad scheme":            mut("service.org wants", "1http://service.org wants"),
		"lower-case address":    mut("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2"),
		"bad checksum":          mut("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756CC2"),
		"short address":         mut("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756C"),
		"no 0x":                 mut("0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2", "C02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2"),
		"no blank after addr":   mut("Cc2\n\nI accept", "Cc2\nI accept"),
		"no blank after stmt":   mut("/tos\n\nURI", "/tos\nURI"),
		"quote in statement":    mut("I accept the", `I "accept" the`),
		"percent in statement":  mut("I accept the", "I accept 100% the"),
		"non-ASCII statement":   mut("I accept the", "I accépt the"),
		"URI with space":        mut("https://service.org/login", "https://service.org/log in"),
		"relative URI":          mut("https://service.org/login", "/login"),
		"URI bad authority":     mut("https://service.org/login", "https://serv^ice.org/login"),
		"URI bad pct":           mut("https://service.org/login", "https://service.org/%zz"),
		"version 2":             mut("Version: 1", "Version: 2"),
		"chain id empty":        mut("Chain ID: 1", "Chain ID: "),
		"chain id hex":          mut("Chain ID: 1", "Chain ID: 0x1"),
		"chain id overflow":     mut("Chain ID: 1", "Chain ID: 99999999999999999999999"),
		"nonce short":           mut("Nonce: 32891756", "Nonce: 3289175"),
		"nonce symbol":          mut("Nonce: 32891756", "Nonce: 32891756-"),
		"issued at not RFC3339": mut("2021-09-30T16:25:24Z", "2021-09-30 16:25:24"),
		"issued at no zone":     mut("2021-09-30T16:25:24Z", "2021-09-30T16:25:24"),
		"issued at bad month":   mut("2021-09-30T16:25:24Z", "2021-13-30T16:25:24Z"),
		"no issued at":          mut("Issued At: 2021-09-30T16:25:24Z\n", ""),
		"fields out of order":   mut("Version: 1\nChain ID: 1", "Chain ID: 1\nVersion: 1"),
		"optional out of order": mut("Issued At: 2021-09-30T16:25:24Z", "Issued At: 2021-09-30T16:25:24Z\nNot Before: 2021-09-30T16:25:24Z\nExpiration Time: 2021-10-30T16:25:24Z"),
		"bad expiration":        mut("Issued At: 2021-09-30T16:25:24Z", "Issued At: 2021-09-30T16:25:24Z\nExpiration Time: tomorrow"),
		"bad request id":        mut("Issued At: 2021-09-30T16:25:24Z", "Issued At: 2021-09-30T16:25:24Z\nRequest ID: a b"),
		"resource not dash":     mut("- https://example.com", "* https://example.com"),
		"resource not URI":      mut("- https://example.com/my-web2-claim.json", "- not a uri"),
		"trailing newline":      eipExample + "\n",
		"extra line":            eipExample + "\nhello",
		"CRLF":                  strings.ReplaceAll(eipExample, "\n", "\r\n"),
		"unknown field":         mut("Nonce: 32891756\n", "Nonce: 32891756\nColor: blue\n"),
	} {
		if _, err := ParseMessage(s); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: err = %v, want ErrMalformed", name, err)
		}
	}
}

func TestURIGrammar(t *testing.T) {
	for _, u := range []string{
		"https://service.org/login", "lit:session:abc", "did:key:z6Mk", "urn:recap:eyJ",
		"lit-pkp://*", "lit-accesscontrolcondition://ab/cd", "http://[::1]:8080/", "http://[v1.x]/",
		"mailto:user@example.com", "http://u:p@h:1/p?q=1&r#f", "x:", "a+b.c-d:/p",
	} {
		if !validURI(u) {
			t.Errorf("validURI(%q) = false", u)
		}
	}
	for _, u := range []string{
		"", "no-scheme", ":x", "1a:x", "http://h:port/", "http://[::1/", "http://[fe80::1%25eth0]/",
		"http://[1.2.3.4]/", "http://a b/", "http://h/a b", "x:%4", "x:a#b#c", "http://h/\"",
		"http://a@b@c/",
	} {
		if validURI(u) {
			t.Errorf("validURI(%q) = true", u)
		}
	}
}

// FuzzParseMessage: the parser never panics, every refusal wraps
// ErrMalformed, and whatever it accepts renders back to an equal message.
func FuzzParseMessage(f *testing.F) {
	w := newWallet(f)
	f.Add(eipExample)
	f.Add(w.grantSIWE(make([]byte, 32), litWildcards(), t0, t0.Add(time.Hour)).String())
	for _, c := range loadLitCapabilities(f) {
		f.Add(c.SignedMessage)
	}
	f.Add("a wants you to sign in with your Ethereum account:\n0x0000000000000000000000000000000000000000\n\n\nURI: a:\nVersion: 1\nChain ID: 0\nNonce: 00000000\nIssued At: 2000-01-01T00:00:00Z")
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMessage(s)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			return
		}
		m2, err := ParseMessage(m.String())
		if err != nil {
			t.Fatalf("rendering of accepted message does not parse: %v\n%q", err, m.String())
		}
		if !messagesEqual(m, m2) {
			t.Fatalf("round trip differs:\n%+v\n%+v", m, m2)
		}
	})
}
