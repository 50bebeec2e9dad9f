// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {Signature} from "./Types.sol";

interface IPKPNFTForHelper {
    function mintNext(uint256 keyType) external payable returns (uint256);

    function claimAndMintFor(
        uint256 keyType,
        bytes32 derivedKeyId,
        bytes calldata pubkey,
        Signature[] calldata signatures,
        address recipient
    ) external payable returns (uint256);

    function getEthAddress(uint256 tokenId) external view returns (address);
}

interface IPKPPermissionsForHelper {
    struct AuthMethod {
        uint256 authMethodType;
        bytes id;
        bytes userPubkey;
    }

    function addPermittedAction(uint256 tokenId, bytes calldata ipfsCID, uint256[] calldata scopes) external;

    function addPermittedAddress(uint256 tokenId, address user, uint256[] calldata scopes) external;

    function addPermittedAuthMethod(uint256 tokenId, AuthMethod calldata authMethod, uint256[] calldata scopes)
        external;
}

/// @title PKPHelper: mint a PKP and register its auth methods in one transaction.
///
/// Follows Lit's PKPHelper, whose mintNextAndAddAuthMethods the Lit JS SDK's LitContracts.mintWithAuth calls.
/// PKPPermissions lets only a token's owner write, so the helper mints the token to itself, registers the
/// requested permissions as its owner, then hands the token to its caller (or to the PKP's own address when
/// sendPkpToItself is set), all in the caller's transaction. PKPNFT keeps the owner generation for a token
/// handed over in its mint transaction, so the grants stay with the new owner.
///
/// The helper writes permissions only of the token it has just minted in the same call: it has no function
/// that names an existing token, and it refuses ERC-721 tokens it did not mint itself, so nobody can use it to
/// change a PKP they do not own. A claimed key goes through PKPNFT.claimAndMintFor with the helper's caller as
/// the attestation's recipient: only the address the nodes attested the claim for can mint it here too.
contract PKPHelper is IERC721Receiver {
    /// Lit's AuthMethodData: the permissions to register, and what to do with the token afterwards.
    struct AuthMethodData {
        uint256 keyType;
        bytes[] permittedIpfsCIDs;
        uint256[][] permittedIpfsCIDScopes;
        address[] permittedAddresses;
        uint256[][] permittedAddressScopes;
        uint256[] permittedAuthMethodTypes;
        bytes[] permittedAuthMethodIds;
        bytes[] permittedAuthMethodPubkeys;
        uint256[][] permittedAuthMethodScopes;
        bool addPkpEthAddressAsPermittedAddress;
        bool sendPkpToItself;
    }

    /// Lit's ClaimMaterial with the claimed key's 65-byte public key added: Flint's PKPNFT cannot derive it.
    struct ClaimMaterial {
        uint256 keyType;
        bytes32 derivedKeyId;
        bytes pubkey;
        Signature[] signatures;
    }

    IPKPNFTForHelper private immutable _pkpNft;
    IPKPPermissionsForHelper private immutable _permissions;

    error ZeroAddress();
    error LengthMismatch(string what);
    error KeyTypeMismatch(uint256 claimKeyType, uint256 dataKeyType);
    error UnexpectedToken(address token, address operator);

    constructor(address pkpNft, address permissions) {
        if (pkpNft == address(0) || permissions == address(0)) revert ZeroAddress();
        _pkpNft = IPKPNFTForHelper(pkpNft);
        _permissions = IPKPPermissionsForHelper(permissions);
    }

    /// Mints the next pooled key (msg.value must be PKPNFT.mintCost()), permits the given auth methods with
    /// their scopes, and sends the token to the caller or to the PKP itself. Lit's signature.
    function mintNextAndAddAuthMethods(
        uint256 keyType,
        uint256[] calldata permittedAuthMethodTypes,
        bytes[] calldata permittedAuthMethodIds,
        bytes[] calldata permittedAuthMethodPubkeys,
        uint256[][] calldata permittedAuthMethodScopes,
        bool addPkpEthAddressAsPermittedAddress,
        bool sendPkpToItself
    ) external payable returns (uint256 tokenId) {
        tokenId = _pkpNft.mintNext{value: msg.value}(keyType);
        _addAuthMethods(tokenId, permittedAuthMethodTypes, permittedAuthMethodIds, permittedAuthMethodPubkeys,
            permittedAuthMethodScopes);
        _finish(tokenId, addPkpEthAddressAsPermittedAddress, sendPkpToItself);
    }

    /// Mints a key the nodes attested for the caller (PKPNFT.claimKeyDigest names msg.sender as recipient),
    /// registers the permissions of authMethodData, and sends the token to the caller or to the PKP itself.
    function claimAndMintNextAndAddAuthMethods(ClaimMaterial calldata claimMaterial, AuthMethodData calldata authMethodData)
        external
        payable
        returns (uint256 tokenId)
    {
        if (claimMaterial.keyType != authMethodData.keyType) {
            revert KeyTypeMismatch(claimMaterial.keyType, authMethodData.keyType);
        }
        tokenId = _pkpNft.claimAndMintFor{value: msg.value}(
            claimMaterial.keyType, claimMaterial.derivedKeyId, claimMaterial.pubkey, claimMaterial.signatures, msg.sender
        );
        _addActionsAndAddresses(tokenId, authMethodData.permittedIpfsCIDs, authMethodData.permittedIpfsCIDScopes,
            authMethodData.permittedAddresses, authMethodData.permittedAddressScopes);
        _addAuthMethods(tokenId, authMethodData.permittedAuthMethodTypes, authMethodData.permittedAuthMethodIds,
            authMethodData.permittedAuthMethodPubkeys, authMethodData.permittedAuthMethodScopes);
        _finish(tokenId, authMethodData.addPkpEthAddressAsPermittedAddress, authMethodData.sendPkpToItself);
    }

    function _addActionsAndAddresses(
        uint256 tokenId,
        bytes[] calldata cids,
        uint256[][] calldata cidScopes,
        address[] calldata addrs,
        uint256[][] calldata addrScopes
    ) private {
        if (cids.length != cidScopes.length) revert LengthMismatch("permittedIpfsCIDs");
        if (addrs.length != addrScopes.length) revert LengthMismatch("permittedAddresses");
        for (uint256 i = 0; i < cids.length; i++) {
            _permissions.addPermittedAction(tokenId, cids[i], cidScopes[i]);
        }
        for (uint256 i = 0; i < addrs.length; i++) {
            _permissions.addPermittedAddress(tokenId, addrs[i], addrScopes[i]);
        }
    }

    function _addAuthMethods(
        uint256 tokenId,
        uint256[] calldata types,
        bytes[] calldata ids,
        bytes[] calldata pubkeys,
        uint256[][] calldata scopes
    ) private {
        if (types.length != ids.length || types.length != pubkeys.length || types.length != scopes.length) {
            revert LengthMismatch("permittedAuthMethods");
        }
        for (uint256 i = 0; i < types.length; i++) {
            _permissions.addPermittedAuthMethod(
                tokenId,
                IPKPPermissionsForHelper.AuthMethod({authMethodType: types[i], id: ids[i], userPubkey: pubkeys[i]}),
                scopes[i]
            );
        }
    }

    function _finish(uint256 tokenId, bool addPkpEthAddress, bool sendToItself) private {
        address pkpAddress = _pkpNft.getEthAddress(tokenId);
        if (addPkpEthAddress) {
            _permissions.addPermittedAddress(tokenId, pkpAddress, new uint256[](0));
        }
        IERC721(address(_pkpNft)).safeTransferFrom(address(this), sendToItself ? pkpAddress : msg.sender, tokenId);
    }

    /// Accepts only the tokens the helper mints itself, inside one of its own calls.
    function onERC721Received(address operator, address, uint256, bytes calldata) external view returns (bytes4) {
        if (msg.sender != address(_pkpNft) || operator != address(this)) revert UnexpectedToken(msg.sender, operator);
        return IERC721Receiver.onERC721Received.selector;
    }

    function getPkpNftAddress() external view returns (address) {
        return address(_pkpNft);
    }

    function getPkpPermissionsAddress() external view returns (address) {
        return address(_permissions);
    }
}
