// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {ERC721Enumerable} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Enumerable.sol";
import {ERC721Burnable} from "@openzeppelin/contracts/token/ERC721/extensions/ERC721Burnable.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {
    Signature,
    AttestedKey,
    IStaking,
    IPubkeyRouter,
    IPKPPermissions,
    Secp256k1,
    KEY_TYPE_ECDSA
} from "./Types.sol";

/// @title PKPNFT: the ERC-721 whose owner owns a programmable key pair (PKP).
///
/// Follows Lit's PKPNFT. A PKP's public key is derived by the nodes from their root keys and a key id; an
/// ordinary chain cannot compute it, so a key enters only with ECDSA signatures of a quorum of the current
/// nodes. Two ways in, each with its own digest so an attestation for one can never serve the other:
///   - the nodes keep a pool of attested keys topped up (addAttestedKeys, poolKeyDigest over key ids only the
///     nodes choose) and mintNext(keyType) takes the next one: one transaction, and the call the Lit JS SDK
///     makes;
///   - claimAndMint carries a claimed key id, its key and the attestation, which names its recipient
///     (claimKeyDigest): only that address can mint it, so a claim seen in the mempool or in a node's answer
///     cannot be minted first by someone else.
/// tokenId = uint256(keccak256(pubkey)). PKPMinted is the first log of a mint, before the ERC-721 Transfer:
/// the Lit SDK reads the token id from the first topic of the receipt's first log.
///
/// Sale-safe ownership: every token has an owner generation, and PKPPermissions keeps a separate permission
/// set per (token, generation), reading only the current one. A transfer to a new owner bumps the generation,
/// so whatever earlier owners granted (addresses, Actions, auth methods) stops counting in the same block. Three
/// transfers keep the generation:
///   - to the PKP's own address (the "send the PKP to itself" lock Lit apps use after adding auth methods);
///   - of a token minted earlier in the same transaction (mint-and-grant helper flows: a contract mints to
///     itself, grants, then hands the token over; nobody but that transaction could have granted anything);
///   - from an owner to itself.
/// Mints and burns never bump it: a burned PKP keeps its last permissions, frozen.
contract PKPNFT is ERC721Enumerable, ERC721Burnable, Ownable {
    /// Domain tags of the two attestation digests.
    bytes public constant POOL_KEY_TAG = "flint/pool-key/v1";
    bytes public constant CLAIM_KEY_TAG = "flint/claim-key/v1";

    struct PooledKey {
        bytes32 keyId;
        bytes32 x;
        bytes32 y;
    }

    IStaking private immutable _staking;
    IPubkeyRouter private _router;
    IPKPPermissions private _permissions;
    address private _helper;
    uint256 private _mintCost;

    mapping(bytes32 keyId => bool) private _keyIdUsed;
    mapping(uint256 tokenId => bool) private _keyTaken; // pooled or minted
    mapping(uint256 slot => PooledKey) private _pool;
    uint128 private _poolHead;
    uint128 private _poolTail;

    mapping(uint256 tokenId => uint256) private _ownerGeneration;

    /// Tag of the transient slot that marks a token minted in the current transaction.
    bytes32 private constant MINTED_IN_TX_TAG = keccak256("flint/pkp-minted-in-tx/v1");

    error ZeroAddress();
    error AlreadyInitialized();
    error NotInitialized();
    error WrongMintCost(uint256 sent, uint256 cost);
    error UnsupportedKeyType(uint256 keyType);
    error InvalidPubkey();
    error InvalidKeyId();
    error KeyIdUsed(bytes32 keyId);
    error KeyAlreadyRegistered(uint256 tokenId);
    error KeyPoolEmpty();
    error WithdrawFailed();
    error NotHelper(address caller);

    event PKPMinted(uint256 indexed tokenId, bytes pubkey);
    event KeyPooled(bytes32 indexed keyId, uint256 indexed tokenId);
    event MintCostSet(uint256 newMintCost);
    event Withdrew(uint256 amount);
    /// A transfer to a new owner started an empty permission set.
    event OwnerGenerationBumped(uint256 indexed tokenId, uint256 generation);

    constructor(address owner, address staking) ERC721("Programmable Keypair", "PKP") Ownable(owner) {
        if (staking == address(0)) revert ZeroAddress();
        _staking = IStaking(staking);
    }

    /// Wires the router and the permissions contract, once (they are deployed after this contract, since
    /// both need its address).
    function setContracts(address router, address permissions) external onlyOwner {
        if (address(_router) != address(0)) revert AlreadyInitialized();
        if (router == address(0) || permissions == address(0)) revert ZeroAddress();
        _router = IPubkeyRouter(router);
        _permissions = IPKPPermissions(permissions);
    }

    /// Names the PKPHelper, once: the one contract that may mint a claimed key for another recipient
    /// (claimAndMintFor).
    function setHelper(address helper) external onlyOwner {
        if (_helper != address(0)) revert AlreadyInitialized();
        if (helper == address(0)) revert ZeroAddress();
        _helper = helper;
    }

    function getHelperAddress() external view returns (address) {
        return _helper;
    }

    /* ========== minting ========== */

    /// The digest each node signs (with its node key, no EIP-191 prefix) to attest a pooled key:
    /// keccak256(POOL_KEY_TAG ‖ uint256 chainid ‖ address(this) ‖ keyId ‖ pubkey), packed.
    function poolKeyDigest(bytes32 keyId, bytes calldata pubkey) public view returns (bytes32) {
        return keccak256(abi.encodePacked(POOL_KEY_TAG, block.chainid, address(this), keyId, pubkey));
    }

    /// The digest each node signs to attest a claimed key for its recipient, the only address that may mint it:
    /// keccak256(CLAIM_KEY_TAG ‖ uint256 chainid ‖ address(this) ‖ keyId ‖ pubkey ‖ address recipient), packed.
    function claimKeyDigest(bytes32 keyId, bytes calldata pubkey, address recipient) public view returns (bytes32) {
        return keccak256(abi.encodePacked(CLAIM_KEY_TAG, block.chainid, address(this), keyId, pubkey, recipient));
    }

    /// Adds attested keys to the pool that mintNext draws from. Anyone may submit; the signatures are what count.
    function addAttestedKeys(AttestedKey[] calldata keys) external {
        for (uint256 i = 0; i < keys.length; i++) {
            (bytes32 x, bytes32 y, uint256 tokenId) =
                _checkAttestedKey(keys[i].keyId, keys[i].pubkey, keys[i].signatures, address(0));
            _pool[_poolTail] = PooledKey({keyId: keys[i].keyId, x: x, y: y});
            _poolTail++;
            emit KeyPooled(keys[i].keyId, tokenId);
        }
    }

    /// How many attested keys wait in the pool; the nodes top it up when it runs low.
    function keyPoolSize() external view returns (uint256) {
        return _poolTail - _poolHead;
    }

    function isKeyIdUsed(bytes32 keyId) external view returns (bool) {
        return _keyIdUsed[keyId];
    }

    /// Mints the next pooled key to the caller. keyType must be 2 (ECDSA), msg.value exactly mintCost().
    function mintNext(uint256 keyType) external payable returns (uint256) {
        _checkPayment(keyType);
        (bytes32 keyId, bytes memory pubkey, uint256 tokenId) = _popKey();
        _mintKey(msg.sender, keyId, pubkey, tokenId, keyType);
        return tokenId;
    }

    /// Mints a claimed key id whose key the nodes attested, for the caller, in `signatures` (Lit's claimAndMint,
    /// with the key carried in the call because the contract cannot derive it). The attestation names its
    /// recipient, and only the recipient may mint: anyone else's call fails the signature check.
    function claimAndMint(uint256 keyType, bytes32 derivedKeyId, bytes calldata pubkey, Signature[] calldata signatures)
        external
        payable
        returns (uint256)
    {
        _checkPayment(keyType);
        (,, uint256 tokenId) = _checkAttestedKey(derivedKeyId, pubkey, signatures, msg.sender);
        _mintKey(msg.sender, derivedKeyId, pubkey, tokenId, keyType);
        return tokenId;
    }

    /// claimAndMint for the PKPHelper: the attestation must name `recipient` (the helper's own caller), and the
    /// token goes to the helper, which registers the caller's auth methods and hands it over in the same
    /// transaction. Only the helper may call it; it passes its msg.sender, so a claim still mints only in a
    /// transaction its recipient sent.
    function claimAndMintFor(
        uint256 keyType,
        bytes32 derivedKeyId,
        bytes calldata pubkey,
        Signature[] calldata signatures,
        address recipient
    ) external payable returns (uint256) {
        if (msg.sender != _helper || msg.sender == address(0)) revert NotHelper(msg.sender);
        if (recipient == address(0)) revert ZeroAddress();
        _checkPayment(keyType);
        (,, uint256 tokenId) = _checkAttestedKey(derivedKeyId, pubkey, signatures, recipient);
        _mintKey(msg.sender, derivedKeyId, pubkey, tokenId, keyType);
        return tokenId;
    }

    /// Mints the next pooled key, permits exactly one Action (scope 1, sign anything) and burns the NFT in the
    /// same transaction: a PKP that only that Action can ever use.
    function mintGrantAndBurnNext(uint256 keyType, bytes calldata ipfsCID) external payable returns (uint256) {
        _checkPayment(keyType);
        (bytes32 keyId, bytes memory pubkey, uint256 tokenId) = _popKey();
        _mintKey(address(this), keyId, pubkey, tokenId, keyType);
        uint256[] memory scopes = new uint256[](1);
        scopes[0] = 1;
        _permissions.addPermittedAction(tokenId, ipfsCID, scopes);
        _burn(tokenId);
        return tokenId;
    }

    function _checkPayment(uint256 keyType) private view {
        if (address(_router) == address(0)) revert NotInitialized();
        if (keyType != KEY_TYPE_ECDSA) revert UnsupportedKeyType(keyType);
        if (msg.value != _mintCost) revert WrongMintCost(msg.value, _mintCost);
    }

    /// Validates an attested key and reserves its key id and token id: a pooled key when recipient is zero,
    /// else a key claimed for recipient.
    function _checkAttestedKey(bytes32 keyId, bytes calldata pubkey, Signature[] calldata signatures, address recipient)
        private
        returns (bytes32 x, bytes32 y, uint256 tokenId)
    {
        if (keyId == bytes32(0)) revert InvalidKeyId();
        bool ok;
        (x, y, ok) = Secp256k1.parse(pubkey);
        if (!ok) revert InvalidPubkey();
        if (_keyIdUsed[keyId]) revert KeyIdUsed(keyId);
        tokenId = uint256(keccak256(pubkey));
        if (_keyTaken[tokenId]) revert KeyAlreadyRegistered(tokenId);
        bytes32 digest =
            recipient == address(0) ? poolKeyDigest(keyId, pubkey) : claimKeyDigest(keyId, pubkey, recipient);
        _staking.checkNodeSignatures(digest, signatures);
        _keyIdUsed[keyId] = true;
        _keyTaken[tokenId] = true;
    }

    function _popKey() private returns (bytes32 keyId, bytes memory pubkey, uint256 tokenId) {
        if (_poolHead == _poolTail) revert KeyPoolEmpty();
        PooledKey memory k = _pool[_poolHead];
        delete _pool[_poolHead];
        _poolHead++;
        pubkey = abi.encodePacked(bytes1(0x04), k.x, k.y);
        return (k.keyId, pubkey, uint256(keccak256(pubkey)));
    }

    function _mintKey(address to, bytes32 keyId, bytes memory pubkey, uint256 tokenId, uint256 keyType) private {
        // First log of the transaction: the Lit SDK takes the token id from it.
        emit PKPMinted(tokenId, pubkey);
        _router.setRoutingData(tokenId, pubkey, address(_staking), keyType, keyId);
        _markMintedInTx(tokenId);
        if (to == address(this)) {
            _mint(to, tokenId); // about to be burned; no receiver hook
        } else {
            _safeMint(to, tokenId);
        }
    }

    /* ========== admin ========== */

    function mintCost() external view returns (uint256) {
        return _mintCost;
    }

    function setMintCost(uint256 newMintCost) external onlyOwner {
        _mintCost = newMintCost;
        emit MintCostSet(newMintCost);
    }

    function withdraw() external onlyOwner {
        uint256 amount = address(this).balance;
        (bool sent,) = payable(msg.sender).call{value: amount}("");
        if (!sent) revert WithdrawFailed();
        emit Withdrew(amount);
    }

    /* ========== owner generations ========== */

    /// The token's owner generation: 0 at mint, +1 for every transfer that started an empty permission set.
    /// PKPPermissions reads and writes only the current generation's permissions.
    function ownerGeneration(uint256 tokenId) external view returns (uint256) {
        return _ownerGeneration[tokenId];
    }

    function _mintedInTxSlot(uint256 tokenId) private pure returns (bytes32) {
        return keccak256(abi.encode(MINTED_IN_TX_TAG, tokenId));
    }

    /// Marks tokenId as minted in this transaction, in transient storage (EIP-1153): gone when it ends.
    function _markMintedInTx(uint256 tokenId) private {
        bytes32 slot = _mintedInTxSlot(tokenId);
        assembly {
            tstore(slot, 1)
        }
    }

    function _mintedInTx(uint256 tokenId) private view returns (bool minted) {
        bytes32 slot = _mintedInTxSlot(tokenId);
        assembly {
            minted := tload(slot)
        }
    }

    /* ========== views ========== */

    /// Whether the token exists now (false before minting and after burning).
    function exists(uint256 tokenId) external view returns (bool) {
        return _ownerOf(tokenId) != address(0);
    }

    /// The 65-byte uncompressed public key (0x04 ‖ X ‖ Y); empty for an unknown token.
    function getPubkey(uint256 tokenId) external view returns (bytes memory) {
        return _router.getPubkey(tokenId);
    }

    function getEthAddress(uint256 tokenId) external view returns (address) {
        return _router.getEthAddress(tokenId);
    }

    function getStakingAddress() external view returns (address) {
        return address(_staking);
    }

    function getRouterAddress() external view returns (address) {
        return address(_router);
    }

    function getPkpPermissionsAddress() external view returns (address) {
        return address(_permissions);
    }

    /* ========== ERC-721 plumbing ========== */

    function supportsInterface(bytes4 interfaceId) public view override(ERC721, ERC721Enumerable) returns (bool) {
        return super.supportsInterface(interfaceId);
    }

    function _update(address to, uint256 tokenId, address auth)
        internal
        override(ERC721, ERC721Enumerable)
        returns (address)
    {
        address from = super._update(to, tokenId, auth);
        // A transfer between two accounts (not a mint, not a burn) to a new owner: see the contract comment.
        if (
            from != address(0) && to != address(0) && from != to && !_mintedInTx(tokenId)
                && to != _router.getEthAddress(tokenId)
        ) {
            uint256 generation = ++_ownerGeneration[tokenId];
            emit OwnerGenerationBumped(tokenId, generation);
        }
        return from;
    }

    function _increaseBalance(address account, uint128 amount) internal override(ERC721, ERC721Enumerable) {
        super._increaseBalance(account, amount);
    }
}
