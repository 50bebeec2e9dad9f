package client

import (
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/flint-network/flint/crypto/hd"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/wire"
)

// ErrShares: a sigName's shares do not combine into a valid signature —
// too few of them, or nodes whose Actions signed different things.
var ErrShares = errors.New("client: signature shares do not combine")

// Action names the code to run: inline Code, or the IPFS CID of code the
// nodes fetch. With both, the nodes check that they match.
type Action struct {
	Code []byte
	CID  string
}

// ActionError is the Action's own failure (it threw, or hit a limit), as
// most of the nodes that failed reported it.
type ActionError struct {
	Code    string // the nodes' errorCode, e.g. NodeJsExecutionError, NodeJsTimeoutError
	Message string // the error as the runtime gave it
	Logs    string // the console output up to the failure
	Nodes   int    // how many nodes reported this
}

func (e *ActionError) Error() string {
	return fmt.Sprintf("action failed on %d nodes (%s): %s", e.Nodes, e.Code, e.Message)
}

// ActionSignature is a signature an Action asked for, combined from the
// nodes' shares and verified.
type ActionSignature struct {
	Signature
	Name     string
	Signers  []string // URLs of the nodes whose shares make it
	BadNodes []string // URLs of nodes whose shares were left out
}

// MarshalJSON gives the Lit SDK's form: {r, s, recid, signature, publicKey,
// dataSigned}, r and s as 64 hex digits, signature 0x-hex with v = 27+recid,
// publicKey and dataSigned uppercase hex as Lit's nodes send them.
func (s *ActionSignature) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		R          string `json:"r"`
		S          string `json:"s"`
		Recid      byte   `json:"recid"`
		Signature  string `json:"signature"`
		PublicKey  string `json:"publicKey"`
		DataSigned string `json:"dataSigned"`
	}{hex.EncodeToString(s.R[:]), hex.EncodeToString(s.S[:]), s.V, "0x" + hex.EncodeToString(s.Bytes()),
		strings.ToUpper(hex.EncodeToString(s.PublicKey)), strings.ToUpper(hex.EncodeToString(s.Hash[:]))})
}

// ActionClaim is a key an Action claimed with Lit.Actions.claimKey: the
// derived key id and the nodes' attestations of its key, which mint it with
// PKPNFT's claimAndMint (chain.AttestedKey).
type ActionClaim struct {
	KeyID        string   // the keyId the Action gave
	DerivedKeyID [32]byte // keccak256(CID + "_" + keyId)
	PublicKey    []byte   // the derived key, 65 bytes, from the network's root keys
	Signatures   [][]byte // one per node, r ‖ s ‖ v
}

// MarshalJSON gives the Lit SDK's form: {signatures: [{r, s, v}], derivedKeyId}.
func (c *ActionClaim) MarshalJSON() ([]byte, error) {
	type rsv struct {
		R string `json:"r"`
		S string `json:"s"`
		V byte   `json:"v"`
	}
	sigs := make([]rsv, 0, len(c.Signatures))
	for _, s := range c.Signatures {
		v := s[64]
		if v < 27 {
			v += 27
		}
		sigs = append(sigs, rsv{"0x" + hex.EncodeToString(s[:32]), "0x" + hex.EncodeToString(s[32:64]), v})
	}
	return json.Marshal(struct {
		Signatures   []rsv  `json:"signatures"`
		DerivedKeyID string `json:"derivedKeyId"`
	}{sigs, hex.EncodeToString(c.DerivedKeyID[:])})
}

// ExecuteResult is what an execution gave: the response and logs most nodes
// agree on, the combined signatures and the claims. Marshalled to JSON it
// has the shape of the Lit SDK's executeJs result: {claims, signatures,
// response, logs}, the response parsed as JSON when it is JSON.
type ExecuteResult struct {
	RequestID  string
	Response   string // as the Action gave it to setResponse
	Logs       string
	Signatures map[string]*ActionSignature // by sigName
	Claims     map[string]*ActionClaim     // by keyId

	Agree    int          // nodes that gave Response
	Answered int          // nodes that ran the Action
	Dissent  []string     // URLs of nodes that gave another response
	Failed   []*NodeError // nodes that refused or failed
	// Took is each node's time to answer, by URL (as the client saw it: the node's run of the
	// Action, and the network between).
	Took map[string]time.Duration
}

// MarshalJSON gives the Lit SDK's executeJs shape.
func (r *ExecuteResult) MarshalJSON() ([]byte, error) {
	var resp any = r.Response
	var parsed any
	if err := json.Unmarshal([]byte(r.Response), &parsed); err == nil {
		resp = parsed
	}
	sigs, claims := r.Signatures, r.Claims
	if sigs == nil {
		sigs = map[string]*ActionSignature{}
	}
	if claims == nil {
		claims = map[string]*ActionClaim{}
	}
	return json.Marshal(struct {
		Claims     map[string]*ActionClaim     `json:"claims"`
		Signatures map[string]*ActionSignature `json:"signatures"`
		Response   any                         `json:"response"`
		Logs       string                      `json:"logs"`
	}{claims, sigs, resp, r.Logs})
}

// parseExecuteAnswer reads a node's answer; it must be a success with
// signedData and claimData objects, as Lit's nodes answer.
func parseExecuteAnswer(body []byte) (*wire.ExecuteAnswer, error) {
	var a wire.ExecuteAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return nil, fmt.Errorf("execute answer: %w", err)
	}
	if !a.Success {
		return nil, errors.New("execute answer without success")
	}
	if a.SignedData == nil || a.ClaimData == nil {
		return nil, errors.New("execute answer without signedData or claimData")
	}
	return &a, nil
}

// Execute runs an Action on every node, authorised by cred (a Session, or
// SessionSigs from the Lit SDK), with jsParams (any JSON object, or
// nil) as its parameters. It waits for every node, then picks the response
// and logs most nodes agree on (Dissent names the others) and combines each
// sigName's Lit-weighted shares: the signer set's shares add up to the
// signature, which is verified. When the Action fails on the nodes, the error
// is a *NodesError whose cause is an *ActionError. When a sigName's shares do
// not combine, Execute returns the result without it and an error wrapping
// ErrShares. Each node's answer is awaited up to Options.Timeout, which should
// exceed the nodes' Action time limit (30 s by default).
func (c *Client) Execute(ctx context.Context, cred Credential, action Action, jsParams any) (*ExecuteResult, error) {
	authSig, err := c.authSigs(cred)
	if err != nil {
		return nil, err
	}
	req := wire.ExecuteRequest{IPFSID: action.CID, Epoch: c.Epoch}
	if action.Code != nil {
		req.Code = base64.StdEncoding.EncodeToString(action.Code)
	}
	if action.Code == nil && action.CID == "" {
		return nil, errors.New("client: execute: no code and no CID")
	}
	if jsParams != nil {
		if req.JSParams, err = json.Marshal(jsParams); err != nil {
			return nil, fmt.Errorf("client: execute: jsParams: %w", err)
		}
	}
	body := func(url string) any { r := req; r.AuthSig = authSig(url); return r }
	rid := NewRequestID()
	res := &ExecuteResult{RequestID: rid, Signatures: map[string]*ActionSignature{}, Claims: map[string]*ActionClaim{}, Took: map[string]time.Duration{}}
	type ok struct {
		url string
		pos int
		a   *wire.ExecuteAnswer
	}
	pos := map[string]int{}
	for i, u := range c.urls {
		pos[u] = i
	}
	var good []ok
	for a := range c.fanoutChan(ctx, rid, "/web/execute/v1", body) {
		res.Took[a.url] = a.took
		if a.err != nil {
			res.Failed = append(res.Failed, a.err)
			continue
		}
		ans, err := parseExecuteAnswer(a.body)
		if err != nil {
			res.Failed = append(res.Failed, &NodeError{URL: a.url, Err: err})
			continue
		}
		good = append(good, ok{a.url, pos[a.url], ans})
	}
	sort.Slice(good, func(i, j int) bool { return good[i].pos < good[j].pos })
	sort.Slice(res.Failed, func(i, j int) bool { return pos[res.Failed[i].URL] < pos[res.Failed[j].URL] })
	op := "execute " + rid
	if len(good) < c.Quorum || len(good) == 0 {
		var cause error = ErrTooFewNodes
		if ae := mostCommonFailure(res.Failed); ae != nil {
			cause = ae
		}
		return nil, &NodesError{Op: op, Cause: cause, Nodes: res.Failed}
	}
	res.Answered = len(good)

	responses := make([]string, len(good))
	logs := make([]string, len(good))
	for i, g := range good {
		responses[i], logs[i] = g.a.Response, g.a.Logs
	}
	res.Response, res.Agree = mostCommon(responses)
	res.Logs, _ = mostCommon(logs)
	for _, g := range good {
		if g.a.Response != res.Response {
			res.Dissent = append(res.Dissent, g.url)
		}
	}

	// Signatures, by sigName.
	names := map[string]bool{}
	for _, g := range good {
		for name := range g.a.SignedData {
			names[name] = true
		}
	}
	var failed []string
	for _, name := range sortedKeys(names) {
		var shares []*urlShare
		var bad []string
		for _, g := range good {
			e := g.a.SignedData[name]
			if e == nil || strings.ReplaceAll(e.SignatureShare, `"`, "") == "" {
				continue
			}
			sh, err := parseSignedEntry(e, uint32(g.pos+1))
			if err != nil {
				bad = append(bad, g.url)
				continue
			}
			shares = append(shares, &urlShare{url: g.url, share: sh})
		}
		sig, err := combineActionShares(shares, c.Quorum)
		if err != nil {
			failed = append(failed, fmt.Sprintf("%q: %v", name, err))
			continue
		}
		sig.Name = name
		sig.BadNodes = append(bad, sig.BadNodes...)
		res.Signatures[name] = sig
	}

	// Claims: the key set of the first node, every node's signature.
	if first := good[0].a; len(first.ClaimData) > 0 {
		for keyID := range first.ClaimData {
			var entries []urlClaim
			for _, g := range good {
				entries = append(entries, urlClaim{g.url, g.a.ClaimData[keyID]})
			}
			claim, err := c.claim(keyID, entries)
			if err != nil {
				failed = append(failed, fmt.Sprintf("claim %q: %v", keyID, err))
				continue
			}
			res.Claims[keyID] = claim
		}
	}
	if len(failed) > 0 {
		return res, &NodesError{Op: op, Cause: fmt.Errorf("%w: %s", ErrShares, strings.Join(failed, "; ")), Nodes: res.Failed}
	}
	return res, nil
}

// urlShare is one node's share of a sigName.
type urlShare struct {
	url   string
	share *tecdsa.SignatureShare
}

// parseSignedEntry reads a signer's signedData entry (quotes stripped, any
// case, with or without 0x) into a weighted share numbered index.
func parseSignedEntry(e *wire.SignedEntry, index uint32) (*tecdsa.SignatureShare, error) {
	if t := strings.ToUpper(e.SigType); t != "K256" && t != "ECDSA_CAIT_SITH" {
		return nil, fmt.Errorf("sigType %q is not K256", truncate(e.SigType, 32))
	}
	sigma, err := unquoteHex(e.SignatureShare)
	if err != nil || len(sigma) != 32 {
		return nil, errors.New("signatureShare is not 32 bytes of hex")
	}
	r, err := unquoteHex(e.BigR)
	if err != nil {
		return nil, errors.New("bigR is not hex")
	}
	pub, err := unquoteHex(e.PublicKey)
	if err != nil {
		return nil, errors.New("publicKey is not hex")
	}
	data, err := unquoteHex(e.DataSigned)
	if err != nil || len(data) != 32 {
		return nil, errors.New("dataSigned is not 32 bytes of hex")
	}
	sh := &tecdsa.SignatureShare{Index: index, Weighted: true}
	if sh.Sigma, err = secp.DecodeScalar(sigma); err != nil {
		return nil, err
	}
	if sh.R, err = secp.ParsePublicKey(r); err != nil {
		return nil, fmt.Errorf("bigR: %w", err)
	}
	if sh.PublicKey, err = secp.ParsePublicKey(pub); err != nil {
		return nil, fmt.Errorf("publicKey: %w", err)
	}
	copy(sh.Hash[:], data)
	return sh, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}

// maxSubsets bounds the quorum-sized subsets tried when more shares than a
// quorum agree (a faulty node's share among them).
const maxSubsets = 256

// combineActionShares adds the shares of the group of nodes that agree on
// (R, public key, data) — the signer set of one presignature — and verifies
// the sum. Weighted shares carry no redundancy: with exactly a quorum, one
// wrong share spoils the signature and cannot be named; with more, the first
// quorum-sized subset that verifies wins. Only the largest agreeing group is
// tried (the first on a tie), once every share is in: the collector is given
// the shares Execute has already read from every node's answer.
func combineActionShares(shares []*urlShare, quorum int) (*ActionSignature, error) {
	if len(shares) == 0 {
		return nil, errors.New("no node returned a share")
	}
	// The "answers" are the shares' positions; parse looks them up.
	answers := make(chan answer, len(shares))
	for i := range shares {
		answers <- answer{url: strconv.Itoa(i)}
	}
	close(answers)
	keys := map[string]bool{}
	type actionPiece = piece[string, uint32, *urlShare]
	col := &collector[string, uint32, *urlShare, *ActionSignature]{
		parse: func(pos string, _ []byte) (actionPiece, error) {
			i, _ := strconv.Atoi(pos)
			s := shares[i]
			rc := secp.Compress(&s.share.R)
			pu := secp.Uncompressed(&s.share.PublicKey)
			k := string(rc[:]) + string(pu[:]) + string(s.share.Hash[:])
			keys[k] = true
			return actionPiece{group: k, id: s.share.Index, share: s}, nil
		},
		enough: math.MaxInt, // no try before every share is in
		least:  quorum,
		combine: func(_ string, group []*urlShare) (*ActionSignature, []uint32, error) {
			sig, bad, ok := combineWeightedSubset(group, quorum)
			if !ok {
				return nil, nil, fmt.Errorf("%d agreeing shares do not add up to a valid signature (a wrong share among them)", len(group))
			}
			return sig, bad, nil
		},
	}
	got, err := col.collect(answers, func() {})
	if err != nil {
		return nil, err
	}
	// others are the nodes outside the group that was tried.
	in := map[*urlShare]bool{}
	for _, s := range got.shares {
		in[s.share] = true
	}
	var others []string
	for i, s := range shares {
		if !in[s] && !slices.Contains(got.bad, strconv.Itoa(i)) {
			others = append(others, s.url)
		}
	}
	if !got.ok {
		msg := fmt.Sprintf("%d shares, %d needed", got.most, quorum)
		if len(keys) > 1 {
			msg += fmt.Sprintf("; nodes disagree on what to sign (%d different signatures, nodes %v apart)", len(keys), others)
		}
		return nil, errors.New(msg)
	}
	out := got.result
	for _, s := range got.shares {
		out.Signers = append(out.Signers, s.share.url)
	}
	for _, pos := range got.bad {
		i, _ := strconv.Atoi(pos)
		out.BadNodes = append(out.BadNodes, shares[i].url)
	}
	out.BadNodes = append(out.BadNodes, others...)
	return out, nil
}

// combineWeightedSubset tries the quorum-sized subsets of group, in
// lexicographic order and at most maxSubsets of them, and returns the
// signature of the first that verifies with the indices of the shares left
// out.
func combineWeightedSubset(group []*urlShare, quorum int) (*ActionSignature, []uint32, bool) {
	if len(group) < quorum {
		return nil, nil, false
	}
	idx := make([]int, quorum)
	for i := range idx {
		idx[i] = i
	}
	for tries := 0; tries < maxSubsets; tries++ {
		pick := make([]*tecdsa.SignatureShare, quorum)
		for i, j := range idx {
			pick[i] = group[j].share
		}
		if sig, err := tecdsa.CombineWeighted(pick); err == nil {
			ref := group[idx[0]].share
			pu := secp.Uncompressed(&ref.PublicKey)
			out := &ActionSignature{Signature: Signature{R: sig.R.Bytes(), S: sig.S.Bytes(), V: sig.V & 1, PublicKey: pu[:], Hash: ref.Hash}}
			var left []uint32
			for k, s := range group {
				if !slices.Contains(idx, k) {
					left = append(left, s.share.Index)
				}
			}
			return out, left, true
		}
		if !nextSubset(idx, len(group)) {
			break
		}
	}
	return nil, nil, false
}

// nextSubset advances idx to the next k-subset of 0..n-1 in lexicographic
// order, reporting false after the last.
func nextSubset(idx []int, n int) bool {
	k := len(idx)
	for i := k - 1; i >= 0; i-- {
		if idx[i] < n-k+i {
			idx[i]++
			for j := i + 1; j < k; j++ {
				idx[j] = idx[j-1] + 1
			}
			return true
		}
	}
	return false
}

// urlClaim is one node's entry for a keyId.
type urlClaim struct {
	url string
	e   *wire.ClaimEntry
}

// claim gathers one keyId's signatures from every node (the first node's
// derived key id stands, as in the SDK) and derives its key.
func (c *Client) claim(keyID string, entries []urlClaim) (*ActionClaim, error) {
	id, err := unquoteHex(entries[0].e.DerivedKeyID)
	if err != nil || len(id) != 32 {
		return nil, fmt.Errorf("%s: derivedKeyId is not 32 bytes of hex", entries[0].url)
	}
	cl := &ActionClaim{KeyID: keyID}
	copy(cl.DerivedKeyID[:], id)
	for _, u := range entries {
		if u.e == nil {
			return nil, fmt.Errorf("%s: no claim", u.url)
		}
		sig, err := unquoteHex(u.e.Signature)
		if err != nil || len(sig) != 65 {
			return nil, fmt.Errorf("%s: signature is not 65 bytes of hex", u.url)
		}
		cl.Signatures = append(cl.Signatures, sig)
	}
	if len(c.RootKeys) > 0 {
		s := hd.KeyScalar(cl.DerivedKeyID[:])
		if pub, err := hd.DerivePublic(c.RootKeys, &s); err == nil {
			u := secp.Uncompressed(&pub)
			cl.PublicKey = u[:]
		}
	}
	return cl, nil
}

// mostCommon returns the most frequent string and its count; ties go to the
// one seen first.
func mostCommon(vals []string) (string, int) {
	counts := map[string]int{}
	best, n := "", 0
	for _, v := range vals {
		counts[v]++
	}
	for _, v := range vals {
		if counts[v] > n {
			best, n = v, counts[v]
		}
	}
	return best, n
}

// mostCommonFailure is the Action failure most failed nodes report, if the
// nodes ran the Action at all: the most common error code, and among the
// nodes that gave it, the most common message and logs (which may name
// per-node values).
func mostCommonFailure(failed []*NodeError) *ActionError {
	type key struct{ code, msg, logs string }
	var all []key
	codes := map[string]int{}
	for _, f := range failed {
		var b struct {
			Success *bool  `json:"success"`
			Error   string `json:"error"`
			Code    string `json:"errorCode"`
			Logs    string `json:"logs"`
		}
		if f.body == nil || json.Unmarshal(f.body, &b) != nil || b.Success == nil || *b.Success {
			continue
		}
		all = append(all, key{b.Code, b.Error, b.Logs})
		codes[b.Code]++
	}
	if len(all) == 0 {
		return nil
	}
	code := all[0].code
	for _, k := range all {
		if codes[k.code] > codes[code] {
			code = k.code
		}
	}
	var msgs, logs []string
	for _, k := range all {
		if k.code == code {
			msgs, logs = append(msgs, k.msg), append(logs, k.logs)
		}
	}
	msg, _ := mostCommon(msgs)
	log, _ := mostCommon(logs)
	return &ActionError{Code: code, Message: msg, Logs: log, Nodes: codes[code]}
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
