package explorer

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"mime"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/ipfs"
)

// Writer is what the dev account's writes need of the chain, besides reading it; *chain.Client has
// it. Config.Chain must return one for the writes to work.
type Writer interface {
	Chain
	Transactor(key *ecdsa.PrivateKey) *bind.TransactOpts
	MintNext(ctx context.Context, auth *bind.TransactOpts) (*chain.Minted, error)
	AddPermittedAction(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int, cid []byte, scopes ...chain.Scope) (*types.Receipt, error)
	RemovePermittedAction(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int, cid []byte) (*types.Receipt, error)
	AddPermittedAddress(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int, user common.Address, scopes ...chain.Scope) (*types.Receipt, error)
	RemovePermittedAddress(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int, user common.Address) (*types.Receipt, error)
	Transfer(ctx context.Context, auth *bind.TransactOpts, tokenID *big.Int, to common.Address) (*types.Receipt, error)
}

// Bounds of the write API, named in its errors.
const (
	maxWriteBody  = 4 << 10
	writeDeadline = 60 * time.Second
)

// devWrites serves the dev account's writes: POST /api/v1/dev/{mint,grant,revoke,transfer}. They sign with
// a devnet's development account, whose key network.json publishes: a convenience of a devnet, never
// a wallet. The guard refuses them from other origins.
type devWrites struct {
	key  *ecdsa.PrivateKey // nil: writes off
	addr common.Address
	pkps *pkpLookups
	mu   sync.Mutex // one transaction at a time: the account has one nonce sequence
}

func newDevWrites(key *ecdsa.PrivateKey, pkps *pkpLookups) *devWrites {
	d := &devWrites{key: key, pkps: pkps}
	if key != nil {
		d.addr = crypto.PubkeyToAddress(key.PublicKey)
	}
	return d
}

// grantRequest is the body of grant, revoke and transfer: which PKP, and what kind of permission
// for what, or to whom.
type grantRequest struct {
	TokenID string   `json:"tokenId"`          // decimal or 0x and 64 hex digits
	Kind    string   `json:"kind,omitempty"`   // grant, revoke: "action" (value: a CIDv0, Qm…) or "address" (value: 0x and 40 hex digits)
	Value   string   `json:"value,omitempty"`  // grant, revoke
	Scopes  []string `json:"scopes,omitempty"` // grant only: "sign-anything", "personal-sign"
	To      string   `json:"to,omitempty"`     // transfer only: the new owner, 0x and 40 hex digits
	From    string   `json:"from,omitempty"`   // the browser wallet's writes only (POST /api/v1/wallet/…): the account that sends
}

// checkedWrite is a write request once checked: cid is set for an Action, addr for an address
// (grant, revoke) or the new owner (transfer).
type checkedWrite struct {
	tokenID *big.Int
	cid     []byte
	addr    common.Address
	scopes  []chain.Scope
}

// writeAnswer is what a write returns: the PKP as it now is, and the transaction.
type writeAnswer struct {
	PKP    *pkpView `json:"pkp"`
	TxHash string   `json:"txHash"`
}

func (d *devWrites) handler(op string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if d.key == nil {
			writeError(w, http.StatusForbidden, "ExplorerNoDevAccount", "this explorer has no dev account: writes are for a devnet's explorer on loopback; use your own key with the flint CLI")
			return
		}
		if d.pkps.dial == nil {
			writeError(w, http.StatusServiceUnavailable, "ExplorerNoChain", "this explorer was started without the network's chain")
			return
		}
		var req grantRequest
		if op != "mint" {
			if err := readJSON(w, r, &req); err != nil {
				writeError(w, http.StatusBadRequest, "ExplorerBadRequest", err.Error())
				return
			}
		}
		if req.From != "" {
			writeError(w, http.StatusBadRequest, "ExplorerBadRequest", "from: the dev account's writes send from the dev account; a wallet's go to /api/v1/wallet/"+op)
			return
		}
		var cw0 checkedWrite
		if op != "mint" {
			var err error
			if cw0, err = req.check(op); err != nil {
				writeError(w, http.StatusBadRequest, "ExplorerBadRequest", err.Error())
				return
			}
		}
		tokenID, cid, addr, scopes := cw0.tokenID, cw0.cid, cw0.addr, cw0.scopes
		ctx, cancel := context.WithTimeout(r.Context(), writeDeadline)
		defer cancel()
		c, err := d.pkps.chain(ctx)
		if err != nil {
			writeError(w, http.StatusBadGateway, "ExplorerChainUnavailable", "the chain does not answer: "+clip(err.Error(), 300))
			return
		}
		cw, ok := c.(Writer)
		if !ok {
			writeError(w, http.StatusServiceUnavailable, "ExplorerNoChain", "this explorer's chain is read-only")
			return
		}
		d.mu.Lock()
		defer d.mu.Unlock()
		auth := cw.Transactor(d.key)
		auth.Context = ctx
		var rcpt *types.Receipt
		switch {
		case op == "mint":
			var m *chain.Minted
			if m, err = cw.MintNext(ctx, auth); err == nil {
				rcpt, tokenID = m.Receipt, m.TokenID
			}
		case op == "transfer":
			rcpt, err = cw.Transfer(ctx, auth, tokenID, addr)
		case op == "grant" && cid != nil:
			rcpt, err = cw.AddPermittedAction(ctx, auth, tokenID, cid, scopes...)
		case op == "grant":
			rcpt, err = cw.AddPermittedAddress(ctx, auth, tokenID, addr, scopes...)
		case cid != nil:
			rcpt, err = cw.RemovePermittedAction(ctx, auth, tokenID, cid)
		default:
			rcpt, err = cw.RemovePermittedAddress(ctx, auth, tokenID, addr)
		}
		if err != nil {
			writeChainError(w, op, err)
			return
		}
		ans, err := lookup(ctx, c, pkpQuery{Kind: queryTokenID, TokenID: tokenID})
		if err != nil {
			writeError(w, http.StatusBadGateway, "ExplorerChainUnavailable", "reading the PKP back: "+clip(err.Error(), 300))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(writeAnswer{PKP: ans.PKP, TxHash: rcpt.TxHash.Hex()})
	})
}

// writeChainError says why the chain refused a write, in the contract's terms.
func writeChainError(w http.ResponseWriter, op string, err error) {
	switch {
	case errors.Is(err, chain.ErrNotOwner):
		writeError(w, http.StatusForbidden, "ExplorerNotOwner", "the dev account does not own this PKP: only its owner may change its permissions")
	case errors.Is(err, chain.ErrUnknownToken):
		writeError(w, http.StatusNotFound, "ExplorerPKPNotFound", "no such PKP")
	case errors.Is(err, chain.ErrKeyPoolEmpty):
		writeError(w, http.StatusConflict, "ExplorerKeyPoolEmpty", "the nodes' pool of keys to mint is empty for now; they refill it within seconds")
	case errors.Is(err, chain.ErrReverted):
		writeError(w, http.StatusConflict, "ExplorerReverted", op+": the chain refused it: "+clip(err.Error(), 300))
	default:
		writeError(w, http.StatusBadGateway, "ExplorerChainUnavailable", op+": "+clip(err.Error(), 300))
	}
}

// readJSON reads a bounded JSON body of exactly one object with no unknown fields.
func readJSON(w http.ResponseWriter, r *http.Request, v any) error {
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		return errors.New("body: want Content-Type application/json")
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxWriteBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return fmt.Errorf("body: over %d bytes", maxWriteBody)
		}
		return fmt.Errorf("body: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("body: more than one JSON value")
	}
	return nil
}

// check validates a grant, revoke or transfer before anything is sent.
func (g grantRequest) check(op string) (checkedWrite, error) {
	var out checkedWrite
	q, err := parseQuery(g.TokenID)
	if err != nil || q.Kind != queryTokenID {
		return out, errors.New("tokenId: want a token id: decimal, or 0x and 64 hex digits")
	}
	out.tokenID = q.TokenID
	if len(g.Value) > maxQueryLen || len(g.To) > maxQueryLen {
		return out, fmt.Errorf("value: %d bytes, to: %d; at most %d each", len(g.Value), len(g.To), maxQueryLen)
	}
	if op == "transfer" {
		if g.Kind != "" || g.Value != "" || len(g.Scopes) > 0 {
			return out, errors.New("kind: a transfer takes only tokenId and to")
		}
		if out.addr, err = parseAddress(g.To); err != nil {
			return out, errors.New("to: " + err.Error())
		}
		return out, nil
	}
	if g.To != "" {
		return out, fmt.Errorf("to: only a transfer takes one, not a %s", op)
	}
	switch g.Kind {
	case "action":
		c, err := ipfs.Parse(strings.TrimSpace(g.Value))
		if err != nil {
			return out, errors.New("value: not an IPFS CIDv0 (Qm and 44 base58 characters)")
		}
		out.cid = c.Bytes()
	case "address":
		if out.addr, err = parseAddress(g.Value); err != nil {
			return out, errors.New("value: " + err.Error())
		}
	default:
		return out, fmt.Errorf("kind: %q; want \"action\" or \"address\"", clip(g.Kind, 32))
	}
	if op == "revoke" && len(g.Scopes) > 0 {
		return out, errors.New("scopes: a revoke takes none")
	}
	if len(g.Scopes) > 2 {
		return out, fmt.Errorf("scopes: %d given; at most 2", len(g.Scopes))
	}
	for i, s := range g.Scopes {
		if i == 1 && s == g.Scopes[0] {
			return out, fmt.Errorf("scopes: %q given twice", clip(s, 32))
		}
		switch s {
		case "sign-anything":
			out.scopes = append(out.scopes, chain.ScopeSignAnything)
		case "personal-sign":
			out.scopes = append(out.scopes, chain.ScopePersonalSign)
		default:
			return out, fmt.Errorf("scopes: %q; want \"sign-anything\" or \"personal-sign\"", clip(s, 32))
		}
	}
	return out, nil
}

// parseAddress reads a 0x-prefixed address other than zero.
func parseAddress(v string) (common.Address, error) {
	v = strings.TrimSpace(v)
	if !common.IsHexAddress(v) || !strings.HasPrefix(strings.ToLower(v), "0x") {
		return common.Address{}, errors.New("not an address (0x and 40 hex digits)")
	}
	a := common.HexToAddress(v)
	if a == (common.Address{}) {
		return a, errors.New("the zero address")
	}
	return a, nil
}
