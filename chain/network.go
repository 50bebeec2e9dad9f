package chain

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"math/big"
	"net/netip"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/flint-network/flint/chain/bindings"
)

// Node is one registered node.
type Node struct {
	Index        int            // protocol index 1..n, from registration order
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
// and the nodes in registration order.
type Network struct {
	Epoch     Epoch
	Threshold int
	Quorum    int
	Nodes     []Node
}

// Network reads the registry through Lit's discovery view, the same call the Lit SDK makes, and the nodes'
// DKG keys. Both calls read the same block, so that the keys line up with the node list.
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
	const keysOp = "getDkgKeys"
	raw, err = c.staking.CallRaw(opts, c.stakingABI.PackGetDkgKeys())
	if err != nil {
		return nil, wrapErr(keysOp, err)
	}
	if err := setDKGKeys(nw, raw); err != nil {
		return nil, fmt.Errorf("chain: %s: %w", keysOp, err)
	}
	return nw, nil
}

// setDKGKeys decodes the result of getDkgKeys (one key per node, in node order) onto the nodes of nw.
func setDKGKeys(nw *Network, raw []byte) error {
	keys, err := stakingABI.UnpackGetDkgKeys(raw)
	if err != nil {
		return err
	}
	if len(keys) != len(nw.Nodes) {
		return fmt.Errorf("%d DKG keys for %d nodes", len(keys), len(nw.Nodes))
	}
	for i, k := range keys {
		switch len(k) {
		case 0: // not published yet
		case DKGKeySize:
			nw.Nodes[i].DKGKey = k
		default:
			return fmt.Errorf("node %s: DKG key of %d bytes, want %d", nw.Nodes[i].Address, len(k), DKGKeySize)
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
	seen := make(map[common.Address]bool, len(out.Arg2))
	for i, v := range out.Arg2 {
		n, err := toNode(i+1, v)
		if err != nil {
			return nil, err
		}
		if n.Address == (common.Address{}) || seen[n.Address] {
			return nil, fmt.Errorf("node %s: zero or listed twice", n.Address)
		}
		seen[n.Address] = true
		nw.Nodes = append(nw.Nodes, n)
	}
	return nw, nil
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

// NodeSpec registers a node: its IPv4 endpoint, its identity address and its ed25519 transport key.
type NodeSpec struct {
	AddrPort     netip.AddrPort
	Address      common.Address
	TransportKey ed25519.PublicKey
}

// AddNode registers a node at the end of the list (owner only). Lit's receiverPubKey gets the transport
// key too.
func (c *Client) AddNode(ctx context.Context, auth *bind.TransactOpts, n NodeSpec) (*types.Receipt, error) {
	ip := n.AddrPort.Addr().Unmap()
	if !ip.Is4() {
		return nil, fmt.Errorf("chain: addNode: %w: %s is not IPv4", ErrInvalidEndpoint, n.AddrPort)
	}
	if len(n.TransportKey) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("chain: addNode: %w: %d bytes", ErrInvalidTransportKey, len(n.TransportKey))
	}
	b := ip.As4()
	key := new(big.Int).SetBytes(n.TransportKey)
	ipv4 := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	data, err := c.stakingABI.TryPackAddNode(ipv4, uint32(n.AddrPort.Port()), n.Address, key, key)
	return c.transact(ctx, auth, c.staking, "addNode", data, err, nil)
}

// RemoveNode removes a node (owner only); later nodes move up one index.
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

// AdvanceEpoch starts the next epoch (owner only).
func (c *Client) AdvanceEpoch(ctx context.Context, auth *bind.TransactOpts) (*types.Receipt, error) {
	data, err := c.stakingABI.TryPackAdvanceEpoch()
	return c.transact(ctx, auth, c.staking, "advanceEpoch", data, err, nil)
}

// String describes a node without its keys' secrets (it has none): index, address and URL.
func (n Node) String() string {
	return "node " + strconv.Itoa(n.Index) + " " + n.Address.Hex() + " " + n.URL()
}
