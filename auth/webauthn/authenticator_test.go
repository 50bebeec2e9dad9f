package webauthn

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"math/big"
	"testing"

	"github.com/fxamacker/cbor/v2"
)

// authenticator is a software WebAuthn authenticator plus the browser around
// it: it builds authenticatorData and clientDataJSON and signs them as a
// platform authenticator would, and wraps the result as Lit's SDK does.
type authenticator struct {
	credID []byte
	ec     *ecdsa.PrivateKey
	rsa    *rsa.PrivateKey
}

func newES256(t testing.TB) *authenticator {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return &authenticator{credID: randBytes(t, 16), ec: k}
}

// rsaKey is made once: RSA key generation is slow and the tests only need
// one RS256 credential.
var rsaKey *rsa.PrivateKey

func newRS256(t testing.TB) *authenticator {
	t.Helper()
	if rsaKey == nil {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			t.Fatal(err)
		}
		rsaKey = k
	}
	return &authenticator{credID: randBytes(t, 20), rsa: rsaKey}
}

func randBytes(t testing.TB, n int) []byte {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return b
}

// coseKey is the credential public key as registration stores it (COSE_Key,
// RFC 9052 / WebAuthn §6.5.1.1).
func (a *authenticator) coseKey(t testing.TB) []byte {
	t.Helper()
	var m map[int]any
	if a.ec != nil {
		m = map[int]any{1: 2, 3: -7, -1: 1,
			-2: a.ec.X.FillBytes(make([]byte, 32)), -3: a.ec.Y.FillBytes(make([]byte, 32))}
	} else {
		m = map[int]any{1: 3, 3: -257, -1: a.rsa.N.Bytes(), -2: big.NewInt(int64(a.rsa.E)).Bytes()}
	}
	return mustCBOR(t, m)
}

func mustCBOR(t testing.TB, m map[int]any) []byte {
	t.Helper()
	b, err := cbor.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func (a *authenticator) credential(t testing.TB) Credential {
	return Credential{ID: a.credID, PublicKey: a.coseKey(t)}
}

// assertion is what the browser collects; tests change fields to build bad
// assertions.
type assertion struct {
	typ, origin, rpID string
	challenge         []byte
	flags             byte
	counter           uint32
	crossOrigin       bool
	// hooks applied after signing
	tamperClientData func([]byte) []byte
	signWith         *authenticator
}

const (
	flagUP = 0x01
	flagUV = 0x04
)

func defaultAssertion(challenge []byte) assertion {
	return assertion{typ: "webauthn.get", origin: "https://app.example", rpID: "app.example",
		challenge: challenge, flags: flagUP | flagUV, counter: 7}
}

// sign returns the accessToken Lit's SDK would send for as.
func (a *authenticator) sign(t testing.TB, as assertion) string {
	t.Helper()
	b64 := base64.RawURLEncoding.EncodeToString
	rpHash := sha256.Sum256([]byte(as.rpID))
	authData := append(rpHash[:], as.flags, 0, 0, 0, 0)
	binary.BigEndian.PutUint32(authData[33:], as.counter)
	// Chrome's serialisation: type, challenge, origin, crossOrigin.
	cd, err := json.Marshal(struct {
		Type        string `json:"type"`
		Challenge   string `json:"challenge"`
		Origin      string `json:"origin"`
		CrossOrigin bool   `json:"crossOrigin"`
	}{as.typ, b64(as.challenge), as.origin, as.crossOrigin})
	if err != nil {
		t.Fatal(err)
	}
	cdHash := sha256.Sum256(cd)
	digest := sha256.Sum256(append(append([]byte{}, authData...), cdHash[:]...))
	signer := a
	if as.signWith != nil {
		signer = as.signWith
	}
	var sig []byte
	if signer.ec != nil {
		sig, err = ecdsa.SignASN1(rand.Reader, signer.ec, digest[:])
	} else {
		sig, err = rsa.SignPKCS1v15(rand.Reader, signer.rsa, crypto.SHA256, digest[:])
	}
	if err != nil {
		t.Fatal(err)
	}
	if as.tamperClientData != nil {
		cd = as.tamperClientData(cd)
	}
	// The SDK base64url-encodes the (already base64url) userHandle again.
	userHandle := b64([]byte(b64([]byte("user-1"))))
	tok, err := json.Marshal(map[string]any{
		"id":    b64(a.credID),
		"rawId": b64(a.credID),
		"type":  "public-key",
		"response": map[string]any{
			"clientDataJSON":    b64(cd),
			"authenticatorData": b64(authData),
			"signature":         b64(sig),
			"userHandle":        userHandle,
		},
		"clientExtensionResults":  map[string]any{},
		"authenticatorAttachment": "platform",
	})
	if err != nil {
		t.Fatal(err)
	}
	return string(tok)
}
