package main

import (
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/explorer"
)

// The explorer listens on loopback unless told otherwise, alone or in the devnet, and the devnet's
// explorer must stay on loopback.
func TestExplorerListensOnLoopbackByDefault(t *testing.T) {
	for _, c := range []struct {
		cmd, flag string
	}{{"explorer", "listen"}, {"devnet", "explorer"}} {
		cmd, _, err := newRootCmd().Find([]string{c.cmd})
		if err != nil {
			t.Fatal(err)
		}
		fl := cmd.Flags().Lookup(c.flag)
		if fl == nil || !explorer.IsLoopback(fl.DefValue) {
			t.Fatalf("flint %s --%s defaults to %v", c.cmd, c.flag, fl)
		}
	}
	for addr, ok := range map[string]bool{"127.0.0.1:0": true, "off": true, "0.0.0.0:7400": false, "10.1.2.3:7400": false, "7400": false} {
		f := devnetFlags{dir: t.TempDir(), nodes: 4, chainRPC: "127.0.0.1:8545", firstIP: "127.0.0.2", port: 7470, nodeLogLevel: "info", explorer: addr}
		_, _, err := f.config(func(string) bool { return false })
		if (err == nil) != ok || (err != nil && !strings.Contains(err.Error(), "--explorer")) {
			t.Errorf("devnet --explorer %s: %v", addr, err)
		}
	}
}

func TestExplorerRefusesBadNetworkFile(t *testing.T) {
	cmd := newRootCmd()
	cmd.SetArgs([]string{"explorer", "--network", t.TempDir() + "/missing.json"})
	cmd.SetOut(&strings.Builder{})
	err := cmd.Execute()
	if exitCode(err) != exitUsage || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("%v", err)
	}
}

// The PKPs page offers the dev account's writes only for a network.json with a dev account and an
// explorer on loopback: elsewhere anyone who reaches it could spend the account.
func TestExplorerDevAccountOnlyOnLoopback(t *testing.T) {
	key, _ := crypto.GenerateKey()
	dev := crypto.PubkeyToAddress(key.PublicKey).Hex()
	nw := &devnet.Network{ChainRPC: "http://127.0.0.1:8545", ChainID: 1337, Threshold: 1, Quorum: 3,
		Nodes: []devnet.NodeInfo{{Index: 1, URL: "http://127.0.0.2:7470"}}, DevKey: hex.EncodeToString(crypto.FromECDSA(key)), DevAddress: dev}
	for _, c := range []struct {
		addr, host string
		key        string
		offered    bool
	}{
		{"127.0.0.1:7400", "127.0.0.1:7400", nw.DevKey, true},
		{"0.0.0.0:7400", "192.0.2.1:7400", nw.DevKey, false},
		{"127.0.0.1:7400", "127.0.0.1:7400", "", false},
	} {
		n := *nw
		n.DevKey = c.key
		s, err := newExplorer(&n, http.DefaultClient, c.addr)
		if err != nil {
			t.Fatal(err)
		}
		w := httptest.NewRecorder()
		s.Handler(c.addr).ServeHTTP(w, httptest.NewRequest(http.MethodGet, "http://"+c.host+"/pkps", nil))
		if got := strings.Contains(w.Body.String(), dev); w.Code != http.StatusOK || got != c.offered {
			t.Errorf("listening on %s with key %q: %d, dev account offered %v", c.addr, c.key, w.Code, got)
		}
	}
}
