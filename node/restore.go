package node

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/flint-network/flint/crypto/tecdsa"
)

// checkRestore finds out whether the store was restored from a backup: the
// store and the incarnation file (outside the data directory) each count the
// node's starts, and a store behind the file — or a file missing beside a
// store that has run before — is one that may have handed out, after the
// backup was made, presignatures it still lists as free. Its presignatures
// are then all dropped, a floor is set below which no presignature is ever
// bound or endorsed here (the endorsements this node gave since the backup
// are forgotten too), and the owners of the batches it held are told. It
// returns the batches it stopped holding, for those notices.
func (n *Node) checkRestore(now time.Time) (gone []tecdsa.PresigID, err error) {
	inStore, err := n.store.Incarnation()
	if err != nil {
		return nil, err
	}
	inFile, err := readIncarnation(n.cfg.IncarnationFile)
	if err != nil {
		return nil, err
	}
	if inStore != inFile {
		n.log.Warn("the store's incarnation does not match the incarnation file: treating the store as restored from a backup; its presignatures are dropped",
			"store", inStore, "file", inFile, "path", n.cfg.IncarnationFile)
		if gone, err = n.store.DropAll(); err != nil {
			return nil, err
		}
		// Above every batch this node could have endorsed before: a batch id
		// may be up to batchClockSkew in this node's future.
		if err := n.store.SetFloor(now.Add(2 * batchClockSkew)); err != nil {
			return nil, err
		}
	}
	next := max(inStore, inFile) + 1
	// The store first: a crash between the two writes leaves the store
	// ahead, which the next start treats as a restore — it costs a pool,
	// never a double use.
	if err := n.store.SetIncarnation(next); err != nil {
		return nil, err
	}
	if err := writeIncarnation(n.cfg.IncarnationFile, next); err != nil {
		return nil, err
	}
	return gone, nil
}

func readIncarnation(path string) (uint64, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("node: incarnation file: %w", err)
	}
	if len(b) != 8 {
		return 0, fmt.Errorf("%w: incarnation file %s has %d bytes", ErrConfig, path, len(b))
	}
	return binary.BigEndian.Uint64(b), nil
}

// writeIncarnation replaces the file atomically and durably.
func writeIncarnation(path string, n uint64) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("node: incarnation file: %w", err)
	}
	_, err = f.Write(binary.BigEndian.AppendUint64(nil, n))
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err == nil {
		if d, derr := os.Open(filepath.Dir(path)); derr == nil {
			err = d.Sync()
			d.Close()
		}
	}
	if err != nil {
		return fmt.Errorf("node: incarnation file: %w", err)
	}
	return nil
}
