package node

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/node/usage"
)

type failingRecorder struct{}

func (failingRecorder) Append(*usage.Record) error { return errors.New("disk full") }

// TestUsageRecordPerRequest: the endpoint wrapper writes one record per
// signing request, with what the handler noted and the outcome, before it
// answers; other endpoints write none.
func TestUsageRecordPerRequest(t *testing.T) {
	dir := t.TempDir()
	l, err := usage.Open(usage.Config{Dir: dir, MaxFileBytes: 1 << 20, MaxFiles: 2})
	if err != nil {
		t.Fatal(err)
	}
	n := testAPINode(10)
	n.usage = l
	key, _ := crypto.GenerateKey()
	pub := crypto.CompressPubkey(&key.PublicKey)
	digest := crypto.Keccak256([]byte("hello"))
	sessionKey := ed25519.PublicKey(make([]byte, 32))
	id := &auth.Identity{Address: common.HexToAddress("0x00000000000000000000000000000000000000a1"), Method: auth.MethodSession, SessionKey: sessionKey}
	var refuse error
	h := n.endpoint("pkp_sign", func(w http.ResponseWriter, r *http.Request) (any, error) {
		note := usageOf(r.Context())
		note.sign(crypto.FromECDSAPub(&key.PublicKey), digest) // uncompressed in, compressed out
		note.caller(id)
		if refuse != nil {
			return nil, refuse
		}
		note.presig("presig-1")
		return map[string]bool{"success": true}, nil
	})
	if a := serve(h, "192.0.2.1:1", "{}"); a.status != http.StatusOK {
		t.Fatalf("answer %d %s", a.status, a.raw)
	}
	refuse = ErrNotPermitted
	if a := serve(h, "192.0.2.1:1", "{}"); a.body.Code != "NodeNotAuthorized" {
		t.Fatalf("answer %d %s", a.status, a.raw)
	}
	// No record for an endpoint that signs nothing.
	serve(n.endpoint("handshake", func(http.ResponseWriter, *http.Request) (any, error) { return "hi", nil }), "192.0.2.1:1", "{}")
	var got []*usage.Record
	// Read before Close: the answer came after the record was durable.
	if _, err := usage.Read(dir, usage.Filter{}, func(r *usage.Record) bool { got = append(got, r); return true }); err != nil {
		t.Fatal(err)
	}
	l.Close()
	if len(got) != 2 {
		t.Fatalf("%d records, want 2", len(got))
	}
	for i, want := range []string{usage.OutcomeOK, "NodeNotAuthorized"} {
		r := got[i]
		if r.ID != "lit_test" || r.Kind != usage.KindSign || r.Outcome != want || r.PKP != hex.EncodeToString(pub) ||
			r.Digest != hex.EncodeToString(digest) || r.Caller != id.Address.Hex() || r.CallerClass != usage.ClassSession ||
			r.SessionKey != hex.EncodeToString(sessionKey) || time.Since(r.Time) > time.Minute || r.DurationUS < 0 {
			t.Errorf("record %d: %+v", i, r)
		}
	}
	if got[0].Presig != "presig-1" || got[1].Presig != "" {
		t.Errorf("presignatures %q %q", got[0].Presig, got[1].Presig)
	}
	if v := counter(n.metrics.usage.WithLabelValues(usage.KindSign, usage.OutcomeOK, usage.ClassSession)); v != 1 {
		t.Errorf("flint_usage_requests_total{sign,ok,session} = %v, want 1", v)
	}
	if v := counter(n.metrics.usage.WithLabelValues(usage.KindSign, "NodeNotAuthorized", usage.ClassSession)); v != 1 {
		t.Errorf("flint_usage_requests_total{sign,NodeNotAuthorized,session} = %v, want 1", v)
	}
}

// TestUsageUnrecordedIsUnanswered: a request whose record cannot be written
// gets an error, never the answer.
func TestUsageUnrecordedIsUnanswered(t *testing.T) {
	n := testAPINode(10)
	n.usage = failingRecorder{}
	h := n.endpoint("execute", func(w http.ResponseWriter, r *http.Request) (any, error) {
		return map[string]string{"response": "secret answer"}, nil
	})
	a := serve(h, "192.0.2.1:1", "{}")
	if a.status != http.StatusServiceUnavailable || a.body.Code != "NodeUsageLogFailed" || a.body.CorrelationID != "lit_test" {
		t.Fatalf("answer %d %s", a.status, a.raw)
	}
	if v := counter(n.metrics.usageErrors); v != 1 {
		t.Errorf("flint_usage_write_errors_total = %v", v)
	}
}

func counter(c prometheus.Counter) float64 {
	var m dto.Metric
	if err := c.Write(&m); err != nil {
		return -1
	}
	return m.GetCounter().GetValue()
}

func TestUsageConfig(t *testing.T) {
	c := validConfig(t)
	if c.Usage.Dir != filepath.Join(c.DataDir, "usage") || c.Usage.MaxFileBytes != defaultUsageFileBytes || c.Usage.MaxFiles != defaultUsageFiles || c.Usage.Disabled {
		t.Fatalf("defaults %+v", c.Usage)
	}
	for _, bad := range []func(*Config){
		func(c *Config) { c.Usage.MaxFiles = -1 },
		func(c *Config) { c.Usage.MaxFileBytes = 1000 },
	} {
		c := validConfig(t)
		bad(c)
		if _, err := c.validate(); err == nil || !strings.Contains(err.Error(), "usage: ") {
			t.Errorf("%+v accepted: %v", c.Usage, err)
		}
		c.Usage.Disabled = true
		if _, err := c.validate(); err != nil {
			t.Errorf("disabled usage still checked: %v", err)
		}
	}
}

// The attack: a caller floods from one address so that its refusals fill the
// usage log, whose bounded files then rotate the records of real requests
// away. A request refused by the per-IP quota, before its body is read, is
// therefore not recorded; one the node served is.
func TestUsagePerIPRefusalNotRecorded(t *testing.T) {
	dir := t.TempDir()
	l, err := usage.Open(usage.Config{Dir: dir, MaxFileBytes: 1 << 20, MaxFiles: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	n := testAPINode(100)
	n.usage = l
	n.quota, _ = testQuotas(t, QuotaConfig{Sign: KindQuota{PerIP: RateConfig{PerSecond: 0.25, Burst: 1}}, RefusalDelay: Duration(time.Millisecond)})
	h := n.endpoint("pkp_sign", func(w http.ResponseWriter, r *http.Request) (any, error) {
		return map[string]bool{"success": true}, nil
	})
	if a := serve(h, "192.0.2.1:1", "{}"); a.status != http.StatusOK {
		t.Fatalf("first: %d %s", a.status, a.raw)
	}
	for range 20 {
		if a := serve(h, "192.0.2.1:1", "{}"); a.body.Code != "rate_limit_exceeded" {
			t.Fatalf("flood: %d %s", a.status, a.raw)
		}
	}
	var got []*usage.Record
	if _, err := usage.Read(dir, usage.Filter{}, func(r *usage.Record) bool { got = append(got, r); return true }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Outcome != usage.OutcomeOK {
		t.Fatalf("%d records after one served request and 20 per-IP refusals, want the one served", len(got))
	}
}
