package actions

import (
	"context"
	"encoding/json"
	"net/http"
	"runtime"
	"sync"
	"time"
)

// Request is one Action to run.
type Request struct {
	Code   []byte          // the JavaScript source
	CID    string          // the IPFS CID of Code ("Qm…"), which the node computed or checked the code against
	Params json.RawMessage // jsParams: a JSON object whose keys become globals; may be empty
	Auth   json.RawMessage // Lit.Auth: a JSON object; the runtime sets its actionIpfsIdStack
	// Call, if set, names a function of the code to call with string arguments once its top level
	// has run, as a LitAction access-control condition is run; Result.Response is then what the
	// function returned (awaited), as its toString(), and not what setResponse was given.
	Call *Call
}

// Result is what an execution produced. On failure only Logs is set.
type Result struct {
	Response   string                 // the last string given to setResponse ("" if none)
	Logs       string                 // console output of the Action and its children
	Signatures map[string]SignedShare // this node's shares, by sigName
	Claims     map[string]Claim       // claimed keys, by keyId
	// WorkerTime is how long the execution held a worker of a Pool (a worker
	// started for it included, the wait for a free one not): what the
	// node's per-caller budget of Action seconds is charged. Run leaves it 0.
	WorkerTime time.Duration
}

// Run runs req in this process and returns its Result; on failure the Result still holds the logs.
//
// Every limit is enforced as in a Pool except memory: Run interrupts the Action when the process's live
// heap has grown by more than lim.Memory since it started, which counts whatever else the process
// allocates meanwhile and cannot stop one huge allocation. Nodes run untrusted Actions in a Pool; Run
// serves tests, tools and the workers of a Pool.
func Run(ctx context.Context, host Host, req *Request, lim Limits) (*Result, error) {
	lim = lim.withDefaults()
	s := newSession(host, lim, req.CID)
	b := &localBackend{s: s}
	t := newTree(lim, b, httpClient())
	b.cb = t
	stop := watchMemory(lim.Memory, liveHeap(), func() {
		t.abort(memoryError(lim))
	})
	resp, err := t.execute(ctx, req)
	stop()
	return s.finish(resp, err)
}

func memoryError(lim Limits) error {
	return limitErr(ErrMemory, "Your function exceeded the maximum memory of %d MB and was terminated.", lim.Memory>>20)
}

// httpClient is the client of fetch, shared by all executions of the process.
var httpClient = sync.OnceValue(func() *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConnsPerHost = 4 * runtime.GOMAXPROCS(0)
	return &http.Client{Transport: t}
})
