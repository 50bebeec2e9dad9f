package auth

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/bls/blstest"
)

const testBlockHash = "0xde5eca386bb63607b24c5256e6c483a678b99e51e3104ec4d9959a9f19af0b96"

// pkpNetwork is a BLS network made in the test: 3 of 4 shares sign.
type pkpNetwork struct {
	shares []*bls.KeyShare
	key    bls.PublicKey
}

func newPKPNetwork(t testing.TB) *pkpNetwork {
	t.Helper()
	shares, err := blstest.Deal(4, 3)
	if err != nil {
		t.Fatal(err)
	}
	return &pkpNetwork{shares: shares, key: shares[0].PublicKey()}
}

// sign combines three shares over SessionHash(msg), as the client does with
// the nodes' answers.
func (n *pkpNetwork) sign(t testing.TB, msg string) string {
	t.Helper()
	h := SessionHash(msg)
	var parts []bls.SignatureShare
	for _, k := range n.shares[:3] {
		s, err := k.Sign(h[:])
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, s)
	}
	sig, err := n.shares[0].PublicPoly().Combine(h[:], parts)
	if err != nil {
		t.Fatal(err)
	}
	return `{"ProofOfPossession":"` + hex.EncodeToString(sig.Bytes()) + `"}`
}

var testPKPAddr = common.HexToAddress("0x7697f071cbe4764F596B64d95ca54Adf5e614C37")

func testAuthContext() AuthContext {
	return AuthContext{AuthMethodContexts: []AuthMethodContext{{
		AppID: "lit", AuthMethodType: 1, UsedForSignSessionKeyRequest: true,
		UserID: "0xcff6322A01F2F90855B7aD018c83F9A2c13f87bf",
	}}}
}

// pkpCapability is the client's SIWE for session key pub rebuilt and signed
// by net, with mod applied to the rebuilt text before signing.
func pkpCapability(t testing.TB, net *pkpNetwork, pub []byte, ac AuthContext, mod func(string) string) AuthSig {
	t.Helper()
	w := newWallet(t) // the client's message names some address; the nodes replace it
	client := w.grantSIWE(pub, litWildcards(), t0.Add(-time.Minute), t0.Add(24*time.Hour))
	client.Statement = "Lit Protocol PKP session signature " + litWildcards().Statement()
	parsed, err := ParseMessage(client.String())
	if err != nil {
		t.Fatal(err)
	}
	msg, err := PKPSessionMessage(parsed, testPKPAddr, testBlockHash, t0.Add(-30*time.Second), ac)
	if err != nil {
		t.Fatal(err)
	}
	if mod != nil {
		msg = mod(msg)
	}
	return AuthSig{Sig: net.sign(t, msg), DerivedVia: DerivedViaNetwork, SignedMessage: msg, Address: testPKPAddr.Hex(), Algo: NetworkAlgo}
}

func pkpSession(t testing.TB, net *pkpNetwork, mod func(*AuthSig)) *sessionFixture {
	t.Helper()
	f := newSession(t)
	c := pkpCapability(t, net, f.pub, testAuthContext(), nil)
	if mod != nil {
		mod(&c)
	}
	f.signed.Capabilities = []AuthSig{c}
	return f
}

func pkpOpts(net *pkpNetwork) Options {
	o := sessionOpts(needPKP)
	o.NetworkKey = &net.key
	return o
}

func TestPKPSessionAccepted(t *testing.T) {
	net := newPKPNetwork(t)
	f := pkpSession(t, net, nil)
	id, err := Verify(ctx, f.raw(t), pkpOpts(net))
	if err != nil {
		t.Fatal(err)
	}
	if id.Address != testPKPAddr || id.AuthContext == nil || id.Method != MethodSession {
		t.Fatalf("identity %+v", id)
	}
	if got := id.AuthContext.AuthMethodContexts; len(got) != 1 || got[0].UserID != "0xcff6322A01F2F90855B7aD018c83F9A2c13f87bf" || got[0].AuthMethodType != 1 {
		t.Fatalf("auth context %+v", got)
	}
	if !id.Allows(needPKP) {
		t.Fatal("PKP session does not allow signing it was granted")
	}
}

// TestPKPSessionMessageMatchesLit checks the rebuilt message against the
// one Lit's node signed in the js-sdk's validateDelegationAuthSig test (its
// ReCap and statement, for the same grants and auth context).
func TestPKPSessionMessageMatchesLit(t *testing.T) {
	const litRecap = "urn:recap:eyJhdHQiOnsibGl0LWFjY2Vzc2NvbnRyb2xjb25kaXRpb246Ly8qIjp7IlRocmVzaG9sZC9EZWNyeXB0aW9uIjpbe31dfSwibGl0LWxpdGFjdGlvbjovLyoiOnsiVGhyZXNob2xkL0V4ZWN1dGlvbiI6W3t9XX0sImxpdC1wa3A6Ly8qIjp7IlRocmVzaG9sZC9TaWduaW5nIjpbe31dfSwibGl0LXJlc29sdmVkYXV0aGNvbnRleHQ6Ly8qIjp7IkF1dGgvQXV0aCI6W3siYXV0aF9jb250ZXh0Ijp7ImFjdGlvbklwZnNJZFN0YWNrIjpbXSwiYXV0aE1ldGhvZENvbnRleHRzIjpbeyJhcHBJZCI6ImxpdCIsImF1dGhNZXRob2RUeXBlIjoxLCJ1c2VkRm9yU2lnblNlc3Npb25LZXlSZXF1ZXN0Ijp0cnVlLCJ1c2VySWQiOiIweGNmZjYzMjJBMDFGMkY5MDg1NUI3YUQwMThjODNGOUEyYzEzZjg3YmYifV0sImF1dGhTaWdBZGRyZXNzIjpudWxsLCJjdXN0b21BdXRoUmVzb3VyY2UiOiIiLCJyZXNvdXJjZXMiOltdfX1dfX0sInByZiI6W119"
	const key = "d63204d1dd3b133f37d813532046ef63fdba1e312a950373eb6a54c9757ce281"
	rc := litWildcards()
	rc.Att["lit-accesscontrolcondition://*"] = map[string][]json.RawMessage{"Threshold/Decryption": {json.RawMessage(`{}`)}}
	client := "localhost wants you to sign in with your Ethereum account:\n" + newWallet(t).addr.Hex() + "\n\n" +
		"Lit Protocol PKP session signature " + rc.Statement() + "\n\nURI: lit:session:" + key +
		"\nVersion: 1\nChain ID: 1\nNonce: 0x1111111111111111111111111111111111111111111111111111111111111111" +
		"\nIssued At: 2025-10-15T15:27:00.123Z\nExpiration Time: 2025-10-16T15:27:00Z\nResources:\n- " + rc.Encode()
	m, err := ParseMessage(client)
	if err != nil {
		t.Fatal(err)
	}
	got, err := PKPSessionMessage(m, testPKPAddr, testBlockHash, time.Date(2025, 10, 15, 15, 27, 11, 0, time.UTC), testAuthContext())
	if err != nil {
		t.Fatal(err)
	}
	want := "localhost wants you to sign in with your Ethereum account:\n0x7697f071cbe4764F596B64d95ca54Adf5e614C37\n\n" +
		"Lit Protocol PKP session signature I further authorize the stated URI to perform the following actions on my behalf: (1) 'Threshold': 'Decryption' for 'lit-accesscontrolcondition://*'. (2) 'Threshold': 'Execution' for 'lit-litaction://*'. (3) 'Threshold': 'Signing' for 'lit-pkp://*'. I further authorize the stated URI to perform the following actions on my behalf: (1) 'Threshold': 'Decryption' for 'lit-accesscontrolcondition://*'. (2) 'Threshold': 'Execution' for 'lit-litaction://*'. (3) 'Threshold': 'Signing' for 'lit-pkp://*'. (4) 'Auth': 'Auth' for 'lit-resolvedauthcontext://*'.\n\n" +
		"URI: lit:session:" + key + "\nVersion: 1\nChain ID: 1\nNonce: " + testBlockHash +
		"\nIssued At: 2025-10-15T15:27:11Z\nExpiration Time: 2025-10-16T15:27:00Z\nResources:\n- " + litRecap
	if got != want {
		t.Fatalf("rebuilt message\n%s\nwant\n%s", got, want)
	}
	// The hash: sha256("lit_session:" ‖ hex(keccak256(EIP-191 prefix ‖ msg))),
	// computed here without personalHash.
	eip191 := crypto.Keccak256([]byte("\x19Ethereum Signed Message:\n"+strconv.Itoa(len(want))), []byte(want))
	if h := SessionHash(want); h != sha256.Sum256([]byte("lit_session:"+hex.EncodeToString(eip191))) {
		t.Fatal("SessionHash differs from Lit's siwe_hash_to_bls_session_hash")
	}

	// A client's ReCap may not name the auth context itself.
	rc.Att[AuthContextResource] = map[string][]json.RawMessage{AuthContextAbility: {json.RawMessage(`{}`)}}
	m.Resources = []string{rc.Encode()}
	m.Statement = "Lit Protocol PKP session signature " + rc.Statement()
	if _, err := PKPSessionMessage(m, testPKPAddr, testBlockHash, t0, testAuthContext()); !errors.Is(err, ErrNotGranted) {
		t.Fatalf("client-written auth context: err = %v", err)
	}
}

// TestPKPSessionRefused: each rule a PKP session capability must meet.
func TestPKPSessionRefused(t *testing.T) {
	net := newPKPNetwork(t)
	other := newPKPNetwork(t)
	replaceRecap := func(msg string, f func(*Recap)) string {
		i := strings.LastIndex(msg, RecapPrefix)
		rc, err := ParseRecap(msg[i:])
		if err != nil {
			t.Fatal(err)
		}
		old := rc.Statement()
		f(rc)
		return strings.Replace(msg[:i], old, rc.Statement(), 1) + rc.Encode()
	}
	cases := []struct {
		name string
		mod  func(*sessionFixture)
		opts func(Options) Options
		want error
	}{
		{"no network key configured", nil, func(o Options) Options { o.NetworkKey = nil; return o }, ErrUnsupported},
		{"signed by another network", func(f *sessionFixture) {
			f.signed.Capabilities = []AuthSig{pkpCapability(t, other, f.pub, testAuthContext(), nil)}
		}, nil, ErrBadSignature},
		{"tampered auth context", func(f *sessionFixture) {
			c := &f.signed.Capabilities[0]
			c.SignedMessage = replaceRecap(c.SignedMessage, func(rc *Recap) {
				rc.Att[AuthContextResource][AuthContextAbility][0] = json.RawMessage(`{"auth_context":{"actionIpfsIdStack":[],"authMethodContexts":[{"appId":"lit","authMethodType":1,"usedForSignSessionKeyRequest":true,"userId":"0x0000000000000000000000000000000000000001"}],"authSigAddress":null,"customAuthResource":"","resources":[]}}`)
			})
		}, nil, ErrBadSignature},
		{"widened ReCap", func(f *sessionFixture) {
			c := &f.signed.Capabilities[0]
			c.SignedMessage = replaceRecap(c.SignedMessage, func(rc *Recap) {
				rc.Att["lit-accesscontrolcondition://*"] = map[string][]json.RawMessage{"Threshold/Decryption": {json.RawMessage(`{}`)}}
			})
		}, nil, ErrBadSignature},
		{"address swapped for another PKP's", func(f *sessionFixture) {
			c := &f.signed.Capabilities[0]
			other := common.HexToAddress("0x00000000000000000000000000000000000000aa")
			c.SignedMessage = strings.Replace(c.SignedMessage, testPKPAddr.Hex(), other.Hex(), 1)
			c.Address = other.Hex()
		}, nil, ErrBadSignature},
		{"capability address differs from the message's", func(f *sessionFixture) {
			f.signed.Capabilities[0].Address = "0x00000000000000000000000000000000000000aa"
		}, nil, ErrAddressMismatch},
		{"expired", nil, func(o Options) Options { o.Now = t0.Add(25 * time.Hour); return o }, ErrExpired},
		{"wrong algo", func(f *sessionFixture) { f.signed.Capabilities[0].Algo = "ed25519" }, nil, ErrMalformed},
		{"sig not JSON", func(f *sessionFixture) { f.signed.Capabilities[0].Sig = "00" }, nil, ErrMalformed},
		{"sig short", func(f *sessionFixture) { f.signed.Capabilities[0].Sig = `{"ProofOfPossession":"00"}` }, nil, ErrMalformed},
		{"no auth context", func(f *sessionFixture) {
			// Signed by the network, but not a message the nodes write.
			c := &f.signed.Capabilities[0]
			msg := replaceRecap(c.SignedMessage, func(rc *Recap) { delete(rc.Att, AuthContextResource) })
			c.SignedMessage, c.Sig = msg, net.sign(t, msg)
		}, nil, ErrNotGranted},
		{"session key not the one bound", func(f *sessionFixture) {
			g := newSession(t)
			f.signed.Capabilities = []AuthSig{pkpCapability(t, net, g.pub, testAuthContext(), nil)}
		}, nil, ErrNotBound},
	}
	for _, c := range cases {
		f := pkpSession(t, net, nil)
		if c.mod != nil {
			c.mod(f)
		}
		o := pkpOpts(net)
		if c.opts != nil {
			o = c.opts(o)
		}
		if _, err := Verify(ctx, f.raw(t), o); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
}

// TestPKPSessionCacheKeyNamesNetworkKey: a verification under one network
// key is not reused under another.
func TestPKPSessionCacheKeyNamesNetworkKey(t *testing.T) {
	net, other := newPKPNetwork(t), newPKPNetwork(t)
	f := pkpSession(t, net, nil)
	raw := f.raw(t)
	c := NewCache(16)
	if _, err := c.Verify(ctx, raw, pkpOpts(net)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Verify(ctx, raw, pkpOpts(other)); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("other network key: err = %v, want ErrBadSignature", err)
	}
}

// FuzzPKPSessionCapability: whatever a session signature carries as its
// network capability, Verify refuses it with one of the package's codes
// and never panics; only the untampered capability verifies.
func FuzzPKPSessionCapability(f *testing.F) {
	net := newPKPNetwork(f)
	good := pkpSession(f, net, nil)
	c := good.signed.Capabilities[0]
	f.Add(c.Sig, c.SignedMessage, c.Address, c.Algo)
	f.Add(`{"ProofOfPossession":"00"}`, c.SignedMessage, c.Address, NetworkAlgo)
	f.Add(c.Sig, strings.Replace(c.SignedMessage, "auth_context", "auth_kontext", 1), c.Address, NetworkAlgo)
	f.Fuzz(func(t *testing.T, sig, msg, addr, algo string) {
		g := *good
		g.signed.Capabilities = []AuthSig{{Sig: sig, DerivedVia: DerivedViaNetwork, SignedMessage: msg, Address: addr, Algo: algo}}
		id, err := Verify(ctx, g.raw(t), pkpOpts(net))
		if err != nil {
			if Code(err) == "" {
				t.Fatalf("uncoded error %v", err)
			}
			return
		}
		if sig != c.Sig || msg != c.SignedMessage || id.Address != testPKPAddr {
			t.Fatalf("a changed capability verified: %q %q %q", sig, msg, addr)
		}
	})
}
