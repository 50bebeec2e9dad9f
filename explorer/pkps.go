package explorer

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/ipfs"
)

// Chain is what the PKPs page reads from the chain; *chain.Client has it.
type Chain interface {
	PKP(ctx context.Context, tokenID *big.Int) (*chain.PKP, error)
	TokenIDByEthAddress(ctx context.Context, addr common.Address) (*big.Int, error)
	TokensOfOwner(ctx context.Context, owner common.Address, max int) ([]*big.Int, uint64, error)
	PermittedActions(ctx context.Context, tokenID *big.Int) ([][]byte, error)
	PermittedAddresses(ctx context.Context, tokenID *big.Int) ([]common.Address, error)
	PermittedAuthMethods(ctx context.Context, tokenID *big.Int) ([]chain.AuthMethod, error)
	PermittedAuthMethodScopes(ctx context.Context, tokenID *big.Int, typ uint64, id []byte) ([]chain.Scope, error)
}

// Bounds of the PKPs API, named in its errors.
const (
	maxQueryLen    = 256 // bytes of q: the longest valid query is a 0x-prefixed 65-byte key, 132
	maxListed      = 50  // entries of each permission list, and PKPs of an owner, that one answer shows
	maxLookups     = 4   // lookups at once: each is up to a few hundred chain calls
	lookupDeadline = 15 * time.Second
)

// queryKind is what a PKPs query names.
type queryKind string

const (
	queryTokenID queryKind = "tokenId"
	queryPubkey  queryKind = "pubkey"
	queryAddress queryKind = "address"
)

// pkpQuery is a parsed query: a token id, a public key (65 bytes uncompressed) or an address.
type pkpQuery struct {
	Kind    queryKind
	TokenID *big.Int
	Pubkey  []byte
	Address common.Address
}

var maxUint256 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

var errBadQuery = errors.New("q: want a token id (decimal, or 0x and 64 hex digits), a public key (0x04 and 128 hex digits, or a compressed 0x02/0x03 and 64) or an address (0x and 40 hex digits)")

// parseQuery reads what the PKPs page's search box holds. Untrusted: bounded, and strict about its
// forms, so that a typo is refused rather than looked up as something else.
func parseQuery(q string) (pkpQuery, error) {
	if len(q) > maxQueryLen {
		return pkpQuery{}, fmt.Errorf("q: %d bytes; at most %d", len(q), maxQueryLen)
	}
	q = strings.TrimSpace(q)
	if q == "" {
		return pkpQuery{}, errors.New("q: empty; " + errBadQuery.Error()[3:])
	}
	if isDigits(q) {
		if len(q) > 78 { // 2^256 has 78 digits
			return pkpQuery{}, fmt.Errorf("q: a token id of %d digits is above 2^256", len(q))
		}
		id, _ := new(big.Int).SetString(q, 10)
		if id.Cmp(maxUint256) > 0 {
			return pkpQuery{}, errors.New("q: token id above 2^256-1")
		}
		return pkpQuery{Kind: queryTokenID, TokenID: id}, nil
	}
	h, ok := strings.CutPrefix(q, "0x")
	if !ok {
		h, ok = strings.CutPrefix(q, "0X")
	}
	if !ok {
		return pkpQuery{}, errBadQuery
	}
	b, err := hex.DecodeString(h)
	if err != nil {
		return pkpQuery{}, errBadQuery
	}
	switch {
	case len(b) == common.AddressLength:
		return pkpQuery{Kind: queryAddress, Address: common.BytesToAddress(b)}, nil
	case len(b) == 32:
		return pkpQuery{Kind: queryTokenID, TokenID: new(big.Int).SetBytes(b)}, nil
	case len(b) == 65 && b[0] == 4:
		if _, err := crypto.UnmarshalPubkey(b); err != nil {
			return pkpQuery{}, errors.New("q: not a point of secp256k1")
		}
		return pkpQuery{Kind: queryPubkey, Pubkey: b}, nil
	case len(b) == 33 && (b[0] == 2 || b[0] == 3):
		k, err := crypto.DecompressPubkey(b)
		if err != nil {
			return pkpQuery{}, errors.New("q: not a point of secp256k1")
		}
		return pkpQuery{Kind: queryPubkey, Pubkey: crypto.FromECDSAPub(k)}, nil
	}
	return pkpQuery{}, errBadQuery
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// pkpAnswer is GET /api/v1/pkps's answer.
type pkpAnswer struct {
	Kind  queryKind `json:"kind"`
	PKP   *pkpView  `json:"pkp"`             // the PKP the query names; null for an address no PKP has
	Owned *owned    `json:"owned,omitempty"` // for an address: the PKPs it holds
}

type pkpView struct {
	TokenID         string     `json:"tokenId"`    // decimal
	TokenIDHex      string     `json:"tokenIdHex"` // 0x and 64 hex digits, as Lit's SDK shows it
	Pubkey          string     `json:"pubkey"`     // 0x04…
	EthAddress      string     `json:"ethAddress"`
	Owner           string     `json:"owner,omitempty"` // absent once burned
	Burned          bool       `json:"burned"`
	OwnerGeneration uint64     `json:"ownerGeneration"`
	KeyType         uint64     `json:"keyType"`
	Permissions     *permsView `json:"permissions,omitempty"` // absent in an owner's list
}

// permsView is a PKP's permissions in its current owner generation.
type permsView struct {
	Addresses   []permAddress    `json:"addresses"`
	Actions     []permAction     `json:"actions"`
	AuthMethods []permAuthMethod `json:"authMethods"` // the others: WebAuthn, OAuth, …
	// Truncated: a list was longer than maxListed; the answer shows its first maxListed.
	Truncated bool `json:"truncated"`
}

type permAddress struct {
	Address string   `json:"address"`
	Owner   bool     `json:"owner"` // the NFT's owner, permitted by owning it
	Scopes  []string `json:"scopes"`
}

type permAction struct {
	CID    string   `json:"cid"` // Qm…
	Scopes []string `json:"scopes"`
}

type permAuthMethod struct {
	Type       uint64   `json:"type"`
	TypeName   string   `json:"typeName"`
	ID         string   `json:"id"` // 0x…
	UserPubkey string   `json:"userPubkey,omitempty"`
	Scopes     []string `json:"scopes"`
}

type owned struct {
	Owner     string     `json:"owner"`
	Total     uint64     `json:"total"`
	PKPs      []*pkpView `json:"pkps"`
	Truncated bool       `json:"truncated"`
}

// scopeNames are the words the API gives each scope (Lit's AuthMethodScope).
var scopeNames = map[chain.Scope]string{
	chain.ScopeNone: "none", chain.ScopeSignAnything: "sign-anything", chain.ScopePersonalSign: "personal-sign",
}

// authMethodNames are Lit's AuthMethodType numbers.
var authMethodNames = map[uint64]string{
	1: "EthWallet", 2: "LitAction", 3: "WebAuthn", 4: "Discord", 5: "Google", 6: "GoogleJwt", 7: "AppleJwt",
	8: "StytchOtp", 9: "StytchEmailFactorOtp", 10: "StytchSmsFactorOtp", 11: "StytchWhatsAppFactorOtp",
	12: "StytchTotpFactorOtp",
}

// pkpLookups serves GET /api/v1/pkps?q=…: the PKP the query names, with its permissions, and for an
// address the PKPs it holds.
type pkpLookups struct {
	dial func(context.Context) (Chain, error)
	sem  chan struct{}

	mu sync.Mutex
	c  Chain
}

func newPKPLookups(dial func(context.Context) (Chain, error)) *pkpLookups {
	return &pkpLookups{dial: dial, sem: make(chan struct{}, maxLookups)}
}

// chain dials on first use and keeps what it got: the chain may come up after the explorer.
func (l *pkpLookups) chain(ctx context.Context) (Chain, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.c != nil {
		return l.c, nil
	}
	c, err := l.dial(ctx)
	if err != nil {
		return nil, err
	}
	l.c = c
	return c, nil
}

func (l *pkpLookups) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	if l.dial == nil {
		writeError(w, http.StatusServiceUnavailable, "ExplorerNoChain", "this explorer was started without the network's chain: it cannot look PKPs up")
		return
	}
	qs := r.URL.Query()["q"]
	if len(qs) != 1 {
		writeError(w, http.StatusBadRequest, "ExplorerBadQuery", fmt.Sprintf("q: given %d times; want once", len(qs)))
		return
	}
	q, err := parseQuery(qs[0])
	if err != nil {
		writeError(w, http.StatusBadRequest, "ExplorerBadQuery", err.Error())
		return
	}
	select {
	case l.sem <- struct{}{}:
		defer func() { <-l.sem }()
	default:
		writeError(w, http.StatusServiceUnavailable, "ExplorerBusy", fmt.Sprintf("%d lookups are running; try again", maxLookups))
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), lookupDeadline)
	defer cancel()
	c, err := l.chain(ctx)
	if err != nil {
		writeError(w, http.StatusBadGateway, "ExplorerChainUnavailable", "the chain does not answer: "+clip(err.Error(), 300))
		return
	}
	ans, err := lookup(ctx, c, q)
	switch {
	case errors.Is(err, chain.ErrUnknownToken):
		writeError(w, http.StatusNotFound, "ExplorerPKPNotFound", "no PKP "+describe(q)+" was ever minted on this network")
		return
	case err != nil:
		writeError(w, http.StatusBadGateway, "ExplorerChainUnavailable", "reading the chain: "+clip(err.Error(), 300))
		return
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(ans)
}

func describe(q pkpQuery) string {
	switch q.Kind {
	case queryPubkey:
		return "with this public key"
	case queryAddress:
		return "has address " + q.Address.Hex()
	}
	return "has token id " + q.TokenID.String()
}

// lookup reads what q names. A token id or key no PKP has is chain.ErrUnknownToken; an address is
// never unknown: it may be a PKP's, and may hold PKPs.
func lookup(ctx context.Context, c Chain, q pkpQuery) (*pkpAnswer, error) {
	ans := &pkpAnswer{Kind: q.Kind}
	id := q.TokenID
	switch q.Kind {
	case queryPubkey:
		id = chain.TokenID(q.Pubkey)
	case queryAddress:
		var err error
		if id, err = c.TokenIDByEthAddress(ctx, q.Address); err != nil && !errors.Is(err, chain.ErrUnknownToken) {
			return nil, err
		}
		ids, total, err := c.TokensOfOwner(ctx, q.Address, maxListed)
		if err != nil {
			return nil, err
		}
		ans.Owned = &owned{Owner: q.Address.Hex(), Total: total, PKPs: []*pkpView{}, Truncated: total > uint64(len(ids))}
		for _, t := range ids {
			p, err := c.PKP(ctx, t)
			if err != nil {
				return nil, err
			}
			ans.Owned.PKPs = append(ans.Owned.PKPs, view(p))
		}
		if id == nil {
			return ans, nil
		}
	}
	p, err := c.PKP(ctx, id)
	if err != nil {
		return nil, err
	}
	v := view(p)
	if v.Permissions, err = permissions(ctx, c, p); err != nil {
		return nil, err
	}
	ans.PKP = v
	return ans, nil
}

func view(p *chain.PKP) *pkpView {
	v := &pkpView{
		TokenID: p.TokenID.String(), TokenIDHex: fmt.Sprintf("0x%064x", p.TokenID), Pubkey: "0x" + hex.EncodeToString(p.Pubkey),
		EthAddress: p.EthAddress.Hex(), Burned: p.Burned, OwnerGeneration: p.OwnerGeneration, KeyType: p.KeyType,
	}
	if !p.Burned {
		v.Owner = p.Owner.Hex()
	}
	return v
}

// permissions reads a PKP's permitted addresses, Actions and other auth methods, each with its
// scopes, at most maxListed of each.
func permissions(ctx context.Context, c Chain, p *chain.PKP) (*permsView, error) {
	out := &permsView{Addresses: []permAddress{}, Actions: []permAction{}, AuthMethods: []permAuthMethod{}}
	scopes := func(typ uint64, id []byte) ([]string, error) {
		ss, err := c.PermittedAuthMethodScopes(ctx, p.TokenID, typ, id)
		if err != nil {
			return nil, err
		}
		names := []string{}
		for _, s := range ss {
			names = append(names, scopeNames[s])
		}
		return names, nil
	}
	addrs, err := c.PermittedAddresses(ctx, p.TokenID)
	if err != nil {
		return nil, err
	}
	for i, a := range addrs {
		if i == maxListed {
			out.Truncated = true
			break
		}
		ss, err := scopes(chain.AuthMethodAddress, a.Bytes())
		if err != nil {
			return nil, err
		}
		out.Addresses = append(out.Addresses, permAddress{Address: a.Hex(), Owner: !p.Burned && a == p.Owner, Scopes: ss})
	}
	acts, err := c.PermittedActions(ctx, p.TokenID)
	if err != nil {
		return nil, err
	}
	for i, b := range acts {
		if i == maxListed {
			out.Truncated = true
			break
		}
		cid, err := ipfs.FromBytes(b)
		if err != nil {
			return nil, fmt.Errorf("permitted Action %x: %w", b, err)
		}
		ss, err := scopes(chain.AuthMethodAction, b)
		if err != nil {
			return nil, err
		}
		out.Actions = append(out.Actions, permAction{CID: cid.String(), Scopes: ss})
	}
	ams, err := c.PermittedAuthMethods(ctx, p.TokenID)
	if err != nil {
		return nil, err
	}
	for _, am := range ams {
		if am.Type == chain.AuthMethodAddress || am.Type == chain.AuthMethodAction {
			continue // listed above
		}
		if len(out.AuthMethods) == maxListed {
			out.Truncated = true
			break
		}
		ss, err := scopes(am.Type, am.ID)
		if err != nil {
			return nil, err
		}
		name := authMethodNames[am.Type]
		if name == "" {
			name = fmt.Sprintf("type %d", am.Type)
		}
		m := permAuthMethod{Type: am.Type, TypeName: name, ID: "0x" + hex.EncodeToString(am.ID), Scopes: ss}
		if len(am.UserPubkey) > 0 {
			m.UserPubkey = "0x" + hex.EncodeToString(am.UserPubkey)
		}
		out.AuthMethods = append(out.AuthMethods, m)
	}
	return out, nil
}
