package auth

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"
)

var ctx = context.Background()

// walletOpts accepts wallet AuthSigs for needPKP with any nonce but
// "stalenonce", living up to two hours.
func walletOpts() Options {
	return Options{Now: t0, Need: &needPKP, Wallet: &WalletPolicy{
		RecentNonce: func(n string) bool { return n != "stalenonce" },
		MaxLifetime: 2 * time.Hour,
	}}
}

func TestVerifyWallet(t *testing.T) {
	w := newWallet(t)
	m := w.siwe("https://localhost/login", t0.Add(-time.Minute), t0.Add(time.Hour)).String()
	a := w.authSig(t, m)
	id, err := Verify(ctx, mustJSON(t, a), walletOpts())
	if err != nil {
		t.Fatal(err)
	}
	if id.Address != w.addr || id.Method != MethodWallet || id.SIWE.URI != "https://localhost/login" ||
		!id.Expires.Equal(t0.Add(time.Hour)) || id.AuthSig.Sig != a.Sig {
		t.Fatalf("identity %+v", id)
	}
	if !id.Allows(needPKP) {
		t.Fatal("a wallet identity is limited by resources")
	}

	// v = 0/1 as well as 27/28; the address field in any case.
	sig := w.personalSign(t, m)
	sig[64] -= 27
	a2 := a
	a2.Sig = hexutil.Encode(sig)
	a2.Address = strings.ToLower(w.addr.Hex())
	if _, err := Verify(ctx, mustJSON(t, a2), walletOpts()); err != nil {
		t.Fatalf("v in {0,1}, lower-case address: %v", err)
	}
	// sig without 0x.
	a2.Sig = strings.TrimPrefix(a2.Sig, "0x")
	if _, err := Verify(ctx, mustJSON(t, a2), walletOpts()); err != nil {
		t.Fatalf("sig without 0x: %v", err)
	}
}

func TestVerifyWalletRejects(t *testing.T) {
	w, other := newWallet(t), newWallet(t)
	msg := func(mod func(*Message)) string {
		m := w.siwe("https://localhost/login", t0.Add(-time.Minute), t0.Add(time.Hour))
		if mod != nil {
			mod(m)
		}
		return m.String()
	}
	good := w.authSig(t, msg(nil))
	highS := func() string {
		sig := w.personalSign(t, good.SignedMessage)
		n := crypto.S256().Params().N
		s := new(big.Int).Sub(n, new(big.Int).SetBytes(sig[32:64]))
		s.FillBytes(sig[32:64])
		sig[64] ^= 1 // the twin signature has the other recovery id
		return hexutil.Encode(sig)
	}()
	cases := []struct {
		name string
		raw  json.RawMessage
		want error
	}{
		{"not JSON", json.RawMessage(`{"sig":`), ErrMalformed},
		{"array", json.RawMessage(`[]`), ErrMalformed},
		{"number field", json.RawMessage(`{"sig":1,"derivedVia":"web3.eth.personal.sign","signedMessage":"x","address":"y"}`), ErrMalformed},
		{"missing sig", withAuthSig(t, good, func(a *AuthSig) { a.Sig = "" }), ErrMalformed},
		{"missing address", withAuthSig(t, good, func(a *AuthSig) { a.Address = "" }), ErrMalformed},
		{"missing message", withAuthSig(t, good, func(a *AuthSig) { a.SignedMessage = "" }), ErrMalformed},
		{"not SIWE", withAuthSig(t, good, func(a *AuthSig) { a.SignedMessage = "I am me" }), ErrMalformed},
		{"sig not hex", withAuthSig(t, good, func(a *AuthSig) { a.Sig = "0xzz" }), ErrMalformed},
		{"sig 64 bytes", withAuthSig(t, good, func(a *AuthSig) { a.Sig = a.Sig[:130] }), ErrMalformed},
		{"address not hex", withAuthSig(t, good, func(a *AuthSig) { a.Address = "0x" + strings.Repeat("g", 40) }), ErrMalformed},
		{"no expiration", withAuthSig(t, w.authSig(t, msg(func(m *Message) { m.ExpirationTime = time.Time{} })), nil), ErrMalformed},
		{"v = 29", withAuthSig(t, good, func(a *AuthSig) { a.Sig = a.Sig[:130] + "1d" }), ErrBadSignature},
		{"high s", withAuthSig(t, good, func(a *AuthSig) { a.Sig = highS }), ErrBadSignature},
		{"r = 0", withAuthSig(t, good, func(a *AuthSig) { a.Sig = "0x" + strings.Repeat("00", 32) + a.Sig[66:] }), ErrBadSignature},
		{"signed by another key", withAuthSig(t, good, func(a *AuthSig) { a.Sig = hexutil.Encode(other.personalSign(t, a.SignedMessage)) }), ErrBadSignature},
		{"message changed after signing", withAuthSig(t, good, func(a *AuthSig) {
			a.SignedMessage = strings.Replace(a.SignedMessage, "Sign in to Flint.", "Sign in to Flint!", 1)
		}), ErrBadSignature},
		{"address field not the SIWE address", withAuthSig(t, good, func(a *AuthSig) { a.Address = other.addr.Hex() }), ErrAddressMismatch},
		{"SIWE address not the signer", withAuthSig(t, other.authSig(t, msg(nil)), nil), ErrAddressMismatch},
		{"expired", withAuthSig(t, w.authSig(t, msg(func(m *Message) {
			m.IssuedAt, m.ExpirationTime = t0.Add(-2*time.Hour), t0.Add(-time.Hour)
		})), nil), ErrExpired},
		{"issued in the future", withAuthSig(t, w.authSig(t, msg(func(m *Message) { m.IssuedAt = t0.Add(10 * time.Minute) })), nil), ErrNotYetValid},
		{"not before", withAuthSig(t, w.authSig(t, msg(func(m *Message) { m.NotBefore = t0.Add(10 * time.Minute) })), nil), ErrNotYetValid},
		{"expires before issued", withAuthSig(t, w.authSig(t, msg(func(m *Message) {
			m.IssuedAt, m.ExpirationTime = t0, t0.Add(-time.Second)
		})), nil), ErrLifetime},
		{"lives too long", withAuthSig(t, w.authSig(t, msg(func(m *Message) { m.ExpirationTime = t0.Add(3 * time.Hour) })), nil), ErrLifetime},
		{"session grant as login", withAuthSig(t, w.authSig(t, msg(func(m *Message) { m.URI = "lit:session:abcd" })), nil), ErrNotGranted},
		{"capacity delegation as login", withAuthSig(t, w.authSig(t, msg(func(m *Message) { m.URI = "lit:capability:delegation" })), nil), ErrNotGranted},
		{"unknown derivedVia", withAuthSig(t, good, func(a *AuthSig) { a.DerivedVia = "solana.signMessage" }), ErrUnsupported},
		{"BLS outside a session", withAuthSig(t, good, func(a *AuthSig) { a.DerivedVia = DerivedViaNetwork }), ErrUnsupported},
		{"EIP-1271 without a contract caller", withAuthSig(t, good, func(a *AuthSig) { a.DerivedVia = DerivedViaContract }), ErrUnsupported},
		{"oversized", json.RawMessage(`{"sig":"` + strings.Repeat("a", MaxAuthSigSize) + `"}`), ErrMalformed},
	}
	for _, c := range cases {
		_, err := Verify(ctx, c.raw, walletOpts())
		if !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
			continue
		}
		if Code(err) != c.want.(*Error).Code {
			t.Errorf("%s: Code = %q", c.name, Code(err))
		}
	}
	if _, err := Verify(ctx, mustJSON(t, good), Options{}); err == nil || Code(err) != "" {
		t.Fatalf("zero Now: %v", err)
	}
}

func withAuthSig(t *testing.T, a AuthSig, mod func(*AuthSig)) json.RawMessage {
	if mod != nil {
		mod(&a)
	}
	return mustJSON(t, a)
}

func TestVerifyWalletClockSkew(t *testing.T) {
	w := newWallet(t)
	check := func(issued, expires time.Time, skew time.Duration) error {
		a := w.authSig(t, w.siwe("https://localhost/login", issued, expires).String())
		o := walletOpts()
		o.ClockSkew = skew
		_, err := Verify(ctx, mustJSON(t, a), o)
		return err
	}
	// Within the default minute either way: accepted, as Lit's nodes do.
	if err := check(t0.Add(30*time.Second), t0.Add(time.Hour), 0); err != nil {
		t.Errorf("issued 30 s ahead: %v", err)
	}
	if err := check(t0.Add(-time.Hour), t0.Add(-30*time.Second), 0); err != nil {
		t.Errorf("expired 30 s ago: %v", err)
	}
	if err := check(t0.Add(-time.Hour), t0.Add(-30*time.Second), -1); !errors.Is(err, ErrExpired) {
		t.Errorf("expired 30 s ago, no skew: %v", err)
	}
	if err := check(t0.Add(-time.Hour), t0.Add(-61*time.Second), 0); !errors.Is(err, ErrExpired) {
		t.Errorf("expired 61 s ago: %v", err)
	}
	if err := check(t0.Add(61*time.Second), t0.Add(time.Hour), 0); !errors.Is(err, ErrNotYetValid) {
		t.Errorf("issued 61 s ahead: %v", err)
	}
	if err := check(t0.Add(-time.Hour), t0.Add(time.Hour), 0); err != nil {
		t.Errorf("plain valid: %v", err)
	}
}

// contractWallet simulates an EIP-1271 smart wallet whose owner is an EOA:
// isValidSignature(hash, sig) holds when sig is the owner's signature of hash.
type contractWallet struct {
	addr    common.Address
	owner   wallet
	chainID uint64
	err     error
	calls   int
}

func (c *contractWallet) IsValidSignature(_ context.Context, chainID uint64, addr common.Address, hash [32]byte, sig []byte) (bool, error) {
	c.calls++
	if c.err != nil {
		return false, c.err
	}
	if chainID != c.chainID || addr != c.addr || len(sig) != 65 {
		return false, nil
	}
	pub, err := crypto.SigToPub(hash[:], sig)
	return err == nil && crypto.PubkeyToAddress(*pub) == c.owner.addr, nil
}

func TestVerifyContractWallet(t *testing.T) {
	owner := newWallet(t)
	cw := &contractWallet{addr: common.HexToAddress("0x00000000000000000000000000000000000C0FFE"), owner: owner, chainID: 137}
	m := owner.siwe("https://localhost/login", t0.Add(-time.Minute), t0.Add(time.Hour))
	m.Address, m.ChainID = cw.addr, 137
	text := m.String()

	signHash := func(h []byte) string {
		sig, err := crypto.Sign(h, owner.key)
		if err != nil {
			t.Fatal(err)
		}
		return hexutil.Encode(sig)
	}
	eip191 := crypto.Keccak256([]byte(fmt.Sprintf("\x19Ethereum Signed Message:\n%d%s", len(text), text)))
	sum := sha256.Sum256([]byte(text))
	opts := walletOpts()
	opts.Contracts = cw

	for _, c := range []struct {
		via, sig string
	}{{DerivedViaContract, signHash(eip191)}, {DerivedViaContractSHA, signHash(sum[:])}} {
		a := AuthSig{Sig: c.sig, DerivedVia: c.via, SignedMessage: text, Address: cw.addr.Hex()}
		id, err := Verify(ctx, mustJSON(t, a), opts)
		if err != nil {
			t.Fatalf("%s: %v", c.via, err)
		}
		if id.Address != cw.addr || id.Method != MethodContract {
			t.Fatalf("%s: identity %+v", c.via, id)
		}
	}
	// The hash kinds are not interchangeable.
	a := AuthSig{Sig: signHash(sum[:]), DerivedVia: DerivedViaContract, SignedMessage: text, Address: cw.addr.Hex()}
	if _, err := Verify(ctx, mustJSON(t, a), opts); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("sha256 signature presented as EIP-191: %v", err)
	}
	// A chain failure is not the client's fault.
	cw.err = errors.New("rpc down")
	a.Sig = signHash(eip191)
	if _, err := Verify(ctx, mustJSON(t, a), opts); !errors.Is(err, ErrUnavailable) {
		t.Fatalf("rpc failure: %v", err)
	}
	// A chain the node does not serve is final, not a reason to retry.
	cw.err = fmt.Errorf("%w: chain 137 is not this network's chain", ErrUnsupported)
	if _, err := Verify(ctx, mustJSON(t, a), opts); !errors.Is(err, ErrUnsupported) || errors.Is(err, ErrUnavailable) {
		t.Fatalf("foreign chain: %v", err)
	}
	// Expired messages never reach the chain.
	cw.err, cw.calls = nil, 0
	m.IssuedAt, m.ExpirationTime = t0.Add(-2*time.Hour), t0.Add(-time.Hour)
	a.SignedMessage = m.String()
	if _, err := Verify(ctx, mustJSON(t, a), opts); !errors.Is(err, ErrExpired) || cw.calls != 0 {
		t.Fatalf("expired: %v after %d calls", err, cw.calls)
	}
}

// TestLitWalletVector checks a wallet signature made by the Lit SDK: the
// capacity-delegation capability of litPKPSessionSig.
func TestLitWalletVector(t *testing.T) {
	caps := loadLitCapabilities(t)
	var c *AuthSig
	for i := range caps {
		if caps[i].DerivedVia == DerivedViaWallet && caps[i].Address == "0x5D467fe98ff120fe0C85F2217bC61732571b28EC" {
			c = &caps[i]
		}
	}
	if c == nil {
		t.Fatal("vector not found")
	}
	m, err := ParseMessage(c.SignedMessage)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 10, 17, 0, 0, 0, 0, time.UTC)
	p := Options{Now: now}.policy()
	addr, err := verifyWalletMessage(ctx, c, m, p, nil)
	if err != nil || addr != common.HexToAddress("0x5D467fe98ff120fe0C85F2217bC61732571b28EC") {
		t.Fatalf("Lit SDK wallet signature: %v, %s", err, addr.Hex())
	}
	// The ReCap grants a capacity token to delegatees under a restriction
	// (nota bene {"nft_id": […]}), and its statement is the SDK's
	// translation of it. The node enforces no restriction, so a grant that
	// has only restricted forms is not read as an unrestricted one.
	rc, err := extractRecap(m)
	if err != nil {
		t.Fatal(err)
	}
	capacity := Resource{Prefix: PrefixRateLimit, ID: "25364"}
	if nb := rc.Att["lit-ratelimitincrease://25364"]["Auth/Auth"]; len(nb) != 1 || string(nb[0]) != `{"nft_id":["25364"]}` {
		t.Fatalf("ReCap %+v", rc.Att)
	}
	if rc.Grants(capacity, AbilityRateLimitIncrease) {
		t.Fatalf("a restricted grant counted as unrestricted: %+v", rc.Att)
	}
	// As a top-level AuthSig it is refused: it delegates, it does not log in.
	o := walletOpts()
	o.Now = now
	if _, err := Verify(ctx, mustJSON(t, c), o); !errors.Is(err, ErrNotGranted) {
		t.Fatalf("delegation as login: %v", err)
	}
	// One changed byte breaks it.
	c2 := *c
	c2.SignedMessage = strings.Replace(c2.SignedMessage, "Chain ID: 1", "Chain ID: 2", 1)
	m2, _ := ParseMessage(c2.SignedMessage)
	if _, err := verifyWalletMessage(ctx, &c2, m2, p, nil); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("altered vector: %v", err)
	}
}

// FuzzParseAuthSig: decoding never panics, refusals wrap ErrMalformed, and
// an accepted AuthSig has its four fields.
func FuzzParseAuthSig(f *testing.F) {
	w := newWallet(f)
	f.Add([]byte(mustJSON(f, w.authSig(f, w.siwe("https://x/", t0, t0.Add(time.Hour)).String()))))
	f.Add([]byte(litEOASessionSig))
	f.Add([]byte(`{"sig":"","derivedVia":null}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		a, err := ParseAuthSig(b)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v does not wrap ErrMalformed", err)
			}
			return
		}
		if a.Sig == "" || a.DerivedVia == "" || a.SignedMessage == "" || a.Address == "" {
			t.Fatalf("accepted incomplete AuthSig %+v", a)
		}
	})
}

// FuzzVerify: whatever arrives, Verify never panics, every refusal carries a
// code, and nothing but the test wallet's own signatures is ever accepted.
func FuzzVerify(f *testing.F) {
	s := seededSession(f, "fuzz")
	f.Add([]byte(s.raw(f)))
	w := s.wallet
	f.Add([]byte(mustJSON(f, w.authSig(f, w.siwe("https://x/", t0.Add(-time.Minute), t0.Add(time.Hour)).String()))))
	f.Add([]byte(litEOASessionSig))
	f.Add([]byte(litPKPSessionSig))
	opts := sessionOpts(needPKP)
	f.Fuzz(func(t *testing.T, b []byte) {
		id, err := Verify(ctx, b, opts)
		if err != nil {
			if Code(err) == "" {
				t.Fatalf("error without a code: %v", err)
			}
			return
		}
		if id.Address != w.addr {
			t.Fatalf("accepted a signature by %s", id.Address.Hex())
		}
	})
}

func BenchmarkVerifyWallet(b *testing.B) {
	w := newWallet(b)
	raw := mustJSON(b, w.authSig(b, w.siwe("https://localhost/login", t0.Add(-time.Minute), t0.Add(time.Hour)).String()))
	opts := walletOpts()
	for b.Loop() {
		if _, err := Verify(ctx, raw, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerifySession(b *testing.B) {
	raw := newSession(b).raw(b)
	opts := sessionOpts(needPKP)
	for b.Loop() {
		if _, err := Verify(ctx, raw, opts); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseMessage(b *testing.B) {
	for b.Loop() {
		if _, err := ParseMessage(eipExample); err != nil {
			b.Fatal(err)
		}
	}
}
