package node

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"sync"
	"time"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/crypto/bls/timelock"
	"github.com/flint-network/flint/wire"
)

// Decryption with access-control conditions. A ciphertext is time-lock
// encrypted under the network's BLS key to the identity
// lit-accesscontrolcondition://<hash of its conditions>/<hash of its data>,
// and the key for that identity is the network's BLS signature on it. A node
// that releases its share of that signature releases a share of the
// decryption key, whatever the caller does with it — so the share depends
// on nothing but the identity, and the conditions are checked before every
// release (docs/api.md, /web/encryption/sign).

// dataHashPattern is the form of dataToEncryptHash: hex of a SHA-256, as
// the SDK writes it. The identity is built from it verbatim, so no other
// spelling of the same hash is accepted.
var dataHashPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// conditionsHeadAge is how long one latest-block header serves every
// evaluation of a chain: under a block time, so conditions read a block at
// most that much older than the head, and a burst of requests costs one
// header read.
const conditionsHeadAge = 500 * time.Millisecond

// conditionsCacheSize bounds the per-block cache of condition results.
const conditionsCacheSize = 10_000

// conditionRuntime is what condition evaluation keeps between requests:
// each chain behind a shared recent head, and the per-block result cache.
type conditionRuntime struct {
	n      *Node
	mu     sync.Mutex
	chains map[string]acc.Chain
	cache  *acc.Cache
}

func newConditionRuntime(n *Node) *conditionRuntime {
	return &conditionRuntime{n: n, chains: map[string]acc.Chain{}, cache: acc.NewCache(conditionsCacheSize)}
}

// Chain implements acc.Chains with the chains the node serves Actions
// (actions.chains, and the network's own as "flint" and "yellowstone").
func (c *conditionRuntime) Chain(name string) (acc.Chain, error) {
	c.mu.Lock()
	ch := c.chains[name]
	c.mu.Unlock()
	if ch != nil {
		return ch, nil
	}
	if c.n.acts == nil {
		return nil, fmt.Errorf("%w: %q: this node serves no chains yet", acc.ErrUnsupportedChain, name)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	cl, err := c.n.chainClient(ctx, name)
	if err != nil {
		if _, known := c.n.acts.chainURL(name); !known {
			return nil, fmt.Errorf("%w: %v", acc.ErrUnsupportedChain, err)
		}
		return nil, fmt.Errorf("%w: %v", acc.ErrChain, err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev := c.chains[name]; prev != nil {
		return prev, nil
	}
	ch = acc.RecentHead(cl, conditionsHeadAge)
	c.chains[name] = ch
	return ch, nil
}

// handleEncryptionSign serves /web/encryption/sign: this node's BLS share of
// a ciphertext's identity, for a caller who meets its access-control
// conditions. The checks run cheapest first: the shape of the request and
// the conditions (bounded parsing, no chain), the caller's signature, the
// caller's quota, the session's grant for this ciphertext, then the
// conditions against the chain.
func (n *Node) handleEncryptionSign(w http.ResponseWriter, r *http.Request) (any, error) {
	ctx := r.Context()
	var req wire.EncryptionSignRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	if err := n.checkEpoch(r.Context(), req.Epoch); err != nil {
		return nil, err
	}
	st := n.keysFor(req.Epoch)
	if st == nil || !n.published.Load() {
		return nil, ErrNotReady
	}
	if !dataHashPattern.MatchString(req.DataToEncryptHash) {
		return nil, invalid("NodeInvalidDataToEncryptHash", "dataToEncryptHash must be the 64 lower-case hex digits of a SHA-256")
	}
	conds, err := req.Fields.Parse()
	if err != nil {
		return nil, conditionsError(err)
	}
	note := usageOf(ctx)
	note.decrypt(conds.HashHex(), req.DataToEncryptHash)
	need := auth.ResourceAbility{Resource: auth.Resource{Prefix: auth.PrefixACC, ID: conds.HashHex() + "/" + req.DataToEncryptHash},
		Ability: auth.AbilityACCDecryption}
	id, err := n.authenticateOrWallet(ctx, req.AuthSig, need)
	if err != nil {
		return nil, err
	}
	note.caller(id)
	if err := n.quota.allow(quotaDecrypt, "perCaller", id.Address.Hex()); err != nil {
		return nil, err
	}
	if err := n.callerMeets(ctx, conds, id, "to decrypt this content"); err != nil {
		return nil, err
	}
	share, err := st.bls.Sign(timelock.Identity(conds.HashHex(), req.DataToEncryptHash))
	if err != nil {
		return nil, err
	}
	raw, err := wire.MarshalBLSShareOld(share)
	if err != nil {
		return nil, err
	}
	requestLog(ctx, n.log).Debug("decryption share released", "conditions", conds.HashHex(), "data", req.DataToEncryptHash)
	return wire.EncryptionSignAnswer{Result: "success", SignatureShare: json.RawMessage(raw), ShareIndex: st.bls.Index()}, nil
}

// callerMeets evaluates conds for the authenticated caller id, with the
// node's chains, cache and Action runner; a caller who does not meet them
// is refused with why, and what (e.g. "to decrypt this content") says what
// it was refused.
func (n *Node) callerMeets(ctx context.Context, conds *acc.Conditions, id *auth.Identity, what string) error {
	res, err := acc.Evaluate(ctx, conds, acc.Env{UserAddress: id.Address, Chains: n.conds, Cache: n.conds.cache,
		Actions: n.conditionActions(id, id.Address.Hex(), false)})
	if err != nil {
		return conditionsError(err)
	}
	if !res.OK {
		return &codedError{status: http.StatusUnauthorized, kind: kindUnauthorized, code: "NodeAccessControlConditionsReturnedNotAuthorized",
			msg: fmt.Sprintf("%s is not permitted %s: %s", id.Address.Hex(), what, res.Reason())}
	}
	return nil
}

// conditionsError classifies an error of parsing or evaluating conditions:
// what the caller sent is a 400 with the acc package's code; a chain that
// did not answer is a 503 whose cause (which may quote an RPC URL) stays in
// the log.
func conditionsError(err error) error {
	code := acc.CodeOf(err)
	switch {
	case errors.Is(err, acc.ErrChain):
		return &chainFailure{op: "checking the access-control conditions", err: err}
	case errors.Is(err, acc.ErrAction):
		// The runner's errors say what failed (the Action's exception, a
		// limit, the code not found, Actions off) in words fit for the
		// caller; the cause goes to the log.
		if ce, ok := errors.AsType[*codedError](err); ok {
			return &codedError{status: ce.status, kind: ce.kind, code: ce.code, msg: "a Lit Action condition could not be run: " + ce.msg, cause: err}
		}
		return &codedError{status: http.StatusBadGateway, kind: kindUnavailable, code: "NodeAccActionFailed",
			msg: "a Lit Action condition could not be run", cause: err}
	case code != "":
		return &codedError{status: http.StatusBadRequest, kind: kindValidation, code: "Node" + code, msg: err.Error(), cause: err}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return err
	}
	return fmt.Errorf("conditions: %w", err)
}
