package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"

	"github.com/flint-network/flint/crypto/hd"
	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/mpc/mpctest"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
)

// benchFlint runs Flint's root-key DKG once for a committee of n, then
// cfg.flintBatches batches of presignatures, signs with one presignature
// from 2t+1 shares and checks the signature, and times one node's share.
func benchFlint(ctx context.Context, cfg *config, n, t int) (*result, error) {
	ids := make([]uint32, n)
	for i := range ids {
		ids[i] = uint32(i + 1)
	}
	progress("n=%d t=%d: flint DKG", n, t)
	keys, err := flintDKG(ids, t)
	if err != nil {
		return nil, err
	}
	pubs := keys[1].PublicKeys()

	var perParty []float64
	var last map[uint32][]*tecdsa.Presignature
	for b := range cfg.flintBatches {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var pres map[uint32][]*tecdsa.Presignature
		cpu, err := measureCPU(func() (err error) {
			pres, err = flintPresign(ids, t, keys, cfg.flintBatch)
			return err
		})
		if err != nil {
			return nil, err
		}
		perParty = append(perParty, cpu/float64(n)/float64(cfg.flintBatch))
		progress("n=%d t=%d: flint batch %d/%d: %d presignatures, %s CPU per party per presignature",
			n, t, b+1, cfg.flintBatches, cfg.flintBatch, human(perParty[b]))
		last = pres
	}

	// Sign one message under a PKP key with the first presignature of the
	// last batch, from the last 2t+1 nodes, and verify independently.
	keyScalar := hd.KeyScalar([]byte("peers-bench-pkp"))
	pkp, err := hd.DerivePublic(pubs, &keyScalar)
	if err != nil {
		return nil, err
	}
	req := &tecdsa.SignRequest{
		KeyScalar: keyScalar,
		PublicKey: pkp,
		Hash:      sha256.Sum256([]byte("flint peers benchmark")),
		RequestID: []byte("peers-bench"),
	}
	q := 2*t + 1
	var shares []*tecdsa.SignatureShare
	for _, id := range ids[n-q:] {
		sh, err := last[id][0].Sign(keys[id], req)
		if err != nil {
			return nil, fmt.Errorf("node %d share: %w", id, err)
		}
		shares = append(shares, sh)
	}
	sig, bad, err := tecdsa.Combine(shares, q)
	if err != nil {
		return nil, fmt.Errorf("combine (bad shares %v): %w", bad, err)
	}
	uncompressed := secp.Uncompressed(&pkp)
	if err := verifySignature(req.Hash, sig.Bytes(), uncompressed[:]); err != nil {
		return nil, fmt.Errorf("flint signature: %w", err)
	}
	progress("n=%d t=%d: flint signature from %d shares verified", n, t, q)

	p := last[1][0]
	online, err := timeOnline(cfg.onlineRuns, cfg.onlineCalls, func() error {
		_, err := p.Sign(keys[1], req)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &result{signers: q, presignCPU: median(perParty), onlineShare: online}, nil
}

// flintDKG generates the root keys with every node in this process.
func flintDKG(ids []uint32, t int) (map[uint32]*tecdsa.KeyShare, error) {
	parties := map[uint32]mpc.Party{}
	dkgs := map[uint32]*tecdsa.DKG{}
	for _, id := range ids {
		g, err := tecdsa.NewDKG(tecdsa.Params{Self: id, Parties: ids, T: t, Leader: ids[0], Session: []byte("peers-bench-dkg")})
		if err != nil {
			return nil, err
		}
		dkgs[id], parties[id] = g, g
	}
	if err := mpctest.NewNetwork(parties).Run(); err != nil {
		return nil, err
	}
	keys := map[uint32]*tecdsa.KeyShare{}
	for id, g := range dkgs {
		ks, err := g.Result()
		if err != nil {
			return nil, fmt.Errorf("DKG at node %d: %w", id, err)
		}
		keys[id] = ks
	}
	return keys, nil
}

// flintPresign runs one batch of count presignatures with every node in this
// process and returns each node's presignatures.
func flintPresign(ids []uint32, t int, keys map[uint32]*tecdsa.KeyShare, count int) (map[uint32][]*tecdsa.Presignature, error) {
	batch := make([]byte, 16)
	if _, err := rand.Read(batch); err != nil {
		return nil, err
	}
	parties := map[uint32]mpc.Party{}
	ps := map[uint32]*tecdsa.Presign{}
	for _, id := range ids {
		p, err := tecdsa.NewPresign(tecdsa.Params{Self: id, Parties: ids, T: t, Leader: ids[0], Session: batch}, keys[id], count)
		if err != nil {
			return nil, err
		}
		ps[id], parties[id] = p, p
	}
	if err := mpctest.NewNetwork(parties).Run(); err != nil {
		return nil, err
	}
	out := map[uint32][]*tecdsa.Presignature{}
	for id, p := range ps {
		res, err := p.Result()
		if err != nil {
			return nil, fmt.Errorf("presign at node %d: %w", id, err)
		}
		if len(res) != count {
			return nil, fmt.Errorf("presign at node %d: %d presignatures, want %d", id, len(res), count)
		}
		out[id] = res
	}
	return out, nil
}
