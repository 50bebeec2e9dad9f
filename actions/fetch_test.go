package actions

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func fetchServer(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("/json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Add("X-Multi", "a")
		w.Header().Add("X-Multi", "b")
		fmt.Fprint(w, `{"properties":{"periods":[{"temperature":21}]}}`)
	})
	mux.HandleFunc("/echo", func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		fmt.Fprintf(w, "%s %s %s %s", r.Method, r.Header.Get("X-Token"), r.Header.Get("Content-Type"), body)
	})
	mux.HandleFunc("/missing", http.NotFound)
	mux.HandleFunc("/redirect", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/json", http.StatusFound)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, strings.Repeat("x", 5000))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// localEgress lets a test's Actions fetch from its httptest server on loopback, which the default
// egress policy refuses.
var localEgress = &Egress{Allow: []string{"127.0.0.1"}}

// mustRunLocal is mustRun under localEgress.
func mustRunLocal(t *testing.T, h Host, code string, params any) *Result {
	t.Helper()
	res, err := runWith(t, h, Limits{Egress: localEgress}, code, params)
	if err != nil {
		t.Fatalf("run: %v\nlogs: %s", err, res.Logs)
	}
	return res
}

func TestFetch(t *testing.T) {
	srv := fetchServer(t)
	h := newFakeHost(t)
	res := mustRunLocal(t, h, `(async () => {
		const out = [];
		const r = await fetch(base + "/json");
		out.push(r.status, r.ok, r.statusText, r.headers.get("content-type"), r.headers.get("x-multi"), r.redirected);
		out.push((await r.json()).properties.periods[0].temperature);
		try { await r.text(); out.push("reread"); } catch (e) { out.push(e.name); }
		const e = await fetch(base + "/echo", { method: "post", headers: { "X-Token": "t0k", "Content-Type": "text/plain" }, body: "hello" });
		out.push(await e.text());
		const b = await fetch(new URL_like(base + "/echo"), { method: "PUT", headers: new Headers([["x-token", "h"]]), body: new Uint8Array([104, 105]) });
		out.push(await b.text());
		const m = await fetch(base + "/missing");
		out.push(m.status, m.ok);
		const d = await fetch(base + "/redirect");
		out.push(d.redirected, d.url.endsWith("/json"), new Uint8Array(await d.arrayBuffer()).length > 0);
		try { await fetch("file:///etc/passwd"); out.push("file read"); } catch (err) { out.push(err.name); }
		Lit.Actions.setResponse({ response: JSON.stringify(out) });
	})();
	function URL_like(u) { this.url = u; }`, map[string]any{"base": srv.URL})
	want := `[200,true,"OK","application/json","a, b",false,21,"TypeError","POST t0k text/plain hello","PUT h  hi",404,false,true,true,true,"TypeError"]`
	if res.Response != want {
		t.Fatalf("got  %s\nwant %s", res.Response, want)
	}
}

func TestFetchLimits(t *testing.T) {
	srv := fetchServer(t)
	h := newFakeHost(t)
	params := map[string]any{"base": srv.URL}

	// Count: the third fetch is refused with Lit's message; caught, the Action goes on.
	res, err := runWith(t, h, Limits{Fetches: 2, Egress: localEgress}, `(async () => {
		await fetch(base + "/json"); await fetch(base + "/json");
		try { await fetch(base + "/json"); } catch (e) { console.log(e.message); }
		await fetch(base + "/json");
	})();`, params)
	if !errors.Is(err, ErrFetches) {
		t.Fatalf("err %v", err)
	}
	if !strings.Contains(res.Logs, "You may not send more than 2 HTTP requests per session") {
		t.Fatalf("logs %q", res.Logs)
	}

	// Size of a response body.
	if _, err := runWith(t, h, Limits{FetchSize: 1000, Egress: localEgress}, `(async () => { await fetch(base + "/big"); })();`, params); !errors.Is(err, ErrFetchSize) {
		t.Fatalf("size: %v", err)
	}
	mustRunLocal(t, h, `(async () => { if ((await (await fetch(base + "/big")).text()).length !== 5000) throw new Error("short"); })();`, params)

	// Time of one request: the slow server is abandoned, the Action sees a TypeError.
	start := time.Now()
	res, err = runWith(t, h, Limits{FetchTimeout: 100 * time.Millisecond, Egress: localEgress}, `(async () => {
		try { await fetch(base + "/slow"); } catch (e) { Lit.Actions.setResponse({ response: e.name }); }
	})();`, params)
	if err != nil || res.Response != "TypeError" {
		t.Fatalf("slow fetch: %v %q", err, res.Response)
	}
	if time.Since(start) > 3*time.Second {
		t.Fatal("fetch timeout not applied")
	}
}
