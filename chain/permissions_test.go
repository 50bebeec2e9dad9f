package chain_test

import (
	"bytes"
	_ "embed"
	"errors"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
)

func TestPermissions(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	m := f.mint(t, f.alice)
	id := m.TokenID
	action, action2 := cid(1), cid(2)
	carol := common.HexToAddress("0x00000000000000000000000000000000000ca201")

	// Nothing granted yet; the owner is permitted as an address.
	if ok, err := f.c.IsPermittedAction(ctx, id, action); err != nil || ok {
		t.Fatalf("isPermittedAction before grant = %v, %v", ok, err)
	}
	if ok, err := f.c.IsPermittedAddress(ctx, id, f.alice.From); err != nil || !ok {
		t.Fatalf("owner not a permitted address: %v, %v", ok, err)
	}

	// Every write by the owner.
	if _, err := f.c.AddPermittedAction(ctx, f.alice, id, action, chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.AddPermittedAction(ctx, f.alice, id, action2, chain.ScopePersonalSign); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.AddPermittedAddress(ctx, f.alice, id, carol, chain.ScopeSignAnything, chain.ScopePersonalSign); err != nil {
		t.Fatal(err)
	}
	discord := chain.AuthMethod{Type: 4, ID: []byte("discord-user-1")}
	if _, err := f.c.AddPermittedAuthMethod(ctx, f.alice, id, discord, chain.ScopePersonalSign); err != nil {
		t.Fatal(err)
	}
	webauthn := chain.AuthMethod{Type: 3, ID: []byte("cred-1"), UserPubkey: []byte{1, 2, 3}}
	if _, err := f.c.AddPermittedAuthMethod(ctx, f.alice, id, webauthn); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.AddPermittedAuthMethodScope(ctx, f.alice, id, webauthn.Type, webauthn.ID, chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.RemovePermittedAuthMethodScope(ctx, f.alice, id, chain.AuthMethodAddress, carol.Bytes(), chain.ScopePersonalSign); err != nil {
		t.Fatal(err)
	}

	// Reads.
	for _, c := range [][]byte{action, action2} {
		if ok, err := f.c.IsPermittedAction(ctx, id, c); err != nil || !ok {
			t.Fatalf("action %x not permitted: %v", c, err)
		}
	}
	if ok, err := f.c.IsPermittedAction(ctx, id, cid(3)); err != nil || ok {
		t.Fatalf("unrelated action permitted: %v %v", ok, err)
	}
	if ok, err := f.c.IsPermittedAddress(ctx, id, carol); err != nil || !ok {
		t.Fatalf("carol not permitted: %v", err)
	}
	if ok, err := f.c.IsPermittedAddress(ctx, id, f.bob.From); err != nil || ok {
		t.Fatalf("bob permitted: %v %v", ok, err)
	}
	if ok, err := f.c.IsPermittedAuthMethod(ctx, id, discord.Type, discord.ID); err != nil || !ok {
		t.Fatalf("discord not permitted: %v", err)
	}
	actions, err := f.c.PermittedActions(ctx, id)
	if err != nil || len(actions) != 2 || !bytes.Equal(actions[0], action) || !bytes.Equal(actions[1], action2) {
		t.Fatalf("permitted actions = %x, %v", actions, err)
	}
	addrs, err := f.c.PermittedAddresses(ctx, id)
	if err != nil || !slices.Equal(addrs, []common.Address{f.alice.From, carol}) {
		t.Fatalf("permitted addresses = %v, %v; want owner then carol", addrs, err)
	}
	ams, err := f.c.PermittedAuthMethods(ctx, id)
	if err != nil || len(ams) != 5 {
		t.Fatalf("auth methods = %+v, %v", ams, err)
	}
	if ams[4].Type != 3 || !bytes.Equal(ams[4].ID, webauthn.ID) || !bytes.Equal(ams[4].UserPubkey, webauthn.UserPubkey) ||
		ams[0].Type != chain.AuthMethodAction || !bytes.Equal(ams[0].ID, action) {
		t.Fatalf("auth methods = %+v", ams)
	}
	scopes := func(typ uint64, id2 []byte) []chain.Scope {
		t.Helper()
		s, err := f.c.PermittedAuthMethodScopes(ctx, id, typ, id2)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, tc := range []struct {
		typ  uint64
		id   []byte
		want []chain.Scope
	}{
		{chain.AuthMethodAction, action, []chain.Scope{chain.ScopeSignAnything}},
		{chain.AuthMethodAction, action2, []chain.Scope{chain.ScopePersonalSign}},
		{chain.AuthMethodAddress, carol.Bytes(), []chain.Scope{chain.ScopeSignAnything}},
		{webauthn.Type, webauthn.ID, []chain.Scope{chain.ScopeSignAnything}},
		{chain.AuthMethodAction, cid(9), nil},
	} {
		if got := scopes(tc.typ, tc.id); !slices.Equal(got, tc.want) {
			t.Fatalf("scopes of %d/%x = %v, want %v", tc.typ, tc.id, got, tc.want)
		}
	}

	// Removals; a removed method's scopes do not come back when it is re-added.
	if _, err := f.c.RemovePermittedAction(ctx, f.alice, id, action); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.RemovePermittedAddress(ctx, f.alice, id, carol); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.RemovePermittedAuthMethod(ctx, f.alice, id, discord.Type, discord.ID); err != nil {
		t.Fatal(err)
	}
	if ok, _ := f.c.IsPermittedAction(ctx, id, action); ok {
		t.Fatal("removed action still permitted")
	}
	if ok, _ := f.c.IsPermittedAddress(ctx, id, carol); ok {
		t.Fatal("removed address still permitted")
	}
	if _, err := f.c.AddPermittedAction(ctx, f.alice, id, action); err != nil {
		t.Fatal(err)
	}
	if got := scopes(chain.AuthMethodAction, action); len(got) != 0 {
		t.Fatalf("re-added action kept old scopes %v", got)
	}
	_, err = f.c.RemovePermittedAddress(ctx, f.alice, id, carol)
	wantErr(t, err, chain.ErrNotPermitted)

	// Non-owners cannot write anything.
	for name, write := range map[string]func() error{
		"addPermittedAction":    func() error { _, err := f.c.AddPermittedAction(ctx, f.bob, id, cid(7)); return err },
		"removePermittedAction": func() error { _, err := f.c.RemovePermittedAction(ctx, f.bob, id, action2); return err },
		"addPermittedAddress":   func() error { _, err := f.c.AddPermittedAddress(ctx, f.bob, id, f.bob.From); return err },
		"removePermittedAddress": func() error {
			_, err := f.c.RemovePermittedAddress(ctx, f.bob, id, f.alice.From)
			return err
		},
		"addPermittedAuthMethod": func() error { _, err := f.c.AddPermittedAuthMethod(ctx, f.bob, id, discord); return err },
		"removePermittedAuthMethod": func() error {
			_, err := f.c.RemovePermittedAuthMethod(ctx, f.bob, id, webauthn.Type, webauthn.ID)
			return err
		},
		"addPermittedAuthMethodScope": func() error {
			_, err := f.c.AddPermittedAuthMethodScope(ctx, f.bob, id, webauthn.Type, webauthn.ID, chain.ScopePersonalSign)
			return err
		},
		"removePermittedAuthMethodScope": func() error {
			_, err := f.c.RemovePermittedAuthMethodScope(ctx, f.bob, id, webauthn.Type, webauthn.ID, chain.ScopeSignAnything)
			return err
		},
		"burn":     func() error { _, err := f.c.Burn(ctx, f.bob, id); return err },
		"transfer": func() error { _, err := f.c.Transfer(ctx, f.bob, id, f.bob.From); return err },
	} {
		if err := write(); err == nil || !errors.Is(err, chain.ErrNotOwner) {
			t.Errorf("%s by a non-owner: %v, want ErrNotOwner", name, err)
		}
	}
}

func TestPermissionBadInput(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	id := f.mint(t, f.alice).TokenID
	cases := []struct {
		name  string
		write func() error
		want  error
	}{
		{"CID too short", func() error { _, err := f.c.AddPermittedAction(ctx, f.alice, id, cid(1)[:33]); return err }, chain.ErrInvalidCID},
		{"CID too long", func() error { _, err := f.c.AddPermittedAction(ctx, f.alice, id, append(cid(1), 0)); return err }, chain.ErrInvalidCID},
		{"CID not sha256", func() error {
			c := cid(1)
			c[0] = 0x13
			_, err := f.c.AddPermittedAction(ctx, f.alice, id, c)
			return err
		}, chain.ErrInvalidCID},
		{"CID empty", func() error { _, err := f.c.AddPermittedAction(ctx, f.alice, id, nil); return err }, chain.ErrInvalidCID},
		{"remove bad CID", func() error { _, err := f.c.RemovePermittedAction(ctx, f.alice, id, []byte("Qm")); return err }, chain.ErrInvalidCID},
		{"zero address", func() error { _, err := f.c.AddPermittedAddress(ctx, f.alice, id, common.Address{}); return err }, chain.ErrZeroAddress},
		{"remove zero address", func() error { _, err := f.c.RemovePermittedAddress(ctx, f.alice, id, common.Address{}); return err }, chain.ErrZeroAddress},
		{"scope 3", func() error { _, err := f.c.AddPermittedAction(ctx, f.alice, id, cid(1), 3); return err }, chain.ErrInvalidScope},
		{"scope 255", func() error {
			_, err := f.c.AddPermittedAddress(ctx, f.alice, id, f.bob.From, chain.ScopeSignAnything, 255)
			return err
		}, chain.ErrInvalidScope},
		{"auth type 0", func() error {
			_, err := f.c.AddPermittedAuthMethod(ctx, f.alice, id, chain.AuthMethod{Type: 0, ID: []byte("x")})
			return err
		}, chain.ErrInvalidAuthMethod},
		{"auth empty id", func() error {
			_, err := f.c.AddPermittedAuthMethod(ctx, f.alice, id, chain.AuthMethod{Type: 5})
			return err
		}, chain.ErrInvalidAuthMethod},
		{"auth address of 19 bytes", func() error {
			_, err := f.c.AddPermittedAuthMethod(ctx, f.alice, id, chain.AuthMethod{Type: 1, ID: make([]byte, 19)})
			return err
		}, chain.ErrInvalidAuthMethod},
		{"auth zero address", func() error {
			_, err := f.c.AddPermittedAuthMethod(ctx, f.alice, id, chain.AuthMethod{Type: 1, ID: make([]byte, 20)})
			return err
		}, chain.ErrZeroAddress},
		{"auth action with bad CID", func() error {
			_, err := f.c.AddPermittedAuthMethod(ctx, f.alice, id, chain.AuthMethod{Type: 2, ID: []byte("QmNotBytes")})
			return err
		}, chain.ErrInvalidCID},
		{"scope on unpermitted method", func() error {
			_, err := f.c.AddPermittedAuthMethodScope(ctx, f.alice, id, 2, cid(5), chain.ScopeSignAnything)
			return err
		}, chain.ErrNotPermitted},
		{"transfer to zero", func() error { _, err := f.c.Transfer(ctx, f.alice, id, common.Address{}); return err }, chain.ErrZeroAddress},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { wantErr(t, tc.write(), tc.want) })
	}
	if ams, err := f.c.PermittedAuthMethods(ctx, id); err != nil || len(ams) != 0 {
		t.Fatalf("refused writes left auth methods %+v, %v", ams, err)
	}
}

// TestTransferStartsEmptyPermissions: a sale to a new owner wipes what the seller granted (every kind of
// auth method, in every read), and the new owner writes a fresh set.
func TestTransferStartsEmptyPermissions(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	id := f.mint(t, f.alice).TokenID
	carol := common.HexToAddress("0x00000000000000000000000000000000000ca202")
	discord := chain.AuthMethod{Type: 4, ID: []byte("discord-user-2")}
	if _, err := f.c.AddPermittedAddress(ctx, f.alice, id, carol, chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.AddPermittedAction(ctx, f.alice, id, cid(7), chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.AddPermittedAuthMethod(ctx, f.alice, id, discord, chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	if ids, err := f.c.TokenIDsForAuthMethod(ctx, discord.Type, discord.ID); err != nil || len(ids) != 1 || ids[0].Cmp(id) != 0 {
		t.Fatalf("tokens for discord before the sale = %v, %v", ids, err)
	}
	if _, err := f.c.Transfer(ctx, f.alice, id, f.bob.From); err != nil {
		t.Fatal(err)
	}
	p, err := f.c.PKP(ctx, id)
	if err != nil || p.Owner != f.bob.From || p.OwnerGeneration != 1 {
		t.Fatalf("PKP after the sale = %+v, %v", p, err)
	}
	// Nothing the seller granted counts.
	if ok, err := f.c.IsPermittedAddress(ctx, id, carol); err != nil || ok {
		t.Fatalf("the seller's address grant survived the sale: %v, %v", ok, err)
	}
	if ok, err := f.c.IsPermittedAction(ctx, id, cid(7)); err != nil || ok {
		t.Fatalf("the seller's Action grant survived the sale: %v, %v", ok, err)
	}
	if ok, err := f.c.IsPermittedAuthMethod(ctx, id, discord.Type, discord.ID); err != nil || ok {
		t.Fatalf("the seller's auth method survived the sale: %v, %v", ok, err)
	}
	if s, err := f.c.PermittedAuthMethodScopes(ctx, id, chain.AuthMethodAddress, carol.Bytes()); err != nil || len(s) != 0 {
		t.Fatalf("scopes of the seller's grant = %v, %v", s, err)
	}
	if ams, err := f.c.PermittedAuthMethods(ctx, id); err != nil || len(ams) != 0 {
		t.Fatalf("auth methods after the sale = %+v, %v", ams, err)
	}
	if acts, err := f.c.PermittedActions(ctx, id); err != nil || len(acts) != 0 {
		t.Fatalf("actions after the sale = %x, %v", acts, err)
	}
	if ids, err := f.c.TokenIDsForAuthMethod(ctx, discord.Type, discord.ID); err != nil || len(ids) != 0 {
		t.Fatalf("tokens for discord after the sale = %v, %v", ids, err)
	}
	addrs, err := f.c.PermittedAddresses(ctx, id)
	if err != nil || !slices.Equal(addrs, []common.Address{f.bob.From}) {
		t.Fatalf("addresses = %v, %v", addrs, err)
	}
	// The old owner lost control, the new one has it, and starts from nothing.
	if ok, _ := f.c.IsPermittedAddress(ctx, id, f.alice.From); ok {
		t.Fatal("old owner still permitted")
	}
	_, err = f.c.AddPermittedAction(ctx, f.alice, id, cid(1))
	wantErr(t, err, chain.ErrNotOwner)
	_, err = f.c.RemovePermittedAddress(ctx, f.bob, id, carol)
	wantErr(t, err, chain.ErrNotPermitted)
	if _, err := f.c.AddPermittedAddress(ctx, f.bob, id, carol, chain.ScopePersonalSign); err != nil {
		t.Fatalf("new owner cannot write: %v", err)
	}
	// Re-granting in the new generation does not revive the old scopes.
	if s, err := f.c.PermittedAuthMethodScopes(ctx, id, chain.AuthMethodAddress, carol.Bytes()); err != nil || !slices.Equal(s, []chain.Scope{chain.ScopePersonalSign}) {
		t.Fatalf("scopes after re-grant = %v, %v", s, err)
	}
	// Selling back is a sale too.
	if _, err := f.c.Transfer(ctx, f.bob, id, f.alice.From); err != nil {
		t.Fatal(err)
	}
	if p, err := f.c.PKP(ctx, id); err != nil || p.OwnerGeneration != 2 {
		t.Fatalf("PKP after the second sale = %+v, %v", p, err)
	}
	if ok, err := f.c.IsPermittedAddress(ctx, id, carol); err != nil || ok {
		t.Fatalf("the second owner's grant survived the sale back: %v, %v", ok, err)
	}
}

// TestTransferKeepingPermissions: the transfers that are not sales keep the permission set: to the PKP's
// own address (the self-custody lock), and from an owner to itself; a burn freezes the set.
func TestTransferKeepingPermissions(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	m := f.mint(t, f.alice)
	id := m.TokenID
	action := cid(8)
	if _, err := f.c.AddPermittedAction(ctx, f.alice, id, action, chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.Transfer(ctx, f.alice, id, f.alice.From); err != nil {
		t.Fatal(err)
	}
	p, err := f.c.PKP(ctx, id)
	if err != nil || p.OwnerGeneration != 0 {
		t.Fatalf("PKP after a transfer to its owner = %+v, %v", p, err)
	}
	if _, err := f.c.Transfer(ctx, f.alice, id, chain.EthAddress(m.Pubkey)); err != nil {
		t.Fatal(err)
	}
	if p, err = f.c.PKP(ctx, id); err != nil || p.Owner != chain.EthAddress(m.Pubkey) || p.OwnerGeneration != 0 {
		t.Fatalf("PKP after the lock = %+v, %v", p, err)
	}
	if ok, err := f.c.IsPermittedAction(ctx, id, action); err != nil || !ok {
		t.Fatalf("the lock dropped the Action's grant: %v, %v", ok, err)
	}

	// Burning freezes what the current generation holds, also after a sale.
	id2 := f.mint(t, f.alice).TokenID
	if _, err := f.c.Transfer(ctx, f.alice, id2, f.bob.From); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.AddPermittedAction(ctx, f.bob, id2, action, chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.Burn(ctx, f.bob, id2); err != nil {
		t.Fatal(err)
	}
	if p, err := f.c.PKP(ctx, id2); err != nil || !p.Burned || p.OwnerGeneration != 1 {
		t.Fatalf("PKP after the burn = %+v, %v", p, err)
	}
	if ok, err := f.c.IsPermittedAction(ctx, id2, action); err != nil || !ok {
		t.Fatalf("the burn dropped the Action's grant: %v, %v", ok, err)
	}
	_, err = f.c.RemovePermittedAction(ctx, f.bob, id2, action)
	wantErr(t, err, chain.ErrNotOwner)
}

func TestMintGrantBurn(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	action := cid(4)
	check := func(t *testing.T, id *big.Int) {
		t.Helper()
		p, err := f.c.PKP(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Burned || p.Owner != (common.Address{}) || len(p.Pubkey) != 65 {
			t.Fatalf("PKP after burn = %+v", p)
		}
		if ok, err := f.c.IsPermittedAction(ctx, id, action); err != nil || !ok {
			t.Fatalf("the granted action lost its permission: %v", err)
		}
		if s, err := f.c.PermittedAuthMethodScopes(ctx, id, chain.AuthMethodAction, action); err != nil || !slices.Equal(s, []chain.Scope{chain.ScopeSignAnything}) {
			t.Fatalf("scopes = %v, %v", s, err)
		}
		if ok, _ := f.c.IsPermittedAddress(ctx, id, f.alice.From); ok {
			t.Fatal("the minter can still use the PKP")
		}
		if addrs, err := f.c.PermittedAddresses(ctx, id); err != nil || len(addrs) != 0 {
			t.Fatalf("addresses = %v, %v", addrs, err)
		}
		// Nobody can ever change it again.
		for _, who := range []*bind.TransactOpts{f.alice, f.bob, f.owner} {
			_, err := f.c.AddPermittedAction(ctx, who, id, cid(5))
			wantErr(t, err, chain.ErrNotOwner)
			_, err = f.c.RemovePermittedAction(ctx, who, id, action)
			wantErr(t, err, chain.ErrNotOwner)
		}
	}

	t.Run("one transaction", func(t *testing.T) {
		f.pool(t, 1)
		m, err := f.c.MintGrantAndBurnNext(ctx, f.alice, action)
		if err != nil {
			t.Fatal(err)
		}
		if crypto.Keccak256Hash(m.Pubkey).Big().Cmp(m.TokenID) != 0 {
			t.Fatal("token id is not keccak256(pubkey)")
		}
		check(t, m.TokenID)
		f.pool(t, 1)
		_, err = f.c.MintGrantAndBurnNext(ctx, f.alice, cid(1)[:10])
		wantErr(t, err, chain.ErrInvalidCID)
		if n, _ := f.c.KeyPoolSize(ctx); n != 1 {
			t.Fatalf("a refused mint consumed a pooled key: pool %d", n)
		}
	})
	t.Run("three transactions", func(t *testing.T) {
		m := f.mint(t, f.alice)
		if _, err := f.c.AddPermittedAction(ctx, f.alice, m.TokenID, action, chain.ScopeSignAnything); err != nil {
			t.Fatal(err)
		}
		if _, err := f.c.Burn(ctx, f.alice, m.TokenID); err != nil {
			t.Fatal(err)
		}
		check(t, m.TokenID)
	})
}

//go:embed testdata/MintAndHandOver.bin
var mintAndHandOverBin string

//go:embed testdata/MintAndHandOver.abi.json
var mintAndHandOverABI string

// TestMintAndGrantHelperKeepsGrants: a helper contract that mints to itself, grants and hands the NFT over in
// one transaction (Lit's PKPHelper flow) delivers the grant; the same hand-over in a later transaction is a
// sale and wipes it.
func TestMintAndGrantHelperKeepsGrants(t *testing.T) {
	f := newFixture(t, 4)
	ctx := ctxT(t)
	parsed, err := abi.JSON(strings.NewReader(mintAndHandOverABI))
	if err != nil {
		t.Fatal(err)
	}
	helperAddr, tx, err := bind.DeployContract(f.alice, common.FromHex(strings.TrimSpace(mintAndHandOverBin)), f.c.Eth(), nil)
	if err != nil {
		t.Fatalf("deploy helper: %v", err)
	}
	if _, err := bind.WaitDeployed(ctx, f.c.Eth(), tx.Hash()); err != nil {
		t.Fatalf("deploy helper: %v", err)
	}
	helper := bind.NewBoundContract(helperAddr, parsed, f.c.Eth(), f.c.Eth(), f.c.Eth())
	nft := f.c.Addresses().PKPNFT
	action := cid(9)
	// run sends one helper transaction and returns the token id from its Minted event, if any.
	run := func(t *testing.T, method string, args ...any) *big.Int {
		t.Helper()
		tx, err := helper.Transact(f.alice, method, args...)
		if err != nil {
			t.Fatalf("%s: %v", method, err)
		}
		r, err := chain.WaitReceipt(ctx, f.c.Eth(), tx.Hash())
		if err != nil || r.Status != 1 {
			t.Fatalf("%s: receipt %+v, %v", method, r, err)
		}
		for _, l := range r.Logs {
			if l.Address == helperAddr && len(l.Topics) > 0 && l.Topics[0] == parsed.Events["Minted"].ID {
				return new(big.Int).SetBytes(l.Data)
			}
		}
		return nil
	}

	f.pool(t, 1)
	id := run(t, "mintGrantAndSend", nft, action, f.bob.From)
	p, err := f.c.PKP(ctx, id)
	if err != nil || p.Owner != f.bob.From || p.OwnerGeneration != 0 {
		t.Fatalf("PKP handed over in its mint transaction = %+v, %v", p, err)
	}
	if ok, err := f.c.IsPermittedAction(ctx, id, action); err != nil || !ok {
		t.Fatalf("the grant made in the mint transaction was wiped: %v, %v", ok, err)
	}

	f.pool(t, 1)
	id = run(t, "mintGrantAndKeep", nft, action)
	run(t, "send", nft, id, f.bob.From)
	if p, err := f.c.PKP(ctx, id); err != nil || p.Owner != f.bob.From || p.OwnerGeneration != 1 {
		t.Fatalf("PKP handed over later = %+v, %v", p, err)
	}
	if ok, err := f.c.IsPermittedAction(ctx, id, action); err != nil || ok {
		t.Fatalf("a grant survived a hand-over in a later transaction: %v, %v", ok, err)
	}
}
