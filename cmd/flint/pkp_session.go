package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"

	"github.com/flint-network/flint/auth/authmethod"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/devnet"
)

// Bounds of flint pkp session's flags: the nodes' own (node/pkpsession.go),
// checked here so a mistake is named before anything is sent.
const (
	maxSessionLogins       = 4        // authMethods per request
	maxAccessTokenBytes    = 16 << 10 // one accessToken
	maxLoginActionBytes    = 1 << 20  // an Action's code read with action:@FILE
	maxJSParamsBytes       = 1 << 20
	maxPKPSessionTTL       = 30 * 24 * time.Hour
	walletLoginLifetime    = 10 * time.Minute // the login is spent when the session is made
	defaultPKPSessionTTL   = 24 * time.Hour   // the Lit SDK's default
	authMethodFlagExamples = "wallet, action:CID, action:@FILE.js, or TYPE:TOKEN / TYPE:@FILE / TYPE:- (stdin) with TYPE one of " + authMethodTypeList
)

// authMethodTypes names the auth method types a token may be given for,
// as Lit numbers them (1, a wallet AuthSig, too: "wallet" makes one with
// --key).
var authMethodTypes = []struct {
	name string
	typ  authmethod.Type
}{
	{"ethwallet", authmethod.EthWallet},
	{"webauthn", authmethod.WebAuthn},
	{"discord", authmethod.Discord},
	{"google", authmethod.GoogleOAuth},
	{"google-jwt", authmethod.GoogleJWT},
	{"apple", authmethod.AppleJWT},
	{"stytch-otp", authmethod.StytchOtp},
	{"stytch-email-otp", authmethod.StytchEmailOtp},
	{"stytch-sms-otp", authmethod.StytchSmsOtp},
	{"stytch-whatsapp-otp", authmethod.StytchWhatsApp},
	{"stytch-totp", authmethod.StytchTotp},
}

const authMethodTypeList = "ethwallet (1), webauthn (3), discord (4), google (5), google-jwt (6), apple (8), stytch-otp (9), stytch-email-otp (10), stytch-sms-otp (11), stytch-whatsapp-otp (12), stytch-totp (13)"

// sessionLogins are the logins of flint pkp session, from --auth-method and
// --js-params.
type sessionLogins struct {
	wallet  bool // --key signs a wallet login
	methods []client.AuthMethod
	action  *client.LoginAction
}

// parseSessionLogins reads every --auth-method: "wallet"; "action:CID" or
// "action:@FILE" (a Lit Action as the login, custom auth); "TYPE:TOKEN",
// "TYPE:@FILE" or "TYPE:-" (stdin) — a token the nodes verify: a WebAuthn
// assertion, an ID token… — or a bare TYPE whose token is accessToken
// (--access-token, as flint pkp claim takes it). jsParams, a JSON object,
// goes to the Action.
func parseSessionLogins(specs []string, jsParams, accessToken string, stdin io.Reader) (*sessionLogins, error) {
	if len(specs) == 0 {
		return nil, usagef("--auth-method is required: %s", authMethodFlagExamples)
	}
	var l sessionLogins
	usedAccessToken, usedStdin := false, false
	for _, spec := range specs {
		spec = strings.TrimSpace(spec)
		kind, value, hasValue := strings.Cut(spec, ":")
		kind = strings.ToLower(kind)
		switch {
		case kind == "wallet" && !hasValue:
			if l.wallet {
				return nil, usagef("--auth-method wallet given twice")
			}
			l.wallet = true
		case kind == "action" || kind == "2":
			if l.action != nil {
				return nil, usagef("--auth-method action: one Lit Action per session")
			}
			a, err := parseLoginAction(value)
			if err != nil {
				return nil, err
			}
			l.action = a
		default:
			typ, ok := authMethodType(kind)
			if !ok || (!hasValue && accessToken == "") {
				return nil, usagef("--auth-method %q: want %s", clipText(spec, 40), authMethodFlagExamples)
			}
			if !hasValue {
				if usedAccessToken {
					return nil, usagef("--access-token is the token of one --auth-method TYPE; give the others as TYPE:TOKEN")
				}
				value, usedAccessToken = accessToken, true
			}
			if value == "-" {
				if usedStdin {
					return nil, usagef("--auth-method %s:-: only one token can come from stdin", kind)
				}
				usedStdin = true
			}
			if value == "" {
				return nil, usagef("--auth-method %s: empty token", kind)
			}
			token, err := readToken(stdin, value)
			if err != nil {
				return nil, err
			}
			if token == "" || len(token) > maxAccessTokenBytes {
				return nil, usagef("--auth-method %s: the token is %d bytes: 1 to %d", kind, len(token), maxAccessTokenBytes)
			}
			l.methods = append(l.methods, client.AuthMethod{AuthMethodType: int(typ), AccessToken: token})
		}
	}
	if accessToken != "" && !usedAccessToken {
		return nil, usagef("--access-token goes with an --auth-method TYPE that has no :TOKEN")
	}
	if n := len(l.methods) + btoi(l.wallet); n > maxSessionLogins {
		return nil, usagef("--auth-method: %d logins, at most %d (and one Lit Action)", n, maxSessionLogins)
	}
	if jsParams != "" {
		if l.action == nil {
			return nil, usagef("--js-params goes to a Lit Action: give --auth-method action:CID (or action:@FILE)")
		}
		raw, err := flagValueOrFile("--js-params", jsParams, maxJSParamsBytes)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal([]byte(raw), &l.action.JSParams); err != nil || l.action.JSParams == nil {
			return nil, usagef("--js-params must be a JSON object (or @FILE holding one)")
		}
	}
	return &l, nil
}

// parseLoginAction reads the value of --auth-method action:…: a CID the
// nodes fetch, or @FILE, the code itself (the PKP must permit its CID
// either way).
func parseLoginAction(value string) (*client.LoginAction, error) {
	if path, ok := strings.CutPrefix(value, "@"); ok {
		code, err := readBounded(path, maxLoginActionBytes)
		if err != nil {
			return nil, usagef("--auth-method action:@%s: %w", path, err)
		}
		if len(code) == 0 {
			return nil, usagef("--auth-method action:@%s: the file is empty", path)
		}
		return &client.LoginAction{Code: code}, nil
	}
	c, err := parseCID("auth-method action:", value)
	if err != nil {
		return nil, err
	}
	return &client.LoginAction{IPFSID: c.String()}, nil
}

// authMethodType reads a type by name or number.
func authMethodType(s string) (authmethod.Type, bool) {
	for _, t := range authMethodTypes {
		if s == t.name || s == strconv.Itoa(int(t.typ)) {
			return t.typ, true
		}
	}
	return 0, false
}

// flagValueOrFile is value, or with @FILE the file's content (trailing
// newlines dropped), at most max bytes either way.
func flagValueOrFile(flag, value string, max int) (string, error) {
	if path, ok := strings.CutPrefix(value, "@"); ok {
		b, err := readBounded(path, int64(max))
		if err != nil {
			return "", usagef("%s: %w", flag, err)
		}
		value = strings.TrimRight(string(b), "\r\n")
	}
	if value == "" {
		return "", usagef("%s: empty", flag)
	}
	if len(value) > max {
		return "", usagef("%s: %d bytes, at most %d", flag, len(value), max)
	}
	return value, nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// sessionSummary is what flint pkp session --out prints.
type sessionSummary struct {
	File       string    `json:"file"`
	PKPAddress string    `json:"pkpAddress"`
	SessionKey string    `json:"sessionKey"`
	Expires    time.Time `json:"expires"`
	Nodes      int       `json:"nodes"`
}

func newPKPSessionCmd() *cobra.Command {
	var f netFlags
	var pubkey, jsParams, out, accessToken string
	var specs []string
	var ttl time.Duration
	cmd := &cobra.Command{
		Use:   "session --pubkey P --auth-method M [--auth-method M…] [--js-params JSON] [--ttl D] [--out FILE]",
		Short: "Log in to a PKP: get session signatures that act as the PKP (the SDK's getPkpSessionSigs)",
		Long: `Asks every node for a PKP session, as the Lit SDK's getPkpSessionSigs and getLitActionSessionSigs do:
each node checks the logins against the PKP's permitted auth methods on chain and signs, with its share
of the network's BLS key, a SIWE message handing a new session key the PKP's powers; a quorum of shares
is combined and verified against the network key. Prints the session signatures by node URL — exactly
the object getPkpSessionSigs returns, usable as sessionSigs by the Lit SDK (pkpSign, executeJs) and by
"flint pkp sign --session FILE" and "flint action run --session FILE" — or writes them to --out
(mode 0600). They are a bearer credential: whoever has the file signs as the PKP until it expires, or
until the PKP stops permitting the login (the nodes check on every request).

--auth-method (repeatable) names each login:
  wallet              the --key account signs a SIWE login; the PKP must permit its address
                      (flint pkp grant --address) or its auth method type 1
  action:CID          a Lit Action (custom auth) the nodes fetch by CID; it runs on every node with
  action:@FILE.js     --js-params as its globals and must answer Lit.Actions.setResponse({response:
                      "true"}). The PKP must permit its CID (flint pkp grant --action)
  TYPE:TOKEN          a token the nodes verify, e.g. google-jwt:eyJ…, webauthn:@assertion.json,
  TYPE:@FILE          6:- (stdin: a token in the arguments is visible to other users of the
  TYPE:-              machine), or TYPE alone with --access-token. TYPE by name or number:
                      ` + authMethodTypeList,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			pub, err := parsePubkey(pubkey)
			if err != nil {
				return err
			}
			logins, err := parseSessionLogins(specs, jsParams, accessToken, cmd.InOrStdin())
			if err != nil {
				return err
			}
			if ttl <= 0 || ttl > maxPKPSessionTTL {
				return usagef("--ttl %s: want a positive duration of at most %s", ttl, maxPKPSessionTTL)
			}
			nw, err := f.load()
			if err != nil {
				return err
			}
			ctx, cancel := f.context(cmd.Context())
			defer cancel()
			cl, err := connect(ctx, nw)
			if err != nil {
				return err
			}
			sess, err := pkpSession(ctx, &f, nw, cl, pub, logins, ttl)
			if err != nil {
				return explainSessionErr(err, pub)
			}
			sigs, err := sessionSigsOf(cl, sess)
			if err != nil {
				return err
			}
			b, err := json.MarshalIndent(sigs, "", "  ")
			if err != nil {
				return err
			}
			b = append(b, '\n')
			if out == "" {
				_, err := cmd.OutOrStdout().Write(b)
				return err
			}
			// 0600: the file signs as the PKP.
			if err := os.WriteFile(out, b, 0o600); err != nil {
				return fmt.Errorf("--out: %w", err)
			}
			sf, err := parseSessionFile(b, time.Now())
			if err != nil {
				return fmt.Errorf("the session just made does not read back: %w", err)
			}
			sum := sessionSummary{File: out, PKPAddress: sess.Wallet().Hex(), SessionKey: sf.sessionKey, Expires: sess.Expires(), Nodes: len(sigs)}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), sum)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Wrote a session of PKP %s for %d nodes to %s\n  valid until %s (while the PKP permits the login)\n",
				sum.PKPAddress, sum.Nodes, out, sum.Expires.Format(time.RFC3339))
			return nil
		},
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&pubkey, "pubkey", "", "the PKP's public key (hex)")
	fl.StringArrayVar(&specs, "auth-method", nil, "a login (repeatable): wallet, action:CID, action:@FILE.js, TYPE:TOKEN, TYPE:@FILE or TYPE:- (see above)")
	fl.StringVar(&accessToken, "access-token", "", "the token of an --auth-method TYPE given without :TOKEN: the text, @FILE, or - for stdin (as flint pkp claim takes it)")
	fl.StringVar(&jsParams, "js-params", "", "with --auth-method action:…, the Action's jsParams: a JSON object, or @FILE")
	fl.DurationVar(&ttl, "ttl", defaultPKPSessionTTL, "how long the session is valid (at most 720h)")
	fl.StringVar(&out, "out", "", "write the session signatures to this file (mode 0600) instead of stdout")
	return cmd
}

// pkpSession logs in to the PKP with the logins (the --key account's
// wallet login among them when asked).
func pkpSession(ctx context.Context, f *netFlags, nw *devnet.Network, cl *client.Client, pub []byte, l *sessionLogins, ttl time.Duration) (*client.Session, error) {
	var logins []client.Login
	if l.wallet {
		key, err := f.signer(nw)
		if err != nil {
			return nil, err
		}
		// Bound to the session key: no node can replay it with its own.
		logins = append(logins, client.WalletLogin(key, cl.Blockhash, walletLoginLifetime))
	}
	for _, am := range l.methods {
		// A token made elsewhere (an ID token, a WebAuthn assertion) binds
		// itself, if it does, through its nonce or challenge.
		logins = append(logins, client.UnboundLogin(am))
	}
	if l.action != nil {
		return cl.PKPSessionWithAction(ctx, pub, *l.action, logins, ttl)
	}
	return cl.PKPSession(ctx, pub, logins, ttl)
}

// sessionSigsOf is the session's signature for every node, by URL: the
// object getPkpSessionSigs returns.
func sessionSigsOf(cl *client.Client, s *client.Session) (client.SessionSigs, error) {
	sigs := client.SessionSigs{}
	for _, u := range cl.URLs() {
		sig, err := s.AuthSigFor(u)
		if err != nil {
			return nil, err
		}
		sigs[u] = sig
	}
	return sigs, nil
}

// explainSessionErr adds what the user can do when every node refused the
// login for one reason.
func explainSessionErr(err error, pub []byte) error {
	var ue *usageError
	if errors.As(err, &ue) {
		return err
	}
	code := commonNodeCode(err)
	addr := chain.EthAddress(pub).Hex()
	switch {
	case code == "NodePKPNotAuthorized":
		return fmt.Errorf("session: PKP %s does not permit this login (its owner can run flint pkp grant --address or --action; a grant counts from the next block): %w", addr, err)
	case code == "NodePKPNotFound":
		return fmt.Errorf("session: no PKP with public key %s on this network: %w", hex0x(pub), err)
	case code == "NodeInvalidAuthMethodType" || code == "NodeAuthMethodUnsupportedType" || code == "NodeAuthMethodNotConfigured":
		return fmt.Errorf("session: the nodes do not serve this auth method type (each needs its verifier configured: authMethods in the node's configuration): %w", err)
	case code == "NodeLitActionsSessionSigAuthenticationFailed":
		return fmt.Errorf("session: the Lit Action ran but did not prove the login (its response must be exactly \"true\"): %w", err)
	case strings.HasPrefix(code, "NodeInvalidAuthMethod") || strings.HasPrefix(code, "NodeAuthMethod"):
		return fmt.Errorf("session: the nodes refused the login: %w", err)
	}
	return fmt.Errorf("session: %w", err)
}

// commonNodeCode is the error code every node that refused err answered,
// or "".
func commonNodeCode(err error) string {
	var ne *client.NodesError
	if !errors.As(err, &ne) || len(ne.Nodes) == 0 {
		return ""
	}
	code := ne.Nodes[0].Code
	for _, n := range ne.Nodes {
		if n.Code != code {
			return ""
		}
	}
	return code
}

// savedSession is what a command acting with a saved PKP session (--session
// FILE) needs: a context bounded by --timeout (cancel ends it), the client,
// the session's signatures for its nodes, and the PKP's public key.
type savedSession struct {
	ctx    context.Context
	cancel context.CancelFunc
	cl     *client.Client
	sigs   client.SessionSigs
	file   *sessionFile
	pub    []byte
}

// savedSession reads the session file at path, connects, and checks the
// file's signatures as the nodes will. pub is the PKP's public key the
// caller named, checked against the session's; nil with needPub finds it
// on chain from the session's address.
func (f *netFlags) savedSession(cmd *cobra.Command, path string, pub []byte, needPub bool) (*savedSession, error) {
	if cmd.Flags().Changed("key") {
		return nil, usagef("--key and --session: the session signs, not a key; give one of them")
	}
	sf, err := readSessionFile(path, time.Now())
	if err != nil {
		return nil, err
	}
	if pub != nil && chain.EthAddress(pub) != sf.pkp {
		return nil, usagef("--session %s is a session of PKP %s, not of --pubkey's PKP %s", path, sf.pkp.Hex(), chain.EthAddress(pub).Hex())
	}
	nw, err := f.load()
	if err != nil {
		return nil, err
	}
	ctx, cancel := f.context(cmd.Context())
	s := &savedSession{ctx: ctx, cancel: cancel, file: sf, pub: pub}
	fail := func(err error) (*savedSession, error) {
		cancel()
		return nil, err
	}
	if s.cl, err = connect(ctx, nw); err != nil {
		return fail(err)
	}
	if s.sigs, err = sf.forNodes(s.cl.URLs()); err != nil {
		return fail(usagef("--session %s: %w", path, err))
	}
	if err := sf.verify(ctx, s.sigs, &s.cl.BLSKey, time.Now()); err != nil {
		return fail(usagef("--session %s: %w", path, err))
	}
	if s.pub == nil && needPub {
		if s.pub, err = pkpPubkeyOf(ctx, nw, sf.pkp); err != nil {
			return fail(err)
		}
	}
	return s, nil
}

// pkpPubkeyOf finds on chain the public key of the PKP with address addr.
func pkpPubkeyOf(ctx context.Context, nw *devnet.Network, addr common.Address) ([]byte, error) {
	cc, err := dialChain(ctx, nw)
	if err != nil {
		return nil, err
	}
	defer cc.Close()
	id, err := cc.TokenIDByEthAddress(ctx, addr)
	if err == nil && id.Sign() == 0 {
		err = chain.ErrUnknownToken
	}
	if err != nil {
		return nil, fmt.Errorf("finding the session's PKP %s on chain (or pass --pubkey): %w", addr.Hex(), err)
	}
	p, err := cc.PKP(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("finding the session's PKP %s on chain (or pass --pubkey): %w", addr.Hex(), err)
	}
	return p.Pubkey, nil
}
