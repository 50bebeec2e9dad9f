package explorer

import (
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/ipfs"
)

// playServer is an explorer with a dev account, a content store and a client of nodes that are not
// there (connect fails): enough for everything that happens before a node is asked.
func playServer(t *testing.T, dev bool) (http.Handler, string, *int) {
	t.Helper()
	store := t.TempDir()
	connects := 0
	cfg := Config{Nodes: []Node{{Index: 1, URL: "http://127.0.0.2:7470"}}, IPFSStore: store,
		Connect: func(context.Context) (*client.Client, error) { connects++; return nil, errors.New("no nodes here") }}
	if dev {
		cfg.DevAccount, _ = crypto.GenerateKey()
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s.Handler(DefaultListen), store, &connects
}

func postRaw(h http.Handler, op, body string, hdr map[string]string) (int, []byte) {
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:7400/api/v1/dev/"+op, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w.Code, w.Body.Bytes()
}

// Publish gives the code's CID, as ipfs add computes it, and adds the code to the nodes' store.
func TestPlaygroundPublish(t *testing.T) {
	h, store, _ := playServer(t, true)
	code := `Lit.Actions.setResponse({response: "hi"});`
	status, body := postRaw(h, "publish", `{"code":`+quote(code)+`}`, nil)
	if status != http.StatusOK {
		t.Fatalf("%d %s", status, body)
	}
	var ans publishAnswer
	json.Unmarshal(body, &ans)
	want := ipfs.Sum([]byte(code)).String()
	if ans.CID != want || !ans.Stored || ans.Bytes != len(code) {
		t.Fatalf("%+v; want CID %s, stored", ans, want)
	}
	got, err := os.ReadFile(filepath.Join(store, want))
	if err != nil || string(got) != code {
		t.Fatalf("the store holds %q, %v", got, err)
	}
}

func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

// Every write and run is refused without a dev account, and from another origin.
func TestPlaygroundRefusals(t *testing.T) {
	h, _, connects := playServer(t, false)
	for _, op := range []string{"publish", "run", "encrypt", "decrypt"} {
		status, body := postRaw(h, op, `{"code":"x"}`, nil)
		if status != http.StatusForbidden || !strings.Contains(string(body), "ExplorerNoDevAccount") {
			t.Fatalf("%s without a dev account: %d %s", op, status, body)
		}
	}
	if *connects != 0 {
		t.Fatalf("requests without a dev account reached the nodes %d times", *connects)
	}
	h, _, connects = playServer(t, true)
	for _, op := range []string{"publish", "run", "encrypt", "decrypt"} {
		status, body := postRaw(h, op, `{"code":"x"}`, map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
		if status != http.StatusForbidden || !strings.Contains(string(body), "ExplorerCrossOrigin") {
			t.Fatalf("%s from another origin: %d %s", op, status, body)
		}
	}
	if *connects != 0 {
		t.Fatalf("refused requests reached the nodes %d times", *connects)
	}
}

// Malformed runs and crypt requests are refused before any node is asked, naming the field.
func TestPlaygroundBadRequests(t *testing.T) {
	h, _, connects := playServer(t, true)
	big := strings.Repeat("a", maxActionCode+1)
	for _, c := range []struct{ op, body, want string }{
		{"run", `{}`, "code: empty"},
		{"run", `{"code":"x","jsParams":[1]}`, "jsParams: want a JSON object"},
		{"run", `{"code":"x","jsParams":"s"}`, "jsParams: want a JSON object"},
		{"run", `{"code":"x","jsParams":{"a":}}`, "body:"},
		{"run", `{"code":"x","publicKey":"0x04"}`, "publicKey:"},
		{"run", `{"code":"x","publicKey":"0x04` + strings.Repeat("11", 64) + `"}`, "publicKey: not a point"},
		{"run", `{"code":"x","extra":1}`, "body:"},
		{"run", `{"code":"x"} {}`, "more than one JSON value"},
		{"run", `{"code":"` + big + `"}`, "code: " + "16777217 bytes; at most 16777216"},
		{"run", `{"code":"` + big + strings.Repeat("b", 70<<10) + `"}`, "body: over"},
		{"publish", `{"code":"x","jsParams":{}}`, "publish takes only code"},
		{"encrypt", `{"conditions":[],"text":"x"}`, "conditions:"},
		{"encrypt", `{"text":"x"}`, "conditions: missing"},
		{"encrypt", `{"kind":"nope","conditions":[],"text":"x"}`, "kind:"},
		{"encrypt", `{"conditions":` + userCond + `}`, "text: empty"},
		{"encrypt", `{"conditions":` + userCond + `,"text":"` + strings.Repeat("a", maxPlainText+1) + `"}`, "text: 65537 bytes; at most 65536"},
		{"decrypt", `{"conditions":` + userCond + `,"ciphertext":"abc","dataToEncryptHash":"00"}`, "dataToEncryptHash:"},
		{"decrypt", `{"conditions":` + userCond + `,"dataToEncryptHash":"` + strings.Repeat("00", 32) + `"}`, "ciphertext:"},
		{"decrypt", `{"conditions":` + userCond + `,"text":"x","ciphertext":"abc","dataToEncryptHash":"` + strings.Repeat("00", 32) + `"}`, "text:"},
	} {
		status, body := postRaw(h, c.op, c.body, nil)
		var e apiError
		json.Unmarshal(body, &e)
		if status != http.StatusBadRequest || e.Code != "ExplorerBadRequest" || !strings.Contains(e.Message, c.want) {
			t.Errorf("%s %.80s: %d %s; want 400 naming %q", c.op, c.body, status, clip(string(body), 200), c.want)
		}
	}
	if *connects != 0 {
		t.Fatalf("bad requests reached the nodes %d times", *connects)
	}
	// A good request gets as far as the nodes, and says they are not there.
	status, body := postRaw(h, "run", `{"code":"x","jsParams":{"a":1}}`, nil)
	if status != http.StatusBadGateway || !strings.Contains(string(body), "ExplorerNodesUnavailable") || *connects != 1 {
		t.Fatalf("%d %s (%d connects)", status, body, *connects)
	}
}

const userCond = `[{"contractAddress":"","standardContractType":"","chain":"ethereum","method":"","parameters":[":userAddress"],"returnValueTest":{"comparator":"=","value":"0x00000000000000000000000000000000000b0b0b"}}]`

// checkSignature accepts a signature by the PKP's key and refuses one by another key, or over
// another hash, or when the nodes named another key.
func TestCheckSignature(t *testing.T) {
	k, _ := crypto.GenerateKey()
	other, _ := crypto.GenerateKey()
	hash := crypto.Keccak256([]byte("m"))
	sign := func(key []byte, h []byte) *client.ActionSignature {
		t.Helper()
		priv, _ := crypto.ToECDSA(key)
		sig, err := crypto.Sign(h, priv)
		if err != nil {
			t.Fatal(err)
		}
		s := &client.ActionSignature{Name: "sig"}
		copy(s.R[:], sig[:32])
		copy(s.S[:], sig[32:64])
		s.V = sig[64]
		copy(s.Hash[:], hash)
		s.PublicKey = crypto.FromECDSAPub(&priv.PublicKey)
		return s
	}
	pub := crypto.FromECDSAPub(&k.PublicKey)
	good := sign(crypto.FromECDSA(k), hash)
	if v := checkSignature(good, pub); !v.Verified || v.Recovered != "0x"+hex.EncodeToString(pub) {
		t.Fatalf("a good signature: %+v", v)
	}
	if v := checkSignature(good, nil); !v.Verified {
		t.Fatalf("a good signature, no PKP named: %+v", v)
	}
	if v := checkSignature(good, crypto.FromECDSAPub(&other.PublicKey)); v.Verified {
		t.Fatalf("verified against another PKP: %+v", v)
	}
	byOther := sign(crypto.FromECDSA(other), hash)
	byOther.PublicKey = pub // the nodes claim the PKP's key
	if v := checkSignature(byOther, nil); v.Verified {
		t.Fatalf("another key's signature verified: %+v", v)
	}
	tampered := sign(crypto.FromECDSA(k), hash)
	tampered.Hash[0] ^= 1
	if v := checkSignature(tampered, pub); v.Verified {
		t.Fatalf("a signature over another hash verified: %+v", v)
	}
}

func FuzzParseRun(f *testing.F) {
	f.Add([]byte(`{"code":"x","jsParams":{"a":[1,{"b":null}]},"publicKey":"0x04"}`))
	f.Add([]byte(`{"code":"","jsParams":null}`))
	f.Add([]byte(`{"code":"x"}{"code":"y"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := parseRun(b)
		if err == nil && (len(r.code) == 0 || len(r.code) > maxActionCode || (r.pubkey != nil && len(r.pubkey) != 65)) {
			t.Fatalf("accepted %+v", r)
		}
	})
}

func FuzzParseCrypt(f *testing.F) {
	f.Add([]byte(`{"conditions":`+userCond+`,"text":"x"}`), false)
	f.Add([]byte(`{"conditions":`+userCond+`,"ciphertext":"abc","dataToEncryptHash":"`+strings.Repeat("00", 32)+`"}`), true)
	f.Add([]byte(`{"kind":"unifiedAccessControlConditions","conditions":[{"conditionType":"evmBasic"}],"text":"x"}`), false)
	f.Fuzz(func(t *testing.T, b []byte, decrypt bool) {
		c, err := parseCrypt(b, decrypt)
		if err != nil {
			return
		}
		if c.conds == nil || (!decrypt && (len(c.text) == 0 || len(c.text) > maxPlainText)) || (decrypt && len(c.enc.DataToEncryptHash) != 64) {
			t.Fatalf("accepted %+v", c)
		}
	})
}

// At most maxRuns runs, encryptions and decryptions at once: one more is refused before any node is
// asked.
func TestPlaygroundBusy(t *testing.T) {
	connects := 0
	s, err := New(Config{Nodes: []Node{{Index: 1, URL: "http://127.0.0.2:7470"}}, DevAccount: mustKey(t),
		Connect: func(context.Context) (*client.Client, error) { connects++; return nil, errors.New("no nodes here") }})
	if err != nil {
		t.Fatal(err)
	}
	for range maxRuns {
		s.nodes.slots <- struct{}{}
	}
	h := s.Handler(DefaultListen)
	for _, c := range []struct{ op, body string }{{"run", `{"code":"x"}`}, {"encrypt", `{"conditions":` + userCond + `,"text":"x"}`}} {
		status, body := postRaw(h, c.op, c.body, nil)
		if status != http.StatusServiceUnavailable || !strings.Contains(string(body), "ExplorerBusy") {
			t.Fatalf("%s with every slot taken: %d %s", c.op, status, body)
		}
	}
	<-s.nodes.slots
	if status, body := postRaw(h, "run", `{"code":"x"}`, nil); status != http.StatusBadGateway || connects != 1 {
		t.Fatalf("with a slot free: %d %s", status, body)
	}
	if len(s.nodes.slots) != maxRuns-1 {
		t.Fatalf("%d slots taken after the run; want %d (the run's given back)", len(s.nodes.slots), maxRuns-1)
	}
}

func mustKey(t *testing.T) *ecdsa.PrivateKey {
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// Failures are named by node index, the nodes that said the same thing together.
func TestNodesFailure(t *testing.T) {
	s, err := New(Config{Nodes: []Node{{Index: 1, URL: "http://a"}, {Index: 2, URL: "http://b"}, {Index: 3, URL: "http://c"}}})
	if err != nil {
		t.Fatal(err)
	}
	got := s.nodesFailure([]*client.NodeError{
		{URL: "http://a", Code: "NodeX", Message: "bad\nstack"},
		{URL: "http://b", Err: errors.New("connection refused")},
		{URL: "http://c", Code: "NodeX", Message: "node 0x00000000000000000000000000000000000000c3: bad\nother stack"},
	})
	if want := "nodes 1 and 3 NodeX: bad; node 2 did not answer: connection refused"; got != want {
		t.Fatalf("%q\nwant %q", got, want)
	}
}
