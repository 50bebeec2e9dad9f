package chain

import (
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/flint-network/flint/chain/bindings"
)

// Sentinel errors. A contract revert comes back as a *RevertError that matches (errors.Is) ErrReverted and,
// when the contract's error has a stable meaning, one of the sentinels below.
var (
	ErrReverted = errors.New("chain: transaction or call reverted")

	// Who may do what.
	ErrNotOwner = errors.New("chain: caller does not own the PKP")
	ErrNotAdmin = errors.New("chain: caller is not the contract owner")
	// ErrNotHelper: a call only the PKPHelper contract may make, or a token sent to the helper that it did
	// not mint itself.
	ErrNotHelper = errors.New("chain: only the PKPHelper may do this")

	// Tokens and keys.
	ErrUnknownToken       = errors.New("chain: unknown PKP token")
	ErrInvalidTokenID     = errors.New("chain: token id is not a uint256")
	ErrInvalidPubkey      = errors.New("chain: public key is not a 65-byte uncompressed secp256k1 point")
	ErrInvalidKeyID       = errors.New("chain: key id is zero")
	ErrKeyIDUsed          = errors.New("chain: key id already used")
	ErrKeyRegistered      = errors.New("chain: public key already registered")
	ErrKeyPoolEmpty       = errors.New("chain: no attested keys in the pool")
	ErrWrongMintCost      = errors.New("chain: value sent is not the mint cost")
	ErrUnsupportedKeyType = errors.New("chain: unsupported key type")

	// Node attestations.
	ErrNotEnoughSignatures = errors.New("chain: fewer node signatures than the quorum")
	ErrInvalidSignature    = errors.New("chain: malformed node signature")
	ErrUnknownSigner       = errors.New("chain: signature is not from a registered node")
	ErrDuplicateSigner     = errors.New("chain: two signatures from the same node")

	// Permissions.
	ErrInvalidCID        = errors.New("chain: IPFS CID is not 34 bytes 0x1220‖sha256")
	ErrZeroAddress       = errors.New("chain: zero address")
	ErrInvalidScope      = errors.New("chain: scope out of range")
	ErrInvalidAuthMethod = errors.New("chain: malformed auth method")
	ErrLengthMismatch    = errors.New("chain: auth method lists of different lengths")
	ErrNotPermitted      = errors.New("chain: auth method is not permitted")

	// Root keys.
	ErrWrongEpoch      = errors.New("chain: not the current epoch")
	ErrRootKeysSet     = errors.New("chain: root keys already set for this epoch")
	ErrInvalidRootKeys = errors.New("chain: root keys are not 10 secp256k1 keys and 1 BLS key")
	ErrNoRootKeys      = errors.New("chain: no root keys registered")

	// Node registry.
	ErrNodeRegistered      = errors.New("chain: node already registered")
	ErrNodeNotRegistered   = errors.New("chain: node not registered")
	ErrInvalidEndpoint     = errors.New("chain: invalid or duplicate node ip:port")
	ErrInvalidTransportKey = errors.New("chain: invalid node transport key")
	ErrInvalidThreshold    = errors.New("chain: threshold does not satisfy n >= 3t+1")
	ErrTooManyNodes        = errors.New("chain: too many nodes")
	ErrInvalidDKGKey       = errors.New("chain: DKG key is not 48 bytes (a compressed BLS12-381 G1 point)")
	ErrDKGKeySet           = errors.New("chain: the node already published its DKG key")

	// Epoch changes.
	ErrWrongState          = errors.New("chain: not allowed in the registry's current epoch-change state")
	ErrIndicesExhausted    = errors.New("chain: no node index left (at most 255 over the network's lifetime)")
	ErrJoinRequested       = errors.New("chain: the node already asked to join")
	ErrNoJoinRequest       = errors.New("chain: no join request from this node")
	ErrTooManyPendingJoins = errors.New("chain: too many pending join requests")
	ErrLeaveRequested      = errors.New("chain: the node already leaves at the next epoch")
	ErrNoLeaveRequest      = errors.New("chain: the node does not leave at the next epoch")
	ErrNotInNextSet        = errors.New("chain: the node is not in the locked next set")
	ErrAlreadyReady        = errors.New("chain: the node already signalled ready")
	ErrWrongNextEpoch      = errors.New("chain: not the next epoch's number")
	ErrNotReady            = errors.New("chain: the next set is not ready (fewer than 3t'+1 nodes signalled)")
	ErrWrongLock           = errors.New("chain: the ready signal names another lock than the current one")
	ErrJoinChanged         = errors.New("chain: the join request is not the one approved (asked again with other values)")
	ErrTransportKeyInUse   = errors.New("chain: another member or approved joiner holds this transport key")
	ErrDKGKeyInUse         = errors.New("chain: another member or approved joiner holds this DKG key")
	ErrRefreshNotDue       = errors.New("chain: the epoch is not over yet, no refresh is due")
	ErrRefreshDisabled     = errors.New("chain: the periodic refresh is off (epoch length 0)")
	ErrNotARefresh         = errors.New("chain: not a refresh: pending changes to the set are the owner's to lock and advance")

	// Set-up.
	ErrNoContract    = errors.New("chain: no contract code at address")
	ErrNotDeployed   = errors.New("chain: contracts not wired (PKPNFT.setContracts not called)")
	ErrAlreadyWired  = errors.New("chain: contracts already wired")
	ErrInvalidConfig = errors.New("chain: invalid argument")
)

// revertSentinels gives the stable meaning of each custom error of the contracts (by name; a name has one
// meaning across the four contracts). Errors not listed match ErrReverted only.
var revertSentinels = map[string]error{
	"NotPKPOwner":                ErrNotOwner,
	"ERC721InsufficientApproval": ErrNotOwner,
	"ERC721IncorrectOwner":       ErrNotOwner,
	"OwnableUnauthorizedAccount": ErrNotAdmin,
	"NotHelper":                  ErrNotHelper,
	"UnexpectedToken":            ErrNotHelper,
	"LengthMismatch":             ErrLengthMismatch,
	"KeyTypeMismatch":            ErrUnsupportedKeyType,
	"UnknownToken":               ErrUnknownToken,
	"ERC721NonexistentToken":     ErrUnknownToken,
	"InvalidPubkey":              ErrInvalidPubkey,
	"TokenIdMismatch":            ErrInvalidPubkey,
	"InvalidKeyId":               ErrInvalidKeyID,
	"KeyIdUsed":                  ErrKeyIDUsed,
	"KeyAlreadyRegistered":       ErrKeyRegistered,
	"AlreadyRouted":              ErrKeyRegistered,
	"KeyPoolEmpty":               ErrKeyPoolEmpty,
	"WrongMintCost":              ErrWrongMintCost,
	"UnsupportedKeyType":         ErrUnsupportedKeyType,
	"NotEnoughSignatures":        ErrNotEnoughSignatures,
	"InvalidSignature":           ErrInvalidSignature,
	"UnknownSigner":              ErrUnknownSigner,
	"DuplicateSigner":            ErrDuplicateSigner,
	"InvalidCID":                 ErrInvalidCID,
	"ZeroAddress":                ErrZeroAddress,
	"ERC721InvalidReceiver":      ErrZeroAddress,
	"InvalidScope":               ErrInvalidScope,
	"InvalidAuthMethod":          ErrInvalidAuthMethod,
	"AuthMethodNotPermitted":     ErrNotPermitted,
	"WrongEpoch":                 ErrWrongEpoch,
	"RootKeysAlreadySet":         ErrRootKeysSet,
	"InvalidRootKeys":            ErrInvalidRootKeys,
	"NodeAlreadyRegistered":      ErrNodeRegistered,
	"NodeNotRegistered":          ErrNodeNotRegistered,
	"InvalidEndpoint":            ErrInvalidEndpoint,
	"EndpointInUse":              ErrInvalidEndpoint,
	"TransportKeyInUse":          ErrTransportKeyInUse,
	"DkgKeyInUse":                ErrDKGKeyInUse,
	"WrongLock":                  ErrWrongLock,
	"JoinRequestChanged":         ErrJoinChanged,
	"RefreshNotDue":              ErrRefreshNotDue,
	"RefreshDisabled":            ErrRefreshDisabled,
	"NotARefresh":                ErrNotARefresh,
	"InvalidTransportKey":        ErrInvalidTransportKey,
	"InvalidThreshold":           ErrInvalidThreshold,
	"TooManyNodes":               ErrTooManyNodes,
	"InvalidDkgKey":              ErrInvalidDKGKey,
	"DkgKeyAlreadySet":           ErrDKGKeySet,
	"WrongState":                 ErrWrongState,
	"IndicesExhausted":           ErrIndicesExhausted,
	"JoinAlreadyRequested":       ErrJoinRequested,
	"NoJoinRequest":              ErrNoJoinRequest,
	"TooManyPendingJoins":        ErrTooManyPendingJoins,
	"LeaveAlreadyRequested":      ErrLeaveRequested,
	"NoLeaveRequest":             ErrNoLeaveRequest,
	"NotInNextSet":               ErrNotInNextSet,
	"AlreadySignalledReady":      ErrAlreadyReady,
	"WrongNextEpoch":             ErrWrongNextEpoch,
	"NotReadyForNextEpoch":       ErrNotReady,
	"NotInitialized":             ErrNotDeployed,
	"AlreadyInitialized":         ErrAlreadyWired,
}

// RevertError is a decoded contract revert: a custom error with its arguments, a require message
// (Name "Error"), or a panic code (Name "Panic").
type RevertError struct {
	Op     string         // the client operation, e.g. "addPermittedAction"
	Name   string         // the Solidity error's name
	Args   map[string]any // its arguments by name (the raw data when it could not be decoded)
	Reason string         // the message of Error(string)
	kind   error
}

func (e *RevertError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "chain: %s reverted: %s", e.Op, e.Name)
	switch {
	case e.Reason != "":
		fmt.Fprintf(&b, "(%q)", e.Reason)
	case len(e.Args) > 0:
		b.WriteString("(")
		first := true
		for _, in := range revertArgOrder(e.Name) {
			v, ok := e.Args[in]
			if !ok {
				continue
			}
			if !first {
				b.WriteString(", ")
			}
			first = false
			fmt.Fprintf(&b, "%s=%v", in, formatArg(v))
		}
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap lets errors.Is match both ErrReverted and the error's meaning.
func (e *RevertError) Unwrap() []error {
	if e.kind != nil {
		return []error{e.kind, ErrReverted}
	}
	return []error{ErrReverted}
}

func formatArg(v any) any {
	switch x := v.(type) {
	case [32]byte:
		return "0x" + hex.EncodeToString(x[:])
	case []byte:
		return "0x" + hex.EncodeToString(x)
	case *big.Int:
		if x.BitLen() > 64 {
			return "0x" + x.Text(16)
		}
		return x.String()
	}
	return v
}

// contractErrors maps 4-byte selectors to the custom errors of all five contracts.
var contractErrors = func() map[[4]byte]abi.Error {
	out := make(map[[4]byte]abi.Error)
	for _, md := range []abi.ABI{
		bindings.NewStaking().GetABI(), bindings.NewPKPNFT().GetABI(),
		bindings.NewPKPPermissions().GetABI(), bindings.NewPubkeyRouter().GetABI(), bindings.NewPKPHelper().GetABI(),
	} {
		for _, e := range md.Errors {
			out[[4]byte(e.ID[:4])] = e
		}
	}
	return out
}()

// revertArgOrder lists an error's argument names in declaration order, then "data" (raw data kept when
// the arguments could not be decoded).
func revertArgOrder(name string) []string {
	var names []string
	for _, e := range contractErrors {
		if e.Name == name {
			for _, in := range e.Inputs {
				names = append(names, in.Name)
			}
			break
		}
	}
	return append(names, "data")
}

// decodeRevert turns revert data into a *RevertError. It never fails: data it cannot read is kept raw.
func decodeRevert(op string, data []byte) *RevertError {
	re := &RevertError{Op: op, Name: "unknown"}
	if len(data) < 4 {
		if len(data) == 0 {
			re.Name = "empty"
		} else {
			re.Args = map[string]any{"data": data}
		}
		return re
	}
	sel := [4]byte(data[:4])
	if e, ok := contractErrors[sel]; ok {
		re.Name = e.Name
		re.kind = revertSentinels[e.Name]
		vals, err := e.Inputs.Unpack(data[4:])
		if err == nil && len(vals) == len(e.Inputs) {
			re.Args = make(map[string]any, len(vals))
			for i, in := range e.Inputs {
				re.Args[in.Name] = vals[i]
			}
		} else {
			re.Args = map[string]any{"data": data}
		}
		return re
	}
	switch sel {
	case [4]byte{0x08, 0xc3, 0x79, 0xa0}: // Error(string), from require/revert with a message
		re.Name = "Error"
	case [4]byte{0x4e, 0x48, 0x7b, 0x71}: // Panic(uint256)
		re.Name = "Panic"
	}
	if reason, err := abi.UnpackRevert(data); err == nil {
		re.Reason = reason
		return re
	}
	re.Args = map[string]any{"data": data}
	return re
}

// wrapErr turns an RPC error carrying revert data into a *RevertError, and wraps any other error with the
// operation's name.
func wrapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	if data, ok := ethclient.RevertErrorData(err); ok {
		return decodeRevert(op, data)
	}
	return fmt.Errorf("chain: %s: %w", op, err)
}
