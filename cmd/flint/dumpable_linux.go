package main

import "golang.org/x/sys/unix"

// notDumpable keeps other processes of this user from reading this one's
// memory and /proc/<pid>/environ.
func notDumpable() error { return unix.Prctl(unix.PR_SET_DUMPABLE, 0, 0, 0, 0) }
