package explorer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/explorer"
)

// An explorer for a one-node network: Serve polls the node and answers the page and its API on
// the listener until the context ends.
func ExampleServer_Serve() {
	// A stand-in for a node's operator views; a real one is "flint node".
	node := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/status":
			io.WriteString(w, `{"ready":true,"address":"0x00000000000000000000000000000000000000a1","version":"v0.1.0","index":1,"epoch":1,"threshold":0,"quorum":1}`)
		case "/metrics":
			io.WriteString(w, "flint_presignatures{kind=\"own_free\"} 12\nflint_presignatures{kind=\"all\"} 12\n")
		default:
			http.NotFound(w, r)
		}
	}))
	defer node.Close()

	s, err := explorer.New(explorer.Config{ChainID: 1337, Quorum: 1, Nodes: []explorer.Node{{Index: 1, URL: node.URL}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0") // explorer.DefaultListen in a command
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- s.Serve(ctx, ln) }()

	var sum explorer.Summary
	for range 50 {
		resp, err := http.Get(explorer.URL(ln.Addr().String()) + "api/v1/network")
		if err != nil {
			fmt.Println(err)
			break
		}
		json.NewDecoder(resp.Body).Decode(&sum)
		resp.Body.Close()
		if sum.Nodes[0].Health != explorer.HealthUnknown {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	n := sum.Nodes[0]
	fmt.Printf("node %d: %s, version %s, %g free presignatures\n", n.Index, n.Health, n.Version, n.Presignatures.Free)
	cancel()
	fmt.Println("stopped:", <-done)
	// Output:
	// node 1: healthy, version v0.1.0, 12 free presignatures
	// stopped: <nil>
}

// An explorer whose PKPs page reads the network's chain: Config.Chain dials it on the first lookup
// (and again after a failure), so the chain may come up after the explorer.
func ExampleChain() {
	rpcURL, contracts := "http://127.0.0.1:8545", chain.Addresses{} // from network.json
	s, err := explorer.New(explorer.Config{
		Nodes: []explorer.Node{{Index: 1, URL: "http://127.0.0.2:7470"}},
		Chain: func(ctx context.Context) (explorer.Chain, error) {
			c, err := chain.Dial(ctx, rpcURL, contracts)
			if err != nil {
				return nil, err
			}
			return c, nil
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	_ = s.Handler(explorer.DefaultListen) // serves /pkps and GET /api/v1/pkps?q=…
}
