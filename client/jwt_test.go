package client

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/flint-network/flint/acc"
	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/bls/blstest"
	"github.com/flint-network/flint/wire"
)

const jwtTestConds = `[{"contractAddress":"","standardContractType":"","chain":"ethereum","method":"","parameters":[":userAddress"],"returnValueTest":{"comparator":"=","value":"0x50e2dac5e78B5905CB09495547452cEE64426db2"}}]`

// tokenNode is a fake node's behaviour: it may alter the claims it signs or
// sign with another key share.
type tokenNode struct {
	share  *bls.KeyShare
	alter  func(p *wire.JWTPayload)
	refuse bool
}

// fakeTokenNodes serves /web/signing/access_control_condition as a node
// does: it builds the token from the request and signs it with its share.
func fakeTokenNodes(t *testing.T, poly *bls.PublicPoly, nodes []tokenNode) *Client {
	t.Helper()
	var urls []string
	for _, n := range nodes {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var req wire.SigningACCRequest
			if r.URL.Path != "/web/signing/access_control_condition" || json.NewDecoder(r.Body).Decode(&req) != nil || req.AuthSig == nil {
				http.Error(w, "bad request", 400)
				return
			}
			w.Header().Set("Content-Type", "application/json")
			if n.refuse {
				w.WriteHeader(401)
				w.Write([]byte(`{"errorKind":"Unauthorized","errorCode":"NodeAccessControlConditionsReturnedNotAuthorized","status":401,"message":"not permitted"}`))
				return
			}
			p := &wire.JWTPayload{Iss: "LIT", Sub: "0x50e2dac5e78B5905CB09495547452cEE64426db2", Chain: req.Chain,
				Iat: req.Iat, Exp: req.Exp, AccessControlConditions: req.AccessControlConditions}
			if n.alter != nil {
				n.alter(p)
			}
			unsigned, _ := wire.UnsignedJWT(p)
			share, _ := n.share.Sign([]byte(unsigned))
			raw, _ := wire.MarshalBLSShareOld(share)
			json.NewEncoder(w).Encode(wire.SigningACCAnswer{Result: "success", SignatureShare: raw, ShareIndex: n.share.Index(), UnsignedJWT: unsigned})
		}))
		t.Cleanup(srv.Close)
		urls = append(urls, srv.URL)
	}
	return &Client{urls: urls, http: http.DefaultClient, opts: Options{Timeout: 5 * time.Second}, BLSPoly: poly, BLSKey: poly.PublicKey()}
}

func TestSignedToken(t *testing.T) {
	shares, err := blstest.Deal(4, 3)
	if err != nil {
		t.Fatal(err)
	}
	others, _ := blstest.Deal(4, 3)
	poly := shares[0].PublicPoly()
	conds, err := acc.Parse(acc.EVMBasic, []byte(jwtTestConds))
	if err != nil {
		t.Fatal(err)
	}
	cred := WalletSig(`{"sig":"0x"}`)
	honest := func(i int) tokenNode { return tokenNode{share: shares[i]} }
	laterExp := func(p *wire.JWTPayload) { p.Exp += 3600 }
	otherSub := func(p *wire.JWTPayload) { p.Sub = "0x0000000000000000000000000000000000000001" }
	for _, c := range []struct {
		name  string
		nodes []tokenNode
		bad   []int // nodes the error must name when it fails
	}{
		{"all honest", []tokenNode{honest(0), honest(1), honest(2), honest(3)}, nil},
		{"one bad share", []tokenNode{honest(0), {share: others[1]}, honest(2), honest(3)}, nil},
		{"one signs a longer token", []tokenNode{honest(0), honest(1), {share: shares[2], alter: laterExp}, honest(3)}, nil},
		{"one refuses", []tokenNode{honest(0), honest(1), {refuse: true}, honest(3)}, nil},
		{"two bad shares", []tokenNode{{share: others[0]}, honest(1), {share: others[2]}, honest(3)}, []int{0, 2}},
		// Two honest nodes are no quorum, and two agreeing liars on another
		// caller are none either: the groups never mix.
		{"two sign another caller", []tokenNode{{share: shares[0], alter: otherSub}, honest(1), {share: shares[2], alter: otherSub}, honest(3)}, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			cl := fakeTokenNodes(t, poly, c.nodes)
			jwt, err := cl.SignedToken(context.Background(), cred, conds, "ethereum", time.Hour)
			wantFail := len(c.bad) > 0 || strings.HasPrefix(c.name, "two sign")
			if wantFail {
				var ne *NodesError
				if !errors.As(err, &ne) || !errors.Is(err, ErrTooFewNodes) {
					t.Fatalf("got %q, %v; want too few nodes", jwt, err)
				}
				for _, i := range c.bad {
					if !strings.Contains(err.Error(), cl.urls[i]+": its token signature share does not verify") {
						t.Fatalf("the error does not name node %d's bad share: %v", i, err)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			// Independent check: the signature over header.payload under
			// the network key, with the BLS package directly.
			parts := strings.Split(jwt, ".")
			if len(parts) != 3 {
				t.Fatalf("token %q", jwt)
			}
			raw, err := base64.RawURLEncoding.DecodeString(parts[2])
			if err != nil {
				t.Fatal(err)
			}
			sig, err := bls.ParseSignature(raw)
			if err != nil || bls.Verify(poly.PublicKey(), []byte(parts[0]+"."+parts[1]), sig) != nil {
				t.Fatalf("the token's signature does not verify: %v", err)
			}
			claims, err := VerifyJWT(poly.PublicKey(), jwt)
			if err != nil {
				t.Fatal(err)
			}
			if life := claims.Exp - claims.Iat; life != 3600 || claims.Chain == nil || *claims.Chain != "ethereum" || string(claims.AccessControlConditions) != string(conds.Canonical()) {
				t.Fatalf("claims %+v", claims)
			}
		})
	}
	cl := fakeTokenNodes(t, poly, []tokenNode{honest(0), honest(1), honest(2), honest(3)})
	for _, ttl := range []time.Duration{0, time.Millisecond, MaxTokenLifetime + time.Second} {
		if _, err := cl.SignedToken(context.Background(), cred, conds, "", ttl); err == nil || !strings.Contains(err.Error(), "lifetime") {
			t.Fatalf("lifetime %v: %v", ttl, err)
		}
	}
}

func TestVerifyJWT(t *testing.T) {
	shares, _ := blstest.Deal(1, 1)
	key := shares[0].PublicKey()
	wrong, _ := blstest.Deal(1, 1)
	now := time.Unix(1_800_000_000, 0)
	sign := func(p *wire.JWTPayload) string {
		unsigned, _ := wire.UnsignedJWT(p)
		s, _ := shares[0].Sign([]byte(unsigned))
		sig, _ := bls.Interpolate([]bls.SignatureShare{s})
		return unsigned + "." + base64.RawURLEncoding.EncodeToString(sig.Bytes())
	}
	good := &wire.JWTPayload{Iss: "LIT", Sub: "0x01", Iat: now.Unix(), Exp: now.Unix() + 60, AccessControlConditions: json.RawMessage(jwtTestConds)}
	jwt := sign(good)
	if c, err := verifyJWTAt(key, jwt, now); err != nil || c.Sub != "0x01" || c.EVMContractConditions != nil {
		t.Fatalf("a good token: %+v, %v", c, err)
	}
	parts := strings.Split(jwt, ".")
	// The SDK's combineSharesAndGetJWT writes the signature as standard
	// base64 with only the first "+" and "/" replaced: it must verify.
	for i := 0; ; i++ {
		p := *good
		p.Exp += int64(i) // until a signature has two of "+" or "/"
		t2 := strings.Split(sign(&p), ".")
		raw, _ := base64.RawURLEncoding.DecodeString(t2[2])
		std := base64.StdEncoding.EncodeToString(raw)
		if strings.Count(std, "+") < 2 && strings.Count(std, "/") < 2 {
			continue
		}
		sdk := strings.TrimRight(strings.Replace(strings.Replace(std, "+", "-", 1), "/", "_", 1), "=")
		if _, err := verifyJWTAt(key, t2[0]+"."+t2[1]+"."+sdk, now); err != nil {
			t.Fatalf("the SDK's form of a signature, %s: %v", sdk, err)
		}
		break
	}
	tampered := *good
	tampered.Sub = "0x02"
	forged := strings.Split(sign(&tampered), ".")[1]
	notLit := *good
	notLit.Iss = "NOTLIT"
	for _, c := range []struct{ name, jwt, says string }{
		{"expired", jwt, "token expired"},
		{"payload swapped", parts[0] + "." + forged + "." + parts[2], "verif"},
		{"other key", jwt, "verif"},
		{"two parts", parts[0] + "." + parts[1], "2 parts"},
		{"bad base64", parts[0] + ".!!." + parts[2], "payload"},
		{"other alg", base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." + parts[1] + "." + parts[2], "alg"},
		{"short signature", parts[0] + "." + parts[1] + ".AAAA", "signature"},
		{"iss", sign(&notLit), "iss"},
		{"huge", strings.Repeat("a", wire.MaxJWTBytes+1), "bytes"},
	} {
		at, k := now, key
		switch c.name {
		case "expired":
			at = now.Add(time.Minute)
		case "other key":
			k = wrong[0].PublicKey()
		}
		if _, err := verifyJWTAt(k, c.jwt, at); err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v, want an error saying %q", c.name, err, c.says)
		}
	}
}

// A server checks a token with the network's BLS key alone.
func ExampleVerifyJWT() {
	// A one-node network stands in for the nodes' combined signature.
	shares, _ := blstest.Deal(1, 1)
	networkKey := shares[0].PublicKey()
	unsigned, _ := wire.UnsignedJWT(&wire.JWTPayload{Iss: "LIT", Sub: "0x50e2dac5e78B5905CB09495547452cEE64426db2",
		Iat: time.Now().Unix(), Exp: time.Now().Add(time.Hour).Unix(), AccessControlConditions: json.RawMessage(jwtTestConds)})
	share, _ := shares[0].Sign([]byte(unsigned))
	sig, _ := bls.Interpolate([]bls.SignatureShare{share})
	jwt := unsigned + "." + base64.RawURLEncoding.EncodeToString(sig.Bytes())

	claims, err := VerifyJWT(networkKey, jwt)
	if err != nil {
		fmt.Println("refused:", err)
		return
	}
	// The server then checks that the token is for the conditions it gates
	// on (claims.AccessControlConditions) and uses claims.Sub.
	fmt.Println(claims.Sub)
	// Output: 0x50e2dac5e78B5905CB09495547452cEE64426db2
}
