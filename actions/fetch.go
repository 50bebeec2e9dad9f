package actions

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/dop251/goja"
)

const fetchesLimit = "You may not send more than %d HTTP requests per session and you have attempted to exceed that limit."

// opFetch sends one HTTP request and resolves to {status, statusText, url, redirected, headers, body};
// the prelude wraps it in a Response. The body is read whole, up to Limits.FetchSize and what is left of
// Limits.FetchBytes. The destination must pass the egress policy (Limits.Egress), and so must every
// redirect and every address the host name resolves to.
func (x *execution) opFetch(c goja.FunctionCall) goja.Value {
	if n := x.t.fetches.Add(1); n > int64(x.t.lim.Fetches) {
		return x.rejectWith(limitErr(ErrFetches, fetchesLimit, x.t.lim.Fetches))
	}
	raw := c.Argument(0).String()
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return x.rejectWith(typeError("Invalid URL: %q", truncate(raw, 200)))
	}
	// Addresses and known names are refused here, before any DNS lookup; the dialer checks the rest.
	if err := x.t.fetch.pol.checkURL(u); err != nil {
		return x.rejectWith(err)
	}
	method := c.Argument(1).String()
	header := http.Header{}
	var pairs [][]string
	if err := x.rt.ExportTo(c.Argument(2), &pairs); err != nil {
		return x.rejectWith(typeError("invalid headers"))
	}
	for _, p := range pairs {
		if len(p) == 2 {
			header.Add(p[0], p[1])
		}
	}
	var body []byte
	if b, ok := x.bytesOf(c.Argument(3)); ok {
		body = append([]byte(nil), b...)
	}
	if body != nil && (method == http.MethodGet || method == http.MethodHead) {
		return x.rejectWith(typeError("Request with GET/HEAD method cannot have body."))
	}
	lim := x.t.lim
	client := x.t.fetch.client
	budget := &byteBudget{used: &x.t.fetchBytes, max: lim.FetchBytes}
	return x.async(func(ctx context.Context) func() (goja.Value, error) {
		ctx, cancel := context.WithTimeout(ctx, lim.FetchTimeout)
		defer cancel()
		res, err := doFetch(ctx, client, method, u, header, body, lim.FetchSize, budget)
		return func() (goja.Value, error) {
			if err != nil {
				return nil, err
			}
			var hs []any
			for k, vs := range res.Header {
				for _, v := range vs {
					hs = append(hs, x.rt.NewArray(strings.ToLower(k), v))
				}
			}
			o := x.rt.NewObject()
			_ = o.Set("status", res.StatusCode)
			_ = o.Set("statusText", strings.TrimSpace(strings.TrimPrefix(res.Status, strings.Split(res.Status, " ")[0])))
			_ = o.Set("url", res.URL)
			_ = o.Set("redirected", res.URL != u.String())
			_ = o.Set("headers", x.rt.NewArray(hs...))
			_ = o.Set("body", x.newBytes(res.Body))
			return o, nil
		}
	})
}

type fetched struct {
	StatusCode int
	Status     string
	URL        string
	Header     http.Header
	Body       []byte
}

// byteBudget is what the fetches of one execution, child Actions included, may read in total.
type byteBudget struct {
	used *atomic.Int64
	max  int64
}

func (b *byteBudget) exceeded() error {
	return limitErr(ErrFetchBytes, "The fetch responses of this execution are larger than the limit of %d bytes in total (fetch byte budget).", b.max)
}

// budgetReader counts what it reads against a budget as it reads, so concurrent fetches share it.
type budgetReader struct {
	r io.Reader
	b *byteBudget
}

func (br *budgetReader) Read(p []byte) (int, error) {
	n, err := br.r.Read(p)
	if n > 0 && br.b.used.Add(int64(n)) > br.b.max {
		return n, br.b.exceeded()
	}
	return n, err
}

func doFetch(ctx context.Context, client *http.Client, method string, u *url.URL, header http.Header, body []byte, maxBody int64, budget *byteBudget) (*fetched, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return nil, typeError("fetch: %v", err)
	}
	req.Header = header
	if req.Header.Get("User-Agent") == "" {
		req.Header.Set("User-Agent", "flint-lit-actions")
	}
	if budget.used.Load() >= budget.max {
		return nil, budget.exceeded()
	}
	resp, err := client.Do(req)
	if err != nil {
		// A refusal of the egress policy, at a redirect or at connect time, reaches the Action as it is.
		var ee *egressError
		if errors.As(err, &ee) {
			return nil, ee
		}
		if errors.Is(err, ErrEgress) {
			return nil, err
		}
		return nil, typeError("error sending request for url (%s): %v", u.Redacted(), errors.Unwrap(err))
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(&budgetReader{r: resp.Body, b: budget}, maxBody+1))
	if errors.Is(err, ErrFetchBytes) {
		return nil, err
	}
	if err != nil {
		return nil, typeError("error reading a body from connection: %v", err)
	}
	if int64(len(b)) > maxBody {
		return nil, limitErr(ErrFetchSize, "The response body of %s is larger than the limit of %d bytes.", u.Redacted(), maxBody)
	}
	return &fetched{StatusCode: resp.StatusCode, Status: resp.Status, URL: resp.Request.URL.String(), Header: resp.Header, Body: b}, nil
}
