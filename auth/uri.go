package auth

import (
	"net/netip"
	"strings"
)

// RFC 3986 syntax checks for the fields of a SIWE message. net/url is
// deliberately lenient; these follow the RFC's grammar exactly.

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isHex(c byte) bool   { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func isUnreserved(c byte) bool {
	return isAlpha(c) || isDigit(c) || c == '-' || c == '.' || c == '_' || c == '~'
}

func isSubDelim(c byte) bool { return strings.IndexByte("!$&'()*+,;=", c) >= 0 }
func isGenDelim(c byte) bool { return strings.IndexByte(":/?#[]@", c) >= 0 }

// validChars reports whether s consists of characters accepted by ok and
// well-formed percent-encodings (if pct).
func validChars(s string, pct bool, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case ok(c):
		case pct && c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			i += 2
		default:
			return false
		}
	}
	return true
}

func isPchar(c byte) bool { return isUnreserved(c) || isSubDelim(c) || c == ':' || c == '@' }

// validScheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
func validScheme(s string) bool {
	if s == "" || !isAlpha(s[0]) {
		return false
	}
	return validChars(s, false, func(c byte) bool { return isAlpha(c) || isDigit(c) || c == '+' || c == '-' || c == '.' })
}

// validURI: scheme ":" hier-part [ "?" query ] [ "#" fragment ].
func validURI(s string) bool {
	colon := strings.IndexByte(s, ':')
	if colon < 0 || !validScheme(s[:colon]) {
		return false
	}
	rest := s[colon+1:]
	if i := strings.IndexByte(rest, '#'); i >= 0 {
		if !validChars(rest[i+1:], true, func(c byte) bool { return isPchar(c) || c == '/' || c == '?' }) {
			return false
		}
		rest = rest[:i]
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		if !validChars(rest[i+1:], true, func(c byte) bool { return isPchar(c) || c == '/' || c == '?' }) {
			return false
		}
		rest = rest[:i]
	}
	if strings.HasPrefix(rest, "//") {
		rest = rest[2:]
		end := strings.IndexByte(rest, '/')
		if end < 0 {
			end = len(rest)
		}
		if !validAuthority(rest[:end]) {
			return false
		}
		rest = rest[end:]
	}
	// What remains is path-abempty, path-absolute, path-rootless or
	// path-empty; with "//" handled above they share one character set.
	return validChars(rest, true, func(c byte) bool { return isPchar(c) || c == '/' })
}

// validAuthority: [ userinfo "@" ] host [ ":" port ].
func validAuthority(s string) bool {
	if i := strings.IndexByte(s, '@'); i >= 0 {
		if !validChars(s[:i], true, func(c byte) bool { return isUnreserved(c) || isSubDelim(c) || c == ':' }) {
			return false
		}
		s = s[i+1:]
	}
	var host, port string
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return false
		}
		host, s = s[:end+1], s[end+1:]
		if s != "" {
			if s[0] != ':' {
				return false
			}
			port = s[1:]
		}
		if !validIPLiteral(host[1 : len(host)-1]) {
			return false
		}
	} else {
		host = s
		if i := strings.IndexByte(s, ':'); i >= 0 {
			host, port = s[:i], s[i+1:]
		}
		// reg-name; IPv4address is a subset of it.
		if !validChars(host, true, func(c byte) bool { return isUnreserved(c) || isSubDelim(c) }) {
			return false
		}
	}
	return validChars(port, false, isDigit)
}

// validIPLiteral: IPv6address / IPvFuture (the text between the brackets).
func validIPLiteral(s string) bool {
	if len(s) > 1 && (s[0] == 'v' || s[0] == 'V') {
		dot := strings.IndexByte(s, '.')
		return dot > 1 && validChars(s[1:dot], false, isHex) && dot+1 < len(s) &&
			validChars(s[dot+1:], false, func(c byte) bool { return isUnreserved(c) || isSubDelim(c) || c == ':' })
	}
	if strings.IndexByte(s, '%') >= 0 {
		return false // zone identifiers are not part of RFC 3986's IPv6address
	}
	a, err := netip.ParseAddr(s)
	return err == nil && a.Is6()
}
