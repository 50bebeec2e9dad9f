package webauthn

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/protocol/webauthncose"
	"golang.org/x/crypto/sha3"
)

// AuthMethodType is Lit's auth method type number for WebAuthn.
const AuthMethodType = 3

// AppID is the app id Lit's SDK appends to the credential id ("rpName",
// "lit" unless the app overrides it) when it derives the auth method id.
const AppID = "lit"

// Bounds on the untrusted input; each is named in the error that enforces it.
const (
	// MaxAccessToken bounds the whole accessToken (JSON text).
	MaxAccessToken = 16 << 10
	// MaxCredentialID is WebAuthn's own limit on a credential id (§5.1).
	MaxCredentialID = 1023
	// MaxClientDataJSON bounds clientDataJSON; browsers send ~150–300 bytes.
	MaxClientDataJSON = 4 << 10
	// MaxAuthenticatorData bounds authenticatorData (37 bytes plus
	// extensions).
	MaxAuthenticatorData = 2 << 10
	// MinAuthenticatorData is rpIdHash(32) ‖ flags(1) ‖ signCount(4).
	MinAuthenticatorData = 37
	// MaxSignature bounds the signature (an RSA-4096 one is 512 bytes).
	MaxSignature = 1 << 10
	// MaxUserHandle bounds the decoded userHandle: WebAuthn allows 64 bytes,
	// which the SDK base64url-encodes once more before this decoding.
	MaxUserHandle = 128
	// MaxPublicKey bounds the registered COSE public key.
	MaxPublicKey = 2 << 10
	// ChallengeSize is the size of the challenge the SDK signs: a block hash.
	ChallengeSize = 32
)

// Assertion is a parsed, not yet verified, WebAuthn assertion.
type Assertion struct {
	rawID string // exactly as sent: the auth method id is derived from it
	par   *protocol.ParsedCredentialAssertionData
}

// CredentialID returns the credential id (rawId decoded).
func (a *Assertion) CredentialID() []byte { return bytes.Clone(a.par.RawID) }

// UserID returns the user id Lit derives for this auth method: the rawId
// string (base64url) exactly as the SDK sent it.
func (a *Assertion) UserID() string { return a.rawID }

// AuthMethodID returns keccak256("<rawId>:lit"), the id under which the
// credential is registered on chain; a node looks up the registered public key
// with it before calling Verify.
func (a *Assertion) AuthMethodID() [32]byte { return AuthMethodIDFor(a.rawID) }

// AuthMethodIDFor returns the auth method id of a credential whose rawId (in
// base64url, as the SDK sends it) is userID.
func AuthMethodIDFor(userID string) [32]byte {
	h := sha3.NewLegacyKeccak256()
	h.Write([]byte(userID + ":" + AppID))
	var id [32]byte
	h.Sum(id[:0])
	return id
}

// tokenFields is what Parse reads itself before handing the token to
// go-webauthn: the rawId string (which the id is derived from) and the
// base64url fields, so their sizes are checked before they are decoded.
type tokenFields struct {
	RawID    *string `json:"rawId"`
	Response *struct {
		ClientDataJSON    string `json:"clientDataJSON"`
		AuthenticatorData string `json:"authenticatorData"`
		Signature         string `json:"signature"`
		UserHandle        string `json:"userHandle"`
	} `json:"response"`
}

// encodedLen is the longest base64url text (padded or not) of n bytes.
func encodedLen(n int) int { return base64.URLEncoding.EncodedLen(n) }

// Parse reads an accessToken as Lit's SDK builds it (see the package doc). It
// checks the shape and every size bound; it verifies nothing.
func Parse(accessToken string) (*Assertion, error) {
	if len(accessToken) > MaxAccessToken {
		return nil, fmt.Errorf("%w: accessToken is %d bytes, more than MaxAccessToken %d", ErrTooLarge, len(accessToken), MaxAccessToken)
	}
	var f tokenFields
	if err := json.Unmarshal([]byte(accessToken), &f); err != nil {
		return nil, fmt.Errorf("%w: accessToken is not JSON: %v", ErrMalformed, err)
	}
	if f.RawID == nil || *f.RawID == "" {
		return nil, fmt.Errorf("%w: rawId missing", ErrMalformed)
	}
	if f.Response == nil {
		return nil, fmt.Errorf("%w: response missing", ErrMalformed)
	}
	for _, c := range []struct {
		name  string
		text  string
		max   int
		bound string
	}{
		{"rawId", *f.RawID, MaxCredentialID, "MaxCredentialID"},
		{"clientDataJSON", f.Response.ClientDataJSON, MaxClientDataJSON, "MaxClientDataJSON"},
		{"authenticatorData", f.Response.AuthenticatorData, MaxAuthenticatorData, "MaxAuthenticatorData"},
		{"signature", f.Response.Signature, MaxSignature, "MaxSignature"},
		{"userHandle", f.Response.UserHandle, MaxUserHandle, "MaxUserHandle"},
	} {
		if len(c.text) > encodedLen(c.max) {
			return nil, fmt.Errorf("%w: %s is %d characters, more than %s %d bytes encoded", ErrTooLarge, c.name, len(c.text), c.bound, c.max)
		}
	}
	// The auth method id hashes the rawId string, so only the canonical
	// spelling is accepted: two spellings of one credential must not name
	// two auth methods.
	raw, err := base64.RawURLEncoding.Strict().DecodeString(*f.RawID)
	if err != nil || base64.RawURLEncoding.EncodeToString(raw) != *f.RawID {
		return nil, fmt.Errorf("%w: rawId is not canonical unpadded base64url", ErrMalformed)
	}
	par, err := protocol.ParseCredentialRequestResponseBytes([]byte(accessToken))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, describe(err))
	}
	r := par.Raw.AssertionResponse
	switch {
	case len(r.AuthenticatorData) < MinAuthenticatorData:
		return nil, fmt.Errorf("%w: authenticatorData is %d bytes, fewer than %d", ErrMalformed, len(r.AuthenticatorData), MinAuthenticatorData)
	case len(r.Signature) == 0:
		return nil, fmt.Errorf("%w: signature missing", ErrMalformed)
	case len(r.ClientDataJSON) == 0:
		return nil, fmt.Errorf("%w: clientDataJSON missing", ErrMalformed)
	}
	return &Assertion{rawID: *f.RawID, par: par}, nil
}

// describe keeps go-webauthn's detail text, which its Error() drops.
func describe(err error) string {
	var pe *protocol.Error
	if errors.As(err, &pe) {
		s := pe.Details
		if pe.DevInfo != "" {
			s += " (" + pe.DevInfo + ")"
		}
		if pe.Err != nil {
			s += ": " + pe.Err.Error()
		}
		return s
	}
	return err.Error()
}

// Credential is a registered WebAuthn credential: its id and the COSE_Key
// public key stored with the auth method.
type Credential struct {
	ID        []byte
	PublicKey []byte
}

// Options configure Verify.
type Options struct {
	// RecentChallenge reports whether challenge (32 bytes) is the hash of a
	// recent block. Required: with none, every assertion is refused.
	RecentChallenge func(challenge []byte) bool
	// Origins are the allowed client data origins, e.g.
	// "https://app.example". Empty allows any https origin, as Lit's network
	// does: the authenticator scopes credentials to an rpId, so a page can
	// only obtain assertions for its own site's credentials.
	Origins []string
	// RPID is the expected rpId. Empty means the origin's host, which is what
	// the SDK asks the authenticator for.
	RPID string
	// RequireUserVerification also requires the user-verified flag (the SDK
	// asks for userVerification "required"; authenticators that cannot
	// verify still set user-present).
	RequireUserVerification bool
}

// Result is what a verified assertion proves.
type Result struct {
	// UserID is the rawId string; AuthMethodID is keccak256(UserID + ":lit").
	UserID       string
	AuthMethodID [32]byte
	// SignCount is the authenticator's counter, reported and not checked
	// (see the package doc).
	SignCount uint32
	// UserVerified is the authenticator's user-verified flag.
	UserVerified bool
	// Origin and RPID are the origin and rpId that were accepted.
	Origin string
	RPID   string
}

// Verify checks a parsed assertion against the credential registered for its
// auth method id, and returns who it proves.
func Verify(a *Assertion, cred Credential, opts Options) (Result, error) {
	if a == nil || a.par == nil {
		return Result{}, fmt.Errorf("%w: no assertion", ErrMalformed)
	}
	if !bytes.Equal(cred.ID, a.par.RawID) {
		return Result{}, fmt.Errorf("%w: assertion is for credential %s, not the registered %s", ErrWrongCredential,
			a.rawID, base64.RawURLEncoding.EncodeToString(cred.ID))
	}
	if err := checkKey(cred.PublicKey); err != nil {
		return Result{}, err
	}
	cd := a.par.Response.CollectedClientData
	if cd.Type != protocol.AssertCeremony {
		return Result{}, fmt.Errorf("%w: clientDataJSON.type is %q, want %q", ErrWrongType, cd.Type, protocol.AssertCeremony)
	}
	challenge, err := base64.RawURLEncoding.Strict().DecodeString(cd.Challenge)
	if err != nil || len(challenge) != ChallengeSize {
		return Result{}, fmt.Errorf("%w: challenge is not %d bytes in base64url", ErrStaleChallenge, ChallengeSize)
	}
	if opts.RecentChallenge == nil {
		return Result{}, fmt.Errorf("%w: no RecentChallenge check configured", ErrStaleChallenge)
	}
	if !opts.RecentChallenge(challenge) {
		return Result{}, fmt.Errorf("%w: challenge 0x%x is not a recent block hash", ErrStaleChallenge, challenge)
	}
	origins, host, err := checkOrigin(cd, opts.Origins)
	if err != nil {
		return Result{}, err
	}
	rpID := opts.RPID
	if rpID == "" {
		rpID = host
	}
	ad := a.par.Response.AuthenticatorData
	if want := sha256.Sum256([]byte(rpID)); !bytes.Equal(ad.RPIDHash, want[:]) {
		return Result{}, fmt.Errorf("%w: authenticator data is not scoped to rpId %q", ErrWrongRPID, rpID)
	}
	if !ad.Flags.UserPresent() {
		return Result{}, fmt.Errorf("%w: user-present flag not set", ErrUserNotPresent)
	}
	if opts.RequireUserVerification && !ad.Flags.UserVerified() {
		return Result{}, fmt.Errorf("%w: user-verified flag not set and user verification is required", ErrUserNotPresent)
	}
	// The checks above give each refusal its own code; go-webauthn then runs
	// the whole of §7.2 again, including the signature, so nothing this
	// package skipped is skipped.
	err = a.par.Verify(cd.Challenge, rpID, "", origins, nil, nil, protocol.TopOriginDefaultVerificationMode,
		false, opts.RequireUserVerification, true, cred.PublicKey, protocol.SignaturePolicy{})
	if err != nil {
		var pe *protocol.Error
		if errors.As(err, &pe) && pe.Type == protocol.ErrAssertionSignature.Type {
			return Result{}, fmt.Errorf("%w: %s", ErrBadSignature, describe(err))
		}
		return Result{}, fmt.Errorf("%w: %s", ErrMalformed, describe(err))
	}
	return Result{
		UserID:       a.rawID,
		AuthMethodID: a.AuthMethodID(),
		SignCount:    ad.Counter,
		UserVerified: ad.Flags.UserVerified(),
		Origin:       cd.Origin,
		RPID:         rpID,
	}, nil
}

// CheckPublicKey reports whether cose is a registrable credential key: an ES256 (P-256) or RS256 COSE key
// of at most MaxPublicKey bytes, the keys Verify accepts.
func CheckPublicKey(cose []byte) error { return checkKey(cose) }

// checkKey accepts ES256 (P-256) and RS256 COSE keys only: the two every
// browser's authenticators produce, and the two the SDK's registration allows.
func checkKey(cose []byte) error {
	if len(cose) == 0 {
		return fmt.Errorf("%w: registered public key is empty", ErrBadKey)
	}
	if len(cose) > MaxPublicKey {
		return fmt.Errorf("%w: registered public key is %d bytes, more than MaxPublicKey %d", ErrBadKey, len(cose), MaxPublicKey)
	}
	key, err := webauthncose.ParsePublicKey(cose)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrBadKey, err)
	}
	switch k := key.(type) {
	case webauthncose.EC2PublicKeyData:
		if k.Algorithm != int64(webauthncose.AlgES256) || k.Curve != int64(webauthncose.P256) {
			return fmt.Errorf("%w: EC2 key with alg %d curve %d, want ES256 on P-256", ErrBadKey, k.Algorithm, k.Curve)
		}
	case webauthncose.RSAPublicKeyData:
		if k.Algorithm != int64(webauthncose.AlgRS256) {
			return fmt.Errorf("%w: RSA key with alg %d, want RS256", ErrBadKey, k.Algorithm)
		}
	default:
		return fmt.Errorf("%w: key type %T not accepted (ES256 and RS256 only)", ErrBadKey, key)
	}
	return nil
}

// checkOrigin returns the origin list to hand go-webauthn and the origin's
// host (the default rpId).
func checkOrigin(cd protocol.CollectedClientData, allowed []string) ([]string, string, error) {
	if cd.CrossOrigin || cd.TopOrigin != "" {
		return nil, "", fmt.Errorf("%w: cross-origin assertion (origin %q, topOrigin %q)", ErrWrongOrigin, cd.Origin, cd.TopOrigin)
	}
	u, err := url.Parse(cd.Origin)
	if err != nil || u.Host == "" || u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return nil, "", fmt.Errorf("%w: origin %q is not scheme://host[:port]", ErrWrongOrigin, cd.Origin)
	}
	if len(allowed) == 0 {
		if u.Scheme != "https" {
			return nil, "", fmt.Errorf("%w: origin %q is not https (configure Origins to allow it)", ErrWrongOrigin, cd.Origin)
		}
		return []string{cd.Origin}, u.Hostname(), nil
	}
	if !protocol.IsOriginInHaystack(cd.Origin, allowed) {
		return nil, "", fmt.Errorf("%w: origin %q is not one of %q", ErrWrongOrigin, cd.Origin, allowed)
	}
	return allowed, u.Hostname(), nil
}
