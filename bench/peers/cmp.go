package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"
	"github.com/taurusgroup/multi-party-sig/pkg/ecdsa"
	"github.com/taurusgroup/multi-party-sig/pkg/math/curve"
	"github.com/taurusgroup/multi-party-sig/pkg/party"
	"github.com/taurusgroup/multi-party-sig/pkg/protocol"
	"github.com/taurusgroup/multi-party-sig/protocols/cmp"
)

// benchCMP runs CMP's key generation once for a committee of n with
// threshold t, then cfg.cmpRuns presignatures among the signer set, each
// followed by the online protocol whose signature is checked, and times one
// party's online share. The worker pool is nil throughout: each party then
// works on one goroutine, as Flint's parties do, and the pool (which has
// been seen to deadlock) stays out of the way.
func benchCMP(ctx context.Context, cfg *config, n, t int) (*result, error) {
	ids := make([]party.ID, n)
	for i := range ids {
		ids[i] = party.ID(strconv.Itoa(i + 1))
	}
	all := party.NewIDSlice(ids)
	signers := all[:cmpSignerCount(cfg.cmpSigners, n, t)]

	progress("n=%d t=%d: cmp keygen (%d parties; Paillier and Pedersen set-up, can take minutes)", n, t, n)
	start := time.Now()
	starts := map[party.ID]protocol.StartFunc{}
	for _, id := range all {
		// CMP's threshold is the corruption bound: a signer set needs at
		// least threshold+1 parties, the same t as Flint's.
		starts[id] = cmp.Keygen(curve.Secp256k1{}, id, all, t, nil)
	}
	var out map[party.ID]any
	keygenCPU, err := measureCPU(func() (err error) {
		out, err = runCMP(ctx, cfg.timeout, starts)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("keygen: %w", err)
	}
	configs := map[party.ID]*cmp.Config{}
	for id, r := range out {
		c, ok := r.(*cmp.Config)
		if !ok {
			return nil, fmt.Errorf("keygen at %s: result is %T", id, r)
		}
		configs[id] = c
	}
	pub, err := cmpPublicKey(configs[all[0]])
	if err != nil {
		return nil, err
	}
	for _, id := range all[1:] {
		other, err := cmpPublicKey(configs[id])
		if err != nil || !bytes.Equal(other, pub) {
			return nil, fmt.Errorf("keygen: party %s disagrees on the public key", id)
		}
	}
	progress("n=%d t=%d: cmp keygen done: %s wall, %s CPU per party (not counted below)",
		n, t, time.Since(start).Round(time.Millisecond), human(keygenCPU/float64(n)))

	var perParty, online []float64
	var pre *ecdsa.PreSignature
	for run := range cfg.cmpRuns {
		progress("n=%d t=%d: cmp presign %d/%d with %d signers", n, t, run+1, cfg.cmpRuns, len(signers))
		var pres map[party.ID]*ecdsa.PreSignature
		cpu, err := measureCPU(func() (err error) {
			pres, err = cmpPresign(ctx, cfg.timeout, configs, signers)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("presign: %w", err)
		}
		perParty = append(perParty, cpu/float64(len(signers)))
		progress("n=%d t=%d: cmp presign %d/%d: %s CPU per party", n, t, run+1, cfg.cmpRuns, human(perParty[run]))

		// Each presignature signs once, through CMP's online protocol;
		// every party's signature is checked independently.
		hash := sha256.Sum256([]byte("flint peers benchmark " + strconv.Itoa(run)))
		var sigs map[party.ID]*ecdsa.Signature
		cpu, err = measureCPU(func() (err error) {
			sigs, err = cmpOnline(ctx, cfg.timeout, configs, pres, hash)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("presign online: %w", err)
		}
		online = append(online, cpu/float64(len(signers)))
		for id, sig := range sigs {
			eth, err := cmpEthereumSignature(sig)
			if err != nil {
				return nil, fmt.Errorf("signature at %s: %w", id, err)
			}
			if err := verifySignature(hash, eth, pub); err != nil {
				return nil, fmt.Errorf("cmp signature at %s: %w", id, err)
			}
		}
		progress("n=%d t=%d: cmp signature from %d signers verified", n, t, len(signers))
		pre = pres[signers[0]]
	}

	// The share CMP's online round computes, σ_i = k_i·m + r·χ_i; repeating
	// it on one message signs nothing new.
	hash := sha256.Sum256([]byte("flint peers benchmark"))
	share, err := timeOnline(cfg.onlineRuns, cfg.onlineCalls, func() error {
		if pre.SignatureShare(hash[:]).IsZero() {
			return errors.New("zero signature share")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &result{signers: len(signers), presignCPU: median(perParty), onlineShare: share, onlineRound: median(online)}, nil
}

// cmpPresign runs cmp.Presign among the signers.
func cmpPresign(ctx context.Context, timeout time.Duration, configs map[party.ID]*cmp.Config, signers party.IDSlice) (map[party.ID]*ecdsa.PreSignature, error) {
	starts := map[party.ID]protocol.StartFunc{}
	for _, id := range signers {
		starts[id] = cmp.Presign(configs[id], signers, nil)
	}
	out, err := runCMP(ctx, timeout, starts)
	if err != nil {
		return nil, err
	}
	pres := map[party.ID]*ecdsa.PreSignature{}
	for id, r := range out {
		p, ok := r.(*ecdsa.PreSignature)
		if !ok {
			return nil, fmt.Errorf("party %s: result is %T", id, r)
		}
		if err := p.Validate(); err != nil {
			return nil, fmt.Errorf("party %s: %w", id, err)
		}
		pres[id] = p
	}
	return pres, nil
}

// cmpOnline runs cmp.PresignOnline for hash with each signer's presignature.
func cmpOnline(ctx context.Context, timeout time.Duration, configs map[party.ID]*cmp.Config, pres map[party.ID]*ecdsa.PreSignature, hash [32]byte) (map[party.ID]*ecdsa.Signature, error) {
	starts := map[party.ID]protocol.StartFunc{}
	for id, p := range pres {
		starts[id] = cmp.PresignOnline(configs[id], p, hash[:], nil)
	}
	out, err := runCMP(ctx, timeout, starts)
	if err != nil {
		return nil, err
	}
	sigs := map[party.ID]*ecdsa.Signature{}
	for id, r := range out {
		s, ok := r.(*ecdsa.Signature)
		if !ok {
			return nil, fmt.Errorf("party %s: result is %T", id, r)
		}
		sigs[id] = s
	}
	return sigs, nil
}

// cmpPublicKey returns the group's public key, uncompressed (65 bytes).
func cmpPublicKey(c *cmp.Config) ([]byte, error) {
	b, err := c.PublicPoint().MarshalBinary()
	if err != nil {
		return nil, err
	}
	pk, err := secp256k1.ParsePubKey(b)
	if err != nil {
		return nil, fmt.Errorf("cmp public key: %w", err)
	}
	return pk.SerializeUncompressed(), nil
}

// cmpEthereumSignature turns CMP's (R, s) into r ‖ s ‖ v with low s, as an
// Ethereum verifier wants it: r = x(R) mod N, v = parity of y(R) (+2 if
// x(R) ≥ N), flipped when s is negated.
func cmpEthereumSignature(sig *ecdsa.Signature) ([65]byte, error) {
	var out [65]byte
	point, err := sig.R.MarshalBinary() // 0x02/0x03 ‖ x(R)
	if err != nil {
		return out, err
	}
	sb, err := sig.S.MarshalBinary()
	if err != nil {
		return out, err
	}
	if len(point) != 33 || len(sb) != 32 {
		return out, fmt.Errorf("%w: unexpected encoding", errBadSignature)
	}
	v := point[0] - 2
	var r, s secp256k1.ModNScalar
	if r.SetByteSlice(point[1:]) {
		v += 2 // x(R) was reduced mod N
	}
	s.SetByteSlice(sb)
	if s.IsOverHalfOrder() {
		s.Negate()
		v ^= 1
	}
	r.PutBytesUnchecked(out[:32])
	s.PutBytesUnchecked(out[32:64])
	out[64] = v
	return out, nil
}

// runCMP runs one protocol with every party in this process over an
// in-memory router and returns each party's result. Each party has two
// goroutines: one feeds its inbox to Accept, one drains what it sends
// (Listen) into the others' inboxes, so a party blocked handing out a message
// never blocks its own delivery. The library closes Listen's channel when the
// party has its result or has aborted.
func runCMP(ctx context.Context, timeout time.Duration, starts map[party.ID]protocol.StartFunc) (map[party.ID]any, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	session := make([]byte, 32)
	if _, err := rand.Read(session); err != nil {
		return nil, err
	}
	handlers := map[party.ID]*protocol.MultiHandler{}
	for id, start := range starts {
		h, err := protocol.NewMultiHandler(start, session)
		if err != nil {
			return nil, fmt.Errorf("party %s: %w", id, err)
		}
		handlers[id] = h
	}
	// An inbox holds every message a party can be sent in one run (at most
	// two per peer per round, and CMP's protocols have at most 8 rounds), so
	// routing never blocks.
	size := 32 * len(starts)
	inbox := map[party.ID]chan *protocol.Message{}
	done := map[party.ID]chan struct{}{}
	for id := range handlers {
		inbox[id] = make(chan *protocol.Message, size)
		done[id] = make(chan struct{})
	}
	for id, h := range handlers {
		go func() {
			defer close(done[id])
			for msg := range h.Listen() {
				for to, box := range inbox {
					if msg.IsFor(to) {
						select {
						case box <- msg:
						case <-ctx.Done():
							return
						}
					}
				}
			}
		}()
		go func() {
			for {
				select {
				case msg := <-inbox[id]:
					h.Accept(msg)
				case <-done[id]:
					return
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	for id := range handlers {
		select {
		case <-done[id]:
		case <-ctx.Done():
			return nil, fmt.Errorf("party %s did not finish: %w", id, ctx.Err())
		}
	}
	results := map[party.ID]any{}
	for id, h := range handlers {
		r, err := h.Result()
		if err != nil {
			return nil, fmt.Errorf("party %s: %w", id, err)
		}
		results[id] = r
	}
	return results, nil
}
