package chain

import (
	"crypto/ecdsa"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain/bindings"
)

// Domain tags of the digests the nodes sign, identical to the contracts' POOL_KEY_TAG, CLAIM_KEY_TAG and
// ROOT_KEYS_TAG. A signature over one kind of digest can never pass as another.
const (
	poolKeyTag  = "flint/pool-key/v1"
	claimKeyTag = "flint/claim-key/v1"
	rootKeysTag = "flint/root-keys/v1"
)

// Domain tags of the key ids the nodes choose. Nodes attest only key ids they derive themselves, each kind
// from its own tag, so no request can make them attest a key id that belongs to someone else: an Action's
// claim (keccak256 of its CID, "_" and its keyId), whose preimage never starts with these tags.
const (
	poolKeyIDTag  = "flint/pool-key-id/v1"
	claimKeyIDTag = "flint/claim-key-id/v1"
	loginKeyIDTag = "flint/auth-method-key-id/v1"
)

// Key types, as Lit numbers them.
const (
	KeyTypeBLS   = 1
	KeyTypeECDSA = 2
)

// Root-key layout of a network: 10 secp256k1 keys for HD derivation and 1 BLS12-381 G1 key.
const (
	RootKeyCountECDSA = 10
	blsPubkeyLen      = 48
	pubkeyLen         = 65
)

// TokenID is a PKP's token id: uint256(keccak256(65-byte uncompressed public key)).
func TokenID(pubkey []byte) *big.Int {
	return new(big.Int).SetBytes(crypto.Keccak256(pubkey))
}

// PoolKeyID is the key id of a pooled key: keccak256("flint/pool-key-id/v1" ‖ nonce). The node that tops
// up the pool picks the nonce; the others derive the id from it.
func PoolKeyID(nonce [32]byte) [32]byte {
	return crypto.Keccak256Hash([]byte(poolKeyIDTag), nonce[:])
}

// ClaimKeyID is the key id of a key claimed through the nodes' claim endpoint:
// keccak256("flint/claim-key-id/v1" ‖ address recipient ‖ nonce). The recipient is in the id so nobody can
// use up the id another address would claim with the same nonce, and the same (recipient, nonce) gives the
// same key on any device.
func ClaimKeyID(recipient common.Address, nonce [32]byte) [32]byte {
	return crypto.Keccak256Hash([]byte(claimKeyIDTag), recipient.Bytes(), nonce[:])
}

// AuthMethodKeyID is the key id a login claims through /web/pkp/claim:
// keccak256("flint/auth-method-key-id/v1" ‖ uint256 authMethodType ‖ bytes32 authMethodID), where
// authMethodID is Lit's keccak256("<userId>:<appId>"). The same login gives the same key on any device.
// Lit used the auth method id itself; the tag and the type keep a login's key apart from an Action's
// (keccak256 of "<CID>_<keyId>", which an issuer's free-form subject could otherwise spell) and from the same
// user id under another auth method type.
func AuthMethodKeyID(authMethodType uint64, authMethodID [32]byte) [32]byte {
	return crypto.Keccak256Hash([]byte(loginKeyIDTag), common.BigToHash(new(big.Int).SetUint64(authMethodType)).Bytes(), authMethodID[:])
}

// PoolKeyDigest is what each node signs, with its node key and crypto.Sign (no EIP-191 prefix), to attest
// that pubkey is the PKP key derived from keyID, for the key pool of the PKPNFT contract pkpNFT on chain
// chainID:
//
//	keccak256("flint/pool-key/v1" ‖ uint256 chainID ‖ address pkpNFT ‖ bytes32 keyID ‖ pubkey)
//
// The chain id and contract make a signature useless on any other deployment.
func PoolKeyDigest(chainID *big.Int, pkpNFT common.Address, keyID [32]byte, pubkey []byte) [32]byte {
	return crypto.Keccak256Hash([]byte(poolKeyTag), common.BigToHash(chainID).Bytes(), pkpNFT.Bytes(), keyID[:], pubkey)
}

// ClaimKeyDigest is what each node signs to attest a claimed key for recipient, the only address whose
// claimAndMint it lets through:
//
//	keccak256("flint/claim-key/v1" ‖ uint256 chainID ‖ address pkpNFT ‖ bytes32 keyID ‖ pubkey ‖ address recipient)
func ClaimKeyDigest(chainID *big.Int, pkpNFT common.Address, keyID [32]byte, pubkey []byte, recipient common.Address) [32]byte {
	return crypto.Keccak256Hash([]byte(claimKeyTag), common.BigToHash(chainID).Bytes(), pkpNFT.Bytes(), keyID[:], pubkey,
		recipient.Bytes())
}

// RootKeys are a network's root public keys: ECDSA[j] is the uncompressed secp256k1 key X_j of the HD
// derivation (j = 0..9), BLS the compressed 48-byte G1 key.
type RootKeys struct {
	ECDSA [][]byte
	BLS   []byte
}

// list is the on-chain order: the ECDSA keys in derivation order, then the BLS key.
func (k RootKeys) list() []bindings.RootKey {
	out := make([]bindings.RootKey, 0, len(k.ECDSA)+1)
	for _, pk := range k.ECDSA {
		out = append(out, bindings.RootKey{Pubkey: pk, KeyType: big.NewInt(KeyTypeECDSA)})
	}
	return append(out, bindings.RootKey{Pubkey: k.BLS, KeyType: big.NewInt(KeyTypeBLS)})
}

// RootKeysDigest is what each node signs to register the root keys for an epoch on the PubkeyRouter at
// router on chain chainID:
//
//	keccak256("flint/root-keys/v1" ‖ uint256 chainID ‖ address router ‖ uint256 epoch ‖ h_1 ‖ … ‖ h_11)
//	h_i = keccak256(uint256 keyType_i ‖ pubkey_i), keys in the order ECDSA[0..9], BLS
func RootKeysDigest(chainID *big.Int, router common.Address, epoch uint64, keys RootKeys) [32]byte {
	parts := [][]byte{
		[]byte(rootKeysTag),
		common.BigToHash(chainID).Bytes(),
		router.Bytes(),
		common.BigToHash(new(big.Int).SetUint64(epoch)).Bytes(),
	}
	for _, k := range keys.list() {
		parts = append(parts, crypto.Keccak256(common.BigToHash(k.KeyType).Bytes(), k.Pubkey))
	}
	return crypto.Keccak256Hash(parts...)
}

// Sign signs a digest with a node key, giving the 65-byte [R ‖ S ‖ V] form (V = 0 or 1) that the
// attestation types carry.
func Sign(digest [32]byte, key *ecdsa.PrivateKey) ([]byte, error) {
	sig, err := crypto.Sign(digest[:], key)
	if err != nil {
		return nil, fmt.Errorf("chain: sign: %w", err)
	}
	return sig, nil
}

// AttestedKey is a derived PKP key with its nodes' signatures, each 65 bytes [R ‖ S ‖ V] with V = 0, 1,
// 27 or 28: over PoolKeyDigest for AddAttestedKeys, over ClaimKeyDigest for ClaimAndMint.
type AttestedKey struct {
	KeyID      [32]byte
	Pubkey     []byte
	Signatures [][]byte
}

func (k AttestedKey) binding() (bindings.AttestedKey, error) {
	sigs, err := toSignatures(k.Signatures)
	if err != nil {
		return bindings.AttestedKey{}, err
	}
	return bindings.AttestedKey{KeyId: k.KeyID, Pubkey: k.Pubkey, Signatures: sigs}, nil
}

// toSignatures converts 65-byte signatures to the contracts' (r, s, v) form with v = 27 or 28.
func toSignatures(sigs [][]byte) ([]bindings.Signature, error) {
	out := make([]bindings.Signature, len(sigs))
	for i, s := range sigs {
		if len(s) != 65 {
			return nil, fmt.Errorf("%w: signature %d has %d bytes, want 65", ErrInvalidSignature, i, len(s))
		}
		v := s[64]
		switch v {
		case 0, 1:
			v += 27
		case 27, 28:
		default:
			return nil, fmt.Errorf("%w: signature %d has v = %d", ErrInvalidSignature, i, v)
		}
		out[i] = bindings.Signature{R: [32]byte(s[0:32]), S: [32]byte(s[32:64]), V: v}
	}
	return out, nil
}
