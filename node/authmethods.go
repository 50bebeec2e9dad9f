package node

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/auth/authmethod"
	"github.com/flint-network/flint/auth/oauth"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/wire"
)

// authMethodResolver turns a client's {authMethodType, accessToken} into a
// verified login (auth/authmethod.Resolver); handlers see only this.
type authMethodResolver interface {
	Resolve(ctx context.Context, am authmethod.AuthMethod, keys authmethod.CredentialKeys) (authmethod.Identity, error)
}

// newAuthMethods builds the node's resolver from its config. A wallet
// login's nonce, and a WebAuthn challenge, must be a block hash the node
// saw lately, as a wallet AuthSig's must.
func (n *Node) newAuthMethods() (authMethodResolver, error) {
	c := n.cfg.AuthMethods
	rc := authmethod.ResolverConfig{
		RecentNonce: n.recentNonce,
		Wallet:      authmethod.WalletConfig{Domains: n.cfg.AuthDomains, Contracts: contractVerifier{n}},
		WebAuthn:    c.WebAuthn,
	}
	if len(c.JWT.Issuers) > 0 {
		v, err := authmethod.New(c.JWT, authmethod.Options{})
		if err != nil {
			return nil, fmt.Errorf("%w: authMethods.jwt: %v", ErrConfig, err)
		}
		rc.JWT = v
	}
	if oauthConfigured(c.OAuth) {
		o, err := oauth.New(c.OAuth)
		if err != nil {
			return nil, fmt.Errorf("%w: authMethods.oauth: %v", ErrConfig, err)
		}
		rc.OAuth = authmethod.OAuthProvider(o)
	}
	return authmethod.NewResolver(rc), nil
}

// recentNonce reports whether nonce is a block hash the node saw lately,
// reading the head once more if not (a client may have a newer block from
// another node's handshake).
func (n *Node) recentNonce(nonce string) bool {
	nonce = strings.ToLower(nonce)
	if n.recentHashes.recent(nonce, time.Now()) {
		return true
	}
	if n.chain == nil {
		return false
	}
	n.refreshHead(context.Background())
	return n.recentHashes.recent(nonce, time.Now())
}

// authMethodErr classifies an auth method refusal: the input's fault (400),
// the login's (401), or a dependency's (503).
func authMethodErr(err error) (status int, kind, code string, ok bool) {
	c := authmethod.Code(err)
	if c == "" {
		return 0, "", "", false
	}
	switch {
	case errors.Is(err, authmethod.ErrUnavailable), errors.Is(err, authmethod.ErrChainUnavailable):
		return http.StatusServiceUnavailable, kindUnavailable, "Node" + c, true
	case errors.Is(err, authmethod.ErrInvalidToken), errors.Is(err, authmethod.ErrUnsupportedType),
		errors.Is(err, authmethod.ErrNotConfigured), errors.Is(err, authmethod.ErrNotResolvable):
		return http.StatusBadRequest, kindValidation, "Node" + c, true
	}
	return http.StatusUnauthorized, kindUnauthorized, "Node" + c, true
}

// maxAccessToken bounds an access token before any resolver sees it; the
// resolvers bound each type more tightly.
const maxAccessToken = 32 << 10

// handleClaim serves /web/pkp/claim: a login obtains this node's
// attestation of the key derived from it, for the address that will mint.
//
// The key id is chain.AuthMethodKeyID(type, auth method id), never one the
// caller names, so a login can claim only its own key. The attestation
// names the recipient, and the login must name the recipient too: an
// EthWallet login mints for its own wallet, an ID token must carry the
// recipient's address as its nonce. Without that, a node that saw a login
// (every node sees every session request) could claim the user's key for
// itself first. WebAuthn (whose credential id is public, so the id alone
// does not prove the key), OAuth access tokens (no nonce to bind) and Lit
// Actions (which claim through Lit.Actions.claimKey) are refused. An
// unbound login is recorded as spent for PKP sessions (spendClaimLogin);
// nothing else is stored. quota.claim bounds the requests per client
// address and per login.
func (n *Node) handleClaim(w http.ResponseWriter, r *http.Request) (any, error) {
	// Before the body is read: resolving a login may fetch keys or call
	// the chain.
	if err := n.quota.allow(quotaClaim, "perIp", clientKey(r.RemoteAddr).String()); err != nil {
		return nil, err
	}
	var req wire.ClaimRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	if len(req.AuthMethod.AccessToken) > maxAccessToken {
		return nil, invalid("NodeInvalidAuthMethod", fmt.Sprintf("authMethod.accessToken is %d bytes, over the limit of %d", len(req.AuthMethod.AccessToken), maxAccessToken))
	}
	var recipient common.Address
	if req.Recipient != "" {
		b, err := parseHex(req.Recipient)
		if err != nil || len(b) != common.AddressLength || common.Address(b) == (common.Address{}) {
			return nil, invalid("NodeInvalidRecipient", "recipient must be a non-zero 20-byte address in hex")
		}
		recipient = common.Address(b)
	}
	t := authmethod.Type(req.AuthMethod.AuthMethodType)
	switch t {
	case authmethod.WebAuthn, authmethod.LitAction, authmethod.Discord, authmethod.GoogleOAuth:
		return nil, invalid("NodeClaimUnsupportedAuthMethod", fmt.Sprintf("auth method type %d cannot claim a key here: "+
			"a WebAuthn credential id is public and an OAuth access token names no recipient; an Action claims with Lit.Actions.claimKey", t))
	}
	if n.authMethods == nil {
		return nil, ErrNotReady
	}
	id, err := n.authMethods.Resolve(r.Context(), authmethod.AuthMethod{Type: t, AccessToken: req.AuthMethod.AccessToken}, nil)
	if err != nil {
		return nil, err
	}
	if err := n.quota.allow(quotaClaim, "perCaller", id.IDHex()); err != nil {
		return nil, err
	}
	bound, err := claimRecipient(id)
	if err != nil {
		return nil, err
	}
	if recipient == (common.Address{}) {
		recipient = bound
	} else if recipient != bound {
		return nil, &codedError{status: http.StatusUnauthorized, kind: kindUnauthorized, code: "NodeClaimRecipientNotBound",
			msg: fmt.Sprintf("the login names %s as the recipient, not %s", bound.Hex(), recipient.Hex())}
	}
	if err := n.spendClaimLogin(id); err != nil {
		return nil, err
	}
	keyID := chain.AuthMethodKeyID(uint64(t), id.ID)
	a, err := n.attestClaim(keyID, recipient)
	if err != nil {
		return nil, err
	}
	sig := append([]byte(nil), a.sig...)
	if len(sig) == 65 && sig[64] < 27 {
		sig[64] += 27 // Lit's claim signatures carry v = 27/28
	}
	return wire.ClaimAnswer{
		Signature:      hex.EncodeToString(sig),
		DerivedKeyID:   hex.EncodeToString(keyID[:]),
		PublicKey:      "0x" + hex.EncodeToString(a.pubkey),
		Recipient:      recipient.Hex(),
		AuthMethodType: uint32(t),
		AuthMethodID:   id.IDHex(),
		NodeAddress:    n.address,
	}, nil
}

// claimSpent is the session key a login shown to /web/pkp/claim is
// recorded with: sha256 of a tag, a point nobody holds the ed25519 key of.
var claimSpent = func() []byte { h := sha256.Sum256([]byte("flint/claim-spent/v1")); return h[:] }()

// spendClaimLogin records an unbound login shown for a claim as spent for
// PKP sessions. Every node sees the claim's login, so without this a
// corrupt node could replay it to /web/sign_session_key with its own
// session key (first-seen binding knows only session requests) and take
// any PKP the login opens, the claimed one included once minted. A login
// already taken for a session stays that session's; a login bound to a
// session key is that key's only anyway. The cost: a claim's login must be
// made anew for a session (the SDK makes a fresh wallet login each time).
func (n *Node) spendClaimLogin(id authmethod.Identity) error {
	if id.SessionKey != nil || n.loginBinds == nil {
		return nil
	}
	use := loginUse{digest: id.Digest, user: id.ID, expires: n.loginExpiry(id)}
	switch err := n.loginBinds.bind([]loginUse{use}, claimSpent, time.Now()); {
	case err == nil, errors.Is(err, errLoginBoundElsewhere):
		return nil
	case errors.Is(err, errLoginBindingsFull):
		return &codedError{status: http.StatusServiceUnavailable, kind: kindUnavailable, code: "NodeLoginBindingsFull",
			msg: fmt.Sprintf("this node remembers %d live logins, its limit: it cannot take a claim's login until some expire", maxLoginBindings)}
	default:
		return err
	}
}

// claimRecipient is the address a login is bound to mint for: the wallet
// itself, or the address an ID token's nonce names.
func claimRecipient(id authmethod.Identity) (common.Address, error) {
	if id.Type == authmethod.EthWallet {
		return id.Address, nil
	}
	if common.IsHexAddress(id.Nonce) && strings.HasPrefix(id.Nonce, "0x") {
		if a := common.HexToAddress(id.Nonce); a != (common.Address{}) {
			return a, nil
		}
	}
	return common.Address{}, &codedError{status: http.StatusUnauthorized, kind: kindUnauthorized, code: "NodeClaimRecipientNotBound",
		msg: "to claim with an ID token, its nonce claim must be the recipient's address (0x and 40 hex digits)"}
}
