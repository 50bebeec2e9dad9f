package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/ipfs"
)

// sdkSessionSig is one entry of getPkpSessionSigs' result, the SDK's AuthSig.
type sdkSessionSig struct {
	Sig           string `json:"sig"`
	DerivedVia    string `json:"derivedVia"`
	SignedMessage string `json:"signedMessage"`
	Address       string `json:"address"`
	Algo          string `json:"algo"`
}

// checkSDKSessionSigs checks that out is getPkpSessionSigs' object for the
// devnet's nodes, acting as the PKP pkpAddress: one ed25519 session
// signature per node URL (checked with crypto/ed25519), naming that node,
// carrying the network's capability for the PKP.
func checkSDKSessionSigs(t *testing.T, d *devnet.Devnet, out []byte, pkpAddress string) {
	t.Helper()
	var sigs map[string]sdkSessionSig
	dec := json.NewDecoder(strings.NewReader(string(out)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&sigs); err != nil {
		t.Fatalf("not getPkpSessionSigs' object: %v\n%s", err, out)
	}
	urls := make([]string, 0, len(sigs))
	for u, s := range sigs {
		urls = append(urls, u)
		if s.DerivedVia != "litSessionSignViaNacl" || s.Algo != "ed25519" {
			t.Fatalf("%s: %+v", u, s)
		}
		pub, _ := hex.DecodeString(s.Address)
		sig, _ := hex.DecodeString(s.Sig)
		if len(pub) != ed25519.PublicKeySize || !ed25519.Verify(pub, []byte(s.SignedMessage), sig) {
			t.Fatalf("%s: the session key's signature does not verify", u)
		}
		var signed struct {
			SessionKey   string `json:"sessionKey"`
			NodeAddress  string `json:"nodeAddress"`
			Expiration   string `json:"expiration"`
			Capabilities []struct {
				DerivedVia, Address, Algo, SignedMessage string
			} `json:"capabilities"`
		}
		if err := json.Unmarshal([]byte(s.SignedMessage), &signed); err != nil {
			t.Fatal(err)
		}
		if signed.NodeAddress != u || signed.SessionKey != s.Address || len(signed.Capabilities) != 1 {
			t.Fatalf("%s: signed %+v", u, signed)
		}
		c := signed.Capabilities[0]
		if c.DerivedVia != "lit.bls" || c.Algo != "LIT_BLS" || c.Address != pkpAddress || !strings.Contains(c.SignedMessage, "lit:session:"+s.Address) {
			t.Fatalf("%s: capability %+v", u, c)
		}
	}
	slices.Sort(urls)
	want := d.URLs()
	slices.Sort(want)
	if !slices.Equal(urls, want) {
		t.Fatalf("signatures for %v, want the nodes %v", urls, want)
	}
}

// signWithSession signs through the CLI with a session file and checks
// the signature with decred's verifier.
func signWithSession(t *testing.T, nw, file, pubkey, message string, extra ...string) signResult {
	t.Helper()
	var s signResult
	decodeJSON(t, mustRun(t, append([]string{"pkp", "sign", "--network", nw, "--session", file, "--message", message, "--json"}, extra...)...), &s)
	if s.PublicKey != pubkey {
		t.Fatalf("signed with %s, want %s", s.PublicKey, pubkey)
	}
	verifySig(t, crypto.Keccak256([]byte(message)), unhex(t, s.Signature, 65), unhex(t, pubkey, 65))
	return s
}

func TestPKPSessionCommand(t *testing.T) {
	d := sharedDevnet(t)
	nw := d.NetworkFile()
	dir := t.TempDir()
	m := mint(t, nw)
	other := mint(t, nw)

	// The owner's wallet logs in: stdout is getPkpSessionSigs' object.
	out := mustRun(t, "pkp", "session", "--network", nw, "--pubkey", m.PublicKey, "--auth-method", "wallet")
	checkSDKSessionSigs(t, d, []byte(out), m.EthAddress)
	file := filepath.Join(dir, "session.json")
	if err := os.WriteFile(file, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	// The session signs as the PKP, with or without --pubkey, and no key.
	signWithSession(t, nw, file, m.PublicKey, "signed by a session")
	signWithSession(t, nw, file, m.PublicKey, "again", "--pubkey", m.PublicKey)

	// --out writes the file with mode 0600 and prints a summary.
	var sum sessionSummary
	out2 := filepath.Join(dir, "out.json")
	decodeJSON(t, mustRun(t, "pkp", "session", "--network", nw, "--pubkey", m.PublicKey, "--auth-method", "wallet", "--out", out2, "--ttl", "1h", "--json"), &sum)
	st, err := os.Stat(out2)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("--out file: %v, %v", st, err)
	}
	if sum.PKPAddress != m.EthAddress || sum.Nodes != 4 || sum.File != out2 || time.Until(sum.Expires) > time.Hour || time.Until(sum.Expires) < 50*time.Minute {
		t.Fatalf("summary %+v", sum)
	}
	b, _ := os.ReadFile(out2)
	checkSDKSessionSigs(t, d, b, m.EthAddress)

	// The session runs an Action that signs with its PKP.
	code := filepath.Join(dir, "sign.js")
	os.WriteFile(code, []byte(`(async () => { await Lit.Actions.signEcdsa({ toSign, publicKey, sigName: "sig" }); Lit.Actions.setResponse({response: "ok"}); })();`), 0o600)
	hash := crypto.Keccak256([]byte("an Action's hash"))
	var ints []int
	for _, x := range hash {
		ints = append(ints, int(x))
	}
	toSign, _ := json.Marshal(ints)
	var res sdkResult
	decodeJSON(t, mustRun(t, "action", "run", "--network", nw, "--session", file, "--file", code, "--json",
		"--params", `{"toSign": `+string(toSign)+`, "publicKey": "`+m.PublicKey+`"}`), &res)
	sig, ok := res.Signatures["sig"]
	if !ok || !strings.EqualFold(sig.DataSigned, hex.EncodeToString(hash)) {
		t.Fatalf("action run --session: %+v", res)
	}
	verifySig(t, hash, unhex(t, sig.Signature, 65), unhex(t, m.PublicKey, 65))

	// A stranger's wallet gets no session.
	strangerKey, _ := keyHex(t, d, 6)
	_, _, err = run(t, "pkp", "session", "--network", nw, "--pubkey", m.PublicKey, "--auth-method", "wallet", "--key", strangerKey)
	if err == nil || exitCode(err) != exitFailure || !strings.Contains(err.Error(), "NodePKPNotAuthorized") || !strings.Contains(err.Error(), "does not permit this login") {
		t.Fatalf("a stranger's login: %v", err)
	}

	// A Lit Action as the login (custom auth): refused until the PKP permits its CID, then only
	// with the password; by CID (published to the devnet's store) and inline.
	login := []byte(`(async () => {
  const ok = password === "hunter2" && Lit.Auth.actionIpfsIds.length === 1;
  Lit.Actions.setResponse({response: ok ? "true" : "untrue"});
})();`)
	loginFile := filepath.Join(dir, "login.js")
	os.WriteFile(loginFile, login, 0o600)
	cid := strings.TrimSpace(mustRun(t, "action", "publish", "--network", nw, loginFile))
	if cid != ipfs.Sum(login).String() {
		t.Fatalf("published as %s", cid)
	}
	actionArgs := []string{"pkp", "session", "--network", nw, "--pubkey", m.PublicKey, "--auth-method", "action:" + cid, "--js-params", `{"password": "hunter2"}`}
	_, _, err = run(t, actionArgs...)
	if err == nil || !strings.Contains(err.Error(), "NodePKPNotAuthorized") {
		t.Fatalf("an Action the PKP does not permit: %v", err)
	}
	mustRun(t, "pkp", "grant", "--network", nw, "--pubkey", m.PublicKey, "--action", cid, "--scope", "1")
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(200 * time.Millisecond) {
		if out, _, err = run(t, actionArgs...); err == nil || time.Now().After(deadline) {
			break
		}
	}
	if err != nil {
		t.Fatalf("a permitted Action's login: %v", err)
	}
	checkSDKSessionSigs(t, d, []byte(out), m.EthAddress)
	actionFile := filepath.Join(dir, "action-session.json")
	os.WriteFile(actionFile, []byte(out), 0o600)
	signWithSession(t, nw, actionFile, m.PublicKey, "signed by an Action's session")
	params := filepath.Join(dir, "params.json")
	os.WriteFile(params, []byte(`{"password": "hunter2"}`), 0o600)
	mustRun(t, "pkp", "session", "--network", nw, "--pubkey", m.PublicKey, "--auth-method", "action:@"+loginFile, "--js-params", "@"+params, "--out", filepath.Join(dir, "inline.json"))
	signWithSession(t, nw, filepath.Join(dir, "inline.json"), m.PublicKey, "inline Action")
	_, _, err = run(t, "pkp", "session", "--network", nw, "--pubkey", m.PublicKey, "--auth-method", "action:"+cid, "--js-params", `{"password": "guess"}`)
	if err == nil || !strings.Contains(err.Error(), "NodeLitActionsSessionSigAuthenticationFailed") || !strings.Contains(err.Error(), "did not prove the login") {
		t.Fatalf("a wrong password: %v", err)
	}

	// A token login: the devnet configures no verifier of ID tokens, and says so.
	token := filepath.Join(dir, "id-token")
	os.WriteFile(token, []byte("eyJhbGciOiJSUzI1NiJ9.e30.c2lnbmF0dXJl\n"), 0o600)
	for _, args := range [][]string{{"--auth-method", "google-jwt:@" + token}, {"--auth-method", "6", "--access-token", "@" + token}} {
		_, _, err = run(t, append([]string{"pkp", "session", "--network", nw, "--pubkey", m.PublicKey}, args...)...)
		if err == nil || exitCode(err) != exitFailure || !strings.Contains(err.Error(), "NodeAuthMethodUnsupportedType") || !strings.Contains(err.Error(), "do not serve this auth method type") {
			t.Fatalf("a Google ID token on the devnet (%v): %v", args, err)
		}
	}

	// Unusable session files are refused before anything is sent.
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var sigs map[string]json.RawMessage
	json.Unmarshal([]byte(out), &sigs)
	fewer := map[string]json.RawMessage{}
	for u, s := range sigs {
		if u != d.URLs()[0] {
			fewer[u] = s
		}
	}
	fewerB, _ := json.Marshal(fewer)
	tampered := strings.Replace(out, `\"issuedAt\":\"`, `\"issuedAt\":\"1`, 1)
	short := mustRun(t, "pkp", "session", "--network", nw, "--pubkey", m.PublicKey, "--auth-method", "wallet", "--ttl", "2s")
	shortFile := write("short.json", []byte(short))
	sf, err := parseSessionFile([]byte(short), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	// A wallet's own session (the SDK's getSessionSigs), not a PKP's.
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cl, err := client.Connect(ctx, d.URLs(), client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	key, _ := crypto.HexToECDSA(strings.TrimPrefix(d.Network.DevKey, "0x"))
	ws, err := client.NewSession(key, cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	walletSigs, err := sessionSigsOf(cl, ws)
	if err != nil {
		t.Fatal(err)
	}
	walletB, _ := json.Marshal(walletSigs)
	time.Sleep(time.Until(sf.expires) + 100*time.Millisecond) // the 2 s session is over
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"expired", []string{"--session", shortFile}, "the session expired at"},
		{"not JSON", []string{"--session", write("garbage.json", []byte("{nope"))}, "not a JSON object of session signatures"},
		{"empty", []string{"--session", write("empty.json", []byte("{}"))}, "no session signatures"},
		{"tampered", []string{"--session", write("tampered.json", []byte(tampered))}, "ed25519 signature of signedMessage"},
		{"a node missing", []string{"--session", write("fewer.json", fewerB)}, "no signature for the node " + d.URLs()[0]},
		{"a wallet session", []string{"--session", write("wallet.json", walletB)}, "not a PKP session"},
		{"another PKP", []string{"--session", file, "--pubkey", other.PublicKey}, "is a session of PKP " + m.EthAddress},
		{"with --key", []string{"--session", file, "--key", strangerKey}, "--key and --session"},
		{"missing file", []string{"--session", filepath.Join(dir, "none.json")}, "no such file"},
	} {
		args := append([]string{"pkp", "sign", "--network", nw, "--message", "x"}, c.args...)
		if out, _, err := run(t, args...); err == nil || exitCode(err) != exitUsage || !strings.Contains(err.Error(), c.want) || out != "" {
			t.Errorf("%s: %v (want a usage error with %q), printed %q", c.name, err, c.want, out)
		}
	}
	if tampered == out {
		t.Fatal("the tampering changed nothing")
	}

	// Flag mistakes are named.
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"no auth method", nil, "--auth-method is required"},
		{"unknown type", []string{"--auth-method", "myspace:abc"}, `--auth-method "myspace:abc"`},
		{"type 7", []string{"--auth-method", "7:abc"}, `--auth-method "7:abc"`},
		{"no token", []string{"--auth-method", "google-jwt"}, `--auth-method "google-jwt"`},
		{"empty token", []string{"--auth-method", "google-jwt:"}, "empty token"},
		{"token too long", []string{"--auth-method", "google-jwt:" + strings.Repeat("a", maxAccessTokenBytes+1)}, "16385 bytes: 1 to 16384"},
		{"access token without a type", []string{"--auth-method", "wallet", "--access-token", "abc"}, "--access-token goes with an --auth-method TYPE"},
		{"two Actions", []string{"--auth-method", "action:" + cid, "--auth-method", "action:" + cid}, "one Lit Action"},
		{"bad CID", []string{"--auth-method", "action:Qm123"}, "--auth-method action:"},
		{"params without an Action", []string{"--auth-method", "wallet", "--js-params", "{}"}, "--js-params goes to a Lit Action"},
		{"params not an object", []string{"--auth-method", "action:" + cid, "--js-params", "[1]"}, "JSON object"},
		{"five logins", []string{"--auth-method", "wallet", "--auth-method", "6:a", "--auth-method", "6:b", "--auth-method", "6:c", "--auth-method", "6:d"}, "5 logins, at most 4"},
		{"ttl", []string{"--auth-method", "wallet", "--ttl", "721h"}, "--ttl 721h0m0s"},
	} {
		args := append([]string{"pkp", "session", "--network", nw, "--pubkey", m.PublicKey}, c.args...)
		if out, _, err := run(t, args...); err == nil || exitCode(err) != exitUsage || !strings.Contains(err.Error(), c.want) || out != "" {
			t.Errorf("%s: %v (want a usage error with %q)", c.name, err, c.want)
		}
	}
}

// FuzzParseSessionFile: a session file is untrusted input; whatever it
// holds, the parser returns an error or a session that is unexpired, has a
// signature, and names one session key.
func FuzzParseSessionFile(f *testing.F) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"http://127.0.0.1:7470": {"sig": "00", "derivedVia": "litSessionSignViaNacl", "signedMessage": "{}", "address": "00", "algo": "ed25519"}}`))
	f.Add([]byte(`{"a": null}`))
	f.Add([]byte(`[1, 2]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := parseSessionFile(b, now)
		if err != nil {
			if s != nil {
				t.Fatal("a session and an error")
			}
			return
		}
		if len(s.sigs) == 0 || !s.expires.After(now) || len(s.sessionKey) != 64 {
			t.Fatalf("accepted %+v", s)
		}
	})
}

func TestParseSessionFileBounds(t *testing.T) {
	if _, err := parseSessionFile(make([]byte, maxSessionFileBytes+1), time.Now()); err == nil || !strings.Contains(err.Error(), "more than 4194304 bytes") {
		t.Fatalf("an oversized file: %v", err)
	}
	many := map[string]json.RawMessage{}
	for i := range maxSessionFileNodes + 1 {
		many[strings.Repeat("x", i+1)] = json.RawMessage(`{}`)
	}
	b, _ := json.Marshal(many)
	if _, err := parseSessionFile(b, time.Now()); err == nil || !strings.Contains(err.Error(), "201 session signatures, at most 200") {
		t.Fatalf("201 signatures: %v", err)
	}
}

func TestParseSessionLogins(t *testing.T) {
	dir := t.TempDir()
	tok := filepath.Join(dir, "tok")
	os.WriteFile(tok, []byte("from-a-file\n"), 0o600)
	code := filepath.Join(dir, "login.js")
	os.WriteFile(code, []byte(`Lit.Actions.setResponse({response: "true"})`), 0o600)
	l, err := parseSessionLogins([]string{"google-jwt:inline", "apple:@" + tok, "9:-", "webauthn", "action:@" + code},
		`{"a": 1}`, "@"+tok, strings.NewReader("from-stdin\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []client.AuthMethod{{AuthMethodType: 6, AccessToken: "inline"}, {AuthMethodType: 8, AccessToken: "from-a-file"},
		{AuthMethodType: 9, AccessToken: "from-stdin"}, {AuthMethodType: 3, AccessToken: "from-a-file"}}
	if l.wallet || !slices.Equal(l.methods, want) || l.action == nil || string(l.action.Code) != `Lit.Actions.setResponse({response: "true"})` || l.action.JSParams["a"] != 1.0 {
		t.Fatalf("%+v, action %+v", l, l.action)
	}
	for _, c := range []struct {
		specs       []string
		accessToken string
		want        string
	}{
		{[]string{"6:-", "8:-"}, "", "only one token can come from stdin"},
		{[]string{"6", "8"}, "x", "--access-token is the token of one"},
		{[]string{"6"}, "", `--auth-method "6": want`},
		{[]string{"wallet", "wallet"}, "", "wallet given twice"},
		{[]string{"6:@" + filepath.Join(dir, "none")}, "", "no such file"},
	} {
		if _, err := parseSessionLogins(c.specs, "", c.accessToken, strings.NewReader("s")); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.specs, err, c.want)
		}
	}
}
