package integration

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/ipfs"
	"github.com/flint-network/flint/node"
)

// signAction hashes a message and signs the hash with a PKP, both given as
// jsParams.
const signAction = `(async () => {
  const hash = ethers.utils.arrayify(ethers.utils.keccak256(ethers.utils.toUtf8Bytes(message)));
  await Lit.Actions.signEcdsa({ toSign: hash, publicKey, sigName: "sig1" });
  Lit.Actions.setResponse({ response: "signed" });
})();`

// actionNet is a devnet with small Action limits, shared by the Action tests.
type actionNet struct {
	cl        *client.Client
	cc        *chain.Client
	store     *ipfs.Store
	owner     *ecdsa.PrivateKey
	caller    *client.Session   // a wallet that owns no PKP and is permitted nowhere
	callerKey *ecdsa.PrivateKey // its wallet's key
	ownerS    *client.Session
	dir       string
}

func (a *actionNet) run(t *testing.T, code string, params any) (*client.ExecuteResult, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	return a.cl.Execute(ctx, a.caller, client.Action{Code: []byte(code)}, params)
}

func (a *actionNet) mustRun(t *testing.T, code string, params any) *client.ExecuteResult {
	t.Helper()
	res, err := a.run(t, code, params)
	if err != nil {
		var ne *client.NodesError
		if errors.As(err, &ne) {
			grepLogs(t, a.dir, strings.Fields(ne.Op)[1])
		}
		t.Fatal(err)
	}
	if res.Answered != 4 || len(res.Failed) != 0 {
		grepLogs(t, a.dir, res.RequestID)
		t.Fatalf("%d nodes answered; failed: %v", res.Answered, res.Failed)
	}
	return res
}

// mint makes a PKP owned by the owner account.
func (a *actionNet) mint(t *testing.T, seed string) *chain.Minted {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	var keyID [32]byte
	copy(keyID[:], seed)
	m, err := a.cl.ClaimAndMint(ctx, a.cc, a.cc.Transactor(a.owner), keyID)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func (a *actionNet) permit(t *testing.T, m *chain.Minted, code string, scopes ...chain.Scope) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cid := ipfs.Sum([]byte(code))
	if _, err := a.cc.AddPermittedAction(ctx, a.cc.Transactor(a.owner), m.TokenID, cid.Bytes(), scopes...); err != nil {
		t.Fatal(err)
	}
}

// actionFailure checks that err is an Action failure reported by every node
// with the given code, and returns it.
func actionFailure(t *testing.T, err error, code string) *client.ActionError {
	t.Helper()
	var ae *client.ActionError
	if !errors.As(err, &ae) {
		t.Fatalf("want an Action failure %s, got %v", code, err)
	}
	if ae.Code != code || ae.Nodes != 4 {
		t.Fatalf("want %s on 4 nodes, got %s on %d: %v", code, ae.Code, ae.Nodes, err)
	}
	return ae
}

func TestActions(t *testing.T) {
	d := startDevnetWith(t, 4, node.PoolConfig{Low: 20, High: 40, Batch: 20}, &node.ActionsConfig{
		Workers:     2,
		CollectWait: node.Duration(5 * time.Second),
		Limits: node.ActionLimits{
			Timeout:      node.Duration(3 * time.Second),
			MemoryMB:     24,
			Fetches:      3,
			ResponseSize: 1024,
		},
		// The Actions fetch from the test's web server on 127.0.0.1, which
		// the default egress policy refuses (TestAttackActionFetchInternal).
		Egress: node.EgressConfig{Allow: []string{"127.0.0.1"}},
	})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// Wait for the presignature batches to end: a leader may bind a
	// presignature of a batch that another holder has not finished storing
	// (see the report), which stalls that holder's share.
	waitPresignatures(ctx, t, d.URLs(), 40)
	cl, err := client.Connect(ctx, d.URLs(), client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	store, err := ipfs.OpenStore(d.IPFSStore())
	if err != nil {
		t.Fatal(err)
	}
	owner, stranger := d.Chain.Accounts()[1], d.Chain.Accounts()[4]
	callerSig, err := client.NewSession(stranger.Key, cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	ownerSig, _ := client.NewSession(owner.Key, cl.Blockhash, time.Hour)
	a := &actionNet{cl: cl, cc: cc, store: store, owner: owner.Key, caller: callerSig, callerKey: stranger.Key, ownerS: ownerSig, dir: d.Dir()}

	// A local web server the Actions fetch from; each answer is numbered.
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := hits.Add(1)
		switch r.URL.Path {
		case "/weather":
			fmt.Fprint(w, "sunny, 21C")
		case "/price":
			fmt.Fprint(w, `{"price": 1234.5}`)
		default:
			fmt.Fprintf(w, "value-%d", n)
		}
	}))
	defer srv.Close()

	// The explorer's playground runs its price example (the file the page loads) with the dev
	// account on a PKP it mints, fetching from the server above: the signature verifies under the
	// PKP's key, by the explorer's check and by this test's.
	t.Run("ExplorerPriceExample", func(t *testing.T) {
		code, err := os.ReadFile("../explorer/web/static/examples/price.js")
		if err != nil {
			t.Fatal(err)
		}
		ex := startExplorer(ctx, t, d, time.Second)
		post := func(op string, body any, out any) {
			t.Helper()
			b, _ := json.Marshal(body)
			resp, err := http.Post(ex.URL+"/api/v1/dev/"+op, "application/json", bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			raw, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("%s: %d %s", op, resp.StatusCode, raw)
			}
			if err := json.Unmarshal(raw, out); err != nil {
				t.Fatalf("%s: %s: %v", op, raw, err)
			}
		}
		var minted struct{ PKP struct{ Pubkey string } }
		post("mint", struct{}{}, &minted)
		var run struct {
			OK         bool
			Response   string
			Error      string
			Signatures []struct {
				Name, Signature, DataSigned, Expected string
				Verified                              bool
			}
			Nodes []struct{ Outcome string }
		}
		post("run", map[string]any{"code": string(code), "jsParams": map[string]any{"url": srv.URL + "/price", "publicKey": minted.PKP.Pubkey}, "publicKey": minted.PKP.Pubkey}, &run)
		if !run.OK || run.Response != "ETH/USD 1234.5" || len(run.Signatures) != 1 || !run.Signatures[0].Verified || len(run.Nodes) != 4 {
			t.Fatalf("run: %+v", run)
		}
		s := run.Signatures[0]
		if s.Name != "price" || !strings.EqualFold(s.Expected, minted.PKP.Pubkey) {
			t.Fatalf("signature %+v; PKP %s", s, minted.PKP.Pubkey)
		}
		sig, _ := hex.DecodeString(strings.TrimPrefix(s.Signature, "0x"))
		hash, _ := hex.DecodeString(strings.TrimPrefix(s.DataSigned, "0x"))
		if !slices.Equal(hash, crypto.Keccak256([]byte("ETH/USD 1234.5"))) || len(sig) != 65 {
			t.Fatalf("signed %x; want keccak256 of the message", hash)
		}
		sig[64] -= 27
		rec, err := crypto.Ecrecover(hash, sig)
		if err != nil || !strings.EqualFold("0x"+hex.EncodeToString(rec), minted.PKP.Pubkey) {
			t.Fatalf("recovers %x (%v), want %s", rec, err, minted.PKP.Pubkey)
		}

		// The runOnce example: one fetch for the four nodes.
		once, err := os.ReadFile("../explorer/web/static/examples/runonce.js")
		if err != nil {
			t.Fatal(err)
		}
		before := hits.Load()
		var r2 struct {
			OK       bool
			Response string
			Agree    int
		}
		post("run", map[string]any{"code": string(once), "jsParams": map[string]any{"url": srv.URL + "/price"}}, &r2)
		if !r2.OK || r2.Response != `{"price": 1234.5}` || r2.Agree != 4 || hits.Load()-before != 1 {
			t.Fatalf("runOnce: %+v after %d fetches", r2, hits.Load()-before)
		}
	})

	t.Run("SignWithPermittedAction", func(t *testing.T) {
		pkp := a.mint(t, "actions-permitted-pkp-0000000000")
		a.permit(t, pkp, signAction, chain.ScopeSignAnything)
		res := a.mustRun(t, signAction, map[string]any{"message": "hello actions", "publicKey": "0x" + hex.EncodeToString(pkp.Pubkey)})
		sig := res.Signatures["sig1"]
		if sig == nil || res.Response != "signed" || res.Agree != 4 {
			t.Fatalf("result %+v", res)
		}
		want := crypto.Keccak256([]byte("hello actions"))
		if !slices.Equal(sig.Hash[:], want) {
			t.Fatalf("signed %x, want keccak256 of the message %x", sig.Hash, want)
		}
		verify(t, &sig.Signature, pkp.Pubkey)
		if len(sig.Signers) != cl.Quorum || len(sig.BadNodes) != 0 {
			t.Fatalf("signers %v, bad %v", sig.Signers, sig.BadNodes)
		}
		// The result in the SDK's shape.
		raw, _ := json.Marshal(res)
		var sdk struct {
			Signatures map[string]struct {
				R, S, Signature, PublicKey, DataSigned string
				Recid                                  int
			}
			Response string
		}
		if err := json.Unmarshal(raw, &sdk); err != nil {
			t.Fatal(err)
		}
		s := sdk.Signatures["sig1"]
		if s.R != hex.EncodeToString(sig.R[:]) || s.Signature != "0x"+hex.EncodeToString(sig.Bytes()) ||
			!strings.EqualFold(s.DataSigned, hex.EncodeToString(want)) || sdk.Response != "signed" {
			t.Fatalf("SDK shape: %s", raw)
		}
	})

	t.Run("RefusedForPKPThatDoesNotPermit", func(t *testing.T) {
		pkp := a.mint(t, "actions-other-pkp-00000000000000")
		_, err := a.run(t, signAction, map[string]any{"message": "hello actions", "publicKey": "0x" + hex.EncodeToString(pkp.Pubkey)})
		ae := actionFailure(t, err, "NodePKPNotAuthorized")
		if !strings.Contains(ae.Message, "Neither you nor this Lit Action are authorized to sign using this PKP") {
			t.Fatalf("message %q", ae.Message)
		}
		// Scope 2 lets the Action sign EIP-191 messages only.
		a.permit(t, pkp, signAction, chain.ScopePersonalSign)
		_, err = a.run(t, signAction, map[string]any{"message": "hello actions", "publicKey": "0x" + hex.EncodeToString(pkp.Pubkey)})
		actionFailure(t, err, "NodePKPNotAuthorized")
		personal := `(async () => {
		  await Lit.Actions.ethPersonalSignMessageEcdsa({ message, publicKey, sigName: "p" });
		})();`
		a.permit(t, pkp, personal, chain.ScopePersonalSign)
		res := a.mustRun(t, personal, map[string]any{"message": "gm", "publicKey": "0x" + hex.EncodeToString(pkp.Pubkey)})
		sig := res.Signatures["p"]
		if sig == nil || !slices.Equal(sig.Hash[:], crypto.Keccak256([]byte("\x19Ethereum Signed Message:\n2gm"))) {
			t.Fatalf("personal signature %+v", sig)
		}
		verify(t, &sig.Signature, pkp.Pubkey)
	})

	t.Run("SignAndCombine", func(t *testing.T) {
		code := `(async () => {
		  const toSign = ethers.utils.arrayify(ethers.utils.keccak256(ethers.utils.toUtf8Bytes("combined")));
		  const sig = await Lit.Actions.signAndCombineEcdsa({ toSign, publicKey, sigName: "c" });
		  Lit.Actions.setResponse({ response: sig });
		})();`
		pkp := a.mint(t, "actions-combine-pkp-000000000000")
		a.permit(t, pkp, code, chain.ScopeSignAnything)
		res := a.mustRun(t, code, map[string]any{"publicKey": "0x" + hex.EncodeToString(pkp.Pubkey)})
		if res.Agree != 4 || len(res.Signatures) != 0 {
			for _, f := range res.Failed {
				t.Log(f)
			}
			t.Fatalf("agree %d of %d, dissent %v, signatures %v", res.Agree, res.Answered, res.Dissent, res.Signatures)
		}
		var rsv struct {
			R, S string
			V    int
		}
		if err := json.Unmarshal([]byte(res.Response), &rsv); err != nil {
			t.Fatalf("response %q: %v", res.Response, err)
		}
		R, err1 := hex.DecodeString(rsv.R)
		S, err2 := hex.DecodeString(rsv.S)
		if err1 != nil || err2 != nil || len(R) != 33 || len(S) != 32 {
			t.Fatalf("response %q", res.Response)
		}
		var sig client.Signature
		copy(sig.R[:], R[1:])
		copy(sig.S[:], S)
		sig.V = byte(rsv.V)
		copy(sig.Hash[:], crypto.Keccak256([]byte("combined")))
		verify(t, &sig, pkp.Pubkey)
	})

	t.Run("DisagreeingNodes", func(t *testing.T) {
		// Each node fetches a different value and signs its hash: the shares
		// cannot combine, and the client says so.
		code := `(async () => {
		  const v = await (await fetch(url)).text();
		  try {
		    await Lit.Actions.signEcdsa({ toSign: ethers.utils.arrayify(ethers.utils.keccak256(ethers.utils.toUtf8Bytes(v))), publicKey, sigName: "d" });
		  } catch (e) { console.log("sign failed:", e.message); }
		})();`
		pkp := a.mint(t, "actions-disagree-pkp-00000000000")
		a.permit(t, pkp, code, chain.ScopeSignAnything)
		res, err := a.run(t, code, map[string]any{"url": srv.URL + "/n", "publicKey": "0x" + hex.EncodeToString(pkp.Pubkey)})
		if !errors.Is(err, client.ErrShares) || res == nil || res.Signatures["d"] != nil {
			t.Fatalf("want ErrShares, got %v", err)
		}
		t.Logf("client says: %v", err)
		// Uncaught, the refusal fails the Action on every node but the
		// request's leader, with an error that says why.
		uncaught := strings.Replace(strings.Replace(code, "try {", "", 1), `} catch (e) { console.log("sign failed:", e.message); }`, "", 1)
		a.permit(t, pkp, uncaught, chain.ScopeSignAnything)
		_, err = a.run(t, uncaught, map[string]any{"url": srv.URL + "/n", "publicKey": "0x" + hex.EncodeToString(pkp.Pubkey)})
		var ae *client.ActionError
		if !errors.As(err, &ae) || ae.Code != "NodeActionsDisagree" || ae.Nodes != 3 || !strings.Contains(ae.Message, "disagree on what to sign") {
			t.Fatalf("want NodeActionsDisagree from 3 nodes, got %v", err)
		}
		t.Logf("nodes say: %s", ae.Message)
	})

	t.Run("Fetch", func(t *testing.T) {
		code := `(async () => {
		  const r = await fetch(url);
		  Lit.Actions.setResponse({ response: r.status + " " + (await r.text()) });
		})();`
		res := a.mustRun(t, code, map[string]any{"url": srv.URL + "/weather"})
		if res.Response != "200 sunny, 21C" || res.Agree != 4 || len(res.Dissent) != 0 {
			t.Fatalf("response %q, agree %d", res.Response, res.Agree)
		}
	})

	t.Run("RunOnce", func(t *testing.T) {
		code := `(async () => {
		  const v = await Lit.Actions.runOnce({ waitForResponse: true, name: "fetcher" }, async () => {
		    return await (await fetch(url)).text();
		  });
		  Lit.Actions.setResponse({ response: v });
		})();`
		before := hits.Load()
		res := a.mustRun(t, code, map[string]any{"url": srv.URL + "/n"})
		if hits.Load()-before != 1 {
			t.Fatalf("the server saw %d requests, want 1", hits.Load()-before)
		}
		if res.Agree != 4 || res.Response != fmt.Sprintf("value-%d", before+1) {
			t.Fatalf("response %q agreed by %d", res.Response, res.Agree)
		}
	})

	t.Run("BroadcastAndCollect", func(t *testing.T) {
		code := `(async () => {
		  const mine = await (await fetch(url)).text();
		  const all = await Lit.Actions.broadcastAndCollect({ name: "values", value: mine });
		  Lit.Actions.setResponse({ response: JSON.stringify(all.slice().sort()) });
		})();`
		before := hits.Load()
		res := a.mustRun(t, code, map[string]any{"url": srv.URL + "/n"})
		var got []string
		if err := json.Unmarshal([]byte(res.Response), &got); err != nil {
			t.Fatal(err)
		}
		var want []string
		for i := before + 1; i <= before+4; i++ {
			want = append(want, fmt.Sprintf("value-%d", i))
		}
		slices.Sort(want)
		if !slices.Equal(got, want) || res.Agree != 4 {
			t.Fatalf("collected %v (agreed by %d), want %v", got, res.Agree, want)
		}
	})

	t.Run("ChildAction", func(t *testing.T) {
		child := `(async () => {
		  console.log("child sees", x);
		  Lit.Actions.setResponse({ response: String(x * 21) });
		})();`
		cid, err := a.store.Put([]byte(child))
		if err != nil {
			t.Fatal(err)
		}
		parent := `(async () => {
		  const r = await Lit.Actions.call({ ipfsId: child, params: { x: 2 } });
		  Lit.Actions.setResponse({ response: "child said " + r + " from " + Lit.Auth.actionIpfsIds[0].slice(0, 2) });
		})();`
		res := a.mustRun(t, parent, map[string]any{"child": cid.String()})
		if res.Response != "child said 42 from Qm" || !strings.Contains(res.Logs, "child sees 2") {
			t.Fatalf("response %q logs %q", res.Response, res.Logs)
		}
		// The parent by its CID, from the devnet's store.
		pcid, err := a.store.Put([]byte(parent))
		if err != nil {
			t.Fatal(err)
		}
		res, err = cl.Execute(ctx, a.caller, client.Action{CID: pcid.String()}, map[string]any{"child": cid.String()})
		if err != nil || res.Response != "child said 42 from Qm" {
			t.Fatalf("by CID: %v %+v", err, res)
		}
		// A CID nobody has.
		_, err = cl.Execute(ctx, a.caller, client.Action{CID: ipfs.Sum([]byte("nobody has this")).String()}, nil)
		var ne *client.NodesError
		if !errors.As(err, &ne) || len(ne.Nodes) != 4 || ne.Nodes[0].Code != "NodeIpfsNotFound" {
			t.Fatalf("unknown CID: %v", err)
		}
	})

	t.Run("ResponseAndLogs", func(t *testing.T) {
		code := `(async () => {
		  console.log("hello", 42, { a: [1, 2] });
		  console.error("careful");
		  Lit.Actions.setResponse({ response: JSON.stringify({ answer: 42 }) });
		})();`
		res := a.mustRun(t, code, nil)
		if res.Response != `{"answer":42}` || !strings.Contains(res.Logs, "hello 42") || !strings.Contains(res.Logs, "careful") {
			t.Fatalf("response %q logs %q", res.Response, res.Logs)
		}
		raw, _ := json.Marshal(res)
		if !strings.Contains(string(raw), `"response":{"answer":42}`) {
			t.Fatalf("SDK shape parses the response: %s", raw)
		}
	})

	t.Run("ClaimKey", func(t *testing.T) {
		code := `(async () => { await Lit.Actions.claimKey({ keyId: "my-key" }); })();`
		res := a.mustRun(t, code, nil)
		c := res.Claims["my-key"]
		if c == nil || len(c.Signatures) != 4 || len(c.PublicKey) != 65 {
			t.Fatalf("claim %+v", c)
		}
		wantID := crypto.Keccak256([]byte(ipfs.Sum([]byte(code)).String() + "_my-key"))
		if !slices.Equal(c.DerivedKeyID[:], wantID) {
			t.Fatalf("derived key id %x, want %x", c.DerivedKeyID, wantID)
		}
		// The nodes' claim signatures name the caller who ran the Action:
		// another address cannot mint with them, the caller can.
		key := chain.AttestedKey{KeyID: c.DerivedKeyID, Pubkey: c.PublicKey, Signatures: c.Signatures}
		if _, err := cc.ClaimAndMint(ctx, cc.Transactor(a.owner), key); !errors.Is(err, chain.ErrUnknownSigner) {
			t.Fatalf("claimAndMint by another address: %v", err)
		}
		minted, err := cc.ClaimAndMint(ctx, cc.Transactor(a.callerKey), key)
		if err != nil || !slices.Equal(minted.Pubkey, c.PublicKey) {
			t.Fatalf("claimAndMint: %v", err)
		}
	})

	// Decryption inside Actions: the nodes check the conditions themselves,
	// with the running Action's CID (as each node computed it) for
	// :currentActionIpfsId, and exchange their shares among themselves.
	cidIs := func(cid string) string {
		return `[{"contractAddress":"","standardContractType":"","chain":"ethereum","method":"","parameters":[":currentActionIpfsId"],"returnValueTest":{"comparator":"=","value":"` + cid + `"}}]`
	}
	t.Run("DecryptForOwnCID", func(t *testing.T) {
		code := `(async () => {
		  try {
		    const pt = await Lit.Actions.decryptAndCombine({ accessControlConditions: conds, ciphertext, dataToEncryptHash, authSig: null, chain: "ethereum" });
		    Lit.Actions.setResponse({ response: "ok:" + pt });
		  } catch (e) {
		    Lit.Actions.setResponse({ response: "refused:" + e.message });
		  }
		})();`
		other := code + "\n// another Action, another CID\n"
		cid := ipfs.Sum([]byte(code)).String()
		condJSON := cidIs(cid)
		conds, err := acc.Parse(acc.EVMBasic, []byte(condJSON))
		if err != nil {
			t.Fatal(err)
		}
		enc, err := cl.Encrypt(conds, []byte("the API key ☃"))
		if err != nil {
			t.Fatal(err)
		}
		params := map[string]any{"conds": json.RawMessage(condJSON), "ciphertext": enc.Ciphertext, "dataToEncryptHash": enc.DataToEncryptHash}
		res := a.mustRun(t, code, params)
		if res.Response != "ok:the API key ☃" || res.Agree != 4 {
			t.Fatalf("own CID: %q agreed by %d", res.Response, res.Agree)
		}
		// Another Action with the same conditions and ciphertext is refused
		// by every node, which names the Action it evaluated for.
		res = a.mustRun(t, other, params)
		otherCID := ipfs.Sum([]byte(other)).String()
		if !strings.HasPrefix(res.Response, "refused:decryptAndCombine: this Action ("+otherCID+") is not permitted") || res.Agree != 4 {
			t.Fatalf("other CID: %q agreed by %d", res.Response, res.Agree)
		}
		// So is the caller, through the client, outside any Action.
		if _, err := cl.Decrypt(ctx, a.caller, conds, enc); err == nil {
			t.Fatal("the caller decrypted a ciphertext meant for an Action")
		}
	})

	t.Run("CheckConditions", func(t *testing.T) {
		code := `(async () => {
		  const r = [
		    await Lit.Actions.checkConditions({ conditions: own, authSig: null, chain: "ethereum" }),
		    await Lit.Actions.checkConditions({ accessControlConditions: notOwn, authSig: null }),
		    await Lit.Actions.checkConditions({ accessControlConditions: user, authSig, chain: "ethereum" }),
		    await Lit.Actions.checkConditions({ accessControlConditions: user, authSig: null }),
		    // An AuthSig of someone else than the caller does not stand for them.
		    await Lit.Actions.checkConditions({ accessControlConditions: user, authSig: otherSig }).catch((e) => e.message.includes("the caller of this execution") ? "refused" : e.message),
		  ];
		  Lit.Actions.setResponse({ response: JSON.stringify(r) });
		})();`
		walletSig, err := client.WalletAuthSig(a.callerKey, cl.Blockhash, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		otherSig, err := client.WalletAuthSig(a.owner, cl.Blockhash, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		user := `[{"contractAddress":"","standardContractType":"","chain":"ethereum","method":"","parameters":[":userAddress"],"returnValueTest":{"comparator":"=","value":"` +
			crypto.PubkeyToAddress(a.callerKey.PublicKey).Hex() + `"}}]`
		res := a.mustRun(t, code, map[string]any{
			"own":      json.RawMessage(cidIs(ipfs.Sum([]byte(code)).String())),
			"notOwn":   json.RawMessage(cidIs(ipfs.Sum([]byte("other code")).String())),
			"user":     json.RawMessage(user),
			"authSig":  walletSig,
			"otherSig": otherSig,
		})
		if res.Response != `[true,false,true,false,"refused"]` || res.Agree != 4 {
			t.Fatalf("checkConditions: %q agreed by %d", res.Response, res.Agree)
		}
	})

	t.Run("EncryptThenDecrypt", func(t *testing.T) {
		// Each node encrypts with its own randomness; every ciphertext has the
		// same identity, so every node decrypts its own. All four condition
		// kinds are accepted.
		code := `(async () => {
		  const cid = Lit.Auth.actionIpfsIds[0];
		  const cond = { contractAddress: "", standardContractType: "", chain: "ethereum", method: "", parameters: [":currentActionIpfsId"], returnValueTest: { comparator: "=", value: cid } };
		  const out = [];
		  for (const [field, c] of [["accessControlConditions", cond], ["unifiedAccessControlConditions", { conditionType: "evmBasic", ...cond }]]) {
		    const { ciphertext, dataToEncryptHash } = await Lit.Actions.encrypt({ [field]: [c], to_encrypt: new TextEncoder().encode("round " + field) });
		    out.push(await Lit.Actions.decryptAndCombine({ [field]: [c], ciphertext, dataToEncryptHash, authSig: null, chain: "ethereum" }));
		  }
		  Lit.Actions.setResponse({ response: JSON.stringify(out) });
		})();`
		res := a.mustRun(t, code, nil)
		if res.Response != `["round accessControlConditions","round unifiedAccessControlConditions"]` || res.Agree != 4 {
			t.Fatalf("round trip: %q agreed by %d", res.Response, res.Agree)
		}
	})

	t.Run("DecryptWithLitActionCondition", func(t *testing.T) { litActionConditionInActionTests(t, a) })
	t.Run("DecryptWithPKP", func(t *testing.T) { pkpDecryptInActionTests(t, a) })

	t.Run("DecryptToSingleNode", func(t *testing.T) {
		code := `(async () => {
		  const pt = await Lit.Actions.decryptToSingleNode({ accessControlConditions: conds, ciphertext, dataToEncryptHash, authSig: null, chain: "ethereum" });
		  const all = await Lit.Actions.broadcastAndCollect({ name: "plaintexts", value: pt });
		  Lit.Actions.setResponse({ response: JSON.stringify(all.slice().sort()) });
		})();`
		condJSON := cidIs(ipfs.Sum([]byte(code)).String())
		conds, err := acc.Parse(acc.EVMBasic, []byte(condJSON))
		if err != nil {
			t.Fatal(err)
		}
		enc, err := cl.Encrypt(conds, []byte("for one node"))
		if err != nil {
			t.Fatal(err)
		}
		res := a.mustRun(t, code, map[string]any{"conds": json.RawMessage(condJSON), "ciphertext": enc.Ciphertext, "dataToEncryptHash": enc.DataToEncryptHash})
		if res.Response != `["","","","for one node"]` || res.Agree != 4 {
			t.Fatalf("decryptToSingleNode: %q agreed by %d", res.Response, res.Agree)
		}
	})

	t.Run("Limits", func(t *testing.T) {
		cases := []struct {
			name, code, errCode, logs string
		}{
			{"Memory", `console.log("eating"); const a = []; for (;;) a.push("x".repeat(1 << 20) + a.length);`, "NodeJsMemoryLimitError", "eating"},
			{"Fetches", `(async () => { for (let i = 0; i < 10; i++) { console.log("fetch", i); await fetch(url); } })();`, "NodeActionFetchLimit", "fetch 3"},
			{"Response", `console.log("big"); Lit.Actions.setResponse({ response: "x".repeat(5000) });`, "NodeActionResponseTooLarge", "big"},
			{"Timeout", `console.log("spinning"); while (true) {}`, "NodeJsTimeoutError", "spinning"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				start := time.Now()
				_, err := a.run(t, c.code, map[string]any{"url": srv.URL + "/n"})
				ae := actionFailure(t, err, c.errCode)
				if !strings.Contains(ae.Logs, c.logs) {
					t.Errorf("%s: logs %q lack %q", c.name, ae.Logs, c.logs)
				}
				t.Logf("stopped in %v: %s", time.Since(start).Round(time.Millisecond), truncate(ae.Message, 120))
			})
		}
		// Every node still serves Actions.
		res := a.mustRun(t, `Lit.Actions.setResponse({ response: "still here" });`, nil)
		if res.Response != "still here" || res.Answered != 4 {
			t.Fatalf("after the limits: %q from %d nodes", res.Response, res.Answered)
		}
	})
}

// waitPresignatures waits until every node holds at least min presignatures
// it may bind (the pool fills after genesis) and runs no protocol session.
func waitPresignatures(ctx context.Context, t *testing.T, urls []string, min int) {
	t.Helper()
	for _, u := range urls {
		for {
			if gauge(ctx, u, `flint_presignatures{kind="own_free"}`) >= min && gauge(ctx, u, "flint_sessions") == 0 {
				break
			}
			select {
			case <-ctx.Done():
				t.Fatalf("%s: presignature pool not filled: %v", u, ctx.Err())
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
}

// gauge reads a node's metric (-1 if it cannot).
func gauge(ctx context.Context, url, name string) int {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/metrics", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, name+" "); ok {
			var n float64
			fmt.Sscan(v, &n)
			return int(n)
		}
	}
	return -1
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// grepLogs shows the nodes' log lines about a request, and their warnings,
// when a test fails.
func grepLogs(t *testing.T, dir, rid string) {
	t.Helper()
	for i := 1; i <= 4; i++ {
		b, _ := os.ReadFile(fmt.Sprintf("%s/node%d/node.log", dir, i))
		for _, l := range strings.Split(string(b), "\n") {
			if (strings.Contains(l, rid) && !strings.Contains(l, `"request done"`)) || strings.Contains(l, `"level":"WARN"`) {
				t.Logf("node %d: %s", i, truncate(l, 600))
			}
		}
	}
}
