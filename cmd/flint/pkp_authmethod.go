package main

import (
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/spf13/cobra"

	"github.com/flint-network/flint/auth/authmethod"
	"github.com/flint-network/flint/auth/webauthn"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/ipfs"
)

// The auth-method commands register and list the logins a PKP permits (Lit's auth methods), as the Lit
// SDK and the nodes read them from PKPPermissions.

// authMethodSpec is the user's choice of one auth method, from the flags of add-auth-method.
type authMethodSpec struct {
	wallet      string
	action      string
	webauthnID  string
	webauthnKey string
	jwtType     uint
	jwtUser     string
	jwtApp      string
}

// walletLoginID is the id the Lit SDK registers for an EthWallet login (mintWithAuth): keccak256 of the
// checksummed address and ":lit".
func walletLoginID(a common.Address) []byte { return crypto.Keccak256([]byte(a.Hex() + ":lit")) }

// resolve turns the flags into the auth method to register and a description of it.
func (s authMethodSpec) resolve() (chain.AuthMethod, string, error) {
	var kinds []string
	for name, set := range map[string]bool{
		"--wallet": s.wallet != "", "--action": s.action != "", "--webauthn-raw-id": s.webauthnID != "", "--jwt-type": s.jwtType != 0,
	} {
		if set {
			kinds = append(kinds, name)
		}
	}
	if len(kinds) != 1 {
		return chain.AuthMethod{}, "", usagef("give exactly one of --wallet, --action, --webauthn-raw-id or --jwt-type")
	}
	if s.webauthnID == "" && s.webauthnKey != "" {
		return chain.AuthMethod{}, "", usagef("--webauthn-key goes with --webauthn-raw-id")
	}
	if s.jwtType == 0 && (s.jwtUser != "" || s.jwtApp != "") {
		return chain.AuthMethod{}, "", usagef("--jwt-user and --jwt-app go with --jwt-type")
	}
	switch {
	case s.wallet != "":
		a, err := parseAddress("wallet", s.wallet)
		if err != nil {
			return chain.AuthMethod{}, "", err
		}
		return chain.AuthMethod{Type: chain.AuthMethodAddress, ID: walletLoginID(a)}, "wallet login " + a.Hex(), nil
	case s.action != "":
		c, err := parseCID("action", s.action)
		if err != nil {
			return chain.AuthMethod{}, "", err
		}
		return chain.AuthMethod{Type: chain.AuthMethodAction, ID: c.Bytes()}, "Action " + c.String(), nil
	case s.webauthnID != "":
		if len(s.webauthnID) > 2*webauthn.MaxCredentialID {
			return chain.AuthMethod{}, "", usagef("--webauthn-raw-id is %d characters, more than %d (base64url of MaxCredentialID %d bytes)",
				len(s.webauthnID), 2*webauthn.MaxCredentialID, webauthn.MaxCredentialID)
		}
		if s.webauthnKey == "" {
			return chain.AuthMethod{}, "", usagef("--webauthn-key is required with --webauthn-raw-id (the credential's COSE public key: hex, or a file)")
		}
		key, err := readCOSEKey(s.webauthnKey)
		if err != nil {
			return chain.AuthMethod{}, "", err
		}
		id := webauthn.AuthMethodIDFor(s.webauthnID)
		return chain.AuthMethod{Type: webauthn.AuthMethodType, ID: id[:], UserPubkey: key}, "WebAuthn credential " + s.webauthnID, nil
	default:
		if s.jwtType > 255 {
			return chain.AuthMethod{}, "", usagef("--jwt-type %d: want 6 (Google), 8 (Apple) or 9–13 (Stytch)", s.jwtType)
		}
		if s.jwtUser == "" || s.jwtApp == "" {
			return chain.AuthMethod{}, "", usagef("--jwt-type needs --jwt-user (the token's sub, or the Stytch factor) and --jwt-app (its aud)")
		}
		id, err := authmethod.IDFor(authmethod.Type(s.jwtType), s.jwtUser, s.jwtApp)
		if err != nil {
			return chain.AuthMethod{}, "", usagef("--jwt-type %d: want 6 (Google), 8 (Apple) or 9–13 (Stytch): %v", s.jwtType, err)
		}
		return chain.AuthMethod{Type: uint64(s.jwtType), ID: id[:]}, fmt.Sprintf("JWT login (type %d) of %s at %s", s.jwtType, s.jwtUser, s.jwtApp), nil
	}
}

// readCOSEKey reads a COSE public key given as hex (0x…) or as the path of a file holding it in binary or
// hex, and checks it is a key the nodes can verify assertions with.
func readCOSEKey(v string) ([]byte, error) {
	var raw []byte
	if strings.HasPrefix(v, "0x") {
		if len(v) > 2+2*webauthn.MaxPublicKey {
			return nil, usagef("--webauthn-key is longer than MaxPublicKey %d bytes", webauthn.MaxPublicKey)
		}
		b, err := decodeHexKey(v)
		if err != nil {
			return nil, err
		}
		raw = b
	} else {
		f, err := os.Open(v)
		if err != nil {
			return nil, usagef("--webauthn-key: %v (give the key as 0x-hex or a file)", err)
		}
		defer f.Close()
		b, err := io.ReadAll(io.LimitReader(f, 2*webauthn.MaxPublicKey+3))
		if err != nil {
			return nil, fmt.Errorf("--webauthn-key: %w", err)
		}
		raw = b
		if t := strings.TrimSpace(string(b)); len(t) > 0 && isHexText(t) {
			if raw, err = decodeHexKey(t); err != nil {
				return nil, err
			}
		}
	}
	if len(raw) > webauthn.MaxPublicKey {
		return nil, usagef("--webauthn-key is %d bytes, more than MaxPublicKey %d", len(raw), webauthn.MaxPublicKey)
	}
	if err := webauthn.CheckPublicKey(raw); err != nil {
		return nil, usagef("--webauthn-key: %v", err)
	}
	return raw, nil
}

func decodeHexKey(s string) ([]byte, error) {
	b, err := hex.DecodeString(trim0x(s))
	if err != nil {
		return nil, usagef("--webauthn-key: not hex: %v", err)
	}
	return b, nil
}

func isHexText(s string) bool {
	s = strings.TrimPrefix(s, "0x")
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", c) {
			return false
		}
	}
	return len(s)%2 == 0
}

type addAuthMethodResult struct {
	TokenID        string `json:"tokenId"`
	AuthMethodType uint64 `json:"authMethodType"`
	AuthMethodID   string `json:"authMethodId"`
	UserPubkey     string `json:"userPubkey,omitempty"`
	Scopes         []int  `json:"scopes"`
	TxHash         string `json:"txHash"`
	BlockNumber    uint64 `json:"blockNumber"`
	GasUsed        uint64 `json:"gasUsed"`
}

func newPKPAddAuthMethodCmd() *cobra.Command {
	var f netFlags
	var pubkey string
	var spec authMethodSpec
	var scopes []uint
	cmd := &cobra.Command{
		Use:   "add-auth-method --pubkey P (--wallet A | --action CID | --webauthn-raw-id ID --webauthn-key K | --jwt-type N --jwt-user SUB --jwt-app AUD) [--scope S]",
		Short: "Permit a login (wallet, Action, passkey, Google/Apple/Stytch ID token) on a PKP (its owner signs)",
		Long: `Registers an auth method on the PKP, with scopes (0 = none, login only; 1 = sign anything; 2 = EIP-191
personal-sign only), under the id the Lit SDK derives:
  --wallet A          type 1, keccak256("<checksummed A>:lit") (the SDK's EthWallet login, as mintWithAuth
                      registers it; "flint pkp grant --address" permits the address itself)
  --action CID        type 2, the CID's bytes (custom auth: the Action decides)
  --webauthn-raw-id   type 3, keccak256("<rawId>:lit") with the credential's rawId (base64url, as the
                      browser reports it) and --webauthn-key, its COSE public key (ES256 or RS256) as
                      0x-hex or a file (binary or hex)
  --jwt-type N        6 Google, 8 Apple, 9–13 Stytch: keccak256("<user>:<app>") with --jwt-user (the
                      token's sub; for 10–13 the email, phone number or TOTP id) and --jwt-app (its aud);
                      Stytch ids are lower-cased as the SDK does`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			pub, err := parsePubkey(pubkey)
			if err != nil {
				return err
			}
			am, what, err := spec.resolve()
			if err != nil {
				return err
			}
			sc, err := parseScopes(scopes)
			if err != nil {
				return err
			}
			c, err := f.onChain(cmd, true)
			if err != nil {
				return err
			}
			defer c.close()
			r, err := c.cc.AddPermittedAuthMethod(c.ctx, c.cc.Transactor(c.key), chain.TokenID(pub), am, sc...)
			if err != nil {
				return explainChainErr("add-auth-method", err, pub)
			}
			res := addAuthMethodResult{
				TokenID: tokenIDHex(chain.TokenID(pub)), AuthMethodType: am.Type, AuthMethodID: hex0x(am.ID), Scopes: ints(sc),
				TxHash: r.TxHash.Hex(), BlockNumber: r.BlockNumber.Uint64(), GasUsed: r.GasUsed,
			}
			if len(am.UserPubkey) > 0 {
				res.UserPubkey = hex0x(am.UserPubkey)
			}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Permitted %s on PKP %s\n  auth method type %d id %s scopes %s\n  transaction %s (block %d, gas used %d)\n",
				what, chain.EthAddress(pub).Hex(), am.Type, res.AuthMethodID, scopeList(sc), res.TxHash, res.BlockNumber, res.GasUsed)
			return nil
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&pubkey, "pubkey", "", "the PKP's public key (hex)")
	cmd.Flags().StringVar(&spec.wallet, "wallet", "", "a wallet address whose SIWE login (EthWallet) may use the PKP")
	cmd.Flags().StringVar(&spec.action, "action", "", "the IPFS CID (Qm…) of a custom-auth Action")
	cmd.Flags().StringVar(&spec.webauthnID, "webauthn-raw-id", "", "a WebAuthn credential's rawId (base64url)")
	cmd.Flags().StringVar(&spec.webauthnKey, "webauthn-key", "", "the credential's COSE public key: 0x-hex or a file")
	cmd.Flags().UintVar(&spec.jwtType, "jwt-type", 0, "JWT auth method type: 6 Google, 8 Apple, 9–13 Stytch")
	cmd.Flags().StringVar(&spec.jwtUser, "jwt-user", "", "the ID token's sub (Stytch 10–13: the email, phone number or TOTP id)")
	cmd.Flags().StringVar(&spec.jwtApp, "jwt-app", "", "the ID token's aud (the OAuth client id or Stytch project id)")
	cmd.Flags().UintSliceVar(&scopes, "scope", []uint{uint(chain.ScopeSignAnything)}, "scopes: 0 = none (login only), 1 = sign anything, 2 = personal-sign only (repeat or comma-separate)")
	return cmd
}

type listedAuthMethod struct {
	Type       uint64 `json:"authMethodType"`
	Kind       string `json:"kind"`
	ID         string `json:"id"`
	Name       string `json:"name,omitempty"` // the address or CID, for those kinds
	UserPubkey string `json:"userPubkey,omitempty"`
	Scopes     []int  `json:"scopes"`
}

type authMethodsResult struct {
	TokenID     string             `json:"tokenId"`
	EthAddress  string             `json:"ethAddress"`
	AuthMethods []listedAuthMethod `json:"authMethods"`
}

// authMethodKinds names Lit's auth method types.
var authMethodKinds = map[uint64]string{
	1: "wallet", 2: "action", 3: "webauthn", 4: "discord", 5: "google-oauth", 6: "google-jwt", 8: "apple-jwt",
	9: "stytch", 10: "stytch-email", 11: "stytch-sms", 12: "stytch-whatsapp", 13: "stytch-totp",
}

func newPKPAuthMethodsCmd() *cobra.Command {
	var f netFlags
	var pubkey string
	cmd := &cobra.Command{
		Use:   "auth-methods --pubkey P",
		Short: "List the auth methods a PKP permits, with their scopes",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			c, err := f.pkpOnChain(cmd, "auth-methods", pubkey, false)
			if err != nil {
				return err
			}
			defer c.close()
			pub, id := c.pub, c.id
			ams, err := c.cc.PermittedAuthMethods(c.ctx, id)
			if err != nil {
				return explainChainErr("auth-methods", err, pub)
			}
			res := authMethodsResult{TokenID: tokenIDHex(id), EthAddress: chain.EthAddress(pub).Hex(), AuthMethods: []listedAuthMethod{}}
			for _, am := range ams {
				sc, err := c.cc.PermittedAuthMethodScopes(c.ctx, id, am.Type, am.ID)
				if err != nil {
					return explainChainErr("auth-methods", err, pub)
				}
				l := listedAuthMethod{Type: am.Type, Kind: authMethodKinds[am.Type], ID: hex0x(am.ID), Scopes: ints(sc)}
				if l.Kind == "" {
					l.Kind = "other"
				}
				switch {
				case am.Type == chain.AuthMethodAddress && len(am.ID) == common.AddressLength:
					l.Kind, l.Name = "address", common.BytesToAddress(am.ID).Hex()
				case am.Type == chain.AuthMethodAction:
					if cid, err := ipfs.FromBytes(am.ID); err == nil {
						l.Name = cid.String()
					}
				}
				if len(am.UserPubkey) > 0 {
					l.UserPubkey = hex0x(am.UserPubkey)
				}
				res.AuthMethods = append(res.AuthMethods, l)
			}
			if f.json {
				return writeJSON(cmd.OutOrStdout(), res)
			}
			return printAuthMethods(cmd.OutOrStdout(), &res)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&pubkey, "pubkey", "", "the PKP's public key (hex)")
	return cmd
}

func printAuthMethods(w io.Writer, r *authMethodsResult) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "PKP %s (token %s)\n", r.EthAddress, r.TokenID)
	if len(r.AuthMethods) == 0 {
		fmt.Fprintln(tw, "  no auth methods")
	}
	for _, am := range r.AuthMethods {
		name := am.Name
		if name == "" {
			name = am.ID
		}
		fmt.Fprintf(tw, "  %d %s\t%s\tscopes %v\n", am.Type, am.Kind, name, am.Scopes)
	}
	return tw.Flush()
}
