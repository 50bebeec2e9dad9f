//go:build unix

package blstest

import (
	"syscall"
	"testing"
	"time"
)

// ReportCPU starts measuring the process's CPU time and returns a function that
// reports it per operation as "cpu-ns/op". On a machine shared with other work,
// wall-clock ns/op counts the time spent waiting for a core; CPU time per op is
// what the operation costs. Call it after setup, and the returned function after
// the benchmark loop.
func ReportCPU(b *testing.B) func() {
	start := cpuTime()
	return func() {
		if b.N > 0 {
			b.ReportMetric(float64((cpuTime()-start).Nanoseconds())/float64(b.N), "cpu-ns/op")
		}
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
