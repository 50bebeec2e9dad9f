package auth

import (
	"encoding/hex"
	"strings"
)

// Resource prefixes of Lit resources ("<prefix>://<id>").
const (
	PrefixPKP       = "lit-pkp"                    // id: PKP token id, 64 hex digits
	PrefixAction    = "lit-litaction"              // id: the Action's IPFS CID
	PrefixACC       = "lit-accesscontrolcondition" // id: "<hash of conditions>/<hash of data>"
	PrefixRateLimit = "lit-ratelimitincrease"      // id: capacity-credit token id
)

// Ability is what a request does with a resource, in Lit's names.
type Ability string

// The abilities of Lit's resources.
const (
	AbilityPKPSigning        Ability = "pkp-signing"
	AbilityActionExecution   Ability = "lit-action-execution"
	AbilityACCDecryption     Ability = "access-control-condition-decryption"
	AbilityACCSigning        Ability = "access-control-condition-signing"
	AbilityRateLimitIncrease Ability = "rate-limit-increase-auth"
)

// recap returns the ReCap ability string that grants a (as the Lit SDK maps
// them: the namespace "Threshold" for the network's threshold operations).
func (a Ability) recap() (string, bool) {
	switch a {
	case AbilityPKPSigning, AbilityACCSigning:
		return "Threshold/Signing", true
	case AbilityActionExecution:
		return "Threshold/Execution", true
	case AbilityACCDecryption:
		return "Threshold/Decryption", true
	case AbilityRateLimitIncrease:
		return "Auth/Auth", true
	}
	return "", false
}

// appliesTo reports whether a is an ability of resources with prefix.
func (a Ability) appliesTo(prefix string) bool {
	switch a {
	case AbilityPKPSigning:
		return prefix == PrefixPKP
	case AbilityActionExecution:
		return prefix == PrefixAction
	case AbilityACCDecryption, AbilityACCSigning:
		return prefix == PrefixACC
	case AbilityRateLimitIncrease:
		return prefix == PrefixRateLimit
	}
	return false
}

// Resource names a Lit resource: Prefix "://" ID, where ID "*" means every
// resource with that prefix.
type Resource struct {
	Prefix string
	ID     string
}

// Key returns the resource's URI form, e.g. "lit-pkp://*".
func (r Resource) Key() string { return r.Prefix + "://" + r.ID }

// PKPResource is the resource of the PKP with the given token id (the
// keccak256 of its public key), in the form the Lit SDK writes it.
func PKPResource(tokenID [32]byte) Resource {
	return Resource{Prefix: PrefixPKP, ID: hex.EncodeToString(tokenID[:])}
}

// ActionResource is the resource of the Action with the given IPFS CID.
func ActionResource(cid string) Resource { return Resource{Prefix: PrefixAction, ID: cid} }

// ResourceAbility is one thing a request does: an ability on a resource.
type ResourceAbility struct {
	Resource Resource
	Ability  Ability
}

// covers reports whether a granted resource (possibly a wildcard) covers the
// requested one. PKP ids are compared as numbers in hex (the SDK strips "0x"
// and left-pads them to 64 digits; case does not matter).
func (granted Resource) covers(want Resource) bool {
	if granted.Prefix != want.Prefix {
		return false
	}
	if granted.ID == "*" || granted.ID == want.ID {
		return true
	}
	if want.Prefix == PrefixPKP {
		g, w := normalizePKPID(granted.ID), normalizePKPID(want.ID)
		return g != "" && g == w
	}
	return false
}

// normalizePKPID returns the 64-digit lower-case hex form of a PKP token id,
// or "" if id is not hex of at most 64 digits.
func normalizePKPID(id string) string {
	id = strings.TrimPrefix(strings.TrimPrefix(id, "0x"), "0X")
	if id == "" || len(id) > 64 || !validChars(id, false, isHex) {
		return ""
	}
	return strings.Repeat("0", 64-len(id)) + strings.ToLower(id)
}
