package auth

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// RecapPrefix starts a ReCap (EIP-5573) resource URI in a SIWE message.
const RecapPrefix = "urn:recap:"

// Recap is a ReCap capability object (EIP-5573), as the Lit SDK puts in the
// SIWE message that hands a session key its powers, e.g.
//
//	{"att":{"lit-pkp://*":{"Threshold/Signing":[{}]},
//	        "lit-litaction://*":{"Threshold/Execution":[{}]}},"prf":[]}
type Recap struct {
	// Att maps a resource URI to its abilities ("namespace/name", e.g.
	// "Threshold/Signing", or "*/*" for all), and each ability to its nota
	// bene objects: restrictions on its use. [{}] means unrestricted; an
	// empty list means the ability cannot be used at all.
	Att map[string]map[string][]json.RawMessage
	// Prf lists the CIDs of parent capabilities (Lit sends none).
	Prf []string
}

// ParseRecap decodes "urn:recap:<base64url JSON>" and validates the object
// against EIP-5573's schema: att maps URIs to non-empty maps of ability
// strings to arrays of JSON objects; prf is an array of strings; nothing
// else. Every error wraps ErrMalformed.
func ParseRecap(uri string) (*Recap, error) {
	enc, ok := strings.CutPrefix(uri, RecapPrefix)
	if !ok {
		return nil, malformed("ReCap URI does not start with %q", RecapPrefix)
	}
	// EIP-5573 says unpadded; tolerate padding, which some encoders add.
	raw, err := base64.RawURLEncoding.Strict().DecodeString(strings.TrimRight(enc, "="))
	if err != nil || len(enc)-len(strings.TrimRight(enc, "=")) > 2 {
		return nil, malformed("ReCap payload is not base64url")
	}
	var obj struct {
		Att map[string]map[string][]json.RawMessage `json:"att"`
		Prf *[]string                               `json:"prf"`
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&obj); err != nil {
		return nil, malformed("ReCap JSON: %v", err)
	}
	if dec.More() {
		return nil, malformed("ReCap JSON: data after the object")
	}
	if len(obj.Att) == 0 {
		return nil, malformed("ReCap has no attenuations")
	}
	for res, abilities := range obj.Att {
		if !validURI(res) {
			return nil, malformed("ReCap resource %q is not a URI", clip(res))
		}
		if len(abilities) == 0 {
			return nil, malformed("ReCap resource %q has no abilities", clip(res))
		}
		for ab, nbs := range abilities {
			if !validAbility(ab) {
				return nil, malformed("ReCap ability %q is not namespace/name", clip(ab))
			}
			if nbs == nil {
				return nil, malformed("ReCap ability %q: nota bene is not an array", clip(ab))
			}
			for _, nb := range nbs {
				if !isJSONObject(nb) {
					return nil, malformed("ReCap ability %q: nota bene is not an object", clip(ab))
				}
			}
		}
	}
	r := &Recap{Att: obj.Att}
	if obj.Prf != nil {
		for _, p := range *obj.Prf {
			if p == "" {
				return nil, malformed("ReCap proof is empty")
			}
		}
		r.Prf = *obj.Prf
	}
	return r, nil
}

func isJSONObject(b json.RawMessage) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && b[0] == '{'
}

// validAbility: ^[a-zA-Z0-9.*_+-]+/[a-zA-Z0-9.*_+-]+$.
func validAbility(s string) bool {
	ns, name, ok := strings.Cut(s, "/")
	part := func(c byte) bool { return isAlpha(c) || isDigit(c) || strings.IndexByte(".*_+-", c) >= 0 }
	return ok && ns != "" && name != "" && validChars(ns, false, part) && validChars(name, false, part)
}

// Encode returns the "urn:recap:…" URI of r, with keys in the sorted order
// EIP-5573 requires.
func (r *Recap) Encode() string {
	prf := r.Prf
	if prf == nil {
		prf = []string{}
	}
	// encoding/json writes map keys sorted bytewise, as the EIP asks.
	b, err := json.Marshal(struct {
		Att map[string]map[string][]json.RawMessage `json:"att"`
		Prf []string                                `json:"prf"`
	}{r.Att, prf})
	if err != nil {
		// Only reachable with a nota bene that is not valid JSON, which
		// ParseRecap never produces.
		return RecapPrefix
	}
	return RecapPrefix + base64.RawURLEncoding.EncodeToString(b)
}

const recapPreamble = "I further authorize the stated URI to perform the following actions on my behalf:"

// Statement returns the human-readable text EIP-5573's translation
// algorithm derives from r, which the SIWE statement must end with, e.g.
// "I further authorize the stated URI to perform the following actions on my
// behalf: (1) 'Threshold': 'Signing' for 'lit-pkp://*'."
func (r *Recap) Statement() string {
	var b strings.Builder
	b.WriteString(recapPreamble)
	n := 1
	for _, res := range sortedKeys(r.Att) {
		abilities := sortedKeys(r.Att[res])
		// Keys sharing a namespace are adjacent once sorted (they share the
		// prefix "namespace/"), so each run is one numbered entry.
		for i := 0; i < len(abilities); {
			ns, _, _ := strings.Cut(abilities[i], "/")
			var names []string
			for ; i < len(abilities); i++ {
				ans, name, _ := strings.Cut(abilities[i], "/")
				if ans != ns {
					break
				}
				names = append(names, "'"+name+"'")
			}
			b.WriteString(" (" + strconv.Itoa(n) + ") '" + ns + "': " + strings.Join(names, ", ") + " for '" + res + "'.")
			n++
		}
	}
	return b.String()
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// Grants reports whether r allows ability on res: an entry for res itself or
// for a wildcard over its prefix ("lit-pkp://*"), holding the ability's ReCap
// form ("Threshold/Signing") or "*/*" without restriction (unrestricted).
func (r *Recap) Grants(res Resource, ability Ability) bool {
	want, ok := ability.recap()
	if !ok || !ability.appliesTo(res.Prefix) {
		return false
	}
	for key, abilities := range r.Att {
		prefix, id, ok := strings.Cut(key, "://")
		if !ok || !(Resource{Prefix: prefix, ID: id}).covers(res) {
			continue
		}
		if unrestricted(abilities[want]) || unrestricted(abilities["*/*"]) {
			return true
		}
	}
	return false
}

// GrantsExactly reports whether r names res itself (not a wildcard over
// its prefix) with ability's ReCap form: the narrow grant a wallet AuthSig,
// which any node may replay, must carry.
func (r *Recap) GrantsExactly(res Resource, ability Ability) bool {
	want, ok := ability.recap()
	if !ok || !ability.appliesTo(res.Prefix) || res.ID == "*" {
		return false
	}
	for key, abilities := range r.Att {
		prefix, id, ok := strings.Cut(key, "://")
		if ok && prefix == res.Prefix && id != "*" && (Resource{Prefix: prefix, ID: id}).covers(res) && unrestricted(abilities[want]) {
			return true
		}
	}
	return false
}

// unrestricted reports whether a grant's nota benes let it be used without
// conditions. In ReCap each nota bene is one alternative set of
// restrictions the holder must meet, and an empty object is none. The node
// knows no restriction it could enforce, so a grant counts only through an
// empty one (the Lit SDK sends [{}]); a grant carrying only restrictions is
// not read as one without them.
func unrestricted(nbs []json.RawMessage) bool {
	for _, nb := range nbs {
		var fields map[string]json.RawMessage
		if json.Unmarshal(nb, &fields) == nil && fields != nil && len(fields) == 0 {
			return true
		}
	}
	return false
}

// NewRecap returns the ReCap granting each of grants without restriction,
// as the Lit SDK builds it for a session key.
func NewRecap(grants ...ResourceAbility) *Recap {
	r := &Recap{Att: map[string]map[string][]json.RawMessage{}, Prf: []string{}}
	for _, g := range grants {
		ab, ok := g.Ability.recap()
		if !ok {
			continue
		}
		key := g.Resource.Key()
		if r.Att[key] == nil {
			r.Att[key] = map[string][]json.RawMessage{}
		}
		r.Att[key][ab] = []json.RawMessage{json.RawMessage(`{}`)}
	}
	return r
}

// extractRecap finds the ReCap of a SIWE message: EIP-5573 allows at most
// one, as the last resource, and requires the statement to end with its
// translation. It returns nil if the message has none.
func extractRecap(m *Message) (*Recap, error) {
	for i, r := range m.Resources {
		if strings.HasPrefix(r, RecapPrefix) && i != len(m.Resources)-1 {
			return nil, malformed("SIWE has a ReCap that is not the last resource")
		}
	}
	if len(m.Resources) == 0 || !strings.HasPrefix(m.Resources[len(m.Resources)-1], RecapPrefix) {
		return nil, nil
	}
	rc, err := ParseRecap(m.Resources[len(m.Resources)-1])
	if err != nil {
		return nil, err
	}
	if !strings.HasSuffix(m.Statement, rc.Statement()) {
		return nil, fmt.Errorf("%w: SIWE statement does not end with the ReCap's translation %q", ErrMalformed, clip(rc.Statement()))
	}
	return rc, nil
}
