package usage

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Filter selects records; a zero field selects all.
type Filter struct {
	Caller string    // the caller's address, any case
	PKP    string    // a compressed public key in hex, any case: the request's or one an Action signed with
	CID    string    // the Action's CID
	Since  time.Time // records at or after
	Until  time.Time // records before
}

// Match reports whether r passes f.
func (f *Filter) Match(r *Record) bool {
	if f.Caller != "" && !strings.EqualFold(strings.TrimPrefix(f.Caller, "0x"), strings.TrimPrefix(r.Caller, "0x")) {
		return false
	}
	if f.CID != "" && f.CID != r.CID {
		return false
	}
	if !f.Since.IsZero() && r.Time.Before(f.Since) {
		return false
	}
	if !f.Until.IsZero() && !r.Time.Before(f.Until) {
		return false
	}
	if f.PKP != "" {
		if strings.EqualFold(f.PKP, r.PKP) {
			return true
		}
		for _, s := range r.Signs {
			if strings.EqualFold(f.PKP, s.PKP) {
				return true
			}
		}
		return false
	}
	return true
}

// Stats says what a Read went through.
type Stats struct {
	Files   int // files read
	Records int // valid records read, matching or not
	Skipped int // lines that did not parse (corrupt, or a torn tail)
}

// Read calls fn with each record in dir that f matches, oldest first, until
// fn returns false. It only reads, so it is safe while a node appends: a
// line being written shows as a torn tail and is skipped, and a file
// rotated away between listing and opening is passed over.
func Read(dir string, f Filter, fn func(*Record) bool) (Stats, error) {
	var st Stats
	seqs, err := files(dir)
	if err != nil {
		return st, fmt.Errorf("usage: %w", err)
	}
	for _, seq := range seqs {
		file, err := os.Open(filepath.Join(dir, fileName(seq)))
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return st, fmt.Errorf("usage: %w", err)
		}
		st.Files++
		more, err := readFile(file, &f, &st, fn)
		file.Close()
		if err != nil {
			return st, fmt.Errorf("usage: reading %s: %w", fileName(seq), err)
		}
		if !more {
			break
		}
	}
	return st, nil
}

func readFile(r io.Reader, f *Filter, st *Stats, fn func(*Record) bool) (bool, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	for {
		line, n, err := nextLine(br)
		if err != nil && err != io.EOF {
			return false, err
		}
		if n > 0 {
			rec, perr := Parse(line)
			switch {
			case perr != nil || err == io.EOF: // a line with no newline is torn, even if it parses
				st.Skipped++
			default:
				st.Records++
				if f.Match(rec) && !fn(rec) {
					return false, nil
				}
			}
		}
		if err == io.EOF {
			return true, nil
		}
	}
}
