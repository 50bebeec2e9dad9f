package integration

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/big"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/ipfs"
	"github.com/flint-network/flint/node"
)

// chromiumEnv names the browser the explorer's browser tests drive: a path to a Chromium or
// Chrome executable. Unset, they look for Debian's chromium (which .ci/run installs) on $PATH.
// "skip" skips them, on a machine without a browser; nothing else does: a CI without chromium
// fails them rather than passing them unseen.
const chromiumEnv = "FLINT_CHROMIUM"

// browserTimeout bounds a browser test's page work (the devnet's start is not counted).
const browserTimeout = 30 * time.Second

// newBrowser starts a headless Chromium for the test and returns a tab's context, ended with the
// test.
func newBrowser(t testing.TB) context.Context {
	t.Helper()
	exe := os.Getenv(chromiumEnv)
	switch exe {
	case "skip":
		t.Skipf("%s=skip: the explorer's browser tests do not run", chromiumEnv)
	case "":
		for _, name := range []string{"chromium", "chromium-browser"} {
			if p, err := exec.LookPath(name); err == nil {
				exe = p
				break
			}
		}
		if exe == "" {
			t.Fatalf("no chromium on $PATH for the explorer's browser tests: install Debian's chromium (apt-get install chromium, as .ci/run does), "+
				"set %s to a Chromium or Chrome executable, or %s=skip to skip them", chromiumEnv, chromiumEnv)
		}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe),
		chromedp.NoSandbox, // containers and CI run as root, where Chromium's sandbox refuses to start
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(func() { cancel(); acancel() })
	// The first Run starts the browser: fail here, naming it, rather than in the test's first step.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", exe, err)
	}
	// The page's uncaught exceptions go to the log of a failed test: a script that dies says why.
	// (Kept, not logged at once: fn may run after the test ends, where t.Logf panics.)
	var mu sync.Mutex
	var thrown []string
	if err := chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*runtime.EventExceptionThrown); ok {
			mu.Lock()
			d := e.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			thrown = append(thrown, fmt.Sprintf("%s (%s:%d)", msg, d.URL, d.LineNumber+1))
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		mu.Lock()
		defer mu.Unlock()
		if t.Failed() {
			for _, e := range thrown {
				t.Logf("page exception: %s", e)
			}
		}
	})
	return ctx
}

// waitJS polls a JavaScript expression in the page until it is true, for up to within.
func waitJS(ctx context.Context, t testing.TB, what, expr string, within time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](expr, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(within))); err != nil {
		t.Fatalf("%s: not within %v: %v", what, within, err)
	}
}

// screenshotsEnv names a directory where the browser tests save a screenshot of each page they
// check (docs/explorer/ holds the ones the docs show), a relative one from the repository's root;
// unset, they save none.
const screenshotsEnv = "FLINT_EXPLORER_SCREENSHOTS"

// phoneShots are the screenshots also taken at a phone's width, one of each page.
var phoneShots = map[string]bool{"network": true, "pkps-wallet": true, "actions": true, "decrypt": true}

// screenshot saves the whole page as dir/name.png when $FLINT_EXPLORER_SCREENSHOTS names a dir
// and, for phoneShots, the page as a phone shows it (390×844 CSS pixels, a mobile viewport, twice
// the pixels) as dir/name-phone.png.
func screenshot(ctx context.Context, t *testing.T, name string) {
	t.Helper()
	dir := os.Getenv(screenshotsEnv)
	if dir == "" {
		return
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join("..", dir) // go test runs in integration/
	}
	save := func(file string) {
		t.Helper()
		png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatalf("screenshot %s: %v", file, err)
		}
		if err := os.WriteFile(filepath.Join(dir, file+".png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	save(name)
	if !phoneShots[name] {
		return
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(2), chromedp.EmulateMobile, chromedp.EmulatePortrait, chromedp.EmulateTouch)); err != nil {
		t.Fatal(err)
	}
	// Two frames: the page has laid itself out (and the charts redrawn) at the new width.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok(true))))`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	save(name + "-phone")
	if _, err := chromedp.Call(ctx, emulation.ClearDeviceMetricsOverride, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetTouchEmulationEnabled, emulation.SetTouchEmulationEnabledParams{}); err != nil {
		t.Fatal(err)
	}
}

// pageText is the text of the first element matching sel.
func pageText(ctx context.Context, t *testing.T, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return s
}

// The network page in a real browser against a real devnet: every node's row turns Healthy and the
// alerts say so; a node killed is shown Down, and named in an alert, within 5 s (the bound),
// while the others stay up.
func TestExplorerBrowserNetworkPage(t *testing.T) {
	tab := newBrowser(t) // first: a missing browser fails the test before a devnet starts
	d := startDevnet(t, 4, node.PoolConfig{Low: 8, High: 16, Batch: 8})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv := startExplorer(ctx, t, d, time.Second) // the default interval
	tab, tcancel := context.WithTimeout(tab, browserTimeout)
	defer tcancel()

	// The browser's own timing of the first load (a cold tab): logged, never asserted;
	// BenchmarkExplorerFirstPaint takes the median over many loads.
	t.Logf("the network page's first load: %v", loadTiming(tab, t, srv.URL+"/"))
	waitJS(tab, t, "every node healthy",
		`document.querySelectorAll('[data-testid="node-row"][data-health="healthy"]').length === 4 && !!document.querySelector('[data-testid="alerts-none"]')`,
		15*time.Second)
	if got := pageText(tab, t, `[data-testid="nodes-healthy"]`); got != "4 of 4" {
		t.Fatalf("nodes healthy shows %q", got)
	}
	for i := 1; i <= 4; i++ {
		if got := pageText(tab, t, fmt.Sprintf("#node-%d-health", i)); got != "Healthy" {
			t.Fatalf("node %d's badge says %q", i, got)
		}
	}
	screenshot(tab, t, "network")

	if err := d.StopNode(2, false); err != nil { // node 3, SIGKILL
		t.Fatal(err)
	}
	stopped := time.Now()
	waitJS(tab, t, "node 3 shown down",
		`document.querySelector('#node-3').dataset.health === 'down' && document.querySelector('#node-3-health').textContent === 'Down' &&
		 [...document.querySelectorAll('[data-testid="alert"]')].some((a) => a.textContent.startsWith('Node 3 '))`,
		5*time.Second)
	t.Logf("the page showed node 3 down %v after it was killed", time.Since(stopped).Round(time.Millisecond))
	screenshot(tab, t, "network-node-down")
	healths, err := chromedp.Run(tab, chromedp.Evaluate[[]string](`[...document.querySelectorAll('[data-testid="node-row"]')].map((r) => r.dataset.health)`))
	if err != nil {
		t.Fatal(err)
	}
	if len(healths) != 4 || healths[0] == "down" || healths[1] == "down" || healths[3] == "down" {
		t.Fatalf("rows' health %q", healths)
	}
}

// The PKPs page in a real browser against a real devnet: a PKP minted and granted through the chain
// client is found by its public key, with its owner, owner generation and each permission with its
// scopes; its owner's address lists it, and the link there opens it; a malformed query is refused
// in plain words.
func TestExplorerBrowserPKPsPage(t *testing.T) {
	tab := newBrowser(t)
	d := sharedDevnet(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	srv := startExplorer(ctx, t, d, time.Second)

	// A fresh owner, so that its list holds this test's PKP alone.
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	owner := crypto.PubkeyToAddress(key.PublicKey)
	if err := d.Chain.Fund(ctx, owner, new(big.Int).Mul(big.NewInt(10), big.NewInt(1e18))); err != nil {
		t.Fatal(err)
	}
	cc, err := d.Chain.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer cc.Close()
	auth := cc.Transactor(key)
	m, err := cc.MintNext(ctx, auth)
	// Fund's block may not have reached the transaction pool yet (see
	// devchain.Fund): retry its "insufficient funds" briefly.
	for try := 0; err != nil && strings.Contains(err.Error(), "insufficient funds") && try < 20; try++ {
		time.Sleep(100 * time.Millisecond)
		m, err = cc.MintNext(ctx, auth)
	}
	if err != nil {
		t.Fatal(err)
	}
	action := ipfs.FromDigest(sha256.Sum256([]byte("the explorer's browser test")))
	user := common.HexToAddress("0x00000000000000000000000000000000000b10e5")
	webauthn := chain.AuthMethod{Type: 3, ID: []byte("a credential id"), UserPubkey: []byte{0xa5, 0x01, 0x02}}
	if _, err := cc.AddPermittedAction(ctx, auth, m.TokenID, action.Bytes(), chain.ScopeSignAnything); err != nil {
		t.Fatal(err)
	}
	if _, err := cc.AddPermittedAddress(ctx, auth, m.TokenID, user, chain.ScopePersonalSign); err != nil {
		t.Fatal(err)
	}
	if _, err := cc.AddPermittedAuthMethod(ctx, auth, m.TokenID, webauthn, chain.ScopeSignAnything, chain.ScopePersonalSign); err != nil {
		t.Fatal(err)
	}
	pkpAddr := chain.EthAddress(m.Pubkey)
	tokenHex := fmt.Sprintf("0x%064x", m.TokenID)

	tab, tcancel := context.WithTimeout(tab, browserTimeout)
	defer tcancel()
	// Typed into the form, as a person would.
	if err := chromedp.Do(tab,
		chromedp.Navigate(srv.URL+"/pkps"),
		chromedp.SendKeys(chromedp.CSS(`[data-testid="pkp-query"]`), "0x"+hex.EncodeToString(m.Pubkey)),
		chromedp.Click(chromedp.CSS(`[data-testid="pkp-submit"]`)),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the PKP shown", `!!document.querySelector('[data-testid="pkp-token-id"]')`, 10*time.Second)
	for sel, want := range map[string]string{
		`[data-testid="pkp-token-id"]`:         tokenHex,
		`[data-testid="pkp-token-id-decimal"]`: m.TokenID.String(),
		`[data-testid="pkp-pubkey"]`:           "0x" + hex.EncodeToString(m.Pubkey),
		`[data-testid="pkp-eth-address"]`:      pkpAddr.Hex(),
		`[data-testid="pkp-owner"]`:            owner.Hex(),
		`[data-testid="pkp-owner-generation"]`: "0",
	} {
		if got := pageText(tab, t, sel); got != want {
			t.Errorf("%s shows %q, want %q", sel, got, want)
		}
	}
	perms, err := chromedp.Run(tab, chromedp.Evaluate[map[string][]string](`({
		addresses: [...document.querySelectorAll('[data-testid="perm-address"]')].map((e) => e.textContent),
		actions: [...document.querySelectorAll('[data-testid="perm-action"]')].map((e) => e.textContent),
		methods: [...document.querySelectorAll('[data-testid="perm-auth-method"]')].map((e) => e.textContent),
	})`))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("permissions on the page: %q", perms)
	screenshot(tab, t, "pkps")
	if a := perms["addresses"]; len(a) != 2 || a[0] != owner.Hex()+" (owner)" ||
		a[1] != user.Hex()+" Personal sign (EIP-191)" {
		t.Errorf("addresses %q", a)
	}
	if a := perms["actions"]; len(a) != 1 || a[0] != action.String()+" Sign anything" {
		t.Errorf("actions %q", a)
	}
	if a := perms["methods"]; len(a) != 1 || a[0] != "WebAuthn 0x"+hex.EncodeToString(webauthn.ID)+" Sign anythingPersonal sign (EIP-191)" {
		t.Errorf("auth methods %q", a)
	}

	// The owner's address lists the PKP; its link opens it.
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/pkps?q="+owner.Hex())); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the owner's list", `!!document.querySelector('[data-testid="owned-pkp"]') && !!document.querySelector('[data-testid="pkp-none"]')`, 10*time.Second)
	if got := pageText(tab, t, `[data-testid="owned-total"]`); got != "1 PKP:" {
		t.Errorf("owned total %q", got)
	}
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-testid="owned-pkp"] a`))); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the PKP opened from the list", fmt.Sprintf(`document.querySelector('[data-testid="pkp-eth-address"]')?.textContent === %q`, pkpAddr.Hex()), 10*time.Second)

	// A typo is refused, in words.
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/pkps?q=0x1234")); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the refusal", `document.querySelector('[data-testid="pkp-error"]')?.dataset.code === 'ExplorerBadQuery'`, 10*time.Second)
}

// The dev account's writes in a real browser against a real devnet: the PKPs page mints a PKP with
// the devnet's dev account (labelled as such), grants it an Action with a scope, revokes it and
// transfers the PKP away, each checked on the chain; a write from another origin is refused and
// mints nothing.
func TestExplorerBrowserDevMint(t *testing.T) {
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
	dev := common.HexToAddress(d.Network.DevAddress)
	_, before, err := cc.TokensOfOwner(ctx, dev, 0)
	if err != nil {
		t.Fatal(err)
	}

	// CSRF: a page elsewhere that posts to the explorer gets nothing done.
	for _, hdr := range []map[string]string{{"Origin": "https://evil.example"}, {"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}} {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/api/v1/dev/mint", strings.NewReader(`{}`))
		req.Header.Set("Content-Type", "application/json")
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var e struct{ Code string }
		json.NewDecoder(resp.Body).Decode(&e)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden || e.Code != "ExplorerCrossOrigin" {
			t.Fatalf("a mint from another origin (%v): %d %q", hdr, resp.StatusCode, e.Code)
		}
	}
	if _, n, err := cc.TokensOfOwner(ctx, dev, 0); err != nil || n != before {
		t.Fatalf("the dev account holds %d PKPs, had %d (%v): a refused write minted", n, before, err)
	}

	tab, tcancel := context.WithTimeout(tab, browserTimeout)
	defer tcancel()
	if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/pkps")); err != nil {
		t.Fatal(err)
	}
	if got := pageText(tab, t, `[data-testid="dev-account"]`); !strings.Contains(got, "devnet only") || !strings.Contains(got, dev.Hex()) {
		t.Fatalf("the dev account's section says %q", got)
	}
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-testid="dev-mint"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the minted PKP", `document.querySelector('[data-testid="write-done"]')?.dataset.op === 'mint' || !!document.querySelector('[data-testid="pkp-error"]')`, 20*time.Second)
	if msg, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector('[data-testid="pkp-error"]')?.textContent ?? ''`)); msg != "" {
		t.Fatalf("mint: %s", msg)
	}
	if got := pageText(tab, t, `[data-testid="pkp-owner"]`); got != dev.Hex() {
		t.Fatalf("the minted PKP's owner shows %q, want the dev account %s", got, dev.Hex())
	}
	tokenHex := pageText(tab, t, `[data-testid="pkp-token-id"]`)
	id, ok := new(big.Int).SetString(strings.TrimPrefix(tokenHex, "0x"), 16)
	if !ok {
		t.Fatalf("token id %q", tokenHex)
	}
	if p, err := cc.PKP(ctx, id); err != nil || p.Owner != dev {
		t.Fatalf("on chain: %+v, %v", p, err)
	}

	// Grant an Action, then revoke it, through the page's form and button.
	action := ipfs.FromDigest(sha256.Sum256([]byte("granted from the explorer")))
	if err := chromedp.Do(tab,
		chromedp.SendKeys(chromedp.CSS(`[data-testid="grant-value"]`), action.String()),
		chromedp.Click(chromedp.CSS(`[data-testid="grant-submit"]`)),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the granted Action", fmt.Sprintf(`!!document.querySelector('[data-testid="perm-action"][data-cid=%q]')`, action.String()), 20*time.Second)
	if got := pageText(tab, t, `[data-testid="perm-action"]`); !strings.Contains(got, "Sign anything") {
		t.Fatalf("the granted Action shows %q", got)
	}
	if ok, err := cc.IsPermittedAction(ctx, id, action.Bytes()); err != nil || !ok {
		t.Fatalf("on chain the Action is permitted: %v, %v", ok, err)
	}
	screenshot(tab, t, "pkps-dev-account")
	if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-testid="perm-action"] [data-testid="revoke"]`))); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the revoked Action gone", `!!document.querySelector('[data-testid="perm-actions-none"]')`, 20*time.Second)
	if ok, err := cc.IsPermittedAction(ctx, id, action.Bytes()); err != nil || ok {
		t.Fatalf("on chain the Action is still permitted: %v, %v", ok, err)
	}

	// Transfer it away: a new owner, a new generation, and nothing the dev account may change.
	to := common.HexToAddress("0x00000000000000000000000000000000000b0b0b")
	if err := chromedp.Do(tab,
		chromedp.SendKeys(chromedp.CSS(`[data-testid="transfer-to"]`), to.Hex()),
		chromedp.Click(chromedp.CSS(`[data-testid="transfer-submit"]`)),
	); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the transferred PKP", `document.querySelector('[data-testid="write-done"]')?.dataset.op === 'transfer' || !!document.querySelector('[data-testid="pkp-error"]')`, 20*time.Second)
	if got := pageText(tab, t, `[data-testid="pkp-owner"]`); got != to.Hex() {
		t.Fatalf("after the transfer the owner shows %q", got)
	}
	if got := pageText(tab, t, `[data-testid="pkp-owner-generation"]`); got != "1" {
		t.Fatalf("after the transfer the owner generation shows %q", got)
	}
	if forms, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="grant-form"], [data-testid="transfer-form"], [data-testid="revoke"]').length`)); forms != 0 {
		t.Fatalf("%d write controls on a PKP the dev account no longer owns", forms)
	}
	if p, err := cc.PKP(ctx, id); err != nil || p.Owner != to || p.OwnerGeneration != 1 {
		t.Fatalf("on chain after the transfer: %+v, %v", p, err)
	}
}

// The Actions playground and the decrypt page against the shared devnet, through the page's own
// controls: mint a PKP with the dev account, grant the example Action to it, run it and see its
// signature verified (checked again here with go-ethereum's Ecrecover, against the PKP's key on
// chain); then encrypt a text to the dev account's address and decrypt it, and see a text for
// another address refused.
func TestExplorerBrowserPlayground(t *testing.T) {
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

	t.Run("RunAndVerify", func(t *testing.T) {
		tab, tcancel := context.WithTimeout(tab, browserTimeout)
		defer tcancel()
		if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/actions")); err != nil {
			t.Fatal(err)
		}
		waitJS(tab, t, "the dev account's PKPs listed", `document.getElementById('play-pkp')?.dataset.loaded === 'true' || !!document.querySelector('[data-testid="play-error"]')`, 10*time.Second)
		if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-testid="play-mint"]`))); err != nil {
			t.Fatal(err)
		}
		waitJS(tab, t, "the minted PKP", `!!document.querySelector('[data-testid="play-minted"], [data-testid="play-error"]')`, 20*time.Second)
		failIfShown(tab, t, "play-error")
		tokenHex, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById('play-pkp').value`))
		pubkey, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById('play-pkp').selectedOptions[0].dataset.pubkey`))
		id, ok := new(big.Int).SetString(strings.TrimPrefix(tokenHex, "0x"), 16)
		if !ok {
			t.Fatalf("selected PKP token id %q", tokenHex)
		}
		p, err := cc.PKP(ctx, id)
		if err != nil || p.Owner != common.HexToAddress(d.Network.DevAddress) {
			t.Fatalf("on chain the minted PKP: %+v, %v", p, err)
		}
		if !strings.EqualFold(pubkey, "0x"+hex.EncodeToString(p.Pubkey)) {
			t.Fatalf("the page's PKP key %s; on chain %x", pubkey, p.Pubkey)
		}
		params, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById('play-params').value`))
		if !strings.Contains(params, pubkey) {
			t.Fatalf("jsParams do not name the PKP's key: %s", params)
		}

		if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-testid="play-grant"]`))); err != nil {
			t.Fatal(err)
		}
		waitJS(tab, t, "the granted Action", `!!document.querySelector('[data-testid="play-granted"], [data-testid="play-error"]')`, 20*time.Second)
		failIfShown(tab, t, "play-error")
		cid, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector('[data-testid="play-granted"]').dataset.cid`))
		code, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.getElementById('play-code').value`))
		if want := ipfs.Sum([]byte(code)).String(); cid != want {
			t.Fatalf("granted CID %s; the code's is %s", cid, want)
		}
		if ok, err := cc.IsPermittedAction(ctx, id, ipfs.MustParse(cid).Bytes()); err != nil || !ok {
			t.Fatalf("on chain the Action is permitted: %v, %v", ok, err)
		}

		if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-testid="play-run"]`))); err != nil {
			t.Fatal(err)
		}
		waitJS(tab, t, "the run's result", `!!document.querySelector('[data-testid="play-ran"], [data-testid="play-error"]')`, 25*time.Second)
		failIfShown(tab, t, "play-error")
		if got := pageText(tab, t, `[data-testid="run-sig"][data-name="sig"] [data-testid="sig-check"]`); got != "Verified" {
			t.Fatalf("the signature's check says %q", got)
		}
		if got := pageText(tab, t, `[data-testid="run-response"]`); got != `{"signed":"hello from the playground"}` {
			t.Fatalf("response %q", got)
		}
		if n, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="run-node"][data-outcome="ok"]').length`)); n != 4 {
			t.Fatalf("%d nodes shown as ok, want 4", n)
		}
		if n, _ := chromedp.Run(tab, chromedp.Evaluate[int](`[...document.querySelectorAll('[data-testid="run-node"]')].filter(e => /^[0-9]+$/.test(e.dataset.tookMs) && e.textContent.includes(' ms')).length`)); n != 4 {
			t.Fatalf("%d nodes shown with their time, want 4", n)
		}
		// The signature as the page shows it, checked here independently of the explorer.
		sigHex := pageText(tab, t, `[data-testid="run-sig"] [data-testid="sig-signature"]`)
		dataHex := pageText(tab, t, `[data-testid="run-sig"] [data-testid="sig-data"]`)
		sig, err1 := hex.DecodeString(strings.TrimPrefix(sigHex, "0x"))
		hash, err2 := hex.DecodeString(strings.TrimPrefix(dataHex, "0x"))
		if err1 != nil || err2 != nil || len(sig) != 65 || len(hash) != 32 {
			t.Fatalf("signature %q over %q", sigHex, dataHex)
		}
		if want := crypto.Keccak256([]byte("hello from the playground")); hex.EncodeToString(want) != hex.EncodeToString(hash) {
			t.Fatalf("signed %x; want keccak256 of the message %x", hash, want)
		}
		sig[64] -= 27
		rec, err := crypto.Ecrecover(hash, sig)
		if err != nil || hex.EncodeToString(rec) != hex.EncodeToString(p.Pubkey) {
			t.Fatalf("the signature recovers %x (%v); the PKP's key is %x", rec, err, p.Pubkey)
		}
		screenshot(tab, t, "actions")
	})

	// The price example fetches from a server of the test's on 127.0.0.1, which the shared
	// devnet's egress policy refuses (as every node's default does): the page says so in words and
	// names each node that refused.
	t.Run("ErrorsNameTheNodes", func(t *testing.T) {
		price := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, `{"price": 1234.5}`) }))
		defer price.Close()
		tab, tcancel := context.WithTimeout(tab, browserTimeout)
		defer tcancel()
		if err := chromedp.Do(tab,
			chromedp.Navigate(srv.URL+"/actions"),
			chromedp.SetValue(chromedp.CSS(`[data-testid="play-example"]`), "price"),
		); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.getElementById('play-example').dispatchEvent(new Event('change'))`)); err != nil {
			t.Fatal(err)
		}
		waitJS(tab, t, "the price example loaded", `document.getElementById('play-code').value.includes('ETH/USD')`, 5*time.Second)
		params := fmt.Sprintf(`{"url": %q}`, price.URL+"/price")
		if err := chromedp.Do(tab,
			chromedp.SetValue(chromedp.CSS(`[data-testid="play-params"]`), params),
			chromedp.Click(chromedp.CSS(`[data-testid="play-run"]`)),
		); err != nil {
			t.Fatal(err)
		}
		waitJS(tab, t, "the run's result", `!!document.querySelector('[data-testid="play-ran"], [data-testid="play-error"]')`, 25*time.Second)
		msg := pageText(tab, t, `[data-testid="run-error"]`)
		for _, want := range []string{"the Action failed: nodes 1, 2, 3 and 4 NodeActionFetchRefused:", "fetch to 127.0.0.1 refused"} {
			if !strings.Contains(msg, want) {
				t.Fatalf("the error says %q; want it to say %q", msg, want)
			}
		}
		if n, _ := chromedp.Run(tab, chromedp.Evaluate[int](`document.querySelectorAll('[data-testid="run-node"][data-outcome="failed"]').length`)); n != 4 {
			t.Fatalf("%d nodes shown as failed, want 4", n)
		}
		screenshot(tab, t, "actions-error")
	})

	t.Run("EncryptDecrypt", func(t *testing.T) {
		tab, tcancel := context.WithTimeout(tab, browserTimeout)
		defer tcancel()
		if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+"/decrypt")); err != nil {
			t.Fatal(err)
		}
		const secret = "the playground's secret"
		if err := chromedp.Do(tab,
			chromedp.SendKeys(chromedp.CSS(`[data-testid="enc-text"]`), secret),
			chromedp.Click(chromedp.CSS(`[data-testid="enc-submit"]`)),
		); err != nil {
			t.Fatal(err)
		}
		waitJS(tab, t, "the ciphertext", `!!document.querySelector('[data-testid="encrypted"], [data-testid="crypt-error"]')`, 10*time.Second)
		failIfShown(tab, t, "crypt-error")
		if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-testid="dec-submit"]`))); err != nil {
			t.Fatal(err)
		}
		waitJS(tab, t, "the decrypted text", `!!document.querySelector('[data-testid="decrypted"], [data-testid="crypt-error"]')`, 15*time.Second)
		failIfShown(tab, t, "crypt-error")
		if got := pageText(tab, t, `[data-testid="decrypted"]`); got != secret {
			t.Fatalf("decrypted %q, want %q", got, secret)
		}
		screenshot(tab, t, "decrypt")

		// Encrypted for another address, the nodes refuse the dev account, and the page says so.
		if err := chromedp.Do(tab,
			chromedp.SetValue(chromedp.CSS(`[data-testid="cond-user"]`), "0x00000000000000000000000000000000000b0b0b"),
			chromedp.Click(chromedp.CSS(`[data-testid="enc-submit"]`)),
		); err != nil {
			t.Fatal(err)
		}
		waitJS(tab, t, "the second ciphertext", `!!document.querySelector('[data-testid="encrypted"], [data-testid="crypt-error"]')`, 10*time.Second)
		if err := chromedp.Do(tab, chromedp.Click(chromedp.CSS(`[data-testid="dec-submit"]`))); err != nil {
			t.Fatal(err)
		}
		waitJS(tab, t, "the refusal", `!!document.querySelector('[data-testid="crypt-error"], [data-testid="decrypted-status"]')`, 15*time.Second)
		code, _ := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector('[data-testid="crypt-error"]')?.dataset.code ?? 'none'`))
		if code != "ExplorerDecryptRefused" {
			t.Fatalf("decrypting another address's text: error code %q", code)
		}
	})
}

// failIfShown fails the test with the text of the page's error element testid, if there is one.
func failIfShown(tab context.Context, t *testing.T, testid string) {
	t.Helper()
	msg, _ := chromedp.Run(tab, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector('[data-testid=%q]')?.textContent ?? ''`, testid)))
	if msg != "" {
		t.Fatalf("the page says: %s", msg)
	}
}
