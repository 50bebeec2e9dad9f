package integration

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/ipfs"
)

// conditionAction is the Action of the LitAction conditions below: go
// holds when its first parameter is "open" and its second is the caller
// Lit.Auth names, gate when its parameter is "open"; boom throws; sneaky tries to decrypt, which a
// condition's Action may not.
const conditionAction = `
const go = async (word, who) => {
  await new Promise((r) => setTimeout(r, 1));
  return word === "open" && who.toLowerCase() === Lit.Auth.authSigAddress.toLowerCase();
};
const gate = (word) => word === "open";
const boom = async () => { throw new Error("no weather today"); };
async function sneaky() {
  const accessControlConditions = [{ contractAddress: "", standardContractType: "", chain: "ethereum", method: "", parameters: [":currentActionIpfsId"], returnValueTest: { comparator: "=", value: Lit.Auth.actionIpfsIds[0] } }];
  await Lit.Actions.decryptAndCombine({ accessControlConditions, ciphertext: btoa("not a ciphertext"), dataToEncryptHash: "0".repeat(64), authSig: null, chain: "ethereum" });
  return true;
}
`

// litActionConditionTests decrypts content whose condition is a LitAction:
// each node runs the Action's function in its worker pool and compares
// what it returned.
func litActionConditionTests(t *testing.T, f *pkpFixture) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	store, err := ipfs.OpenStore(f.d.IPFSStore())
	if err != nil {
		t.Fatal(err)
	}
	cid, err := store.Put([]byte(conditionAction))
	if err != nil {
		t.Fatal(err)
	}
	litCond := func(t *testing.T, cid, method string, params ...string) *acc.Conditions {
		t.Helper()
		ps := make([]string, len(params))
		for i, p := range params {
			ps[i] = fmt.Sprintf("%q", p)
		}
		c, err := acc.Parse(acc.EVMBasic, []byte(`[{"contractAddress":"ipfs://`+cid+`","standardContractType":"LitAction","chain":"ethereum","method":"`+method+`","parameters":[`+strings.Join(ps, ",")+`],"returnValueTest":{"comparator":"=","value":"true"}}]`))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	// refused checks that every node refused with code and message.
	refused := func(t *testing.T, err error, code, message string) {
		t.Helper()
		var ne *client.NodesError
		if !errors.As(err, &ne) || len(ne.Nodes) != 4 {
			t.Fatalf("want a refusal %s by all 4 nodes, got %v", code, err)
		}
		for _, n := range ne.Nodes {
			if n.Code != code || !strings.Contains(n.Message, message) {
				t.Fatalf("node %s: %s %q, want %s saying %q", n.URL, n.Code, n.Message, code, message)
			}
		}
	}
	decrypt := func(t *testing.T, conds *acc.Conditions, secret string) error {
		t.Helper()
		enc, err := f.cl.Encrypt(conds, []byte(secret))
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.cl.Decrypt(ctx, f.authSig, conds, enc)
		if err == nil && string(got.Data) != secret {
			t.Fatalf("decrypted %q, want %q", got.Data, secret)
		}
		return err
	}

	t.Run("ReturnsTrue", func(t *testing.T) {
		if err := decrypt(t, litCond(t, cid.String(), "go", "open", ":userAddress"), "opened by an Action"); err != nil {
			t.Fatalf("the Action returned true, yet: %v", err)
		}
	})
	t.Run("ReturnsFalse", func(t *testing.T) {
		err := decrypt(t, litCond(t, cid.String(), "go", "closed", ":userAddress"), "stays shut")
		refused(t, err, "NodeAccessControlConditionsReturnedNotAuthorized", `the Action's result "false" is not = "true"`)
	})
	t.Run("Throws", func(t *testing.T) {
		err := decrypt(t, litCond(t, cid.String(), "boom"), "x")
		refused(t, err, "NodeJsExecutionError", "no weather today")
	})
	t.Run("MayNotDecrypt", func(t *testing.T) {
		err := decrypt(t, litCond(t, cid.String(), "sneaky"), "x")
		refused(t, err, "NodeActionNotAvailable", "decryptAndCombine cannot be used by an Action run as an access-control condition")
	})
	t.Run("CodeNotFound", func(t *testing.T) {
		missing := ipfs.Sum([]byte("// published nowhere")).String()
		err := decrypt(t, litCond(t, missing, "go", "open", ":userAddress"), "x")
		refused(t, err, "NodeIpfsNotFound", "could not be run")
	})
}

// litActionConditionInActionTests decrypts inside an Action (authSig null:
// the Action is the party) content whose condition is a LitAction: each
// node runs the condition's Action in a second worker while the first
// Action waits.
func litActionConditionInActionTests(t *testing.T, a *actionNet) {
	cid, err := a.store.Put([]byte(conditionAction))
	if err != nil {
		t.Fatal(err)
	}
	code := `(async () => {
	  try {
	    const pt = await Lit.Actions.decryptAndCombine({ accessControlConditions: conds, ciphertext, dataToEncryptHash, authSig: null, chain: "ethereum" });
	    Lit.Actions.setResponse({ response: "ok:" + pt });
	  } catch (e) {
	    Lit.Actions.setResponse({ response: "refused:" + e.message });
	  }
	})();`
	for _, tc := range []struct{ word, want string }{
		{"open", "ok:behind a gate"},
		{"shut", `refused:decryptAndCombine: this Action (` + ipfs.Sum([]byte(code)).String() + `) is not permitted to decrypt this content: access control conditions not met: condition [0] (LitAction ` + cid.String() + ` gate(shut)): the Action's result "false" is not = "true"`},
	} {
		condJSON := `[{"contractAddress":"ipfs://` + cid.String() + `","standardContractType":"LitAction","chain":"ethereum","method":"gate","parameters":["` + tc.word + `"],"returnValueTest":{"comparator":"=","value":"true"}}]`
		conds, err := acc.Parse(acc.EVMBasic, []byte(condJSON))
		if err != nil {
			t.Fatal(err)
		}
		enc, err := a.cl.Encrypt(conds, []byte("behind a gate"))
		if err != nil {
			t.Fatal(err)
		}
		res := a.mustRun(t, code, map[string]any{"conds": json.RawMessage(condJSON), "ciphertext": enc.Ciphertext, "dataToEncryptHash": enc.DataToEncryptHash})
		if res.Response != tc.want || res.Agree != 4 {
			t.Fatalf("gate(%s): %q agreed by %d, want %q", tc.word, res.Response, res.Agree, tc.want)
		}
	}
}

// pkpDecryptInActionTests opens data encrypted to a PKP inside an Action
// the PKP permits: every node checks the permission for the CID it
// computed, and the nodes exchange their shares. Another Action, a wrong
// aad, and the same Action after the PKP is sold are refused.
func pkpDecryptInActionTests(t *testing.T, a *actionNet) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	code := `(async () => {
	  try {
	    const pt = await Lit.Actions.decryptWithPkp({ publicKey, ciphertext, aad });
	    Lit.Actions.setResponse({ response: "ok:" + pt });
	  } catch (e) {
	    Lit.Actions.setResponse({ response: "refused:" + e.message });
	  }
	})();`
	other := code + "\n// another Action, another CID\n"
	pkp := a.mint(t, "pkp-decrypt-in-action-0000000000")
	a.permit(t, pkp, code)
	ct, err := client.EncryptToPKP(pkp.Pubkey, []byte("sealed for the Action ☃"), []byte("ctx-1"))
	if err != nil {
		t.Fatal(err)
	}
	params := func(aad string) map[string]any {
		return map[string]any{"publicKey": fmt.Sprintf("0x%x", pkp.Pubkey), "ciphertext": base64.StdEncoding.EncodeToString(ct), "aad": aad}
	}
	run := func(t *testing.T, code, aad, want string) {
		t.Helper()
		res := a.mustRun(t, code, params(aad))
		if !strings.HasPrefix(res.Response, want) || res.Agree != 4 {
			t.Fatalf("%q agreed by %d, want %q…", res.Response, res.Agree, want)
		}
	}
	run(t, code, "ctx-1", "ok:sealed for the Action ☃")
	run(t, other, "ctx-1", "refused:decryptWithPkp: this Action ("+ipfs.Sum([]byte(other)).String()+") is not a permitted Action of the PKP")
	run(t, code, "ctx-2", "refused:decryptWithPkp: the ciphertext does not open with this aad")
	// The caller who ran the Action is not permitted itself.
	if _, err := a.cl.DecryptWithPKP(ctx, a.caller, pkp.Pubkey, ct, []byte("ctx-1")); err == nil {
		t.Fatal("the caller decrypted with a PKP that permits only an Action")
	}
	// Sold: the Action its old owner permitted no longer opens it.
	buyer := crypto.PubkeyToAddress(a.callerKey.PublicKey)
	if _, err := a.cc.Transfer(ctx, a.cc.Transactor(a.owner), pkp.TokenID, buyer); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		res := a.mustRun(t, code, params("ctx-1"))
		if strings.HasPrefix(res.Response, "refused:decryptWithPkp: this Action ("+ipfs.Sum([]byte(code)).String()+") is not a permitted Action") && res.Agree == 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after the sale: %q agreed by %d", res.Response, res.Agree)
		}
		time.Sleep(500 * time.Millisecond)
	}
}
