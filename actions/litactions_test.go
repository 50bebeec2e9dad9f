package actions

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// recovers reports whether sig (65 bytes, v 0/1) over hash was made by h's key.
func (h *fakeHost) recovers(t *testing.T, hash []byte, sig []byte) {
	t.Helper()
	pub, err := crypto.SigToPub(hash, sig)
	if err != nil {
		t.Fatal(err)
	}
	if crypto.PubkeyToAddress(*pub) != crypto.PubkeyToAddress(h.key.PublicKey) {
		t.Fatal("signature does not recover the PKP's key")
	}
}

func TestSignEcdsa(t *testing.T) {
	h := newFakeHost(t)
	compressed := fmt.Sprintf("%x", crypto.CompressPubkey(&h.key.PublicKey)) // no 0x, compressed
	res := mustRun(t, h, `(async () => {
		const toSign = ethers.utils.arrayify(ethers.utils.keccak256(ethers.utils.toUtf8Bytes("hello")));
		const a = await Lit.Actions.signEcdsa({ toSign, publicKey, sigName: "sig1" });
		const b = await LitActions.signEcdsa({ toSign: Array.from(toSign), publicKey: compressed, sigName: "sig2" });
		Lit.Actions.setResponse({ response: a + " " + b });
	})();`, map[string]any{"publicKey": h.pubHex(), "compressed": compressed})
	if res.Response != "success success" {
		t.Fatalf("response %q", res.Response)
	}
	want := crypto.Keccak256([]byte("hello"))
	for _, name := range []string{"sig1", "sig2"} {
		s, ok := res.Signatures[name]
		if !ok {
			t.Fatalf("no share for %s", name)
		}
		if !bytes.Equal(s.Request.Hash[:], want) || s.Request.SigName != name || s.Request.Scope != ScopeSignAnything || s.Request.Frame != (Frame{CID: testCID, Path: "0"}) {
			t.Errorf("%s: request %+v", name, s.Request)
		}
		if !bytes.Equal(s.Request.PublicKey, crypto.FromECDSAPub(&h.key.PublicKey)) {
			t.Errorf("%s: public key not normalised to uncompressed", name)
		}
		h.recovers(t, want, s.Share.([]byte))
	}

	// Lit's own failing test: a message that is not a 32-byte hash is refused.
	for _, code := range []string{
		`(async () => { await LitActions.signEcdsa({ toSign: new TextEncoder().encode("Hello World"), publicKey, sigName: "x" }); })()`,
		`(async () => { await LitActions.signEcdsa({ toSign: [], publicKey, sigName: "x" }); })()`,
		`(async () => { await LitActions.signEcdsa({ toSign: new Uint8Array(32), publicKey: "  ", sigName: "x" }); })()`,
		`(async () => { await LitActions.signEcdsa({ toSign: new Uint8Array(32), publicKey: "0x1234", sigName: "x" }); })()`,
		`(async () => { await LitActions.signEcdsa({ toSign: new Uint8Array(32), publicKey, sigName: "" }); })()`,
	} {
		var se *ScriptError
		if _, err := runWith(t, h, Limits{}, code, map[string]any{"publicKey": h.pubHex()}); !errors.As(err, &se) {
			t.Errorf("%s: err %v", code, err)
		}
	}
}

func TestEthPersonalSign(t *testing.T) {
	h := newFakeHost(t)
	res := mustRun(t, h, `(async () => {
		await Lit.Actions.ethPersonalSignMessageEcdsa({ message: "Hello Lit", publicKey, sigName: "personal" });
	})();`, map[string]any{"publicKey": h.pubHex()})
	s := res.Signatures["personal"]
	if !bytes.Equal(s.Request.Hash[:], accounts.TextHash([]byte("Hello Lit"))) || s.Request.Scope != ScopePersonalSign {
		t.Fatalf("request %+v", s.Request)
	}
	h.recovers(t, s.Request.Hash[:], s.Share.([]byte))
}

func TestSignAndCombineEcdsa(t *testing.T) {
	// Lit's documented use: rebuild the signature, serialize the signed transaction, recover the signer.
	h := newFakeHost(t)
	res := mustRun(t, h, `(async () => {
		const unsignedTransaction = { to: "0x000000000000000000000000000000000000dEaD", nonce: 3, gasLimit: 21000,
			gasPrice: ethers.utils.parseUnits("2", "gwei"), value: ethers.utils.parseEther("0.01"), chainId: 1 };
		const toSign = ethers.utils.arrayify(ethers.utils.keccak256(ethers.utils.serializeTransaction(unsignedTransaction)));
		const signature = await Lit.Actions.signAndCombineEcdsa({ toSign, publicKey, sigName: "tx" });
		const jsonSignature = JSON.parse(signature);
		jsonSignature.r = "0x" + jsonSignature.r.substring(2);
		jsonSignature.s = "0x" + jsonSignature.s;
		const hexSignature = ethers.utils.joinSignature(jsonSignature);
		const signedTx = ethers.utils.serializeTransaction(unsignedTransaction, hexSignature);
		Lit.Actions.setResponse({ response: JSON.stringify({ signature, signedTx,
			recovered: ethers.utils.recoverAddress(toSign, hexSignature), from: ethers.utils.parseTransaction(signedTx).from }) });
	})();`, map[string]any{"publicKey": h.pubHex()})
	var out struct{ Signature, SignedTx, Recovered, From string }
	if err := json.Unmarshal([]byte(res.Response), &out); err != nil {
		t.Fatal(err)
	}
	addr := crypto.PubkeyToAddress(h.key.PublicKey).Hex()
	if out.Recovered != addr || out.From != addr {
		t.Fatalf("recovered %s / from %s, want %s", out.Recovered, out.From, addr)
	}
	var sig map[string]any
	if err := json.Unmarshal([]byte(out.Signature), &sig); err != nil {
		t.Fatal(err)
	}
	if r, _ := sig["r"].(string); len(r) != 66 || (r[:2] != "02" && r[:2] != "03") {
		t.Errorf("r %q is not a compressed point", r)
	}
	if s, _ := sig["s"].(string); len(s) != 64 {
		t.Errorf("s %q", s)
	}
	if len(res.Signatures) != 0 {
		t.Errorf("signAndCombineEcdsa recorded a share: %v", res.Signatures)
	}
	checkSignedTx(t, out.SignedTx, addr)
}

func TestPermissions(t *testing.T) {
	h := newFakeHost(t)
	h.actions = []string{testCID, "QmOther"}
	h.addresses = []common.Address{common.HexToAddress("0x00000000000000000000000000000000000000aB")}
	h.authMethods = []AuthMethod{{Type: big.NewInt(6), ID: []byte{1, 2, 3}, UserPubkey: []byte{9}}}
	h.scopes = []bool{false, true, true}
	res := mustRun(t, h, `(async () => {
		const tokenId = Lit.Actions.pubkeyToTokenId({ publicKey });
		const r = [
			await Lit.Actions.isPermittedAction({ tokenId, ipfsId: Lit.Auth.actionIpfsIdStack[0] }),
			await Lit.Actions.isPermittedAction({ tokenId, ipfsId: "QmNope" }),
			await Lit.Actions.isPermittedAddress({ tokenId, address: "0x00000000000000000000000000000000000000ab" }),
			await Lit.Actions.isPermittedAddress({ tokenId, address: "0x00000000000000000000000000000000000000ac" }),
			await Lit.Actions.isPermittedAuthMethod({ tokenId, authMethodType: "6", userId: [1, 2, 3] }),
			await Lit.Actions.isPermittedAuthMethod({ tokenId, authMethodType: 6, userId: [1, 2] }),
			await Lit.Actions.getPermittedActions({ tokenId }),
			await Lit.Actions.getPermittedAddresses({ tokenId: "12345" }),
			await Lit.Actions.getPermittedAuthMethods({ tokenId }),
			await Lit.Actions.getPermittedAuthMethodScopes({ tokenId, authMethodType: "6", userId: [1, 2, 3], maxScopeId: 3 }),
			tokenId,
		];
		Lit.Actions.setResponse({ response: JSON.stringify(r) });
	})();`, map[string]any{"publicKey": h.pubHex()})
	tokenID := "0x" + hex.EncodeToString(crypto.Keccak256(crypto.FromECDSAPub(&h.key.PublicKey)))
	want := `[true,false,true,false,true,false,["` + testCID + `","QmOther"],["0x00000000000000000000000000000000000000ab"],` +
		`[{"auth_method_type":"0x6","id":"0x010203","user_pubkey":"0x09"}],[false,true,true],"` + tokenID + `"]`
	if res.Response != want {
		t.Fatalf("got  %s\nwant %s", res.Response, want)
	}
	_, err := runWith(t, h, Limits{}, `(async () => { await Lit.Actions.getPermittedActions({ tokenId: "0xzz" }) })()`, nil)
	if err == nil || !strings.Contains(err.Error(), "valid U256") {
		t.Fatalf("bad tokenId: %v", err)
	}
}

func TestPubkeyToTokenID(t *testing.T) {
	h := newFakeHost(t)
	compressed := fmt.Sprintf("0x%x", crypto.CompressPubkey(&h.key.PublicKey))
	res := mustRun(t, h, `Lit.Actions.setResponse({ response: Lit.Actions.pubkeyToTokenId({ publicKey }) + " " + Lit.Actions.pubkeyToTokenId({ publicKey: compressed }) })`,
		map[string]any{"publicKey": h.pubHex(), "compressed": compressed})
	id := new(big.Int).SetBytes(crypto.Keccak256(crypto.FromECDSAPub(&h.key.PublicKey)))
	want := fmt.Sprintf("0x%064x", id)
	if res.Response != want+" "+want {
		t.Fatalf("got %s want %s", res.Response, want)
	}
}

func TestNonceAndRPCURL(t *testing.T) {
	h := newFakeHost(t)
	h.nonce = 255
	res := mustRun(t, h, `(async () => {
		const n = await Lit.Actions.getLatestNonce({ address: "0x000000000000000000000000000000000000dead", chain: "ethereum" });
		const u = await Lit.Actions.getRpcUrl({ chain: "ethereum" });
		const bad = await Lit.Actions.getRpcUrl({ chain: "nope" });
		let e = "";
		try { await Lit.Actions.getLatestNonce({ address: "nope", chain: "ethereum" }); } catch (err) { e = err.name; }
		Lit.Actions.setResponse({ response: [n, u, bad, e].join("|") });
	})();`, nil)
	if res.Response != `0xff|http://127.0.0.1:8545|Error getting RPC URL: fake: unknown chain "nope"|TypeError` {
		t.Fatalf("response %q", res.Response)
	}
}

func TestCallContract(t *testing.T) {
	h := newFakeHost(t)
	h.contractOut = []byte{0, 0, 0, 42}
	res := mustRun(t, h, `(async () => {
		const data = ethers.utils.hexConcat([ethers.utils.hexDataSlice(ethers.utils.id("balanceOf(address)"), 0, 4),
			ethers.utils.hexZeroPad("0x01", 32)]);
		const txn = ethers.utils.serializeTransaction({ to: "0x000000000000000000000000000000000000bEEF", data });
		const out = await Lit.Actions.callContract({ chain: "ethereum", txn });
		Lit.Actions.setResponse({ response: out });
	})();`, nil)
	if res.Response != "0x0000002a" {
		t.Fatalf("response %q", res.Response)
	}
	if len(h.calls) != 1 {
		t.Fatalf("%d calls", len(h.calls))
	}
	msg := h.calls[0]
	wantData := append(crypto.Keccak256([]byte("balanceOf(address)"))[:4], common.LeftPadBytes([]byte{1}, 32)...)
	if msg.To == nil || *msg.To != common.HexToAddress("0xbeef") || !bytes.Equal(msg.Data, wantData) || msg.Gas != callContractGas {
		t.Fatalf("call %+v", msg)
	}
}

func TestChildAction(t *testing.T) {
	h := newFakeHost(t)
	h.code["QmChild"] = []byte(`(async () => {
		console.log("child sees", greeting, JSON.stringify(Lit.Auth.actionIpfsIdStack));
		await Lit.Actions.signEcdsa({ toSign: new Uint8Array(32).fill(1), publicKey, sigName: "childSig" });
		Lit.Actions.setResponse({ response: greeting + " back" });
	})();`)
	res := mustRun(t, h, `(async () => {
		const r = await Lit.Actions.call({ ipfsId: "QmChild", params: { greeting: "hi", publicKey } });
		console.log("parent got", r);
		let missing = "";
		try { await Lit.Actions.call({ ipfsId: "QmMissing" }); } catch (e) { missing = e.message; }
		Lit.Actions.setResponse({ response: r + "|" + missing });
	})();`, map[string]any{"publicKey": h.pubHex()})
	if res.Response != "hi back|"+errNoCode.Error() {
		t.Fatalf("response %q", res.Response)
	}
	wantLogs := "child sees hi [\"" + testCID + "\",\"QmChild\"]\nparent got hi back\n"
	if res.Logs != wantLogs {
		t.Fatalf("logs %q", res.Logs)
	}
	s, ok := res.Signatures["childSig"]
	if !ok || s.Request.Frame != (Frame{CID: "QmChild", Path: "0.1"}) {
		t.Fatalf("child's signature: %+v", res.Signatures)
	}
}

func TestClaimKey(t *testing.T) {
	h := newFakeHost(t)
	res := mustRun(t, h, `(async () => { Lit.Actions.setResponse({ response: await Lit.Actions.claimKey({ keyId: "user-1" }) }); })();`, nil)
	if res.Response != "success" {
		t.Fatalf("response %q", res.Response)
	}
	c, ok := res.Claims["user-1"]
	if !ok {
		t.Fatalf("claims %v", res.Claims)
	}
	if !bytes.Equal(c.DerivedKeyID[:], crypto.Keccak256([]byte(testCID+"_user-1"))) {
		t.Fatal("derived key id is not keccak256(cid_keyId)")
	}
	h.recovers(t, personalHash(c.DerivedKeyID[:]), c.Signature)
}

func TestBroadcastAndCollect(t *testing.T) {
	h := newFakeHost(t)
	h.peers = []string{"a", "b"}
	res := mustRun(t, h, `(async () => {
		const resp = await Lit.Actions.broadcastAndCollect({ name: "some-name", value: "some-value" });
		Lit.Actions.setResponse({ response: JSON.stringify(resp) });
	})();`, nil)
	if res.Response != `["a","b","some-value"]` || h.broadcasts[0] != "some-name=some-value" {
		t.Fatalf("response %q, host saw %v", res.Response, h.broadcasts)
	}
}

func TestRunOnce(t *testing.T) {
	code := `(async () => {
		const a = await Lit.Actions.runOnce({ waitForResponse: true, name: "weather" }, async () => {
			await new Promise(r => setTimeout(r, 1));
			return 21;
		});
		const b = await Lit.Actions.runOnce({ waitForResponse: false }, async () => "quiet");
		const c = await Lit.Actions.runOnce({ waitForResponse: true, name: "boom" }, async () => { throw new Error("bad"); });
		Lit.Actions.setResponse({ response: JSON.stringify([a, b === undefined ? "undefined" : b, c]) });
	})();`
	leader := newFakeHost(t)
	res := mustRun(t, leader, code, nil)
	if res.Response != `["21","quiet","[ERROR]"]` || leader.runOnceRuns != 3 {
		t.Fatalf("leader: response %q, runs %d", res.Response, leader.runOnceRuns)
	}
	if !strings.Contains(res.Logs, "Error running function: Error: bad") {
		t.Errorf("leader logs %q", res.Logs)
	}
	follower := newFakeHost(t)
	follower.leader = false
	follower.leaderValue = "from leader"
	res = mustRun(t, follower, code, nil)
	if res.Response != `["from leader","undefined","from leader"]` || follower.runOnceRuns != 0 {
		t.Fatalf("follower: response %q, runs %d", res.Response, follower.runOnceRuns)
	}
}

func TestNotAvailable(t *testing.T) {
	h := newFakeHost(t)
	for _, fn := range []string{"aesDecrypt"} {
		_, err := runWith(t, h, Limits{}, `(async () => { await Lit.Actions.`+fn+`({}) })()`, nil)
		if !errors.Is(err, ErrNotAvailable) || !strings.Contains(err.Error(), fn+" is not available yet") {
			t.Errorf("%s: %v", fn, err)
		}
	}
}

func TestHostErrorReachesCaller(t *testing.T) {
	h := newFakeHost(t)
	denied := errors.New("not authorized to sign with this PKP")
	h.signErr = denied
	res, err := runWith(t, h, Limits{}, `(async () => {
		try { await Lit.Actions.signEcdsa({ toSign: new Uint8Array(32), publicKey, sigName: "s" }); }
		catch (e) { console.log("caught:", e.message); }
		await Lit.Actions.signEcdsa({ toSign: new Uint8Array(32), publicKey, sigName: "s" });
	})();`, map[string]any{"publicKey": h.pubHex()})
	if !errors.Is(err, denied) {
		t.Fatalf("err %v does not wrap the host's error", err)
	}
	if res.Logs != "caught: not authorized to sign with this PKP\n" {
		t.Fatalf("logs %q", res.Logs)
	}
}

func TestSetResponseValues(t *testing.T) {
	h := newFakeHost(t)
	for code, want := range map[string]string{
		`Lit.Actions.setResponse({ response: "plain" })`:                                         "plain",
		`Lit.Actions.setResponse({ response: { a: [1, 2] } })`:                                   `{"a":[1,2]}`,
		`Lit.Actions.setResponse({ response: 7 })`:                                               "7",
		`Lit.Actions.setResponse({ response: "a" }); Lit.Actions.setResponse({ response: "b" })`: "b",
		`1`: "",
	} {
		if res := mustRun(t, h, code, nil); res.Response != want {
			t.Errorf("%s: %q, want %q", code, res.Response, want)
		}
	}
}
