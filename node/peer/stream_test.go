package peer

import (
	"fmt"
	"testing"
	"time"
)

// Messages on a stream reach the peer's handler in order, as the sender
// (its TLS identity, not anything in the message); a stream whose peer
// restarted opens anew; shutting down with streams open is quick.
func TestStream(t *testing.T) {
	d := newDir()
	a := start(t, d, 1, opts{})
	key := newKey(t)
	b := start(t, d, 2, opts{key: key})
	ctx := ctxT(t, 10*time.Second)
	s, err := a.Stream(2, "sign")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 100 {
		if err := s.Send(ctx, fmt.Appendf(nil, "m%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, "100 messages", func() bool { return len(b.received()) == 100 })
	for i, r := range b.received() {
		if r.from != 1 || r.kind != "sign" || r.body != fmt.Sprintf("m%d", i) {
			t.Fatalf("message %d: %+v", i, r)
		}
	}
	if _, err := a.Stream(2, "Bad/Kind"); err == nil {
		t.Fatal("a bad kind opened a stream")
	}
	if err := s.Send(ctx, make([]byte, DefaultMaxBody+1)); err == nil {
		t.Fatal("a message over the limit was sent")
	}

	// Node 2 restarts on the same address: the next messages open a new
	// stream (the first may be lost with the old connection).
	addr := b.Addr().String()
	start0 := time.Now()
	b.stop(t)
	if took := time.Since(start0); took > 3*time.Second {
		t.Fatalf("shutdown with a stream open took %v", took)
	}
	c := start(t, d, 2, opts{key: key, listen: addr})
	eventually(t, "a message on a new stream", func() bool {
		_ = s.Send(ctx, []byte("again"))
		return len(c.received()) > 0
	})
	s.Close()
}
