// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// @title DemoNFT: an ERC-721 anyone may mint, for trying token-gated access-control conditions on a devnet.
///
/// Not part of a Flint network: tests and demos deploy it to gate decryption on owning a token
/// (standardContractType "ERC721", method "ownerOf" or "balanceOf"). Token ids count up from 1.
contract DemoNFT is ERC721 {
    uint256 private _next;

    event Minted(address indexed to, uint256 indexed tokenId);

    constructor() ERC721("Flint Demo NFT", "FDEMO") {}

    /// Mints the next token to `to` and returns its id.
    function mint(address to) external returns (uint256 tokenId) {
        tokenId = ++_next;
        _safeMint(to, tokenId);
        emit Minted(to, tokenId);
    }
}
