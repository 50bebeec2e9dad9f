package node

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/auth/authmethod"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/ipfs"
	"github.com/flint-network/flint/wire"
)

// PKP session keys. /web/sign_session_key/v1 gives a client who logs in
// with auth methods the PKP permits this node's BLS share of a SIWE message
// that hands the client's session key the PKP's powers (auth/pkpsession.go
// has the message and its checks). Every node rebuilds the client's message
// alike — the PKP's address, the block hash the client names as nonce and
// that block's time as Issued At, the auth context the nodes resolved — so
// the shares combine into the network's signature of one message.

// Bounds on a session key request, all checked before any signature or
// chain read.
const (
	maxSessionAuthMethods   = 4        // the SDK sends one; Lit's node takes a list
	maxAccessTokenBytes     = 16 << 10 // a wallet AuthSig with a ReCap, or an ID token
	maxSessionSIWEBytes     = 8 << 10  // the SDK's message with its ReCap is about 1 KiB
	maxPKPSessionLifetime   = 30 * 24 * time.Hour
	sessionKeyURIHexLen     = 64
	maxPKPAddresses         = 1 << 16
	authContextUserIDMaxLen = 512
)

// resolvedLogin is one auth method the node checked: the context it goes
// into the session as, and the on-chain ids the PKP may permit it under.
type resolvedLogin struct {
	ctx     auth.AuthMethodContext
	address *common.Address // type 1: the wallet, which the PKP may permit as an address
	// bound says the login named the request's session key; otherwise use
	// is what first-seen binding remembers of it.
	bound bool
	use   loginUse
}

// handleSignSessionKey serves /web/sign_session_key/v1. Checks run cheapest
// first: the shape and bounds of every field, the message, the nonce, the
// PKP; then each login's signature, the PKP's permission of each, quota,
// and the BLS share last. Nothing is stored on a refusal.
func (n *Node) handleSignSessionKey(w http.ResponseWriter, r *http.Request) (any, error) {
	ctx := r.Context()
	var req wire.SignSessionKeyRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	if a := n.adversary(); a != nil && a.SeeSessionRequests != nil {
		a.SeeSessionRequests(req)
	}
	if err := n.checkEpoch(r.Context(), req.Epoch); err != nil {
		return nil, err
	}
	if req.CurveType != "BLS" {
		return nil, invalid("NodeInvalidCurveType", fmt.Sprintf("curveType %q: only \"BLS\" session signatures are served", clipPath(req.CurveType)))
	}
	var src *actionSource
	if req.Code != "" || req.LitActionIPFSID != "" {
		if n.acts == nil || n.acts.pool == nil {
			return nil, &codedError{status: http.StatusServiceUnavailable, kind: kindUnavailable, code: "NodeActionsUnavailable",
				msg: "Actions are off on this node: it cannot run a Lit Action as a login"}
		}
		if req.Code != "" && req.LitActionIPFSID != "" {
			return nil, invalid("NodeInvalidActionCode", "send code or litActionIpfsId, not both")
		}
		var err error
		if src, err = parseActionSource(&wire.ExecuteRequest{Code: req.Code, IPFSID: req.LitActionIPFSID, JSParams: req.JSParams}, n.acts.limits.CodeSize); err != nil {
			return nil, err
		}
	}
	pkHex, ok := strings.CutPrefix(req.SessionKey, "lit:session:")
	if _, err := hex.DecodeString(pkHex); !ok || err != nil || len(pkHex) != sessionKeyURIHexLen {
		return nil, invalid("NodeInvalidSessionKey", "sessionKey must be \"lit:session:\" and a 32-byte ed25519 public key in hex")
	}
	if len(req.AuthMethods) == 0 && src == nil {
		return nil, invalid("NodeInvalidAuthMethod", "authMethods is empty: name at least one login the PKP permits, or a Lit Action")
	}
	if len(req.AuthMethods) > maxSessionAuthMethods {
		return nil, invalid("NodeInvalidAuthMethod", fmt.Sprintf("authMethods has %d entries, at most %d", len(req.AuthMethods), maxSessionAuthMethods))
	}
	for i, am := range req.AuthMethods {
		if len(am.AccessToken) == 0 || len(am.AccessToken) > maxAccessTokenBytes {
			return nil, invalid("NodeInvalidAuthMethod", fmt.Sprintf("authMethods[%d].accessToken is %d bytes: 1 to %d", i, len(am.AccessToken), maxAccessTokenBytes))
		}
	}
	if len(req.SiweMessage) > maxSessionSIWEBytes {
		return nil, invalid("NodeSIWEMessageError", fmt.Sprintf("siweMessage is %d bytes, at most %d", len(req.SiweMessage), maxSessionSIWEBytes))
	}
	m, err := auth.ParseMessage(req.SiweMessage)
	if err != nil {
		return nil, invalid("NodeSIWEMessageError", "siweMessage: "+err.Error())
	}
	if m.URI != req.SessionKey {
		return nil, invalid("NodeSIWEMessageError", "the SIWE URI is not the request's sessionKey")
	}
	if strings.Contains(m.Statement, "lit-resolvedauthcontext") {
		return nil, invalid("NodeInvalidAuthContextResource", "the SIWE message may not name lit-resolvedauthcontext: only the nodes write the auth context")
	}
	now := time.Now()
	if m.ExpirationTime.IsZero() || !m.ExpirationTime.After(now) || m.ExpirationTime.Sub(now) > maxPKPSessionLifetime {
		return nil, invalid("NodeSIWEMessageError", fmt.Sprintf("the SIWE Expiration Time must be in the future and within %v", maxPKPSessionLifetime))
	}
	pub, err := parseHex(req.PKPPublicKey)
	if err != nil || (len(pub) != 65 && len(pub) != 33) {
		return nil, invalid("NodeInvalidPublicKey", "pkpPublicKey must be a 33- or 65-byte secp256k1 public key in hex")
	}
	pt, err := secp.ParsePublicKey(pub)
	if err != nil {
		return nil, invalid("NodeInvalidPublicKey", "pkpPublicKey is not a secp256k1 point")
	}
	u := secp.Uncompressed(&pt)
	pkpAddr := common.BytesToAddress(crypto.Keccak256(u[1:])[12:])
	if m.Address != pkpAddr {
		return nil, invalid("NodeSIWEMessageError", fmt.Sprintf("the SIWE address %s is not the PKP's address %s", m.Address.Hex(), pkpAddr.Hex()))
	}
	st := n.state.Load()
	if st == nil || !n.published.Load() {
		return nil, ErrNotReady
	}
	blockTime, ok := n.nonceBlock(ctx, m.Nonce)
	if !ok {
		return nil, invalid("NodeSIWENonceNotRecent", fmt.Sprintf("the SIWE nonce %q is not a block hash this node saw in the last %v: take it from a handshake", clipPath(m.Nonce), n.recentHashes.maxAge))
	}
	note := usageOf(ctx)
	note.sign(pub, nil)

	// The logins, each checked before any of them is believed.
	sessionPub, _ := hex.DecodeString(pkHex)
	logins := make([]resolvedLogin, 0, len(req.AuthMethods))
	for i, am := range req.AuthMethods {
		l, err := n.resolveLogin(ctx, chain.TokenID(u[:]), am, sessionPub)
		if err != nil {
			return nil, fmt.Errorf("authMethods[%d]: %w", i, err)
		}
		logins = append(logins, l)
	}
	caller := pkpAddr
	if len(logins) > 0 && logins[0].address != nil {
		caller = *logins[0].address
	}
	note.callerAddress(caller)
	if err := n.quota.allow(quotaDecrypt, "perCaller", caller.Hex()); err != nil {
		return nil, err
	}
	_, token, err := n.pkp(ctx, pub)
	if err != nil {
		return nil, err
	}
	ac := auth.AuthContext{}
	for _, l := range logins {
		ac.AuthMethodContexts = append(ac.AuthMethodContexts, l.ctx)
	}
	if src != nil {
		ac.ActionIPFSIDStack = []string{src.cid.String()}
	}
	// The PKP's permissions before the Action runs: a stranger's Action
	// costs a chain read, not a worker.
	if err := n.permitsLogins(ctx, token, &ac); err != nil {
		return nil, err
	}
	// The logins that name no session key are now this session key's at
	// this node: after the permission checks, so that only logins some PKP
	// permits take room, and before the Action runs and the share is made.
	if err := n.bindLogins(logins, sessionPub); err != nil {
		return nil, err
	}
	if src != nil {
		response, err := n.runLoginAction(ctx, src, caller, ac, "lit:session:"+hex.EncodeToString(sessionPub))
		if err != nil {
			return nil, err
		}
		ac.CustomAuthResource = response
	}
	msg, err := auth.PKPSessionMessage(m, pkpAddr, m.Nonce, blockTime, ac)
	if err != nil {
		return nil, invalid("NodeSIWECapabilityInvalid", err.Error())
	}
	h := auth.SessionHash(msg)
	note.sign(pub, h[:])
	share, err := st.bls.Sign(h[:])
	if err != nil {
		return nil, err
	}
	raw, err := wire.MarshalBLSShareOld(share)
	if err != nil {
		return nil, err
	}
	requestLog(ctx, n.log).Debug("PKP session share released", "pkp", pkpAddr.Hex(), "caller", caller.Hex())
	return wire.SignSessionKeyAnswer{
		Result: "success", SignatureShare: json.RawMessage(raw), ShareIndex: st.bls.Index(), CurveType: "BLS",
		SiweMessage: msg, DataSigned: hex.EncodeToString(h[:]), BLSRootPubkey: hex.EncodeToString(st.blsPub.Bytes()),
	}, nil
}

// nonceBlock returns the time of the block whose hash is nonce, if this
// node saw it as the chain's head lately (reading the head once more if
// not: the client may have it from a faster node's handshake).
func (n *Node) nonceBlock(ctx context.Context, nonce string) (time.Time, bool) {
	if t, ok := n.recentHashes.recentBlock(nonce, time.Now()); ok {
		return t, true
	}
	n.refreshHead(ctx)
	return n.recentHashes.recentBlock(nonce, time.Now())
}

// resolveLogin checks one auth method through the node's resolver
// (authmethods.go): a wallet AuthSig with a recent nonce, a WebAuthn
// assertion against the key the PKP registered for it, an ID or access
// token. A Lit Action (type 2) is proved by running it, not as an auth
// method. With no PKP (token nil: an executeJs login) there is no
// registered WebAuthn key to check against, and WebAuthn is refused.
// sessionPub is the session key the login is for: a login bound to
// another is refused.
func (n *Node) resolveLogin(ctx context.Context, token *big.Int, am wire.AuthMethodJSON, sessionPub []byte) (resolvedLogin, error) {
	if am.AuthMethodType == int(authmethod.LitAction) {
		return resolvedLogin{}, invalid("NodeInvalidAuthMethodType", "auth method type 2 (Lit Action) is proved by running the Action: send code or litActionIpfsId")
	}
	if n.authMethods == nil {
		return resolvedLogin{}, &codedError{status: http.StatusServiceUnavailable, kind: kindUnavailable, code: "NodeNotReady", msg: "this node resolves no auth methods"}
	}
	// A WebAuthn login is checked against the public key registered with
	// it on this PKP.
	var keys authmethod.CredentialKeys
	if token != nil {
		keys = n.registeredKeys(token)
	}
	id, err := n.authMethods.Resolve(ctx, authmethod.AuthMethod{Type: authmethod.Type(am.AuthMethodType), AccessToken: am.AccessToken}, keys)
	if err != nil {
		if status, kind, code, ok := authMethodErr(err); ok {
			return resolvedLogin{}, &codedError{status: status, kind: kind, code: code,
				msg: fmt.Sprintf("auth method type %d is refused: %v", am.AuthMethodType, err)}
		}
		return resolvedLogin{}, err
	}
	if len(id.UserID) > authContextUserIDMaxLen || len(id.AppID) > authContextUserIDMaxLen {
		return resolvedLogin{}, invalid("NodeInvalidAuthMethod", "the login's user or app id is too long")
	}
	// The session carries userId and appId, from which every later check
	// recomputes the on-chain id, as Lit's node did.
	if authmethod.ID(id.UserID, id.AppID) != id.ID {
		return resolvedLogin{}, invalid("NodeInvalidAuthMethod", fmt.Sprintf("auth method type %d: its id is not keccak256(\"<userId>:<appId>\"), so a session cannot carry it", am.AuthMethodType))
	}
	l := resolvedLogin{ctx: auth.AuthMethodContext{AppID: id.AppID, AuthMethodType: int(id.Type), UsedForSignSessionKeyRequest: true, UserID: id.UserID}}
	switch {
	case id.SessionKey != nil && !bytes.Equal(id.SessionKey, sessionPub):
		return resolvedLogin{}, &codedError{status: http.StatusUnauthorized, kind: kindUnauthorized, code: "NodeAuthMethodSessionKeyMismatch",
			msg: fmt.Sprintf("auth method type %d names session key %x, not this request's: a login bound to a session key is taken for that key only", am.AuthMethodType, id.SessionKey)}
	case id.SessionKey != nil:
		l.bound = true
	case n.cfg.AuthMethods.RequireBoundLogins:
		return resolvedLogin{}, &codedError{status: http.StatusUnauthorized, kind: kindUnauthorized, code: "NodeAuthMethodNotBound",
			msg: fmt.Sprintf("auth method type %d names no session key, and this node takes only logins bound to theirs (authMethods.requireBoundLogins): "+
				"a wallet login's SIWE resources, an ID token's nonce or a WebAuthn challenge must name %s<session key hex>", am.AuthMethodType, authmethod.SessionBindingPrefix)}
	default:
		l.use = loginUse{digest: id.Digest, user: id.ID, expires: n.loginExpiry(id)}
	}
	if id.Type == authmethod.EthWallet {
		a := id.Address
		l.address = &a
	}
	return l, nil
}

// loginExpiry is until when first-seen binding must remember a login: as
// long as this node could still take it. A wallet login or WebAuthn
// assertion is taken while its nonce is a recent block hash, which it was
// when it was checked, now; an ID token until its exp (plus skew); an OAuth
// access token, which carries no expiry, for as long as its provider issues
// them (Discord) or unknownLoginLifetime (Google's live an hour).
func (n *Node) loginExpiry(id authmethod.Identity) time.Time {
	now := time.Now()
	window := n.recentHashes.maxAge + time.Minute
	switch id.Type {
	case authmethod.EthWallet, authmethod.WebAuthn:
		return now.Add(window)
	case authmethod.Discord:
		return now.Add(discordTokenLifetime + window)
	case authmethod.GoogleOAuth:
		return now.Add(unknownLoginLifetime)
	}
	if id.Expires.IsZero() {
		return now.Add(unknownLoginLifetime)
	}
	// The JWT skew allowed past exp, and then some: the verifier takes a
	// token until exp plus its configured skew, which may exceed window.
	return id.Expires.Add(max(window, n.cfg.AuthMethods.JWT.Skew+time.Minute))
}

// bindLogins records the request's unbound logins as sessionPub's: refused
// with NodeAuthMethodAlreadyUsed when this node took one of them with
// another session key while it was fresh (a node replaying a login it saw
// with its own key), and with NodeLoginBindingsFull when too many live
// logins are remembered to take a new one.
func (n *Node) bindLogins(logins []resolvedLogin, sessionPub []byte) error {
	var uses []loginUse
	for _, l := range logins {
		if !l.bound {
			uses = append(uses, l.use)
		}
	}
	if len(uses) == 0 {
		return nil
	}
	switch err := n.loginBinds.bind(uses, sessionPub, time.Now()); {
	case errors.Is(err, errLoginBoundElsewhere):
		return &codedError{status: http.StatusUnauthorized, kind: kindUnauthorized, code: "NodeAuthMethodAlreadyUsed",
			msg: "this login was already used for a PKP session with another session key; make a new login (or bind it to its session key) and retry"}
	case errors.Is(err, errLoginBindingsFull):
		return &codedError{status: http.StatusServiceUnavailable, kind: kindUnavailable, code: "NodeLoginBindingsFull",
			msg: fmt.Sprintf("this node remembers %d live logins, its limit: it takes only logins bound to their session key until some expire", maxLoginBindings)}
	case err != nil:
		return err
	}
	return nil
}

// registeredKeys looks up the COSE key PKP token registered with a WebAuthn
// auth method.
func (n *Node) registeredKeys(token *big.Int) authmethod.CredentialKeys {
	return func(ctx context.Context, id [32]byte) ([]byte, error) {
		ams, err := n.chain.PermittedAuthMethods(ctx, token)
		if err != nil {
			return nil, chainRead("reading the auth methods of PKP "+token.String(), err)
		}
		for _, a := range ams {
			if a.Type == uint64(authmethod.WebAuthn) && bytes.Equal(a.ID, id[:]) && len(a.UserPubkey) > 0 {
				return a.UserPubkey, nil
			}
		}
		return nil, nil
	}
}

// permitsLogins checks that PKP token permits every auth method and Action
// of ac now, from this block's cache or the chain: when a session is made,
// and on every request a PKP session makes, so a revoked login stops
// working within a block.
func (n *Node) permitsLogins(ctx context.Context, token *big.Int, ac *auth.AuthContext) error {
	for _, am := range ac.AuthMethodContexts {
		am := am
		what := fmt.Sprintf("am:%d:%s:%s", am.AuthMethodType, am.UserID, am.AppID)
		err := n.cachedPermission(ctx, permKey{token: token.String(), what: what}, func(ctx context.Context) (bool, error) {
			return n.permitsAuthMethod(ctx, token, am)
		}, func() error {
			return &codedError{status: http.StatusUnauthorized, kind: kindUnauthorized, code: "NodePKPNotAuthorized",
				msg: fmt.Sprintf("PKP %s does not permit the login %s (auth method type %d)", "0x"+token.Text(16), clipPath(am.UserID), am.AuthMethodType)}
		})
		if err != nil {
			return err
		}
	}
	for _, id := range ac.ActionIPFSIDStack {
		cid, err := ipfs.Parse(id)
		if err != nil {
			return fmt.Errorf("%w: the session's Action %q is no CID", auth.ErrMalformed, clipPath(id))
		}
		err = n.cachedPermission(ctx, permKey{token: token.String(), what: "action:" + id}, func(ctx context.Context) (bool, error) {
			ok, err := n.chain.IsPermittedAction(ctx, token, cid.Bytes())
			return ok, chainRead("reading the Actions of PKP "+token.String(), err)
		}, func() error {
			return &codedError{status: http.StatusUnauthorized, kind: kindUnauthorized, code: "NodePKPNotAuthorized",
				msg: fmt.Sprintf("PKP %s does not permit the Action %s", "0x"+token.Text(16), id)}
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// permitsAuthMethod reads whether PKP token permits one login: a wallet as
// a permitted address or as auth method type 1 with id
// keccak256("<address>:lit"), any other type by its id
// keccak256("<userId>:<appId>").
func (n *Node) permitsAuthMethod(ctx context.Context, token *big.Int, am auth.AuthMethodContext) (bool, error) {
	op := "reading the auth methods of PKP " + token.String()
	if am.AuthMethodType == int(authmethod.EthWallet) {
		if !common.IsHexAddress(am.UserID) {
			return false, nil
		}
		ok, err := n.chain.IsPermittedAddress(ctx, token, common.HexToAddress(am.UserID))
		if err != nil || ok {
			return ok, chainRead(op, err)
		}
	}
	if am.AuthMethodType < 1 {
		return false, nil
	}
	id := authmethod.ID(am.UserID, am.AppID)
	ok, err := n.chain.IsPermittedAuthMethod(ctx, token, uint64(am.AuthMethodType), id[:])
	return ok, chainRead(op, err)
}

// checkPKPSession is what a request made with a PKP session adds to the
// signature checks: the PKP the session names still exists and permits
// every login the nodes resolved when they signed it.
func (n *Node) checkPKPSession(ctx context.Context, id *auth.Identity) error {
	token, err := n.pkpByAddress(ctx, id.Address)
	if err != nil {
		return err
	}
	return n.permitsLogins(ctx, token, id.AuthContext)
}

// pkpByAddress finds the token id of the PKP with an Ethereum address. A
// PKP's address and token id never change, so a found one is kept (up to
// maxPKPAddresses; then the map starts over): a PKP session's requests
// cost no chain read for it.
func (n *Node) pkpByAddress(ctx context.Context, addr common.Address) (*big.Int, error) {
	c := n.pkps
	c.mu.Lock()
	token, ok := c.byAddress[addr]
	c.mu.Unlock()
	if ok {
		return token, nil
	}
	token, err := n.chain.TokenIDByEthAddress(ctx, addr)
	if err == nil && token.Sign() != 0 {
		c.mu.Lock()
		if len(c.byAddress) >= maxPKPAddresses {
			clear(c.byAddress)
		}
		c.byAddress[addr] = token
		c.mu.Unlock()
	}
	if errors.Is(err, chain.ErrUnknownToken) || (err == nil && token.Sign() == 0) {
		return nil, fmt.Errorf("%w: no PKP has the session's address %s", ErrUnknownPKP, addr.Hex())
	}
	if err != nil {
		return nil, chainRead("finding the PKP of "+addr.Hex(), err)
	}
	return token, nil
}

// loginActionContext is Lit.Auth for an Action run as a login, as Lit's
// node filled it for sign_session_key: the logins resolved so far, no
// wallet AuthSig; and (a Flint addition) the session key the login is for.
// Every node sees an Action login's jsParams, so a node could replay them
// with a session key of its own; an Action that proves the login with a
// signature over the session key checks it against sessionKey.
type loginActionContext struct {
	ActionIpfsIds      []string                 `json:"actionIpfsIds"`
	AuthSigAddress     *string                  `json:"authSigAddress"`
	AuthMethodContexts []auth.AuthMethodContext `json:"authMethodContexts"`
	Resources          []any                    `json:"resources"`
	CustomAuthResource string                   `json:"customAuthResource"`
	SessionKey         string                   `json:"sessionKey"`
}

// loginActionAuth is the Lit.Auth JSON of a login Action with CID cid run
// for the session key sessionKey ("lit:session:<hex>").
func loginActionAuth(cid string, methods []auth.AuthMethodContext, sessionKey string) []byte {
	if methods == nil {
		methods = []auth.AuthMethodContext{}
	}
	b, _ := json.Marshal(loginActionContext{ActionIpfsIds: []string{cid}, AuthMethodContexts: methods, Resources: []any{}, SessionKey: sessionKey})
	return b
}

// runLoginAction runs the Action of a session key request (getLitActionSessionSigs)
// and returns its response, which must be exactly "true": the Action's
// proof that the caller logged in (Lit's node took any response containing
// "true"; Flint takes only that, so {"ok":"untrue"} proves nothing).
func (n *Node) runLoginAction(ctx context.Context, src *actionSource, caller common.Address, ac auth.AuthContext, sessionKey string) (string, error) {
	a := n.acts
	rid, _ := ctx.Value(ctxRequestID).(string)
	if rid == "" {
		return "", invalid("NodeMissingRequestId", "X-Request-Id is required to run a Lit Action: every node must see the same id for one execution")
	}
	done, err := n.quota.startAction(caller.Hex())
	if err != nil {
		return "", err
	}
	var held time.Duration
	defer func() { done(held) }()
	if err := a.recent.add(rid, time.Now()); err != nil {
		return "", requestRefused(err)
	}
	if src.code == nil {
		if src.code, err = a.resolver.Get(ctx, src.cid); err != nil {
			return "", ipfsError(err, a.limits.CodeSize)
		}
	}
	authCtx := loginActionAuth(src.cid.String(), ac.AuthMethodContexts, sessionKey)
	// The Action acts for nobody: an identity with no grant, so it signs
	// only with PKPs that permit its own CID, as any Action may.
	id := &auth.Identity{Address: caller}
	host := &actionHost{n: n, requestID: rid, scope: newExecScope(rid, id, src.cid, src.params), id: id, usage: usageOf(ctx)}
	res, err := a.pool.Run(ctx, host, &actions.Request{Code: src.code, CID: src.cid.String(), Params: src.params, Auth: authCtx}, a.limits)
	if res != nil {
		held = res.WorkerTime
	}
	if err != nil {
		logs := ""
		if res != nil {
			logs = res.Logs
		}
		return "", actionFailed(err, logs)
	}
	if res.Response != "true" {
		return "", &codedError{status: http.StatusUnauthorized, kind: kindUnauthorized, code: "NodeLitActionsSessionSigAuthenticationFailed",
			msg: fmt.Sprintf("the Lit Action %s did not prove the login: its response is %q, not \"true\"", src.cid, truncateText(res.Response, 64))}
	}
	return res.Response, nil
}
