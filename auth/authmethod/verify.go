package authmethod

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	jose "github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// allowedAlgs are the only signature algorithms accepted. Google, Apple and
// Stytch sign with RS256; ES256 is allowed for self-hosted issuers. The
// list is passed to the parser, so none and HS* never reach a key.
var allowedAlgs = []jose.SignatureAlgorithm{jose.RS256, jose.ES256}

// Options are the verifier's injectable dependencies.
type Options struct {
	// HTTPClient fetches JWKS URLs (default: a new http.Client; each
	// fetch is bounded by Config.FetchTimeout and the caller's context).
	HTTPClient *http.Client
	// Now is the clock (default time.Now).
	Now func() time.Time
	// CheckNonce, if set, is called with the verified token's nonce claim
	// ("" when absent) before an identity is returned; an error refuses
	// the login with ErrBadNonce. The node decides what a fresh nonce is
	// (e.g. a recent block hash, or one it handed out and now forgets),
	// which is how a replayed ID token is stopped within its lifetime.
	CheckNonce func(ctx context.Context, nonce string) error
}

// Verifier checks JWT auth methods against the configured issuers. It is
// safe for concurrent use.
type Verifier struct {
	cfg     Config
	nonce   func(ctx context.Context, nonce string) error
	now     func() time.Time
	issuers map[string]*issuer
	types   map[Type]bool
}

type issuer struct {
	cfg  IssuerConfig
	keys *keySet
}

// New validates cfg and returns a Verifier; it does not fetch keys yet.
func New(cfg Config, opts Options) (*Verifier, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.HTTPClient == nil {
		opts.HTTPClient = &http.Client{}
	}
	v := &Verifier{cfg: cfg, now: opts.Now, nonce: opts.CheckNonce, issuers: map[string]*issuer{}, types: map[Type]bool{}}
	for _, ic := range cfg.Issuers {
		v.issuers[ic.Issuer] = &issuer{cfg: ic, keys: &keySet{
			issuer: ic.Issuer, file: ic.JWKSFile, url: ic.JWKSURL,
			cfg: &v.cfg, client: opts.HTTPClient, now: opts.Now,
		}}
		for _, t := range ic.Types {
			v.types[t] = true
		}
	}
	return v, nil
}

// claims is the part of an ID token this package reads.
type claims struct {
	jwt.Claims
	Nonce  string         `json:"nonce,omitempty"`
	Stytch *stytchSession `json:"https://stytch.com/session,omitempty"`
}

type stytchSession struct {
	AuthenticationFactors []stytchFactor `json:"authentication_factors"`
}

type stytchFactor struct {
	EmailFactor *struct {
		EmailAddress string `json:"email_address"`
	} `json:"email_factor,omitempty"`
	PhoneNumberFactor *struct {
		PhoneNumber string `json:"phone_number"`
	} `json:"phone_number_factor,omitempty"`
	AuthenticatorAppFactor *struct {
		TOTPID string `json:"totp_id"`
	} `json:"authenticator_app_factor,omitempty"`
}

// Verify checks am and returns the identity it proves. Errors wrap one of
// this package's sentinels.
func (v *Verifier) Verify(ctx context.Context, am AuthMethod) (Identity, error) {
	if !am.Type.isJWT() {
		return Identity{}, fmt.Errorf("%w: type %d has no verifier in this node", ErrUnsupportedType, am.Type)
	}
	if !v.types[am.Type] {
		return Identity{}, fmt.Errorf("%w: type %d: no issuer configured", ErrUnsupportedType, am.Type)
	}
	tok, hdr, err := parse(am.AccessToken, v.cfg.MaxTokenBytes)
	if err != nil {
		return Identity{}, err
	}
	// The issuer is read before the signature is checked only to choose
	// whose keys to check it with; nothing else is believed yet.
	var unverified jwt.Claims
	if err := tok.UnsafeClaimsWithoutVerification(&unverified); err != nil {
		return Identity{}, fmt.Errorf("%w: claims: %v", ErrInvalidToken, err)
	}
	is, ok := v.issuers[unverified.Issuer]
	if !ok || !is.allows(am.Type) {
		return Identity{}, fmt.Errorf("%w: %q is not configured for type %d", ErrUnknownIssuer, truncate(unverified.Issuer), am.Type)
	}
	keys, err := is.keys.lookup(ctx, hdr.KeyID)
	if err != nil {
		return Identity{}, err
	}
	var c claims
	if err := verifyWithAny(tok, hdr, keys, &c); err != nil {
		return Identity{}, err
	}
	if err := v.checkClaims(is, &c.Claims); err != nil {
		return Identity{}, err
	}
	id, err := identity(am.Type, &c)
	if err != nil {
		return Identity{}, err
	}
	id.Nonce = c.Nonce
	id.Expires = c.Expiry.Time()
	// The decoded header and payload are the login: the signature covers
	// their canonical base64url, so they name one login however a relayer
	// spells it (base64url decoding skips line breaks and ignores a last
	// digit's unused bits, so the token as sent does not). An ES256
	// signature has two valid forms, so it is left out.
	hdrRaw, payload, err := signedParts(am.AccessToken)
	if err != nil {
		return Identity{}, err
	}
	id.Digest = loginDigest(am.Type, hdrRaw, payload)
	key, bound, err := parseSessionBinding(c.Nonce)
	if err != nil {
		return Identity{}, fmt.Errorf("nonce: %w", err)
	}
	if bound {
		id.SessionKey = key
	}
	if v.nonce != nil {
		if err := v.nonce(ctx, c.Nonce); err != nil {
			return Identity{}, fmt.Errorf("%w: nonce %q: %v", ErrBadNonce, truncate(c.Nonce), err)
		}
	}
	return id, nil
}

// signedParts decodes the header and payload of a compact token that parse
// accepted, as go-jose does before it checks the signature over them.
func signedParts(token string) (header, payload []byte, err error) {
	h, rest, _ := strings.Cut(token, ".")
	p, _, _ := strings.Cut(rest, ".")
	if header, err = base64.RawURLEncoding.DecodeString(h); err == nil {
		payload, err = base64.RawURLEncoding.DecodeString(p)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrInvalidToken, err)
	}
	return header, payload, nil
}

// parse bounds and parses the compact token, refusing every algorithm but
// RS256 and ES256 and tokens with other than one signature.
func parse(token string, maxBytes int) (*jwt.JSONWebToken, jose.Header, error) {
	if len(token) > maxBytes {
		return nil, jose.Header{}, fmt.Errorf("%w: token is %d bytes, more than MaxTokenBytes (%d)", ErrInvalidToken, len(token), maxBytes)
	}
	if token == "" {
		return nil, jose.Header{}, fmt.Errorf("%w: empty token", ErrInvalidToken)
	}
	tok, err := jwt.ParseSigned(token, allowedAlgs)
	if err != nil {
		return nil, jose.Header{}, fmt.Errorf("%w: %v", ErrInvalidToken, err)
	}
	if len(tok.Headers) != 1 {
		return nil, jose.Header{}, fmt.Errorf("%w: %d signatures, want 1", ErrInvalidToken, len(tok.Headers))
	}
	return tok, tok.Headers[0], nil
}

func verifyWithAny(tok *jwt.JSONWebToken, hdr jose.Header, keys []jose.JSONWebKey, dst *claims) error {
	for _, k := range keys {
		// A key that declares its algorithm is used only with it.
		if k.Algorithm != "" && k.Algorithm != hdr.Algorithm {
			continue
		}
		if err := tok.Claims(k.Key, dst); err == nil {
			return nil
		}
	}
	return fmt.Errorf("%w: signature does not verify with any key for kid %q", ErrInvalidToken, truncate(hdr.KeyID))
}

func (v *Verifier) checkClaims(is *issuer, c *jwt.Claims) error {
	// Issuer is re-checked on the verified claims; audience is checked
	// here so that the error says which audiences were expected.
	err := c.ValidateWithLeeway(jwt.Expected{Issuer: is.cfg.Issuer, Time: v.now()}, v.cfg.Skew)
	switch {
	case err == nil:
	case errors.Is(err, jwt.ErrExpired):
		return fmt.Errorf("%w: exp %v", ErrExpired, c.Expiry.Time().UTC())
	case errors.Is(err, jwt.ErrNotValidYet), errors.Is(err, jwt.ErrIssuedInTheFuture):
		return fmt.Errorf("%w: %v", ErrNotYetValid, err)
	case errors.Is(err, jwt.ErrInvalidIssuer):
		return fmt.Errorf("%w: %v", ErrUnknownIssuer, err)
	default:
		return fmt.Errorf("%w: %v", ErrInvalidToken, err)
	}
	// ID tokens always carry exp and iat (OIDC Core 2); a token without
	// exp would be valid forever.
	if c.Expiry == nil || c.IssuedAt == nil {
		return fmt.Errorf("%w: exp and iat are required", ErrInvalidToken)
	}
	// The first aud is the one that becomes the app id (Lit takes aud[0]
	// for Stytch; Google and Apple tokens carry one), so it is the one
	// that must be configured: a token may not borrow an accepted
	// audience in second place to log in to another app's id.
	if len(c.Audience) > 0 {
		for _, want := range is.cfg.Audiences {
			if c.Audience[0] == want {
				return nil
			}
		}
	}
	return fmt.Errorf("%w: aud %q, issuer %q accepts %q", ErrWrongAudience, truncateAll(c.Audience), is.cfg.Issuer, is.cfg.Audiences)
}

func (is *issuer) allows(t Type) bool {
	for _, x := range is.cfg.Types {
		if x == t {
			return true
		}
	}
	return false
}

// identity maps verified claims to the user and app ids Lit uses.
func identity(t Type, c *claims) (Identity, error) {
	if len(c.Audience) == 0 {
		return Identity{}, fmt.Errorf("%w: no aud", ErrInvalidToken)
	}
	var user, app string
	switch {
	case t == GoogleJWT || t == AppleJWT:
		// Lit interpolates aud as a string; a list would hash differently
		// from what the SDK computes, so only a single audience is taken.
		if len(c.Audience) != 1 {
			return Identity{}, fmt.Errorf("%w: %d audiences, want 1", ErrInvalidToken, len(c.Audience))
		}
		user, app = c.Subject, c.Audience[0]
	case t == StytchOtp:
		user, app = c.Subject, c.Audience[0]
	default:
		f, err := stytchFactorUser(t, c.Stytch)
		if err != nil {
			return Identity{}, err
		}
		user, app = f, c.Audience[0]
	}
	user, app = normalize(t, user, app)
	if user == "" || app == "" {
		return Identity{}, fmt.Errorf("%w: empty user id or app id", ErrInvalidToken)
	}
	return Identity{Type: t, UserID: user, AppID: app, ID: ID(user, app)}, nil
}

// normalize applies Lit's per-type normalisation: Stytch ids are lower-cased.
func normalize(t Type, user, app string) (string, string) {
	if t >= StytchOtp && t <= StytchTotp {
		return strings.ToLower(user), strings.ToLower(app)
	}
	return user, app
}

// IDFor is the on-chain id of a JWT login of type t (6, 8, 9–13) for the user id and app id as the token
// carries them (sub, or the Stytch factor for 10–13; aud), normalised as Lit's SDK does: what an owner
// registers on a PKP before the first login.
func IDFor(t Type, userID, appID string) ([32]byte, error) {
	if !t.isJWT() {
		return [32]byte{}, fmt.Errorf("%w: type %d is not a JWT auth method", ErrUnsupportedType, t)
	}
	user, app := normalize(t, userID, appID)
	if user == "" || app == "" {
		return [32]byte{}, fmt.Errorf("%w: empty user id or app id", ErrInvalidToken)
	}
	return ID(user, app), nil
}

func stytchFactorUser(t Type, s *stytchSession) (string, error) {
	if s == nil {
		return "", fmt.Errorf("%w: no %q claim", ErrInvalidToken, stytchClaimName)
	}
	for _, f := range s.AuthenticationFactors {
		switch {
		case t == StytchEmailOtp && f.EmailFactor != nil && f.EmailFactor.EmailAddress != "":
			return f.EmailFactor.EmailAddress, nil
		case (t == StytchSmsOtp || t == StytchWhatsApp) && f.PhoneNumberFactor != nil && f.PhoneNumberFactor.PhoneNumber != "":
			return f.PhoneNumberFactor.PhoneNumber, nil
		case t == StytchTotp && f.AuthenticatorAppFactor != nil && f.AuthenticatorAppFactor.TOTPID != "":
			return f.AuthenticatorAppFactor.TOTPID, nil
		}
	}
	return "", fmt.Errorf("%w: no authentication factor for type %d in %q", ErrInvalidToken, t, stytchClaimName)
}

// truncate keeps attacker-chosen strings short in error messages.
func truncate(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

func truncateAll(ss []string) []string {
	if len(ss) > 4 {
		ss = ss[:4]
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = truncate(s)
	}
	return out
}
