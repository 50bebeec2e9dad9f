// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

// Test-only: a mint-and-grant helper in the shape of Lit's PKPHelper (mint to itself, grant, hand the NFT
// over), to check that PKPNFT keeps permissions granted in the mint's own transaction.
// Compiled into MintAndHandOver.bin and .abi.json by chain/testdata/compile.sh.

interface IMintablePKPNFT {
    function mintNext(uint256 keyType) external payable returns (uint256);
    function safeTransferFrom(address from, address to, uint256 tokenId) external;
    function getPkpPermissionsAddress() external view returns (address);
}

interface IActionPermissions {
    function addPermittedAction(uint256 tokenId, bytes calldata ipfsCID, uint256[] calldata scopes) external;
}

contract MintAndHandOver {
    event Minted(uint256 tokenId);

    /// Mints, permits the Action (scope 1) and sends the NFT to `to`, all in this transaction.
    function mintGrantAndSend(address nft, bytes calldata cid, address to) external payable returns (uint256 id) {
        id = _mintGrant(nft, cid);
        IMintablePKPNFT(nft).safeTransferFrom(address(this), to, id);
    }

    /// Mints and permits the Action, keeping the NFT; send() hands it over in a later transaction.
    function mintGrantAndKeep(address nft, bytes calldata cid) external payable returns (uint256 id) {
        id = _mintGrant(nft, cid);
    }

    function send(address nft, uint256 id, address to) external {
        IMintablePKPNFT(nft).safeTransferFrom(address(this), to, id);
    }

    function _mintGrant(address nft, bytes calldata cid) private returns (uint256 id) {
        id = IMintablePKPNFT(nft).mintNext{value: msg.value}(2);
        uint256[] memory scopes = new uint256[](1);
        scopes[0] = 1;
        IActionPermissions(IMintablePKPNFT(nft).getPkpPermissionsAddress()).addPermittedAction(id, cid, scopes);
        emit Minted(id);
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return this.onERC721Received.selector;
    }
}
