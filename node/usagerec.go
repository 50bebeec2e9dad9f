package node

import (
	"context"
	"encoding/hex"
	"net/http"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/node/usage"
)

// usageRecorder keeps the usage records (node/usage.Log): Append returns
// once the record is durable.
type usageRecorder interface {
	Append(r *usage.Record) error
}

// requestKinds are the endpoints that spend signing or Action work, and the
// kind of request each serves: the kind of its usage record and the quota
// bucket it draws from. The others (handshake, attest) have neither.
var requestKinds = map[string]string{
	"pkp_sign":    usage.KindSign,
	"execute":     usage.KindExecute,
	"decrypt":     usage.KindDecrypt,
	"jwt":         usage.KindDecrypt, // a token is a decryption's sibling: its quota, its records (with no data hash)
	"pkp_decrypt": usage.KindDecrypt,
	// A PKP session is a BLS share, like a token: its quota, its records
	// (the PKP and the session hash).
	"sign_session_key": usage.KindDecrypt,
}

// usageNote is the usage record of one request as its handler fills it
// in; the endpoint wrapper writes it before it answers. An Action's host
// calls add to it concurrently, hence the lock.
type usageNote struct {
	mu  sync.Mutex
	rec usage.Record
}

// usageOf returns the request's note, or nil for an endpoint that keeps
// none; every method of a nil note does nothing.
func usageOf(ctx context.Context) *usageNote {
	u, _ := ctx.Value(ctxUsage).(*usageNote)
	return u
}

// caller records who the request came from: the address and, for a
// session, its (public) key.
func (u *usageNote) caller(id *auth.Identity) {
	if u == nil || id == nil {
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	u.rec.Caller = id.Address.Hex()
	u.rec.CallerClass = callerClass(id.Method)
	if id.Method == auth.MethodSession {
		u.rec.SessionKey = hex.EncodeToString(id.SessionKey)
	}
}

// callerAddress records a caller known by address alone: a session key
// request's first login.
func (u *usageNote) callerAddress(addr common.Address) {
	if u == nil {
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	u.rec.Caller = addr.Hex()
	u.rec.CallerClass = usage.ClassWallet
}

func callerClass(m auth.Method) string {
	switch m {
	case auth.MethodWallet:
		return usage.ClassWallet
	case auth.MethodContract:
		return usage.ClassContract
	case auth.MethodSession:
		return usage.ClassSession
	}
	return usage.ClassAnonymous
}

// pkpHex is a PKP's key as records name it: compressed, hex; "" for bytes
// that are no key.
func pkpHex(pub []byte) string {
	p, err := secp.ParsePublicKey(pub)
	if err != nil {
		return ""
	}
	c := secp.Compress(&p)
	return hex.EncodeToString(c[:])
}

// sign records a sign request's key and digest.
func (u *usageNote) sign(pub []byte, digest []byte) {
	if u == nil {
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	u.rec.PKP, u.rec.Digest = pkpHex(pub), hex.EncodeToString(digest)
}

// decrypt records a decrypt request's conditions hash and data hash.
func (u *usageNote) decrypt(conditions, data string) {
	if u == nil {
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	u.rec.Conditions, u.rec.Digest = conditions, data
}

// pkpDecrypt records a PKP decryption's key and the SHA-256 of the
// ciphertext header it asked a share for (Conditions stays empty: that is
// how the record tells it from a decryption under conditions).
func (u *usageNote) pkpDecrypt(pub []byte, headerHash []byte) {
	if u == nil {
		return
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	u.rec.PKP, u.rec.Digest = pkpHex(pub), hex.EncodeToString(headerHash)
}

func (u *usageNote) presig(id string) {
	if u == nil {
		return
	}
	u.mu.Lock()
	u.rec.Presig = id
	u.mu.Unlock()
}

func (u *usageNote) cid(c string) {
	if u == nil {
		return
	}
	u.mu.Lock()
	u.rec.CID = c
	u.mu.Unlock()
}

// actionSign records a signature an Action asked for, and its outcome.
func (u *usageNote) actionSign(pub []byte, digest [32]byte, presig string, err error) {
	if u == nil {
		return
	}
	outcome := usage.OutcomeOK
	if err != nil {
		_, _, outcome = apiErr(err)
	}
	u.mu.Lock()
	defer u.mu.Unlock()
	if len(u.rec.Signs) >= usage.MaxSigns {
		u.rec.SignsDropped++
		return
	}
	u.rec.Signs = append(u.rec.Signs, usage.Sign{PKP: pkpHex(pub), Digest: hex.EncodeToString(digest[:]), Presig: presig, Outcome: outcome})
}

// record writes the request's usage record, and counts it by caller class.
// It fails when the record could not be made durable: the node then
// answers an error rather than an answer it has no record of.
func (n *Node) recordUsage(u *usageNote, outcome string, took time.Duration) error {
	u.mu.Lock()
	r := u.rec
	r.Signs = append([]usage.Sign(nil), u.rec.Signs...)
	u.mu.Unlock()
	r.Outcome = outcome
	r.DurationUS = took.Microseconds()
	n.metrics.usage.WithLabelValues(r.Kind, outcome, r.CallerClass).Inc()
	if n.usage == nil {
		return nil
	}
	if err := n.usage.Append(&r); err != nil {
		n.metrics.usageErrors.Inc()
		return &codedError{status: http.StatusServiceUnavailable, kind: kindUnavailable, code: "NodeUsageLogFailed",
			msg: "the node could not record the request in its usage log, so it does not answer it", cause: err}
	}
	return nil
}
