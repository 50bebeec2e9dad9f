package integration

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/node"
)

// reshareStatus is the reshare part of a node's /status.
type reshareStatus struct {
	Ready   bool `json:"ready"`
	Presigs int  `json:"presignatures"`
	Reshare struct {
		Epoch    uint64 `json:"epoch"`
		State    string `json:"state"`
		Phase    string `json:"phase"`
		Active   uint64 `json:"activeEpoch"`
		Previous uint64 `json:"previousEpoch"`
		Attempts int    `json:"reshareAttempts"`
		LastErr  string `json:"lastError"`
	} `json:"reshare"`
}

func nodeStatus(ctx context.Context, d *devnet.Devnet, url string) (*reshareStatus, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url+"/status", nil)
	resp, err := d.HTTPClient().Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var s reshareStatus
	return &s, json.NewDecoder(resp.Body).Decode(&s)
}

// epochFixture is a devnet with a PKP and a ciphertext made in epoch 1.
type epochFixture struct {
	d      *devnet.Devnet
	cc     *chain.Client
	pubkey []byte
	conds  *acc.Conditions
	enc    *client.Encrypted
	secret []byte
	epoch  uint64
}

func newEpochFixture(t *testing.T, nodes int) *epochFixture {
	t.Helper()
	return newEpochFixtureAdv(t, nodes, nil)
}

// newEpochFixtureAdv is newEpochFixture with corrupt nodes (by 1-based
// index; a node that joins later has the next one).
func newEpochFixtureAdv(t *testing.T, nodes int, advs map[int]*node.Adversary) *epochFixture {
	t.Helper()
	return newEpochFixtureConfig(t, devnet.Config{Nodes: nodes, EpochGrace: 5 * time.Second,
		Pool: node.PoolConfig{Low: 20, High: 40, Batch: 20}, Adversaries: advs})
}

// epochTestLeadDelay is the resharing leader's wait after it sees a lock in
// the periodic-refresh and load tests, instead of the nodes' 5 s: their
// nodes run in this process and read a lock within a block of each other,
// and one that has not read it yet answers busy and is asked again.
// TestEpochs keeps the nodes' 5 s: with 1 s, after main's two-machine
// switch (a7e3f77 on), its grow 4→7 (t 1→2) left the new leader without
// presignatures for 20 s in 2 of 3 runs (5 s: 2 of 2 passed), a node-side
// liveness question not looked into here.
const epochTestLeadDelay = time.Second

// newEpochFixtureConfig is newEpochFixture on a devnet of cfg.
func newEpochFixtureConfig(t *testing.T, cfg devnet.Config) *epochFixture {
	t.Helper()
	d := startDevnetConfig(t, cfg)
	t.Cleanup(func() {
		if t.Failed() || os.Getenv("FLINT_EPOCH_LOGS") != "" {
			epochLogs(t, d)
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	f := &epochFixture{d: d, epoch: 1, secret: []byte("made in epoch 1")}
	var err error
	if f.cc, err = d.Chain.Client(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(f.cc.Close)
	cl := f.client(t, ctx)
	user := d.Chain.Accounts()[1]
	var nonce [32]byte
	copy(nonce[:], "epochs")
	m, err := cl.ClaimAndMint(ctx, f.cc, f.cc.Transactor(user.Key), nonce)
	if err != nil {
		t.Fatal(err)
	}
	f.pubkey = m.Pubkey
	f.conds, err = acc.Parse(acc.EVMBasic, []byte(`[{"contractAddress":"","standardContractType":"","chain":"ethereum","method":"","parameters":[":userAddress"],"returnValueTest":{"comparator":"=","value":"`+user.Address.Hex()+`"}}]`))
	if err != nil {
		t.Fatal(err)
	}
	if f.enc, err = cl.Encrypt(f.conds, f.secret); err != nil {
		t.Fatal(err)
	}
	f.check(t, "epoch 1")
	return f
}

// client connects to the nodes the registry lists now.
func (f *epochFixture) client(t *testing.T, ctx context.Context) *client.Client {
	t.Helper()
	if err := f.d.UpdateNetwork(ctx); err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, n := range f.d.Network.Nodes {
		urls = append(urls, n.URL)
	}
	cl, err := client.Connect(ctx, urls, client.Options{Timeout: 20 * time.Second, HTTP: f.d.HTTPClient()})
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

// check signs with the epoch-1 PKP (the same public key, verified with
// decred and go-ethereum) and decrypts the epoch-1 ciphertext (a BLS
// decryption under the unchanged network key).
func (f *epochFixture) check(t *testing.T, when string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cl := f.client(t, ctx)
	user := f.d.Chain.Accounts()[1]
	sess, err := client.NewSession(user.Key, cl.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	hash := sha256.Sum256([]byte("signed " + when))
	var res *client.SignResult
	for attempt := 0; ; attempt++ {
		// A pool drained at the switch (a holder left, or t changed)
		// refills in seconds; NodeNoPresignatures until then is capacity.
		res, err = cl.PKPSign(ctx, sess, f.pubkey, hash)
		if err == nil || attempt == 20 || !strings.Contains(err.Error(), "NoPresignatures") {
			break
		}
		time.Sleep(time.Second)
	}
	if err != nil {
		t.Fatalf("%s: signing with the epoch-1 PKP: %v", when, err)
	}
	verify(t, &res.Signature, f.pubkey)
	got, err := cl.Decrypt(ctx, sess, f.conds, f.enc)
	if err != nil || !bytes.Equal(got.Data, f.secret) {
		t.Fatalf("%s: decrypting the epoch-1 ciphertext: %v", when, err)
	}
	t.Logf("%s: the epoch-1 PKP signs with the same key and the epoch-1 ciphertext decrypts", when)
}

// change locks the next set, waits until the chain is ready (the nodes
// reshared and signalled), advances and waits until every node of the new
// set serves the new epoch with its pool filled. It logs the nodes' phases
// as they change and how long each part took. beforeAdvance runs once the
// chain is ready, before the advance.
func (f *epochFixture) change(t *testing.T, what string, beforeAdvance ...func()) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	owner := f.d.Chain.Accounts()[0]
	start := time.Now()
	if _, err := f.cc.LockNextEpoch(ctx, f.cc.Transactor(owner.Key), 0); err != nil {
		t.Fatalf("%s: lock: %v", what, err)
	}
	seen := map[string]string{}
	for {
		net, err := f.cc.Network(ctx)
		if err == nil && net.State == chain.ReadyForNextEpoch {
			break
		}
		for i, u := range f.d.URLs() {
			if s, err := nodeStatus(ctx, f.d, u); err == nil {
				p := s.Reshare.Phase + " " + s.Reshare.LastErr
				if seen[u] != p {
					seen[u] = p
					t.Logf("%s: node %d: %s", what, i+1, p)
				}
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("%s: the chain never got ready for the next epoch", what)
		case <-time.After(500 * time.Millisecond):
		}
	}
	reshared := time.Since(start)
	for _, fn := range beforeAdvance {
		fn()
	}
	if _, err := f.cc.AdvanceEpoch(ctx, f.cc.Transactor(owner.Key)); err != nil {
		t.Fatalf("%s: advance: %v", what, err)
	}
	f.epoch++
	net, err := f.cc.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if net.Epoch.Number != f.epoch {
		t.Fatalf("%s: epoch %d after the advance, want %d", what, net.Epoch.Number, f.epoch)
	}
	f.serving(t, ctx, what, net)
	t.Logf("%s: reshared and signalled in %v, every node serving epoch %d after %v", what, reshared.Round(time.Millisecond), f.epoch, time.Since(start).Round(time.Millisecond))
}

// serving waits until every node of net's set serves epoch f.epoch with
// presignatures: the chain advances before the nodes read it, and a client
// that connects in between finds them still in the previous epoch.
func (f *epochFixture) serving(t *testing.T, ctx context.Context, what string, net *chain.Network) {
	t.Helper()
	for _, nd := range net.Nodes {
		u := nd.URL()
		for {
			s, err := nodeStatus(ctx, f.d, strings.Replace(u, "http://", f.scheme(), 1))
			if err == nil && s.Ready && s.Reshare.Active == f.epoch && s.Presigs > 0 {
				break
			}
			select {
			case <-ctx.Done():
				t.Fatalf("%s: node %d never served epoch %d: %+v %v", what, nd.Index, f.epoch, s, err)
			case <-time.After(300 * time.Millisecond):
			}
		}
	}
}

func (f *epochFixture) scheme() string {
	if strings.HasPrefix(f.d.URLs()[0], "https://") {
		return "https://"
	}
	return "http://"
}

// erased waits until node i's (1-based) log says it erased its shares of
// epoch.
func (f *epochFixture) erased(t *testing.T, i int, epoch uint64) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		b, _ := os.ReadFile(filepath.Join(f.d.Dir(), fmt.Sprintf("node%d", i), "node.log"))
		for _, line := range bytes.Split(b, []byte("\n")) {
			if bytes.Contains(line, []byte(`"msg":"old key shares erased"`)) && bytes.Contains(line, []byte(fmt.Sprintf(`"epoch":%d`, epoch))) {
				return
			}
		}
		time.Sleep(500 * time.Millisecond)
	}
	t.Fatalf("node %d never erased its shares of epoch %d", i, epoch)
}

// TestEpochs: a PKP minted and a ciphertext made in epoch 1 keep working,
// with the same public key, after (d) a refresh, (a) a node joining 4 → 5,
// (b) a node removed 5 → 4, (c) a node replaced, (e) growing 4 → 7 (t from
// 1 to 2); the old shares are erased after the grace period, at the removed
// nodes too.
func TestEpochs(t *testing.T) {
	t.Parallel() // its own devnet; much of its time is waits (the leader's, the grace periods)
	f := newEpochFixture(t, 4)
	// A client connected in epoch 1 and idle through three changes (it
	// signs after the removal below, at epoch 4, with the same four nodes).
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	idle := f.client(t, ctx)

	// (d) refresh: the same set, new shares.
	f.change(t, "refresh")
	f.check(t, "after the refresh")
	for i := 1; i <= 4; i++ {
		f.erased(t, i, 1)
	}

	// (a) a fifth node joins: it runs without keys, is locked into the
	// next set, reshares and serves.
	joiner := f.join(t)
	f.change(t, "join 4→5")
	f.check(t, "after node 5 joined")

	// (b) the owner removes node 5 again.
	f.kick(t, joiner)
	f.change(t, "remove 5→4")
	f.check(t, "after node 5 left")
	f.erased(t, joiner+1, 3)
	// The idle client names epoch 1, which no node serves any more
	// (NodeInvalidEpoch): its request reads the current epoch from the
	// nodes' handshakes and signs, unchanged key.
	sess, err := client.NewSession(f.d.Chain.Accounts()[1].Key, idle.Blockhash, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	res, err := idle.PKPSign(ctx, sess, f.pubkey, sha256.Sum256([]byte("idle since epoch 1")))
	if err != nil {
		t.Fatalf("a client idle since epoch 1 signs at epoch %d: %v", f.epoch, err)
	}
	verify(t, &res.Signature, f.pubkey)

	// (c) replace: node 6 joins while node 2 leaves, in one change.
	f.join(t)
	f.kick(t, 1)
	// Node 2 deals, then stops before the advance and starts after it: in
	// no set of the chain's epoch, it erases its shares after the grace
	// period from its start (it used to wait for ever, shares on disk).
	f.change(t, "replace node 2 by node 6", func() {
		if err := f.d.StopNode(1, true); err != nil {
			t.Fatal(err)
		}
	})
	if err := f.d.StartNode(1); err != nil {
		t.Fatal(err)
	}
	f.check(t, "after the replacement")
	f.erased(t, 2, 4)

	// (e) grow 4 → 7: t goes from 1 to 2.
	for range 3 {
		f.join(t)
	}
	f.change(t, "grow 4→7")
	net, err := f.cc.Network(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(net.Nodes) != 7 || net.Threshold != 2 {
		t.Fatalf("after growing: %d nodes, t = %d", len(net.Nodes), net.Threshold)
	}
	f.check(t, "after growing to 7 (t = 2)")
}

// join starts a node that asks to join, waits for its request, and
// approves it; it returns the node's 0-based devnet position.
func (f *epochFixture) join(t *testing.T) int {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	i, err := f.d.AddNode(ctx)
	if err != nil {
		t.Fatal(err)
	}
	addr := f.d.Address(i)
	var req chain.PendingJoin
	for {
		joins, _, err := f.cc.PendingChanges(ctx)
		if k := slices.IndexFunc(joins, func(j chain.PendingJoin) bool { return j.Address == addr }); err == nil && k >= 0 {
			req = joins[k]
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("node %d never asked to join", i+1)
		case <-time.After(300 * time.Millisecond):
		}
	}
	// Before it is in any set the joiner already answers its operator:
	// /status says it waits to join, /healthz that it is not ready.
	for {
		s, err := nodeStatus(ctx, f.d, f.d.URLs()[i])
		if err == nil && s.Reshare.Phase == "waiting-to-join" && !s.Ready {
			break
		}
		select {
		case <-ctx.Done():
			t.Fatalf("node %d waiting to join: status %+v, %v", i+1, s, err)
		case <-time.After(300 * time.Millisecond):
		}
	}
	hreq, _ := http.NewRequestWithContext(ctx, http.MethodGet, f.d.URLs()[i]+"/healthz", nil)
	resp, err := f.d.HTTPClient().Do(hreq)
	if err != nil {
		t.Fatalf("node %d waiting to join: /healthz: %v", i+1, err)
	}
	var health struct{ Ready *bool }
	err = json.NewDecoder(resp.Body).Decode(&health)
	resp.Body.Close()
	if err != nil || health.Ready == nil || *health.Ready {
		t.Fatalf("node %d waiting to join: /healthz %v %v", i+1, health.Ready, err)
	}
	if _, err := f.cc.ApproveJoin(ctx, f.cc.Transactor(f.d.Chain.Accounts()[0].Key), req); err != nil {
		t.Fatal(err)
	}
	return i
}

// kick has the owner remove the node at devnet position i at the next
// epoch.
func (f *epochFixture) kick(t *testing.T, i int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := f.cc.KickNextEpoch(ctx, f.cc.Transactor(f.d.Chain.Accounts()[0].Key), f.d.Address(i)); err != nil {
		t.Fatal(err)
	}
}

// epochLogs logs the nodes' lines about epoch changes, sessions and
// warnings.
func epochLogs(t *testing.T, d *devnet.Devnet) {
	keep := os.Getenv("FLINT_EPOCH_LOGS") // a directory: the nodes' whole logs go there
	for i := 1; i <= len(d.URLs()); i++ {
		b, _ := os.ReadFile(filepath.Join(d.Dir(), fmt.Sprintf("node%d", i), "node.log"))
		if st, err := os.Stat(keep); err == nil && st.IsDir() {
			os.WriteFile(filepath.Join(keep, fmt.Sprintf("node%d.log", i)), b, 0o600)
		}
		var out []string
		for _, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, `"level":"DEBUG"`) && !strings.Contains(line, "refused") {
				continue
			}
			if strings.Contains(line, "resharing") || strings.Contains(line, "epoch") || strings.Contains(line, "session") || strings.Contains(line, "WARN") || strings.Contains(line, "ERROR") {
				out = append(out, line[:min(len(line), 600)])
			}
		}
		if len(out) > 60 {
			out = out[len(out)-60:]
		}
		t.Logf("--- node %d: epoch lines\n%s", i, strings.Join(out, "\n"))
	}
}
