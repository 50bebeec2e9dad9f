package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// The derivedVia values this package understands.
const (
	DerivedViaWallet        = "web3.eth.personal.sign" // EIP-191 signature by an EOA
	DerivedViaContract      = "EIP1271"                // EIP-1271 contract wallet, EIP-191 hash
	DerivedViaContractSHA   = "EIP1271_SHA256"         // EIP-1271 contract wallet, sha256 hash
	DerivedViaSession       = "litSessionSignViaNacl"  // ed25519 session signature
	DerivedViaNetwork       = "lit.bls"                // BLS-signed PKP session capability
	sessionAlgo             = "ed25519"
	sessionURIPrefix        = "lit:session:"
	capabilityDelegationURI = "lit:capability:delegation"
)

// AuthSig is the JSON object a Lit client sends to prove who it is:
// {sig, derivedVia, signedMessage, address} and, for session signatures,
// algo. For a wallet, signedMessage is a SIWE message and sig its EIP-191
// signature; for a session, signedMessage is the JSON the session key signed.
type AuthSig struct {
	Sig           string `json:"sig"`
	DerivedVia    string `json:"derivedVia"`
	SignedMessage string `json:"signedMessage"`
	Address       string `json:"address"`
	Algo          string `json:"algo,omitempty"`
}

// ParseAuthSig decodes an AuthSig, requiring a JSON object whose four
// required fields are non-empty strings. Unknown fields are ignored, as Lit's
// nodes ignore them. Every error wraps ErrMalformed.
func ParseAuthSig(raw []byte) (*AuthSig, error) {
	var a AuthSig
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, malformed("AuthSig JSON: %v", err)
	}
	if err := a.checkFields(); err != nil {
		return nil, err
	}
	return &a, nil
}

func (a *AuthSig) checkFields() error {
	for _, f := range []struct{ name, v string }{
		{"sig", a.Sig}, {"derivedVia", a.DerivedVia}, {"signedMessage", a.SignedMessage}, {"address", a.Address},
	} {
		if f.v == "" {
			return malformed("AuthSig field %q missing or empty", f.name)
		}
	}
	return nil
}

// ContractVerifier asks an EIP-1271 contract wallet whether it accepts a
// signature: it calls isValidSignature(hash, sig) on the contract at addr on
// the chain with chainID, and reports whether the call returned the magic
// value 0x1626ba7e. The node implements it over its chain client.
type ContractVerifier interface {
	IsValidSignature(ctx context.Context, chainID uint64, addr common.Address, hash [32]byte, sig []byte) (bool, error)
}

// timePolicy holds the verifier's tolerance for times.
type timePolicy struct {
	now         time.Time
	skew        time.Duration
	maxLifetime time.Duration
}

// check applies the rules every signed grant obeys: issued no later than now
// (give or take the skew), expiring after issuance and within maxLifetime of
// it, not expired (give or take the skew), and past its Not Before time.
func (p timePolicy) check(what string, issued, expires, notBefore time.Time) error {
	if issued.After(p.now.Add(p.skew)) {
		return fmt.Errorf("%w: %s issued at %s, in the future (now %s)", ErrNotYetValid, what, stamp(issued), stamp(p.now))
	}
	if expires.Before(issued) {
		return fmt.Errorf("%w: %s expires at %s, before it was issued at %s", ErrLifetime, what, stamp(expires), stamp(issued))
	}
	if expires.Sub(issued) > p.maxLifetime {
		return fmt.Errorf("%w: %s lives from %s to %s, longer than %s", ErrLifetime, what, stamp(issued), stamp(expires), p.maxLifetime)
	}
	if p.now.After(expires.Add(p.skew)) {
		return fmt.Errorf("%w: %s expired at %s (now %s)", ErrExpired, what, stamp(expires), stamp(p.now))
	}
	if !notBefore.IsZero() && p.now.Add(p.skew).Before(notBefore) {
		return fmt.Errorf("%w: %s not valid before %s (now %s)", ErrNotYetValid, what, stamp(notBefore), stamp(p.now))
	}
	return nil
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// verifyWalletMessage checks an AuthSig made by an Ethereum account over
// the SIWE message m (its SignedMessage, parsed): EIP-191 for an EOA, EIP-1271
// for a contract wallet, the addresses, and the times. It returns the account.
func verifyWalletMessage(ctx context.Context, a *AuthSig, m *Message, p timePolicy, contracts ContractVerifier) (common.Address, error) {
	addr, err := parseAddress(a.Address)
	if err != nil {
		return common.Address{}, err
	}
	if addr != m.Address {
		return common.Address{}, fmt.Errorf("%w: AuthSig address %s, SIWE message address %s", ErrAddressMismatch, addr.Hex(), m.Address.Hex())
	}
	if m.ExpirationTime.IsZero() {
		return common.Address{}, malformed("SIWE message has no Expiration Time")
	}
	if err := p.check("SIWE message", m.IssuedAt, m.ExpirationTime, m.NotBefore); err != nil {
		return common.Address{}, err
	}
	sig, err := decodeHex(a.Sig)
	if err != nil {
		return common.Address{}, malformed("AuthSig sig is not hex")
	}
	switch a.DerivedVia {
	case DerivedViaWallet:
		signer, err := recoverPersonal([]byte(a.SignedMessage), sig)
		if err != nil {
			return common.Address{}, err
		}
		if signer != addr {
			return common.Address{}, fmt.Errorf("%w: signed by %s, not by %s", ErrBadSignature, signer.Hex(), addr.Hex())
		}
	case DerivedViaContract, DerivedViaContractSHA:
		if contracts == nil {
			return common.Address{}, fmt.Errorf("%w: EIP-1271 contract signatures are not enabled on this node", ErrUnsupported)
		}
		hash := personalHash([]byte(a.SignedMessage))
		if a.DerivedVia == DerivedViaContractSHA {
			hash = sha256.Sum256([]byte(a.SignedMessage))
		}
		ok, err := contracts.IsValidSignature(ctx, m.ChainID, addr, hash, sig)
		if errors.Is(err, ErrUnsupported) { // e.g. a chain the node does not serve: final, not a retry
			return common.Address{}, fmt.Errorf("EIP-1271 signature of %s: %w", addr.Hex(), err)
		}
		if err != nil {
			return common.Address{}, fmt.Errorf("%w: EIP-1271 call to %s on chain %d: %w", ErrUnavailable, addr.Hex(), m.ChainID, err)
		}
		if !ok {
			return common.Address{}, fmt.Errorf("%w: contract %s on chain %d rejects the signature (EIP-1271)", ErrBadSignature, addr.Hex(), m.ChainID)
		}
	default:
		return common.Address{}, fmt.Errorf("%w: derivedVia %q", ErrUnsupported, clip(a.DerivedVia))
	}
	return addr, nil
}

// personalHash is EIP-191's hash for personal_sign:
// keccak256("\x19Ethereum Signed Message:\n" ‖ len(msg) ‖ msg).
func personalHash(msg []byte) [32]byte {
	var h [32]byte
	copy(h[:], crypto.Keccak256([]byte("\x19Ethereum Signed Message:\n"+strconv.Itoa(len(msg))), msg))
	return h
}

// secp256k1HalfN is n/2 for the curve order n: larger s values are the
// malleated twin of a valid signature.
var secp256k1HalfN = new(big.Int).Rsh(crypto.S256().Params().N, 1)

// recoverPersonal returns the address that made sig (r ‖ s ‖ v, v in
// {27, 28} or {0, 1}) over msg with personal_sign. High-s signatures are
// refused so that every node, whichever secp256k1 backend it was built with,
// gives the same answer.
func recoverPersonal(msg, sig []byte) (common.Address, error) {
	if len(sig) != 65 {
		return common.Address{}, malformed("signature is %d bytes, want 65", len(sig))
	}
	rsv := make([]byte, 65)
	copy(rsv, sig)
	switch rsv[64] {
	case 27, 28:
		rsv[64] -= 27
	case 0, 1:
	default:
		return common.Address{}, fmt.Errorf("%w: recovery id v = %d", ErrBadSignature, sig[64])
	}
	r, s := new(big.Int).SetBytes(rsv[:32]), new(big.Int).SetBytes(rsv[32:64])
	if !crypto.ValidateSignatureValues(rsv[64], r, s, false) || s.Cmp(secp256k1HalfN) > 0 {
		return common.Address{}, fmt.Errorf("%w: r or s out of range", ErrBadSignature)
	}
	h := personalHash(msg)
	pub, err := crypto.SigToPub(h[:], rsv)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: no public key recovers from the signature", ErrBadSignature)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

// decodeHex accepts hex with or without a 0x prefix.
func decodeHex(s string) ([]byte, error) {
	s = strings.TrimPrefix(strings.TrimPrefix(s, "0x"), "0X")
	return hex.DecodeString(s)
}
