package devchain

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
)

func testCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// call posts one JSON-RPC request with plain net/http: a client that shares nothing with go-ethereum.
func call(t *testing.T, url, method string, params ...any) json.RawMessage {
	t.Helper()
	if params == nil {
		params = []any{}
	}
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": method, "params": params})
	resp, err := http.Post(url, "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	defer resp.Body.Close()
	var out struct {
		Result json.RawMessage `json:"result"`
		Error  *struct {
			Message string `json:"message"`
		} `json:"error"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	if out.Error != nil {
		t.Fatalf("%s: %s", method, out.Error.Message)
	}
	return out.Result
}

func rpcBig(t *testing.T, url, method string, params ...any) *big.Int {
	t.Helper()
	var s string
	if err := json.Unmarshal(call(t, url, method, params...), &s); err != nil {
		t.Fatal(err)
	}
	v, err := hexutil.DecodeBig(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestStartServeRestart(t *testing.T) {
	dir := t.TempDir()
	extra := common.HexToAddress("0x00000000000000000000000000000000000f1a7e")
	ctx := testCtx(t)
	c, err := Start(ctx, Config{Dir: dir, RPCAddr: "127.0.0.1:0", Accounts: 3, Prefund: []common.Address{extra}})
	if err != nil {
		t.Fatal(err)
	}
	url := c.RPCURL()
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("RPC URL %s is not on loopback", url)
	}
	if id := rpcBig(t, url, "eth_chainId"); id.Int64() != ChainID {
		t.Fatalf("eth_chainId = %s", id)
	}
	accts := c.Accounts()
	if len(accts) != 3 || crypto.PubkeyToAddress(accts[2].Key.PublicKey) != accts[2].Address {
		t.Fatalf("accounts = %v", accts)
	}
	if strings.Contains(accts[0].String(), hexutil.Encode(crypto.FromECDSA(accts[0].Key))[2:]) {
		t.Fatal("Account.String shows the key")
	}
	for _, a := range []common.Address{accts[0].Address, accts[2].Address, extra} {
		if bal := rpcBig(t, url, "eth_getBalance", a, "latest"); bal.Cmp(Ether) < 0 {
			t.Fatalf("%s has %s wei, want a funded account", a, bal)
		}
	}
	addrs := c.Addresses()
	for _, a := range []common.Address{addrs.Staking, addrs.PKPNFT, addrs.PKPPermissions, addrs.PubkeyRouter} {
		var code string
		if err := json.Unmarshal(call(t, url, "eth_getCode", a, "latest"), &code); err != nil || len(code) < 100 {
			t.Fatalf("no contract at %s: %q", a, code)
		}
	}

	var litCtx map[string]struct {
		Address common.Address  `json:"address"`
		ABI     json.RawMessage `json:"abi"`
	}
	raw, err := os.ReadFile(c.ContractsFile())
	if err != nil || json.Unmarshal(raw, &litCtx) != nil || litCtx["Staking"].Address != addrs.Staking ||
		litCtx["PKPNFT"].Address != addrs.PKPNFT || !bytes.Contains(litCtx["Staking"].ABI, []byte("getActiveUnkickedValidatorStructsAndCounts")) {
		t.Fatalf("contracts file %s: %v", c.ContractsFile(), err)
	}

	// A separate client over HTTP uses the contracts: register a node as the owner (account 0).
	cl, err := chain.Dial(ctx, url, addrs)
	if err != nil {
		t.Fatal(err)
	}
	nodeKey, _ := crypto.GenerateKey()
	nodeAddr := crypto.PubkeyToAddress(nodeKey.PublicKey)
	spec := chain.NodeSpec{AddrPort: mustAddrPort("127.0.0.1:7470"), Address: nodeAddr, TransportKey: bytes.Repeat([]byte{7}, 32)}
	if _, err := cl.AddNode(ctx, cl.Transactor(accts[0].Key), spec); err != nil {
		t.Fatal(err)
	}
	if _, err := cl.AddNode(ctx, cl.Transactor(accts[1].Key), spec); !errors.Is(err, chain.ErrNotAdmin) {
		t.Fatalf("account 1 added a node: %v", err)
	}
	// Fund the node identity, as the devnet does.
	if err := c.Fund(ctx, nodeAddr, Ether); err != nil {
		t.Fatal(err)
	}
	if err := c.Fund(ctx, nodeAddr, big.NewInt(0)); !errors.Is(err, ErrConfig) {
		t.Fatalf("funding 0: %v", err)
	}
	head := rpcBig(t, url, "eth_blockNumber")
	cl.Close()
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}

	// Starting again on the same directory resumes the same chain.
	c2, err := Start(ctx, Config{Dir: dir, RPCAddr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	url2 := c2.RPCURL()
	if c2.Addresses() != addrs || len(c2.Accounts()) != 3 || c2.Accounts()[1].Address != accts[1].Address {
		t.Fatal("restart changed the contracts or accounts")
	}
	if h := rpcBig(t, url2, "eth_blockNumber"); h.Cmp(head) < 0 {
		t.Fatalf("head went back from %s to %s", head, h)
	}
	if bal := rpcBig(t, url2, "eth_getBalance", nodeAddr, "latest"); bal.Cmp(Ether) != 0 {
		t.Fatalf("funded node has %s after restart", bal)
	}
	cl2, err := c2.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cl2.Close()
	nw, err := cl2.Network(ctx)
	if err != nil || len(nw.Nodes) != 1 || nw.Nodes[0].Address != nodeAddr {
		t.Fatalf("registry after restart = %+v, %v", nw, err)
	}
	// The chain keeps producing blocks after a restart.
	if err := c2.Fund(ctx, nodeAddr, Ether); err != nil {
		t.Fatal(err)
	}
}

func TestStartRefuses(t *testing.T) {
	ctx := testCtx(t)
	for _, cfg := range []Config{
		{},
		{Dir: t.TempDir(), RPCAddr: "0.0.0.0:0"},
		{Dir: t.TempDir(), RPCAddr: "192.168.1.1:8545"},
		{Dir: t.TempDir(), RPCAddr: "127.0.0.1"},
		{Dir: t.TempDir(), RPCAddr: "127.0.0.1:99999"},
		{Dir: t.TempDir(), RPCAddr: "127.0.0.1:0", Accounts: -1},
	} {
		if _, err := Start(ctx, cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("Start(%+v) = %v, want ErrConfig", cfg, err)
		}
	}
	// A directory with chain data but no state file is from a start that failed; it is not reused.
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "geth", "chaindata"), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := Start(ctx, Config{Dir: dir, RPCAddr: "127.0.0.1:0"}); !errors.Is(err, ErrDataDir) {
		t.Errorf("half-made dir: %v, want ErrDataDir", err)
	}
	dir = t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, stateFile), []byte(`{"chainId":1}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Start(ctx, Config{Dir: dir, RPCAddr: "127.0.0.1:0"}); !errors.Is(err, ErrDataDir) {
		t.Errorf("foreign state file: %v, want ErrDataDir", err)
	}
}

func TestParseState(t *testing.T) {
	key, _ := crypto.GenerateKey()
	good := state{
		ChainID: ChainID,
		Contracts: chain.Addresses{Staking: common.Address{1}, PKPNFT: common.Address{2},
			PKPPermissions: common.Address{3}, PubkeyRouter: common.Address{4}},
		Accounts: []stateAccount{{Address: crypto.PubkeyToAddress(key.PublicKey), PrivateKey: crypto.FromECDSA(key)}},
	}
	raw, _ := json.Marshal(good)
	st, err := parseState(raw)
	if err != nil || st.Contracts != good.Contracts {
		t.Fatalf("parseState(good) = %+v, %v", st, err)
	}
	wrongKey := good
	other, _ := crypto.GenerateKey()
	wrongKey.Accounts = []stateAccount{{Address: good.Accounts[0].Address, PrivateKey: crypto.FromECDSA(other)}}
	noRouter := good
	noRouter.Contracts.PubkeyRouter = common.Address{}
	for name, s := range map[string]state{"wrong key": wrongKey, "no router": noRouter} {
		raw, _ := json.Marshal(s)
		if _, err := parseState(raw); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func FuzzParseState(f *testing.F) {
	key, _ := crypto.GenerateKey()
	raw, _ := json.Marshal(state{ChainID: ChainID, Contracts: chain.Addresses{Staking: common.Address{1}, PKPNFT: common.Address{2},
		PKPPermissions: common.Address{3}, PubkeyRouter: common.Address{4}},
		Accounts: []stateAccount{{Address: crypto.PubkeyToAddress(key.PublicKey), PrivateKey: crypto.FromECDSA(key)}}})
	f.Add(raw)
	f.Add([]byte(`{"chainId":1337,"accounts":[{"address":"0x00","privateKey":"0x"}]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		st, err := parseState(raw)
		if err != nil {
			return
		}
		accts, err := st.accounts()
		if err != nil || len(accts) == 0 {
			t.Fatalf("parseState accepted a state whose accounts fail: %v", err)
		}
		for _, a := range accts {
			if crypto.PubkeyToAddress(a.Key.PublicKey) != a.Address {
				t.Fatal("accepted a key that does not match its address")
			}
		}
	})
}

func mustAddrPort(s string) netip.AddrPort { return netip.MustParseAddrPort(s) }

// TestIdleBlock: an idle chain seals an empty block once its head is
// IdleBlock old (the nodes refuse SIWE nonces of a head first seen minutes
// ago), and with a negative IdleBlock it does not.
func TestIdleBlock(t *testing.T) {
	ctx := testCtx(t)
	for _, c := range []struct {
		idle time.Duration
		want bool
	}{{time.Second, true}, {-1, false}} {
		ch, err := Start(ctx, Config{Dir: t.TempDir(), RPCAddr: "127.0.0.1:0", Accounts: 1, IdleBlock: c.idle})
		if err != nil {
			t.Fatal(err)
		}
		url := ch.RPCURL()
		// Start returns once the contracts are deployed, but the beacon may
		// still seal a trailing block: count from a head that held still.
		first := rpcBig(t, url, "eth_blockNumber").Uint64()
		for settle := time.Now().Add(3 * time.Second); time.Now().Before(settle); {
			time.Sleep(300 * time.Millisecond)
			n := rpcBig(t, url, "eth_blockNumber").Uint64()
			if n == first {
				break
			}
			first = n
		}
		deadline := time.Now().Add(4 * time.Second)
		var advanced bool
		for !advanced && time.Now().Before(deadline) {
			time.Sleep(200 * time.Millisecond)
			advanced = rpcBig(t, url, "eth_blockNumber").Uint64() > first
		}
		ch.Close()
		if advanced != c.want {
			t.Fatalf("IdleBlock %v: the head advanced without transactions: %v, want %v", c.idle, advanced, c.want)
		}
	}
}
