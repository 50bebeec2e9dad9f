package integration

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/client"
)

// Decryption with access-control conditions through the Go client against
// a real devnet: a caller who meets the conditions gets the data, one who
// does not is refused by every node with the reason, and bad input is a
// clear 400 before any chain call.
func TestDecrypt(t *testing.T) {
	f := newSharedPKPFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	owner := f.d.Chain.Accounts()[1].Address
	strangerKey := f.d.Chain.Accounts()[4].Key
	stranger, err := client.NewSession(strangerKey, f.cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	parse := func(t *testing.T, kind acc.Kind, s string) *acc.Conditions {
		t.Helper()
		c, err := acc.Parse(kind, []byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	userIs := func(a fmt.Stringer) string {
		return `[{"contractAddress":"","standardContractType":"","chain":"ethereum","method":"","parameters":[":userAddress"],"returnValueTest":{"comparator":"=","value":"` + a.String() + `"}}]`
	}
	// refusedBy checks that every node refused with code.
	refusedBy := func(t *testing.T, err error, code string) *client.NodesError {
		t.Helper()
		var ne *client.NodesError
		if !errors.As(err, &ne) || len(ne.Nodes) != 4 {
			t.Fatalf("want a refusal %s by all 4 nodes, got %v", code, err)
		}
		for _, n := range ne.Nodes {
			if n.Code != code {
				t.Fatalf("node %s: %s %q, want %s", n.URL, n.Code, n.Message, code)
			}
		}
		return ne
	}

	t.Run("UserAddress", func(t *testing.T) {
		conds := parse(t, acc.EVMBasic, userIs(owner))
		secret := []byte("only the owner reads this")
		enc, err := f.cl.Encrypt(conds, secret)
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.cl.Decrypt(ctx, f.authSig, conds, enc)
		if err != nil || !bytes.Equal(got.Data, secret) || len(got.BadNodes) != 0 {
			t.Fatalf("owner's decryption: %+v, %v", got, err)
		}
		_, err = f.cl.Decrypt(ctx, stranger, conds, enc)
		ne := refusedBy(t, err, "NodeAccessControlConditionsReturnedNotAuthorized")
		if !strings.Contains(ne.Nodes[0].Message, "condition [0]") || !strings.Contains(ne.Nodes[0].Message, stranger.Wallet().Hex()) {
			t.Fatalf("the refusal does not say which condition failed for whom: %q", ne.Nodes[0].Message)
		}
		// The same conditions with other data is another identity: the
		// owner's shares for one ciphertext do not open another.
		other, err := f.cl.Encrypt(conds, []byte("other data"))
		if err != nil {
			t.Fatal(err)
		}
		mixed := &client.Encrypted{Ciphertext: other.Ciphertext, DataToEncryptHash: enc.DataToEncryptHash}
		if _, err := f.cl.Decrypt(ctx, f.authSig, conds, mixed); err == nil {
			t.Fatal("a ciphertext decrypted under another identity's key")
		}
	})

	t.Run("WalletAuthSig", func(t *testing.T) {
		// As the SDK sends when given an authSig instead of sessionSigs: one
		// signature for every node, so it must name exactly this ciphertext
		// and carry a recent block hash as its nonce.
		conds := parse(t, acc.EVMBasic, userIs(owner))
		enc, err := f.cl.Encrypt(conds, []byte("by wallet"))
		if err != nil {
			t.Fatal(err)
		}
		ownerKey := f.d.Chain.Accounts()[1].Key
		grant := func(dataHash string) auth.ResourceAbility {
			return auth.ResourceAbility{Resource: auth.Resource{Prefix: auth.PrefixACC, ID: conds.HashHex() + "/" + dataHash},
				Ability: auth.AbilityACCDecryption}
		}
		sig, err := client.WalletAuthSig(ownerKey, f.cl.Blockhash, 5*time.Minute, grant(enc.DataToEncryptHash))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := f.cl.Decrypt(ctx, client.WalletSig(sig), conds, enc); err != nil || string(got.Data) != "by wallet" {
			var ne *client.NodesError
			if errors.As(err, &ne) {
				for _, n := range ne.Nodes {
					t.Logf("%s: %s %s", n.URL, n.Code, n.Message)
				}
			}
			t.Fatalf("a wallet AuthSig for this ciphertext: %v", err)
		}
		stale, _ := client.WalletAuthSig(ownerKey, "0x"+strings.Repeat("ab", 32), 5*time.Minute, grant(enc.DataToEncryptHash))
		_, err = f.cl.Decrypt(ctx, client.WalletSig(stale), conds, enc)
		refusedBy(t, err, "NodeAuthStaleNonce")
		other, _ := client.WalletAuthSig(ownerKey, f.cl.Blockhash, 5*time.Minute, grant(strings.Repeat("0", 64)))
		_, err = f.cl.Decrypt(ctx, client.WalletSig(other), conds, enc)
		refusedBy(t, err, "NodeAuthNotGranted")
		wildcard, _ := client.WalletAuthSig(ownerKey, f.cl.Blockhash, 5*time.Minute,
			auth.ResourceAbility{Resource: auth.Resource{Prefix: auth.PrefixACC, ID: "*"}, Ability: auth.AbilityACCDecryption})
		_, err = f.cl.Decrypt(ctx, client.WalletSig(wildcard), conds, enc)
		refusedBy(t, err, "NodeAuthNotGranted")
	})

	t.Run("ERC721Owner", func(t *testing.T) {
		// The PKP NFT is an ERC-721 on the devnet's chain, "yellowstone".
		nft := f.d.Chain.Addresses().PKPNFT.Hex()
		conds := parse(t, acc.EVMBasic, `[{"contractAddress":"`+nft+`","standardContractType":"ERC721","chain":"yellowstone","method":"ownerOf","parameters":["`+f.token+`"],"returnValueTest":{"comparator":"=","value":":userAddress"}}]`)
		enc, err := f.cl.Encrypt(conds, []byte("for the PKP's owner"))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := f.cl.Decrypt(ctx, f.authSig, conds, enc); err != nil || string(got.Data) != "for the PKP's owner" {
			t.Fatalf("owner: %v", err)
		}
		_, err = f.cl.Decrypt(ctx, stranger, conds, enc)
		refusedBy(t, err, "NodeAccessControlConditionsReturnedNotAuthorized")
	})

	t.Run("Timestamp", func(t *testing.T) {
		past := fmt.Sprint(time.Now().Add(-time.Hour).Unix())
		cond := func(cmp string) *acc.Conditions {
			return parse(t, acc.EVMBasic, `[{"contractAddress":"","standardContractType":"timestamp","chain":"yellowstone","method":"eth_getBlockByNumber","parameters":["latest"],"returnValueTest":{"comparator":"`+cmp+`","value":"`+past+`"}}]`)
		}
		open, locked := cond(">="), cond("<")
		for _, c := range []struct {
			conds *acc.Conditions
			ok    bool
		}{{open, true}, {locked, false}} {
			enc, err := f.cl.Encrypt(c.conds, []byte("time"))
			if err != nil {
				t.Fatal(err)
			}
			_, err = f.cl.Decrypt(ctx, stranger, c.conds, enc)
			if c.ok && err != nil {
				t.Fatalf("a condition on a past time: %v", err)
			}
			if !c.ok {
				refusedBy(t, err, "NodeAccessControlConditionsReturnedNotAuthorized")
			}
		}
	})

	t.Run("BadInput", func(t *testing.T) {
		// Raw requests: what the Go client would never send.
		conds := parse(t, acc.EVMBasic, userIs(owner))
		enc, err := f.cl.Encrypt(conds, []byte("x"))
		if err != nil {
			t.Fatal(err)
		}
		thirtyOne := "[" + strings.Repeat(strings.TrimSuffix(strings.TrimPrefix(userIs(owner), "["), "]")+`,{"operator":"or"},`, 30) +
			strings.TrimSuffix(strings.TrimPrefix(userIs(owner), "["), "]") + "]"
		for _, tc := range []struct {
			name, field, conds, dataHash, code string
		}{
			{"malformed", "accessControlConditions", `[{"chain":"ethereum"}]`, enc.DataToEncryptHash, "NodeAccInvalidCondition"},
			{"not JSON", "accessControlConditions", `[{"chain":`, enc.DataToEncryptHash, "NodeInvalidJSON"},
			{"none", "", ``, enc.DataToEncryptHash, "NodeAccNoConditions"},
			{"31 conditions", "accessControlConditions", thirtyOne, enc.DataToEncryptHash, "NodeAccTooManyConditions"},
			{"unknown chain", "accessControlConditions", `[{"contractAddress":"","standardContractType":"","chain":"nochain","method":"eth_getBalance","parameters":[":userAddress","latest"],"returnValueTest":{"comparator":">=","value":"0"}}]`, enc.DataToEncryptHash, "NodeAccUnsupportedChain"},
			{"data hash", "accessControlConditions", userIs(owner), "ABCD", "NodeInvalidDataToEncryptHash"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				u := f.d.URLs()[0]
				sig, err := f.authSig.AuthSigFor(u)
				if err != nil {
					t.Fatal(err)
				}
				body := `{"dataToEncryptHash":"` + tc.dataHash + `","authSig":` + string(sig)
				if tc.field != "" {
					body += `,"` + tc.field + `":` + tc.conds
				}
				body += "}"
				path := "/web/encryption/sign/"
				if tc.code == "NodeAccInvalidCondition" {
					path = "/web/encryption/sign/v1" // the V1 path is served as well
				}
				req, _ := http.NewRequestWithContext(ctx, http.MethodPost, u+path, strings.NewReader(body))
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				var out map[string]any
				err = json.NewDecoder(resp.Body).Decode(&out)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusBadRequest || out["errorCode"] != tc.code {
					t.Fatalf("%d %v %v, want 400 %s", resp.StatusCode, out, err, tc.code)
				}
			})
		}
		// A tampered ciphertext is refused by the client before any node
		// is asked, or fails to decrypt after.
		raw, _ := base64.StdEncoding.DecodeString(enc.Ciphertext)
		raw[len(raw)/2] ^= 1
		bad := &client.Encrypted{Ciphertext: base64.StdEncoding.EncodeToString(raw), DataToEncryptHash: enc.DataToEncryptHash}
		if _, err := f.cl.Decrypt(ctx, f.authSig, conds, bad); err == nil {
			t.Fatal("a tampered ciphertext decrypted")
		}
	})
	t.Run("SignedToken", func(t *testing.T) { jwtTests(t, f) })
	t.Run("PKPEncryption", func(t *testing.T) { pkpDecryptTests(t, f) })
	t.Run("LitActionCondition", func(t *testing.T) { litActionConditionTests(t, f) })
}
