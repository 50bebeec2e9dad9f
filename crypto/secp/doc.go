// Package secp adds to decred's secp256k1 what Flint's threshold protocols
// need and the library does not have: strict encodings of scalars and points
// for untrusted input, hashing to scalars (RFC 9380 hash_to_field), batch
// normalisation to affine coordinates, multi-scalar multiplication for batch
// verification, and fixed-base comb tables that make repeated multiplications
// of one point cheap.
//
// Scalars are decred ModNScalar values (mod N, the group order) and points are
// decred JacobianPoint values. A point is "affine" when its Z is exactly 1 and
// X, Y are normalised; functions that need affine input say so, because
// mixed additions with affine points are the cheap ones.
//
// On the wire, points between nodes are 65-byte uncompressed encodings: on
// this curve checking y² = x³ + 7 costs three field multiplications while
// decompressing costs a square root (about 16 µs), and a presignature batch
// moves thousands of points.
package secp
