package explorer

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/ipfs"
)

// writingChain is fakeChain with the writes: the owner check is the contract's.
type writingChain struct {
	*fakeChain
	mints int
	seed  byte
}

func (w *writingChain) Transactor(key *ecdsa.PrivateKey) *bind.TransactOpts {
	return bind.NewKeyedTransactor(key, big.NewInt(1337))
}
func (w *writingChain) receipt() *types.Receipt { return &types.Receipt{TxHash: common.Hash{0xaa}} }
func (w *writingChain) MintNext(_ context.Context, auth *bind.TransactOpts) (*chain.Minted, error) {
	w.mints++
	w.seed++
	pub := testKey(100 + w.seed)
	p := &chain.PKP{TokenID: chain.TokenID(pub), Pubkey: pub, KeyType: 2, EthAddress: chain.EthAddress(pub), Owner: auth.From}
	w.pkps[p.TokenID.String()] = p
	w.owners[auth.From] = append(w.owners[auth.From], p.TokenID)
	return &chain.Minted{TokenID: p.TokenID, Pubkey: pub, Receipt: w.receipt()}, nil
}
func (w *writingChain) owned(auth *bind.TransactOpts, id *big.Int) error {
	p, ok := w.pkps[id.String()]
	if !ok {
		return chain.ErrUnknownToken
	}
	if p.Owner != auth.From {
		return fmt.Errorf("chain: addPermittedAction: %w", chain.ErrNotOwner)
	}
	return nil
}
func (w *writingChain) grant(id *big.Int, typ uint64, b []byte, scopes []chain.Scope) {
	w.methods[id.String()] = append(w.methods[id.String()], chain.AuthMethod{Type: typ, ID: b})
	w.scopes[scopeKey(id, typ, b)] = scopes
	if typ == chain.AuthMethodAction {
		w.actions[id.String()] = append(w.actions[id.String()], b)
	}
}
func (w *writingChain) revoke(id *big.Int, typ uint64, b []byte) {
	var keep []chain.AuthMethod
	for _, m := range w.methods[id.String()] {
		if m.Type != typ || !bytes.Equal(m.ID, b) {
			keep = append(keep, m)
		}
	}
	w.methods[id.String()] = keep
	if typ == chain.AuthMethodAction {
		var acts [][]byte
		for _, a := range w.actions[id.String()] {
			if !bytes.Equal(a, b) {
				acts = append(acts, a)
			}
		}
		w.actions[id.String()] = acts
	}
}
func (w *writingChain) AddPermittedAction(_ context.Context, auth *bind.TransactOpts, id *big.Int, cid []byte, scopes ...chain.Scope) (*types.Receipt, error) {
	if err := w.owned(auth, id); err != nil {
		return nil, err
	}
	w.grant(id, chain.AuthMethodAction, cid, scopes)
	return w.receipt(), nil
}
func (w *writingChain) RemovePermittedAction(_ context.Context, auth *bind.TransactOpts, id *big.Int, cid []byte) (*types.Receipt, error) {
	if err := w.owned(auth, id); err != nil {
		return nil, err
	}
	w.revoke(id, chain.AuthMethodAction, cid)
	return w.receipt(), nil
}
func (w *writingChain) AddPermittedAddress(_ context.Context, auth *bind.TransactOpts, id *big.Int, a common.Address, scopes ...chain.Scope) (*types.Receipt, error) {
	if err := w.owned(auth, id); err != nil {
		return nil, err
	}
	w.grant(id, chain.AuthMethodAddress, a.Bytes(), scopes)
	return w.receipt(), nil
}
func (w *writingChain) RemovePermittedAddress(_ context.Context, auth *bind.TransactOpts, id *big.Int, a common.Address) (*types.Receipt, error) {
	if err := w.owned(auth, id); err != nil {
		return nil, err
	}
	w.revoke(id, chain.AuthMethodAddress, a.Bytes())
	return w.receipt(), nil
}

func (w *writingChain) Transfer(_ context.Context, auth *bind.TransactOpts, id *big.Int, to common.Address) (*types.Receipt, error) {
	if err := w.owned(auth, id); err != nil {
		return nil, err
	}
	p := w.pkps[id.String()]
	p.Owner = to
	p.OwnerGeneration++ // a new owner starts with no permissions (PKPNFT.sol)
	delete(w.methods, id.String())
	delete(w.actions, id.String())
	return w.receipt(), nil
}

func devServer(t *testing.T, dev *ecdsa.PrivateKey) (http.Handler, *writingChain) {
	t.Helper()
	f, _, _ := newFakeChain()
	w := &writingChain{fakeChain: f}
	s, err := New(Config{Nodes: []Node{{Index: 1, URL: "http://127.0.0.2:7470"}}, DevAccount: dev,
		Chain: func(context.Context) (Chain, error) { return w, nil }})
	if err != nil {
		t.Fatal(err)
	}
	return s.Handler(DefaultListen), w
}

// post sends a write as the explorer's own page does (same-origin), unless hdr says otherwise.
func post(t *testing.T, h http.Handler, op, body string, hdr map[string]string) (int, writeAnswer, apiError) {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:7400/api/v1/dev/"+op, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	r.Header.Set("Origin", "http://127.0.0.1:7400")
	for k, v := range hdr {
		if v == "" {
			r.Header.Del(k)
		} else {
			r.Header.Set(k, v)
		}
	}
	return serveAnswer[writeAnswer](t, h, r)
}

// serveAnswer serves r with h and decodes the answer: an A when it is 200 OK,
// the API's error otherwise.
func serveAnswer[A any](t *testing.T, h http.Handler, r *http.Request) (int, A, apiError) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	var ans A
	var e apiError
	if w.Code == http.StatusOK {
		if err := json.Unmarshal(w.Body.Bytes(), &ans); err != nil {
			t.Fatalf("%s: %v", w.Body, err)
		}
	} else if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
		t.Fatalf("%d %s: %v", w.Code, w.Body, err)
	}
	return w.Code, ans, e
}

// The dev account mints, grants an Action and an address with scopes, and revokes them; each answer
// is the PKP as the chain then has it.
func TestDevWrites(t *testing.T) {
	key, _ := crypto.GenerateKey()
	dev := crypto.PubkeyToAddress(key.PublicKey)
	h, w := devServer(t, key)
	code, ans, e := post(t, h, "mint", "", nil)
	if code != http.StatusOK || ans.PKP == nil || ans.PKP.Owner != dev.Hex() || ans.TxHash == "" || w.mints != 1 {
		t.Fatalf("mint: %d %+v %+v", code, ans, e)
	}
	tok := ans.PKP.TokenIDHex
	cid := ipfs.FromDigest([32]byte{7}).String()
	user := "0x00000000000000000000000000000000000000c3"
	code, ans, e = post(t, h, "grant", fmt.Sprintf(`{"tokenId":%q,"kind":"action","value":%q,"scopes":["sign-anything"]}`, tok, cid), nil)
	if code != http.StatusOK || len(ans.PKP.Permissions.Actions) != 1 || ans.PKP.Permissions.Actions[0].CID != cid ||
		fmt.Sprint(ans.PKP.Permissions.Actions[0].Scopes) != "[sign-anything]" {
		t.Fatalf("grant action: %d %+v %+v", code, ans.PKP, e)
	}
	code, ans, e = post(t, h, "grant", fmt.Sprintf(`{"tokenId":%q,"kind":"address","value":%q,"scopes":["personal-sign","sign-anything"]}`, tok, user), nil)
	if code != http.StatusOK || len(ans.PKP.Permissions.Addresses) != 2 || !strings.EqualFold(ans.PKP.Permissions.Addresses[1].Address, user) ||
		len(ans.PKP.Permissions.Addresses[1].Scopes) != 2 {
		t.Fatalf("grant address: %d %+v %+v", code, ans.PKP, e)
	}
	code, ans, e = post(t, h, "revoke", fmt.Sprintf(`{"tokenId":%q,"kind":"action","value":%q}`, tok, cid), nil)
	if code != http.StatusOK || len(ans.PKP.Permissions.Actions) != 0 {
		t.Fatalf("revoke action: %d %+v %+v", code, ans.PKP, e)
	}
	code, ans, e = post(t, h, "revoke", fmt.Sprintf(`{"tokenId":%q,"kind":"address","value":%q}`, tok, user), nil)
	if code != http.StatusOK || len(ans.PKP.Permissions.Addresses) != 1 {
		t.Fatalf("revoke address: %d %+v %+v", code, ans.PKP, e)
	}
	code, ans, e = post(t, h, "transfer", fmt.Sprintf(`{"tokenId":%q,"to":%q}`, tok, user), nil)
	if code != http.StatusOK || !strings.EqualFold(ans.PKP.Owner, user) || ans.PKP.OwnerGeneration != 1 {
		t.Fatalf("transfer: %d %+v %+v", code, ans.PKP, e)
	}
	code, _, e = post(t, h, "transfer", fmt.Sprintf(`{"tokenId":%q,"to":%q}`, tok, dev.Hex()), nil) // no longer the dev account's
	if code != http.StatusForbidden || e.Code != "ExplorerNotOwner" {
		t.Fatalf("transfer back: %d %+v", code, e)
	}

	// Another's PKP: the contract's refusal, in words.
	var other string
	for id, p := range w.pkps {
		if p.Owner != dev {
			other = id
		}
	}
	code, _, e = post(t, h, "grant", fmt.Sprintf(`{"tokenId":%q,"kind":"action","value":%q}`, other, cid), nil)
	if code != http.StatusForbidden || e.Code != "ExplorerNotOwner" {
		t.Fatalf("another's PKP: %d %+v", code, e)
	}
}

// A write from another origin is refused before it reaches the chain, whether the browser says so in
// Sec-Fetch-Site or only in Origin; a read from anywhere is not a write and passes.
func TestDevWritesRefuseOtherOrigins(t *testing.T) {
	key, _ := crypto.GenerateKey()
	h, w := devServer(t, key)
	for _, hdr := range []map[string]string{
		{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
		{"Sec-Fetch-Site": "same-site", "Origin": "http://127.0.0.1:9999"},
		{"Sec-Fetch-Site": "", "Origin": "https://evil.example"},
		{"Sec-Fetch-Site": "", "Origin": "http://localhost:7400"}, // another name of the same machine is another origin
	} {
		for _, op := range []string{"mint", "grant", "revoke", "transfer"} {
			code, _, e := post(t, h, op, `{}`, hdr)
			if code != http.StatusForbidden || e.Code != "ExplorerCrossOrigin" {
				t.Errorf("%s from %v: %d %+v; want 403 ExplorerCrossOrigin", op, hdr, code, e)
			}
		}
	}
	if w.mints != 0 {
		t.Fatalf("%d mints went through", w.mints)
	}
	if code, _, e := post(t, h, "mint", "", map[string]string{"Sec-Fetch-Site": "", "Origin": ""}); code != http.StatusOK {
		t.Fatalf("a write without browser headers (curl): %d %+v", code, e)
	}
}

// Without a dev account (any explorer but a devnet's on loopback) the writes are refused.
func TestDevWritesOff(t *testing.T) {
	h, w := devServer(t, nil)
	code, _, e := post(t, h, "mint", "", nil)
	if code != http.StatusForbidden || e.Code != "ExplorerNoDevAccount" || w.mints != 0 {
		t.Fatalf("%d %+v", code, e)
	}
	// The page has no dev section either.
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1:7400/pkps", nil))
	if strings.Contains(rec.Body.String(), `data-testid="dev-account"`) {
		t.Fatal("the PKPs page offers the dev account")
	}
	key, _ := crypto.GenerateKey()
	h, _ = devServer(t, key)
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "http://127.0.0.1:7400/pkps", nil))
	if !strings.Contains(rec.Body.String(), crypto.PubkeyToAddress(key.PublicKey).Hex()) {
		t.Fatal("the PKPs page does not name the dev account")
	}
}

// Every malformed write is refused before the chain is asked, naming the field and the bound.
func TestDevWritesRefuseBadRequests(t *testing.T) {
	key, _ := crypto.GenerateKey()
	h, w := devServer(t, key)
	tok := "0x" + strings.Repeat("01", 32)
	cid := ipfs.FromDigest([32]byte{7}).String()
	for _, c := range []struct {
		body, ctype, want string
	}{
		{`{}`, "text/plain", "Content-Type"},
		{`{"tokenId":"1","kind":"action","value":"` + cid + `","extra":1}`, "", "unknown field"},
		{`{"tokenId":"1","kind":"action","value":"` + strings.Repeat("x", maxWriteBody) + `"}`, "", "over 4096 bytes"},
		{`{"tokenId":"1","kind":"action","value":"` + cid + `"} {}`, "", "more than one"},
		{`[]`, "", "body:"},
		{`{"tokenId":"-1","kind":"action","value":"` + cid + `"}`, "", "tokenId:"},
		{`{"tokenId":"0x01","kind":"action","value":"` + cid + `"}`, "", "tokenId:"},
		{`{"tokenId":"` + tok + `","kind":"auth","value":"` + cid + `"}`, "", "kind:"},
		{`{"tokenId":"` + tok + `","kind":"action","value":"QmNope"}`, "", "value: not an IPFS CID"},
		{`{"tokenId":"` + tok + `","kind":"action","value":"` + strings.Repeat("Q", maxQueryLen+1) + `"}`, "", "at most 256"},
		{`{"tokenId":"` + tok + `","kind":"address","value":"0x1234"}`, "", "value: not an address"},
		{`{"tokenId":"` + tok + `","kind":"address","value":"0x0000000000000000000000000000000000000000"}`, "", "zero address"},
		{`{"tokenId":"` + tok + `","kind":"action","value":"` + cid + `","scopes":["all"]}`, "", "scopes:"},
		{`{"tokenId":"` + tok + `","kind":"action","value":"` + cid + `","scopes":["sign-anything","sign-anything"]}`, "", "twice"},
		{`{"tokenId":"` + tok + `","kind":"action","value":"` + cid + `","scopes":["none","sign-anything","personal-sign"]}`, "", "at most 2"},
	} {
		hdr := map[string]string{}
		if c.ctype != "" {
			hdr["Content-Type"] = c.ctype
		}
		code, _, e := post(t, h, "grant", c.body, hdr)
		if code != http.StatusBadRequest || e.Code != "ExplorerBadRequest" || !strings.Contains(e.Message, c.want) {
			t.Errorf("%.80s: %d %+v; want 400 saying %q", c.body, code, e, c.want)
		}
	}
	for _, c := range []struct{ op, body, want string }{
		{"revoke", `{"tokenId":"` + tok + `","kind":"action","value":"` + cid + `","scopes":["sign-anything"]}`, "a revoke takes none"},
		{"revoke", `{"tokenId":"` + tok + `","kind":"action","value":"` + cid + `","to":"0x00000000000000000000000000000000000000c3"}`, "to: only a transfer"},
		{"transfer", `{"tokenId":"` + tok + `"}`, "to: not an address"},
		{"transfer", `{"tokenId":"` + tok + `","to":"0x0000000000000000000000000000000000000000"}`, "to: the zero address"},
		{"transfer", `{"tokenId":"` + tok + `","to":"0x00000000000000000000000000000000000000c3","kind":"action"}`, "takes only tokenId and to"},
		{"transfer", `{"tokenId":"` + tok + `","to":"` + strings.Repeat("0", maxQueryLen+1) + `"}`, "at most 256"},
	} {
		code, _, e := post(t, h, c.op, c.body, nil)
		if code != http.StatusBadRequest || e.Code != "ExplorerBadRequest" || !strings.Contains(e.Message, c.want) {
			t.Errorf("%s %.80s: %d %+v; want 400 saying %q", c.op, c.body, code, e, c.want)
		}
	}
	if w.calls != 0 || w.mints != 0 {
		t.Fatal("the chain was asked")
	}
}

func FuzzGrantRequest(f *testing.F) {
	f.Add("1", "action", ipfs.FromDigest([32]byte{1}).String(), "sign-anything", "", "grant")
	f.Add("0x"+strings.Repeat("ab", 32), "address", "0x00000000000000000000000000000000000000c3", "personal-sign", "", "revoke")
	f.Add("7", "", "", "", "0x00000000000000000000000000000000000000c3", "transfer")
	f.Fuzz(func(t *testing.T, tok, kind, value, scope, to, op string) {
		g := grantRequest{TokenID: tok, Kind: kind, Value: value, To: to}
		if scope != "" {
			g.Scopes = []string{scope}
		}
		c, err := g.check(op)
		if err != nil {
			if i := strings.Index(err.Error(), ":"); i < 0 || !strings.Contains("tokenId value kind scopes to", err.Error()[:i]) {
				t.Fatalf("error %q names no field", err)
			}
			return
		}
		id, cid, addr, scopes := c.tokenID, c.cid, c.addr, c.scopes
		if op == "transfer" {
			if addr == (common.Address{}) || cid != nil || len(scopes) > 0 {
				t.Fatalf("transfer accepted %+v: %+v", g, c)
			}
			return
		}
		if id == nil || id.Sign() < 0 || id.Cmp(maxUint256) > 0 || (op == "revoke" && len(scopes) > 0) {
			t.Fatalf("accepted %+v for %s: %v %v", g, op, id, scopes)
		}
		if (kind == "action") != (cid != nil) || (kind == "address") != (addr != common.Address{}) || len(scopes) != len(g.Scopes) {
			t.Fatalf("accepted %+v: %v %x %v %v", g, id, cid, addr, scopes)
		}
	})
}
