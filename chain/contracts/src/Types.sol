// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

// Shared types and interfaces of Flint's PKP contracts. The struct layouts follow Lit Protocol's contracts
// (LitNodeContracts: LibStakingStorage, IPubkeyRouter, LibPKPPermissionsStorage) so that Lit's clients decode
// them unchanged.

/// One ECDSA signature of a node over a 32-byte digest (no EIP-191 prefix); v is 27 or 28.
struct Signature {
    bytes32 r;
    bytes32 s;
    uint8 v;
}

/// A network root public key. keyType 1 = BLS12-381 G1 (48 bytes), 2 = secp256k1 uncompressed (65 bytes).
struct RootKey {
    bytes pubkey;
    uint256 keyType;
}

/// A derived PKP public key that a quorum of nodes attests to for the key pool: they signed
/// PKPNFT.poolKeyDigest(keyId, pubkey).
struct AttestedKey {
    bytes32 keyId;
    bytes pubkey;
    Signature[] signatures;
}

/// A node as Lit's Staking contract describes it. ipv6 and reward are always 0 in Flint.
struct Validator {
    uint32 ip;
    uint128 ipv6;
    uint32 port;
    address nodeAddress;
    uint256 reward;
    uint256 senderPubKey;
    uint256 receiverPubKey;
}

/// Lit's epoch record. Times are unix seconds.
struct Epoch {
    uint256 epochLength;
    uint256 number;
    uint256 endTime;
    uint256 retries;
    uint256 timeout;
}

// Key types, as Lit numbers them.
uint256 constant KEY_TYPE_BLS = 1;
uint256 constant KEY_TYPE_ECDSA = 2;

interface IStaking {
    function epoch() external view returns (Epoch memory);

    function checkNodeSignatures(bytes32 digest, Signature[] calldata signatures) external view;
}

interface IPubkeyRouter {
    function setRoutingData(
        uint256 tokenId,
        bytes calldata pubkey,
        address stakingContract,
        uint256 keyType,
        bytes32 derivedKeyId
    ) external;

    function isRouted(uint256 tokenId) external view returns (bool);

    function getPubkey(uint256 tokenId) external view returns (bytes memory);

    function getEthAddress(uint256 tokenId) external view returns (address);
}

interface IPKPNFT {
    function exists(uint256 tokenId) external view returns (bool);

    function ownerOf(uint256 tokenId) external view returns (address);

    function ownerGeneration(uint256 tokenId) external view returns (uint256);
}

interface IPKPPermissions {
    function addPermittedAction(uint256 tokenId, bytes calldata ipfsCID, uint256[] calldata scopes) external;
}

/// Checks on secp256k1 public keys in the 65-byte uncompressed form 0x04 ‖ X ‖ Y.
library Secp256k1 {
    uint256 internal constant P = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F;

    /// Returns the coordinates of an uncompressed key, and whether it is a point on the curve
    /// (y² = x³ + 7 mod p). A key that is not on the curve could never have been derived by the nodes.
    function parse(bytes calldata pubkey) internal pure returns (bytes32 x, bytes32 y, bool ok) {
        if (pubkey.length != 65 || pubkey[0] != 0x04) {
            return (0, 0, false);
        }
        x = bytes32(pubkey[1:33]);
        y = bytes32(pubkey[33:65]);
        uint256 xi = uint256(x);
        uint256 yi = uint256(y);
        if (xi >= P || yi >= P) {
            return (x, y, false);
        }
        ok = mulmod(yi, yi, P) == addmod(mulmod(mulmod(xi, xi, P), xi, P), 7, P);
    }

    /// The Ethereum address of a public key: the last 20 bytes of keccak256(X ‖ Y).
    function ethAddress(bytes32 x, bytes32 y) internal pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encodePacked(x, y)))));
    }
}
