//go:build !linux

package actions

// capAddressSpace does nothing off Linux, where only the watchdog bounds memory.
func capAddressSpace(limit int64) {}
