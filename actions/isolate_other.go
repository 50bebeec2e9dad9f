//go:build !linux

package actions

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
)

// defaultCommand returns the path a worker is started from and the argv[0] it shows: this executable.
func defaultCommand() (path, argv0 string) {
	exe, err := os.Executable()
	if err != nil {
		// NewPool reports it when the worker fails to start.
		exe = os.Args[0]
	}
	return exe, exe
}

// workerSysProcAttr leaves workers as this process's user off Linux: user switching and Landlock are
// Linux's, and the empty environment is all the isolation workers get here.
func workerSysProcAttr(workerUser) (*syscall.SysProcAttr, bool) { return nil, false }

// isolateWorker does nothing off Linux but say so.
func isolateWorker() (string, error) {
	return fmt.Sprintf("uid %d, not isolated on %s beyond an empty environment", os.Getuid(), runtime.GOOS), nil
}
