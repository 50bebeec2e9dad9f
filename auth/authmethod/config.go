package authmethod

import (
	"fmt"
	"net/url"
	"time"
)

// Defaults for Config's zero fields.
const (
	DefaultMaxTokenBytes    = 16 << 10
	DefaultMaxJWKSBytes     = 1 << 20
	DefaultSkew             = 60 * time.Second
	DefaultCacheTTL         = time.Hour
	DefaultRefetchInterval  = time.Minute
	DefaultFetchTimeout     = 10 * time.Second
	maxConfiguredIssuerSize = 2048
)

// Config is what a node embeds (e.g. under "authMethods" in its config
// file) to accept JWT auth methods. The zero value accepts none.
type Config struct {
	// Issuers lists the identity providers trusted to vouch for users.
	Issuers []IssuerConfig `json:"issuers"`
	// MaxTokenBytes bounds the access token's length (default 16 KiB).
	MaxTokenBytes int `json:"maxTokenBytes,omitempty"`
	// MaxJWKSBytes bounds a JWKS document's size (default 1 MiB).
	MaxJWKSBytes int64 `json:"maxJwksBytes,omitempty"`
	// Skew is the clock skew tolerated on exp, nbf and iat (default 60 s).
	Skew time.Duration `json:"skew,omitempty"`
	// CacheTTL is how long fetched keys are used before being refetched
	// (default 1 h).
	CacheTTL time.Duration `json:"cacheTtl,omitempty"`
	// RefetchInterval is the least time between two refetches caused by an
	// unknown kid (default 1 min): a key rotation is picked up at once, a
	// flood of made-up kids costs the issuer one request a minute.
	RefetchInterval time.Duration `json:"refetchInterval,omitempty"`
	// FetchTimeout bounds one JWKS download (default 10 s).
	FetchTimeout time.Duration `json:"fetchTimeout,omitempty"`
}

// IssuerConfig trusts one issuer for some auth method types.
//
// Examples: Google: Issuer "https://accounts.google.com", JWKSURL
// "https://www.googleapis.com/oauth2/v3/certs", Types [6]; Apple: Issuer
// "https://appleid.apple.com", JWKSURL "https://appleid.apple.com/auth/keys",
// Types [8]; Stytch: Issuer "stytch.com/<project id>", JWKSURL
// "https://<api host>/v1/sessions/jwks/<project id>", Types [9 10 11 12 13].
type IssuerConfig struct {
	// Issuer is the exact iss claim value.
	Issuer string `json:"issuer"`
	// Audiences are the accepted aud values (OAuth client ids, Stytch
	// project ids); a token must name at least one. Required.
	Audiences []string `json:"audiences"`
	// Types are the auth method types this issuer may vouch for. Required.
	Types []Type `json:"types"`
	// JWKSFile is a path to a JWKS document. Exactly one of JWKSFile and
	// JWKSURL is set.
	JWKSFile string `json:"jwksFile,omitempty"`
	// JWKSURL is an http or https URL serving the issuer's JWKS.
	JWKSURL string `json:"jwksUrl,omitempty"`
}

func (c Config) withDefaults() Config {
	if c.MaxTokenBytes <= 0 {
		c.MaxTokenBytes = DefaultMaxTokenBytes
	}
	if c.MaxJWKSBytes <= 0 {
		c.MaxJWKSBytes = DefaultMaxJWKSBytes
	}
	if c.Skew <= 0 {
		c.Skew = DefaultSkew
	}
	if c.CacheTTL <= 0 {
		c.CacheTTL = DefaultCacheTTL
	}
	if c.RefetchInterval <= 0 {
		c.RefetchInterval = DefaultRefetchInterval
	}
	if c.FetchTimeout <= 0 {
		c.FetchTimeout = DefaultFetchTimeout
	}
	return c
}

// Validate reports the first configuration mistake, so a node refuses to
// start rather than refusing every login.
func (c Config) Validate() error {
	seen := map[string]bool{}
	for i, is := range c.Issuers {
		if is.Issuer == "" || len(is.Issuer) > maxConfiguredIssuerSize {
			return fmt.Errorf("authmethod config: issuers[%d]: issuer must be 1..%d bytes", i, maxConfiguredIssuerSize)
		}
		if seen[is.Issuer] {
			return fmt.Errorf("authmethod config: issuer %q listed twice", is.Issuer)
		}
		seen[is.Issuer] = true
		if len(is.Audiences) == 0 {
			return fmt.Errorf("authmethod config: issuer %q: no audiences", is.Issuer)
		}
		if len(is.Types) == 0 {
			return fmt.Errorf("authmethod config: issuer %q: no types", is.Issuer)
		}
		for _, t := range is.Types {
			if !t.isJWT() {
				return fmt.Errorf("authmethod config: issuer %q: type %d is not a JWT auth method type", is.Issuer, t)
			}
		}
		switch {
		case (is.JWKSFile == "") == (is.JWKSURL == ""):
			return fmt.Errorf("authmethod config: issuer %q: set exactly one of jwksFile and jwksUrl", is.Issuer)
		case is.JWKSURL != "":
			u, err := url.Parse(is.JWKSURL)
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				return fmt.Errorf("authmethod config: issuer %q: jwksUrl must be an http(s) URL", is.Issuer)
			}
		}
	}
	return nil
}
