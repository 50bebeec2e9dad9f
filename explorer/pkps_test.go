package explorer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
)

// fakeChain is a chain of PKPs in memory: the unit tests' stand-in for *chain.Client (the
// integration tests read a real one).
type fakeChain struct {
	pkps    map[string]*chain.PKP // by token id
	owners  map[common.Address][]*big.Int
	actions map[string][][]byte
	scopes  map[string][]chain.Scope // by token id, type and id
	methods map[string][]chain.AuthMethod
	calls   int
}

func scopeKey(id *big.Int, typ uint64, b []byte) string { return fmt.Sprintf("%s/%d/%x", id, typ, b) }

func (f *fakeChain) PKP(_ context.Context, id *big.Int) (*chain.PKP, error) {
	f.calls++
	if p, ok := f.pkps[id.String()]; ok {
		return p, nil
	}
	return nil, fmt.Errorf("%w: %s", chain.ErrUnknownToken, id)
}
func (f *fakeChain) TokenIDByEthAddress(_ context.Context, a common.Address) (*big.Int, error) {
	for _, p := range f.pkps {
		if p.EthAddress == a {
			return p.TokenID, nil
		}
	}
	return nil, chain.ErrUnknownToken
}
func (f *fakeChain) TokensOfOwner(_ context.Context, o common.Address, max int) ([]*big.Int, uint64, error) {
	ids := f.owners[o]
	return ids[:min(max, len(ids))], uint64(len(ids)), nil
}
func (f *fakeChain) PermittedActions(_ context.Context, id *big.Int) ([][]byte, error) {
	return f.actions[id.String()], nil
}
func (f *fakeChain) PermittedAddresses(_ context.Context, id *big.Int) ([]common.Address, error) {
	p := f.pkps[id.String()]
	out := []common.Address{p.Owner}
	for _, m := range f.methods[id.String()] {
		if m.Type == chain.AuthMethodAddress {
			out = append(out, common.BytesToAddress(m.ID))
		}
	}
	return out, nil
}
func (f *fakeChain) PermittedAuthMethods(_ context.Context, id *big.Int) ([]chain.AuthMethod, error) {
	return f.methods[id.String()], nil
}
func (f *fakeChain) PermittedAuthMethodScopes(_ context.Context, id *big.Int, typ uint64, b []byte) ([]chain.Scope, error) {
	return f.scopes[scopeKey(id, typ, b)], nil
}

func testKey(seed byte) []byte {
	k, err := crypto.ToECDSA(append(make([]byte, 31), seed))
	if err != nil {
		panic(err)
	}
	return crypto.FromECDSAPub(&k.PublicKey)
}

var (
	ownerA = common.HexToAddress("0x00000000000000000000000000000000000000a1")
	userB  = common.HexToAddress("0x00000000000000000000000000000000000000b2")
)

// newFakeChain holds two PKPs of ownerA: the first with an address, an Action and a WebAuthn
// method permitted.
func newFakeChain() (*fakeChain, *chain.PKP, *chain.PKP) {
	mk := func(seed byte) *chain.PKP {
		pub := testKey(seed)
		return &chain.PKP{TokenID: chain.TokenID(pub), Pubkey: pub, KeyType: 2, EthAddress: chain.EthAddress(pub), Owner: ownerA, OwnerGeneration: 1}
	}
	p1, p2 := mk(1), mk(2)
	d := sha256.Sum256([]byte("code"))
	cid := append([]byte{0x12, 0x20}, d[:]...)
	f := &fakeChain{
		pkps:    map[string]*chain.PKP{p1.TokenID.String(): p1, p2.TokenID.String(): p2},
		owners:  map[common.Address][]*big.Int{ownerA: {p1.TokenID, p2.TokenID}},
		actions: map[string][][]byte{p1.TokenID.String(): {cid}},
		methods: map[string][]chain.AuthMethod{p1.TokenID.String(): {
			{Type: chain.AuthMethodAddress, ID: userB.Bytes()},
			{Type: chain.AuthMethodAction, ID: cid},
			{Type: 3, ID: []byte{0xca, 0xfe}, UserPubkey: []byte{1, 2}},
		}},
		scopes: map[string][]chain.Scope{
			scopeKey(p1.TokenID, chain.AuthMethodAddress, userB.Bytes()): {chain.ScopePersonalSign},
			scopeKey(p1.TokenID, chain.AuthMethodAction, cid):            {chain.ScopeSignAnything},
			scopeKey(p1.TokenID, 3, []byte{0xca, 0xfe}):                  {chain.ScopeSignAnything, chain.ScopePersonalSign},
		},
	}
	return f, p1, p2
}

func pkpServer(t *testing.T, c Chain) http.Handler {
	t.Helper()
	cfg := Config{ChainID: 1337, Threshold: 1, Quorum: 3, Nodes: []Node{{Index: 1, URL: "http://127.0.0.2:7470"}}}
	if c != nil {
		cfg.Chain = func(context.Context) (Chain, error) { return c, nil }
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s.Handler(DefaultListen)
}

func getPKPs(t *testing.T, h http.Handler, rawQuery string) (int, pkpAnswer, apiError) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://127.0.0.1:7400/api/v1/pkps?"+rawQuery, nil))
	var ans pkpAnswer
	var e apiError
	if w.Code == http.StatusOK {
		if err := json.Unmarshal(w.Body.Bytes(), &ans); err != nil {
			t.Fatalf("%s: %v", w.Body, err)
		}
	} else if err := json.Unmarshal(w.Body.Bytes(), &e); err != nil {
		t.Fatalf("%s: %v", w.Body, err)
	}
	return w.Code, ans, e
}

// A PKP is found by its token id (decimal and hex), its key (uncompressed and compressed) and its
// address, with its permissions and their scopes; an address lists what it holds.
func TestPKPLookup(t *testing.T) {
	f, p1, p2 := newFakeChain()
	h := pkpServer(t, f)
	k, _ := crypto.UnmarshalPubkey(p1.Pubkey)
	for _, q := range []string{
		p1.TokenID.String(), fmt.Sprintf("0x%064x", p1.TokenID), "0x" + hex.EncodeToString(p1.Pubkey),
		"0x" + hex.EncodeToString(crypto.CompressPubkey(k)), p1.EthAddress.Hex(), "  " + strings.ToLower(p1.EthAddress.Hex()) + " ",
	} {
		code, ans, e := getPKPs(t, h, "q="+url.QueryEscape(q))
		if code != http.StatusOK || ans.PKP == nil {
			t.Fatalf("q=%s: %d %+v", q, code, e)
		}
		v := ans.PKP
		if v.TokenID != p1.TokenID.String() || v.Pubkey != "0x"+hex.EncodeToString(p1.Pubkey) || v.EthAddress != p1.EthAddress.Hex() ||
			v.Owner != ownerA.Hex() || v.OwnerGeneration != 1 {
			t.Fatalf("q=%s: %+v", q, v)
		}
		p := v.Permissions
		if len(p.Addresses) != 2 || !p.Addresses[0].Owner || p.Addresses[1].Address != userB.Hex() || p.Addresses[1].Owner ||
			fmt.Sprint(p.Addresses[1].Scopes) != "[personal-sign]" {
			t.Fatalf("addresses %+v", p.Addresses)
		}
		if len(p.Actions) != 1 || !strings.HasPrefix(p.Actions[0].CID, "Qm") || fmt.Sprint(p.Actions[0].Scopes) != "[sign-anything]" {
			t.Fatalf("actions %+v", p.Actions)
		}
		if len(p.AuthMethods) != 1 || p.AuthMethods[0].TypeName != "WebAuthn" || p.AuthMethods[0].ID != "0xcafe" ||
			p.AuthMethods[0].UserPubkey != "0x0102" || len(p.AuthMethods[0].Scopes) != 2 || p.Truncated {
			t.Fatalf("auth methods %+v", p.AuthMethods)
		}
		if (ans.Owned != nil) != (ans.Kind == queryAddress) {
			t.Fatalf("q=%s: kind %s, owned %+v", q, ans.Kind, ans.Owned)
		}
	}

	code, ans, _ := getPKPs(t, h, "q="+ownerA.Hex())
	if code != http.StatusOK || ans.PKP != nil || ans.Owned == nil || ans.Owned.Total != 2 || len(ans.Owned.PKPs) != 2 ||
		ans.Owned.PKPs[1].TokenID != p2.TokenID.String() || ans.Owned.PKPs[0].Permissions != nil || ans.Owned.Truncated {
		t.Fatalf("owner: %d %+v", code, ans)
	}
	code, ans, _ = getPKPs(t, h, "q="+userB.Hex()) // neither a PKP nor an owner
	if code != http.StatusOK || ans.PKP != nil || ans.Owned == nil || ans.Owned.Total != 0 || ans.Owned.PKPs == nil {
		t.Fatalf("stranger: %d %+v", code, ans)
	}
}

// An owner's list and each permission list stop at maxListed, and say so.
func TestPKPLookupBounded(t *testing.T) {
	f, p1, _ := newFakeChain()
	many := make([]*big.Int, maxListed+5)
	for i := range many {
		many[i] = p1.TokenID
	}
	f.owners[ownerA] = many
	for i := range maxListed + 5 {
		f.methods[p1.TokenID.String()] = append(f.methods[p1.TokenID.String()], chain.AuthMethod{Type: 6, ID: []byte{byte(i)}})
	}
	h := pkpServer(t, f)
	_, ans, _ := getPKPs(t, h, "q="+ownerA.Hex())
	if ans.Owned.Total != maxListed+5 || len(ans.Owned.PKPs) != maxListed || !ans.Owned.Truncated {
		t.Fatalf("owned: total %d, listed %d, truncated %v", ans.Owned.Total, len(ans.Owned.PKPs), ans.Owned.Truncated)
	}
	_, ans, _ = getPKPs(t, h, "q="+p1.TokenID.String())
	if len(ans.PKP.Permissions.AuthMethods) != maxListed || !ans.PKP.Permissions.Truncated {
		t.Fatalf("auth methods: %d listed, truncated %v", len(ans.PKP.Permissions.AuthMethods), ans.PKP.Permissions.Truncated)
	}
}

// Every malformed query is refused before the chain is asked, naming q and what it wants; an
// unknown PKP is 404; no chain, a busy explorer and a chain that does not answer have their codes.
func TestPKPLookupRefusals(t *testing.T) {
	f, _, _ := newFakeChain()
	h := pkpServer(t, f)
	for _, c := range []struct{ raw, want string }{
		{"", "given 0 times"},
		{"q=1&q=2", "given 2 times"},
		{"q=", "empty"},
		{"q=" + strings.Repeat("1", maxQueryLen+1), "at most 256"},
		{"q=" + strings.Repeat("9", 79), "above 2^256"},
		{"q=" + maxUint256.String() + "0", "above 2^256"},
		{"q=abc", "want a token id"},
		{"q=0x12345", "want a token id"},
		{"q=0x" + strings.Repeat("zz", 20), "want a token id"},
		{"q=-1", "want a token id"},
		{"q=0x04" + strings.Repeat("00", 64), "not a point"},
		{"q=0x02" + strings.Repeat("ff", 32), "not a point"},
	} {
		before := f.calls
		code, _, e := getPKPs(t, h, c.raw)
		if code != http.StatusBadRequest || e.Code != "ExplorerBadQuery" || !strings.Contains(e.Message, c.want) || !strings.HasPrefix(e.Message, "q: ") {
			t.Errorf("%q: %d %+v; want 400 ExplorerBadQuery saying %q", c.raw, code, e, c.want)
		}
		if f.calls != before {
			t.Errorf("%q: the chain was asked", c.raw)
		}
	}
	code, _, e := getPKPs(t, h, "q=12345")
	if code != http.StatusNotFound || e.Code != "ExplorerPKPNotFound" {
		t.Fatalf("unknown token: %d %+v", code, e)
	}
	if code, _, e = getPKPs(t, pkpServer(t, nil), "q=12345"); code != http.StatusServiceUnavailable || e.Code != "ExplorerNoChain" {
		t.Fatalf("no chain: %d %+v", code, e)
	}

	s, err := New(Config{Nodes: []Node{{Index: 1, URL: "http://127.0.0.2:7470"}},
		Chain: func(context.Context) (Chain, error) { return nil, errors.New("connection refused") }})
	if err != nil {
		t.Fatal(err)
	}
	if code, _, e = getPKPs(t, s.Handler(DefaultListen), "q=12345"); code != http.StatusBadGateway || e.Code != "ExplorerChainUnavailable" {
		t.Fatalf("chain down: %d %+v", code, e)
	}
	for range maxLookups {
		s.pkps.sem <- struct{}{}
	}
	if code, _, e = getPKPs(t, s.Handler(DefaultListen), "q=12345"); code != http.StatusServiceUnavailable || e.Code != "ExplorerBusy" {
		t.Fatalf("busy: %d %+v", code, e)
	}
}

// The chain is dialled on the first lookup, again after a failure, and not after a success.
func TestPKPLookupDialsLazily(t *testing.T) {
	f, p1, _ := newFakeChain()
	dials := 0
	s, err := New(Config{Nodes: []Node{{Index: 1, URL: "http://127.0.0.2:7470"}}, Chain: func(context.Context) (Chain, error) {
		dials++
		if dials == 1 {
			return nil, errors.New("not yet")
		}
		return f, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	h := s.Handler(DefaultListen)
	if dials != 0 {
		t.Fatal("dialled before any lookup")
	}
	for i, want := range []int{http.StatusBadGateway, http.StatusOK, http.StatusOK} {
		if code, _, _ := getPKPs(t, h, "q="+p1.TokenID.String()); code != want {
			t.Fatalf("lookup %d: %d, want %d", i, code, want)
		}
	}
	if dials != 2 {
		t.Fatalf("%d dials", dials)
	}
}

func FuzzParseQuery(f *testing.F) {
	for _, s := range []string{"1", "0x" + strings.Repeat("ab", 20), "0x" + strings.Repeat("01", 32), "0x" + hex.EncodeToString(testKey(3)),
		"0x03" + strings.Repeat("00", 32), " 42 ", "0X" + strings.Repeat("AB", 20), strings.Repeat("9", 78)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := parseQuery(s)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "q: ") {
				t.Fatalf("%q: error %q does not name q", s, err)
			}
			return
		}
		if len(s) > maxQueryLen {
			t.Fatalf("%q: accepted %d bytes", s, len(s))
		}
		switch q.Kind {
		case queryTokenID:
			if q.TokenID == nil || q.TokenID.Sign() < 0 || q.TokenID.Cmp(maxUint256) > 0 {
				t.Fatalf("%q: token id %v", s, q.TokenID)
			}
		case queryPubkey:
			if _, err := crypto.UnmarshalPubkey(q.Pubkey); err != nil {
				t.Fatalf("%q: key %x: %v", s, q.Pubkey, err)
			}
		case queryAddress:
		default:
			t.Fatalf("%q: kind %q", s, q.Kind)
		}
	})
}
