package main

import (
	"crypto/ecdsa"
	"encoding/hex"
	"errors"
	"strings"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
)

// Parsers of what users type. Each returns a usage error that names the flag and what was expected,
// never echoing secrets back.

// parseHex decodes hex (with or without 0x) of exactly n bytes.
func parseHex(flag, s string, n int) ([]byte, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, usagef("--%s is required (%d bytes of hex)", flag, n)
	}
	h := trim0x(s)
	if len(h)%2 != 0 {
		return nil, usagef("--%s: odd number of hex digits (want %d bytes, %d hex digits)", flag, n, 2*n)
	}
	b, err := hex.DecodeString(h)
	if err != nil {
		return nil, usagef("--%s: not hex (want %d bytes, %d hex digits)", flag, n, 2*n)
	}
	if len(b) != n {
		return nil, usagef("--%s: %d bytes, want %d (%d hex digits)", flag, len(b), n, 2*n)
	}
	return b, nil
}

func trim0x(s string) string {
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		return s[2:]
	}
	return s
}

// parseHash reads a 32-byte hash to sign.
func parseHash(s string) ([32]byte, error) {
	var h [32]byte
	b, err := parseHex("hash", s, 32)
	if err != nil {
		return h, err
	}
	copy(h[:], b)
	return h, nil
}

// parsePubkey reads a PKP public key: 65 bytes uncompressed (0x04 ‖ X ‖ Y, as mint prints it) or 33
// bytes compressed, a point on secp256k1. It returns the uncompressed form the chain and nodes use.
func parsePubkey(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, usagef("--pubkey is required (the PKP's public key, 65 bytes of hex as \"flint pkp mint\" prints it)")
	}
	b, err := hex.DecodeString(trim0x(s))
	if err != nil {
		return nil, usagef("--pubkey: not hex")
	}
	if len(b) != 65 && len(b) != 33 {
		return nil, usagef("--pubkey: %d bytes, want 65 (uncompressed, 0x04…) or 33 (compressed)", len(b))
	}
	pk, err := secp256k1.ParsePubKey(b)
	if err != nil {
		return nil, usagef("--pubkey: not a secp256k1 public key: %w", err)
	}
	return pk.SerializeUncompressed(), nil
}

// parseAddress reads a non-zero Ethereum address.
func parseAddress(flag, s string) (common.Address, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return common.Address{}, usagef("--%s is required (an Ethereum address, 0x and 40 hex digits)", flag)
	}
	if !common.IsHexAddress(s) {
		return common.Address{}, usagef("--%s %q is not an Ethereum address (0x and 40 hex digits)", flag, s)
	}
	a := common.HexToAddress(s)
	if a == (common.Address{}) {
		return common.Address{}, usagef("--%s is the zero address", flag)
	}
	return a, nil
}

// parseScopes checks the scopes of a grant: 1 = sign anything, 2 = personal-sign (EIP-191) only.
func parseScopes(in []uint) ([]chain.Scope, error) {
	if len(in) == 0 {
		return nil, usagef("--scope is required (1 = sign anything, 2 = EIP-191 personal-sign only)")
	}
	out := make([]chain.Scope, 0, len(in))
	for _, s := range in {
		if s > uint(chain.ScopePersonalSign) {
			return nil, usagef("--scope %d: want 0 (none), 1 (sign anything) or 2 (EIP-191 personal-sign only)", s)
		}
		out = append(out, chain.Scope(s))
	}
	return out, nil
}

// errBadKey never carries the key, not even the character that failed to parse.
var errBadKey = errors.New("not a secp256k1 private key (32 bytes of hex)")

// parseKey reads a private key from hex.
func parseKey(source, s string) (*ecdsa.PrivateKey, error) {
	s = trim0x(strings.TrimSpace(s))
	if len(s) != 64 {
		return nil, usagef("%s: %w", source, errBadKey)
	}
	k, err := crypto.HexToECDSA(s)
	if err != nil {
		return nil, usagef("%s: %w", source, errBadKey)
	}
	return k, nil
}

// hex0x is hex with 0x, the form every output uses.
func hex0x(b []byte) string { return "0x" + hex.EncodeToString(b) }
