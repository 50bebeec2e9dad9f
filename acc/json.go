package acc

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The condition hash is sha256 of the bytes JavaScript's JSON.stringify writes for the canonical form, so
// this file reads JSON the way JSON.parse does and writes it the way JSON.stringify does: numbers are
// IEEE doubles printed with JavaScript's Number-to-string rules, strings escape only what
// JSON.stringify escapes, objects keep their keys in JavaScript's property order (integer-like keys
// ascending first, then the others in first-insertion order; a repeated key keeps its first place and
// its last value). encoding/json differs on all of these, hence a parser of our own.

// jkind is a JSON value's type.
type jkind uint8

const (
	jnull jkind = iota
	jbool
	jnum
	jstr
	jarr
	jobj
)

// jvalue is a parsed JSON value.
type jvalue struct {
	kind jkind
	b    bool
	num  float64
	str  string
	arr  []*jvalue
	obj  []jmember // in JavaScript property order once parsed
}

type jmember struct {
	key string
	val *jvalue
}

// get returns the member named key, or nil.
func (v *jvalue) get(key string) *jvalue {
	for _, m := range v.obj {
		if m.key == key {
			return m.val
		}
	}
	return nil
}

// has reports whether an object has the key (JavaScript's `key in obj`).
func (v *jvalue) has(key string) bool { return v.get(key) != nil }

func (k jkind) String() string {
	return [...]string{"null", "boolean", "number", "string", "array", "object"}[k]
}

// maxJSONDepth bounds the nesting of arrays and objects anywhere in the input (groups are bounded
// separately, and more tightly, by MaxGroupDepth).
const maxJSONDepth = 32

type jparser struct {
	s   string
	pos int
}

// parseJSON parses one JSON value that fills s (surrounding whitespace allowed).
func parseJSON(s string) (*jvalue, error) {
	p := &jparser{s: s}
	v, err := p.value(0)
	if err != nil {
		return nil, err
	}
	p.ws()
	if p.pos != len(p.s) {
		return nil, p.errf("unexpected data after the JSON value")
	}
	return v, nil
}

func (p *jparser) errf(format string, args ...any) error {
	return fmt.Errorf("%w: at byte %d: %s", ErrInvalidJSON, p.pos, fmt.Sprintf(format, args...))
}

func (p *jparser) ws() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\n', '\r':
			p.pos++
		default:
			return
		}
	}
}

func (p *jparser) value(depth int) (*jvalue, error) {
	p.ws()
	if p.pos >= len(p.s) {
		return nil, p.errf("unexpected end of input")
	}
	switch c := p.s[p.pos]; {
	case c == '{' || c == '[':
		if depth >= maxJSONDepth {
			return nil, fmt.Errorf("%w: JSON nested deeper than maxJSONDepth = %d levels", ErrTooDeep, maxJSONDepth)
		}
		if c == '[' {
			return p.array(depth + 1)
		}
		return p.object(depth + 1)
	case c == '"':
		s, err := p.string()
		if err != nil {
			return nil, err
		}
		return &jvalue{kind: jstr, str: s}, nil
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case strings.HasPrefix(p.s[p.pos:], "true"):
		p.pos += 4
		return &jvalue{kind: jbool, b: true}, nil
	case strings.HasPrefix(p.s[p.pos:], "false"):
		p.pos += 5
		return &jvalue{kind: jbool}, nil
	case strings.HasPrefix(p.s[p.pos:], "null"):
		p.pos += 4
		return &jvalue{kind: jnull}, nil
	}
	return nil, p.errf("unexpected character %q", p.s[p.pos])
}

func (p *jparser) array(depth int) (*jvalue, error) {
	p.pos++ // [
	v := &jvalue{kind: jarr, arr: []*jvalue{}}
	p.ws()
	if p.pos < len(p.s) && p.s[p.pos] == ']' {
		p.pos++
		return v, nil
	}
	for {
		e, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		v.arr = append(v.arr, e)
		p.ws()
		if p.pos >= len(p.s) {
			return nil, p.errf("unterminated array")
		}
		switch p.s[p.pos] {
		case ',':
			p.pos++
		case ']':
			p.pos++
			return v, nil
		default:
			return nil, p.errf("expected , or ] in array")
		}
	}
}

func (p *jparser) object(depth int) (*jvalue, error) {
	p.pos++ // {
	v := &jvalue{kind: jobj}
	p.ws()
	if p.pos < len(p.s) && p.s[p.pos] == '}' {
		p.pos++
		return v, nil
	}
	var index map[string]int // built only for large objects; small ones are searched
	for {
		p.ws()
		if p.pos >= len(p.s) || p.s[p.pos] != '"' {
			return nil, p.errf("expected a string key in object")
		}
		k, err := p.string()
		if err != nil {
			return nil, err
		}
		p.ws()
		if p.pos >= len(p.s) || p.s[p.pos] != ':' {
			return nil, p.errf("expected : after object key")
		}
		p.pos++
		e, err := p.value(depth)
		if err != nil {
			return nil, err
		}
		i, dup := -1, false
		if index != nil {
			i, dup = index[k]
		} else {
			for j := range v.obj {
				if v.obj[j].key == k {
					i, dup = j, true
					break
				}
			}
		}
		if dup {
			v.obj[i].val = e // JSON.parse: the last value wins, the key keeps its place
		} else {
			v.obj = append(v.obj, jmember{k, e})
			if index != nil {
				index[k] = len(v.obj) - 1
			} else if len(v.obj) == 16 {
				index = make(map[string]int, 32)
				for j, m := range v.obj {
					index[m.key] = j
				}
			}
		}
		p.ws()
		if p.pos >= len(p.s) {
			return nil, p.errf("unterminated object")
		}
		switch p.s[p.pos] {
		case ',':
			p.pos++
		case '}':
			p.pos++
			sortJSKeys(v.obj)
			return v, nil
		default:
			return nil, p.errf("expected , or } in object")
		}
	}
}

// sortJSKeys puts members in JavaScript's property order: array-index keys ascending, then the others in
// insertion order.
func sortJSKeys(ms []jmember) {
	found := false
	for _, m := range ms {
		if _, ok := arrayIndex(m.key); ok {
			found = true
			break
		}
	}
	if !found {
		return // the common case: insertion order is the order
	}
	sort.SliceStable(ms, func(i, j int) bool {
		ai, aok := arrayIndex(ms[i].key)
		bi, bok := arrayIndex(ms[j].key)
		if aok && bok {
			return ai < bi
		}
		return aok && !bok
	})
}

// arrayIndex reports whether key is an array index in JavaScript's sense: the canonical decimal form of an
// integer in [0, 2^32-2].
func arrayIndex(key string) (uint64, bool) {
	if key == "" || len(key) > 10 || (len(key) > 1 && key[0] == '0') {
		return 0, false
	}
	n, err := strconv.ParseUint(key, 10, 64)
	if err != nil || n > math.MaxUint32-1 {
		return 0, false
	}
	return n, true
}

func (p *jparser) string() (string, error) {
	start := p.pos
	p.pos++ // "
	var sb strings.Builder
	for {
		if p.pos >= len(p.s) {
			return "", p.errf("unterminated string")
		}
		c := p.s[p.pos]
		switch {
		case c == '"':
			p.pos++
			if sb.Len() > MaxStringBytes {
				p.pos = start
				return "", fmt.Errorf("%w: a string of %d bytes at byte %d (at most MaxStringBytes = %d)", ErrStringTooLong, sb.Len(), start, MaxStringBytes)
			}
			return sb.String(), nil
		case c < 0x20:
			return "", p.errf("control character in string")
		case c == '\\':
			if p.pos+1 >= len(p.s) {
				return "", p.errf("unterminated escape")
			}
			e := p.s[p.pos+1]
			p.pos += 2
			switch e {
			case '"', '\\', '/':
				sb.WriteByte(e)
			case 'b':
				sb.WriteByte('\b')
			case 'f':
				sb.WriteByte('\f')
			case 'n':
				sb.WriteByte('\n')
			case 'r':
				sb.WriteByte('\r')
			case 't':
				sb.WriteByte('\t')
			case 'u':
				r, err := p.hex4()
				if err != nil {
					return "", err
				}
				if utf16.IsSurrogate(r) {
					// Only a high surrogate followed by an escaped low one makes a character; a lone
					// surrogate has no UTF-8 form, so Go could not hash what JavaScript does.
					if r >= 0xDC00 || !strings.HasPrefix(p.s[p.pos:], `\u`) {
						return "", p.errf("lone UTF-16 surrogate in string")
					}
					p.pos += 2
					r2, err := p.hex4()
					if err != nil {
						return "", err
					}
					if r2 < 0xDC00 || r2 > 0xDFFF {
						return "", p.errf("lone UTF-16 surrogate in string")
					}
					r = utf16.DecodeRune(r, r2)
				}
				sb.WriteRune(r)
			default:
				return "", p.errf("invalid escape \\%c", e)
			}
		case c < utf8.RuneSelf:
			sb.WriteByte(c)
			p.pos++
		default:
			r, size := utf8.DecodeRuneInString(p.s[p.pos:])
			if r == utf8.RuneError && size <= 1 {
				return "", p.errf("invalid UTF-8 in string")
			}
			sb.WriteString(p.s[p.pos : p.pos+size])
			p.pos += size
		}
		if sb.Len() > MaxStringBytes+4 {
			return "", fmt.Errorf("%w: a string at byte %d is longer than MaxStringBytes = %d bytes", ErrStringTooLong, start, MaxStringBytes)
		}
	}
}

func (p *jparser) hex4() (rune, error) {
	if p.pos+4 > len(p.s) {
		return 0, p.errf("short \\u escape")
	}
	n, err := strconv.ParseUint(p.s[p.pos:p.pos+4], 16, 16)
	if err != nil {
		return 0, p.errf("invalid \\u escape")
	}
	p.pos += 4
	return rune(n), nil
}

func (p *jparser) number() (*jvalue, error) {
	start := p.pos
	digits := func() int {
		n := 0
		for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
			p.pos++
			n++
		}
		return n
	}
	if p.s[p.pos] == '-' {
		p.pos++
	}
	if p.pos < len(p.s) && p.s[p.pos] == '0' {
		p.pos++
	} else if digits() == 0 {
		return nil, p.errf("invalid number")
	}
	if p.pos < len(p.s) && p.s[p.pos] == '.' {
		p.pos++
		if digits() == 0 {
			return nil, p.errf("invalid number")
		}
	}
	if p.pos < len(p.s) && (p.s[p.pos] == 'e' || p.s[p.pos] == 'E') {
		p.pos++
		if p.pos < len(p.s) && (p.s[p.pos] == '+' || p.s[p.pos] == '-') {
			p.pos++
		}
		if digits() == 0 {
			return nil, p.errf("invalid number")
		}
	}
	lit := p.s[start:p.pos]
	if len(lit) > MaxStringBytes {
		return nil, fmt.Errorf("%w: a number of %d bytes at byte %d (at most MaxStringBytes = %d)", ErrStringTooLong, len(lit), start, MaxStringBytes)
	}
	f, err := strconv.ParseFloat(lit, 64)
	if err != nil || math.IsInf(f, 0) {
		// JavaScript would read Infinity and write null: refuse rather than hash a different value.
		return nil, p.errf("number %s out of range", lit)
	}
	return &jvalue{kind: jnum, num: f}, nil
}

// encode appends v as JSON.stringify writes it.
func (v *jvalue) encode(b []byte) []byte {
	switch v.kind {
	case jnull:
		return append(b, "null"...)
	case jbool:
		return strconv.AppendBool(b, v.b)
	case jnum:
		return appendJSNumber(b, v.num)
	case jstr:
		return appendJSString(b, v.str)
	case jarr:
		b = append(b, '[')
		for i, e := range v.arr {
			if i > 0 {
				b = append(b, ',')
			}
			b = e.encode(b)
		}
		return append(b, ']')
	default:
		b = append(b, '{')
		for i, m := range v.obj {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSString(b, m.key)
			b = append(b, ':')
			b = m.val.encode(b)
		}
		return append(b, '}')
	}
}

// appendJSString writes s as JSON.stringify does: only ", \, and control characters are escaped, the
// latter as \b \f \n \r \t or \u00xx in lower-case hex; everything else (<, >, &, U+2028, DEL) verbatim.
func appendJSString(b []byte, s string) []byte {
	const hexdigits = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\b':
			b = append(b, '\\', 'b')
		case c == '\f':
			b = append(b, '\\', 'f')
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexdigits[c>>4], hexdigits[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

// appendJSNumber writes f as JavaScript's Number.prototype.toString does (ECMA-262 Number::toString):
// the shortest digits that round-trip, in plain notation for 1e-7 < |f| < 1e21, else as d.ddde±n.
func appendJSNumber(b []byte, f float64) []byte {
	if f == 0 {
		return append(b, '0') // also -0
	}
	if f < 0 {
		b = append(b, '-')
		f = -f
	}
	// 'e' with precision -1 gives the shortest round-trip digits: d.ddde±xx.
	e := strconv.FormatFloat(f, 'e', -1, 64)
	mant, exp, _ := strings.Cut(e, "e")
	digits := strings.Replace(mant, ".", "", 1)
	x, _ := strconv.Atoi(exp)
	k, n := len(digits), x+1 // f = 0.digits × 10^n
	switch {
	case k <= n && n <= 21:
		b = append(b, digits...)
		for range n - k {
			b = append(b, '0')
		}
	case 0 < n && n <= 21:
		b = append(b, digits[:n]...)
		b = append(b, '.')
		b = append(b, digits[n:]...)
	case -6 < n && n <= 0:
		b = append(b, '0', '.')
		for range -n {
			b = append(b, '0')
		}
		b = append(b, digits...)
	default:
		b = append(b, digits[0])
		if k > 1 {
			b = append(b, '.')
			b = append(b, digits[1:]...)
		}
		b = append(b, 'e')
		if n-1 >= 0 {
			b = append(b, '+')
		}
		b = strconv.AppendInt(b, int64(n-1), 10)
	}
	return b
}
