package authmethod

import (
	"context"
	"crypto/ecdsa"
	"crypto/rsa"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"sync"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// keySet holds one issuer's keys: loaded on first use, reloaded after the
// TTL, and reloaded early (at most once per refetch interval) when a token
// names a kid it does not know, which is how a key rotation shows up.
type keySet struct {
	issuer string
	file   string
	url    string
	cfg    *Config
	client *http.Client
	now    func() time.Time

	// mu is held across a load so that concurrent logins wait for one
	// fetch rather than each starting their own.
	mu        sync.Mutex
	keys      []jose.JSONWebKey
	loadedAt  time.Time
	lastForce time.Time
	loaded    bool
}

// lookup returns the keys matching kid (all keys if kid is empty).
func (s *keySet) lookup(ctx context.Context, kid string) ([]jose.JSONWebKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	fresh := false
	if !s.loaded || now.Sub(s.loadedAt) >= s.cfg.CacheTTL {
		if err := s.load(ctx, now); err != nil {
			if !s.loaded {
				return nil, err
			}
			// The issuer is down but its keys were good an hour ago:
			// keep using them rather than refusing every login, and
			// try again after one refetch interval, not on every call.
			s.loadedAt = now.Add(s.cfg.RefetchInterval - s.cfg.CacheTTL)
		} else {
			fresh = true
		}
	}
	if ks := s.match(kid); len(ks) > 0 {
		return ks, nil
	}
	if fresh {
		// Just downloaded: asking again now would return the same set.
		return nil, fmt.Errorf("%w: no key %q for issuer %q", ErrInvalidToken, truncate(kid), s.issuer)
	}
	if now.Sub(s.lastForce) < s.cfg.RefetchInterval {
		return nil, fmt.Errorf("%w: no key %q for issuer %q (refetch rate-limited to one per %v)", ErrInvalidToken, truncate(kid), s.issuer, s.cfg.RefetchInterval)
	}
	s.lastForce = now
	if err := s.load(ctx, now); err != nil {
		return nil, err
	}
	if ks := s.match(kid); len(ks) > 0 {
		return ks, nil
	}
	return nil, fmt.Errorf("%w: no key %q for issuer %q", ErrInvalidToken, truncate(kid), s.issuer)
}

func (s *keySet) match(kid string) []jose.JSONWebKey {
	var out []jose.JSONWebKey
	for _, k := range s.keys {
		if kid == "" || k.KeyID == kid {
			out = append(out, k)
		}
	}
	return out
}

func (s *keySet) load(ctx context.Context, now time.Time) error {
	raw, err := s.read(ctx)
	if err != nil {
		return fmt.Errorf("%w: issuer %q: %v", ErrUnavailable, s.issuer, err)
	}
	var set jose.JSONWebKeySet
	if err := json.Unmarshal(raw, &set); err != nil {
		return fmt.Errorf("%w: issuer %q: bad JWKS: %v", ErrUnavailable, s.issuer, err)
	}
	// Only public RSA and EC keys can check RS256/ES256; a symmetric or
	// private key in a JWKS is an operator mistake and is dropped rather
	// than ever used as a verification key.
	keys := set.Keys[:0]
	for _, k := range set.Keys {
		if k.Use != "" && k.Use != "sig" {
			continue
		}
		if !k.IsPublic() || !k.Valid() {
			continue
		}
		switch k.Key.(type) {
		case *rsa.PublicKey, *ecdsa.PublicKey:
			keys = append(keys, k)
		}
	}
	s.keys = keys
	s.loadedAt = now
	s.loaded = true
	return nil
}

func (s *keySet) read(ctx context.Context) ([]byte, error) {
	limit := s.cfg.MaxJWKSBytes
	if s.file != "" {
		f, err := os.Open(s.file)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return readBounded(f, limit)
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.FetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.url, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := s.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %d", s.url, resp.StatusCode)
	}
	return readBounded(resp.Body, limit)
}

func readBounded(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, fmt.Errorf("JWKS larger than MaxJWKSBytes (%d bytes)", limit)
	}
	return b, nil
}
