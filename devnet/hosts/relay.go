package hosts

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"net/url"
	"sync"
)

// relay forwards TCP connections from the switch's side of the host (the
// gateway address) to the dev chain, which serves on loopback only, so
// that nodes in other namespaces reach it: their chain traffic crosses the
// switch like any other.
type relay struct {
	ln    net.Listener
	to    string
	mu    sync.Mutex
	conns map[net.Conn]struct{}
	wg    sync.WaitGroup
}

// startRelay listens on at (port 0: any) and forwards to the host:port of
// the chain URL; it returns the URL the nodes use.
func startRelay(at netip.Addr, chainURL string) (*relay, string, error) {
	u, err := url.Parse(chainURL)
	if err != nil || u.Host == "" {
		return nil, "", fmt.Errorf("hosts: chain URL %q: %v", chainURL, err)
	}
	ln, err := net.Listen("tcp", netip.AddrPortFrom(at, 0).String())
	if err != nil {
		return nil, "", fmt.Errorf("hosts: chain relay: %w", err)
	}
	r := &relay{ln: ln, to: u.Host, conns: map[net.Conn]struct{}{}}
	r.wg.Add(1)
	go r.serve()
	v := *u
	v.Host = ln.Addr().String()
	return r, v.String(), nil
}

func (r *relay) serve() {
	defer r.wg.Done()
	for {
		c, err := r.ln.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		r.wg.Add(1)
		go func() { defer r.wg.Done(); r.pipe(c) }()
	}
}

func (r *relay) track(c net.Conn, on bool) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.conns == nil {
		return false // closed
	}
	if on {
		r.conns[c] = struct{}{}
	} else {
		delete(r.conns, c)
	}
	return true
}

func (r *relay) pipe(c net.Conn) {
	defer c.Close()
	d, err := net.Dial("tcp", r.to)
	if err != nil {
		return
	}
	defer d.Close()
	if !r.track(c, true) || !r.track(d, true) {
		return
	}
	defer r.track(c, false)
	defer r.track(d, false)
	done := make(chan struct{}, 2)
	go func() { io.Copy(d, c); d.(*net.TCPConn).CloseWrite(); done <- struct{}{} }()
	go func() { io.Copy(c, d); c.(*net.TCPConn).CloseWrite(); done <- struct{}{} }()
	<-done
	<-done
}

func (r *relay) close() {
	r.ln.Close()
	r.mu.Lock()
	for c := range r.conns {
		c.Close()
	}
	r.conns = nil
	r.mu.Unlock()
	r.wg.Wait()
}
