package acc

import (
	"context"
	"math/big"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
)

// RecentHead wraps a Chain so that the latest header is fetched at most once per maxAge and shared by all
// evaluations meanwhile: with a Cache, a repeated request then costs no chain call at all, and a new one
// a single call. The price is that conditions are read at a block at most maxAge older than the chain's
// latest (and timestamp conditions see that block's time); keep maxAge below the chain's block time.
func RecentHead(c Chain, maxAge time.Duration) Chain {
	return &recentHead{Chain: c, maxAge: maxAge, now: time.Now}
}

type recentHead struct {
	Chain
	maxAge time.Duration
	now    func() time.Time

	mu      sync.Mutex // held while fetching, so that concurrent callers share one fetch
	header  *types.Header
	fetched time.Time
}

func (r *recentHead) HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error) {
	if number != nil {
		return r.Chain.HeaderByNumber(ctx, number)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.header != nil && r.now().Sub(r.fetched) < r.maxAge {
		return r.header, nil
	}
	h, err := r.Chain.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, err
	}
	r.header, r.fetched = h, r.now()
	return h, nil
}
