package main

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/fxamacker/cbor/v2"

	"github.com/flint-network/flint/chain"
)

// es256COSE is a fresh P-256 public key as a COSE_Key (kty 2, alg -7, crv 1), made here with a CBOR
// encoder rather than the code under test.
func es256COSE(t *testing.T) []byte {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	b, err := cbor.Marshal(map[int]any{1: 2, 3: -7, -1: 1,
		-2: k.PublicKey.X.FillBytes(make([]byte, 32)), -3: k.PublicKey.Y.FillBytes(make([]byte, 32))})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestPKPAddAuthMethods(t *testing.T) {
	d := sharedDevnet(t)
	nw := d.NetworkFile()
	m := mint(t, nw)
	pub := unhex(t, m.PublicKey, 65)
	_, user := keyHex(t, d, 3)
	cose := es256COSE(t)
	coseFile := filepath.Join(t.TempDir(), "key.cose")
	if err := os.WriteFile(coseFile, cose, 0o600); err != nil {
		t.Fatal(err)
	}
	cose2 := es256COSE(t)
	cose2File := filepath.Join(t.TempDir(), "key.hex")
	if err := os.WriteFile(cose2File, []byte(hex.EncodeToString(cose2)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	const cid = "QmQUjkXJjJbZBtC8JuwScqF1fGDQGVKjQ1pr3vvBMV5wFd"
	k := func(s string) []byte { return crypto.Keccak256([]byte(s)) }

	// Each kind, with the id computed here from Lit's formulas.
	for _, c := range []struct {
		name    string
		args    []string
		typ     uint64
		id      []byte
		userKey []byte
		scopes  []int
	}{
		{"wallet", []string{"--wallet", strings.ToLower(user.Hex())}, 1, k(user.Hex() + ":lit"), nil, []int{1}},
		{"action", []string{"--action", cid, "--scope", "2"}, 2, nil, nil, []int{2}},
		{"webauthn file", []string{"--webauthn-raw-id", "cred-A_b", "--webauthn-key", coseFile, "--scope", "0"}, 3, k("cred-A_b:lit"), cose, []int{0}},
		{"webauthn hex file", []string{"--webauthn-raw-id", "cred-B", "--webauthn-key", cose2File}, 3, k("cred-B:lit"), cose2, []int{1}},
		{"webauthn 0x", []string{"--webauthn-raw-id", "cred-C", "--webauthn-key", "0x" + hex.EncodeToString(cose2)}, 3, k("cred-C:lit"), cose2, []int{1}},
		{"google", []string{"--jwt-type", "6", "--jwt-user", "1234567890", "--jwt-app", "Client.apps.googleusercontent.com", "--scope", "1,2"}, 6, k("1234567890:Client.apps.googleusercontent.com"), nil, []int{1, 2}},
		{"stytch", []string{"--jwt-type", "9", "--jwt-user", "user-test-ABC", "--jwt-app", "project-test-XYZ"}, 9, k("user-test-abc:project-test-xyz"), nil, []int{1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var res addAuthMethodResult
			decodeJSON(t, mustRun(t, append([]string{"pkp", "add-auth-method", "--network", nw, "--pubkey", m.PublicKey, "--json"}, c.args...)...), &res)
			if c.id == nil { // the Action's CIDv0 bytes
				c.id = unhex(t, res.AuthMethodID, 34)
				if c.id[0] != 0x12 || c.id[1] != 0x20 {
					t.Fatalf("Action id %s is not a CIDv0", res.AuthMethodID)
				}
			}
			if res.AuthMethodType != c.typ || res.AuthMethodID != "0x"+hex.EncodeToString(c.id) || res.TxHash == "" ||
				res.TokenID != m.TokenID || !slices.Equal(res.Scopes, c.scopes) || (c.userKey != nil) != (res.UserPubkey != "") {
				t.Fatalf("add-auth-method %s = %+v; want type %d id %x scopes %v", c.name, res, c.typ, c.id, c.scopes)
			}
		})
	}

	// auth-methods lists them all as the chain has them, with scopes.
	var list authMethodsResult
	decodeJSON(t, mustRun(t, "pkp", "auth-methods", "--network", nw, "--pubkey", m.PublicKey, "--json"), &list)
	if list.TokenID != m.TokenID || list.EthAddress != chain.EthAddress(pub).Hex() || len(list.AuthMethods) != 7 {
		t.Fatalf("auth-methods = %+v", list)
	}
	byID := map[string]listedAuthMethod{}
	for _, am := range list.AuthMethods {
		byID[am.ID] = am
	}
	if am := byID["0x"+hex.EncodeToString(k(user.Hex()+":lit"))]; am.Kind != "wallet" || am.Type != 1 || fmt.Sprint(am.Scopes) != "[1]" {
		t.Fatalf("wallet entry %+v", am)
	}
	if am := byID["0x"+hex.EncodeToString(k("cred-A_b:lit"))]; am.Kind != "webauthn" || am.UserPubkey != "0x"+hex.EncodeToString(cose) || fmt.Sprint(am.Scopes) != "[0]" {
		t.Fatalf("webauthn entry %+v", am)
	}
	found := false
	for _, am := range list.AuthMethods {
		if am.Type == 2 && am.Name == cid && am.Kind == "action" && fmt.Sprint(am.Scopes) != "[2]" {
			t.Fatalf("action entry %+v", am)
		}
		found = found || (am.Type == 2 && am.Name == cid)
	}
	if !found {
		t.Fatalf("no Action entry in %+v", list.AuthMethods)
	}
	text := mustRun(t, "pkp", "auth-methods", "--network", nw, "--pubkey", m.PublicKey)
	if !strings.Contains(text, cid) || !strings.Contains(text, "3 webauthn") || !strings.Contains(text, "9 stytch") {
		t.Fatalf("auth-methods text:\n%s", text)
	}

	// Bad input: a usage error before any transaction, or the chain's refusal with a clear message.
	strangerKey, _ := keyHex(t, d, 2)
	base := []string{"pkp", "add-auth-method", "--network", nw, "--pubkey", m.PublicKey}
	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no kind", nil, exitUsage, "exactly one of"},
		{"two kinds", []string{"--wallet", user.Hex(), "--action", cid}, exitUsage, "exactly one of"},
		{"bad wallet", []string{"--wallet", "0x1234"}, exitUsage, "not an Ethereum address"},
		{"webauthn without key", []string{"--webauthn-raw-id", "x"}, exitUsage, "--webauthn-key is required"},
		{"key without webauthn", []string{"--wallet", user.Hex(), "--webauthn-key", "0x00"}, exitUsage, "goes with --webauthn-raw-id"},
		{"webauthn key not COSE", []string{"--webauthn-raw-id", "x", "--webauthn-key", "0xa0"}, exitUsage, "--webauthn-key"},
		{"webauthn key not hex", []string{"--webauthn-raw-id", "x", "--webauthn-key", "0xzz"}, exitUsage, "not hex"},
		{"webauthn key file missing", []string{"--webauthn-raw-id", "x", "--webauthn-key", filepath.Join(t.TempDir(), "none")}, exitUsage, "--webauthn-key"},
		{"webauthn key too long", []string{"--webauthn-raw-id", "x", "--webauthn-key", "0x" + strings.Repeat("00", 3000)}, exitUsage, "MaxPublicKey"},
		{"webauthn id too long", []string{"--webauthn-raw-id", strings.Repeat("a", 3000), "--webauthn-key", coseFile}, exitUsage, "MaxCredentialID"},
		{"jwt type 7", []string{"--jwt-type", "7", "--jwt-user", "u", "--jwt-app", "a"}, exitUsage, "--jwt-type 7"},
		{"jwt without app", []string{"--jwt-type", "6", "--jwt-user", "u"}, exitUsage, "--jwt-app"},
		{"jwt user alone", []string{"--wallet", user.Hex(), "--jwt-user", "u"}, exitUsage, "go with --jwt-type"},
		{"scope 3", []string{"--wallet", user.Hex(), "--scope", "3"}, exitUsage, "--scope 3"},
		{"stranger", []string{"--wallet", user.Hex(), "--key", strangerKey}, exitFailure, "does not own PKP"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, _, err := run(t, append(append([]string{}, base...), c.args...)...)
			if err == nil {
				t.Fatalf("no error; output:\n%s", out)
			}
			if got := exitCode(err); got != c.code || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("exit %d, error %q; want exit %d and %q", got, err, c.code, c.want)
			}
		})
	}
	// None of the refused calls changed anything.
	var after authMethodsResult
	decodeJSON(t, mustRun(t, "pkp", "auth-methods", "--network", nw, "--pubkey", m.PublicKey, "--json"), &after)
	if len(after.AuthMethods) != 7 {
		t.Fatalf("refused calls changed the auth methods: %+v", after.AuthMethods)
	}
}
