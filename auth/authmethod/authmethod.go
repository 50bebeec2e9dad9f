package authmethod

import (
	"encoding/hex"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// Type is Lit's authMethodType.
type Type int

// The auth method types this package knows. Verifier handles the JWT types;
// Resolver handles all of them (see Resolver.Resolve).
const (
	EthWallet       Type = 1
	LitAction       Type = 2
	WebAuthn        Type = 3
	Discord         Type = 4
	GoogleOAuth     Type = 5
	GoogleJWT       Type = 6
	AppleJWT        Type = 8
	StytchOtp       Type = 9
	StytchEmailOtp  Type = 10
	StytchSmsOtp    Type = 11
	StytchWhatsApp  Type = 12
	StytchTotp      Type = 13
	stytchClaimName      = "https://stytch.com/session"
)

func (t Type) isJWT() bool {
	return t == GoogleJWT || t == AppleJWT || (t >= StytchOtp && t <= StytchTotp)
}

// AuthMethod is what a client sends: {authMethodType, accessToken}.
type AuthMethod struct {
	Type        Type   `json:"authMethodType"`
	AccessToken string `json:"accessToken"`
}

// Identity is a verified login.
type Identity struct {
	Type   Type
	UserID string
	AppID  string
	// ID is the on-chain auth method id, keccak256("<UserID>:<AppID>").
	ID [32]byte
	// Address is the wallet that signed in (EthWallet only; zero otherwise).
	Address common.Address
	// Nonce is the ID token's nonce claim (JWT types; "" when absent), which
	// an app may set to bind the login to one use, e.g. a claim's recipient.
	Nonce string
}

// IDHex is ID as 0x-prefixed hex, the form Lit's SDK prints.
func (i Identity) IDHex() string { return "0x" + hex.EncodeToString(i.ID[:]) }

// ID computes the auth method id keccak256("<userID>:<appID>") from the
// strings as given; callers apply any per-type normalisation first.
func ID(userID, appID string) [32]byte {
	var h [32]byte
	copy(h[:], crypto.Keccak256([]byte(userID+":"+appID)))
	return h
}
