// Package bls is Flint's threshold BLS engine over BLS12-381, wire-compatible with
// Lit Protocol's network key (the Rust crate blsful 2.5, Bls12381G2Impl, that the
// Lit JS SDK v7 uses).
//
// The network key: public key in G1 (48-byte compressed), signatures and
// signature shares in G2 (96-byte compressed), ZCash/IETF point encoding,
// proof-of-possession scheme: messages are hashed to G2 with RFC 9380
// BLS12381G2_XMD:SHA-256_SSWU_RO_ and the DST
// "BLS_SIG_BLS12381G2_XMD:SHA-256_SSWU_RO_POP_". The secret key is shared with a
// polynomial of degree 2t, so a quorum of q = 2t+1 shares makes a signature.
//
// A share is named by an Identifier, the x-coordinate at which the key polynomial
// is evaluated, written on the wire as a 32-byte little-endian scalar. Flint's
// node i (1..n) uses the identifier i; shares of other networks may use any
// non-zero scalar.
//
// Roles:
//   - A node holds a KeyShare (persisted with MarshalBinary/UnmarshalKeyShare)
//     and answers with KeyShare.Sign, a SignatureShare (binary: IndexedBytes,
//     or ID and Value; Lit's {"ProofOfPossession": …} JSON is wire's).
//   - A client combines shares: PublicPoly.Combine interpolates a quorum
//     optimistically and verifies once; only when that fails does it check the
//     shares one by one against the public key shares and name the bad ones in a
//     *BadSharesError. Interpolate combines without a public polynomial, for when
//     only the network public key is known.
//
// Every decoder validates fully: lengths, canonical field elements, points on the
// curve and in the prime-order subgroup, no identity element where it is not
// meaningful, non-zero identifiers below the group order. The arithmetic is
// gnark-crypto's (constant-time field arithmetic, fast pairing, RFC 9380
// hash-to-curve); the distributed key generation that produces key shares is in
// the sub-package dkg, on drand/kyber. Time-lock (identity-based) encryption is in
// the sub-package timelock.
package bls
