package authmethod

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// testIssuer is an identity provider made in the test: it signs ID tokens
// and serves its public keys as a JWKS on a loopback server.
type testIssuer struct {
	t       testing.TB
	name    string
	mu      sync.Mutex
	keys    map[string]crypto.Signer // kid → private key
	served  []string                 // kids published in the JWKS
	fetches atomic.Int32
	srv     *httptest.Server
}

func newTestIssuer(t testing.TB, name string) *testIssuer {
	t.Helper()
	ti := &testIssuer{t: t, name: name, keys: map[string]crypto.Signer{}}
	ti.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ti.fetches.Add(1)
		ti.mu.Lock()
		defer ti.mu.Unlock()
		var set jose.JSONWebKeySet
		for _, kid := range ti.served {
			set.Keys = append(set.Keys, jose.JSONWebKey{Key: ti.keys[kid].Public(), KeyID: kid, Use: "sig"})
		}
		_ = json.NewEncoder(w).Encode(set)
	}))
	t.Cleanup(ti.srv.Close)
	return ti
}

// addKey makes a key; publish says whether the JWKS lists it.
func (ti *testIssuer) addKey(kid string, alg jose.SignatureAlgorithm, publish bool) {
	ti.t.Helper()
	var k crypto.Signer
	var err error
	if alg == jose.ES256 {
		k, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	} else {
		k, err = rsa.GenerateKey(rand.Reader, 2048)
	}
	if err != nil {
		ti.t.Fatal(err)
	}
	ti.mu.Lock()
	defer ti.mu.Unlock()
	ti.keys[kid] = k
	if publish {
		ti.served = append(ti.served, kid)
	}
}

func (ti *testIssuer) publish(kid string) {
	ti.mu.Lock()
	defer ti.mu.Unlock()
	ti.served = append(ti.served, kid)
}

// sign makes a token with the key kid, claims std merged with extra.
func (ti *testIssuer) sign(kid string, alg jose.SignatureAlgorithm, std jwt.Claims, extra map[string]any) string {
	ti.t.Helper()
	ti.mu.Lock()
	key := ti.keys[kid]
	ti.mu.Unlock()
	sig, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: jose.JSONWebKey{Key: key, KeyID: kid}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		ti.t.Fatal(err)
	}
	b := jwt.Signed(sig).Claims(std)
	if extra != nil {
		b = b.Claims(extra)
	}
	s, err := b.Serialize()
	if err != nil {
		ti.t.Fatal(err)
	}
	return s
}

// fakeClock is a settable clock.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var t0 = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)

func stdClaims(iss, sub string, aud ...string) jwt.Claims {
	return jwt.Claims{
		Issuer: iss, Subject: sub, Audience: aud,
		IssuedAt: jwt.NewNumericDate(t0.Add(-time.Minute)),
		Expiry:   jwt.NewNumericDate(t0.Add(time.Hour)),
	}
}
