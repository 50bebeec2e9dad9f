package actions

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// A condition as Actions write them: :currentActionIpfsId is the running Action's CID.
const ownCIDCondition = `[{"contractAddress":"","standardContractType":"","chain":"ethereum","method":"","parameters":[":currentActionIpfsId"],"returnValueTest":{"comparator":"=","value":"` + testCID + `"}}]`

func condParams(t *testing.T) map[string]any {
	t.Helper()
	var conds any
	if err := json.Unmarshal([]byte(ownCIDCondition), &conds); err != nil {
		t.Fatal(err)
	}
	return map[string]any{"conds": conds}
}

func TestCheckConditions(t *testing.T) {
	h := newFakeHost(t)
	h.condsOK = true
	res := mustRun(t, h, `(async () => {
		const a = await Lit.Actions.checkConditions({ accessControlConditions: conds, authSig: null, chain: "ethereum" });
		const b = await Lit.Actions.checkConditions({ conditions: conds, chain: "ethereum" });
		const c = await Lit.Actions.checkConditions({ evmContractConditions: conds, authSig: { sig: "0x01", address: "0x02" } });
		Lit.Actions.setResponse({ response: JSON.stringify([a, b, c]) });
	})();`, condParams(t))
	if res.Response != "[true,true,true]" {
		t.Fatalf("response %q", res.Response)
	}
	if len(h.condReqs) != 3 {
		t.Fatalf("%d requests", len(h.condReqs))
	}
	want := []struct{ field, chain, authSig string }{
		{FieldAccessControlConditions, "ethereum", ""},
		{FieldUnifiedAccessControlConditions, "ethereum", ""}, // Lit's "conditions" are unified
		{FieldEVMContractConditions, "", `{"sig":"0x01","address":"0x02"}`},
	}
	for i, r := range h.condReqs {
		if r.Conditions.Field != want[i].field || r.Chain != want[i].chain || string(r.AuthSig) != want[i].authSig {
			t.Errorf("request %d: %+v", i, r)
		}
		if r.Frame != (Frame{CID: testCID, Path: "0"}) {
			t.Errorf("request %d from frame %+v", i, r.Frame)
		}
		if !json.Valid(r.Conditions.JSON) || !strings.Contains(string(r.Conditions.JSON), ":currentActionIpfsId") {
			t.Errorf("request %d: conditions %s", i, r.Conditions.JSON)
		}
	}
	h.condsOK = false
	if res := mustRun(t, h, `(async () => {
		Lit.Actions.setResponse({ response: String(await Lit.Actions.checkConditions({ conditions: conds })) });
	})();`, condParams(t)); res.Response != "false" {
		t.Fatalf("response %q", res.Response)
	}
}

// The CID the node evaluates :currentActionIpfsId with is the frame's: a child's own, and nothing the
// JavaScript says (Lit.Auth, a field of its own) changes it.
func TestConditionsFrameIsTheSessions(t *testing.T) {
	h := newFakeHost(t)
	h.condsOK = true
	h.code["QmChild"] = []byte(`(async () => {
		await Lit.Actions.checkConditions({ conditions: conds, currentActionIpfsId: "QmForged", ipfsId: "QmForged" });
	})();`)
	mustRun(t, h, `(async () => {
		await Lit.Actions.checkConditions({ conditions: conds, currentActionIpfsId: "QmForged" });
		await Lit.Actions.call({ ipfsId: "QmChild", params: { conds } });
	})();`, condParams(t))
	if len(h.condReqs) != 2 || h.condReqs[0].Frame != (Frame{testCID, "0"}) || h.condReqs[1].Frame != (Frame{"QmChild", "0.1"}) {
		t.Fatalf("requests %+v", h.condReqs)
	}

	// A worker that names a frame the session did not hand out is refused.
	s := newSession(h, Limits{}.withDefaults(), testCID)
	args := conditionsArgs{Conditions: Conditions{Field: FieldAccessControlConditions, JSON: []byte(ownCIDCondition)}}
	if _, err := dispatchJSON(t, s, 7, "conditions", args); err == nil {
		t.Fatal("a call from an unknown frame was served")
	}
	// Nor does the session take a worker's malformed request.
	for name, a := range map[string]any{
		"unknown field":      conditionsArgs{Conditions: Conditions{Field: "cosmosConditions", JSON: []byte(`[]`)}},
		"not an array":       conditionsArgs{Conditions: Conditions{Field: FieldAccessControlConditions, JSON: []byte(`{}`)}},
		"authSig not object": conditionsArgs{Conditions: Conditions{Field: FieldAccessControlConditions, JSON: []byte(`[]`)}, AuthSig: json.RawMessage(`"x"`)},
	} {
		if _, err := dispatchJSON(t, s, 0, "conditions", a); err == nil {
			t.Errorf("%s: served", name)
		}
	}
	bad := decryptArgs{conditionsArgs: args, Ciphertext: "not base64!", DataToEncryptHash: strings.Repeat("a", 64)}
	if _, err := dispatchJSON(t, s, 0, "decrypt", bad); err == nil || !strings.Contains(err.Error(), "base64") {
		t.Errorf("bad ciphertext: %v", err)
	}
	bad = decryptArgs{conditionsArgs: args, Ciphertext: "AAAA", DataToEncryptHash: strings.Repeat("A", 64)}
	if _, err := dispatchJSON(t, s, 0, "decrypt", bad); err == nil || !strings.Contains(err.Error(), "dataToEncryptHash") {
		t.Errorf("bad hash: %v", err)
	}
	if len(h.condReqs) != 2 || len(h.decryptReq) != 0 {
		t.Fatalf("the host was called for bad requests: %d, %d", len(h.condReqs), len(h.decryptReq))
	}
}

func TestEncryptDecrypt(t *testing.T) {
	h := newFakeHost(t)
	h.condsOK = true
	res := mustRun(t, h, `(async () => {
		const { ciphertext, dataToEncryptHash } = await Lit.Actions.encrypt({
			accessControlConditions: conds, to_encrypt: new TextEncoder().encode("a secret ☃") });
		const s = await Lit.Actions.encrypt({ unifiedAccessControlConditions: conds, to_encrypt: "a secret ☃" });
		if (s.dataToEncryptHash !== dataToEncryptHash) throw new Error("hashes differ");
		const pt = await Lit.Actions.decryptAndCombine({
			accessControlConditions: conds, ciphertext, dataToEncryptHash, authSig: null, chain: "ethereum" });
		Lit.Actions.setResponse({ response: pt + "|" + dataToEncryptHash });
	})();`, condParams(t))
	// sha256("a secret ☃")
	if res.Response != "a secret ☃|494ff06857d3f7b142eb550f502eb9376e626c5bb03abe162118dbebead8f12c" {
		t.Fatalf("response %q", res.Response)
	}
	if len(h.decryptReq) != 1 {
		t.Fatalf("%d decryptions", len(h.decryptReq))
	}
	r := h.decryptReq[0]
	if r.Single || r.AuthSig != nil || r.Frame != (Frame{testCID, "0"}) || r.Conditions.Field != FieldAccessControlConditions || r.Chain != "ethereum" {
		t.Fatalf("request %+v", r)
	}
	if string(r.Ciphertext) != fakeCiphertextPrefix+"a secret ☃" {
		t.Fatalf("ciphertext not decoded from base64: %q", r.Ciphertext)
	}

	// Conditions not met: the host's refusal reaches the Action.
	h.condsOK = false
	_, err := runWith(t, h, Limits{}, `(async () => {
		const { ciphertext, dataToEncryptHash } = await Lit.Actions.encrypt({ accessControlConditions: conds, to_encrypt: "x" });
		await Lit.Actions.decryptAndCombine({ accessControlConditions: conds, ciphertext, dataToEncryptHash, authSig: null });
	})();`, condParams(t))
	if err == nil || !strings.Contains(err.Error(), "not met") {
		t.Fatalf("err %v", err)
	}
}

// decryptToSingleNode gives the plaintext on the node the host picks and "" on the others.
func TestDecryptToSingleNode(t *testing.T) {
	code := `(async () => {
		const { ciphertext, dataToEncryptHash } = await Lit.Actions.encrypt({ accessControlConditions: conds, to_encrypt: "only one" });
		const pt = await Lit.Actions.decryptToSingleNode({ accessControlConditions: conds, ciphertext, dataToEncryptHash, authSig: null, chain: "ethereum" });
		Lit.Actions.setResponse({ response: JSON.stringify(pt) });
	})();`
	for leader, want := range map[bool]string{true: `"only one"`, false: `""`} {
		h := newFakeHost(t)
		h.condsOK, h.leader = true, leader
		if res := mustRun(t, h, code, condParams(t)); res.Response != want {
			t.Errorf("leader %v: response %s, want %s", leader, res.Response, want)
		}
		if len(h.decryptReq) != 1 || !h.decryptReq[0].Single {
			t.Errorf("leader %v: requests %+v", leader, h.decryptReq)
		}
	}
}

func TestEncryptionBadInput(t *testing.T) {
	h := newFakeHost(t)
	h.condsOK = true
	hash := strings.Repeat("ab", 32)
	for code, want := range map[string]string{
		`Lit.Actions.checkConditions()`:                                                                                         "takes an object",
		`Lit.Actions.checkConditions({ chain: "ethereum" })`:                                                                    "needs access control conditions",
		`Lit.Actions.checkConditions({ conditions: "x" })`:                                                                      "must be an array",
		`Lit.Actions.checkConditions({ conditions: conds, accessControlConditions: conds })`:                                    "give one condition list",
		`Lit.Actions.checkConditions({ conditions: conds, authSig: 7 })`:                                                        "authSig must be",
		`Lit.Actions.checkConditions({ conditions: conds, authSig: "not json" })`:                                               "authSig must be",
		`Lit.Actions.checkConditions({ conditions: conds, chain: 1 })`:                                                          "chain must be a string",
		`Lit.Actions.encrypt({ accessControlConditions: conds })`:                                                               "to_encrypt must be",
		`Lit.Actions.encrypt({ conditions: conds, to_encrypt: "x" })`:                                                           "needs access control conditions",
		`Lit.Actions.decryptAndCombine({ accessControlConditions: conds, dataToEncryptHash: hash })`:                            "ciphertext must be a string",
		`Lit.Actions.decryptAndCombine({ accessControlConditions: conds, ciphertext: "AAAA", dataToEncryptHash: "0x" + hash })`: "dataToEncryptHash must be",
		`Lit.Actions.decryptToSingleNode({ accessControlConditions: conds, ciphertext: "***", dataToEncryptHash: hash })`:       "base64",
	} {
		p := condParams(t)
		p["hash"] = hash
		_, err := runWith(t, h, Limits{}, `(async () => { await `+code+` })()`, p)
		var se *ScriptError
		if !errors.As(err, &se) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", code, err, want)
		}
	}
	if len(h.condReqs)+len(h.decryptReq) != 0 {
		t.Fatalf("the host was asked: %+v %+v", h.condReqs, h.decryptReq)
	}
}

func TestEncryptionLimits(t *testing.T) {
	h := newFakeHost(t)
	h.condsOK = true
	// checkConditions and the decryptions share one count.
	_, err := runWith(t, h, Limits{Conditions: 2}, `(async () => {
		const { ciphertext, dataToEncryptHash } = await Lit.Actions.encrypt({ accessControlConditions: conds, to_encrypt: "x" });
		await Lit.Actions.checkConditions({ conditions: conds });
		await Lit.Actions.decryptAndCombine({ accessControlConditions: conds, ciphertext, dataToEncryptHash });
		await Lit.Actions.checkConditions({ conditions: conds });
	})();`, condParams(t))
	if !errors.Is(err, ErrConditions) || !strings.Contains(err.Error(), "more than 2 times") {
		t.Fatalf("err %v", err)
	}
	// A decryption is also a broadcast.
	_, err = runWith(t, h, Limits{Broadcasts: 1}, `(async () => {
		const { ciphertext, dataToEncryptHash } = await Lit.Actions.encrypt({ accessControlConditions: conds, to_encrypt: "x" });
		await Lit.Actions.decryptAndCombine({ accessControlConditions: conds, ciphertext, dataToEncryptHash });
		await Lit.Actions.decryptToSingleNode({ accessControlConditions: conds, ciphertext, dataToEncryptHash });
	})();`, condParams(t))
	if !errors.Is(err, ErrBroadcasts) {
		t.Fatalf("err %v", err)
	}
	// The size of what is encrypted or decrypted.
	_, err = runWith(t, h, Limits{SecretSize: 10}, `(async () => {
		await Lit.Actions.encrypt({ accessControlConditions: conds, to_encrypt: "01234567890" });
	})();`, condParams(t))
	if !errors.Is(err, ErrSecretSize) || !strings.Contains(err.Error(), "to_encrypt is 11 bytes long. Max length is 10 bytes.") {
		t.Fatalf("err %v", err)
	}
	big := base64Std(make([]byte, 10+ciphertextOverhead+1))
	_, err = runWith(t, h, Limits{SecretSize: 10}, `(async () => {
		await Lit.Actions.decryptAndCombine({ accessControlConditions: conds, ciphertext: big, dataToEncryptHash: "`+strings.Repeat("0", 64)+`" });
	})();`, map[string]any{"conds": condParams(t)["conds"], "big": big})
	if !errors.Is(err, ErrSecretSize) || !strings.Contains(err.Error(), "ciphertext is") {
		t.Fatalf("err %v", err)
	}
	// Every call counts against the host-call budget.
	_, err = runWith(t, h, Limits{HostCalls: 1}, `(async () => {
		await Lit.Actions.checkConditions({ conditions: conds });
		await Lit.Actions.checkConditions({ conditions: conds });
	})();`, condParams(t))
	if !errors.Is(err, ErrHostCalls) {
		t.Fatalf("err %v", err)
	}
}

// FuzzEncryptionCalls feeds the session what a compromised worker could send for the encryption calls:
// it must not panic, and what reaches the host is well formed, bounded and from the session's frame.
func FuzzEncryptionCalls(f *testing.F) {
	conds := Conditions{Field: FieldAccessControlConditions, JSON: []byte(ownCIDCondition)}
	for _, a := range []any{
		conditionsArgs{Conditions: conds, AuthSig: json.RawMessage(`{"sig":"0x"}`), Chain: "ethereum"},
		encryptArgs{Conditions: conds, Data: []byte("x")},
		decryptArgs{conditionsArgs: conditionsArgs{Conditions: conds}, Ciphertext: base64Std([]byte(fakeCiphertextPrefix + "x")), DataToEncryptHash: strings.Repeat("0", 64), Single: true},
	} {
		raw, _ := json.Marshal(a)
		for _, m := range []string{"conditions", "encrypt", "decrypt"} {
			f.Add(m, raw)
		}
	}
	f.Add("decrypt", []byte(`{"conditions":{"field":"solRpcConditions","json":"WyJ4Il0="},"ciphertext":"////","dataToEncryptHash":"00"}`))
	f.Fuzz(func(t *testing.T, method string, args []byte) {
		h := newFakeHost(t)
		h.condsOK = true
		lim := Limits{SecretSize: 64}.withDefaults()
		s := newSession(h, lim, testCID)
		_, _ = s.dispatch(context.Background(), 0, method, args, nopCallbacks{})
		var reqs []ConditionsRequest
		reqs = append(reqs, h.condReqs...)
		for _, d := range h.decryptReq {
			if len(d.Ciphertext) == 0 || len(d.Ciphertext) > lim.SecretSize+ciphertextOverhead || !isDataHash(d.DataToEncryptHash) {
				t.Fatalf("decryption request passed: %+v", d)
			}
			reqs = append(reqs, d.ConditionsRequest)
		}
		for _, r := range reqs {
			if checkConditionsField(r.Conditions) != nil || r.Frame != (Frame{testCID, "0"}) {
				t.Fatalf("request passed: %+v", r)
			}
			if r.AuthSig != nil && (r.AuthSig[0] != '{') {
				t.Fatalf("authSig passed: %q", r.AuthSig)
			}
		}
	})
}
