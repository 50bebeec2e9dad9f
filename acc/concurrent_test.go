package acc

import (
	"context"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// lockedChain serialises a fake chain, which is not safe for concurrent use,
// so that only the package's own sharing is under test.
type lockedChain struct {
	mu sync.Mutex
	c  *fakeChain
}

func (l *lockedChain) HeaderByNumber(ctx context.Context, n *big.Int) (*types.Header, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.c.HeaderByNumber(ctx, n)
}

func (l *lockedChain) BalanceAt(ctx context.Context, a common.Address, n *big.Int) (*big.Int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.c.BalanceAt(ctx, a, n)
}

func (l *lockedChain) CallContract(ctx context.Context, m ethereum.CallMsg, n *big.Int) ([]byte, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.c.CallContract(ctx, m, n)
}

// Many requests evaluate one Conditions at once through a shared Cache and a
// shared RecentHead, as the node's handlers do: every result is right, and
// the shared head and cache keep the chain calls to a handful (run it with
// -race: scripts/test does).
func TestConcurrentEvaluate(t *testing.T) {
	fc, _, env := world()
	lc := &lockedChain{c: fc}
	env.Chains = ChainMap{"dev": RecentHead(lc, time.Hour)}
	env.Cache = NewCache(64)
	c := mustParse(t, EVMBasic, "["+balance(">", "0")+"]")
	var wg sync.WaitGroup
	errs := make(chan error, 8*50)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				res, err := Evaluate(context.Background(), c, env)
				if err == nil && !res.OK {
					err = errFailed(res)
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	lc.mu.Lock()
	defer lc.mu.Unlock()
	// One header and one balance read, and a few more balance reads from
	// requests that missed the cache while the first was still reading.
	if fc.calls < 2 || fc.calls > 2+8 {
		t.Fatalf("%d chain calls for 400 evaluations", fc.calls)
	}
}

type failedResult struct{ r Result }

func (f failedResult) Error() string { return f.r.Reason() }

func errFailed(r Result) error { return failedResult{r} }
