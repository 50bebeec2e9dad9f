package chain

import (
	"context"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain/bindings"
)

// PKP is what the chain knows about one PKP.
type PKP struct {
	TokenID    *big.Int
	Pubkey     []byte   // 65-byte uncompressed secp256k1 key
	KeyID      [32]byte // the key id the nodes derive the key from
	KeyType    uint64
	EthAddress common.Address
	Owner      common.Address // zero once burned
	Burned     bool
	// OwnerGeneration counts the transfers that started an empty permission set (see PKPNFT.sol); only
	// the current generation's permissions count.
	OwnerGeneration uint64
}

// PKP looks a token up; ErrUnknownToken if it was never minted. All fields come from one block.
func (c *Client) PKP(ctx context.Context, tokenID *big.Int) (*PKP, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: PKP: %w", err)
	}
	head, err := c.eth.BlockNumber(ctx)
	if err != nil {
		return nil, fmt.Errorf("chain: PKP: block number: %w", err)
	}
	block := new(big.Int).SetUint64(head)
	data, err := c.routerABI.TryPackGetRoutingData(tokenID)
	rd, err := call(ctx, c.router, "getRoutingData", block, data, err, c.routerABI.UnpackGetRoutingData)
	if err != nil {
		return nil, err
	}
	if rd.KeyType == nil || rd.KeyType.Sign() == 0 {
		return nil, fmt.Errorf("%w: %s", ErrUnknownToken, tokenID)
	}
	if len(rd.Pubkey) != pubkeyLen || TokenID(rd.Pubkey).Cmp(tokenID) != 0 || !rd.KeyType.IsUint64() {
		return nil, fmt.Errorf("chain: PKP %s: router returned inconsistent routing data", tokenID)
	}
	p := &PKP{
		TokenID:    new(big.Int).Set(tokenID),
		Pubkey:     rd.Pubkey,
		KeyID:      rd.DerivedKeyId,
		KeyType:    rd.KeyType.Uint64(),
		EthAddress: EthAddress(rd.Pubkey),
	}
	data, err = c.nftABI.TryPackOwnerGeneration(tokenID)
	gen, err := call(ctx, c.nft, "ownerGeneration", block, data, err, c.nftABI.UnpackOwnerGeneration)
	if err != nil {
		return nil, err
	}
	if !gen.IsUint64() {
		return nil, fmt.Errorf("chain: PKP %s: owner generation %s out of range", tokenID, gen)
	}
	p.OwnerGeneration = gen.Uint64()
	data, err = c.nftABI.TryPackExists(tokenID)
	exists, err := call(ctx, c.nft, "exists", block, data, err, c.nftABI.UnpackExists)
	if err != nil {
		return nil, err
	}
	if !exists {
		p.Burned = true
		return p, nil
	}
	data, err = c.nftABI.TryPackOwnerOf(tokenID)
	if p.Owner, err = call(ctx, c.nft, "ownerOf", block, data, err, c.nftABI.UnpackOwnerOf); err != nil {
		return nil, err
	}
	return p, nil
}

// TokenIDByEthAddress finds the PKP with the given Ethereum address; ErrUnknownToken if none.
func (c *Client) TokenIDByEthAddress(ctx context.Context, addr common.Address) (*big.Int, error) {
	data, err := c.routerABI.TryPackEthAddressToPkpId(addr)
	id, err := call(ctx, c.router, "ethAddressToPkpId", nil, data, err, c.routerABI.UnpackEthAddressToPkpId)
	if err != nil {
		return nil, err
	}
	if id.Sign() == 0 {
		return nil, fmt.Errorf("%w: no PKP has address %s", ErrUnknownToken, addr)
	}
	return id, nil
}

// Minted is the result of a mint.
type Minted struct {
	TokenID *big.Int
	Pubkey  []byte
	Receipt *types.Receipt
}

// MintCost is the value a mint must carry.
func (c *Client) MintCost(ctx context.Context) (*big.Int, error) {
	data, err := c.nftABI.TryPackMintCost()
	return call(ctx, c.nft, "mintCost", nil, data, err, c.nftABI.UnpackMintCost)
}

// MintNext mints the next key of the nodes' pool to auth.From, paying the mint cost (Lit's mintNext(2)).
func (c *Client) MintNext(ctx context.Context, auth *bind.TransactOpts) (*Minted, error) {
	cost, err := c.MintCost(ctx)
	if err != nil {
		return nil, err
	}
	data, err := c.nftABI.TryPackMintNext(big.NewInt(KeyTypeECDSA))
	r, err := c.transact(ctx, auth, c.nft, "mintNext", data, err, cost)
	if err != nil {
		return nil, err
	}
	return c.minted("mintNext", r)
}

// MintGrantAndBurnNext mints the next pooled key, permits the Action cid (scope 1) and burns the NFT in
// one transaction: a PKP that only that Action can use, ever.
func (c *Client) MintGrantAndBurnNext(ctx context.Context, auth *bind.TransactOpts, cid []byte) (*Minted, error) {
	cost, err := c.MintCost(ctx)
	if err != nil {
		return nil, err
	}
	data, err := c.nftABI.TryPackMintGrantAndBurnNext(big.NewInt(KeyTypeECDSA), cid)
	r, err := c.transact(ctx, auth, c.nft, "mintGrantAndBurnNext", data, err, cost)
	if err != nil {
		return nil, err
	}
	return c.minted("mintGrantAndBurnNext", r)
}

// ClaimAndMint mints a claimed key id whose derived key the nodes attested for auth.From, the recipient
// their signatures name (Lit's claimAndMint); for any other sender the contract refuses them.
func (c *Client) ClaimAndMint(ctx context.Context, auth *bind.TransactOpts, key AttestedKey) (*Minted, error) {
	k, err := key.binding()
	if err != nil {
		return nil, fmt.Errorf("chain: claimAndMint: %w", err)
	}
	cost, err := c.MintCost(ctx)
	if err != nil {
		return nil, err
	}
	data, err := c.nftABI.TryPackClaimAndMint(big.NewInt(KeyTypeECDSA), k.KeyId, k.Pubkey, k.Signatures)
	r, err := c.transact(ctx, auth, c.nft, "claimAndMint", data, err, cost)
	if err != nil {
		return nil, err
	}
	return c.minted("claimAndMint", r)
}

// minted reads the token id and key from the receipt's first log, which must be PKPMinted: the same place
// the Lit SDK reads it from.
func (c *Client) minted(op string, r *types.Receipt) (*Minted, error) {
	if len(r.Logs) == 0 || r.Logs[0].Address != c.addrs.PKPNFT {
		return nil, fmt.Errorf("chain: %s: receipt %s has no PKPMinted first log", op, r.TxHash)
	}
	ev, err := c.nftABI.UnpackPKPMintedEvent(r.Logs[0])
	if err != nil {
		return nil, fmt.Errorf("chain: %s: first log is not PKPMinted: %w", op, err)
	}
	return &Minted{TokenID: ev.TokenId, Pubkey: ev.Pubkey, Receipt: r}, nil
}

// KeyPoolSize is the number of attested keys waiting for mintNext; nodes top the pool up when it runs low.
func (c *Client) KeyPoolSize(ctx context.Context) (uint64, error) {
	data, err := c.nftABI.TryPackKeyPoolSize()
	n, err := call(ctx, c.nft, "keyPoolSize", nil, data, err, c.nftABI.UnpackKeyPoolSize)
	if err != nil {
		return 0, err
	}
	if !n.IsUint64() {
		return 0, fmt.Errorf("chain: keyPoolSize: %s out of range", n)
	}
	return n.Uint64(), nil
}

// AddAttestedKeys adds attested keys to the pool. Any account may submit them.
func (c *Client) AddAttestedKeys(ctx context.Context, auth *bind.TransactOpts, keys []AttestedKey) (*types.Receipt, error) {
	ks := make([]bindings.AttestedKey, len(keys))
	for i, k := range keys {
		b, err := k.binding()
		if err != nil {
			return nil, fmt.Errorf("chain: addAttestedKeys: key %d: %w", i, err)
		}
		ks[i] = b
	}
	data, err := c.nftABI.TryPackAddAttestedKeys(ks)
	return c.transact(ctx, auth, c.nft, "addAttestedKeys", data, err, nil)
}

// IsKeyIDUsed reports whether a key id was already pooled or minted (each can be used once).
func (c *Client) IsKeyIDUsed(ctx context.Context, keyID [32]byte) (bool, error) {
	data, err := c.nftABI.TryPackIsKeyIdUsed(keyID)
	return call(ctx, c.nft, "isKeyIdUsed", nil, data, err, c.nftABI.UnpackIsKeyIdUsed)
}

// PoolKeyDigest is the digest nodes sign for a pooled key on this client's network (see the package
// function of the same name).
func (c *Client) PoolKeyDigest(keyID [32]byte, pubkey []byte) [32]byte {
	return PoolKeyDigest(c.chainID, c.addrs.PKPNFT, keyID, pubkey)
}

// ClaimKeyDigest is the digest nodes sign for a key claimed for recipient on this client's network.
func (c *Client) ClaimKeyDigest(keyID [32]byte, pubkey []byte, recipient common.Address) [32]byte {
	return ClaimKeyDigest(c.chainID, c.addrs.PKPNFT, keyID, pubkey, recipient)
}

// RootKeysDigest is the digest nodes sign to register root keys for an epoch on this client's network.
func (c *Client) RootKeysDigest(epoch uint64, keys RootKeys) [32]byte {
	return RootKeysDigest(c.chainID, c.addrs.PubkeyRouter, epoch, keys)
}

// SetRootKeys registers the network's root keys for the current epoch, with a quorum of node signatures
// over RootKeysDigest. Any account may submit them.
func (c *Client) SetRootKeys(ctx context.Context, auth *bind.TransactOpts, epoch uint64, keys RootKeys, sigs [][]byte) (*types.Receipt, error) {
	ss, err := toSignatures(sigs)
	if err != nil {
		return nil, fmt.Errorf("chain: setRootKeys: %w", err)
	}
	data, err := c.routerABI.TryPackSetRootKeys(new(big.Int).SetUint64(epoch), keys.list(), ss)
	return c.transact(ctx, auth, c.router, "setRootKeys", data, err, nil)
}

// RegisteredRootKeys are root keys with the epoch that registered them.
type RegisteredRootKeys struct {
	RootKeys
	Epoch uint64
}

// RootKeys reads the network's root keys; ErrNoRootKeys before the nodes registered them.
func (c *Client) RootKeys(ctx context.Context) (*RegisteredRootKeys, error) {
	head, err := c.eth.BlockNumber(ctx)
	if err != nil {
		return nil, fmt.Errorf("chain: root keys: block number: %w", err)
	}
	block := new(big.Int).SetUint64(head)
	data, err := c.routerABI.TryPackRootKeysEpoch()
	ep, err := call(ctx, c.router, "rootKeysEpoch", block, data, err, c.routerABI.UnpackRootKeysEpoch)
	if err != nil {
		return nil, err
	}
	if ep.Sign() == 0 {
		return nil, ErrNoRootKeys
	}
	if !ep.IsUint64() {
		return nil, fmt.Errorf("chain: rootKeysEpoch %s out of range", ep)
	}
	data, err = c.routerABI.TryPackGetRootKeys(c.addrs.Staking)
	keys, err := call(ctx, c.router, "getRootKeys", block, data, err, c.routerABI.UnpackGetRootKeys)
	if err != nil {
		return nil, err
	}
	out := &RegisteredRootKeys{Epoch: ep.Uint64()}
	for _, k := range keys {
		switch {
		case k.KeyType.Cmp(big.NewInt(KeyTypeECDSA)) == 0 && len(k.Pubkey) == pubkeyLen:
			out.ECDSA = append(out.ECDSA, k.Pubkey)
		case k.KeyType.Cmp(big.NewInt(KeyTypeBLS)) == 0 && len(k.Pubkey) == blsPubkeyLen && out.BLS == nil:
			out.BLS = k.Pubkey
		default:
			return nil, fmt.Errorf("chain: getRootKeys: unexpected key of type %s and %d bytes", k.KeyType, len(k.Pubkey))
		}
	}
	if len(out.ECDSA) != RootKeyCountECDSA || out.BLS == nil {
		return nil, fmt.Errorf("chain: getRootKeys: %d ECDSA keys and %d BLS", len(out.ECDSA), len(keys)-len(out.ECDSA))
	}
	return out, nil
}

// Transfer moves a PKP NFT from auth.From to another account (safeTransferFrom). A transfer to a new owner
// starts an empty permission set (the owner generation goes up): nothing the earlier owners granted counts
// any more. A transfer to the PKP's own address (the "send the PKP to itself" lock) keeps the permissions.
func (c *Client) Transfer(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int, to common.Address) (*types.Receipt, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: transfer: %w", err)
	}
	if auth == nil {
		return nil, fmt.Errorf("chain: transfer: %w: no transactor", ErrInvalidConfig)
	}
	data, err := c.nftABI.TryPackSafeTransferFrom(auth.From, to, tokenID)
	return c.transact(ctx, auth, c.nft, "safeTransferFrom", data, err, nil)
}

// Burn destroys a PKP NFT (owner or approved only). Its key and permissions stay on chain; nobody can change
// the permissions again.
func (c *Client) Burn(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int) (*types.Receipt, error) {
	if err := checkTokenID(tokenID); err != nil {
		return nil, fmt.Errorf("chain: burn: %w", err)
	}
	data, err := c.nftABI.TryPackBurn(tokenID)
	return c.transact(ctx, auth, c.nft, "burn", data, err, nil)
}

// SetMintCost sets the mint price in wei (owner only).
func (c *Client) SetMintCost(ctx context.Context, auth *bind.TransactOpts, cost *big.Int) (*types.Receipt, error) {
	if cost == nil || cost.Sign() < 0 || cost.Cmp(maxUint256) > 0 {
		return nil, fmt.Errorf("chain: setMintCost: %w: cost %v", ErrInvalidConfig, cost)
	}
	data, err := c.nftABI.TryPackSetMintCost(cost)
	return c.transact(ctx, auth, c.nft, "setMintCost", data, err, nil)
}

// EthAddress is a public key's Ethereum address: the last 20 bytes of keccak256(X ‖ Y). It returns the zero
// address for anything but a 65-byte key starting with 0x04.
func EthAddress(pubkey []byte) common.Address {
	if len(pubkey) != pubkeyLen || pubkey[0] != 4 {
		return common.Address{}
	}
	return common.BytesToAddress(crypto.Keccak256(pubkey[1:])[12:])
}

// TokensOfOwner lists the PKP NFTs owner holds, at most max of them (in the contract's enumeration
// order), and how many it holds in all: an account may hold more than a caller wants to read.
func (c *Client) TokensOfOwner(ctx context.Context, owner common.Address, max int) (ids []*big.Int, total uint64, err error) {
	if max < 0 {
		return nil, 0, fmt.Errorf("chain: tokensOfOwner: %w: max %d", ErrInvalidConfig, max)
	}
	head, err := c.eth.BlockNumber(ctx)
	if err != nil {
		return nil, 0, fmt.Errorf("chain: tokensOfOwner: block number: %w", err)
	}
	block := new(big.Int).SetUint64(head) // one block: a transfer between the calls cannot skip or repeat a token
	data, err := c.nftABI.TryPackBalanceOf(owner)
	n, err := call(ctx, c.nft, "balanceOf", block, data, err, c.nftABI.UnpackBalanceOf)
	if err != nil {
		return nil, 0, err
	}
	if !n.IsUint64() {
		return nil, 0, fmt.Errorf("chain: balanceOf %s: %s out of range", owner, n)
	}
	total = n.Uint64()
	for i := uint64(0); i < total && len(ids) < max; i++ {
		data, err := c.nftABI.TryPackTokenOfOwnerByIndex(owner, new(big.Int).SetUint64(i))
		id, err := call(ctx, c.nft, "tokenOfOwnerByIndex", block, data, err, c.nftABI.UnpackTokenOfOwnerByIndex)
		if err != nil {
			return nil, 0, err
		}
		ids = append(ids, id)
	}
	return ids, total, nil
}
