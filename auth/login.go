package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// LoginOptions say what a wallet AuthSig must satisfy to prove, once, that
// its signer controls the wallet (Lit's EthWallet auth method, type 1).
type LoginOptions struct {
	// Now is the current time; required.
	Now time.Time
	// RecentNonce reports whether the SIWE nonce is a recent block hash, so
	// the proof cannot have been signed long in advance. Required: nil
	// refuses every proof with ErrStaleNonce.
	RecentNonce func(nonce string) bool
	// Domains, if set, lists the SIWE domains accepted (any when empty).
	Domains []string
	// ClockSkew is as in Options (0: DefaultClockSkew, negative: none).
	ClockSkew time.Duration
	// MaxLifetime caps Expiration Time − Issued At; 0 means
	// DefaultMaxLifetime. The SDK's EthWalletProvider signs for 24 hours;
	// the recent nonce, not the lifetime, is what bounds replay.
	MaxLifetime time.Duration
	// Contracts verifies EIP-1271 contract-wallet signatures; nil refuses
	// them with ErrUnsupported.
	Contracts ContractVerifier
}

// VerifyWalletLogin checks a wallet AuthSig (the accessToken of an EthWallet
// auth method, as the SDK's EthWalletProvider makes it: a SIWE message with a
// recent block hash as nonce, signed by an EOA with EIP-191 or by an EIP-1271
// contract wallet) and returns the wallet's address and the parsed message.
//
// Unlike Verify it asks for no ReCap, and refuses one: the proof is of who
// signs, not of a grant. A SIWE message with a ReCap (a wallet AuthSig for
// decryption) or one that delegates to a session key or a capacity
// credit is refused: those are sent to every node, and must not double as
// logins. Errors wrap one of this
// package's sentinels.
func VerifyWalletLogin(ctx context.Context, raw json.RawMessage, opts LoginOptions) (common.Address, *Message, error) {
	if opts.Now.IsZero() {
		return common.Address{}, nil, errors.New("auth: LoginOptions.Now is required")
	}
	if len(raw) > MaxAuthSigSize {
		return common.Address{}, nil, malformed("AuthSig is %d bytes, limit %d", len(raw), MaxAuthSigSize)
	}
	a, err := ParseAuthSig(raw)
	if err != nil {
		return common.Address{}, nil, err
	}
	switch a.DerivedVia {
	case DerivedViaWallet, DerivedViaContract, DerivedViaContractSHA:
	default:
		return common.Address{}, nil, fmt.Errorf("%w: derivedVia %q is not a wallet signature", ErrUnsupported, clip(a.DerivedVia))
	}
	m, err := ParseMessage(a.SignedMessage)
	if err != nil {
		return common.Address{}, nil, err
	}
	if strings.HasPrefix(m.URI, sessionURIPrefix) || strings.HasPrefix(m.URI, capabilityDelegationURI) {
		return common.Address{}, nil, fmt.Errorf("%w: SIWE URI %q delegates to a session key or capacity; it is not a login", ErrNotGranted, clip(m.URI))
	}
	// A message with a ReCap is a grant: the wallet AuthSig a client sends
	// to every node for decryption has a plain URI and a recent nonce as a
	// login has, so were it also a login, any node that saw a decryption
	// request could log in as the wallet (to a PKP session with its own
	// session key) before the wallet ever logs in. A login carries none.
	for _, r := range m.Resources {
		if strings.HasPrefix(r, RecapPrefix) {
			return common.Address{}, nil, fmt.Errorf("%w: the SIWE message carries a ReCap: it grants capabilities and is not a login", ErrNotGranted)
		}
	}
	if !domainAllowed(opts.Domains, m.Domain) {
		return common.Address{}, nil, fmt.Errorf("%w: SIWE domain %q is not one this node accepts", ErrNotGranted, clip(m.Domain))
	}
	if opts.RecentNonce == nil || !opts.RecentNonce(m.Nonce) {
		return common.Address{}, nil, fmt.Errorf("%w: SIWE nonce %q is not a recent block hash", ErrStaleNonce, clip(m.Nonce))
	}
	p := Options{Now: opts.Now, ClockSkew: opts.ClockSkew, MaxLifetime: opts.MaxLifetime}.policy()
	addr, err := verifyWalletMessage(ctx, a, m, p, opts.Contracts)
	if err != nil {
		return common.Address{}, nil, err
	}
	return addr, m, nil
}
