package integration

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
)

// TestRevokedLoginStopsAtNextBlock: the issue's "a revoked method stops
// working within one block", by block rather than by clock. A PKP session
// from a wallet login signs, executes and decrypts, and has just done so
// at every node (each keeps the permission answer for the block it read it
// in). The owner removes the wallet's permission in block B. Once a node's
// head is B (read from its own handshake's latest block hash), it refuses
// the session on every endpoint with NodePKPNotAuthorized: the answer it
// cached at B-1 did not carry over into B. The test waits for the heads,
// not for a time; the nodes' 2 s cap on a cached answer (permMaxAge) is
// not what refuses here, as the heads move within a poll (250 ms).
func TestRevokedLoginStopsAtNextBlock(t *testing.T) {
	f := newSharedPKPFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	owner := f.d.Chain.Accounts()[1]
	token, _ := new(big.Int).SetString(f.token, 10)
	ec, err := ethclient.DialContext(ctx, f.d.Chain.RPCURL())
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()

	user, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	userAddr := crypto.PubkeyToAddress(user.PublicKey)
	if _, err := f.cc.AddPermittedAddress(ctx, f.cc.Transactor(owner.Key), token, userAddr, chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	cl, err := client.Connect(ctx, f.d.URLs(), client.Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	var sess *client.Session
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		if sess, err = cl.PKPSession(ctx, f.pubkey, []client.Login{client.WalletLogin(user, cl.Blockhash, time.Hour)}, time.Hour); err == nil {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no PKP session 10 s after the wallet was permitted: %v", err)
		}
	}
	pkpAddr := chain.EthAddress(f.pubkey)
	conds, err := acc.Parse(acc.EVMBasic, []byte(`[{"contractAddress":"","standardContractType":"","chain":"ethereum","method":"",`+
		`"parameters":[":userAddress"],"returnValueTest":{"comparator":"=","value":"`+pkpAddr.Hex()+`"}}]`))
	if err != nil {
		t.Fatal(err)
	}
	enc, err := cl.Encrypt(conds, []byte("revoked at the next block"))
	if err != nil {
		t.Fatal(err)
	}
	action := client.Action{Code: []byte(`Lit.Actions.setResponse({response: "ran"});`)}
	uses := map[string]func(i byte) error{
		"pkp sign": func(i byte) error {
			_, err := cl.PKPSign(ctx, sess, f.pubkey, [32]byte{0xb1, 0x0c, i})
			return err
		},
		"execute": func(byte) error { _, err := cl.Execute(ctx, sess, action, nil); return err },
		"decrypt": func(byte) error { _, err := cl.Decrypt(ctx, sess, conds, enc); return err },
	}
	// Every use served, so every node holds the "permitted" answer of the
	// block it is at.
	for name, use := range uses {
		if err := use(0); err != nil {
			t.Fatalf("%s with the session before the removal: %v", name, err)
		}
	}

	rc, err := f.cc.RemovePermittedAddress(ctx, f.cc.Transactor(owner.Key), token, userAddr)
	if err != nil {
		t.Fatal(err)
	}
	removedIn := rc.BlockNumber.Uint64()
	for _, u := range f.d.URLs() {
		at := waitNodeHead(ctx, t, ec, u, removedIn)
		t.Logf("%s: head %d (the removal's block %d)", u, at, removedIn)
	}
	for name, use := range uses {
		refusedWith(t, name+" with the revoked login's session, every head at the removal's block", use(1), "NodePKPNotAuthorized")
	}
}

// waitNodeHead waits until the node at url names, as its handshake's
// latest block hash, a block at or past block, and returns that block's
// number. The node sets its head number before that hash, so its
// permission answers are by then those of that block.
func waitNodeHead(ctx context.Context, t *testing.T, ec *ethclient.Client, url string, block uint64) uint64 {
	t.Helper()
	challenge := make([]byte, 32)
	if _, err := rand.Read(challenge); err != nil {
		t.Fatal(err)
	}
	body := fmt.Sprintf(`{"clientPublicKey":"test","challenge":%q}`, hex.EncodeToString(challenge))
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url+"/web/handshake", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Request-Id", client.NewRequestID())
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		resp.Body.Close()
		var hs struct {
			LatestBlockhash string `json:"latestBlockhash"`
		}
		if err == nil {
			err = json.Unmarshal(raw, &hs)
		}
		if err != nil || resp.StatusCode != http.StatusOK || hs.LatestBlockhash == "" {
			t.Fatalf("%s handshake: %d %s (%v)", url, resp.StatusCode, raw, err)
		}
		h, err := ec.HeaderByHash(ctx, common.HexToHash(hs.LatestBlockhash))
		if err != nil {
			t.Fatalf("%s names block %s: %v", url, hs.LatestBlockhash, err)
		}
		if n := h.Number.Uint64(); n >= block {
			return n
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s is at block %d 30 s after block %d was mined", url, h.Number.Uint64(), block)
		}
	}
}
