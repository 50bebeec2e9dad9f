package authmethod

import (
	"bytes"
	"context"
	"crypto/elliptic"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	ethcrypto "github.com/ethereum/go-ethereum/crypto"
	jose "github.com/go-jose/go-jose/v4"
)

// signedWalletLogin signs msg with EIP-191 (independently of the code under
// test) and returns the AuthSig JSON.
func signedWalletLogin(t *testing.T, msg string) (string, common.Address) {
	t.Helper()
	key, _ := ethcrypto.GenerateKey()
	addr := ethcrypto.PubkeyToAddress(key.PublicKey)
	msg = strings.ReplaceAll(msg, "ADDR", addr.Hex())
	h := ethcrypto.Keccak256([]byte(fmt.Sprintf("\x19Ethereum Signed Message:\n%d%s", len(msg), msg)))
	sig, err := ethcrypto.Sign(h, key)
	if err != nil {
		t.Fatal(err)
	}
	sig[64] += 27
	b, _ := json.Marshal(map[string]string{"sig": "0x" + hex.EncodeToString(sig), "derivedVia": "web3.eth.personal.sign",
		"signedMessage": msg, "address": addr.Hex()})
	return string(b), addr
}

func walletMessage(resources ...string) string {
	m := "localhost wants you to sign in with your Ethereum account:\nADDR\n\nLog in to Flint.\n\n" +
		"URI: https://localhost/login\nVersion: 1\nChain ID: 1\nNonce: " + recentHash + "\nIssued At: " + t0.UTC().Format(time.RFC3339) +
		"\nExpiration Time: " + t0.Add(time.Hour).UTC().Format(time.RFC3339)
	if len(resources) > 0 {
		m += "\nResources:"
		for _, r := range resources {
			m += "\n- " + r
		}
	}
	return m
}

func TestSessionBindingWallet(t *testing.T) {
	clock := &fakeClock{t: t0}
	r := NewResolver(ResolverConfig{Now: clock.Now, RecentNonce: recentOnly})
	key := bytes.Repeat([]byte{0xab}, 32)
	resolve := func(tok string) (Identity, error) {
		return r.Resolve(context.Background(), AuthMethod{Type: EthWallet, AccessToken: tok}, nil)
	}

	bound, _ := signedWalletLogin(t, walletMessage("https://example.com/terms", "flint-session://"+hex.EncodeToString(key)))
	id, err := resolve(bound)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(id.SessionKey, key) || !id.Expires.Equal(t0.Add(time.Hour)) {
		t.Fatalf("bound login: session key %x, expires %v", id.SessionKey, id.Expires)
	}
	if SessionBinding(key) != "flint-session://"+strings.Repeat("ab", 32) {
		t.Fatalf("SessionBinding = %q", SessionBinding(key))
	}
	// The same login re-encoded (another key order and spacing, the
	// signature's hex in upper case) has the same digest: a relayer cannot
	// make it look new.
	var a map[string]string
	_ = json.Unmarshal([]byte(bound), &a)
	reenc := fmt.Sprintf(`{ "address": %q, "signedMessage": %q, "derivedVia": %q, "sig": "0x%s" }`,
		a["address"], a["signedMessage"], a["derivedVia"], strings.ToUpper(a["sig"][2:]))
	id2, err := resolve(reenc)
	if err != nil {
		t.Fatalf("re-encoded login: %v", err)
	}
	if id2.Digest != id.Digest || id.Digest == ([32]byte{}) {
		t.Fatalf("digest changed with the encoding: %x vs %x", id.Digest, id2.Digest)
	}

	plain, _ := signedWalletLogin(t, walletMessage())
	pid, err := resolve(plain)
	if err != nil {
		t.Fatal(err)
	}
	if pid.SessionKey != nil || pid.Digest == id.Digest {
		t.Fatalf("unbound login: session key %x, digest %x", pid.SessionKey, pid.Digest)
	}

	for name, msg := range map[string]string{
		"two bindings": walletMessage("flint-session://"+hex.EncodeToString(key), "flint-session://"+strings.Repeat("cd", 32)),
		"upper case":   walletMessage("flint-session://" + strings.Repeat("AB", 32)),
		"short":        walletMessage("flint-session://abcd"),
	} {
		tok, _ := signedWalletLogin(t, msg)
		if _, err := resolve(tok); !errors.Is(err, ErrInvalidToken) {
			t.Errorf("%s: err %v, want %s", name, err, ErrInvalidToken.Code)
		}
	}
}

func TestSessionBindingJWT(t *testing.T) {
	f := newFixture(t)
	key := bytes.Repeat([]byte{0x01}, 32)
	tok := func(kid string, alg jose.SignatureAlgorithm, nonce string) string {
		return f.google.sign(kid, alg, stdClaims(googleIss, "u1", clientID), map[string]any{"nonce": nonce})
	}
	id, err := f.v.Verify(context.Background(), AuthMethod{Type: GoogleJWT, AccessToken: tok("g1", jose.RS256, SessionBinding(key))})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(id.SessionKey, key) || id.Expires.IsZero() {
		t.Fatalf("bound token: session key %x, expires %v", id.SessionKey, id.Expires)
	}
	if id, err := f.v.Verify(context.Background(), AuthMethod{Type: GoogleJWT, AccessToken: tok("g1", jose.RS256, "0x1234")}); err != nil || id.SessionKey != nil {
		t.Fatalf("unbound token: %x, %v", id.SessionKey, err)
	}
	if _, err := f.v.Verify(context.Background(), AuthMethod{Type: GoogleJWT, AccessToken: tok("g1", jose.RS256, "flint-session://zz")}); !errors.Is(err, ErrInvalidToken) {
		t.Fatalf("malformed binding: %v", err)
	}

	// ES256's other valid signature (s → n−s) of the same token is the same
	// login.
	es := tok("g-ec", jose.ES256, "n-1")
	parts := strings.Split(es, ".")
	sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
	n := elliptic.P256().Params().N
	s := new(big.Int).Sub(n, new(big.Int).SetBytes(sig[32:]))
	other := parts[0] + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(append(sig[:32:32], s.FillBytes(make([]byte, 32))...))
	id1, err1 := f.v.Verify(context.Background(), AuthMethod{Type: GoogleJWT, AccessToken: es})
	id2, err2 := f.v.Verify(context.Background(), AuthMethod{Type: GoogleJWT, AccessToken: other})
	if err1 != nil || err2 != nil {
		t.Fatalf("ES256 forms: %v, %v", err1, err2)
	}
	if other == es || id1.Digest != id2.Digest {
		t.Fatalf("the two signature forms of one token have digests %x and %x", id1.Digest, id2.Digest)
	}
}

func TestSessionBindingWebAuthn(t *testing.T) {
	a := passkey(t)
	rawID := a.RawID()
	registered := map[[32]byte][]byte{wantID(rawID, "lit"): cose(t, a)}
	keys := func(_ context.Context, id [32]byte) ([]byte, error) { return registered[id], nil }
	r := NewResolver(ResolverConfig{RecentNonce: recentOnly})
	hash, _ := hex.DecodeString(recentHash[2:])
	key := bytes.Repeat([]byte{0x42}, 32)
	resolve := func(tok string) (Identity, error) {
		return r.Resolve(context.Background(), AuthMethod{Type: WebAuthn, AccessToken: tok}, keys)
	}

	id, err := resolve(assertion(t, a, append(append([]byte{}, hash...), key...), nil))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(id.SessionKey, key) {
		t.Fatalf("bound assertion: session key %x", id.SessionKey)
	}
	// ECDSA signs with a fresh nonce each time: two signatures of the same
	// assertion are the same login.
	again, err := resolve(assertion(t, a, append(append([]byte{}, hash...), key...), nil))
	if err != nil || again.Digest != id.Digest {
		t.Fatalf("the same assertion signed again: digest %x vs %x, %v", again.Digest, id.Digest, err)
	}
	plain, err := resolve(assertion(t, a, hash, nil))
	if err != nil || plain.SessionKey != nil {
		t.Fatalf("plain assertion: %x, %v", plain.SessionKey, err)
	}
	if _, err := resolve(assertion(t, a, append(make([]byte, 32), key...), nil)); !errors.Is(err, ErrBadNonce) {
		t.Fatalf("bound to a stale hash: %v", err)
	}
	if _, err := resolve(assertion(t, a, append(append([]byte{}, hash...), 1, 2, 3), nil)); !errors.Is(err, ErrBadNonce) {
		t.Fatalf("a 35-byte challenge: %v", err)
	}
}

// FuzzParseSessionBinding: any string parses without panicking, and one
// that binds is exactly SessionBinding of its key.
func FuzzParseSessionBinding(f *testing.F) {
	f.Add("flint-session://" + strings.Repeat("ab", 32))
	f.Add("flint-session://" + strings.Repeat("AB", 32))
	f.Add("flint-session://")
	f.Add("0x1234")
	f.Fuzz(func(t *testing.T, s string) {
		key, ok, err := parseSessionBinding(s)
		if !ok && (key != nil || err != nil) {
			t.Fatalf("%q: not a binding, yet %x, %v", s, key, err)
		}
		if ok && err == nil && SessionBinding(key) != s {
			t.Fatalf("%q parsed to %x, which is %q", s, key, SessionBinding(key))
		}
		if err != nil && !errors.Is(err, ErrInvalidToken) {
			t.Fatalf("%q: %v is not ErrInvalidToken", s, err)
		}
	})
}
