package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/explorer"
)

var devnetReady = regexp.MustCompile(`^flint devnet ready rpc=(http://127\.0\.0\.1:\d+) chainId=(\d+) nodes=(\S+) threshold=(\d+) quorum=(\d+) network=(\S+) devAccount=(0x[0-9a-fA-F]{40})(?: ca=\S+)?(?: explorer=(http://127\.0\.0\.1:\d+/))?$`)

// devnetProc is a running "flint devnet" process.
type devnetProc struct {
	cmd    *exec.Cmd
	stderr *syncBuffer
	ready  chan []string
	done   chan error
}

// syncBuffer is a bytes.Buffer safe for the process's writer and the test's reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func startDevnetProc(t *testing.T, bin string, args ...string) *devnetProc {
	t.Helper()
	p := &devnetProc{cmd: exec.Command(bin, args...), stderr: &syncBuffer{}, ready: make(chan []string, 1), done: make(chan error, 1)}
	p.cmd.Stderr = p.stderr
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := devnetReady.FindStringSubmatch(sc.Text()); m != nil {
				p.ready <- m
			} else {
				p.ready <- []string{sc.Text()} // anything else on stdout is a failure
			}
		}
		p.done <- p.cmd.Wait()
	}()
	t.Cleanup(func() {
		if p.cmd.ProcessState != nil {
			return
		}
		// Ctrl-C first: the devnet stops its nodes, which a kill would leave running.
		p.cmd.Process.Signal(os.Interrupt)
		select {
		case <-p.done:
		case <-time.After(30 * time.Second):
			p.cmd.Process.Kill()
			<-p.done
		}
	})
	return p
}

func (p *devnetProc) waitReady(t *testing.T) []string {
	t.Helper()
	select {
	case m := <-p.ready:
		if len(m) == 1 {
			t.Fatalf("unexpected stdout line %q; stderr:\n%s", m[0], p.stderr)
		}
		return m
	case err := <-p.done:
		t.Fatalf("flint devnet exited early (%v); stderr:\n%s", err, p.stderr)
	case <-time.After(3 * time.Minute):
		t.Fatalf("no ready line; stderr:\n%s", p.stderr)
	}
	return nil
}

// interrupt sends Ctrl-C and expects a clean exit.
func (p *devnetProc) interrupt(t *testing.T) {
	t.Helper()
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("flint devnet exited with %v on Ctrl-C; stderr:\n%s", err, p.stderr)
		}
	case <-time.After(45 * time.Second):
		t.Fatalf("flint devnet did not stop on Ctrl-C; stderr:\n%s", p.stderr)
	}
	if !strings.Contains(p.stderr.String(), "flint devnet: stopped") {
		t.Fatalf("no stop message; stderr:\n%s", p.stderr)
	}
}

// built is the flint binary the process tests run, built once per test binary (a link of the whole
// program: seconds on a loaded machine), in its own directory removed by TestMain.
var built struct {
	once sync.Once
	dir  string
	bin  string
	err  error
}

// flintBinary builds the flint binary on first use and returns its path.
func flintBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "flint-cli-bin"); built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "flint")
		if out, err := exec.Command("go", "build", "-o", built.bin, ".").CombinedOutput(); err != nil {
			built.err = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if built.err != nil {
		t.Fatal(built.err)
	}
	return built.bin
}

// TestDevnetProcess runs the built flint binary as a user would: "flint devnet" with four "flint
// node" processes, Ctrl-C, and a second start on the same directory.
func TestDevnetProcess(t *testing.T) {
	bin := flintBinary(t)
	dir := filepath.Join(t.TempDir(), "net")
	first, port := randomLoopback()
	args := []string{"devnet", "--nodes", "4", "--dir", dir, "--chain-rpc", "127.0.0.1:0", "--first-ip", first.String(), "--port", fmt.Sprint(port),
		"--explorer", "127.0.0.1:0"}

	p := startDevnetProc(t, bin, args...)
	m := p.waitReady(t)
	nwFile := filepath.Join(dir, "network.json")
	nw, err := devnet.ReadNetwork(nwFile)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, n := range nw.Nodes {
		urls = append(urls, n.URL)
	}
	if m[1] != nw.ChainRPC || m[2] != "1337" || m[3] != strings.Join(urls, ",") || m[4] != "1" || m[5] != "3" || m[6] != nwFile || m[7] != nw.DevAddress {
		t.Fatalf("ready line %q does not match network.json %+v", m[0], nw)
	}
	if len(nw.Nodes) != 4 || nw.Nodes[0].URL != fmt.Sprintf("http://%s:%d", first, port) || nw.DevKey == "" || nw.ChainID != 1337 {
		t.Fatalf("network.json %+v", nw)
	}
	for i := 1; i <= 4; i++ {
		if _, err := os.Stat(filepath.Join(dir, fmt.Sprintf("node%d", i), "node.log")); err != nil {
			t.Fatalf("node %d has no log: %v", i, err)
		}
	}
	if m[8] == "" {
		t.Fatalf("the ready line %q names no explorer", m[0])
	}
	explorerSeesHealthy(t, m[8], 4)
	roots := rootKeys(t, urls)

	// Mint and sign against the processes.
	pkp := mint(t, nwFile)
	sign(t, nwFile, pkp.PublicKey, "--message", "before the restart")

	p.interrupt(t)
	for _, u := range urls {
		if c, err := net.DialTimeout("tcp", mustHost(t, u), time.Second); err == nil {
			c.Close()
			t.Fatalf("node %s still listens after Ctrl-C", u)
		}
	}

	// Starting again on the directory resumes the network: same root keys, the PKP still signs.
	p = startDevnetProc(t, bin, "devnet", "--dir", dir, "--chain-rpc", "127.0.0.1:0")
	p.waitReady(t)
	if !strings.Contains(p.stderr.String(), "resuming the 4-node network") {
		t.Fatalf("second start did not resume; stderr:\n%s", p.stderr)
	}
	if got := rootKeys(t, urls); got != roots {
		t.Fatalf("root keys changed across the restart:\n%s\n%s", roots, got)
	}
	sign(t, nwFile, pkp.PublicKey, "--message", "after the restart")
	p.interrupt(t)
}

// explorerSeesHealthy waits until the explorer at u reports n healthy nodes.
func explorerSeesHealthy(t *testing.T, u string, n int) {
	t.Helper()
	var last string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		resp, err := http.Get(u + "api/v1/network")
		if err != nil {
			t.Fatal(err)
		}
		var s explorer.Summary
		err = json.NewDecoder(resp.Body).Decode(&s)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if s.Network.Healthy == n && len(s.Nodes) == n {
			return
		}
		last = fmt.Sprintf("%+v", s.Network)
	}
	t.Fatalf("the explorer at %s does not see %d healthy nodes: %s", u, n, last)
}

// rootKeys handshakes with the nodes and returns the network's root keys, hex.
func rootKeys(t *testing.T, urls []string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cl, err := client.Connect(ctx, urls, client.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, k := range cl.RootKeys {
		u := secp.Uncompressed(&k)
		keys = append(keys, fmt.Sprintf("%x", u))
	}
	if len(keys) != 10 {
		t.Fatalf("%d root keys", len(keys))
	}
	return strings.Join(keys, ",") + "|" + fmt.Sprintf("%x", cl.BLSKey)
}

func mustHost(t *testing.T, u string) string {
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	return pu.Host
}
