package explorer

import (
	"context"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/ipfs"
)

// walletFake is fakeChain with what the wallet's calldata needs.
type walletFake struct{ *fakeChain }

var fakeAddrs = chain.Addresses{PKPNFT: common.HexToAddress("0x00000000000000000000000000000000000000f1"), PKPPermissions: common.HexToAddress("0x00000000000000000000000000000000000000f2")}

func (walletFake) ChainID() *big.Int                          { return big.NewInt(1337) }
func (walletFake) Addresses() chain.Addresses                 { return fakeAddrs }
func (walletFake) MintCost(context.Context) (*big.Int, error) { return big.NewInt(1e15), nil }

func postWallet(t *testing.T, h http.Handler, op, body string, hdr map[string]string) (int, walletCall, apiError) {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:7400/api/v1/wallet/"+op, strings.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Sec-Fetch-Site", "same-origin")
	for k, v := range hdr {
		r.Header.Set(k, v)
	}
	return serveAnswer[walletCall](t, h, r)
}

// unpack decodes calldata of method m of the contract c ("nft" or "perms").
func unpack(t *testing.T, c, m, data string) []any {
	t.Helper()
	a := nftABI.GetABI()
	if c == "perms" {
		a = permsABI.GetABI()
	}
	b := hexutil.MustDecode(data)
	meth := a.Methods[m]
	if string(b[:4]) != string(meth.ID) {
		t.Fatalf("calldata %s is not %s", data[:10], m)
	}
	args, err := meth.Inputs.Unpack(b[4:])
	if err != nil {
		t.Fatal(err)
	}
	return args
}

// The wallet's calldata: each write encoded for the right contract with its arguments, from the
// wallet's account, on the chain's id; a mint pays the mint cost. Nothing is sent: the explorer
// has no key here.
func TestWalletCalls(t *testing.T) {
	f, p1, _ := newFakeChain()
	h := pkpServer(t, walletFake{f})
	tok := fmt.Sprintf("0x%064x", p1.TokenID)
	from := ownerA.Hex()
	cid := ipfs.FromDigest([32]byte{7})

	code, c, e := postWallet(t, h, "mint", fmt.Sprintf(`{"from":%q}`, from), nil)
	if code != http.StatusOK || c.To != fakeAddrs.PKPNFT.Hex() || c.Value != "0x38d7ea4c68000" || c.ChainID != "0x539" || c.From != from ||
		c.MintedTopic != nftABI.GetABI().Events["PKPMinted"].ID.Hex() {
		t.Fatalf("mint: %d %+v %+v", code, c, e)
	}
	if args := unpack(t, "nft", "mintNext", c.Data); args[0].(*big.Int).Int64() != chain.KeyTypeECDSA {
		t.Fatalf("mintNext(%v)", args)
	}

	code, c, e = postWallet(t, h, "grant", fmt.Sprintf(`{"from":%q,"tokenId":%q,"kind":"action","value":%q,"scopes":["sign-anything","personal-sign"]}`, from, tok, cid), nil)
	if code != http.StatusOK || c.To != fakeAddrs.PKPPermissions.Hex() || c.Value != "0x0" {
		t.Fatalf("grant: %d %+v %+v", code, c, e)
	}
	args := unpack(t, "perms", "addPermittedAction", c.Data)
	if args[0].(*big.Int).Cmp(p1.TokenID) != 0 || string(args[1].([]byte)) != string(cid.Bytes()) || fmt.Sprint(args[2]) != "[1 2]" {
		t.Fatalf("addPermittedAction(%v)", args)
	}
	code, c, _ = postWallet(t, h, "revoke", fmt.Sprintf(`{"from":%q,"tokenId":%q,"kind":"address","value":%q}`, from, tok, userB.Hex()), nil)
	if args := unpack(t, "perms", "removePermittedAddress", c.Data); code != http.StatusOK || args[1].(common.Address) != userB {
		t.Fatalf("revoke: %d %v", code, args)
	}
	code, c, _ = postWallet(t, h, "transfer", fmt.Sprintf(`{"from":%q,"tokenId":%q,"to":%q}`, from, tok, userB.Hex()), nil)
	if args := unpack(t, "nft", "safeTransferFrom", c.Data); code != http.StatusOK || c.To != fakeAddrs.PKPNFT.Hex() ||
		args[0].(common.Address) != ownerA || args[1].(common.Address) != userB || args[2].(*big.Int).Cmp(p1.TokenID) != 0 {
		t.Fatalf("transfer: %d %v", code, args)
	}

	// Refused before the wallet asks anyone to sign.
	for _, tc := range []struct{ op, body, code string }{
		{"grant", fmt.Sprintf(`{"from":%q,"tokenId":%q,"kind":"action","value":%q}`, userB.Hex(), tok, cid), "ExplorerNotOwner"},
		{"grant", fmt.Sprintf(`{"tokenId":%q,"kind":"action","value":%q}`, tok, cid), "ExplorerBadRequest"},
		{"mint", fmt.Sprintf(`{"from":%q,"tokenId":%q}`, from, tok), "ExplorerBadRequest"},
		{"revoke", fmt.Sprintf(`{"from":%q,"tokenId":"0x%064x","kind":"action","value":%q}`, from, 5, cid), "ExplorerPKPNotFound"},
	} {
		if code, _, e := postWallet(t, h, tc.op, tc.body, nil); code == http.StatusOK || e.Code != tc.code {
			t.Errorf("%s %s: %d %+v; want %s", tc.op, tc.body, code, e, tc.code)
		}
	}
	// From another origin, as every POST.
	if code, _, e := postWallet(t, h, "mint", fmt.Sprintf(`{"from":%q}`, from), map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"}); code != http.StatusForbidden || e.Code != "ExplorerCrossOrigin" {
		t.Fatalf("a wallet call from another origin: %d %+v", code, e)
	}
	// Bounded with the lookups: with maxLookups running, a wallet call is refused, in words.
	f2, _, _ := newFakeChain()
	s, err := New(Config{Nodes: []Node{{Index: 1, URL: "http://127.0.0.2:7470"}}, Chain: func(context.Context) (Chain, error) { return walletFake{f2}, nil }})
	if err != nil {
		t.Fatal(err)
	}
	for range maxLookups {
		s.pkps.sem <- struct{}{}
	}
	if code, _, e := postWallet(t, s.Handler(DefaultListen), "mint", fmt.Sprintf(`{"from":%q}`, from), nil); code != http.StatusServiceUnavailable || e.Code != "ExplorerBusy" {
		t.Fatalf("busy: %d %+v", code, e)
	}
	// The dev account's writes take no from.
	key, _ := crypto.GenerateKey()
	hd, _ := devServer(t, key)
	if code, _, e := post(t, hd, "grant", fmt.Sprintf(`{"from":%q,"tokenId":%q,"kind":"action","value":%q}`, from, tok, cid), nil); code != http.StatusBadRequest || !strings.HasPrefix(e.Message, "from:") {
		t.Fatalf("a dev write with from: %d %+v", code, e)
	}
}
