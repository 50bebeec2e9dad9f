package integration

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"encoding/json"
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	jose "github.com/go-jose/go-jose/v4"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/wire"
)

// nodeCodes returns the error codes the nodes answered with.
func nodeCodes(err error) map[string]int {
	out := map[string]int{}
	var ne *client.NodesError
	if errors.As(err, &ne) {
		for _, e := range ne.Nodes {
			out[e.Code]++
		}
	}
	return out
}

// A wallet login (type 1) claims the PKP derived from it, for the wallet
// only; the same login from a fresh client gets the same key.
func TestClaimWithWalletLogin(t *testing.T) {
	d := sharedDevnet(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	// A fresh wallet per run: its login's key can be minted only once.
	w, _ := crypto.GenerateKey()
	addr := crypto.PubkeyToAddress(w.PublicKey)
	if err := d.Chain.Fund(ctx, addr, new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)); err != nil {
		t.Fatal(err)
	}

	cl1, err := client.Connect(ctx, d.URLs(), client.Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	login, err := cl1.WalletLogin(w, 10*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	k1, err := cl1.ClaimWithAuthMethod(ctx, login, common.Address{})
	if err != nil {
		t.Fatal(err)
	}
	// The SDK's ethAuthMethodId, computed here on its own.
	if want := crypto.Keccak256Hash([]byte(addr.Hex() + ":lit")); k1.AuthMethodID != want || k1.Recipient != addr {
		t.Fatalf("claim for %s with auth method id %s, want %s and %s", k1.Recipient.Hex(), k1.AuthMethodID.Hex(), addr.Hex(), want.Hex())
	}
	if k1.KeyID != chain.AuthMethodKeyID(1, k1.AuthMethodID) {
		t.Fatalf("derived key id %x is not the tagged id of the login", k1.KeyID)
	}

	// Another address can neither mint this claim nor have the login's
	// key attested for itself.
	other := d.Chain.Accounts()[2]
	if _, err := cc.ClaimAndMint(ctx, cc.Transactor(other.Key), k1.AttestedKey); !errors.Is(err, chain.ErrUnknownSigner) {
		t.Fatalf("another address minted the login's claim: %v", err)
	}
	_, err = cl1.ClaimWithAuthMethod(ctx, login, other.Address)
	if codes := nodeCodes(err); codes["NodeClaimRecipientNotBound"] != len(d.URLs()) {
		t.Fatalf("claim of a wallet login for another address: %v (codes %v)", err, codes)
	}

	m, err := cc.ClaimAndMint(ctx, cc.Transactor(w), k1.AttestedKey)
	if err != nil {
		t.Fatal(err)
	}
	if string(m.Pubkey) != string(k1.Pubkey) {
		t.Fatalf("minted %x, claimed %x", m.Pubkey, k1.Pubkey)
	}

	// A fresh machine: a new client and a new login of the same wallet.
	cl2, err := client.Connect(ctx, d.URLs(), client.Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	login2, err := cl2.WalletLogin(w, 5*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	k2, err := cl2.ClaimWithAuthMethod(ctx, login2, addr)
	if err != nil {
		t.Fatal(err)
	}
	if k2.KeyID != k1.KeyID || string(k2.Pubkey) != string(m.Pubkey) {
		t.Fatalf("second claim: key id %x key %x, want %x %x", k2.KeyID, k2.Pubkey, k1.KeyID, m.Pubkey)
	}
	if _, err := cc.ClaimAndMint(ctx, cc.Transactor(w), k2.AttestedKey); !errors.Is(err, chain.ErrKeyIDUsed) {
		t.Fatalf("minting the same login twice: %v", err)
	}

	// A login signed by someone else for this wallet's address: refused.
	forger, _ := crypto.GenerateKey()
	forged, _ := cl2.WalletLogin(forger, 5*time.Minute)
	var as map[string]string
	_ = json.Unmarshal([]byte(forged.AccessToken), &as)
	as["address"] = addr.Hex()
	b, _ := json.Marshal(as)
	_, err = cl2.ClaimWithAuthMethod(ctx, wire.AuthMethod{AuthMethodType: 1, AccessToken: string(b)}, common.Address{})
	if codes := nodeCodes(err); codes["NodeAuthMethodInvalidToken"] != len(d.URLs()) {
		t.Fatalf("forged wallet login: %v (codes %v)", err, codes)
	}
}

// An ID-token login (Google JWT, type 6) from an issuer whose keys the test
// makes and serves on loopback (the auth-method devnet's, authDevnet): it
// claims and mints, and is refused after expiry, for a wrong audience, a
// wrong issuer, a wrong key, and without the recipient as its nonce.
func TestClaimWithJWTLogin(t *testing.T) {
	strangerKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	iss, aud := googleIss, googleAud
	d := authDevnet(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	cl, err := client.Connect(ctx, d.URLs(), client.Options{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	owner := d.Chain.Accounts()[1]
	// A subject of this run's own: the devnet is shared, and a login's key
	// is minted once.
	user := "user-" + common.Bytes2Hex(crypto.Keccak256([]byte(time.Now().String()))[:8])
	sub := user
	token := func(key *ecdsa.PrivateKey, issuer, audience string, iat, exp time.Time, nonce string) wire.AuthMethod {
		tok := idToken{iss: issuer, sub: sub, aud: audience, iat: iat, exp: exp, extra: map[string]any{"nonce": nonce}}
		if key != nil {
			tok.key = &issuerKey{alg: jose.ES256, key: key, kid: authNet.issuers[googleIss].kid}
		}
		return wire.AuthMethod{AuthMethodType: 6, AccessToken: tok.sign(t)}
	}
	now := time.Now()
	rcpt := owner.Address.Hex()

	for name, c := range map[string]struct {
		am   wire.AuthMethod
		code string
	}{
		"expired":        {token(nil, iss, aud, now.Add(-2*time.Hour), now.Add(-time.Hour), rcpt), "NodeAuthMethodExpired"},
		"wrong audience": {token(nil, iss, "other-app", now, now.Add(time.Hour), rcpt), "NodeAuthMethodWrongAudience"},
		"wrong issuer":   {token(nil, "https://evil.test", aud, now, now.Add(time.Hour), rcpt), "NodeAuthMethodUnknownIssuer"},
		"wrong key":      {token(strangerKey, iss, aud, now, now.Add(time.Hour), rcpt), "NodeAuthMethodInvalidToken"},
		"no recipient":   {token(nil, iss, aud, now, now.Add(time.Hour), "abc"), "NodeClaimRecipientNotBound"},
	} {
		_, err := cl.ClaimWithAuthMethod(ctx, c.am, owner.Address)
		if codes := nodeCodes(err); codes[c.code] != len(d.URLs()) {
			t.Errorf("%s: %v (codes %v), want %s", name, err, codes, c.code)
		}
	}

	good := token(nil, iss, aud, now, now.Add(time.Hour), rcpt)
	m, k, err := cl.ClaimAndMintWithAuthMethod(ctx, cc, cc.Transactor(owner.Key), good)
	if err != nil {
		t.Fatal(err)
	}
	if want := crypto.Keccak256Hash([]byte(user + ":" + aud)); k.AuthMethodID != want || string(m.Pubkey) != string(k.Pubkey) {
		t.Fatalf("auth method id %s (want %s), minted %x claimed %x", k.AuthMethodID.Hex(), want.Hex(), m.Pubkey, k.Pubkey)
	}
	// A subject that spells an Action's claim: "<CID>_<keyId>" with keyId
	// "k:flint-app" is "<sub>:<aud>" for sub "<CID>_k". Lit's key id (the
	// auth method id) would be the Action's; Flint's tagged one is not.
	const cid = "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"
	actionKeyID := crypto.Keccak256Hash([]byte(cid + "_k:" + aud))
	sub = cid + "_k"
	spelt, err := cl.ClaimWithAuthMethod(ctx, token(nil, iss, aud, now, now.Add(time.Hour), rcpt), owner.Address)
	sub = user
	if err != nil || spelt.AuthMethodID != actionKeyID || spelt.KeyID == [32]byte(actionKeyID) || spelt.KeyID != chain.AuthMethodKeyID(6, actionKeyID) {
		t.Fatalf("a subject spelling an Action's key id: %+v, %v", spelt, err)
	}

	// The same token for another recipient: its nonce names the owner.
	_, err = cl.ClaimWithAuthMethod(ctx, good, d.Chain.Accounts()[2].Address)
	if codes := nodeCodes(err); codes["NodeClaimRecipientNotBound"] != len(d.URLs()) {
		t.Fatalf("JWT claim for another recipient: %v (codes %v)", err, codes)
	}
}
