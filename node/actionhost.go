package node

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"sync"
	"time"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/ipfs"
	"github.com/flint-network/flint/node/peer"
)

// actionHost is the node as one execution sees it (actions.Host): it knows
// the client's request id, which every node binds the execution's
// signatures under, the scope that keys the values its Actions share, and
// who the caller is and what the caller's session grants.
type actionHost struct {
	n         *Node
	requestID string
	scope     execScope
	id        *auth.Identity
	usage     *usageNote // the request's usage record; the signatures asked for go in
	// condition: the Action runs as a LitAction access-control condition
	// (conditionHost), so the conditions it checks get no runner of
	// LitAction conditions: a condition never runs another Action.
	condition bool
}

var _ actions.Host = (*actionHost)(nil)

// actionShare is what signEcdsa records for a sigName: this node's share, or
// for a node outside the signer set, nothing but the request.
type actionShare struct {
	sigma  *secp.Scalar // nil for a non-signer
	r      secp.Point   // R', affine (signers only)
	pub    [secp.PointSize]byte
	hash   [32]byte
	index  uint32 // this node's index
	signer []uint32
}

// notPermittedError is Lit's refusal, in Lit's words, and why when the
// caller's session is what is missing; it is ErrNotPermitted.
type notPermittedError struct {
	pub []byte
	why string
}

func (e *notPermittedError) Error() string {
	msg := fmt.Sprintf("Neither you nor this Lit Action are authorized to sign using this PKP: 0x%x", e.pub)
	if e.why != "" {
		msg += " (" + e.why + ")"
	}
	return msg
}

func (e *notPermittedError) Unwrap() error { return ErrNotPermitted }

func notPermittedAction(pub []byte) error { return &notPermittedError{pub: pub} }

// authorizeSign checks that the caller may use the PKP — its session grants
// pkp-signing on it and its wallet may sign with it on chain — or that the
// Action asking is a permitted Action of the PKP with a scope that covers
// the request: scope 1 for any hash, scope 1 or 2 for an EIP-191 message.
// The Action's CID is the frame's, which the node computed or checked.
func (h *actionHost) authorizeSign(ctx context.Context, token *big.Int, req *actions.SignRequest) error {
	n := h.n
	var tokenBytes [32]byte
	token.FillBytes(tokenBytes[:])
	need := auth.ResourceAbility{Resource: auth.PKPResource(tokenBytes), Ability: auth.AbilityPKPSigning}
	// A session granted Action execution only must not lend the Action its
	// wallet's PKPs: the grant is checked first, before any chain read.
	granted := h.id.Allows(need)
	if granted {
		err := n.mayUse(ctx, token, h.id)
		if err == nil || !errors.Is(err, ErrNotPermitted) {
			return err
		}
	}
	refused := &notPermittedError{pub: req.PublicKey}
	if !granted {
		refused.why = fmt.Sprintf("the caller's session does not grant %s on %s", need.Ability, need.Resource.Key())
	}
	cid, err := ipfs.Parse(req.Frame.CID)
	if err != nil {
		return refused
	}
	scopes, err := n.actionScopes(ctx, token, cid)
	if err != nil {
		return err
	}
	for _, s := range scopes {
		if s == chain.ScopeSignAnything || (s == chain.ScopePersonalSign && req.Scope == actions.ScopePersonalSign) {
			return nil
		}
	}
	return refused
}

// actionPerms caches, for one block and at most permMaxAge, the scopes Actions hold on PKPs. Only
// grants are kept: a refusal is read again, so a permission granted a moment
// ago counts even before this node has seen the new block.
type actionPerms struct {
	mu     sync.Mutex
	span   blockSpan
	scopes map[string][]chain.Scope // token ‖ CID → scopes
}

func newActionPerms() *actionPerms { return &actionPerms{scopes: map[string][]chain.Scope{}} }

// actionScopes returns the scopes the Action holds on the PKP (none if it is
// not a permitted Action).
func (n *Node) actionScopes(ctx context.Context, token *big.Int, cid ipfs.CID) ([]chain.Scope, error) {
	c := n.acts.perms
	block := n.block.Load()
	key := token.String() + "/" + cid.String()
	c.mu.Lock()
	if c.span.at(block, time.Now()) {
		clear(c.scopes)
	}
	gen := c.span.gen
	s, ok := c.scopes[key]
	c.mu.Unlock()
	if ok {
		return s, nil
	}
	permitted, err := n.chain.IsPermittedAction(ctx, token, cid.Bytes())
	if err != nil {
		return nil, fmt.Errorf("reading permissions: %w", err)
	}
	if permitted {
		if s, err = n.chain.PermittedAuthMethodScopes(ctx, token, chain.AuthMethodAction, cid.Bytes()); err != nil {
			return nil, fmt.Errorf("reading permissions: %w", err)
		}
	}
	if len(s) > 0 {
		c.mu.Lock()
		if c.span.gen == gen {
			c.scopes[key] = s
		}
		c.mu.Unlock()
	}
	return s, nil
}

// share authorises a signature and computes this node's share of it. Every
// node binds the presignature under the client's request id and the
// sigName, so the nodes agree on the presignature exactly when they agree on
// what to sign.
func (h *actionHost) share(ctx context.Context, req *actions.SignRequest) (_ *actionShare, _ *pkpKey, err error) {
	n := h.n
	presig := ""
	defer func() { h.usage.actionSign(req.PublicKey, req.Hash, presig, err) }()
	key, token, err := n.pkp(ctx, req.PublicKey)
	if err != nil {
		return nil, nil, err
	}
	if err := h.authorizeSign(ctx, token, req); err != nil {
		return nil, nil, err
	}
	ans, err := h.bind(ctx, req, key)
	if err != nil {
		return nil, nil, err
	}
	presig = ans.binding.Presig.String()
	s := &actionShare{sigma: ans.sigma, r: ans.r, pub: secp.Uncompressed(&key.pub), hash: req.Hash,
		index: n.view().self, signer: ans.binding.Signers}
	return s, key, nil
}

// ErrActionsDisagree: this node's Action asked to sign something other than
// what the request's leader bound a presignature to.
var ErrActionsDisagree = errors.New("the nodes' Actions disagree on what to sign")

// bindProbe is how long a node waits for the leader's binding before it asks
// the leader what it bound, to tell a slow leader from a disagreeing one.
const bindProbe = 200 * time.Millisecond

// bind runs the signer for the request's sigName. The leader records the hash
// it bound; another node whose binding is slow to come asks the leader for
// that hash and fails at once if it is not its own, rather than wait out the
// bind timeout: nodes whose Actions compute different things to sign get no
// common presignature.
func (h *actionHost) bind(ctx context.Context, req *actions.SignRequest, key *pkpKey) (*shareAnswer, error) {
	n := h.n
	rid := []byte(h.requestID + "/" + req.SigName)
	sr := &shareRequest{requestID: rid, hash: req.Hash, key: key}
	v := n.view()
	leader := n.signer.leader(rid, req.Hash, key.compressed)
	hk := newMailKey(h.scope, req.Frame, tagHash, req.SigName)
	n.log.Debug("action sign", "request_id", h.requestID, "sig", req.SigName, "leader", leader)
	if leader == v.self {
		ans, err := n.signer.share(ctx, sr)
		if err == nil {
			_ = n.acts.box.put(hk, v.self, req.Hash[:])
		}
		return ans, err
	}
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type result struct {
		ans *shareAnswer
		err error
	}
	done := make(chan result, 1)
	go func() {
		a, err := n.signer.share(sctx, sr)
		done <- result{a, err}
	}()
	probe := time.NewTimer(bindProbe)
	defer probe.Stop()
	for {
		select {
		case r := <-done:
			return r.ans, r.err
		case <-probe.C:
			cctx, ccancel := context.WithTimeout(sctx, time.Second)
			theirs, err := n.peers.Call(cctx, leader, kindActionHash, hk[:])
			ccancel()
			if err == nil && len(theirs) == 32 && [32]byte(theirs) != req.Hash {
				return nil, fmt.Errorf("%w: for %q the request's leader, node %d, signs %x and this node %x",
					ErrActionsDisagree, req.SigName, leader, theirs, req.Hash)
			}
			probe.Reset(bindProbe)
		}
	}
}

// onActionHash answers a node that asks what this node, as a request's
// leader, bound a signature to.
func (n *Node) onActionHash(body []byte) ([]byte, error) {
	if n.acts == nil {
		return nil, ErrNotReady
	}
	if len(body) != len(mailKey{}) {
		return nil, fmt.Errorf("%w: hash query of %d bytes", errPeerRefused, len(body))
	}
	v, ok := n.acts.box.get(mailKey(body), n.view().self)
	if !ok {
		return nil, fmt.Errorf("%w: not bound yet", peer.ErrUnavailable)
	}
	return v, nil
}

// SignEcdsa implements actions.Host.
func (h *actionHost) SignEcdsa(ctx context.Context, req actions.SignRequest) (any, error) {
	s, _, err := h.share(ctx, &req)
	if err != nil {
		return nil, err
	}
	return s, nil
}

// SignAndCombineEcdsa implements actions.Host: every signer sends its share
// to every node running the request, and each node combines the signer
// set's shares and checks the signature itself.
func (h *actionHost) SignAndCombineEcdsa(ctx context.Context, req actions.SignRequest) (actions.Signature, error) {
	n := h.n
	s, key, err := h.share(ctx, &req)
	if err != nil {
		return actions.Signature{}, err
	}
	k := newMailKey(h.scope, req.Frame, tagShare, req.SigName)
	wait := n.acts.collectWait
	if s.sigma != nil {
		sb := s.sigma.Bytes()
		n.shareValue(k, secp.AppendPoint(sb[:], &s.r), n.live(n.view()), wait)
	}
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	got, err := n.acts.box.wait(wctx, k, func(v map[uint32][]byte) bool {
		for _, id := range s.signer {
			if _, ok := v[id]; !ok {
				return false
			}
		}
		return true
	})
	if err != nil {
		missing := []uint32{}
		for _, id := range s.signer {
			if _, ok := got[id]; !ok {
				missing = append(missing, id)
			}
		}
		return actions.Signature{}, fmt.Errorf("signAndCombineEcdsa: no share from nodes %v within %v", missing, wait)
	}
	shares := make([]*tecdsa.SignatureShare, 0, len(s.signer))
	for _, id := range s.signer {
		raw := got[id]
		if len(raw) != secp.ScalarSize+secp.PointSize {
			return actions.Signature{}, fmt.Errorf("signAndCombineEcdsa: node %d sent a share of %d bytes", id, len(raw))
		}
		sigma, err := secp.DecodeScalar(raw[:secp.ScalarSize])
		if err != nil {
			return actions.Signature{}, fmt.Errorf("signAndCombineEcdsa: node %d: %w", id, err)
		}
		r, err := secp.DecodePoint(raw[secp.ScalarSize:])
		if err != nil {
			return actions.Signature{}, fmt.Errorf("signAndCombineEcdsa: node %d: %w", id, err)
		}
		shares = append(shares, &tecdsa.SignatureShare{Index: id, Sigma: sigma, R: r, PublicKey: key.pub, Hash: req.Hash, Weighted: true})
	}
	sig, err := tecdsa.CombineWeighted(shares)
	if err != nil {
		return actions.Signature{}, fmt.Errorf("signAndCombineEcdsa: %w", err)
	}
	out := actions.Signature{R: sig.R.Bytes(), S: sig.S.Bytes(), V: sig.V & 1}
	return out, nil
}

// tokenArg checks a token id from an Action.
func tokenArg(t *big.Int) error {
	if t == nil || t.Sign() < 0 || t.BitLen() > 256 {
		return errors.New("tokenId must be a uint256")
	}
	return nil
}

// PermittedActions implements actions.Host.
func (h *actionHost) PermittedActions(ctx context.Context, tokenID *big.Int) ([]string, error) {
	if err := tokenArg(tokenID); err != nil {
		return nil, err
	}
	raw, err := h.n.chain.PermittedActions(ctx, tokenID)
	if err != nil {
		return nil, err
	}
	out := make([]string, 0, len(raw))
	for _, b := range raw {
		if c, err := ipfs.FromBytes(b); err == nil {
			out = append(out, c.String())
		} else {
			out = append(out, "0x"+hex.EncodeToString(b)) // not a CIDv0: shown as it is stored
		}
	}
	return out, nil
}

// PermittedAddresses implements actions.Host.
func (h *actionHost) PermittedAddresses(ctx context.Context, tokenID *big.Int) ([]common.Address, error) {
	if err := tokenArg(tokenID); err != nil {
		return nil, err
	}
	return h.n.chain.PermittedAddresses(ctx, tokenID)
}

// PermittedAuthMethods implements actions.Host.
func (h *actionHost) PermittedAuthMethods(ctx context.Context, tokenID *big.Int) ([]actions.AuthMethod, error) {
	if err := tokenArg(tokenID); err != nil {
		return nil, err
	}
	ams, err := h.n.chain.PermittedAuthMethods(ctx, tokenID)
	if err != nil {
		return nil, err
	}
	out := make([]actions.AuthMethod, len(ams))
	for i, am := range ams {
		out[i] = actions.AuthMethod{Type: new(big.Int).SetUint64(am.Type), ID: am.ID, UserPubkey: am.UserPubkey}
	}
	return out, nil
}

// AuthMethodScopes implements actions.Host.
func (h *actionHost) AuthMethodScopes(ctx context.Context, tokenID, authMethodType *big.Int, userID []byte, maxScopeID uint64) ([]bool, error) {
	if err := tokenArg(tokenID); err != nil {
		return nil, err
	}
	if maxScopeID > 1<<16 {
		return nil, fmt.Errorf("maxScopeId %d out of range", maxScopeID)
	}
	out := make([]bool, maxScopeID)
	if authMethodType == nil || !authMethodType.IsUint64() {
		return out, nil // no such auth method can be permitted
	}
	scopes, err := h.n.chain.PermittedAuthMethodScopes(ctx, tokenID, authMethodType.Uint64(), userID)
	if err != nil {
		return nil, err
	}
	for _, s := range scopes {
		if uint64(s) < maxScopeID {
			out[s] = true
		}
	}
	return out, nil
}

// LatestNonce implements actions.Host.
func (h *actionHost) LatestNonce(ctx context.Context, chainName string, address common.Address) (uint64, error) {
	c, err := h.n.chainClient(ctx, chainName)
	if err != nil {
		return 0, err
	}
	return c.NonceAt(ctx, address, nil)
}

// RPCURL implements actions.Host. It hands out only the URLs the operator
// listed in actions.chains, which that listing makes public: the node's own
// chain RPC ("flint", and "yellowstone" unless listed) is the node's own
// connection and may carry an API key.
func (h *actionHost) RPCURL(ctx context.Context, chainName string) (string, error) {
	u, ok := h.n.cfg.Actions.Chains[chainName]
	if !ok {
		return "", fmt.Errorf("no RPC URL for chain %q: Actions get only the URLs the operator listed in actions.chains (%s)", chainName, h.n.cfg.Actions.publicChains())
	}
	return u, nil
}

// callGas is the gas of an eth_call that names none, as Lit's nodes set it.
const callGas = 10_000_000

// CallContract implements actions.Host.
func (h *actionHost) CallContract(ctx context.Context, chainName string, msg ethereum.CallMsg) ([]byte, error) {
	c, err := h.n.chainClient(ctx, chainName)
	if err != nil {
		return nil, err
	}
	if msg.Gas == 0 {
		msg.Gas = callGas
	}
	return c.CallContract(ctx, msg, nil)
}

// ActionCode implements actions.Host: the local store, then the gateways,
// every byte checked against the CID.
func (h *actionHost) ActionCode(ctx context.Context, cid string) ([]byte, error) {
	c, err := ipfs.Parse(cid)
	if err != nil {
		return nil, err
	}
	return h.n.acts.resolver.Get(ctx, c)
}

// ClaimKey implements actions.Host: this node's attestation of the key
// derived for derivedKeyID, for the caller who ran the Action, which the
// caller gathers from a quorum of nodes to mint the key with PKPNFT's
// claimAndMint. v is 27 or 28, as in Lit's claim signatures. The session
// derived the key id from the running Action's CID, so only an execution of
// that Action, having passed whatever checks its code makes, can claim it;
// and since the attestation names the caller, an answer seen by anyone
// else mints nothing for them.
func (h *actionHost) ClaimKey(ctx context.Context, derivedKeyID [32]byte) ([]byte, error) {
	a, err := h.n.attestClaim(derivedKeyID, h.id.Address)
	if err != nil {
		return nil, err
	}
	sig := slices.Clone(a.sig)
	if len(sig) == 65 && sig[64] < 27 {
		sig[64] += 27
	}
	return sig, nil
}

// BroadcastAndCollect implements actions.Host. It waits for every live node
// to share its value; after the collect wait it settles for a quorum. The
// values come in node order, this node's own last.
func (h *actionHost) BroadcastAndCollect(ctx context.Context, f actions.Frame, name, value string) ([]string, error) {
	n := h.n
	if len(value) > maxActionValue {
		return nil, fmt.Errorf("broadcastAndCollect: value of %d bytes, limit %d", len(value), maxActionValue)
	}
	v := n.view()
	live := n.live(v)
	k := newMailKey(h.scope, f, tagBroadcast, name)
	wait := n.acts.collectWait
	n.shareValue(k, []byte(value), live, wait)
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	got, err := n.acts.box.wait(wctx, k, func(m map[uint32][]byte) bool {
		for _, id := range live {
			if _, ok := m[id]; !ok {
				return false
			}
		}
		return true
	})
	if err != nil && (ctx.Err() != nil || len(got) < v.quorum) {
		return nil, fmt.Errorf("broadcastAndCollect %q: %d of %d nodes shared a value, %d needed: %w", name, len(got), len(live), v.quorum, err)
	}
	ids := make([]uint32, 0, len(got))
	for id := range got {
		if id != v.self {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	out := make([]string, 0, len(got)+1)
	for _, id := range ids {
		out = append(out, string(got[id]))
	}
	return append(out, value), nil
}

// runOnce results cross the wire as one status byte and the value or the
// error text.
const (
	onceOK  = 0
	onceErr = 1
)

// RunOnce implements actions.Host. The runner is the request's leader, the
// node every node computes from the request id and the live set; when wait
// is set it sends its result to the others, who wait for it as long as the
// execution may run, or until the leader is seen down.
func (h *actionHost) RunOnce(ctx context.Context, f actions.Frame, name string, wait bool, run func(context.Context) (string, error)) (string, error) {
	n := h.n
	v := n.view()
	live := n.live(v)
	leader := tecdsa.Leader([]byte(h.requestID), live)
	k := newMailKey(h.scope, f, tagRunOnce, name)
	if leader == v.self {
		res, err := run(ctx)
		if wait {
			msg := append([]byte{onceOK}, res...)
			if err != nil {
				msg = append([]byte{onceErr}, err.Error()...)
			}
			if len(msg) > maxActionValue {
				msg = append([]byte{onceErr}, fmt.Sprintf("the result of %d bytes is over the limit of %d", len(res), maxActionValue)...)
			}
			n.shareValue(k, msg, live, n.acts.limits.Timeout)
		}
		return res, err
	}
	if !wait {
		return "", nil
	}
	// Watch the leader while waiting: a leader that is down will not answer.
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	down := make(chan struct{})
	go func() {
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		misses := 0
		for {
			select {
			case <-wctx.Done():
				return
			case <-t.C:
				if n.peers.Health()[leader].Up {
					misses = 0
					continue
				}
				if misses++; misses >= 4 {
					close(down)
					cancel()
					return
				}
			}
		}
	}()
	got, err := n.acts.box.wait(wctx, k, func(m map[uint32][]byte) bool { _, ok := m[leader]; return ok })
	if err != nil {
		select {
		case <-down:
			return "", fmt.Errorf("runOnce %q: the runner, node %d, is down", name, leader)
		default:
		}
		return "", fmt.Errorf("runOnce %q: no result from the runner, node %d: %w", name, leader, err)
	}
	msg := got[leader]
	if len(msg) == 0 {
		return "", fmt.Errorf("runOnce %q: empty answer from node %d", name, leader)
	}
	if msg[0] == onceErr {
		return "", fmt.Errorf("runOnce %q failed on node %d: %s", name, leader, sanitizeText(msg[1:]))
	}
	return string(msg[1:]), nil
}

// sanitizeText makes a peer's text safe for an error: printable, bounded.
func sanitizeText(b []byte) string {
	if len(b) > 512 {
		b = b[:512]
	}
	out := make([]rune, 0, len(b))
	for _, r := range string(b) {
		if r < 0x20 || r == 0x7f {
			r = '?'
		}
		out = append(out, r)
	}
	return string(out)
}
