//go:build linux

package actions

import (
	"bufio"
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	llsys "github.com/landlock-lsm/go-landlock/landlock/syscall"
)

// The test binary is its own worker (TestMain), so this hook is set in the workers that the isolation
// test starts, and lets it run Go code inside them: Actions have no file API to try reads with.
func init() { workerProbe = isolationProbe }

const sentinel = "hunter2-in-the-node-environment"

// probeResult is what one probe saw inside the worker.
type probeResult struct {
	Env    []string `json:"env,omitempty"`
	UID    int      `json:"uid"`
	EUID   int      `json:"euid"`
	GID    int      `json:"gid"`
	Groups []int    `json:"groups"`
	Data   string   `json:"data,omitempty"`
	Err    string   `json:"err,omitempty"`
	VMSize int64    `json:"vmSize,omitempty"`
}

func isolationProbe(method string, arg json.RawMessage) (any, error) {
	var target string
	if len(arg) > 0 {
		if err := json.Unmarshal(arg, &target); err != nil {
			return nil, err
		}
	}
	r := probeResult{UID: os.Getuid(), EUID: os.Geteuid(), GID: os.Getgid()}
	var err error
	switch method {
	case "env":
		r.Env = os.Environ()
	case "ids":
		r.Groups, err = os.Getgroups()
	case "read":
		var b []byte
		b, err = os.ReadFile(target)
		r.Data = string(b)
	case "write":
		err = os.WriteFile(target, []byte("written by a worker"), 0o644)
	case "signal":
		var pid int
		if pid, err = parsePID(target); err == nil {
			err = syscall.Kill(pid, 0)
		}
	case "vmsize":
		r.VMSize = vmSize()
	case "lookup":
		var addrs []string
		addrs, err = net.DefaultResolver.LookupHost(context.Background(), target)
		r.Data = strings.Join(addrs, " ")
	case "roots":
		var pool *x509.CertPool
		if pool, err = x509.SystemCertPool(); err == nil && pool.Equal(x509.NewCertPool()) {
			err = errors.New("no system roots")
		}
	default:
		return nil, fmt.Errorf("no probe %q", method)
	}
	if err != nil {
		r.Err = err.Error()
	}
	return r, nil
}

func parsePID(s string) (int, error) {
	var pid int
	_, err := fmt.Sscan(s, &pid)
	return pid, err
}

var probeIDs atomic.Uint64

// probeWorker runs one probe in w and returns what it saw.
func probeWorker(t *testing.T, w *worker, method, arg string) probeResult {
	t.Helper()
	raw, _ := json.Marshal(arg)
	id := 1<<40 + probeIDs.Add(1)
	if err := w.out.write(&frame{T: "call", ID: id, M: method, A: raw}); err != nil {
		t.Fatalf("probe %s: %v", method, err)
	}
	timeout := time.After(20 * time.Second)
	for {
		select {
		case f, ok := <-w.frames:
			if !ok {
				t.Fatalf("probe %s: the worker died: %s", method, w.crash.get())
			}
			if f.T != "reply" || f.ID != id {
				continue
			}
			if f.E != nil {
				t.Fatalf("probe %s: %s", method, f.E.Msg)
			}
			var r probeResult
			if err := json.Unmarshal(f.A, &r); err != nil {
				t.Fatal(err)
			}
			return r
		case <-timeout:
			t.Fatalf("probe %s: no answer", method)
		}
	}
}

// worldReachable reports whether every directory above path lets others search it, and path lets them
// read it: then only Landlock keeps a worker from reading it.
func worldReachable(path string) bool {
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm()&0o004 == 0 {
		return false
	}
	for d := filepath.Dir(path); ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err != nil || fi.Mode().Perm()&0o001 == 0 {
			return false
		}
		if d == "/" {
			return true
		}
	}
}

// A worker, started the way the node starts one, sees none of the node's environment, runs as another
// user when the node is root, and cannot read the node's data directory, a world-readable file,
// /proc/<node>/environ or another worker's, nor write a world-writable directory nor signal the node.
func TestWorkerIsolation(t *testing.T) {
	t.Setenv("FLINT_STORE_KEY", sentinel) // as a node given its keys in the environment

	// A data directory as the node keeps one: 0700, its files 0600, owned by the test's user.
	data := t.TempDir()
	if err := os.Chmod(data, 0o700); err != nil {
		t.Fatal(err)
	}
	secret := filepath.Join(data, "node.db")
	if err := os.WriteFile(secret, []byte(sentinel), 0o600); err != nil {
		t.Fatal(err)
	}
	// A file anyone may read, and a directory anyone may write, where permissions do not stop a
	// worker: only Landlock can.
	open, err := os.MkdirTemp("", "flint-isolation-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(open) })
	if err := os.Chmod(open, 0o777|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(open, "public.json")
	if err := os.WriteFile(public, []byte(sentinel), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(public, 0o644); err != nil { // past the umask
		t.Fatal(err)
	}
	abi, err := llsys.LandlockGetABIVersion()
	landlock := err == nil && abi >= 1
	if !landlock {
		t.Logf("this kernel has no Landlock (%v): only permissions fence workers in", err)
	}
	root := os.Geteuid() == 0

	p, err := NewPool(PoolConfig{Size: 2})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	w, err := p.get()
	if err != nil {
		t.Fatal(err)
	}
	other, err := p.get()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.kill(); other.kill() })
	t.Logf("worker: %s", w.isolation)

	// (a) The environment holds the worker's mark and nothing else.
	if env := probeWorker(t, w, "env", "").Env; len(env) != 1 || env[0] != workerEnv+"=1" {
		t.Errorf("worker environment %q, want only %s=1", env, workerEnv)
	}

	// (b) A root node's workers are another user, without root's groups.
	ids := probeWorker(t, w, "ids", "")
	if root {
		if ids.UID == 0 || ids.EUID == 0 || ids.GID == 0 || len(ids.Groups) != 0 {
			t.Errorf("worker of a root node runs as uid %d euid %d gid %d groups %v", ids.UID, ids.EUID, ids.GID, ids.Groups)
		}
	} else if ids.UID != os.Getuid() {
		t.Errorf("worker of a non-root node runs as uid %d, want the node's %d", ids.UID, os.Getuid())
	}

	// (c) What the worker cannot read or write.
	refused := func(what, method, path string) {
		t.Helper()
		r := probeWorker(t, w, method, path)
		if r.Err == "" {
			t.Errorf("the worker could %s %s (%s): %q", method, what, path, truncate(r.Data, 80))
		} else if !strings.Contains(r.Err, "permission denied") && !strings.Contains(r.Err, "operation not permitted") {
			t.Errorf("%s %s: %s, want a refusal", method, what, r.Err)
		}
	}
	refused("the node's data directory", "read", secret)
	refused("the node's environment", "read", fmt.Sprintf("/proc/%d/environ", os.Getpid()))
	refused("another worker's environment", "read", fmt.Sprintf("/proc/%d/environ", other.cmd.Process.Pid))
	refused("the node's memory map", "read", fmt.Sprintf("/proc/%d/maps", os.Getpid()))
	if landlock || root {
		refused("the node", "signal", fmt.Sprint(os.Getpid()))
	}
	if landlock {
		if !worldReachable(public) {
			t.Fatalf("%s is not readable by everyone, so it cannot show Landlock at work", public)
		}
		refused("a world-readable file", "read", public)
		refused("a world-writable directory", "write", filepath.Join(open, "dropped"))
		if _, err := os.Stat(filepath.Join(open, "dropped")); err == nil {
			t.Errorf("the worker wrote into %s", open)
		}
		refused("/etc/passwd", "read", "/etc/passwd")

		// Action code alone can make the worker open a file: goja reads the source map a script names
		// in its last line. A FIFO nobody writes to would hold that open (and the execution) forever.
		fifo := filepath.Join(open, "map.fifo")
		if err := syscall.Mkfifo(fifo, 0o666); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(fifo, 0o666); err != nil {
			t.Fatal(err)
		}
		res, err := p.Run(context.Background(), newFakeHost(t), &Request{CID: testCID,
			Code: []byte("Lit.Actions.setResponse({ response: \"ran\" });\n//# sourceMappingURL=file://" + fifo)},
			Limits{Timeout: 3 * time.Second})
		if err != nil || res.Response != "ran" {
			t.Errorf("an Action naming a source map the worker may not open: %q, %v", res.Response, err)
		}
	}

	// What it still needs: the resolver's files and the TLS roots (fetch runs in the worker), and its
	// own address-space size, which the memory limit is set from.
	if hosts, err := os.ReadFile("/etc/hosts"); err == nil {
		if r := probeWorker(t, w, "read", "/etc/hosts"); r.Err != "" {
			t.Errorf("the worker cannot read /etc/hosts: %s", r.Err)
		}
		if strings.Contains(string(hosts), "localhost") {
			if r := probeWorker(t, w, "lookup", "localhost"); r.Err != "" || r.Data == "" {
				t.Errorf("the worker cannot look localhost up: %q %s", r.Data, r.Err)
			}
		}
	}
	if _, err := x509.SystemCertPool(); err == nil {
		if r := probeWorker(t, w, "roots", ""); r.Err != "" {
			t.Errorf("the worker has no TLS roots: %s", r.Err)
		}
	}
	if r := probeWorker(t, w, "vmsize", ""); r.VMSize <= 0 {
		t.Errorf("the worker cannot read its own VmSize (%d), so its address space would go uncapped", r.VMSize)
	}
}

// A production worker has no probe: it ignores a call from the pool, and serves on.
func TestWorkerIgnoresCallsWithoutProbe(t *testing.T) {
	// Every worker of this test binary has the probe, so this runs a worker's loop in process, with
	// the hook unset as in any other binary.
	saved := workerProbe
	workerProbe = nil
	defer func() { workerProbe = saved }()
	toWorkerR, toWorkerW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	fromWorkerR, fromWorkerW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		serveWorker(toWorkerR, fromWorkerW, "test")
		fromWorkerW.Close()
	}()
	out := &frameWriter{w: toWorkerW}
	if err := out.write(&frame{T: "call", ID: 7, M: "read", A: json.RawMessage(`"/etc/passwd"`)}); err != nil {
		t.Fatal(err)
	}
	// A runOnce with no execution running: the worker answers it at once, after the call.
	if err := out.write(&frame{T: "run", ID: 8, A: json.RawMessage(`1`)}); err != nil {
		t.Fatal(err)
	}
	r := bufio.NewReader(fromWorkerR)
	var got []string
	for {
		f, err := readFrame(r)
		if err != nil {
			break
		}
		got = append(got, f.T)
		if f.T == "ran" {
			toWorkerW.Close() // ends the loop; reading on to the end catches an answer written meanwhile
		}
	}
	if strings.Join(got, " ") != "ready ran" {
		t.Fatalf("frames from a worker without a probe: %v, want ready ran", got)
	}
}

// A root node's workers run as the configured user, and a command that user cannot execute is named
// in the error.
func TestWorkerUserConfigured(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root switches users")
	}
	p, err := NewPool(PoolConfig{Size: 1, User: "12345:23456"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	w, err := p.get()
	if err != nil {
		t.Fatal(err)
	}
	defer p.put(w, true)
	if ids := probeWorker(t, w, "ids", ""); ids.UID != 12345 || ids.EUID != 12345 || ids.GID != 23456 || len(ids.Groups) != 0 {
		t.Fatalf("worker runs as uid %d euid %d gid %d groups %v", ids.UID, ids.EUID, ids.GID, ids.Groups)
	}

	hidden := filepath.Join(t.TempDir(), "flint") // in a 0700 directory of root's
	if err := os.WriteFile(hidden, []byte("#!/bin/true\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := NewPool(PoolConfig{Size: 1, Command: []string{hidden}}); !errors.Is(err, ErrWorker) || !strings.Contains(err.Error(), "must be allowed to execute") {
		t.Fatalf("a command the worker user cannot execute: %v", err)
	}
}
