package actions

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Egress is the destination policy of fetch. An Action runs on the node, so without one it could reach
// what only the node reaches: the node's API and peer ports, the chain's JSON-RPC, the cloud's metadata
// service (169.254.169.254) and the operator's private network.
//
// By default fetch refuses every address that is not public unicast: loopback, unspecified, link-local,
// private (RFC 1918), shared (CGNAT, 100.64.0.0/10), unique-local (fc00::/7), multicast and reserved
// ranges, including the IPv6 forms that embed such an IPv4 address (::ffff:127.0.0.1, ::127.0.0.1,
// 64:ff9b::/96, 2002::/16), and the node's own addresses (Self). The address is checked when the socket
// connects, after DNS resolution, so a name that resolves (or rebinds) to a refused address is refused
// too; every redirect is checked the same way.
//
// Entries are CIDRs ("10.1.0.0/16"), addresses ("192.168.1.5", "::1") or host names ("oracle.internal",
// or "*.example.com" for its subdomains). Deny wins over Allow, and Allow over the default refusals: an
// allow entry lifts the refusal of whatever it matches, the node's own addresses included, so keep allow
// entries narrow. A host-name entry in Allow trusts that name's DNS. "0.0.0.0/0" and "::/0" in Allow
// turn the default refusals off.
type Egress struct {
	Allow []string `json:"allow,omitempty"`
	Deny  []string `json:"deny,omitempty"`
	Self  []string `json:"self,omitempty"` // the node's own addresses and host names; the node fills them in
	// Proxy, if set, is an HTTP(S) proxy URL every fetch goes through: this
	// process then connects to the proxy only, and checks the target's
	// addresses before the request. Workers have an empty environment, so
	// HTTP_PROXY and the like never apply.
	Proxy string `json:"proxy,omitempty"`
}

// ErrEgress names a fetch the egress policy refused. The Action sees a TypeError whose message names the
// destination and why, e.g. "fetch to 127.0.0.1 refused: loopback addresses are not allowed (egress policy)".
var ErrEgress = errors.New("fetch egress policy")

// egressError is a refused destination. It is a TypeError to the Action, as a failed fetch is in a browser.
type egressError struct {
	dest string // the host as the Action wrote it, with the address it resolved to when that differs
	why  string
}

func (e *egressError) Error() string {
	return "fetch to " + e.dest + " refused: " + e.why + " (egress policy)"
}

func (e *egressError) Unwrap() []error { return []error{ErrEgress, &typeErr{msg: e.Error()}} }

// The reasons a destination is refused; the Action's error quotes them.
const (
	whyDenied = "the destination is on the deny-list"
	whySelf   = "the node's own addresses are not allowed"
	whyScheme = "only http and https URLs are allowed"
)

// CheckEgressEntry reports whether s is a valid Allow or Deny entry.
func CheckEgressEntry(s string) error {
	var r egressRules
	return r.add(s)
}

// egressRules is one list of a policy, parsed.
type egressRules struct {
	nets     []netip.Prefix
	names    map[string]bool // exact host names, lower case, without a trailing dot
	suffixes []string        // ".example.com" for "*.example.com"
}

// add parses one entry: a CIDR, an address or a host name.
func (r *egressRules) add(entry string) error {
	s := strings.TrimSpace(entry)
	if s == "" {
		return errors.New("empty entry")
	}
	if len(s) > 260 {
		return errors.New("entry longer than a host name can be")
	}
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return fmt.Errorf("not a CIDR: %v", err)
		}
		r.nets = append(r.nets, unmapPrefix(p.Masked()))
		return nil
	}
	if a, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")); err == nil {
		if a.Zone() != "" {
			return errors.New("an address with a zone cannot be matched; drop the %zone")
		}
		a = a.Unmap()
		r.nets = append(r.nets, netip.PrefixFrom(a, a.BitLen()))
		return nil
	}
	name, wild := strings.CutPrefix(strings.ToLower(strings.TrimSuffix(s, ".")), "*.")
	if err := checkHostName(name); err != nil {
		return err
	}
	if wild {
		r.suffixes = append(r.suffixes, "."+name)
		return nil
	}
	if r.names == nil {
		r.names = map[string]bool{}
	}
	r.names[name] = true
	return nil
}

// checkHostName accepts DNS names made of letters, digits, '-' and '_' labels.
func checkHostName(name string) error {
	if name == "" || len(name) > 253 {
		return errors.New("not a CIDR, an IP address or a host name")
	}
	labels := strings.Split(name, ".")
	for _, l := range labels {
		if l == "" || len(l) > 63 {
			return fmt.Errorf("not a CIDR, an IP address or a host name: bad label %q", truncate(l, 20))
		}
		for _, c := range l {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
				return fmt.Errorf("not a CIDR, an IP address or a host name: character %q", c)
			}
		}
	}
	// "2130706433" or "127.1" would be an address to some resolvers but never matches one here.
	if last := labels[len(labels)-1]; strings.Trim(last, "0123456789") == "" {
		return errors.New("a numeric host name: write an IP address in its standard form")
	}
	return nil
}

// unmapPrefix turns ::ffff:10.0.0.0/104 into 10.0.0.0/8, the form addresses are matched in.
func unmapPrefix(p netip.Prefix) netip.Prefix {
	if p.Addr().Is4In6() && p.Bits() >= 96 {
		return netip.PrefixFrom(p.Addr().Unmap(), p.Bits()-96)
	}
	return p
}

func (r *egressRules) matchName(host string) bool {
	if host == "" {
		return false
	}
	if r.names[host] {
		return true
	}
	for _, s := range r.suffixes {
		if strings.HasSuffix(host, s) {
			return true
		}
	}
	return false
}

// matchIP matches ip and, for the IPv6 forms that embed an IPv4 address, that address.
func (r *egressRules) matchIP(ip netip.Addr) bool {
	if !ip.IsValid() {
		return false
	}
	ip = ip.WithZone("").Unmap()
	v4, embeds := embeddedV4(ip)
	for _, p := range r.nets {
		if p.Contains(ip) || embeds && p.Contains(v4) {
			return true
		}
	}
	return false
}

// nonPublic lists the ranges refused by default, by the name an error gives them. Every IPv6 form that
// embeds an IPv4 address is classified by that address (embeddedV4).
var nonPublic = []struct {
	class string
	nets  []netip.Prefix
}{
	{"unspecified", prefixes("0.0.0.0/8", "::/128")}, // on Linux, 0.0.0.0 connects to this host
	{"loopback", prefixes("127.0.0.0/8", "::1/128")},
	{"link-local", prefixes("169.254.0.0/16", "fe80::/10")}, // the cloud metadata services' 169.254.169.254
	{"private", prefixes("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")},
	{"shared (CGNAT)", prefixes("100.64.0.0/10")},
	{"unique-local", prefixes("fc00::/7")}, // AWS's IPv6 metadata service, fd00:ec2::254
	{"multicast", prefixes("224.0.0.0/4", "ff00::/8")},
	// Not routed on the Internet: IETF protocol assignments, documentation, benchmarking, the old
	// class E and broadcast, IPv6 site-local, discard-only and documentation.
	{"reserved", prefixes("192.0.0.0/24", "192.0.2.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "240.0.0.0/4",
		"fec0::/10", "100::/64", "2001:db8::/32")},
}

func prefixes(ss ...string) []netip.Prefix {
	out := make([]netip.Prefix, len(ss))
	for i, s := range ss {
		out[i] = netip.MustParsePrefix(s)
	}
	return out
}

// Prefixes of IPv6 addresses that carry an IPv4 address which a host, a NAT64 gateway or a 6to4 relay
// may end up connecting to.
var (
	compatV4  = netip.MustParsePrefix("::/96")           // IPv4-compatible, ::a.b.c.d (deprecated)
	siitV4    = netip.MustParsePrefix("::ffff:0:0:0/96") // IPv4-translated (SIIT)
	nat64V4   = netip.MustParsePrefix("64:ff9b::/96")    // NAT64 well-known prefix
	nat64Loc  = netip.MustParsePrefix("64:ff9b:1::/48")  // NAT64 local-use prefix: the address is the last 32 bits
	sixToFour = netip.MustParsePrefix("2002::/16")       // 6to4: the address is bits 16–47
)

// embeddedV4 returns the IPv4 address an IPv6 address embeds, if it is of such a form. ip is unmapped.
func embeddedV4(ip netip.Addr) (netip.Addr, bool) {
	if !ip.Is6() {
		return netip.Addr{}, false
	}
	b := ip.As16()
	switch {
	case compatV4.Contains(ip):
		v4 := netip.AddrFrom4([4]byte(b[12:16]))
		if v4.As4() == [4]byte{} || v4.As4() == [4]byte{0, 0, 0, 1} {
			return netip.Addr{}, false // :: and ::1 are IPv6's own
		}
		return v4, true
	case siitV4.Contains(ip), nat64V4.Contains(ip), nat64Loc.Contains(ip):
		return netip.AddrFrom4([4]byte(b[12:16])), true
	case sixToFour.Contains(ip):
		return netip.AddrFrom4([4]byte(b[2:6])), true
	}
	return netip.Addr{}, false
}

// addrClass names the range of an address that is not public unicast, or returns "" for a public one.
func addrClass(ip netip.Addr) string {
	if !ip.IsValid() {
		return "invalid"
	}
	ip = ip.WithZone("").Unmap()
	if v4, ok := embeddedV4(ip); ok {
		ip = v4
	}
	for _, c := range nonPublic {
		for _, p := range c.nets {
			if p.Contains(ip) {
				return c.class
			}
		}
	}
	return ""
}

// egressPolicy is an Egress, parsed.
type egressPolicy struct {
	allow, deny, self egressRules
	err               error // a bad entry: every fetch is refused rather than run under a policy other than the node's
}

func compileEgress(e *Egress) *egressPolicy {
	p := &egressPolicy{}
	if e == nil {
		return p
	}
	for _, l := range []struct {
		name    string
		entries []string
		rules   *egressRules
	}{{"allow", e.Allow, &p.allow}, {"deny", e.Deny, &p.deny}, {"self", e.Self, &p.self}} {
		for i, s := range l.entries {
			if err := l.rules.add(s); err != nil {
				p.err = fmt.Errorf("%w: %s[%d] %q: %v", ErrEgress, l.name, i, truncate(s, 80), err)
				return p
			}
		}
	}
	return p
}

// normalHost is a URL's host as the rules match it: lower case, no brackets, no trailing dot.
func normalHost(host string) string {
	return strings.TrimSuffix(strings.ToLower(host), ".")
}

// checkURL checks a URL before any connection: its scheme, and its host when the host is an address or a
// name the rules know. Other names are checked when they are resolved, by the dialer.
func (p *egressPolicy) checkURL(u *url.URL) error {
	if p.err != nil {
		return p.err
	}
	host := normalHost(u.Hostname())
	if u.Scheme != "http" && u.Scheme != "https" {
		return &egressError{dest: truncate(u.Redacted(), 200), why: whyScheme}
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		return p.checkAddr(host, ip)
	}
	switch {
	case p.deny.matchName(host):
		return &egressError{dest: host, why: whyDenied}
	case p.allow.matchName(host):
		return nil
	case p.self.matchName(host):
		return &egressError{dest: host, why: whySelf}
	case host == "localhost" || strings.HasSuffix(host, ".localhost"):
		// RFC 6761: these names are this host, whatever a resolver says.
		return &egressError{dest: host, why: "loopback addresses are not allowed"}
	}
	return nil
}

// checkAddr decides on a connection to ip, reached by the name host (equal to ip's text for a literal).
func (p *egressPolicy) checkAddr(host string, ip netip.Addr) error {
	if p.err != nil {
		return p.err
	}
	ip = ip.WithZone("")
	dest := host // an address as the Action wrote it
	if _, err := netip.ParseAddr(host); err != nil {
		dest = ip.Unmap().String()
		if host != "" {
			dest = host + " (" + dest + ")"
		}
	}
	switch {
	case p.deny.matchName(host) || p.deny.matchIP(ip):
		return &egressError{dest: dest, why: whyDenied}
	case p.allow.matchName(host) || p.allow.matchIP(ip):
		return nil
	}
	// The range first: "loopback" says more than "the node's own" about 127.0.0.1.
	if c := addrClass(ip); c != "" {
		return &egressError{dest: dest, why: c + " addresses are not allowed"}
	}
	if p.self.matchName(host) || p.self.matchIP(ip) {
		return &egressError{dest: dest, why: whySelf}
	}
	return nil
}

// checkResolved resolves host and checks every address, for a request sent through a proxy: this process
// then connects to the proxy only, so the check happens here, before the request, and the proxy resolves
// the name again (a proxy should enforce its own rules as well).
func (p *egressPolicy) checkResolved(ctx context.Context, lookup lookupFunc, host string) error {
	host = normalHost(host)
	if ip, err := netip.ParseAddr(host); err == nil {
		return p.checkAddr(host, ip)
	}
	ips, err := lookup(ctx, host)
	if err != nil {
		return err
	}
	for _, ip := range ips {
		if err := p.checkAddr(host, ip); err != nil {
			return err
		}
	}
	return nil
}

// checkRedirect is the client's CheckRedirect: every hop is checked as the first request was.
func (p *egressPolicy) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	return p.checkURL(req.URL)
}

const maxRedirects = 10 // as net/http's default

type lookupFunc func(ctx context.Context, host string) ([]netip.Addr, error)

func defaultLookup(ctx context.Context, host string) ([]netip.Addr, error) {
	return net.DefaultResolver.LookupNetIP(ctx, "ip", host)
}

// fetcher is the policy and HTTP client that one execution's fetches use.
type fetcher struct {
	pol    *egressPolicy
	client *http.Client
}

// fetchers keeps one fetcher per policy, so that executions under one policy share connections and
// executions under different ones never share a connection that only one of them could open.
var fetchers struct {
	sync.Mutex
	m map[string]*fetcher
}

// maxFetchers bounds the cache; a node has a single policy, tests a few.
const maxFetchers = 32

// fetcherFor returns the fetcher of the policy e, over the transport settings of base.
func fetcherFor(base *http.Client, e *Egress) *fetcher {
	raw, _ := json.Marshal(e)
	key := fmt.Sprintf("%p %s", base, raw)
	fetchers.Lock()
	defer fetchers.Unlock()
	if f := fetchers.m[key]; f != nil {
		return f
	}
	if fetchers.m == nil || len(fetchers.m) >= maxFetchers {
		for _, f := range fetchers.m {
			f.client.CloseIdleConnections()
		}
		fetchers.m = map[string]*fetcher{}
	}
	pol := compileEgress(e)
	var proxy func(*http.Request) (*url.URL, error)
	if e != nil && e.Proxy != "" {
		if u, err := url.Parse(e.Proxy); err == nil {
			proxy = http.ProxyURL(u)
		} else if pol.err == nil {
			pol.err = fmt.Errorf("%w: proxy %q: %v", ErrEgress, truncate(e.Proxy, 80), err)
		}
	}
	f := &fetcher{pol: pol, client: newEgressClient(base, pol, nil, proxy)}
	fetchers.m[key] = f
	return f
}

// newEgressClient builds a client whose every connection is checked by pol. lookup, if set, replaces DNS
// (for tests); proxy chooses a proxy for a request, as http.Transport.Proxy.
func newEgressClient(base *http.Client, pol *egressPolicy, lookup lookupFunc, proxy func(*http.Request) (*url.URL, error)) *http.Client {
	var bt *http.Transport
	if base != nil {
		bt, _ = base.Transport.(*http.Transport)
	}
	if bt == nil {
		bt = http.DefaultTransport.(*http.Transport)
	}
	direct := bt.Clone()
	direct.Proxy = nil
	direct.DialContext = checkedDial(pol, lookup)
	direct.DialTLSContext = nil
	var proxied *http.Transport
	if proxy != nil {
		proxied = bt.Clone()
		proxied.Proxy = func(req *http.Request) (*url.URL, error) {
			// RoundTrip sends here only the requests the proxy takes; never dial a target unchecked.
			pu, err := proxy(req)
			if err == nil && pu == nil {
				err = errors.New("fetch: no proxy for a proxied request")
			}
			return pu, err
		}
	}
	rt := &egressTransport{pol: pol, lookup: lookup, proxy: proxy, direct: direct, proxied: proxied}
	if rt.lookup == nil {
		rt.lookup = defaultLookup
	}
	c := &http.Client{Transport: rt, CheckRedirect: pol.checkRedirect}
	if base != nil {
		c.Timeout = base.Timeout
	}
	return c
}

// egressTransport sends a request directly, over connections the dial check admits, or through the proxy
// the policy names, after checking the target's addresses. The proxied transport dials only
// proxies: the operator's choice, which an Action cannot reach by itself.
type egressTransport struct {
	pol     *egressPolicy
	lookup  lookupFunc
	proxy   func(*http.Request) (*url.URL, error)
	direct  *http.Transport
	proxied *http.Transport
}

func (t *egressTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	// fetch checked the URL already; a RoundTripper used otherwise must not skip the check.
	if err := t.pol.checkURL(req.URL); err != nil {
		closeBody(req)
		return nil, err
	}
	if t.proxy != nil {
		pu, err := t.proxy(req)
		if err != nil {
			closeBody(req)
			return nil, err
		}
		if pu != nil {
			if err := t.pol.checkResolved(req.Context(), t.lookup, req.URL.Hostname()); err != nil {
				closeBody(req)
				return nil, err
			}
			return t.proxied.RoundTrip(req)
		}
	}
	return t.direct.RoundTrip(req)
}

func (t *egressTransport) CloseIdleConnections() {
	t.direct.CloseIdleConnections()
	if t.proxied != nil {
		t.proxied.CloseIdleConnections()
	}
}

func closeBody(req *http.Request) {
	if req.Body != nil {
		req.Body.Close()
	}
}

// checkedDial dials through a net.Dialer whose Control hook checks every address it is about to connect
// to: after DNS resolution, before connect(2), so no packet reaches a refused address, and a name that
// resolves or rebinds to one gains nothing.
func checkedDial(pol *egressPolicy, lookup lookupFunc) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		host = normalHost(host)
		d := &net.Dialer{
			Timeout:   30 * time.Second,
			KeepAlive: 30 * time.Second,
			ControlContext: func(_ context.Context, _, address string, _ syscall.RawConn) error {
				return controlCheck(pol, host, address)
			},
		}
		if lookup == nil {
			return d.DialContext(ctx, network, addr)
		}
		if _, err := netip.ParseAddr(host); err == nil {
			return d.DialContext(ctx, network, addr)
		}
		ips, err := lookup(ctx, host)
		if err != nil {
			return nil, &net.OpError{Op: "dial", Net: network, Err: err}
		}
		var first error
		for _, ip := range ips {
			c, err := d.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
			if err == nil {
				return c, nil
			}
			if first == nil {
				first = err
			}
		}
		if first == nil {
			first = &net.OpError{Op: "dial", Net: network, Err: errors.New("no addresses")}
		}
		return nil, first
	}
}

// controlCheck is the dial-time check of one address, "ip:port", that host resolved to.
func controlCheck(pol *egressPolicy, host, address string) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return &egressError{dest: truncate(address, 80), why: "the address cannot be checked"}
	}
	return pol.checkAddr(host, ap.Addr())
}
