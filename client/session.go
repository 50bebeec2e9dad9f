package client

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/auth"
)

// Credential is what a request carries to each node as its authSig.
// Nodes accept only session signatures (Session, SessionSigs) for signing
// and Actions: each is made for one node, so no node can replay what it
// received at another.
type Credential interface {
	// AuthSigFor returns the authSig JSON for the node at url.
	AuthSigFor(url string) (json.RawMessage, error)
}

// SessionSigs are session signatures keyed by node URL, as the Lit JS SDK's
// getSessionSigs returns them.
type SessionSigs map[string]json.RawMessage

// AuthSigFor returns the signature made for url.
func (s SessionSigs) AuthSigFor(url string) (json.RawMessage, error) {
	for u, sig := range s {
		if sameNode(u, url) {
			return sig, nil
		}
	}
	return nil, fmt.Errorf("client: no session signature for node %s", url)
}

// WalletSig is a wallet AuthSig (WalletAuthSig, SignSIWE) sent unchanged to
// every node. Nodes refuse one for signing and Actions; where one is still
// accepted it must name exactly the resource in a ReCap and carry a recent
// block hash as its nonce.
type WalletSig json.RawMessage

// AuthSigFor returns the AuthSig itself, whatever the node.
func (w WalletSig) AuthSigFor(string) (json.RawMessage, error) { return json.RawMessage(w), nil }

// DefaultGrants is what NewSession grants without explicit grants: signing
// with every PKP the wallet may use, running every Action, and decrypting
// and getting signed tokens (SignedToken) for whatever conditions the wallet
// meets.
var DefaultGrants = []auth.ResourceAbility{
	{Resource: auth.Resource{Prefix: auth.PrefixPKP, ID: "*"}, Ability: auth.AbilityPKPSigning},
	{Resource: auth.Resource{Prefix: auth.PrefixAction, ID: "*"}, Ability: auth.AbilityActionExecution},
	{Resource: auth.Resource{Prefix: auth.PrefixACC, ID: "*"}, Ability: auth.AbilityACCDecryption},
	{Resource: auth.Resource{Prefix: auth.PrefixACC, ID: "*"}, Ability: auth.AbilityACCSigning},
}

// Session is an ed25519 session key that a wallet granted powers to, as the
// Lit SDK makes one: the wallet signs once, a SIWE message with URI
// lit:session:<key> whose ReCap (EIP-5573) lists the grants; the session key
// then signs, for each node, JSON naming that node. Safe for concurrent use.
type Session struct {
	key      ed25519.PrivateKey
	wallet   common.Address
	grant    auth.AuthSig
	requests []auth.ResourceAbility
	issued   time.Time
	expires  time.Time

	mu   sync.Mutex
	sigs map[string]json.RawMessage // by node URL: signed once, so nodes can cache the verification
}

// NewSession makes a session key and has wallet grant it grants (DefaultGrants
// if none) for ttl. nonce should be a recent block hash (Client.Blockhash).
func NewSession(wallet *ecdsa.PrivateKey, nonce string, ttl time.Duration, grants ...auth.ResourceAbility) (*Session, error) {
	if ttl <= 0 {
		return nil, errors.New("client: session lifetime must be positive")
	}
	if len(grants) == 0 {
		grants = DefaultGrants
	}
	_, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		return nil, fmt.Errorf("client: session key: %w", err)
	}
	pub := hex.EncodeToString(key.Public().(ed25519.PublicKey))
	rc := auth.NewRecap(grants...)
	now := time.Now().UTC().Truncate(time.Second)
	s := &Session{key: key, wallet: crypto.PubkeyToAddress(wallet.PublicKey), requests: grants,
		issued: now, expires: now.Add(ttl), sigs: map[string]json.RawMessage{}}
	raw, err := SignSIWE(wallet, &auth.Message{
		Domain:         "localhost",
		Address:        s.wallet,
		Statement:      "Grant a Flint session key. " + rc.Statement(),
		URI:            "lit:session:" + pub,
		Version:        "1",
		ChainID:        1,
		Nonce:          alnum(nonce),
		IssuedAt:       now,
		ExpirationTime: s.expires,
		Resources:      []string{rc.Encode()},
	})
	if err != nil {
		return nil, fmt.Errorf("client: session grant: %w", err)
	}
	if err := json.Unmarshal(raw, &s.grant); err != nil {
		return nil, fmt.Errorf("client: session grant: %w", err)
	}
	return s, nil
}

// Wallet is the account that granted the session.
func (s *Session) Wallet() common.Address { return s.wallet }

// Expires is when the session ends.
func (s *Session) Expires() time.Time { return s.expires }

// AuthSigFor returns the session's signature for the node at url: valid
// there and nowhere else.
func (s *Session) AuthSigFor(url string) (json.RawMessage, error) {
	url = strings.TrimRight(url, "/")
	s.mu.Lock()
	defer s.mu.Unlock()
	if sig, ok := s.sigs[url]; ok {
		return sig, nil
	}
	const iso = "2006-01-02T15:04:05.000Z"
	signed := auth.SessionSigned{
		SessionKey:   hex.EncodeToString(s.key.Public().(ed25519.PublicKey)),
		Capabilities: []auth.AuthSig{s.grant},
		IssuedAt:     s.issued.Format(iso),
		Expiration:   s.expires.Format(iso),
		NodeAddress:  url,
	}
	for _, g := range s.requests {
		var r auth.ResourceAbilityRequest
		r.Resource.Resource, r.Resource.ResourcePrefix, r.Ability = g.Resource.ID, g.Resource.Prefix, string(g.Ability)
		signed.ResourceAbilityRequests = append(signed.ResourceAbilityRequests, r)
	}
	msg, err := json.Marshal(signed)
	if err != nil {
		return nil, fmt.Errorf("client: session signature: %w", err)
	}
	sig, err := json.Marshal(auth.AuthSig{
		Sig:           hex.EncodeToString(ed25519.Sign(s.key, msg)),
		DerivedVia:    auth.DerivedViaSession,
		SignedMessage: string(msg),
		Address:       signed.SessionKey,
		Algo:          "ed25519",
	})
	if err != nil {
		return nil, fmt.Errorf("client: session signature: %w", err)
	}
	s.sigs[url] = sig
	return sig, nil
}

// sameNode compares node URLs as the nodes do: scheme, case and a trailing
// slash aside.
func sameNode(a, b string) bool {
	norm := func(u string) string {
		u = strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(strings.TrimSpace(u)), "https://"), "http://")
		return strings.TrimRight(u, "/")
	}
	return norm(a) == norm(b)
}
