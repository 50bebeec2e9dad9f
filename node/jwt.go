package node

import (
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/wire"
)

// Signed tokens. /web/signing/access_control_condition gives a caller who
// meets access-control conditions this node's BLS share of a JWT that says
// so: {iss: "LIT", sub: caller, chain, iat, exp, <conditions>}. A quorum of
// shares is the network's BLS signature on the token, which a server
// checks against the network key alone (docs/api.md). The token is signed
// with the same key as decryption identities; a token share never opens a
// ciphertext, because an identity begins "lit-accesscontrolcondition://"
// and a signing input begins with the fixed header's base64url, "eyJ".

// The bounds on a token's times. The client picks iat and exp, because
// every node must sign the same bytes and no two nodes read the same clock;
// a node only checks them against its own clock, with jwtClockSkew for the
// difference between clocks.
const (
	// jwtClockSkew is how far iat may be from the node's clock, as Lit's
	// node allows (3 minutes).
	jwtClockSkew = 3 * time.Minute
	// maxJWTLifetime is the most exp may be after iat: the SDK's
	// getJWTParams asks for exactly this, and Lit's node allows no more.
	maxJWTLifetime = 12 * time.Hour
	// maxJWTChainBytes bounds the chain name the token carries.
	maxJWTChainBytes = 64
)

// checkJWTTimes refuses iat and exp a token must not carry at time now:
// iat off the node's clock by more than jwtClockSkew, exp already past,
// before iat, or more than maxJWTLifetime after it.
func checkJWTTimes(iat, exp int64, now time.Time) error {
	t := now.Unix()
	skew := int64(jwtClockSkew / time.Second)
	switch {
	case iat < t-skew || iat > t+skew:
		return invalid("NodeIatOutsideGracePeriod", fmt.Sprintf("iat %d is more than %v from this node's clock (%d): send the current Unix time", iat, jwtClockSkew, t))
	case exp <= t:
		return invalid("NodeExpWrongOrTooLarge", fmt.Sprintf("exp %d is not after this node's clock (%d): the token would be expired", exp, t))
	case exp <= iat:
		return invalid("NodeExpWrongOrTooLarge", fmt.Sprintf("exp %d is not after iat %d", exp, iat))
	case exp-iat > int64(maxJWTLifetime/time.Second):
		return invalid("NodeExpWrongOrTooLarge", fmt.Sprintf("exp %d is %d s after iat: at most %v (%d s)", exp, exp-iat, maxJWTLifetime, int64(maxJWTLifetime/time.Second)))
	}
	return nil
}

// checkJWTChain refuses a chain name that is too long or not printable
// ASCII: it goes into the token verbatim.
func checkJWTChain(chain *string) error {
	if chain == nil {
		return nil
	}
	if len(*chain) > maxJWTChainBytes {
		return invalid("NodeInvalidChain", fmt.Sprintf("chain is %d bytes (at most %d)", len(*chain), maxJWTChainBytes))
	}
	for _, c := range []byte(*chain) {
		if c < 0x20 || c > 0x7e {
			return invalid("NodeInvalidChain", "chain must be printable ASCII")
		}
	}
	return nil
}

// jwtPayload is the token's claims for caller sub. It is built from the
// request alone (and the caller it authenticated), never from the node's
// clock or state, so every node builds the same token.
func jwtPayload(sub string, chain *string, iat, exp int64, conds *acc.Conditions) *wire.JWTPayload {
	f := acc.FieldsOf(conds)
	return &wire.JWTPayload{Iss: "LIT", Sub: sub, Chain: chain, Iat: iat, Exp: exp,
		AccessControlConditions: f.AccessControlConditions, EVMContractConditions: f.EVMContractConditions,
		SolRPCConditions: f.SolRPCConditions, UnifiedAccessControlConditions: f.UnifiedAccessControlConditions}
}

// handleSigningACC serves /web/signing/access_control_condition: this
// node's BLS share of a JWT saying the caller meets the conditions. The
// checks run cheapest first, as for decryption: the times and the shape of
// the request, the conditions (no chain), the caller's signature, quota,
// the session's grant of signing for these conditions, then the conditions
// against the chain.
func (n *Node) handleSigningACC(w http.ResponseWriter, r *http.Request) (any, error) {
	ctx := r.Context()
	var req wire.SigningACCRequest
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
	if err := checkJWTTimes(req.Iat, req.Exp, time.Now()); err != nil {
		return nil, err
	}
	if err := checkJWTChain(req.Chain); err != nil {
		return nil, err
	}
	conds, err := req.Fields.Parse()
	if err != nil {
		return nil, conditionsError(err)
	}
	note := usageOf(ctx)
	note.decrypt(conds.HashHex(), "") // a token's record: conditions, no data
	id, err := n.authenticate(ctx, req.AuthSig, nil)
	if err != nil {
		return nil, err
	}
	note.caller(id)
	if err := n.quota.allow(quotaDecrypt, "perCaller", id.Address.Hex()); err != nil {
		return nil, err
	}
	// Lit's resource for a token is the conditions alone: it names no data.
	resource := auth.Resource{Prefix: auth.PrefixACC, ID: conds.HashHex()}
	if err := allows(id, auth.ResourceAbility{Resource: resource, Ability: auth.AbilityACCSigning}); err != nil {
		return nil, err
	}
	if err := n.callerMeets(ctx, conds, id, "a token for these conditions"); err != nil {
		return nil, err
	}
	unsigned, err := wire.UnsignedJWT(jwtPayload(id.Address.Hex(), req.Chain, req.Iat, req.Exp, conds))
	if err != nil {
		return nil, err
	}
	share, err := st.bls.Sign([]byte(unsigned))
	if err != nil {
		return nil, err
	}
	raw, err := wire.MarshalBLSShareOld(share)
	if err != nil {
		return nil, err
	}
	requestLog(ctx, n.log).Debug("token share released", "conditions", conds.HashHex(), "sub", id.Address.Hex(), "exp", req.Exp)
	return wire.SigningACCAnswer{Result: "success", SignatureShare: json.RawMessage(raw), ShareIndex: st.bls.Index(), UnsignedJWT: unsigned}, nil
}
