package integration

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	decdsa "github.com/decred/dcrd/dcrec/secp256k1/v4/ecdsa"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/node"
)

// Sign requests running across an epoch change (issue 15, "Under load"):
// none may fail, with the clients' own retries as they are. Nodes switch a
// registry reading apart; each runs the old and the new epoch's signing
// machines through the grace period, so a request finishes in the machine
// its leader bound it in (docs/threshold-ecdsa.md, "Switch: two signing
// machines"). The change is a node joining (4 → 5: join request, approval,
// lock, resharing, readiness, advance) made by the owner while the requests
// run; for the Go client, then a kick. Latencies are logged by phase (and
// the slow requests, with when they started), never asserted.

// epochLoadSize is how many requests a run makes: 300 in the default suite,
// 1,000 under FLINT_SOAK=1.
func epochLoadSize() (total int, rate float64) {
	if soak() {
		return 1000, 10
	}
	return 300, 6
}

// newEpochLoadFixture is a 4-node devnet and a PKP minted in epoch 1 by
// the dev chain's account 1. Pools are larger than the epoch tests' so that
// a leader does not run dry under the load (a dry leader is a failed
// request for the Lit SDK, which does not retry); the grace period is the
// default 60 s, longer than the 45 s the SDK keeps naming epoch−1. The
// leader's wait after a lock is the epoch tests' (nothing runs in it but the
// requests, which the lock does not touch).
func newEpochLoadFixture(t *testing.T) *epochFixture {
	t.Helper()
	// Two nodes and the joiner are slow to switch (a host that reads the
	// advance late): for a second and a half, requests and the Lit SDK's
	// reconnection meet nodes on both sides.
	d := startDevnetConfig(t, devnet.Config{Nodes: 4, Pool: node.PoolConfig{Low: 100, High: 200, Batch: 50}, ReshareLeadDelay: epochTestLeadDelay,
		Adversaries: map[int]*node.Adversary{1: {SwitchLate: 1500 * time.Millisecond}, 3: {SwitchLate: 700 * time.Millisecond},
			5: {SwitchLate: time.Second}}})
	t.Cleanup(func() {
		if t.Failed() || os.Getenv("FLINT_EPOCH_LOGS") != "" {
			epochLogs(t, d)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	f := &epochFixture{d: d, epoch: 1}
	var err error
	if f.cc, err = d.Chain.Client(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.cc.Close)
	cl := f.client(t, ctx)
	var nonce [32]byte
	copy(nonce[:], "epoch load")
	m, err := cl.ClaimAndMint(ctx, f.cc, f.cc.Transactor(d.Chain.Accounts()[1].Key), nonce)
	if err != nil {
		t.Fatal(err)
	}
	f.pubkey = m.Pubkey
	return f
}

// loadSample is one request's outcome.
type loadSample struct {
	start time.Time
	took  time.Duration
	err   error
}

// epochLoad issues total requests at rate per second to workers running
// do, while the test goroutine makes an epoch change: change is called
// once a fifth of the requests has been issued, and the last fifth waits
// until it returned, so that requests run before, during and after it.
type epochLoad struct {
	total   int
	rate    float64
	workers int

	samples []loadSample
	// The change's bounds, for the phases.
	changeStart, changeEnd time.Time
	paused                 time.Duration
}

func (l *epochLoad) run(t *testing.T, do func(i int) error, change func()) {
	t.Helper()
	l.samples = make([]loadSample, l.total)
	jobs := make(chan int, l.total)
	startChange, changed := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	for range l.workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				s := time.Now()
				err := do(i)
				l.samples[i] = loadSample{start: s, took: time.Since(s), err: err}
			}
		}()
	}
	go func() {
		defer close(jobs)
		tick := time.NewTicker(time.Duration(float64(time.Second) / l.rate))
		defer tick.Stop()
		for i := range l.total {
			switch i {
			case l.total / 5:
				close(startChange)
			case l.total * 4 / 5:
				// The rest of the requests run after the change.
				s := time.Now()
				<-changed
				l.paused = time.Since(s)
			}
			<-tick.C
			jobs <- i
		}
	}()
	<-startChange
	l.changeStart = time.Now()
	func() {
		defer close(changed) // also when change fails the test
		change()
	}()
	l.changeEnd = time.Now()
	wg.Wait()
}

// report logs p50/p99 before, during and after the change and fails the
// test for every failed request.
func (l *epochLoad) report(t *testing.T, what string) {
	t.Helper()
	phases := map[string][]time.Duration{}
	var failed []string
	for i, s := range l.samples {
		phase := "before"
		switch {
		case s.start.After(l.changeEnd):
			phase = "after"
		case s.start.After(l.changeStart):
			phase = "during"
		}
		if s.err != nil {
			failed = append(failed, fmt.Sprintf("request %d (%s the change, at %v from its start): %v", i, phase, s.start.Sub(l.changeStart).Round(time.Millisecond), s.err))
			continue
		}
		phases[phase] = append(phases[phase], s.took)
	}
	for _, p := range []string{"before", "during", "after"} {
		d := phases[p]
		slices.Sort(d)
		if len(d) == 0 {
			t.Logf("%s: %s the change: no successful requests", what, p)
			continue
		}
		t.Logf("%s: %s the change: %d signed, p50 %v, p99 %v, max %v", what, p, len(d),
			pct(d, 50).Round(time.Millisecond), pct(d, 99).Round(time.Millisecond), d[len(d)-1].Round(time.Millisecond))
	}
	t.Logf("%s: the change took %v (the load waited %v for its end)", what, l.changeEnd.Sub(l.changeStart).Round(time.Millisecond), l.paused.Round(time.Millisecond))
	for i, s := range l.samples {
		if s.err == nil && s.took > time.Second {
			t.Logf("%s: request %d started %v after the change's start and took %v", what, i,
				s.start.Sub(l.changeStart).Round(time.Millisecond), s.took.Round(time.Millisecond))
		}
	}
	for _, f := range failed {
		t.Error(f)
	}
	if len(failed) > 0 {
		t.Fatalf("%s: %d of %d requests failed", what, len(failed), l.total)
	}
}

// pct is the p-th percentile of sorted d.
func pct(d []time.Duration, p int) time.Duration {
	i := (len(d)*p+99)/100 - 1
	return d[max(i, 0)]
}

// checkSignature verifies a signature under pubkey (65 bytes,
// uncompressed) with decred and recovers pubkey from it with go-ethereum.
func checkSignature(sig *client.Signature, pubkey []byte) error {
	pk, err := secp256k1.ParsePubKey(pubkey)
	if err != nil {
		return err
	}
	var r, s secp256k1.ModNScalar
	r.SetByteSlice(sig.R[:])
	s.SetByteSlice(sig.S[:])
	if !decdsa.NewSignature(&r, &s).Verify(sig.Hash[:], pk) {
		return errors.New("decred rejects the signature")
	}
	raw := sig.Bytes()
	raw[64] -= 27
	rec, err := crypto.Ecrecover(sig.Hash[:], raw)
	if err != nil {
		return fmt.Errorf("Ecrecover: %w", err)
	}
	if chain.EthAddress(rec) != chain.EthAddress(pubkey) {
		return errors.New("the signature recovers to another key than the PKP's")
	}
	return nil
}

func loadHash(i int) [32]byte {
	var h [32]byte
	binary.BigEndian.PutUint64(h[:], uint64(i))
	return sha256.Sum256(h[:])
}

// TestEpochSignLoadGoClient: sign requests from the Go client (8
// goroutines, one client connected in epoch 1, its own retries) run while
// a fifth node joins; every one is signed, under the epoch-1 key.
func TestEpochSignLoadGoClient(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test")
	}
	goClientLoad(t, "Go client", false)
}

// TestEpochSignLoadKick: the same, and then, inside the join's grace
// period, the owner kicks node 2 (5 → 4): the leader rule changes at the
// lock, the joiner stays out until its grace end, and the client's epoch 1
// is two behind after the second advance. A soak test (FLINT_SOAK=1): it
// lost no request in six runs, and in one CI run requests stalled and
// failed after the kick while one leader's presignature batches failed
// (the closing note of issue 15).
func TestEpochSignLoadKick(t *testing.T) {
	if !soak() {
		t.Skip("a soak test: FLINT_SOAK=1 runs it")
	}
	goClientLoad(t, "Go client, join then kick", true)
}

// goClientLoad runs the Go client's load across a join, and a kick after
// it when kick is set.
func goClientLoad(t *testing.T, what string, kick bool) {
	// Not in parallel: beside TestEpochs two requests in the switch's second
	// failed (one with a client timeout), and no request may fail here.
	f := newEpochLoadFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cl := f.client(t, ctx)
	sess, err := client.NewSession(f.d.Chain.Accounts()[1].Key, cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	total, rate := epochLoadSize()
	l := &epochLoad{total: total, rate: rate, workers: 8}
	var signed atomic.Int64
	l.run(t, func(i int) error {
		rctx, cancel := context.WithTimeout(ctx, 90*time.Second)
		defer cancel()
		res, err := cl.PKPSign(rctx, sess, f.pubkey, loadHash(i))
		if err != nil {
			return err
		}
		signed.Add(1)
		return checkSignature(&res.Signature, f.pubkey)
	}, func() {
		f.join(t)
		f.change(t, "join 4→5 under load")
		if kick {
			f.kick(t, 1)
			f.change(t, "kick node 2 (5→4) under load, in the join's grace period")
		}
	})
	l.report(t, what)
}

// TestEpochSignLoadLitSDK: the same with the unmodified Lit JS SDK 7.4.0
// (sdk-load.js: getSessionSigs and pkpSign per request, no retries of our
// own). A refresh first makes the change under load go from epoch 2 to 3:
// the SDK names epoch−1 for 45 s after an advance only from epoch 3 on.
func TestEpochSignLoadLitSDK(t *testing.T) {
	if testing.Short() {
		t.Skip("a load test")
	}
	// Not in parallel: beside another devnet the SDK's event loop stalled
	// for seconds (latencies of 2-6 s against 0.2-3 s alone), and the SDK
	// does not retry.
	installLitSDK(t)
	f := newEpochLoadFixture(t)
	f.change(t, "refresh (epoch 1 → 2) before the load")
	total, rate := epochLoadSize()
	s := startSDKLoad(t, f)
	l := &epochLoad{total: total, rate: rate, workers: 16}
	l.run(t, func(i int) error {
		return s.sign(i, loadHash(i), f.pubkey)
	}, func() {
		f.join(t)
		f.change(t, "join 4→5 under load (epoch 2 → 3)")
	})
	s.close(t)
	l.report(t, "Lit SDK")
}

// sdkLoad drives sdk-load.js: a request per stdin line, a result per
// stdout line.
type sdkLoad struct {
	cmd   *exec.Cmd
	in    io.WriteCloser
	inMu  sync.Mutex
	mu    sync.Mutex
	wait  map[int]chan sdkLoadResult
	done  chan struct{}
	stats []string // the script's other lines (epochs, reconnections)
}

type sdkLoadResult struct {
	I         int    `json:"i"`
	OK        bool   `json:"ok"`
	Signature string `json:"signature"`
	Epoch     int    `json:"epoch"`
	Nodes     int    `json:"nodes"`
	Error     *struct {
		Name      string `json:"name"`
		Message   string `json:"message"`
		ErrorCode string `json:"errorCode"`
	} `json:"error"`
}

func startSDKLoad(t *testing.T, f *epochFixture) *sdkLoad {
	t.Helper()
	key := hex.EncodeToString(crypto.FromECDSA(f.d.Chain.Accounts()[1].Key))
	cmd := exec.Command("node", "sdk-load.js", f.d.NetworkFile())
	cmd.Dir = litSDKDir
	cmd.Env = append(os.Environ(), "LOAD_KEY=0x"+key, "PKP_PUBKEY=0x"+hex.EncodeToString(f.pubkey),
		"LIT_BLOCKHASH_URL="+blockIndexer(t, f.cc))
	stderr, err := os.Create(filepath.Join(f.d.Dir(), "sdk-load.stderr"))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = stderr
	in, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &sdkLoad{cmd: cmd, in: in, wait: map[int]chan sdkLoadResult{}, done: make(chan struct{})}
	ready := make(chan string, 1)
	go func() {
		defer close(s.done)
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			var r sdkLoadResult
			if !strings.HasPrefix(line, `{"i":`) || json.Unmarshal([]byte(line), &r) != nil {
				s.mu.Lock()
				s.stats = append(s.stats, line)
				s.mu.Unlock()
				if strings.Contains(line, `"event":"ready"`) {
					ready <- line
				}
				continue
			}
			s.mu.Lock()
			ch := s.wait[r.I]
			delete(s.wait, r.I)
			s.mu.Unlock()
			if ch != nil {
				ch <- r
			}
		}
	}()
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	select {
	case line := <-ready:
		t.Logf("sdk-load.js: %s", line)
	case <-s.done:
		b, _ := os.ReadFile(stderr.Name())
		t.Fatalf("sdk-load.js exited before it was ready: %s", b)
	case <-time.After(2 * time.Minute):
		t.Fatal("sdk-load.js not ready after 2 minutes")
	}
	return s
}

// blockIndexer serves what Lit's block indexer
// (block-indexer.litgateway.com/get_most_recent_valid_block) serves, from
// the dev chain: the SDK asks it for a SIWE nonce once its handshake's
// block hash is 30 s old. This machine has no route to the internet, where
// the SDK's fetch and then its fallback RPCs (60 s each) hang its
// getSessionSigs for minutes; a long-lived client, unlike sdk-check.js's
// one per step, passes the 30 s.
func blockIndexer(t *testing.T, cc *chain.Client) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, err := cc.Eth().HeaderByNumber(r.Context(), nil)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]string{"blockhash": h.Hash().Hex(), "timestamp": strconv.FormatUint(h.Time, 10)})
	}))
	t.Cleanup(srv.Close)
	return srv.URL + "/get_most_recent_valid_block"
}

// sign has the SDK sign hash with pubkey and checks the signature here.
func (s *sdkLoad) sign(i int, hash [32]byte, pubkey []byte) error {
	ch := make(chan sdkLoadResult, 1)
	s.mu.Lock()
	s.wait[i] = ch
	s.mu.Unlock()
	s.inMu.Lock()
	_, err := fmt.Fprintf(s.in, "%d %x\n", i, hash)
	s.inMu.Unlock()
	if err != nil {
		return err
	}
	var r sdkLoadResult
	select {
	case r = <-ch:
	case <-s.done:
		return errors.New("sdk-load.js exited")
	case <-time.After(3 * time.Minute):
		// The SDK's requests have no timeout of their own but undici's
		// five minutes: a node that never answers shows here.
		return errors.New("no answer from the SDK in 3 minutes")
	}
	if !r.OK {
		if r.Error == nil {
			return fmt.Errorf("sdk (epoch %d, %d nodes): failed without an error", r.Epoch, r.Nodes)
		}
		return fmt.Errorf("sdk (epoch %d, %d nodes): %s %s: %s", r.Epoch, r.Nodes, r.Error.Name, r.Error.ErrorCode, r.Error.Message)
	}
	raw, err := hex.DecodeString(strings.TrimPrefix(r.Signature, "0x"))
	if err != nil || len(raw) != 65 {
		return fmt.Errorf("sdk signature %q: not 65 bytes of hex", r.Signature)
	}
	sig := client.Signature{V: raw[64]}
	if sig.V >= 27 {
		sig.V -= 27
	}
	copy(sig.R[:], raw[:32])
	copy(sig.S[:], raw[32:64])
	sig.Hash = hash
	return checkSignature(&sig, pubkey)
}

func (s *sdkLoad) close(t *testing.T) {
	t.Helper()
	_ = s.in.Close()
	select {
	case <-s.done:
	case <-time.After(time.Minute):
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, l := range s.stats {
		t.Logf("sdk-load.js: %s", l)
	}
}
