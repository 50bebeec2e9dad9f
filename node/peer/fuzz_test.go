package peer

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func FuzzParsePath(f *testing.F) {
	for _, s := range []string{"/peer/v1/echo", "/peer/v1/", "/peer/v1/a/b", "/peer/v1/Echo", "/peer/ping",
		"/peer/v1/" + strings.Repeat("a", 33), "/peer/v1/dkg-round-2", "peer/v1/x", "/peer/v1/%61", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, path string) {
		kind, routed, ok := parsePath(path)
		if routed != strings.HasPrefix(path, kindPrefix) {
			t.Fatalf("routed=%v for %q", routed, path)
		}
		if !ok {
			if kind != "" {
				t.Fatalf("kind %q returned with !ok", kind)
			}
			return
		}
		if kindPrefix+kind != path || len(kind) < 1 || len(kind) > maxKind {
			t.Fatalf("kind %q from %q", kind, path)
		}
		for _, c := range kind {
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
				t.Fatalf("kind %q has %q", kind, c)
			}
		}
	})
}

func FuzzSanitize(f *testing.F) {
	for _, s := range []string{"", "plain error", "line\nbreak", "\x00\xff\xfe", "ünïcödé", strings.Repeat("x", 300), "\u202eevil", " \t "} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s := sanitize(b)
		if len(s) > 2*maxErrorText || !utf8.ValidString(s) {
			t.Fatalf("sanitize(%q) = %q", b, s)
		}
		for _, r := range s {
			if r != ' ' && !unicode.IsPrint(r) {
				t.Fatalf("sanitize(%q) kept %q", b, r)
			}
		}
		// A peer's error text turns into an error whose text is one line.
		e := &RemoteError{Peer: 1, Kind: "k", Status: 422, Message: s}
		if strings.ContainsAny(e.Error(), "\n\r") {
			t.Fatalf("multi-line error %q", e.Error())
		}
	})
}

// FuzzServeHTTP drives the request handler with arbitrary methods, paths,
// bodies and announced lengths from an authenticated peer.
func FuzzServeHTTP(f *testing.F) {
	d := newDir()
	const limit = 4096
	var got struct {
		kind string
		body []byte
		n    int
	}
	tr, err := New(Config{Self: 1, Key: newKey(f), Listen: "127.0.0.1:0", Directory: d, Logger: quiet, MaxBody: limit,
		Handler: func(_ context.Context, from uint32, kind string, body []byte) ([]byte, error) {
			got.kind, got.body = kind, body
			got.n++
			if from != 2 {
				panic("wrong sender")
			}
			switch kind {
			case "no":
				return nil, errNo
			case "unknown":
				return nil, ErrUnknownKind
			}
			return body, nil
		}})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { tr.Close() })
	key2 := newKey(f)
	d.set(2, "127.0.0.2:1", pub(key2))
	cert, err := selfSigned(key2)
	if err != nil {
		f.Fatal(err)
	}
	state := &tls.ConnectionState{Version: tls.VersionTLS13, PeerCertificates: []*x509.Certificate{cert.Leaf}}

	f.Add("POST", "/peer/v1/echo", []byte("hi"), int8(0))
	f.Add("POST", "/peer/v1/no", []byte{}, int8(0))
	f.Add("POST", "/peer/v1/unknown", []byte{}, int8(-128))
	f.Add("GET", "/peer/v1/echo", []byte{}, int8(0))
	f.Add("POST", "/peer/ping", []byte{}, int8(0))
	f.Add("POST", "/peer/v1/Echo", []byte("x"), int8(3))
	f.Add("POST", "/nowhere", []byte("x"), int8(-1))
	f.Add("POST", "/peer/v1/big", bytes.Repeat([]byte("b"), limit+1), int8(-128))
	f.Fuzz(func(t *testing.T, method, path string, body []byte, delta int8) {
		cl := int64(len(body)) + int64(delta)
		if delta == -128 || cl < 0 {
			cl = -1 // unknown length
		}
		req := (&http.Request{
			Method: method, URL: &url.URL{Path: path}, Header: http.Header{}, Proto: "HTTP/2.0", ProtoMajor: 2,
			Body: io.NopCloser(bytes.NewReader(body)), ContentLength: cl, TLS: state, RemoteAddr: "127.0.0.2:1",
		}).WithContext(context.Background())
		got.n = 0
		w := httptest.NewRecorder()
		tr.serveHTTP(w, req)
		kind, _, valid := parsePath(path)
		switch w.Code {
		case 200:
			n := cl
			if n < 0 {
				n = int64(len(body))
			}
			if !valid || method != "POST" || got.n != 1 || got.kind != kind || !bytes.Equal(got.body, body[:n]) ||
				!bytes.Equal(w.Body.Bytes(), body[:n]) || n > limit {
				t.Fatalf("200 for %s %q (%d bytes, length %d): handler saw %q %q", method, path, len(body), cl, got.kind, got.body)
			}
		case 204:
			if path != pingPath || method != "POST" {
				t.Fatalf("204 for %s %q", method, path)
			}
		case 400, 404, 405, 413, 422:
			if got.n > 1 {
				t.Fatal("handler ran twice")
			}
			if w.Code == 413 && got.n != 0 {
				t.Fatal("handler ran for an oversized body")
			}
		default:
			t.Fatalf("status %d for %s %q", w.Code, method, path)
		}
	})
}
