package auth

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/crypto/bls"
)

// MaxAuthSigSize bounds the JSON Verify accepts.
const MaxAuthSigSize = 1 << 20

// Defaults for Options; they are the tolerances Lit's nodes apply.
const (
	DefaultClockSkew   = 60 * time.Second
	DefaultMaxLifetime = 30 * 24 * time.Hour
)

// Options says what Verify checks a signature against.
type Options struct {
	// Now is the current time; required. Verify never reads the clock.
	Now time.Time
	// NodeURL is this node's URL as clients address it ("http://ip:port"),
	// which a session signature must name. Required for session signatures.
	NodeURL string
	// Need is the resource and ability this request exercises, which a
	// session signature must have been granted and a wallet AuthSig's ReCap
	// must name exactly. Required for wallet AuthSigs. For a session it may
	// be nil when the caller learns the resource only later (it then asks
	// Identity.Allows before acting).
	Need *ResourceAbility
	// Wallet says how a wallet AuthSig (an EOA's or an EIP-1271 contract
	// wallet's SIWE signature, valid at every node) is accepted as the
	// request's credential. Nil refuses them with ErrSessionRequired: the
	// request must carry a session signature made for this node, which no
	// other node can replay. Lit's /v1 endpoints do the same.
	Wallet *WalletPolicy
	// Domains, if set, lists the SIWE domains (RFC 3986 authorities, e.g.
	// "app.example.com") a wallet signature may come from, as EIP-4361 has
	// a relying party check; empty accepts any domain.
	Domains []string
	// ClockSkew is how far a time may lie beyond the bound it breaks (issued
	// in the future, expired, not before) and still pass. 0 means
	// DefaultClockSkew; negative means none.
	ClockSkew time.Duration
	// MaxLifetime is the longest a signature may be valid from its issuance.
	// 0 means DefaultMaxLifetime.
	MaxLifetime time.Duration
	// Contracts verifies EIP-1271 contract-wallet signatures. Nil refuses
	// them with ErrUnsupported.
	Contracts ContractVerifier
	// NetworkKey is the network's BLS public key, which signs PKP session
	// capabilities (derivedVia "lit.bls"). Nil refuses them with
	// ErrUnsupported.
	NetworkKey *bls.PublicKey
}

// WalletPolicy is what a wallet AuthSig must satisfy where one is accepted
// (decryption, as on Lit's V0 endpoint). Because any node that sees it can
// replay it to the others, it must be narrow and short-lived: its ReCap
// names exactly the resource and ability of the request, its nonce is a
// recent block hash (so it cannot have been signed long in advance), and
// its lifetime is capped.
type WalletPolicy struct {
	// RecentNonce reports whether a SIWE nonce is recent: for Lit clients, a
	// block hash of the network's chain from the last few minutes. Required;
	// nil refuses every wallet AuthSig.
	RecentNonce func(nonce string) bool
	// MaxLifetime is the longest a wallet AuthSig may live from its
	// issuance; 0 means DefaultWalletLifetime.
	MaxLifetime time.Duration
}

// DefaultWalletLifetime caps a wallet AuthSig's lifetime by default.
const DefaultWalletLifetime = 10 * time.Minute

func (w *WalletPolicy) maxLifetime() time.Duration {
	if w.MaxLifetime > 0 {
		return w.MaxLifetime
	}
	return DefaultWalletLifetime
}

func (o Options) policy() timePolicy {
	p := timePolicy{now: o.Now, skew: o.ClockSkew, maxLifetime: o.MaxLifetime}
	if p.skew == 0 {
		p.skew = DefaultClockSkew
	} else if p.skew < 0 {
		p.skew = 0
	}
	if p.maxLifetime <= 0 {
		p.maxLifetime = DefaultMaxLifetime
	}
	return p
}

// Method is how an Identity was established.
type Method string

// The methods.
const (
	MethodWallet   Method = "wallet"   // EIP-191 signature by an externally owned account
	MethodContract Method = "contract" // EIP-1271 contract wallet
	MethodSession  Method = "session"  // ed25519 session key granted by a wallet
)

func methodOf(derivedVia string) Method {
	if derivedVia == DerivedViaContract || derivedVia == DerivedViaContractSHA {
		return MethodContract
	}
	return MethodWallet
}

// Identity is who is asking, as established by Verify.
type Identity struct {
	// Address is the Ethereum account that authorised the request: the
	// AuthSig's signer, or for a session the wallet that granted the key.
	Address common.Address
	// Method says how: a wallet AuthSig, a contract wallet, or a session.
	Method Method
	// AuthSig is the wallet AuthSig that was verified (for a session, the
	// capability that granted the key), and SIWE its parsed message; an
	// Action sees them as Lit.Auth.
	AuthSig *AuthSig
	SIWE    *Message
	// Expires is when the earliest of the verified signatures expires.
	Expires time.Time

	// For sessions only: the session key, the resources and abilities it
	// asked for when it signed, and the wallet's ReCap granting it powers.
	SessionKey ed25519.PublicKey
	Requested  []ResourceAbility
	Capability *Recap

	// AuthContext is set for a PKP session (a capability the network
	// signed): Address is then the PKP's address, and AuthContext the auth
	// methods and Actions the nodes checked when they signed it. Whoever
	// acts on it must check that the PKP has that address and still
	// permits them.
	AuthContext *AuthContext
}

// Allows reports whether the identity may exercise need: a session what its
// key requested and its wallet granted, a wallet AuthSig what its ReCap
// names exactly. The caller still checks that the address may use the
// resource (a PKP's permissions).
func (id *Identity) Allows(need ResourceAbility) bool {
	if id.Capability == nil {
		return false
	}
	if id.Method != MethodSession {
		return id.Capability.GrantsExactly(need.Resource, need.Ability)
	}
	return covered(id.Requested, need) && id.Capability.Grants(need.Resource, need.Ability)
}

// Verify is the one place a node checks who is asking. raw is the authSig
// value of a client request: this node's entry of a session-signature map
// (derivedVia "litSessionSignViaNacl") or, where opts.Wallet allows one, a
// wallet AuthSig (derivedVia "web3.eth.personal.sign", or
// "EIP1271"/"EIP1271_SHA256" for contract wallets).
//
// For a session signature it checks the ed25519 signature over the signed
// JSON, that the JSON names this node and is within its times, that the key
// requested opts.Need, and that the capability binding the key (SIWE URI
// "lit:session:<key>") is a valid wallet signature whose ReCap grants
// opts.Need.
//
// For a wallet AuthSig it checks that the ReCap names exactly opts.Need and
// the nonce is recent (opts.Wallet), the SIWE message against EIP-4361, the
// EIP-191 signature (v = 27/28 or 0/1), that the signer, the address field
// and the message's address agree, and the times: Issued At not in the
// future, Expiration Time present and not passed, Not Before reached, the
// lifetime within the wallet policy's cap. A SIWE message whose URI hands
// powers to a session key is not accepted as a login.
//
// Cheap checks come before costly ones (signatures, EIP-1271 calls). Errors
// wrap one of this package's sentinels (see Code).
func Verify(ctx context.Context, raw json.RawMessage, opts Options) (*Identity, error) {
	if opts.Now.IsZero() {
		return nil, errors.New("auth: Options.Now is required")
	}
	if len(raw) > MaxAuthSigSize {
		return nil, malformed("AuthSig is %d bytes, limit %d", len(raw), MaxAuthSigSize)
	}
	a, err := ParseAuthSig(raw)
	if err != nil {
		return nil, err
	}
	p := opts.policy()
	switch a.DerivedVia {
	case DerivedViaSession:
		return verifySession(ctx, a, opts, p)
	case DerivedViaWallet, DerivedViaContract, DerivedViaContractSHA:
		return verifyWallet(ctx, a, opts, p)
	case DerivedViaNetwork:
		return nil, fmt.Errorf("%w: a BLS network signature is only valid inside a session signature", ErrUnsupported)
	default:
		return nil, fmt.Errorf("%w: derivedVia %q", ErrUnsupported, clip(a.DerivedVia))
	}
}

// verifyWallet checks a wallet AuthSig presented as a request's credential.
func verifyWallet(ctx context.Context, a *AuthSig, opts Options, p timePolicy) (*Identity, error) {
	if opts.Wallet == nil {
		return nil, fmt.Errorf("%w: a wallet AuthSig is valid at every node, so any node could replay it; "+
			"send session signatures, one made for each node", ErrSessionRequired)
	}
	if opts.Need == nil {
		return nil, errors.New("auth: Options.Need is required to verify a wallet AuthSig")
	}
	m, err := ParseMessage(a.SignedMessage)
	if err != nil {
		return nil, err
	}
	// Lit's nodes refuse these too: such a message grants a session key
	// or a capacity delegation, and is no proof that its signer is asking.
	if strings.HasPrefix(m.URI, sessionURIPrefix) || strings.HasPrefix(m.URI, capabilityDelegationURI) {
		return nil, fmt.Errorf("%w: SIWE URI %q delegates to a session key or capacity; it is not a login", ErrNotGranted, clip(m.URI))
	}
	if !domainAllowed(opts.Domains, m.Domain) {
		return nil, fmt.Errorf("%w: SIWE domain %q is not one this node accepts", ErrNotGranted, clip(m.Domain))
	}
	rc, err := extractRecap(m)
	if err != nil {
		return nil, err
	}
	if rc == nil || !rc.GrantsExactly(opts.Need.Resource, opts.Need.Ability) {
		return nil, fmt.Errorf("%w: a wallet AuthSig must carry a ReCap granting %s on exactly %s",
			ErrNotGranted, opts.Need.Ability, opts.Need.Resource.Key())
	}
	if opts.Wallet.RecentNonce == nil || !opts.Wallet.RecentNonce(m.Nonce) {
		return nil, fmt.Errorf("%w: SIWE nonce %q is not a recent block hash", ErrStaleNonce, clip(m.Nonce))
	}
	p.maxLifetime = min(p.maxLifetime, opts.Wallet.maxLifetime())
	addr, err := verifyWalletMessage(ctx, a, m, p, opts.Contracts)
	if err != nil {
		return nil, err
	}
	return &Identity{Address: addr, Method: methodOf(a.DerivedVia), AuthSig: a, SIWE: m, Capability: rc, Expires: m.ExpirationTime}, nil
}

// domainAllowed reports whether a SIWE domain is in allowed (any, if empty).
func domainAllowed(allowed []string, domain string) bool {
	if len(allowed) == 0 {
		return true
	}
	for _, d := range allowed {
		if strings.EqualFold(d, domain) {
			return true
		}
	}
	return false
}
