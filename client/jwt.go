package client

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/wire"
)

// MaxTokenLifetime is the longest a signed token may live: nodes refuse an
// exp more than this after iat (NodeExpWrongOrTooLarge).
const MaxTokenLifetime = 12 * time.Hour

// SignedToken asks every node for its share of a JWT saying that cred's
// caller meets conds, as the Lit SDK's getSignedToken does, and returns
// the token signed by the network: the first quorum of valid shares on one
// unsigned token, combined with the network's public polynomial. The token
// lives ttl (whole seconds, at most MaxTokenLifetime) from now; chain, if
// not empty, is carried in it. A server checks the token with VerifyJWT
// and the network's BLS key alone.
//
// A node that refuses (the conditions are not met, say) is in the error.
// A node that signs another token than the one asked for (other times,
// conditions or chain, or another caller than a Session's wallet), or
// whose share does not verify, is named in the error when no quorum
// remains, and otherwise left out.
func (c *Client) SignedToken(ctx context.Context, cred Credential, conds *acc.Conditions, chain string, ttl time.Duration) (string, error) {
	if ttl < time.Second || ttl > MaxTokenLifetime {
		return "", fmt.Errorf("client: signed token: lifetime %v: from 1s to %v", ttl, MaxTokenLifetime)
	}
	if c.BLSPoly == nil {
		return "", errors.New("client: signed token: the nodes gave no BLS public polynomial")
	}
	sigs, err := c.authSigs(cred)
	if err != nil {
		return "", err
	}
	iat := time.Now().Unix()
	want := tokenRequest{conds: conds, iat: iat, exp: iat + int64(ttl/time.Second)}
	req := wire.SigningACCRequest{Fields: acc.FieldsOf(conds), Iat: want.iat, Exp: want.exp, Epoch: c.Epoch}
	if chain != "" {
		want.chain = &chain
		req.Chain = &chain
	}
	body := func(url string) any { r := req; r.AuthSig = sigs(url); return r }
	if w, ok := cred.(interface{ Wallet() common.Address }); ok {
		a := w.Wallet()
		want.sub = &a
	}

	need := c.BLSPoly.Threshold()
	type tokenPiece = piece[string, bls.Identifier, bls.SignatureShare]
	col := &collector[string, bls.Identifier, bls.SignatureShare, bls.Signature]{
		parse: func(_ string, body []byte) (tokenPiece, error) {
			unsigned, share, err := parseTokenShare(body, want)
			return tokenPiece{group: unsigned, id: share.ID, share: share}, err
		},
		enough: need,
		expect: len(c.urls),
		combine: func(unsigned string, shares []bls.SignatureShare) (bls.Signature, []bls.Identifier, error) {
			sig, bad, err := combineBLS(c.BLSPoly, []byte(unsigned), shares)
			if err != nil && !errors.Is(err, errNeedMore) {
				err = fmt.Errorf("client: signed token: combining shares: %w", err)
			}
			return sig, bad, err
		},
		badErr: errors.New("its token signature share does not verify against the network's public polynomial"),
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	got, err := col.collect(c.fanoutChan(ctx, NewRequestID(), "/web/signing/access_control_condition", body), cancel)
	if err != nil {
		return "", err
	}
	if !got.ok {
		return "", &NodesError{Op: "signed token", Cause: fmt.Errorf("%w: %d valid shares on one token of %d needed", ErrTooFewNodes, got.most, need), Nodes: got.failed}
	}
	token := got.group + "." + base64.RawURLEncoding.EncodeToString(got.result.Bytes())
	return token, nil
}

// tokenRequest is what the client asked the nodes to sign.
type tokenRequest struct {
	conds    *acc.Conditions
	chain    *string
	iat, exp int64
	sub      *common.Address // the caller, when the credential names it
}

// parseTokenShare reads a node's answer and checks that the token it
// signed is the one asked for: a node cannot have the client combine a
// token with other claims.
func parseTokenShare(body []byte, want tokenRequest) (string, bls.SignatureShare, error) {
	var a wire.SigningACCAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return "", bls.SignatureShare{}, fmt.Errorf("token answer: %w", err)
	}
	if a.Result != "success" {
		return "", bls.SignatureShare{}, fmt.Errorf("token answer: result %q", truncate(a.Result, 32))
	}
	_, claims, _, err := wire.SplitJWT(a.UnsignedJWT + ".")
	if err != nil {
		return "", bls.SignatureShare{}, fmt.Errorf("token answer: unsignedJwt: %w", err)
	}
	if err := want.check(claims); err != nil {
		return "", bls.SignatureShare{}, fmt.Errorf("token answer: the node signed another token than the one asked for: %w", err)
	}
	share, err := wire.ParseBLSShare(a.SignatureShare)
	if err != nil {
		return "", bls.SignatureShare{}, fmt.Errorf("token answer: %w", err)
	}
	return a.UnsignedJWT, share, nil
}

// check compares a token's claims with the request.
func (w tokenRequest) check(p *wire.JWTPayload) error {
	got := map[acc.Kind]json.RawMessage{acc.EVMBasic: p.AccessControlConditions, acc.EVMContract: p.EVMContractConditions,
		acc.SolRPC: p.SolRPCConditions, acc.Unified: p.UnifiedAccessControlConditions}
	for k, v := range got {
		if k == w.conds.Kind() {
			if !bytes.Equal(v, w.conds.Canonical()) {
				return fmt.Errorf("%s differ from those asked for", k)
			}
		} else if v != nil {
			return fmt.Errorf("%s present, not asked for", k)
		}
	}
	switch {
	case p.Iss != "LIT":
		return fmt.Errorf("iss %q", truncate(p.Iss, 32))
	case p.Iat != w.iat || p.Exp != w.exp:
		return fmt.Errorf("iat %d exp %d, asked %d %d", p.Iat, p.Exp, w.iat, w.exp)
	case (p.Chain == nil) != (w.chain == nil) || p.Chain != nil && *p.Chain != *w.chain:
		return errors.New("chain differs from the one asked for")
	case w.sub != nil && !strings.EqualFold(p.Sub, w.sub.Hex()):
		return fmt.Errorf("sub %q, not the caller %s", truncate(p.Sub, 64), w.sub.Hex())
	}
	return nil
}

// ErrTokenExpired is a token whose exp has passed.
var ErrTokenExpired = errors.New("token expired")

// VerifyJWT checks a token the network signed (SignedToken, or the Lit
// SDK's getSignedToken) as a server would: the form, the BLS signature over
// header.payload against networkKey (Client.BLSKey; the handshake's
// networkPublicKey), iss "LIT", and that exp has not passed. It returns
// the claims; which conditions and which sub the server requires is the
// server's to check.
func VerifyJWT(networkKey bls.PublicKey, jwt string) (*wire.JWTPayload, error) {
	return verifyJWTAt(networkKey, jwt, time.Now())
}

func verifyJWTAt(networkKey bls.PublicKey, jwt string, now time.Time) (*wire.JWTPayload, error) {
	input, claims, raw, err := wire.SplitJWT(jwt)
	if err != nil {
		return nil, fmt.Errorf("client: verify token: %w", err)
	}
	sig, err := bls.ParseSignature(raw)
	if err != nil {
		return nil, fmt.Errorf("client: verify token: signature: %w", err)
	}
	if err := bls.Verify(networkKey, []byte(input), sig); err != nil {
		return nil, fmt.Errorf("client: verify token: %w", err)
	}
	if claims.Iss != "LIT" {
		return nil, fmt.Errorf("client: verify token: iss %q, want LIT", truncate(claims.Iss, 32))
	}
	if claims.Exp <= now.Unix() {
		return nil, fmt.Errorf("client: verify token: %w: exp %d, now %d", ErrTokenExpired, claims.Exp, now.Unix())
	}
	return claims, nil
}
