package node

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/flint-network/flint/auth"
	"github.com/flint-network/flint/crypto/bls"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/node/epochs"
	"github.com/flint-network/flint/wire"
)

// url is this node's client URL as the SDK and session signatures name it:
// https when the API serves TLS (the registry's entry says https only on
// port 443, the Lit SDK's rule, but this node knows better).
func (n *Node) url() string {
	if n.cfg.API.TLS() {
		return "https://" + n.cfg.APIListen
	}
	v := n.view()
	if nd, ok := v.nodes[v.self]; ok {
		return nd.URL()
	}
	return "http://" + n.cfg.APIListen
}

// authenticate is the one place that decides who a request comes from. Signing
// and Actions accept only session signatures made for this node (as Lit's /v1
// endpoints do): a wallet AuthSig is valid at every node, so any node it was
// sent to could replay it at the others and collect a quorum. need may be nil
// when the resource is known only later; the caller then asks
// Identity.Allows (see allows).
func (n *Node) authenticate(ctx context.Context, raw json.RawMessage, need *auth.ResourceAbility) (*auth.Identity, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, invalid("NodeMissingAuthSig", "authSig is required")
	}
	return n.pkpSessionChecked(ctx)(n.auth.Verify(ctx, raw, auth.Options{Now: time.Now(), NodeURL: n.url(), Need: need,
		Domains: n.cfg.AuthDomains, Contracts: contractVerifier{n}, NetworkKey: n.networkKey()}))
}

// networkKey is the network's BLS public key, which signs PKP session
// capabilities; nil before the node has its key share.
func (n *Node) networkKey() *bls.PublicKey {
	st := n.state.Load()
	if st == nil {
		return nil
	}
	k := st.blsPub
	return &k
}

// pkpSessionChecked returns a filter for Verify's answer that, for a PKP
// session, checks that the PKP still permits the session's logins (per
// block: a revoked login stops working within one).
func (n *Node) pkpSessionChecked(ctx context.Context) func(*auth.Identity, error) (*auth.Identity, error) {
	return func(id *auth.Identity, err error) (*auth.Identity, error) {
		if err != nil || id.AuthContext == nil {
			return id, err
		}
		if err := n.checkPKPSession(ctx, id); err != nil {
			return nil, err
		}
		return id, nil
	}
}

// authenticateOrWallet is authenticate for the endpoints that also take a
// wallet AuthSig, as Lit's did for decryption: its ReCap must name exactly
// need, and its nonce must be a block hash this node saw lately (so a
// captured one stops working within auth.DefaultWalletLifetime).
func (n *Node) authenticateOrWallet(ctx context.Context, raw json.RawMessage, need auth.ResourceAbility) (*auth.Identity, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, invalid("NodeMissingAuthSig", "authSig is required")
	}
	wallet := &auth.WalletPolicy{RecentNonce: func(nonce string) bool {
		if n.recentHashes.recent(nonce, time.Now()) {
			return true
		}
		// The client may have a block from another node's handshake that
		// this node's poll has not reached yet: read the head once more.
		n.refreshHead(ctx)
		return n.recentHashes.recent(nonce, time.Now())
	}}
	return n.pkpSessionChecked(ctx)(n.auth.Verify(ctx, raw, auth.Options{Now: time.Now(), NodeURL: n.url(), Need: &need, Wallet: wallet,
		Domains: n.cfg.AuthDomains, Contracts: contractVerifier{n}, NetworkKey: n.networkKey()}))
}

// allows refuses an authenticated identity that was not granted need.
func allows(id *auth.Identity, need auth.ResourceAbility) error {
	if !id.Allows(need) {
		return fmt.Errorf("%w: the session does not grant %s on %s", auth.ErrNotGranted, need.Ability, need.Resource.Key())
	}
	return nil
}

// checkEpoch accepts 0 (not given), the current epoch and the previous one.
// A request naming the epoch this node is about to switch to — the client
// heard of the advance from a node that read it first — waits for the
// switch (up to switchWait), so that it is served with the new shares here
// as at the others.
func (n *Node) checkEpoch(ctx context.Context, epoch uint64) error {
	v := n.view()
	if n.switchingTo(v, epoch) {
		if err := n.awaitSwitch(ctx, epoch); err != nil {
			return err
		}
		v = n.view()
	}
	cur := v.epoch
	if epoch != 0 && epoch != cur && epoch+1 != cur {
		return invalid("NodeInvalidEpoch", fmt.Sprintf("epoch %d; this node is at %d", epoch, cur))
	}
	st := n.state.Load()
	if st == nil || st.epoch >= cur {
		return nil
	}
	_, err := n.store.Secret(ecdsaShareName(cur)) // only while this node lags the registry
	return keysBehind(st, cur, epoch, err == nil)
}

// switchWait bounds how long a request naming the next epoch waits for this
// node's switch: every node reads an advance within a block poll or so of
// the others.
const switchWait = 3 * time.Second

// switchingTo reports whether epoch is one this node holds stored shares of
// but has not put in place yet, and that the registry shows current or
// ready to advance to (3t'+1 new nodes signalled).
func (n *Node) switchingTo(v *view, epoch uint64) bool {
	st := n.state.Load()
	if epoch == 0 || (st != nil && epoch <= st.epoch) || n.epoch == nil {
		return false // nothing to wait for, or no epoch driver to switch
	}
	if epoch != v.epoch && (v.next == nil || v.next.epoch != epoch || v.state != epochs.Ready) {
		return false
	}
	_, err := n.store.Secret(ecdsaShareName(epoch))
	return err == nil
}

// awaitSwitch waits until this node's shares in place are of epoch and
// checked against the root keys on chain.
func (n *Node) awaitSwitch(ctx context.Context, epoch uint64) error {
	ctx, cancel := context.WithTimeout(ctx, switchWait)
	defer cancel()
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		if st := n.state.Load(); st != nil && st.epoch >= epoch && n.published.Load() {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("%w: the shares of epoch %d are not in place here yet (switchWait %s)", ErrNotReady, epoch, switchWait)
		case <-t.C:
		}
	}
}

// keysBehind reports ErrNotReady when the shares in st are of an epoch
// before the registry's current one, cur, this node holds none of cur
// (switching is false), and the request (epoch, 0 = not given) is not for
// the epoch of st's shares.
func keysBehind(st *keyState, cur, epoch uint64, switching bool) error {
	if st == nil || st.epoch >= cur || switching || (epoch != 0 && epoch <= st.epoch) {
		return nil
	}
	return fmt.Errorf("%w: this node holds shares of epoch %d, the network is at %d", ErrNotReady, st.epoch, cur)
}

// handleHandshake answers with the network's keys. Keys are hex without 0x:
// a 0x-prefixed BLS key breaks the SDK's encrypt.
func (n *Node) handleHandshake(w http.ResponseWriter, r *http.Request) (any, error) {
	var req wire.HandshakeRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	// A client that read an advance before this node did (the Lit SDK
	// reconnects on StateChanged, and gives up on the whole network when one
	// handshake fails) waits for this node's switch, as its requests do.
	// A joiner that has not read the advance yet, holding the next
	// epoch's shares while the registry shows it ready, waits the same way.
	if v := n.view(); n.switchingTo(v, v.epoch) {
		if err := n.awaitSwitch(r.Context(), v.epoch); err != nil {
			return nil, err
		}
	} else if n.state.Load() == nil && n.switchingTo(v, v.epoch+1) {
		if err := n.awaitSwitch(r.Context(), v.epoch+1); err != nil {
			return nil, err
		}
	}
	st := n.state.Load()
	if st == nil || !n.published.Load() {
		return nil, ErrNotReady
	}
	v := n.view()
	blsHex := hex.EncodeToString(st.blsPub.Bytes())
	roots := make([]string, len(st.roots))
	for i := range st.roots {
		c := secp.Compress(&st.roots[i])
		roots[i] = hex.EncodeToString(c[:])
	}
	bh, _ := n.blockHash.Load().(string)
	if bh == "" {
		return nil, ErrNotReady
	}
	return wire.Handshake{
		ServerPublicKey:     "",
		SubnetPublicKey:     blsHex,
		NetworkPublicKey:    blsHex,
		NetworkPublicKeySet: blsHex,
		HDRootPubkeys:       roots,
		LatestBlockhash:     bh,
		ClientSDKVersion:    r.Header.Get("X-Lit-SDK-Version"),
		Attestation:         nil,
		NodeAddress:         n.address,
		NodeIndex:           v.self,
		Epoch:               v.epoch,
		Threshold:           v.t,
		Quorum:              v.quorum,
		BLSPublicPoly:       hex.EncodeToString(st.bls.PublicPoly().Bytes()),
		NodeIndices:         slices.Clone(v.indices),
	}, nil
}

func quotedHex(b []byte) string { return `"` + strings.ToUpper(hex.EncodeToString(b)) + `"` }

// handlePKPSign serves /web/pkp/sign and /web/pkp/sign/v1.
func (n *Node) handlePKPSign(w http.ResponseWriter, r *http.Request) (any, error) {
	var req wire.PKPSignRequest
	if err := decodeBody(r, &req); err != nil {
		return nil, err
	}
	rid, _ := r.Context().Value(ctxRequestID).(string)
	if rid == "" {
		return nil, invalid("NodeMissingRequestId", "X-Request-Id is required: every node must see the same id for one signature")
	}
	if len(req.ToSign) != 32 {
		return nil, invalid("NodeInvalidMessageLength", fmt.Sprintf("toSign must be exactly 32 bytes (a hash), got %d", len(req.ToSign)))
	}
	pub, err := parseHex(req.Pubkey)
	if err != nil || (len(pub) != 65 && len(pub) != 33) {
		return nil, invalid("NodeInvalidPublicKey", "pubkey must be a 33- or 65-byte secp256k1 public key in hex")
	}
	note := usageOf(r.Context())
	note.sign(pub, req.ToSign)
	var hash [32]byte
	copy(hash[:], req.ToSign)
	key, release, err := n.authorizeSign(r.Context(), &req, pub, note)
	if err != nil {
		// Tell the request's other nodes when this node leads it: they would
		// otherwise wait out the bind wait for a binding that never comes.
		n.tellRefused([]byte(rid), hash, pub, err)
		return nil, err
	}
	defer release()
	ans, err := n.signer.share(r.Context(), &shareRequest{requestID: []byte(rid), hash: hash, key: key, plain: req.PlainShares, epoch: req.Epoch})
	if err != nil {
		return nil, err
	}
	note.presig(ans.binding.Presig.String())
	requestLog(r.Context(), n.log).Debug("pkp sign", "signer", ans.sigma != nil, "presig", ans.binding.Presig.String())
	signed := make([]int, 32)
	for i, b := range hash {
		signed[i] = int(b)
	}
	resp := wire.PKPSignAnswer{Success: true, SignedData: signed, Presignature: ans.binding.Presig.String()}
	if ans.sigma == nil {
		resp.SignatureShare = &wire.PKPSignShare{Digest: "fail", Result: "fail"}
		return resp, nil
	}
	sb := ans.sigma.Bytes()
	rc := secp.Compress(&ans.r)
	u := secp.Uncompressed(&key.pub)
	index := 0 // Lit's nodes always say 0; the SDK only adds weighted shares
	if ans.binding.Plain {
		index = int(n.view().self)
	}
	resp.SignatureShare = &wire.PKPSignShare{
		Digest:         quotedHex(hash[:]),
		Result:         "success",
		ShareIndex:     index,
		SignatureShare: quotedHex(sb[:]),
		BigR:           quotedHex(rc[:]),
		PublicKey:      quotedHex(u[:]),
		SigType:        "K256",
	}
	return resp, nil
}

// authorizeSign decides whether this node serves a PKP sign request: the
// epoch, the caller, its quotas, its right to the PKP. release gives back
// the caller's signing slot.
func (n *Node) authorizeSign(ctx context.Context, req *wire.PKPSignRequest, pub []byte, note *usageNote) (key *pkpKey, release func(), err error) {
	if err := n.checkEpoch(ctx, req.Epoch); err != nil {
		return nil, nil, err
	}
	// Authenticate before the PKP lookup, which may cost chain reads.
	id, err := n.authenticate(ctx, req.AuthSig, nil)
	if err != nil {
		return nil, nil, err
	}
	note.caller(id)
	// The caller's quota before anything that costs chain reads or a
	// presignature.
	caller := id.Address.Hex()
	if err := n.quota.allow(quotaSign, "perCaller", caller); err != nil {
		return nil, nil, err
	}
	key, token, err := n.pkp(ctx, pub)
	if err != nil {
		return nil, nil, err
	}
	var tokenBytes [32]byte
	token.FillBytes(tokenBytes[:])
	if err := allows(id, auth.ResourceAbility{Resource: auth.PKPResource(tokenBytes), Ability: auth.AbilityPKPSigning}); err != nil {
		return nil, nil, err
	}
	if err := n.mayUse(ctx, token, id); err != nil {
		return nil, nil, err
	}
	// The PKP's quota only once the caller may use it: a stranger's
	// requests must not spend another's PKP's bucket.
	if err := n.quota.allow(quotaSign, "perPkp", "0x"+token.Text(16)); err != nil {
		return nil, nil, err
	}
	release, err = n.quota.holdSigning(caller)
	if err != nil {
		return nil, nil, err
	}
	return key, release, nil
}

// tellRefused hands the signer this node's refusal of a sign request (a
// client's error, 4xx): if this node leads the request, the signing machine
// tells the other nodes, which answer NodeLeaderRefused at once. A failure
// of this node's own (5xx) is not a refusal and is not announced.
func (n *Node) tellRefused(requestID []byte, hash [32]byte, pub []byte, err error) {
	status, _, code := apiErr(err)
	if status >= 500 || n.signer == nil {
		return
	}
	pt, perr := secp.ParsePublicKey(pub)
	if perr != nil {
		return // not a key: no request of a PKP has it
	}
	n.signer.refuse(requestID, hash, secp.Compress(&pt), code)
}
