package auth

import (
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func loadLitCapabilities(t testing.TB) []AuthSig {
	t.Helper()
	var caps []AuthSig
	for _, raw := range []string{litEOASessionSig, litPKPSessionSig} {
		a, err := ParseAuthSig([]byte(raw))
		if err != nil {
			t.Fatal(err)
		}
		var sm SessionSigned
		if err := json.Unmarshal([]byte(a.SignedMessage), &sm); err != nil {
			t.Fatal(err)
		}
		caps = append(caps, sm.Capabilities...)
	}
	return caps
}

func TestVerifySession(t *testing.T) {
	s := newSession(t)
	id, err := Verify(ctx, s.raw(t), sessionOpts(needPKP))
	if err != nil {
		t.Fatal(err)
	}
	if id.Address != s.wallet.addr || id.Method != MethodSession || !id.SessionKey.Equal(s.pub) ||
		len(id.Requested) != 2 || id.Capability == nil || id.SIWE == nil {
		t.Fatalf("identity %+v", id)
	}
	// The session expires before its wallet grant does.
	if want, _ := time.Parse(time.RFC3339, s.signed.Expiration); !id.Expires.Equal(want) {
		t.Fatalf("Expires = %v, want %v", id.Expires, want)
	}
	action := ResourceAbility{Resource: ActionResource("QmT78zSuBmuS4z925WZfrqQ1qHaJ56DQaTfyMUF7F8ff5o"), Ability: AbilityActionExecution}
	decrypt := ResourceAbility{Resource: Resource{Prefix: PrefixACC, ID: "ab/cd"}, Ability: AbilityACCDecryption}
	if !id.Allows(needPKP) || !id.Allows(action) || id.Allows(decrypt) {
		t.Fatal("Allows does not follow the grant")
	}
	// The same signature serves an Action execution request.
	if _, err := Verify(ctx, s.raw(t), sessionOpts(action)); err != nil {
		t.Fatalf("action: %v", err)
	}
	// "localhost" and a trailing slash name the same node.
	opts := sessionOpts(needPKP)
	opts.NodeURL = "http://localhost:7470/"
	if _, err := Verify(ctx, s.raw(t), opts); err != nil {
		t.Fatalf("localhost node URL: %v", err)
	}
}

// TestLitEOASessionVector verifies a session signature made by the Lit JS
// SDK: ed25519 over the SDK's JSON, the wallet's EIP-191 signature over its
// SIWE grant, and the ReCap statement as the SDK writes it.
func TestLitEOASessionVector(t *testing.T) {
	now := time.Date(2024, 6, 2, 21, 0, 0, 0, time.UTC)
	node := "https://207.244.70.36:8474"
	pkp := ResourceAbility{Resource: PKPResource([32]byte{1, 2, 3}), Ability: AbilityPKPSigning}
	opts := Options{Now: now, NodeURL: node, Need: &pkp}
	id, err := Verify(ctx, json.RawMessage(litEOASessionSig), opts)
	if err != nil {
		t.Fatal(err)
	}
	if id.Address.Hex() != "0x6c48cc6CE0972a97074bA0d374B7F58E3031fE87" || id.Method != MethodSession ||
		hex.EncodeToString(id.SessionKey) != "4afd2573c82608c54a2c52c77dfbb13595b4f87d93ebc299459a06a7f698b8f1" {
		t.Fatalf("identity %+v", id)
	}
	// The SDK's ReCap re-encodes to the same bytes.
	if id.Capability.Encode() != id.SIWE.Resources[0] {
		t.Fatalf("ReCap encodes as %s", id.Capability.Encode())
	}

	for _, c := range []struct {
		name string
		mod  func(*Options)
		want error
	}{
		{"another node", func(o *Options) { o.NodeURL = "https://207.244.70.36:8475" }, ErrWrongNode},
		{"a day later", func(o *Options) { o.Now = now.Add(24 * time.Hour) }, ErrExpired},
		{"before issuance", func(o *Options) { o.Now = now.Add(-time.Hour) }, ErrNotYetValid},
		{"decryption not requested", func(o *Options) {
			o.Need = &ResourceAbility{Resource: Resource{Prefix: PrefixACC, ID: "*"}, Ability: AbilityACCDecryption}
		}, ErrNotGranted},
	} {
		o := opts
		c.mod(&o)
		if _, err := Verify(ctx, json.RawMessage(litEOASessionSig), o); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
	// Flipping one signature byte breaks the ed25519 check.
	tampered := strings.Replace(litEOASessionSig, `"sig": "8d22`, `"sig": "8d23`, 1)
	if tampered == litEOASessionSig {
		t.Fatal("vector layout changed")
	}
	if _, err := Verify(ctx, json.RawMessage(tampered), opts); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("tampered: %v", err)
	}
}

// TestLitPKPSessionVector: a PKP session (the network's BLS signature binds
// the key) passes the ed25519 check and is then refused as unsupported, not
// as forged; its wallet-signed capacity delegation binds no session key.
func TestLitPKPSessionVector(t *testing.T) {
	now := time.Date(2024, 10, 16, 14, 0, 0, 0, time.UTC)
	opts := Options{Now: now, NodeURL: "https://51.255.59.58:443", Need: &needPKP}
	_, err := Verify(ctx, json.RawMessage(litPKPSessionSig), opts)
	if !errors.Is(err, ErrUnsupported) || !strings.Contains(err.Error(), "capability 1") {
		t.Fatalf("err = %v, want ErrUnsupported from capability 1", err)
	}
}

func TestVerifySessionRejects(t *testing.T) {
	other := newWallet(t)
	_, otherPriv, _ := ed25519.GenerateKey(nil)
	otherPub := otherPriv.Public().(ed25519.PublicKey)

	regrant := func(f *sessionFixture, w wallet, pub ed25519.PublicKey, rc *Recap, issued, expires time.Time, mod func(*Message)) {
		m := f.wallet.grantSIWE(pub, rc, issued, expires)
		m.Address = w.addr
		if mod != nil {
			mod(m)
		}
		f.signed.Capabilities = []AuthSig{w.authSig(t, m.String())}
	}
	day := 24 * time.Hour
	cases := []struct {
		name string
		mod  func(f *sessionFixture)
		raw  func(f *sessionFixture) json.RawMessage // instead of f.raw
		want error
	}{
		{"no algo", func(f *sessionFixture) { f.algo = "" }, nil, ErrMalformed},
		{"secp256k1 algo", func(f *sessionFixture) { f.algo = "secp256k1" }, nil, ErrMalformed},
		{"key not hex", nil, func(f *sessionFixture) json.RawMessage {
			return rewrap(t, f.raw(t), func(a *AuthSig) { a.Address = "zz" + a.Address[2:] })
		}, ErrMalformed},
		{"key 31 bytes", nil, func(f *sessionFixture) json.RawMessage {
			return rewrap(t, f.raw(t), func(a *AuthSig) { a.Address = a.Address[2:] })
		}, ErrMalformed},
		{"sig 63 bytes", nil, func(f *sessionFixture) json.RawMessage {
			return rewrap(t, f.raw(t), func(a *AuthSig) { a.Sig = a.Sig[2:] })
		}, ErrMalformed},
		{"signed by another key", func(f *sessionFixture) { f.signKey = otherPriv }, nil, ErrBadSignature},
		{"message changed after signing", nil, func(f *sessionFixture) json.RawMessage {
			return rewrap(t, f.raw(t), func(a *AuthSig) {
				a.SignedMessage = strings.Replace(a.SignedMessage, testNode, "http://127.0.0.1:7471", 1)
			})
		}, ErrBadSignature},
		{"signed text is not JSON", nil, func(f *sessionFixture) json.RawMessage {
			msg := "not json"
			return mustJSON(t, AuthSig{Sig: hex.EncodeToString(ed25519.Sign(f.priv, []byte(msg))), DerivedVia: DerivedViaSession,
				SignedMessage: msg, Address: hex.EncodeToString(f.pub), Algo: sessionAlgo})
		}, ErrMalformed},
		{"sessionKey is another key", func(f *sessionFixture) { f.signed.SessionKey = hex.EncodeToString(otherPub) }, nil, ErrAddressMismatch},
		{"issuedAt not a time", func(f *sessionFixture) { f.signed.IssuedAt = "yesterday" }, nil, ErrMalformed},
		{"expiration not a time", func(f *sessionFixture) { f.signed.Expiration = "" }, nil, ErrMalformed},
		{"session expired", func(f *sessionFixture) {
			f.signed.IssuedAt, f.signed.Expiration = stampMS(t0.Add(-time.Hour)), stampMS(t0.Add(-10*time.Minute))
		}, nil, ErrExpired},
		{"session issued in the future", func(f *sessionFixture) { f.signed.IssuedAt = stampMS(t0.Add(5 * time.Minute)) }, nil, ErrNotYetValid},
		{"session lives too long", func(f *sessionFixture) { f.signed.Expiration = stampMS(t0.Add(40 * day)) }, nil, ErrLifetime},
		{"another node", func(f *sessionFixture) { f.signed.NodeAddress = "http://127.0.0.2:7470" }, nil, ErrWrongNode},
		{"resource not requested", func(f *sessionFixture) {
			f.signed.ResourceAbilityRequests = f.signed.ResourceAbilityRequests[1:]
		}, nil, ErrNotGranted},
		{"another PKP requested", func(f *sessionFixture) {
			f.signed.ResourceAbilityRequests[0] = rar(PrefixPKP, strings.Repeat("1", 64), AbilityPKPSigning)
		}, nil, ErrNotGranted},
		{"wrong ability requested", func(f *sessionFixture) {
			f.signed.ResourceAbilityRequests[0] = rar(PrefixPKP, "*", AbilityActionExecution)
		}, nil, ErrNotGranted},
		{"no capabilities", func(f *sessionFixture) { f.signed.Capabilities = nil }, nil, ErrNotBound},
		{"capability for another session key", func(f *sessionFixture) {
			regrant(f, f.wallet, otherPub, litWildcards(), t0.Add(-time.Minute), t0.Add(day), nil)
		}, nil, ErrNotBound},
		{"capability is a plain login", func(f *sessionFixture) {
			f.signed.Capabilities = []AuthSig{f.wallet.authSig(t, f.wallet.siwe("https://localhost/", t0, t0.Add(day)).String())}
		}, nil, ErrNotBound},
		{"capability not valid JSON fields", func(f *sessionFixture) { f.signed.Capabilities[0].Sig = "" }, nil, ErrNotBound},
		{"capability forged", func(f *sessionFixture) {
			f.signed.Capabilities[0].Sig = hexutilEncode(other.personalSign(t, f.signed.Capabilities[0].SignedMessage))
		}, nil, ErrBadSignature},
		{"capability address mismatch", func(f *sessionFixture) { f.signed.Capabilities[0].Address = other.addr.Hex() }, nil, ErrAddressMismatch},
		{"capability expired", func(f *sessionFixture) {
			regrant(f, f.wallet, f.pub, litWildcards(), t0.Add(-2*day), t0.Add(-day), nil)
		}, nil, ErrExpired},
		{"capability issued in the future", func(f *sessionFixture) {
			regrant(f, f.wallet, f.pub, litWildcards(), t0.Add(time.Hour), t0.Add(day), nil)
		}, nil, ErrNotYetValid},
		{"capability without ReCap", func(f *sessionFixture) {
			regrant(f, f.wallet, f.pub, litWildcards(), t0.Add(-time.Minute), t0.Add(day), func(m *Message) {
				m.Resources, m.Statement = nil, "Sign in."
			})
		}, nil, ErrNotGranted},
		{"ReCap grants only Actions", func(f *sessionFixture) {
			rc := litWildcards()
			delete(rc.Att, "lit-pkp://*")
			regrant(f, f.wallet, f.pub, rc, t0.Add(-time.Minute), t0.Add(day), nil)
		}, nil, ErrNotGranted},
		{"ReCap grants another PKP", func(f *sessionFixture) {
			rc := litWildcards()
			delete(rc.Att, "lit-pkp://*")
			rc.Att["lit-pkp://"+strings.Repeat("1", 64)] = map[string][]json.RawMessage{"Threshold/Signing": {json.RawMessage(`{}`)}}
			regrant(f, f.wallet, f.pub, rc, t0.Add(-time.Minute), t0.Add(day), nil)
		}, nil, ErrNotGranted},
		{"ReCap statement hides a grant", func(f *sessionFixture) {
			regrant(f, f.wallet, f.pub, litWildcards(), t0.Add(-time.Minute), t0.Add(day), func(m *Message) {
				m.Statement = "Sign in to read your profile."
			})
		}, nil, ErrMalformed},
		{"ReCap not last", func(f *sessionFixture) {
			regrant(f, f.wallet, f.pub, litWildcards(), t0.Add(-time.Minute), t0.Add(day), func(m *Message) {
				m.Resources = append(m.Resources, "https://example.com/")
			})
		}, nil, ErrMalformed},
		{"BLS capability", func(f *sessionFixture) { f.signed.Capabilities[0].DerivedVia = DerivedViaNetwork }, nil, ErrUnsupported},
	}
	for _, c := range cases {
		f := newSession(t)
		if c.mod != nil {
			c.mod(f)
		}
		raw := f.raw
		if c.raw != nil {
			raw = func(testing.TB) json.RawMessage { return c.raw(f) }
		}
		_, err := Verify(ctx, raw(t), sessionOpts(needPKP))
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}

	// Options a session needs.
	raw := newSession(t).raw(t)
	if _, err := Verify(ctx, raw, Options{Now: t0, Need: &needPKP}); err == nil {
		t.Error("session verified without NodeURL")
	}
}

// TestSessionSkipsUnrelatedCapabilities: as with the SDK's capacity
// delegations, capabilities that bind no session key are passed over.
func TestSessionSkipsUnrelatedCapabilities(t *testing.T) {
	f := newSession(t)
	delegation := f.wallet.siwe("lit:capability:delegation", t0.Add(-time.Minute), t0.Add(time.Hour))
	f.signed.Capabilities = append([]AuthSig{f.wallet.authSig(t, delegation.String())}, f.signed.Capabilities...)
	id, err := Verify(ctx, f.raw(t), sessionOpts(needPKP))
	if err != nil {
		t.Fatal(err)
	}
	if id.SIWE.URI != sessionURIPrefix+hex.EncodeToString(f.pub) {
		t.Fatalf("used capability %s", id.SIWE.URI)
	}
	// A bound capability that fails is reported even if listed first.
	g := newSession(t)
	expired := g.wallet.grantSIWE(g.pub, litWildcards(), t0.Add(-2*time.Hour), t0.Add(-time.Hour))
	g.signed.Capabilities = []AuthSig{g.wallet.authSig(t, expired.String()), f.signed.Capabilities[0]}
	if _, err := Verify(ctx, g.raw(t), sessionOpts(needPKP)); !errors.Is(err, ErrExpired) {
		t.Fatalf("err = %v, want ErrExpired from the bound capability", err)
	}
}

func rewrap(t *testing.T, raw json.RawMessage, mod func(*AuthSig)) json.RawMessage {
	var a AuthSig
	if err := json.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	mod(&a)
	return mustJSON(t, a)
}

func stampMS(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

func hexutilEncode(b []byte) string { return "0x" + hex.EncodeToString(b) }
