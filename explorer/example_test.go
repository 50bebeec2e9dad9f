package explorer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/explorer"
	"github.com/flint-network/flint/ipfs"
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

// A devnet's explorer with the Actions playground and the decrypt page: the dev account (its key
// is network.json's devAccountKey) signs the runs' sessions, Connect reaches the nodes with the Go
// client on first use, and Publish adds code to the nodes' content store. Only on loopback: whoever
// reaches the explorer may use the dev account.
func ExampleConfig_playground() {
	dev, _ := crypto.GenerateKey() // network.json's devAccountKey in a command
	urls := []string{"http://127.0.0.2:7470"}
	store, err := os.MkdirTemp("", "ipfs") // network.json's ipfsStore in a command
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(store)
	s, err := explorer.New(explorer.Config{
		Nodes:      []explorer.Node{{Index: 1, URL: urls[0]}},
		DevAccount: dev,
		IPFSStore:  store,
		Connect: func(ctx context.Context) (*client.Client, error) {
			return client.Connect(ctx, urls, client.Options{})
		},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	// POST /api/v1/dev/publish computes the CID without asking a node.
	req := httptest.NewRequest(http.MethodPost, "http://127.0.0.1:7400/api/v1/dev/publish",
		strings.NewReader(`{"code":"Lit.Actions.setResponse({response: \"hi\"});"}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	s.Handler(explorer.DefaultListen).ServeHTTP(rec, req)
	var ans struct{ CID string }
	json.Unmarshal(rec.Body.Bytes(), &ans)
	fmt.Println(rec.Code, ans.CID == ipfs.Sum([]byte(`Lit.Actions.setResponse({response: "hi"});`)).String())
	// Output: 200 true
}

// The browser wallet's writes need the chain to be a WalletChain, as *chain.Client is: the page
// asks POST /api/v1/wallet/grant (the write's fields and from, the wallet's account) for the
// transaction, {chainId, from, to, data, value}, and sends it with the wallet's
// eth_sendTransaction. The explorer never holds the wallet's key.
func ExampleWalletChain() {
	var c explorer.Chain = (*chain.Client)(nil) // chain.Dial(ctx, rpcURL, contracts) in a command
	_, ok := c.(explorer.WalletChain)
	fmt.Println("a chain client encodes the wallet's writes:", ok)
	// Output: a chain client encodes the wallet's writes: true
}
