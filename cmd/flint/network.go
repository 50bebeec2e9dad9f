package main

import (
	"context"
	"crypto/ecdsa"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"net/http"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/client"
	"github.com/flint-network/flint/devnet"
)

// defaultNetwork is where "flint devnet" writes network.json with its default --dir.
const defaultNetwork = ".devnet/network.json"

// keyEnv may hold the signing key instead of --key, which other users can read in the process list.
const keyEnv = "FLINT_KEY"

// caEnv may name the CA file instead of --ca.
const caEnv = "FLINT_CA_FILE"

// netFlags are the flags of every command that talks to a running network.
type netFlags struct {
	network string
	key     string
	ca      string
	json    bool
	timeout time.Duration
}

func (f *netFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.network, "network", defaultNetwork, "the network's network.json (written by flint devnet)")
	fl.StringVar(&f.key, "key", "", "private key (hex) that signs transactions and grants session keys; default $"+keyEnv+", then the network.json dev account")
	fl.StringVar(&f.ca, "ca", "", "PEM file of the certificates to trust for nodes serving https (a self-signed node certificate or a private CA); default $"+caEnv+", then the network.json caFile, then the system's CAs")
	fl.BoolVar(&f.json, "json", false, "print one JSON object instead of text")
	fl.DurationVar(&f.timeout, "timeout", 2*time.Minute, "give up after this long")
}

// load reads network.json.
func (f *netFlags) load() (*devnet.Network, error) {
	nw, err := devnet.ReadNetwork(f.network)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, usagef("network file %s not found: start a network with \"flint devnet\" or pass --network", f.network)
	}
	if err != nil {
		return nil, usagef("network file %s: %w", f.network, err)
	}
	// nw.CAFile is from here on the CA the nodes are trusted with.
	switch {
	case f.ca != "":
		nw.CAFile = f.ca
	case os.Getenv(caEnv) != "":
		nw.CAFile = os.Getenv(caEnv)
	}
	if nw.CAFile != "" {
		if _, err := client.LoadCA(nw.CAFile); err != nil {
			return nil, usagef("--ca: %w", err)
		}
	}
	return nw, nil
}

// nodeHTTP is an HTTP client for the network's nodes, trusting its CA.
func nodeHTTP(nw *devnet.Network, timeout time.Duration) (*http.Client, error) {
	var roots *x509.CertPool
	if nw.CAFile != "" {
		var err error
		if roots, err = client.LoadCA(nw.CAFile); err != nil {
			return nil, usagef("--ca: %w", err)
		}
	}
	hc := client.NewHTTPClient(roots)
	hc.Timeout = timeout
	return hc, nil
}

// signer is the key of --key, $FLINT_KEY or the dev account.
func (f *netFlags) signer(nw *devnet.Network) (*ecdsa.PrivateKey, error) {
	switch {
	case f.key != "":
		return parseKey("--key", f.key)
	case os.Getenv(keyEnv) != "":
		return parseKey("$"+keyEnv, os.Getenv(keyEnv))
	case nw.DevKey != "":
		return parseKey(f.network+" devAccountKey", nw.DevKey)
	}
	return nil, usagef("no key: pass --key or set $%s (%s has no dev account)", keyEnv, f.network)
}

// loadSigner reads network.json and the signing key.
func (f *netFlags) loadSigner() (*devnet.Network, *ecdsa.PrivateKey, error) {
	nw, err := f.load()
	if err != nil {
		return nil, nil, err
	}
	key, err := f.signer(nw)
	if err != nil {
		return nil, nil, err
	}
	return nw, key, nil
}

func (f *netFlags) context(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, f.timeout)
}

// dialChain connects to the network's chain.
func dialChain(ctx context.Context, nw *devnet.Network) (*chain.Client, error) {
	cc, err := chain.Dial(ctx, nw.ChainRPC, nw.Contracts)
	if err != nil {
		return nil, fmt.Errorf("the chain at %s is not usable (is the devnet running?): %w", nw.ChainRPC, err)
	}
	return cc, nil
}

// connect handshakes with the network's nodes.
func connect(ctx context.Context, nw *devnet.Network) (*client.Client, error) {
	urls := make([]string, len(nw.Nodes))
	for i, n := range nw.Nodes {
		urls[i] = n.URL
	}
	var opts client.Options
	if nw.CAFile != "" {
		var err error
		if opts.RootCAs, err = client.LoadCA(nw.CAFile); err != nil {
			return nil, usagef("--ca: %w", err)
		}
	}
	c, err := client.Connect(ctx, urls, opts)
	if err != nil {
		return nil, fmt.Errorf("the network's nodes are not usable (is the devnet running?): %w", err)
	}
	return c, nil
}

// connectSigned handshakes with the network's nodes and makes a session
// key that key grants PKP signing and Action execution, valid for life,
// with the nodes' latest block hash as nonce: it signs a separate
// credential for each node.
func connectSigned(ctx context.Context, nw *devnet.Network, key *ecdsa.PrivateKey, life time.Duration) (*client.Client, *client.Session, error) {
	cl, err := connect(ctx, nw)
	if err != nil {
		return nil, nil, err
	}
	s, err := client.NewSession(key, cl.Blockhash, life)
	if err != nil {
		return nil, nil, fmt.Errorf("session: %w", err)
	}
	return cl, s, nil
}

// signed is what a command that acts for --key needs: the network, --key,
// a context bounded by --timeout (cancel ends it), and a client connected
// with a session key --key granted for ten minutes.
type signed struct {
	ctx    context.Context
	cancel context.CancelFunc
	nw     *devnet.Network
	key    *ecdsa.PrivateKey
	cl     *client.Client
	sess   *client.Session
}

// signedSession loads the network and --key and connects with a session.
func (f *netFlags) signedSession(cmd *cobra.Command) (*signed, error) {
	nw, key, err := f.loadSigner()
	if err != nil {
		return nil, err
	}
	ctx, cancel := f.context(cmd.Context())
	cl, sess, err := connectSigned(ctx, nw, key, 10*time.Minute)
	if err != nil {
		cancel()
		return nil, err
	}
	return &signed{ctx: ctx, cancel: cancel, nw: nw, key: key, cl: cl, sess: sess}, nil
}

// onChain is what a command that reads or writes the chain needs: the
// network, --key (when it signs transactions), a context bounded by
// --timeout and a chain client; close releases them.
type onChain struct {
	ctx   context.Context
	nw    *devnet.Network
	key   *ecdsa.PrivateKey // nil unless asked for
	cc    *chain.Client
	close func()
}

// onChain loads the network (and --key if signer) and dials its chain.
func (f *netFlags) onChain(cmd *cobra.Command, signer bool) (*onChain, error) {
	var nw *devnet.Network
	var key *ecdsa.PrivateKey
	var err error
	if signer {
		nw, key, err = f.loadSigner()
	} else {
		nw, err = f.load()
	}
	if err != nil {
		return nil, err
	}
	ctx, cancel := f.context(cmd.Context())
	cc, err := dialChain(ctx, nw)
	if err != nil {
		cancel()
		return nil, err
	}
	return &onChain{ctx: ctx, nw: nw, key: key, cc: cc, close: func() { cc.Close(); cancel() }}, nil
}

// onPKP is a command's chain connection and the PKP it names.
type onPKP struct {
	*onChain
	pub []byte     // the PKP's uncompressed public key
	id  *big.Int   // its token id
	pkp *chain.PKP // as the chain has it
}

// pkpOnChain is how the commands about one PKP begin: --pubkey parsed, the
// chain dialled (with --key's signer if signer), and the PKP read; a key
// the chain does not know is explained for op (explainChainErr). The
// caller closes the connection.
func (f *netFlags) pkpOnChain(cmd *cobra.Command, op, pubkey string, signer bool) (*onPKP, error) {
	pub, err := parsePubkey(pubkey)
	if err != nil {
		return nil, err
	}
	c, err := f.onChain(cmd, signer)
	if err != nil {
		return nil, err
	}
	id := chain.TokenID(pub)
	p, err := c.cc.PKP(c.ctx, id)
	if err != nil {
		c.close()
		return nil, explainChainErr(op, err, pub)
	}
	return &onPKP{onChain: c, pub: pub, id: id, pkp: p}, nil
}

// writeJSON prints v as one JSON object on one line.
func writeJSON(w io.Writer, v any) error {
	return json.NewEncoder(w).Encode(v)
}
