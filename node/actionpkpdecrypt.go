package node

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"

	"github.com/flint-network/flint/actions"
	"github.com/flint-network/flint/crypto/hd"
	"github.com/flint-network/flint/crypto/pkpenc"
	"github.com/flint-network/flint/crypto/vss"
	"github.com/flint-network/flint/ipfs"
)

// tagPKPDecrypt names the PKP decryption shares in the Action mailbox, by
// the PKP and the ciphertext.
const tagPKPDecrypt = "pkpdec"

// pkpActionRefused is the refusal of decryptWithPkp to an Action the PKP
// does not permit; it is ErrNotPermitted.
type pkpActionRefused struct {
	cid string
	pub []byte
}

func (e *pkpActionRefused) Error() string {
	return fmt.Sprintf("this Action (%s) is not a permitted Action of the PKP 0x%x at its current owner generation: it may not decrypt with it (grants from before the PKP's last sale do not count)", e.cid, e.pub)
}

func (e *pkpActionRefused) Unwrap() error { return ErrNotPermitted }

// DecryptWithPKP implements actions.Host (Lit.Actions.decryptWithPkp, a
// Flint extension; docs/pkp-encryption.md §7). The caller here is the
// Action: the PKP must permit req.Frame.CID, the CID this node computed of
// the code or checked it against, read at the PKP's current owner
// generation. Then, as /flint/v1/pkp/decrypt does for a client, the node
// derives x'_i itself, checks the sender's proof that the ciphertext was
// made for this PKP (inside DecryptionShare), and makes its share; the
// share goes only to the nodes running this execution, under this
// execution's scope and the Action's frame, so no other request reads it.
// Every node verifies the shares it gets against the public shares the
// root keys' commitments give, drops and names bad ones, and combines a
// quorum with CombineOpen.
func (h *actionHost) DecryptWithPKP(ctx context.Context, req actions.PKPDecryptRequest) ([]byte, error) {
	n := h.n
	fail := func(err error) ([]byte, error) { return nil, fmt.Errorf("decryptWithPkp: %w", err) }
	st := n.state.Load()
	if st == nil || !n.published.Load() {
		return fail(ErrNotReady)
	}
	ct, err := pkpenc.Parse(req.Ciphertext)
	if err != nil {
		return fail(fmt.Errorf("ciphertext: %w", err))
	}
	if len(req.AAD) > pkpenc.MaxAAD {
		return fail(fmt.Errorf("aad of %d bytes (at most %d)", len(req.AAD), pkpenc.MaxAAD))
	}
	key, token, err := n.pkp(ctx, req.PublicKey)
	if err != nil {
		return fail(err)
	}
	refused := &pkpActionRefused{cid: req.Frame.CID, pub: key.compressed[:]}
	cid, err := ipfs.Parse(req.Frame.CID)
	if err != nil {
		return fail(refused)
	}
	permitted, err := n.chain.IsPermittedAction(ctx, token, cid.Bytes())
	if err != nil {
		return fail(&chainFailure{op: "reading the PKP's permitted Actions", err: err})
	}
	if !permitted {
		return fail(refused)
	}
	if err := n.quota.allow(quotaDecrypt, "perPkp", "0x"+token.Text(16)); err != nil {
		return fail(err)
	}
	x := hd.DeriveScalar(st.ecdsa.Secrets, &key.s)
	sh, err := pkpenc.DecryptionShare(&x, st.ecdsa.Index, &key.pub, ct)
	x.Zero()
	if errors.Is(err, pkpenc.ErrNotForKey) {
		return fail(errors.New("the ciphertext's proof does not hold for this PKP: it was made for another PKP, or altered"))
	}
	if err != nil {
		return fail(err)
	}
	v := n.view()
	live := n.live(v)
	name := sha256.New()
	writeField(name, key.compressed[:])
	writeField(name, req.Ciphertext)
	k := newMailKey(h.scope, req.Frame, tagPKPDecrypt, string(name.Sum(nil)))
	n.shareValue(k, sh.Bytes(), live, n.acts.collectWait)
	pt, err := h.combinePKPShares(ctx, k, key, ct, req.AAD, v.t, live)
	if err != nil {
		return fail(err)
	}
	return pt, nil
}

// combinePKPShares waits for the nodes' PKP decryption shares under k,
// verifies each against the node's public share of the PKP key, and opens
// the ciphertext with the first t+1 valid ones. A share that does not
// parse, names another index than its sender's, or does not verify is
// dropped and its node named in the log and, if no quorum comes, in the
// error.
func (h *actionHost) combinePKPShares(ctx context.Context, k mailKey, key *pkpKey, ct *pkpenc.Ciphertext, aad []byte, t int, live []uint32) ([]byte, error) {
	n := h.n
	st := n.state.Load()
	if st == nil {
		return nil, ErrNotReady
	}
	need := t + 1
	wait := n.acts.collectWait
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	bad := map[uint32]string{}
	good := map[uint32]*pkpenc.Share{}
	for {
		got, werr := n.acts.box.wait(wctx, k, func(m map[uint32][]byte) bool {
			fresh := 0
			for node := range m {
				if _, b := bad[node]; !b {
					fresh++
				}
			}
			return fresh >= need || len(m) >= len(live)
		})
		for node, raw := range got {
			if _, b := bad[node]; b {
				continue
			}
			if _, ok := good[node]; ok {
				continue
			}
			if why := verifyPKPShare(st.ecdsa.Commitments, key, ct, node, raw); why != "" {
				bad[node] = why
				n.log.Warn("action: bad pkp decryption share", "request_id", h.requestID, "node", node, "err", why)
				continue
			}
			sh, _ := pkpenc.ParseShare(raw)
			good[node] = sh
		}
		if len(good) < need {
			if werr != nil || len(got) >= len(live) {
				return nil, fmt.Errorf("%d valid decryption shares of %d needed within %v%s", len(good), need, wait, badNodes(bad))
			}
			continue
		}
		nodes := make([]uint32, 0, len(good))
		for node := range good {
			nodes = append(nodes, node)
		}
		slices.Sort(nodes)
		shares := make([]*pkpenc.Share, 0, len(nodes))
		for _, node := range nodes {
			shares = append(shares, good[node])
		}
		pt, _, err := pkpenc.CombineOpen(&key.pub, ct, aad, shares, t)
		if err != nil {
			// Every share verified, so x'·U is right: the ciphertext or the
			// aad is what does not open.
			return nil, fmt.Errorf("the ciphertext does not open with this aad: %w", err)
		}
		return pt, nil
	}
}

// verifyPKPShare checks a node's share: its format, that it carries the
// sender's index as the transport authenticated it, and its proof against
// the sender's public share X'_i of the PKP key, from the root keys'
// commitments every node holds. It returns what is wrong, or "".
func verifyPKPShare(roots []vss.Commitment, key *pkpKey, ct *pkpenc.Ciphertext, from uint32, raw []byte) string {
	sh, err := pkpenc.ParseShare(raw)
	if err != nil {
		return "malformed share"
	}
	if sh.Index != from {
		return fmt.Sprintf("share for index %d", sh.Index)
	}
	pub, err := pkpenc.PublicShare(roots, &key.s, from)
	if err != nil {
		return "no public share for its index"
	}
	if err := pkpenc.VerifyShare(sh, &pub, &ct.U); err != nil {
		return "share does not verify"
	}
	return ""
}
