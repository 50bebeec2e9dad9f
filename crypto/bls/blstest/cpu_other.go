//go:build !unix

package blstest

import "testing"

// ReportCPU reports nothing where getrusage is not available.
func ReportCPU(*testing.B) func() { return func() {} }
