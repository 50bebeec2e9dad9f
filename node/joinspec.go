package node

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"fmt"
	"log/slog"
	"net/netip"
	"os"
	"path/filepath"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/node/store"
)

// JoinSpec is what a node asks the registry to join with, read from its
// configuration and store: its API ip:port, identity address, transport key
// and BLS DKG key, with the identity key that must send the request. The
// DKG key lives in the store, sealed with the store key; on first use it is
// made there, as Run makes it, so the node later runs with the key it
// published. The store is locked while the node runs, so call it with the
// node stopped (or set Config.Join and let the node ask itself).
func JoinSpec(cfg *Config) (chain.NodeSpec, *ecdsa.PrivateKey, error) {
	n, err := New(cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		return chain.NodeSpec{}, nil, err
	}
	ap, err := netip.ParseAddrPort(cfg.APIListen)
	if err != nil {
		return chain.NodeSpec{}, nil, fmt.Errorf("%w: apiListen %q: %v", ErrConfig, cfg.APIListen, err)
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return chain.NodeSpec{}, nil, fmt.Errorf("node: %w", err)
	}
	st, err := store.Open(filepath.Join(cfg.DataDir, "node.db"), n.keys.store)
	if err != nil {
		return chain.NodeSpec{}, nil, err
	}
	defer st.Close()
	n.store = st
	id, err := n.loadDKGIdentity()
	if err != nil {
		return chain.NodeSpec{}, nil, fmt.Errorf("node: the DKG key: %w", err)
	}
	return chain.NodeSpec{
		AddrPort:     ap,
		Address:      crypto.PubkeyToAddress(n.keys.identity.PublicKey),
		TransportKey: n.keys.transport.Public().(ed25519.PublicKey),
		DKGKey:       id.PublicKey(),
	}, n.keys.identity, nil
}
