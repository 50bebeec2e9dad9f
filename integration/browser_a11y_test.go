package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// a11yMarkScript marks the page's focusable, visible elements with data-a11y-i in document order
// and reports them, the form fields without a label, the controls without a name, and any
// positive tabindex (which would take an element out of the reading order).
const a11yMarkScript = `(() => {
  const text = (e) => (e?.textContent ?? '').trim();
  const labelled = (e) => !!(e.getAttribute('aria-label')?.trim() ||
    (e.getAttribute('aria-labelledby') ?? '').split(/\s+/).some((id) => text(document.getElementById(id))) ||
    [...(e.labels ?? [])].some((l) => text(l)));
  const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const focusable = [...document.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]')]
    .filter((e) => !e.disabled && e.getAttribute('tabindex') !== '-1' && visible(e));
  focusable.forEach((e, i) => { e.dataset.a11yI = String(i); });
  const fields = [...document.querySelectorAll('input:not([type="hidden"]), select, textarea')];
  return {
    focusable: focusable.map((e) => e.outerHTML.slice(0, 100)),
    unlabelled: fields.filter((e) => !labelled(e)).map((e) => e.outerHTML.slice(0, 100)),
    unnamed: [...document.querySelectorAll('button, a[href], summary')].filter((e) => !labelled(e) && !text(e)).map((e) => e.outerHTML.slice(0, 100)),
    positive: [...document.querySelectorAll('[tabindex]')].filter((e) => e.tabIndex > 0).map((e) => e.outerHTML.slice(0, 100)),
  };
})()`

type a11yMarks struct {
	Focusable, Unlabelled, Unnamed, Positive []string
}

// checkA11y checks the page tab shows: every form field has a label, every control a name, and
// the keyboard alone reaches every focusable element, in the document's order (Tab from the
// page's start; the editor, where Tab indents, is left with Esc then Tab, as its label says).
func checkA11y(tab context.Context, t *testing.T, page string) {
	t.Helper()
	m, err := chromedp.Run(tab, chromedp.Evaluate[a11yMarks](a11yMarkScript))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range m.Unlabelled {
		t.Errorf("%s: a form field without a label: %s", page, e)
	}
	for _, e := range m.Unnamed {
		t.Errorf("%s: a control without a name: %s", page, e)
	}
	for _, e := range m.Positive {
		t.Errorf("%s: a positive tabindex: %s", page, e)
	}
	n := len(m.Focusable)
	var order []int
	seen := map[int]bool{}
	for press := 0; press < n+20 && len(seen) < n; press++ {
		if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		cur, err := chromedp.Run(tab, chromedp.Evaluate[map[string]string](`({i: document.activeElement?.dataset?.a11yI ?? '', id: document.activeElement?.id ?? ''})`))
		if err != nil {
			t.Fatal(err)
		}
		if cur["id"] == "play-code" {
			if err := chromedp.Do(tab, chromedp.KeyEvent(kb.Escape)); err != nil {
				t.Fatal(err)
			}
		}
		var i int
		if _, err := fmt.Sscan(cur["i"], &i); err != nil || seen[i] {
			continue
		}
		seen[i] = true
		order = append(order, i)
	}
	for i, e := range m.Focusable {
		if !seen[i] {
			t.Errorf("%s: Tab never reaches %s", page, e)
		}
	}
	for k := 1; k < len(order); k++ {
		if order[k] < order[k-1] {
			t.Errorf("%s: Tab reaches %s after %s, against the document's order", page, m.Focusable[order[k]], m.Focusable[order[k-1]])
			break
		}
	}
	t.Logf("%s: %d focusable elements, %d reached by Tab, %d fields without a label", page, n, len(seen), len(m.Unlabelled))
}

// The explorer's pages in a real browser are usable without a mouse and with a screen reader:
// on the network page, the PKPs page showing a PKP with its write controls (with a wallet in the
// browser and the dev account), the playground and the decrypt page, every form field has a
// label, every control a name, and Tab alone reaches every control in the reading order,
// leaving the code editor with Esc. The colours' contrast is TestContrast's (explorer/), computed
// from the stylesheet.
func TestExplorerBrowserAccessibility(t *testing.T) {
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
	w.connected.Store(true) // the wallet box then shows its account and its Mint button
	injectWallet(ctx, t, tab, w)

	// A PKP of the dev account, so that the PKPs page shows every write control.
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/api/v1/dev/mint", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var minted struct{ PKP struct{ TokenIDHex string } }
	json.NewDecoder(resp.Body).Decode(&minted)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("dev mint: %s", resp.Status)
	}
	action := "QmWATWQ7fVPP2EFGu71UkfnqhYXDYH566qy47CnJDgvs8u"
	body := fmt.Sprintf(`{"tokenId":%q,"kind":"action","value":%q,"scopes":["sign-anything"]}`, minted.PKP.TokenIDHex, action)
	req, _ = http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/api/v1/dev/grant", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if resp, err = http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("dev grant: %v %v", resp, err)
	}
	resp.Body.Close()

	tab, tcancel := context.WithTimeout(tab, browserTimeout)
	defer tcancel()
	for _, p := range []struct{ path, ready string }{
		{"/", `document.querySelectorAll('[data-testid="node-row"][data-health="healthy"]').length === 4 && document.querySelectorAll('summary').length === 4`},
		{"/pkps?q=" + minted.PKP.TokenIDHex, `!!document.querySelector('[data-testid="revoke"]') && !!document.querySelector('[data-testid="wallet-mint"]')`},
		{"/actions", `document.getElementById('play-pkp')?.dataset.loaded === 'true' && document.getElementById('play-code').value !== ''`},
		{"/decrypt", `document.readyState === 'complete'`},
	} {
		if err := chromedp.Do(tab, chromedp.Navigate(srv.URL+p.path)); err != nil {
			t.Fatal(err)
		}
		waitJS(tab, t, p.path+" ready", p.ready, 15*time.Second)
		checkA11y(tab, t, p.path)
	}
}
