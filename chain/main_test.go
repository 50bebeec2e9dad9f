package chain_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"errors"
	"net/netip"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/chain/devchain"
)

// One dev chain serves the whole test binary, started by the first test that needs it (fuzz targets do
// not); each test deploys its own contracts on it (a few milliseconds) so that tests cannot see each
// other's nodes, keys or tokens.
var (
	dev     *devchain.Chain
	devDir  string
	devErr  error
	devOnce sync.Once
)

func TestMain(m *testing.M) {
	code := m.Run()
	if dev != nil {
		dev.Close()
	}
	if devDir != "" {
		os.RemoveAll(devDir)
	}
	os.Exit(code)
}

func devChain(t testing.TB) *devchain.Chain {
	t.Helper()
	devOnce.Do(func() {
		devDir, devErr = os.MkdirTemp("", "flint-chain-test-")
		if devErr != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		dev, devErr = devchain.Start(ctx, devchain.Config{Dir: devDir, RPCAddr: "127.0.0.1:0", Accounts: 12})
	})
	if devErr != nil {
		t.Fatalf("start dev chain: %v", devErr)
	}
	return dev
}

// accountCursor hands out the dev chain's accounts 1.. to tests, round robin: account 0 deploys.
var accountCursor = 0

// fixture is one freshly deployed network with registered nodes.
type fixture struct {
	c        *chain.Client // over HTTP JSON-RPC
	owner    *bind.TransactOpts
	alice    *bind.TransactOpts
	bob      *bind.TransactOpts
	nodeKeys []*ecdsa.PrivateKey
	specs    []chain.NodeSpec
	auths    map[common.Address]*bind.TransactOpts // funded node identities (nodeTransactor, funded)
}

func ctxT(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// newFixture deploys the contracts with the dev chain's first account as owner, registers n nodes, and
// connects a client over HTTP.
func newFixture(t testing.TB, n int) *fixture {
	t.Helper()
	ctx := ctxT(t)
	dev := devChain(t)
	accts := dev.Accounts()
	ec, err := dev.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer ec.Close()
	owner := ec.Transactor(accts[0].Key)
	addrs, err := chain.Deploy(ctx, ec.Eth(), owner)
	if err != nil {
		t.Fatalf("deploy: %v", err)
	}
	c, err := chain.Dial(ctx, dev.RPCURL(), addrs)
	if err != nil {
		t.Fatalf("dial %s: %v", dev.RPCURL(), err)
	}
	t.Cleanup(c.Close)
	f := &fixture{c: c, owner: owner, auths: map[common.Address]*bind.TransactOpts{}}
	pick := func() *bind.TransactOpts {
		accountCursor = accountCursor%(len(accts)-1) + 1
		return c.Transactor(accts[accountCursor].Key)
	}
	f.alice, f.bob = pick(), pick()
	for i := range n {
		key, spec := newNode(t, i)
		if _, err := c.AddNode(ctx, owner, spec); err != nil {
			t.Fatalf("add node %d: %v", i, err)
		}
		f.nodeKeys = append(f.nodeKeys, key)
		f.specs = append(f.specs, spec)
	}
	return f
}

func newNode(t testing.TB, i int) (*ecdsa.PrivateKey, chain.NodeSpec) {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	tk, _, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return key, chain.NodeSpec{
		AddrPort:     netip.AddrPortFrom(netip.AddrFrom4([4]byte{127, 0, 0, byte(i + 1)}), uint16(7470+i)),
		Address:      crypto.PubkeyToAddress(key.PublicKey),
		TransportKey: tk,
	}
}

// nodeTransactor funds registered node i's address and returns transaction options that sign with its
// identity key, for the writes only a node may make.
func (f *fixture) nodeTransactor(t testing.TB, i int) *bind.TransactOpts {
	t.Helper()
	a := f.specs[i].Address
	if auth, ok := f.auths[a]; ok {
		return auth
	}
	f.auths[a] = f.funded(t, f.nodeKeys[i])
	return f.auths[a]
}

// derivedKey stands in for a key the nodes derived: a random secp256k1 key and key id.
func derivedKey(t testing.TB) ([32]byte, *ecdsa.PrivateKey) {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	var id [32]byte
	if _, err := rand.Read(id[:]); err != nil {
		t.Fatal(err)
	}
	return id, key
}

// poolKey returns an AttestedKey signed by the given node keys over the fixture's pool-key digest.
func (f *fixture) poolKey(t testing.TB, keyID [32]byte, pubkey []byte, signers ...*ecdsa.PrivateKey) chain.AttestedKey {
	t.Helper()
	return chain.AttestedKey{KeyID: keyID, Pubkey: pubkey, Signatures: signAll(t, f.c.PoolKeyDigest(keyID, pubkey), signers)}
}

// claim returns an AttestedKey signed by the given node keys for recipient over the fixture's claim digest.
func (f *fixture) claim(t testing.TB, keyID [32]byte, pubkey []byte, recipient common.Address, signers ...*ecdsa.PrivateKey) chain.AttestedKey {
	t.Helper()
	return chain.AttestedKey{KeyID: keyID, Pubkey: pubkey, Signatures: signAll(t, f.c.ClaimKeyDigest(keyID, pubkey, recipient), signers)}
}

func signAll(t testing.TB, digest [32]byte, signers []*ecdsa.PrivateKey) [][]byte {
	t.Helper()
	var sigs [][]byte
	for _, k := range signers {
		sig, err := chain.Sign(digest, k)
		if err != nil {
			t.Fatal(err)
		}
		sigs = append(sigs, sig)
	}
	return sigs
}

// quorum is the first q node keys.
func (f *fixture) quorum() []*ecdsa.PrivateKey {
	q := 2*((len(f.nodeKeys)-1)/3) + 1
	return f.nodeKeys[:q]
}

// pool adds k attested keys to the pool and returns their private keys, in pool order.
func (f *fixture) pool(t testing.TB, k int) []*ecdsa.PrivateKey {
	t.Helper()
	var keys []chain.AttestedKey
	var privs []*ecdsa.PrivateKey
	for range k {
		id, priv := derivedKey(t)
		keys = append(keys, f.poolKey(t, id, crypto.FromECDSAPub(&priv.PublicKey), f.quorum()...))
		privs = append(privs, priv)
	}
	if _, err := f.c.AddAttestedKeys(ctxT(t), f.alice, keys); err != nil {
		t.Fatalf("addAttestedKeys: %v", err)
	}
	return privs
}

// mint pools one key and mints it to auth.
func (f *fixture) mint(t testing.TB, auth *bind.TransactOpts) *chain.Minted {
	t.Helper()
	f.pool(t, 1)
	m, err := f.c.MintNext(ctxT(t), auth)
	if err != nil {
		t.Fatalf("mintNext: %v", err)
	}
	return m
}

// cid is a well-formed CIDv0 as bytes (0x1220 ‖ sha256-sized digest).
func cid(seed byte) []byte {
	out := make([]byte, 34)
	out[0], out[1] = 0x12, 0x20
	for i := 2; i < 34; i++ {
		out[i] = seed + byte(i)
	}
	return out
}

func wantErr(t testing.TB, err, target error) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v", target)
	}
	if !errors.Is(err, target) {
		t.Fatalf("got %v, want %v", err, target)
	}
}
