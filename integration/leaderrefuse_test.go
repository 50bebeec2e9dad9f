package integration

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// A request's leader refuses it while the other nodes accept it (here: the
// leader gets a session signature made for another node, which it must
// refuse; in life, a permission revoked on chain that the leader read
// first). The others answer at once with 409 NodeLeaderRefused naming the
// leader's code, instead of waiting out the bind wait (5 s) for a binding
// that never comes and answering 503 NodeLeaderUnreachable.
func TestLeaderRefusalAnsweredPromptly(t *testing.T) {
	f := newSharedPKPFixture(t)
	urls := f.d.URLs()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for leader := 1; leader <= len(urls); leader++ {
		rid := requestLedBy(len(urls), uint32(leader))
		hash := sha256.Sum256([]byte(fmt.Sprint("refused by ", leader, rid)))
		type result struct {
			a    nodeAnswer
			took time.Duration
		}
		out := make([]result, len(urls))
		var wg sync.WaitGroup
		for i, u := range urls {
			sigFor := u
			if i+1 == leader {
				sigFor = urls[(i+1)%len(urls)]
			}
			body := nodeSignBody(t, sigFor, f.authSig, f.pubkey, hash, nil)
			wg.Add(1)
			go func() {
				defer wg.Done()
				start := time.Now()
				a, err := postNode(ctx, u, "/web/pkp/sign/v1", rid, body)
				if err != nil {
					t.Errorf("node %d: %v", i+1, err)
				}
				out[i] = result{a, time.Since(start)}
			}()
		}
		wg.Wait()
		lead := out[leader-1].a
		if lead.status < 400 || lead.status >= 500 || lead.code == "" {
			t.Fatalf("leader %d answered %d %s, want its refusal: %s", leader, lead.status, lead.code, lead.raw)
		}
		for i, r := range out {
			if i+1 == leader {
				continue
			}
			if r.a.status != http.StatusConflict || r.a.code != "NodeLeaderRefused" || !strings.Contains(r.a.raw, lead.code) ||
				!strings.Contains(r.a.raw, fmt.Sprintf("node %d", leader)) {
				t.Fatalf("node %d (leader %d answered %s): %d %s, want 409 NodeLeaderRefused naming the leader and %s: %s",
					i+1, leader, lead.code, r.a.status, r.a.code, lead.code, r.a.raw)
			}
			if r.took > 2*time.Second {
				t.Fatalf("node %d answered the leader's refusal after %v (the bind wait is 5 s)", i+1, r.took.Round(time.Millisecond))
			}
		}
		t.Logf("leader %d refused with %s; the others answered NodeLeaderRefused in %v, %v, %v", leader, lead.code,
			out[leader%len(urls)].took.Round(time.Millisecond), out[(leader+1)%len(urls)].took.Round(time.Millisecond), out[(leader+2)%len(urls)].took.Round(time.Millisecond))
	}
	// The refusals left nothing behind: the session still signs.
	res, err := f.cl.PKPSign(ctx, f.authSig, f.pubkey, sha256.Sum256([]byte("after the refusals")))
	if err != nil {
		t.Fatal(err)
	}
	verify(t, &res.Signature, f.pubkey)
}
