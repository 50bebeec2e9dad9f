package chain

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"

	"github.com/flint-network/flint/chain/bindings"
)

// Grant is an auth method to permit, with its scopes, when minting through the PKPHelper.
type Grant struct {
	AuthMethod
	Scopes []Scope
}

// MintOptions are what the PKPHelper does with a new PKP besides the grants (Lit's two flags).
type MintOptions struct {
	// AddPkpEthAddress permits the PKP's own address (no scopes).
	AddPkpEthAddress bool
	// SendToItself hands the NFT to the PKP's own address instead of the sender: then only the grants
	// can use the PKP, and nobody can change them.
	SendToItself bool
}

// maxGrants bounds the auth methods of one helper mint (each costs a permission write).
const maxGrants = 32

func (c *Client) grantLists(op string, grants []Grant) (types []*big.Int, ids, keys [][]byte, scopes [][]*big.Int, err error) {
	if c.helper == nil {
		return nil, nil, nil, nil, fmt.Errorf("chain: %s: %w: the network has no PKPHelper", op, ErrNoContract)
	}
	if len(grants) > maxGrants {
		return nil, nil, nil, nil, fmt.Errorf("chain: %s: %w: %d auth methods, at most %d", op, ErrInvalidConfig, len(grants), maxGrants)
	}
	for _, g := range grants {
		types = append(types, new(big.Int).SetUint64(g.Type))
		ids = append(ids, g.ID)
		k := g.UserPubkey
		if k == nil {
			k = []byte{}
		}
		keys = append(keys, k)
		scopes = append(scopes, scopeInts(g.Scopes))
	}
	return types, ids, keys, scopes, nil
}

// MintWithAuthMethods mints the next pooled key through the PKPHelper (Lit's mintNextAndAddAuthMethods,
// the call of the SDK's mintWithAuth), permitting grants, and hands the NFT to auth.From or to the PKP.
func (c *Client) MintWithAuthMethods(ctx context.Context, auth *bind.TransactOpts, grants []Grant, opt MintOptions) (*Minted, error) {
	const op = "mintNextAndAddAuthMethods"
	types, ids, keys, scopes, err := c.grantLists(op, grants)
	if err != nil {
		return nil, err
	}
	cost, err := c.MintCost(ctx)
	if err != nil {
		return nil, err
	}
	data, err := c.helperABI.TryPackMintNextAndAddAuthMethods(big.NewInt(KeyTypeECDSA), types, ids, keys, scopes, opt.AddPkpEthAddress, opt.SendToItself)
	r, err := c.transact(ctx, auth, c.helper, op, data, err, cost)
	if err != nil {
		return nil, err
	}
	return c.minted(op, r)
}

// ClaimAndMintWithAuthMethods mints a key the nodes attested for auth.From through the PKPHelper (Lit's
// claimAndMintNextAndAddAuthMethods), permitting grants. As with ClaimAndMint, only the attestation's
// recipient can send it.
func (c *Client) ClaimAndMintWithAuthMethods(ctx context.Context, auth *bind.TransactOpts, key AttestedKey, grants []Grant, opt MintOptions) (*Minted, error) {
	const op = "claimAndMintNextAndAddAuthMethods"
	types, ids, keys, scopes, err := c.grantLists(op, grants)
	if err != nil {
		return nil, err
	}
	k, err := key.binding()
	if err != nil {
		return nil, fmt.Errorf("chain: %s: %w", op, err)
	}
	cost, err := c.MintCost(ctx)
	if err != nil {
		return nil, err
	}
	keyType := big.NewInt(KeyTypeECDSA)
	data, err := c.helperABI.TryPackClaimAndMintNextAndAddAuthMethods(
		bindings.PKPHelperClaimMaterial{KeyType: keyType, DerivedKeyId: k.KeyId, Pubkey: k.Pubkey, Signatures: k.Signatures},
		bindings.PKPHelperAuthMethodData{
			KeyType:                            keyType,
			PermittedIpfsCIDs:                  [][]byte{},
			PermittedIpfsCIDScopes:             [][]*big.Int{},
			PermittedAddresses:                 nil,
			PermittedAddressScopes:             [][]*big.Int{},
			PermittedAuthMethodTypes:           types,
			PermittedAuthMethodIds:             ids,
			PermittedAuthMethodPubkeys:         keys,
			PermittedAuthMethodScopes:          scopes,
			AddPkpEthAddressAsPermittedAddress: opt.AddPkpEthAddress,
			SendPkpToItself:                    opt.SendToItself,
		})
	r, err := c.transact(ctx, auth, c.helper, op, data, err, cost)
	if err != nil {
		return nil, err
	}
	return c.minted(op, r)
}

// UserPubkeyForAuthMethod is the user public key first registered with an auth method on any PKP (Lit's
// global record). Anyone can register any id on a PKP of their own: to check a login for a PKP, use that
// PKP's own record (PermittedAuthMethods).
func (c *Client) UserPubkeyForAuthMethod(ctx context.Context, typ uint64, id []byte) ([]byte, error) {
	data, err := c.permsABI.TryPackGetUserPubkeyForAuthMethod(new(big.Int).SetUint64(typ), id)
	return call(ctx, c.perms, "getUserPubkeyForAuthMethod", nil, data, err, c.permsABI.UnpackGetUserPubkeyForAuthMethod)
}
