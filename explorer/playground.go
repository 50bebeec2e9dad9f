package explorer

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/ipfs"
)

// Bounds of the playground's and the decrypt page's requests, named in their errors.
var (
	// maxActionCode is the nodes' own bound on an Action's code (actions.Limits.CodeSize by default):
	// the explorer refuses nothing a node would take.
	maxActionCode = actions.DefaultLimits().CodeSize
	// maxActionBody leaves room for the JSON escaping of the code and for jsParams.
	maxActionBody = int64(maxActionCode) + 64<<10
)

const (
	maxPlainText  = 64 << 10 // the text the decrypt page encrypts
	maxCryptoBody = 4*maxPlainText + 2*acc.MaxInputBytes
	runDeadline   = 90 * time.Second // longer than an Action's 30 s and the client's own node timeout
	sessionLife   = 10 * time.Minute
	// maxRuns bounds the runs, encryptions and decryptions at once: each asks every node.
	maxRuns = 4
)

// nodesClient keeps one connection of the Go client to the nodes for the playground and the decrypt
// page, made on first use and again after a failure (the nodes may start after the explorer, or
// move to a new epoch).
type nodesClient struct {
	connect func(context.Context) (*client.Client, error)
	slots   chan struct{} // maxRuns

	mu sync.Mutex
	cl *client.Client
}

func (n *nodesClient) get(ctx context.Context) (*client.Client, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.cl != nil {
		return n.cl, nil
	}
	cl, err := n.connect(ctx)
	if err != nil {
		return nil, err
	}
	n.cl = cl
	return cl, nil
}

// drop forgets the connection after a failure that may be its own (a stale epoch, a moved node).
func (n *nodesClient) drop(cl *client.Client) {
	n.mu.Lock()
	if n.cl == cl {
		n.cl = nil
	}
	n.mu.Unlock()
}

// runRequest is the body of POST /api/v1/dev/run and /publish: the Action's code, and for a run its
// jsParams and the PKP whose key its signatures must verify under.
type runRequest struct {
	Code      string          `json:"code"`
	JSParams  json.RawMessage `json:"jsParams,omitempty"`  // a JSON object; its keys become the Action's globals
	PublicKey string          `json:"publicKey,omitempty"` // 0x04 and 128 hex digits; optional
}

type checkedRun struct {
	code     []byte
	jsParams map[string]any
	pubkey   []byte // nil: no PKP named
}

// parseRun checks a run or publish body.
func parseRun(body []byte) (checkedRun, error) {
	var out checkedRun
	var req runRequest
	if err := decodeStrict(body, &req); err != nil {
		return out, err
	}
	if req.Code == "" {
		return out, errors.New("code: empty")
	}
	if len(req.Code) > maxActionCode {
		return out, fmt.Errorf("code: %d bytes; at most %d (the nodes' limit)", len(req.Code), maxActionCode)
	}
	out.code = []byte(req.Code)
	if p := bytes.TrimSpace(req.JSParams); len(p) > 0 && !bytes.Equal(p, []byte("null")) {
		if p[0] != '{' {
			return out, errors.New("jsParams: want a JSON object")
		}
		if err := json.Unmarshal(p, &out.jsParams); err != nil {
			return out, fmt.Errorf("jsParams: %w", err)
		}
	}
	if req.PublicKey != "" {
		k, err := parsePubkey(req.PublicKey)
		if err != nil {
			return out, fmt.Errorf("publicKey: %w", err)
		}
		out.pubkey = k
	}
	return out, nil
}

// parsePubkey reads an uncompressed secp256k1 key, 0x04 and 128 hex digits, on the curve.
func parsePubkey(s string) ([]byte, error) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "0x")
	if len(s) != 130 || !strings.HasPrefix(s, "04") {
		return nil, errors.New("want 0x04 and 128 hex digits (an uncompressed key)")
	}
	b, err := hex.DecodeString(s)
	if err != nil {
		return nil, errors.New("not hex")
	}
	if _, err := crypto.UnmarshalPubkey(b); err != nil {
		return nil, errors.New("not a point of secp256k1")
	}
	return b, nil
}

// decodeStrict decodes exactly one JSON object with no unknown fields.
func decodeStrict(body []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("body: %w", err)
	}
	if dec.More() {
		return errors.New("body: more than one JSON value")
	}
	var extra json.RawMessage
	if err := dec.Decode(&extra); err == nil {
		return errors.New("body: more than one JSON value")
	}
	return nil
}

// readBody reads a bounded JSON body.
func readBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return nil, errors.New("body: want Content-Type application/json")
	}
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, limit)); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, fmt.Errorf("body: over %d bytes", limit)
		}
		return nil, fmt.Errorf("body: %w", err)
	}
	return buf.Bytes(), nil
}

// publishAnswer is what publish returns.
type publishAnswer struct {
	CID    string `json:"cid"`
	Bytes  int    `json:"bytes"`
	Stored bool   `json:"stored"` // added to the nodes' content store (a devnet's ipfsStore)
}

// sigView is one signature an Action asked for, with the explorer's own check of it.
type sigView struct {
	Name       string `json:"name"`
	Signature  string `json:"signature"` // 0x r ‖ s ‖ v, v = 27 + recid
	R          string `json:"r"`
	S          string `json:"s"`
	Recid      byte   `json:"recid"`
	DataSigned string `json:"dataSigned"` // the 32-byte hash signed
	PublicKey  string `json:"publicKey"`  // the key the nodes' shares combine under
	Address    string `json:"address"`
	// Recovered is the key go-ethereum's Ecrecover gets from the signature and the hash; Verified
	// holds when it is PublicKey and, when the request named a PKP, that PKP's key (Expected).
	Recovered string   `json:"recovered"`
	Expected  string   `json:"expected,omitempty"`
	Verified  bool     `json:"verified"`
	Check     string   `json:"check"` // the check in words
	Signers   []string `json:"signers"`
	BadNodes  []string `json:"badNodes,omitempty"`
}

// nodeView is one node's part in a run, named by its index.
type nodeView struct {
	Index   int    `json:"index"`
	URL     string `json:"url"`
	Outcome string `json:"outcome"` // "ok", "dissent" (another response), "failed"
	Code    string `json:"code,omitempty"`
	Message string `json:"message,omitempty"`
	TookMs  *int64 `json:"tookMs,omitempty"` // its answer's time as the client saw it; absent when not known
}

// runAnswer is what run returns, whether the Action worked or not.
type runAnswer struct {
	CID        string            `json:"cid"`
	OK         bool              `json:"ok"`
	Response   string            `json:"response"`
	Logs       string            `json:"logs"`
	Agree      int               `json:"agree"`
	Answered   int               `json:"answered"`
	Signatures []sigView         `json:"signatures"`
	Claims     map[string]string `json:"claims,omitempty"` // keyId → derived key id
	Nodes      []nodeView        `json:"nodes"`
	Error      string            `json:"error,omitempty"` // in plain words, naming the nodes
	ErrorCode  string            `json:"errorCode,omitempty"`
	// ErrorDetail is the Action's whole error as the nodes gave it (the runtime's stack included).
	ErrorDetail string `json:"errorDetail,omitempty"`
	ElapsedMs   int64  `json:"elapsedMs"` // the whole run, as the explorer timed it
}

// checkSignature verifies s with go-ethereum's Ecrecover: an independent check of the client's.
func checkSignature(s *client.ActionSignature, expected []byte) sigView {
	v := sigView{Name: s.Name, Signature: "0x" + hex.EncodeToString(s.Bytes()), R: hex.EncodeToString(s.R[:]),
		S: hex.EncodeToString(s.S[:]), Recid: s.V, DataSigned: "0x" + hex.EncodeToString(s.Hash[:]),
		PublicKey: "0x" + hex.EncodeToString(s.PublicKey), Address: chain.EthAddress(s.PublicKey).Hex(),
		Signers: s.Signers, BadNodes: s.BadNodes}
	if expected != nil {
		v.Expected = "0x" + hex.EncodeToString(expected)
	}
	sig := append(append(append([]byte{}, s.R[:]...), s.S[:]...), s.V)
	rec, err := crypto.Ecrecover(s.Hash[:], sig)
	switch {
	case err != nil:
		v.Check = "the signature does not recover a key: " + err.Error()
	case !bytes.Equal(rec, s.PublicKey):
		v.Recovered = "0x" + hex.EncodeToString(rec)
		v.Check = "the signature recovers another key than the one the nodes named"
	case expected != nil && !bytes.Equal(rec, expected):
		v.Recovered = "0x" + hex.EncodeToString(rec)
		v.Check = "the signature is by another key than the PKP's"
	default:
		v.Recovered = "0x" + hex.EncodeToString(rec)
		v.Verified = true
		if expected != nil {
			v.Check = "Ecrecover of the signature over dataSigned gives the PKP's public key"
		} else {
			v.Check = "Ecrecover of the signature over dataSigned gives the public key above"
		}
	}
	return v
}

// nodeName names a node by its URL: "node 3".
func (s *Server) nodeName(url string) string {
	for _, n := range s.cfg.Nodes {
		if n.URL == url || strings.TrimSuffix(n.URL, "/") == strings.TrimSuffix(url, "/") {
			return fmt.Sprintf("node %d", n.Index)
		}
	}
	return "node " + url
}

// nodesFailure says in words which nodes refused and why, the nodes that said the same thing
// together: "nodes 1, 2 and 4: NodeX: …; node 3 did not answer: …".
func (s *Server) nodesFailure(failed []*client.NodeError) string {
	var order []string
	who := map[string][]string{}
	for _, n := range failed {
		msg := firstLine(n.Message)
		if n.Err != nil {
			msg = "did not answer: " + n.Err.Error()
		} else if n.Code != "" {
			msg = n.Code + ": " + msg
		}
		msg = clip(msg, 300)
		if _, ok := who[msg]; !ok {
			order = append(order, msg)
		}
		who[msg] = append(who[msg], strings.TrimPrefix(s.nodeName(n.URL), "node "))
	}
	parts := make([]string, 0, len(order))
	for _, msg := range order {
		parts = append(parts, nodeList(who[msg])+" "+msg)
	}
	return strings.Join(parts, "; ")
}

// nodeList is "node 3", or "nodes 1, 2 and 4".
func nodeList(names []string) string {
	if len(names) == 1 {
		return "node " + names[0]
	}
	return "nodes " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// ownName matches the way a node names itself at the start of its messages ("node 0x…: "): the
// explorer names it by its index instead, and the same failure then reads the same on every node.
var ownName = regexp.MustCompile(`^node 0x[0-9a-fA-F]{40}: `)

// firstLine is the first line of a node's message, without the node's own name.
func firstLine(s string) string {
	s = ownName.ReplaceAllString(s, "")
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// acquire takes one of the maxRuns slots, or says the explorer is busy; release gives it back.
func (n *nodesClient) acquire(w http.ResponseWriter) bool {
	select {
	case n.slots <- struct{}{}:
		return true
	default:
		writeError(w, http.StatusServiceUnavailable, "ExplorerBusy", fmt.Sprintf("%d runs, encryptions or decryptions are running; try again", maxRuns))
		return false
	}
}

func (n *nodesClient) release() { <-n.slots }

// devCheck refuses a request when there is no dev account or no way to the nodes.
func (s *Server) devCheck(w http.ResponseWriter, needNodes bool) bool {
	w.Header().Set("Cache-Control", "no-store")
	if s.dev.key == nil {
		writeError(w, http.StatusForbidden, "ExplorerNoDevAccount", "this explorer has no dev account: runs and decryptions are for a devnet's explorer on loopback; use the flint CLI with your own key")
		return false
	}
	if needNodes && s.nodes.connect == nil {
		writeError(w, http.StatusServiceUnavailable, "ExplorerNoNodes", "this explorer was started without a client of the nodes")
		return false
	}
	return true
}

func writeJSONAnswer(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// publish computes the code's CID (as ipfs add does) and adds it to the nodes' content store.
func (s *Server) publish(w http.ResponseWriter, r *http.Request) {
	if !s.devCheck(w, false) {
		return
	}
	body, err := readBody(w, r, maxActionBody)
	if err == nil {
		var req checkedRun
		if req, err = parseRun(body); err == nil {
			if req.jsParams != nil || req.pubkey != nil {
				err = errors.New("body: publish takes only code")
			} else {
				ans := publishAnswer{CID: ipfs.Sum(req.code).String(), Bytes: len(req.code)}
				if s.cfg.IPFSStore != "" {
					st, err := ipfs.OpenStore(s.cfg.IPFSStore)
					if err == nil {
						_, err = st.Put(req.code)
					}
					if err != nil {
						writeError(w, http.StatusInternalServerError, "ExplorerStoreFailed", "adding the code to the nodes' content store: "+clip(err.Error(), 300))
						return
					}
					ans.Stored = true
				}
				writeJSONAnswer(w, ans)
				return
			}
		}
	}
	writeError(w, http.StatusBadRequest, "ExplorerBadRequest", err.Error())
}

// run runs an Action on every node with a session of the dev account and checks what it signed.
func (s *Server) run(w http.ResponseWriter, r *http.Request) {
	if !s.devCheck(w, true) {
		return
	}
	body, err := readBody(w, r, maxActionBody)
	var req checkedRun
	if err == nil {
		req, err = parseRun(body)
	}
	if err != nil {
		writeError(w, http.StatusBadRequest, "ExplorerBadRequest", err.Error())
		return
	}
	if !s.nodes.acquire(w) {
		return
	}
	defer s.nodes.release()
	ctx, cancel := context.WithTimeout(r.Context(), runDeadline)
	defer cancel()
	cl, err := s.nodes.get(ctx)
	if err != nil {
		writeError(w, http.StatusBadGateway, "ExplorerNodesUnavailable", "the nodes are not usable: "+clip(err.Error(), 300))
		return
	}
	sess, err := client.NewSession(s.dev.key, cl.Blockhash, sessionLife)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "ExplorerSession", "making the dev account's session: "+clip(err.Error(), 300))
		return
	}
	start := time.Now()
	var params any
	if req.jsParams != nil {
		params = req.jsParams
	}
	res, err := cl.Execute(ctx, sess, client.Action{Code: req.code}, params)
	ans := runAnswer{CID: ipfs.Sum(req.code).String(), ElapsedMs: time.Since(start).Milliseconds(), Signatures: []sigView{}, Nodes: []nodeView{}}
	if res != nil {
		ans.Response, ans.Logs, ans.Agree, ans.Answered = res.Response, res.Logs, res.Agree, res.Answered
		for _, name := range sortedNames(res.Signatures) {
			ans.Signatures = append(ans.Signatures, checkSignature(res.Signatures[name], req.pubkey))
		}
		if len(res.Claims) > 0 {
			ans.Claims = map[string]string{}
			for k, c := range res.Claims {
				ans.Claims[k] = "0x" + hex.EncodeToString(c.DerivedKeyID[:])
			}
		}
		failed := map[string]*client.NodeError{}
		for _, f := range res.Failed {
			failed[f.URL] = f
		}
		dissent := map[string]bool{}
		for _, u := range res.Dissent {
			dissent[u] = true
		}
		for _, n := range s.cfg.Nodes {
			v := nodeView{Index: n.Index, URL: n.URL, Outcome: "ok"}
			if d, ok := res.Took[n.URL]; ok {
				ms := d.Milliseconds()
				v.TookMs = &ms
			}
			if f := failed[n.URL]; f != nil {
				v.Outcome, v.Code, v.Message = "failed", f.Code, clip(firstLine(f.Message), 300)
				if f.Err != nil {
					v.Message = "did not answer: " + clip(f.Err.Error(), 300)
				}
			} else if dissent[n.URL] {
				v.Outcome = "dissent"
			}
			ans.Nodes = append(ans.Nodes, v)
		}
		if len(res.Failed) > 0 && err == nil {
			ans.Error = "some nodes failed (the rest agree): " + s.nodesFailure(res.Failed)
		}
	}
	if err != nil {
		var ae *client.ActionError
		var ne *client.NodesError
		if errors.As(err, &ne) && len(ans.Nodes) == 0 {
			// Too few nodes ran it: the client gives no result, only each node's failure.
			failed := map[string]*client.NodeError{}
			for _, f := range ne.Nodes {
				failed[f.URL] = f
			}
			for _, n := range s.cfg.Nodes {
				v := nodeView{Index: n.Index, URL: n.URL, Outcome: "ok"}
				if f := failed[n.URL]; f != nil {
					v.Outcome, v.Code, v.Message = "failed", f.Code, clip(firstLine(f.Message), 300)
					if f.Err != nil {
						v.Message = "did not answer: " + clip(f.Err.Error(), 300)
					}
				}
				ans.Nodes = append(ans.Nodes, v)
			}
		}
		switch {
		case errors.As(err, &ae):
			ans.ErrorCode = ae.Code
			ans.Error = fmt.Sprintf("the Action failed on %d nodes (%s): %s", ae.Nodes, ae.Code, clip(firstLine(ae.Message), 500))
			if ne != nil && len(ne.Nodes) > 0 {
				ans.Error = "the Action failed: " + s.nodesFailure(ne.Nodes)
			}
			ans.ErrorDetail = clip(ae.Message, 4000)
			if ans.Logs == "" {
				ans.Logs = ae.Logs
			}
			if (ne == nil || len(ne.Nodes) == 0) && res != nil && len(res.Failed) > 0 {
				ans.Error += " — " + s.nodesFailure(res.Failed)
			}
		case errors.Is(err, client.ErrShares):
			ans.ErrorCode = "ExplorerSharesDoNotCombine"
			ans.Error = "the Action ran, but its signature shares do not combine: " + clip(err.Error(), 500)
		case ne != nil:
			ans.ErrorCode = "ExplorerNodesRefused"
			ans.Error = fmt.Sprintf("%s: %v — %s", ne.Op, ne.Cause, s.nodesFailure(ne.Nodes))
		default:
			ans.ErrorCode = "ExplorerRunFailed"
			ans.Error = clip(err.Error(), 500)
			s.nodes.drop(cl)
		}
	} else {
		ans.OK = true
		for _, sv := range ans.Signatures {
			if !sv.Verified {
				ans.OK = false
				ans.ErrorCode = "ExplorerSignatureUnverified"
				ans.Error = fmt.Sprintf("signature %q: %s", sv.Name, sv.Check)
			}
		}
	}
	writeJSONAnswer(w, ans)
}

func sortedNames(m map[string]*client.ActionSignature) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// cryptRequest is the body of POST /api/v1/dev/encrypt (conditions, text) and /decrypt
// (conditions, ciphertext, dataToEncryptHash).
type cryptRequest struct {
	// Kind names the conditions' kind by Lit's field: accessControlConditions (the default),
	// evmContractConditions, solRpcConditions or unifiedAccessControlConditions.
	Kind              string          `json:"kind,omitempty"`
	Conditions        json.RawMessage `json:"conditions"`
	Text              string          `json:"text,omitempty"`
	Ciphertext        string          `json:"ciphertext,omitempty"`
	DataToEncryptHash string          `json:"dataToEncryptHash,omitempty"`
}

type checkedCrypt struct {
	conds *acc.Conditions
	text  []byte
	enc   client.Encrypted
}

// parseCrypt checks an encrypt (decrypt false) or decrypt body.
func parseCrypt(body []byte, decrypt bool) (checkedCrypt, error) {
	var out checkedCrypt
	var req cryptRequest
	if err := decodeStrict(body, &req); err != nil {
		return out, err
	}
	kind := acc.EVMBasic
	if req.Kind != "" {
		found := false
		for _, k := range []acc.Kind{acc.EVMBasic, acc.EVMContract, acc.SolRPC, acc.Unified} {
			if req.Kind == k.String() {
				kind, found = k, true
			}
		}
		if !found {
			return out, fmt.Errorf("kind: %q; want accessControlConditions, evmContractConditions, solRpcConditions or unifiedAccessControlConditions", clip(req.Kind, 40))
		}
	}
	if len(req.Conditions) == 0 {
		return out, errors.New("conditions: missing")
	}
	if len(req.Conditions) > acc.MaxInputBytes {
		return out, fmt.Errorf("conditions: %d bytes; at most %d", len(req.Conditions), acc.MaxInputBytes)
	}
	c, err := acc.Parse(kind, req.Conditions)
	if err != nil {
		return out, fmt.Errorf("conditions: %w", err)
	}
	out.conds = c
	if !decrypt {
		if req.Ciphertext != "" || req.DataToEncryptHash != "" {
			return out, errors.New("ciphertext: encrypt takes conditions and text")
		}
		if req.Text == "" {
			return out, errors.New("text: empty")
		}
		if len(req.Text) > maxPlainText {
			return out, fmt.Errorf("text: %d bytes; at most %d", len(req.Text), maxPlainText)
		}
		out.text = []byte(req.Text)
		return out, nil
	}
	if req.Text != "" {
		return out, errors.New("text: decrypt takes conditions, ciphertext and dataToEncryptHash")
	}
	if req.Ciphertext == "" || len(req.Ciphertext) > 2*maxPlainText+1024 {
		return out, fmt.Errorf("ciphertext: %d bytes; want 1 to %d", len(req.Ciphertext), 2*maxPlainText+1024)
	}
	if h, err := hex.DecodeString(req.DataToEncryptHash); err != nil || len(h) != 32 {
		return out, errors.New("dataToEncryptHash: want 64 hex digits")
	}
	out.enc = client.Encrypted{Ciphertext: strings.TrimSpace(req.Ciphertext), DataToEncryptHash: strings.ToLower(req.DataToEncryptHash)}
	return out, nil
}

type encryptAnswer struct {
	Ciphertext        string `json:"ciphertext"`
	DataToEncryptHash string `json:"dataToEncryptHash"`
}

type decryptAnswer struct {
	Text     string   `json:"text,omitempty"`
	Base64   string   `json:"base64,omitempty"` // when the data is not UTF-8
	BadNodes []string `json:"badNodes,omitempty"`
}

func (s *Server) crypt(decrypt bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.devCheck(w, true) {
			return
		}
		body, err := readBody(w, r, maxCryptoBody)
		var req checkedCrypt
		if err == nil {
			req, err = parseCrypt(body, decrypt)
		}
		if err != nil {
			writeError(w, http.StatusBadRequest, "ExplorerBadRequest", err.Error())
			return
		}
		if !s.nodes.acquire(w) {
			return
		}
		defer s.nodes.release()
		ctx, cancel := context.WithTimeout(r.Context(), runDeadline)
		defer cancel()
		cl, err := s.nodes.get(ctx)
		if err != nil {
			writeError(w, http.StatusBadGateway, "ExplorerNodesUnavailable", "the nodes are not usable: "+clip(err.Error(), 300))
			return
		}
		if !decrypt {
			enc, err := cl.Encrypt(req.conds, req.text)
			if err != nil {
				writeError(w, http.StatusInternalServerError, "ExplorerEncryptFailed", clip(err.Error(), 300))
				return
			}
			writeJSONAnswer(w, encryptAnswer{Ciphertext: enc.Ciphertext, DataToEncryptHash: enc.DataToEncryptHash})
			return
		}
		sess, err := client.NewSession(s.dev.key, cl.Blockhash, sessionLife)
		if err != nil {
			writeError(w, http.StatusInternalServerError, "ExplorerSession", "making the dev account's session: "+clip(err.Error(), 300))
			return
		}
		got, err := cl.Decrypt(ctx, sess, req.conds, &req.enc)
		if err != nil {
			var ne *client.NodesError
			if errors.As(err, &ne) {
				writeError(w, http.StatusForbidden, "ExplorerDecryptRefused", "the nodes refused to decrypt for the dev account "+s.dev.addr.Hex()+": "+s.nodesFailure(ne.Nodes))
				return
			}
			s.nodes.drop(cl)
			writeError(w, http.StatusBadGateway, "ExplorerDecryptFailed", clip(err.Error(), 500))
			return
		}
		ans := decryptAnswer{}
		for _, u := range got.BadNodes {
			ans.BadNodes = append(ans.BadNodes, s.nodeName(u))
		}
		if utf8.Valid(got.Data) {
			ans.Text = string(got.Data)
		} else {
			ans.Base64 = base64.StdEncoding.EncodeToString(got.Data)
		}
		writeJSONAnswer(w, ans)
	}
}
