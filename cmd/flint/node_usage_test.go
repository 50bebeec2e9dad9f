package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/node"
	"github.com/flint-network/flint/node/usage"
)

func TestNodeUsageCommand(t *testing.T) {
	dataDir := t.TempDir()
	l, err := usage.Open(usage.Config{Dir: node.UsageDir(dataDir), MaxFileBytes: usage.MinFileBytes, MaxFiles: 2})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now().UTC()
	for i, id := range []string{"lit_one", "lit_two", "lit_three"} {
		l.Append(&usage.Record{ID: id, Time: now.Add(time.Duration(i-3) * time.Hour), Kind: usage.KindSign, CallerClass: usage.ClassSession,
			Caller: "0x00000000000000000000000000000000000000A1", Digest: strings.Repeat("ab", 32), Outcome: usage.OutcomeOK, DurationUS: 4200})
	}
	l.Close()

	out := mustRun(t, "node", "usage", "--data-dir", dataDir)
	for _, want := range []string{"REQUEST", "lit_one", "lit_two", "lit_three", "4.2ms", strings.Repeat("ab", 32)} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}
	var js usageOutput
	if err := json.Unmarshal([]byte(mustRun(t, "node", "usage", "--data-dir", dataDir, "--json", "--since", "150m", "--limit", "1")), &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Records) != 1 || js.Records[0].ID != "lit_three" || js.Files != 1 {
		t.Fatalf("--since 150m --limit 1: %+v", js)
	}
	for _, args := range [][]string{
		{"node", "usage"},
		{"node", "usage", "--data-dir", dataDir, "--pkp", "zz"},
		{"node", "usage", "--data-dir", dataDir, "--pkp", "02" + strings.Repeat("00", 32)},
		{"node", "usage", "--data-dir", dataDir, "--caller", "0x12"},
		{"node", "usage", "--data-dir", dataDir, "--since", "yesterday"},
		{"node", "usage", "--data-dir", dataDir, "--limit", "-1"},
	} {
		_, _, err := run(t, args...)
		var ue *usageError
		if !errors.As(err, &ue) {
			t.Errorf("flint %v: %v, want a usage error", args, err)
		}
	}
}
