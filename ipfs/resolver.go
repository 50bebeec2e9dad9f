package ipfs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"golang.org/x/sync/singleflight"
)

// Resolver finds content by CID the way a node needs it for Actions: the
// in-memory cache, then the local store, then the disk cache of earlier
// fetches, then each gateway in order. Content fetched from a gateway is
// verified, then kept in the memory and disk caches, never in the store:
// the store holds what the operator published, the caches what callers
// asked for, within their quotas.
// Concurrent requests for one CID share a single fetch.
type Resolver struct {
	// Store holds local content the operator published. Optional.
	Store *Store
	// Fetched keeps content fetched from gateways on disk. Optional.
	Fetched *DiskCache
	// Gateways are tried in order until one returns verified content.
	Gateways []*Gateway
	// Cache keeps recently used content in memory. Optional.
	Cache *Cache
	// MaxSize bounds the content of one CID in bytes; it must be > 0.
	MaxSize int64
	// Logger receives one line per failed gateway attempt. Optional.
	Logger *slog.Logger

	flight singleflight.Group
}

// Get returns the content of c. The returned slice may be shared with the
// cache and must not be modified. Errors: ErrBadCID, ErrNotFound (no source
// has it), ErrTooLarge, ErrMismatch (a gateway sent other content), or
// ErrGateway; when several gateways fail, each failure is joined into the
// error, so errors.Is finds every kind that occurred.
func (r *Resolver) Get(ctx context.Context, c CID) ([]byte, error) {
	if c.IsZero() {
		return nil, fmt.Errorf("%w: zero CID", ErrBadCID)
	}
	if r.MaxSize <= 0 {
		return nil, errors.New("ipfs: Resolver.MaxSize must be > 0")
	}
	if r.Cache != nil {
		if data, ok := r.Cache.Get(c); ok {
			if int64(len(data)) > r.MaxSize {
				return nil, fmt.Errorf("%w: %s holds %d bytes, limit %d", ErrTooLarge, c, len(data), r.MaxSize)
			}
			return data, nil
		}
	}
	// The shared fetch runs detached from any one caller's cancellation (each
	// gateway attempt has its own timeout); every caller still stops waiting
	// when its own context ends.
	ch := r.flight.DoChan(c.String(), func() (any, error) {
		return r.resolve(context.WithoutCancel(ctx), c)
	})
	select {
	case res := <-ch:
		if res.Err != nil {
			return nil, res.Err
		}
		return res.Val.([]byte), nil
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: %s: %w", ErrGateway, c, ctx.Err())
	}
}

func (r *Resolver) resolve(ctx context.Context, c CID) ([]byte, error) {
	var errs []error
	if r.Store != nil {
		data, err := r.Store.Get(c, r.MaxSize)
		if err == nil {
			r.remember(c, data, false)
			return data, nil
		}
		if !errors.Is(err, ErrNotFound) {
			// A damaged local copy is reported but does not stop the search.
			errs = append(errs, err)
		}
	}
	if r.Fetched != nil {
		data, err := r.Fetched.Get(c, r.MaxSize)
		if err == nil {
			r.remember(c, data, false)
			return data, nil
		}
		if !errors.Is(err, ErrNotFound) {
			errs = append(errs, err)
		}
	}
	for _, g := range r.Gateways {
		data, err := g.Fetch(ctx, c, r.MaxSize)
		if err == nil {
			r.remember(c, data, true)
			return data, nil
		}
		if r.Logger != nil {
			r.Logger.Warn("ipfs gateway fetch failed", "cid", c.String(), "gateway", g.String(), "err", err)
		}
		// Whatever this gateway sent (too much, the wrong bytes), another one
		// may still hold the real content.
		errs = append(errs, err)
	}
	notFound := true
	for _, err := range errs {
		notFound = notFound && isNotFound(err)
	}
	if notFound {
		return nil, fmt.Errorf("%w: %s (local store and %d gateways)", ErrNotFound, c, len(r.Gateways))
	}
	return nil, fmt.Errorf("ipfs: resolving %s: %w", c, errors.Join(errs...))
}

func (r *Resolver) remember(c CID, data []byte, fetched bool) {
	if r.Cache != nil {
		r.Cache.add(c, data)
	}
	if fetched && r.Fetched != nil {
		if err := r.Fetched.put(c, data); err != nil && r.Logger != nil {
			r.Logger.Warn("ipfs: keeping fetched content failed", "cid", c.String(), "err", err)
		}
	}
}
