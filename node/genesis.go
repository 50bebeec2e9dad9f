package node

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/flint-network/flint/chain"
	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/bls/dkg"
	"github.com/flint-network/flint/crypto/mpc"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/tecdsa"
	"github.com/flint-network/flint/node/session"
	"github.com/flint-network/flint/node/signing"
	"github.com/flint-network/flint/node/store"
)

// Genesis: when the registered node set first comes up and holds no keys,
// the node with the lowest index leads the DKG of the 10 ECDSA root keys and
// of the BLS root key (both sessions at once), then collects a quorum of node
// signatures over the root public keys and publishes them on the router. The
// leader only names the session and its parties: every node takes the BLS
// DKG's encryption keys from the registry itself (view.dkgParticipants).
// Every node stores its shares, sealed, as soon as its DKG finishes; a failed
// attempt is retried with fresh sessions and overwrites them.

func ecdsaShareName(epoch uint64) string { return "ecdsa/" + strconv.FormatUint(epoch, 10) }
func blsShareName(epoch uint64) string   { return "bls/" + strconv.FormatUint(epoch, 10) }

// loadKeys puts the stored shares of the current epoch in place, if any.
func (n *Node) loadKeys(ctx context.Context) error {
	v := n.view()
	rawE, errE := n.store.Secret(ecdsaShareName(v.epoch))
	rawB, errB := n.store.Secret(blsShareName(v.epoch))
	if errors.Is(errE, store.ErrNotFound) || errors.Is(errB, store.ErrNotFound) {
		n.log.Info("no key shares for this epoch yet: genesis", "epoch", v.epoch)
		return nil
	}
	if errE != nil {
		return errE
	}
	if errB != nil {
		return errB
	}
	ks, err := tecdsa.UnmarshalKeyShare(rawE)
	if err != nil {
		return fmt.Errorf("node: stored ECDSA share: %w", err)
	}
	bs, err := bls.UnmarshalKeyShare(rawB)
	if err != nil {
		return fmt.Errorf("node: stored BLS share: %w", err)
	}
	n.setKeys(v.epoch, ks, bs)
	n.checkPublished(ctx)
	return nil
}

func (n *Node) setKeys(epoch uint64, ks *tecdsa.KeyShare, bs *bls.KeyShare) {
	n.state.Store(&keyState{epoch: epoch, ecdsa: ks, bls: bs, roots: ks.PublicKeys(), blsPub: bs.PublicPoly().PublicKey()})
	n.log.Info("key shares in place", "epoch", epoch, "bls", bs.PublicPoly().PublicKey().String())
}

// rootKeys returns the root public keys as the router stores them.
func (st *keyState) rootKeys() chain.RootKeys {
	rk := chain.RootKeys{BLS: st.blsPub.Bytes()}
	for i := range st.roots {
		u := secp.Uncompressed(&st.roots[i])
		rk.ECDSA = append(rk.ECDSA, u[:])
	}
	return rk
}

// checkPublished compares the root keys on chain with ours; the node is
// ready once they match.
func (n *Node) checkPublished(ctx context.Context) {
	st := n.state.Load()
	if st == nil || n.published.Load() {
		return
	}
	// Root keys are published once, at genesis; resharing keeps them, so a
	// later epoch's shares are checked against the same keys.
	on, err := n.chain.RootKeys(ctx)
	if err != nil || on.Epoch > st.epoch {
		return
	}
	mine := st.rootKeys()
	same := slices.EqualFunc(on.ECDSA, mine.ECDSA, func(a, b []byte) bool { return string(a) == string(b) }) && string(on.BLS) == string(mine.BLS)
	if !same {
		n.log.Error("the root keys on chain are not the ones this node holds shares of: it cannot serve until its shares are restored or reshared", "epoch", st.epoch)
		return
	}
	if n.published.CompareAndSwap(false, true) { // watchChain and genesis both check
		close(n.ready)
		n.log.Info("ready: root keys on chain match this node's shares", "epoch", st.epoch)
	}
}

// runGenesis leads the genesis DKG when this node is the lowest index and
// keys are missing; other nodes only answer.
func (n *Node) runGenesis(ctx context.Context) {
	backoff := time.Second
	failedPublishes := 0
	for {
		if n.published.Load() {
			return
		}
		v := n.view()
		switch {
		case n.state.Load() != nil:
			if v.self != v.indices[0] {
				break
			}
			err := n.publishRootKeys(ctx)
			if err == nil {
				failedPublishes = 0
				break
			}
			n.log.Warn("publishing root keys", "err", err)
			if failedPublishes++; failedPublishes >= genesisPublishAttempts {
				// Some node holds no shares of these keys (a dealer withheld
				// its deal from it, say): they are not published, so run the
				// DKG again rather than leave a node without its share.
				n.log.Warn("not every node signs the root keys: running the genesis DKG again")
				n.state.Store(nil)
				failedPublishes = 0
			}
		case v.self == v.indices[0] && len(n.live(v)) == len(v.indices):
			if _, err := n.chain.RootKeys(ctx); err == nil {
				// Keys exist: a node of a later epoch without its shares
				// (it missed a resharing) must not make new ones.
				n.log.Warn("root keys are on chain but this node holds no shares of them: no genesis; it serves again after the next resharing", "epoch", v.epoch)
				backoff = 30 * time.Second
				break
			}
			if missing := v.missingDKGKeys(); len(missing) > 0 {
				n.log.Info("genesis waits until every node's DKG key is in the registry", "missing", missing)
				break
			}
			if err := n.leadGenesis(ctx, v); err != nil && ctx.Err() == nil {
				n.log.Warn("genesis attempt failed; retrying", "err", err, "in", backoff)
				backoff = min(2*backoff, 30*time.Second)
			} else {
				backoff = time.Second
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(backoff):
		}
	}
}

// leadGenesis runs both DKGs as their leader and waits for its own results.
// The headers carry no keys: each party reads them from the registry.
func (n *Node) leadGenesis(ctx context.Context, v *view) error {
	n.log.Info("leading the genesis DKG", "nodes", len(v.indices), "t", v.t)
	headers := []*session.Header{
		{Protocol: session.ProtocolECDSAKeygen, ID: randomID(32), Epoch: v.epoch, Leader: v.self, Parties: v.indices},
		{Protocol: session.ProtocolBLSKeygen, ID: randomID(32), Epoch: v.epoch, Leader: v.self, Parties: v.indices},
	}
	// Both parties first, so that neither session starts when the other
	// cannot (a DKG key missing from the registry, say).
	parties := make([]mpc.Party, len(headers))
	for i, h := range headers {
		p, err := n.makeParty(h)
		if err != nil {
			return err
		}
		parties[i] = p
	}
	var waits []chan error
	for i, h := range headers {
		ch := make(chan error, 1)
		n.genesisMu.Lock()
		n.genesisRes[string(h.ID)] = ch
		n.genesisMu.Unlock()
		if err := n.engine.Start(h, parties[i]); err != nil {
			return err
		}
		waits = append(waits, ch)
	}
	for _, ch := range waits {
		select {
		case err := <-ch:
			if err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return n.publishRootKeys(ctx)
}

func randomID(size int) []byte {
	b := make([]byte, size)
	rand.Read(b)
	return b
}

// newParty is the session engine's factory for sessions started by peers.
func (n *Node) newParty(h *session.Header, from uint32) (mpc.Party, error) {
	v := n.view()
	reshare := h.Protocol == session.ProtocolECDSAReshare || h.Protocol == session.ProtocolBLSReshare
	// A resharing names the next epoch (checkReshareHeader), and so does a
	// batch the next committee makes before the switch.
	nextBatch := h.Protocol == session.ProtocolPresign && v.next != nil && h.Epoch == v.next.epoch
	if h.Epoch != v.epoch && !reshare && !nextBatch {
		return nil, fmt.Errorf("epoch %d, current %d", h.Epoch, v.epoch)
	}
	if reshare {
		// Before the registration check: a joiner is not registered in a
		// view that has not read the lock yet, and that is "busy".
		if err := n.checkReshareHeader(v, h); err != nil {
			return nil, err
		}
	}
	for _, id := range h.Parties {
		if _, ok := v.nodes[id]; !ok {
			return nil, fmt.Errorf("party %d is not registered", id)
		}
	}
	switch h.Protocol {
	case session.ProtocolECDSAKeygen, session.ProtocolBLSKeygen:
		if n.published.Load() {
			// Until the root keys are on chain a genesis DKG may run again
			// (overwriting unused shares); after, never.
			return nil, errors.New("this node already holds the published keys of the epoch")
		}
		if h.Leader != v.indices[0] || !slices.Equal(h.Parties, v.indices) {
			return nil, errors.New("a genesis DKG is led by the lowest index over every registered node")
		}
	case session.ProtocolECDSAReshare, session.ProtocolBLSReshare:
		// checked above
	case session.ProtocolPresign:
		if nextBatch && n.pendingFor(h.Epoch) == nil {
			return nil, fmt.Errorf("%w: no share of epoch %d stored yet", session.ErrBusy, h.Epoch)
		}
		if !nextBatch && n.state.Load() == nil {
			// Right after genesis the batch leader may be ahead of this node:
			// ask it to retry rather than drop out of the batch.
			return nil, fmt.Errorf("%w: no key shares yet", session.ErrBusy)
		}
		if n.engine.Active() > 4*len(v.indices) {
			return nil, session.ErrBusy
		}
		if err := n.acceptBatch(h, time.Now()); err != nil {
			return nil, err
		}
		if nextBatch {
			n.pool.markFuture([16]byte(h.ID), h.Epoch, v.next.t)
		}
	default:
		return nil, fmt.Errorf("protocol %d not accepted", h.Protocol)
	}
	return n.makeParty(h)
}

// batchClockSkew bounds how far a batch's birth time (its leader's clock)
// may be from this node's.
const batchClockSkew = 10 * time.Minute

// acceptBatch decides whether this node joins a batch another node leads:
// not from a leader backing off for failed batches, not one born before this
// store's floor, nor one whose birth time is far from this node's clock (it
// would outlive its age limit).
func (n *Node) acceptBatch(h *session.Header, now time.Time) error {
	if n.suspects.excluded(h.Leader, now) {
		return fmt.Errorf("batches led by node %d are refused for a while: its recent ones failed", h.Leader)
	}
	if int(h.Count) > n.cfg.Pool.Batch*maxBatchFactor {
		return fmt.Errorf("a batch of %d presignatures; this node takes at most %d", h.Count, n.cfg.Pool.Batch*maxBatchFactor)
	}
	if len(h.ID) != 16 {
		return fmt.Errorf("batch id of %d bytes", len(h.ID))
	}
	born, ok := batchBorn([16]byte(h.ID))
	owner, _ := signing.BatchOwner([16]byte(h.ID))
	switch {
	case !ok:
		return errors.New("a batch id without a birth time")
	case owner != h.Leader:
		return fmt.Errorf("a batch led by node %d whose id names node %d as its owner", h.Leader, owner)
	case born.Before(n.signerFloor):
		return fmt.Errorf("a batch born %s, before this store's floor", born.UTC().Format(time.RFC3339))
	case born.Sub(now) > batchClockSkew || now.Sub(born) > batchClockSkew:
		return fmt.Errorf("a batch born %s, more than %s from this node's clock", born.UTC().Format(time.RFC3339), batchClockSkew)
	}
	// An honest leader runs one batch at a time and holds at most twice its
	// high water mark; a leader past either gets this node's CPU and disk
	// later.
	if !n.pool.join([16]byte(h.ID), h.Leader, maxJoinedPerLeader, maxBatchFactor*2*n.cfg.Pool.High, now) {
		return fmt.Errorf("%w: node %d runs or holds as many batches here as it may", session.ErrBusy, h.Leader)
	}
	n.pool.joinedWith([16]byte(h.ID), h.Parties)
	return nil
}

// Bounds on what one leader's batches may take of this node.
const (
	maxJoinedPerLeader = 2 // batches of one leader running here at once
	maxBatchFactor     = 2 // a batch of at most this many times this node's pool.batch; presignatures held of one owner, this many times its own bound
)

// makeParty builds this node's party for a session.
func (n *Node) makeParty(h *session.Header) (mpc.Party, error) {
	v := n.view()
	params := tecdsa.Params{Self: v.self, Parties: h.Parties, T: v.t, Leader: h.Leader, Session: h.ID}
	switch h.Protocol {
	case session.ProtocolECDSAKeygen:
		return tecdsa.NewDKG(params)
	case session.ProtocolBLSKeygen:
		if len(h.Extra) != 0 {
			// Keys travel only through the registry; a header that carries
			// any comes from a leader that is not following the protocol.
			return nil, errors.New("a BLS keygen header carries nothing extra: every node reads the DKG keys from the registry")
		}
		parts, err := v.dkgParticipants(h.Parties)
		if err != nil {
			return nil, err
		}
		return dkg.New(dkg.Config{Self: v.self, Identity: n.dkgID, Nodes: parts, Threshold: 2*v.t + 1, Session: h.ID})
	case session.ProtocolECDSAReshare, session.ProtocolBLSReshare:
		return n.makeReshareParty(v, h)
	case session.ProtocolPresign:
		var key *tecdsa.KeyShare
		if v.next != nil && h.Epoch == v.next.epoch {
			// The next committee's batch before the switch: its t and the
			// pending shares (only their indices and t matter here).
			key, params.T = n.pendingFor(h.Epoch), v.next.t
		} else if st := n.state.Load(); st != nil {
			key = st.ecdsa
		}
		if key == nil {
			return nil, errors.New("no key shares yet")
		}
		var batch [16]byte
		copy(batch[:], h.ID)
		if !slices.Contains(h.Parties, h.Leader) || (h.Leader == v.self && !n.pool.isLeading(batch)) {
			// Only a party leads, and this node leads only what it started.
			return nil, fmt.Errorf("presignature batch led by %d, which is not a party or not this node's", h.Leader)
		}
		p, err := tecdsa.NewPresign(params, key, int(h.Count))
		if err == nil && n.cfg.Adversary != nil && n.cfg.Adversary.WrongOpenings {
			return &adversaryParty{Party: p}, nil
		}
		return p, err
	}
	return nil, fmt.Errorf("protocol %d not accepted", h.Protocol)
}

// finished takes a session's outcome.
func (n *Node) finished(h *session.Header, p mpc.Party) {
	if a, ok := p.(*adversaryParty); ok {
		p = a.Party
	}
	var err error
	switch party := p.(type) {
	case *reshareParty:
		err = n.finishReshare(h, party)
	case *dkg.Party:
		if h.Protocol == session.ProtocolBLSReshare {
			err = n.finishReshare(h, party)
		} else {
			err = n.finishBLSKeygen(h, party)
		}
	case *tecdsa.DKG:
		err = n.finishECDSAKeygen(h, party)
	case *tecdsa.Presign:
		n.finishPresign(h, party)
		return
	}
	if err != nil {
		n.log.Warn("session failed", "session", h.String(), "err", err)
	}
	n.genesisMu.Lock()
	ch, ok := n.genesisRes[string(h.ID)]
	delete(n.genesisRes, string(h.ID))
	n.genesisMu.Unlock()
	if ok {
		ch <- err
	}
}

// pending genesis results of this epoch, until both are in.
func (n *Node) finishECDSAKeygen(h *session.Header, g *tecdsa.DKG) error {
	if !g.Done() {
		return errors.New("ECDSA DKG abandoned")
	}
	ks, err := g.Result()
	if err != nil {
		return fmt.Errorf("ECDSA DKG: %w", err)
	}
	raw, err := ks.MarshalBinary()
	if err != nil {
		return err
	}
	if err := n.store.PutSecret(ecdsaShareName(h.Epoch), raw); err != nil {
		return err
	}
	n.log.Info("ECDSA root-key DKG done", "qualified", g.Qualified())
	return n.maybeKeysDone(h.Epoch)
}

func (n *Node) finishBLSKeygen(h *session.Header, p *dkg.Party) error {
	if !p.Done() {
		return errors.New("BLS DKG abandoned")
	}
	res, err := p.Result()
	if err != nil {
		return fmt.Errorf("BLS DKG: %w", err)
	}
	raw, err := res.Share.MarshalBinary()
	if err != nil {
		return err
	}
	if err := n.store.PutSecret(blsShareName(h.Epoch), raw); err != nil {
		return err
	}
	n.log.Info("BLS root-key DKG done", "qualified", res.Qualified)
	return n.maybeKeysDone(h.Epoch)
}

// maybeKeysDone puts the keys in place once both DKGs of the epoch are in.
func (n *Node) maybeKeysDone(epoch uint64) error {
	rawE, errE := n.store.Secret(ecdsaShareName(epoch))
	rawB, errB := n.store.Secret(blsShareName(epoch))
	if errE != nil || errB != nil {
		return nil // the other DKG is still running
	}
	ks, err := tecdsa.UnmarshalKeyShare(rawE)
	if err != nil {
		return err
	}
	bs, err := bls.UnmarshalKeyShare(rawB)
	if err != nil {
		return err
	}
	if n.pool != nil { // tests of the DKG alone run without one
		n.pool.setServing(epoch, nil)
	}
	n.setKeys(epoch, ks, bs)
	return nil
}

// genesisPublishAttempts is how often the genesis leader tries to collect
// every node's signature over the root keys before it makes them again.
const genesisPublishAttempts = 10

// publishRootKeys collects every node's signature over the root keys and
// sends them to the router (the genesis leader does this).
func (n *Node) publishRootKeys(ctx context.Context) error {
	st := n.state.Load()
	if st == nil || n.published.Load() {
		return nil
	}
	if on, err := n.chain.RootKeys(ctx); err == nil && on.Epoch <= st.epoch {
		n.checkPublished(ctx)
		return nil
	}
	v := n.view()
	rk := st.rootKeys()
	digest := n.chain.RootKeysDigest(st.epoch, rk)
	body := encodeRootKeys(st.epoch, rk)
	// Every node, not only a quorum: a node that holds no shares of these
	// keys (it dropped out of the DKG) cannot sign, and the keys are then
	// made again rather than published without it.
	var sigs [][]byte
	var missing []uint32
	for _, id := range v.indices {
		var sig []byte
		var err error
		if id == v.self {
			sig, err = chain.Sign(digest, n.keys.identity)
		} else {
			cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
			sig, err = n.peers.Call(cctx, id, kindRootSig, body)
			cancel()
		}
		if err != nil {
			n.log.Info("root keys not signed yet", "node", id, "err", err)
			missing = append(missing, id)
			continue
		}
		sigs = append(sigs, sig)
	}
	if len(missing) > 0 {
		return fmt.Errorf("%d of %d signatures over the root keys; not signed by %v", len(sigs), len(v.indices), missing)
	}
	auth := n.chain.Transactor(n.keys.identity)
	if _, err := n.chain.SetRootKeys(ctx, auth, st.epoch, rk, sigs); err != nil && !errors.Is(err, chain.ErrRootKeysSet) {
		return fmt.Errorf("setRootKeys: %w", err)
	}
	n.log.Info("root keys published", "epoch", st.epoch)
	n.checkPublished(ctx)
	return nil
}

func encodeRootKeys(epoch uint64, rk chain.RootKeys) []byte {
	b := binary.BigEndian.AppendUint64(nil, epoch)
	for _, k := range rk.ECDSA {
		b = append(b, k...)
	}
	return append(b, rk.BLS...)
}

// signRootKeys answers the leader: it signs only the root keys this node
// holds shares of.
func (n *Node) signRootKeys(body []byte) ([]byte, error) {
	st := n.state.Load()
	if st == nil {
		return nil, errors.New("no key shares yet")
	}
	if string(body) != string(encodeRootKeys(st.epoch, st.rootKeys())) {
		return nil, fmt.Errorf("%w: these are not the root keys this node holds", errPeerRefused)
	}
	return chain.Sign(n.chain.RootKeysDigest(st.epoch, st.rootKeys()), n.keys.identity)
}
