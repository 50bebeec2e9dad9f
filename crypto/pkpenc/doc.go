// Package pkpenc encrypts data to a PKP's public key so that only callers the
// PKP permits can decrypt it, with the PKP's key never assembled anywhere.
//
// A PKP key x' is Shamir-shared among the nodes (node i holds x'_i, derived
// as in crypto/hd); its public key X' = x'·G is public. Encryption is ECIES
// on secp256k1: the sender picks r, sends U = r·G, and derives an AES-256-GCM
// key from the shared point S = r·X' = x'·U with HKDF-SHA256, binding X' and
// U. To decrypt, the caller asks the nodes for decryption shares: node i
// returns D_i = x'_i·U with a Chaum–Pedersen proof that log_G(X'_i) =
// log_U(D_i), where X'_i = x'_i·G is its public share. Any t+1 correct shares
// interpolate at 0 to x'·U = S (Combine), which opens the ciphertext (Open).
// A node releases its share only to callers the PKP permits, so whoever
// controls the PKP — the NFT's current owner, its permitted addresses and
// auth methods, its permitted Actions — can decrypt, and selling the NFT hands
// the data to the buyer.
//
// The sender also proves knowledge of r, bound to X' (a Schnorr proof in the
// header), and a node releases a share only for a ciphertext whose proof
// holds for the PKP it was asked about (DecryptionShare checks it). Without
// that check the nodes would be an ECDH oracle for every PKP key, and since
// HD-derived keys x'(s) = Σ s^j·x_j are a degree-9 polynomial in the public
// s, anyone holding ten PKPs could interpolate x'·U for any other PKP and
// open its ciphertexts (TestCrossPKPAttack carries that attack out).
//
// The byte formats, the key derivation, the proofs and the security argument
// are in docs/pkp-encryption.md. In short:
//
//	ciphertext = 0x01 ‖ U (33, compressed) ‖ e ‖ z (proof of knowledge of r, 64)
//	             ‖ nonce (12) ‖ key commitment (32) ‖ AES-256-GCM(ct ‖ tag)
//	share      = 0x01 ‖ index (2, big-endian) ‖ D_i (33, compressed) ‖ e (32) ‖ z (32)
//
// # Finding bad shares
//
// A share is checked against the node's public share X'_i (VerifyShare),
// which PublicShare computes from the root keys' Feldman commitments and the
// PKP's key id. When the caller does not have the commitments it uses
// CombineOpen instead: it tries sets of t+1 shares, keeps the one whose point
// matches the ciphertext's key commitment, and names the shares that lie off
// the polynomial that set defines once enough shares agree on it.
//
// # Constant time
//
// decred's and gnark's point multiplications are variable-time. The node's
// multiplications by its secret share x'_i (X'_i and D_i) and by the proof
// nonce are therefore blinded multiplicatively with a fresh random scalar per
// share, so their timing depends only on values that are uniformly random and
// used once. Scalar arithmetic on secrets uses decred's constant-time
// ModNScalar operations. Everything the client does works on public values.
package pkpenc
