package actions

import (
	"testing"
	"time"
)

// A worker past maxAge runs no more executions: it is replaced after one, and skipped when idle, so a
// worker's view of the resolver's files and CA roots (fixed when it was fenced in) never gets old.
func TestWorkerRetiredAfterMaxAge(t *testing.T) {
	p := newPool(t, 1)
	w, err := p.get()
	if err != nil {
		t.Fatal(err)
	}
	w.started = time.Now().Add(-maxAge - time.Second)
	p.put(w, true)
	select {
	case <-w.exited:
	case <-time.After(10 * time.Second):
		t.Fatal("a worker past its age was not stopped after its execution")
	}

	fresh, err := p.get()
	if err != nil {
		t.Fatal(err)
	}
	if fresh == w {
		t.Fatal("the retired worker was handed out again")
	}
	p.put(fresh, true)
	fresh.started = time.Now().Add(-maxAge - time.Second) // grows old while idle
	next, err := p.get()
	if err != nil {
		t.Fatal(err)
	}
	defer p.put(next, true)
	if next == fresh || next.expired() {
		t.Fatal("an idle worker past its age was handed out")
	}
	select {
	case <-fresh.exited:
	case <-time.After(10 * time.Second):
		t.Fatal("an idle worker past its age was not stopped")
	}
}

func TestParseUser(t *testing.T) {
	for _, c := range []struct {
		in       string
		uid, gid uint32
		ok       bool
	}{
		{"", 65534, 65534, true},
		{"1001:1002", 1001, 1002, true},
		{"0:0", 0, 0, false},
		{"1001:0", 0, 0, false},
		{"0:1001", 0, 0, false},
		{"nobody", 0, 0, false},
		{"nobody:nogroup", 0, 0, false},
		{"-1:5", 0, 0, false},
		{"4294967296:5", 0, 0, false},
	} {
		u, err := parseUser(c.in)
		if (err == nil) != c.ok || (c.ok && (u.uid != c.uid || u.gid != c.gid)) {
			t.Errorf("parseUser(%q) = %+v, %v", c.in, u, err)
		}
	}
}
