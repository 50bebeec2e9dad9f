package actions

import (
	"bytes"
	"strconv"
	"syscall"
)

// capAddressSpace caps the worker's address space at its current size plus twice the memory limit and
// a margin for thread stacks, so that an allocation too large for the watchdog to catch in time fails
// in the kernel and ends the worker, not the machine. It is RLIMIT_AS rather than RLIMIT_DATA: the Go
// runtime reserves address space before it maps memory into it, and Linux does not count a mapping
// that replaces a reservation against RLIMIT_DATA.
func capAddressSpace(limit int64) {
	base := vmSize()
	if base <= 0 {
		return
	}
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_AS, &rl); err != nil {
		return
	}
	want := uint64(base + 2*limit + addressMargin)
	if rl.Max != ^uint64(0) && want > rl.Max {
		want = rl.Max
	}
	rl.Cur = want
	_ = syscall.Setrlimit(syscall.RLIMIT_AS, &rl)
}

// addressMargin leaves room for the thread stacks (8 MiB of address space each under cgo) and arena
// reservations of an ordinary execution.
const addressMargin = 512 << 20

// vmSize reads the process's address space size (VmSize) from /proc, in bytes.
func vmSize() int64 {
	b, err := readSelfStatus()
	if err != nil {
		return 0
	}
	for _, line := range bytes.Split(b, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmSize:")); ok {
			f := bytes.Fields(rest)
			if len(f) == 2 && string(f[1]) == "kB" {
				n, err := strconv.ParseInt(string(f[0]), 10, 64)
				if err == nil {
					return n << 10
				}
			}
		}
	}
	return 0
}
