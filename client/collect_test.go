package client

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A fake share: "group:index:value". A share is good when its value is
// "ok"; a group combines when it holds at least need good shares, naming
// the bad ones — as a threshold scheme with verifiable shares does.
func fakeCollector(need int) *collector[string, int, string, string] {
	return &collector[string, int, string, string]{
		parse: func(_ string, body []byte) (piece[string, int, string], error) {
			f := strings.Split(string(body), ":")
			if len(f) != 3 {
				return piece[string, int, string]{}, errors.New("not group:index:value")
			}
			i, err := strconv.Atoi(f[1])
			if err != nil {
				return piece[string, int, string]{}, err
			}
			return piece[string, int, string]{group: f[0], id: i, share: f[1] + "=" + f[2]}, nil
		},
		enough: need,
		combine: func(g string, shares []string) (string, []int, error) {
			var bad []int
			good := 0
			for _, s := range shares {
				id, v, _ := strings.Cut(s, "=")
				switch v {
				case "ok":
					good++
				case "fatal":
					return "", nil, errors.New("fatal share")
				default:
					i, _ := strconv.Atoi(id)
					bad = append(bad, i)
				}
			}
			if good < need {
				return "", bad, errNeedMore
			}
			return fmt.Sprintf("%s/%d", g, good), bad, nil
		},
	}
}

// fakeAnswers sends the answers on a channel like fanoutChan's, each after
// its delay, and reports whether stop was called.
func fakeAnswers(as []answer, delays []time.Duration) (<-chan answer, func(), *bool) {
	ch := make(chan answer, len(as))
	stopped := new(bool)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		defer close(ch)
		for i, a := range as {
			if i < len(delays) {
				select {
				case <-time.After(delays[i]):
				case <-ctx.Done():
					ch <- answer{url: a.url, err: &NodeError{URL: a.url, Err: ctx.Err()}}
					continue
				}
			}
			ch <- a
		}
	}()
	return ch, func() { *stopped = true; cancel() }, stopped
}

func ok(url, body string) answer { return answer{url: url, body: []byte(body)} }

func TestCollector(t *testing.T) {
	refused := answer{url: "n9", err: &NodeError{URL: "n9", Status: 403, Code: "NodeNotAuthorized"}}
	cases := []struct {
		name    string
		answers []answer
		ok      bool
		result  string
		bad     []string
		failed  []string // URLs, in order
		most    int
		fatal   bool
	}{
		{name: "first quorum wins",
			answers: []answer{ok("n1", "a:1:ok"), ok("n2", "a:2:ok"), ok("n3", "a:3:ok"), ok("n4", "a:4:ok")},
			ok:      true, result: "a/3", most: 3},
		{name: "bad share named, later answer completes",
			answers: []answer{ok("n1", "a:1:ok"), ok("n2", "a:2:evil"), ok("n3", "a:3:ok"), ok("n4", "a:4:ok")},
			ok:      true, result: "a/3", bad: []string{"n2"}, most: 3},
		{name: "duplicate index refused, not trusted",
			answers: []answer{ok("n1", "a:1:ok"), ok("n2", "a:1:ok"), ok("n3", "a:3:ok"), ok("n4", "a:4:ok")},
			ok:      true, result: "a/3", failed: []string{"n2"}, most: 3},
		{name: "unparsable and refused",
			answers: []answer{refused, ok("n1", "garbage"), ok("n2", "a:2:ok"), ok("n3", "a:3:ok"), ok("n4", "a:4:ok")},
			ok:      true, result: "a/3", failed: []string{"n9", "n1"}, most: 3},
		{name: "too few",
			answers: []answer{ok("n1", "a:1:ok"), refused, ok("n3", "a:3:ok")},
			failed:  []string{"n9"}, most: 2},
		{name: "too few good: bad named",
			answers: []answer{ok("n1", "a:1:ok"), ok("n2", "a:2:evil"), ok("n3", "a:3:ok"), ok("n4", "a:4:evil")},
			bad:     []string{"n2", "n4"}, most: 2},
		{name: "groups kept apart",
			answers: []answer{ok("n1", "a:1:ok"), ok("n2", "b:2:ok"), ok("n3", "a:3:ok"), ok("n4", "b:4:ok"), ok("n5", "b:5:ok")},
			ok:      true, result: "b/3", most: 3},
		{name: "same index in two groups is no duplicate",
			answers: []answer{ok("n1", "b:1:ok"), ok("n2", "a:1:ok"), ok("n3", "a:3:ok"), ok("n4", "a:4:ok")},
			ok:      true, result: "a/3", most: 3},
		{name: "fatal combine ends it",
			answers: []answer{ok("n1", "a:1:ok"), ok("n2", "a:2:ok"), ok("n3", "a:3:fatal"), ok("n4", "a:4:ok")},
			fatal:   true, most: 3},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ch, stop, stopped := fakeAnswers(tc.answers, nil)
			got, err := fakeCollector(3).collect(ch, stop)
			if (err != nil) != tc.fatal {
				t.Fatalf("err %v", err)
			}
			var failed []string
			for _, f := range got.failed {
				failed = append(failed, f.URL)
			}
			if got.ok != tc.ok || got.result != tc.result || !slices.Equal(got.bad, tc.bad) || !slices.Equal(failed, tc.failed) || got.most != tc.most {
				t.Fatalf("got ok=%v %q bad %v failed %v most %d", got.ok, got.result, got.bad, failed, got.most)
			}
			if !*stopped {
				t.Fatal("stop not called")
			}
		})
	}
}

// A slow node does not hold up the result: the collector stops at the first
// quorum and cancels the rest.
func TestCollectorSlowNode(t *testing.T) {
	as := []answer{ok("n1", "a:1:ok"), ok("n2", "a:2:ok"), ok("n3", "a:3:ok"), ok("slow", "a:4:ok")}
	ch, stop, stopped := fakeAnswers(as, []time.Duration{0, 0, 0, time.Hour})
	start := time.Now()
	got, err := fakeCollector(3).collect(ch, stop)
	if err != nil || !got.ok || got.result != "a/3" || !*stopped || time.Since(start) > 10*time.Second {
		t.Fatalf("%+v %v after %v", got, err, time.Since(start))
	}
}

// With a context, the wait ends when it is done.
func TestCollectorContext(t *testing.T) {
	as := []answer{ok("n1", "a:1:ok"), ok("slow", "a:2:ok")}
	ch := make(chan answer, len(as))
	ch <- as[0] // the second never comes
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	col := fakeCollector(2)
	col.ctx = ctx
	stopped := false
	got, err := col.collect(ch, func() { stopped = true; close(ch) })
	if !errors.Is(err, context.DeadlineExceeded) || got.ok || !stopped {
		t.Fatalf("%+v %v", got, err)
	}
}

// The last try: a combine that may succeed with fewer shares than the first
// try waits for (least < enough) gets them when the answers run out.
func TestCollectorLastTry(t *testing.T) {
	col := fakeCollector(2)
	col.enough = 3
	col.least = 2
	ch, stop, _ := fakeAnswers([]answer{ok("n1", "a:1:ok"), ok("n2", "b:2:ok"), ok("n3", "b:3:ok")}, nil)
	got, err := col.collect(ch, stop)
	if err != nil || !got.ok || got.result != "b/2" || got.group != "b" {
		t.Fatalf("%+v %v", got, err)
	}
	// Too few even so.
	ch, stop, _ = fakeAnswers([]answer{ok("n1", "a:1:ok"), ok("n2", "b:2:ok")}, nil)
	if got, err = col.collect(ch, stop); err != nil || got.ok || got.most != 1 {
		t.Fatalf("%+v %v", got, err)
	}
}

// badErr records a bad share's node among the failures too.
func TestCollectorBadErr(t *testing.T) {
	col := fakeCollector(2)
	col.badErr = errors.New("bad share")
	ch, stop, _ := fakeAnswers([]answer{ok("n1", "a:1:ok"), ok("n2", "a:2:evil"), ok("n3", "a:3:ok")}, nil)
	got, err := col.collect(ch, stop)
	if err != nil || !got.ok || len(got.failed) != 1 || got.failed[0].URL != "n2" || !errors.Is(got.failed[0], col.badErr) {
		t.Fatalf("%+v %v", got, err)
	}
}

// A node with no share is skipped, not failed; a share parse finds wrong is
// blamed; with keepDups a second share of an index is kept aside; the
// shares that combined are given with their nodes.
func TestCollectorSkipBadDups(t *testing.T) {
	col := fakeCollector(3)
	parse := col.parse
	col.parse = func(url string, body []byte) (piece[string, int, string], error) {
		switch string(body) {
		case "none":
			return piece[string, int, string]{}, errNoShare
		case "wrong":
			return piece[string, int, string]{}, fmt.Errorf("%w: for another key", errBadShare)
		}
		return parse(url, body)
	}
	col.keepDups = true
	as := []answer{ok("n0", "none"), ok("n1", "a:1:ok"), ok("n2", "wrong"), ok("n3", "a:1:ok"), ok("n4", "a:4:evil"), ok("n5", "a:5:ok"), ok("n6", "a:6:ok")}
	ch, stop, _ := fakeAnswers(as, nil)
	got, err := col.collect(ch, stop)
	if err != nil || !got.ok || got.result != "a/3" {
		t.Fatalf("%+v %v", got, err)
	}
	var from []string
	for _, s := range got.shares {
		from = append(from, s.url)
	}
	if !slices.Equal(got.skipped, []string{"n0"}) || !slices.Equal(got.bad, []string{"n2", "n4"}) ||
		len(got.failed) != 1 || got.failed[0].URL != "n2" || !errors.Is(got.failed[0], errBadShare) ||
		len(got.dups) != 1 || got.dups[0].url != "n3" || !slices.Equal(from, []string{"n1", "n5", "n6"}) {
		t.Fatalf("skipped %v bad %v failed %v dups %v shares %v", got.skipped, got.bad, got.failed, got.dups, from)
	}
	// Without a result, shares are the largest group's.
	ch, stop, _ = fakeAnswers([]answer{ok("n1", "a:1:ok"), ok("n2", "b:2:ok"), ok("n3", "b:3:ok")}, nil)
	if got, err = col.collect(ch, stop); err != nil || got.ok || len(got.shares) != 2 || got.shares[0].url != "n2" || got.most != 2 {
		t.Fatalf("%+v %v", got, err)
	}
}

// With expect set, the wait ends as soon as the answers still out cannot
// bring any group to a quorum: two refusals of four leave two shares at
// most, short of three, so a node that never answers does not hold the
// request (PKPSign's retry with another leader waits on this).
func TestCollectorHopeless(t *testing.T) {
	refused := func(url string) answer {
		return answer{url: url, err: &NodeError{URL: url, Code: "NodeLeaderUnreachable"}}
	}
	as := []answer{refused("n1"), refused("n2"), ok("n3", "a:3:ok"), ok("silent", "a:4:ok")}
	ch, stop, stopped := fakeAnswers(as, []time.Duration{0, 0, 0, time.Hour})
	col := fakeCollector(3)
	col.expect = len(as)
	done := make(chan struct{})
	var got *collected[string, string, string]
	var err error
	go func() { got, err = col.collect(ch, stop); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("the collector still waits for an answer that cannot help")
	}
	if err != nil || got.ok || !*stopped || len(got.failed) < 2 {
		t.Fatalf("%+v %v", got, err)
	}
	// Refusals that follow soon after are still recorded: the caller is told
	// every node's reason.
	as = []answer{refused("n1"), refused("n2"), refused("n3"), refused("n4")}
	ch, stop, _ = fakeAnswers(as, []time.Duration{0, 0, 300 * time.Millisecond, 300 * time.Millisecond})
	got, err = col.collect(ch, stop)
	if err != nil || got.ok || len(got.failed) != 4 {
		t.Fatalf("%+v %v", got, err)
	}
	// While a quorum is still possible it waits: one refusal of four leaves
	// three, and the late third share combines.
	as = []answer{refused("n1"), ok("n2", "a:2:ok"), ok("n3", "a:3:ok"), ok("late", "a:4:ok")}
	ch, stop, _ = fakeAnswers(as, []time.Duration{0, 0, 0, 100 * time.Millisecond})
	col.expect = len(as)
	got, err = col.collect(ch, stop)
	if err != nil || !got.ok || got.result != "a/3" {
		t.Fatalf("%+v %v", got, err)
	}
}
