package client

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Sentinels of a collector's parse and combine.
var (
	// errNeedMore is what combine answers when the shares it was given do
	// not combine but more shares of their group might.
	errNeedMore = errors.New("more shares needed")
	// errBadShare, wrapped by parse's error, says the answer parsed but its
	// share is wrong (for another key, message or index): the node is
	// blamed among the bad as well as failed.
	errBadShare = errors.New("bad share")
	// errNoShare, wrapped by parse's error, says the node rightly has no
	// share to give (it is not in the signer set): it is neither failed nor
	// bad, only counted in skipped.
	errNoShare = errors.New("no share")
)

// sourced is a share with the node it came from.
type sourced[S any] struct {
	url   string
	share S
}

// piece is one node's parsed answer: its share, the index the share claims,
// and the group of shares it can combine with (one epoch, one unsigned
// token; struct{} when all shares can).
type piece[G, K comparable, S any] struct {
	group G
	id    K
	share S
}

// collector gathers the shares that nodes answer to one request, as they
// arrive: it parses each answer, keeps the shares of each group apart, tries
// to combine a group once it holds enough shares, and stops at the first
// group that combines. At the end it says which nodes failed (refused, did
// not answer, answered what does not parse, or claimed an index another
// node's share of the group already had), which gave shares found bad, and
// why. Every call that combines shares uses one: Decrypt and SignedToken
// (BLS), DecryptWithPKP (ECDH shares), PKPSign (ECDSA), and Execute's
// signatures — which, waiting for every node anyway (the response most
// nodes agree on, the claims), sets enough out of reach so that only the
// largest agreeing group is tried, at the end.
//
// A collector is a description; collect runs it over one request's answers.
type collector[G, K comparable, S, R any] struct {
	// parse reads one node's answer. An error counts the node as failed
	// (see errBadShare and errNoShare for the two it treats otherwise).
	parse func(url string, body []byte) (piece[G, K, S], error)
	// enough is the number of shares of a group at which to try it.
	enough int
	// least, when below enough, is the fewest shares of a group worth a last
	// try when the answers end without a result (a combine that can succeed
	// with fewer shares than the first try waits for).
	least int
	// combine tries a group's shares. It returns the result; or errNeedMore
	// when more shares of the group might combine; or any other error, which
	// ends the collection (no share can help). Either way bad names the
	// shares found bad: they are dropped from the group and blamed.
	combine func(group G, shares []S) (result R, bad []K, err error)
	// badErr, when set, is the failure recorded for a node whose share was
	// found bad, besides naming it among the bad.
	badErr error
	// keepDups keeps a share claiming an index that another node's share of
	// its group already has in dups, for the caller to weigh (which of the
	// two lies is not known), instead of counting its node as failed.
	keepDups bool
	// ctx, when set, ends the wait for answers when it is done (collect then
	// returns its error); otherwise the answers are read until the channel
	// closes, each request ending with its own error.
	ctx context.Context
	// expect, when set, is the number of answers the channel carries: once
	// the answers still out cannot bring any group to least shares, the
	// rest are waited for only a while longer (hopelessLinger). Without it
	// a node that does not answer (cut off, or a corrupt one holding its
	// connection open) holds every request that already failed at the
	// others until its timeout — and PKPSign's retry with another leader
	// with it.
	expect int
}

// collected is what collect found.
type collected[G comparable, S, R any] struct {
	result R
	ok     bool // a group combined into result
	group  G    // the group that combined
	// shares are the group's shares that are not bad: the ones that
	// combined when ok, else those of the largest group.
	shares  []sourced[S]
	failed  []*NodeError
	bad     []string     // URLs of nodes whose shares were found bad, in order found
	skipped []string     // URLs of nodes that had no share to give (errNoShare)
	dups    []sourced[S] // shares of an index already given, when keepDups
	most    int          // the most shares a group held at the end (bad ones dropped)
}

// group is the shares of one group, with the node each came from.
type group[K comparable, S any] struct {
	ids    []K
	shares []S
	from   map[K]string
	tried  int // the number of shares last tried
}

// collect reads answers until a group combines, a combine fails for good, or
// the channel closes; then, without a result, it tries once more every group
// with at least least shares that changed since its last try, largest
// first. stop is called as soon as the result is known, so the requests
// still out can end; the answers left are drained in the background. The
// error is a combine's fatal error or the context's; running out of
// answers is not an error (ok is false).
func (c *collector[G, K, S, R]) collect(answers <-chan answer, stop func()) (*collected[G, S, R], error) {
	out := &collected[G, S, R]{}
	groups := map[G]*group[K, S]{}
	var order []G // groups in the order first seen, for a stable last try
	least := c.least
	if least <= 0 || least > c.enough {
		least = c.enough
	}
	var done <-chan struct{}
	if c.ctx != nil {
		done = c.ctx.Done()
	}
	finish := func() {
		stop()
		go func() { // the senders never block (the channel holds an answer per node), but read it all the same
			for range answers {
			}
		}()
	}
	// try combines g, drops and blames its bad shares; it reports a fatal
	// error, and whether g combined.
	try := func(gk G, g *group[K, S]) (bool, error) {
		g.tried = len(g.shares)
		res, bad, err := c.combine(gk, g.shares)
		if len(bad) > 0 {
			isBad := map[K]bool{}
			for _, b := range bad {
				isBad[b] = true
			}
			ids, shares := g.ids[:0], g.shares[:0]
			for i, id := range g.ids {
				if isBad[id] {
					out.bad = append(out.bad, g.from[id])
					if c.badErr != nil {
						out.failed = append(out.failed, &NodeError{URL: g.from[id], Err: c.badErr})
					}
					continue
				}
				ids, shares = append(ids, id), append(shares, g.shares[i])
			}
			g.ids, g.shares = ids, shares
			g.tried = len(g.shares)
		}
		switch {
		case err == nil:
			out.result, out.ok, out.group = res, true, gk
			return true, nil
		case errors.Is(err, errNeedMore):
			return false, nil
		default:
			return false, err
		}
	}
	received := 0
	// hopeless reports that no group can reach least shares with the
	// answers still out (a kept duplicate may still combine: it counts).
	hopeless := func() bool {
		if c.expect <= 0 {
			return false
		}
		most := 0
		for _, g := range groups {
			most = max(most, len(g.shares))
		}
		return most+len(out.dups)+c.expect-received < least
	}
	start := time.Now()
	var linger <-chan time.Time
	for {
		if linger == nil && hopeless() {
			linger = time.After(hopelessLinger(time.Since(start)))
		}
		var a answer
		var more bool
		select {
		case a, more = <-answers:
		case <-done:
			finish()
			return out, c.ctx.Err()
		case <-linger:
			finish() // the answers still out are drained in the background
		}
		if !more {
			break
		}
		received++
		if a.err != nil {
			out.failed = append(out.failed, a.err)
			continue
		}
		p, err := c.parse(a.url, a.body)
		switch {
		case errors.Is(err, errNoShare):
			out.skipped = append(out.skipped, a.url)
			continue
		case errors.Is(err, errBadShare):
			out.bad = append(out.bad, a.url)
			fallthrough
		case err != nil:
			out.failed = append(out.failed, &NodeError{URL: a.url, Err: err})
			continue
		}
		g := groups[p.group]
		if g == nil {
			g = &group[K, S]{from: map[K]string{}}
			groups[p.group] = g
			order = append(order, p.group)
		}
		if other, dup := g.from[p.id]; dup {
			if c.keepDups {
				out.dups = append(out.dups, sourced[S]{a.url, p.share})
				continue
			}
			out.failed = append(out.failed, &NodeError{URL: a.url, Err: fmt.Errorf("share index %v, which %s gave too", p.id, other)})
			continue
		}
		g.from[p.id] = a.url
		g.ids, g.shares = append(g.ids, p.id), append(g.shares, p.share)
		if len(g.shares) < c.enough {
			continue
		}
		ok, err := try(p.group, g)
		if ok || err != nil {
			finish()
			out.most = len(g.shares)
			out.shares = g.sourced()
			return out, err
		}
	}
	stop()
	// No group combined as the answers came (or none could with the ones
	// still out): try what came, largest first.
	for {
		var best *group[K, S]
		var bestKey G
		for _, k := range order {
			g := groups[k]
			if len(g.shares) >= least && len(g.shares) > g.tried && (best == nil || len(g.shares) > len(best.shares)) {
				best, bestKey = g, k
			}
		}
		if best == nil {
			break
		}
		ok, err := try(bestKey, best)
		if ok || err != nil {
			out.most = len(best.shares)
			out.shares = best.sourced()
			return out, err
		}
	}
	for _, k := range order {
		if g := groups[k]; len(g.shares) > out.most {
			out.most, out.shares = len(g.shares), g.sourced()
		}
	}
	return out, nil
}

// hopelessLinger is how much longer a collection that can no longer
// combine waits for the answers still out, after elapsed: long enough that
// the refusals of nodes answering alike all arrive (a caller is told every
// node's reason), short against a client timeout of a minute.
func hopelessLinger(elapsed time.Duration) time.Duration { return 2*time.Second + elapsed }

// sourced returns g's shares with their nodes.
func (g *group[K, S]) sourced() []sourced[S] {
	out := make([]sourced[S], len(g.shares))
	for i, s := range g.shares {
		out[i] = sourced[S]{g.from[g.ids[i]], s}
	}
	return out
}
