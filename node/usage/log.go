package usage

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Config sizes a Log.
type Config struct {
	Dir          string // created if missing
	MaxFileBytes int64  // a file is rotated before it would grow past this
	MaxFiles     int    // files kept, the one being written included
}

// Bounds of Config.
const (
	MinFileBytes = 2 * (MaxRecordBytes + 10) // a file holds at least two records
	MaxFilesMax  = 10000
)

// Check reports a Config outside its bounds.
func (c Config) Check() error {
	switch {
	case c.Dir == "":
		return errors.New("usage: dir is required")
	case c.MaxFileBytes < MinFileBytes:
		return fmt.Errorf("usage: maxFileBytes %d under the minimum of %d", c.MaxFileBytes, MinFileBytes)
	case c.MaxFiles < 1 || c.MaxFiles > MaxFilesMax:
		return fmt.Errorf("usage: maxFiles %d outside 1..%d", c.MaxFiles, MaxFilesMax)
	}
	return nil
}

// ErrClosed is returned by Append after Close.
var ErrClosed = errors.New("usage: log closed")

const (
	filePrefix = "usage-"
	fileSuffix = ".log"
)

func fileName(seq uint64) string { return fmt.Sprintf("%s%016d%s", filePrefix, seq, fileSuffix) }

// files lists the log's files in dir, oldest first, by sequence number.
func files(dir string) ([]uint64, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var seqs []uint64
	for _, e := range ents {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, filePrefix) || !strings.HasSuffix(name, fileSuffix) {
			continue
		}
		s, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimPrefix(name, filePrefix), fileSuffix), 10, 64)
		if err != nil {
			continue
		}
		seqs = append(seqs, s)
	}
	slices.Sort(seqs)
	return seqs, nil
}

// Log appends records durably. Append returns once the record is on disk
// (fsynced): concurrent Appends share one write and one fsync (a group
// commit that never waits for company), so a node that records before it
// answers has answered nothing it has not recorded.
type Log struct {
	cfg  Config
	reqs chan *pending
	done chan struct{}

	mu     sync.Mutex // guards closed against Append's send
	closed bool

	// Owned by the writer goroutine.
	f    *os.File
	seq  uint64
	size int64
	seqs []uint64 // files on disk, oldest first, the current one last
	// batchStart is where the batch being written starts in the current
	// file.
	batchStart int64

	// Commit, when set before the first Append, is told each group
	// commit's size and how long its write and fsync took.
	Commit func(records int, took time.Duration)
}

type pending struct {
	line []byte
	err  chan error
}

// Open opens the log in cfg.Dir for appending: it continues the newest file
// after cutting off a torn tail a crash may have left.
func Open(cfg Config) (*Log, error) {
	if err := cfg.Check(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(cfg.Dir, 0o700); err != nil {
		return nil, fmt.Errorf("usage: %w", err)
	}
	seqs, err := files(cfg.Dir)
	if err != nil {
		return nil, fmt.Errorf("usage: %w", err)
	}
	l := &Log{cfg: cfg, reqs: make(chan *pending, 256), done: make(chan struct{}), seqs: seqs}
	if len(seqs) == 0 {
		if err := l.openFile(1); err != nil {
			return nil, err
		}
	} else if err := l.reopen(seqs[len(seqs)-1]); err != nil {
		return nil, err
	}
	if err := l.prune(); err != nil {
		l.f.Close()
		return nil, err
	}
	go l.run()
	return l, nil
}

// reopen opens file seq for appending after its last whole, valid record.
func (l *Log) reopen(seq uint64) error {
	path := filepath.Join(l.cfg.Dir, fileName(seq))
	f, err := os.OpenFile(path, os.O_RDWR, 0o600)
	if err != nil {
		return fmt.Errorf("usage: %w", err)
	}
	end, err := validEnd(f)
	if err != nil {
		f.Close()
		return fmt.Errorf("usage: reading %s: %w", path, err)
	}
	if err := f.Truncate(end); err != nil {
		f.Close()
		return fmt.Errorf("usage: cutting the torn tail of %s: %w", path, err)
	}
	if _, err := f.Seek(end, io.SeekStart); err != nil {
		f.Close()
		return fmt.Errorf("usage: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("usage: %w", err)
	}
	l.f, l.seq, l.size = f, seq, end
	return nil
}

// validEnd is the offset just past the last line of r that parses: what
// follows it is a torn write. A bad line between good ones stays (the
// reader skips it); only the tail is cut.
func validEnd(r io.Reader) (int64, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var off, end int64
	for {
		line, n, err := nextLine(br)
		if err == io.EOF {
			return end, nil
		}
		if err != nil {
			return 0, err
		}
		off += n
		if _, perr := Parse(line); perr == nil {
			end = off
		}
	}
}

// maxLine is the longest line a record makes: checksum, space, record,
// newline.
const maxLine = 9 + MaxRecordBytes + 1

// nextLine reads up to and including the next newline and returns the
// bytes it consumed and the line, or nil for a line longer than any record
// (so memory stays bounded on a corrupt file). err is nil exactly when a
// newline ended the line; at io.EOF what was read is a torn tail.
func nextLine(br *bufio.Reader) (line []byte, n int64, err error) {
	long := false
	for {
		chunk, err := br.ReadSlice('\n')
		n += int64(len(chunk))
		if !long {
			line = append(line, chunk...)
			if len(line) > maxLine {
				long, line = true, nil
			}
		}
		if err != bufio.ErrBufferFull {
			return line, n, err
		}
	}
}

func (l *Log) openFile(seq uint64) error {
	path := filepath.Join(l.cfg.Dir, fileName(seq))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("usage: %w", err)
	}
	if err := syncDir(l.cfg.Dir); err != nil {
		f.Close()
		return err
	}
	l.f, l.seq, l.size = f, seq, 0
	l.seqs = append(l.seqs, seq)
	return nil
}

// prune removes the oldest files past MaxFiles.
func (l *Log) prune() error {
	removed := false
	for len(l.seqs) > l.cfg.MaxFiles {
		if err := os.Remove(filepath.Join(l.cfg.Dir, fileName(l.seqs[0]))); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("usage: rotating: %w", err)
		}
		l.seqs = l.seqs[1:]
		removed = true
	}
	if removed {
		return syncDir(l.cfg.Dir)
	}
	return nil
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("usage: %w", err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("usage: syncing %s: %w", dir, err)
	}
	return nil
}

// Append writes r and returns once it is durable.
func (l *Log) Append(r *Record) error {
	line, err := Encode(r)
	if err != nil {
		return err
	}
	p := &pending{line: line, err: make(chan error, 1)}
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return ErrClosed
	}
	l.reqs <- p
	l.mu.Unlock()
	return <-p.err
}

// Close waits for the records appended so far and closes the file.
func (l *Log) Close() error {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil
	}
	l.closed = true
	close(l.reqs)
	l.mu.Unlock()
	<-l.done
	if l.f == nil {
		return nil
	}
	return l.f.Close()
}

// run is the writer: it takes every record waiting, writes them, fsyncs
// once and tells each Append.
func (l *Log) run() {
	defer close(l.done)
	var batch []*pending
	for p := range l.reqs {
		batch = append(batch[:0], p)
	more:
		for len(batch) < 1024 {
			select {
			case q, ok := <-l.reqs:
				if !ok {
					break more
				}
				batch = append(batch, q)
			default:
				break more
			}
		}
		start := time.Now()
		err := l.write(batch)
		if l.Commit != nil {
			l.Commit(len(batch), time.Since(start))
		}
		for _, q := range batch {
			q.err <- err
		}
	}
}

// write appends a batch, rotating as a file fills, and fsyncs. On a
// failure it cuts the current file back to where the batch started in it,
// so a half-written line does not swallow the next record.
func (l *Log) write(batch []*pending) error {
	err := l.writeBatch(batch)
	if err != nil {
		l.cut()
	}
	return err
}

// cut truncates the current file to the start of the failed batch, as far
// as the disk lets it.
func (l *Log) cut() {
	if l.f != nil && l.f.Truncate(l.batchStart) == nil {
		if _, err := l.f.Seek(l.batchStart, io.SeekStart); err == nil {
			l.size = l.batchStart
		}
	}
}

func (l *Log) writeBatch(batch []*pending) error {
	if l.f == nil { // a rotation failed half-way
		if err := l.openFile(l.seq + 1); err != nil {
			return err
		}
		if err := l.prune(); err != nil {
			return err
		}
	}
	var buf []byte
	flush := func() error {
		if len(buf) == 0 {
			return nil
		}
		n, err := l.f.Write(buf)
		l.size += int64(n)
		buf = buf[:0]
		if err != nil {
			return fmt.Errorf("usage: writing %s: %w", fileName(l.seq), err)
		}
		return nil
	}
	l.batchStart = l.size
	for _, p := range batch {
		if l.size+int64(len(buf))+int64(len(p.line)) > l.cfg.MaxFileBytes && l.size+int64(len(buf)) > 0 {
			if err := flush(); err != nil {
				return err
			}
			if err := l.rotate(); err != nil {
				return err
			}
			l.batchStart = 0
		}
		buf = append(buf, p.line...)
	}
	if err := flush(); err != nil {
		return err
	}
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("usage: syncing %s: %w", fileName(l.seq), err)
	}
	return nil
}

// rotate closes the full file and starts the next.
func (l *Log) rotate() error {
	if err := l.f.Sync(); err != nil {
		return fmt.Errorf("usage: syncing %s: %w", fileName(l.seq), err)
	}
	err := l.f.Close()
	l.f = nil // writeBatch opens the next file if this fails
	if err != nil {
		return fmt.Errorf("usage: closing %s: %w", fileName(l.seq), err)
	}
	if err := l.openFile(l.seq + 1); err != nil {
		return err
	}
	return l.prune()
}
