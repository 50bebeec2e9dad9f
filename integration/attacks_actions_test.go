package integration

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/ipfs"
	"github.com/flint-network/flint/node"
)

// oracleChild is an Action a PKP owner permits to sign: it collects every node's price and a price one
// node fetches for all, and signs what it collected. Its signature is only as good as what it reads.
const oracleChild = `(async () => {
  const all = await Lit.Actions.broadcastAndCollect({ name: "price", value: "100" });
  const once = await Lit.Actions.runOnce({ waitForResponse: true, name: "oracle" }, async () => "100");
  const msg = JSON.stringify({ all: all.slice().sort(), once });
  await Lit.Actions.signEcdsa({ toSign: ethers.utils.arrayify(ethers.utils.keccak256(ethers.utils.toUtf8Bytes(msg))), publicKey, sigName: "oracle" });
  Lit.Actions.setResponse({ response: msg });
})();`

// poisoner is the attacker's inline parent: it shares a price of 1 under the names the child reads,
// then calls the child.
const poisoner = `(async () => {
  await Lit.Actions.broadcastAndCollect({ name: "price", value: "1" });
  await Lit.Actions.runOnce({ waitForResponse: true, name: "oracle" }, async () => "1");
  Lit.Actions.setResponse({ response: await Lit.Actions.call({ ipfsId: child, params: { publicKey } }) });
})();`

// honestOracle is what oracleChild signs on a 4-node network when it reads only its own values.
const honestOracle = `{"all":["100","100","100","100"],"once":"100"}`

// rawExecute runs one execution on every node at once with the given request id, as a client that
// chooses its ids would, and returns each node's status and error code ("" on success).
func rawExecute(ctx context.Context, t *testing.T, urls []string, rid string, cred client.Credential, body map[string]any) (statuses []int, codes []string) {
	t.Helper()
	statuses, codes = make([]int, len(urls)), make([]string, len(urls))
	var wg sync.WaitGroup
	for i, u := range urls {
		sig, err := cred.AuthSigFor(u)
		if err != nil {
			t.Fatal(err)
		}
		b := map[string]any{"authSig": sig}
		for k, v := range body {
			b[k] = v
		}
		raw, _ := json.Marshal(b)
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, u+"/web/execute/v1", bytes.NewReader(raw))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Request-Id", rid)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				codes[i] = err.Error()
				return
			}
			defer resp.Body.Close()
			var e struct {
				Code string `json:"errorCode"`
			}
			data, _ := io.ReadAll(resp.Body)
			_ = json.Unmarshal(data, &e)
			statuses[i], codes[i] = resp.StatusCode, e.Code
		}()
	}
	wg.Wait()
	return statuses, codes
}

// TestAttackActionIsolation plays the attacks on Actions' isolation from each other and from the
// node: shared values that leak between Actions, host calls that escape every bound, and a session that
// lends an Action more than it was granted.
func TestAttackActionIsolation(t *testing.T) {
	d := startDevnetWith(t, 4, node.PoolConfig{Low: 20, High: 40, Batch: 20}, &node.ActionsConfig{
		Workers:     2,
		CollectWait: node.Duration(5 * time.Second),
	})
	f := newPKPFixtureOn(t, d)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	waitPresignatures(ctx, t, d.URLs(), 40)
	owner, stranger := d.Chain.Accounts()[1], d.Chain.Accounts()[4]
	attacker, err := client.NewSession(stranger.Key, f.cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	token, _ := new(big.Int).SetString(f.token, 10)
	pubHex := fmt.Sprintf("0x%x", f.pubkey)

	// The owner publishes the oracle and permits it, and only it, to sign with the PKP.
	store, err := ipfs.OpenStore(d.IPFSStore())
	if err != nil {
		t.Fatal(err)
	}
	childCID, err := store.Put([]byte(oracleChild))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.cc.AddPermittedAction(ctx, f.cc.Transactor(owner.Key), token, childCID.Bytes(), chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}

	// The attack: a caller with no right on the PKP runs an inline parent that shares a price of 1
	// under the names the permitted child collects (broadcastAndCollect "price", runOnce "oracle"),
	// then calls the child. Were the values keyed by request id and name only, the first value a node
	// sent would stand and the child would read the parent's: the PKP would sign the attacker's price
	// on the strength of the child's permission. Each Action must read only what its own frame shared.
	t.Run("PoisonedMailbox", func(t *testing.T) {
		res, err := f.cl.Execute(ctx, attacker, client.Action{Code: []byte(poisoner)}, map[string]any{"child": childCID.String(), "publicKey": pubHex})
		if err != nil {
			t.Fatalf("execute: %v", err)
		}
		if res.Response != honestOracle || res.Agree != 4 {
			t.Fatalf("the child read %q on %d nodes (dissent %v), want %s", res.Response, res.Agree, res.Dissent, honestOracle)
		}
		sig := res.Signatures["oracle"]
		if sig == nil || !slices.Equal(sig.Hash[:], crypto.Keccak256([]byte(honestOracle))) {
			t.Fatalf("signature %+v, want one over the honest prices", sig)
		}
		verify(t, &sig.Signature, f.pubkey)
	})

	// The attack: a caller runs an execution that shares the poisoned values, then a second execution
	// under the same request id that runs the permitted child, hoping the values of the first still wait
	// in the nodes' mailboxes. Every node must refuse the second execution, with a stable code.
	t.Run("ReusedRequestId", func(t *testing.T) {
		rid := client.NewRequestID()
		first := `(async () => {
		  await Lit.Actions.broadcastAndCollect({ name: "price", value: "1" });
		  await Lit.Actions.runOnce({ waitForResponse: true, name: "oracle" }, async () => "1");
		})();`
		statuses, codes := rawExecute(ctx, t, d.URLs(), rid, attacker, map[string]any{"code": base64.StdEncoding.EncodeToString([]byte(first))})
		for i := range statuses {
			if statuses[i] != http.StatusOK {
				t.Fatalf("first execution: node %d answered %d %s", i+1, statuses[i], codes[i])
			}
		}
		statuses, codes = rawExecute(ctx, t, d.URLs(), rid, attacker, map[string]any{"ipfsId": childCID.String(), "jsParams": map[string]any{"publicKey": pubHex}})
		for i := range statuses {
			if statuses[i] != http.StatusConflict || codes[i] != "NodeDuplicateRequestId" {
				t.Errorf("second execution under %s: node %d answered %d %q, want 409 NodeDuplicateRequestId", rid, i+1, statuses[i], codes[i])
			}
		}
	})

	// The attack: claimKey was not counted, and each claim kept a caller-sized key id in the node's
	// memory and its answer, past the 100 KiB response limit. A flood of claims, or one huge key id,
	// must stop at its limit with the limit's named error on every node.
	t.Run("ClaimKeyFlood", func(t *testing.T) {
		flood := `(async () => {
		  for (let i = 0; i < 1000; i++) await Lit.Actions.claimKey({ keyId: "k".repeat(200) + i });
		  Lit.Actions.setResponse({ response: "claimed 1000 keys" });
		})();`
		_, err := f.cl.Execute(ctx, attacker, client.Action{Code: []byte(flood)}, nil)
		ae := actionFailure(t, err, "NodeActionClaimLimit")
		if !strings.Contains(ae.Message, "You may not claim more than 10 keys") {
			t.Fatalf("message %q", ae.Message)
		}
		huge := `(async () => { await Lit.Actions.claimKey({ keyId: "k".repeat(1 << 20) }); })();`
		_, err = f.cl.Execute(ctx, attacker, client.Action{Code: []byte(huge)}, nil)
		ae = actionFailure(t, err, "NodeActionClaimKeyTooLong")
		if !strings.Contains(ae.Message, "keyId is 1048576 bytes long. Max length is 256 bytes.") {
			t.Fatalf("message %q", ae.Message)
		}
	})

	// The attack: a wallet grants a session only lit-action-execution (to run some Action), and that
	// Action — anyone's code — signs with the wallet's PKP, which the session never granted. Inside an
	// Action the node must check the session's pkp-signing grant as well as the wallet's permission.
	t.Run("SessionWithoutSigning", func(t *testing.T) {
		execOnly, err := client.NewSession(owner.Key, f.cl.Blockhash, time.Hour,
			auth.ResourceAbility{Resource: auth.ActionResource("*"), Ability: auth.AbilityActionExecution})
		if err != nil {
			t.Fatal(err)
		}
		code := []byte(signAction)
		params := map[string]any{"message": "drain the wallet", "publicKey": pubHex}
		_, err = f.cl.Execute(ctx, execOnly, client.Action{Code: code}, params)
		ae := actionFailure(t, err, "NodePKPNotAuthorized")
		if !strings.Contains(ae.Message, "the caller's session does not grant pkp-signing on lit-pkp://") {
			t.Fatalf("message %q", ae.Message)
		}
		// The owner's session that grants signing signs with the same Action.
		res, err := f.cl.Execute(ctx, f.authSig, client.Action{Code: code}, params)
		if err != nil {
			t.Fatalf("with a signing grant: %v", err)
		}
		sig := res.Signatures["sig1"]
		if sig == nil {
			t.Fatalf("no signature: %+v", res)
		}
		verify(t, &sig.Signature, f.pubkey)
	})
}
