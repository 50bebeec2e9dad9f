package tecdsa

import (
	"encoding/binary"

	"github.com/decred/dcrd/dcrec/secp256k1/v4"

	"github.com/flint-network/flint/crypto/secp"
)

// cpProof is a Chaum–Pedersen proof that log_G(A) = log_R(T), in the compact
// (challenge, response) form: 64 bytes. It is verified only when the batch
// check of a presignature's opening fails, to name the party whose T is
// wrong, so its compactness matters more than batch-verifiability.
type cpProof struct {
	c, z secp.Scalar
}

const cpDST = "flint/tecdsa/chaum-pedersen"

// cpContext binds a proof to one presignature of one run and to its prover.
// The decision digest fixes every commitment, hence A, without hashing it.
type cpContext struct {
	decision [32]byte
	presig   uint16
	prover   uint32
}

func (x *cpContext) challenge(r, t, u1, u2 *secp.Point) secp.Scalar {
	var hdr [32 + 2 + 4]byte
	copy(hdr[:], x.decision[:])
	binary.BigEndian.PutUint16(hdr[32:], x.presig)
	binary.BigEndian.PutUint32(hdr[34:], x.prover)
	rc, tc, c1, c2 := secp.Compress(r), secp.Compress(t), secp.Compress(u1), secp.Compress(u2)
	c, err := secp.HashToScalar([]byte(cpDST), hdr[:], rc[:], tc[:], c1[:], c2[:])
	if err != nil {
		panic(err) // constant DST: cannot fail
	}
	return c
}

// verify checks the proof for A = a·G and T = a·R (all affine).
func (p *cpProof) verify(x *cpContext, a, r, t *secp.Point) bool {
	var u1, u2, ca, ct secp.Point
	var negC secp.Scalar
	negC.NegateVal(&p.c)
	// U1 = z·G − c·A, U2 = z·R − c·T
	secp256k1.ScalarBaseMultNonConst(&p.z, &u1)
	secp256k1.ScalarMultNonConst(&negC, a, &ca)
	secp.Add(&u1, &ca, &u1)
	secp256k1.ScalarMultNonConst(&p.z, r, &u2)
	secp256k1.ScalarMultNonConst(&negC, t, &ct)
	secp.Add(&u2, &ct, &u2)
	if secp.IsInfinity(&u1) || secp.IsInfinity(&u2) {
		return false
	}
	pts := []secp.Point{u1, u2}
	secp.BatchToAffine(pts)
	c := x.challenge(r, t, &pts[0], &pts[1])
	return c.Equals(&p.c)
}
