package node

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/auth/authmethod"
	"github.com/flint-network/flint/auth/oauth"
	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/node/epochs"
	"github.com/flint-network/flint/node/nodetls"
	"github.com/flint-network/flint/node/usage"
)

// Config is a node's configuration: a JSON file, then environment variables
// (FLINT_<NAME>, e.g. FLINT_STORE_KEY), then command-line flags, each
// overriding the one before.
type Config struct {
	// DataDir holds the node's store (node.db) and its IPFS content.
	DataDir string `json:"dataDir"`
	// IdentityKey is the node's secp256k1 key (hex): its on-chain node
	// address; it signs attestations and the node's transactions.
	IdentityKey string `json:"identityKey"`
	// TransportKey is the node's ed25519 peer-transport key (hex seed); the
	// registry publishes its public half.
	TransportKey string `json:"transportKey"`
	// StoreKey seals key shares and presignatures at rest (32 bytes, hex).
	StoreKey string `json:"storeKey"`

	ChainRPC  string          `json:"chainRpc"`
	Contracts chain.Addresses `json:"contracts"`

	// APIListen is the client API's address, which must be the ip:port the
	// registry lists for this node.
	APIListen string `json:"apiListen"`
	// API bounds what clients of the API may make the node do at once.
	API APIConfig `json:"api"`
	// MetricsListen is where the node serves its operator views: /metrics
	// (Prometheus) and /status (readiness, address, presignature pool). A
	// stranger learns from these how drained the node is, so a production
	// node binds them to a private address. Empty: both are served on the
	// client API (a devnet's default); the API's /healthz says only whether
	// the node is ready, either way.
	MetricsListen string `json:"metricsListen"`
	// Join makes a node that is not registered ask the registry to join the
	// next epoch (requestToJoin from its own identity, with its transport and
	// DKG keys) and wait, holding no keys, until the owner locks a next set
	// with it; it then takes part in the resharing and serves from the
	// advance on. Without it an unregistered node only waits.
	Join bool `json:"join,omitempty"`
	// PeerListen is the peer transport's address; by default the API's IP
	// and port + 1, which is where peers look for it.
	PeerListen string `json:"peerListen"`

	IPFSGateways []string `json:"ipfsGateways"`

	// AuthDomains lists the SIWE domains (e.g. "app.example.com") whose
	// sign-ins the node accepts, as EIP-4361 has a relying party check the
	// domain; empty accepts any, since a network serves many apps.
	AuthDomains []string `json:"authDomains"`

	// AuthMethods says which Lit auth methods (logins) the node accepts
	// beyond wallets: ID-token issuers, WebAuthn origins, OAuth APIs.
	AuthMethods AuthMethodsConfig `json:"authMethods"`

	// Actions configures /web/execute: workers, limits, chains, code store.
	Actions ActionsConfig `json:"actions"`

	// Quota bounds what one caller, PKP or client address may make the
	// node do: request rates, presignatures held, Actions and their time.
	Quota QuotaConfig `json:"quota"`

	Pool PoolConfig `json:"pool"`

	// KeyPool bounds the attested keys the network's lowest live node adds
	// to PKPNFT's pool for mintNext, paying the gas itself.
	KeyPool KeyPoolConfig `json:"keyPool"`

	// Usage configures the usage records: one per signing or Action
	// request, kept in rotated files (node/usage, flint node usage).
	Usage UsageConfig `json:"usage"`

	// Round is the deadline of one protocol round (DKG, presignatures).
	Round Duration `json:"round"`
	// BindWait bounds how long a node waits for a request's leader to bind a
	// presignature, and for n − t nodes to endorse the binding.
	BindWait Duration `json:"bindWait"`
	// EpochGrace is how long the previous epoch's shares are kept and serve
	// requests naming that epoch after the node has seen an epoch advance
	// (default 60 s: the Lit SDK keeps using epoch−1 for 45 s).
	EpochGrace Duration `json:"epochGrace"`
	// ReshareLeadDelay is how long the resharing's leader waits after it
	// first sees a lock before it starts, so that the other nodes have read
	// the lock too (default 5 s; nodes read a lock within about a block, and
	// one that has not answers busy and is asked again). Up to
	// maxReshareLeadDelay: it delays every epoch change by that much.
	ReshareLeadDelay Duration `json:"reshareLeadDelay"`

	// IncarnationFile holds the count of this node's starts, outside the
	// data directory (default: DataDir + ".incarnation", a sibling of it).
	// A store restored from a backup has a smaller count than the file, and
	// its presignatures are then dropped, never used twice. Back up the data
	// directory, never this file.
	IncarnationFile string `json:"incarnationFile"`

	LogLevel string `json:"logLevel"`

	// Adversary makes the node misbehave, for tests only: a program that
	// builds the Config sets it; no file or environment variable can.
	Adversary *Adversary `json:"-"`
}

// AuthMethodsConfig configures auth method resolution (auth/authmethod).
// Wallet logins (type 1) need nothing here: their SIWE domain obeys
// authDomains and their nonce must be a block hash the node saw lately.
type AuthMethodsConfig struct {
	// JWT lists the ID-token issuers (types 6 Google, 8 Apple, 9–13
	// Stytch): issuer, audiences, types, and a JWKS file or URL. None
	// configured: those types are refused with AuthMethodUnsupportedType.
	JWT authmethod.Config `json:"jwt"`
	// WebAuthn is what a passkey assertion (type 3) must be scoped to:
	// origins (empty: any https origin) and rpId (empty: the origin's host).
	WebAuthn authmethod.WebAuthnConfig `json:"webauthn"`
	// OAuth names the provider APIs that resolve access tokens (4 Discord,
	// 5 Google). Unset: those types are refused with AuthMethodNotConfigured.
	OAuth oauth.Config `json:"oauth"`
	// RequireBoundLogins refuses, for a PKP session, every login that does
	// not name its session key (authmethod.SessionBinding):
	// NodeAuthMethodNotBound. Off, such logins (the unmodified Lit SDK's)
	// are taken with first-seen binding: this node refuses the same login
	// with a second session key while the login is fresh, which leaves a
	// race a corrupt node forwarding the login may win (docs/operating.md).
	RequireBoundLogins bool `json:"requireBoundLogins,omitempty"`
}

func (a *AuthMethodsConfig) check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: authMethods: "+format, append([]any{ErrConfig}, args...)...)
	}
	if err := a.JWT.Validate(); err != nil {
		return bad("jwt: %v", err)
	}
	for _, o := range a.WebAuthn.Origins {
		u, err := url.Parse(o)
		if err != nil || u.Scheme == "" || u.Host == "" || (u.Path != "" && u.Path != "/") {
			return bad("webauthn.origins: %q is not scheme://host[:port]", o)
		}
	}
	if oauthConfigured(a.OAuth) {
		if _, err := oauth.New(a.OAuth); err != nil {
			return bad("oauth: %v", err)
		}
	}
	return nil
}

// oauthConfigured reports whether any OAuth provider is named.
func oauthConfigured(c oauth.Config) bool { return c.DiscordAPI != "" || c.GoogleAPI != "" }

// APIConfig bounds the client API.
type APIConfig struct {
	// MaxInFlightPerIP caps the requests one client address (an IPv6 /64)
	// has in flight at once; past it the node answers 429
	// NodeTooManyRequests. Default 128. Behind a reverse proxy every client
	// has the proxy's address: raise it there.
	MaxInFlightPerIP int `json:"maxInFlightPerIP"`
	// TLSCert and TLSKey are PEM files (FLINT_API_TLS_CERT,
	// FLINT_API_TLS_KEY): with both, the API serves HTTPS (TLS 1.2 and up)
	// and reads the files again when they change, so a renewal needs no
	// restart; with neither, plain HTTP. The certificate must name the
	// apiListen IP: clients address nodes by the registry's ip:port. The
	// Lit SDK uses https for port 443 only (see docs/operating.md).
	TLSCert string `json:"tlsCert,omitempty"`
	TLSKey  string `json:"tlsKey,omitempty"`
}

// TLS reports whether the API serves HTTPS.
func (a *APIConfig) TLS() bool { return a.TLSCert != "" && a.TLSKey != "" }

// UsageConfig configures the usage records. They are on unless Disabled.
type UsageConfig struct {
	Disabled bool `json:"disabled"`
	// Dir holds the record files (default DataDir/usage).
	Dir string `json:"dir"`
	// MaxFileBytes is the size a file is rotated at (default 64 MiB), and
	// MaxFiles how many files are kept (default 16): the oldest records
	// go first once the log holds MaxFileBytes × MaxFiles.
	MaxFileBytes int64 `json:"maxFileBytes"`
	MaxFiles     int   `json:"maxFiles"`
}

// Usage defaults.
const (
	defaultUsageFileBytes = 64 << 20
	defaultUsageFiles     = 16
)

// maxReshareLeadDelay bounds reshareLeadDelay: every epoch change waits it
// out once, and a minute is already twelve times the default.
const maxReshareLeadDelay = time.Minute

// UsageDir is where a node with data directory dataDir keeps its usage
// records when usage.dir is not set.
func UsageDir(dataDir string) string { return filepath.Join(dataDir, "usage") }

func (u *UsageConfig) log() usage.Config {
	return usage.Config{Dir: u.Dir, MaxFileBytes: u.MaxFileBytes, MaxFiles: u.MaxFiles}
}

// PoolConfig sets the presignature pool each node keeps of its own.
type PoolConfig struct {
	Low   int `json:"low"`   // start a batch below this many free presignatures
	High  int `json:"high"`  // fill up to this many
	Batch int `json:"batch"` // at most this many per batch
}

// KeyPoolConfig bounds how fast a node refills PKPNFT's pool of attested
// keys. Every mint takes one, and the node pays about 141,000 gas per key, so
// without a bound whoever mints (at mintCost, 0 by default) spends the
// node's ether: past the bound mintNext fails with NoAttestedKeys until the
// pool is refilled. A network that charges a mintCost covering the refill
// can raise it.
type KeyPoolConfig struct {
	// KeysPerHour is the sustained refill rate (default 960).
	KeysPerHour int `json:"keysPerHour"`
	// Burst is how many keys may be added at once above that rate
	// (default 64).
	Burst int `json:"burst"`
}

// Duration is a time.Duration written as "2s" in JSON.
type Duration time.Duration

func (d Duration) MarshalJSON() ([]byte, error) { return json.Marshal(time.Duration(d).String()) }

func (d *Duration) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("duration: %w", err)
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return fmt.Errorf("duration: %w", err)
	}
	*d = Duration(v)
	return nil
}

// ErrConfig is wrapped by every configuration error.
var ErrConfig = errors.New("node: bad configuration")

// LoadConfig reads a JSON config file and applies environment overrides.
func LoadConfig(path string) (*Config, error) {
	cfg := &Config{}
	if path != "" {
		b, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrConfig, err)
		}
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(cfg); err != nil {
			return nil, fmt.Errorf("%w: %s: %v", ErrConfig, path, err)
		}
	}
	cfg.applyEnv(os.Getenv)
	return cfg, nil
}

func (c *Config) applyEnv(get func(string) string) {
	set := func(name string, dst *string) {
		if v := get("FLINT_" + name); v != "" {
			*dst = v
		}
	}
	set("DATA_DIR", &c.DataDir)
	set("IDENTITY_KEY", &c.IdentityKey)
	set("TRANSPORT_KEY", &c.TransportKey)
	set("STORE_KEY", &c.StoreKey)
	set("CHAIN_RPC", &c.ChainRPC)
	set("API_LISTEN", &c.APIListen)
	set("PEER_LISTEN", &c.PeerListen)
	set("METRICS_LISTEN", &c.MetricsListen)
	set("LOG_LEVEL", &c.LogLevel)
	set("API_TLS_CERT", &c.API.TLSCert)
	set("API_TLS_KEY", &c.API.TLSKey)
}

// withDefaults fills what the operator left out.
func (c *Config) withDefaults() {
	if c.Pool.Batch == 0 {
		c.Pool.Batch = 100
	}
	if c.Pool.Low == 0 {
		c.Pool.Low = 100
	}
	if c.Pool.High == 0 {
		c.Pool.High = 300
	}
	if c.Round == 0 {
		c.Round = Duration(3 * time.Second)
	}
	if c.BindWait == 0 {
		c.BindWait = Duration(5 * time.Second)
	}
	if c.EpochGrace == 0 {
		c.EpochGrace = Duration(epochs.DefaultConfig().Grace)
	}
	if c.ReshareLeadDelay == 0 {
		c.ReshareLeadDelay = Duration(epochs.DefaultConfig().LeadDelay)
	}
	if c.API.MaxInFlightPerIP == 0 {
		c.API.MaxInFlightPerIP = defaultMaxInFlightPerIP
	}
	if c.KeyPool.KeysPerHour == 0 {
		c.KeyPool.KeysPerHour = 960
	}
	if c.KeyPool.Burst == 0 {
		c.KeyPool.Burst = 64
	}
	if c.Usage.Dir == "" && c.DataDir != "" {
		c.Usage.Dir = UsageDir(c.DataDir)
	}
	if c.Usage.MaxFileBytes == 0 {
		c.Usage.MaxFileBytes = defaultUsageFileBytes
	}
	if c.Usage.MaxFiles == 0 {
		c.Usage.MaxFiles = defaultUsageFiles
	}
	c.Quota.withDefaults()
	if c.IncarnationFile == "" && c.DataDir != "" {
		c.IncarnationFile = filepath.Clean(c.DataDir) + ".incarnation"
	}
	if c.PeerListen == "" {
		if ap, err := netip.ParseAddrPort(c.APIListen); err == nil {
			c.PeerListen = PeerAddr(ap).String()
		}
	}
}

// PeerAddr is where a node listens to its peers: its API address with the
// port one higher.
func PeerAddr(api netip.AddrPort) netip.AddrPort {
	return netip.AddrPortFrom(api.Addr(), api.Port()+1)
}

// keys are the parsed secrets of a configuration.
type keys struct {
	identity  *ecdsa.PrivateKey
	transport ed25519.PrivateKey
	store     []byte
	tls       *nodetls.Loader // nil: the API serves HTTP
}

func (c *Config) validate() (*keys, error) {
	bad := func(format string, args ...any) (*keys, error) {
		return nil, fmt.Errorf("%w: "+format, append([]any{ErrConfig}, args...)...)
	}
	if c.DataDir == "" {
		return bad("dataDir is required")
	}
	if c.ChainRPC == "" {
		return bad("chainRpc is required")
	}
	if c.Contracts.Staking == (chain.Addresses{}).Staking {
		return bad("contracts.staking is required")
	}
	ap, err := netip.ParseAddrPort(c.APIListen)
	if err != nil || !ap.Addr().Is4() {
		return bad("apiListen %q must be an IPv4 ip:port (the Lit SDK only uses IPv4 URLs)", c.APIListen)
	}
	if _, _, err := net.SplitHostPort(c.PeerListen); err != nil {
		return bad("peerListen %q: %v", c.PeerListen, err)
	}
	k := &keys{}
	if k.identity, err = crypto.HexToECDSA(strings.TrimPrefix(c.IdentityKey, "0x")); err != nil {
		return bad("identityKey: %v", err)
	}
	seed, err := hex.DecodeString(strings.TrimPrefix(c.TransportKey, "0x"))
	if err != nil || len(seed) != ed25519.SeedSize {
		return bad("transportKey must be a %d-byte hex seed", ed25519.SeedSize)
	}
	k.transport = ed25519.NewKeyFromSeed(seed)
	if k.store, err = hex.DecodeString(strings.TrimPrefix(c.StoreKey, "0x")); err != nil || len(k.store) != 32 {
		return bad("storeKey must be 32 bytes of hex")
	}
	for _, v := range []struct {
		name string
		n    int
	}{{"pool.batch", c.Pool.Batch}, {"pool.low", c.Pool.Low}, {"pool.high", c.Pool.High},
		{"keyPool.keysPerHour", c.KeyPool.KeysPerHour}, {"keyPool.burst", c.KeyPool.Burst}} {
		if v.n < 1 {
			return bad("%s must be positive", v.name)
		}
	}
	if c.ReshareLeadDelay < 0 || time.Duration(c.ReshareLeadDelay) > maxReshareLeadDelay {
		return bad("reshareLeadDelay %s: want 0 (the default, %s) to %s", time.Duration(c.ReshareLeadDelay), epochs.DefaultConfig().LeadDelay, maxReshareLeadDelay)
	}
	if c.API.MaxInFlightPerIP < 0 {
		return bad("api.maxInFlightPerIP %d is negative", c.API.MaxInFlightPerIP)
	}
	if (c.API.TLSCert == "") != (c.API.TLSKey == "") {
		return bad("api.tlsCert and api.tlsKey go together: set both for HTTPS, or neither for HTTP")
	}
	if c.API.TLS() {
		if k.tls, err = nodetls.NewLoader(c.API.TLSCert, c.API.TLSKey); err != nil {
			return bad("api.tlsCert, api.tlsKey: %v", err)
		}
	}
	if c.Pool.Low > c.Pool.High {
		return bad("pool.low %d above pool.high %d", c.Pool.Low, c.Pool.High)
	}
	if c.Pool.Batch > 1024 {
		return bad("pool.batch %d over 1024", c.Pool.Batch)
	}
	if !c.Usage.Disabled {
		if err := c.Usage.log().Check(); err != nil {
			return bad("%v", err) // "usage: maxFiles …", as the config names it
		}
	}
	if err := c.Actions.check(); err != nil {
		return nil, err
	}
	if err := c.Quota.check(); err != nil {
		return nil, err
	}
	if err := c.AuthMethods.check(); err != nil {
		return nil, err
	}
	return k, nil
}

// String describes the configuration without its secrets: no keys, and of
// the chain RPC URL only its scheme and host, since providers put API keys
// in the userinfo, path or query.
func (c *Config) String() string {
	api := c.APIListen
	if c.API.TLS() {
		api += " (TLS)"
	}
	return "node config{dataDir " + strconv.Quote(c.DataDir) + ", api " + api + ", peer " + c.PeerListen + ", chain " + redactURL(c.ChainRPC) + "}"
}
