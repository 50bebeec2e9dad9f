package actions

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"sync"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// session is the node's side of one execution: it calls the Host for the runtime, keeps the execution
// within Limits, and records the signature shares, claims and logs that make up the Result. It lives in
// the node's process even when the JavaScript runs in a worker, so shares never enter the sandbox and a
// compromised worker cannot sign past the limits.
//
// Nor does it take the worker's word for what the node acts on. It hands out the frames of the
// Actions that run (the top-level one, then each child whose code it fetched and checked), and a call
// names its frame, so the CID a signature or a claim is made for and the path that scopes shared
// values come from the session. It computes the EIP-191 hash of a personal sign and the derived key id
// of a claim itself.
type session struct {
	host Host
	lim  Limits

	mu            sync.Mutex
	frames        []*frameState // by id, as handed out; 0 is the top-level Action
	signatures    int
	contractCalls int
	broadcasts    int
	calls         int
	claimCount    int
	conditions    int
	hostCalls     int
	hostBytes     int64
	inFlight      int
	shares        map[string]SignedShare
	claims        map[string]Claim
	logs          []byte
}

// frameState is a Frame and what the session needs to hand out its children's.
type frameState struct {
	Frame
	depth    int
	children map[int]bool // the child numbers given so far; guarded by session.mu
}

// newSession starts an execution of the Action with the given CID, which the node computed.
func newSession(host Host, lim Limits, cid string) *session {
	root := &frameState{Frame: Frame{CID: cid, Path: "0"}, children: map[int]bool{}}
	return &session{host: host, lim: lim, frames: []*frameState{root}, shares: map[string]SignedShare{}, claims: map[string]Claim{}}
}

// callbacks runs JavaScript for the host: the function of a runOnce block.
type callbacks interface {
	runOnce(ctx context.Context, handle uint64) (string, error)
}

// Arguments and results of session.dispatch, by method. They cross the worker pipe as JSON.
type (
	signArgs struct {
		ToSign    []byte `json:"toSign"` // the 32-byte hash, or for a personal sign the message
		PublicKey []byte `json:"publicKey"`
		SigName   string `json:"sigName"`
		Personal  bool   `json:"personal"`
	}
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
	// childArgs asks for the code of a child Action: the parent's Index-th call (from 1).
	childArgs struct {
		CID   string `json:"cid"`
		Index int    `json:"index"`
	}
	// childCode is the child's code, checked against its CID, and the frame its calls name.
	childCode struct {
		Code  []byte `json:"code"`
		Frame uint64 `json:"frame"`
	}
	claimArgs struct {
		KeyID string `json:"keyId"`
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
	// conditionsArgs asks whether conditions are met; AuthSig null means the Action itself.
	conditionsArgs struct {
		Conditions Conditions      `json:"conditions"`
		AuthSig    json.RawMessage `json:"authSig,omitempty"`
		Chain      string          `json:"chain"`
	}
	encryptArgs struct {
		Conditions Conditions `json:"conditions"`
		Data       []byte     `json:"data"`
	}
	decryptArgs struct {
		conditionsArgs
		Ciphertext        string `json:"ciphertext"` // base64, as encrypt gives it
		DataToEncryptHash string `json:"dataToEncryptHash"`
		Single            bool   `json:"single"`
	}
	// decryptResult is the plaintext, or OK false on the nodes that decryptToSingleNode leaves out.
	decryptResult struct {
		Plaintext []byte `json:"plaintext"`
		OK        bool   `json:"ok"`
	}
	// permitted is what a permittedArgs call returns; one field is set, by kind.
	permitted struct {
		Actions     []string         `json:"actions,omitempty"`
		Addresses   []common.Address `json:"addresses,omitempty"`
		AuthMethods []AuthMethod     `json:"authMethods,omitempty"`
	}
)

// dispatch runs one call of the runtime, made by the Action of frame by, within the execution's budget
// of host calls. args holds the JSON of the method's argument struct; the result is JSON too.
func (s *session) dispatch(ctx context.Context, by uint64, method string, args []byte, cb callbacks) (json.RawMessage, error) {
	release, err := s.admit(len(args))
	if err != nil {
		return nil, err
	}
	defer release()
	f, err := s.frame(by)
	if err != nil {
		return nil, err
	}
	v, err := s.call(ctx, f, method, args, cb)
	if err != nil {
		return nil, err
	}
	out, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("actions: encoding the result of %s: %w", method, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.spendLocked(len(out)); err != nil {
		return nil, err
	}
	return out, nil
}

// admit counts a call and its argument bytes against the budget and holds a place among the calls in
// flight until release.
func (s *session) admit(argBytes int) (release func(), err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hostCalls++
	if s.hostCalls > s.lim.HostCalls {
		return nil, limitErr(ErrHostCalls, hostCallsLimit, s.lim.HostCalls)
	}
	if s.inFlight >= s.lim.HostInFlight {
		return nil, limitErr(ErrHostInFlight, hostInFlightLimit, s.lim.HostInFlight)
	}
	if err := s.spendLocked(argBytes); err != nil {
		return nil, err
	}
	s.inFlight++
	return func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}, nil
}

func (s *session) spendLocked(n int) error {
	s.hostBytes += int64(n)
	if s.hostBytes > s.lim.HostBytes {
		return limitErr(ErrHostBytes, hostBytesLimit, s.lim.HostBytes)
	}
	return nil
}

// frame returns the frame a call names: one the session handed out, or an error (a worker that lies).
func (s *session) frame(id uint64) (*frameState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id >= uint64(len(s.frames)) {
		return nil, fmt.Errorf("actions: a call from Action %d, which this execution does not run", id)
	}
	return s.frames[id], nil
}

// call runs one call for the Action f.
func (s *session) call(ctx context.Context, f *frameState, method string, args []byte, cb callbacks) (any, error) {
	decode := func(v any) error {
		if err := json.Unmarshal(args, v); err != nil {
			return fmt.Errorf("actions: bad arguments for %s: %w", method, err)
		}
		return nil
	}
	switch method {
	case "sign":
		var a signArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		req, err := signRequest(f.Frame, a)
		if err != nil {
			return nil, err
		}
		if err := s.count(&s.signatures, s.lim.Signatures, ErrSignatures, signaturesLimit); err != nil {
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
		var a signArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		req, err := signRequest(f.Frame, a)
		if err != nil {
			return nil, err
		}
		if err := s.count(&s.signatures, s.lim.Signatures, ErrSignatures, signaturesLimit); err != nil {
			return nil, err
		}
		if err := s.count(&s.broadcasts, s.lim.Broadcasts, ErrBroadcasts, broadcastsLimit); err != nil {
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
			err = fmt.Errorf("actions: unknown permission kind %q", truncate(a.Kind, 20))
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
		if err := s.count(&s.contractCalls, s.lim.ContractCalls, ErrContractCalls, contractCallsLimit); err != nil {
			return nil, err
		}
		return s.host.CallContract(ctx, a.Chain, a.Msg)
	case "actionCode":
		var a childArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		return s.child(ctx, f, a)
	case "claim":
		var a claimArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		return nil, s.claim(ctx, f, a.KeyID)
	case "broadcast":
		var a broadcastArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		if err := s.count(&s.broadcasts, s.lim.Broadcasts, ErrBroadcasts, broadcastsLimit); err != nil {
			return nil, err
		}
		return s.host.BroadcastAndCollect(ctx, f.Frame, a.Name, a.Value)
	case "runOnce":
		var a runOnceArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		if a.Wait {
			if err := s.count(&s.broadcasts, s.lim.Broadcasts, ErrBroadcasts, broadcastsLimit); err != nil {
				return nil, err
			}
		}
		var ran bool
		var mu sync.Mutex
		v, err := s.host.RunOnce(ctx, f.Frame, a.Name, a.Wait, func(ctx context.Context) (string, error) {
			mu.Lock()
			ran = true
			mu.Unlock()
			return cb.runOnce(ctx, a.Handle)
		})
		mu.Lock()
		defer mu.Unlock()
		return runOnceResult{Value: v, Ran: ran}, err
	case "conditions":
		var a conditionsArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		req, err := s.conditionsRequest(f.Frame, a)
		if err != nil {
			return nil, err
		}
		if err := s.count(&s.conditions, s.lim.Conditions, ErrConditions, conditionsLimit); err != nil {
			return nil, err
		}
		return s.host.CheckConditions(ctx, req)
	case "encrypt":
		var a encryptArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		if err := checkConditionsField(a.Conditions); err != nil {
			return nil, err
		}
		if len(a.Data) > s.lim.SecretSize {
			return nil, limitErr(ErrSecretSize, secretSizeLimit, "to_encrypt", len(a.Data), s.lim.SecretSize)
		}
		return s.host.Encrypt(ctx, a.Conditions, a.Data)
	case "decrypt":
		var a decryptArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		req, err := s.decryptRequest(f.Frame, a)
		if err != nil {
			return nil, err
		}
		if err := s.countDecryption(); err != nil {
			return nil, err
		}
		pt, ok, err := s.host.Decrypt(ctx, req)
		if err != nil {
			return nil, err
		}
		return decryptResult{Plaintext: pt, OK: ok}, nil
	case "decryptWithPkp":
		var a pkpDecryptArgs
		if err := decode(&a); err != nil {
			return nil, err
		}
		req, err := s.pkpDecryptRequest(f.Frame, a)
		if err != nil {
			return nil, err
		}
		if err := s.countDecryption(); err != nil {
			return nil, err
		}
		pt, err := s.host.DecryptWithPKP(ctx, req)
		if err != nil {
			return nil, err
		}
		return pkpDecryptResult{Plaintext: pt}, nil
	}
	return nil, fmt.Errorf("actions: unknown host call %q", truncate(method, 40))
}

// checkConditionsField checks that a condition list names one of the four kinds and is a JSON array;
// the node parses the rest.
func checkConditionsField(c Conditions) error {
	switch c.Field {
	case FieldAccessControlConditions, FieldEVMContractConditions, FieldSolRPCConditions, FieldUnifiedAccessControlConditions:
	default:
		return fmt.Errorf("actions: unknown kind of conditions %q", truncate(c.Field, 40))
	}
	if t := bytes.TrimSpace(c.JSON); len(t) == 0 || t[0] != '[' {
		return fmt.Errorf("actions: %s must be an array", c.Field)
	}
	return nil
}

// conditionsRequest makes the Host's request: the frame, hence the CID for :currentActionIpfsId, is
// the session's, whatever the worker sent.
func (s *session) conditionsRequest(f Frame, a conditionsArgs) (ConditionsRequest, error) {
	if err := checkConditionsField(a.Conditions); err != nil {
		return ConditionsRequest{}, err
	}
	req := ConditionsRequest{Conditions: a.Conditions, Chain: a.Chain, Frame: f}
	if t := bytes.TrimSpace(a.AuthSig); len(t) > 0 && string(t) != "null" {
		if t[0] != '{' {
			return ConditionsRequest{}, errors.New("actions: authSig must be an object or null")
		}
		req.AuthSig = t
	}
	return req, nil
}

func (s *session) decryptRequest(f Frame, a decryptArgs) (DecryptRequest, error) {
	creq, err := s.conditionsRequest(f, a.conditionsArgs)
	if err != nil {
		return DecryptRequest{}, err
	}
	if n := base64.StdEncoding.DecodedLen(len(a.Ciphertext)); n > s.lim.SecretSize+s.lim.SecretSize/8+1024 {
		// Checked before decoding; the exact bound is checked after.
		return DecryptRequest{}, limitErr(ErrSecretSize, secretSizeLimit, "ciphertext", n, s.lim.SecretSize)
	}
	ct, err := base64.StdEncoding.DecodeString(a.Ciphertext)
	if err != nil || len(ct) == 0 {
		return DecryptRequest{}, errors.New("actions: ciphertext must be the base64 of a ciphertext, as encrypt gives it")
	}
	if len(ct) > s.lim.SecretSize+ciphertextOverhead {
		return DecryptRequest{}, limitErr(ErrSecretSize, secretSizeLimit, "ciphertext", len(ct), s.lim.SecretSize+ciphertextOverhead)
	}
	if !isDataHash(a.DataToEncryptHash) {
		return DecryptRequest{}, errors.New("actions: dataToEncryptHash must be the 64 lower-case hex digits of a SHA-256, as encrypt gives it")
	}
	return DecryptRequest{ConditionsRequest: creq, Ciphertext: ct, DataToEncryptHash: a.DataToEncryptHash, Single: a.Single}, nil
}

// ciphertextOverhead is what a time-lock ciphertext adds to its plaintext at most: U, V, the
// length prefixes, the scheme byte and the padding of short messages.
const ciphertextOverhead = 128

// isDataHash reports whether s is hex of a SHA-256 in the SDK's spelling: the identity is built from
// it verbatim.
func isDataHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// signRequest makes the Host's request from a sign call's arguments: the hash of a personal sign is
// computed here, from the message, so that scope 2 (personal sign) only ever signs EIP-191 hashes.
func signRequest(f Frame, a signArgs) (SignRequest, error) {
	req := SignRequest{PublicKey: a.PublicKey, SigName: a.SigName, Scope: ScopeSignAnything, Frame: f}
	switch {
	case a.Personal:
		if len(a.ToSign) == 0 {
			return SignRequest{}, errors.New("actions: a personal sign of an empty message")
		}
		req.Scope = ScopePersonalSign
		copy(req.Hash[:], personalHash(a.ToSign))
	case len(a.ToSign) != 32:
		return SignRequest{}, fmt.Errorf("actions: toSign must be the 32-byte hash to sign, got %d bytes", len(a.ToSign))
	default:
		copy(req.Hash[:], a.ToSign)
	}
	return req, nil
}

// child fetches the code of the parent's a.Index-th child Action and hands out its frame.
func (s *session) child(ctx context.Context, parent *frameState, a childArgs) (childCode, error) {
	if parent.depth+1 > s.lim.CallDepth {
		return childCode{}, limitErr(ErrCallDepth, callDepthLimit, s.lim.CallDepth)
	}
	s.mu.Lock()
	if a.Index < 1 || parent.children[a.Index] {
		s.mu.Unlock()
		return childCode{}, fmt.Errorf("actions: child %d of Action %s asked for twice", a.Index, parent.Path)
	}
	parent.children[a.Index] = true
	s.calls++
	if s.calls > s.lim.Calls {
		s.mu.Unlock()
		return childCode{}, limitErr(ErrCalls, callsLimit, s.lim.Calls)
	}
	s.mu.Unlock()
	code, err := s.host.ActionCode(ctx, a.CID)
	if err != nil {
		return childCode{}, err
	}
	if len(code) > s.lim.CodeSize {
		return childCode{}, limitErr(ErrCodeSize, "Code payload is too large (%d bytes). Max length is %d bytes.", len(code), s.lim.CodeSize)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := len(s.frames)
	s.frames = append(s.frames, &frameState{
		Frame:    Frame{CID: a.CID, Path: parent.Path + "." + strconv.Itoa(a.Index)},
		depth:    parent.depth + 1,
		children: map[int]bool{},
	})
	return childCode{Code: code, Frame: uint64(id)}, nil
}

// countDecryption counts a decryption the nodes do together
// (decryptAndCombine, decryptToSingleNode, decryptWithPkp): one against
// limits.conditions, and one broadcast, since the nodes exchange their shares
// as broadcastAndCollect does.
func (s *session) countDecryption() error {
	if err := s.count(&s.conditions, s.lim.Conditions, ErrConditions, conditionsLimit); err != nil {
		return err
	}
	return s.count(&s.broadcasts, s.lim.Broadcasts, ErrBroadcasts, broadcastsLimit)
}

// claim records this node's attestation of the key derived for keyID and the claiming Action's CID.
func (s *session) claim(ctx context.Context, f *frameState, keyID string) error {
	if len(keyID) > s.lim.KeyIDSize {
		return limitErr(ErrKeyIDSize, keyIDLimit, len(keyID), s.lim.KeyIDSize)
	}
	if err := s.count(&s.claimCount, s.lim.Claims, ErrClaims, claimsLimit); err != nil {
		return err
	}
	if f.CID == "" {
		return errors.New("could not find the IPFS ID of this action, aborting claim operation")
	}
	var derived [32]byte
	copy(derived[:], crypto.Keccak256([]byte(f.CID+"_"+keyID)))
	sig, err := s.host.ClaimKey(ctx, derived)
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.claims[keyID] = Claim{DerivedKeyID: derived, Signature: sig}
	s.mu.Unlock()
	return nil
}

// The wording of the errors of the counted calls: Lit's where Lit had the limit.
const (
	signaturesLimit    = "You may not sign more than %d times per session and you have attempted to exceed that limit."
	contractCallsLimit = "You may not invoke contract calls more than %d times per session and you have attempted to exceed that limit."
	broadcastsLimit    = "You may not use broadcast and collect functionality more than %d times per session and you have attempted to exceed that limit."
	callDepthLimit     = "The recursion limit of a child action is %d and you have attempted to exceed that limit."
	callsLimit         = "You may not call more than %d child actions per session and you have attempted to exceed that limit."
	claimsLimit        = "You may not claim more than %d keys per session and you have attempted to exceed that limit."
	keyIDLimit         = "claimKey: keyId is %d bytes long. Max length is %d bytes."
	conditionsLimit    = "You may not check access control conditions or decrypt more than %d times per session and you have attempted to exceed that limit."
	secretSizeLimit    = "%s is %d bytes long. Max length is %d bytes."
	hostCallsLimit     = "You may not make more than %d calls to the node per session and you have attempted to exceed that limit."
	hostInFlightLimit  = "You may not have more than %d calls to the node running at once."
	hostBytesLimit     = "The calls to the node may carry at most %d bytes of arguments and results per session, and you have attempted to exceed that limit."
	answerLimit        = "The answer would be %d bytes long (response, logs, signatures and claims). Max length is %d bytes."
)

// count counts a call of a kind that limit bounds at max.
func (s *session) count(n *int, max int, limit error, format string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	*n++
	if *n > max {
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

// failed is the Result of a failed execution: its logs only.
func (s *session) failed() *Result {
	s.mu.Lock()
	defer s.mu.Unlock()
	return &Result{Logs: string(s.logs)}
}

// finish assembles the Result of an execution that ended with response and err. An answer over
// AnswerSize fails the execution with ErrAnswerSize.
func (s *session) finish(response string, err error) (*Result, error) {
	if err != nil {
		return s.failed(), err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	size := len(response) + len(s.logs)
	for name := range s.shares {
		size += len(name) + answerEntry
	}
	for keyID := range s.claims {
		size += len(keyID) + answerEntry
	}
	r := &Result{Logs: string(s.logs)}
	if size > s.lim.AnswerSize {
		return r, limitErr(ErrAnswerSize, answerLimit, size, s.lim.AnswerSize)
	}
	r.Response = response
	r.Signatures = s.shares
	r.Claims = s.claims
	return r, nil
}

// localBackend connects a tree to a session in the same process.
type localBackend struct {
	s  *session
	cb callbacks
}

func (b *localBackend) call(ctx context.Context, by uint64, method string, args, out any) error {
	raw, err := json.Marshal(args)
	if err != nil {
		return err
	}
	res, err := b.s.dispatch(ctx, by, method, raw, b.cb)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(res, out)
}

func (b *localBackend) log(text string) { b.s.addLog(text) }
