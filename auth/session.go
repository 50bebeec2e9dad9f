package auth

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// SessionSigned is the JSON a session key signs for one node, as the Lit JS
// SDK v7 builds it in getSessionSigs (keys in this order); the client signs
// it, the node verifies it:
//
//	{"sessionKey":"<ed25519 public key, hex>",
//	 "resourceAbilityRequests":[{"resource":{"resource":"*","resourcePrefix":"lit-pkp"},"ability":"pkp-signing"}],
//	 "capabilities":[<AuthSig>…],
//	 "issuedAt":"<ISO time>","expiration":"<ISO time>",
//	 "nodeAddress":"https://<ip>:<port>"}
type SessionSigned struct {
	SessionKey              string                   `json:"sessionKey"`
	ResourceAbilityRequests []ResourceAbilityRequest `json:"resourceAbilityRequests"`
	Capabilities            []AuthSig                `json:"capabilities"`
	IssuedAt                string                   `json:"issuedAt"`
	Expiration              string                   `json:"expiration"`
	NodeAddress             string                   `json:"nodeAddress"`
}

// ResourceAbilityRequest is one resource and ability a session key asks for.
type ResourceAbilityRequest struct {
	Resource struct {
		Resource       string `json:"resource"`
		ResourcePrefix string `json:"resourcePrefix"`
	} `json:"resource"`
	Ability string `json:"ability"`
}

// maxCapabilities bounds the capabilities of one session signature. The SDK
// sends at most two (a capacity delegation and the wallet's grant); the
// bound keeps a caller from making the node parse a megabyte of them.
const maxCapabilities = 4

// verifySession checks a session signature (derivedVia
// "litSessionSignViaNacl") made for node opts.NodeURL and, when opts.Need
// is set, that it was granted opts.Need.
//
// Cheap checks come first: the ed25519 signature, the node, the times and
// the resources the key requested; then only the one capability that binds
// this session key (its SIWE URI is lit:session:<key>) has its wallet
// signature checked, so a caller cannot make the node verify (or call
// EIP-1271 contracts for) a list of capabilities.
func verifySession(ctx context.Context, a *AuthSig, opts Options, p timePolicy) (*Identity, error) {
	if opts.NodeURL == "" {
		return nil, errors.New("auth: Options.NodeURL is required to verify a session signature")
	}
	if a.Algo != sessionAlgo {
		return nil, malformed("session signature algo %q, want %q", clip(a.Algo), sessionAlgo)
	}
	pk, err := decodeHex(a.Address)
	if err != nil || len(pk) != ed25519.PublicKeySize {
		return nil, malformed("session key %q is not 32 bytes of hex", clip(a.Address))
	}
	sig, err := decodeHex(a.Sig)
	if err != nil || len(sig) != ed25519.SignatureSize {
		return nil, malformed("session signature is not 64 bytes of hex")
	}
	if !ed25519.Verify(ed25519.PublicKey(pk), []byte(a.SignedMessage), sig) {
		return nil, fmt.Errorf("%w: session key %s did not sign this message", ErrBadSignature, hex.EncodeToString(pk))
	}

	var sm SessionSigned
	if err := json.Unmarshal([]byte(a.SignedMessage), &sm); err != nil {
		return nil, malformed("session signed message JSON: %v", err)
	}
	if sk, err := decodeHex(sm.SessionKey); err != nil || !bytes.Equal(sk, pk) {
		return nil, fmt.Errorf("%w: signed sessionKey %q is not the signing key %s", ErrAddressMismatch, clip(sm.SessionKey), hex.EncodeToString(pk))
	}
	issued, err := time.Parse(time.RFC3339Nano, sm.IssuedAt)
	if err != nil {
		return nil, malformed("session issuedAt %q is not an RFC 3339 time", clip(sm.IssuedAt))
	}
	expires, err := time.Parse(time.RFC3339Nano, sm.Expiration)
	if err != nil {
		return nil, malformed("session expiration %q is not an RFC 3339 time", clip(sm.Expiration))
	}
	if err := p.check("session signature", issued, expires, time.Time{}); err != nil {
		return nil, err
	}
	if normalizeNodeURL(sm.NodeAddress) != normalizeNodeURL(opts.NodeURL) {
		return nil, fmt.Errorf("%w: signed for %q, this node is %q", ErrWrongNode, clip(sm.NodeAddress), opts.NodeURL)
	}

	requested := make([]ResourceAbility, 0, len(sm.ResourceAbilityRequests))
	for _, r := range sm.ResourceAbilityRequests {
		requested = append(requested, ResourceAbility{
			Resource: Resource{Prefix: r.Resource.ResourcePrefix, ID: r.Resource.Resource},
			Ability:  Ability(r.Ability),
		})
	}
	if opts.Need != nil && !covered(requested, *opts.Need) {
		return nil, fmt.Errorf("%w: the session key did not request %s on %s", ErrNotGranted, opts.Need.Ability, opts.Need.Resource.Key())
	}

	if len(sm.Capabilities) == 0 {
		return nil, fmt.Errorf("%w: session signature has no capabilities", ErrNotBound)
	}
	if len(sm.Capabilities) > maxCapabilities {
		return nil, malformed("session signature has %d capabilities, limit %d", len(sm.Capabilities), maxCapabilities)
	}
	// The SDK puts a capacity delegation (if any) before the wallet's grant
	// to the key; only the first capability that names this key counts.
	for i := range sm.Capabilities {
		c := &sm.Capabilities[i]
		m, ok := bindsKey(c, pk)
		if !ok {
			continue
		}
		if !domainAllowed(opts.Domains, m.Domain) {
			return nil, fmt.Errorf("%w: session capability %d: SIWE domain %q is not one this node accepts", ErrNotGranted, i, clip(m.Domain))
		}
		id, err := verifyCapability(ctx, c, m, opts, p)
		if err != nil {
			return nil, fmt.Errorf("session capability %d: %w", i, err)
		}
		id.Method = MethodSession
		id.SessionKey = ed25519.PublicKey(pk)
		id.Requested = requested
		id.Expires = earliest(id.Expires, expires)
		return id, nil
	}
	return nil, fmt.Errorf("%w: none of %d capabilities is a wallet signature with URI %s%s",
		ErrNotBound, len(sm.Capabilities), sessionURIPrefix, hex.EncodeToString(pk))
}

// bindsKey parses a capability's SIWE message and reports whether its URI
// hands powers to the session key pk.
func bindsKey(c *AuthSig, pk []byte) (*Message, bool) {
	if c.checkFields() != nil {
		return nil, false
	}
	m, err := ParseMessage(c.SignedMessage)
	if err != nil {
		return nil, false
	}
	key, ok := strings.CutPrefix(m.URI, sessionURIPrefix)
	b, err := hex.DecodeString(key)
	return m, ok && err == nil && bytes.Equal(b, pk)
}

// verifyCapability checks the capability c (with SIWE message m) that binds
// a session key: a wallet signature, or the network's for a PKP session,
// whose ReCap grants opts.Need, if it is set.
func verifyCapability(ctx context.Context, c *AuthSig, m *Message, opts Options, p timePolicy) (*Identity, error) {
	need, contracts := opts.Need, opts.Contracts
	if c.DerivedVia == DerivedViaNetwork {
		return verifyNetworkCapability(c, m, need, p, opts.NetworkKey)
	}
	rc, err := extractRecap(m)
	if err != nil {
		return nil, err
	}
	if rc == nil {
		return nil, fmt.Errorf("%w: capability has no ReCap resource", ErrNotGranted)
	}
	if need != nil && !rc.Grants(need.Resource, need.Ability) {
		return nil, fmt.Errorf("%w: the wallet's ReCap does not grant %s on %s", ErrNotGranted, need.Ability, need.Resource.Key())
	}
	addr, err := verifyWalletMessage(ctx, c, m, p, contracts)
	if err != nil {
		return nil, err
	}
	return &Identity{
		Address:    addr,
		AuthSig:    c,
		SIWE:       m,
		Capability: rc,
		Expires:    m.ExpirationTime,
	}, nil
}

func covered(requested []ResourceAbility, need ResourceAbility) bool {
	for _, r := range requested {
		if r.Ability == need.Ability && r.Resource.covers(need.Resource) {
			return true
		}
	}
	return false
}

// normalizeNodeURL reduces a node URL to host:port as Lit's nodes compare
// them: no scheme, no trailing slash, "localhost" read as 127.0.0.1.
func normalizeNodeURL(u string) string {
	u = strings.TrimSpace(u)
	u = strings.TrimPrefix(u, "https://")
	u = strings.TrimPrefix(u, "http://")
	u = strings.TrimRight(u, "/")
	return strings.ReplaceAll(strings.ToLower(u), "localhost", "127.0.0.1")
}

func earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}
