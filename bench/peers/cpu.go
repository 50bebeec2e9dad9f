package main

import (
	"runtime"
	"syscall"
	"time"
)

// cpuTime is the user and system CPU time this process has used: every
// in-process party's work, and none of the other load on a shared machine.
func cpuTime() (time.Duration, error) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, err
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), nil
}

// measureCPU runs f after a garbage collection, so that earlier garbage is
// not charged to it, and returns the CPU seconds it used.
func measureCPU(f func() error) (float64, error) {
	runtime.GC()
	start, err := cpuTime()
	if err != nil {
		return 0, err
	}
	if err := f(); err != nil {
		return 0, err
	}
	end, err := cpuTime()
	if err != nil {
		return 0, err
	}
	return (end - start).Seconds(), nil
}
