package oauth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// Lit's auth method types this package verifies.
const (
	Discord     = 4
	GoogleOAuth = 5
)

// The providers' real API base URLs, for operators to put in Config.
const (
	DefaultDiscordAPI = "https://discord.com/api"
	DefaultGoogleAPI  = "https://www.googleapis.com"
)

// Defaults for Config's zero fields.
const (
	DefaultMaxTokenBytes    = 4096
	DefaultMaxResponseBytes = 64 << 10
	DefaultTimeout          = 10 * time.Second
	maxIDBytes              = 256
	maxClientIDs            = 64
)

// Config says which providers a node asks and which apps it accepts. The
// zero value verifies nothing: each provider is off until its base URL is
// set.
type Config struct {
	// DiscordAPI is Discord's API base URL (DefaultDiscordAPI), or "" to
	// refuse Discord tokens.
	DiscordAPI string `json:"discordApi,omitempty"`
	// GoogleAPI is Google's API base URL (DefaultGoogleAPI), or "" to
	// refuse Google OAuth access tokens.
	GoogleAPI string `json:"googleApi,omitempty"`
	// DiscordClientIDs are the Discord application ids whose tokens are
	// accepted; required when DiscordAPI is set. (Lit's SDK defaults to
	// its own app, 1052874239658692668.)
	DiscordClientIDs []string `json:"discordClientIds,omitempty"`
	// GoogleClientIDs are the Google OAuth client ids
	// ("….apps.googleusercontent.com") whose tokens are accepted;
	// required when GoogleAPI is set.
	GoogleClientIDs []string `json:"googleClientIds,omitempty"`
	// HTTPClient makes the calls (default: a fresh http.Client). Its
	// redirect policy is replaced: redirects are never followed.
	HTTPClient *http.Client `json:"-"`
	// Timeout bounds one provider call, body included (default 10 s).
	Timeout time.Duration `json:"timeout,omitempty"`
	// MaxTokenBytes bounds the access token's length (default 4 KiB;
	// Google documents up to 2048 bytes, Discord's are far shorter).
	MaxTokenBytes int `json:"maxTokenBytes,omitempty"`
	// MaxResponseBytes bounds a provider answer (default 64 KiB).
	MaxResponseBytes int64 `json:"maxResponseBytes,omitempty"`
}

// Verifier asks the configured providers whom access tokens belong to. It
// is safe for concurrent use.
type Verifier struct {
	discord, google *url.URL // nil: not configured
	discordIDs      []string
	googleIDs       []string
	client          *http.Client
	timeout         time.Duration
	maxToken        int
	maxResponse     int64
}

// New checks cfg and returns a Verifier. Errors name the offending field.
func New(cfg Config) (*Verifier, error) {
	v := &Verifier{
		timeout:     cfg.Timeout,
		maxToken:    cfg.MaxTokenBytes,
		maxResponse: cfg.MaxResponseBytes,
	}
	if v.timeout <= 0 {
		v.timeout = DefaultTimeout
	}
	if v.maxToken <= 0 {
		v.maxToken = DefaultMaxTokenBytes
	}
	if v.maxResponse <= 0 {
		v.maxResponse = DefaultMaxResponseBytes
	}
	var err error
	if v.discord, v.discordIDs, err = provider("discord", cfg.DiscordAPI, cfg.DiscordClientIDs); err != nil {
		return nil, err
	}
	if v.google, v.googleIDs, err = provider("google", cfg.GoogleAPI, cfg.GoogleClientIDs); err != nil {
		return nil, err
	}
	c := &http.Client{}
	if cfg.HTTPClient != nil {
		cp := *cfg.HTTPClient
		c = &cp
	}
	// A redirect would carry a Google token (it is in the query) to
	// wherever the answer points; only the configured host is asked.
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	v.client = c
	return v, nil
}

// provider checks one provider's base URL and client ids; an empty base
// URL leaves it off.
func provider(name, base string, ids []string) (*url.URL, []string, error) {
	if base == "" {
		if len(ids) != 0 {
			return nil, nil, fmt.Errorf("oauth: %s client ids given but no %s API base URL", name, name)
		}
		return nil, nil, nil
	}
	u, err := url.Parse(base)
	if err != nil {
		return nil, nil, fmt.Errorf("oauth: %s API base URL: %w", name, err)
	}
	if u.Host == "" || u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return nil, nil, fmt.Errorf("oauth: %s API base URL %q: want scheme://host[/path] without user, query or fragment", name, base)
	}
	// Tokens are bearer credentials: plain http only to this machine
	// (tests, a local proxy that adds TLS).
	if u.Scheme != "https" && !(u.Scheme == "http" && isLoopback(u.Hostname())) {
		return nil, nil, fmt.Errorf("oauth: %s API base URL %q: must be https (http only for a loopback host)", name, base)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	if len(ids) == 0 {
		return nil, nil, fmt.Errorf("oauth: %s API configured without client ids: list the apps whose tokens this node accepts", name)
	}
	if len(ids) > maxClientIDs {
		return nil, nil, fmt.Errorf("oauth: %d %s client ids, more than %d", len(ids), name, maxClientIDs)
	}
	for _, id := range ids {
		if !validID(id) {
			return nil, nil, fmt.Errorf("oauth: %s client id %q: want 1–%d printable characters", name, id, maxIDBytes)
		}
	}
	return u, slices.Clone(ids), nil
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// Verify asks the provider of auth method type typ whom accessToken belongs
// to and returns the user id and app id that make up the auth method id.
// Every error wraps one of this package's Err values; a failed call also
// wraps its cause (context.DeadlineExceeded, context.Canceled, a net error).
func (v *Verifier) Verify(ctx context.Context, typ int, accessToken string) (userID, appID string, err error) {
	var base *url.URL
	var ids []string
	switch typ {
	case Discord:
		base, ids = v.discord, v.discordIDs
	case GoogleOAuth:
		base, ids = v.google, v.googleIDs
	default:
		return "", "", fmt.Errorf("%w: type %d (this verifier handles 4 Discord and 5 Google OAuth)", ErrUnsupportedType, typ)
	}
	name := providerName(typ)
	if base == nil {
		return "", "", fmt.Errorf("%w: %s tokens need the node's %s API base URL configured", ErrNotConfigured, name, name)
	}
	if err := v.checkToken(accessToken); err != nil {
		return "", "", err
	}
	body, err := v.call(ctx, typ, base, accessToken)
	if err != nil {
		return "", "", err
	}
	if typ == Discord {
		userID, appID, err = parseDiscord(body)
	} else {
		userID, appID, err = parseGoogle(body)
	}
	if err != nil {
		return "", "", err
	}
	if !slices.Contains(ids, appID) {
		return "", "", fmt.Errorf("%w: %s app id %q is not one of the node's configured client ids", ErrWrongClient, name, clip(appID))
	}
	return userID, appID, nil
}

func providerName(typ int) string {
	if typ == Discord {
		return "discord"
	}
	return "google"
}

// checkToken enforces the length bound and RFC 6750's b64token grammar
// (ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/", then "="s), which
// every Discord and Google access token satisfies and which leaves no room
// for header or query injection.
func (v *Verifier) checkToken(t string) error {
	if t == "" {
		return fmt.Errorf("%w: empty access token", ErrInvalidToken)
	}
	if len(t) > v.maxToken {
		return fmt.Errorf("%w: access token of %d bytes exceeds MaxTokenBytes (%d)", ErrInvalidToken, len(t), v.maxToken)
	}
	pad := false
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c == '=':
			pad = true
		case pad:
			return fmt.Errorf("%w: access token has characters after its '=' padding", ErrInvalidToken)
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '.', c == '_', c == '~', c == '+', c == '/':
		default:
			return fmt.Errorf("%w: access token has a character a bearer token cannot have (byte %d)", ErrInvalidToken, i)
		}
	}
	if pad && t[0] == '=' {
		return fmt.Errorf("%w: access token is only padding", ErrInvalidToken)
	}
	return nil
}

// call makes the provider request and returns the 200 answer's body.
func (v *Verifier) call(ctx context.Context, typ int, base *url.URL, token string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, v.timeout)
	defer cancel()
	u := *base
	var endpoint string
	if typ == Discord {
		endpoint = "/oauth2/@me"
	} else {
		endpoint = "/oauth2/v1/tokeninfo"
		u.RawQuery = url.Values{"access_token": {token}}.Encode()
	}
	u.Path += endpoint
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: building %s request: %v", ErrUnavailable, endpoint, err)
	}
	req.Header.Set("Accept", "application/json")
	if typ == Discord {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	where := u.Host + u.Path // never the whole URL: Google's query has the token
	resp, err := v.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%w: GET %s: %w", ErrUnavailable, where, transportCause(err))
	}
	defer resp.Body.Close()
	switch s := resp.StatusCode; {
	case s == http.StatusOK:
	case s == http.StatusBadRequest || s == http.StatusUnauthorized || s == http.StatusForbidden:
		// Google answers 400 {"error":"invalid_token"}, Discord 401.
		return nil, fmt.Errorf("%w: GET %s: provider refused the token (status %d)", ErrInvalidToken, where, s)
	default:
		return nil, fmt.Errorf("%w: GET %s: status %d", ErrUnavailable, where, s)
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, v.maxResponse+1))
	if err != nil {
		return nil, fmt.Errorf("%w: GET %s: reading answer: %w", ErrUnavailable, where, transportCause(err))
	}
	if int64(len(b)) > v.maxResponse {
		return nil, fmt.Errorf("%w: GET %s: answer exceeds MaxResponseBytes (%d)", ErrBadResponse, where, v.maxResponse)
	}
	return b, nil
}

// transportCause strips *url.Error's URL (for Google it holds the token)
// and keeps the cause.
func transportCause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return context.DeadlineExceeded
	}
	return err
}
