package chain

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/flint-network/flint/chain/bindings"
)

// Auth method types (Lit's numbering; others, such as 3 = WebAuthn or 6 = Google JWT, are opaque here).
const (
	AuthMethodAddress = 1 // id = the 20-byte address, or keccak256("<checksummed address>:lit") (the SDK's wallet login)
	AuthMethodAction  = 2 // id = the Action's CIDv0 bytes, 0x1220 ‖ sha256
)

// Scope is a right granted to an auth method.
type Scope uint8

const (
	ScopeNone         Scope = 0 // Lit's "no permissions"
	ScopeSignAnything Scope = 1
	ScopePersonalSign Scope = 2 // EIP-191 messages only
)

// maxScope is the largest scope the contract accepts.
const maxScope = ScopePersonalSign

// AuthMethod is one permitted way to use a PKP.
type AuthMethod struct {
	Type       uint64
	ID         []byte
	UserPubkey []byte // WebAuthn's key; empty otherwise
}

func scopeInts(scopes []Scope) []*big.Int {
	out := make([]*big.Int, len(scopes))
	for i, s := range scopes {
		out[i] = big.NewInt(int64(s))
	}
	return out
}

/* ========== writes (the PKP's owner only) ========== */

// AddPermittedAction lets the Action with IPFS CID cid (34 bytes, 0x1220 ‖ sha256) use the PKP.
func (c *Client) AddPermittedAction(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int, cid []byte, scopes ...Scope) (*types.Receipt, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: addPermittedAction: %w", err)
	}
	data, err := c.permsABI.TryPackAddPermittedAction(tokenID, cid, scopeInts(scopes))
	return c.transact(ctx, auth, c.perms, "addPermittedAction", data, err, nil)
}

// RemovePermittedAction withdraws an Action's permission.
func (c *Client) RemovePermittedAction(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int, cid []byte) (*types.Receipt, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: removePermittedAction: %w", err)
	}
	data, err := c.permsABI.TryPackRemovePermittedAction(tokenID, cid)
	return c.transact(ctx, auth, c.perms, "removePermittedAction", data, err, nil)
}

// AddPermittedAddress lets an account use the PKP.
func (c *Client) AddPermittedAddress(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int, user common.Address, scopes ...Scope) (*types.Receipt, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: addPermittedAddress: %w", err)
	}
	data, err := c.permsABI.TryPackAddPermittedAddress(tokenID, user, scopeInts(scopes))
	return c.transact(ctx, auth, c.perms, "addPermittedAddress", data, err, nil)
}

// RemovePermittedAddress withdraws an account's permission.
func (c *Client) RemovePermittedAddress(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int, user common.Address) (*types.Receipt, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: removePermittedAddress: %w", err)
	}
	data, err := c.permsABI.TryPackRemovePermittedAddress(tokenID, user)
	return c.transact(ctx, auth, c.perms, "removePermittedAddress", data, err, nil)
}

// AddPermittedAuthMethod permits any auth method (types 1 and 2 are checked like the calls above).
func (c *Client) AddPermittedAuthMethod(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int, am AuthMethod, scopes ...Scope) (*types.Receipt, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: addPermittedAuthMethod: %w", err)
	}
	m := bindings.PKPPermissionsAuthMethod{AuthMethodType: new(big.Int).SetUint64(am.Type), Id: am.ID, UserPubkey: am.UserPubkey}
	if m.UserPubkey == nil {
		m.UserPubkey = []byte{}
	}
	data, err := c.permsABI.TryPackAddPermittedAuthMethod(tokenID, m, scopeInts(scopes))
	return c.transact(ctx, auth, c.perms, "addPermittedAuthMethod", data, err, nil)
}

// RemovePermittedAuthMethod withdraws an auth method's permission, and its scopes.
func (c *Client) RemovePermittedAuthMethod(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int, typ uint64, id []byte) (*types.Receipt, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: removePermittedAuthMethod: %w", err)
	}
	data, err := c.permsABI.TryPackRemovePermittedAuthMethod(tokenID, new(big.Int).SetUint64(typ), id)
	return c.transact(ctx, auth, c.perms, "removePermittedAuthMethod", data, err, nil)
}

// AddPermittedAuthMethodScope grants one more scope to an already permitted auth method.
func (c *Client) AddPermittedAuthMethodScope(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int, typ uint64, id []byte, scope Scope) (*types.Receipt, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: addPermittedAuthMethodScope: %w", err)
	}
	data, err := c.permsABI.TryPackAddPermittedAuthMethodScope(tokenID, new(big.Int).SetUint64(typ), id, big.NewInt(int64(scope)))
	return c.transact(ctx, auth, c.perms, "addPermittedAuthMethodScope", data, err, nil)
}

// RemovePermittedAuthMethodScope withdraws one scope from a permitted auth method.
func (c *Client) RemovePermittedAuthMethodScope(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int, typ uint64, id []byte, scope Scope) (*types.Receipt, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: removePermittedAuthMethodScope: %w", err)
	}
	data, err := c.permsABI.TryPackRemovePermittedAuthMethodScope(tokenID, new(big.Int).SetUint64(typ), id, big.NewInt(int64(scope)))
	return c.transact(ctx, auth, c.perms, "removePermittedAuthMethodScope", data, err, nil)
}

/* ========== reads (anyone; unknown tokens have no permissions) ========== */

// IsPermittedAction reports whether the Action with IPFS CID bytes cid may use the PKP.
func (c *Client) IsPermittedAction(ctx context.Context, tokenID *big.Int, cid []byte) (bool, error) {
	if err := checkTokenID(tokenID); err != nil {
		return false, fmt.Errorf("chain: isPermittedAction: %w", err)
	}
	data, err := c.permsABI.TryPackIsPermittedAction(tokenID, cid)
	return call(ctx, c.perms, "isPermittedAction", nil, data, err, c.permsABI.UnpackIsPermittedAction)
}

// IsPermittedAddress reports whether user may use the PKP: a permitted address, or the NFT's owner.
func (c *Client) IsPermittedAddress(ctx context.Context, tokenID *big.Int, user common.Address) (bool, error) {
	if err := checkTokenID(tokenID); err != nil {
		return false, fmt.Errorf("chain: isPermittedAddress: %w", err)
	}
	data, err := c.permsABI.TryPackIsPermittedAddress(tokenID, user)
	return call(ctx, c.perms, "isPermittedAddress", nil, data, err, c.permsABI.UnpackIsPermittedAddress)
}

// IsPermittedAuthMethod reports whether an auth method is permitted.
func (c *Client) IsPermittedAuthMethod(ctx context.Context, tokenID *big.Int, typ uint64, id []byte) (bool, error) {
	if err := checkTokenID(tokenID); err != nil {
		return false, fmt.Errorf("chain: isPermittedAuthMethod: %w", err)
	}
	data, err := c.permsABI.TryPackIsPermittedAuthMethod(tokenID, new(big.Int).SetUint64(typ), id)
	return call(ctx, c.perms, "isPermittedAuthMethod", nil, data, err, c.permsABI.UnpackIsPermittedAuthMethod)
}

// PermittedActions lists the permitted Actions' CID bytes, in the order they were added.
func (c *Client) PermittedActions(ctx context.Context, tokenID *big.Int) ([][]byte, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: getPermittedActions: %w", err)
	}
	data, err := c.permsABI.TryPackGetPermittedActions(tokenID)
	return call(ctx, c.perms, "getPermittedActions", nil, data, err, c.permsABI.UnpackGetPermittedActions)
}

// PermittedAddresses lists the permitted addresses, the NFT's owner first while the token exists.
func (c *Client) PermittedAddresses(ctx context.Context, tokenID *big.Int) ([]common.Address, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: getPermittedAddresses: %w", err)
	}
	data, err := c.permsABI.TryPackGetPermittedAddresses(tokenID)
	return call(ctx, c.perms, "getPermittedAddresses", nil, data, err, c.permsABI.UnpackGetPermittedAddresses)
}

// PermittedAuthMethods lists every permitted auth method (addresses and Actions included).
func (c *Client) PermittedAuthMethods(ctx context.Context, tokenID *big.Int) ([]AuthMethod, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: getPermittedAuthMethods: %w", err)
	}
	data, err := c.permsABI.TryPackGetPermittedAuthMethods(tokenID)
	ams, err := call(ctx, c.perms, "getPermittedAuthMethods", nil, data, err, c.permsABI.UnpackGetPermittedAuthMethods)
	if err != nil {
		return nil, err
	}
	out := make([]AuthMethod, len(ams))
	for i, am := range ams {
		if !am.AuthMethodType.IsUint64() {
			return nil, fmt.Errorf("chain: getPermittedAuthMethods: type %s out of range", am.AuthMethodType)
		}
		out[i] = AuthMethod{Type: am.AuthMethodType.Uint64(), ID: am.Id, UserPubkey: am.UserPubkey}
	}
	return out, nil
}

// TokenIDsForAuthMethod lists the PKPs whose current owner generation permits the auth method.
func (c *Client) TokenIDsForAuthMethod(ctx context.Context, typ uint64, id []byte) ([]*big.Int, error) {
	data, err := c.permsABI.TryPackGetTokenIdsForAuthMethod(new(big.Int).SetUint64(typ), id)
	return call(ctx, c.perms, "getTokenIdsForAuthMethod", nil, data, err, c.permsABI.UnpackGetTokenIdsForAuthMethod)
}

// PermittedAuthMethodScopes lists the scopes granted to an auth method (empty if it is not permitted).
func (c *Client) PermittedAuthMethodScopes(ctx context.Context, tokenID *big.Int, typ uint64, id []byte) ([]Scope, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: getPermittedAuthMethodScopes: %w", err)
	}
	data, err := c.permsABI.TryPackGetPermittedAuthMethodScopes(tokenID, new(big.Int).SetUint64(typ), id, big.NewInt(int64(maxScope)+1))
	flags, err := call(ctx, c.perms, "getPermittedAuthMethodScopes", nil, data, err, c.permsABI.UnpackGetPermittedAuthMethodScopes)
	if err != nil {
		return nil, err
	}
	var out []Scope
	for i, set := range flags {
		if set {
			out = append(out, Scope(i))
		}
	}
	return out, nil
}
