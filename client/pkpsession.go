package client

import (
	"context"
	"crypto/ecdsa"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/wire"
)

// AuthMethod is a login a PKP permits: {authMethodType, accessToken}, e.g.
// a wallet's (type 1) with WalletLogin.
type AuthMethod = wire.AuthMethodJSON

// WalletLogin is the auth method (type 1, EthWallet) of wallet: its AuthSig
// over a SIWE login whose nonce is nonce (a recent block hash,
// Client.Blockhash), valid for ttl, as the SDK's
// EthWalletProvider.authenticate makes it. The nodes take it only while the
// block hash is recent (minutes).
func WalletLogin(wallet *ecdsa.PrivateKey, nonce string, ttl time.Duration) (AuthMethod, error) {
	now := time.Now().UTC().Truncate(time.Second)
	raw, err := SignSIWE(wallet, &auth.Message{
		Domain: "localhost", Address: crypto.PubkeyToAddress(wallet.PublicKey),
		Statement: "Log in to a PKP.", URI: "https://localhost/login", Version: "1", ChainID: 1,
		Nonce: nonce, IssuedAt: now, ExpirationTime: now.Add(ttl),
	})
	if err != nil {
		return AuthMethod{}, fmt.Errorf("client: wallet login: %w", err)
	}
	return AuthMethod{AuthMethodType: 1, AccessToken: string(raw)}, nil
}

// PKPSession asks the nodes for a session of the PKP with public key pkpPub
// (33 or 65 bytes), as the Lit SDK's getPkpSessionSigs does: the nodes check
// the logins against the PKP's permissions and each sign, with its share of
// the network's BLS key, the session message they rebuild alike; the first
// quorum of shares over one message is combined and verified against the
// network key. The returned Session then signs for each node like a wallet's
// session, acting as the PKP with grants (DefaultGrants if none) until ttl
// from now.
//
// A node that signs another message than the one asked for (another
// address, session key or grants) or whose share does not verify is left out,
// and named in the error when no quorum remains.
func (c *Client) PKPSession(ctx context.Context, pkpPub []byte, logins []AuthMethod, ttl time.Duration, grants ...auth.ResourceAbility) (*Session, error) {
	return c.pkpSession(ctx, pkpPub, logins, nil, ttl, grants)
}

// LoginAction is a Lit Action that proves a login (custom auth): its code,
// or its CID for the nodes to fetch, and its parameters. The PKP must
// permit its CID, and it must answer Lit.Actions.setResponse({response:
// "true"}).
type LoginAction struct {
	Code     []byte
	IPFSID   string
	JSParams map[string]any
}

// PKPSessionWithAction is PKPSession with a Lit Action as the login, as the
// Lit SDK's getLitActionSessionSigs; logins may be empty or add more.
func (c *Client) PKPSessionWithAction(ctx context.Context, pkpPub []byte, action LoginAction, logins []AuthMethod, ttl time.Duration, grants ...auth.ResourceAbility) (*Session, error) {
	return c.pkpSession(ctx, pkpPub, logins, &action, ttl, grants)
}

func (c *Client) pkpSession(ctx context.Context, pkpPub []byte, logins []AuthMethod, action *LoginAction, ttl time.Duration, grants []auth.ResourceAbility) (*Session, error) {
	if ttl <= 0 {
		return nil, errors.New("client: PKP session lifetime must be positive")
	}
	if c.BLSPoly == nil {
		return nil, errors.New("client: PKP session: the nodes gave no BLS public polynomial")
	}
	// Combine (below) verifies the signature against the polynomial's constant
	// term; it is the network key every node checks the capability with
	// when that term is c.BLSKey (Connect checks it; the fields are
	// exported, so check again: comparing points costs nothing, a second
	// pairing check cost 40% of this call's CPU).
	if !c.BLSPoly.PublicKey().Equal(c.BLSKey) {
		return nil, errors.New("client: PKP session: the BLS public polynomial is not of the network key (Client.BLSKey)")
	}
	pt, err := secp.ParsePublicKey(pkpPub)
	if err != nil {
		return nil, fmt.Errorf("client: PKP session: %w", err)
	}
	u := secp.Uncompressed(&pt)
	pkpAddr := common.BytesToAddress(crypto.Keccak256(u[1:])[12:])
	if len(grants) == 0 {
		grants = DefaultGrants
	}
	_, key, err := ed25519.GenerateKey(nil)
	if err != nil {
		return nil, fmt.Errorf("client: session key: %w", err)
	}
	sessionKey := "lit:session:" + hex.EncodeToString(key.Public().(ed25519.PublicKey))
	rc := auth.NewRecap(grants...)
	now := time.Now().UTC().Truncate(time.Second)
	expires := now.Add(ttl)
	siwe := (&auth.Message{
		Domain: "localhost", Address: pkpAddr,
		Statement: "Lit Protocol PKP session signature " + rc.Statement(),
		URI:       sessionKey, Version: "1", ChainID: 1, Nonce: c.Blockhash,
		IssuedAt: now, ExpirationTime: expires, Resources: []string{rc.Encode()},
	}).String()
	req := wire.SignSessionKeyRequest{SessionKey: sessionKey, AuthMethods: logins, PKPPublicKey: hex.EncodeToString(u[:]),
		SiweMessage: siwe, CurveType: "BLS", Epoch: c.Epoch}
	if req.AuthMethods == nil {
		req.AuthMethods = []AuthMethod{}
	}
	if action != nil {
		if len(action.Code) > 0 {
			req.Code = base64.StdEncoding.EncodeToString(action.Code)
		} else {
			req.LitActionIPFSID = action.IPFSID
		}
		if action.JSParams != nil {
			if req.JSParams, err = json.Marshal(action.JSParams); err != nil {
				return nil, fmt.Errorf("client: PKP session: jsParams: %w", err)
			}
		}
	}

	type sessionPiece = piece[string, bls.Identifier, bls.SignatureShare]
	col := &collector[string, bls.Identifier, bls.SignatureShare, bls.Signature]{
		parse: func(_ string, body []byte) (sessionPiece, error) {
			msg, share, err := parseSessionShare(body, pkpAddr, sessionKey, grants)
			return sessionPiece{group: msg, id: share.ID, share: share}, err
		},
		enough: c.BLSPoly.Threshold(),
		combine: func(msg string, shares []bls.SignatureShare) (bls.Signature, []bls.Identifier, error) {
			h := auth.SessionHash(msg)
			sig, bad, err := combineBLS(c.BLSPoly, h[:], shares)
			if err != nil && !errors.Is(err, errNeedMore) {
				err = fmt.Errorf("client: PKP session: combining shares: %w", err)
			}
			return sig, bad, err
		},
		badErr: errors.New("its PKP session signature share does not verify against the network's public polynomial"),
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	got, err := col.collect(c.fanoutChan(ctx, NewRequestID(), "/web/sign_session_key/v1", func(string) any { return req }), cancel)
	if err != nil {
		return nil, err
	}
	if !got.ok {
		return nil, &NodesError{Op: "PKP session", Cause: fmt.Errorf("%w: %d valid shares on one message of %d needed", ErrTooFewNodes, got.most, c.BLSPoly.Threshold()), Nodes: got.failed}
	}
	sig, err := json.Marshal(map[string]string{"ProofOfPossession": hex.EncodeToString(got.result.Bytes())})
	if err != nil {
		return nil, err
	}
	return &Session{key: key, wallet: pkpAddr, requests: grants, issued: now, expires: expires, sigs: map[string]json.RawMessage{},
		grant: auth.AuthSig{Sig: string(sig), DerivedVia: auth.DerivedViaNetwork, SignedMessage: got.group, Address: pkpAddr.Hex(), Algo: auth.NetworkAlgo}}, nil
}

// parseSessionShare reads a node's answer and checks that the message it
// signed hands the PKP's powers to this session key and grants what was
// asked: a node cannot have the client combine another session.
func parseSessionShare(body []byte, pkp common.Address, sessionKey string, grants []auth.ResourceAbility) (string, bls.SignatureShare, error) {
	var a wire.SignSessionKeyAnswer
	if err := json.Unmarshal(body, &a); err != nil {
		return "", bls.SignatureShare{}, fmt.Errorf("session key answer: %w", err)
	}
	if a.Result != "success" || a.CurveType != "BLS" {
		return "", bls.SignatureShare{}, fmt.Errorf("session key answer: result %q, curve %q", truncate(a.Result, 32), truncate(a.CurveType, 16))
	}
	m, err := auth.ParseMessage(a.SiweMessage)
	if err != nil {
		return "", bls.SignatureShare{}, fmt.Errorf("session key answer: siweMessage: %w", err)
	}
	if m.Address != pkp || m.URI != sessionKey {
		return "", bls.SignatureShare{}, fmt.Errorf("session key answer: the node signed a message for %s and %s, not the PKP %s and this session key", m.Address.Hex(), truncate(m.URI, 80), pkp.Hex())
	}
	if h := auth.SessionHash(a.SiweMessage); a.DataSigned != hex.EncodeToString(h[:]) {
		return "", bls.SignatureShare{}, errors.New("session key answer: dataSigned is not the session hash of siweMessage")
	}
	share, err := wire.ParseBLSShare(a.SignatureShare)
	if err != nil {
		return "", bls.SignatureShare{}, fmt.Errorf("session key answer: %w", err)
	}
	return a.SiweMessage, share, nil
}
