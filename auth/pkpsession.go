package auth

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/crypto/bls"
)

// PKP session capabilities. /web/sign_session_key has the nodes sign, with
// the network's BLS key, a SIWE message that hands a session key the powers
// of a PKP: its address is the PKP's, and its ReCap carries, besides the
// grants the client asked for, a "lit-resolvedauthcontext://*" "Auth/Auth"
// grant whose nota bene {"auth_context": …} says which logins the nodes
// checked. The client puts the combined signature in its session
// signatures as a capability with derivedVia "lit.bls" and algo "LIT_BLS".

// The names Lit gives the parts of a PKP session capability.
const (
	// NetworkAlgo is the algo of a network-signed capability.
	NetworkAlgo = "LIT_BLS"
	// AuthContextResource is the ReCap resource the nodes add.
	AuthContextResource = "lit-resolvedauthcontext://*"
	// AuthContextAbility is its one ability.
	AuthContextAbility = "Auth/Auth"
	// authContextKey is the nota bene key holding the context.
	authContextKey = "auth_context"
	// sessionHashPrefix namespaces what the network key signs for a
	// session, so that no other use of the key signs the same bytes.
	sessionHashPrefix = "lit_session:"
)

// Bounds on what a network capability's auth context may hold. The nodes
// write it, but a verifier parses it only after the signature verifies, and
// bounds it anyway so that a bug on the signing side cannot make every
// request slow.
const (
	MaxAuthContextMethods = 8
	maxAuthContextIPFSIDs = 8
)

// AuthContext is what the nodes resolved when they signed a PKP session:
// the auth methods they checked (and found permitted on the PKP), and the
// Lit Actions that proved the login. Its JSON is Lit's, with keys in the
// sorted order Lit's node writes them (serde_json's default), so every
// node writes the same bytes.
type AuthContext struct {
	ActionIPFSIDStack  []string            `json:"actionIpfsIdStack"`
	AuthMethodContexts []AuthMethodContext `json:"authMethodContexts"`
	AuthSigAddress     *string             `json:"authSigAddress"`
	CustomAuthResource string              `json:"customAuthResource"`
	Resources          []string            `json:"resources"`
}

// AuthMethodContext is one resolved auth method: its type and the user and
// app ids whose "<userId>:<appId>" keccak256 is its on-chain id.
type AuthMethodContext struct {
	AppID                        string `json:"appId"`
	AuthMethodType               int    `json:"authMethodType"`
	UsedForSignSessionKeyRequest bool   `json:"usedForSignSessionKeyRequest"`
	UserID                       string `json:"userId"`
}

// SessionHash is what the network's BLS key signs for a PKP session
// message: sha256("lit_session:" ‖ hex(EIP-191 hash of the message)), as
// Lit's nodes compute it (siwe_hash_to_bls_session_hash).
func SessionHash(siwe string) [32]byte {
	h := personalHash([]byte(siwe))
	return sha256.Sum256([]byte(sessionHashPrefix + hex.EncodeToString(h[:])))
}

// PKPSessionMessage rebuilds the client's SIWE message m as the nodes sign
// it, the same bytes at every node: the address is the PKP's, the nonce
// the block hash the client named and Issued At that block's time (chain
// state every node reads alike), and the ReCap the client's grants merged
// with the auth context grant, its translation appended to the statement
// (Lit's siwe-recap build_message). The client's ReCap must not name the
// auth context resource itself.
func PKPSessionMessage(m *Message, pkp common.Address, blockHash string, blockTime time.Time, ac AuthContext) (string, error) {
	rc, err := extractRecap(m)
	if err != nil {
		return "", err
	}
	merged := &Recap{Att: map[string]map[string][]json.RawMessage{}, Prf: []string{}}
	if rc != nil {
		if _, ok := rc.Att[AuthContextResource]; ok {
			return "", fmt.Errorf("%w: the client's ReCap names %s, which only the nodes may write", ErrNotGranted, AuthContextResource)
		}
		for res, abs := range rc.Att {
			merged.Att[res] = abs
		}
		merged.Prf = append(merged.Prf, rc.Prf...)
	}
	nb, err := json.Marshal(map[string]AuthContext{authContextKey: ac.normalized()})
	if err != nil {
		return "", err
	}
	merged.Att[AuthContextResource] = map[string][]json.RawMessage{AuthContextAbility: {nb}}

	var b strings.Builder
	if m.Scheme != "" {
		b.WriteString(m.Scheme + "://")
	}
	b.WriteString(m.Domain + siweHeaderSuffix + "\n")
	b.WriteString(pkp.Hex() + "\n\n")
	statement := merged.Statement()
	if m.Statement != "" {
		statement = m.Statement + " " + statement
	}
	b.WriteString(statement + "\n\n")
	fmt.Fprintf(&b, "URI: %s\nVersion: %s\nChain ID: %d\nNonce: %s\nIssued At: %s",
		m.URI, m.Version, m.ChainID, blockHash, blockTime.UTC().Format("2006-01-02T15:04:05Z"))
	if !m.ExpirationTime.IsZero() {
		b.WriteString("\nExpiration Time: " + rawOr(m.rawExpiration, m.ExpirationTime))
	}
	if !m.NotBefore.IsZero() {
		b.WriteString("\nNot Before: " + rawOr(m.rawNotBefore, m.NotBefore))
	}
	if m.RequestID != "" {
		b.WriteString("\nRequest ID: " + m.RequestID)
	}
	b.WriteString("\nResources:")
	// The client's other resources stay, before the one ReCap, which
	// EIP-5573 puts last.
	for _, r := range m.Resources {
		if !strings.HasPrefix(r, RecapPrefix) {
			b.WriteString("\n- " + r)
		}
	}
	b.WriteString("\n- " + merged.Encode())
	return b.String(), nil
}

func rawOr(raw string, t time.Time) string {
	if raw != "" {
		return raw
	}
	return isoTime(t)
}

// normalized writes empty lists as [] (Lit's node never writes null for
// them), so that the JSON is the same whichever way a caller built it.
func (ac AuthContext) normalized() AuthContext {
	if ac.ActionIPFSIDStack == nil {
		ac.ActionIPFSIDStack = []string{}
	}
	if ac.AuthMethodContexts == nil {
		ac.AuthMethodContexts = []AuthMethodContext{}
	}
	if ac.Resources == nil {
		ac.Resources = []string{}
	}
	return ac
}

// verifyNetworkCapability checks a capability the network signed for a PKP
// session (derivedVia "lit.bls"): the BLS signature over SessionHash of the
// message against the network key, the address fields, the times, the
// ReCap's grant of need, and the auth context the nodes wrote. The
// identity it returns is the PKP (by address) acting through the auth
// methods of the context; the caller checks that the PKP it acts on has
// that address and still permits those methods.
func verifyNetworkCapability(c *AuthSig, m *Message, need *ResourceAbility, p timePolicy, key *bls.PublicKey) (*Identity, error) {
	if key == nil {
		return nil, fmt.Errorf("%w: BLS network-signed (PKP) session capabilities: this verifier has no network key", ErrUnsupported)
	}
	if c.Algo != NetworkAlgo {
		return nil, malformed("network capability algo %q, want %q", clip(c.Algo), NetworkAlgo)
	}
	addr, err := parseAddress(c.Address)
	if err != nil {
		return nil, err
	}
	if addr != m.Address {
		return nil, fmt.Errorf("%w: capability address %s, SIWE message address %s", ErrAddressMismatch, addr.Hex(), m.Address.Hex())
	}
	sig, err := parseNetworkSig(c.Sig)
	if err != nil {
		return nil, err
	}
	// The signature before anything else is believed: every later check
	// reads fields only the network can have written.
	h := SessionHash(c.SignedMessage)
	if err := bls.Verify(*key, h[:], sig); err != nil {
		return nil, fmt.Errorf("%w: the network key did not sign this PKP session capability", ErrBadSignature)
	}
	if m.ExpirationTime.IsZero() {
		return nil, malformed("SIWE message has no Expiration Time")
	}
	if err := p.check("PKP session capability", m.IssuedAt, m.ExpirationTime, m.NotBefore); err != nil {
		return nil, err
	}
	rc, err := extractRecap(m)
	if err != nil {
		return nil, err
	}
	if rc == nil {
		return nil, fmt.Errorf("%w: capability has no ReCap resource", ErrNotGranted)
	}
	ac, err := authContextOf(rc)
	if err != nil {
		return nil, err
	}
	if need != nil && !rc.Grants(need.Resource, need.Ability) {
		return nil, fmt.Errorf("%w: the PKP session's ReCap does not grant %s on %s", ErrNotGranted, need.Ability, need.Resource.Key())
	}
	return &Identity{
		Address:     addr,
		AuthSig:     c,
		SIWE:        m,
		Capability:  rc,
		Expires:     m.ExpirationTime,
		AuthContext: ac,
	}, nil
}

// parseNetworkSig reads the sig of a network capability:
// {"ProofOfPossession":"<hex of a 96-byte G2 signature>"}.
func parseNetworkSig(s string) (bls.Signature, error) {
	var v struct {
		ProofOfPossession string
	}
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&v); err != nil || dec.More() {
		return bls.Signature{}, malformed("network capability sig is not {\"ProofOfPossession\":\"<hex>\"}")
	}
	b, err := decodeHex(v.ProofOfPossession)
	if err != nil || len(b) != bls.SignatureSize {
		return bls.Signature{}, malformed("network capability signature is not %d bytes of hex", bls.SignatureSize)
	}
	sig, err := bls.ParseSignature(b)
	if err != nil {
		return bls.Signature{}, malformed("network capability signature: %v", err)
	}
	return sig, nil
}

// authContextOf reads the auth context the nodes put in a PKP session's
// ReCap: exactly one nota bene {"auth_context": …} under Auth/Auth.
func authContextOf(rc *Recap) (*AuthContext, error) {
	nbs := rc.Att[AuthContextResource][AuthContextAbility]
	if len(nbs) != 1 {
		return nil, fmt.Errorf("%w: a PKP session capability must carry one %s %s grant, it has %d", ErrNotGranted, AuthContextResource, AuthContextAbility, len(nbs))
	}
	var nb map[string]json.RawMessage
	if err := json.Unmarshal(nbs[0], &nb); err != nil || len(nb) != 1 || nb[authContextKey] == nil {
		return nil, malformed("the auth context grant's nota bene must be {%q: …}", authContextKey)
	}
	var ac AuthContext
	dec := json.NewDecoder(bytes.NewReader(nb[authContextKey]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ac); err != nil {
		return nil, malformed("auth context: %v", err)
	}
	if len(ac.AuthMethodContexts) > MaxAuthContextMethods || len(ac.ActionIPFSIDStack) > maxAuthContextIPFSIDs {
		return nil, malformed("auth context has %d auth methods and %d Actions, limits %d and %d",
			len(ac.AuthMethodContexts), len(ac.ActionIPFSIDStack), MaxAuthContextMethods, maxAuthContextIPFSIDs)
	}
	if len(ac.AuthMethodContexts) == 0 && len(ac.ActionIPFSIDStack) == 0 {
		return nil, fmt.Errorf("%w: the auth context names no auth method and no Action", ErrNotGranted)
	}
	return &ac, nil
}
