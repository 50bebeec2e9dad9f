package node

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node/signing"
	"github.com/flint-network/flint/wire"
)

// apiError is the error every client API answer carries, in Lit's shape:
// {errorKind, errorCode, status, message, correlationId, details}.
type apiError = wire.ErrorAnswer

// Error kinds.
const (
	kindValidation   = "Validation"
	kindUnauthorized = "Unauthorized"
	kindUnavailable  = "Unavailable"
	kindTimeout      = "Timeout"
	kindInternal     = "Internal"
)

// apiErr classifies an error into a stable code and HTTP status.
func apiErr(err error) (status int, kind, code string) {
	var ce *codedError
	switch {
	case errors.As(err, &ce):
		return ce.status, ce.kind, ce.code
	case errors.Is(err, ErrNotReady):
		return http.StatusServiceUnavailable, kindUnavailable, "NodeNotReady"
	case errors.Is(err, ErrUnknownPKP):
		return http.StatusNotFound, kindValidation, "NodePKPNotFound"
	case errors.Is(err, ErrForeignPKP):
		return http.StatusBadRequest, kindValidation, "NodePKPNotOfThisNetwork"
	case errors.Is(err, ErrNotPermitted):
		return http.StatusUnauthorized, kindUnauthorized, "NodeNotAuthorized"
	case errors.Is(err, ErrNoPresignatures):
		return http.StatusServiceUnavailable, kindUnavailable, "NodeNoPresignatures"
	case errors.Is(err, ErrTooFewLive):
		return http.StatusServiceUnavailable, kindUnavailable, "NodeTooFewNodes"
	case errors.Is(err, signing.ErrLeaderRefused):
		// The leader refused what this node accepted (a permission or quota
		// it read first): the message names the leader and its code.
		return http.StatusConflict, kindValidation, "NodeLeaderRefused"
	case errors.Is(err, ErrLeaderUnreachable):
		return http.StatusServiceUnavailable, kindTimeout, "NodeLeaderUnreachable"
	case errors.Is(err, ErrNotEndorsed):
		return http.StatusServiceUnavailable, kindTimeout, "NodeBindingNotEndorsed"
	case errors.Is(err, signing.ErrBusy):
		return http.StatusServiceUnavailable, kindUnavailable, "NodeSigningBusy"
	case errors.Is(err, ErrNotHeld), errors.Is(err, tecdsa.ErrAlreadyBound), errors.Is(err, signing.ErrConflict):
		return http.StatusConflict, kindValidation, "NodePresignatureConflict"
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return http.StatusGatewayTimeout, kindTimeout, "NodeTimeout"
	case errors.As(err, new(*chainFailure)):
		return http.StatusServiceUnavailable, kindUnavailable, "NodeChainUnavailable"
	}
	// Before auth's codes: a wallet login's refusal wraps both.
	if status, kind, code, ok := authMethodErr(err); ok {
		return status, kind, code
	}
	if code := auth.Code(err); code != "" {
		status := http.StatusUnauthorized
		if errors.Is(err, auth.ErrMalformed) || errors.Is(err, auth.ErrUnsupported) {
			status = http.StatusBadRequest
		}
		if errors.Is(err, auth.ErrUnavailable) {
			status = http.StatusServiceUnavailable
		}
		return status, kindUnauthorized, "NodeAuth" + pascal(code)
	}
	return http.StatusInternalServerError, kindInternal, "NodeInternalError"
}

// callerMessage is what an error answer says about err. A refusal of the
// request (4xx) is written by the node about what the caller sent, and goes
// out as it is. A failure (5xx) may carry what is inside the node: the chain
// RPC's URL with its API key, a peer's or a gateway's address, a file path.
// Only the 5xx codes whose errors the node composes from its own state keep
// their text; the others say what failed, and the correlation id finds the
// whole error in the node's log.
func callerMessage(err error, status int, code string) string {
	if status < 500 || composedFailures[code] {
		if ce, ok := errors.AsType[*codedError](err); ok {
			return ce.msg
		}
		return err.Error()
	}
	const seeLog = "; the node's log has the details under this correlationId"
	if cf, ok := errors.AsType[*chainFailure](err); ok && code == "NodeChainUnavailable" { // op names what was read
		return cf.op + ": the chain's RPC did not answer" + seeLog
	}
	if m, ok := failureMessages[code]; ok {
		return m + seeLog
	}
	return "internal error" + seeLog
}

// composedFailures are the 5xx codes whose messages hold only what the node
// composed from its own state (node indexes, presignature ids, counts).
var composedFailures = map[string]bool{
	"NodeNotReady": true, "NodeNoPresignatures": true, "NodeTooFewNodes": true, "NodeLeaderUnreachable": true,
	"NodeBindingNotEndorsed": true, "NodeSigningBusy": true, "NodeActionsBusy": true, "NodeActionsUnavailable": true,
}

// failureMessages say what failed for the other 5xx codes.
var failureMessages = map[string]string{
	"NodeTimeout":                    "the request ended before the node could answer (the client went away, or a chain read or a peer took too long)",
	"NodeAuthUnavailable":            "the chain did not answer the EIP-1271 check of the signature; retrying may succeed",
	"NodeIpfsFetchFailed":            "getting the Action's code from the IPFS gateways failed",
	"NodeActionWorkerFailed":         "the Action's worker process failed",
	"NodeUsageLogFailed":             "the node could not write the request's usage record, so it does not answer it",
	"NodeAuthMethodKeysUnavailable":  "the ID token issuer's keys (JWKS) could not be loaded; retrying may succeed",
	"NodeAuthMethodChainUnavailable": "a chain read the login's check needs failed; retrying may succeed",
}

// chainFailure is a chain read that failed. Its Error holds the cause, for
// the log; the caller is told op only (callerMessage), since a chain error
// may quote the RPC endpoint.
type chainFailure struct {
	op  string // what the node was reading, e.g. "reading PKP 123…"
	err error
}

func (e *chainFailure) Error() string { return e.op + ": " + e.err.Error() }
func (e *chainFailure) Unwrap() error { return e.err }

// chainRead wraps a chain client's error as a chainFailure, leaving the
// answers the chain gave (chain's sentinels, reverts) and nil alone.
func chainRead(op string, err error) error {
	if err == nil || errors.Is(err, chain.ErrReverted) || errors.Is(err, chain.ErrUnknownToken) {
		return err
	}
	return &chainFailure{op: op, err: err}
}

// codedError is an error with an explicit code, for request validation.
type codedError struct {
	status     int
	kind, code string
	msg        string // what the caller is told
	cause      error  // what only the log gets besides; nil when msg says it all
	// retryAfter, when set, goes out as the Retry-After header (whole
	// seconds, rounded up): a quota's refusal says when to come back.
	retryAfter time.Duration
}

func (e *codedError) Error() string {
	if e.cause != nil {
		return e.msg + ": " + e.cause.Error()
	}
	return e.msg
}

func (e *codedError) Unwrap() error { return e.cause }

func invalid(code, msg string) error {
	return &codedError{status: http.StatusBadRequest, kind: kindValidation, code: code, msg: msg}
}

// writeJSON writes v as JSON; every answer, errors included, is JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// pascal turns auth's snake_case codes into Lit's PascalCase style.
func pascal(code string) string {
	var b strings.Builder
	for _, part := range strings.Split(code, "_") {
		if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}
