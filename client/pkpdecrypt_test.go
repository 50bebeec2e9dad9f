package client

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/flint-network/flint/crypto/pkpenc"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/wire"
)

// pkpNet is a fake network of n nodes holding a degree-t Shamir sharing of
// one PKP key, each answering /flint/v1/pkp/decrypt with a real
// pkpenc.DecryptionShare unless its behaviour says otherwise.
type pkpNet struct {
	pub    secp.Point
	shares []secp.Scalar // shares[i-1] is node i's
	asked  atomic.Int32
}

// behaviour of fake node i: nil answers honestly.
type behaviour func(i uint32, w http.ResponseWriter, honest *pkpenc.Share) bool

func newPKPNet(t *testing.T, n, th int) *pkpNet {
	t.Helper()
	coeffs := make([]secp.Scalar, th+1)
	for k := range coeffs {
		var err error
		if coeffs[k], err = secp.RandomScalar(nil); err != nil {
			t.Fatal(err)
		}
	}
	net := &pkpNet{pub: secp.BaseMult(&coeffs[0])}
	secp.ToAffine(&net.pub)
	for i := 1; i <= n; i++ {
		var x, z, acc secp.Scalar
		z.SetInt(uint32(i))
		for k := th; k >= 0; k-- { // Horner: f(i)
			acc.Mul(&z).Add(&coeffs[k])
		}
		x.Set(&acc)
		net.shares = append(net.shares, x)
	}
	return net
}

func (p *pkpNet) pubBytes() []byte {
	c := secp.Compress(&p.pub)
	return c[:]
}

// client starts the fake nodes and returns a client of them (t = th).
func (p *pkpNet) client(t *testing.T, th int, misbehave map[uint32]behaviour) *Client {
	t.Helper()
	c := &Client{http: http.DefaultClient, opts: Options{Timeout: 5 * time.Second}, index: map[string]uint32{},
		Quorum: 2*th + 1, Threshold: th, Epoch: 1}
	for k := range p.shares {
		i := uint32(k + 1)
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p.asked.Add(1)
			var req wire.PKPDecryptRequest
			if r.URL.Path != "/flint/v1/pkp/decrypt" || json.NewDecoder(r.Body).Decode(&req) != nil || len(req.AuthSig) == 0 {
				http.Error(w, "bad request", 400)
				return
			}
			hdr, _ := hex.DecodeString(req.Header)
			ct, err := pkpenc.ParseHeader(hdr)
			if err != nil || req.PKPPublicKey != hex.EncodeToString(p.pubBytes()) {
				http.Error(w, "bad header or key", 400)
				return
			}
			sh, err := pkpenc.DecryptionShare(&p.shares[i-1], i, &p.pub, ct)
			if err != nil {
				http.Error(w, err.Error(), 400)
				return
			}
			if b := misbehave[i]; b != nil && b(i, w, sh) {
				return
			}
			w.Header().Set("Content-Type", "application/json")
			json.NewEncoder(w).Encode(wire.PKPDecryptAnswer{Result: "success", Share: hex.EncodeToString(sh.Bytes()), ShareIndex: i, Epoch: 1})
		}))
		t.Cleanup(srv.Close)
		c.urls = append(c.urls, srv.URL)
		c.index[srv.URL] = i
	}
	return c
}

func refuse(code string) behaviour {
	return func(_ uint32, w http.ResponseWriter, _ *pkpenc.Share) bool {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintf(w, `{"errorCode":%q,"message":"no"}`, code)
		return true
	}
}

// lie answers D + G: a well-formed share that is wrong.
func lie(i uint32, w http.ResponseWriter, sh *pkpenc.Share) bool {
	var one secp.Scalar
	one.SetInt(1)
	g := secp.BaseMult(&one)
	secp.Add(&sh.D, &g, &sh.D)
	secp.ToAffine(&sh.D)
	json.NewEncoder(w).Encode(wire.PKPDecryptAnswer{Result: "success", Share: hex.EncodeToString(sh.Bytes()), ShareIndex: i, Epoch: 1})
	return true
}

func TestDecryptWithPKP(t *testing.T) {
	const n, th = 4, 1
	p := newPKPNet(t, n, th)
	secret := []byte("sell the NFT and the buyer reads this")
	aad := []byte("file.txt")
	ct, err := EncryptToPKP(p.pubBytes(), secret, aad)
	if err != nil {
		t.Fatal(err)
	}
	cred := WalletSig(`{"sig":"x"}`)
	ctx := context.Background()

	t.Run("Honest", func(t *testing.T) {
		c := p.client(t, th, nil)
		got, err := c.DecryptWithPKP(ctx, cred, p.pubBytes(), ct, aad)
		if err != nil || !bytes.Equal(got.Data, secret) || len(got.BadNodes) != 0 || got.Epoch != 1 {
			t.Fatalf("%+v, %v", got, err)
		}
	})
	t.Run("OneLiarNamed", func(t *testing.T) {
		// Node 4 answers late, so the first quorum holds the liar's share;
		// two honest shares in it open the ciphertext and agree with each
		// other (2t of them), which names the third.
		slow := func(uint32, http.ResponseWriter, *pkpenc.Share) bool {
			time.Sleep(300 * time.Millisecond)
			return false
		}
		c := p.client(t, th, map[uint32]behaviour{2: lie, 4: slow})
		got, err := c.DecryptWithPKP(ctx, cred, p.pubBytes(), ct, aad)
		if err != nil || !bytes.Equal(got.Data, secret) {
			t.Fatalf("%+v, %v", got, err)
		}
		if len(got.BadNodes) != 1 || got.BadNodes[0] != c.urls[1] {
			t.Fatalf("named %v, want node 2 (%s)", got.BadNodes, c.urls[1])
		}
	})
	t.Run("TooFewShares", func(t *testing.T) {
		// t + 1 = 2 shares are needed; three nodes refuse.
		c := p.client(t, th, map[uint32]behaviour{1: refuse("NodeNotAuthorized"), 3: refuse("NodeNotAuthorized"), 4: refuse("NodeNotAuthorized")})
		got, err := c.DecryptWithPKP(ctx, cred, p.pubBytes(), ct, aad)
		var ne *NodesError
		if !errors.As(err, &ne) || !errors.Is(err, ErrTooFewNodes) || len(ne.Nodes) != 3 || got == nil || got.Data != nil {
			t.Fatalf("%+v, %v", got, err)
		}
		for _, nd := range ne.Nodes {
			if nd.Code != "NodeNotAuthorized" {
				t.Fatalf("node %s: %v", nd.URL, nd)
			}
		}
		if !strings.Contains(err.Error(), "1 decryption shares of one epoch, 2 needed") {
			t.Fatalf("the error does not say how many shares: %v", err)
		}
	})
	t.Run("TwoSharesSuffice", func(t *testing.T) {
		// Fewer than a quorum, but t + 1 honest shares open it.
		c := p.client(t, th, map[uint32]behaviour{1: refuse("NodeTimeout"), 4: refuse("NodeTimeout")})
		got, err := c.DecryptWithPKP(ctx, cred, p.pubBytes(), ct, aad)
		if err != nil || !bytes.Equal(got.Data, secret) || len(got.Failed) != 2 {
			t.Fatalf("%+v, %v", got, err)
		}
	})
	t.Run("TooManyLiars", func(t *testing.T) {
		// t + 1 liars: no two shares open it, and nobody is named.
		c := p.client(t, th, map[uint32]behaviour{1: lie, 2: lie, 3: lie})
		got, err := c.DecryptWithPKP(ctx, cred, p.pubBytes(), ct, aad)
		if !errors.Is(err, pkpenc.ErrNoValidSet) || got.Data != nil || len(got.BadNodes) != 0 {
			t.Fatalf("%+v, %v", got, err)
		}
	})
	t.Run("IndexTheft", func(t *testing.T) {
		// Node 3 answers node 1's share: refused, as the handshake gave it 3.
		c := p.client(t, th, map[uint32]behaviour{3: func(_ uint32, w http.ResponseWriter, _ *pkpenc.Share) bool {
			hdr, _ := pkpenc.Parse(ct)
			sh, _ := pkpenc.DecryptionShare(&p.shares[0], 1, &p.pub, hdr)
			json.NewEncoder(w).Encode(wire.PKPDecryptAnswer{Result: "success", Share: hex.EncodeToString(sh.Bytes()), ShareIndex: 1, Epoch: 1})
			return true
		}})
		got, err := c.DecryptWithPKP(ctx, cred, p.pubBytes(), ct, aad)
		if err != nil || !bytes.Equal(got.Data, secret) {
			t.Fatalf("%+v, %v", got, err)
		}
		for _, f := range got.Failed {
			if f.URL != c.urls[2] || !strings.Contains(f.Error(), "handshake said 3") {
				t.Fatalf("failed %v", f)
			}
		}
	})
	t.Run("MixedEpochs", func(t *testing.T) {
		// Shares of another epoch are not combined with these.
		other := func(i uint32, w http.ResponseWriter, sh *pkpenc.Share) bool {
			json.NewEncoder(w).Encode(wire.PKPDecryptAnswer{Result: "success", Share: hex.EncodeToString(sh.Bytes()), ShareIndex: i, Epoch: 2})
			return true
		}
		c := p.client(t, th, map[uint32]behaviour{1: other, 2: other, 3: refuse("NodeNotReady")})
		_, err := c.DecryptWithPKP(ctx, cred, p.pubBytes(), ct, aad)
		if err != nil { // epoch 2 has two honest shares: they open it
			t.Fatal(err)
		}
		c = p.client(t, th, map[uint32]behaviour{1: other, 3: refuse("NodeNotReady"), 4: refuse("NodeNotReady")})
		if _, err := c.DecryptWithPKP(ctx, cred, p.pubBytes(), ct, aad); !errors.Is(err, ErrTooFewNodes) {
			t.Fatalf("one share of each epoch: %v", err)
		}
	})
	t.Run("WrongAAD", func(t *testing.T) {
		c := p.client(t, th, nil)
		_, err := c.DecryptWithPKP(ctx, cred, p.pubBytes(), ct, []byte("other.txt"))
		if !errors.Is(err, pkpenc.ErrDecrypt) || errors.Is(err, ErrTooFewNodes) || !strings.Contains(err.Error(), "associated data") {
			t.Fatalf("%v", err)
		}
	})
	t.Run("RefusedBeforeAsking", func(t *testing.T) {
		c := p.client(t, th, nil)
		other := newPKPNet(t, n, th)
		before := p.asked.Load()
		for name, args := range map[string][2][]byte{
			"another PKP's ciphertext": {other.pubBytes(), ct},
			"altered header":           {p.pubBytes(), flip(ct, 40)},
			"truncated":                {p.pubBytes(), ct[:pkpenc.Overhead-1]},
		} {
			if _, err := c.DecryptWithPKP(ctx, cred, args[0], args[1], aad); !errors.Is(err, ErrPKPCiphertext) {
				t.Errorf("%s: %v", name, err)
			}
		}
		if p.asked.Load() != before {
			t.Fatal("a node was asked about a ciphertext the client could refuse")
		}
		if _, err := c.DecryptWithPKP(ctx, cred, []byte{2, 1}, ct, aad); err == nil {
			t.Fatal("a bad public key")
		}
	})
}

func flip(b []byte, at int) []byte {
	out := append([]byte(nil), b...)
	out[at] ^= 1
	return out
}

func ExampleEncryptToPKP() {
	// A PKP's public key, as "flint pkp mint" prints it (here a made-up
	// one: the public key of the scalar 7).
	var seven secp.Scalar
	seven.SetInt(7)
	p := secp.BaseMult(&seven)
	secp.ToAffine(&p)
	pub := secp.Uncompressed(&p)
	ct, err := EncryptToPKP(pub[:], []byte("for the PKP's owner"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	// Later, the PKP's owner: cl.DecryptWithPKP(ctx, session, pub[:], ct, nil).
	fmt.Println(len(ct) - pkpenc.Overhead)
	// Output: 19
}

// A node's answer is untrusted: parsing never panics, and an accepted share
// carries the index the answer and the handshake gave, and re-encodes to
// the bytes that were sent.
func FuzzParsePKPShare(f *testing.F) {
	p := &pkpNet{}
	var x secp.Scalar
	x.SetInt(5)
	p.pub = secp.BaseMult(&x)
	secp.ToAffine(&p.pub)
	ct, _ := EncryptToPKP(p.pubBytes(), []byte("x"), nil)
	hdr, _ := pkpenc.Parse(ct)
	sh, _ := pkpenc.DecryptionShare(&x, 2, &p.pub, hdr)
	good, _ := json.Marshal(wire.PKPDecryptAnswer{Result: "success", Share: hex.EncodeToString(sh.Bytes()), ShareIndex: 2, Epoch: 1})
	f.Add(good)
	f.Add([]byte(`{"result":"success","share":"0x01","shareIndex":2}`))
	f.Add([]byte(`{"result":"fail"}`))
	c := &Client{index: map[string]uint32{"node": 2}}
	f.Fuzz(func(t *testing.T, body []byte) {
		got, _, err := c.parsePKPShare("node", body)
		if err != nil {
			return
		}
		var a wire.PKPDecryptAnswer
		if json.Unmarshal(body, &a) != nil || got.Index != 2 || a.ShareIndex != 2 {
			t.Fatalf("accepted %q as node %d's share", body, got.Index)
		}
		if hex.EncodeToString(got.Bytes()) != strings.ToLower(strings.TrimPrefix(a.Share, "0x")) {
			t.Fatalf("share %s re-encodes to %x", a.Share, got.Bytes())
		}
	})
}
