package integration

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// pageTiming is what the browser measured of one load, in milliseconds from the navigation's
// start: the first paint and first contentful paint (Paint Timing), and the navigation's
// response start, DOMContentLoaded and load (Navigation Timing).
type pageTiming struct {
	FP, FCP, ResponseStart, DOMContentLoaded, Load float64
}

func (p pageTiming) String() string {
	return fmt.Sprintf("first contentful paint %.1f ms (first paint %.1f ms; response start %.1f ms, DOMContentLoaded %.1f ms, load %.1f ms)",
		p.FCP, p.FP, p.ResponseStart, p.DOMContentLoaded, p.Load)
}

// loadTiming navigates tab to url and reads the browser's own timing of the load once its first
// contentful paint is recorded.
func loadTiming(tab context.Context, t testing.TB, url string) pageTiming {
	t.Helper()
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}
	waitJS(tab, t, "the first contentful paint and the load", `performance.getEntriesByType('paint').some((e) => e.name === 'first-contentful-paint') &&
		performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0`, 10*time.Second)
	p, err := chromedp.Run(tab, chromedp.Evaluate[pageTiming](`(() => {
		const paint = (n) => performance.getEntriesByType('paint').find((e) => e.name === n)?.startTime ?? 0;
		const nav = performance.getEntriesByType('navigation')[0];
		return { FP: paint('first-paint'), FCP: paint('first-contentful-paint'), ResponseStart: nav.responseStart,
			DOMContentLoaded: nav.domContentLoadedEventEnd, Load: nav.loadEventEnd };
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// firstPaintLoads is how many loads BenchmarkExplorerFirstPaint measures.
const firstPaintLoads = 20

// BenchmarkExplorerFirstPaint measures the network page's first contentful paint in headless
// Chromium against the shared 4-node devnet, whose explorer polls the nodes meanwhile: the median
// and p90 over firstPaintLoads loads with the browser's cache off (every load fetches the page,
// its CSS and its scripts), and the median of the navigation's response start and load. Reported,
// never asserted. Run it with
//
//	go test -run '^$' -bench BenchmarkExplorerFirstPaint -benchtime 1x ./integration/
func BenchmarkExplorerFirstPaint(b *testing.B) {
	tab := newBrowser(b)
	d := sharedDevnet(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := startExplorer(ctx, b, d, time.Second)
	if _, err := chromedp.Call(tab, network.Enable, network.EnableParams{}); err != nil {
		b.Fatal(err)
	}
	if _, err := chromedp.Call(tab, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		b.Fatal(err)
	}
	loadTiming(tab, b, srv.URL+"/") // the browser's own start-up is not the page's
	b.ResetTimer()
	for range b.N {
		var fcp, resp, load []float64
		for range firstPaintLoads {
			p := loadTiming(tab, b, srv.URL+"/")
			fcp, resp, load = append(fcp, p.FCP), append(resp, p.ResponseStart), append(load, p.Load)
		}
		slices.Sort(fcp)
		slices.Sort(resp)
		slices.Sort(load)
		b.ReportMetric(fcp[len(fcp)/2], "fcp-p50-ms")
		b.ReportMetric(fcp[len(fcp)*9/10], "fcp-p90-ms")
		b.ReportMetric(resp[len(resp)/2], "response-p50-ms")
		b.ReportMetric(load[len(load)/2], "load-p50-ms")
		b.Logf("%d loads of the network page: first contentful paint %.1f ms median (min %.1f, max %.1f)", len(fcp), fcp[len(fcp)/2], fcp[0], fcp[len(fcp)-1])
	}
}
