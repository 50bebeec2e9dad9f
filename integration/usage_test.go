package integration

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/ipfs"
	"github.com/flint-network/flint/node"
	"github.com/flint-network/flint/node/usage"
)

// TestUsageRecordsAcrossRestart: every node keeps one usage record per
// signing or Action request it served, across a restart of the node, and
// `flint node usage` (the built binary, reading the files) shows them with
// the request ids, digests and presignatures the clients saw, filtered by
// caller and PKP, and none of the plaintext.
func TestUsageRecordsAcrossRestart(t *testing.T) {
	bin, err := buildFlint()
	if err != nil {
		t.Fatal(err)
	}
	d := startDevnetWith(t, 4, node.PoolConfig{Low: 20, High: 40, Batch: 20}, &node.ActionsConfig{Workers: 1})
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	waitPresignatures(ctx, t, d.URLs(), 40)
	f := newPKPFixtureOn(t, d)
	owner, stranger := d.Chain.Accounts()[1], d.Chain.Accounts()[4]
	token, _ := new(big.Int).SetString(f.token, 10)
	if _, err := f.cc.AddPermittedAction(ctx, f.cc.Transactor(owner.Key), token, ipfs.Sum([]byte(signAction)).Bytes(), chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	strangerSig, err := client.NewSession(stranger.Key, f.cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	const watched = 1 // the node restarted, and whose records are read
	urls := d.URLs()

	type want struct {
		kind, digest, outcome, presig, caller string
	}
	wants := map[string]*want{} // request id → the watched node's record
	const secretMessage = "usage plaintext marker 5f1e"

	// sign sends one request to every node and notes what the watched
	// node must record of it; it reports whether the watched node signed.
	sign := func(label string, sess *client.Session, okWanted bool) bool {
		t.Helper()
		rid := client.NewRequestID()
		hash := sha256.Sum256([]byte(label))
		body := signBody(f, hash)
		body["authSig"] = sess
		w := &want{kind: usage.KindSign, digest: hex.EncodeToString(hash[:]), outcome: "ok", caller: crypto.PubkeyToAddress(owner.Key.PublicKey).Hex()}
		if !okWanted {
			w.caller = crypto.PubkeyToAddress(stranger.Key.PublicKey).Hex()
		}
		wants[rid] = w
		// Every node at once, as clients send. One node after another, a
		// node asked before the request's leader waits out its bind wait
		// (5 s) for a binding the leader has not made yet, then refuses:
		// the watched node refused about half the tries, seconds each
		// (112 s for the test in one run, 20 s in another).
		type answer struct {
			status int
			out    map[string]any
			err    error
		}
		answers := make([]answer, len(urls))
		var wg sync.WaitGroup
		for i, u := range urls {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rctx, rcancel := context.WithTimeout(ctx, 20*time.Second)
				defer rcancel()
				a := &answers[i]
				a.status, a.out, a.err = rawSign(rctx, u, rid, body)
			}()
		}
		wg.Wait()
		a := answers[watched]
		if a.err != nil {
			t.Fatalf("%s at node %d: %v", label, watched, a.err)
		}
		if okWanted && a.status == http.StatusOK {
			w.presig, _ = a.out["presignature"].(string)
			return true
		}
		w.outcome, _ = a.out["errorCode"].(string)
		if w.outcome == "" {
			t.Fatalf("%s at node %d: %d %v", label, watched, a.status, a.out)
		}
		return false
	}
	// signUntil retries until the watched node signs (after its restart it
	// takes a moment to see its peers); the refusals are requests too, and
	// recorded.
	signUntil := func(label string) {
		t.Helper()
		for try := 0; !sign(fmt.Sprint(label, " try ", try), f.authSig, true); try++ {
			if try == 60 {
				t.Fatalf("%s: the watched node does not sign", label)
			}
			time.Sleep(500 * time.Millisecond)
		}
	}
	// execute runs the Action at every node until the watched node ran it;
	// a failed try is a request too, recorded with the watched node's code
	// ("?" when the client stopped waiting for it).
	execute := func(label string) {
		t.Helper()
		digest := hex.EncodeToString(crypto.Keccak256([]byte(secretMessage + " " + label)))
		for try := 0; ; try++ {
			res, err := f.cl.Execute(ctx, f.authSig, client.Action{Code: []byte(signAction)},
				map[string]any{"message": secretMessage + " " + label, "publicKey": "0x" + hex.EncodeToString(f.pubkey)})
			if err != nil {
				t.Fatalf("%s: %v", label, err)
			}
			w := &want{kind: usage.KindExecute, digest: digest, outcome: "ok", caller: crypto.PubkeyToAddress(owner.Key.PublicKey).Hex()}
			wants[res.RequestID] = w
			for _, ne := range res.Failed {
				if ne.URL == urls[watched] {
					w.outcome = cmp.Or(ne.Code, "?")
				}
			}
			if w.outcome == "ok" {
				return
			}
			if try == 20 {
				t.Fatalf("%s: the watched node does not run the Action: %s", label, w.outcome)
			}
			time.Sleep(500 * time.Millisecond)
		}
	}

	signUntil("before restart 1")
	signUntil("before restart 2")
	if sign("stranger", strangerSig, false) {
		t.Fatal("a stranger signed")
	}
	execute("before restart")
	beforeRestart := map[string]bool{}
	for rid := range wants {
		beforeRestart[rid] = true
	}

	if err := d.StopNode(watched, true); err != nil {
		t.Fatal(err)
	}
	if err := d.StartNode(watched); err != nil {
		t.Fatal(err)
	}
	if err := d.WaitReady(ctx); err != nil {
		t.Fatal(err)
	}
	waitPresignatures(ctx, t, urls, 20)
	signUntil("after restart 1")
	signUntil("after restart 2")
	execute("after restart")

	dataDir := filepath.Join(d.Dir(), fmt.Sprintf("node%d", watched+1))
	usageCLI := func(args ...string) []*usage.Record {
		t.Helper()
		out, err := exec.CommandContext(ctx, bin, append([]string{"node", "usage", "--data-dir", dataDir, "--json"}, args...)...).Output()
		if err != nil {
			t.Fatalf("flint node usage %v: %v", args, err)
		}
		var res struct {
			Records []*usage.Record `json:"records"`
			Skipped int             `json:"skipped"`
		}
		if err := json.Unmarshal(out, &res); err != nil {
			t.Fatalf("flint node usage --json: %v\n%s", err, out)
		}
		if res.Skipped != 0 {
			t.Errorf("%d lines skipped", res.Skipped)
		}
		return res.Records
	}
	recs := usageCLI()
	if len(recs) != len(wants) {
		t.Errorf("%d records, want %d (one per request)", len(recs), len(wants))
	}
	pkp := hexCompressed(t, f.pubkey)
	seen := map[string]int{}
	for i, r := range recs {
		seen[r.ID]++
		w, ok := wants[r.ID]
		if !ok {
			t.Errorf("record of a request never made: %+v", r)
			continue
		}
		if r.Kind != w.kind || (r.Outcome != w.outcome && !(w.outcome == "?" && r.Outcome != "ok")) || r.Caller != w.caller || r.CallerClass != usage.ClassSession || r.SessionKey == "" {
			t.Errorf("record %d %s: %+v, want %+v", i, r.ID, r, w)
		}
		switch r.Kind {
		case usage.KindSign:
			if r.Digest != w.digest || r.PKP != pkp || r.Presig != w.presig {
				t.Errorf("sign record %s: digest %s pkp %s presig %q, want %s %s %q", r.ID, r.Digest, r.PKP, r.Presig, w.digest, pkp, w.presig)
			}
		case usage.KindExecute:
			if r.Outcome != "ok" {
				break
			}
			if r.CID != ipfs.Sum([]byte(signAction)).String() || len(r.Signs) != 1 || r.Signs[0].Digest != w.digest ||
				r.Signs[0].PKP != pkp || r.Signs[0].Presig == "" || r.Signs[0].Outcome != "ok" {
				t.Errorf("execute record %s: %+v", r.ID, r)
			}
		}
	}
	for rid := range wants {
		if seen[rid] != 1 {
			t.Errorf("request %s has %d records, want 1", rid, seen[rid])
		}
	}
	// Oldest first, the restart between: the first records are from before it.
	for i, r := range recs {
		if beforeRestart[r.ID] != (i < len(beforeRestart)) {
			t.Errorf("record %d (%s) out of order", i, r.ID)
		}
	}
	t.Logf("%d records at node %d, %d of them from before its restart", len(recs), watched+1, len(beforeRestart))
	// The filters, through the CLI's flags.
	if got := usageCLI("--caller", strings.ToLower(crypto.PubkeyToAddress(stranger.Key.PublicKey).Hex())); len(got) != 1 || got[0].Outcome == "ok" {
		t.Errorf("--caller stranger: %d records", len(got))
	}
	withPKP := 0 // every sign request, and each execution that got to sign
	for _, r := range recs {
		if r.PKP == pkp || len(r.Signs) > 0 && r.Signs[0].PKP == pkp {
			withPKP++
		}
	}
	atLeast := 0
	for _, w := range wants {
		if w.kind == usage.KindSign || w.outcome == "ok" {
			atLeast++
		}
	}
	if got := usageCLI("--pkp", "0x"+hex.EncodeToString(f.pubkey)); len(got) != withPKP || withPKP < atLeast {
		t.Errorf("--pkp (uncompressed): %d records, want %d of %d", len(got), withPKP, len(wants))
	}
	if got := usageCLI("--cid", ipfs.Sum([]byte(signAction)).String(), "--limit", "1"); len(got) != 1 || got[0].Kind != usage.KindExecute || wants[got[0].ID] == nil {
		t.Errorf("--cid --limit 1: %+v", got)
	}
	if got := usageCLI("--since", "1h", "--until", time.Now().Add(-time.Hour).Format(time.RFC3339)); len(got) != 0 {
		t.Errorf("an empty time range: %d records", len(got))
	}
	// No plaintext: not the Action's message nor its code.
	files, _ := filepath.Glob(filepath.Join(dataDir, "usage", "*"))
	if len(files) == 0 {
		t.Fatal("no usage files")
	}
	for _, p := range files {
		b, _ := os.ReadFile(p)
		if strings.Contains(string(b), "plaintext marker") || strings.Contains(string(b), "signEcdsa") {
			t.Errorf("%s holds plaintext", p)
		}
	}
}

func hexCompressed(t *testing.T, pub []byte) string {
	k, err := crypto.UnmarshalPubkey(pub)
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(crypto.CompressPubkey(k))
}
