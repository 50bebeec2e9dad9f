package oauth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

const (
	goodToken   = "tok-GOOD.abc_123~+/=="
	discordApp  = "1052874239658692668"
	discordUser = "80351110224678912"
	googleApp   = "355007986731-llbjq5kbsg8ieb705mo64nfnh88dhlmn.apps.googleusercontent.com"
	googleUser  = "112805338087936768277"
)

// fakeProvider stands in for Discord and Google on 127.0.0.1. Each
// handler answers goodToken with body (when set) and refuses other tokens
// as the real provider does.
type fakeProvider struct {
	srv         *httptest.Server
	hits        atomic.Int32
	discordBody string
	googleBody  string
	status      int           // when non-zero, answered for every request
	delay       time.Duration // waited (or until the request is cancelled)
	redirectTo  string
}

func newFake(t *testing.T) *fakeProvider {
	f := &fakeProvider{
		discordBody: fmt.Sprintf(`{"application":{"id":%q,"name":"app"},"scopes":["identify"],"expires":"2030-01-01T00:00:00+00:00","user":{"id":%q,"username":"nelly"}}`, discordApp, discordUser),
		googleBody:  fmt.Sprintf(`{"issued_to":%q,"audience":%q,"user_id":%q,"scope":"openid https://www.googleapis.com/auth/userinfo.profile","expires_in":1577,"access_type":"online"}`, googleApp, googleApp, googleUser),
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeProvider) serve(w http.ResponseWriter, r *http.Request) {
	f.hits.Add(1)
	if f.delay > 0 {
		select {
		case <-time.After(f.delay):
		case <-r.Context().Done():
			return
		}
	}
	if f.redirectTo != "" {
		http.Redirect(w, r, f.redirectTo+r.URL.RequestURI(), http.StatusFound)
		return
	}
	if f.status != 0 {
		w.WriteHeader(f.status)
		return
	}
	if r.Method != http.MethodGet {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	switch r.URL.Path {
	case "/api/oauth2/@me":
		if r.Header.Get("Authorization") != "Bearer "+goodToken {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"message": "401: Unauthorized", "code": 0}`))
			return
		}
		_, _ = w.Write([]byte(f.discordBody))
	case "/oauth2/v1/tokeninfo":
		if r.URL.Query().Get("access_token") != goodToken || r.Header.Get("Authorization") != "" {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":"invalid_token","error_description":"Invalid Value"}`))
			return
		}
		_, _ = w.Write([]byte(f.googleBody))
	default:
		w.WriteHeader(http.StatusNotFound)
	}
}

func (f *fakeProvider) config() Config {
	return Config{
		DiscordAPI: f.srv.URL + "/api/", DiscordClientIDs: []string{"1", discordApp},
		GoogleAPI: f.srv.URL, GoogleClientIDs: []string{googleApp},
	}
}

func newVerifier(t *testing.T, cfg Config) *Verifier {
	t.Helper()
	v, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// refused checks that Verify fails with want and that the error text does
// not contain the token.
func refused(t *testing.T, v *Verifier, typ int, token string, want *Error) error {
	t.Helper()
	u, a, err := v.Verify(context.Background(), typ, token)
	if !errors.Is(err, want) {
		t.Fatalf("Verify(%d) = %q, %q, %v; want %s", typ, u, a, err, want.Code)
	}
	if u != "" || a != "" {
		t.Fatalf("Verify returned ids %q %q with an error", u, a)
	}
	if Code(err) != want.Code {
		t.Fatalf("Code = %q, want %q", Code(err), want.Code)
	}
	if len(token) >= 4 && (strings.Contains(err.Error(), token) || strings.Contains(err.Error(), url.QueryEscape(token))) {
		t.Fatalf("error text contains the access token: %v", err)
	}
	return err
}

func TestVerifyAccepted(t *testing.T) {
	f := newFake(t)
	v := newVerifier(t, f.config())
	for _, tc := range []struct {
		typ       int
		user, app string
	}{
		{Discord, discordUser, discordApp},
		{GoogleOAuth, googleUser, googleApp},
	} {
		u, a, err := v.Verify(context.Background(), tc.typ, goodToken)
		if err != nil || u != tc.user || a != tc.app {
			t.Errorf("Verify(%d) = %q, %q, %v; want %q, %q", tc.typ, u, a, err, tc.user, tc.app)
		}
	}
	if n := f.hits.Load(); n != 2 {
		t.Errorf("provider hit %d times, want 2", n)
	}
}

func TestVerifyProviderRefusesToken(t *testing.T) {
	f := newFake(t)
	v := newVerifier(t, f.config())
	err := refused(t, v, Discord, "not-the-token", ErrInvalidToken) // 401
	if want := f.srv.Listener.Addr().String() + "/api/oauth2/@me"; !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "401") {
		t.Errorf("error %q does not name %s and the status", err, want)
	}
	refused(t, v, GoogleOAuth, "not-the-token", ErrInvalidToken) // 400
	f.status = http.StatusForbidden
	refused(t, v, Discord, goodToken, ErrInvalidToken)
}

func TestVerifyRefusedAnswers(t *testing.T) {
	cases := []struct {
		name    string
		typ     int
		body    string
		want    *Error
		wantMsg string
	}{
		{"discord other app", Discord, `{"application":{"id":"999"},"user":{"id":"1"}}`, ErrWrongClient, `"999"`},
		{"google other client", GoogleOAuth, `{"issued_to":"evil.apps.googleusercontent.com","user_id":"1","expires_in":100}`, ErrWrongClient, "evil.apps"},
		{"discord no identify scope", Discord, `{"application":{"id":"1052874239658692668"},"scopes":["guilds"]}`, ErrInvalidToken, "identify"},
		{"discord no application", Discord, `{"user":{"id":"1"}}`, ErrBadResponse, "application.id"},
		{"discord numeric ids", Discord, `{"application":{"id":1052874239658692668},"user":{"id":1}}`, ErrBadResponse, ""},
		{"discord user id with colon", Discord, `{"application":{"id":"1052874239658692668"},"user":{"id":"1:2"}}`, ErrBadResponse, "user.id"},
		{"discord empty user id", Discord, `{"application":{"id":"1052874239658692668"},"user":{"id":""}}`, ErrBadResponse, "user.id"},
		{"google expired", GoogleOAuth, fmt.Sprintf(`{"issued_to":%q,"user_id":"1","expires_in":0}`, googleApp), ErrInvalidToken, "expired"},
		{"google no expires_in", GoogleOAuth, fmt.Sprintf(`{"issued_to":%q,"user_id":"1"}`, googleApp), ErrBadResponse, "expires_in"},
		{"google error on 200", GoogleOAuth, `{"error":"invalid_token"}`, ErrInvalidToken, ""},
		{"google no user_id", GoogleOAuth, fmt.Sprintf(`{"issued_to":%q,"expires_in":100}`, googleApp), ErrInvalidToken, "scope"},
		{"google no issued_to", GoogleOAuth, `{"user_id":"1","expires_in":100}`, ErrBadResponse, "issued_to"},
		{"not json", Discord, `<html>hello</html>`, ErrBadResponse, ""},
		{"json then garbage", GoogleOAuth, fmt.Sprintf(`{"issued_to":%q,"user_id":"1","expires_in":9} x`, googleApp), ErrBadResponse, ""},
		{"array", Discord, `[]`, ErrBadResponse, ""},
		{"null", Discord, `null`, ErrBadResponse, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFake(t)
			f.discordBody, f.googleBody = tc.body, tc.body
			err := refused(t, newVerifier(t, f.config()), tc.typ, goodToken, tc.want)
			if !strings.Contains(err.Error(), tc.wantMsg) {
				t.Errorf("error %q does not say %q", err, tc.wantMsg)
			}
		})
	}
}

func TestVerifyOversizedResponse(t *testing.T) {
	f := newFake(t)
	cfg := f.config()
	cfg.MaxResponseBytes = 1024
	v := newVerifier(t, cfg)
	pad := `,"pad":"` + strings.Repeat("x", 1024) + `"}`
	f.discordBody = strings.TrimSuffix(f.discordBody, "}") + pad
	f.googleBody = strings.TrimSuffix(f.googleBody, "}") + pad
	for _, typ := range []int{Discord, GoogleOAuth} {
		err := refused(t, v, typ, goodToken, ErrBadResponse)
		if !strings.Contains(err.Error(), "MaxResponseBytes") {
			t.Errorf("error %q does not name MaxResponseBytes", err)
		}
	}
	// The same answers fit the default bound.
	if _, _, err := newVerifier(t, f.config()).Verify(context.Background(), Discord, goodToken); err != nil {
		t.Fatal(err)
	}
}

func TestVerifyProviderUnavailable(t *testing.T) {
	t.Run("status", func(t *testing.T) {
		for _, s := range []int{http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway, http.StatusNotFound} {
			f := newFake(t)
			f.status = s
			err := refused(t, newVerifier(t, f.config()), GoogleOAuth, goodToken, ErrUnavailable)
			if !strings.Contains(err.Error(), fmt.Sprint(s)) {
				t.Errorf("error %q does not name status %d", err, s)
			}
		}
	})
	t.Run("down", func(t *testing.T) {
		f := newFake(t)
		v := newVerifier(t, f.config())
		f.srv.Close()
		refused(t, v, Discord, goodToken, ErrUnavailable)
		refused(t, v, GoogleOAuth, goodToken, ErrUnavailable)
	})
	t.Run("timeout", func(t *testing.T) {
		f := newFake(t)
		f.delay = 5 * time.Second
		cfg := f.config()
		cfg.Timeout = 100 * time.Millisecond
		v := newVerifier(t, cfg)
		start := time.Now()
		err := refused(t, v, GoogleOAuth, goodToken, ErrUnavailable)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %v, want about the 100ms timeout", d)
		}
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error %v does not wrap context.DeadlineExceeded", err)
		}
	})
	t.Run("caller cancels", func(t *testing.T) {
		f := newFake(t)
		f.delay = 5 * time.Second
		v := newVerifier(t, f.config())
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		_, _, err := v.Verify(ctx, Discord, goodToken)
		if !errors.Is(err, ErrUnavailable) || !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want ErrUnavailable wrapping context.Canceled", err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("took %v after cancel", d)
		}
	})
}

// A provider answering with a redirect must not get the token sent on to
// the redirect's target: for Google the token is in the query.
func TestVerifyDoesNotFollowRedirects(t *testing.T) {
	elsewhere := newFake(t)
	f := newFake(t)
	f.redirectTo = elsewhere.srv.URL
	v := newVerifier(t, f.config())
	refused(t, v, GoogleOAuth, goodToken, ErrUnavailable)
	refused(t, v, Discord, goodToken, ErrUnavailable)
	if n := elsewhere.hits.Load(); n != 0 {
		t.Fatalf("the redirect target was called %d times", n)
	}
}

func TestVerifyUnconfiguredCallsNothing(t *testing.T) {
	f := newFake(t)
	zero := newVerifier(t, Config{})
	for _, typ := range []int{Discord, GoogleOAuth} {
		err := refused(t, zero, typ, goodToken, ErrNotConfigured)
		if !strings.Contains(err.Error(), providerName(typ)+" API") {
			t.Errorf("error %q does not say which API to configure", err)
		}
	}
	discordOnly := f.config()
	discordOnly.GoogleAPI, discordOnly.GoogleClientIDs = "", nil
	refused(t, newVerifier(t, discordOnly), GoogleOAuth, goodToken, ErrNotConfigured)
	for _, typ := range []int{0, 1, 3, 6, 9, -1} {
		refused(t, newVerifier(t, f.config()), typ, goodToken, ErrUnsupportedType)
	}
	if n := f.hits.Load(); n != 0 {
		t.Fatalf("provider called %d times", n)
	}
}

func TestVerifyTokenBounds(t *testing.T) {
	f := newFake(t)
	cfg := f.config()
	cfg.MaxTokenBytes = 64
	v := newVerifier(t, cfg)
	for name, tok := range map[string]string{
		"empty":            "",
		"too long":         strings.Repeat("a", 65),
		"header injection": "abc\r\nX-Evil: 1",
		"query injection":  "abc&access_token=other",
		"space":            "abc def",
		"fragment":         "abc#x",
		"non-ascii":        "abcé",
		"nul":              "abc\x00",
		"char after pad":   "abc=d",
		"only padding":     "==",
	} {
		t.Run(name, func(t *testing.T) {
			for _, typ := range []int{Discord, GoogleOAuth} {
				refused(t, v, typ, tok, ErrInvalidToken)
			}
		})
	}
	if n := f.hits.Load(); n != 0 {
		t.Fatalf("provider called %d times for malformed tokens", n)
	}
	if _, _, err := v.Verify(context.Background(), Discord, strings.Repeat("a", 64)); !errors.Is(err, ErrInvalidToken) || !strings.Contains(err.Error(), "status 401") {
		t.Fatalf("a 64-byte token should reach the provider (and be refused there): %v", err)
	}
}

func TestNewRefusesBadConfig(t *testing.T) {
	ids := []string{"1"}
	for name, tc := range map[string]struct {
		cfg  Config
		want string
	}{
		"http to a remote host": {Config{DiscordAPI: "http://discord.com/api", DiscordClientIDs: ids}, "https"},
		"ftp":                   {Config{GoogleAPI: "ftp://127.0.0.1", GoogleClientIDs: ids}, "https"},
		"no host":               {Config{GoogleAPI: "https:///x", GoogleClientIDs: ids}, "scheme://host"},
		"query":                 {Config{GoogleAPI: "https://www.googleapis.com/?x=1", GoogleClientIDs: ids}, "query"},
		"userinfo":              {Config{DiscordAPI: "https://u:p@discord.com/api", DiscordClientIDs: ids}, "user"},
		"no client ids":         {Config{DiscordAPI: DefaultDiscordAPI}, "client ids"},
		"ids without API":       {Config{GoogleClientIDs: ids}, "no google API"},
		"bad client id":         {Config{GoogleAPI: DefaultGoogleAPI, GoogleClientIDs: []string{"a b"}}, "client id"},
		"too many client ids":   {Config{GoogleAPI: DefaultGoogleAPI, GoogleClientIDs: make([]string, maxClientIDs+1)}, "more than"},
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := New(tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("New = %v, want an error saying %q", err, tc.want)
			}
		})
	}
	for _, ok := range []Config{
		{},
		{DiscordAPI: DefaultDiscordAPI, DiscordClientIDs: ids, GoogleAPI: DefaultGoogleAPI, GoogleClientIDs: ids},
		{DiscordAPI: "http://localhost:8080/api", DiscordClientIDs: ids},
		{GoogleAPI: "http://[::1]:8080", GoogleClientIDs: ids},
	} {
		if _, err := New(ok); err != nil {
			t.Errorf("New(%+v) = %v", ok, err)
		}
	}
}

// The caller's http.Client is used (here: its transport) but not changed.
func TestNewUsesCallersClient(t *testing.T) {
	f := newFake(t)
	var used atomic.Int32
	mine := &http.Client{Transport: roundTripper(func(r *http.Request) (*http.Response, error) {
		used.Add(1)
		return http.DefaultTransport.RoundTrip(r)
	})}
	cfg := f.config()
	cfg.HTTPClient = mine
	if _, _, err := newVerifier(t, cfg).Verify(context.Background(), Discord, goodToken); err != nil {
		t.Fatal(err)
	}
	if used.Load() != 1 {
		t.Fatalf("caller's transport used %d times", used.Load())
	}
	if mine.CheckRedirect != nil {
		t.Fatal("New changed the caller's client")
	}
}

type roundTripper func(*http.Request) (*http.Response, error)

func (f roundTripper) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
