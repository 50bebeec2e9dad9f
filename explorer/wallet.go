package explorer

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net/http"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/chain/bindings"
)

// WalletChain is what the browser wallet's writes need of the chain: the contracts to call, the
// chain's id (the wallet must be on it) and the mint cost; *chain.Client has it.
type WalletChain interface {
	Chain
	ChainID() *big.Int
	Addresses() chain.Addresses
	MintCost(ctx context.Context) (*big.Int, error)
}

// walletCall is an unsigned transaction for the browser's wallet (EIP-1193 eth_sendTransaction):
// the page sends it from the wallet's account, waits for its receipt, and reads the PKP back. The
// explorer encodes the call so that the page needs no ABI encoder; it never signs.
type walletCall struct {
	ChainID string `json:"chainId"` // a hex quantity, as eth_chainId answers: the wallet must be on this chain
	From    string `json:"from"`
	To      string `json:"to"`
	Data    string `json:"data"`
	Value   string `json:"value"` // a hex quantity of wei: the mint cost for a mint, else 0x0
	// MintedTopic (mints only) is topic 0 of PKPNFT's PKPMinted event, whose topic 1 is the new
	// token id: the page finds it in the receipt's logs of To.
	MintedTopic string `json:"mintedTopic,omitempty"`
}

var (
	nftABI   = bindings.NewPKPNFT()
	permsABI = bindings.NewPKPPermissions()
)

// wallet serves POST /api/v1/wallet/{mint,grant,revoke,transfer}: the calldata of a write the
// page sends through the browser's wallet. It needs no dev account and changes nothing, but it
// is a POST like the writes, so the guard refuses it from other origins all the same.
func (s *Server) wallet(op string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if s.pkps.dial == nil {
			writeError(w, http.StatusServiceUnavailable, "ExplorerNoChain", "this explorer was started without the network's chain")
			return
		}
		var req grantRequest
		if err := readJSON(w, r, &req); err != nil {
			writeError(w, http.StatusBadRequest, "ExplorerBadRequest", err.Error())
			return
		}
		from, err := parseAddress(req.From)
		if err != nil {
			writeError(w, http.StatusBadRequest, "ExplorerBadRequest", "from: the wallet's account: "+err.Error())
			return
		}
		var cw checkedWrite
		if op == "mint" {
			if req.TokenID != "" || req.Kind != "" || req.Value != "" || req.To != "" || len(req.Scopes) > 0 {
				writeError(w, http.StatusBadRequest, "ExplorerBadRequest", "body: a mint takes only from")
				return
			}
		} else {
			req.From = ""
			if cw, err = req.check(op); err != nil {
				writeError(w, http.StatusBadRequest, "ExplorerBadRequest", err.Error())
				return
			}
		}
		// A few chain reads each (the PKP's owner, the mint cost): counted with the lookups.
		select {
		case s.pkps.sem <- struct{}{}:
			defer func() { <-s.pkps.sem }()
		default:
			writeError(w, http.StatusServiceUnavailable, "ExplorerBusy", fmt.Sprintf("%d lookups or wallet calls are running; try again", maxLookups))
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), lookupDeadline)
		defer cancel()
		c, err := s.pkps.chain(ctx)
		if err != nil {
			writeError(w, http.StatusBadGateway, "ExplorerChainUnavailable", "the chain does not answer: "+clip(err.Error(), 300))
			return
		}
		wc, ok := c.(WalletChain)
		if !ok {
			writeError(w, http.StatusServiceUnavailable, "ExplorerNoChain", "this explorer's chain cannot encode writes")
			return
		}
		call, err := encodeWalletCall(ctx, wc, op, from, cw)
		if err != nil {
			switch {
			case errors.Is(err, chain.ErrUnknownToken):
				writeError(w, http.StatusNotFound, "ExplorerPKPNotFound", "no such PKP")
			case errors.Is(err, errWalletNotOwner):
				writeError(w, http.StatusForbidden, "ExplorerNotOwner", "the wallet's account "+from.Hex()+" does not own this PKP: only its owner may change it")
			default:
				writeError(w, http.StatusBadGateway, "ExplorerChainUnavailable", op+": "+clip(err.Error(), 300))
			}
			return
		}
		writeJSONAnswer(w, call)
	})
}

var errWalletNotOwner = errors.New("not the owner")

// encodeWalletCall encodes op as a call from the wallet's account. A grant, revoke or transfer of
// a PKP that account does not own is refused here, before the wallet asks its user to sign a
// transaction that would revert.
func encodeWalletCall(ctx context.Context, c WalletChain, op string, from common.Address, cw checkedWrite) (*walletCall, error) {
	addrs := c.Addresses()
	call := &walletCall{ChainID: hexutil.EncodeBig(c.ChainID()), From: from.Hex(), Value: "0x0"}
	if op != "mint" {
		p, err := c.PKP(ctx, cw.tokenID)
		if err != nil {
			return nil, err
		}
		if p.Burned || p.Owner != from {
			return nil, errWalletNotOwner
		}
	}
	var data []byte
	var err error
	to := addrs.PKPPermissions
	switch {
	case op == "mint":
		cost, cerr := c.MintCost(ctx)
		if cerr != nil {
			return nil, cerr
		}
		call.Value = hexutil.EncodeBig(cost)
		call.MintedTopic = nftABI.GetABI().Events["PKPMinted"].ID.Hex()
		to = addrs.PKPNFT
		data, err = nftABI.TryPackMintNext(big.NewInt(chain.KeyTypeECDSA))
	case op == "transfer":
		to = addrs.PKPNFT
		data, err = nftABI.TryPackSafeTransferFrom(from, cw.addr, cw.tokenID)
	case op == "grant" && cw.cid != nil:
		data, err = permsABI.TryPackAddPermittedAction(cw.tokenID, cw.cid, scopeInts(cw.scopes))
	case op == "grant":
		data, err = permsABI.TryPackAddPermittedAddress(cw.tokenID, cw.addr, scopeInts(cw.scopes))
	case cw.cid != nil:
		data, err = permsABI.TryPackRemovePermittedAction(cw.tokenID, cw.cid)
	default:
		data, err = permsABI.TryPackRemovePermittedAddress(cw.tokenID, cw.addr)
	}
	if err != nil {
		return nil, err
	}
	call.To, call.Data = to.Hex(), "0x"+hex.EncodeToString(data)
	return call, nil
}

func scopeInts(ss []chain.Scope) []*big.Int {
	out := make([]*big.Int, len(ss))
	for i, s := range ss {
		out[i] = big.NewInt(int64(s))
	}
	return out
}
