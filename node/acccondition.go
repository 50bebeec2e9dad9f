package node

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"time"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/ipfs"
)

// LitAction access-control conditions ({contractAddress: "ipfs://<cid>",
// standardContractType: "LitAction", method, parameters, returnValueTest}).
// Each node runs the Action's function method(...parameters) in its own
// worker pool and compares what it returns, as Lit's node did. The run
// decides whether this node releases a share, so it is this node's alone:
// the Action may read chains and permissions, fetch (under the egress
// policy) and check conditions, but it may not sign, claim, decrypt,
// broadcast or run once, which need other nodes or release something; and
// the conditions it checks may not be LitAction conditions themselves, so
// a condition never runs another Action. Every run is bounded by the
// node's Action limits, by conditionTimeout, and with the other runs of
// the same request by conditionBudget; its worker time is charged to the
// caller's Action quota.

const (
	// conditionTimeout bounds one LitAction condition: waiting for a
	// worker, fetching the code and running it. The request that asks
	// waits for it, so it is much shorter than an Action's 30 s.
	conditionTimeout = 5 * time.Second
	// conditionBudget bounds the LitAction conditions of one evaluation
	// together (up to acc.MaxConditions of them).
	conditionBudget = 10 * time.Second
)

// conditionRunner runs the LitAction conditions of one evaluation
// (acc.ActionRunner).
type conditionRunner struct {
	n *Node
	// id is the party the conditions are evaluated for; nil when an Action
	// evaluates them for itself. Its address is the Action's
	// Lit.Auth.authSigAddress, and checkConditions may stand for it.
	id *auth.Identity
	// caller is whose Action quota the runs are charged to.
	caller string
	// inAction: the evaluation runs inside an execution of the caller,
	// which already holds one of the caller's running-Action slots.
	inAction bool
	deadline time.Time // of the whole evaluation's runs
}

// conditionActions returns the runner of LitAction conditions for one
// evaluation; see conditionRunner for its fields.
func (n *Node) conditionActions(id *auth.Identity, caller string, inAction bool) acc.ActionRunner {
	return &conditionRunner{n: n, id: id, caller: caller, inAction: inAction, deadline: time.Now().Add(conditionBudget)}
}

// errConditionActionsOff is the refusal of a LitAction condition on a node
// that does not run Actions.
func errConditionActionsOff(why error) error {
	return &codedError{status: http.StatusServiceUnavailable, kind: kindUnavailable, code: "NodeActionsUnavailable",
		msg: "Actions are off on this node, so it cannot run a LitAction condition: " + why.Error()}
}

// RunCondition implements acc.ActionRunner. Its errors are codedErrors that
// say what failed without the cause's details, which go to the log.
func (r *conditionRunner) RunCondition(ctx context.Context, cidText, method string, params []string) (string, error) {
	n := r.n
	a := n.acts
	if a == nil {
		return "", errConditionActionsOff(errors.New("no Actions runtime"))
	}
	if a.pool == nil {
		return "", errConditionActionsOff(a.poolErr)
	}
	cid, err := ipfs.Parse(cidText)
	if err != nil {
		return "", invalid("NodeInvalidIpfsId", "the LitAction condition's contractAddress: "+err.Error())
	}
	now := time.Now()
	end := now.Add(conditionTimeout)
	if r.deadline.Before(end) {
		end = r.deadline
	}
	if !end.After(now) {
		return "", &codedError{status: http.StatusBadRequest, kind: kindTimeout, code: "NodeJsTimeoutError",
			msg: fmt.Sprintf("the LitAction conditions of this request ran past their %v together (conditionBudget)", conditionBudget)}
	}
	// The runtime's own timeout ends the run with Lit's wording; the
	// context, a little later, bounds the wait for a worker and the code.
	ctx, cancel := context.WithDeadline(ctx, end.Add(time.Second))
	defer cancel()
	done, err := n.quota.conditionAction(r.caller, r.inAction)
	if err != nil {
		return "", err
	}
	var held time.Duration
	defer func() { done(held) }()
	code, err := a.resolver.Get(ctx, cid)
	if err != nil {
		return "", ipfsError(err, a.limits.CodeSize)
	}
	lim := a.limits
	lim.Timeout = min(lim.Timeout, time.Until(end))
	if lim.Timeout <= 0 {
		return "", &codedError{status: http.StatusBadRequest, kind: kindTimeout, code: "NodeJsTimeoutError",
			msg: fmt.Sprintf("the LitAction condition's code came too late to run within %v (conditionTimeout)", conditionTimeout)}
	}
	// Lit's node wrote the parameters into a call, "p1","p2"; with none it
	// wrote "", so the function got one empty string.
	if len(params) == 0 {
		params = []string{""}
	}
	var user string
	if r.id != nil {
		user = r.id.Address.Hex()
	}
	authCtx, err := json.Marshal(litAuthContext{
		ActionIpfsIds:      []string{cid.String()},
		AuthSigAddress:     user,
		AuthMethodContexts: []auth.AuthMethodContext{},
		Resources:          []any{},
	})
	if err != nil {
		return "", err
	}
	host := &conditionHost{ro: &actionHost{n: n, id: r.id, condition: true}}
	res, err := a.pool.Run(ctx, host, &actions.Request{Code: code, CID: cid.String(), Auth: authCtx,
		Call: &actions.Call{Function: method, Args: params}}, lim)
	if res != nil {
		held = res.WorkerTime
	}
	if err != nil {
		var f *actionFailure
		if errors.As(actionFailed(err, ""), &f) {
			c := *f.coded
			c.msg = fmt.Sprintf("%s(…) of %s: %s", clipText(method, 64), cid, clipText(c.msg, 512))
			c.cause = err
			return "", &c
		}
		return "", err
	}
	return res.Response, nil
}

// conditionAction admits a LitAction condition's run for caller and
// returns what charges its worker time. Outside an Action the run is an
// Action like any other (startAction). Inside one, the caller's execution
// holds a running-Action slot already, which the condition's run belongs
// to: asking for a second could refuse a caller allowed one execution at a
// time. Only the worker time is checked and charged then.
func (q *quotas) conditionAction(caller string, inAction bool) (func(time.Duration), error) {
	if !inAction {
		return q.startAction(caller)
	}
	if q == nil || q.cfg.Disabled {
		return func(time.Duration) {}, nil
	}
	b := q.actionSeconds()
	if ok, wait := q.buckets.Check(b, caller); !ok {
		return nil, rateLimited(wait, fmt.Sprintf("caller %s has used its %v seconds of Action worker time per %v (quota.actionSeconds, quota.actionWindow)",
			caller, q.cfg.ActionSeconds, time.Duration(q.cfg.ActionWindow)))
	}
	return func(held time.Duration) { q.buckets.Charge(b, caller, held.Seconds()) }, nil
}

// conditionHost is the node as an Action run for a condition sees it: the
// reads of an actionHost, and refusals for everything that needs the other
// nodes or releases something.
type conditionHost struct {
	ro *actionHost // only its n, id and condition are set
}

var _ actions.Host = (*conditionHost)(nil)

// errConditionOnly refuses a Lit.Actions function to a condition's Action.
func errConditionOnly(fn string) error {
	return fmt.Errorf("%w: Lit.Actions.%s cannot be used by an Action run as an access-control condition: each node runs it alone to decide, so it may not sign, claim, decrypt or exchange values with other nodes",
		actions.ErrNotAvailable, fn)
}

func (h *conditionHost) SignEcdsa(context.Context, actions.SignRequest) (any, error) {
	return nil, errConditionOnly("signEcdsa")
}

func (h *conditionHost) SignAndCombineEcdsa(context.Context, actions.SignRequest) (actions.Signature, error) {
	return actions.Signature{}, errConditionOnly("signAndCombineEcdsa")
}

func (h *conditionHost) ClaimKey(context.Context, [32]byte) ([]byte, error) {
	return nil, errConditionOnly("claimKey")
}

func (h *conditionHost) BroadcastAndCollect(context.Context, actions.Frame, string, string) ([]string, error) {
	return nil, errConditionOnly("broadcastAndCollect")
}

func (h *conditionHost) RunOnce(context.Context, actions.Frame, string, bool, func(context.Context) (string, error)) (string, error) {
	return "", errConditionOnly("runOnce")
}

func (h *conditionHost) Decrypt(_ context.Context, req actions.DecryptRequest) ([]byte, bool, error) {
	if req.Single {
		return nil, false, errConditionOnly("decryptToSingleNode")
	}
	return nil, false, errConditionOnly("decryptAndCombine")
}

func (h *conditionHost) DecryptWithPKP(context.Context, actions.PKPDecryptRequest) ([]byte, error) {
	return nil, errConditionOnly("decryptWithPkp")
}

// CheckConditions implements actions.Host. The conditions are evaluated
// with no runner of LitAction conditions: a condition's Action cannot make
// this node run another Action.
func (h *conditionHost) CheckConditions(ctx context.Context, req actions.ConditionsRequest) (bool, error) {
	if req.AuthSig != nil && h.ro.id == nil {
		return false, errors.New("checkConditions: these conditions are evaluated for an Action, with no caller an authSig could stand for (pass authSig: null)")
	}
	return h.ro.CheckConditions(ctx, req)
}

func (h *conditionHost) Encrypt(ctx context.Context, c actions.Conditions, data []byte) (actions.Encrypted, error) {
	return h.ro.Encrypt(ctx, c, data)
}

func (h *conditionHost) PermittedActions(ctx context.Context, tokenID *big.Int) ([]string, error) {
	return h.ro.PermittedActions(ctx, tokenID)
}

func (h *conditionHost) PermittedAddresses(ctx context.Context, tokenID *big.Int) ([]common.Address, error) {
	return h.ro.PermittedAddresses(ctx, tokenID)
}

func (h *conditionHost) PermittedAuthMethods(ctx context.Context, tokenID *big.Int) ([]actions.AuthMethod, error) {
	return h.ro.PermittedAuthMethods(ctx, tokenID)
}

func (h *conditionHost) AuthMethodScopes(ctx context.Context, tokenID, authMethodType *big.Int, userID []byte, maxScopeID uint64) ([]bool, error) {
	return h.ro.AuthMethodScopes(ctx, tokenID, authMethodType, userID, maxScopeID)
}

func (h *conditionHost) LatestNonce(ctx context.Context, chainName string, address common.Address) (uint64, error) {
	return h.ro.LatestNonce(ctx, chainName, address)
}

func (h *conditionHost) RPCURL(ctx context.Context, chainName string) (string, error) {
	return h.ro.RPCURL(ctx, chainName)
}

func (h *conditionHost) CallContract(ctx context.Context, chainName string, msg ethereum.CallMsg) ([]byte, error) {
	return h.ro.CallContract(ctx, chainName, msg)
}

func (h *conditionHost) ActionCode(ctx context.Context, cid string) ([]byte, error) {
	return h.ro.ActionCode(ctx, cid)
}
