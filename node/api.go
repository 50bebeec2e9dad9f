package node

import (
	"context"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/node/nodetls"
	"github.com/flint-network/flint/node/quota"
	"github.com/flint-network/flint/node/usage"
	"github.com/flint-network/flint/wire"
)

// defaultMaxInFlightPerIP is api.maxInFlightPerIP when not configured:
// above what one client sends at once (flint bench at concurrency 64, plus
// the answers a client still reads after it has its quorum).
const defaultMaxInFlightPerIP = 128

// bodyLimit is the most an endpoint reads of a request body, and the name
// its NodeBodyTooLarge refusal gives it. The body is read before the caller
// is authenticated, so every limit is as small as the endpoint allows.
type bodyLimit struct {
	bytes int64
	name  string
}

// bodyLimits are the limits of every endpoint but execute, whose limit
// follows actions.limits.codeSize (executeBodyLimit). An endpoint not listed
// gets defaultBodyLimit.
var bodyLimits = map[string]bodyLimit{
	"handshake": {4 << 10, "handshake body limit"}, // {clientPublicKey, challenge, epoch}
	"attest":    {4 << 10, "attest body limit"},    // {recipient, nonce}
	"claim":     {48 << 10, "claim body limit"},    // an access token (≤ 32 KiB) and a recipient
	// toSign, pubkey, authMethods and a session signature, which is a few
	// KiB with the SDK's two capabilities.
	"pkp_sign": {64 << 10, "pkp sign body limit"},
	// The largest condition list acc accepts, and the authSig.
	"decrypt": {acc.MaxInputBytes + 16<<10, "decrypt body limit"},
	"jwt":     {acc.MaxInputBytes + 16<<10, "jwt body limit"},
	// pkpPublicKey, a 142-byte header in hex and a session signature.
	"pkp_decrypt": {64 << 10, "pkp decrypt body limit"},
	// A SIWE message of at most 8 KiB and up to four access tokens of at
	// most 16 KiB each (pkpsession.go checks each).
	"sign_session_key": {maxSessionSIWEBytes + maxSessionAuthMethods*maxAccessTokenBytes + 8<<10, "sign session key body limit"},
	"unknown":          {4 << 10, "body limit"}, // never read
}

var defaultBodyLimit = bodyLimit{64 << 10, "body limit"}

// bodyLimit is the request body limit of an endpoint.
func (n *Node) bodyLimit(endpoint string) bodyLimit {
	if endpoint == "sign_session_key" && n.acts != nil {
		// A Lit Action may come inline as the login (getLitActionSessionSigs).
		return bodyLimit{n.executeBodyLimit(), "sign session key body limit (base64 of actions.limits.codeSize + 4 MiB)"}
	}
	if endpoint == "execute" && n.acts != nil {
		return bodyLimit{n.executeBodyLimit(), "execute body limit (base64 of actions.limits.codeSize + 4 MiB)"}
	}
	if l, ok := bodyLimits[endpoint]; ok {
		return l
	}
	return defaultBodyLimit
}

var requestIDPattern = regexp.MustCompile(`^[A-Za-z0-9_\-]{1,128}$`)

type ctxKey int

const (
	ctxRequestID ctxKey = iota
	ctxLogger
	ctxBodyLimit
	ctxUsage // *usageNote, for the endpoints that keep usage records
)

// serveAPI starts the client API listener.
func (n *Node) serveAPI(ctx context.Context, errc chan<- error) error {
	mux := http.NewServeMux()
	handle := func(path, name string, h func(w http.ResponseWriter, r *http.Request) (any, error)) {
		wrapped := n.endpoint(name, h)
		mux.Handle("POST "+path, wrapped)
		mux.Handle("POST "+path+"/{$}", wrapped) // the SDK calls some paths with a trailing slash; nothing below them
	}
	handle("/web/handshake", "handshake", n.handleHandshake)
	handle("/web/pkp/sign", "pkp_sign", n.handlePKPSign)
	handle("/web/pkp/sign/v1", "pkp_sign", n.handlePKPSign)
	handle("/web/execute", "execute", n.handleExecute)
	handle("/web/execute/v1", "execute", n.handleExecute)
	handle("/web/encryption/sign", "decrypt", n.handleEncryptionSign)
	handle("/web/encryption/sign/v1", "decrypt", n.handleEncryptionSign)
	handle("/web/signing/access_control_condition", "jwt", n.handleSigningACC)
	handle("/web/sign_session_key", "sign_session_key", n.handleSignSessionKey)
	handle("/web/sign_session_key/v1", "sign_session_key", n.handleSignSessionKey)
	handle("/flint/v1/attest", "attest", n.handleAttest)
	handle("/web/pkp/claim", "claim", n.handleClaim)
	handle("/flint/v1/pkp/decrypt", "pkp_decrypt", n.handlePKPDecrypt)
	// A stranger learns only whether the node is ready; how drained its
	// pool is would tell an attacker when to strike.
	mux.HandleFunc("GET /healthz", n.healthz)
	if n.cfg.MetricsListen == "" {
		n.operatorViews(mux)
	}
	// Everything else: a JSON refusal, logged and counted like any request.
	mux.Handle("/", n.endpoint("unknown", func(w http.ResponseWriter, r *http.Request) (any, error) {
		return nil, &codedError{status: http.StatusNotFound, kind: kindValidation, code: "NodeUnknownPath",
			msg: fmt.Sprintf("no endpoint %s %s", r.Method, clipPath(r.URL.Path))}
	}))
	n.server = newAPIServer(cors(mux), n.cfg.Actions.Limits.limits().Timeout)
	ln, err := net.Listen("tcp", n.cfg.APIListen)
	if err != nil {
		return fmt.Errorf("node: client API: %w", err)
	}
	if l := n.keys.tls; l != nil {
		l.OnError = func(err error) {
			n.log.Error("client API: the renewed TLS certificate does not load; still serving the previous one", "err", err)
		}
		n.server.TLSConfig = nodetls.ServerConfig(l)
		n.warnCertName(l.Leaf())
		go func() { errc <- n.server.ServeTLS(ln, "", "") }()
	} else {
		go func() { errc <- n.server.Serve(ln) }()
	}
	if n.cfg.MetricsListen != "" {
		if err := n.serveMetrics(errc); err != nil {
			return err
		}
	}
	return nil
}

// The client API's timeouts.
//
// apiReadHeaderTimeout is as long as apiReadTimeout, not a few seconds: for
// a new connection Go's server starts it at the accept, before the client
// has sent anything, not at the request's first byte as on a kept-alive
// one. A client whose process stalls between its connect and its write
// (the Lit SDK's Node.js event loop, busy with its crypto on a loaded
// machine, stalled 5-8 s under TestEpochSignLoadLitSDK with FLINT_SOAK=1)
// then writes its request to a socket the node has already closed: undici
// fails it with UND_ERR_SOCKET "other side closed", every new connection
// of the stall at once, on every node, and the node never sees the request.
// A short header timeout bought little: an idle connection already holds
// its place for apiIdleTimeout.
const (
	apiReadHeaderTimeout = 30 * time.Second
	apiReadTimeout       = 30 * time.Second
	apiIdleTimeout       = 120 * time.Second
)

// newAPIServer is the client API's HTTP server; actionTimeout is the
// longest an Action may run, whose answer must still fit in WriteTimeout.
func newAPIServer(h http.Handler, actionTimeout time.Duration) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: apiReadHeaderTimeout,
		ReadTimeout:       apiReadTimeout,
		WriteTimeout:      max(60*time.Second, actionTimeout+30*time.Second),
		IdleTimeout:       apiIdleTimeout,
	}
}

// operatorViews adds the operator's views to mux: /metrics and /status.
func (n *Node) operatorViews(mux *http.ServeMux) {
	mux.Handle("GET /metrics", promhttp.HandlerFor(n.metrics.registry, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) {
		free := 0
		if n.pool != nil {
			free = n.pool.ownFree()
		}
		st := map[string]any{"ready": n.published.Load(), "address": n.address, "presignatures": free, "version": Version()}
		// The explorer shows each node's view of the network: a node whose
		// epoch lags the others has not yet read the registry's change.
		if v := n.view(); v != nil {
			st["index"], st["epoch"], st["threshold"], st["quorum"] = v.self, v.epoch, v.t, v.quorum
		}
		// Where this node is in an epoch change: the chain's state, its
		// phase (resharing, stored, signalled, grace…) and attempts.
		if n.epoch != nil {
			st["reshare"] = n.epochStatus()
		} else if ws := n.waiting.Load(); ws != nil {
			st["reshare"] = *ws
		}
		writeJSON(w, http.StatusOK, st)
	})
}

// A stranger learns only whether the node is ready; how drained its pool is
// would tell an attacker when to strike.
func (n *Node) healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"ready": n.published.Load()})
}

// serveWaiting serves /healthz and the operator views (on their own
// listener if metricsListen is set) while the node waits to be registered:
// a joiner waits for the owner, and its operator and `flint network status`
// should see it waiting rather than a refused connection. stop shuts them
// down before the node's own API takes the addresses.
func (n *Node) serveWaiting() (stop func(), err error) {
	var servers []*http.Server
	stop = func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		for _, s := range servers {
			s.Shutdown(ctx)
		}
	}
	start := func(addr string, mux *http.ServeMux, tls bool) error {
		ln, err := net.Listen("tcp", addr)
		if err != nil {
			return err
		}
		s := &http.Server{Handler: cors(mux), ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
		servers = append(servers, s)
		if l := n.keys.tls; tls && l != nil {
			s.TLSConfig = nodetls.ServerConfig(l)
			go s.ServeTLS(ln, "", "")
		} else {
			go s.Serve(ln)
		}
		return nil
	}
	api := http.NewServeMux()
	api.HandleFunc("GET /healthz", n.healthz)
	if n.cfg.MetricsListen == "" {
		n.operatorViews(api)
	}
	if err := start(n.cfg.APIListen, api, true); err != nil {
		return stop, fmt.Errorf("node: client API while waiting to be registered: %w", err)
	}
	if n.cfg.MetricsListen != "" {
		ops := http.NewServeMux()
		n.operatorViews(ops)
		if err := start(n.cfg.MetricsListen, ops, false); err != nil {
			stop()
			return func() {}, fmt.Errorf("node: metrics listener while waiting to be registered: %w", err)
		}
	}
	return stop, nil
}

// serveMetrics starts the operator views' own listener (config
// metricsListen).
func (n *Node) serveMetrics(errc chan<- error) error {
	mux := http.NewServeMux()
	n.operatorViews(mux)
	n.metricsServer = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second, WriteTimeout: 30 * time.Second}
	ln, err := net.Listen("tcp", n.cfg.MetricsListen)
	if err != nil {
		return fmt.Errorf("node: metrics listener: %w", err)
	}
	go func() { errc <- n.metricsServer.Serve(ln) }()
	return nil
}

// warnCertName warns when the certificate does not name the API's IP, which
// clients (the Lit SDK, the Go client) use as the host name, so that the
// operator hears of it at the start rather than from every client.
func (n *Node) warnCertName(leaf *x509.Certificate) {
	host, _, err := net.SplitHostPort(n.cfg.APIListen)
	if err != nil || leaf == nil {
		return
	}
	if err := leaf.VerifyHostname(host); err != nil {
		n.log.Warn("client API: the TLS certificate does not name this node's IP, which clients connect to; they will refuse it", "ip", host, "err", err)
	}
	if time.Until(leaf.NotAfter) < 14*24*time.Hour {
		n.log.Warn("client API: the TLS certificate expires soon", "notAfter", leaf.NotAfter)
	}
}

// cors lets browser apps (the Lit SDK in a page) call the node.
func cors(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		if r.Method == http.MethodOptions {
			w.Header().Set("Access-Control-Allow-Methods", "POST, GET, OPTIONS")
			w.Header().Set("Access-Control-Allow-Headers", "Content-Type, X-Request-Id, X-Lit-SDK-Version, X-Lit-SDK-Type")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// endpoint wraps a handler: the per-IP cap on requests in flight, request
// id, logger, body limit, metrics, and the JSON error answer.
func (n *Node) endpoint(name string, h func(w http.ResponseWriter, r *http.Request) (any, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rid := r.Header.Get("X-Request-Id")
		log := n.log.With("request_id", rid, "endpoint", name)
		limit := n.bodyLimit(name)
		ctx := context.WithValue(r.Context(), ctxRequestID, rid)
		ctx = context.WithValue(ctx, ctxLogger, log)
		ctx = context.WithValue(ctx, ctxBodyLimit, limit)
		r = r.WithContext(ctx)
		r.Body = http.MaxBytesReader(w, r.Body, limit.bytes)
		var res any
		var err error
		if release, ok := n.inFlight.acquire(r.RemoteAddr); !ok {
			// Refused unread, and not recorded: a flood would otherwise
			// rotate the usage log's real records away.
			w.Header().Set("Retry-After", "1")
			err = &codedError{status: http.StatusTooManyRequests, kind: kindUnavailable, code: "NodeTooManyRequests",
				msg: fmt.Sprintf("too many requests in flight: this node serves at most %d at once per client address (api.maxInFlightPerIP); retry when one has answered", n.inFlight.max)}
		} else {
			defer release()
			kind := requestKinds[name]
			ipRefused := false
			if rid != "" && !requestIDPattern.MatchString(rid) {
				err = invalid("NodeInvalidRequestId", "X-Request-Id must be 1-128 characters of [A-Za-z0-9_-]")
			} else if kind != "" {
				// Before the body is read and the caller authenticated: a
				// flood from one address is refused at the least cost, and
				// not recorded, or it would rotate the usage log's real
				// records away.
				err = n.quota.allow(kind, "perIp", clientKey(r.RemoteAddr).String())
				ipRefused = err != nil
			}
			var note *usageNote
			if kind != "" && !ipRefused {
				note = &usageNote{rec: usage.Record{Time: start.UTC(), Kind: kind, CallerClass: usage.ClassAnonymous}}
				r = r.WithContext(context.WithValue(r.Context(), ctxUsage, note))
			}
			if err == nil {
				if note != nil {
					// Only a well-formed request id goes into the record.
					note.rec.ID = rid
				}
				res, err = h(w, r)
			}
			if note != nil {
				// Recorded before answered: an answer the node gives is one
				// it has a record of.
				outcome := usage.OutcomeOK
				if err != nil {
					_, _, outcome = apiErr(err)
				}
				if uerr := n.recordUsage(note, outcome, time.Since(start)); uerr != nil {
					res, err = nil, uerr
				}
			}
			n.quota.holdRefusal(r.Context(), err)
		}
		outcome := "ok"
		if err != nil {
			status, kind, code := apiErr(err)
			outcome = code
			if ce, ok := errors.AsType[*codedError](err); ok && ce.retryAfter > 0 {
				w.Header().Set("Retry-After", strconv.Itoa(quota.RetryAfter(ce.retryAfter)))
			}
			// The log has the whole error; the answer says what failed
			// without what is inside the node (callerMessage).
			switch {
			case status >= 500:
				log.Warn("request failed", "code", code, "err", err)
			case status == http.StatusTooManyRequests:
				log.Debug("request refused", "code", code, "remote", r.RemoteAddr) // a flood must not flood the log
			default:
				log.Info("request refused", "code", code, "err", err)
			}
			var body any = apiError{Kind: kind, Code: code, Status: status,
				Message: fmt.Sprintf("node %s: %s", n.address, callerMessage(err, status, code)), CorrelationID: rid, Details: []string{}}
			if a, ok := errors.AsType[answerer](err); ok { // an error with a body of its own (execute)
				body = a.answer(body.(apiError))
			}
			writeJSON(w, status, body)
		} else {
			writeJSON(w, http.StatusOK, res)
		}
		n.metrics.requests.WithLabelValues(name, outcome).Inc()
		n.metrics.latency.WithLabelValues(name).Observe(time.Since(start).Seconds())
		log.Debug("request done", "outcome", outcome, "took", time.Since(start))
	})
}

// requestLog returns the request's logger.
func requestLog(ctx context.Context, fallback *slog.Logger) *slog.Logger {
	if l, ok := ctx.Value(ctxLogger).(*slog.Logger); ok {
		return l
	}
	return fallback
}

// decodeBody reads a JSON body strictly.
func decodeBody(r *http.Request, v any) error {
	tooLarge := func(err error) error {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			l, ok := r.Context().Value(ctxBodyLimit).(bodyLimit)
			if !ok {
				l = bodyLimit{tooBig.Limit, "body limit"}
			}
			return &codedError{status: http.StatusRequestEntityTooLarge, kind: kindValidation, code: "NodeBodyTooLarge",
				msg: fmt.Sprintf("request body over the %s of %d bytes", l.name, l.bytes)}
		}
		return nil
	}
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(v); err != nil {
		if e := tooLarge(err); e != nil {
			return e
		}
		return invalid("NodeInvalidJSON", "malformed JSON body: "+err.Error())
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		if e := tooLarge(err); e != nil { // a small JSON value followed by too much
			return e
		}
		return invalid("NodeInvalidJSON", "trailing data after the JSON body")
	}
	return nil
}

// parseHex decodes hex with or without 0x.
func parseHex(s string) ([]byte, error) {
	return hex.DecodeString(strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X"))
}

// handleAttest attests a claimable key for claimAndMint: the key of
// chain.ClaimKeyID(recipient, nonce), for recipient. The caller picks the
// nonce, never the key id, so it cannot ask for a key another Action or
// login would claim; and only recipient can mint what it gets.
func (n *Node) handleAttest(w http.ResponseWriter, r *http.Request) (any, error) {
	var req wire.AttestRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	rcpt, err := parseHex(req.Recipient)
	if err != nil || len(rcpt) != common.AddressLength {
		return nil, invalid("NodeInvalidRecipient", "recipient must be a 20-byte address in hex")
	}
	if common.Address(rcpt) == (common.Address{}) {
		return nil, invalid("NodeInvalidRecipient", "recipient must not be the zero address")
	}
	nonce, err := parseHex(req.Nonce)
	if err != nil || len(nonce) != 32 {
		return nil, invalid("NodeInvalidNonce", "nonce must be 32 bytes of hex")
	}
	recipient := common.Address(rcpt)
	a, err := n.attestClaim(chain.ClaimKeyID(recipient, [32]byte(nonce)), recipient)
	if err != nil {
		return nil, err
	}
	return wire.AttestAnswer{KeyID: "0x" + hex.EncodeToString(a.keyID[:]), PublicKey: "0x" + hex.EncodeToString(a.pubkey),
		Recipient: recipient.Hex(), Signature: "0x" + hex.EncodeToString(a.sig), NodeAddress: n.address}, nil
}

// clipPath bounds a client's path before it goes into an answer or a log.
func clipPath(p string) string {
	if len(p) > 200 {
		return p[:200] + "…"
	}
	return p
}
