package integration

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/crypto/bls"
)

// jwtTests runs on TestDecrypt's devnet: a caller who meets a :userAddress
// condition gets a JWT the network key verifies, every node signs the
// same bytes, and a caller who does not is refused with the reason.
func jwtTests(t *testing.T, f *pkpFixture) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	owner := f.d.Chain.Accounts()[1].Address
	conds, err := acc.Parse(acc.EVMBasic, []byte(`[{"contractAddress":"","standardContractType":"","chain":"ethereum","method":"","parameters":[":userAddress"],"returnValueTest":{"comparator":"=","value":"`+owner.Hex()+`"}}]`))
	if err != nil {
		t.Fatal(err)
	}
	// post sends one raw token request to every node, as the SDK does.
	post := func(t *testing.T, cred client.Credential, fields map[string]any) []map[string]any {
		t.Helper()
		var out []map[string]any
		for _, u := range f.d.URLs() {
			sig, err := cred.AuthSigFor(u)
			if err != nil {
				t.Fatal(err)
			}
			body := map[string]any{"accessControlConditions": json.RawMessage(conds.Canonical()), "chain": "ethereum", "authSig": sig}
			for k, v := range fields {
				body[k] = v
			}
			b, _ := json.Marshal(body)
			req, _ := http.NewRequestWithContext(ctx, http.MethodPost, u+"/web/signing/access_control_condition/", strings.NewReader(string(b)))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			var a map[string]any
			err = json.NewDecoder(resp.Body).Decode(&a)
			resp.Body.Close()
			if err != nil {
				t.Fatal(err)
			}
			a["httpStatus"] = resp.StatusCode
			out = append(out, a)
		}
		return out
	}

	t.Run("Owner", func(t *testing.T) {
		jwt, err := f.cl.SignedToken(ctx, f.authSig, conds, "ethereum", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		// Independent check: header.payload under the network key, read
		// with encoding/base64 and crypto/bls only.
		parts := strings.Split(jwt, ".")
		if len(parts) != 3 {
			t.Fatalf("token %q", jwt)
		}
		raw, err := base64.RawURLEncoding.DecodeString(parts[2])
		if err != nil {
			t.Fatal(err)
		}
		sig, err := bls.ParseSignature(raw)
		if err != nil {
			t.Fatal(err)
		}
		if err := bls.Verify(f.cl.BLSKey, []byte(parts[0]+"."+parts[1]), sig); err != nil {
			t.Fatalf("the token does not verify against the network key: %v", err)
		}
		header, _ := base64.RawURLEncoding.DecodeString(parts[0])
		payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
		var claims struct {
			Iss, Sub                string
			Chain                   string
			Iat, Exp                int64
			AccessControlConditions json.RawMessage
		}
		if err := json.Unmarshal(payload, &claims); err != nil {
			t.Fatal(err)
		}
		now := time.Now().Unix()
		if string(header) != `{"alg":"BLS12-381","typ":"JWT"}` || claims.Iss != "LIT" || claims.Sub != owner.Hex() || claims.Chain != "ethereum" ||
			claims.Exp-claims.Iat != 3600 || claims.Iat > now || claims.Iat < now-60 || string(claims.AccessControlConditions) != string(conds.Canonical()) {
			t.Fatalf("header %s, claims %s", header, payload)
		}
		if _, err := client.VerifyJWT(f.cl.BLSKey, jwt); err != nil {
			t.Fatal(err)
		}
		// The same signature on other claims does not verify.
		forged := base64.RawURLEncoding.EncodeToString([]byte(strings.Replace(string(payload), owner.Hex(), f.d.Chain.Accounts()[4].Address.Hex(), 1)))
		if _, err := client.VerifyJWT(f.cl.BLSKey, parts[0]+"."+forged+"."+parts[2]); err == nil {
			t.Fatal("a token with another sub verified")
		}
	})

	t.Run("SameBytesAtEveryNode", func(t *testing.T) {
		iat := time.Now().Unix()
		answers := post(t, f.authSig, map[string]any{"iat": iat, "exp": iat + 600})
		for i, a := range answers {
			if a["httpStatus"] != 200 || a["result"] != "success" || a["unsignedJwt"] != answers[0]["unsignedJwt"] || a["signatureShare"] == nil {
				t.Fatalf("node %d: %v (node 0: %v)", i, a, answers[0]["unsignedJwt"])
			}
		}
	})

	t.Run("Stranger", func(t *testing.T) {
		stranger, err := client.NewSession(f.d.Chain.Accounts()[4].Key, f.cl.Blockhash, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		_, err = f.cl.SignedToken(ctx, stranger, conds, "ethereum", time.Hour)
		var ne *client.NodesError
		if !errors.As(err, &ne) || len(ne.Nodes) != 4 {
			t.Fatalf("want a refusal by all 4 nodes, got %v", err)
		}
		for _, n := range ne.Nodes {
			if n.Status != 401 || n.Code != "NodeAccessControlConditionsReturnedNotAuthorized" ||
				!strings.Contains(n.Message, "condition [0]") || !strings.Contains(n.Message, stranger.Wallet().Hex()) {
				t.Fatalf("node %s: %d %s %q: want the failed condition and the caller named", n.URL, n.Status, n.Code, n.Message)
			}
		}
	})

	t.Run("Refusals", func(t *testing.T) {
		decryptOnly, err := client.NewSession(f.d.Chain.Accounts()[1].Key, f.cl.Blockhash, time.Hour,
			auth.ResourceAbility{Resource: auth.Resource{Prefix: auth.PrefixACC, ID: "*"}, Ability: auth.AbilityACCDecryption})
		if err != nil {
			t.Fatal(err)
		}
		now := time.Now().Unix()
		for _, c := range []struct {
			name   string
			cred   client.Credential
			fields map[string]any
			status int
			code   string
			says   string
		}{
			{"exp in the past", f.authSig, map[string]any{"iat": now - 120, "exp": now - 60}, 400, "NodeExpWrongOrTooLarge", "expired"},
			{"exp too far", f.authSig, map[string]any{"iat": now, "exp": now + 13*3600}, 400, "NodeExpWrongOrTooLarge", "12h0m0s"},
			{"iat off the clock", f.authSig, map[string]any{"iat": now - 3600, "exp": now + 600}, 400, "NodeIatOutsideGracePeriod", "3m0s"},
			{"no times", f.authSig, nil, 400, "NodeIatOutsideGracePeriod", "iat 0"},
			{"bad chain", f.authSig, map[string]any{"iat": now, "exp": now + 600, "chain": strings.Repeat("x", 65)}, 400, "NodeInvalidChain", "at most 64"},
			{"no conditions", f.authSig, map[string]any{"iat": now, "exp": now + 600, "accessControlConditions": nil}, 400, "NodeAccNoConditions", ""},
			{"session grants decryption only", decryptOnly, map[string]any{"iat": now, "exp": now + 600}, 401, "NodeAuthNotGranted", "access-control-condition-signing"},
		} {
			t.Run(c.name, func(t *testing.T) {
				for i, a := range post(t, c.cred, c.fields) {
					msg, _ := a["message"].(string)
					if a["httpStatus"] != c.status || a["errorCode"] != c.code || !strings.Contains(msg, c.says) {
						t.Fatalf("node %d: %v, want %d %s saying %q", i, a, c.status, c.code, c.says)
					}
				}
			})
		}
	})
}
