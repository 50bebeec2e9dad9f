package chain_test

import (
	"bytes"
	"crypto/ecdsa"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/chain/bindings"
)

func TestMintNextFromPool(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	if n, err := f.c.KeyPoolSize(ctx); err != nil || n != 0 {
		t.Fatalf("pool size = %d, %v; want 0", n, err)
	}
	_, err := f.c.MintNext(ctx, f.alice)
	wantErr(t, err, chain.ErrKeyPoolEmpty)

	privs := f.pool(t, 3)
	if n, err := f.c.KeyPoolSize(ctx); err != nil || n != 3 {
		t.Fatalf("pool size = %d, %v; want 3", n, err)
	}
	if _, err := f.c.SetMintCost(ctx, f.owner, big.NewInt(1000)); err != nil {
		t.Fatal(err)
	}
	_, err = f.c.SetMintCost(ctx, f.alice, big.NewInt(0))
	wantErr(t, err, chain.ErrNotAdmin)
	for _, bad := range []*big.Int{nil, big.NewInt(-1)} {
		_, err = f.c.SetMintCost(ctx, f.owner, bad)
		wantErr(t, err, chain.ErrInvalidConfig)
	}

	m, err := f.c.MintNext(ctx, f.alice)
	if err != nil {
		t.Fatal(err)
	}
	first := privs[0] // the pool is first in, first out
	pub := crypto.FromECDSAPub(&first.PublicKey)
	wantTokenID := new(big.Int).SetBytes(crypto.Keccak256(pub))
	if m.TokenID.Cmp(wantTokenID) != 0 || !bytes.Equal(m.Pubkey, pub) {
		t.Fatalf("minted %s %x, want %s %x", m.TokenID, m.Pubkey, wantTokenID, pub)
	}
	// What the Lit SDK does: the token id is the first indexed topic of the receipt's first log; the ERC-721
	// Transfer comes after.
	logs := m.Receipt.Logs
	if len(logs) < 2 || new(big.Int).SetBytes(logs[0].Topics[1][:]).Cmp(wantTokenID) != 0 {
		t.Fatalf("first log %+v does not carry the token id", logs[0])
	}
	transfer := crypto.Keccak256Hash([]byte("Transfer(address,address,uint256)"))
	minted := crypto.Keccak256Hash([]byte("PKPMinted(uint256,bytes)"))
	if logs[0].Topics[0] != minted || logs[len(logs)-1].Topics[0] != transfer {
		t.Fatalf("log order: first %x, last %x; want PKPMinted then ... Transfer", logs[0].Topics[0], logs[len(logs)-1].Topics[0])
	}
	bal, err := f.c.Eth().BalanceAt(ctx, f.c.Addresses().PKPNFT, nil)
	if err != nil || bal.Int64() != 1000 {
		t.Fatalf("PKPNFT balance = %v, %v; want the mint cost 1000", bal, err)
	}

	p, err := f.c.PKP(ctx, m.TokenID)
	if err != nil {
		t.Fatal(err)
	}
	if p.Owner != f.alice.From || p.Burned || !bytes.Equal(p.Pubkey, pub) || p.KeyType != chain.KeyTypeECDSA ||
		p.EthAddress != crypto.PubkeyToAddress(first.PublicKey) {
		t.Fatalf("PKP = %+v", p)
	}
	if p.KeyID == ([32]byte{}) {
		t.Fatal("PKP has no key id")
	}
	if used, err := f.c.IsKeyIDUsed(ctx, p.KeyID); err != nil || !used {
		t.Fatalf("key id used = %v, %v", used, err)
	}
	id, err := f.c.TokenIDByEthAddress(ctx, p.EthAddress)
	if err != nil || id.Cmp(m.TokenID) != 0 {
		t.Fatalf("token by eth address = %v, %v", id, err)
	}
	if n, err := f.c.KeyPoolSize(ctx); err != nil || n != 2 {
		t.Fatalf("pool size after mint = %d, %v; want 2", n, err)
	}

	// Bad input that the client cannot produce on its own: wrong value, wrong key type.
	nft := bindings.NewPKPNFT()
	wantRevert(t, f.c.Eth(), f.alice.From, f.c.Addresses().PKPNFT, nft.PackMintNext(big.NewInt(2)), big.NewInt(999), chain.ErrWrongMintCost)
	wantRevert(t, f.c.Eth(), f.alice.From, f.c.Addresses().PKPNFT, nft.PackMintNext(big.NewInt(1)), big.NewInt(1000), chain.ErrUnsupportedKeyType)
}

// wantRevert estimates a raw call and checks the revert decodes to target, through the bindings' own error
// decoder (independent of the client's).
func wantRevert(t *testing.T, ec *ethclient.Client, from, to common.Address, data []byte, value *big.Int, target error) {
	t.Helper()
	_, err := ec.EstimateGas(ctxT(t), ethereum.CallMsg{From: from, To: &to, Data: data, Value: value})
	revert, ok := ethclient.RevertErrorData(err)
	if !ok {
		t.Fatalf("no revert data in %v", err)
	}
	decoded, derr := bindings.NewPKPNFT().UnpackError(revert)
	if derr != nil {
		t.Fatalf("cannot decode revert %x: %v", revert, derr)
	}
	switch target {
	case chain.ErrWrongMintCost:
		if e, ok := decoded.(*bindings.PKPNFTWrongMintCost); !ok || e.Sent.Cmp(value) != 0 {
			t.Fatalf("revert %#v, want WrongMintCost(sent=%s)", decoded, value)
		}
	case chain.ErrUnsupportedKeyType:
		if _, ok := decoded.(*bindings.PKPNFTUnsupportedKeyType); !ok {
			t.Fatalf("revert %#v, want UnsupportedKeyType", decoded)
		}
	default:
		t.Fatalf("no check for %v", target)
	}
}

func TestClaimAndMint(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	id, priv := derivedKey(t)
	pub := crypto.FromECDSAPub(&priv.PublicKey)
	m, err := f.c.ClaimAndMint(ctx, f.bob, f.claim(t, id, pub, f.bob.From, f.quorum()...))
	if err != nil {
		t.Fatal(err)
	}
	p, err := f.c.PKP(ctx, m.TokenID)
	if err != nil {
		t.Fatal(err)
	}
	if p.KeyID != id || p.Owner != f.bob.From || !bytes.Equal(p.Pubkey, pub) || m.TokenID.Cmp(chain.TokenID(pub)) != 0 {
		t.Fatalf("claimed PKP = %+v, want key id %x owned by %s", p, id, f.bob.From)
	}
	// A key id is used once, by either path.
	_, priv2 := derivedKey(t)
	pub2 := crypto.FromECDSAPub(&priv2.PublicKey)
	_, err = f.c.ClaimAndMint(ctx, f.bob, f.claim(t, id, pub2, f.bob.From, f.quorum()...))
	wantErr(t, err, chain.ErrKeyIDUsed)
	_, err = f.c.AddAttestedKeys(ctx, f.alice, []chain.AttestedKey{f.poolKey(t, id, pub2, f.quorum()...)})
	wantErr(t, err, chain.ErrKeyIDUsed)
	// The same public key under another key id is refused too.
	id3, _ := derivedKey(t)
	_, err = f.c.ClaimAndMint(ctx, f.bob, f.claim(t, id3, pub, f.bob.From, f.quorum()...))
	wantErr(t, err, chain.ErrKeyRegistered)
	// More signatures than the quorum are fine; all must be valid.
	id4, priv4 := derivedKey(t)
	pub4 := crypto.FromECDSAPub(&priv4.PublicKey)
	if _, err := f.c.ClaimAndMint(ctx, f.bob, f.claim(t, id4, pub4, f.bob.From, f.nodeKeys...)); err != nil {
		t.Fatalf("all four nodes signing: %v", err)
	}
}

// TestClaimFrontRun is the front-runner's attack: bob's claim, read from the mempool or from a node's answer,
// is sent by alice first. The attestation names bob, so alice's transaction fails and bob still mints.
func TestClaimFrontRun(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	id, priv := derivedKey(t)
	pub := crypto.FromECDSAPub(&priv.PublicKey)
	bobs := f.claim(t, id, pub, f.bob.From, f.quorum()...)
	_, err := f.c.ClaimAndMint(ctx, f.alice, bobs)
	wantErr(t, err, chain.ErrUnknownSigner)
	if used, err := f.c.IsKeyIDUsed(ctx, id); err != nil || used {
		t.Fatalf("the refused claim used the key id: %v, %v", used, err)
	}
	m, err := f.c.ClaimAndMint(ctx, f.bob, bobs)
	if err != nil {
		t.Fatalf("bob's own claim: %v", err)
	}
	if p, err := f.c.PKP(ctx, m.TokenID); err != nil || p.Owner != f.bob.From {
		t.Fatalf("claimed PKP = %+v, %v; want bob's", p, err)
	}
}

func TestAttestationRefused(t *testing.T) {
	f := newFixture(t, 4)
	other := newFixture(t, 0) // another deployment with the same nodes: signatures must not carry over
	ctx := ctxT(t)
	for _, s := range f.specs {
		if _, err := other.c.AddNode(ctx, other.owner, s); err != nil {
			t.Fatal(err)
		}
	}
	id, priv := derivedKey(t)
	pub := crypto.FromECDSAPub(&priv.PublicKey)
	stranger, _ := crypto.GenerateKey()
	n := f.nodeKeys
	otherID, _ := derivedKey(t)
	alice := f.alice.From

	// Every case is tried on both paths, each with its own digest: a claim for alice and a pooled key.
	type digestFunc func(chainID *big.Int, nft common.Address, id [32]byte, pub []byte) [32]byte
	claimFor := func(chainID *big.Int, nft common.Address, id [32]byte, pub []byte) [32]byte {
		return chain.ClaimKeyDigest(chainID, nft, id, pub, alice)
	}
	pooled := digestFunc(chain.PoolKeyDigest)
	att := func(d digestFunc, f *fixture, id [32]byte, pub []byte, signers ...*ecdsa.PrivateKey) chain.AttestedKey {
		return chain.AttestedKey{KeyID: id, Pubkey: pub, Signatures: signAll(t, d(f.c.ChainID(), f.c.Addresses().PKPNFT, id, pub), signers)}
	}
	cases := []struct {
		name string
		key  func(d digestFunc) chain.AttestedKey
		want error
	}{
		{"too few", func(d digestFunc) chain.AttestedKey { return att(d, f, id, pub, n[0], n[1]) }, chain.ErrNotEnoughSignatures},
		{"none", func(digestFunc) chain.AttestedKey { return chain.AttestedKey{KeyID: id, Pubkey: pub} }, chain.ErrNotEnoughSignatures},
		{"stranger", func(d digestFunc) chain.AttestedKey { return att(d, f, id, pub, n[0], n[1], stranger) }, chain.ErrUnknownSigner},
		{"duplicate", func(d digestFunc) chain.AttestedKey { return att(d, f, id, pub, n[0], n[1], n[0]) }, chain.ErrDuplicateSigner},
		{"other chain", func(d digestFunc) chain.AttestedKey {
			return chain.AttestedKey{KeyID: id, Pubkey: pub, Signatures: signAll(t, d(big.NewInt(1), f.c.Addresses().PKPNFT, id, pub), n[:3])}
		}, chain.ErrUnknownSigner},
		{"other contract", func(d digestFunc) chain.AttestedKey { return att(d, other, id, pub, n[:3]...) }, chain.ErrUnknownSigner},
		{"other key id", func(d digestFunc) chain.AttestedKey {
			return chain.AttestedKey{KeyID: id, Pubkey: pub, Signatures: att(d, f, otherID, pub, n[:3]...).Signatures}
		}, chain.ErrUnknownSigner},
		{"malleable s", func(d digestFunc) chain.AttestedKey {
			k := att(d, f, id, pub, n[0], n[1], n[2])
			k.Signatures[1] = malleate(k.Signatures[1])
			return k
		}, chain.ErrInvalidSignature},
		{"not on curve", func(d digestFunc) chain.AttestedKey {
			return att(d, f, id, append([]byte{4}, make([]byte, 64)...), n[:3]...)
		}, chain.ErrInvalidPubkey},
		{"compressed key", func(d digestFunc) chain.AttestedKey {
			return att(d, f, id, crypto.CompressPubkey(&priv.PublicKey), n[:3]...)
		}, chain.ErrInvalidPubkey},
		{"zero key id", func(d digestFunc) chain.AttestedKey { return att(d, f, [32]byte{}, pub, n[:3]...) }, chain.ErrInvalidKeyID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.c.ClaimAndMint(ctx, f.alice, tc.key(claimFor))
			wantErr(t, err, tc.want)
			_, err = f.c.AddAttestedKeys(ctx, f.alice, []chain.AttestedKey{tc.key(pooled)})
			wantErr(t, err, tc.want)
		})
	}
	// An attestation for one path never serves the other, and a claim serves only its recipient.
	t.Run("pool key as claim", func(t *testing.T) {
		_, err := f.c.ClaimAndMint(ctx, f.alice, f.poolKey(t, id, pub, n[:3]...))
		wantErr(t, err, chain.ErrUnknownSigner)
	})
	t.Run("claim as pool key", func(t *testing.T) {
		_, err := f.c.AddAttestedKeys(ctx, f.alice, []chain.AttestedKey{f.claim(t, id, pub, alice, n[:3]...)})
		wantErr(t, err, chain.ErrUnknownSigner)
		_, err = f.c.AddAttestedKeys(ctx, f.alice, []chain.AttestedKey{f.claim(t, id, pub, common.Address{}, n[:3]...)})
		wantErr(t, err, chain.ErrUnknownSigner)
	})
	t.Run("claim for another recipient", func(t *testing.T) {
		_, err := f.c.ClaimAndMint(ctx, f.alice, f.claim(t, id, pub, f.bob.From, n[:3]...))
		wantErr(t, err, chain.ErrUnknownSigner)
	})
	// The attestation for the other deployment works there, and only there.
	if _, err := other.c.ClaimAndMint(ctx, other.alice, other.claim(t, id, pub, other.alice.From, n[:3]...)); err != nil {
		t.Fatal(err)
	}
	if used, _ := f.c.IsKeyIDUsed(ctx, id); used {
		t.Fatal("a refused attestation consumed the key id")
	}
	// Replaying the signatures of a pooled key: the key id is spent.
	good := f.poolKey(t, id, pub, n[:3]...)
	if _, err := f.c.AddAttestedKeys(ctx, f.alice, []chain.AttestedKey{good}); err != nil {
		t.Fatal(err)
	}
	_, err := f.c.AddAttestedKeys(ctx, f.bob, []chain.AttestedKey{good})
	wantErr(t, err, chain.ErrKeyIDUsed)

	// A removed node no longer counts.
	if _, err := f.c.RemoveNode(ctx, f.owner, f.specs[0].Address); err != nil {
		t.Fatal(err)
	}
	id5, priv5 := derivedKey(t)
	_, err = f.c.ClaimAndMint(ctx, f.alice, f.claim(t, id5, crypto.FromECDSAPub(&priv5.PublicKey), alice, n[:3]...))
	wantErr(t, err, chain.ErrUnknownSigner)

	// Client-side checks of the signature encoding.
	bad := good
	bad.Signatures = [][]byte{good.Signatures[0][:64]}
	_, err = f.c.ClaimAndMint(ctx, f.alice, bad)
	wantErr(t, err, chain.ErrInvalidSignature)
}

// malleate turns a low-s signature into its high-s twin, which ecrecover accepts and OpenZeppelin refuses.
func malleate(sig []byte) []byte {
	n := crypto.S256().Params().N
	s := new(big.Int).SetBytes(sig[32:64])
	out := bytes.Clone(sig)
	new(big.Int).Sub(n, s).FillBytes(out[32:64])
	out[64] ^= 1
	return out
}

func TestDigestsMatchContracts(t *testing.T) {
	f := newFixture(t, 0)
	ctx := ctxT(t)
	nft := bindings.NewPKPNFT()
	router := bindings.NewPubkeyRouter()
	nftC := nft.Instance(f.c.Eth(), f.c.Addresses().PKPNFT)
	routerC := router.Instance(f.c.Eth(), f.c.Addresses().PubkeyRouter)
	for i := range 5 {
		id, priv := derivedKey(t)
		pub := crypto.FromECDSAPub(&priv.PublicKey)
		if i == 4 {
			pub = []byte{} // the digest is defined for any bytes; the contract rejects bad keys elsewhere
		}
		got, err := bind.Call(nftC, &bind.CallOpts{Context: ctx}, nft.PackPoolKeyDigest(id, pub), nft.UnpackPoolKeyDigest)
		if err != nil {
			t.Fatal(err)
		}
		if want := f.c.PoolKeyDigest(id, pub); got != want {
			t.Fatalf("pool key digest: contract %x, Go %x", got, want)
		}
		recipient := common.BytesToAddress(id[:20])
		gotClaim, err := bind.Call(nftC, &bind.CallOpts{Context: ctx}, nft.PackClaimKeyDigest(id, pub, recipient), nft.UnpackClaimKeyDigest)
		if err != nil {
			t.Fatal(err)
		}
		if want := f.c.ClaimKeyDigest(id, pub, recipient); gotClaim != want || gotClaim == got {
			t.Fatalf("claim digest: contract %x, Go %x (pool digest %x)", gotClaim, want, got)
		}
		keys := rootKeys(t)
		var list []bindings.RootKey
		for _, k := range keys.ECDSA {
			list = append(list, bindings.RootKey{Pubkey: k, KeyType: big.NewInt(2)})
		}
		list = append(list, bindings.RootKey{Pubkey: keys.BLS, KeyType: big.NewInt(1)})
		epoch := uint64(i*1000 + 1)
		gotRoot, err := bind.Call(routerC, &bind.CallOpts{Context: ctx}, router.PackRootKeysDigest(new(big.Int).SetUint64(epoch), list), router.UnpackRootKeysDigest)
		if err != nil {
			t.Fatal(err)
		}
		if want := f.c.RootKeysDigest(epoch, keys); gotRoot != want {
			t.Fatalf("root-keys digest: contract %x, Go %x", gotRoot, want)
		}
	}
	// The digest binds the chain: the dev chain's id, not another.
	id, priv := derivedKey(t)
	pub := crypto.FromECDSAPub(&priv.PublicKey)
	if chain.PoolKeyDigest(big.NewInt(1337), f.c.Addresses().PKPNFT, id, pub) != f.c.PoolKeyDigest(id, pub) ||
		chain.PoolKeyDigest(big.NewInt(1), f.c.Addresses().PKPNFT, id, pub) == f.c.PoolKeyDigest(id, pub) {
		t.Fatal("digest does not depend on the chain id as expected")
	}
}

func TestUnknownAndInvalidTokens(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	_, priv := derivedKey(t)
	unknown := chain.TokenID(crypto.FromECDSAPub(&priv.PublicKey))
	_, err := f.c.PKP(ctx, unknown)
	wantErr(t, err, chain.ErrUnknownToken)
	_, err = f.c.AddPermittedAction(ctx, f.alice, unknown, cid(1), chain.ScopeSignAnything)
	wantErr(t, err, chain.ErrUnknownToken)
	_, err = f.c.Burn(ctx, f.alice, unknown)
	wantErr(t, err, chain.ErrUnknownToken)
	if ok, err := f.c.IsPermittedAction(ctx, unknown, cid(1)); err != nil || ok {
		t.Fatalf("unknown token permits an action: %v %v", ok, err)
	}
	if as, err := f.c.PermittedAddresses(ctx, unknown); err != nil || len(as) != 0 {
		t.Fatalf("unknown token has addresses %v, %v", as, err)
	}
	_, err = f.c.TokenIDByEthAddress(ctx, crypto.PubkeyToAddress(priv.PublicKey))
	wantErr(t, err, chain.ErrUnknownToken)
	for _, bad := range []*big.Int{nil, big.NewInt(-1), new(big.Int).Lsh(big.NewInt(1), 256)} {
		_, err := f.c.PKP(ctx, bad)
		wantErr(t, err, chain.ErrInvalidTokenID)
		_, err = f.c.AddPermittedAddress(ctx, f.alice, bad, f.bob.From)
		wantErr(t, err, chain.ErrInvalidTokenID)
		_, err = f.c.IsPermittedAddress(ctx, bad, f.bob.From)
		wantErr(t, err, chain.ErrInvalidTokenID)
	}
	var re *chain.RevertError
	_, err = f.c.AddPermittedAction(ctx, f.alice, unknown, cid(1))
	if !errors.As(err, &re) || re.Name != "UnknownToken" || re.Args["tokenId"].(*big.Int).Cmp(unknown) != 0 {
		t.Fatalf("revert error %#v does not name the token", err)
	}
	if !errors.Is(err, chain.ErrReverted) {
		t.Fatal("a revert does not match ErrReverted")
	}
}

// TokensOfOwner lists what an account holds, bounded by max, with the full count; a transfer moves a
// token from one list to the other.
func TestTokensOfOwner(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	a, b := f.mint(t, f.alice), f.mint(t, f.alice)
	ids, total, err := f.c.TokensOfOwner(ctx, f.alice.From, 10)
	if err != nil || total != 2 || len(ids) != 2 || ids[0].Cmp(a.TokenID) != 0 || ids[1].Cmp(b.TokenID) != 0 {
		t.Fatalf("alice holds %v of %d, %v; want %s, %s", ids, total, err, a.TokenID, b.TokenID)
	}
	if ids, total, err = f.c.TokensOfOwner(ctx, f.alice.From, 1); err != nil || total != 2 || len(ids) != 1 {
		t.Fatalf("max 1: %v of %d, %v", ids, total, err)
	}
	if _, err := f.c.Transfer(ctx, f.alice, a.TokenID, f.bob.From); err != nil {
		t.Fatal(err)
	}
	ids, total, err = f.c.TokensOfOwner(ctx, f.bob.From, 10)
	if err != nil || total != 1 || len(ids) != 1 || ids[0].Cmp(a.TokenID) != 0 {
		t.Fatalf("bob holds %v of %d, %v", ids, total, err)
	}
	if _, _, err := f.c.TokensOfOwner(ctx, f.bob.From, -1); !errors.Is(err, chain.ErrInvalidConfig) {
		t.Fatalf("max -1: %v", err)
	}
}
