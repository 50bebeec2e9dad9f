package client

import (
	"bytes"
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
	"github.com/flint-network/flint/auth/authmethod"
	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/wire"
)

// AuthMethod is a login a PKP permits: {authMethodType, accessToken}.
type AuthMethod = wire.AuthMethodJSON

// Login makes the auth method a PKP session request carries, given the
// session's ed25519 public key (32 bytes). Every node sees the login, so a
// login that names its session key (authmethod.SessionBinding) is the only
// kind that no node can replay with a key of its own: WalletLogin makes
// such logins. UnboundLogin wraps an auth method made elsewhere.
type Login func(sessionKey []byte) (AuthMethod, error)

// UnboundLogin is a Login that sends am whatever the session key, for
// logins made before the session key is known (the Lit SDK's shapes, an
// OAuth access token, an ID token whose nonce names no session key). Nodes
// take such a login with the first session key they see it with only
// (NodeAuthMethodAlreadyUsed after), and nodes configured with
// authMethods.requireBoundLogins refuse it (NodeAuthMethodNotBound).
func UnboundLogin(am AuthMethod) Login {
	return func([]byte) (AuthMethod, error) { return am, nil }
}

// WalletLogin is the login (type 1, EthWallet) of wallet for a PKP session:
// its AuthSig over a SIWE login whose nonce is nonce (a recent block hash,
// Client.Blockhash), valid for ttl, shaped as the SDK's
// EthWalletProvider.authenticate makes it, and bound to the session's key:
// the message names it in its statement, for the wallet's owner to read, and
// as its resource "flint-session://<key hex>", for the nodes, which take the
// login for that session key only. It is signed anew for each session. The
// nodes take it only while the block hash is recent (minutes).
func WalletLogin(wallet *ecdsa.PrivateKey, nonce string, ttl time.Duration) Login {
	return func(sessionKey []byte) (AuthMethod, error) {
		if len(sessionKey) != authmethod.SessionKeySize {
			return AuthMethod{}, fmt.Errorf("client: wallet login: session key is %d bytes, want %d", len(sessionKey), authmethod.SessionKeySize)
		}
		now := time.Now().UTC().Truncate(time.Second)
		binding := authmethod.SessionBinding(sessionKey)
		raw, err := SignSIWE(wallet, &auth.Message{
			Domain: "localhost", Address: crypto.PubkeyToAddress(wallet.PublicKey),
			Statement: "Log in to a PKP, for session key " + hex.EncodeToString(sessionKey) + " only.",
			URI:       "https://localhost/login", Version: "1", ChainID: 1,
			Nonce: nonce, IssuedAt: now, ExpirationTime: now.Add(ttl), Resources: []string{binding},
		})
		if err != nil {
			return AuthMethod{}, fmt.Errorf("client: wallet login: %w", err)
		}
		return AuthMethod{AuthMethodType: 1, AccessToken: string(raw)}, nil
	}
}

// SessionKey is the ed25519 key a PKP session hands the PKP's powers to.
// Make one first when a login must name it before the session is asked
// for: an ID token whose nonce is Binding, a WebAuthn assertion over the
// block hash followed by Public.
type SessionKey struct {
	priv ed25519.PrivateKey
}

// NewSessionKey makes a fresh session key.
func NewSessionKey() (*SessionKey, error) {
	_, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		return nil, fmt.Errorf("client: session key: %w", err)
	}
	return &SessionKey{priv: priv}, nil
}

// Public is the session's public key (32 bytes).
func (k *SessionKey) Public() []byte { return bytes.Clone(k.priv.Public().(ed25519.PublicKey)) }

// Binding is what a login bound to this key names:
// "flint-session://<key hex>", e.g. as an ID token's nonce.
func (k *SessionKey) Binding() string { return authmethod.SessionBinding(k.Public()) }

// PKPSession asks the nodes for a session of the PKP with public key pkpPub
// (33 or 65 bytes), as the Lit SDK's getPkpSessionSigs does: the nodes check
// the logins against the PKP's permissions and each sign, with its share of
// the network's BLS key, the session message they rebuild alike; the first
// quorum of shares over one message is combined and verified against the
// network key. The returned Session then signs for each node like a wallet's
// session, acting as the PKP with grants (DefaultGrants if none) until ttl
// from now. Each login is made for a fresh session key.
//
// A node that signs another message than the one asked for (another
// address, session key or grants) or whose share does not verify is left out,
// and named in the error when no quorum remains.
func (c *Client) PKPSession(ctx context.Context, pkpPub []byte, logins []Login, ttl time.Duration, grants ...auth.ResourceAbility) (*Session, error) {
	return c.pkpSession(ctx, nil, pkpPub, logins, nil, ttl, grants)
}

// PKPSessionWithKey is PKPSession for a session key made beforehand, which
// logins made outside (an ID token, a WebAuthn assertion) can name.
func (c *Client) PKPSessionWithKey(ctx context.Context, key *SessionKey, pkpPub []byte, logins []Login, ttl time.Duration, grants ...auth.ResourceAbility) (*Session, error) {
	if key == nil {
		return nil, errors.New("client: PKP session: no session key")
	}
	return c.pkpSession(ctx, key, pkpPub, logins, nil, ttl, grants)
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
func (c *Client) PKPSessionWithAction(ctx context.Context, pkpPub []byte, action LoginAction, logins []Login, ttl time.Duration, grants ...auth.ResourceAbility) (*Session, error) {
	return c.pkpSession(ctx, nil, pkpPub, logins, &action, ttl, grants)
}

func (c *Client) pkpSession(ctx context.Context, sk *SessionKey, pkpPub []byte, logins []Login, action *LoginAction, ttl time.Duration, grants []auth.ResourceAbility) (*Session, error) {
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
	if sk == nil {
		if sk, err = NewSessionKey(); err != nil {
			return nil, err
		}
	}
	key := sk.priv
	sessionKey := "lit:session:" + hex.EncodeToString(sk.Public())
	ams := make([]AuthMethod, 0, len(logins))
	for i, l := range logins {
		am, err := l(sk.Public())
		if err != nil {
			return nil, fmt.Errorf("client: PKP session: login %d: %w", i, err)
		}
		ams = append(ams, am)
	}
	rc := auth.NewRecap(grants...)
	now := time.Now().UTC().Truncate(time.Second)
	expires := now.Add(ttl)
	siwe := (&auth.Message{
		Domain: "localhost", Address: pkpAddr,
		Statement: "Lit Protocol PKP session signature " + rc.Statement(),
		URI:       sessionKey, Version: "1", ChainID: 1, Nonce: c.Blockhash,
		IssuedAt: now, ExpirationTime: expires, Resources: []string{rc.Encode()},
	}).String()
	req := wire.SignSessionKeyRequest{SessionKey: sessionKey, AuthMethods: ams, PKPPublicKey: hex.EncodeToString(u[:]),
		SiweMessage: siwe, CurveType: "BLS", Epoch: c.Epoch}
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
		expect: len(c.urls),
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
