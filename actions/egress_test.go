package actions

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func TestAddrClass(t *testing.T) {
	for _, c := range []struct {
		addr, class string
	}{
		// IPv4
		{"127.0.0.1", "loopback"},
		{"127.255.255.254", "loopback"},
		{"0.0.0.0", "unspecified"},
		{"0.1.2.3", "unspecified"},
		{"169.254.169.254", "link-local"},
		{"169.254.0.1", "link-local"},
		{"10.0.0.1", "private"},
		{"172.16.0.1", "private"},
		{"172.31.255.255", "private"},
		{"192.168.1.1", "private"},
		{"100.64.0.1", "shared (CGNAT)"},
		{"100.127.255.255", "shared (CGNAT)"},
		{"224.0.0.251", "multicast"},
		{"239.255.255.250", "multicast"},
		{"255.255.255.255", "reserved"},
		{"240.0.0.1", "reserved"},
		{"192.0.2.1", "reserved"},
		{"198.18.0.1", "reserved"},
		{"8.8.8.8", ""},
		{"172.32.0.1", ""},
		{"100.128.0.1", ""},
		{"169.255.0.1", ""},
		{"1.1.1.1", ""},
		// IPv6
		{"::1", "loopback"},
		{"::", "unspecified"},
		{"fe80::1", "link-local"},
		{"fe80::1%eth0", "link-local"},
		{"febf::1", "link-local"},
		{"fc00::1", "unique-local"},
		{"fd00:ec2::254", "unique-local"}, // AWS's IPv6 metadata service
		{"ff02::1", "multicast"},
		{"fec0::1", "reserved"},
		{"2001:db8::1", "reserved"},
		{"2606:4700:4700::1111", ""},
		{"2a00:1450:4001:80b::200e", ""},
		// IPv4 inside IPv6
		{"::ffff:127.0.0.1", "loopback"},
		{"::ffff:169.254.169.254", "link-local"},
		{"::ffff:10.0.0.1", "private"},
		{"::ffff:8.8.8.8", ""},
		{"::127.0.0.1", "loopback"}, // IPv4-compatible
		{"::10.0.0.1", "private"},
		{"::8.8.8.8", ""},
		{"::ffff:0:127.0.0.1", "loopback"}, // IPv4-translated
		{"64:ff9b::7f00:1", "loopback"},    // NAT64 of 127.0.0.1
		{"64:ff9b::a9fe:a9fe", "link-local"},
		{"64:ff9b::808:808", ""},
		{"64:ff9b:1::a00:1", "private"},
		{"2002:7f00:1::1", "loopback"}, // 6to4 of 127.0.0.1
		{"2002:c0a8:101::1", "private"},
		{"2002:808:808::1", ""},
	} {
		ip := netip.MustParseAddr(c.addr)
		if got := addrClass(ip); got != c.class {
			t.Errorf("%s: class %q, want %q", c.addr, got, c.class)
		}
	}
	if got := addrClass(netip.Addr{}); got == "" {
		t.Error("the zero address is public")
	}
}

func TestEgressEntries(t *testing.T) {
	for _, s := range []string{"10.0.0.0/8", "127.0.0.1", "::1", "[::1]", "fd00::/8", "::ffff:10.0.0.0/104", "oracle.internal",
		"Oracle.Internal.", "*.example.com", "a-b_c.example", " 192.168.1.0/24 "} {
		if err := CheckEgressEntry(s); err != nil {
			t.Errorf("%q refused: %v", s, err)
		}
	}
	for _, s := range []string{"", " ", "10.0.0.0/33", "10.0.0.1/x", "http://example.com", "example.com:80", "exa mple.com",
		"a..b", "*.", "*", "2130706433", "127.1", "fe80::1%eth0", strings.Repeat("a", 64) + ".com", "ex\u00e4mple.com", "-/-"} {
		if err := CheckEgressEntry(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
	// A mapped CIDR matches the IPv4 addresses it means.
	var r egressRules
	if err := r.add("::ffff:10.0.0.0/104"); err != nil || !r.matchIP(netip.MustParseAddr("10.1.2.3")) || r.matchIP(netip.MustParseAddr("11.0.0.1")) {
		t.Errorf("mapped prefix: %v %v", err, r.nets)
	}
	// A bad entry fails closed: every fetch is refused, with the entry named.
	p := compileEgress(&Egress{Allow: []string{"10.0.0.0/8", "not a host"}})
	err := p.checkURL(&url.URL{Scheme: "https", Host: "example.com"})
	if !errors.Is(err, ErrEgress) || !strings.Contains(err.Error(), `allow[1] "not a host"`) {
		t.Fatalf("bad policy: %v", err)
	}
}

func TestEgressPrecedence(t *testing.T) {
	pol := compileEgress(&Egress{
		Allow: []string{"127.0.0.1", "10.1.0.0/16", "oracle.internal", "*.lab.example", "192.0.2.7"},
		Deny:  []string{"10.1.2.0/24", "evil.example", "*.bad.example", "203.0.113.9", "sub.lab.example"},
		Self:  []string{"192.0.2.7", "9.9.9.9", "rpc.node.example", "8.8.4.4", "127.0.0.2"},
	})
	for _, c := range []struct {
		host string
		ip   string // "" for a check of the URL alone
		why  string // "" when allowed
	}{
		{"127.0.0.1", "127.0.0.1", ""},                   // allowed although loopback
		{"127.0.0.2", "127.0.0.2", "loopback"},           // the allow entry is one address
		{"::ffff:127.0.0.1", "::ffff:127.0.0.1", ""},     // the same address, mapped
		{"10.1.9.9", "10.1.9.9", ""},                     // allowed range
		{"10.1.2.3", "10.1.2.3", "deny-list"},            // deny wins inside an allowed range
		{"10.2.0.1", "10.2.0.1", "private"},              // outside the allowed range
		{"oracle.internal", "10.9.9.9", ""},              // allowed by name whatever it resolves to
		{"oracle.internal", "10.1.2.3", "deny-list"},     // but not to a denied address
		{"x.lab.example", "192.168.0.5", ""},             // wildcard allow
		{"sub.lab.example", "8.8.8.8", "deny-list"},      // deny by name wins over a wildcard allow
		{"lab.example", "192.168.0.5", "private"},        // the wildcard does not match the apex
		{"evil.example", "", "deny-list"},                // refused before any lookup
		{"evil.example", "1.2.3.4", "deny-list"},         // and at connect time
		{"a.bad.example", "1.2.3.4", "deny-list"},        // wildcard deny
		{"public.example", "203.0.113.9", "deny-list"},   // denied address behind a name
		{"192.0.2.7", "192.0.2.7", ""},                   // allow wins over self
		{"9.9.9.9", "9.9.9.9", "own addresses"},          // self
		{"127.0.0.2", "127.0.0.2", "loopback"},           // self, named by its range
		{"rpc.node.example", "", "own addresses"},        // self by name, before any lookup
		{"rpc.node.example", "1.2.3.4", "own addresses"}, // and at connect time
		{"dns.example", "8.8.4.4", "own addresses"},      // self by address behind a name
		{"example.com", "93.184.216.34", ""},             // public
		{"example.com", "", ""},                          // names are checked at connect time
		{"localhost", "", "loopback"},                    // RFC 6761, before any lookup
		{"db.localhost", "", "loopback"},                 //
		{"metadata.example", "169.254.169.254", "link-local"},
		{"v6.example", "::ffff:169.254.169.254", "link-local"},
	} {
		var err error
		if c.ip == "" {
			err = pol.checkURL(&url.URL{Scheme: "http", Host: c.host})
		} else {
			err = pol.checkAddr(c.host, netip.MustParseAddr(c.ip))
		}
		switch {
		case c.why == "" && err != nil:
			t.Errorf("%s (%s): refused: %v", c.host, c.ip, err)
		case c.why != "" && (!errors.Is(err, ErrEgress) || !strings.Contains(err.Error(), c.why) || !strings.HasSuffix(err.Error(), "(egress policy)")):
			t.Errorf("%s (%s): %v, want a refusal naming %q", c.host, c.ip, err, c.why)
		}
	}
	// The message names the destination, and the address a name resolved to.
	err := pol.checkAddr("metadata.example", netip.MustParseAddr("169.254.169.254"))
	if want := "fetch to metadata.example (169.254.169.254) refused: link-local addresses are not allowed (egress policy)"; err == nil || err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	err = compileEgress(nil).checkURL(&url.URL{Scheme: "http", Host: "127.0.0.1:8545"})
	if want := "fetch to 127.0.0.1 refused: loopback addresses are not allowed (egress policy)"; err == nil || err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	// Other schemes are refused (a redirect may lead to one).
	if err := compileEgress(nil).checkURL(&url.URL{Scheme: "file", Path: "/etc/passwd"}); !errors.Is(err, ErrEgress) {
		t.Errorf("file URL: %v", err)
	}
}

// countingServer is a loopback HTTP server that counts the requests it gets, listening on ip.
func countingServer(t *testing.T, ip string, h http.HandlerFunc) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var hits atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if h != nil {
			h(w, r)
			return
		}
		fmt.Fprint(w, "secret")
	}))
	l, err := net.Listen("tcp", ip+":0")
	if err != nil {
		t.Fatal(err)
	}
	srv.Listener.Close()
	srv.Listener = l
	srv.Start()
	t.Cleanup(srv.Close)
	return srv, &hits
}

// fakeLookup resolves names from a table, as a DNS server the attacker controls would.
func fakeLookup(table map[string][]string) lookupFunc {
	return func(ctx context.Context, host string) ([]netip.Addr, error) {
		var out []netip.Addr
		for _, s := range table[host] {
			out = append(out, netip.MustParseAddr(s))
		}
		if len(out) == 0 {
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		}
		return out, nil
	}
}

func testBudget() *byteBudget { return &byteBudget{used: new(atomic.Int64), max: 1 << 20} }

// A name that resolves to loopback passes the URL check and is refused when the socket would connect:
// the server sees nothing. Allowed by name or address, the same fetch goes through.
func TestEgressDialCheck(t *testing.T) {
	srv, hits := countingServer(t, "127.0.0.1", nil)
	port := srv.URL[strings.LastIndex(srv.URL, ":")+1:]
	lookup := fakeLookup(map[string][]string{
		"internal.example": {"127.0.0.1"},
		"mapped.example":   {"::ffff:127.0.0.1"},
		"oracle.internal":  {"127.0.0.1"},
	})
	get := func(e *Egress, host string) (*fetched, error) {
		pol := compileEgress(e)
		u, _ := url.Parse("http://" + host + ":" + port + "/")
		if err := pol.checkURL(u); err != nil {
			t.Fatalf("%s refused before the dial: %v", host, err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return doFetch(ctx, newEgressClient(nil, pol, lookup, nil), http.MethodGet, u, http.Header{}, nil, 1<<20, testBudget())
	}
	for _, host := range []string{"internal.example", "mapped.example"} {
		_, err := get(nil, host)
		want := "fetch to " + host + " (127.0.0.1) refused: loopback addresses are not allowed (egress policy)"
		var te *typeErr
		if !errors.Is(err, ErrEgress) || !errors.As(err, &te) || err.Error() != want {
			t.Errorf("%s: %v, want %q as a TypeError", host, err, want)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("the loopback server got %d requests", n)
	}
	for _, e := range []*Egress{{Allow: []string{"oracle.internal"}}, {Allow: []string{"127.0.0.0/8"}}} {
		res, err := get(e, "oracle.internal")
		if err != nil || string(res.Body) != "secret" {
			t.Fatalf("allowed %v: %v", e.Allow, err)
		}
	}
	if _, err := get(&Egress{Allow: []string{"oracle.internal"}, Deny: []string{"127.0.0.1"}}, "oracle.internal"); !errors.Is(err, ErrEgress) {
		t.Fatalf("deny under an allowed name: %v", err)
	}
	if n := hits.Load(); n != 2 {
		t.Fatalf("the loopback server got %d requests, want 2", n)
	}
}

// The dial hook runs before connect(2): a refused address never sees a connection, whatever the
// caller checked before.
func TestEgressDialHookBeforeConnect(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	var accepted atomic.Int64
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Close()
		}
	}()
	port := l.Addr().(*net.TCPAddr).Port
	dial := checkedDial(compileEgress(nil), nil)
	for _, addr := range []string{fmt.Sprintf("127.0.0.1:%d", port), fmt.Sprintf("[::ffff:127.0.0.1]:%d", port), fmt.Sprintf("localhost:%d", port)} {
		c, err := dial(context.Background(), "tcp", addr)
		if err == nil {
			c.Close()
			t.Fatalf("%s: connected", addr)
		}
		if !errors.Is(err, ErrEgress) || !strings.Contains(err.Error(), "loopback addresses are not allowed") {
			t.Errorf("%s: %v", addr, err)
		}
	}
	// Allowed, the same dial connects: the listener is there.
	c, err := checkedDial(compileEgress(&Egress{Allow: []string{"127.0.0.1"}}), nil)(context.Background(), "tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	deadline := time.Now().Add(2 * time.Second)
	for accepted.Load() < 1 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if n := accepted.Load(); n != 1 {
		t.Fatalf("the listener accepted %d connections, want only the allowed one", n)
	}
	// Addresses that must never be contacted are checked by the same hook; call it directly so that
	// no packet is sent even if the hook were broken.
	pol := compileEgress(nil)
	for addr, why := range map[string]string{
		"169.254.169.254:80": "link-local", "10.0.0.1:80": "private", "[fd00:ec2::254]:80": "unique-local",
		"[::ffff:192.168.0.1]:443": "private", "100.64.0.1:80": "shared (CGNAT)", "bogus": "cannot be checked",
	} {
		if err := controlCheck(pol, "", addr); !errors.Is(err, ErrEgress) || !strings.Contains(err.Error(), why) {
			t.Errorf("%s: %v, want %q", addr, err, why)
		}
	}
	if err := controlCheck(pol, "example.com", "93.184.216.34:443"); err != nil {
		t.Errorf("public address refused: %v", err)
	}
}

// Every redirect hop is checked: a server the policy allows cannot bounce a fetch to one it refuses.
func TestEgressRedirects(t *testing.T) {
	inner, innerHits := countingServer(t, "127.0.0.2", nil)
	outer, _ := countingServer(t, "127.0.0.1", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, r.URL.Query().Get("to"), http.StatusFound)
	})
	h := newFakeHost(t)
	res, err := runWith(t, h, Limits{Egress: &Egress{Allow: []string{"127.0.0.1"}}}, `(async () => {
		const out = [];
		for (const to of targets) {
			try { const r = await fetch(base + "/?to=" + encodeURIComponent(to)); out.push("fetched " + r.status); }
			catch (e) { out.push(e.name + ": " + e.message); }
		}
		Lit.Actions.setResponse({ response: JSON.stringify(out) });
	})();`, map[string]any{"base": outer.URL, "targets": []string{
		inner.URL + "/secret",                // loopback, not allowed
		"http://10.0.0.1/",                   // private
		"http://169.254.169.254/latest",      // cloud metadata
		"http://localhost:1/",                // loopback by name
		"ftp://example.com/",                 // another scheme
		"/?to=" + url.QueryEscape(inner.URL), // a second hop, from an allowed server to a refused one
	}})
	if err != nil {
		t.Fatalf("%v\nlogs: %s", err, res.Logs)
	}
	want := []string{
		"fetch to 127.0.0.2 refused: loopback addresses are not allowed",
		"fetch to 10.0.0.1 refused: private addresses are not allowed",
		"fetch to 169.254.169.254 refused: link-local addresses are not allowed",
		"fetch to localhost refused: loopback addresses are not allowed",
		"refused: only http and https URLs are allowed",
		"fetch to 127.0.0.2 refused: loopback addresses are not allowed",
	}
	var got []string
	if err := json.Unmarshal([]byte(res.Response), &got); err != nil || len(got) != len(want) {
		t.Fatalf("response %s: %v", res.Response, err)
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], "TypeError: ") || !strings.Contains(got[i], w) || !strings.HasSuffix(got[i], "(egress policy)") {
			t.Errorf("target %d: %q, want a TypeError with %q", i, got[i], w)
		}
	}
	if n := innerHits.Load(); n != 0 {
		t.Fatalf("the refused server got %d requests", n)
	}
}

// Uncaught, a refusal fails the execution with ErrEgress, also across a worker's pipe; the allow-list
// reaches the worker with the limits.
func TestEgressInPool(t *testing.T) {
	p := newPool(t, 1)
	srv, hits := countingServer(t, "127.0.0.1", nil)
	h := newFakeHost(t)
	code := `(async () => { Lit.Actions.setResponse({ response: await (await fetch(url)).text() }); })();`
	_, err := poolRun(t, p, h, Limits{}, code, map[string]any{"url": srv.URL})
	if !errors.Is(err, ErrEgress) || !strings.Contains(err.Error(), "TypeError: fetch to 127.0.0.1 refused: loopback addresses are not allowed (egress policy)") {
		t.Fatalf("default policy: %v", err)
	}
	if hits.Load() != 0 {
		t.Fatal("the server was reached")
	}
	res, err := poolRun(t, p, h, Limits{Egress: &Egress{Allow: []string{"127.0.0.1"}}}, code, map[string]any{"url": srv.URL})
	if err != nil || res.Response != "secret" || hits.Load() != 1 {
		t.Fatalf("allowed: %v %+v", err, res)
	}
	_, err = poolRun(t, p, h, Limits{Egress: &Egress{Allow: []string{"127.0.0.0/8"}, Deny: []string{"127.0.0.1"}}}, code, map[string]any{"url": srv.URL})
	if !errors.Is(err, ErrEgress) || !strings.Contains(err.Error(), "deny-list") {
		t.Fatalf("deny over allow: %v", err)
	}
	_, err = poolRun(t, p, h, Limits{Egress: &Egress{Allow: []string{"not a host"}}}, code, map[string]any{"url": "https://example.com/"})
	if !errors.Is(err, ErrEgress) {
		t.Fatalf("a bad policy must refuse every fetch: %v", err)
	}
}

func TestFetchByteBudget(t *testing.T) {
	srv := fetchServer(t) // /big is 5000 bytes
	h := newFakeHost(t)
	h.code["QmChild"] = []byte(`(async () => { await fetch(base + "/big"); })();`)
	params := map[string]any{"base": srv.URL}
	lim := Limits{FetchBytes: 12000, Egress: localEgress}

	// Two bodies fit; the third is over the budget. Caught, the Action goes on without fetching more.
	res, err := runWith(t, h, lim, `(async () => {
		await fetch(base + "/big"); await fetch(base + "/big");
		try { await fetch(base + "/big"); } catch (e) { console.log(e.name, e.message); }
		try { await fetch(base + "/json"); } catch (e) { console.log("again:", e.message); }
		Lit.Actions.setResponse({ response: "done" });
	})();`, params)
	if err != nil || res.Response != "done" {
		t.Fatalf("%v %+v", err, res)
	}
	if !strings.Contains(res.Logs, "Error The fetch responses of this execution are larger than the limit of 12000 bytes in total (fetch byte budget).") ||
		!strings.Contains(res.Logs, "again: The fetch responses") {
		t.Fatalf("logs %q", res.Logs)
	}
	// Uncaught, it names the limit.
	_, err = runWith(t, h, lim, `(async () => { for (let i = 0; i < 3; i++) await fetch(base + "/big"); })();`, params)
	if !errors.Is(err, ErrFetchBytes) {
		t.Fatalf("uncaught: %v", err)
	}
	// Child Actions draw on the same budget.
	_, err = runWith(t, h, lim, `(async () => {
		await fetch(base + "/big"); await fetch(base + "/big");
		await Lit.Actions.call({ ipfsId: "QmChild", params: { base } });
	})();`, params)
	if !errors.Is(err, ErrFetchBytes) {
		t.Fatalf("child: %v", err)
	}
	// Concurrent fetches share it too.
	_, err = runWith(t, h, lim, `(async () => { await Promise.all([1, 2, 3].map(() => fetch(base + "/big"))); })();`, params)
	if !errors.Is(err, ErrFetchBytes) {
		t.Fatalf("concurrent: %v", err)
	}
	// The default is generous enough for the other tests, and named.
	if DefaultLimits().FetchBytes != 32<<20 || (Limits{}).withDefaults().FetchBytes != 32<<20 {
		t.Fatal("default fetch byte budget")
	}
}

// Through a proxy the process connects to the proxy only: the target's addresses are checked before the
// request, and the proxy's own address is the operator's choice, not refused.
func TestEgressProxy(t *testing.T) {
	proxy, proxyHits := countingServer(t, "127.0.0.1", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "via proxy to "+r.URL.Host)
	})
	pu, _ := url.Parse(proxy.URL)
	pol := compileEgress(nil)
	lookup := fakeLookup(map[string][]string{"public.example": {"93.184.216.34"}, "internal.example": {"10.0.0.1"}})
	client := newEgressClient(nil, pol, lookup, func(*http.Request) (*url.URL, error) { return pu, nil })
	get := func(raw string) (*fetched, error) {
		u, _ := url.Parse(raw)
		return doFetch(context.Background(), client, http.MethodGet, u, http.Header{}, nil, 1<<20, testBudget())
	}
	res, err := get("http://public.example/")
	if err != nil || string(res.Body) != "via proxy to public.example" {
		t.Fatalf("public through the proxy: %v", err)
	}
	for _, raw := range []string{"http://internal.example/", "http://10.0.0.1/", "http://127.0.0.1:1/"} {
		if _, err := get(raw); !errors.Is(err, ErrEgress) {
			t.Errorf("%s through the proxy: %v", raw, err)
		}
	}
	if n := proxyHits.Load(); n != 1 {
		t.Fatalf("the proxy got %d requests, want 1", n)
	}
}

func TestFetchersPerPolicy(t *testing.T) {
	base := httpClient()
	a, b := fetcherFor(base, &Egress{Allow: []string{"127.0.0.1"}}), fetcherFor(base, &Egress{Allow: []string{"127.0.0.1"}})
	c := fetcherFor(base, nil)
	if a != b {
		t.Error("one policy, two clients: connections are not shared")
	}
	if a == c || a.client == c.client {
		t.Error("two policies share a client: a connection opened under one would serve the other")
	}
}

// FuzzEgressEntry feeds the entry parser and the checks arbitrary text: they must not panic, an accepted
// name matches itself and an accepted address or CIDR contains its own address.
func FuzzEgressEntry(f *testing.F) {
	for _, s := range []string{"10.0.0.0/8", "::1", "[::1]", "::ffff:10.0.0.0/104", "oracle.internal", "*.example.com", "a..b", "2130706433", "fe80::1%eth0", ""} {
		f.Add(s, "oracle.internal")
	}
	f.Add("127.0.0.1", "[::ffff:127.0.0.1]:80")
	f.Fuzz(func(t *testing.T, entry, host string) {
		var r egressRules
		err := r.add(entry)
		if err == nil {
			s := strings.TrimSpace(entry)
			if len(r.nets) == 1 {
				if !r.matchIP(r.nets[0].Addr()) {
					t.Fatalf("%q does not contain its own address %s", entry, r.nets[0].Addr())
				}
			} else if name, wild := strings.CutPrefix(strings.ToLower(strings.TrimSuffix(s, ".")), "*."); !wild && !r.matchName(name) {
				t.Fatalf("%q does not match its own name", entry)
			} else if wild && !r.matchName("x."+name) {
				t.Fatalf("%q does not match a subdomain", entry)
			}
		}
		pol := compileEgress(&Egress{Allow: []string{entry}})
		if (err != nil) != (pol.err != nil) {
			t.Fatalf("compile and add disagree on %q: %v / %v", entry, err, pol.err)
		}
		if pol.err != nil {
			pol = compileEgress(&Egress{Deny: []string{"10.0.0.0/8"}})
		}
		if u, err := url.Parse("http://" + host + "/"); err == nil {
			_ = pol.checkURL(u)
		}
		_ = controlCheck(pol, host, host)
		if ip, err := netip.ParseAddr(host); err == nil {
			_ = addrClass(ip)
			_, _ = embeddedV4(ip.Unmap())
		}
	})
}
