package client

import (
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/ethereum/go-ethereum/accounts"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/auth"
)

// WalletAuthSig makes a wallet AuthSig: a SIWE (EIP-4361) message signed
// with EIP-191 by key, valid for ttl, whose ReCap lists grants (none: a
// plain login). nonce should be a recent block hash (Client.Blockhash) or
// any 8+ alphanumeric string. Where a node takes a wallet AuthSig as a
// request's credential (decryption), the ReCap must name exactly that
// request's resource and ability, and the nonce must be a recent block hash.
func WalletAuthSig(key *ecdsa.PrivateKey, nonce string, ttl time.Duration, grants ...auth.ResourceAbility) (json.RawMessage, error) {
	now := time.Now().UTC().Truncate(time.Second)
	statement := "Sign in to Flint."
	var resources []string
	if len(grants) > 0 {
		rc := auth.NewRecap(grants...)
		statement += " " + rc.Statement()
		resources = []string{rc.Encode()}
	}
	return SignSIWE(key, &auth.Message{
		Resources:      resources,
		Domain:         "localhost",
		Address:        crypto.PubkeyToAddress(key.PublicKey),
		Statement:      statement,
		URI:            "http://localhost/",
		Version:        "1",
		ChainID:        1,
		Nonce:          alnum(nonce),
		IssuedAt:       now,
		ExpirationTime: now.Add(ttl),
	})
}

// SignSIWE signs a SIWE message with EIP-191 and returns the AuthSig JSON.
func SignSIWE(key *ecdsa.PrivateKey, msg *auth.Message) (json.RawMessage, error) {
	text := msg.String()
	sig, err := crypto.Sign(accounts.TextHash([]byte(text)), key)
	if err != nil {
		return nil, err
	}
	sig[64] += 27
	return json.Marshal(auth.AuthSig{
		Sig:           "0x" + hex.EncodeToString(sig),
		DerivedVia:    "web3.eth.personal.sign",
		SignedMessage: text,
		Address:       msg.Address.Hex(),
	})
}

// alnum keeps the letters and digits of s (a SIWE nonce is alphanumeric),
// padding to eight.
func alnum(s string) string {
	var out []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			out = append(out, c)
		}
	}
	for len(out) < 8 {
		out = append(out, '0')
	}
	return string(out)
}
