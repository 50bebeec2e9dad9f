package acc_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/mr-tron/base58"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/chain/devchain"
)

// TestDevChain evaluates native-balance, ERC-721 (Flint's PKPNFT) and timestamp conditions against a real
// go-ethereum dev chain through its HTTP JSON-RPC endpoint, before and after the NFT changes hands.
func TestDevChain(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a dev chain")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	dev, err := devchain.Start(ctx, devchain.Config{Dir: t.TempDir(), RPCAddr: "127.0.0.1:0", Accounts: 3})
	if err != nil {
		t.Fatalf("start dev chain: %v", err)
	}
	t.Cleanup(func() { dev.Close() })

	// Mint a PKP NFT to alice: one registered node attests a pool key, alice mints it.
	c, err := chain.Dial(ctx, dev.RPCURL(), dev.Addresses())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	accts := dev.Accounts()
	owner, alice := c.Transactor(accts[0].Key), c.Transactor(accts[1].Key)
	bob := accts[2].Address
	stranger := common.HexToAddress("0x000000000000000000000000000000000000dEaD")
	nodeKey, _ := crypto.GenerateKey()
	tk, _, _ := ed25519.GenerateKey(rand.Reader)
	if _, err := c.AddNode(ctx, owner, chain.NodeSpec{AddrPort: netip.MustParseAddrPort("127.0.0.1:7470"), Address: crypto.PubkeyToAddress(nodeKey.PublicKey), TransportKey: tk}); err != nil {
		t.Fatalf("add node: %v", err)
	}
	pkp, _ := crypto.GenerateKey()
	var keyID [32]byte
	rand.Read(keyID[:])
	pub := crypto.FromECDSAPub(&pkp.PublicKey)
	sig, err := chain.Sign(c.PoolKeyDigest(keyID, pub), nodeKey)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddAttestedKeys(ctx, alice, []chain.AttestedKey{{KeyID: keyID, Pubkey: pub, Signatures: [][]byte{sig}}}); err != nil {
		t.Fatalf("add attested key: %v", err)
	}
	minted, err := c.MintNext(ctx, alice)
	if err != nil {
		t.Fatalf("mint: %v", err)
	}

	// The evaluator reaches the chain over HTTP JSON-RPC only.
	rpc, err := ethclient.DialContext(ctx, dev.RPCURL())
	if err != nil {
		t.Fatal(err)
	}
	defer rpc.Close()
	chains := acc.ChainMap{"flintdev": rpc}
	nft := dev.Addresses().PKPNFT.Hex()
	conds := func(js string) *acc.Conditions {
		t.Helper()
		cs, err := acc.Parse(acc.EVMBasic, []byte(js))
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	ownsIt := conds(fmt.Sprintf(`[{"contractAddress":%q,"standardContractType":"ERC721","chain":"flintdev","method":"ownerOf","parameters":[%q],"returnValueTest":{"comparator":"=","value":":userAddress"}},
		{"operator":"and"},
		{"contractAddress":"","standardContractType":"","chain":"flintdev","method":"eth_getBalance","parameters":[":userAddress","latest"],"returnValueTest":{"comparator":">=","value":"1000000000000000000"}}]`, nft, minted.TokenID.String()))
	holds := conds(fmt.Sprintf(`[{"contractAddress":%q,"standardContractType":"ERC721","chain":"flintdev","method":"balanceOf","parameters":[":userAddress"],"returnValueTest":{"comparator":">","value":"0"}}]`, nft))
	rich := conds(`[{"contractAddress":"","standardContractType":"","chain":"flintdev","method":"eth_getBalance","parameters":[":userAddress","latest"],"returnValueTest":{"comparator":">=","value":"1000000000000000000"}}]`)
	now := time.Now().Unix()
	since := conds(fmt.Sprintf(`[{"contractAddress":"","standardContractType":"timestamp","chain":"flintdev","method":"eth_getBlockByNumber","parameters":["latest"],"returnValueTest":{"comparator":">=","value":"%d"}}]`, now-24*3600))
	until := conds(fmt.Sprintf(`[{"contractAddress":"","standardContractType":"timestamp","chain":"flintdev","method":"eth_getBlockByNumber","parameters":["latest"],"returnValueTest":{"comparator":"<","value":"%d"}}]`, now-24*3600))

	check := func(name string, cs *acc.Conditions, who common.Address, want bool, why string) {
		t.Helper()
		res, err := acc.Evaluate(ctx, cs, acc.Env{UserAddress: who, Chains: chains})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if res.OK != want || !strings.Contains(res.Reason(), why) {
			t.Fatalf("%s for %s: OK=%v %q, want OK=%v mentioning %q", name, who.Hex(), res.OK, res.Reason(), want, why)
		}
	}
	check("owner and rich", ownsIt, alice.From, true, "")
	check("owner and rich", ownsIt, bob, false, "owner of token")
	check("holds an NFT", holds, alice.From, true, "")
	check("holds an NFT", holds, stranger, false, "balance of "+stranger.Hex()+" 0 is not > 0")
	check("rich", rich, bob, true, "")
	check("rich", rich, stranger, false, "balance 0 is not >=")
	check("timestamp since", since, stranger, true, "")
	check("timestamp until", until, stranger, false, "latest block time")

	// Ownership follows the token: after a transfer the old owner is refused and the new one passes.
	if _, err := c.Transfer(ctx, alice, minted.TokenID, bob); err != nil {
		t.Fatalf("transfer: %v", err)
	}
	check("after transfer", ownsIt, alice.From, false, "owner of token "+minted.TokenID.String()+" "+bob.Hex())
	check("after transfer", ownsIt, bob, true, "")

	// PKPPermissions conditions read Flint's PKPPermissions contract: the PKP's owner (now bob) permits
	// alice and an Action.
	bobAuth := c.Transactor(accts[2].Key)
	const action = "QmcgbVu2sJSPpTeFhBd174FnmYmoVYvUFJeDkS7eYtwoFY"
	cid, err := base58.Decode(action)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddPermittedAddress(ctx, bobAuth, minted.TokenID, alice.From); err != nil {
		t.Fatalf("permit address: %v", err)
	}
	if _, err := c.AddPermittedAction(ctx, bobAuth, minted.TokenID, cid); err != nil {
		t.Fatalf("permit action: %v", err)
	}
	perms := dev.Addresses().PKPPermissions.Hex()
	permittedAddr := conds(fmt.Sprintf(`[{"contractAddress":%q,"standardContractType":"PKPPermissions","chain":"flintdev","method":"isPermittedAddress","parameters":[%q],"returnValueTest":{"comparator":"=","value":"true"}}]`, perms, "0x"+minted.TokenID.Text(16)))
	check("permitted address", permittedAddr, alice.From, true, "")
	check("permitted address", permittedAddr, stranger, false, "permitted on PKP")
	permittedAction := conds(fmt.Sprintf(`[{"contractAddress":%q,"standardContractType":"PKPPermissions","chain":"flintdev","method":"isPermittedAction","parameters":[%q,":currentActionIpfsId"],"returnValueTest":{"comparator":"=","value":"true"}}]`, perms, minted.TokenID.String()))
	for _, tc := range []struct {
		cid string
		ok  bool
	}{{action, true}, {"QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", false}} {
		res, err := acc.Evaluate(ctx, permittedAction, acc.Env{CurrentActionIPFSID: tc.cid, Chains: chains})
		if err != nil || res.OK != tc.ok {
			t.Fatalf("isPermittedAction for %s: %+v %v, want OK=%v", tc.cid, res, err, tc.ok)
		}
	}

	// A cache keyed by block: a repeated evaluation at the same block gives the same answer.
	cache := acc.NewCache(8)
	for range 2 {
		res, err := acc.Evaluate(ctx, ownsIt, acc.Env{UserAddress: bob, Chains: chains, Cache: cache})
		if err != nil || !res.OK {
			t.Fatalf("cached: %+v %v", res, err)
		}
	}
	if cache.Len() != 2 {
		t.Fatalf("cache holds %d results, want 2 (ownerOf, balance)", cache.Len())
	}
}
