package integration

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/devnet"
	"github.com/flint-network/flint/explorer"
	"github.com/flint-network/flint/node"
)

// The explorer against a real devnet: its summary shows every node healthy with the network's
// epoch, threshold and quorum, each node's version, pool and peers (all up, with RTTs), and the
// handshakes the test makes as traffic: a request rate, a success rate of 1 and latency quantiles.
func TestExplorerSummarisesDevnet(t *testing.T) {
	d := sharedDevnet(t)
	nw := d.Network
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	srv := startExplorer(ctx, t, d, 500*time.Millisecond)

	traffic := make(chan struct{})
	go func() {
		defer close(traffic)
		for ctx.Err() == nil {
			if _, err := client.Connect(ctx, d.URLs(), client.Options{}); err != nil && ctx.Err() == nil {
				t.Errorf("handshake: %v", err)
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	}()
	defer func() { cancel(); <-traffic }()

	var sum explorer.Summary
	done := func() bool {
		sum = explorerSummary(t, srv)
		if sum.Network.Healthy != len(nw.Nodes) || len(sum.Series) == 0 {
			return false
		}
		last := sum.Series[len(sum.Series)-1]
		for _, n := range sum.Nodes {
			if n.Presignatures == nil || n.PeersUp != len(nw.Nodes)-1 {
				return false
			}
		}
		return last.Rate > 0 && last.Success == 1 && last.P50 > 0
	}
	for !done() {
		if ctx.Err() != nil {
			t.Fatalf("the explorer's summary never showed a healthy, busy network: %+v", sum)
		}
		time.Sleep(250 * time.Millisecond)
	}
	if sum.Network.Epoch == nil || *sum.Network.Epoch < 1 || sum.Network.Threshold != nw.Threshold || sum.Network.Quorum != nw.Quorum || len(sum.Alerts) != 0 {
		t.Fatalf("network %+v, alerts %q", sum.Network, sum.Alerts)
	}
	for i, n := range sum.Nodes {
		if n.Index != nw.Nodes[i].Index || n.Health != explorer.HealthHealthy || n.Version == "" || n.Epoch == nil || *n.Epoch != *sum.Network.Epoch ||
			n.Address == "" || n.Blamed != 0 || len(n.Peers) != len(nw.Nodes)-1 {
			t.Errorf("node %+v", n)
		}
		for _, p := range n.Peers {
			if !p.Up || !(p.RTTms > 0 && p.RTTms < 1000) {
				t.Errorf("node %d's link to %d: %+v", n.Index, p.Index, p)
			}
		}
	}
}

// startExplorer runs an explorer of d, polling every interval, until ctx ends.
func startExplorer(ctx context.Context, t testing.TB, d *devnet.Devnet, interval time.Duration) *httptest.Server {
	t.Helper()
	nw := d.Network
	cfg := explorer.Config{ChainID: nw.ChainID, Threshold: nw.Threshold, Quorum: nw.Quorum, HTTP: d.HTTPClient(),
		Interval: interval, Smooth: 3 * time.Second,
		Chain: func(ctx context.Context) (explorer.Chain, error) {
			c, err := chain.Dial(ctx, nw.ChainRPC, nw.Contracts)
			if err != nil {
				return nil, err
			}
			t.Cleanup(c.Close)
			return c, nil
		}}
	for _, n := range nw.Nodes {
		cfg.Nodes = append(cfg.Nodes, explorer.Node{Index: n.Index, URL: n.URL, Address: n.Address})
	}
	dev, err := crypto.HexToECDSA(strings.TrimPrefix(nw.DevKey, "0x"))
	if err != nil {
		t.Fatalf("network.json devAccountKey: %v", err)
	}
	cfg.DevAccount = dev // as flint devnet's explorer has it
	cfg.IPFSStore = nw.IPFSStore
	cfg.Connect = func(ctx context.Context) (*client.Client, error) {
		return client.Connect(ctx, d.URLs(), client.Options{})
	}
	s, err := explorer.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler("127.0.0.1:0"))
	t.Cleanup(srv.Close)
	go s.Run(ctx)
	return srv
}

func explorerSummary(t *testing.T, srv *httptest.Server) explorer.Summary {
	t.Helper()
	resp, err := http.Get(srv.URL + "/api/v1/network")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var sum explorer.Summary
	if err := json.NewDecoder(resp.Body).Decode(&sum); err != nil {
		t.Fatal(err)
	}
	return sum
}

// A node that crashes is named down, in an alert, within 5 s (the bound for the page; the
// page reads this summary every second), and no longer once it is back.
func TestExplorerSeesStoppedNode(t *testing.T) {
	d := startDevnet(t, 4, node.PoolConfig{Low: 8, High: 16, Batch: 8})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv := startExplorer(ctx, t, d, time.Second) // the default interval
	waitSummary := func(what string, within time.Duration, ok func(explorer.Summary) bool) explorer.Summary {
		t.Helper()
		deadline := time.Now().Add(within)
		for {
			s := explorerSummary(t, srv)
			if ok(s) {
				return s
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: not within %v; nodes %+v, alerts %q", what, within, s.Nodes, s.Alerts)
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitSummary("every node healthy", 30*time.Second, func(s explorer.Summary) bool { return s.Network.Healthy == 4 })

	if err := d.StopNode(2, false); err != nil { // node 3, SIGKILL
		t.Fatal(err)
	}
	stopped := time.Now()
	s := waitSummary("node 3 down", 5*time.Second, func(s explorer.Summary) bool { return s.Nodes[2].Health == explorer.HealthDown })
	t.Logf("node 3 shown down after %v", time.Since(stopped).Round(time.Millisecond))
	if len(s.Alerts) == 0 || !strings.HasPrefix(s.Alerts[0], "Node 3 ") || s.Network.Up != 3 {
		t.Fatalf("alerts %q, network %+v", s.Alerts, s.Network)
	}
	for _, i := range []int{0, 1, 3} {
		if s.Nodes[i].Health == explorer.HealthDown {
			t.Fatalf("node %d shown down too", i+1)
		}
	}

	if err := d.StartNode(2); err != nil {
		t.Fatal(err)
	}
	waitSummary("node 3 back", 60*time.Second, func(s explorer.Summary) bool {
		return s.Nodes[2].Health != explorer.HealthDown && s.Nodes[2].Health != explorer.HealthUnknown
	})
}
