package client

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/wire"
)

// Signature is a combined, verified ECDSA signature.
type Signature struct {
	R, S      [32]byte
	V         byte   // recovery id, 0 or 1
	PublicKey []byte // 65-byte uncompressed key it verifies under
	Hash      [32]byte
}

// Bytes returns r ‖ s ‖ v with v = 27 + recovery id (Ethereum's form).
func (s *Signature) Bytes() []byte {
	out := append(append(append([]byte{}, s.R[:]...), s.S[:]...), 27+s.V)
	return out
}

// SignResult is a signature and the nodes whose answers were wrong or
// missing (the signature was made without them).
type SignResult struct {
	Signature
	RequestID string
	Signers   []string     // URLs of the nodes whose shares made the signature
	BadNodes  []string     // URLs of nodes whose shares did not fit
	Failed    []*NodeError // nodes that refused or did not answer
}

func unquoteHex(s string) ([]byte, error) {
	return hex.DecodeString(strings.TrimPrefix(strings.ReplaceAll(s, `"`, ""), "0x"))
}

// pointCache parses each distinct point encoding of one request once: every
// signer sends the same R' and public key.
type pointCache map[string]secp.Point

func (c pointCache) parse(b []byte) (secp.Point, error) {
	if p, ok := c[string(b)]; ok {
		return p, nil
	}
	p, err := secp.ParsePublicKey(b)
	if err == nil {
		c[string(b)] = p
	}
	return p, err
}

// parseShare turns a node's answer into a share; nil for a non-signer.
func parseShare(body []byte, points pointCache) (*tecdsa.SignatureShare, error) {
	var resp wire.PKPSignAnswer
	if err := json.Unmarshal(body, &resp); err != nil || resp.SignatureShare == nil {
		return nil, errors.New("answer without a signatureShare")
	}
	s := resp.SignatureShare
	if s.SignatureShare == "" {
		return nil, nil
	}
	sigma, err := unquoteHex(s.SignatureShare)
	if err != nil || len(sigma) != 32 {
		return nil, errors.New("signature_share is not 32 bytes of hex")
	}
	r, err := unquoteHex(s.BigR)
	if err != nil {
		return nil, errors.New("big_r is not hex")
	}
	pub, err := unquoteHex(s.PublicKey)
	if err != nil {
		return nil, errors.New("public_key is not hex")
	}
	dg, err := unquoteHex(s.Digest)
	if err != nil || len(dg) != 32 {
		return nil, errors.New("digest is not 32 bytes of hex")
	}
	sh := &tecdsa.SignatureShare{Index: uint32(s.ShareIndex)}
	if sh.Sigma, err = secp.DecodeScalar(sigma); err != nil {
		return nil, err
	}
	if sh.R, err = points.parse(r); err != nil {
		return nil, fmt.Errorf("big_r: %w", err)
	}
	if sh.PublicKey, err = points.parse(pub); err != nil {
		return nil, fmt.Errorf("public_key: %w", err)
	}
	copy(sh.Hash[:], dg)
	return sh, nil
}

// PKPSign asks every node to sign hash with the PKP whose public key is
// pubkey, authorised by cred (a Session, or SessionSigs from the Lit SDK),
// and combines plain shares: the first quorum that verifies wins, and
// with more shares than a quorum every share off the signing polynomial is
// named.
//
// A request whose leader bound nothing, could not be reached, or saw its
// binding go unendorsed (a corrupt or silent leader) is tried again with a
// new request id, up to t + 1 times in all: each new id is chosen so that
// its leader is none of the earlier ones (docs/threshold-ecdsa.md §5), so
// with at most t corrupt nodes one attempt has an honest leader.
func (c *Client) PKPSign(ctx context.Context, cred Credential, pubkey []byte, hash [32]byte) (*SignResult, error) {
	authSig, err := c.authSigs(cred)
	if err != nil {
		return nil, err
	}
	c.refreshCommitteeIfStale()
	var tried []uint32
	var res *SignResult
	for attempt := 0; attempt <= c.Threshold; attempt++ {
		rid, leader := c.requestIDAvoiding(tried)
		tried = append(tried, leader)
		res, err = c.pkpSign(ctx, rid, authSig, pubkey, hash)
		if err == nil || !c.retryable(err) || ctx.Err() != nil {
			break
		}
		// The leader may be a node this client does not talk to (one that
		// joined since it connected), or the nodes moved on by more than
		// one epoch: learn the node set and the epoch before choosing the
		// next leader.
		c.refreshCommittee(ctx, time.Now())
	}
	return res, err
}

// requestIDAvoiding returns a fresh request id whose leader, as the nodes
// compute it when all are up, is not in avoid nor a node this client does
// not talk to (when that can be had), and that leader.
func (c *Client) requestIDAvoiding(avoid []uint32) (string, uint32) {
	known := c.nodeIndices()
	nodes := c.leaderSet(known)
	skip := slices.Clone(avoid)
	for _, id := range nodes {
		if !slices.Contains(known, id) && !slices.Contains(skip, id) {
			skip = append(skip, id)
		}
	}
	for i := 0; ; i++ {
		rid := NewRequestID()
		if len(nodes) == 0 {
			return rid, 0
		}
		leader := tecdsa.Leader([]byte(rid), nodes)
		if !slices.Contains(skip, leader) || len(skip) >= len(nodes) || i >= 1000 {
			return rid, leader
		}
	}
}

// leaderSet is the node set the nodes draw leaders from: the committee the
// handshakes named, else the nodes this client knows.
func (c *Client) leaderSet(known []uint32) []uint32 {
	c.cmu.Lock()
	defer c.cmu.Unlock()
	if len(c.committee) > 0 {
		return slices.Clone(c.committee)
	}
	return known
}

// nodeIndices returns the nodes' indices from their handshakes, sorted.
func (c *Client) nodeIndices() []uint32 {
	out := make([]uint32, 0, len(c.index))
	for _, id := range c.index {
		out = append(out, id)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// retryableCodes are the refusals that a request with another leader can
// overcome.
// NodeLeaderRefused is among them: the other nodes answer it when the
// request's leader refused the request, which a corrupt leader could do to
// every request it leads; if the refusal is honest, the next leader
// refuses too and says why itself.
//
// NodeInvalidEpoch is too: a client idle through two epoch changes names
// an epoch the nodes no longer serve, and the refresh before the next
// attempt reads the current one from their handshakes.
var retryableCodes = []string{"NodeNoPresignatures", "NodeLeaderUnreachable", "NodeLeaderRefused", "NodeBindingNotEndorsed", "NodePresignatureConflict", "NodeInvalidEpoch"}

// retryable reports whether the attempt failed for want of a working
// leader: the shares did not combine, or no refusal that another leader
// cannot overcome (say, NodeNotAuthorized) came from t + 1 nodes — one of
// which is honest. A corrupt node answering with such a code on its own
// cannot stop the retries.
func (c *Client) retryable(err error) bool {
	var ne *NodesError
	if !errors.As(err, &ne) {
		return false
	}
	if errors.Is(err, tecdsa.ErrInvalidSignature) {
		return true
	}
	final, coded := map[string]int{}, 0
	for _, n := range ne.Nodes {
		if n.Code == "" {
			continue // no answer at all: another leader does not help it
		}
		coded++
		if !slices.Contains(retryableCodes, n.Code) {
			if final[n.Code]++; final[n.Code] > c.Threshold {
				return false
			}
		}
	}
	return coded > 0
}

func (c *Client) pkpSign(ctx context.Context, rid string, authSig func(url string) json.RawMessage, pubkey []byte, hash [32]byte) (*SignResult, error) {
	want, err := secp.ParsePublicKey(pubkey)
	if err != nil {
		return nil, fmt.Errorf("client: public key: %w", err)
	}
	wantU := secp.Uncompressed(&want)
	req := wire.PKPSignRequest{ToSign: hash[:], Pubkey: "0x" + hex.EncodeToString(wantU[:]), Epoch: c.requestEpoch(), PlainShares: true}
	body := func(url string) any { r := req; r.AuthSig = authSig(url); return r }
	res := &SignResult{RequestID: rid}
	points := pointCache{}
	type signPiece = piece[struct{}, uint32, *tecdsa.SignatureShare]
	col := &collector[struct{}, uint32, *tecdsa.SignatureShare, *tecdsa.Signature]{
		parse: func(url string, body []byte) (signPiece, error) {
			sh, err := parseShare(body, points)
			switch {
			case err != nil:
				return signPiece{}, err
			case sh == nil:
				return signPiece{}, errNoShare // not a signer
			}
			shU := secp.Uncompressed(&sh.PublicKey)
			if idx, known := c.index[url]; sh.Index == 0 || (known && sh.Index != idx) || !bytes.Equal(shU[:], wantU[:]) || sh.Hash != hash {
				return signPiece{}, fmt.Errorf("%w: share for another key, message or index", errBadShare)
			}
			return signPiece{id: sh.Index, share: sh}, nil
		},
		enough: c.Quorum,
		expect: len(c.urls),
		// With more shares than a quorum, Combine names those off the
		// signing polynomial; it does not say which of a quorum is wrong,
		// so a failure waits for more shares.
		combine: func(_ struct{}, shares []*tecdsa.SignatureShare) (*tecdsa.Signature, []uint32, error) {
			sig, bad, err := tecdsa.Combine(shares, c.Quorum)
			if err != nil {
				return nil, nil, errNeedMore
			}
			return sig, bad, nil
		},
		// One of two shares of an index lies about it: both are weighed
		// below if the first ones do not combine.
		keepDups: true,
		ctx:      ctx,
	}
	// The requests outlive this call (each bounded by Options.Timeout): once
	// a quorum has signed, the slower answers are read in the background
	// instead of cancelled, which would close their connections.
	bg, stop := context.WithoutCancel(ctx), context.CancelFunc(func() {})
	if dl, ok := ctx.Deadline(); ok { // the caller's deadline still holds
		bg, stop = context.WithDeadline(bg, dl)
	}
	answers := c.fanoutChan(bg, rid, "/web/pkp/sign/v1", body)
	defer func() {
		go func() { // read the rest, then release the context
			for range answers {
			}
			stop()
		}()
	}()
	got, err := col.collect(answers, func() {})
	if err != nil {
		return nil, fmt.Errorf("pkp sign %s: %w", rid, err)
	}
	res.Failed, res.BadNodes = got.failed, got.bad
	sig, signers := got.result, got.shares
	if !got.ok && len(got.dups) > 0 {
		urlOf := map[*tecdsa.SignatureShare]string{}
		var shares, alts []*tecdsa.SignatureShare
		for _, sh := range got.shares {
			urlOf[sh.share] = sh.url
			shares = append(shares, sh.share)
		}
		for _, sh := range got.dups {
			urlOf[sh.share] = sh.url
			alts = append(alts, sh.share)
		}
		if s, bad, chosen, err := tecdsa.CombineClaims(shares, alts, c.Quorum); err == nil {
			for _, sh := range shares {
				if !slices.Contains(chosen, sh) {
					res.BadNodes = append(res.BadNodes, urlOf[sh])
				}
			}
			sig, signers = s, nil
			for _, sh := range chosen {
				if slices.Contains(bad, sh.Index) {
					res.BadNodes = append(res.BadNodes, urlOf[sh])
				} else {
					signers = append(signers, sourced[*tecdsa.SignatureShare]{urlOf[sh], sh})
				}
			}
		}
	}
	if sig == nil {
		cause := fmt.Errorf("%w: %d shares of %d needed; not signers: %v", ErrTooFewNodes, got.most, c.Quorum, got.skipped)
		if got.most >= c.Quorum {
			cause = tecdsa.ErrInvalidSignature
		}
		return nil, &NodesError{Op: "pkp sign " + rid, Cause: cause, Nodes: res.Failed}
	}
	for _, sh := range signers {
		res.Signers = append(res.Signers, sh.url)
	}
	r, s := sig.R.Bytes(), sig.S.Bytes()
	res.Signature = Signature{R: r, S: s, V: sig.V, PublicKey: wantU[:], Hash: hash}
	return res, nil
}
