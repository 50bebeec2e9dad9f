package node

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/auth"
)

// The secret parts of an RPC URL: where providers put API keys.
var rpcSecrets = []string{"user", "pass", "SECRETKEY", "SECRETQUERY", "/v3"}

func noSecrets(t *testing.T, what, s string) {
	t.Helper()
	for _, sec := range rpcSecrets {
		if strings.Contains(s, sec) {
			t.Errorf("%s holds %q: %s", what, sec, s)
		}
	}
}

func TestRedactURL(t *testing.T) {
	for raw, want := range map[string]string{
		"https://user:pass@rpc.example.com:8545/v3/SECRETKEY?apikey=SECRETQUERY#frag": "https://rpc.example.com:8545",
		"wss://rpc.example.com/ws/SECRETKEY":                                          "wss://rpc.example.com",
		"http://127.0.0.1:8545":                                                       "http://127.0.0.1:8545",
	} {
		if got := redactURL(raw); got != want {
			t.Errorf("%s: %s, want %s", raw, got, want)
		}
	}
	if got := redactURL("/var/run/geth/SECRETKEY.ipc"); strings.Contains(got, "SECRETKEY") {
		t.Errorf("an IPC path: %s", got)
	}
}

func TestConfigStringRedacts(t *testing.T) {
	c := validConfig(t)
	s := c.String()
	noSecrets(t, "Config.String", s)
	for _, key := range []string{c.IdentityKey, c.TransportKey, c.StoreKey} {
		if strings.Contains(s, key) {
			t.Errorf("Config.String holds a key: %s", s)
		}
	}
	if !strings.Contains(s, "chain https://rpc.example.com") {
		t.Errorf("Config.String does not say which chain: %s", s)
	}
}

// The JSON-RPC client talks to the full URL, Basic auth included, yet no
// error it returns holds the URL's secrets: a dropped connection, an HTTP
// error, a refused dial.
func TestDialRPCKeepsSecrets(t *testing.T) {
	var fail atomic.Value // string: how the server fails
	fail.Store("")
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u, p, _ := r.BasicAuth(); u != "user" || p != "pass" || r.URL.Path != "/v3/SECRETKEY" || r.URL.Query().Get("apikey") != "SECRETQUERY" {
			http.Error(w, "wrong credentials", http.StatusUnauthorized)
			return
		}
		switch fail.Load() {
		case "drop":
			c, _, _ := w.(http.Hijacker).Hijack()
			c.Close()
		case "500":
			http.Error(w, "upstream down", http.StatusInternalServerError)
		default:
			io.Copy(io.Discard, r.Body)
			fmt.Fprint(w, `{"jsonrpc":"2.0","id":1,"result":"0x2a"}`)
		}
	}))
	defer srv.Close()
	raw := strings.Replace(srv.URL, "http://", "http://user:pass@", 1) + "/v3/SECRETKEY?apikey=SECRETQUERY"
	c, err := dialRPC(context.Background(), raw)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if id, err := c.ChainID(context.Background()); err != nil || id.Int64() != 42 {
		t.Fatalf("through the full URL: %v %v", id, err)
	}
	for _, mode := range []string{"drop", "500"} {
		fail.Store(mode)
		_, err := c.BalanceAt(context.Background(), common.Address{}, nil)
		if err == nil {
			t.Fatalf("%s: no error", mode)
		}
		noSecrets(t, mode+" error", err.Error())
		t.Logf("%s: %v", mode, err)
	}

	// Nothing listens: the dial error.
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	c2, err := dialRPC(context.Background(), "http://user:pass@"+addr+"/v3/SECRETKEY?apikey=SECRETQUERY")
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	_, err = c2.ChainID(context.Background())
	if err == nil {
		t.Fatal("no error from a closed port")
	}
	noSecrets(t, "dial error", err.Error())

	if _, err := dialRPC(context.Background(), "not a url/SECRETKEY"); err == nil {
		t.Fatal("a relative URL was dialled")
	} else {
		noSecrets(t, "parse error", err.Error())
	}
}

// Error answers say what failed; a failure's internals stay in the log.
func TestCallerMessage(t *testing.T) {
	leak := errors.New(`Post "https://user:pass@rpc.example.com/v3/SECRETKEY?apikey=SECRETQUERY": dial tcp 10.1.2.3:8545: connection refused`)
	for _, c := range []struct {
		name string
		err  error
		code string
		want string // in the message
	}{
		{"chain read", chainRead("reading PKP 123", leak), "NodeChainUnavailable", "reading PKP 123: the chain's RPC did not answer"},
		{"unclassified", fmt.Errorf("store: %w", leak), "NodeInternalError", "internal error"},
		{"timeout on a chain read", fmt.Errorf("reading: %w: %w", leak, context.DeadlineExceeded), "NodeTimeout", "the request ended"},
		{"EIP-1271 call", fmt.Errorf("session capability 0: %w", fmt.Errorf("%w: EIP-1271 call: %w", auth.ErrUnavailable, leak)), "NodeAuthUnavailable", "EIP-1271"},
		{"IPFS", ipfsError(fmt.Errorf("gateway %w", leak), 100), "NodeIpfsFetchFailed", "getting the Action's code"},
		{"worker", actionFailed(fmt.Errorf("%w: %w", actions.ErrWorker, leak), ""), "NodeActionWorkerFailed", "worker process failed"},
		{"refusal", ErrNoPresignatures, "NodeNoPresignatures", ErrNoPresignatures.Error()},
		{"bad request", invalid("NodeInvalidPublicKey", "pubkey must be hex"), "NodeInvalidPublicKey", "pubkey must be hex"},
	} {
		status, _, code := apiErr(c.err)
		if code != c.code {
			t.Errorf("%s: code %s, want %s", c.name, code, c.code)
		}
		msg := callerMessage(c.err, status, code)
		noSecrets(t, c.name, msg)
		if strings.Contains(msg, "10.1.2.3") || !strings.Contains(msg, c.want) {
			t.Errorf("%s: %q, want %q in it", c.name, msg, c.want)
		}
	}
}
