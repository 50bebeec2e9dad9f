package client

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
)

// Each retry's request id has a leader none of the earlier attempts had,
// as long as there is one: with t corrupt nodes, t + 1 attempts reach an
// honest leader.
func TestRequestIDsAvoidEarlierLeaders(t *testing.T) {
	c := &Client{index: map[string]uint32{"a": 1, "b": 2, "c": 3, "d": 4}, Threshold: 1}
	var tried []uint32
	for range 4 {
		rid, leader := c.requestIDAvoiding(tried)
		if got := tecdsa.Leader([]byte(rid), []uint32{1, 2, 3, 4}); got != leader {
			t.Fatalf("leader %d reported, %d computed", leader, got)
		}
		if slices.Contains(tried, leader) {
			t.Fatalf("leader %d again after %v", leader, tried)
		}
		tried = append(tried, leader)
	}
	if _, leader := c.requestIDAvoiding(tried); leader == 0 {
		t.Fatal("no request id once every node led one")
	}
}

// A client connected before node 5 joined talks to nodes 1–4; once the
// handshakes name the set 1–5, it chooses request ids whose leader, over
// that set as the nodes compute it, is one it reaches — and still none of
// the earlier attempts'.
func TestRequestIDsAvoidUnknownLeaders(t *testing.T) {
	c := &Client{index: map[string]uint32{"a": 1, "b": 2, "c": 3, "d": 4}, Threshold: 1}
	c.committee, c.epoch = agreedIndices([]*Handshake{
		{Epoch: 2, NodeIndices: []uint32{1, 2, 3, 4, 5}}, {Epoch: 2, NodeIndices: []uint32{1, 2, 3, 4, 5}}, {Epoch: 1, NodeIndices: []uint32{1, 2, 3, 4}},
	}, c.Threshold)
	if !slices.Equal(c.committee, []uint32{1, 2, 3, 4, 5}) || c.requestEpoch() != 2 {
		t.Fatalf("committee %v, epoch %d", c.committee, c.requestEpoch())
	}
	tried := []uint32{2}
	for range 200 {
		rid, leader := c.requestIDAvoiding(tried)
		if got := tecdsa.Leader([]byte(rid), []uint32{1, 2, 3, 4, 5}); got != leader {
			t.Fatalf("leader %d reported, %d computed over the committee", leader, got)
		}
		if leader == 5 || leader == 2 {
			t.Fatalf("leader %d (unknown or tried)", leader)
		}
	}
	// One node's word is not enough (it could steer leaders to itself).
	if got, _ := agreedIndices([]*Handshake{{NodeIndices: []uint32{1, 2, 3, 4, 5}}, {}, {}}, 1); got != nil {
		t.Fatalf("a set named by one node taken: %v", got)
	}
}

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
		{"one refused for another reason", nodes("NodeNoPresignatures", "NodeAuthSigInvalid"), true},
		{"t+1 refused for another reason", nodes("NodeNoPresignatures", "NodeAuthSigInvalid", "NodeAuthSigInvalid"), false},
		{"no node answers", nodes(), false},
		{"binding not endorsed", nodes("NodeBindingNotEndorsed", "NodeLeaderUnreachable"), true},
		{"a (perhaps corrupt) leader refused", nodes("NodePKPNotAuthorized", "NodeLeaderRefused", "NodeLeaderRefused", "NodeLeaderRefused"), true},
		{"shares do not combine", &NodesError{Op: "pkp sign", Cause: tecdsa.ErrInvalidSignature}, true},
		{"not a nodes error", errors.New("boom"), false},
	}
	cl := &Client{Threshold: 1}
	for _, c := range cases {
		if got := cl.retryable(c.err); got != c.want {
			t.Errorf("%s: retryable = %v, want %v", c.name, got, c.want)
		}
	}
}

// A node's pkp sign answer is untrusted input: parseShare must refuse what
// is malformed with an error, never panic, and what it accepts must carry a
// 32-byte digest and points on the curve.
func FuzzParseShare(f *testing.F) {
	f.Add([]byte(`{"signatureShare":{"digest":"\"AB\"","result":"success","share_index":1,"signature_share":"\"01\"","big_r":"\"02\"","public_key":"\"03\"","sig_type":"K256"}}`))
	f.Add([]byte(`{"signatureShare":{"digest":"fail","result":"fail","share_index":0,"signature_share":"","big_r":"","public_key":""}}`))
	f.Add([]byte(`{"signatureShare":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		sh, err := parseShare(body, pointCache{})
		if err != nil || sh == nil {
			return
		}
		for _, pt := range []secp.Point{sh.R, sh.PublicKey} {
			u := secp.Uncompressed(&pt)
			if _, err := secp.ParsePublicKey(u[:]); err != nil {
				t.Fatalf("accepted a point that does not parse back: %v", err)
			}
		}
	})
}
