// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {Signature, RootKey, IStaking, Secp256k1, KEY_TYPE_BLS, KEY_TYPE_ECDSA} from "./Types.sol";

/// @title PubkeyRouter: PKP token id ↔ public key ↔ key id ↔ ETH address, and the network's root keys.
///
/// Follows Lit's PubkeyRouter. Only PKPNFT writes routing data, and only for keys a quorum of nodes attested.
/// The root keys (10 secp256k1 keys and 1 BLS12-381 key from the nodes' DKG) are set once per epoch with a
/// quorum of node signatures over rootKeysDigest(epoch, keys).
contract PubkeyRouter {
    /// Lit's routing record, as getRoutingData returns it.
    struct PubkeyRoutingData {
        bytes pubkey;
        uint256 keyType;
        bytes32 derivedKeyId;
    }

    // Stored as coordinates (two words) rather than as a 65-byte bytes value (four words).
    struct Route {
        bytes32 x;
        bytes32 y;
        bytes32 derivedKeyId;
        uint256 keyType;
    }

    uint256 public constant ECDSA_ROOT_KEY_COUNT = 10;
    uint256 public constant BLS_ROOT_KEY_COUNT = 1;
    /// Domain tag of the root-key digest.
    bytes public constant ROOT_KEYS_TAG = "flint/root-keys/v1";

    address private immutable _pkpNft;
    IStaking private immutable _staking;

    mapping(uint256 tokenId => Route) private _routes;
    mapping(address ethAddress => uint256) private _ethAddressToPkpId;
    RootKey[] private _rootKeys;
    uint256 private _rootKeysEpoch;

    error ZeroAddress();
    error NotPKPNFT(address caller);
    error TokenIdMismatch(uint256 tokenId);
    error InvalidPubkey();
    error InvalidKeyId();
    error AlreadyRouted(uint256 tokenId);
    error WrongEpoch(uint256 given, uint256 current);
    error RootKeysAlreadySet(uint256 epoch);
    error InvalidRootKeys();

    event PubkeyRoutingDataSet(
        uint256 indexed tokenId, bytes pubkey, address stakingContract, uint256 keyType, bytes32 derivedKeyId
    );
    event RootKeySet(address stakingContract, RootKey rootKey);
    event RootKeysSet(uint256 indexed epoch);

    constructor(address pkpNft, address staking) {
        if (pkpNft == address(0) || staking == address(0)) revert ZeroAddress();
        _pkpNft = pkpNft;
        _staking = IStaking(staking);
    }

    /* ========== routing ========== */

    /// Records a freshly minted PKP. Called by PKPNFT only, after it checked the nodes' attestation.
    function setRoutingData(
        uint256 tokenId,
        bytes calldata pubkey,
        address stakingContract,
        uint256 keyType,
        bytes32 derivedKeyId
    ) external {
        if (msg.sender != _pkpNft) revert NotPKPNFT(msg.sender);
        if (tokenId != uint256(keccak256(pubkey))) revert TokenIdMismatch(tokenId);
        (bytes32 x, bytes32 y, bool ok) = Secp256k1.parse(pubkey);
        if (!ok || keyType != KEY_TYPE_ECDSA) revert InvalidPubkey();
        if (derivedKeyId == bytes32(0)) revert InvalidKeyId();
        if (_routes[tokenId].keyType != 0) revert AlreadyRouted(tokenId);

        _routes[tokenId] = Route({x: x, y: y, derivedKeyId: derivedKeyId, keyType: keyType});
        _ethAddressToPkpId[Secp256k1.ethAddress(x, y)] = tokenId;
        emit PubkeyRoutingDataSet(tokenId, pubkey, stakingContract, keyType, derivedKeyId);
    }

    function isRouted(uint256 tokenId) public view returns (bool) {
        return _routes[tokenId].keyType != 0;
    }

    /// The 65-byte uncompressed key (0x04 ‖ X ‖ Y), or empty bytes for an unknown token (as in Lit).
    function getPubkey(uint256 tokenId) public view returns (bytes memory) {
        Route storage r = _routes[tokenId];
        if (r.keyType == 0) return "";
        return abi.encodePacked(bytes1(0x04), r.x, r.y);
    }

    /// The key id the nodes derive the PKP's key from (zero for an unknown token).
    function getDerivedKeyId(uint256 tokenId) external view returns (bytes32) {
        return _routes[tokenId].derivedKeyId;
    }

    /// The PKP's Ethereum address (zero for an unknown token).
    function getEthAddress(uint256 tokenId) external view returns (address) {
        Route storage r = _routes[tokenId];
        if (r.keyType == 0) return address(0);
        return Secp256k1.ethAddress(r.x, r.y);
    }

    function getRoutingData(uint256 tokenId) public view returns (PubkeyRoutingData memory) {
        Route storage r = _routes[tokenId];
        return PubkeyRoutingData({pubkey: getPubkey(tokenId), keyType: r.keyType, derivedKeyId: r.derivedKeyId});
    }

    /// Lit's name for getRoutingData.
    function pubkeys(uint256 tokenId) external view returns (PubkeyRoutingData memory) {
        return getRoutingData(tokenId);
    }

    function ethAddressToPkpId(address ethAddress) external view returns (uint256) {
        return _ethAddressToPkpId[ethAddress];
    }

    /// The Ethereum address of a 65-byte uncompressed key; reverts on anything else.
    function deriveEthAddressFromPubkey(bytes calldata pubkey) external pure returns (address) {
        (bytes32 x, bytes32 y, bool ok) = Secp256k1.parse(pubkey);
        if (!ok) revert InvalidPubkey();
        return Secp256k1.ethAddress(x, y);
    }

    function getPkpNftAddress() external view returns (address) {
        return _pkpNft;
    }

    function getStakingAddress() external view returns (address) {
        return address(_staking);
    }

    /* ========== root keys ========== */

    /// The root keys registered for a staking contract (Lit's signature); empty for any other contract.
    function getRootKeys(address stakingContract) external view returns (RootKey[] memory) {
        if (stakingContract != address(_staking)) return new RootKey[](0);
        return _rootKeys;
    }

    /// The epoch in which the current root keys were set (0 = never).
    function rootKeysEpoch() external view returns (uint256) {
        return _rootKeysEpoch;
    }

    /// The digest the nodes sign to register root keys:
    /// keccak256(ROOT_KEYS_TAG ‖ uint256 chainid ‖ address(this) ‖ uint256 epoch ‖ h_1 ‖ … ‖ h_k) with
    /// h_i = keccak256(uint256 keyType_i ‖ pubkey_i), all packed.
    function rootKeysDigest(uint256 epochNumber, RootKey[] calldata keys) public view returns (bytes32) {
        bytes memory packed = abi.encodePacked(ROOT_KEYS_TAG, block.chainid, address(this), epochNumber);
        for (uint256 i = 0; i < keys.length; i++) {
            packed = bytes.concat(packed, keccak256(abi.encodePacked(keys[i].keyType, keys[i].pubkey)));
        }
        return keccak256(packed);
    }

    /// Registers the network's root keys for the current epoch: 10 secp256k1 keys (type 2, in the order of
    /// the HD derivation) and 1 BLS key (type 1), signed by a quorum of the current nodes. Anyone may submit.
    function setRootKeys(uint256 epochNumber, RootKey[] calldata keys, Signature[] calldata signatures) external {
        uint256 current = _staking.epoch().number;
        if (epochNumber != current) revert WrongEpoch(epochNumber, current);
        if (_rootKeysEpoch == current) revert RootKeysAlreadySet(current);
        _checkRootKeys(keys);
        _staking.checkNodeSignatures(rootKeysDigest(epochNumber, keys), signatures);

        delete _rootKeys;
        for (uint256 i = 0; i < keys.length; i++) {
            _rootKeys.push(keys[i]);
            emit RootKeySet(address(_staking), keys[i]);
        }
        _rootKeysEpoch = current;
        emit RootKeysSet(current);
    }

    function _checkRootKeys(RootKey[] calldata keys) private pure {
        if (keys.length != ECDSA_ROOT_KEY_COUNT + BLS_ROOT_KEY_COUNT) revert InvalidRootKeys();
        uint256 ecdsaCount;
        for (uint256 i = 0; i < keys.length; i++) {
            if (keys[i].keyType == KEY_TYPE_ECDSA) {
                (,, bool ok) = Secp256k1.parse(keys[i].pubkey);
                if (!ok) revert InvalidRootKeys();
                ecdsaCount++;
            } else if (keys[i].keyType == KEY_TYPE_BLS) {
                if (keys[i].pubkey.length != 48) revert InvalidRootKeys();
            } else {
                revert InvalidRootKeys();
            }
        }
        if (ecdsaCount != ECDSA_ROOT_KEY_COUNT) revert InvalidRootKeys();
    }
}
