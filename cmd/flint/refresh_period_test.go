package main

import (
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
)

// TestSetRefreshPeriod: the owner sets the refresh period (0 = off), status shows it, and a bad period
// or another account is refused in plain words.
func TestSetRefreshPeriod(t *testing.T) {
	e := startEpochNet(t, 4)
	nw := []string{"--network", e.nwFile}
	if st := e.status(t); st.RefreshPeriod != 3600 || st.NextRefresh.IsZero() {
		t.Fatalf("default: %+v", st)
	}
	mustFail(t, []string{"not a period"}, append([]string{"network", "set-refresh-period", "1.5s"}, nw...)...)
	mustFail(t, []string{"not the contracts' owner"}, append([]string{"network", "set-refresh-period", "1h", "--key", hex0x(crypto.FromECDSA(e.chain.Accounts()[1].Key))}, nw...)...)
	out := mustRun(t, append([]string{"network", "set-refresh-period", "90m"}, nw...)...)
	if !strings.Contains(out, "every 1h30m0s") {
		t.Fatalf("set: %s", out)
	}
	if st := e.status(t); st.RefreshPeriod != 5400 {
		t.Fatalf("after 90m: %+v", st)
	}
	text := mustRun(t, append([]string{"network", "status"}, nw...)...)
	if !strings.Contains(text, "refresh every 1h30m0s") {
		t.Fatalf("status text: %s", text)
	}
	mustRun(t, append([]string{"network", "set-refresh-period", "0"}, nw...)...)
	if st := e.status(t); st.RefreshPeriod != 0 || !st.NextRefresh.IsZero() {
		t.Fatalf("after 0: %+v", st)
	}
	if text := mustRun(t, append([]string{"network", "status"}, nw...)...); !strings.Contains(text, "no periodic refresh") {
		t.Fatalf("status text: %s", text)
	}
}
