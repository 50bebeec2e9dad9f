package node

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/ipfs"
	"github.com/flint-network/flint/wire"
)

// actionSource is a request's code, or the CID to fetch it by.
type actionSource struct {
	code   []byte // nil when only the CID was given
	cid    ipfs.CID
	params json.RawMessage // a JSON object, or nil
}

// parseActionSource checks a request's code, CID and parameters. Inline code wins over
// ipfsId, but when both are given they must agree: the caller expects the
// permissions of the CID it named.
func parseActionSource(req *wire.ExecuteRequest, maxCode int) (*actionSource, error) {
	src := &actionSource{}
	switch {
	case req.Code != "":
		if base64.StdEncoding.DecodedLen(len(req.Code)) > maxCode+2 {
			return nil, &codedError{status: http.StatusRequestEntityTooLarge, kind: kindValidation, code: "NodeActionCodeTooLarge",
				msg: fmt.Sprintf("Code payload is too large (about %d bytes). Max length is %d bytes.", base64.StdEncoding.DecodedLen(len(req.Code)), maxCode)}
		}
		code, err := base64.StdEncoding.Strict().DecodeString(req.Code)
		if err != nil {
			return nil, invalid("NodeInvalidActionCode", "code must be the standard, padded base64 of the Action's code: "+err.Error())
		}
		if len(code) > maxCode {
			return nil, &codedError{status: http.StatusRequestEntityTooLarge, kind: kindValidation, code: "NodeActionCodeTooLarge",
				msg: fmt.Sprintf("Code payload is too large (%d bytes). Max length is %d bytes.", len(code), maxCode)}
		}
		src.code, src.cid = code, ipfs.Sum(code)
		if req.IPFSID != "" && req.IPFSID != src.cid.String() {
			return nil, invalid("NodeActionCidMismatch", fmt.Sprintf("ipfsId %q is not the CID of the code given (%s)", truncateText(req.IPFSID, 64), src.cid))
		}
	case req.IPFSID != "":
		c, err := ipfs.Parse(req.IPFSID)
		if err != nil {
			return nil, invalid("NodeInvalidIpfsId", err.Error())
		}
		src.cid = c
	default:
		return nil, invalid("NodeMissingActionCode", "either code (base64) or ipfsId is required")
	}
	p := bytes.TrimSpace(req.JSParams)
	if len(p) > 0 && !bytes.Equal(p, []byte("null")) {
		if p[0] != '{' || !json.Valid(p) {
			return nil, invalid("NodeInvalidJsParams", "jsParams must be a JSON object")
		}
		src.params = p
	}
	return src, nil
}

func truncateText(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// executeBodyLimit bounds an execute request: base64 code at the code limit,
// plus room for jsParams and the auth signature.
func (n *Node) executeBodyLimit() int64 {
	return int64(base64.StdEncoding.EncodedLen(n.acts.limits.CodeSize)) + 4<<20
}

// litAuthContext is Lit.Auth as Lit's nodes filled it; the runtime adds
// actionIpfsIdStack.
type litAuthContext struct {
	ActionIpfsIds      []string                 `json:"actionIpfsIds"`
	AuthSigAddress     string                   `json:"authSigAddress"`
	AuthMethodContexts []auth.AuthMethodContext `json:"authMethodContexts"`
	Resources          []any                    `json:"resources"`
	CustomAuthResource string                   `json:"customAuthResource"`
}

// handleExecute serves /web/execute and /web/execute/v1: it authenticates
// the caller for the Action's CID, runs the Action in a worker, and answers
// with this node's shares, the response and the logs, in Lit's shape.
func (n *Node) handleExecute(w http.ResponseWriter, r *http.Request) (any, error) {
	ctx := r.Context()
	a := n.acts
	if a == nil {
		return nil, ErrNotReady
	}
	var req wire.ExecuteRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	rid, _ := ctx.Value(ctxRequestID).(string)
	if rid == "" {
		return nil, invalid("NodeMissingRequestId", "X-Request-Id is required: every node must see the same id for one execution")
	}
	if err := n.checkEpoch(r.Context(), req.Epoch); err != nil {
		return nil, err
	}
	// Authenticate before decoding and hashing up to 16 MiB of code; the
	// grant for the Action's CID is checked once the CID is known.
	id, err := n.authenticate(ctx, req.AuthSig, nil)
	if err != nil {
		return nil, err
	}
	note := usageOf(ctx)
	note.caller(id)
	caller := id.Address.Hex()
	if err := n.quota.allow(quotaExecute, "perCaller", caller); err != nil {
		return nil, err
	}
	src, err := parseActionSource(&req, a.limits.CodeSize)
	if err != nil {
		return nil, err
	}
	note.cid(src.cid.String())
	if err := allows(id, auth.ResourceAbility{Resource: auth.ActionResource(src.cid.String()), Ability: auth.AbilityActionExecution}); err != nil {
		return nil, err
	}
	if a.pool == nil {
		return nil, &codedError{status: http.StatusServiceUnavailable, kind: kindUnavailable, code: "NodeActionsUnavailable",
			msg: "Actions are off on this node: " + a.poolErr.Error()}
	}
	logins, err := n.executeLogins(ctx, req.AuthMethods, id.SessionKey)
	if err != nil {
		return nil, err
	}
	// The caller's running Actions and worker time, before the request id
	// is used up and before a worker or the IPFS gateways are.
	done, err := n.quota.startAction(caller)
	if err != nil {
		return nil, err
	}
	var held time.Duration
	defer func() { done(held) }()
	// One execution per request id for as long as the mailbox may hold the
	// values of the first: a second one would read them.
	if err := a.recent.add(rid, time.Now()); err != nil {
		return nil, requestRefused(err)
	}
	if src.code == nil {
		if src.code, err = a.resolver.Get(ctx, src.cid); err != nil {
			return nil, ipfsError(err, a.limits.CodeSize)
		}
	}
	authCtx, _ := json.Marshal(litAuthContext{
		ActionIpfsIds:      []string{src.cid.String()},
		AuthSigAddress:     id.Address.Hex(),
		AuthMethodContexts: logins,
		Resources:          []any{},
	})
	host := &actionHost{n: n, requestID: rid, scope: newExecScope(rid, id, src.cid, src.params), id: id, usage: note}
	res, err := a.pool.Run(ctx, host, &actions.Request{Code: src.code, CID: src.cid.String(), Params: src.params, Auth: authCtx}, a.limits)
	if res != nil {
		held = res.WorkerTime
	}
	if err != nil {
		logs := ""
		if res != nil {
			logs = res.Logs
		}
		return nil, actionFailed(err, logs)
	}
	requestLog(ctx, n.log).Debug("action ran", "cid", src.cid.String(), "signatures", len(res.Signatures), "claims", len(res.Claims))
	return executeAnswer(res), nil
}

// ipfsError classifies a failure to get an Action's code.
func ipfsError(err error, maxCode int) error {
	switch {
	// The messages say what failed and leave the cause, which may name a
	// gateway's URL, to the log.
	case errors.Is(err, ipfs.ErrNotFound):
		return &codedError{status: http.StatusNotFound, kind: "IPFS", code: "NodeIpfsNotFound",
			msg: "neither this node's IPFS store nor its gateways have the Action's code", cause: err}
	case errors.Is(err, ipfs.ErrTooLarge):
		return &codedError{status: http.StatusRequestEntityTooLarge, kind: kindValidation, code: "NodeActionCodeTooLarge",
			msg: fmt.Sprintf("Code payload is too large. Max length is %d bytes.", maxCode), cause: err}
	case errors.Is(err, ipfs.ErrBadCID):
		return invalid("NodeInvalidIpfsId", err.Error())
	}
	return &codedError{status: http.StatusBadGateway, kind: "IPFS", code: "NodeIpfsFetchFailed", msg: "getting the Action's code failed", cause: err}
}

// executeAnswer shapes a Result as Lit's nodes answered.
func executeAnswer(res *actions.Result) *wire.ExecuteAnswer {
	out := &wire.ExecuteAnswer{
		Success:       true,
		SignedData:    map[string]*wire.SignedEntry{},
		DecryptedData: map[string]any{},
		ClaimData:     map[string]*wire.ClaimEntry{},
		Response:      res.Response,
		Logs:          res.Logs,
	}
	for name, s := range res.Signatures {
		e := &wire.SignedEntry{SigType: "K256", DataSigned: "fail", SigName: name}
		if sh, ok := s.Share.(*actionShare); ok && sh.sigma != nil {
			sb := sh.sigma.Bytes()
			rc := secp.Compress(&sh.r)
			e.DataSigned = quotedHex(sh.hash[:])
			e.SignatureShare = quotedHex(sb[:])
			e.BigR = quotedHex(rc[:])
			e.PublicKey = quotedHex(sh.pub[:])
		}
		out.SignedData[name] = e
	}
	for keyID, c := range res.Claims {
		out.ClaimData[keyID] = &wire.ClaimEntry{Signature: hex.EncodeToString(c.Signature), DerivedKeyID: hex.EncodeToString(c.DerivedKeyID[:])}
	}
	return out
}

// actionFailure is an execution that failed: Lit's nodes answered HTTP 400
// {success: false, error, logs}; timeouts and memory came in their standard
// error shape with logs. This answer carries both shapes at once, so the
// SDK, Flint's client and a reader all find what they look for.
type actionFailure struct {
	coded *codedError
	cause error
	logs  string
}

func (e *actionFailure) Error() string   { return e.coded.msg }
func (e *actionFailure) Unwrap() []error { return []error{e.coded, e.cause} }

// answer adds Lit's execute failure fields to the standard error body.
func (e *actionFailure) answer(std apiError) any {
	return wire.ActionFailureAnswer{ErrorAnswer: std, Success: false, Error: callerMessage(e, std.Status, std.Code), Logs: e.logs}
}

// answerer is an error that brings its own answer body.
type answerer interface {
	error
	answer(apiError) any
}

// limitCodes names each limit in errorCode.
var limitCodes = []struct {
	limit error
	kind  string
	code  string
}{
	{actions.ErrTimeout, kindTimeout, "NodeJsTimeoutError"},
	{actions.ErrMemory, "MemoryLimit", "NodeJsMemoryLimitError"},
	{actions.ErrCodeSize, kindValidation, "NodeActionCodeTooLarge"},
	{actions.ErrResponseSize, kindValidation, "NodeActionResponseTooLarge"},
	{actions.ErrLogSize, kindValidation, "NodeActionLogsTooLarge"},
	{actions.ErrFetches, kindValidation, "NodeActionFetchLimit"},
	{actions.ErrFetchSize, kindValidation, "NodeActionFetchTooLarge"},
	{actions.ErrEgress, kindValidation, "NodeActionFetchRefused"},
	{actions.ErrFetchBytes, kindValidation, "NodeActionFetchBudget"},
	{actions.ErrSignatures, kindValidation, "NodeActionSignatureLimit"},
	{actions.ErrContractCalls, kindValidation, "NodeActionContractCallLimit"},
	{actions.ErrBroadcasts, kindValidation, "NodeActionBroadcastLimit"},
	{actions.ErrCallDepth, kindValidation, "NodeActionCallDepthLimit"},
	{actions.ErrCalls, kindValidation, "NodeActionCallLimit"},
	{actions.ErrClaims, kindValidation, "NodeActionClaimLimit"},
	{actions.ErrKeyIDSize, kindValidation, "NodeActionClaimKeyTooLong"},
	{actions.ErrConditions, kindValidation, "NodeActionConditionsLimit"},
	{actions.ErrSecretSize, kindValidation, "NodeActionSecretTooLarge"},
	{actions.ErrHostCalls, kindValidation, "NodeActionHostCallLimit"},
	{actions.ErrHostBytes, kindValidation, "NodeActionHostCallBudget"},
	{actions.ErrHostInFlight, kindValidation, "NodeActionHostCallsInFlight"},
	{actions.ErrAnswerSize, kindValidation, "NodeActionAnswerTooLarge"},
	{actions.ErrNotAvailable, kindValidation, "NodeActionNotAvailable"},
	{actions.ErrInvalidParams, kindValidation, "NodeInvalidJsParams"},
}

// actionFailed classifies an execution's failure. Everything the Action
// caused answers 400 as on Lit's nodes; a worker that failed for another
// reason is the node's fault (500).
func actionFailed(err error, logs string) error {
	c := &codedError{status: http.StatusBadRequest, kind: kindValidation, code: "NodeJsExecutionError", msg: err.Error()}
	matched := false
	for _, l := range limitCodes {
		if errors.Is(err, l.limit) {
			c.kind, c.code, matched = l.kind, l.code, true
			break
		}
	}
	var se *actions.ScriptError
	switch {
	case matched:
	case errors.Is(err, ErrNotPermitted):
		c.kind, c.code = kindUnauthorized, "NodePKPNotAuthorized"
	case errors.Is(err, ErrActionsDisagree):
		c.code = "NodeActionsDisagree"
	case errors.As(err, &se) && se.Err != nil:
		// A host call failed and the Action did not catch it: name what failed.
		if _, kind, code := apiErr(se.Err); code != "NodeInternalError" {
			c.kind, c.code = kind, code
		}
	case errors.As(err, &se):
	case errors.Is(err, actions.ErrBusy):
		c.status, c.kind, c.code = http.StatusServiceUnavailable, kindUnavailable, "NodeActionsBusy"
	case errors.Is(err, actions.ErrWorker):
		c.status, c.kind, c.code = http.StatusInternalServerError, kindInternal, "NodeActionWorkerFailed"
	default:
		status, kind, code := apiErr(err)
		c.status, c.kind, c.code = status, kind, code
	}
	return &actionFailure{coded: c, cause: err, logs: logs}
}

// executeLogins resolves the auth methods an execution request carries (the
// SDK's executeJs({authMethods})) into Lit.Auth.authMethodContexts, as
// Lit's node filled it: each login verified (a wallet AuthSig over a recent
// block hash, an ID token from a configured issuer, …), its type, user and
// app ids handed to the Action, which decides what they prove. They grant
// the execution nothing by themselves. Without a PKP there is no registered
// WebAuthn key to check an assertion against, so WebAuthn is refused here.
// The same bounds as a session request's apply, before anything is verified.
func (n *Node) executeLogins(ctx context.Context, raw json.RawMessage, sessionPub []byte) ([]auth.AuthMethodContext, error) {
	out := []auth.AuthMethodContext{}
	if len(raw) == 0 || string(raw) == "null" {
		return out, nil
	}
	var ams []wire.AuthMethodJSON
	if err := json.Unmarshal(raw, &ams); err != nil {
		return nil, invalid("NodeInvalidAuthMethod", "authMethods must be a list of {authMethodType, accessToken}")
	}
	if len(ams) > maxSessionAuthMethods {
		return nil, invalid("NodeInvalidAuthMethod", fmt.Sprintf("authMethods has %d entries, at most %d", len(ams), maxSessionAuthMethods))
	}
	for i, am := range ams {
		if len(am.AccessToken) == 0 || len(am.AccessToken) > maxAccessTokenBytes {
			return nil, invalid("NodeInvalidAuthMethod", fmt.Sprintf("authMethods[%d].accessToken is %d bytes: 1 to %d", i, len(am.AccessToken), maxAccessTokenBytes))
		}
	}
	resolved := make([]resolvedLogin, 0, len(ams))
	for i, am := range ams {
		l, err := n.resolveLogin(ctx, nil, am, sessionPub)
		if err != nil {
			return nil, fmt.Errorf("authMethods[%d]: %w", i, err)
		}
		l.ctx.UsedForSignSessionKeyRequest = false
		resolved = append(resolved, l)
		out = append(out, l.ctx)
	}
	// An Action may grant what it likes to the logins it is shown, so a
	// login is bound to the caller's session key here as for a PKP
	// session: a node that saw it cannot show it to an Action of its own.
	if err := n.bindLogins(resolved, sessionPub); err != nil {
		return nil, err
	}
	return out, nil
}
