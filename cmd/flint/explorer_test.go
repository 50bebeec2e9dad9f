package main

import (
	"strings"
	"testing"

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
