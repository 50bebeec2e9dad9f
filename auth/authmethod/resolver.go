package authmethod

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/auth/webauthn"
)

// CredentialKeys returns the COSE public key registered on chain with the
// WebAuthn auth method authMethodID, or nil when none is registered (the
// login is then refused with ErrNotRegistered). An error means the chain
// could not be read.
type CredentialKeys func(ctx context.Context, authMethodID [32]byte) ([]byte, error)

// OAuthVerifier resolves OAuth access tokens (4 Discord, 5 Google) by asking
// the provider's API who the token belongs to. Its errors should wrap this
// package's sentinels.
type OAuthVerifier interface {
	Verify(ctx context.Context, am AuthMethod) (Identity, error)
}

// WalletConfig says how an EthWallet (type 1) login is accepted.
type WalletConfig struct {
	// Domains, if set, are the SIWE domains accepted (any when empty).
	Domains []string `json:"domains,omitempty"`
	// MaxLifetime caps the SIWE message's lifetime (default 30 days; the
	// SDK signs for 24 hours). Replay is bounded by the recent nonce.
	MaxLifetime time.Duration `json:"maxLifetime,omitempty"`
	// Contracts verifies EIP-1271 signatures; nil refuses contract wallets.
	Contracts auth.ContractVerifier `json:"-"`
}

// WebAuthnConfig says which assertions a WebAuthn (type 3) login accepts.
type WebAuthnConfig struct {
	// Origins are the accepted client-data origins; empty accepts any
	// https origin, as Lit's network does.
	Origins []string `json:"origins,omitempty"`
	// RPID is the expected rpId; empty means the origin's host.
	RPID string `json:"rpId,omitempty"`
	// RequireUserVerification also requires the user-verified flag.
	RequireUserVerification bool `json:"requireUserVerification,omitempty"`
}

// ResolverConfig are a Resolver's rules and dependencies.
type ResolverConfig struct {
	// Now is the clock (default time.Now).
	Now func() time.Time
	// RecentNonce reports whether nonce ("0x" and 64 lower-case hex digits,
	// as geth prints a hash) is a recent block hash of the network's chain.
	// A wallet login's SIWE nonce and a WebAuthn challenge must be one.
	// Required for types 1 and 3: nil refuses them with ErrBadNonce.
	RecentNonce func(nonce string) bool
	Wallet      WalletConfig
	WebAuthn    WebAuthnConfig
	// JWT verifies types 6, 8 and 9–13; nil refuses them with
	// ErrUnsupportedType.
	JWT *Verifier
	// OAuth resolves types 4 and 5; nil refuses them with ErrNotConfigured.
	OAuth OAuthVerifier
}

// Resolver turns any auth method a client sends into a verified Identity,
// dispatching on its type. It is safe for concurrent use.
type Resolver struct {
	cfg ResolverConfig
}

// NewResolver returns a Resolver with cfg's rules.
func NewResolver(cfg ResolverConfig) *Resolver {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Resolver{cfg: cfg}
}

// Resolve checks am and returns who it proves. keys looks up WebAuthn
// credentials registered on chain (nil refuses WebAuthn). Every error wraps
// one of this package's sentinels (see Code); for wallet and WebAuthn logins
// it also wraps the auth or webauthn package's finer reason.
func (r *Resolver) Resolve(ctx context.Context, am AuthMethod, keys CredentialKeys) (Identity, error) {
	switch {
	case am.Type == EthWallet:
		return r.wallet(ctx, am.AccessToken)
	case am.Type == LitAction:
		return Identity{}, fmt.Errorf("%w: send it to /web/sign_session_key/v1 as the Lit Action proof", ErrNotResolvable)
	case am.Type == WebAuthn:
		return r.webauthn(ctx, am.AccessToken, keys)
	case am.Type == Discord || am.Type == GoogleOAuth:
		if r.cfg.OAuth == nil {
			return Identity{}, fmt.Errorf("%w: type %d needs the provider's API base URL in the node config", ErrNotConfigured, am.Type)
		}
		return r.cfg.OAuth.Verify(ctx, am)
	case am.Type.isJWT():
		if r.cfg.JWT == nil {
			return Identity{}, fmt.Errorf("%w: type %d: no JWT issuer configured", ErrUnsupportedType, am.Type)
		}
		return r.cfg.JWT.Verify(ctx, am)
	default:
		return Identity{}, fmt.Errorf("%w: unknown auth method type %d", ErrUnsupportedType, am.Type)
	}
}

// walletAppID is the app id of wallet logins: the SDK hashes "<address>:lit".
const walletAppID = "lit"

func (r *Resolver) wallet(ctx context.Context, token string) (Identity, error) {
	addr, _, err := auth.VerifyWalletLogin(ctx, json.RawMessage(token), auth.LoginOptions{
		Now:         r.cfg.Now(),
		RecentNonce: r.cfg.RecentNonce,
		Domains:     r.cfg.Wallet.Domains,
		MaxLifetime: r.cfg.Wallet.MaxLifetime,
		Contracts:   r.cfg.Wallet.Contracts,
	})
	if err != nil {
		return Identity{}, fmt.Errorf("%w: wallet login: %w", walletReason(err), err)
	}
	// The SDK hashes the AuthSig's address field as the wallet wrote it,
	// which ethers checksums (EIP-55); the node always uses that spelling,
	// so one wallet has one id however a client spells its address.
	user := addr.Hex()
	return Identity{Type: EthWallet, UserID: user, AppID: walletAppID, ID: ID(user, walletAppID), Address: addr}, nil
}

func walletReason(err error) *Error {
	switch {
	case errors.Is(err, auth.ErrBadSignature):
		return ErrBadSignature
	case errors.Is(err, auth.ErrExpired):
		return ErrExpired
	case errors.Is(err, auth.ErrNotYetValid):
		return ErrNotYetValid
	case errors.Is(err, auth.ErrStaleNonce):
		return ErrBadNonce
	case errors.Is(err, auth.ErrUnavailable):
		return ErrChainUnavailable
	default: // malformed, unsupported derivedVia, address mismatch, lifetime, a session grant
		return ErrInvalidToken
	}
}

func (r *Resolver) webauthn(ctx context.Context, token string, keys CredentialKeys) (Identity, error) {
	a, err := webauthn.Parse(token)
	if err != nil {
		return Identity{}, fmt.Errorf("%w: webauthn: %w", ErrInvalidToken, err)
	}
	if keys == nil {
		return Identity{}, fmt.Errorf("%w: no registered-key lookup for WebAuthn here", ErrNotConfigured)
	}
	id := a.AuthMethodID()
	pub, err := keys(ctx, id)
	if err != nil {
		return Identity{}, fmt.Errorf("%w: reading the key of WebAuthn auth method 0x%s: %w", ErrChainUnavailable, hex.EncodeToString(id[:]), err)
	}
	if len(pub) == 0 {
		return Identity{}, fmt.Errorf("%w: no public key registered for WebAuthn auth method 0x%s", ErrNotRegistered, hex.EncodeToString(id[:]))
	}
	recent := r.cfg.RecentNonce
	res, err := webauthn.Verify(a, webauthn.Credential{ID: a.CredentialID(), PublicKey: pub}, webauthn.Options{
		RecentChallenge: func(c []byte) bool {
			return recent != nil && recent("0x"+hex.EncodeToString(c))
		},
		Origins:                 r.cfg.WebAuthn.Origins,
		RPID:                    r.cfg.WebAuthn.RPID,
		RequireUserVerification: r.cfg.WebAuthn.RequireUserVerification,
	})
	if err != nil {
		return Identity{}, fmt.Errorf("%w: webauthn: %w", webauthnReason(err), err)
	}
	return Identity{Type: WebAuthn, UserID: res.UserID, AppID: webauthn.AppID, ID: res.AuthMethodID}, nil
}

func webauthnReason(err error) *Error {
	switch {
	case errors.Is(err, webauthn.ErrStaleChallenge):
		return ErrBadNonce
	case errors.Is(err, webauthn.ErrWrongOrigin), errors.Is(err, webauthn.ErrWrongRPID):
		return ErrWrongAudience
	case errors.Is(err, webauthn.ErrBadSignature), errors.Is(err, webauthn.ErrWrongCredential), errors.Is(err, webauthn.ErrBadKey):
		return ErrBadSignature
	default:
		return ErrInvalidToken
	}
}
