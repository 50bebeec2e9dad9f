package tecdsa

import (
	"encoding/binary"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/flint-network/flint/crypto/secp"
)

// wProof is party i's Chaum–Pedersen proof, for one presignature, that its
// opening w_i is exactly a_i·k_i + z^w_i:
//
//	log_G(A_i) = log_{K_i}(w_i·G − Z^w_i)
//
// where A_i = a_i·G, K_i = k_i·G and Z^w_i = z^w_i·G are public: every party
// evaluates them from the commitments the decision fixed. The prover picks ρ,
// sends U1 = ρ·G and U2 = ρ·K_i (it knows k_i, so U2 = (ρ·k_i)·G costs a
// base-point multiplication), and z = ρ + e·a_i with e hashed from the
// decision, the presignature, the prover, w_i, U1 and U2. A verifier checks
//
//	z·G = U1 + e·A_i    and    z·K_i = U2 + e·(w_i·G − Z^w_i).
//
// It is sent in this (U1, U2, z) form rather than the compact (e, z) so that a
// whole batch of proofs from every party is verified at once, with random
// weights, in two multi-scalar multiplications (Presign.proofsHold); a single
// proof is checked on its own only to name the party whose value is wrong.
type wProof struct {
	u1, u2 secp.Point // affine
	z      secp.Scalar
}

const wProofDST = "flint/tecdsa/w-proof"

// proofContext binds a proof to one presignature of one run and to its
// prover. The decision digest fixes every commitment, hence A_i, K_i and
// Z^w_i, so they need not be hashed.
type proofContext struct {
	decision [32]byte
	presig   uint16
	prover   uint32
}

// challenge returns e for the proof's first message. u1 and u2 are the
// 65-byte encodings as sent.
func (x *proofContext) challenge(w *secp.Scalar, u1, u2 []byte) secp.Scalar {
	var hdr [32 + 2 + 4 + 32]byte
	copy(hdr[:], x.decision[:])
	binary.BigEndian.PutUint16(hdr[32:], x.presig)
	binary.BigEndian.PutUint32(hdr[34:], x.prover)
	w.PutBytesUnchecked(hdr[38:])
	e, err := secp.HashToScalar([]byte(wProofDST), hdr[:], u1, u2)
	if err != nil {
		panic(err) // constant DST and lengths: cannot fail
	}
	return e
}

// verifyOne checks one proof on its own, with the public values computed by
// the caller (affine or Jacobian).
func (p *wProof) verifyOne(e *secp.Scalar, w *secp.Scalar, a, k, zw *secp.Point) bool {
	var negE secp.Scalar
	negE.NegateVal(e)
	// z·G − e·A = U1
	var ea, lhs secp.Point
	zg := secp.BaseMult(&p.z)
	secp256k1.ScalarMultNonConst(&negE, a, &ea)
	secp.Add(&zg, &ea, &lhs)
	if !secp.Equal(&lhs, &p.u1) {
		return false
	}
	// z·K − e·(w·G − Z^w) = U2
	var negZ, wp, zk, ewp secp.Point
	wg := secp.BaseMult(w)
	secp.Negate(zw, &negZ)
	if secp.IsInfinity(zw) {
		wp = wg
	} else {
		secp.Add(&wg, &negZ, &wp)
	}
	secp256k1.ScalarMultNonConst(&p.z, k, &zk)
	secp256k1.ScalarMultNonConst(&negE, &wp, &ewp)
	secp.Add(&zk, &ewp, &lhs)
	return secp.Equal(&lhs, &p.u2)
}
