package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/chain"
)

var readyLine = regexp.MustCompile(`^flint chain ready rpc=(\S+) chainId=(\d+) staking=(0x[0-9a-fA-F]{40}) pkpNft=(0x[0-9a-fA-F]{40}) pkpPermissions=(0x[0-9a-fA-F]{40}) pubkeyRouter=(0x[0-9a-fA-F]{40}) pkpHelper=(0x[0-9a-fA-F]{40})$`)

func TestChainCommand(t *testing.T) {
	dir := t.TempDir()
	cmd := flintCmd(t, "chain", "--dir", dir, "--rpc-addr", "127.0.0.1:0", "--accounts", "2")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-done
		}
	}()

	lines := make(chan string, 64)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		done <- cmd.Wait()
	}()
	var ready []string
	var accounts []string
	timeout := time.After(time.Minute)
	for len(accounts) < 2 {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("flint chain exited early; stderr:\n%s", stderr.String())
			}
			if m := readyLine.FindStringSubmatch(l); m != nil {
				ready = m
			} else if strings.HasPrefix(l, "  ") && strings.Contains(l, "0x") {
				accounts = append(accounts, l)
			}
		case <-timeout:
			t.Fatalf("no ready line; stderr:\n%s", stderr.String())
		}
	}
	if ready == nil || ready[2] != "1337" || !strings.HasPrefix(ready[1], "http://127.0.0.1:") {
		t.Fatalf("ready line %v", ready)
	}
	if !strings.Contains(accounts[0], "contracts owner") || len(strings.Fields(accounts[0])) < 3 {
		t.Fatalf("account lines %q", accounts)
	}

	// A separate client over HTTP JSON-RPC: plain net/http, then the chain client.
	body := `{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}`
	resp, err := http.Post(ready[1], "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var out struct{ Result string }
	if json.Unmarshal(raw, &out) != nil || out.Result != "0x539" {
		t.Fatalf("eth_chainId answer %s", raw)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	c, err := chain.Dial(ctx, ready[1], chain.Addresses{Staking: common.HexToAddress(ready[3]), PKPNFT: common.HexToAddress(ready[4]),
		PKPPermissions: common.HexToAddress(ready[5]), PubkeyRouter: common.HexToAddress(ready[6])})
	if err != nil {
		t.Fatal(err)
	}
	nw, err := c.Network(ctx)
	c.Close()
	if err != nil || nw.Epoch.Number != 1 || len(nw.Nodes) != 0 {
		t.Fatalf("network = %+v, %v", nw, err)
	}

	// Ctrl-C stops it cleanly.
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	for range lines {
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("flint chain exited with %v; stderr:\n%s", err, stderr.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("flint chain did not stop on interrupt")
	}
}

func TestChainCommandRefusesPublicAddress(t *testing.T) {
	out, err := flintCmd(t, "chain", "--dir", t.TempDir(), "--rpc-addr", "0.0.0.0:8545").CombinedOutput()
	if err == nil || !strings.Contains(string(out), "not a loopback address") {
		t.Fatalf("flint chain on 0.0.0.0: %v\n%s", err, out)
	}
}
