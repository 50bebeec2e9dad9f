package tecdsa

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"

	"github.com/flint-network/flint/crypto/secp"
)

// Binding ties one presignature to one request (§5). Using a presignature for
// two different (m, X', request) triples, even at disjoint sets of nodes,
// lets the shares be solved for a and then for the key, so:
//
//   - only the presignature's owner (its batch leader), as the request's
//     leader, binds it, and persists the binding before it tells anyone;
//   - every node persists the binding (its endorsement) before it sends its
//     endorsement or computes its share, answers a repeat of the same binding
//     with the same share, and refuses any other binding of that
//     presignature forever;
//   - a node computes its share only once n − t nodes endorsed the binding;
//   - a binding is looked up by the whole (requestId, m, X'), never by the
//     request id alone: two requests that share an id get two presignatures.
//
// The node stores Binding values keyed by presignature and by Lookup, and
// node/signing coordinates the endorsements; this package fixes the
// encoding and the checks.
type Binding struct {
	Presig    PresigID
	Owner     uint32 // the node that bound it (must be the presignature's owner)
	RequestID []byte
	Hash      [32]byte
	PublicKey [secp.CompressedSize]byte // X'
	// Signers are the nodes that answer with a share. In Lit mode (Plain
	// false) they are exactly the quorum S and weight their shares by λ_i^S;
	// with Plain they may be more than a quorum and return plain shares, so a
	// client holding more than 2t+1 can name a wrong one.
	Signers []uint32
	Plain   bool
}

// Errors of binding.
var (
	// ErrAlreadyBound: the presignature is bound to another request.
	ErrAlreadyBound = errors.New("tecdsa: presignature already bound to another request")
	// ErrNotOwner: the binding does not come from the presignature's owner.
	ErrNotOwner = errors.New("tecdsa: binding not made by the presignature's owner")
	// ErrBadBinding: the binding does not fit the presignature.
	ErrBadBinding = errors.New("tecdsa: binding does not fit the presignature")
)

// Lookup is the key under which a binding is found for a request: a hash of
// the whole (requestId, m, X').
func Lookup(requestID []byte, hash [32]byte, publicKey [secp.CompressedSize]byte) [32]byte {
	h := sha256.New()
	h.Write([]byte("flint/tecdsa/binding"))
	var l [2]byte
	binary.BigEndian.PutUint16(l[:], uint16(len(requestID)))
	h.Write(l[:])
	h.Write(requestID)
	h.Write(hash[:])
	h.Write(publicKey[:])
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// Lookup returns the binding's lookup key.
func (b *Binding) Lookup() [32]byte { return Lookup(b.RequestID, b.Hash, b.PublicKey) }

// Equal reports whether two bindings bind the same presignature to the same
// request with the same signer set.
func (b *Binding) Equal(o *Binding) bool {
	return b.Presig == o.Presig && b.Owner == o.Owner && bytes.Equal(b.RequestID, o.RequestID) &&
		b.Hash == o.Hash && b.PublicKey == o.PublicKey && slices.Equal(b.Signers, o.Signers) && b.Plain == o.Plain
}

// Fits checks that the binding can serve presignature p: it names p, comes
// from p's owner, and is well formed. A node checks it before it computes a
// share; that the binding is the only one p will ever have is the business
// of the node's store and of the endorsements (node/signing).
func (b *Binding) Fits(p *Presignature) error {
	if b.Presig != p.ID {
		return fmt.Errorf("%w: binding for %s offered to %s", ErrBadBinding, b.Presig, p.ID)
	}
	if b.Owner != p.Owner {
		return fmt.Errorf("%w: bound by %d, owned by %d", ErrNotOwner, b.Owner, p.Owner)
	}
	if len(b.RequestID) == 0 || len(b.RequestID) > MaxRequestID {
		return fmt.Errorf("%w: request id of %d bytes", ErrBadBinding, len(b.RequestID))
	}
	for i, id := range b.Signers {
		if id == 0 || id > MaxParties || (i > 0 && id <= b.Signers[i-1]) {
			return fmt.Errorf("%w: signer set %v", ErrBadBinding, b.Signers)
		}
	}
	return nil
}

const bindingVersion = 1

// MarshalBinary encodes the binding: the message the owner sends and the
// record every node stores.
func (b *Binding) MarshalBinary() ([]byte, error) {
	if len(b.RequestID) == 0 || len(b.RequestID) > MaxRequestID {
		return nil, fmt.Errorf("%w: request id of %d bytes", ErrBadBinding, len(b.RequestID))
	}
	w := writer{}
	w.u8(bindingVersion)
	w.raw(b.Presig.Bytes())
	w.u16(uint16(b.Owner))
	w.bytes(b.RequestID)
	w.raw(b.Hash[:])
	w.raw(b.PublicKey[:])
	w.indices(b.Signers)
	if b.Plain {
		w.u8(1)
	} else {
		w.u8(0)
	}
	return w.b, nil
}

// UnmarshalBinding decodes and validates a binding.
func UnmarshalBinding(data []byte) (*Binding, error) {
	r := reader{b: data}
	if v := r.u8(); r.err == nil && v != bindingVersion {
		r.fail("binding version %d", v)
	}
	b := &Binding{}
	if raw := r.take(PresigIDSize); raw != nil {
		b.Presig, _ = ParsePresigID(raw)
	}
	b.Owner = uint32(r.u16())
	if r.err == nil && (b.Owner == 0 || b.Owner > MaxParties) {
		r.fail("owner %d", b.Owner)
	}
	b.RequestID = bytes.Clone(r.bytes(MaxRequestID))
	if r.err == nil && len(b.RequestID) == 0 {
		r.fail("empty request id")
	}
	copy(b.Hash[:], r.take(32))
	// X' is only ever compared, byte for byte, with the key a node derives
	// itself for a request (Lookup), never used as a point: the prefix is
	// checked, the costly decompression is not needed.
	if pk := r.take(secp.CompressedSize); pk != nil {
		if pk[0] != 0x02 && pk[0] != 0x03 {
			r.fail("public key prefix %#x", pk[0])
		}
		copy(b.PublicKey[:], pk)
	}
	b.Signers = r.indices(MaxParties)
	switch r.u8() {
	case 0:
	case 1:
		b.Plain = true
	default:
		r.fail("binding mode")
	}
	if err := r.done(); err != nil {
		return nil, err
	}
	return b, nil
}

// Leader returns the leader of a request among the live nodes: the node with
// the highest hash(requestId ‖ node) (rendezvous hashing), so every node
// computes the same leader without talking, and a new request id picks an
// independent one.
func Leader(requestID []byte, live []uint32) uint32 {
	if len(live) == 0 {
		return 0
	}
	return rank(live, func(h *[32]byte, id uint32) { *h = rendezvous("flint/tecdsa/leader", requestID, nil, id) })[0]
}

// SignerSet returns the request's signer set S: the first q of candidates in
// the order of hash(m ‖ requestId ‖ node), sorted by index. The leader picks
// candidates it can reach that hold the presignature.
func SignerSet(requestID []byte, hash [32]byte, candidates []uint32, q int) ([]uint32, error) {
	if q < 1 || len(candidates) < q {
		return nil, fmt.Errorf("%w: %d candidates for a signer set of %d", ErrTooFewShares, len(candidates), q)
	}
	order := rank(candidates, func(h *[32]byte, id uint32) { *h = rendezvous("flint/tecdsa/signers", requestID, hash[:], id) })
	s := slices.Clone(order[:q])
	slices.Sort(s)
	return s, nil
}

func rendezvous(tag string, requestID, extra []byte, id uint32) [32]byte {
	h := sha256.New()
	h.Write([]byte(tag))
	h.Write(extra)
	h.Write(requestID)
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], id)
	h.Write(b[:])
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// rank orders ids by descending score.
func rank(ids []uint32, score func(*[32]byte, uint32)) []uint32 {
	type scored struct {
		id uint32
		h  [32]byte
	}
	s := make([]scored, len(ids))
	for i, id := range ids {
		s[i].id = id
		score(&s[i].h, id)
	}
	slices.SortFunc(s, func(a, b scored) int { return bytes.Compare(b.h[:], a.h[:]) })
	out := make([]uint32, len(s))
	for i := range s {
		out[i] = s[i].id
	}
	return out
}
