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
	// session signature must have been granted. Required for session
	// signatures; a wallet AuthSig authenticates its address for everything
	// (the caller checks that address's permissions).
	Need *ResourceAbility
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
}

// Allows reports whether the identity may exercise need. A wallet AuthSig
// authenticates its address for any resource; a session may do only what
// its key requested and its wallet granted.
func (id *Identity) Allows(need ResourceAbility) bool {
	if id.Method != MethodSession {
		return true
	}
	return covered(id.Requested, need) && id.Capability != nil && id.Capability.Grants(need.Resource, need.Ability)
}

// Verify is the one place a node checks who is asking. raw is the authSig
// value of a client request: either a wallet AuthSig (derivedVia
// "web3.eth.personal.sign", or "EIP1271"/"EIP1271_SHA256" for contract
// wallets) or this node's entry of a session-signature map (derivedVia
// "litSessionSignViaNacl").
//
// For a wallet AuthSig it checks the SIWE message against EIP-4361, the
// EIP-191 signature (v = 27/28 or 0/1), that the signer, the address field
// and the message's address agree, and the times: Issued At not in the
// future, Expiration Time present and not passed, Not Before reached, the
// lifetime within MaxLifetime. A SIWE message whose URI hands powers to a
// session key is not accepted as a login.
//
// For a session signature it checks the ed25519 signature over the signed
// JSON, that the JSON names this node and is within its times, that the key
// requested opts.Need, and that one capability is a valid wallet AuthSig
// whose SIWE URI is "lit:session:<key>" and whose ReCap grants opts.Need.
//
// Errors wrap one of this package's sentinels (see Code).
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
		m, err := ParseMessage(a.SignedMessage)
		if err != nil {
			return nil, err
		}
		// Lit's nodes refuse these too: such a message grants a session key
		// or a capacity delegation, and is no proof that its signer is asking.
		if strings.HasPrefix(m.URI, sessionURIPrefix) || strings.HasPrefix(m.URI, capabilityDelegationURI) {
			return nil, fmt.Errorf("%w: SIWE URI %q delegates to a session key or capacity; it is not a login", ErrNotGranted, clip(m.URI))
		}
		addr, err := verifyWalletMessage(ctx, a, m, p, opts.Contracts)
		if err != nil {
			return nil, err
		}
		return &Identity{Address: addr, Method: methodOf(a.DerivedVia), AuthSig: a, SIWE: m, Expires: m.ExpirationTime}, nil
	case DerivedViaNetwork:
		return nil, fmt.Errorf("%w: a BLS network signature is only valid inside a session signature", ErrUnsupported)
	default:
		return nil, fmt.Errorf("%w: derivedVia %q", ErrUnsupported, clip(a.DerivedVia))
	}
}
