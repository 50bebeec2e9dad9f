package actions

import (
	"context"
	"math/big"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
)

// Host is what an Action reaches of its node. The node implements it, one value per request: it knows
// the request id, the caller's auth and the node set. The runtime calls it from goroutines of its own,
// possibly several at once for one execution (an Action may await two calls together), always with a
// context that ends with the execution. Every method may block.
//
// Errors a Host returns are thrown into the Action as exceptions carrying the error's text, so they must
// hold nothing secret; an Action that does not catch one fails with a *ScriptError whose Err is the
// Host's error, for errors.Is/As.
type Host interface {
	// SignEcdsa returns this node's share of an ECDSA signature of req.Hash by the PKP req.PublicKey.
	// The node checks that the caller, or the Action req.Frame.CID, may sign with the PKP for req.Scope,
	// and binds the presignature to the request and req.SigName so that every node signs alike. The
	// runtime records the share, an opaque value, under req.SigName in Result.Signatures.
	SignEcdsa(ctx context.Context, req SignRequest) (share any, err error)
	// SignAndCombineEcdsa signs like SignEcdsa, gathers the other nodes' shares and returns the
	// combined signature, which the Action sees; nothing is recorded in the Result.
	SignAndCombineEcdsa(ctx context.Context, req SignRequest) (Signature, error)

	// PermittedActions returns the IPFS CIDs ("Qm…") of the Actions permitted to use the PKP.
	PermittedActions(ctx context.Context, tokenID *big.Int) ([]string, error)
	// PermittedAddresses returns the addresses permitted to use the PKP.
	PermittedAddresses(ctx context.Context, tokenID *big.Int) ([]common.Address, error)
	// PermittedAuthMethods returns the auth methods permitted to use the PKP.
	PermittedAuthMethods(ctx context.Context, tokenID *big.Int) ([]AuthMethod, error)
	// AuthMethodScopes returns, for scope ids 0 … maxScopeID-1, whether the auth method holds it.
	AuthMethodScopes(ctx context.Context, tokenID, authMethodType *big.Int, userID []byte, maxScopeID uint64) ([]bool, error)

	// LatestNonce returns the transaction count of address on the named chain.
	LatestNonce(ctx context.Context, chain string, address common.Address) (uint64, error)
	// RPCURL returns the JSON-RPC URL the node uses for the named chain.
	RPCURL(ctx context.Context, chain string) (string, error)
	// CallContract runs msg as an eth_call on the named chain and returns its output.
	CallContract(ctx context.Context, chain string, msg ethereum.CallMsg) ([]byte, error)

	// ActionCode returns the code of the Action with the given CID, checked against the CID.
	ActionCode(ctx context.Context, cid string) ([]byte, error)
	// ClaimKey returns this node's attestation of the key of derivedKeyID (keccak256(actionCID + "_" +
	// keyId), computed by the session from the calling Action's frame, never taken from the code) for
	// the caller who runs the Action, the only address that can mint it. The runtime records it in
	// Result.Claims.
	ClaimKey(ctx context.Context, derivedKeyID [32]byte) (signature []byte, err error)

	// BroadcastAndCollect sends value to the other nodes running this request under name and returns
	// the values of every node that took part, this node's own last. Values are shared by the Action
	// at f only: a parent and its children, or two children, never read each other's.
	BroadcastAndCollect(ctx context.Context, f Frame, name, value string) ([]string, error)
	// RunOnce runs a block that one node runs for all. The host picks the request's leader: on the
	// leader it calls run and returns its result, and when wait is set it also hands that result to the
	// other nodes under f and name. On the other nodes it does not call run; when wait is set it
	// returns the leader's result, otherwise "".
	RunOnce(ctx context.Context, f Frame, name string, wait bool, run func(context.Context) (string, error)) (string, error)

	// CheckConditions evaluates access-control conditions for req.AuthSig's address, or, when
	// req.AuthSig is nil, for the Action req.Frame itself: no caller address, and req.Frame.CID as
	// :currentActionIpfsId.
	CheckConditions(ctx context.Context, req ConditionsRequest) (bool, error)
	// Encrypt encrypts data to the conditions under the network's BLS key, as the SDK's encrypt: it
	// returns the base64 ciphertext and the hex SHA-256 of data.
	Encrypt(ctx context.Context, conds Conditions, data []byte) (Encrypted, error)
	// Decrypt checks the conditions as CheckConditions does, makes this node's decryption share of
	// the ciphertext's identity, and exchanges shares with the other nodes running the request. For
	// decryptAndCombine (req.Single false) every node combines a quorum and returns the plaintext; for
	// decryptToSingleNode one node that every node computes alike does, and the others return ok false.
	Decrypt(ctx context.Context, req DecryptRequest) (plaintext []byte, ok bool, err error)

	// DecryptWithPKP opens a ciphertext encrypted to a PKP (Flint's extension, decryptWithPkp): the node
	// checks that the PKP permits the Action req.Frame.CID at its current owner generation, makes its
	// decryption share, and exchanges shares with the other nodes running the request; every node
	// combines a quorum and returns the plaintext.
	DecryptWithPKP(ctx context.Context, req PKPDecryptRequest) (plaintext []byte, err error)
}

// Frame is one Action of an execution tree, as the node's half of the execution (the session) knows
// it: never the worker's word. The worker runs the JavaScript and could lie about which Action calls;
// the session hands out frames itself, so a worker can at most name an Action that this execution
// really runs, whose code the node computed the CID of or fetched and checked against it.
type Frame struct {
	// CID is the Action's IPFS CID: the top-level Action's as the node computed it from the code it
	// got, a child's as the session fetched its code through Host.ActionCode.
	CID string
	// Path is where the Action sits in the tree: "0" for the top-level Action, "0.1" for its first
	// child, "0.1.2" for that child's second, numbered in the order the parent called them. The
	// runtime numbers children; the session refuses a number given twice, so no two Actions of one
	// execution have one path.
	Path string
}

// Scope is a PKP permission scope (PKPPermissions' AuthMethodScope).
type Scope uint8

// The scopes a signature may need.
const (
	ScopeSignAnything Scope = 1 // signEcdsa, signAndCombineEcdsa
	ScopePersonalSign Scope = 2 // ethPersonalSignMessageEcdsa (EIP-191)
)

// SignRequest asks for a signature of a 32-byte hash. The session fills it in the node's process:
// for a personal sign it computes the EIP-191 hash of the message itself, so the scope a request
// claims always matches what is signed.
type SignRequest struct {
	Hash      [32]byte // what is signed; for a personal sign, the EIP-191 hash of the message
	PublicKey []byte   // the PKP's key, 65 bytes uncompressed (the runtime decompresses a 33-byte key)
	SigName   string   // the name the client finds the signature under
	Scope     Scope    // the permission scope the signature needs
	Frame     Frame    // the Action asking (a child Action's own)
}

// Signature is a combined ECDSA signature: r, s big-endian with s ≤ n/2, and the recovery id v (0 or 1).
type Signature struct {
	R, S [32]byte
	V    byte
}

// AuthMethod is a permitted auth method of a PKP, as PKPPermissions returns it.
type AuthMethod struct {
	Type       *big.Int
	ID         []byte
	UserPubkey []byte
}

// SignedShare is what one signature call recorded: the request and this node's share.
type SignedShare struct {
	Request SignRequest
	Share   any
}

// The request fields that carry a condition list, one per kind, as the SDK names them.
const (
	FieldAccessControlConditions        = "accessControlConditions"
	FieldEVMContractConditions          = "evmContractConditions"
	FieldSolRPCConditions               = "solRpcConditions"
	FieldUnifiedAccessControlConditions = "unifiedAccessControlConditions"
)

// Conditions is a condition list as an Action gave it: the field it came in (which names its kind:
// one of the Field constants) and its JSON. The node parses it.
type Conditions struct {
	Field string `json:"field"`
	JSON  []byte `json:"json"`
}

// ConditionsRequest asks whether conditions are met. The session fills in Frame; an Action cannot
// name another CID for :currentActionIpfsId.
type ConditionsRequest struct {
	Conditions Conditions
	AuthSig    []byte // the AuthSig's JSON; nil: the Action itself is the party
	Chain      string // the chain the Action named (Lit's authSig chain); conditions name their own
	Frame      Frame
}

// DecryptRequest asks for the plaintext of a ciphertext encrypted to conditions.
type DecryptRequest struct {
	ConditionsRequest
	Ciphertext        []byte // the time-lock ciphertext, decoded from base64
	DataToEncryptHash string // hex SHA-256 of the plaintext, as encrypt gave it
	Single            bool   // decryptToSingleNode: one node combines
}

// Encrypted is the result of encrypt, in the SDK's shape.
type Encrypted struct {
	Ciphertext        string `json:"ciphertext"`
	DataToEncryptHash string `json:"dataToEncryptHash"`
}

// Claim is a claimed key: the derived key id and this node's signature over it.
type Claim struct {
	DerivedKeyID [32]byte
	Signature    []byte
}
