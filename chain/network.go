package chain

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"math/big"
	"net/netip"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain/bindings"
)

// Node is one registered node.
type Node struct {
	// Index is the node's stable protocol index (1..MaxIndex): given when it first entered the set, kept
	// across epochs, never given to another node.
	Index        int
	Address      common.Address // the node's secp256k1 identity; it signs attestations
	IP           netip.Addr     // IPv4
	Port         uint16
	TransportKey ed25519.PublicKey // peer-transport key (Lit's senderPubKey)
	ReceiverKey  [32]byte          // Lit's receiverPubKey: the transport key again, or zero
	// DKGKey is the node's long-term BLS DKG encryption key as the node itself published it
	// (DKGKeySize bytes), or empty until it does.
	DKGKey []byte
}

// DKGKeySize is the size of a node's DKG key: a compressed BLS12-381 G1 point. The registry checks the
// size only; whoever uses a key checks the point.
const DKGKeySize = 48

// URL is the node's client URL as the Lit SDK builds it: http://ip:port, or https on port 443.
func (n Node) URL() string {
	scheme := "http"
	if n.Port == 443 {
		scheme = "https"
	}
	return scheme + "://" + netip.AddrPortFrom(n.IP, n.Port).String()
}

// Epoch is the network's current epoch.
type Epoch struct {
	Number  uint64
	Length  time.Duration
	EndTime time.Time
	Retries uint64
	Timeout time.Duration
}

// Network is one consistent view of the registry: the epoch, the corruption bound t, the quorum q = 2t+1,
// the current nodes sorted by index, the epoch-change state, and the locked next set.
type Network struct {
	Epoch     Epoch
	Threshold int
	Quorum    int
	Nodes     []Node
	State     StakingState
	// Next is the locked next set while State is NextValidatorSetLocked or ReadyForNextEpoch, else nil.
	Next *NextSet
}

// NextSet is the node set locked for the next epoch: the nodes the keys are reshared to.
type NextSet struct {
	Epoch uint64 // the epoch it serves (the current one + 1)
	// Lock is the lock's number (the registry's lockNumber): every lock, aborted ones included, gets a new
	// one, so a reshare is named by (Epoch, Lock) and a ready signal counts only for the lock it names.
	Lock      uint64
	Threshold int    // t'
	Quorum    int    // 2t'+1
	Nodes     []Node // sorted by stable index, with DKG keys (joiners published theirs with the request)
	Ready     []common.Address
	// Refresh says the lock is a refresh (the current set with the same t, isRefreshLock): anyone may
	// advance it once ready, where a lock that changes the set waits for the owner.
	Refresh bool
}

// StakingState is the registry's epoch-change state (Lit's Staking.States).
type StakingState uint8

// The registry's states; Flint uses the first three.
const (
	Active StakingState = iota
	NextValidatorSetLocked
	ReadyForNextEpoch
	Unlocked
	Paused
	Restore
)

func (s StakingState) String() string {
	switch s {
	case Active:
		return "Active"
	case NextValidatorSetLocked:
		return "NextValidatorSetLocked"
	case ReadyForNextEpoch:
		return "ReadyForNextEpoch"
	case Unlocked:
		return "Unlocked"
	case Paused:
		return "Paused"
	case Restore:
		return "Restore"
	}
	return "State(" + strconv.Itoa(int(s)) + ")"
}

// MaxIndex is the largest stable node index (the registry's MAX_INDEX): the protocols' share indices are
// one byte.
const MaxIndex = 255

// Network reads the registry through Lit's discovery view, the same call the Lit SDK makes, with the
// nodes' stable indices and DKG keys, the epoch-change state and, while one is locked, the next set. Every
// call reads the same block, so that the parts line up.
func (c *Client) Network(ctx context.Context) (*Network, error) {
	const op = "getActiveUnkickedValidatorStructsAndCounts"
	head, err := c.eth.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("chain: %s: latest block: %w", op, err)
	}
	opts := &bind.CallOpts{Context: ctx, BlockHash: head.Hash()}
	data, err := c.stakingABI.TryPackGetActiveUnkickedValidatorStructsAndCounts()
	if err != nil {
		return nil, fmt.Errorf("chain: %s: %w", op, err)
	}
	raw, err := c.staking.CallRaw(opts, data)
	if err != nil {
		return nil, wrapErr(op, err)
	}
	nw, err := parseNetwork(raw)
	if err != nil {
		return nil, fmt.Errorf("chain: %s: %w", op, err)
	}
	const idxOp = "getValidatorIndicesInCurrentEpoch"
	raw, err = c.staking.CallRaw(opts, c.stakingABI.PackGetValidatorIndicesInCurrentEpoch())
	if err != nil {
		return nil, wrapErr(idxOp, err)
	}
	if err := setIndices(nw.Nodes, raw); err != nil {
		return nil, fmt.Errorf("chain: %s: %w", idxOp, err)
	}
	const keysOp = "getDkgKeys"
	raw, err = c.staking.CallRaw(opts, c.stakingABI.PackGetDkgKeys())
	if err != nil {
		return nil, wrapErr(keysOp, err)
	}
	if err := setDKGKeys(nw, raw); err != nil {
		return nil, fmt.Errorf("chain: %s: %w", keysOp, err)
	}
	const stateOp = "state"
	raw, err = c.staking.CallRaw(opts, c.stakingABI.PackState())
	if err != nil {
		return nil, wrapErr(stateOp, err)
	}
	st, err := c.stakingABI.UnpackState(raw)
	if err != nil {
		return nil, fmt.Errorf("chain: %s: %w", stateOp, err)
	}
	nw.State = StakingState(st)
	if nw.State == NextValidatorSetLocked || nw.State == ReadyForNextEpoch {
		if nw.Next, err = c.nextSet(opts); err != nil {
			return nil, err
		}
		if nw.Next.Epoch != nw.Epoch.Number+1 {
			return nil, fmt.Errorf("chain: getNextValidatorSet: next epoch %d after epoch %d", nw.Next.Epoch, nw.Epoch.Number)
		}
	}
	return nw, nil
}

// EpochMark is the part of the registry an epoch change moves: its state
// and its lock number (each lock takes a new one), two calls where Network
// makes several. A node reads it at every new block and reads Network again
// when it moved.
type EpochMark struct {
	State StakingState
	Lock  uint64
}

// EpochMark reads the registry's state and lock number at the latest block.
func (c *Client) EpochMark(ctx context.Context) (EpochMark, error) {
	opts := &bind.CallOpts{Context: ctx}
	const stateOp = "state"
	raw, err := c.staking.CallRaw(opts, c.stakingABI.PackState())
	if err != nil {
		return EpochMark{}, wrapErr(stateOp, err)
	}
	st, err := c.stakingABI.UnpackState(raw)
	if err != nil {
		return EpochMark{}, fmt.Errorf("chain: %s: %w", stateOp, err)
	}
	const lockOp = "lockNumber"
	if raw, err = c.staking.CallRaw(opts, c.stakingABI.PackLockNumber()); err != nil {
		return EpochMark{}, wrapErr(lockOp, err)
	}
	lock, err := stakingABI.UnpackLockNumber(raw)
	if err != nil {
		return EpochMark{}, fmt.Errorf("chain: %s: %w", lockOp, err)
	}
	if lock == nil || !lock.IsUint64() {
		return EpochMark{}, fmt.Errorf("chain: %s: %v out of range", lockOp, lock)
	}
	return EpochMark{State: StakingState(st), Lock: lock.Uint64()}, nil
}

// nextSet reads the locked next set and its nodes' DKG keys at opts' block.
func (c *Client) nextSet(opts *bind.CallOpts) (*NextSet, error) {
	const op = "getNextValidatorSet"
	raw, err := c.staking.CallRaw(opts, c.stakingABI.PackGetNextValidatorSet())
	if err != nil {
		return nil, wrapErr(op, err)
	}
	next, err := parseNextSet(raw)
	if err != nil {
		return nil, fmt.Errorf("chain: %s: %w", op, err)
	}
	addrs := make([]common.Address, len(next.Nodes))
	for i, n := range next.Nodes {
		addrs[i] = n.Address
	}
	const keysOp = "dkgKeysOf"
	data, err := c.stakingABI.TryPackDkgKeysOf(addrs)
	if err != nil {
		return nil, fmt.Errorf("chain: %s: %w", keysOp, err)
	}
	if raw, err = c.staking.CallRaw(opts, data); err != nil {
		return nil, wrapErr(keysOp, err)
	}
	keys, err := stakingABI.UnpackDkgKeysOf(raw)
	if err == nil {
		err = setKeys(next.Nodes, keys)
	}
	if err != nil {
		return nil, fmt.Errorf("chain: %s: %w", keysOp, err)
	}
	const lockOp = "lockNumber"
	if raw, err = c.staking.CallRaw(opts, c.stakingABI.PackLockNumber()); err != nil {
		return nil, wrapErr(lockOp, err)
	}
	lock, err := stakingABI.UnpackLockNumber(raw)
	if err != nil {
		return nil, fmt.Errorf("chain: %s: %w", lockOp, err)
	}
	if lock == nil || !lock.IsUint64() || lock.Sign() == 0 {
		return nil, fmt.Errorf("chain: %s: %v while a next set is locked", lockOp, lock)
	}
	next.Lock = lock.Uint64()
	const refreshOp = "isRefreshLock"
	if raw, err = c.staking.CallRaw(opts, c.stakingABI.PackIsRefreshLock()); err != nil {
		return nil, wrapErr(refreshOp, err)
	}
	if next.Refresh, err = stakingABI.UnpackIsRefreshLock(raw); err != nil {
		return nil, fmt.Errorf("chain: %s: %w", refreshOp, err)
	}
	return next, nil
}

// parseNextSet decodes and checks the result of getNextValidatorSet.
func parseNextSet(raw []byte) (*NextSet, error) {
	out, err := stakingABI.UnpackGetNextValidatorSet(raw)
	if err != nil {
		return nil, err
	}
	if out.NextEpoch == nil || !out.NextEpoch.IsUint64() {
		return nil, fmt.Errorf("next epoch %v out of range", out.NextEpoch)
	}
	n := len(out.Nodes)
	if n == 0 || n > maxNodes || len(out.Indices) != n || len(out.Ready) != n {
		return nil, fmt.Errorf("next set of %d nodes, %d indices, %d ready flags", n, len(out.Indices), len(out.Ready))
	}
	t := out.NextThreshold
	if t == nil || !t.IsInt64() || n < 3*int(t.Int64())+1 {
		return nil, fmt.Errorf("next threshold %v for %d nodes breaks n >= 3t+1", t, n)
	}
	next := &NextSet{Epoch: out.NextEpoch.Uint64(), Threshold: int(t.Int64()), Quorum: 2*int(t.Int64()) + 1}
	if next.Nodes, err = toNodes(out.Nodes); err != nil {
		return nil, err
	}
	if err := setIndexList(next.Nodes, out.Indices); err != nil {
		return nil, err
	}
	for i, r := range out.Ready {
		if r {
			next.Ready = append(next.Ready, next.Nodes[i].Address)
		}
	}
	return next, nil
}

// setIndices decodes the result of getValidatorIndicesInCurrentEpoch onto nodes (in the same order).
func setIndices(nodes []Node, raw []byte) error {
	idx, err := stakingABI.UnpackGetValidatorIndicesInCurrentEpoch(raw)
	if err != nil {
		return err
	}
	return setIndexList(nodes, idx)
}

// setIndexList gives nodes their stable indices, which must be 1..MaxIndex and strictly increasing (the
// registry lists nodes sorted by index), so no two nodes share one.
func setIndexList(nodes []Node, idx []*big.Int) error {
	if len(idx) != len(nodes) {
		return fmt.Errorf("%d indices for %d nodes", len(idx), len(nodes))
	}
	prev := 0
	for i, x := range idx {
		if x == nil || !x.IsInt64() || x.Int64() <= int64(prev) || x.Int64() > MaxIndex {
			return fmt.Errorf("node %s: index %v out of range or order (1..%d, increasing)", nodes[i].Address, x, MaxIndex)
		}
		prev = int(x.Int64())
		nodes[i].Index = prev
	}
	return nil
}

// setDKGKeys decodes the result of getDkgKeys (one key per node, in node order) onto the nodes of nw.
func setDKGKeys(nw *Network, raw []byte) error {
	keys, err := stakingABI.UnpackGetDkgKeys(raw)
	if err != nil {
		return err
	}
	return setKeys(nw.Nodes, keys)
}

// setKeys puts one DKG key per node (in node order) on nodes; an empty key is one not published yet.
func setKeys(nodes []Node, keys [][]byte) error {
	if len(keys) != len(nodes) {
		return fmt.Errorf("%d DKG keys for %d nodes", len(keys), len(nodes))
	}
	for i, k := range keys {
		switch len(k) {
		case 0: // not published yet
		case DKGKeySize:
			nodes[i].DKGKey = k
		default:
			return fmt.Errorf("node %s: DKG key of %d bytes, want %d", nodes[i].Address, len(k), DKGKeySize)
		}
	}
	return nil
}

// stakingABI decodes the registry's answers; parseNetwork uses it without a client.
var stakingABI = bindings.NewStaking()

// parseNetwork decodes and checks the ABI-encoded result of getActiveUnkickedValidatorStructsAndCounts.
func parseNetwork(raw []byte) (*Network, error) {
	out, err := stakingABI.UnpackGetActiveUnkickedValidatorStructsAndCounts(raw)
	if err != nil {
		return nil, err
	}
	q := out.Arg1
	if q == nil || !q.IsInt64() || q.Int64() < 1 || q.Int64()%2 == 0 || q.Int64() > 2*maxNodes+1 {
		return nil, fmt.Errorf("quorum %v is not 2t+1", q)
	}
	ep, err := toEpoch(out.Arg0)
	if err != nil {
		return nil, err
	}
	if len(out.Arg2) > maxNodes {
		return nil, fmt.Errorf("%d nodes, at most %d", len(out.Arg2), maxNodes)
	}
	nw := &Network{Epoch: ep, Quorum: int(q.Int64()), Threshold: int(q.Int64()-1) / 2}
	if nw.Nodes, err = toNodes(out.Arg2); err != nil {
		return nil, err
	}
	return nw, nil
}

// toNodes decodes a node list, numbering the nodes 1..n by position until their stable indices are set.
func toNodes(vs []bindings.Validator) ([]Node, error) {
	var nodes []Node
	seen := make(map[common.Address]bool, len(vs))
	for i, v := range vs {
		n, err := toNode(i+1, v)
		if err != nil {
			return nil, err
		}
		if n.Address == (common.Address{}) || seen[n.Address] {
			return nil, fmt.Errorf("node %s: zero or listed twice", n.Address)
		}
		seen[n.Address] = true
		nodes = append(nodes, n)
	}
	return nodes, nil
}

// maxNodes is the registry's MAX_NODES.
const maxNodes = 256

func toEpoch(e bindings.Epoch) (Epoch, error) {
	for _, v := range []*big.Int{e.EpochLength, e.Number, e.EndTime, e.Retries, e.Timeout} {
		// Durations in seconds must also fit a time.Duration.
		if v == nil || !v.IsInt64() || v.Sign() < 0 || v.Int64() > int64(time.Duration(1<<62)/time.Second) {
			return Epoch{}, fmt.Errorf("epoch field %s out of range", v)
		}
	}
	return Epoch{
		Number:  e.Number.Uint64(),
		Length:  time.Duration(e.EpochLength.Int64()) * time.Second,
		EndTime: time.Unix(e.EndTime.Int64(), 0),
		Retries: e.Retries.Uint64(),
		Timeout: time.Duration(e.Timeout.Int64()) * time.Second,
	}, nil
}

func toNode(index int, v bindings.Validator) (Node, error) {
	if v.Port == 0 || v.Port > 65535 {
		return Node{}, fmt.Errorf("node %s: port %d", v.NodeAddress, v.Port)
	}
	if v.SenderPubKey == nil || v.ReceiverPubKey == nil || v.SenderPubKey.Sign() < 0 || v.SenderPubKey.BitLen() > 256 || v.ReceiverPubKey.Sign() < 0 || v.ReceiverPubKey.BitLen() > 256 {
		return Node{}, fmt.Errorf("node %s: transport key out of range", v.NodeAddress)
	}
	ip := v.Ip
	n := Node{
		Index:        index,
		Address:      v.NodeAddress,
		IP:           netip.AddrFrom4([4]byte{byte(ip >> 24), byte(ip >> 16), byte(ip >> 8), byte(ip)}),
		Port:         uint16(v.Port),
		TransportKey: ed25519.PublicKey(common.BigToHash(v.SenderPubKey).Bytes()),
		ReceiverKey:  common.BigToHash(v.ReceiverPubKey),
	}
	return n, nil
}

// NodeSpec registers a node: its IPv4 endpoint, its identity address, its ed25519 transport key and (for
// a join request) its long-term BLS DKG key.
type NodeSpec struct {
	AddrPort     netip.AddrPort
	Address      common.Address
	TransportKey ed25519.PublicKey
	DKGKey       []byte // DKGKeySize bytes; RequestToJoin needs it, AddNode ignores it (see SetDKGKey)
}

// endpoint checks a spec's endpoint and transport key and encodes them as the registry takes them.
func (n NodeSpec) endpoint(op string) (ip, port uint32, key *big.Int, err error) {
	a := n.AddrPort.Addr().Unmap()
	if !a.Is4() {
		return 0, 0, nil, fmt.Errorf("chain: %s: %w: %s is not IPv4", op, ErrInvalidEndpoint, n.AddrPort)
	}
	if len(n.TransportKey) != ed25519.PublicKeySize {
		return 0, 0, nil, fmt.Errorf("chain: %s: %w: %d bytes", op, ErrInvalidTransportKey, len(n.TransportKey))
	}
	b := a.As4()
	ip = uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	return ip, uint32(n.AddrPort.Port()), new(big.Int).SetBytes(n.TransportKey), nil
}

// AddNode puts a node straight into the current set with the next stable index (owner only, while the
// registry is Active): for setting up a network before genesis. A running network takes nodes through
// RequestToJoin and an epoch change. Lit's receiverPubKey gets the transport key too.
func (c *Client) AddNode(ctx context.Context, auth *bind.TransactOpts, n NodeSpec) (*types.Receipt, error) {
	ip, port, key, err := n.endpoint("addNode")
	if err != nil {
		return nil, err
	}
	data, err := c.stakingABI.TryPackAddNode(ip, port, n.Address, key, key)
	return c.transact(ctx, auth, c.staking, "addNode", data, err, nil)
}

// RequestToJoin asks for the node's admission at a coming epoch, with its endpoint, transport key and DKG
// key (all of n). auth must sign with the node's own identity key: the registry takes the sender as the
// node's address, so n.Address, if set, must be auth.From. The owner then approves the join (ApproveJoin)
// and locks the next set.
func (c *Client) RequestToJoin(ctx context.Context, auth *bind.TransactOpts, n NodeSpec) (*types.Receipt, error) {
	const op = "requestToJoin"
	if n.Address != (common.Address{}) && n.Address != auth.From {
		return nil, fmt.Errorf("chain: %s: %w: node %s must send its own request, not %s", op, ErrInvalidConfig, n.Address, auth.From)
	}
	if len(n.DKGKey) != DKGKeySize {
		return nil, fmt.Errorf("chain: %s: %w: %d bytes", op, ErrInvalidDKGKey, len(n.DKGKey))
	}
	ip, port, key, err := n.endpoint(op)
	if err != nil {
		return nil, err
	}
	data, err := c.stakingABI.TryPackRequestToJoin(ip, port, key, key, n.DKGKey)
	return c.transact(ctx, auth, c.staking, op, data, err, nil)
}

// CancelJoin withdraws the sender's own join request.
func (c *Client) CancelJoin(ctx context.Context, auth *bind.TransactOpts) (*types.Receipt, error) {
	data, err := c.stakingABI.TryPackCancelJoin()
	return c.transact(ctx, auth, c.staking, "cancelJoin", data, err, nil)
}

// ApproveJoin admits the join request j, as PendingChanges showed it, at the next lock (owner only): there
// is no stake, so without approval anyone could join. The registry approves only the request with exactly
// j's endpoint and keys (ErrJoinChanged if the node asked again with other values since), and only if no
// member or approved joiner holds its endpoint (ErrInvalidEndpoint), transport key (ErrTransportKeyInUse)
// or DKG key (ErrDKGKeyInUse).
func (c *Client) ApproveJoin(ctx context.Context, auth *bind.TransactOpts, j PendingJoin) (*types.Receipt, error) {
	const op = "approveJoin"
	digest, err := JoinRequestDigest(j.Node)
	if err != nil {
		return nil, fmt.Errorf("chain: %s: %w", op, err)
	}
	data, err := c.stakingABI.TryPackApproveJoin(j.Address, digest)
	return c.transact(ctx, auth, c.staking, op, data, err, nil)
}

// JoinRequestDigest is what the registry's approveJoin takes for the join request of n (its address,
// endpoint, transport keys and DKG key): keccak256(abi.encode(address, ip, port, senderPubKey,
// receiverPubKey, keccak256(dkgKey))).
func JoinRequestDigest(n Node) ([32]byte, error) {
	a := n.IP.Unmap()
	if !a.Is4() || len(n.TransportKey) != ed25519.PublicKeySize {
		return [32]byte{}, fmt.Errorf("%w: node %s: endpoint %s or transport key of %d bytes", ErrInvalidConfig, n.Address, n.IP, len(n.TransportKey))
	}
	ip := a.As4()
	word := func(b []byte) []byte { return common.LeftPadBytes(b, 32) }
	enc := make([]byte, 0, 6*32)
	enc = append(enc, word(n.Address.Bytes())...)
	enc = append(enc, word(ip[:])...)
	enc = append(enc, word([]byte{byte(n.Port >> 8), byte(n.Port)})...)
	enc = append(enc, n.TransportKey...)
	enc = append(enc, n.ReceiverKey[:]...)
	enc = append(enc, crypto.Keccak256(n.DKGKey)...)
	return crypto.Keccak256Hash(enc), nil
}

// RejectJoin drops a join request (owner only).
func (c *Client) RejectJoin(ctx context.Context, auth *bind.TransactOpts, node common.Address) (*types.Receipt, error) {
	data, err := c.stakingABI.TryPackRejectJoin(node)
	return c.transact(ctx, auth, c.staking, "rejectJoin", data, err, nil)
}

// RequestToLeave asks that the sender, a current node, leave at the next epoch.
func (c *Client) RequestToLeave(ctx context.Context, auth *bind.TransactOpts) (*types.Receipt, error) {
	data, err := c.stakingABI.TryPackRequestToLeave()
	return c.transact(ctx, auth, c.staking, "requestToLeave", data, err, nil)
}

// KickNextEpoch removes a node at the next epoch (owner only; Lit's kickValidatorInNextEpoch).
func (c *Client) KickNextEpoch(ctx context.Context, auth *bind.TransactOpts, node common.Address) (*types.Receipt, error) {
	data, err := c.stakingABI.TryPackKickValidatorInNextEpoch(node)
	return c.transact(ctx, auth, c.staking, "kickValidatorInNextEpoch", data, err, nil)
}

// CancelLeave withdraws a leave or a kick (by the node itself or the owner).
func (c *Client) CancelLeave(ctx context.Context, auth *bind.TransactOpts, node common.Address) (*types.Receipt, error) {
	data, err := c.stakingABI.TryPackCancelLeave(node)
	return c.transact(ctx, auth, c.staking, "cancelLeave", data, err, nil)
}

// LockNextEpoch fixes the next set (owner only): the current nodes without the leavers, with the approved
// joiners. t is its corruption bound t' (0 takes floor((n'-1)/3)); n' >= 3t'+1 must hold
// (ErrInvalidThreshold). With no pending changes it locks the same set again: a refresh.
func (c *Client) LockNextEpoch(ctx context.Context, auth *bind.TransactOpts, t int) (*types.Receipt, error) {
	if t < 0 || t > MaxIndex {
		return nil, fmt.Errorf("chain: lockValidatorsForNextEpoch: %w: t' = %d", ErrInvalidThreshold, t)
	}
	data, err := c.stakingABI.TryPackLockValidatorsForNextEpoch(big.NewInt(int64(t)))
	return c.transact(ctx, auth, c.staking, "lockValidatorsForNextEpoch", data, err, nil)
}

// LockForRefresh locks a refresh (the current set reshares to itself, same t). Anyone may send it, once
// the epoch's EndTime has passed (ErrRefreshNotDue before; ErrRefreshDisabled with an epoch length of 0)
// and while no leave, kick or approved join is pending (ErrNotARefresh). The nodes send it themselves to
// refresh their shares every epoch length without the owner.
func (c *Client) LockForRefresh(ctx context.Context, auth *bind.TransactOpts) (*types.Receipt, error) {
	data, err := c.stakingABI.TryPackLockForRefresh()
	return c.transact(ctx, auth, c.staking, "lockForRefresh", data, err, nil)
}

// SetEpochLength sets the refresh period (owner only), in whole seconds; 0 turns the periodic refresh
// off. The current epoch's EndTime becomes now + period.
func (c *Client) SetEpochLength(ctx context.Context, auth *bind.TransactOpts, period time.Duration) (*types.Receipt, error) {
	if period < 0 || period%time.Second != 0 {
		return nil, fmt.Errorf("chain: setEpochLength: %w: period %v (whole seconds, >= 0)", ErrInvalidConfig, period)
	}
	data, err := c.stakingABI.TryPackSetEpochLength(big.NewInt(int64(period / time.Second)))
	return c.transact(ctx, auth, c.staking, "setEpochLength", data, err, nil)
}

// UnlockNextEpoch aborts a lock (owner only): back to Active, the pending requests kept.
func (c *Client) UnlockNextEpoch(ctx context.Context, auth *bind.TransactOpts) (*types.Receipt, error) {
	data, err := c.stakingABI.TryPackUnlockValidatorsForNextEpoch()
	return c.transact(ctx, auth, c.staking, "unlockValidatorsForNextEpoch", data, err, nil)
}

// SignalReady says the sender, a next-set node, stored its shares for epoch (the next epoch's number)
// from the reshare of lock number lock (NextSet.Lock). A signal for another lock (one aborted since, the
// transaction delivered late) is refused (ErrWrongLock). Once 3t'+1 next-set nodes have signalled, the
// registry is ReadyForNextEpoch.
//
// Without a gas limit in auth it sends SignalReadyGas's: the estimate plus a margin for the state change.
func (c *Client) SignalReady(ctx context.Context, auth *bind.TransactOpts, epoch, lock uint64) (*types.Receipt, error) {
	const op = "signalReadyForNextEpoch"
	data, err := c.stakingABI.TryPackSignalReadyForNextEpoch(new(big.Int).SetUint64(epoch), new(big.Int).SetUint64(lock))
	if err == nil && auth != nil && auth.GasLimit == 0 {
		gas, gerr := c.SignalReadyGas(ctx, auth.From, epoch, lock)
		if gerr != nil {
			return nil, gerr
		}
		opts := *auth
		opts.GasLimit = gas
		auth = &opts
	}
	return c.transact(ctx, auth, c.staking, op, data, err, nil)
}

// signalStateMargin is the gas a readiness signal may need beyond its estimate: the next set's nodes
// signal at once, and the one that completes 3t'+1 also changes the registry's state (a storage write and
// an event: 51,358 gas used against a 47,532 estimate on the dev chain) — an estimate made before another
// signal landed does not include it, and ran out of gas. Kept well above: unused gas is not charged.
const signalStateMargin = 30_000

// SignalReadyGas is the gas limit SignalReady sends a readiness signal from from with: the estimate on the
// latest state plus signalStateMargin. An estimate that fails names the contract's reason (ErrWrongLock…).
func (c *Client) SignalReadyGas(ctx context.Context, from common.Address, epoch, lock uint64) (uint64, error) {
	const op = "signalReadyForNextEpoch"
	data, err := c.stakingABI.TryPackSignalReadyForNextEpoch(new(big.Int).SetUint64(epoch), new(big.Int).SetUint64(lock))
	if err != nil {
		return 0, fmt.Errorf("chain: %s: %w: %w", op, ErrInvalidConfig, err)
	}
	to := c.staking.Address()
	est, err := c.eth.EstimateGas(ctx, ethereum.CallMsg{From: from, To: &to, Data: data})
	if err != nil {
		return 0, wrapErr(op, err)
	}
	return est + signalStateMargin, nil
}

// PendingJoin is a join request waiting for a lock.
type PendingJoin struct {
	Node          // Index 0 until a lock gives it one; DKGKey filled
	Approved bool // by the owner; only approved joins enter at a lock
}

// PendingChanges reads the requests for the next epoch at one block: the join requests (with their DKG
// keys, approved or not) and the current nodes that leave (asked or kicked).
func (c *Client) PendingChanges(ctx context.Context) (joins []PendingJoin, leaves []common.Address, err error) {
	const op = "getPendingJoins"
	head, err := c.eth.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, nil, fmt.Errorf("chain: %s: latest block: %w", op, err)
	}
	opts := &bind.CallOpts{Context: ctx, BlockHash: head.Hash()}
	raw, err := c.staking.CallRaw(opts, c.stakingABI.PackGetPendingJoins())
	if err != nil {
		return nil, nil, wrapErr(op, err)
	}
	if joins, err = parsePendingJoins(raw); err != nil {
		return nil, nil, fmt.Errorf("chain: %s: %w", op, err)
	}
	const leavesOp = "getPendingLeaves"
	if raw, err = c.staking.CallRaw(opts, c.stakingABI.PackGetPendingLeaves()); err != nil {
		return nil, nil, wrapErr(leavesOp, err)
	}
	if leaves, err = stakingABI.UnpackGetPendingLeaves(raw); err != nil {
		return nil, nil, fmt.Errorf("chain: %s: %w", leavesOp, err)
	}
	return joins, leaves, nil
}

// parsePendingJoins decodes and checks the result of getPendingJoins.
func parsePendingJoins(raw []byte) ([]PendingJoin, error) {
	out, err := stakingABI.UnpackGetPendingJoins(raw)
	if err != nil {
		return nil, err
	}
	if len(out.Nodes) > maxNodes || len(out.Approved) != len(out.Nodes) {
		return nil, fmt.Errorf("%d join requests, %d approval flags", len(out.Nodes), len(out.Approved))
	}
	nodes, err := toNodes(out.Nodes)
	if err != nil {
		return nil, err
	}
	if err := setKeys(nodes, out.DkgKeys); err != nil {
		return nil, err
	}
	joins := make([]PendingJoin, len(nodes))
	for i, n := range nodes {
		n.Index = 0
		joins[i] = PendingJoin{Node: n, Approved: out.Approved[i]}
	}
	return joins, nil
}

// RemoveNode removes a node from the current set at once (owner only, while Active; for setting up a
// network). The others keep their stable indices.
func (c *Client) RemoveNode(ctx context.Context, auth *bind.TransactOpts, node common.Address) (*types.Receipt, error) {
	data, err := c.stakingABI.TryPackRemoveNode(node)
	return c.transact(ctx, auth, c.staking, "removeNode", data, err, nil)
}

// SetThreshold fixes t (owner only); the node count must satisfy n >= 3t+1 (ErrInvalidThreshold). A
// negative t returns to the default floor((n-1)/3).
func (c *Client) SetThreshold(ctx context.Context, auth *bind.TransactOpts, t int) (*types.Receipt, error) {
	if t < 0 {
		data, err := c.stakingABI.TryPackUseDefaultThreshold()
		return c.transact(ctx, auth, c.staking, "useDefaultThreshold", data, err, nil)
	}
	data, err := c.stakingABI.TryPackSetThreshold(big.NewInt(int64(t)))
	return c.transact(ctx, auth, c.staking, "setThreshold", data, err, nil)
}

// SetDKGKey publishes a node's long-term BLS DKG key (DKGKeySize bytes) in the registry. auth must sign
// with the node's own identity key: a node sets only its own key (ErrNodeNotRegistered for any other
// sender), once per registration (ErrDKGKeySet after that); the registry refuses another size
// (ErrInvalidDKGKey). Every node builds the BLS DKG's participant list from these keys.
func (c *Client) SetDKGKey(ctx context.Context, auth *bind.TransactOpts, key []byte) (*types.Receipt, error) {
	data, err := c.stakingABI.TryPackSetDkgKey(key)
	return c.transact(ctx, auth, c.staking, "setDkgKey", data, err, nil)
}

// AdvanceEpoch starts the next epoch with the locked next set; the registry must be ReadyForNextEpoch
// (ErrNotReady otherwise). Anyone may advance a refresh lock (NextSet.Refresh); a lock that changes the set
// or t is the owner's (ErrNotARefresh for anyone else).
func (c *Client) AdvanceEpoch(ctx context.Context, auth *bind.TransactOpts) (*types.Receipt, error) {
	data, err := c.stakingABI.TryPackAdvanceEpoch()
	return c.transact(ctx, auth, c.staking, "advanceEpoch", data, err, nil)
}

// String describes a node without its keys' secrets (it has none): index, address and URL.
func (n Node) String() string {
	return "node " + strconv.Itoa(n.Index) + " " + n.Address.Hex() + " " + n.URL()
}
