package ipfs

import (
	"crypto/sha256"
	"errors"
	"io"
)

// The importer parameters `ipfs add` uses by default for CIDv0.
const (
	// ChunkSize is the fixed chunk size ("size-262144").
	ChunkSize = 256 << 10
	// MaxLinks is the most children a node of the balanced layout has.
	MaxLinks = 174
)

// UnixFS Data.Type value for a file.
const unixfsFile = 2

// Sum returns the CIDv0 that `ipfs add` gives a file holding data.
func Sum(data []byte) CID {
	var b dagBuilder
	for len(data) > 0 {
		n := min(len(data), ChunkSize)
		b.addLeaf(data[:n])
		data = data[n:]
	}
	return b.finish()
}

// SumReader is Sum over a stream. It holds one chunk and at most MaxLinks
// links per tree level in memory, whatever the stream's length.
func SumReader(r io.Reader) (CID, error) {
	var b dagBuilder
	buf := make([]byte, ChunkSize)
	for {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			b.addLeaf(buf[:n])
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return b.finish(), nil
		}
		if err != nil {
			return CID{}, err
		}
	}
}

// link is a child as its parent records it.
type link struct {
	cid   CID
	tsize uint64 // bytes of the child's whole sub-DAG (dag-pb Tsize)
	fsize uint64 // file bytes under the child (UnixFS blocksize)
}

// dagBuilder builds the balanced layout bottom-up. levels[0] holds leaves not
// yet given a parent, levels[i] nodes of depth i. Grouping every MaxLinks
// nodes of one level under a parent, leftmost first, yields exactly the tree
// of go-unixfs' balanced.Layout, which fills each subtree completely before
// starting the next.
type dagBuilder struct {
	levels  [][]link
	leaves  int
	scratch []byte
}

func (b *dagBuilder) addLeaf(chunk []byte) {
	// Hash the block in three pieces rather than copying the chunk into it.
	head, tail := leafFraming(chunk)
	h := sha256.New()
	h.Write(head)
	h.Write(chunk)
	h.Write(tail)
	var d [32]byte
	h.Sum(d[:0])
	b.leaves++
	b.push(0, link{cid: FromDigest(d), tsize: uint64(len(head) + len(chunk) + len(tail)), fsize: uint64(len(chunk))})
}

// push appends l to level lvl, first closing that level into a parent if it is
// already full.
func (b *dagBuilder) push(lvl int, l link) {
	if lvl == len(b.levels) {
		b.levels = append(b.levels, nil)
	}
	if len(b.levels[lvl]) == MaxLinks {
		parent := b.commit(b.levels[lvl])
		b.levels[lvl] = b.levels[lvl][:0]
		b.push(lvl+1, parent)
	}
	b.levels[lvl] = append(b.levels[lvl], l)
}

// finish closes every level from the bottom up and returns the root.
func (b *dagBuilder) finish() CID {
	if b.leaves == 0 {
		// An empty file is a single leaf with no data.
		return sumBlock(encodeLeaf(nil, nil))
	}
	for lvl := 0; ; lvl++ {
		if lvl == len(b.levels)-1 && len(b.levels[lvl]) == 1 {
			// A single node left at the top is the root. A file of one
			// chunk is therefore its leaf, with no parent above it.
			return b.levels[lvl][0].cid
		}
		parent := b.commit(b.levels[lvl])
		b.levels[lvl] = b.levels[lvl][:0]
		b.push(lvl+1, parent)
	}
}

// commit encodes an internal node over children and returns its link.
func (b *dagBuilder) commit(children []link) link {
	b.scratch = encodeInternal(b.scratch[:0], children)
	l := link{cid: sumBlock(b.scratch), tsize: uint64(len(b.scratch))}
	for _, c := range children {
		l.tsize += c.tsize
		l.fsize += c.fsize
	}
	return l
}

// The encoders below write the two protobuf messages involved, in the field
// order go-merkledag and go-unixfs emit (dag-pb's canonical form puts Links,
// field 2, before Data, field 1):
//
//	PBNode { repeated PBLink Links = 2; optional bytes Data = 1; }
//	PBLink { optional bytes Hash = 1; optional string Name = 2; optional uint64 Tsize = 3; }
//	Data   { required Type = 1; optional bytes Data = 2; optional uint64 filesize = 3;
//	         repeated uint64 blocksizes = 4 (not packed); }

// encodeLeaf appends the dag-pb block of a leaf holding chunk.
func encodeLeaf(dst, chunk []byte) []byte {
	head, tail := leafFraming(chunk)
	dst = append(dst, head...)
	dst = append(dst, chunk...)
	return append(dst, tail...)
}

// leafFraming returns the bytes of a leaf block before and after its chunk.
func leafFraming(chunk []byte) (head, tail []byte) {
	var dst []byte
	// UnixFS Data: Type, Data (omitted when empty), filesize.
	n := 2 + 1 + varintLen(uint64(len(chunk)))
	if len(chunk) > 0 {
		n += 1 + varintLen(uint64(len(chunk))) + len(chunk)
	}
	dst = append(dst, 0x0a) // PBNode.Data
	dst = appendVarint(dst, uint64(n))
	dst = append(dst, 0x08, unixfsFile)
	if len(chunk) > 0 {
		dst = append(dst, 0x12)
		dst = appendVarint(dst, uint64(len(chunk)))
	}
	return dst, appendVarint([]byte{0x18}, uint64(len(chunk)))
}

// encodeInternal appends the dag-pb block of a node over children.
func encodeInternal(dst []byte, children []link) []byte {
	var total uint64
	for _, c := range children {
		total += c.fsize
	}
	for _, c := range children {
		// PBLink: Hash (the 34-byte multihash), Name "" (always present), Tsize.
		n := 2 + Size + 2 + 1 + varintLen(c.tsize)
		dst = append(dst, 0x12) // PBNode.Links
		dst = appendVarint(dst, uint64(n))
		dst = append(dst, 0x0a, Size, mhSHA256, mhLen)
		dst = append(dst, c.cid.digest[:]...)
		dst = append(dst, 0x12, 0x00)
		dst = append(dst, 0x18)
		dst = appendVarint(dst, c.tsize)
	}
	n := 2 + 1 + varintLen(total)
	for _, c := range children {
		n += 1 + varintLen(c.fsize)
	}
	dst = append(dst, 0x0a) // PBNode.Data
	dst = appendVarint(dst, uint64(n))
	dst = append(dst, 0x08, unixfsFile, 0x18)
	dst = appendVarint(dst, total)
	for _, c := range children {
		dst = append(dst, 0x20)
		dst = appendVarint(dst, c.fsize)
	}
	return dst
}

func appendVarint(dst []byte, v uint64) []byte {
	for v >= 0x80 {
		dst = append(dst, byte(v)|0x80)
		v >>= 7
	}
	return append(dst, byte(v))
}

func varintLen(v uint64) int {
	n := 1
	for v >= 0x80 {
		v >>= 7
		n++
	}
	return n
}
