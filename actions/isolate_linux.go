//go:build linux

package actions

import (
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"syscall"
	"time"

	"github.com/landlock-lsm/go-landlock/landlock"
	llsys "github.com/landlock-lsm/go-landlock/landlock/syscall"
	"golang.org/x/sys/unix"
)

// A worker runs JavaScript from strangers, so it is fenced in on three sides:
//
//   - the pool starts it with an empty environment, since the node's keys may be FLINT_* variables;
//   - a pool running as root starts it as another user (PoolConfig.User), with no supplementary groups,
//     so that the node's data directory (0700), its config and /proc/<node>/environ (0400) are closed
//     to it by plain permissions;
//   - the worker locks itself in with Landlock before it serves anything: it may then read only the
//     resolver's three files (fetch resolves names in the worker), write nowhere, execute nothing,
//     and signal or reach by abstract socket no process outside itself.

// selfExe is how a worker is started when no command is configured: the kernel's link to this very
// binary. Unlike the path os.Executable returns, it needs no search permission on the directories on
// the way (the worker user may not enter /root/go/bin), and it still names the running binary after
// an upgrade replaced the file on disk, so a worker never speaks another version's protocol.
const selfExe = "/proc/self/exe"

// defaultCommand returns the path a worker is started from and the argv[0] it shows in ps.
func defaultCommand() (path, argv0 string) {
	exe, err := os.Executable()
	if err != nil {
		exe = selfExe
	}
	return selfExe, exe
}

// workerSysProcAttr returns how a worker process starts: as the worker user when this process is root
// (the kernel lets nobody else switch users), otherwise as this process's user. It reports whether the
// user is switched.
func workerSysProcAttr(u workerUser) (*syscall.SysProcAttr, bool) {
	if os.Geteuid() != 0 {
		return &syscall.SysProcAttr{}, false
	}
	// An empty Groups drops root's supplementary groups (setgroups(0)), which would otherwise open
	// whatever those groups may read.
	return &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: u.uid, Gid: u.gid, Groups: []uint32{}}}, true
}

// resolverFiles are the only files a worker may read after isolateWorker: the Go resolver rereads them
// (at most every 5 s) when they change, and fetch looks names up in the worker.
var resolverFiles = []string{"/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf"}

// selfStatus is /proc/self/status, opened before Landlock closes /proc, for capAddressSpace.
var selfStatus *os.File

// isolateWorker fences this worker process in before it serves an execution, and returns a line for
// the pool's log saying how. An error means the worker must not serve.
func isolateWorker() (string, error) {
	// Load now what would otherwise be read from files later: TLS roots (fetch over https) and the
	// time zone (Date), which the process keeps once read.
	_, _ = x509.SystemCertPool()
	_, _ = time.Now().Zone()
	// The cgo resolver would load NSS modules from /lib at lookup time; the Go resolver needs only
	// resolverFiles.
	net.DefaultResolver.PreferGo = true
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return "", fmt.Errorf("actions worker: %w", err)
	}
	selfStatus = f

	// Not dumpable: /proc/<worker>/ then belongs to root, so another worker (the same user) cannot
	// read this one's memory, environment or files, nor ptrace it; and it never writes a core file.
	if err := unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0); err != nil {
		return "", fmt.Errorf("actions worker: prctl(PR_SET_DUMPABLE): %w", err)
	}
	// no_new_privs is per thread, so it is set on every thread (psx); Landlock requires it and sets it
	// too, but only where the kernel has Landlock, and nothing here should ever gain privileges by exec.
	if err := llsys.AllThreadsPrctl(unix.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); err != nil {
		return "", fmt.Errorf("actions worker: prctl(PR_SET_NO_NEW_PRIVS): %w", err)
	}

	// Every file system right and every IPC scope the library knows, none granted but reading the
	// resolver's files. The network stays open: fetch connects anywhere (the pool's Limits bound it).
	// Best effort: a kernel with an older Landlock enforces what it has, one without it nothing.
	cfg := landlock.Config{HandledAccessFS: landlock.V11.HandledAccessFS, Scoped: landlock.V11.Scoped}.BestEffort()
	if err := cfg.Restrict(landlock.PathAccess(llsys.AccessFSReadFile, resolverFiles...).IgnoreIfMissing()); err != nil {
		return "", fmt.Errorf("actions worker: landlock: %w", err)
	}
	lock := "no Landlock in this kernel"
	if abi, err := llsys.LandlockGetABIVersion(); err == nil && abi > 0 {
		lock = fmt.Sprintf("Landlock ABI %d", abi)
	} else if err != nil && !errors.Is(err, syscall.ENOSYS) && !errors.Is(err, syscall.EOPNOTSUPP) {
		lock = fmt.Sprintf("no Landlock (%v)", err)
	}
	return fmt.Sprintf("uid %d, gid %d, %s", os.Getuid(), os.Getgid(), lock), nil
}

// readSelfStatus reads /proc/self/status, through the file isolateWorker kept open if it did: Landlock
// closes /proc to the worker, and reading a /proc file again from offset 0 gives its current content.
func readSelfStatus() ([]byte, error) {
	if selfStatus == nil {
		return os.ReadFile("/proc/self/status")
	}
	b := make([]byte, 8<<10)
	for {
		n, err := selfStatus.ReadAt(b, 0)
		if err == nil {
			b = make([]byte, 2*len(b)) // it did not fit: read it again, whole
			continue
		}
		if errors.Is(err, io.EOF) {
			return b[:n], nil
		}
		return nil, fmt.Errorf("actions: /proc/self/status: %w", err)
	}
}
