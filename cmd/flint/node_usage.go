package main

import (
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"

	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/node"
	"github.com/flint-network/flint/node/usage"
)

type usageFlags struct {
	dataDir, dir     string
	caller, pkp, cid string
	since, until     string
	json             bool
	limit            int
	now              func() time.Time // for tests; time.Now otherwise
}

func newNodeUsageCmd() *cobra.Command {
	f := usageFlags{now: time.Now}
	cmd := &cobra.Command{
		Use:   "usage --data-dir DIR",
		Short: "Show a node's usage records",
		Long: `Reads a node's usage records — one per signing or Action request: request id, time, caller, PKP or
Action CID, the digest signed, the presignature, the outcome and the duration — oldest first. It reads
the record files directly and only reads, so it is safe while the node runs.

Times are RFC 3339 (2026-01-02T15:04:05Z) or a duration back from now (1h, 30m).`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runNodeUsage(cmd.OutOrStdout(), &f) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.dataDir, "data-dir", "", "the node's data directory (records in DIR/usage)")
	fl.StringVar(&f.dir, "dir", "", "the record directory, when the node's usage.dir is set elsewhere")
	fl.StringVar(&f.caller, "caller", "", "only requests by this address")
	fl.StringVar(&f.pkp, "pkp", "", "only requests that signed with this PKP (public key, hex, 33 or 65 bytes)")
	fl.StringVar(&f.cid, "cid", "", "only executions of this Action CID")
	fl.StringVar(&f.since, "since", "", "only requests at or after this time")
	fl.StringVar(&f.until, "until", "", "only requests before this time")
	fl.BoolVar(&f.json, "json", false, `print JSON: {"records": [...], "files": n, "skipped": n}`)
	fl.IntVar(&f.limit, "limit", 0, "print only the newest N matching records (0: all)")
	return cmd
}

// usageTime parses an RFC 3339 time or a duration back from now.
func usageTime(flag, s string, now time.Time) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, usagef("--%s %q: want an RFC 3339 time (2026-01-02T15:04:05Z) or a duration back from now (1h)", flag, s)
}

func (f *usageFlags) filter() (usage.Filter, error) {
	var out usage.Filter
	if f.caller != "" {
		if !common.IsHexAddress(f.caller) {
			return out, usagef("--caller %q: want a 20-byte address in hex", f.caller)
		}
		out.Caller = common.HexToAddress(f.caller).Hex()
	}
	if f.pkp != "" {
		b, err := hex.DecodeString(trim0x(strings.TrimSpace(f.pkp)))
		if err != nil {
			return out, usagef("--pkp: not hex")
		}
		p, err := secp.ParsePublicKey(b)
		if err != nil {
			return out, usagef("--pkp: not a secp256k1 public key (33 or 65 bytes): %v", err)
		}
		c := secp.Compress(&p)
		out.PKP = hex.EncodeToString(c[:])
	}
	out.CID = f.cid
	now := f.now()
	var err error
	if out.Since, err = usageTime("since", f.since, now); err != nil {
		return out, err
	}
	if out.Until, err = usageTime("until", f.until, now); err != nil {
		return out, err
	}
	return out, nil
}

type usageOutput struct {
	Records []*usage.Record `json:"records"`
	Files   int             `json:"files"`
	Skipped int             `json:"skipped"` // corrupt lines, or one being written
}

func runNodeUsage(w io.Writer, f *usageFlags) error {
	dir := f.dir
	if dir == "" {
		if f.dataDir == "" {
			return usagef("--data-dir (or --dir) is required")
		}
		dir = node.UsageDir(f.dataDir)
	}
	if f.limit < 0 {
		return usagef("--limit %d is negative", f.limit)
	}
	flt, err := f.filter()
	if err != nil {
		return err
	}
	out := usageOutput{Records: []*usage.Record{}}
	st, err := usage.Read(dir, flt, func(r *usage.Record) bool {
		out.Records = append(out.Records, r)
		if f.limit > 0 && len(out.Records) > 2*f.limit { // keep memory to the newest few
			out.Records = append(out.Records[:0], out.Records[len(out.Records)-f.limit:]...)
		}
		return true
	})
	if err != nil {
		return err
	}
	if f.limit > 0 && len(out.Records) > f.limit {
		out.Records = out.Records[len(out.Records)-f.limit:]
	}
	out.Files, out.Skipped = st.Files, st.Skipped
	if f.json {
		return writeJSON(w, out)
	}
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "TIME\tREQUEST\tKIND\tCALLER\tCLASS\tPKP / CID / CONDITIONS\tDIGEST\tPRESIG\tOUTCOME\tTOOK")
	for _, r := range out.Records {
		target, digest := r.PKP, r.Digest
		switch r.Kind {
		case usage.KindExecute:
			target, digest = r.CID, fmt.Sprintf("%d signature(s)", len(r.Signs)+r.SignsDropped)
		case usage.KindDecrypt:
			target = "conditions " + r.Conditions
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Time.UTC().Format(time.RFC3339Nano), r.ID, r.Kind, dash(r.Caller),
			r.CallerClass, dash(target), dash(digest), dash(r.Presig), r.Outcome, r.Duration())
		for _, s := range r.Signs {
			fmt.Fprintf(tw, "\t\t  sign\t\t\t%s\t%s\t%s\t%s\t\n", s.PKP, s.Digest, dash(s.Presig), s.Outcome)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if out.Skipped > 0 {
		fmt.Fprintf(w, "(%d line(s) skipped: corrupt, or being written)\n", out.Skipped)
	}
	return nil
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
