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
/// no changes (same set, same t) is a refresh: the same set gets new shares.
///
/// Periodic refresh: the epoch length is the refresh period. Once block.timestamp >= epoch().endTime, anyone
/// (in practice a node of the set) may lockForRefresh while nothing would change the set, and anyone may
/// advance a ready refresh lock: shares are renewed without the owner, so shares a corrupt node stole in one
/// epoch are useless after the next refresh. Membership changes still need the owner to lock and advance.
/// An epoch length of 0 turns the periodic refresh off.
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
    // Who holds an endpoint (ip << 32 | port), a transport key or a DKG key (by its hash): members and
    // approved joiners, so that no two nodes of the current and next sets share any of them. A node could
    // otherwise have honest nodes send it another node's messages, or be dealt shares under another node's
    // DKG key. Pending (unapproved) requests hold nothing, so a request that copies an honest joiner's
    // values in front of it does not lock the honest one out: the owner approves one, and the other's
    // approval is refused.
    mapping(uint64 endpoint => address) private _endpointHolder;
    mapping(uint256 transportKey => address) private _transportKeyHolder;
    mapping(bytes32 dkgKeyHash => address) private _dkgKeyHolder;
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
    mapping(address nodeAddress => bool) private _kicked; // the leave is the owner's: only the owner withdraws it

    // The locked next set.
    address[] private _next; // sorted by index
    // The next set's and the ready nodes' indices as bitmaps (bit i-1 for index i): an index belongs to one
    // node for ever, and one word each keeps a lock of MAX_INDEX nodes well under a transaction's gas cap.
    uint256 private _nextBits;
    uint256 private _readyBits;
    uint256 private _readyCount;
    uint256 private _nextThreshold;
    bool private _nextThresholdFixed;
    // Every lock gets a new number (aborted ones too), so a ready signal names the lock it answers: a
    // signal for an aborted lock, delivered late, must not count for the next lock of the same epoch.
    uint256 private _lockNumber;
    // Whether the locked next set is the current set with the same t (a refresh): anyone may advance it.
    bool private _refreshLock;

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
    error TransportKeyInUse(address holder);
    error DkgKeyInUse(address holder);
    error WrongLock(uint256 got, uint256 want);
    error JoinRequestChanged(address nodeAddress);
    error RefreshNotDue(uint256 now_, uint256 endTime);
    error RefreshDisabled();
    error NotARefresh();

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
        _checkEndpoint(nodeAddress, ip, port, senderPubKey, receiverPubKey);
        uint256 index = _newIndex();

        _nodes.push(nodeAddress);
        _position[nodeAddress] = _nodes.length;
        _index[nodeAddress] = index;
        _validators[nodeAddress] = _validator(ip, port, nodeAddress, senderPubKey, receiverPubKey);
        _claim(nodeAddress);
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

    /// Sets the epoch length in seconds: the period of the automatic refresh (lockForRefresh). 0 turns the
    /// automatic refresh off (the owner may still lock a refresh). A new length counts from now: the
    /// current epoch's endTime becomes block.timestamp + newEpochLength, so shortening the period does not
    /// make a refresh due at once, and lengthening it postpones the next one.
    function setEpochLength(uint256 newEpochLength) external onlyOwner {
        // Bounded so that block.timestamp + length cannot overflow.
        if (newEpochLength > type(uint64).max) revert InvalidEpochLength();
        _epoch.epochLength = newEpochLength;
        _epoch.endTime = block.timestamp + newEpochLength;
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
        // Refused early if a member or an approved joiner holds any of these; claimed only at approval.
        _checkEndpoint(node, ip, port, senderPubKey, receiverPubKey);
        _checkDkgKey(node, dkgKey_);

        _joins.push(node);
        _joinPosition[node] = _joins.length;
        _validators[node] = _validator(ip, port, node, senderPubKey, receiverPubKey);
        _dkgKeys[node] = dkgKey_;
        emit JoinRequested(node, ip, port);
    }

    /// The owner admits a requested join: the node enters the set at the next lock. Without approval anyone
    /// could join, since there is no stake. request is the joinRequestDigest of the request the owner
    /// reviewed: the node could otherwise withdraw it and ask again with other values (another endpoint,
    /// other keys) just before the approval, and be admitted with values nobody checked. Approval claims the
    /// node's endpoint and keys; it is refused if a member or another approved joiner holds one of them.
    function approveJoin(address nodeAddress, bytes32 request) external onlyOwner inState(States.Active) {
        if (_joinPosition[nodeAddress] == 0) revert NoJoinRequest(nodeAddress);
        if (request != joinRequestDigest(nodeAddress)) revert JoinRequestChanged(nodeAddress);
        _claim(nodeAddress);
        _joinApproved[nodeAddress] = true;
        emit JoinApproved(nodeAddress);
    }

    /// What approveJoin takes: keccak256(abi.encode(node, ip, port, senderPubKey, receiverPubKey,
    /// keccak256(dkgKey))) of a pending request (of zero values if there is none).
    function joinRequestDigest(address nodeAddress) public view returns (bytes32) {
        Validator storage v = _validators[nodeAddress];
        return keccak256(
            abi.encode(nodeAddress, v.ip, v.port, v.senderPubKey, v.receiverPubKey, keccak256(_dkgKeys[nodeAddress]))
        );
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

    /// Withdraws a leave: a node its own request to leave, the owner a leave or a kick. A kicked node cannot
    /// withdraw its kick.
    function cancelLeave(address nodeAddress) external inState(States.Active) {
        if (msg.sender != owner() && (msg.sender != nodeAddress || _kicked[nodeAddress])) {
            revert OwnableUnauthorizedAccount(msg.sender);
        }
        if (_leavePosition[nodeAddress] == 0) revert NoLeaveRequest(nodeAddress);
        _removeLeave(nodeAddress);
        emit LeaveCancelled(nodeAddress);
    }

    /* ========== epoch change ========== */

    /// Fixes the next set: the current set without the leavers, with the approved joiners (which get their
    /// indices here). nextThreshold 0 takes the default floor((n'-1)/3); any t' needs n' >= 3t'+1.
    function lockValidatorsForNextEpoch(uint256 nextThreshold) external onlyOwner inState(States.Active) {
        _lock(nextThreshold);
    }

    /// Locks a refresh (the same set, the same t) once the epoch is over (block.timestamp >= endTime).
    /// Anyone may call it: it changes nobody's membership, only makes the set reshare to itself. Refused
    /// (NotARefresh) while a leave, a kick or an approved join is pending: those are the owner's to lock.
    /// Pending unapproved join requests do not change the set and do not block it.
    function lockForRefresh() external inState(States.Active) {
        if (_epoch.epochLength == 0) revert RefreshDisabled();
        if (block.timestamp < _epoch.endTime) revert RefreshNotDue(block.timestamp, _epoch.endTime);
        if (_leaves.length != 0) revert NotARefresh();
        for (uint256 i = 0; i < _joins.length; i++) {
            if (_joinApproved[_joins[i]]) revert NotARefresh();
        }
        _lock(_thresholdFixed ? _threshold : 0);
    }

    /// Whether the locked next set is a refresh (the current set, the same t), which anyone may advance.
    function isRefreshLock() external view returns (bool) {
        return _refreshLock;
    }

    function _lock(uint256 nextThreshold) private {
        // Sorted by index through a table by index, not by sorting: joiners get indices in request order,
        // but an earlier, aborted lock may have given some lower ones, even below a member's if the owner
        // added a node since.
        address[MAX_INDEX + 1] memory byIndex;
        uint256 bits;
        bool changes;
        for (uint256 i = 0; i < _nodes.length; i++) {
            address a = _nodes[i];
            if (_leavePosition[a] == 0) {
                uint256 index = _index[a];
                byIndex[index] = a;
                bits |= 1 << (index - 1);
            } else {
                changes = true;
            }
        }
        for (uint256 i = 0; i < _joins.length; i++) {
            address a = _joins[i];
            if (!_joinApproved[a]) continue;
            changes = true;
            // An index given at an earlier, aborted lock stays the node's.
            uint256 index = _index[a];
            if (index == 0) {
                index = _newIndex();
                _index[a] = index;
            }
            byIndex[index] = a;
            bits |= 1 << (index - 1);
        }
        for (uint256 index = 1; index <= MAX_INDEX; index++) {
            if (byIndex[index] != address(0)) _next.push(byIndex[index]);
        }
        _nextBits = bits;
        uint256 n = _next.length;
        uint256 t = nextThreshold == 0 ? (n == 0 ? 0 : (n - 1) / 3) : nextThreshold;
        if (n == 0 || t > (type(uint256).max - 1) / 3 || n < 3 * t + 1) revert InvalidThreshold(t, n);
        _nextThreshold = t;
        _nextThresholdFixed = nextThreshold != 0;
        _refreshLock = !changes && t == threshold() && _nextThresholdFixed == _thresholdFixed;
        _lockNumber += 1;
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

    /// A next-set node says it stored its shares for epochNumber (the next epoch) from the reshare of lock
    /// number lock (lockNumber()). Once 3t'+1 have, at least 2t'+1 honest nodes hold new shares, and the
    /// epoch may advance.
    function signalReadyForNextEpoch(uint256 epochNumber, uint256 lock) external {
        if (state != States.NextValidatorSetLocked && state != States.ReadyForNextEpoch) {
            revert WrongState(state, States.NextValidatorSetLocked);
        }
        if (epochNumber != _epoch.number + 1) revert WrongNextEpoch(epochNumber, _epoch.number + 1);
        if (lock != _lockNumber) revert WrongLock(lock, _lockNumber);
        if (!_inNext(msg.sender)) revert NotInNextSet(msg.sender);
        uint256 bit = 1 << (_index[msg.sender] - 1);
        if (_readyBits & bit != 0) revert AlreadySignalledReady(msg.sender);
        _readyBits |= bit;
        _readyCount += 1;
        emit ReadyForNextEpochSignalled(msg.sender, epochNumber);
        if (state == States.NextValidatorSetLocked && _readyCount >= 3 * _nextThreshold + 1) {
            state = States.ReadyForNextEpoch;
            emit StateChanged(States.ReadyForNextEpoch);
        }
    }

    /// Starts the next epoch with the locked set, once it is ready: the current set becomes the next set,
    /// t becomes t', and the leavers are forgotten. Anyone may advance a refresh lock (isRefreshLock): it
    /// changes no membership, and the periodic refresh must not wait for the owner. Only the owner
    /// advances a lock that changes the set or t.
    function advanceEpoch() external {
        if (state != States.ReadyForNextEpoch) revert NotReadyForNextEpoch(state);
        if (!_refreshLock && msg.sender != owner()) revert NotARefresh();
        for (uint256 i = 0; i < _nodes.length; i++) {
            address a = _nodes[i];
            delete _position[a];
            if (!_inNext(a)) {
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
            address a = _leaves[_leaves.length - 1];
            delete _leavePosition[a];
            delete _kicked[a];
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
    /// Only while Active: a key published while a next set is locked would change that set's DKG
    /// participant list under the nodes' feet.
    function setDkgKey(bytes calldata key) external inState(States.Active) {
        if (_position[msg.sender] == 0) revert NodeNotRegistered(msg.sender);
        if (key.length != DKG_KEY_LENGTH) revert InvalidDkgKey(key.length);
        if (_dkgKeys[msg.sender].length != 0) revert DkgKeyAlreadySet(msg.sender);
        _checkDkgKey(msg.sender, key);
        _dkgKeys[msg.sender] = key;
        _dkgKeyHolder[keccak256(key)] = msg.sender;
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

    /// The number of the latest lock (aborted ones count): the lock a ready signal answers, and what names
    /// a reshare. 0 before the first lock.
    function lockNumber() external view returns (uint256) {
        return _lockNumber;
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
            ready[i] = _readyBits & (1 << (_index[_next[i]] - 1)) != 0;
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

    /// Checks an endpoint and transport keys, and that no other node holds them. receiverPubKey is Lit's
    /// second key: the transport key again or 0, never another node's key.
    function _checkEndpoint(address node, uint32 ip, uint32 port, uint256 senderPubKey, uint256 receiverPubKey)
        private
        view
    {
        if (ip == 0 || port == 0 || port > type(uint16).max) revert InvalidEndpoint(ip, port);
        if (senderPubKey == 0 || (receiverPubKey != 0 && receiverPubKey != senderPubKey)) {
            revert InvalidTransportKey();
        }
        address holder = _endpointHolder[(uint64(ip) << 32) | port];
        if (holder != address(0) && holder != node) revert EndpointInUse(ip, port);
        holder = _transportKeyHolder[senderPubKey];
        if (holder != address(0) && holder != node) revert TransportKeyInUse(holder);
    }

    function _checkDkgKey(address node, bytes memory key) private view {
        address holder = _dkgKeyHolder[keccak256(key)];
        if (holder != address(0) && holder != node) revert DkgKeyInUse(holder);
    }

    /// Makes node the holder of its endpoint, transport key and DKG key (if published), or reverts if another
    /// node holds one.
    function _claim(address node) private {
        Validator storage v = _validators[node];
        _checkEndpoint(node, v.ip, uint32(v.port), v.senderPubKey, v.receiverPubKey);
        _endpointHolder[(uint64(v.ip) << 32) | v.port] = node;
        _transportKeyHolder[v.senderPubKey] = node;
        bytes storage key = _dkgKeys[node];
        if (key.length != 0) {
            _checkDkgKey(node, key);
            _dkgKeyHolder[keccak256(key)] = node;
        }
    }

    /// Frees what node holds (nothing, for a request never approved: the values may be another's).
    function _release(address node) private {
        Validator storage v = _validators[node];
        uint64 endpoint = (uint64(v.ip) << 32) | v.port;
        if (_endpointHolder[endpoint] == node) delete _endpointHolder[endpoint];
        if (_transportKeyHolder[v.senderPubKey] == node) delete _transportKeyHolder[v.senderPubKey];
        bytes32 keyHash = keccak256(_dkgKeys[node]);
        if (_dkgKeyHolder[keyHash] == node) delete _dkgKeyHolder[keyHash];
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
        _release(node);
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

    /// A kick of a node that already asked to leave makes its leave a kick: otherwise a node that saw the
    /// kick coming could leave first (the kick then refused) and withdraw its own leave later.
    function _addLeave(address node, bool kicked) private {
        if (_position[node] == 0) revert NodeNotRegistered(node);
        if (_leavePosition[node] != 0) {
            if (!kicked || _kicked[node]) revert LeaveAlreadyRequested(node);
            _kicked[node] = true;
            emit LeaveRequested(node, true);
            return;
        }
        _leaves.push(node);
        _leavePosition[node] = _leaves.length;
        if (kicked) _kicked[node] = true;
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
        delete _kicked[node];
    }

    /// Whether node is in the locked next set (its index, which no other node ever had, is in the bitmap).
    function _inNext(address node) private view returns (bool) {
        uint256 index = _index[node];
        return index != 0 && _nextBits & (1 << (index - 1)) != 0;
    }

    function _clearNext() private {
        while (_next.length > 0) {
            _next.pop();
        }
        _nextBits = 0;
        _readyBits = 0;
        _readyCount = 0;
        _nextThreshold = 0;
        _nextThresholdFixed = false;
        _refreshLock = false;
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
