package node

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/flint-network/flint/auth"
)

// EIP-1271 lets a contract wallet sign: the verifier calls
// isValidSignature(bytes32 hash, bytes signature) on the wallet, which
// returns the bytes4 magic value 0x1626ba7e to vouch for the signature. The
// node makes this call while it authenticates a request, so before it knows
// who is asking: the call is bounded by eip1271Gas, and only an exact answer
// counts.

// eip1271Gas bounds one isValidSignature call. An ECDSA check through
// ecrecover costs a few thousand gas, and multisig wallets a few tens of
// thousands; without a cap, eth_call runs with the RPC node's own cap
// (50,000,000 gas on geth), which anyone could make the node spend on a
// contract of their choice.
const eip1271Gas = 200_000

// eip1271Magic is isValidSignature's selector, which is also the value it
// returns for a valid signature.
var eip1271Magic = [4]byte{0x16, 0x26, 0xba, 0x7e}

// contractVerifier checks EIP-1271 signatures on the network's chain.
type contractVerifier struct{ n *Node }

func (c contractVerifier) IsValidSignature(ctx context.Context, chainID uint64, addr common.Address, hash [32]byte, sig []byte) (bool, error) {
	if cid := c.n.chain.ChainID(); !cid.IsUint64() || cid.Uint64() != chainID {
		return false, fmt.Errorf("%w: chain %d is not this network's chain", auth.ErrUnsupported, chainID)
	}
	data := append(append([]byte{}, eip1271Magic[:]...), hash[:]...)
	data = append(data, common.LeftPadBytes(big.NewInt(64).Bytes(), 32)...)
	data = append(data, common.LeftPadBytes(big.NewInt(int64(len(sig))).Bytes(), 32)...)
	data = append(data, common.RightPadBytes(sig, (len(sig)+31)/32*32)...)
	return eip1271Verdict(c.n.chain.Eth().CallContract(ctx, ethereum.CallMsg{To: &addr, Gas: eip1271Gas, Data: data}, nil))
}

// evmFailures are the messages with which geth's eth_call reports that the
// contract's code failed (core/vm/errors.go): the contract's no, like a
// revert, not a chain that failed to answer.
var evmFailures = []string{
	"execution reverted", "out of gas", "invalid opcode", "invalid jump destination", "stack underflow",
	"stack limit reached", "write protection", "return data out of bounds", "max call depth exceeded",
}

// eip1271Verdict reads isValidSignature's outcome. Only the ABI encoding of
// the magic value vouches for the signature: exactly one 32-byte word,
// 0x1626ba7e followed by 28 zero bytes. An answer that merely starts with
// the magic value does not: a contract that echoes its calldata (the
// identity precompile at 0x…04 does) starts its answer with the selector,
// which is the magic value. A revert (JSON-RPC error 3) or a failure of the
// contract's code (out of gas under eip1271Gas, …) is the contract's no; any
// other error means the chain gave no answer, which the caller reports as
// unavailable.
func eip1271Verdict(out []byte, err error) (bool, error) {
	if err != nil {
		var rpcErr rpc.Error
		if errors.As(err, &rpcErr) && rpcErr.ErrorCode() == 3 {
			return false, nil
		}
		msg := err.Error()
		for _, f := range evmFailures {
			if strings.Contains(msg, f) {
				return false, nil
			}
		}
		return false, err
	}
	var want [32]byte
	copy(want[:], eip1271Magic[:])
	return bytes.Equal(out, want[:]), nil
}
