package peer

import "strings"

const (
	maxKind    = 32
	kindPrefix = "/peer/v1/"
	pingPath   = "/peer/ping"
)

// validKind reports whether k is a message kind: [a-z0-9-]{1,32}.
func validKind(k string) bool {
	if len(k) == 0 || len(k) > maxKind {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return true
}

// parsePath splits a request path into the message kind. routed reports
// whether the path is under /peer/v1/ at all, so the server can tell a bad
// kind (400) from an unknown path (404).
func parsePath(path string) (kind string, routed, ok bool) {
	rest, found := strings.CutPrefix(path, kindPrefix)
	if !found {
		return "", false, false
	}
	if !validKind(rest) {
		return "", true, false
	}
	return rest, true, true
}
