package chain_test

import (
	"bytes"
	"math/big"
	"slices"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/chain/bindings"
)

// walletAuthID is the id the Lit SDK's mintWithAuth registers for an EthWallet login.
func walletAuthID(a common.Address) []byte {
	return crypto.Keccak256([]byte(a.Hex() + ":lit"))
}

func scopesOf(t *testing.T, f *fixture, id *big.Int, typ uint64, amID []byte) []chain.Scope {
	t.Helper()
	s, err := f.c.PermittedAuthMethodScopes(ctxT(t), id, typ, amID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestHelperMintWithAuthMethods(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	wallet := walletAuthID(f.bob.From)
	webauthnID := crypto.Keccak256([]byte("cred-raw-id:lit"))
	cose := []byte{0xa5, 0x01, 0x02, 0x03, 0x26}
	grants := []chain.Grant{
		{AuthMethod: chain.AuthMethod{Type: chain.AuthMethodAddress, ID: wallet}, Scopes: []chain.Scope{chain.ScopeSignAnything}},
		{AuthMethod: chain.AuthMethod{Type: 3, ID: webauthnID, UserPubkey: cose}, Scopes: []chain.Scope{chain.ScopePersonalSign}},
	}

	f.pool(t, 1)
	m, err := f.c.MintWithAuthMethods(ctx, f.alice, grants, chain.MintOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.c.PKP(ctx, m.TokenID)
	if err != nil || p.Owner != f.alice.From || p.OwnerGeneration != 0 {
		t.Fatalf("PKP minted through the helper = %+v, %v; want owner %s, generation 0", p, err, f.alice.From)
	}
	ams, err := f.c.PermittedAuthMethods(ctx, m.TokenID)
	if err != nil || len(ams) != 2 || !bytes.Equal(ams[0].ID, wallet) || ams[0].Type != 1 ||
		!bytes.Equal(ams[1].ID, webauthnID) || !bytes.Equal(ams[1].UserPubkey, cose) {
		t.Fatalf("permitted auth methods = %+v, %v", ams, err)
	}
	if s := scopesOf(t, f, m.TokenID, 1, wallet); !slices.Equal(s, []chain.Scope{chain.ScopeSignAnything}) {
		t.Fatalf("wallet scopes = %v", s)
	}
	if s := scopesOf(t, f, m.TokenID, 3, webauthnID); !slices.Equal(s, []chain.Scope{chain.ScopePersonalSign}) {
		t.Fatalf("webauthn scopes = %v", s)
	}
	if k, err := f.c.UserPubkeyForAuthMethod(ctx, 3, webauthnID); err != nil || !bytes.Equal(k, cose) {
		t.Fatalf("getUserPubkeyForAuthMethod = %x, %v", k, err)
	}
	if ids, err := f.c.TokenIDsForAuthMethod(ctx, 1, wallet); err != nil || len(ids) != 1 || ids[0].Cmp(m.TokenID) != 0 {
		t.Fatalf("getTokenIdsForAuthMethod = %v, %v", ids, err)
	}
	// A 32-byte wallet-login id is not an address: without the length filter in _idsOfType the list held a
	// made-up address cut from the hash.
	if addrs, err := f.c.PermittedAddresses(ctx, m.TokenID); err != nil || !slices.Equal(addrs, []common.Address{f.alice.From}) {
		t.Fatalf("permitted addresses = %v, %v; want only the owner", addrs, err)
	}

	// sendPkpToItself with the PKP's address permitted: owned by itself, grants kept.
	f.pool(t, 1)
	m, err = f.c.MintWithAuthMethods(ctx, f.alice, grants[:1], chain.MintOptions{AddPkpEthAddress: true, SendToItself: true})
	if err != nil {
		t.Fatal(err)
	}
	p, err = f.c.PKP(ctx, m.TokenID)
	if err != nil || p.Owner != p.EthAddress || p.OwnerGeneration != 0 {
		t.Fatalf("PKP sent to itself = %+v, %v", p, err)
	}
	if ok, err := f.c.IsPermittedAuthMethod(ctx, m.TokenID, 1, wallet); err != nil || !ok {
		t.Fatalf("wallet login lost on the send to itself: %v, %v", ok, err)
	}
	if ok, err := f.c.IsPermittedAuthMethod(ctx, m.TokenID, 1, p.EthAddress.Bytes()); err != nil || !ok {
		t.Fatalf("PKP address not permitted: %v, %v", ok, err)
	}

	// Bad input: lists of different lengths, a malformed method, an empty pool; nothing minted.
	f.pool(t, 1)
	_, err = f.c.MintWithAuthMethods(ctx, f.alice, []chain.Grant{{AuthMethod: chain.AuthMethod{Type: 1, ID: make([]byte, 31)}}}, chain.MintOptions{})
	wantErr(t, err, chain.ErrInvalidAuthMethod)
	_, err = f.c.MintWithAuthMethods(ctx, f.alice, []chain.Grant{{AuthMethod: chain.AuthMethod{Type: 1, ID: wallet}, Scopes: []chain.Scope{3}}}, chain.MintOptions{})
	wantErr(t, err, chain.ErrInvalidScope)
	if n, err := f.c.KeyPoolSize(ctx); err != nil || n != 1 {
		t.Fatalf("a refused helper mint took a pooled key: pool %d, %v", n, err)
	}
	helper := bind.NewBoundContract(f.c.Addresses().PKPHelper, bindings.NewPKPHelper().GetABI(), f.c.Eth(), f.c.Eth(), f.c.Eth())
	data, err := bindings.NewPKPHelper().TryPackMintNextAndAddAuthMethods(big.NewInt(2), []*big.Int{big.NewInt(1)}, [][]byte{wallet}, [][]byte{}, [][]*big.Int{{}}, false, false)
	if err != nil {
		t.Fatal(err)
	}
	_, err = helper.CallRaw(&bind.CallOpts{Context: ctx, From: f.alice.From}, data)
	wantRevertID(t, err, bindings.NewPKPHelper().GetABI().Errors["LengthMismatch"].ID)
}

// Nobody can use the helper to write the permissions of a PKP they do not own.
func TestHelperCannotTouchOthersPKPs(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	m := f.mint(t, f.alice)
	helperAddr := f.c.Addresses().PKPHelper

	// The helper refuses tokens it did not mint itself, so it never owns someone else's PKP.
	_, err := f.c.Transfer(ctx, f.alice, m.TokenID, helperAddr)
	wantErr(t, err, chain.ErrNotHelper)
	if p, err := f.c.PKP(ctx, m.TokenID); err != nil || p.Owner != f.alice.From {
		t.Fatalf("PKP after the refused transfer = %+v, %v", p, err)
	}
	// Only the helper may mint for another recipient: bob calling PKPNFT.claimAndMintFor himself with
	// alice's claim (naming her as the recipient) would otherwise mint her key to him.
	id, priv := derivedKey(t)
	pub := crypto.FromECDSAPub(&priv.PublicKey)
	k := f.claim(t, id, pub, f.alice.From, f.quorum()...)
	nftABI := bindings.NewPKPNFT()
	sigs := make([]bindings.Signature, len(k.Signatures))
	for i, s := range k.Signatures {
		sigs[i] = bindings.Signature{R: [32]byte(s[:32]), S: [32]byte(s[32:64]), V: s[64] + 27*boolToByte(s[64] < 27)}
	}
	data, err := nftABI.TryPackClaimAndMintFor(big.NewInt(2), id, pub, sigs, f.alice.From)
	if err != nil {
		t.Fatal(err)
	}
	nft := bind.NewBoundContract(f.c.Addresses().PKPNFT, nftABI.GetABI(), f.c.Eth(), f.c.Eth(), f.c.Eth())
	_, err = nft.CallRaw(&bind.CallOpts{Context: ctx, From: f.bob.From}, data)
	wantRevertID(t, err, nftABI.GetABI().Errors["NotHelper"].ID)
	// Bob's own helper mint touches only his new token; alice's grants are unchanged.
	f.pool(t, 1)
	bobs, err := f.c.MintWithAuthMethods(ctx, f.bob, []chain.Grant{{AuthMethod: chain.AuthMethod{Type: 1, ID: walletAuthID(f.bob.From)}, Scopes: []chain.Scope{1}}}, chain.MintOptions{})
	if err != nil || bobs.TokenID.Cmp(m.TokenID) == 0 {
		t.Fatalf("bob's helper mint = %+v, %v", bobs, err)
	}
	if ams, err := f.c.PermittedAuthMethods(ctx, m.TokenID); err != nil || len(ams) != 0 {
		t.Fatalf("alice's PKP gained auth methods: %+v, %v", ams, err)
	}
}

// wantRevertID checks that err is a revert with the custom error whose id (selector) is given.
func wantRevertID(t *testing.T, err error, id common.Hash) {
	t.Helper()
	data, ok := ethclient.RevertErrorData(err)
	if !ok || len(data) < 4 || !bytes.Equal(data[:4], id[:4]) {
		t.Fatalf("got %v (revert data %x), want a revert with selector %x", err, data, id[:4])
	}
}

func boolToByte(b bool) byte {
	if b {
		return 1
	}
	return 0
}

// A claim through the helper mints only for the recipient the nodes attested, as PKPNFT.claimAndMint does.
func TestHelperClaimBindsRecipient(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	id, priv := derivedKey(t)
	pub := crypto.FromECDSAPub(&priv.PublicKey)
	k := f.claim(t, id, pub, f.alice.From, f.quorum()...)
	grants := []chain.Grant{{AuthMethod: chain.AuthMethod{Type: 1, ID: walletAuthID(f.bob.From)}, Scopes: []chain.Scope{1}}}

	// Bob saw alice's claim (mempool, a node's answer) and sends it through the helper for himself.
	_, err := f.c.ClaimAndMintWithAuthMethods(ctx, f.bob, k, grants, chain.MintOptions{})
	wantErr(t, err, chain.ErrUnknownSigner)
	if used, err := f.c.IsKeyIDUsed(ctx, id); err != nil || used {
		t.Fatalf("the refused claim used the key id: %v, %v", used, err)
	}

	m, err := f.c.ClaimAndMintWithAuthMethods(ctx, f.alice, k, grants, chain.MintOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.c.PKP(ctx, m.TokenID)
	if err != nil || p.Owner != f.alice.From || p.KeyID != id || !bytes.Equal(p.Pubkey, pub) || p.OwnerGeneration != 0 {
		t.Fatalf("claimed PKP = %+v, %v", p, err)
	}
	if ok, err := f.c.IsPermittedAuthMethod(ctx, m.TokenID, 1, walletAuthID(f.bob.From)); err != nil || !ok {
		t.Fatalf("grant of the claim: %v, %v", ok, err)
	}
	// The same claim cannot be minted twice.
	_, err = f.c.ClaimAndMintWithAuthMethods(ctx, f.alice, k, grants, chain.MintOptions{})
	wantErr(t, err, chain.ErrKeyIDUsed)
}
