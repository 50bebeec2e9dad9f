package auth

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Message is a parsed Sign-In with Ethereum (EIP-4361) message:
//
//	${scheme}://${domain} wants you to sign in with your Ethereum account:
//	${address}
//
//	${statement}
//
//	URI: ${uri}
//	Version: 1
//	Chain ID: ${chain-id}
//	Nonce: ${nonce}
//	Issued At: ${issued-at}
//	Expiration Time: ${expiration-time}
//	Not Before: ${not-before}
//	Request ID: ${request-id}
//	Resources:
//	- ${resources[0]}
//	…
//
// The scheme, statement and the lines after Issued At are optional. A
// signature is always checked against the exact text that was signed, never
// against String's rendering.
type Message struct {
	Scheme         string // optional, e.g. "https"
	Domain         string // RFC 3986 authority
	Address        common.Address
	Statement      string // "" when absent
	URI            string
	Version        string // always "1"
	ChainID        uint64
	Nonce          string
	IssuedAt       time.Time
	ExpirationTime time.Time // zero when absent
	NotBefore      time.Time // zero when absent
	RequestID      string    // "" when absent
	Resources      []string

	// The times as the message wrote them, kept by ParseMessage so that a
	// message rebuilt from this one (the PKP session message the nodes
	// sign) carries the client's text, not a re-rendering of it.
	rawExpiration, rawNotBefore string
}

const siweHeaderSuffix = " wants you to sign in with your Ethereum account:"

// ParseMessage parses a SIWE message, checking it against EIP-4361's ABNF:
// field order, an EIP-55 checksummed address, RFC 3986 domain, URI and
// resources, an RFC 3339 timestamp for each time, a nonce of at least eight
// alphanumerics, and no trailing newline. Every error wraps ErrMalformed.
func ParseMessage(s string) (*Message, error) {
	lines := strings.Split(s, "\n")
	p := &lineParser{lines: lines}
	m := &Message{}

	header := p.next()
	prefix, ok := strings.CutSuffix(header, siweHeaderSuffix)
	if !ok {
		return nil, malformed("SIWE header line %q", clip(header))
	}
	if scheme, rest, found := strings.Cut(prefix, "://"); found {
		if !validScheme(scheme) {
			return nil, malformed("SIWE scheme %q", clip(scheme))
		}
		m.Scheme, prefix = scheme, rest
	}
	if prefix == "" || !validAuthority(prefix) {
		return nil, malformed("SIWE domain %q is not an RFC 3986 authority", clip(prefix))
	}
	m.Domain = prefix

	addr, err := parseChecksummedAddress(p.next())
	if err != nil {
		return nil, err
	}
	m.Address = addr

	if p.next() != "" {
		return nil, malformed("SIWE: missing blank line after the address")
	}
	// Either a statement line and a blank line, or (no statement) one blank
	// line, before "URI: ". Three blank lines mean an empty statement.
	switch st := p.next(); {
	case st != "":
		if !validStatement(st) {
			return nil, malformed("SIWE statement has characters outside RFC 3986 reserved/unreserved/space")
		}
		m.Statement = st
		if p.next() != "" {
			return nil, malformed("SIWE: missing blank line after the statement")
		}
	case p.peek() == "":
		p.next()
	}

	if m.URI, err = p.field("URI: "); err != nil {
		return nil, err
	}
	if !validURI(m.URI) {
		return nil, malformed("SIWE URI %q is not an RFC 3986 URI", clip(m.URI))
	}
	if m.Version, err = p.field("Version: "); err != nil {
		return nil, err
	}
	if m.Version != "1" {
		return nil, malformed("SIWE version %q, want 1", clip(m.Version))
	}
	chain, err := p.field("Chain ID: ")
	if err != nil {
		return nil, err
	}
	if chain == "" || !validChars(chain, false, isDigit) {
		return nil, malformed("SIWE chain ID %q", clip(chain))
	}
	if m.ChainID, err = strconv.ParseUint(chain, 10, 64); err != nil {
		return nil, malformed("SIWE chain ID %q out of range", clip(chain))
	}
	if m.Nonce, err = p.field("Nonce: "); err != nil {
		return nil, err
	}
	if len(m.Nonce) < 8 || !validChars(m.Nonce, false, func(c byte) bool { return isAlpha(c) || isDigit(c) }) {
		return nil, malformed("SIWE nonce %q: want at least 8 letters and digits", clip(m.Nonce))
	}
	issued, err := p.field("Issued At: ")
	if err != nil {
		return nil, err
	}
	if m.IssuedAt, err = parseDateTime("Issued At", issued); err != nil {
		return nil, err
	}
	if v, ok := p.optional("Expiration Time: "); ok {
		m.rawExpiration = v
		if m.ExpirationTime, err = parseDateTime("Expiration Time", v); err != nil {
			return nil, err
		}
	}
	if v, ok := p.optional("Not Before: "); ok {
		m.rawNotBefore = v
		if m.NotBefore, err = parseDateTime("Not Before", v); err != nil {
			return nil, err
		}
	}
	if v, ok := p.optional("Request ID: "); ok {
		if !validChars(v, true, isPchar) {
			return nil, malformed("SIWE request ID %q", clip(v))
		}
		m.RequestID = v
	}
	if p.peek() == "Resources:" {
		p.next()
		for p.more() {
			r, ok := strings.CutPrefix(p.next(), "- ")
			if !ok || !validURI(r) {
				return nil, malformed("SIWE resource line %d %q is not \"- \" and an RFC 3986 URI", p.i, clip(r))
			}
			m.Resources = append(m.Resources, r)
		}
	}
	if p.more() {
		return nil, malformed("SIWE: unexpected line %d %q", p.i+1, clip(p.peek()))
	}
	return m, nil
}

// String renders m in EIP-4361 form.
func (m *Message) String() string {
	var b strings.Builder
	if m.Scheme != "" {
		b.WriteString(m.Scheme + "://")
	}
	b.WriteString(m.Domain + siweHeaderSuffix + "\n")
	b.WriteString(m.Address.Hex() + "\n\n")
	if m.Statement != "" {
		b.WriteString(m.Statement + "\n")
	}
	b.WriteString("\n")
	fmt.Fprintf(&b, "URI: %s\nVersion: %s\nChain ID: %d\nNonce: %s\nIssued At: %s",
		m.URI, m.Version, m.ChainID, m.Nonce, isoTime(m.IssuedAt))
	if !m.ExpirationTime.IsZero() {
		b.WriteString("\nExpiration Time: " + isoTime(m.ExpirationTime))
	}
	if !m.NotBefore.IsZero() {
		b.WriteString("\nNot Before: " + isoTime(m.NotBefore))
	}
	if m.RequestID != "" {
		b.WriteString("\nRequest ID: " + m.RequestID)
	}
	if len(m.Resources) > 0 {
		b.WriteString("\nResources:")
		for _, r := range m.Resources {
			b.WriteString("\n- " + r)
		}
	}
	return b.String()
}

// isoTime writes t in UTC with milliseconds, like JavaScript's toISOString,
// or with the digits needed if t is finer than a millisecond.
func isoTime(t time.Time) string {
	t = t.UTC()
	if t.Nanosecond()%int(time.Millisecond) != 0 {
		return t.Format(time.RFC3339Nano)
	}
	return t.Format("2006-01-02T15:04:05.000Z07:00")
}

// lineParser walks the lines of a message.
type lineParser struct {
	lines []string
	i     int
}

func (p *lineParser) more() bool { return p.i < len(p.lines) }

func (p *lineParser) peek() string {
	if p.i < len(p.lines) {
		return p.lines[p.i]
	}
	return "\x00" // matches no expected line
}

func (p *lineParser) next() string {
	s := p.peek()
	p.i++
	return s
}

func (p *lineParser) field(prefix string) (string, error) {
	v, ok := strings.CutPrefix(p.peek(), prefix)
	if !ok {
		return "", malformed("SIWE: line %d is not %q…", p.i+1, prefix)
	}
	p.i++
	return v, nil
}

func (p *lineParser) optional(prefix string) (string, bool) {
	v, ok := strings.CutPrefix(p.peek(), prefix)
	if ok {
		p.i++
	}
	return v, ok
}

func validStatement(s string) bool {
	return validChars(s, false, func(c byte) bool {
		return isUnreserved(c) || isGenDelim(c) || isSubDelim(c) || c == ' '
	})
}

// parseDateTime accepts RFC 3339 date-time (ISO 8601 profile), as EIP-4361
// requires.
func parseDateTime(field, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, malformed("SIWE %s %q is not an RFC 3339 date-time", field, clip(s))
	}
	return t, nil
}

// parseChecksummedAddress accepts "0x" and 40 hex digits in EIP-55 mixed case.
func parseChecksummedAddress(s string) (common.Address, error) {
	if len(s) != 42 || !strings.HasPrefix(s, "0x") || !validChars(s[2:], false, isHex) {
		return common.Address{}, malformed("SIWE address %q is not 0x and 40 hex digits", clip(s))
	}
	a := common.HexToAddress(s)
	if a.Hex() != s {
		return common.Address{}, malformed("SIWE address %q is not EIP-55 checksummed", s)
	}
	return a, nil
}

// parseAddress accepts "0x" and 40 hex digits in any case.
func parseAddress(s string) (common.Address, error) {
	if len(s) != 42 || !strings.HasPrefix(s, "0x") && !strings.HasPrefix(s, "0X") || !validChars(s[2:], false, isHex) {
		return common.Address{}, malformed("address %q is not 0x and 40 hex digits", clip(s))
	}
	return common.HexToAddress(s), nil
}

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrMalformed}, args...)...)
}

// clip shortens untrusted text quoted in an error.
func clip(s string) string {
	const max = 80
	if len(s) > max {
		return s[:max] + "…"
	}
	return s
}
