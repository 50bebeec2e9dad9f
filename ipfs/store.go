package ipfs

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Store is a content store on local disk: one file per CID holding the file's
// bytes (not its blocks), named by the CID's string form. Writes are atomic
// (temporary file, fsync, rename), so a crash leaves either the whole content
// or nothing, and reads re-hash what they return, so a damaged or edited file
// is reported as ErrMismatch rather than served. Safe for concurrent use.
type Store struct {
	dir string
}

// OpenStore opens (creating if needed) a store rooted at dir.
func OpenStore(dir string) (*Store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("ipfs: open store: %w", err)
	}
	return &Store{dir: dir}, nil
}

func (s *Store) path(c CID) string { return filepath.Join(s.dir, c.String()) }

// Put stores data and returns its CID. Storing content already present is a
// no-op.
func (s *Store) Put(data []byte) (CID, error) {
	c := Sum(data)
	if _, err := os.Stat(s.path(c)); err == nil {
		return c, nil
	}
	if err := s.write(c, data); err != nil {
		return CID{}, err
	}
	return c, nil
}

// putVerified stores data already known to hash to c.
func (s *Store) putVerified(c CID, data []byte) error {
	if _, err := os.Stat(s.path(c)); err == nil {
		return nil
	}
	return s.write(c, data)
}

func (s *Store) write(c CID, data []byte) (err error) {
	tmp, err := os.CreateTemp(s.dir, ".tmp-*")
	if err != nil {
		return fmt.Errorf("ipfs: store %s: %w", c, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("ipfs: store %s: %w", c, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("ipfs: store %s: %w", c, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("ipfs: store %s: %w", c, err)
	}
	if err = os.Rename(tmp.Name(), s.path(c)); err != nil {
		return fmt.Errorf("ipfs: store %s: %w", c, err)
	}
	// Make the rename itself durable.
	if d, derr := os.Open(s.dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// Get returns the content of c. It fails with ErrNotFound if the store does
// not hold c, ErrTooLarge if the stored content exceeds maxSize (≤ 0: no
// limit), and ErrMismatch if the stored bytes no longer hash to c.
func (s *Store) Get(c CID, maxSize int64) ([]byte, error) {
	if c.IsZero() {
		return nil, fmt.Errorf("%w: zero CID", ErrBadCID)
	}
	f, err := os.Open(s.path(c))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%w: %s not in local store", ErrNotFound, c)
	}
	if err != nil {
		return nil, fmt.Errorf("ipfs: local store %s: %w", c, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("ipfs: local store %s: %w", c, err)
	}
	if maxSize > 0 && st.Size() > maxSize {
		return nil, fmt.Errorf("%w: %s holds %d bytes, limit %d", ErrTooLarge, c, st.Size(), maxSize)
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("ipfs: local store %s: %w", c, err)
	}
	if maxSize > 0 && int64(len(data)) > maxSize {
		return nil, fmt.Errorf("%w: %s holds %d bytes, limit %d", ErrTooLarge, c, len(data), maxSize)
	}
	if got := Sum(data); got != c {
		return nil, fmt.Errorf("%w: local store file for %s hashes to %s", ErrMismatch, c, got)
	}
	return data, nil
}

// Has reports whether the store holds a file for c (without verifying it).
func (s *Store) Has(c CID) bool {
	if c.IsZero() {
		return false
	}
	_, err := os.Stat(s.path(c))
	return err == nil
}
