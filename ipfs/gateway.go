package ipfs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// DefaultGatewayTimeout bounds one gateway fetch when NewGateway is given 0.
const DefaultGatewayTimeout = 30 * time.Second

// Gateway fetches content from one IPFS HTTP gateway (GET <base>/ipfs/<cid>)
// and returns it only if it hashes to the requested CID. Content added with
// non-default importer settings (another chunker, raw leaves) has a different
// CID and so cannot be verified this way; such a CID never names an Action
// published with `ipfs add`'s defaults either.
type Gateway struct {
	base    *url.URL
	client  *http.Client
	timeout time.Duration
}

// NewGateway returns a fetcher for the gateway at baseURL (http or https,
// e.g. "https://ipfs.io" or "http://127.0.0.1:8080"). client nil means
// http.DefaultClient; timeout ≤ 0 means DefaultGatewayTimeout.
func NewGateway(baseURL string, client *http.Client, timeout time.Duration) (*Gateway, error) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return nil, fmt.Errorf("ipfs: gateway URL %q: %w", baseURL, err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("ipfs: gateway URL %q: want http(s)://host[:port][/path]", baseURL)
	}
	if client == nil {
		client = http.DefaultClient
	}
	if timeout <= 0 {
		timeout = DefaultGatewayTimeout
	}
	return &Gateway{base: u, client: client, timeout: timeout}, nil
}

// String returns the gateway's base URL.
func (g *Gateway) String() string { return g.base.String() }

// Fetch downloads c. It fails with ErrNotFound (HTTP 404 or 410), ErrTooLarge
// (more than maxSize bytes; maxSize must be > 0), ErrMismatch (the bytes hash
// to another CID), or ErrGateway (anything else, including the timeout).
func (g *Gateway) Fetch(ctx context.Context, c CID, maxSize int64) ([]byte, error) {
	if c.IsZero() {
		return nil, fmt.Errorf("%w: zero CID", ErrBadCID)
	}
	if maxSize <= 0 {
		return nil, fmt.Errorf("ipfs: gateway fetch needs a size limit")
	}
	ctx, cancel := context.WithTimeout(ctx, g.timeout)
	defer cancel()
	u := g.base.JoinPath("ipfs", c.String())
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrGateway, g, err)
	}
	resp, err := g.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: GET %s: %w", ErrGateway, g, c, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return nil, fmt.Errorf("%w: %s answered %d for %s", ErrNotFound, g, resp.StatusCode, c)
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("%w: %s answered %d for %s", ErrGateway, g, resp.StatusCode, c)
	}
	if resp.ContentLength > maxSize {
		return nil, fmt.Errorf("%w: %s announces %d bytes for %s, limit %d", ErrTooLarge, g, resp.ContentLength, c, maxSize)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxSize+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %s: reading %s: %w", ErrGateway, g, c, err)
	}
	if int64(len(data)) > maxSize {
		return nil, fmt.Errorf("%w: %s sent more than %d bytes for %s", ErrTooLarge, g, maxSize, c)
	}
	if got := Sum(data); got != c {
		return nil, fmt.Errorf("%w: %s sent %d bytes for %s that hash to %s", ErrMismatch, g, len(data), c, got)
	}
	return data, nil
}

// isNotFound reports whether err says only that the content is absent.
func isNotFound(err error) bool {
	return errors.Is(err, ErrNotFound) && !errors.Is(err, ErrGateway) &&
		!errors.Is(err, ErrMismatch) && !errors.Is(err, ErrTooLarge)
}
