package explorer

import (
	"encoding/json"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// apiError is the body of every refusal the explorer gives: a stable code and plain words.
type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(apiError{Code: code, Message: msg})
}

// contentSecurityPolicy lets the page load only the explorer's own scripts, styles and data: an
// injected script or a stray <img src> to another host does nothing.
const contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// guard wraps h with what every request of a listener on addr passes through:
//
//   - Bound to loopback, the explorer answers only Host names of loopback. A page on another site
//     that rebinds its own name to 127.0.0.1 (DNS rebinding) is then same-origin with itself, not
//     with the explorer, and gets ExplorerHostRefused.
//   - A request that may change state (any method but GET, HEAD and OPTIONS) from another origin is
//     refused with ExplorerCrossOrigin: the browser says where it comes from in Sec-Fetch-Site or,
//     older ones, in Origin (net/http's CrossOriginProtection). Requests with neither header do
//     not come from a browser page and pass: CSRF is a browser's confusion, not an access control.
//   - Every answer carries a Content-Security-Policy and refuses to be framed.
func guard(addr string, h http.Handler) http.Handler {
	loopback := isLoopbackAddr(addr)
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusForbidden, "ExplorerCrossOrigin", "the explorer refuses requests that change state from another origin")
	}))
	inner := cop.Handler(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", contentSecurityPolicy)
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Cross-Origin-Opener-Policy", "same-origin")
		hd.Set("Cross-Origin-Resource-Policy", "same-origin")
		if loopback && !isLoopbackHost(r.Host) {
			writeError(w, http.StatusMisdirectedRequest, "ExplorerHostRefused",
				"the explorer listens on loopback and answers only for localhost or a loopback IP, not for Host "+clip(r.Host, 64))
			return
		}
		inner.ServeHTTP(w, r)
	})
}

// isLoopbackAddr reports whether a listener on addr (host:port) is reachable only from this machine.
func isLoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	return isLoopbackName(host)
}

// isLoopbackHost reports whether a Host header (host or host:port) names this machine's loopback.
func isLoopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	return isLoopbackName(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
}

func isLoopbackName(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

// IsLoopback reports whether addr (host:port) is a loopback listening address, which the
// explorer's commands warn about leaving.
func IsLoopback(addr string) bool { return isLoopbackAddr(addr) }

func clip(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
