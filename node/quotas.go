package node

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/flint-network/flint/node/quota"
	"github.com/flint-network/flint/node/usage"
)

// QuotaConfig bounds what one caller may make the node do (the "quota"
// section of the config). A caller is the address a request authenticates
// as (a wallet or a PKP); besides, every PKP and every client address (an
// IPv6 /64) has buckets of its own, so neither many wallets on one address
// nor many addresses on one PKP get around them. A refusal answers 429
// rate_limit_exceeded with a Retry-After header.
//
// Every zero field takes its default; a negative rate (perSecond: -1) turns
// that one bucket off, and disabled turns every quota off.
type QuotaConfig struct {
	// Disabled turns every quota off (devnets, benchmarks, a node behind a
	// proxy that enforces its own).
	Disabled bool `json:"disabled"`
	// MaxKeys bounds the buckets the node keeps, all kinds together
	// (default 100000, some 10 MiB). Past it the least recently used is
	// forgotten, and that key starts again with a full bucket.
	MaxKeys int `json:"maxKeys"`
	// Sign: /web/pkp/sign. Defaults: perIp 50/s burst 100, perCaller and
	// perPkp 10/s burst 20 — a devnet makes 100–190 presignatures a second
	// network-wide, so no one caller or PKP can take them all.
	Sign KindQuota `json:"sign"`
	// Execute: /web/execute. Defaults: perIp 20/s burst 40, perCaller 2/s
	// burst 10; perPkp is not used (an Action's PKPs are known only as it
	// runs).
	Execute KindQuota `json:"execute"`
	// Decrypt: the decryption endpoints (/web/encryption/sign and
	// /flint/v1/pkp/decrypt share these buckets). Defaults: perIp 50/s
	// burst 100, perCaller 10/s burst 20, perPkp 10/s burst 20 (PKP
	// decryption only: a decryption under conditions names no PKP).
	Decrypt KindQuota `json:"decrypt"`
	// Claim: /web/pkp/claim, whose login checks may fetch an issuer's keys
	// or call an EIP-1271 wallet on chain. Defaults: perIp 10/s burst 20,
	// perCaller (the login's auth method id) 2/s burst 5; perPkp is not used.
	Claim KindQuota `json:"claim"`
	// MaxBoundPresignatures caps the signing requests one caller has at
	// this node at once, each of which holds a presignature bound (or being
	// bound) until its share is computed or the request ends (default 16).
	MaxBoundPresignatures int `json:"maxBoundPresignatures"`
	// MaxConcurrentActions caps the Actions one caller runs at once on this
	// node (default 2, half of actions.workers' default 4).
	MaxConcurrentActions int `json:"maxConcurrentActions"`
	// ActionSeconds is the worker time one caller's Actions may take per
	// ActionWindow (default 60 s per 60 s: on average one worker). An
	// execution runs while the caller's balance is positive and is charged
	// the time it held its worker when it ends, so one execution may overrun
	// the balance by up to actions.limits.timeout; the debt is then paid
	// back before the next.
	ActionSeconds float64  `json:"actionSeconds"`
	ActionWindow  Duration `json:"actionWindow"`
	// RefusalDelay holds a quota's refusal this long (at most its
	// Retry-After) before it is answered (default 1s; negative: at once).
	// A client that sends again as soon as it is answered, as a flood or a
	// retry loop does, then costs the node one cheap refusal per delay
	// instead of as many as it can send. The request keeps its place in
	// api.maxInFlightPerIP meanwhile, so the held refusals of one address are
	// bounded, and past that bound it is refused at once.
	RefusalDelay Duration `json:"refusalDelay"`
}

// KindQuota is the token buckets of one kind of request.
type KindQuota struct {
	PerIP     RateConfig `json:"perIp"`
	PerCaller RateConfig `json:"perCaller"`
	PerPKP    RateConfig `json:"perPkp"`
}

// RateConfig is a token bucket: Burst requests at once, refilled at
// PerSecond. A negative PerSecond turns the bucket off.
type RateConfig struct {
	PerSecond float64 `json:"perSecond"`
	Burst     int     `json:"burst"`
}

func (r *RateConfig) fill(perSecond float64, burst int) {
	if r.PerSecond == 0 {
		r.PerSecond = perSecond
	}
	if r.Burst == 0 {
		r.Burst = burst
	}
}

func (r RateConfig) rate() quota.Rate {
	if r.PerSecond < 0 {
		return quota.Rate{}
	}
	return quota.Rate{PerSecond: r.PerSecond, Burst: float64(r.Burst)}
}

// Quota defaults (see QuotaConfig).
const (
	defaultQuotaMaxKeys          = 100_000
	defaultMaxBoundPresignatures = 16
	defaultMaxConcurrentActions  = 2
	defaultActionSeconds         = 60
	defaultActionWindow          = 60 * time.Second
	defaultRefusalDelay          = time.Second
)

func (q *QuotaConfig) withDefaults() {
	if q.MaxKeys == 0 {
		q.MaxKeys = defaultQuotaMaxKeys
	}
	q.Sign.PerIP.fill(50, 100)
	q.Sign.PerCaller.fill(10, 20)
	q.Sign.PerPKP.fill(10, 20)
	q.Execute.PerIP.fill(20, 40)
	q.Execute.PerCaller.fill(2, 10)
	q.Decrypt.PerIP.fill(50, 100)
	q.Decrypt.PerCaller.fill(10, 20)
	q.Decrypt.PerPKP.fill(10, 20)
	q.Claim.PerIP.fill(10, 20)
	q.Claim.PerCaller.fill(2, 5)
	if q.MaxBoundPresignatures == 0 {
		q.MaxBoundPresignatures = defaultMaxBoundPresignatures
	}
	if q.MaxConcurrentActions == 0 {
		q.MaxConcurrentActions = defaultMaxConcurrentActions
	}
	if q.ActionSeconds == 0 {
		q.ActionSeconds = defaultActionSeconds
	}
	if q.ActionWindow == 0 {
		q.ActionWindow = Duration(defaultActionWindow)
	}
	if q.RefusalDelay == 0 {
		q.RefusalDelay = Duration(defaultRefusalDelay)
	}
}

func (q *QuotaConfig) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: quota."+format, append([]any{ErrConfig}, args...)...)
	}
	if q.MaxKeys < 1 {
		return bad("maxKeys %d must be positive", q.MaxKeys)
	}
	for _, k := range []struct {
		name string
		q    KindQuota
	}{{"sign", q.Sign}, {"execute", q.Execute}, {"decrypt", q.Decrypt}, {"claim", q.Claim}} {
		for _, r := range []struct {
			name string
			r    RateConfig
		}{{"perIp", k.q.PerIP}, {"perCaller", k.q.PerCaller}, {"perPkp", k.q.PerPKP}} {
			if r.r.PerSecond > 0 && r.r.Burst < 1 || math.IsNaN(r.r.PerSecond) || math.IsInf(r.r.PerSecond, 0) {
				return bad("%s.%s: perSecond %v, burst %d: the burst must be at least 1", k.name, r.name, r.r.PerSecond, r.r.Burst)
			}
		}
	}
	if q.MaxBoundPresignatures < 1 || q.MaxConcurrentActions < 1 {
		return bad("maxBoundPresignatures %d and maxConcurrentActions %d must be positive", q.MaxBoundPresignatures, q.MaxConcurrentActions)
	}
	if q.ActionSeconds <= 0 || math.IsInf(q.ActionSeconds, 0) || q.ActionWindow <= 0 {
		return bad("actionSeconds %v and actionWindow %v must be positive", q.ActionSeconds, time.Duration(q.ActionWindow))
	}
	return nil
}

// Request kinds a quota is kept for: those of the usage records
// (requestKinds), and decryption.
const (
	quotaSign    = usage.KindSign
	quotaExecute = usage.KindExecute
	quotaDecrypt = usage.KindDecrypt
	// quotaClaim has buckets but no usage records: a claim does no
	// threshold signing work.
	quotaClaim = "claim"
)

// quotas is the node's quota state.
type quotas struct {
	cfg     QuotaConfig
	buckets *quota.Limiter
	bound   *quota.Holdings // signing requests under way per caller
	running *quota.Holdings // Actions running per caller
}

func newQuotas(cfg QuotaConfig, now func() time.Time) (*quotas, error) {
	l, err := quota.New(cfg.MaxKeys, now)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrConfig, err)
	}
	return &quotas{cfg: cfg, buckets: l, bound: quota.NewHoldings(cfg.MaxBoundPresignatures),
		running: quota.NewHoldings(cfg.MaxConcurrentActions)}, nil
}

// kind returns the buckets of a kind of request.
func (q *quotas) kind(kind string) KindQuota {
	switch kind {
	case quotaSign:
		return q.cfg.Sign
	case quotaExecute:
		return q.cfg.Execute
	case quotaDecrypt:
		return q.cfg.Decrypt
	case quotaClaim:
		return q.cfg.Claim
	}
	return KindQuota{}
}

// allow takes a token for one request of kind from key's bucket of class
// ("perIp", "perCaller" or "perPkp"), or returns the refusal to answer.
func (q *quotas) allow(kind, class, key string) error {
	if q == nil || q.cfg.Disabled {
		return nil
	}
	var rc RateConfig
	var who string
	k := q.kind(kind)
	switch class {
	case "perIp":
		rc, who = k.PerIP, "from client address"
	case "perCaller":
		rc, who = k.PerCaller, "of caller"
	case "perPkp":
		rc, who = k.PerPKP, "with PKP"
	}
	ok, wait := q.buckets.Allow(quota.Bucket{Name: kind + "/" + class, Rate: rc.rate()}, key)
	if ok {
		return nil
	}
	return rateLimited(wait, fmt.Sprintf("%s requests %s %s: at most %v a second with a burst of %d (quota.%s.%s)",
		kind, who, key, rc.PerSecond, rc.Burst, kind, class))
}

// holdSigning counts a signing request of caller until release, or refuses
// it when the caller has maxBoundPresignatures under way at this node.
func (q *quotas) holdSigning(caller string) (release func(), err error) {
	if q == nil || q.cfg.Disabled {
		return func() {}, nil
	}
	if rel, ok := q.bound.Acquire(caller); ok {
		return rel, nil
	}
	return nil, rateLimited(time.Second, fmt.Sprintf("caller %s has %d signing requests, each holding a presignature, under way at this node (quota.maxBoundPresignatures); retry when one has answered",
		caller, q.bound.Max()))
}

// actionSeconds is the bucket of Action worker time.
func (q *quotas) actionSeconds() quota.Bucket {
	window := time.Duration(q.cfg.ActionWindow).Seconds()
	return quota.Bucket{Name: "execute/seconds", Rate: quota.Rate{PerSecond: q.cfg.ActionSeconds / window, Burst: q.cfg.ActionSeconds}}
}

// startAction admits an Action of caller: it has worker time left in the
// window and runs fewer than maxConcurrentActions. done charges the time
// the execution held its worker and ends it.
func (q *quotas) startAction(caller string) (done func(held time.Duration), err error) {
	if q == nil || q.cfg.Disabled {
		return func(time.Duration) {}, nil
	}
	b := q.actionSeconds()
	if ok, wait := q.buckets.Check(b, caller); !ok {
		return nil, rateLimited(wait, fmt.Sprintf("caller %s has used its %v seconds of Action worker time per %v (quota.actionSeconds, quota.actionWindow)",
			caller, q.cfg.ActionSeconds, time.Duration(q.cfg.ActionWindow)))
	}
	rel, ok := q.running.Acquire(caller)
	if !ok {
		return nil, rateLimited(time.Second, fmt.Sprintf("caller %s runs %d Actions at this node already (quota.maxConcurrentActions); retry when one has ended",
			caller, q.running.Max()))
	}
	return func(held time.Duration) {
		q.buckets.Charge(b, caller, held.Seconds())
		rel()
	}, nil
}

// holdRefusal waits before a quota's refusal is answered: RefusalDelay, at
// most the refusal's Retry-After, or until the client goes away.
func (q *quotas) holdRefusal(ctx context.Context, err error) {
	if q == nil || q.cfg.RefusalDelay <= 0 {
		return
	}
	ce, ok := errors.AsType[*codedError](err)
	if !ok || ce.code != codeRateLimit {
		return
	}
	t := time.NewTimer(min(time.Duration(q.cfg.RefusalDelay), ce.retryAfter))
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// rateLimited is a quota's refusal: 429 rate_limit_exceeded, as Lit's nodes
// answer a caller over its rate limit, with the wait for Retry-After.
func rateLimited(wait time.Duration, msg string) error {
	return &codedError{status: http.StatusTooManyRequests, kind: kindRateLimit, code: codeRateLimit,
		msg: "rate limit exceeded: " + msg, retryAfter: max(wait, time.Second)}
}

const (
	kindRateLimit = "RateLimit"
	codeRateLimit = "rate_limit_exceeded"
)
