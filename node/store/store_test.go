package store

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
)

func testKey() []byte { return bytes.Repeat([]byte{7}, KeySize) }

func openTemp(t *testing.T) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "node.db")
	s, err := Open(path, testKey())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

// fakePresig makes a well-formed presignature record (random values; the
// store does not care whether they came from a real batch).
func fakePresig(t testing.TB, batch byte, index uint16) *tecdsa.Presignature {
	k, _ := secp.RandomScalar(nil)
	w, _ := secp.RandomScalar(nil)
	zb, _ := secp.RandomScalar(nil)
	return &tecdsa.Presignature{
		ID:      tecdsa.PresigID{Batch: [16]byte{batch}, Index: index},
		Owner:   1,
		Index:   2,
		Holders: []uint32{1, 2, 3},
		R:       secp.BaseMult(&k),
		W:       w,
		A:       k,
		ZB:      zb,
	}
}

// endorse persists one binding.
func endorse(s *Store, b *tecdsa.Binding) error { return s.Endorse([]*tecdsa.Binding{b})[0] }

func binding(p *tecdsa.Presignature, req string, msg string) *tecdsa.Binding {
	k := secp.ScalarFromUint(9)
	x := secp.BaseMult(&k)
	return &tecdsa.Binding{Presig: p.ID, Owner: p.Owner, RequestID: []byte(req), Hash: sha256.Sum256([]byte(msg)), PublicKey: secp.Compress(&x)}
}

func TestWrongKeyRefused(t *testing.T) {
	s, path := openTemp(t)
	if err := s.PutSecret("ecdsa/1", []byte("top secret share")); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := Open(path, bytes.Repeat([]byte{8}, KeySize)); !errors.Is(err, ErrWrongKey) {
		t.Fatalf("wrong key: %v", err)
	}
	if _, err := Open(path, []byte("short")); err == nil {
		t.Fatal("short key accepted")
	}
	s2, err := Open(path, testKey())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	got, err := s2.Secret("ecdsa/1")
	if err != nil || string(got) != "top secret share" {
		t.Fatalf("secret after reopen: %q %v", got, err)
	}
	if _, err := s2.Secret("nope"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing secret: %v", err)
	}
}

// Secrets and presignatures never reach the disk in the clear.
func TestSealedAtRest(t *testing.T) {
	s, path := openTemp(t)
	secret := []byte("a-very-recognisable-key-share-0123456789")
	if err := s.PutSecret("ecdsa/1", secret); err != nil {
		t.Fatal(err)
	}
	p := fakePresig(t, 1, 0)
	if err := s.AddPresignatures([]*tecdsa.Presignature{p}, BatchEpoch{Epoch: 1, T: 1}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	a := p.A.Bytes()
	if bytes.Contains(raw, secret) || bytes.Contains(raw, a[:16]) {
		t.Fatal("a secret is stored in the clear")
	}
}

func TestBindingRule(t *testing.T) {
	s, path := openTemp(t)
	p, q := fakePresig(t, 1, 0), fakePresig(t, 1, 1)
	if err := s.AddPresignatures([]*tecdsa.Presignature{p, q}, BatchEpoch{Epoch: 1, T: 1}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddPresignatures([]*tecdsa.Presignature{p}, BatchEpoch{Epoch: 1, T: 1}); err == nil {
		t.Fatal("a presignature stored twice")
	}
	b := binding(p, "lit_1", "hello")
	if err := endorse(s, b); err != nil {
		t.Fatalf("first endorsement: %v", err)
	}
	if err := endorse(s, binding(p, "lit_1", "hello")); err != nil {
		t.Fatalf("repeat: %v", err)
	}
	if err := endorse(s, binding(p, "lit_1", "other message")); !errors.Is(err, tecdsa.ErrAlreadyBound) {
		t.Fatalf("second message: %v", err)
	}
	if err := endorse(s, binding(p, "lit_2", "hello")); !errors.Is(err, tecdsa.ErrAlreadyBound) {
		t.Fatalf("second request: %v", err)
	}
	// The same request cannot take a second presignature either.
	if err := endorse(s, binding(q, "lit_1", "hello")); !errors.Is(err, tecdsa.ErrAlreadyBound) {
		t.Fatalf("request bound twice: %v", err)
	}
	// One transaction, one outcome per binding.
	r := fakePresig(t, 1, 2)
	errs := s.Endorse([]*tecdsa.Binding{binding(r, "lit_3", "a"), binding(r, "lit_4", "b")})
	if errs[0] != nil || !errors.Is(errs[1], tecdsa.ErrAlreadyBound) {
		t.Fatalf("batch: %v", errs)
	}
	got, _, err := s.BindingFor(b.Lookup())
	if err != nil || !got.Equal(b) {
		t.Fatalf("lookup: %v", err)
	}
	if err := <-s.Signed(p.ID, []byte("share-bytes")); err != nil {
		t.Fatal(err)
	}
	// A later outcome (an erasure, another share) never replaces a recorded share.
	for _, later := range [][]byte{nil, []byte("other")} {
		if err := <-s.Signed(p.ID, later); err != nil {
			t.Fatal(err)
		}
	}
	if _, share, err := s.BindingFor(b.Lookup()); err != nil || string(share) != "share-bytes" {
		t.Fatalf("repeat after signing: %q %v", share, err)
	}
	left, skipped, err := s.Presignatures()
	if err != nil || len(skipped) != 0 || len(left) != 1 || left[0].Presig.ID != q.ID || left[0].Binding != nil {
		t.Fatalf("presignatures left: %v %v %v", left, skipped, err)
	}
	// Reopen: everything is still there.
	s.Close()
	s2, err := Open(path, testKey())
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if err := endorse(s2, binding(p, "lit_9", "x")); !errors.Is(err, tecdsa.ErrAlreadyBound) {
		t.Fatalf("after reopen: %v", err)
	}
	if _, share, err := s2.BindingFor(b.Lookup()); err != nil || string(share) != "share-bytes" {
		t.Fatalf("share after reopen: %q %v", share, err)
	}
}

// Many goroutines race to bind one presignature to different requests:
// exactly one wins.
func TestConcurrentBindOneWinner(t *testing.T) {
	s, _ := openTemp(t)
	p := fakePresig(t, 2, 0)
	if err := s.AddPresignatures([]*tecdsa.Presignature{p}, BatchEpoch{Epoch: 1, T: 1}); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	wins := 0
	for i := 0; i < 32; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			err := endorse(s, binding(p, fmt.Sprint("lit_", i), "m"))
			if err == nil {
				mu.Lock()
				wins++
				mu.Unlock()
			} else if err != nil && !errors.Is(err, tecdsa.ErrAlreadyBound) {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	if wins != 1 {
		t.Fatalf("%d winners", wins)
	}
}

// TestCrashSafety runs a child process that binds presignatures one after
// another and prints each one it bound; the parent kills it with SIGKILL in
// the middle and checks that every reported binding survived and no
// presignature is bound to two requests.
func TestCrashSafety(t *testing.T) {
	if os.Getenv("FLINT_STORE_CHILD") != "" {
		crashChild()
		return
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "node.db")
	s, err := Open(path, testKey())
	if err != nil {
		t.Fatal(err)
	}
	const n = 400
	var ps []*tecdsa.Presignature
	for i := 0; i < n; i++ {
		ps = append(ps, fakePresig(t, 3, uint16(i)))
	}
	if err := s.AddPresignatures(ps, BatchEpoch{Epoch: 1, T: 1}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashSafety$")
	cmd.Env = append(os.Environ(), "FLINT_STORE_CHILD="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	reported := map[int]bool{}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if i, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "bound ")); err == nil {
			reported[i] = true
			if len(reported) == 50 {
				cmd.Process.Signal(syscall.SIGKILL)
				break
			}
		}
	}
	cmd.Wait()
	if len(reported) < 50 {
		t.Fatalf("child bound only %d before dying", len(reported))
	}
	s, err = Open(path, testKey())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range reported {
		b := binding(ps[i], fmt.Sprint("lit_", i), "m")
		if _, _, err := s.BindingFor(b.Lookup()); err != nil {
			t.Fatalf("binding %d reported but lost: %v", i, err)
		}
		// And it cannot be bound to anything else now.
		if err := endorse(s, binding(ps[i], "lit_other", "m2")); !errors.Is(err, tecdsa.ErrAlreadyBound) {
			t.Fatalf("presignature %d rebindable after crash: %v", i, err)
		}
	}
}

func crashChild() {
	path := os.Getenv("FLINT_STORE_CHILD")
	s, err := Open(path, testKey())
	if err != nil {
		fmt.Println("open:", err)
		os.Exit(1)
	}
	stored, _, err := s.Presignatures()
	if err != nil {
		os.Exit(1)
	}
	byIndex := map[uint16]*tecdsa.Presignature{}
	for _, st := range stored {
		byIndex[st.Presig.ID.Index] = st.Presig
	}
	for i := 0; i < len(byIndex); i++ {
		p := byIndex[uint16(i)]
		if err := endorse(s, binding(p, fmt.Sprint("lit_", i), "m")); err != nil {
			fmt.Println("bind:", err)
			os.Exit(1)
		}
		fmt.Printf("bound %d\n", i)
	}
	select {} // wait to be killed
}

func TestPresignatureSecretsEncryptedDistinctly(t *testing.T) {
	s, _ := openTemp(t)
	// The same plaintext sealed twice gives different bytes (fresh nonces).
	a := s.seal(bucketSecrets, []byte("k"), []byte("x"))
	b := s.seal(bucketSecrets, []byte("k"), []byte("x"))
	if bytes.Equal(a, b) {
		t.Fatal("nonce reuse")
	}
	// A sealed record moved to another name does not open.
	if _, err := s.open(bucketSecrets, []byte("other"), a); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("moved record opened: %v", err)
	}
}

// benchStore opens a store holding b.N free presignatures.
func benchStore(b *testing.B) (*Store, []*tecdsa.Presignature) {
	s, err := Open(filepath.Join(b.TempDir(), "node.db"), testKey())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	var ps []*tecdsa.Presignature
	for i := 0; i < b.N; i++ {
		ps = append(ps, fakePresig(b, byte(i>>16), uint16(i)))
	}
	if err := s.AddPresignatures(ps, BatchEpoch{Epoch: 1, T: 1}); err != nil {
		b.Fatal(err)
	}
	return s, ps
}

func BenchmarkBind(b *testing.B) {
	s, ps := benchStore(b)
	// Concurrent binds, as concurrent requests make them: they share fsyncs.
	b.ResetTimer()
	var wg sync.WaitGroup
	for i := 0; i < b.N; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if err := endorse(s, binding(ps[i], fmt.Sprint("r", i), "m")); err != nil {
				b.Error(err)
			}
		}(i)
	}
	wg.Wait()
}

// BenchmarkBindSequential is one durable bind at a time, as a signature at
// low concurrency makes it: the latency of a commit (fsync) on this disk.
func BenchmarkBindSequential(b *testing.B) {
	s, ps := benchStore(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := endorse(s, binding(ps[i], fmt.Sprint("r", i), "m")); err != nil {
			b.Fatal(err)
		}
	}
}

// A record the node cannot use (another format, another key's seal) is
// skipped with its reason; the rest loads.
func TestUnusableRecordsSkipped(t *testing.T) {
	s, _ := openTemp(t)
	good := fakePresig(t, 4, 0)
	bad := fakePresig(t, 4, 1)
	bad.Holders = []uint32{1, 3} // leaves this node (2) out
	if err := s.AddPresignatures([]*tecdsa.Presignature{good, bad}, BatchEpoch{Epoch: 1, T: 1}); err != nil {
		t.Fatal(err)
	}
	junk := fakePresig(t, 4, 2).ID.Bytes()
	if err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketPresigs).Put(junk, s.seal(bucketPresigs, junk, []byte{1, 2, 3}))
	}); err != nil {
		t.Fatal(err)
	}
	stored, skipped, err := s.Presignatures()
	if err != nil || len(stored) != 1 || stored[0].Presig.ID != good.ID || len(skipped) != 2 {
		t.Fatalf("stored %d, skipped %v, %v", len(stored), skipped, err)
	}
}

// Acknowledgements, the incarnation and the floor survive a reopen; DropAll
// erases every unsigned presignature and keeps the bindings.
func TestTypedRecords(t *testing.T) {
	s, path := openTemp(t)
	batch := [16]byte{9}
	if err := s.PutAcks(batch, []uint32{1, 3, 300}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetIncarnation(7); err != nil {
		t.Fatal(err)
	}
	floor := time.Unix(1_900_000_000, 0)
	if err := s.SetFloor(floor); err != nil {
		t.Fatal(err)
	}
	p, q := fakePresig(t, 5, 0), fakePresig(t, 5, 1)
	if err := s.AddPresignatures([]*tecdsa.Presignature{p, q}, BatchEpoch{Epoch: 1, T: 1}); err != nil {
		t.Fatal(err)
	}
	bp := binding(p, "lit_drop", "m")
	if err := endorse(s, bp); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err := Open(path, testKey())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	acks, err := s.Acks()
	if err != nil || !slices.Equal(acks[batch], []uint32{1, 3, 300}) {
		t.Fatalf("acks %v %v", acks, err)
	}
	if n, err := s.Incarnation(); err != nil || n != 7 {
		t.Fatalf("incarnation %d %v", n, err)
	}
	if f, err := s.Floor(); err != nil || !f.Equal(floor) {
		t.Fatalf("floor %v %v", f, err)
	}
	ids, err := s.DropAll()
	if err != nil || len(ids) != 2 {
		t.Fatalf("dropped %v %v", ids, err)
	}
	if left, _, _ := s.Presignatures(); len(left) != 0 {
		t.Fatalf("%d presignatures left", len(left))
	}
	if err := endorse(s, binding(p, "lit_other", "m")); !errors.Is(err, tecdsa.ErrAlreadyBound) {
		t.Fatalf("the binding went with the presignature: %v", err)
	}
	s.DeleteAcks(batch)
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if acks, _ := s.Acks(); len(acks) != 0 {
		t.Fatalf("acks left: %v", acks)
	}
	if err := s.PutMeta("floor", nil); err == nil {
		t.Fatal("a reserved name was overwritten")
	}
}

// Bindings are kept while their presignatures could still be endorsed, and
// erased (with their lookups and any presignature left) once they sort
// before the cut: the store does not grow for ever.
func TestPruneBindings(t *testing.T) {
	s, _ := openTemp(t)
	var old, young []*tecdsa.Presignature
	for i := range 7 {
		old = append(old, fakePresig(t, 1, uint16(i)))
	}
	for i := range 3 {
		young = append(young, fakePresig(t, 3, uint16(i)))
	}
	all := append(slices.Clone(old), young...)
	if err := s.AddPresignatures(all, BatchEpoch{Epoch: 1, T: 1}); err != nil {
		t.Fatal(err)
	}
	for i, p := range all {
		if err := endorse(s, binding(p, fmt.Sprintf("lit_%d", i), "m")); err != nil {
			t.Fatal(err)
		}
	}
	if err := <-s.Signed(old[0].ID, []byte("share")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PruneBindings([]byte{2}, 0); err == nil {
		t.Fatal("limit 0 accepted")
	}
	n, err := s.PruneBindings([]byte{2}, 3) // several transactions of at most 3
	if err != nil || n != len(old) {
		t.Fatalf("pruned %d (%v), want %d", n, err, len(old))
	}
	if got, _ := s.Bindings(); got != len(young) {
		t.Fatalf("%d bindings left, want %d", got, len(young))
	}
	if _, _, err := s.BindingFor(binding(old[1], "lit_1", "m").Lookup()); !errors.Is(err, ErrNotFound) {
		t.Fatalf("pruned lookup: %v", err)
	}
	if _, _, err := s.BindingFor(binding(young[0], fmt.Sprintf("lit_%d", len(old)), "m").Lookup()); err != nil {
		t.Fatalf("young binding lost: %v", err)
	}
	left, _, err := s.Presignatures()
	if err != nil || len(left) != len(young) {
		t.Fatalf("presignatures left: %d %v", len(left), err)
	}
	if n, err := s.PruneBindings([]byte{2}, 3); err != nil || n != 0 {
		t.Fatalf("second prune: %d %v", n, err)
	}
}

// An erased share is gone, also after the store is opened again.
func TestDeleteSecret(t *testing.T) {
	s, path := openTemp(t)
	if err := s.PutSecret("ecdsa/1", []byte("old share")); err != nil {
		t.Fatal(err)
	}
	if err := s.PutSecret("ecdsa/2", []byte("new share")); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSecret("ecdsa/1"); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteSecret("ecdsa/7"); err != nil {
		t.Fatalf("erasing a missing secret: %v", err)
	}
	s.Close()
	s, err := Open(path, testKey())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Secret("ecdsa/1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("erased secret: %v", err)
	}
	if got, err := s.Secret("ecdsa/2"); err != nil || string(got) != "new share" {
		t.Fatalf("kept secret: %q %v", got, err)
	}
}

// A batch's epoch survives a reopening, an ended batch's goes with it, and
// a threshold the record cannot hold is refused.
func TestBatchEpochs(t *testing.T) {
	s, path := openTemp(t)
	p, q := fakePresig(t, 1, 0), fakePresig(t, 2, 0)
	if err := s.AddPresignatures([]*tecdsa.Presignature{p}, BatchEpoch{Epoch: 7, T: 2, Parties: []uint32{1, 2, 3, 300}}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddPresignatures([]*tecdsa.Presignature{q}, BatchEpoch{Epoch: 8, T: 1 << 16}); err == nil || !strings.Contains(err.Error(), "threshold") {
		t.Fatalf("threshold 65536: %v", err)
	}
	s.Close()
	s, err := Open(path, testKey())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	eps, err := s.BatchEpochs()
	if err != nil {
		t.Fatal(err)
	}
	if ep := eps[p.ID.Batch]; len(eps) != 1 || ep.Epoch != 7 || ep.T != 2 || !slices.Equal(ep.Parties, []uint32{1, 2, 3, 300}) {
		t.Fatalf("batch epochs after reopening: %v", eps)
	}
	s.DeleteBatchEpoch(p.ID.Batch)
	if err := s.Flush(); err != nil {
		t.Fatal(err)
	}
	if eps, _ := s.BatchEpochs(); len(eps) != 0 {
		t.Fatalf("an ended batch's epoch kept: %v", eps)
	}
}
