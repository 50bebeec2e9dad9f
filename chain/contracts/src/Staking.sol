// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {Signature, Validator, Epoch} from "./Types.sol";

/// @title Staking: the registry of the node set of a Flint network, and its epochs.
///
/// Named after Lit's Staking contract, whose discovery view (getActiveUnkickedValidatorStructsAndCounts) and
/// StateChanged event the Lit JS SDK uses to find the nodes. There is no stake and no token here: the owner
/// (the network's operator; a multisig in production) decides who is in the node set.
///
/// Node indices are stable: a node gets index = ++lastIndex when it first enters (the owner's addNode before
/// genesis, or an approved join at a lock), keeps it across epochs, and no other node ever gets it again, so a
/// share at index i always belongs to the same node. Indices stop at MAX_INDEX (the protocols' evaluation
/// points are one byte), so a network admits at most MAX_INDEX nodes over its lifetime. Node lists are
/// returned sorted by index.
///
/// Epochs (Lit's state machine): while Active, nodes request to join (with all their keys) or to leave, and
/// the owner approves joins and kicks nodes. lockValidatorsForNextEpoch fixes the next set (current - leavers
/// + approved joiners) and its threshold t'; the nodes reshare their keys to it, and every next-set node that
/// stored its new shares signals ready. Once 3t'+1 have, the state is ReadyForNextEpoch (2t'+1 honest nodes
/// then hold new shares, so old shares may go), and only then may the owner advance the epoch. A lock with
/// no changes is a refresh: the same set gets new shares.
///
/// Threshold: t is floor((n-1)/3) unless the owner fixes it, and n >= 3t+1 always holds: every agreement
/// argument of the nodes' protocols needs two sets of n - t nodes to share an honest one. The quorum
/// q = 2t+1 is what currentValidatorCountForConsensus() reports and what node attestations need.
///
/// DKG keys: each node publishes its own long-term BLS DKG encryption key here (setDkgKey, or with its join
/// request), and every node builds the BLS DKG's participant list from this registry itself. A key that
/// travelled in a leader's message could be swapped for the leader's own, letting it decrypt honest nodes'
/// shares.
contract Staking is Ownable {
    /// Lit's state machine. Flint uses Active, NextValidatorSetLocked and ReadyForNextEpoch.
    enum States {
        Active,
        NextValidatorSetLocked,
        ReadyForNextEpoch,
        Unlocked,
        Paused,
        Restore
    }

    /// At most this many nodes in a set.
    uint256 public constant MAX_NODES = 256;

    /// The largest node index: the protocols' share indices (evaluation points) are 1..255.
    uint256 public constant MAX_INDEX = 255;

    /// At most this many join requests wait at once, so that views over them stay bounded.
    uint256 public constant MAX_PENDING_JOINS = 64;

    /// A DKG key is a compressed BLS12-381 G1 point. The contract checks only its length; nodes check the
    /// point when they build the DKG.
    uint256 public constant DKG_KEY_LENGTH = 48;

    States public state;
    Epoch private _epoch;
    address[] private _nodes; // the current set, sorted by index
    mapping(address nodeAddress => uint256) private _position; // 1-based place in _nodes, 0 = not a member
    mapping(address nodeAddress => uint256) private _index; // stable index; set for members and locked joiners
    mapping(address nodeAddress => Validator) private _validators; // members and pending joiners
    mapping(uint64 endpoint => bool) private _endpointUsed; // ip << 32 | port, of members and pending joiners
    uint256 private _threshold;
    bool private _thresholdFixed;
    mapping(address nodeAddress => bytes) private _dkgKeys; // members (once published) and pending joiners
    uint256 private _lastIndex;

    // Requests for the next epoch.
    address[] private _joins; // pending join requests, in request order
    mapping(address nodeAddress => uint256) private _joinPosition; // 1-based place in _joins
    mapping(address nodeAddress => bool) private _joinApproved;
    address[] private _leaves; // members that leave (asked or kicked), in request order
    mapping(address nodeAddress => uint256) private _leavePosition; // 1-based place in _leaves

    // The locked next set.
    address[] private _next; // sorted by index
    mapping(address nodeAddress => uint256) private _nextPosition; // 1-based place in _next
    mapping(address nodeAddress => bool) private _ready;
    uint256 private _readyCount;
    uint256 private _nextThreshold;
    bool private _nextThresholdFixed;

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
    error WrongState(States current, States needed);
    error IndicesExhausted(uint256 maxIndex);
    error JoinAlreadyRequested(address nodeAddress);
    error NoJoinRequest(address nodeAddress);
    error TooManyPendingJoins(uint256 max);
    error LeaveAlreadyRequested(address nodeAddress);
    error NoLeaveRequest(address nodeAddress);
    error NotInNextSet(address nodeAddress);
    error AlreadySignalledReady(address nodeAddress);
    error WrongNextEpoch(uint256 got, uint256 want);
    error NotReadyForNextEpoch(States current);

    event StateChanged(States newState);
    event NodeAdded(address indexed nodeAddress, uint32 ip, uint32 port);
    event NodeRemoved(address indexed nodeAddress);
    event ThresholdSet(uint256 threshold, bool fixedByOwner);
    event EpochAdvanced(uint256 number);
    event EpochLengthSet(uint256 newEpochLength);
    event DkgKeySet(address indexed nodeAddress);
    event JoinRequested(address indexed nodeAddress, uint32 ip, uint32 port);
    event JoinApproved(address indexed nodeAddress);
    event JoinCancelled(address indexed nodeAddress);
    event LeaveRequested(address indexed nodeAddress, bool kicked);
    event LeaveCancelled(address indexed nodeAddress);
    event NextValidatorSetLocked(uint256 nextEpoch);
    event NextValidatorSetUnlocked(uint256 nextEpoch);
    event ReadyForNextEpochSignalled(address indexed nodeAddress, uint256 nextEpoch);

    constructor(address owner) Ownable(owner) {
        _epoch = Epoch({epochLength: 3600, number: 1, endTime: block.timestamp + 3600, retries: 0, timeout: 60});
        state = States.Active;
    }

    modifier inState(States needed) {
        if (state != needed) revert WrongState(state, needed);
        _;
    }

    /* ========== admin: the set before genesis ========== */

    /// Registers a node directly into the current set (setting up a network; a running network takes nodes
    /// through requestToJoin and an epoch change). senderPubKey is its ed25519 peer-transport key (32 bytes as
    /// a uint256); receiverPubKey may repeat it or be 0.
    function addNode(uint32 ip, uint32 port, address nodeAddress, uint256 senderPubKey, uint256 receiverPubKey)
        external
        onlyOwner
        inState(States.Active)
    {
        if (nodeAddress == address(0)) revert ZeroAddress();
        if (_position[nodeAddress] != 0 || _joinPosition[nodeAddress] != 0) {
            revert NodeAlreadyRegistered(nodeAddress);
        }
        if (_nodes.length >= MAX_NODES) revert TooManyNodes(MAX_NODES);
        _claimEndpoint(ip, port, senderPubKey);
        uint256 index = _newIndex();

        _nodes.push(nodeAddress);
        _position[nodeAddress] = _nodes.length;
        _index[nodeAddress] = index;
        _validators[nodeAddress] = _validator(ip, port, nodeAddress, senderPubKey, receiverPubKey);
        emit NodeAdded(nodeAddress, ip, port);
        // The Lit SDK re-reads the node list when it sees the network become Active.
        emit StateChanged(States.Active);
    }

    /// Removes a node from the current set at once; the others keep their indices and order. Its DKG key
    /// and index go with it, so that a node added again is a new node. A fixed t must still satisfy
    /// n >= 3t+1 afterwards.
    function removeNode(address nodeAddress) external onlyOwner inState(States.Active) {
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
        if (_leavePosition[nodeAddress] != 0) _removeLeave(nodeAddress);
        _forget(nodeAddress);
        emit NodeRemoved(nodeAddress);
        emit StateChanged(States.Active);
    }

    /// Fixes the corruption bound t; the current node count must satisfy n >= 3t+1.
    function setThreshold(uint256 t) external onlyOwner inState(States.Active) {
        uint256 n = _nodes.length;
        if (t > (type(uint256).max - 1) / 3 || n < 3 * t + 1) revert InvalidThreshold(t, n);
        _threshold = t;
        _thresholdFixed = true;
        emit ThresholdSet(t, true);
    }

    /// Returns to the default t = floor((n-1)/3).
    function useDefaultThreshold() external onlyOwner inState(States.Active) {
        _thresholdFixed = false;
        _threshold = 0;
        emit ThresholdSet(threshold(), false);
    }

    function setEpochLength(uint256 newEpochLength) external onlyOwner {
        if (newEpochLength == 0) revert InvalidEpochLength();
        _epoch.epochLength = newEpochLength;
        emit EpochLengthSet(newEpochLength);
    }

    /* ========== requests for the next epoch ========== */

    /// A node asks to join, from its own identity (msg.sender is the node's address), with its endpoint,
    /// transport key and long-term BLS DKG key. It enters at a lock once the owner approved it.
    function requestToJoin(
        uint32 ip,
        uint32 port,
        uint256 senderPubKey,
        uint256 receiverPubKey,
        bytes calldata dkgKey_
    ) external inState(States.Active) {
        address node = msg.sender;
        if (_position[node] != 0) revert NodeAlreadyRegistered(node);
        if (_joinPosition[node] != 0) revert JoinAlreadyRequested(node);
        if (_joins.length >= MAX_PENDING_JOINS) revert TooManyPendingJoins(MAX_PENDING_JOINS);
        if (dkgKey_.length != DKG_KEY_LENGTH) revert InvalidDkgKey(dkgKey_.length);
        _claimEndpoint(ip, port, senderPubKey);

        _joins.push(node);
        _joinPosition[node] = _joins.length;
        _validators[node] = _validator(ip, port, node, senderPubKey, receiverPubKey);
        _dkgKeys[node] = dkgKey_;
        emit JoinRequested(node, ip, port);
    }

    /// The owner admits a requested join: the node enters the set at the next lock. Without approval anyone
    /// could join, since there is no stake.
    function approveJoin(address nodeAddress) external onlyOwner inState(States.Active) {
        if (_joinPosition[nodeAddress] == 0) revert NoJoinRequest(nodeAddress);
        _joinApproved[nodeAddress] = true;
        emit JoinApproved(nodeAddress);
    }

    /// The requesting node withdraws its join request.
    function cancelJoin() external inState(States.Active) {
        _dropJoin(msg.sender);
    }

    /// The owner refuses a join request (approved or not).
    function rejectJoin(address nodeAddress) external onlyOwner inState(States.Active) {
        _dropJoin(nodeAddress);
    }

    /// A current node asks to leave at the next epoch.
    function requestToLeave() external inState(States.Active) {
        _addLeave(msg.sender, false);
    }

    /// The owner removes a node at the next epoch (Lit's name).
    function kickValidatorInNextEpoch(address nodeAddress) external onlyOwner inState(States.Active) {
        _addLeave(nodeAddress, true);
    }

    /// Withdraws a leave: by the node itself, or by the owner (for a kick or a leave alike).
    function cancelLeave(address nodeAddress) external inState(States.Active) {
        if (msg.sender != nodeAddress && msg.sender != owner()) revert OwnableUnauthorizedAccount(msg.sender);
        if (_leavePosition[nodeAddress] == 0) revert NoLeaveRequest(nodeAddress);
        _removeLeave(nodeAddress);
        emit LeaveCancelled(nodeAddress);
    }

    /* ========== epoch change ========== */

    /// Fixes the next set: the current set without the leavers, with the approved joiners (which get their
    /// indices here). nextThreshold 0 takes the default floor((n'-1)/3); any t' needs n' >= 3t'+1.
    function lockValidatorsForNextEpoch(uint256 nextThreshold) external onlyOwner inState(States.Active) {
        // Members in index order, then joiners in index order: every joiner's index is above every member's.
        for (uint256 i = 0; i < _nodes.length; i++) {
            address a = _nodes[i];
            if (_leavePosition[a] == 0) _pushNext(a);
        }
        for (uint256 i = 0; i < _joins.length; i++) {
            address a = _joins[i];
            // An index given at an earlier, aborted lock stays the node's.
            if (_joinApproved[a] && _index[a] == 0) _index[a] = _newIndex();
        }
        // Joiners get indices in request order, but an earlier lock may have given some lower ones: insert
        // each in order (at most MAX_PENDING_JOINS).
        uint256 members = _next.length;
        for (uint256 i = 0; i < _joins.length; i++) {
            address a = _joins[i];
            if (!_joinApproved[a]) continue;
            _pushNext(a);
            for (uint256 j = _next.length - 1; j > members && _index[_next[j - 1]] > _index[a]; j--) {
                _next[j] = _next[j - 1];
                _next[j - 1] = a;
            }
        }
        for (uint256 i = members; i < _next.length; i++) {
            _nextPosition[_next[i]] = i + 1;
        }
        uint256 n = _next.length;
        if (n > MAX_NODES) revert TooManyNodes(MAX_NODES);
        uint256 t = nextThreshold == 0 ? (n == 0 ? 0 : (n - 1) / 3) : nextThreshold;
        if (n == 0 || t > (type(uint256).max - 1) / 3 || n < 3 * t + 1) revert InvalidThreshold(t, n);
        _nextThreshold = t;
        _nextThresholdFixed = nextThreshold != 0;
        state = States.NextValidatorSetLocked;
        emit NextValidatorSetLocked(_epoch.number + 1);
        emit StateChanged(States.NextValidatorSetLocked);
    }

    /// Aborts a lock: back to Active, the next set and its readiness cleared. The requests stay pending.
    function unlockValidatorsForNextEpoch() external onlyOwner {
        if (state != States.NextValidatorSetLocked && state != States.ReadyForNextEpoch) {
            revert WrongState(state, States.NextValidatorSetLocked);
        }
        _clearNext();
        state = States.Active;
        emit NextValidatorSetUnlocked(_epoch.number + 1);
        emit StateChanged(States.Active);
    }

    /// A next-set node says it stored its shares for epochNumber (the next epoch). Once 3t'+1 have, at least
    /// 2t'+1 honest nodes hold new shares, and the epoch may advance.
    function signalReadyForNextEpoch(uint256 epochNumber) external {
        if (state != States.NextValidatorSetLocked && state != States.ReadyForNextEpoch) {
            revert WrongState(state, States.NextValidatorSetLocked);
        }
        if (epochNumber != _epoch.number + 1) revert WrongNextEpoch(epochNumber, _epoch.number + 1);
        if (_nextPosition[msg.sender] == 0) revert NotInNextSet(msg.sender);
        if (_ready[msg.sender]) revert AlreadySignalledReady(msg.sender);
        _ready[msg.sender] = true;
        _readyCount += 1;
        emit ReadyForNextEpochSignalled(msg.sender, epochNumber);
        if (state == States.NextValidatorSetLocked && _readyCount >= 3 * _nextThreshold + 1) {
            state = States.ReadyForNextEpoch;
            emit StateChanged(States.ReadyForNextEpoch);
        }
    }

    /// Starts the next epoch with the locked set, once it is ready: the current set becomes the next set,
    /// t becomes t', and the leavers are forgotten.
    function advanceEpoch() external onlyOwner {
        if (state != States.ReadyForNextEpoch) revert NotReadyForNextEpoch(state);
        for (uint256 i = 0; i < _nodes.length; i++) {
            address a = _nodes[i];
            delete _position[a];
            if (_nextPosition[a] == 0) {
                _forget(a);
                emit NodeRemoved(a);
            }
        }
        for (uint256 i = 0; i < _next.length; i++) {
            address a = _next[i];
            _position[a] = i + 1;
            if (_joinPosition[a] != 0) {
                _removeJoin(a);
                Validator storage v = _validators[a];
                emit NodeAdded(a, v.ip, v.port);
            }
        }
        _nodes = _next;
        while (_leaves.length > 0) {
            delete _leavePosition[_leaves[_leaves.length - 1]];
            _leaves.pop();
        }
        _threshold = _nextThreshold;
        _thresholdFixed = _nextThresholdFixed;
        _clearNext();

        _epoch.number += 1;
        _epoch.endTime = block.timestamp + _epoch.epochLength;
        _epoch.retries = 0;
        state = States.Active;
        emit EpochAdvanced(_epoch.number);
        emit StateChanged(States.Active);
    }

    /* ========== nodes ========== */

    /// A current node publishes its own long-term BLS DKG encryption key, once per membership: only the
    /// node's own address can set it, and nobody can change it afterwards, so no other node (a DKG leader
    /// included) can put its key in an honest node's place. Joiners publish theirs with requestToJoin.
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

    /// The corruption bound t of the current set.
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

    /// The current node addresses, sorted by index.
    function getValidatorsInCurrentEpoch() public view returns (address[] memory) {
        return _nodes;
    }

    function getValidatorsInCurrentEpochLength() external view returns (uint256) {
        return _nodes.length;
    }

    function getValidatorsStructsInCurrentEpoch() public view returns (Validator[] memory) {
        return _structs(_nodes);
    }

    /// The stable indices of the current nodes, in the order of getValidatorsInCurrentEpoch.
    function getValidatorIndicesInCurrentEpoch() external view returns (uint256[] memory) {
        return _indices(_nodes);
    }

    /// Lit's lookup by address (Lit keys it by staker address; a Flint node is its own staker). Pending
    /// joiners are listed too.
    function validators(address nodeAddress) external view returns (Validator memory) {
        return _validators[nodeAddress];
    }

    function isActiveValidator(address account) external view returns (bool) {
        return _position[account] != 0;
    }

    function isActiveValidatorByNodeAddress(address account) external view returns (bool) {
        return _position[account] != 0;
    }

    /// A node's DKG key; empty if it has not published one (or is neither a node nor a pending joiner).
    function dkgKey(address nodeAddress) external view returns (bytes memory) {
        return _dkgKeys[nodeAddress];
    }

    /// Every current node's DKG key in index order (the order of getValidatorsInCurrentEpoch), empty where a
    /// node has not published one: the whole participant list of a DKG in one call.
    function getDkgKeys() external view returns (bytes[] memory) {
        return _keys(_nodes);
    }

    /// The DKG keys of any nodes, members or pending joiners (empty where none is known): the next set's
    /// keys come from here.
    function dkgKeysOf(address[] calldata nodeAddresses) external view returns (bytes[] memory keys) {
        keys = new bytes[](nodeAddresses.length);
        for (uint256 i = 0; i < nodeAddresses.length; i++) {
            keys[i] = _dkgKeys[nodeAddresses[i]];
        }
    }

    /// The stable index of a current node or a locked joiner, or 0.
    function nodeIndex(address nodeAddress) external view returns (uint256) {
        return _index[nodeAddress];
    }

    /// The locked next set (empty unless the state is NextValidatorSetLocked or ReadyForNextEpoch): its epoch
    /// number, t', the nodes sorted by index with their indices, and which of them signalled ready.
    function getNextValidatorSet()
        external
        view
        returns (
            uint256 nextEpoch,
            uint256 nextThreshold,
            Validator[] memory nodes,
            uint256[] memory indices,
            bool[] memory ready
        )
    {
        nextEpoch = _epoch.number + 1;
        nextThreshold = _nextThreshold;
        nodes = _structs(_next);
        indices = _indices(_next);
        ready = new bool[](_next.length);
        for (uint256 i = 0; i < _next.length; i++) {
            ready[i] = _ready[_next[i]];
        }
    }

    /// The pending join requests in request order, whether the owner approved each, and their DKG keys.
    function getPendingJoins()
        external
        view
        returns (Validator[] memory nodes, bool[] memory approved, bytes[] memory dkgKeys)
    {
        nodes = _structs(_joins);
        dkgKeys = _keys(_joins);
        approved = new bool[](_joins.length);
        for (uint256 i = 0; i < _joins.length; i++) {
            approved[i] = _joinApproved[_joins[i]];
        }
    }

    /// The current nodes that leave at the next epoch (asked or kicked), in request order.
    function getPendingLeaves() external view returns (address[] memory) {
        return _leaves;
    }

    /// What the Lit JS SDK reads to connect: the epoch, the quorum (its minNodeCount) and the current nodes.
    function getActiveUnkickedValidatorStructsAndCounts()
        external
        view
        returns (Epoch memory, uint256, Validator[] memory)
    {
        return (_epoch, currentValidatorCountForConsensus(), getValidatorsStructsInCurrentEpoch());
    }

    /// Reverts unless signatures holds valid signatures over digest from at least a quorum of distinct
    /// current nodes. Every signature must be valid and from a node; none may repeat a signer. Duplicates are
    /// found by stable index, which is at most MAX_INDEX and so fits the one-word bitmap.
    function checkNodeSignatures(bytes32 digest, Signature[] calldata signatures) external view {
        uint256 needed = currentValidatorCountForConsensus();
        if (signatures.length < needed) revert NotEnoughSignatures(signatures.length, needed);
        uint256 seen;
        for (uint256 i = 0; i < signatures.length; i++) {
            (address signer, ECDSA.RecoverError err,) =
                ECDSA.tryRecover(digest, signatures[i].v, signatures[i].r, signatures[i].s);
            if (err != ECDSA.RecoverError.NoError) revert InvalidSignature(i);
            if (_position[signer] == 0) revert UnknownSigner(signer);
            uint256 bit = 1 << (_index[signer] - 1);
            if (seen & bit != 0) revert DuplicateSigner(signer);
            seen |= bit;
        }
    }

    /* ========== internals ========== */

    function _newIndex() private returns (uint256) {
        if (_lastIndex >= MAX_INDEX) revert IndicesExhausted(MAX_INDEX);
        return ++_lastIndex;
    }

    /// Checks an endpoint and transport key and reserves the endpoint.
    function _claimEndpoint(uint32 ip, uint32 port, uint256 senderPubKey) private {
        if (ip == 0 || port == 0 || port > type(uint16).max) revert InvalidEndpoint(ip, port);
        uint64 endpoint = (uint64(ip) << 32) | port;
        if (_endpointUsed[endpoint]) revert EndpointInUse(ip, port);
        if (senderPubKey == 0) revert InvalidTransportKey();
        _endpointUsed[endpoint] = true;
    }

    function _validator(uint32 ip, uint32 port, address node, uint256 senderPubKey, uint256 receiverPubKey)
        private
        pure
        returns (Validator memory)
    {
        return Validator({
            ip: ip,
            ipv6: 0,
            port: port,
            nodeAddress: node,
            reward: 0,
            senderPubKey: senderPubKey,
            receiverPubKey: receiverPubKey
        });
    }

    /// Drops everything the registry knows of a node that is no longer a member or joiner.
    function _forget(address node) private {
        Validator storage v = _validators[node];
        delete _endpointUsed[(uint64(v.ip) << 32) | v.port];
        delete _validators[node];
        delete _position[node];
        delete _index[node];
        delete _dkgKeys[node];
    }

    function _dropJoin(address node) private {
        if (_joinPosition[node] == 0) revert NoJoinRequest(node);
        _removeJoin(node);
        _forget(node);
        emit JoinCancelled(node);
    }

    /// Removes a join request from the list, keeping the order of the others.
    function _removeJoin(address node) private {
        uint256 pos = _joinPosition[node];
        for (uint256 i = pos; i < _joins.length; i++) {
            _joins[i - 1] = _joins[i];
            _joinPosition[_joins[i - 1]] = i;
        }
        _joins.pop();
        delete _joinPosition[node];
        delete _joinApproved[node];
    }

    function _addLeave(address node, bool kicked) private {
        if (_position[node] == 0) revert NodeNotRegistered(node);
        if (_leavePosition[node] != 0) revert LeaveAlreadyRequested(node);
        _leaves.push(node);
        _leavePosition[node] = _leaves.length;
        emit LeaveRequested(node, kicked);
    }

    function _removeLeave(address node) private {
        uint256 pos = _leavePosition[node];
        for (uint256 i = pos; i < _leaves.length; i++) {
            _leaves[i - 1] = _leaves[i];
            _leavePosition[_leaves[i - 1]] = i;
        }
        _leaves.pop();
        delete _leavePosition[node];
    }

    function _pushNext(address node) private {
        _next.push(node);
        _nextPosition[node] = _next.length;
    }

    function _clearNext() private {
        while (_next.length > 0) {
            address a = _next[_next.length - 1];
            delete _nextPosition[a];
            delete _ready[a];
            _next.pop();
        }
        _readyCount = 0;
        _nextThreshold = 0;
        _nextThresholdFixed = false;
    }

    function _structs(address[] storage list) private view returns (Validator[] memory out) {
        out = new Validator[](list.length);
        for (uint256 i = 0; i < list.length; i++) {
            out[i] = _validators[list[i]];
        }
    }

    function _indices(address[] storage list) private view returns (uint256[] memory out) {
        out = new uint256[](list.length);
        for (uint256 i = 0; i < list.length; i++) {
            out[i] = _index[list[i]];
        }
    }

    function _keys(address[] storage list) private view returns (bytes[] memory out) {
        out = new bytes[](list.length);
        for (uint256 i = 0; i < list.length; i++) {
            out[i] = _dkgKeys[list[i]];
        }
    }
}
