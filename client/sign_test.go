package client

import (
	"errors"
	"fmt"
	"testing"
)

func TestRetryable(t *testing.T) {
	nodes := func(codes ...string) error {
		ne := &NodesError{Op: "pkp sign", Cause: ErrTooFewNodes}
		for _, c := range codes {
			ne.Nodes = append(ne.Nodes, &NodeError{URL: "n", Status: 503, Code: c})
		}
		return fmt.Errorf("wrapped: %w", ne)
	}
	cases := []struct {
		name string
		err  error
		want bool
	}{
		{"leader had none", nodes("NodeNoPresignatures", "NodeNoPresignatures"), true},
		{"leader unreachable", nodes("NodeLeaderUnreachable", "NodeNoPresignatures"), true},
		{"one refused for another reason", nodes("NodeNoPresignatures", "NodeAuthSigInvalid"), false},
		{"no node answers", nodes(), false},
		{"not a nodes error", errors.New("boom"), false},
	}
	for _, c := range cases {
		if got := retryable(c.err); got != c.want {
			t.Errorf("%s: retryable = %v, want %v", c.name, got, c.want)
		}
	}
}
