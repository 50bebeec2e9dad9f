package actions

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"sync"
	"testing"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// fakeHost stands in for a node in this package's tests. Its "PKP" is an ordinary key, so a share is a
// whole signature that tests verify with go-ethereum.
type fakeHost struct {
	key *ecdsa.PrivateKey

	mu          sync.Mutex
	signs       []SignRequest
	claims      [][32]byte
	calls       []ethereum.CallMsg
	broadcasts  []string
	frames      []Frame // the Actions that broadcast or ran runOnce, in call order
	runOnceRuns int

	actions     []string
	addresses   []common.Address
	authMethods []AuthMethod
	scopes      []bool
	nonce       uint64
	rpcURL      string
	contractOut []byte
	code        map[string][]byte
	peers       []string // values the other nodes broadcast
	leader      bool     // whether this node leads runOnce
	leaderValue string   // what the leader shares when this node is not it
	signErr     error

	condsOK    bool                // what CheckConditions and Decrypt find
	condReqs   []ConditionsRequest // the condition checks and decryptions asked for
	decryptReq []DecryptRequest

	pkpPermits map[string]bool // the CIDs the "PKP" permits to decrypt
	pkpReqs    []PKPDecryptRequest
}

var errNoCode = errors.New("fake: no such action")

func newFakeHost(t testing.TB) *fakeHost {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return &fakeHost{key: key, code: map[string][]byte{}, leader: true, rpcURL: "http://127.0.0.1:8545"}
}

// pubHex is the PKP's uncompressed public key as Actions pass it.
func (h *fakeHost) pubHex() string { return fmt.Sprintf("0x%x", crypto.FromECDSAPub(&h.key.PublicKey)) }

func (h *fakeHost) SignEcdsa(ctx context.Context, req SignRequest) (any, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.signErr != nil {
		return nil, h.signErr
	}
	h.signs = append(h.signs, req)
	return crypto.Sign(req.Hash[:], h.key)
}

func (h *fakeHost) SignAndCombineEcdsa(ctx context.Context, req SignRequest) (Signature, error) {
	h.mu.Lock()
	h.signs = append(h.signs, req)
	h.mu.Unlock()
	sig, err := crypto.Sign(req.Hash[:], h.key)
	if err != nil {
		return Signature{}, err
	}
	var s Signature
	copy(s.R[:], sig[:32])
	copy(s.S[:], sig[32:64])
	s.V = sig[64]
	return s, nil
}

func (h *fakeHost) PermittedActions(ctx context.Context, tokenID *big.Int) ([]string, error) {
	return h.actions, nil
}

func (h *fakeHost) PermittedAddresses(ctx context.Context, tokenID *big.Int) ([]common.Address, error) {
	return h.addresses, nil
}

func (h *fakeHost) PermittedAuthMethods(ctx context.Context, tokenID *big.Int) ([]AuthMethod, error) {
	return h.authMethods, nil
}

func (h *fakeHost) AuthMethodScopes(ctx context.Context, tokenID, typ *big.Int, userID []byte, maxScopeID uint64) ([]bool, error) {
	out := make([]bool, maxScopeID)
	copy(out, h.scopes)
	return out, nil
}

func (h *fakeHost) LatestNonce(ctx context.Context, chain string, address common.Address) (uint64, error) {
	if chain != "ethereum" {
		return 0, fmt.Errorf("fake: unknown chain %q", chain)
	}
	return h.nonce, nil
}

func (h *fakeHost) RPCURL(ctx context.Context, chain string) (string, error) {
	if chain != "ethereum" {
		return "", fmt.Errorf("fake: unknown chain %q", chain)
	}
	return h.rpcURL, nil
}

func (h *fakeHost) CallContract(ctx context.Context, chain string, msg ethereum.CallMsg) ([]byte, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls = append(h.calls, msg)
	return h.contractOut, nil
}

func (h *fakeHost) ActionCode(ctx context.Context, cid string) ([]byte, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	code, ok := h.code[cid]
	if !ok {
		return nil, errNoCode
	}
	return code, nil
}

func (h *fakeHost) ClaimKey(ctx context.Context, derivedKeyID [32]byte) ([]byte, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.claims = append(h.claims, derivedKeyID)
	return crypto.Sign(personalHash(derivedKeyID[:]), h.key)
}

func (h *fakeHost) BroadcastAndCollect(ctx context.Context, f Frame, name, value string) ([]string, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.frames = append(h.frames, f)
	h.broadcasts = append(h.broadcasts, name+"="+value)
	return append(slices.Clone(h.peers), value), nil
}

func (h *fakeHost) RunOnce(ctx context.Context, f Frame, name string, wait bool, run func(context.Context) (string, error)) (string, error) {
	h.mu.Lock()
	h.frames = append(h.frames, f)
	h.mu.Unlock()
	if h.leader {
		h.mu.Lock()
		h.runOnceRuns++
		h.mu.Unlock()
		return run(ctx)
	}
	if wait {
		return h.leaderValue, nil
	}
	return "", nil
}

// fakeCiphertextPrefix marks the fake's "ciphertexts": the plaintext after a prefix.
const fakeCiphertextPrefix = "fake-ct:"

func (h *fakeHost) CheckConditions(ctx context.Context, req ConditionsRequest) (bool, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.condReqs = append(h.condReqs, req)
	return h.condsOK, nil
}

func (h *fakeHost) Encrypt(ctx context.Context, conds Conditions, data []byte) (Encrypted, error) {
	sum := sha256.Sum256(data)
	ct := append([]byte(fakeCiphertextPrefix), data...)
	return Encrypted{Ciphertext: base64Std(ct), DataToEncryptHash: hex.EncodeToString(sum[:])}, nil
}

func (h *fakeHost) Decrypt(ctx context.Context, req DecryptRequest) ([]byte, bool, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.decryptReq = append(h.decryptReq, req)
	if !h.condsOK {
		return nil, false, errors.New("fake: the conditions are not met")
	}
	pt, ok := bytes.CutPrefix(req.Ciphertext, []byte(fakeCiphertextPrefix))
	if !ok {
		return nil, false, errors.New("fake: not a fake ciphertext")
	}
	if req.Single && !h.leader {
		return nil, false, nil
	}
	return pt, true, nil
}

// DecryptWithPKP opens a fake ciphertext (the prefix, then the plaintext) with the AAD "aad" or
// none, for the Actions pkpPermits lists.
func (h *fakeHost) DecryptWithPKP(ctx context.Context, req PKPDecryptRequest) ([]byte, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.pkpReqs = append(h.pkpReqs, req)
	if !h.pkpPermits[req.Frame.CID] {
		return nil, fmt.Errorf("fake: the PKP does not permit %s", req.Frame.CID)
	}
	pt, ok := bytes.CutPrefix(req.Ciphertext, []byte(fakeCiphertextPrefix))
	if !ok || (len(req.AAD) > 0 && string(req.AAD) != "aad") {
		return nil, errors.New("fake: the ciphertext does not open")
	}
	return pt, nil
}

func base64Std(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
