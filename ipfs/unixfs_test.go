package ipfs

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"testing"
	"testing/iotest"
)

// stream is deterministic test content: sha256(seed ‖ uint64 counter) blocks
// cut to n bytes. ipfs/internal/xcheck generates the same bytes.
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

// cidVectors: the first two are the published values for the empty file and
// "hello world\n"; the rest were computed by the reference importer (boxo's
// balanced layout with `ipfs add`'s defaults) in ipfs/internal/xcheck, which
// also compares the two importers on random sizes.
var cidVectors = []struct {
	name string
	data func() []byte
	want string
}{
	{"empty", func() []byte { return nil }, "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH"},
	{"hello", func() []byte { return []byte("hello world\n") }, "QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"},
	{"stream-1", func() []byte { return stream("flint", 1) }, "QmSmUfMWSZ3F6cjpK9LRNbZjkDqdvzmAGUJMUQNnzU2XmA"},
	{"stream-chunk-1", func() []byte { return stream("flint", ChunkSize-1) }, "QmZcz79zduwaYAa8rjq7Lgpbc718oo1eds6pu98u4KD2Qq"},
	{"stream-chunk", func() []byte { return stream("flint", ChunkSize) }, "QmZrKRTupkYZ68y6uUGL7Mx8GgBgkq2FG7CxTToJW534jQ"},
	{"stream-chunk+1", func() []byte { return stream("flint", ChunkSize+1) }, "QmaiXjY3wtbiL9nKf76B1MKZveM1pdSJz7KSqaG6ws849o"},
	{"stream-3chunk+17", func() []byte { return stream("flint", 3*ChunkSize+17) }, "QmZJ6VcNF43XoDuUQoWz5kt9Kgy35oxxtxTMSe6yCn98FM"},
	// 174 chunks fill one node exactly; one byte more needs a second level.
	{"stream-174chunk", func() []byte { return stream("flint", 174*ChunkSize) }, "Qmf2d3Pjr97EohQDTXVTvo9VdmKk6aWvwrzdTmGgymxUCb"},
	{"stream-174chunk+1", func() []byte { return stream("flint", 174*ChunkSize+1) }, "QmY4fad5iYaTP6eZkaTyXBhKAZwdN2Bk5RmsGqDbCYktvT"},
	{"stream-175chunk+12345", func() []byte { return stream("flint", 175*ChunkSize+12345) }, "QmQLjcKJzQY6QTZ4rd9EiTH18m4Ny7GANeCBbqf9MR4mjg"},
	{"zeros-174chunk+1", func() []byte { return make([]byte, 174*ChunkSize+1) }, "QmehMASWcBsX7VcEQqs6rpR5AHoBfKyBVEgmkJHjpPg8jq"},
	{"zeros-349chunk", func() []byte { return make([]byte, 349*ChunkSize) }, "QmXk89kCC1uV5dMJ56CgoCX998kFCdYoEjZB92Q4a5L8dP"},
}

func TestSumVectors(t *testing.T) {
	for _, v := range cidVectors {
		t.Run(v.name, func(t *testing.T) {
			data := v.data()
			if got := Sum(data).String(); got != v.want {
				t.Errorf("Sum = %s, want %s", got, v.want)
			}
			// The streaming path must agree, whatever the read sizes.
			got, err := SumReader(iotest.HalfReader(bytes.NewReader(data)))
			if err != nil {
				t.Fatal(err)
			}
			if got.String() != v.want {
				t.Errorf("SumReader = %s, want %s", got, v.want)
			}
		})
	}
}

func TestSumReaderError(t *testing.T) {
	r := iotest.TimeoutReader(bytes.NewReader(stream("x", 2*ChunkSize)))
	if _, err := SumReader(r); err == nil {
		t.Fatal("SumReader swallowed a read error")
	}
}

// TestLeafBlock checks the one-chunk encoding byte for byte against the
// protobuf layout (the CID vectors check the rest).
func TestLeafBlock(t *testing.T) {
	got := encodeLeaf(nil, []byte("hi"))
	want := []byte{0x0a, 0x08, 0x08, 0x02, 0x12, 0x02, 'h', 'i', 0x18, 0x02}
	if !bytes.Equal(got, want) {
		t.Fatalf("leaf block %x, want %x", got, want)
	}
	if got := encodeLeaf(nil, nil); !bytes.Equal(got, []byte{0x0a, 0x04, 0x08, 0x02, 0x18, 0x00}) {
		t.Fatalf("empty leaf block %x", got)
	}
}

func BenchmarkSum(b *testing.B) {
	for _, n := range []int{4 << 10, 1 << 20} {
		data := stream("bench", n)
		b.Run(fmt.Sprintf("%dKiB", n>>10), func(b *testing.B) {
			b.SetBytes(int64(n))
			for b.Loop() {
				Sum(data)
			}
		})
	}
}
