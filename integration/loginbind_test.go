package integration

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/node"
	"github.com/flint-network/flint/wire"
)

// Attack: one corrupt node reads a user's login off the PKP session request
// it is sent (every node sees every login) and replays it to the other
// nodes with a session key of its own, while the login is fresh, to get a
// PKP session — full control of the user's PKP. The honest nodes must not
// give it a quorum of session shares: a login bound to its session key
// (client.WalletLogin) is refused outright with another key
// (NodeAuthMethodSessionKeyMismatch); an unbound one as the unmodified SDK
// makes it is refused by first-seen binding (NodeAuthMethodAlreadyUsed),
// the user's request having reached the honest nodes first, as it does
// when the client sends to every node at once.
func TestAttackReplayLoginWithOwnSessionKey(t *testing.T) {
	var mu sync.Mutex
	var seen []wire.SignSessionKeyRequest
	spy := &node.Adversary{SeeSessionRequests: func(r wire.SignSessionKeyRequest) {
		mu.Lock()
		defer mu.Unlock()
		seen = append(seen, r)
	}}
	d := startAdversaryDevnet(t, 4, attackPool, map[int]*node.Adversary{1: spy})
	f := newPKPFixtureOn(t, d)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	owner := d.Chain.Accounts()[1]
	token, _ := new(big.Int).SetString(f.token, 10)
	user, _ := crypto.GenerateKey()
	if _, err := f.cc.AddPermittedAddress(ctx, f.cc.Transactor(owner.Key), token, crypto.PubkeyToAddress(user.PublicKey), chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	cl, err := client.Connect(ctx, d.URLs(), client.Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	threshold := cl.BLSPoly.Threshold()
	honest := d.URLs()[1:] // node 1 is the corrupt one

	// The unmodified SDK's wallet login (EthWalletProvider.authenticate:
	// a SIWE sign-in over the latest block hash, naming no session key).
	now := time.Now().UTC().Truncate(time.Second)
	sdkLogin, err := client.SignSIWE(user, &auth.Message{Domain: "localhost", Address: crypto.PubkeyToAddress(user.PublicKey),
		Statement: "This is a test statement.  You can put anything you want here.", URI: "https://localhost/login",
		Version: "1", ChainID: 1, Nonce: cl.Blockhash, IssuedAt: now, ExpirationTime: now.Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name  string
		login client.Login
		code  string
	}{
		{"unbound SDK wallet login", client.UnboundLogin(client.AuthMethod{AuthMethodType: 1, AccessToken: string(sdkLogin)}), "NodeAuthMethodAlreadyUsed"},
		{"bound wallet login", client.WalletLogin(user, cl.Blockhash, time.Hour), "NodeAuthMethodSessionKeyMismatch"},
	} {
		t.Run(c.name, func(t *testing.T) {
			mu.Lock()
			seen = nil
			mu.Unlock()
			// The user's own session: every node, the corrupt one too,
			// sees the login.
			sess, err := cl.PKPSession(ctx, f.pubkey, []client.Login{c.login}, time.Hour)
			if err != nil {
				t.Fatalf("the user's session: %v", err)
			}
			if _, err := cl.PKPSign(ctx, sess, f.pubkey, [32]byte{0x10, 0x61}); err != nil {
				t.Fatalf("the user's session signing: %v", err)
			}
			mu.Lock()
			if len(seen) == 0 {
				mu.Unlock()
				t.Fatal("the corrupt node saw no session request")
			}
			captured := seen[len(seen)-1]
			mu.Unlock()

			// The corrupt node's replay: the same login and message, its
			// own session key, to each honest node.
			pub, _, _ := ed25519.GenerateKey(nil)
			replay := captured
			replay.SessionKey = "lit:session:" + hex.EncodeToString(pub)
			m, err := auth.ParseMessage(captured.SiweMessage)
			if err != nil {
				t.Fatal(err)
			}
			m.URI = replay.SessionKey
			replay.SiweMessage = m.String()
			body, _ := json.Marshal(replay)
			shares := 0
			for _, u := range honest {
				status, res, code := postJSON(t, ctx, u+"/web/sign_session_key/v1", body)
				switch {
				case status == http.StatusOK && res == "success":
					shares++
				case code != c.code:
					t.Errorf("%s: the replay got %d %q, want %s", u, status, code, c.code)
				}
			}
			// The corrupt node adds its own share.
			if shares+1 >= threshold {
				t.Fatalf("the replayed login got %d honest session shares, with the corrupt node's %d of the %d needed: the corrupt node has a session of the user's PKP",
					shares, shares+1, threshold)
			}
			t.Logf("replay refused: %d honest shares (+1 corrupt) of %d needed", shares, threshold)
		})
	}
}

// postJSON posts body to url and returns the status, the result field of a
// success and the errorCode of a refusal.
func postJSON(t *testing.T, ctx context.Context, url string, body []byte) (int, string, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Request-Id", client.NewRequestID())
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	var a struct {
		Result    string `json:"result"`
		ErrorCode string `json:"errorCode"`
	}
	_ = json.Unmarshal(raw, &a)
	return resp.StatusCode, a.Result, a.ErrorCode
}
