package node

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node/signing"
)

// apiError is the error every client API answer carries, in Lit's shape:
// {errorKind, errorCode, status, message, correlationId, details}. Codes are
// stable; messages say which check failed on which node.
type apiError struct {
	Kind          string   `json:"errorKind"`
	Code          string   `json:"errorCode"`
	Status        int      `json:"status"`
	Message       string   `json:"message"`
	CorrelationID string   `json:"correlationId"`
	Details       []string `json:"details"`
}

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

// codedError is an error with an explicit code, for request validation.
type codedError struct {
	status     int
	kind, code string
	msg        string
}

func (e *codedError) Error() string { return e.msg }

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
