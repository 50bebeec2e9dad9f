package node

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
)

// JSON-RPC providers put their API keys in the URL: in the userinfo
// (https://user:key@host), the path (https://host/v3/<key>) or the query
// (https://host/?apikey=<key>). Go's http.Client quotes the URL it was
// given in every error it returns ("Post \"https://host/v3/<key>\": EOF"),
// and go-ethereum passes those errors up unchanged, so any error of a
// chain client may carry the key into a log line, an Action's exception or
// an answer. The node therefore never hands those parts of a URL to the
// client: dialRPC gives it only scheme://host, and secretURLTransport, below
// http.Client, sends each request to the full URL.

// redactURL is raw with only its scheme and host: what a log, an error or
// Config.String may show of an RPC URL.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "(an RPC URL that is not scheme://host/…)"
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host}).String()
}

// dialRPC connects to the JSON-RPC endpoint at raw. Over http(s) no error of
// the client holds more of raw than redactURL shows; over ws(s) the URL is
// used at dial time only, and the dial error is reported with the redacted
// URL.
func dialRPC(ctx context.Context, raw string) (*ethclient.Client, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("RPC URL %s: not an absolute URL", redactURL(raw))
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		c, err := ethclient.DialContext(ctx, raw)
		if err != nil {
			return nil, fmt.Errorf("dialing %s: %s", redactURL(raw), redactedText(err, raw))
		}
		return c, nil
	}
	public := redactURL(raw)
	hc := &http.Client{Transport: &secretURLTransport{public: public, full: u, base: http.DefaultTransport}}
	c, err := rpc.DialOptions(ctx, public, rpc.WithHTTPClient(hc))
	if err != nil {
		return nil, fmt.Errorf("dialing %s: %w", public, err)
	}
	return ethclient.NewClient(c), nil
}

// redactedText is the text of a dial error, with raw (which it may quote)
// redacted.
func redactedText(err error, raw string) string {
	return strings.ReplaceAll(err.Error(), raw, redactURL(raw))
}

// secretURLTransport sends the requests a client makes to public (the
// scheme and host of full) to full, with full's userinfo as Basic auth.
// Requests elsewhere (a redirect) go unchanged.
type secretURLTransport struct {
	public string
	full   *url.URL
	base   http.RoundTripper
}

func (t *secretURLTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.String() != t.public && req.URL.String() != t.public+"/" {
		return t.base.RoundTrip(req)
	}
	r := req.Clone(req.Context())
	u := *t.full
	u.User = nil
	r.URL = &u
	if t.full.User != nil && r.Header.Get("Authorization") == "" {
		pw, _ := t.full.User.Password()
		r.SetBasicAuth(t.full.User.Username(), pw)
	}
	return t.base.RoundTrip(r)
}
