// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {IPKPNFT, IPubkeyRouter} from "./Types.sol";

/// @title PKPPermissions: who besides its owner may use a PKP.
///
/// Follows Lit's PKPPermissions. Permissions are auth methods keyed by the PKP's token id: type 1 = an
/// Ethereum address (id = its 20 bytes, as addPermittedAddress stores it, or the 32-byte
/// keccak256("<checksummed address>:lit") that the Lit SDK's mintWithAuth registers for an EthWallet), type 2 = an Action (id = the IPFS CIDv0's base58-decoded bytes,
/// 0x1220 ‖ sha256), other types are opaque ids (Lit's WebAuthn, Discord, Google, ...). Each carries scopes:
/// 1 = sign anything, 2 = personal sign (EIP-191); 0 is Lit's "no permissions" and grants nothing.
/// Only the NFT's current owner writes. Permissions belong to the token's current owner generation
/// (PKPNFT.ownerGeneration): a sale to a new owner starts an empty set, and every read sees only the current
/// generation, so nothing a seller granted follows the NFT to its buyer. After a burn nobody can change the
/// permissions again. The owner counts as a permitted address.
contract PKPPermissions {
    using EnumerableSet for EnumerableSet.UintSet;

    struct AuthMethod {
        uint256 authMethodType;
        bytes id;
        bytes userPubkey;
    }

    uint256 public constant AUTH_METHOD_TYPE_ADDRESS = 1;
    uint256 public constant AUTH_METHOD_TYPE_ACTION = 2;
    uint256 public constant MAX_SCOPE = 2;
    /// The largest maxScopeId getPermittedAuthMethodScopes accepts.
    uint256 public constant MAX_SCOPE_QUERY = 256;

    IPKPNFT private immutable _pkpNft;
    IPubkeyRouter private immutable _router;

    // A permission set is one owner generation of one token: setId = _setOf(tokenId).
    mapping(uint256 setId => EnumerableSet.UintSet) private _permitted;
    mapping(uint256 setId => mapping(uint256 authMethodId => uint256)) private _scopes; // bit i = scope i
    mapping(uint256 setId => mapping(uint256 authMethodId => bytes)) private _userPubkeys;
    mapping(uint256 authMethodId => AuthMethod) private _authMethods; // type and id only
    // Token ids that granted the method in some generation; reads filter out the stale ones.
    mapping(uint256 authMethodId => EnumerableSet.UintSet) private _authMethodToPkpIds;

    error ZeroAddress();
    error UnknownToken(uint256 tokenId);
    error NotPKPOwner(uint256 tokenId, address caller);
    error InvalidCID();
    error InvalidAuthMethod(uint256 authMethodType);
    error InvalidScope(uint256 scope);
    error AuthMethodNotPermitted(uint256 tokenId, uint256 authMethodType);

    event PermittedAuthMethodAdded(uint256 indexed tokenId, uint256 authMethodType, bytes id, bytes userPubkey);
    event PermittedAuthMethodRemoved(uint256 indexed tokenId, uint256 authMethodType, bytes id);
    event PermittedAuthMethodScopeAdded(uint256 indexed tokenId, uint256 authMethodType, bytes id, uint256 scopeId);
    event PermittedAuthMethodScopeRemoved(uint256 indexed tokenId, uint256 authMethodType, bytes id, uint256 scopeId);

    constructor(address pkpNft, address router) {
        if (pkpNft == address(0) || router == address(0)) revert ZeroAddress();
        _pkpNft = IPKPNFT(pkpNft);
        _router = IPubkeyRouter(router);
    }

    modifier onlyPKPOwner(uint256 tokenId) {
        if (!_pkpNft.exists(tokenId)) {
            if (!_router.isRouted(tokenId)) revert UnknownToken(tokenId);
            revert NotPKPOwner(tokenId, msg.sender); // burned: nobody owns it
        }
        if (_pkpNft.ownerOf(tokenId) != msg.sender) revert NotPKPOwner(tokenId, msg.sender);
        _;
    }

    /// The id of the token's current permission set: its current owner generation's.
    function _setOf(uint256 tokenId) private view returns (uint256) {
        return uint256(keccak256(abi.encode(tokenId, _pkpNft.ownerGeneration(tokenId))));
    }

    /* ========== writes ========== */

    function addPermittedAction(uint256 tokenId, bytes calldata ipfsCID, uint256[] calldata scopes)
        external
        onlyPKPOwner(tokenId)
    {
        _checkCID(ipfsCID);
        _add(tokenId, AUTH_METHOD_TYPE_ACTION, ipfsCID, "", scopes);
    }

    function removePermittedAction(uint256 tokenId, bytes calldata ipfsCID) external onlyPKPOwner(tokenId) {
        _checkCID(ipfsCID);
        _remove(tokenId, AUTH_METHOD_TYPE_ACTION, ipfsCID);
    }

    function addPermittedAddress(uint256 tokenId, address user, uint256[] calldata scopes)
        external
        onlyPKPOwner(tokenId)
    {
        if (user == address(0)) revert ZeroAddress();
        _add(tokenId, AUTH_METHOD_TYPE_ADDRESS, abi.encodePacked(user), "", scopes);
    }

    function removePermittedAddress(uint256 tokenId, address user) external onlyPKPOwner(tokenId) {
        if (user == address(0)) revert ZeroAddress();
        _remove(tokenId, AUTH_METHOD_TYPE_ADDRESS, abi.encodePacked(user));
    }

    function addPermittedAuthMethod(uint256 tokenId, AuthMethod calldata authMethod, uint256[] calldata scopes)
        external
        onlyPKPOwner(tokenId)
    {
        _checkAuthMethod(authMethod.authMethodType, authMethod.id);
        _add(tokenId, authMethod.authMethodType, authMethod.id, authMethod.userPubkey, scopes);
    }

    function removePermittedAuthMethod(uint256 tokenId, uint256 authMethodType, bytes calldata id)
        external
        onlyPKPOwner(tokenId)
    {
        _checkAuthMethod(authMethodType, id);
        _remove(tokenId, authMethodType, id);
    }

    function addPermittedAuthMethodScope(uint256 tokenId, uint256 authMethodType, bytes calldata id, uint256 scopeId)
        external
        onlyPKPOwner(tokenId)
    {
        uint256 amId = _requirePermitted(tokenId, authMethodType, id);
        if (scopeId > MAX_SCOPE) revert InvalidScope(scopeId);
        _scopes[_setOf(tokenId)][amId] |= 1 << scopeId;
        emit PermittedAuthMethodScopeAdded(tokenId, authMethodType, id, scopeId);
    }

    function removePermittedAuthMethodScope(
        uint256 tokenId,
        uint256 authMethodType,
        bytes calldata id,
        uint256 scopeId
    ) external onlyPKPOwner(tokenId) {
        uint256 amId = _requirePermitted(tokenId, authMethodType, id);
        if (scopeId > MAX_SCOPE) revert InvalidScope(scopeId);
        _scopes[_setOf(tokenId)][amId] &= ~(uint256(1) << scopeId);
        emit PermittedAuthMethodScopeRemoved(tokenId, authMethodType, id, scopeId);
    }

    function _add(
        uint256 tokenId,
        uint256 authMethodType,
        bytes memory id,
        bytes memory userPubkey,
        uint256[] calldata scopes
    ) private {
        uint256 bits;
        for (uint256 i = 0; i < scopes.length; i++) {
            if (scopes[i] > MAX_SCOPE) revert InvalidScope(scopes[i]);
            bits |= 1 << scopes[i];
        }
        uint256 amId = getAuthMethodId(authMethodType, id);
        if (_authMethods[amId].authMethodType == 0) {
            _authMethods[amId] = AuthMethod({authMethodType: authMethodType, id: id, userPubkey: userPubkey});
        } else if (_authMethods[amId].userPubkey.length == 0 && userPubkey.length != 0) {
            _authMethods[amId].userPubkey = userPubkey;
        }
        uint256 setId = _setOf(tokenId);
        _permitted[setId].add(amId);
        _authMethodToPkpIds[amId].add(tokenId);
        if (userPubkey.length != 0) _userPubkeys[setId][amId] = userPubkey;
        // Re-adding keeps the scopes already granted (Lit sets the bits of the new scopes).
        _scopes[setId][amId] |= bits;
        for (uint256 i = 0; i < scopes.length; i++) {
            emit PermittedAuthMethodScopeAdded(tokenId, authMethodType, id, scopes[i]);
        }
        emit PermittedAuthMethodAdded(tokenId, authMethodType, id, userPubkey);
    }

    function _remove(uint256 tokenId, uint256 authMethodType, bytes memory id) private {
        uint256 amId = getAuthMethodId(authMethodType, id);
        uint256 setId = _setOf(tokenId);
        if (!_permitted[setId].remove(amId)) revert AuthMethodNotPermitted(tokenId, authMethodType);
        _authMethodToPkpIds[amId].remove(tokenId);
        // Unlike Lit, forget the scopes: re-adding the method later must not revive them.
        delete _scopes[setId][amId];
        delete _userPubkeys[setId][amId];
        emit PermittedAuthMethodRemoved(tokenId, authMethodType, id);
    }

    function _requirePermitted(uint256 tokenId, uint256 authMethodType, bytes calldata id)
        private
        view
        returns (uint256 amId)
    {
        _checkAuthMethod(authMethodType, id);
        amId = getAuthMethodId(authMethodType, id);
        if (!_permitted[_setOf(tokenId)].contains(amId)) revert AuthMethodNotPermitted(tokenId, authMethodType);
    }

    /// A CIDv0 as bytes: 0x12 (sha2-256) 0x20 (32 bytes) then the digest.
    function _checkCID(bytes calldata cid) private pure {
        if (cid.length != 34 || cid[0] != 0x12 || cid[1] != 0x20) revert InvalidCID();
    }

    function _checkAuthMethod(uint256 authMethodType, bytes calldata id) private pure {
        if (authMethodType == AUTH_METHOD_TYPE_ADDRESS) {
            if (id.length == 32) {
                if (bytes32(id) == bytes32(0)) revert InvalidAuthMethod(authMethodType);
                return;
            }
            if (id.length != 20) revert InvalidAuthMethod(authMethodType);
            if (bytes20(id) == bytes20(0)) revert ZeroAddress();
        } else if (authMethodType == AUTH_METHOD_TYPE_ACTION) {
            _checkCID(id);
        } else if (authMethodType == 0 || id.length == 0) {
            revert InvalidAuthMethod(authMethodType);
        }
    }

    /* ========== reads ========== */

    function getAuthMethodId(uint256 authMethodType, bytes memory id) public pure returns (uint256) {
        return uint256(keccak256(abi.encode(authMethodType, id)));
    }

    function isPermittedAuthMethod(uint256 tokenId, uint256 authMethodType, bytes memory id)
        public
        view
        returns (bool)
    {
        return _permitted[_setOf(tokenId)].contains(getAuthMethodId(authMethodType, id));
    }

    /// The user public key first registered with the auth method, on any PKP (Lit's global record, read by
    /// clients such as a WebAuthn login page). Anyone can register any id on a PKP of their own, so this is not
    /// a trust anchor: whoever checks a login for a PKP must use that PKP's own record, which
    /// getPermittedAuthMethods(tokenId) returns.
    function getUserPubkeyForAuthMethod(uint256 authMethodType, bytes calldata id) external view returns (bytes memory) {
        return _authMethods[getAuthMethodId(authMethodType, id)].userPubkey;
    }

    function isPermittedAction(uint256 tokenId, bytes calldata ipfsCID) external view returns (bool) {
        return isPermittedAuthMethod(tokenId, AUTH_METHOD_TYPE_ACTION, ipfsCID);
    }

    /// True for an explicitly permitted address and for the NFT's current owner.
    function isPermittedAddress(uint256 tokenId, address user) external view returns (bool) {
        if (_pkpNft.exists(tokenId) && _pkpNft.ownerOf(tokenId) == user) return true;
        return isPermittedAuthMethod(tokenId, AUTH_METHOD_TYPE_ADDRESS, abi.encodePacked(user));
    }

    function isPermittedAuthMethodScopePresent(uint256 tokenId, uint256 authMethodType, bytes calldata id, uint256 scopeId)
        external
        view
        returns (bool)
    {
        if (scopeId > 255) return false;
        return _scopes[_setOf(tokenId)][getAuthMethodId(authMethodType, id)] & (1 << scopeId) != 0;
    }

    /// Scope flags 0..maxScopeId-1 of an auth method (Lit's shape).
    function getPermittedAuthMethodScopes(uint256 tokenId, uint256 authMethodType, bytes calldata id, uint256 maxScopeId)
        external
        view
        returns (bool[] memory out)
    {
        if (maxScopeId > MAX_SCOPE_QUERY) revert InvalidScope(maxScopeId);
        uint256 bits = _scopes[_setOf(tokenId)][getAuthMethodId(authMethodType, id)];
        out = new bool[](maxScopeId);
        for (uint256 i = 0; i < maxScopeId; i++) {
            out[i] = bits & (1 << i) != 0;
        }
    }

    function getPermittedAuthMethods(uint256 tokenId) external view returns (AuthMethod[] memory out) {
        uint256 setId = _setOf(tokenId);
        EnumerableSet.UintSet storage set = _permitted[setId];
        out = new AuthMethod[](set.length());
        for (uint256 i = 0; i < out.length; i++) {
            uint256 amId = set.at(i);
            AuthMethod storage am = _authMethods[amId];
            out[i] = AuthMethod({authMethodType: am.authMethodType, id: am.id, userPubkey: _userPubkeys[setId][amId]});
        }
    }

    /// The permitted Actions' CIDs (as bytes), in the order they were added.
    function getPermittedActions(uint256 tokenId) external view returns (bytes[] memory) {
        return _idsOfType(tokenId, AUTH_METHOD_TYPE_ACTION);
    }

    /// The permitted addresses; the NFT's owner first while the token exists (as in Lit).
    /// Type-1 methods with a 32-byte (wallet-login) id are not addresses and are left out.
    function getPermittedAddresses(uint256 tokenId) external view returns (address[] memory out) {
        bytes[] memory ids = _idsOfType(tokenId, AUTH_METHOD_TYPE_ADDRESS);
        bool owned = _pkpNft.exists(tokenId);
        out = new address[](ids.length + (owned ? 1 : 0));
        uint256 j;
        if (owned) out[j++] = _pkpNft.ownerOf(tokenId);
        for (uint256 i = 0; i < ids.length; i++) {
            out[j++] = address(bytes20(ids[i]));
        }
    }

    function getTokenIdsForAuthMethod(uint256 authMethodType, bytes calldata id)
        external
        view
        returns (uint256[] memory)
    {
        uint256 amId = getAuthMethodId(authMethodType, id);
        uint256[] memory ids = _authMethodToPkpIds[amId].values();
        // Keep the tokens whose current owner generation grants the method.
        uint256 n;
        for (uint256 i = 0; i < ids.length; i++) {
            if (_permitted[_setOf(ids[i])].contains(amId)) ids[n++] = ids[i];
        }
        assembly {
            mstore(ids, n) // shorten the array in place
        }
        return ids;
    }

    /// The ids of the permitted methods of one type; for addresses (type 1) only the 20-byte ids.
    function _idsOfType(uint256 tokenId, uint256 authMethodType) private view returns (bytes[] memory out) {
        EnumerableSet.UintSet storage set = _permitted[_setOf(tokenId)];
        uint256 count;
        for (uint256 i = 0; i < set.length(); i++) {
            if (_isOfType(_authMethods[set.at(i)], authMethodType)) count++;
        }
        out = new bytes[](count);
        uint256 j;
        for (uint256 i = 0; i < set.length(); i++) {
            AuthMethod storage am = _authMethods[set.at(i)];
            if (_isOfType(am, authMethodType)) out[j++] = am.id;
        }
    }

    function _isOfType(AuthMethod storage am, uint256 authMethodType) private view returns (bool) {
        if (am.authMethodType != authMethodType) return false;
        return authMethodType != AUTH_METHOD_TYPE_ADDRESS || am.id.length == 20;
    }
}
