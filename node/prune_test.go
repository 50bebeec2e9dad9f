package node

import (
	"crypto/sha256"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node/signing"
	"github.com/flint-network/flint/node/store"
)

// A binding is the record that makes a presignature unusable for any other
// request: erasing it while some node could still endorse the presignature
// would let an owner bind it twice. The node erases only bindings whose
// presignatures are past the age every node endorses, with a margin.
func TestPruneBindingsOnlyPastEndorsableAge(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "node.db"), make([]byte, store.KeySize))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	n := &Node{store: st, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	now := time.Now()
	endorsable := maxAge + holderGrace // what signing.Config.MaxAge is given
	k := secp.ScalarFromUint(5)
	pub := secp.BaseMult(&k)
	bind := func(age time.Duration, req string) *tecdsa.Binding {
		id := tecdsa.PresigID{Batch: signing.NewBatchID(now.Add(-age), 1, []byte{1, 2, 3, 4, 5})}
		b := &tecdsa.Binding{Presig: id, Owner: 1, RequestID: []byte(req), Hash: sha256.Sum256([]byte(req)), PublicKey: secp.Compress(&pub)}
		if errs := st.Endorse([]*tecdsa.Binding{b}); errs[0] != nil {
			t.Fatal(errs[0])
		}
		return b
	}
	kept := []*tecdsa.Binding{
		bind(time.Minute, "fresh"),
		bind(endorsable, "at the endorsement age"),
		// A node whose clock runs half an hour behind this one's still
		// endorses it. Fixed ages, not derived from bindingMargin: a margin
		// cut too thin must fail here.
		bind(endorsable+30*time.Minute, "endorsable by a node half an hour behind"),
	}
	gone := bind(endorsable+2*time.Hour, "past any node's endorsement")
	n.pruneBindings(now)
	for _, b := range kept {
		if _, _, err := st.BindingFor(b.Lookup()); err != nil {
			t.Fatalf("binding of %q pruned: %v", b.RequestID, err)
		}
	}
	if _, _, err := st.BindingFor(gone.Lookup()); err == nil {
		t.Fatal("binding past its age kept")
	}
}
