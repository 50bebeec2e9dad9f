package integration

import (
	"context"
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/ipfs"
)

// testWallet is a browser wallet for the browser tests: the page's window.ethereum (an EIP-1193
// provider the test injects) hands each request to it through a DevTools binding, as an
// extension's content script hands requests to the extension. It holds one funded account's key
// and signs eth_sendTransaction with go-ethereum; everything else goes to the devnet's geth as it
// is. Like a real wallet it lets the page see its account only after eth_requestAccounts.
type testWallet struct {
	key     *ecdsa.PrivateKey
	addr    common.Address
	chainID *big.Int
	rpc     *rpc.Client
	eth     *ethclient.Client

	connected atomic.Bool
	refuse    atomic.Bool  // its user says no to every transaction (EIP-1193 error 4001)
	elsewhere atomic.Bool  // it is on another chain (eth_chainId 0x1)
	sent      atomic.Int32 // transactions signed and sent
	mu        sync.Mutex   // one send at a time: one nonce sequence
}

// walletBinding is the binding's name in the page; walletScript is the provider over it.
const walletBinding = "flintTestWallet"

const walletScript = `(() => {
  const pending = new Map();
  const handlers = {};
  let next = 0;
  window.__flintWalletReply = (id, ok, value) => {
    const p = pending.get(id);
    pending.delete(id);
    if (p) (ok ? p.resolve : p.reject)(value);
  };
  window.ethereum = {
    isFlintTestWallet: true,
    request({ method, params }) {
      return new Promise((resolve, reject) => {
        const id = ++next;
        pending.set(id, { resolve, reject });
        ` + walletBinding + `(JSON.stringify({ id, method, params: params ?? [] }));
      });
    },
    on(ev, f) { (handlers[ev] ??= []).push(f); },
    removeListener(ev, f) { handlers[ev] = (handlers[ev] ?? []).filter((g) => g !== f); },
  };
})();`

// newTestWallet is a wallet of a fresh key on cc's chain (unfunded).
func newTestWallet(t *testing.T, cc *chain.Client) *testWallet {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return &testWallet{key: key, addr: crypto.PubkeyToAddress(key.PublicKey), chainID: cc.ChainID(), eth: cc.Eth(), rpc: cc.Eth().Client()}
}

// injectWallet installs w as window.ethereum in every page tab loads from now on, and serves its
// requests until ctx ends.
func injectWallet(ctx context.Context, t *testing.T, tab context.Context, w *testWallet) {
	t.Helper()
	if _, err := chromedp.Call(tab, runtime.AddBinding, runtime.AddBindingParams{Name: walletBinding}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(tab, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: walletScript}); err != nil {
		t.Fatal(err)
	}
	events := chromedp.Events(tab, runtime.BindingCalled)
	go func() {
		for ev, err := range events {
			if err != nil || ctx.Err() != nil {
				return
			}
			if ev.Name != walletBinding {
				continue
			}
			go w.serve(ctx, tab, ev)
		}
	}()
}

// serve answers one request of the page's provider: a result, or an EIP-1193 error.
func (w *testWallet) serve(ctx context.Context, tab context.Context, ev runtime.EventBindingCalled) {
	var req struct {
		ID     int               `json:"id"`
		Method string            `json:"method"`
		Params []json.RawMessage `json:"params"`
	}
	reply := "null"
	ok := true
	res, err := func() (any, error) {
		if err := json.Unmarshal([]byte(ev.Payload), &req); err != nil {
			return nil, err
		}
		return w.handle(ctx, req.Method, req.Params)
	}()
	if err == nil {
		b, merr := json.Marshal(res)
		if err = merr; err == nil {
			reply = string(b)
		}
	}
	if err != nil {
		ok = false
		code := -32603
		var ue interface{ ErrorCode() int }
		if errors.As(err, &ue) {
			code = ue.ErrorCode()
		}
		b, _ := json.Marshal(map[string]any{"code": code, "message": err.Error()})
		reply = string(b)
	}
	expr := fmt.Sprintf("window.__flintWalletReply(%d, %v, %s)", req.ID, ok, reply)
	chromedp.Call(tab, runtime.Evaluate, runtime.EvaluateParams{Expression: expr, ContextID: ev.ExecutionContextID})
}

func (w *testWallet) handle(ctx context.Context, method string, params []json.RawMessage) (any, error) {
	switch method {
	case "eth_requestAccounts":
		w.connected.Store(true)
		return []string{w.addr.Hex()}, nil
	case "eth_accounts":
		if !w.connected.Load() {
			return []string{}, nil
		}
		return []string{w.addr.Hex()}, nil
	case "eth_chainId":
		if w.elsewhere.Load() {
			return "0x1", nil
		}
	case "eth_sendTransaction":
		if !w.connected.Load() {
			return nil, &rpcError{4100, "not connected"}
		}
		if w.refuse.Load() {
			return nil, &rpcError{4001, "User rejected the request."}
		}
		var tx struct {
			From  common.Address  `json:"from"`
			To    *common.Address `json:"to"`
			Data  hexutil.Bytes   `json:"data"`
			Value *hexutil.Big    `json:"value"`
		}
		if len(params) != 1 || json.Unmarshal(params[0], &tx) != nil || tx.From != w.addr || tx.To == nil {
			return nil, &rpcError{-32602, "want one transaction from the wallet's account to a contract"}
		}
		return w.send(ctx, *tx.To, tx.Data, (*big.Int)(tx.Value))
	}
	// Reads (eth_chainId, eth_getTransactionReceipt, …) go to the chain's node as they are.
	args := make([]any, len(params))
	for i, p := range params {
		args[i] = p
	}
	var out json.RawMessage
	if err := w.rpc.CallContext(ctx, &out, method, args...); err != nil {
		return nil, err
	}
	return out, nil
}

type rpcError struct {
	code int
	msg  string
}

func (e *rpcError) Error() string  { return e.msg }
func (e *rpcError) ErrorCode() int { return e.code }

// send signs and sends a transaction from the wallet's account, as a wallet does once its user
// confirms it.
func (w *testWallet) send(ctx context.Context, to common.Address, data []byte, value *big.Int) (string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if value == nil {
		value = new(big.Int)
	}
	var err error
	// The devchain's Fund may not have reached the transaction pool yet (see devchain.Fund).
	for try := 0; try < 20; try++ {
		var h string
		if h, err = w.sendOnce(ctx, to, data, value); err == nil {
			w.sent.Add(1)
			return h, nil
		}
		if !strings.Contains(err.Error(), "insufficient funds") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	return "", err
}

func (w *testWallet) sendOnce(ctx context.Context, to common.Address, data []byte, value *big.Int) (string, error) {
	nonce, err := w.eth.PendingNonceAt(ctx, w.addr)
	if err != nil {
		return "", err
	}
	gas, err := w.eth.EstimateGas(ctx, ethereum.CallMsg{From: w.addr, To: &to, Data: data, Value: value})
	if err != nil {
		return "", err
	}
	price, err := w.eth.SuggestGasPrice(ctx)
	if err != nil {
		return "", err
	}
	tx, err := types.SignTx(types.NewTx(&types.LegacyTx{Nonce: nonce, To: &to, Value: value, Gas: gas * 2, GasPrice: price, Data: data}),
		types.LatestSignerForChainID(w.chainID), w.key)
	if err != nil {
		return "", err
	}
	if err := w.eth.SendTransaction(ctx, tx); err != nil {
		return "", err
	}
	return tx.Hash().Hex(), nil
}

// The PKPs page and the playground write through the browser's wallet: with a wallet
// (window.ethereum) the PKPs page offers to connect it, then mints a PKP to the wallet's account
// and grants it an Action (after its user first refuses, which the page says in words) and revokes
// it, each signed by the wallet and checked on the chain; the page says which account writes; the
// playground lists the wallet's PKPs and grants its code through the wallet; last the PKP is
// transferred away (after the page refuses to send while the wallet is on another chain).
// The dev account sends nothing meanwhile, and the write endpoints still refuse other origins.
func TestExplorerBrowserWallet(t *testing.T) {
	tab := newBrowser(t)
	d := sharedDevnet(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv := startExplorer(ctx, t, d, time.Second)
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()

	w := newTestWallet(t, cc)
	if err := d.Chain.Fund(ctx, w.addr, new(big.Int).Mul(big.NewInt(10), big.NewInt(1e18))); err != nil {
		t.Fatal(err)
	}
	dev := common.HexToAddress(d.Network.DevAddress)
	devNonce, err := cc.Eth().PendingNonceAt(ctx, dev)
	if err != nil {
		t.Fatal(err)
	}
	injectWallet(ctx, t, tab, w)

	// Another origin gets neither a wallet's calldata nor a dev write.
	for _, path := range []string{"/api/v1/wallet/mint", "/api/v1/dev/mint"} {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+path, strings.NewReader(fmt.Sprintf(`{"from":%q}`, w.addr.Hex())))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", "https://evil.example")
		req.Header.Set("Sec-Fetch-Site", "cross-site")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e struct{ Code string }
		json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden || e.Code != "ExplorerCrossOrigin" {
			t.Fatalf("POST %s from another origin: %d %q", path, resp.StatusCode, e.Code)
		}
	}

	tab, tcancel := context.WithTimeout(tab, browserTimeout)
	defer tcancel()
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/pkps")); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the wallet's Connect button", `!!document.querySelector('[data-testid="wallet-connect"]')`, 5*time.Second)
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-testid="wallet-connect"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the wallet connected", fmt.Sprintf(`document.querySelector('[data-testid="wallet-status"]')?.dataset.address?.toLowerCase() === %q`, strings.ToLower(w.addr.Hex())), 5*time.Second)
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-testid="wallet-mint"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the PKP minted through the wallet", `document.querySelector('[data-testid="write-done"]')?.dataset.op === 'mint' || !!document.querySelector('[data-testid="pkp-error"]')`, 20*time.Second)
	failIfShown(tab, t, "pkp-error")
	if got := pageText(tab, t, `[data-testid="write-done"]`); !strings.HasPrefix(got, "Minted with your wallet in transaction 0x") {
		t.Fatalf("the page says %q", got)
	}
	if got := pageText(tab, t, `[data-testid="pkp-owner"]`); !strings.EqualFold(got, w.addr.Hex()) {
		t.Fatalf("the minted PKP's owner shows %q, want the wallet's %s", got, w.addr.Hex())
	}
	writer, err := chromedp.Run(tab, chromedp.Evaluate[map[string]string](`({...document.querySelector('[data-testid="writer"]').dataset, text: document.querySelector('[data-testid="writer"]').textContent})`))
	if err != nil || writer["kind"] != "wallet" || !strings.EqualFold(writer["address"], w.addr.Hex()) || !strings.Contains(writer["text"], "your wallet") {
		t.Fatalf("the page's writer line: %q, %v", writer, err)
	}
	tokenHex := pageText(tab, t, `[data-testid="pkp-token-id"]`)
	id, ok := new(big.Int).SetString(strings.TrimPrefix(tokenHex, "0x"), 16)
	if !ok {
		t.Fatalf("token id %q", tokenHex)
	}
	if p, err := cc.PKP(ctx, id); err != nil || p.Owner != w.addr {
		t.Fatalf("on chain the minted PKP: %+v, %v", p, err)
	}

	action := ipfs.FromDigest(sha256.Sum256([]byte("granted through the wallet")))
	if got := pageText(tab, t, `[data-testid="grant-form"] legend`); got != "Grant with your wallet" {
		t.Fatalf("the grant form says %q", got)
	}
	// The wallet's user says no first: the page says so, and nothing is sent.
	w.refuse.Store(true)
	if err := chromedp.Do(tab,
		chromedp.SendKeys(chromedp.CSS(`[data-testid="grant-value"]`), action.String()),
		chromedp.Click(chromedp.CSS(`[data-testid="grant-submit"]`)),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the refusal shown", `!!document.querySelector('[data-testid="pkp-error"]')`, 10*time.Second)
	if got := pageText(tab, t, `[data-testid="pkp-error"]`); got != "You refused it in your wallet." {
		t.Fatalf("after the wallet's refusal the page says %q", got)
	}
	if ok, err := cc.IsPermittedAction(ctx, id, action.Bytes()); err != nil || ok {
		t.Fatalf("on chain a refused grant: %v, %v", ok, err)
	}
	w.refuse.Store(false)
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-testid="grant-submit"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the Action granted through the wallet", fmt.Sprintf(`!!document.querySelector('[data-testid="perm-action"][data-cid=%q]') || !!document.querySelector('[data-testid="pkp-error"]')`, action.String()), 20*time.Second)
	failIfShown(tab, t, "pkp-error")
	if ok, err := cc.IsPermittedAction(ctx, id, action.Bytes()); err != nil || !ok {
		t.Fatalf("on chain the Action is permitted: %v, %v", ok, err)
	}
	screenshot(tab, t, "pkps-wallet")
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-testid="perm-action"] [data-testid="revoke"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the Action revoked through the wallet", `!!document.querySelector('[data-testid="perm-actions-none"], [data-testid="pkp-error"]')`, 20*time.Second)
	failIfShown(tab, t, "pkp-error")
	if ok, err := cc.IsPermittedAction(ctx, id, action.Bytes()); err != nil || ok {
		t.Fatalf("on chain the revoked Action: %v, %v", ok, err)
	}

	// The playground: the wallet (connected already: eth_accounts answers) mints and grants.
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/actions")); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the wallet's PKP listed", fmt.Sprintf(`document.querySelector('[data-testid="writer"]')?.dataset.kind === 'wallet' && !!document.querySelector('#play-pkp option[value=%q]')`, tokenHex), 10*time.Second)
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const s = document.getElementById('play-pkp'); s.value = %q; return s.dispatchEvent(new Event('change')); })()`, tokenHex))); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-testid="play-grant"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the playground's grant", `!!document.querySelector('[data-testid="play-granted"], [data-testid="play-error"]')`, 20*time.Second)
	failIfShown(tab, t, "play-error")
	via, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector('[data-testid="play-granted"]').dataset.via`))
	cid, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector('[data-testid="play-granted"]').dataset.cid`))
	if via != "wallet" {
		t.Fatalf("the playground granted via %q", via)
	}
	if ok, err := cc.IsPermittedAction(ctx, id, ipfs.MustParse(cid).Bytes()); err != nil || !ok {
		t.Fatalf("on chain the playground's Action %s is permitted: %v, %v", cid, ok, err)
	}

	// Transfer it away: first with the wallet on another chain, which the page refuses to send
	// to, then on the network's.
	to := common.HexToAddress("0x00000000000000000000000000000000000b0b0b")
	w.elsewhere.Store(true)
	if err := chromedp.Do(tab,
		chromedp.Navigate(srv.URL+"/pkps?q="+tokenHex),
		chromedp.SendKeys(chromedp.CSS(`[data-testid="transfer-to"]`), to.Hex()),
		chromedp.Click(chromedp.CSS(`[data-testid="transfer-submit"]`)),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the wrong chain refused", `!!document.querySelector('[data-testid="pkp-error"]')`, 10*time.Second)
	if code, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector('[data-testid="pkp-error"]').dataset.code`)); code != "WalletWrongChain" {
		t.Fatalf("a wallet on another chain: %q: %s", code, pageText(tab, t, `[data-testid="pkp-error"]`))
	}
	w.elsewhere.Store(false)
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-testid="transfer-submit"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the PKP transferred through the wallet", `document.querySelector('[data-testid="write-done"]')?.dataset.op === 'transfer' || !!document.querySelector('[data-testid="pkp-error"]')`, 20*time.Second)
	failIfShown(tab, t, "pkp-error")
	if p, err := cc.PKP(ctx, id); err != nil || p.Owner != to || p.OwnerGeneration != 1 {
		t.Fatalf("on chain after the transfer: %+v, %v", p, err)
	}
	if n := w.sent.Load(); n != 5 {
		t.Fatalf("the wallet sent %d transactions, want 5 (mint, grant, revoke, the playground's grant, transfer)", n)
	}
	if n, err := cc.Eth().PendingNonceAt(ctx, dev); err != nil || n != devNonce {
		t.Fatalf("the dev account's nonce went from %d to %d (%v): it sent a write meant for the wallet", devNonce, n, err)
	}
}
