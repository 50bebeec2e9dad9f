package node

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func testQuotas(t *testing.T, cfg QuotaConfig) (*quotas, *fakeClock) {
	t.Helper()
	cfg.withDefaults()
	if err := cfg.check(); err != nil {
		t.Fatal(err)
	}
	c := &fakeClock{t: time.Unix(1_700_000_000, 0)}
	q, err := newQuotas(cfg, c.now)
	if err != nil {
		t.Fatal(err)
	}
	return q, c
}

func TestQuotaConfigDefaults(t *testing.T) {
	var q QuotaConfig
	q.withDefaults()
	if q.Sign.PerCaller != (RateConfig{10, 20}) || q.Sign.PerPKP != (RateConfig{10, 20}) || q.Sign.PerIP != (RateConfig{50, 100}) ||
		q.Execute.PerCaller != (RateConfig{2, 10}) || q.Execute.PerIP != (RateConfig{20, 40}) ||
		q.Decrypt.PerCaller != (RateConfig{10, 20}) || q.Decrypt.PerPKP != (RateConfig{10, 20}) || q.Decrypt.PerIP != (RateConfig{50, 100}) ||
		q.MaxKeys != 100_000 || q.MaxBoundPresignatures != 16 || q.MaxConcurrentActions != 2 ||
		q.ActionSeconds != 60 || time.Duration(q.ActionWindow) != time.Minute {
		t.Fatalf("defaults: %+v", q)
	}
	if err := q.check(); err != nil {
		t.Fatal(err)
	}
	for name, f := range map[string]func(*QuotaConfig){
		"maxKeys":       func(q *QuotaConfig) { q.MaxKeys = -1 },
		"burst":         func(q *QuotaConfig) { q.Sign.PerCaller.Burst = -3 },
		"actionSeconds": func(q *QuotaConfig) { q.ActionSeconds = -1 },
		"bound":         func(q *QuotaConfig) { q.MaxBoundPresignatures = -1 },
	} {
		c := QuotaConfig{}
		f(&c)
		c.withDefaults()
		if err := c.check(); !errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), "quota.") {
			t.Errorf("%s: check = %v, want a quota.* ErrConfig", name, err)
		}
	}
	// A negative rate turns one bucket off.
	off := QuotaConfig{Sign: KindQuota{PerCaller: RateConfig{PerSecond: -1}}}
	q2, _ := testQuotas(t, off)
	for range 1000 {
		if err := q2.allow(quotaSign, "perCaller", "0xA"); err != nil {
			t.Fatalf("bucket turned off refused: %v", err)
		}
	}
}

// A quota's refusal is 429 rate_limit_exceeded in the node's error shape,
// names the bucket and its config key, and carries Retry-After.
func TestQuotaRefusalShape(t *testing.T) {
	q, c := testQuotas(t, QuotaConfig{Sign: KindQuota{PerCaller: RateConfig{PerSecond: 0.5, Burst: 2}}})
	for range 2 {
		if err := q.allow(quotaSign, "perCaller", "0xA"); err != nil {
			t.Fatal(err)
		}
	}
	err := q.allow(quotaSign, "perCaller", "0xA")
	status, kind, code := apiErr(err)
	if status != http.StatusTooManyRequests || kind != "RateLimit" || code != "rate_limit_exceeded" {
		t.Fatalf("refusal: %d %s %s", status, kind, code)
	}
	if !strings.Contains(err.Error(), "quota.sign.perCaller") || !strings.Contains(err.Error(), "0xA") {
		t.Fatalf("message does not name the bucket: %v", err)
	}
	ce, _ := errors.AsType[*codedError](err)
	if ce.retryAfter != 2*time.Second {
		t.Fatalf("retryAfter %v, want 2s (one token at 0.5/s)", ce.retryAfter)
	}
	if err := q.allow(quotaSign, "perCaller", "0xB"); err != nil {
		t.Fatalf("another caller refused: %v", err)
	}
	if err := q.allow(quotaSign, "perPkp", "0xA"); err != nil {
		t.Fatalf("another class refused: %v", err)
	}
	c.t = c.t.Add(2 * time.Second)
	if err := q.allow(quotaSign, "perCaller", "0xA"); err != nil {
		t.Fatalf("refused after Retry-After: %v", err)
	}

	// Through endpoint(): the header and the body.
	n := testAPINode(100)
	n.quota, _ = testQuotas(t, QuotaConfig{Sign: KindQuota{PerIP: RateConfig{PerSecond: 0.25, Burst: 1}}, RefusalDelay: Duration(150 * time.Millisecond)})
	reached := 0
	h := n.endpoint("pkp_sign", func(w http.ResponseWriter, r *http.Request) (any, error) {
		reached++
		return map[string]bool{"success": true}, nil
	})
	if a := serve(h, "192.0.2.1:1000", "{}"); a.status != http.StatusOK {
		t.Fatalf("first: %d %s", a.status, a.raw)
	}
	start := time.Now()
	a := serve(h, "192.0.2.1:1001", "{}")
	if held := time.Since(start); held < 150*time.Millisecond {
		t.Fatalf("refusal answered after %v, before quota.refusalDelay of 150ms", held)
	}
	if a.status != http.StatusTooManyRequests || a.body.Code != "rate_limit_exceeded" || a.body.Kind != "RateLimit" ||
		a.body.Status != 429 || a.header.Get("Retry-After") != "4" || a.body.CorrelationID != "lit_test" ||
		!strings.Contains(a.body.Message, "quota.sign.perIp") {
		t.Fatalf("second from the address: %d %v %s", a.status, a.header, a.raw)
	}
	if reached != 1 {
		t.Fatalf("handler reached %d times, want 1: the per-IP refusal must come before it", reached)
	}
	if a := serve(h, "192.0.2.2:1000", "{}"); a.status != http.StatusOK {
		t.Fatalf("another address: %d %s", a.status, a.raw)
	}
	// Endpoints without a kind (handshake) draw from no bucket.
	hs := n.endpoint("handshake", func(w http.ResponseWriter, r *http.Request) (any, error) { return struct{}{}, nil })
	for range 5 {
		if a := serve(hs, "192.0.2.1:1000", "{}"); a.status != http.StatusOK {
			t.Fatalf("handshake limited: %d %s", a.status, a.raw)
		}
	}
}

func TestQuotaHoldSigning(t *testing.T) {
	q, _ := testQuotas(t, QuotaConfig{MaxBoundPresignatures: 2})
	r1, err1 := q.holdSigning("0xA")
	_, err2 := q.holdSigning("0xA")
	_, err3 := q.holdSigning("0xA")
	if err1 != nil || err2 != nil || err3 == nil || !strings.Contains(err3.Error(), "quota.maxBoundPresignatures") {
		t.Fatalf("holds: %v %v %v", err1, err2, err3)
	}
	if _, _, code := apiErr(err3); code != "rate_limit_exceeded" {
		t.Fatalf("code %s", code)
	}
	if _, err := q.holdSigning("0xB"); err != nil {
		t.Fatalf("another caller: %v", err)
	}
	r1()
	if _, err := q.holdSigning("0xA"); err != nil {
		t.Fatalf("after a release: %v", err)
	}
}

// Actions: a cap on those running at once per caller, and a budget of
// worker seconds charged when each ends.
func TestQuotaActions(t *testing.T) {
	q, c := testQuotas(t, QuotaConfig{MaxConcurrentActions: 2, ActionSeconds: 30, ActionWindow: Duration(time.Minute)})
	d1, err1 := q.startAction("0xA")
	d2, err2 := q.startAction("0xA")
	_, err3 := q.startAction("0xA")
	if err1 != nil || err2 != nil || err3 == nil || !strings.Contains(err3.Error(), "quota.maxConcurrentActions") {
		t.Fatalf("starts: %v %v %v", err1, err2, err3)
	}
	if _, err := q.startAction("0xB"); err != nil {
		t.Fatalf("another caller: %v", err)
	}
	d1(30 * time.Second) // a while(1){} to the timeout spends the budget
	d2(30 * time.Second) // and the second one runs it into debt
	_, err := q.startAction("0xA")
	if err == nil || !strings.Contains(err.Error(), "quota.actionSeconds") {
		t.Fatalf("over the budget: %v", err)
	}
	ce, _ := errors.AsType[*codedError](err)
	if ce.retryAfter < 59*time.Second || ce.retryAfter > 61*time.Second {
		t.Fatalf("retryAfter %v, want ~60s (30 s of debt at 0.5 s/s)", ce.retryAfter)
	}
	c.t = c.t.Add(61 * time.Second)
	if d, err := q.startAction("0xA"); err != nil {
		t.Fatalf("after the window: %v", err)
	} else {
		d(0)
	}
}

// Disabled quotas (and a nil *quotas) refuse nothing.
func TestQuotaDisabled(t *testing.T) {
	var nilQ *quotas
	q, _ := testQuotas(t, QuotaConfig{Disabled: true, Sign: KindQuota{PerCaller: RateConfig{PerSecond: 1, Burst: 1}}, MaxBoundPresignatures: 1, MaxConcurrentActions: 1})
	for _, qq := range []*quotas{nilQ, q} {
		for range 10 {
			if err := qq.allow(quotaSign, "perCaller", "0xA"); err != nil {
				t.Fatal(err)
			}
			if _, err := qq.holdSigning("0xA"); err != nil {
				t.Fatal(err)
			}
			if _, err := qq.startAction("0xA"); err != nil {
				t.Fatal(err)
			}
		}
	}
}
