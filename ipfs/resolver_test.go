package ipfs

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestStore(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenStore(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	code := []byte(`(async () => { Lit.Actions.setResponse({response: "hi"}) })()`)
	c, err := s.Put(code)
	if err != nil {
		t.Fatal(err)
	}
	if c != Sum(code) {
		t.Fatalf("Put returned %s, want %s", c, Sum(code))
	}
	if !s.Has(c) {
		t.Fatal("Has = false after Put")
	}
	got, err := s.Get(c, 0)
	if err != nil || !bytes.Equal(got, code) {
		t.Fatalf("Get = %q, %v", got, err)
	}
	if _, err := s.Put(code); err != nil {
		t.Fatalf("second Put: %v", err)
	}
	// Nothing but the content file is left behind (no temporary files).
	entries, _ := os.ReadDir(filepath.Join(dir, "store"))
	if len(entries) != 1 || entries[0].Name() != c.String() {
		t.Fatalf("store dir holds %v", entries)
	}
	if _, err := s.Get(c, int64(len(code)-1)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Get over limit: %v", err)
	}
	if _, err := s.Get(Sum([]byte("absent")), 0); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get absent: %v", err)
	}
	if _, err := s.Get(CID{}, 0); !errors.Is(err, ErrBadCID) {
		t.Fatalf("Get zero CID: %v", err)
	}
	// Reopening finds the content again (it is on disk, not in memory).
	s2, err := OpenStore(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s2.Get(c, 0); err != nil || !bytes.Equal(got, code) {
		t.Fatalf("reopened Get = %q, %v", got, err)
	}
	// A file edited on disk no longer matches its name.
	if err := os.WriteFile(filepath.Join(dir, "store", c.String()), []byte("tampered"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(c, 0); !errors.Is(err, ErrMismatch) {
		t.Fatalf("Get of tampered file: %v", err)
	}
}

func TestStoreConcurrentPut(t *testing.T) {
	s, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := stream("concurrent", 3*ChunkSize)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := s.Put(data); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if got, err := s.Get(Sum(data), 0); err != nil || !bytes.Equal(got, data) {
		t.Fatalf("Get after concurrent Puts: %v", err)
	}
}

// gatewayServer serves content by CID the way an IPFS gateway does, with
// knobs for misbehaviour.
type gatewayServer struct {
	*httptest.Server
	mu      sync.Mutex
	content map[string][]byte // path CID -> bytes to send
	status  int               // if non-zero, answer every request with it
	delay   time.Duration
	hits    atomic.Int32
}

func newGatewayServer(t *testing.T) *gatewayServer {
	g := &gatewayServer{content: map[string][]byte{}}
	g.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.hits.Add(1)
		g.mu.Lock()
		status, delay := g.status, g.delay
		data, ok := g.content[strings.TrimPrefix(r.URL.Path, "/ipfs/")]
		g.mu.Unlock()
		if delay > 0 {
			select {
			case <-time.After(delay):
			case <-r.Context().Done():
				return
			}
		}
		if status != 0 {
			w.WriteHeader(status)
			return
		}
		if r.Method != http.MethodGet || !strings.HasPrefix(r.URL.Path, "/ipfs/") || !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.Write(data)
	}))
	t.Cleanup(g.Close)
	return g
}

func (g *gatewayServer) set(status int, delay time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.status, g.delay = status, delay
}

func (g *gatewayServer) serve(c CID, data []byte) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.content[c.String()] = data
}

func mustGateway(t *testing.T, url string, timeout time.Duration) *Gateway {
	t.Helper()
	g, err := NewGateway(url, nil, timeout)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGatewayFetch(t *testing.T) {
	srv := newGatewayServer(t)
	code := stream("action", ChunkSize+100) // two chunks: a real DAG
	c := Sum(code)
	srv.serve(c, code)
	g := mustGateway(t, srv.URL, time.Second)
	ctx := context.Background()

	got, err := g.Fetch(ctx, c, 1<<20)
	if err != nil || !bytes.Equal(got, code) {
		t.Fatalf("Fetch: %v", err)
	}
	if _, err := g.Fetch(ctx, c, int64(len(code)-1)); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("over limit: %v", err)
	}
	if _, err := g.Fetch(ctx, Sum([]byte("other")), 1<<20); !errors.Is(err, ErrNotFound) {
		t.Fatalf("absent: %v", err)
	}
	// A gateway that sends other bytes under the CID is refused.
	evil := Sum([]byte("what the client asked for"))
	srv.serve(evil, []byte("something else"))
	if _, err := g.Fetch(ctx, evil, 1<<20); !errors.Is(err, ErrMismatch) {
		t.Fatalf("wrong content: %v", err)
	}
	if _, err := g.Fetch(ctx, CID{}, 1<<20); !errors.Is(err, ErrBadCID) {
		t.Fatalf("zero CID: %v", err)
	}
	if _, err := g.Fetch(ctx, c, 0); err == nil {
		t.Fatal("Fetch without a size limit accepted")
	}
}

func TestGatewayBasePath(t *testing.T) {
	var path string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		path = r.URL.Path
		w.Write([]byte("hello world\n"))
	}))
	defer srv.Close()
	g := mustGateway(t, srv.URL+"/prefix/", time.Second)
	if _, err := g.Fetch(context.Background(), MustParse(helloCID), 100); err != nil {
		t.Fatal(err)
	}
	if path != "/prefix/ipfs/"+helloCID {
		t.Fatalf("requested %s", path)
	}
}

func TestGatewayLyingLength(t *testing.T) {
	// No Content-Length, body larger than the limit: the reader stops at it.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.(http.Flusher).Flush()
		for range 64 {
			w.Write(make([]byte, 1024))
		}
	}))
	defer srv.Close()
	g := mustGateway(t, srv.URL, time.Second)
	if _, err := g.Fetch(context.Background(), MustParse(helloCID), 4096); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("err = %v, want ErrTooLarge", err)
	}
}

func TestGatewayFailures(t *testing.T) {
	srv := newGatewayServer(t)
	c := Sum([]byte("x"))
	srv.serve(c, []byte("x"))

	srv.set(http.StatusBadGateway, 0)
	g := mustGateway(t, srv.URL, time.Second)
	if _, err := g.Fetch(context.Background(), c, 100); !errors.Is(err, ErrGateway) {
		t.Fatalf("502: %v", err)
	}
	srv.set(0, 2*time.Second)
	g = mustGateway(t, srv.URL, 50*time.Millisecond)
	start := time.Now()
	_, err := g.Fetch(context.Background(), c, 100)
	if !errors.Is(err, ErrGateway) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("slow gateway: %v", err)
	}
	if time.Since(start) > time.Second {
		t.Fatal("timeout not applied")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := mustGateway(t, srv.URL, time.Second).Fetch(ctx, c, 100); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled context: %v", err)
	}
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	if _, err := mustGateway(t, closed.URL, time.Second).Fetch(context.Background(), c, 100); !errors.Is(err, ErrGateway) {
		t.Fatalf("closed server: %v", err)
	}
}

func TestNewGatewayRejects(t *testing.T) {
	for _, u := range []string{"", "ftp://x", "http://", "/ipfs", "http://h/?q=1", "://bad"} {
		if _, err := NewGateway(u, nil, 0); err == nil {
			t.Errorf("NewGateway(%q) accepted", u)
		}
	}
}

func TestResolver(t *testing.T) {
	ctx := context.Background()
	down := newGatewayServer(t)
	down.set(http.StatusServiceUnavailable, 0)
	liar := newGatewayServer(t)
	good := newGatewayServer(t)
	code := stream("resolver", 2*ChunkSize+5)
	c := Sum(code)
	liar.serve(c, []byte("not the code"))
	good.serve(c, code)

	store, err := OpenStore(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	fetchedDir := t.TempDir()
	fetched, err := OpenDiskCache(fetchedDir, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	r := &Resolver{
		Store:    store,
		Fetched:  fetched,
		Gateways: []*Gateway{mustGateway(t, down.URL, time.Second), mustGateway(t, liar.URL, time.Second), mustGateway(t, good.URL, time.Second)},
		Cache:    NewCache(1 << 20),
		MaxSize:  1 << 20,
	}
	got, err := r.Get(ctx, c)
	if err != nil || !bytes.Equal(got, code) {
		t.Fatalf("Get: %v", err)
	}
	// Kept in the disk and memory caches, not in the operator's store: no
	// gateway is asked again.
	if _, n := fetched.Size(); n != 1 || r.Cache.Len() != 1 {
		t.Fatal("fetched content not kept")
	}
	if store.Has(c) {
		t.Fatal("fetched content written to the operator's store")
	}
	hits := good.hits.Load()
	if got, err := r.Get(ctx, c); err != nil || !bytes.Equal(got, code) {
		t.Fatalf("cached Get: %v", err)
	}
	if good.hits.Load() != hits {
		t.Fatal("cached content fetched again")
	}

	// A fresh resolver over the same disk cache serves it without any gateway.
	reopened, err := OpenDiskCache(fetchedDir, 1<<20)
	if err != nil {
		t.Fatal(err)
	}
	r2 := &Resolver{Store: store, Fetched: reopened, MaxSize: 1 << 20}
	if got, err := r2.Get(ctx, c); err != nil || !bytes.Equal(got, code) {
		t.Fatalf("disk cache Get: %v", err)
	}

	// Content nobody has.
	absent := Sum([]byte("absent"))
	r3 := &Resolver{Gateways: []*Gateway{mustGateway(t, good.URL, time.Second)}, MaxSize: 100}
	if _, err := r3.Get(ctx, absent); !errors.Is(err, ErrNotFound) {
		t.Fatalf("absent: %v", err)
	}
	// Only the liar has it: mismatch, not found.
	lie := Sum([]byte("real"))
	liar.serve(lie, []byte("fake"))
	r4 := &Resolver{Gateways: []*Gateway{mustGateway(t, liar.URL, time.Second), mustGateway(t, down.URL, time.Second)}, MaxSize: 100}
	_, err = r4.Get(ctx, lie)
	if !errors.Is(err, ErrMismatch) || !errors.Is(err, ErrGateway) || errors.Is(err, ErrNotFound) {
		t.Fatalf("liar+down: %v", err)
	}
	// Too large everywhere.
	r5 := &Resolver{Gateways: []*Gateway{mustGateway(t, good.URL, time.Second)}, MaxSize: 1000}
	if _, err := r5.Get(ctx, c); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("too large: %v", err)
	}
	if _, err := (&Resolver{}).Get(ctx, c); err == nil {
		t.Fatal("resolver without MaxSize accepted")
	}
}

func TestResolverSharesFetches(t *testing.T) {
	srv := newGatewayServer(t)
	srv.set(0, 100*time.Millisecond)
	code := []byte("shared")
	c := Sum(code)
	srv.serve(c, code)
	r := &Resolver{Gateways: []*Gateway{mustGateway(t, srv.URL, 5*time.Second)}, MaxSize: 100}
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			if got, err := r.Get(context.Background(), c); err != nil || !bytes.Equal(got, code) {
				t.Errorf("Get: %v", err)
			}
		})
	}
	wg.Wait()
	if n := srv.hits.Load(); n != 1 {
		t.Fatalf("%d gateway requests for 10 concurrent Gets, want 1", n)
	}

	// A caller that gives up stops waiting, without failing the others.
	c2 := Sum([]byte("later"))
	srv.serve(c2, []byte("later"))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	if _, err := r.Get(ctx, c2); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("impatient caller: %v", err)
	}
	if got, err := r.Get(context.Background(), c2); err != nil || string(got) != "later" {
		t.Fatalf("patient caller: %v", err)
	}
}

func TestCacheEviction(t *testing.T) {
	k := NewCache(10)
	a, b, c := Sum([]byte("a")), Sum([]byte("b")), Sum([]byte("c"))
	k.add(a, []byte("aaaa"))
	k.add(b, []byte("bbbb"))
	k.Get(a) // a is now the most recent
	k.add(c, []byte("cccc"))
	if _, ok := k.Get(b); ok {
		t.Fatal("least recently used entry kept")
	}
	if _, ok := k.Get(a); !ok {
		t.Fatal("recently used entry evicted")
	}
	k.add(Sum([]byte("big")), make([]byte, 11))
	if k.Len() != 2 {
		t.Fatalf("Len = %d after oversized add", k.Len())
	}
}
