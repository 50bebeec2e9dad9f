package node

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"testing"
	"time"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// A stranger asking /healthz learns whether the node is ready and nothing
// about how drained its presignature pool is; with metricsListen set, the
// operator's views (/metrics, /status) are only on that listener.
func TestHealthzTellsStrangersOnlyReadiness(t *testing.T) {
	for _, separate := range []bool{false, true} {
		n := testAPINode(8)
		n.cfg = &Config{APIListen: freeAddr(t)}
		n.keys = &keys{}
		if separate {
			n.cfg.MetricsListen = freeAddr(t)
		}
		n.published.Store(true)
		n.views.Store(&view{epoch: 7, t: 2, quorum: 3, self: 2})
		errc := make(chan error, 3)
		if err := n.serveAPI(context.Background(), errc); err != nil {
			t.Fatal(err)
		}
		api := "http://" + n.cfg.APIListen
		code, body := get(t, api+"/healthz")
		var h map[string]any
		if err := json.Unmarshal([]byte(body), &h); err != nil || code != 200 {
			t.Fatalf("healthz: %d %s", code, body)
		}
		if len(h) != 1 || h["ready"] != true {
			t.Fatalf("healthz tells a stranger %s", body)
		}
		views := api
		if separate {
			views = "http://" + n.cfg.MetricsListen
			for _, p := range []string{"/metrics", "/status"} {
				if code, _ := get(t, api+p); code != http.StatusNotFound {
					t.Fatalf("%s on the client API with metricsListen set: %d", p, code)
				}
			}
		}
		code, body = get(t, views+"/status")
		var st struct {
			Presignatures                   *int
			Version                         string
			Index, Epoch, Threshold, Quorum int
		}
		if err := json.Unmarshal([]byte(body), &st); err != nil || code != 200 || st.Presignatures == nil || st.Version == "" ||
			st.Index != 2 || st.Epoch != 7 || st.Threshold != 2 || st.Quorum != 3 {
			t.Fatalf("status: %d %s", code, body)
		}
		if code, body := get(t, views+"/metrics"); code != 200 || !strings.Contains(body, "flint_") {
			t.Fatalf("metrics: %d", code)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		n.server.Shutdown(ctx)
		if n.metricsServer != nil {
			n.metricsServer.Shutdown(ctx)
		}
		cancel()
	}
}

func TestVersionOf(t *testing.T) {
	for _, c := range []struct {
		bi   debug.BuildInfo
		want string
	}{
		{debug.BuildInfo{Main: debug.Module{Version: "v1.2.3"}}, "v1.2.3"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "devel"},
		{debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}}, "0123456789ab+dirty"},
		{debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}}}, "abc"},
	} {
		if got := versionOf(&c.bi); got != c.want {
			t.Errorf("versionOf(%+v) = %q, want %q", c.bi, got, c.want)
		}
	}
}
