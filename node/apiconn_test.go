package node

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// clientStall is how long the tests' clients wait between connecting and
// sending their first request: longer than the 5 s header timeout the
// client API had, which closed such connections under the Lit SDK.
const clientStall = 6 * time.Second

func serveTestAPI(t *testing.T) string {
	t.Helper()
	srv := newAPIServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"ok":true}`))
	}), 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// TestAPIConnStalledClient: a client that connects, stalls, then sends its
// request gets its answer; the node used to close the connection 5 s after
// accepting it, before the request came.
func TestAPIConnStalledClient(t *testing.T) {
	t.Parallel()
	addr := serveTestAPI(t)
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	time.Sleep(clientStall)
	if _, err := fmt.Fprintf(c, "POST /web/pkp/sign/v1 HTTP/1.1\r\nHost: %s\r\nContent-Length: 2\r\n\r\n{}", addr); err != nil {
		t.Fatalf("writing the request after a stall: %v", err)
	}
	res, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("the node closed the connection of a client that stalled %s before its request: %v", clientStall, err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("status %d", res.StatusCode)
	}
}

// TestAPIConnStalledUndici is the same with the Lit SDK's HTTP client,
// Node.js's fetch (undici): requests are dispatched on new connections, then
// the event loop is blocked, as the SDK's crypto blocks it on a busy
// machine. They failed with UND_ERR_SOCKET "other side closed".
func TestAPIConnStalledUndici(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node (Node.js) is not installed")
	}
	addr := serveTestAPI(t)
	script := `
const url = process.argv[1], stall = Number(process.argv[2]);
(async () => {
  // Four at once: undici opens a connection for each.
  const ps = [];
  for (let i = 0; i < 4; i++) {
    ps.push(fetch(url, { method: 'POST', body: '{}' }).then(r => r.text()).then(() => 'ok',
      e => 'failed: ' + (e.cause?.code ?? '') + ' ' + (e.cause?.message ?? e.message)));
  }
  // Let undici connect, then block the event loop past the stall.
  for (let i = 0; i < 3; i++) await new Promise(r => setImmediate(r));
  const end = Date.now() + stall;
  while (Date.now() < end) {}
  const giveUp = setTimeout(() => { console.log('no answer'); process.exit(0); }, 20000);
  console.log((await Promise.all(ps)).join('\n'));
  clearTimeout(giveUp);
})();`
	out, err := exec.Command("node", "-e", script, "http://"+addr+"/web/pkp/sign/v1", fmt.Sprint(clientStall.Milliseconds())).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if line != "ok" {
			t.Errorf("a request on a connection made before a %s stall: %s", clientStall, line)
		}
	}
}
