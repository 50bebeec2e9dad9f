package actions

import (
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"sync"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
)

// session is the node's side of one execution: it calls the Host for the runtime, counts the calls that
// Limits bound, and records the signature shares, claims and logs that make up the Result. It lives in
// the node's process even when the JavaScript runs in a worker, so shares never enter the sandbox and a
// compromised worker cannot sign past the limits.
type session struct {
	host Host
	lim  Limits

	mu            sync.Mutex
	signatures    int
	contractCalls int
	broadcasts    int
	shares        map[string]SignedShare
	claims        map[string]Claim
	logs          []byte
}

func newSession(host Host, lim Limits) *session {
	return &session{host: host, lim: lim, shares: map[string]SignedShare{}, claims: map[string]Claim{}}
}

// callbacks runs JavaScript for the host: the function of a runOnce block.
type callbacks interface {
	runOnce(ctx context.Context, handle uint64) (string, error)
}

// Arguments and results of session.dispatch, by method. They cross the worker pipe as JSON.
type (
	permittedArgs struct {
		Kind    string   `json:"kind"`
		TokenID *big.Int `json:"tokenId"`
	}
	scopesArgs struct {
		TokenID *big.Int `json:"tokenId"`
		Type    *big.Int `json:"type"`
		UserID  []byte   `json:"userId"`
		Max     uint64   `json:"max"`
	}
	nonceArgs struct {
		Chain   string         `json:"chain"`
		Address common.Address `json:"address"`
	}
	chainArgs struct {
		Chain string `json:"chain"`
	}
	contractArgs struct {
		Chain string           `json:"chain"`
		Msg   ethereum.CallMsg `json:"msg"`
	}
	cidArgs struct {
		CID string `json:"cid"`
	}
	claimArgs struct {
		KeyID        string   `json:"keyId"`
		DerivedKeyID [32]byte `json:"derivedKeyId"`
	}
	broadcastArgs struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	runOnceArgs struct {
		Name   string `json:"name"`
		Wait   bool   `json:"wait"`
		Handle uint64 `json:"handle"`
	}
	runOnceResult struct {
		Value string `json:"value"`
		Ran   bool   `json:"ran"`
	}
	// permitted is what a permittedArgs call returns; one field is set, by kind.
	permitted struct {
		Actions     []string         `json:"actions,omitempty"`
		Addresses   []common.Address `json:"addresses,omitempty"`
		AuthMethods []AuthMethod     `json:"authMethods,omitempty"`
	}
)

// dispatch runs one call of the runtime. args holds the JSON of the method's argument struct.
func (s *session) dispatch(ctx context.Context, method string, args []byte, cb callbacks) (any, error) {
	decode := func(v any) error {
		if err := json.Unmarshal(args, v); err != nil {
			return fmt.Errorf("actions: bad arguments for %s: %w", method, err)
		}
		return nil
	}
	switch method {
	case "sign":
		var req SignRequest
		if err := decode(&req); err != nil {
			return nil, err
		}
		if err := s.count(&s.signatures, s.lim.Signatures, signaturesLimit); err != nil {
			return nil, err
		}
		share, err := s.host.SignEcdsa(ctx, req)
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		s.shares[req.SigName] = SignedShare{Request: req, Share: share}
		s.mu.Unlock()
		return nil, nil
	case "signAndCombine":
		var req SignRequest
		if err := decode(&req); err != nil {
			return nil, err
		}
		if err := s.count(&s.signatures, s.lim.Signatures, signaturesLimit); err != nil {
			return nil, err
		}
		if err := s.count(&s.broadcasts, s.lim.Broadcasts, broadcastsLimit); err != nil {
			return nil, err
		}
		return s.host.SignAndCombineEcdsa(ctx, req)
	case "permitted":
		var a permittedArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		var p permitted
		var err error
		switch a.Kind {
		case "action":
			p.Actions, err = s.host.PermittedActions(ctx, a.TokenID)
		case "address":
			p.Addresses, err = s.host.PermittedAddresses(ctx, a.TokenID)
		case "authMethod":
			p.AuthMethods, err = s.host.PermittedAuthMethods(ctx, a.TokenID)
		default:
			err = fmt.Errorf("actions: unknown permission kind %q", a.Kind)
		}
		return p, err
	case "scopes":
		var a scopesArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		return s.host.AuthMethodScopes(ctx, a.TokenID, a.Type, a.UserID, a.Max)
	case "nonce":
		var a nonceArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		return s.host.LatestNonce(ctx, a.Chain, a.Address)
	case "rpcUrl":
		var a chainArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		return s.host.RPCURL(ctx, a.Chain)
	case "callContract":
		var a contractArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		if err := s.count(&s.contractCalls, s.lim.ContractCalls, contractCallsLimit); err != nil {
			return nil, err
		}
		return s.host.CallContract(ctx, a.Chain, a.Msg)
	case "actionCode":
		var a cidArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		return s.host.ActionCode(ctx, a.CID)
	case "claim":
		var a claimArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		sig, err := s.host.ClaimKey(ctx, a.DerivedKeyID)
		if err != nil {
			return nil, err
		}
		s.mu.Lock()
		s.claims[a.KeyID] = Claim{DerivedKeyID: a.DerivedKeyID, Signature: sig}
		s.mu.Unlock()
		return nil, nil
	case "broadcast":
		var a broadcastArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		if err := s.count(&s.broadcasts, s.lim.Broadcasts, broadcastsLimit); err != nil {
			return nil, err
		}
		return s.host.BroadcastAndCollect(ctx, a.Name, a.Value)
	case "runOnce":
		var a runOnceArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		if a.Wait {
			if err := s.count(&s.broadcasts, s.lim.Broadcasts, broadcastsLimit); err != nil {
				return nil, err
			}
		}
		var ran bool
		var mu sync.Mutex
		v, err := s.host.RunOnce(ctx, a.Name, a.Wait, func(ctx context.Context) (string, error) {
			mu.Lock()
			ran = true
			mu.Unlock()
			return cb.runOnce(ctx, a.Handle)
		})
		mu.Lock()
		defer mu.Unlock()
		return runOnceResult{Value: v, Ran: ran}, err
	}
	return nil, fmt.Errorf("actions: unknown host call %q", method)
}

// The wording of Lit's errors for the counted calls.
const (
	signaturesLimit    = "You may not sign more than %d times per session and you have attempted to exceed that limit."
	contractCallsLimit = "You may not invoke contract calls more than %d times per session and you have attempted to exceed that limit."
	broadcastsLimit    = "You may not use broadcast and collect functionality more than %d times per session and you have attempted to exceed that limit."
)

func (s *session) count(n *int, max int, format string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	*n++
	if *n > max {
		var limit error
		switch format {
		case signaturesLimit:
			limit = ErrSignatures
		case contractCallsLimit:
			limit = ErrContractCalls
		default:
			limit = ErrBroadcasts
		}
		return limitErr(limit, format, max)
	}
	return nil
}

// addLog keeps console output, bounded (the runtime enforces the limit; this guards the node).
func (s *session) addLog(text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if room := s.lim.LogSize - len(s.logs); room > 0 {
		if len(text) > room {
			text = text[:room]
		}
		s.logs = append(s.logs, text...)
	}
}

// result assembles the Result; a failed execution keeps its logs only.
func (s *session) result(response string, failed bool) *Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := &Result{Logs: string(s.logs)}
	if failed {
		return r
	}
	r.Response = response
	r.Signatures = s.shares
	r.Claims = s.claims
	return r
}

// localBackend connects a tree to a session in the same process.
type localBackend struct {
	s  *session
	cb callbacks
}

func (b *localBackend) call(ctx context.Context, method string, args, out any) error {
	raw, err := json.Marshal(args)
	if err != nil {
		return err
	}
	v, err := b.s.dispatch(ctx, method, raw, b.cb)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	res, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(res, out)
}

func (b *localBackend) log(text string) { b.s.addLog(text) }
