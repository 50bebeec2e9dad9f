package usage

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func testConfig(t *testing.T) Config {
	return Config{Dir: t.TempDir(), MaxFileBytes: 1 << 20, MaxFiles: 4}
}

func rec(i int) *Record {
	return &Record{ID: fmt.Sprintf("req-%d", i), Time: time.Unix(1700000000+int64(i), 0).UTC(), Kind: KindSign,
		Caller: "0xAbC0000000000000000000000000000000000001", CallerClass: ClassSession,
		PKP: fmt.Sprintf("02%064x", i%3), Digest: fmt.Sprintf("%064x", i), Outcome: OutcomeOK, DurationUS: 5000}
}

func readAll(t *testing.T, dir string, f Filter) ([]*Record, Stats) {
	t.Helper()
	var out []*Record
	st, err := Read(dir, f, func(r *Record) bool { out = append(out, r); return true })
	if err != nil {
		t.Fatal(err)
	}
	return out, st
}

func TestAppendConcurrentThenRead(t *testing.T) {
	cfg := testConfig(t)
	l, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	var commits, committed int
	var mu sync.Mutex
	l.Commit = func(n int, _ time.Duration) { mu.Lock(); commits++; committed += n; mu.Unlock() }
	var wg sync.WaitGroup
	for i := range 64 {
		wg.Go(func() {
			if err := l.Append(rec(i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	if err := l.Append(rec(99)); !errors.Is(err, ErrClosed) {
		t.Fatalf("Append after Close: %v, want ErrClosed", err)
	}
	got, st := readAll(t, cfg.Dir, Filter{})
	if len(got) != 64 || st.Skipped != 0 {
		t.Fatalf("read %d records, %d skipped; want 64, 0", len(got), st.Skipped)
	}
	seen := map[string]bool{}
	for _, r := range got {
		seen[r.ID] = true
	}
	if len(seen) != 64 {
		t.Fatalf("%d distinct ids, want 64", len(seen))
	}
	if committed != 64 || commits > 64 {
		t.Fatalf("commits %d covering %d records", commits, committed)
	}
	t.Logf("64 concurrent appends in %d group commits", commits)
}

func TestRotationStaysInBounds(t *testing.T) {
	cfg := Config{Dir: t.TempDir(), MaxFileBytes: MinFileBytes, MaxFiles: 3}
	l, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	const n = 2000 // about 300 bytes each: 600 KB, far over 3 files of 64 KiB
	for i := range n {
		if err := l.Append(rec(i)); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	ents, _ := os.ReadDir(cfg.Dir)
	if len(ents) != cfg.MaxFiles {
		t.Fatalf("%d files, want maxFiles %d", len(ents), cfg.MaxFiles)
	}
	for _, e := range ents {
		info, _ := e.Info()
		if info.Size() > cfg.MaxFileBytes {
			t.Fatalf("%s is %d bytes, over maxFileBytes %d", e.Name(), info.Size(), cfg.MaxFileBytes)
		}
	}
	got, st := readAll(t, cfg.Dir, Filter{})
	if st.Skipped != 0 || len(got) == 0 || len(got) >= n {
		t.Fatalf("read %d (skipped %d) of %d", len(got), st.Skipped, n)
	}
	// The newest records stay, contiguous up to the last one.
	for i, r := range got {
		if want := fmt.Sprintf("req-%d", n-len(got)+i); r.ID != want {
			t.Fatalf("record %d is %s, want %s", i, r.ID, want)
		}
	}
	// Reopening continues the rotation within the bound.
	l, err = Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 500 {
		if err := l.Append(rec(n + i)); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	if ents, _ := os.ReadDir(cfg.Dir); len(ents) != cfg.MaxFiles {
		t.Fatalf("after reopening: %d files, want %d", len(ents), cfg.MaxFiles)
	}
}

func lastFile(t *testing.T, dir string) string {
	seqs, err := files(dir)
	if err != nil || len(seqs) == 0 {
		t.Fatalf("no log files: %v", err)
	}
	return filepath.Join(dir, fileName(seqs[len(seqs)-1]))
}

func TestTornTailSkippedThenCut(t *testing.T) {
	cfg := testConfig(t)
	l, _ := Open(cfg)
	for i := range 3 {
		if err := l.Append(rec(i)); err != nil {
			t.Fatal(err)
		}
	}
	l.Close()
	// A crash in the middle of the fourth record's write.
	full, _ := Encode(rec(3))
	f, _ := os.OpenFile(lastFile(t, cfg.Dir), os.O_WRONLY|os.O_APPEND, 0)
	f.Write(full[:len(full)/2])
	f.Close()
	got, st := readAll(t, cfg.Dir, Filter{})
	if len(got) != 3 || st.Skipped != 1 {
		t.Fatalf("with a torn tail: %d records, %d skipped; want 3, 1", len(got), st.Skipped)
	}
	// A record whose newline alone is missing is torn too.
	l, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := l.Append(rec(4)); err != nil {
		t.Fatal(err)
	}
	l.Close()
	got, st = readAll(t, cfg.Dir, Filter{})
	if len(got) != 4 || st.Skipped != 0 || got[3].ID != "req-4" {
		t.Fatalf("after reopening: %d records, %d skipped; want 4 ending req-4, 0", len(got), st.Skipped)
	}
	f, _ = os.OpenFile(lastFile(t, cfg.Dir), os.O_WRONLY|os.O_APPEND, 0)
	f.Write(full[:len(full)-1])
	f.Close()
	if got, st = readAll(t, cfg.Dir, Filter{}); len(got) != 4 || st.Skipped != 1 {
		t.Fatalf("record without its newline: %d records, %d skipped; want 4, 1", len(got), st.Skipped)
	}
}

func TestCorruptRecordSkipped(t *testing.T) {
	cfg := testConfig(t)
	l, _ := Open(cfg)
	for i := range 5 {
		l.Append(rec(i))
	}
	l.Close()
	path := lastFile(t, cfg.Dir)
	b, _ := os.ReadFile(path)
	lines := bytes.SplitAfter(b, []byte{'\n'})
	off := len(lines[0]) + len(lines[1]) + 30 // inside record 2's JSON
	b[off] ^= 0x01
	// And a line far longer than any record.
	b = append(b, bytes.Repeat([]byte{'x'}, 3*MaxRecordBytes)...)
	b = append(b, '\n')
	os.WriteFile(path, b, 0o600)
	got, st := readAll(t, cfg.Dir, Filter{})
	if len(got) != 4 || st.Skipped != 2 {
		t.Fatalf("%d records, %d skipped; want 4, 2", len(got), st.Skipped)
	}
	for _, r := range got {
		if r.ID == "req-2" {
			t.Fatal("the corrupted record was read")
		}
	}
	// Reopening keeps the records after the bad one and cuts the long line.
	l, err := Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l.Append(rec(5))
	l.Close()
	if got, st = readAll(t, cfg.Dir, Filter{}); len(got) != 5 || st.Skipped != 1 {
		t.Fatalf("after reopening: %d records, %d skipped; want 5, 1", len(got), st.Skipped)
	}
}

func TestFilters(t *testing.T) {
	cfg := testConfig(t)
	l, _ := Open(cfg)
	for i := range 9 {
		r := rec(i)
		if i%2 == 1 {
			r.Caller = "0x00000000000000000000000000000000000000B2"
		}
		if i == 7 {
			r.Kind, r.PKP, r.Digest, r.CID = KindExecute, "", "", "QmAction"
			r.Signs = []Sign{{PKP: fmt.Sprintf("02%064x", 2), Digest: fmt.Sprintf("%064x", 77), Outcome: OutcomeOK}}
		}
		l.Append(r)
	}
	l.Close()
	ids := func(f Filter) string {
		got, _ := readAll(t, cfg.Dir, f)
		var s []string
		for _, r := range got {
			s = append(s, strings.TrimPrefix(r.ID, "req-"))
		}
		return strings.Join(s, ",")
	}
	base := time.Unix(1700000000, 0)
	for _, c := range []struct {
		name string
		f    Filter
		want string
	}{
		{"all", Filter{}, "0,1,2,3,4,5,6,7,8"},
		{"caller, any case, no 0x", Filter{Caller: "00000000000000000000000000000000000000b2"}, "1,3,5,7"},
		{"pkp, with an Action's signature", Filter{PKP: fmt.Sprintf("02%064X", 2)}, "2,5,7,8"},
		{"cid", Filter{CID: "QmAction"}, "7"},
		{"since inclusive, until exclusive", Filter{Since: base.Add(3 * time.Second), Until: base.Add(6 * time.Second)}, "3,4,5"},
		{"combined", Filter{Caller: "0x00000000000000000000000000000000000000b2", PKP: fmt.Sprintf("02%064x", 0)}, "3"},
	} {
		if got := ids(c.f); got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, got, c.want)
		}
	}
}

func TestRecordBounds(t *testing.T) {
	r := rec(1)
	r.ID = strings.Repeat("a", MaxRecordBytes)
	if _, err := Encode(r); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("oversized record: %v, want ErrTooLarge", err)
	}
	for _, c := range []Config{
		{Dir: "", MaxFileBytes: MinFileBytes, MaxFiles: 1},
		{Dir: "x", MaxFileBytes: MinFileBytes - 1, MaxFiles: 1},
		{Dir: "x", MaxFileBytes: MinFileBytes, MaxFiles: 0},
		{Dir: "x", MaxFileBytes: MinFileBytes, MaxFiles: MaxFilesMax + 1},
	} {
		if err := c.Check(); err == nil {
			t.Errorf("config %+v accepted", c)
		}
	}
}

func FuzzParse(f *testing.F) {
	good, _ := Encode(rec(1))
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("00000000 {}\n"))
	f.Add([]byte("zzzzzzzz {}"))
	f.Fuzz(func(t *testing.T, line []byte) {
		r, err := Parse(line)
		if err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatalf("error %v is not ErrCorrupt", err)
			}
			return
		}
		// What parses re-encodes to a line that parses to the same record.
		again, err := Encode(r)
		if err != nil {
			return // a record at the size limit may grow when re-encoded
		}
		r2, err := Parse(again)
		if err != nil || r2.ID != r.ID || r2.Outcome != r.Outcome || !r2.Time.Equal(r.Time) {
			t.Fatalf("re-encoded record differs: %v", err)
		}
	})
}

// BenchmarkAppend measures a durable append (one fsync per record when
// they come one at a time).
func BenchmarkAppend(b *testing.B) {
	l, err := Open(Config{Dir: b.TempDir(), MaxFileBytes: 64 << 20, MaxFiles: 2})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	r := rec(1)
	for b.Loop() {
		if err := l.Append(r); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzLogFile: whatever a log file holds, reading it does not fail, and
// the writer reopens it, keeps its valid records and appends after them.
func FuzzLogFile(f *testing.F) {
	good, _ := Encode(rec(1))
	good2, _ := Encode(rec(2))
	f.Add(append(append([]byte{}, good...), good2...))
	f.Add(append(append([]byte{}, good...), good2[:20]...))
	f.Add(append([]byte("garbage\n"), good...))
	f.Add(good[:len(good)-1])
	f.Fuzz(func(t *testing.T, content []byte) {
		cfg := Config{Dir: t.TempDir(), MaxFileBytes: 1 << 20, MaxFiles: 2}
		if err := os.WriteFile(filepath.Join(cfg.Dir, fileName(1)), content, 0o600); err != nil {
			t.Fatal(err)
		}
		before, _ := readAll(t, cfg.Dir, Filter{})
		l, err := Open(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := l.Append(rec(42)); err != nil {
			t.Fatal(err)
		}
		l.Close()
		after, _ := readAll(t, cfg.Dir, Filter{})
		if len(after) != len(before)+1 || after[len(after)-1].ID != "req-42" {
			t.Fatalf("%d records before, %d after reopening and appending one", len(before), len(after))
		}
		for i := range before {
			if before[i].ID != after[i].ID {
				t.Fatalf("record %d changed: %s, then %s", i, before[i].ID, after[i].ID)
			}
		}
	})
}
