// Package client is Flint's Go SDK: it talks to a network's nodes the way
// Lit's JS SDK v7 does (the same endpoints and JSON), combines their shares
// into signatures it verifies, and names the nodes that answer wrongly.
package client

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/wire"
)

// Version is sent as X-Lit-SDK-Version.
const Version = "7.4.0"

// Errors of the client.
var (
	// ErrTooFewNodes: fewer nodes answered than a quorum needs.
	ErrTooFewNodes = errors.New("client: too few nodes answered")
	// ErrDisagree: nodes disagree on the network's keys.
	ErrDisagree = errors.New("client: nodes disagree")
	// ErrRateLimited: a node refused the request under its quotas (HTTP
	// 429 rate_limit_exceeded); RetryAfter says when to come back.
	ErrRateLimited = errors.New("client: rate limit exceeded")
)

// codeRateLimited is the errorCode of a quota's refusal.
const codeRateLimited = "rate_limit_exceeded"

// RetryAfter returns the longest Retry-After of the nodes that refused err
// under their quotas, and whether any did.
func RetryAfter(err error) (time.Duration, bool) {
	var longest time.Duration
	found := false
	var visit func(error)
	visit = func(e error) {
		if ne, ok := e.(*NodeError); ok && ne.Code == codeRateLimited {
			found = true
			longest = max(longest, ne.RetryAfter)
		}
		switch u := e.(type) {
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				visit(x)
			}
		case interface{ Unwrap() error }:
			if x := u.Unwrap(); x != nil {
				visit(x)
			}
		}
	}
	visit(err)
	return longest, found
}

// NodeError is one node's failure, with the error code it answered.
type NodeError struct {
	URL     string
	Status  int    // HTTP status, 0 when the node did not answer
	Code    string // the node's errorCode
	Message string
	Logs    string // an Action's console output, when an execution failed
	Err     error  // transport error, if any
	// RetryAfter is the node's Retry-After header (0 when none): how long a
	// quota's refusal (ErrRateLimited) asks the caller to wait.
	RetryAfter time.Duration

	body []byte // the answer, for callers that read more of it
}

func (e *NodeError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %v", e.URL, e.Err)
	}
	return fmt.Sprintf("%s: %d %s: %s", e.URL, e.Status, e.Code, e.Message)
}

func (e *NodeError) Unwrap() error { return e.Err }

// Is makes a quota's refusal match ErrRateLimited.
func (e *NodeError) Is(target error) bool {
	return target == ErrRateLimited && e.Code == codeRateLimited
}

// NodesError gathers the failures of one operation.
type NodesError struct {
	Op    string
	Cause error
	Nodes []*NodeError
}

func (e *NodesError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %v", e.Op, e.Cause)
	for _, n := range e.Nodes {
		b.WriteString("\n  ")
		b.WriteString(n.Error())
	}
	return b.String()
}

// Unwrap gives the cause and every node's failure, so errors.Is(err,
// ErrRateLimited) holds when a node refused under its quotas.
func (e *NodesError) Unwrap() []error {
	var out []error
	if e.Cause != nil {
		out = append(out, e.Cause)
	}
	for _, n := range e.Nodes {
		out = append(out, n)
	}
	return out
}

// Options configure a Client.
type Options struct {
	// Timeout bounds each call to a node (default 60 s: longer than an
	// Action's 30 s limit, so a slow Action ends with the node's answer).
	Timeout time.Duration
	// HTTP is the HTTP client (default: one with keep-alives that trusts
	// RootCAs).
	HTTP *http.Client
	// RootCAs, when set, are the certificates the client trusts for nodes
	// that serve https (a self-signed node certificate, a private CA; see
	// LoadCA) instead of the system's. It configures the default HTTP
	// client, so it cannot go with HTTP.
	RootCAs *x509.CertPool
}

// LoadCA reads a PEM file of one or more certificates to trust as
// Options.RootCAs.
func LoadCA(path string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("client: CA file: %w", err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("client: CA file %s holds no PEM certificate", path)
	}
	return pool, nil
}

// NewHTTPClient is the HTTP client Connect makes by default: keep-alives,
// TLS 1.2 and up, trusting roots (nil: the system's).
func NewHTTPClient(roots *x509.CertPool) *http.Client {
	return &http.Client{Transport: &http.Transport{
		MaxIdleConnsPerHost: 64,
		IdleConnTimeout:     90 * time.Second,
		TLSHandshakeTimeout: 10 * time.Second,
		TLSClientConfig:     &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12},
	}}
}

// Client talks to one network.
type Client struct {
	urls []string
	http *http.Client
	opts Options
	// index is each node's index as its own handshake gave it: a node's
	// plain share must carry that index, so it cannot pose as another.
	index map[string]uint32
	// committee is the node set request leaders are drawn from, as t+1
	// handshakes gave it (nil: the nodes this client talks to). A failed
	// attempt refreshes it, and so does a sign request once it is older than
	// committeeTTL, so that a client connected before a node joined stops
	// choosing request ids whose leader it cannot reach.
	cmu         sync.Mutex
	rmu         sync.Mutex // one committee refresh at a time
	committee   []uint32
	epoch       uint64 // the epoch those handshakes named (requests name it)
	refreshedAt time.Time

	// From the handshake.
	Quorum    int
	Threshold int
	Epoch     uint64
	BLSKey    bls.PublicKey
	BLSPoly   *bls.PublicPoly
	RootKeys  []secp.Point
	Blockhash string
}

// Handshake is one node's answer to /web/handshake.
type Handshake = wire.Handshake

// Connect handshakes with every node and checks that at least a quorum of
// them agree on the network's keys.
func Connect(ctx context.Context, urls []string, opts Options) (*Client, error) {
	if len(urls) == 0 {
		return nil, errors.New("client: no node URLs")
	}
	if opts.Timeout == 0 {
		opts.Timeout = 60 * time.Second
	}
	if opts.HTTP != nil && opts.RootCAs != nil {
		return nil, errors.New("client: Options.RootCAs configures the default HTTP client; with Options.HTTP set, put the CAs in its transport")
	}
	if opts.HTTP == nil {
		opts.HTTP = NewHTTPClient(opts.RootCAs)
	}
	c := &Client{urls: append([]string(nil), urls...), http: opts.HTTP, opts: opts, index: map[string]uint32{}}
	rid := NewRequestID()
	answers := c.fanout(ctx, rid, "/web/handshake/", wire.HandshakeRequest{ClientPublicKey: "test", Challenge: randomHex(32)})
	votes := map[string]int{}
	byKey := map[string]*Handshake{}
	var all []*Handshake
	var failed []*NodeError
	for _, a := range answers {
		if a.err != nil {
			failed = append(failed, a.err)
			continue
		}
		var h Handshake
		if err := json.Unmarshal(a.body, &h); err != nil {
			failed = append(failed, &NodeError{URL: a.url, Err: fmt.Errorf("handshake: %w", err)})
			continue
		}
		if h.NodeIndex != 0 {
			c.index[a.url] = h.NodeIndex
		}
		k := h.SubnetPublicKey + "|" + strings.Join(h.HDRootPubkeys, ",") + "|" + h.BLSPublicPoly
		votes[k]++
		byKey[k] = &h
		all = append(all, &h)
	}
	var best string
	for k, v := range votes {
		if v > votes[best] {
			best = k
		}
	}
	h := byKey[best]
	if h == nil || votes[best] < h.Quorum || h.Quorum == 0 {
		return nil, &NodesError{Op: "handshake", Cause: ErrTooFewNodes, Nodes: failed}
	}
	var err error
	if c.BLSKey, err = bls.ParsePublicKeyHex(h.SubnetPublicKey); err != nil {
		return nil, fmt.Errorf("client: network BLS key: %w", err)
	}
	if h.BLSPublicPoly != "" {
		raw, err := hex.DecodeString(h.BLSPublicPoly)
		if err == nil {
			c.BLSPoly, err = bls.ParsePublicPoly(raw)
		}
		if err != nil {
			return nil, fmt.Errorf("client: BLS public polynomial: %w", err)
		}
		// Shares are checked against the polynomial, keys against its
		// constant term: it must be the network key the SDK encrypts to.
		if !c.BLSPoly.PublicKey().Equal(c.BLSKey) {
			return nil, errors.New("client: the nodes' BLS public polynomial is not of their network key")
		}
	}
	for _, r := range h.HDRootPubkeys {
		b, err := hex.DecodeString(strings.TrimPrefix(r, "0x"))
		if err != nil {
			return nil, fmt.Errorf("client: root key: %w", err)
		}
		p, err := secp.ParsePublicKey(b)
		if err != nil {
			return nil, fmt.Errorf("client: root key: %w", err)
		}
		c.RootKeys = append(c.RootKeys, p)
	}
	c.Quorum, c.Threshold, c.Epoch, c.Blockhash = h.Quorum, h.Threshold, h.Epoch, h.LatestBlockhash
	c.committee, c.epoch = agreedIndices(all, c.Threshold)
	c.refreshedAt = time.Now()
	return c, nil
}

// agreedIndices returns the node set (Handshake.NodeIndices) and epoch
// that at least t+1 of hs name alike — one of them honest — or nil. Of two
// such (nodes on both sides of an epoch change), the larger count wins.
func agreedIndices(hs []*Handshake, t int) ([]uint32, uint64) {
	votes := map[string]int{}
	sets := map[string]*Handshake{}
	for _, h := range hs {
		if len(h.NodeIndices) == 0 {
			continue
		}
		k := fmt.Sprint(h.Epoch, h.NodeIndices)
		votes[k]++
		sets[k] = h
	}
	var best string
	for k, v := range votes {
		if v > votes[best] || (v == votes[best] && k > best) {
			best = k
		}
	}
	if votes[best] < t+1 {
		return nil, 0
	}
	return sets[best].NodeIndices, sets[best].Epoch
}

// refreshCommittee asks the nodes again which node set leaders are drawn
// from and which epoch requests name, unless a refresh began after since:
// callers that failed at about the same time share one refresh.
func (c *Client) refreshCommittee(ctx context.Context, since time.Time) {
	c.rmu.Lock()
	defer c.rmu.Unlock()
	c.cmu.Lock()
	if c.refreshedAt.After(since) {
		c.cmu.Unlock()
		return
	}
	c.refreshedAt = time.Now()
	c.cmu.Unlock()
	var hs []*Handshake
	for _, a := range c.fanout(ctx, NewRequestID(), "/web/handshake/", wire.HandshakeRequest{ClientPublicKey: "test", Challenge: randomHex(32)}) {
		var h Handshake
		if a.err == nil && json.Unmarshal(a.body, &h) == nil {
			hs = append(hs, &h)
		}
	}
	if set, epoch := agreedIndices(hs, c.Threshold); set != nil {
		c.cmu.Lock()
		c.committee, c.epoch = set, max(c.epoch, epoch)
		c.cmu.Unlock()
	}
}

// committeeTTL is how old the client's reading of the node set may grow
// before a sign request refreshes it in the background: a client that has
// run since before an epoch change learns a joined node before the grace
// period's end lets it lead (docs/threshold-ecdsa.md), instead of failing
// an attempt led by a node it does not talk to.
const committeeTTL = 10 * time.Second

// refreshCommitteeIfStale refreshes the node set in the background when
// it is older than committeeTTL.
func (c *Client) refreshCommitteeIfStale() {
	c.cmu.Lock()
	stale := time.Since(c.refreshedAt) > committeeTTL
	c.cmu.Unlock()
	if stale {
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), committeeTTL)
			defer cancel()
			c.refreshCommittee(ctx, time.Now().Add(-committeeTTL))
		}()
	}
}

// requestEpoch is the epoch requests name: the latest the nodes agreed on,
// so that a client past an epoch change stops naming the previous epoch
// (whose shares the nodes release at the end of their grace periods, not
// all at the same moment) once an attempt failed.
func (c *Client) requestEpoch() uint64 {
	c.cmu.Lock()
	defer c.cmu.Unlock()
	return max(c.Epoch, c.epoch)
}

// authSigs returns each node's authSig from cred, for the per-node
// request bodies of fanout.
func (c *Client) authSigs(cred Credential) (func(url string) json.RawMessage, error) {
	if cred == nil {
		return nil, errors.New("client: no credential")
	}
	sigs := make(map[string]json.RawMessage, len(c.urls))
	for _, u := range c.urls {
		sig, err := cred.AuthSigFor(u)
		if err != nil {
			return nil, err
		}
		sigs[u] = sig
	}
	return func(url string) json.RawMessage { return sigs[url] }, nil
}

// URLs returns the nodes' URLs.
func (c *Client) URLs() []string { return append([]string(nil), c.urls...) }

// NewRequestID returns an id in the Lit SDK's form, lit_<hex>.
func NewRequestID() string { return "lit_" + randomHex(8) }

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

type answer struct {
	url  string
	body []byte
	err  *NodeError
	took time.Duration // from sending the request to reading the answer
}

// fanoutChan posts to every node the body that body gives for it (a wire
// request, with that node's authSig) and returns the answers as they come,
// in a channel closed at the end that holds them all without blocking.
func (c *Client) fanoutChan(ctx context.Context, rid, path string, body func(url string) any) <-chan answer {
	ch := make(chan answer, len(c.urls))
	var wg sync.WaitGroup
	for _, u := range c.urls {
		b := body(u)
		wg.Add(1)
		go func(u string, b any) {
			defer wg.Done()
			start := time.Now()
			a := c.post(ctx, u, path, rid, b)
			a.took = time.Since(start)
			ch <- a
		}(u, b)
	}
	go func() { wg.Wait(); close(ch) }()
	return ch
}

// fanout posts body to every node and returns all the answers.
func (c *Client) fanout(ctx context.Context, rid, path string, body any) []answer {
	var out []answer
	for a := range c.fanoutChan(ctx, rid, path, func(string) any { return body }) {
		out = append(out, a)
	}
	return out
}

func (c *Client) post(ctx context.Context, url, path, rid string, body any) answer {
	ctx, cancel := context.WithTimeout(ctx, c.opts.Timeout)
	defer cancel()
	raw, err := json.Marshal(body)
	if err != nil {
		return answer{url: url, err: &NodeError{URL: url, Err: err}}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, strings.TrimSuffix(url, "/")+path, bytes.NewReader(raw))
	if err != nil {
		return answer{url: url, err: &NodeError{URL: url, Err: err}}
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("X-Request-Id", rid)
	req.Header.Set("X-Lit-SDK-Version", Version)
	req.Header.Set("X-Lit-SDK-Type", "Go")
	resp, err := c.http.Do(req)
	if err != nil {
		return answer{url: url, err: &NodeError{URL: url, Err: err}}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return answer{url: url, err: &NodeError{URL: url, Status: resp.StatusCode, Err: err}}
	}
	if resp.StatusCode/100 != 2 {
		var e wire.ActionFailureAnswer // any refusal: the standard error, and an Action's
		json.Unmarshal(data, &e)
		if e.Message == "" {
			e.Message = e.Error
		}
		ne := &NodeError{URL: url, Status: resp.StatusCode, Code: e.Code, Message: e.Message, Logs: e.Logs, body: data}
		if secs, err := strconv.Atoi(resp.Header.Get("Retry-After")); err == nil && secs > 0 {
			ne.RetryAfter = time.Duration(secs) * time.Second
		}
		return answer{url: url, err: ne}
	}
	return answer{url: url, body: data}
}
