package hosts

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// wired makes two namespaces on the switch without a devnet, each running
// this test binary as a line echo server (TestEchoServer) on port 7000.
func wired(t *testing.T) *Net {
	t.Helper()
	ctx := context.Background()
	if err := Probe(ctx); errors.Is(err, ErrNoNamespaces) {
		t.Skipf("no network namespaces here: %v", err)
	} else if err != nil {
		t.Fatal(err)
	}
	n := &Net{names: newNames(), nodes: 2, heals: map[int]*time.Timer{}, log: discard()}
	var err error
	if n.subnet, err = freeSubnet(ctx, os.Getpid()+int(seq.Load())); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := n.teardown(); err != nil {
			t.Error(err)
		}
	})
	if err := n.wire(ctx); err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		cmd := exec.Command("ip", "netns", "exec", n.Namespace(i), os.Args[0], "-test.run=^TestEchoServer$")
		cmd.Env = append(os.Environ(), "FLINT_HOSTS_ECHO="+n.Addr(i).String()+":7000")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	}
	return n
}

// TestEchoServer is the echo server wired starts in a namespace; run
// otherwise it does nothing.
func TestEchoServer(t *testing.T) {
	addr := os.Getenv("FLINT_HOSTS_ECHO")
	if addr == "" {
		return
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	for {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			r := bufio.NewReader(c)
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					return
				}
				c.Write([]byte(line))
			}
		}()
	}
}

// echo dials the echo server of node i from the host and times 5 round
// trips; it fails if the server is not reached within the timeout.
func echo(n *Net, i int, timeout time.Duration) (time.Duration, error) {
	deadline := time.Now().Add(timeout)
	var c net.Conn
	var err error
	for time.Now().Before(deadline) { // the server may still be starting
		if c, err = net.DialTimeout("tcp", n.Addr(i).String()+":7000", time.Until(deadline)); err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if c == nil {
		return 0, err
	}
	defer c.Close()
	c.SetDeadline(deadline)
	r := bufio.NewReader(c)
	start := time.Now()
	for k := range 5 {
		fmt.Fprintf(c, "ping %d\n", k)
		if line, err := r.ReadString('\n'); err != nil || !strings.HasPrefix(line, "ping") {
			return 0, fmt.Errorf("echo: %q, %v", line, err)
		}
	}
	return time.Since(start) / 5, nil
}

// Frames cross the switch between namespaces: round trips take the RTT
// set (logged, not asserted: the machine is shared), a cut node is not
// reached until healed, and a loss of 1 drops everything.
func TestSwitch(t *testing.T) {
	n := wired(t)
	for i := range 2 {
		rtt, err := echo(n, i, 10*time.Second)
		if err != nil {
			t.Fatalf("node %d: %v", i+1, err)
		}
		t.Logf("node %d: round trip %v", i+1, rtt)
	}
	n.SetRTT(40 * time.Millisecond)
	rtt, err := echo(n, 0, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("at 40 ms RTT: round trip %v", rtt)
	n.SetRTT(0)

	if err := n.Partition(1, time.Hour); err != nil {
		t.Fatal(err)
	}
	if _, err := echo(n, 1, time.Second); err == nil {
		t.Fatal("reached a node cut off")
	}
	if _, err := echo(n, 0, 5*time.Second); err != nil {
		t.Fatalf("the other node: %v", err)
	}
	if err := n.Heal(1); err != nil {
		t.Fatal(err)
	}
	if _, err := echo(n, 1, 10*time.Second); err != nil {
		t.Fatalf("healed: %v", err)
	}

	if err := n.SetLoss(1); err != nil {
		t.Fatal(err)
	}
	if _, err := echo(n, 0, time.Second); err == nil {
		t.Fatal("reached a node with every frame lost")
	}
	if err := n.SetLoss(1.5); err == nil {
		t.Fatal("a loss of 1.5 accepted")
	}
	if err := n.Cut(2); err == nil {
		t.Fatal("cut a node that does not exist")
	}
}

// Start removes what a crashed run left: names whose process is gone.
func TestSweep(t *testing.T) {
	ctx := context.Background()
	if err := Probe(ctx); errors.Is(err, ErrNoNamespaces) {
		t.Skipf("no network namespaces here: %v", err)
	} else if err != nil {
		t.Fatal(err)
	}
	dead := names{pid: "zzzz", seq: "1"} // pid 1679615
	if _, err := os.Stat("/proc/1679615"); err == nil {
		t.Skip("pid 1679615 runs")
	}
	if err := ip(ctx, "netns", "add", dead.ns(1)); err != nil {
		t.Fatal(err)
	}
	if err := ip(ctx, "link", "add", dead.hostIf(0), "type", "veth", "peer", "name", dead.hostIf(1)); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unlink(ctx, dead, 1) })
	sweep(ctx)
	out, _ := exec.Command("ip", "-o", "link", "show").Output()
	ns, _ := exec.Command("ip", "netns", "list").Output()
	if strings.Contains(string(out), dead.hostIf(0)) || strings.Contains(string(ns), dead.ns(1)) {
		t.Fatalf("leftovers remain:\n%s\n%s", out, ns)
	}
}
