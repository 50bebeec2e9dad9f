package tecdsa

import (
	"errors"
	"fmt"
	"slices"

	"github.com/flint-network/flint/crypto/hd"
	"github.com/flint-network/flint/crypto/secp"
	"github.com/flint-network/flint/crypto/vss"
)

// rerandomizeDST separates the hash that re-randomises a presignature for one
// request (Groth–Shoup) from every other hash in Flint.
const rerandomizeDST = "flint/ecdsa/rerandomize"

// ErrSign is wrapped by errors about a signing request that cannot be served.
var ErrSign = errors.New("tecdsa: cannot sign")

// SignRequest is what a node needs, besides its presignature, to compute its
// signature share.
type SignRequest struct {
	KeyScalar secp.Scalar // s = hd.KeyScalar(keyID)
	PublicKey secp.Point  // X' = Σ s^j·X_j, affine
	Hash      [32]byte    // m: exactly 32 bytes, nothing else is signed
	RequestID []byte
	// Signers is the request's signer set S in Lit mode: the share is then
	// weighted by λ_i^S so that the client only has to add the shares. Empty
	// for plain shares, which the client interpolates from any 2t+1.
	Signers []uint32
}

// SignatureShare is one node's answer to a signing request.
type SignatureShare struct {
	Index     uint32
	Sigma     secp.Scalar // σ_i, or λ_i^S·σ_i when Weighted
	R         secp.Point  // R' = δ·R, affine
	PublicKey secp.Point  // X', affine
	Hash      [32]byte
	Weighted  bool
}

// Delta returns the re-randomiser δ of presignature p for one request:
// hash_to_scalar over R ‖ X' ‖ m ‖ p.id ‖ requestId. It depends on the
// message, so the nonce of a presignature is unknown until the request is.
func Delta(p *Presignature, req *SignRequest) (secp.Scalar, error) {
	r, x := secp.Compress(&p.R), secp.Compress(&req.PublicKey)
	d, err := secp.HashToScalar([]byte(rerandomizeDST), r[:], x[:], req.Hash[:], p.ID.Bytes(), req.RequestID)
	if err == nil && d.IsZero() {
		err = fmt.Errorf("%w: δ is zero", ErrSign)
	}
	return d, err
}

// Sign computes this node's share σ_i = (δ·w)^−1·(m·a_i + r·b'_i) with
// R' = δ·R, r = x(R') and b'_i = a_i·x'_i + z^b_i, where x'_i = Σ_j s^j·x_{j,i}
// is this node's share of the PKP key, derived from its root-key shares
// (key). The zero share z^b_i masks the product a_i·x'_i for whichever key
// the presignature serves, once. The caller must have bound the presignature
// to this request durably first, and seen the binding endorsed (§5).
func (p *Presignature) Sign(key *KeyShare, req *SignRequest) (*SignatureShare, error) {
	if key == nil || key.Index != p.Index || len(key.Secrets) != RootKeys {
		return nil, fmt.Errorf("%w: key share does not belong to node %d", ErrSign, p.Index)
	}
	if len(req.RequestID) == 0 || len(req.RequestID) > MaxRequestID {
		return nil, fmt.Errorf("%w: request id of %d bytes", ErrSign, len(req.RequestID))
	}
	if secp.IsInfinity(&req.PublicKey) || !req.PublicKey.Z.IsOne() {
		return nil, fmt.Errorf("%w: public key must be an affine point", ErrSign)
	}
	var lambda secp.Scalar
	if len(req.Signers) > 0 {
		if err := vss.CheckIndices(req.Signers); err != nil {
			return nil, fmt.Errorf("%w: signer set: %v", ErrSign, err)
		}
		if !slices.Contains(req.Signers, p.Index) {
			return nil, fmt.Errorf("%w: node %d is not in the signer set", ErrSign, p.Index)
		}
		lambda, _ = vss.LagrangeOne(req.Signers, p.Index)
	}
	delta, err := Delta(p, req)
	if err != nil {
		return nil, err
	}
	var rp secp.Point
	if c := p.comb.Load(); c != nil {
		rp = c.MulAffine(&delta)
	} else {
		rp = secp.ScalarMult(&delta, &p.R)
	}
	if secp.IsInfinity(&rp) {
		return nil, fmt.Errorf("%w: R' is the point at infinity", ErrSign)
	}
	var r, m secp.Scalar
	r.SetBytes(rp.X.Bytes())
	if r.IsZero() {
		return nil, fmt.Errorf("%w: r is zero", ErrSign)
	}
	m.SetByteSlice(req.Hash[:])
	xi := hd.DeriveScalar(key.Secrets, &req.KeyScalar)
	var bp secp.Scalar
	bp.Mul2(&p.A, &xi).Add(&p.ZB)
	// σ_i = (δ·w)^−1 · (m·a_i + r·b'_i)
	var num, den, t secp.Scalar
	num.Mul2(&m, &p.A)
	num.Add(t.Mul2(&r, &bp))
	den.Mul2(&delta, &p.W).InverseNonConst()
	num.Mul(&den)
	share := &SignatureShare{Index: p.Index, Sigma: num, R: rp, PublicKey: req.PublicKey, Hash: req.Hash}
	if len(req.Signers) > 0 {
		share.Sigma.Mul(&lambda)
		share.Weighted = true
	}
	return share, nil
}
