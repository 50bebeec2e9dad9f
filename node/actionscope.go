package node

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"net/http"
	"sync"
	"time"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/ipfs"
)

// The values that the nodes running an Action share (see collect.go) must
// reach only the Action that asked for them. Two things keep them apart.
//
// The scope: every node derives it alike from the authenticated request —
// the request id, the caller's address and session key, the CID the node
// computed or checked the code against, and the parameters — so the
// executions of two callers, of two pieces of code or of two requests
// never share a key. The call path: within one execution tree, the
// top-level Action and each Lit.Actions.call child have their own frame
// (actions.Frame), which the node's side of the execution hands out; a
// parent cannot write where its child reads, so an attacker's inline
// Action cannot pre-fill what an Action permitted on a PKP collects.
//
// And a node runs one execution per request id within the time its
// mailbox keeps values (recentRequests).

// execScope names one execution tree, alike at every node.
type execScope [32]byte

func newExecScope(requestID string, id *auth.Identity, cid ipfs.CID, params []byte) execScope {
	// The SDK sends every node the same jsParams; compacting forgives a
	// client that spaces them differently.
	var compact bytes.Buffer
	if json.Compact(&compact, params) == nil {
		params = compact.Bytes()
	}
	h := sha256.New()
	h.Write([]byte("flint/actions/scope/1\x00"))
	writeField(h, []byte(requestID))
	writeField(h, id.Address.Bytes())
	writeField(h, id.SessionKey) // empty for a wallet AuthSig
	writeField(h, cid.Bytes())
	writeField(h, params)
	var s execScope
	h.Sum(s[:0])
	return s
}

// writeField writes b with its length, so that no two splits of the same
// bytes make one hash.
func writeField(h hash.Hash, b []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(b)))
	h.Write(n[:])
	h.Write(b)
}

// maxRecentRequests bounds the request ids a node remembers: at the
// default limits (kept for about 3 minutes) it allows some 700 executions a
// second, far more than a node's workers run, in at most ~20 MB.
const maxRecentRequests = 1 << 17

var (
	errDuplicateRequest = errors.New("request id already used")
	errTooManyRequests  = errors.New("too many recent executions")
)

// recentRequests remembers the request ids of the executions a node started
// recently, oldest first, to refuse a second execution under one of them.
type recentRequests struct {
	mu    sync.Mutex
	keep  time.Duration
	limit int
	seen  map[[32]byte]struct{}
	queue []recentRequest // by time; queue[head:] are live
	head  int
}

type recentRequest struct {
	key [32]byte
	at  time.Time
}

func newRecentRequests(keep time.Duration, limit int) *recentRequests {
	return &recentRequests{keep: keep, limit: limit, seen: map[[32]byte]struct{}{}}
}

// add records the request id rid, or refuses it: it was used within keep,
// or the node remembers as many ids as it may.
func (r *recentRequests) add(rid string, now time.Time) error {
	k := sha256.Sum256([]byte(rid))
	r.mu.Lock()
	defer r.mu.Unlock()
	for r.head < len(r.queue) && now.Sub(r.queue[r.head].at) > r.keep {
		delete(r.seen, r.queue[r.head].key)
		r.queue[r.head] = recentRequest{}
		r.head++
	}
	if r.head > len(r.queue)/2 { // reclaim the expired front
		r.queue = append(r.queue[:0], r.queue[r.head:]...)
		r.head = 0
	}
	if _, ok := r.seen[k]; ok {
		return fmt.Errorf("%w: an execution with X-Request-Id %q ran on this node within the last %v; every execution needs a fresh id",
			errDuplicateRequest, rid, r.keep)
	}
	if len(r.seen) >= r.limit {
		return fmt.Errorf("%w: this node started %d executions within the last %v, as many as it remembers; retry later",
			errTooManyRequests, r.limit, r.keep)
	}
	r.seen[k] = struct{}{}
	r.queue = append(r.queue, recentRequest{key: k, at: now})
	return nil
}

// requestRefused gives recentRequests' refusals their codes.
func requestRefused(err error) error {
	if errors.Is(err, errTooManyRequests) {
		return &codedError{status: http.StatusServiceUnavailable, kind: kindUnavailable, code: "NodeActionsBusy", msg: err.Error()}
	}
	return &codedError{status: http.StatusConflict, kind: kindValidation, code: "NodeDuplicateRequestId", msg: err.Error()}
}
