package auth

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
)

// Test fixtures build real signatures: secp256k1 keys from go-ethereum's
// crypto and ed25519 session keys, signing exactly what the Lit SDK signs.

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

const testNode = "http://127.0.0.1:7470"

type wallet struct {
	key  *ecdsa.PrivateKey
	addr common.Address
}

func newWallet(t testing.TB) wallet {
	t.Helper()
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return wallet{key: k, addr: crypto.PubkeyToAddress(k.PublicKey)}
}

// personalSign signs msg as eth_sign / personal_sign does, computing the
// EIP-191 hash independently of the code under test. v is 27 or 28.
func (w wallet) personalSign(t testing.TB, msg string) []byte {
	t.Helper()
	hash := crypto.Keccak256([]byte(fmt.Sprintf("\x19Ethereum Signed Message:\n%d%s", len(msg), msg)))
	sig, err := crypto.Sign(hash, w.key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	return sig
}

// siwe returns a SIWE message from w with sensible defaults: a login
// whose ReCap grants exactly needPKP, as a wallet AuthSig must.
func (w wallet) siwe(uri string, issued, expires time.Time) *Message {
	rc := NewRecap(needPKP)
	return &Message{
		Domain:         "localhost:3000",
		Address:        w.addr,
		Statement:      "Sign in to Flint. " + rc.Statement(),
		Resources:      []string{rc.Encode()},
		URI:            uri,
		Version:        "1",
		ChainID:        1,
		Nonce:          "0x" + hex.EncodeToString(crypto.Keccak256([]byte(uri))[:16]),
		IssuedAt:       issued,
		ExpirationTime: expires,
	}
}

// authSig signs m's text and returns the AuthSig a Lit client sends.
func (w wallet) authSig(t testing.TB, m string) AuthSig {
	return AuthSig{
		Sig:           hexutil.Encode(w.personalSign(t, m)),
		DerivedVia:    DerivedViaWallet,
		SignedMessage: m,
		Address:       w.addr.Hex(),
	}
}

func mustJSON(t testing.TB, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// grantSIWE is the wallet's SIWE message granting a session key the given
// ReCap, built the way the SDK builds it: URI lit:session:<key>, the ReCap as
// the last resource, its translation appended to the statement.
func (w wallet) grantSIWE(pub ed25519.PublicKey, rc *Recap, issued, expires time.Time) *Message {
	m := w.siwe(sessionURIPrefix+hex.EncodeToString(pub), issued, expires)
	m.Statement = "This is a test statement.  You can put anything you want here. " + rc.Statement()
	m.Resources = []string{rc.Encode()}
	return m
}

// litWildcards is the ReCap the SDK asks for by default: every PKP and every
// Action.
func litWildcards() *Recap {
	return &Recap{Att: map[string]map[string][]json.RawMessage{
		"lit-pkp://*":       {"Threshold/Signing": {json.RawMessage(`{}`)}},
		"lit-litaction://*": {"Threshold/Execution": {json.RawMessage(`{}`)}},
	}, Prf: []string{}}
}

// sessionFixture holds the parts of a session signature so tests can break
// one at a time before signing.
type sessionFixture struct {
	wallet  wallet
	pub     ed25519.PublicKey
	priv    ed25519.PrivateKey
	signed  sessionSignedOrdered
	signKey ed25519.PrivateKey // normally priv
	algo    string
}

// sessionSignedOrdered mirrors the SDK's JSON key order exactly.
type sessionSignedOrdered struct {
	SessionKey              string                   `json:"sessionKey"`
	ResourceAbilityRequests []ResourceAbilityRequest `json:"resourceAbilityRequests"`
	Capabilities            []AuthSig                `json:"capabilities"`
	IssuedAt                string                   `json:"issuedAt"`
	Expiration              string                   `json:"expiration"`
	NodeAddress             string                   `json:"nodeAddress"`
}

func rar(prefix, id string, ab Ability) ResourceAbilityRequest {
	var r ResourceAbilityRequest
	r.Resource.Resource, r.Resource.ResourcePrefix, r.Ability = id, prefix, string(ab)
	return r
}

func newSession(t testing.TB) *sessionFixture {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	return newSessionWith(t, newWallet(t), pub, priv)
}

// seededSession is newSession with keys derived from seed, for fuzz targets,
// whose setup runs again in every worker process.
func seededSession(t testing.TB, seed string) *sessionFixture {
	t.Helper()
	k, err := crypto.ToECDSA(crypto.Keccak256([]byte("wallet " + seed)))
	if err != nil {
		t.Fatal(err)
	}
	priv := ed25519.NewKeyFromSeed(crypto.Keccak256([]byte("session " + seed)))
	return newSessionWith(t, wallet{key: k, addr: crypto.PubkeyToAddress(k.PublicKey)}, priv.Public().(ed25519.PublicKey), priv)
}

func newSessionWith(t testing.TB, w wallet, pub ed25519.PublicKey, priv ed25519.PrivateKey) *sessionFixture {
	grant := w.grantSIWE(pub, litWildcards(), t0.Add(-time.Minute), t0.Add(24*time.Hour))
	return &sessionFixture{
		wallet: w, pub: pub, priv: priv, signKey: priv, algo: sessionAlgo,
		signed: sessionSignedOrdered{
			SessionKey: hex.EncodeToString(pub),
			ResourceAbilityRequests: []ResourceAbilityRequest{
				rar(PrefixPKP, "*", AbilityPKPSigning),
				rar(PrefixAction, "*", AbilityActionExecution),
			},
			Capabilities: []AuthSig{w.authSig(t, grant.String())},
			IssuedAt:     t0.Add(-10 * time.Second).Format("2006-01-02T15:04:05.000Z"),
			Expiration:   t0.Add(5 * time.Minute).Format("2006-01-02T15:04:05.000Z"),
			NodeAddress:  testNode,
		},
	}
}

// raw signs the fixture for its node and returns the AuthSig JSON the node
// receives.
func (f *sessionFixture) raw(t testing.TB) json.RawMessage {
	t.Helper()
	msg := mustJSON(t, f.signed)
	return mustJSON(t, AuthSig{
		Sig:           hex.EncodeToString(ed25519.Sign(f.signKey, msg)),
		DerivedVia:    DerivedViaSession,
		SignedMessage: string(msg),
		Address:       hex.EncodeToString(f.pub),
		Algo:          f.algo,
	})
}

var needPKP = ResourceAbility{
	Resource: PKPResource([32]byte{0xab, 0xcd}),
	Ability:  AbilityPKPSigning,
}

func sessionOpts(need ResourceAbility) Options {
	return Options{Now: t0, NodeURL: testNode, Need: &need}
}
