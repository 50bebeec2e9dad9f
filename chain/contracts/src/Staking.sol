// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Signature, Validator, Epoch} from "./Types.sol";

/// @title Staking: the registry of the node set of a Flint network.
///
/// Named after Lit's Staking contract, whose discovery view (getActiveUnkickedValidatorStructsAndCounts) and
/// StateChanged event the Lit JS SDK uses to find the nodes. There is no stake and no token here: the owner
/// (the network's operator) adds and removes nodes. The node list keeps registration order, and the nodes
/// derive their protocol indices 1..n from it.
///
/// Threshold: t is floor((n-1)/3) unless the owner fixes it, and n >= 3t+1 always holds: every agreement
/// argument of the nodes' protocols needs two sets of n - t nodes to share an honest one. The quorum
/// q = 2t+1 is what currentValidatorCountForConsensus() reports and what node attestations need.
///
/// DKG keys: each registered node publishes its own long-term BLS DKG encryption key here (setDkgKey), and
/// every node builds the BLS DKG's participant list from this registry itself. A key that travelled in a
/// leader's message could be swapped for the leader's own, letting it decrypt honest nodes' shares.
contract Staking is Ownable {
    /// Lit's state machine; Flint's network is always Active.
    enum States {
        Active,
        NextValidatorSetLocked,
        ReadyForNextEpoch,
        Unlocked,
        Paused,
        Restore
    }

    /// Signature bitmaps are one word, so at most 256 nodes.
    uint256 public constant MAX_NODES = 256;

    /// A DKG key is a compressed BLS12-381 G1 point. The contract checks only its length; nodes check the
    /// point when they build the DKG.
    uint256 public constant DKG_KEY_LENGTH = 48;

    States public state;
    Epoch private _epoch;
    address[] private _nodes;
    mapping(address nodeAddress => uint256) private _position; // 1-based index in _nodes, 0 = not a node
    mapping(address nodeAddress => Validator) private _validators;
    mapping(uint64 endpoint => bool) private _endpointUsed; // ip << 32 | port
    uint256 private _threshold;
    bool private _thresholdFixed;
    mapping(address nodeAddress => bytes) private _dkgKeys; // empty until the node publishes its key

    error ZeroAddress();
    error NodeAlreadyRegistered(address nodeAddress);
    error NodeNotRegistered(address nodeAddress);
    error InvalidEndpoint(uint32 ip, uint32 port);
    error EndpointInUse(uint32 ip, uint32 port);
    error InvalidTransportKey();
    error TooManyNodes(uint256 max);
    error InvalidThreshold(uint256 threshold, uint256 nodeCount);
    error InvalidEpochLength();
    error NotEnoughSignatures(uint256 got, uint256 needed);
    error InvalidSignature(uint256 index);
    error UnknownSigner(address signer);
    error DuplicateSigner(address signer);
    error InvalidDkgKey(uint256 length);
    error DkgKeyAlreadySet(address nodeAddress);

    event StateChanged(States newState);
    event NodeAdded(address indexed nodeAddress, uint32 ip, uint32 port);
    event NodeRemoved(address indexed nodeAddress);
    event ThresholdSet(uint256 threshold, bool fixedByOwner);
    event EpochAdvanced(uint256 number);
    event EpochLengthSet(uint256 newEpochLength);
    event DkgKeySet(address indexed nodeAddress);

    constructor(address owner) Ownable(owner) {
        _epoch = Epoch({epochLength: 3600, number: 1, endTime: block.timestamp + 3600, retries: 0, timeout: 60});
        state = States.Active;
    }

    /* ========== admin ========== */

    /// Registers a node. senderPubKey is its ed25519 peer-transport key (32 bytes as a uint256);
    /// receiverPubKey may repeat it or be 0.
    function addNode(uint32 ip, uint32 port, address nodeAddress, uint256 senderPubKey, uint256 receiverPubKey)
        external
        onlyOwner
    {
        if (nodeAddress == address(0)) revert ZeroAddress();
        if (_position[nodeAddress] != 0) revert NodeAlreadyRegistered(nodeAddress);
        if (ip == 0 || port == 0 || port > type(uint16).max) revert InvalidEndpoint(ip, port);
        uint64 endpoint = (uint64(ip) << 32) | port;
        if (_endpointUsed[endpoint]) revert EndpointInUse(ip, port);
        if (senderPubKey == 0) revert InvalidTransportKey();
        if (_nodes.length >= MAX_NODES) revert TooManyNodes(MAX_NODES);

        _nodes.push(nodeAddress);
        _position[nodeAddress] = _nodes.length;
        _endpointUsed[endpoint] = true;
        _validators[nodeAddress] = Validator({
            ip: ip,
            ipv6: 0,
            port: port,
            nodeAddress: nodeAddress,
            reward: 0,
            senderPubKey: senderPubKey,
            receiverPubKey: receiverPubKey
        });
        emit NodeAdded(nodeAddress, ip, port);
        // The Lit SDK re-reads the node list when it sees the network become Active.
        emit StateChanged(States.Active);
    }

    /// Removes a node; the nodes after it move up one place, keeping their order. Its DKG key goes with it,
    /// so that a node added again publishes a new one. A fixed t must still satisfy n >= 3t+1 afterwards.
    function removeNode(address nodeAddress) external onlyOwner {
        uint256 pos = _position[nodeAddress];
        if (pos == 0) revert NodeNotRegistered(nodeAddress);
        uint256 n = _nodes.length - 1;
        if (_thresholdFixed && n < 3 * _threshold + 1) revert InvalidThreshold(_threshold, n);

        for (uint256 i = pos; i < _nodes.length; i++) {
            address moved = _nodes[i];
            _nodes[i - 1] = moved;
            _position[moved] = i;
        }
        _nodes.pop();
        Validator storage v = _validators[nodeAddress];
        delete _endpointUsed[(uint64(v.ip) << 32) | v.port];
        delete _validators[nodeAddress];
        delete _position[nodeAddress];
        delete _dkgKeys[nodeAddress];
        emit NodeRemoved(nodeAddress);
        emit StateChanged(States.Active);
    }

    /// Fixes the corruption bound t; the current node count must satisfy n >= 3t+1.
    function setThreshold(uint256 t) external onlyOwner {
        uint256 n = _nodes.length;
        if (t > (type(uint256).max - 1) / 3 || n < 3 * t + 1) revert InvalidThreshold(t, n);
        _threshold = t;
        _thresholdFixed = true;
        emit ThresholdSet(t, true);
    }

    /// Returns to the default t = floor((n-1)/3).
    function useDefaultThreshold() external onlyOwner {
        _thresholdFixed = false;
        _threshold = 0;
        emit ThresholdSet(threshold(), false);
    }

    /// Starts the next epoch (after the node set changed and the nodes re-shared their keys).
    function advanceEpoch() external onlyOwner {
        _epoch.number += 1;
        _epoch.endTime = block.timestamp + _epoch.epochLength;
        _epoch.retries = 0;
        emit EpochAdvanced(_epoch.number);
        emit StateChanged(States.Active);
    }

    function setEpochLength(uint256 newEpochLength) external onlyOwner {
        if (newEpochLength == 0) revert InvalidEpochLength();
        _epoch.epochLength = newEpochLength;
        emit EpochLengthSet(newEpochLength);
    }

    /* ========== nodes ========== */

    /// A registered node publishes its own long-term BLS DKG encryption key, once per registration: only
    /// the node's own address can set it, and nobody can change it afterwards, so no other node (a DKG
    /// leader included) can put its key in an honest node's place.
    function setDkgKey(bytes calldata key) external {
        if (_position[msg.sender] == 0) revert NodeNotRegistered(msg.sender);
        if (key.length != DKG_KEY_LENGTH) revert InvalidDkgKey(key.length);
        if (_dkgKeys[msg.sender].length != 0) revert DkgKeyAlreadySet(msg.sender);
        _dkgKeys[msg.sender] = key;
        emit DkgKeySet(msg.sender);
    }

    /* ========== views ========== */

    function epoch() public view returns (Epoch memory) {
        return _epoch;
    }

    /// The corruption bound t.
    function threshold() public view returns (uint256) {
        if (_thresholdFixed) return _threshold;
        uint256 n = _nodes.length;
        return n == 0 ? 0 : (n - 1) / 3;
    }

    /// Whether the owner fixed t (otherwise it follows the node count).
    function thresholdFixed() external view returns (bool) {
        return _thresholdFixed;
    }

    /// The quorum q = 2t+1: how many nodes must take part in signing and decryption, and how many node
    /// signatures an attestation needs. (Lit computes floor(2n/3) here; Flint's protocols need 2t+1.)
    function currentValidatorCountForConsensus() public view returns (uint256) {
        return 2 * threshold() + 1;
    }

    /// The node addresses in registration order.
    function getValidatorsInCurrentEpoch() public view returns (address[] memory) {
        return _nodes;
    }

    function getValidatorsInCurrentEpochLength() external view returns (uint256) {
        return _nodes.length;
    }

    function getValidatorsStructsInCurrentEpoch() public view returns (Validator[] memory out) {
        out = new Validator[](_nodes.length);
        for (uint256 i = 0; i < _nodes.length; i++) {
            out[i] = _validators[_nodes[i]];
        }
    }

    /// Lit's lookup by address (Lit keys it by staker address; a Flint node is its own staker).
    function validators(address nodeAddress) external view returns (Validator memory) {
        return _validators[nodeAddress];
    }

    function isActiveValidator(address account) external view returns (bool) {
        return _position[account] != 0;
    }

    function isActiveValidatorByNodeAddress(address account) external view returns (bool) {
        return _position[account] != 0;
    }

    /// A node's DKG key; empty if it has not published one (or is not registered).
    function dkgKey(address nodeAddress) external view returns (bytes memory) {
        return _dkgKeys[nodeAddress];
    }

    /// Every node's DKG key in registration order (the order of getValidatorsInCurrentEpoch), empty where a
    /// node has not published one: the whole participant list of a DKG in one call.
    function getDkgKeys() external view returns (bytes[] memory keys) {
        keys = new bytes[](_nodes.length);
        for (uint256 i = 0; i < _nodes.length; i++) {
            keys[i] = _dkgKeys[_nodes[i]];
        }
    }

    /// The 1-based protocol index of a node, or 0 if it is not registered.
    function nodeIndex(address nodeAddress) external view returns (uint256) {
        return _position[nodeAddress];
    }

    /// What the Lit JS SDK reads to connect: the epoch, the quorum (its minNodeCount) and the nodes.
    function getActiveUnkickedValidatorStructsAndCounts()
        external
        view
        returns (Epoch memory, uint256, Validator[] memory)
    {
        return (_epoch, currentValidatorCountForConsensus(), getValidatorsStructsInCurrentEpoch());
    }

    /// Reverts unless signatures holds valid signatures over digest from at least a quorum of distinct
    /// registered nodes. Every signature must be valid and from a node; none may repeat a signer.
    function checkNodeSignatures(bytes32 digest, Signature[] calldata signatures) external view {
        uint256 needed = currentValidatorCountForConsensus();
        if (signatures.length < needed) revert NotEnoughSignatures(signatures.length, needed);
        uint256 seen;
        for (uint256 i = 0; i < signatures.length; i++) {
            (address signer, ECDSA.RecoverError err,) =
                ECDSA.tryRecover(digest, signatures[i].v, signatures[i].r, signatures[i].s);
            if (err != ECDSA.RecoverError.NoError) revert InvalidSignature(i);
            uint256 pos = _position[signer];
            if (pos == 0) revert UnknownSigner(signer);
            uint256 bit = 1 << (pos - 1);
            if (seen & bit != 0) revert DuplicateSigner(signer);
            seen |= bit;
        }
    }
}
