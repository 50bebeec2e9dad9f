package node

import (
	"net"
	"net/netip"
	"sync"
)

// ipLimiter caps the client requests in flight per client address
// (api.maxInFlightPerIP). It runs before a request's body is read, so one
// address cannot hold more than its share of the node's goroutines, memory
// and pre-authentication work (chain reads, signature checks), whatever it
// sends. IPv6 clients are counted per /64, the block one host usually has.
type ipLimiter struct {
	max int

	mu sync.Mutex
	n  map[netip.Addr]int // only addresses with requests in flight
}

func newIPLimiter(max int) *ipLimiter {
	return &ipLimiter{max: max, n: map[netip.Addr]int{}}
}

// acquire counts a request from remote (an http.Request's RemoteAddr) and
// returns the function that ends it, or false if the address is at the cap.
func (l *ipLimiter) acquire(remote string) (release func(), ok bool) {
	key := clientKey(remote)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.n[key] >= l.max {
		return nil, false
	}
	l.n[key]++
	var once sync.Once
	return func() {
		once.Do(func() {
			l.mu.Lock()
			defer l.mu.Unlock()
			if l.n[key]--; l.n[key] <= 0 {
				delete(l.n, key)
			}
		})
	}, true
}

// clientKey is what the cap counts a remote address under: the IPv4
// address, or the /64 of an IPv6 one. An address that does not parse
// (never from net/http's server) counts under the zero Addr.
func clientKey(remote string) netip.Addr {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is6() {
		p, _ := ip.Prefix(64)
		return p.Addr()
	}
	return ip
}
