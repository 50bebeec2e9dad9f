package node

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/ipfs"
)

// A mail key names one value of one Action of one execution: any field that differs gives another key,
// and no two splits of the same text give one.
func TestMailKeyScope(t *testing.T) {
	scope := execScope{1}
	root := actions.Frame{CID: "QmRoot", Path: "0"}
	k := newMailKey(scope, root, tagBroadcast, "n")
	for name, other := range map[string]mailKey{
		"scope": newMailKey(execScope{2}, root, tagBroadcast, "n"),
		"path":  newMailKey(scope, actions.Frame{CID: "QmRoot", Path: "0.1"}, tagBroadcast, "n"),
		"cid":   newMailKey(scope, actions.Frame{CID: "QmChild", Path: "0"}, tagBroadcast, "n"),
		"tag":   newMailKey(scope, root, tagRunOnce, "n"),
		"name":  newMailKey(scope, root, tagBroadcast, "m"),
	} {
		if other == k {
			t.Errorf("keys differing in %s collide", name)
		}
	}
	if newMailKey(scope, root, "ab", "c") == newMailKey(scope, root, "a", "bc") ||
		newMailKey(scope, actions.Frame{CID: "1", Path: "0."}, tagBroadcast, "n") == newMailKey(scope, actions.Frame{CID: ".1", Path: "0"}, tagBroadcast, "n") {
		t.Fatal("ambiguous key")
	}
}

// Every node derives an execution's scope alike from the request; anything of the request that differs
// gives another scope.
func TestExecScope(t *testing.T) {
	pub, _, _ := ed25519.GenerateKey(nil)
	id := &auth.Identity{Address: common.HexToAddress("0x01"), SessionKey: pub}
	cid := ipfs.Sum([]byte("code"))
	s := newExecScope("lit_1", id, cid, []byte(`{"a": 1, "b": [1, 2]}`))
	if s != newExecScope("lit_1", id, cid, []byte(`{"a":1,"b":[1,2]}`)) {
		t.Fatal("the same parameters, spaced differently, give another scope")
	}
	other, _, _ := ed25519.GenerateKey(nil)
	for name, d := range map[string]execScope{
		"request id":  newExecScope("lit_2", id, cid, []byte(`{"a":1,"b":[1,2]}`)),
		"address":     newExecScope("lit_1", &auth.Identity{Address: common.HexToAddress("0x02"), SessionKey: pub}, cid, []byte(`{"a":1,"b":[1,2]}`)),
		"session key": newExecScope("lit_1", &auth.Identity{Address: id.Address, SessionKey: other}, cid, []byte(`{"a":1,"b":[1,2]}`)),
		"cid":         newExecScope("lit_1", id, ipfs.Sum([]byte("other code")), []byte(`{"a":1,"b":[1,2]}`)),
		"params":      newExecScope("lit_1", id, cid, []byte(`{"a":2,"b":[1,2]}`)),
		"no params":   newExecScope("lit_1", id, cid, nil),
	} {
		if d == s {
			t.Errorf("requests differing in %s share a scope", name)
		}
	}
}

// A request id runs one execution within the window; the set of ids is bounded.
func TestRecentRequests(t *testing.T) {
	now := time.Now()
	r := newRecentRequests(time.Minute, 4)
	if err := r.add("lit_a", now); err != nil {
		t.Fatal(err)
	}
	err := r.add("lit_a", now.Add(59*time.Second))
	if !errors.Is(err, errDuplicateRequest) {
		t.Fatalf("second execution of lit_a: %v", err)
	}
	if status, _, code := apiErr(requestRefused(err)); status != http.StatusConflict || code != "NodeDuplicateRequestId" {
		t.Fatalf("duplicate answers %d %s", status, code)
	}
	if !strings.Contains(err.Error(), `"lit_a"`) || !strings.Contains(err.Error(), "1m0s") {
		t.Fatalf("message %q", err)
	}
	// Past the window the id is forgotten.
	if err := r.add("lit_a", now.Add(61*time.Second)); err != nil {
		t.Fatalf("after the window: %v", err)
	}
	// At the bound, new ids are refused until old ones expire; nothing is evicted early.
	later := now.Add(2 * time.Minute)
	for i := range 3 {
		if err := r.add(fmt.Sprint("lit_b", i), later); err != nil {
			t.Fatal(err)
		}
	}
	err = r.add("lit_c", later)
	if !errors.Is(err, errTooManyRequests) {
		t.Fatalf("past the bound: %v", err)
	}
	if status, _, code := apiErr(requestRefused(err)); status != http.StatusServiceUnavailable || code != "NodeActionsBusy" {
		t.Fatalf("too many answers %d %s", status, code)
	}
	if err := r.add("lit_b0", later); !errors.Is(err, errDuplicateRequest) {
		t.Fatalf("a remembered id at the bound: %v", err)
	}
	// Memory stays bounded as ids come and go.
	for i := range 1000 {
		if err := r.add(fmt.Sprint("lit_d", i), later.Add(time.Duration(i+2)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if len(r.seen) > 4 || cap(r.queue) > 16 {
		t.Fatalf("%d ids, a queue of %d", len(r.seen), cap(r.queue))
	}
}

// An Action signs with the caller's PKPs only if the caller's session grants pkp-signing on the PKP;
// the grant is checked before anything is read from the chain (this node has no chain).
func TestActionSignNeedsSessionGrant(t *testing.T) {
	h := &actionHost{n: &Node{}, id: &auth.Identity{Address: common.HexToAddress("0x01"), Method: auth.MethodSession}}
	err := h.authorizeSign(context.Background(), big.NewInt(1), &actions.SignRequest{PublicKey: []byte{4}, Frame: actions.Frame{Path: "0"}})
	if !errors.Is(err, ErrNotPermitted) {
		t.Fatalf("err %v", err)
	}
	want := "Neither you nor this Lit Action are authorized to sign using this PKP: 0x04 (the caller's session does not grant pkp-signing on lit-pkp://" +
		strings.Repeat("0", 63) + "1)"
	if err.Error() != want {
		t.Fatalf("message %q\nwant    %q", err, want)
	}
}
