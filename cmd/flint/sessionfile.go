package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/crypto/bls"
)

// A session file is what "flint pkp session" writes and "flint pkp sign
// --session" reads: a PKP's session signatures keyed by node URL, exactly
// the object the Lit SDK's getPkpSessionSigs returns, so either side can
// make or use one. It is a bearer credential until it expires: whoever
// holds it signs as the PKP.

// Bounds on a session file, checked before anything in it is believed.
const (
	maxSessionFileBytes = 4 << 20 // 200 nodes × a signature with its capability (about 3 KiB) with room
	maxSessionFileNodes = 200     // devnet.MaxNodes; Lit's networks have tens
)

// errSessionFile marks a session file that cannot be used: every refusal
// of one wraps it, and says why.
var errSessionFile = errors.New("unusable session file")

// sessionFile is a parsed session file.
type sessionFile struct {
	sigs       client.SessionSigs
	pkp        common.Address // the PKP the session acts as
	sessionKey string         // the ed25519 session key, hex
	expires    time.Time      // the earliest end of a signature or its capability
}

func sessionFileErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{errSessionFile}, args...)...)
}

// readSessionFile reads and checks the session file at path.
func readSessionFile(path string, now time.Time) (*sessionFile, error) {
	b, err := readBounded(path, maxSessionFileBytes)
	if err != nil {
		return nil, usagef("--session: %w", err)
	}
	s, err := parseSessionFile(b, now)
	if err != nil {
		return nil, usagef("--session %s: %w", path, err)
	}
	return s, nil
}

// parseSessionFile checks a session file's shape and times: at most
// maxSessionFileNodes signatures by the one ed25519 session key, each
// verifying and naming the node it is keyed by, each carrying the same PKP
// capability (lit.bls, signed by the network: checked against the network
// key later, by sessionFile.verify), none expired at now.
func parseSessionFile(b []byte, now time.Time) (*sessionFile, error) {
	if len(b) > maxSessionFileBytes {
		return nil, sessionFileErr("more than %d bytes", maxSessionFileBytes)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, sessionFileErr("not a JSON object of session signatures by node URL (as flint pkp session and the Lit SDK's getPkpSessionSigs write it): %v", err)
	}
	if len(raw) == 0 {
		return nil, sessionFileErr("no session signatures")
	}
	if len(raw) > maxSessionFileNodes {
		return nil, sessionFileErr("%d session signatures, at most %d", len(raw), maxSessionFileNodes)
	}
	out := &sessionFile{sigs: make(client.SessionSigs, len(raw))}
	var capability string
	for url, msg := range raw {
		name := clipText(url, 80)
		sig, err := parseSessionSig(url, msg, now)
		if err != nil {
			return nil, sessionFileErr("the signature for %q: %w", name, err)
		}
		switch {
		case out.sessionKey == "":
			out.sessionKey, out.pkp, out.expires, capability = sig.key, sig.pkp, sig.expires, sig.capability
		case sig.key != out.sessionKey:
			return nil, sessionFileErr("the signature for %q is by another session key than the others", name)
		case sig.capability != capability:
			return nil, sessionFileErr("the signature for %q carries another PKP capability than the others", name)
		}
		if sig.expires.Before(out.expires) {
			out.expires = sig.expires
		}
		out.sigs[url] = msg
	}
	return out, nil
}

// sessionSig is what parseSessionSig reads from one node's signature.
type sessionSig struct {
	key        string
	pkp        common.Address
	capability string // the capability's signed message and signature, to compare signatures by
	expires    time.Time
}

// parseSessionSig checks one node's session signature: an ed25519 session
// signature (litSessionSignViaNacl) over JSON naming the node url, whose
// capability is a network-signed PKP session (lit.bls), valid at now.
func parseSessionSig(url string, raw json.RawMessage, now time.Time) (*sessionSig, error) {
	a, err := auth.ParseAuthSig(raw)
	if err != nil {
		return nil, err
	}
	if a.DerivedVia != auth.DerivedViaSession || a.Algo != "ed25519" {
		return nil, fmt.Errorf("derivedVia %q, algo %q: not a session signature (want %q, \"ed25519\")", clipText(a.DerivedVia, 40), clipText(a.Algo, 20), auth.DerivedViaSession)
	}
	pub, err := hex.DecodeString(a.Address)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return nil, errors.New("address is not an ed25519 public key in hex")
	}
	sig, err := hex.DecodeString(a.Sig)
	if err != nil || len(sig) != ed25519.SignatureSize || !ed25519.Verify(pub, []byte(a.SignedMessage), sig) {
		return nil, errors.New("sig is not the session key's ed25519 signature of signedMessage (the file was changed?)")
	}
	var signed auth.SessionSigned
	if err := json.Unmarshal([]byte(a.SignedMessage), &signed); err != nil {
		return nil, fmt.Errorf("signedMessage: %w", err)
	}
	if !strings.EqualFold(signed.SessionKey, a.Address) {
		return nil, errors.New("signedMessage names another session key than address")
	}
	if !sameNodeURL(signed.NodeAddress, url) {
		return nil, fmt.Errorf("signed for the node %q, not the one it is keyed by", clipText(signed.NodeAddress, 80))
	}
	expires, err := time.Parse(time.RFC3339, signed.Expiration)
	if err != nil {
		return nil, fmt.Errorf("expiration %q: %w", clipText(signed.Expiration, 40), err)
	}
	if len(signed.Capabilities) != 1 {
		return nil, fmt.Errorf("%d capabilities, want one: the PKP's", len(signed.Capabilities))
	}
	c := signed.Capabilities[0]
	if c.DerivedVia != auth.DerivedViaNetwork {
		return nil, fmt.Errorf("its capability is derived via %q, not %q: not a PKP session (make one with flint pkp session)", clipText(c.DerivedVia, 40), auth.DerivedViaNetwork)
	}
	m, err := auth.ParseMessage(c.SignedMessage)
	if err != nil {
		return nil, fmt.Errorf("the capability's message: %w", err)
	}
	if m.URI != "lit:session:"+a.Address {
		return nil, errors.New("the capability grants another session key")
	}
	if !common.IsHexAddress(c.Address) || common.HexToAddress(c.Address) != m.Address {
		return nil, errors.New("the capability's address is not its message's")
	}
	if m.ExpirationTime.IsZero() {
		return nil, errors.New("the capability has no expiration time")
	}
	if m.ExpirationTime.Before(expires) {
		expires = m.ExpirationTime
	}
	if !now.Before(expires) {
		return nil, fmt.Errorf("the session expired at %s: make a new one with flint pkp session", expires.UTC().Format(time.RFC3339))
	}
	return &sessionSig{key: strings.ToLower(a.Address), pkp: m.Address, capability: c.SignedMessage + "\x00" + c.Sig, expires: expires}, nil
}

// forNodes returns the signatures for the network's nodes, refusing a file
// that lacks one (it was made for another network).
func (s *sessionFile) forNodes(urls []string) (client.SessionSigs, error) {
	out := make(client.SessionSigs, len(urls))
	for _, u := range urls {
		sig, err := s.sigs.AuthSigFor(u)
		if err != nil {
			return nil, sessionFileErr("no signature for the node %s: the session was made for other nodes (another network, or before the network changed)", u)
		}
		out[u] = sig
	}
	return out, nil
}

// verify checks every node's signature as that node will, with the network
// key of the handshake: a session of another network, or one whose
// capability was altered, is refused here and not by each node.
func (s *sessionFile) verify(ctx context.Context, sigs client.SessionSigs, networkKey *bls.PublicKey, now time.Time) error {
	for u, sig := range sigs {
		if _, err := auth.Verify(ctx, sig, auth.Options{Now: now, NodeURL: u, NetworkKey: networkKey}); err != nil {
			return sessionFileErr("the signature for the node %s is refused: %w", u, err)
		}
	}
	return nil
}

// sameNodeURL compares node URLs as the nodes do: case, the scheme and a
// trailing slash aside.
func sameNodeURL(a, b string) bool {
	norm := func(u string) string {
		u = strings.ToLower(strings.TrimSpace(u))
		u = strings.TrimPrefix(strings.TrimPrefix(u, "https://"), "http://")
		return strings.TrimRight(u, "/")
	}
	return norm(a) == norm(b)
}

// clipText shortens what a file says for an error message, and keeps it
// on one line.
func clipText(s string, n int) string {
	s = string(bytes.ToValidUTF8([]byte(s), []byte("?")))
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return '?'
		}
		return r
	}, s)
	if len(s) > n {
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		return s[:n] + "…"
	}
	return s
}
