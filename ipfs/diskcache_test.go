package ipfs

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// A stranger can name any number of CIDs; what the node keeps of them on
// disk stays within the quota, oldest use first out, across a restart.
func TestDiskCacheQuota(t *testing.T) {
	dir := t.TempDir()
	k, err := OpenDiskCache(dir, 3000)
	if err != nil {
		t.Fatal(err)
	}
	var cids []CID
	for i := range 5 {
		data := bytes.Repeat([]byte{byte('a' + i)}, 1000)
		c := Sum(data)
		cids = append(cids, c)
		if err := k.put(c, data); err != nil {
			t.Fatal(err)
		}
		if i == 2 { // use the first again: the second is now the oldest
			if _, err := k.Get(cids[0], 0); err != nil {
				t.Fatal(err)
			}
		}
	}
	if size, n := k.Size(); size > 3000 || n != 3 {
		t.Fatalf("cache holds %d bytes in %d entries, quota 3000", size, n)
	}
	if got := dirBytes(t, dir); got > 3000 {
		t.Fatalf("directory holds %d bytes, quota 3000", got)
	}
	// Use order 1, 2, 0, 3, 4: adding 3 and 4 evicted 1 and 2.
	for i, want := range []bool{true, false, false, true, true} {
		_, err := k.Get(cids[i], 0)
		if want != (err == nil) {
			t.Fatalf("entry %d kept=%v, want %v (%v)", i, err == nil, want, err)
		}
	}
	// Reopened with a lower quota, the least recently used go at once (the
	// reads above made the order 0, 3, 4, kept in the files' times).
	k2, err := OpenDiskCache(dir, 1500)
	if err != nil {
		t.Fatal(err)
	}
	if _, n := k2.Size(); n != 1 {
		t.Fatalf("reopened under a 1500-byte quota: %d entries", n)
	}
	if _, err := k2.Get(cids[4], 0); err != nil {
		t.Fatalf("most recent entry lost on reopen: %v", err)
	}
	if got := dirBytes(t, dir); got > 1500 {
		t.Fatalf("directory holds %d bytes after reopen, quota 1500", got)
	}
	// Content over the whole quota is not kept.
	big := bytes.Repeat([]byte("z"), 2000)
	if err := k2.put(Sum(big), big); err != nil {
		t.Fatal(err)
	}
	if _, err := k2.Get(Sum(big), 0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("over-quota content: %v", err)
	}
	if _, err := OpenDiskCache(t.TempDir(), 0); err == nil {
		t.Fatal("zero quota accepted")
	}
}

// A cache file edited on disk is reported and dropped, never served.
func TestDiskCacheTampered(t *testing.T) {
	dir := t.TempDir()
	k, err := OpenDiskCache(dir, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("code")
	c := Sum(data)
	if err := k.put(c, data); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, c.String()), []byte("evil"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get(c, 0); !errors.Is(err, ErrMismatch) {
		t.Fatalf("tampered: %v", err)
	}
	if _, n := k.Size(); n != 0 {
		t.Fatal("tampered entry kept")
	}
	if _, err := os.Stat(filepath.Join(dir, c.String())); err == nil {
		t.Fatal("tampered file kept")
	}
}

func dirBytes(t *testing.T, dir string) int64 {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, e := range ents {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		n += info.Size()
	}
	return n
}
