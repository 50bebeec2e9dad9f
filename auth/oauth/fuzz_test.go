package oauth

import (
	"errors"
	"testing"
)

// FuzzParse feeds arbitrary provider answers to both parsers: they never
// panic, fail only with this package's errors, and whatever they accept is
// a pair of ids that is safe to hash as "<userId>:<appId>".
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"application":{"id":"1"},"user":{"id":"2"}}`))
	f.Add([]byte(`{"issued_to":"a.apps.googleusercontent.com","user_id":"1","expires_in":5}`))
	f.Add([]byte(`{"error":"invalid_token"}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"user":{"id":"a:b"},"application":{"id":"x"}}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, parse := range []func([]byte) (string, string, error){parseDiscord, parseGoogle} {
			u, a, err := parse(body)
			if err != nil {
				if Code(err) == "" {
					t.Fatalf("error without a code: %v", err)
				}
				if !errors.Is(err, ErrBadResponse) && !errors.Is(err, ErrInvalidToken) {
					t.Fatalf("unexpected reason: %v", err)
				}
				continue
			}
			if !validUserID(u) || !validID(a) {
				t.Fatalf("accepted ids %q %q", u, a)
			}
		}
	})
}

// FuzzCheckToken: whatever checkToken accepts is a bounded b64token, so it
// is safe in an Authorization header and a query value.
func FuzzCheckToken(f *testing.F) {
	v := &Verifier{maxToken: DefaultMaxTokenBytes}
	f.Add("ya29.a0AfH6SMB-x_y~z+/==")
	f.Add("a\r\nb")
	f.Add("=")
	f.Fuzz(func(t *testing.T, tok string) {
		if err := v.checkToken(tok); err != nil {
			if !errors.Is(err, ErrInvalidToken) {
				t.Fatalf("unexpected reason: %v", err)
			}
			return
		}
		if tok == "" || len(tok) > DefaultMaxTokenBytes {
			t.Fatalf("accepted %d-byte token", len(tok))
		}
		for i := 0; i < len(tok); i++ {
			if c := tok[i]; c <= ' ' || c > '~' || c == '&' || c == '#' || c == '%' || c == ':' {
				t.Fatalf("accepted byte %q", c)
			}
		}
	})
}
