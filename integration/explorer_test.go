package integration

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/explorer"
)

// The explorer against a real devnet: its summary shows every node healthy with the network's
// epoch, threshold and quorum, each node's version, pool and peers (all up, with RTTs), and the
// handshakes the test makes as traffic: a request rate, a success rate of 1 and latency quantiles.
func TestExplorerSummarisesDevnet(t *testing.T) {
	d := sharedDevnet(t)
	nw := d.Network
	cfg := explorer.Config{ChainID: nw.ChainID, Threshold: nw.Threshold, Quorum: nw.Quorum, HTTP: d.HTTPClient(),
		Interval: 500 * time.Millisecond, Smooth: 3 * time.Second}
	for _, n := range nw.Nodes {
		cfg.Nodes = append(cfg.Nodes, explorer.Node{Index: n.Index, URL: n.URL, Address: n.Address})
	}
	s, err := explorer.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s.Handler("127.0.0.1:0"))
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	go s.Run(ctx)

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
		resp, err := http.Get(srv.URL + "/api/v1/network")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		sum = explorer.Summary{}
		if err := json.NewDecoder(resp.Body).Decode(&sum); err != nil {
			t.Fatal(err)
		}
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
