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

// writeJSON prints v as one JSON object on one line.
func writeJSON(w io.Writer, v any) error {
	return json.NewEncoder(w).Encode(v)
}
