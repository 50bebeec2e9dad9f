package node

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/bls/timelock"
	"github.com/flint-network/flint/crypto/tecdsa"
)

// Decryption inside Actions (Lit.Actions.checkConditions, encrypt,
// decryptAndCombine, decryptToSingleNode). Each node checks the conditions
// itself, for the AuthSig's address or, without one, for the Action: no
// caller address, and the CID of the Action as the session knows it for
// :currentActionIpfsId. Only then does it make its BLS share of the
// ciphertext's identity and send it to the other nodes running the request
// (decryptAndCombine) or to the one node that combines
// (decryptToSingleNode), through the Action mailbox. A share is the same
// whoever asks — a share of the decryption key — so it leaves a node only
// after that node's own check, and only for its own execution of the
// Action: a peer cannot ask for one.

// accKinds maps the request field a condition list came in to its kind.
var accKinds = map[string]acc.Kind{
	actions.FieldAccessControlConditions:        acc.EVMBasic,
	actions.FieldEVMContractConditions:          acc.EVMContract,
	actions.FieldSolRPCConditions:               acc.SolRPC,
	actions.FieldUnifiedAccessControlConditions: acc.Unified,
}

// parseActionConditions parses the conditions an Action gave.
func parseActionConditions(c actions.Conditions) (*acc.Conditions, error) {
	kind, ok := accKinds[c.Field]
	if !ok {
		return nil, fmt.Errorf("unknown kind of conditions %q", c.Field)
	}
	conds, err := acc.Parse(kind, c.JSON)
	if err != nil {
		return nil, err
	}
	return conds, nil
}

// actionConditionsError words an evaluation failure for the Action. An
// error an Action sees must hold nothing secret: a chain's error may quote
// its RPC URL, so that stays in the log.
func (h *actionHost) actionConditionsError(err error) error {
	switch {
	case errors.Is(err, acc.ErrChain):
		h.n.log.Warn("action: checking access-control conditions", "request_id", h.requestID, "err", err)
		return fmt.Errorf("checking the access control conditions failed: a chain did not answer (%s)", acc.CodeOf(err))
	case errors.Is(err, acc.ErrAction):
		h.n.log.Warn("action: checking access-control conditions", "request_id", h.requestID, "err", err)
		if ce, ok := errors.AsType[*codedError](err); ok {
			return fmt.Errorf("checking the access control conditions failed: a Lit Action condition could not be run (%s): %s", ce.code, ce.msg)
		}
		return errors.New("checking the access control conditions failed: a Lit Action condition could not be run")
	}
	return err
}

// evaluate parses and checks the conditions of req for the party it names:
// with an AuthSig the execution's caller, or else the Action of req.Frame.
// need, if set, is what the caller's session must grant.
//
// Nodes accept as a credential only a session signature made for them: an
// AuthSig that is the same at every node could be replayed by any node
// that saw it. Inside an Action one object reaches every node, so an
// authSig cannot be a credential there. It stands for the execution's
// caller, whom this node authenticated with its own session signature, and
// must name that caller: evaluating for the signer of any AuthSig the
// Action was handed would let whoever saw one decrypt as its signer.
func (h *actionHost) evaluate(ctx context.Context, req actions.ConditionsRequest, need func(*acc.Conditions) *auth.ResourceAbility) (*acc.Conditions, acc.Result, string, error) {
	conds, err := parseActionConditions(req.Conditions)
	if err != nil {
		return nil, acc.Result{}, "", err
	}
	var user common.Address
	who := "this Action (" + req.Frame.CID + ")"
	if req.AuthSig != nil {
		a, err := auth.ParseAuthSig(req.AuthSig)
		if err != nil {
			return nil, acc.Result{}, "", fmt.Errorf("authSig: %w", err)
		}
		if !common.IsHexAddress(a.Address) || common.HexToAddress(a.Address) != h.id.Address {
			return nil, acc.Result{}, "", fmt.Errorf("authSig: it names %q, but the caller of this execution is %s: inside an Action an authSig stands for the caller, who authenticated to each node with its own session signature (pass null to evaluate for the Action itself)",
				clipText(a.Address, 64), h.id.Address.Hex())
		}
		if need != nil {
			if err := allows(h.id, *need(conds)); err != nil {
				return nil, acc.Result{}, "", fmt.Errorf("authSig: %w", err)
			}
		}
		user, who = h.id.Address, h.id.Address.Hex()
	}
	env := acc.Env{UserAddress: user, CurrentActionIPFSID: req.Frame.CID, Chains: h.n.conds, Cache: h.n.conds.cache}
	if !h.condition {
		// A LitAction condition runs in a worker of its own, charged to
		// the execution's caller; the Action it runs cannot decrypt.
		var party *auth.Identity
		if req.AuthSig != nil {
			party = h.id
		}
		env.Actions = h.n.conditionActions(party, h.id.Address.Hex(), true)
	}
	res, err := acc.Evaluate(ctx, conds, env)
	if err != nil {
		return nil, acc.Result{}, "", h.actionConditionsError(err)
	}
	return conds, res, who, nil
}

// clipText bounds a caller's text quoted in an error.
func clipText(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// CheckConditions implements actions.Host.
func (h *actionHost) CheckConditions(ctx context.Context, req actions.ConditionsRequest) (bool, error) {
	_, res, _, err := h.evaluate(ctx, req, nil)
	if err != nil {
		return false, fmt.Errorf("checkConditions: %w", err)
	}
	return res.OK, nil
}

// Encrypt implements actions.Host: the SDK's encrypt, under the network's
// BLS key. Each node encrypts with randomness of its own, so the nodes'
// ciphertexts differ; every one decrypts alike, its identity being the
// same.
func (h *actionHost) Encrypt(ctx context.Context, c actions.Conditions, data []byte) (actions.Encrypted, error) {
	conds, err := parseActionConditions(c)
	if err != nil {
		return actions.Encrypted{}, fmt.Errorf("encrypt: %w", err)
	}
	st := h.n.state.Load()
	if st == nil {
		return actions.Encrypted{}, fmt.Errorf("encrypt: %w", ErrNotReady)
	}
	sum := sha256.Sum256(data)
	dataHash := hex.EncodeToString(sum[:])
	ct, err := timelock.Encrypt(rand.Reader, st.blsPub, timelock.Identity(conds.HashHex(), dataHash), data)
	if err != nil {
		return actions.Encrypted{}, fmt.Errorf("encrypt: %w", err)
	}
	return actions.Encrypted{Ciphertext: base64.StdEncoding.EncodeToString(ct), DataToEncryptHash: dataHash}, nil
}

// Decrypt implements actions.Host. decryptToSingleNode's node is the one
// runOnce picks: the request's leader among the live nodes.
func (h *actionHost) Decrypt(ctx context.Context, req actions.DecryptRequest) ([]byte, bool, error) {
	n := h.n
	fn := "decryptAndCombine"
	if req.Single {
		fn = "decryptToSingleNode"
	}
	fail := func(err error) ([]byte, bool, error) { return nil, false, fmt.Errorf("%s: %w", fn, err) }
	st := n.state.Load()
	if st == nil || !n.published.Load() {
		return fail(ErrNotReady)
	}
	if !dataHashPattern.MatchString(req.DataToEncryptHash) {
		return fail(errors.New("dataToEncryptHash must be the 64 lower-case hex digits of a SHA-256"))
	}
	if _, err := timelock.Parse(req.Ciphertext); err != nil {
		return fail(fmt.Errorf("ciphertext: %w", err))
	}
	need := func(c *acc.Conditions) *auth.ResourceAbility {
		return &auth.ResourceAbility{Resource: auth.Resource{Prefix: auth.PrefixACC, ID: c.HashHex() + "/" + req.DataToEncryptHash}, Ability: auth.AbilityACCDecryption}
	}
	conds, res, who, err := h.evaluate(ctx, req.ConditionsRequest, need)
	if err != nil {
		return fail(err)
	}
	if !res.OK {
		return fail(fmt.Errorf("%s is not permitted to decrypt this content: %s", who, res.Reason()))
	}
	id := timelock.Identity(conds.HashHex(), req.DataToEncryptHash)
	share, err := st.bls.Sign(id)
	if err != nil {
		return fail(err)
	}
	v := n.view()
	live := n.live(v)
	k := newMailKey(h.scope, req.Frame, tagDecrypt, string(id))
	wait := n.acts.collectWait
	to := live
	if req.Single {
		leader := tecdsa.Leader([]byte(h.requestID), live)
		to = []uint32{leader}
		if leader != v.self {
			n.shareValue(k, share.Value.Bytes(), to, wait)
			return nil, false, nil
		}
	}
	n.shareValue(k, share.Value.Bytes(), to, wait)
	sig, err := h.combineDecryption(ctx, k, id, st.bls.PublicPoly(), live)
	if err != nil {
		return fail(err)
	}
	pt, err := timelock.Decrypt(st.blsPub, id, req.Ciphertext, sig)
	if err != nil {
		return fail(err)
	}
	return pt, true, nil
}

// combineDecryption waits for the nodes' decryption shares under k and
// combines the first quorum of valid ones. A share that does not parse or
// verify is dropped and its node named in the log and, if the quorum
// fails, in the error; shares from the other nodes may still complete it.
func (h *actionHost) combineDecryption(ctx context.Context, k mailKey, id []byte, poly *bls.PublicPoly, live []uint32) (bls.Signature, error) {
	n := h.n
	need := poly.Threshold()
	wait := n.acts.collectWait
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	bad := map[uint32]string{} // node → what was wrong with its share
	for {
		got, werr := n.acts.box.wait(wctx, k, func(m map[uint32][]byte) bool {
			fresh := 0
			for node := range m {
				if _, b := bad[node]; !b {
					fresh++
				}
			}
			return fresh >= need || len(m) >= len(live)
		})
		nodes := make([]uint32, 0, len(got))
		for node := range got {
			nodes = append(nodes, node)
		}
		slices.Sort(nodes)
		shares := make([]bls.SignatureShare, 0, len(nodes))
		from := map[bls.Identifier]uint32{}
		for _, node := range nodes {
			if _, b := bad[node]; b {
				continue
			}
			// The identifier is the sender's index, as the transport
			// authenticated it: a node cannot pass its share off as another's.
			sig, err := bls.ParseSignature(got[node])
			if err != nil {
				bad[node] = "malformed share"
				n.log.Warn("action: bad decryption share", "request_id", h.requestID, "node", node, "err", err)
				continue
			}
			sid := bls.IndexIdentifier(node)
			from[sid] = node
			shares = append(shares, bls.SignatureShare{ID: sid, Value: sig})
		}
		if len(shares) < need {
			if werr != nil || len(got) >= len(live) {
				return bls.Signature{}, fmt.Errorf("%d valid decryption shares of %d needed within %v%s", len(shares), need, wait, badNodes(bad))
			}
			continue
		}
		sig, err := poly.Combine(id, shares)
		var be *bls.BadSharesError
		if errors.As(err, &be) {
			for _, b := range be.Bad {
				bad[from[b]] = "share does not verify"
				n.log.Warn("action: bad decryption share", "request_id", h.requestID, "node", from[b], "err", "does not verify")
			}
			if errors.Is(err, bls.ErrTooFewShares) {
				continue
			}
			err = nil
		}
		if err != nil {
			return bls.Signature{}, fmt.Errorf("combining decryption shares: %w", err)
		}
		return sig, nil
	}
}

// badNodes names the nodes whose shares were bad, for an error.
func badNodes(bad map[uint32]string) string {
	if len(bad) == 0 {
		return ""
	}
	ids := make([]uint32, 0, len(bad))
	for id := range bad {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = fmt.Sprintf("node %d: %s", id, bad[id])
	}
	return "; bad shares from " + strings.Join(parts, ", ")
}
