package chain_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
)

// BenchmarkGas sends each write to the dev chain and reports the gas it used ("gas/op"; minting from the
// pool also reports the pool top-up per key). ns/op is the round trip through JSON-RPC including the wait
// for the block.
//
//	go test -run '^$' -bench Gas -benchtime 20x ./chain
func BenchmarkGas(b *testing.B) {
	f := newFixture(b, 4)
	ctx := ctxT(b)
	report := func(b *testing.B, gas uint64, n int) {
		b.ReportMetric(float64(gas)/float64(n), "gas/op")
	}
	// The framework calls a sub-benchmark more than once (b.N = 1 first); seq keeps counting across the calls
	// so that every iteration writes something new.
	seq := 0
	run := func(name string, setup func(b *testing.B), op func(b *testing.B, i int) *types.Receipt) {
		b.Run(name, func(b *testing.B) {
			if setup != nil {
				setup(b)
			}
			var gas uint64
			b.ResetTimer()
			for range b.N {
				seq++
				gas += op(b, seq).GasUsed
			}
			b.StopTimer()
			report(b, gas, b.N)
		})
	}
	must := func(b *testing.B) func(*types.Receipt, error) *types.Receipt {
		return func(r *types.Receipt, err error) *types.Receipt {
			b.Helper()
			if err != nil {
				b.Fatal(err)
			}
			return r
		}
	}
	mintOf := func(b *testing.B, m *chain.Minted, err error) *types.Receipt {
		b.Helper()
		if err != nil {
			b.Fatal(err)
		}
		return m.Receipt
	}

	run("addAttestedKeys(10 keys)/key", nil, func(b *testing.B, i int) *types.Receipt {
		r := f.topUp(b, 10)
		r.GasUsed /= 10
		return r
	})
	run("mintNext", func(b *testing.B) { f.topUp(b, b.N) }, func(b *testing.B, i int) *types.Receipt {
		m, err := f.c.MintNext(ctx, f.alice)
		return mintOf(b, m, err)
	})
	run("claimAndMint", nil, func(b *testing.B, i int) *types.Receipt {
		b.StopTimer()
		id, priv := derivedKey(b)
		k := f.claim(b, id, crypto.FromECDSAPub(&priv.PublicKey), f.alice.From, f.quorum()...)
		b.StartTimer()
		m, err := f.c.ClaimAndMint(ctx, f.alice, k)
		return mintOf(b, m, err)
	})
	run("mintGrantAndBurnNext", func(b *testing.B) { f.topUp(b, b.N) }, func(b *testing.B, i int) *types.Receipt {
		m, err := f.c.MintGrantAndBurnNext(ctx, f.alice, cid(byte(i)))
		return mintOf(b, m, err)
	})
	// The SDK's mintWithAuth: one EthWallet login with scope 1, the NFT sent to the PKP itself.
	walletGrant := func(i int) []chain.Grant {
		id := crypto.Keccak256(big.NewInt(int64(i)).Bytes())
		return []chain.Grant{{AuthMethod: chain.AuthMethod{Type: chain.AuthMethodAddress, ID: id}, Scopes: []chain.Scope{chain.ScopeSignAnything}}}
	}
	run("helper.mintNextAndAddAuthMethods(1 method)", func(b *testing.B) { f.topUp(b, b.N) }, func(b *testing.B, i int) *types.Receipt {
		m, err := f.c.MintWithAuthMethods(ctx, f.alice, walletGrant(i), chain.MintOptions{AddPkpEthAddress: true, SendToItself: true})
		return mintOf(b, m, err)
	})
	run("helper.claimAndMintNextAndAddAuthMethods(1 method)", nil, func(b *testing.B, i int) *types.Receipt {
		b.StopTimer()
		id, priv := derivedKey(b)
		k := f.claim(b, id, crypto.FromECDSAPub(&priv.PublicKey), f.alice.From, f.quorum()...)
		b.StartTimer()
		m, err := f.c.ClaimAndMintWithAuthMethods(ctx, f.alice, k, walletGrant(i), chain.MintOptions{})
		return mintOf(b, m, err)
	})

	token := f.mint(b, f.alice).TokenID
	addrOf := func(i int) common.Address { return common.BigToAddress(big.NewInt(int64(i) + 1000)) }
	cidOf := func(i int) []byte {
		c := cid(0)
		big.NewInt(int64(i)).FillBytes(c[2:])
		return c
	}
	run("addPermittedAction", nil, func(b *testing.B, i int) *types.Receipt {
		r, err := f.c.AddPermittedAction(ctx, f.alice, token, cidOf(i), chain.ScopeSignAnything)
		return must(b)(r, err)
	})
	run("removePermittedAction", nil, func(b *testing.B, i int) *types.Receipt {
		b.StopTimer()
		must(b)(f.c.AddPermittedAction(ctx, f.alice, token, cidOf(i), chain.ScopeSignAnything))
		b.StartTimer()
		r, err := f.c.RemovePermittedAction(ctx, f.alice, token, cidOf(i))
		return must(b)(r, err)
	})
	run("addPermittedAddress", nil, func(b *testing.B, i int) *types.Receipt {
		r, err := f.c.AddPermittedAddress(ctx, f.alice, token, addrOf(i), chain.ScopeSignAnything)
		return must(b)(r, err)
	})
	run("removePermittedAddress", nil, func(b *testing.B, i int) *types.Receipt {
		b.StopTimer()
		must(b)(f.c.AddPermittedAddress(ctx, f.alice, token, addrOf(i), chain.ScopeSignAnything))
		b.StartTimer()
		r, err := f.c.RemovePermittedAddress(ctx, f.alice, token, addrOf(i))
		return must(b)(r, err)
	})
	am := func(i int) chain.AuthMethod { return chain.AuthMethod{Type: 6, ID: big.NewInt(int64(i) + 1).Bytes()} }
	run("addPermittedAuthMethod", nil, func(b *testing.B, i int) *types.Receipt {
		r, err := f.c.AddPermittedAuthMethod(ctx, f.alice, token, am(i), chain.ScopeSignAnything)
		return must(b)(r, err)
	})
	scoped := func(b *testing.B) { must(b)(f.c.AddPermittedAuthMethod(ctx, f.alice, token, am(0))) }
	run("addPermittedAuthMethodScope", scoped, func(b *testing.B, i int) *types.Receipt {
		b.StopTimer()
		must(b)(f.c.RemovePermittedAuthMethodScope(ctx, f.alice, token, 6, am(0).ID, chain.ScopePersonalSign))
		b.StartTimer()
		r, err := f.c.AddPermittedAuthMethodScope(ctx, f.alice, token, 6, am(0).ID, chain.ScopePersonalSign)
		return must(b)(r, err)
	})
	run("removePermittedAuthMethodScope", scoped, func(b *testing.B, i int) *types.Receipt {
		b.StopTimer()
		must(b)(f.c.AddPermittedAuthMethodScope(ctx, f.alice, token, 6, am(0).ID, chain.ScopePersonalSign))
		b.StartTimer()
		r, err := f.c.RemovePermittedAuthMethodScope(ctx, f.alice, token, 6, am(0).ID, chain.ScopePersonalSign)
		return must(b)(r, err)
	})
	run("removePermittedAuthMethod", nil, func(b *testing.B, i int) *types.Receipt {
		b.StopTimer()
		must(b)(f.c.AddPermittedAuthMethod(ctx, f.alice, token, am(i)))
		b.StartTimer()
		r, err := f.c.RemovePermittedAuthMethod(ctx, f.alice, token, 6, am(i).ID)
		return must(b)(r, err)
	})
	holder, other := f.alice, f.bob
	run("transfer", nil, func(b *testing.B, i int) *types.Receipt {
		r, err := f.c.Transfer(ctx, holder, token, other.From)
		holder, other = other, holder
		return must(b)(r, err)
	})
}

// topUp pools n attested keys in batches (one block holds a few hundred) and returns the last receipt.
func (f *fixture) topUp(b *testing.B, n int) *types.Receipt {
	b.StopTimer()
	defer b.StartTimer()
	var last *types.Receipt
	for n > 0 {
		k := min(n, 50)
		var keys []chain.AttestedKey
		for range k {
			id, priv := derivedKey(b)
			keys = append(keys, f.poolKey(b, id, crypto.FromECDSAPub(&priv.PublicKey), f.quorum()...))
		}
		b.StartTimer()
		r, err := f.c.AddAttestedKeys(ctxT(b), f.alice, keys)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		last = r
		n -= k
	}
	return last
}
