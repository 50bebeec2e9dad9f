package main

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/node"
)

func decodeJSON(t *testing.T, out string, v any) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("output is not the expected JSON object: %v\n%s", err, out)
	}
	if dec.More() {
		t.Fatalf("more than one JSON value in the output:\n%s", out)
	}
}

func unhex(t *testing.T, s string, n int) []byte {
	t.Helper()
	if !strings.HasPrefix(s, "0x") {
		t.Fatalf("%q has no 0x", s)
	}
	b, err := hex.DecodeString(s[2:])
	if err != nil || len(b) != n {
		t.Fatalf("%q is not %d bytes of hex", s, n)
	}
	return b
}

func keyHex(t *testing.T, d *devnet.Devnet, i int) (string, common.Address) {
	a := d.Chain.Accounts()[i]
	return hex.EncodeToString(crypto.FromECDSA(a.Key)), a.Address
}

// mint mints a PKP with the dev account through the CLI and returns its result.
func mint(t *testing.T, nwFile string, extra ...string) mintResult {
	t.Helper()
	var m mintResult
	decodeJSON(t, mustRun(t, append([]string{"pkp", "mint", "--network", nwFile, "--json"}, extra...)...), &m)
	return m
}

// sign signs through the CLI and checks the JSON with independent verifiers.
func sign(t *testing.T, nwFile, pubkey string, args ...string) signResult {
	t.Helper()
	var s signResult
	decodeJSON(t, mustRun(t, append([]string{"pkp", "sign", "--network", nwFile, "--pubkey", pubkey, "--json"}, args...)...), &s)
	pub := unhex(t, s.PublicKey, 65)
	if s.PublicKey != pubkey {
		t.Fatalf("signed under %s, asked %s", s.PublicKey, pubkey)
	}
	r, ss, sig := unhex(t, s.R, 32), unhex(t, s.S, 32), unhex(t, s.Signature, 65)
	if string(sig[:32]) != string(r) || string(sig[32:64]) != string(ss) || int(sig[64]) != s.V || s.V != 27+s.RecID {
		t.Fatalf("signature %s is not r ‖ s ‖ v of %+v", s.Signature, s)
	}
	verifySig(t, unhex(t, s.Hash, 32), sig, pub)
	if s.EthAddress != chain.EthAddress(pub).Hex() {
		t.Fatalf("ethAddress %s", s.EthAddress)
	}
	if len(s.Signers) < 3 {
		t.Fatalf("signed by %v, fewer than a quorum", s.Signers)
	}
	return s
}

func TestPKPMintGrantSign(t *testing.T) {
	d := sharedDevnet(t)
	nwFile := d.NetworkFile()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()

	// Mint from the nodes' pool: the chain agrees on key, token id, address and owner.
	m := mint(t, nwFile)
	pub := unhex(t, m.PublicKey, 65)
	tokenID := new(big.Int).SetBytes(unhex(t, m.TokenID, 32))
	if tokenID.Cmp(chain.TokenID(pub)) != 0 || m.EthAddress != chain.EthAddress(pub).Hex() {
		t.Fatalf("mint result %+v is inconsistent", m)
	}
	p, err := cc.PKP(ctx, tokenID)
	if err != nil {
		t.Fatal(err)
	}
	if string(p.Pubkey) != string(pub) || p.Owner.Hex() != d.Network.DevAddress || m.Owner != d.Network.DevAddress {
		t.Fatalf("chain has %x owned by %s; mint said %+v", p.Pubkey, p.Owner, m)
	}

	// The owner (the dev account, the default key) signs a hash and a message.
	hash := crypto.Keccak256([]byte("a 32-byte hash of something"))
	s := sign(t, nwFile, m.PublicKey, "--hash", hex.EncodeToString(hash))
	if s.Hash != "0x"+hex.EncodeToString(hash) || len(s.BadNodes) != 0 || len(s.FailedNodes) != 0 {
		t.Fatalf("sign result %+v", s)
	}
	s = sign(t, nwFile, m.PublicKey, "--message", "hello flint")
	if s.Hash != "0x"+hex.EncodeToString(crypto.Keccak256([]byte("hello flint"))) {
		t.Fatalf("--message signed %s, not keccak256 of the message", s.Hash)
	}

	// A friend is refused until the owner grants it scope 1.
	friendKey, friend := keyHex(t, d, 3)
	_, _, err = run(t, "pkp", "sign", "--network", nwFile, "--pubkey", m.PublicKey, "--message", "x", "--key", friendKey)
	if err == nil || exitCode(err) != exitFailure || !strings.Contains(err.Error(), "NodeNotAuthorized") || !strings.Contains(err.Error(), friend.Hex()+" may not sign") {
		t.Fatalf("friend before the grant: %v", err)
	}
	var g grantResult
	decodeJSON(t, mustRun(t, "pkp", "grant", "--network", nwFile, "--pubkey", m.PublicKey, "--address", friend.Hex(), "--scope", "1", "--json"), &g)
	rcpt, err := cc.Eth().TransactionReceipt(ctx, common.HexToHash(g.TxHash))
	if err != nil || rcpt.Status != 1 || rcpt.GasUsed != g.GasUsed || g.GasUsed == 0 || rcpt.BlockNumber.Uint64() != g.BlockNumber {
		t.Fatalf("grant %+v; receipt %+v, %v", g, rcpt, err)
	}
	sc, err := cc.PermittedAuthMethodScopes(ctx, tokenID, chain.AuthMethodAddress, friend.Bytes())
	if err != nil || len(sc) != 1 || sc[0] != chain.ScopeSignAnything {
		t.Fatalf("scopes on chain after the grant: %v, %v", sc, err)
	}
	// The nodes cache permission answers for the block they last saw and poll the head every 250 ms,
	// so the refusal above may be served for a moment after the grant's receipt.
	for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		_, _, err = run(t, "pkp", "sign", "--network", nwFile, "--pubkey", m.PublicKey, "--message", "x", "--key", friendKey)
		if err == nil || !strings.Contains(err.Error(), "NodeNotAuthorized") || time.Now().After(deadline) {
			break
		}
	}
	sign(t, nwFile, m.PublicKey, "--message", "from a friend", "--key", friendKey)

	// Permissions, as JSON and as text.
	var perms permissionsResult
	decodeJSON(t, mustRun(t, "pkp", "permissions", "--network", nwFile, "--pubkey", m.PublicKey, "--json"), &perms)
	if perms.Owner != d.Network.DevAddress || perms.Burned || perms.TokenID != m.TokenID || len(perms.Actions) != 0 || len(perms.Addresses) != 2 {
		t.Fatalf("permissions %+v", perms)
	}
	if a := perms.Addresses[0]; a.Address != d.Network.DevAddress || !a.Owner {
		t.Fatalf("first address %+v is not the owner", a)
	}
	if a := perms.Addresses[1]; a.Address != friend.Hex() || a.Owner || len(a.Scopes) != 1 || a.Scopes[0] != 1 {
		t.Fatalf("second address %+v is not the friend with scope 1", a)
	}
	text := mustRun(t, "pkp", "permissions", "--network", nwFile, "--pubkey", m.PublicKey)
	if !strings.Contains(text, friend.Hex()+"  scopes [1]") || !strings.Contains(text, d.Network.DevAddress+"  owner") {
		t.Fatalf("permissions text:\n%s", text)
	}

	// The text forms carry the same values.
	text = mustRun(t, "pkp", "sign", "--network", nwFile, "--pubkey", m.PublicKey, "--hash", "0x"+hex.EncodeToString(hash))
	if !strings.Contains(text, "public key  "+m.PublicKey) || !strings.Contains(text, "hash        0x"+hex.EncodeToString(hash)) {
		t.Fatalf("sign text:\n%s", text)
	}

	// A sale: the buyer owns the PKP from generation 1 on and the friend's grant no longer counts.
	buyerKey, buyer := keyHex(t, d, 4)
	var tr transferResult
	decodeJSON(t, mustRun(t, "pkp", "transfer", "--network", nwFile, "--pubkey", m.PublicKey, "--to", buyer.Hex(), "--json"), &tr)
	if tr.To != buyer.Hex() || tr.From != d.Network.DevAddress || tr.OwnerGeneration != 1 || tr.PermissionsKept || tr.TokenID != m.TokenID {
		t.Fatalf("transfer %+v", tr)
	}
	decodeJSON(t, mustRun(t, "pkp", "permissions", "--network", nwFile, "--pubkey", m.PublicKey, "--json"), &perms)
	if perms.Owner != buyer.Hex() || perms.OwnerGeneration != 1 || len(perms.Addresses) != 1 || perms.Addresses[0].Address != buyer.Hex() {
		t.Fatalf("permissions after the sale %+v", perms)
	}
	text = mustRun(t, "pkp", "permissions", "--network", nwFile, "--pubkey", m.PublicKey)
	if !strings.Contains(text, "owner generation  1") {
		t.Fatalf("permissions text after the sale:\n%s", text)
	}
	_, _, err = run(t, "pkp", "transfer", "--network", nwFile, "--pubkey", m.PublicKey, "--to", friend.Hex())
	if err == nil || !strings.Contains(err.Error(), "does not own PKP") {
		t.Fatalf("the seller transferred a PKP it sold: %v", err)
	}
	// The buyer locks the PKP to itself: the permissions stay.
	decodeJSON(t, mustRun(t, "pkp", "transfer", "--network", nwFile, "--pubkey", m.PublicKey, "--to", m.EthAddress, "--key", buyerKey, "--json"), &tr)
	if tr.OwnerGeneration != 1 || !tr.PermissionsKept {
		t.Fatalf("transfer to the PKP's own address %+v", tr)
	}

	// claimAndMint: a key derived from the address and a random nonce, attested by the nodes.
	c := mint(t, nwFile, "--claim")
	if c.PublicKey == m.PublicKey {
		t.Fatal("--claim minted the same key")
	}
	if p, err := cc.PKP(ctx, chain.TokenID(unhex(t, c.PublicKey, 65))); err != nil || p.Owner.Hex() != d.Network.DevAddress {
		t.Fatalf("claimed PKP on chain: %+v, %v", p, err)
	}
	sign(t, nwFile, c.PublicKey, "--message", "claimed")
	// With --nonce the key id is the address's and the nonce's, and it can be claimed once.
	nonce := "0x" + strings.Repeat("5a", 32)
	cn := mint(t, nwFile, "--claim", "--nonce", nonce, "--key", buyerKey)
	p, err = cc.PKP(ctx, chain.TokenID(unhex(t, cn.PublicKey, 65)))
	if err != nil || p.Owner != buyer || p.KeyID != chain.ClaimKeyID(buyer, [32]byte(unhex(t, nonce, 32))) {
		t.Fatalf("PKP claimed with --nonce: %+v, %v", p, err)
	}
	_, _, err = run(t, "pkp", "mint", "--network", nwFile, "--claim", "--nonce", nonce, "--key", buyerKey)
	if err == nil || !strings.Contains(err.Error(), "KeyIdUsed") {
		t.Fatalf("claiming one nonce twice: %v", err)
	}
	_, _, err = run(t, "pkp", "mint", "--network", nwFile, "--claim", "--nonce", "0x12")
	var ue *usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "--nonce") {
		t.Fatalf("a short --nonce: %v", err)
	}
}

func TestBadInput(t *testing.T) {
	d := sharedDevnet(t)
	nw := d.NetworkFile()
	m := mint(t, nw)
	strangerKey, _ := keyHex(t, d, 2)
	_, friend := keyHex(t, d, 3)
	// A valid key that no PKP has: the generator.
	unknown := "0x0479be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"
	offCurve := "0x04" + strings.Repeat("11", 64)
	hash := "0x" + strings.Repeat("ab", 32)

	// A network.json whose chain and nodes do not answer.
	dead := filepath.Join(t.TempDir(), "network.json")
	deadNet := *d.Network
	deadNet.ChainRPC = "http://127.0.0.1:1"
	deadNet.Nodes = []devnet.NodeInfo{{Index: 1, URL: "http://127.0.0.1:1"}, {Index: 2, URL: "http://127.0.0.1:2"}}
	b, _ := json.Marshal(deadNet)
	if err := os.WriteFile(dead, b, 0o600); err != nil {
		t.Fatal(err)
	}
	garbled := filepath.Join(t.TempDir(), "network.json")
	os.WriteFile(garbled, []byte(`{"chainRpc": 12`), 0o600)

	for _, c := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"short hash", []string{"pkp", "sign", "--network", nw, "--pubkey", m.PublicKey, "--hash", "0x1234"}, exitUsage, "--hash: 2 bytes, want 32"},
		{"long hash", []string{"pkp", "sign", "--network", nw, "--pubkey", m.PublicKey, "--hash", hash + "00"}, exitUsage, "--hash: 33 bytes, want 32"},
		{"odd hash", []string{"pkp", "sign", "--network", nw, "--pubkey", m.PublicKey, "--hash", hash[:65]}, exitUsage, "odd number of hex digits"},
		{"non-hex hash", []string{"pkp", "sign", "--network", nw, "--pubkey", m.PublicKey, "--hash", strings.Repeat("zz", 32)}, exitUsage, "--hash: not hex"},
		{"no hash", []string{"pkp", "sign", "--network", nw, "--pubkey", m.PublicKey}, exitUsage, "--hash is required"},
		{"hash and message", []string{"pkp", "sign", "--network", nw, "--pubkey", m.PublicKey, "--hash", hash, "--message", "m"}, exitUsage, "not both"},
		{"no pubkey", []string{"pkp", "sign", "--network", nw, "--hash", hash}, exitUsage, "--pubkey is required"},
		{"short pubkey", []string{"pkp", "sign", "--network", nw, "--pubkey", m.PublicKey[:100], "--hash", hash}, exitUsage, "--pubkey: 49 bytes"},
		{"pubkey off the curve", []string{"pkp", "permissions", "--network", nw, "--pubkey", offCurve}, exitUsage, "not a secp256k1 public key"},
		{"bad address", []string{"pkp", "grant", "--network", nw, "--pubkey", m.PublicKey, "--address", "0x1234"}, exitUsage, "is not an Ethereum address"},
		{"zero address", []string{"pkp", "grant", "--network", nw, "--pubkey", m.PublicKey, "--address", "0x" + strings.Repeat("0", 40)}, exitUsage, "zero address"},
		{"scope 3", []string{"pkp", "grant", "--network", nw, "--pubkey", m.PublicKey, "--address", friend.Hex(), "--scope", "3"}, exitUsage, "--scope 3"},
		{"scope not a number", []string{"pkp", "grant", "--network", nw, "--pubkey", m.PublicKey, "--address", friend.Hex(), "--scope", "one"}, exitUsage, "invalid argument"},
		{"bad key", []string{"pkp", "mint", "--network", nw, "--key", "0x1234"}, exitUsage, "--key: not a secp256k1 private key"},
		{"zero key", []string{"pkp", "mint", "--network", nw, "--key", strings.Repeat("0", 64)}, exitUsage, "--key: not a secp256k1 private key"},
		{"missing network.json", []string{"pkp", "mint", "--network", filepath.Join(t.TempDir(), "none.json")}, exitUsage, "not found: start a network with \"flint devnet\""},
		{"garbled network.json", []string{"pkp", "mint", "--network", garbled}, exitUsage, "network file"},
		{"unknown flag", []string{"pkp", "mint", "--network", nw, "--frobnicate"}, exitUsage, "unknown flag: --frobnicate"},
		{"positional argument", []string{"pkp", "mint", "--network", nw, "extra"}, exitUsage, "takes no arguments"},
		{"unknown command", []string{"pkp", "mnit"}, exitUsage, `unknown command "mnit" for "flint pkp" (did you mean "mint"?)`},
		{"unknown top command", []string{"devnte"}, exitUsage, `unknown command "devnte" for "flint"`},
		{"bench concurrency 0", []string{"bench", "sign", "--network", nw, "--concurrency", "0"}, exitUsage, "--concurrency 0"},
		{"bench bad duration", []string{"bench", "sign", "--network", nw, "--duration", "soon"}, exitUsage, "invalid argument"},
		{"devnet 0 nodes", []string{"devnet", "--dir", t.TempDir(), "--nodes", "0"}, exitUsage, "--nodes 0"},
		{"devnet 2 nodes", []string{"devnet", "--dir", t.TempDir(), "--nodes", "2"}, exitUsage, "--nodes 2: with 2 or 3 nodes t = 0"},
		{"devnet 3 nodes", []string{"devnet", "--dir", t.TempDir(), "--nodes", "3"}, exitUsage, "any single node could sign alone"},
		{"devnet 201 nodes", []string{"devnet", "--dir", t.TempDir(), "--nodes", "201"}, exitUsage, "--nodes 201: want 1, or 4 to 200"},
		{"devnet not loopback", []string{"devnet", "--dir", t.TempDir(), "--first-ip", "10.0.0.1"}, exitUsage, "IPv4 loopback"},
		{"devnet chain not loopback", []string{"devnet", "--dir", t.TempDir(), "--chain-rpc", "example.com:8545"}, exitUsage, "--chain-rpc"},
		{"devnet other node count", []string{"devnet", "--dir", d.Dir(), "--nodes", "7"}, exitUsage, "holds a 4-node network"},
		{"node log format", []string{"node", "--log-format", "xml"}, exitUsage, "--log-format"},
		{"node config missing", []string{"node", "--config", filepath.Join(t.TempDir(), "none.json")}, exitUsage, "bad configuration"},

		{"unreachable chain", []string{"pkp", "mint", "--network", dead, "--timeout", "10s"}, exitFailure, "the chain at http://127.0.0.1:1 is not usable"},
		{"unreachable nodes", []string{"pkp", "sign", "--network", dead, "--pubkey", m.PublicKey, "--hash", hash, "--timeout", "10s"}, exitFailure, "nodes are not usable"},
		{"unknown PKP sign", []string{"pkp", "sign", "--network", nw, "--pubkey", unknown, "--hash", hash}, exitFailure, "no PKP with public key " + unknown},
		{"unknown PKP permissions", []string{"pkp", "permissions", "--network", nw, "--pubkey", unknown}, exitFailure, "no PKP with public key " + unknown},
		{"unknown PKP auth-methods", []string{"pkp", "auth-methods", "--network", nw, "--pubkey", unknown}, exitFailure, "auth-methods: no PKP with public key " + unknown},
		{"unknown PKP transfer", []string{"pkp", "transfer", "--network", nw, "--pubkey", unknown, "--to", friend.Hex()}, exitFailure, "transfer: no PKP with public key " + unknown},
		{"unknown PKP grant", []string{"pkp", "grant", "--network", nw, "--pubkey", unknown, "--address", friend.Hex()}, exitFailure, "no PKP with public key"},
		{"grant by a stranger", []string{"pkp", "grant", "--network", nw, "--pubkey", m.PublicKey, "--address", friend.Hex(), "--key", strangerKey}, exitFailure, "does not own PKP"},
		{"sign by a stranger", []string{"pkp", "sign", "--network", nw, "--pubkey", m.PublicKey, "--hash", hash, "--key", strangerKey}, exitFailure, "may not sign"},
	} {
		t.Run(c.name, func(t *testing.T) {
			out, _, err := run(t, c.args...)
			if err == nil {
				t.Fatalf("no error; output:\n%s", out)
			}
			if got := exitCode(err); got != c.code {
				t.Errorf("exit code %d, want %d (%v)", got, c.code, err)
			}
			if !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q does not say %q", err, c.want)
			}
			if out != "" {
				t.Errorf("printed on failure:\n%s", out)
			}
			if strings.Contains(err.Error(), strings.TrimPrefix(strangerKey, "0x")) || strings.Contains(err.Error(), strings.TrimPrefix(d.Network.DevKey, "0x")) {
				t.Error("a private key is in the error")
			}
		})
	}
}

func TestNodeFlagsOverride(t *testing.T) {
	// Precedence file < environment < flag, seen through the address the node refuses.
	cfg := filepath.Join(t.TempDir(), "node.json")
	os.WriteFile(cfg, []byte(`{"dataDir": "x", "chainRpc": "http://127.0.0.1:1", "apiListen": "from-file",
		"contracts": {"staking": "0x0000000000000000000000000000000000000001"}}`), 0o600)
	_, _, err := run(t, "node", "--config", cfg)
	if !errors.Is(err, node.ErrConfig) || !strings.Contains(err.Error(), `"from-file"`) {
		t.Fatalf("file: %v", err)
	}
	t.Setenv("FLINT_API_LISTEN", "from-env")
	if _, _, err = run(t, "node", "--config", cfg); err == nil || !strings.Contains(err.Error(), `"from-env"`) {
		t.Fatalf("environment: %v", err)
	}
	if _, _, err = run(t, "node", "--config", cfg, "--api-listen", "[::1]:7470"); err == nil || !strings.Contains(err.Error(), `"[::1]:7470"`) || exitCode(err) != exitUsage {
		t.Fatalf("flag: %v", err)
	}
}
