// Package store keeps a node's durable state in one bbolt file: its key
// shares and presignatures, sealed with a key the operator provides; the
// bindings of presignatures to requests; and small metadata.
//
// Safety rests on one rule (docs/threshold-ecdsa.md §5): a node persists
// "presignature p is used for (request, m, X')" — its endorsement — before
// it says so to anyone or computes a share with p, and refuses any other use
// of p forever. Endorse checks and writes in one transaction that is fsynced
// before it returns; concurrent writes share one fsync (a group commit that
// never waits for company). After the share is computed, Signed records it
// (so a repeat of the request gets the same answer) and erases the
// presignature's secrets.
//
// Sealing is XChaCha20-Poly1305 with the record's bucket and key as
// associated data, so a sealed record cannot be moved to another name.
package store

import (
	"bytes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
	"golang.org/x/crypto/chacha20poly1305"

	"github.com/flint-network/flint/crypto/tecdsa"
)

// KeySize is the length of the operator's storage key.
const KeySize = chacha20poly1305.KeySize

var (
	// ErrNotFound: no such record.
	ErrNotFound = errors.New("store: not found")
	// ErrWrongKey: the storage key does not open this store.
	ErrWrongKey = errors.New("store: wrong storage key")
	// ErrCorrupt: a record fails to open or decode.
	ErrCorrupt = errors.New("store: corrupt record")
)

var (
	bucketMeta     = []byte("meta")
	bucketSecrets  = []byte("secrets")
	bucketPresigs  = []byte("presigs")
	bucketBindings = []byte("bindings")     // presignature id → binding ‖ share
	bucketLookup   = []byte("lookup")       // tecdsa.Lookup → presignature id
	bucketAcks     = []byte("acks")         // own batch id → the nodes that stored it
	bucketBatchEp  = []byte("batch-epochs") // batch id → u64 epoch ‖ u16 t ‖ u16 party*: the epoch it was made for, its session's parties
	canaryKey      = []byte("canary")
	incarnationKey = []byte("incarnation")
	floorKey       = []byte("floor")
)

// Store is an open node store. It is safe for concurrent use.
type Store struct {
	db      *bolt.DB
	aead    cipher.AEAD
	commits chan *op
	lazy    chan *op // writes that may wait for the next commit
	stop    chan struct{}
	stopped chan struct{}
	close   sync.Once
}

// op is one write waiting for the group committer.
type op struct {
	fn   func(*bolt.Tx) error
	done chan error
}

// Open opens (creating if needed) the store at path with the operator's
// 32-byte storage key. A store created with another key is refused with
// ErrWrongKey before anything is read.
func Open(path string, key []byte) (*Store, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("store: storage key of %d bytes, want %d", len(key), KeySize)
	}
	aead, err := chacha20poly1305.NewX(key)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 5 * time.Second})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, fmt.Errorf("store: %s is locked by another process (is another node using this data directory?)", path)
	}
	if err != nil {
		return nil, fmt.Errorf("store: opening %s: %w", path, err)
	}
	s := &Store{db: db, aead: aead, commits: make(chan *op, 1024), lazy: make(chan *op, 4096), stop: make(chan struct{}), stopped: make(chan struct{})}
	err = db.Update(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketMeta, bucketSecrets, bucketPresigs, bucketBindings, bucketLookup, bucketAcks, bucketBatchEp} {
			if _, err := tx.CreateBucketIfNotExists(b); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		if c := meta.Get(canaryKey); c != nil {
			if _, err := s.open(bucketMeta, canaryKey, c); err != nil {
				return ErrWrongKey
			}
			return nil
		}
		return meta.Put(canaryKey, s.seal(bucketMeta, canaryKey, []byte("flint")))
	})
	if err != nil {
		db.Close()
		if errors.Is(err, ErrWrongKey) {
			return nil, fmt.Errorf("%w: %s", ErrWrongKey, path)
		}
		return nil, fmt.Errorf("store: initialising %s: %w", path, err)
	}
	go s.committer()
	return s, nil
}

// Close closes the store after the pending writes.
func (s *Store) Close() error {
	err := ErrClosed
	s.close.Do(func() {
		close(s.stop)
		<-s.stopped
		err = s.db.Close()
	})
	return err
}

// ErrClosed: the store is closed.
var ErrClosed = errors.New("store: closed")

// write runs fn in a durable write transaction shared with whatever other
// writes are waiting (group commit): an idle store commits at once, a busy
// one commits everything that queued up during the previous fsync together.
// fn's own error fails only its caller, and fn must not write before it has
// decided to succeed.
func (s *Store) write(fn func(*bolt.Tx) error) error { return <-s.queue(fn) }

// queue is write without the wait.
func (s *Store) queue(fn func(*bolt.Tx) error) <-chan error {
	o := &op{fn: fn, done: make(chan error, 1)}
	select {
	case s.commits <- o:
	case <-s.stop:
		o.done <- ErrClosed
	}
	return o.done
}

// writeLazy queues fn for the next commit without waiting for it: for
// records whose loss in a crash is harmless (they can be computed again),
// so they share fsyncs with the writes that must be durable. A lazy write
// waits at most lazyDelay for company.
func (s *Store) writeLazy(fn func(*bolt.Tx) error) <-chan error {
	o := &op{fn: fn, done: make(chan error, 1)}
	select {
	case s.lazy <- o:
	case <-s.stop:
		o.done <- ErrClosed
	}
	return o.done
}

const lazyDelay = 50 * time.Millisecond

func (s *Store) committer() {
	defer close(s.stopped)
	var lazy []*op
	var timer <-chan time.Time
	for {
		var batch []*op
		select {
		case o := <-s.commits:
			batch = append(batch, o)
		case o := <-s.lazy:
			lazy = append(lazy, o)
			if timer == nil {
				timer = time.After(lazyDelay)
			}
			continue
		case <-timer:
		case <-s.stop:
			s.commit(append(lazy, drain(s.lazy)...)) // keep what can still be kept
			for _, o := range drain(s.commits) {
				o.done <- ErrClosed
			}
			return
		}
	more:
		for len(batch) < 256 {
			select {
			case o := <-s.commits:
				batch = append(batch, o)
			default:
				break more
			}
		}
		batch = append(append(batch, lazy...), drain(s.lazy)...)
		lazy, timer = nil, nil
		s.commit(batch)
	}
}

func drain(ch chan *op) []*op {
	var out []*op
	for {
		select {
		case o := <-ch:
			out = append(out, o)
		default:
			return out
		}
	}
}

// commit runs a batch in one durable transaction and reports to each op.
func (s *Store) commit(batch []*op) {
	if len(batch) == 0 {
		return
	}
	errs := make([]error, len(batch))
	err := s.db.Update(func(tx *bolt.Tx) error {
		for i, o := range batch {
			errs[i] = o.fn(tx)
		}
		return nil
	})
	for i, o := range batch {
		if err != nil {
			o.done <- fmt.Errorf("store: commit: %w", err)
		} else {
			o.done <- errs[i]
		}
	}
}

func aad(bucket, key []byte) []byte {
	return append(append(append([]byte{}, bucket...), '/'), key...)
}

func (s *Store) seal(bucket, key, plaintext []byte) []byte {
	nonce := make([]byte, s.aead.NonceSize(), s.aead.NonceSize()+len(plaintext)+s.aead.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		panic(fmt.Sprintf("store: no randomness: %v", err)) // crypto/rand never fails on Linux
	}
	return s.aead.Seal(nonce, nonce, plaintext, aad(bucket, key))
}

func (s *Store) open(bucket, key, sealed []byte) ([]byte, error) {
	ns := s.aead.NonceSize()
	if len(sealed) < ns+s.aead.Overhead() {
		return nil, fmt.Errorf("%w: %s/%x too short", ErrCorrupt, bucket, key)
	}
	pt, err := s.aead.Open(nil, sealed[:ns], sealed[ns:], aad(bucket, key))
	if err != nil {
		return nil, fmt.Errorf("%w: %s/%x does not open", ErrCorrupt, bucket, key)
	}
	return pt, nil
}

// PutSecret seals and stores a secret (a key share) under name, durably.
func (s *Store) PutSecret(name string, plaintext []byte) error {
	k := []byte(name)
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSecrets).Put(k, s.seal(bucketSecrets, k, plaintext))
	})
}

// Secret returns the secret stored under name.
func (s *Store) Secret(name string) ([]byte, error) {
	k := []byte(name)
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketSecrets).Get(k)
		if v == nil {
			return fmt.Errorf("%w: secret %q", ErrNotFound, name)
		}
		var err error
		out, err = s.open(bucketSecrets, k, v)
		return err
	})
	return out, err
}

// SecretNames lists the names of the stored secrets (never their values).
func (s *Store) SecretNames() ([]string, error) {
	var out []string
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSecrets).ForEach(func(k, _ []byte) error {
			out = append(out, string(k))
			return nil
		})
	})
	return out, err
}

// DeleteSecret erases the secret stored under name, durably; a missing one
// is no error. bbolt reuses the freed pages, but a copy may stay on disk
// until they are overwritten (the store's key seals every secret, so such a
// copy is as safe as the live ones).
func (s *Store) DeleteSecret(name string) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketSecrets).Delete([]byte(name))
	})
}

// PutMeta stores a small non-secret value, durably.
func (s *Store) PutMeta(name string, value []byte) error {
	if name == string(canaryKey) || name == string(incarnationKey) || name == string(floorKey) {
		return errors.New("store: reserved name")
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put([]byte(name), bytes.Clone(value))
	})
}

// Meta returns the value stored under name.
func (s *Store) Meta(name string) ([]byte, error) {
	var out []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		v := tx.Bucket(bucketMeta).Get([]byte(name))
		if v == nil {
			return fmt.Errorf("%w: meta %q", ErrNotFound, name)
		}
		out = bytes.Clone(v)
		return nil
	})
	return out, err
}

// BatchEpoch is the epoch a presignature batch was made for and its
// threshold: a batch signs only under the shares of its epoch's committee
// (a holder outside it would learn a point of the key polynomial in use).
type BatchEpoch struct {
	Epoch uint64
	T     int
	// Parties are the batch session's parties: each holds shares of its a
	// and z^b, whether or not it sent its opening or acknowledgement. Nil
	// in records stored before they were kept.
	Parties []uint32
}

// AddPresignatures stores a batch's presignatures (sealed) and the epoch
// they were made for in one durable transaction: a restarted node must know
// which epoch's shares each batch may sign with.
func (s *Store) AddPresignatures(ps []*tecdsa.Presignature, ep BatchEpoch) error {
	if ep.T < 0 || ep.T > 0xffff {
		return fmt.Errorf("store: batch threshold %d out of range", ep.T)
	}
	if len(ep.Parties) > tecdsa.MaxParties {
		return fmt.Errorf("store: batch of %d parties, at most %d (tecdsa.MaxParties)", len(ep.Parties), tecdsa.MaxParties)
	}
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPresigs)
		// epoch(u64) ‖ t(u16) ‖ party(u16)*
		rec := binary.BigEndian.AppendUint16(binary.BigEndian.AppendUint64(nil, ep.Epoch), uint16(ep.T))
		for _, id := range ep.Parties {
			if id > 0xffff {
				return fmt.Errorf("store: batch party %d out of range", id)
			}
			rec = binary.BigEndian.AppendUint16(rec, uint16(id))
		}
		for _, p := range ps {
			if err := tx.Bucket(bucketBatchEp).Put(p.ID.Batch[:], rec); err != nil {
				return err
			}
		}
		for _, p := range ps {
			enc, err := p.MarshalBinary()
			if err != nil {
				return err
			}
			id := p.ID.Bytes()
			if b.Get(id) != nil || tx.Bucket(bucketBindings).Get(id) != nil {
				return fmt.Errorf("store: presignature %s already stored", p.ID)
			}
			if err := b.Put(id, s.seal(bucketPresigs, id, enc)); err != nil {
				return err
			}
		}
		return nil
	})
}

// Stored is a presignature as it comes back from the store, with its binding
// if it was bound before a restart but its share not yet recorded.
type Stored struct {
	Presig  *tecdsa.Presignature
	Binding *tecdsa.Binding // nil when free
}

// Presignatures returns every stored presignature that has not signed yet.
// A record that cannot be used (sealed with another key, an older format,
// inconsistent) is skipped and reported in skipped: a node never refuses to
// start because of one.
func (s *Store) Presignatures() (stored []Stored, skipped []error, err error) {
	err = s.db.View(func(tx *bolt.Tx) error {
		bind := tx.Bucket(bucketBindings)
		return tx.Bucket(bucketPresigs).ForEach(func(k, v []byte) error {
			pt, err := s.open(bucketPresigs, k, v)
			if err != nil {
				skipped = append(skipped, err)
				return nil
			}
			p, err := tecdsa.UnmarshalPresignature(pt)
			if err != nil {
				skipped = append(skipped, fmt.Errorf("%w: presignature %x: %v", ErrCorrupt, k, err))
				return nil
			}
			st := Stored{Presig: p}
			if raw := bind.Get(k); raw != nil {
				if st.Binding, _, err = decodeBound(raw); err != nil {
					skipped = append(skipped, fmt.Errorf("presignature %s: %w", p.ID, err))
					return nil
				}
			}
			stored = append(stored, st)
			return nil
		})
	})
	return stored, skipped, err
}

// bound record: u32 binding length ‖ binding ‖ share (empty until Signed).
func encodeBound(b *tecdsa.Binding, share []byte) ([]byte, error) {
	enc, err := b.MarshalBinary()
	if err != nil {
		return nil, err
	}
	out := make([]byte, 4, 4+len(enc)+len(share))
	out[0], out[1], out[2], out[3] = byte(len(enc)>>24), byte(len(enc)>>16), byte(len(enc)>>8), byte(len(enc))
	out = append(out, enc...)
	return append(out, share...), nil
}

func decodeBound(raw []byte) (*tecdsa.Binding, []byte, error) {
	if len(raw) < 4 {
		return nil, nil, fmt.Errorf("%w: binding record", ErrCorrupt)
	}
	n := int(raw[0])<<24 | int(raw[1])<<16 | int(raw[2])<<8 | int(raw[3])
	if n > len(raw)-4 {
		return nil, nil, fmt.Errorf("%w: binding record", ErrCorrupt)
	}
	b, err := tecdsa.UnmarshalBinding(raw[4 : 4+n])
	if err != nil {
		return nil, nil, fmt.Errorf("%w: binding: %v", ErrCorrupt, err)
	}
	var share []byte
	if len(raw) > 4+n {
		share = bytes.Clone(raw[4+n:])
	}
	return b, share, nil
}

// Endorse makes durable, in one transaction fsynced before it returns, that
// this node binds each presignature to the given binding and to nothing
// else, ever (docs/threshold-ecdsa.md §5). It does not need to hold the
// presignature: every node that endorses a binding records it. errs[i] is
// nil when bs[i] is stored now or was already; it wraps
// tecdsa.ErrAlreadyBound when another binding of the presignature, or
// another presignature for the request, is stored.
func (s *Store) Endorse(bs []*tecdsa.Binding) (errs []error) {
	return <-s.EndorseAsync(bs)
}

// EndorseAsync is Endorse that does not wait: the channel gives the outcome
// once the transaction is on disk. Writes queued meanwhile share its fsync.
func (s *Store) EndorseAsync(bs []*tecdsa.Binding) <-chan []error {
	out := make(chan []error, 1)
	errs := make([]error, len(bs))
	recs := make([][]byte, len(bs))
	for i, b := range bs {
		recs[i], errs[i] = encodeBound(b, nil)
	}
	done := s.queue(func(tx *bolt.Tx) error {
		bind, lk := tx.Bucket(bucketBindings), tx.Bucket(bucketLookup)
		for i, b := range bs {
			if errs[i] != nil {
				continue
			}
			id := b.Presig.Bytes()
			lookup := b.Lookup()
			if raw := bind.Get(id); raw != nil {
				stored, _, err := decodeBound(raw)
				switch {
				case err != nil:
					errs[i] = err
				case !stored.Equal(b):
					errs[i] = fmt.Errorf("%w: %s", tecdsa.ErrAlreadyBound, b.Presig)
				}
				continue
			}
			if other := lk.Get(lookup[:]); other != nil && !bytes.Equal(other, id) {
				errs[i] = fmt.Errorf("%w: request already served by another presignature", tecdsa.ErrAlreadyBound)
				continue
			}
			if err := bind.Put(id, recs[i]); err != nil {
				return err
			}
			if err := lk.Put(lookup[:], id); err != nil {
				return err
			}
		}
		return nil
	})
	go func() {
		if err := <-done; err != nil {
			for i := range errs {
				errs[i] = err
			}
		}
		out <- errs
	}()
	return out
}

// BindingFor returns the binding stored for a request's lookup key
// (tecdsa.Lookup) and the share recorded for it, if any.
func (s *Store) BindingFor(lookup [32]byte) (*tecdsa.Binding, []byte, error) {
	var b *tecdsa.Binding
	var share []byte
	err := s.db.View(func(tx *bolt.Tx) error {
		id := tx.Bucket(bucketLookup).Get(lookup[:])
		if id == nil {
			return fmt.Errorf("%w: no binding for this request", ErrNotFound)
		}
		raw := tx.Bucket(bucketBindings).Get(id)
		if raw == nil {
			return fmt.Errorf("%w: lookup without binding", ErrCorrupt)
		}
		var err error
		b, share, err = decodeBound(raw)
		return err
	})
	return b, share, err
}

// Signed records the share computed for a bound presignature and erases the
// presignature's secrets, so that from then on the node can only repeat that
// answer. The record rides with the next durable commit (within tens of
// milliseconds): if a crash loses it, the binding is still on disk and the
// same share is computed again from it. The channel reports the outcome once
// the record is on disk.
func (s *Store) Signed(id tecdsa.PresigID, share []byte) <-chan error {
	key := id.Bytes()
	return s.writeLazy(func(tx *bolt.Tx) error {
		bind := tx.Bucket(bucketBindings)
		raw := bind.Get(key)
		if raw == nil {
			return fmt.Errorf("%w: presignature %s is not bound", ErrNotFound, id)
		}
		if len(raw) < 4 {
			return fmt.Errorf("%w: binding record", ErrCorrupt)
		}
		// Keep the binding's bytes as they are and put the share after them.
		n := int(raw[0])<<24 | int(raw[1])<<16 | int(raw[2])<<8 | int(raw[3])
		if n > len(raw)-4 {
			return fmt.Errorf("%w: binding record", ErrCorrupt)
		}
		if len(raw) > 4+n { // a share is recorded already: it is never replaced
			return tx.Bucket(bucketPresigs).Delete(key)
		}
		rec := append(append(make([]byte, 0, 4+n+len(share)), raw[:4+n]...), share...)
		if err := bind.Put(key, rec); err != nil {
			return err
		}
		return tx.Bucket(bucketPresigs).Delete(key)
	})
}

// PruneBindings erases the bindings of presignatures whose ids sort before
// upTo, with their lookup entries and whatever is left of the presignatures
// themselves, at most limit per transaction so endorsements queued behind it
// wait little. It returns how many it erased. Batch ids begin with their
// birth time, so the caller erases by age: only bindings of presignatures
// so old that no node endorses them any more may go, for a binding erased
// while its presignature could still be endorsed would let it be bound
// again.
func (s *Store) PruneBindings(upTo []byte, limit int) (int, error) {
	if limit <= 0 {
		return 0, fmt.Errorf("store: prune limit must be > 0, got %d", limit)
	}
	total := 0
	for {
		n := 0
		err := s.write(func(tx *bolt.Tx) error {
			bind, lk, pre := tx.Bucket(bucketBindings), tx.Bucket(bucketLookup), tx.Bucket(bucketPresigs)
			var keys, recs [][]byte
			c := bind.Cursor()
			for k, v := c.First(); k != nil && bytes.Compare(k, upTo) < 0 && len(keys) < limit; k, v = c.Next() {
				keys, recs = append(keys, bytes.Clone(k)), append(recs, bytes.Clone(v))
			}
			for i, k := range keys {
				// A record that does not decode still goes; its lookup
				// entry, if any, then stays as a harmless orphan.
				if b, _, err := decodeBound(recs[i]); err == nil {
					lookup := b.Lookup()
					if bytes.Equal(lk.Get(lookup[:]), k) {
						if err := lk.Delete(lookup[:]); err != nil {
							return err
						}
					}
				}
				if err := bind.Delete(k); err != nil {
					return err
				}
				if err := pre.Delete(k); err != nil {
					return err
				}
			}
			n = len(keys)
			return nil
		})
		if err != nil {
			return total, fmt.Errorf("store: pruning bindings: %w", err)
		}
		total += n
		if n < limit {
			return total, nil
		}
	}
}

// Bindings returns how many bindings the store holds.
func (s *Store) Bindings() (int, error) {
	var n int
	err := s.db.View(func(tx *bolt.Tx) error {
		n = tx.Bucket(bucketBindings).Stats().KeyN
		return nil
	})
	return n, err
}

// Flush waits until every write queued so far is on disk.
func (s *Store) Flush() error { return s.write(func(*bolt.Tx) error { return nil }) }

// DropPresignatures erases free presignatures (for example those of a past
// epoch). Bound ones are kept so their bindings keep being honoured.
func (s *Store) DropPresignatures(ids []tecdsa.PresigID) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPresigs)
		for _, id := range ids {
			if tx.Bucket(bucketBindings).Get(id.Bytes()) != nil {
				continue
			}
			if err := b.Delete(id.Bytes()); err != nil {
				return err
			}
		}
		return nil
	})
}

// PutAcks records, durably, the nodes that acknowledged storing one of this
// node's batches.
func (s *Store) PutAcks(batch [16]byte, nodes []uint32) error {
	enc := make([]byte, 0, 2*len(nodes))
	for _, id := range nodes {
		enc = binary.BigEndian.AppendUint16(enc, uint16(id))
	}
	return s.db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketAcks).Put(batch[:], enc) })
}

// DeleteAcks forgets a batch's acknowledgements; it rides with the next
// commit.
func (s *Store) DeleteAcks(batch [16]byte) {
	s.writeLazy(func(tx *bolt.Tx) error { return tx.Bucket(bucketAcks).Delete(batch[:]) })
}

// BatchEpochs returns the epoch recorded for each stored batch. A batch
// stored before epochs were recorded has none.
func (s *Store) BatchEpochs() (map[[16]byte]BatchEpoch, error) {
	out := map[[16]byte]BatchEpoch{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketBatchEp).ForEach(func(k, v []byte) error {
			if len(k) != 16 || len(v) < 10 || len(v)%2 != 0 {
				return nil // not ours to use: the batch counts as of no epoch
			}
			ep := BatchEpoch{Epoch: binary.BigEndian.Uint64(v), T: int(binary.BigEndian.Uint16(v[8:]))}
			for i := 10; i < len(v); i += 2 {
				ep.Parties = append(ep.Parties, uint32(binary.BigEndian.Uint16(v[i:])))
			}
			out[[16]byte(k)] = ep
			return nil
		})
	})
	return out, err
}

// DeleteBatchEpoch forgets an ended batch's epoch; it rides with the next
// commit.
func (s *Store) DeleteBatchEpoch(batch [16]byte) {
	s.writeLazy(func(tx *bolt.Tx) error { return tx.Bucket(bucketBatchEp).Delete(batch[:]) })
}

// Acks returns every batch's recorded acknowledgers.
func (s *Store) Acks() (map[[16]byte][]uint32, error) {
	out := map[[16]byte][]uint32{}
	err := s.db.View(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketAcks).ForEach(func(k, v []byte) error {
			if len(k) != 16 || len(v)%2 != 0 {
				return nil // not ours to use: skipped
			}
			var nodes []uint32
			for i := 0; i < len(v); i += 2 {
				nodes = append(nodes, uint32(binary.BigEndian.Uint16(v[i:])))
			}
			out[[16]byte(k)] = nodes
			return nil
		})
	})
	return out, err
}

// Incarnation returns how many times this store was opened by a node (0 for
// a new store); see the node's restore check.
func (s *Store) Incarnation() (uint64, error) {
	var n uint64
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(incarnationKey); len(v) == 8 {
			n = binary.BigEndian.Uint64(v)
		}
		return nil
	})
	return n, err
}

// SetIncarnation records the incarnation, durably.
func (s *Store) SetIncarnation(n uint64) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(incarnationKey, binary.BigEndian.AppendUint64(nil, n))
	})
}

// Floor returns the time before which no presignature may be bound here
// (zero if none): set when the store was found restored from a backup.
func (s *Store) Floor() (time.Time, error) {
	var t time.Time
	err := s.db.View(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketMeta).Get(floorKey); len(v) == 8 {
			t = time.Unix(int64(binary.BigEndian.Uint64(v)), 0)
		}
		return nil
	})
	return t, err
}

// SetFloor records the floor, durably.
func (s *Store) SetFloor(t time.Time) error {
	return s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketMeta).Put(floorKey, binary.BigEndian.AppendUint64(nil, uint64(t.Unix())))
	})
}

// DropAll erases every presignature that has not signed (free or bound),
// keeping the bindings, and returns their ids: for a store restored from a
// backup, whose presignatures may have been used after the backup was made.
func (s *Store) DropAll() ([]tecdsa.PresigID, error) {
	var ids []tecdsa.PresigID
	err := s.db.Update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketPresigs)
		var keys [][]byte
		if err := b.ForEach(func(k, _ []byte) error {
			keys = append(keys, bytes.Clone(k))
			return nil
		}); err != nil {
			return err
		}
		for _, k := range keys {
			if id, err := tecdsa.ParsePresigID(k); err == nil {
				ids = append(ids, id)
			}
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	return ids, err
}
