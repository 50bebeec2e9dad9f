package xcheck

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"math/rand/v2"
	"testing"

	chunker "github.com/ipfs/boxo/chunker"
	"github.com/ipfs/boxo/ipld/merkledag"
	mdtest "github.com/ipfs/boxo/ipld/merkledag/test"
	"github.com/ipfs/boxo/ipld/unixfs/importer/balanced"
	h "github.com/ipfs/boxo/ipld/unixfs/importer/helpers"

	"github.com/flint-network/flint/ipfs"
)

// boxoCID runs the reference importer with `ipfs add`'s defaults for CIDv0:
// size-262144 chunker, balanced layout, 174 links per block, dag-pb leaves.
func boxoCID(t testing.TB, data []byte) string {
	t.Helper()
	params := h.DagBuilderParams{
		Dagserv:    mdtest.Mock(),
		Maxlinks:   h.DefaultLinksPerBlock,
		CidBuilder: merkledag.V0CidPrefix(),
	}
	db, err := params.New(chunker.NewSizeSplitter(bytes.NewReader(data), chunker.DefaultBlockSize))
	if err != nil {
		t.Fatal(err)
	}
	nd, err := balanced.Layout(db)
	if err != nil {
		t.Fatal(err)
	}
	return nd.Cid().String()
}

// stream is the same deterministic content as in ipfs/unixfs_test.go:
// sha256(seed ‖ uint64 counter) blocks, cut to n bytes.
func stream(seed string, n int) []byte {
	out := make([]byte, 0, n+sha256.Size)
	var ctr [8]byte
	for i := uint64(0); len(out) < n; i++ {
		binary.BigEndian.PutUint64(ctr[:], i)
		s := sha256.Sum256(append([]byte(seed), ctr[:]...))
		out = append(out, s[:]...)
	}
	return out[:n]
}

const chunk = 262144

func TestConstants(t *testing.T) {
	if h.DefaultLinksPerBlock != ipfs.MaxLinks || chunker.DefaultBlockSize != ipfs.ChunkSize {
		t.Fatalf("boxo defaults %d links, %d chunk; flint %d, %d",
			h.DefaultLinksPerBlock, chunker.DefaultBlockSize, ipfs.MaxLinks, ipfs.ChunkSize)
	}
}

// TestVectors prints the vectors recorded in the main module's tests.
func TestVectors(t *testing.T) {
	cases := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"hello", []byte("hello world\n")},
		{"stream-1", stream("flint", 1)},
		{"stream-chunk-1", stream("flint", chunk-1)},
		{"stream-chunk", stream("flint", chunk)},
		{"stream-chunk+1", stream("flint", chunk+1)},
		{"stream-3chunk+17", stream("flint", 3*chunk+17)},
		{"stream-174chunk", stream("flint", 174*chunk)},
		{"stream-174chunk+1", stream("flint", 174*chunk+1)},
		{"stream-175chunk+12345", stream("flint", 175*chunk+12345)},
		{"zeros-174chunk+1", make([]byte, 174*chunk+1)},
		{"zeros-349chunk", make([]byte, 349*chunk)},
	}
	for _, c := range cases {
		want := boxoCID(t, c.data)
		got := ipfs.Sum(c.data).String()
		t.Logf("{%q, %d, %q},", c.name, len(c.data), want)
		if got != want {
			t.Errorf("%s: flint %s, boxo %s", c.name, got, want)
		}
	}
}

// TestRandomSizes compares on sizes around chunk and fan-out boundaries.
func TestRandomSizes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 40; i++ {
		var n int
		switch i % 4 {
		case 0:
			n = rng.IntN(4 * chunk)
		case 1:
			n = rng.IntN(3)*chunk + rng.IntN(3) - 1
		default:
			n = (170+rng.IntN(10))*chunk + rng.IntN(chunk)
		}
		n = max(n, 0)
		data := stream("rand", n)
		if got, want := ipfs.Sum(data).String(), boxoCID(t, data); got != want {
			t.Errorf("size %d: flint %s, boxo %s", n, got, want)
		}
	}
}
