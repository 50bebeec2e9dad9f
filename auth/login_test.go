package auth

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestVerifyWalletLogin(t *testing.T) {
	w := newWallet(t)
	m := w.siwe("https://app.example", t0, t0.Add(24*time.Hour))
	m.Statement, m.Resources = "", nil // the SDK's EthWalletProvider login carries no ReCap
	recent := func(n string) bool { return n == m.Nonce }
	opts := LoginOptions{Now: t0.Add(time.Minute), RecentNonce: recent}
	ok := mustJSON(t, w.authSig(t, m.String()))
	addr, got, err := VerifyWalletLogin(context.Background(), ok, opts)
	if err != nil || addr != w.addr || got.Nonce != m.Nonce {
		t.Fatalf("accepted login: %v %v", addr, err)
	}

	other := newWallet(t)
	forged := w.authSig(t, m.String())
	forged.Sig = other.authSig(t, m.String()).Sig
	session := *m
	session.URI = "lit:session:abcd"
	// A wallet AuthSig as a client sends it for decryption (to every
	// node): a plain URI, a recent nonce, and a ReCap granting the
	// decryption. A node that saw it must not be able to replay it as the
	// wallet's login for a PKP session with its own session key.
	decryptGrant := w.siwe("https://app.example", t0, t0.Add(24*time.Hour))
	decryptGrant.Nonce = m.Nonce
	for name, c := range map[string]struct {
		raw  []byte
		opts LoginOptions
		want error
	}{
		"malformed":                 {[]byte(`{"sig":1}`), opts, ErrMalformed},
		"stale nonce":               {ok, LoginOptions{Now: opts.Now, RecentNonce: func(string) bool { return false }}, ErrStaleNonce},
		"no nonce check":            {ok, LoginOptions{Now: opts.Now}, ErrStaleNonce},
		"expired":                   {ok, LoginOptions{Now: t0.Add(25 * time.Hour), RecentNonce: recent}, ErrExpired},
		"wrong key":                 {mustJSON(t, forged), opts, ErrBadSignature},
		"session grant":             {mustJSON(t, w.authSig(t, session.String())), opts, ErrNotGranted},
		"decryption grant (ReCap)":  {mustJSON(t, w.authSig(t, decryptGrant.String())), opts, ErrNotGranted},
		"contract without verifier": {mustJSON(t, func() AuthSig { a := w.authSig(t, m.String()); a.DerivedVia = DerivedViaContract; return a }()), opts, ErrUnsupported},
		"session sig":               {mustJSON(t, func() AuthSig { a := w.authSig(t, m.String()); a.DerivedVia = DerivedViaSession; return a }()), opts, ErrUnsupported},
		"domain":                    {ok, LoginOptions{Now: opts.Now, RecentNonce: recent, Domains: []string{"other.example"}}, ErrNotGranted},
	} {
		if _, _, err := VerifyWalletLogin(context.Background(), c.raw, c.opts); !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %v", name, err, c.want)
		}
	}
}
