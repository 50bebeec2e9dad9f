package client

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// A node's 429 rate_limit_exceeded comes back as ErrRateLimited with its
// Retry-After, through NodesError.
func TestRateLimitedError(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "7")
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(`{"errorKind":"RateLimit","errorCode":"rate_limit_exceeded","status":429,"message":"rate limit exceeded: x","correlationId":"r","details":[]}`))
	}))
	defer srv.Close()
	c := &Client{http: srv.Client(), opts: Options{Timeout: 5 * time.Second}}
	a := c.post(context.Background(), srv.URL, "/web/pkp/sign/v1", "rid", map[string]any{})
	if a.err == nil || a.err.Status != 429 || a.err.RetryAfter != 7*time.Second {
		t.Fatalf("answer: %+v", a.err)
	}
	err := error(&NodesError{Op: "pkp sign", Cause: ErrTooFewNodes, Nodes: []*NodeError{
		{URL: "other", Status: 503, Code: "NodeNoPresignatures"}, a.err}})
	if !errors.Is(err, ErrRateLimited) || !errors.Is(err, ErrTooFewNodes) {
		t.Fatalf("errors.Is: rate limited %v, too few %v", errors.Is(err, ErrRateLimited), errors.Is(err, ErrTooFewNodes))
	}
	if d, ok := RetryAfter(err); !ok || d != 7*time.Second {
		t.Fatalf("RetryAfter = %v %v, want 7s", d, ok)
	}
	other := &NodesError{Op: "pkp sign", Cause: ErrTooFewNodes, Nodes: []*NodeError{{URL: "x", Status: 503, Code: "NodeNoPresignatures"}}}
	if errors.Is(other, ErrRateLimited) {
		t.Fatal("a refusal of another code matched ErrRateLimited")
	}
	if _, ok := RetryAfter(other); ok {
		t.Fatal("RetryAfter found a quota refusal where there is none")
	}
	// A client that is refused by t + 1 nodes does not retry with another
	// leader: its quota is the same at every leader.
	cl := &Client{Threshold: 1}
	if cl.retryable(&NodesError{Op: "pkp sign", Cause: ErrTooFewNodes, Nodes: []*NodeError{
		{Code: "rate_limit_exceeded"}, {Code: "rate_limit_exceeded"}}}) {
		t.Fatal("retried a refusal of t+1 quotas")
	}
}
